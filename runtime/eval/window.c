/*
 * window.c - the days a window covers. Every window is a pair of inclusive
 * day numbers; semantics.md has the table these functions implement.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "prefetch.h"

static const char *const NOT_CLOSED = "support has not closed";

ehp_date ehp_anchor_date(const ehp_eval *ev, ehp_anchor a)
{
	switch (a) {
	case EHP_ENTRY: return ev->entry_as ? *ev->entry_as : ev->fam->entry;
	case EHP_CLOSURE: return ev->fam->closure;
	case EHP_CLAIM: return ev->claim;
	}
	return EHP_NO_DATE;
}

static ehp_window missing(const char *why)
{
	return (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, why, 0 };
}

/* The evaluator's calendar; England's when it was given none. */
static const ehp_calendar *calendar(const ehp_eval *ev)
{
	return ev->cal ? ev->cal : ehp_calendar_england();
}

static const char *no_anchor(ehp_anchor a)
{
	return a == EHP_CLOSURE ? NOT_CLOSED : a == EHP_ENTRY ? "no point of entry" : "no claim date";
}

ehp_point ehp_point_at(const ehp_eval *ev, ehp_anchor a)
{
	ehp_date d = ehp_anchor_date(ev, a);
	return (ehp_point){ d, d == EHP_NO_DATE ? no_anchor(a) : NULL };
}

ehp_point ehp_point_shift(ehp_point p, int n, ehp_unit u)
{
	if (p.missing)
		return p;
	switch (u) {
	case EHP_DAYS: return (ehp_point){ p.date + n, NULL };
	case EHP_WEEKS: return (ehp_point){ p.date + 7 * n, NULL };
	case EHP_MONTHS: return (ehp_point){ ehp_add_months(p.date, n), NULL };
	case EHP_TERMS: break; /* not a fixed length: the compiler refuses it */
	}
	return (ehp_point){ EHP_NO_DATE, "a date cannot be moved by terms" };
}

/* ehp_add_months, remembered: every member's every row asks for the same
 * few windows around the same few dates, and month arithmetic goes through
 * the calendar. The answer never changes, so the memo needs no resetting. */
static ehp_date add_months(const ehp_eval *ev, ehp_date d, int n)
{
	if (!ev->res || n == 0)
		return ehp_add_months(d, n);
	unsigned slot = ((unsigned)d * 31u + (unsigned)n) & 15u;
	ehp_results *res = ev->res;
	if (res->months[slot].n == n && res->months[slot].date == d)
		return res->months[slot].result;
	ehp_date r = ehp_add_months(d, n);
	res->months[slot].date = d;
	res->months[slot].n = n;
	res->months[slot].result = r;
	return r;
}

/* A length from a parameter may be set to anything with --set. */
static const char *const NO_LENGTH = "a period must be at least 1 day, week, month or term";

static ehp_window window_from_point(const ehp_eval *ev, ehp_date d, int n, ehp_unit u, bool after)
{
	switch (u) {
	case EHP_DAYS: return after ? (ehp_window){ d + 1, d + n, NULL, 0 } : (ehp_window){ d - n + 1, d, NULL, 0 };
	case EHP_WEEKS:
		return after ? (ehp_window){ d + 1, d + 7 * n, NULL, 0 } : (ehp_window){ d - 7 * n + 1, d, NULL, 0 };
	case EHP_MONTHS:
		return after ? (ehp_window){ d + 1, add_months(ev, d, n), NULL, n }
		             : (ehp_window){ add_months(ev, d, -n) + 1, d, NULL, n };
	case EHP_TERMS: return after ? ehp_terms_after(calendar(ev), d, n) : ehp_terms_before(calendar(ev), d, n);
	}
	return missing("unknown unit");
}

/* Windows before or after a day, remembered: every member's every row
 * asks for the same few (the last 12 months before entry, 3 terms ...) in
 * every family, a month or a term goes through the calendar, and an
 * extract's families share their entry dates (a thousand days or so for
 * any number of families). Keyed by everything the window depends on, so
 * the memo needs no resetting between families; one window a slot, found
 * by a hash of the key (a collision just works the window out again). */
#define WINDOW_SLOTS 8192u

