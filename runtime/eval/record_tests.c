/*
 * record_tests.c - the yes/no record tests: any, none, throughout and
 * "for K of N weeks". Each looks only at its types' slices of the family
 * (ehp_scan) and, with a trace, leaves one evidence item saying what it saw.
 */
#include <math.h>
#include "internal.h"

/* ------------------------------------------------------------ presence */

/* `starting`: only records begun in the window pass on to the tally. */
typedef struct {
	ehp_date from;
	ehp_visit_fn visit;
	void *ctx;
} begun_filter;

static bool begun_in_window(const ehp_record *r, void *ctx)
{
	begun_filter *b = ctx;
	return r->date < b->from ? true : b->visit(r, b->ctx);
}

/* Finds the selection in w: all of it when evidence is kept (to count and
 * cite it), else just the first record; with `starting`, only records whose
 * first day lies in w. */
static ehp_tally find_records(ehp_eval *ev, ehp_evidence *e, int subject, const ehp_sel *sel, int nsel, ehp_window w,
                              bool starting)
{
	ehp_tally t = { .keep = e ? ev->trace : NULL };
	begun_filter b = { w.from, e ? ehp_tally_add : ehp_tally_first, &t };
	if (starting)
		ehp_scan(ev, subject, sel, nsel, w.from, w.to, begun_in_window, &b);
	else
		ehp_scan(ev, subject, sel, nsel, w.from, w.to, b.visit, &t);
	ehp_evidence_lines(e, &t);
	if (e)
		e->measured = t.n;
	return t;
}

static ehp_tally find(ehp_eval *ev, ehp_evidence *e, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	return find_records(ev, e, subject, sel, nsel, w, false);
}

/* With a trace: how many records a presence or absence test found, kept
 * on its item e; none, and no scan, when the family has no record of the
 * selection's types (most tests of most families). */
static inline uint32_t count_found(ehp_eval *ev, ehp_evidence *e, int subject, const ehp_sel *sel, int nsel,
                                   ehp_window w, bool starting)
{
	if (ehp_lacks_types(ev->fam, sel, nsel)) {
		e->measured = 0;
		return 0;
	}
	return find_records(ev, e, subject, sel, nsel, w, starting).n;
}

static inline ehp_tv presence(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w,
                       bool starting)
{
	if (!ev->trace) /* nothing to count or cite: whether there is one */
		return w.missing                                  ? EHP_UNKNOWN
		       : ehp_subject_lacks(ev, subject, sel, nsel) ? EHP_FALSE
		       : ehp_scan_any(ev, subject, sel, nsel, w.from, w.to, starting) ? EHP_TRUE : EHP_FALSE;
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w, EHP_K_ANY);
	if (w.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	uint32_t n = count_found(ev, e, subject, sel, nsel, w, starting);
	return ehp_evidence_end(e, n ? EHP_TRUE : EHP_FALSE, n ? NULL : ehp_reason_none_found);
}

/* An absence: judged only once the window is over by the claim date. */
static inline ehp_tv absence(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w,
                      bool starting)
{
	if (!ev->trace) { /* as below, without the evidence */
		if (w.missing)
			return EHP_UNKNOWN;
		if (!ehp_subject_lacks(ev, subject, sel, nsel) && ehp_scan_any(ev, subject, sel, nsel, w.from, w.to, starting))
			return EHP_FALSE;
		return w.to > ev->claim ? EHP_UNKNOWN : EHP_TRUE;
	}
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w, EHP_K_NONE);
	if (w.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	if (count_found(ev, e, subject, sel, nsel, w, starting))
		return ehp_evidence_end(e, EHP_FALSE, NULL);
	if (w.to > ev->claim)
		return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
	return ehp_evidence_end(e, EHP_TRUE, NULL);
}

ehp_tv ehp_any(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	return presence(ev, test, subject, sel, nsel, w, false);
}

ehp_tv ehp_none(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	return absence(ev, test, subject, sel, nsel, w, false);
}

