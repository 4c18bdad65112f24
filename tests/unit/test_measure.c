/*
 * test_measure.c - records in windows (semantics.md "Records in windows",
 * "Measures", "Verdicts and missing evidence"): events and states, subjects,
 * selections, throughout, K of N weeks, count/sum/rate and per unit,
 * comparisons, changes, scores, the evidence each test leaves, person tests.
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

/* ------------------------------------------------------------ events */

static void test_events(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2024-01-10", NULL);
	fx_record(&f, kid, EHP_T_offence, "2025-06-01", NULL); /* future-dated */
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	/* An event is in a window when its date is: both ends included. */
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-01-10", "2024-01-10")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-01-01", "2024-01-10")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-01-10", "2024-02-01")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-01-11", "2024-02-01")), EHP_FALSE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2023-01-01", "2024-01-09")), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "no record found");
	/* No record found: `no` is met once the window is over. */
	assert_int_equal(ehp_none(&f.ev, 1, kid, &off, 1, W("2024-01-11", "2024-02-01")), EHP_TRUE);
	assert_int_equal(ehp_none(&f.ev, 1, kid, &off, 1, W("2024-01-01", "2024-02-01")), EHP_FALSE);
	/* UNKNOWN when the window ends after the claim date ... */
	assert_int_equal(ehp_none(&f.ev, 1, kid, &off, 1, W("2025-01-01", "2025-03-16")), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "the window ends after the claim date");
	assert_int_equal(ehp_none(&f.ev, 1, kid, &off, 1, W("2025-01-01", "2025-03-15")), EHP_TRUE);
	/* ... but a record found is evidence, a future-dated one included. */
	assert_int_equal(ehp_none(&f.ev, 1, kid, &off, 1, W("2025-01-01", "2025-12-31")), EHP_FALSE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2025-01-01", "2025-12-31")), EHP_TRUE);
	/* A missing window: UNKNOWN with its reason. */
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, gone), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "support has not closed");
	fx_free(&f);
}

/* ------------------------------------------------------------ states */

static void test_states(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, kid, EHP_T_licence, "2023-01-01", "2023-06-30");
	fx_record(&f, mum, EHP_T_sen, "2020-01-01", "open"); /* EHP_FOREVER: current */
	ehp_record *r = fx_record(&f, kid, EHP_T_sen, "2022-05-01", NULL);
	(void)r; /* a state type with no end date is current too */
	fx_record(&f, kid, EHP_T_offence, "2023-12-01", "2024-01-31"); /* any record with an end is a state */
	fx_ready(&f);
	ehp_sel lic = SEL(EHP_T_licence), sen = SEL(EHP_T_sen), off = SEL(EHP_T_offence);
	/* In a window when [date, end] overlaps it: edges included. */
	assert_int_equal(ehp_any(&f.ev, 1, kid, &lic, 1, W("2023-06-30", "2023-12-31")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &lic, 1, W("2022-01-01", "2023-01-01")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &lic, 1, W("2023-03-01", "2023-03-01")), EHP_TRUE); /* `at`: covers the day */
	assert_int_equal(ehp_any(&f.ev, 1, kid, &lic, 1, W("2023-07-01", "2023-12-31")), EHP_FALSE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &lic, 1, W("2022-01-01", "2022-12-31")), EHP_FALSE);
	/* Open-ended states reach any later window, however long after they began. */
	assert_int_equal(ehp_any(&f.ev, 1, mum, &sen, 1, W("2030-01-01", "2030-01-01")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &sen, 1, W("2024-06-01", "2024-06-01")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &sen, 1, W("2022-04-30", "2022-04-30")), EHP_FALSE);
	/* An event type given an end date is found by its span (binary search reaches back). */
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-01-15", "2024-02-15")), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, W("2024-02-01", "2024-02-15")), EHP_FALSE);
	fx_free(&f);
}

/* ------------------------------------------------------------ subjects, selections */

static void test_subjects(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, kid, EHP_T_police_callout, "2024-01-01", NULL);
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_police_callout, "2024-01-02", NULL);
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_police_callout, "2024-01-03", NULL);
	fx_record(&f, mum, EHP_T_offence, "2024-01-04", NULL);
	fx_ready(&f);
	ehp_sel pc = SEL(EHP_T_police_callout), off = SEL(EHP_T_offence);
	ehp_window w = W("2023-12-01", "2024-02-01");
	/* A person reads that person's records; household the ones with no person; family all. */
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, w, -1) == 1);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &pc, 1, w, -1) == 0);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, EHP_HOUSEHOLD, &pc, 1, w, -1) == 2);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, EHP_FAMILY, &pc, 1, w, -1) == 3);
	assert_int_equal(ehp_any(&f.ev, 1, kid, &off, 1, w), EHP_FALSE);
	assert_int_equal(ehp_any(&f.ev, 1, mum, &off, 1, w), EHP_TRUE);
	assert_int_equal(ehp_any(&f.ev, 1, EHP_HOUSEHOLD, &off, 1, w), EHP_FALSE);
	assert_int_equal(ehp_any(&f.ev, 1, EHP_FAMILY, &off, 1, w), EHP_TRUE);
	assert_int_equal(fx_last(&f)->subject, EHP_FAMILY);
	fx_free(&f);
}

