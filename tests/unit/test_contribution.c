/*
 * test_contribution.c - what one member may add to `themes met` or
 * `indicators met` (contribution.c; semantics.md, "Limits on what one
 * member adds"): the counting on small graphs, checked against every
 * assignment by brute force, and a family judged under a plan written by
 * hand in C, its figure, its verdict and the reason the limit gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "contribution.h"
#include "fixture.h"

/* ------------------------------------------------------------ the counting */

#define MAX_PAIRS 64

typedef struct {
	int items[MAX_PAIRS], members[MAX_PAIRS];
	size_t n;
} pairs;

static void add(pairs *p, int item, int member)
{
	assert_true(p->n < MAX_PAIRS);
	p->items[p->n] = item;
	p->members[p->n++] = member;
}

static int count(const pairs *p, int n_items, int n_members, int most)
{
	int *work = malloc(ehp_limited_work(p->n, n_items, n_members) * sizeof *work);
	assert_non_null(work);
	int n = ehp_count_limited(p->items, p->members, p->n, n_items, n_members, most, work);
	free(work);
	return n;
}

static void test_no_limited_member(void **state)
{
	(void)state;
	pairs p = { 0 };
	add(&p, 0, -1);
	add(&p, 1, -1);
	add(&p, 1, -1); /* one theme met twice is one */
	assert_int_equal(count(&p, 3, 0, 1), 2);
}

/* The example's L01: the parent living apart met two themes alone. */
static void test_one_member_two_themes(void **state)
{
	(void)state;
	pairs p = { 0 };
	add(&p, 0, 0);
	add(&p, 1, 0);
	assert_int_equal(count(&p, 3, 1, 1), 1);
	assert_int_equal(count(&p, 3, 1, 2), 2);
	assert_int_equal(count(&p, 3, 1, 0), 0); /* at most 0: the member adds nothing */
	add(&p, 2, -1); /* a resident member meets a third theme */
	assert_int_equal(count(&p, 3, 1, 1), 2);
}

/* A theme met by the limited member and by someone else is counted for the
 * other, leaving the member's one to another theme. */
static void test_shared_theme_goes_to_the_other(void **state)
{
	(void)state;
	pairs p = { 0 };
	add(&p, 0, 0);
	add(&p, 1, 0);
	add(&p, 0, -1);
	assert_int_equal(count(&p, 2, 1, 1), 2);
}

/* Two members living apart: the first theme tried goes to the member who
 * met both, and must move to the other for the second to count. */
static void test_augmenting_path(void **state)
{
	(void)state;
	pairs p = { 0 };
	add(&p, 0, 0); /* crime: dad (listed first) and step-dad */
	add(&p, 0, 1);
	add(&p, 1, 0); /* work: dad only */
	assert_int_equal(count(&p, 2, 2, 1), 2);
	/* A path two steps long: item 2 takes m0's place, item 1 moves to m2,
	 * item 0 had moved to m1 before. */
	pairs q = { 0 };
	add(&q, 0, 0);
	add(&q, 0, 1);
	add(&q, 1, 0);
	add(&q, 1, 2);
	add(&q, 2, 0);
	assert_int_equal(count(&q, 3, 3, 1), 3);
	/* Three themes between two members taking one each: two count. */
	pairs r = { 0 };
	add(&r, 0, 0);
	add(&r, 0, 1);
	add(&r, 1, 0);
	add(&r, 2, 1);
	add(&r, 2, 0);
	assert_int_equal(count(&r, 3, 2, 1), 2);
	assert_int_equal(count(&r, 3, 2, 2), 3);
}

static void test_pairs_out_of_range_left_out(void **state)
{
	(void)state;
	pairs p = { 0 };
	add(&p, -1, -1); /* an indicator of no theme */
	add(&p, 5, -1);
	add(&p, 0, 7);
	add(&p, 1, 0);
	assert_int_equal(count(&p, 2, 1, 1), 1);
	assert_int_equal(count(&p, 0, 1, 1), 0);
}

/* Brute force: every way of crediting each item to one member who met it
 * (or to nobody), the loads within `most`. */
static int best(const pairs *p, int n_items, int n_members, int most, int item, int *load)
{
	if (item == n_items)
		return 0;
	int top = best(p, n_items, n_members, most, item + 1, load); /* not counted */
	bool free_item = false;
	for (size_t k = 0; k < p->n; k++)
		if (p->items[k] == item && p->members[k] < 0)
			free_item = true;
	if (free_item)
		return 1 + best(p, n_items, n_members, most, item + 1, load);
	for (size_t k = 0; k < p->n; k++) {
		int m = p->members[k];
		if (p->items[k] != item || m < 0 || load[m] >= most)
			continue;
		load[m]++;
		int v = 1 + best(p, n_items, n_members, most, item + 1, load);
		load[m]--;
		top = v > top ? v : top;
	}
	return top;
}

