/*
 * audit.h - the auditors' sample (--audit-sample N --seed S, audit.c): the
 * explanations of N claimable families drawn at random, the same N for the
 * same data, plan, claim date and seed whatever the threads or the order
 * of the files. Each family's rank is a keyed hash of the seed and its id
 * (SHA-256 of "SEED:ID"); the sample is the N smallest ranks, kept while
 * the run streams (memory: N explanations), then written to
 * audit-sample.txt under the run's identity from the receipt.
 */
#ifndef EHP_AUDIT_H
#define EHP_AUDIT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "receipt.h"

#define EHP_SAMPLE_MAX 100000 /* N: a sample to read, not a copy of the extract */

typedef struct {
	uint64_t rank;
	char *id;              /* the family's, for ties and the heading */
	char *text;            /* its explanation */
} ehp_sampled;

typedef struct {
	const char *seed;      /* 1 to 64 of A-Z a-z 0-9 . _ - */
	size_t want;           /* N */
	ehp_sampled *kept;     /* at most `want`, by rank then id */
	size_t n;
} ehp_audit_sample;

/* Whether a seed is one --seed accepts (it is written into the receipt). */
bool ehp_seed_ok(const char *seed);
/* A family's rank: the first 64 bits of SHA-256("SEED:ID"). */
uint64_t ehp_sample_rank(const char *seed, const char *id);
/* The largest rank a family may have to enter the sample as it stands
 * (UINT64_MAX until it holds N): a family ranked above it need not be
 * explained. It only falls as families are offered. */
uint64_t ehp_sample_bound(const ehp_audit_sample *s);
/* Offers a claimable family and its explanation; the sample takes `text`
 * (kept, or freed when the family is not among the N smallest). Only
 * families within the bound need be offered. */
void ehp_sample_offer(ehp_audit_sample *s, uint64_t rank, const char *id, char *text);
/* audit-sample.txt: the run's identity (as receipt.txt gives it, with its
 * run id and the number of claimable families), how the sample was drawn,
 * then each explanation in rank order. */
void ehp_sample_write(FILE *f, const ehp_audit_sample *s, const ehp_receipt *r);
void ehp_sample_free(ehp_audit_sample *s);

#endif
