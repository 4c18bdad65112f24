/*
 * rejudge.c - indicators judged again as at a later date, for the family
 * rules that look past the point of entry:
 *
 *   no indicator newly met at claim     Medway: "no regression for any
 *       headline area, even when not present at the outset"
 *   every indicator met at closure has an outcome achieved
 *       2022 framework: every need, "including needs that emerge during
 *       support", shows its outcome
 *
 * Judging again means running each indicator's own rule with the point of
 * entry moved to that date (ehp_eval.entry_as): "12 months before entry"
 * becomes the 12 months before it, cohorts take ages on it. The verdicts go
 * to res->again; the evidence of a pair is kept only when it decides
 * something (a need met then that was not met at entry), so an auditor
 * reads why the rule failed without a second copy of every indicator.
 */
#include <stdio.h>
#include "internal.h"

static bool met_at_entry(const ehp_results *res, int ind, int subject)
{
	for (size_t v = res->ind_start[ind]; v < res->ind_start[ind + 1]; v++)
		if (res->ind[v].subject == subject)
			return res->ind[v].met == EHP_TRUE;
	return false;
}

static void judge_pair(ehp_eval *ev, int i, int subject)
{
	ehp_results *res = ev->res;
	size_t from = ehp_trace_mark(ev);
	ehp_tv exempt;
	ehp_tv v = ehp_judge_indicator(ev, i, subject, &exempt);
	/* As at entry, a need that cannot be judged (no data) is not a need. */
	if (v != EHP_TRUE || met_at_entry(res, i, subject)) {
		if (ev->trace)
			ev->trace->n = from; /* decides nothing here: keep the trace short */
		return;
	}
	res->again = ehp_reserve(res->again, &res->cap_again, res->n_again + 1, sizeof *res->again);
	res->again[res->n_again++] = (ehp_ind_verdict){ i, subject, v, exempt, from, ehp_trace_mark(ev) };
}

/* Fills res->again with the (indicator, subject) pairs met as at `at` and
 * not met at entry. */
static void judge_again(ehp_eval *ev, ehp_date at)
{
	const ehp_plan *plan = ev->plan;
	ev->res->n_again = 0;
	const ehp_date *saved = ev->entry_as;
	ev->entry_as = &at;
	ehp_windows_moved(ev->res); /* `before entry` is before `at` now */
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		if (d->scope != EHP_SCOPE_PERSON) {
			judge_pair(ev, i, d->scope == EHP_SCOPE_HOUSEHOLD ? EHP_HOUSEHOLD : EHP_FAMILY);
			continue;
		}
		for (size_t p = 0; p < ev->fam->n_people; p++)
			if (ehp_in_cohort(ev, d->who, (int)p))
				judge_pair(ev, i, (int)p);
	}
	ev->entry_as = saved;
	ehp_windows_moved(ev->res);
}

static const char *anchor_word(ehp_anchor a)
{
	return a == EHP_CLAIM ? "the claim date" : a == EHP_CLOSURE ? "closure" : "entry";
}

/* Starts the rule's summary item; false (and the answer in *v) when the
 * date to judge at cannot be known. */
static bool begin(ehp_eval *ev, uint32_t test, ehp_anchor a, const char *what, ehp_evidence **e, ehp_tv *v)
{
	ehp_point at = ehp_point_at(ev, a);
	*e = NULL;
	if (at.missing) {
		*e = ehp_rule_evidence(ev, test, what);
		if (*e)
			(*e)->result = EHP_UNKNOWN, (*e)->reason = at.missing;
		*v = EHP_UNKNOWN;
		return false;
	}
	judge_again(ev, at.date);
	*e = ehp_rule_evidence(ev, test, what);
	if (*e)
		(*e)->from = (*e)->to = at.date;
	return true;
}

