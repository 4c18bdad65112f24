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
#include "load.h"
#include "mapping.h"
#include "mem.h"
#include "suggest.h"
#include "table.h"
#include "values.h"

enum { NONE, MAIN, JOINED };
typedef struct {
	int where;             /* NONE, MAIN (the block's file) or JOINED */
	int index;             /* MAIN: the column; JOINED: its place in jcols */
} colref;

/* A row of a joined file: the cells the mapping reads from it. */
typedef struct {
	char **cells;
	bool twice, bad;
} jrow;

typedef struct {
	const ehp_map_source *src;
	char *path, *jpath;
	FILE *f, *jf;
	ehp_table t, jt;
	bool open, jopen;
	colref field[EHP_MF_N];
	colref *flag, *mvalue, *mtotal;
	size_t origin;         /* its rows' origin; measure k's: origin + 1 + k */
	int *jcols;            /* the joined file's columns read */
	size_t n_jcols;
	int jkey;
	jrow *jrows;
	size_t n_jrows, cap_jrows;
	ehp_idmap jmap;
	ehp_text jtext;
	char **headers;        /* the file's headers, for a missing column's message */
	size_t n_headers;
	char hex[65], jhex[65];
	uint64_t bytes, jbytes;
} source_state;

/* A person's families, for records placed by person id. */
typedef struct {
	const char *family;
	size_t next;           /* the next of the person's families, or EHP_IDMAP_NONE */
} person_family;

