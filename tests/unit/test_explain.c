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

static char *explain(fixture *f, ehp_results *res)
{
	char *buf;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	assert_non_null(m);
	ehp_explain_family(m, &tiny_plan, &f->ev, res, f->ev.trace);
	fclose(m);
	return buf;
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
	assert_has(text, "Family F7 under Tiny plan, \"for tests\", claim date 2025-03-15");
	assert_has(text, "  point of entry 2024-03-15");
	assert_has(text, "  support closed 2024-09-15");
	assert_has(text, "  eligible: yes");
	assert_has(text, "  claimable: no: claim rule not met: 1.1 for kid has no outcome achieved");
	assert_has(text, "  1.1 for kid (crime): Offended, recently");
	assert_has(text, "offence from 2023-03-16 to 2024-03-15: 1 -> met, records on line 100");
	assert_has(text, "  1a for kid: not achieved: No offence");
	assert_has(text, "records on line 101");
	assert_has(text, "(2 other indicator verdicts were not met");
	assert_has(text, "Whole family");
	free(text);

	/* Without evidence kept: the verdicts alone, still in words. */
	f.ev.trace = NULL;
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	text = explain(&f, &res);
	assert_has(text, "  1.1 for kid (crime): Offended, recently");
	assert_null(strstr(text, "records on line"));
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
	assert_has(text, "  support closed still open");
	assert_has(text, "  eligible: no");
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
	assert_has(text, "  1.1 for k\\x07\\x0Aid\\xC2\\x9B (crime): Offended, recently");
	assert_has(text, "  1a for k\\x07\\x0Aid\\xC2\\x9B: not achieved");
	assert_has(text, "claim rule not met: 1.1 for k\\x07\\x0Aid\\xC2\\x9B has no outcome achieved\n");
	assert_has(text, "    plan line 11, k\\x07\\x0Aid\\xC2\\x9B: ");
	for (const char *p = text; *p; p++)
		if ((*p != '\n' && (unsigned char)*p < 0x20) || *p == 0x7f || (unsigned char)*p == 0x9b)
			fail_msg("a raw control byte 0x%02x at offset %td of\n%s", (unsigned char)*p, p - text, text);
	free(text);
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_explain_family),
		cmocka_unit_test(test_explain_escapes_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
