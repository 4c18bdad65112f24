/*
 * test_weeks_sum.c - `sum SEL >= Q for K of N weeks W` (semantics.md
 * "Records in windows"): a week counts when the total of the selection's
 * values in it compares with the threshold; weeks are whole ISO weeks.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

/* Earnings of `value` on the Monday of each week from `first` (a Monday). */
static void paid(fixture *f, int who, const char *first, int weeks, double value)
{
	for (int i = 0; i < weeks; i++) {
		char buf[11];
		ehp_date_format(D(first) + 7 * i, buf);
		fx_record(f, who, EHP_T_weekly_earnings, buf, NULL)->value = value;
	}
}

/* [test_weeks_sum] */
static void test_weeks_sum(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", "2024-09-15", "2025-03-15");
	int mum = fx_person(&f, "mum", "1985-04-03", 0);
	int dad = fx_person(&f, "dad", "1982-10-10", 0);
	paid(&f, mum, "2024-09-09", 26, 78);      /* the last 26 of 30 weeks */
	paid(&f, dad, "2024-09-09", 25, 78);
	fx_record(&f, dad, EHP_T_weekly_earnings, "2025-03-03", NULL)->value = 40; /* the 26th week in two */
	fx_record(&f, dad, EHP_T_weekly_earnings, "2025-03-09", NULL)->value = 37.99;
	fx_ready(&f);
	ehp_sel pay = SEL(EHP_T_weekly_earnings);
	/* Monday 12/08/2024 .. Sunday 09/03/2025: 30 whole weeks. */
	ehp_window w = { D("2024-08-10"), D("2025-03-15"), NULL, 0 };
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_GE, 78, 26, 30, w), EHP_TRUE);
	assert_int_equal(fx_last(&f)->measured, 26);
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_GE, 78.01, 26, 30, w), EHP_FALSE);
	assert_int_equal(fx_last(&f)->measured, 0);
	/* A week's records are added up: £40 + £37.99 is short of £78. */
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, dad, &pay, 1, EHP_OP_GE, 78, 26, 30, w), EHP_FALSE);
	assert_int_equal(fx_last(&f)->measured, 25);
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, dad, &pay, 1, EHP_OP_GE, 77.99, 26, 30, w), EHP_TRUE);
	/* A week with no record totals 0; consecutive weeks (k == n). */
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_LT, 1, 4, 4, w), EHP_TRUE);
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_GE, 78, 26, 26, w), EHP_TRUE);
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_GE, 78, 27, 27, w), EHP_FALSE);
	/* Weeks not over by the claim date cannot be judged yet. */
	ehp_window later = { D("2025-01-06"), D("2025-06-29"), NULL, 0 };
	assert_int_equal(ehp_weeks_sum(&f.ev, 1, mum, &pay, 1, EHP_OP_GE, 78, 20, 20, later), EHP_UNKNOWN);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_weeks_sum),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
