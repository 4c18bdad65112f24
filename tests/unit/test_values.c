/*
 * test_values.c - the forms Excel and case-management systems write values
 * in (values.h): each one accepted, and each near miss refused with its
 * reason.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "values.h"

static ehp_date ymd(int y, int m, int d)
{
	return ehp_date_from_ymd(y, m, d);
}

static void expect_date(const char *s, ehp_date want)
{
	const char *bad;
	ehp_date d = ehp_value_date(s, strlen(s), &bad);
	if (bad)
		fail_msg("`%s` refused: %s", s, bad);
	assert_int_equal(d, want);
}

static void expect_no_date(const char *s, const char *reason)
{
	const char *bad;
	ehp_date d = ehp_value_date(s, strlen(s), &bad);
	if (!bad)
		fail_msg("`%s` accepted", s);
	assert_string_equal(bad, reason);
	assert_int_equal(d, EHP_NO_DATE);
}

static void test_dates_with_midnight(void **state)
{
	(void)state;
	ehp_date sep1 = ymd(2023, 9, 1);
	expect_date("01/09/2023", sep1);
	expect_date("1/9/2023", sep1);
	expect_date("2023-09-01", sep1);
	expect_date("01/09/2023 00:00", sep1);
	expect_date("01/09/2023 00:00:00", sep1);
	expect_date("2023-09-01T00:00:00", sep1);
	expect_date("2023-09-01 00:00", sep1);
	expect_date("2023-09-01 00:00:00.000", sep1); /* SQL Server's datetime */
	expect_date("2023-09-01T00:00:00Z", sep1);
	expect_date("1/9/2023 0:00", sep1);
	const char *bad;
	assert_int_equal(ehp_value_date("", 0, &bad), EHP_NO_DATE);
	assert_null(bad);
}

static void test_dates_refused(void **state)
{
	(void)state;
	expect_no_date("01/09/2023 14:30", EHP_DATE_WITH_TIME);
	expect_no_date("2023-09-01T09:15:00", EHP_DATE_WITH_TIME);
	expect_no_date("01/09/2023 00:00:01", EHP_DATE_WITH_TIME);
	expect_no_date("2023-09-01 00:00:00.500", EHP_DATE_WITH_TIME);
	expect_no_date("01/09/23", EHP_TWO_DIGIT_YEAR);
	expect_no_date("1-9-23", EHP_TWO_DIGIT_YEAR);
	expect_no_date("31/02/2024", EHP_NO_SUCH_DAY);
	expect_no_date("2024-02-30", EHP_NO_SUCH_DAY);
	expect_no_date("2024-13-01", EHP_NO_SUCH_DAY);
	expect_no_date("09/13/2023", EHP_MONTH_FIRST);
	expect_no_date("2023/09/01", EHP_NOT_A_DATE);
	expect_no_date("01.09.2023", EHP_NOT_A_DATE);
	expect_no_date("Sept 2023", EHP_NOT_A_DATE);
	expect_no_date("01/09/2023 noon", EHP_NOT_A_DATE);
	expect_no_date("01/09/2023 00", EHP_NOT_A_DATE);
	expect_no_date("01/09/2023 00:00 00:00", EHP_NOT_A_DATE);
	expect_no_date("01/09/2204 00:00", EHP_DATE_OUT_OF_RANGE);
	expect_no_date("0024-09-01", EHP_DATE_OUT_OF_RANGE);
	expect_no_date("31/02/2024 00:00", EHP_NO_SUCH_DAY);
}

static double number(const char *s, unsigned allow, bool *percent)
{
	double v;
	const char *bad;
	bool pct;
	if (!ehp_value_number(s, strlen(s), allow, &v, &pct, &bad))
		fail_msg("`%s` refused: %s", s, bad);
	if (percent)
		*percent = pct;
	return v;
}

static void expect_no_number(const char *s, unsigned allow, const char *reason)
{
	double v;
	const char *bad;
	bool pct;
	if (ehp_value_number(s, strlen(s), allow, &v, &pct, &bad))
		fail_msg("`%s` accepted as %g", s, v);
	assert_string_equal(bad, reason);
}

