/*
 * test_large_inputs.c - inputs far from the examples, made at test time:
 * a CSV line of 100 MB (read and kept, and read and rejected), a family of
 * 10,000 members, and files of arbitrary bytes (NUL bytes, bytes that are
 * not UTF-8). Each runs end to end through the evaluator's command line on a
 * small plan and must come out whole, with memory growing with the longest
 * row only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "cli_helpers.h"
#include "tiny_plan.h"

static FILE *create(const cli *c, const char *name)
{
	char *p = io_path(c->data, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	free(p);
	return f;
}

static void run(cli *c, bool evidence)
{
	char *argv[] = { "tiny", "--data", c->data, "--as-of", "2025-09-15", "--out", c->out, "--evidence", NULL };
	cli_main(c, &tiny_plan, evidence ? 8 : 7, argv);
}

static char *out_file(const cli *c, const char *name)
{
	return cli_out(c, name);
}

#define MB (1024u * 1024u)

/* n bytes of text with commas and quotes in it, as one quoted CSV field. */
static void put_huge_field(FILE *f, size_t n)
{
	static char block[MB];
	for (size_t i = 0; i < sizeof block; i++)
		block[i] = i % 97 == 96 ? ',' : (char)('a' + i % 26);
	putc('"', f);
	for (size_t done = 0; done < n; done += sizeof block)
		assert_int_equal(fwrite(block, 1, n - done < sizeof block ? n - done : sizeof block, f),
		                 n - done < sizeof block ? n - done : sizeof block);
	putc('"', f);
}

/* A 100 MB line in records.csv: a record whose free-text column (ignored) is
 * 100 MB is read; the same row with a type nobody knows is rejected, written
 * whole to rejects.csv, and its message on stderr stays one short line. The
 * rows after them keep their line numbers. */
static void test_line_of_100_mb(void **state)
{
	(void)state;
	cli c;
	cli_dirs(&c);
	free(io_write(c.data, "families.csv", "family_id,entry_date,closure_date\nF1,2024-03-15,2024-09-15\n", 0));
	free(io_write(c.data, "people.csv", "person_id,family_id,date_of_birth\nkid,F1,2010-06-01\n", 0));
	FILE *f = create(&c, "records.csv");
	fputs("family_id,person_id,type,date,case_note\n", f);
	fputs("F1,kid,offence,2023-04-20,", f);
	put_huge_field(f, 100 * MB);
	fputs("\nF1,kid,offense,2023-04-21,", f);
	put_huge_field(f, 100 * MB);
	fputs("\nF1,,eviction_notice,2023-05-01,short\n", f);
	assert_int_equal(fclose(f), 0);

	run(&c, true);
	assert_int_equal(c.rc, 0);
	assert_true(strlen(c.cap.err) < 1000);
	assert_contains(c.cap.err, "records.csv:3: type: unknown record type");
	char *results = out_file(&c, "results.csv");
	assert_contains(results, "\nF1,yes,2,crime;home,1.1:kid;2.1:household,1a:kid;2a:household,no,"
	                         "data incomplete: 1 row rejected,no\n");
	free(results);
	char *evidence = out_file(&c, "evidence.jsonl");
	assert_contains(evidence, ",true,null,null,null,[[0,2]]]"); /* the offence, line 2 of records file 0 */
	assert_contains(evidence, ",true,null,null,null,[[0,4]]]"); /* the eviction notice, line 4 */
	free(evidence);
	char *rj = io_path(c.out, "rejects.csv");
	struct stat st;
	assert_int_equal(stat(rj, &st), 0);
	assert_true((size_t)st.st_size > 100 * MB); /* the row, whole */
	f = fopen(rj, "rb");
	assert_non_null(f);
	char head[256];
	assert_non_null(fgets(head, sizeof head, f));
	assert_string_equal(head, "file,line,field,reason,row\n");
	assert_int_equal(fread(head, 1, 240, f), 240);
	head[240] = '\0';
	assert_contains(head, "records.csv,3,type,unknown record type (see docs/data-dictionary.md),"
	                      "\"F1,kid,offense,2023-04-21,\"\"abcdef");
	fclose(f);
	free(rj);
	cli_free(&c);
}

/* One family of 10,000 members, each with an offence before entry and a
 * term of attendance, plus a small family beside it: every member is judged
 * and named in the results, and the small family is judged as ever. */
