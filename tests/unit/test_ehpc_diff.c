/*
 * test_ehpc_diff.c - `ehpc diff` in memory: the plan comparison
 * (compiler/diff.c) gives the old plan back as it was, so its evaluator is
 * built with its own values; and the results comparison
 * (compiler/results_diff.c) on results.csv files no plan run on the
 * examples writes: formula-marked and hostile family ids, member ids
 * holding `;`, a row met by two members, files that do not match.
 * tests/diff/run.sh holds the goldens and the impact on a real extract.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "diff.h"
#include "front_helpers.h"
#include "results_diff.h"

#define PLAN(average) \
	"plan \"T\"\n" \
	"parameter average = " average " \"Average call-outs\"\n" \
	"theme crime \"Crime\"\n" \
	"indicator 1.1 \"Convicted\"\n  who child\n  when any offence in 12 months before entry\n" \
	"indicator 1.2 \"Call-outs above average\"\n  who household\n" \
	"  when count police_callout in 12 months before entry > average\n" \
	"outcome 1a \"No offending\"\n  for indicators 1.1, 1.2\n  when no offence in 6 months after closure\n"

static front *checked(const char *text)
{
	front *f = front_run("t.ehp", text, strlen(text), true);
	assert_non_null(f->p);
	assert_true(f->ok);
	return f;
}

/* diff_plans into a string (freed by the caller); the count in *n. */
static char *differences(plan *old, const plan *new, int *n)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	*n = diff_plans(old, new, m);
	assert_int_equal(fclose(m), 0);
	return buf;
}

static void test_parameter_reported_once_and_old_plan_kept(void **state)
{
	(void)state;
	front *a = checked(PLAN("4")), *b = checked(PLAN("6"));
	int n;
	char *out = differences(a->p, b->p, &n);
	assert_int_equal(n, 1);
	assert_string_equal(out, "parameter average: value changed (read by indicator 1.2)\n"
	                         "  was: 4\n"
	                         "  now: 6\n");
	/* The old plan as it was read: its evaluator is built from it next. */
	const param *pm = a->p->params.v[0];
	const row *r = a->p->indicators.v[1];
	assert_true(pm->value.value == 4);
	assert_true(r->when->q.value == 4);
	free(out);
	front_done(a);
	front_done(b);
}

/* results_diff on two results.csv texts under the PLAN("4") plan; its
 * report in a string (freed by the caller), its answer in *rc. */
static char *impact(const char *old_csv, const char *new_csv, int *rc)
{
	front *p = checked(PLAN("4"));
	FILE *old = fmemopen((void *)old_csv, strlen(old_csv), "r"), *new = fmemopen((void *)new_csv, strlen(new_csv), "r");
	assert_non_null(old);
	assert_non_null(new);
	char *buf = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	*rc = results_diff(old, "old", p->p, new, "new", p->p, "impact", m);
	assert_int_equal(fclose(m), 0);
	fclose(old);
	fclose(new);
	front_done(p);
	return buf;
}

#define HEADER "family_id,eligible,themes_met,themes,indicators_met,outcomes_achieved,claimable,reason,data_complete\n"

static void test_ids_unmarked_and_escaped(void **state)
{
	(void)state;
	int rc;
	char *out = impact(HEADER "'=SUM(A1),no,0,,,,no,x,yes\n"
	                          "F\033[2J,no,0,,,,no,x,yes\n",
	                   HEADER "'=SUM(A1),yes,1,crime,1.1:k,,no,x,yes\n"
	                          "F\033[2J,yes,1,crime,1.1:k,1a:k,yes,,yes\n",
	                   &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "impact: 2 families judged, 2 change\n"
	                         "  became eligible: 2 (=SUM(A1), F\\x1B[2J)\n"
	                         "  stopped being eligible: 0\n"
	                         "  claimable gained: 1 (F\\x1B[2J)\n"
	                         "  claimable lost: 0\n"
	                         "  indicator 1.1 newly met: 2 (=SUM(A1), F\\x1B[2J)\n"
	                         "  outcome 1a newly achieved: 1 (F\\x1B[2J)\n");
	free(out);
}

static void test_members_and_semicolons(void **state)
{
	(void)state;
	int rc;
	/* F1: 1.1 met by two members, then by none: one family, once. F2: the
	 * same row met by another member: no change of the family's. */
	char *out = impact(HEADER "F1,yes,1,crime,1.1:a;1.1:b,,no,x,yes\n"
	                          "F2,yes,1,crime,1.1:a,,no,x,yes\n",
	                   HEADER "F1,yes,1,crime,,,no,x,yes\n"
	                          "F2,yes,1,crime,1.1:b,,no,x,yes\n",
	                   &rc);
	assert_int_equal(rc, 0);
	assert_string_equal(out, "impact: 2 families judged, 1 change\n"
	                         "  became eligible: 0\n"
	                         "  stopped being eligible: 0\n"
	                         "  claimable gained: 0\n"
	                         "  claimable lost: 0\n"
	                         "  indicator 1.1 no longer met: 1 (F1)\n");
	free(out);
	/* A member id holding `;` (`a;zz:q`): the piece after the `;` is no row
	 * id of the plan, so it is part of the member's id, not a row met. */
	out = impact(HEADER "F1,yes,1,crime,1.1:a,,no,x,yes\n", HEADER "F1,yes,1,crime,1.1:a;zz:q,,no,x,yes\n", &rc);
	assert_int_equal(rc, 0);
	assert_null(strstr(out, "zz"));
	assert_non_null(strstr(out, "1 family judged, 0 change"));
	free(out);
}

static void test_files_that_do_not_match(void **state)
{
	(void)state;
	int rc;
	char *out = impact(HEADER "F1,no,0,,,,no,x,yes\n", HEADER "F2,no,0,,,,no,x,yes\n", &rc);
	assert_int_equal(rc, -1);
	free(out);
	out = impact(HEADER "F1,no,0,,,,no,x,yes\nF2,no,0,,,,no,x,yes\n", HEADER "F1,no,0,,,,no,x,yes\n", &rc);
	assert_int_equal(rc, -1);
	free(out);
	out = impact("family_id,eligible\nF1,no\n", HEADER "F1,no,0,,,,no,x,yes\n", &rc);
	assert_int_equal(rc, -1);
	free(out);
	out = impact(HEADER "F1,no,0\n", HEADER "F1,no,0,,,,no,x,yes\n", &rc);
	assert_int_equal(rc, -1);
	free(out);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parameter_reported_once_and_old_plan_kept),
		cmocka_unit_test(test_ids_unmarked_and_escaped),
		cmocka_unit_test(test_members_and_semicolons),
		cmocka_unit_test(test_files_that_do_not_match),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
