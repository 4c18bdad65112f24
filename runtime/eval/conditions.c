/*
 * conditions.c - the tests that read no records: how far apart two of a
 * family's dates are (`closure at least 6 months before claim`) and the
 * plan's yes/no settings. Each leaves one evidence item, so an auditor sees
 * the dates compared and the setting a verdict depended on.
 */
#include <math.h>
#include "internal.h"

ehp_tv ehp_anchor_gap(ehp_eval *ev, uint32_t test, ehp_anchor a, ehp_point p, bool before)
{
	ehp_point at = ehp_point_at(ev, a);
	const char *missing = at.missing ? at.missing : p.missing;
	ehp_window shown = { at.date, p.date, missing, 0 };
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, EHP_FAMILY, before ? "date on or before" : "date on or after",
	                                          shown, EHP_K_DATES);
	if (missing)
		return ehp_evidence_end(e, EHP_UNKNOWN, NULL);
	return ehp_evidence_end(e, ehp_tv_of(before ? at.date <= p.date : at.date >= p.date), NULL);
}

ehp_tv ehp_setting(ehp_eval *ev, uint32_t test, int param, bool yes)
{
	bool ok = param >= 0 && param < ev->plan->n_params;
	const char *name = ok ? ev->plan->params[param].name : "setting";
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, EHP_FAMILY, name, (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, NULL, 0 },
	                                          EHP_K_SETTING);
	bool on = ok && ev->params[param] != 0;
	if (e) {
		e->measured = on;
		e->threshold = yes;
		e->op = EHP_OP_EQ;
	}
	return ehp_evidence_end(e, ehp_tv_of(ok && on == yes), NULL);
}
