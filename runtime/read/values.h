/*
 * values.h - the forms a value takes when Excel or a case-management system
 * writes it, read as the data's own: a date with a midnight time, numbers
 * with a pound sign, thousands separators or a percent sign, yes/no words,
 * and vocabulary names in any case. Each gives a reason for what it refuses
 * (never the value itself: it is personal data).
 */
#ifndef EHP_VALUES_H
#define EHP_VALUES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "eval.h"

#define EHP_NOT_A_DATE "not a date (dd/mm/yyyy or yyyy-mm-dd)"
#define EHP_TWO_DIGIT_YEAR "a two-digit year (write the year in full: dd/mm/yyyy)"
#define EHP_NO_SUCH_DAY "no such day (a day or month out of range)"
#define EHP_MONTH_FIRST "no month above 12: a month-first (US) date? dates are read day first"
#define EHP_DATE_WITH_TIME "a date and time: only a date is expected here (a time of 00:00 is allowed)"
/* Every date of the data lies in these years: a date outside them is a
 * mistyped year (2204 for 2024), never a case to judge. */
#define EHP_DATA_FIRST_YEAR 1900
#define EHP_DATA_LAST_YEAR 2100
#define EHP_DATE_OUT_OF_RANGE "outside the years 1900 to 2100 (a mistyped year?)"
_Static_assert(EHP_DATA_FIRST_YEAR == 1900 && EHP_DATA_LAST_YEAR == 2100, "ehp_data_day counts leap years for 1900 to 2100");

/* The months of the data's years, 1900 to 2100, in order: each as its
 * first day's number (days since 1970-01-01) plus EHP_MONTH_BASE_ (to keep
 * it positive), times 32, plus its length in days. Constants: a day costs
 * one load, one compare and an add, no calendar arithmetic. Days before a
 * year: 365 a year and the leap years before it, p / 4 - 15 for p = y - 1
 * and every y from 1901 to 2100 (p / 100 - p / 400 is 19 - 4 or 20 - 5),
 * p / 4 - 14 for 1900; 477 come before 1970. */
#define EHP_MONTH_BASE_ 25567 /* the days from 1900-01-01 to 1970-01-01 */
#define EHP_LEAP_(y) ((y) % 4 == 0 && (y) != 1900 && (y) != 2100)
#define EHP_JAN1_(y) (365 * ((y) - 1970) + ((y) - 1) / 4 - 15 - 477 + ((y) == 1900) + EHP_MONTH_BASE_)
#define EHP_MONTH_(y, before, len) ((EHP_JAN1_(y) + (before)) * 32 + (len))
#define EHP_YEAR_(y) \
	EHP_MONTH_(y, 0, 31), EHP_MONTH_(y, 31, 28 + EHP_LEAP_(y)), EHP_MONTH_(y, 59 + EHP_LEAP_(y), 31), \
	EHP_MONTH_(y, 90 + EHP_LEAP_(y), 30), EHP_MONTH_(y, 120 + EHP_LEAP_(y), 31), \
	EHP_MONTH_(y, 151 + EHP_LEAP_(y), 30), EHP_MONTH_(y, 181 + EHP_LEAP_(y), 31), \
	EHP_MONTH_(y, 212 + EHP_LEAP_(y), 31), EHP_MONTH_(y, 243 + EHP_LEAP_(y), 30), \
	EHP_MONTH_(y, 273 + EHP_LEAP_(y), 31), EHP_MONTH_(y, 304 + EHP_LEAP_(y), 30), \
	EHP_MONTH_(y, 334 + EHP_LEAP_(y), 31)
#define EHP_YEARS_10_(y) EHP_YEAR_(y), EHP_YEAR_(y + 1), EHP_YEAR_(y + 2), EHP_YEAR_(y + 3), EHP_YEAR_(y + 4), \
                         EHP_YEAR_(y + 5), EHP_YEAR_(y + 6), EHP_YEAR_(y + 7), EHP_YEAR_(y + 8), EHP_YEAR_(y + 9)
#define EHP_YEARS_100_(y) EHP_YEARS_10_(y), EHP_YEARS_10_(y + 10), EHP_YEARS_10_(y + 20), EHP_YEARS_10_(y + 30), \
                          EHP_YEARS_10_(y + 40), EHP_YEARS_10_(y + 50), EHP_YEARS_10_(y + 60), \
                          EHP_YEARS_10_(y + 70), EHP_YEARS_10_(y + 80), EHP_YEARS_10_(y + 90)
extern const uint32_t ehp_data_months[(EHP_DATA_LAST_YEAR - EHP_DATA_FIRST_YEAR + 1) * 12];

/* y-m-d, digits already read: its day number, or EHP_NO_DATE when there is
 * no such day in the data's years. The same day as ehp_date_from_ymd (a
 * unit test compares every day of those years) without its general
 * calendar arithmetic or its checks made again. */
static inline ehp_date ehp_data_day(unsigned y, unsigned m, unsigned d)
{
	unsigned yi = y - EHP_DATA_FIRST_YEAR;
	if (yi > EHP_DATA_LAST_YEAR - EHP_DATA_FIRST_YEAR || m - 1 > 11)
		return EHP_NO_DATE;
	uint32_t month = ehp_data_months[yi * 12 + m - 1];
	if (d - 1 >= (month & 31)) /* d of 0 wraps */
		return EHP_NO_DATE;
	return (ehp_date)(month >> 5) - EHP_MONTH_BASE_ + (ehp_date)d - 1;
}

