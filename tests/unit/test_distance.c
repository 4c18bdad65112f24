/*
 * test_distance.c - date distances both ways (semantics.md, "Date
 * distances"): `in less than N units after P` (the anniversary left out,
 * exact on 29 February and month ends), `within N units of P`, and
 * `closure at most / less than / more than N units before claim`.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static ehp_window less_after(fixture *f, const char *entry, int n, ehp_unit u)
{
	f->fam.entry = D(entry);
	return ehp_window_less_after(&f->ev, ehp_point_at(&f->ev, EHP_ENTRY), n, u);
}

/* [test_less_than_after] */
static void test_less_than_after(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2026");
	/* From the day of entry to the day before the anniversary. */
	expect_window(less_after(&f, "2024-03-15", 12, EHP_MONTHS), "2024-03-15", "2025-03-14");
	/* 29 February: its anniversary in a common year is 28 February (the
	 * month rule), so less than 12 months ends the day before. */
	expect_window(less_after(&f, "2024-02-29", 12, EHP_MONTHS), "2024-02-29", "2025-02-27");
	/* 1 March before a leap day: the anniversary is 1 March 2024, so 29
	 * February 2024 is still less than 12 months after. */
	expect_window(less_after(&f, "2023-03-01", 12, EHP_MONTHS), "2023-03-01", "2024-02-29");
	/* Month ends: one month after 31 January is 29 February 2024. */
	expect_window(less_after(&f, "2024-01-31", 1, EHP_MONTHS), "2024-01-31", "2024-02-28");
	expect_window(less_after(&f, "2024-03-15", 2, EHP_WEEKS), "2024-03-15", "2024-03-28");
	expect_window(less_after(&f, "2024-03-15", 1, EHP_DAYS), "2024-03-15", "2024-03-15");
	/* A length set to 0 with --set cannot form a window. */
	assert_non_null(less_after(&f, "2024-03-15", 0, EHP_MONTHS).missing);
	fx_free(&f);
}

/* [test_within_of] */
static void test_within_of(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2026");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_referral, "15/09/2024", NULL);
	fx_ready(&f);
	ehp_sel ref = SEL(EHP_T_referral);
	ehp_window w = ehp_window_around(&f.ev, ehp_point_at(&f.ev, EHP_ENTRY), 6, EHP_MONTHS);
	expect_window(w, "2023-09-15", "2024-09-15");
	/* A referral exactly 6 months after entry is within 6 months of it. */
	assert_int_equal(ehp_any(&f.ev, 3, kid, &ref, 1, w), EHP_TRUE);
	/* ... and a day later it is not. */
	f.fam.entry = D("14/03/2024");
	assert_int_equal(ehp_any(&f.ev, 3, kid, &ref, 1,
	                         ehp_window_around(&f.ev, ehp_point_at(&f.ev, EHP_ENTRY), 6, EHP_MONTHS)),
	                 EHP_FALSE);
	/* Support still open: within 6 months of closure cannot be formed. */
	f.fam.closure = EHP_NO_DATE;
	assert_string_equal(ehp_window_around(&f.ev, ehp_point_at(&f.ev, EHP_CLOSURE), 6, EHP_MONTHS).missing,
	                    "support has not closed");
	fx_free(&f);
}

static ehp_tv closure_to_claim(fixture *f, const char *closure, int n, ehp_gap how)
{
	f->fam.closure = D(closure);
	return ehp_anchor_distance(&f->ev, 8, EHP_CLOSURE, ehp_point_at(&f->ev, EHP_CLAIM), n, EHP_MONTHS, -1, how);
}

/* [test_anchor_distance] */
static void test_anchor_distance(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2022", "15/03/2023", "15/03/2025");
	fx_ready(&f);
	/* Closure at most 24 months before a claim on 15/03/2025: from 15/03/2023 to the claim. */
	assert_int_equal(closure_to_claim(&f, "15/03/2023", 24, EHP_GAP_AT_MOST), EHP_TRUE);
	const ehp_evidence *e = fx_last(&f);
	assert_int_equal(e->from, D("15/03/2023"));
	assert_int_equal(e->to, D("15/03/2025"));
	assert_string_equal(e->what, "closure");
	assert_int_equal(closure_to_claim(&f, "14/03/2023", 24, EHP_GAP_AT_MOST), EHP_FALSE);
	/* Less than leaves the day 24 months before out; more than is the rest. */
	assert_int_equal(closure_to_claim(&f, "15/03/2023", 24, EHP_GAP_LESS_THAN), EHP_FALSE);
	assert_int_equal(closure_to_claim(&f, "16/03/2023", 24, EHP_GAP_LESS_THAN), EHP_TRUE);
	assert_int_equal(closure_to_claim(&f, "15/03/2023", 24, EHP_GAP_MORE_THAN), EHP_FALSE);
	assert_int_equal(closure_to_claim(&f, "14/03/2023", 24, EHP_GAP_MORE_THAN), EHP_TRUE);
	assert_int_equal(closure_to_claim(&f, "15/03/2023", 24, EHP_GAP_AT_LEAST), EHP_TRUE);
	/* A closure after the claim date is not before it at all. */
	assert_int_equal(closure_to_claim(&f, "16/03/2025", 24, EHP_GAP_AT_MOST), EHP_FALSE);
	/* After: the claim less than 6 months after closure. */
	f.fam.closure = D("15/09/2024");
	ehp_point closure = ehp_point_at(&f.ev, EHP_CLOSURE);
	assert_int_equal(ehp_anchor_distance(&f.ev, 9, EHP_CLAIM, closure, 6, EHP_MONTHS, 1, EHP_GAP_LESS_THAN), EHP_FALSE);
	assert_int_equal(ehp_anchor_distance(&f.ev, 9, EHP_CLAIM, closure, 6, EHP_MONTHS, 1, EHP_GAP_AT_MOST), EHP_TRUE);
	/* Within: either side. */
	assert_int_equal(ehp_anchor_distance(&f.ev, 9, EHP_CLAIM, closure, 6, EHP_MONTHS, 0, EHP_GAP_WITHIN), EHP_TRUE);
	assert_int_equal(ehp_anchor_distance(&f.ev, 9, EHP_CLAIM, closure, 5, EHP_MONTHS, 0, EHP_GAP_WITHIN), EHP_FALSE);
	assert_int_equal(ehp_anchor_distance(&f.ev, 9, EHP_ENTRY, closure, 30, EHP_MONTHS, 0, EHP_GAP_WITHIN), EHP_TRUE);
	/* Support still open: cannot be judged, and the evidence says why. */
	f.fam.closure = EHP_NO_DATE;
	assert_int_equal(ehp_anchor_distance(&f.ev, 8, EHP_CLOSURE, ehp_point_at(&f.ev, EHP_CLAIM), 24, EHP_MONTHS, -1,
	                                     EHP_GAP_AT_MOST),
	                 EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "support has not closed");
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_less_than_after),
		cmocka_unit_test(test_within_of),
		cmocka_unit_test(test_anchor_distance),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
