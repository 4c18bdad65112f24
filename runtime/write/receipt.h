/*
 * receipt.h - the execution receipt (receipt.c): what produced a run's
 * results, with the SHA-256 of every input as it was read, and of every
 * output file as it was written; and --verify, which tells a folder that
 * holds one run's outputs whole from a mixed or incomplete one.
 */
#ifndef EHP_RECEIPT_H
#define EHP_RECEIPT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "eval.h"

#define EHP_RECEIPT_MAX_FILES 40 /* a mapping, up to 36 council files, terms */
#define EHP_RECEIPT_MAX_OUTPUTS 9

typedef struct {
	const ehp_plan *plan;
	ehp_date claim;
	const double *params;      /* in effect for the run */
	const char *terms;         /* the terms file, NULL for the built-in calendar */
	int n_inputs;
	/* Only a path's last part (its file name) is written: the folders
	 * above it may be named after a family. */
	const char *input_names[EHP_RECEIPT_MAX_FILES], *input_paths[EHP_RECEIPT_MAX_FILES];
	char input_hex[EHP_RECEIPT_MAX_FILES][65];
	uint64_t input_bytes[EHP_RECEIPT_MAX_FILES];
	unsigned long rejected, families, eligible, claimable, incomplete;
	bool claims_given;         /* --claims: earlier claims were read (an input above) */
	unsigned long already_claimed; /* ... and this many families met the claim rule but were claimed before */
	const char *sample_seed;   /* --audit-sample N --seed S, or NULL */
	size_t sample_n;
	/* The other files of the run's output folder (results.csv, ...), in
	 * that folder, each with the digest and size of what was written. */
	int n_outputs;
	const char *output_names[EHP_RECEIPT_MAX_OUTPUTS];
	char output_hex[EHP_RECEIPT_MAX_OUTPUTS][65];
	uint64_t output_bytes[EHP_RECEIPT_MAX_OUTPUTS];
} ehp_receipt;

/* The receipt: what the run read and was asked, then `run` and its id (the
 * SHA-256 of every line above it), then the output files it wrote. */
void ehp_receipt_write(FILE *f, const ehp_receipt *r);
/* Its lines up to and with `run` (the run's identity, which other outputs
 * quote: audit-sample.txt); the id in id, when id is not NULL. Needs the
 * output files' names only, not their digests. */
void ehp_receipt_head(FILE *f, const ehp_receipt *r, char id[65]);

/* The run's id, as ehp_receipt_write writes it: the SHA-256 of the lines
 * above it, which name the outputs (output_names, n_outputs) but not their
 * digests, so it is known before they are written (report.html shows it). */
void ehp_receipt_run_id(const ehp_receipt *r, char id[65]);
/* The last part of a path, its file name: what the receipt and the report
 * show of an input (the folders above it may be named after a child). */
const char *ehp_receipt_file_name(const char *path);

/* The output files an evaluator may write beside receipt.txt, NULL-ended. */
extern const char *const ehp_output_files[];

/* --verify DIR: whether DIR holds exactly one run's outputs, each as that
 * run wrote it. Says so on `out` in one line (file names only: nothing
 * from the files' contents). 0: complete; 1: mixed or incomplete; 2: the
 * folder cannot be read. */
int ehp_receipt_verify(const char *dir, FILE *out);

#endif
