/*
 * measure.c - the record tests: any, none, throughout, weeks, count/sum/rate,
 * change between two windows, score. Each test scans only its record types'
 * slices of the family (binary search on the date) and allocates nothing.
 * With a trace, each test appends one evidence item saying what it looked at.
 */
#include <math.h>
#include <string.h>
#include "internal.h"

/* Comparisons allow for floating-point noise far below any figure a plan
 * writes, so 100 * 900 / 1000 is 90 whatever the rounding; 89.9 stays below. */
#define EPS 1e-9

static const char *const NOT_YET = "the window ends after the claim date";

bool ehp_record_selected(const ehp_record *r, int subject, const ehp_sel *sel)
{
	if (subject != EHP_FAMILY && r->person != subject)
		return false;
	if (sel->detail >= 0 && r->detail != sel->detail)
		return false;
	return !sel->author || strcmp(r->author ? r->author : "", sel->author) == 0;
}

static bool is_state(int type)
{
	return ehp_types[type].kind == EHP_STATE;
}

/* The last day a record covers: its date for events, else its end. */
static ehp_date last_day(const ehp_record *r)
{
	if (!is_state(r->type) || r->end == EHP_NO_DATE)
		return is_state(r->type) ? EHP_FOREVER : r->date;
	return r->end;
}

/* First index in [lo, hi) whose date is >= d. */
static size_t lower_bound(const ehp_record *rec, size_t lo, size_t hi, ehp_date d)
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

/* Calls visit for every selected record that falls in [from, to]. Events by
 * their date; states when their span overlaps. Stops early if visit says so. */
typedef bool (*visit_fn)(const ehp_record *r, void *ctx);

static void scan(const ehp_eval *ev, int subject, const ehp_sel *sel, int nsel,
                 ehp_date from, ehp_date to, visit_fn visit, void *ctx)
{
	const ehp_family *f = ev->fam;
	for (int s = 0; s < nsel; s++) {
		int t = sel[s].type;
		size_t lo = f->type_start[t], hi = f->type_start[t + 1];
		if (!is_state(t))
			lo = lower_bound(f->records, lo, hi, from);
		for (size_t i = lo; i < hi && f->records[i].date <= to; i++) {
			const ehp_record *r = &f->records[i];
			if (last_day(r) >= from && ehp_record_selected(r, subject, &sel[s]) && !visit(r, ctx))
				return;
		}
	}
}

/* ------------------------------------------------------------ evidence */

static ehp_evidence *evidence(ehp_eval *ev, uint32_t line, int subject, const char *what, ehp_window w)
{
	if (!ev->trace)
		return NULL;
	ehp_evidence *e = ehp_trace_push(ev->trace);
	e->plan_line = line;
	e->subject = subject;
	e->what = what;
	e->from = w.from;
	e->to = w.to;
	e->measured = NAN;
	e->threshold = NAN;
	e->result = EHP_UNKNOWN;
	e->reason = w.missing;
	return e;
}

static ehp_tv verdict(ehp_evidence *e, ehp_tv v, const char *reason)
{
	if (e) {
		e->result = v;
		if (reason)
			e->reason = reason;
	}
	return v;
}

/* Gathers what a scan found: how many, the first lines, and the sums. */
typedef struct {
	uint32_t n;
	uint32_t lines[4];
	double value, total;
	uint32_t with_total;
} tally;

static bool add_to_tally(const ehp_record *r, void *ctx)
{
	tally *t = ctx;
	if (t->n < 4)
		t->lines[t->n] = r->line;
	t->n++;
	if (!isnan(r->value))
		t->value += r->value;
	if (!isnan(r->total)) {
		t->total += r->total;
		t->with_total++;
	}
	return true;
}

static bool stop_at_first(const ehp_record *r, void *ctx)
{
	tally *t = ctx;
	t->lines[0] = r->line;
	t->n = 1;
	return false;
}

static void record_tally(ehp_evidence *e, const tally *t)
{
	if (!e)
		return;
	e->n_lines = t->n;
	memcpy(e->lines, t->lines, sizeof e->lines);
}

