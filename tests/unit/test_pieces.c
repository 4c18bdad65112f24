/*
 * test_pieces.c - the grouped reader's records file cut into pieces
 * (pieces.h) and parsed on threads taken back in order (inorder.h): the
 * pieces put together are the file after its header, each ends at a line
 * break (never between CR and LF) and knows the line it starts on, a row
 * longer than a block still ends a piece, and the receipt's digest is of
 * the whole file; jobs come back in the order they went in, with threads
 * or without.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include "inorder.h"
#include "io_helpers.h"
#include "pieces.h"
#include "sha256.h"

/* Lines before byte n of s, as the CSV reader counts them. */
static unsigned long lines_before(const char *s, size_t n)
{
	unsigned long lines = 0;
	for (size_t k = 0; k < n; k++)
		if (s[k] == '\n' || (s[k] == '\r' && (k + 1 >= n || s[k + 1] != '\n')))
			lines++;
	return lines;
}

static void check_pieces(const char *text, size_t block)
{
	char *dir = io_tmpdir();
	char *path = io_write(dir, "records.csv", text, 0);
	FILE *f = fopen(path, "rb");
	assert_non_null(f);
	ehp_rejects rj = { .quiet = true };
	ehp_table t;
	char err[256];
	assert_int_equal(ehp_table_open(&t, f, path, EHP_RECORDS_FILE, &rj, err, sizeof err), 0);
	const char *body = strchr(text, '\n') + 1;
	size_t at = 0, n = strlen(body);
	ehp_pieces *ps = ehp_pieces_open(&t, block);
	ehp_piece p;
	bool last = false;
	while (ehp_pieces_next(ps, &p)) {
		assert_false(last);
		assert_true(p.len > 0 && at + p.len <= n);
		assert_memory_equal(p.buf, body + at, p.len);
		assert_int_equal(p.line, 2 + lines_before(body, at));
		assert_int_equal(p.lines, lines_before(p.buf, p.len));
		at += p.len;
		if (at < n) {
			char end = body[at - 1];
			assert_true(end == '\n' || end == '\r');
			assert_false(end == '\r' && body[at] == '\n');
		}
		last = p.last;
		free(p.buf);
	}
	assert_true(last);
	assert_int_equal(at, n);
	ehp_pieces_close(ps);
	char got[65], want[65];
	uint64_t bytes;
	assert_int_equal(csv_digest(&t.csv, got, &bytes), 0);
	sha256_hex(text, strlen(text), want);
	assert_string_equal(got, want);
	assert_int_equal(bytes, strlen(text));
	ehp_table_close(&t);
	fclose(f);
	free(path);
	io_rmdir(dir);
}

static const char records[] =
	"family_id,person_id,type,date,note\n"
	"F1,,offence,2023-04-20,\n"
	"F2,a,offence,2023-04-21,\"a note\nover two lines\"\r\n"
	"F3,b,offence,2023-04-22,lone CR\r"
	"F4,c,offence,2023-04-23,\r\n"
	"\n"
	"F5,d,offence,2023-04-24,a long note: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n"
	"F6,e,offence,2023-04-25,no line break at the end";

static void test_pieces_cover_the_file(void **state)
{
	(void)state;
	const size_t blocks[] = { 1, 2, 7, 30, 64, 1 << 20 };
	for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
		check_pieces(records, blocks[k]);
}

/* A long file, lines of many lengths, in pieces of many sizes: each
 * piece's line counted 16 bytes at a time, past 255 blocks; then with a
 * lone CR and a CRLF far in, counted as the CSV reader counts them. */
static void test_pieces_count_long_files(void **state)
{
	(void)state;
	enum { LINES = 6000 };
	size_t cap = LINES * 80 + 256, n = 0;
	char *text = malloc(cap);
	assert_non_null(text);
	n += (size_t)snprintf(text, cap, "family_id,person_id,type,date\n");
	for (int i = 0; i < LINES; i++)
		n += (size_t)snprintf(text + n, cap - n, "F%d,P%d,attendance,2024-01-01%.*s\n", i, i, i % 37,
		                      ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,");
	const size_t blocks[] = { 100, 4096, 5000, 1 << 20 };
	for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
		check_pieces(text, blocks[k]);
	text[n - 4000] = '\r'; /* a lone CR, ending a line of its own */
	text[n - 9000] = '\r';
	text[n - 8999] = '\n'; /* a CRLF, one line */
	for (size_t k = 0; k < sizeof blocks / sizeof *blocks; k++)
		check_pieces(text, blocks[k]);
	free(text);
}

/* A job: a number, and how much work it takes; done, it holds its square. */
typedef struct {
	long n, square;
	unsigned spin;
} job;

static void square(void *arg, void *ctx)
{
	job *j = arg;
	volatile unsigned x = 0;
	for (unsigned k = 0; k < j->spin; k++)
		x += k;
	(void)ctx;
	j->square = j->n * j->n;
}

static void run_jobs(int threads)
{
	enum { N = 200 };
	job jobs[N];
	ehp_inorder *q = ehp_inorder_start(threads, 5, square, NULL);
	long next = 0;
	for (long k = 0; k < N; k++) {
		jobs[k] = (job){ .n = k, .spin = (unsigned)((k * 7919) % 50000) };
		if (ehp_inorder_full(q)) {
			job *j = ehp_inorder_take(q);
			assert_int_equal(j->n, next++);
			assert_int_equal(j->square, j->n * j->n);
		}
		ehp_inorder_put(q, &jobs[k]);
		if (!threads) /* no worker: done as it is put */
			assert_int_equal(jobs[k].square, k * k);
	}
	for (job *j; (j = ehp_inorder_take(q));) {
		assert_int_equal(j->n, next++);
		assert_int_equal(j->square, j->n * j->n);
	}
	assert_int_equal(next, N);
	ehp_inorder_stop(q);
}

static void test_jobs_come_back_in_order(void **state)
{
	(void)state;
	run_jobs(0);
	run_jobs(1);
	run_jobs(3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pieces_cover_the_file),
		cmocka_unit_test(test_pieces_count_long_files),
		cmocka_unit_test(test_jobs_come_back_in_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
