/*
 * evaluate.c - judges one family under a compiled plan: every indicator for
 * every member in its cohort, every outcome for the members who met an
 * indicator it serves, then the family's eligibility and claim rules.
 * Verdict arrays are reused from family to family; nothing here allocates
 * once they have grown to the largest family's size.
 */
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "contribution.h"
#include "internal.h"

size_t ehp_trace_mark(const ehp_eval *ev)
{
	return ev->trace ? ev->trace->n : 0;
}

/* Called for every verdict: the arrays grow only when full. */
static inline void add_ind(ehp_results *res, int ind, int subject, ehp_tv met, ehp_tv exempt, size_t from, size_t to)
{
	if (res->n_ind == res->cap_ind)
		res->ind = ehp_reserve(res->ind, &res->cap_ind, res->n_ind + 1, sizeof *res->ind);
	res->ind[res->n_ind++] = (ehp_ind_verdict){ ind, subject, met, exempt, from, to };
	res->met[(unsigned)ind / 64] |= (uint64_t)(met == EHP_TRUE) << ((unsigned)ind % 64); /* ind >= 0: no sign fix-up */
}

static void add_out(ehp_results *res, int out, int subject, ehp_tv ok, size_t from, size_t to)
{
	if (res->n_out == res->cap_out)
		res->out = ehp_reserve(res->out, &res->cap_out, res->n_out + 1, sizeof *res->out);
	res->out[res->n_out++] = (ehp_out_verdict){ out, subject, ok, from, to };
}

ehp_tv ehp_judge_indicator(ehp_eval *ev, int i, int subject, ehp_tv *exempt)
{
	const ehp_indicator_def *d = &ev->plan->indicators[i];
	ehp_tv v = d->when(ev, subject);
	*exempt = v == EHP_TRUE && d->exempt ? d->exempt(ev, subject) : EHP_FALSE;
	return v;
}

/* A row that looks at a member only through their records of some types
 * (ehp_indicator_def.reads): a member with none of them gets the verdict of
 * a member with no records at all, the same for every such member, so it
 * is worked out once per family and row. With evidence kept, only when the
 * evaluation shares evidence (ev->share_evidence): those members' verdicts
 * then all point at the one range of items it left. */
typedef struct {
	const uint64_t *reads; /* NULL: every member judged on their own */
	int standin;           /* its class (ehp_indicator_def.standin), 0: none */
	int row;               /* with a trace: the row's index, an outcome's after the indicators */
	bool everyone;         /* no member has any of the types: all of them get it */
	int verdict;           /* the shared verdict, -1 until worked out */
	size_t ev_from, ev_to; /* its evidence in the trace */
	bool hit;              /* the last member judged got it */
} shared_verdict;

static inline bool has_none(const uint64_t *mine, const uint64_t *reads)
{
	uint64_t common = 0; /* no branch a word: a handful of words, asked for every row and member */
#if defined(__GNUC__) && !defined(__clang__) /* unrolled: gcc -O2 kept the loop (3 M instructions of devon's 10k) */
#pragma GCC unroll 8
#endif
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		common |= mine[w] & reads[w];
	return !common;
}

/* The shared verdict of a row reading `reads` (NULL: none), where it
 * applies in this evaluation. */
static inline shared_verdict shared_for(const ehp_eval *ev, const uint64_t *reads, int standin, int row)
{
	if (ev->trace && !ev->share_evidence)
		reads = NULL;
	return (shared_verdict){ reads, standin, row, reads && has_none(ev->res->family_types, reads), -1, 0, 0, false };
}

/* The shared verdict, worked out for the first member who gets it. */
static inline ehp_tv shared(ehp_eval *ev, ehp_cond_fn when, shared_verdict *sv)
{
	if (sv->verdict < 0 && sv->standin && ev->trace) /* its class's evidence, copied */
		sv->verdict = (int)ehp_standin_traced(ev, when, sv->standin, sv->row, &sv->ev_from, &sv->ev_to);
	if (sv->verdict < 0) { /* a subject with no records: one past the last member */
		sv->ev_from = ehp_trace_mark(ev);
		sv->verdict = sv->standin && !ev->trace ? (int)ehp_standin_verdict(ev, when, sv->standin)
		                                        : (int)when(ev, (int)ev->fam->n_people);
		sv->ev_to = ehp_trace_mark(ev);
	}
	return (ehp_tv)sv->verdict;
}

/* d->when for person, or the shared verdict when it applies (then
 * sv->hit is set, and its evidence is [sv->ev_from, sv->ev_to)). */
static inline ehp_tv judge_member(ehp_eval *ev, ehp_cond_fn when, shared_verdict *sv, size_t person)
{
	sv->hit = false;
	if (!sv->everyone &&
	    (!sv->reads || !has_none(ev->res->member_types + person * EHP_TYPE_WORDS, sv->reads)))
		return when(ev, (int)person);
	sv->hit = true;
	return shared(ev, when, sv);
}

