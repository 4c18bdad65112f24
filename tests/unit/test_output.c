/*
 * test_output.c - the evaluator's command line (ehp_main) end to end on a
 * small plan: results, evidence and rejects files and their quoting; files
 * written atomically (a failed run leaves the previous files as they were and
 * no temporary files); exit codes 0, 1 (--strict) and 2 (usage, unreadable
 * input, failed write); --set, --version, --help; --verify on whole, mixed
 * and incomplete output folders.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <errno.h>
#include <signal.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include "io_helpers.h"
#include "cli_helpers.h"
#include "output.h"
#include "sha256.h"
#include "workbook.h"
#include "tiny_plan.h"

static const char *FAMILIES = "family_id,entry_date,closure_date\n"
                              "F1,15/03/2024,15/09/2024\n"
                              "\"F,\"\"2\"\"\",2024-03-15,\n";
static const char *PEOPLE = "person_id,family_id,date_of_birth,flags\n"
                            "kid,F1,2010-06-01,\n"
                            "mum,F1,1985-04-03,parent\n"
                            "k2,\"F,\"\"2\"\"\",2012-01-01,\n";
static const char *RECORDS = "family_id,person_id,type,date\n"
                             "F1,kid,offence,20/04/2023\n"
                             "F1,,eviction_notice,2023-06-01\n"
                             "\"F,\"\"2\"\"\",k2,offence,2023-07-01\n";

static void setup_data(cli *c, const char *records)
{
	cli_dirs(c);
	free(io_write(c->data, "families.csv", FAMILIES, 0));
	free(io_write(c->data, "people.csv", PEOPLE, 0));
	free(io_write(c->data, "records.csv", records, 0));
}

/* The records with one more row, which is rejected: a rejects.csv too. */
static void records_with_reject(const cli *c)
{
	char records[1024];
	snprintf(records, sizeof records, "%sF1,kid,offense,2024-01-01\n", RECORDS);
	free(io_write(c->data, "records.csv", records, 0));
}

static void teardown_data(cli *c)
{
	cli_free(c);
}

/* Runs ehp_main with the arguments after argv[0], NULL-terminated. */
static void run(cli *c, ...)
{
	char *argv[32] = { "tiny" };
	int argc = 1;
	va_list ap;
	va_start(ap, c);
	for (char *a; (a = va_arg(ap, char *));) {
		assert_true(argc < 31);
		argv[argc++] = a;
	}
	va_end(ap);
	cli_main(c, &tiny_plan, argc, argv);
}

static char *out_file(const cli *c, const char *name)
{
	return cli_out(c, name);
}

static void test_results_evidence_rejects(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	free(io_write(c.out, "rejects.csv", "stale\n", 0)); /* an earlier run's */
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", NULL);
	assert_int_equal(c.rc, 0);
	char *results = out_file(&c, "results.csv");
	assert_string_equal(results,
	                    "family_id,eligible,themes_met,themes,indicators_met,outcomes_achieved,claimable,reason,data_complete\n"
	                    "F1,yes,2,crime;home,1.1:kid;2.1:household,1a:kid;2a:household,yes,,yes\n"
	                    "\"F,\"\"2\"\"\",yes,1,crime,1.1:k2,,no,claim rule not met: 1.1 for k2 has no outcome achieved,yes\n");
	char *evidence = out_file(&c, "evidence.jsonl");
	/* evidence.jsonl: the run first, then one line per family; kid (member
	 * 0) met 1.1 by test 0 (plan line 11, the first line's "tests") in
	 * window 0, the offence on line 2 of records.csv, records file 0
	 * (docs/evidence.md) */
	assert_true(strncmp(evidence, "{\"ehp_evidence\":4,", 18) == 0);
	assert_contains(evidence, ",\"records_files\":[\"records.csv\"],");
	assert_contains(evidence, "\"tests\":[{\"line\":11,\"column\":8,\"text\":\"there is a record of offence in ");
	assert_contains(evidence, "\n{\"family\":\"F1\",\"line\":2,");
	assert_contains(evidence, "[\"1.1\",[0],true,[[0,0,1,true,null,null,null,[[0,2]]]]]");
	assert_contains(evidence, "\"windows\":[[-365,0]"); /* 2023-03-16 to 2024-03-15, entry the latter */
	assert_contains(evidence, "\n{\"family\":\"F,\\\"2\\\"\",");
	assert_contains(evidence, "[\"1a\",[0],null,[[1,");
	assert_contains(evidence, "support has not closed");
	assert_int_equal(io_exists(c.out, "rejects.csv"), 0); /* no rejects: the stale file is gone */
	assert_int_equal(io_count(c.out, ".tmp."), 0);
	assert_contains(c.cap.out, "Tiny plan, \"for tests\"");
	assert_contains(c.cap.out, "2025-09-15");
	assert_contains(c.cap.out, "families            2");
	assert_contains(c.cap.out, "claimable           1");
	assert_contains(c.cap.out, "crime            2");
	free(results);
	free(evidence);

	/* a second run without --evidence removes the first run's evidence */
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--quiet", NULL);
	assert_int_equal(c.rc, 0);
	assert_int_equal(io_exists(c.out, "evidence.jsonl"), 0);
	assert_string_equal(c.cap.out, "");
	io_capture_free(&c.cap);
	teardown_data(&c);
}

