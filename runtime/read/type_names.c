/*
 * type_names.c - the reader's table of record type names (type_names.h).
 */
#include <string.h>
#include "type_names.h"

static inline char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/* The length and three lowered bytes (first, middle, last) mixed: the
 * vocabulary's names differ there often enough, and a row's name is not
 * read whole twice. */
static inline uint32_t name_hash(const char *s, size_t n)
{
	if (!n)
		return 0;
	uint32_t h = (uint32_t)n * 2654435761u;
	h ^= (uint32_t)(unsigned char)lower(s[0]) << 16 ^ (uint32_t)(unsigned char)lower(s[n / 2]) << 8 ^
	     (unsigned char)lower(s[n - 1]);
	return (h ^ h >> 15) * 2246822519u >> 7;
}

void ehp_type_names_init(ehp_type_names *t)
{
	memset(t, 0, sizeof *t);
	for (int i = 0; i < EHP_N_TYPES; i++) {
		uint32_t k = name_hash(ehp_types[i].name, ehp_types[i].len) & (EHP_TYPE_SLOTS - 1);
		while (t->slot[k])
			k = (k + 1) & (EHP_TYPE_SLOTS - 1);
		t->slot[k] = (uint16_t)(i + 1);
	}
}

static bool same_name(const char *name, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name[i] != lower(s[i]))
			return false;
	return true;
}

int ehp_type_names_find(const ehp_type_names *t, const char *s, size_t n)
{
	for (uint32_t k = name_hash(s, n) & (EHP_TYPE_SLOTS - 1);; k = (k + 1) & (EHP_TYPE_SLOTS - 1)) {
		int i = t->slot[k] - 1;
		if (i < 0)
			return -1;
		/* exports mostly write the name as the vocabulary does */
		if (ehp_types[i].len == n && (!memcmp(ehp_types[i].name, s, n) || same_name(ehp_types[i].name, s, n)))
			return i;
	}
}
