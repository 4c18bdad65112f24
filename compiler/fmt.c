/*
 * fmt.c - `ehpc fmt`: one canonical layout for a plan (docs/ehpc.md,
 * "ehpc fmt").
 *
 * The plan is parsed first (a plan with syntax errors is refused, with the
 * usual diagnostics). The layout is then made from the source bytes: a small
 * scanner splits them into words, strings, punctuation and comments, and
 * each token is written with one function, put(), which alone writes
 * newlines and indentation. Where a line starts is decided by the token
 * (a statement keyword, a clause keyword, or a break the author made inside
 * a clause); how far a continuation line is indented is decided by the
 * syntax tree: under the first word of the test or selection it continues,
 * after the bracket it is in, or two spaces in for a clause-level `and`/`or`.
 *
 * Strings and comments are copied byte for byte. Before anything is
 * written, the output is scanned again by the real scanner and must give
 * the same tokens, with the same values, as the input: formatting cannot
 * change what a plan means.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomic.h"
#include "fmt.h"
#include "frontend.h"
#include "parse_ctx.h"
#include "parser.h"
#include "lexer.h"

#define MAX_PLAN (64u << 20)
#define MAX_PARENS 64

enum { FMT_OK = 0, FMT_ERRORS = 1, FMT_USAGE = 2 };

/* ------------------------------------------------------------ tokens */

enum { T_WORD, T_STR, T_PUNCT, T_COMMENT };

typedef struct {
	int kind;
	const char *p;
	size_t n;
	int line, col;   /* of its first byte, counted as src_loc counts */
	int end_line;    /* of its last byte */
	int blanks;      /* blank lines between it and what came before */
	bool own_line;   /* only layout before it on its line */
} tok;

typedef struct {
	tok *v;
	int n, cap;
} tok_vec;

static bool push_tok(tok_vec *tv, tok t)
{
	if (tv->n == tv->cap) {
		int cap = tv->cap ? tv->cap * 2 : 1024;
		tok *v = realloc(tv->v, (size_t)cap * sizeof *v);
		if (!v)
			return false;
		tv->v = v;
		tv->cap = cap;
	}
	tv->v[tv->n++] = t;
	return true;
}

static bool is_pound(const char *s, size_t i, size_t len)
{
	return (unsigned char)s[i] == 0xC2 && i + 1 < len && (unsigned char)s[i + 1] == 0xA3;
}

static bool is_punct(char c)
{
	return c && memchr("()<>=%,:", c, 8) != NULL;
}

static bool is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\r' || c == '\n';
}

