/*
 * mapped.h - the evaluator's inputs read through a mapping (--map FILE,
 * with --data DIR holding the council's files): the mapping read and
 * checked, the council's files opened, and the rows the mapping makes of
 * them handed to the reader as its three inputs (mapping.h). What the
 * mapping finds (columns missing, codes it does not translate) is said on
 * the terminal without any personal data: header names and codes only.
 */
#ifndef EHP_MAPPED_H
#define EHP_MAPPED_H

#include <stdbool.h>
#include <stdio.h>
#include "eval.h"
#include "mapping.h"

typedef struct {
	ehp_map map;
	ehp_mapping *mapping;
	FILE *native[3];       /* the rows made, for the reader; the caller closes them */
	const char *names[3];  /* what to call them in messages */
	ehp_file_names files[3]; /* the council's files of each kind, by name: a mapped row's origin
	                            (a record's `file`) indexes its kind's, for evidence and explanations */
	char map_hex[65];      /* the mapping's SHA-256, for the receipt */
	uint64_t map_bytes;
} ehp_mapped;

/* 0, or -1 with a message in err ("" when every problem is already on
 * diag: mistakes in the mapping, columns missing). keep_going (--validate):
 * a column missing is noted and read as empty. */
int ehp_mapped_open(ehp_mapped *mi, const char *map_path, const char *dir, bool keep_going, FILE *diag, char *err,
                    size_t errlen);
/* Each column the mapping names that a file lacks: where the mapping names
 * it, the file's headers and the nearest. */
void ehp_mapped_print_missing(const ehp_mapped *mi, FILE *f, const char *indent);
/* Each undeclared code the dictionary does not know, with its rows. */
void ehp_mapped_print_unknown(const ehp_mapped *mi, FILE *f, const char *indent);
void ehp_mapped_close(ehp_mapped *mi);

#endif
