/*
 * counts.h - what a run's families came to, counted as each judged family
 * is written (run.c), for report.html and the workbook's summary. Memory is
 * in proportion to the plan (and, while one family is counted, to that
 * family's members), never to the extract. Slots are counted apart and
 * added in the order they were read, so the counts are the same on any
 * number of threads.
 */
#ifndef EHP_COUNTS_H
#define EHP_COUNTS_H

#include "eval.h"

/* Families with a verdict, and members with it (person rows only: a
 * household or family row has no member to count). */
typedef struct {
	unsigned long families, members;
} ehp_fm_count;

typedef struct {
	ehp_fm_count achieved, not_achieved, pending; /* pending: cannot be judged yet */
	unsigned long pending_undated;                /* ... and no window date to wait for */
	ehp_date due_first, due_last;                 /* of the dated ones; EHP_NO_DATE if none */
} ehp_outcome_count;

/* Months from January 1900 to December 2100: the dates data may hold. */
#define EHP_COUNT_MONTHS (201 * 12)

typedef struct {
	const ehp_plan *plan;
	unsigned long families, identified, eligible, achieved, claimable, incomplete;
	unsigned long already_claimed; /* met the claim rule, claimed before (--claims) */
	ehp_fm_count *theme;        /* [n_themes]: met an indicator of the theme */
	ehp_fm_count *indicator;    /* [n_indicators]: met it */
	ehp_outcome_count *outcome; /* [n_outcomes] */
	unsigned long *due_month;   /* [EHP_COUNT_MONTHS]: pending verdicts by the month their window ends */
	int month_from, month_to;   /* the months counted in: [month_from, month_to), empty if equal */
	unsigned long due_undated;
	/* the runtime's own: each member's themes, for the family being counted */
	uint64_t *member_themes;
	size_t cap_member_themes;
} ehp_counts;

void ehp_counts_init(ehp_counts *c, const ehp_plan *plan);
void ehp_counts_clear(ehp_counts *c);
/* One judged family; due[v] is outcome verdict v's ehp_outcomes_due date. */
void ehp_counts_family(ehp_counts *c, const ehp_family *fam, const ehp_results *res, const ehp_date *due);
/* to += from (the same plan). */
void ehp_counts_add(ehp_counts *to, const ehp_counts *from);
void ehp_counts_free(ehp_counts *c);

#endif
