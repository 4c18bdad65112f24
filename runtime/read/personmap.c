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

/* The slot holding (family, id), or the empty one where it would go (the
 * map has slots, len is below UINT32_MAX). */
static size_t find_slot(const ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash)
{
	uint32_t h = (uint32_t)hash, len1 = (uint32_t)len + 1;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_personmap_slot *s = &m->slots[i];
		if (!s->len1 ||
		    (s->hash == h && s->family == family && s->len1 == len1 && memcmp(slot_id(s), id, len) == 0))
			return i;
	}
}

uint32_t ehp_personmap_get_hashed(const ehp_personmap *m, uint32_t family, const char *id, size_t len,
                                  uint64_t hash)
{
	if (!m->cap || len >= UINT32_MAX)
		return EHP_PERSONMAP_NONE;
	const ehp_personmap_slot *s = &m->slots[find_slot(m, family, id, len, hash)];
	return s->len1 ? s->value : EHP_PERSONMAP_NONE;
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

static void grow(ehp_personmap *m, size_t cap)
{
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

void ehp_personmap_reserve(ehp_personmap *m, size_t more)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (2 * (m->n + more) > cap)
		cap *= 2;
	if (cap != m->cap)
		grow(m, cap);
}

/* (family, id) -> value into the empty slot i (find_slot's). */
static void fill_slot(ehp_personmap *m, size_t i, uint32_t family, const char *id, size_t len, uint64_t hash,
                      uint32_t value)
{
	ehp_personmap_slot s = { .family = family, .value = value, .hash = (uint32_t)hash, .len1 = (uint32_t)len + 1 };
	if (len > INLINE_ID)
		s.id.ptr = id;
	else
		memcpy(s.id.bytes, id, len);
	m->slots[i] = s;
	m->n++;
}

void ehp_personmap_put_hashed(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                              uint32_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("a person id too long to map");
	ehp_personmap_reserve(m, 1);
	fill_slot(m, find_slot(m, family, id, len, hash), family, id, len, hash, value);
}

void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, uint32_t value)
{
	size_t len = strlen(id);
	ehp_personmap_put_hashed(m, family, id, len, ehp_personmap_hash(family, id, len), value);
}

uint32_t ehp_personmap_put_new(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                               uint32_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("a person id too long to map");
	if (2 * (m->n + 1) > m->cap)
		ehp_die("a person map filled past the room reserved");
	size_t i = find_slot(m, family, id, len, hash);
	if (m->slots[i].len1)
		return EHP_PERSONMAP_NONE;
	fill_slot(m, i, family, id, len, hash, value);
	return (uint32_t)i;
}

void ehp_personmap_unput(ehp_personmap *m, uint32_t slot)
{
	m->slots[slot].len1 = 0;
	m->n--;
}
