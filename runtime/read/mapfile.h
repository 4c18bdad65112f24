/*
 * mapfile.h - a mapping file (`council.map`, docs/data-format.md): how one
 * council's own export feeds the evaluator. It names, for each kind of row
 * the evaluator reads (families, people, records), the council's files and
 * the columns, by the council's own header names, that hold each field;
 * fixed values; wide tables (yes/no flag columns, several figures a row);
 * and how the council's codes translate into the data dictionary's names.
 *
 * The file is read whole and checked before any data is read: every
 * mistake is reported with its place (`file:line:col`, the line, a caret
 * and a hint), as a plan's are.
 */
#ifndef EHP_MAPFILE_H
#define EHP_MAPFILE_H

#include <stddef.h>
#include <stdio.h>
#include "rejects.h"

/* The fields of the evaluator's own rows that a mapping can fill. */
typedef enum {
	EHP_MF_FAMILY_ID, EHP_MF_PERSON_ID, EHP_MF_ENTRY_DATE, EHP_MF_CLOSURE_DATE, EHP_MF_DATE_OF_BIRTH, EHP_MF_FLAGS,
	EHP_MF_TYPE, EHP_MF_DATE, EHP_MF_END_DATE, EHP_MF_VALUE, EHP_MF_TOTAL, EHP_MF_SCORE, EHP_MF_DETAIL,
	EHP_MF_AUTHOR, EHP_MF_N
} ehp_map_field;

/* The native column name of a field (`family_id`, ...). */
extern const char *const ehp_map_field_names[EHP_MF_N];

typedef struct {
	unsigned line, col;
} ehp_map_at;

/* Where the rows of a table a mapping made came from (mapping.c): the
 * council's file, its index among the files of its kind (a records row's
 * ehp_record.file: ehp_mapping_kind_files names them), and its header for
 * each of the evaluator's fields (NULL where the field is not read from a
 * column). */
typedef struct {
	const char *path;
	unsigned file;
	const char *column[EHP_MF_N];
} ehp_origin;

/* A council code and the dictionary name it stands for. */
typedef struct {
	char *code;
	ehp_map_field field;   /* type, detail, author or flags */
	int target;            /* the vocabulary's index; -1: ignored */
	ehp_map_at at;
} ehp_map_code;

/* A yes/no column that sets one person flag. */
typedef struct {
	int flag;
	char *header;
	ehp_map_at at;
} ehp_map_flag_column;

/* One record of a type from each row: value (and total) from columns. */
typedef struct {
	int type;
	char *value, *total;   /* total may be NULL */
	ehp_map_at at, total_at;
} ehp_map_measure;

/* One step of a chain of lookups, `join "FILE" on "From" = "Key"`: the
 * row of FILE whose column Key holds this row's From, a column of the
 * block's file or of a file joined before this one. `join "FILE" on "Key"`
 * is the same with From the block's person_id column. */
typedef struct {
	char *file, *from, *key;
	ehp_map_at at, from_at, key_at;
} ehp_map_join;

/* The longest chain a block may follow: the SSD's longest is four (a SEN
 * need, its active plan, the request, the SEND record, the person). */
#define EHP_MAP_MAX_JOINS 8

typedef struct {
	int kind;              /* EHP_FAMILIES_FILE, EHP_PEOPLE_FILE, EHP_RECORDS_FILE */
	char *file;            /* the council's file, in the --data folder */
	ehp_map_at at;
	ehp_map_join *joins;   /* followed in order, each from the block's file or an earlier join */
	size_t n_joins;
	char *column[EHP_MF_N];     /* the council's header for each field, or NULL */
	ehp_map_at column_at[EHP_MF_N];
	int fixed[EHP_MF_N];        /* `type is offence`: the vocabulary index, -1 none */
	ehp_map_flag_column *flag_columns;
	size_t n_flag_columns;
	ehp_map_measure *measures;
	size_t n_measures;
	ehp_map_code *codes;
	size_t n_codes;
} ehp_map_source;

typedef struct {
	char *path;
	ehp_map_source *sources;
	size_t n_sources;
	char *text;            /* the file, for quoting lines in messages */
	size_t len;
} ehp_map;

/* Parses and checks a mapping held in text (len bytes; path names it in
 * messages). Every mistake is written to diag (may be NULL). Returns the
 * number of errors: 0, and m is ready to use. */
int ehp_map_parse(ehp_map *m, const char *path, const char *text, size_t len, FILE *diag);
/* Reads the file at path and parses it: the number of errors, or -1 with a
 * message in err when the file cannot be read. */
int ehp_map_load(ehp_map *m, const char *path, FILE *diag, char *err, size_t errlen);
void ehp_map_free(ehp_map *m);

/* Prints `path:line:col: error: message`, the line, a caret under len
 * bytes, and `= hint: ...` when hint is not NULL. */
void ehp_map_diag(const ehp_map *m, FILE *diag, ehp_map_at at, size_t len, const char *message, const char *hint);

#endif