static void test_rejects_and_strict(void **state)
{
	(void)state;
	cli c;
	char records[1024];
	snprintf(records, sizeof records, "%s%s", RECORDS, "F1,kid,offense,2024-01-01\n");
	setup_data(&c, records);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 0);
	char *rejects = out_file(&c, "rejects.csv");
	assert_non_null(rejects);
	assert_contains(rejects, "file,line,field,reason,row\n");
	assert_contains(rejects, "records.csv,5,type,unknown record type (see docs/data-dictionary.md),\"F1,kid,offense,2024-01-01\"\n");
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "F1,yes,2,crime;home,1.1:kid;2.1:household,1a:kid;2a:household,no,data incomplete: 1 row rejected,no\n");
	assert_contains(c.cap.out, "rows rejected       1");
	assert_contains(c.cap.err, "records.csv:5: type: unknown record type");
	assert_not_contains(c.cap.err, "offense");
	free(rejects);
	free(results);

	/* --strict: exit 1, rejects written, no results (the earlier ones removed) */
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--strict", NULL);
	assert_int_equal(c.rc, 1);
	assert_int_equal(io_exists(c.out, "results.csv"), 0);
	assert_int_equal(io_exists(c.out, "rejects.csv"), 1);
	assert_contains(c.cap.err, "--strict");
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* Ids that a spreadsheet would run as formulas (=, +, -, @, a tab or a
 * carriage return first) are written with a leading ' in every file, the
 * raw rows of rejects.csv too; the runtime's own numbers are not touched. */
static void test_cells_spreadsheet_safe(void **state)
{
	(void)state;
	cli c;
	cli_dirs(&c);
	free(io_write(c.data, "families.csv",
	              "family_id,entry_date,closure_date\n"
	              "=1+2,15/03/2024,15/09/2024\n"
	              "@SUM(A1),2024-03-15,\n", 0));
	free(io_write(c.data, "people.csv",
	              "person_id,family_id,date_of_birth,flags\n"
	              "-kid,=1+2,2010-06-01,\n"
	              "+mum,=1+2,1985-04-03,parent\n"
	              "k2,@SUM(A1),2012-01-01,\n", 0));
	free(io_write(c.data, "records.csv",
	              "family_id,person_id,type,date,score\n"
	              "=1+2,-kid,offence,20/04/2023,\n"
	              "=1+2,,eviction_notice,2023-06-01,\n"
	              "=1+2,,assessment,2023-06-01,-3\n"
	              "@SUM(A1),k2,offence,2023-07-01,\n"
	              "=HYPERLINK(x),k2,offence,2023-07-01,\n"
	              "\t-9,k2,offence,2023-07-01,\n"
	              "@SUM(A1),k2,offense,2023-07-02,\n", 0));
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", NULL);
	assert_int_equal(c.rc, 0);
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "\n'=1+2,yes,2,crime;home,1.1:-kid;2.1:household,1a:-kid;2a:household,yes,,yes\n");
	assert_contains(results, "\n'@SUM(A1),yes,1,crime,1.1:k2,,no,");
	assert_not_contains(results, "\n=");
	assert_not_contains(results, "\n@");
	char *evidence = out_file(&c, "evidence.jsonl");
	/* JSON is not opened as a spreadsheet: the ids as they are */
	assert_contains(evidence, "\n{\"family\":\"=1+2\",");
	assert_contains(evidence, "{\"id\":\"-kid\",");
	char *rejects = out_file(&c, "rejects.csv");
	assert_contains(rejects, ",unknown family (not in the families file),\"'=HYPERLINK(x),k2,offence,2023-07-01,\"\n");
	assert_contains(rejects, ",unknown family (not in the families file),\"'\t-9,k2,offence,2023-07-01,\"\n");
	assert_contains(rejects, ",unknown record type (see docs/data-dictionary.md),\"'@SUM(A1),k2,offense,2023-07-02,\"\n");
	free(results);
	free(evidence);
	free(rejects);
	io_capture_free(&c.cap);
	cli_free(&c);

	/* One cell at a time: only a formula's first characters are marked, and
	 * numbers the runtime writes itself never pass through here. */
	char *buf;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	static const char *const cells[] = { "=1",  "+1",  "-1",  "@a",   "\tx",  "\rx",       "a=1",
	                                     " =1", "",    "'=1", "x,=1", "=a,b", "a\"b", "=\"q\"\n" };
	for (size_t i = 0; i < sizeof cells / sizeof *cells; i++) {
		ehp_csv_field(m, cells[i]);
		putc('|', m);
	}
	fclose(m);
	assert_string_equal(buf, "'=1|'+1|'-1|'@a|'\tx|\"'\rx\"|a=1| =1||'=1|\"x,=1\"|\"'=a,b\"|\"a\"\"b\"|"
	                         "\"'=\"\"q\"\"\n\"|");
	free(buf);

	/* A cell made of pieces after other text: quoted in place, the text
	 * before it untouched. */
	ehp_buf b = { 0 };
	ehp_buf_lit(&b, "x,");
	size_t start = b.len;
	ehp_buf_lit(&b, "-1:\"a\"");
	ehp_buf_lit(&b, ";2:b");
	ehp_csv_close_cell(&b, start);
	ehp_buf_char(&b, '\0');
	assert_string_equal(b.p, "x,\"'-1:\"\"a\"\";2:b\"");
	ehp_buf_free(&b);
}

