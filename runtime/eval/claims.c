/*
 * claims.c - claims already made (`--claims FILE`): the families claimed
 * before under this plan, found by id, so a family is not reported
 * claimable twice. The file is read by runtime/read/claims_load.c.
 */
#include <stdlib.h>
#include <string.h>
#include "eval.h"
#include "mem.h"

void ehp_claims_add(ehp_claims *c, const char *id, size_t len, ehp_date date, uint32_t line)
{
	c->v = ehp_reserve(c->v, &c->cap, c->n + 1, sizeof *c->v);
	c->v[c->n++] = (ehp_claim){ ehp_xstrndup(id, len), date, line, NULL };
}

void ehp_claims_add_unreadable(ehp_claims *c, const char *id, size_t len, uint32_t line, const char *field)
{
	ehp_claims_add(c, id, len, EHP_NO_DATE, line);
	c->v[c->n - 1].unreadable = field;
	c->unreadable++;
}

static int by_id_then_date(const void *a, const void *b)
{
	const ehp_claim *x = a, *y = b;
	int k = strcmp(x->id, y->id);
	if (k)
		return k;
	if (!x->unreadable != !y->unreadable) /* a claim read says more than one that could not be */
		return x->unreadable ? 1 : -1;
	return x->date != y->date ? (x->date < y->date ? -1 : 1) : (x->line < y->line ? -1 : x->line > y->line);
}

void ehp_claims_index(ehp_claims *c)
{
	if (!c->n)
		return;
	qsort(c->v, c->n, sizeof *c->v, by_id_then_date);
	size_t kept = 1; /* the first of each id is its earliest claim */
	for (size_t i = 1; i < c->n; i++) {
		if (!strcmp(c->v[i].id, c->v[kept - 1].id)) {
			free(c->v[i].id);
			continue;
		}
		c->v[kept++] = c->v[i];
	}
	c->n = kept;
}

const ehp_claim *ehp_claims_find(const ehp_claims *c, const char *id)
{
	size_t lo = 0, hi = c ? c->n : 0;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int k = strcmp(c->v[mid].id, id);
		if (!k)
			return &c->v[mid];
		if (k < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

void ehp_claims_free(ehp_claims *c)
{
	for (size_t i = 0; i < c->n; i++)
		free(c->v[i].id);
	free(c->v);
	*c = (ehp_claims){ 0 };
}
