/*
 * contribution.h - what one member may add to `themes met` or `indicators
 * met` (`with at most 1 theme from each member who is living_apart`):
 * the counting itself, kept apart from the verdicts so it can be tested
 * alone (contribution.c; semantics.md, "Limits on what one member adds").
 */
#ifndef EHP_CONTRIBUTION_H
#define EHP_CONTRIBUTION_H

#include <stddef.h>
#include "eval.h"

/* The ints of scratch ehp_count_limited needs for n pairs, n_items items
 * and n_members limited members. */
size_t ehp_limited_work(size_t n, int n_items, int n_members);

/* Pair k says item items[k] (0 .. n_items-1: a theme or an indicator) was
 * met by members[k]: -1 when no limit applies to whoever met it (the
 * household, the family, a member outside the group), else the limited
 * member's number (0 .. n_members-1). Returns the largest number of
 * distinct items that can be counted when each limited member accounts for
 * at most `most` of them: every item met without a limit, plus a maximum
 * matching of the other items to limited members who met them, each member
 * taking at most `most`. Exact; O(items x (members x items + pairs)) and
 * no recursion. work: ehp_limited_work(...) ints. Pairs out of range are
 * left out. */
int ehp_count_limited(const int *items, const int *members, size_t n, int n_items, int n_members, int most,
                      int *work);

/* After the eligibility rule: when a member limit lowered one of its
 * figures and the family is not eligible, judges the rule again with the
 * limits lifted and no evidence, and notes in res->limit_decided whether
 * the limit is what left the family ineligible. */
void ehp_limits_blame(ehp_eval *ev);

/* "; 1 theme counted with at most 1 theme from each ..." after the
 * reason's figures, when res->limit_decided; else nothing. */
void ehp_limit_reason(const ehp_results *res, char *buf, size_t len);

#endif
