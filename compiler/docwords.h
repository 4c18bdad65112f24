/*
 * docwords.h - a plan's rules in plain English (docwords.c), shared by the
 * document back ends (docgen.c: Markdown, dochtml.c: HTML).
 *
 * Every function returns plain text in a malloc'd string (the caller frees
 * it, and escapes it for its format), or NULL when memory runs out.
 */
#ifndef EHPC_DOCWORDS_H
#define EHPC_DOCWORDS_H

#include <stdbool.h>
#include <stdio.h>
#include "ast.h"

/* A condition: "there is a record of offence or out of court disposal in
 * the 12 months before entry". */
char *words_cond(const plan *p, const cond *c);

/* Whom a row is judged for: "a child (under 18 at entry)", "the household". */
char *words_who(const plan *p, const row *r);

/* A named cohort's definition: "a person aged 13 or over". */
char *words_cohort(const plan *p, const cohort *c);

/* What one member may add to a figure: "at most 1 theme from each member
 * flagged "living apart"". */
char *words_member_limit(const plan *p, const member_limit *l);

/* The family rules, the plan's defaults when it states none. */
char *words_eligible(const plan *p);
char *words_claimable(const plan *p);

/* A parameter's value as the plan sets it: "4", "£338", "90%", "yes". */
char *words_param_value(const param *pm);

/* The parameters a condition reads, in plan order: a malloc'd array (NULL
 * when there is none, or no memory) and their number in *n. */
const param **words_params_of(const plan *p, const cond *c, int *n);

/* Shared by the back ends' layout. */

/* A link target from a row id: `indicator-1-1` (letters and digits kept,
 * the rest `-`). */
void doc_anchor(FILE *f, const char *kind, const char *id);

/* Whether outcome `out` serves indicator number `indicator`. */
bool doc_serves(const row *out, int indicator);

/* The theme a text follows in the plan file (-1: before every theme): a
 * text is rendered where it was written. */
int doc_theme_before(const plan *p, const prose *x);

#endif
