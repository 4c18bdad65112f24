/*
 * test_words.c - evidence items in words (words.c): each kind of test says
 * which way it points and so its verdict; dates as the plan writes them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "tiny_plan.h"
#include "words.h"

/* An item of `kind` for member 0 of a one-member family, window from..to. */
static ehp_evidence item(ehp_test_kind kind, const char *what, const char *from, const char *to, ehp_tv result)
{
	return (ehp_evidence){ .plan_line = 7, .subject = 0, .what = what, .from = from ? D(from) : EHP_NO_DATE,
	                       .to = to ? D(to) : EHP_NO_DATE, .measured = NAN, .threshold = NAN, .result = result,
	                       .kind = (uint8_t)kind, .per = -1 };
}

/* The first n lines an item cites, all in records file 0. */
static void cite(ehp_evidence *e, const uint32_t *lines, int n)
{
	for (int k = 0; k < n && k < 4; k++)
		e->lines[k] = (ehp_cite){ .line = lines[k] };
}

/* files: the run's records files, when a mapped run names them; or NULL. */
static char *words_in(const ehp_evidence *e, const ehp_file_names *files)
{
	static ehp_person kid = { .id = "kid" };
	ehp_family fam = { .id = "F1", .people = &kid, .n_people = 1 };
	char *buf = NULL;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	ehp_evidence_describe(m, &tiny_plan, files, &fam, e);
	fclose(m);
	return buf;
}

static char *words(const ehp_evidence *e)
{
	return words_in(e, NULL);
}

static void expect(const ehp_evidence *e, const char *want)
{
	char *got = words(e);
	if (strcmp(got, want) != 0)
		fail_msg("expected\n  %s\ngot\n  %s", want, got);
	free(got);
}

static void test_presence_and_absence(void **state)
{
	(void)state;
	ehp_evidence e = item(EHP_K_NONE, "offence", "16/01/2025", "15/07/2025", EHP_TRUE);
	e.measured = 0;
	expect(&e, "    plan line 7, kid: no offence between 16/01/2025 and 15/07/2025: none found, so met\n");
	e.result = EHP_FALSE;
	e.n_lines = 6;
	cite(&e, (const uint32_t[]){ 20, 21, 22, 23 }, 4);
	expect(&e, "    plan line 7, kid: no offence between 16/01/2025 and 15/07/2025: 6 found "
	           "(lines 20, 21, 22, 23 and 2 more), so not met\n");
	e = item(EHP_K_NONE, "offence", "16/01/2025", "15/07/2025", EHP_UNKNOWN);
	e.reason = EHP_NOT_YET;
	expect(&e, "    plan line 7, kid: no offence between 16/01/2025 and 15/07/2025: none found so far, "
	           "so cannot be judged yet: the window ends after the claim date\n");
	e = item(EHP_K_ANY, "licence", "01/02/2024", "01/02/2024", EHP_FALSE);
	e.reason = "no record found";
	expect(&e, "    plan line 7, kid: any licence on 01/02/2024: none found, so not met\n");
	e = item(EHP_K_ANY, "licence", NULL, NULL, EHP_UNKNOWN);
	e.reason = "no point of entry";
	expect(&e, "    plan line 7, kid: any licence: no window (no point of entry), so cannot be judged\n");
	e = item(EHP_K_ANY, "child_in_need", "01/01/1900", "15/03/2024", EHP_TRUE);
	e.n_lines = 1;
	e.lines[0].line = 9;
	expect(&e, "    plan line 7, kid: any child_in_need at any time up to 15/03/2024: 1 found (line 9), so met\n");
}

