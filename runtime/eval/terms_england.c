/*
 * terms_england.c - the default school calendar: three terms a year for the
 * academic years 2015/16 to 2030/31.
 *
 * These are typical English dates, not any one council's: autumn from the
 * first Monday of September to the Friday on or before 20 December, spring
 * from the first Monday on or after 4 January to the Friday on or before
 * 31 March, summer from the Monday on or after 14 April to the Friday on or
 * before 22 July. A council loads its own dates with `--terms FILE`.
 */
#include "eval.h"

/* Day numbers are computed at compile time from y, m, d (days_from_civil). */
#define Y(y, m) ((y) - ((m) <= 2))
#define ERA(y, m) ((Y(y, m) >= 0 ? Y(y, m) : Y(y, m) - 399) / 400)
#define YOE(y, m) (Y(y, m) - ERA(y, m) * 400)
#define DOY(m, d) ((153 * ((m) + ((m) > 2 ? -3 : 9)) + 2) / 5 + (d) - 1)
#define DOE(y, m, d) (YOE(y, m) * 365 + YOE(y, m) / 4 - YOE(y, m) / 100 + DOY(m, d))
#define DAY(y, m, d) (ERA(y, m) * 146097 + DOE(y, m, d) - 719468)
#define TERM(y0, m0, d0, y1, m1, d1) { DAY(y0, m0, d0), DAY(y1, m1, d1) }

static const ehp_term england[] = {
	/* 2015/16 */
	TERM(2015, 9, 7, 2015, 12, 18),
	TERM(2016, 1, 4, 2016, 3, 25),
	TERM(2016, 4, 18, 2016, 7, 22),
	/* 2016/17 */
	TERM(2016, 9, 5, 2016, 12, 16),
	TERM(2017, 1, 9, 2017, 3, 31),
	TERM(2017, 4, 17, 2017, 7, 21),
	/* 2017/18 */
	TERM(2017, 9, 4, 2017, 12, 15),
	TERM(2018, 1, 8, 2018, 3, 30),
	TERM(2018, 4, 16, 2018, 7, 20),
	/* 2018/19 */
	TERM(2018, 9, 3, 2018, 12, 14),
	TERM(2019, 1, 7, 2019, 3, 29),
	TERM(2019, 4, 15, 2019, 7, 19),
	/* 2019/20 */
	TERM(2019, 9, 2, 2019, 12, 20),
	TERM(2020, 1, 6, 2020, 3, 27),
	TERM(2020, 4, 20, 2020, 7, 17),
	/* 2020/21 */
	TERM(2020, 9, 7, 2020, 12, 18),
	TERM(2021, 1, 4, 2021, 3, 26),
	TERM(2021, 4, 19, 2021, 7, 16),
	/* 2021/22 */
	TERM(2021, 9, 6, 2021, 12, 17),
	TERM(2022, 1, 10, 2022, 3, 25),
	TERM(2022, 4, 18, 2022, 7, 22),
	/* 2022/23 */
	TERM(2022, 9, 5, 2022, 12, 16),
	TERM(2023, 1, 9, 2023, 3, 31),
	TERM(2023, 4, 17, 2023, 7, 21),
	/* 2023/24 */
	TERM(2023, 9, 4, 2023, 12, 15),
	TERM(2024, 1, 8, 2024, 3, 29),
	TERM(2024, 4, 15, 2024, 7, 19),
	/* 2024/25 */
	TERM(2024, 9, 2, 2024, 12, 20),
	TERM(2025, 1, 6, 2025, 3, 28),
	TERM(2025, 4, 14, 2025, 7, 18),
	/* 2025/26 */
	TERM(2025, 9, 1, 2025, 12, 19),
	TERM(2026, 1, 5, 2026, 3, 27),
	TERM(2026, 4, 20, 2026, 7, 17),
	/* 2026/27 */
	TERM(2026, 9, 7, 2026, 12, 18),
	TERM(2027, 1, 4, 2027, 3, 26),
	TERM(2027, 4, 19, 2027, 7, 16),
	/* 2027/28 */
	TERM(2027, 9, 6, 2027, 12, 17),
	TERM(2028, 1, 10, 2028, 3, 31),
	TERM(2028, 4, 17, 2028, 7, 21),
	/* 2028/29 */
	TERM(2028, 9, 4, 2028, 12, 15),
	TERM(2029, 1, 8, 2029, 3, 30),
	TERM(2029, 4, 16, 2029, 7, 20),
	/* 2029/30 */
	TERM(2029, 9, 3, 2029, 12, 14),
	TERM(2030, 1, 7, 2030, 3, 29),
	TERM(2030, 4, 15, 2030, 7, 19),
	/* 2030/31 */
	TERM(2030, 9, 2, 2030, 12, 20),
	TERM(2031, 1, 6, 2031, 3, 28),
	TERM(2031, 4, 14, 2031, 7, 18),
};

static const ehp_calendar england_calendar = {
	(ehp_term *)england, sizeof england / sizeof *england, false
};

const ehp_calendar *ehp_calendar_england(void)
{
	return &england_calendar;
}
