/*
 * test_conditions.c - the tests that read no records (semantics.md,
 * "Dates between anchors" and "Settings"): `closure at least 6 months
 * before claim` and yes/no parameters, with the evidence each leaves.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static void test_anchor_gap(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	fx_ready(&f);
	ehp_point claim = ehp_point_at(&f.ev, EHP_CLAIM);
	/* closure 15/09/2024 is exactly 6 months before the claim: met, the day counts. */
	assert_int_equal(ehp_anchor_gap(&f.ev, 4, EHP_CLOSURE, ehp_point_shift(claim, -6, EHP_MONTHS), true), EHP_TRUE);
	const ehp_evidence *e = fx_last(&f);
	assert_int_equal(e->plan_line, 4);
	assert_int_equal(e->from, D("15/09/2024"));
	assert_int_equal(e->to, D("15/09/2024"));
	assert_int_equal(e->result, EHP_TRUE);
	/* One day short: a claim on 14/03/2025. */
	f.ev.claim = D("14/03/2025");
	claim = ehp_point_at(&f.ev, EHP_CLAIM);
	assert_int_equal(ehp_anchor_gap(&f.ev, 4, EHP_CLOSURE, ehp_point_shift(claim, -6, EHP_MONTHS), true), EHP_FALSE);
	/* The same rule written from the other side: claim at least 6 months after closure. */
	ehp_point closure = ehp_point_at(&f.ev, EHP_CLOSURE);
	assert_int_equal(ehp_anchor_gap(&f.ev, 5, EHP_CLAIM, ehp_point_shift(closure, 6, EHP_MONTHS), false), EHP_FALSE);
	f.ev.claim = D("15/03/2025");
	assert_int_equal(ehp_anchor_gap(&f.ev, 5, EHP_CLAIM, ehp_point_shift(closure, 6, EHP_MONTHS), false), EHP_TRUE);
	/* Support still open: cannot be judged, and the evidence says why. */
	f.fam.closure = EHP_NO_DATE;
	claim = ehp_point_at(&f.ev, EHP_CLAIM);
	assert_int_equal(ehp_anchor_gap(&f.ev, 4, EHP_CLOSURE, ehp_point_shift(claim, -6, EHP_MONTHS), true), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "support has not closed");
	fx_free(&f);
}

static ehp_tv never(ehp_eval *ev, int subject)
{
	(void)ev;
	(void)subject;
	return EHP_FALSE;
}

static void test_settings(void **state)
{
	(void)state;
	static const ehp_param_def params[] = {
		{ "include_authorised_absence", "yes/no", "doc", 0, 3 },
	};
	ehp_indicator_def ind = { .id = "1", .text = "x", .period = "", .source = "", .line = 1,
	                          .scope = EHP_SCOPE_HOUSEHOLD, .when = never };
	ehp_plan plan = { .name = "t", .indicators = &ind, .n_indicators = 1, .params = params, .n_params = 1 };
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2025");
	fx_ready(&f);
	double values[] = { 0 };
	f.ev.plan = &plan;
	f.ev.params = values;
	assert_int_equal(ehp_setting(&f.ev, 9, 0, true), EHP_FALSE);
	assert_int_equal(ehp_setting(&f.ev, 9, 0, false), EHP_TRUE);
	const ehp_evidence *e = fx_last(&f);
	assert_string_equal(e->what, "include_authorised_absence");
	assert_true(e->measured == 0 && e->threshold == 0);
	values[0] = 1; /* --set include_authorised_absence=yes */
	assert_int_equal(ehp_setting(&f.ev, 9, 0, true), EHP_TRUE);
	assert_int_equal(ehp_setting(&f.ev, 9, 0, false), EHP_FALSE);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_anchor_gap),
		cmocka_unit_test(test_settings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
