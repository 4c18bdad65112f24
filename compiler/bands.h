/*
 * bands.h - the `where` band check (bands.c).
 */
#ifndef EHPC_BANDS_H
#define EHPC_BANDS_H

#include "ast.h"
#include "diag.h"

/* Warns where the `where` bands of the outcomes serving one indicator, on
 * the same measure, leave a gap or overlap. Needs a checked plan. */
void check_bands(diag *d, const plan *p);

#endif
