/*
 * table.c - an input CSV file as a table of named columns (table.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "suggest.h"
#include "table.h"

int ehp_table_open(ehp_table *t, FILE *f, const char *path, int file, ehp_rejects *rj, char *err, size_t errlen)
{
	*t = (ehp_table){ .path = path, .file = file, .rj = rj };
	csv_open(&t->csv, f, path);
	csv_hash(&t->csv, true); /* the receipt's digest, as the bytes are read */
	if (!csv_next(&t->csv)) {
		if (ferror(f)) /* a directory, say: not an empty file */
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		else
			snprintf(err, errlen, "%s: the file is empty; expected a header row", path);
		return -1;
	}
	if (t->csv.error) {
		snprintf(err, errlen, "%s:%lu: header: %s", path, t->csv.line, t->csv.error);
		return -1;
	}
	t->n_header = t->csv.n_fields;
	csv_expect(&t->csv, t->n_header); /* one unclosed quote swallows no rows */
	return 0;
}

void ehp_table_close(ehp_table *t)
{
	csv_close(&t->csv);
}

/* Appends s (n bytes) to err in double quotes, control bytes as \xNN: a
 * header is the council's text, bound for a terminal. */
static void append_quoted(char *err, size_t errlen, const char *s, size_t n)
{
	size_t at = strlen(err);
	for (size_t i = 0; i <= n && at + 6 < errlen; i++) {
		unsigned char c = i < n ? (unsigned char)s[i] : '"';
		if (!i)
			err[at++] = '"';
		if (i < n && (c < 0x20 || c == 0x7f))
			at += (size_t)snprintf(err + at, errlen - at, "\\x%02X", c);
		else
			err[at++] = (char)c;
	}
	err[at < errlen ? at : errlen - 1] = '\0';
}

/* `FILE: no `NAME` column in the header (it has: "A", "B"; did you mean
 * "B"?)`: the headers it has and the nearest, case aside. */
static void missing_column(const ehp_table *t, const char *name, char *err, size_t errlen)
{
	snprintf(err, errlen, "%s: no `%s` column in the header (it has:", t->path, name);
	const csv_reader *r = &t->csv;
	char **low = ehp_xcalloc(r->n_fields + 1, sizeof *low);
	for (size_t i = 0; i < r->n_fields; i++) {
		size_t len = strlen(err);
		snprintf(err + len, errlen - len, i ? ", " : " ");
		append_quoted(err, errlen, csv_field(r, i), csv_len(r, i));
		low[i] = ehp_xstrndup(csv_field(r, i), csv_len(r, i));
		for (char *k = low[i]; *k; k++)
			*k = (char)tolower((unsigned char)*k);
	}
	const char *near = suggest(name, (const char *const *)low, r->n_fields);
	for (size_t i = 0; near && i < r->n_fields; i++) {
		if (low[i] == near) {
			size_t len = strlen(err);
			snprintf(err + len, errlen - len, "; did you mean ");
			append_quoted(err, errlen, csv_field(r, i), csv_len(r, i));
			len = strlen(err);
			snprintf(err + len, errlen - len, "?");
		}
	}
	size_t len = strlen(err);
	snprintf(err + len, errlen - len, ")");
	for (size_t i = 0; i < r->n_fields; i++)
		free(low[i]);
	free(low);
}

/* A column named twice would be read from whichever comes first: refuse to
 * guess which of the two the council meant. */
int ehp_table_column(ehp_table *t, const char *name, bool required, char *err, size_t errlen)
{
	int c = csv_column(&t->csv, name);
	if (c < 0 && required)
		missing_column(t, name, err, errlen);
	if (c >= 0 && csv_column_after(&t->csv, name, c) >= 0) {
		snprintf(err, errlen, "%s: the header has two `%s` columns", t->path, name);
		return -2;
	}
	return c;
}

