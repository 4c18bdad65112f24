/*
 * scan.c - finding a subject's selected records in a window, and starting
 * the evidence item a test leaves in the trace. Shared by the record tests
 * (record_tests.c) and the measures (measure.c). Nothing here allocates
 * except the trace, which grows once and is reused from family to family.
 */
#include <math.h>
#include <string.h>
#include "internal.h"

/* Inlined in the scans below, which ask it of every record in a window. */
static inline bool selected(const ehp_record *r, int subject, const ehp_sel *sel)
{
	if (subject != EHP_FAMILY && r->person != subject)
		return false;
	if (sel->detail >= 0 && r->detail != sel->detail)
		return false;
	if (!sel->author)
		return true;
	const char *by = r->author ? r->author : "";
	if (!strcmp(sel->author, "practitioner")) /* any professional: every role but self */
		return by[0] && strcmp(by, "self") != 0;
	return strcmp(by, sel->author) == 0;
}

bool ehp_record_selected(const ehp_record *r, int subject, const ehp_sel *sel)
{
	return selected(r, subject, sel);
}

/* First index in [lo, hi) whose date is >= d. */
static size_t lower_bound(const ehp_record *rec, size_t lo, size_t hi, int64_t d)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (rec[mid].date < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The records of type t that may reach into a window from `from`: from the
 * first that may to the type's end, [*lo, *hi); empty when the family has
 * none of the type. */
static inline void slice_from(const ehp_family *f, int t, ehp_date from, size_t *lo, size_t *hi)
{
	ehp_type_slice(f, t, lo, hi);
	/* No record of this type reaches further back than max_span days
	 * (kept for the types present only). */
	if (*lo != *hi && f->max_span[t] != EHP_FOREVER)
		*lo = lower_bound(f->records, *lo, *hi, (int64_t)from - f->max_span[t]);
}

/* A subject no record belongs to: the stand-in a shared verdict is judged
 * for, one past the last member (evaluate.c). Its scans find nothing, so
 * they need not walk the other members' records. */
static inline bool nobodys(const ehp_family *f, int subject)
{
	return subject >= 0 && (size_t)subject >= f->n_people;
}

void ehp_scan(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to,
              ehp_visit_fn visit, void *ctx)
{
	const ehp_family *f = ev->fam;
	if (nobodys(f, subject))
		return;
	for (int s = 0; s < nsel; s++) {
		size_t lo, hi;
		slice_from(f, sel[s].type, from, &lo, &hi);
		for (size_t i = lo; i < hi && f->records[i].date <= to; i++) {
			const ehp_record *r = &f->records[i];
			if (ehp_record_last_day(r) >= from && selected(r, subject, &sel[s]) && !visit(r, ctx))
				return;
		}
	}
}

bool ehp_scan_any(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to,
                  bool starting)
{
	const ehp_family *f = ev->fam;
	if (nobodys(f, subject))
		return false;
	for (int s = 0; s < nsel; s++) {
		size_t lo, hi;
		slice_from(f, sel[s].type, from, &lo, &hi);
		for (size_t i = lo; i < hi && f->records[i].date <= to; i++) {
			const ehp_record *r = &f->records[i];
			if ((!starting || r->date >= from) && ehp_record_last_day(r) >= from &&
			    selected(r, subject, &sel[s]))
				return true;
		}
	}
	return false;
}

void ehp_scan_tally(const ehp_eval *ev, int subject, const ehp_sel *sel, ehp_date from, ehp_date to, ehp_tally *t)
{
	const ehp_family *f = ev->fam;
	if (nobodys(f, subject))
		return;
	size_t lo, hi;
	slice_from(f, sel->type, from, &lo, &hi);
	for (size_t i = lo; i < hi && f->records[i].date <= to; i++) {
		const ehp_record *r = &f->records[i];
		if (ehp_record_last_day(r) < from || !selected(r, subject, sel))
			continue;
		t->n++;
		if (!isnan(r->value))
			t->value += r->value;
		if (!sel->value_only && !isnan(r->total)) {
			t->total += r->total;
			t->with_total++;
		}
	}
}

void ehp_tally_line(ehp_tally *t, ehp_cite at)
{
	if (t->n < 4) {
		t->lines[t->n] = at;
	} else if (t->keep) {
		ehp_trace *k = t->keep;
		if (t->n == 4)
			t->more = (uint32_t)k->n_more;
		k->more = ehp_reserve(k->more, &k->cap_more, k->n_more + 1, sizeof *k->more);
		k->more[k->n_more++] = at;
	}
	t->n++;
}

bool ehp_tally_value(const ehp_record *r, void *ctx)
{
	ehp_tally *t = ctx;
	ehp_tally_line(t, ehp_cite_of(r));
	if (!isnan(r->value))
		t->value += r->value;
	return true;
}

bool ehp_tally_add(const ehp_record *r, void *ctx)
{
	ehp_tally *t = ctx;
	ehp_tally_value(r, ctx);
	if (!isnan(r->total)) {
		t->total += r->total;
		t->with_total++;
	}
	return true;
}

bool ehp_tally_first(const ehp_record *r, void *ctx)
{
	ehp_tally *t = ctx;
	t->lines[0] = ehp_cite_of(r);
	t->n = 1;
	return false;
}

/* The test's plan line from the plan's table of tests; a plan written by
 * hand without one passes the line itself (ehp.h). */
static uint32_t test_line(const ehp_plan *plan, uint32_t test, uint32_t *index)
{
	*index = EHP_NO_TEST;
	if (test == EHP_NO_TEST)
		return 0;
	if (!plan || !plan->tests)
		return test;
	if (test >= plan->n_tests)
		return 0;
	*index = test;
	return plan->tests[test].line;
}

/* An item a test, with a trace: its fields one by one rather than the
 * whole item cleared first (the places are read only up to n_lines). */
static inline ehp_evidence *push(ehp_eval *ev, uint32_t test, int subject, const char *what, ehp_window w,
                                 ehp_test_kind kind)
{
	ehp_evidence *e = ehp_trace_push(ev->trace);
	uint32_t index;
	e->plan_line = test_line(ev->plan, test, &index);
	e->test = index;
	e->subject = subject;
	e->what = what;
	e->from = w.missing ? EHP_NO_DATE : w.from;
	e->to = w.missing ? EHP_NO_DATE : w.to;
	e->measured = NAN;
	e->threshold = NAN;
	e->op = 0;
	e->result = EHP_UNKNOWN;
	e->kind = (uint8_t)kind;
	e->per = -1;
	e->reason = w.missing;
	e->n_lines = 0;
	e->more = 0;
	return e;
}

ehp_evidence *ehp_evidence_push(ehp_eval *ev, uint32_t test, int subject, const char *what, ehp_window w)
{
	return push(ev, test, subject, what, w, EHP_K_OTHER);
}

ehp_evidence *ehp_evidence_push_kind(ehp_eval *ev, uint32_t test, int subject, const char *what, ehp_window w,
                                     ehp_test_kind kind)
{
	return push(ev, test, subject, what, w, kind);
}
