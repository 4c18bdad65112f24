/*
 * workbook.h - results.xlsx (workbook.c), written with libxlsxwriter when
 * the build found it (Makefile: EHP_XLSX). Sheets: Summary, then Results,
 * Indicators and Outcomes, the same rows as results.csv, indicators.csv and
 * outcomes.csv, read back from those files as this run wrote them, with
 * ids and text as text cells (so `3.10` stays `3.10`), counts as numbers
 * and dates as Excel dates shown yyyy-mm-dd. Streamed: memory does not
 * grow with the extract.
 */
#ifndef EHP_WORKBOOK_H
#define EHP_WORKBOOK_H

#include <stdbool.h>
#include <stdio.h>
#include "atomic.h"
#include "counts.h"
#include "receipt.h"

/* Whether this libehp was built with libxlsxwriter: if not, results.xlsx
 * is not written, and the summary and report.html say so. */
bool ehp_workbook_built(void);

/* A CSV file of this run, still open for writing, to become one sheet. */
typedef struct {
	const char *sheet; /* the sheet's name */
	const char *file;  /* the CSV's name, for notes ("indicators.csv") */
	FILE *csv;
} ehp_workbook_sheet;

/* Writes the workbook into `out` (from ehp_out_open, not yet finished).
 * The workbook is the same bytes for the same run: its creation time is
 * the claim date. 0, or -1 with a message in err (a write failed, or the
 * library refused a cell). */
int ehp_workbook_write(ehp_outfile *out, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts,
                       const ehp_workbook_sheet *sheets, int n_sheets, char *err, size_t errlen);

#endif
