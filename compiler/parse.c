/*
 * parse.c - runs the scanner and parser over a plan's text (parse_plan) and
 * holds the scanner's helpers: positions, strings, scanner errors.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include "frontend.h"
#include "parse_ctx.h"
#include "parser.h"
#include "lexer.h"

void lex_advance(struct lex_state *s, src_loc *loc, const char *text, size_t len)
{
	loc->line = s->line;
	loc->col = s->col;
	for (size_t i = 0; i < len; i++) {
		loc->end_line = s->line;
		loc->end_col = s->col;
		if (text[i] == '\n') {
			s->line++;
			s->col = 1;
		} else {
			s->col++;
		}
	}
	if (!len) {
		loc->end_line = s->line;
		loc->end_col = s->col;
	}
}

void lex_error(struct lex_state *s, const src_loc *loc, const char *fmt, ...)
{
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(s->diag, *loc, "%s", msg);
}

void lex_string_begin(struct lex_state *s, const src_loc *loc)
{
	s->slen = 0;
	s->sloc = *loc;
}

void lex_string_add(struct lex_state *s, const char *text, size_t len)
{
	if (s->slen + len + 1 > s->scap) {
		size_t cap = s->scap ? s->scap : 256;
		while (cap < s->slen + len + 1)
			cap *= 2;
		char *b = arena_alloc(s->arena, cap);
		if (s->slen)
			memcpy(b, s->sbuf, s->slen);
		s->sbuf = b;
		s->scap = cap;
	}
	memcpy(s->sbuf + s->slen, text, len);
	s->slen += len;
}

char *lex_string_end(struct lex_state *s, src_loc *loc)
{
	loc->line = s->sloc.line;
	loc->col = s->sloc.col;
	char *str = arena_strndup(s->arena, s->sbuf ? s->sbuf : "", s->slen);
	if (memchr(str, '\0', s->slen))
		diag_error(s->diag, *loc, "a string contains a NUL byte");
	return str;
}

void lex_unclosed_string(struct lex_state *s)
{
	src_loc at = s->sloc;
	at.end_line = at.line;
	at.end_col = at.col;
	diag_error(s->diag, at, "this string is not closed: add a `\"` at its end");
}

plan *parse_plan(arena *a, diag *d, const char *file, const char *text, size_t len)
{
	plan *p = arena_alloc(a, sizeof *p);
	p->file = file;
	struct lex_state st = { .arena = a, .diag = d, .plan = p, .line = 1, .col = 1, .current_theme = -1 };
	yyscan_t scanner;
	if (yylex_init_extra(&st, &scanner) != 0) {
		fputs("ehpc: cannot start the scanner\n", stderr);
		return NULL;
	}
	YY_BUFFER_STATE buf = yy_scan_bytes(text, (int)len, scanner);
	int rc = yyparse(scanner, &st);
	yy_delete_buffer(buf, scanner);
	yylex_destroy(scanner);
	if (rc == 2) {
		fputs("ehpc: out of memory while parsing\n", stderr);
		return NULL;
	}
	return p;
}
