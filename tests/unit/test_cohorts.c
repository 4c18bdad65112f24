/*
 * test_cohorts.c - rows that share a cohort (ehp_plan.cohorts, a row's
 * .cohort) have its members worked out once a family (cohorts.c), and get
 * the verdicts they get when every row asks its cohort for every member:
 * with and without a trace, for a family too big for the mask, for a row
 * whose cohort is in no table, and family after family.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"
#include "internal.h"

/* How many times the cohort was asked, so a test can see it asked once a
 * member rather than once a member and row. The test's own state. */
static int asked;

static bool child(const ehp_eval *ev, int person)
{
	asked++;
	return ehp_age_in(ehp_age(ev, person), 0, 17);
}

static ehp_tv offence_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_offence, -1, NULL, false, NULL };
	return ehp_any(ev, 0, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static ehp_tv no_eviction_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_eviction_notice, -1, NULL, false, NULL };
	return ehp_none(ev, 1, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static const uint64_t READS_OFFENCE[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };
static const uint64_t READS_EVICTION[EHP_TYPE_WORDS] = { [EHP_T_eviction_notice / 64] =
	                                                          UINT64_C(1) << (EHP_T_eviction_notice % 64) };

static const ehp_theme_def themes[] = { { .name = "crime", .title = "Crime", .text = "", .evidence = "", .line = 1 } };
static const ehp_cohort_fn cohorts[] = { child };

/* Two rows of one cohort: an offence (met by few) and no eviction notice (met
 * by every child with none: the shared verdict, TRUE). */
static ehp_indicator_def rows[] = {
	{ .id = "1", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .who = child, .cohort = 1, .when = offence_before, .reads = READS_OFFENCE },
	{ .id = "2", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .who = child, .cohort = 1, .when = no_eviction_before, .reads = READS_EVICTION },
};

static ehp_plan plan_with(const ehp_indicator_def *ind, bool table)
{
	return (ehp_plan){ .name = "cohorts", .themes = themes, .n_themes = 1, .indicators = ind, .n_indicators = 2,
	                   .cohorts = table ? cohorts : NULL, .n_cohorts = table ? 1 : 0 };
}

/* Member p's verdict of row i, or -1 when none is kept. */
static int verdict(const ehp_results *res, int i, int p)
{
	for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++)
		if (res->ind[v].subject == p)
			return (int)res->ind[v].met;
	return -1;
}

/* kid (offended), kid2, mum. */
static void family(fixture *f)
{
	fx_init(f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(f, "kid", "2010-06-01", 0);
	fx_person(f, "kid2", "2012-01-01", 0);
	fx_person(f, "mum", "1985-04-03", 0);
	fx_record(f, kid, EHP_T_offence, "2023-10-01", NULL);
	fx_ready(f);
}

static void test_asked_once_a_member(void **state)
{
	(void)state;
	fixture f;
	family(&f);
	ehp_plan plan = plan_with(rows, true);
	for (int traced = 0; traced < 2; traced++) {
		ehp_results res = { 0 };
		f.ev.trace = traced ? &f.trace : NULL;
		f.ev.share_evidence = true;
		f.trace.n = 0;
		asked = 0;
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_int_equal(asked, 3); /* once for each member, not once a member and row */
		assert_int_equal(verdict(&res, 0, 0), EHP_TRUE);
		assert_int_equal(verdict(&res, 0, 1), traced ? EHP_FALSE : -1); /* not met: kept only with a trace */
		assert_int_equal(verdict(&res, 0, 2), -1);                        /* not in the cohort */
		assert_int_equal(verdict(&res, 1, 0), EHP_TRUE);
		assert_int_equal(verdict(&res, 1, 1), EHP_TRUE);
		assert_int_equal(verdict(&res, 1, 2), -1);
		ehp_results_free(&res);
	}
	fx_free(&f);
}

/* A row whose cohort is in no table (a plan written by hand) asks it for
 * every member, row by row, and gets the same verdicts. */
static void test_without_a_table(void **state)
{
	(void)state;
	fixture f;
	family(&f);
	ehp_indicator_def untabled[2];
	memcpy(untabled, rows, sizeof untabled);
	untabled[0].cohort = untabled[1].cohort = 0;
	ehp_plan plan = plan_with(untabled, false);
	ehp_results res = { 0 };
	f.ev.trace = NULL;
	asked = 0;
	ehp_evaluate_family(&plan, &f.ev, &res);
	/* Row 2 asks all three; row 1 asks kid (who offended) and kid2, whose
	 * verdict, shared and not met, is not kept: nor mum's, so she is not
	 * asked. */
	assert_int_equal(asked, 5);
	assert_int_equal(verdict(&res, 0, 0), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 1), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 2), -1);
	ehp_results_free(&res);
	fx_free(&f);
}

