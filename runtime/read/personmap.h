/*
 * personmap.h - the people of every family held by the grouped reader,
 * found by (family, person_id) with no key to build: a person_id belongs
 * to its family (load.h), so the family's index is part of the key, the
 * slot's tag, hashed with the id's bytes rather than formatted into a
 * string beside them. keyslots.h's table (as idmap.h): the id inline when
 * it has at most 16 bytes, and a 64-bit value, the caller's: the grouped
 * reader keeps there what a records row needs of the person, so a lookup
 * reads one cache line and nothing else.
 */
#ifndef EHP_PERSONMAP_H
#define EHP_PERSONMAP_H

#include <stddef.h>
#include <stdint.h>
#include "keyslots.h"

#define EHP_PERSONMAP_NONE UINT64_MAX
#define EHP_PERSONMAP_NO_SLOT ((size_t)-1)

/* cap and n (pairs held) may be read; the rest is keyslots.h's. */
typedef ehp_keyslots ehp_personmap;

void ehp_personmap_free(ehp_personmap *m);
/* Every pair taken out, the table kept for more. */
void ehp_personmap_clear(ehp_personmap *m);
/* The value stored for the len bytes at id in `family`, or
 * EHP_PERSONMAP_NONE. Ids hold no NUL byte (no cell the reader hands out
 * does: csv.c ends a row's readable cells at one). */
uint64_t ehp_personmap_get(const ehp_personmap *m, uint32_t family, const char *id, size_t len);
/* Stores (family, id) -> value (not EHP_PERSONMAP_NONE); the pair must
 * not be in the map yet. The map keeps the pointer of an id longer than
 * 16 bytes: id, NUL-terminated, must then outlive the map. */
void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, uint64_t value);
/* The same with the id's length and hash (ehp_personmap_hash) known. */
void ehp_personmap_put_hashed(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                              uint64_t value);

/* Many pairs stored at once, any of them perhaps there already, and all
 * taken back when one is: room for `more` pairs made first (the slots
 * move only when the map grows); then each stored unless present, which
 * gives the slot it took, or EHP_PERSONMAP_NO_SLOT when the pair was
 * there (nothing stored); then, if need be, the pairs taken back newest
 * first. With linear probing a slot filled last can be emptied again and
 * leave the map as it was before: so only in that order. */
void ehp_personmap_reserve(ehp_personmap *m, size_t more);
size_t ehp_personmap_put_new(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                             uint64_t value);
void ehp_personmap_unput(ehp_personmap *m, size_t slot);

/* The same lookup in two steps, for many at once: the hash, a hint to
 * fetch its slot, then the lookup with that hash. Inline: the grouped
 * reader makes them for every row. */
static inline uint64_t ehp_personmap_hash(uint32_t family, const char *id, size_t len)
{
	return ehp_key_hash(id, len, family);
}

static inline void ehp_personmap_prefetch(const ehp_personmap *m, uint64_t hash)
{
	ehp_keyslots_prefetch(m, hash);
}

static inline uint64_t ehp_personmap_get_hashed(const ehp_personmap *m, uint32_t family, const char *id, size_t len,
                                                uint64_t hash)
{
	if (!m->cap || len >= UINT32_MAX)
		return EHP_PERSONMAP_NONE;
	const ehp_keyslot *s = &m->slots[ehp_keyslots_find(m, id, len, ehp_key_of(id, len), hash, family)];
	return s->len1 ? s->value : EHP_PERSONMAP_NONE;
}

#endif
