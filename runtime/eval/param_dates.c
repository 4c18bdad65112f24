/*
 * param_dates.c - parameters whose value takes effect from a date
 * (`parameter earnings_single = £338 from 01/04/2024, £352 from
 * 01/04/2025`): the value in effect on a day.
 */
#include "eval.h"

double ehp_param_on(const ehp_param_dates *p, ehp_date d)
{
	double v = p->steps[0].value; /* before the first date: the first value (semantics.md) */
	for (int i = 0; i < p->n_steps && d != EHP_NO_DATE && p->steps[i].from <= d; i++)
		v = p->steps[i].value;
	return v;
}

const ehp_param_dates *ehp_param_dated(const ehp_plan *plan, int i)
{
	for (int k = 0; plan && k < plan->n_param_dates; k++)
		if (plan->param_dates[k].param == i)
			return &plan->param_dates[k];
	return NULL;
}
