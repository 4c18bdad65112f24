/*
 * mapping.c - a council's files turned into the evaluator's own rows
 * (mapping.h). Each council file is read once, front to back, with the
 * reader's own table (table.c: the header found by name, cells trimmed,
 * empty rows skipped, malformed rows marked); each of its rows becomes one
 * row of the evaluator's families, people or records (a row of a wide table
 * several), written to a temporary file with where it came from. Values are
 * passed on as written, but codes, which are translated: the reader checks
 * them all.
 */
#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "eval.h"
#include "idmap.h"
#include "jointable.h"
#include "load.h"
#include "mapping.h"
#include "mem.h"
#include "suggest.h"
#include "table.h"
#include "values.h"

enum { NONE, MAIN, JOINED };
typedef struct {
	int where;             /* NONE, MAIN (the block's file) or JOINED */
	int step;              /* JOINED: which of the block's joins */
	int index;             /* MAIN: the column; JOINED: its place among the joined file's cells kept */
} colref;

/* One join of a block: the joined file, and the column whose id it looks up. */
typedef struct {
	ehp_join_table *t;
	colref from;
	bool usable;           /* both columns found (else said as missing, and not followed) */
} step_state;

typedef struct {
	const ehp_map_source *src;
	char *path;
	FILE *f;
	ehp_table t;
	bool open;
	colref field[EHP_MF_N];
	colref *flag, *mvalue, *mtotal;
	size_t origin;         /* its rows' origin; measure k's: origin + 1 + k */
	step_state *steps;     /* one a join */
	const ehp_join_row **jr; /* the current row's row in each joined file, or NULL */
	char **own_headers;    /* the file's headers */
	size_t n_own;
	const char **headers;  /* those, then each joined file's: for a missing column's message */
	size_t *n_upto;        /* n_upto[k]: how many of them come before join k's (n_upto[n_joins]: all) */
	char why[160];         /* why the current row's chain cannot be followed */
	char hex[65];
	uint64_t bytes;
} source_state;

/* A council file read, in the receipt's order: a block's, or a joined one. */
typedef struct {
	bool joined;
	size_t index;          /* into s or tables */
} file_entry;

/* A person's families, for records placed by person id. */
typedef struct {
	const char *family;
	size_t next;           /* the next of the person's families, or EHP_IDMAP_NONE */
} person_family;

struct ehp_mapping {
	const ehp_map *m;
	source_state *s;
	size_t n;
	ehp_join_table **tables; /* each joined file, once a key column */
	size_t n_tables;
	file_entry *files;
	size_t n_files;
	ehp_origin *origins;
	size_t n_origins;
	const char **kind_files[EHP_N_INPUT_FILES]; /* each kind's files by name, once each: what an origin's file indexes */
	size_t n_kind_files[EHP_N_INPUT_FILES];
	ehp_map_missing *missing;
	size_t n_missing;
	ehp_map_unknown *unknown;
	size_t n_unknown;
	unsigned long ignored;
	ehp_idmap person_map;
	ehp_text ptext;
	person_family *pf;
	size_t n_pf, cap_pf;
	char *buf;             /* a people row's flags, put together */
	size_t buf_len, buf_cap;
};

static const char *const role_names[EHP_N_INPUT_FILES] = { "families", "people", "records" };

/* ------------------------------------------------------------ opening */

