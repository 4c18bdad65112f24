/*
 * load.h - reading a council's extract (families, people, records) into
 * families ready to judge, a batch at a time, with every bad row reported
 * and set aside.
 *
 * Two ways of reading, chosen by what the files allow, giving the same
 * families, the same rejects and so the same results:
 *   - streamed: when all three files are sorted by family_id (byte order, as
 *     `LC_ALL=C sort` or SQL's ORDER BY with a binary collation), the files
 *     are read side by side and each family is handed on once its rows are
 *     read: memory is bounded by the largest family, not the extract;
 *   - grouped: otherwise the families and people are held in memory (a few
 *     dozen bytes each) and the records are spread over temporary files by
 *     family, read back a slice of families at a time.
 * Regular files whose first rows are already out of order (sniff.h) are
 * read grouped from the start; others are first read streamed, and a row
 * out of order makes the reader start again from the top, grouped
 * (ehp_reader_fill says so, and the caller discards what it had). Pipes are
 * read grouped from the start.
 *
 * Person ids are read within their family: a person_id belongs to the
 * family that lists it, and the same id in another family is another
 * person. So nothing in one family's rows can change how another family's
 * rows are read.
 */
#ifndef EHP_LOAD_H
#define EHP_LOAD_H

#include <stdio.h>
#include "eval.h"
#include "mapfile.h"
#include "rejects.h"

/* Strings that never move once kept: a list of blocks, reused after a
 * reset. */
typedef struct ehp_text_block ehp_text_block;
typedef struct {
	ehp_text_block *head, *cur;
} ehp_text;
const char *ehp_text_keep(ehp_text *t, const char *s, size_t n); /* a NUL-terminated copy */
void ehp_text_reset(ehp_text *t);
void ehp_text_free(ehp_text *t);

/* One family of a batch: its people and records are slices of the batch's
 * arrays (indices, as the arrays grow while the batch fills). */
typedef struct {
	const char *id;
	ehp_date entry, closure;
	uint32_t line;
	unsigned rejected;     /* rows of this family that could not be read */
	ehp_row_place rejected_at[EHP_PLACES_KEPT]; /* where the first of them are (reader.c) */
	bool no_members;       /* no row of the people file names it (kept or rejected) */
	uint8_t file;          /* which council families file its line is in (ehp_family's file) */
	size_t people, n_people;
	size_t records, n_records;
} ehp_batch_family;

typedef struct {
	ehp_batch_family *families;
	size_t n_families, cap_families;
	ehp_person *people;
	size_t n_people, cap_people;
	ehp_record *records;   /* each family's in file order; sorted when judged */
	size_t n_records, cap_records;
	ehp_text text;         /* the batch's ids */
} ehp_batch;

void ehp_batch_clear(ehp_batch *b);
void ehp_batch_free(ehp_batch *b);
/* Family i of the batch as an ehp_family, indexed and ready to judge (sorts
 * its records in place). */
void ehp_batch_view(ehp_batch *b, size_t i, ehp_family *fam);

typedef struct ehp_reader ehp_reader;

/* Reads the three headers (families, people, records, in that order; the
 * streams are read, never closed) and finds the columns. Returns 0, or -1
 * with a message in err when a file cannot be read at all (empty, no
 * header, a required column missing or named twice). */
int ehp_reader_open(ehp_reader **rd, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                    char *err, size_t errlen);
/* The three inputs are rows a mapping made of a council's own files
 * (mapping.h): rejects name the council's files, lines and columns. Given
 * straight after ehp_reader_open; origins must outlive the reader. */
void ehp_reader_origins(ehp_reader *rd, const ehp_origin *origins, size_t n);
/* The school calendar that places a per-term figure (attendance, absence)
 * given only its term's first day in that term; without one, England's. */
void ehp_reader_calendar(ehp_reader *rd, const ehp_calendar *cal);
/* The record types to keep (EHP_TYPE_WORDS words: a plan's reads_types);
 * every row is checked alike, a record of another type is then left, as
 * no test would read it. NULL, or never called: every type. */
void ehp_reader_keep_types(ehp_reader *rd, const uint64_t *types);
enum { EHP_READ_END = 0, EHP_READ_MORE = 1, EHP_READ_RESTART = 2, EHP_READ_ERROR = -1 };
/* Adds whole families to b (which the caller cleared) until it holds at
 * least max_families families or max_records records, or the input ends.
 * Returns EHP_READ_MORE when it added some; EHP_READ_END when there were
 * none left; EHP_READ_RESTART when the input turned out not to be sorted:
 * every family handed out so far and every reject must be forgotten, and
 * reading starts again from the top, grouped; EHP_READ_ERROR with a message
 * in err (a read error, a families file with only a header). */
int ehp_reader_fill(ehp_reader *rd, ehp_batch *b, size_t max_families, size_t max_records, char *err,
                    size_t errlen);
/* Read grouped, the people and records files are parsed on this many
 * threads (pieces cut at line breaks, taken back in file order: the same
 * families and rejects); 1 (the default) parses them on the calling
 * thread, in the same pieces. */
void ehp_reader_threads(ehp_reader *rd, int threads);
/* "streamed" or "grouped": how the input was read. */
const char *ehp_reader_mode(const ehp_reader *rd);
/* The SHA-256 (64 hex digits) and size of input `file` (EHP_FAMILIES_FILE
 * ...), of every byte read from it, as read: for the receipt, with no
 * second read (a pipe cannot be read twice, and a file replaced meanwhile
 * would give the digest of bytes that were not judged). Reads what is left
 * of the file first. 0, or -1 on a read error. */
int ehp_reader_digest(ehp_reader *rd, int file, char hex[65], uint64_t *bytes);
/* Rows read from each file after its header, good or bad. */
unsigned long ehp_reader_rows(const ehp_reader *rd, int file);
/* Rows of `file` ignored because every cell was empty or spaces (`   `,
 * `,,,,`): not rows, not rejects; -1 for the three files together. For the
 * summary ("empty rows ignored N"). Like the rejects, counted again from
 * zero when the reader restarts grouped, so it is the same either way. */
unsigned long ehp_reader_empty_rows(const ehp_reader *rd, int file);
/* How much of the input is read, from 0 to 1, for a progress line: the
 * bytes read of the files' sizes when streamed from regular files, the
 * families handed on of those grouped; -1 when it cannot be told (pipes
 * still being read). */
double ehp_reader_progress(const ehp_reader *rd);
void ehp_reader_close(ehp_reader *rd);

/* Everything at once, for tests and small tools: every family of the
 * extract in one batch. */
typedef struct {
	ehp_batch batch;
	ehp_family *families;  /* views of the batch's families, indexed */
	size_t n_families;
} ehp_dataset;

typedef struct {
	const char *families, *people, *records; /* paths */
} ehp_inputs;

/* Returns 0, or -1 with a message in err when a file cannot be read at all.
 * Bad rows go to rj (finished: messages printed, rows written) and never
 * fail. */
int ehp_load(ehp_dataset *ds, const ehp_inputs *in, ehp_rejects *rj, char *err, size_t errlen);
int ehp_load_streams(ehp_dataset *ds, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                     char *err, size_t errlen);
void ehp_dataset_free(ehp_dataset *ds);

/* ehp_calendar_load, also giving the SHA-256 and size of the bytes read
 * (hex NULL: not wanted). */
int ehp_calendar_load_hashed(ehp_calendar *cal, const char *path, char hex[65], uint64_t *bytes, char *err,
                             size_t errlen);

/* Parses a number column: empty -> NAN (returns 1); malformed -> 0. */
int ehp_parse_number(const char *s, size_t len, double *out);

#endif
