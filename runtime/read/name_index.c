/*
 * name_index.c - the reader's tables of the vocabulary's names
 * (name_index.h).
 */
#include <string.h>
#include "bytes.h"
#include "name_index.h"

const char *const ehp_type_name_list[EHP_N_TYPES] = {
#define EHP_RECORD(name, kind, unit, doc) #name,
#include "vocabulary.def"
#undef EHP_RECORD
};

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

void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n)
{
	memset(x, 0, sizeof *x);
	x->names = names;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		uint32_t k = name_hash(names[i], len) & (EHP_NAME_SLOTS - 1);
		while (x->slot[k])
			k = (k + 1) & (EHP_NAME_SLOTS - 1);
		x->slot[k] = (uint16_t)(i + 1);
		x->len[k] = (uint8_t)len;
	}
}

static bool same_name(const char *name, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (name[i] != lower(s[i]))
			return false;
	return true;
}

int ehp_name_index_find(const ehp_name_index *x, const char *s, size_t n)
{
	for (uint32_t k = name_hash(s, n) & (EHP_NAME_SLOTS - 1);; k = (k + 1) & (EHP_NAME_SLOTS - 1)) {
		int i = x->slot[k] - 1;
		if (i < 0)
			return -1;
		/* exports mostly write a name as the vocabulary does */
		if (x->len[k] == n && (ehp_same_bytes(x->names[i], s, n) || same_name(x->names[i], s, n)))
			return i;
	}
}