ehp_tv ehp_any_starting(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	return presence(ev, test, subject, sel, nsel, w, true);
}

ehp_tv ehp_none_starting(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	return absence(ev, test, subject, sel, nsel, w, true);
}

/* ------------------------------------------------------------ throughout */

/* The days covered without a gap from the window's start: `covered` is the
 * last of them. A record extends it when it starts no later than the next
 * day and ends after it. */
typedef struct {
	ehp_date covered;
	bool grew;
	ehp_tally t; /* the records that extended the cover */
} cover;

static bool extend_cover(const ehp_record *r, void *ctx)
{
	cover *c = ctx;
	ehp_date end = ehp_record_last_day(r);
	if ((int64_t)r->date <= (int64_t)c->covered + 1 && end > c->covered) {
		c->covered = end;
		c->grew = true;
		ehp_tally_line(&c->t, ehp_cite_of(r));
	}
	return true;
}

ehp_tv ehp_throughout(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w, EHP_K_THROUGHOUT);
	if (w.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	cover c = { .covered = w.from - 1, .t.keep = e ? ev->trace : NULL };
	/* Records come in date order within a type, so one pass covers a single
	 * selector; several selectors' records interleave, so pass again while
	 * the cover still grows. */
	do {
		c.grew = false;
		ehp_scan(ev, subject, sel, nsel, w.from, w.to, extend_cover, &c);
	} while (c.grew && c.covered < w.to && nsel > 1);
	ehp_evidence_lines(e, &c.t);
	if (e) /* days covered from the start before the first gap */
		e->measured = (double)(c.covered < w.to ? c.covered : w.to) - w.from + 1;
	if (c.covered >= w.to) {
		if (w.to > ev->claim) /* a state is only known to the claim date */
			return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
		return ehp_evidence_end(e, EHP_TRUE, NULL);
	}
	if (c.covered + 1 > ev->claim) /* the gap starts after the claim date */
		return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
	return ehp_evidence_end(e, EHP_FALSE, "a day of the window is not covered");
}

/* ------------------------------------------------------------ weeks */

enum { MAX_WEEKS = 1024 }; /* N in "K of N weeks"; ~20 years */

/* What makes one week count: the selection present (or absent), or the
 * total of its values in the week compared with a threshold. */
typedef struct {
	bool by_sum;
	bool want_present;
	ehp_op op;
	double threshold;
} week_test;

static bool week_passes(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, ehp_date monday,
                        const week_test *wt)
{
	ehp_tally t = { 0 };
	if (!wt->by_sum) {
		ehp_scan(ev, subject, sel, nsel, monday, monday + 6, ehp_tally_first, &t);
		return wt->want_present ? t.n > 0 : t.n == 0;
	}
	ehp_scan(ev, subject, sel, nsel, monday, monday + 6, ehp_tally_value, &t);
	return ehp_holds(t.value, wt->op, wt->threshold);
}

/* For a subject with no record of the selection's types
 * (ehp_subject_lacks), whether each week passes, the same for
 * every week as week_passes would find it; -1 when the subject may have
 * records. A stand-in class's "K of N weeks" over a long window asked a
 * scan of every week. */
static int empty_week_passes(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, const week_test *wt)
{
	if (!ehp_subject_lacks(ev, subject, sel, nsel))
		return -1;
	if (!wt->by_sum)
		return !wt->want_present;
	return ehp_holds(0, wt->op, wt->threshold); /* an empty tally's value */
}

