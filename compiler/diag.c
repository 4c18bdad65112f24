/*
 * diag.c - diagnostics for people who edit plans:
 *
 *   plans/devon.ehp:12:8: error: unknown record type `ofence`
 *      12 |   when any ofence in 12 months before entry
 *         |            ^~~~~~
 *   hint: did you mean `offence`?
 *
 * Lines are quoted from the plan text as it was read. Control bytes in the
 * quoted line are shown as spaces so a hostile plan cannot drive the terminal.
 */
#include <stdarg.h>
#include <string.h>
#include "diag.h"

void diag_init(diag *d, const char *file, const char *text, size_t len, FILE *out)
{
	*d = (diag){ .file = file, .text = text, .len = len, .out = out };
}

/* The text of line `line` (1-based), without its line ending. */
static const char *line_text(const diag *d, int line, size_t *n)
{
	const char *p = d->text, *end = d->text + d->len;
	for (int l = 1; l < line && p < end; l++) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		if (!nl)
			return NULL;
		p = nl + 1;
	}
	if (p >= end && line > 1)
		return NULL;
	const char *nl = memchr(p, '\n', (size_t)(end - p));
	size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
	if (len && p[len - 1] == '\r')
		len--;
	*n = len;
	return p;
}

static void quote(diag *d, src_loc loc)
{
	size_t n;
	const char *s = line_text(d, loc.line, &n);
	if (!s || loc.line <= 0)
		return;
	enum { MAX_SHOWN = 200, BEFORE = 80 };
	int col = loc.col > 0 ? loc.col : 1;
	/* A long line is shown from a little before the column, so the caret
	 * stays under the word: "... " stands for what is left out. */
	size_t from = 0;
	if ((size_t)col > MAX_SHOWN - 40 && (size_t)col <= n + 1) {
		from = (size_t)col - 1 - BEFORE;
		while (from < n && ((unsigned char)s[from] & 0xC0) == 0x80)
			from++; /* not in the middle of a UTF-8 character */
	}
	fprintf(d->out, "%5d | %s", loc.line, from ? "... " : "");
	for (size_t i = from; i < n && i < from + MAX_SHOWN; i++) {
		unsigned char c = (unsigned char)s[i];
		putc(c < 0x20 || c == 0x7f ? ' ' : c, d->out);
	}
	if (n > from + MAX_SHOWN)
		fputs(" ...", d->out);
	fprintf(d->out, "\n      | %s", from ? "    " : "");
	for (int i = (int)from + 1; i < col && (size_t)i <= n; i++)
		putc(s[i - 1] == '\t' ? '\t' : ' ', d->out);
	putc('^', d->out);
	if (loc.end_line == loc.line && loc.end_col > col) {
		int last = loc.end_col;
		if ((size_t)last > n)
			last = (int)n;
		if ((size_t)last > from + MAX_SHOWN)
			last = (int)(from + MAX_SHOWN);
		for (int i = col + 1; i <= last && i - col < MAX_SHOWN; i++)
			putc('~', d->out);
	}
	putc('\n', d->out);
}

static void report(diag *d, const char *kind, src_loc loc, const char *fmt, va_list ap)
{
	fprintf(d->out, "%s:%d:%d: %s: ", d->file, loc.line, loc.col, kind);
	vfprintf(d->out, fmt, ap);
	putc('\n', d->out);
	quote(d, loc);
}

void diag_error(diag *d, src_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, "error", loc, fmt, ap);
	va_end(ap);
	d->errors++;
	d->last_error_line = loc.line;
}

void diag_warning(diag *d, src_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, "warning", loc, fmt, ap);
	va_end(ap);
	d->warnings++;
}

void diag_note(diag *d, src_loc loc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	report(d, "note", loc, fmt, ap);
	va_end(ap);
}

void diag_hint(diag *d, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("      = hint: ", d->out);
	vfprintf(d->out, fmt, ap);
	putc('\n', d->out);
	va_end(ap);
}
