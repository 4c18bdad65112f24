/*
 * name_index.h - the vocabulary's names (record types, details, flags,
 * roles) found as the reader meets them in every row. A name's first and
 * last 8 bytes, read as two words, give its hash and, with its length, all
 * of it up to 16 bytes: a row's name is found with one hash and one
 * compare of words, no byte loop and no load through a pointer (capitals
 * are lowered 8 at a time, only when the name as written is not found).
 * Built once per reader from the read-only tables.
 */
#ifndef EHP_NAME_INDEX_H
#define EHP_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include "eval.h"

/* Open addressing, under a third full (few probes): a power of two. */
enum { EHP_NAME_SLOTS = 512, EHP_NAME_MAX = EHP_NAME_SLOTS / 3 };
_Static_assert((int)EHP_N_TYPES <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the record types");
_Static_assert((int)EHP_N_DETAILS <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the details");
_Static_assert((int)EHP_N_FLAGS <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the flags");
_Static_assert((int)EHP_N_ROLES <= (int)EHP_NAME_MAX, "EHP_NAME_SLOTS too small for the roles");

typedef struct {
	uint64_t head, tail; /* the name's first 8 bytes and last 8 (0 under 8 bytes) */
	uint16_t index;      /* name index + 1; 0 empty */
	uint8_t len;
} ehp_name_slot;

typedef struct {
	const char *const *names; /* the vocabulary's, read-only: bytes 8 to n - 8 of a longer name */
	ehp_name_slot slot[EHP_NAME_SLOTS];
} ehp_name_index;

/* The n names (at most EHP_NAME_MAX) of one vocabulary, each under 256
 * bytes (vocab.c asserts). */
void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n);
/* The index of the name made of the n bytes at s, ASCII case ignored (as
 * ehp_data_type and the others): the name whose every byte is the row's
 * byte lowered. -1 when there is none. */
int ehp_name_index_find(const ehp_name_index *x, const char *s, size_t n);

/* The record types' names in the vocabulary's order (ehp_types[i].name). */
extern const char *const ehp_type_name_list[EHP_N_TYPES];

#endif
