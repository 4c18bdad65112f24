/*
 * test_explain.c - one family explained in words (explain.c): its dates and
 * verdicts, the indicators it met and the outcomes judged with the evidence
 * of each, the family rules; members by id and records by line only.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "tiny_plan.h"
#include "explain.h"

/* files: a mapped run's council files of each kind (three), or NULL. */
static char *explain_mapped(const ehp_plan *plan, const ehp_file_names *files, fixture *f, ehp_results *res)
{
	char *buf;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	ehp_explain_family(m, plan, files, &f->ev, res, f->ev.trace);
	fclose(m);
	return buf;
}

static char *explain_under(const ehp_plan *plan, fixture *f, ehp_results *res)
{
	return explain_mapped(plan, NULL, f, res);
}

static char *explain(fixture *f, ehp_results *res)
{
	return explain_under(&tiny_plan, f, res);
}

static void assert_has(const char *text, const char *want)
{
	if (!strstr(text, want))
		fail_msg("expected to find\n  %s\nin\n%s", want, text);
}

static const double PARAMS[] = { 12 };

/* Family `family` whose child `kid` offended before entry (line 100: meets
 * 1.1) and after closure (line 101: 1a not achieved); more members may be
 * added before fx_ready. */
static void offender(fixture *f, const char *family, const char *kid)
{
	fx_init(f, "15/03/2024", "15/09/2024", "15/03/2025");
	f->fam.id = family;
	int k = fx_person(f, kid, "2010-06-01", 0);
	fx_record(f, k, EHP_T_offence, "20/04/2023", NULL);
	fx_record(f, k, EHP_T_offence, "01/10/2024", NULL);
	f->ev.params = PARAMS;
}

static void test_explain_family(void **state)
{
	(void)state;
	fixture f;
	offender(&f, "F7", "kid");
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	fx_ready(&f);
	ehp_results res = { 0 };
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	char *text = explain(&f, &res);
	assert_has(text, "Family F7 under Tiny plan, \"for tests\", claim date 15/03/2025\n");
	assert_has(text, "  point of entry   15/03/2024\n");
	assert_has(text, "  support closed   15/09/2024\n");
	assert_has(text, "  members          2: kid, mum\n");
	assert_has(text, "  data             complete: no row of this family was rejected\n");
	assert_has(text, "  eligible         yes\n");
	assert_has(text, "  claimable        no: claim rule not met: 1.1 for kid has no outcome achieved\n");
	assert_has(text, "  1.1 for kid (crime; plan line 11): Offended, recently\n");
	assert_has(text, "    plan line 11, kid: any offence between 16/03/2023 and 15/03/2024: 1 found (line 100), so met\n");
	assert_has(text, "  1a for kid (plan line 12): not achieved: No offence\n");
	assert_has(text, "    plan line 12, kid: no offence between 16/09/2024 and 15/03/2025: 1 found (line 101), so not met\n");
	assert_has(text, "(2 other indicator verdicts were not met");
	assert_has(text, "Whole family");
	free(text);

	/* Without evidence kept: the verdicts alone, still in words. */
	f.ev.trace = NULL;
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	text = explain(&f, &res);
	assert_has(text, "  1.1 for kid (crime; plan line 11): Offended, recently\n");
	assert_null(strstr(text, "found"));
	free(text);

	/* Support still open, nothing met. */
	fixture g;
	fx_init(&g, "15/03/2024", NULL, "15/03/2025");
	g.fam.id = "F8";
	fx_person(&g, "kid", "2010-06-01", 0);
	fx_ready(&g);
	g.ev.params = PARAMS;
	ehp_evaluate_family(&tiny_plan, &g.ev, &res);
	text = explain(&g, &res);
	assert_has(text, "  support closed   still open\n");
	assert_has(text, "  eligible         no\n");
	assert_has(text, "  none (of 2 indicator verdicts; --evidence lists them all)\n");
	assert_has(text, "  none: no need was met that an outcome serves");
	assert_has(text, "  claim rule: not judged (not eligible)");
	free(text);
	ehp_results_free(&res);
	fx_free(&f);
	fx_free(&g);
}

/* Ids come from the data: control bytes in them (an escape sequence, a bell,
 * a line break that would fake a line of output) reach the terminal as
 * \xNN, in the family's heading, the verdicts, the evidence and the reason. */
static void test_explain_escapes_ids(void **state)
{
	(void)state;
	fixture f;
	offender(&f, "F\x1b[2J\x7f", "k\x07\nid\xc2\x9b");
	fx_ready(&f);
	ehp_results res = { 0 };
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	char *text = explain(&f, &res);
	assert_has(text, "Family F\\x1B[2J\\x7F under Tiny plan");
	assert_has(text, "  members          1: k\\x07\\x0Aid\\xC2\\x9B\n");
	assert_has(text, "  1.1 for k\\x07\\x0Aid\\xC2\\x9B (crime; plan line 11): Offended, recently");
	assert_has(text, "  1a for k\\x07\\x0Aid\\xC2\\x9B (plan line 12): not achieved");
	assert_has(text, "claim rule not met: 1.1 for k\\x07\\x0Aid\\xC2\\x9B has no outcome achieved\n");
	assert_has(text, "    plan line 11, k\\x07\\x0Aid\\xC2\\x9B: ");
	for (const char *p = text; *p; p++)
		if ((*p != '\n' && (unsigned char)*p < 0x20) || *p == 0x7f || (unsigned char)*p == 0x9b)
			fail_msg("a raw control byte 0x%02x at offset %td of\n%s", (unsigned char)*p, p - text, text);
	free(text);
	ehp_results_free(&res);
	fx_free(&f);
}

/* Tiny's plan whose claim rule first asks for a whole-family assessment
 * during support, then that every need has its outcome (as Devon's). */
