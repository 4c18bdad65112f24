/*
 * standins.c - the verdict of a member with none of a row's records (the
 * stand-in's, evaluate.c) judged once a family for each class of rows
 * written alike but for their selections (a row's .standin), and the
 * indicators whose members all get it: those reading no record type
 * anyone in the family has, found for the family with a few ANDs rather
 * than row by row. Without a trace, such a row whose class's verdict is
 * not met keeps no verdict, so it is not entered at all.
 */
#include <string.h>
#include "internal.h"

/* Whether indicator d's verdict for a member with none of its records is
 * its class's: the shared verdict of evaluate.c, where it applies. */
static bool alike(const ehp_indicator_def *d)
{
	return d->scope == EHP_SCOPE_PERSON && d->reads && !d->exempt && d->standin > 0;
}

/* The indicators reading each type, and the alike ones: once a plan. */
static void index_plan(const ehp_plan *plan, ehp_results *res)
{
	if (res->standins_of == plan && res->standins_rows == plan->indicators && res->standins_n == plan->n_indicators)
		return;
	size_t words = ((size_t)plan->n_indicators + 63) / 64;
	size_t n = words * EHP_N_TYPES;
	res->reading = ehp_reserve(res->reading, &res->cap_reading, n + 1, sizeof *res->reading);
	res->alike = ehp_reserve(res->alike, &res->cap_alike, words + 1, sizeof *res->alike);
	res->untouched = ehp_reserve(res->untouched, &res->cap_untouched, words + 1, sizeof *res->untouched);
	memset(res->reading, 0, n * sizeof *res->reading);
	memset(res->alike, 0, words * sizeof *res->alike);
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		uint64_t bit = UINT64_C(1) << (i % 64);
		if (!alike(d))
			continue;
		res->alike[i / 64] |= bit;
		for (int t = 0; t < EHP_N_TYPES; t++)
			if (d->reads[t / 64] >> (t % 64) & 1)
				res->reading[(size_t)t * words + (size_t)i / 64] |= bit;
	}
	res->standin_words = words;
	res->standins_of = plan;
	res->standins_rows = plan->indicators;
	res->standins_n = plan->n_indicators;
}

void ehp_standins_begin(const ehp_plan *plan, ehp_results *res)
{
	size_t classes = plan->n_standins > 0 ? (size_t)plan->n_standins : 0;
	res->standins = ehp_reserve(res->standins, &res->cap_standins, classes + 1, sizeof *res->standins);
	memset(res->standins, -1, classes * sizeof *res->standins);
	index_plan(plan, res);
	size_t words = res->standin_words;
	memcpy(res->untouched, res->alike, words * sizeof *res->untouched);
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t types = res->family_types[w]; types; types &= types - 1) {
			const uint64_t *r = res->reading + ((size_t)w * 64 + (size_t)__builtin_ctzll(types)) * words;
			for (size_t k = 0; k < words; k++)
				res->untouched[k] &= ~r[k];
		}
}

ehp_tv ehp_standin_work_out(ehp_eval *ev, ehp_cond_fn when, int standin)
{
	ehp_tv v = when(ev, (int)ev->fam->n_people);
	ev->res->standins[standin - 1] = (int8_t)v;
	return v;
}
