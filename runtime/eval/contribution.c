/*
 * contribution.c - `themes met >= 2 with at most 1 theme from each member
 * who is living_apart`: the largest number of distinct themes (or
 * indicators) a family can be credited with when each member of a group
 * accounts for at most N of them.
 *
 * A theme met by the household, the family or a member outside the group
 * counts whatever else happens. The rest form a small bipartite graph,
 * themes x limited members (an edge where the member met an indicator of
 * the theme), and the figure adds the size of its largest matching in
 * which each member takes at most N themes: Kuhn's augmenting paths, found
 * breadth first with explicit queues, each theme tried once in plan order.
 * The answer is the maximum whatever order is used, so it is exact and
 * does not depend on the order members or rows are read.
 */
#include <stdio.h>
#include <string.h>
#include "contribution.h"
#include "internal.h"

enum { NOT_MET = -3, FREE = -2, UNASSIGNED = -1 };

size_t ehp_limited_work(size_t n, int n_items, int n_members)
{
	return 4 * (size_t)n_items + 1 + n + 3 * (size_t)n_members;
}

typedef struct {
	int n_items, n_members, most;
	int *state;     /* per item: NOT_MET, FREE, UNASSIGNED or the member it is counted for */
	int *adj_start; /* item i's members are adj[adj_start[i] .. adj_start[i+1]) */
	int *adj;
	int *from;      /* per item, in a search: the member it was reached through (-1: the root) */
	int *queue;     /* items to search from */
	int *load;      /* per member: items counted for them */
	int *seen;      /* per member: the search (root + 1) that reached them */
	int *via;       /* per member: the item they were reached from */
} matching;

/* One augmenting path from item root, breadth first: a member with room
 * takes an item, and every item on the way moves one member along. */
static bool augment(matching *m, int root)
{
	int head = 0, tail = 0, found = -1, stamp = root + 1;
	m->queue[tail++] = root;
	m->from[root] = -1;
	while (head < tail && found < 0) {
		int x = m->queue[head++];
		for (int e = m->adj_start[x]; e < m->adj_start[x + 1] && found < 0; e++) {
			int w = m->adj[e];
			if (m->seen[w] == stamp)
				continue;
			m->seen[w] = stamp;
			m->via[w] = x;
			if (m->load[w] < m->most) {
				found = w;
				break;
			}
			/* Full: each item counted for w might move to another member.
			 * An item is counted for one member, and w is reached once, so
			 * the queue never holds more than n_items. */
			for (int j = 0; j < m->n_items; j++)
				if (m->state[j] == w) {
					m->from[j] = w;
					m->queue[tail++] = j;
				}
		}
	}
	if (found < 0)
		return false;
	m->load[found]++;
	for (int w = found;;) { /* back along the path: each item to the member that reached it */
		int x = m->via[w];
		int before = m->from[x];
		m->state[x] = w;
		if (x == root)
			return true;
		w = before; /* x left it: the item that reached it takes x's place */
	}
}

int ehp_count_limited(const int *items, const int *members, size_t n, int n_items, int n_members, int most,
                      int *work)
{
	if (n_items <= 0)
		return 0;
	matching m = { .n_items = n_items, .n_members = n_members, .most = most };
	m.state = work;
	m.adj_start = m.state + n_items;
	m.from = m.adj_start + n_items + 1;
	m.queue = m.from + n_items;
	m.adj = m.queue + n_items;
	m.load = m.adj + n;
	m.seen = m.load + n_members;
	m.via = m.seen + n_members;
	for (int i = 0; i < n_items; i++)
		m.state[i] = NOT_MET;
	for (size_t k = 0; k < n; k++) {
		int i = items[k], w = members[k];
		if (i < 0 || i >= n_items || w >= n_members)
			continue;
		if (w < 0)
			m.state[i] = FREE;
		else if (m.state[i] == NOT_MET)
			m.state[i] = UNASSIGNED;
	}
	/* The limited members of each item not already counted (counting sort). */
	memset(m.adj_start, 0, ((size_t)n_items + 1) * sizeof *m.adj_start);
	for (size_t k = 0; k < n; k++) {
		int i = items[k], w = members[k];
		if (i >= 0 && i < n_items && w >= 0 && w < n_members && m.state[i] == UNASSIGNED)
			m.adj_start[i + 1]++;
	}
	for (int i = 0; i < n_items; i++) {
		m.adj_start[i + 1] += m.adj_start[i];
		m.queue[i] = m.adj_start[i]; /* the next free place of item i's list */
	}
	for (size_t k = 0; k < n; k++) {
		int i = items[k], w = members[k];
		if (i >= 0 && i < n_items && w >= 0 && w < n_members && m.state[i] == UNASSIGNED)
			m.adj[m.queue[i]++] = w;
	}
	for (int w = 0; w < n_members; w++)
		m.load[w] = m.seen[w] = 0;
	int counted = 0;
	for (int i = 0; i < n_items; i++) {
		if (m.state[i] == FREE)
			counted++;
		else if (m.state[i] == UNASSIGNED && most > 0 && augment(&m, i))
			counted++;
	}
	return counted;
}

