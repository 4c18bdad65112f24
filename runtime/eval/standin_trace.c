/*
 * standin_trace.c - with a trace kept, the evidence of a stand-in class's
 * verdict (standins.c, evaluate.c's shared verdict) worked out once a
 * family and copied to the class's other rows, as the run without a trace
 * judges the class once.
 *
 * Rows of a class are written alike but for their tests' numbers and the
 * subject's selections (compiler/codegen_standin.c), and a stand-in finds
 * no record of any selection: so a row's evidence for the stand-in is the
 * class's first row's, item by item, but for each item's test (with its
 * plan line) and its `what` (the selection's name). Which test of a row
 * stands where the first row's does is a fact of the plan, learned the
 * first time the row is judged in full beside the class's first row; a row
 * whose items differ in anything else, or whose test map is not yet known
 * for a test the first row made, is judged in full.
 *
 * When the class's verdict is not met, a row whose map is known is not
 * entered at all (standins.c's skip, decided here a class at a time): the
 * writer asks ehp_nothing_row for its members, the class's items and its
 * tests in their place, and writes its verdict from those.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

enum { MAP_MAX = EHP_LISTED_TESTS };

/* The first row's test `from` is the row's `test`, on `plan_line`, reading `what`. */
typedef struct {
	uint32_t from, test, plan_line;
	const char *what;
} test_map;

enum { LEARNING, MAPPED, OWN };

typedef struct {
	uint8_t state; /* LEARNING: nothing learned yet; OWN: always judged in full */
	uint8_t n;
	test_map map[MAP_MAX];
	/* The row's test for each item of its class's evidence (not met) when
	 * the class's items made the tests of `seq` (class_tests): worked out
	 * once a list, not once a family. */
	uint64_t seq;
	uint32_t tests[MAP_MAX];
} row_map;

/* The tests a class's items made (not met), in order: the same from
 * family to family but for a change in the `or`s taken, each new list
 * numbered (from 1), so a row knows its own tests for it by the number. */
typedef struct {
	uint64_t seq;
	size_t n;
	uint32_t tests[MAP_MAX];
} class_tests;

/* Of a class's indicators, those that can be written without being
 * entered when the class's verdict is not met with the tests of `seq`:
 * their cohort everyone or one of the plan's table, their tests for those
 * items known (row_tests; a household or family row's learned beside the
 * class's). Worked out again when the list of tests or what a row of the
 * class learned (`learned`) changes. */
typedef struct {
	uint64_t seq;
	unsigned learned, learned_then;
	uint64_t cohorts;  /* the cohorts of those rows (bit k: cohort k + 1), to work out once a family */
	bool many;         /* a cohort past the 64th: asked row by row */
} class_listed;

typedef struct {
	unsigned family; /* the evaluation its range is of (ehp_standin_traces.family) */
	ehp_tv v;
	int8_t nothing;  /* v not met and every item found nothing: 1, 0, -1 not yet asked */
	size_t from, to;
	uint64_t seq;    /* v not met: its items' tests, class_tests' seq (0: met, or more than MAP_MAX) */
} class_range;

struct ehp_standin_traces {
	const ehp_plan *plan; /* the plan the tables are for */
	const ehp_indicator_def *indicators;
	const ehp_outcome_def *outcomes;
	int n_indicators, n_outcomes, n_standins;
	ehp_cond_fn *first;   /* each class's first row's `when`: its indicators first, then outcomes */
	row_map *rows;        /* indicators, then outcomes */
	class_range *classes;
	class_tests *class_tests; /* each class's last list of tests, not met */
	uint64_t seqs;        /* class_tests numbered so far */
	class_listed *listed; /* each class's rows that may stay unentered */
	struct ehp_listed_row *listed_at; /* each such indicator's, by its index (eval.h) */
	struct ehp_class_items *items; /* each class's evidence in this family, as listed_at reads it */
	uint64_t *learning;   /* in this family: the rows of classes not met that are not listed, so
	                         judged (a household or family row's evidence learned from) */
	uint64_t *listed_rows; /* their masks: words (ehp_results.standin_words) a class */
	size_t words;
	unsigned family;      /* counts the evaluations */
};