ehp_tv ehp_newly_met_none(ehp_eval *ev, uint32_t test, ehp_anchor a)
{
	ehp_evidence *e;
	ehp_tv v;
	if (!begin(ev, test, a, "no indicator newly met", &e, &v))
		return v;
	const ehp_results *res = ev->res;
	v = EHP_TRUE;
	const ehp_ind_verdict *first = NULL;
	for (size_t i = 0; i < res->n_again; i++) {
		const ehp_ind_verdict *iv = &res->again[i];
		v = ehp_and(v, ehp_not(iv->met));
		if (iv->met == EHP_TRUE && !first)
			first = iv;
	}
	if (first)
		snprintf(ev->res->rule_reason, sizeof ev->res->rule_reason, "%s newly met for %s at %s",
		         ev->plan->indicators[first->indicator].id, ehp_subject_name(ev->fam, first->subject), anchor_word(a));
	if (e) {
		e = &ev->trace->items[ev->trace->n - 1]; /* the trace may have moved */
		e->measured = (double)res->n_again;
		e->result = v;
		if (first)
			e->reason = "a need not present at entry is met";
	}
	return v;
}

static bool judged_for(const ehp_results *res, int outcome, int subject)
{
	for (size_t k = 0; k < res->n_out; k++)
		if (res->out[k].outcome == outcome && res->out[k].subject == subject)
			return true;
	return false;
}

/* Whether some outcome serving the pair's indicator is achieved for it,
 * judging outcomes now that were not judged for it (no one met any of their
 * indicators at entry, or this member met none of them). */
static ehp_tv answered(ehp_eval *ev, const ehp_ind_verdict *iv)
{
	if (iv->exempt == EHP_TRUE || ehp_resolved(ev, iv))
		return EHP_TRUE;
	const ehp_plan *plan = ev->plan;
	ehp_tv any = EHP_FALSE;
	for (int o = 0; o < plan->n_outcomes && any != EHP_TRUE; o++) {
		const ehp_outcome_def *d = &plan->outcomes[o];
		if (!ehp_serves(d, iv->indicator) || d->supplementary)
			continue;
		if (d->scope != EHP_SCOPE_PERSON) {
			int subject = d->scope == EHP_SCOPE_HOUSEHOLD ? EHP_HOUSEHOLD : EHP_FAMILY;
			if (!judged_for(ev->res, o, subject)) /* else judged, not achieved (ehp_resolved) */
				any = ehp_or(any, d->when(ev, subject));
			continue;
		}
		if (iv->subject < 0) { /* a household need: any member's outcome answers it */
			for (size_t p = 0; p < ev->fam->n_people && any != EHP_TRUE; p++)
				if (!judged_for(ev->res, o, (int)p) && ehp_in_cohort(ev, d->who, (int)p))
					any = ehp_or(any, d->when(ev, (int)p));
			continue;
		}
		if (!judged_for(ev->res, o, iv->subject) && ehp_in_cohort(ev, d->who, iv->subject))
			any = ehp_or(any, d->when(ev, iv->subject));
	}
	return any;
}

ehp_tv ehp_all_resolved_at(ehp_eval *ev, uint32_t test, ehp_anchor a)
{
	ehp_evidence *e;
	ehp_tv v;
	if (!begin(ev, test, a, "every indicator met at this date has an outcome achieved", &e, &v))
		return v;
	size_t item = e ? ev->trace->n : 0;
	v = ehp_all_resolved(ev, test); /* the needs met at entry */
	const ehp_ind_verdict *open = NULL; /* the first need not answered: FALSE before UNKNOWN */
	ehp_tv open_v = EHP_TRUE;
	for (size_t i = 0; i < ev->res->n_again && v != EHP_FALSE; i++) {
		const ehp_ind_verdict *iv = &ev->res->again[i];
		ehp_tv ok = answered(ev, iv);
		if (ok != EHP_TRUE && (!open || (ok == EHP_FALSE && open_v != EHP_FALSE)))
			open = iv, open_v = ok;
		v = ehp_and(v, ok);
	}
	if (open)
		snprintf(ev->res->rule_reason, sizeof ev->res->rule_reason, "%s for %s, met at %s, %s",
		         ev->plan->indicators[open->indicator].id, ehp_subject_name(ev->fam, open->subject), anchor_word(a),
		         open_v == EHP_FALSE ? "has no outcome achieved" : "has no outcome that can be judged yet");
	if (e) {
		e = &ev->trace->items[item - 1];
		e->measured = (double)ev->res->n_again;
		e->result = v;
		if (open)
			e->reason = open_v == EHP_FALSE ? "a need that emerged has no outcome achieved"
			                                : "a need that emerged has no outcome that can be judged yet";
	}
	return v;
}
