/*
 * idmap.c - open addressing with linear probing, FNV-1a hashes, kept at most
 * half full so probes stay short. A slot is 32 bytes, two to a cache line:
 * the hash's low 32 bits (which also place it: the map never has 2^32
 * slots), the key's length, and the key inline or, when longer than 16
 * bytes, its pointer.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "idmap.h"
#include "mem.h"
#include "prefetch.h"

enum { INLINE_KEY = 16 };

struct ehp_idmap_slot {
	size_t value;
	uint32_t hash;
	uint32_t len1;         /* the key's length + 1; 0: an empty slot */
	union {
		const char *ptr;   /* len > INLINE_KEY: borrowed, NUL-terminated */
		char bytes[INLINE_KEY];
	} key;
};

static const char *slot_key(const ehp_idmap_slot *s)
{
	return s->len1 - 1 > INLINE_KEY ? s->key.ptr : s->key.bytes;
}

void ehp_idmap_free(ehp_idmap *m)
{
	free(m->slots);
	*m = (ehp_idmap){ 0 };
}

uint64_t ehp_idmap_hash(const char *key, size_t len)
{
	return ehp_hash_bytes(key, len);
}

void ehp_idmap_prefetch(const ehp_idmap *m, uint64_t hash)
{
	if (m->cap)
		EHP_PREFETCH(&m->slots[(uint32_t)hash & (m->cap - 1)]);
}

size_t ehp_idmap_get_hashed(const ehp_idmap *m, const char *key, size_t len, uint64_t hash)
{
	/* A key with a NUL byte matches nothing: no stored key holds one. */
	if (!m->cap || len >= UINT32_MAX)
		return EHP_IDMAP_NONE;
	uint32_t h = (uint32_t)hash, len1 = (uint32_t)len + 1;
	for (size_t i = h & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		const ehp_idmap_slot *s = &m->slots[i];
		if (!s->len1)
			return EHP_IDMAP_NONE;
		if (s->hash == h && s->len1 == len1 && memcmp(slot_key(s), key, len) == 0)
			return s->value;
	}
}

size_t ehp_idmap_get(const ehp_idmap *m, const char *key, size_t len)
{
	return ehp_idmap_get_hashed(m, key, len, ehp_idmap_hash(key, len));
}

static void place(ehp_idmap_slot *slots, size_t cap, const ehp_idmap_slot *s)
{
	size_t i = s->hash & (cap - 1);
	while (slots[i].len1)
		i = (i + 1) & (cap - 1);
	slots[i] = *s;
}

static void grow_to(ehp_idmap *m, size_t cap)
{
	if (cap > UINT32_MAX)
		ehp_die("too many ids to map");
	ehp_idmap_slot *slots = ehp_xcalloc_written(cap, sizeof *slots);
	for (size_t j = 0; j < m->cap; j++)
		if (m->slots[j].len1)
			place(slots, cap, &m->slots[j]);
	free(m->slots);
	m->slots = slots;
	m->cap = cap;
}

static void grow(ehp_idmap *m)
{
	grow_to(m, m->cap ? m->cap * 2 : 1024);
}

void ehp_idmap_reserve(ehp_idmap *m, size_t more)
{
	size_t cap = m->cap ? m->cap : 1024;
	while (2 * (m->n + more) > cap)
		cap *= 2;
	if (cap != m->cap)
		grow_to(m, cap);
}

size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value)
{
	size_t len = strlen(key);
	uint64_t hash = ehp_idmap_hash(key, len);
	size_t had = ehp_idmap_get_hashed(m, key, len, hash);
	if (had != EHP_IDMAP_NONE)
		return had;
	ehp_idmap_put_new_hashed(m, key, len, hash, value);
	return value;
}

void ehp_idmap_put_new_hashed(ehp_idmap *m, const char *key, size_t len, uint64_t hash, size_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("an id too long to map");
	if (2 * (m->n + 1) > m->cap)
		grow(m);
	ehp_idmap_slot s = { .value = value, .hash = (uint32_t)hash, .len1 = (uint32_t)len + 1 };
	if (len > INLINE_KEY)
		s.key.ptr = key;
	else
		memcpy(s.key.bytes, key, len);
	place(m->slots, m->cap, &s);
	m->n++;
}
