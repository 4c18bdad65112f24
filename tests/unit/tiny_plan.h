/*
 * tiny_plan.h - a small plan written by hand in the shape ehpc generates, for
 * the tests of the command line and the case runner:
 *
 *   theme crime:  1.1 (person) an offence in the 12 months before entry
 *                 1a  (person) no offence in the 6 months after closure
 *   theme home:   2.1 (household) an eviction notice in the 12 months before entry
 *                 2a  (household) no eviction notice in the 6 months after closure
 *   parameter months = 12 (the window of 1.1)
 *   eligible: an indicator met; claimable: every indicator met has an outcome.
 *
 * Plan strings hold commas and quotes, as real plans may.
 */
#ifndef EHP_TEST_TINY_PLAN_H
#define EHP_TEST_TINY_PLAN_H

#include "eval.h"

static ehp_tv tiny_offence_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_offence, -1, NULL, false, NULL };
	return ehp_any(ev, 0 /* line 11 */, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, (int)ev->params[0], EHP_MONTHS));
}

static ehp_tv tiny_no_offence_after(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_offence, -1, NULL, false, NULL };
	return ehp_none(ev, 1 /* line 12 */, subject, &sel, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

static ehp_tv tiny_eviction_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_eviction_notice, -1, NULL, false, NULL };
	return ehp_any(ev, 2 /* line 21 */, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static ehp_tv tiny_no_eviction_after(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_eviction_notice, -1, NULL, false, NULL };
	return ehp_none(ev, 3 /* line 22 */, subject, &sel, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

static const ehp_theme_def tiny_themes[] = {
	{ "crime", "Crime, \"anti-social\" behaviour", "", "", 2 },
	{ "home", "Housing", "", "", 3 },
};
static const ehp_indicator_def tiny_indicators[] = {
	{ .id = "1.1", .text = "Offended, recently", .period = "12 months before entry", .source = "police",
	  .line = 11, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = NULL, .when = tiny_offence_before, .exempt = NULL },
	{ .id = "2.1", .text = "Eviction notice", .period = "12 months before entry", .source = "housing", .line = 21,
	  .theme = 1, .scope = EHP_SCOPE_HOUSEHOLD, .who = NULL, .when = tiny_eviction_before, .exempt = NULL },
};
static const int tiny_serves_11[] = { 0, -1 };
static const int tiny_serves_21[] = { 1, -1 };
static const ehp_outcome_def tiny_outcomes[] = {
	{ .id = "1a", .text = "No offence", .period = "6 months after closure", .line = 12, .theme = 0,
	  .scope = EHP_SCOPE_PERSON, .who = NULL, .when = tiny_no_offence_after, .serves = tiny_serves_11,
	  .supplementary = false },
	{ .id = "2a", .text = "No eviction", .period = "6 months after closure", .line = 22, .theme = 1,
	  .scope = EHP_SCOPE_HOUSEHOLD, .who = NULL, .when = tiny_no_eviction_after, .serves = tiny_serves_21,
	  .supplementary = false },
};
static const ehp_param_def tiny_params[] = {
	{ "months", "months", "the window of 1.1", 12, 5 },
};

/* Every test above, by the index its call passes. */
static const ehp_test_def tiny_tests[] = {
	{ .line = 11, .column = 8, .text = "there is a record of offence in the `months` (12) months before entry" },
	{ .line = 12, .column = 8, .text = "there is no record of offence in the 6 months after closure" },
	{ .line = 21, .column = 8, .text = "there is a record of eviction notice in the 12 months before entry" },
	{ .line = 22, .column = 8, .text = "there is no record of eviction \"notice\" in the 6 months after closure" },
};

static const ehp_plan tiny_plan = {
	.name = "tiny", .title = "Tiny plan, \"for tests\"", .council = "Nowhere", .revised = "2024",
	.source = "", .file = "tiny.ehp", .hash = "0123abcd",
	.themes = tiny_themes, .n_themes = 2,
	.indicators = tiny_indicators, .n_indicators = 2,
	.outcomes = tiny_outcomes, .n_outcomes = 2,
	.params = tiny_params, .n_params = 1,
	.tests = tiny_tests, .n_tests = 4,
	.eligible = NULL, .claimable = NULL,
};

#endif