int ehp_met_limited(ehp_eval *ev, const ehp_member_limit *lim)
{
	ehp_results *res = ev->res;
	const ehp_plan *plan = ev->plan;
	int met = lim->indicators ? ehp_indicators_met(ev) : ehp_themes_met(ev);
	res->figure = lim->what; /* named in the evidence of the comparison that reads it */
	if (ev->limits_lifted)
		return met;
	int n_items = lim->indicators ? plan->n_indicators : plan->n_themes;
	int n_people = (int)ev->fam->n_people;
	size_t n = 0;
	for (size_t v = 0; v < res->n_ind; v++)
		n += res->ind[v].met == EHP_TRUE;
	size_t need = (size_t)n_people + 2 * n + ehp_limited_work(n, n_items, n_people);
	res->limit_work = ehp_reserve(res->limit_work, &res->cap_limit_work, need, sizeof *res->limit_work);
	int *number = res->limit_work; /* each member's number among the limited, or -1 */
	int *items = number + n_people, *members = items + n, *work = members + n;
	int n_limited = 0;
	for (int p = 0; p < n_people; p++)
		number[p] = lim->who(ev, p) ? n_limited++ : -1;
	size_t k = 0;
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		items[k] = lim->indicators ? iv->indicator : plan->indicators[iv->indicator].theme;
		members[k++] = iv->subject >= 0 && iv->subject < n_people ? number[iv->subject] : -1;
	}
	int counted = ehp_count_limited(items, members, k, n_items, n_limited, lim->most, work);
	if (counted < met && !res->limited) {
		res->limited = lim;
		res->limited_met = met;
		res->limited_counted = counted;
	}
	return counted;
}

void ehp_limits_blame(ehp_eval *ev)
{
	ehp_results *res = ev->res;
	res->limit_decided = false;
	if (!res->limited || res->eligible == EHP_TRUE || !ev->plan->eligible)
		return;
	/* The rule again, quietly: no evidence, and nothing it notes kept. */
	char rule_reason[sizeof res->rule_reason];
	memcpy(rule_reason, res->rule_reason, sizeof rule_reason);
	ehp_trace *trace = ev->trace;
	ev->trace = NULL;
	ev->limits_lifted = true;
	ehp_tv lifted = ev->plan->eligible(ev, EHP_FAMILY);
	ev->limits_lifted = false;
	ev->trace = trace;
	res->figure = NULL;
	memcpy(res->rule_reason, rule_reason, sizeof rule_reason);
	res->limit_decided = lifted == EHP_TRUE;
}

void ehp_limit_reason(const ehp_results *res, char *buf, size_t len)
{
	if (!len)
		return;
	buf[0] = '\0';
	if (!res->limit_decided || !res->limited)
		return;
	const char *noun = res->limited->indicators ? "indicator" : "theme";
	snprintf(buf, len, "; %d %s%s counted with %s", res->limited_counted, noun, res->limited_counted == 1 ? "" : "s",
	         res->limited->limit);
}
