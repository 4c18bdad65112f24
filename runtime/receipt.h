/*
 * receipt.h - the execution receipt (receipt.c): what produced a run's
 * results, with the SHA-256 of every input, hashed on another core.
 */
#ifndef EHP_RECEIPT_H
#define EHP_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include "ehp.h"

#define EHP_RECEIPT_MAX_FILES 4

typedef struct {
	pid_t pid;   /* the child hashing, or -1: hashed when finished */
	int fd;      /* its digests, or -1 */
	int n;
	const char *paths[EHP_RECEIPT_MAX_FILES];
} ehp_hash_job;

/* Starts hashing the files (in a child process when it can). */
void ehp_hash_start(ehp_hash_job *job, const char *const *paths, int n);
/* The digests ("-" for a file that could not be read) and sizes; 0, or -1
 * when some file could not be hashed. */
int ehp_hash_finish(ehp_hash_job *job, char hex[][65], uint64_t *bytes);

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
