/*
 * parse.c - runs the scanner and parser over a plan's text (parse_plan) and
 * holds the scanner's helpers: positions, strings, scanner errors.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include "frontend.h"
#include "parse_ctx.h"
#include "parser.h"
#include "lexer.h"

bool lex_advance(struct lex_state *s, src_loc *loc, const char *text, size_t len)
{
	loc->line = s->line;
	loc->col = s->col;
	size_t start = s->offset;
	s->offset += len;
	if (len && text[0] != ' ' && text[0] != '\t' && text[0] != '\r' && text[0] != '\n' && text[0] != '#') {
		s->tok_offset = start;
		s->first_on_line = s->token_line != s->line;
		s->token_line = s->line;
		s->sync_token = false;
	}
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
	return start < s->skip_to;
}

/* A scanner error on a line that already has an error, or among the words
 * the parser skips to resynchronise, is most likely part of the same mistake
 * (the words of a string that lost its quote): it is not reported. */
void lex_error(struct lex_state *s, const src_loc *loc, const char *fmt, ...)
{
	if (s->recovering || s->diag->last_error_line == loc->line)
		return;
	char msg[512];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	diag_error(s->diag, *loc, "%s", msg);
}

void lex_rewind(struct lex_state *s, src_loc *loc, const char *text, size_t keep)
{
	s->line = loc->line;
	s->col = loc->col;
	s->offset = s->tok_offset;
	lex_advance(s, loc, text, keep);
}

/* The span of text[off], counted from the token's start at loc. */
static src_loc loc_at(src_loc loc, const char *text, size_t off, size_t len)
{
	src_loc at = { loc.line, loc.col, 0, 0 };
	for (size_t i = 0; i < off; i++) {
		if (text[i] == '\n') {
			at.line++;
			at.col = 1;
		} else {
			at.col++;
		}
	}
	at.end_line = at.line;
	at.end_col = at.col + (len ? (int)len - 1 : 0);
	return at;
}

/* The next word of [*p, end) after blanks: its length, 0 if none. */
static size_t word(const char **p, const char *end)
{
	while (*p < end && (**p == ' ' || **p == '\t' || **p == '\r'))
		(*p)++;
	const char *w = *p;
	while (*p < end && **p != ' ' && **p != '\t' && **p != '\r')
		(*p)++;
	return (size_t)(*p - w);
}

static bool is(const char *w, size_t n, const char *list)
{
	for (const char *l = list; *l;) {
		size_t k = strcspn(l, " ");
		if (k == n && !memcmp(w, l, n))
			return true;
		l += k;
		l += *l == ' ';
	}
	return false;
}

/* Whether a line inside a string reads as the start of a plan clause: the
 * sign that the string lost its closing quote and ran on into the plan.
 * `last`: the string's closing quote follows this line's text, where the
 * wording of the next row would begin (`indicator 1.2 "...`). */
static bool reads_as_clause(const char *p, const char *end, bool last)
{
	size_t n1 = word(&p, end);
	const char *w1 = p - n1;
	if (n1 && w1[0] == '#')
		return true; /* a comment */
	size_t n2 = word(&p, end);
	const char *w2 = p - n2;
	size_t n3 = word(&p, end);
	const char *w3 = p - n3;
	if (!n1)
		return false;
	if (w1[0] == '=')
		return true; /* `= person aged 13 or over`: a cohort's definition */
	if (is(w1, n1, "when where") &&
	    (is(w2, n2, "any no has count sum rate some every not person score themes indicators entry closure claim") ||
	     (n2 && w2[0] == '(') || memchr(w2, '_', n2) || is(w3, n3, "throughout is")))
		return true;
	if (is(w1, n1, "exempt eligible claimable") && is(w2, n2, "when"))
		return true;
	if (is(w1, n1, "parameter") && n2 && ((n3 && w3[0] == '=') || (n2 > 1 && w2[n2 - 1] == '=')))
		return true;
	if (is(w1, n1, "cohort") && n2 && ((n3 && w3[0] == '=') || (last && !n3)))
		return true;
	if (is(w1, n1, "for") && is(w2, n2, "indicator indicators theme") && n3)
		return true;
	if (is(w1, n1, "who") && is(w2, n2, "household family child adult anyone") && !n3)
		return true;
	if (is(w1, n1, "family supplementary") && !n2)
		return true;
	if (!last)
		return false;
	/* the line just before the next row's wording */
	if (is(w1, n1, "indicator outcome footnote theme") && n2 && !n3)
		return true;
	if (is(w1, n1, "plan text glossary source period note council reading") && !n2)
		return true;
	return false;
}

void lex_lost_name(struct lex_state *s, size_t word_len)
{
	const char *p = s->text + s->tok_offset + word_len, *end = s->text + s->len;
	if (s->tok_offset + word_len > s->len)
		return;
	while (p < end && (*p == ' ' || *p == '\t'))
		p++;
	const char *name = p;
	while (p < end && !strchr(" \t\r\n\"", *p))
		p++;
	if (p > name)
		vec_push(s->arena, &s->plan->lost, arena_strndup(s->arena, name, (size_t)(p - name)));
}

