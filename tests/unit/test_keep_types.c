/*
 * test_keep_types.c - the reader keeps only the record types a plan reads
 * (ehp_plan.reads_types): every row is checked as before, a bad row of an
 * unread type is still rejected and flags its family, and a good one is
 * left out of the family's records, read streamed or grouped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "load.h"

static const char *const FAMILIES = "family_id,entry_date,closure_date\nF1,2024-03-15,\nF2,2024-03-15,\n";
static const char *const PEOPLE = "person_id,family_id,date_of_birth,flags\nkid,F1,2010-06-01,\nann,F2,2011-01-01,\n";

typedef struct {
	size_t records[2], offences[2];
	unsigned rejected[2];
	char *rejects;
} seen;

/* Reads the extract with only `keep` kept (NULL: every type), and what each
 * family ended with. */
static void read_with(const char *records, const uint64_t *keep, seen *out)
{
	*out = (seen){ 0 };
	char *dir = io_tmpdir();
	char *path[3] = { io_write(dir, "families.csv", FAMILIES, 0), io_write(dir, "people.csv", PEOPLE, 0),
		              io_write(dir, "records.csv", records, 0) };
	FILE *files[3];
	for (int i = 0; i < 3; i++)
		assert_non_null(files[i] = fopen(path[i], "rb"));
	size_t len;
	FILE *rf = open_memstream(&out->rejects, &len);
	assert_non_null(rf);
	ehp_rejects rj = { .out = rf, .max_shown = 20, .quiet = true };
	const char *names[3] = { "families.csv", "people.csv", "records.csv" };
	ehp_reader *rd;
	char err[256];
	assert_int_equal(ehp_reader_open(&rd, files, names, &rj, err, sizeof err), 0);
	ehp_reader_keep_types(rd, keep);
	ehp_batch b = { 0 };
	int rc;
	while ((rc = ehp_reader_fill(rd, &b, 100, 100, err, sizeof err)) == EHP_READ_MORE || rc == EHP_READ_RESTART) {
		if (rc == EHP_READ_RESTART) { /* read again from the top, grouped: forget what came so far */
			char *kept = out->rejects;
			*out = (seen){ .rejects = kept };
			ehp_batch_clear(&b);
			continue;
		}
		for (size_t i = 0; i < b.n_families; i++) {
			const ehp_batch_family *bf = &b.families[i];
			int k = bf->id[1] - '1';
			assert_true(k == 0 || k == 1);
			out->records[k] += bf->n_records;
			out->rejected[k] += bf->rejected;
			for (size_t r = bf->records; r < bf->records + bf->n_records; r++)
				out->offences[k] += b.records[r].type == EHP_T_offence;
		}
		ehp_batch_clear(&b);
	}
	assert_int_equal(rc, EHP_READ_END);
	ehp_reader_close(rd);
	assert_int_equal(ehp_rejects_finish(&rj), 0);
	fclose(rf);
	ehp_rejects_free(&rj);
	ehp_batch_free(&b);
	for (int i = 0; i < 3; i++) {
		fclose(files[i]);
		free(path[i]);
	}
	io_rmdir(dir);
}

static void expect(const char *records, bool shuffled)
{
	uint64_t offences_only[EHP_TYPE_WORDS] = { 0 };
	offences_only[EHP_T_offence / 64] |= UINT64_C(1) << (EHP_T_offence % 64);
	seen all, some;
	read_with(records, NULL, &all);
	read_with(records, offences_only, &some);
	/* every type: F1's offence and eviction notice, F2's offence */
	assert_int_equal(all.records[0], 2);
	assert_int_equal(all.records[1], 1);
	/* offences only: the eviction notice left, the offences kept */
	assert_int_equal(some.records[0], 1);
	assert_int_equal(some.offences[0], 1);
	assert_int_equal(some.records[1], 1);
	assert_int_equal(some.offences[1], 1);
	/* the bad eviction notice rejected, and F2 flagged, either way */
	assert_int_equal(all.rejected[0], 0);
	assert_int_equal(all.rejected[1], 1);
	assert_int_equal(some.rejected[0], 0);
	assert_int_equal(some.rejected[1], 1);
	assert_string_equal(some.rejects, all.rejects);
	assert_non_null(strstr(all.rejects, shuffled ? "records.csv,2,date," : "records.csv,4,date,"));
	free(all.rejects);
	free(some.rejects);
}

static void test_sorted(void **state)
{
	(void)state;
	expect("family_id,person_id,type,date\n"
	       "F1,kid,offence,2023-04-20\n"
	       "F1,,eviction_notice,2023-06-01\n"
	       "F2,ann,eviction_notice,2023-02-30\n"
	       "F2,ann,offence,2023-05-01\n",
	       false);
}

static void test_shuffled(void **state)
{
	(void)state;
	expect("family_id,person_id,type,date\n"
	       "F2,ann,eviction_notice,2023-02-30\n"
	       "F1,kid,offence,2023-04-20\n"
	       "F2,ann,offence,2023-05-01\n"
	       "F1,,eviction_notice,2023-06-01\n",
	       true);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted),
		cmocka_unit_test(test_shuffled),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
