/*
 * test_ehpc_sema.c - the checker: names resolve to the shared vocabulary
 * and to the plan's own rows, units agree, ids are unique, the "sema"
 * fields of the tree are filled, and each mistake gets its message.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "eval.h"
#include "front_helpers.h"

typedef front checked;

static checked *check(const char *text)
{
	checked *r = front_run("t.ehp", text, strlen(text), true);
	assert_non_null(r->p);
	return r;
}

#define done front_done

static void assert_says(const checked *r, const char *text)
{
	if (!strstr(r->out, text)) {
		print_error("expected diagnostics to contain:\n%s\ngot:\n%s\n", text, r->out);
		fail();
	}
}

#define HEAD "plan \"T\"\ntheme crime \"Crime\"\n"
#define SERVE_ALL "outcome z \"z\" for theme crime when no offence in 6 months after closure\n"

/* ------------------------------------------------------------ resolution */

static void test_resolves_vocabulary(void **state)
{
	(void)state;
	checked *r = check(HEAD
	                   "indicator 1 \"x\"\n"
	                   "  when any offence or police_callout about domestic in 12 months before entry\n"
	                   "   and person is primary_school and score caada_dash falls by claim\n" SERVE_ALL);
	assert_true(r->ok);
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->d.warnings, 0);
	cond *w = ((row *)r->p->indicators.v[0])->when;
	cond *any = w->a->a, *flag = w->a->b, *score = w->b;
	assert_int_equal(any->sel.types[0], EHP_T_offence);
	assert_int_equal(any->sel.types[1], EHP_T_police_callout);
	assert_int_equal(any->sel.details[0], EHP_D_domestic);
	assert_int_equal(flag->ref, EHP_F_primary_school);
	assert_int_equal(score->ref, EHP_D_caada_dash);
	done(r);
}

static void test_resolves_plan_names(void **state)
{
	(void)state;
	checked *r = check("plan \"T\"\n"
	                   "parameter callouts = 4 \"Average\"\n"
	                   "parameter threshold = 90% \"Attendance\"\n"
	                   "cohort young \"doc\" = person aged under 16\n"
	                   "cohort dependent_child \"doc\" = young or person aged 16 to 18 who is dependent\n"
	                   "theme crime \"Crime\"\n"
	                   "indicator 1.1 \"x\" who dependent_child\n"
	                   "  when count police_callout in 12 months before entry > callouts\n"
	                   "indicator 1.2 \"x\" who household when has eviction_threat at entry\n"
	                   "outcome 1a \"y\" for indicators 1.2, 1.1 when no offence in 6 months after closure\n"
	                   "theme education \"Education\"\n"
	                   "indicator 2.1 \"x\" when rate attendance in 3 terms before entry < threshold\n"
	                   "outcome 2a \"y\" for theme education when no offence in 6 months after closure\n"
	                   "family eligible when some member is dependent_child and some member is expectant_parent\n");
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->d.warnings, 0);
	plan *p = r->p;
	cohort_def *dc = p->cohorts.v[1];
	assert_int_equal(dc->def->a->kind, COH_NAMED);
	assert_int_equal(dc->def->a->ref, 0);
	assert_int_equal(dc->def->b->b->ref, EHP_F_dependent);
	row *i11 = p->indicators.v[0], *i21 = p->indicators.v[2];
	assert_int_equal(i11->index, 0);
	assert_int_equal(i21->index, 2);
	assert_int_equal(i21->theme, 1);
	assert_int_equal(i11->who->ref, 1);
	quantity q = i11->when->q;
	assert_int_equal(q.param_index, 0);
	assert_true(q.value == 4);
	assert_int_equal(q.unit, UNIT_NUMBER);
	q = i21->when->q;
	assert_int_equal(q.param_index, 1);
	assert_true(q.value == 90);
	assert_int_equal(q.unit, UNIT_PERCENT);
	assert_true(((param *)p->params.v[0])->used);
	row *o1 = p->outcomes.v[0], *o2 = p->outcomes.v[1];
	assert_int_equal(o1->index, 0);
	assert_int_equal(o1->n_serves, 2);
	assert_int_equal(o1->serves[0], 1);
	assert_int_equal(o1->serves[1], 0);
	assert_int_equal(o2->n_serves, 1);
	assert_int_equal(o2->serves[0], 2);
	/* a person flag reads as a cohort in `some member is` */
	cond *e = p->eligible;
	assert_int_equal(e->a->who->ref, 1);
	assert_int_equal(e->b->who->kind, COH_FLAG);
	assert_int_equal(e->b->who->ref, EHP_F_expectant_parent);
	done(r);
}

/* ------------------------------------------------------------ unknown names */

