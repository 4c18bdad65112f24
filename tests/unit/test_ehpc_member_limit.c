/*
 * test_ehpc_member_limit.c - a member limit (`themes met >= 2 with at most
 * 1 theme from each member who is living_apart`) through the front end:
 * what the parser keeps (the number, the noun, the group, where each is),
 * that an `or` after the group continues the rule, that the checker
 * resolves the group, and the limit in docwords' words.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>
#include "docwords.h"
#include "front_helpers.h"

static const char *PLAN = "plan \"p\"\n"
                          "cohort apart \"A parent living apart\" = adult who is parent who is living_apart\n"
                          "theme crime \"Crime\"\n"
                          "indicator 1 \"An offence\"\n"
                          "  when any offence in 12 months before entry\n"
                          "family\n"
                          "  eligible when themes met >= 2 with at most 1 theme from each member who is living_apart\n"
                          "    or indicators met >= 3 with at most 2 indicators from each apart\n";

static void test_parsed_and_checked(void **state)
{
	(void)state;
	front *r = front_run("p.ehp", PLAN, strlen(PLAN), true);
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->ok, 1); /* checked without an error */
	const cond *e = r->p->eligible;
	assert_int_equal(e->kind, COND_OR); /* the `or` joins two rules, not two groups */
	const member_limit *a = e->a->limit, *b = e->b->limit;
	assert_non_null(a);
	assert_non_null(b);
	assert_int_equal(e->a->measure, MEASURE_THEMES_MET);
	assert_int_equal(a->most, 1);
	assert_false(a->indicators);
	assert_int_equal(a->loc.line, 7);
	assert_int_equal(a->loc.col, 33); /* `with` */
	assert_int_equal(a->most_loc.col, 46);
	assert_int_equal(a->noun_loc.col, 48);
	assert_int_equal(a->who->kind, COH_AND);
	assert_int_equal(a->who->b->kind, COH_FLAG);
	assert_int_equal(b->most, 2);
	assert_true(b->indicators);
	assert_int_equal(b->who->kind, COH_NAMED);
	assert_int_equal(b->who->ref, 0); /* resolved to the cohort `apart` */
	char *words = words_member_limit(r->p, a);
	assert_string_equal(words, "at most 1 theme from each member flagged \"living apart\"");
	free(words);
	words = words_member_limit(r->p, b);
	assert_string_equal(words, "at most 2 indicators from each member of the group apart");
	free(words);
	words = words_cond(r->p, e->a);
	assert_string_equal(words, "the number of themes in which the family meets an indicator, counting at most 1 "
	                           "theme from each member flagged \"living apart\", is at least 2");
	free(words);
	front_done(r);
}

/* Without a limit the comparison has none. */
static void test_no_limit(void **state)
{
	(void)state;
	const char *text = "plan \"p\"\ntheme t \"T\"\nindicator 1 \"x\"\n  when any offence at entry\n"
	                   "family\n  eligible when themes met >= 1\n";
	front *r = front_run("p.ehp", text, strlen(text), true);
	assert_int_equal(r->d.errors, 0);
	assert_null(r->p->eligible->limit);
	front_done(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_parsed_and_checked),
		cmocka_unit_test(test_no_limit),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
