/*
 * cases.h - example families as tests (docs/cases.md): `evaluator --check`.
 */
#ifndef EHP_CASES_H
#define EHP_CASES_H

#include "ehp.h"

/* Runs every case in the files; prints failures and a count. Returns 0 when
 * every expectation held, 1 when one failed, 2 when a file could not be read. */
int ehp_run_cases(const ehp_plan *plan, const char **files, int n_files, ehp_date claim,
                  const ehp_calendar *cal, const double *params);

#endif
