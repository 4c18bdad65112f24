/*
 * distance.c - how far a date lies from a point, both ways: the windows
 * `in less than 12 months after entry` and `within 6 months of entry`, and
 * the test `closure at most 24 months before claim` (semantics.md, "Date
 * distances"). Every distance in months goes through the one month rule
 * (ehp_add_months), so 29 February and month ends are exact: less than 12
 * months after 29/02/2024 ends on 27/02/2025, the day before its
 * anniversary.
 */
#include "internal.h"

static const char *const NO_LENGTH = "a period must be at least 1 day, week or month";

static ehp_window missing(const char *why)
{
	return (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, why, 0 };
}

static ehp_window days(ehp_date from, ehp_date to)
{
	return (ehp_window){ from, to, NULL, 0 };
}

/* Why no distance can be counted from p, or NULL. */
static const char *cannot(ehp_point p, int n)
{
	return p.missing ? p.missing : n < 1 ? NO_LENGTH : NULL;
}

ehp_window ehp_window_less_after(const ehp_eval *ev, ehp_point p, int n, ehp_unit u)
{
	(void)ev;
	if (cannot(p, n))
		return missing(cannot(p, n));
	ehp_point end = ehp_point_shift(p, n, u);
	if (end.missing)
		return missing(end.missing);
	return (ehp_window){ p.date, end.date - 1, NULL, u == EHP_MONTHS ? n : 0 };
}

ehp_window ehp_window_around(const ehp_eval *ev, ehp_point p, int n, ehp_unit u)
{
	(void)ev;
	if (cannot(p, n))
		return missing(cannot(p, n));
	ehp_point from = ehp_point_shift(p, -n, u), to = ehp_point_shift(p, n, u);
	if (from.missing)
		return missing(from.missing);
	return days(from.date, to.date);
}

/* The days the anchor may fall on, both ends included, for a distance on
 * one side of base (moved: base moved the n units); an open side is the
 * first or last day a date may be. */
static ehp_window allowed(ehp_date base, ehp_date moved, int side, ehp_gap how)
{
	ehp_date first = ehp_date_from_ymd(1900, 1, 1), last = ehp_date_from_ymd(2200, 12, 31);
	bool before = side < 0;
	switch (how) {
	case EHP_GAP_AT_LEAST: return before ? days(first, moved) : days(moved, last);
	case EHP_GAP_MORE_THAN: return before ? days(first, moved - 1) : days(moved + 1, last);
	case EHP_GAP_AT_MOST: return before ? days(moved, base) : days(base, moved);
	case EHP_GAP_LESS_THAN: return before ? days(moved + 1, base) : days(base, moved - 1);
	case EHP_GAP_WITHIN: break;
	}
	return missing("unknown distance");
}

static const char *anchor_what(ehp_anchor a)
{
	return a == EHP_ENTRY ? "point of entry" : a == EHP_CLOSURE ? "closure" : "claim date";
}

ehp_tv ehp_anchor_distance(ehp_eval *ev, uint32_t test, ehp_anchor a, ehp_point p, int n, ehp_unit u, int side,
                           ehp_gap how)
{
	ehp_point at = ehp_point_at(ev, a);
	ehp_window range;
	if (side == 0 || how == EHP_GAP_WITHIN)
		range = ehp_window_around(ev, p, n, u);
	else if (cannot(p, n))
		range = missing(cannot(p, n));
	else {
		ehp_point moved = ehp_point_shift(p, side < 0 ? -n : n, u);
		range = moved.missing ? missing(moved.missing) : allowed(p.date, moved.date, side, how);
	}
	ehp_evidence *e = ehp_evidence_begin(ev, test, EHP_FAMILY, anchor_what(a), range);
	if (at.missing || range.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, at.missing ? at.missing : range.missing);
	return ehp_evidence_end(e, ehp_tv_of(at.date >= range.from && at.date <= range.to), NULL);
}
