/*
 * test_bad_rows.c - every kind of bad data row, one at a time, end to end
 * through the evaluator's command line (ehp_main) on a small plan. For each:
 *   - stderr says `FILE:LINE: FIELD: REASON` and nothing of the row;
 *   - rejects.csv holds exactly that row, with its file, line, field and
 *     reason, and the row as read;
 *   - the summary counts it;
 *   - the family it belongs to (when it can be told) is marked in
 *     results.csv as judged on incomplete data and is not claimable, and
 *     the other families are untouched;
 *   - with --strict the run stops with exit 1, the same rejects and no
 *     results.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "cli_helpers.h"
#include "tiny_plan.h"

enum { FAMILIES, PEOPLE, RECORDS };
static const char *const FILE_NAMES[] = { "families.csv", "people.csv", "records.csv" };

/* Two families, each claimable on its own: a child's offence before entry,
 * none after closure. Every file has a column the evaluator does not know. */
static const char *const BASE[] = {
	"family_id,entry_date,closure_date,note\n"
	"F1,15/03/2024,15/09/2024,\n"
	"F2,2024-03-15,2024-09-15,\n",
	"person_id,family_id,date_of_birth,flags,note\n"
	"kid,F1,2010-06-01,,\n"
	"mum,F1,1985-04-03,parent,\n"
	"k2,F2,2012-01-01,,\n",
	"family_id,person_id,type,date,end_date,value,total,score,detail,note\n"
	"F1,kid,offence,20/04/2023,,,,,,\n"
	"F2,k2,offence,2023-07-01,,,,,,\n",
};
/* The line a row added at the end of each file starts on. */
static const int BAD_LINE[] = { 4, 5, 4 };

typedef struct {
	int file;              /* the file the bad row is added to, at its end */
	const char *row;       /* the bad row; every one holds the word SECRET */
	size_t row_len;        /* 0: strlen(row) (set for rows holding a NUL) */
	const char *field, *reason;
	const char *flagged;   /* families to be marked incomplete: "F1", "F1 F2", "" */
	const char *raw;       /* the row as rejects.csv keeps it, when not `row` */
} fault;

#define NOT_A_DATE "not a date (dd/mm/yyyy or yyyy-mm-dd)"
#define NO_SUCH_DAY "no such day (a day or month out of range)"
#define TWO_DIGIT_YEAR "a two-digit year (write the year in full: dd/mm/yyyy)"
#define DATE_WITH_TIME "a date and time: only a date is expected here (a time of 00:00 is allowed)"
#define OUT_OF_RANGE "outside the years 1900 to 2100 (a mistyped year?)"
#define UNKNOWN_TYPE "unknown record type (see docs/data-dictionary.md)"
#define UNKNOWN_PERSON "unknown person (not in the people file for this family)"

