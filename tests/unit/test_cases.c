/*
 * test_cases.c - the --check runner: case files read, families judged under
 * a plan, expectations checked, failures explained with their evidence, and
 * malformed case files reported as file:line errors (exit 2) instead of
 * being judged.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "cases.h"
#include "tiny_plan.h"

typedef struct {
	int rc;
	io_capture cap;
} run;

/* Runs one case file given as text under a plan; claim is the --as-of date
 * or NULL. */
static void run_cases(run *r, const ehp_plan *plan, const char *text, const char *claim, bool coverage)
{
	char *dir = io_tmpdir();
	char *path = io_write(dir, "t.cases", text, 0);
	double params[1] = { 12 };
	ehp_date as_of = claim ? ehp_date_parse(claim, strlen(claim)) : EHP_NO_DATE;
	const char *files[1] = { path };
	io_capture_begin(&r->cap);
	r->rc = ehp_run_cases(plan, files, 1, as_of, ehp_calendar_england(), params, coverage);
	io_capture_end(&r->cap);
	free(path);
	io_rmdir(dir);
}

static void check(run *r, const char *text, const char *claim)
{
	run_cases(r, &tiny_plan, text, claim, false);
}

static void done(run *r)
{
	io_capture_free(&r->cap);
}

static const char *GOOD =
	"# a comment line\n"
	"case \"Offence 11 months before entry, none after: meets 1.1, achieves 1a\"\n"
	"  family entry 15/03/2024 closed 15/09/2024 claim 2025-09-15\n"
	"  person kid born 01/06/2010\n"
	"  person mum born 1985-04-03 flags parent parenting_responsibility\n"
	"  record kid offence 20/04/2023   # inside the 12 months\n"
	"  record household eviction_notice 2023-01-01\n"
	"  record mum improvement_noted 2024-09-01 about crime by probation_officer\n"
	"  record kid attendance 2023-09-01 to 2023-12-20 value 150 total 180\n"
	"  expect kid meets 1.1\n"
	"  expect mum misses 1.1\n"
	"  expect kid achieves 1a\n"
	"  expect household misses 2.1\n"
	"  expect family eligible\n"
	"  expect family claimable\n"
	"  expect themes met 1\n"
	"\n"
	"case \"Offence a day outside the window\"\n"
	"  family entry 15/03/2024\n"
	"  person kid born 01/06/2010\n"
	"  record kid offence 15/03/2023\n"
	"  expect kid misses 1.1\n"
	"  expect family not eligible\n"
	"  expect kid does not achieve 1a\n";

static void test_passing_cases(void **state)
{
	(void)state;
	run r;
	check(&r, GOOD, "2025-09-15"); /* the second case takes its claim date from --as-of */
	assert_int_equal(r.rc, 0);
	assert_contains(r.cap.out, "2 cases, 10 expectations, 0 failed\n");
	assert_string_equal(r.cap.err, "");
	done(&r);
}

static void test_failure_explained(void **state)
{
	(void)state;
	run r;
	check(&r,
	      "case \"Old offence\"\n"
	      "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	      "  person kid born 01/06/2010\n"
	      "  record kid offence 15/03/2023\n"
	      "  expect kid meets 1.1\n"
	      "  expect family eligible\n"
	      "  expect themes met 1\n"
	      "  expect kid misses 1.1\n",
	      NULL);
	assert_int_equal(r.rc, 1);
	assert_contains(r.cap.out, "t.cases:5: case \"Old offence\": expected kid meets 1.1, but it was not met\n");
	/* the evidence of that verdict: plan line, subject, window, result */
	assert_contains(r.cap.out, "plan line 11, kid:");
	assert_contains(r.cap.out, "any offence between 16/03/2023 and 15/03/2024: none found, so not met");
	assert_contains(r.cap.out, "t.cases:6: case \"Old offence\": expected family eligible, but it was not met");
	assert_contains(r.cap.out, "t.cases:7: case \"Old offence\": expected themes met 1, but 0 were met");
	assert_not_contains(r.cap.out, "t.cases:8:");
	assert_contains(r.cap.out, "1 case, 4 expectations, 3 failed\n");
	done(&r);
}

