/*
 * rejects.h - where bad input rows go: a short message on stderr (capped,
 * never the row's contents) and the whole row with its reason in the
 * rejects file.
 *
 * The three input files may be read interleaved (family by family), so each
 * file's rejects are kept apart as they come and written out file by file,
 * in line order, when the run ends: the rejects file and the messages are
 * the same however the input was read.
 */
#ifndef EHP_REJECTS_H
#define EHP_REJECTS_H

#include <stdbool.h>
#include <stdio.h>

enum { EHP_FAMILIES_FILE, EHP_PEOPLE_FILE, EHP_RECORDS_FILE, EHP_N_INPUT_FILES };

typedef struct {
	unsigned long line;
	char *text;            /* "path:line: field: reason" */
} ehp_reject_note;

/* Rejected rows of one file counted by field and reason, with the first
 * few lines (--validate; report.html, by kind). Counts and places only. */
enum { EHP_REJECT_GROUP_LINES = 5 };
typedef struct {
	int file;              /* EHP_FAMILIES_FILE ... */
	char *path, *field, *reason;
	unsigned long count;
	unsigned long lines[EHP_REJECT_GROUP_LINES]; /* the first few */
} ehp_reject_group;

typedef struct {
	FILE *out;             /* rejects CSV (may be NULL) */
	bool tally;            /* also count them in groups (freed by ehp_rejects_free,
	                          not by ehp_rejects_finish) */
	ehp_reject_group *groups;
	size_t n_groups;
	unsigned long count;
	unsigned shown, max_shown;
	bool quiet;
	bool keep_rows;        /* spool rows while out is still NULL, for ehp_rejects_take (the claims
	                          file, read before the outputs are opened) */
	/* the runtime's own */
	FILE *spool[EHP_N_INPUT_FILES];          /* CSV rows waiting to be written to out */
	ehp_reject_note *notes[EHP_N_INPUT_FILES]; /* the first max_shown messages of each file */
	unsigned n_notes[EHP_N_INPUT_FILES];
} ehp_rejects;

/* A bad row of input `file` (EHP_FAMILIES_FILE ...), named `path` in
 * messages. */
void ehp_reject(ehp_rejects *rj, int file, const char *path, unsigned long line, const char *field,
                const char *reason, const char *raw, size_t raw_len);
/* Prints the first max_shown messages (unless quiet) and writes every row
 * to out, file by file; keeps only the counts. Returns 0, or -1 when the
 * spooled rows could not be read back. */
int ehp_rejects_finish(ehp_rejects *rj);
/* Adds from's rejects after to's (a later part of the same files, read
 * apart: chunks.h): counts, groups, the first messages and the spooled
 * rows; from is left empty. -1 when the spooled rows cannot be copied. */
int ehp_rejects_take(ehp_rejects *to, ehp_rejects *from);
/* Forgets every reject so far (the input is read again from the start). */
void ehp_rejects_reset(ehp_rejects *rj);
void ehp_rejects_free(ehp_rejects *rj);

#endif
