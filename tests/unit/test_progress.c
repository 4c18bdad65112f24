/*
 * test_progress.c - the progress line (progress.c): its words, nothing at
 * all on a file that is not a terminal, and on a terminal (a pseudo-
 * terminal here) a line redrawn in place and cleared at the end.
 */
#define _XOPEN_SOURCE 700 /* posix_openpt */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "progress.h"

static void test_format(void **state)
{
	(void)state;
	char buf[160];
	ehp_progress_format(buf, sizeof buf, 1200, 3, 0.3);
	assert_string_equal(buf, "1200 families judged, 400 a second, 30% of the input read, about 7 s left");
	ehp_progress_format(buf, sizeof buf, 90000, 60, 0.25);
	assert_string_equal(buf, "90000 families judged, 1500 a second, 25% of the input read, about 3 min 0 s left");
	ehp_progress_format(buf, sizeof buf, 1, 2, 0.0001);
	assert_string_equal(buf, "1 family judged, 0 a second, 0% of the input read");
	ehp_progress_format(buf, sizeof buf, 5000000, 1000, 0.1);
	assert_string_equal(buf, "5000000 families judged, 5000 a second, 10% of the input read, about 2 h 30 min left");
	/* Pipes still being read: no share, no time left. */
	ehp_progress_format(buf, sizeof buf, 300, 2, -1);
	assert_string_equal(buf, "300 families judged, 150 a second");
	/* Cut short, never overrun. */
	char small[12];
	ehp_progress_format(small, sizeof small, 1200, 3, 0.3);
	assert_string_equal(small, "1200 famili");
}

/* A file that is not a terminal gets nothing, however long the run. */
static void test_nothing_on_a_file(void **state)
{
	(void)state;
	FILE *f = tmpfile();
	assert_non_null(f);
	ehp_progress p;
	ehp_progress_start(&p, f, true);
	assert_null(p.f);
	p.start.tv_sec -= 10; /* as if the run had gone on for 10 s */
	ehp_progress_tick(&p, 500, -1);
	ehp_progress_end(&p);
	assert_int_equal(ftell(f), 0);
	fclose(f);
}

/* On a terminal: nothing in the first second, then the line, redrawn in
 * place, then cleared; and nothing with --quiet. */
static void test_line_on_a_terminal(void **state)
{
	(void)state;
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	if (master < 0 || grantpt(master) != 0 || unlockpt(master) != 0) {
		skip(); /* no pseudo-terminals here */
		return;
	}
	int slave = open(ptsname(master), O_RDWR | O_NOCTTY);
	assert_true(slave >= 0);
	FILE *tty = fdopen(slave, "w");
	assert_non_null(tty);
	ehp_progress p;
	ehp_progress_start(&p, tty, false);
	assert_null(p.f); /* --quiet */
	ehp_progress_start(&p, tty, true);
	assert_non_null(p.f);
	ehp_progress_tick(&p, 10, -1); /* within the first second: nothing yet */
	assert_false(p.shown);
	p.start.tv_sec -= 2;
	ehp_progress_tick(&p, 800, -1);
	assert_true(p.shown);
	ehp_progress_end(&p);
	fclose(tty); /* all of it written: the master reads it, then EIO */
	char got[512];
	size_t len = 0;
	for (ssize_t n; len < sizeof got - 1 && (n = read(master, got + len, sizeof got - 1 - len)) > 0;)
		len += (size_t)n;
	got[len] = '\0';
	assert_non_null(strstr(got, "\r800 families judged, "));
	assert_non_null(strstr(got, "a second\033[K\r\033[K"));
	close(master);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_format),
		cmocka_unit_test(test_nothing_on_a_file),
		cmocka_unit_test(test_line_on_a_terminal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
