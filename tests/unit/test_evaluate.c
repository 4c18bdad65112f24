/*
 * test_evaluate.c - judging a family under a small plan written by hand in C
 * (as ehpc would generate it): who is judged for which indicator and
 * outcome, themes met, eligible, claimable, the reason, and the family-rule
 * helpers (semantics.md "Indicators, outcomes, family").
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

/* ------------------------------------------------------------ the plan */

static bool is_child(const ehp_eval *ev, int p) { return ehp_age(ev, p) < 18; }
static bool is_adult(const ehp_eval *ev, int p) { return ehp_age(ev, p) >= 18; }

/* 1.1 (person, children): an offence in the 12 months before entry. */
static ehp_tv offended(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_offence);
	return ehp_any(ev, 11, subject, &s, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

/* 1.2 (household): at least 2 police callouts in the 12 months before entry. */
static ehp_tv callouts(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_police_callout);
	double n = ehp_measure_in(ev, 12, EHP_M_COUNT, subject, &s, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS), -1);
	return ehp_compare(ev, 12, n, EHP_OP_GE, 2);
}

/* 2.1 (person, everyone): SEN at entry. */
static ehp_tv sen_at_entry(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_sen);
	return ehp_any(ev, 21, subject, &s, 1, ehp_window_at(ev, EHP_ENTRY));
}

/* 3.1 (family): any referral during support. */
static ehp_tv referred(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_referral);
	return ehp_any(ev, 31, subject, &s, 1, ehp_window_during_support(ev));
}

/* 1a: no offence in the 6 months after closure. */
static ehp_tv no_offence_after(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_offence);
	return ehp_none(ev, 13, subject, &s, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

/* 1b: no police callout in the 6 months after closure. */
static ehp_tv no_callout_after(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_police_callout);
	return ehp_none(ev, 14, subject, &s, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

/* 2a: suitable education at claim. */
static ehp_tv educated(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_suitable_education);
	return ehp_any(ev, 22, subject, &s, 1, ehp_window_at(ev, EHP_CLAIM));
}

/* 1c: an adult completed a parenting programme during support. */
static ehp_tv parenting(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_parenting_programme);
	return ehp_any(ev, 15, subject, &s, 1, ehp_window_during_support(ev));
}

/* eligible: at least 2 themes met. */
static ehp_tv two_themes(ehp_eval *ev, int subject)
{
	(void)subject;
	return ehp_compare(ev, 40, ehp_themes_met(ev), EHP_OP_GE, 2);
}

static const ehp_theme_def themes[] = {
	{ "crime", "Crime", "", "", 1 },
	{ "education", "Education", "", "", 2 },
	{ "support", "Support", "", "", 3 },
};

enum { I11, I12, I21, I31 };
static const ehp_indicator_def indicators[] = {
	[I11] = { .id = "1.1", .text = "offended", .period = "", .source = "", .line = 11, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = is_child, .when = offended, .exempt = NULL },
	[I12] = { .id = "1.2", .text = "callouts", .period = "", .source = "", .line = 12, .theme = 0, .scope = EHP_SCOPE_HOUSEHOLD, .who = NULL, .when = callouts, .exempt = NULL },
	[I21] = { .id = "2.1", .text = "sen", .period = "", .source = "", .line = 21, .theme = 1, .scope = EHP_SCOPE_PERSON, .who = NULL, .when = sen_at_entry, .exempt = NULL },
	[I31] = { .id = "3.1", .text = "referred", .period = "", .source = "", .line = 31, .theme = 2, .scope = EHP_SCOPE_FAMILY, .who = NULL, .when = referred, .exempt = NULL },
};

static const int serves_11[] = { I11, -1 };
static const int serves_12[] = { I12, -1 };
static const int serves_21[] = { I21, -1 };
static const int serves_11_12[] = { I11, I12, -1 };