static const char *sel_name(const ehp_sel *sel)
{
	return ehp_types[sel[0].type].name;
}

/* ------------------------------------------------------------ presence */

ehp_tv ehp_any(ehp_eval *ev, uint32_t line, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	ehp_evidence *e = evidence(ev, line, subject, sel_name(sel), w);
	if (w.missing)
		return verdict(e, EHP_UNKNOWN, NULL);
	tally t = { 0 };
	scan(ev, subject, sel, nsel, w.from, w.to, e ? add_to_tally : stop_at_first, &t);
	record_tally(e, &t);
	if (e)
		e->measured = t.n;
	return verdict(e, t.n ? EHP_TRUE : EHP_FALSE, t.n ? NULL : "no record found");
}

ehp_tv ehp_none(ehp_eval *ev, uint32_t line, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	ehp_evidence *e = evidence(ev, line, subject, sel_name(sel), w);
	if (w.missing)
		return verdict(e, EHP_UNKNOWN, NULL);
	tally t = { 0 };
	scan(ev, subject, sel, nsel, w.from, w.to, e ? add_to_tally : stop_at_first, &t);
	record_tally(e, &t);
	if (e)
		e->measured = t.n;
	if (t.n)
		return verdict(e, EHP_FALSE, NULL);
	if (w.to > ev->claim)
		return verdict(e, EHP_UNKNOWN, NOT_YET);
	return verdict(e, EHP_TRUE, NULL);
}

/* ------------------------------------------------------------ throughout */

/* Extends *covered (the last day covered so far, from the window's start)
 * with any selected record that starts no later than the day after it. */
typedef struct {
	ehp_date covered;
	bool grew;
	tally t;
} cover;

static bool extend_cover(const ehp_record *r, void *ctx)
{
	cover *c = ctx;
	ehp_date end = last_day(r);
	if (r->date <= c->covered + 1 && end > c->covered) {
		c->covered = end;
		c->grew = true;
		if (c->t.n < 4)
			c->t.lines[c->t.n] = r->line;
		c->t.n++;
	}
	return true;
}

ehp_tv ehp_throughout(ehp_eval *ev, uint32_t line, int subject, const ehp_sel *sel, int nsel, ehp_window w)
{
	ehp_evidence *e = evidence(ev, line, subject, sel_name(sel), w);
	if (w.missing)
		return verdict(e, EHP_UNKNOWN, NULL);
	cover c = { .covered = w.from - 1 };
	do { /* records are few; repeat until no record extends the cover */
		c.grew = false;
		scan(ev, subject, sel, nsel, w.from, w.to, extend_cover, &c);
	} while (c.grew && c.covered < w.to);
	record_tally(e, &c.t);
	if (c.covered >= w.to) {
		if (w.to > ev->claim) /* a current state is only known to the claim date */
			return verdict(e, EHP_UNKNOWN, NOT_YET);
		return verdict(e, EHP_TRUE, NULL);
	}
	if (c.covered + 1 > ev->claim)
		return verdict(e, EHP_UNKNOWN, NOT_YET);
	if (e)
		e->measured = c.covered + 1 - w.from; /* days covered before the first gap */
	return verdict(e, EHP_FALSE, "a gap in the records");
}

/* ------------------------------------------------------------ weeks */