static void test_incomplete_family(void **state)
{
	(void)state;
	run r;
	check(&r,
	      "case \"A rejected row makes a family unclaimable\"\n"
	      "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025 incomplete\n"
	      "  person kid born 01/06/2010\n"
	      "  record kid offence 20/04/2023\n"
	      "  expect kid achieves 1a\n"
	      "  expect family eligible\n"
	      "  expect family not claimable\n",
	      NULL);
	assert_int_equal(r.rc, 0);
	done(&r);
}

/* One malformed line: exit 2, `t.cases:LINE: message`, and the case is not
 * judged (so its expectations report nothing). */
static void expect_error(const char *body, int line, const char *message)
{
	char text[2048];
	snprintf(text, sizeof text,
	         "case \"Broken\"\n"                       /* 1 */
	         "  family entry 15/03/2024 claim 15/09/2025\n" /* 2 */
	         "  person kid born 01/06/2010\n"          /* 3 */
	         "%s\n"                                     /* 4 */
	         "  expect kid meets 1.1\n",               /* 5: would fail if judged */
	         body);
	run r;
	check(&r, text, NULL);
	assert_int_equal(r.rc, 2);
	char want[256];
	snprintf(want, sizeof want, "t.cases:%d: %s", line, message);
	assert_contains(r.cap.err, want);
	assert_not_contains(r.cap.out, "expected kid meets");
	assert_contains(r.cap.out, "errors in the case files");
	done(&r);
}

static void test_case_file_errors(void **state)
{
	(void)state;
	expect_error("  record nobody offence 01/01/2024", 4, "`nobody` is not a person of this case");
	expect_error("  record kid offense 01/01/2024", 4, "unknown record type `offense`");
	expect_error("  record kid offence 31/02/2024", 4, "`31/02/2024` is not a date");
	expect_error("  record kid offence 01/01/2024 to 2023-01-01", 4, "the end date is before");
	expect_error("  record kid offence 01/01/2024 value lots", 4, "`lots` is not a number");
	expect_error("  record kid offence 01/01/2024 value -1", 4, "`-1` is negative");
	expect_error("  record kid offence 01/01/2024 about crim", 4, "unknown detail `crim`");
	expect_error("  record kid offence 01/01/2024 colour red", 4, "unexpected `colour`");
	expect_error("  record kid offence", 4, "write `record WHO TYPE DATE`");
	expect_error("  expect kid meets 9.9", 4, "the plan has no indicator `9.9`");
	expect_error("  expect kid achieves 9z", 4, "the plan has no outcome `9z`");
	expect_error("  expect kid meets 2.1", 4, "indicator 2.1 is judged once for the household: write `expect household meets 2.1`");
	expect_error("  expect household meets 1.1", 4, "1.1 is judged for each member");
	expect_error("  expect nobody meets 1.1", 4, "`nobody` is not a person of this case");
	expect_error("  expect kid likes 1.1", 4, "write `expect WHO meets|misses ID`");
	expect_error("  expect themes met many", 4, "`many` is not a number of themes");
	expect_error("  person kid born 01/06/2011", 4, "`kid` is already a person");
	expect_error("  person mum born 1985-13-01", 4, "`1985-13-01` is not a date");
	expect_error("  person mum born 1985-01-01 flags parnet", 4, "unknown flag `parnet`");
	expect_error("  person baby born 2024-05-01", 4, "`baby` is born after the family's point of entry");
	expect_error("  family entry 15/03/2024", 4, "a second `family` line");
	expect_error("  flamily entry 15/03/2024", 4, "unknown statement `flamily`");
	expect_error("  record kid offence 01/01/2024 by \"unclosed", 4, "a quoted title is not closed");
	expect_error("  record kid improvement_noted 01/01/2024 about crime by probation", 4, "unknown role `probation`");
	expect_error("  set mnths 24", 4, "the plan has no parameter `mnths`");
	expect_error("  set months lots", 4, "`lots` is not a number");
	expect_error("  set months", 4, "write `set NAME VALUE`");
	expect_error("  expect kid exempt from 1.1", 4, "indicator 1.1 has no `exempt when`");
	expect_error("  expect household not exempt from 2.1", 4, "indicator 2.1 has no `exempt when`");
	expect_error("  expect kid does not achieve 2a", 4, "outcome 2a is judged once for the household: write `expect household does not achieve 2a`");
}