struct ehp_window_memo {
	struct {
		ehp_date day;
		int n; /* 0: an empty slot (no window has a length below 1) */
		uint8_t unit;
		bool after;
		const ehp_calendar *cal;
		ehp_window w;
	} slot[WINDOW_SLOTS];
};

static inline unsigned window_slot(ehp_date day, int n, ehp_unit u, bool after)
{
	uint32_t h = (uint32_t)day * 0x9E3779B1u ^ ((uint32_t)n * 4u + (uint32_t)u * 2u + after) * 0x85EBCA77u;
	return (h ^ h >> 15) & (WINDOW_SLOTS - 1);
}

/* A window not remembered yet, worked out and kept in its slot. Out of
 * line, so the usual case, a window remembered, stays a few instructions. */
EHP_NOINLINE static ehp_window remember_window(const ehp_eval *ev, ehp_date day, int n, ehp_unit u, bool after,
                                              unsigned slot)
{
	ehp_results *res = ev->res;
	if (!res->window_memo)
		res->window_memo = ehp_xcalloc(1, sizeof *res->window_memo);
	ehp_window w = window_from_point(ev, day, n, u, after);
	struct ehp_window_memo *m = res->window_memo;
	m->slot[slot].day = day;
	m->slot[slot].n = n;
	m->slot[slot].unit = (uint8_t)u;
	m->slot[slot].after = after;
	m->slot[slot].cal = ev->cal;
	m->slot[slot].w = w;
	return w;
}

static inline ehp_window window_near(const ehp_eval *ev, ehp_point p, int n, ehp_unit u, bool after)
{
	if (p.missing)
		return missing(p.missing);
	if (n < 1)
		return missing(NO_LENGTH);
	if (!ev->res)
		return window_from_point(ev, p.date, n, u, after);
	const struct ehp_window_memo *m = ev->res->window_memo;
	unsigned slot = window_slot(p.date, n, u, after);
	if (m && m->slot[slot].day == p.date && m->slot[slot].n == n && m->slot[slot].unit == u &&
	    m->slot[slot].after == after && m->slot[slot].cal == ev->cal)
		return m->slot[slot].w;
	return remember_window(ev, p.date, n, u, after, slot);
}

ehp_window ehp_window_before_point(const ehp_eval *ev, ehp_point p, int n, ehp_unit u)
{
	return window_near(ev, p, n, u, false);
}

ehp_window ehp_window_after_point(const ehp_eval *ev, ehp_point p, int n, ehp_unit u)
{
	return window_near(ev, p, n, u, true);
}

ehp_window ehp_window_before(const ehp_eval *ev, ehp_anchor a, int n, ehp_unit u)
{
	return ehp_window_before_point(ev, ehp_point_at(ev, a), n, u);
}

ehp_window ehp_window_after(const ehp_eval *ev, ehp_anchor a, int n, ehp_unit u)
{
	return ehp_window_after_point(ev, ehp_point_at(ev, a), n, u);
}

/* Each numbered window by its anchor's day, PLAN_WINDOW_DAYS rows found by
 * the day's low bits, a slot a window in each: an extract's families share
 * their entry dates (a thousand days or so), so a family's first ask of a
 * window nearly always finds it worked out for an earlier family. Rows
 * for 2,048 days: an extract of three years of entries (1,096 days) had
 * 72 days sharing a row with another with 1,024, worked out again as
 * their families took turns. Only the day is compared: the slots are for
 * one plan and calendar (ehp_windows_begin empties them when either
 * changes) and the window's length is its index's. By day, then window: a
 * plan's windows of one anchor are numbered together, so a family's slots
 * are a line or two a row. */
#define PLAN_WINDOW_DAYS 2048u

struct ehp_plan_window_day {
	ehp_date day; /* EHP_NO_DATE: an empty slot */
	ehp_window w;
};

/* Window k as this family has it, while family is ehp_results.windows_family. */
struct ehp_plan_window {
	ehp_window w;
	uint32_t family;
};

/* Whether window d is kept by its anchor's day: one of months or terms,
 * whose arithmetic goes through the calendar. Days and weeks are a sum,
 * cheaper than the slot's line (at a million families seldom in cache). */
static inline bool kept_by_day(const ehp_window_def *d)
{
	return d->unit == EHP_MONTHS || d->unit == EHP_TERMS;
}

