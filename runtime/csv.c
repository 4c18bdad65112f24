/*
 * csv.c - the streaming CSV reader (see csv.h). A small state machine over
 * getc: the files are read once, front to back, so stdio's buffering is all
 * the buffering needed.
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

static void put(csv_reader *r, char c)
{
	r->buf = grow(r->buf, &r->cap, r->len + 1, 1);
	r->buf[r->len++] = c;
}

static void put_raw(csv_reader *r, int c)
{
	r->raw = grow(r->raw, &r->raw_cap, r->raw_len + 2, 1);
	r->raw[r->raw_len++] = (char)c;
	r->raw[r->raw_len] = '\0';
}

static void end_field(csv_reader *r, size_t field_start)
{
	r->start = grow(r->start, &r->cap_fields, r->n_fields + 1, sizeof *r->start);
	r->flen = realloc(r->flen, r->cap_fields * sizeof *r->flen);
	if (!r->flen) {
		fputs("ehp: out of memory reading CSV\n", stderr);
		abort();
	}
	r->start[r->n_fields] = field_start;
	r->flen[r->n_fields] = r->len - field_start;
	r->n_fields++;
	put(r, '\0');
}

static int next_char(csv_reader *r)
{
	int c = getc_unlocked(r->in); /* one reader per stream: no locking needed */
	if (c != EOF)
		put_raw(r, c);
	return c;
}

int csv_next(csv_reader *r)
{
	for (;;) {
		r->len = r->n_fields = r->raw_len = 0;
		r->error = NULL;
		r->line = r->next_line;
		int c = next_char(r);
		if (r->at_start) { /* a UTF-8 byte order mark before the header */
			r->at_start = 0;
			if (c == 0xEF) {
				int b = next_char(r), d = next_char(r);
				if (b != 0xBB || d != 0xBF) {
					r->error = "invalid byte order mark";
				}
				r->raw_len = 0;
				c = next_char(r);
			}
		}
		if (c == EOF)
			return 0;
		if (c == '\n') { /* blank line */
			r->next_line++;
			continue;
		}
		if (c == '\r') {
			int d = next_char(r);
			if (d == '\n' || d == EOF) {
				r->next_line++;
				if (d == EOF)
					return 0;
				continue;
			}
			ungetc(d, r->in);
			r->raw_len--;
		}
		size_t field_start = 0;
		bool quoted = false, after_quote = false;
		for (;; c = next_char(r)) {
			if (c == EOF) {
				if (quoted && !after_quote && !r->error)
					r->error = "a quoted field is not closed";
				end_field(r, field_start);
				return 1;
			}
			if (c == '\0' && !r->error)
				r->error = "a NUL byte in the row";
			if (quoted && !after_quote) {
				if (c == '"') {
					after_quote = true;
				} else {
					if (c == '\n')
						r->next_line++;
					put(r, (char)c);
				}
				continue;
			}
			if (after_quote) {
				after_quote = false;
				if (c == '"') { /* doubled quote inside a quoted field */
					put(r, '"');
					continue;
				}
				quoted = false;
			}
			if (c == ',') {
				end_field(r, field_start);
				field_start = r->len;
				continue;
			}
			if (c == '\n' || c == '\r') {
				if (c == '\r') {
					int d = next_char(r);
					if (d != '\n' && d != EOF) {
						ungetc(d, r->in);
						r->raw_len--;
					}
				}
				r->next_line++;
				end_field(r, field_start);
				/* the raw copy keeps the row without its line ending */
				while (r->raw_len && (r->raw[r->raw_len - 1] == '\n' || r->raw[r->raw_len - 1] == '\r'))
					r->raw[--r->raw_len] = '\0';
				return 1;
			}
			if (c == '"') {
				if (r->len == field_start && !quoted) {
					quoted = true;
					continue;
				}
				if (!r->error)
					r->error = "a quote in the middle of an unquoted field";
			}
			put(r, (char)c);
		}
	}
}

int csv_column(const csv_reader *r, const char *name)
{
	size_t want = strlen(name);
	for (size_t i = 0; i < r->n_fields; i++) {
		const char *f = csv_field(r, i);
		size_t n = csv_len(r, i);
		while (n && isspace((unsigned char)*f)) {
			f++;
			n--;
		}
		while (n && isspace((unsigned char)f[n - 1]))
			n--;
		if (n == want && strncasecmp(f, name, n) == 0)
			return (int)i;
	}
	return -1;
}