/* The scan for bytes a cell must be quoted for goes sixteen or eight bytes
 * a step, the last block overlapping those before: each of `"` `,` LF CR
 * at every place of cells up to 40 bytes long is
 * found (the cell quoted, a `"` doubled), and bytes one off them, or with
 * the high bit set, are not. */
static void test_cell_quoted_wherever_the_byte_is(void **state)
{
	(void)state;
	static const char specials[] = { '"', ',', '\n', '\r' };
	static const char near[] = { '!', '#', '+', '-', '\t', '\v', '\f', (char)0xA2, (char)0xAC, (char)0x8A };
	for (size_t len = 1; len <= 40; len++) { /* past two of needs_quotes' 16-byte steps */
		char cell[48];
		ehp_buf b = { 0 };
		/* Bytes near the special ones: left as they are (no formula: 'a' first). */
		for (size_t k = 0; k < sizeof near; k++) {
			memset(cell, 'a', len);
			for (size_t i = 1; i < len; i++)
				cell[i] = near[(i + k) % sizeof near];
			b.len = 0;
			ehp_csv_cell(&b, cell, len);
			assert_int_equal(b.len, len);
			assert_memory_equal(b.p, cell, len);
		}
		for (size_t at = 0; at < len; at++)
			for (size_t k = 0; k < sizeof specials; k++) {
				memset(cell, 'a', len);
				cell[at] = specials[k];
				b.len = 0;
				ehp_csv_cell(&b, cell, len);
				/* a CR first is a formula's start too: marked with a ' */
				size_t want = len + 2 + (specials[k] == '"') + (at == 0 && specials[k] == '\r');
				assert_int_equal(b.len, want);
				assert_int_equal(b.p[0], '"');
				assert_int_equal(b.p[want - 1], '"');
			}
		ehp_buf_free(&b);
	}
}

static void test_failed_writes(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	free(io_write(c.out, "results.csv", "previous run\n", 0));

	/* --out is a file: exit 2; a folder that does not exist is made, private */
	char *file = io_write(c.dir, "a-file", "x", 0);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", file, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "cannot make the output folder: ");
	char *missing = io_path(c.dir, "no/such/dir");
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", missing, NULL);
	assert_int_equal(c.rc, 0);
	assert_contains(c.cap.err, "made the output folder ");
	assert_int_equal(io_exists(missing, "results.csv"), 1);
	struct stat st;
	assert_int_equal(stat(missing, &st), 0);
	assert_int_equal(st.st_mode & 0777, 0700);
	free(file);
	free(missing);

	/* evidence.jsonl cannot be created: results.csv keeps the previous run's
	 * contents and no temporary file is left */
	char tmpname[64];
	snprintf(tmpname, sizeof tmpname, "evidence.jsonl.tmp.%ld", (long)getpid());
	char *blocker = io_path(c.out, tmpname);
	assert_int_equal(mkdir(blocker, 0700), 0);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", NULL);
	assert_int_equal(c.rc, 2);
	char *results = out_file(&c, "results.csv");
	assert_string_equal(results, "previous run\n");
	free(results);
	assert_int_equal(io_count(c.out, "results.csv.tmp."), 0);
	rmdir(blocker);
	free(blocker);

	/* results.csv cannot be replaced (it is a directory with something in
	 * it): exit 2, nothing half written */
	char *rp = io_path(c.out, "results.csv");
	remove(rp);
	assert_int_equal(mkdir(rp, 0700), 0);
	free(io_write(rp, "keep", "x", 0));
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "results.csv");
	assert_int_equal(io_count(c.out, ".tmp."), 0);
	free(rp);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

