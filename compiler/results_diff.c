/*
 * results_diff.c - two runs' results.csv compared family by family
 * (results_diff.h).
 *
 * The two files are read side by side, one row of each at a time (the same
 * extract gives the same families in the same order), so memory is the ids
 * of the families that change, never the results. Family ids come from the
 * council's data: they are shown on the terminal through ehp_term_text,
 * and the `'` the evaluator puts before an id a spreadsheet would read as a
 * formula (docs/data-format.md) is taken off again.
 */
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "mem.h"
#include "output.h"
#include "results_diff.h"

/* A plan's row ids, sorted, with each row's place in the plan. */
typedef struct {
	const char *id;
	int pos;
} id_entry;

typedef struct {
	id_entry *v;
	int n;
} id_index;

static int by_id(const void *x, const void *y)
{
	return strcmp(((const id_entry *)x)->id, ((const id_entry *)y)->id);
}

static id_index index_rows(const ptr_vec *rows)
{
	id_index ix = { ehp_xcalloc((size_t)rows->n + 1, sizeof(id_entry)), rows->n };
	for (int i = 0; i < rows->n; i++)
		ix.v[i] = (id_entry){ ((const row *)rows->v[i])->id, i };
	qsort(ix.v, (size_t)ix.n, sizeof *ix.v, by_id);
	return ix;
}

typedef struct {
	const char *s;
	size_t n;
} id_key;

static int key_vs_entry(const void *key, const void *entry)
{
	const id_key *k = key;
	const char *id = ((const id_entry *)entry)->id;
	int c = strncmp(k->s, id, k->n);
	return c ? c : -(id[k->n] != '\0');
}

/* The place of row id s[0..n) in the plan, or -1. */
static int row_pos(const id_index *ix, const char *s, size_t n)
{
	id_key k = { s, n };
	const id_entry *e = ix->n ? bsearch(&k, ix->v, (size_t)ix->n, sizeof *ix->v, key_vs_entry) : NULL;
	return e ? e->pos : -1;
}

/* ------------------------------------------------------------ one file */

typedef struct {
	csv_reader r;
	const char *name;
	id_index indicators, outcomes;
	int col_id, col_eligible, col_indicators, col_outcomes, col_claimable;
} results_file;

static int open_results(results_file *rf, FILE *f, const char *name, const plan *p)
{
	*rf = (results_file){ .name = name };
	csv_open(&rf->r, f, name);
	rf->indicators = index_rows(&p->indicators);
	rf->outcomes = index_rows(&p->outcomes);
	if (!csv_next(&rf->r) || rf->r.error) {
		fprintf(stderr, "ehpc: %s: no header row\n", name);
		return -1;
	}
	const char *names[] = { "family_id", "eligible", "indicators_met", "outcomes_achieved", "claimable" };
	int *cols[] = { &rf->col_id, &rf->col_eligible, &rf->col_indicators, &rf->col_outcomes, &rf->col_claimable };
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if ((*cols[i] = csv_column(&rf->r, names[i])) < 0) {
			fprintf(stderr, "ehpc: %s: no `%s` column\n", name, names[i]);
			return -1;
		}
	csv_expect(&rf->r, rf->r.n_fields);
	return 0;
}

static void close_results(results_file *rf)
{
	csv_close(&rf->r);
	free(rf->indicators.v);
	free(rf->outcomes.v);
}

/* The next family's row: 1, 0 at the end, -1 for a row that is not one. */
static int next_family(results_file *rf)
{
	if (!csv_next(&rf->r))
		return 0;
	if (rf->r.error || rf->r.n_fields != rf->r.expect) {
		fprintf(stderr, "ehpc: %s:%lu: not a row of results\n", rf->name, rf->r.line);
		return -1;
	}
	return 1;
}

static csv_span cell(const results_file *rf, int col)
{
	return rf->r.field[col];
}

static bool is_yes(const results_file *rf, int col)
{
	csv_span s = cell(rf, col);
	return s.n == 3 && !memcmp(s.s, "yes", 3);
}

/* The row ids of an `indicators_met` or `outcomes_achieved` cell
 * (`1.1:F01-kid;4.5:household`) into *ids (grown to fit): each entry's text
 * before its `:`. A piece whose text is no row id of the plan is part of a
 * member id holding `;`, not an entry. Their number. */
