/*
 * idmap.c - ids to indices in keyslots.h's table, every key's tag 0.
 */
#include <string.h>
#include "idmap.h"
#include "mem.h"

void ehp_idmap_free(ehp_idmap *m)
{
	ehp_keyslots_free(m);
}

size_t ehp_idmap_get(const ehp_idmap *m, const char *key, size_t len)
{
	return ehp_idmap_get_hashed(m, key, len, ehp_idmap_hash(key, len));
}

void ehp_idmap_reserve(ehp_idmap *m, size_t more)
{
	ehp_keyslots_reserve(m, more, "ids");
}

size_t ehp_idmap_put(ehp_idmap *m, const char *key, size_t value)
{
	size_t len = strlen(key);
	uint64_t hash = ehp_idmap_hash(key, len);
	size_t had = ehp_idmap_get_hashed(m, key, len, hash);
	if (had != EHP_IDMAP_NONE)
		return had;
	ehp_idmap_put_new_hashed(m, key, len, hash, value);
	return value;
}

void ehp_idmap_put_new_hashed(ehp_idmap *m, const char *key, size_t len, uint64_t hash, size_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("an id too long to map");
	ehp_keyslots_reserve(m, 1, "ids");
	ehp_key k = ehp_key_of(key, len);
	ehp_keyslots_fill(m, ehp_keyslots_find(m, key, len, k, hash, 0), len, k, 0, value);
}
