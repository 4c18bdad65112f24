/*
 * test_date.c - calendar dates: day numbers, parsing, formatting, month
 * arithmetic with the end-of-month rule, age in completed years, weekdays.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static ehp_date P(const char *s)
{
	return ehp_date_parse(s, strlen(s));
}

static void test_day_numbers(void **state)
{
	(void)state;
	assert_int_equal(ehp_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(ehp_date_from_ymd(2024, 3, 15), 19797);
	assert_int_equal(ehp_date_from_ymd(2000, 3, 1), 11017);
	assert_int_equal(ehp_date_from_ymd(1900, 1, 1), -25567);
	assert_int_equal(ehp_date_from_ymd(2200, 12, 31), 84370);
	/* Impossible days and years outside 1900..2200. */
	assert_int_equal(ehp_date_from_ymd(2023, 2, 29), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(1900, 2, 29), EHP_NO_DATE); /* not a leap year */
	assert_int_not_equal(ehp_date_from_ymd(2000, 2, 29), EHP_NO_DATE); /* a leap year */
	assert_int_equal(ehp_date_from_ymd(2024, 4, 31), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(2024, 13, 1), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(2024, 0, 1), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(2024, 1, 0), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(1899, 12, 31), EHP_NO_DATE);
	assert_int_equal(ehp_date_from_ymd(2201, 1, 1), EHP_NO_DATE);
}

static int month_days(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : len[m - 1];
}

/* Every day from a thousand days before 0001-01-01 to a thousand after
 * 9999-12-31 (the days converted fast, and either side of them) is the
 * calendar day after the one before it: months of their own length,
 * leap years by the Gregorian rule. */
static void test_every_day_after_the_last(void **state)
{
	(void)state;
	const ehp_date first = -719162 - 1000, last = 2932896 + 1000; /* 0001-01-01, 9999-12-31 */
	int py, pm, pd;
	ehp_date_to_ymd(first - 1, &py, &pm, &pd);
	for (ehp_date d = first; d <= last; d++) {
		int y, m, dd;
		ehp_date_to_ymd(d, &y, &m, &dd);
		bool next = (y == py && m == pm && dd == pd + 1) ||
		            (y == py && m == pm + 1 && dd == 1 && pd == month_days(py, pm)) ||
		            (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31);
		if (!next)
			fail_msg("day %d: %d-%d-%d after %d-%d-%d", (int)d, y, m, dd, py, pm, pd);
		py = y, pm = m, pd = dd;
	}
	int y, m, dd;
	ehp_date_to_ymd(-719162, &y, &m, &dd);
	assert_true(y == 1 && m == 1 && dd == 1);
	ehp_date_to_ymd(2932896, &y, &m, &dd);
	assert_true(y == 9999 && m == 12 && dd == 31);
}

/* Every day from 1900 to 2200 goes to y-m-d and back, one day apart. */
static void test_round_trip(void **state)
{
	(void)state;
	ehp_date first = ehp_date_from_ymd(1900, 1, 1), last = ehp_date_from_ymd(2200, 12, 31);
	int py = 1899, pm = 12, pd = 31;
	for (ehp_date d = first; d <= last; d++) {
		int y, m, dd;
		ehp_date_to_ymd(d, &y, &m, &dd);
		assert_int_equal(ehp_date_from_ymd(y, m, dd), d);
		/* the next calendar day after the previous one */
		bool next = (y == py && m == pm && dd == pd + 1) || (y == py && m == pm + 1 && dd == 1 && pd >= 28) ||
		            (y == py + 1 && m == 1 && dd == 1 && pm == 12 && pd == 31);
		assert_true(next);
		py = y, pm = m, pd = dd;
	}
	int y, m, dd;
	ehp_date_to_ymd(EHP_FOREVER, &y, &m, &dd); /* no overflow, no calendar day */
	assert_int_equal(y, 0);
	ehp_date_to_ymd(EHP_NO_DATE, &y, &m, &dd);
	assert_int_equal(m, 0);
}

static void test_date_parse(void **state)
{
	(void)state;
	ehp_date d = ehp_date_from_ymd(2024, 3, 15);
	assert_int_equal(P("2024-03-15"), d);
	assert_int_equal(P("15/03/2024"), d);
	assert_int_equal(P("15-03-2024"), d);
	assert_int_equal(P("15/3/2024"), d);
	assert_int_equal(P("5/3/2024"), ehp_date_from_ymd(2024, 3, 5));
	assert_int_equal(P("05/03/2024"), ehp_date_from_ymd(2024, 3, 5));
	assert_int_equal(P("29/02/2024"), ehp_date_from_ymd(2024, 2, 29));
	assert_int_equal(ehp_date_parse("2024-03-15,next", 10), d); /* only len bytes are read */
	/* Impossible dates are bad rows, never a guess. */
	const char *bad[] = {
		"31/02/2024", "29/02/2023", "29/02/1900", "00/01/2024", "01/13/2024", "2024-02-30", "2024-13-01",
		"31/04/2024", "01/01/1899", "01/01/2201",
		/* junk and other layouts */
		"", "-", "2024", "2024-3-15", "2024-03-5", "2024/03/15", "15/03/24", "15/03/20245", "15/03-2024",
		"15-03/2024", " 15/03/2024", "15/03/2024 ", "15.03.2024", "a5/03/2024", "15/0x/2024", "+15/03/2024",
		"115/03/2024", "15/003/2024", "2024-03-15T00:00", "20240315", "2024--03-15", "15//03/2024",
	};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
		if (P(bad[i]) != EHP_NO_DATE)
			fail_msg("\"%s\" was accepted", bad[i]);
	}
	assert_int_equal(ehp_date_parse(NULL, 0), EHP_NO_DATE);
	assert_int_equal(ehp_date_parse("2024-03-15", 9), EHP_NO_DATE); /* cut short */
}