static size_t row_ids(csv_span c, const id_index *ix, csv_span **ids, size_t *cap)
{
	size_t n = 1;
	for (size_t i = 0; i < c.n; i++)
		n += c.s[i] == ';';
	*ids = ehp_reserve(*ids, cap, n, sizeof **ids);
	n = 0;
	const char *p = c.s, *end = c.s + c.n;
	while (p < end) {
		const char *semi = memchr(p, ';', (size_t)(end - p));
		const char *stop = semi ? semi : end;
		const char *colon = memchr(p, ':', (size_t)(stop - p));
		if (colon && row_pos(ix, p, (size_t)(colon - p)) >= 0)
			(*ids)[n++] = (csv_span){ p, (size_t)(colon - p) };
		p = stop + 1;
	}
	return n;
}

static bool has_id(const csv_span *ids, size_t n, csv_span id)
{
	for (size_t i = 0; i < n; i++)
		if (ids[i].n == id.n && !memcmp(ids[i].s, id.s, id.n))
			return true;
	return false;
}

/* ------------------------------------------------------------ the changes */

typedef struct {
	char *label;        /* "indicator 2.1 newly met" */
	long long order;    /* where it is listed */
	char **ids;         /* the families, in file order */
	size_t n, cap;
	long last;          /* the last family added (a family counts once) */
} change_kind;

typedef struct {
	change_kind *v;
	size_t n, cap;
	long family;        /* the family being compared, from 1 */
	const char *id;     /* its id, as shown */
	bool changed;       /* whether it changed in any way */
	csv_span *was, *now; /* the row ids of its two cells being compared */
	size_t was_cap, now_cap;
} change_list;

static change_kind *kind_for(change_list *l, const char *label, long long order)
{
	for (size_t i = 0; i < l->n; i++)
		if (l->v[i].order == order)
			return &l->v[i];
	l->v = ehp_reserve(l->v, &l->cap, l->n + 1, sizeof *l->v);
	l->v[l->n] = (change_kind){ .label = ehp_xprintf("%s", label), .order = order };
	return &l->v[l->n++];
}

static void record(change_list *l, change_kind *k)
{
	if (k->n && k->last == l->family)
		return;
	k->ids = ehp_reserve(k->ids, &k->cap, k->n + 1, sizeof *k->ids);
	k->ids[k->n++] = ehp_xprintf("%s", l->id);
	k->last = l->family;
	l->changed = true;
}

/* The kinds always listed, zero or not, first. */
enum { BECAME_ELIGIBLE, STOPPED_ELIGIBLE, CLAIMABLE_GAINED, CLAIMABLE_LOST, FIXED_KINDS };
static const char *const fixed_labels[FIXED_KINDS] = { "became eligible", "stopped being eligible",
	                                                   "claimable gained", "claimable lost" };

/* Rows met (or achieved) in one run and not the other: `kind` is
 * "indicator" or "outcome", base its place among the kinds. */
static void compare_rows(change_list *l, const char *kind, long long base, csv_span was_cell,
                         const id_index *was_ix, csv_span now_cell, const id_index *now_ix)
{
	size_t nw = row_ids(was_cell, was_ix, &l->was, &l->was_cap), nn = row_ids(now_cell, now_ix, &l->now, &l->now_cap);
	const csv_span *was = l->was, *now = l->now;
	const char *verb = !strcmp(kind, "indicator") ? "met" : "achieved";
	for (int dir = 0; dir < 2; dir++) {
		const csv_span *from = dir ? was : now, *other = dir ? now : was;
		size_t n = dir ? nw : nn, n_other = dir ? nn : nw;
		for (size_t i = 0; i < n; i++) {
			if (has_id(other, n_other, from[i]))
				continue;
			/* Listed in the new plan's order; rows it lost after those. */
			int pos = row_pos(now_ix, from[i].s, from[i].n);
			if (pos < 0)
				pos = now_ix->n + row_pos(was_ix, from[i].s, from[i].n);
			char *label = ehp_xprintf("%s %.*s %s %s", kind, (int)from[i].n, from[i].s,
			                          dir ? "no longer" : "newly", verb);
			record(l, kind_for(l, label, base + 2LL * pos + dir));
			free(label);
		}
	}
}

