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
#include "mapfile.h"
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
	/* A table a mapping made: each row names its origin (ehp_table_origins). */
	const ehp_origin *origins;
	size_t n_origins;
	int c_src, c_line, c_bad_field, c_bad, c_raw;
	size_t src;            /* the current row's origin */
	unsigned long line;    /* and its line in the council's file */
	char bad_field[128];   /* the council's column at fault, when the mapping found the fault */
} ehp_table;

/* Reads the header. Returns 0, or -1 with a message in err (an empty file,
 * a header that is not CSV). */
int ehp_table_open(ehp_table *t, FILE *f, const char *path, int file, ehp_rejects *rj, char *err, size_t errlen);
void ehp_table_close(ehp_table *t);
/* The column named `name`: its index, -1 when absent (with a message in err
 * if required), -2 when the header names it twice (with a message). */
int ehp_table_column(ehp_table *t, const char *name, bool required, char *err, size_t errlen);
/* The header's names, copied: *n of them, in an array ended by NULL
 * (free each, then the array). */
char **ehp_table_headers(const ehp_table *t, size_t *n);
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

/* A cell with the spaces around it (ehp_blank) trimmed; "" for a column
 * the file does not have, that a short row does not reach, or that comes
 * at or after the place a malformed row went wrong (an unclosed quote
 * swallows the rest). Inline: every cell of every row comes through here.
 * A column the file has not (col < 0) is past every row's n_read as a
 * size_t. Every byte ehp_blank takes is at most ' ', so one comparison
 * each end tells a cell with nothing to trim, as nearly all are. */
static inline const char *ehp_cell(const ehp_table *t, int col, size_t *len)
{
	const csv_reader *r = &t->csv;
	if ((size_t)col >= r->n_read) {
		*len = 0;
		return "";
	}
	const char *s = csv_field(r, (size_t)col);
	size_t n = csv_len(r, (size_t)col);
	if (n && ((unsigned char)s[0] <= ' ' || (unsigned char)s[n - 1] <= ' ')) {
		while (n && ehp_blank(*s)) {
			s++;
			n--;
		}
		while (n && ehp_blank(s[n - 1]))
			n--;
	}
	*len = n;
	return s;
}
/* A date cell (s, n bytes, trimmed) as ehp_value_date reads it
 * (values.h): an empty one is EHP_NO_DATE with *bad NULL; one that cannot
 * be taken is EHP_NO_DATE with *bad the reason. ehp_cell_date: the same of
 * a column's cell. */
static inline ehp_date ehp_date_of(const char *s, size_t n, const char **bad)
{
	*bad = NULL;
	if (!n) /* an end_date left empty, as most are */
		return EHP_NO_DATE;
	if (n == 10) { /* yyyy-mm-dd, as most are: here, with no call */
		ehp_date d = ehp_iso_date(s);
		if (d != EHP_NO_DATE)
			return d;
	}
	return ehp_value_date(s, n, bad);
}
static inline ehp_date ehp_cell_date(const ehp_table *t, int col, const char **bad)
{
	size_t n;
	const char *s = ehp_cell(t, col, &n);
	return ehp_date_of(s, n, bad);
}
/* Marks t as made by a mapping (its header just read): every row's
 * ehp_src, ehp_line, ehp_bad_field, ehp_bad and ehp_raw cells say where it
 * came from and what the mapping found wrong with it, so a reject names the
 * council's file, line and column and holds the council's row. */
void ehp_table_origins(ehp_table *t, const ehp_origin *origins, size_t n);
/* The line the current row starts on: in the council's file, for a table
 * a mapping made. */
static inline unsigned long ehp_table_line(const ehp_table *t)
{
	return t->origins ? t->line : t->csv.line;
}
/* Which of its kind's files the current row came from: the index of the
 * council's file for a table a mapping made (ehp_origin's file), else 0. */
static inline unsigned ehp_table_file(const ehp_table *t)
{
	return t->origins ? t->origins[t->src].file : 0;
}
/* Rejects the current row: the field and the reason. */
void ehp_table_reject(ehp_table *t, const char *field, const char *reason);

#endif