/* Every cell empty or spaces (a quoted cell too): a row with nothing in it. */
static bool blank_row(const csv_reader *r)
{
	if (r->error)
		return false;
	if (r->n_fields && csv_len(r, 0) && (unsigned char)csv_field(r, 0)[0] > ' ')
		return false; /* most rows: the first cell starts with text (ehp_blank takes no byte above ' ') */
	for (size_t i = 0; i < r->n_fields; i++) {
		const char *s = csv_field(r, i);
		for (size_t k = 0, n = csv_len(r, i); k < n; k++)
			if (!ehp_blank(s[k]))
				return false;
	}
	return true;
}

char **ehp_table_headers(const ehp_table *t, size_t *n)
{
	const csv_reader *r = &t->csv;
	char **h = ehp_xcalloc(r->n_fields + 1, sizeof *h);
	for (size_t i = 0; i < r->n_fields; i++)
		h[i] = ehp_xstrndup(csv_field(r, i), csv_len(r, i));
	*n = r->n_fields;
	return h;
}

void ehp_table_origins(ehp_table *t, const ehp_origin *origins, size_t n)
{
	t->origins = origins;
	t->n_origins = n;
	t->c_src = csv_column(&t->csv, "ehp_src");
	t->c_line = csv_column(&t->csv, "ehp_line");
	t->c_bad_field = csv_column(&t->csv, "ehp_bad_field");
	t->c_bad = csv_column(&t->csv, "ehp_bad");
	t->c_raw = csv_column(&t->csv, "ehp_raw");
}

/* A cell of digits as a number (a mapping wrote it). */
static unsigned long cell_number(const ehp_table *t, int col)
{
	size_t n;
	const char *s = ehp_cell(t, col, &n);
	unsigned long v = 0;
	for (size_t i = 0; i < n && s[i] >= '0' && s[i] <= '9'; i++)
		v = v * 10 + (unsigned long)(s[i] - '0');
	return v;
}

static void read_origin(ehp_table *t)
{
	t->src = cell_number(t, t->c_src);
	if (t->src >= t->n_origins)
		t->src = 0;
	t->line = cell_number(t, t->c_line);
	size_t n;
	const char *s = ehp_cell(t, t->c_bad_field, &n);
	snprintf(t->bad_field, sizeof t->bad_field, "%.*s", (int)n, s);
	s = ehp_cell(t, t->c_bad, &n);
	if (n) {
		snprintf(t->why, sizeof t->why, "%.*s", (int)n, s);
		t->bad = t->why;
	}
}

bool ehp_table_next(ehp_table *t)
{
	for (;;) {
		if (!csv_next(&t->csv))
			return false;
		if (!blank_row(&t->csv))
			break;
		t->empty++;
	}
	t->rows++;
	t->bad = t->csv.error;
	if (!t->bad && t->csv.n_fields != t->n_header) {
		snprintf(t->why, sizeof t->why, "wrong number of columns (%zu; the header has %zu)", t->csv.n_fields,
		         t->n_header);
		t->bad = t->why;
	}
	if (t->origins && !t->bad)
		read_origin(t);
	return true;
}

/* The council's name for a field of the evaluator's, in a mapped table. */
static const char *origin_field(const ehp_table *t, const char *field)
{
	if (!strcmp(field, "row"))
		return t->bad_field[0] ? t->bad_field : field;
	for (int f = 0; f < EHP_MF_N; f++)
		if (!strcmp(field, ehp_map_field_names[f]))
			return t->origins[t->src].column[f] ? t->origins[t->src].column[f] : field;
	return field;
}

void ehp_table_reject(ehp_table *t, const char *field, const char *reason)
{
	if (!t->origins) {
		ehp_reject(t->rj, t->file, t->path, t->csv.line, field, reason, t->csv.raw, t->csv.raw_len);
		return;
	}
	/* The council's row as read, not the row the mapping made of it. */
	const csv_reader *r = &t->csv;
	bool have = t->c_raw >= 0 && (size_t)t->c_raw < r->n_fields && !r->error;
	ehp_reject(t->rj, t->file, t->origins[t->src].path, t->line, origin_field(t, field), reason,
	           have ? csv_field(r, (size_t)t->c_raw) : "", have ? csv_len(r, (size_t)t->c_raw) : 0);
}