/* The header nearest to name, case aside. */
static const char *nearest_header(const char *const *headers, size_t n, const char *name)
{
	char **low = ehp_xcalloc(n + 1, sizeof *low);
	for (size_t i = 0; i < n; i++) {
		low[i] = ehp_xstrndup(headers[i], strlen(headers[i]));
		for (char *c = low[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	char *want = ehp_xstrndup(name, strlen(name));
	for (char *c = want; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	const char *near = suggest(want, (const char *const *)low, n);
	const char *found = NULL;
	for (size_t i = 0; near && i < n; i++)
		if (low[i] == near)
			found = headers[i];
	for (size_t i = 0; i < n; i++)
		free(low[i]);
	free(low);
	free(want);
	return found;
}

/* Column `name` of `file` is missing (or named twice); the headers it was
 * looked for among are found[0..n). */
static void add_missing(ehp_mapping *mp, const char *file, const char *name, ehp_map_at at, bool twice,
                        const char *const *found, size_t n)
{
	mp->missing = ehp_xrealloc(mp->missing, (mp->n_missing + 1) * sizeof *mp->missing);
	mp->missing[mp->n_missing++] = (ehp_map_missing){
		.file = file, .header = name, .at = at, .twice = twice,
		.nearest = twice ? NULL : nearest_header(found, n, name), .found = found, .n_found = n };
}

/* Finds the column named `name`: in the block's file, else in the files
 * of its first `upto` joins, in order. */
static colref resolve(ehp_mapping *mp, source_state *ss, const char *name, ehp_map_at at, size_t upto)
{
	int c = csv_column(&ss->t.csv, name);
	if (c >= 0) {
		if (csv_column_after(&ss->t.csv, name, c) >= 0) {
			add_missing(mp, ss->src->file, name, at, true, ss->headers, ss->n_own);
			return (colref){ NONE, 0, -1 };
		}
		return (colref){ MAIN, 0, c };
	}
	for (size_t k = 0; k < upto; k++) {
		ehp_join_table *t = ss->steps[k].t;
		if ((c = ehp_join_column(t, name)) >= 0)
			return (colref){ JOINED, (int)k, c };
		if (c == -2) {
			size_t n;
			const char *const *h = ehp_join_headers(t, &n);
			add_missing(mp, ehp_join_name(t), name, at, true, h, n);
			return (colref){ NONE, 0, -1 };
		}
	}
	add_missing(mp, ss->src->file, name, at, false, ss->headers, ss->n_upto[upto]);
	return (colref){ NONE, 0, -1 };
}

static int open_file(const char *path, FILE **f, ehp_table *t, int kind, char *err, size_t errlen)
{
	if (!(*f = fopen(path, "rb"))) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	return ehp_table_open(t, *f, path, kind, NULL, err, errlen);
}

static void add_file(ehp_mapping *mp, bool joined, size_t index)
{
	mp->files = ehp_xrealloc(mp->files, (mp->n_files + 1) * sizeof *mp->files);
	mp->files[mp->n_files++] = (file_entry){ .joined = joined, .index = index };
}

/* The table of file j->file keyed by j->key: the one already open, or
 * opened now. NULL with a message in err when it cannot be opened. */
static ehp_join_table *join_table(ehp_mapping *mp, const char *dir, const ehp_map_join *j, char *err, size_t errlen)
{
	for (size_t k = 0; k < mp->n_tables; k++)
		if (!strcmp(ehp_join_name(mp->tables[k]), j->file) && !strcmp(ehp_join_key(mp->tables[k]), j->key))
			return mp->tables[k];
	char *path = ehp_xprintf("%s/%s", dir, j->file);
	mp->tables = ehp_xrealloc(mp->tables, (mp->n_tables + 1) * sizeof *mp->tables);
	int rc = ehp_join_open(&mp->tables[mp->n_tables], path, j->file, j->key, err, errlen);
	free(path);
	if (rc != 0) {
		ehp_join_close(mp->tables[mp->n_tables]);
		return NULL;
	}
	add_file(mp, true, mp->n_tables);
	return mp->tables[mp->n_tables++];
}

/* The council files a mapping reads: each block's, and each file joined
 * on one column once. */
static size_t count_files(const ehp_map *m)
{
	size_t files = m->n_sources;
	for (size_t i = 0; i < m->n_sources; i++) {
		for (size_t k = 0; k < m->sources[i].n_joins; k++) {
			const ehp_map_join *j = &m->sources[i].joins[k];
			bool seen = false;
			for (size_t i2 = 0; i2 <= i && !seen; i2++)
				for (size_t k2 = 0; k2 < (i2 == i ? k : m->sources[i2].n_joins) && !seen; k2++)
					seen = !strcmp(m->sources[i2].joins[k2].file, j->file) &&
					       !strcmp(m->sources[i2].joins[k2].key, j->key);
			files += !seen;
		}
	}
	return files;
}

/* Opens the block's joined files and finds the column each join follows. */
static int open_joins(ehp_mapping *mp, source_state *ss, const char *dir, char *err, size_t errlen)
{
	const ehp_map_source *src = ss->src;
	ss->steps = ehp_xcalloc(src->n_joins + 1, sizeof *ss->steps);
	ss->jr = ehp_xcalloc(src->n_joins + 1, sizeof *ss->jr);
	ss->n_upto = ehp_xcalloc(src->n_joins + 1, sizeof *ss->n_upto);
	size_t n = ss->n_upto[0] = ss->n_own;
	for (size_t k = 0; k < src->n_joins; k++) {
		if (!(ss->steps[k].t = join_table(mp, dir, &src->joins[k], err, errlen)))
			return -1;
		size_t jn;
		ehp_join_headers(ss->steps[k].t, &jn);
		n = ss->n_upto[k + 1] = n + jn;
	}
	/* The file's headers, then each joined file's, in order. */
	ss->headers = ehp_xcalloc(n + 1, sizeof *ss->headers);
	memcpy(ss->headers, ss->own_headers, ss->n_own * sizeof *ss->headers);
	for (size_t k = 0; k < src->n_joins; k++) {
		size_t jn;
		const char *const *h = ehp_join_headers(ss->steps[k].t, &jn);
		memcpy(ss->headers + ss->n_upto[k], h, jn * sizeof *h);
	}
	for (size_t k = 0; k < src->n_joins; k++) {
		const ehp_map_join *j = &src->joins[k];
		step_state *st = &ss->steps[k];
		int key = ehp_join_key_column(st->t);
		if (key < 0) {
			size_t jn;
			const char *const *h = ehp_join_headers(st->t, &jn);
			add_missing(mp, j->file, j->key, j->key_at, key == -2, h, jn);
		}
		st->from = resolve(mp, ss, j->from, j->from_at, k);
		st->usable = key >= 0 && st->from.where != NONE;
	}
	return 0;
}

/* A receipt lists every file read; it has room for this many. */
enum { MAX_FILES = 36 };

/* The index of a block's file among its kind's, added when new: two blocks
 * may read one file. */
static unsigned kind_file(ehp_mapping *mp, int kind, const char *name)
{
	size_t i = 0;
	while (i < mp->n_kind_files[kind] && strcmp(mp->kind_files[kind][i], name))
		i++;
	if (i == mp->n_kind_files[kind]) {
		mp->kind_files[kind] = ehp_xrealloc(mp->kind_files[kind], (i + 1) * sizeof *mp->kind_files[kind]);
		mp->kind_files[kind][mp->n_kind_files[kind]++] = name;
	}
	return (unsigned)i;
}

int ehp_mapping_open(ehp_mapping **out, const ehp_map *m, const char *dir, bool keep_going, char *err, size_t errlen)
{
	ehp_mapping *mp = *out = ehp_xcalloc(1, sizeof *mp);
	mp->m = m;
	mp->n = m->n_sources;
	mp->s = ehp_xcalloc(mp->n + 1, sizeof *mp->s);
	size_t files = count_files(m);
	if (files > MAX_FILES) {
		snprintf(err, errlen, "%s: reads %zu files; a mapping reads at most %d", m->path, files, MAX_FILES);
		return -1;
	}
	for (size_t i = 0; i < mp->n; i++) {
		source_state *ss = &mp->s[i];
		const ehp_map_source *src = ss->src = &m->sources[i];
		ss->path = ehp_xprintf("%s/%s", dir, src->file);
		if (open_file(ss->path, &ss->f, &ss->t, src->kind, err, errlen) != 0)
			return -1;
		csv_hash(&ss->t.csv, true);
		ss->open = true;
		add_file(mp, false, i);
		ss->own_headers = ehp_table_headers(&ss->t, &ss->n_own);
		if (open_joins(mp, ss, dir, err, errlen) != 0)
			return -1;
		size_t all = src->n_joins;
		for (int f = 0; f < EHP_MF_N; f++)
			if (src->column[f])
				ss->field[f] = resolve(mp, ss, src->column[f], src->column_at[f], all);
		ss->flag = ehp_xcalloc(src->n_flag_columns + 1, sizeof *ss->flag);
		for (size_t k = 0; k < src->n_flag_columns; k++)
			ss->flag[k] = resolve(mp, ss, src->flag_columns[k].header, src->flag_columns[k].at, all);
		ss->mvalue = ehp_xcalloc(src->n_measures + 1, sizeof *ss->mvalue);
		ss->mtotal = ehp_xcalloc(src->n_measures + 1, sizeof *ss->mtotal);
		for (size_t k = 0; k < src->n_measures; k++) {
			ss->mvalue[k] = resolve(mp, ss, src->measures[k].value, src->measures[k].at, all);
			if (src->measures[k].total)
				ss->mtotal[k] = resolve(mp, ss, src->measures[k].total, src->measures[k].total_at, all);
		}
		/* The origins: the block's, then one a measure. */
		ss->origin = mp->n_origins;
		mp->origins = ehp_xrealloc(mp->origins, (mp->n_origins + 1 + src->n_measures) * sizeof *mp->origins);
		ehp_origin *o = &mp->origins[mp->n_origins++];
		*o = (ehp_origin){ .path = ss->path, .file = kind_file(mp, src->kind, src->file) };
		for (int f = 0; f < EHP_MF_N; f++)
			o->column[f] = src->column[f];
		if (!o->column[EHP_MF_FLAGS] && src->n_flag_columns)
			o->column[EHP_MF_FLAGS] = src->flag_columns[0].header;
		for (size_t k = 0; k < src->n_measures; k++) {
			ehp_origin *mo = &mp->origins[mp->n_origins++];
			*mo = mp->origins[ss->origin];
			mo->column[EHP_MF_VALUE] = src->measures[k].value;
			mo->column[EHP_MF_TOTAL] = src->measures[k].total;
		}
	}
	if (mp->n_missing && !keep_going) {
		snprintf(err, errlen, "%s: %zu column%s the mapping names %s not in the files", m->path, mp->n_missing,
		         mp->n_missing == 1 ? "" : "s", mp->n_missing == 1 ? "is" : "are");
		return -1;
	}
	return 0;
}

size_t ehp_mapping_missing(const ehp_mapping *mp, const ehp_map_missing **out)
{
	*out = mp->missing;
	return mp->n_missing;
}

/* ------------------------------------------------------------ writing rows */

static void put_cell(FILE *f, const char *s, size_t n)
{
	putc('"', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			putc('"', f);
		putc(s[i], f);
	}
	putc('"', f);
}

typedef struct {
	const char *s[EHP_MF_N];
	size_t n[EHP_MF_N];
} native_row;

/* The native fields of each kind, in its header's order. */
static const int row_fields[EHP_N_INPUT_FILES][11] = {
	{ EHP_MF_FAMILY_ID, EHP_MF_ENTRY_DATE, EHP_MF_CLOSURE_DATE, -1 },
	{ EHP_MF_PERSON_ID, EHP_MF_FAMILY_ID, EHP_MF_DATE_OF_BIRTH, EHP_MF_FLAGS, -1 },
	{ EHP_MF_FAMILY_ID, EHP_MF_PERSON_ID, EHP_MF_TYPE, EHP_MF_DATE, EHP_MF_END_DATE, EHP_MF_VALUE, EHP_MF_TOTAL,
	  EHP_MF_SCORE, EHP_MF_DETAIL, EHP_MF_AUTHOR, -1 },
};

static void write_header(FILE *f, int kind)
{
	for (int k = 0; row_fields[kind][k] >= 0; k++)
		fprintf(f, "%s,", ehp_map_field_names[row_fields[kind][k]]);
	fputs("ehp_src,ehp_line,ehp_bad_field,ehp_bad,ehp_raw\n", f);
}

/* One native row: its fields, then where it came from and what the
 * mapping found wrong with it (bad NULL: nothing). */
static void emit(FILE *f, int kind, const native_row *row, size_t origin, const ehp_table *t, const char *bad_field,
                 const char *bad)
{
	for (int k = 0; row_fields[kind][k] >= 0; k++) {
		int fl = row_fields[kind][k];
		put_cell(f, row->s[fl] ? row->s[fl] : "", row->s[fl] ? row->n[fl] : 0);
		putc(',', f);
	}
	fprintf(f, "%zu,%lu,", origin, t->csv.line);
	put_cell(f, bad_field ? bad_field : "", bad_field ? strlen(bad_field) : 0);
	putc(',', f);
	put_cell(f, bad ? bad : "", bad ? strlen(bad) : 0);
	putc(',', f);
	/* The row without its line end (a row cut at the end of the file keeps
	 * one), so the cell does not run onto a line of its own. */
	size_t raw = t->csv.raw_len;
	while (raw && (t->csv.raw[raw - 1] == '\n' || t->csv.raw[raw - 1] == '\r'))
		raw--;
	put_cell(f, t->csv.raw, raw);
	putc('\n', f);
}

/* A cell of the current row: from the block's file, or from the row a
 * join found (empty when it found none). */
static const char *cell(const source_state *ss, colref r, size_t *n)
{
	if (r.where == MAIN)
		return ehp_cell(&ss->t, r.index, n);
	if (r.where == JOINED && ss->jr[r.step])
		return ehp_join_cell(ss->steps[r.step].t, ss->jr[r.step], r.index, n);
	*n = 0;
	return "";
}

/* Follows the block's joins for the current row, each from the id in its
 * column to the joined file's row with that id (ss->jr). NULL; or why the
 * row cannot be joined, with the column at fault in *col: an id is empty,
 * not found, or on two rows or a malformed row of the joined file. */
static const char *follow(source_state *ss, const char **col)
{
	const ehp_map_source *src = ss->src;
	for (size_t k = 0; k < src->n_joins; k++)
		ss->jr[k] = NULL;
	if (ss->t.bad)
		return NULL;
	for (size_t k = 0; k < src->n_joins && ss->steps[k].usable; k++) {
		const ehp_map_join *j = &src->joins[k];
		size_t n;
		const char *id = cell(ss, ss->steps[k].from, &n);
		const ehp_join_row *r = n ? ehp_join_find(ss->steps[k].t, id, n) : NULL;
		if (!n)
			snprintf(ss->why, sizeof ss->why, "empty: the id looked up in %s", j->file);
		else if (!r)
			snprintf(ss->why, sizeof ss->why, "not found in %s (column %s)", j->file, j->key);
		else if (r->twice)
			snprintf(ss->why, sizeof ss->why, "on two rows of %s (column %s)", j->file, j->key);
		else if (r->bad)
			snprintf(ss->why, sizeof ss->why, "on a malformed row of %s, line %lu", j->file, r->line);
		else {
			ss->jr[k] = r;
			continue;
		}
		*col = j->from;
		return ss->why;
	}
	return NULL;
}

/* ------------------------------------------------------------ codes */

static const char *vocabulary_name(ehp_map_field f, int i)
{
	return f == EHP_MF_TYPE ? ehp_types[i].name
	     : f == EHP_MF_DETAIL ? ehp_detail_names[i]
	     : f == EHP_MF_AUTHOR ? ehp_role_names[i]
	                          : ehp_flag_names[i];
}

static bool known_name(ehp_map_field f, const char *s, size_t n)
{
	return f == EHP_MF_TYPE ? ehp_data_type(s, n) >= 0
	     : f == EHP_MF_DETAIL ? ehp_data_detail(s, n) >= 0
	     : f == EHP_MF_AUTHOR ? ehp_role_lookup(s, n) >= 0
	                          : ehp_data_flag(s, n) >= 0;
}

static void count_unknown(ehp_mapping *mp, const source_state *ss, ehp_map_field f, const char *s, size_t n)
{
	const char *column = ss->src->column[f];
	for (size_t i = 0; i < mp->n_unknown; i++) {
		ehp_map_unknown *u = &mp->unknown[i];
		if (u->column == column && strlen(u->code) == n && !memcmp(u->code, s, n)) {
			u->rows++;
			return;
		}
	}
	enum { MAX_UNKNOWN = 1000 }; /* past that, the mapping is for another export */
	if (mp->n_unknown >= MAX_UNKNOWN)
		return;
	mp->unknown = ehp_xrealloc(mp->unknown, (mp->n_unknown + 1) * sizeof *mp->unknown);
	mp->unknown[mp->n_unknown++] =
		(ehp_map_unknown){ .file = ss->src->file, .column = column, .code = ehp_xstrndup(s, n), .rows = 1 };
}

/* What a code in column f stands for: the mapping's name for it; the cell
 * as it is when the mapping does not declare it (the reader checks it
 * against the dictionary, case aside); NULL when declared ignored. */
static const char *translate(ehp_mapping *mp, const source_state *ss, ehp_map_field f, const char *s, size_t *n)
{
	if (!*n)
		return s;
	const ehp_map_source *src = ss->src;
	for (size_t k = 0; k < src->n_codes; k++) {
		const ehp_map_code *c = &src->codes[k];
		if (c->field == f && strlen(c->code) == *n && !strncasecmp(c->code, s, *n)) {
			if (c->target < 0)
				return NULL;
			const char *name = vocabulary_name(f, c->target);
			*n = strlen(name);
			return name;
		}
	}
	if (!known_name(f, s, *n))
		count_unknown(mp, ss, f, s, *n);
	return s;
}

/* ------------------------------------------------------------ families */

static void make_families(source_state *ss, FILE *out)
{
	while (ehp_table_next(&ss->t)) {
		const char *bad_field = NULL, *bad = follow(ss, &bad_field);
		native_row row = { 0 };
		for (int f = EHP_MF_FAMILY_ID; f <= EHP_MF_CLOSURE_DATE; f++)
			row.s[f] = cell(ss, ss->field[f], &row.n[f]);
		emit(out, EHP_FAMILIES_FILE, &row, ss->origin, &ss->t, bad_field, ss->t.bad ? ss->t.bad : bad);
	}
}

/* ------------------------------------------------------------ people */

static void buf_add(ehp_mapping *mp, const char *s, size_t n)
{
	mp->buf = ehp_reserve(mp->buf, &mp->buf_cap, mp->buf_len + n + 2, 1);
	if (mp->buf_len)
		mp->buf[mp->buf_len++] = ';';
	memcpy(mp->buf + mp->buf_len, s, n);
	mp->buf_len += n;
}

/* A person's flags: the codes column's (each `;`-separated code
 * translated) and each yes/no column's. NULL, or the column at fault. */
static const char *person_flags(ehp_mapping *mp, source_state *ss)
{
	mp->buf_len = 0;
	size_t n;
	const char *s = cell(ss, ss->field[EHP_MF_FLAGS], &n);
	const char *item;
	size_t len;
	for (size_t i = 0; ehp_next_item(s, n, &i, &item, &len);) {
		const char *name = translate(mp, ss, EHP_MF_FLAGS, item, &len);
		if (name && len)
			buf_add(mp, name, len);
	}
	const ehp_map_source *src = ss->src;
	for (size_t k = 0; k < src->n_flag_columns; k++) {
		const char *v = cell(ss, ss->flag[k], &n);
		int yes = ehp_value_yes_no(v, n);
		if (yes < 0)
			return src->flag_columns[k].header;
		if (yes) {
			const char *name = ehp_flag_names[src->flag_columns[k].flag];
			buf_add(mp, name, strlen(name));
		}
	}
	return NULL;
}

/* Remembers that person id belongs to family fam (records placed by person). */
static void note_person(ehp_mapping *mp, const char *id, size_t n, const char *fam, size_t fn)
{
	if (!n || !fn)
		return;
	size_t first = ehp_idmap_get(&mp->person_map, id, n);
	for (size_t k = first; k != EHP_IDMAP_NONE; k = mp->pf[k].next)
		if (strlen(mp->pf[k].family) == fn && !memcmp(mp->pf[k].family, fam, fn))
			return;
	mp->pf = ehp_reserve(mp->pf, &mp->cap_pf, mp->n_pf + 1, sizeof *mp->pf);
	mp->pf[mp->n_pf] = (person_family){ .family = ehp_text_keep(&mp->ptext, fam, fn), .next = EHP_IDMAP_NONE };
	if (first == EHP_IDMAP_NONE) {
		ehp_idmap_put(&mp->person_map, ehp_text_keep(&mp->ptext, id, n), mp->n_pf);
	} else {
		size_t k = first;
		while (mp->pf[k].next != EHP_IDMAP_NONE)
			k = mp->pf[k].next;
		mp->pf[k].next = mp->n_pf;
	}
	mp->n_pf++;
}

static void make_people(ehp_mapping *mp, source_state *ss, FILE *out)
{
	while (ehp_table_next(&ss->t)) {
		const char *bad_field = NULL, *bad = follow(ss, &bad_field);
		native_row row = { 0 };
		row.s[EHP_MF_FAMILY_ID] = cell(ss, ss->field[EHP_MF_FAMILY_ID], &row.n[EHP_MF_FAMILY_ID]);
		row.s[EHP_MF_PERSON_ID] = cell(ss, ss->field[EHP_MF_PERSON_ID], &row.n[EHP_MF_PERSON_ID]);
		if (ss->t.bad) {
			emit(out, EHP_PEOPLE_FILE, &row, ss->origin, &ss->t, NULL, ss->t.bad);
			continue;
		}
		note_person(mp, row.s[EHP_MF_PERSON_ID], row.n[EHP_MF_PERSON_ID], row.s[EHP_MF_FAMILY_ID],
		            row.n[EHP_MF_FAMILY_ID]);
		row.s[EHP_MF_DATE_OF_BIRTH] = cell(ss, ss->field[EHP_MF_DATE_OF_BIRTH], &row.n[EHP_MF_DATE_OF_BIRTH]);
		mp->buf_len = 0;
		const char *flag_at = bad ? NULL : person_flags(mp, ss);
		if (flag_at) {
			bad_field = flag_at;
			bad = EHP_NOT_YES_NO;
		}
		row.s[EHP_MF_FLAGS] = mp->buf ? mp->buf : "";
		row.n[EHP_MF_FLAGS] = mp->buf_len;
		emit(out, EHP_PEOPLE_FILE, &row, ss->origin, &ss->t, bad_field, bad);
	}
}

/* ------------------------------------------------------------ records */

/* One record row for each family it belongs to: its family column's, or
 * the families of its person. A row found wrong (bad: why, bad_field: the
 * council's column, NULL for the row) is written for those families too,
 * or once with no family when its person is not known, to be rejected. */
static void emit_record(ehp_mapping *mp, source_state *ss, FILE *out, native_row *row, size_t origin,
                        const char *bad_field, const char *bad)
{
	if (ss->field[EHP_MF_FAMILY_ID].where != NONE || ss->src->column[EHP_MF_FAMILY_ID]) {
		emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, bad_field, bad);
		return;
	}
	const char *id = row->s[EHP_MF_PERSON_ID];
	size_t n = row->n[EHP_MF_PERSON_ID];
	size_t k = n ? ehp_idmap_get(&mp->person_map, id, n) : EHP_IDMAP_NONE;
	if (k == EHP_IDMAP_NONE) {
		row->s[EHP_MF_FAMILY_ID] = NULL;
		if (bad)
			emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, bad_field, bad);
		else
			emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, ss->src->column[EHP_MF_PERSON_ID],
			     n ? "unknown person (no row of the people files lists this person id)"
			       : "empty: a record with no family column is placed by its person");
		return;
	}
	for (; k != EHP_IDMAP_NONE; k = mp->pf[k].next) {
		row->s[EHP_MF_FAMILY_ID] = mp->pf[k].family;
		row->n[EHP_MF_FAMILY_ID] = strlen(mp->pf[k].family);
		emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, bad_field, bad);
	}
}

