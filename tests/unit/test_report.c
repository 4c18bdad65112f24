/*
 * test_report.c - the outputs made from a run's verdicts (tidy.c, due.c,
 * counts.c, report.c) on the tiny plan: the day an outcome not yet
 * judgeable can be judged, with and without evidence kept; the rows of
 * indicators.csv and outcomes.csv, and the family's cells shared by the
 * three files (family_cells.c: dates of one slot, members past the slots);
 * the counts per family, theme, indicator and outcome, added across slots
 * (the months a slot counted in only); report.html against its golden file
 * (tests/unit/report.expected.html; UPDATE=1 rewrites it) and every plan
 * and data text in it escaped.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "counts.h"
#include "due.h"
#include "output.h"
#include "report.h"
#include "tidy.h"
#include "tiny_plan.h"

#define GOLDEN "tests/unit/report.expected.html"

/* F1: kid offended before entry (1.1), an eviction notice (2.1); support
 * closed 31/01/2025, so on the claim date 31/03/2025 the six months after
 * closure (1a, 2a) are still open, to 31/07/2025. */
static void judged(fixture *f, ehp_results *res, ehp_date *due, bool evidence)
{
	fx_init(f, "15/03/2024", "31/01/2025", "31/03/2025");
	f->fam.id = "=F1";
	int kid = fx_person(f, "kid", "2010-06-01", 0);
	fx_person(f, "mum", "1985-04-03", 0);
	fx_record(f, kid, EHP_T_offence, "2023-06-01", NULL);
	fx_record(f, EHP_HOUSEHOLD, EHP_T_eviction_notice, "2023-09-01", NULL);
	fx_ready(f);
	static const double params[] = { 12 };
	f->ev.params = params;
	if (!evidence)
		f->ev.trace = NULL;
	ehp_evaluate_family(&tiny_plan, &f->ev, res);
	ehp_trace scratch = { 0 };
	ehp_outcomes_due(&tiny_plan, &f->ev, res, &scratch, due);
	ehp_trace_free(&scratch);
}

static void test_due_is_the_last_open_window_day(void **state)
{
	(void)state;
	for (int evidence = 0; evidence < 2; evidence++) {
		fixture f;
		ehp_results res = { 0 };
		ehp_date due[8];
		judged(&f, &res, due, evidence);
		assert_int_equal(res.n_out, 2);
		for (size_t v = 0; v < res.n_out; v++) {
			assert_int_equal(res.out[v].achieved, EHP_UNKNOWN);
			assert_int_equal(due[v], D("2025-07-31"));
		}
		/* The trace is as it was: the outcomes judged again used their own. */
		assert_ptr_equal(f.ev.trace, evidence ? &f.trace : NULL);
		ehp_results_free(&res);
		fx_free(&f);
	}
}

static void test_due_is_none_when_judged_or_waiting_on_closure(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	ehp_date due[8];
	judged(&f, &res, due, false);
	/* Still open: the windows after closure cannot be formed, no date. */
	f.fam.closure = EHP_NO_DATE;
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	ehp_trace scratch = { 0 };
	ehp_outcomes_due(&tiny_plan, &f.ev, &res, &scratch, due);
	assert_int_equal(res.out[0].achieved, EHP_UNKNOWN);
	assert_int_equal(due[0], EHP_NO_DATE);
	/* Claimed after the windows closed: judged, no date. */
	f.fam.closure = D("2024-01-31");
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	ehp_outcomes_due(&tiny_plan, &f.ev, &res, &scratch, due);
	assert_int_equal(res.out[0].achieved, EHP_TRUE);
	assert_int_equal(due[0], EHP_NO_DATE);
	ehp_trace_free(&scratch);
	ehp_results_free(&res);
	fx_free(&f);
}

static char *written(void (*write)(ehp_buf *, const ehp_plan *, const ehp_family *, const ehp_results *,
                                   const ehp_date *),
                     const ehp_family *fam, const ehp_results *res, const ehp_date *due)
{
	ehp_buf b = { 0 };
	write(&b, &tiny_plan, fam, res, due);
	ehp_buf_char(&b, '\0');
	return b.p;
}

static void indicators_rows(ehp_buf *b, const ehp_plan *p, const ehp_family *fam, const ehp_results *res,
                            const ehp_date *d)
{
	(void)d;
	ehp_indicators_rows(b, p, fam, res);
}

/* A plan's rows with the cells ehpc would write for them (ehp_row_cells):
 * the same rows as made cell by cell. */
