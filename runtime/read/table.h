/*
 * table.h - one input CSV file read as a table: a header naming the
 * columns (found by name, in any order), then rows whose cells are read by
 * column with the spaces around them trimmed. A row of the wrong shape is
 * returned marked bad, so the caller can still learn its family and say so.
 */
#ifndef EHP_TABLE_H
#define EHP_TABLE_H

#include <stdbool.h>
#include <stdio.h>
#include "csv.h"
#include "eval.h"
#include "rejects.h"
#include "values.h"

typedef struct {
	csv_reader csv;
	const char *path;
	int file;              /* which input: EHP_FAMILIES_FILE ... (rejects.h) */
	size_t n_header;
	unsigned long rows;    /* rows after the header, good or bad */
	unsigned long empty;   /* rows ignored: every cell empty or spaces */
	bool have;             /* a row is read and not yet consumed */
	bool eof;
	const char *bad;       /* why the current row is malformed, or NULL */
	ehp_rejects *rj;
	char why[96];          /* a reason made for this row */
} ehp_table;

/* Reads the header. Returns 0, or -1 with a message in err (an empty file,
 * a header that is not CSV). */
int ehp_table_open(ehp_table *t, FILE *f, const char *path, int file, ehp_rejects *rj, char *err, size_t errlen);
void ehp_table_close(ehp_table *t);
/* The column named `name`: its index, -1 when absent (with a message in err
 * if required), -2 when the header names it twice (with a message). */
int ehp_table_column(ehp_table *t, const char *name, bool required, char *err, size_t errlen);
/* Makes the next row current: true, or false at the end. A row of the
 * wrong shape is current with t->bad set; the caller rejects it. A row
 * whose cells are all empty or spaces (`   `, or `,,,,` as a spreadsheet
 * saves the rows under its data) is no row: it is skipped and counted in
 * t->empty, as a blank line is skipped. */
bool ehp_table_next(ehp_table *t);
/* Peek-style use: the current row, reading one if none is pending. */
static inline bool ehp_table_peek(ehp_table *t)
{
	if (!t->have && !t->eof) {
		t->have = ehp_table_next(t);
		t->eof = !t->have;
	}
	return t->have;
}
static inline void ehp_table_consume(ehp_table *t) { t->have = false; }

/* A cell with the spaces around it trimmed; "" for a column the file does
 * not have, that a short row does not reach, or that comes at or after the
 * place a malformed row went wrong (an unclosed quote swallows the rest). */
const char *ehp_cell(const ehp_table *t, int col, size_t *len);
/* A date cell as ehp_value_date reads it (values.h): an empty one is
 * EHP_NO_DATE with *bad NULL; one that cannot be taken is EHP_NO_DATE with
 * *bad the reason. */
ehp_date ehp_cell_date(const ehp_table *t, int col, const char **bad);
/* Rejects the current row: the field and the reason. */
void ehp_table_reject(ehp_table *t, const char *field, const char *reason);

#endif
