/*
 * diff.h - what changed between two versions of a plan, in words
 * (`ehpc diff`, docs/ehpc.md).
 */
#ifndef EHPC_DIFF_H
#define EHPC_DIFF_H

#include <stdio.h>
#include "ast.h"

/* Writes to out every difference between two checked plans, one item a
 * paragraph: the plan's header, parameters, named groups, themes,
 * indicators and outcomes (matched by id), the family rules and the prose.
 * Layout and comments make no difference. Returns the number of
 * differences. A parameter whose value changed is reported once, as
 * itself, not again in every rule that reads it (old takes new's values
 * while its rules are compared, and is given its own back at the end). */
int diff_plans(plan *old, const plan *new, FILE *out);

/* `ehpc diff [--data DIR --as-of DATE] OLD.ehp NEW.ehp` (diff_main.c);
 * argv[0] is "diff". Like diff(1), returns 0 when the plans do not differ,
 * 1 when they do, 2 on a usage error, a plan that cannot be read or has
 * errors (shown located, as a compile shows them), or a failed impact run. */
int diff_main(int argc, char **argv);

#endif