static const fault FAULTS[] = {
	/* families.csv */
	{ FAMILIES, "F3,31/02/2024,,SECRET", 0, "entry_date", NO_SUCH_DAY, "F3", NULL },
	{ FAMILIES, "F3,15/03/24,,SECRET", 0, "entry_date", TWO_DIGIT_YEAR, "F3", NULL },
	{ FAMILIES, "F3,2024-3-15,,SECRET", 0, "entry_date", NOT_A_DATE, "F3", NULL },
	{ FAMILIES, "F3,,,SECRET", 0, "entry_date", "empty; the point of entry is needed", "F3", NULL },
	{ FAMILIES, "F3,15/03/2024 14:30,,SECRET", 0, "entry_date", DATE_WITH_TIME, "F3", NULL },
	{ FAMILIES, "F3,2024-03-15T09:00:00,,SECRET", 0, "entry_date", DATE_WITH_TIME, "F3", NULL },
	{ FAMILIES, "F3,03/15/2024,,SECRET", 0, "entry_date", "no month above 12: a month-first (US) date? dates are read day first",
	  "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,2024-13-01,SECRET", 0, "closure_date", NO_SUCH_DAY, "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,2024-01-01,SECRET", 0, "closure_date", "before the point of entry", "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,2204-09-15,SECRET", 0, "closure_date", OUT_OF_RANGE, "F3", NULL },
	{ FAMILIES, "F3,15/03/1899,,SECRET", 0, "entry_date", OUT_OF_RANGE, "F3", NULL },
	{ FAMILIES, "F1,2024-04-01,,SECRET", 0, "family_id", "duplicate family id", "F1", NULL },
	{ FAMILIES, " ,2024-03-15,,SECRET", 0, "family_id", "empty", "", NULL },
	{ FAMILIES, "F3,2024-03-15,SECRET", 0, "row", "wrong number of columns (3; the header has 4)", "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,,SECRET,more", 0, "row", "wrong number of columns (5; the header has 4)", "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,,SEC\"RET", 0, "row", "a quote inside a field that does not start with a quote", "F3",
	  NULL },
	{ FAMILIES, "F3,2024-03-15,,\"SECRET\"x", 0, "row", "text after the closing quote of a field", "F3", NULL },
	{ FAMILIES, "F3,2024-03-15,,\"SECRET", 0, "row", "a quoted field is not closed before the end of the file", "F3",
	  "F3,2024-03-15,,\"SECRET\n" },
	{ FAMILIES, "F3,2024-03-15,,SEC\0RET", 22, "row", "a NUL byte in the row", "F3", NULL },
	/* people.csv */
	{ PEOPLE, "p9,F9,2010-01-01,,SECRET", 0, "family_id", "unknown family (not in the families file)", "", NULL },
	{ PEOPLE, "p9,,2010-01-01,,SECRET", 0, "family_id", "empty", "", NULL },
	{ PEOPLE, ",F1,2010-01-01,,SECRET", 0, "person_id", "empty", "F1", NULL },
	{ PEOPLE, "kid,F1,2010-06-01,,SECRET", 0, "person_id", "duplicate person id", "F1", NULL },
	{ PEOPLE, "baby,F1,2024-05-01,,SECRET", 0, "date_of_birth", "after the family's point of entry", "F1", NULL },
	{ PEOPLE, "p9,F1,2010-02-30,,SECRET", 0, "date_of_birth", NO_SUCH_DAY, "F1", NULL },
	{ PEOPLE, "p9,F1,,,SECRET", 0, "date_of_birth", "empty", "F1", NULL },
	{ PEOPLE, "p9,F1,1899-12-31,,SECRET", 0, "date_of_birth", OUT_OF_RANGE, "F1", NULL },
	{ PEOPLE, "p9,F1,2010-01-01,parnet,SECRET", 0, "flags", "unknown flag (see docs/data-dictionary.md)", "F1", NULL },
	{ PEOPLE, "p9,F1,2010-01-01,SECRET", 0, "row", "wrong number of columns (4; the header has 5)", "F1", NULL },
	/* records.csv */
	{ RECORDS, "F9,,offence,2023-01-01,,,,,,SECRET", 0, "family_id", "unknown family (not in the families file)", "",
	  NULL },
	{ RECORDS, ",kid,offence,2023-01-01,,,,,,SECRET", 0, "family_id", "empty", "", NULL },
	{ RECORDS, "F1,nobody,offence,2023-01-01,,,,,,SECRET", 0, "person_id", UNKNOWN_PERSON, "F1", NULL },
	/* kid is F1's: to F2 it is nobody (person ids are read within their family). */
	{ RECORDS, "F2,kid,offence,2023-01-01,,,,,,SECRET", 0, "person_id", UNKNOWN_PERSON, "F2", NULL },
	{ RECORDS, "F1,kid,offense,2023-01-01,,,,,,SECRET", 0, "type", UNKNOWN_TYPE, "F1", NULL },
	{ RECORDS, "F1,kid,,2023-01-01,,,,,,SECRET", 0, "type", "empty", "F1", NULL },
	{ RECORDS, "F1,kid,offence,2023-02-29,,,,,,SECRET", 0, "date", NO_SUCH_DAY, "F1", NULL },
	{ RECORDS, "F1,kid,offence,yesterday,,,,,,SECRET", 0, "date", NOT_A_DATE, "F1", NULL },
	{ RECORDS, "F1,kid,offence,,,,,,,SECRET", 0, "date", "empty", "F1", NULL },
	{ RECORDS, "F1,kid,offence,2200-01-01,,,,,,SECRET", 0, "date", OUT_OF_RANGE, "F1", NULL },
	{ RECORDS, "F1,kid,offence,2010-05-31,,,,,,SECRET", 0, "date", "before the person's date of birth", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,2101-01-01,,,,,SECRET", 0, "end_date", OUT_OF_RANGE, "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,2024-13-01,,,,,SECRET", 0, "end_date", NO_SUCH_DAY, "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,2023-12-01,,,,,SECRET", 0, "end_date", "before the record's date", "F1",
	  NULL },
	{ RECORDS, "F1,kid,fixed_term_exclusion,2024-01-01,,-2,,,,SECRET", 0, "value", "negative", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,lots,180,,,SECRET", 0, "value", "not a number", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,\"1,00\",1800,,,SECRET", 0, "value", "not a number", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,\xc2\xa3" "300,1800,,,SECRET", 0, "value",
	  "a sum of money where a number is expected", "F1", NULL },
	{ RECORDS, "F1,kid,earnings,2024-01-01,,50%,,,,SECRET", 0, "value", "a percentage where a number is expected", "F1",
	  NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,50,180%,,,SECRET", 0, "total", "a percentage where a number is expected",
	  "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,50,\"1,8\",,,SECRET", 0, "total", "not a number", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,120%,,,,SECRET", 0, "value", "more than the total", "F1", NULL },
	/* A term's figure with only a start date that falls in no term. */
	{ RECORDS, "F1,kid,attendance,2024-08-10,,150,180,,,SECRET", 0, "date",
	  "not in a school term: give the term's end_date", "F1", NULL },
	{ RECORDS, "F1,kid,offence,2023-01-01 14:30,,,,,,SECRET", 0, "date", DATE_WITH_TIME, "F1", NULL },
	{ RECORDS, "F1,kid,offence,01/01/23,,,,,,SECRET", 0, "date", TWO_DIGIT_YEAR, "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,150,-180,,,SECRET", 0, "total", "negative", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,150,0x10,,,SECRET", 0, "total", "not a number", "F1", NULL },
	{ RECORDS, "F1,,assessment,2024-01-01,,,,high,family_star,SECRET", 0, "score", "not a number", "F1", NULL },
	{ RECORDS, "F1,kid,attendance,2024-01-01,,190,180,,,SECRET", 0, "value", "more than the total", "F1", NULL },
	{ RECORDS, "F1,kid,professional_concern,2024-01-01,,,,,crim,SECRET", 0, "detail",
	  "unknown detail (see docs/data-dictionary.md)", "F1", NULL },
	{ RECORDS, "F1,kid,offence,2023-01-01,SECRET", 0, "row", "wrong number of columns (5; the header has 10)", "F1",
	  NULL },
	{ RECORDS, "F1,kid,offence,2023-01-01,,,,,,SEC\"RET", 0, "row",
	  "a quote inside a field that does not start with a quote", "F1", NULL },
};

typedef struct {
	cli c;
	char *path[3]; /* the three input files */
} run_dir;

/* The base extract with `extra` (len bytes) and a line break added at the
 * end of file `which`. */
static void setup(run_dir *r, int which, const char *extra, size_t len)
{
	memset(r, 0, sizeof *r);
	cli_dirs(&r->c);
	for (int i = 0; i < 3; i++) {
		size_t n = strlen(BASE[i]);
		char *text = malloc(n + len + 2);
		assert_non_null(text);
		memcpy(text, BASE[i], n);
		if (i == which && extra) {
			memcpy(text + n, extra, len);
			text[n + len] = '\n';
			n += len + 1;
		}
		r->path[i] = io_write(r->c.data, FILE_NAMES[i], text, n);
		free(text);
	}
}

static void teardown(run_dir *r)
{
	for (int i = 0; i < 3; i++)
		free(r->path[i]);
	cli_free(&r->c);
}

static void run(run_dir *r, bool strict)
{
	char *argv[] = { "tiny", "--data", r->c.data, "--as-of", "2025-09-15", "--out", r->c.out, strict ? "--strict" : NULL,
		             NULL };
	cli_main(&r->c, &tiny_plan, strict ? 8 : 7, argv);
}

static char *out_file(const run_dir *r, const char *name, size_t *len)
{
	char *s = cli_out(&r->c, name);
	if (s && len) {
		char *p = io_path(r->c.out, name);
		struct stat st;
		assert_int_equal(stat(p, &st), 0);
		*len = (size_t)st.st_size;
		free(p);
	}
	return s;
}

/* The base records.csv with one more row at its end. */
static void add_record(run_dir *r, const char *row)
{
	free(r->path[RECORDS]);
	char records[512];
	snprintf(records, sizeof records, "%s%s\n", BASE[RECORDS], row);
	r->path[RECORDS] = io_write(r->c.data, "records.csv", records, 0);
}

/* One CSV field as RFC 4180 has it, appended to buf. */
static size_t put_field(char *buf, size_t at, const char *s, size_t n)
{
	bool quote = false;
	for (size_t i = 0; i < n; i++)
		quote |= s[i] == ',' || s[i] == '"' || s[i] == '\n' || s[i] == '\r';
	if (quote)
		buf[at++] = '"';
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			buf[at++] = '"';
		buf[at++] = s[i];
	}
	if (quote)
		buf[at++] = '"';
	return at;
}

/* The whole rejects.csv expected for one fault; returns its length. */
static size_t expected_rejects(const run_dir *r, const fault *f, char *buf, size_t cap)
{
	const char *raw = f->raw ? f->raw : f->row;
	size_t raw_len = f->raw ? strlen(f->raw) : f->row_len ? f->row_len : strlen(f->row);
	assert_true(strlen(r->path[f->file]) + strlen(f->field) + strlen(f->reason) + 2 * raw_len + 64 < cap);
	size_t at = (size_t)snprintf(buf, cap, "file,line,field,reason,row\n%s,%d,%s,", r->path[f->file],
	                             BAD_LINE[f->file], f->field);
	at = put_field(buf, at, f->reason, strlen(f->reason));
	buf[at++] = ',';
	at = put_field(buf, at, raw, raw_len);
	buf[at++] = '\n';
	buf[at] = '\0';
	return at;
}

/* Whether family id is one of the space-separated ids in list. */
static bool listed(const char *list, const char *id, size_t n)
{
	for (const char *p = list; *p;) {
		size_t k = strcspn(p, " ");
		if (k == n && !strncmp(p, id, n))
			return true;
		p += k + (p[k] == ' ');
	}
	return false;
}

/* Every family row of results.csv: the flagged ones incomplete and never
 * claimable, the others complete and claimable as in the base extract.
 * Returns how many were flagged. */
static int check_results(const char *results, const char *flagged)
{
	const char *line = strchr(results, '\n');
	assert_non_null(line);
	int n_flagged = 0, rows = 0;
	for (line++; *line; rows++) {
		const char *end = strchr(line, '\n');
		assert_non_null(end);
		const char *field[9];
		size_t len[9];
		int k = 0;
		for (const char *p = line; k < 9; k++) {
			field[k] = p;
			len[k] = strcspn(p, ",\n");
			p += len[k] + 1;
		}
		assert_true(field[8] + len[8] == end); /* exactly nine fields */
		bool want_flag = listed(flagged, field[0], len[0]);
		if (want_flag) {
			n_flagged++;
			assert_int_equal(len[6], 2);
			assert_memory_equal(field[6], "no", 2);        /* claimable */
			assert_int_equal(len[8], 2);
			assert_memory_equal(field[8], "no", 2);        /* data_complete */
			if (len[1] == 3) /* eligible: the reason is the missing data */
				assert_memory_equal(field[7], "data incomplete: ", 17);
		} else {
			assert_int_equal(len[6], 3);
			assert_memory_equal(field[6], "yes", 3);
			assert_int_equal(len[8], 3);
			assert_memory_equal(field[8], "yes", 3);
		}
		line = end + 1;
	}
	assert_true(rows >= 2);
	return n_flagged;
}

static void test_base_extract_is_clean(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, -1, NULL, 0);
	run(&r, false);
	assert_int_equal(r.c.rc, 0);
	char *results = out_file(&r, "results.csv", NULL);
	assert_int_equal(check_results(results, ""), 0);
	assert_contains(results, "\nF1,yes,1,crime,1.1:kid,1a:kid,yes,,yes\n");
	assert_int_equal(io_exists(r.c.out, "rejects.csv"), 0);
	assert_string_equal(r.c.cap.err, "");
	free(results);
	teardown(&r);
}