static void make_records(ehp_mapping *mp, source_state *ss, FILE *out)
{
	const ehp_map_source *src = ss->src;
	while (ehp_table_next(&ss->t)) {
		const char *bad_field = NULL, *bad = follow(ss, &bad_field);
		native_row row = { 0 };
		for (int f = 0; f < EHP_MF_N; f++)
			if (ss->field[f].where != NONE)
				row.s[f] = cell(ss, ss->field[f], &row.n[f]);
		if (ss->t.bad) {
			emit_record(mp, ss, out, &row, ss->origin, NULL, ss->t.bad);
			continue;
		}
		static const ehp_map_field coded[] = { EHP_MF_TYPE, EHP_MF_DETAIL, EHP_MF_AUTHOR };
		bool ignored = false;
		for (size_t c = 0; c < sizeof coded / sizeof *coded; c++) {
			ehp_map_field f = coded[c];
			if (src->fixed[f] >= 0) {
				row.s[f] = vocabulary_name(f, src->fixed[f]);
				row.n[f] = strlen(row.s[f]);
			} else if (row.s[f]) {
				const char *name = translate(mp, ss, f, row.s[f], &row.n[f]);
				ignored |= !name && f == EHP_MF_TYPE; /* a code that means nothing for any plan */
				row.s[f] = name ? name : "";
				row.n[f] = name ? row.n[f] : 0;
			}
		}
		if (ignored) {
			mp->ignored++;
			continue;
		}
		if (!src->n_measures || bad) {
			emit_record(mp, ss, out, &row, ss->origin, bad_field, bad);
			continue;
		}
		/* A wide row: one record a measure with a figure. */
		for (size_t k = 0; k < src->n_measures; k++) {
			native_row one = row;
			one.s[EHP_MF_VALUE] = cell(ss, ss->mvalue[k], &one.n[EHP_MF_VALUE]);
			if (!one.n[EHP_MF_VALUE])
				continue; /* not recorded */
			one.s[EHP_MF_TOTAL] = cell(ss, ss->mtotal[k], &one.n[EHP_MF_TOTAL]);
			one.s[EHP_MF_TYPE] = ehp_types[src->measures[k].type].name;
			one.n[EHP_MF_TYPE] = strlen(one.s[EHP_MF_TYPE]);
			emit_record(mp, ss, out, &one, ss->origin + 1 + k, NULL, NULL);
		}
	}
}

