/*
 * fuzz_data.h - what the data harnesses (fuzz_load.c, fuzz_extract.c)
 * share: the real plan they judge under (FUZZ_PLAN_C, the C ehpc generated
 * for it, included here), files in memory, and read streams over bytes.
 * Included by one .c file each, after fuzz.h.
 */
#ifndef EHP_FUZZ_DATA_H
#define EHP_FUZZ_DATA_H

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "ehp.h"

/* The generated plan hands its table to ehp_main: catch it there. */
static const ehp_plan *fuzz_plan;
static int fuzz_keep_plan(const ehp_plan *p, int argc, char **argv)
{
	(void)argc;
	(void)argv;
	fuzz_plan = p;
	return 0;
}
#define ehp_main fuzz_keep_plan
#define main fuzz_plan_main
#include FUZZ_PLAN_C
#undef main
#undef ehp_main

/* The plan, caught on the first call. */
static inline const ehp_plan *fuzz_the_plan(void)
{
	if (!fuzz_plan)
		fuzz_plan_main(0, NULL);
	return fuzz_plan;
}

/* The plan's parameters at their defaults (the caller frees). */
static inline double *fuzz_default_params(const ehp_plan *plan)
{
	double *params = malloc(((size_t)plan->n_params + 1) * sizeof *params);
	if (!params)
		abort();
	for (int i = 0; i < plan->n_params; i++)
		params[i] = plan->params[i].value;
	return params;
}

typedef struct {
	char *text;
	size_t len;
	FILE *f;
} memfile;

static inline void mem_open(memfile *m)
{
	m->text = NULL;
	m->len = 0;
	if (!(m->f = open_memstream(&m->text, &m->len)))
		abort();
}

static inline void mem_close(memfile *m)
{
	fclose(m->f);
	free(m->text);
}

/* A read stream over len bytes (fmemopen cannot make an empty one): a
 * regular, seekable stream, as a file on disk is to the reader. */
static inline FILE *read_stream(const char *p, size_t len, char **copy)
{
	*copy = malloc(len + 1);
	if (!*copy)
		abort();
	memcpy(*copy, p, len);
	FILE *f = fmemopen(*copy, len ? len : 1, "rb");
	if (!f)
		abort();
	if (!len)
		getc(f);
	return f;
}

#endif
