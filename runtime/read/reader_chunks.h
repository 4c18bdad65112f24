/*
 * reader_chunks.h - what the chunked reader (chunks.c) needs of the
 * streamed one (reader.c). runtime/read's own: the rest of libehp uses
 * load.h and chunks.h.
 */
#ifndef EHP_READER_CHUNKS_H
#define EHP_READER_CHUNKS_H

#include "load.h"
#include "rows.h"

/* The reader's tables as opened (headers read, columns found), for the
 * calling thread. */
ehp_rows *ehp_reader_tables(ehp_reader *rd);
FILE *ehp_reader_file(const ehp_reader *rd, int file);
ehp_rejects *ehp_reader_rejects(ehp_reader *rd);
/* Read streamed, from files that can be read again, and not a row read
 * yet past the headers: the files may be split into chunks. */
bool ehp_reader_untouched(const ehp_reader *rd);
/* Once, before the first row: when the first rows already show a file
 * unsorted (sniff.h), the reader reads grouped from the start instead of
 * finding out part way and reading again. True when it reads grouped. */
bool ehp_reader_sniff(ehp_reader *rd);

/* Table t, a copy of one as opened, made to read its rows from the len
 * bytes at buf instead (as ehp_reader_chunk does), the first on line
 * `line`, its rejects to rj. */
void ehp_reader_chunk_table(ehp_table *t, char *buf, size_t len, unsigned long line, ehp_rejects *rj);
/* A reader of one chunk of the sorted files, on any thread: file i's rows
 * are the len[i] bytes at buf[i] (made by malloc with CSV_PAD more after
 * them, and taken over), the first starting on line line[i]; the columns
 * and paths are those of `tables` (a copy nobody changes meanwhile). Bad
 * rows go to rj. Every family_id in it must be at least lo (lo.s NULL:
 * the first chunk). ehp_reader_fill reads all of it into a batch; it
 * returns EHP_READ_RESTART, reading nothing again, when a file turns out
 * not to be sorted (or not as the split assumed). */
ehp_reader *ehp_reader_chunk(const ehp_rows *tables, char *const buf[3], const size_t len[3],
                             const unsigned long line[3], ehp_rejects *rj, ehp_str lo);
/* Once read: whether every family_id it took is below hi (hi.s NULL: the
 * last chunk) and, unless it reaches the end of the files (to_the_end), no
 * row ran on past the chunk's bytes (its end was no row's end). */
bool ehp_reader_chunk_fits(const ehp_reader *rd, ehp_str hi, bool to_the_end);

/* Line breaks in n bytes as the CSV reader counts them: LF, CRLF or a
 * lone CR (chunks.c). */
unsigned long ehp_line_breaks(const char *p, size_t n);
/* The same, counted the way asked for (w512: one pass with AVX-512BW,
 * where the CPU has it; else memchr for a CR, then SSE2 or a portable
 * loop): for tests, that both ways agree. */
unsigned long ehp_line_breaks_way(const char *p, size_t n, bool w512);

/* Back to the top of every file, to read them streamed again, one thread
 * (the chunks were in doubt): every reject so far is forgotten. 0, or -1
 * with a message. */
int ehp_reader_rewind(ehp_reader *rd, char *err, size_t errlen);
/* The checks when the whole input is read (a families file with no rows
 * is an error; another file with only a header is noted on stderr): 0, or
 * -1 with a message. */
int ehp_reader_at_end(ehp_reader *rd, char *err, size_t errlen);

#endif