static ehp_tv weeks(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, const week_test *wt,
                    int k, int n, ehp_window w)
{
	/* A week counted by its total has no words of its own yet: its figures. */
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w,
	                                          wt->by_sum         ? EHP_K_OTHER
	                                          : wt->want_present ? EHP_K_WEEKS_WITH
	                                                             : EHP_K_WEEKS_WITHOUT);
	if (e) {
		e->threshold = k;
		e->op = EHP_OP_GE;
	}
	if (w.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	if (n < 1 || n > MAX_WEEKS || k < 1 || k > n)
		return ehp_evidence_end(e, EHP_UNKNOWN, "weeks out of range");
	/* ring[i % n]: whether week i passed; `good` counts passes among the
	 * last n weeks, so any run of n consecutive weeks is checked. */
	bool ring[MAX_WEEKS];
	int good = 0, best = 0, nweeks = 0;
	bool unknown_tail = false;
	ehp_date monday = w.from + (8 - ehp_weekday(w.from)) % 7; /* first Monday in the window */
	int empty = empty_week_passes(ev, subject, sel, nsel, wt);
	if (empty == 0) { /* no week passes: the loop below, counted */
		int64_t last = w.to < ev->claim ? w.to : ev->claim; /* the weeks judged end by both */
		int64_t judged = last - 6 >= monday ? (last - 6 - monday) / 7 + 1 : 0;
		nweeks = judged < n ? (int)judged : n; /* only compared with n below */
		unknown_tail = monday + 7 * judged + 6 <= w.to; /* the next week ends after the claim date */
	}
	for (int64_t d = monday; empty != 0 && d + 6 <= w.to; d += 7) {
		if (d + 6 > ev->claim) { /* weeks not over by the claim date */
			unknown_tail = true;
			break;
		}
		bool ok = empty > 0 || week_passes(ev, subject, sel, nsel, (ehp_date)d, wt);
		if (nweeks >= n && ring[nweeks % n])
			good--;
		ring[nweeks % n] = ok;
		good += ok;
		nweeks++;
		if (good > best)
			best = good;
		if (nweeks >= n && good >= k) {
			if (e)
				e->measured = good;
			return ehp_evidence_end(e, EHP_TRUE, NULL);
		}
	}
	if (e)
		e->measured = best;
	if (unknown_tail)
		return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
	return ehp_evidence_end(e, EHP_FALSE, nweeks < n ? "the window has too few whole weeks" : NULL);
}

ehp_tv ehp_weeks(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel,
                 bool want_present, int k, int n, ehp_window w)
{
	week_test wt = { .want_present = want_present };
	return weeks(ev, test, subject, sel, nsel, &wt, k, n, w);
}

ehp_tv ehp_weeks_sum(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, ehp_op op,
                     double threshold, int k, int n, ehp_window w)
{
	week_test wt = { .by_sum = true, .op = op, .threshold = threshold };
	return weeks(ev, test, subject, sel, nsel, &wt, k, n, w);
}

/* ------------------------------------------------------------ after another record */

/* visit: keeps the earliest record seen (selectors' records interleave). */
static bool earliest(const ehp_record *r, void *ctx)
{
	const ehp_record **first = ctx;
	if (!*first || r->date < (*first)->date)
		*first = r;
	return true;
}

ehp_tv ehp_any_after(ehp_eval *ev, uint32_t test, int subject, const ehp_sel *sel, int nsel, int n, ehp_unit u,
                     const ehp_sel *after, int nafter)
{
	const ehp_record *first = NULL;
	if (ev->claim != EHP_NO_DATE)
		ehp_scan(ev, subject, after, nafter, ehp_date_from_ymd(1900, 1, 1), ev->claim, earliest, &first);
	ehp_window w = { EHP_NO_DATE, EHP_NO_DATE, ev->claim == EHP_NO_DATE ? "no claim date" : NULL, 0 };
	if (!w.missing && !first)
		w.missing = "no record to count from";
	if (!w.missing) {
		w.from = ehp_point_shift((ehp_point){ first->date, NULL }, n, u).date;
		w.to = ev->claim;
		if (w.from > w.to)
			w.missing = "the claim date comes before then";
	}
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w, EHP_K_AFTER);
	if (w.missing) /* nothing to count from, or not yet long enough after it: no such record (yet) */
		return ehp_evidence_end(e, EHP_FALSE, NULL);
	ehp_tally t = find(ev, e, subject, sel, nsel, w);
	return ehp_evidence_end(e, t.n ? EHP_TRUE : EHP_FALSE, t.n ? NULL : ehp_reason_none_found);
}
