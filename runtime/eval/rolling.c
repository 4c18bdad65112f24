/*
 * rolling.c - the busiest stretch of a fixed length inside a window: "less
 * than 5 police call-outs ... in a rolling 6 month period" (Wiltshire 5a).
 *
 * The busiest stretch can always be taken to start on the day of one of
 * its records (slide it later until its first record is its first day), or
 * to be the last stretch of the window (when that slide would run past the
 * window's end). So only those stretches are counted: one per record, each
 * a binary search (ehp_scan), nothing allocated.
 */
#include <math.h>
#include <string.h>
#include "internal.h"

typedef struct {
	ehp_eval *ev;
	int subject;
	const ehp_sel *sel;
	int nsel, n;
	ehp_unit unit;
	ehp_window w;
	ehp_tally best;      /* the busiest stretch so far */
	ehp_date best_from, best_to;
	ehp_trace *keep;     /* with a trace: the best stretch's lines past the fourth are kept in
	                        keep->more from `base`, every other stretch's dropped */
	size_t base;
} rolling;

/* The last day of the stretch of n units that starts on `from`. */
static ehp_date stretch_end(ehp_date from, int n, ehp_unit u)
{
	switch (u) {
	case EHP_DAYS: return from + n - 1;
	case EHP_WEEKS: return from + 7 * n - 1;
	default: return ehp_add_months(from, n) - 1;
	}
}

/* The first day of the stretch of n units that ends on `to`. */
static ehp_date stretch_start(ehp_date to, int n, ehp_unit u)
{
	switch (u) {
	case EHP_DAYS: return to - n + 1;
	case EHP_WEEKS: return to - 7 * n + 1;
	default: return ehp_add_months(to, -n) + 1;
	}
}

static void count_stretch(rolling *r, ehp_date from, ehp_date to)
{
	ehp_tally t = { .keep = r->keep };
	size_t mark = r->keep ? r->keep->n_more : 0;
	ehp_scan(r->ev, r->subject, r->sel, r->nsel, from, to, ehp_tally_add, &t);
	bool best = t.n > r->best.n || r->best_from == EHP_NO_DATE;
	if (r->keep) { /* keep->more: [base, mark) the best so far, then this stretch's */
		size_t mine = r->keep->n_more - mark;
		if (best && mine)
			memmove(r->keep->more + r->base, r->keep->more + mark, mine * sizeof *r->keep->more);
		if (best)
			t.more = (uint32_t)r->base;
		r->keep->n_more = best ? r->base + mine : mark;
	}
	if (best) {
		r->best = t;
		r->best_from = from;
		r->best_to = to;
	}
}

/* visit: the stretch starting on this record's first day in the window. */
static bool from_record(const ehp_record *rec, void *ctx)
{
	rolling *r = ctx;
	ehp_date from = rec->date > r->w.from ? rec->date : r->w.from;
	ehp_date to = stretch_end(from, r->n, r->unit);
	if (to <= r->w.to)
		count_stretch(r, from, to);
	return true;
}

double ehp_count_rolling(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, int n, ehp_unit u,
                         ehp_window w)
{
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w, EHP_K_ROLLING);
	ev->measured_to = w.missing ? EHP_NO_DATE : w.to;
	ev->measured_item = e ? (size_t)(e - ev->trace->items) + 1 : 0;
	ev->measured_rate = false;
	if (w.missing || u == EHP_TERMS || n < 1) {
		if (e && !w.missing)
			e->reason = "a rolling period is a fixed number of days, weeks or months";
		return NAN;
	}
	rolling r = { ev, subject, sel, nsel, n, u, w, { 0 }, EHP_NO_DATE, EHP_NO_DATE, e ? ev->trace : NULL,
		      e ? ev->trace->n_more : 0 };
	ehp_date last_start = stretch_start(w.to, n, u);
	if (last_start < w.from) {
		count_stretch(&r, w.from, w.to); /* the window is shorter than one stretch */
	} else {
		ehp_scan(ev, subject, sel, nsel, w.from, w.to, from_record, &r);
		count_stretch(&r, last_start, w.to);
	}
	if (e) {
		ehp_evidence_lines(e, &r.best);
		e->measured = r.best.n;
		e->from = r.best_from; /* the busiest stretch, not the whole window */
		e->to = r.best_to;
	}
	return r.best.n;
}
