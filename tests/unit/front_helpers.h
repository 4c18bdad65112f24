/*
 * front_helpers.h - a plan text through the front end in memory, with what
 * it reported captured as text, for the compiler's tests. Include after
 * <cmocka.h>.
 */
#ifndef EHP_TEST_FRONT_HELPERS_H
#define EHP_TEST_FRONT_HELPERS_H

#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include "frontend.h"

typedef struct {
	arena *a;
	diag d;
	plan *p;        /* NULL when nothing could be parsed */
	int ok;         /* check_plan's answer; 0 when not checked */
	char *out;      /* the diagnostics, as a user sees them */
	size_t out_len;
} front;

/* Parses `text` as the file `name` and, when `check` is set, checks it. */
static inline front *front_run(const char *name, const char *text, size_t len, bool check)
{
	front *r = calloc(1, sizeof *r);
	assert_non_null(r);
	r->a = arena_new();
	FILE *f = open_memstream(&r->out, &r->out_len);
	assert_non_null(f);
	diag_init(&r->d, name, text, len, f);
	r->p = parse_plan(r->a, &r->d, name, text, len);
	if (check && r->p)
		r->ok = check_plan(r->a, &r->d, r->p);
	assert_int_equal(fclose(f), 0);
	r->d.out = NULL; /* closed: nothing more may be reported */
	return r;
}

static inline void front_done(front *r)
{
	free(r->out);
	arena_free(r->a);
	free(r);
}

#endif
