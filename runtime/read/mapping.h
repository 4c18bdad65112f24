/*
 * mapping.h - a council's own export read through a mapping (mapfile.h):
 * each row of the council's files is turned into the evaluator's own rows
 * (families, people, records), which the one reader (load.h) then reads
 * and checks as it reads any extract. So a mapped row is accepted or
 * rejected for the same reasons, in the same way whatever the order of the
 * files; its reject names the council's file, line and column, and holds
 * the council's row.
 *
 * What the mapping itself finds is said apart: columns the mapping names
 * that a file lacks (with the headers it has and the nearest), and codes it
 * does not translate that the dictionary does not know (with their counts).
 */
#ifndef EHP_MAPPING_H
#define EHP_MAPPING_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "mapfile.h"

typedef struct ehp_mapping ehp_mapping;

/* A column the mapping names that the council's file does not have (or
 * has twice). */
typedef struct {
	const char *file;      /* the file's name in the --data folder */
	const char *header;    /* as the mapping writes it */
	ehp_map_at at;         /* where the mapping names it */
	bool twice;            /* the header has it twice */
	const char *nearest;   /* the file's header nearest to it, or NULL */
	const char *const *found; /* the file's headers */
	size_t n_found;
} ehp_map_missing;

/* A council code the mapping does not translate and the dictionary does
 * not know: every row holding it is rejected. */
typedef struct {
	const char *file, *column, *code;
	unsigned long rows;
} ehp_map_unknown;

/* Opens every file the mapping names in dir and finds its columns. 0; or
 * -1 with a message in err: a file missing or unreadable, or (unless
 * keep_going) a column missing (then see ehp_mapping_missing). With
 * keep_going a missing column reads as empty. */
int ehp_mapping_open(ehp_mapping **mp, const ehp_map *m, const char *dir, bool keep_going, char *err, size_t errlen);
size_t ehp_mapping_missing(const ehp_mapping *mp, const ehp_map_missing **out);
/* Reads every council file once, front to back, and writes the rows they
 * stand for into three temporary files (families, people, records; each
 * read from the top), which the reader reads with ehp_reader_origins. 0,
 * or -1 with a message (a read error). */
int ehp_mapping_make(ehp_mapping *mp, FILE *native[3], char *err, size_t errlen);
/* For ehp_reader_origins. */
const ehp_origin *ehp_mapping_origins(const ehp_mapping *mp, size_t *n);
/* The council's files of one kind (EHP_FAMILIES_FILE ...), by their names
 * in the --data folder, each once, in the mapping's order: an origin's
 * `file`, and so a mapped record's, is an index in them. */
const char *const *ehp_mapping_kind_files(const ehp_mapping *mp, int kind, size_t *n);
size_t ehp_mapping_unknown(const ehp_mapping *mp, const ehp_map_unknown **out);
/* Rows left out because their type's code is declared ignored. */
unsigned long ehp_mapping_ignored_rows(const ehp_mapping *mp);
/* Rows of the council's files that were entirely empty. */
unsigned long ehp_mapping_empty_rows(const ehp_mapping *mp);
/* The council's files read, for the receipt: their count, and each one's
 * name, role ("families", "people", "records", "joined") and the SHA-256
 * and size of the bytes read. */
size_t ehp_mapping_files(const ehp_mapping *mp);
void ehp_mapping_file(const ehp_mapping *mp, size_t i, const char **path, const char **role, char hex[65],
                      uint64_t *bytes);
void ehp_mapping_close(ehp_mapping *mp);

#endif