ehp_tv ehp_weeks(ehp_eval *ev, uint32_t line, int subject, const ehp_sel *sel, int nsel,
                 bool want_present, int k, int n, ehp_window w)
{
	ehp_evidence *e = evidence(ev, line, subject, sel_name(sel), w);
	if (w.missing)
		return verdict(e, EHP_UNKNOWN, NULL);
	if (e)
		e->threshold = k;
	ehp_date monday = w.from + (8 - ehp_weekday(w.from)) % 7;
	/* ok[i % n]: whether week i satisfied the test; a ring over the last n weeks. */
	enum { MAX_N = 1024 };
	if (n < 1 || n > MAX_N || k < 1 || k > n)
		return verdict(e, EHP_UNKNOWN, "weeks out of range");
	bool ring[MAX_N];
	int good = 0, best = 0, weeks = 0;
	bool unknown_tail = false;
	for (ehp_date d = monday; d + 6 <= w.to; d += 7) {
		if (d + 6 > ev->claim) {
			unknown_tail = true;
			break;
		}
		tally t = { 0 };
		scan(ev, subject, sel, nsel, d, d + 6, stop_at_first, &t);
		bool ok = want_present ? t.n > 0 : t.n == 0;
		if (weeks >= n && ring[weeks % n])
			good--;
		ring[weeks % n] = ok;
		good += ok;
		weeks++;
		if (good > best)
			best = good;
		if (weeks >= n && good >= k) {
			if (e)
				e->measured = good;
			return verdict(e, EHP_TRUE, NULL);
		}
	}
	if (e)
		e->measured = best;
	if (unknown_tail)
		return verdict(e, EHP_UNKNOWN, NOT_YET);
	return verdict(e, EHP_FALSE, weeks < n ? "the window has too few whole weeks" : NULL);
}

/* ------------------------------------------------------------ measures */

static double per_unit(double v, ehp_window w, int per)
{
	double days = (double)w.to - (double)w.from + 1;
	switch (per) {
	case EHP_DAYS: return v / days;
	case EHP_WEEKS: return v / (days / 7);
	case EHP_MONTHS: return v / (days / (365.25 / 12));
	default: return v;
	}
}

static double measure(ehp_eval *ev, uint32_t line, ehp_measure m, int subject,
                      const ehp_sel *sel, int nsel, ehp_window w, int per, ehp_evidence **out)
{
	ehp_evidence *e = evidence(ev, line, subject, sel_name(sel), w);
	if (out)
		*out = e;
	if (e)
		e->what = sel_name(sel);
	if (w.missing)
		return NAN;
	tally t = { 0 };
	scan(ev, subject, sel, nsel, w.from, w.to, add_to_tally, &t);
	record_tally(e, &t);
	double v;
	switch (m) {
	case EHP_M_COUNT: v = t.n; break;
	case EHP_M_SUM: v = t.value; break;
	default: v = t.with_total && t.total > 0 ? 100.0 * t.value / t.total : NAN; break;
	}
	if (m != EHP_M_RATE)
		v = per_unit(v, w, per);
	if (e) {
		e->measured = v;
		if (isnan(v))
			e->reason = "nothing to measure a rate from";
	}
	return v;
}

double ehp_measure_in(ehp_eval *ev, uint32_t line, ehp_measure m, int subject,
                      const ehp_sel *sel, int nsel, ehp_window w, int per)
{
	ev->measured_to = w.missing ? EHP_NO_DATE : w.to;
	return measure(ev, line, m, subject, sel, nsel, w, per, NULL);
}

static bool holds(double a, ehp_op op, double b)
{
	switch (op) {
	case EHP_OP_LT: return a < b - EPS;
	case EHP_OP_LE: return a <= b + EPS;
	case EHP_OP_GT: return a > b + EPS;
	case EHP_OP_GE: return a >= b - EPS;
	case EHP_OP_EQ: return fabs(a - b) <= EPS;
	}
	return false;
}

ehp_tv ehp_compare(ehp_eval *ev, uint32_t line, double measured, ehp_op op, double threshold)
{
	ehp_date to = ev->measured_to;
	ev->measured_to = EHP_NO_DATE;
	ehp_evidence *e = NULL;
	if (ev->trace) {
		e = ehp_trace_push(ev->trace);
		e->plan_line = line;
		e->subject = EHP_FAMILY;
		e->what = "compare";
		e->from = e->to = EHP_NO_DATE;
		e->measured = measured;
		e->threshold = threshold;
		e->op = op;
	}
	if (isnan(measured))
		return verdict(e, EHP_UNKNOWN, "could not be measured");
	bool ok = holds(measured, op, threshold);
	/* "at most N in a window not yet over" may still be broken by records to come. */
	if (ok && to != EHP_NO_DATE && to > ev->claim && (op == EHP_OP_LT || op == EHP_OP_LE || op == EHP_OP_EQ))
		return verdict(e, EHP_UNKNOWN, NOT_YET);
	return verdict(e, ehp_tv_of(ok), NULL);
}

