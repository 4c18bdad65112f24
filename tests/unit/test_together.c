/*
 * test_together.c - measures of a group taken together (semantics.md,
 * "A group taken together", together.c): the group's records pooled into
 * one figure, not each member's; other members' records left out; a group
 * with no member cannot be judged; the evidence names each member's records.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "words.h"

/* `child aged 5 to 15` */
static bool school_age(const ehp_eval *ev, int person)
{
	int age = ehp_age(ev, person);
	return age >= 5 && age <= 15;
}

static bool nobody(const ehp_eval *ev, int person)
{
	(void)ev, (void)person;
	return false;
}

static ehp_window W(const char *from, const char *to)
{
	return (ehp_window){ D(from), D(to), NULL, 0 };
}

/* Two children at 88% and 91.8% and mum at 0%: the children together are
 * 899 of 1000 sessions, 89.9%. */
static void two_children(fixture *f)
{
	fx_init(f, "15/03/2024", "15/09/2024", "15/01/2026");
	int ann = fx_person(f, "ann", "01/06/2011", 0);
	int ben = fx_person(f, "ben", "01/06/2014", 0);
	int mum = fx_person(f, "mum", "01/06/1984", 0);
	ehp_record *r = fx_record(f, ann, EHP_T_attendance, "04/09/2023", "15/12/2023");
	r->value = 440, r->total = 500;
	r = fx_record(f, ben, EHP_T_attendance, "04/09/2023", "15/12/2023");
	r->value = 459, r->total = 500;
	r = fx_record(f, mum, EHP_T_attendance, "04/09/2023", "15/12/2023");
	r->value = 0, r->total = 500;
	fx_record(f, ann, EHP_T_offence, "01/05/2023", NULL);
	fx_record(f, ann, EHP_T_offence, "01/06/2023", NULL);
	fx_record(f, ben, EHP_T_offence, "01/07/2023", NULL);
	fx_record(f, mum, EHP_T_offence, "01/08/2023", NULL);
	fx_record(f, ben, EHP_T_offence, "01/11/2024", NULL);
	fx_ready(f);
}

/* Item k of the trace in words, as --explain and the case runner put it. */
static void expect_words(const fixture *f, size_t k, const char *want)
{
	char *got = NULL;
	size_t len;
	FILE *m = open_memstream(&got, &len);
	assert_non_null(m);
	ehp_evidence_describe(m, NULL, NULL, &f->fam, &f->trace.items[k]);
	fclose(m);
	if (strcmp(got, want) != 0)
		fail_msg("expected\n  %s\ngot\n  %s", want, got);
	free(got);
}

static void test_together_pools_rate(void **state)
{
	(void)state;
	fixture f;
	two_children(&f);
	ehp_sel att = SEL(EHP_T_attendance);
	ehp_window autumn = W("01/09/2023", "31/12/2023");
	double m = ehp_measure_together(&f.ev, 1, EHP_M_RATE, school_age, &att, 1, autumn, -1);
	assert_true(fabs(m - 89.9) < 1e-9);
	assert_int_equal(ehp_compare(&f.ev, 1, m, EHP_OP_LT, 90), EHP_TRUE);
	/* One item per member of the group, naming their records, then the
	 * pooled figure's: mum (not of school age) is in neither. */
	assert_int_equal(f.trace.n, 3);
	const ehp_evidence *a = &f.trace.items[0], *b = &f.trace.items[1], *g = &f.trace.items[2];
	assert_int_equal(a->kind, EHP_K_GROUP);
	assert_int_equal(a->subject, 0);
	assert_int_equal(a->n_lines, 1);
	assert_int_equal(b->subject, 1);
	assert_int_equal(b->n_lines, 1);
	assert_false(ehp_cite_same(a->lines[0], b->lines[0]));
	assert_int_equal(g->subject, EHP_GROUP);
	assert_int_equal(g->kind, EHP_K_RATE);
	assert_int_equal(g->n_lines, 2);
	assert_int_equal(g->result, EHP_TRUE);
	assert_null(f.ev.group); /* put back */
	/* In words (--explain, the case runner): each member, then the group. */
	expect_words(&f, 0, "    plan line 1, ann: in the group taken together, their attendance between 01/09/2023 "
	                    "and 31/12/2023: 1 found (line 100)\n");
	expect_words(&f, 1, "    plan line 1, ben: in the group taken together, their attendance between 01/09/2023 "
	                    "and 31/12/2023: 1 found (line 101)\n");
	expect_words(&f, 2, "    plan line 1, the group taken together: rate of attendance between 01/09/2023 and "
	                    "31/12/2023: 89.9% from 2 records (lines 100, 101); the test needs less than 90%, so met\n");
	/* Each child's own rate differs: the younger is not below 90%. */
	double own = ehp_measure_in(&f.ev, 1, EHP_M_RATE, 1, &att, 1, autumn, -1);
	assert_int_equal(ehp_compare(&f.ev, 1, own, EHP_OP_LT, 90), EHP_FALSE);
	fx_free(&f);
}

