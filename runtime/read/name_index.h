/*
 * name_index.h - the vocabulary's names (record types, details, flags)
 * found as the reader meets them in every row: a hash of the name and a
 * probe or two, where a scan of the vocabulary cost hundreds of
 * instructions a row. Built once per reader from the read-only tables.
 */
#ifndef EHP_NAME_INDEX_H
#define EHP_NAME_INDEX_H

#include <stddef.h>
#include <stdint.h>
#include "eval.h"

/* Open addressing, under a sixth full (few probes): a power of two. A
 * name of up to EHP_NAME_INLINE bytes is kept in the index itself, so a
 * row's name is compared with no load of the name's pointer first. */
enum { EHP_NAME_SLOTS = 1024, EHP_NAME_MAX = EHP_NAME_SLOTS / 6, EHP_NAME_INLINE = 32 };
_Static_assert(EHP_N_TYPES * 6 <= EHP_NAME_SLOTS, "EHP_NAME_SLOTS too small for the record types");
_Static_assert(EHP_N_DETAILS * 6 <= EHP_NAME_SLOTS, "EHP_NAME_SLOTS too small for the details");
_Static_assert((int)EHP_N_FLAGS <= (int)EHP_NAME_MAX, "EHP_NAME_MAX too small for the flags");

typedef struct {
	const char *const *names; /* the vocabulary's, read-only */
	uint16_t slot[EHP_NAME_SLOTS]; /* name index + 1; 0 empty */
	uint8_t len[EHP_NAME_SLOTS];   /* its name's length */
	/* name i's bytes, zero after its end; a longer name is read at names[i] */
	char inline_name[EHP_NAME_MAX][EHP_NAME_INLINE];
} ehp_name_index;

/* The n names (at most EHP_NAME_MAX) of one vocabulary, each under 256
 * bytes (vocab.c asserts). */
void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n);
/* The index of the name made of the n bytes at s, ASCII case ignored (as
 * ehp_data_type and the others), or -1. */
int ehp_name_index_find(const ehp_name_index *x, const char *s, size_t n);

/* The record types' names in the vocabulary's order (ehp_types[i].name). */
extern const char *const ehp_type_name_list[EHP_N_TYPES];

#endif
