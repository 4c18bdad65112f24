/*
 * personmap.c - (family, person id) to a value in keyslots.h's table,
 * the family the slot's tag.
 */
#include <string.h>
#include "mem.h"
#include "personmap.h"

void ehp_personmap_free(ehp_personmap *m)
{
	ehp_keyslots_free(m);
}

static size_t find_slot(const ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash)
{
	return ehp_keyslots_find(m, id, len, ehp_key_of(id, len), hash, family);
}

uint64_t ehp_personmap_get(const ehp_personmap *m, uint32_t family, const char *id, size_t len)
{
	return ehp_personmap_get_hashed(m, family, id, len, ehp_personmap_hash(family, id, len));
}

void ehp_personmap_clear(ehp_personmap *m)
{
	ehp_keyslots_clear(m);
}

void ehp_personmap_reserve(ehp_personmap *m, size_t more)
{
	ehp_keyslots_reserve(m, more, "people");
}

void ehp_personmap_put_hashed(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                              uint64_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("a person id too long to map");
	ehp_personmap_reserve(m, 1);
	ehp_keyslots_fill(m, find_slot(m, family, id, len, hash), len, ehp_key_of(id, len), family, value);
}

void ehp_personmap_put(ehp_personmap *m, uint32_t family, const char *id, uint64_t value)
{
	size_t len = strlen(id);
	ehp_personmap_put_hashed(m, family, id, len, ehp_personmap_hash(family, id, len), value);
}

size_t ehp_personmap_put_new(ehp_personmap *m, uint32_t family, const char *id, size_t len, uint64_t hash,
                             uint64_t value)
{
	if (len >= UINT32_MAX)
		ehp_die("a person id too long to map");
	if (2 * (m->n + 1) > m->cap)
		ehp_die("a person map filled past the room reserved");
	size_t i = find_slot(m, family, id, len, hash);
	if (m->slots[i].len1)
		return EHP_PERSONMAP_NO_SLOT;
	ehp_keyslots_fill(m, i, len, ehp_key_of(id, len), family, value);
	return i;
}

void ehp_personmap_unput(ehp_personmap *m, size_t slot)
{
	m->slots[slot].len1 = 0;
	m->n--;
}
