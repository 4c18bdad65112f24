/*
 * bands.c - gaps and overlaps between outcomes' `where` bands.
 *
 * Outcomes chosen by the baseline (002 7.1: "7 or fewer incidents ...",
 * "8 or more ...") each say `where MEASURE cmp N`. When several outcomes
 * serving one indicator band the same measure, every baseline should fall
 * in exactly one band: a gap leaves families who can show no progress, an
 * overlap gives one family two rules. Both are warnings (a plan may mean
 * them), found before any family is judged. Parameters count at their
 * defaults.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "bands.h"

typedef struct {
	double lo, hi;     /* the baselines the band holds for */
	bool lo_in, hi_in; /* whether each end is included */
	const row *out;
} band;

/* ------------------------------------------------------------ same measure */

static bool same_window(const window *a, const window *b)
{
	if (!a || !b)
		return a == b;
	if (a->kind != b->kind || a->n != b->n || a->unit != b->unit || a->anchor != b->anchor ||
	    a->n_param_index != b->n_param_index)
		return false;
	return same_window(a->of, b->of) && same_window(a->from, b->from) && same_window(a->to, b->to);
}

static bool same_selector(const selector *a, const selector *b)
{
	if (a->n_types != b->n_types)
		return false;
	for (int i = 0; i < a->n_types; i++) {
		if (a->types[i] != b->types[i] || a->plus[i] != b->plus[i] || a->details[i] != b->details[i])
			return false;
		const char *x = a->authors[i], *y = b->authors[i];
		if ((x == NULL) != (y == NULL) || (x && strcmp(x, y)))
			return false;
	}
	return true;
}

/* A band is a `where` that is one comparison of a record measure. */
static const cond *band_test(const row *o)
{
	const cond *w = o->where;
	if (!w || w->kind != COND_COMPARE || w->roll_n)
		return NULL;
	if (w->measure != MEASURE_COUNT && w->measure != MEASURE_SUM && w->measure != MEASURE_RATE)
		return NULL;
	return w;
}

/* The same records: the subject's, or one named group's taken together
 * (two groups written out are not compared). */
static bool same_group(const cohort *a, const cohort *b)
{
	if (!a || !b)
		return a == b;
	return a->kind == COH_NAMED && b->kind == COH_NAMED && a->ref == b->ref;
}

static bool same_measure(const cond *a, const cond *b)
{
	return a->measure == b->measure && a->per == b->per && same_selector(&a->sel, &b->sel) &&
	       same_window(a->win, b->win) && same_group(a->who, b->who);
}

/* ------------------------------------------------------------ intervals */

/* Raw counts are whole numbers: `is at most 7` and `is at least 8` meet. */
static bool whole(const cond *k)
{
	return k->measure == MEASURE_COUNT && k->per == UNIT_NUMBER;
}

static band band_of(const cond *k, const row *o)
{
	double t = k->q.value, top = k->measure == MEASURE_RATE ? 100 : INFINITY;
	band b = { 0, top, true, true, o };
	switch (k->op) {
	case OP_LT: b.hi = t, b.hi_in = false; break;
	case OP_LE: b.hi = t; break;
	case OP_GT: b.lo = t, b.lo_in = false; break;
	case OP_GE: b.lo = t; break;
	case OP_EQ: b.lo = b.hi = t; break;
	}
	if (whole(k)) { /* to the whole numbers it holds for, both ends included */
		b.lo = b.lo_in ? ceil(b.lo) : floor(b.lo) + 1;
		if (isfinite(b.hi))
			b.hi = b.hi_in ? floor(b.hi) : ceil(b.hi) - 1;
		b.lo_in = b.hi_in = true;
	}
	if (b.lo < 0)
		b.lo = 0, b.lo_in = true;
	return b;
}

static int by_start(const void *x, const void *y)
{
	const band *a = x, *b = y;
	if (a->lo != b->lo)
		return a->lo < b->lo ? -1 : 1;
	return (int)b->lo_in - (int)a->lo_in;
}

static void number(char *buf, size_t len, double v, const cond *k)
{
	snprintf(buf, len, "%g%s", v, k->measure == MEASURE_RATE ? "%" : "");
}