/* A row's cohort in this family: its members as a mask when the plan's
 * table of cohorts has it (worked out once a family for every row that
 * shares it), else asked member by member. */
typedef struct {
	ehp_cohort_fn who;     /* NULL: everyone */
	bool masked;
	uint64_t members;      /* when masked */
} row_cohort;

static inline row_cohort cohort_of(const ehp_eval *ev, ehp_cohort_fn who, int cohort)
{
	if (who && ehp_cohort_known(ev, cohort))
		return (row_cohort){ who, true, ehp_cohort_members(ev, cohort) };
	return (row_cohort){ who, false, 0 };
}

static inline bool in_cohort(const ehp_eval *ev, const row_cohort *c, size_t p)
{
	return c->masked ? c->members >> p & 1 : ehp_in_cohort(ev, c->who, (int)p);
}

/* Whether an indicator verdict is kept. Without a trace, one not met is
 * not: everything that reads such verdicts (evidence.jsonl, --explain, the
 * audit sample, the case runner) judges with a trace, and the rest (the
 * results, indicators.csv, counts, outcomes' needs, the family rules)
 * read met verdicts only; so most of a family's verdicts, and the cohort
 * tests of a row whose shared verdict is not met, are never worked out. */
static inline bool kept(const ehp_eval *ev, ehp_tv met)
{
	return met != EHP_FALSE || ev->trace;
}

/* A row reading its member's age or flags beside their records
 * (ehp_indicator_def.nothing), without a trace: a member with none of
 * those records gets the verdict of its `nothing` function, worked out
 * once a family for its class, where that is the same whatever their age
 * and flags; else, as every member with records, the row's own. */
static void judge_beside_person(ehp_eval *ev, int i, const ehp_indicator_def *d, const row_cohort *c)
{
	ehp_results *res = ev->res;
	int nothing = -1; /* its verdict, -1 until asked */
	for (size_t p = 0; p < ev->fam->n_people; p++) {
		bool none = has_none(res->member_types + p * EHP_TYPE_WORDS, d->nothing_reads);
		if (none && nothing < 0)
			nothing = (int)ehp_standin_verdict(ev, d->nothing, d->nothing_standin);
		if (none && nothing == EHP_FALSE) /* not kept: nor is the cohort asked */
			continue;
		if (!in_cohort(ev, c, p))
			continue;
		ehp_tv exempt = EHP_FALSE; /* a row with an exemption has no `nothing` */
		ehp_tv v = none && nothing == EHP_TRUE ? EHP_TRUE : ehp_judge_indicator(ev, i, (int)p, &exempt);
		if (kept(ev, v))
			add_ind(res, i, (int)p, v, exempt, 0, 0);
	}
}

static void judge_indicator(ehp_eval *ev, int i)
{
	const ehp_indicator_def *d = &ev->plan->indicators[i];
	ehp_tv exempt;
	if (d->scope != EHP_SCOPE_PERSON) {
		int subject = d->scope == EHP_SCOPE_HOUSEHOLD ? EHP_HOUSEHOLD : EHP_FAMILY;
		size_t from = ehp_trace_mark(ev);
		ehp_tv v = ehp_judge_indicator(ev, i, subject, &exempt);
		if (kept(ev, v))
			add_ind(ev->res, i, subject, v, exempt, from, ehp_trace_mark(ev));
		if (ev->trace && d->standin > 0) /* its evidence beside its class's (standin_trace.c) */
			ehp_standin_group_judged(ev, i, subject, v, from, ehp_trace_mark(ev));
		return;
	}
	row_cohort c = cohort_of(ev, d->who, d->cohort);
	if (c.masked && !c.members) /* nobody in the family is in the row's cohort */
		return;
	if (d->nothing && !d->reads && !d->exempt && !ev->trace && d->nothing_standin > 0 &&
	    d->nothing_standin <= ev->plan->n_standins) {
		judge_beside_person(ev, i, d, &c);
		return;
	}
	shared_verdict sv = shared_for(ev, d->exempt ? NULL : d->reads, d->standin, i);
	if (sv.everyone && c.masked) { /* the usual case: the one verdict for every member in the cohort */
		uint64_t members = c.members;
		ehp_tv v = shared(ev, d->when, &sv);
		if (!kept(ev, v))
			return;
		for (; members; members &= members - 1)
			add_ind(ev->res, i, __builtin_ctzll(members), v, EHP_FALSE, sv.ev_from, sv.ev_to);
		return;
	}
	if (sv.everyone) { /* the same, asking the cohort member by member */
		for (size_t p = 0; p < ev->fam->n_people; p++) {
			if (!ehp_in_cohort(ev, d->who, (int)p))
				continue;
			ehp_tv v = shared(ev, d->when, &sv); /* before its evidence range is read */
			if (!kept(ev, v))
				return; /* nor will any other member's be */
			add_ind(ev->res, i, (int)p, v, EHP_FALSE, sv.ev_from, sv.ev_to);
		}
		return;
	}
	for (size_t p = 0; p < ev->fam->n_people; p++) {
		/* A member with none of the row's types gets the shared verdict:
		 * once it is known not to be kept, neither cohort nor test is asked. */
		if (sv.verdict == EHP_FALSE && !kept(ev, EHP_FALSE) &&
		    has_none(ev->res->member_types + p * EHP_TYPE_WORDS, sv.reads))
			continue;
		if (!in_cohort(ev, &c, p))
			continue;
		size_t from = ehp_trace_mark(ev);
		ehp_tv v = sv.reads ? judge_member(ev, d->when, &sv, p) : ehp_judge_indicator(ev, i, (int)p, &exempt);
		if (sv.reads)
			exempt = EHP_FALSE;
		if (!kept(ev, v))
			continue;
		if (sv.hit)
			add_ind(ev->res, i, (int)p, v, exempt, sv.ev_from, sv.ev_to);
		else
			add_ind(ev->res, i, (int)p, v, exempt, from, ehp_trace_mark(ev));
	}
}

