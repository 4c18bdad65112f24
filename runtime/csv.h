/*
 * csv.h - a streaming RFC 4180 reader for the files councils export:
 * UTF-8 BOM, LF or CRLF, quoted fields with commas, quotes and line breaks.
 * One row at a time; memory grows with the longest row, never the file.
 */
#ifndef EHP_CSV_H
#define EHP_CSV_H

#include <stdio.h>
#include <stddef.h>

typedef struct {
	FILE *in;
	const char *path;
	char *buf;          /* the current row's field bytes, each NUL-terminated */
	size_t len, cap;
	size_t *start;      /* offset of each field in buf */
	size_t *flen;       /* length of each field */
	size_t n_fields, cap_fields;
	char *raw;          /* the current row as read, for the rejects file */
	size_t raw_len, raw_cap;
	unsigned long line; /* line on which the current row starts */
	unsigned long next_line;
	const char *error;  /* why the current row is malformed, or NULL */
	size_t error_field; /* with error: the field it was found in; the ones
	                       before it were read as written */
	int at_start;
} csv_reader;

void csv_open(csv_reader *r, FILE *in, const char *path);
void csv_close(csv_reader *r);
/* Reads the next row: 1, or 0 at end of file. Blank lines are skipped. A
 * malformed row (NUL byte, unterminated quote, stray quote, text after a
 * closing quote) returns 1 with r->error set (static text, never the row's
 * contents); the reader is then ready for the row after it. r->line is the
 * line the row starts on; r->raw holds the row's bytes without its line
 * ending. */
int csv_next(csv_reader *r);
static inline const char *csv_field(const csv_reader *r, size_t i) { return r->buf + r->start[i]; }
static inline size_t csv_len(const csv_reader *r, size_t i) { return r->flen[i]; }

/* Header handling: column index by name (case-insensitive, spaces trimmed),
 * or -1. */
int csv_column(const csv_reader *r, const char *name);
/* The same, looking only after column `after` (to find a name given twice). */
int csv_column_after(const csv_reader *r, const char *name, int after);

#endif
