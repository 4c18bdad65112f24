/*
 * test_sniff.c - an extract whose first rows are out of order is read
 * grouped from the start, with no streamed attempt to undo (sniff.h); a
 * sorted one is still streamed, even when the first block's edge falls
 * inside a quoted field that holds what looks like rows of an earlier
 * family; and one out of order further on is still found out part way.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include "io_helpers.h"
#include "load.h"
#include "reader_chunks.h"

#define FAMILIES_HEADER "family_id,entry_date,closure_date\n"
#define PEOPLE_HEADER "person_id,family_id,date_of_birth,flags,note\n"
#define RECORDS_HEADER "family_id,person_id,type,date,end_date,value,total,score,detail,author\n"

typedef struct {
	bool sniffed;          /* ehp_reader_sniff's answer */
	const char *mode;
	int restarts;
	size_t families, records;
	unsigned long rejected;
} reading;

static reading read_files(const char *families, const char *people, const char *records)
{
	char *dir = io_tmpdir();
	const char *text[3] = { families, people, records };
	const char *const file_names[3] = { "families.csv", "people.csv", "records.csv" };
	char *paths[3];
	FILE *files[3];
	for (int i = 0; i < 3; i++) {
		paths[i] = io_write(dir, file_names[i], text[i], 0);
		assert_non_null(files[i] = fopen(paths[i], "rb"));
	}
	ehp_rejects rj = { .quiet = true };
	ehp_reader *rd;
	char err[512];
	assert_int_equal(ehp_reader_open(&rd, files, (const char *const *)paths, &rj, err, sizeof err), 0);
	reading r = { .sniffed = ehp_reader_sniff(rd) };
	ehp_batch b = { 0 };
	int rc;
	while ((rc = ehp_reader_fill(rd, &b, 3, SIZE_MAX, err, sizeof err)) != EHP_READ_END) {
		assert_int_not_equal(rc, EHP_READ_ERROR);
		if (rc == EHP_READ_RESTART) {
			r.restarts++;
			r.families = r.records = 0;
		} else {
			r.families += b.n_families;
			r.records += b.n_records;
		}
		ehp_batch_clear(&b);
	}
	r.mode = ehp_reader_mode(rd);
	r.rejected = rj.count;
	ehp_batch_free(&b);
	ehp_reader_close(rd);
	ehp_rejects_free(&rj);
	for (int i = 0; i < 3; i++) {
		fclose(files[i]);
		free(paths[i]);
	}
	io_rmdir(dir);
	return r;
}

static const char families[] = FAMILIES_HEADER "F1,2024-03-15,\nF2,2024-02-01,\nF3,2024-01-01,\n";
static const char people[] = PEOPLE_HEADER "kid,F1,2010-06-01,,\ndad,F2,1980-01-01,parent,\nmum,F3,1985-04-03,parent,\n";

static void test_sorted_is_streamed(void **state)
{
	(void)state;
	reading r = read_files(families, people,
	                       RECORDS_HEADER "F1,kid,offence,2023-04-20,,,,,,\nF2,dad,offence,2023-05-20,,,,,,\n"
	                                      "F3,,assessment,2024-04-01,,,,-3,family_star,\n");
	assert_false(r.sniffed);
	assert_string_equal(r.mode, "streamed");
	assert_int_equal(r.restarts, 0);
	assert_int_equal(r.families, 3);
	assert_int_equal(r.records, 3);
}

/* The second records row names an earlier family: seen at once. */
static void test_unsorted_first_rows_grouped_at_once(void **state)
{
	(void)state;
	reading r = read_files(families, people,
	                       RECORDS_HEADER "F2,dad,offence,2023-05-20,,,,,,\nF1,kid,offence,2023-04-20,,,,,,\n"
	                                      "F3,,assessment,2024-04-01,,,,-3,family_star,\n");
	assert_true(r.sniffed);
	assert_string_equal(r.mode, "grouped");
	assert_int_equal(r.restarts, 0);
	assert_int_equal(r.families, 3);
	assert_int_equal(r.records, 3);
	assert_int_equal(r.rejected, 0);
}

/* Out of order only after the rows looked at: found out part way, and read
 * again grouped, as before. */
static void test_unsorted_later_found_part_way(void **state)
{
	(void)state;
	char *rec = NULL;
	size_t len;
	FILE *f = open_memstream(&rec, &len);
	assert_non_null(f);
	fputs(RECORDS_HEADER, f);
	for (int k = 0; k < 400; k++)
		fprintf(f, "F%d,,assessment,2024-04-01,,,,%d,family_star,\n", 1 + k / 200, k % 5);
	fputs("F1,kid,offence,2023-04-20,,,,,,\n", f); /* after F2's rows */
	fclose(f);
	reading r = read_files(families, people, rec);
	assert_false(r.sniffed);
	assert_string_equal(r.mode, "grouped");
	assert_int_equal(r.restarts, 1);
	assert_int_equal(r.records, 401);
	free(rec);
}

/* A quoted note longer than the bytes looked at, holding lines that read
 * like people of an earlier family once its quote is taken as never
 * closed: the copy's edge falls inside it, and misleads nothing. */
static void test_edge_inside_quoted_field(void **state)
{
	(void)state;
	char *ppl = NULL;
	size_t len;
	FILE *f = open_memstream(&ppl, &len);
	assert_non_null(f);
	fputs(PEOPLE_HEADER "kid,F1,2010-06-01,,\ndad,F2,1980-01-01,parent,\"a long note", f);
	/* 8000 lines of 17 bytes, past the first 64 kB; too few fields to
	 * start a row, so the note is one field, but read alone they would
	 * be rows of family F0. */
	for (int k = 0; k < 8000; k++)
		fprintf(f, "\nx%04d,F0,2010-01-01", k);
	fputs("\"\nmum,F3,1985-04-03,parent,\n", f);
	fclose(f);
	assert_true(len > 100000);
	reading r = read_files(families, ppl,
	                       RECORDS_HEADER "F1,kid,offence,2023-04-20,,,,,,\nF2,dad,offence,2023-05-20,,,,,,\n"
	                                      "F3,mum,offence,2023-06-20,,,,,,\n");
	assert_false(r.sniffed);
	assert_string_equal(r.mode, "streamed");
	assert_int_equal(r.restarts, 0);
	assert_int_equal(r.families, 3);
	assert_int_equal(r.records, 3);
	free(ppl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_is_streamed),
		cmocka_unit_test(test_unsorted_first_rows_grouped_at_once),
		cmocka_unit_test(test_unsorted_later_found_part_way),
		cmocka_unit_test(test_edge_inside_quoted_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
