/*
 * date.c - calendar dates as day numbers (days since 1970-01-01, proleptic
 * Gregorian), so that windows are integer ranges. Month arithmetic clamps to
 * the end of the month; semantics.md states the rule and tests pin it.
 */
#include <ctype.h>
#include <string.h>
#include "buf.h"
#include "internal.h"

#define MIN_YEAR 1900
#define MAX_YEAR 2200

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int len[12] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	return m == 2 && is_leap(y) ? 29 : len[m - 1];
}

/* Days from 1970-01-01 to y-m-d, counting in 400-year eras that start on
 * 1 March so that the leap day is the last day of its year. */
static ehp_date days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;                                 /* [0, 399] */
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1; /* [0, 365] */
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;         /* [0, 146096] */
	return era * 146097 + doe - 719468;
}

ehp_date ehp_date_from_ymd(int year, int month, int day)
{
	if (year < MIN_YEAR || year > MAX_YEAR || month < 1 || month > 12 || day < 1 ||
	    day > days_in_month(year, month))
		return EHP_NO_DATE;
	return days_from_civil(year, month, day);
}

/* Days from 0001-01-01 to 9999-12-31: every day a date of the data can be
 * moved to. The day numbers ehp_date_to_ymd converts fast. */
#define FAST_FIRST (-719162)
#define FAST_LAST 2932896

/* Neri and Schneider's conversion ("Euclidean affine functions and their
 * application to calendar algorithms", 2022): unsigned 32-bit arithmetic,
 * its divisions by constants multiplications, no branch. Counts from
 * 1 March of a year 400 * 82 years back, so every day in range is positive. */
static void civil_fast(ehp_date date, int *year, int *month, int *day)
{
	const uint32_t shift = 82, k = 719468 + 146097 * shift, l = 400 * shift;
	uint32_t n = (uint32_t)((int64_t)date + k);
	uint32_t n1 = 4 * n + 3;
	uint32_t c = n1 / 146097, nc = n1 % 146097 / 4;      /* century, day of it */
	uint32_t n2 = 4 * nc + 3;
	uint64_t p2 = (uint64_t)2939745 * n2;
	uint32_t z = (uint32_t)(p2 >> 32), ny = (uint32_t)p2 / 2939745 / 4; /* year of it, day of that */
	uint32_t n3 = 2141 * ny + 197913;
	uint32_t m = n3 >> 16, d = (n3 & 0xffff) / 2141;
	uint32_t jan_feb = ny >= 306;
	*year = (int)(100 * c + z + jan_feb) - (int)l;
	*month = (int)(jan_feb ? m - 12 : m);
	*day = (int)d + 1;
}

void ehp_date_to_ymd(ehp_date date, int *year, int *month, int *day)
{
	if (date == EHP_NO_DATE || date == EHP_FOREVER) { /* no calendar day: zeros, never overflow */
		*year = *month = *day = 0;
		return;
	}
	if (date >= FAST_FIRST && date <= FAST_LAST) {
		civil_fast(date, year, month, day);
		return;
	}
	int64_t z = (int64_t)date + 719468; /* 64-bit: any day number is safe */
	int64_t era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = (int)(z - era * 146097);                                /* [0, 146096] */
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365; /* [0, 399] */
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);               /* [0, 365] */
	int mp = (5 * doy + 2) / 153;                                    /* March = 0 */
	*day = doy - (153 * mp + 2) / 5 + 1;
	*month = mp < 10 ? mp + 3 : mp - 9;
	*year = (int)(yoe + era * 400 + (*month <= 2));
}

/* Reads 1..max digits at s[*i]; -1 if there are none. */
static int digits(const char *s, size_t len, size_t *i, int max)
{
	int v = 0, n = 0;
	while (*i < len && n < max && isdigit((unsigned char)s[*i])) {
		v = v * 10 + (s[*i] - '0');
		(*i)++;
		n++;
	}
	return n ? v : -1;
}

