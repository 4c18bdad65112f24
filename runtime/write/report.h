/*
 * report.h - report.html (report.c): a run's results on one page for people
 * who will not open a CSV: the plan and its fingerprint, the claim date and
 * the receipt, the funnel from families in the extract to claimable ones,
 * counts per theme, indicator and outcome in the plan's own words, outcomes
 * not yet judgeable and by when, rows rejected by reason and families
 * judged on incomplete data. Counts only: nothing from a family's rows.
 * Self-contained (inline CSS, no script, font or link to fetch); every
 * text from the plan or the data is HTML-escaped.
 */
#ifndef EHP_REPORT_H
#define EHP_REPORT_H

#include <stdio.h>
#include "counts.h"
#include "receipt.h"

/* Rejected rows of one kind: which input, which column, why (no row). */
typedef struct {
	const char *file, *field, *reason;
	unsigned long rows;
} ehp_report_reject;

typedef struct {
	const ehp_receipt *receipt; /* plan, claim date, inputs and outputs */
	const char *run_id;         /* ehp_receipt_run_id */
	const ehp_counts *counts;
	const ehp_report_reject *rejects; /* sorted as they are to be shown */
	int n_rejects;
	unsigned long empty_rows;   /* rows of empty cells ignored */
	const char *workbook_note;  /* why results.xlsx was not written, or NULL */
} ehp_report;

void ehp_report_write(FILE *f, const ehp_report *r);
/* Text as HTML: & < > " ' escaped, control bytes dropped. */
void ehp_html_text(FILE *f, const char *s);

#endif