/* The 10 bytes at s as yyyy-mm-dd, a day of the data's years: its day
 * number; anything else (another form, no such day) EHP_NO_DATE, for
 * ehp_value_date to read or refuse. One load of 8 bytes and one of 2:
 * less '0' (and '-' where the dashes are), every byte of both must be 0
 * to 9 and the dashes' 0. A byte below what is taken from it wraps to 0xD0
 * or more, one above '9' reaches 0x10 once 6 is added: either sets a bit
 * of 0xF0 (a borrow only comes from a byte that fails itself). */
static inline ehp_date ehp_iso_date(const char *s)
{
#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t w;
	uint16_t dd;
	memcpy(&w, s, 8); /* yyyy-mm- (s[0] the lowest byte) */
	memcpy(&dd, s + 8, 2);
	uint64_t v = w - 0x2D30302D30303030u;
	uint32_t e = (uint32_t)dd - 0x3030u;
	if (((v | (v + 0x0606060606060606u)) & 0xF0F0F0F0F0F0F0F0u) | (v & 0xFF0000FF00000000u) |
	    ((e | (e + 0x0606u)) & 0xF0F0u))
		return EHP_NO_DATE;
	/* every byte times 10 plus the next, by one multiply of the word (each
	 * byte at most 99, no carry): the year's two pairs at bytes 0 and 2,
	 * the month at byte 5 (its digits at 5 and 6), then the year */
	uint64_t pairs = v * 10 + (v >> 8);
	unsigned y = (unsigned)(pairs & 0xFF) * 100 + (unsigned)(pairs >> 16 & 0xFF);
	unsigned m = (unsigned)(pairs >> 40 & 0xFF);
	unsigned d = (e & 0xFF) * 10 + (e >> 8 & 0xFF);
	return ehp_data_day(y, m, d);
#else
	(void)s;
	return EHP_NO_DATE; /* ehp_value_date reads it */
#endif
}

/* A date cell (trimmed): yyyy-mm-dd or dd/mm/yyyy (dd-mm-yyyy, one-digit
 * day and month too), optionally followed by a time of midnight as Excel
 * and SQL exports write it (` 00:00`, ` 00:00:00`, `T00:00:00`,
 * ` 00:00:00.000`). Empty: EHP_NO_DATE with *bad NULL. Refused: EHP_NO_DATE
 * with *bad one of the reasons above. */
ehp_date ehp_value_date(const char *s, size_t n, const char **bad);

/* What a number field takes besides plain decimals. Thousands separators
 * (`1,200`, well grouped) are always read. */
enum { EHP_NUM_POUNDS = 1, EHP_NUM_PERCENT = 2 };
#define EHP_NOT_A_NUMBER "not a number"
#define EHP_PERCENT_NOT_HERE "a percentage where a number is expected"
#define EHP_POUNDS_NOT_HERE "a sum of money where a number is expected"
/* A number cell (trimmed): 1 with *out (NAN when empty) and *percent set
 * when it ended in `%`; 0 with *bad the reason. allow: EHP_NUM_POUNDS lets
 * a `£` (UTF-8 or Windows-1252) lead, EHP_NUM_PERCENT lets a `%` end it. */
int ehp_value_number(const char *s, size_t n, unsigned allow, double *out, bool *percent, const char **bad);

/* A yes/no cell: Yes/No, Y/N, True/False, 1/0 in any case: 1 yes, 0 no (an
 * empty cell too: nothing recorded), -1 anything else. */
int ehp_value_yes_no(const char *s, size_t n);
#define EHP_NOT_YES_NO "not yes or no (Yes/No, Y/N, TRUE/FALSE, 1/0)"

/* Vocabulary names as data writes them (`Offence`, `DOMESTIC`): case
 * ignored. A plan names them exactly; the data need not. -1 if unknown. */
int ehp_data_type(const char *s, size_t n);
int ehp_data_detail(const char *s, size_t n);
int ehp_data_flag(const char *s, size_t n);

/* isspace in the C locale, without a call: cells are trimmed of it. */
static inline bool ehp_blank(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r');
}

/* The first `;` in s[from, n), or n: 8 bytes at a time while 8 are left
 * (a byte that is `;` is a zero byte once xored with it; the lowest byte
 * the zero-byte test marks is the first), then one by one. */
static inline size_t ehp_next_semicolon(const char *s, size_t from, size_t n)
{
	size_t b = from;
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	const uint64_t ones = 0x0101010101010101u;
	for (; n - b >= 8; b += 8) {
		uint64_t w;
		memcpy(&w, s + b, 8);
		uint64_t x = w ^ (';' * ones);
		uint64_t zero = (x - ones) & ~x & 0x80 * ones;
		if (zero)
			return b + (size_t)(__builtin_ctzll(zero) >> 3);
	}
#endif
	while (b < n && s[b] != ';')
		b++;
	return b;
}

/* The next `;`-separated item of a list cell (`parent; carer`) from *i,
 * its spaces trimmed (*len 0 for an empty one): false at the end. */
bool ehp_next_item(const char *s, size_t n, size_t *i, const char **item, size_t *len);

#endif
