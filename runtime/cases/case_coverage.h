/*
 * case_coverage.h - which of a plan's verdicts the example families show
 * both ways: every indicator met and missed, every outcome achieved and not,
 * the family rules held and not (`evaluator --check CASES... --coverage`,
 * docs/cases.md). The case runner decides which passing expectations count;
 * this module keeps the tally and reports the gaps.
 */
#ifndef EHP_CASE_COVERAGE_H
#define EHP_CASE_COVERAGE_H

#include "eval.h"

/* One verdict's tally. shown[1]: passing expectations that show it held;
 * shown[0]: ones that show it did not. uncounted: passing "not" expectations
 * that show nothing about the row (docs/cases.md, "What counts"). */
typedef struct {
	unsigned shown[2];
	unsigned uncounted;
} ehp_row_coverage;

typedef struct {
	const ehp_plan *plan;
	ehp_row_coverage *indicators; /* plan->n_indicators */
	ehp_row_coverage *outcomes;   /* plan->n_outcomes */
	ehp_row_coverage eligible, claimable;
} ehp_coverage;

void ehp_coverage_init(ehp_coverage *cov, const ehp_plan *plan);
void ehp_coverage_free(ehp_coverage *cov);

/* Prints a figures line, then one line for every verdict not shown one of
 * its two ways. Returns the number of such gaps (0: complete). */
unsigned ehp_coverage_report(const ehp_coverage *cov, FILE *out);

#endif