static void test_selection(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, mum, EHP_T_referral, "2024-01-01", NULL)->detail = EHP_D_crime;
	ehp_record *r = fx_record(&f, mum, EHP_T_referral, "2024-01-02", NULL);
	r->detail = EHP_D_health;
	r->author = "school_nurse";
	fx_record(&f, mum, EHP_T_arrest, "2024-01-03", NULL);
	fx_ready(&f);
	ehp_window w = W("2023-12-01", "2024-02-01");
	ehp_sel any_ref = { EHP_T_referral, -1, NULL, false, NULL };
	ehp_sel crime = { EHP_T_referral, EHP_D_crime, NULL, false, NULL };
	ehp_sel work = { EHP_T_referral, EHP_D_work, NULL, false, NULL };
	ehp_sel by_nurse = { EHP_T_referral, -1, "school_nurse", false, NULL };
	ehp_sel by_police = { EHP_T_referral, -1, "police", false, NULL };
	ehp_sel none_detail = { EHP_T_referral, EHP_D_none, NULL, false, NULL };
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &any_ref, 1, w, -1) == 2);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &crime, 1, w, -1) == 1);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &work, 1, w, -1) == 0);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &by_nurse, 1, w, -1) == 1);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &by_police, 1, w, -1) == 0);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, &none_detail, 1, w, -1) == 0);
	/* Any of several selectors. */
	ehp_sel either[] = { { EHP_T_arrest, -1, NULL, false, NULL }, { EHP_T_referral, EHP_D_health, NULL, false, NULL } };
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, mum, either, 2, w, -1) == 2);
	ehp_sel neither[] = { { EHP_T_offence, -1, NULL, false, NULL }, { EHP_T_referral, EHP_D_work, NULL, false, NULL } };
	assert_int_equal(ehp_any(&f.ev, 1, mum, neither, 2, w), EHP_FALSE);
	fx_free(&f);
}

/* ------------------------------------------------------------ throughout */

static void test_throughout(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int a = fx_person(&f, "a", "1985-01-01", 0);
	int b = fx_person(&f, "b", "1986-01-01", 0);
	int c = fx_person(&f, "c", "1987-01-01", 0);
	/* a: two claims that meet (31 Jan, then 1 Feb): no gap. */
	fx_record(&f, a, EHP_T_employment, "2024-01-01", "2024-01-31");
	fx_record(&f, a, EHP_T_employment, "2024-02-01", "open");
	/* b: a gap of one day (1 Feb). */
	fx_record(&f, b, EHP_T_employment, "2024-01-01", "2024-01-31");
	fx_record(&f, b, EHP_T_employment, "2024-02-02", "2024-12-31");
	/* c: overlapping, out of order by end, and two different types. */
	fx_record(&f, c, EHP_T_employment, "2023-06-01", "2024-03-01");
	fx_record(&f, c, EHP_T_employment, "2023-07-01", "2023-08-01");
	fx_record(&f, c, EHP_T_work_placement, "2024-02-15", "2024-05-01");
	fx_record(&f, c, EHP_T_employment, "2024-04-20", "2024-07-01");
	fx_ready(&f);
	ehp_sel emp = SEL(EHP_T_employment);
	ehp_window w = W("2024-01-01", "2024-06-30");
	assert_int_equal(ehp_throughout(&f.ev, 1, a, &emp, 1, w), EHP_TRUE);
	assert_int_equal(ehp_throughout(&f.ev, 1, b, &emp, 1, w), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "a day of the window is not covered");
	assert_true(fx_last(&f)->measured == 31); /* days covered before the gap */
	assert_int_equal(ehp_throughout(&f.ev, 1, b, &emp, 1, W("2024-02-02", "2024-06-30")), EHP_TRUE);
	assert_int_equal(ehp_throughout(&f.ev, 1, c, &emp, 1, w), EHP_FALSE); /* 2 Mar to 19 Apr uncovered */
	ehp_sel work[] = { SEL(EHP_T_employment), SEL(EHP_T_work_placement) };
	assert_int_equal(ehp_throughout(&f.ev, 1, c, work, 2, w), EHP_TRUE); /* the union covers */
	/* Nothing recorded: not met. */
	ehp_sel neet = SEL(EHP_T_neet);
	assert_int_equal(ehp_throughout(&f.ev, 1, a, &neet, 1, w), EHP_FALSE);
	/* A window that starts before the first state has a gap at once. */
	assert_int_equal(ehp_throughout(&f.ev, 1, a, &emp, 1, W("2023-12-31", "2024-01-31")), EHP_FALSE);
	/* Absence test: the window ends after the claim date, so cannot be judged ... */
	assert_int_equal(ehp_throughout(&f.ev, 1, a, &emp, 1, W("2024-06-01", "2025-06-01")), EHP_UNKNOWN);
	/* ... unless the gap is already before the claim date. */
	assert_int_equal(ehp_throughout(&f.ev, 1, b, &emp, 1, W("2024-01-01", "2025-06-01")), EHP_FALSE);
	/* A gap that starts after the claim date (b's ends 31 Dec) is not known yet. */
	f.ev.claim = D("2024-12-31");
	assert_int_equal(ehp_throughout(&f.ev, 1, b, &emp, 1, W("2024-03-01", "2025-06-01")), EHP_UNKNOWN);
	f.ev.claim = D("2025-03-15");
	/* A missing window. */
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_throughout(&f.ev, 1, a, &emp, 1, gone), EHP_UNKNOWN);
	fx_free(&f);
}

/* ------------------------------------------------------------ weeks */