static void test_unknown_names_suggest(void **state)
{
	(void)state;
	checked *r = check(HEAD "indicator 1 \"x\" when any ofence in 12 months before entry\n"
	                   "  and any professional_concern about crim at entry and person is lld\n"
	                   "outcome 1a \"y\" for indicator 2 when no offence in 6 months after closure\n"
	                   "outcome 1b \"y\" for theme crim when no offence in 6 months after closure\n");
	assert_false(r->ok);
	assert_int_equal(r->d.errors, 5);
	assert_says(r, "t.ehp:3:26: error: unknown record type `ofence`\n");
	assert_says(r, "= hint: did you mean `offence`?\n");
	assert_says(r, "error: unknown detail `crim`\n");
	assert_says(r, "error: unknown person flag `lld`\n");
	assert_says(r, "t.ehp:5:30: error: unknown indicator `2`\n");
	assert_says(r, "error: unknown theme `crim`\n");
	assert_says(r, "did you mean `crime`?");
	done(r);
}

/* The data's authors are read leniently (`Key Worker`), but a plan names a
 * role exactly as the data dictionary writes it: the runtime compares the
 * plan's name with the data's, so `Key_Worker` would match nothing. */
static void test_roles_named_exactly(void **state)
{
	(void)state;
	checked *r = check(HEAD "indicator 1 \"x\" when any improvement_noted about crime by key_worker at entry\n" SERVE_ALL);
	assert_true(r->ok);
	done(r);
	r = check(HEAD "indicator 1 \"x\" when any improvement_noted about crime by Key_Worker at entry\n" SERVE_ALL);
	assert_false(r->ok);
	assert_says(r, "unknown role `Key_Worker`");
	done(r);
}

static void test_no_suggestion_for_distant_names(void **state)
{
	(void)state;
	checked *r = check(HEAD "indicator 1 \"x\" when any zebra at entry\n" SERVE_ALL);
	assert_int_equal(r->d.errors, 1);
	assert_says(r, "unknown record type `zebra`");
	assert_null(strstr(r->out, "did you mean"));
	done(r);
}

static void test_duplicates_point_at_first(void **state)
{
	(void)state;
	checked *r = check("plan \"T\"\nparameter a = 1 \"x\"\nparameter a = 2 \"y\"\n"
	                   HEAD "indicator 1 \"x\" when any offence at entry\n"
	                   "indicator 1 \"x\" when any arrest at entry\n" SERVE_ALL);
	assert_int_equal(r->d.errors, 2); /* the parameter and the indicator */
	assert_says(r, "t.ehp:3:11: error: parameter `a` is defined twice\n");
	assert_says(r, "t.ehp:2:11: note: the first `a` is here");
	assert_says(r, "t.ehp:7:11: error: indicator `1` is defined twice\n");
	assert_says(r, "t.ehp:6:11: note: the first `1` is here");
	done(r);
}

/* ------------------------------------------------------------ units */

static void test_units_must_agree(void **state)
{
	(void)state;
	static const struct { const char *cond; const char *message; } bad[] = {
		{ "count offence in 12 months before entry >= 30%", "a count is compared with a percentage here" },
		{ "rate attendance in 3 terms before entry < 90", "a rate (a percentage) is compared with a plain number here" },
		{ "sum fixed_term_exclusion in 3 terms before entry >= 10", "this sum is compared with a plain number here" },
		{ "sum earnings in 1 month before claim > 5 days", "this sum is compared with a number of days here" },
		{ "rate attendance in 3 terms before entry < 120%", "a percentage must be between 0% and 100%" },
		{ "count offence falls by at least 30 from 6 months before entry to 6 months after closure",
		  "a change is written as a percentage" },
		{ "count offence falls by at least 30 points from 6 months before entry to 6 months after closure",
		  "points measure a change in a rate" },
		{ "count offence falls by at least 33% from 12 months before entry to 6 months after closure",
		  "the two windows differ in length, so raw counts cannot be compared" },
		{ "count offence per term in 3 terms before entry > 1", "a rate per term cannot be measured" },
		{ "person aged 18 to 10", "this age band is backwards: write `aged 10 to 18`" },
		{ "any offence from 6 months after closure to 1 month before closure", "this window ends before it starts" },
		{ "themes met >= 2", "`themes met` can only be used in the family rules" },
	};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		char text[1024];
		snprintf(text, sizeof text, HEAD "indicator 1 \"x\" when %s\n" SERVE_ALL, bad[k].cond);
		checked *r = check(text);
		if (r->d.errors != 1)
			print_error("case %zu: %s\n%s", k, bad[k].cond, r->out);
		assert_int_equal(r->d.errors, 1);
		assert_says(r, bad[k].message);
		done(r);
	}
}