static ehp_tv assessed_and_resolved(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_whole_family_assessment, -1, NULL, false, NULL };
	ehp_tv t = ehp_any(ev, 40, subject, &sel, 1, ehp_window_during_support(ev));
	if (t != EHP_FALSE)
		t = ehp_and(t, ehp_all_resolved(ev, 41));
	return t;
}

/* The reason a claim fails names what stopped the claim rule: a missing
 * assessment of the whole family comes before a need without an outcome
 * (which the rule never reached), with evidence kept or not. */
static void test_reason_names_missing_requirement_first(void **state)
{
	(void)state;
	ehp_plan plan = tiny_plan;
	plan.claimable = assessed_and_resolved;
	plan.tests = NULL; /* its tests pass plan lines, as a plan written by hand does (ehp.h) */
	plan.n_tests = 0;
	for (int with_trace = 0; with_trace < 2; with_trace++) {
		fixture f;
		offender(&f, "F9", "kid");
		fx_ready(&f);
		if (!with_trace)
			f.ev.trace = NULL;
		ehp_results res = { 0 };
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_int_equal(res.eligible, EHP_TRUE);
		assert_int_equal(res.claimable, EHP_FALSE);
		assert_string_equal(res.reason, "claim rule not met: whole_family_assessment from 2024-03-15 to 2024-09-15: "
		                                "not met, no record found");
		if (with_trace) {
			char *text = explain_under(&plan, &f, &res);
			/* In the explanation, the reason's dates are the plan's. */
			assert_has(text, "  claimable        no: claim rule not met: whole_family_assessment from 15/03/2024 "
			                 "to 15/09/2024: not met, no record found\n");
			assert_has(text, "  claim rule: no\n    plan line 40, family: any whole_family_assessment between "
			                 "15/03/2024 and 15/09/2024: none found, so not met\n");
			free(text);
		}
		/* Assessed: now the need without an outcome is what stops it. */
		fx_record(&f, EHP_HOUSEHOLD, EHP_T_whole_family_assessment, "01/04/2024", NULL);
		fx_ready(&f);
		if (!with_trace)
			f.ev.trace = NULL;
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_string_equal(res.reason, "claim rule not met: 1.1 for kid has no outcome achieved");
		ehp_results_free(&res);
		fx_free(&f);
	}
}

/* A family judged on incomplete data names the rejected rows by file and
 * line (the first EHP_PLACES_KEPT, then how many more), never their
 * contents; and the plan's own date form is kept when it writes ISO dates. */
static void test_explain_rejected_rows(void **state)
{
	(void)state;
	fixture f;
	offender(&f, "F5", "kid");
	fx_ready(&f);
	f.fam.rejected = 6;
	const ehp_row_place at[EHP_PLACES_KEPT] = { { 1, 0, 0 }, { 7, 1, 0 }, { 12, 2, 0 }, { 30, 2, 0 } };
	memcpy(f.fam.rejected_at, at, sizeof at);
	ehp_plan plan = tiny_plan;
	plan.revised = "2024-03-24";
	ehp_results res = { 0 };
	ehp_evaluate_family(&plan, &f.ev, &res);
	char *text = explain_under(&plan, &f, &res);
	assert_has(text, "  data             incomplete, so the family cannot be claimed for: 6 rows rejected: "
	                 "families file line 1, people file line 7, records file line 12, records file line 30 "
	                 "and 2 more (rejects.csv has each row and why)\n");
	assert_has(text, "  claimable        no: data incomplete: 6 rows rejected\n");
	assert_has(text, "claim date 2025-03-15\n");
	assert_has(text, "  point of entry   2024-03-15\n");
	free(text);
	ehp_results_free(&res);
	fx_free(&f);
}

/* A mapped run cites a record, and a rejected row, by the council's file
 * and line: each kind's files are named, a record's `file` and a place's
 * `origin` indexing them. */
static void test_explain_council_files(void **state)
{
	(void)state;
	fixture f;
	offender(&f, "F6", "kid");
	f.records[1].file = 1; /* the offence after closure came from the second records file */
	fx_ready(&f);
	f.fam.rejected = 2;
	const ehp_row_place at[EHP_PLACES_KEPT] = { { .line = 4, .file = 1, .origin = 0 },
	                                            { .line = 67, .file = 2, .origin = 1 } };
	memcpy(f.fam.rejected_at, at, sizeof at);
	const char *families[] = { "Families.csv" }, *people[] = { "Members.csv" };
	const char *records[] = { "Events.csv", "Police.csv" };
	const ehp_file_names files[3] = { { families, 1 }, { people, 1 }, { records, 2 } };
	ehp_results res = { 0 };
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	char *text = explain_mapped(&tiny_plan, files, &f, &res);
	assert_has(text, "  (records are cited by the council's file and line they came from, members by their id)\n");
	assert_has(text, "2 rows rejected: Members.csv line 4, Police.csv line 67 (rejects.csv has each row and why)\n");
	assert_has(text, ": 1 found (Events.csv line 100), so met\n");
	assert_has(text, ": 1 found (Police.csv line 101)");
	free(text);
	/* The evaluator's own files: lines alone, as ever. */
	text = explain_under(&tiny_plan, &f, &res);
	assert_has(text, "  (records are cited by their line in the records file, members by their id)\n");
	assert_has(text, "people file line 4, records file line 67");
	assert_has(text, ": 1 found (line 100), so met\n");
	free(text);
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain_family),
		cmocka_unit_test(test_explain_escapes_ids),
		cmocka_unit_test(test_reason_names_missing_requirement_first),
		cmocka_unit_test(test_explain_rejected_rows),
		cmocka_unit_test(test_explain_council_files),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
