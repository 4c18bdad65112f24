/*
 * values.c - values as exports write them (values.h).
 */
#include <ctype.h>
#include <math.h>
#include <string.h>
#include "internal.h"
#include "load.h"
#include "values.h"

/* ------------------------------------------------------------ dates */

const uint32_t ehp_data_months[(EHP_DATA_LAST_YEAR - EHP_DATA_FIRST_YEAR + 1) * 12] = {
	EHP_YEARS_100_(1900), EHP_YEARS_100_(2000), EHP_YEAR_(2100)
};

static inline unsigned digit(char c)
{
	return (unsigned)(c - '0');
}

static size_t run_of_digits(const char *s, size_t n, size_t i)
{
	size_t j = i;
	while (j < n && isdigit((unsigned char)s[j]))
		j++;
	return j - i;
}

/* The length of the date part: up to a space or `T` that starts a time. */
static size_t date_part(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == ' ' || (s[i] == 'T' && i == 10))
			return i;
	return n;
}

/* A time after the date: -1 not a time, 0 midnight, 1 another time.
 * hh:mm, hh:mm:ss or hh:mm:ss.fff, hours of one or two digits. */
static int time_part(const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && s[i] == ' ')
		i++;
	bool zero = true;
	int parts = 0;
	for (int k = 0; k < 3 && i < n; k++, parts++) {
		size_t d = run_of_digits(s, n, i);
		if (!d || d > 2 || (k && d != 2))
			return -1;
		for (size_t j = i; j < i + d; j++)
			zero &= s[j] == '0';
		i += d;
		if (i < n && s[i] == ':' && k < 2) {
			i++;
		} else {
			parts++;
			break;
		}
	}
	if (parts < 2)
		return -1;
	if (i < n && s[i] == '.') {
		size_t d = run_of_digits(s, n, ++i);
		if (!d)
			return -1;
		for (size_t j = i; j < i + d; j++)
			zero &= s[j] == '0';
		i += d;
	}
	if (i < n && s[i] == 'Z')
		i++;
	return i == n && n ? !zero : -1;
}

/* Why a date part that ehp_date_read refused is not a date. */
static const char *why_not_a_date(const char *s, size_t n)
{
	size_t a = run_of_digits(s, n, 0);
	if (!a || a > 2 || a >= n || (s[a] != '/' && s[a] != '-'))
		return EHP_NOT_A_DATE;
	size_t b = run_of_digits(s, n, a + 1);
	size_t at = a + 1 + b;
	if (!b || b > 2 || at >= n || s[at] != s[a])
		return EHP_NOT_A_DATE;
	size_t c = run_of_digits(s, n, at + 1);
	if (at + 1 + c != n)
		return EHP_NOT_A_DATE;
	if (c == 2)
		return EHP_TWO_DIGIT_YEAR;
	if (c != 4)
		return EHP_NOT_A_DATE;
	int day = 0, month = 0;
	for (size_t i = 0; i < a; i++)
		day = day * 10 + (s[i] - '0');
	for (size_t i = a + 1; i < at; i++)
		month = month * 10 + (s[i] - '0');
	if (month > 12 && day <= 12)
		return EHP_MONTH_FIRST;
	return EHP_NO_SUCH_DAY;
}

/* yyyy-mm-dd or dd/mm/yyyy, the forms nearly every export writes, a good
 * date in the data's years: its day number at once; anything else
 * EHP_NO_DATE, for the full reading below (which also says what is wrong). */
static ehp_date plain_date(const char *s)
{
	unsigned y, m, d;
	if (s[4] == '-' && s[7] == '-')
		return ehp_iso_date(s);
	if (s[2] == '/' && s[5] == '/') {
		if (digit(s[0]) > 9 || digit(s[1]) > 9 || digit(s[3]) > 9 || digit(s[4]) > 9 || digit(s[6]) > 9 ||
		    digit(s[7]) > 9 || digit(s[8]) > 9 || digit(s[9]) > 9)
			return EHP_NO_DATE;
		d = digit(s[0]) * 10 + digit(s[1]);
		m = digit(s[3]) * 10 + digit(s[4]);
		y = digit(s[6]) * 1000 + digit(s[7]) * 100 + digit(s[8]) * 10 + digit(s[9]);
	} else {
		return EHP_NO_DATE;
	}
	return ehp_data_day(y, m, d);
}

