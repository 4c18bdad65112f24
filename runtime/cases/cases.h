/*
 * cases.h - example families as tests (docs/cases.md): `evaluator --check`.
 */
#ifndef EHP_CASES_H
#define EHP_CASES_H

#include "eval.h"

/* Runs every case in the files; prints failures and a count. With coverage,
 * then lists every indicator, outcome and family rule that no passing
 * expectation shows held, or none shows not held (case_coverage.h).
 * Returns 0 when every expectation held (and coverage is complete), 1 when
 * one failed (or coverage has a gap), 2 when a case file has a mistake or
 * could not be read. */
int ehp_run_cases(const ehp_plan *plan, const char **files, int n_files, ehp_date claim,
                  const ehp_calendar *cal, const double *params, bool coverage);

#endif