static void test_units_that_agree(void **state)
{
	(void)state;
	static const char *good[] = {
		"count offence in 12 months before entry >= 2",
		"rate attendance in 3 terms before entry < 90%",
		"sum fixed_term_exclusion in 3 terms before entry >= 10 days",
		"sum earnings in 1 month before claim > \302\243338",
		"sum attendance in 3 terms before entry > 100",
		"sum attendance in 3 terms before entry > 100 sessions",
		"count offence per month falls by at least 33% from 12 months before entry to 6 months after closure",
		"count offence falls by at least 50% from 6 months before entry to 6 months after closure",
		"rate attendance rises by at least 150% from 3 terms before entry to 3 terms after closure",
		"rate attendance rises by at least 40 points from 3 terms before entry to 3 terms after closure",
		"any offence from 12 months before entry to 6 months after closure",
	};
	for (size_t k = 0; k < sizeof good / sizeof *good; k++) {
		char text[1024];
		snprintf(text, sizeof text, HEAD "indicator 1 \"x\" when %s\n" SERVE_ALL, good[k]);
		checked *r = check(text);
		if (r->d.errors)
			print_error("case %zu: %s\n%s", k, good[k], r->out);
		assert_int_equal(r->d.errors, 0);
		done(r);
	}
}

static void test_parameter_unit_is_its_default(void **state)
{
	(void)state;
	checked *r = check("plan \"T\"\nparameter low = 90% \"x\"\n" HEAD
	                   "indicator 1 \"x\" when count offence in 12 months before entry > low\n" SERVE_ALL);
	assert_int_equal(r->d.errors, 1);
	assert_says(r, "a count cannot be compared with a percentage");
	done(r);
}

/* ------------------------------------------------------------ warnings */

static void test_warnings(void **state)
{
	(void)state;
	checked *r = check("plan \"T\"\nparameter spare = 3 \"x\"\n"
	                   "theme crime \"Crime\"\n"
	                   "indicator 1 \"x\" when any offence at entry\n"
	                   "indicator 2 \"x\" when any arrest at entry\n"
	                   "theme empty \"Nothing here\"\n"
	                   "theme safety \"Safety\"\n"
	                   "indicator 3 \"x\" when any missing_episode at entry\n"
	                   "outcome 3a \"y\" for indicators 3, 1 when no missing_episode in 6 months after closure\n");
	assert_true(r->ok);
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->d.warnings, 4);
	assert_says(r, "warning: outcome `3a` is in theme `safety` but serves indicator `1` of theme `crime`");
	assert_says(r, "t.ehp:5:11: warning: indicator `2` has no outcome");
	assert_says(r, "warning: theme `empty` has no indicators");
	assert_says(r, "t.ehp:2:11: warning: parameter `spare` is never used");
	done(r);
}

static void test_person_tests_need_a_person(void **state)
{
	(void)state;
	checked *r = check(HEAD "indicator 1 \"x\" who household when person is carer\n" SERVE_ALL);
	assert_int_equal(r->d.errors, 1);
	assert_says(r, "`person ...` tests a member, but this rule is about the household");
	done(r);
}

/* ------------------------------------------------------------ the real plan */

static void test_devon_plan_checks(void **state)
{
	(void)state;
	FILE *f = fopen("plans/devon.ehp", "rb");
	if (!f)
		skip(); /* run from the repository root */
	static char text[1 << 20];
	size_t n = fread(text, 1, sizeof text - 1, f);
	fclose(f);
	text[n] = '\0';
	checked *r = check(text);
	if (r->d.errors)
		print_error("%s", r->out);
	assert_int_equal(r->d.errors, 0);
	assert_true(r->p->indicators.n > 50);
	assert_true(r->p->outcomes.n > 30);
	assert_int_equal(r->p->themes.n, 6);
	for (int i = 0; i < r->p->outcomes.n; i++)
		assert_true(((row *)r->p->outcomes.v[i])->n_serves > 0);
	done(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resolves_vocabulary),
		cmocka_unit_test(test_resolves_plan_names),
		cmocka_unit_test(test_unknown_names_suggest),
		cmocka_unit_test(test_roles_named_exactly),
		cmocka_unit_test(test_no_suggestion_for_distant_names),
		cmocka_unit_test(test_duplicates_point_at_first),
		cmocka_unit_test(test_units_must_agree),
		cmocka_unit_test(test_units_that_agree),
		cmocka_unit_test(test_parameter_unit_is_its_default),
		cmocka_unit_test(test_warnings),
		cmocka_unit_test(test_person_tests_need_a_person),
		cmocka_unit_test(test_devon_plan_checks),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
