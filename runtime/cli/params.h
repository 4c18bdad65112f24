/*
 * params.h - a plan's parameters on the command line: the evaluator's and
 * the case runner's (runtime/cases/) `--set NAME=VALUE`.
 */
#ifndef EHP_PARAMS_H
#define EHP_PARAMS_H

#include "eval.h"

/* The plan's own values, in a new array (one spare slot, never empty). */
double *ehp_params_default(const ehp_plan *plan);
/* NAME=VALUE into params; -1 with a message on stderr naming the plan's
 * parameters when NAME is not one, or VALUE is not of its kind. */
int ehp_set_param(const ehp_plan *plan, double *params, const char *arg);

#endif