enum { O1A, O1B, O2A, O1C, O1D };
static const ehp_outcome_def outcomes[] = {
	[O1A] = { .id = "1a", .text = "no offence", .period = "", .line = 13, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = NULL, .when = no_offence_after, .serves = serves_11, .supplementary = false },
	[O1B] = { .id = "1b", .text = "no callout", .period = "", .line = 14, .theme = 0, .scope = EHP_SCOPE_HOUSEHOLD, .who = NULL, .when = no_callout_after, .serves = serves_12, .supplementary = false },
	[O2A] = { .id = "2a", .text = "educated", .period = "", .line = 22, .theme = 1, .scope = EHP_SCOPE_PERSON, .who = NULL, .when = educated, .serves = serves_21, .supplementary = false },
	/* Serves only a household indicator: judged for its cohort, the adults. */
	[O1C] = { .id = "1c", .text = "parenting", .period = "", .line = 15, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = is_adult, .when = parenting, .serves = serves_12, .supplementary = false },
	/* Serves a person indicator with a cohort: those who met it AND are adults. */
	[O1D] = { .id = "1d", .text = "adult no offence", .period = "", .line = 16, .theme = 0, .scope = EHP_SCOPE_PERSON, .who = is_adult, .when = no_offence_after, .serves = serves_11_12, .supplementary = false },
};

static ehp_plan make_plan(void)
{
	return (ehp_plan){
		.name = "test", .title = "Test plan", .council = "Nowhere", .revised = "2024", .source = "", .file = "t.ehp",
		.hash = "0", .themes = themes, .n_themes = 3, .indicators = indicators, .n_indicators = 4,
		.outcomes = outcomes, .n_outcomes = 5, .params = NULL, .n_params = 0, .eligible = two_themes,
		.claimable = NULL,
	};
}

/* ------------------------------------------------------------ helpers */

static const ehp_ind_verdict *ind_verdict(const ehp_results *res, int ind, int subject)
{
	for (size_t i = 0; i < res->n_ind; i++)
		if (res->ind[i].indicator == ind && res->ind[i].subject == subject)
			return &res->ind[i];
	return NULL;
}

static const ehp_out_verdict *out_verdict(const ehp_results *res, int out, int subject)
{
	for (size_t i = 0; i < res->n_out; i++)
		if (res->out[i].outcome == out && res->out[i].subject == subject)
			return &res->out[i];
	return NULL;
}

static ehp_tv ind_met(const ehp_results *res, int ind, int subject)
{
	const ehp_ind_verdict *v = ind_verdict(res, ind, subject);
	if (!v)
		fail_msg("indicator %d not judged for subject %d", ind, subject);
	return v->met;
}

static ehp_tv out_achieved(const ehp_results *res, int out, int subject)
{
	const ehp_out_verdict *v = out_verdict(res, out, subject);
	if (!v)
		fail_msg("outcome %d not judged for subject %d", out, subject);
	return v->achieved;
}

/* kid (13 at entry) offended in the year before entry; the household had two
 * police callouts; mum (39) did nothing recorded. */
static int kid, mum;

static void crime_family(fixture *f)
{
	fx_init(f, "15/03/2024", "15/09/2024", "15/03/2025");
	kid = fx_person(f, "kid", "2010-06-01", 0);
	mum = fx_person(f, "mum", "1985-01-01", 1u << EHP_F_parent);
	fx_record(f, kid, EHP_T_offence, "2023-06-01", NULL);
	fx_record(f, EHP_HOUSEHOLD, EHP_T_police_callout, "2023-05-01", NULL);
	fx_record(f, EHP_HOUSEHOLD, EHP_T_police_callout, "2023-07-01", NULL);
}

/* ------------------------------------------------------------ tests */