static inline struct ehp_plan_window_day *plan_window_day(const ehp_results *res, int k, ehp_date day)
{
	return &res->plan_window_days[((uint32_t)day & (PLAN_WINDOW_DAYS - 1)) * res->n_plan_windows + (size_t)k];
}

void ehp_windows_begin(const ehp_plan *plan, const ehp_calendar *cal, ehp_results *res)
{
	size_t n = plan->windows && plan->n_windows > 0 ? (size_t)plan->n_windows : 0;
	if (res->plan_windows_of != plan || res->plan_windows_cal != cal || !res->plan_windows) {
		free(res->plan_windows);
		free(res->plan_window_days);
		res->plan_windows = ehp_xcalloc(n + 1, sizeof *res->plan_windows); /* family 0: no family's */
		res->plan_window_days = ehp_xmalloc((n + 1) * PLAN_WINDOW_DAYS * sizeof *res->plan_window_days);
		for (size_t i = 0; i < n * PLAN_WINDOW_DAYS; i++)
			res->plan_window_days[i].day = EHP_NO_DATE;
		res->plan_windows_of = plan;
		res->plan_windows_cal = cal;
		res->n_plan_windows = n;
		for (int a = 0; a < EHP_ANCHORS; a++)
			res->window_lo[a] = res->window_hi[a] = -1;
		for (size_t k = 0; k < n; k++) {
			const ehp_window_def *d = &plan->windows[k];
			if (!kept_by_day(d) || (int)d->anchor < 0 || (int)d->anchor >= EHP_ANCHORS)
				continue;
			if (res->window_lo[d->anchor] < 0)
				res->window_lo[d->anchor] = (int)k;
			res->window_hi[d->anchor] = (int)k;
		}
	}
	ehp_windows_moved(res);
}

void ehp_windows_moved(ehp_results *res)
{
	if (++res->windows_family == 0) { /* wrapped: every window could be this family's */
		for (size_t k = 0; k < res->n_plan_windows; k++)
			res->plan_windows[k].family = 0;
		res->windows_family = 1;
	}
}

void ehp_windows_free(ehp_results *res)
{
	free(res->plan_windows);
	free(res->plan_window_days);
}

static ehp_window plan_window(const ehp_eval *ev, const ehp_window_def *d)
{
	return d->after ? ehp_window_after(ev, d->anchor, d->n, d->unit) : ehp_window_before(ev, d->anchor, d->n, d->unit);
}

void ehp_windows_prefetch(const ehp_plan *plan, const ehp_results *res, const ehp_date *anchor_day)
{
	if (res->plan_windows_of != plan || !res->plan_window_days)
		return; /* a plan not begun yet: ehp_windows_begin makes its slots */
	for (int a = 0; a < EHP_ANCHORS; a++) {
		ehp_date day = anchor_day[a];
		if (res->window_lo[a] < 0 || day == EHP_NO_DATE)
			continue;
		/* each line once, counted as addresses: a line's start may lie before the table */
		uintptr_t from = (uintptr_t)plan_window_day(res, res->window_lo[a], day);
		uintptr_t to = (uintptr_t)(plan_window_day(res, res->window_hi[a], day) + 1);
		for (uintptr_t p = from - from % EHP_CACHE_LINE; p < to; p += EHP_CACHE_LINE)
			EHP_PREFETCH((const void *)p);
	}
}

/* Window k's first ask in this family: by its anchor's day, or worked out.
 * Out of line, so the usual case, a window this family asked for already,
 * stays a few instructions. */
EHP_NOINLINE static ehp_window first_plan_window(const ehp_eval *ev, int k)
{
	struct ehp_plan_window *mine = &ev->res->plan_windows[k];
	const ehp_window_def *d = &ev->plan->windows[k];
	ehp_date day = ehp_anchor_date(ev, d->anchor);
	mine->family = ev->res->windows_family;
	if (day == EHP_NO_DATE || d->n < 1) { /* missing: no arithmetic to keep */
		mine->w = plan_window(ev, d);
		return mine->w;
	}
	if (!kept_by_day(d)) {
		mine->w = window_from_point(ev, day, d->n, d->unit, d->after);
		return mine->w;
	}
	struct ehp_plan_window_day *slot = plan_window_day(ev->res, k, day);
	if (slot->day != day) {
		slot->w = window_from_point(ev, day, d->n, d->unit, d->after);
		slot->day = day;
	}
	mine->w = slot->w;
	return mine->w;
}