/* Splits a plan that parsed into tokens. Returns false when out of memory. */
static bool scan(const char *s, size_t len, tok_vec *tv)
{
	size_t i = 0;
	int line = 1, col = 1, newlines = 0;
	bool first = true;
	while (i < len) {
		char c = s[i];
		if (is_space(c)) {
			if (c == '\n') {
				line++;
				col = 1;
				newlines++;
			} else {
				col++;
			}
			i++;
			continue;
		}
		tok t = { .p = s + i, .line = line, .col = col };
		t.own_line = first || newlines > 0;
		t.blanks = first ? newlines : newlines > 0 ? newlines - 1 : 0;
		first = false;
		newlines = 0;
		size_t j = i;
		if (c == '#') {
			while (j < len && s[j] != '\n')
				j++;
			size_t e = j;
			while (e > i && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r'))
				e--;
			t.kind = T_COMMENT;
			t.n = e - i;
		} else {
			if (c == '"') {
				for (j++; j < len && s[j] != '"'; j++)
					if (s[j] == '\\' && j + 1 < len)
						j++;
				j = j < len ? j + 1 : len;
				t.kind = T_STR;
			} else if (is_pound(s, i, len)) {
				j += 2;
				t.kind = T_PUNCT;
			} else if ((c == '<' || c == '>') && i + 1 < len && s[i + 1] == '=') {
				j += 2;
				t.kind = T_PUNCT;
			} else if (is_punct(c)) {
				j++;
				t.kind = T_PUNCT;
			} else {
				while (j < len && !is_space(s[j]) && s[j] != '#' && s[j] != '"' && !is_punct(s[j]) &&
				       !is_pound(s, j, len))
					j++;
				t.kind = T_WORD;
			}
			t.n = j - i;
		}
		for (size_t k = i; k < j; k++) {
			if (s[k] == '\n') {
				line++;
				col = 1;
			} else {
				col++;
			}
		}
		t.end_line = t.kind == T_STR && j > i && s[j - 1] == '\n' ? line - 1 : line;
		if (!push_tok(tv, t))
			return false;
		i = j;
	}
	return true;
}

static bool is(const tok *t, const char *w)
{
	size_t n = strlen(w);
	return t && t->kind != T_STR && t->kind != T_COMMENT && t->n == n && !memcmp(t->p, w, n);
}

/* ------------------------------------------------------------ spans from the tree */

/* Where a continuation line inside a condition is indented depends on what
 * it continues: a selection or a group of people (SP_SEL) or a test
 * (SP_LEAF: a condition other than and/or/not and some/every ... has) puts
 * it under their first word; an `and` or `or` that starts a line goes under
 * the first word of its chain (SP_OP: `a and b and c` is one chain), or
 * two spaces into the clause for the chain that is the clause's whole
 * condition. */
enum { SP_SEL, SP_LEAF, SP_OP };

typedef struct {
	src_loc loc;
	int kind;
	src_loc chain;   /* SP_OP: the chain's start */
	bool root;       /* SP_OP: the chain is the clause's whole condition */
} span;

typedef struct {
	span *v;
	int n, cap;
	bool oom;
} span_vec;

static void add_span(span_vec *sv, span sp)
{
	if (sp.loc.line <= 0 || sv->oom)
		return;
	if (sv->n == sv->cap) {
		int cap = sv->cap ? sv->cap * 2 : 256;
		span *v = realloc(sv->v, (size_t)cap * sizeof *v);
		if (!v) {
			sv->oom = true;
			return;
		}
		sv->v = v;
		sv->cap = cap;
	}
	sv->v[sv->n++] = sp;
}

static void walk_window(span_vec *sv, const window *w)
{
	if (!w)
		return;
	if (w->sel)
		add_span(sv, (span){ .loc = w->sel->loc, .kind = SP_SEL });
	walk_window(sv, w->of);
	walk_window(sv, w->from);
	walk_window(sv, w->to);
}

/* chain: the start of the chain c continues (c is the left side of a node
 * with the same operator), or NULL. */
static void walk_cond(span_vec *sv, const cond *c, const src_loc *chain, bool root)
{
	if (!c)
		return;
	switch (c->kind) {
	case COND_AND:
	case COND_OR: {
		span sp = { .loc = c->loc, .kind = SP_OP, .chain = chain ? *chain : c->loc, .root = root };
		add_span(sv, sp);
		bool same = c->a && c->a->kind == c->kind;
		walk_cond(sv, c->a, same ? &sp.chain : NULL, same && root);
		walk_cond(sv, c->b, NULL, false);
		return;
	}
	case COND_NOT:
		walk_cond(sv, c->a, NULL, false);
		return;
	case COND_SOME_HAS:
	case COND_EVERY_HAS:
	case COND_SOME_IS:
		if (c->who)
			add_span(sv, (span){ .loc = c->who->loc, .kind = SP_SEL });
		walk_cond(sv, c->a, NULL, false);
		if (c->kind != COND_SOME_IS)
			return;
		break;
	default:
		break;
	}
	add_span(sv, (span){ .loc = c->loc, .kind = SP_LEAF });
	if (c->sel.n_types)
		add_span(sv, (span){ .loc = c->sel.loc, .kind = SP_SEL });
	if (c->sel2)
		add_span(sv, (span){ .loc = c->sel2->loc, .kind = SP_SEL });
	walk_window(sv, c->win);
	walk_window(sv, c->win2);
}

static void walk_rows(span_vec *sv, const ptr_vec *rows)
{
	for (int i = 0; i < rows->n; i++) {
		const row *r = rows->v[i];
		walk_cond(sv, r->when, NULL, true);
		walk_cond(sv, r->where, NULL, true);
		walk_cond(sv, r->exempt, NULL, true);
	}
}

static int pos_cmp(int l1, int c1, int l2, int c2)
{
	return l1 != l2 ? (l1 < l2 ? -1 : 1) : c1 != c2 ? (c1 < c2 ? -1 : 1) : 0;
}

/* The span of the kind wanted that holds t after its first token and starts
 * last, or of those ends first (the innermost), or NULL. */
static const span *innermost(const span_vec *sv, const tok *t, int kind)
{
	const span *best = NULL;
	for (int i = 0; i < sv->n; i++) {
		const src_loc *l = &sv->v[i].loc;
		if (sv->v[i].kind != kind || pos_cmp(l->line, l->col, t->line, t->col) >= 0 ||
		    pos_cmp(t->line, t->col, l->end_line, l->end_col) > 0)
			continue;
		int c = best ? pos_cmp(l->line, l->col, best->loc.line, best->loc.col) : 1;
		if (c > 0 || (c == 0 && pos_cmp(l->end_line, l->end_col, best->loc.end_line, best->loc.end_col) < 0))
			best = &sv->v[i];
	}
	return best;
}

/* The token that starts at (line, col). */
static int tok_at(const tok_vec *tv, int line, int col)
{
	int lo = 0, hi = tv->n - 1;
	while (lo <= hi) {
		int mid = lo + (hi - lo) / 2;
		int c = pos_cmp(tv->v[mid].line, tv->v[mid].col, line, col);
		if (!c)
			return mid;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* ------------------------------------------------------------ output */

typedef struct {
	char *b;
	size_t n, cap;
	int col;
	bool oom;
} out;

static void out_add(out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->n + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 1 << 16;
		while (cap < o->n + n + 1)
			cap *= 2;
		char *b = realloc(o->b, cap);
		if (!b) {
			o->oom = true;
			return;
		}
		o->b = b;
		o->cap = cap;
	}
	memcpy(o->b + o->n, s, n);
	o->n += n;
	o->b[o->n] = '\0';
}

/* The one place that writes layout: `lines` 0 continues the line (after a
 * space when `space`), 1 starts a new line, 2 leaves one blank line first;
 * a new line is indented by `indent` spaces. Then the token's bytes. */
static void put(out *o, int lines, int indent, bool space, const char *s, size_t n)
{
	static const char spaces[] = "                                                                ";
	if (lines) {
		if (o->n)
			out_add(o, "\n\n", (size_t)(lines > 1 ? 2 : 1));
		o->col = 0;
		while (o->col < indent) {
			int k = indent - o->col < 64 ? indent - o->col : 64;
			out_add(o, spaces, (size_t)k);
			o->col += k;
		}
	} else if (space && o->n) {
		out_add(o, " ", 1);
		o->col++;
	}
	out_add(o, s, n);
	const char *nl = memchr(s, '\n', n);
	if (!nl) {
		o->col += (int)n;
		return;
	}
	for (const char *q = s + n; q > s; q--)
		if (q[-1] == '\n') {
			o->col = (int)(s + n - q);
			break;
		}
}

/* ------------------------------------------------------------ layout */

typedef struct {
	const tok_vec *tv;
	const span_vec *sv;
	int *outcol;             /* per token: the output column it starts at */
	out o;
	/* the statement being written */
	const tok *stmt;         /* its keyword */
	bool head;               /* before its first clause */
	int nstr;                /* strings in its head */
	int clause_indent;       /* of the current clause */
	int content_col;         /* where the clause's text starts, after its keywords */
	int pcol[MAX_PARENS];    /* output columns of the clause's open brackets */
	int pline[MAX_PARENS];   /* the indentation of the line each is on */
	int np;
	int line_indent;         /* of the line being written */
	int nobreak_until;       /* tokens up to this one stay on the clause's first line */
} layout;

/* Statement keywords start a line at the left margin. The same words in a
 * clause (`for theme`, `every indicator met`, `an outcome achieved`, `who
 * family`) do not. */
static bool starts_statement(const tok *prev, const tok *t, const tok *next)
{
	static const char *const always[] = { "plan", "text", "footnote", "glossary", "parameter", "cohort" };
	for (size_t i = 0; i < sizeof always / sizeof *always; i++)
		if (is(t, always[i]))
			return true;
	if (is(next, "from")) /* a member limit: `at most 1 theme from each ...` */
		return false;
	if (is(t, "indicator"))
		return !is(prev, "for") && !is(prev, "every") && !is(prev, "no");
	if (is(t, "outcome"))
		return !is(prev, "an");
	if (is(t, "theme"))
		return !is(prev, "for");
	if (is(t, "family"))
		return is(next, "eligible") || is(next, "claimable");
	return false;
}

/* One blank line always comes before these (and the comments above them). */
static bool spaced_statement(const tok *t)
{
	return is(t, "theme") || is(t, "indicator") || is(t, "outcome") || is(t, "cohort") || is(t, "family");
}

/* Clause keywords start a line indented by two. Returns how many tokens the
 * clause's keywords take (`exempt when`, `for indicators`), 0 if t starts none. */
static int starts_clause(const layout *L, const tok *prev, const tok *t, const tok *next)
{
	static const char *const always[] = { "period", "note", "source", "council", "revised", "evidence",
		                              "where", "supplementary", "reading" };
	for (size_t i = 0; i < sizeof always / sizeof *always; i++)
		if (is(t, always[i]))
			return 1;
	if (is(t, "who"))
		return is(next, "is") || is(next, "has") ? 0 : 1;
	if (is(t, "when"))
		return is(prev, "exempt") || is(prev, "eligible") || is(prev, "claimable") ? 0 : 1;
	if (is(t, "exempt") || is(t, "eligible") || is(t, "claimable"))
		return is(next, "when") ? 2 : 1;
	if (is(t, "for"))
		return is(next, "indicator") || is(next, "indicators") || is(next, "theme") ? 2 : 0;
	if (!L->head || !L->stmt)
		return 0;
	if (is(t, "=") && is(L->stmt, "cohort"))
		return 1;
	/* The second string of `text` and `theme`, a parameter's description:
	 * on a line of their own. */
	if (t->kind == T_STR && ((L->nstr == 1 && (is(L->stmt, "text") || is(L->stmt, "theme"))) ||
	                         (L->nstr == 0 && is(L->stmt, "parameter"))))
		return 1;
	return 0;
}

/* The output column of the token at loc, which came before token i; -1 if none. */
static int col_of(const layout *L, src_loc loc, int i)
{
	int k = tok_at(L->tv, loc.line, loc.col);
	return k >= 0 && k < i ? L->outcol[k] : -1;
}

/* How far a line that continues a clause is indented. */
static int continuation(const layout *L, int i)
{
	const tok *t = &L->tv->v[i];
	if (L->head)
		return 4;
	const span *s = innermost(L->sv, t, SP_SEL);
	if (!s)
		s = innermost(L->sv, t, SP_LEAF);
	int c = s ? col_of(L, s->loc, i) : -1;
	if (c >= 0)
		return c;
	bool op = is(t, "and") || is(t, "or");
	if (op && (s = innermost(L->sv, t, SP_OP)) != NULL) {
		if (s->root)
			return L->clause_indent + 2;
		if ((c = col_of(L, s->chain, i)) >= 0)
			return c;
	}
	if (L->np)
		return L->pcol[L->np - 1] + 1;
	if (op)
		return L->clause_indent + 2;
	return L->content_col;
}

static int min1(int n)
{
	return n > 0 ? 1 : 0;
}

static void lay_out(layout *L)
{
	const tok_vec *tv = L->tv;
	const tok *prev = NULL;
	bool forced = false;     /* a trailing comment ended the line */
	int pending = -1;        /* the first comment on a line of its own not yet written */
	for (int i = 0; i < tv->n; i++) {
		const tok *t = &tv->v[i];
		if (t->kind == T_COMMENT) {
			if (!t->own_line && prev) {
				put(&L->o, 0, 0, true, t->p, t->n);
				forced = true;
			} else if (pending < 0) {
				pending = i;
			}
			continue;
		}
		const tok *next = NULL;
		for (int k = i + 1; k < tv->n && !next; k++)
			if (tv->v[k].kind != T_COMMENT)
				next = &tv->v[k];

		int lines = 0, indent = 0, head_words = 0;
		bool top = starts_statement(prev, t, next);
		if (top) {
			lines = !L->o.n ? 0 : spaced_statement(t) ? 2 : 1 + min1(t->blanks);
			L->stmt = t;
			L->head = true;
			L->nstr = 0;
			L->np = 0;
			L->clause_indent = 0;
		} else if ((head_words = starts_clause(L, prev, t, next)) > 0) {
			lines = 1;
			indent = 2;
			L->head = false;
			L->np = 0;
			L->clause_indent = 2;
			L->content_col = 2;
			for (int k = i, w = 0; k < tv->n && w < head_words; k++)
				if (tv->v[k].kind != T_COMMENT) {
					L->content_col += (int)tv->v[k].n + 1;
					L->nobreak_until = k;
					w++;
				}
			for (int k = L->nobreak_until + 1; k < tv->n; k++)
				if (tv->v[k].kind != T_COMMENT) {
					L->nobreak_until = k;
					break;
				}
		} else {
			/* `or over`, `or under`, `who is`, `who has` are one word to the scanner. */
			bool glued = (is(prev, "or") && (is(t, "over") || is(t, "under"))) ||
			             (is(prev, "who") && (is(t, "is") || is(t, "has")));
			bool author = prev && t->line > prev->end_line && !L->head && i > L->nobreak_until && !glued;
			if (forced || pending >= 0 || author) {
				lines = 1;
				/* A line that ends with `(`: what is inside is indented
				 * by four from that line. */
				if (is(prev, "(") && L->np)
					L->pcol[L->np - 1] = L->pline[L->np - 1] + 3;
				indent = continuation(L, i);
			}
		}

		if (pending >= 0) {
			/* Comments on lines of their own belong to the line below them. */
			for (int k = pending; k < i; k++) {
				const tok *c = &tv->v[k];
				int cl = 1;
				if (top && k == pending)
					cl = !L->o.n ? 0 : spaced_statement(t) ? 2 : 1 + min1(c->blanks);
				else if (top)
					cl = 1 + min1(c->blanks);
				put(&L->o, cl, indent, false, c->p, c->n);
			}
			lines = top ? 1 + min1(t->blanks) : 1;
			pending = -1;
		}

		bool space = !(is(prev, "(") || is(prev, "\xC2\xA3")) && !(is(t, ")") || is(t, ",") || is(t, "%"));
		L->outcol[i] = lines ? indent : L->o.col + (space && L->o.n ? 1 : 0);
		put(&L->o, lines, indent, space, t->p, t->n);
		if (lines)
			L->line_indent = indent;
		if (is(t, "(") && L->np < MAX_PARENS) {
			L->pline[L->np] = L->line_indent;
			L->pcol[L->np++] = L->outcol[i];
		} else if (is(t, ")") && L->np) {
			L->np--;
		}
		if (t->kind == T_STR && L->head)
			L->nstr++;
		forced = false;
		prev = t;
	}
	if (pending >= 0)
		for (int k = pending; k < tv->n; k++)
			put(&L->o, !L->o.n ? 0 : 1 + min1(tv->v[k].blanks), 0, false, tv->v[k].p, tv->v[k].n);
	put(&L->o, 1, 0, false, "", 0); /* the file's last newline */
}

/* ------------------------------------------------------------ same tokens */

typedef struct {
	int kind;
	const char *s;
} real_tok;

/* The real scanner's tokens for text, the last of kind 0 (the end); NULL when out of memory. */
static real_tok *real_tokens(arena *a, diag *d, const char *text, size_t len, int *n)
{
	struct lex_state st = { .arena = a, .diag = d, .line = 1, .col = 1, .current_theme = -1 };
	yyscan_t scanner;
	if (yylex_init_extra(&st, &scanner) != 0)
		return NULL;
	YY_BUFFER_STATE buf = yy_scan_bytes(text, (int)len, scanner);
	int cap = 1024;
	real_tok *v = malloc((size_t)cap * sizeof *v);
	*n = 0;
	for (;;) {
		YYSTYPE val;
		src_loc loc;
		memset(&val, 0, sizeof val);
		int k = yylex(&val, &loc, scanner);
		if (*n == cap) {
			cap *= 2;
			real_tok *b = v ? realloc(v, (size_t)cap * sizeof *v) : NULL;
			if (!b)
				free(v);
			v = b;
		}
		if (!v)
			break;
		const char *s = NULL;
		if (k == IDENT || k == STRING || k == ROWID || k == DATE)
			s = val.str;
		else if (k == NUMBER)
			s = val.num.text;
		v[(*n)++] = (real_tok){ k, s };
		if (!k)
			break;
	}
	yy_delete_buffer(buf, scanner);
	yylex_destroy(scanner);
	return v;
}

/* Whether the formatted text scans to the same tokens as the original. */
static bool same_tokens(const char *file, const char *a_text, size_t a_len, const char *b_text, size_t b_len)
{
	arena *a = arena_new();
	diag d;
	diag_init(&d, file, b_text, b_len, stderr);
	int na = 0, nb = 0;
	real_tok *ta = real_tokens(a, &d, a_text, a_len, &na);
	real_tok *tb = real_tokens(a, &d, b_text, b_len, &nb);
	bool same = ta && tb && !d.errors && na == nb;
	for (int i = 0; same && i < na; i++)
		same = ta[i].kind == tb[i].kind && (!ta[i].s) == (!tb[i].s) && (!ta[i].s || !strcmp(ta[i].s, tb[i].s));
	free(ta);
	free(tb);
	arena_free(a);
	return same;
}

/* ------------------------------------------------------------ formatting */

char *fmt_plan(const char *file, const char *text, size_t len, size_t *out_len, FILE *diag_out)
{
	arena *a = arena_new();
	diag d;
	diag_init(&d, file, text, len, diag_out);
	plan *p = parse_plan(a, &d, file, text, len);
	if (!p || d.errors) {
		if (!d.errors)
			fprintf(diag_out, "ehpc: %s: cannot parse\n", file);
		else
			fprintf(diag_out, "%s: %d error%s; not formatted\n", file, d.errors, d.errors == 1 ? "" : "s");
		arena_free(a);
		return NULL;
	}
	span_vec sv = { 0 };
	walk_rows(&sv, &p->indicators);
	walk_rows(&sv, &p->outcomes);
	walk_cond(&sv, p->eligible, NULL, true);
	walk_cond(&sv, p->claimable, NULL, true);
	tok_vec tv = { 0 };
	bool ok = !sv.oom && scan(text, len, &tv);
	layout L = { .tv = &tv, .sv = &sv, .nobreak_until = -1 };
	L.outcol = ok ? calloc((size_t)tv.n + 1, sizeof *L.outcol) : NULL;
	if (L.outcol) {
		lay_out(&L);
		ok = !L.o.oom;
	} else {
		ok = false;
	}
	if (!ok)
		fprintf(diag_out, "ehpc: %s: out of memory\n", file);
	if (ok && !L.o.b)
		L.o.b = calloc(1, 1);
	if (ok && (!L.o.b || !same_tokens(file, text, len, L.o.b, L.o.n))) {
		fprintf(diag_out, "ehpc: %s: internal error: the formatted plan would not read the same; "
		                  "nothing written (please report it)\n", file);
		ok = false;
	}
	free(L.outcol);
	free(tv.v);
	free(sv.v);
	arena_free(a);
	if (!ok) {
		free(L.o.b);
		return NULL;
	}
	*out_len = L.o.n;
	return L.o.b;
}

/* ------------------------------------------------------------ files */

static char *read_fd(int fd, const char *name, size_t *len)
{
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap + 1);
	while (buf) {
		ssize_t r = read(fd, buf + n, cap - n);
		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			fprintf(stderr, "ehpc: %s: read error: %s\n", name, strerror(errno));
			free(buf);
			return NULL;
		}
		if (r == 0)
			break;
		n += (size_t)r;
		if (n == cap) {
			if (cap >= MAX_PLAN) {
				fprintf(stderr, "ehpc: %s: larger than %u MB; is this a plan?\n", name, MAX_PLAN >> 20);
				free(buf);
				return NULL;
			}
			char *b = realloc(buf, cap * 2 + 1);
			if (!b)
				free(buf);
			buf = b;
			cap *= 2;
		}
	}
	if (!buf) {
		fprintf(stderr, "ehpc: %s: out of memory\n", name);
		return NULL;
	}
	buf[n] = '\0';
	*len = n;
	return buf;
}


