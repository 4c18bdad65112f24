/*
 * arena.h - one allocation region per compilation. Nodes are never freed one
 * by one; arena_free releases everything at the end.
 */
#ifndef EHPC_ARENA_H
#define EHPC_ARENA_H

#include <stddef.h>
#include "ast.h"

typedef struct arena arena;

arena *arena_new(void);
void arena_free(arena *a);
void *arena_alloc(arena *a, size_t size);       /* zeroed; aborts with a message if memory runs out */
char *arena_strndup(arena *a, const char *s, size_t n);
void vec_push(arena *a, ptr_vec *v, void *item);

#endif
