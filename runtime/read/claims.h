/*
 * claims.h - the file of claims already made (`--claims FILE`), read by
 * claims_load.c into the list the evaluation consults (eval.h,
 * ehp_claims).
 */
#ifndef EHP_CLAIMS_LOAD_H
#define EHP_CLAIMS_LOAD_H

#include <stdint.h>
#include "eval.h"

/* Reads `path`: a CSV file with columns family_id, claim_date and plan,
 * one claim a row. The claims under plan `plan_name` dated on or before
 * `as_of` are kept (the others counted in c->other_plans and c->later).
 * Every bad row is reported on stderr as `path:line: field: reason`, the
 * way the other inputs' are, and then the file is refused: a claim that
 * cannot be read could be paid again. Returns 0, or -1 with a message in
 * err; hex and bytes: the file's SHA-256 and size, for the receipt. */
int ehp_claims_load(ehp_claims *c, const char *path, const char *plan_name, ehp_date as_of, char hex[65],
                    uint64_t *bytes, char *err, size_t errlen);

#endif
