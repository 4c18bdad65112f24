/*
 * keyslots.c - the table's memory and its growth (keyslots.h).
 */
#include <stdlib.h>
#include <string.h>
#include "keyslots.h"
#include "mem.h"

enum { CACHE_LINE = 64 };

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

static void place(ehp_keyslot *slots, size_t cap, const ehp_keyslot *s)
{
	size_t i = ehp_key_hash_of(s->key, s->len1 - 1, s->tag) & (cap - 1);
	while (slots[i].len1)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

static void grow_to(ehp_keyslots *t, size_t cap, const char *what)
{
	if (cap > UINT32_MAX)
		ehp_die("too many %s to map", what);
	void *block;
	ehp_keyslot *slots = new_table(cap, &block);
	for (size_t j = 0; j < t->cap; j++)
		if (t->slots[j].len1)
			place(slots, cap, &t->slots[j]);
	free(t->block);
	t->slots = slots;
	t->block = block;
	t->cap = cap;
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
