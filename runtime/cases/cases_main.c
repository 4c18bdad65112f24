/*
 * cases_main.c - the case runner's command line (ehp_cases_main): a plan's
 * generated C built with -DEHP_CASE_RUNNER and libehp-cases.a is
 * build/cases/NAME, which runs example families as tests (docs/cases.md).
 * The evaluator itself carries none of this.
 */
#include <stdlib.h>
#include <string.h>
#include "cases.h"
#include "load.h"
#include "params.h"

enum { EXIT_OK = 0, EXIT_USAGE = 2 };

static void usage(const ehp_plan *plan, FILE *f)
{
	fprintf(f,
	        "usage: %s CASES... [--coverage] [--as-of DATE] [--terms F] [--set NAME=VALUE]\n"
	        "\n"
	        "Runs example families (docs/cases.md) under \"%s\".\n"
	        "\n"
	        "  --coverage        also list every indicator, outcome and family rule the\n"
	        "                    cases do not show both held and not held; fail if any\n"
	        "  --as-of DATE      the claim date for cases that do not give one\n"
	        "  --terms F         school term dates (columns start,end); default: England\n"
	        "  --set NAME=VALUE  override a plan parameter\n"
	        "\n"
	        "Exit status: 0 every expectation held; 1 one failed, or a coverage gap;\n"
	        "2 a case file has a mistake or cannot be read, or a usage error.\n",
	        plan->name, plan->title);
}

int ehp_cases_main(const ehp_plan *plan, int argc, char **argv)
{
	double *params = ehp_params_default(plan);
	const char **files = calloc((size_t)argc, sizeof *files);
	const char *as_of = NULL, *terms = NULL;
	bool coverage = false;
	int n_files = 0, rc = EXIT_USAGE;
	ehp_calendar own = { 0 };
	const ehp_calendar *cal = ehp_calendar_england();
	ehp_date claim = EHP_NO_DATE;
	char err[512];
	if (!files)
		goto out;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(plan, stdout);
			rc = EXIT_OK;
			goto out;
		} else if (!strcmp(a, "--coverage")) {
			coverage = true;
		} else if (!strcmp(a, "--as-of") || !strcmp(a, "--terms") || !strcmp(a, "--set")) {
			if (++i >= argc) {
				fprintf(stderr, "%s: %s needs a value\n", plan->name, a);
				goto out;
			}
			if (a[2] == 'a')
				as_of = argv[i];
			else if (a[2] == 't')
				terms = argv[i];
			else if (ehp_set_param(plan, params, argv[i]) != 0)
				goto out;
		} else if (!strncmp(a, "--", 2)) {
			fprintf(stderr, "%s: unknown option `%s` (try --help)\n", plan->name, a);
			goto out;
		} else {
			files[n_files++] = a;
		}
	}
	if (!n_files) {
		fprintf(stderr, "%s: give at least one case file (try --help)\n", plan->name);
		goto out;
	}
	if (as_of && (claim = ehp_date_parse(as_of, strlen(as_of))) == EHP_NO_DATE) {
		fprintf(stderr, "%s: --as-of `%s` is not a date (dd/mm/yyyy or yyyy-mm-dd)\n", plan->name, as_of);
		goto out;
	}
	if (terms) {
		if (ehp_calendar_load(&own, terms, err, sizeof err) != 0) {
			fprintf(stderr, "%s: %s\n", plan->name, err);
			goto out;
		}
		cal = &own;
	}
	rc = ehp_run_cases(plan, files, n_files, claim, cal, params, coverage);
out:
	ehp_calendar_free(&own);
	free(files);
	free(params);
	return rc;
}
