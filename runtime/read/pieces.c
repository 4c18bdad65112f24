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
	*p = (ehp_piece){ .buf = buf, .len = cut, .line = ps->line, .last = ps->eof && rest == 0 };
	ps->line += ehp_line_breaks(buf, cut);
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