static void test_tidy_rows_from_plan_cells(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	ehp_date due[8];
	judged(&f, &res, due, false);
	ehp_indicator_def ind[2];
	ehp_outcome_def out[2];
	ehp_buf cells[4] = { { 0 } };
	for (int i = 0; i < 2; i++) {
		ind[i] = tiny_indicators[i];
		out[i] = tiny_outcomes[i];
		ehp_row_cells(&cells[i], ind[i].scope, tiny_plan.themes[ind[i].theme].name, ind[i].id);
		ehp_row_cells(&cells[2 + i], out[i].scope, tiny_plan.themes[out[i].theme].name, out[i].id);
		ind[i].cells = cells[i].p, ind[i].n_cells = cells[i].len;
		out[i].cells = cells[2 + i].p, out[i].n_cells = cells[2 + i].len;
	}
	ehp_plan with_cells = tiny_plan;
	with_cells.indicators = ind;
	with_cells.outcomes = out;
	ehp_buf a = { 0 }, b = { 0 };
	ehp_indicators_rows(&a, &tiny_plan, &f.fam, &res);
	ehp_outcomes_rows(&a, &tiny_plan, &f.fam, &res, due);
	ehp_indicators_rows(&b, &with_cells, &f.fam, &res);
	ehp_outcomes_rows(&b, &with_cells, &f.fam, &res, due);
	assert_int_equal(a.len, b.len);
	assert_memory_equal(a.p, b.p, a.len);
	/* Quoted as any cell: a comma in a theme's name, an id read as a formula. */
	ehp_buf c = { 0 };
	ehp_row_cells(&c, EHP_SCOPE_HOUSEHOLD, "crime, \"asb\"", "=1.1");
	ehp_buf_char(&c, '\0');
	assert_string_equal(c.p, "household,\"crime, \"\"asb\"\"\",'=1.1,");
	ehp_buf_free(&c);
	ehp_buf_free(&a);
	ehp_buf_free(&b);
	for (int i = 0; i < 4; i++)
		ehp_buf_free(&cells[i]);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_tidy_rows(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	ehp_date due[8];
	judged(&f, &res, due, false);
	char *ind = written(indicators_rows, &f.fam, &res, due);
	assert_string_equal(ind, "'=F1,kid,person,crime,1.1,no,2024-03-15,yes\n"
	                         "'=F1,household,household,home,2.1,no,2024-03-15,yes\n");
	char *out = written(ehp_outcomes_rows, &f.fam, &res, due);
	assert_string_equal(out, "'=F1,kid,person,crime,1a,not yet judgeable,2025-07-31,no,2024-03-15,2025-01-31,yes\n"
	                         "'=F1,household,household,home,2a,not yet judgeable,2025-07-31,no,2024-03-15,2025-01-31,yes\n");
	/* The wording once, in plan_rows.csv, quoted where it must be. */
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	assert_non_null(m);
	ehp_plan_rows_write(m, &tiny_plan);
	fclose(m);
	assert_string_equal(text, "kind,id,theme,theme_title,level,text,plan_line\n"
	                          "indicator,1.1,crime,\"Crime, \"\"anti-social\"\" behaviour\",person,\"Offended, recently\",11\n"
	                          "indicator,2.1,home,Housing,household,Eviction notice,21\n"
	                          "outcome,1a,crime,\"Crime, \"\"anti-social\"\" behaviour\",person,No offence,12\n"
	                          "outcome,2a,home,Housing,household,No eviction,22\n");
	free(text);
	free(ind);
	free(out);
	ehp_results_free(&res);
	fx_free(&f);
}

/* The three files' rows of a family, each writer making its own cells. */
static void rows_alone(ehp_buf *b, const ehp_family *fam, const ehp_results *res, const ehp_date *due)
{
	ehp_results_row(b, &tiny_plan, fam, res);
	ehp_indicators_rows(b, &tiny_plan, fam, res);
	ehp_outcomes_rows(b, &tiny_plan, fam, res, due);
}

/* The same rows with one ehp_family_cells for every file, reused from
 * family to family (as run.c does): the cells and dates made for one
 * family never reach the next, a long id (the cells' text moving as it
 * grows) and an id to quote included. */
static void test_family_cells_shared(void **state)
{
	(void)state;
	fixture f;
	ehp_results res = { 0 };
	ehp_date due[8];
	judged(&f, &res, due, false);
	char long_id[300];
	memset(long_id, 'x', sizeof long_id - 1);
	long_id[sizeof long_id - 1] = '\0';
	const char *ids[] = { "=F1", long_id, "F,\"2\"", "F3" };
	const char *kids[] = { "kid", "k,id", "kid", "=kid" };
	const ehp_date closures[] = { D("2025-01-31"), EHP_NO_DATE, D("2025-02-28"), D("2025-01-31") };
	ehp_family_cells c = { 0 };
	for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
		f.fam.id = ids[i];
		f.people[0].id = kids[i];
		f.fam.closure = closures[i];
		ehp_buf a = { 0 }, b = { 0 };
		rows_alone(&a, &f.fam, &res, due);
		ehp_family_cells_begin(&c, &f.fam);
		ehp_results_row_with(&b, &tiny_plan, &c, &res);
		ehp_indicators_rows_with(&b, &tiny_plan, &c, &res);
		ehp_outcomes_rows_with(&b, &tiny_plan, &c, &res, due);
		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.p, b.p, a.len);
		ehp_buf_free(&a);
		ehp_buf_free(&b);
	}
	ehp_family_cells_free(&c);
	ehp_results_free(&res);
	fx_free(&f);
}

