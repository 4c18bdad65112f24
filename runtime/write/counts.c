/*
 * counts.c - a run's tallies for the report and the workbook (counts.h).
 * A plan's verdicts come grouped: each indicator's, then each outcome's,
 * contiguous (evaluate.c), so a family is counted once per row by
 * comparing a verdict's row with the one before it.
 */
#include <stdlib.h>
#include <string.h>
#include "counts.h"
#include "mem.h"

void ehp_counts_init(ehp_counts *c, const ehp_plan *plan)
{
	*c = (ehp_counts){ .plan = plan };
	c->due_month = ehp_xcalloc(EHP_COUNT_MONTHS, sizeof *c->due_month);
	c->theme = ehp_xcalloc((size_t)plan->n_themes + 1, sizeof *c->theme);
	c->indicator = ehp_xcalloc((size_t)plan->n_indicators + 1, sizeof *c->indicator);
	c->outcome = ehp_xcalloc((size_t)plan->n_outcomes + 1, sizeof *c->outcome);
	ehp_counts_clear(c);
}

void ehp_counts_clear(ehp_counts *c)
{
	const ehp_plan *plan = c->plan;
	c->families = c->identified = c->eligible = c->achieved = c->claimable = c->incomplete = 0;
	c->already_claimed = 0;
	c->due_undated = 0;
	memset(c->theme, 0, (size_t)plan->n_themes * sizeof *c->theme);
	memset(c->indicator, 0, (size_t)plan->n_indicators * sizeof *c->indicator);
	if (c->month_to > c->month_from) /* a slot's dates are a few years of the 201 */
		memset(c->due_month + c->month_from, 0, (size_t)(c->month_to - c->month_from) * sizeof *c->due_month);
	c->month_from = c->month_to = 0;
	for (int o = 0; o < plan->n_outcomes; o++)
		c->outcome[o] = (ehp_outcome_count){ .due_first = EHP_NO_DATE, .due_last = EHP_NO_DATE };
}

static int month_index(ehp_date d)
{
	int y, m, day;
	ehp_date_to_ymd(d, &y, &m, &day);
	int k = (y - 1900) * 12 + (m - 1);
	return k < 0 ? 0 : k >= EHP_COUNT_MONTHS ? EHP_COUNT_MONTHS - 1 : k;
}

/* The months counted in, widened to take in [from, to). */
static void months_cover(ehp_counts *c, int from, int to)
{
	if (c->month_to == c->month_from) {
		c->month_from = from;
		c->month_to = to;
		return;
	}
	c->month_from = from < c->month_from ? from : c->month_from;
	c->month_to = to > c->month_to ? to : c->month_to;
}

static void add_due(ehp_outcome_count *oc, ehp_date due)
{
	if (oc->due_first == EHP_NO_DATE || due < oc->due_first)
		oc->due_first = due;
	if (oc->due_last == EHP_NO_DATE || due > oc->due_last)
		oc->due_last = due;
}

/* Themes met by each member of the family, a bit a theme. */
static void count_themes(ehp_counts *c, const ehp_family *fam, const ehp_results *res)
{
	const ehp_plan *plan = c->plan;
	size_t words = ((size_t)plan->n_themes + 63) / 64;
	size_t n = (fam->n_people + 1) * words; /* the last slot: the household or family */
	c->member_themes = ehp_reserve(c->member_themes, &c->cap_member_themes, n, sizeof *c->member_themes);
	memset(c->member_themes, 0, n * sizeof *c->member_themes);
	for (size_t v = 0; v < res->n_ind; v++) {
		if (res->ind[v].met != EHP_TRUE)
			continue;
		int t = plan->indicators[res->ind[v].indicator].theme;
		int s = res->ind[v].subject;
		size_t who = s >= 0 && (size_t)s < fam->n_people ? (size_t)s : fam->n_people;
		c->member_themes[who * words + (size_t)t / 64] |= UINT64_C(1) << (t % 64);
	}
	/* Each theme a member met counts the member; each theme anyone met
	 * (the last slot too), the family: by the bits set, as a family meets
	 * few of the plan's themes. */
	for (size_t w = 0; w < words; w++) {
		uint64_t any = 0;
		for (size_t p = 0; p <= fam->n_people; p++) {
			uint64_t met = c->member_themes[p * words + w];
			any |= met;
			for (; p < fam->n_people && met; met &= met - 1)
				c->theme[w * 64 + (size_t)__builtin_ctzll(met)].members++;
		}
		for (; any; any &= any - 1)
			c->theme[w * 64 + (size_t)__builtin_ctzll(any)].families++;
	}
}