static void free_tables(ehp_standin_traces *s)
{
	free(s->first);
	free(s->rows);
	free(s->classes);
	free(s->class_tests);
	free(s->listed);
	free(s->listed_rows);
	free(s->listed_at);
	free(s->items);
	free(s->learning);
}

static void index_plan(ehp_standin_traces *s, const ehp_plan *plan)
{
	free_tables(s);
	size_t classes = plan->n_standins > 0 ? (size_t)plan->n_standins : 0;
	size_t rows = (size_t)plan->n_indicators + (size_t)plan->n_outcomes;
	s->first = ehp_xcalloc(classes + 1, sizeof *s->first);
	s->classes = ehp_xcalloc(classes + 1, sizeof *s->classes);
	s->rows = ehp_xcalloc(rows + 1, sizeof *s->rows);
	s->class_tests = ehp_xcalloc(classes + 1, sizeof *s->class_tests);
	s->words = ((size_t)plan->n_indicators + 63) / 64;
	s->listed = ehp_xcalloc(classes + 1, sizeof *s->listed);
	s->listed_rows = ehp_xcalloc(classes * s->words + 1, sizeof *s->listed_rows);
	s->listed_at = ehp_xcalloc((size_t)plan->n_indicators + 1, sizeof *s->listed_at);
	s->items = ehp_xcalloc(classes + 1, sizeof *s->items);
	s->learning = ehp_xcalloc(s->words + 1, sizeof *s->learning);
	for (int i = 0; i < plan->n_indicators; i++) {
		int c = plan->indicators[i].standin;
		if (c > 0 && (size_t)c <= classes && !s->first[c - 1])
			s->first[c - 1] = plan->indicators[i].when;
	}
	for (int o = 0; o < plan->n_outcomes; o++) {
		int c = plan->outcomes[o].standin;
		if (c > 0 && (size_t)c <= classes && !s->first[c - 1])
			s->first[c - 1] = plan->outcomes[o].when;
	}
	s->plan = plan;
	s->indicators = plan->indicators;
	s->outcomes = plan->outcomes;
	s->n_indicators = plan->n_indicators;
	s->n_outcomes = plan->n_outcomes;
	s->n_standins = plan->n_standins;
	s->family = 0;
	s->seqs = 0;
}

void ehp_standin_traces_begin(const ehp_plan *plan, ehp_results *res)
{
	ehp_standin_traces *s = res->traced;
	if (!s)
		s = res->traced = ehp_xcalloc(1, sizeof *s);
	if (s->plan != plan || s->indicators != plan->indicators || s->outcomes != plan->outcomes ||
	    s->n_indicators != plan->n_indicators || s->n_outcomes != plan->n_outcomes || s->n_standins != plan->n_standins)
		index_plan(s, plan);
	res->listed = s->listed_at;
	if (++s->family == 0) { /* wrapped: no range may look current */
		memset(s->classes, 0, ((size_t)(s->n_standins > 0 ? s->n_standins : 0)) * sizeof *s->classes);
		s->family = 1;
	}
}

void ehp_standin_traces_free(ehp_results *res)
{
	if (res->traced)
		free_tables(res->traced);
	free(res->traced);
	res->traced = NULL;
	res->listed = NULL;
}