static void test_weeks(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-01-03", NULL, "2024-06-01");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	/* The window 3 Jan (Wed) to 3 Mar 2024 (Sun) holds 8 whole ISO weeks,
	 * Monday 8 Jan to Sunday 3 Mar. Offences: in the partial first week,
	 * in week 2 (Sat 20 Jan) and week 6 (Wed 14 Feb). Weeks without: 1, 3,
	 * 4, 5, 7, 8. */
	fx_record(&f, kid, EHP_T_offence, "2024-01-04", NULL);
	fx_record(&f, kid, EHP_T_offence, "2024-01-20", NULL);
	fx_record(&f, kid, EHP_T_offence, "2024-02-14", NULL);
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window w = W("2024-01-03", "2024-03-03");
	/* Consecutive (k == n). */
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 3, 3, w), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 4, 4, w), EHP_FALSE);
	assert_true(fx_last(&f)->measured == 3); /* the best run */
	/* K of some N consecutive weeks. */
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 3, 4, w), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 5, 6, w), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 6, 7, w), EHP_FALSE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 6, 8, w), EHP_TRUE);
	/* Present in K of N weeks. */
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, true, 2, 5, w), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, true, 2, 4, w), EHP_FALSE);
	/* Only whole weeks count: 3 to 13 Jan holds none. */
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, true, 1, 1, W("2024-01-03", "2024-01-13")), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "the window has too few whole weeks");
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, true, 1, 1, W("2024-01-15", "2024-01-21")), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 9, 9, w), EHP_FALSE); /* only 8 weeks */
	/* Weeks that end after the claim date cannot be judged; a run found before it stands. */
	f.ev.claim = D("2024-02-20");
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 4, 4, w), EHP_UNKNOWN);
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 3, 3, w), EHP_TRUE);
	/* Bad K or N, a missing window. */
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 5, 4, w), EHP_UNKNOWN);
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_weeks(&f.ev, 1, kid, &off, 1, false, 1, 1, gone), EHP_UNKNOWN);
	fx_free(&f);
}

/* A state present for part of a week makes the week "present". */
static void test_weeks_states(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-01-01", NULL, "2024-12-31");
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, mum, EHP_T_jsa_claim, "2024-01-01", "2024-01-08"); /* weeks 1 and 2 (one day) */
	fx_record(&f, mum, EHP_T_jsa_claim, "2024-03-01", "open");
	fx_ready(&f);
	ehp_sel jsa = SEL(EHP_T_jsa_claim);
	ehp_window w = W("2024-01-01", "2024-03-03");
	/* Off benefit from Mon 15 Jan to Sun 25 Feb: 6 consecutive weeks. */
	assert_int_equal(ehp_weeks(&f.ev, 1, mum, &jsa, 1, false, 6, 6, w), EHP_TRUE);
	assert_int_equal(ehp_weeks(&f.ev, 1, mum, &jsa, 1, false, 7, 7, w), EHP_FALSE);
	fx_free(&f);
}

/* ------------------------------------------------------------ measures */

static void test_measures(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	int sis = fx_person(&f, "sis", "2012-06-01", 0);
	ehp_record *r;
	/* Attendance over two terms: 180 of 200 and 10 of 100 sessions. */
	r = fx_record(&f, kid, EHP_T_attendance, "2023-09-04", "2023-12-15");
	r->value = 180, r->total = 200;
	r = fx_record(&f, kid, EHP_T_attendance, "2024-01-08", "2024-03-28");
	r->value = 10, r->total = 100;
	/* sis: 899 of 1000, and then exactly 900 of 1000. */
	r = fx_record(&f, sis, EHP_T_attendance, "2023-09-04", "2023-12-15");
	r->value = 899, r->total = 1000;
	r = fx_record(&f, sis, EHP_T_attendance, "2024-09-02", "2024-12-20");
	r->value = 900, r->total = 1000;
	/* earnings without a total; a record with no value adds nothing to a sum. */
	fx_record(&f, kid, EHP_T_earnings, "2024-01-31", NULL)->value = 250.5;
	fx_record(&f, kid, EHP_T_earnings, "2024-02-29", NULL)->value = 100;
	fx_record(&f, kid, EHP_T_earnings, "2024-03-31", NULL);
	fx_ready(&f);
	ehp_sel att = SEL(EHP_T_attendance), earn = SEL(EHP_T_earnings);
	ehp_window year = W("2023-09-01", "2024-08-31");

	/* Rate: 100 * sum value / sum total, weighted by sessions (190/300, not 50%). */
	double rate = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, year, -1);
	assert_true(fabs(rate - 100.0 * 190 / 300) < 1e-12);
	/* 89.9% is below 90%; exactly 90% is not. */
	double r1 = ehp_measure_in(&f.ev, 1, EHP_M_RATE, sis, &att, 1, year, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, r1, EHP_OP_LT, 90), EHP_TRUE);
	double r2 = ehp_measure_in(&f.ev, 1, EHP_M_RATE, sis, &att, 1, W("2024-09-01", "2024-12-31"), -1);
	assert_true(r2 == 90);
	assert_int_equal(ehp_compare(&f.ev, 1, r2, EHP_OP_LT, 90), EHP_FALSE);
	assert_int_equal(ehp_compare(&f.ev, 1, r2, EHP_OP_GE, 90), EHP_TRUE);
	assert_int_equal(ehp_compare(&f.ev, 1, r2, EHP_OP_EQ, 90), EHP_TRUE);
	assert_int_equal(ehp_compare(&f.ev, 1, r1, EHP_OP_GE, 90), EHP_FALSE);
	assert_int_equal(ehp_compare(&f.ev, 1, 89.9, EHP_OP_LE, 89.9), EHP_TRUE);
	/* A rate with no records, or no total, cannot be measured. */
	double none = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, W("2025-01-01", "2025-02-01"), -1);
	assert_true(isnan(none));
	assert_string_equal(fx_last(&f)->reason, "no record to measure a rate from");
	assert_int_equal(ehp_compare(&f.ev, 1, none, EHP_OP_LT, 90), EHP_UNKNOWN);
	assert_true(isnan(ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &earn, 1, year, -1)));
	assert_string_equal(fx_last(&f)->reason, "the records give no total to divide by");
	/* Count and sum. */
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &earn, 1, year, -1) == 3);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_SUM, kid, &earn, 1, year, -1) == 350.5);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_SUM, kid, &earn, 1, W("2024-03-01", "2024-03-31"), -1) == 0);
	/* A missing window: NAN, with its reason. */
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_true(isnan(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &earn, 1, gone, -1)));
	assert_int_equal(ehp_compare(&f.ev, 1, NAN, EHP_OP_GE, 1), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "support has not closed");
	fx_free(&f);
}