/* ------------------------------------------------------------ making */

static int finish_file(ehp_table *t, FILE *f, const char *path, char hex[65], uint64_t *bytes, char *err,
                       size_t errlen)
{
	if (ferror(f) || csv_digest(&t->csv, hex, bytes) != 0) {
		snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
		return -1;
	}
	return 0;
}

int ehp_mapping_make(ehp_mapping *mp, FILE *native[3], char *err, size_t errlen)
{
	for (int k = 0; k < EHP_N_INPUT_FILES; k++) {
		if (!(native[k] = tmpfile()))
			ehp_die("cannot create a temporary file for the mapped rows: %s", strerror(errno));
		write_header(native[k], k);
	}
	/* Each joined file once, before any block looks into it. */
	for (size_t k = 0; k < mp->n_tables; k++)
		if (ehp_join_read(mp->tables[k], EHP_JOIN_MAX_BYTES, err, errlen) != 0)
			return -1;
	/* Families, then people, then records: records placed by person need
	 * every people file read. */
	for (int kind = 0; kind < EHP_N_INPUT_FILES; kind++) {
		for (size_t i = 0; i < mp->n; i++) {
			source_state *ss = &mp->s[i];
			if (ss->src->kind != kind)
				continue;
			if (kind == EHP_FAMILIES_FILE)
				make_families(ss, native[kind]);
			else if (kind == EHP_PEOPLE_FILE)
				make_people(mp, ss, native[kind]);
			else
				make_records(mp, ss, native[kind]);
			if (finish_file(&ss->t, ss->f, ss->path, ss->hex, &ss->bytes, err, errlen) != 0)
				return -1;
		}
	}
	for (int k = 0; k < EHP_N_INPUT_FILES; k++) {
		if (fflush(native[k]) != 0 || fseek(native[k], 0, SEEK_SET) != 0) {
			snprintf(err, errlen, "cannot write the mapped rows to a temporary file: %s", strerror(errno));
			return -1;
		}
	}
	return 0;
}

