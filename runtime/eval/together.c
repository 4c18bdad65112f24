/*
 * together.c - measures of a group taken together (`rate attendance of
 * school_age together in 3 terms before entry < 90%`): one figure for the
 * family from the records of every member of the group, as distinct from
 * each member's own figure (a person row) or every record of the family (a
 * family row).
 *
 * Who is in the group is decided member by member, as for a row's `who`;
 * then the measure (measure.c) reads subject EHP_GROUP through
 * ehp_scan_group: the family's records, those of the group's members only. So a rate is all their attended sessions over all their possible
 * ones, not an average of each member's rate. A group with no member
 * cannot be measured: "the children's attendance taken together" says
 * nothing of a family with no child, and counting it as 0 records would
 * meet every `fewer than` and `falls` by default (semantics.md).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"

#define NO_MEMBER "no member is in the group"

/* The group's members as bits; families of up to 512 members need no
 * allocation. */
enum { GROUP_STACK_WORDS = 8 };

typedef struct {
	uint64_t stack[GROUP_STACK_WORDS];
	uint64_t *bits;
	size_t members;
} group;

static bool in_group(const uint64_t *bits, int32_t person)
{
	return person >= 0 && (bits[(uint32_t)person / 64] >> ((uint32_t)person % 64)) & 1u;
}

/* Decides membership member by member (a group's own condition is judged
 * without a trace, people.c). */
static void group_open(const ehp_eval *ev, ehp_cohort_fn who, group *g)
{
	size_t n = ev->fam->n_people, words = (n + 63) / 64;
	g->bits = words <= GROUP_STACK_WORDS ? g->stack : ehp_xmalloc(words * sizeof *g->bits);
	memset(g->bits, 0, (words ? words : 1) * sizeof *g->bits);
	g->members = 0;
	for (size_t p = 0; p < n; p++) {
		if (ehp_in_cohort(ev, who, (int)p)) {
			g->bits[p / 64] |= UINT64_C(1) << (p % 64);
			g->members++;
		}
	}
}

static void group_close(group *g)
{
	if (g->bits != g->stack)
		free(g->bits);
}

typedef struct {
	const uint64_t *bits;
	ehp_visit_fn visit;
	void *ctx;
} group_visit;

static bool visit_member(const ehp_record *r, void *ctx)
{
	group_visit *gv = ctx;
	return !in_group(gv->bits, r->person) || gv->visit(r, gv->ctx);
}

void ehp_scan_group(const ehp_eval *ev, const ehp_sel *sel, int nsel, ehp_date from, ehp_date to, ehp_visit_fn visit,
                    void *ctx)
{
	if (!ev->group)
		return; /* no group being measured: nothing is its */
	group_visit gv = { ev->group, visit, ctx };
	ehp_scan(ev, EHP_FAMILY, sel, nsel, from, to, visit_member, &gv);
}

/* With a trace: an item for each member of the group, naming the records
 * of the selection counted from them in the windows (a change's two). */
static void member_items(ehp_eval *ev, uint32_t test, const group *g, const ehp_sel *sel, int nsel, ehp_window a,
                         const ehp_window *b)
{
	if (!ev->trace)
		return;
	ehp_window span = a;
	if (b) {
		span.to = b->to;
		span.missing = a.missing ? a.missing : b->missing;
	}
	for (size_t p = 0; p < ev->fam->n_people; p++) {
		if (!in_group(g->bits, (int32_t)p))
			continue;
		ehp_evidence *e = ehp_evidence_begin_kind(ev, test, (int)p, ehp_sel_name(sel, nsel), span, EHP_K_GROUP);
		ehp_tally t = { .keep = ev->trace };
		const ehp_window *w[2] = { &a, b };
		for (int k = 0; k < 2; k++)
			if (w[k] && !w[k]->missing)
				ehp_scan(ev, (int)p, sel, nsel, w[k]->from, w[k]->to, ehp_tally_add, &t);
		ehp_evidence_lines(e, &t);
		e->measured = t.n;
		ehp_evidence_end(e, EHP_TRUE, NULL);
	}
}

