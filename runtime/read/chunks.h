/*
 * chunks.h - files sorted by family_id read on several threads (chunks.c).
 *
 * The extract is cut into chunks by family range: a chunk holds every row
 * of the three files whose family_id lies in [lo, hi), where the split
 * families lo and hi are read from families.csv at byte offsets and found
 * in people.csv and records.csv by binary search. The calling thread reads
 * each chunk's bytes (pread: the files stay open as they were given),
 * hashes them in order for the receipt and counts their lines, so every row
 * keeps its line number; any thread then reads the chunk's rows into
 * families with the streamed reader itself (reader.c), so a chunk's
 * families, rejects and checks are those of the serial reader. The caller
 * takes chunks back strictly in order.
 *
 * A chunk is in doubt when a family_id in it is out of order or outside
 * [lo, hi) (a file not sorted), or a row runs on past its bytes (a line
 * break taken for a row start was inside a quoted field). Then nothing of
 * the chunks counts: the reader goes back to the top of the files and
 * reads them on one thread (ehp_reader_fill), which finds out an unsorted
 * file as ever. So the results never depend on where the files were cut.
 */
#ifndef EHP_CHUNKS_H
#define EHP_CHUNKS_H

#include <stddef.h>
#include "load.h"

typedef struct ehp_chunks ehp_chunks;
typedef struct ehp_chunk ehp_chunk;

/* A chunk's size (the three files' bytes together) unless the environment
 * says otherwise: EHP_CHUNK_BYTES, a test hook (tests/determinism/run.sh
 * cuts a small extract into many chunks), which also makes the reader say
 * on stderr how the files were read. */
enum { EHP_CHUNK_BYTES_DEFAULT = 2 << 20 };

/* Starts reading rd's files in chunks of about chunk_bytes (0: the
 * default, or EHP_CHUNK_BYTES). NULL when they cannot be: not read
 * streamed, not regular files, a row already read, or too small for two
 * chunks; read them with ehp_reader_fill then. */
ehp_chunks *ehp_chunks_open(ehp_reader *rd, size_t chunk_bytes);
/* The next chunk, its bytes read, hashed and their lines counted (the
 * calling thread, in order): EHP_READ_MORE with *c; EHP_READ_END when
 * there are no more; EHP_READ_ERROR with a message (a read error, a file
 * that shrank). */
int ehp_chunks_next(ehp_chunks *cs, ehp_chunk **c, char *err, size_t errlen);
/* Reads chunk c's families into b (cleared by the caller), on any thread:
 * true, or false when the chunk is in doubt. Its bytes are freed. */
bool ehp_chunk_read(ehp_chunk *c, ehp_batch *b);
/* Takes chunk c back once read, in the order they were handed out (the
 * calling thread), and frees it: its rejects and counts join the reader's.
 * EHP_READ_MORE; EHP_READ_RESTART when it was in doubt: the reader is back
 * at the top of the files, to be read with ehp_reader_fill, everything
 * taken so far must be forgotten, and cs is of no more use (free the
 * chunks still out, then close it); EHP_READ_ERROR with a message. */
int ehp_chunks_take(ehp_chunks *cs, ehp_chunk *c, char *err, size_t errlen);
/* Once the last chunk is taken: the reader's counts and checks at the end
 * of the input (ehp_reader_rows, ehp_reader_digest then answer as
 * usual). 0, or -1 with a message. */
int ehp_chunks_end(ehp_chunks *cs, char *err, size_t errlen);
/* The share of the files' bytes handed out in chunks so far, 0 to 1 (the
 * progress line). */
double ehp_chunks_progress(const ehp_chunks *cs);
void ehp_chunk_free(ehp_chunk *c);
void ehp_chunks_close(ehp_chunks *cs);

#endif
