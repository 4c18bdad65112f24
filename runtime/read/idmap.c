/*
 * idmap.c - open addressing with linear probing, FNV-1a hashes, kept at most
 * half full so probes stay short.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "hash.h"
#include "idmap.h"
#include "mem.h"

static int same(const char *stored, const char *key, size_t len)
{
	return strncmp(stored, key, len) == 0 && stored[len] == '\0';
}

void ehp_idmap_free(ehp_idmap *m)
{
	free(m->keys);
	free(m->values);
	*m = (ehp_idmap){ 0 };
}

size_t ehp_idmap_get(const ehp_idmap *m, const char *key, size_t len)
{
	if (!m->cap || memchr(key, '\0', len))
		return EHP_IDMAP_NONE;
	for (size_t i = ehp_hash_bytes(key, len) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return EHP_IDMAP_NONE;
		if (same(m->keys[i], key, len))
			return m->values[i];
	}
}

static void rehash(ehp_idmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	const char **keys = ehp_xcalloc(cap, sizeof *keys);
	size_t *values = ehp_xmalloc(cap * sizeof *values);
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->keys[j])
			continue;
		size_t i = ehp_hash_bytes(m->keys[j], strlen(m->keys[j])) & (cap - 1);
		while (keys[i])
			i = (i + 1) & (cap - 1);
		keys[i] = m->keys[j];
		values[i] = m->values[j];
	}
	free(m->keys);
	free(m->values);
	m->keys = keys;
	m->values = values;
	m->cap = cap;
}

size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value)
{
	if (2 * (m->n + 1) > m->cap)
		rehash(m);
	size_t len = strlen(key);
	size_t i = ehp_hash_bytes(key, len) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (same(m->keys[i], key, len))
			return m->values[i];
	m->keys[i] = key;
	m->values[i] = value;
	m->n++;
	return value;
}