/* Writes path whole, with the runtime's atomic writer (a fresh file beside
 * it, never through a planted link, renamed over it), given `mode`. */
static int write_atomic(const char *path, const char *data, size_t n, mode_t mode)
{
	ehp_outfile o;
	char err[600];
	if (ehp_out_open_path(&o, path, (unsigned)(mode & 07777), err, sizeof err) != 0) {
		fprintf(stderr, "ehpc: %s\n", err);
		return FMT_USAGE;
	}
	if (fwrite(data, 1, n, o.f) != n) {
		fprintf(stderr, "ehpc: %s: write failed: %s\n", path, strerror(errno));
		ehp_out_abort(&o);
		return FMT_USAGE;
	}
	if (ehp_out_commit(&o, err, sizeof err) != 0) {
		fprintf(stderr, "ehpc: %s\n", err);
		return FMT_USAGE;
	}
	return FMT_OK;
}

/* `--check`: the first line that would change, as a short diff. */
static void show_first_change(const char *file, const char *a, size_t an, const char *b, size_t bn)
{
	size_t i = 0, line_start = 0;
	int line = 1;
	while (i < an && i < bn && a[i] == b[i]) {
		if (a[i] == '\n') {
			line++;
			line_start = i + 1;
		}
		i++;
	}
	const char *ea = memchr(a + line_start, '\n', an - line_start);
	const char *eb = line_start <= bn ? memchr(b + line_start, '\n', bn - line_start) : NULL;
	int la = (int)((ea ? (size_t)(ea - a) : an) - line_start);
	int lb = (int)((eb ? (size_t)(eb - b) : bn) - line_start);
	printf("%s:%d: not in the layout of `ehpc fmt`:\n", file, line);
	if (line_start < an)
		printf("  -%.*s\n", la, a + line_start);
	if (line_start < bn)
		printf("  +%.*s\n", lb, b + line_start);
}

