/*
 * diag.h - diagnostics in the form `file:line:col: error: message`, then the
 * source line and a caret (^~~~ under the whole span when it is on one line).
 */
#ifndef EHPC_DIAG_H
#define EHPC_DIAG_H

#include <stdio.h>
#include "ast.h"

typedef struct {
	const char *file;      /* as given on the command line */
	const char *text;      /* the whole plan text, to quote lines from */
	size_t len;
	FILE *out;             /* usually stderr */
	int errors, warnings;
	int last_error_line;   /* the line of the last error, 0 before the first */
} diag;

void diag_init(diag *d, const char *file, const char *text, size_t len, FILE *out);
void diag_error(diag *d, src_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void diag_warning(diag *d, src_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* `file:line:col: note: message` and the quoted line, attached to the previous
 * diagnostic (e.g. where a duplicate was first defined); not counted. */
void diag_note(diag *d, src_loc loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/* A `note:` or `hint:` line attached to the previous diagnostic, no source quote. */
void diag_hint(diag *d, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));

#endif
