/*
 * internal.h - declarations shared between the runtime's own files; not part
 * of the public interface.
 */
#ifndef EHP_INTERNAL_H
#define EHP_INTERNAL_H

#include <string.h>
#include "eval.h"
#include "mem.h"

/* ehp_date_parse, also giving the year as written (-1 when the text is
 * not shaped as a date), so that a date refused for its year can be told
 * from one that is not a date at all. */
ehp_date ehp_date_read(const char *s, size_t len, int *year);

/* A new evidence item at the end of the trace (which must not be NULL),
 * its fields for the caller to set. */
void ehp_trace_grow(ehp_trace *t);
static inline ehp_evidence *ehp_trace_push(ehp_trace *t)
{
	if (t->n == t->cap)
		ehp_trace_grow(t);
	return &t->items[t->n++];
}

/* Term windows (terms.c); `missing` set when the calendar is too short. */
ehp_window ehp_terms_before(const ehp_calendar *cal, ehp_date anchor, int n);
ehp_window ehp_terms_after(const ehp_calendar *cal, ehp_date anchor, int n);
const ehp_term *ehp_term_containing(const ehp_calendar *cal, ehp_date d);

/* The last day a record covers. A state (a record of a state type, or any
 * record given an end date) runs to its end, EHP_FOREVER while current; an
 * event covers its own date only. */
static inline ehp_date ehp_record_last_day(const ehp_record *r)
{
	if (r->end != EHP_NO_DATE)
		return r->end;
	return ehp_types[r->type].kind == EHP_STATE ? EHP_FOREVER : r->date;
}

/* Whether a record belongs to the subject and matches the selector. */
bool ehp_record_selected(const ehp_record *r, int subject, const ehp_sel *sel);

/* Calls visit for every record of the subject matching any selector that is
 * in [from, to]: an event by its date, a state when its span overlaps. Stops
 * when visit returns false. Binary search; allocates nothing (scan.c). */
typedef bool (*ehp_visit_fn)(const ehp_record *r, void *ctx);
void ehp_scan(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to,
              ehp_visit_fn visit, void *ctx);
/* Whether the family has no record of any type the selection names: then
 * no scan can find one, and a test without a trace need not start one. */
static inline bool ehp_lacks_types(const ehp_family *f, const ehp_sel *sel, int nsel)
{
	for (int s = 0; s < nsel; s++)
		if (f->types[sel[s].type / 64] >> (sel[s].type % 64) & 1)
			return false;
	return true;
}
/* Whether the subject has no record of any type the selection names, so
 * no scan for it can find one: the family has none, or the subject is a
 * stand-in for the members without records (a person index past the last
 * member: evaluate.c, a class's verdict worked out). */
static inline bool ehp_subject_lacks(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel)
{
	return (subject >= 0 && (size_t)subject >= ev->fam->n_people) || ehp_lacks_types(ev->fam, sel, nsel);
}
/* Whether ehp_scan would visit any record (with `starting`, any begun in
 * [from, to]): the same walk with no visitor, for tests that keep no
 * evidence and need only the first. */
bool ehp_scan_any(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to,
                  bool starting);

/* ehp_scan for subject EHP_GROUP, which only the measures (measure.c) are
 * given: the records of the members in ev->group (together.c). */
void ehp_scan_group(const ehp_eval *ev, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to, ehp_visit_fn visit,
                    void *ctx);

/* What a scan found: how many, the first places, and the sums. With `keep`
 * (a trace), the places beyond the first four go to keep->more from `more`. */
typedef struct {
	uint32_t n;
	ehp_cite lines[4];
	double value, total;
	uint32_t with_total; /* records with a total */
	ehp_trace *keep;
	uint32_t more;
} ehp_tally;
void ehp_tally_line(ehp_tally *t, ehp_cite at);       /* one more record found, there */
bool ehp_tally_add(const ehp_record *r, void *ctx);   /* visit: counts and sums all */
bool ehp_tally_value(const ehp_record *r, void *ctx); /* visit: counts and sums values, not totals */
bool ehp_tally_first(const ehp_record *r, void *ctx); /* visit: stops at the first */
/* ehp_scan of one selector with ehp_tally_add's (or, for a `plus` one,
 * ehp_tally_value's) sums done in the loop, for a measure that keeps no
 * evidence: the count and the sums only, no places. */
