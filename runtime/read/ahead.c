/*
 * ahead.c - batches filled ahead on a thread of their own (ahead.h): a
 * ring of EHP_AHEAD_BATCHES batches; a batch taken is swapped with the
 * taker's empty one, so no family is copied twice and the ring reuses the
 * taker's arrays.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "ahead.h"
#include "mem.h"

struct ehp_ahead {
	ehp_fill_fn *fill;
	void *src;
	pthread_t tid;
	pthread_mutex_t mu;
	pthread_cond_t filled, room;
	ehp_batch ring[EHP_AHEAD_BATCHES];
	int rc[EHP_AHEAD_BATCHES];
	size_t head, n;         /* the oldest batch filled, and how many are */
	size_t max_families, max_records;
	bool stop, finished;    /* told to stop; the last batch filled */
};

static void *fill_ahead(void *arg)
{
	ehp_ahead *a = arg;
	pthread_mutex_lock(&a->mu);
	while (!a->finished) {
		while (!a->stop && a->n == EHP_AHEAD_BATCHES)
			pthread_cond_wait(&a->room, &a->mu);
		if (a->stop)
			break;
		size_t at = (a->head + a->n) % EHP_AHEAD_BATCHES;
		size_t max_families = a->max_families, max_records = a->max_records;
		pthread_mutex_unlock(&a->mu);
		ehp_batch_clear(&a->ring[at]); /* a slot nobody else touches until it is counted filled */
		int rc = a->fill(a->src, &a->ring[at], max_families, max_records);
		pthread_mutex_lock(&a->mu);
		a->rc[at] = rc;
		a->n++;
		a->finished = rc != EHP_READ_MORE;
		pthread_cond_signal(&a->filled);
	}
	pthread_mutex_unlock(&a->mu);
	return NULL;
}

ehp_ahead *ehp_ahead_start(ehp_fill_fn *fill, void *src, size_t max_families, size_t max_records)
{
	ehp_ahead *a = ehp_xcalloc(1, sizeof *a);
	*a = (ehp_ahead){ .fill = fill, .src = src, .max_families = max_families, .max_records = max_records };
	pthread_mutex_init(&a->mu, NULL);
	pthread_cond_init(&a->filled, NULL);
	pthread_cond_init(&a->room, NULL);
	if (pthread_create(&a->tid, NULL, fill_ahead, a) != 0) {
		pthread_mutex_destroy(&a->mu);
		pthread_cond_destroy(&a->filled);
		pthread_cond_destroy(&a->room);
		free(a);
		return NULL;
	}
	return a;
}

int ehp_ahead_take(ehp_ahead *a, ehp_batch *b, size_t max_families, size_t max_records)
{
	if (b->n_families || b->n_people || b->n_records)
		ehp_die("a batch filled ahead is handed over only into an empty one");
	pthread_mutex_lock(&a->mu);
	a->max_families = max_families;
	a->max_records = max_records;
	while (!a->n && !a->finished)
		pthread_cond_wait(&a->filled, &a->mu);
	int rc = EHP_READ_END;
	if (a->n) {
		ehp_batch taken = a->ring[a->head];
		a->ring[a->head] = *b;
		*b = taken;
		rc = a->rc[a->head];
		a->head = (a->head + 1) % EHP_AHEAD_BATCHES;
		a->n--;
		pthread_cond_signal(&a->room);
	}
	pthread_mutex_unlock(&a->mu);
	return rc;
}

void ehp_ahead_stop(ehp_ahead *a)
{
	if (!a)
		return;
	pthread_mutex_lock(&a->mu);
	a->stop = true;
	pthread_cond_signal(&a->room);
	pthread_mutex_unlock(&a->mu);
	pthread_join(a->tid, NULL);
	for (int k = 0; k < EHP_AHEAD_BATCHES; k++)
		ehp_batch_free(&a->ring[k]);
	pthread_mutex_destroy(&a->mu);
	pthread_cond_destroy(&a->filled);
	pthread_cond_destroy(&a->room);
	free(a);
}
