/*
 * row_ids.c - the first pass copies each row's two ids into one block
 * (the parser's fields are not promised to outlive their row), then each
 * map is looked up in row order, the slot AHEAD rows on fetched first.
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "row_ids.h"

/* Far enough ahead to cover a miss to memory at a few lookups a row,
 * near enough that the fetched lines are still in the cache. */
enum { AHEAD = 16 };

typedef struct {
	size_t family_at, family_n;
	size_t person_at, person_n;
} row_keys;

static size_t keep(char **bytes, size_t *n, size_t *cap, ehp_str s)
{
	*bytes = ehp_reserve(*bytes, cap, *n + s.n + 1, 1);
	size_t at = *n;
	memcpy(*bytes + at, s.s, s.n);
	*n += s.n;
	return at;
}

size_t ehp_row_ids_find(ehp_rows *rw, int file, const ehp_idmap *families, const ehp_personmap *people,
                        ehp_row_ids **out)
{
	row_keys *keys = NULL;
	size_t n = 0, cap = 0;
	char *bytes = NULL;
	size_t n_bytes = 0, cap_bytes = 0;
	while (ehp_table_next(&rw->t[file])) {
		keys = ehp_reserve(keys, &cap, n + 1, sizeof *keys);
		ehp_str f = ehp_row_family_id(rw, file);
		ehp_str p = people ? ehp_row_person_id(rw, file) : (ehp_str){ "", 0 };
		keys[n].family_n = f.n;
		keys[n].family_at = keep(&bytes, &n_bytes, &cap_bytes, f);
		keys[n].person_n = p.n;
		keys[n].person_at = keep(&bytes, &n_bytes, &cap_bytes, p);
		n++;
	}
	ehp_row_ids *ids = ehp_xmalloc((n + 1) * sizeof *ids);
	uint64_t *hash = ehp_xmalloc((n + 1) * sizeof *hash);
	for (size_t i = 0; i < n; i++)
		hash[i] = ehp_idmap_hash(bytes + keys[i].family_at, keys[i].family_n);
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n)
			ehp_idmap_prefetch(families, hash[i + AHEAD]);
		ids[i].family = keys[i].family_n
		                    ? ehp_idmap_get_hashed(families, bytes + keys[i].family_at, keys[i].family_n, hash[i])
		                    : EHP_IDMAP_NONE;
	}
	/* A person is looked for only in a family found. */
	for (size_t i = 0; i < n; i++)
		if (ids[i].family != EHP_IDMAP_NONE && keys[i].person_n)
			hash[i] = ehp_personmap_hash((uint32_t)ids[i].family, bytes + keys[i].person_at, keys[i].person_n);
	for (size_t i = 0; i < n; i++) {
		size_t a = i + AHEAD;
		if (a < n && ids[a].family != EHP_IDMAP_NONE && keys[a].person_n)
			ehp_personmap_prefetch(people, hash[a]);
		ids[i].person = ids[i].family != EHP_IDMAP_NONE && keys[i].person_n
		                    ? ehp_personmap_get_hashed(people, (uint32_t)ids[i].family, bytes + keys[i].person_at,
		                                               keys[i].person_n, hash[i])
		                    : EHP_PERSONMAP_NONE;
	}
	free(hash);
	free(keys);
	free(bytes);
	*out = ids;
	return n;
}