/* Prefixes of a family larger than the slots: members past the first
 * EHP_CELLS_SUBJECTS - 2 are written as they come, quoted as needed, and
 * the others copied from their slot, family after family. */
static void test_family_cells_past_the_slots(void **state)
{
	(void)state;
	enum { N = EHP_CELLS_SUBJECTS + 4 };
	ehp_person people[N] = { 0 };
	char ids[N][8];
	for (int p = 0; p < N; p++) {
		snprintf(ids[p], sizeof ids[p], p % 2 ? "p,%d" : "p%d", p);
		people[p].id = ids[p];
	}
	ehp_family_cells c = { 0 };
	for (int round = 0; round < 2; round++) {
		ehp_family fam = { .id = round ? "=F2" : "F1", .people = people, .n_people = N };
		ehp_family_cells_begin(&c, &fam);
		const char *fid = round ? "'=F2" : "F1";
		const int subjects[] = { 3, N - 1, 2, N - 2, EHP_HOUSEHOLD, 3, N - 1, EHP_FAMILY };
		for (size_t i = 0; i < sizeof subjects / sizeof *subjects; i++) {
			int s = subjects[i];
			char want[32];
			if (s < 0)
				snprintf(want, sizeof want, "%s,%s,", fid, s == EHP_FAMILY ? "family" : "household");
			else
				snprintf(want, sizeof want, s % 2 ? "%s,\"%s\"," : "%s,%s,", fid, ids[s]);
			ehp_buf b = { 0 };
			ehp_family_prefix(&b, &c, s);
			assert_int_equal(b.len, strlen(want));
			assert_memory_equal(b.p, want, b.len);
			ehp_buf_free(&b);
		}
	}
	ehp_family_cells_free(&c);
}

/* The counts of two runs of F1 in separate slots, added. */
static void counted(ehp_counts *total)
{
	fixture f;
	ehp_results res = { 0 };
	ehp_date due[8];
	ehp_counts slot;
	ehp_counts_init(total, &tiny_plan);
	ehp_counts_init(&slot, &tiny_plan);
	judged(&f, &res, due, false);
	ehp_counts_family(&slot, &f.fam, &res, due);
	ehp_counts_add(total, &slot);
	ehp_counts_clear(&slot);
	/* The second: closed long ago, so 1a and 2a are achieved; one row rejected. */
	f.fam.closure = D("2024-01-31");
	f.fam.rejected = 1;
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	ehp_trace scratch = { 0 };
	ehp_outcomes_due(&tiny_plan, &f.ev, &res, &scratch, due);
	ehp_trace_free(&scratch);
	ehp_counts_family(&slot, &f.fam, &res, due);
	ehp_counts_add(total, &slot);
	ehp_counts_free(&slot);
	ehp_results_free(&res);
	fx_free(&f);
}

