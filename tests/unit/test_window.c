/*
 * test_window.c - the days each window covers (semantics.md, "Windows"):
 * months with the end-of-month rule, weeks, days, `at`, `from X to Y`,
 * `during support`, windows anchored on a closure that has not happened.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static void test_window_months(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "15/03/2023", NULL);
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);

	/* "12 months before entry 15/03/2024" is 16/03/2023 to 15/03/2024. */
	ehp_window before = ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS);
	expect_window(before, "16/03/2023", "15/03/2024");
	/* An offence on 15/03/2023 is one day outside. */
	assert_int_equal(ehp_any(&f.ev, 7, kid, &off, 1, before), EHP_FALSE);
	/* ... and the 13-month window takes it. */
	assert_int_equal(ehp_any(&f.ev, 7, kid, &off, 1, ehp_window_before(&f.ev, EHP_ENTRY, 13, EHP_MONTHS)),
	                 EHP_TRUE);

	/* "after" starts the day after the anchor; before and after meet without overlapping. */
	ehp_window after = ehp_window_after(&f.ev, EHP_ENTRY, 6, EHP_MONTHS);
	expect_window(after, "16/03/2024", "15/09/2024");
	assert_int_equal(after.from, before.to + 1);

	/* Month ends follow ehp_add_months. */
	f.fam.entry = D("2024-01-31");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 1, EHP_MONTHS), "2024-02-01", "2024-02-29");
	f.fam.entry = D("2023-01-31");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 1, EHP_MONTHS), "2023-02-01", "2023-02-28");
	f.fam.entry = D("2024-03-31");
	expect_window(ehp_window_before(&f.ev, EHP_ENTRY, 1, EHP_MONTHS), "2024-03-01", "2024-03-31");
	f.fam.entry = D("2024-02-29");
	expect_window(ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS), "2023-03-01", "2024-02-29");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 12, EHP_MONTHS), "2024-03-01", "2025-02-28");
	fx_free(&f);
}

static void test_window_days_weeks(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	expect_window(ehp_window_before(&f.ev, EHP_ENTRY, 7, EHP_DAYS), "09/03/2024", "15/03/2024");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 7, EHP_DAYS), "16/03/2024", "22/03/2024");
	expect_window(ehp_window_before(&f.ev, EHP_ENTRY, 1, EHP_DAYS), "15/03/2024", "15/03/2024");
	expect_window(ehp_window_before(&f.ev, EHP_ENTRY, 2, EHP_WEEKS), "02/03/2024", "15/03/2024");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 2, EHP_WEEKS), "16/03/2024", "29/03/2024");
	expect_window(ehp_window_after(&f.ev, EHP_CLOSURE, 26, EHP_WEEKS), "16/09/2024", "16/03/2025");
	expect_window(ehp_window_before(&f.ev, EHP_CLAIM, 1, EHP_WEEKS), "09/03/2025", "15/03/2025");
	/* Across 29 February. */
	f.fam.entry = D("2024-02-28");
	expect_window(ehp_window_after(&f.ev, EHP_ENTRY, 2, EHP_DAYS), "2024-02-29", "2024-03-01");
	fx_free(&f);
}

static void test_window_at_and_anchors(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	assert_int_equal(ehp_anchor_date(&f.ev, EHP_ENTRY), D("15/03/2024"));
	assert_int_equal(ehp_anchor_date(&f.ev, EHP_CLOSURE), D("15/09/2024"));
	assert_int_equal(ehp_anchor_date(&f.ev, EHP_CLAIM), D("15/03/2025"));
	expect_window(ehp_window_at(&f.ev, EHP_ENTRY), "15/03/2024", "15/03/2024");
	expect_window(ehp_window_at(&f.ev, EHP_CLOSURE), "15/09/2024", "15/09/2024");
	expect_window(ehp_window_at(&f.ev, EHP_CLAIM), "15/03/2025", "15/03/2025");
	fx_free(&f);
}

/* A window on the closure of support that is still open cannot be formed;
 * a test over it cannot be judged and its evidence says why. */