bool lex_missing_open_quote(struct lex_state *s, const src_loc *at)
{
	const char *text = s->text, *end = text + s->len;
	if (s->tok_offset >= s->len)
		return false;
	const char *word = text + s->tok_offset;
	const char *q = memchr(word, '"', (size_t)(end - word));
	if (!q || q == word)
		return false;
	/* A closing quote hugs the word before it and ends its line. */
	if (q[-1] == ' ' || q[-1] == '\t' || q[-1] == '\n' || q[-1] == '\r')
		return false;
	const char *after = q + 1;
	while (after < end && (*after == ' ' || *after == '\t' || *after == '\r'))
		after++;
	if (after < end && *after != '\n')
		return false;
	/* No line between reads as plan (or starts a comment). */
	for (const char *p = memchr(word, '\n', (size_t)(q - word)); p;) {
		const char *line = p + 1;
		const char *nl = memchr(line, '\n', (size_t)(q - line));
		if (reads_as_clause(line, nl ? nl : q, false))
			return false;
		p = nl;
	}
	size_t n = 0; /* the first word, for the message (the text need not end in NUL) */
	while (word + n < q && !strchr(" \t\r\n", word[n]))
		n++;
	if (s->diag->last_error_line != at->line) /* else a curly quote there said it */
		diag_error(s->diag, *at, "this wording has no opening quote: add a `\"` before `%.*s`", (int)(n > 40 ? 40 : n), word);
	s->skip_to = (size_t)(q - text);
	return true;
}

int lex_string(struct lex_state *s, src_loc *loc, union YYSTYPE *val, const char *text, size_t *keep)
{
	size_t len = *keep, end = 1;
	if (s->tok_offset == s->skip_to && s->skip_to) {
		*keep = 1; /* the closing quote of a wording skipped (lex_missing_open_quote) */
		return 0;
	}
	bool closed = false;
	while (end < len) {
		if (text[end] == '\\') {
			end += end + 1 < len ? 2 : 1;
		} else if (text[end] == '"') {
			closed = true;
			break;
		} else {
			end++;
		}
	}
	if (end > len)
		end = len;
	/* Lines after the first: does the string run on into the plan? It then
	 * ends at the end of the line before the first line that reads as plan. */
	const char *cut = NULL;
	for (const char *p = memchr(text, '\n', end); p && !cut;) {
		const char *line = p + 1, *stop = text + end;
		const char *nl = memchr(line, '\n', (size_t)(stop - line));
		if (reads_as_clause(line, nl ? nl : stop, !nl && closed))
			cut = p;
		p = nl;
	}
	src_loc start = loc_at(*loc, text, 0, 1);
	size_t content_end = cut ? (size_t)(cut - text) : end;
	bool blank = true, multi_line = memchr(text, '\n', end) != NULL;
	for (size_t i = 1; i < content_end; i++)
		blank &= text[i] == ' ' || text[i] == '\t' || text[i] == '\r' || text[i] == '\n';
	const char *nl1 = memchr(text, '\n', end);
	bool first_blank = true; /* nothing after the quote on its line */
	for (size_t i = 1; i < (nl1 ? (size_t)(nl1 - text) : end); i++)
		first_blank &= text[i] == ' ' || text[i] == '\t' || text[i] == '\r';
	bool after_error = s->recovering || s->diag->last_error_line == start.line;
	if ((blank && (cut || (closed && multi_line))) || (first_blank && multi_line && after_error)) {
		/* `indicator 1.1 Convicted"`, or `text Heading"` then `  "Body..."`:
		 * the quote closes a string that was never opened. It is dropped;
		 * the wording before it has most likely given an error already. */
		*keep = 1;
		if (!after_error)
			diag_error(s->diag, start, "this `\"` ends a string that was never opened: add a `\"` where the wording starts");
		return 0;
	}
	if (cut)
		*keep = content_end; /* the rest is read again, as plan */
	if (cut || !closed)
		diag_error(s->diag, start, "this string is not closed: add a `\"` at its end");
	char *str = arena_alloc(s->arena, content_end + 1);
	size_t n = 0;
	for (size_t i = 1; i < content_end; i++) {
		if (text[i] != '\\') {
			str[n++] = text[i];
			continue;
		}
		char c = i + 1 < content_end ? text[i + 1] : '\0';
		if (c == '"' || c == '\\') {
			str[n++] = c;
		} else {
			char shown[3] = { '\\', c == '\n' ? '\0' : c, '\0' };
			diag_error(s->diag, loc_at(*loc, text, i, c && c != '\n' ? 2 : 1),
			           "unknown escape `%s` in a string; write \\\" for a quote, \\\\ for a backslash", shown);
		}
		i++;
	}
	str[n] = '\0';
	if (memchr(str, '\0', n))
		diag_error(s->diag, start, "a string contains a NUL byte");
	val->str = str;
	return STRING;
}

plan *parse_plan(arena *a, diag *d, const char *file, const char *text, size_t len)
{
	plan *p = arena_alloc(a, sizeof *p);
	p->file = file;
	struct lex_state st = { .arena = a, .diag = d, .plan = p, .text = text, .len = len, .line = 1, .col = 1,
	                        .current_theme = -1 };
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
		/* Nested past bison's stack (reported by yyerror, located): the
		 * tree is partial, so it is not checked. */
		return NULL;
	}
	return p;
}
