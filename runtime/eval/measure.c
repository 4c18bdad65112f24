/*
 * measure.c - figures measured from records (count, sum, rate, optionally
 * per day/week/month), comparisons of them, changes between two windows,
 * and assessment scores. Comparisons are exact on the figures as recorded,
 * allowing only for floating-point noise far below anything a plan writes.
 */
#include <math.h>
#include "internal.h"

/* So 100 * 900 / 1000 is 90 whatever the rounding, while 89.9 stays below. */
#define EPS 1e-9

/* A measure divided by the window's length in the unit `per`; -1 (or any
 * value that is not EHP_DAYS, EHP_WEEKS or EHP_MONTHS) leaves it raw. A
 * window written in months is that many months, whatever their days: "the
 * last 3 months" against "the previous 6" is a third against a sixth
 * whether the 3 are January to March or July to September. */
static double per_unit(double v, ehp_window w, int per)
{
	double days = (double)w.to - (double)w.from + 1;
	switch (per) {
	case EHP_DAYS: return v / days;
	case EHP_WEEKS: return v / (days / 7);
	case EHP_MONTHS: return w.months > 0 ? v / w.months : v / (days / (365.25 / 12));
	default: return v;
	}
}

static double measure(ehp_eval *ev, uint32_t test, ehp_measure m, int subject, const ehp_sel *sel, int nsel,
                      ehp_window w, int per, ehp_evidence **out)
{
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, ehp_sel_name(sel, nsel), w,
	                                          m == EHP_M_COUNT ? EHP_K_COUNT : m == EHP_M_SUM ? EHP_K_SUM : EHP_K_RATE);
	*out = e;
	if (e && m != EHP_M_RATE && (per == EHP_DAYS || per == EHP_WEEKS || per == EHP_MONTHS))
		e->per = (int8_t)per;
	if (w.missing)
		return NAN;
	ehp_tally t = { .keep = e ? ev->trace : NULL };
	/* Without evidence, a subject with none of the selection's types (most
	 * measures of most families) has nothing to walk. */
	for (int s = e || !ehp_subject_lacks(ev, subject, sel, nsel) ? 0 : nsel; s < nsel; s++) {
		/* one selector at a time: `plus` ones add no totals */
		ehp_visit_fn visit = sel[s].value_only ? ehp_tally_value : ehp_tally_add;
		if (!e && subject != EHP_GROUP) /* no places to keep: the sums in the scan's loop */
			ehp_scan_tally(ev, subject, &sel[s], w.from, w.to, &t);
		else if (subject == EHP_GROUP) /* a group taken together: its members' records (together.c) */
			ehp_scan_group(ev, &sel[s], 1, w.from, w.to, visit, &t);
		else
			ehp_scan(ev, subject, &sel[s], 1, w.from, w.to, visit, &t);
	}
	ehp_evidence_lines(e, &t);
	double v;
	switch (m) {
	case EHP_M_COUNT: v = per_unit(t.n, w, per); break;
	case EHP_M_SUM: v = per_unit(t.value, w, per); break;
	default: /* a rate is already a proportion: never per unit */
		v = t.with_total && t.total > 0 ? 100.0 * t.value / t.total : NAN;
		break;
	}
	if (e) {
		e->measured = v;
		if (isnan(v))
			e->reason = t.n ? "the records give no total to divide by" : "no record to measure a rate from";
	}
	return v;
}

double ehp_measure_in(ehp_eval *ev, uint32_t test, ehp_measure m, int subject,
                      const ehp_sel *sel, int nsel, ehp_window w, int per)
{
	ehp_evidence *e;
	double v = measure(ev, test, m, subject, sel, nsel, w, per, &e);
	/* ehp_compare, called next with this figure, completes this item. */
	ev->measured_to = w.missing ? EHP_NO_DATE : w.to;
	ev->measured_item = e ? (size_t)(e - ev->trace->items) + 1 : 0;
	ev->measured_rate = m == EHP_M_RATE;
	return v;
}