ehp_tv ehp_change(ehp_eval *ev, uint32_t line, ehp_measure m, int subject,
                  const ehp_sel *sel, int nsel, int per, ehp_window a, ehp_window b,
                  ehp_direction dir, bool points, double threshold)
{
	double before = measure(ev, line, m, subject, sel, nsel, a, per, NULL);
	double after = measure(ev, line, m, subject, sel, nsel, b, per, NULL);
	ehp_evidence *e = NULL;
	if (ev->trace) {
		e = ehp_trace_push(ev->trace);
		e->plan_line = line;
		e->subject = subject;
		e->what = dir == EHP_FALLS ? (points ? "fall in points" : "fall in percent")
		                           : (points ? "rise in points" : "rise in percent");
		e->from = a.from;
		e->to = b.to;
		e->threshold = threshold;
		e->op = EHP_OP_GE;
		e->measured = NAN;
	}
	if (a.missing || b.missing)
		return verdict(e, EHP_UNKNOWN, a.missing ? a.missing : b.missing);
	if (b.to > ev->claim)
		return verdict(e, EHP_UNKNOWN, NOT_YET);
	if (isnan(before) || isnan(after))
		return verdict(e, EHP_UNKNOWN, "could not be measured");
	double diff = dir == EHP_FALLS ? before - after : after - before;
	double change;
	if (points) {
		change = diff;
	} else {
		if (before == 0)
			return verdict(e, EHP_UNKNOWN, "a relative change from zero cannot be measured");
		change = 100.0 * diff / before;
	}
	if (e)
		e->measured = change;
	return verdict(e, ehp_tv_of(holds(change, EHP_OP_GE, threshold)), NULL);
}

ehp_tv ehp_score(ehp_eval *ev, uint32_t line, int subject, int tool, ehp_direction dir, ehp_window w)
{
	ehp_evidence *e = evidence(ev, line, subject, ehp_detail_names[tool], w);
	if (w.missing)
		return verdict(e, EHP_UNKNOWN, NULL);
	const ehp_family *f = ev->fam;
	const ehp_record *first = NULL, *latest = NULL;
	ehp_sel sel = { EHP_T_assessment, (int16_t)tool, NULL };
	for (size_t i = f->type_start[EHP_T_assessment]; i < f->type_start[EHP_T_assessment + 1]; i++) {
		const ehp_record *r = &f->records[i];
		if (r->date > w.to)
			break;
		if (isnan(r->score) || !ehp_record_selected(r, subject, &sel))
			continue;
		if (!first)
			first = r;
		latest = r;
	}
	if (!first || first == latest) {
		if (w.to > ev->claim)
			return verdict(e, EHP_UNKNOWN, NOT_YET);
		return verdict(e, EHP_FALSE, "fewer than two scores recorded");
	}
	if (e) {
		e->n_lines = 2;
		e->lines[0] = first->line;
		e->lines[1] = latest->line;
		e->threshold = first->score;
		e->measured = latest->score;
		e->op = dir == EHP_RISES ? EHP_OP_GT : EHP_OP_LT;
	}
	bool ok = dir == EHP_RISES ? latest->score > first->score : latest->score < first->score;
	return verdict(e, ehp_tv_of(ok), NULL);
}

/* ------------------------------------------------------------ people */

int ehp_age(const ehp_eval *ev, int person)
{
	return ehp_age_on(ev->fam->people[person].born, ev->fam->entry);
}

bool ehp_has_flag(const ehp_eval *ev, int person, int flag)
{
	return (ev->fam->people[person].flags >> flag) & 1u;
}
