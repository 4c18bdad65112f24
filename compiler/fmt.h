/*
 * fmt.h - `ehpc fmt`: rewrites a plan in the canonical layout of
 * docs/ehpc.md ("ehpc fmt"), keeping every comment and every token.
 */
#ifndef EHPC_FMT_H
#define EHPC_FMT_H

#include <stdio.h>
#include <stddef.h>

/* Formats the plan text (read from `file`, named in diagnostics). Returns
 * the formatted text (malloc'd, NUL-terminated, its length in *out_len), or
 * NULL when the plan has syntax errors (reported to diag_out with their
 * places) or when the layout would not give back the same tokens (an
 * internal error, reported too). */
char *fmt_plan(const char *file, const char *text, size_t len, size_t *out_len, FILE *diag_out);

/* `ehpc fmt [--check] [-o FILE] FILE...`; argv[0] is "fmt". Returns the
 * exit status: 0 done (or, with --check, nothing would change), 1 a plan has
 * syntax errors (or would change), 2 usage or I/O error. */
int fmt_main(int argc, char **argv);

#endif
