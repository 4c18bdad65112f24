/*
 * idmap.h - a small open-addressing hash map from an id string to an index,
 * for joining people and records to their families while loading.
 */
#ifndef EHP_IDMAP_H
#define EHP_IDMAP_H

#include <stddef.h>

#define EHP_IDMAP_NONE ((size_t)-1)

typedef struct {
	const char **keys;     /* borrowed, NUL-terminated; NULL = empty slot */
	size_t *values;
	size_t cap, n;
} ehp_idmap;

void ehp_idmap_free(ehp_idmap *m);
/* Index stored under the len bytes at key (no NUL needed), or EHP_IDMAP_NONE. */
size_t ehp_idmap_get(const ehp_idmap *m, const char *key, size_t len);
/* Stores key -> value unless key is present; returns the value now stored.
 * The map keeps the pointer: key must outlive it. */
size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value);

#endif