/* Judges the rows of a mask (`flip`: those not in it), found a word at a
 * time: a family enters few of the plan's rows. Each row's verdicts are
 * contiguous, from start[i], and *count is the verdicts so far; a row not
 * judged has none, so its start is the next one's. */
/* start[from .. to) set to v, four a step, the last four overlapping
 * rather than a loop for the rest: called a few times a family for the
 * plan's hundred or so rows. */
static inline void fill_starts(size_t *start, int from, int to, size_t v)
{
	size_t *p = start + from, *end = start + to;
	if (end - p < 4) {
		for (; p < end; p++)
			*p = v;
		return;
	}
	for (; end - p > 4; p += 4)
		p[0] = p[1] = p[2] = p[3] = v;
	end[-4] = end[-3] = end[-2] = end[-1] = v;
}

/* Always inlined where the compiler allows: `judge` is then a direct call,
 * and judge_indicator and judge_outcome are inlined into it. The starts
 * are written a run at a time: rows judged one after another that keep no
 * verdict (most indicators, whose verdicts not met are not kept) all start
 * where the run does, and the starts of the rows between them too. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void judge_rows(ehp_eval *ev, const uint64_t *mask, bool flip, size_t words, int n, size_t *start,
                              const size_t *count, void (*judge)(ehp_eval *, int))
{
	int filled = 0;       /* start[0 .. filled) are set */
	int last = -1;        /* the last row judged */
	size_t run = *count;  /* the start of rows filled .. last, and of those after while nothing is kept */
	for (size_t w = 0; w < words; w++)
		for (uint64_t todo = flip ? ~mask[w] : mask[w]; todo; todo &= todo - 1) {
			int i = (int)(w * 64) + __builtin_ctzll(todo);
			if (i >= n)
				break;
			if (*count != run) { /* the last row kept verdicts: its run ends with it */
				fill_starts(start, filled, last + 1, run);
				filled = last + 1;
				run = *count;
			}
			last = i;
			judge(ev, i);
		}
	if (*count != run) {
		fill_starts(start, filled, last + 1, run);
		filled = last + 1;
		run = *count;
	}
	fill_starts(start, filled, n + 1, run);
}

bool ehp_serves(const ehp_outcome_def *o, int indicator)
{
	for (const int *s = o->serves; *s >= 0; s++)
		if (*s == indicator)
			return true;
	return false;
}

/* Whether `person` met (TRUE) a person-scope indicator the outcome serves.
 * Only the served indicators' own verdicts are read (ind_start). */
/* The verdict for `subject` among verdicts [lo, hi) sorted by subject (each
 * indicator's and each outcome's are: members are judged in order, and a
 * household or family row has its one verdict), or NULL: a binary search,
 * so a family of thousands of members costs no more per member than three. */
static size_t find_subject(const void *verdicts, size_t size, size_t offset, size_t lo, size_t hi, int subject)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int s = *(const int *)((const char *)verdicts + mid * size + offset);
		if (s == subject)
			return mid;
		if (s < subject)
			lo = mid + 1;
		else
			hi = mid;
	}
	return (size_t)-1;
}

static bool met_served(const ehp_eval *ev, const ehp_outcome_def *o, int person)
{
	const ehp_results *res = ev->res;
	for (const int *s = o->serves; *s >= 0; s++) {
		size_t v = find_subject(res->ind, sizeof *res->ind, offsetof(ehp_ind_verdict, subject), res->ind_start[*s],
		                        res->ind_start[*s + 1], person);
		if (v != (size_t)-1 && res->ind[v].met == EHP_TRUE)
			return true;
	}
	return false;
}

static bool serves_person_indicator(const ehp_plan *plan, const ehp_outcome_def *o)
{
	for (const int *s = o->serves; *s >= 0; s++)
		if (plan->indicators[*s].scope == EHP_SCOPE_PERSON)
			return true;
	return false;
}