static void test_closure_missing(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2025");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "01/10/2024", NULL);
	fx_ready(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window windows[] = {
		ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS),
		ehp_window_before(&f.ev, EHP_CLOSURE, 3, EHP_DAYS),
		ehp_window_after(&f.ev, EHP_CLOSURE, 1, EHP_TERMS),
		ehp_window_at(&f.ev, EHP_CLOSURE),
		ehp_window_span(ehp_window_at(&f.ev, EHP_ENTRY), ehp_window_at(&f.ev, EHP_CLOSURE)),
		ehp_window_span(ehp_window_at(&f.ev, EHP_CLOSURE), ehp_window_at(&f.ev, EHP_CLAIM)),
	};
	for (size_t i = 0; i < sizeof windows / sizeof *windows; i++) {
		assert_string_equal(windows[i].missing, "support has not closed");
		f.trace.n = 0;
		assert_int_equal(ehp_any(&f.ev, 9, kid, &off, 1, windows[i]), EHP_UNKNOWN);
		assert_int_equal(ehp_none(&f.ev, 9, kid, &off, 1, windows[i]), EHP_UNKNOWN);
		assert_int_equal(f.trace.n, 2);
		assert_string_equal(f.trace.items[0].reason, "support has not closed");
		assert_int_equal(f.trace.items[0].result, EHP_UNKNOWN);
		assert_int_equal(f.trace.items[0].from, EHP_NO_DATE);
		assert_int_equal(f.trace.items[0].plan_line, 9);
	}
	/* No entry, no claim: said so too. */
	f.fam.entry = EHP_NO_DATE;
	assert_string_equal(ehp_window_at(&f.ev, EHP_ENTRY).missing, "no point of entry");
	fx_free(&f);
}

static void test_window_span(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	/* from 12 months before entry to 6 months after closure */
	expect_window(ehp_window_span(ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS),
	                              ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS)),
	              "16/03/2023", "15/03/2025");
	/* from entry to claim */
	expect_window(ehp_window_span(ehp_window_at(&f.ev, EHP_ENTRY), ehp_window_at(&f.ev, EHP_CLAIM)), "15/03/2024",
	              "15/03/2025");
	/* A span that would end before it starts cannot be formed. */
	assert_non_null(ehp_window_span(ehp_window_at(&f.ev, EHP_CLAIM), ehp_window_at(&f.ev, EHP_ENTRY)).missing);
	fx_free(&f);
}

static void test_during_support(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	expect_window(ehp_window_during_support(&f.ev), "15/03/2024", "15/09/2024");
	f.fam.closure = EHP_NO_DATE; /* open: to the claim date */
	expect_window(ehp_window_during_support(&f.ev), "15/03/2024", "15/03/2025");
	f.ev.claim = D("2024-03-01"); /* claim before entry */
	assert_non_null(ehp_window_during_support(&f.ev).missing);
	f.fam.entry = EHP_NO_DATE;
	assert_non_null(ehp_window_during_support(&f.ev).missing);
	fx_free(&f);
}

/* ehp_window_during: the subject's latest record of the selection begun by
 * the claim date; a state to its end (the claim date at most), an event its day. */
static void test_window_during_record(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2025");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	int mum = fx_person(&f, "mum", "1985-01-01", 0);
	fx_record(&f, kid, EHP_T_licence, "2023-01-01", "2023-06-30");
	fx_record(&f, kid, EHP_T_licence, "2024-01-01", "2024-02-15");
	fx_record(&f, kid, EHP_T_licence, "2025-06-01", "2025-12-01"); /* begins after the claim */
	fx_record(&f, mum, EHP_T_licence, "2024-06-01", "open");
	fx_record(&f, kid, EHP_T_offence, "2024-05-05", NULL);
	fx_record(&f, kid, EHP_T_community_order, "2024-10-01", "2026-01-01");
	fx_ready(&f);
	ehp_sel lic = SEL(EHP_T_licence), off = SEL(EHP_T_offence);
	expect_window(ehp_window_during(&f.ev, kid, &lic, 1), "2024-01-01", "2024-02-15");
	expect_window(ehp_window_during(&f.ev, mum, &lic, 1), "2024-06-01", "2025-03-15");
	expect_window(ehp_window_during(&f.ev, kid, &off, 1), "2024-05-05", "2024-05-05");
	ehp_sel both[] = { SEL(EHP_T_licence), SEL(EHP_T_community_order) };
	expect_window(ehp_window_during(&f.ev, kid, both, 2), "2024-10-01", "2025-03-15");
	expect_window(ehp_window_during(&f.ev, EHP_FAMILY, &lic, 1), "2024-06-01", "2025-03-15");
	assert_non_null(ehp_window_during(&f.ev, EHP_HOUSEHOLD, &lic, 1).missing);
	fx_free(&f);
}

/* `6 months before 3 months before claim`: the 6 months that end where the
 * last 3 months before the claim date begin (Wiltshire 1c). */
