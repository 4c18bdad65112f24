/*
 * pairmap.h - a kept person found by the text of both its ids, its
 * family's and its own, in one lookup: the grouped reader's records rows
 * name a person by the two ids, and looking the family up (idmap.h) and
 * then the person in it (personmap.h) is two misses to memory a row, one
 * after the other, in tables far bigger than the cache. A slot is a cache
 * line: both ids as keyslots.h's two words each (so only ids of 1 to 16
 * bytes; a longer one is not put, and its rows take the two lookups), the
 * family's index and the person map's value for the pair.
 *
 * Only a shortcut: every pair it holds is one the family and person maps
 * hold with the same answers, so a miss here (a pair not put, an unknown
 * person) is asked of them, and the answers are the same either way.
 */
#ifndef EHP_PAIRMAP_H
#define EHP_PAIRMAP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include "keyslots.h"

typedef struct {
	_Alignas(64) ehp_key family; /* the ids' words (ehp_key_of); the slot a cache line */
	ehp_key person;
	uint64_t value;        /* the person map's */
	uint32_t family_index; /* the family map's */
	uint8_t family_n;      /* the ids' lengths; family_n 0: an empty slot */
	uint8_t person_n;
} ehp_pairslot;

_Static_assert(sizeof(ehp_pairslot) == 64, "a pair slot is one cache line");

/* cap and n (pairs held) may be read. */
typedef struct {
	ehp_pairslot *slots;
	void *block;
	size_t cap, n;
} ehp_pairmap;

#define EHP_PAIRMAP_NONE UINT64_MAX

/* Whether the pair can be held: both ids of 1 to 16 bytes. */
static inline bool ehp_pairmap_fits(size_t family_n, size_t person_n)
{
	return family_n - 1 < EHP_KEY_INLINE && person_n - 1 < EHP_KEY_INLINE;
}

/* The hash of a pair that fits, by the words of its ids (ehp_key_of). */
static inline uint64_t ehp_pairmap_hash_of(ehp_key f, size_t fn, ehp_key p, size_t pn)
{
	uint64_t h = f.w[0] * 0x9E3779B97F4A7C15u ^ (f.w[1] + fn) * 0xC2B2AE3D27D4EB4Fu;
	h = (h << 31 | h >> 33) ^ p.w[0] * 0x165667B19E3779F9u;
	h = (h << 27 | h >> 37) ^ (p.w[1] + (pn << 8)) * 0x27D4EB2F165667C5u;
	return ehp_key_mix(h);
}

static inline uint64_t ehp_pairmap_hash(const char *f, size_t fn, const char *p, size_t pn)
{
	return ehp_pairmap_hash_of(ehp_key_of(f, fn), fn, ehp_key_of(p, pn), pn);
}

static inline void ehp_pairmap_prefetch(const ehp_pairmap *m, uint64_t hash)
{
	if (m->cap)
		EHP_PREFETCH(&m->slots[hash & (m->cap - 1)]);
}

/* The slot holding the pair (a pair that fits: its words and hash), or
 * the empty one where it would go. The map has slots. */
static inline size_t ehp_pairmap_find(const ehp_pairmap *m, ehp_key f, size_t fn, ehp_key p, size_t pn,
                                      uint64_t hash)
{
	for (size_t i = hash & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_pairslot *s = &m->slots[i];
		if (!s->family_n)
			return i;
		if (s->family_n == fn && s->person_n == pn && s->family.w[0] == f.w[0] && s->family.w[1] == f.w[1] &&
		    s->person.w[0] == p.w[0] && s->person.w[1] == p.w[1])
			return i;
	}
}

/* The slot of the pair (ids of fn and pn bytes that fit, its hash), or
 * NULL when the map does not hold it. */
static inline const ehp_pairslot *ehp_pairmap_get_hashed(const ehp_pairmap *m, const char *f, size_t fn,
                                                        const char *p, size_t pn, uint64_t hash)
{
	if (!m->cap)
		return NULL;
	const ehp_pairslot *s = &m->slots[ehp_pairmap_find(m, ehp_key_of(f, fn), fn, ehp_key_of(p, pn), pn, hash)];
	return s->family_n ? s : NULL;
}

void ehp_pairmap_free(ehp_pairmap *m);
/* Room for `more` pairs more, made at once. */
void ehp_pairmap_reserve(ehp_pairmap *m, size_t more);
/* Stores the pair (ids that fit, as their words, and its hash) ->
 * family_index and value, room made for it; the pair must not be in the
 * map yet. */
void ehp_pairmap_put(ehp_pairmap *m, ehp_key f, size_t fn, ehp_key p, size_t pn, uint64_t hash,
                     uint32_t family_index, uint64_t value);

#endif