static void test_measures(void **state)
{
	(void)state;
	ehp_evidence e = item(EHP_K_COUNT, "police_callout", "02/02/2023", "01/02/2024", EHP_TRUE);
	e.measured = 6, e.threshold = 4, e.op = EHP_OP_GT, e.n_lines = 6;
	cite(&e, (const uint32_t[]){ 20, 21, 22, 23 }, 4);
	expect(&e, "    plan line 7, kid: count of police_callout between 02/02/2023 and 01/02/2024: 6 found "
	           "(lines 20, 21, 22, 23 and 2 more); the test needs more than 4, so met\n");
	e = item(EHP_K_RATE, "attendance", "05/09/2022", "21/07/2023", EHP_TRUE);
	e.measured = 82.5, e.threshold = 90, e.op = EHP_OP_LT, e.n_lines = 1, e.lines[0].line = 5;
	expect(&e, "    plan line 7, kid: rate of attendance between 05/09/2022 and 21/07/2023: 82.5% from 1 record "
	           "(line 5); the test needs less than 90%, so met\n");
	/* One side of a change: its figure per month, the verdict said below. */
	e = item(EHP_K_COUNT, "offence", "02/09/2022", "01/09/2023", EHP_TRUE);
	e.measured = 3 / (365.0 / (365.25 / 12)), e.per = EHP_MONTHS, e.n_lines = 3;
	cite(&e, (const uint32_t[]){ 2, 3, 4 }, 3);
	expect(&e, "    plan line 7, kid: count of offence per month between 02/09/2022 and 01/09/2023: 3 found "
	           "(lines 2, 3, 4), 0.2502 per month; compared in the change below\n");
	e = item(EHP_K_CHANGE, "fall in percent", "02/09/2022", "30/09/2024", EHP_TRUE);
	e.measured = 100, e.threshold = 33, e.op = EHP_OP_GE;
	expect(&e, "    plan line 7, kid: fall in percent from the first window above to the second: 100%; "
	           "the test needs at least 33%, so met\n");
	e = item(EHP_K_SUM, "earnings", "01/05/2025", "31/05/2025", EHP_FALSE);
	e.measured = 300.5, e.threshold = 338, e.op = EHP_OP_GT, e.n_lines = 2;
	cite(&e, (const uint32_t[]){ 40, 41 }, 2);
	expect(&e, "    plan line 7, kid: total of earnings between 01/05/2025 and 31/05/2025: 300.5 from 2 records "
	           "(lines 40, 41); the test needs more than 338, so not met\n");
}

static void test_scores_rules_and_settings(void **state)
{
	(void)state;
	ehp_evidence e = item(EHP_K_SCORE, "family_star", "30/06/2025", "30/06/2025", EHP_TRUE);
	e.op = EHP_OP_GT, e.threshold = 22, e.measured = 31, e.n_lines = 2;
	cite(&e, (const uint32_t[]){ 56, 57 }, 2);
	expect(&e, "    plan line 7, kid: family_star score rises by 30/06/2025: first 22 (line 56), latest 31 (line 57), "
	           "so met\n");
	e = item(EHP_K_SCORE, "worry_scale", "30/06/2025", "30/06/2025", EHP_FALSE);
	e.op = EHP_OP_LT, e.reason = "fewer than two scores recorded";
	expect(&e, "    plan line 7, kid: worry_scale score falls by 30/06/2025: no score recorded, so not met\n");
	e = item(EHP_K_DATES, "date on or before", "15/09/2024", "15/09/2024", EHP_TRUE);
	e.subject = EHP_FAMILY;
	expect(&e, "    plan line 7, family: 15/09/2024 is on or before 15/09/2024, so met\n");
	e = item(EHP_K_SETTING, "continuous_employment_claim", NULL, NULL, EHP_FALSE);
	e.subject = EHP_FAMILY, e.measured = 0, e.threshold = 1, e.op = EHP_OP_EQ;
	expect(&e, "    plan line 7, family: the setting continuous_employment_claim is no; the test needs yes, "
	           "so not met\n");
	e = item(EHP_K_FIGURE, "themes met", NULL, NULL, EHP_FALSE);
	e.subject = EHP_FAMILY, e.measured = 1, e.threshold = 2, e.op = EHP_OP_GE;
	expect(&e, "    plan line 7, family: themes met: 1; the test needs at least 2, so not met\n");
	e = item(EHP_K_RULE, "some member", NULL, NULL, EHP_TRUE);
	e.subject = EHP_FAMILY, e.measured = 1;
	expect(&e, "    plan line 7, family: some member: it holds for 1 member, so met\n");
	e = item(EHP_K_RULE, "every indicator met has an outcome achieved", NULL, NULL, EHP_FALSE);
	e.subject = EHP_FAMILY, e.reason = "an indicator met has no outcome achieved";
	expect(&e, "    plan line 7, family: every indicator met has an outcome achieved, so not met "
	           "(an indicator met has no outcome achieved)\n");
	/* A test with no words of its own yet: its figures as they are. */
	e = item(EHP_K_OTHER, "distance", "01/01/2025", "31/01/2025", EHP_TRUE);
	e.measured = 3, e.threshold = 5, e.op = EHP_OP_LT;
	expect(&e, "    plan line 7, kid: distance between 01/01/2025 and 31/01/2025: 3; the test needs less than 5, so met\n");
}

