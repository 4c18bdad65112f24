/*
 * idmap.c - open addressing with linear probing, FNV-1a hashes, kept at most
 * half full.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "idmap.h"

static uint64_t hash(const char *s)
{
	uint64_t h = 1469598103934665603u;
	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

void ehp_idmap_free(ehp_idmap *m)
{
	free(m->keys);
	free(m->values);
	*m = (ehp_idmap){ 0 };
}

size_t ehp_idmap_get(const ehp_idmap *m, const char *key)
{
	if (!m->cap)
		return (size_t)-1;
	for (size_t i = hash(key) & (m->cap - 1);; i = (i + 1) & (m->cap - 1)) {
		if (!m->keys[i])
			return (size_t)-1;
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	}
}

static void rehash(ehp_idmap *m)
{
	size_t cap = m->cap ? m->cap * 2 : 1024;
	const char **keys = calloc(cap, sizeof *keys);
	size_t *values = malloc(cap * sizeof *values);
	if (!keys || !values) {
		fputs("ehp: out of memory\n", stderr);
		abort();
	}
	for (size_t j = 0; j < m->cap; j++) {
		if (!m->keys[j])
			continue;
		size_t i = hash(m->keys[j]) & (cap - 1);
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
	size_t i = hash(key) & (m->cap - 1);
	for (; m->keys[i]; i = (i + 1) & (m->cap - 1))
		if (strcmp(m->keys[i], key) == 0)
			return m->values[i];
	m->keys[i] = key;
	m->values[i] = value;
	m->n++;
	return value;
}