static void test_file_level_errors(void **state)
{
	(void)state;
	run r;
	check(&r, "person kid born 01/06/2010\n", NULL);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "t.cases:1: `person` before the first `case \"title\"`");
	done(&r);

	check(&r, "case \"No family\"\n  person kid born 01/06/2010\n", NULL);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "t.cases:1: case \"No family\" has no `family entry DATE` line");
	done(&r);

	check(&r, "case \"No claim date\"\n  family entry 15/03/2024\n", NULL);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "has no claim date");
	done(&r);

	check(&r, "case \"Bad entry\"\n  family entry 2024-02-30 claim 2025-01-01\n", NULL);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "t.cases:2: `2024-02-30` is not a date");
	done(&r);

	check(&r, "case \"Closed first\"\n  family entry 2024-02-01 closed 2024-01-01 claim 2025-01-01\n", NULL);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "t.cases:2: support is closed before the point of entry");
	done(&r);

	/* a missing file */
	const char *files[1] = { "/nonexistent/x.cases" };
	double params[1] = { 12 };
	io_capture_begin(&r.cap);
	r.rc = ehp_run_cases(&tiny_plan, files, 1, EHP_NO_DATE, ehp_calendar_england(), params, false);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "/nonexistent/x.cases: cannot read");
	done(&r);
}

/* A parameter overridden on the command line changes the verdict. */
static void test_parameters_used(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	char *path = io_write(dir, "p.cases",
	                      "case \"Offence 18 months before entry\"\n"
	                      "  family entry 15/03/2024 claim 15/09/2025\n"
	                      "  person kid born 01/06/2010\n"
	                      "  record kid offence 15/09/2022\n"
	                      "  expect kid meets 1.1\n",
	                      0);
	const char *files[1] = { path };
	double params[1] = { 24 };
	run r;
	io_capture_begin(&r.cap);
	r.rc = ehp_run_cases(&tiny_plan, files, 1, EHP_NO_DATE, ehp_calendar_england(), params, false);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 0);
	done(&r);
	params[0] = 12;
	io_capture_begin(&r.cap);
	r.rc = ehp_run_cases(&tiny_plan, files, 1, EHP_NO_DATE, ehp_calendar_england(), params, false);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 1);
	done(&r);
	free(path);

	/* `set` changes a parameter for its own case and no other. */
	path = io_write(dir, "p.cases",
	                "case \"Offence 18 months before entry, the window set to 24 months\"\n"
	                "  set months 24\n"
	                "  family entry 15/03/2024 claim 15/09/2025\n"
	                "  person kid born 01/06/2010\n"
	                "  record kid offence 15/09/2022\n"
	                "  expect kid meets 1.1\n"
	                "case \"The same family, the run's 12 months\"\n"
	                "  family entry 15/03/2024 claim 15/09/2025\n"
	                "  person kid born 01/06/2010\n"
	                "  record kid offence 15/09/2022\n"
	                "  expect kid misses 1.1\n",
	                0);
	files[0] = path;
	io_capture_begin(&r.cap);
	r.rc = ehp_run_cases(&tiny_plan, files, 1, EHP_NO_DATE, ehp_calendar_england(), params, false);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 0);
	assert_int_equal(params[0], 12); /* the run's own values are untouched */
	done(&r);
	free(path);
	io_rmdir(dir);
}

/* ---------------------------------------------------------------- --coverage */