void ehp_scan_tally(const ehp_eval *ev, int subject, const ehp_sel *sel, ehp_date from, ehp_date to, ehp_tally *t);

/* The evidence item of one test: NULL (and nothing kept) without a trace.
 * begin fills the window (or its missing reason); end sets the result, and
 * the reason when one is given. */
ehp_evidence *ehp_evidence_push(ehp_eval *ev, uint32_t test, int subject, const char *what, ehp_window w);
static inline ehp_evidence *ehp_evidence_begin(ehp_eval *ev, uint32_t test, int subject, const char *what,
                                               ehp_window w)
{
	return ev->trace ? ehp_evidence_push(ev, test, subject, what, w) : NULL; /* no call without a trace */
}
/* The same, saying which test it is (how it is put in words); inline too,
 * so a test costs no call when no evidence is kept. */
ehp_evidence *ehp_evidence_push_kind(ehp_eval *ev, uint32_t test, int subject, const char *what, ehp_window w,
                                     ehp_test_kind kind);
static inline ehp_evidence *ehp_evidence_begin_kind(ehp_eval *ev, uint32_t test, int subject, const char *what,
                                                    ehp_window w, ehp_test_kind kind)
{
	return ev->trace ? ehp_evidence_push_kind(ev, test, subject, what, w, kind) : NULL;
}
static inline ehp_tv ehp_evidence_end(ehp_evidence *e, ehp_tv v, const char *reason)
{
	if (e) {
		e->result = v;
		if (reason)
			e->reason = reason;
	}
	return v;
}
/* The records a scan found, as the item's places (inline: a call a test). */
static inline void ehp_evidence_lines(ehp_evidence *e, const ehp_tally *t)
{
	if (!e)
		return;
	e->n_lines = t->n;
	memcpy(e->lines, t->lines, sizeof e->lines);
	e->more = t->more;
}
/* Static text for an evidence item's `what`; inline, as every test on the
 * hot path names its selection whether or not evidence is kept. */
static inline const char *ehp_sel_name(const ehp_sel *sel, int nsel)
{
	if (nsel < 1)
		return "";
	return sel[0].words ? sel[0].words : ehp_types[sel[0].type].name;
}

/* a op b, exact on the figures as recorded but for floating-point noise
 * far below any figure a plan writes (measure.c). */
bool ehp_holds(double a, ehp_op op, double b);

/* Shared by the family-level judging (evaluate.c, rejudge.c). */
/* ehp_age_on(born, on) for the day y-m-d (a valid date): a family's
 * members' ages on its entry date with the date taken apart once. */
int ehp_age_on_ymd(ehp_date born, int y, int m, int d);
size_t ehp_trace_mark(const ehp_eval *ev);                      /* where the next evidence item goes */
static inline bool ehp_in_cohort(const ehp_eval *ev, ehp_cohort_fn who, int person) /* no cohort: everyone */
{
	return !who || who(ev, person);
}
/* Row cohorts worked out once a family (cohorts.c): begun (the last
 * family's forgotten) before a family's rows are judged, ended after; the
 * members of cohort c (1 + its index in plan->cohorts) as a mask, when
 * ehp_cohort_known says the mask may be used. */
void ehp_cohorts_begin(const ehp_plan *plan, const ehp_family *fam, ehp_results *res);
/* A new family's numbered windows (ehp_window_of): none worked out yet. */
void ehp_windows_begin(const ehp_plan *plan, const ehp_calendar *cal, ehp_results *res);
/* The family's windows kept by index are forgotten: judged again as at
 * another date (ehp_eval.entry_as), `before entry` moves. */
void ehp_windows_moved(ehp_results *res);
void ehp_windows_free(ehp_results *res);
void ehp_cohorts_end(ehp_results *res);
uint64_t ehp_cohort_work_out(const ehp_eval *ev, int cohort);
static inline uint64_t ehp_cohort_members(const ehp_eval *ev, int cohort)
{
	const ehp_cohort_memo *m = &ev->res->cohorts[cohort - 1];
	return m->known ? m->members : ehp_cohort_work_out(ev, cohort);
}

/* Stand-in classes (standins.c): begun before a family's rows are judged
 * (the last family's verdicts forgotten); a class's verdict, worked out
 * for the first row that asks (only without a trace: with one, each row
 * leaves its own evidence, ehp_standin_traced below); the indicators not entered in this family
 * (every member gets their class's verdict, not met, and no trace is
 * kept), found once its record types are known, and whether i is one. */
