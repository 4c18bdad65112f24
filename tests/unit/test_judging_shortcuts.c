/*
 * test_judging_shortcuts.c - the shortcuts judging takes must not change
 * what it finds: ehp_family_index's counting sort (by type, then insertion
 * or qsort within a type) gives the order a plain qsort gives, the windows
 * remembered from family to family are the windows worked out afresh, the
 * record tests without a trace give the verdicts they give with one, and
 * a row none of the family has records for gives every member the one
 * verdict with its evidence.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdlib.h>
#include <cmocka.h>
#include "fixture.h"
#include "internal.h" /* ehp_record_last_day */
#include "tiny_plan.h"

/* The order ehp_family_index promises, written out again on purpose: the
 * reference the test holds it to, not the code under test. */
static int by_type_date_end_line(const void *pa, const void *pb)
{
	const ehp_record *a = pa, *b = pb;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line;
}

static uint32_t next_random(uint32_t *seed)
{
	*seed = *seed * 1103515245u + 12345u;
	return *seed >> 8;
}

/* n records of `types` types from the first of EHP_N_TYPES on, dated in
 * date order (as extracts list them) or in any order. */
static void fill(ehp_record *r, size_t n, int types, bool dated_in_order, uint32_t seed)
{
	for (size_t i = 0; i < n; i++) {
		ehp_date date = dated_in_order ? (ehp_date)(19000 + i / 3) : (ehp_date)(19000 + next_random(&seed) % 400);
		uint32_t kind = next_random(&seed) % 4;
		ehp_date end = kind == 0 ? EHP_NO_DATE : kind == 1 ? EHP_FOREVER : date + (ehp_date)(next_random(&seed) % 90);
		r[i] = (ehp_record){ .date = date, .end = end, .person = 0,
		                     .type = (uint16_t)((next_random(&seed) % (uint32_t)types) * 7 % EHP_N_TYPES),
		                     .detail = EHP_D_none, .line = 2 + (uint32_t)i, .value = NAN, .total = NAN,
		                     .score = NAN, .author = "" };
	}
}

static void expect_indexed_as_qsort(size_t n, int types, bool dated_in_order, uint32_t seed)
{
	ehp_record *mine = calloc(n + 1, sizeof *mine), *ref = calloc(n + 1, sizeof *ref);
	assert_non_null(mine);
	assert_non_null(ref);
	fill(mine, n, types, dated_in_order, seed);
	memcpy(ref, mine, n * sizeof *ref);
	qsort(ref, n, sizeof *ref, by_type_date_end_line);
	ehp_family fam = { .id = "F1", .records = mine, .n_records = n };
	ehp_family_index(&fam);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(mine[i].line, ref[i].line);
		assert_int_equal(mine[i].type, ref[i].type);
	}
	/* Each type's slice, empty for types the family lacks. */
	for (int t = 0; t < EHP_N_TYPES; t++) {
		size_t want = 0, end, lo, hi;
		while (want < n && ref[want].type < t)
			want++;
		for (end = want; end < n && ref[end].type == t; end++)
			continue;
		ehp_type_slice(&fam, t, &lo, &hi);
		assert_int_equal(hi - lo, end - want);
		if (end > want)
			assert_int_equal(lo, want);
	}
	/* max_span: the longest reach back of each type present. */
	for (size_t i = 0; i < n;) {
		int t = ref[i].type;
		ehp_date longest = 0;
		for (; i < n && ref[i].type == t; i++) {
			ehp_date last = ehp_record_last_day(&ref[i]);
			if (last == EHP_FOREVER || longest == EHP_FOREVER)
				longest = EHP_FOREVER;
			else if (last - ref[i].date > longest)
				longest = last - ref[i].date;
		}
		assert_int_equal(fam.max_span[t], longest);
	}
	free(mine);
	free(ref);
}