void ehp_counts_family(ehp_counts *c, const ehp_family *fam, const ehp_results *res, const ehp_date *due)
{
	bool identified = false, achieved = false;
	c->families++;
	c->eligible += res->eligible == EHP_TRUE;
	c->claimable += res->claimable == EHP_TRUE;
	c->incomplete += ehp_family_incomplete(fam);
	c->already_claimed += res->claimed != NULL;
	int last = -1;
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		identified = true;
		ehp_fm_count *ic = &c->indicator[iv->indicator];
		ic->families += iv->indicator != last;
		ic->members += iv->subject >= 0;
		last = iv->indicator;
	}
	/* Per outcome, which kinds of verdict the family has: a bit a kind
	 * (achieved, not achieved, not yet judgeable). */
	int o_last = -1;
	ehp_outcome_count *oc = NULL;
	unsigned seen = 0;
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		if (ov->outcome != o_last) {
			o_last = ov->outcome;
			oc = &c->outcome[o_last];
			seen = 0;
		}
		int k = ov->achieved == EHP_TRUE ? 0 : ov->achieved == EHP_FALSE ? 1 : 2;
		ehp_fm_count *fc = k == 0 ? &oc->achieved : k == 1 ? &oc->not_achieved : &oc->pending;
		fc->families += !(seen >> k & 1);
		fc->members += ov->subject >= 0;
		seen |= 1u << k;
		achieved = achieved || k == 0;
		if (k != 2)
			continue;
		if (due[v] == EHP_NO_DATE) {
			oc->pending_undated++;
			c->due_undated++;
		} else {
			add_due(oc, due[v]);
			int m = month_index(due[v]);
			months_cover(c, m, m + 1);
			c->due_month[m]++;
		}
	}
	c->identified += identified;
	c->achieved += achieved;
	if (identified) /* else no theme is met */
		count_themes(c, fam, res);
}

static void fm_add(ehp_fm_count *to, const ehp_fm_count *from)
{
	to->families += from->families;
	to->members += from->members;
}

void ehp_counts_add(ehp_counts *to, const ehp_counts *from)
{
	const ehp_plan *plan = to->plan;
	to->families += from->families;
	to->identified += from->identified;
	to->eligible += from->eligible;
	to->achieved += from->achieved;
	to->claimable += from->claimable;
	to->incomplete += from->incomplete;
	to->already_claimed += from->already_claimed;
	to->due_undated += from->due_undated;
	for (int t = 0; t < plan->n_themes; t++)
		fm_add(&to->theme[t], &from->theme[t]);
	for (int i = 0; i < plan->n_indicators; i++)
		fm_add(&to->indicator[i], &from->indicator[i]);
	for (int o = 0; o < plan->n_outcomes; o++) {
		ehp_outcome_count *a = &to->outcome[o];
		const ehp_outcome_count *b = &from->outcome[o];
		fm_add(&a->achieved, &b->achieved);
		fm_add(&a->not_achieved, &b->not_achieved);
		fm_add(&a->pending, &b->pending);
		a->pending_undated += b->pending_undated;
		if (b->due_first != EHP_NO_DATE) {
			add_due(a, b->due_first);
			add_due(a, b->due_last);
		}
	}
	if (from->month_to > from->month_from)
		months_cover(to, from->month_from, from->month_to);
	for (int m = from->month_from; m < from->month_to; m++)
		to->due_month[m] += from->due_month[m];
}

void ehp_counts_free(ehp_counts *c)
{
	free(c->theme);
	free(c->indicator);
	free(c->outcome);
	free(c->due_month);
	free(c->member_themes);
	*c = (ehp_counts){ 0 };
}