static void test_counts(void **state)
{
	(void)state;
	ehp_counts c;
	counted(&c);
	assert_int_equal(c.families, 2);
	assert_int_equal(c.identified, 2);
	assert_int_equal(c.eligible, 2);
	assert_int_equal(c.achieved, 1);
	assert_int_equal(c.claimable, 0); /* the first waits; the second is incomplete */
	assert_int_equal(c.incomplete, 1);
	assert_int_equal(c.theme[0].families, 2);
	assert_int_equal(c.theme[0].members, 2); /* the kid, in each family */
	assert_int_equal(c.theme[1].families, 2);
	assert_int_equal(c.theme[1].members, 0); /* the household's need: no member */
	assert_int_equal(c.indicator[0].families, 2);
	assert_int_equal(c.indicator[0].members, 2);
	assert_int_equal(c.indicator[1].members, 0);
	assert_int_equal(c.outcome[0].achieved.families, 1);
	assert_int_equal(c.outcome[0].pending.families, 1);
	assert_int_equal(c.outcome[0].pending.members, 1);
	assert_int_equal(c.outcome[1].pending.families, 1);
	assert_int_equal(c.outcome[0].due_first, D("2025-07-31"));
	assert_int_equal(c.outcome[0].due_last, D("2025-07-31"));
	assert_int_equal(c.due_month[(2025 - 1900) * 12 + 6], 2);
	assert_int_equal(c.due_undated, 0);
	ehp_counts_free(&c);
}

/* A slot's months are cleared and added over the range it counted in
 * only: months far apart in two slots, one slot cleared and used again,
 * leave nothing behind and add up in the total. */
static void test_counts_months_in_their_range(void **state)
{
	(void)state;
	ehp_family fam = { .id = "F" };
	ehp_out_verdict pending = { .outcome = 0, .subject = EHP_HOUSEHOLD, .achieved = EHP_UNKNOWN };
	ehp_results res = { .out = &pending, .n_out = 1 };
	ehp_counts total, slot;
	ehp_counts_init(&total, &tiny_plan);
	ehp_counts_init(&slot, &tiny_plan);
	const ehp_date days[] = { D("2025-07-31"), D("1990-01-15"), D("2030-12-01"), D("2025-07-01") };
	for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
		ehp_counts_family(&slot, &fam, &res, &days[i]);
		if (i % 2 == 0)
			continue; /* two families a slot */
		ehp_counts_add(&total, &slot);
		ehp_counts_clear(&slot);
		for (int m = 0; m < EHP_COUNT_MONTHS; m++)
			assert_int_equal(slot.due_month[m], 0);
	}
	unsigned long sum = 0;
	for (int m = 0; m < EHP_COUNT_MONTHS; m++)
		sum += total.due_month[m];
	assert_int_equal(sum, 4);
	assert_int_equal(total.due_month[(2025 - 1900) * 12 + 6], 2);
	assert_int_equal(total.due_month[(1990 - 1900) * 12], 1);
	assert_int_equal(total.due_month[(2030 - 1900) * 12 + 11], 1);
	assert_int_equal(total.outcome[0].due_first, D("1990-01-15"));
	assert_int_equal(total.outcome[0].due_last, D("2030-12-01"));
	ehp_counts_free(&slot);
	ehp_counts_free(&total);
}

/* Dates kept by their day's low bits: days of one slot (0, 2048, 4096),
 * an entry and a closure among them, and the days a slot's first key
 * names (1, 2) end each family's rows as ehp_date_format writes them. */
static void test_family_cells_dates_of_one_slot(void **state)
{
	(void)state;
	const ehp_date days[][2] = { { 0, 2048 }, { 2048, 0 }, { 1, 4096 }, { 2, 1 }, { 4096, EHP_NO_DATE } };
	ehp_ind_verdict met = { .indicator = 1, .subject = EHP_HOUSEHOLD, .met = EHP_TRUE, .exempt = EHP_FALSE };
	ehp_out_verdict judged = { .outcome = 1, .subject = EHP_HOUSEHOLD, .achieved = EHP_FALSE };
	ehp_results res = { .ind = &met, .n_ind = 1, .out = &judged, .n_out = 1 };
	const ehp_date due = EHP_NO_DATE;
	ehp_family_cells c = { 0 };
	for (size_t i = 0; i < sizeof days / sizeof *days; i++) {
		ehp_family fam = { .id = "F", .entry = days[i][0], .closure = days[i][1] };
		ehp_family_cells_begin(&c, &fam);
		char entry[11], closure[11] = "", ind_end[40], out_end[40];
		ehp_date_format(days[i][0], entry);
		if (days[i][1] != EHP_NO_DATE)
			ehp_date_format(days[i][1], closure);
		snprintf(ind_end, sizeof ind_end, ",no,%s,yes\n", entry);
		snprintf(out_end, sizeof out_end, ",%s,%s,yes\n", entry, closure);
		ehp_buf b = { 0 };
		ehp_indicators_rows_with(&b, &tiny_plan, &c, &res);
		size_t n = strlen(ind_end);
		assert_true(b.len > n);
		assert_memory_equal(b.p + b.len - n, ind_end, n);
		b.len = 0;
		ehp_outcomes_rows_with(&b, &tiny_plan, &c, &res, &due);
		n = strlen(out_end);
		assert_true(b.len > n);
		assert_memory_equal(b.p + b.len - n, out_end, n);
		ehp_buf_free(&b);
	}
	ehp_family_cells_free(&c);
}

