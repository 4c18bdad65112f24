/*
 * output.c - the CSV writers. Plan strings and ids may contain anything, so
 * every text field goes through ehp_csv_field (quoted as RFC 4180 needs,
 * and never readable as a spreadsheet formula), and every id written to a
 * terminal through ehp_term_text (no control bytes).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "mem.h"
#include "output.h"

/* A cell a spreadsheet would read as a formula (OWASP's CSV injection
 * rule): text beginning with = + - @, a tab or a carriage return. */
static bool formula_like(const char *s, size_t n)
{
	return ehp_csv_formula_like(s, n);
}

/* Turns the text from start to the end of b into one CSV cell, in place.
 * Ids and rows come from council exports, plan strings from a plan's
 * author: a cell that would open as a formula is marked as text with a
 * leading ' (docs/data-format.md). Numbers the runtime formats itself are
 * written as they are, never through here, and are never marked. */
/* Whether a byte of s[0 .. n) is one a CSV cell must be quoted for: `"`,
 * `,`, LF or CR. Eight bytes a step, as nearly every cell (ids, names,
 * dates) has none: a byte equal to c is a zero byte of x ^ c, found by the
 * usual test for a zero byte in a word. */
static inline bool word_needs_quotes(const char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = UINT64_C(0x8080808080808080);
	uint64_t x;
	memcpy(&x, s, 8);
	uint64_t q = x ^ ('"' * ones), c = x ^ (',' * ones), lf = x ^ ('\n' * ones), cr = x ^ ('\r' * ones);
	return (((q - ones) & ~q) | ((c - ones) & ~c) | ((lf - ones) & ~lf) | ((cr - ones) & ~cr)) & highs;
}

#if defined(__SSE2__)
/* The same for sixteen bytes, where the machine has SSE2 (every x86-64). */
enum { QUOTE_BLOCK = 16 };
static inline bool block_needs_quotes(const char *s)
{
	const __m128i q16 = _mm_set1_epi8('"'), c16 = _mm_set1_epi8(','), lf16 = _mm_set1_epi8('\n'),
	              cr16 = _mm_set1_epi8('\r');
	__m128i x = _mm_loadu_si128((const __m128i *)(const void *)s);
	__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, q16), _mm_cmpeq_epi8(x, c16)),
	                           _mm_or_si128(_mm_cmpeq_epi8(x, lf16), _mm_cmpeq_epi8(x, cr16)));
	return _mm_movemask_epi8(hit) != 0;
}
#else
enum { QUOTE_BLOCK = 8 };
static inline bool block_needs_quotes(const char *s)
{
	return word_needs_quotes(s);
}
#endif

#if defined(__SSE2__)
/* Eight to sixteen bytes as one block of two words that overlap when n <
 * 16: an id (about ten bytes) is one test, not two. */
static inline bool words_need_quotes(const char *s, size_t n)
{
	__m128i lo = _mm_loadl_epi64((const __m128i *)(const void *)s);
	__m128i hi = _mm_loadl_epi64((const __m128i *)(const void *)(s + n - 8));
	const __m128i q16 = _mm_set1_epi8('"'), c16 = _mm_set1_epi8(','), lf16 = _mm_set1_epi8('\n'),
	              cr16 = _mm_set1_epi8('\r');
	__m128i x = _mm_unpacklo_epi64(lo, hi);
	__m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, q16), _mm_cmpeq_epi8(x, c16)),
	                           _mm_or_si128(_mm_cmpeq_epi8(x, lf16), _mm_cmpeq_epi8(x, cr16)));
	return _mm_movemask_epi8(hit) != 0;
}
#else
static inline bool words_need_quotes(const char *s, size_t n)
{
	return word_needs_quotes(s) || word_needs_quotes(s + n - 8);
}
#endif

/* A cell's last bytes are read as one block overlapping those read before
 * (ids are about ten bytes, a reason or a list of verdicts tens), so no
 * cell of eight bytes or more is read a byte at a time. */
static inline bool needs_quotes(const char *s, size_t n)
{
	if (n >= 16) {
		size_t i = 0;
		for (; i + QUOTE_BLOCK <= n; i += QUOTE_BLOCK)
			if (block_needs_quotes(s + i))
				return true;
		return i < n && block_needs_quotes(s + n - QUOTE_BLOCK);
	}
	if (n >= 8) /* two words, overlapping when n < 16 */
		return words_need_quotes(s, n);
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\n' || s[i] == '\r')
			return true;
	return false;
}

bool ehp_csv_needs_quotes(const char *s, size_t n)
{
	return needs_quotes(s, n);
}

