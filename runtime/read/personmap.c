/*
 * personmap.c - open addressing with linear probing, kept at most half
 * full. A slot holds the hash's low 32 bits (which also place it), the
 * family and the id's length, compared before the id's bytes: inline up
 * to 16 bytes, so a lookup reads one cache line.
 */
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "mem.h"
#include "personmap.h"
#include "prefetch.h"

enum { INLINE_ID = 16 };

struct ehp_personmap_slot {
	uint32_t family, value;
	uint32_t hash;
	uint32_t len1;         /* the id's length + 1; 0: an empty slot */
	union {
		const char *ptr;   /* len > INLINE_ID: borrowed, NUL-terminated */
		char bytes[INLINE_ID];
	} id;
};

static const char *slot_id(const ehp_personmap_slot *s)
{
	return s->len1 - 1 > INLINE_ID ? s->id.ptr : s->id.bytes;
}

/* FNV-1a over the id, then the family mixed in (a multiply by the golden
 * ratio spreads consecutive family indices over the table). */
uint64_t ehp_personmap_hash(uint32_t family, const char *id, size_t len)
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

void ehp_personmap_prefetch(const ehp_personmap *m, uint64_t hash)
{
	if (m->cap)
		EHP_PREFETCH(&m->slots[(uint32_t)hash & (m->cap - 1)]);
}

uint32_t ehp_personmap_get_hashed(const ehp_personmap *m, uint32_t family, const char *id, size_t len,
                                  uint64_t hash)
{
	if (!m->cap || len >= UINT32_MAX)
		return EHP_PERSONMAP_NONE;
	uint32_t h = (uint32_t)hash, len1 = (uint32_t)len + 1;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_personmap_slot *s = &m->slots[i];
		if (!s->len1)
			return EHP_PERSONMAP_NONE;
		if (s->hash == h && s->family == family && s->len1 == len1 && memcmp(slot_id(s), id, len) == 0)
			return s->value;
	}
}

uint32_t ehp_personmap_get(const ehp_personmap *m, uint32_t family, const char *id, size_t len)
{
	return ehp_personmap_get_hashed(m, family, id, len, ehp_personmap_hash(family, id, len));
}

static void place(ehp_personmap_slot *slots, size_t cap, const ehp_personmap_slot *s)
{
	size_t i = s->hash & (cap - 1);
	while (slots[i].len1)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, uint32_t value)
{
	if (2 * (m->n + 1) > m->cap) {
		size_t cap = m->cap ? m->cap * 2 : 1024;
		if (cap > UINT32_MAX)
			ehp_die("too many people to map");
		ehp_personmap_slot *slots = ehp_xcalloc_written(cap, sizeof *slots);
		for (size_t j = 0; j < m->cap; j++)
			if (m->slots[j].len1)
				place(slots, cap, &m->slots[j]);
		free(m->slots);
		m->slots = slots;
		m->cap = cap;
	}
	size_t len = strlen(id);
	if (len >= UINT32_MAX)
		ehp_die("a person id too long to map");
	ehp_personmap_slot s = { .family = family, .value = value,
	                         .hash = (uint32_t)ehp_personmap_hash(family, id, len), .len1 = (uint32_t)len + 1 };
	if (len > INLINE_ID)
		s.id.ptr = id;
	else
		memcpy(s.id.bytes, id, len);
	place(m->slots, m->cap, &s);
	m->n++;
}