/* The outcomes serving each indicator as a mask (bit o of word o / 64). */
static void index_serves(const ehp_plan *plan, ehp_results *res)
{
	size_t words = ((size_t)plan->n_outcomes + 63) / 64;
	size_t n = words * (size_t)plan->n_indicators;
	res->served_by = ehp_reserve(res->served_by, &res->cap_served_by, n + 1, sizeof *res->served_by);
	res->needed = ehp_reserve(res->needed, &res->cap_needed, words + 1, sizeof *res->needed);
	memset(res->served_by, 0, n * sizeof *res->served_by);
	for (int o = 0; o < plan->n_outcomes; o++)
		for (const int *s = plan->outcomes[o].serves; *s >= 0; s++)
			if (*s < plan->n_indicators)
				res->served_by[(size_t)*s * words + (size_t)o / 64] |= UINT64_C(1) << (o % 64);
	res->out_words = words;
	res->met_words = ((size_t)plan->n_indicators + 63) / 64;
}

/* The tables that depend on the plan only, made when these results first
 * judge a family of it: results are reused from family to family, and
 * (the case runner, the unit tests) from plan to plan. */
static void index_plan(const ehp_plan *plan, ehp_results *res)
{
	if (res->indexed.plan == plan && res->indexed.indicators == plan->indicators &&
	    res->indexed.outcomes == plan->outcomes && res->indexed.n_indicators == plan->n_indicators &&
	    res->indexed.n_outcomes == plan->n_outcomes && res->indexed.n_standins == plan->n_standins)
		return;
	index_serves(plan, res);
	ehp_standins_index(plan, res);
	res->indexed.plan = plan;
	res->indexed.indicators = plan->indicators;
	res->indexed.outcomes = plan->outcomes;
	res->indexed.n_indicators = plan->n_indicators;
	res->indexed.n_outcomes = plan->n_outcomes;
	res->indexed.n_standins = plan->n_standins;
}

/* The outcomes serving an indicator anyone (a member, the household or the
 * family) met: without a need there is no progress to judge. From the met
 * mask, once the indicators are judged: a family meets few. */
static void find_needed(ehp_results *res)
{
	size_t words = res->out_words;
	memset(res->needed, 0, words * sizeof *res->needed);
	for (size_t w = 0; w < res->met_words; w++)
		for (uint64_t met = res->met[w]; met; met &= met - 1) {
			const uint64_t *by = res->served_by + (w * 64 + (size_t)__builtin_ctzll(met)) * words;
			for (size_t k = 0; k < words; k++)
				res->needed[k] |= by[k];
		}
}

static void judge_outcome(ehp_eval *ev, int i)
{
	const ehp_outcome_def *d = &ev->plan->outcomes[i]; /* one with a need (find_needed) */
	if (d->scope != EHP_SCOPE_PERSON) {
		int subject = d->scope == EHP_SCOPE_HOUSEHOLD ? EHP_HOUSEHOLD : EHP_FAMILY;
		size_t from = ehp_trace_mark(ev);
		ehp_tv v = d->when(ev, subject);
		add_out(ev->res, i, subject, v, from, ehp_trace_mark(ev));
		return;
	}
	bool by_indicator = serves_person_indicator(ev->plan, d);
	shared_verdict sv = shared_for(ev, d->reads, d->standin, ev->plan->n_indicators + i);
	row_cohort c = cohort_of(ev, d->who, d->cohort);
	for (size_t p = 0; p < ev->fam->n_people; p++) {
		if (by_indicator ? !met_served(ev, d, (int)p) : false)
			continue;
		if (!in_cohort(ev, &c, p))
			continue;
		size_t from = ehp_trace_mark(ev);
		ehp_tv v = judge_member(ev, d->when, &sv, p);
		add_out(ev->res, i, (int)p, v, sv.hit ? sv.ev_from : from, sv.hit ? sv.ev_to : ehp_trace_mark(ev));
	}
}

int ehp_themes_met(const ehp_eval *ev)
{
	const ehp_results *res = ev->res;
	int n = 0;
	ev->res->figure = "themes met"; /* named in the evidence of the comparison that reads it */
	if (res->tallied) /* the family rules: counted once, from the met mask */
		return res->n_themes_met;
	if (ev->plan->n_themes <= 64) { /* every plan in practice: one pass */
		uint64_t met = 0;
		for (size_t v = 0; v < res->n_ind; v++)
			if (res->ind[v].met == EHP_TRUE) {
				int theme = ev->plan->indicators[res->ind[v].indicator].theme;
				if (theme >= 0 && theme < 64)
					met |= UINT64_C(1) << theme;
			}
		for (; met; met &= met - 1)
			n++;
		return n;
	}
	for (int t = 0; t < ev->plan->n_themes; t++) {
		for (size_t v = 0; v < res->n_ind; v++) {
			if (res->ind[v].met == EHP_TRUE && ev->plan->indicators[res->ind[v].indicator].theme == t) {
				n++;
				break;
			}
		}
	}
	return n;
}