const ehp_origin *ehp_mapping_origins(const ehp_mapping *mp, size_t *n)
{
	*n = mp->n_origins;
	return mp->origins;
}

size_t ehp_mapping_unknown(const ehp_mapping *mp, const ehp_map_unknown **out)
{
	*out = mp->unknown;
	return mp->n_unknown;
}

unsigned long ehp_mapping_ignored_rows(const ehp_mapping *mp)
{
	return mp->ignored;
}

unsigned long ehp_mapping_empty_rows(const ehp_mapping *mp)
{
	unsigned long n = 0;
	for (size_t i = 0; i < mp->n; i++)
		n += mp->s[i].t.empty;
	return n;
}

const char *const *ehp_mapping_kind_files(const ehp_mapping *mp, int kind, size_t *n)
{
	*n = mp->n_kind_files[kind];
	return mp->kind_files[kind];
}

size_t ehp_mapping_files(const ehp_mapping *mp)
{
	return mp->n_files;
}

void ehp_mapping_file(const ehp_mapping *mp, size_t i, const char **path, const char **role, char hex[65],
                      uint64_t *bytes)
{
	const file_entry *e = &mp->files[i];
	if (e->joined) {
		*role = "joined";
		ehp_join_digest(mp->tables[e->index], path, hex, bytes);
		return;
	}
	const source_state *ss = &mp->s[e->index];
	*path = ss->path;
	*role = role_names[ss->src->kind];
	memcpy(hex, ss->hex, 65);
	*bytes = ss->bytes;
}

