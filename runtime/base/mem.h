/*
 * mem.h - the runtime's one way to fail for lack of memory or on a broken
 * promise of its own: ehp_die prints "ehp: ..." and aborts. Every
 * allocation that cannot sensibly be recovered from goes through these, so
 * there is one message and one behaviour (QBE's die/emalloc).
 */
#ifndef EHP_MEM_H
#define EHP_MEM_H

#include <stddef.h>

#if defined(__GNUC__)
#define EHP_PRINTF(a, b) __attribute__((format(printf, a, b)))
#define EHP_NORETURN __attribute__((noreturn))
#define EHP_NOINLINE __attribute__((noinline))
#else
#define EHP_PRINTF(a, b)
#define EHP_NORETURN
#define EHP_NOINLINE
#endif

EHP_NORETURN void ehp_die(const char *fmt, ...) EHP_PRINTF(1, 2);
void *ehp_xmalloc(size_t n);
void *ehp_xcalloc(size_t n, size_t size);
/* ehp_xcalloc for a large table that is read before it is written (a hash
 * table's probe reads a slot, then fills it): each page is written once
 * at once. A fresh page first read is mapped to the shared zero page, and
 * its first write then has to replace that mapping, which in a process
 * with threads costs a TLB flush on every other CPU (an interrupt each). */
void *ehp_xcalloc_written(size_t n, size_t size);
void *ehp_xrealloc(void *p, size_t n);
char *ehp_xstrndup(const char *s, size_t n);
char *ehp_xprintf(const char *fmt, ...) EHP_PRINTF(1, 2);
/* At least n elements of `size` bytes in p (capacity *cap); grows by
 * doubling, so arrays reused from family to family settle quickly. */
void *ehp_reserve(void *p, size_t *cap, size_t n, size_t size);
/* The same, with the usual case (room enough) tested without a call: for
 * arrays grown by one element at a time, once a row. */
static inline void *ehp_reserve_inline(void *p, size_t *cap, size_t n, size_t size)
{
	return n <= *cap && p ? p : ehp_reserve(p, cap, n, size);
}

#endif