/* One test per fault, named after it (main). */
static void test_fault(void **state)
{
	const fault *f = *state;
	size_t row_len = f->row_len ? f->row_len : strlen(f->row);
	bool marked = false; /* the test rows carry the marker */
	for (size_t i = 0; i + 3 <= row_len; i++)
		marked |= !memcmp(f->row + i, "SEC", 3);
	assert_true(marked);
	run_dir r;
	setup(&r, f->file, f->row, row_len);
	run(&r, false);
	assert_int_equal(r.c.rc, 0);

	char want[512];
	snprintf(want, sizeof want, "%s:%d: %s: %s\n", r.path[f->file], BAD_LINE[f->file], f->field, f->reason);
	assert_contains(r.c.cap.err, want);
	assert_not_contains(r.c.cap.err, "SEC");

	char expect[1024];
	size_t expect_len = expected_rejects(&r, f, expect, sizeof expect), got_len = 0;
	char *rejects = out_file(&r, "rejects.csv", &got_len);
	assert_non_null(rejects);
	if (got_len != expect_len || memcmp(rejects, expect, expect_len))
		fail_msg("rejects.csv is\n%s\nexpected\n%s", rejects, expect);
	free(rejects);

	char *results = out_file(&r, "results.csv", NULL);
	assert_non_null(results);
	int n_flagged = check_results(results, f->flagged);
	int want_flagged = 0;
	for (const char *p = f->flagged; *p; p += strcspn(p, " ") + (p[strcspn(p, " ")] == ' '))
		want_flagged++;
	assert_int_equal(n_flagged, want_flagged);
	free(results);
	assert_contains(r.c.cap.out, "rows rejected       1 (see rejects.csv)");
	snprintf(want, sizeof want, "judged on incomplete data  %d\n", want_flagged);
	assert_contains(r.c.cap.out, want);

	/* --strict: the same row is fatal */
	run(&r, true);
	assert_int_equal(r.c.rc, 1);
	assert_int_equal(io_exists(r.c.out, "results.csv"), 0);
	rejects = out_file(&r, "rejects.csv", &got_len);
	assert_true(got_len == expect_len && !memcmp(rejects, expect, expect_len));
	free(rejects);
	assert_contains(r.c.cap.err, "--strict");
	assert_not_contains(r.c.cap.err, "SEC");
	teardown(&r);
}