static const char *COVERED =
	"case \"Offence before entry, none after closure: meets 1.1, achieves 1a, claimable\"\n"
	"  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	"  person kid born 01/06/2010\n"
	"  record kid offence 20/04/2023\n"
	"  record household eviction_notice 2023-06-01\n"
	"  expect kid meets 1.1\n"
	"  expect kid achieves 1a\n"
	"  expect household meets 2.1\n"
	"  expect household achieves 2a\n"
	"  expect family eligible\n"
	"  expect family claimable\n"
	"\n"
	"case \"Offence and eviction again after closure: no outcome, eligible but not claimable\"\n"
	"  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	"  person kid born 01/06/2010\n"
	"  record kid offence 20/04/2023\n"
	"  record kid offence 01/10/2024\n"
	"  record household eviction_notice 2023-06-01\n"
	"  record household eviction_notice 2024-10-01\n"
	"  expect kid does not achieve 1a\n"
	"  expect household does not achieve 2a\n"
	"  expect family not claimable\n"
	"\n"
	"case \"Offence and eviction notice a day outside the 12 months: misses both, not eligible\"\n"
	"  family entry 15/03/2024 claim 15/09/2025\n"
	"  person kid born 01/06/2010\n"
	"  record kid offence 15/03/2023\n"
	"  record household eviction_notice 15/03/2023\n"
	"  expect kid misses 1.1\n"
	"  expect household misses 2.1\n"
	"  expect family not eligible\n";

static void test_coverage_complete(void **state)
{
	(void)state;
	run r;
	run_cases(&r, &tiny_plan, COVERED, NULL, true);
	assert_int_equal(r.rc, 0);
	assert_contains(r.cap.out, "3 cases, 12 expectations, 0 failed\n"
	                           "coverage: 2 of 2 indicators met and missed, 2 of 2 outcomes achieved and not, "
	                           "2 of 2 family rules held and not\n");
	assert_not_contains(r.cap.out, "never shown");
	assert_not_contains(r.cap.out, "gap");
	done(&r);
}

static const char *ONLY_MET =
	"case \"Offence 11 months before entry: meets 1.1\"\n"
	"  family entry 15/03/2024 claim 15/09/2025\n"
	"  person kid born 01/06/2010\n"
	"  record kid offence 20/04/2023\n"
	"  expect kid meets 1.1\n"
	"  expect kid misses 1.1   # fails, so shows nothing\n";

static void test_coverage_gaps_listed(void **state)
{
	(void)state;
	run r;
	run_cases(&r, &tiny_plan, ONLY_MET, NULL, true);
	assert_int_equal(r.rc, 1);
	assert_contains(r.cap.out, "coverage: 0 of 2 indicators met and missed, 0 of 2 outcomes achieved and not, "
	                           "0 of 2 family rules held and not\n");
	/* each gap at its plan line, as the expectation that would fill it */
	assert_not_contains(r.cap.out, "indicator 1.1 is never shown met");
	assert_contains(r.cap.out, "tiny.ehp:11: indicator 1.1 is never shown missed: no passing `expect WHO misses 1.1`\n");
	assert_contains(r.cap.out, "tiny.ehp:21: indicator 2.1 is never shown met: no passing `expect household meets 2.1`\n");
	assert_contains(r.cap.out, "tiny.ehp:21: indicator 2.1 is never shown missed: no passing `expect household misses 2.1`\n");
	assert_contains(r.cap.out, "tiny.ehp:12: outcome 1a is never shown achieved: no passing `expect WHO achieves 1a`\n");
	assert_contains(r.cap.out, "tiny.ehp:12: outcome 1a is never shown not achieved: no passing `expect WHO does not achieve 1a`\n");
	assert_contains(r.cap.out, "tiny.ehp:22: outcome 2a is never shown achieved: no passing `expect household achieves 2a`\n");
	assert_contains(r.cap.out, "tiny.ehp: the family's eligibility rule is never shown held: no passing `expect family eligible`\n");
	assert_contains(r.cap.out, "tiny.ehp: the family's eligibility rule is never shown not held: no passing `expect family not eligible`\n");
	assert_contains(r.cap.out, "tiny.ehp: the family's claim rule is never shown held: no passing `expect family claimable`\n");
	assert_contains(r.cap.out, "tiny.ehp: the family's claim rule is never shown not held for an eligible family with "
	                           "complete data: no passing `expect family not claimable`\n");
	assert_contains(r.cap.out, "coverage: 11 gaps\n");
	done(&r);

	/* without --coverage the same file fails only on its failed expectation */
	run_cases(&r, &tiny_plan, ONLY_MET, NULL, false);
	assert_int_equal(r.rc, 1);
	assert_not_contains(r.cap.out, "coverage");
	done(&r);
}

