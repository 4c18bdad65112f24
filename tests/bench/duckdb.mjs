// tests/bench/duckdb.mjs: the DuckDB baseline of make bench.
//
//   node duckdb.mjs DATA_DIR TERMS_CSV CLAIM_DATE VIEWS.sql QUERY.sql OUT.csv [THREADS]
//
// Loads DATA_DIR/{families,people,records}.csv and the school terms into
// tables, creates the views (tests/bench/restricted.duckdb.sql), runs the
// query (tests/bench/restricted.sql) and writes its rows to OUT.csv. Everything is counted in the bench's time, loading
// included: a council's analyst has to load the extract too. THREADS
// defaults to 2, the cores the evaluator gets.
import { readFileSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';

const [dataDir, termsCsv, claim, viewsFile, queryFile, outCsv, threads = '2'] = process.argv.slice(2);
if (!outCsv) {
	console.error('usage: node duckdb.mjs DATA_DIR TERMS_CSV CLAIM_DATE VIEWS.sql QUERY.sql OUT.csv [THREADS]');
	process.exit(2);
}
const q = (s) => "'" + String(s).replaceAll("'", "''") + "'";
const csv = (file, columns) =>
	`read_csv(${q(file)}, header = true, auto_detect = false, columns = {${columns}})`;

const instance = await DuckDBInstance.create(':memory:', { threads: String(threads) });
const db = await instance.connect();
await db.run(`CREATE TABLE families AS SELECT * FROM ${csv(`${dataDir}/families.csv`,
	"'family_id': 'VARCHAR', 'entry_date': 'DATE', 'closure_date': 'DATE'")}`);
await db.run(`CREATE TABLE people AS SELECT * FROM ${csv(`${dataDir}/people.csv`,
	"'person_id': 'VARCHAR', 'family_id': 'VARCHAR', 'date_of_birth': 'DATE', 'flags': 'VARCHAR'")}`);
await db.run(`CREATE TABLE records AS SELECT * FROM ${csv(`${dataDir}/records.csv`,
	"'family_id': 'VARCHAR', 'person_id': 'VARCHAR', 'type': 'VARCHAR', 'date': 'DATE', " +
	"'end_date': 'DATE', 'value': 'DOUBLE', 'total': 'DOUBLE', 'score': 'DOUBLE', " +
	"'detail': 'VARCHAR', 'author': 'VARCHAR'")}`);
await db.run(`CREATE TABLE terms AS SELECT * FROM ${csv(termsCsv, "'start': 'DATE', 'end': 'DATE'")}`);
await db.run(`CREATE TABLE params AS SELECT DATE ${q(claim)} AS claim`);
await db.run(readFileSync(viewsFile, 'utf8'));
const query = readFileSync(queryFile, 'utf8').replace(/;\s*$/, '');
await db.run(`COPY (${query}) TO ${q(outCsv)} (HEADER, DELIMITER ',')`);
