/*
 * keyslots.c - the table's memory and its growth (keyslots.h).
 */
#define _DEFAULT_SOURCE /* MAP_ANONYMOUS, madvise and MADV_HUGEPAGE */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include "keyslots.h"
#include "mem.h"

/* A table of HUGE_PAGE bytes or more is mapped on its own, on a huge
 * page's boundary, and asked for huge pages: lookups at random in tables
 * of hundreds of megabytes miss the TLB nearly every time with 4 kB
 * pages, and with 2 MB pages hardly ever. */
enum { HUGE_PAGE = 2 << 20, SMALL_PAGE = 4096 };

static size_t table_bytes(size_t cap)
{
	return cap * sizeof(ehp_keyslot);
}

static bool mapped_alone(size_t cap)
{
	return table_bytes(cap) >= HUGE_PAGE;
}

/* What a table of cap slots was given: its mapping, one huge page longer
 * than the table so that the table can start on one. */
static size_t mapping_bytes(size_t cap)
{
	return table_bytes(cap) + HUGE_PAGE;
}

static void free_table(void *block, size_t cap)
{
	if (!block)
		return;
	if (mapped_alone(cap))
		munmap(block, mapping_bytes(cap));
	else
		free(block);
}

void ehp_keyslots_free(ehp_keyslots *t)
{
	free_table(t->block, t->cap);
	*t = (ehp_keyslots){ 0 };
}

/* cap zeroed slots starting on a cache line, so no slot spans two lines
 * (malloc's large blocks start 16 bytes into a page: every other slot
 * would, and its key would be a second miss); a big table on a huge page
 * (HUGE_PAGE). Written a page at a time at once (mem.h: no TLB flush a
 * page on first write; with huge pages, the first write of each maps
 * it). */
static ehp_keyslot *new_table(size_t cap, void **block)
{
	if (!mapped_alone(cap)) {
		unsigned char *p = ehp_xcalloc_written(table_bytes(cap) + EHP_CACHE_LINE, 1);
		*block = p;
		return (ehp_keyslot *)ehp_on_line(p);
	}
	void *p = mmap(NULL, mapping_bytes(cap), PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED)
		ehp_die("out of memory (%zu bytes): %s", mapping_bytes(cap), strerror(errno));
	*block = p;
	unsigned char *at = (unsigned char *)p + (HUGE_PAGE - (uintptr_t)p % HUGE_PAGE) % HUGE_PAGE;
#ifdef MADV_HUGEPAGE
	madvise(at, table_bytes(cap), MADV_HUGEPAGE); /* a hint: refused, the pages are small */
#endif
	for (size_t b = 0; b < table_bytes(cap); b += SMALL_PAGE) /* zero already: mapped anonymous */
		((volatile unsigned char *)at)[b] = 0;
	return (ehp_keyslot *)at;
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
	free_table(t->block, t->cap);
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
