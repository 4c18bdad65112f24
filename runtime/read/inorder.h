/*
 * inorder.h - jobs done on worker threads and taken back in the order they
 * were handed in, a bounded number out at a time: for the grouped reader's
 * people and records, parsed in pieces on -j threads and merged in file
 * order, so nothing depends on which thread did what.
 */
#ifndef EHP_INORDER_H
#define EHP_INORDER_H

typedef struct ehp_inorder ehp_inorder;

/* Starts `threads` workers that call work(job, ctx) on each job put in.
 * At most max_out jobs are out (put and not yet taken) at once. If no
 * thread can be started, ehp_inorder_put does the work itself. */
ehp_inorder *ehp_inorder_start(int threads, int max_out, void (*work)(void *job, void *ctx), void *ctx);
/* Whether max_out jobs are out: take one before putting another. */
int ehp_inorder_full(const ehp_inorder *q);
void ehp_inorder_put(ehp_inorder *q, void *job);
/* The oldest job out, once its work is done; NULL when none is out. */
void *ehp_inorder_take(ehp_inorder *q);
/* Waits for the workers to finish (every job taken first) and frees q. */
void ehp_inorder_stop(ehp_inorder *q);

#endif
