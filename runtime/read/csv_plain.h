/*
 * csv_plain.h - csv_plain_cells's body (csv.h), inline: csv.c's
 * functions are made of it, and the streamed reader (stream.c) inlines it
 * into its loop over a file's rows, compiled once a way (AVX2 and BMI1, or
 * SSE2 and the portable loop): no call a row, no registers saved and
 * restored a row, and the masks' constants made once a family, not once
 * a row.
 */
#ifndef EHP_CSV_PLAIN_H
#define EHP_CSV_PLAIN_H

#include "csv.h"
#include "csv_masks.h"

/* The two ways of making csv_plain_cells's masks and taking their bits
 * (csv_masks.h), passed as constants into an inlined body. */
typedef void plain_masks_fn(const char *at, size_t left, uint64_t *commas, uint64_t *stops);
typedef size_t lowest_bit_fn(uint64_t m);

/* csv_plain_cells; slot NULL: field i to cell[i], by a pointer that moves
 * on (the header in the cells' order: no load of a slot a field). */
ALWAYS_INLINE size_t plain_cells_with(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell,
                                      plain_masks_fn *masks, lowest_bit_fn *lowest)
{
	/* Nothing to split at the end (done: every byte passed) nor before
	 * anything is read (at_start: no bytes); a bad byte order mark
	 * (start_error) is noted and given to the first row within one
	 * csv_next, so it is never seen here. One test tells them all. */
	if (r->pos >= r->end)
		return 0;
	const char *b = r->buf, *seg = b + r->pos;
	const size_t end = r->end;
	size_t nf = 0;
	for (size_t blk = r->pos; blk < end && nf < n; blk += 64) { /* cell has room for 64 past n */
		const char *at = b + blk;
		uint64_t commas, stops;
		masks(at, end - blk, &commas, &stops); /* stops: every byte at most '"' */
		csv_span *out = cell + nf;
		while (commas) {
			const char *q = at + lowest(commas);
			commas &= commas - 1;
			if (slot)
				cell[slot[nf++]] = (csv_span){ seg, (size_t)(q - seg) };
			else
				*out++ = (csv_span){ seg, (size_t)(q - seg) };
			seg = q + 1;
		}
		if (!slot)
			nf = (size_t)(out - cell);
		if (stops) {
			const char *q = at + lowest(stops);
			if (*q != '\n' || nf + 1 != n)
				return 0;
			cell[slot ? slot[nf] : nf] = (csv_span){ seg, (size_t)(q - seg) };
			return (size_t)(q - b) + 1;
		}
	}
	return 0;
}

/* csv_plain_cells by SSE2 or the portable loop, inline. */
ALWAYS_INLINE size_t csv_plain_cells_any_inline(const csv_reader *r, const unsigned char *slot, size_t n,
                                               csv_span *cell)
{
	return slot ? plain_cells_with(r, slot, n, cell, plain_masks, lowest_bit)
	            : plain_cells_with(r, NULL, n, cell, plain_masks, lowest_bit);
}

#if CSV_WIDE
/* csv_plain_cells by AVX2 and BMI1, inline: only into a function
 * compiled for them (WIDE_TARGET), run where the CPU has them. */
WIDE_TARGET ALWAYS_INLINE size_t csv_plain_cells_wide_inline(const csv_reader *r, const unsigned char *slot, size_t n,
                                                            csv_span *cell)
{
	return slot ? plain_cells_with(r, slot, n, cell, plain_masks_wide, lowest_bit_wide)
	            : plain_cells_with(r, NULL, n, cell, plain_masks_wide, lowest_bit_wide);
}
#endif

#endif