/* Family after family: the members are the new family's, not the last. */
static void test_forgotten_between_families(void **state)
{
	(void)state;
	fixture a, b;
	family(&a);
	fx_init(&b, "2024-03-15", NULL, "2025-03-15");
	fx_person(&b, "gran", "1950-01-01", 0);
	fx_person(&b, "baby", "2023-01-01", 0);
	fx_ready(&b);
	ehp_plan plan = plan_with(rows, true);
	ehp_results res = { 0 };
	a.ev.trace = b.ev.trace = NULL;
	ehp_evaluate_family(&plan, &a.ev, &res);
	ehp_evaluate_family(&plan, &b.ev, &res);
	assert_int_equal(verdict(&res, 1, 0), -1);
	assert_int_equal(verdict(&res, 1, 1), EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&a);
	fx_free(&b);
}

/* More members than a mask holds: each asked row by row, as before. */
static void test_family_beyond_the_mask(void **state)
{
	(void)state;
	enum { N = 70 };
	ehp_person people[N];
	char ids[N][16];
	for (int p = 0; p < N; p++) {
		snprintf(ids[p], sizeof ids[p], "P%u", (unsigned)p);
		people[p] = (ehp_person){ .id = ids[p], .born = D(p % 2 ? "2012-01-01" : "1980-01-01"),
		                          .line = (uint32_t)p + 2 };
	}
	ehp_family fam = { .id = "F70", .entry = D("2024-03-15"), .closure = EHP_NO_DATE, .people = people,
	                   .n_people = N };
	ehp_family_index(&fam);
	ehp_eval ev = { .fam = &fam, .claim = D("2025-03-15"), .cal = ehp_calendar_england(),
	                .measured_to = EHP_NO_DATE };
	ehp_plan plan = plan_with(rows, true);
	ehp_results res = { 0 };
	asked = 0;
	ehp_evaluate_family(&plan, &ev, &res);
	/* Row 2 asks everyone; row 1 (nobody offended) stops at its first
	 * member in the cohort, P1: its verdict, not met, is nobody's to keep. */
	assert_int_equal(asked, N + 2);
	for (int p = 0; p < N; p++)
		assert_int_equal(verdict(&res, 1, p), p % 2 ? EHP_TRUE : -1);
	ehp_results_free(&res);
}

/* A cohort ehpc marks an age band (ehp_plan.cohort_bands) has its members
 * found from their ages at entry, without a call: the same members as its
 * function finds, an unknown birth date in no band, the band's ends
 * included, one without an upper end too. */
static bool teen(const ehp_eval *ev, int person)
{
	asked++;
	return ehp_age_in(ehp_age(ev, person), 13, 17);
}

static bool adult(const ehp_eval *ev, int person)
{
	asked++;
	return ehp_age(ev, person) >= 18;
}

static void test_age_bands_from_ages(void **state)
{
	(void)state;
	static const ehp_cohort_fn fns[] = { teen, adult };
	static const ehp_age_band bands[] = { { .banded = true, .lo = 13, .hi = 17 },
		                              { .banded = true, .lo = 18, .hi = -1 } };
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	fx_person(&f, "twelve", "2011-03-16", 0);   /* 12 at entry: 13 the day after */
	fx_person(&f, "thirteen", "2011-03-15", 0); /* 13 on the day */
	fx_person(&f, "seventeen", "2006-03-16", 0);
	fx_person(&f, "eighteen", "2006-03-15", 0);
	fx_person(&f, "unknown", "2010-01-01", 0);
	f.people[4].born = EHP_NO_DATE;
	fx_person(&f, "old", "1940-01-01", 0);
	fx_ready(&f);
	ehp_indicator_def banded[2];
	memcpy(banded, rows, sizeof banded);
	banded[0].who = teen;
	banded[1].who = adult;
	banded[1].cohort = 2;
	ehp_plan by_calls = plan_with(banded, true);
	by_calls.cohorts = fns;
	by_calls.n_cohorts = 2;
	ehp_plan by_ages = by_calls;
	by_ages.cohort_bands = bands;
	ehp_results calls = { 0 }, ages = { 0 };
	f.ev.trace = NULL;
	asked = 0;
	ehp_evaluate_family(&by_calls, &f.ev, &calls);
	assert_int_equal(asked, 12); /* each cohort asked of each member */
	asked = 0;
	ehp_evaluate_family(&by_ages, &f.ev, &ages);
	assert_int_equal(asked, 0);
	for (int c = 0; c < 2; c++) {
		assert_true(calls.cohorts[c].known && ages.cohorts[c].known);
		assert_true(calls.cohorts[c].members == ages.cohorts[c].members);
	}
	assert_true(ages.cohorts[0].members == (UINT64_C(1) << 1 | UINT64_C(1) << 2));
	assert_true(ages.cohorts[1].members == (UINT64_C(1) << 3 | UINT64_C(1) << 5));
	ehp_results_free(&calls);
	ehp_results_free(&ages);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_asked_once_a_member),
		cmocka_unit_test(test_without_a_table),
		cmocka_unit_test(test_forgotten_between_families),
		cmocka_unit_test(test_family_beyond_the_mask),
		cmocka_unit_test(test_age_bands_from_ages),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
