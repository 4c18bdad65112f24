/*
 * codegen_limit.c - `themes met >= 2 with at most 1 theme from each member
 * who is living_apart`: the limit as a constant the generated code passes
 * to ehp_met_limited (runtime/eval/contribution.c), with its group as a
 * cohort function and its words for the evidence and the reason.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen_int.h"
#include "docwords.h"

int gen_member_limit(gen *g, const cond *k)
{
	const member_limit *l = k->limit;
	int who = gen_cohort_fn(g, l->who, l->loc.line);
	int id = ++g->n_helpers;
	bool indicators = k->measure == MEASURE_INDICATORS_MET;
	char *limit = words_member_limit(g->p, l);
	char *what = limit ? malloc(strlen(limit) + 32) : NULL;
	if (!what) {
		free(limit);
		g->failed = true;
		return id;
	}
	sprintf(what, "%s met, counting %s", indicators ? "indicators" : "themes", limit);
	fprintf(g->helpers, "/* line %d: what one member may add to `%s met` */\n", l->loc.line,
	        indicators ? "indicators" : "themes");
	fprintf(g->helpers, "static const ehp_member_limit limit_%d = { .most = %d, .indicators = %s, .who = who_%d,\n", id,
	        l->most, indicators ? "true" : "false", who);
	fputs("\t.what = ", g->helpers);
	gen_string(g, g->helpers, what);
	fputs(",\n\t.limit = ", g->helpers);
	gen_string(g, g->helpers, limit);
	fputs(" };\n\n", g->helpers);
	free(what);
	free(limit);
	return id;
}
