/*
 * ahead.h - batches of families filled ahead on a thread of their own and
 * handed over in turn: the grouped reader's hand-out with -j 2 and more
 * (group.c). The calling thread, which also writes every output and so
 * bounded the judging, no longer gathers each family's people and records
 * itself; the batches hold the same families, in the same order, as if
 * it had.
 */
#ifndef EHP_AHEAD_H
#define EHP_AHEAD_H

#include <stddef.h>
#include "load.h"

/* Adds families to b (cleared) until it holds max_families families or
 * max_records records, or none are left: EHP_READ_MORE, or what ended it
 * (EHP_READ_END). */
typedef int ehp_fill_fn(void *src, ehp_batch *b, size_t max_families, size_t max_records);

typedef struct ehp_ahead ehp_ahead;

/* Batches filled ahead this many at most. */
enum { EHP_AHEAD_BATCHES = 3 };

/* Starts a thread calling fill(src, ...) into batches of its own, up to
 * EHP_AHEAD_BATCHES ahead, until it returns other than EHP_READ_MORE;
 * NULL when no thread can be started. Nothing else may use src until
 * ehp_ahead_stop. */
ehp_ahead *ehp_ahead_start(ehp_fill_fn *fill, void *src, size_t max_families, size_t max_records);
/* The next batch filled, swapped with b (which must be empty: its arrays
 * are filled next), and what fill returned for it; once the last is
 * taken, EHP_READ_END with b left empty. Batches not yet begun are filled
 * to the limits given here. */
int ehp_ahead_take(ehp_ahead *a, ehp_batch *b, size_t max_families, size_t max_records);
/* Stops the thread (once the batch it is filling is full) and frees a. */
void ehp_ahead_stop(ehp_ahead *a);

#endif
