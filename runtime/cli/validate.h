/*
 * validate.h - --validate: the whole extract read and checked, nothing
 * judged or written, and every problem reported at once, grouped: columns
 * missing, codes not translated, rows rejected by reason (with counts and
 * their first lines), families with no members, people with no family and
 * records for unknown people. Counts, line numbers, header names and codes
 * only: no ids and no row's contents.
 */
#ifndef EHP_VALIDATE_H
#define EHP_VALIDATE_H

#include <stdio.h>
#include "mapped.h"

/* Reads files (names: for messages) through the reader; mi: the mapping
 * they were made by, or NULL for the evaluator's own three files. Writes
 * the report to out. 0: nothing would be rejected; 1: problems found; 2:
 * the input cannot be read (err). */
int ehp_validate(FILE *const files[3], const char *const names[3], const ehp_mapped *mi, const ehp_calendar *cal,
                 FILE *out, char *err, size_t errlen);

#endif
