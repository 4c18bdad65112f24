/*
 * prefetch.h - cache lines: their size, a pointer moved up to a line's
 * start, and a hint to fetch a line that will be read soon. The grouped
 * reader looks up many ids at once in maps far bigger than the cache, and
 * judging reads tables remembered across families (windows, stand-in
 * verdicts) that a million families leave out of cache: each slot on one
 * line, fetched ahead, so the misses overlap. No hint where the compiler
 * has no such builtin.
 */
#ifndef EHP_PREFETCH_H
#define EHP_PREFETCH_H

#include <stdint.h>

#if defined(__GNUC__) || defined(__clang__)
#define EHP_PREFETCH(p) __builtin_prefetch(p)
#else
#define EHP_PREFETCH(p) ((void)(p))
#endif

enum { EHP_CACHE_LINE = 64 };

/* p, or the first line's start after it: a block allocated
 * EHP_CACHE_LINE - 1 bytes over holds its table from there, no slot of a
 * line's size across two (malloc's large blocks start 16 bytes into a
 * page). */
static inline unsigned char *ehp_on_line(unsigned char *p)
{
	return p + (EHP_CACHE_LINE - (uintptr_t)p % EHP_CACHE_LINE) % EHP_CACHE_LINE;
}

#endif