typedef struct {
	bool check;
	const char *output;      /* -o: a file, or "-" for standard output */
} fmt_opts;

static int fmt_file(const fmt_opts *o, const char *path)
{
	bool stdin_in = !strcmp(path, "-");
	const char *name = stdin_in ? "<stdin>" : path;
	struct stat st;
	int fd = 0;
	mode_t mode = 0644;
	if (!stdin_in) {
		if (lstat(path, &st) != 0) {
			fprintf(stderr, "ehpc: %s: cannot open: %s\n", path, strerror(errno));
			return FMT_USAGE;
		}
		if (S_ISLNK(st.st_mode) && !o->check && !o->output) {
			fprintf(stderr, "ehpc: %s: a symbolic link; format the file it names\n", path);
			return FMT_USAGE;
		}
		fd = open(path, O_RDONLY | O_CLOEXEC | (o->check || o->output ? 0 : O_NOFOLLOW));
		if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode)) {
			fprintf(stderr, "ehpc: %s: cannot open as a plan: %s\n", path,
			        fd < 0 ? strerror(errno) : "not a regular file");
			if (fd >= 0)
				close(fd);
			return FMT_USAGE;
		}
		mode = st.st_mode;
	}
	size_t len;
	char *text = read_fd(fd, name, &len);
	if (!stdin_in)
		close(fd);
	if (!text)
		return FMT_USAGE;
	size_t flen;
	char *f = fmt_plan(name, text, len, &flen, stderr);
	int rc = FMT_OK;
	bool same = f && flen == len && !memcmp(f, text, len);
	if (!f) {
		rc = FMT_ERRORS;
	} else if (o->check) {
		if (!same) {
			show_first_change(name, text, len, f, flen);
			rc = FMT_ERRORS;
		}
	} else if ((o->output && !strcmp(o->output, "-")) || (!o->output && stdin_in)) {
		if (fwrite(f, 1, flen, stdout) != flen || fflush(stdout) != 0) {
			fprintf(stderr, "ehpc: standard output: write failed\n");
			rc = FMT_USAGE;
		}
	} else if (o->output) {
		rc = write_atomic(o->output, f, flen, mode);
	} else if (!same) {
		rc = write_atomic(path, f, flen, mode);
	}
	free(f);
	free(text);
	return rc;
}