static void test_sorted_as_qsort_sorts(void **state)
{
	(void)state;
	/* Empty, one record, small families (sorted on the stack), more than
	 * 64 records (a copy on the heap); one type (already in type order:
	 * spans and date order found in place), a few types (slices over 32
	 * records: qsort), many (scattered, then spans and date order found). */
	static const size_t sizes[] = { 0, 1, 2, 17, 64, 65, 300, 2000 };
	static const int types[] = { 1, 3, 40 };
	uint32_t seed = 7;
	for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
		for (size_t t = 0; t < sizeof types / sizeof *types; t++) {
			expect_indexed_as_qsort(sizes[s], types[t], true, seed++);
			expect_indexed_as_qsort(sizes[s], types[t], false, seed++);
		}
}

static void test_same_day_records_keep_line_order(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	for (int i = 0; i < 40; i++) /* one type, one day, one end: the lines decide */
		fx_record(&f, kid, EHP_T_offence, "2024-01-01", NULL);
	fx_record(&f, kid, EHP_T_attendance, "2023-01-01", NULL);
	fx_ready(&f);
	for (size_t i = 1; i < f.fam.n_records; i++)
		if (f.records[i].type == f.records[i - 1].type)
			assert_true(f.records[i].line > f.records[i - 1].line);
}

/* A window through the memo (ev.res set) against one worked out afresh. */
static void expect_same_window(ehp_window got, ehp_window want)
{
	assert_int_equal(got.from, want.from);
	assert_int_equal(got.to, want.to);
	assert_int_equal(got.months, want.months);
	assert_true(got.missing == want.missing);
}

static void expect_windows_fresh(fixture *f, ehp_results *res)
{
	static const ehp_unit units[] = { EHP_DAYS, EHP_WEEKS, EHP_MONTHS, EHP_TERMS };
	for (int u = 0; u < 4; u++)
		for (int n = 0; n <= 13; n++)
			for (int a = EHP_ENTRY; a <= EHP_CLAIM; a++) {
				f->ev.res = res;
				ehp_window before = ehp_window_before(&f->ev, (ehp_anchor)a, n, units[u]);
				ehp_window after = ehp_window_after(&f->ev, (ehp_anchor)a, n, units[u]);
				f->ev.res = NULL;
				expect_same_window(before, ehp_window_before(&f->ev, (ehp_anchor)a, n, units[u]));
				expect_same_window(after, ehp_window_after(&f->ev, (ehp_anchor)a, n, units[u]));
			}
}

static void test_remembered_windows_follow_the_family(void **state)
{
	(void)state;
	ehp_results res = { 0 };
	fixture f;
	fx_init(&f, "2024-01-31", "2024-09-15", "2025-03-15");
	fx_ready(&f);
	expect_windows_fresh(&f, &res);
	/* Another family, another entry and no closure: nothing remembered
	 * from the first may be given for it. */
	f.fam.entry = D("2023-02-28");
	f.fam.closure = EHP_NO_DATE;
	expect_windows_fresh(&f, &res);
	/* Judged again as at another day. */
	ehp_date as_at = D("2024-12-31");
	f.ev.entry_as = &as_at;
	expect_windows_fresh(&f, &res);
	f.ev.entry_as = NULL;
	/* Another calendar: terms windows are its own. */
	ehp_term one = { D("2022-09-01"), D("2022-12-16") };
	ehp_calendar cal = { .terms = &one, .n = 1 };
	f.ev.res = &res;
	ehp_window england = ehp_window_before(&f.ev, EHP_ENTRY, 3, EHP_TERMS); /* remembered, */
	f.ev.cal = &cal;
	ehp_window other = ehp_window_before(&f.ev, EHP_ENTRY, 3, EHP_TERMS); /* then asked under another */
	f.ev.res = NULL;
	expect_same_window(other, ehp_window_before(&f.ev, EHP_ENTRY, 3, EHP_TERMS));
	assert_true(england.missing == NULL && other.missing != NULL); /* one term only: too short */
	expect_windows_fresh(&f, &res);
	ehp_results_free(&res);
}

/* The windows ehpc numbers (ehp_window_of), kept a family by index and
 * across families by their anchor's day, are the windows worked out afresh:
 * for family after family, with a closure missing, judged again as at
 * another day, and under another calendar. */
/* The spans written in one call (ehp_window_span_at, _at_of) are the spans
 * of their ends: every pair of anchors, every anchor to every numbered
 * window (with a closure missing, the first end or the second missing). */
