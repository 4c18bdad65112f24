// tests/bench/compare.mjs: are two answers the same, family by family?
//
//   node compare.mjs NAME RESULTS.csv NAME ANSWERS.csv
//
// Both files have columns family_id, eligible, indicators_met and
// outcomes_achieved (the evaluator's results.csv has more; they are not
// compared). Items within a field are compared as sets, whatever their
// order. Exit 0 and one line when they agree; else exit 1 naming the first
// families that differ and how.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const [nameA, fileA, nameB, fileB] = process.argv.slice(2);
if (!fileB) {
	console.error('usage: node compare.mjs NAME A.csv NAME B.csv');
	process.exit(2);
}
const COLUMNS = ['eligible', 'indicators_met', 'outcomes_achieved'];

function fields(line) { // one RFC 4180 row (no line breaks inside fields here)
	const out = [];
	let i = 0;
	for (;;) {
		let v = '';
		if (line[i] === '"') {
			for (i++; i < line.length; i++) {
				if (line[i] === '"') {
					if (line[i + 1] === '"') { v += '"'; i++; } else { i++; break; }
				} else v += line[i];
			}
		} else {
			const j = line.indexOf(',', i);
			v = line.slice(i, j < 0 ? line.length : j);
			i = j < 0 ? line.length : j;
		}
		out.push(v);
		if (line[i] !== ',') return out;
		i++;
	}
}

async function load(file) {
	const answers = new Map();
	let header = null, idx;
	for await (const line of createInterface({ input: createReadStream(file), crlfDelay: Infinity })) {
		if (!line) continue;
		const f = fields(line);
		if (!header) {
			header = f;
			idx = ['family_id', ...COLUMNS].map((c) => {
				const k = header.indexOf(c);
				if (k < 0) { console.error(`${file}: no ${c} column`); process.exit(2); }
				return k;
			});
			continue;
		}
		const [id, ...rest] = idx.map((k) => f[k] ?? '');
		answers.set(id, rest.map((v, k) => k === 0 ? v : v.split(';').filter(Boolean).sort().join(';')));
	}
	return answers;
}

const [a, b] = await Promise.all([load(fileA), load(fileB)]);
const diffs = [];
for (const [id, va] of a) {
	const vb = b.get(id);
	if (!vb) { diffs.push(`${id}: missing from ${nameB}`); continue; }
	for (let k = 0; k < COLUMNS.length; k++)
		if (va[k] !== vb[k]) diffs.push(`${id}: ${COLUMNS[k]} ${nameA} "${va[k]}", ${nameB} "${vb[k]}"`);
}
for (const id of b.keys())
	if (!a.has(id)) diffs.push(`${id}: missing from ${nameA}`);
if (diffs.length) {
	console.error(`${nameB} differs from ${nameA} in ${diffs.length} answers; the first:`);
	for (const d of diffs.slice(0, 8)) console.error('  ' + d);
	process.exit(1);
}
let eligible = 0;
for (const v of a.values()) if (v[0] === 'yes') eligible++;
console.log(`${nameB} agrees with ${nameA}: ${a.size} families, ${eligible} eligible`);