static void test_usage_errors(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	run(&c, "--data", c.data, "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "--as-of");
	run(&c, "--data", c.data, "--as-of", "2025-02-30", "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "`2025-02-30` is not a date");
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--set", "nope=1", NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "no parameter `nope`; it has: months");
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--set", "months=lots", NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "not a number");
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--sett", NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "unknown option `--sett`");
	run(&c, "--as-of", "2025-09-15", "--families", "x.csv", NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "--people");
	char *nodata = io_path(c.dir, "nodata");
	run(&c, "--data", nodata, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "families.csv: cannot open");
	free(nodata);
	char *terms = io_write(c.dir, "terms.csv", "start,end\n2024-09-04,2024-02-01\n", 0);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--terms", terms, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "terms.csv:2: end: before start");
	free(terms);
	free(io_write(c.data, "families.csv", "family_id,entry_date\n", 0));
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "no families");

	run(&c, "--help", NULL);
	assert_int_equal(c.rc, 0);
	assert_contains(c.cap.out, "usage: tiny");
	run(&c, "--version", NULL);
	assert_int_equal(c.rc, 0);
	assert_contains(c.cap.out, "tiny: Tiny plan");
	assert_contains(c.cap.out, "0123abcd");
	assert_contains(c.cap.out, EHP_VERSION);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* --set reaches the plan; the three files may be named one by one. */
static void test_set_and_files(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, "family_id,person_id,type,date\nF1,kid,offence,2022-09-01\n");
	char *f = io_path(c.data, "families.csv"), *p = io_path(c.data, "people.csv"), *r = io_path(c.data, "records.csv");
	run(&c, "--families", f, "--people", p, "--records", r, "--as-of", "2025-09-15", "--out", c.out, "--quiet", NULL);
	assert_int_equal(c.rc, 0);
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "\nF1,no,0,,,");
	free(results);
	run(&c, "--families", f, "--people", p, "--records", r, "--as-of", "2025-09-15", "--out", c.out, "--quiet",
	    "--set", "months=24", NULL);
	assert_int_equal(c.rc, 0);
	results = out_file(&c, "results.csv");
	assert_contains(results, "\nF1,yes,1,crime,1.1:kid,");
	free(results);
	free(f);
	free(p);
	free(r);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* Every run leaves receipt.txt beside its results: the inputs' digests as
 * sha256sum would print them, and a --set parameter marked. */
static void test_receipt_written(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--quiet", "--set", "months=24", NULL);
	assert_int_equal(c.rc, 0);
	char *receipt = out_file(&c, "receipt.txt");
	char hex[65], want[256];
	sha256_hex(RECORDS, strlen(RECORDS), hex);
	snprintf(want, sizeof want, "\n  records  records.csv  %zu bytes  sha256 %s\n", strlen(RECORDS), hex);
	assert_contains(receipt, want);
	assert_not_contains(receipt, c.dir); /* file names only: a folder may be named after a child */
	assert_contains(receipt, "claim date    2025-09-15\n");
	assert_contains(receipt, "(set for this run; the plan's default differs)");
	assert_contains(receipt, "families      2 judged");
	free(receipt);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* --verify DIR on the folder as a run left it, and on one whose files are
 * not all that run's. */
static void verify(cli *c, int rc, const char *says)
{
	run(c, "--verify", c->out, NULL);
	assert_int_equal(c->rc, rc);
	assert_contains(c->cap.out, says);
	/* names files, never what is in them: no family id once the folder's
	 * own name (random letters, which may spell F1) is taken out */
	char *said = strdup(c->cap.out);
	assert_non_null(said);
	size_t n = strlen(c->out);
	for (char *at; (at = strstr(said, c->out)) != NULL;)
		memmove(at, at + n, strlen(at + n) + 1);
	assert_not_contains(said, "F1");
	free(said);
}

/* The receipt lists every file the run wrote with its SHA-256, so --verify
 * tells one run's outputs, whole, from a mixed or incomplete folder. */
static void test_verify(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	records_with_reject(&c);
	verify(&c, 1, "incomplete: no receipt.txt");
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", "--quiet", NULL);
	assert_int_equal(c.rc, 0);
	char *receipt = out_file(&c, "receipt.txt");
	assert_contains(receipt, "\nwritten by this run\n  results.csv  ");
	assert_contains(receipt, "\n  rejects.csv  ");
	assert_contains(receipt, "\n  evidence.jsonl ");
	verify(&c, 0, "complete: one run (");
	assert_contains(c.cap.out, ehp_workbook_built() ? "results.csv, rejects.csv, evidence.jsonl, indicators.csv, "
	                                                  "outcomes.csv, plan_rows.csv, results.xlsx, report.html, receipt.txt"
	                                                : "results.csv, rejects.csv, evidence.jsonl, indicators.csv, "
	                                                  "outcomes.csv, plan_rows.csv, report.html, receipt.txt");

	/* an earlier run's file beside this run's: rejects.csv from a run with
	 * other data */
	char *mine = out_file(&c, "rejects.csv");
	free(io_write(c.out, "rejects.csv", "file,line,field,reason,row\n", 0));
	verify(&c, 1, "mixed or incomplete: rejects.csv is not the file this run wrote");
	free(io_write(c.out, "rejects.csv", mine, 0));
	verify(&c, 0, "complete: one run");
	free(mine);

	/* a run without evidence and without rejects: an evidence.jsonl put back
	 * beside it is not its own */
	free(io_write(c.data, "records.csv", RECORDS, 0));
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--quiet", NULL);
	assert_int_equal(c.rc, 0);
	assert_int_equal(io_exists(c.out, "evidence.jsonl"), 0);
	assert_int_equal(io_exists(c.out, "rejects.csv"), 0);
	verify(&c, 0, "complete: one run");
	free(io_write(c.out, "evidence.jsonl", "family_id\n", 0));
	verify(&c, 1, "mixed: evidence.jsonl is not this run's");
	char *ev = io_path(c.out, "evidence.jsonl");
	remove(ev);
	free(ev);

	/* results.csv missing; the receipt edited (its run id no longer the
	 * digest of its lines) */
	char *results = out_file(&c, "results.csv");
	char *rp = io_path(c.out, "results.csv");
	remove(rp);
	verify(&c, 1, "results.csv is missing");
	free(io_write(c.out, "results.csv", results, 0));
	free(receipt);
	receipt = out_file(&c, "receipt.txt");
	char *at = strstr(receipt, "2025-09-15");
	assert_non_null(at);
	at[3] = '4';
	free(io_write(c.out, "receipt.txt", receipt, 0));
	verify(&c, 1, "receipt.txt is damaged: its run id");

	/* a --strict run that wrote no results leaves no receipt */
	records_with_reject(&c);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--strict", NULL);
	assert_int_equal(c.rc, 1);
	assert_int_equal(io_exists(c.out, "receipt.txt"), 0);
	verify(&c, 1, "incomplete: no receipt.txt");

	/* not a folder */
	c.out[strlen(c.out) - 1] = 'X';
	verify(&c, 2, "not a folder that can be read");
	c.out[strlen(c.out) - 1] = 't';
	free(rp);
	free(results);
	free(receipt);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* --explain ID: that family in words on stdout, its files as usual; an id
 * that is not in the data is a usage error. */
static void test_explain_option(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--explain", "F1", NULL);
	assert_int_equal(c.rc, 0);
	assert_contains(c.cap.out, "Family F1 under Tiny plan, \"for tests\", claim date 15/09/2025");
	assert_contains(c.cap.out, "  1.1 for kid (crime; plan line 11): Offended, recently");
	assert_contains(c.cap.out, "1 found (line 2), so met");
	assert_contains(c.cap.out, "  families            2"); /* the summary still follows */
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "\nF1,yes,2,");
	free(results);
	io_capture_free(&c.cap);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--explain", "F9", NULL);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "--explain: no family `F9`");
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* --audit-sample N --seed S: audit-sample.txt, headed by the run's
 * identity and listed in the receipt; the two options come together, N is
 * a count and S a plain word (it is written into the receipt). */
static void test_audit_sample_option(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--audit-sample", "1", "--seed", "7", NULL);
	assert_int_equal(c.rc, 0);
	assert_string_equal(c.cap.err, ""); /* stderr is no terminal here: no progress line */
	char *sample = out_file(&c, "audit-sample.txt");
	char *receipt = out_file(&c, "receipt.txt");
	assert_contains(sample, "plan sha256   0123abcd\n");
	assert_contains(sample, "audit sample  1 claimable families, seed 7\n");
	assert_contains(sample, "\nsample        1 of ");
	assert_contains(sample, "==== 1 of 1, rank ");
	assert_contains(sample, "\nFamily F");
	assert_contains(receipt, "  audit-sample.txt ");
	/* The sample quotes the receipt's own run line. */
	const char *run_line = strstr(receipt, "\nrun ");
	assert_non_null(run_line);
	char line[96];
	snprintf(line, sizeof line, "%.*s", (int)(strchr(run_line + 1, '\n') - run_line), run_line);
	assert_contains(sample, line);
	free(sample);
	free(receipt);
	io_capture_free(&c.cap);
	const char *bad[][4] = {
		{ "--seed", "7", NULL, NULL },
		{ "--audit-sample", "0", "--seed", "7" },
		{ "--audit-sample", "2x", "--seed", "7" },
		{ "--audit-sample", "1", "--seed", "two words" },
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, bad[k][0], bad[k][1], bad[k][2], bad[k][3],
		    NULL);
		assert_int_equal(c.rc, 2);
		assert_true(strstr(c.cap.err, "--audit-sample") || strstr(c.cap.err, "--seed"));
		io_capture_free(&c.cap);
	}
	teardown_data(&c);
}

/* ------------------------------------------------------------ failed writes */

/* No temporary file left, and the previous run's results as they were. */
static void assert_untouched(const cli *c)
{
	assert_int_equal(io_count(c->out, ".tmp."), 0);
	char *results = out_file(c, "results.csv");
	assert_string_equal(results, "previous run\n");
	free(results);
}

/* A full disk, as a limit on the size of files the run may write: the run
 * fails with exit 2, naming the file and the reason, and leaves nothing half
 * written. */
static void test_disk_full(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	free(io_write(c.out, "results.csv", "previous run\n", 0));
	char *argv[] = { "tiny", "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", NULL };
	io_capture_begin(&c.cap);
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		signal(SIGXFSZ, SIG_IGN); /* a write past the limit fails with EFBIG instead */
		struct rlimit lim = { 400, 400 }; /* more than a message, less than the evidence */
		if (setrlimit(RLIMIT_FSIZE, &lim) != 0)
			_exit(77);
		int rc = ehp_main(&tiny_plan, 8, argv);
		fflush(NULL);
		_exit(rc);
	}
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	io_capture_end(&c.cap);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 2);
	assert_contains(c.cap.err, "write failed: ");
	assert_contains(c.cap.err, strerror(EFBIG));
	assert_untouched(&c);
	assert_int_equal(io_exists(c.out, "evidence.jsonl"), 0);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* A link planted where a temporary output is made (NAME.tmp.PID), pointing
 * at a file of the user's: never written through. The link is removed, the
 * run's files are its own, and the file it pointed at is as it was. */
static void test_planted_links(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	records_with_reject(&c);
	char *victim = io_write(c.dir, "victim.txt", "precious\n", 0);
	/* results.xlsx last: written only when built with libxlsxwriter, which
	 * opens the file itself (through /proc/self/fd, workbook.c). */
	static const char *const names[] = { "results.csv",    "evidence.jsonl", "rejects.csv",   "receipt.txt", "indicators.csv",
	                                     "outcomes.csv",   "plan_rows.csv",  "report.html",   "results.xlsx" };
	int n = ehp_workbook_built() ? 9 : 8;
	char *links[9];
	for (int i = 0; i < n; i++) {
		char tmpname[64];
		snprintf(tmpname, sizeof tmpname, "%s.tmp.%ld", names[i], (long)getpid());
		links[i] = io_path(c.out, tmpname);
		assert_int_equal(symlink(victim, links[i]), 0);
	}
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", NULL);
	assert_int_equal(c.rc, 0);
	char *kept = io_read(victim);
	assert_string_equal(kept, "precious\n");
	struct stat st;
	for (int i = 0; i < n; i++) {
		assert_int_equal(lstat(links[i], &st), -1);
		assert_int_equal(io_exists(c.out, names[i]), 1);
		char *path = io_path(c.out, names[i]);
		assert_int_equal(lstat(path, &st), 0);
		assert_true(S_ISREG(st.st_mode));
		assert_int_equal(st.st_mode & 0777, 0600); /* private, whatever the umask */
		free(path);
		free(links[i]);
	}
	free(kept);
	free(victim);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* Two runs writing one output folder at once: the second is refused, with
 * the first's process named, and writes nothing. */
static void test_output_folder_locked(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	char err[256];
	bool made;
	int held[2], go[2]; /* the holder says it holds; the test says let go */
	assert_int_equal(pipe(held), 0);
	assert_int_equal(pipe(go), 0);
	pid_t holder = fork();
	assert_true(holder >= 0);
	if (holder == 0) { /* holds the folder until told to let go */
		char b;
		int lock = ehp_out_dir_hold(c.out, &made, err, sizeof err);
		if (write(held[1], lock >= 0 ? "y" : "n", 1) != 1 || read(go[0], &b, 1) < 0)
			_exit(1);
		_exit(0);
	}
	char b;
	assert_int_equal(read(held[0], &b, 1), 1);
	assert_int_equal(b, 'y');
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 2);
	char want[64];
	snprintf(want, sizeof want, "another run (process %ld) is writing", (long)holder);
	assert_contains(c.cap.err, want);
	assert_int_equal(io_exists(c.out, "results.csv"), 0);
	assert_int_equal(write(go[1], "x", 1), 1);
	int status;
	assert_int_equal(waitpid(holder, &status, 0), holder);
	for (int i = 0; i < 2; i++) {
		close(held[i]);
		close(go[i]);
	}
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL); /* free again */
	assert_int_equal(c.rc, 0);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* Temporary files of ehp's naming left by a killed run are cleared by the
 * next run in that folder; files of other names are left alone. */
static void test_stale_temporaries_cleared(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	free(io_write(c.out, "results.csv.tmp.99999999", "half", 0));
	free(io_write(c.out, "evidence.jsonl.tmp.12", "half", 0));
	free(io_write(c.out, "notes.tmp.txt", "mine", 0));
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL);
	assert_int_equal(c.rc, 0);
	assert_int_equal(io_exists(c.out, "results.csv.tmp.99999999"), 0);
	assert_int_equal(io_exists(c.out, "evidence.jsonl.tmp.12"), 0);
	assert_int_equal(io_exists(c.out, "notes.tmp.txt"), 1);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* An output hashed as written: its digest is that of the bytes the file
 * holds, after writes larger than stdio's buffer, a seek to the start that
 * empties it (a run that reads its input again), and bytes put in the file
 * by another way, which the digest then reads back. */
static void test_hashed_as_written(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	char err[256], hex[65], want[65];
	uint64_t bytes = 0;
	enum { BIG = 100000 };
	char *big = malloc(BIG);
	assert_non_null(big);
	for (int k = 0; k < BIG; k++)
		big[k] = (char)('a' + k % 26);
	ehp_outfile o = { 0 };
	assert_int_equal(ehp_out_open(&o, dir, "evidence.jsonl", err, sizeof err), 0);
	assert_int_equal(ehp_out_hash_writes(&o, err, sizeof err), 0);
	assert_int_equal(fileno(o.f), -1);
	fputs("forgotten\n", o.f);
	assert_int_equal(fwrite(big, 1, BIG, o.f), BIG);
	assert_int_equal(fflush(o.f), 0);
	assert_int_equal(fseek(o.f, 0, SEEK_SET), 0); /* read again from the top: written again */
	fputs("{\"head\":1}\n", o.f);
	assert_int_equal(fwrite(big, 1, BIG, o.f), BIG);
	assert_int_equal(ehp_out_finish_digest(&o, hex, &bytes, err, sizeof err), 0);
	assert_int_equal(ehp_out_publish(&o, err, sizeof err), 0);
	char *text = io_read_in(dir, "evidence.jsonl");
	assert_int_equal(bytes, strlen("{\"head\":1}\n") + BIG);
	sha256_hex(text, (size_t)bytes, want);
	assert_string_equal(hex, want);
	assert_memory_equal(text, "{\"head\":1}\nabc", 14);
	free(text);

	assert_int_equal(ehp_out_open(&o, dir, "results.csv", err, sizeof err), 0);
	assert_int_equal(ehp_out_hash_writes(&o, err, sizeof err), 0);
	fputs("family_id\n", o.f);
	assert_int_equal(fflush(o.f), 0);
	FILE *other = fopen(o.tmp, "ab"); /* not through the stream: not hashed */
	assert_non_null(other);
	fputs("F1\n", other);
	assert_int_equal(fclose(other), 0);
	assert_int_equal(ehp_out_finish_digest(&o, hex, &bytes, err, sizeof err), 0);
	assert_int_equal(bytes, 13);
	sha256_hex("family_id\nF1\n", 13, want);
	assert_string_equal(hex, want);
	ehp_out_abort(&o);
	free(big);
	io_rmdir(dir);
}

/* A stream that fails, put in the outfile's place: on flush (a full disk),
 * and on a descriptor closed under it. */
static void test_failing_stream(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	char err[256];
	ehp_outfile o = { 0 };
	FILE *full = fopen("/dev/full", "w");
	if (full) {
		assert_int_equal(ehp_out_open(&o, dir, "results.csv", err, sizeof err), 0);
		fclose(o.f);
		o.f = full;
		for (int i = 0; i < 1000; i++) /* more than a buffer: fails while writing */
			fputs("family_id,eligible,themes_met,themes,indicators_met\n", o.f);
		assert_int_equal(ehp_out_finish(&o, err, sizeof err), -1);
		assert_contains(err, "results.csv: write failed: ");
		assert_contains(err, strerror(ENOSPC));
		assert_null(o.f);
		assert_int_equal(io_exists(dir, "results.csv"), 0);
		assert_int_equal(io_count(dir, ".tmp."), 0);
	}
	assert_int_equal(ehp_out_open(&o, dir, "evidence.jsonl", err, sizeof err), 0);
	fputs("family_id\n", o.f);
	close(fileno(o.f)); /* the data can no longer reach the file */
	assert_int_equal(ehp_out_finish(&o, err, sizeof err), -1);
	assert_contains(err, "evidence.jsonl: write failed: ");
	assert_int_equal(io_exists(dir, "evidence.jsonl"), 0);
	assert_int_equal(io_count(dir, ".tmp."), 0);
	ehp_out_abort(&o); /* harmless after a failure */
	io_rmdir(dir);
}

/* An output directory that cannot be written to. Root writes anywhere, so
 * then the run is made in a child that has given up root. */
static void test_read_only_directory(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	free(io_write(c.out, "results.csv", "previous run\n", 0));
	assert_int_equal(chmod(c.dir, 0755), 0);
	assert_int_equal(chmod(c.data, 0755), 0);
	static const char *const files[] = { "families.csv", "people.csv", "records.csv" };
	for (int i = 0; i < 3; i++) {
		char *p = io_path(c.data, files[i]);
		assert_int_equal(chmod(p, 0644), 0);
		free(p);
	}
	assert_int_equal(chmod(c.out, 0555), 0);
	char *argv[] = { "tiny", "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL };
	io_capture_begin(&c.cap);
	if (geteuid() != 0) {
		c.rc = ehp_main(&tiny_plan, 7, argv);
	} else {
		pid_t pid = fork();
		assert_true(pid >= 0);
		if (pid == 0) {
			if (setgid(65534) != 0 || setuid(65534) != 0)
				_exit(77);
			int rc = ehp_main(&tiny_plan, 7, argv);
			fflush(NULL);
			_exit(rc);
		}
		int status;
		assert_int_equal(waitpid(pid, &status, 0), pid);
		assert_true(WIFEXITED(status));
		c.rc = WEXITSTATUS(status);
	}
	io_capture_end(&c.cap);
	assert_int_equal(chmod(c.out, 0755), 0);
	if (c.rc == 77) {
		io_capture_free(&c.cap);
		teardown_data(&c);
		skip(); /* root that cannot give up root: nothing is read-only */
	}
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "output folder: ");
	assert_contains(c.cap.err, strerror(EACCES));
	assert_untouched(&c);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* The summary is output too: lost on a full disk, the run is a failure. */
static void test_summary_write_failure(void **state)
{
	(void)state;
	int full = open("/dev/full", O_WRONLY);
	if (full < 0)
		skip();
	cli c;
	setup_data(&c, RECORDS);
	char *argv[] = { "tiny", "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, NULL };
	io_capture_begin(&c.cap);
	dup2(full, 1);
	close(full);
	c.rc = ehp_main(&tiny_plan, 7, argv);
	clearerr(stdout);
	io_capture_end(&c.cap);
	clearerr(stdout);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "cannot write the summary to stdout: ");
	io_capture_free(&c.cap);
	teardown_data(&c);
}

/* Runs the evaluator in a child and kills it (SIGKILL: nothing can tidy up)
 * as soon as its results.csv.tmp.PID appears. Whatever the moment, results.csv
 * must then be the previous run's, or this run's with all n families: never
 * part of one. False when the run finished before it was seen writing. */
static bool kill_while_writing(cli *c, char **argv, int n)
{
	fflush(NULL);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);
		dup2(null, 1);
		dup2(null, 2);
		_exit(ehp_main(&tiny_plan, 9, argv));
	}
	char tmpname[64];
	snprintf(tmpname, sizeof tmpname, "results.csv.tmp.%ld", (long)pid);
	bool writing = false;
	int status;
	while (!(writing = io_exists(c->out, tmpname)) && waitpid(pid, &status, WNOHANG) == 0)
		nanosleep(&(struct timespec){ .tv_nsec = 100000 }, NULL);
	if (writing) {
		kill(pid, SIGKILL);
		assert_int_equal(waitpid(pid, &status, 0), pid);
	}
	char *results = out_file(c, "results.csv");
	size_t lines = 0;
	for (const char *p = results; *p; p++)
		lines += *p == '\n';
	bool previous = !strcmp(results, "previous run\n");
	bool whole = lines == (size_t)n + 1 && results[strlen(results) - 1] == '\n';
	if (!previous && !whole)
		fail_msg("results.csv is half written: %zu lines", lines);
	free(results);
	char *tmp = io_path(c->out, tmpname);
	remove(tmp);
	free(tmp);
	if (!writing) /* it finished: put the previous run back for the next try */
		free(io_write(c->out, "results.csv", "previous run\n", 0));
	return writing;
}

