/*
 * test_due_latest.c - ehp_outcomes_due with an outcome's `latest` (the last
 * day any window of its tests ends, ehp_outcome_def.latest): an outcome
 * that cannot be judged yet and whose windows all end by the claim date,
 * or are all missing, waits on no day, and is not judged again to learn
 * so; one whose windows run past the claim date is judged again for its
 * date, as without `latest`. The dates are those judging again gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "due.h"
#include "tiny_plan.h"

static int judged_again; /* outcome 1a judged with a trace: the test's own state */

static ehp_tv no_offence_after(ehp_eval *ev, int subject)
{
	judged_again += ev->trace != NULL;
	return tiny_no_offence_after(ev, subject);
}

static ehp_date latest_1a(const ehp_eval *ev)
{
	return ehp_latest_end(EHP_NO_DATE, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

static const ehp_outcome_def outcomes[] = {
	{ .id = "1a", .text = "No offence", .period = "6 months after closure", .line = 12, .theme = 0,
	  .scope = EHP_SCOPE_PERSON, .when = no_offence_after, .serves = tiny_serves_11, .latest = latest_1a },
};

static ehp_plan plan(void)
{
	ehp_plan p = tiny_plan;
	p.indicators = tiny_indicators;
	p.n_indicators = 1;
	p.outcomes = outcomes;
	p.n_outcomes = 1;
	return p;
}

/* The kid offended before entry (1.1 met); support closed on `closure`
 * (NULL: still open), claimed 31/03/2025. */
static ehp_date due_of(const char *closure, ehp_tv *achieved)
{
	static const double params[] = { 12 };
	ehp_plan p = plan();
	fixture f;
	fx_init(&f, "15/03/2024", closure, "31/03/2025");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2023-06-01", NULL);
	fx_ready(&f);
	f.ev.params = params;
	f.ev.trace = NULL;
	ehp_results res = { 0 };
	ehp_evaluate_family(&p, &f.ev, &res);
	assert_int_equal(res.n_out, 1);
	*achieved = res.out[0].achieved;
	ehp_date due[2];
	ehp_trace scratch = { 0 };
	judged_again = 0;
	ehp_outcomes_due(&p, &f.ev, &res, &scratch, due);
	ehp_trace_free(&scratch);
	ehp_results_free(&res);
	fx_free(&f);
	return due[0];
}

static void test_open_after_the_claim_date(void **state)
{
	(void)state;
	ehp_tv achieved;
	assert_int_equal(due_of("31/01/2025", &achieved), D("2025-07-31"));
	assert_int_equal(achieved, EHP_UNKNOWN);
	assert_int_equal(judged_again, 1);
}

static void test_waiting_on_closure(void **state)
{
	(void)state;
	ehp_tv achieved;
	assert_int_equal(due_of(NULL, &achieved), EHP_NO_DATE); /* the window after closure cannot be formed */
	assert_int_equal(achieved, EHP_UNKNOWN);
	assert_int_equal(judged_again, 0);
}

static void test_closed_by_the_claim_date(void **state)
{
	(void)state;
	ehp_tv achieved;
	assert_int_equal(due_of("31/01/2024", &achieved), EHP_NO_DATE);
	assert_int_not_equal(achieved, EHP_UNKNOWN); /* judged: nothing asked again either way */
	assert_int_equal(judged_again, 0);
}

/* ehp_latest_end: missing windows add nothing; no date sorts first. */
static void test_latest_end(void **state)
{
	(void)state;
	ehp_window a = { D("2024-01-01"), D("2024-06-30"), NULL, 0 }, b = { D("2024-02-01"), D("2025-01-31"), NULL, 0 };
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_latest_end(EHP_NO_DATE, gone), EHP_NO_DATE);
	assert_int_equal(ehp_latest_end(EHP_NO_DATE, a), D("2024-06-30"));
	assert_int_equal(ehp_latest_end(ehp_latest_end(EHP_NO_DATE, b), a), D("2025-01-31"));
	assert_int_equal(ehp_latest_end(D("2024-06-30"), gone), D("2024-06-30"));
	ehp_window open = { D("2024-01-01"), EHP_FOREVER, NULL, 0 };
	assert_int_equal(ehp_latest_end(D("2024-06-30"), open), EHP_FOREVER);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_open_after_the_claim_date),
		cmocka_unit_test(test_waiting_on_closure),
		cmocka_unit_test(test_closed_by_the_claim_date),
		cmocka_unit_test(test_latest_end),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
