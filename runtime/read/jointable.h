/*
 * jointable.h - a council file that a mapping joins (`join "FILE" on
 * "From" = "Key"`, mapfile.h): read once, front to back, into a map from
 * its Key column to the few cells the mapping reads from each row, so each
 * step of a chain of lookups is one hash lookup. One table serves every
 * block that joins the file on that column.
 *
 * Bounded: only the columns asked for are kept, and a table whose kept
 * cells would pass the bound it is read with is refused (a joined file is
 * held in memory; the rows of the block that joins it are streamed).
 */
#ifndef EHP_JOINTABLE_H
#define EHP_JOINTABLE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The bound a mapping reads its joined files with. */
#define EHP_JOIN_MAX_BYTES ((size_t)1 << 30)

typedef struct ehp_join_table ehp_join_table;

/* One key's row. */
typedef struct {
	size_t cells;          /* its first cell in the table's cells */
	unsigned long line;    /* where it starts in the file */
	bool twice;            /* another row has the same key: which is meant cannot be told */
	bool bad;              /* a malformed row (an unclosed quote, the wrong number of cells) */
} ehp_join_row;

/* Opens the file at path (name: as the mapping names it, for messages) and
 * reads its header. 0, or -1 with a message in err. */
int ehp_join_open(ehp_join_table **out, const char *path, const char *name, const char *key, char *err,
                  size_t errlen);
const char *ehp_join_name(const ehp_join_table *t);
const char *ehp_join_key(const ehp_join_table *t);
/* The key column: found once (>= 0), absent (-1) or named twice (-2). */
int ehp_join_key_column(const ehp_join_table *t);
/* Asks for column `name` to be kept: its place among the cells kept (>= 0),
 * -1 when the header has no such column, -2 when it has two. Only before
 * ehp_join_read. */
int ehp_join_column(ehp_join_table *t, const char *name);
/* The header's names. */
const char *const *ehp_join_headers(const ehp_join_table *t, size_t *n);
/* Reads every row once (again: nothing). Rows with an empty key are
 * skipped. 0; or -1 with a message in err: a read error, or the cells kept
 * would pass max_bytes. A table whose key column is not found once reads
 * nothing. */
int ehp_join_read(ehp_join_table *t, size_t max_bytes, char *err, size_t errlen);
/* The row whose key is the len bytes at key, or NULL. */
const ehp_join_row *ehp_join_find(const ehp_join_table *t, const char *key, size_t len);
/* Cell col (from ehp_join_column) of row r, trimmed, NUL-terminated. */
const char *ehp_join_cell(const ehp_join_table *t, const ehp_join_row *r, int col, size_t *len);
/* The SHA-256 and size of the bytes read, for the receipt. */
void ehp_join_digest(const ehp_join_table *t, const char **path, char hex[65], uint64_t *bytes);
void ehp_join_close(ehp_join_table *t);

#endif
