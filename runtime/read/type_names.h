/*
 * type_names.h - record types found by name as the reader meets them, once
 * per row of records.csv: a hash of the name and a probe or two, where a
 * scan of the vocabulary cost hundreds of instructions a row.
 */
#ifndef EHP_TYPE_NAMES_H
#define EHP_TYPE_NAMES_H

#include <stddef.h>
#include <stdint.h>
#include "eval.h"

/* Open addressing, under a sixth full (few probes): a power of two. */
enum { EHP_TYPE_SLOTS = 1024 };
_Static_assert(EHP_N_TYPES * 6 <= EHP_TYPE_SLOTS, "EHP_TYPE_SLOTS too small for the vocabulary");

typedef struct {
	uint16_t slot[EHP_TYPE_SLOTS]; /* type index + 1; 0 empty */
} ehp_type_names;

void ehp_type_names_init(ehp_type_names *t);
/* The record type named by the n bytes at s, ASCII case ignored (as
 * ehp_data_type), or -1. */
int ehp_type_names_find(const ehp_type_names *t, const char *s, size_t n);

#endif