/* Every form ehp_value_date takes, and why the others are refused: kept
 * out of line, so that the quick forms' path saves no registers for it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static ehp_date date_in_full(const char *s, size_t n, const char **bad)
{
	if (!n)
		return EHP_NO_DATE;
	size_t d = date_part(s, n);
	if (d < n) {
		int t = time_part(s + d + 1, n - d - 1);
		if (t < 0) {
			*bad = EHP_NOT_A_DATE;
			return EHP_NO_DATE;
		}
		ehp_date day = ehp_value_date(s, d, bad);
		if (!*bad && t > 0)
			*bad = EHP_DATE_WITH_TIME;
		return *bad ? EHP_NO_DATE : day;
	}
	int year;
	ehp_date day = ehp_date_read(s, n, &year);
	if (year >= 0 && (year < EHP_DATA_FIRST_YEAR || year > EHP_DATA_LAST_YEAR)) {
		*bad = EHP_DATE_OUT_OF_RANGE;
		return EHP_NO_DATE;
	}
	if (day == EHP_NO_DATE) {
		const char *why = why_not_a_date(s, n);
		/* 2024-02-30: shaped as a date, with no such day */
		*bad = year >= 0 && !strcmp(why, EHP_NOT_A_DATE) ? EHP_NO_SUCH_DAY : why;
	}
	return day;
}

ehp_date ehp_value_date(const char *s, size_t n, const char **bad)
{
	*bad = NULL;
	if (n == 10) {
		ehp_date day = plain_date(s);
		if (day != EHP_NO_DATE)
			return day;
	}
	return date_in_full(s, n, bad);
}

/* ------------------------------------------------------------ numbers */

/* `£` as UTF-8 (C2 A3) or Windows-1252 (A3): its length at s, or 0. */
static size_t pound_sign(const char *s, size_t n)
{
	if (n >= 2 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA3)
		return 2;
	return n >= 1 && (unsigned char)s[0] == 0xA3;
}

/* Copies the digits of `1,234,567.5` without their separators into out
 * (cap bytes): false when a separator is misplaced (`1,2`, `,100`). */
static bool drop_separators(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
	size_t int_end = 0;
	while (int_end < n && (isdigit((unsigned char)s[int_end]) || s[int_end] == ','))
		int_end++;
	size_t group = 0, o = 0;
	bool seen_comma = false;
	for (size_t i = 0; i < n; i++) {
		if (o + 1 >= cap)
			return false;
		if (s[i] == ',') {
			if (i >= int_end || !i || (seen_comma ? group != 3 : group > 3))
				return false;
			seen_comma = true;
			group = 0;
			continue;
		}
		if (i < int_end)
			group++;
		out[o++] = s[i];
	}
	if (seen_comma && group != 3)
		return false;
	*len = o;
	return true;
}

/* [-+]digits[.digits] of at most 15 digits, as most figures are: true with
 * its value. The digits as a whole number are exact in a double, and so is
 * a power of ten up to 10^22, so one division rounds as strtod does
 * (Clinger's fast path). Anything else is read in full below. */
static inline bool plain_number(const char *s, size_t n, double *out)
{
	static const double ten[] = { 1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15 };
	size_t i = 0;
	bool minus = false;
	if (n && (s[0] == '-' || s[0] == '+')) {
		minus = s[0] == '-';
		i++;
	}
	uint64_t whole = 0;
	size_t digits = 0, decimals = 0;
	bool point = false;
	for (; i < n; i++) {
		unsigned d = digit(s[i]);
		if (d <= 9) {
			whole = whole * 10 + d;
			digits++;
			decimals += point;
		} else if (s[i] == '.' && !point && digits) {
			point = true;
		} else {
			return false;
		}
	}
	if (!digits || digits > 15 || (point && !decimals))
		return false;
	double v = (double)whole / ten[decimals];
	*out = minus ? -v : v;
	return true;
}