bool ehp_holds(double a, ehp_op op, double b)
{
	switch (op) {
	case EHP_OP_LT: return a < b - EPS;
	case EHP_OP_LE: return a <= b + EPS;
	case EHP_OP_GT: return a > b + EPS;
	case EHP_OP_GE: return a >= b - EPS;
	case EHP_OP_EQ: return fabs(a - b) <= EPS;
	}
	return false;
}

ehp_tv ehp_compare(ehp_eval *ev, uint32_t test, double measured, ehp_op op, double threshold)
{
	ehp_date to = ev->measured_to;
	size_t item = ev->measured_item;
	bool rate = ev->measured_rate;
	ev->measured_to = EHP_NO_DATE;
	ev->measured_item = 0;
	ev->measured_rate = false;
	const char *figure = ev->res ? ev->res->figure : NULL;
	if (ev->res)
		ev->res->figure = NULL;
	ehp_evidence *e = NULL;
	if (ev->trace) {
		if (item && item <= ev->trace->n) {
			e = &ev->trace->items[item - 1]; /* the measure's own item */
		} else { /* a figure from the verdicts, such as themes met */
			e = ehp_evidence_begin_kind(ev, test, EHP_FAMILY, figure ? figure : "compare",
			                            (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, NULL, 0 },
			                            EHP_K_FIGURE);
			e->measured = measured;
		}
		e->threshold = threshold;
		e->op = op;
	}
	if (isnan(measured))
		return ehp_evidence_end(e, EHP_UNKNOWN, e && e->reason ? NULL : "could not be measured");
	bool ok = ehp_holds(measured, op, threshold);
	/* In a window not over by the claim date, records still to come can only
	 * raise a count or a sum, so "at most N" cannot be known yet; a rate they
	 * can move either way, so no comparison of it can. */
	bool open = to != EHP_NO_DATE && to > ev->claim;
	if (open && (rate || (ok && (op == EHP_OP_LT || op == EHP_OP_LE || op == EHP_OP_EQ))))
		return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
	return ehp_evidence_end(e, ehp_tv_of(ok), NULL);
}

/* ------------------------------------------------------------ change */

static const char *change_name(ehp_direction dir, bool points)
{
	if (dir == EHP_FALLS)
		return points ? "fall in points" : "fall in percent";
	return points ? "rise in points" : "rise in percent";
}

/* Leaves three evidence items: the measure in each window, then the change;
 * all three carry the change's verdict. The change must be `op` threshold:
 * at least P, or (a plain `falls`) more than 0 points. */
static ehp_tv change_by(ehp_eval *ev, uint32_t test, ehp_measure m, int subject, const ehp_sel *sel, int nsel,
                        int per, ehp_window a, ehp_window b, ehp_direction dir, bool points, ehp_op op,
                        double threshold)
{
	ehp_evidence *ea, *eb;
	double before = measure(ev, test, m, subject, sel, nsel, a, per, &ea);
	size_t ia = ea ? (size_t)(ea - ev->trace->items) : 0;
	double after = measure(ev, test, m, subject, sel, nsel, b, per, &eb);
	size_t ib = eb ? (size_t)(eb - ev->trace->items) : 0;
	ehp_window span = { a.from, b.to, a.missing ? a.missing : b.missing, 0 };
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, change_name(dir, points), span, EHP_K_CHANGE);
	if (e) {
		e->threshold = threshold;
		e->op = op;
	}
	ehp_tv v;
	const char *why = NULL;
	double change = NAN;
	if (a.missing || b.missing) {
		v = EHP_UNKNOWN;
	} else if (b.to > ev->claim) {
		v = EHP_UNKNOWN, why = EHP_NOT_YET;
	} else if (isnan(before) || isnan(after)) {
		v = EHP_UNKNOWN, why = "could not be measured";
	} else if (!points && before == 0) {
		v = EHP_UNKNOWN, why = "a relative change from zero cannot be measured";
	} else {
		double diff = dir == EHP_FALLS ? before - after : after - before;
		change = points ? diff : 100.0 * diff / before;
		v = ehp_tv_of(ehp_holds(change, op, threshold));
	}
	if (e) { /* the trace may have moved while growing: index, not pointer */
		e->measured = change;
		ev->trace->items[ia].result = v;
		ev->trace->items[ib].result = v;
	}
	return ehp_evidence_end(e, v, why);
}

