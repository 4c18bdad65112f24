/*
 * buf.h - text built in a growing buffer: the one way the runtime formats
 * what a run writes millions of times (CSV rows, evidence lines). Pieces
 * are copied, numbers formatted by hand: stdio's per-call locking and
 * format parsing were a tenth of a run.
 */
#ifndef EHP_BUF_H
#define EHP_BUF_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

typedef struct {
	char *p;
	size_t len, cap;
} ehp_buf;

/* Room for n more bytes. */
void ehp_buf_grow(ehp_buf *b, size_t n);
void ehp_buf_free(ehp_buf *b);

static inline void ehp_buf_raw(ehp_buf *b, const char *s, size_t n)
{
	if (b->cap - b->len < n)
		ehp_buf_grow(b, n);
	if (n)
		memcpy(b->p + b->len, s, n);
	b->len += n;
}

static inline void ehp_buf_str(ehp_buf *b, const char *s)
{
	ehp_buf_raw(b, s, strlen(s));
}

static inline void ehp_buf_char(ehp_buf *b, char c)
{
	if (b->cap == b->len)
		ehp_buf_grow(b, 1);
	b->p[b->len++] = c;
}

/* A string literal only (its size is taken), never a pointer or a `? :`
 * of two literals. */
#define ehp_buf_lit(b, s) ehp_buf_raw((b), (s), sizeof(s) - 1)

/* Writing through a cursor, where a run writes millions of small pieces:
 * ehp_buf_at gives room for n more bytes at the end of the text, the
 * ehp_buf_put_* write at p and return the end of what they wrote, and
 * ehp_buf_done takes the text up to that end. No capacity check between. */
static inline char *ehp_buf_at(ehp_buf *b, size_t n)
{
	if (b->cap - b->len < n)
		ehp_buf_grow(b, n);
	return b->p + b->len;
}

static inline void ehp_buf_done(ehp_buf *b, const char *end)
{
	b->len = (size_t)(end - b->p);
}

static inline char *ehp_buf_put(char *p, const char *s, size_t n)
{
	memcpy(p, s, n);
	return p + n;
}

/* A string literal only, as ehp_buf_lit. */
#define ehp_buf_put_lit(p, s) ehp_buf_put((p), (s), sizeof(s) - 1)

extern const char ehp_buf_digits[200]; /* "00" "01" ... "99" */
char *ehp_buf_put_big(char *p, uint64_t v);

/* At most 20 bytes. Most figures and indexes are under 1000 (a plan's
 * tests and rows, windows, days). */
static inline char *ehp_buf_put_uint(char *p, uint64_t v)
{
	if (v < 10) {
		*p = (char)('0' + v);
		return p + 1;
	}
	if (v < 100)
		return ehp_buf_put(p, ehp_buf_digits + 2 * v, 2);
	if (v < 1000) {
		*p = (char)('0' + v / 100);
		return ehp_buf_put(p + 1, ehp_buf_digits + 2 * (v % 100), 2);
	}
	return ehp_buf_put_big(p, v);
}

void ehp_buf_uint(ehp_buf *b, uint64_t v);

#endif