/* The tiny plan with 1.1 for members aged 10 or over only. */
static bool aged_10_or_over(const ehp_eval *ev, int person)
{
	return ehp_age(ev, person) >= 10;
}

static ehp_indicator_def aged_indicators[2];
static ehp_plan aged_plan;

static const ehp_plan *plan_with_age_band(void)
{
	aged_indicators[0] = tiny_indicators[0];
	aged_indicators[0].who = aged_10_or_over;
	aged_indicators[1] = tiny_indicators[1];
	aged_plan = tiny_plan;
	aged_plan.indicators = aged_indicators;
	return &aged_plan;
}

/* A case file whose one passing "not" expectation does (or does not) count. */
static void expect_miss_counts(const ehp_plan *plan, const char *text, const char *gap, bool counts)
{
	run r;
	run_cases(&r, plan, text, NULL, true);
	assert_int_equal(r.rc, 1); /* the other rows are never shown */
	assert_contains(r.cap.out, " 0 failed\n");
	if (counts) {
		assert_not_contains(r.cap.out, gap);
	} else {
		char want[256];
		snprintf(want, sizeof want, "%s (1 passing one does not count: see \"What counts\" in docs/cases.md)\n", gap);
		assert_contains(r.cap.out, want);
	}
	done(&r);
}

static void test_coverage_what_counts(void **state)
{
	(void)state;
	const ehp_plan *aged = plan_with_age_band();
	const char *miss_11 = "indicator 1.1 is never shown missed: no passing `expect WHO misses 1.1`";
	/* outside the cohort by age alone: the condition holds, the band decides */
	expect_miss_counts(aged,
	                   "case \"A 9-year-old with an offence is below the band from 10: misses 1.1\"\n"
	                   "  family entry 15/03/2024 claim 15/09/2025\n"
	                   "  person kid born 16/03/2014\n"
	                   "  record kid offence 01/03/2024\n"
	                   "  expect kid misses 1.1\n",
	                   miss_11, true);
	/* outside the cohort and nothing on record: shows nothing about 1.1 */
	expect_miss_counts(aged,
	                   "case \"A 9-year-old with no offence\"\n"
	                   "  family entry 15/03/2024 claim 15/09/2025\n"
	                   "  person kid born 16/03/2014\n"
	                   "  expect kid misses 1.1\n",
	                   miss_11, false);
	const char *miss_1a = "outcome 1a is never shown not achieved: no passing `expect WHO does not achieve 1a`";
	/* not judged for 1a: the member never met 1.1 */
	expect_miss_counts(&tiny_plan,
	                   "case \"No offence at all, so 1a is not judged\"\n"
	                   "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	                   "  person kid born 01/06/2010\n"
	                   "  expect kid does not achieve 1a\n",
	                   miss_1a, false);
	/* judged, but cannot be judged yet: support has not closed */
	expect_miss_counts(&tiny_plan,
	                   "case \"Support still open: 1a cannot be judged\"\n"
	                   "  family entry 15/03/2024 claim 15/09/2025\n"
	                   "  person kid born 01/06/2010\n"
	                   "  record kid offence 20/04/2023\n"
	                   "  expect kid does not achieve 1a\n",
	                   miss_1a, false);
	/* judged and not met: counts */
	expect_miss_counts(&tiny_plan,
	                   "case \"Offence again after closure: does not achieve 1a\"\n"
	                   "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	                   "  person kid born 01/06/2010\n"
	                   "  record kid offence 20/04/2023\n"
	                   "  record kid offence 01/10/2024\n"
	                   "  expect kid does not achieve 1a\n",
	                   miss_1a, true);
	const char *not_claimable = "the family's claim rule is never shown not held for an eligible family with "
	                            "complete data: no passing `expect family not claimable`";
	/* not claimable only because it is not eligible */
	expect_miss_counts(&tiny_plan,
	                   "case \"Nothing met: not eligible, so not claimable\"\n"
	                   "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025\n"
	                   "  person kid born 01/06/2010\n"
	                   "  expect family not claimable\n",
	                   not_claimable, false);
	/* not claimable only because a data row was rejected */
	expect_miss_counts(&tiny_plan,
	                   "case \"Outcome achieved, but a row was rejected\"\n"
	                   "  family entry 15/03/2024 closed 15/09/2024 claim 15/09/2025 incomplete\n"
	                   "  person kid born 01/06/2010\n"
	                   "  record kid offence 20/04/2023\n"
	                   "  expect family not claimable\n",
	                   not_claimable, false);
}