static void expect_spans_as_ends(fixture *f, ehp_results *res, const ehp_plan *plan)
{
	static const ehp_anchor anchors[] = { EHP_ENTRY, EHP_CLOSURE, EHP_CLAIM };
	for (size_t i = 0; i < 3; i++) {
		ehp_anchor a = anchors[i];
		for (size_t j = 0; j < 3; j++)
			expect_same_window(ehp_window_span_at(&f->ev, a, anchors[j]),
			                   ehp_window_span(ehp_window_at(&f->ev, a), ehp_window_at(&f->ev, anchors[j])));
		for (int k = 0; k < plan->n_windows; k++) {
			const ehp_window_def *d = &plan->windows[k];
			f->ev.res = res;
			ehp_window w = ehp_window_span_at_of(&f->ev, a, k, d->anchor);
			f->ev.res = NULL;
			ehp_window fresh = d->after ? ehp_window_after(&f->ev, d->anchor, d->n, d->unit)
			                            : ehp_window_before(&f->ev, d->anchor, d->n, d->unit);
			expect_same_window(w, ehp_window_span(ehp_window_at(&f->ev, a), fresh));
		}
	}
}

static void expect_numbered_fresh(fixture *f, ehp_results *res, const ehp_plan *plan)
{
	expect_spans_as_ends(f, res, plan);
	for (int pass = 0; pass < 2; pass++) /* the second asks what the first kept */
		for (int k = 0; k < plan->n_windows; k++) {
			const ehp_window_def *d = &plan->windows[k];
			f->ev.res = res;
			ehp_window w = ehp_window_of(&f->ev, k, d->anchor);
			f->ev.res = NULL;
			expect_same_window(w, d->after ? ehp_window_after(&f->ev, d->anchor, d->n, d->unit)
			                               : ehp_window_before(&f->ev, d->anchor, d->n, d->unit));
		}
}

static void test_numbered_windows_follow_the_family(void **state)
{
	(void)state;
	static const ehp_window_def windows[] = {
		{ .anchor = EHP_ENTRY, .n = 12, .unit = EHP_MONTHS, .after = false },
		{ .anchor = EHP_ENTRY, .n = 3, .unit = EHP_TERMS, .after = false },
		{ .anchor = EHP_CLOSURE, .n = 6, .unit = EHP_MONTHS, .after = true },
		{ .anchor = EHP_CLOSURE, .n = 13, .unit = EHP_WEEKS, .after = true },
		{ .anchor = EHP_CLAIM, .n = 1, .unit = EHP_MONTHS, .after = false },
		{ .anchor = EHP_ENTRY, .n = 10, .unit = EHP_DAYS, .after = true },
	};
	static const ehp_plan plan = { .name = "numbered", .windows = windows, .n_windows = 6 };
	ehp_results res = { 0 };
	fixture f;
	fx_init(&f, "2024-01-31", "2024-09-15", "2025-03-15");
	fx_ready(&f);
	f.ev.plan = &plan;
	static const char *const entries[] = { "2024-01-31", "2023-02-28", "2024-01-31", "2024-02-29", "2026-11-09" };
	for (size_t i = 0; i < sizeof entries / sizeof *entries; i++) {
		ehp_windows_begin(&plan, f.ev.cal, &res);
		f.fam.entry = D(entries[i]);
		f.fam.closure = i % 2 ? EHP_NO_DATE : D("2024-09-15");
		/* a hint for this family and another, with no day or any: nothing changes */
		ehp_evaluate_prefetch(&plan, &res, f.fam.entry, f.fam.closure, f.ev.claim);
		ehp_evaluate_prefetch(&plan, &res, EHP_NO_DATE, EHP_NO_DATE, EHP_NO_DATE);
		ehp_evaluate_prefetch(&plan, &res, D("1901-01-01"), D("2099-12-31"), f.ev.claim);
		expect_numbered_fresh(&f, &res, &plan);
	}
	/* A day 2048 days on lands in the same slot: found out by its day. */
	ehp_windows_begin(&plan, f.ev.cal, &res);
	f.fam.entry = D("2024-01-31") + 2048;
	expect_numbered_fresh(&f, &res, &plan);
	/* Judged again as at another day (rejudge.c moves the family's windows on). */
	ehp_date as_at = D("2024-12-31");
	f.ev.entry_as = &as_at;
	ehp_windows_moved(&res);
	expect_numbered_fresh(&f, &res, &plan);
	f.ev.entry_as = NULL;
	ehp_windows_moved(&res);
	expect_numbered_fresh(&f, &res, &plan);
	/* Another calendar: its terms, not the ones kept under England's. */
	ehp_term one = { D("2022-09-01"), D("2022-12-16") };
	ehp_calendar cal = { .terms = &one, .n = 1 };
	f.ev.cal = &cal;
	ehp_windows_begin(&plan, f.ev.cal, &res);
	expect_numbered_fresh(&f, &res, &plan);
	/* Results never given a family of this plan work each window out (and
	 * a hint to them fetches nothing). */
	ehp_results fresh = { 0 };
	ehp_evaluate_prefetch(&plan, &fresh, f.fam.entry, f.fam.closure, f.ev.claim);
	expect_numbered_fresh(&f, &fresh, &plan);
	ehp_results_free(&fresh);
	ehp_results_free(&res);
	fx_free(&f);
}

