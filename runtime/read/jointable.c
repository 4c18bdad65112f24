/*
 * jointable.c - a joined council file held as a map from its key column to
 * the cells a mapping reads (jointable.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "idmap.h"
#include "jointable.h"
#include "load.h"
#include "mem.h"
#include "table.h"

typedef struct {
	const char *s;
	size_t n;
} join_cell;

struct ehp_join_table {
	char *path, *name, *key;
	FILE *f;
	ehp_table t;
	bool open, read;
	int key_col;
	char **headers;
	size_t n_headers;
	int *cols;             /* the file's columns kept, in the order asked */
	size_t n_cols;
	ehp_join_row *rows;
	size_t n_rows, cap_rows;
	join_cell *cells;      /* n_cols a row */
	size_t cap_cells;
	ehp_idmap map;
	ehp_text text;
	char hex[65];
	uint64_t bytes;
};

int ehp_join_open(ehp_join_table **out, const char *path, const char *name, const char *key, char *err,
                  size_t errlen)
{
	ehp_join_table *t = *out = ehp_xcalloc(1, sizeof *t);
	t->path = ehp_xstrndup(path, strlen(path));
	t->name = ehp_xstrndup(name, strlen(name));
	t->key = ehp_xstrndup(key, strlen(key));
	if (!(t->f = fopen(path, "rb"))) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	if (ehp_table_open(&t->t, t->f, t->path, EHP_PEOPLE_FILE, NULL, err, errlen) != 0)
		return -1;
	t->open = true;
	csv_hash(&t->t.csv, true);
	t->headers = ehp_table_headers(&t->t, &t->n_headers);
	t->key_col = csv_column(&t->t.csv, key);
	if (t->key_col >= 0 && csv_column_after(&t->t.csv, key, t->key_col) >= 0)
		t->key_col = -2;
	return 0;
}

const char *ehp_join_name(const ehp_join_table *t)
{
	return t->name;
}

const char *ehp_join_key(const ehp_join_table *t)
{
	return t->key;
}

int ehp_join_key_column(const ehp_join_table *t)
{
	return t->key_col;
}

int ehp_join_column(ehp_join_table *t, const char *name)
{
	int c = csv_column(&t->t.csv, name);
	if (c < 0)
		return -1;
	if (csv_column_after(&t->t.csv, name, c) >= 0)
		return -2;
	for (size_t k = 0; k < t->n_cols; k++)
		if (t->cols[k] == c)
			return (int)k;
	t->cols = ehp_xrealloc(t->cols, (t->n_cols + 1) * sizeof *t->cols);
	t->cols[t->n_cols] = c;
	return (int)t->n_cols++;
}

const char *const *ehp_join_headers(const ehp_join_table *t, size_t *n)
{
	*n = t->n_headers;
	return (const char *const *)t->headers;
}

/* Keeps the current row under its key (len bytes at key). */
static void keep_row(ehp_join_table *t, const char *key, size_t len)
{
	t->rows = ehp_reserve(t->rows, &t->cap_rows, t->n_rows + 1, sizeof *t->rows);
	t->cells = ehp_reserve(t->cells, &t->cap_cells, (t->n_rows + 1) * t->n_cols, sizeof *t->cells);
	ehp_join_row *r = &t->rows[t->n_rows];
	*r = (ehp_join_row){ .cells = t->n_rows * t->n_cols, .line = t->t.csv.line, .bad = t->t.bad != NULL };
	for (size_t k = 0; k < t->n_cols; k++) {
		join_cell *c = &t->cells[r->cells + k];
		const char *s = ehp_cell(&t->t, t->cols[k], &c->n);
		c->s = ehp_text_keep(&t->text, s, c->n);
	}
	ehp_idmap_put(&t->map, ehp_text_keep(&t->text, key, len), t->n_rows++);
}

int ehp_join_read(ehp_join_table *t, size_t max_bytes, char *err, size_t errlen)
{
	if (t->read || !t->open || t->key_col < 0)
		return 0;
	t->read = true;
	size_t used = 0;
	while (ehp_table_next(&t->t)) {
		size_t len;
		const char *key = ehp_cell(&t->t, t->key_col, &len);
		if (!len)
			continue;
		size_t at = ehp_idmap_get(&t->map, key, len);
		if (at != EHP_IDMAP_NONE) {
			t->rows[at].twice = true;
			continue;
		}
		/* What the row costs: its key, its cells and their places, its slot in the map. */
		used += sizeof(ehp_join_row) + 2 * sizeof(void *) + len + 1;
		for (size_t k = 0; k < t->n_cols; k++) {
			size_t n;
			ehp_cell(&t->t, t->cols[k], &n);
			used += sizeof(join_cell) + n + 1;
		}
		if (used > max_bytes) {
			snprintf(err, errlen,
			         "%s: the columns the mapping reads from it pass %zu bytes by line %lu: a joined file is "
			         "held in memory, and this one is too large to join",
			         t->path, max_bytes, t->t.csv.line);
			return -1;
		}
		keep_row(t, key, len);
	}
	if (ferror(t->f) || csv_digest(&t->t.csv, t->hex, &t->bytes) != 0) {
		snprintf(err, errlen, "%s: read error: %s", t->path, strerror(errno));
		return -1;
	}
	return 0;
}

const ehp_join_row *ehp_join_find(const ehp_join_table *t, const char *key, size_t len)
{
	size_t at = t->n_rows ? ehp_idmap_get(&t->map, key, len) : EHP_IDMAP_NONE;
	return at == EHP_IDMAP_NONE ? NULL : &t->rows[at];
}

const char *ehp_join_cell(const ehp_join_table *t, const ehp_join_row *r, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= t->n_cols) {
		*len = 0;
		return "";
	}
	const join_cell *c = &t->cells[r->cells + (size_t)col];
	*len = c->n;
	return c->s;
}

void ehp_join_digest(const ehp_join_table *t, const char **path, char hex[65], uint64_t *bytes)
{
	*path = t->path;
	memcpy(hex, t->hex, 65);
	*bytes = t->bytes;
}

void ehp_join_close(ehp_join_table *t)
{
	if (!t)
		return;
	if (t->open)
		ehp_table_close(&t->t);
	if (t->f)
		fclose(t->f);
	for (size_t i = 0; i < t->n_headers; i++)
		free(t->headers[i]);
	free(t->headers);
	free(t->cols);
	free(t->rows);
	free(t->cells);
	ehp_idmap_free(&t->map);
	ehp_text_free(&t->text);
	free(t->path);
	free(t->name);
	free(t->key);
	free(t);
}
