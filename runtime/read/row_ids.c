/*
 * row_ids.c - a line at a time: a line with no quote and no NUL byte is
 * one row whose cells are the bytes between commas (trimmed as table.h's
 * ehp_cell trims them); a line of nothing but blanks and commas is no
 * row, as the table skips it. Then each map is looked up in row order,
 * the slot AHEAD rows on fetched first.
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "row_ids.h"
#include "table.h"

/* Far enough ahead to cover a miss to memory at a few lookups a row,
 * near enough that the fetched lines are still in the cache. */
enum { AHEAD = 16 };

static ehp_str trimmed(const char *s, const char *e)
{
	while (s < e && ehp_blank(*s))
		s++;
	while (e > s && ehp_blank(e[-1]))
		e--;
	return (ehp_str){ s, (size_t)(e - s) };
}

/* Cell `col` of the line [s, e), or an empty one when it has fewer cells. */
static ehp_str cell(const char *s, const char *e, int col)
{
	for (int k = 0; k < col; k++) {
		const char *comma = memchr(s, ',', (size_t)(e - s));
		if (!comma)
			return (ehp_str){ "", 0 };
		s = comma + 1;
	}
	const char *comma = memchr(s, ',', (size_t)(e - s));
	return trimmed(s, comma ? comma : e);
}

static bool no_cells(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ',' && !ehp_blank(*s))
			return false;
	return true;
}

size_t ehp_row_ids_find(const char *buf, size_t len, int c_family, int c_person, const ehp_idmap *families,
                        const ehp_personmap *people, ehp_row_ids **out)
{
	ehp_row_ids *ids = NULL;
	size_t n = 0, cap = 0;
	for (const char *s = buf, *end = buf + len; s < end;) {
		const char *nl = memchr(s, '\n', (size_t)(end - s));
		const char *e = nl ? nl : end;
		if (memchr(s, '"', (size_t)(e - s)) || memchr(s, '\0', (size_t)(e - s)))
			break; /* the CSV reader's to tell */
		const char *next = nl ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		if (!no_cells(s, e)) {
			ids = ehp_reserve(ids, &cap, n + 1, sizeof *ids);
			ehp_str f = cell(s, e, c_family);
			ehp_str p = c_person >= 0 ? cell(s, e, c_person) : (ehp_str){ "", 0 };
			ids[n++] = (ehp_row_ids){ .family = f.s, .family_n = f.n, .person = p.s, .person_n = p.n,
			                          .found_person = EHP_PERSONMAP_NONE };
		}
		s = next;
	}
	uint64_t *hash = ehp_xmalloc((n + 1) * sizeof *hash);
	for (size_t i = 0; i < n; i++)
		hash[i] = ehp_idmap_hash(ids[i].family, ids[i].family_n);
	for (size_t i = 0; i < n; i++) {
		if (i + AHEAD < n)
			ehp_idmap_prefetch(families, hash[i + AHEAD]);
		ids[i].found_family = ids[i].family_n
		                          ? ehp_idmap_get_hashed(families, ids[i].family, ids[i].family_n, hash[i])
		                          : EHP_IDMAP_NONE;
	}
	/* A person is looked for only in a family found. */
	for (size_t i = 0; people && i < n; i++)
		if (ids[i].found_family != EHP_IDMAP_NONE && ids[i].person_n)
			hash[i] = ehp_personmap_hash((uint32_t)ids[i].found_family, ids[i].person, ids[i].person_n);
	for (size_t i = 0; people && i < n; i++) {
		size_t a = i + AHEAD;
		if (a < n && ids[a].found_family != EHP_IDMAP_NONE && ids[a].person_n)
			ehp_personmap_prefetch(people, hash[a]);
		if (ids[i].found_family != EHP_IDMAP_NONE && ids[i].person_n)
			ids[i].found_person = ehp_personmap_get_hashed(people, (uint32_t)ids[i].found_family, ids[i].person,
			                                               ids[i].person_n, hash[i]);
	}
	free(hash);
	*out = ids;
	return n;
}
