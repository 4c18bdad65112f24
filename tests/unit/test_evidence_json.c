/*
 * test_evidence_json.c - evidence.jsonl's writer (evidence_json.c, json.c):
 * strings from the data escaped so every line parses (quotes, backslashes,
 * control bytes, UTF-8 kept, bytes that are not UTF-8 replaced), figures
 * and dates, and a family's line: members on the same evidence as one
 * entry, the same line whether or not the evaluation shared evidence.
 */
#include <math.h>
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdio.h>
#include <cmocka.h>
#include <stdlib.h>
#include "fixture.h"
#include "tiny_plan.h"
#include "evidence_json.h"
#include "mem.h"

/* The JSON text ehp_json_str_n makes of n bytes. */
static void expect_str(const char *s, size_t n, const char *want)
{
	ehp_json j = { 0 };
	ehp_json_str_n(&j, s, n);
	if (j.len != strlen(want) || memcmp(j.p, want, j.len) != 0)
		fail_msg("wrote %.*s, want %s", (int)j.len, j.p, want);
	ehp_buf_free(&j);
}

#define EXPECT_STR(lit, want) expect_str((lit), sizeof(lit) - 1, (want))

static void test_strings(void **state)
{
	(void)state;
	EXPECT_STR("F01-kid", "\"F01-kid\"");
	EXPECT_STR("", "\"\"");
	EXPECT_STR("say \"no\"", "\"say \\\"no\\\"\"");
	EXPECT_STR("C:\\data\\", "\"C:\\\\data\\\\\"");
	/* control bytes, NUL and DEL: \u escapes, never raw */
	EXPECT_STR("a\nb\tc\r\x01\x1f\x7f", "\"a\\u000ab\\u0009c\\u000d\\u0001\\u001f\\u007f\"");
	EXPECT_STR("x\0y", "\"x\\u0000y\"");
	/* UTF-8 as it is: accents, CJK, an emoji (four bytes) */
	EXPECT_STR("Zo\xC3\xAB \xE6\x97\xA5 \xF0\x9F\x98\x80", "\"Zo\xC3\xAB \xE6\x97\xA5 \xF0\x9F\x98\x80\"");
	/* a C1 control in UTF-8 (U+0085, NEL) is escaped like C0 */
	EXPECT_STR("a\xC2\x85z", "\"a\\u0085z\"");
	/* bytes that are not UTF-8: each becomes U+FFFD, the rest kept */
	EXPECT_STR("caf\xE9", "\"caf\xEF\xBF\xBD\"");                         /* Windows-1252 e-acute */
	EXPECT_STR("\xFF\xFE", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                /* never in UTF-8 */
	EXPECT_STR("\xC3", "\"\xEF\xBF\xBD\"");                                /* cut short */
	EXPECT_STR("\xC0\xAF", "\"\xEF\xBF\xBD\xEF\xBF\xBD\"");                /* overlong '/' */
	EXPECT_STR("\xE0\x80\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* overlong NUL */
	EXPECT_STR("\xED\xA0\x80", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\""); /* a surrogate */
	EXPECT_STR("\xF4\x90\x80\x80x", "\"\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDx\""); /* past U+10FFFF */
	ehp_json j = { 0 };
	ehp_json_str(&j, NULL);
	assert_int_equal(j.len, 4);
	assert_memory_equal(j.p, "null", 4);
	ehp_buf_free(&j);
}

static void expect_num(double v, const char *want)
{
	ehp_json j = { 0 };
	ehp_json_num(&j, v);
	if (j.len != strlen(want) || memcmp(j.p, want, j.len) != 0)
		fail_msg("%g wrote %.*s, want %s", v, (int)j.len, j.p, want);
	ehp_buf_free(&j);
}

static void test_figures_and_dates(void **state)
{
	(void)state;
	expect_num(0, "0");
	expect_num(3, "3");
	expect_num(-12, "-12");
	expect_num(338, "338");
	expect_num(0.5, "0.5");
	expect_num(100.0 * 2 / 3, "66.66666667");
	expect_num(1e20, "1e+20");
	expect_num(NAN, "null");
	expect_num(INFINITY, "null");
	/* figures are written by hand: what %.10g writes, to the byte */
	expect_num(82.5, "82.5");
	expect_num(3.85, "3.85");
	expect_num(-0.25, "-0.25");
	expect_num(0.05, "0.05");
	expect_num(12345678.91, "12345678.91");
	expect_num(1000000000.5, "1000000000");
	char printed[32];
	expect_num(9.99999999999, "10");
	expect_num(0.09999999999999999, "0.1");
	expect_num(0.000123456789012, "0.000123456789");
	for (int i = -200000; i <= 200000; i += 7) {
		double figures[] = { i / 10.0, i / 100.0, i * 1.001, 100.0 * i / 7919, i / 30.0, i / 1e7 };
		for (size_t k = 0; k < sizeof figures / sizeof *figures; k++) {
			snprintf(printed, sizeof printed, "%.10g", figures[k]);
			expect_num(figures[k], printed);
		}
	}
	uint64_t seed = 88172645463325252u; /* xorshift: figures of every size, either sign */
	for (int i = 0; i < 200000; i++) {
		seed ^= seed << 13;
		seed ^= seed >> 7;
		seed ^= seed << 17;
		double v = (double)(seed >> 11) / 9007199254740992.0 * pow(10, (int)(seed % 17) - 6);
		v = seed & 1 << 5 ? -v : v;
		snprintf(printed, sizeof printed, "%.10g", v);
		expect_num(v, printed);
	}
	ehp_json j = { 0 };
	ehp_json_date(&j, D("2024-03-15"));
	ehp_buf_lit(&j, ",");
	ehp_json_date(&j, EHP_NO_DATE);
	ehp_buf_lit(&j, ",");
	ehp_json_date(&j, EHP_FOREVER);
	ehp_buf_lit(&j, ",");
	ehp_json_tv(&j, EHP_TRUE);
	ehp_buf_lit(&j, ",");
	ehp_json_tv(&j, EHP_FALSE);
	ehp_buf_lit(&j, ",");
	ehp_json_tv(&j, EHP_UNKNOWN);
	ehp_buf_lit(&j, ",");
	ehp_buf_uint(&j, UINT64_MAX);
	const char *want = "\"2024-03-15\",null,null,true,false,null,18446744073709551615";
	assert_int_equal(j.len, strlen(want));
	assert_memory_equal(j.p, want, j.len);
	ehp_buf_free(&j);
}

/* The first line names every test of the plan once, by index, with where
 * it is written and what it looks for, its words escaped like any string. */
static void test_header(void **state)
{
	(void)state;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	const char *names[] = { "Events.csv", "Police \"2024\".csv" }; /* a mapped run's records files */
	ehp_evidence_json_header(f, &tiny_plan, D("2025-03-15"), &(ehp_file_names){ names, 2 }, NULL);
	fclose(f);
	assert_non_null(strstr(text, "{\"ehp_evidence\":4,"));
	assert_non_null(strstr(text, ",\"records_files\":[\"Events.csv\",\"Police \\\"2024\\\".csv\"],"));
	assert_non_null(strstr(text, ",\"test\":[\"test\",\"window\",\"measured\",\"result\","));
	const char *tests =
		",\"tests\":[{\"line\":11,\"column\":8,"
		"\"text\":\"there is a record of offence in the `months` (12) months before entry\"},"
		"{\"line\":12,\"column\":8,\"text\":\"there is no record of offence in the 6 months after closure\"},"
		"{\"line\":21,\"column\":8,\"text\":\"there is a record of eviction notice in the 12 months before entry\"},"
		"{\"line\":22,\"column\":8,"
		"\"text\":\"there is no record of eviction \\\"notice\\\" in the 6 months after closure\"}]}\n";
	assert_true(len > strlen(tests));
	assert_string_equal(text + len - strlen(tests), tests);
	free(text);
}

/* The tiny plan, with 1.1 and 1a read through offences only (as ehpc
 * marks such rows), so members without one may share their verdicts. */
static const uint64_t OFFENCES[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };

static char *family_line(fixture *f, const ehp_plan *plan, bool share)
{
	ehp_results res = { 0 };
	ehp_evidence_writer w = { 0 };
	ehp_json out = { 0 };
	f->trace.n = 0;
	f->ev.share_evidence = share;
	ehp_evaluate_family(plan, &f->ev, &res);
	ehp_buf_lit(&out, "before|"); /* a line is added to what the buffer holds */
	ehp_evidence_json_family(&w, &out, plan, &f->fam, &res, &f->trace);
	assert_true(out.len > 7);
	assert_memory_equal(out.p, "before|", 7);
	char *line = ehp_xstrndup(out.p + 7, out.len - 7);
	ehp_buf_free(&out);
	ehp_evidence_writer_free(&w);
	ehp_results_free(&res);
	return line;
}

static void test_family_line(void **state)
{
	(void)state;
	ehp_indicator_def ind[2];
	ehp_outcome_def out[2];
	memcpy(ind, tiny_indicators, sizeof ind);
	memcpy(out, tiny_outcomes, sizeof out);
	ind[0].reads = OFFENCES;
	out[0].reads = OFFENCES;
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	plan.outcomes = out;
	static const double params[] = { 12 };

	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.fam.id = "F\"1\\\x1b[2J\xE9"; /* a quote, a backslash, an escape sequence, a Latin-1 byte */
	f.ev.params = params;
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	fx_person(&f, "dad", "1984-01-02", 1u << EHP_F_parent);
	fx_record(&f, kid, EHP_T_offence, "20/04/2023", NULL); /* line 100: kid meets 1.1 */
	for (int k = 0; k < 6; k++)                             /* lines 101-106: all cited */
		fx_record(&f, kid, EHP_T_offence, "01/10/2024", NULL);
	fx_record(&f, kid, EHP_T_offence, "01/05/2023", NULL); /* line 107: 1.1 again, not next to 100 */
	fx_ready(&f);

	char *own = family_line(&f, &plan, false);
	char *shared = family_line(&f, &plan, true);
	assert_string_equal(own, shared);
	const char *want =
		"{\"family\":\"F\\\"1\\\\\\u001b[2J\xEF\xBF\xBD\",\"line\":0,\"entry\":\"2024-03-15\","
		"\"closure\":\"2024-09-15\",\"data_complete\":true,\"rows_rejected\":0,"
		"\"members\":[{\"id\":\"kid\",\"line\":2},{\"id\":\"mum\",\"line\":3},{\"id\":\"dad\",\"line\":4}],"
		"\"eligible\":true,\"claimable\":false,\"themes_met\":1,"
		"\"reason\":\"claim rule not met: 1.1 for kid has no outcome achieved\","
		/* kid met 1.1 (test 0) on the offences of lines 100 and 107 */
		"\"indicators\":[[\"1.1\",[0],true,[[0,0,2,true,null,null,null,[[0,100,107]]]]]],"
		/* 1a for kid (test 1, plan line 12): six offences after closure,
		 * every line cited, lines 101 to 106 of records file 0 as one range */
		"\"outcomes\":[[\"1a\",[0],false,[[1,1,6,false,null,null,null,[[0,[101,106]]]]]]],"
		/* mum and dad, with no offence, did not meet 1.1 (row 0): test 0 found
		 * nothing in window 0; nor did the household meet 2.1 (row 1), test 2 */
		"\"found_nothing\":[[[1,2],[0,0,0]],[\"household\",[1,2,0]]],"
		/* the default claim rule is no test of the plan's: null */
		"\"eligibility\":[],\"claim_rule\":[[null,null,1,false,null,null,"
		"\"an indicator met has no outcome achieved\"]],"
		/* 2023-03-16 to 2024-03-15 and 2024-09-16 to 2025-03-15, in days from entry */
		"\"windows\":[[-365,0],[185,365]]}\n";
	assert_string_equal(shared, want);
	free(own);
	free(shared);
	fx_free(&f);
}

/* Two rows of one stand-in class (any offence, any eviction notice, in the
 * 12 months before entry) and a family with no record of either: once the
 * second row's tests are known beside the first's, neither row is judged
 * row by row with evidence shared (ehp_results.nothing_rows), and the
 * line is the one of judging every member on their own. */
static const uint64_t EVICTIONS[EHP_TYPE_WORDS] = { [EHP_T_eviction_notice / 64] = UINT64_C(1)
	                                                   << (EHP_T_eviction_notice % 64) };

static ehp_tv eviction_before(ehp_eval *ev, int subject)
{
	ehp_sel sel = { EHP_T_eviction_notice, -1, NULL, false, NULL };
	return ehp_any(ev, 2 /* line 21 */, subject, &sel, 1, ehp_window_before(ev, EHP_ENTRY, 12, EHP_MONTHS));
}

static void test_class_rows_found_nothing(void **state)
{
	(void)state;
	ehp_indicator_def ind[2];
	memcpy(ind, tiny_indicators, sizeof ind);
	ind[0].reads = OFFENCES;
	ind[0].standin = 1;
	ind[1].scope = EHP_SCOPE_PERSON;
	ind[1].when = eviction_before;
	ind[1].reads = EVICTIONS;
	ind[1].standin = 1;
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	plan.n_standins = 1;
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	fx_ready(&f);
	char *own = family_line(&f, &plan, false);
	const char *nothing = "\"found_nothing\":[[[0,1],[0,0,0],[1,2,0]]]";
	assert_non_null(strstr(own, nothing));

	ehp_results res = { 0 };
	ehp_evidence_writer w = { 0 };
	f.ev.share_evidence = true;
	for (int round = 0; round < 2; round++) { /* the first learns where row 2's test stands */
		ehp_json out = { 0 };
		f.trace.n = 0;
		ehp_evaluate_family(&plan, &f.ev, &res);
		size_t listed = 0;
		struct ehp_nothing_row r = { 0 };
		for (int i = 0; i < plan.n_indicators; i++)
			listed += res.ind_start[i] == res.ind_start[i + 1] && ehp_nothing_row(&res, f.fam.n_people, i, &r);
		assert_int_equal(listed, round ? 2 : 1);
		assert_int_equal(res.n_ind, round ? 0 : 2); /* not kept row by row */
		ehp_evidence_json_family(&w, &out, &plan, &f.fam, &res, &f.trace);
		ehp_buf_lit(&out, "");
		assert_true(out.len == strlen(own) && !memcmp(out.p, own, out.len));
		ehp_buf_free(&out);
	}
	ehp_evidence_writer_free(&w);
	ehp_results_free(&res);
	free(own);
	fx_free(&f);
}

/* A found-nothing item of `test` for `subject` in the window [from, to]. */
static ehp_evidence nothing_item(uint32_t test, int32_t subject, ehp_date from, ehp_date to)
{
	return (ehp_evidence){ .test = test, .subject = subject, .from = from, .to = to, .measured = 0,
	                       .threshold = NAN, .op = EHP_OP_EQ + 1, .result = EHP_FALSE };
}

/* Windows are numbered in the order the line names them: an outcome's
 * verdict in full before found_nothing, found_nothing group by group, not
 * in the order the writer met them row by row (A, B, E, C, then D). */
static void test_windows_numbered_as_written(void **state)
{
	(void)state;
	ehp_indicator_def ind[2];
	memcpy(ind, tiny_indicators, sizeof ind);
	ind[1].scope = EHP_SCOPE_PERSON;
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	ehp_date entry = f.fam.entry;
	ehp_evidence items[] = {
		nothing_item(0, 0, entry - 365, entry), /* A: row 0, kid */
		nothing_item(0, 1, entry - 30, entry),  /* B: row 0, mum */
		nothing_item(2, 0, entry - 7, entry - 1), /* E: row 1, kid */
		nothing_item(2, 1, entry, entry),       /* C: row 1, mum */
		{ .test = 1, .subject = 0, .from = entry + 1, .to = entry + 100, .measured = 3, .threshold = NAN,
		  .op = EHP_OP_EQ + 1, .result = EHP_TRUE }, /* D: 1a met by kid */
	};
	ehp_trace t = { .items = items, .n = 5 };
	ehp_ind_verdict ind_v[] = { { 0, 0, EHP_FALSE, EHP_FALSE, 0, 1 }, { 0, 1, EHP_FALSE, EHP_FALSE, 1, 2 },
		                    { 1, 0, EHP_FALSE, EHP_FALSE, 2, 3 }, { 1, 1, EHP_FALSE, EHP_FALSE, 3, 4 } };
	ehp_out_verdict out_v[] = { { 0, 0, EHP_TRUE, 4, 5 } };
	size_t ind_start[] = { 0, 2, 4 }, out_start[] = { 0, 1, 1 };
	ehp_results res = { .ind = ind_v, .n_ind = 4, .out = out_v, .n_out = 1, .ind_start = ind_start,
		            .out_start = out_start, .eligible = EHP_FALSE, .claimable = EHP_FALSE,
		            .elig_from = 5, .elig_to = 5, .claim_from = 5, .claim_to = 5 };
	ehp_evidence_writer w = { 0 };
	ehp_json out = { 0 };
	for (int round = 0; round < 2; round++) { /* the writer's caches start again each family */
		out.len = 0;
		ehp_evidence_json_family(&w, &out, &plan, &f.fam, &res, &t);
		ehp_buf_lit(&out, "");
		assert_non_null(strstr(out.p, ",\"outcomes\":[[\"1a\",[0],true,[[1,0,3,true]]]],"
		                              "\"found_nothing\":[[[0],[0,0,1],[1,2,2]],[[1],[0,0,3],[1,2,4]]],"));
		assert_non_null(strstr(out.p, ",\"windows\":[[1,100],[-365,0],[-7,-1],[-30,0],[0,0]]}\n"));
	}
	ehp_buf_free(&out);
	ehp_evidence_writer_free(&w);
	fx_free(&f);
}

/* A household row of a stand-in class, in a family with no record of its
 * type: judged as written the first time (its evidence learned beside the
 * class's), listed unentered after, under "household": the line is the
 * same each time, and the same as with each verdict judged on its own. */
static void test_household_row_found_nothing(void **state)
{
	(void)state;
	ehp_indicator_def ind[2];
	memcpy(ind, tiny_indicators, sizeof ind);
	ind[0].reads = OFFENCES;
	ind[0].standin = 1;
	ind[1].reads = EVICTIONS;
	ind[1].standin = 1;
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	plan.n_standins = 1;
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	fx_ready(&f);
	char *own = family_line(&f, &plan, false);
	assert_non_null(strstr(own, "\"found_nothing\":[[[0,1],[0,0,0]],[\"household\",[1,2,0]]]"));

	ehp_results res = { 0 };
	ehp_evidence_writer w = { 0 };
	f.ev.share_evidence = true;
	for (int round = 0; round < 3; round++) {
		ehp_json out = { 0 };
		f.trace.n = 0;
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_int_equal(res.ind_start[2] - res.ind_start[1], round ? 0 : 1); /* judged the first time only */
		ehp_evidence_json_family(&w, &out, &plan, &f.fam, &res, &f.trace);
		ehp_buf_lit(&out, "");
		assert_true(out.len == strlen(own) && !memcmp(out.p, own, out.len));
		ehp_buf_free(&out);
	}
	ehp_evidence_writer_free(&w);
	ehp_results_free(&res);
	free(own);
	fx_free(&f);
}

/* A test's reason is escaped once a run and copied after: the same text
 * for every family a writer writes, the first time and after, and for
 * more reasons than the writer keeps escaped. */
static void test_reasons_escaped_once(void **state)
{
	(void)state;
	static const char *const reasons[EHP_REASON_CACHE + 4] = {
		"a \"quoted\" reason", "a\\b", "tab\tin it", "r3", "r4", "r5", "r6", "r7", "r8", "r9", "r10",
		"r11", "r12", "r13", "r14", "r15", "r16", "r17", "last \"one\"", "r19",
	};
	enum { N = sizeof reasons / sizeof *reasons };
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_ready(&f);
	ehp_results res = { 0 };
	f.trace.n = 0;
	ehp_evaluate_family(&tiny_plan, &f.ev, &res);
	/* the claim rule a test of no plan line, measured 1 and not met, once with each reason */
	ehp_evidence item = { .test = EHP_NO_TEST, .subject = EHP_FAMILY, .from = EHP_NO_DATE, .to = EHP_NO_DATE,
	                      .measured = 1, .threshold = NAN, .op = EHP_OP_EQ, .result = EHP_FALSE };
	f.trace.items = ehp_reserve(f.trace.items, &f.trace.cap, f.trace.n + N, sizeof *f.trace.items);
	res.claim_from = f.trace.n;
	ehp_json want = { 0 };
	ehp_buf_lit(&want, ",\"claim_rule\":[");
	for (size_t k = 0; k < N; k++) {
		item.reason = reasons[k];
		f.trace.items[f.trace.n++] = item;
		ehp_buf_str(&want, k ? ",[null,null,1,false,null,null," : "[null,null,1,false,null,null,");
		ehp_json_str(&want, reasons[k]);
		ehp_buf_lit(&want, "]");
	}
	ehp_buf_lit(&want, "],");
	ehp_buf_char(&want, '\0'); /* strings to search */
	res.claim_to = f.trace.n;
	ehp_evidence_writer w = { 0 };
	for (int round = 0; round < 2; round++) {
		ehp_json out = { 0 };
		ehp_evidence_json_family(&w, &out, &tiny_plan, &f.fam, &res, &f.trace);
		ehp_buf_char(&out, '\0');
		if (!strstr(out.p, want.p))
			fail_msg("round %d: %s\nwant %s", round, out.p, want.p);
		ehp_buf_free(&out);
	}
	assert_int_equal(w.n_reasons, EHP_REASON_CACHE);
	ehp_evidence_writer_free(&w);
	ehp_buf_free(&want);
	ehp_results_free(&res);
	fx_free(&f);
}

/* A mapped run's records come from several council files: each run of
 * records from one file is [file, lines...], in the order found (type,
 * date, then file and line), and a range never spans two files. */
static void test_records_from_several_files(void **state)
{
	(void)state;
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "20/04/2023", NULL);          /* line 100, file 0 */
	for (int k = 0; k < 6; k++)                                     /* lines 101-106 */
		fx_record(&f, kid, EHP_T_offence, "01/10/2024", NULL)->file = k < 2 ? 1 : 0;
	fx_record(&f, kid, EHP_T_offence, "01/05/2023", NULL)->file = 1; /* line 107, file 1 */
	fx_ready(&f);
	char *line = family_line(&f, &tiny_plan, false);
	/* 1.1: line 100 of file 0, then line 107 of file 1 */
	assert_non_null(strstr(line, "[\"1.1\",[0],true,[[0,0,2,true,null,null,null,[[0,100],[1,107]]]]]"));
	/* 1a: the six on one day, file 0's (103 to 106, a range) before file 1's (101, 102) */
	assert_non_null(strstr(line, "[[1,1,6,false,null,null,null,[[0,[103,106]],[1,101,102]]]]"));
	free(line);
	fx_free(&f);
}

/* A mapped run names its families and people files on line 1, and each
 * family and member says which its line is in; a native run names neither
 * (its lines are byte for byte as before). */
static void test_council_rows(void **state)
{
	(void)state;
	const char *fams[] = { "north.csv", "south.csv" }, *people[] = { "adults.csv", "children.csv" };
	const char *records[] = { "police.csv" };
	const ehp_file_names council[3] = { { fams, 2 }, { people, 2 }, { records, 1 } };
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	ehp_evidence_json_header(f, &tiny_plan, D("2025-03-15"), &council[2], council);
	ehp_evidence_json_header(f, &tiny_plan, D("2025-03-15"), &council[2], NULL);
	fclose(f);
	const char *mapped = ",\"records_files\":[\"police.csv\"],\"families_files\":[\"north.csv\",\"south.csv\"],"
	                     "\"people_files\":[\"adults.csv\",\"children.csv\"],\"verdict\":";
	char *second = strchr(text, '\n') + 1;
	assert_non_null(strstr(text, mapped));
	assert_true(strstr(text, mapped) < second);
	assert_non_null(strstr(second, ",\"records_files\":[\"police.csv\"],\"verdict\":"));
	assert_null(strstr(second, "families_files"));
	free(text);

	static const double params[] = { 12 };
	fixture fx;
	fx_init(&fx, "15/03/2024", "15/09/2024", "15/03/2025");
	fx.ev.params = params;
	fx.fam.line = 3, fx.fam.file = 1;
	fx_person(&fx, "mum", "1985-04-03", 1u << EHP_F_parent); /* line 2 */
	fx_person(&fx, "kid", "2010-06-01", 0);                   /* line 3 */
	fx.people[1].file = 1;
	fx_ready(&fx);
	ehp_results res = { 0 };
	ehp_evaluate_family(&tiny_plan, &fx.ev, &res);
	ehp_evidence_writer w = { .name_files = true }, native = { 0 };
	ehp_json out = { 0 }, own = { 0 };
	ehp_evidence_json_family(&w, &out, &tiny_plan, &fx.fam, &res, &fx.trace);
	ehp_evidence_json_family(&native, &own, &tiny_plan, &fx.fam, &res, &fx.trace);
	ehp_buf_lit(&out, "\0");
	ehp_buf_lit(&own, "\0");
	assert_non_null(strstr(out.p, "{\"family\":\"F1\",\"line\":3,\"file\":1,\"entry\":"));
	assert_non_null(strstr(out.p, "\"members\":[{\"id\":\"mum\",\"line\":2,\"file\":0},"
	                              "{\"id\":\"kid\",\"line\":3,\"file\":1}],"));
	assert_non_null(strstr(own.p, "{\"family\":\"F1\",\"line\":3,\"entry\":"));
	assert_non_null(strstr(own.p, "\"members\":[{\"id\":\"mum\",\"line\":2},{\"id\":\"kid\",\"line\":3}],"));
	ehp_buf_free(&out);
	ehp_buf_free(&own);
	ehp_evidence_writer_free(&w);
	ehp_evidence_writer_free(&native);
	ehp_results_free(&res);
	fx_free(&fx);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_strings),
		cmocka_unit_test(test_figures_and_dates),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_family_line),
		cmocka_unit_test(test_class_rows_found_nothing),
		cmocka_unit_test(test_household_row_found_nothing),
		cmocka_unit_test(test_windows_numbered_as_written),
		cmocka_unit_test(test_reasons_escaped_once),
		cmocka_unit_test(test_records_from_several_files),
		cmocka_unit_test(test_council_rows),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
