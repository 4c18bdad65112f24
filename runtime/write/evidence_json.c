/*
 * evidence_json.c - evidence.jsonl (evidence_json.h, docs/evidence.md).
 *
 * Kept small: a row's wording is on the first line, not in every family;
 * the members whose verdicts on a row rest on the same evidence (most of
 * them: nothing of the row's record types) are one entry listing them; a
 * window used by several tests is written once in the family's "windows"
 * and named by its index. Everything is formatted here, from the typed
 * trace, into one buffer per family: nothing is formatted while judging.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "evidence_json.h"
#include "mem.h"

static const char *const OPS[] = { "<", "<=", ">", ">=", "=" };
static const char *const SCOPES[] = { "person", "household", "family" };

/* ------------------------------------------------------------ the first line */

static void row_head(ehp_json *j, const ehp_plan *plan, const char *id, uint32_t line, int theme, ehp_scope scope,
                     const char *text)
{
	ehp_json_lit(j, "{\"id\":");
	ehp_json_str(j, id);
	ehp_json_lit(j, ",\"line\":");
	ehp_json_uint(j, line);
	ehp_json_lit(j, ",\"theme\":");
	ehp_json_str(j, theme >= 0 && theme < plan->n_themes ? plan->themes[theme].name : NULL);
	ehp_json_lit(j, ",\"scope\":");
	ehp_json_str(j, scope <= EHP_SCOPE_FAMILY ? SCOPES[scope] : NULL);
	ehp_json_lit(j, ",\"text\":");
	ehp_json_str(j, text);
}

void ehp_evidence_json_header(FILE *f, const ehp_plan *plan, ehp_date claim, const char *records_file)
{
	ehp_json j = { 0 };
	ehp_json_lit(&j, "{\"ehp_evidence\":1,\"plan\":{\"name\":");
	ehp_json_str(&j, plan->name);
	ehp_json_lit(&j, ",\"title\":");
	ehp_json_str(&j, plan->title);
	ehp_json_lit(&j, ",\"file\":");
	ehp_json_str(&j, plan->file);
	ehp_json_lit(&j, ",\"sha256\":");
	ehp_json_str(&j, plan->hash);
	ehp_json_lit(&j, "},\"claim_date\":");
	ehp_json_date(&j, claim);
	ehp_json_lit(&j, ",\"records_file\":");
	ehp_json_str(&j, records_file);
	/* The arrays of the family lines, element by element (docs/evidence.md). */
	ehp_json_lit(&j, ",\"verdict\":[\"row\",\"who\",\"result\",\"tests\",\"exempt\"]"
	                 ",\"test\":[\"line\",\"window\",\"measured\",\"result\",\"op\",\"threshold\",\"why\","
	                 "\"records\",\"subject\"]");
	ehp_json_lit(&j, ",\"themes\":[");
	for (int t = 0; t < plan->n_themes; t++) {
		ehp_json_sep(&j, t);
		ehp_json_lit(&j, "{\"name\":");
		ehp_json_str(&j, plan->themes[t].name);
		ehp_json_lit(&j, ",\"title\":");
		ehp_json_str(&j, plan->themes[t].title);
		ehp_json_lit(&j, ",\"line\":");
		ehp_json_uint(&j, plan->themes[t].line);
		ehp_json_lit(&j, "}");
	}
	ehp_json_lit(&j, "],\"indicators\":[");
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		if (i)
			ehp_json_lit(&j, ",");
		row_head(&j, plan, d->id, d->line, d->theme, d->scope, d->text);
		ehp_json_lit(&j, ",\"exempt_when\":");
		ehp_json_bool(&j, d->exempt);
		ehp_json_lit(&j, "}");
	}
	ehp_json_lit(&j, "],\"outcomes\":[");
	for (int o = 0; o < plan->n_outcomes; o++) {
		const ehp_outcome_def *d = &plan->outcomes[o];
		if (o)
			ehp_json_lit(&j, ",");
		row_head(&j, plan, d->id, d->line, d->theme, d->scope, d->text);
		ehp_json_lit(&j, ",\"serves\":[");
		for (const int *s = d->serves; *s >= 0; s++) {
			if (s != d->serves)
				ehp_json_lit(&j, ",");
			ehp_json_str(&j, *s < plan->n_indicators ? plan->indicators[*s].id : NULL);
		}
		ehp_json_lit(&j, "],\"supplementary\":");
		ehp_json_bool(&j, d->supplementary);
		ehp_json_lit(&j, "}");
	}
	ehp_json_lit(&j, "]}\n");
	fwrite(j.p, 1, j.len, f);
	ehp_json_free(&j);
}