static void test_who_is_judged(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	/* Person indicator: every member in its cohort (children for 1.2, everyone for 2.1). */
	assert_int_equal(ind_met(&res, I11, kid), EHP_TRUE);
	assert_null(ind_verdict(&res, I11, mum));
	assert_int_equal(ind_met(&res, I21, kid), EHP_FALSE);
	assert_int_equal(ind_met(&res, I21, mum), EHP_FALSE);
	/* Household and family indicators once. */
	assert_int_equal(ind_met(&res, I12, EHP_HOUSEHOLD), EHP_TRUE);
	assert_int_equal(ind_met(&res, I31, EHP_FAMILY), EHP_FALSE);
	assert_int_equal(res.n_ind, 5);
	/* Person outcome: each member who met an indicator it serves (the child who offended). */
	assert_int_equal(out_achieved(&res, O1A, kid), EHP_TRUE);
	assert_null(out_verdict(&res, O1A, mum));
	assert_int_equal(out_achieved(&res, O1B, EHP_HOUSEHOLD), EHP_TRUE);
	assert_null(out_verdict(&res, O2A, kid)); /* nobody met 2.1 */
	assert_null(out_verdict(&res, O2A, mum));
	/* Serving only a household indicator: judged for its cohort. */
	assert_int_equal(out_achieved(&res, O1C, mum), EHP_FALSE);
	assert_null(out_verdict(&res, O1C, kid));
	/* Who met 1.1 and is an adult: nobody. */
	assert_null(out_verdict(&res, O1D, kid));
	assert_null(out_verdict(&res, O1D, mum));
	assert_int_equal(res.n_out, 3);
	assert_int_equal(res.themes_met, 1);
	assert_int_equal(res.eligible, EHP_FALSE);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "not eligible: 1 theme and 2 indicators met");
	/* Ages were worked out once for the evaluation, and are not kept after it. */
	assert_null(res.ages_of);
	assert_int_equal(ehp_age(&f.ev, kid), 13);
	ehp_results_free(&res);
	fx_free(&f);
}

/* `indicators met` counts the plan's rows met, not the members meeting them:
 * 2.1 met by the child and the mother is one need. */
static void test_indicators_met_counts_rows(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_record(&f, kid, EHP_T_sen, "2020-01-01", "open");
	fx_record(&f, mum, EHP_T_sen, "2020-01-01", "open");
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(ind_met(&res, I21, kid), EHP_TRUE);
	assert_int_equal(ind_met(&res, I21, mum), EHP_TRUE);
	int pairs = 0;
	for (size_t i = 0; i < res.n_ind; i++)
		pairs += res.ind[i].met == EHP_TRUE;
	assert_int_equal(pairs, 4);                      /* 1.1 kid, 1.2, 2.1 kid, 2.1 mum */
	assert_int_equal(ehp_indicators_met(&f.ev), 3); /* 1.1, 1.2, 2.1 */
	ehp_results_free(&res);
	fx_free(&f);
}

/* Every verdict's evidence range holds the items its own call left. */
static void test_evidence_ranges(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	size_t next = 0;
	for (size_t i = 0; i < res.n_ind; i++) {
		const ehp_ind_verdict *v = &res.ind[i];
		assert_int_equal(v->ev_from, next);
		assert_int_equal(v->ev_to, v->ev_from + 1); /* one test per indicator here */
		const ehp_evidence *e = &f.trace.items[v->ev_from];
		assert_int_equal(e->subject, v->subject);
		assert_int_equal(e->plan_line, indicators[v->indicator].line);
		assert_int_equal(e->result, v->met);
		next = v->ev_to;
	}
	for (size_t i = 0; i < res.n_out; i++) {
		assert_int_equal(res.out[i].ev_from, next);
		assert_int_equal(f.trace.items[res.out[i].ev_from].subject, res.out[i].subject);
		next = res.out[i].ev_to;
	}
	assert_int_equal(res.elig_from, next);
	assert_int_equal(res.elig_to, next + 1); /* the themes comparison */
	assert_int_equal(f.trace.items[next].plan_line, 40);
	assert_int_equal(res.claim_from, res.elig_to);
	assert_int_equal(res.claim_to, f.trace.n);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_claimable(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_record(&f, kid, EHP_T_sen, "2020-01-01", "open"); /* kid meets 2.1: two themes */
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(ind_met(&res, I21, kid), EHP_TRUE);
	assert_int_equal(out_achieved(&res, O2A, kid), EHP_FALSE);
	assert_int_equal(res.themes_met, 2);
	assert_int_equal(res.eligible, EHP_TRUE);
	/* No claim rule: every indicator met needs an outcome achieved; 2.1 has none. */
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 2.1 for kid has no outcome achieved");
	assert_int_equal(ehp_indicators_met(&f.ev), 3);
	assert_int_equal(ehp_all_resolved(&f.ev, 50), EHP_FALSE);

	/* Suitable education at claim: resolved, claimable, no reason. */
	fx_record(&f, kid, EHP_T_suitable_education, "2024-09-01", "open");
	fx_ready(&f);
	size_t cap = res.cap_ind;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.cap_ind, cap); /* arrays reused from family to family */
	assert_int_equal(out_achieved(&res, O2A, kid), EHP_TRUE);
	assert_int_equal(res.claimable, EHP_TRUE);
	assert_string_equal(res.reason, "");
	assert_int_equal(ehp_all_resolved(&f.ev, 50), EHP_TRUE);

	/* Rejected rows: judged, but never claimable. */
	f.fam.rejected = 2;
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.eligible, EHP_TRUE);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "data incomplete: 2 rows rejected");
	f.fam.rejected = 1;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_string_equal(res.reason, "data incomplete: 1 row rejected");

	/* An outcome that cannot be judged yet (the window ends after the claim
	 * date) leaves the family unresolved. */
	f.fam.rejected = 0;
	f.ev.claim = D("2025-03-01");
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(out_achieved(&res, O1A, kid), EHP_UNKNOWN);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 1.1 for kid has no outcome achieved");
	ehp_results_free(&res);
	fx_free(&f);
}

