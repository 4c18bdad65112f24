/*
 * personmap.c - open addressing with linear probing, kept at most half
 * full. A slot holds no hash: the family is compared first (one integer),
 * then the id up to its NUL (strncmp: a shorter stored id is not read
 * past its end).
 */
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "mem.h"
#include "personmap.h"

struct ehp_personmap_slot {
	const char *id;        /* NULL: an empty slot */
	uint32_t family, value;
};

/* FNV-1a over the id, then the family mixed in (a multiply by the golden
 * ratio spreads consecutive family indices over the table). */
static uint64_t hash(uint32_t family, const char *id, size_t len)
{
	uint64_t h = ehp_hash_bytes(id, len);
	h ^= (uint64_t)(family + 1u) * 0x9E3779B97F4A7C15u;
	return h ^ (h >> 29);
}

void ehp_personmap_free(ehp_personmap *m)
{
	free(m->slots);
	*m = (ehp_personmap){ 0 };
}

uint32_t ehp_personmap_get(const ehp_personmap *m, uint32_t family, const char *id, size_t len)
{
	if (!m->cap)
		return EHP_PERSONMAP_NONE;
	for (size_t i = hash(family, id, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_personmap_slot *s = &m->slots[i];
		if (!s->id)
			return EHP_PERSONMAP_NONE;
		if (s->family == family && strncmp(s->id, id, len) == 0 && s->id[len] == '\0')
			return s->value;
	}
}

static void place(ehp_personmap_slot *slots, size_t cap, const ehp_personmap_slot *s)
{
	size_t i = hash(s->family, s->id, strlen(s->id)) & (cap - 1);
	while (slots[i].id)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, uint32_t value)
{
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
	place(m->slots, m->cap, &(ehp_personmap_slot){ .id = id, .family = family, .value = value });
	m->n++;
}
