/*
 * keyslots.c - the table's memory and its growth (keyslots.h).
 */
#include <stdlib.h>
#include <string.h>
#include "keyslots.h"
#include "mem.h"

enum { CACHE_LINE = 64 };

/* The bits a power of two, or anything up to it, takes. */
static unsigned log2_of(size_t cap)
{
	unsigned b = 0;
	while ((size_t)1 << b < cap)
		b++;
	return b;
}

/* Top bits the queries are ordered by at most: 65,536 counts, in the
 * nearest caches; finer than the pages of any table they look up. */
enum { ORDER_BITS_MAX = 16 };

/* Far enough ahead to cover a miss to memory, near enough that the
 * fetched lines are still in the cache. */
enum { AHEAD = 16 };

/* q's n queries, into `to`, in the order of their hashes' top bits (a
 * counting sort by as many bits as n has, up to ORDER_BITS_MAX). */
static void order_queries(const ehp_keyslots_query *q, size_t n, ehp_keyslots_query *to)
{
	unsigned bits = log2_of(n);
	if (bits > ORDER_BITS_MAX)
		bits = ORDER_BITS_MAX;
	if (!bits) {
		memcpy(to, q, n * sizeof *q);
		return;
	}
	unsigned shift = 64 - bits;
	size_t *at = ehp_xcalloc(((size_t)1 << bits) + 1, sizeof *at);
	for (size_t i = 0; i < n; i++)
		at[(q[i].hash >> shift) + 1]++;
	for (size_t b = 0; b < (size_t)1 << bits; b++)
		at[b + 1] += at[b];
	for (size_t i = 0; i < n; i++)
		to[at[q[i].hash >> shift]++] = q[i];
	free(at);
}

void ehp_keyslots_find_many(const ehp_keyslots *t, ehp_keyslots_query *q, size_t n, uint64_t *answer, uint64_t none)
{
	if (!t->cap) {
		for (size_t i = 0; i < n; i++)
			answer[q[i].at] = none;
		return;
	}
	ehp_keyslots_query *in_order = ehp_xmalloc((n + 1) * sizeof *in_order);
	order_queries(q, n, in_order);
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n)
			ehp_keyslots_prefetch(t, in_order[i + AHEAD].hash);
		const ehp_keyslots_query *k = &in_order[i];
		const ehp_keyslot *s = &t->slots[ehp_keyslots_find(t, k->key.ptr, k->n, k->key, k->hash, k->tag)];
		answer[k->at] = s->len1 ? s->value : none;
	}
	free(in_order);
}

void ehp_keyslots_free(ehp_keyslots *t)
{
	free(t->block);
	*t = (ehp_keyslots){ 0 };
}

/* cap zeroed slots starting on a cache line, so no slot spans two lines
 * (malloc's large blocks start 16 bytes into a page: every other slot
 * would, and its key would be a second miss). Written a page at a time
 * at once (mem.h: no TLB flush a page on first write). */
static ehp_keyslot *new_table(size_t cap, void **block)
{
	unsigned char *p = ehp_xcalloc_written(cap * sizeof(ehp_keyslot) + CACHE_LINE, 1);
	*block = p;
	return (ehp_keyslot *)(p + (CACHE_LINE - (uintptr_t)p % CACHE_LINE) % CACHE_LINE);
}

void ehp_keyslots_clear(ehp_keyslots *t)
{
	if (t->cap)
		memset(t->slots, 0, t->cap * sizeof *t->slots);
	t->n = 0;
}

static void place(ehp_keyslots *t, const ehp_keyslot *s)
{
	size_t i = ehp_keyslots_home(t, ehp_key_hash_of(s->key, s->len1 - 1, s->tag));
	while (t->slots[i].len1)
		i = (i + 1) & (t->cap - 1);
	t->slots[i] = *s;
}

static void grow_to(ehp_keyslots *t, size_t cap, const char *what)
{
	if (cap > UINT32_MAX)
		ehp_die("too many %s to map", what);
	ehp_keyslots to = { .cap = cap, .n = t->n, .shift = 64 - log2_of(cap) };
	to.slots = new_table(cap, &to.block);
	/* In slot order, which is nearly the order of the hashes' top bits:
	 * the new table is written from its start to its end too. */
	for (size_t j = 0; j < t->cap; j++)
		if (t->slots[j].len1)
			place(&to, &t->slots[j]);
	free(t->block);
	*t = to;
}

void ehp_keyslots_reserve(ehp_keyslots *t, size_t more, const char *what)
{
	size_t cap = t->cap ? t->cap : 1024;
	while (2 * (t->n + more) > cap)
		cap *= 2;
	if (cap != t->cap)
		grow_to(t, cap, what);
}

void ehp_keyslots_fill(ehp_keyslots *t, size_t i, size_t n, ehp_key k, uint32_t tag, uint64_t value)
{
	t->slots[i] = (ehp_keyslot){ .len1 = (uint32_t)n + 1, .tag = tag, .value = value, .key = k };
	t->n++;
}
