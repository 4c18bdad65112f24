/*
 * arena.c - bump allocation in chunks; everything is released at once when
 * the compilation ends, so the tree needs no ownership rules.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "arena.h"

#define CHUNK (64 * 1024)

typedef struct chunk {
	struct chunk *next;
	size_t used, size;
	_Alignas(max_align_t) unsigned char data[];
} chunk;

struct arena {
	chunk *head;
};

static _Noreturn void out_of_memory(void)
{
	fputs("ehpc: out of memory\n", stderr);
	exit(2);
}

arena *arena_new(void)
{
	arena *a = calloc(1, sizeof *a);
	if (!a)
		out_of_memory();
	return a;
}

void arena_free(arena *a)
{
	if (!a)
		return;
	for (chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void *arena_alloc(arena *a, size_t size)
{
	size_t align = _Alignof(max_align_t);
	size = (size + align - 1) & ~(align - 1);
	chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t n = size > CHUNK ? size : CHUNK;
		c = malloc(sizeof *c + n);
		if (!c)
			out_of_memory();
		c->next = a->head;
		c->used = 0;
		c->size = n;
		a->head = c;
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *arena_strndup(arena *a, const char *s, size_t n)
{
	char *p = arena_alloc(a, n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void vec_push(arena *a, ptr_vec *v, void *item)
{
	if (v->n == v->cap) {
		int cap = v->cap ? v->cap * 2 : 8;
		void **items = arena_alloc(a, (size_t)cap * sizeof *items);
		if (v->n)
			memcpy(items, v->v, (size_t)v->n * sizeof *items);
		v->v = items;
		v->cap = cap;
	}
	v->v[v->n++] = item;
}