/* "K of N weeks" of a subject with none of the selection's records (the
 * family has none, or a stand-in past the last member) is counted without a
 * scan a week: the same verdict and figure as a member of a family that has
 * such records, but not them, for whom every week is scanned. */
static void test_weeks_without_records_as_scanned(void **state)
{
	(void)state;
	static const char *const claims[] = { "2024-01-20", "2024-01-21", "2024-02-01", "2024-03-20", "2024-06-30",
		                              "2025-06-30" };
	for (size_t c = 0; c < sizeof claims / sizeof *claims; c++)
		for (int traced = 0; traced < 2; traced++) {
			fixture f;
			fx_init(&f, "2024-01-10", "2024-05-01", claims[c]);
			int kid = fx_person(&f, "kid", "2010-06-01", 0);
			int mum = fx_person(&f, "mum", "1985-06-01", 0);
			fx_record(&f, mum, EHP_T_work_placement, "2024-01-15", "open");
			fx_ready(&f);
			if (!traced)
				f.ev.trace = NULL;
			const ehp_sel sel = SEL(EHP_T_work_placement), other = SEL(EHP_T_offence);
			ehp_window spans[] = {
				ehp_window_span(ehp_window_at(&f.ev, EHP_ENTRY), ehp_window_after(&f.ev, EHP_CLOSURE, 6, EHP_MONTHS)),
				ehp_window_after(&f.ev, EHP_ENTRY, 2, EHP_WEEKS), ehp_window_after(&f.ev, EHP_ENTRY, 12, EHP_MONTHS),
				/* ending on a Sunday, 21 January: its last week ends with it */
				ehp_window_after(&f.ev, EHP_ENTRY, 11, EHP_DAYS), ehp_window_after(&f.ev, EHP_ENTRY, 18, EHP_DAYS),
			};
			for (size_t w = 0; w < sizeof spans / sizeof *spans; w++)
				for (int want = 0; want < 2; want++)
					for (int n = 1; n <= 40; n += n < 3 ? 1 : 13) {
						size_t mark = f.trace.n;
						ehp_tv scanned = ehp_weeks(&f.ev, 1, kid, &sel, 1, want, 1, n, spans[w]);
						double scanned_figure = traced ? f.trace.items[mark].measured : 0;
						const char *why = traced ? f.trace.items[mark].reason : NULL;
						int subjects[] = { 2 /* a stand-in */, kid };
						const ehp_sel *sels[] = { &sel, &other };
						for (int k = 0; k < 2; k++) {
							mark = f.trace.n;
							assert_int_equal(ehp_weeks(&f.ev, 1, subjects[k], sels[k], 1, want, 1, n, spans[w]),
							                 scanned);
							if (traced) {
								assert_true(f.trace.items[mark].measured == scanned_figure);
								assert_true(why == f.trace.items[mark].reason ||
								            (why && f.trace.items[mark].reason &&
								             !strcmp(why, f.trace.items[mark].reason)));
							}
						}
						/* by their total: an empty week's total compared */
						assert_int_equal(ehp_weeks_sum(&f.ev, 1, 2, &sel, 1, EHP_OP_LT, 1, 1, n, spans[w]),
						                 ehp_weeks_sum(&f.ev, 1, kid, &sel, 1, EHP_OP_LT, 1, 1, n, spans[w]));
					}
			fx_free(&f);
		}
}

