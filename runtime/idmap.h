/*
 * idmap.h - a small open-addressing hash map from an id string to an index,
 * for joining people and records to their families while loading.
 */
#ifndef EHP_IDMAP_H
#define EHP_IDMAP_H

#include <stddef.h>

typedef struct {
	const char **keys;     /* borrowed; NULL = empty slot */
	size_t *values;
	size_t cap, n;
} ehp_idmap;

void ehp_idmap_free(ehp_idmap *m);
/* Index stored under key, or (size_t)-1. */
size_t ehp_idmap_get(const ehp_idmap *m, const char *key);
/* Stores key -> value unless key is present; returns the value now stored. */
size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value);

#endif