static void test_date_format(void **state)
{
	(void)state;
	char buf[11];
	ehp_date_format(ehp_date_from_ymd(2024, 3, 5), buf);
	assert_string_equal(buf, "2024-03-05");
	ehp_date_format(ehp_date_from_ymd(1900, 1, 1), buf);
	assert_string_equal(buf, "1900-01-01");
	ehp_date_format(ehp_date_from_ymd(2200, 12, 31), buf);
	assert_string_equal(buf, "2200-12-31");
	ehp_date_format(EHP_NO_DATE, buf);
	assert_string_equal(buf, "-");
	ehp_date_format(EHP_FOREVER, buf);
	assert_string_equal(buf, "-");
}

static void expect_months(const char *from, int n, const char *want)
{
	ehp_date got = ehp_add_months(P(from), n);
	char g[11];
	ehp_date_format(got, g);
	if (got != P(want))
		fail_msg("%s %+d months: got %s, want %s", from, n, g, want);
}

static void test_add_months(void **state)
{
	(void)state;
	expect_months("2023-01-31", 1, "2023-02-28");
	expect_months("2024-01-31", 1, "2024-02-29"); /* leap year */
	expect_months("2024-02-29", 12, "2025-02-28");
	expect_months("2024-03-31", -1, "2024-02-29");
	expect_months("2023-03-31", -1, "2023-02-28");
	expect_months("2024-03-15", -12, "2023-03-15");
	expect_months("2024-01-31", 3, "2024-04-30");
	expect_months("2024-08-31", 1, "2024-09-30");
	expect_months("2024-12-15", 1, "2025-01-15"); /* across a year */
	expect_months("2024-01-15", -1, "2023-12-15");
	expect_months("2024-05-31", -15, "2023-02-28");
	expect_months("2024-02-29", 48, "2028-02-29");
	expect_months("2000-02-29", -1200, "1900-02-28");
	expect_months("2024-03-15", 0, "2024-03-15");
	/* The clamp is not undone: 31 Jan + 1 month + 1 month is 28 Mar. */
	assert_int_equal(ehp_add_months(ehp_add_months(P("2023-01-31"), 1), 1), P("2023-03-28"));
	assert_int_equal(ehp_add_months(EHP_NO_DATE, 3), EHP_NO_DATE);
	assert_int_equal(ehp_add_months(EHP_FOREVER, 3), EHP_FOREVER);
}

static void test_age(void **state)
{
	(void)state;
	assert_int_equal(ehp_age_on(P("2010-06-01"), P("2024-05-31")), 13);
	assert_int_equal(ehp_age_on(P("2010-06-01"), P("2024-06-01")), 14); /* on the birthday */
	assert_int_equal(ehp_age_on(P("2010-06-01"), P("2010-06-01")), 0);
	assert_int_equal(ehp_age_on(P("2010-12-31"), P("2011-12-30")), 0);
	/* Born 29 Feb: a year older on 28 Feb in a common year, 29 Feb in a leap year. */
	assert_int_equal(ehp_age_on(P("2008-02-29"), P("2025-02-27")), 16);
	assert_int_equal(ehp_age_on(P("2008-02-29"), P("2025-02-28")), 17);
	assert_int_equal(ehp_age_on(P("2008-02-29"), P("2024-02-28")), 15);
	assert_int_equal(ehp_age_on(P("2008-02-29"), P("2024-02-29")), 16);
	assert_int_equal(ehp_age_on(P("2008-02-29"), P("2024-03-01")), 16);
	/* Missing dates give -1, which no age range a plan can write contains. */
	assert_int_equal(ehp_age_on(EHP_NO_DATE, P("2024-03-01")), -1);
	assert_int_equal(ehp_age_on(P("2008-02-29"), EHP_NO_DATE), -1);
}

static void test_weekday(void **state)
{
	(void)state;
	assert_int_equal(ehp_weekday(0), 4); /* 1 Jan 1970 was a Thursday */
	assert_int_equal(ehp_weekday(P("2024-03-15")), 5);
	assert_int_equal(ehp_weekday(P("2024-03-18")), 1);
	assert_int_equal(ehp_weekday(P("2024-03-17")), 7);
	assert_int_equal(ehp_weekday(P("1900-01-01")), 1); /* before 1970: negative day numbers */
	assert_int_equal(ehp_weekday(P("1969-12-31")), 3);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_day_numbers), cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_every_day_after_the_last), cmocka_unit_test(test_date_parse),
		cmocka_unit_test(test_date_format), cmocka_unit_test(test_add_months), cmocka_unit_test(test_age),
		cmocka_unit_test(test_weekday),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