/* Every record test without a trace gives the verdict it gives with one. */
static void test_no_trace_verdicts_as_with_trace(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2024-06-30");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	int mum = fx_person(&f, "mum", "1985-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2023-05-01", NULL);
	fx_record(&f, mum, EHP_T_offence, "2024-02-01", NULL);
	fx_record(&f, kid, EHP_T_child_in_need, "2023-01-01", "2024-01-31");
	fx_record(&f, EHP_HOUSEHOLD, EHP_T_child_in_need, "2024-05-01", "open");
	fx_ready(&f);
	const ehp_sel sels[] = { SEL(EHP_T_offence), SEL(EHP_T_child_in_need) };
	const int subjects[] = { kid, mum, EHP_HOUSEHOLD, EHP_FAMILY, 2 /* no such member */ };
	ehp_window windows[] = {
		ehp_window_before(&f.ev, EHP_ENTRY, 12, EHP_MONTHS), ehp_window_before(&f.ev, EHP_ENTRY, 1, EHP_MONTHS),
		ehp_window_at(&f.ev, EHP_ENTRY),                     ehp_window_after(&f.ev, EHP_ENTRY, 6, EHP_MONTHS),
		ehp_window_after(&f.ev, EHP_ENTRY, 1, EHP_MONTHS),   ehp_window_before(&f.ev, EHP_CLOSURE, 3, EHP_MONTHS),
	};
	typedef ehp_tv (*test_fn)(ehp_eval *, uint32_t, int, const ehp_sel *, int, ehp_window);
	const test_fn tests[] = { ehp_any, ehp_none, ehp_any_starting, ehp_none_starting };
	for (size_t t = 0; t < sizeof tests / sizeof *tests; t++)
		for (size_t s = 0; s < sizeof subjects / sizeof *subjects; s++)
			for (size_t w = 0; w < sizeof windows / sizeof *windows; w++)
				for (int first = 0; first < 2; first++) {
					int nsel = first ? 1 : 2;
					const ehp_sel *sel = first ? &sels[1] : sels;
					f.ev.trace = &f.trace;
					ehp_tv with = tests[t](&f.ev, 1, subjects[s], sel, nsel, windows[w]);
					f.ev.trace = NULL;
					ehp_tv without = tests[t](&f.ev, 1, subjects[s], sel, nsel, windows[w]);
					assert_int_equal(with, without);
				}
	ehp_trace_free(&f.trace);
}

/* 1.1 and 1a read offences only (as ehpc marks such rows); nobody in the
 * family has one, so every member shares one verdict, judged once. */
static const uint64_t OFFENCES[EHP_TYPE_WORDS] = { [EHP_T_offence / 64] = UINT64_C(1) << (EHP_T_offence % 64) };

static void test_row_nobody_has_records_for(void **state)
{
	(void)state;
	ehp_indicator_def ind[2];
	memcpy(ind, tiny_indicators, sizeof ind);
	ind[0].reads = OFFENCES;
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_person(&f, "mum", "1985-04-03", 1u << EHP_F_parent);
	fx_record(&f, kid, EHP_T_eviction_notice, "20/04/2023", NULL); /* a record, of another type */
	fx_ready(&f);
	for (int share = 0; share < 2; share++) {
		ehp_results res = { 0 };
		f.trace.n = 0;
		f.ev.share_evidence = share;
		ehp_evaluate_family(&plan, &f.ev, &res);
		assert_int_equal(res.ind_start[1] - res.ind_start[0], 2);
		const ehp_ind_verdict *a = &res.ind[res.ind_start[0]], *b = a + 1;
		assert_int_equal(a->subject, 0);
		assert_int_equal(b->subject, 1);
		assert_int_equal(a->met, EHP_FALSE);
		assert_int_equal(b->met, EHP_FALSE);
		/* Each verdict points at its evidence: one item, the test of 1.1. */
		assert_int_equal(a->ev_to - a->ev_from, 1);
		assert_int_equal(b->ev_to - b->ev_from, 1);
		assert_int_equal(f.trace.items[a->ev_from].test, 0);
		if (share) /* one item for both, judged for no member in particular */
			assert_true(a->ev_from == b->ev_from && f.trace.items[a->ev_from].subject == 2);
		else /* each member's own */
			assert_true(a->ev_from != b->ev_from && f.trace.items[b->ev_from].subject == 1);
		ehp_results_free(&res);
	}
	/* Without a trace, the same verdicts: not met, so not kept (only
	 * the evidence, --explain and the case runner read such verdicts, and
	 * they keep a trace). */
	ehp_results res = { 0 };
	f.ev.trace = NULL;
	ehp_evaluate_family(&plan, &f.ev, &res);
	assert_int_equal(res.ind_start[1] - res.ind_start[0], 0);
	assert_false(res.met[0] & 1);
	ehp_results_free(&res);
	fx_free(&f);
}

