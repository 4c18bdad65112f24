/*
 * cohorts.c - the members of each of the plan's row cohorts
 * (ehp_plan.cohorts), worked out once a family: rows that share a cohort
 * (every child aged 0 to 17, every adult) then read a bit of a mask instead
 * of asking the cohort for every member again, row after row.
 */
#include <string.h>
#include "internal.h"

void ehp_cohorts_begin(const ehp_plan *plan, const ehp_family *fam, ehp_results *res)
{
	size_t n = plan->n_cohorts > 0 ? (size_t)plan->n_cohorts : 0;
	res->cohorts = ehp_reserve(res->cohorts, &res->cap_cohorts, n + 1, sizeof *res->cohorts);
	memset(res->cohorts, 0, n * sizeof *res->cohorts);
	res->n_cohorts_known = fam->n_people <= 64 ? (unsigned)n : 0;
}

void ehp_cohorts_end(ehp_results *res)
{
	res->n_cohorts_known = 0;
}

/* The members whose age at entry lies in band b, from the ages
 * ehp_evaluate_family worked out: what the cohort's function, which asks
 * ehp_age, would say of each. */
static uint64_t in_band(const ehp_eval *ev, const ehp_age_band *b)
{
	const int32_t *ages = ev->res->ages;
	/* lo <= age <= hi as one unsigned comparison: an age below lo (the
	 * unknown -1 too, lo being at least 0) wraps past hi - lo */
	uint32_t lo = (uint32_t)b->lo, span = (b->hi < 0 ? (uint32_t)INT32_MAX : (uint32_t)b->hi) - lo;
	uint64_t members = 0;
	for (size_t p = 0; p < ev->fam->n_people; p++)
		members |= (uint64_t)((uint32_t)ages[p] - lo <= span) << p;
	return members;
}

uint64_t ehp_cohort_work_out(const ehp_eval *ev, int cohort)
{
	ehp_cohort_memo *m = &ev->res->cohorts[cohort - 1];
	const ehp_age_band *band = ev->plan->cohort_bands ? &ev->plan->cohort_bands[cohort - 1] : NULL;
	uint64_t members = 0;
	if (band && band->banded && !ev->entry_as && ev->res->ages_of == ev->fam) {
		members = in_band(ev, band);
	} else {
		ehp_cohort_fn who = ev->plan->cohorts[cohort - 1];
		for (size_t p = 0; p < ev->fam->n_people; p++)
			members |= (uint64_t)who(ev, (int)p) << p;
	}
	m->members = members;
	m->known = true;
	return members;
}