/* A record of someone whose own row was rejected: two rows, both against
 * the family, and the second says why rather than "unknown person". */
static void test_record_of_rejected_person(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, PEOPLE, "p9,F2,2010-02-30,,SECRET", 24);
	add_record(&r, "F2,p9,offence,2023-01-01,,,,,,SECRET");
	run(&r, false);
	assert_int_equal(r.c.rc, 0);
	char want[512];
	snprintf(want, sizeof want, "%s:5: date_of_birth: " NO_SUCH_DAY "\n", r.path[PEOPLE]);
	assert_contains(r.c.cap.err, want);
	snprintf(want, sizeof want, "%s:4: person_id: the person's row in the people file was rejected\n",
	         r.path[RECORDS]);
	assert_contains(r.c.cap.err, want);
	char *rejects = out_file(&r, "rejects.csv", NULL);
	snprintf(want, sizeof want,
	         "%s,4,person_id,the person's row in the people file was rejected,\"F2,p9,offence,2023-01-01,,,,,,SECRET\"\n",
	         r.path[RECORDS]);
	assert_contains(rejects, want);
	free(rejects);
	char *results = out_file(&r, "results.csv", NULL);
	assert_int_equal(check_results(results, "F2"), 1);
	assert_contains(results, "\nF2,yes,1,crime,1.1:k2,1a:k2,no,data incomplete: 2 rows rejected,no\n");
	free(results);
	teardown(&r);
}

