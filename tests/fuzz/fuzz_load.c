/*
 * fuzz_load.c - libFuzzer harness for the data side of an evaluator: the
 * input is an extract, families.csv, people.csv and records.csv one after
 * the other, separated by form feeds (\f; a part not given is an empty
 * file). It is loaded (runtime/read/reader.c), every family is judged under a real
 * plan (FUZZ_PLAN_C, the C ehpc generated for it) with evidence, and the
 * results, evidence and rejects are written to memory. Besides not
 * crashing:
 *   - the rejects file is well-formed CSV, one row per bad row counted;
 *   - every row of people.csv and records.csv is either kept or rejected,
 *     never both or neither (a families row may be both: a family kept
 *     with a bad date), but for a row whose cells are all empty or spaces,
 *     which is ignored as a blank line is;
 *   - results.csv is well-formed CSV with one row per family;
 *   - a family with a rejected row, or with no member in people.csv, is
 *     never claimable and says so.
 */
#include <ctype.h>
#include <string.h>
#include "csv.h"
#include "evidence_json.h"
#include "fuzz.h"
#include "fuzz_data.h"
#include "load.h"
#include "output.h"

static const char *const NAMES[3] = { "families.csv", "people.csv", "records.csv" };

/* Every cell of a well-formed row empty or spaces: the reader ignores it. */
static bool blank(const csv_reader *r)
{
	if (r->error)
		return false;
	for (size_t i = 0; i < r->n_fields; i++)
		for (size_t k = 0; k < csv_len(r, i); k++)
			if (!isspace((unsigned char)csv_field(r, i)[k]))
				return false;
	return true;
}

/* Rows of a CSV text after its header, each required to have n fields (any
 * shape when n is 0; and then rows that are blank() are not counted). A
 * rejected row is kept exactly as read, NUL bytes and all, so only there may
 * a row read back as malformed, and only for a NUL. by_file, when given,
 * counts the rows of each input file named in the first field. */
static size_t csv_rows(const char *text, size_t len, size_t n, const char *what, size_t by_file[3])
{
	bool may_hold_nul = !strcmp(what, "rejects.csv");
	char *copy;
	FILE *f = read_stream(text, len, &copy);
	csv_reader r;
	csv_open(&r, f, what);
	size_t rows = 0;
	while (csv_next(&r)) {
		if (r.error && may_hold_nul && memchr(r.raw, '\0', r.raw_len))
			r.error = NULL;
		fuzz_require(!n || (!r.error && r.n_fields == n), what);
		if (!n && !rows && !r.error)
			csv_expect(&r, r.n_fields); /* rows over several lines cut back as the reader cuts them */
		if (!n && rows && blank(&r))
			continue;
		for (int i = 0; by_file && rows && i < 3; i++)
			by_file[i] += csv_len(&r, 0) == strlen(NAMES[i]) && !memcmp(csv_field(&r, 0), NAMES[i], csv_len(&r, 0));
		rows++;
	}
	csv_close(&r);
	fclose(f);
	free(copy);
	return rows ? rows - 1 : 0;
}

