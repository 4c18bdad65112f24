/*
 * pairmap.c - pairmap.h's table: its memory (keyslots.h's) and growth,
 * kept at most half full with linear probing.
 */
#include "mem.h"
#include "pairmap.h"

static size_t table_bytes(size_t cap)
{
	return cap * sizeof(ehp_pairslot);
}

void ehp_pairmap_free(ehp_pairmap *m)
{
	ehp_slot_table_free(m->block, table_bytes(m->cap));
	*m = (ehp_pairmap){ 0 };
}

static void grow_to(ehp_pairmap *m, size_t cap)
{
	if (cap > UINT32_MAX)
		ehp_die("too many people to map");
	void *block;
	ehp_pairslot *slots = ehp_slot_table_new(table_bytes(cap), &block);
	for (size_t j = 0; j < m->cap; j++) {
		const ehp_pairslot *s = &m->slots[j];
		if (!s->family_n)
			continue;
		size_t i = ehp_pairmap_hash_of(s->family, s->family_n, s->person, s->person_n) & (cap - 1);
		while (slots[i].family_n)
			i = (i + 1) & (cap - 1);
		slots[i] = *s;
	}
	ehp_slot_table_free(m->block, table_bytes(m->cap));
	m->slots = slots;
	m->block = block;
	m->cap = cap;
}

void ehp_pairmap_reserve(ehp_pairmap *m, size_t more)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (2 * (m->n + more) > cap)
		cap *= 2;
	if (cap != m->cap)
		grow_to(m, cap);
}

void ehp_pairmap_put(ehp_pairmap *m, ehp_key fk, size_t fn, ehp_key pk, size_t pn, uint64_t hash,
                     uint32_t family_index, uint64_t value)
{
	ehp_pairmap_reserve(m, 1);
	size_t i = ehp_pairmap_find(m, fk, fn, pk, pn, hash);
	m->slots[i] = (ehp_pairslot){ .family = fk, .person = pk, .value = value, .family_index = family_index,
	                              .family_n = (uint8_t)fn, .person_n = (uint8_t)pn };
	m->n++;
}
