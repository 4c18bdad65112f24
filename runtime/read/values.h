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

/* The next `;`-separated item of a list cell (`parent; carer`) from *i,
 * its spaces trimmed (*len 0 for an empty one): false at the end. */
bool ehp_next_item(const char *s, size_t n, size_t *i, const char **item, size_t *len);

#endif