/* Every form ehp_value_number takes, and why the others are refused: out
 * of line, as date_in_full. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int number_in_full(const char *s, size_t n, unsigned allow, double *out, bool *percent, const char **bad)
{
	*out = NAN;
	if (!n)
		return 1;
	char buf[64];
	size_t o = 0;
	if (*s == '-' || *s == '+') {
		buf[o++] = *s++;
		n--;
	}
	size_t p = pound_sign(s, n);
	if (p) {
		if (!(allow & EHP_NUM_POUNDS)) {
			*bad = EHP_POUNDS_NOT_HERE;
			return 0;
		}
		s += p;
		n -= p;
	}
	if (n && s[n - 1] == '%') {
		if (!(allow & EHP_NUM_PERCENT) || p) {
			*bad = p ? EHP_NOT_A_NUMBER : EHP_PERCENT_NOT_HERE;
			return 0;
		}
		*percent = true;
		n--;
	}
	size_t len;
	if (!n || !drop_separators(s, n, buf + o, sizeof buf - o, &len) || !ehp_parse_number(buf, o + len, out) ||
	    isnan(*out)) {
		*bad = EHP_NOT_A_NUMBER;
		*out = NAN;
		return 0;
	}
	return 1;
}

int ehp_value_number(const char *s, size_t n, unsigned allow, double *out, bool *percent, const char **bad)
{
	*percent = false;
	*bad = NULL;
	if (plain_number(s, n, out))
		return 1;
	return number_in_full(s, n, allow, out, percent, bad);
}

/* ------------------------------------------------------------ yes/no */

static bool word_is(const char *s, size_t n, const char *w)
{
	if (strlen(w) != n)
		return false;
	for (size_t i = 0; i < n; i++)
		if (tolower((unsigned char)s[i]) != w[i])
			return false;
	return true;
}

int ehp_value_yes_no(const char *s, size_t n)
{
	static const char *const yes[] = { "yes", "y", "true", "1" }, *const no[] = { "no", "n", "false", "0", "" };
	for (size_t i = 0; i < sizeof yes / sizeof *yes; i++)
		if (word_is(s, n, yes[i]))
			return 1;
	for (size_t i = 0; i < sizeof no / sizeof *no; i++)
		if (word_is(s, n, no[i]))
			return 0;
	return -1;
}

/* ------------------------------------------------------------ names */

/* Longer than any name of the vocabulary (vocab.c asserts 256 for types). */
enum { NAME_MAX_LEN = 256 };

typedef int (*lookup_fn)(const char *s, size_t n);

static int folded(lookup_fn look, const char *s, size_t n)
{
	char low[NAME_MAX_LEN];
	if (n >= sizeof low)
		return -1;
	for (size_t i = 0; i < n; i++) /* ASCII: the vocabulary's names are */
		low[i] = s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
	return look(low, n);
}

int ehp_data_type(const char *s, size_t n) { return folded(ehp_type_lookup, s, n); }
int ehp_data_detail(const char *s, size_t n) { return folded(ehp_detail_lookup, s, n); }
int ehp_data_flag(const char *s, size_t n) { return folded(ehp_flag_lookup, s, n); }

bool ehp_next_item(const char *s, size_t n, size_t *i, const char **item, size_t *len)
{
	if (*i >= n)
		return false;
	size_t a = *i, b = ehp_next_semicolon(s, a, n);
	*i = b + 1;
	while (a < b && ehp_blank(s[a]))
		a++;
	while (b > a && ehp_blank(s[b - 1]))
		b--;
	*item = s + a;
	*len = b - a;
	return true;
}