static void test_exact_against_brute_force(void **state)
{
	(void)state;
	unsigned seed = 12345;
	for (int round = 0; round < 3000; round++) {
		pairs p = { 0 };
		seed = seed * 1103515245u + 12345u;
		int n_items = 1 + (int)(seed >> 16) % 6;
		seed = seed * 1103515245u + 12345u;
		int n_members = 1 + (int)(seed >> 16) % 4;
		seed = seed * 1103515245u + 12345u;
		int most = (int)(seed >> 16) % 3;
		seed = seed * 1103515245u + 12345u;
		int n = (int)(seed >> 16) % 14;
		for (int k = 0; k < n; k++) {
			seed = seed * 1103515245u + 12345u;
			int item = (int)(seed >> 16) % n_items;
			seed = seed * 1103515245u + 12345u;
			int member = (int)(seed >> 16) % (n_members + 1) - 1;
			add(&p, item, member);
		}
		int load[8] = { 0 };
		int want = best(&p, n_items, n_members, most, 0, load);
		if (count(&p, n_items, n_members, most) != want)
			fail_msg("round %d: %d items, %d members, at most %d: counted %d, best is %d", round, n_items,
			         n_members, most, count(&p, n_items, n_members, most), want);
		/* The same pairs in reverse order: the same figure. */
		pairs r = { 0 };
		for (size_t k = p.n; k-- > 0;)
			add(&r, p.items[k], p.members[k]);
		assert_int_equal(count(&r, n_items, n_members, most), want);
	}
}

/* ------------------------------------------------------------ a family judged */

static bool apart(const ehp_eval *ev, int p)
{
	return ehp_has_flag(ev, p, EHP_F_living_apart);
}

static ehp_tv offended(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_offence);
	return ehp_any(ev, 0, subject, &s, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static ehp_tv on_jsa(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_jsa_claim);
	return ehp_any(ev, 0, subject, &s, 1, ehp_window_at(ev, EHP_ENTRY));
}

