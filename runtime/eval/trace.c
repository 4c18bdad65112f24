/*
 * trace.c - the evidence kept for each verdict. Items are appended to a
 * growing array that is reused from one family to the next.
 */
#include <stdlib.h>
#include <stdio.h>
#include "internal.h"

ehp_evidence *ehp_trace_push(ehp_trace *t)
{
	t->items = ehp_reserve(t->items, &t->cap, t->n + 1, sizeof *t->items);
	ehp_evidence *e = &t->items[t->n++];
	*e = (ehp_evidence){ .from = EHP_NO_DATE, .to = EHP_NO_DATE };
	return e;
}

const char ehp_reason_none_found[] = "no record found";

void ehp_trace_free(ehp_trace *t)
{
	free(t->items);
	free(t->more);
	*t = (ehp_trace){ 0 };
}
