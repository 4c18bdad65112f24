/*
 * test_standin_memo.c - a stand-in class's verdict remembered across
 * families (standin_memo.c): worked out once for each of the family's
 * dates that ehpc says it reads (ehp_plan.standin_reads), again when those
 * dates, or the run's settings, differ; never remembered for a class that
 * reads anything else, nor with a trace; and always the verdict judging it
 * afresh gives.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"
#include "internal.h"

/* How many times each class's row was asked for the stand-in. */
static int asked[3];

static ehp_tv any_in(ehp_eval *ev, int row, int subject, int type, ehp_window w)
{
	if ((size_t)subject >= ev->fam->n_people)
		asked[row]++;
	ehp_sel sel = SEL(type);
	return ehp_any(ev, (uint32_t)row, subject, &sel, 1, w);
}

/* Reads the point of entry only. */
static ehp_tv offence_before_entry(ehp_eval *ev, int subject)
{
	return any_in(ev, 0, subject, EHP_T_offence, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

/* Reads the closure only. */
static ehp_tv offence_after_closure(ehp_eval *ev, int subject)
{
	return any_in(ev, 1, subject, EHP_T_offence, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

/* Listed as reading something else too: never remembered. */
static ehp_tv eviction_before_entry(ehp_eval *ev, int subject)
{
	return any_in(ev, 2, subject, EHP_T_eviction_notice, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static const uint64_t READS_OFFENCE[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };
static const uint64_t READS_EVICTION[EHP_TYPE_WORDS] = { [EHP_T_eviction_notice / 64] =
	                                                          UINT64_C(1) << (EHP_T_eviction_notice % 64) };

static const ehp_theme_def themes[] = { { .name = "crime", .title = "Crime", .text = "", .evidence = "", .line = 1 } };

static const ehp_indicator_def rows[] = {
	{ .id = "1", .text = "", .period = "", .source = "", .line = 2, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = offence_before_entry, .reads = READS_OFFENCE, .standin = 1 },
	{ .id = "2", .text = "", .period = "", .source = "", .line = 3, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = offence_after_closure, .reads = READS_OFFENCE, .standin = 2 },
	{ .id = "3", .text = "", .period = "", .source = "", .line = 4, .theme = 0, .scope = EHP_SCOPE_PERSON,
	  .when = eviction_before_entry, .reads = READS_EVICTION, .standin = 3 },
};

static const uint8_t standin_reads[] = { EHP_READS_ENTRY, EHP_READS_CLOSURE, EHP_READS_ENTRY | EHP_READS_OTHER };

static const ehp_plan plan = { .name = "memo", .themes = themes, .n_themes = 1, .indicators = rows,
	                       .n_indicators = 3, .n_standins = 3, .standin_reads = standin_reads };

/* Member 0's verdict of row i, or -1 when none is kept (not met). */
static int verdict(const ehp_results *res, int i)
{
	for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++)
		if (res->ind[v].subject == 0)
			return (int)res->ind[v].met;
	return -1;
}

/* One member with no record of the rows' types; entry or closure NULL:
 * none, so the windows from it are missing (the verdict cannot be judged). */
static void judge(ehp_results *res, const char *entry, const char *closure, bool traced)
{
	fixture f;
	fx_init(&f, entry, closure, "2025-03-15");
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_ready(&f);
	f.ev.trace = traced ? &f.trace : NULL;
	f.ev.share_evidence = true;
	ehp_evaluate_family(&plan, &f.ev, res);
	fx_free(&f);
}

static void test_once_a_date(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	memset(asked, 0, sizeof asked);
	judge(&res, "2024-03-15", "2024-09-01", false);
	assert_int_equal(asked[0], 1);
	assert_int_equal(asked[1], 1);
	assert_int_equal(asked[2], 1);
	judge(&res, "2024-03-15", "2024-10-01", false); /* the same entry, another closure */
	assert_int_equal(asked[0], 1);
	assert_int_equal(asked[1], 2);
	assert_int_equal(asked[2], 2); /* reads something else: every family */
	judge(&res, "2024-04-15", "2024-10-01", false); /* another entry, the same closure */
	assert_int_equal(asked[0], 2);
	assert_int_equal(asked[1], 2);
	judge(&res, "2024-03-15", "2024-09-01", false); /* the first family's dates again */
	assert_int_equal(asked[0], 2);
	assert_int_equal(asked[1], 2);
	assert_int_equal(asked[2], 4);
	ehp_results_free(&res);
}

/* A remembered verdict is the family's own: not met with a point of
 * entry, cannot be judged without one (then kept, as not FALSE). */
static void test_verdicts_of_the_dates(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	for (int round = 0; round < 2; round++) {
		memset(asked, 0, sizeof asked);
		judge(&res, "2024-03-15", NULL, false);
		assert_int_equal(verdict(&res, 0), -1);
		assert_int_equal(verdict(&res, 1), EHP_UNKNOWN); /* no closure */
		judge(&res, NULL, "2024-09-01", false);
		assert_int_equal(verdict(&res, 0), EHP_UNKNOWN); /* no point of entry */
		assert_int_equal(verdict(&res, 1), -1);
		assert_int_equal(asked[0], round ? 0 : 2); /* the second time round, all remembered */
		assert_int_equal(asked[1], round ? 0 : 2);
	}
	ehp_results_free(&res);
}

/* With a trace each family's classes leave their own evidence. */
static void test_not_with_a_trace(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	memset(asked, 0, sizeof asked);
	judge(&res, "2024-03-15", "2024-09-01", false);
	judge(&res, "2024-03-15", "2024-09-01", true);
	judge(&res, "2024-03-15", "2024-09-01", true);
	assert_int_equal(asked[0], 3);
	ehp_results_free(&res);
}

/* The run's settings changed (the claim date, here): all forgotten. */
static void test_forgotten_for_another_run(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	memset(asked, 0, sizeof asked);
	judge(&res, "2024-03-15", "2024-09-01", false);
	fixture f;
	fx_init(&f, "2024-03-15", "2024-09-01", "2025-06-30");
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_ready(&f);
	f.ev.trace = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	fx_free(&f);
	assert_int_equal(asked[0], 2);
	ehp_results_free(&res);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_a_date),
		cmocka_unit_test(test_verdicts_of_the_dates),
		cmocka_unit_test(test_not_with_a_trace),
		cmocka_unit_test(test_forgotten_for_another_run),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