static ehp_tv callouts(ehp_eval *ev, int subject)
{
	ehp_sel s = SEL(EHP_T_police_callout);
	return ehp_any(ev, 0, subject, &s, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static const ehp_member_limit themes_limit = {
	.most = 1, .indicators = false, .who = apart, .what = "themes met, counting at most 1 theme from each ...",
	.limit = "at most 1 theme from each member living apart"
};
static const ehp_member_limit indicators_limit = {
	.most = 1, .indicators = true, .who = apart, .what = "indicators met, counting at most 1 indicator from each ...",
	.limit = "at most 1 indicator from each member living apart"
};

static ehp_tv two_themes(ehp_eval *ev, int subject)
{
	(void)subject;
	return ehp_compare(ev, 0, ehp_met_limited(ev, &themes_limit), EHP_OP_GE, 2);
}

/* `indicators met >= 2 with at most 1 indicator ... and themes met >= 1`:
 * the limit decides only when the rest of the rule holds. */
static ehp_tv two_indicators(ehp_eval *ev, int subject)
{
	(void)subject;
	ehp_tv a = ehp_compare(ev, 0, ehp_met_limited(ev, &indicators_limit), EHP_OP_GE, 2);
	return ehp_and(a, ehp_compare(ev, 0, ehp_themes_met(ev), EHP_OP_GE, 1));
}

static const ehp_theme_def themes[] = {
	{ "crime", "Crime", "", "", 1 },
	{ "work", "Work", "", "", 2 },
};

static const ehp_indicator_def indicators[] = {
	{ .id = "1.1", .text = "offended", .period = "", .source = "", .line = 1, .theme = 0,
	  .scope = EHP_SCOPE_PERSON, .when = offended },
	{ .id = "1.2", .text = "callouts", .period = "", .source = "", .line = 2, .theme = 0,
	  .scope = EHP_SCOPE_HOUSEHOLD, .when = callouts },
	{ .id = "2.1", .text = "jsa", .period = "", .source = "", .line = 3, .theme = 1,
	  .scope = EHP_SCOPE_PERSON, .when = on_jsa },
};

static ehp_plan make_plan(ehp_cond_fn eligible)
{
	return (ehp_plan){ .name = "t", .title = "T", .council = "", .revised = "", .source = "", .file = "t.ehp",
		           .hash = "0", .themes = themes, .n_themes = 2, .indicators = indicators, .n_indicators = 3,
		           .outcomes = NULL, .n_outcomes = 0, .eligible = eligible };
}

/* A parent living apart who offended and claims JSA; a resident mother. */
static void apart_family(fixture *f, bool mum_offended, bool trace)
{
	fx_init(f, "15/03/2024", "15/09/2024", "15/06/2025");
	int mum = fx_person(f, "mum", "1985-01-01", 1u << EHP_F_parent);
	int dad = fx_person(f, "dad", "1983-01-01", (1u << EHP_F_parent) | (1u << EHP_F_living_apart));
	fx_record(f, dad, EHP_T_offence, "2023-06-01", NULL);
	fx_record(f, dad, EHP_T_jsa_claim, "2024-01-01", "open");
	if (mum_offended)
		fx_record(f, mum, EHP_T_offence, "2023-07-01", NULL);
	if (!trace)
		f->ev.trace = NULL;
	fx_ready(f);
}

static void test_family_limited(void **state)
{
	(void)state;
	for (int trace = 0; trace < 2; trace++) { /* the same reason with or without evidence */
		ehp_plan plan = make_plan(two_themes);
		fixture f;
		ehp_results res = { 0 };
		apart_family(&f, false, trace);
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_int_equal(res.themes_met, 2);
		assert_int_equal(res.eligible, EHP_FALSE);
		assert_string_equal(res.reason, "not eligible: 2 themes and 2 indicators met; 1 theme counted with at most 1 "
		                                "theme from each member living apart");
		if (trace) { /* the comparison's evidence names the limited figure */
			const ehp_evidence *e = &f.trace.items[res.elig_from];
			assert_string_equal(e->what, themes_limit.what);
			assert_true(e->measured == 1);
		}
		/* Mum offended too: crime is hers, work dad's. */
		fixture g;
		apart_family(&g, true, trace);
		ehp_evaluate_family(&plan, &g.ev, &res);
		assert_int_equal(res.eligible, EHP_TRUE);
		ehp_results_free(&res);
		fx_free(&f);
		fx_free(&g);
	}
}

/* A household indicator counts in full: callouts bring crime, dad brings work. */
static void test_household_counts_in_full(void **state)
{
	(void)state;
	ehp_plan plan = make_plan(two_themes);
	fixture f;
	ehp_results res = { 0 };
	apart_family(&f, false, true);
	f.fam.n_records = 0;
	fx_record(&f, 1, EHP_T_offence, "2023-06-01", NULL);
	fx_record(&f, 1, EHP_T_jsa_claim, "2024-01-01", "open");
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_police_callout, "2023-08-01", NULL);
	fx_ready(&f);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.eligible, EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

/* indicators met: dad's two rows count one, and the rest of the rule holds,
 * so the limit is what left the family ineligible. */
static void test_indicators_limited(void **state)
{
	(void)state;
	ehp_plan plan = make_plan(two_indicators);
	fixture f;
	ehp_results res = { 0 };
	apart_family(&f, false, true);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.eligible, EHP_FALSE);
	assert_string_equal(res.reason, "not eligible: 2 themes and 2 indicators met; 1 indicator counted with at most 1 "
	                                "indicator from each member living apart");
	/* Nobody in the group: the figure is the plain one. */
	fixture g;
	fx_init(&g, "15/03/2024", "15/09/2024", "15/06/2025");
	int mum = fx_person(&g, "mum", "1985-01-01", 0);
	fx_record(&g, mum, EHP_T_offence, "2023-06-01", NULL);
	fx_record(&g, mum, EHP_T_jsa_claim, "2024-01-01", "open");
	fx_ready(&g);
	ehp_evaluate_family(&plan, &g.ev, &res);
	assert_int_equal(res.eligible, EHP_TRUE);
	assert_null(res.limited);
	ehp_results_free(&res);
	fx_free(&f);
	fx_free(&g);
}

/* When the rest of the rule fails too, the limit is not what left the
 * family ineligible: the reason does not name it. */
static ehp_tv limited_and_never(ehp_eval *ev, int subject)
{
	return ehp_and(two_themes(ev, subject), EHP_FALSE);
}

static void test_limit_not_decisive(void **state)
{
	(void)state;
	ehp_plan plan = make_plan(limited_and_never);
	fixture f;
	ehp_results res = { 0 };
	apart_family(&f, false, true);
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.eligible, EHP_FALSE);
	assert_false(res.limit_decided);
	assert_string_equal(res.reason, "not eligible: 2 themes and 2 indicators met");
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_no_limited_member),
		cmocka_unit_test(test_one_member_two_themes),
		cmocka_unit_test(test_shared_theme_goes_to_the_other),
		cmocka_unit_test(test_augmenting_path),
		cmocka_unit_test(test_pairs_out_of_range_left_out),
		cmocka_unit_test(test_exact_against_brute_force),
		cmocka_unit_test(test_family_limited),
		cmocka_unit_test(test_household_counts_in_full),
		cmocka_unit_test(test_indicators_limited),
		cmocka_unit_test(test_limit_not_decisive),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
