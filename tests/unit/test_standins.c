/*
 * test_standins.c - rows of one stand-in class (a row's .standin: their
 * `when` differs only in the subject's selections) have the verdict of a
 * member with none of their records judged once a family for the class
 * when no evidence is kept; with a trace each row leaves its own
 * evidence, the class's first row's copied once a row has been judged in
 * full beside it (standin_trace.c); the verdicts are those of judging every row, the
 * class's verdict is forgotten between families, and a row a member has
 * records for is still judged for them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"
#include "internal.h"

/* How many times each row's `when` was asked for the stand-in (a subject
 * past the last member). The test's own state. */
static int standin_asked[3];

static void count(const ehp_eval *ev, int row, int subject)
{
	if ((size_t)subject >= ev->fam->n_people)
		standin_asked[row]++;
}

static ehp_tv offence_before(ehp_eval *ev, int subject)
{
	count(ev, 0, subject);
	ehp_sel sel = SEL(EHP_T_offence);
	return ehp_any(ev, 0, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static ehp_tv eviction_before(ehp_eval *ev, int subject)
{
	count(ev, 1, subject);
	ehp_sel sel = SEL(EHP_T_eviction_notice);
	return ehp_any(ev, 1, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static ehp_tv no_offence_before(ehp_eval *ev, int subject)
{
	count(ev, 2, subject);
	ehp_sel sel = SEL(EHP_T_offence);
	return ehp_none(ev, 2, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static const uint64_t READS_OFFENCE[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };
static const uint64_t READS_EVICTION[EHP_TYPE_WORDS] = { [EHP_T_eviction_notice / 64] =
	                                                          UINT64_C(1) << (EHP_T_eviction_notice % 64) };

static const ehp_theme_def themes[] = { { .name = "crime", .title = "Crime", .text = "", .evidence = "", .line = 1 } };

/* Rows 1 and 2 are one class (any of a type in the same window), row 3 a
 * class of its own (none). */
static const ehp_indicator_def rows[] = {
	{ .id = "1", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = offence_before, .reads = READS_OFFENCE, .standin = 1 },
	{ .id = "2", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = eviction_before, .reads = READS_EVICTION, .standin = 1 },
	{ .id = "3", .text = "", .period = "", .source = "", .line = 4, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = no_offence_before, .reads = READS_OFFENCE, .standin = 2 },
};

static const ehp_plan plan = { .name = "standins", .themes = themes, .n_themes = 1, .indicators = rows,
	                       .n_indicators = 3, .n_standins = 2 };

/* Member p's verdict of row i, or -1 when none is kept. */
static int verdict(const ehp_results *res, int i, int p)
{
	for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++)
		if (res->ind[v].subject == p)
			return (int)res->ind[v].met;
	return -1;
}

/* Two members with no record of the rows' types; entry NULL: no point of
 * entry, so every window is missing. */
static void family(fixture *f, const char *entry)
{
	fx_init(f, entry, NULL, "2025-03-15");
	fx_person(f, "kid", "2010-06-01", 0);
	fx_person(f, "mum", "1985-04-03", 0);
	fx_ready(f);
}

static void judge(fixture *f, ehp_results *res, bool traced)
{
	f->ev.trace = traced ? &f->trace : NULL;
	f->ev.share_evidence = true;
	f->trace.n = 0;
	memset(standin_asked, 0, sizeof standin_asked);
	ehp_evaluate_family(&plan, &f->ev, res);
}

static void test_judged_once_a_class(void **state)
{
	(void)state;
	fixture f;
	family(&f, "2024-03-15");
	ehp_results res = { 0 };
	judge(&f, &res, false);
	assert_int_equal(standin_asked[0], 1);
	assert_int_equal(standin_asked[1], 0); /* row 2 took row 1's verdict */
	assert_int_equal(standin_asked[2], 1);
	for (int p = 0; p < 2; p++) {
		assert_int_equal(verdict(&res, 0, p), -1); /* not met: not kept */
		assert_int_equal(verdict(&res, 1, p), -1);
		assert_int_equal(verdict(&res, 2, p), EHP_TRUE);
	}
	ehp_results_free(&res);
	fx_free(&f);
}

/* The row a listed indicator's (ehp_nothing_row) is, or NULL when row i
 * is not listed. */
static bool listed(const ehp_results *res, const fixture *f, int i, struct ehp_nothing_row *r)
{
	return res->ind_start[i] == res->ind_start[i + 1] && ehp_nothing_row(res, f->fam.n_people, i, r);
}

/* With a trace the class's first row is not entered when its verdict is not
 * met: its members' verdict is the class's, on the class's evidence; row 2
 * judges its stand-in the first time and leaves its own evidence (to learn
 * where its tests stand beside the class's); row 3 (met) is judged. */
static void test_each_row_with_a_trace(void **state)
{
	(void)state;
	fixture f;
	family(&f, "2024-03-15");
	ehp_results res = { 0 };
	judge(&f, &res, true);
	for (int i = 0; i < 3; i++)
		assert_int_equal(standin_asked[i], 1);
	struct ehp_nothing_row r = { 0 };
	assert_true(listed(&res, &f, 0, &r));
	assert_true(r.who == 3); /* both members */
	assert_int_equal(f.trace.items[r.ev_from].result, EHP_FALSE);
	assert_int_equal(r.tests[0], f.trace.items[r.ev_from].test);
	for (int p = 0; p < 2; p++) {
		assert_int_equal(verdict(&res, 1, p), EHP_FALSE);
		assert_int_equal(verdict(&res, 2, p), EHP_TRUE);
	}
	const ehp_ind_verdict *row2 = &res.ind[res.ind_start[1]];
	assert_true(row2->ev_from >= r.ev_to && row2->ev_to > row2->ev_from); /* its own evidence, not row 1's */
	assert_string_equal(f.trace.items[row2->ev_from].what, ehp_types[EHP_T_eviction_notice].name);
	ehp_results_free(&res);
	fx_free(&f);
}

/* With a trace, once a row has been judged in full beside its class's
 * first row (what stands where is learned), it is not entered either when
 * its class's verdict is not met: its tests stand in place of the class's
 * (ehp_nothing_row). Entered for a member who has a record of its type,
 * another member's evidence for the stand-in is the first row's copied,
 * with its own test line and selection, and its verdict the class's: its
 * `when` is not asked again for the stand-in. */
static void test_copied_with_a_trace(void **state)
{
	(void)state;
	fixture a, b, c;
	family(&a, "2024-03-15");
	family(&b, NULL);
	fx_init(&c, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&c, "kid", "2010-06-01", 0);
	fx_person(&c, "mum", "1985-04-03", 0);
	fx_record(&c, kid, EHP_T_eviction_notice, "2023-10-01", NULL);
	fx_ready(&c);
	ehp_results res = { 0 };
	judge(&a, &res, true); /* learned */
	judge(&a, &res, true);
	assert_int_equal(standin_asked[0], 1);
	assert_int_equal(standin_asked[1], 0);
	assert_int_equal(standin_asked[2], 1);
	struct ehp_nothing_row r1 = { 0 }, r2 = { 0 };
	assert_true(listed(&res, &a, 0, &r1));
	assert_true(listed(&res, &a, 1, &r2));
	assert_true(r2.ev_from == r1.ev_from && r2.ev_to == r1.ev_to); /* the class's evidence */
	assert_int_equal(r1.tests[0], a.trace.items[r1.ev_from].test);
	assert_int_equal(r2.tests[0], EHP_NO_TEST); /* row 2's own: this plan has no table of tests */
	judge(&c, &res, true); /* row 2 entered: the kid's own, mum's the class's copied */
	assert_int_equal(standin_asked[1], 0);
	assert_int_equal(verdict(&res, 1, 0), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 1), EHP_FALSE);
	const ehp_ind_verdict *mum = &res.ind[res.ind_start[1] + 1];
	assert_true(listed(&res, &c, 0, &r1));
	assert_int_equal(mum->ev_to - mum->ev_from, r1.ev_to - r1.ev_from);
	assert_true(mum->ev_from >= r1.ev_to); /* its own range */
	const ehp_evidence *e1 = &c.trace.items[r1.ev_from], *e2 = &c.trace.items[mum->ev_from];
	assert_string_equal(e2->what, ehp_types[EHP_T_eviction_notice].name);
	assert_int_equal(e1->plan_line, 0);
	assert_int_equal(e2->plan_line, 1);
	assert_int_equal(e2->from, e1->from);
	assert_int_equal(e2->to, e1->to);
	assert_int_equal(e2->result, EHP_FALSE);
	judge(&b, &res, true); /* the next family's class evidence is its own: no window */
	assert_int_equal(standin_asked[1], 0);
	for (int p = 0; p < 2; p++)
		assert_int_equal(verdict(&res, 1, p), EHP_UNKNOWN);
	const ehp_ind_verdict *row2 = &res.ind[res.ind_start[1]];
	assert_string_equal(b.trace.items[row2->ev_from].reason, b.trace.items[res.ind[res.ind_start[0]].ev_from].reason);
	assert_int_equal(b.trace.items[row2->ev_from].plan_line, 1);
	ehp_results_free(&res);
	fx_free(&a);
	fx_free(&b);
	fx_free(&c);
}

/* The next family's class verdicts are its own: without a point of entry
 * the windows are missing and every row cannot be judged. */
static void test_forgotten_between_families(void **state)
{
	(void)state;
	fixture a, b;
	family(&a, "2024-03-15");
	family(&b, NULL);
	ehp_results res = { 0 };
	judge(&a, &res, false);
	judge(&b, &res, false);
	assert_int_equal(standin_asked[0], 1);
	assert_int_equal(standin_asked[1], 0);
	for (int i = 0; i < 3; i++)
		for (int p = 0; p < 2; p++)
			assert_int_equal(verdict(&res, i, p), EHP_UNKNOWN);
	judge(&a, &res, false);
	assert_int_equal(verdict(&res, 0, 0), -1);
	assert_int_equal(verdict(&res, 2, 0), EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&a);
	fx_free(&b);
}

/* A family with a record of row 1's type: rows 1 and 3 are judged member
 * by member (the offender on their own, the other member by the class's
 * verdict), row 2 is still not entered. */
static void test_a_member_with_records(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 0);
	fx_record(&f, kid, EHP_T_offence, "2023-10-01", NULL);
	fx_ready(&f);
	ehp_results res = { 0 };
	judge(&f, &res, false);
	assert_int_equal(standin_asked[0] + standin_asked[1], 1); /* class 1's verdict, for mum and row 2 */
	assert_int_equal(standin_asked[2], 1);
	assert_int_equal(verdict(&res, 0, 0), EHP_TRUE);
	assert_int_equal(verdict(&res, 0, 1), -1);
	assert_int_equal(verdict(&res, 1, 0), -1);
	assert_int_equal(verdict(&res, 1, 1), -1);
	assert_int_equal(verdict(&res, 2, 0), -1);
	assert_int_equal(verdict(&res, 2, 1), EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&f);
}

/* A household row of class 1 (ehpc gives one to a household or family row
 * judged from records alone): not entered in a family with no record of
 * its type, whatever the members have; entered, and met, when the record
 * is the household's own, though no member has one. */
static const ehp_indicator_def with_household[] = {
	{ .id = "1", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = offence_before, .reads = READS_OFFENCE, .standin = 1 },
	{ .id = "h", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_HOUSEHOLD,
	  .when = eviction_before, .reads = READS_EVICTION, .standin = 1 },
};

/* The tests the rows' calls pass (0 to 2), so their evidence names a test
 * as a generated plan's does. */
static const ehp_test_def tests_written[] = { { 2, 1, "any offence" }, { 3, 1, "any eviction notice" },
	                                      { 4, 1, "no offence" } };

static const ehp_plan household_plan = { .name = "standins", .themes = themes, .n_themes = 1,
	                                 .indicators = with_household, .n_indicators = 2, .n_standins = 1,
	                                 .tests = tests_written, .n_tests = 3 };

static void test_household_row_of_a_class(void **state)
{
	(void)state;
	fixture none, own;
	family(&none, "2024-03-15");
	fx_init(&own, "2024-03-15", NULL, "2025-03-15");
	fx_person(&own, "kid", "2010-06-01", 0);
	fx_record(&own, EHP_HOUSEHOLD, EHP_T_eviction_notice, "2023-10-01", NULL);
	fx_ready(&own);
	none.ev.trace = own.ev.trace = NULL; /* no evidence kept */
	ehp_results res = { 0 };
	memset(standin_asked, 0, sizeof standin_asked);
	ehp_evaluate_family(&household_plan, &none.ev, &res);
	assert_int_equal(standin_asked[0], 1); /* the class's verdict, once */
	assert_int_equal(standin_asked[1], 0); /* the household row not entered */
	assert_int_equal(res.ind_start[2] - res.ind_start[1], 0);
	ehp_evaluate_family(&household_plan, &own.ev, &res);
	assert_int_equal(verdict(&res, 1, EHP_HOUSEHOLD), EHP_TRUE);
	ehp_results_free(&res);
	fx_free(&none);
	fx_free(&own);
}

/* With a trace, the household row of a class is judged for the household
 * as it is written the first time, whichever of the class's rows comes
 * first, and listed unentered after, as the household's, never its
 * members' (the verdict is the household's). */
static const ehp_indicator_def household_first[] = {
	{ .id = "h", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_HOUSEHOLD,
	  .when = eviction_before, .reads = READS_EVICTION, .standin = 1 },
	{ .id = "1", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = offence_before, .reads = READS_OFFENCE, .standin = 1 },
};

static const ehp_plan household_first_plan = { .name = "standins", .themes = themes, .n_themes = 1,
	                                        .indicators = household_first, .n_indicators = 2, .n_standins = 1,
	                                        .tests = tests_written, .n_tests = 3 };

static void household_traced(const ehp_plan *p, int row)
{
	fixture none;
	family(&none, "2024-03-15");
	none.ev.trace = &none.trace;
	none.ev.share_evidence = true;
	ehp_results res = { 0 };
	for (int round = 0; round < 3; round++) { /* once to learn, then listed */
		none.trace.n = 0;
		ehp_evaluate_family(p, &none.ev, &res);
		struct ehp_nothing_row r = { 0 };
		size_t listed = 0;
		for (int i = 0; i < p->n_indicators; i++)
			if (res.ind_start[i] == res.ind_start[i + 1] && ehp_nothing_row(&res, none.fam.n_people, i, &r)) {
				assert_int_equal(r.indicator, i);
				/* the household row's verdict is the household's, never its members' */
				if (i == row)
					assert_true(r.who == (UINT64_C(1) << 63 | 1));
				else
					assert_true(r.who >> 63 == 0);
				listed++;
			}
		if (round == 0) { /* judged as written, its evidence learned */
			assert_int_equal(res.ind_start[row + 1] - res.ind_start[row], 1);
			assert_int_equal(verdict(&res, row, EHP_HOUSEHOLD), EHP_FALSE);
		} else { /* both rows listed, neither entered */
			assert_int_equal(listed, 2);
		}
	}
	ehp_results_free(&res);
	fx_free(&none);
}

static void test_household_row_of_a_class_traced(void **state)
{
	(void)state;
	household_traced(&household_plan, 1);
	household_traced(&household_first_plan, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_judged_once_a_class),
		cmocka_unit_test(test_each_row_with_a_trace),
		cmocka_unit_test(test_copied_with_a_trace),
		cmocka_unit_test(test_forgotten_between_families),
		cmocka_unit_test(test_a_member_with_records),
		cmocka_unit_test(test_household_row_of_a_class),
		cmocka_unit_test(test_household_row_of_a_class_traced),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