/* Each row's verdicts start where ind_start says, rows kept or not, across
 * a word of the row masks: judge_rows writes the starts a run of rows at a
 * time, and a row that keeps no verdict must start where the next does. */
static ehp_tv always_met(ehp_eval *ev, int subject)
{
	(void)ev;
	(void)subject;
	return EHP_TRUE;
}

static ehp_tv never_met(ehp_eval *ev, int subject)
{
	(void)ev;
	(void)subject;
	return EHP_FALSE;
}

static void expect_starts(const ehp_results *res, int n, bool traced)
{
	assert_int_equal(res->ind_start[0], 0);
	assert_int_equal(res->ind_start[n], res->n_ind);
	for (int i = 0; i < n; i++) {
		bool met = i % 5 == 0 || i % 7 == 3 || (i >= 60 && i <= 66);
		assert_int_equal(res->ind_start[i + 1] - res->ind_start[i], met || traced ? 1 : 0);
		for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++) {
			assert_int_equal(res->ind[v].indicator, i);
			assert_int_equal(res->ind[v].met, met ? EHP_TRUE : EHP_FALSE);
		}
	}
}

static void test_row_starts_kept_or_not(void **state)
{
	(void)state;
	enum { N = 70 };
	ehp_indicator_def ind[N];
	for (int i = 0; i < N; i++) {
		bool met = i % 5 == 0 || i % 7 == 3 || (i >= 60 && i <= 66);
		ind[i] = tiny_indicators[1]; /* a household row: one verdict */
		ind[i].scope = EHP_SCOPE_FAMILY;
		ind[i].when = met ? always_met : never_met;
	}
	ehp_plan plan = tiny_plan;
	plan.indicators = ind;
	plan.n_indicators = N;
	static const double params[] = { 12 };
	fixture f;
	fx_init(&f, "15/03/2024", "15/09/2024", "15/03/2025");
	f.ev.params = params;
	fx_person(&f, "kid", "2010-06-01", 0);
	fx_ready(&f);
	ehp_results res = { 0 };
	for (int traced = 1; traced >= 0; traced--) {
		f.trace.n = 0;
		f.ev.trace = traced ? &f.trace : NULL;
		ehp_evaluate_family(&plan, &f.ev, &res); /* the results reused, as from family to family */
		expect_starts(&res, N, traced);
		for (int o = 0; o < plan.n_outcomes; o++)
			assert_true(res.out_start[o] <= res.out_start[o + 1]);
		assert_int_equal(res.out_start[plan.n_outcomes], res.n_out);
	}
	ehp_results_free(&res);
	fx_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sorted_as_qsort_sorts),
		cmocka_unit_test(test_same_day_records_keep_line_order),
		cmocka_unit_test(test_remembered_windows_follow_the_family),
		cmocka_unit_test(test_numbered_windows_follow_the_family),
		cmocka_unit_test(test_weeks_without_records_as_scanned),
		cmocka_unit_test(test_no_trace_verdicts_as_with_trace),
		cmocka_unit_test(test_row_nobody_has_records_for),
		cmocka_unit_test(test_row_starts_kept_or_not),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