/* `rate attendance plus authorised_absence`: the `plus` values join the
 * numerator; the possible sessions come from attendance alone. */
static void test_rate_plus(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2014-06-01", 0);
	ehp_record *r = fx_record(&f, kid, EHP_T_attendance, "2023-09-04", "2023-12-20");
	r->value = 800, r->total = 1000;
	r = fx_record(&f, kid, EHP_T_authorised_absence, "2023-09-04", "2023-12-20");
	r->value = 99, r->total = 1000;
	fx_ready(&f);
	ehp_window term = W("2023-09-01", "2023-12-31");
	ehp_sel att = SEL(EHP_T_attendance);
	ehp_sel both[] = { SEL(EHP_T_attendance), { EHP_T_authorised_absence, -1, NULL, true, NULL } };
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, term, -1) == 80);
	double with = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, both, 2, term, -1);
	assert_true(fabs(with - 89.9) < 1e-9); /* (800 + 99) / 1000, not / 2000 */
	assert_int_equal(ehp_compare(&f.ev, 1, with, EHP_OP_LT, 90), EHP_TRUE);
	assert_int_equal(fx_last(&f)->n_lines, 2); /* both records are cited */
	/* Only `plus` records: nothing to divide by. */
	ehp_sel only[] = { { EHP_T_authorised_absence, -1, NULL, true, NULL } };
	assert_true(isnan(ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, only, 1, term, -1)));
	fx_free(&f);
}

/* "fewer than 5 police call-outs in a rolling 6 month period": the busiest
 * stretch of 6 months inside the window. */
static void test_rolling(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", "2024-09-15", "2025-09-15");
	const char *dates[] = { "2024-10-01", "2024-11-15", "2025-01-10", "2025-03-31", "2025-04-01", "2025-08-01" };
	for (int i = 0; i < 6; i++)
		fx_record(&f, EHP_HOUSEHOLD, EHP_T_police_callout, dates[i], NULL);
	fx_ready(&f);
	ehp_sel pc = SEL(EHP_T_police_callout);
	ehp_window w = W("2024-09-15", "2025-09-15");
	/* 01/10/2024 to 31/03/2025 holds four: the busiest 6 months. */
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 6, EHP_MONTHS, w) == 4);
	const ehp_evidence *e = fx_last(&f);
	assert_int_equal(e->from, D("2024-10-01"));
	assert_int_equal(e->to, D("2025-03-31"));
	assert_int_equal(e->n_lines, 4);
	assert_int_equal(ehp_compare(&f.ev, 3, 4, EHP_OP_LT, 5), EHP_TRUE);
	/* 10/01 to 01/04/2025 is 82 days: three in 82 days, never three in 81. */
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 82, EHP_DAYS, w) == 3);
	assert_int_equal(fx_last(&f)->from, D("2025-01-10"));
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 81, EHP_DAYS, w) == 2);
	/* ... and the last stretch of the window counts too (01/04 and 01/08/2025). */
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 4, EHP_WEEKS, W("2025-07-20", "2025-09-15")) == 1);
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 6, EHP_MONTHS, W("2025-03-01", "2025-09-15")) == 3);
	/* A window shorter than the stretch is one stretch. */
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 6, EHP_MONTHS, W("2025-03-01", "2025-04-30")) == 2);
	/* No records: 0, and "fewer than" holds once the window is over. */
	ehp_sel asb = SEL(EHP_T_antisocial_behaviour);
	assert_true(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &asb, 1, 6, EHP_MONTHS, w) == 0);
	assert_int_equal(ehp_compare(&f.ev, 3, 0, EHP_OP_LT, 5), EHP_TRUE);
	/* A window ending after the claim date: "fewer than" cannot be judged yet. */
	double later = ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &asb, 1, 6, EHP_MONTHS, W("2025-09-01", "2026-03-01"));
	assert_int_equal(ehp_compare(&f.ev, 3, later, EHP_OP_LT, 5), EHP_UNKNOWN);
	/* A missing window. */
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_true(isnan(ehp_count_rolling(&f.ev, 3, EHP_HOUSEHOLD, &pc, 1, 6, EHP_MONTHS, gone)));
	fx_free(&f);
}

static void test_per_unit(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	for (int i = 0; i < 4; i++) {
		char d[11];
		ehp_date_format(D("2024-02-01") + 7 * i, d);
		fx_record(&f, kid, EHP_T_police_callout, d, NULL)->value = 2;
	}
	fx_ready(&f);
	ehp_sel pc = SEL(EHP_T_police_callout);
	ehp_window four_weeks = W("2024-02-01", "2024-02-28"); /* 28 days */
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, four_weeks, EHP_WEEKS) == 1);
	assert_true(fabs(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, four_weeks, EHP_DAYS) - 4.0 / 28) < 1e-12);
	assert_true(fabs(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, four_weeks, EHP_MONTHS) -
	                 4.0 / (28 / (365.25 / 12))) < 1e-12);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_SUM, kid, &pc, 1, four_weeks, EHP_WEEKS) == 2);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, four_weeks, -1) == 4); /* raw */
	/* A window written in months is that many months, whatever its days:
	 * 12 months of 366 days (it holds 29 Feb 2024) are 12. */
	ehp_window year = ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS);
	assert_int_equal(year.months, 12);
	assert_true(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, year, EHP_MONTHS) == 4.0 / 12);
	/* The same days as a span, not written in months: 366 / 30.4375 months. */
	ehp_window span = W("2023-03-16", "2024-03-15");
	assert_true(fabs(ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &pc, 1, span, EHP_MONTHS) -
	                 4.0 / (366 / 30.4375)) < 1e-12);
	/* Narrowed by `while`, a month window is no longer whole months. */
	assert_int_equal(ehp_window_within(year, four_weeks).months, 0);
	assert_int_equal(ehp_window_within(year, year).months, 12);
	fx_free(&f);
}

