/*
 * due.c - the day an outcome not yet judgeable can be judged (due.h).
 */
#include "due.h"

/* The latest end, after the claim date, of a window of an item that could
 * not be judged. */
static ehp_date latest_open(const ehp_trace *t, size_t from, size_t to, ehp_date claim)
{
	ehp_date due = EHP_NO_DATE;
	for (size_t i = from; i < to && i < t->n; i++) {
		const ehp_evidence *e = &t->items[i];
		if (e->result != EHP_UNKNOWN || e->to == EHP_NO_DATE || e->to == EHP_FOREVER || e->to <= claim)
			continue;
		if (due == EHP_NO_DATE || e->to > due)
			due = e->to;
	}
	return due;
}

void ehp_outcomes_due(const ehp_plan *plan, ehp_eval *ev, const ehp_results *res, ehp_trace *scratch, ehp_date *due)
{
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		due[v] = EHP_NO_DATE;
		if (ov->achieved != EHP_UNKNOWN)
			continue;
		if (ev->trace) {
			due[v] = latest_open(ev->trace, ov->ev_from, ov->ev_to, ev->claim);
			continue;
		}
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		if (d->latest && d->latest(ev) <= ev->claim) /* no window of its tests ends after the claim date
		                                                   (or every one is missing): nor can an item */
			continue;
		scratch->n = 0;
		ev->trace = scratch;
		plan->outcomes[ov->outcome].when(ev, ov->subject);
		ev->trace = NULL;
		due[v] = latest_open(scratch, 0, scratch->n, ev->claim);
	}
}