void ehp_csv_close_cell(ehp_buf *b, size_t start)
{
	const unsigned char *s = (const unsigned char *)b->p + start;
	size_t n = b->len - start, quotes = 0;
	bool mark = formula_like((const char *)s, n), quote = needs_quotes((const char *)s, n);
	if (!quote && !mark)
		return;
	for (const unsigned char *q = quote ? memchr(s, '"', n) : NULL; q; q = memchr(q + 1, '"', n - (size_t)(q + 1 - s)))
		quotes++; /* most quoted cells have a comma and no `"` */
	size_t extra = mark + (quote ? 2 + quotes : 0);
	ehp_buf_at(b, extra);
	char *p = b->p + start;
	if (!quotes) { /* the usual quoted cell (a comma in it): moved along whole */
		memmove(p + extra - quote, p, n);
		if (quote)
			p[0] = '"', p[n + extra - 1] = '"';
		if (mark)
			p[quote] = '\'';
		b->len += extra;
		return;
	}
	/* From the end back, so no byte is overwritten before it is moved. */
	size_t to = n + extra;
	if (quote)
		p[--to] = '"';
	for (size_t i = n; i-- > 0;) {
		p[--to] = p[i];
		if (p[i] == '"')
			p[--to] = '"';
	}
	if (mark)
		p[--to] = '\'';
	if (quote)
		p[--to] = '"';
	b->len += extra;
}

char *ehp_csv_put_cell(char *p, const char *s, size_t n)
{
	bool mark = formula_like(s, n), quote = needs_quotes(s, n);
	if (!quote && !mark) /* most cells: copied as they are */
		return ehp_put_piece(p, s, n);
	if (quote)
		*p++ = '"';
	if (mark)
		*p++ = '\'';
	if (!quote)
		return ehp_buf_put(p, s, n);
	/* Each `"` doubled: the text up to and with it, then one more. */
	for (const char *q; n && (q = memchr(s, '"', n)); n -= (size_t)(q + 1 - s), s = q + 1) {
		p = ehp_buf_put(p, s, (size_t)(q + 1 - s));
		*p++ = '"';
	}
	p = ehp_buf_put(p, s, n);
	*p++ = '"';
	return p;
}

void ehp_csv_cell(ehp_buf *b, const char *s, size_t n)
{
	ehp_buf_done(b, ehp_csv_put_cell(ehp_buf_at(b, EHP_CSV_CELL_MAX(n)), s, n));
}

void ehp_csv_field_n(FILE *f, const char *s, size_t n)
{
	ehp_buf b = { 0 };
	ehp_csv_cell(&b, s, n);
	if (b.len) /* an empty cell: no buffer, and fwrite may not be given NULL */
		fwrite(b.p, 1, b.len, f);
	ehp_buf_free(&b);
}

void ehp_csv_field(FILE *f, const char *s)
{
	ehp_csv_field_n(f, s, strlen(s));
}

void ehp_term_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* C0 controls and DEL, and C1 controls in UTF-8 (U+0080..U+009F,
		 * C2 80..C2 9F: some terminals obey them as escapes too). */
		if (*p < 0x20 || *p == 0x7F)
			fprintf(f, "\\x%02X", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			fprintf(f, "\\x%02X\\x%02X", p[0], p[1]);
			p++;
		} else
			putc(*p, f);
	}
}

void ehp_results_header(FILE *f)
{
	fputs("family_id,eligible,themes_met,themes,indicators_met,outcomes_achieved,claimable,reason,data_complete\n", f);
}

#define EXEMPT_MARK " (exempt)"

/* One `id:subject` of a verdict list (`;` between them, the list one CSV
 * cell from `start`); a met indicator the member needs no outcome for is
 * marked ` (exempt)`. Whether the item is plain (ehp_family_cells.h):
 * the id's (plan_plain) and the name's. */
__attribute__((always_inline)) /* else GCC leaves it a call an item */
static inline bool verdict_item(ehp_buf *b, size_t start, ehp_family_cells *c, bool plan_plain, const char *id, size_t n_id,
                         int subject, bool exempt)
{
	const char *name;
	size_t n_name;
	bool plain = ehp_family_name(c, subject, &name, &n_name);
	char *p = ehp_buf_at(b, n_id + n_name + 2 + sizeof EXEMPT_MARK);
	if (b->len > start)
		*p++ = ';';
	p = ehp_put_piece(p, id, n_id);
	*p++ = ':';
	p = ehp_put_piece(p, name, n_name);
	if (exempt)
		p = ehp_buf_put_lit(p, EXEMPT_MARK);
	ehp_buf_done(b, p);
	return plan_plain && plain;
}