/* Wiltshire 1c, "33% reduction in anti-social behaviour in the last 3
 * months, in comparison to the previous 6 months": 6 incidents, then 2, is a
 * third fewer a month whichever months the claim date makes them. Counted
 * by days, January to March (90 days against 184) fell 31.9% and July to
 * September 34.4%. [test_per_month_whole] */
static void test_per_month_whole(void **state)
{
	(void)state;
	static const char *const claims[] = { "2025-03-31", "2025-09-30" };
	for (int c = 0; c < 2; c++) {
		fixture f;
		fx_init(&f, "2024-01-15", "2024-06-30", claims[c]);
		int mum = fx_person(&f, "mum", "1985-01-01", 0);
		ehp_point claim = ehp_point_at(&f.ev, EHP_CLAIM);
		ehp_point three_back = ehp_point_shift(claim, -3, EHP_MONTHS);
		ehp_window prev = ehp_window_before_point(&f.ev, three_back, 6, EHP_MONTHS);
		ehp_window last = ehp_window_before_point(&f.ev, claim, 3, EHP_MONTHS);
		ehp_date days[] = { prev.from, prev.from + 10, prev.from + 20, prev.from + 30, prev.from + 40,
		                    prev.from + 50, last.from + 5, last.from + 40 };
		for (int i = 0; i < 8; i++) {
			char d[11];
			ehp_date_format(days[i], d);
			fx_record(&f, mum, EHP_T_antisocial_behaviour, d, NULL);
		}
		fx_ready(&f);
		ehp_sel asb = SEL(EHP_T_antisocial_behaviour);
		assert_int_equal(prev.months, 6);
		assert_int_equal(last.months, 3);
		assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, mum, &asb, 1, EHP_MONTHS, prev, last, EHP_FALLS, false, 33),
		                 EHP_TRUE);
		assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, mum, &asb, 1, EHP_MONTHS, prev, last, EHP_FALLS, false, 34),
		                 EHP_FALSE);
		fx_free(&f);
	}
}

/* "At most N" in a window not over by the claim date is an absence. */
static void test_compare_not_over(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2024-06-30");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2024-04-01", NULL);
	fx_record(&f, kid, EHP_T_offence, "2024-05-01", NULL);
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window after = ehp_window_after(&f.ev, EHP_ENTRY, 6, EHP_MONTHS); /* ends 15/09/2024 */
	double n = ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, after, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_GE, 2), EHP_TRUE); /* presence: found */
	n = ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, after, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_GE, 3), EHP_FALSE);
	n = ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, after, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_LE, 2), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "the window ends after the claim date");
	n = ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, after, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_LT, 2), EHP_FALSE); /* already broken */
	/* The same once the window is over. */
	f.ev.claim = D("2024-09-15");
	n = ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, after, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_LE, 2), EHP_TRUE);
	fx_free(&f);

	/* A rate in a window not over yet: later terms may move it either way,
	 * so neither "at least 90%" nor "below 90%" can be judged (Medway 2C
	 * claimed during the summer term). */
	fx_init(&f, "2024-03-15", NULL, "2025-06-30");
	kid = fx_person(&f, "kid", "2014-06-01", 0);
	ehp_record *r = fx_record(&f, kid, EHP_T_attendance, "2024-09-02", "2024-12-20");
	r->value = 95, r->total = 100;
	fx_ready(&f);
	ehp_sel att = SEL(EHP_T_attendance);
	ehp_window year = W("2024-09-01", "2025-07-31");
	double rate = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, year, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, rate, EHP_OP_GE, 90), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "the window ends after the claim date");
	rate = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, year, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, rate, EHP_OP_LT, 90), EHP_UNKNOWN);
	f.ev.claim = D("2025-07-31"); /* the window is over: judged */
	rate = ehp_measure_in(&f.ev, 1, EHP_M_RATE, kid, &att, 1, year, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, rate, EHP_OP_GE, 90), EHP_TRUE);
	/* A figure that is not a measure (themes met) is never taken for a rate. */
	assert_int_equal(ehp_compare(&f.ev, 1, 3, EHP_OP_GE, 2), EHP_TRUE);
	fx_free(&f);
}

/* One evidence item for a measure and its comparison. */
static void test_compare_evidence(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	for (int i = 0; i < 6; i++) {
		char d[11];
		ehp_date_format(D("2023-06-01") + 10 * i, d);
		fx_record(&f, kid, EHP_T_offence, d, NULL);
	}
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window w = ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS);
	double n = ehp_measure_in(&f.ev, 42, EHP_M_COUNT, kid, &off, 1, w, -1);
	assert_int_equal(ehp_compare(&f.ev, 42, n, EHP_OP_GE, 3), EHP_TRUE);
	assert_int_equal(f.trace.n, 1);
	const ehp_evidence *e = fx_last(&f);
	assert_int_equal(e->plan_line, 42);
	assert_int_equal(e->subject, kid);
	assert_string_equal(e->what, "offence");
	assert_int_equal(e->from, D("2023-03-16"));
	assert_int_equal(e->to, D("2024-03-15"));
	assert_true(e->measured == 6);
	assert_true(e->threshold == 3);
	assert_int_equal(e->op, EHP_OP_GE);
	assert_int_equal(e->result, EHP_TRUE);
	assert_null(e->reason);
	assert_int_equal(e->n_lines, 6);
	for (uint32_t i = 0; i < 4; i++)
		assert_int_equal(e->lines[i].line, 100 + i);
	/* A figure not measured from records (themes met) gets its own item. */
	assert_int_equal(ehp_compare(&f.ev, 43, 2, EHP_OP_GE, 2), EHP_TRUE);
	assert_int_equal(f.trace.n, 2);
	assert_string_equal(fx_last(&f)->what, "compare");
	assert_true(fx_last(&f)->measured == 2);
	fx_free(&f);
}

