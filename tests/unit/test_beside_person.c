/*
 * test_beside_person.c - a row reading its member's flags beside their
 * records (ehp_indicator_def.nothing): without a trace, a member with none
 * of its records gets the verdict of its `nothing` function (the flags
 * unknown), worked out once a family, where that verdict is the same
 * whatever the flags; where the flags decide it (EHP_UNKNOWN), and for a
 * member with records, the row's own function judges them; with a trace,
 * every member is judged by the row's own. The verdicts are always those
 * of judging every member.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"
#include "internal.h"

static int when_asked, nothing_asked; /* the test's own state */

static ehp_tv offence_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = SEL(EHP_T_offence);
	return ehp_any(ev, 0, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

/* `person is lldd and any offence ...`, and its `nothing`. */
static ehp_tv lldd_and_offence(ehp_eval *ev, int subject)
{
	when_asked++;
	return ehp_and(ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_lldd)), offence_before(ev, subject));
}

static ehp_tv nothing_and(ehp_eval *ev, int subject)
{
	nothing_asked++;
	return ehp_and(EHP_UNKNOWN, offence_before(ev, subject));
}

/* `person is lldd or any offence ...`: for a member with no offence, the
 * flag decides. */
static ehp_tv lldd_or_offence(ehp_eval *ev, int subject)
{
	when_asked++;
	return ehp_or(ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_lldd)), offence_before(ev, subject));
}

static ehp_tv nothing_or(ehp_eval *ev, int subject)
{
	nothing_asked++;
	return ehp_or(EHP_UNKNOWN, offence_before(ev, subject));
}

static const uint64_t READS_OFFENCE[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };

static const ehp_theme_def themes[] = { { .name = "crime", .title = "Crime", .text = "", .evidence = "", .line = 1 } };

static const ehp_indicator_def rows[] = {
	{ .id = "and", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = lldd_and_offence, .nothing = nothing_and, .nothing_reads = READS_OFFENCE, .nothing_standin = 1 },
	{ .id = "or", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = lldd_or_offence, .nothing = nothing_or, .nothing_reads = READS_OFFENCE, .nothing_standin = 2 },
};

static const uint8_t standin_reads[] = { EHP_READS_ENTRY, EHP_READS_ENTRY };

static const ehp_plan plan = { .name = "beside", .themes = themes, .n_themes = 1, .indicators = rows,
	                       .n_indicators = 2, .n_standins = 2, .standin_reads = standin_reads };

/* Member p's verdict of row i, or -1 when none is kept. */
static int verdict(const ehp_results *res, int i, int p)
{
	for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++)
		if (res->ind[v].subject == p)
			return (int)res->ind[v].met;
	return -1;
}

#define LLDD (1u << EHP_F_lldd)

/* Four members: flagged with an offence, an offence only, flagged only,
 * neither. */
static void judge(fixture *f, ehp_results *res, bool traced)
{
	fx_init(f, "2024-03-15", NULL, "2025-03-15");
	int both = fx_person(f, "both", "2000-01-01", LLDD);
	int offence = fx_person(f, "offence", "2001-01-01", 0);
	fx_person(f, "flag", "2002-01-01", LLDD);
	fx_person(f, "neither", "2003-01-01", 0);
	fx_record(f, both, EHP_T_offence, "2023-10-01", NULL);
	fx_record(f, offence, EHP_T_offence, "2023-11-01", NULL);
	fx_ready(f);
	f->ev.trace = traced ? &f->trace : NULL;
	f->ev.share_evidence = true;
	when_asked = nothing_asked = 0;
	ehp_evaluate_family(&plan, &f->ev, res);
}

static void test_nothing_whatever_the_flags(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	judge(&f, &res, false);
	/* and: the members with no offence get `nothing`'s not met, unasked */
	assert_int_equal(verdict(&res, 0, 0), EHP_TRUE);
	assert_int_equal(verdict(&res, 0, 1), -1);
	assert_int_equal(verdict(&res, 0, 2), -1);
	assert_int_equal(verdict(&res, 0, 3), -1);
	/* or: the flag decides for those with no offence, so each is judged */
	assert_int_equal(verdict(&res, 1, 0), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 1), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 2), EHP_TRUE);
	assert_int_equal(verdict(&res, 1, 3), -1);
	assert_int_equal(nothing_asked, 2); /* once a row's class and family */
	assert_int_equal(when_asked, 2 + 4);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_every_member_with_a_trace(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	judge(&f, &res, true);
	int want[2][4] = { { EHP_TRUE, EHP_FALSE, EHP_FALSE, EHP_FALSE }, { EHP_TRUE, EHP_TRUE, EHP_TRUE, EHP_FALSE } };
	for (int i = 0; i < 2; i++)
		for (int p = 0; p < 4; p++)
			assert_int_equal(verdict(&res, i, p), want[i][p]);
	assert_int_equal(nothing_asked, 0);
	assert_int_equal(when_asked, 8);
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_nothing_whatever_the_flags),
		cmocka_unit_test(test_every_member_with_a_trace),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