/* A malformed people row whose id can be read: the person's records are
 * rejected as belonging to a rejected row, not as an unknown person, and a
 * later row with the same id does not stand in for it. */
static void test_malformed_person_row(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, PEOPLE, "p9,F2,SECRET\np9,F2,2011-01-01,,", 31);
	add_record(&r, "F2,p9,offence,2023-01-01,,,,,,");
	run(&r, false);
	assert_int_equal(r.c.rc, 0);
	char *rejects = out_file(&r, "rejects.csv", NULL);
	assert_contains(rejects, "people.csv,5,row,wrong number of columns (3; the header has 5),");
	assert_contains(rejects, "people.csv,6,person_id,duplicate person id,");
	assert_contains(rejects, "records.csv,4,person_id,the person's row in the people file was rejected,");
	free(rejects);
	char *results = out_file(&r, "results.csv", NULL);
	assert_contains(results, "\nF2,yes,1,crime,1.1:k2,1a:k2,no,data incomplete: 3 rows rejected,no\n");
	free(results);
	teardown(&r);
}

/* Rows of spaces or empty cells (a trailing line of spaces, `,,,,` as a
 * spreadsheet saves its empty rows) are no rows: nothing is rejected, so
 * --strict passes, and the results are those of the base extract. */
static void test_blank_rows_not_rejected(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, FAMILIES, "   ", 3);
	char text[512];
	snprintf(text, sizeof text, "%s , , , , \n,,,,\n", BASE[PEOPLE]);
	free(io_write(r.c.data, "people.csv", text, 0));
	snprintf(text, sizeof text, "%s,,,,,,,,,\n\"\",,,,,,,,,\n  \n", BASE[RECORDS]);
	free(io_write(r.c.data, "records.csv", text, 0));
	run(&r, true);
	assert_int_equal(r.c.rc, 0);
	assert_string_equal(r.c.cap.err, "");
	assert_int_equal(io_exists(r.c.out, "rejects.csv"), 0);
	char *results = out_file(&r, "results.csv", NULL);
	assert_int_equal(check_results(results, ""), 0);
	assert_contains(results, "\nF1,yes,1,crime,1.1:kid,1a:kid,yes,,yes\n");
	free(results);
	assert_contains(r.c.cap.out, "rows rejected       0");
	teardown(&r);
}

