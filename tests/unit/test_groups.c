/*
 * test_groups.c - a group's own condition (semantics.md, "Groups"):
 * `adult who has (no offence in 12 months before entry)` holds for a member
 * only when the condition is met (not when it cannot be judged), and leaves
 * no evidence in the row it narrows.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static const ehp_sel OFFENCE[] = { { EHP_T_offence, -1, NULL, false, NULL } };

/* `no offence in 12 months before entry` */
static ehp_tv no_offence_before(ehp_eval *ev, int subject)
{
	return ehp_none(ev, 1, subject, OFFENCE, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

/* `no offence in 6 months after closure`: cannot be judged while support is open */
static ehp_tv no_offence_after_closure(ehp_eval *ev, int subject)
{
	return ehp_none(ev, 2, subject, OFFENCE, 1, ehp_window_after(ev, EHP_CLOSURE, 6, EHP_MONTHS));
}

static void test_group_condition(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2025");
	int clean = fx_person(&f, "dad", "03/04/1983", 1u << EHP_F_parent);
	int offended = fx_person(&f, "mum", "03/04/1985", 1u << EHP_F_parent);
	fx_record(&f, offended, EHP_T_offence, "16/03/2023", NULL); /* the first day of the 12 months */
	fx_record(&f, clean, EHP_T_offence, "15/03/2023", NULL);    /* a day before them */
	fx_ready(&f);
	assert_true(ehp_member_holds(&f.ev, clean, no_offence_before));
	assert_false(ehp_member_holds(&f.ev, offended, no_offence_before));
	/* Cannot be judged (support open): not in the group. */
	assert_false(ehp_member_holds(&f.ev, clean, no_offence_after_closure));
	/* Membership leaves nothing in the trace, and the trace is back. */
	assert_int_equal(f.trace.n, 0);
	assert_ptr_equal(f.ev.trace, &f.trace);
	fx_free(&f);
}

/* Between a measure and its comparison (ehp_measure_in, then
 * ehp_compare), a group's test leaves the measure's state as it was. */
static void test_group_keeps_measure(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "15/03/2024", NULL, "15/03/2025");
	int kid = fx_person(&f, "kid", "01/06/2010", 0);
	fx_record(&f, kid, EHP_T_offence, "01/01/2024", NULL);
	fx_ready(&f);
	double m = ehp_measure_in(&f.ev, 3, EHP_M_COUNT, kid, OFFENCE, 1,
	                          ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS), -1);
	ehp_date to = f.ev.measured_to;
	size_t item = f.ev.measured_item;
	assert_false(ehp_member_holds(&f.ev, kid, no_offence_before));
	assert_int_equal(f.ev.measured_to, to);
	assert_int_equal(f.ev.measured_item, item);
	assert_int_equal(ehp_compare(&f.ev, 3, m, EHP_OP_GE, 1), EHP_TRUE);
	assert_int_equal(f.trace.n, 1);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_group_condition),
		cmocka_unit_test(test_group_keeps_measure),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
