/*
 * parse_ctx.h - state shared by the scanner and the parser of one plan:
 * the arena, the diagnostics, the plan being built and the scanner's
 * position. Nothing here is global, so compilations can run side by side.
 */
#ifndef EHPC_PARSE_CTX_H
#define EHPC_PARSE_CTX_H

#include <stddef.h>
#include "arena.h"
#include "ast.h"
#include "diag.h"

struct lex_state {
	arena *arena;
	diag *diag;
	plan *plan;
	int line, col;          /* of the next byte to scan */
	char *sbuf;             /* the string being scanned */
	size_t slen, scap;
	src_loc sloc;           /* where it started */
	int current_theme;      /* index of the last `theme`, -1 before the first */
	row *row;               /* the indicator or outcome whose clauses are being read */
};

void lex_advance(struct lex_state *s, src_loc *loc, const char *text, size_t len);
void lex_error(struct lex_state *s, const src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void lex_string_begin(struct lex_state *s, const src_loc *loc);
void lex_string_add(struct lex_state *s, const char *text, size_t len);
char *lex_string_end(struct lex_state *s, src_loc *loc);
void lex_unclosed_string(struct lex_state *s);

#endif