static void test_window_shifted(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	fx_ready(&f);
	ehp_point claim = ehp_point_at(&f.ev, EHP_CLAIM);
	ehp_point back3 = ehp_point_shift(claim, -3, EHP_MONTHS);
	char buf[11];
	ehp_date_format(back3.date, buf);
	assert_string_equal(buf, "2024-12-15");
	ehp_window last3 = ehp_window_before_point(&f.ev, claim, 3, EHP_MONTHS);
	ehp_window prev6 = ehp_window_before_point(&f.ev, back3, 6, EHP_MONTHS);
	expect_window(last3, "16/12/2024", "15/03/2025");
	expect_window(prev6, "16/06/2024", "15/12/2024");
	assert_int_equal(prev6.to + 1, last3.from); /* they meet without overlapping */
	/* The plain forms are the shifted ones with no shift. */
	expect_window(ehp_window_before(&f.ev, EHP_CLAIM, 3, EHP_MONTHS), "16/12/2024", "15/03/2025");
	/* After a shifted point: the 6 months after the 3 months after closure. */
	ehp_point p = ehp_point_shift(ehp_point_at(&f.ev, EHP_CLOSURE), 3, EHP_MONTHS);
	expect_window(ehp_window_after_point(&f.ev, p, 6, EHP_MONTHS), "16/12/2024", "15/06/2025");
	/* Days, weeks, the month-end rule, and shifts in a row. */
	expect_window(ehp_window_before_point(&f.ev, ehp_point_shift(claim, -2, EHP_WEEKS), 7, EHP_DAYS),
	              "23/02/2025", "01/03/2025");
	f.ev.claim = D("31/03/2025");
	ehp_point feb = ehp_point_shift(ehp_point_at(&f.ev, EHP_CLAIM), -1, EHP_MONTHS);
	ehp_date_format(feb.date, buf);
	assert_string_equal(buf, "2025-02-28");
	ehp_point twice = ehp_point_shift(ehp_point_shift(ehp_point_at(&f.ev, EHP_CLAIM), -1, EHP_MONTHS), -1, EHP_DAYS);
	ehp_date_format(twice.date, buf);
	assert_string_equal(buf, "2025-02-27");
	/* Terms after a shifted point: the terms that start after it. */
	ehp_window terms = ehp_window_after_point(&f.ev, ehp_point_shift(ehp_point_at(&f.ev, EHP_ENTRY), 1, EHP_MONTHS),
	                                          1, EHP_TERMS);
	assert_null(terms.missing);
	assert_true(terms.from > D("15/04/2024"));
	/* A point that cannot be known passes its reason on. */
	f.fam.closure = EHP_NO_DATE;
	ehp_point open = ehp_point_shift(ehp_point_at(&f.ev, EHP_CLOSURE), 3, EHP_MONTHS);
	assert_string_equal(open.missing, "support has not closed");
	assert_string_equal(ehp_window_after_point(&f.ev, open, 6, EHP_MONTHS).missing, "support has not closed");
	assert_non_null(ehp_point_shift(claim, 1, EHP_TERMS).missing);
	fx_free(&f);
}

/* `from entry to claim while licence`: the days both cover. */
static void test_window_within(void **state)
{
	(void)state;
	ehp_window support = { D("15/03/2024"), D("15/03/2025"), NULL, 0 };
	ehp_window licence = { D("01/01/2024"), D("31/12/2024"), NULL, 0 };
	expect_window(ehp_window_within(support, licence), "15/03/2024", "31/12/2024");
	expect_window(ehp_window_within(licence, support), "15/03/2024", "31/12/2024");
	ehp_window later = { D("16/03/2025"), D("01/06/2025"), NULL, 0 };
	assert_string_equal(ehp_window_within(support, later).missing, "the two periods do not meet");
	ehp_window day = { D("15/03/2025"), D("15/03/2025"), NULL, 0 };
	expect_window(ehp_window_within(support, day), "15/03/2025", "15/03/2025");
	ehp_window none = { EHP_NO_DATE, EHP_NO_DATE, "no such record", 0 };
	assert_string_equal(ehp_window_within(support, none).missing, "no such record");
	assert_string_equal(ehp_window_within(none, support).missing, "no such record");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_months),     cmocka_unit_test(test_window_days_weeks),
		cmocka_unit_test(test_window_at_and_anchors), cmocka_unit_test(test_closure_missing),
		cmocka_unit_test(test_window_span),       cmocka_unit_test(test_during_support),
		cmocka_unit_test(test_window_during_record), cmocka_unit_test(test_window_shifted),
		cmocka_unit_test(test_window_within),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
