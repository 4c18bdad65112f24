/*
 * test_rejudge.c - indicators judged again after the point of entry and
 * exemptions (semantics.md "Needs judged again"): `exempt when`, `no
 * indicator newly met at claim`, `every indicator met at closure has an
 * outcome achieved`, with a small plan written by hand as ehpc would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static bool is_child(const ehp_eval *ev, int p) { return ehp_age(ev, p) < 18; }
static bool is_adult(const ehp_eval *ev, int p) { return ehp_age(ev, p) >= 18; }

/* 1.1 (children): an offence in the 6 months before entry. */
static ehp_tv offended(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_offence);
	return ehp_any(ev, 11, subject, &s, 1, ehp_window_before(ev, EHP_ENTRY, 6, EHP_MONTHS));
}

/* 4A (adults): JSA at entry; exempt with carer's allowance. */
static ehp_tv on_jsa(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_jsa_claim);
	return ehp_any(ev, 41, subject, &s, 1, ehp_window_at(ev, EHP_ENTRY));
}
static ehp_tv carer(ehp_eval *ev, int subject)
{
	ehp_sel s = { EHP_T_non_working_benefit, EHP_D_carers_allowance, NULL, false, NULL };
	return ehp_any(ev, 42, subject, &s, 1, ehp_window_at(ev, EHP_ENTRY));
}

/* 1a: no offence in the 6 months after closure. */
static ehp_tv no_offence_after(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_offence);
	return ehp_none(ev, 12, subject, &s, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}
/* 4a: employment at the claim date. */
static ehp_tv working(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_employment);
	return ehp_any(ev, 43, subject, &s, 1, ehp_window_at(ev, EHP_CLAIM));
}

static const ehp_theme_def themes[] = { { "crime", "Crime", "", "", 1 }, { "work", "Work", "", "", 2 } };
enum { I11, I4A };
static const ehp_indicator_def indicators[] = {
	[I11] = { .id = "1.1", .text = "offended", .period = "", .source = "", .line = 11, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = is_child, .when = offended, .exempt = NULL },
	[I4A] = { .id = "4A", .text = "on JSA", .period = "", .source = "", .line = 41, .theme = 1, .scope = EHP_SCOPE_PERSON, .who = is_adult, .when = on_jsa, .exempt = carer },
};
static const int serves_11[] = { I11, -1 };
static const int serves_4a[] = { I4A, -1 };
static const ehp_outcome_def outcomes[] = {
	{ .id = "1a", .text = "no offence", .period = "", .line = 12, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .who = NULL, .when = no_offence_after, .serves = serves_11, .supplementary = false },
	{ .id = "4a", .text = "working", .period = "", .line = 43, .theme = 1, .scope = EHP_SCOPE_PERSON, .who = NULL,
	  .when = working, .serves = serves_4a, .supplementary = false },
};

static ehp_tv no_regression(ehp_eval *ev, int subject)
{
	(void)subject;
	return ehp_newly_met_none(ev, 50, EHP_CLAIM);
}
static ehp_tv emerging_answered(ehp_eval *ev, int subject)
{
	(void)subject;
	return ehp_all_resolved_at(ev, 51, EHP_CLOSURE);
}

static ehp_plan plan_with(ehp_cond_fn claimable)
{
	return (ehp_plan){ .name = "t", .title = "t", .council = "", .revised = "", .source = "", .file = "t.ehp",
	                   .hash = "0", .themes = themes, .n_themes = 2, .indicators = indicators, .n_indicators = 2,
	                   .outcomes = outcomes, .n_outcomes = 2, .claimable = claimable };
}

/* Entry 15/03/2024, closure 15/09/2024, claim 15/06/2025. */
static void family(fixture *f, int *kid, int *sib)
{
	fx_init(f, "15/03/2024", "15/09/2024", "15/06/2025");
	*kid = fx_person(f, "kid", "01/06/2010", 0);
	*sib = fx_person(f, "sib", "01/06/2011", 0);
	fx_record(f, *kid, EHP_T_offence, "01/01/2024", NULL);
}