/* The baselines v with lo < v < hi (<= at an end marked in), in words. */
static void describe(char *buf, size_t len, double lo, bool lo_in, double hi, bool hi_in, const cond *k)
{
	char a[32], b[32];
	if (whole(k)) {
		double first = lo_in ? lo : floor(lo) + 1;
		double last = !isfinite(hi) ? INFINITY : hi_in ? hi : ceil(hi) - 1;
		number(a, sizeof a, first, k);
		number(b, sizeof b, last, k);
		if (!isfinite(last))
			snprintf(buf, len, "of %s or more", a);
		else if (first == last)
			snprintf(buf, len, "of %s", a);
		else
			snprintf(buf, len, "of %s to %s", a, b);
		return;
	}
	number(a, sizeof a, lo, k);
	number(b, sizeof b, hi, k);
	if (!isfinite(hi))
		snprintf(buf, len, "%s %s", lo_in ? "from" : "above", a);
	else if (lo == hi)
		snprintf(buf, len, "of exactly %s", a);
	else
		snprintf(buf, len, "%s %s %s %s", lo_in ? "from" : "above", a, hi_in ? "up to" : "below", b);
}

static void gap(diag *d, const row *ind, const band *at, const char *what)
{
	diag_warning(d, at->out->where->loc,
	             "the `where` bands of the outcomes for indicator `%s` leave a gap: baselines %s fit none of them",
	             ind->id, what);
	diag_hint(d, "make each band start where the one before it ends, or say in a comment why none applies");
}

/* ------------------------------------------------------------ the check */

/* Sweeps the bands from the lowest baseline up, keeping the highest end
 * covered so far. */
static void check_group(diag *d, const row *ind, band *bands, int n, const cond *k)
{
	qsort(bands, (size_t)n, sizeof *bands, by_start);
	char what[96];
	const band *first = &bands[0];
	if (first->lo > 0 || !first->lo_in) {
		describe(what, sizeof what, 0, true, first->lo, !first->lo_in, k);
		gap(d, ind, first, what);
	}
	const band *reach = first; /* the band covering furthest so far */
	for (int i = 1; i < n; i++) {
		const band *b = &bands[i];
		double hi = reach->hi;
		bool hi_in = reach->hi_in;
		bool apart = whole(k) ? b->lo > hi + 1 : (b->lo > hi || (b->lo == hi && !b->lo_in && !hi_in));
		bool overlap = whole(k) ? b->lo <= hi : (b->lo < hi || (b->lo == hi && b->lo_in && hi_in));
		if (apart) {
			describe(what, sizeof what, hi, !hi_in, b->lo, !b->lo_in, k);
			gap(d, ind, b, what);
		} else if (overlap) {
			bool b_ends_first = b->hi < hi || (b->hi == hi && !b->hi_in);
			describe(what, sizeof what, b->lo, b->lo_in, b_ends_first ? b->hi : hi, b_ends_first ? b->hi_in : hi_in, k);
			diag_warning(d, b->out->where->loc,
			             "outcomes `%s` and `%s` both apply to baselines %s: their `where` bands for indicator `%s` overlap",
			             reach->out->id, b->out->id, what, ind->id);
			diag_note(d, reach->out->where->loc, "the band of `%s` is here", reach->out->id);
		}
		if (b->hi > hi || (b->hi == hi && b->hi_in))
			reach = b;
	}
	double top = k->measure == MEASURE_RATE ? 100 : INFINITY;
	if (reach->hi < top || (reach->hi == top && !reach->hi_in && isfinite(top))) {
		describe(what, sizeof what, reach->hi, !reach->hi_in, top, true, k);
		gap(d, ind, reach, what);
	}
}

static bool serves(const row *o, int indicator)
{
	for (int s = 0; s < o->n_serves; s++)
		if (o->serves[s] == indicator)
			return true;
	return false;
}

void check_bands(diag *d, const plan *p)
{
	/* Only outcomes with a band take part: usually a handful in a plan. */
	int n_banded = 0;
	const row **banded = malloc(((size_t)p->outcomes.n + 1) * sizeof *banded);
	band *bands = malloc(((size_t)p->outcomes.n + 1) * sizeof *bands);
	bool *done = malloc(((size_t)p->outcomes.n + 1) * sizeof *done);
	if (!banded || !bands || !done)
		goto out; /* a check we cannot afford is skipped, never half-made */
	for (int o = 0; o < p->outcomes.n; o++)
		if (band_test(p->outcomes.v[o]))
			banded[n_banded++] = p->outcomes.v[o];
	for (int i = 0; n_banded > 1 && i < p->indicators.n; i++) {
		const row *ind = p->indicators.v[i];
		memset(done, 0, (size_t)n_banded * sizeof *done);
		for (int o = 0; o < n_banded; o++) {
			const cond *k = band_test(banded[o]);
			if (done[o] || !serves(banded[o], i))
				continue;
			int n = 0;
			for (int m = o; m < n_banded; m++) {
				if (!done[m] && serves(banded[m], i) && same_measure(k, band_test(banded[m]))) {
					bands[n++] = band_of(band_test(banded[m]), banded[m]);
					done[m] = true;
				}
			}
			if (n > 1)
				check_group(d, ind, bands, n, k);
		}
	}
out:
	free(banded);
	free(bands);
	free(done);
}
