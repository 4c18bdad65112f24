/*
 * sniff.h - whether the files are plainly not sorted by family_id, told
 * from the rows already in each file's first block, before the first row
 * is taken: an unsorted extract (a council's export in any order) is then
 * read grouped from the start, with no streamed attempt to undo and no
 * second reading and hashing of its first blocks.
 */
#ifndef EHP_SNIFF_H
#define EHP_SNIFF_H

#include <stdbool.h>
#include "rows.h"

/* The first rows of each table of rw (headers read, no row taken yet),
 * read from a copy of the bytes its reader holds, nothing consumed: true
 * when a family_id among them comes before the one above it, as the
 * streamed reader would find out. False says nothing: the files may still
 * be unsorted further on. Only rows read whole and well-formed count, so
 * a block's edge inside a row cannot mislead it. */
bool ehp_rows_seen_unsorted(const ehp_rows *rw);

#endif
