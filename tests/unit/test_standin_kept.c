/*
 * test_standin_kept.c - with a trace, a stand-in class's evidence kept
 * across families by the dates ehpc says it reads (standin_trace.c):
 * judged once for each such date, again when the dates or the run's
 * settings differ, never kept for a class that reads anything else; and a
 * kept copy is what judging afresh leaves, its subject the stand-in of the
 * family it is copied into (one past that family's last member).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
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

/* Listed as reading something else too: never kept. */
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

static const ehp_plan plan = { .name = "kept", .themes = themes, .n_themes = 1, .indicators = rows,
	                       .n_indicators = 3, .n_standins = 3, .standin_reads = standin_reads };

/* A family of `members` members with no record of the rows' types, judged
 * with a trace (evidence shared); its verdicts in res, its trace in out. */
static void judge(ehp_results *res, ehp_trace *out, const char *entry, const char *closure, const char *claim,
                  int members)
{
	fixture f;
	fx_init(&f, entry, closure, claim);
	for (int p = 0; p < members; p++)
		fx_person(&f, p ? "kid" : "mum", "2010-06-01", 0);
	fx_ready(&f);
	f.ev.trace = out;
	out->n = 0;
	f.ev.share_evidence = true;
	ehp_evaluate_family(&plan, &f.ev, res);
	fx_free(&f);
}

static void test_once_a_date(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	ehp_trace t = { 0 };
	memset(asked, 0, sizeof asked);
	judge(&res, &t, "2024-03-15", "2024-09-01", "2025-03-15", 1);
	assert_int_equal(asked[0], 1);
	assert_int_equal(asked[1], 1);
	assert_int_equal(asked[2], 1);
	judge(&res, &t, "2024-03-15", "2024-10-01", "2025-03-15", 2); /* the same entry, another closure */
	assert_int_equal(asked[0], 1);
	assert_int_equal(asked[1], 2);
	assert_int_equal(asked[2], 2); /* reads something else: every family */
	judge(&res, &t, "2024-03-15", "2024-09-01", "2025-03-15", 1); /* the first family's dates again */
	assert_int_equal(asked[0], 1);
	assert_int_equal(asked[1], 2);
	assert_int_equal(asked[2], 3);
	judge(&res, &t, "2024-03-15", "2024-09-01", "2025-06-30", 1); /* another claim date: all forgotten */
	assert_int_equal(asked[0], 2);
	assert_int_equal(asked[1], 3);
	ehp_trace_free(&t);
	ehp_results_free(&res);
}

static void expect_same_items(const ehp_trace *a, const ehp_trace *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const ehp_evidence *x = &a->items[i], *y = &b->items[i];
		assert_int_equal(x->plan_line, y->plan_line);
		assert_int_equal(x->test, y->test);
		assert_int_equal(x->subject, y->subject);
		assert_ptr_equal(x->what, y->what);
		assert_int_equal(x->from, y->from);
		assert_int_equal(x->to, y->to);
		assert_memory_equal(&x->measured, &y->measured, sizeof x->measured);
		assert_memory_equal(&x->threshold, &y->threshold, sizeof x->threshold);
		assert_int_equal(x->op, y->op);
		assert_int_equal(x->result, y->result);
		assert_int_equal(x->kind, y->kind);
		assert_int_equal(x->per, y->per);
		assert_ptr_equal(x->reason, y->reason);
		assert_int_equal(x->n_lines, y->n_lines);
	}
}

/* A kept copy is the trace judging afresh leaves, whatever the size of
 * the family it goes to (the stand-in's subject is that family's). */
static void test_copy_as_judged(void **state)
{
	(void)state;
	ehp_trace fresh = { 0 }, copied = { 0 };
	for (int members = 1; members <= 3; members++) {
		ehp_results a = { 0 }, b = { 0 };
		judge(&a, &fresh, "2024-03-15", "2024-09-01", "2025-03-15", members); /* nothing kept yet */
		judge(&b, &copied, "2024-03-15", "2024-09-01", "2025-03-15", 4 - members); /* kept from a family */
		memset(asked, 0, sizeof asked);
		judge(&b, &copied, "2024-03-15", "2024-09-01", "2025-03-15", members); /* ... of another size */
		assert_int_equal(asked[0], 0);
		assert_int_equal(asked[1], 0);
		expect_same_items(&fresh, &copied);
		bool stand_in = false;
		for (size_t i = 0; i < copied.n; i++)
			stand_in |= copied.items[i].subject == members;
		assert_true(stand_in);
		ehp_results_free(&a);
		ehp_results_free(&b);
	}
	ehp_trace_free(&fresh);
	ehp_trace_free(&copied);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_once_a_date),
		cmocka_unit_test(test_copy_as_judged),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