static int by_order(const void *x, const void *y)
{
	long long a = ((const change_kind *)x)->order, b = ((const change_kind *)y)->order;
	return (a > b) - (a < b);
}

static void report(FILE *out, const char *heading, long families, long changed, change_list *l)
{
	ehp_term_text(out, heading);
	fprintf(out, ": %ld famil%s judged, %ld change\n", families, families == 1 ? "y" : "ies", changed);
	qsort(l->v, l->n, sizeof *l->v, by_order);
	for (size_t i = 0; i < l->n; i++) {
		const change_kind *k = &l->v[i];
		if (!k->n && k->order >= FIXED_KINDS)
			continue;
		fprintf(out, "  %s: %zu", k->label, k->n);
		for (size_t j = 0; j < k->n; j++) {
			fputs(j ? ", " : " (", out);
			ehp_term_text(out, k->ids[j]);
		}
		fputs(k->n ? ")\n" : "\n", out);
	}
}

static void free_changes(change_list *l)
{
	for (size_t i = 0; i < l->n; i++) {
		for (size_t j = 0; j < l->v[i].n; j++)
			free(l->v[i].ids[j]);
		free(l->v[i].ids);
		free(l->v[i].label);
	}
	free(l->v);
	free(l->was);
	free(l->now);
}

/* A family id as the data has it: without the evaluator's formula marker. */
static char *family_id(csv_span s)
{
	if (s.n >= 2 && s.s[0] == '\'' && strchr("=+-@\t\r", s.s[1]))
		s = (csv_span){ s.s + 1, s.n - 1 };
	return ehp_xstrndup(s.s, s.n);
}

int results_diff(FILE *old, const char *old_name, const plan *old_plan, FILE *new, const char *new_name,
                 const plan *new_plan, const char *heading, FILE *out)
{
	results_file a, b;
	change_list l = { 0 };
	for (int k = 0; k < FIXED_KINDS; k++)
		kind_for(&l, fixed_labels[k], k);
	int rc = open_results(&a, old, old_name, old_plan) | open_results(&b, new, new_name, new_plan);
	long families = 0, changed = 0;
	const long long indicators = FIXED_KINDS, outcomes = indicators + 1000000000LL;
	while (rc == 0) {
		int ga = next_family(&a), gb = next_family(&b);
		if (ga < 0 || gb < 0 || ga != gb) {
			if (ga >= 0 && gb >= 0)
				fprintf(stderr, "ehpc: %s and %s do not hold the same families\n", old_name, new_name);
			rc = -1;
			break;
		}
		if (!ga)
			break;
		csv_span ia = cell(&a, a.col_id), ib = cell(&b, b.col_id);
		if (ia.n != ib.n || memcmp(ia.s, ib.s, ia.n)) {
			fprintf(stderr, "ehpc: %s:%lu: not the family on the same line of %s\n", new_name, b.r.line, old_name);
			rc = -1;
			break;
		}
		char *id = family_id(ia);
		l.family = ++families;
		l.id = id;
		l.changed = false;
		bool ea = is_yes(&a, a.col_eligible), eb = is_yes(&b, b.col_eligible);
		if (ea != eb)
			record(&l, &l.v[eb ? BECAME_ELIGIBLE : STOPPED_ELIGIBLE]);
		bool ca = is_yes(&a, a.col_claimable), cb = is_yes(&b, b.col_claimable);
		if (ca != cb)
			record(&l, &l.v[cb ? CLAIMABLE_GAINED : CLAIMABLE_LOST]);
		compare_rows(&l, "indicator", indicators, cell(&a, a.col_indicators), &a.indicators,
		             cell(&b, b.col_indicators), &b.indicators);
		compare_rows(&l, "outcome", outcomes, cell(&a, a.col_outcomes), &a.outcomes, cell(&b, b.col_outcomes),
		             &b.outcomes);
		changed += l.changed;
		free(id);
	}
	if (rc == 0)
		report(out, heading, families, changed, &l);
	close_results(&a);
	close_results(&b);
	free_changes(&l);
	return rc;
}
