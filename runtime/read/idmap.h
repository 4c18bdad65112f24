/*
 * idmap.h - a hash map from an id string to an index, for joining people
 * and records to their families while loading: keyslots.h's table, the
 * slot's word the value.
 *
 * A slot holds, for a key of up to 16 bytes (every id an export writes in
 * practice), the key itself as two words, and the value: a lookup in a map
 * far bigger than the cache costs one cache miss, not three (slot, key,
 * value), and a caller looking up many keys can fetch each slot ahead of
 * time (ehp_idmap_prefetch) so the misses overlap.
 */
#ifndef EHP_IDMAP_H
#define EHP_IDMAP_H

#include <stddef.h>
#include <stdint.h>
#include "keyslots.h"

#define EHP_IDMAP_NONE ((size_t)-1)

/* cap and n (keys held) may be read; the rest is keyslots.h's. */
typedef ehp_keyslots ehp_idmap;

void ehp_idmap_free(ehp_idmap *m);
/* Index stored under the len bytes at key (no NUL needed), or EHP_IDMAP_NONE. */
size_t ehp_idmap_get(const ehp_idmap *m, const char *key, size_t len);
/* Stores key -> value unless key is present; returns the value now stored.
 * The map keeps the pointer of a key longer than 16 bytes: key must
 * outlive it. */
size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value);

/* The same lookup in two steps, for many keys at once: the key's hash,
 * a hint to fetch its slot, then the lookup with that hash. Inline: the
 * grouped reader makes them for every row. */
static inline uint64_t ehp_idmap_hash(const char *key, size_t len)
{
	return ehp_key_hash(key, len, 0);
}

static inline void ehp_idmap_prefetch(const ehp_idmap *m, uint64_t hash)
{
	ehp_keyslots_prefetch(m, hash);
}

static inline size_t ehp_idmap_get_hashed(const ehp_idmap *m, const char *key, size_t len, uint64_t hash)
{
	/* A key with a NUL byte matches nothing: no stored key holds one. */
	if (!m->cap || len >= UINT32_MAX)
		return EHP_IDMAP_NONE;
	const ehp_keyslot *s = &m->slots[ehp_keyslots_find(m, key, len, ehp_key_of(key, len), hash, 0)];
	return s->len1 ? (size_t)s->value : EHP_IDMAP_NONE;
}
/* Room for `more` keys made at once (one table, not doubled up to it). */
void ehp_idmap_reserve(ehp_idmap *m, size_t more);
/* Stores key (len bytes, NUL-terminated, kept as ehp_idmap_put keeps it)
 * -> value, its hash given: the key must not be in the map (the caller
 * has just looked it up). */
void ehp_idmap_put_new_hashed(ehp_idmap *m, const char *key, size_t len, uint64_t hash, size_t value);

#endif