/* ------------------------------------------------------------ change */

static void test_change(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", "2024-09-15", "2025-03-15");
	int a = fx_person(&f, "a", "1985-01-01", 0);
	int b = fx_person(&f, "b", "1985-01-01", 0);
	int z = fx_person(&f, "z", "1985-01-01", 0);
	fx_record(&f, a, EHP_T_earnings, "2023-06-01", NULL)->value = 100;
	fx_record(&f, a, EHP_T_earnings, "2024-12-01", NULL)->value = 68; /* falls 32% */
	fx_record(&f, b, EHP_T_earnings, "2023-06-01", NULL)->value = 100;
	fx_record(&f, b, EHP_T_earnings, "2024-12-01", NULL)->value = 67; /* falls 33% */
	fx_record(&f, z, EHP_T_earnings, "2024-12-01", NULL)->value = 50; /* from nothing */
	fx_ready(&f);
	ehp_sel earn = SEL(EHP_T_earnings);
	ehp_window before = ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS);
	ehp_window after = ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, a, &earn, 1, -1, before, after, EHP_FALLS, false, 33), EHP_FALSE);
	assert_true(fabs(fx_last(&f)->measured - 32) < 1e-9);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, a, &earn, 1, -1, before, after, EHP_FALLS, false, 32), EHP_TRUE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_FALLS, false, 33), EHP_TRUE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_RISES, false, 1), EHP_FALSE);
	/* Points: the plain difference. */
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_FALLS, true, 33), EHP_TRUE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_FALLS, true, 34), EHP_FALSE);
	/* A relative change from a baseline of 0 cannot be measured; in points it can. */
	f.trace.n = 0;
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, z, &earn, 1, -1, before, after, EHP_RISES, false, 10), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "a relative change from zero cannot be measured");
	/* three items: each window's measure, then the change; all carry its verdict */
	assert_int_equal(f.trace.n, 3);
	assert_true(f.trace.items[0].measured == 0);
	assert_true(f.trace.items[1].measured == 50);
	assert_int_equal(f.trace.items[0].result, EHP_UNKNOWN);
	assert_int_equal(f.trace.items[2].from, before.from);
	assert_int_equal(f.trace.items[2].to, after.to);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, z, &earn, 1, -1, before, after, EHP_RISES, true, 50), EHP_TRUE);
	/* 3 offences in the 12 months before, 1 in the 6 months after: raw, a
	 * fall of 66.7%; per month (0.25 against 0.1667 a month: whole months,
	 * not the 366 and 181 days), a fall of 33.3%. */
	fx_record(&f, a, EHP_T_offence, "2023-05-01", NULL);
	fx_record(&f, a, EHP_T_offence, "2023-08-01", NULL);
	fx_record(&f, a, EHP_T_offence, "2024-01-01", NULL);
	fx_record(&f, a, EHP_T_offence, "2024-10-01", NULL);
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, a, &off, 1, EHP_MONTHS, before, after, EHP_FALLS, false, 33),
	                 EHP_TRUE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, a, &off, 1, EHP_MONTHS, before, after, EHP_FALLS, false, 34),
	                 EHP_FALSE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, a, &off, 1, -1, before, after, EHP_FALLS, false, 66), EHP_TRUE);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_COUNT, a, &off, 1, -1, before, after, EHP_FALLS, false, 67), EHP_FALSE);
	/* A plain `falls` / `rises`: any change that way; none from 0 to 0. */
	assert_int_equal(ehp_change_any(&f.ev, 1, EHP_M_COUNT, a, &off, 1, EHP_MONTHS, before, after, EHP_FALLS), EHP_TRUE);
	assert_int_equal(fx_last(&f)->op, EHP_OP_GT);
	assert_int_equal(ehp_change_any(&f.ev, 1, EHP_M_COUNT, a, &off, 1, EHP_MONTHS, before, after, EHP_RISES), EHP_FALSE);
	assert_int_equal(ehp_change_any(&f.ev, 1, EHP_M_COUNT, b, &off, 1, -1, before, after, EHP_FALLS), EHP_FALSE);
	assert_int_equal(ehp_change_any(&f.ev, 1, EHP_M_SUM, z, &earn, 1, -1, before, after, EHP_RISES), EHP_TRUE);
	/* The second window ends after the claim date: cannot be judged yet. */
	f.ev.claim = D("2025-03-14");
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_FALLS, false, 33), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "the window ends after the claim date");
	/* Support not closed: the window after closure is missing. */
	f.fam.closure = EHP_NO_DATE;
	after = ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS);
	assert_int_equal(ehp_change(&f.ev, 1, EHP_M_SUM, b, &earn, 1, -1, before, after, EHP_FALLS, false, 33), EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "support has not closed");
	fx_free(&f);
}

/* ------------------------------------------------------------ scores */

