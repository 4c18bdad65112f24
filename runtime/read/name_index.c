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

/* The length and three bytes (first, middle, last) mixed: the vocabulary's
 * names differ there often enough, and a row's name is not read whole
 * twice. Each byte is taken with its 0x20 bit set, which lowers a capital
 * without a test: names the same but for ASCII case hash alike (other
 * pairs that then meet are told apart by the comparison). */
static inline uint32_t name_hash(const char *s, size_t n)
{
	if (!n)
		return 0;
	uint32_t h = (uint32_t)n * 2654435761u;
	h ^= (uint32_t)((unsigned char)s[0] | 0x20) << 16 ^ (uint32_t)((unsigned char)s[n / 2] | 0x20) << 8 ^
	     ((unsigned char)s[n - 1] | 0x20);
	return (h ^ h >> 15) * 2246822519u >> 7;
}

void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n)
{
	memset(x, 0, sizeof *x);
	x->names = names;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		if (len <= EHP_NAME_INLINE)
			memcpy(x->inline_name[i], names[i], len);
		uint32_t k = name_hash(names[i], len) & (EHP_NAME_SLOTS - 1);
		while (x->slot[k])
			k = (k + 1) & (EHP_NAME_SLOTS - 1);
		x->slot[k] = (uint16_t)(i + 1);
		x->len[k] = (uint8_t)len;
	}
}

static inline uint64_t load8(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

/* Whether the n bytes at a and b are the same, for 8 <= n <= 32: four
 * 8-byte words from each, at 0, 8 (or n - 16 when shorter), n - 16 (or 0)
 * and n - 8, overlapping as they must, never outside the n bytes. The
 * record types' names run from 8 to 29 bytes and follow one another in no
 * order: no branch on the length to mispredict. */
static inline bool same_8_to_32(const char *a, const char *b, size_t n)
{
	size_t second = n >= 16 ? 8 : n - 8, third = n >= 16 ? n - 16 : 0;
	return !((load8(a) ^ load8(b)) | (load8(a + second) ^ load8(b + second)) |
	         (load8(a + third) ^ load8(b + third)) | (load8(a + n - 8) ^ load8(b + n - 8)));
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
		if (x->len[k] != n)
			continue;
		const char *name = n <= EHP_NAME_INLINE ? x->inline_name[i] : x->names[i];
		/* exports mostly write a name as the vocabulary does */
		bool same = n >= 8 && n <= 32 ? same_8_to_32(name, s, n) : ehp_same_bytes(name, s, n);
		if (same || same_name(name, s, n))
			return i;
	}
}
