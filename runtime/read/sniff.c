/*
 * sniff.c - the first rows' family_ids in order or not (sniff.h).
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "reader_chunks.h"
#include "sniff.h"

/* Enough rows to see a shuffled file at once, few enough to cost nothing
 * beside the read; a file sorted this far is left to the streamed reader. */
enum { SNIFF_ROWS = 256, SNIFF_BYTES = 64 << 10 };

static bool file_seen_unsorted(const ehp_rows *rw, int i)
{
	const csv_reader *csv = &rw->t[i].csv;
	size_t n = csv->end - csv->pos;
	if (n > SNIFF_BYTES)
		n = SNIFF_BYTES;
	if (!n)
		return false;
	char *buf = ehp_xmalloc(n + CSV_PAD);
	memcpy(buf, csv->buf + csv->pos, n);
	memset(buf + n, 0, CSV_PAD);
	ehp_rows copy = *rw;
	ehp_table *t = &copy.t[i];
	ehp_rejects none = { 0 }; /* a copy's rows are never rejected */
	ehp_reader_chunk_table(t, buf, n, 1, &none);
	char *last = NULL;
	size_t last_n = 0, cap = 0;
	bool unsorted = false;
	for (int rows = 0; rows < SNIFF_ROWS && ehp_table_next(t); rows++) {
		/* A row cut by the copy's end, or malformed (a quote the copy does
		 * not close), may read otherwise in the file: stop there. */
		if (t->csv.error || t->csv.ran_off)
			break;
		ehp_str f = ehp_row_family_id(&copy, i);
		if (!f.n)
			continue;
		if (last && ehp_str_cmp(f, (ehp_str){ last, last_n }) < 0) {
			unsorted = true;
			break;
		}
		last = ehp_reserve(last, &cap, f.n, 1);
		memcpy(last, f.s, f.n);
		last_n = f.n;
	}
	free(last);
	ehp_table_close(t); /* frees buf */
	return unsorted;
}

bool ehp_rows_seen_unsorted(const ehp_rows *rw)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		if (file_seen_unsorted(rw, i))
			return true;
	return false;
}