static char *report_text(const ehp_plan *plan, const ehp_counts *c, const char *file_name)
{
	ehp_receipt rec = { .plan = plan, .claim = D("2025-03-31"), .n_inputs = 3,
	                    .input_names = { "families", "people", "records" },
	                    .input_paths = { "/data/families.csv", "/data/people.csv", file_name },
	                    .input_hex = { "aa", "bb", "cc" }, .input_bytes = { 10, 20, 30 }, .rejected = 3,
	                    .n_outputs = 2, .output_names = { "results.csv", "report.html" } };
	ehp_report_reject kinds[] = { { "people", "date_of_birth", "not a date", 2 },
	                              { "records", "<type>", "unknown & \"odd\"", 1 } };
	ehp_report r = { .receipt = &rec, .run_id = "0123456789abcdef", .counts = c, .rejects = kinds, .n_rejects = 2,
	                 .empty_rows = 1 };
	char *text = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&text, &len);
	assert_non_null(m);
	ehp_report_write(m, &r);
	fclose(m);
	return text;
}

static void test_report_golden(void **state)
{
	(void)state;
	ehp_counts c;
	counted(&c);
	char *text = report_text(&tiny_plan, &c, "/data/records.csv");
	if (getenv("UPDATE")) {
		FILE *g = fopen(GOLDEN, "wb");
		assert_non_null(g);
		fputs(text, g);
		fclose(g);
	}
	FILE *g = fopen(GOLDEN, "rb");
	if (!g)
		fail_msg("%s cannot be read: run the unit tests from the top of the tree", GOLDEN);
	char want[65536];
	size_t n = fread(want, 1, sizeof want - 1, g);
	fclose(g);
	want[n] = '\0';
	if (strcmp(text, want) != 0)
		fail_msg("report.html differs from %s (UPDATE=1 rewrites it); got:\n%s", GOLDEN, text);
	free(text);
	ehp_counts_free(&c);
}

static void test_report_escapes_plan_and_data_text(void **state)
{
	(void)state;
	ehp_theme_def themes[2];
	memcpy(themes, tiny_themes, sizeof themes);
	themes[1].title = "<script>alert(1)</script>";
	ehp_plan plan = tiny_plan;
	plan.title = "Plan <b>'bold'</b> & \"quoted\"";
	plan.themes = themes;
	ehp_counts c;
	ehp_counts_init(&c, &plan);
	char *text = report_text(&plan, &c, "/x/<img src=x>.csv");
	assert_null(strstr(text, "<script"));
	assert_null(strstr(text, "<img"));
	assert_null(strstr(text, "<b>'bold'"));
	assert_null(strstr(text, "<type>"));
	assert_non_null(strstr(text, "Plan &lt;b&gt;&#39;bold&#39;&lt;/b&gt; &amp; &quot;quoted&quot;"));
	assert_non_null(strstr(text, "&lt;script&gt;alert(1)&lt;/script&gt;"));
	assert_non_null(strstr(text, "&lt;img src=x&gt;.csv"));
	assert_non_null(strstr(text, "unknown &amp; &quot;odd&quot;"));
	/* The folders above an input are not shown: they may name a child. */
	assert_null(strstr(text, "/x/"));
	free(text);
	ehp_counts_free(&c);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_due_is_the_last_open_window_day),
		cmocka_unit_test(test_due_is_none_when_judged_or_waiting_on_closure),
		cmocka_unit_test(test_tidy_rows),
		cmocka_unit_test(test_tidy_rows_from_plan_cells),
		cmocka_unit_test(test_family_cells_shared),
		cmocka_unit_test(test_family_cells_past_the_slots),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_counts_months_in_their_range),
		cmocka_unit_test(test_family_cells_dates_of_one_slot),
		cmocka_unit_test(test_report_golden),
		cmocka_unit_test(test_report_escapes_plan_and_data_text),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
