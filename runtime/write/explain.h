/*
 * explain.h - one family's verdicts and their evidence in words (explain.c).
 */
#ifndef EHP_EXPLAIN_H
#define EHP_EXPLAIN_H

#include <stdio.h>
#include "eval.h"

/* ev: the evaluation just made (its family and claim date); trace: the
 * evidence it kept, or NULL for verdicts without evidence. files: NULL for
 * the evaluator's own three files (records cited by line, as the records
 * file's); or, for a mapped run, the council's files of each kind
 * (families, people, records: three), so that a record and a rejected row
 * are cited by the council's file and line. */
void ehp_explain_family(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_eval *ev,
                        const ehp_results *res, const ehp_trace *trace);

#endif
