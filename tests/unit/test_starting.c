/*
 * test_starting.c - `any X starting in W` and `no X starting in W`
 * (semantics.md "Records in windows"): only records whose first day lies in
 * the window count, not a state begun before it and still open in it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static ehp_window W(const char *from, const char *to)
{
	return (ehp_window){ D(from), D(to), NULL, 0 };
}

/* [test_starting] */
static void test_starting(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2012-06-01", 0);
	int sib = fx_person(&f, "sib", "2014-06-01", 0);
	fx_record(&f, kid, EHP_T_early_help_assessment, "2021-06-01", "open"); /* years before, still open */
	fx_record(&f, sib, EHP_T_early_help_assessment, "2023-09-16", NULL);   /* begun on the window's first day */
	fx_record(&f, sib, EHP_T_early_help_assessment, "2024-06-01", NULL);   /* begun after entry */
	fx_ready(&f);
	ehp_sel eha = SEL(EHP_T_early_help_assessment);
	ehp_window six = W("2023-09-16", "2024-03-15");
	/* Open in the window (plain `any`), but not begun in it. */
	assert_int_equal(ehp_any(&f.ev, 1, kid, &eha, 1, six), EHP_TRUE);
	assert_int_equal(ehp_any_starting(&f.ev, 1, kid, &eha, 1, six), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "no record found");
	assert_int_equal(ehp_none_starting(&f.ev, 1, kid, &eha, 1, six), EHP_TRUE);
	/* The window's first day is in it; the day before is not. */
	assert_int_equal(ehp_any_starting(&f.ev, 1, sib, &eha, 1, six), EHP_TRUE);
	assert_int_equal(fx_last(&f)->n_lines, 1);
	assert_int_equal(fx_last(&f)->lines[0].line, 101);
	assert_int_equal(ehp_any_starting(&f.ev, 1, sib, &eha, 1, W("2023-09-17", "2024-03-15")), EHP_FALSE);
	/* A record begun in the window counts once, whatever comes after it. */
	assert_int_equal(ehp_any_starting(&f.ev, 1, EHP_FAMILY, &eha, 1, W("2021-06-01", "2025-01-01")), EHP_TRUE);
	assert_int_equal(fx_last(&f)->measured, 3);
	/* An absence is judged once the window is over, as `no`. */
	assert_int_equal(ehp_none_starting(&f.ev, 1, kid, &eha, 1, W("2025-01-01", "2025-03-16")), EHP_UNKNOWN);
	assert_int_equal(ehp_none_starting(&f.ev, 1, sib, &eha, 1, W("2024-03-16", "2024-09-15")), EHP_FALSE);
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_any_starting(&f.ev, 1, kid, &eha, 1, gone), EHP_UNKNOWN);
	/* Without a trace the answers are the same. */
	f.ev.trace = NULL;
	assert_int_equal(ehp_any_starting(&f.ev, 1, kid, &eha, 1, six), EHP_FALSE);
	assert_int_equal(ehp_any_starting(&f.ev, 1, sib, &eha, 1, six), EHP_TRUE);
	f.ev.trace = &f.trace;
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_starting),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
