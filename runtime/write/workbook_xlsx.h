/*
 * workbook_xlsx.h - the workbook itself (workbook.c): libxlsxwriter fed
 * with CSV rows, each cell typed by its column. Used by one thread at a
 * time (workbook_thread.c); not thread-safe.
 */
#ifndef EHP_WORKBOOK_XLSX_H
#define EHP_WORKBOOK_XLSX_H

#include "workbook.h"

typedef struct ehp_xlsx ehp_xlsx;

/* A workbook to be written at path when closed, its sheets added and
 * empty. NULL, with a message in err, if the library cannot make one (or
 * the build has none). */
ehp_xlsx *ehp_xlsx_new(const char *path, const ehp_plan *plan, ehp_date claim, char *err, size_t errlen);
/* Whole CSV rows of one sheet (the first a sheet is given is its header). */
void ehp_xlsx_rows(ehp_xlsx *x, ehp_sheet sheet, const char *text, size_t len);
/* Writes the Summary (rec non-NULL) and the file, and frees x. 0, or -1
 * with a message in err: the first cell or write that failed. */
int ehp_xlsx_close(ehp_xlsx *x, const ehp_receipt *rec, const char *run_id, const ehp_counts *counts, char *err,
                   size_t errlen);

#endif