static void test_numbers_as_exported(void **state)
{
	(void)state;
	bool pct;
	assert_true(number("150", 0, &pct) == 150 && !pct);
	assert_true(number("1200.50", 0, NULL) == 1200.5);
	assert_true(number("1,200", 0, NULL) == 1200);
	assert_true(number("1,234,567.25", 0, NULL) == 1234567.25);
	assert_true(number("\xc2\xa3" "1,200.50", EHP_NUM_POUNDS, NULL) == 1200.5); /* £ in UTF-8 */
	assert_true(number("\xa3" "300", EHP_NUM_POUNDS, NULL) == 300);           /* £ in Windows-1252 */
	assert_true(number("-\xc2\xa3" "12", EHP_NUM_POUNDS, NULL) == -12);
	assert_true(number("92%", EHP_NUM_PERCENT, &pct) == 92 && pct);
	assert_true(number("92.5%", EHP_NUM_PERCENT, &pct) == 92.5 && pct);
	assert_true(isnan(number("", 0, &pct)) && !pct);
}

static void test_numbers_refused(void **state)
{
	(void)state;
	expect_no_number("1,2", 0, EHP_NOT_A_NUMBER);
	expect_no_number("1,20,000", 0, EHP_NOT_A_NUMBER);
	expect_no_number(",100", 0, EHP_NOT_A_NUMBER);
	expect_no_number("1,000,", 0, EHP_NOT_A_NUMBER);
	expect_no_number("1.5,000", 0, EHP_NOT_A_NUMBER);
	expect_no_number("12abc", 0, EHP_NOT_A_NUMBER);
	expect_no_number("\xc2\xa3" "300", 0, EHP_POUNDS_NOT_HERE);
	expect_no_number("92%", 0, EHP_PERCENT_NOT_HERE);
	expect_no_number("\xc2\xa3" "92%", EHP_NUM_POUNDS | EHP_NUM_PERCENT, EHP_NOT_A_NUMBER);
	expect_no_number("%", EHP_NUM_PERCENT, EHP_NOT_A_NUMBER);
	expect_no_number("\xc2\xa3", EHP_NUM_POUNDS, EHP_NOT_A_NUMBER);
	expect_no_number("nan", 0, EHP_NOT_A_NUMBER);
	expect_no_number("0x10", 0, EHP_NOT_A_NUMBER);
	expect_no_number("$300", EHP_NUM_POUNDS, EHP_NOT_A_NUMBER);
}