/* A list from start made one cell: a list of plain items has no byte to
 * quote for, so only its first can make it need anything (a formula's). */
static void close_list(ehp_buf *b, size_t start, bool plain)
{
	if (!plain || formula_like(b->p + start, b->len - start))
		ehp_csv_close_cell(b, start);
}

static char *put_yes_no(char *p, bool yes)
{
	return yes ? ehp_buf_put_lit(p, "yes") : ehp_buf_put_lit(p, "no");
}

/* family_id,eligible,themes_met, then the names of the themes met, in the
 * plan's order, `;`-joined: at most themes_len bytes. Returns where the
 * names begin. */
static size_t results_head(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res)
{
	char *p = ehp_buf_at(b, c->id_len + 4 + 21 + 1 + c->themes_len);
	p = ehp_family_put_id(p, c);
	p = put_yes_no(p, res->eligible == EHP_TRUE);
	*p++ = ',';
	if (res->themes_met < 0)
		*p++ = '-';
	p = ehp_buf_put_uint(p, res->themes_met < 0 ? -(uint64_t)res->themes_met : (uint64_t)res->themes_met);
	*p++ = ',';
	char *start = p;
	uint64_t few[1] = { 0 }; /* a bit a theme: every plan has fewer than 64 */
	size_t words = ((size_t)plan->n_themes + 63) / 64;
	uint64_t *theme_met = words <= 1 ? few : ehp_xcalloc(words, sizeof *theme_met);
	for (size_t v = 0; v < res->n_ind; v++)
		if (res->ind[v].met == EHP_TRUE) {
			int t = plan->indicators[res->ind[v].indicator].theme;
			theme_met[t / 64] |= UINT64_C(1) << (t % 64);
		}
	for (size_t w = 0; w < words; w++) /* by the bits set: a family meets few themes */
		for (uint64_t met = theme_met[w]; met; met &= met - 1) {
			size_t t = w * 64 + (size_t)__builtin_ctzll(met);
			if (p > start)
				*p++ = ';';
			p = ehp_put_piece(p, plan->themes[t].name, c->theme_len[t]);
		}
	if (theme_met != few)
		free(theme_met);
	ehp_buf_done(b, p);
	return (size_t)(start - b->p);
}

/* claimable,reason,data_complete and the line's end. */
static void results_tail(ehp_buf *b, ehp_family_cells *c, const ehp_results *res)
{
	size_t n = strlen(res->reason);
	char *p = ehp_buf_at(b, 1 + 3 + 1 + EHP_CSV_CELL_MAX(n) + 1 + 3 + 1);
	*p++ = ',';
	p = put_yes_no(p, res->claimable == EHP_TRUE);
	*p++ = ',';
	if (res->reason_plain) /* the runtime's own words: nothing to quote */
		p = ehp_buf_put(p, res->reason, n);
	else
		p = ehp_csv_put_cell(p, res->reason, n);
	*p++ = ',';
	p = put_yes_no(p, !ehp_family_incomplete(c->fam));
	*p++ = '\n';
	ehp_buf_done(b, p);
}

void ehp_results_row_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res)
{
	bool plan_plain = ehp_family_plan_plain(c, plan);
	close_list(b, results_head(b, plan, c, res), plan_plain);
	ehp_buf_char(b, ',');
	size_t start = b->len;
	bool plain = true;
	for (size_t v = 0; v < res->n_ind; v++)
		if (res->ind[v].met == EHP_TRUE) {
			int i = res->ind[v].indicator;
			plain &= verdict_item(b, start, c, plan_plain, plan->indicators[i].id, c->ind_id_len[i],
			                      res->ind[v].subject, res->ind[v].exempt == EHP_TRUE);
		}
	close_list(b, start, plain);
	ehp_buf_char(b, ',');
	start = b->len;
	plain = true;
	for (size_t v = 0; v < res->n_out; v++)
		if (res->out[v].achieved == EHP_TRUE) {
			int o = res->out[v].outcome;
			plain &= verdict_item(b, start, c, plan_plain, plan->outcomes[o].id, c->out_id_len[o],
			                      res->out[v].subject, false);
		}
	close_list(b, start, plain);
	results_tail(b, c, res);
}

void ehp_results_row(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	ehp_family_cells c = { 0 };
	ehp_family_cells_begin(&c, fam);
	ehp_results_row_with(b, plan, &c, res);
	ehp_family_cells_free(&c);
}
