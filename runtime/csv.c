/*
 * csv.c - the streaming CSV reader (see csv.h). A small state machine over
 * getc: the files are read once, front to back, so stdio's buffering is all
 * the buffering needed, and memory grows with the longest row only.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csv.h"

static void *grow(void *p, size_t *cap, size_t need, size_t size)
{
	if (need <= *cap)
		return p;
	size_t n = *cap ? *cap : 64;
	while (n < need)
		n *= 2;
	void *q = realloc(p, n * size);
	if (!q) {
		fputs("ehp: out of memory reading CSV\n", stderr);
		abort();
	}
	*cap = n;
	return q;
}

void csv_open(csv_reader *r, FILE *in, const char *path)
{
	*r = (csv_reader){ .in = in, .path = path, .next_line = 1, .at_start = 1 };
}

void csv_close(csv_reader *r)
{
	free(r->buf);
	free(r->start);
	free(r->flen);
	free(r->raw);
	r->buf = r->raw = NULL;
	r->start = r->flen = NULL;
}

/* put and next_char run once per byte of input: the growth check is
 * inline, the call only when a buffer is full. */
static inline void put(csv_reader *r, int c)
{
	if (r->len + 1 > r->cap)
		r->buf = grow(r->buf, &r->cap, r->len + 1, 1);
	r->buf[r->len++] = (char)c;
}

static void end_field(csv_reader *r, size_t field_start)
{
	size_t cap = r->cap_fields;
	r->start = grow(r->start, &cap, r->n_fields + 1, sizeof *r->start);
	r->flen = grow(r->flen, &r->cap_fields, r->n_fields + 1, sizeof *r->flen);
	r->start[r->n_fields] = field_start;
	r->flen[r->n_fields] = r->len - field_start;
	r->n_fields++;
	put(r, '\0');
}

/* Every byte read is also kept in raw, so a rejected row can be written out
 * exactly as it came; raw keeps room for its NUL, written when the row ends
 * (end_row). */
static inline int next_char(csv_reader *r)
{
	int c = getc_unlocked(r->in); /* the reader is one thread's: no lock per byte */
	if (c != EOF) {
		if (r->raw_len + 2 > r->raw_cap)
			r->raw = grow(r->raw, &r->raw_cap, r->raw_len + 2, 1);
		r->raw[r->raw_len++] = (char)c;
	}
	return c;
}

static int end_row(csv_reader *r, size_t field_start)
{
	end_field(r, field_start);
	r->raw[r->raw_len] = '\0';
	return 1;
}

static void unread(csv_reader *r, int c)
{
	ungetc(c, r->in);
	r->raw[--r->raw_len] = '\0';
}

/* The first problem found in a row is the one reported. */
static void note(csv_reader *r, const char *why)
{
	if (!r->error) {
		r->error = why;
		r->error_field = r->n_fields;
	}
}

/* Reads past a line ending whose first byte c was just read (LF, CRLF or a
 * lone CR), dropping it from raw. Returns false at the end of the file. */
static bool end_line(csv_reader *r, int c)
{
	r->raw[--r->raw_len] = '\0';
	r->next_line++;
	if (c == '\r') {
		int d = next_char(r);
		if (d == '\n')
			r->raw[--r->raw_len] = '\0';
		else if (d != EOF)
			unread(r, d);
		else
			return false;
	}
	return true;
}

/* Skips blank lines and the byte order mark; returns the row's first byte. */
static int row_start(csv_reader *r)
{
	for (;;) {
		r->len = r->n_fields = r->raw_len = 0;
		r->line = r->next_line;
		int c = next_char(r);
		if (r->at_start) {
			r->at_start = 0;
			if (c == 0xEF) {
				int b = next_char(r), d = next_char(r);
				if (b != 0xBB || d != 0xBF)
					note(r, "the file starts with bytes that are not UTF-8 text");
				r->raw_len = 0;
				c = next_char(r);
			} else if (c == 0xFF || c == 0xFE) { /* Excel's "Unicode text" */
				int b = next_char(r);
				if (b == (c ^ 0x01))
					note(r, "the file is UTF-16 text: save it as CSV UTF-8");
				if (b != EOF)
					unread(r, b);
			}
		}
		if (c == EOF)
			return EOF;
		if (c != '\n' && c != '\r')
			return c;
		if (!end_line(r, c))
			return EOF;
	}
}

int csv_next(csv_reader *r)
{
	r->error = NULL;
	int c = row_start(r);
	if (c == EOF)
		return 0;
	enum { START, PLAIN, QUOTED, CLOSED } st = START;
	size_t field_start = 0;
	int prev = EOF;
	for (;; prev = c, c = next_char(r)) {
		if (c == '\0')
			note(r, "a NUL byte in the row");
		if (st == QUOTED) {
			if (c == EOF) {
				note(r, "a quoted field is not closed before the end of the file");
				return end_row(r, field_start);
			}
			if (c == '"') {
				st = CLOSED;
			} else {
				/* A line break inside the field: LF, CRLF or a lone CR. */
				if (c == '\r' || (c == '\n' && prev != '\r'))
					r->next_line++;
				put(r, c);
			}
			continue;
		}
		if (st == CLOSED && c == '"') { /* "" inside a quoted field */
			put(r, '"');
			st = QUOTED;
			continue;
		}
		if (c == EOF)
			return end_row(r, field_start);
		if (c == ',') {
			end_field(r, field_start);
			field_start = r->len;
			st = START;
			continue;
		}
		if (c == '\n' || c == '\r') {
			end_line(r, c);
			return end_row(r, field_start);
		}
		if (st == CLOSED)
			note(r, "text after the closing quote of a field");
		else if (c == '"' && st == START) {
			st = QUOTED;
			continue;
		} else if (c == '"')
			note(r, "a quote inside a field that does not start with a quote");
		st = PLAIN;
		put(r, c);
	}
}

/* Spaces around a header name are not part of it. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && isspace((unsigned char)*s)) {
		s++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

int csv_column(const csv_reader *r, const char *name)
{
	return csv_column_after(r, name, -1);
}

int csv_column_after(const csv_reader *r, const char *name, int after)
{
	size_t want = strlen(name);
	for (size_t i = (size_t)(after + 1); i < r->n_fields; i++) {
		size_t n = csv_len(r, i);
		const char *f = trim(csv_field(r, i), &n);
		if (n == want && strncasecmp(f, name, n) == 0)
			return (int)i;
	}
	return -1;
}
