/*
 * standins.c - the verdict of a member with none of a row's records (the
 * stand-in's, evaluate.c) judged once a family for each class of rows
 * written alike but for their selections (a row's .standin), and the
 * indicators whose members all get it: those reading no record type
 * anyone in the family has, found for the family with a few ANDs rather
 * than row by row. Without a trace, such a row whose class's verdict is
 * not met keeps no verdict, so it is not entered at all. Only rows whose
 * verdict cannot change as the family's rows are judged have a class
 * (compiler/codegen_standin.c), so it may be worked out before them.
 */
#include <string.h>
#include "internal.h"

/* Whether indicator d's verdict for a member with none of its records is
 * its class's: the shared verdict of evaluate.c, where it applies. A
 * household or family row's (ehpc gives one reads and a class only when
 * it is judged from records alone) is its class's in a family with no
 * record of its types: its selections find nothing, as the stand-in's. */
static bool alike(const ehp_indicator_def *d)
{
	return d->reads && !d->exempt && d->standin > 0;
}

/* The indicators reading each type, the alike ones, and each class's
 * indicators and its first row's `when` (any would do: they judge a member
 * with no records alike): once a plan (evaluate.c). */
void ehp_standins_index(const ehp_plan *plan, ehp_results *res)
{
	size_t words = ((size_t)plan->n_indicators + 63) / 64;
	size_t n = words * EHP_N_TYPES, classes = plan->n_standins > 0 ? (size_t)plan->n_standins : 0;
	res->reading = ehp_reserve(res->reading, &res->cap_reading, n + 1, sizeof *res->reading);
	res->alike = ehp_reserve(res->alike, &res->cap_alike, words + 1, sizeof *res->alike);
	res->alike_group = ehp_reserve(res->alike_group, &res->cap_alike_group, words + 1, sizeof *res->alike_group);
	res->skip = ehp_reserve(res->skip, &res->cap_skip, words + 1, sizeof *res->skip);
	res->class_rows = ehp_reserve(res->class_rows, &res->cap_class_rows, classes * words + 1, sizeof *res->class_rows);
	res->class_when = ehp_reserve(res->class_when, &res->cap_class_when, classes + 1, sizeof *res->class_when);
	memset(res->reading, 0, n * sizeof *res->reading);
	memset(res->alike, 0, words * sizeof *res->alike);
	memset(res->alike_group, 0, words * sizeof *res->alike_group);
	memset(res->class_rows, 0, classes * words * sizeof *res->class_rows);
	memset(res->class_when, 0, classes * sizeof *res->class_when);
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		uint64_t bit = UINT64_C(1) << (i % 64);
		if (!alike(d) || (size_t)d->standin > classes)
			continue;
		res->alike[i / 64] |= bit;
		if (d->scope != EHP_SCOPE_PERSON)
			res->alike_group[i / 64] |= bit;
		res->class_rows[(size_t)(d->standin - 1) * words + (size_t)i / 64] |= bit;
		if (!res->class_when[d->standin - 1]) /* its first row's */
			res->class_when[d->standin - 1] = d->when;
		for (int t = 0; t < EHP_N_TYPES; t++)
			if (d->reads[t / 64] >> (t % 64) & 1)
				res->reading[(size_t)t * words + (size_t)i / 64] |= bit;
	}
	res->ind_classes = ehp_reserve(res->ind_classes, &res->cap_ind_classes, classes + 1, sizeof *res->ind_classes);
	res->n_ind_classes = 0;
	for (size_t c = 0; c < classes; c++) /* the classes of outcomes only are not asked */
		if (res->class_when[c])
			res->ind_classes[res->n_ind_classes++] = (int)c;
	res->standin_words = words;
}

void ehp_standins_begin(const ehp_plan *plan, ehp_results *res)
{
	size_t classes = plan->n_standins > 0 ? (size_t)plan->n_standins : 0;
	res->standins = ehp_reserve(res->standins, &res->cap_standins, classes + 1, sizeof *res->standins);
	memset(res->standins, -1, classes * sizeof *res->standins);
}

void ehp_standins_skip(ehp_eval *ev)
{
	ehp_results *res = ev->res;
	size_t words = res->standin_words;
	if (ev->trace && !ev->share_evidence) { /* each member's evidence their own: every row entered */
		memset(res->skip, 0, words * sizeof *res->skip);
		return;
	}
	/* The alike rows reading no type a member has ... */
	memcpy(res->skip, res->alike, words * sizeof *res->skip);
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t types = res->family_types[w]; types; types &= types - 1) {
			const uint64_t *r = res->reading + ((size_t)w * 64 + (size_t)__builtin_ctzll(types)) * words;
			for (size_t k = 0; k < words; k++)
				res->skip[k] &= ~r[k];
		}
	/* ... nor, for a household or family row, one of the household's own. */
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t types = res->record_types[w] & ~res->family_types[w]; types; types &= types - 1) {
			const uint64_t *r = res->reading + ((size_t)w * 64 + (size_t)__builtin_ctzll(types)) * words;
			for (size_t k = 0; k < words; k++)
				res->skip[k] &= ~(r[k] & res->alike_group[k]);
		}
	/* ... whose class's verdict is not met: the classes remembered across
	 * families a group at a time, the others a class at a time. */
	if (!ev->trace && ehp_standin_memo_skip(ev))
		return;
	for (size_t j = 0; j < res->n_ind_classes; j++) {
		int c = res->ind_classes[j];
		const uint64_t *rows = res->class_rows + (size_t)c * words;
		uint64_t any = 0;
		for (size_t k = 0; k < words; k++)
			any |= rows[k] & res->skip[k];
		if (any && (ev->trace ? ehp_standin_class_traced(ev, c + 1)
		                      : ehp_standin_verdict(ev, res->class_when[c], c + 1)) != EHP_FALSE)
			for (size_t k = 0; k < words; k++)
				res->skip[k] &= ~rows[k];
	}
	if (ev->trace) /* those whose evidence is the class's, with the row's tests */
		ehp_standin_traces_skip(ev);
}