ehp_tv ehp_change(ehp_eval *ev, uint32_t test, ehp_measure m, int subject,
                  const ehp_sel *sel, int nsel, int per, ehp_window a, ehp_window b,
                  ehp_direction dir, bool points, double threshold)
{
	return change_by(ev, test, m, subject, sel, nsel, per, a, b, dir, points, EHP_OP_GE, threshold);
}

ehp_tv ehp_change_any(ehp_eval *ev, uint32_t test, ehp_measure m, int subject,
                      const ehp_sel *sel, int nsel, int per, ehp_window a, ehp_window b, ehp_direction dir)
{
	return change_by(ev, test, m, subject, sel, nsel, per, a, b, dir, true, EHP_OP_GT, 0);
}

/* ------------------------------------------------------------ scores */

/* The first score against the latest by the end of w; with a gap (gap_n >
 * 0), against the latest dated at least that long after the first. */
static ehp_tv score_vs_first(ehp_eval *ev, uint32_t test, int subject, int tool, ehp_direction dir, ehp_window w,
                             int gap_n, ehp_unit gap_u)
{
	const char *what = tool >= 0 && tool < EHP_N_DETAILS ? ehp_detail_names[tool] : "score";
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, subject, what, w, EHP_K_SCORE);
	if (e)
		e->op = dir == EHP_RISES ? EHP_OP_GT : EHP_OP_LT;
	if (w.missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	const ehp_family *f = ev->fam;
	const ehp_record *first = NULL, *latest = NULL;
	uint32_t n = 0;
	ehp_date far_enough = EHP_NO_DATE; /* with a gap: the first day a second score counts */
	ehp_sel sel = { EHP_T_assessment, (int16_t)tool, NULL, false, NULL };
	size_t lo, hi;
	ehp_type_slice(f, EHP_T_assessment, &lo, &hi);
	for (size_t i = lo; i < hi; i++) {
		const ehp_record *r = &f->records[i];
		if (r->date > w.to)
			break;
		if (isnan(r->score) || !ehp_record_selected(r, subject, &sel))
			continue;
		if (!first) {
			first = r;
			if (gap_n > 0)
				far_enough = ehp_point_shift((ehp_point){ r->date, NULL }, gap_n, gap_u).date;
		}
		if (gap_n <= 0 || r == first || r->date >= far_enough)
			latest = r;
		n++;
	}
	if (e) { /* the lines cited: the first score, and the latest when it is another */
		e->n_lines = first ? 1 : 0;
		if (first) {
			e->lines[0] = ehp_cite_of(first);
			e->threshold = first->score;
		}
		if (latest && latest != first) {
			e->lines[1] = ehp_cite_of(latest);
			e->measured = latest->score;
			e->n_lines = 2;
		}
	}
	if (w.to > ev->claim) /* a later assessment may still come */
		return ehp_evidence_end(e, EHP_UNKNOWN, EHP_NOT_YET);
	if (!first || first == latest)
		return ehp_evidence_end(e, EHP_FALSE, gap_n > 0 && n > 1 ? "no later score far enough after the first"
		                                                          : "fewer than two scores recorded");
	bool ok = dir == EHP_RISES ? latest->score > first->score : latest->score < first->score;
	return ehp_evidence_end(e, ehp_tv_of(ok), NULL);
}

ehp_tv ehp_score(ehp_eval *ev, uint32_t test, int subject, int tool, ehp_direction dir, ehp_window w)
{
	return score_vs_first(ev, test, subject, tool, dir, w, 0, EHP_DAYS);
}

ehp_tv ehp_score_over(ehp_eval *ev, uint32_t test, int subject, int tool, ehp_direction dir, ehp_window w, int n,
                      ehp_unit u)
{
	return score_vs_first(ev, test, subject, tool, dir, w, n < 1 ? 1 : n, u);
}
