/*
 * results_diff.h - two evaluators' results.csv on the same extract,
 * compared family by family: what a change of plan does to the families
 * (`ehpc diff --data`, impact.c).
 */
#ifndef EHPC_RESULTS_DIFF_H
#define EHPC_RESULTS_DIFF_H

#include <stdio.h>
#include "ast.h"

/* Reads the results of the old plan's run and of the new plan's (the same
 * families in the same order: the same extract) and writes to out, after
 * `heading` (escaped for the terminal), how many families were
 * judged and how many change, then each kind of change with its count and
 * the families' ids: became eligible, stopped being eligible, claimable
 * gained and lost, and per indicator and outcome (ids of the plans given,
 * in plan order) newly met or achieved and no longer. A family counts once
 * per kind, whichever of its members the row was met by.
 * 0, or -1 when a file cannot be read as results (reported on stderr). */
int results_diff(FILE *old, const char *old_name, const plan *old_plan, FILE *new, const char *new_name,
                 const plan *new_plan, const char *heading, FILE *out);

#endif
