/*
 * csv.h - a streaming RFC 4180 reader for the files councils export:
 * UTF-8 BOM, LF or CRLF, quoted fields with commas, quotes and line breaks.
 * One row at a time; memory is one read buffer (1 MiB, grown only for a row
 * longer than it), never the file.
 *
 * The reader reads its FILE in large blocks with fread (so pipes and FIFOs
 * work, and ferror/feof on the FILE tell how reading ended); nothing else
 * may read that FILE while the reader has it. Fields and the raw row point
 * into the reader's buffer (a quoted field holding "" or text after its
 * closing quote into a side buffer): they are valid until the next csv_next
 * or csv_digest, and fields are NOT NUL-terminated: use csv_len.
 *
 * It can also hash every byte it reads as it reads them (csv_hash): the
 * SHA-256 of the whole input, byte order mark, header, malformed rows and
 * all, with no second read of the file.
 */
#ifndef EHP_CSV_H
#define EHP_CSV_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include "sha256.h"

typedef struct {
	const char *s;  /* not NUL-terminated */
	size_t n;
} csv_span;

typedef struct {
	FILE *in;
	const char *path;
	/* The current row. */
	csv_span *field;
	size_t n_fields, cap_fields;
	const char *raw;    /* the row as read, without its line ending, for
	                       the rejects file (NUL-terminated, but it may hold
	                       NUL bytes: use raw_len) */
	size_t raw_len;
	unsigned long line; /* line on which the current row starts */
	const char *error;  /* why the current row is malformed, or NULL */
	size_t error_field; /* with error: the field it was found in; the ones
	                       before it were read as written */
	size_t n_read;      /* the fields read as written: n_fields, or with
	                       error, those before error_field */
	/* The reader's own. */
	char *buf;          /* bytes [pos, end) read and not yet parsed */
	size_t cap, pos, end, first_cap;
	char *side;         /* unescaped quoted fields of the current row */
	size_t side_cap;
	unsigned long next_line;
	const char *start_error; /* a bad byte order mark, for the first row */
	bool at_start, eof, done, hashing;
	bool wide;          /* csv_plain_cells with AVX2 (csv_plain_wide) */
	bool ran_off;       /* a row ended at the end of the input without a
	                       line break (csv_open_memory's chunks: its last
	                       line break was no row's end) */
	uint64_t bytes;     /* bytes read so far */
	sha256_ctx sha;
	int digest_rc;      /* csv_digest's answer, once it has run */
	size_t expect;      /* fields a row should have, 0: any (csv_expect) */
	size_t nul_at;      /* where the raw row's NUL was put, and the byte it replaced */
	char nul_was;
	char digest[65];
} csv_reader;

/* Reads in blocks of 1 MiB. */
void csv_open(csv_reader *r, FILE *in, const char *path);
/* The same with blocks of `block` bytes (at least 1; tests use tiny ones to
 * put rows across block edges). */
void csv_open_sized(csv_reader *r, FILE *in, const char *path, size_t block);
/* Reads rows from memory instead of a FILE: buf holds len bytes, then
 * CSV_PAD more (initialised: zeros, say), and was made by malloc; it is
 * the reader's (csv_close frees it; the parser writes into it). The first row
 * starts on line `line`. No byte order mark is looked for and nothing is
 * hashed: for chunks of a file already opened (chunks.c). */
#define CSV_PAD 64
void csv_open_memory(csv_reader *r, char *buf, size_t len, const char *path, unsigned long line);
void csv_close(csv_reader *r);
/* Reads the next row: 1, or 0 at end of file (or after a read error: see
 * ferror on the FILE). Blank lines are skipped. A malformed row (NUL byte,
 * unterminated quote, stray quote, text after a closing quote) returns 1
 * with r->error set (static text, never the row's contents); the reader is
 * then ready for the row after it. r->line is the line the row starts on;
 * r->raw holds the row's bytes without its line ending. */
int csv_next(csv_reader *r);
static inline const char *csv_field(const csv_reader *r, size_t i) { return r->field[i].s; }
static inline size_t csv_len(const csv_reader *r, size_t i) { return r->field[i].n; }

/* The common row at the reader's position split in one pass, without
 * being made current: one line read to its LF, no byte at most '"' in it
 * (no quote, CR, NUL, nor a blank: no cell to trim; a '!' too), and
 * exactly n fields (n from 1 to CSV_MAX_CELLS: the caller's to see to).
 * Field i's span is stored at cell[slot[i]]: slot holds n + 64 entries,
 * those past n naming a cell of no use (a block of 64 bytes ends at most
 * 64 fields; a row of too many is refused once they are counted); slot
 * NULL: at cell[i], and cell holds n + 64. Returns where the next row
 * starts, having changed nothing, or 0 for any other row: csv_next reads
 * it, as ever. The spans are valid until the reader moves. */
enum { CSV_MAX_CELLS = 32 };
size_t csv_plain_cells_any(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell);
size_t csv_plain_cells_avx2(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell);
static inline size_t csv_plain_cells(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell)
{
	return r->wide ? csv_plain_cells_avx2(r, slot, n, cell) : csv_plain_cells_any(r, slot, n, cell);
}
/* csv_plain_cells splits with AVX2 where the CPU has it (chosen when the
 * reader opens: csv_plain_cells_avx2), else with SSE2 or a portable loop
 * (csv_plain_cells_any, for any CPU): the same answer either way. Tests
 * choose: on asks for AVX2, false for the other way; returns whether AVX2
 * is used. */
bool csv_plain_wide(csv_reader *r, bool on);
/* Passes that row as read (next: csv_plain_cells's answer): r->line is
 * its line, and no row is current (csv_next reads the next). */
static inline void csv_pass_plain(csv_reader *r, size_t next)
{
	r->line = r->next_line++;
	r->pos = next;
	r->n_fields = r->n_read = 0;
	r->error = NULL;
}

/* The number of fields a row should have (the header's): a row that runs
 * over several lines and has not that many, or is malformed, is cut back to
 * its first line (malformed: "a quoted field is not closed on its line"),
 * and the lines after it are read as rows of their own. 0: any number. */
static inline void csv_expect(csv_reader *r, size_t n) { r->expect = n; }
/* Hash every byte read (on is true), for csv_digest. Call it before the
 * first csv_next; later it has no effect. */
void csv_hash(csv_reader *r, bool on);
/* Reads the rest of the input to its end (unparsed: csv_next then returns
 * 0), and gives the SHA-256 of the whole input as 64 lower-case hex digits
 * and its size in bytes. 0, or -1 on a read error or when csv_hash was not
 * on from the start (hex is then "-"). May be called more than once. */
int csv_digest(csv_reader *r, char hex[65], uint64_t *bytes);

/* Bytes of this reader's input that someone else read (chunks.c, with
 * pread), following those the reader read itself: hashed in order, for
 * csv_digest. The reader reads no more rows of its own once given some. */
void csv_hash_more(csv_reader *r, const void *bytes, size_t n);

/* Header handling: column index by name (case-insensitive, spaces trimmed),
 * or -1. */
int csv_column(const csv_reader *r, const char *name);
/* The same, looking only after column `after` (to find a name given twice). */
int csv_column_after(const csv_reader *r, const char *name, int after);

#endif