static void test_yes_no(void **state)
{
	(void)state;
	static const char *const yes[] = { "Yes", "YES", "yes", "Y", "y", "TRUE", "True", "1" };
	static const char *const no[] = { "No", "NO", "n", "N", "FALSE", "false", "0", "" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		assert_int_equal(ehp_value_yes_no(yes[i], strlen(yes[i])), 1);
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		assert_int_equal(ehp_value_yes_no(no[i], strlen(no[i])), 0);
	static const char *const neither[] = { "maybe", "yess", "2", "-1", "T", "F", "Ja", "1.0" };
	for (size_t i = 0; i < sizeof neither / sizeof *neither; i++)
		assert_int_equal(ehp_value_yes_no(neither[i], strlen(neither[i])), -1);
}

static void test_names_in_any_case(void **state)
{
	(void)state;
	assert_int_equal(ehp_data_type("Offence", 7), ehp_type_lookup("offence", 7));
	assert_int_equal(ehp_data_type("POLICE_CALLOUT", 14), ehp_type_lookup("police_callout", 14));
	assert_true(ehp_data_type("offence", 7) >= 0);
	assert_int_equal(ehp_data_type("Offences", 8), -1);
	assert_int_equal(ehp_data_type("police callout", 14), -1); /* only case is loosened */
	assert_int_equal(ehp_data_detail("Domestic", 8), ehp_detail_lookup("domestic", 8));
	assert_int_equal(ehp_data_detail("", 0), 0);
	assert_int_equal(ehp_data_flag("Parent", 6), ehp_flag_lookup("parent", 6));
	assert_int_equal(ehp_data_flag("PARENT", 6), ehp_flag_lookup("parent", 6));
	assert_int_equal(ehp_data_flag("parents", 7), -1);
	char longname[400];
	memset(longname, 'a', sizeof longname);
	assert_int_equal(ehp_data_type(longname, sizeof longname), -1);
}

/* The quick readings of plain figures and dates agree with the full ones:
 * every figure of up to 15 digits read as strtod reads it (bit for bit),
 * and every day of the data's years, in both plain forms, the day the full
 * reading gives, as near misses (2023-02-29, 31/04/2024) are refused alike. */
static void test_quick_forms_agree(void **state)
{
	(void)state;
	uint64_t x = 88172645463325252u; /* xorshift64: the same figures every run */
	for (int i = 0; i < 200000; i++) {
		x ^= x << 13;
		x ^= x >> 7;
		x ^= x << 17;
		char text[40];
		int digits = 1 + (int)(x % 17), point = (int)(x >> 8 & 31);
		size_t n = 0;
		if (x >> 20 & 1)
			text[n++] = '-';
		uint64_t y = x >> 24;
		for (int k = 0; k < digits; k++) {
			if (k == point && k)
				text[n++] = '.';
			text[n++] = (char)('0' + y % 10);
			y = y / 10 ^ (x >> (k % 40));
		}
		text[n] = '\0';
		double want = strtod(text, NULL), got;
		bool pct;
		const char *bad;
		assert_int_equal(ehp_value_number(text, n, 0, &got, &pct, &bad), 1);
		if (memcmp(&got, &want, sizeof got))
			fail_msg("`%s`: %.17g, strtod %.17g", text, got, want);
	}
	for (int y = 1899; y <= 2101; y += 1) {
		for (int m = 0; m <= 13; m++) {
			for (int d = 0; d <= 32; d++) {
				char iso[40], uk[40]; /* room for any int, as -O1 with ASan asks */
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
				snprintf(uk, sizeof uk, "%02d/%02d/%04d", d, m, y);
				ehp_date want = ehp_date_from_ymd(y, m, d);
				bool in_range = y >= EHP_DATA_FIRST_YEAR && y <= EHP_DATA_LAST_YEAR;
				const char *bad_iso, *bad_uk;
				ehp_date a = ehp_value_date(iso, 10, &bad_iso), b = ehp_value_date(uk, 10, &bad_uk);
				assert_int_equal(a, in_range ? want : EHP_NO_DATE);
				assert_int_equal(b, a);
				assert_true((bad_iso == NULL) == (a != EHP_NO_DATE));
				assert_true((bad_uk == NULL) == (b != EHP_NO_DATE));
			}
		}
	}
}

/* A date of the quick form with any other byte where a digit should be
 * (below '0', above '9', a high byte) is no day: each of the 8 digits of
 * yyyy-mm-dd and of dd/mm/yyyy, each of the 246 bytes that are no digit. */
static void test_quick_forms_want_digits(void **state)
{
	(void)state;
	static const int iso_digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 }, uk_digits[] = { 0, 1, 3, 4, 6, 7, 8, 9 };
	for (int k = 0; k < 8; k++) {
		for (int c = 0; c < 256; c++) {
			if (c >= '0' && c <= '9')
				continue;
			char iso[] = "2024-02-29", uk[] = "29/02/2024";
			iso[iso_digits[k]] = (char)c;
			uk[uk_digits[k]] = (char)c;
			const char *bad;
			assert_int_equal(ehp_value_date(iso, 10, &bad), EHP_NO_DATE);
			assert_non_null(bad);
			assert_int_equal(ehp_value_date(uk, 10, &bad), EHP_NO_DATE);
			assert_non_null(bad);
		}
	}
	const char *bad;
	assert_int_not_equal(ehp_value_date("2024-02-29", 10, &bad), EHP_NO_DATE);
	assert_null(bad);
}