ehp_window ehp_window_of(const ehp_eval *ev, int k, ehp_anchor a)
{
	(void)a; /* the table's, which ehpc wrote alike */
	const ehp_results *res = ev->res;
	if (!res || (size_t)k >= res->n_plan_windows) /* no family begun in these results (ehp_windows_begin) */
		return plan_window(ev, &ev->plan->windows[k]);
	if (res->plan_windows[k].family == res->windows_family)
		return res->plan_windows[k].w;
	return first_plan_window(ev, k);
}

ehp_window ehp_window_at(const ehp_eval *ev, ehp_anchor a)
{
	ehp_date d = ehp_anchor_date(ev, a);
	if (d == EHP_NO_DATE)
		return missing(no_anchor(a));
	return (ehp_window){ d, d, NULL, 0 };
}

ehp_window ehp_window_span(ehp_window from, ehp_window to)
{
	if (from.missing)
		return from;
	if (to.missing)
		return to;
	if (from.from > to.to)
		return missing("the window ends before it starts");
	return (ehp_window){ from.from, to.to, NULL, 0 };
}

ehp_window ehp_window_span_at(const ehp_eval *ev, ehp_anchor from, ehp_anchor to)
{
	return ehp_window_span(ehp_window_at(ev, from), ehp_window_at(ev, to));
}

ehp_window ehp_window_span_at_of(const ehp_eval *ev, ehp_anchor from, int k, ehp_anchor a)
{
	ehp_window start = ehp_window_at(ev, from);
	if (start.missing) /* as ehp_window_span: the first end's reason */
		return start;
	return ehp_window_span(start, ehp_window_of(ev, k, a));
}

ehp_window ehp_window_ever_before(const ehp_eval *ev, ehp_anchor a)
{
	ehp_point p = ehp_point_at(ev, a);
	if (p.missing)
		return missing(p.missing);
	return (ehp_window){ ehp_date_from_ymd(1900, 1, 1), p.date, NULL, 0 };
}

ehp_window ehp_window_during_support(const ehp_eval *ev)
{
	ehp_date end = ev->fam->closure != EHP_NO_DATE ? ev->fam->closure : ev->claim;
	if (ev->fam->entry == EHP_NO_DATE)
		return missing("no point of entry");
	if (end == EHP_NO_DATE)
		return missing("no claim date");
	if (end < ev->fam->entry)
		return missing("support ends before it starts");
	return (ehp_window){ ev->fam->entry, end, NULL, 0 };
}

/* The span of the subject's latest selected record begun by the claim date:
 * a state from its date to its end (the claim date while it is current, or
 * if it ends later), an event its own day. The latest is the one begun last;
 * of two begun the same day, the one that ends later. */
ehp_window ehp_window_during(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel)
{
	const ehp_family *f = ev->fam;
	const ehp_record *latest = NULL;
	for (int s = 0; s < nsel; s++) {
		size_t lo, hi;
		ehp_type_slice(f, sel[s].type, &lo, &hi);
		for (size_t i = lo; i < hi; i++) {
			const ehp_record *r = &f->records[i];
			if (r->date > ev->claim)
				break; /* sorted by date within the type */
			if (!ehp_record_selected(r, subject, &sel[s]))
				continue;
			if (!latest || r->date > latest->date ||
			    (r->date == latest->date && ehp_record_last_day(r) > ehp_record_last_day(latest)))
				latest = r;
		}
	}
	if (!latest)
		return missing("no such record");
	ehp_date end = ehp_record_last_day(latest);
	return (ehp_window){ latest->date, end > ev->claim ? ev->claim : end, NULL, 0 };
}

ehp_window ehp_window_within(ehp_window a, ehp_window b)
{
	if (a.missing)
		return a;
	if (b.missing)
		return b;
	ehp_date from = a.from > b.from ? a.from : b.from, to = a.to < b.to ? a.to : b.to;
	if (from > to)
		return missing("the two periods do not meet");
	/* Narrowed, it is no longer the whole months it was written as. */
	return (ehp_window){ from, to, NULL, from == a.from && to == a.to ? a.months : 0 };
}