/* A run killed while it writes leaves the previous results.csv whole, or
 * this run's whole: never part of one. */
static void test_interrupted_run(void **state)
{
	(void)state;
	enum { N = 20000 };
	cli c;
	setup_data(&c, RECORDS);
	FILE *f[3];
	static const char *const files[] = { "families.csv", "people.csv", "records.csv" };
	for (int i = 0; i < 3; i++) {
		char *p = io_path(c.data, files[i]);
		assert_non_null(f[i] = fopen(p, "w"));
		free(p);
	}
	fputs("family_id,entry_date,closure_date\n", f[0]);
	fputs("person_id,family_id,date_of_birth\n", f[1]);
	fputs("family_id,person_id,type,date\n", f[2]);
	for (int i = 0; i < N; i++) {
		fprintf(f[0], "F%d,2024-03-15,2024-09-15\n", i);
		fprintf(f[1], "p%d,F%d,2010-01-01\n", i, i);
		fprintf(f[2], "F%d,p%d,offence,2023-04-20\nF%d,,eviction_notice,2023-05-01\n", i, i, i);
	}
	for (int i = 0; i < 3; i++)
		assert_int_equal(fclose(f[i]), 0);
	free(io_write(c.out, "results.csv", "previous run\n", 0));
	char *argv[] = { "tiny", "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--evidence", "--quiet",
		             NULL };
	/* A busy machine may let a run finish before it is seen writing: then
	 * try again, a few times. */
	bool caught = false;
	for (int attempt = 0; attempt < 5 && !caught; attempt++)
		caught = kill_while_writing(&c, argv, N);
	assert_true(caught);
	/* the next run replaces it whole */
	run(&c, "--data", c.data, "--as-of", "2025-09-15", "--out", c.out, "--quiet", NULL);
	assert_int_equal(c.rc, 0);
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "\nF19999,yes,2,");
	free(results);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