/* The plan's indicators met by someone: one row met by two members is one
 * need, as the plans count eligibility criteria. */
int ehp_indicators_met(const ehp_eval *ev)
{
	const ehp_results *res = ev->res;
	int n = 0;
	ev->res->figure = "indicators met";
	if (res->tallied)
		return res->n_indicators_met;
	for (int i = 0; i < ev->plan->n_indicators; i++)
		for (size_t v = res->ind_start[i]; v < res->ind_start[i + 1]; v++)
			if (res->ind[v].met == EHP_TRUE) {
				n++;
				break;
			}
	return n;
}

/* Whether an indicator verdict is answered by an achieved outcome: one that
 * serves it, for the same member or at household/family level (and any
 * member's outcome answers a household or family indicator). */
bool ehp_resolved(const ehp_eval *ev, const ehp_ind_verdict *iv)
{
	const ehp_results *res = ev->res;
	if (iv->exempt == EHP_TRUE)
		return true;
	for (int o = 0; o < ev->plan->n_outcomes; o++) {
		if (!ehp_serves(&ev->plan->outcomes[o], iv->indicator) || ev->plan->outcomes[o].supplementary)
			continue;
		size_t lo = res->out_start[o], hi = res->out_start[o + 1];
		if (lo == hi)
			continue;
		/* A household or family outcome answers everyone; any member's
		 * outcome answers a household or family need. */
		if (res->out[lo].subject < 0 || iv->subject < 0) {
			for (size_t v = lo; v < hi; v++)
				if (res->out[v].achieved == EHP_TRUE)
					return true;
			continue;
		}
		size_t v = find_subject(res->out, sizeof *res->out, offsetof(ehp_out_verdict, subject), lo, hi, iv->subject);
		if (v != (size_t)-1 && res->out[v].achieved == EHP_TRUE)
			return true;
	}
	return false;
}

static const ehp_ind_verdict *first_unresolved(const ehp_eval *ev)
{
	for (size_t v = 0; v < ev->res->n_ind; v++)
		if (ev->res->ind[v].met == EHP_TRUE && !ehp_resolved(ev, &ev->res->ind[v]))
			return &ev->res->ind[v];
	return NULL;
}

ehp_evidence *ehp_rule_evidence(ehp_eval *ev, uint32_t test, const char *what)
{
	return ehp_evidence_begin_kind(ev, test, EHP_FAMILY, what, (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, NULL, 0 },
	                               EHP_K_RULE);
}

ehp_tv ehp_all_resolved(ehp_eval *ev, uint32_t test)
{
	ehp_evidence *e = ehp_rule_evidence(ev, test, "every indicator met has an outcome achieved");
	const ehp_ind_verdict *open = first_unresolved(ev);
	ehp_tv v = ehp_tv_of(open == NULL && ehp_indicators_met(ev) > 0);
	if (e) {
		e->result = v;
		e->measured = ehp_indicators_met(ev);
		if (open)
			e->reason = "an indicator met has no outcome achieved";
		else if (v == EHP_FALSE)
			e->reason = "no indicator met";
	}
	return v;
}

/* The summary item is pushed after the members' own evidence. */
static ehp_tv over_members(ehp_eval *ev, uint32_t test, ehp_cohort_fn who, ehp_cond_fn cond, bool every)
{
	ehp_tv acc = every ? EHP_TRUE : EHP_FALSE;
	int counted = 0;
	for (size_t p = 0; p < ev->fam->n_people; p++) {
		if (!ehp_in_cohort(ev, who, (int)p))
			continue;
		ehp_tv v = cond ? cond(ev, (int)p) : EHP_TRUE;
		counted += v == EHP_TRUE;
		acc = every ? ehp_and(acc, v) : ehp_or(acc, v);
	}
	ehp_evidence *e = ehp_rule_evidence(ev, test, every ? "every member" : "some member");
	if (e) {
		e->measured = counted;
		e->result = acc;
	}
	return acc;
}

ehp_tv ehp_some(ehp_eval *ev, uint32_t test, ehp_cohort_fn who, ehp_cond_fn cond)
{
	return over_members(ev, test, who, cond, false);
}

ehp_tv ehp_every(ehp_eval *ev, uint32_t test, ehp_cohort_fn who, ehp_cond_fn cond)
{
	return over_members(ev, test, who, cond, true);
}

/* Whether the claim rule stopped at a test of the family's own records or
 * dates (a whole-family assessment, an action plan, a lead worker, the time
 * since closure): its last item, as `and` stops at the first test that
 * fails, when that is such a test and did not hold. Then that test is what
 * blocks the claim, whatever needs are also unanswered: the rule never got
 * as far as them. */