static void fmt_usage(FILE *f)
{
	fputs("usage: ehpc fmt [--check] [-o FILE] PLAN.ehp...\n"
	      "\n"
	      "Rewrites each plan in place in the canonical layout (docs/ehpc.md),\n"
	      "keeping its comments; a plan already laid out is left untouched.\n"
	      "\n"
	      "  -           read the plan from standard input, write it to standard output\n"
	      "  -o FILE     write the one plan given to FILE instead (- : standard output)\n"
	      "  --check     write nothing; list the plans that would change, each with\n"
	      "              its first changed line\n"
	      "\n"
	      "Exit status: 0 done (--check: nothing would change); 1 a plan has syntax\n"
	      "errors (nothing written for it), or --check: a plan would change;\n"
	      "2 usage or I/O error.\n",
	      f);
}

int fmt_main(int argc, char **argv)
{
	fmt_opts o = { false, NULL };
	const char **files = calloc((size_t)argc + 1, sizeof *files);
	int n = 0;
	if (!files)
		return FMT_USAGE;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			fmt_usage(stdout);
			free(files);
			return FMT_OK;
		} else if (!strcmp(a, "--check")) {
			o.check = true;
		} else if (!strcmp(a, "-o")) {
			if (++i >= argc) {
				fputs("ehpc fmt: -o needs a file name\n", stderr);
				free(files);
				return FMT_USAGE;
			}
			o.output = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "ehpc fmt: unknown option `%s` (try ehpc fmt --help)\n", a);
			free(files);
			return FMT_USAGE;
		} else {
			files[n++] = a;
		}
	}
	const char *bad = !n ? "give at least one plan file, or - for standard input"
	                : o.output && n != 1 ? "-o takes one plan"
	                : o.output && o.check ? "--check writes nothing: leave out -o"
	                : NULL;
	if (bad) {
		fprintf(stderr, "ehpc fmt: %s (try ehpc fmt --help)\n", bad);
		free(files);
		return FMT_USAGE;
	}
	int rc = FMT_OK;
	for (int i = 0; i < n; i++) {
		int r = fmt_file(&o, files[i]);
		if (r > rc)
			rc = r;
	}
	free(files);
	return rc;
}
