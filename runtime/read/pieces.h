/*
 * pieces.h - the rest of one input file in pieces that end at line breaks,
 * each with the line it starts on, every byte hashed in file order for the
 * receipt: what the grouped reader parses on several threads (reader.c).
 * A piece may still begin inside a quoted field that holds a line break;
 * whoever parses it finds out (a row running on past its end) and joins
 * it to the next.
 */
#ifndef EHP_PIECES_H
#define EHP_PIECES_H

#include <stdbool.h>
#include <stddef.h>
#include "table.h"

typedef struct {
	char *buf;             /* len bytes, then CSV_PAD zeros; made by malloc */
	size_t len;
	unsigned long line;    /* the line its first byte is on */
	unsigned long lines;   /* the line breaks in it: it holds at most one row more */
	bool last;             /* it reaches the end of the file */
} ehp_piece;

typedef struct ehp_pieces ehp_pieces;

/* Takes over the rest of table t's file (its header read, no row yet): the
 * bytes its reader holds unparsed, then the rest of its FILE, read in
 * blocks of about piece_bytes. The table reads no more rows itself; its
 * digest (csv_digest) covers every byte the pieces read. */
ehp_pieces *ehp_pieces_open(ehp_table *t, size_t piece_bytes);
/* The next piece: true with *p (the caller frees p->buf), false when the
 * file is all handed out (or a read failed: ferror on the table's FILE). */
bool ehp_pieces_next(ehp_pieces *ps, ehp_piece *p);
void ehp_pieces_close(ehp_pieces *ps);

#endif