/* The one item a group with no member leaves: why nothing was measured
 * (kind: the measure's, which ehp_compare completes, or EHP_K_GROUP for a
 * change, which has no figure). It names no window: waiting for one to end
 * would not make the group any less empty (due.c, "judgeable after"). */
static ehp_evidence *no_member(ehp_eval *ev, uint32_t test, const ehp_sel *sel, int nsel, ehp_test_kind kind)
{
	ehp_window none = { EHP_NO_DATE, EHP_NO_DATE, NULL, 0 };
	ehp_evidence *e = ehp_evidence_begin_kind(ev, test, EHP_GROUP, ehp_sel_name(sel, nsel), none, kind);
	if (e)
		e->reason = NO_MEMBER;
	return e;
}

double ehp_measure_together(ehp_eval *ev, uint32_t test, ehp_measure m, ehp_cohort_fn who, const ehp_sel *sel,
                            int nsel, ehp_window w, int per)
{
	group g;
	group_open(ev, who, &g);
	double v;
	if (!g.members) {
		ehp_evidence *e = no_member(ev, test, sel, nsel,
		                            m == EHP_M_COUNT ? EHP_K_COUNT : m == EHP_M_SUM ? EHP_K_SUM : EHP_K_RATE);
		/* ehp_compare, called next, completes this item: cannot be judged */
		ev->measured_to = EHP_NO_DATE;
		ev->measured_item = e ? (size_t)(e - ev->trace->items) + 1 : 0;
		ev->measured_rate = m == EHP_M_RATE;
		v = NAN;
	} else {
		member_items(ev, test, &g, sel, nsel, w, NULL);
		const uint64_t *saved = ev->group;
		ev->group = g.bits;
		v = ehp_measure_in(ev, test, m, EHP_GROUP, sel, nsel, w, per);
		ev->group = saved;
	}
	group_close(&g);
	return v;
}

/* A change of the group's pooled measure; `any`: a plain `falls` or `rises`. */
static ehp_tv change_together(ehp_eval *ev, uint32_t test, ehp_measure m, ehp_cohort_fn who, const ehp_sel *sel,
                              int nsel, int per, ehp_window a, ehp_window b, ehp_direction dir, bool any, bool points,
                              double threshold)
{
	group g;
	group_open(ev, who, &g);
	ehp_tv v;
	if (!g.members) {
		v = ehp_evidence_end(no_member(ev, test, sel, nsel, EHP_K_GROUP), EHP_UNKNOWN, NULL);
	} else {
		member_items(ev, test, &g, sel, nsel, a, &b);
		const uint64_t *saved = ev->group;
		ev->group = g.bits;
		v = any ? ehp_change_any(ev, test, m, EHP_GROUP, sel, nsel, per, a, b, dir)
		        : ehp_change(ev, test, m, EHP_GROUP, sel, nsel, per, a, b, dir, points, threshold);
		ev->group = saved;
	}
	group_close(&g);
	return v;
}

ehp_tv ehp_change_together(ehp_eval *ev, uint32_t test, ehp_measure m, ehp_cohort_fn who, const ehp_sel *sel,
                           int nsel, int per, ehp_window a, ehp_window b, ehp_direction dir, bool points,
                           double threshold)
{
	return change_together(ev, test, m, who, sel, nsel, per, a, b, dir, false, points, threshold);
}

ehp_tv ehp_change_any_together(ehp_eval *ev, uint32_t test, ehp_measure m, ehp_cohort_fn who, const ehp_sel *sel,
                               int nsel, int per, ehp_window a, ehp_window b, ehp_direction dir)
{
	return change_together(ev, test, m, who, sel, nsel, per, a, b, dir, true, false, 0);
}