/* A family the people file names no member of is judged on incomplete
 * data: never claimable, data_complete `no`, and the reason says what is
 * missing, though no row was rejected (so --strict does not stop). */
static void test_family_without_members(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, FAMILIES, "F3,2024-03-15,2024-09-15,", 25);
	add_record(&r, "F3,,eviction_notice,2023-06-01,,,,,,");
	run(&r, true);
	assert_int_equal(r.c.rc, 0);
	assert_int_equal(io_exists(r.c.out, "rejects.csv"), 0);
	char *results = out_file(&r, "results.csv", NULL);
	assert_int_equal(check_results(results, "F3"), 1);
	assert_contains(results,
	                "\nF3,yes,1,home,2.1:household,2a:household,no,data incomplete: no members in the people file,no\n");
	free(results);
	assert_contains(r.c.cap.out, "judged on incomplete data  1\n");
	assert_contains(r.c.cap.out, "claimable           2\n");

	/* Not eligible either: the missing members are still the reason given. */
	free(r.path[RECORDS]);
	r.path[RECORDS] = io_write(r.c.data, "records.csv", BASE[RECORDS], 0);
	char *argv[] = { "tiny", "--data", r.c.data, "--as-of", "2025-09-15", "--out", r.c.out, "--explain", "F3", NULL };
	cli_main(&r.c, &tiny_plan, 9, argv);
	assert_int_equal(r.c.rc, 0);
	results = out_file(&r, "results.csv", NULL);
	assert_contains(results, "\nF3,no,0,,,,no,data incomplete: no members in the people file,no\n");
	free(results);
	assert_contains(r.c.cap.out, "  members          0 (the people file names none)\n");
	assert_contains(r.c.cap.out, "  data             incomplete, so the family cannot be claimed for: "
	                             "the people file names no member of this family\n");
	assert_contains(r.c.cap.out, "  claimable        no: data incomplete: no members in the people file\n");
	teardown(&r);
}