/* A supplementary outcome is judged and can be achieved, but alone it
 * answers nothing: 1a made supplementary leaves the child's 1.1 open. */
static void test_supplementary(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	plan.eligible = NULL;
	ehp_outcome_def outs[5];
	memcpy(outs, outcomes, sizeof outs);
	outs[O1A].supplementary = true;
	plan.outcomes = outs;
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(out_achieved(&res, O1A, kid), EHP_TRUE);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 1.1 for kid has no outcome achieved");
	/* The same outcome not supplementary answers it. */
	plan.outcomes = outcomes;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

/* claimable: a lead worker during support, and every need answered. */
static ehp_tv lead_worker_and_resolved(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_lead_worker);
	ehp_tv lead = ehp_any(ev, 77, subject, &s, 1, ehp_window_during_support(ev));
	return lead == EHP_FALSE ? lead : ehp_and(lead, ehp_all_resolved(ev, 78));
}

/* A claim rule that fails for a test of its own names that test, with or
 * without evidence kept. */
static void test_failed_test_named(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	plan.eligible = NULL;
	plan.claimable = lead_worker_and_resolved;
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_ready(&f);
	const char *want = "claim rule not met: lead_worker from 2024-03-15 to 2024-09-15: not met, no record found";
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, want);
	f.ev.trace = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_string_equal(res.reason, want);
	assert_null(f.ev.trace); /* the rule's own trace is not left behind */
	/* With a lead worker the rule is met, and no reason is given. */
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_lead_worker, "2024-03-15", "2024-09-15");
	fx_ready(&f);
	f.ev.trace = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.claimable, EHP_TRUE);
	assert_string_equal(res.reason, "");
	ehp_results_free(&res);
	fx_free(&f);
}

/* Without an eligibility rule: eligible when any indicator is met. Without a
 * trace: the same verdicts. */
static void test_default_rules(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	plan.eligible = NULL;
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_ready(&f);
	f.ev.trace = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.eligible, EHP_TRUE);
	/* 1.1 kid by 1a, 1.2 by 1b: all resolved. */
	assert_int_equal(res.claimable, EHP_TRUE);
	assert_int_equal(f.trace.n, 0);
	assert_int_equal(res.ind[0].ev_from, 0);

	/* Nothing met at all: not eligible. */
	fixture g;
	ehp_results res2 = { 0 };
	fx_init(&g, "15/03/2024", NULL, "15/03/2025");
	fx_person(&g, "kid", "2010-06-01", 0);
	fx_ready(&g);
	ehp_evaluate_family(&plan, &g.ev, &res2);
	assert_int_equal(res2.eligible, EHP_FALSE);
	assert_int_equal(res2.themes_met, 0);
	assert_int_equal(res2.n_out, 0); /* no need met, so no outcome is judged, not even household 1b */
	ehp_results_free(&res);
	ehp_results_free(&res2);
	fx_free(&f);
	fx_free(&g);
}