static const ehp_evidence *stopped_at_requirement(const ehp_trace *t, size_t from, size_t to)
{
	if (!t || to <= from || to > t->n)
		return NULL;
	const ehp_evidence *e = &t->items[to - 1];
	bool requirement = (e->subject == EHP_FAMILY || e->subject == EHP_GROUP) && e->kind != EHP_K_RULE && e->kind != EHP_K_FIGURE &&
	                   e->kind != EHP_K_SETTING && e->kind != EHP_K_OTHER;
	return requirement && e->result != EHP_TRUE ? e : NULL;
}

/* Appends text to buf[*n], within len bytes (always terminated). Inlined
 * where gcc allows: most texts are literals, whose length is then known
 * and whose copy is a few moves, written for most families (not_eligible). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline void put_text(char *buf, size_t len, size_t *n, const char *text)
{
	size_t k = strlen(text), room = len - 1 - *n; /* *n < len always */
	if (k <= room) /* the usual case: a copy of a known length */
		memcpy(buf + *n, text, k);
	else
		memcpy(buf + *n, text, k = room);
	*n += k;
	buf[*n] = '\0';
}

static void put_count(char *buf, size_t len, size_t *n, int v)
{
	if (v >= 0 && v < 10 && *n + 1 < len) { /* most counts of themes and indicators met */
		buf[(*n)++] = (char)('0' + v);
		buf[*n] = '\0';
		return;
	}
	char digits[16];
	size_t k = sizeof digits;
	unsigned u = v < 0 ? 0u - (unsigned)v : (unsigned)v;
	digits[--k] = '\0';
	do
		digits[--k] = (char)('0' + u % 10);
	while (u /= 10);
	if (v < 0)
		digits[--k] = '-';
	put_text(buf, len, n, digits + k);
}

/* One test of the claim rule in words: what it read, its window, and why
 * it did not hold. */
static void failed_test_words(const ehp_evidence *e, char *buf, size_t len)
{
	size_t n = 0;
	put_text(buf, len, &n, e->what ? e->what : "a test");
	if (e->from != EHP_NO_DATE && e->to != EHP_NO_DATE) {
		char a[11], b[11];
		ehp_date_format(e->from, a);
		ehp_date_format(e->to, b);
		put_text(buf, len, &n, " from ");
		put_text(buf, len, &n, a);
		put_text(buf, len, &n, " to ");
		put_text(buf, len, &n, b);
	}
	/* No plan line: a results file must not change when a comment is
	 * added to the plan; the evidence and --explain give the line. */
	put_text(buf, len, &n, e->result == EHP_FALSE ? ": not met" : ": cannot be judged");
	if (e->reason) {
		put_text(buf, len, &n, ", ");
		put_text(buf, len, &n, e->reason);
	}
}

/* The first test of the claim rule that did not hold, in words. */
static bool first_failed_test(const ehp_trace *t, size_t from, size_t to, char *buf, size_t len)
{
	for (size_t i = from; t && i < to && i < t->n; i++) {
		const ehp_evidence *e = &t->items[i];
		if (e->result == EHP_TRUE)
			continue;
		failed_test_words(e, buf, len);
		return true;
	}
	return false;
}

/* "not eligible: 1 theme and 0 indicators met": the reason most families
 * get, so written without printf, which cost more than judging some rows. */
static void not_eligible(ehp_results *res, int ind)
{
	size_t n = 0, len = sizeof res->reason;
	put_text(res->reason, len, &n, "not eligible: ");
	put_count(res->reason, len, &n, res->themes_met);
	put_text(res->reason, len, &n, res->themes_met == 1 ? " theme and " : " themes and ");
	put_count(res->reason, len, &n, ind);
	put_text(res->reason, len, &n, ind == 1 ? " indicator met" : " indicators met");
	char limit[160]; /* a member limit that is what left the family ineligible */
	ehp_limit_reason(res, limit, sizeof limit);
	put_text(res->reason, len, &n, limit);
	res->reason_plain = !limit[0]; /* a limit's words may name a plan's text */
	put_text(res->reason, len, &n, res->eligible == EHP_UNKNOWN ? " (cannot be judged yet)" : "");
}

/* "claim rule not met: " and what stopped it (rule_reason). */
static void rule_not_met(ehp_results *res)
{
	size_t n = 0;
	put_text(res->reason, sizeof res->reason, &n, "claim rule not met: ");
	put_text(res->reason, sizeof res->reason, &n, res->rule_reason);
}

