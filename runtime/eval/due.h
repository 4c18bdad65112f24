/*
 * due.h - when an outcome that cannot be judged yet can be: its windows are
 * still open at the claim date (semantics.md, "Verdicts and missing
 * evidence"), and the last day of the latest of them is the day after
 * which the data can answer. For report.html and outcomes.csv.
 */
#ifndef EHP_DUE_H
#define EHP_DUE_H

#include "eval.h"

/* For each outcome verdict of res (due has res->n_out entries): for one
 * that cannot be judged yet, the last day of the latest window still open
 * at the claim date among its tests that could not be judged; EHP_NO_DATE
 * for one judged, or one waiting on something other than time (support not
 * closed, no assessment yet). Reads the verdict's evidence when ev keeps a
 * trace; otherwise judges such an outcome again with `scratch` as its
 * trace (the verdict is the same: the trace only records it). Call right
 * after ehp_evaluate_family, with the same ev. */
void ehp_outcomes_due(const ehp_plan *plan, ehp_eval *ev, const ehp_results *res, ehp_trace *scratch, ehp_date *due);

#endif