/* Resolution at household level: a household indicator is answered by any
 * achieved outcome serving it, whoever it was for; a person indicator by its
 * member's outcome or a household one. */
static void test_all_resolved(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_police_callout, "2024-12-01", NULL); /* 1b not achieved */
	fx_ready(&f);
	plan.eligible = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(out_achieved(&res, O1B, EHP_HOUSEHOLD), EHP_FALSE);
	assert_int_equal(out_achieved(&res, O1C, mum), EHP_FALSE);
	assert_int_equal(res.claimable, EHP_FALSE);
	assert_string_equal(res.reason, "claim rule not met: 1.2 for household has no outcome achieved");
	/* mum's parenting programme (1c, serving the household's 1.2) resolves it. */
	fx_record(&f, mum, EHP_T_parenting_programme, "2024-05-01", NULL);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(out_achieved(&res, O1C, mum), EHP_TRUE);
	assert_int_equal(ehp_all_resolved(&f.ev, 1), EHP_TRUE);
	assert_int_equal(res.claimable, EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

/* ------------------------------------------------------------ some / every */

/* TRUE for kid, UNKNOWN for mum, FALSE for anyone else. */
static ehp_tv mixed(ehp_eval *ev, int subject)
{
	(void)ev;
	return subject == 0 ? EHP_TRUE : subject == 1 ? EHP_UNKNOWN : EHP_FALSE;
}

static ehp_tv always(ehp_eval *ev, int subject)
{
	(void)ev, (void)subject;
	return EHP_TRUE;
}

static bool nobody(const ehp_eval *ev, int p)
{
	(void)ev, (void)p;
	return false;
}

static void test_some_every(void **state)
{
	(void)state;
	ehp_plan plan = make_plan();
	fixture f;
	ehp_results res = { 0 };
	crime_family(&f);
	fx_person(&f, "dad", "1984-01-01", 0);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	f.trace.n = 0;
	/* Three-valued: some is TRUE if anyone is; every is UNKNOWN if nobody is FALSE but someone unknown. */
	assert_int_equal(ehp_some(&f.ev, 1, NULL, mixed), EHP_TRUE);
	assert_int_equal(ehp_every(&f.ev, 1, NULL, mixed), EHP_FALSE); /* dad is FALSE */
	assert_int_equal(ehp_every(&f.ev, 1, is_child, mixed), EHP_TRUE);
	assert_int_equal(ehp_some(&f.ev, 1, is_adult, mixed), EHP_UNKNOWN); /* mum unknown, dad false */
	assert_int_equal(ehp_every(&f.ev, 1, is_adult, always), EHP_TRUE);
	/* Nobody in the cohort: every is TRUE, some is FALSE. */
	assert_int_equal(ehp_every(&f.ev, 1, nobody, mixed), EHP_TRUE);
	assert_int_equal(ehp_some(&f.ev, 1, nobody, always), EHP_FALSE);
	/* No condition: whether someone is in the cohort. */
	assert_int_equal(ehp_some(&f.ev, 1, is_adult, NULL), EHP_TRUE);
	assert_int_equal(f.trace.n, 8); /* one summary item each */
	assert_string_equal(fx_last(&f)->what, "some member");
	assert_true(fx_last(&f)->measured == 2);
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_who_is_judged),
		cmocka_unit_test(test_indicators_met_counts_rows), cmocka_unit_test(test_evidence_ranges),
		cmocka_unit_test(test_claimable),     cmocka_unit_test(test_default_rules),
		cmocka_unit_test(test_failed_test_named), cmocka_unit_test(test_supplementary),
		cmocka_unit_test(test_all_resolved),  cmocka_unit_test(test_some_every),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