static void test_score(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-01-01", NULL, "2025-01-01");
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	int dad = fx_person(&f, "dad", "1985-01-01", 0);
	ehp_record *r;
	r = fx_record(&f, mum, EHP_T_assessment, "2024-01-10", NULL);
	r->detail = EHP_D_family_star, r->score = 20;
	r = fx_record(&f, mum, EHP_T_assessment, "2024-03-01", NULL);
	r->detail = EHP_D_family_star; /* no score: ignored */
	r = fx_record(&f, mum, EHP_T_assessment, "2024-06-01", NULL);
	r->detail = EHP_D_family_star, r->score = 25;
	r = fx_record(&f, mum, EHP_T_assessment, "2024-09-01", NULL);
	r->detail = EHP_D_family_star, r->score = 18;
	r = fx_record(&f, mum, EHP_T_assessment, "2024-10-01", NULL);
	r->detail = EHP_D_worry_scale, r->score = 99; /* another tool */
	r = fx_record(&f, dad, EHP_T_assessment, "2024-02-01", NULL);
	r->detail = EHP_D_family_star, r->score = 10;
	r = fx_record(&f, dad, EHP_T_assessment, "2024-05-01", NULL);
	r->detail = EHP_D_family_star, r->score = 10;
	fx_ready(&f);
	int fs = EHP_D_family_star;
	/* Latest by the end of the window against the first ever. */
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_RISES, W("2024-07-01", "2024-07-01")), EHP_TRUE);
	const ehp_evidence *e = fx_last(&f);
	assert_true(e->threshold == 20 && e->measured == 25);
	assert_int_equal(e->lines[0].line, 100);
	assert_int_equal(e->lines[1].line, 102);
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_FALLS, W("2024-07-01", "2024-07-01")), EHP_FALSE);
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_RISES, W("2024-12-01", "2024-12-01")), EHP_FALSE);
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_FALLS, W("2024-12-01", "2024-12-01")), EHP_TRUE);
	/* Two assessments are needed. */
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_RISES, W("2024-05-01", "2024-05-31")), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "fewer than two scores recorded");
	assert_int_equal(ehp_score(&f.ev, 1, mum, EHP_D_worry_scale, EHP_FALLS, W("2024-12-01", "2024-12-01")),
	                 EHP_FALSE);
	/* Equal scores neither rise nor fall. */
	assert_int_equal(ehp_score(&f.ev, 1, dad, fs, EHP_RISES, W("2024-12-01", "2024-12-01")), EHP_FALSE);
	assert_int_equal(ehp_score(&f.ev, 1, dad, fs, EHP_FALLS, W("2024-12-01", "2024-12-01")), EHP_FALSE);
	/* The family reads everyone's: the first is mum's 20 (10 Jan), the latest her 18. */
	assert_int_equal(ehp_score(&f.ev, 1, EHP_FAMILY, fs, EHP_FALLS, W("2024-12-01", "2024-12-01")), EHP_TRUE);
	assert_int_equal(ehp_score(&f.ev, 1, EHP_HOUSEHOLD, fs, EHP_RISES, W("2024-12-01", "2024-12-01")), EHP_FALSE);
	/* A window ending after the claim date: a later assessment may still come. */
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_RISES, W("2025-02-01", "2025-02-01")), EHP_UNKNOWN);
	ehp_window gone = { EHP_NO_DATE, EHP_NO_DATE, "support has not closed", 0 };
	assert_int_equal(ehp_score(&f.ev, 1, mum, fs, EHP_RISES, gone), EHP_UNKNOWN);
	/* `over at least 6 months`: the latest score at least 6 months after the
	 * first (10/01/2024: from 10/07/2024): the 25 of 01/06 is too soon, the
	 * 18 of 01/09 counts, and it fell. */
	ehp_window dec = W("2024-12-01", "2024-12-01");
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_FALLS, dec, 6, EHP_MONTHS), EHP_TRUE);
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_RISES, dec, 6, EHP_MONTHS), EHP_FALSE);
	/* By July only the 25 of 01/06 is recorded: a rise, but not 6 months on. */
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_RISES, W("2024-07-01", "2024-07-01"), 6, EHP_MONTHS),
	                 EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "no later score far enough after the first");
	/* ... and 4 months is far enough for it. */
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_RISES, W("2024-07-01", "2024-07-01"), 4, EHP_MONTHS),
	                 EHP_TRUE);
	/* 01/06 is 143 days after 10/01: exactly 20 weeks and 3 days. */
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_RISES, W("2024-07-01", "2024-07-01"), 143, EHP_DAYS),
	                 EHP_TRUE);
	assert_int_equal(ehp_score_over(&f.ev, 1, mum, fs, EHP_RISES, W("2024-07-01", "2024-07-01"), 144, EHP_DAYS),
	                 EHP_FALSE);
	fx_free(&f);
}

/* `any X at least 6 months after Y`: a record of X on or after the day 6
 * months after the first Y, by the claim date (Wiltshire 6d/2, "an
 * improvement in parenting at a 6 month follow up meeting"). */
