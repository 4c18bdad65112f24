/*
 * mem.c - allocation that cannot fail quietly (mem.h).
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"

void ehp_die(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("ehp: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	abort();
}

void *ehp_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		ehp_die("out of memory (%zu bytes)", n);
	return p;
}

void *ehp_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		ehp_die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

void *ehp_xcalloc_written(size_t n, size_t size)
{
	unsigned char *p = ehp_xcalloc(n, size);
	/* A zero written over a zero: volatile, so it is not left out. 4096
	 * bytes is the smallest page size in use; a larger page is written
	 * more than once, which does no harm. */
	size_t bytes = (n ? n : 1) * (size ? size : 1);
	for (size_t at = 0; at < bytes; at += 4096)
		((volatile unsigned char *)p)[at] = 0;
	return p;
}

void *ehp_xrealloc(void *p, size_t n)
{
	void *q = realloc(p, n ? n : 1);
	if (!q)
		ehp_die("out of memory (%zu bytes)", n);
	return q;
}

char *ehp_xstrndup(const char *s, size_t n)
{
	char *c = ehp_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

char *ehp_xprintf(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		ehp_die("cannot format a message");
	char *s = ehp_xmalloc((size_t)n + 1);
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

void *ehp_reserve(void *p, size_t *cap, size_t n, size_t size)
{
	if (n <= *cap && p)
		return p;
	size_t want = *cap ? *cap * 2 : 32;
	if (want < n)
		want = n;
	if (want > (size_t)-1 / size)
		ehp_die("out of memory (%zu elements of %zu bytes)", want, size);
	p = ehp_xrealloc(p, want * size);
	*cap = want;
	return p;
}
