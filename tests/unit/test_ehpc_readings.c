/*
 * test_ehpc_readings.c - readings (docs/language.md, "Readings"): each is
 * attached to what it follows and numbered in the order the documents list
 * them; and the figures the wording check reads in prose (compiler/wording.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front_helpers.h"
#include "wording.h"

static front *check(const char *text)
{
	return front_run("t.ehp", text, strlen(text), true);
}

static const reading *nth(const ptr_vec *v, int i)
{
	assert_true(i < v->n);
	return v->v[i];
}

/* Written out of document order (a theme's outcome before the plan's second
 * reading is impossible, but the family's readings come last in the file
 * and the second theme's rows after the first's): numbered as listed. */
static void test_attached_and_numbered(void **state)
{
	(void)state;
	front *r = check("plan \"T\"\n"
	                 "  reading \"of the plan\"\n"
	                 "  council \"C\"\n"
	                 "  reading \"of the plan, again\"\n"
	                 "theme crime \"Crime\"\n"
	                 "  \"Description\"\n"
	                 "  evidence \"Six months\"\n"
	                 "  reading \"of the theme\"\n"
	                 "indicator 1.1 \"x\"\n"
	                 "  reading \"of 1.1\"\n"
	                 "  when any offence in 12 months before entry\n"
	                 "outcome 1a \"y\"\n"
	                 "  for indicator 1.1\n"
	                 "  when no offence in 6 months after closure\n"
	                 "  reading \"of 1a\"\n"
	                 "family\n"
	                 "  eligible when themes met >= 1\n"
	                 "  reading \"of eligibility\"\n"
	                 "  claimable when every indicator met has an outcome achieved\n"
	                 "  reading \"of the claim\"\n");
	assert_int_equal(r->d.errors, 0);
	plan *p = r->p;
	assert_int_equal(p->readings.n, 2);
	assert_string_equal(nth(&p->readings, 1)->text, "of the plan, again");
	assert_int_equal(nth(&p->readings, 1)->target, READING_PLAN);
	assert_string_equal(p->council, "C");
	const theme *t = p->themes.v[0];
	assert_string_equal(t->evidence, "Six months");
	assert_int_equal(nth(&t->readings, 0)->target, READING_THEME);
	assert_ptr_equal(nth(&t->readings, 0)->theme, t);
	const row *ind = p->indicators.v[0], *out = p->outcomes.v[0];
	assert_int_equal(nth(&ind->readings, 0)->target, READING_INDICATOR);
	assert_ptr_equal(nth(&ind->readings, 0)->row, ind);
	assert_int_equal(nth(&out->readings, 0)->target, READING_OUTCOME);
	assert_ptr_equal(nth(&out->readings, 0)->row, out);
	assert_int_equal(nth(&p->eligible_readings, 0)->target, READING_ELIGIBLE);
	assert_int_equal(nth(&p->claimable_readings, 0)->target, READING_CLAIMABLE);
	/* where the reading's string is, for the wording check and messages */
	assert_int_equal(nth(&ind->readings, 0)->text_loc.line, 10);
	assert_int_equal(nth(&ind->readings, 0)->text_loc.col, 11);
	static const char *const order[] = { "of the plan", "of the plan, again", "of the theme", "of 1.1", "of 1a",
		                             "of eligibility", "of the claim" };
	assert_int_equal(p->all_readings.n, 7);
	for (int i = 0; i < 7; i++) {
		assert_string_equal(nth(&p->all_readings, i)->text, order[i]);
		assert_int_equal(nth(&p->all_readings, i)->number, i + 1);
	}
	front_done(r);
}

/* A reading the row explains its wording with silences the warning; the
 * same reading on the theme does not. */
static void test_reading_explains_its_own_row(void **state)
{
	(void)state;
	const char *row = "indicator 2.1 \"Attendance below 90%%\"\n"
	                  "  who child\n"
	                  "  %s\n"
	                  "  when rate attendance in 3 terms before entry < 85%%\n"
	                  "outcome 2a \"Attending\"\n"
	                  "  for indicator 2.1\n"
	                  "  when rate attendance in 3 terms after closure >= 85%%\n";
	char text[1024], rows[600];
	snprintf(rows, sizeof rows, row, "reading \"90 per cent in the table; the partnership agreed 85%\"");
	snprintf(text, sizeof text, "plan \"T\"\ntheme education \"E\"\n%s", rows);
	front *r = check(text);
	assert_int_equal(r->d.warnings, 0);
	front_done(r);

	snprintf(rows, sizeof rows, row, "source \"school census\"");
	snprintf(text, sizeof text, "plan \"T\"\ntheme education \"E\"\n  reading \"90%% is read as 85%%\"\n%s", rows);
	r = check(text);
	assert_int_equal(r->d.warnings, 1);
	assert_non_null(strstr(r->out, "t.ehp:4:"));
	assert_non_null(strstr(r->out, "indicator `2.1` says `90%` in its wording, but its rule uses 85%"));
	front_done(r);
}

static void expect_figures(const char *text, const char *want)
{
	char got[256] = "";
	size_t pos = 0, n = strlen(text), k = 0;
	figure f;
	static const char *const units[] = { [UNIT_PERCENT] = "%", [UNIT_DAYS] = "d", [UNIT_WEEKS] = "w",
		                             [UNIT_MONTHS] = "m", [UNIT_TERMS] = "t", [UNIT_SESSIONS] = "s",
		                             [UNIT_MONEY] = "GBP" };
	while (next_figure(text, n, &pos, &f) && k < sizeof got)
		k += (size_t)snprintf(got + k, sizeof got - k, "%s%g%s=%.*s", k ? " " : "", f.value, units[f.unit],
		                      (int)(f.end - f.start), text + f.start);
	assert_string_equal(got, want);
}

static void test_figures_in_prose(void **state)
{
	(void)state;
	expect_figures("Less than 90% attendance over 3 terms", "90%=90% 3t=3 terms");
	expect_figures("a rolling 6mth period, 12-month, six month period", "6m=6mth 12m=12-month 6m=six month");
	expect_figures("13 weeks consecutive; 26 out of last 30 weeks", "13w=13 weeks 30w=30 weeks");
	expect_figures("3 consecutive terms, 5 school days, 10 sessions", "3t=3 consecutive terms 5d=5 school days 10s=10 sessions");
	expect_figures("earning \xC2\xA3" "338 per month, 2.5 per cent", "338GBP=\xC2\xA3" "338 2.5%=2.5 per cent");
	/* not figures: ages, row ids, dates, a number inside a word or with no unit */
	expect_figures("(10 to 18yrs), rows 5.10-5.14, 24/03/2023, v2 months, at least 3 offences", "");
	/* a figure ends at a curly quote */
	expect_figures("\xE2\x80\x9C" "6 months\xE2\x80\x9D", "6m=6 months");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_attached_and_numbered),
		cmocka_unit_test(test_reading_explains_its_own_row),
		cmocka_unit_test(test_figures_in_prose),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
