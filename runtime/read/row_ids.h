/*
 * row_ids.h - the family and the person each row of a piece of the
 * people or records file names, looked up for the whole piece before its rows are
 * checked (reader.c's grouped reader). The ids are gathered in a first
 * pass over the piece, then looked up in row order with each map slot
 * fetched a few rows ahead: in maps of a million families and millions of
 * people, far bigger than the cache, the misses then overlap instead of
 * coming one after another. The rows are then read again, each taking
 * its answers: the same lookups, in the same order, as one at a time.
 */
#ifndef EHP_ROW_IDS_H
#define EHP_ROW_IDS_H

#include <stddef.h>
#include <stdint.h>
#include "idmap.h"
#include "personmap.h"
#include "rows.h"

typedef struct {
	size_t family;         /* in the family map; EHP_IDMAP_NONE: no family_id, or unknown */
	uint32_t person;       /* in the person map; EHP_PERSONMAP_NONE: no person_id, or unknown */
} ehp_row_ids;

/* Reads every row of rw's table `file` (people or records; a table
 * reading a private copy of the piece: ehp_reader_chunk_table) and looks
 * up what each names: returns how many rows, their answers in *out (made
 * by malloc). people NULL: the persons are not looked up (all
 * EHP_PERSONMAP_NONE), as for the people file, whose map is still being
 * filled. */
size_t ehp_row_ids_find(ehp_rows *rw, int file, const ehp_idmap *families, const ehp_personmap *people,
                        ehp_row_ids **out);

#endif