static void test_family_of_10000(void **state)
{
	(void)state;
	enum { N = 10000 };
	cli c;
	cli_dirs(&c);
	free(io_write(c.data, "families.csv",
	              "family_id,entry_date,closure_date\nBIG,2024-03-15,2024-09-15\nF2,2024-03-15,2024-09-15\n", 0));
	FILE *f = create(&c, "people.csv");
	fputs("person_id,family_id,date_of_birth\n", f);
	for (int i = 0; i < N; i++)
		fprintf(f, "p%d,BIG,%d-01-01\n", i, 1950 + i % 60);
	fputs("k2,F2,2010-01-01\n", f);
	assert_int_equal(fclose(f), 0);
	f = create(&c, "records.csv");
	fputs("family_id,person_id,type,date,end_date,value,total\n", f);
	for (int i = 0; i < N; i++)
		fprintf(f, "BIG,p%d,offence,2023-%02d-10,,,\nBIG,p%d,attendance,2023-09-01,2023-12-20,%d,180\n", i,
		        1 + i % 12, i, 100 + i % 80);
	fputs("BIG,,eviction_notice,2023-06-01,,,\nF2,k2,offence,2023-06-01,,,\n", f);
	assert_int_equal(fclose(f), 0);

	run(&c, true);
	assert_int_equal(c.rc, 0);
	char *results = out_file(&c, "results.csv");
	const char *big = strstr(results, "\nBIG,yes,2,crime;home,1.1:p");
	assert_non_null(big);
	assert_contains(big, ";1.1:p9999;2.1:household,");
	assert_contains(big, ";1a:p9999;2a:household,yes,,yes\n");
	int members = 0;
	for (const char *p = big; *p != '\n' || p == big; p++)
		members += !strncmp(p, "1.1:p", 5);
	int want = 0; /* offences in the 12 months before entry: from April 2023 */
	for (int i = 0; i < N; i++)
		want += 1 + i % 12 >= 4;
	assert_int_equal(members, want);
	assert_contains(results, "\nF2,yes,1,crime,1.1:k2,1a:k2,yes,,yes\n");
	free(results);
	assert_contains(c.cap.out, "families            2");
	assert_contains(c.cap.out, "claimable           2");
	cli_free(&c);
}

/* A tiny deterministic generator, so a failure can be replayed. */
static uint32_t next_random(uint32_t *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 17;
	*s ^= *s << 5;
	return *s;
}

/* Files of arbitrary bytes after a good header: NUL bytes, bytes that are
 * not UTF-8, stray quotes and line breaks of every kind. Whatever they hold,
 * the run ends in an answer (exit 0) or a clear refusal (2), leaves no
 * temporary files, and never echoes a byte of the rows on stderr. */
static void test_arbitrary_bytes(void **state)
{
	(void)state;
	static const char *const names[] = { "families.csv", "people.csv", "records.csv" };
	static const char *const headers[] = { "family_id,entry_date,closure_date\nF1,2024-03-15,\n",
		                                   "person_id,family_id,date_of_birth,flags\nkid,F1,2010-01-01,\n",
		                                   "family_id,person_id,type,date,value,total\nF1,kid,offence,2023-06-01,,\n" };
	static const char alphabet[] = "F1kid,,,\"\"\n\r\n\r\0\0\xFF\xFE\xC3\x28\xE2\x82 2024-03-1501/02/2023;parent\xEF\xBB\xBF";
	uint32_t seed = 12345;
	for (int round = 0; round < 24; round++) {
		cli c;
		cli_dirs(&c);
		int which = round % 3;
		for (int i = 0; i < 3; i++) {
			FILE *f = create(&c, names[i]);
			fputs(headers[i], f);
			if (i == which) {
				for (int k = 0; k < 20000; k++) {
					uint32_t r = next_random(&seed);
					putc(r % 4 ? alphabet[r / 4 % (sizeof alphabet - 1)] : (int)(r >> 24), f);
				}
			}
			assert_int_equal(fclose(f), 0);
		}
		run(&c, round % 2);
		assert_true(c.rc == 0 || c.rc == 2);
		assert_int_equal(io_count(c.out, ".tmp."), 0);
		/* stderr holds messages, paths and reasons: printable text */
		for (const char *p = c.cap.err; *p; p++)
			if ((unsigned char)*p < 0x20 && *p != '\n')
				fail_msg("round %d: a control byte 0x%02x on stderr", round, (unsigned char)*p);
		assert_not_contains(c.cap.err, "\xFF");
		assert_not_contains(c.cap.err, "\xC3\x28");
		if (c.rc == 0) {
			char *results = out_file(&c, "results.csv");
			assert_non_null(results);
			assert_contains(results, "family_id,eligible,");
			free(results);
		}
		cli_free(&c);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_of_100_mb),
		cmocka_unit_test(test_family_of_10000),
		cmocka_unit_test(test_arbitrary_bytes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