/* A case with a mistake is not judged, so its expectations show nothing. */
static void test_coverage_ignores_unjudged_cases(void **state)
{
	(void)state;
	run r;
	run_cases(&r, &tiny_plan,
	          "case \"Broken\"\n"
	          "  family entry 15/03/2024 claim 15/09/2025\n"
	          "  person kid born 01/06/2010\n"
	          "  record kid offence 20/04/2023\n"
	          "  record kid offense 20/04/2023\n"
	          "  expect kid meets 1.1\n",
	          NULL, true);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.out, "indicator 1.1 is never shown met");
	done(&r);
}

/* `--coverage` through the case runner's command line, over several files. */
static void test_coverage_option(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	char *a = io_write(dir, "a.cases", COVERED, 0);
	char *b = io_write(dir, "b.cases", ONLY_MET, 0);
	char *argv[] = { "tiny", a, b, "--coverage", NULL };
	run r;
	io_capture_begin(&r.cap);
	r.rc = ehp_cases_main(&tiny_plan, 4, argv);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 1); /* b's failed expectation; coverage is complete across both */
	assert_contains(r.cap.out, "4 cases, 14 expectations, 1 failed\n"
	                           "coverage: 2 of 2 indicators met and missed");
	assert_not_contains(r.cap.out, "never shown");
	done(&r);

	char *alone[] = { "tiny", "--coverage", NULL };
	io_capture_begin(&r.cap);
	r.rc = ehp_cases_main(&tiny_plan, 2, alone);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "tiny: give at least one case file (try --help)");
	done(&r);

	/* The evaluator carries no case runner and says where it is. */
	char *check[] = { "tiny", "--check", a, NULL };
	io_capture_begin(&r.cap);
	r.rc = ehp_main(&tiny_plan, 3, check);
	io_capture_end(&r.cap);
	assert_int_equal(r.rc, 2);
	assert_contains(r.cap.err, "tiny: --check: example families are run by the plan's case runner, build/cases/tiny");
	done(&r);
	free(a);
	free(b);
	io_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_passing_cases),
		cmocka_unit_test(test_failure_explained),
		cmocka_unit_test(test_incomplete_family),
		cmocka_unit_test(test_case_file_errors),
		cmocka_unit_test(test_file_level_errors),
		cmocka_unit_test(test_parameters_used),
		cmocka_unit_test(test_coverage_complete),
		cmocka_unit_test(test_coverage_gaps_listed),
		cmocka_unit_test(test_coverage_what_counts),
		cmocka_unit_test(test_coverage_ignores_unjudged_cases),
		cmocka_unit_test(test_coverage_option),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
