/*
 * tidy.h - the long-format results (tidy.c): one row per (family, member,
 * indicator met) in indicators.csv and one per (family, member, outcome
 * judged) in outcomes.csv, so a pivot table or Power BI reads them as they
 * are, with no cell to split; and plan_rows.csv, the plan's indicators and
 * outcomes with their wording, to join them on (docs/data-format.md).
 */
#ifndef EHP_TIDY_H
#define EHP_TIDY_H

#include <stdio.h>
#include "buf.h"
#include "eval.h"
#include "family_cells.h"

void ehp_indicators_header(FILE *f);
/* The _with forms take the family's cells, made once for the family's
 * rows of every file (family_cells.h); the others make their own. */
void ehp_indicators_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res);
void ehp_indicators_rows_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res);
void ehp_outcomes_header(FILE *f);
/* due: each outcome verdict's day after which it can be judged
 * (ehp_outcomes_due), EHP_NO_DATE if none. */
void ehp_outcomes_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_date *due);
void ehp_outcomes_rows_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res,
                            const ehp_date *due);
/* A row's level, theme and id cells, each with the comma after it, as
 * indicators.csv and outcomes.csv write them (quoted as they need): the
 * same for every family, so ehpc writes them into the plan
 * (ehp_indicator_def.cells) with this, and a plan without them (one
 * written by hand) has them made row by row. */
void ehp_row_cells(ehp_buf *b, ehp_scope scope, const char *theme, const char *id);
/* plan_rows.csv: a header, then one row per indicator and outcome. */
void ehp_plan_rows_write(FILE *f, const ehp_plan *plan);
/* "achieved", "not achieved" or "not yet judgeable": outcomes.csv's result. */
const char *ehp_outcome_result(ehp_tv achieved);

#endif
