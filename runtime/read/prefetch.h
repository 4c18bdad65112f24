/*
 * prefetch.h - a hint to fetch a cache line that will be read soon: the
 * grouped reader looks up many ids at once in maps far bigger than the
 * cache, each slot fetched a few ids ahead so the misses overlap. Nothing
 * where the compiler has no such builtin.
 */
#ifndef EHP_PREFETCH_H
#define EHP_PREFETCH_H

#if defined(__GNUC__) || defined(__clang__)
#define EHP_PREFETCH(p) __builtin_prefetch(p)
#else
#define EHP_PREFETCH(p) ((void)(p))
#endif

#endif
