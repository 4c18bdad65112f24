/*
 * name_index.h - the vocabulary's names (record types, details, flags,
 * roles) found as the reader meets them in every row. A name's first and
 * last 8 bytes, read as two words, give its hash and, with its length, all
 * of it up to 16 bytes: a row's name is found with one hash and one
 * compare of words (with its middle's, kept in the slot too, up to 32
 * bytes), no byte loop and no load through a pointer (capitals
 * are lowered 8 at a time, only when the name as written is not found).
 * Built once per reader from the read-only tables.
 */
#ifndef EHP_NAME_INDEX_H
#define EHP_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "eval.h"

/* Open addressing, under a third full (few probes): a power of two. */
enum { EHP_NAME_SLOTS = 512, EHP_NAME_MAX = EHP_NAME_SLOTS / 3 };
_Static_assert((int)EHP_N_TYPES <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the record types");
_Static_assert((int)EHP_N_DETAILS <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the details");
_Static_assert((int)EHP_N_FLAGS <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the flags");
_Static_assert((int)EHP_N_ROLES <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the roles");

typedef struct {
	uint64_t head, tail; /* the name's first 8 bytes and last 8 (0 under 8 bytes) */
	uint64_t mid[2];     /* of a name of 17 to 32 bytes: its 8 bytes at 8 and at n - 16
	                        (its middle, in the slot: no load through x->names), else 0 */
	uint16_t index;      /* name index + 1; 0 empty */
	uint8_t len;
} ehp_name_slot;

typedef struct {
	const char *const *names; /* the vocabulary's, read-only: bytes 8 to n - 8 of a name over 32 bytes */
	ehp_name_slot slot[EHP_NAME_SLOTS];
} ehp_name_index;

/* The words of a name and their hash (name_index.c's, inline for
 * ehp_name_index_find). */
static inline uint64_t ehp_name_load8_(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

/* Up to 7 bytes, then zeros: two 4-byte loads overlapping, or three
 * single bytes, all inside the n bytes. */
static inline uint64_t ehp_name_load_short_(const char *s, size_t n)
{
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return a | (uint64_t)b << (8 * (n - 4));
	}
	if (!n)
		return 0;
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
	       (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
}

/* The n bytes at s as two words, as written: the first 8 and the last 8
 * (overlapping when n < 16); shorter than 8, the first word holds them
 * followed by zeros and the second is 0. Never reads outside the n bytes. */
static inline void ehp_name_words_(const char *s, size_t n, uint64_t *head, uint64_t *tail)
{
	if (n >= 8) {
		*head = ehp_name_load8_(s);
		*tail = ehp_name_load8_(s + n - 8);
	} else {
		*head = ehp_name_load_short_(s, n);
		*tail = 0;
	}
}

/* The words and the length mixed by one multiplication: its top bits.
 * Each byte is taken with its 0x20 bit set, as lowering a capital sets it:
 * a name and the same in other case hash alike, with no lowering first. */
static inline uint32_t ehp_name_hash_(uint64_t head, uint64_t tail, size_t n)
{
	const uint64_t case_bits = 0x2020202020202020u;
	head |= case_bits;
	tail |= case_bits;
	uint64_t h = (head ^ (tail << 29 | tail >> 35) ^ n) * 0x9E3779B97F4A7C15u;
	return (uint32_t)(h >> 40) & (EHP_NAME_SLOTS - 1);
}

/* The n names (at most EHP_NAME_MAX) of one vocabulary, each under 256
 * bytes (vocab.c asserts). */
void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n);
/* The index of the name made of the n bytes at s, ASCII case ignored (as
 * ehp_data_type and the others): the name whose every byte is the row's
 * byte lowered. -1 when there is none. */
int ehp_name_index_find_full(const ehp_name_index *x, const char *s, size_t n);
#if defined(__GNUC__)
__attribute__((always_inline)) /* GCC -O2 left it a function of its own in rows.c, called for every name */
#endif
static inline int ehp_name_index_find(const ehp_name_index *x, const char *s, size_t n)
{
	/* Inline, the name as written in the slot its hash gives, as most
	 * rows' names are: one compare of words (two more past 16 bytes); any
	 * other way (another slot, capitals, a name over 32 bytes) in full. */
	uint64_t head, tail;
	ehp_name_words_(s, n, &head, &tail);
	const ehp_name_slot *e = &x->slot[ehp_name_hash_(head, tail, n)];
	if (e->len != n || e->head != head || e->tail != tail || !e->index || n > 32)
		return ehp_name_index_find_full(x, s, n);
	if (n <= 16)
		return e->index - 1;
	if (ehp_name_load8_(s + 8) == e->mid[0] && ehp_name_load8_(s + n - 16) == e->mid[1]) /* its middle */
		return e->index - 1;
	return ehp_name_index_find_full(x, s, n);
}

/* The record types' names in the vocabulary's order (ehp_types[i].name). */
extern const char *const ehp_type_name_list[EHP_N_TYPES];

#endif
