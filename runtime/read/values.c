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

/* The day number of y-m-d, a day known to exist, in the data's years
 * (1900 to 2100): days before the year, then before the month from a
 * table; the same day as ehp_date_from_ymd gives (a unit test compares
 * every day of those years) without its general calendar arithmetic or its
 * checks made again. The leap years before y, p / 4 - p / 100 + p / 400
 * for p = y - 1, are p / 4 - 15 for every y from 1901 to 2100 (p / 100 - p /
 * 400 is 19 - 4 or 20 - 5), and p / 4 - 14 for 1900; 477 come before 1970. */
static inline ehp_date data_day(unsigned y, unsigned m, unsigned d, bool leap)
{
	static const unsigned short before[2][12] = {
		{ 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334 },
		{ 0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335 },
	};
	int leaps = (int)((y - 1) >> 2) - 15 - 477 + (y == 1900);
	return 365 * ((int)y - 1970) + leaps + (int)before[leap][m - 1] + (int)d - 1;
}

/* y-m-d, digits already checked: its day number, or EHP_NO_DATE when no
 * such day is in the data's years. */
static inline ehp_date checked_day(unsigned y, unsigned m, unsigned d)
{
	static const unsigned char len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	_Static_assert(EHP_DATA_FIRST_YEAR == 1900 && EHP_DATA_LAST_YEAR == 2100, "data_day counts leap years for 1900 to 2100");
	if (y < EHP_DATA_FIRST_YEAR || y > EHP_DATA_LAST_YEAR || m - 1 > 11 || !d)
		return EHP_NO_DATE;
	bool leap = !(y & 3) && y != 1900 && y != 2100;
	if (d > len[m - 1] + (unsigned)(leap && m == 2))
		return EHP_NO_DATE;
	return data_day(y, m, d, leap);
}

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
/* Each byte of w less '0' where mask has 0xFF (the others 0); *ok when
 * all of them are ASCII digits: no byte of the answer, nor of it plus 6,
 * reaches 0x10. A byte above '9' reaches it once 6 is added; one below '0'
 * wraps to 0xD0 or more. Carries and borrows between bytes come only from
 * a byte that fails itself. */
static inline uint64_t digits_less_zero(uint64_t w, uint64_t mask, bool *ok)
{
	uint64_t v = (w & mask) - (0x3030303030303030u & mask);
	*ok = !((v | (v + (0x0606060606060606u & mask))) & 0xF0F0F0F0F0F0F0F0u);
	return v;
}

/* yyyy-mm-dd (its separators already seen) read as two words of 8 bytes,
 * s[0..7] and s[2..9], its digits checked at once: the form of most dates
 * of most exports. */
static ehp_date iso_date(const char *s)
{
	uint64_t a, b;
	memcpy(&a, s, 8);     /* yyyy-mm- (little-end first: s[0] lowest) */
	memcpy(&b, s + 2, 8); /* yy-mm-dd: its last two bytes the day */
	bool ok_a, ok_b;
	uint64_t va = digits_less_zero(a, 0x00FFFF00FFFFFFFFu, &ok_a);
	uint64_t vb = digits_less_zero(b, 0xFFFF000000000000u, &ok_b);
	if (!ok_a || !ok_b)
		return EHP_NO_DATE;
	unsigned y = (unsigned)(va & 0xFF) * 1000 + (unsigned)(va >> 8 & 0xFF) * 100 + (unsigned)(va >> 16 & 0xFF) * 10 +
	             (unsigned)(va >> 24 & 0xFF);
	unsigned m = (unsigned)(va >> 40 & 0xFF) * 10 + (unsigned)(va >> 48 & 0xFF);
	unsigned d = (unsigned)(vb >> 48 & 0xFF) * 10 + (unsigned)(vb >> 56);
	return checked_day(y, m, d);
}
#else
static ehp_date iso_date(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i != 4 && i != 7 && digit(s[i]) > 9)
			return EHP_NO_DATE;
	return checked_day(digit(s[0]) * 1000 + digit(s[1]) * 100 + digit(s[2]) * 10 + digit(s[3]),
	                   digit(s[5]) * 10 + digit(s[6]), digit(s[8]) * 10 + digit(s[9]));
}
#endif

/* yyyy-mm-dd or dd/mm/yyyy, the forms nearly every export writes, a good
 * date in the data's years: its day number at once; anything else
 * EHP_NO_DATE, for the full reading below (which also says what is wrong). */
static ehp_date plain_date(const char *s)
{
	unsigned y, m, d;
	if (s[4] == '-' && s[7] == '-')
		return iso_date(s);
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
	return checked_day(y, m, d);
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
	size_t a = *i, b = a;
	while (b < n && s[b] != ';')
		b++;
	*i = b + 1;
	while (a < b && ehp_blank(s[a]))
		a++;
	while (b > a && ehp_blank(s[b - 1]))
		b--;
	*item = s + a;
	*len = b - a;
	return true;
}