/* The 12 months before entry and the 6 months after closure. */
static void year_and_half(fixture *f, ehp_window *before, ehp_window *after)
{
	*before = ehp_window_before(&f->ev, EHP_ENTRY, 12, EHP_MONTHS);
	*after = ehp_window_after(&f->ev, EHP_CLOSURE, 6, EHP_MONTHS);
}

static void test_together_count_and_change(void **state)
{
	(void)state;
	fixture f;
	two_children(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window before, after;
	year_and_half(&f, &before, &after);
	/* 3 by the children before entry; mum's is not theirs. */
	double n = ehp_measure_together(&f.ev, 1, EHP_M_COUNT, school_age, &off, 1, before, -1);
	assert_true(n == 3);
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_GE, 3), EHP_TRUE);
	/* 3 in 12 months (a quarter a month) to 1 in 6 (a sixth): a third fewer. */
	f.trace.n = 0;
	assert_int_equal(ehp_change_together(&f.ev, 2, EHP_M_COUNT, school_age, &off, 1, EHP_MONTHS, before, after,
	                                     EHP_FALLS, false, 33),
	                 EHP_TRUE);
	assert_int_equal(ehp_change_together(&f.ev, 2, EHP_M_COUNT, school_age, &off, 1, EHP_MONTHS, before, after,
	                                     EHP_FALLS, false, 34),
	                 EHP_FALSE);
	assert_int_equal(ehp_change_any_together(&f.ev, 2, EHP_M_COUNT, school_age, &off, 1, EHP_MONTHS, before, after,
	                                         EHP_FALLS),
	                 EHP_TRUE);
	/* A change's member items name the records in both windows. */
	const ehp_evidence *ben = &f.trace.items[1];
	assert_int_equal(ben->kind, EHP_K_GROUP);
	assert_int_equal(ben->subject, 1);
	assert_int_equal(ben->n_lines, 2);
	fx_free(&f);
}

/* No member in the group: nothing to measure, so cannot be judged (not
 * met), never a count of 0 that would meet `fewer than` or `falls`. */
static void test_together_empty_group(void **state)
{
	(void)state;
	fixture f;
	two_children(&f);
	ehp_sel off = SEL(EHP_T_offence);
	ehp_window before, after;
	year_and_half(&f, &before, &after);
	double n = ehp_measure_together(&f.ev, 1, EHP_M_COUNT, nobody, &off, 1, before, -1);
	assert_true(isnan(n));
	assert_int_equal(ehp_compare(&f.ev, 1, n, EHP_OP_LT, 1), EHP_UNKNOWN);
	assert_int_equal(f.trace.n, 1);
	assert_int_equal(fx_last(&f)->subject, EHP_GROUP);
	assert_string_equal(fx_last(&f)->reason, "no member is in the group");
	expect_words(&f, 0, "    plan line 1, the group taken together: count of offence: no member is in the group; "
	                    "the test needs less than 1, so cannot be judged\n");
	assert_int_equal(ehp_change_any_together(&f.ev, 2, EHP_M_COUNT, nobody, &off, 1, EHP_MONTHS, before, after,
	                                         EHP_FALLS),
	                 EHP_UNKNOWN);
	assert_string_equal(fx_last(&f)->reason, "no member is in the group");
	expect_words(&f, 1, "    plan line 2, the group taken together: change of offence: no member is in the group, "
	                    "so cannot be judged\n");
	fx_free(&f);
}

/* Without a trace the answers are the same and nothing is kept. */
static void test_together_no_trace(void **state)
{
	(void)state;
	fixture f;
	two_children(&f);
	f.ev.trace = NULL;
	ehp_sel att = SEL(EHP_T_attendance);
	double m = ehp_measure_together(&f.ev, 1, EHP_M_RATE, school_age, &att, 1, W("01/09/2023", "31/12/2023"), -1);
	assert_true(fabs(m - 89.9) < 1e-9);
	assert_int_equal(ehp_compare(&f.ev, 1, m, EHP_OP_LT, 90), EHP_TRUE);
	assert_int_equal(f.trace.n, 0);
	f.ev.trace = &f.trace;
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_together_pools_rate),
		cmocka_unit_test(test_together_count_and_change),
		cmocka_unit_test(test_together_empty_group),
		cmocka_unit_test(test_together_no_trace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