/* ehp_iso_date, the inline reading of yyyy-mm-dd: every day of the data's
 * years and the days around them, each byte that is no digit where a digit
 * should be, each byte that is no dash where a dash should be: the day,
 * or EHP_NO_DATE (for ehp_value_date to read or refuse). */
static void test_iso_date_inline(void **state)
{
	(void)state;
	for (int y = 1899; y <= 2101; y++) {
		for (int m = 0; m <= 13; m++) {
			for (int d = 0; d <= 32; d++) {
				char iso[40];
				snprintf(iso, sizeof iso, "%04d-%02d-%02d", y, m, d);
				bool in_range = y >= EHP_DATA_FIRST_YEAR && y <= EHP_DATA_LAST_YEAR;
				assert_int_equal(ehp_iso_date(iso), in_range ? ehp_date_from_ymd(y, m, d) : EHP_NO_DATE);
			}
		}
	}
	assert_int_equal(ehp_iso_date("1900-01-01"), ehp_date_from_ymd(1900, 1, 1));
	assert_int_equal(ehp_iso_date("2100-12-31"), ehp_date_from_ymd(2100, 12, 31));
	assert_int_equal(ehp_iso_date("1970-01-01"), 0);
	assert_int_equal(ehp_iso_date("1969-12-31"), -1);
	assert_int_equal(ehp_iso_date("2000-02-29"), ehp_date_from_ymd(2000, 2, 29)); /* 400 years: leap */
	assert_int_equal(ehp_iso_date("1900-02-29"), EHP_NO_DATE); /* 100 years: not */
	assert_int_equal(ehp_iso_date("2100-02-29"), EHP_NO_DATE);
	assert_int_equal(ehp_iso_date("2024-02-29"), ehp_date_from_ymd(2024, 2, 29));
	assert_int_equal(ehp_iso_date("2023-02-29"), EHP_NO_DATE);
	assert_int_equal(ehp_iso_date("2024-04-31"), EHP_NO_DATE);
	for (int k = 0; k < 10; k++) {
		for (int c = 0; c < 256; c++) {
			char iso[] = "2024-02-29";
			bool dash = k == 4 || k == 7;
			if (dash ? c == '-' : c >= '0' && c <= '9')
				continue;
			iso[k] = (char)c;
			assert_int_equal(ehp_iso_date(iso), EHP_NO_DATE);
		}
	}
}

/* ehp_next_semicolon: the first `;` from any start in any length of text
 * (whole words and the bytes after them; a `:` after a `;`, which the
 * zero-byte test's borrow can mark too, and bytes with the top bit set),
 * as a look byte by byte finds it. */
static void test_next_semicolon(void **state)
{
	(void)state;
	static const char alphabet[] = { ';', ':', 'a', 'z', ';', '\x80', '\xbb', ':', '\0', '<' };
	unsigned seed = 99;
	char text[40];
	for (int round = 0; round < 3000; round++) {
		for (size_t i = 0; i < sizeof text; i++) {
			seed = seed * 1103515245u + 12345u;
			text[i] = alphabet[(seed >> 16) % sizeof alphabet];
		}
		for (size_t n = 0; n <= 24; n++) {
			for (size_t from = 0; from <= n; from++) {
				size_t want = from;
				while (want < n && text[want] != ';')
					want++;
				assert_int_equal(ehp_next_semicolon(text, from, n), want);
			}
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dates_with_midnight), cmocka_unit_test(test_dates_refused),
		cmocka_unit_test(test_numbers_as_exported), cmocka_unit_test(test_numbers_refused),
		cmocka_unit_test(test_yes_no),              cmocka_unit_test(test_names_in_any_case),
		cmocka_unit_test(test_quick_forms_agree),   cmocka_unit_test(test_quick_forms_want_digits),
		cmocka_unit_test(test_iso_date_inline),     cmocka_unit_test(test_next_semicolon),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
