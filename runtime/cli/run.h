/*
 * run.h - judging a whole extract (run.c): families are read a batch at a
 * time, judged on several threads, and written in the order they were
 * read, so the output does not depend on the number of threads.
 */
#ifndef EHP_RUN_H
#define EHP_RUN_H

#include <stdio.h>
#include "audit.h"
#include "counts.h"
#include "load.h"
#include "progress.h"
#include "workbook.h"

typedef struct {
	unsigned long families, eligible, claimable, incomplete;
	unsigned long already_claimed; /* met the claim rule, but claimed before (--claims) */
	unsigned long *theme;  /* families meeting each theme */
	ehp_counts counts;     /* the rest, for report.html and results.xlsx */
} ehp_tally_sheet;

typedef struct {
	const ehp_plan *plan;
	ehp_date claim;
	const ehp_calendar *cal;
	const double *params;
	const ehp_claims *claims; /* --claims: families claimed before, or NULL */
	int threads;           /* 1: all on the calling thread */
	bool judge;            /* false: read and check the input only */
	FILE *results;         /* each may be NULL */
	FILE *evidence;
	FILE *indicators, *outcomes; /* the long-format results (tidy.h) */
	const char *results_name, *evidence_name; /* for messages */
	ehp_file_names records_files; /* the records files' names, without their folder, for evidence.jsonl */
	const ehp_file_names *council_files; /* a mapped run: the council's files of each kind (three), which
	                                        explanations cite records and rejected rows by; else NULL */
	const char *indicators_name, *outcomes_name;
	const char *explain;   /* a family id, or NULL */
	const char *no_workbook; /* why results.xlsx is not written, or NULL */
	ehp_workbook *workbook;   /* given the rows of results.csv, indicators.csv and outcomes.csv as they are written, or NULL */
	ehp_audit_sample *sample; /* --audit-sample: filled with the sampled families' explanations, or NULL */
	ehp_progress *progress;   /* the progress line, or NULL */
	/* what came of it */
	ehp_tally_sheet sum;
	char *explanation;     /* the --explain family in words, or NULL if not found */
	size_t explanation_len;
} ehp_run;

/* Reads every family from rd and judges it. Returns 0, or -1 with a
 * message in err (a read error, or an output that could not be written). */
int ehp_run_all(ehp_run *run, ehp_reader *rd, char *err, size_t errlen);
void ehp_run_free(ehp_run *run);

#endif