static void judge(const ehp_dataset *ds, ehp_date claim)
{
	memfile results, evidence;
	mem_open(&results);
	mem_open(&evidence);
	double *params = fuzz_default_params(fuzz_plan);
	ehp_results res = { 0 };
	ehp_trace trace = { 0 };
	ehp_evidence_writer own = { 0 }, shared = { 0 };
	ehp_json own_line = { 0 }, shared_line = { 0 };
	ehp_results_header(results.f);
	ehp_buf rows = { 0 };
	const char *records_name = "records.csv";
	ehp_evidence_json_header(evidence.f, fuzz_plan, claim, &(ehp_file_names){ &records_name, 1 });
	for (size_t i = 0; i < ds->n_families; i++) {
		const ehp_family *fam = &ds->families[i];
		ehp_eval ev = { .fam = fam, .claim = claim, .cal = ehp_calendar_england(), .params = params,
		                .trace = &trace };
		/* Each member's evidence their own, then shared where it can be:
		 * the same evidence.jsonl line either way. */
		trace.n = 0;
		own_line.len = shared_line.len = 0;
		ehp_evaluate_family(fuzz_plan, &ev, &res);
		ehp_evidence_json_family(&own, &own_line, fuzz_plan, fam, &res, &trace);
		ev.share_evidence = true;
		trace.n = 0;
		ehp_evaluate_family(fuzz_plan, &ev, &res);
		ehp_evidence_json_family(&shared, &shared_line, fuzz_plan, fam, &res, &trace);
		fuzz_require(own_line.len == shared_line.len && !memcmp(own_line.p, shared_line.p, own_line.len),
		             "evidence.jsonl differs when members share evidence");
		for (size_t k = 0; k < shared_line.len; k++) /* one line of JSON: control bytes escaped */
			fuzz_require((unsigned char)shared_line.p[k] >= 0x20 || k == shared_line.len - 1,
			             "evidence.jsonl: a control byte not escaped");
		fuzz_require(!ehp_family_incomplete(fam) || res.claimable != EHP_TRUE, "claimable on incomplete data");
		fuzz_require(!fam->no_members || strstr(res.reason, "no members in the people file"),
		             "a family with no members does not say so");
		ehp_results_row(&rows, fuzz_plan, fam, &res);
		fwrite(shared_line.p, 1, shared_line.len, evidence.f);
	}
	fwrite(rows.p, 1, rows.len, results.f);
	ehp_buf_free(&rows);
	fflush(results.f);
	fflush(evidence.f);
	fuzz_require(csv_rows(results.text, results.len, 9, "results.csv", NULL) == ds->n_families,
	             "results.csv has not one row per family");
	size_t lines = 0;
	for (size_t k = 0; k < evidence.len; k++)
		lines += evidence.text[k] == '\n';
	fuzz_require(lines == ds->n_families + 1, "evidence.jsonl has not one line per family after its first");
	ehp_evidence_writer_free(&own);
	ehp_evidence_writer_free(&shared);
	ehp_buf_free(&own_line);
	ehp_buf_free(&shared_line);
	ehp_results_free(&res);
	ehp_trace_free(&trace);
	free(params);
	mem_close(&results);
	mem_close(&evidence);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	fuzz_the_plan();
	const char *p = (const char *)data, *end = p + size;
	FILE *files[3];
	char *copies[3];
	size_t rows[3];
	for (int i = 0; i < 3; i++) {
		const char *cut = i < 2 ? memchr(p, '\f', (size_t)(end - p)) : NULL;
		size_t len = cut ? (size_t)(cut - p) : (size_t)(end - p);
		files[i] = read_stream(p, len, &copies[i]);
		rows[i] = csv_rows(p, len, 0, NAMES[i], NULL);
		p = cut ? cut + 1 : end;
	}
	memfile rejects;
	mem_open(&rejects);
	fputs("file,line,field,reason,row\n", rejects.f);
	ehp_rejects rj = { .out = rejects.f, .max_shown = 0, .quiet = true };
	ehp_dataset ds;
	char err[512];
	if (ehp_load_streams(&ds, files, NAMES, &rj, err, sizeof err) == 0) {
		fflush(rejects.f);
		size_t rejected[3] = { 0 };
		fuzz_require(csv_rows(rejects.text, rejects.len, 5, "rejects.csv", rejected) == rj.count,
		             "rejects.csv has not one row per rejected row");
		size_t people = 0, records = 0;
		for (size_t i = 0; i < ds.n_families; i++) {
			people += ds.families[i].n_people;
			records += ds.families[i].n_records;
		}
		fuzz_require(rows[1] == people + rejected[1], "a people row not kept nor rejected, or both");
		fuzz_require(rows[2] == records + rejected[2], "a records row not kept nor rejected, or both");
		fuzz_require(ds.n_families <= rows[0] && rows[0] <= ds.n_families + rejected[0],
		             "a families row not kept nor rejected");
		judge(&ds, ehp_date_from_ymd(2025, 6, 30));
		ehp_dataset_free(&ds);
	}
	mem_close(&rejects);
	for (int i = 0; i < 3; i++) {
		fclose(files[i]);
		free(copies[i]);
	}
	return 0;
}
