/*
 * test_terms.c - school terms: the default English calendar and the term
 * windows ("N terms before/after A") over a small calendar built here.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"

static void test_england_calendar(void **state)
{
	(void)state;
	const ehp_calendar *cal = ehp_calendar_england();
	assert_non_null(cal);
	assert_false(cal->owned);
	assert_int_equal(cal->n, 16 * 3); /* 2015/16 to 2030/31 */
	for (size_t i = 0; i < cal->n; i++) {
		const ehp_term *t = &cal->terms[i];
		int y, m, d, ey, em, ed;
		ehp_date_to_ymd(t->start, &y, &m, &d);
		ehp_date_to_ymd(t->end, &ey, &em, &ed);
		assert_int_equal(ehp_weekday(t->start), 1); /* Monday to Friday */
		assert_int_equal(ehp_weekday(t->end), 5);
		assert_true(t->start < t->end);
		if (i > 0)
			assert_true(cal->terms[i - 1].end < t->start); /* sorted, not overlapping */
		int academic = 2015 + (int)i / 3;
		switch (i % 3) {
		case 0: /* autumn: early September to before Christmas */
			assert_int_equal(y, academic), assert_int_equal(m, 9), assert_true(d <= 7);
			assert_int_equal(em, 12), assert_true(ed >= 14 && ed <= 20);
			break;
		case 1: /* spring: early January to about Easter */
			assert_int_equal(y, academic + 1), assert_int_equal(m, 1), assert_true(d >= 4 && d <= 10);
			assert_int_equal(em, 3), assert_true(ed >= 25);
			break;
		default: /* summer: mid April to about 20 July */
			assert_int_equal(y, academic + 1), assert_int_equal(m, 4), assert_true(d >= 14 && d <= 20);
			assert_int_equal(em, 7), assert_true(ed >= 16 && ed <= 22);
			break;
		}
	}
}

/* Four terms: autumn 2023 to autumn 2024. */
static ehp_term small_terms[4];

static void small_calendar(ehp_calendar *cal)
{
	small_terms[0] = (ehp_term){ D("2023-09-04"), D("2023-12-15") };
	small_terms[1] = (ehp_term){ D("2024-01-08"), D("2024-03-28") };
	small_terms[2] = (ehp_term){ D("2024-04-15"), D("2024-07-19") };
	small_terms[3] = (ehp_term){ D("2024-09-02"), D("2024-12-20") };
	*cal = (ehp_calendar){ small_terms, 4, false };
}

/* The family's entry is the anchor; each case moves it. */
static ehp_window terms_around(fixture *f, const char *entry, bool before, int n)
{
	f->fam.entry = D(entry);
	return before ? ehp_window_before(&f->ev, EHP_ENTRY, n, EHP_TERMS)
	              : ehp_window_after(&f->ev, EHP_ENTRY, n, EHP_TERMS);
}

static void test_terms(void **state)
{
	(void)state;
	fixture f;
	ehp_calendar cal;
	small_calendar(&cal);
	fx_init(&f, "2024-03-28", NULL, "2025-06-01");
	f.ev.cal = &cal;
	/* A term that ends on the anchor day has ended on or before it. */
	expect_window(terms_around(&f, "2024-03-28", true, 1), "2024-01-08", "2024-03-28");
	/* A term under way on the anchor is not counted. */
	expect_window(terms_around(&f, "2024-03-27", true, 1), "2023-09-04", "2023-12-15");
	/* Several terms: first day of the earliest to the last of the latest, holidays included. */
	expect_window(terms_around(&f, "2024-08-01", true, 2), "2024-01-08", "2024-07-19");
	expect_window(terms_around(&f, "2024-08-01", true, 3), "2023-09-04", "2024-07-19");
	/* Too few terms: the window cannot be formed. */
	ehp_window w = terms_around(&f, "2024-08-01", true, 4);
	assert_non_null(w.missing);
	assert_non_null(terms_around(&f, "2023-12-14", true, 1).missing);

	/* After: terms that start after the anchor; one under way is not counted. */
	expect_window(terms_around(&f, "2024-01-07", false, 1), "2024-01-08", "2024-03-28");
	expect_window(terms_around(&f, "2024-01-08", false, 1), "2024-04-15", "2024-07-19");
	expect_window(terms_around(&f, "2023-12-20", false, 3), "2024-01-08", "2024-12-20");
	assert_non_null(terms_around(&f, "2024-04-20", false, 2).missing);
	assert_non_null(terms_around(&f, "2024-12-01", false, 1).missing);

	/* An empty calendar forms no term window. */
	ehp_calendar empty = { NULL, 0, false };
	f.ev.cal = &empty;
	assert_non_null(terms_around(&f, "2024-08-01", true, 1).missing);
	assert_non_null(terms_around(&f, "2024-08-01", false, 1).missing);

	/* No calendar given: England's. Summer 2024 is the one term after 1 Apr 2024. */
	f.ev.cal = NULL;
	expect_window(terms_around(&f, "2024-04-01", false, 1), "2024-04-15", "2024-07-19");
	expect_window(terms_around(&f, "2024-08-01", true, 3), "2023-09-04", "2024-07-19");
	fx_free(&f);
}

/* A loaded calendar owns its terms; the England one is never freed. */
static void test_calendar_free(void **state)
{
	(void)state;
	ehp_calendar cal = { malloc(2 * sizeof(ehp_term)), 2, true };
	assert_non_null(cal.terms);
	ehp_calendar_free(&cal);
	assert_null(cal.terms);
	assert_int_equal(cal.n, 0);
	ehp_calendar borrowed;
	small_calendar(&borrowed);
	ehp_calendar_free(&borrowed); /* not owned: the array stays */
	assert_int_equal(small_terms[0].start, D("2023-09-04"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_england_calendar),
		cmocka_unit_test(test_terms),
		cmocka_unit_test(test_calendar_free),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
