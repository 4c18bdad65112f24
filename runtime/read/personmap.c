/*
 * personmap.c - open addressing with linear probing, kept at most half
 * full; each slot keeps its key's hash, so a probe compares ids only when
 * the hashes agree.
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "personmap.h"

struct ehp_personmap_slot {
	const char *id;        /* NULL: an empty slot */
	size_t value;
	uint32_t family, len;
	uint64_t hash;
};

/* FNV-1a over the id, then the family mixed in (a multiply by the golden
 * ratio spreads consecutive family indices over the table). */
static uint64_t hash(uint32_t family, const char *id, size_t len)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < len; i++)
		h = (h ^ (unsigned char)id[i]) * 1099511628211u;
	h ^= (uint64_t)(family + 1) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 29);
}

void ehp_personmap_free(ehp_personmap *m)
{
	free(m->slots);
	*m = (ehp_personmap){ 0 };
}

size_t ehp_personmap_get(const ehp_personmap *m, uint32_t family, const char *id, size_t len)
{
	if (!m->cap)
		return EHP_PERSONMAP_NONE;
	uint64_t h = hash(family, id, len);
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_personmap_slot *s = &m->slots[i];
		if (!s->id)
			return EHP_PERSONMAP_NONE;
		if (s->hash == h && s->family == family && s->len == len && memcmp(s->id, id, len) == 0)
			return s->value;
	}
}

static void place(ehp_personmap_slot *slots, size_t cap, const ehp_personmap_slot *s)
{
	size_t i = s->hash & (cap - 1);
	while (slots[i].id)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, size_t len, size_t value)
{
	if (len > UINT32_MAX)
		ehp_die("a person_id too long to hold");
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		ehp_personmap_slot *slots = ehp_xcalloc(cap, sizeof *slots);
		for (size_t j = 0; j < m->cap; j++)
			if (m->slots[j].id)
				place(slots, cap, &m->slots[j]);
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	ehp_personmap_slot s = { .id = id, .value = value, .family = family, .len = (uint32_t)len,
	                         .hash = hash(family, id, len) };
	place(m->slots, m->cap, &s);
	m->n++;
}
