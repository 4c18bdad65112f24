/*
 * test_receipt.c - the execution receipt (receipt.c): SHA-256 streamed in
 * pieces equals the digest in one go; inputs hashed on another process come
 * back right, an unreadable one as "-"; the receipt names the plan, its
 * hash, the claim date, every parameter (one set for the run marked) and
 * every input by its file name only (not the folders above it, which may be
 * named after a child) with its size and digest; then the run's id, the
 * SHA-256 of every line above it, and the files the run wrote.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "io_helpers.h"
#include "receipt.h"
#include "load.h"
#include "sha256.h"
#include "tiny_plan.h"

static void test_sha256_streaming(void **state)
{
	(void)state;
	char text[1000];
	for (size_t i = 0; i < sizeof text; i++)
		text[i] = (char)('a' + i % 26);
	char whole[65], pieces[65];
	sha256_hex(text, sizeof text, whole);
	/* fed in awkward pieces: 1, 63, 64, 65 bytes ... */
	sha256_ctx c;
	sha256_init(&c);
	size_t sizes[] = { 1, 63, 64, 65, 7, 300, 500 }, at = 0;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes && at < sizeof text; k++) {
		size_t n = sizes[k] < sizeof text - at ? sizes[k] : sizeof text - at;
		sha256_update(&c, text + at, n);
		at += n;
	}
	sha256_update(&c, text + at, sizeof text - at);
	sha256_final(&c, pieces);
	assert_string_equal(whole, pieces);
	/* the standard "abc" */
	sha256_hex("abc", 3, whole);
	assert_string_equal(whole, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

/* A terms file's digest is of the bytes read while loading it: no second
 * read (the inputs' own are the reader's: test_csv, tests/determinism). */
static void test_terms_digest(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	const char *text = "start,end\n2024-09-04,2024-12-20\n";
	char *p = io_write(dir, "terms.csv", text, 0);
	ehp_calendar cal;
	char hex[65], want[65], err[256];
	uint64_t bytes = 0;
	assert_int_equal(ehp_calendar_load_hashed(&cal, p, hex, &bytes, err, sizeof err), 0);
	sha256_hex(text, strlen(text), want);
	assert_string_equal(hex, want);
	assert_int_equal(bytes, strlen(text));
	assert_int_equal(cal.n, 1);
	ehp_calendar_free(&cal);
	free(p);
	io_rmdir(dir);
}

static void test_receipt_text(void **state)
{
	(void)state;
	double params[] = { 24 }; /* the plan's default is 12 */
	ehp_receipt r = { .plan = &tiny_plan, .claim = ehp_date_parse("2025-03-15", 10), .params = params,
	                  .n_inputs = 1, .input_names = { "records" }, .input_paths = { "data/Jo Bloggs/records.csv" },
	                  .input_hex = { "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" },
	                  .input_bytes = { 3 }, .rejected = 2, .families = 5, .eligible = 4, .claimable = 1,
	                  .incomplete = 1, .n_outputs = 2, .output_names = { "results.csv", "rejects.csv" },
	                  .output_hex = { "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
	                                  "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855" },
	                  .output_bytes = { 3, 0 } };
	char *text;
	size_t len;
	FILE *m = open_memstream(&text, &len);
	ehp_receipt_write(m, &r);
	fclose(m);
	assert_non_null(strstr(text, "evaluator     tiny, built with ehp " EHP_VERSION "\n"));
	assert_non_null(strstr(text, "plan file     tiny.ehp\n"));
	assert_non_null(strstr(text, "plan sha256   0123abcd\n"));
	assert_non_null(strstr(text, "claim date    2025-03-15\n"));
	assert_non_null(strstr(text, "school terms  England's calendar, built in\n"));
	assert_non_null(strstr(text, "months                               24 months   (set for this run"));
	assert_non_null(strstr(text, "\n  records  records.csv  3 bytes  sha256 ba7816bf"));
	assert_null(strstr(text, "Jo Bloggs"));
	assert_non_null(strstr(text, "rows rejected 2\n"));
	assert_non_null(strstr(text, "families      5 judged, 4 eligible, 1 claimable, 1 on incomplete data\n"));
	assert_non_null(strstr(text, "outputs       results.csv, rejects.csv, receipt.txt\n"));
	/* the run's id: the SHA-256 of the lines above it */
	char *run = strstr(text, "\nrun           ");
	assert_non_null(run);
	char id[65];
	sha256_hex(text, (size_t)(run + 1 - text), id);
	assert_memory_equal(run + 15, id, 64);
	/* known before the outputs' digests (report.html shows it): the same */
	char early[65];
	r.output_bytes[0] = 99;
	ehp_receipt_run_id(&r, early);
	assert_memory_equal(early, id, 64);
	r.output_bytes[0] = 3;
	assert_string_equal(run + 15 + 64, "\nwritten by this run\n"
	                    "  results.csv  3 bytes  sha256 ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad\n"
	                    "  rejects.csv  0 bytes  sha256 e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sha256_streaming),
		cmocka_unit_test(test_terms_digest),
		cmocka_unit_test(test_receipt_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