void ehp_mapping_close(ehp_mapping *mp)
{
	if (!mp)
		return;
	for (size_t i = 0; i < mp->n; i++) {
		source_state *ss = &mp->s[i];
		if (ss->open)
			ehp_table_close(&ss->t);
		if (ss->f)
			fclose(ss->f);
		free(ss->path);
		free(ss->flag);
		free(ss->mvalue);
		free(ss->mtotal);
		free(ss->steps);
		free(ss->jr);
		free(ss->n_upto);
		free(ss->headers);
		for (size_t k = 0; k < ss->n_own; k++)
			free(ss->own_headers[k]);
		free(ss->own_headers);
	}
	for (size_t k = 0; k < mp->n_tables; k++)
		ehp_join_close(mp->tables[k]);
	free(mp->tables);
	free(mp->files);
	free(mp->s);
	free(mp->origins);
	for (int k = 0; k < EHP_N_INPUT_FILES; k++)
		free(mp->kind_files[k]);
	free(mp->missing);
	for (size_t i = 0; i < mp->n_unknown; i++)
		free((char *)mp->unknown[i].code);
	free(mp->unknown);
	ehp_idmap_free(&mp->person_map);
	ehp_text_free(&mp->ptext);
	free(mp->pf);
	free(mp->buf);
	free(mp);
}
