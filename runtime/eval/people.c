/*
 * people.c - the person tests a plan can ask: age at the point of entry and
 * the flags recorded for a member.
 */
#include <math.h>
#include "eval.h"

/* Completed years on the day support began (or on the date indicators are
 * judged again at, ehp_eval.entry_as); -1 (no age range holds) when
 * the date of birth or the point of entry is missing. Cohorts ask it for
 * every row of a plan, so ehp_evaluate_family works it out once per member. */
int ehp_age(const ehp_eval *ev, int person)
{
	const ehp_family *fam = ev->fam;
	/* Tested in the order of the usual case (every row's cohort, during
	 * ehp_evaluate_family): one comparison each. */
	if ((unsigned)person >= fam->n_people) /* a negative subject too */
		return -1;
	if (!ev->entry_as && ev->res && ev->res->ages_of == fam)
		return ev->res->ages[person];
	if (ev->entry_as) /* judged again as at another date: ages then */
		return ehp_age_on(fam->people[person].born, *ev->entry_as);
	return ehp_age_on(fam->people[person].born, fam->entry);
}

/* `aged 5 to 15 at claim`: completed years on the anchor's day; -1 when it
 * or the date of birth is missing. */
int ehp_age_at(const ehp_eval *ev, int person, ehp_anchor a)
{
	if (a == EHP_ENTRY)
		return ehp_age(ev, person);
	if (person < 0 || (size_t)person >= ev->fam->n_people)
		return -1;
	ehp_date d = ehp_anchor_date(ev, a);
	return d == EHP_NO_DATE ? -1 : ehp_age_on(ev->fam->people[person].born, d);
}

bool ehp_has_flag(const ehp_eval *ev, int person, int flag)
{
	if (person < 0 || (size_t)person >= ev->fam->n_people || flag < 0 || flag >= EHP_N_FLAGS)
		return false;
	return (ev->fam->people[person].flags >> flag) & 1u;
}

/* A dated parameter not overridden (--set, a case's `set`) holds NAN in
 * the run's values (params.c): its value depends on the family's date. */
double ehp_param(const ehp_eval *ev, int i)
{
	double v = ev->params[i];
	if (!isnan(v))
		return v;
	const ehp_param_dates *p = ehp_param_dated(ev->plan, i);
	return p ? ehp_param_on(p, ehp_anchor_date(ev, p->chosen_at)) : v;
}

bool ehp_member_holds(const ehp_eval *cev, int person, ehp_cond_fn cond)
{
	/* Every evaluation is its caller's own and writable; cohort functions
	 * see it const only because membership reads no verdicts. The test runs
	 * without a trace, and the state a measure leaves for ehp_compare is
	 * put back, so a group's test never shows in a row's evidence. */
	ehp_eval *ev = (ehp_eval *)cev;
	ehp_trace *trace = ev->trace;
	ehp_date measured_to = ev->measured_to;
	size_t measured_item = ev->measured_item;
	bool measured_rate = ev->measured_rate;
	ev->trace = NULL;
	ehp_tv v = cond(ev, person);
	ev->trace = trace;
	ev->measured_to = measured_to;
	ev->measured_item = measured_item;
	ev->measured_rate = measured_rate;
	return v == EHP_TRUE;
}
