/*
 * parse_ctx.h - state shared by the scanner and the parser of one plan:
 * the arena, the diagnostics, the plan being built and the scanner's
 * position. Nothing here is global, so compilations can run side by side.
 */
#ifndef EHPC_PARSE_CTX_H
#define EHPC_PARSE_CTX_H

#include <stdbool.h>
#include <stddef.h>
#include "arena.h"
#include "ast.h"
#include "diag.h"

struct lex_state {
	arena *arena;
	diag *diag;
	plan *plan;
	const char *text;       /* the plan's text, as given to parse_plan */
	size_t len;
	int line, col;          /* of the next byte to scan */
	size_t offset;          /* of the next byte to scan, from the start of the text */
	size_t tok_offset;      /* where the last token (not layout) starts */
	size_t skip_to;         /* nothing before this offset is scanned: the wording of
	                           a string that lost its opening quote; its closing
	                           quote, at this offset, is dropped */
	int current_theme;      /* index of the last `theme`, -1 before the first */
	row *row;               /* the indicator or outcome whose clauses are being read */
	theme *theme;           /* the last `theme`, for its readings */
	const char *last_item;  /* what the last item was, in words ("a parameter"), for a
	                           `reading` that follows something it cannot read */
	int family_rule;        /* the family rule just read: 0 none yet, 1 eligible, 2 claimable,
	                           -1 one that broke (reported) */
	bool after_error;       /* the last item broke (reported) */
	bool recovering;        /* after a syntax error, until a clause keyword starts a line:
	                           the parser is skipping words; the scanner reports nothing
	                           and hands keywords in the middle of a line over as names */
	int token_line;         /* the line of the last token scanned */
	bool first_on_line;     /* the last token was the first on its line */
	src_loc paren[32];      /* the brackets open, innermost last (the first 32) */
	int parens;
	bool sync_token;        /* the last token starts a clause and its line: where the
	                           parser resynchronises after a syntax error */
	ptr_vec steps;          /* param_step *: a dated parameter's values being read */
};

/* Advances the position over a match; true when the match lies in text
 * being skipped (the scanner then drops it). */
bool lex_advance(struct lex_state *s, src_loc *loc, const char *text, size_t len);
/* The name after the last token (`1.1` after a misspelt `indicator`),
 * noted in plan.lost: its item was skipped after a syntax error. */
void lex_lost_name(struct lex_state *s, size_t word_len);
/* After a syntax error at the last token: when it is the first word of a
 * wording whose opening quote is missing (the next quote closes a string,
 * hugging a word at the end of a line, with no plan clause between),
 * reports that once (unless its line has an error already, such as a curly
 * quote), makes the scanner skip the wording and returns true. */
bool lex_missing_open_quote(struct lex_state *s, const src_loc *at);
void lex_error(struct lex_state *s, const src_loc *loc, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

union YYSTYPE;
/* A string token read whole from its opening quote (text, NUL-terminated,
 * ending at its closing quote or at the end of the file). Sets *keep to the
 * bytes the token keeps (fewer when a string that lost its closing quote
 * ends at the end of its first line: the scanner reads the rest again) and
 * returns STRING, or 0 when the quote is dropped as a stray. */
int lex_string(struct lex_state *s, src_loc *loc, union YYSTYPE *val, const char *text, size_t *keep);
/* After the scanner gave back all but `keep` bytes of the token at loc. */
void lex_rewind(struct lex_state *s, src_loc *loc, const char *text, size_t keep);

/* The keyword list (grammar/keywords.def), sorted by spelling. */
struct lex_keyword {
	const char *word;
	int token;
};
extern const struct lex_keyword lex_keywords[];
extern const size_t lex_n_keywords;
/* The token of the keyword s[0..n), or 0 when it is a name. */
int lex_keyword(const char *s, size_t n);
/* ": what to write instead" of an ASCII character the language does not use, or "". */
const char *lex_char_advice(int c);
/* Whether the keyword's token starts a plan item or a row's clause. */
bool lex_starts_clause(int token);

#endif