struct ehp_mapping {
	const ehp_map *m;
	source_state *s;
	size_t n;
	ehp_origin *origins;
	size_t n_origins;
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

static void keep_headers(source_state *ss)
{
	const csv_reader *r = &ss->t.csv;
	ss->n_headers = r->n_fields;
	ss->headers = ehp_xcalloc(r->n_fields + 1, sizeof *ss->headers);
	for (size_t i = 0; i < r->n_fields; i++)
		ss->headers[i] = ehp_xstrndup(csv_field(r, i), csv_len(r, i));
}

/* The file's header nearest to name, case aside. */
static const char *nearest_header(const source_state *ss, const char *name)
{
	char **low = ehp_xcalloc(ss->n_headers + 1, sizeof *low);
	for (size_t i = 0; i < ss->n_headers; i++) {
		low[i] = ehp_xstrndup(ss->headers[i], strlen(ss->headers[i]));
		for (char *c = low[i]; *c; c++)
			*c = (char)tolower((unsigned char)*c);
	}
	char *want = ehp_xstrndup(name, strlen(name));
	for (char *c = want; *c; c++)
		*c = (char)tolower((unsigned char)*c);
	const char *near = suggest(want, (const char *const *)low, ss->n_headers);
	const char *found = NULL;
	for (size_t i = 0; near && i < ss->n_headers; i++)
		if (low[i] == near)
			found = ss->headers[i];
	for (size_t i = 0; i < ss->n_headers; i++)
		free(low[i]);
	free(low);
	free(want);
	return found;
}

static void add_missing(ehp_mapping *mp, source_state *ss, const char *name, ehp_map_at at, bool twice)
{
	mp->missing = ehp_xrealloc(mp->missing, (mp->n_missing + 1) * sizeof *mp->missing);
	mp->missing[mp->n_missing++] = (ehp_map_missing){
		.file = ss->src->file, .header = name, .at = at, .twice = twice,
		.nearest = twice ? NULL : nearest_header(ss, name), .found = (const char *const *)ss->headers,
		.n_found = ss->n_headers };
}

/* Finds the column named `name`: in the block's file, else in its joined file. */
static colref resolve(ehp_mapping *mp, source_state *ss, const char *name, ehp_map_at at)
{
	int c = csv_column(&ss->t.csv, name);
	if (c >= 0) {
		if (csv_column_after(&ss->t.csv, name, c) >= 0) {
			add_missing(mp, ss, name, at, true);
			return (colref){ NONE, -1 };
		}
		return (colref){ MAIN, c };
	}
	if (ss->jopen && (c = csv_column(&ss->jt.csv, name)) >= 0) {
		ss->jcols = ehp_xrealloc(ss->jcols, (ss->n_jcols + 1) * sizeof *ss->jcols);
		ss->jcols[ss->n_jcols] = c;
		return (colref){ JOINED, (int)ss->n_jcols++ };
	}
	add_missing(mp, ss, name, at, false);
	return (colref){ NONE, -1 };
}

static int open_file(const char *path, FILE **f, ehp_table *t, int kind, char *err, size_t errlen)
{
	if (!(*f = fopen(path, "rb"))) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	return ehp_table_open(t, *f, path, kind, NULL, err, errlen);
}

/* A receipt lists every file read; it has room for this many. */
enum { MAX_FILES = 36 };

int ehp_mapping_open(ehp_mapping **out, const ehp_map *m, const char *dir, bool keep_going, char *err, size_t errlen)
{
	ehp_mapping *mp = *out = ehp_xcalloc(1, sizeof *mp);
	mp->m = m;
	mp->n = m->n_sources;
	mp->s = ehp_xcalloc(mp->n + 1, sizeof *mp->s);
	size_t files = 0;
	for (size_t i = 0; i < mp->n; i++)
		files += 1 + (m->sources[i].join_file != NULL);
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
		keep_headers(ss);
		if (src->join_file) {
			ss->jpath = ehp_xprintf("%s/%s", dir, src->join_file);
			if (open_file(ss->jpath, &ss->jf, &ss->jt, src->kind, err, errlen) != 0)
				return -1;
			ss->jopen = true;
			ss->jkey = csv_column(&ss->jt.csv, src->join_key);
			if (ss->jkey < 0) {
				source_state js = { .src = src, .t = ss->jt };
				keep_headers(&js);
				/* the joined file's headers, kept with the block's own */
				ss->headers = ehp_xrealloc(ss->headers, (ss->n_headers + js.n_headers + 1) * sizeof *ss->headers);
				memcpy(ss->headers + ss->n_headers, js.headers, js.n_headers * sizeof *js.headers);
				ss->n_headers += js.n_headers;
				free(js.headers);
				add_missing(mp, ss, src->join_key, src->join_key_at, false);
			}
		}
		for (int f = 0; f < EHP_MF_N; f++)
			if (src->column[f])
				ss->field[f] = resolve(mp, ss, src->column[f], src->column_at[f]);
		ss->flag = ehp_xcalloc(src->n_flag_columns + 1, sizeof *ss->flag);
		for (size_t k = 0; k < src->n_flag_columns; k++)
			ss->flag[k] = resolve(mp, ss, src->flag_columns[k].header, src->flag_columns[k].at);
		ss->mvalue = ehp_xcalloc(src->n_measures + 1, sizeof *ss->mvalue);
		ss->mtotal = ehp_xcalloc(src->n_measures + 1, sizeof *ss->mtotal);
		for (size_t k = 0; k < src->n_measures; k++) {
			ss->mvalue[k] = resolve(mp, ss, src->measures[k].value, src->measures[k].at);
			if (src->measures[k].total)
				ss->mtotal[k] = resolve(mp, ss, src->measures[k].total, src->measures[k].total_at);
		}
		/* The origins: the block's, then one a measure. */
		ss->origin = mp->n_origins;
		mp->origins = ehp_xrealloc(mp->origins, (mp->n_origins + 1 + src->n_measures) * sizeof *mp->origins);
		ehp_origin *o = &mp->origins[mp->n_origins++];
		*o = (ehp_origin){ .path = ss->path };
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
	put_cell(f, t->csv.raw, t->csv.raw_len);
	putc('\n', f);
}

static const char *cell(const source_state *ss, const jrow *jr, colref r, size_t *n)
{
	if (r.where == MAIN)
		return ehp_cell(&ss->t, r.index, n);
	if (r.where == JOINED && jr && !jr->bad) {
		*n = strlen(jr->cells[r.index]);
		return jr->cells[r.index];
	}
	*n = 0;
	return "";
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

static void make_families(ehp_mapping *mp, source_state *ss, FILE *out)
{
	(void)mp;
	while (ehp_table_next(&ss->t)) {
		native_row row = { 0 };
		for (int f = EHP_MF_FAMILY_ID; f <= EHP_MF_CLOSURE_DATE; f++)
			row.s[f] = cell(ss, NULL, ss->field[f], &row.n[f]);
		emit(out, EHP_FAMILIES_FILE, &row, ss->origin, &ss->t, NULL, ss->t.bad);
	}
}

/* ------------------------------------------------------------ people */

static void read_joined(source_state *ss)
{
	ehp_table *t = &ss->jt;
	while (ehp_table_next(t)) {
		size_t n;
		const char *key = ehp_cell(t, ss->jkey, &n);
		if (!n)
			continue;
		size_t at = ehp_idmap_get(&ss->jmap, key, n);
		if (at != EHP_IDMAP_NONE) { /* which of the two is right cannot be told */
			ss->jrows[at].twice = true;
			continue;
		}
		ss->jrows = ehp_reserve(ss->jrows, &ss->cap_jrows, ss->n_jrows + 1, sizeof *ss->jrows);
		jrow *jr = &ss->jrows[ss->n_jrows];
		*jr = (jrow){ .bad = t->bad != NULL, .cells = ehp_xcalloc(ss->n_jcols + 1, sizeof *jr->cells) };
		for (size_t k = 0; k < ss->n_jcols; k++) {
			size_t cn;
			const char *c = ehp_cell(t, ss->jcols[k], &cn);
			jr->cells[k] = ehp_xstrndup(c, cn);
		}
		ehp_idmap_put(&ss->jmap, ehp_text_keep(&ss->jtext, key, n), ss->n_jrows++);
	}
}

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
static const char *person_flags(ehp_mapping *mp, source_state *ss, const jrow *jr)
{
	mp->buf_len = 0;
	size_t n;
	const char *s = cell(ss, jr, ss->field[EHP_MF_FLAGS], &n);
	const char *item;
	size_t len;
	for (size_t i = 0; ehp_next_item(s, n, &i, &item, &len);) {
		const char *name = translate(mp, ss, EHP_MF_FLAGS, item, &len);
		if (name && len)
			buf_add(mp, name, len);
	}
	const ehp_map_source *src = ss->src;
	for (size_t k = 0; k < src->n_flag_columns; k++) {
		const char *v = cell(ss, jr, ss->flag[k], &n);
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
	if (ss->jopen && ss->jkey >= 0)
		read_joined(ss);
	char why[160];
	while (ehp_table_next(&ss->t)) {
		native_row row = { 0 };
		row.s[EHP_MF_FAMILY_ID] = cell(ss, NULL, ss->field[EHP_MF_FAMILY_ID], &row.n[EHP_MF_FAMILY_ID]);
		row.s[EHP_MF_PERSON_ID] = cell(ss, NULL, ss->field[EHP_MF_PERSON_ID], &row.n[EHP_MF_PERSON_ID]);
		if (ss->t.bad) {
			emit(out, EHP_PEOPLE_FILE, &row, ss->origin, &ss->t, NULL, ss->t.bad);
			continue;
		}
		note_person(mp, row.s[EHP_MF_PERSON_ID], row.n[EHP_MF_PERSON_ID], row.s[EHP_MF_FAMILY_ID],
		            row.n[EHP_MF_FAMILY_ID]);
		const jrow *jr = NULL;
		const char *bad_field = NULL, *bad = NULL;
		if (ss->jopen && row.n[EHP_MF_PERSON_ID]) {
			size_t at = ehp_idmap_get(&ss->jmap, row.s[EHP_MF_PERSON_ID], row.n[EHP_MF_PERSON_ID]);
			jr = at == EHP_IDMAP_NONE ? NULL : &ss->jrows[at];
			if (jr && (jr->twice || jr->bad)) {
				snprintf(why, sizeof why, "%s %s", jr->twice ? "two rows for this person in" : "a malformed row for this person in",
				         ss->src->join_file);
				bad_field = ss->src->join_key;
				bad = why;
			}
		}
		row.s[EHP_MF_DATE_OF_BIRTH] = cell(ss, jr, ss->field[EHP_MF_DATE_OF_BIRTH], &row.n[EHP_MF_DATE_OF_BIRTH]);
		const char *flag_at = bad ? NULL : person_flags(mp, ss, jr);
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
 * the families of its person. */
static void emit_record(ehp_mapping *mp, source_state *ss, FILE *out, native_row *row, size_t origin)
{
	if (ss->field[EHP_MF_FAMILY_ID].where != NONE || ss->src->column[EHP_MF_FAMILY_ID]) {
		emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, NULL, ss->t.bad);
		return;
	}
	const char *id = row->s[EHP_MF_PERSON_ID];
	size_t n = row->n[EHP_MF_PERSON_ID];
	size_t k = n ? ehp_idmap_get(&mp->person_map, id, n) : EHP_IDMAP_NONE;
	if (k == EHP_IDMAP_NONE) {
		row->s[EHP_MF_FAMILY_ID] = NULL;
		if (ss->t.bad)
			emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, NULL, ss->t.bad);
		else
			emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, ss->src->column[EHP_MF_PERSON_ID],
			     n ? "unknown person (no row of the people files lists this person id)"
			       : "empty: a record with no family column is placed by its person");
		return;
	}
	for (; k != EHP_IDMAP_NONE; k = mp->pf[k].next) {
		row->s[EHP_MF_FAMILY_ID] = mp->pf[k].family;
		row->n[EHP_MF_FAMILY_ID] = strlen(mp->pf[k].family);
		emit(out, EHP_RECORDS_FILE, row, origin, &ss->t, NULL, ss->t.bad);
	}
}

static void make_records(ehp_mapping *mp, source_state *ss, FILE *out)
{
	const ehp_map_source *src = ss->src;
	while (ehp_table_next(&ss->t)) {
		native_row row = { 0 };
		for (int f = 0; f < EHP_MF_N; f++)
			if (ss->field[f].where != NONE)
				row.s[f] = cell(ss, NULL, ss->field[f], &row.n[f]);
		if (ss->t.bad) {
			emit_record(mp, ss, out, &row, ss->origin);
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
		if (!src->n_measures) {
			emit_record(mp, ss, out, &row, ss->origin);
			continue;
		}
		/* A wide row: one record a measure with a figure. */
		for (size_t k = 0; k < src->n_measures; k++) {
			native_row one = row;
			one.s[EHP_MF_VALUE] = cell(ss, NULL, ss->mvalue[k], &one.n[EHP_MF_VALUE]);
			if (!one.n[EHP_MF_VALUE])
				continue; /* not recorded */
			one.s[EHP_MF_TOTAL] = cell(ss, NULL, ss->mtotal[k], &one.n[EHP_MF_TOTAL]);
			one.s[EHP_MF_TYPE] = ehp_types[src->measures[k].type].name;
			one.n[EHP_MF_TYPE] = strlen(one.s[EHP_MF_TYPE]);
			emit_record(mp, ss, out, &one, ss->origin + 1 + k);
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
	/* Families, then people, then records: records placed by person need
	 * every people file read. */
	for (int kind = 0; kind < EHP_N_INPUT_FILES; kind++) {
		for (size_t i = 0; i < mp->n; i++) {
			source_state *ss = &mp->s[i];
			if (ss->src->kind != kind)
				continue;
			if (kind == EHP_FAMILIES_FILE)
				make_families(mp, ss, native[kind]);
			else if (kind == EHP_PEOPLE_FILE)
				make_people(mp, ss, native[kind]);
			else
				make_records(mp, ss, native[kind]);
			if (finish_file(&ss->t, ss->f, ss->path, ss->hex, &ss->bytes, err, errlen) != 0 ||
			    (ss->jopen && finish_file(&ss->jt, ss->jf, ss->jpath, ss->jhex, &ss->jbytes, err, errlen) != 0))
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

size_t ehp_mapping_files(const ehp_mapping *mp)
{
	size_t n = 0;
	for (size_t i = 0; i < mp->n; i++)
		n += 1 + mp->s[i].jopen;
	return n;
}

void ehp_mapping_file(const ehp_mapping *mp, size_t i, const char **path, const char **role, char hex[65],
                      uint64_t *bytes)
{
	for (size_t k = 0; k < mp->n; k++) {
		const source_state *ss = &mp->s[k];
		if (i == 0 || (i == 1 && ss->jopen)) {
			bool joined = i == 1;
			*path = joined ? ss->jpath : ss->path;
			*role = joined ? "joined" : role_names[ss->src->kind];
			memcpy(hex, joined ? ss->jhex : ss->hex, 65);
			*bytes = joined ? ss->jbytes : ss->bytes;
			return;
		}
		i -= 1 + ss->jopen;
	}
}

void ehp_mapping_close(ehp_mapping *mp)
{
	if (!mp)
		return;
	for (size_t i = 0; i < mp->n; i++) {
		source_state *ss = &mp->s[i];
		if (ss->open)
			ehp_table_close(&ss->t);
		if (ss->jopen)
			ehp_table_close(&ss->jt);
		if (ss->f)
			fclose(ss->f);
		if (ss->jf)
			fclose(ss->jf);
		free(ss->path);
		free(ss->jpath);
		free(ss->flag);
		free(ss->mvalue);
		free(ss->mtotal);
		free(ss->jcols);
		for (size_t k = 0; k < ss->n_jrows; k++) {
			for (size_t c = 0; c < ss->n_jcols; c++)
				free(ss->jrows[k].cells[c]);
			free(ss->jrows[k].cells);
		}
		free(ss->jrows);
		ehp_idmap_free(&ss->jmap);
		ehp_text_free(&ss->jtext);
		for (size_t k = 0; k < ss->n_headers; k++)
			free(ss->headers[k]);
		free(ss->headers);
	}
	free(mp->s);
	free(mp->origins);
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
