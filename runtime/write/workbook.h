/*
 * workbook.h - results.xlsx, written with libxlsxwriter when the build
 * found it (Makefile: EHP_XLSX). Sheets: Summary, then Results,
 * Indicators, Outcomes and Plan rows, the same rows as results.csv,
 * indicators.csv, outcomes.csv and plan_rows.csv, as this run writes them,
 * with ids and text as text cells (so `3.10` stays `3.10`), counts as
 * numbers and dates as Excel dates shown yyyy-mm-dd. Streamed: memory does
 * not grow with the extract.
 *
 * The workbook is filled on a thread of its own (workbook_thread.c) while
 * the families are judged: the run hands it each batch's CSV text as it
 * writes that text to the files, in the same order, and it types the cells
 * (workbook.c). The Summary, which needs the whole run, is written at the
 * end.
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

/* The data sheets, in the workbook's order after the Summary. */
typedef enum { EHP_SHEET_RESULTS, EHP_SHEET_INDICATORS, EHP_SHEET_OUTCOMES, EHP_SHEET_PLAN_ROWS, EHP_N_SHEETS } ehp_sheet;

typedef struct ehp_workbook ehp_workbook;

/* Starts the workbook in `out` (from ehp_out_open, not yet finished) and
 * its thread; the sheets' headers and the Plan rows sheet are written at
 * once. 0, or -1 with a message in err. */
int ehp_workbook_start(ehp_workbook **wb, ehp_outfile *out, const ehp_plan *plan, ehp_date claim, char *err,
                       size_t errlen);
/* Rows of one sheet, whole CSV rows as the run wrote them to its file,
 * taken over (freed by the workbook). Waits while the workbook is behind
 * by more than a few megabytes, so memory stays bounded. */
void ehp_workbook_rows(ehp_workbook *wb, ehp_sheet sheet, char *text, size_t len);
/* The input is being read again from the top: every row handed over so
 * far is forgotten, as the CSV files are emptied. */
void ehp_workbook_restart(ehp_workbook *wb);
/* Waits for every row, writes the Summary and closes the workbook; frees
 * wb. The workbook is the same bytes for the same run: its creation time
 * is the claim date. 0, or -1 with a message in err (a write failed, or
 * the library refused a cell). */
int ehp_workbook_finish(ehp_workbook *wb, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts,
                        char *err, size_t errlen);
/* A run that failed: stops the thread and frees wb (NULL: nothing). */
void ehp_workbook_abort(ehp_workbook *wb);

#endif