/* More bad rows than are shown: the rest are counted, all are in the file. */
static void test_many_bad_rows(void **state)
{
	(void)state;
	char rows[64 * 30] = "";
	for (int i = 0; i < 30; i++)
		snprintf(rows + strlen(rows), sizeof rows - strlen(rows), "%sF1,kid,offense,2023-01-01,,,,,,SECRET%d",
		         i ? "\n" : "", i);
	run_dir r;
	setup(&r, RECORDS, rows, strlen(rows));
	run(&r, false);
	assert_int_equal(r.c.rc, 0);
	assert_contains(r.c.cap.err, "records.csv:23: type: " UNKNOWN_TYPE "\n"); /* the 20th */
	assert_not_contains(r.c.cap.err, "records.csv:24:");
	char want[256];
	snprintf(want, sizeof want, "... and 10 more bad rows; all are in %s/rejects.csv\n", r.c.out);
	assert_contains(r.c.cap.err, want);
	assert_contains(r.c.cap.out, "rows rejected       30 (see rejects.csv)");
	char *rejects = out_file(&r, "rejects.csv", NULL);
	assert_contains(rejects, "records.csv,33,type,");
	free(rejects);
	char *results = out_file(&r, "results.csv", NULL);
	assert_contains(results, "data incomplete: 30 rows rejected,no\n");
	free(results);
	teardown(&r);
}

/* When no family can be read at all there is nothing to judge: exit 2,
 * but the rejects that say why are written. */
static void test_every_family_rejected(void **state)
{
	(void)state;
	run_dir r;
	setup(&r, -1, NULL, 0);
	free(r.path[FAMILIES]);
	r.path[FAMILIES] = io_write(r.c.data, "families.csv", "family_id,entry_date\n,2024-01-01\n\"F1,2024-01-01\n", 0);
	free(io_write(r.c.out, "results.csv", "an earlier run\n", 0));
	run(&r, false);
	assert_int_equal(r.c.rc, 2);
	assert_contains(r.c.cap.err, "no family could be read");
	assert_int_equal(io_exists(r.c.out, "results.csv"), 0);
	char *rejects = out_file(&r, "rejects.csv", NULL);
	assert_contains(rejects, "families.csv,2,family_id,empty,");
	assert_contains(rejects, "families.csv,3,row,a quoted field is not closed");
	free(rejects);
	teardown(&r);
}

#define N_FAULTS (sizeof FAULTS / sizeof *FAULTS)

int main(void)
{
	static const struct CMUnitTest fixed[] = {
		cmocka_unit_test(test_base_extract_is_clean),
		cmocka_unit_test(test_record_of_rejected_person),
		cmocka_unit_test(test_malformed_person_row),
		cmocka_unit_test(test_many_bad_rows),
		cmocka_unit_test(test_blank_rows_not_rejected),
		cmocka_unit_test(test_family_without_members),
		cmocka_unit_test(test_every_family_rejected),
	};
	enum { N_FIXED = sizeof fixed / sizeof *fixed };
	struct CMUnitTest tests[N_FIXED + N_FAULTS];
	static char names[N_FAULTS][160];
	memcpy(tests, fixed, sizeof fixed);
	for (size_t i = 0; i < N_FAULTS; i++) {
		const fault *f = &FAULTS[i];
		snprintf(names[i], sizeof names[i], "%s line %d %s: %s", FILE_NAMES[f->file], BAD_LINE[f->file], f->field,
		         f->reason);
		tests[N_FIXED + i] = (struct CMUnitTest){ .name = names[i], .test_func = test_fault,
		                                          .initial_state = (void *)f };
	}
	return _cmocka_run_group_tests("test_bad_rows", tests, N_FIXED + N_FAULTS, NULL, NULL);
}