static bool same_figure(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/* Whether the row's item b stands where the first row's a does: equal but
 * for the test, its line and the selection's name, and citing no record. */
static bool alike(const ehp_evidence *a, const ehp_evidence *b, int32_t stand_in, int32_t row_subject)
{
	return (a->subject == b->subject || (a->subject == stand_in && b->subject == row_subject)) && a->from == b->from && a->to == b->to && same_figure(a->measured, b->measured) &&
	       same_figure(a->threshold, b->threshold) && a->op == b->op && a->result == b->result && a->kind == b->kind &&
	       a->per == b->per && a->reason == b->reason && !a->n_lines && !b->n_lines &&
	       (a->test == EHP_NO_TEST) == (b->test == EHP_NO_TEST);
}

/* The map's entry for the first row's test `from`: mostly the k-th, as
 * the items come in the order the map was learned in. */
static const test_map *find(const row_map *m, uint32_t from, size_t k_th)
{
	if (k_th < m->n && m->map[k_th].from == from)
		return &m->map[k_th];
	for (unsigned k = 0; k < m->n; k++)
		if (m->map[k].from == from)
			return &m->map[k];
	return NULL;
}

/* The row's items [from, to) beside the class's: what stands where. The
 * class's are the stand-in's, the row's its subject's (the stand-in's too,
 * but for a household or family row judged as written). */
static void learn(const ehp_trace *t, row_map *m, const class_range *c, ehp_tv v, size_t from, size_t to,
                  int32_t stand_in, int32_t row_subject)
{
	if (v != c->v || to - from != c->to - c->from) {
		m->state = OWN;
		return;
	}
	for (size_t k = 0; k < to - from; k++) {
		const ehp_evidence *a = &t->items[c->from + k], *b = &t->items[from + k];
		const test_map *known = find(m, a->test, k);
		if (!alike(a, b, stand_in, row_subject) ||
		    (known && (known->test != b->test || known->plan_line != b->plan_line || known->what != b->what))) {
			m->state = OWN;
			return;
		}
		if (known)
			continue;
		if (m->n == MAP_MAX) {
			m->state = OWN;
			return;
		}
		m->map[m->n++] = (test_map){ a->test, b->test, b->plan_line, b->what };
	}
	m->state = MAPPED;
}

/* The class's items copied as the row's, or false (nothing kept) when a
 * test of them has no place in the row's map yet. */
static bool copy(ehp_trace *t, const row_map *m, const class_range *c, size_t *from, size_t *to)
{
	size_t n = c->to - c->from, at = t->n;
	t->items = ehp_reserve_inline(t->items, &t->cap, at + n, sizeof *t->items);
	for (size_t k = 0; k < n; k++) {
		const test_map *to_row = find(m, t->items[c->from + k].test, k);
		if (!to_row)
			return false;
		ehp_evidence *e = &t->items[at + k];
		*e = t->items[c->from + k];
		e->test = to_row->test;
		e->plan_line = to_row->plan_line;
		e->what = to_row->what;
	}
	t->n = at + n;
	*from = at;
	*to = at + n;
	return true;
}

static class_range *judge_class(ehp_eval *ev, class_range *c, int standin)
{
	ehp_standin_traces *s = ev->res->traced;
	c->from = ehp_trace_mark(ev);
	c->v = s->first[standin - 1](ev, (int)ev->fam->n_people); /* one past the last member */
	c->to = ehp_trace_mark(ev);
	c->nothing = -1;
	c->family = s->family;
	return c;
}

/* The class's first row judged for the stand-in, once a family. */
static inline class_range *class_judged(ehp_eval *ev, int standin)
{
	ehp_standin_traces *s = ev->res->traced;
	class_range *c = &s->classes[standin - 1];
	return c->family == s->family ? c : judge_class(ev, c, standin);
}

ehp_tv ehp_standin_class_traced(ehp_eval *ev, int standin)
{
	return class_judged(ev, standin)->v;
}

ehp_tv ehp_standin_traced(ehp_eval *ev, ehp_cond_fn when, int standin, int row, size_t *from, size_t *to)
{
	ehp_standin_traces *s = ev->res->traced;
	int stand_in = (int)ev->fam->n_people; /* a subject with no records: one past the last member */
	class_range *c = class_judged(ev, standin);
	ehp_cond_fn first = s->first[standin - 1];
	if (when == first) {
		*from = c->from;
		*to = c->to;
		return c->v;
	}
	row_map *m = &s->rows[row];
	if (m->state == MAPPED && copy(ev->trace, m, c, from, to))
		return c->v;
	*from = ehp_trace_mark(ev);
	ehp_tv v = when(ev, stand_in);
	*to = ehp_trace_mark(ev);
	if (m->state != OWN) {
		learn(ev->trace, m, c, v, *from, *to, stand_in, stand_in);
		s->listed[standin - 1].learned++;
	}
	return v;
}

/* The tests of the class's items (its verdict not met) as a class_tests
 * number: the last list's when the same, else a new one (0 when too many
 * to map). */
static uint64_t number_tests(ehp_standin_traces *s, const ehp_trace *t, const class_range *c, int standin)
{
	class_tests *known = &s->class_tests[standin - 1];
	size_t n = c->to - c->from;
	if (n > MAP_MAX)
		return 0;
	bool same = known->seq && known->n == n;
	for (size_t k = 0; k < n && same; k++)
		same = known->tests[k] == t->items[c->from + k].test;
	if (!same) {
		known->seq = ++s->seqs;
		known->n = n;
		for (size_t k = 0; k < n; k++)
			known->tests[k] = t->items[c->from + k].test;
	}
	return known->seq;
}

/* Whether the class's verdict is not met and each of its items found no
 * record of the stand-in's: the found_nothing of evidence.jsonl. With it,
 * when not met, its items' tests numbered (c->seq). */
static bool found_nothing(const ehp_eval *ev, class_range *c, int standin)
{
	if (c->nothing < 0) {
		c->nothing = c->v == EHP_FALSE && c->from < c->to;
		for (size_t k = c->from; k < c->to && c->nothing; k++) {
			const ehp_evidence *e = &ev->trace->items[k];
			c->nothing = ehp_item_found_nothing(e) && e->subject == (int32_t)ev->fam->n_people;
		}
		/* a verdict not met, found nothing or not, may be copied to the rows */
		c->seq = c->v == EHP_FALSE ? number_tests(ev->res->traced, ev->trace, c, standin) : 0;
	}
	return c->nothing;
}

/* Row i's test in place of each of the class's items' (not met, their
 * tests numbered c->seq), or NULL when one has no place in its map yet:
 * the class's own list for its first row, else the row's, made once a list. */
static const uint32_t *row_tests(ehp_standin_traces *s, const ehp_trace *t, int i, const class_range *c)
{
	const ehp_indicator_def *d = &s->indicators[i];
	row_map *m = &s->rows[i];
	if (!c->seq)
		return NULL;
	if (d->when == s->first[d->standin - 1] && d->scope == EHP_SCOPE_PERSON)
		return s->class_tests[d->standin - 1].tests;
	if (m->state != MAPPED) /* a household or family row: once judged beside the class */
		return NULL;
	if (m->seq == c->seq)
		return m->tests;
	for (size_t k = 0; k < c->to - c->from; k++) {
		const test_map *to_row = find(m, t->items[c->from + k].test, k);
		if (!to_row)
			return NULL;
		m->tests[k] = to_row->test;
	}
	m->seq = c->seq;
	return m->tests;
}

/* Which of the class's indicators `rows` may stay unentered, their verdict
 * written from c's evidence, kept in s->listed_rows for the class (see
 * class_listed), each one's tests and cohort in s->listed_at. */
static const uint64_t *listed_rows(ehp_standin_traces *s, const ehp_trace *t, const uint64_t *rows, int standin,
                                   const class_range *c)
{
	class_listed *l = &s->listed[standin - 1];
	uint64_t *mask = s->listed_rows + (size_t)(standin - 1) * s->words;
	if (l->seq == c->seq && l->learned_then == l->learned)
		return mask;
	l->seq = c->seq;
	l->learned_then = l->learned;
	l->cohorts = 0;
	l->many = false;
	for (size_t w = 0; w < s->words; w++) {
		mask[w] = 0;
		for (uint64_t todo = rows[w]; todo; todo &= todo - 1) {
			int i = (int)(w * 64 + (size_t)__builtin_ctzll(todo));
			const ehp_indicator_def *d = &s->indicators[i];
			/* A household or family row's verdict is the household's or
			 * the family's, not its members': listed as theirs, once
			 * its own evidence was found alike (ehp_standin_group_judged). */
			const uint32_t *tests = NULL;
			if ((d->who && d->cohort < 1) || !(tests = row_tests(s, t, i, c)))
				continue;
			mask[w] |= UINT64_C(1) << (i % 64);
			int group = d->scope == EHP_SCOPE_HOUSEHOLD ? EHP_HOUSEHOLD : d->scope == EHP_SCOPE_FAMILY ? EHP_FAMILY : 0;
			struct ehp_listed_row *at = &s->listed_at[i];
			memcpy(at->tests, tests, (c->to - c->from) * sizeof *tests); /* at most MAP_MAX: c->seq */
			at->items = &s->items[standin - 1];
			at->cohort = d->who ? d->cohort : 0;
			at->group = group;
			if (d->who && d->cohort <= 64)
				l->cohorts |= UINT64_C(1) << (d->cohort - 1);
			else if (d->who)
				l->many = true;
		}
	}
	return mask;
}

void ehp_standin_traces_skip(ehp_eval *ev)
{
	ehp_results *res = ev->res;
	ehp_standin_traces *s = res->traced;
	size_t words = res->standin_words;
	memset(s->learning, 0, s->words * sizeof *s->learning);
	size_t cohorts = ev->plan->n_cohorts > 0 ? (size_t)ev->plan->n_cohorts : 0;
	if (ev->fam->n_people > 64 || res->n_cohorts_known != cohorts) { /* no member masks: every row entered */
		memset(res->skip, 0, words * sizeof *res->skip);
		return;
	}
	for (size_t j = 0; j < res->n_ind_classes; j++) {
		int standin = res->ind_classes[j] + 1;
		const uint64_t *rows = res->class_rows + (size_t)(standin - 1) * words;
		uint64_t any = 0;
		for (size_t k = 0; k < words; k++)
			any |= rows[k] & res->skip[k];
		if (!any)
			continue;
		class_range *c = class_judged(ev, standin);
		found_nothing(ev, c, standin);
		if (!c->seq) { /* judged row by row */
			for (size_t k = 0; k < words; k++)
				res->skip[k] &= ~rows[k];
			continue;
		}
		const uint64_t *listed = listed_rows(s, ev->trace, rows, standin, c);
		s->items[standin - 1] = (struct ehp_class_items){ c->from, c->to, c->nothing > 0 };
		for (size_t k = 0; k < words; k++) {
			s->learning[k] |= rows[k] & res->skip[k] & ~listed[k];
			res->skip[k] &= ~(rows[k] & ~listed[k]);
		}
		const class_listed *l = &s->listed[standin - 1];
		/* their cohorts worked out now, to be read when written */
		for (uint64_t todo = l->cohorts; todo; todo &= todo - 1)
			ehp_cohort_members(ev, __builtin_ctzll(todo) + 1);
		if (!l->many)
			continue;
		for (size_t k = 0; k < words; k++)
			for (uint64_t todo = rows[k] & res->skip[k]; todo; todo &= todo - 1) {
				const ehp_indicator_def *d = &s->indicators[k * 64 + (size_t)__builtin_ctzll(todo)];
				if (d->who)
					ehp_cohort_members(ev, d->cohort);
			}
	}
}

void ehp_standin_group_judged(ehp_eval *ev, int i, int subject, ehp_tv v, size_t from, size_t to)
{
	ehp_standin_traces *s = ev->res->traced;
	if (!s || !ev->share_evidence || !(s->learning[i / 64] >> (i % 64) & 1))
		return;
	const ehp_indicator_def *d = &s->indicators[i];
	const class_range *c = &s->classes[d->standin - 1];
	row_map *m = &s->rows[i];
	if (c->family != s->family || m->state == OWN)
		return;
	learn(ev->trace, m, c, v, from, to, (int32_t)ev->fam->n_people, subject);
	s->listed[d->standin - 1].learned++;
}
