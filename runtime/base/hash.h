/*
 * hash.h - FNV-1a, 64 bits, over n bytes: the one string hash of the
 * runtime's maps of ids (idmap.c, personmap.c).
 */
#ifndef EHP_HASH_H
#define EHP_HASH_H

#include <stddef.h>
#include <stdint.h>

static inline uint64_t ehp_hash_bytes(const char *s, size_t n)
{
	uint64_t h = 1469598103934665603u;
	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 1099511628211u;
	return h;
}

#endif