static void explain(ehp_eval *ev, ehp_results *res, const ehp_trace *rules, size_t from, size_t to)
{
	const ehp_family *fam = ev->fam;
	res->reason_plain = false;
	if (fam->no_members) {
		/* The cause, before what follows from it (no member, so likely no
		 * indicator met): the extract lost this family's people. */
		int n = snprintf(res->reason, sizeof res->reason, "data incomplete: no members in the people file");
		if (fam->rejected && n > 0 && (size_t)n < sizeof res->reason)
			snprintf(res->reason + n, sizeof res->reason - (size_t)n, "; %u row%s rejected", fam->rejected,
			         fam->rejected == 1 ? "" : "s");
	} else if (res->eligible != EHP_TRUE) {
		not_eligible(res, ehp_indicators_met(ev));
	} else if (fam->rejected) {
		snprintf(res->reason, sizeof res->reason, "data incomplete: %u row%s rejected", fam->rejected,
		         fam->rejected == 1 ? "" : "s");
	} else if (res->claimed && res->claimed->unreadable) {
		snprintf(res->reason, sizeof res->reason,
		         "earlier claim could not be read: claims file line %u, %s (in rejects.csv); not claimable "
		         "until it is corrected",
		         res->claimed->line, res->claimed->unreadable);
	} else if (res->claimed) {
		char on[11];
		ehp_date_format(res->claimed->date, on);
		snprintf(res->reason, sizeof res->reason, "already claimed: a claim made on %s (claims file line %u)", on,
		         res->claimed->line);
	} else if (res->claimable != EHP_TRUE) {
		/* What stopped the rule first: a missing requirement of the whole
		 * family comes before a need without an outcome. */
		const ehp_evidence *stop = stopped_at_requirement(rules, from, to);
		const ehp_ind_verdict *open = stop ? NULL : first_unresolved(ev);
		if (stop) {
			failed_test_words(stop, res->rule_reason, sizeof res->rule_reason);
			rule_not_met(res);
		} else if (open)
			snprintf(res->reason, sizeof res->reason, "claim rule not met: %s for %s has no outcome achieved",
			         ev->plan->indicators[open->indicator].id, ehp_subject_name(fam, open->subject));
		else if (res->rule_reason[0])
			rule_not_met(res);
		else if (first_failed_test(rules, from, to, res->rule_reason, sizeof res->rule_reason))
			rule_not_met(res);
		else
			snprintf(res->reason, sizeof res->reason, "claim rule not met");
	} else {
		res->reason[0] = '\0';
	}
}

/* Each member's age on the family's entry date (ehp_age_on), the date
 * taken apart once. */
static void ages_at_entry(const ehp_family *fam, int32_t *ages)
{
	if (fam->entry == EHP_NO_DATE || fam->entry == EHP_FOREVER) {
		for (size_t p = 0; p < fam->n_people; p++)
			ages[p] = -1;
		return;
	}
	int y, m, d;
	ehp_date_to_ymd(fam->entry, &y, &m, &d);
	for (size_t p = 0; p < fam->n_people; p++)
		ages[p] = ehp_age_on_ymd(fam->people[p].born, y, m, d);
}

/* Themes and indicators met, from the met mask: the family rules and the
 * reason ask for them again and again, and the verdicts no longer change. */
static void tally_met(const ehp_eval *ev, ehp_results *res)
{
	if (ev->plan->n_themes > 64) /* ehp_themes_met's own count (no plan has so many) */
		return;
	uint64_t themes = 0;
	int n = 0;
	for (size_t w = 0; w < res->met_words; w++)
		for (uint64_t bits = res->met[w]; bits; bits &= bits - 1) {
			n++;
			int theme = ev->plan->indicators[w * 64 + (size_t)__builtin_ctzll(bits)].theme;
			if (theme >= 0 && theme < 64)
				themes |= UINT64_C(1) << theme;
		}
	res->n_indicators_met = n;
	for (n = 0; themes; themes &= themes - 1)
		n++;
	res->n_themes_met = n;
	res->tallied = true;
}

void ehp_evaluate_prefetch(const ehp_plan *plan, const ehp_results *res, ehp_date entry, ehp_date closure,
                           ehp_date claim)
{
	ehp_date anchor_day[EHP_ANCHORS] = { [EHP_ENTRY] = entry, [EHP_CLOSURE] = closure, [EHP_CLAIM] = claim };
	ehp_standin_memo_prefetch(plan, res, entry, closure);
	ehp_windows_prefetch(plan, res, anchor_day);
}

