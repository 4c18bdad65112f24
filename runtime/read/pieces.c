/*
 * pieces.c - a file's rest cut at line breaks (pieces.h). A block is read
 * after the bytes left over from the last; the piece ends after the last
 * LF in them (or a lone CR, never between CR and LF, so lines are counted
 * as the CSV reader counts them), and what follows it is left over for
 * the next. A block with no line break at all grows until one comes. The
 * piece keeps the buffer its bytes were read into: only what is left over
 * (less than a line, mostly) is copied, into the next piece's buffer.
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "pieces.h"
#include "reader_chunks.h"

struct ehp_pieces {
	ehp_table *t;
	size_t block;
	char *left;            /* bytes read and not yet handed out */
	size_t n_left, cap_left;
	unsigned long line;
	bool eof;
};

ehp_pieces *ehp_pieces_open(ehp_table *t, size_t piece_bytes)
{
	ehp_pieces *ps = ehp_xcalloc(1, sizeof *ps);
	csv_reader *csv = &t->csv;
	ps->t = t;
	ps->block = piece_bytes ? piece_bytes : 1;
	ps->line = csv->next_line;
	ps->n_left = csv->end - csv->pos; /* read and hashed already, not parsed */
	ps->left = ehp_reserve(NULL, &ps->cap_left, ps->n_left + 1, 1);
	memcpy(ps->left, csv->buf + csv->pos, ps->n_left);
	ps->eof = csv->eof;
	csv_hash_more(csv, NULL, 0); /* the table reads no more of its own */
	return ps;
}

/* Where a piece of the n bytes at p may end: after the last LF, or the
 * last CR known not to be followed by an LF; 0 when there is no such
 * place. At the end of the file, everything. */
static size_t cut_at(const char *p, size_t n, bool eof)
{
	if (eof)
		return n;
	for (size_t k = n; k > 0; k--)
		if (p[k - 1] == '\n' || (p[k - 1] == '\r' && k < n && p[k] != '\n'))
			return k;
	return 0;
}

#if defined(__GNUC__) || defined(__clang__)
/* 16 bytes compared at once (SSE2 or its like, by the compiler's vector
 * extension): a byte equal gives -1 in its lane. */
typedef unsigned char bytes16 __attribute__((vector_size(16)));

/* The LFs in the n bytes at p, or -1 when they hold a CR (lines are then
 * counted as the CSV reader counts them, by ehp_line_breaks). A piece is
 * counted on the calling thread before it is handed on: memchr once a
 * line cost a call every 60 bytes. */
static long count_lf(const char *p, size_t n)
{
	const bytes16 lf = { '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n',
	                     '\n', '\n', '\n', '\n', '\n', '\n', '\n', '\n' };
	const bytes16 cr = lf + 3; /* '\r' */
	long lines = 0;
	size_t k = 0;
	while (n - k >= 16) {
		/* up to 255 blocks a lane before its count could wrap */
		bytes16 count = { 0 }, crs = { 0 };
		for (size_t blocks = 0; blocks < 255 && n - k >= 16; blocks++, k += 16) {
			bytes16 b;
			memcpy(&b, p + k, 16);
			count -= (bytes16)(b == lf);
			crs |= (bytes16)(b == cr);
		}
		unsigned long any_cr = 0;
		for (int i = 0; i < 16; i++) {
			lines += count[i];
			any_cr |= crs[i];
		}
		if (any_cr)
			return -1;
	}
	for (; k < n; k++) {
		if (p[k] == '\r')
			return -1;
		lines += p[k] == '\n';
	}
	return lines;
}
#endif

/* The lines the n bytes at p end, as the CSV reader counts them. */
static unsigned long line_breaks(const char *p, size_t n)
{
#if defined(__GNUC__) || defined(__clang__)
	long lines = count_lf(p, n);
	if (lines >= 0)
		return (unsigned long)lines;
#endif
	return ehp_line_breaks(p, n);
}

bool ehp_pieces_next(ehp_pieces *ps, ehp_piece *p)
{
	FILE *in = ps->t->csv.in;
	size_t cut;
	for (;;) {
		if (!ps->eof && ps->n_left < ps->block) {
			ps->left = ehp_reserve(ps->left, &ps->cap_left, ps->block + CSV_PAD, 1);
			size_t want = ps->block - ps->n_left;
			size_t got = fread(ps->left + ps->n_left, 1, want, in);
			csv_hash_more(&ps->t->csv, ps->left + ps->n_left, got);
			ps->n_left += got;
			ps->eof = got < want; /* the end, or a read error: ferror says which */
		}
		if (!ps->n_left)
			return false;
		if ((cut = cut_at(ps->left, ps->n_left, ps->eof)) > 0)
			break;
		ps->block *= 2; /* a row longer than a block: read on */
	}
	size_t rest = ps->n_left - cut, cap = ps->block + CSV_PAD;
	char *next = ehp_xmalloc(cap > rest ? cap : rest + CSV_PAD);
	memcpy(next, ps->left + cut, rest);
	char *buf = ehp_reserve(ps->left, &ps->cap_left, cut + CSV_PAD, 1);
	memset(buf + cut, 0, CSV_PAD);
	*p = (ehp_piece){ .buf = buf, .len = cut, .line = ps->line, .lines = line_breaks(buf, cut),
	                  .last = ps->eof && rest == 0 };
	ps->line += p->lines;
	ps->left = next;
	ps->cap_left = cap > rest ? cap : rest + CSV_PAD;
	ps->n_left = rest;
	return true;
}

void ehp_pieces_close(ehp_pieces *ps)
{
	if (!ps)
		return;
	free(ps->left);
	free(ps);
}
