/*
 * keyslots.h - the one open-addressing table behind idmap.h and
 * personmap.h: linear probing, kept at most half full, a slot of 32 bytes
 * on a 64-byte cache line (never across two: the table starts on a line),
 * holding the key's length, a tag compared with it (personmap: the
 * family; idmap: 0), the value (personmap: what a records row needs of
 * the person, so it reads nothing else) and the key: up to 16 bytes as
 * two words in the slot, so a lookup compares words already fetched, with
 * no call and no load through a pointer; a longer key by pointer. No hash
 * is kept: growing computes it again from the words.
 *
 * The grouped reader looks up millions of ids at random in tables far
 * bigger than the cache: a lookup is one miss, and the caller can fetch
 * the slot ahead (ehp_keyslots_prefetch) so misses overlap.
 */
#ifndef EHP_KEYSLOTS_H
#define EHP_KEYSLOTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "prefetch.h"

enum { EHP_KEY_INLINE = 16 };

/* A key of up to 16 bytes as two words, given its length: 8 to 16 bytes,
 * its first and last 8 (overlapping); 4 to 7, its first and last 4 in
 * one word; fewer, its bytes. The length, compared beside, makes the
 * words tell one key from another. Longer: its pointer. */
typedef union {
	uint64_t w[2];
	const char *ptr;
} ehp_key;

typedef struct {
	uint32_t len1;         /* the key's length + 1; 0: an empty slot */
	uint32_t tag;          /* compared with the key: personmap's family, idmap's 0 */
	uint64_t value;
	ehp_key key;
} ehp_keyslot;

typedef struct {
	ehp_keyslot *slots;    /* on a cache line, within block */
	void *block;           /* as allocated (keyslots.c: by malloc, or mapped alone when big) */
	size_t cap, n;
} ehp_keyslots;

static inline ehp_key ehp_key_of(const char *s, size_t n)
{
	ehp_key k = { .w = { 0, 0 } };
	if (n > EHP_KEY_INLINE) {
		k.ptr = s;
	} else if (n >= 8) {
		memcpy(&k.w[0], s, 8);
		memcpy(&k.w[1], s + n - 8, 8);
	} else if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		k.w[0] = a | (uint64_t)b << 32;
	} else {
		for (size_t i = 0; i < n; i++)
			k.w[0] |= (uint64_t)(unsigned char)s[i] << (8 * i);
	}
	return k;
}

/* Mixes 64 bits into all of them (MurmurHash3's finaliser): the slot is
 * placed by the low bits, and ids differ mostly in their last bytes. */
static inline uint64_t ehp_key_mix(uint64_t h)
{
	h ^= h >> 33;
	h *= 0xff51afd7ed558ccdu;
	h ^= h >> 33;
	h *= 0xc4ceb9fe1a85ec53u;
	return h ^ (h >> 33);
}

/* The hash of a key of up to 16 bytes, by its words, and of a longer one
 * byte by byte (FNV-1a), with the tag mixed in: the slot keeps no hash,
 * so growing finds it again from what the slot holds. */
static inline uint64_t ehp_key_hash_of(ehp_key k, size_t n, uint32_t tag)
{
	uint64_t h;
	if (n <= EHP_KEY_INLINE) {
		h = k.w[0] * 0x9E3779B97F4A7C15u ^ (k.w[1] + n) * 0xC2B2AE3D27D4EB4Fu;
		h = (h << 31 | h >> 33) + k.w[1];
	} else {
		h = 1469598103934665603u;
		for (size_t i = 0; i < n; i++)
			h = (h ^ (unsigned char)k.ptr[i]) * 1099511628211u;
	}
	return ehp_key_mix(h ^ (uint64_t)(tag + 1u) * 0x9E3779B97F4A7C15u);
}

static inline uint64_t ehp_key_hash(const char *s, size_t n, uint32_t tag)
{
	return ehp_key_hash_of(ehp_key_of(s, n), n, tag);
}

static inline void ehp_keyslots_prefetch(const ehp_keyslots *t, uint64_t hash)
{
	if (t->cap)
		EHP_PREFETCH(&t->slots[(uint32_t)hash & (t->cap - 1)]);
}

/* The slot holding the key (n bytes at s, its words k, its hash) with
 * `tag`, or the empty one where it would go. The table has slots; n is
 * below UINT32_MAX. */
static inline size_t ehp_keyslots_find(const ehp_keyslots *t, const char *s, size_t n, ehp_key k,
                                       uint64_t hash, uint32_t tag)
{
	uint32_t len1 = (uint32_t)n + 1;
	for (size_t i = hash & (t->cap - 1);; i = (i + 1) & (t->cap - 1)) {
		const ehp_keyslot *sl = &t->slots[i];
		if (!sl->len1)
			return i;
		if (sl->len1 != len1 || sl->tag != tag)
			continue;
		if (n <= EHP_KEY_INLINE ? sl->key.w[0] == k.w[0] && sl->key.w[1] == k.w[1]
		                        : memcmp(sl->key.ptr, s, n) == 0)
			return i;
	}
}

void ehp_keyslots_free(ehp_keyslots *t);
/* Every key taken out, the table kept (its pages already mapped). */
void ehp_keyslots_clear(ehp_keyslots *t);
/* Room for `more` keys more, made at once (one table, not doubled up to
 * it). `what` names the keys for the message when there are too many. */
void ehp_keyslots_reserve(ehp_keyslots *t, size_t more, const char *what);
/* The key (n bytes, its words k) with `tag` and `value` put in the empty
 * slot i (ehp_keyslots_find's); a key longer than 16 bytes is kept by its
 * pointer. */
void ehp_keyslots_fill(ehp_keyslots *t, size_t i, size_t n, ehp_key k, uint32_t tag, uint64_t value);

#endif