ehp_date ehp_date_parse(const char *s, size_t len)
{
	int year;
	return ehp_date_read(s, len, &year);
}

ehp_date ehp_date_read(const char *s, size_t len, int *year)
{
	size_t i = 0;
	*year = -1;
	int a = digits(s, len, &i, 4);
	size_t first = i;
	if (a < 0 || i >= len)
		return EHP_NO_DATE;
	char sep = s[i++];
	if (first == 4 && sep == '-') { /* yyyy-mm-dd */
		size_t m0 = i;
		int m = digits(s, len, &i, 2);
		if (m < 0 || i - m0 != 2 || i >= len || s[i++] != '-')
			return EHP_NO_DATE;
		size_t d0 = i;
		int d = digits(s, len, &i, 2);
		if (d < 0 || i - d0 != 2 || i != len)
			return EHP_NO_DATE;
		*year = a;
		return ehp_date_from_ymd(a, m, d);
	}
	if (first > 2 || (sep != '/' && sep != '-')) /* dd/mm/yyyy or dd-mm-yyyy */
		return EHP_NO_DATE;
	int m = digits(s, len, &i, 2);
	if (m < 0 || i >= len || s[i++] != sep)
		return EHP_NO_DATE;
	size_t y0 = i;
	int y = digits(s, len, &i, 4);
	if (y < 0 || i - y0 != 4 || i != len)
		return EHP_NO_DATE;
	*year = y;
	return ehp_date_from_ymd(y, m, a);
}

void ehp_date_format(ehp_date d, char buf[11])
{
	int y, m, dd;
	ehp_date_to_ymd(d, &y, &m, &dd);
	if (y < 0 || y > 9999 || d == EHP_NO_DATE || d == EHP_FOREVER) {
		buf[0] = '-';
		buf[1] = '\0';
		return;
	}
	/* Fixed width: four-digit years only (checked above); two digits at a
	 * time from buf.h's table, as every row of outcomes.csv has dates. */
	memcpy(buf, ehp_buf_digits + 2 * (y / 100), 2);
	memcpy(buf + 2, ehp_buf_digits + 2 * (y % 100), 2);
	buf[4] = '-';
	memcpy(buf + 5, ehp_buf_digits + 2 * m, 2);
	buf[7] = '-';
	memcpy(buf + 8, ehp_buf_digits + 2 * dd, 2);
	buf[10] = '\0';
}

ehp_date ehp_add_months(ehp_date d, int months)
{
	if (d == EHP_NO_DATE || d == EHP_FOREVER)
		return d;
	int y, m, day;
	ehp_date_to_ymd(d, &y, &m, &day);
	int total = y * 12 + (m - 1) + months;
	y = total / 12;
	m = total % 12 + 1;
	int last = days_in_month(y, m);
	return days_from_civil(y, m, day > last ? last : day);
}

int ehp_age_on(ehp_date born, ehp_date on)
{
	if (on == EHP_NO_DATE || on == EHP_FOREVER)
		return -1; /* unknown: fails every age range a plan can write */
	int y, m, d;
	ehp_date_to_ymd(on, &y, &m, &d);
	return ehp_age_on_ymd(born, y, m, d);
}

int ehp_age_on_ymd(ehp_date born, int y, int m, int d)
{
	if (born == EHP_NO_DATE || born == EHP_FOREVER)
		return -1;
	int by, bm, bd;
	ehp_date_to_ymd(born, &by, &bm, &bd);
	int age = y - by;
	/* The birthday this year, clamped as add_months does (29 Feb -> 28 Feb). */
	int bday = bd > days_in_month(y, bm) ? days_in_month(y, bm) : bd;
	if (m < bm || (m == bm && d < bday))
		age--;
	return age;
}

int ehp_weekday(ehp_date d)
{
	/* 1970-01-01 was a Thursday (4). */
	int r = (int)(((int64_t)d + 3) % 7);
	if (r < 0)
		r += 7;
	return r + 1;
}