static void test_exempt(void **state)
{
	(void)state;
	fixture f;
	int kid, sib;
	family(&f, &kid, &sib);
	int mum = fx_person(&f, "mum", "03/04/1985", 0);
	fx_record(&f, mum, EHP_T_non_working_benefit, "01/01/2023", NULL)->detail = EHP_D_carers_allowance;
	fx_record(&f, mum, EHP_T_jsa_claim, "01/01/2024", NULL);
	fx_ready(&f);
	ehp_plan plan = plan_with(NULL);
	ehp_results res = { 0 };
	/* On JSA and carer's allowance: exempt (the plan's exemption is carer's allowance). */
	ehp_evaluate_family(&plan, &f.ev, &res);
	const ehp_ind_verdict *iv = NULL;
	for (size_t i = 0; i < res.n_ind; i++)
		if (res.ind[i].indicator == I4A && res.ind[i].subject == mum)
			iv = &res.ind[i];
	assert_non_null(iv);
	assert_int_equal(iv->met, EHP_TRUE);
	assert_int_equal(iv->exempt, EHP_TRUE);
	assert_int_equal(res.claimable, EHP_TRUE); /* 1.1 has its outcome; 4A needs none */
	/* Without the carer's allowance: no exemption, no work, so 4A is open. */
	for (size_t i = 0; i < f.fam.n_records; i++) /* indexing sorted the records */
		if (f.records[i].type == EHP_T_non_working_benefit)
			f.records[i].detail = EHP_D_esa;
	ehp_family_index(&f.fam);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 4A for mum has no outcome achieved");
	/* A member who does not meet the indicator is never exempt. */
	for (size_t i = 0; i < res.n_ind; i++)
		if (res.ind[i].met != EHP_TRUE)
			assert_int_equal(res.ind[i].exempt, EHP_FALSE);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_newly_met(void **state)
{
	(void)state;
	fixture f;
	int kid, sib;
	family(&f, &kid, &sib);
	/* The latest offence: still the last record once indexing sorts them. */
	ehp_record *later = fx_record(&f, sib, EHP_T_offence, "16/12/2024", NULL); /* in the 6 months before the claim */
	fx_ready(&f);
	ehp_plan plan = plan_with(no_regression);
	ehp_results res = { 0 };
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 1.1 newly met for sib at the claim date");
	assert_int_equal(res.n_again, 1); /* only the pair that decides is kept */
	assert_int_equal(res.again[0].subject, sib);
	/* Its evidence is the sibling's offence, in the 6 months before the claim. */
	const ehp_evidence *e = &f.trace.items[res.again[0].ev_from];
	assert_int_equal(e->from, D("16/12/2024"));
	assert_int_equal(e->to, D("15/06/2025"));
	assert_null(f.ev.entry_as); /* the point of entry is back */
	/* The kid met 1.1 at entry: judged again it is not "newly" met. */
	later->date = D("15/12/2024"); /* one day before the window: no regression */
	ehp_family_index(&f.fam);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_TRUE);
	assert_int_equal(res.n_again, 0);
	/* Ages are taken at the date judged again: at 18 the kid is no child. */
	f.people[kid].born = D("15/06/2007"); /* 16 at entry, 18 on the claim date */
	later->date = D("16/12/2024");
	later->person = kid;
	ehp_family_index(&f.fam);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_met_at_closure(void **state)
{
	(void)state;
	fixture f;
	int kid, sib;
	family(&f, &kid, &sib);
	fx_record(&f, sib, EHP_T_offence, "01/09/2024", NULL); /* during support: a need met at closure */
	ehp_record *again = fx_record(&f, sib, EHP_T_offence, "14/03/2026", NULL); /* far later: nothing */
	fx_ready(&f);
	ehp_plan plan = plan_with(emerging_answered);
	ehp_results res = { 0 };
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_TRUE); /* 1a is judged for the sibling now, and achieved */
	again->date = D("01/10/2024"); /* an offence after closure: 1a not achieved for the sibling */
	ehp_family_index(&f.fam);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 1.1 for sib, met at closure, has no outcome achieved");
	/* While support is open there is no closure to judge at. */
	f.fam.closure = EHP_NO_DATE;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_not_equal(res.claimable, EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_exempt),
		cmocka_unit_test(test_newly_met),
		cmocka_unit_test(test_met_at_closure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