/* ------------------------------------------------------------ comparing evidence */

/* Whose records an item read, as its verdict sees it: SELF for the
 * verdict's own subject (and for the stand-in of a shared verdict, one past
 * the last member), else the subject itself. */
#define SELF INT32_MIN

static int32_t seen_subject(const ehp_family *fam, int32_t item, int32_t verdict)
{
	return item == verdict || item == (int32_t)fam->n_people ? SELF : item;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_figure(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/* The lines an item cites that the trace holds (a guard against a test
 * that claims more than it kept). */
static uint32_t cited(const ehp_trace *t, const ehp_evidence *e)
{
	if (e->n_lines <= 4)
		return e->n_lines;
	return (size_t)e->more + e->n_lines - 4 <= t->n_more ? e->n_lines : 4;
}

static bool same_item(const ehp_family *fam, const ehp_trace *t, const ehp_evidence *a, int32_t sa,
                      const ehp_evidence *b, int32_t sb)
{
	if (a->plan_line != b->plan_line || a->from != b->from || a->to != b->to || a->result != b->result ||
	    a->op != b->op || a->n_lines != b->n_lines || !same_figure(a->measured, b->measured) ||
	    !same_figure(a->threshold, b->threshold) || !same_text(a->what, b->what) ||
	    !same_text(a->reason, b->reason) || seen_subject(fam, a->subject, sa) != seen_subject(fam, b->subject, sb))
		return false;
	uint32_t n = cited(t, a);
	if (n != cited(t, b))
		return false;
	for (uint32_t k = 0; k < n; k++)
		if (ehp_evidence_line(t, a, k) != ehp_evidence_line(t, b, k))
			return false;
	return true;
}

static bool same_evidence(const ehp_family *fam, const ehp_trace *t, size_t af, size_t at, int32_t sa, size_t bf,
                          size_t bt, int32_t sb)
{
	if (at - af != bt - bf)
		return false;
	if (af == bf) /* a shared verdict's one range */
		return true;
	for (size_t k = 0; af + k < at && af + k < t->n && bf + k < t->n; k++)
		if (!same_item(fam, t, &t->items[af + k], sa, &t->items[bf + k], sb))
			return false;
	return true;
}

/* ------------------------------------------------------------ a family's line */

static size_t window_index(ehp_evidence_writer *w, ehp_date from, ehp_date to)
{
	for (size_t k = w->n_windows; k-- > 0;)
		if (w->windows[k][0] == from && w->windows[k][1] == to)
			return k;
	w->windows = ehp_reserve(w->windows, &w->cap_windows, w->n_windows + 1, sizeof *w->windows);
	w->windows[w->n_windows][0] = from;
	w->windows[w->n_windows][1] = to;
	return w->n_windows++;
}

static void subject(ehp_json *j, int32_t s)
{
	if (s == EHP_HOUSEHOLD)
		ehp_json_lit(j, "\"household\"");
	else if (s == EHP_FAMILY)
		ehp_json_lit(j, "\"family\"");
	else
		ehp_json_int(j, s);
}

/* A test as an array (docs/evidence.md): [plan line, window, measured,
 * result, op, threshold, why, records, subject], cut after its last
 * element that says something, so a test that found nothing is
 * [line, window, 0, false]. */
static void item(ehp_evidence_writer *w, const ehp_family *fam, const ehp_trace *t, const ehp_evidence *e,
                 int32_t verdict_subject)
{
	ehp_json *j = &w->out;
	int32_t s = seen_subject(fam, e->subject, verdict_subject);
	uint32_t n = cited(t, e);
	bool why = e->reason && e->reason != ehp_reason_none_found;
	bool compared = !isnan(e->threshold) && (unsigned)e->op <= EHP_OP_EQ;
	int last = s != SELF ? 8 : n ? 7 : why ? 6 : compared ? 5 : 3;
	ehp_json_lit(j, "[");
	ehp_json_uint(j, e->plan_line);
	ehp_json_lit(j, ",");
	if (e->from != EHP_NO_DATE || e->to != EHP_NO_DATE)
		ehp_json_uint(j, window_index(w, e->from, e->to));
	else
		ehp_json_lit(j, "null");
	ehp_json_lit(j, ",");
	ehp_json_num(j, e->measured);
	ehp_json_lit(j, ",");
	ehp_json_tv(j, e->result);
	if (last >= 4) {
		if (compared) {
			ehp_json_lit(j, ",\"");
			ehp_json_raw(j, OPS[e->op], strlen(OPS[e->op]));
			ehp_json_lit(j, "\",");
			ehp_json_num(j, e->threshold);
		} else {
			ehp_json_lit(j, ",null,null");
		}
	}
	if (last >= 6) {
		ehp_json_lit(j, ",");
		ehp_json_str(j, why ? e->reason : NULL);
	}
	if (last >= 7) {
		ehp_json_lit(j, ",[");
		for (uint32_t k = 0; k < n; k++) {
			ehp_json_sep(j, k);
			ehp_json_uint(j, ehp_evidence_line(t, e, k));
		}
		ehp_json_lit(j, "]");
	}
	if (last >= 8) {
		ehp_json_lit(j, ",");
		subject(j, s);
	}
	ehp_json_lit(j, "]");
}

static void tests(ehp_evidence_writer *w, const ehp_family *fam, const ehp_trace *t, size_t from, size_t to,
                  int32_t verdict_subject)
{
	ehp_json_lit(&w->out, "[");
	for (size_t i = from; i < to && i < t->n; i++) {
		if (i > from)
			ehp_json_lit(&w->out, ",");
		item(w, fam, t, &t->items[i], verdict_subject);
	}
	ehp_json_lit(&w->out, "]");
}

/* One row's verdicts [lo, hi) (each verdict's fields read through `at`),
 * members with the same verdict on the same evidence as one entry. A
 * verdict is compared with the last few groups only, so a family of
 * thousands of members costs no more per member than a small one. */
enum { LOOKBACK = 8 };

typedef struct verdict_view {
	int row, subject;
	ehp_tv v, exempt;
	size_t from, to;
} verdict_view;

static verdict_view ind_at(const ehp_results *res, size_t k)
{
	const ehp_ind_verdict *v = &res->ind[k];
	return (verdict_view){ v->indicator, v->subject, v->met, v->exempt, v->ev_from, v->ev_to };
}

static verdict_view out_at(const ehp_results *res, size_t k)
{
	const ehp_out_verdict *v = &res->out[k];
	return (verdict_view){ v->outcome, v->subject, v->achieved, EHP_FALSE, v->ev_from, v->ev_to };
}

static void row_verdicts(ehp_evidence_writer *w, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                         const ehp_trace *t, size_t lo, size_t hi, bool indicator, bool *first)
{
	size_t n = hi - lo, groups = 0;
	if (!n)
		return;
	w->views = ehp_reserve(w->views, &w->cap_views, n, sizeof *w->views);
	verdict_view *views = w->views;
	for (size_t k = 0; k < n; k++)
		views[k] = indicator ? ind_at(res, lo + k) : out_at(res, lo + k);
	w->next = ehp_reserve(w->next, &w->cap_next, n, sizeof *w->next);
	w->lead = ehp_reserve(w->lead, &w->cap_lead, 2 * n, sizeof *w->lead); /* lead, then last, of each group */
	size_t *last = w->lead + n;
	for (size_t k = 0; k < n; k++) {
		verdict_view v = views[k];
		w->next[k] = (size_t)-1;
		size_t g = groups;
		for (size_t c = groups; c-- > (groups > LOOKBACK ? groups - LOOKBACK : 0);) {
			verdict_view u = views[w->lead[c]];
			if (u.v == v.v && u.exempt == v.exempt &&
			    same_evidence(fam, t, u.from, u.to, u.subject, v.from, v.to, v.subject)) {
				g = c;
				break;
			}
		}
		if (g == groups) {
			w->lead[groups++] = k;
		} else {
			w->next[last[g]] = k;
		}
		last[g] = k;
	}
	/* [row, who, result, tests], and for an indicator a fifth element,
	 * true, when the members are exempt from needing an outcome. */
	ehp_json *j = &w->out;
	for (size_t g = 0; g < groups; g++) {
		verdict_view v = views[w->lead[g]];
		ehp_json_sep(j, !*first);
		*first = false;
		ehp_json_lit(j, "[");
		ehp_json_str(j, indicator ? plan->indicators[v.row].id : plan->outcomes[v.row].id);
		ehp_json_lit(j, ",");
		if (v.subject < 0) {
			subject(j, v.subject);
		} else {
			ehp_json_lit(j, "[");
			for (size_t k = w->lead[g]; k != (size_t)-1; k = w->next[k]) {
				ehp_json_sep(j, k != w->lead[g]);
				ehp_json_int(j, views[k].subject);
			}
			ehp_json_lit(j, "]");
		}
		ehp_json_lit(j, ",");
		ehp_json_tv(j, v.v);
		ehp_json_lit(j, ",");
		tests(w, fam, t, v.from, v.to, v.subject);
		if (v.exempt == EHP_TRUE)
			ehp_json_lit(j, ",true");
		ehp_json_lit(j, "]");
	}
}

void ehp_evidence_json_family(ehp_evidence_writer *w, const ehp_plan *plan, const ehp_family *fam,
                              const ehp_results *res, const ehp_trace *t)
{
	ehp_json *j = &w->out;
	j->len = 0;
	w->n_windows = 0;
	ehp_json_lit(j, "{\"family\":");
	ehp_json_str(j, fam->id);
	ehp_json_lit(j, ",\"line\":");
	ehp_json_uint(j, fam->line);
	ehp_json_lit(j, ",\"entry\":");
	ehp_json_date(j, fam->entry);
	ehp_json_lit(j, ",\"closure\":");
	ehp_json_date(j, fam->closure);
	ehp_json_lit(j, ",\"data_complete\":");
	ehp_json_bool(j, !ehp_family_incomplete(fam));
	ehp_json_lit(j, ",\"rows_rejected\":");
	ehp_json_uint(j, fam->rejected);
	ehp_json_lit(j, ",\"members\":[");
	for (size_t p = 0; p < fam->n_people; p++) {
		ehp_json_sep(j, p);
		ehp_json_lit(j, "{\"id\":");
		ehp_json_str(j, fam->people[p].id);
		ehp_json_lit(j, ",\"line\":");
		ehp_json_uint(j, fam->people[p].line);
		ehp_json_lit(j, "}");
	}
	ehp_json_lit(j, "],\"eligible\":");
	ehp_json_tv(j, res->eligible);
	ehp_json_lit(j, ",\"claimable\":");
	ehp_json_tv(j, res->claimable);
	ehp_json_lit(j, ",\"themes_met\":");
	ehp_json_int(j, res->themes_met);
	if (res->reason[0]) {
		ehp_json_lit(j, ",\"reason\":");
		ehp_json_str(j, res->reason);
	}
	bool first = true;
	ehp_json_lit(j, ",\"indicators\":[");
	for (int i = 0; i < plan->n_indicators && res->ind_start; i++)
		row_verdicts(w, plan, fam, res, t, res->ind_start[i], res->ind_start[i + 1], true, &first);
	first = true;
	ehp_json_lit(j, "],\"outcomes\":[");
	for (int o = 0; o < plan->n_outcomes && res->out_start; o++)
		row_verdicts(w, plan, fam, res, t, res->out_start[o], res->out_start[o + 1], false, &first);
	ehp_json_lit(j, "],\"eligibility\":");
	tests(w, fam, t, res->elig_from, res->elig_to, EHP_FAMILY);
	ehp_json_lit(j, ",\"claim_rule\":");
	tests(w, fam, t, res->claim_from, res->claim_to, EHP_FAMILY);
	ehp_json_lit(j, ",\"windows\":[");
	for (size_t k = 0; k < w->n_windows; k++) {
		ehp_json_sep(j, k);
		ehp_json_lit(j, "[");
		ehp_json_date(j, w->windows[k][0]);
		ehp_json_lit(j, ",");
		ehp_json_date(j, w->windows[k][1]);
		ehp_json_lit(j, "]");
	}
	ehp_json_lit(j, "]}\n");
}

void ehp_evidence_writer_free(ehp_evidence_writer *w)
{
	ehp_json_free(&w->out);
	free(w->next);
	free(w->lead);
	free(w->views);
	free(w->windows);
	*w = (ehp_evidence_writer){ 0 };
}