static void test_check_from_command_line(void **state)
{
	(void)state;
	cli c;
	setup_data(&c, RECORDS);
	char *good = io_write(c.dir, "good.cases",
	                      "case \"offence\"\n family entry 15/03/2024\n person kid born 2010-01-01\n"
	                      " record kid offence 2023-04-01\n expect kid meets 1.1\n", 0);
	char *bad = io_write(c.dir, "bad.cases",
	                     "case \"no offence\"\n family entry 15/03/2024\n person kid born 2010-01-01\n"
	                     " expect kid meets 1.1\n", 0);
	char *one[] = { "tiny", good, "--as-of", "2025-09-15", NULL };
	cli_run_main(&c, ehp_cases_main, &tiny_plan, 4, one);
	assert_int_equal(c.rc, 0);
	assert_contains(c.cap.out, "1 case, 1 expectation, 0 failed");
	char *two[] = { "tiny", good, bad, "--as-of", "2025-09-15", NULL };
	cli_run_main(&c, ehp_cases_main, &tiny_plan, 5, two);
	assert_int_equal(c.rc, 1);
	assert_contains(c.cap.out, "bad.cases:4: case \"no offence\": expected kid meets 1.1, but it was not met");
	assert_contains(c.cap.out, "2 cases, 2 expectations, 1 failed");
	char *none[] = { "tiny", NULL };
	cli_run_main(&c, ehp_cases_main, &tiny_plan, 1, none);
	assert_int_equal(c.rc, 2);
	char *bad_date[] = { "tiny", good, "--as-of", "2025-02-30", NULL };
	cli_run_main(&c, ehp_cases_main, &tiny_plan, 4, bad_date);
	assert_int_equal(c.rc, 2);
	assert_contains(c.cap.err, "--as-of `2025-02-30` is not a date");
	free(good);
	free(bad);
	io_capture_free(&c.cap);
	teardown_data(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_results_evidence_rejects),
		cmocka_unit_test(test_rejects_and_strict),
		cmocka_unit_test(test_cells_spreadsheet_safe),
		cmocka_unit_test(test_cell_quoted_wherever_the_byte_is),
		cmocka_unit_test(test_failed_writes),
		cmocka_unit_test(test_usage_errors),
		cmocka_unit_test(test_set_and_files),
		cmocka_unit_test(test_explain_option),
		cmocka_unit_test(test_audit_sample_option),
		cmocka_unit_test(test_receipt_written),
		cmocka_unit_test(test_verify),
		cmocka_unit_test(test_disk_full),
		cmocka_unit_test(test_planted_links),
		cmocka_unit_test(test_output_folder_locked),
		cmocka_unit_test(test_stale_temporaries_cleared),
		cmocka_unit_test(test_hashed_as_written),
		cmocka_unit_test(test_failing_stream),
		cmocka_unit_test(test_read_only_directory),
		cmocka_unit_test(test_summary_write_failure),
		cmocka_unit_test(test_interrupted_run),
		cmocka_unit_test(test_check_from_command_line),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
