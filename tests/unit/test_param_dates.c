/*
 * test_param_dates.c - parameters whose value takes effect from a date
 * (semantics.md, "Values that change over time"): the value in effect on a
 * day, chosen by the claim date or the point of entry, overridden by a
 * value set for the run, and every value listed in the receipt.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "params.h"
#include "receipt.h"

static const ehp_param_step STEPS[] = { { 19814 /* 2024-04-01 */, 338 }, { 20179 /* 2025-04-01 */, 352 } };
static const ehp_param_def PARAMS[] = { { "earnings_single", "pounds", "doc", 338, 3 }, { "limit", "number", "doc", 4, 5 } };
static const ehp_param_dates BY_CLAIM[] = { { .param = 0, .steps = STEPS, .n_steps = 2, .chosen_at = EHP_CLAIM } };
static const ehp_param_dates BY_ENTRY[] = { { .param = 0, .steps = STEPS, .n_steps = 2, .chosen_at = EHP_ENTRY } };

static void test_param_on(void **state)
{
	(void)state;
	assert_true(ehp_param_on(BY_CLAIM, D("31/03/2025")) == 338);
	assert_true(ehp_param_on(BY_CLAIM, D("01/04/2025")) == 352); /* the day it takes effect */
	assert_true(ehp_param_on(BY_CLAIM, D("01/04/2024")) == 338);
	assert_true(ehp_param_on(BY_CLAIM, D("31/03/2024")) == 338); /* before the first date: the first value */
	assert_true(ehp_param_on(BY_CLAIM, EHP_NO_DATE) == 338);
}

static void test_param_chosen(void **state)
{
	(void)state;
	ehp_plan plan = { .name = "t", .params = PARAMS, .n_params = 2, .param_dates = BY_CLAIM, .n_param_dates = 1 };
	assert_ptr_equal(ehp_param_dated(&plan, 0), BY_CLAIM);
	assert_null(ehp_param_dated(&plan, 1));
	double *values = ehp_params_default(&plan);
	assert_true(isnan(values[0])); /* chosen by each family's date */
	assert_true(values[1] == 4);
	fixture f;
	fx_init(&f, "15/03/2025", NULL, "01/04/2025");
	fx_ready(&f);
	f.ev.plan = &plan;
	f.ev.params = values;
	assert_true(ehp_param(&f.ev, 0) == 352); /* the claim date's */
	assert_true(ehp_param(&f.ev, 1) == 4);
	plan.param_dates = BY_ENTRY;
	assert_true(ehp_param(&f.ev, 0) == 338); /* the entry's */
	assert_int_equal(ehp_set_param(&plan, values, "earnings_single=300"), 0);
	assert_true(ehp_param(&f.ev, 0) == 300); /* --set wins over every date */
	free(values);
	fx_free(&f);
}

static char *receipt_of(const ehp_plan *plan, const double *params)
{
	ehp_receipt r = { .plan = plan, .claim = D("01/04/2025"), .params = params };
	char *text;
	size_t len;
	FILE *m = open_memstream(&text, &len);
	assert_non_null(m);
	ehp_receipt_write(m, &r);
	fclose(m);
	return text;
}

static void test_param_receipt(void **state)
{
	(void)state;
	ehp_plan plan = { .name = "t", .title = "t", .file = "t.ehp", .hash = "0", .params = PARAMS, .n_params = 2,
	                  .param_dates = BY_CLAIM, .n_param_dates = 1 };
	double values[] = { NAN, 4 };
	char *text = receipt_of(&plan, values);
	assert_non_null(strstr(text, "  earnings_single                      352 pounds   (in effect on the claim date)\n"
	                             "    from 2024-04-01                    338 pounds\n"
	                             "    from 2025-04-01                    352 pounds\n"));
	free(text);
	plan.param_dates = BY_ENTRY;
	text = receipt_of(&plan, values);
	assert_non_null(strstr(text, "  earnings_single                      the value in effect at each family's point of entry\n"));
	free(text);
	values[0] = 300;
	text = receipt_of(&plan, values);
	assert_non_null(strstr(text, "  earnings_single                      300 pounds   (set for this run; the plan's values change with the date)\n"
	                             "    from 2024-04-01"));
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_param_on),
		cmocka_unit_test(test_param_chosen),
		cmocka_unit_test(test_param_receipt),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
