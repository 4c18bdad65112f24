/*
 * claims.h - the file of claims already made (`--claims FILE`), read by
 * claims_load.c into the list the evaluation consults (eval.h,
 * ehp_claims).
 */
#ifndef EHP_CLAIMS_LOAD_H
#define EHP_CLAIMS_LOAD_H

#include <stdint.h>
#include "eval.h"
#include "rejects.h"

/* Reads `path`: a CSV file with columns family_id, claim_date and plan,
 * one claim a row. The claims under plan `plan_name` dated on or before
 * `as_of` are kept (the others counted in c->other_plans and c->later).
 * A bad row goes to rj (its keep_rows set here; the run adds its rows to
 * rejects.csv with ehp_rejects_take), and when its family is known and it
 * could be a claim under this plan by `as_of`, the family is kept as
 * claimed by a claim that could not be read: never claimable by accident.
 * A row whose family cannot be told (an empty family_id, a row of the
 * wrong shape), or any bad row when `strict`, refuses the file: the rows
 * are reported on stderr as `path:line: field: reason`. Returns 0; 1 when
 * refused under `strict` only; -1 otherwise (a message in err names the
 * first row whose family cannot be told); hex and bytes: the file's
 * SHA-256 and size, for the receipt. */
int ehp_claims_load(ehp_claims *c, const char *path, const char *plan_name, ehp_date as_of, bool strict,
                    ehp_rejects *rj, char hex[65], uint64_t *bytes, char *err, size_t errlen);

#endif
