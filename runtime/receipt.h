/*
 * receipt.h - the execution receipt (receipt.c): what produced a run's
 * results, with the SHA-256 of every input as it was read.
 */
#ifndef EHP_RECEIPT_H
#define EHP_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "eval.h"

#define EHP_RECEIPT_MAX_FILES 4

typedef struct {
	const ehp_plan *plan;
	ehp_date claim;
	const double *params;      /* in effect for the run */
	const char *terms;         /* the terms file, NULL for the built-in calendar */
	int n_inputs;
	const char *input_names[EHP_RECEIPT_MAX_FILES], *input_paths[EHP_RECEIPT_MAX_FILES];
	char input_hex[EHP_RECEIPT_MAX_FILES][65];
	uint64_t input_bytes[EHP_RECEIPT_MAX_FILES];
	unsigned long rejected, families, eligible, claimable, incomplete;
	bool evidence;
} ehp_receipt;

void ehp_receipt_write(FILE *f, const ehp_receipt *r);

#endif