static void test_any_after(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-01-01", "2024-06-30", "2025-03-31");
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, mum, EHP_T_parenting_programme, "2024-05-15", NULL);
	fx_record(&f, mum, EHP_T_parenting_programme, "2024-08-01", NULL); /* a later one: the first counts */
	ehp_record *note = fx_record(&f, mum, EHP_T_improvement_noted, "2024-11-15", NULL);
	note->detail = EHP_D_parenting;
	fx_ready(&f);
	ehp_sel imp = { EHP_T_improvement_noted, EHP_D_parenting, NULL, false, NULL };
	ehp_sel prog = SEL(EHP_T_parenting_programme);
	assert_int_equal(ehp_any_after(&f.ev, 5, mum, &imp, 1, 6, EHP_MONTHS, &prog, 1), EHP_TRUE);
	const ehp_evidence *e = fx_last(&f);
	assert_int_equal(e->from, D("2024-11-15")); /* 6 months after 15/05/2024 */
	assert_int_equal(e->to, D("2025-03-31"));
	assert_int_equal(e->lines[0].line, 102);
	/* One day short of 6 months after the programme. */
	for (size_t i = 0; i < f.fam.n_records; i++)
		if (f.records[i].type == EHP_T_improvement_noted)
			f.records[i].date = D("2024-11-14");
	fx_ready(&f);
	assert_int_equal(ehp_any_after(&f.ev, 5, mum, &imp, 1, 6, EHP_MONTHS, &prog, 1), EHP_FALSE);
	assert_string_equal(fx_last(&f)->reason, "no record found");
	/* No programme to count from; and a claim date too early. */
	ehp_sel none = SEL(EHP_T_course_completed);
	assert_int_equal(ehp_any_after(&f.ev, 5, mum, &imp, 1, 6, EHP_MONTHS, &none, 1), EHP_FALSE);
	f.ev.claim = D("2024-10-01");
	assert_int_equal(ehp_any_after(&f.ev, 5, mum, &imp, 1, 6, EHP_MONTHS, &prog, 1), EHP_FALSE);
	fx_free(&f);
}

/* ------------------------------------------------------------ trace */

/* Without a trace the same verdicts come back and nothing is kept. */
static void test_no_trace(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", "2024-09-15", "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2024-01-10", NULL);
	fx_record(&f, kid, EHP_T_offence, "2024-02-10", NULL);
	fx_record(&f, kid, EHP_T_employment, "2024-01-01", "open");
	fx_record(&f, kid, EHP_T_assessment, "2024-01-01", NULL)->score = 1;
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence), emp = SEL(EHP_T_employment);
	ehp_window w = ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS);
	ehp_window a = ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS);
	ehp_tv with[8], without[8];
	for (int pass = 0; pass < 2; pass++) {
		ehp_tv *v = pass ? without : with;
		f.ev.trace = pass ? NULL : &f.trace;
		v[0] = ehp_any(&f.ev, 1, kid, &off, 1, w);
		v[1] = ehp_none(&f.ev, 1, kid, &off, 1, a);
		v[2] = ehp_throughout(&f.ev, 1, kid, &emp, 1, a);
		v[3] = ehp_weeks(&f.ev, 1, kid, &off, 1, false, 4, 4, w);
		v[4] = ehp_compare(&f.ev, 1, ehp_measure_in(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, w, -1), EHP_OP_GE, 2);
		v[5] = ehp_change(&f.ev, 1, EHP_M_COUNT, kid, &off, 1, -1, w, a, EHP_FALLS, false, 50);
		v[6] = ehp_score(&f.ev, 1, kid, EHP_D_none, EHP_RISES, a);
		v[7] = ehp_any(&f.ev, 1, kid, &off, 1, (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, "x", 0 });
	}
	assert_memory_equal(with, without, sizeof with);
	assert_int_equal(with[0], EHP_TRUE);
	assert_int_equal(with[1], EHP_TRUE);
	assert_int_equal(with[2], EHP_TRUE);
	assert_int_equal(with[3], EHP_TRUE);
	assert_int_equal(with[4], EHP_TRUE);
	assert_int_equal(with[5], EHP_TRUE);
	assert_int_equal(with[6], EHP_FALSE);
	assert_int_equal(with[7], EHP_UNKNOWN);
	assert_int_equal(f.trace.n, 10); /* one item a test; the change three */
	fx_free(&f);
}

/* ------------------------------------------------------------ people */

static void test_people(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2008-02-29", 1u << EHP_F_sibling);
	int mum = fx_person(&f, "mum", "1985-03-15", (1u << EHP_F_parent) | (1u << EHP_F_lldd));
	fx_ready(&f);
	assert_int_equal(ehp_age(&f.ev, kid), 16); /* at entry, not at claim */
	assert_int_equal(ehp_age(&f.ev, mum), 39); /* a birthday on the day of entry */
	assert_true(ehp_has_flag(&f.ev, mum, EHP_F_parent));
	assert_true(ehp_has_flag(&f.ev, mum, EHP_F_lldd));
	assert_false(ehp_has_flag(&f.ev, kid, EHP_F_parent));
	assert_true(ehp_has_flag(&f.ev, kid, EHP_F_sibling));
	assert_int_equal(ehp_age_at(&f.ev, kid, EHP_CLAIM), 17); /* `aged ... at claim` */
	assert_int_equal(ehp_age_at(&f.ev, kid, EHP_ENTRY), 16);
	assert_int_equal(ehp_age_at(&f.ev, kid, EHP_CLOSURE), -1); /* support still open */
	f.people[kid].born = EHP_NO_DATE;
	assert_int_equal(ehp_age(&f.ev, kid), -1);
	assert_int_equal(ehp_age_at(&f.ev, kid, EHP_CLAIM), -1);
	assert_int_equal(ehp_age(&f.ev, 7), -1); /* no such person */
	assert_false(ehp_has_flag(&f.ev, 7, EHP_F_parent));
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_events),        cmocka_unit_test(test_states),
		cmocka_unit_test(test_subjects),      cmocka_unit_test(test_selection),
		cmocka_unit_test(test_throughout),    cmocka_unit_test(test_weeks),
		cmocka_unit_test(test_weeks_states),  cmocka_unit_test(test_measures),
		cmocka_unit_test(test_per_unit),
		cmocka_unit_test(test_per_month_whole),      cmocka_unit_test(test_compare_not_over),
		cmocka_unit_test(test_compare_evidence), cmocka_unit_test(test_change),
		cmocka_unit_test(test_score),         cmocka_unit_test(test_no_trace),
		cmocka_unit_test(test_people),        cmocka_unit_test(test_rate_plus),
		cmocka_unit_test(test_rolling),       cmocka_unit_test(test_any_after),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
