/*
 * row_ids.c - a line at a time, in one pass: a line is one row whose cells
 * are the bytes between commas (trimmed as table.h's ehp_cell trims
 * them), up to a quote or NUL byte before its ids; a line of nothing but
 * blanks and commas is no row, as the table skips it. Then each map is
 * looked up in row order, the slot AHEAD rows on fetched first.
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

static bool no_cells(const char *s, const char *e)
{
	for (; s < e; s++)
		if (*s != ',' && !ehp_blank(*s))
			return false;
	return true;
}

/* What the scan makes of a byte: most are SOLID (0), so a cell is passed
 * over with one look-up a byte. The blanks are ehp_blank's but LF. */
enum { SOLID, BLANK, SEPARATOR, STOP };
static const unsigned char kind[256] = {
	[' '] = BLANK, ['\t'] = BLANK, ['\v'] = BLANK, ['\f'] = BLANK, ['\r'] = BLANK,
	[','] = SEPARATOR, ['\n'] = SEPARATOR, ['"'] = STOP, ['\0'] = STOP,
};

/* The row on the line from s, in one pass over its bytes up to the later
 * of its cells c_family and c_person (-1: none), which it sets (an empty
 * one for a cell the line does not reach); then to the line's end with
 * memchr. Returns where the next line starts, NULL at a quote or a NUL
 * byte before the cells (the CSV reader's to tell); *row false for a
 * line of nothing but blanks and commas. A quote or NUL after the cells
 * is not looked for: the reader checks every answer against the row's
 * own ids (row_ids.h), so a line the scan told wrong costs a lookup,
 * never a result. The byte at end is a NUL (a piece's padding). */
static const char *scan_line(const char *s, const char *end, int c_family, int c_person, ehp_str *f,
                             ehp_str *p, bool *row)
{
	int last = c_family > c_person ? c_family : c_person;
	bool seen = false; /* a byte neither blank nor comma, in the cells passed */
	*f = *p = (ehp_str){ "", 0 };
	for (int col = 0;; col++) {
		const char *cs = s;
		while (kind[(unsigned char)*s] < SEPARATOR)
			s++;
		if (kind[(unsigned char)*s] == STOP && s < end)
			return NULL;
		ehp_str c = trimmed(cs, s);
		seen = seen || c.n;
		if (col == c_family)
			*f = c;
		if (col == c_person)
			*p = c;
		if (col == last || s == end || *s == '\n')
			break;
		s++; /* past the comma */
	}
	const char *nl = s < end && *s == '\n' ? s : memchr(s, '\n', (size_t)(end - s));
	*row = seen || !no_cells(s, nl ? nl : end);
	return nl ? nl + 1 : end;
}

size_t ehp_row_ids_find(const char *buf, size_t len, size_t lines, int c_family, int c_person,
                        const ehp_idmap *families, const ehp_personmap *people, ehp_row_ids **out)
{
	size_t n = 0, cap = lines + 1; /* grown only if lines was short */
	ehp_row_ids *ids = ehp_xmalloc(cap * sizeof *ids);
	for (const char *s = buf, *end = buf + len; s < end;) {
		ehp_str f, p;
		bool row;
		const char *next = scan_line(s, end, c_family, c_person, &f, &p, &row);
		if (!next)
			break; /* the CSV reader's to tell */
		if (row) {
			if (n == cap) /* the call only when it grows: this runs a row at a time */
				ids = ehp_reserve(ids, &cap, n + 1, sizeof *ids);
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
