/*
 * wording.h - the figures of a row's wording against its rule (wording.c).
 */
#ifndef EHPC_WORDING_H
#define EHPC_WORDING_H

#include <stddef.h>
#include "ast.h"
#include "diag.h"

/* A figure written in prose: `90%`, `12 months`, `3 terms`, `six-month`,
 * `£338`; [start, end) are byte offsets in the text it was found in. */
typedef struct {
	double value;
	unit_kind unit;  /* PERCENT, DAYS, WEEKS, MONTHS, TERMS, SESSIONS or MONEY */
	size_t start, end;
} figure;

/* The first figure in s[*pos, n), moving *pos past it; false when there is
 * none. */
bool next_figure(const char *s, size_t n, size_t *pos, figure *f);

/* Warns where a figure in a row's wording or `period` is not one its rule
 * (or a parameter the rule reads, at its default) uses, unless a reading of
 * the row writes that figure: the reading says why they differ. Needs a
 * checked plan and the diagnostics' plan text. */
void check_wording(diag *d, const plan *p);

#endif