void ehp_evaluate_family(const ehp_plan *plan, ehp_eval *ev, ehp_results *res)
{
	res->tallied = false;
	res->n_ind = res->n_out = 0;
	res->themes_met = 0;
	res->eligible = res->claimable = EHP_FALSE;
	res->claimed = NULL;
	res->reason[0] = '\0';
	res->reason_plain = false;
	res->rule_reason[0] = '\0';
	res->figure = NULL;
	res->n_again = 0;
	ev->plan = plan;
	ev->res = res;
	if (ev->trace && !ev->trace->n) /* a trace begun afresh: its lines past the fourth too */
		ev->trace->n_more = 0;
	ev->measured_to = EHP_NO_DATE;
	ev->measured_item = 0;
	ev->measured_rate = false;
	res->ind_start = ehp_reserve(res->ind_start, &res->cap_start, (size_t)plan->n_indicators + 1, sizeof *res->ind_start);
	res->ages = ehp_reserve(res->ages, &res->cap_ages, ev->fam->n_people, sizeof *res->ages);
	ages_at_entry(ev->fam, res->ages);
	size_t words = ev->fam->n_people * EHP_TYPE_WORDS;
	res->member_types = ehp_reserve(res->member_types, &res->cap_member_types, words + 1, sizeof *res->member_types);
	memset(res->member_types, 0, words * sizeof *res->member_types);
	memset(res->family_types, 0, sizeof res->family_types);
	memcpy(res->record_types, ev->fam->types, sizeof res->record_types); /* found by ehp_family_index */
	for (size_t r = 0; r < ev->fam->n_records; r++) {
		const ehp_record *rec = &ev->fam->records[r];
		uint64_t bit = UINT64_C(1) << (rec->type % 64);
		if (rec->person >= 0 && (size_t)rec->person < ev->fam->n_people) {
			res->member_types[(size_t)rec->person * EHP_TYPE_WORDS + rec->type / 64] |= bit;
			res->family_types[rec->type / 64] |= bit;
		}
	}
	index_plan(plan, res);
	ehp_windows_begin(plan, ev->cal, res);
	ehp_cohorts_begin(plan, ev->fam, res);
	ehp_standins_begin(plan, res);
	ehp_standin_memo_begin(ev);
	if (ev->trace && ev->share_evidence)
		ehp_standin_traces_begin(plan, res);
	res->ages_of = ev->fam;
	/* Whether anyone met each indicator (add_ind), read for every outcome. */
	res->met = ehp_reserve(res->met, &res->cap_met, res->met_words + 1, sizeof *res->met);
	memset(res->met, 0, res->met_words * sizeof *res->met);
	ehp_standins_skip(ev); /* the indicators not entered */
	judge_rows(ev, res->skip, true, res->standin_words, plan->n_indicators, res->ind_start, &res->n_ind,
	           judge_indicator);
	tally_met(ev, res);
	find_needed(res);
	res->out_start = ehp_reserve(res->out_start, &res->cap_out_start, (size_t)plan->n_outcomes + 1,
	                             sizeof *res->out_start);
	judge_rows(ev, res->needed, false, res->out_words, plan->n_outcomes, res->out_start, &res->n_out, judge_outcome);
	ehp_cohorts_end(res); /* the family rules ask cohorts of their own, member by member */
	res->themes_met = ehp_themes_met(ev);

	res->elig_from = ehp_trace_mark(ev);
	res->limited = NULL;
	res->eligible = plan->eligible ? plan->eligible(ev, EHP_FAMILY) : ehp_tv_of(ehp_indicators_met(ev) > 0);
	ehp_limits_blame(ev);
	res->elig_to = res->claim_from = ehp_trace_mark(ev);
	/* Without evidence kept, the claim rule still leaves its own, so the
	 * reason a claim fails is the same either way. */
	bool own = !ev->trace;
	if (own) {
		res->rule_trace.n = res->rule_trace.n_more = 0;
		ev->trace = &res->rule_trace;
	}
	size_t rule_from = ehp_trace_mark(ev);
	ehp_tv rule = EHP_FALSE;
	if (res->eligible == EHP_TRUE)
		rule = plan->claimable ? plan->claimable(ev, EHP_FAMILY) : ehp_all_resolved(ev, EHP_NO_TEST);
	size_t rule_to = ehp_trace_mark(ev);
	const ehp_trace *rules = ev->trace;
	if (own)
		ev->trace = NULL;
	res->claim_to = ehp_trace_mark(ev);
	res->claim_rule = rule;
	res->claimable = ehp_and(res->eligible, rule);
	if (ehp_family_incomplete(ev->fam))
		res->claimable = EHP_FALSE;
	/* Claimed before (--claims): the family is not claimable again. */
	res->claimed = res->claimable == EHP_TRUE ? ehp_claims_find(ev->claims, ev->fam->id) : NULL;
	if (res->claimed)
		res->claimable = EHP_FALSE;
	explain(ev, res, rules, rule_from, rule_to);
	res->ages_of = NULL; /* the family may change before the next evaluation */
}

void ehp_results_free(ehp_results *res)
{
	free(res->ind);
	free(res->out);
	free(res->ind_start);
	free(res->met);
	free(res->served_by);
	free(res->needed);
	free(res->member_types);
	free(res->ages);
	free(res->cohorts);
	free(res->standins);
	free(res->reading);
	free(res->alike);
	free(res->alike_group);
	free(res->skip);
	free(res->class_rows);
	free(res->class_when);
	free(res->ind_classes);
	free(res->again);
	free(res->out_start);
	free(res->limit_work);
	free(res->window_memo);
	ehp_windows_free(res);
	ehp_standin_memo_free(res);
	ehp_trace_free(&res->rule_trace);
	ehp_standin_traces_free(res);
	*res = (ehp_results){ 0 };
}
