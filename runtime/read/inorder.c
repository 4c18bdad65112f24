/*
 * inorder.c - a ring of jobs out (inorder.h): put at the tail, done by any
 * worker from the oldest not yet started, taken at the head when done.
 */
#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include "inorder.h"
#include "mem.h"

typedef struct {
	void *job;
	bool started, done;
} ring_slot;

struct ehp_inorder {
	pthread_mutex_t mu;
	pthread_cond_t work_ready, work_done;
	ring_slot *ring;
	int max_out, head, out, next_start; /* next_start: jobs started, counted from head */
	bool stopping;
	void (*work)(void *job, void *ctx);
	void *ctx;
	pthread_t *tids;
	int n_threads;
};

static void *worker(void *arg)
{
	ehp_inorder *q = arg;
	pthread_mutex_lock(&q->mu);
	for (;;) {
		while (!q->stopping && q->next_start == q->out)
			pthread_cond_wait(&q->work_ready, &q->mu);
		if (q->next_start == q->out)
			break; /* stopping, and nothing left to start */
		ring_slot *s = &q->ring[(q->head + q->next_start++) % q->max_out];
		s->started = true;
		pthread_mutex_unlock(&q->mu);
		q->work(s->job, q->ctx);
		pthread_mutex_lock(&q->mu);
		s->done = true;
		pthread_cond_broadcast(&q->work_done);
	}
	pthread_mutex_unlock(&q->mu);
	return NULL;
}

ehp_inorder *ehp_inorder_start(int threads, int max_out, void (*work)(void *job, void *ctx), void *ctx)
{
	ehp_inorder *q = ehp_xcalloc(1, sizeof *q);
	q->max_out = max_out < 1 ? 1 : max_out;
	q->ring = ehp_xcalloc((size_t)q->max_out, sizeof *q->ring);
	q->work = work;
	q->ctx = ctx;
	pthread_mutex_init(&q->mu, NULL);
	pthread_cond_init(&q->work_ready, NULL);
	pthread_cond_init(&q->work_done, NULL);
	q->tids = ehp_xcalloc(threads > 0 ? (size_t)threads : 1, sizeof *q->tids);
	for (; q->n_threads < threads; q->n_threads++)
		if (pthread_create(&q->tids[q->n_threads], NULL, worker, q) != 0)
			break; /* fewer threads: the work still gets done */
	return q;
}

int ehp_inorder_full(const ehp_inorder *q)
{
	return q->out == q->max_out; /* only the putting thread changes out upwards */
}

void ehp_inorder_put(ehp_inorder *q, void *job)
{
	pthread_mutex_lock(&q->mu);
	if (q->out == q->max_out)
		ehp_die("a job put in with no room for it (inorder.c)");
	ring_slot *s = &q->ring[(q->head + q->out++) % q->max_out];
	*s = (ring_slot){ .job = job };
	if (!q->n_threads) { /* no worker: done here, now */
		q->next_start++;
		s->started = true;
		pthread_mutex_unlock(&q->mu);
		q->work(job, q->ctx);
		pthread_mutex_lock(&q->mu);
		s->done = true;
	}
	pthread_cond_signal(&q->work_ready);
	pthread_mutex_unlock(&q->mu);
}

void *ehp_inorder_take(ehp_inorder *q)
{
	pthread_mutex_lock(&q->mu);
	if (!q->out) {
		pthread_mutex_unlock(&q->mu);
		return NULL;
	}
	ring_slot *s = &q->ring[q->head];
	while (!s->done)
		pthread_cond_wait(&q->work_done, &q->mu);
	void *job = s->job;
	q->head = (q->head + 1) % q->max_out;
	q->out--;
	q->next_start--;
	pthread_mutex_unlock(&q->mu);
	return job;
}

void ehp_inorder_stop(ehp_inorder *q)
{
	pthread_mutex_lock(&q->mu);
	q->stopping = true;
	pthread_cond_broadcast(&q->work_ready);
	pthread_mutex_unlock(&q->mu);
	for (int k = 0; k < q->n_threads; k++)
		pthread_join(q->tids[k], NULL);
	pthread_cond_destroy(&q->work_ready);
	pthread_cond_destroy(&q->work_done);
	pthread_mutex_destroy(&q->mu);
	free(q->tids);
	free(q->ring);
	free(q);
}
