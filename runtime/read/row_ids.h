/*
 * row_ids.h - the family and the person each row of a piece of the
 * people or records file names, looked up for the whole piece before its
 * rows are checked (reader.c's grouped reader). The ids are found by a
 * quick scan of the piece's lines, then looked up in row order with each
 * map slot fetched a few rows ahead: in maps of a million families and
 * millions of people, far bigger than the cache, the misses then overlap
 * instead of coming one after another.
 *
 * The scan is only a guess at what the CSV reader will make of the rows
 * (it stops at the first quote or NUL byte before a line's ids, looks for
 * neither after them, and does not know a lone CR ends a row): the reader, checking each row, takes the
 * answer only when the ids the guess looked up are the row's own
 * (ehp_row_ids_match), and looks the row up itself otherwise. An answer
 * depends on nothing but those ids, so the results are the same either
 * way.
 */
#ifndef EHP_ROW_IDS_H
#define EHP_ROW_IDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "idmap.h"
#include "personmap.h"
#include "rows.h"

typedef struct {
	const char *family, *person; /* the cells as the scan found them, trimmed (in the piece) */
	size_t family_n, person_n;
	size_t found_family;   /* in the family map; EHP_IDMAP_NONE: no family_id, or unknown */
	uint64_t found_person; /* in the person map; EHP_PERSONMAP_NONE: not looked up, none, or unknown */
} ehp_row_ids;

/* Scans the len bytes at buf (a piece's rows, as read, followed by a NUL
 * byte: its CSV_PAD; `lines` line breaks, so at most lines + 1 rows, the
 * room made for the answers at once) for each row's
 * cells c_family and c_person (-1: the person is not looked up, as for
 * the people file, whose map is still being filled) and looks them up in
 * families and people: returns how many rows it could tell, their ids
 * and answers in *out (made by malloc, pointing into buf). */
size_t ehp_row_ids_find(const char *buf, size_t len, size_t lines, int c_family, int c_person,
                        const ehp_idmap *families,
                        const ehp_personmap *people, ehp_row_ids **out);

static inline bool ehp_row_ids_same(const char *a, size_t an, ehp_str b)
{
	return an == b.n && memcmp(a, b.s, an) == 0;
}

/* Whether h's answers are those of a row naming family f and person p
 * (the person compared only when it was looked up: a family found). */
static inline bool ehp_row_ids_match(const ehp_row_ids *h, bool with_person, ehp_str f, ehp_str p)
{
	if (!ehp_row_ids_same(h->family, h->family_n, f))
		return false;
	return !with_person || h->found_family == EHP_IDMAP_NONE || ehp_row_ids_same(h->person, h->person_n, p);
}

#endif
