/*
 * output.h - the CSV writers for results, evidence and rejects (the files
 * themselves are written whole: atomic.h).
 */
#ifndef EHP_OUTPUT_H
#define EHP_OUTPUT_H

#include <stdio.h>
#include "atomic.h"
#include "eval.h"

/* One CSV field, quoted when it holds a comma, a quote or a line break; the
 * _n form writes exactly n bytes, NUL bytes included (a rejected row). */
void ehp_csv_field(FILE *f, const char *s);
void ehp_csv_field_n(FILE *f, const char *s, size_t n);
void ehp_results_header(FILE *f);
void ehp_results_row(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res);
void ehp_evidence_header(FILE *f);
void ehp_evidence_rows(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_trace *trace);
/* One evidence item in words, for --check failures and explanations. */
void ehp_evidence_describe(FILE *f, const ehp_family *fam, const ehp_evidence *e);
const char *ehp_subject_name(const ehp_family *fam, int subject);

#endif
