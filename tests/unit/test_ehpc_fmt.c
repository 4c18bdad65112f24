/*
 * test_ehpc_fmt.c - `ehpc fmt` in memory (compiler/fmt.c): small plans laid
 * out as docs/ehpc.md says, comments kept where they belong, the layout a
 * fixed point, and a plan with syntax errors refused with its diagnostics.
 * tests/fmt/run.sh holds the larger goldens and the command line.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "fmt.h"

/* fmt_plan on text; its diagnostics in *diags (freed by the caller). */
static char *layout(const char *text, char **diags)
{
	size_t dlen = 0, n = 0;
	char *d = NULL;
	FILE *f = open_memstream(&d, &dlen);
	assert_non_null(f);
	char *out = fmt_plan("t.ehp", text, strlen(text), &n, f);
	assert_int_equal(fclose(f), 0);
	if (out)
		assert_int_equal(strlen(out), n);
	if (diags)
		*diags = d;
	else
		free(d);
	return out;
}

/* text lays out as want, and want as itself. */
static void expect_layout(const char *text, const char *want)
{
	char *got = layout(text, NULL);
	assert_non_null(got);
	assert_string_equal(got, want);
	char *again = layout(got, NULL);
	assert_non_null(again);
	assert_string_equal(again, want);
	free(got);
	free(again);
}

#define HEAD "plan \"T\"\n\ntheme crime \"Crime\"\n\n"

static void test_clauses_on_their_own_lines(void **state)
{
	(void)state;
	expect_layout("plan \"T\" theme crime \"Crime\" indicator 1.1 \"x\" who adult period \"p\" "
	              "when count offence in 12 months before entry>=2\n",
	              HEAD "indicator 1.1 \"x\"\n"
	              "  who adult\n"
	              "  period \"p\"\n"
	              "  when count offence in 12 months before entry >= 2\n");
}

static void test_spacing(void **state)
{
	(void)state;
	expect_layout(HEAD "indicator 1.1 \"x\"\n"
	              "  when rate  attendance in 3 terms before entry <  90 % and\t( any offence in 12 months before entry )\n",
	              HEAD "indicator 1.1 \"x\"\n"
	              "  when rate attendance in 3 terms before entry < 90% and (any offence in 12 months before entry)\n");
}

static void test_continuation_lines(void **state)
{
	(void)state;
	/* `and` binds tighter than `or`: under the left side of its chain. */
	expect_layout(HEAD "indicator 1.1 \"x\"\n"
	              "  when any offence in 12 months before entry\n"
	              "or any arrest in 12 months before entry\n"
	              "and no licence at entry\n",
	              HEAD "indicator 1.1 \"x\"\n"
	              "  when any offence in 12 months before entry\n"
	              "    or any arrest in 12 months before entry\n"
	              "       and no licence at entry\n");
	/* A window on its own line: under its test. A selection continued:
	 * under its first record type. */
	expect_layout(HEAD "indicator 1.1 \"x\"\n"
	              "  when any offence\n or arrest\n in 12 months before entry\n",
	              HEAD "indicator 1.1 \"x\"\n"
	              "  when any offence\n"
	              "           or arrest\n"
	              "       in 12 months before entry\n");
}

static void test_comments_kept_where_they_belong(void **state)
{
	(void)state;
	expect_layout("# top\n\n\n" HEAD "indicator 1.1 \"x\"   # trailing   \n"
	              "# above the clause\n"
	              "  when any offence in 12 months before entry\n"
	              "\n   # the end\n",
	              "# top\n\n" HEAD "indicator 1.1 \"x\" # trailing\n"
	              "  # above the clause\n"
	              "  when any offence in 12 months before entry\n"
	              "\n# the end\n");
}

static void test_strings_byte_for_byte(void **state)
{
	(void)state;
	expect_layout("plan \"A \\\"quote\\\" \\\\ and # not a comment\n   second line\"\n",
	              "plan \"A \\\"quote\\\" \\\\ and # not a comment\n   second line\"\n");
}

static void test_syntax_errors_refused(void **state)
{
	(void)state;
	char *diags = NULL;
	char *out = layout(HEAD "indicator 1.1 \"x\" when any offence in 12 months before entry;\n", &diags);
	assert_null(out);
	assert_non_null(strstr(diags, "t.ehp:5:"));
	assert_non_null(strstr(diags, "error: unexpected character `;`"));
	assert_non_null(strstr(diags, "not formatted"));
	free(diags);
}

static void test_empty_and_comment_only(void **state)
{
	(void)state;
	expect_layout("", "");
	expect_layout("\n\n  # only a comment\n\n", "# only a comment\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_clauses_on_their_own_lines),
		cmocka_unit_test(test_spacing),
		cmocka_unit_test(test_continuation_lines),
		cmocka_unit_test(test_comments_kept_where_they_belong),
		cmocka_unit_test(test_strings_byte_for_byte),
		cmocka_unit_test(test_syntax_errors_refused),
		cmocka_unit_test(test_empty_and_comment_only),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
