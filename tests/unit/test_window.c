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

static void expect_window(ehp_window w, const char *from, const char *to)
{
	if (w.missing)
		fail_msg("window missing: %s (want %s..%s)", w.missing, from, to);
	char a[11], b[11];
	ehp_date_format(w.from, a);
	ehp_date_format(w.to, b);
	if (w.from != D(from) || w.to != D(to))
		fail_msg("window %s..%s, want %s..%s", a, b, from, to);
}

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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_window_months),     cmocka_unit_test(test_window_days_weeks),
		cmocka_unit_test(test_window_at_and_anchors), cmocka_unit_test(test_closure_missing),
		cmocka_unit_test(test_window_span),       cmocka_unit_test(test_during_support),
		cmocka_unit_test(test_window_during_record),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