void ehp_standins_index(const ehp_plan *plan, ehp_results *res); /* the plan's tables, once a plan */
void ehp_standins_begin(const ehp_plan *plan, ehp_results *res);
/* The class's verdict worked out, or found in the verdicts remembered
 * across families (standin_memo.c: begun once a family, before its rows
 * are judged), and kept for the family. */
ehp_tv ehp_standin_work_out(ehp_eval *ev, ehp_cond_fn when, int standin);
typedef struct ehp_standin_memo ehp_standin_memo;
void ehp_standin_memo_begin(ehp_eval *ev);
/* ehp_evaluate_prefetch's two halves: the memo's slots for a family's
 * dates, and the numbered windows' slots for its anchors' days
 * (anchor_day, by ehp_anchor; window.c). */
void ehp_standin_memo_prefetch(const ehp_plan *plan, const ehp_results *res, ehp_date entry, ehp_date closure);
void ehp_windows_prefetch(const ehp_plan *plan, const ehp_results *res, const ehp_date *anchor_day);
/* Without a trace, the indicators of classes whose verdict is not
 * EHP_FALSE taken out of res->skip (standins.c), those of each group of
 * remembered classes at once; false when the memo is not in use. */
bool ehp_standin_memo_skip(ehp_eval *ev);
void ehp_standin_memo_free(ehp_results *res);
static inline ehp_tv ehp_standin_verdict(ehp_eval *ev, ehp_cond_fn when, int standin)
{
	int8_t v = ev->res->standins[standin - 1];
	return v >= 0 ? (ehp_tv)v : ehp_standin_work_out(ev, when, standin);
}
void ehp_standins_skip(ehp_eval *ev);
/* With a trace (standin_trace.c): begun before a family's rows are judged;
 * row's verdict for the stand-in of class `standin` (row: an indicator's
 * index, an outcome's after the indicators) and its evidence [*from, *to),
 * the class's worked out once a family and copied. */
typedef struct ehp_standin_traces ehp_standin_traces;
void ehp_standin_traces_begin(const ehp_plan *plan, ehp_results *res);
ehp_tv ehp_standin_traced(ehp_eval *ev, ehp_cond_fn when, int standin, int row, size_t *from, size_t *to);
/* The class's own verdict (its first row's), its evidence left once a family. */
ehp_tv ehp_standin_class_traced(ehp_eval *ev, int standin);
/* Of the indicators not entered (skip: their class's verdict not met),
 * those whose every member's verdict can be told as the class's evidence
 * with the row's own tests stay so (ehp_nothing_row tells them, in eval.h);
 * the others are entered after all. Decided a class at a time. */
void ehp_standin_traces_skip(ehp_eval *ev);
/* A household or family row of a class, judged as written for `subject`
 * with a trace, its evidence [from, to): learned beside its class's when
 * the class found nothing, so it may be listed unentered after. */
void ehp_standin_group_judged(ehp_eval *ev, int i, int subject, ehp_tv v, size_t from, size_t to);
void ehp_standin_traces_free(ehp_results *res);
static inline bool ehp_standin_skipped(const ehp_results *res, int i)
{
	return res->skip[i / 64] >> (i % 64) & 1;
}
/* For a cohort in the plan's table, a family of at most 64 members, while
 * the family's own evaluation judges its rows (ages at entry: not while
 * indicators are judged again as at another date, which never asks). */
static inline bool ehp_cohort_known(const ehp_eval *ev, int cohort)
{
	return (unsigned)cohort - 1u < ev->res->n_cohorts_known;
}
bool ehp_serves(const ehp_outcome_def *o, int indicator);
/* Indicator i for one subject, and whether a member meeting it is exempt. */
ehp_tv ehp_judge_indicator(ehp_eval *ev, int i, int subject, ehp_tv *exempt);
/* Whether a met indicator is answered: exempt, or an outcome serving it is
 * achieved for its member or for the household or family. */
bool ehp_resolved(const ehp_eval *ev, const ehp_ind_verdict *iv);
ehp_evidence *ehp_rule_evidence(ehp_eval *ev, uint32_t test, const char *what); /* NULL without a trace */

#endif
