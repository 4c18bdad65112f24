/*
 * trace.c - the evidence kept for each verdict. Items are appended to a
 * growing array that is reused from one family to the next.
 */
#include <stdlib.h>
#include <stdio.h>
#include "internal.h"

void ehp_trace_grow(ehp_trace *t)
{
	t->items = ehp_reserve(t->items, &t->cap, t->n + 1, sizeof *t->items);
}

const char ehp_reason_none_found[] = "no record found";

void ehp_trace_free(ehp_trace *t)
{
	free(t->items);
	free(t->more);
	*t = (ehp_trace){ 0 };
}