/* A mapped run: each run of lines after the council's file it is in; a
 * name from the mapping reaches a terminal, so control bytes are escaped. */
static void test_council_files(void **state)
{
	(void)state;
	const char *names[] = { "Events.csv", "Police.csv", "bad\x1b[2J.csv" };
	const ehp_file_names files = { names, 3 };
	ehp_evidence e = item(EHP_K_COUNT, "offence", "02/02/2023", "01/02/2024", EHP_TRUE);
	e.measured = 6, e.threshold = 4, e.op = EHP_OP_GT, e.n_lines = 6;
	cite(&e, (const uint32_t[]){ 20, 21, 9, 23 }, 4);
	e.lines[2].file = e.lines[3].file = 1;
	char *got = words_in(&e, &files);
	assert_string_equal(got, "    plan line 7, kid: count of offence between 02/02/2023 and 01/02/2024: 6 found "
	                         "(Events.csv lines 20, 21; Police.csv lines 9, 23 and 2 more); the test needs more "
	                         "than 4, so met\n");
	free(got);
	e.n_lines = 2;
	e.lines[1].file = 2;
	got = words_in(&e, &files);
	assert_non_null(strstr(got, "2 found (Events.csv line 20; bad\\x1B[2J.csv line 21);"));
	free(got);
	/* A score's first and latest, each with its file. */
	e = item(EHP_K_SCORE, "family_star", "30/06/2025", "30/06/2025", EHP_TRUE);
	e.op = EHP_OP_GT, e.threshold = 22, e.measured = 31, e.n_lines = 2;
	cite(&e, (const uint32_t[]){ 56, 4 }, 2);
	e.lines[1].file = 1;
	got = words_in(&e, &files);
	assert_string_equal(got, "    plan line 7, kid: family_star score rises by 30/06/2025: first 22 (Events.csv line 56), "
	                         "latest 31 (Police.csv line 4), so met\n");
	free(got);
	/* Without names (records.csv, a case file): lines alone, as ever. */
	got = words(&e);
	assert_non_null(strstr(got, "first 22 (line 56), latest 31 (line 4)"));
	free(got);
}

static void test_plan_date(void **state)
{
	(void)state;
	char buf[11];
	ehp_plan plan = tiny_plan;
	plan.revised = "24/03/2023";
	ehp_plan_date(&plan, D("2025-06-30"), buf);
	assert_string_equal(buf, "30/06/2025");
	plan.revised = "2023-03-24";
	ehp_plan_date(&plan, D("2025-06-30"), buf);
	assert_string_equal(buf, "2025-06-30");
	plan.revised = NULL;
	ehp_plan_date(&plan, D("2025-06-30"), buf);
	assert_string_equal(buf, "30/06/2025");
	ehp_plan_date(&plan, EHP_NO_DATE, buf);
	assert_string_equal(buf, "-");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_presence_and_absence),
		cmocka_unit_test(test_measures),
		cmocka_unit_test(test_scores_rules_and_settings),
		cmocka_unit_test(test_council_files),
		cmocka_unit_test(test_plan_date),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
