/*
 * params.c - `--set NAME=VALUE`: a plan parameter overridden for one run,
 * shared by the evaluator's command line and the case runner.
 */
#include <math.h>
#include <string.h>
#include "load.h"
#include "mem.h"
#include "params.h"

int ehp_set_param(const ehp_plan *plan, double *params, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq) {
		fprintf(stderr, "%s: --set needs NAME=VALUE, got `%s`\n", plan->name, arg);
		return -1;
	}
	int len = (int)(eq - arg);
	for (int i = 0; i < plan->n_params; i++) {
		if (strlen(plan->params[i].name) != (size_t)len || strncmp(plan->params[i].name, arg, (size_t)len) != 0)
			continue;
		const char *s = eq + 1;
		if (!strcmp(plan->params[i].unit, "yes/no")) {
			if (strcmp(s, "yes") && strcmp(s, "no")) {
				fprintf(stderr, "%s: --set %.*s: write yes or no, not `%s`\n", plan->name, len, arg, s);
				return -1;
			}
			params[i] = !strcmp(s, "yes");
			return 0;
		}
		if (*s == '\xc2' && s[1] == '\xa3') /* a leading £ */
			s += 2;
		double v;
		if (!*s || !ehp_parse_number(s, strlen(s), &v)) {
			fprintf(stderr, "%s: --set %.*s: `%s` is not a number\n", plan->name, len, arg, eq + 1);
			return -1;
		}
		params[i] = v;
		return 0;
	}
	fprintf(stderr, "%s: --set: the plan has no parameter `%.*s`; it has:", plan->name, len, arg);
	for (int i = 0; i < plan->n_params; i++)
		fprintf(stderr, " %s", plan->params[i].name);
	fputc('\n', stderr);
	return -1;
}

double *ehp_params_default(const ehp_plan *plan)
{
	double *params = ehp_xmalloc(((size_t)plan->n_params + 1) * sizeof *params);
	for (int i = 0; i < plan->n_params; i++) /* NAN: dated, chosen by each family's date (ehp_param) */
		params[i] = ehp_param_dated(plan, i) ? NAN : plan->params[i].value;
	return params;
}
