/*
 * load.c - reads families.csv, people.csv and records.csv (columns found by
 * header name, in any order) into ehp_family objects. Every row that cannot
 * be read is reported with its file, line, field and reason, written to the
 * rejects file, and its family flagged so that it is never claimable on
 * incomplete data. No message ever contains a row's contents.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "idmap.h"
#include "load.h"
#include "output.h"

static void *xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q) {
		fputs("ehp: out of memory loading data\n", stderr);
		abort();
	}
	return q;
}

void ehp_reject(ehp_rejects *rj, const char *file, unsigned long line, const char *field,
                const char *reason, const char *raw, size_t raw_len)
{
	rj->count++;
	if (!rj->quiet && rj->shown < rj->max_shown) {
		fprintf(stderr, "%s:%lu: %s: %s\n", file, line, field, reason);
		rj->shown++;
	}
	if (rj->out) {
		ehp_csv_field(rj->out, file);
		fprintf(rj->out, ",%lu,", line);
		ehp_csv_field(rj->out, field);
		putc(',', rj->out);
		ehp_csv_field(rj->out, reason);
		putc(',', rj->out);
		ehp_csv_field_n(rj->out, raw, raw_len);
		putc('\n', rj->out);
	}
}

int ehp_parse_number(const char *s, size_t len, double *out)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len) {
		*out = NAN;
		return 1;
	}
	if (len > 63)
		return 0;
	/* Plain decimals only: strtod would also take hex, "inf" and "nan". */
	for (size_t i = 0; i < len; i++)
		if (!strchr("+-.0123456789eE", s[i]) || !s[i])
			return 0;
	char buf[64];
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (*end || errno || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

static char *keep(ehp_dataset *ds, const char *s, size_t n)
{
	if (ds->n_strings == ds->cap_strings) {
		ds->cap_strings = ds->cap_strings ? ds->cap_strings * 2 : 1024;
		ds->strings = xrealloc(ds->strings, ds->cap_strings * sizeof *ds->strings);
	}
	char *c = xrealloc(NULL, n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	ds->strings[ds->n_strings++] = c;
	return c;
}

/* ------------------------------------------------------------ one file */

typedef struct loader loader;
typedef struct table table;

struct table {
	csv_reader csv;
	const char *path;
	size_t n_header;
	unsigned long rows;    /* rows after the header, good or bad */
	ehp_rejects *rj;
	loader *L;
	/* What can still be learnt from a malformed row (its family, say), so
	 * that one broken line does not pass for a complete family. */
	void (*salvage)(loader *L, table *t);
	int c_family;          /* the family id column */
	int c_person;          /* the person id column (people, records), else -1 */
	char why[96];          /* a reason made for this row */
};

static const char *cell(table *t, int col, size_t *len);

static int open_table(table *t, FILE *f, const char *path, ehp_rejects *rj, char *err, size_t errlen)
{
	t->path = path;
	t->rj = rj;
	csv_open(&t->csv, f, path);
	if (!csv_next(&t->csv)) {
		if (ferror(f)) /* a directory, say: not an empty file */
			snprintf(err, errlen, "%s: cannot read: %s", path, strerror(errno));
		else
			snprintf(err, errlen, "%s: the file is empty; expected a header row", path);
		return -1;
	}
	if (t->csv.error) {
		snprintf(err, errlen, "%s:%lu: header: %s", path, t->csv.line, t->csv.error);
		return -1;
	}
	t->n_header = t->csv.n_fields;
	return 0;
}

/* A column named twice would be read from whichever comes first: refuse to
 * guess which of the two the council meant. */
static int column(table *t, const char *name, bool required, char *err, size_t errlen)
{
	int c = csv_column(&t->csv, name);
	if (c < 0 && required)
		snprintf(err, errlen, "%s: no `%s` column in the header", t->path, name);
	if (c >= 0 && csv_column_after(&t->csv, name, c) >= 0) {
		snprintf(err, errlen, "%s: the header has two `%s` columns", t->path, name);
		return -2;
	}
	return c;
}

/* Reads the next row; rows whose shape is wrong are rejected here. */
static int next_row(table *t)
{
	while (csv_next(&t->csv)) {
		t->rows++;
		const char *why = t->csv.error;
		if (!why && t->csv.n_fields != t->n_header) {
			snprintf(t->why, sizeof t->why, "wrong number of columns (%zu; the header has %zu)",
			         t->csv.n_fields, t->n_header);
			why = t->why;
		}
		if (!why)
			return 1;
		ehp_reject(t->rj, t->path, t->csv.line, "row", why, t->csv.raw, t->csv.raw_len);
		t->salvage(t->L, t);
	}
	return 0;
}

static void reject(table *t, const char *field, const char *reason)
{
	ehp_reject(t->rj, t->path, t->csv.line, field, reason, t->csv.raw, t->csv.raw_len);
}

/* A cell with the spaces around it trimmed; "" for a column the file does
 * not have, that a short row does not reach, or that comes at or after the
 * place a malformed row went wrong (an unclosed quote swallows the rest). */
static const char *cell(table *t, int col, size_t *len)
{
	if (col < 0 || (size_t)col >= t->csv.n_fields || (t->csv.error && (size_t)col >= t->csv.error_field)) {
		*len = 0;
		return "";
	}
	const char *s = csv_field(&t->csv, (size_t)col);
	size_t n = csv_len(&t->csv, (size_t)col);
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	*len = n;
	return s;
}

/* An empty cell is EHP_NO_DATE with *ok true; a malformed one *ok false. */
static ehp_date date_cell(table *t, int col, bool *ok)
{
	size_t n;
	const char *s = cell(t, col, &n);
	*ok = true;
	if (!n)
		return EHP_NO_DATE;
	ehp_date d = ehp_date_parse(s, n);
	*ok = d != EHP_NO_DATE;
	return d;
}

/* ------------------------------------------------------------ the loader */

typedef struct {
	size_t family;
	ehp_person p;
} person_row;

typedef struct {
	size_t family;
	ehp_record r;
} record_row;

struct loader {
	ehp_dataset *ds;
	ehp_idmap families, people;
	person_row *prow;
	size_t n_prow, cap_prow;
	record_row *rrow;
	size_t n_rrow, cap_rrow;
	size_t cap_families;
	ehp_idmap dropped;     /* people whose row was rejected -> family */
};

static void flag(loader *L, size_t family)
{
	L->ds->families[family].rejected++;
}

static size_t family_by_id(loader *L, table *t)
{
	size_t n;
	const char *id = cell(t, t->c_family, &n);
	return n ? ehp_idmap_get(&L->families, id, n) : EHP_IDMAP_NONE;
}

static void flag_family_of_row(loader *L, table *t)
{
	size_t fi = family_by_id(L, t);
	if (fi != EHP_IDMAP_NONE)
		flag(L, fi);
}

/* A person known to be in the extract whose row was rejected: their records
 * are rejected with that reason rather than as unknown, and the id cannot be
 * given to anyone else. */
static void drop_person(loader *L, const char *id, size_t family)
{
	flag(L, family);
	ehp_idmap_put(&L->dropped, id, family);
}

/* The family that holds this person id so far, from a row kept or dropped. */
static size_t family_of_person(loader *L, const char *id, size_t n)
{
	size_t pi = ehp_idmap_get(&L->people, id, n);
	if (pi != EHP_IDMAP_NONE)
		return L->prow[pi].family;
	return ehp_idmap_get(&L->dropped, id, n);
}

static size_t add_family(loader *L, table *t, const char *id, size_t n)
{
	ehp_dataset *ds = L->ds;
	char *key = keep(ds, id, n);
	if (ds->n_families == L->cap_families) {
		L->cap_families = L->cap_families ? L->cap_families * 2 : 1024;
		ds->families = xrealloc(ds->families, L->cap_families * sizeof *ds->families);
	}
	size_t fi = ds->n_families++;
	ds->families[fi] = (ehp_family){ .id = key, .line = (uint32_t)t->csv.line, .entry = EHP_NO_DATE,
	                                 .closure = EHP_NO_DATE };
	ehp_idmap_put(&L->families, key, fi);
	return fi;
}

/* A malformed family row whose id can still be read keeps the family, with
 * no dates and flagged, so its members and records are read and the family
 * is reported as judged on incomplete data instead of vanishing. */
static void salvage_family(loader *L, table *t)
{
	size_t n;
	const char *id = cell(t, t->c_family, &n);
	if (!n)
		return;
	size_t fi = ehp_idmap_get(&L->families, id, n);
	if (fi == EHP_IDMAP_NONE)
		fi = add_family(L, t, id, n);
	flag(L, fi);
}

static void salvage_person(loader *L, table *t)
{
	size_t fi = family_by_id(L, t);
	if (fi == EHP_IDMAP_NONE)
		return;
	size_t n;
	const char *id = cell(t, t->c_person, &n);
	if (n && family_of_person(L, id, n) == EHP_IDMAP_NONE)
		drop_person(L, keep(L->ds, id, n), fi);
	else
		flag(L, fi);
}

static int read_families(loader *L, table *t, char *err, size_t errlen)
{
	int c_id = t->c_family = column(t, "family_id", true, err, errlen);
	int c_entry = column(t, "entry_date", true, err, errlen);
	int c_close = column(t, "closure_date", false, err, errlen);
	if (c_id < 0 || c_entry < 0 || c_close < -1)
		return -1;
	t->salvage = salvage_family;
	while (next_row(t)) {
		size_t n;
		const char *id = cell(t, c_id, &n);
		if (!n) {
			reject(t, "family_id", "empty");
			continue;
		}
		size_t existing = ehp_idmap_get(&L->families, id, n);
		if (existing != EHP_IDMAP_NONE) {
			reject(t, "family_id", "duplicate family id");
			flag(L, existing);
			continue;
		}
		size_t fi = add_family(L, t, id, n); /* may move the families */
		ehp_family *f = &L->ds->families[fi];
		bool ok;
		f->entry = date_cell(t, c_entry, &ok);
		if (!ok || f->entry == EHP_NO_DATE) {
			reject(t, "entry_date", ok ? "empty; the point of entry is needed" : "not a date (dd/mm/yyyy or yyyy-mm-dd)");
			f->rejected++;
			f->entry = EHP_NO_DATE;
			continue;
		}
		f->closure = date_cell(t, c_close, &ok);
		if (!ok) {
			reject(t, "closure_date", "not a date (dd/mm/yyyy or yyyy-mm-dd)");
			f->rejected++;
			f->closure = EHP_NO_DATE;
		} else if (f->closure != EHP_NO_DATE && f->closure < f->entry) {
			reject(t, "closure_date", "before the point of entry");
			f->rejected++;
			f->closure = EHP_NO_DATE;
		}
	}
	if (!t->rows) {
		snprintf(err, errlen, "%s: only a header: no families to judge", t->path);
		return -1;
	}
	return 0;
}

static size_t find_family(loader *L, table *t, int col)
{
	size_t n;
	const char *id = cell(t, col, &n);
	if (!n) {
		reject(t, "family_id", "empty");
		return EHP_IDMAP_NONE;
	}
	size_t fi = ehp_idmap_get(&L->families, id, n);
	if (fi == EHP_IDMAP_NONE)
		reject(t, "family_id", "unknown family (not in the families file)");
	return fi;
}

/* `parent; carer`: flags separated by `;`. False when one is unknown. */
static bool parse_flags(const char *fs, size_t n, uint32_t *flags)
{
	*flags = 0;
	for (size_t i = 0; i < n;) {
		size_t j = i;
		while (j < n && fs[j] != ';')
			j++;
		size_t a = i, b = j;
		while (a < b && isspace((unsigned char)fs[a]))
			a++;
		while (b > a && isspace((unsigned char)fs[b - 1]))
			b--;
		if (b > a) {
			int fl = ehp_flag_lookup(fs + a, b - a);
			if (fl < 0)
				return false;
			*flags |= 1u << fl;
		}
		i = j + 1;
	}
	return true;
}

static int read_people(loader *L, table *t, char *err, size_t errlen)
{
	int c_id = t->c_person = column(t, "person_id", true, err, errlen);
	int c_fam = t->c_family = column(t, "family_id", true, err, errlen);
	int c_born = column(t, "date_of_birth", true, err, errlen);
	int c_flags = column(t, "flags", false, err, errlen);
	if (c_id < 0 || c_fam < 0 || c_born < 0 || c_flags < -1)
		return -1;
	t->salvage = salvage_person;
	ehp_dataset *ds = L->ds;
	while (next_row(t)) {
		size_t fi = find_family(L, t, c_fam);
		if (fi == EHP_IDMAP_NONE)
			continue;
		size_t n;
		const char *id = cell(t, c_id, &n);
		if (!n) {
			reject(t, "person_id", "empty");
			flag(L, fi);
			continue;
		}
		/* Whichever of two rows is right cannot be told, so neither wins:
		 * not even when the first was itself rejected. */
		size_t other = family_of_person(L, id, n);
		if (other != EHP_IDMAP_NONE) {
			reject(t, "person_id", other == fi ? "duplicate person id" : "person is in two families");
			flag(L, fi);
			if (other != fi)
				flag(L, other);
			continue;
		}
		char *key = keep(ds, id, n);
		bool ok;
		ehp_date born = date_cell(t, c_born, &ok);
		if (!ok || born == EHP_NO_DATE) {
			reject(t, "date_of_birth", ok ? "empty" : "not a date (dd/mm/yyyy or yyyy-mm-dd)");
			drop_person(L, key, fi);
			continue;
		}
		ehp_date entry = ds->families[fi].entry;
		if (entry != EHP_NO_DATE && born > entry) {
			/* An unborn child is recorded as the parent's expectant_parent flag. */
			reject(t, "date_of_birth", "after the family's point of entry");
			drop_person(L, key, fi);
			continue;
		}
		uint32_t flags;
		const char *fs = cell(t, c_flags, &n);
		if (!parse_flags(fs, n, &flags)) {
			reject(t, "flags", "unknown flag (see docs/data-dictionary.md)");
			drop_person(L, key, fi);
			continue;
		}
		if (L->n_prow == L->cap_prow) {
			L->cap_prow = L->cap_prow ? L->cap_prow * 2 : 1024;
			L->prow = xrealloc(L->prow, L->cap_prow * sizeof *L->prow);
		}
		L->prow[L->n_prow] = (person_row){ fi, { .id = key, .born = born, .flags = flags, .line = (uint32_t)t->csv.line } };
		ehp_idmap_put(&L->people, key, L->n_prow);
		L->n_prow++;
	}
	return 0;
}

static bool number_cell(loader *L, table *t, int col, const char *name, size_t fi, bool allow_negative, double *out)
{
	size_t n;
	const char *s = cell(t, col, &n);
	if (!ehp_parse_number(s, n, out)) {
		reject(t, name, "not a number");
		flag(L, fi);
		return false;
	}
	if (!allow_negative && *out < 0) {
		reject(t, name, "negative");
		flag(L, fi);
		return false;
	}
	return true;
}

static int read_records(loader *L, table *t, char *err, size_t errlen)
{
	int c_fam = t->c_family = column(t, "family_id", true, err, errlen);
	int c_person = t->c_person = column(t, "person_id", true, err, errlen);
	int c_type = column(t, "type", true, err, errlen);
	int c_date = column(t, "date", true, err, errlen);
	if (c_fam < 0 || c_person < 0 || c_type < 0 || c_date < 0)
		return -1;
	int c_end = column(t, "end_date", false, err, errlen);
	int c_value = column(t, "value", false, err, errlen);
	int c_total = column(t, "total", false, err, errlen);
	int c_score = column(t, "score", false, err, errlen);
	int c_detail = column(t, "detail", false, err, errlen);
	int c_author = column(t, "author", false, err, errlen);
	if (c_end < -1 || c_value < -1 || c_total < -1 || c_score < -1 || c_detail < -1 || c_author < -1)
		return -1;
	t->salvage = flag_family_of_row;
	while (next_row(t)) {
		size_t fi = find_family(L, t, c_fam);
		if (fi == EHP_IDMAP_NONE)
			continue;
		ehp_record r = { .person = EHP_HOUSEHOLD, .line = (uint32_t)t->csv.line, .author = "" };
		size_t n;
		const char *pid = cell(t, c_person, &n);
		if (n) {
			size_t pi = ehp_idmap_get(&L->people, pid, n);
			if (pi == EHP_IDMAP_NONE) {
				/* A person whose own row was rejected is known, not unknown:
				 * say so, or one bad date reads as many missing people. */
				bool dropped = ehp_idmap_get(&L->dropped, pid, n) != EHP_IDMAP_NONE;
				reject(t, "person_id", dropped ? "the person's row in the people file was rejected"
				                               : "unknown person (not in the people file)");
				flag(L, fi);
				continue;
			}
			if (L->prow[pi].family != fi) {
				reject(t, "person_id", "person belongs to another family");
				flag(L, fi);
				continue;
			}
			r.person = (int32_t)pi; /* global for now; made family-relative later */
		}
		const char *ty = cell(t, c_type, &n);
		int type = ehp_type_lookup(ty, n);
		if (type < 0) {
			reject(t, "type", n ? "unknown record type (see docs/data-dictionary.md)" : "empty");
			flag(L, fi);
			continue;
		}
		r.type = (uint16_t)type;
		bool ok;
		r.date = date_cell(t, c_date, &ok);
		if (!ok || r.date == EHP_NO_DATE) {
			reject(t, "date", ok ? "empty" : "not a date (dd/mm/yyyy or yyyy-mm-dd)");
			flag(L, fi);
			continue;
		}
		r.end = date_cell(t, c_end, &ok);
		if (!ok) {
			reject(t, "end_date", "not a date (dd/mm/yyyy or yyyy-mm-dd)");
			flag(L, fi);
			continue;
		}
		if (r.end != EHP_NO_DATE && r.end < r.date) {
			reject(t, "end_date", "before the record's date");
			flag(L, fi);
			continue;
		}
		if (r.end == EHP_NO_DATE && ehp_types[type].kind == EHP_STATE)
			r.end = EHP_FOREVER;
		if (!number_cell(L, t, c_value, "value", fi, false, &r.value) ||
		    !number_cell(L, t, c_total, "total", fi, false, &r.total) ||
		    !number_cell(L, t, c_score, "score", fi, true, &r.score))
			continue;
		if (!isnan(r.value) && !isnan(r.total) && r.value > r.total) {
			reject(t, "value", "more than the total");
			flag(L, fi);
			continue;
		}
		const char *det = cell(t, c_detail, &n);
		int detail = ehp_detail_lookup(det, n);
		if (detail < 0) {
			reject(t, "detail", "unknown detail (see docs/data-dictionary.md)");
			flag(L, fi);
			continue;
		}
		r.detail = (uint16_t)detail;
		const char *au = cell(t, c_author, &n);
		int role = ehp_role_lookup(au, n);
		if (role < 0) {
			reject(t, "author", "unknown role (see docs/data-dictionary.md)");
			flag(L, fi);
			continue;
		}
		r.author = ehp_role_names[role]; /* the vocabulary's own string: nothing to keep */
		if (L->n_rrow == L->cap_rrow) {
			L->cap_rrow = L->cap_rrow ? L->cap_rrow * 2 : 4096;
			L->rrow = xrealloc(L->rrow, L->cap_rrow * sizeof *L->rrow);
		}
		L->rrow[L->n_rrow++] = (record_row){ fi, r };
	}
	return 0;
}

/* Places people and records in per-family slices of two arrays (counting
 * sort by family, stable) and indexes each family. */
static void assemble(loader *L)
{
	ehp_dataset *ds = L->ds;
	size_t nf = ds->n_families;
	size_t *at = xrealloc(NULL, (nf + 1) * sizeof *at);
	size_t *slot = xrealloc(NULL, (L->n_prow + 1) * sizeof *slot);

	memset(at, 0, (nf + 1) * sizeof *at);
	for (size_t i = 0; i < L->n_prow; i++)
		ds->families[L->prow[i].family].n_people++;
	ds->people = xrealloc(NULL, (L->n_prow + 1) * sizeof *ds->people);
	for (size_t f = 0, pos = 0; f < nf; f++) {
		at[f] = pos;
		ds->families[f].people = ds->people + pos;
		pos += ds->families[f].n_people;
	}
	for (size_t i = 0; i < L->n_prow; i++) {
		size_t f = L->prow[i].family;
		slot[i] = at[f] - (size_t)(ds->families[f].people - ds->people);
		ds->people[at[f]++] = L->prow[i].p;
	}

	memset(at, 0, (nf + 1) * sizeof *at);
	for (size_t i = 0; i < L->n_rrow; i++)
		ds->families[L->rrow[i].family].n_records++;
	ds->records = xrealloc(NULL, (L->n_rrow + 1) * sizeof *ds->records);
	for (size_t f = 0, pos = 0; f < nf; f++) {
		at[f] = pos;
		ds->families[f].records = ds->records + pos;
		pos += ds->families[f].n_records;
	}
	for (size_t i = 0; i < L->n_rrow; i++) {
		ehp_record r = L->rrow[i].r;
		if (r.person >= 0)
			r.person = (int32_t)slot[r.person];
		ds->records[at[L->rrow[i].family]++] = r;
	}
	for (size_t f = 0; f < nf; f++)
		ehp_family_index(&ds->families[f]);
	free(at);
	free(slot);
}

/* A people or records file with no rows is allowed (a small extract may
 * have no records yet) but is more likely a failed export: say so. */
static void note_header_only(const table *t, const ehp_rejects *rj)
{
	if (!t->rows && !rj->quiet)
		fprintf(stderr, "%s: note: only a header, no rows\n", t->path);
}

int ehp_load_streams(ehp_dataset *ds, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                     char *err, size_t errlen)
{
	*ds = (ehp_dataset){ 0 };
	loader L = { .ds = ds };
	int (*readers[3])(loader *, table *, char *, size_t) = { read_families, read_people, read_records };
	int rc = 0;
	for (int i = 0; i < 3 && rc == 0; i++) {
		table t = { .L = &L, .c_family = -1, .c_person = -1 };
		rc = open_table(&t, files[i], names[i], rj, err, errlen);
		if (rc == 0)
			rc = readers[i](&L, &t, err, errlen);
		if (rc == 0 && ferror(files[i])) {
			snprintf(err, errlen, "%s: read error", names[i]);
			rc = -1;
		}
		if (rc == 0 && i > 0)
			note_header_only(&t, rj);
		csv_close(&t.csv);
	}
	if (rc == 0)
		assemble(&L);
	ehp_idmap_free(&L.families);
	ehp_idmap_free(&L.people);
	ehp_idmap_free(&L.dropped);
	free(L.prow);
	free(L.rrow);
	if (rc != 0)
		ehp_dataset_free(ds);
	return rc;
}

/* All three files are opened before any is read, so a missing one is said
 * at once rather than after reading the others. */
int ehp_load(ehp_dataset *ds, const ehp_inputs *in, ehp_rejects *rj, char *err, size_t errlen)
{
	*ds = (ehp_dataset){ 0 };
	const char *const names[3] = { in->families, in->people, in->records };
	FILE *files[3] = { 0 };
	int rc = 0;
	for (int i = 0; i < 3 && rc == 0; i++) {
		if (!(files[i] = fopen(names[i], "rb"))) {
			snprintf(err, errlen, "%s: cannot open: %s", names[i], strerror(errno));
			rc = -1;
		}
	}
	if (rc == 0)
		rc = ehp_load_streams(ds, files, names, rj, err, errlen);
	for (int i = 0; i < 3; i++)
		if (files[i])
			fclose(files[i]);
	return rc;
}

void ehp_dataset_free(ehp_dataset *ds)
{
	for (size_t i = 0; i < ds->n_strings; i++)
		free(ds->strings[i]);
	free(ds->strings);
	free(ds->families);
	free(ds->people);
	free(ds->records);
	*ds = (ehp_dataset){ 0 };
}
