/*
 * test_workbook.c - results.xlsx filled on its own thread (workbook.h,
 * workbook_thread.c) on the tiny plan: rows handed over after a restart
 * give the same bytes as the same rows handed over once (the rows before
 * it forgotten); rows handed over in many small pieces, more than the
 * queue holds at once, give the same bytes as one piece; and a workbook
 * aborted part way frees everything (the sanitizer run checks). The cells
 * themselves are read back by tests/workbook/run.sh.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "fixture.h"
#include "io_helpers.h"
#include "mem.h"
#include "tiny_plan.h"
#include "workbook.h"

/* A copy of text, for ehp_workbook_rows to take over. */
static char *dup_text(const char *text, size_t len)
{
	char *p = ehp_xmalloc(len + 1);
	memcpy(p, text, len);
	p[len] = '\0';
	return p;
}

static void hand(ehp_workbook *wb, ehp_sheet sheet, const char *text)
{
	ehp_workbook_rows(wb, sheet, dup_text(text, strlen(text)), strlen(text));
}

/* n rows for the Outcomes sheet, each a family id and a long note (few
 * cells, many bytes: the queue's bound is in bytes), as one text. */
static char *long_rows(int n, size_t *len)
{
	size_t cap = (size_t)n * (16 + 800 * 7) + 1, at = 0;
	char *text = ehp_xmalloc(cap);
	for (int i = 1; i <= n; i++) {
		at += (size_t)snprintf(text + at, cap - at, "F%d,", i);
		for (int k = 0; k < 800; k++)
			at += (size_t)snprintf(text + at, cap - at, "note %d ", (i + k) % 10);
		text[at++] = '\n';
	}
	text[at] = '\0';
	*len = at;
	return text;
}

/* The workbook's bytes, once finished (then the file is removed). */
static char *finished(ehp_workbook *wb, ehp_outfile *out, size_t *len)
{
	ehp_receipt rec = { .plan = &tiny_plan, .claim = D("2025-03-31") };
	ehp_counts counts;
	ehp_counts_init(&counts, &tiny_plan);
	char err[512];
	assert_int_equal(ehp_workbook_finish(wb, &rec, "0123456789abcdef", &counts, err, sizeof err), 0);
	ehp_counts_free(&counts);
	FILE *f = fopen(out->tmp, "rb");
	assert_non_null(f);
	char *bytes = NULL;
	FILE *m = open_memstream(&bytes, len);
	char buf[4096];
	for (size_t got; (got = fread(buf, 1, sizeof buf, f)) > 0;)
		fwrite(buf, 1, got, m);
	fclose(m);
	fclose(f);
	ehp_out_abort(out);
	return bytes;
}

static ehp_workbook *started(const char *dir, ehp_outfile *out)
{
	ehp_workbook *wb = NULL;
	char err[512];
	assert_int_equal(ehp_out_open(out, dir, "results.xlsx", err, sizeof err), 0);
	assert_int_equal(ehp_workbook_start(&wb, out, &tiny_plan, D("2025-03-31"), err, sizeof err), 0);
	return wb;
}

static void assert_same_bytes(const char *a, size_t na, const char *b, size_t nb)
{
	assert_true(na > 0);
	assert_int_equal(na, nb);
	assert_memory_equal(a, b, na);
}

static void test_restart_forgets_the_rows_before_it(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	ehp_outfile out = { 0 };
	ehp_workbook *wb = started(dir, &out);
	hand(wb, EHP_SHEET_RESULTS, "F1,yes,2,\"crime,home\",1.1 kid,1a kid,no,\"outcome 2a, not achieved\",yes\n");
	hand(wb, EHP_SHEET_INDICATORS, "F1,kid,person,crime,1.1,no,2024-03-15,yes\n");
	size_t n_once, n_again;
	char *once = finished(wb, &out, &n_once);

	wb = started(dir, &out);
	hand(wb, EHP_SHEET_RESULTS, "F9,no,0,,,,no,not eligible,yes\nF8,no,0,,,,no,not eligible,yes\n");
	hand(wb, EHP_SHEET_OUTCOMES, "F9,F9,family,home,2a,achieved,,no,2024-03-15,2025-01-31,yes\n");
	ehp_workbook_restart(wb);
	hand(wb, EHP_SHEET_RESULTS, "F1,yes,2,\"crime,home\",1.1 kid,1a kid,no,\"outcome 2a, not achieved\",yes\n");
	hand(wb, EHP_SHEET_INDICATORS, "F1,kid,person,crime,1.1,no,2024-03-15,yes\n");
	char *again = finished(wb, &out, &n_again);
	assert_same_bytes(once, n_once, again, n_again);
	free(once);
	free(again);
	io_rmdir(dir);
}

static void test_many_pieces_beyond_the_queue_same_as_one(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	size_t len;
	char *rows = long_rows(1600, &len); /* about 10 MB: more than the queue holds */
	assert_true(len > (8u << 20));
	ehp_outfile out = { 0 };
	ehp_workbook *wb = started(dir, &out);
	ehp_workbook_rows(wb, EHP_SHEET_OUTCOMES, dup_text(rows, len), len);
	size_t n_one, n_many;
	char *one = finished(wb, &out, &n_one);

	wb = started(dir, &out);
	for (size_t at = 0; at < len;) { /* whole rows, ten at a time */
		size_t end = at;
		for (int r = 0; r < 10 && end < len; r++)
			end = (size_t)(strchr(rows + end, '\n') - rows) + 1;
		ehp_workbook_rows(wb, EHP_SHEET_OUTCOMES, dup_text(rows + at, end - at), end - at);
		at = end;
	}
	char *many = finished(wb, &out, &n_many);
	assert_same_bytes(one, n_one, many, n_many);
	free(one);
	free(many);
	free(rows);
	io_rmdir(dir);
}

static void test_abort_part_way(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	ehp_outfile out = { 0 };
	ehp_workbook *wb = started(dir, &out);
	hand(wb, EHP_SHEET_RESULTS, "F1,no,0,,,,no,not eligible,yes\n");
	ehp_workbook_restart(wb);
	hand(wb, EHP_SHEET_RESULTS, "F2,no,0,,,,no,not eligible,yes\n");
	ehp_workbook_abort(wb);
	ehp_workbook_abort(NULL);
	ehp_out_abort(&out);
	assert_int_equal(io_count(dir, "results.xlsx"), 0);
	io_rmdir(dir);
}

int main(void)
{
	if (!ehp_workbook_built()) {
		printf("test_workbook: built without libxlsxwriter: nothing to test\n");
		return 0;
	}
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_restart_forgets_the_rows_before_it),
		cmocka_unit_test(test_many_pieces_beyond_the_queue_same_as_one),
		cmocka_unit_test(test_abort_part_way),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
