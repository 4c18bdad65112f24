/*
 * words.h - evidence in words for people (words.c): explanations
 * (--explain, the audit sample) and the case runner's failures say which
 * way each test points ("no offence between 16/01/2025 and 15/07/2025:
 * none found, so met"), with dates written as the plan writes them.
 */
#ifndef EHP_WORDS_H
#define EHP_WORDS_H

#include <stdio.h>
#include "eval.h"

/* A date as the plan writes its own: dd/mm/yyyy (the published plans'
 * form), or yyyy-mm-dd when the plan's `revised` date is written so.
 * "-" for no date. */
void ehp_plan_date(const ehp_plan *plan, ehp_date d, char buf[11]);

/* One evidence item as one indented line: the plan line, whose it is,
 * what was looked for where, what was found (records cited by their line
 * in the file they came from: the records file, or a case file), and so
 * the verdict. files: NULL, lines alone; or the names a record's `file`
 * indexes (a mapped run: the council's records files), each run of lines
 * after its file's name. Ids go through ehp_term_text. */
void ehp_evidence_describe(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_family *fam,
                           const ehp_evidence *e);

#endif
