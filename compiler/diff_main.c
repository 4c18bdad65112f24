/*
 * diff_main.c - `ehpc diff`: the command line of the plan comparison
 * (diff.c) and of its impact on an extract (impact.c).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "diff.h"
#include "ehp.h"
#include "impact.h"
#include "mem.h"
#include "output.h"
#include "plan_file.h"

enum { SAME = 0, DIFFERENT = 1, TROUBLE = 2 };

static void diff_usage(FILE *f)
{
	fputs("usage: ehpc diff [--data DIR --as-of DATE] OLD.ehp NEW.ehp\n"
	      "\n"
	      "What changed from OLD to NEW, row by row, in words: thresholds, windows,\n"
	      "who, wording, rows added or removed, parameters, family rules. Layout and\n"
	      "comments are not differences.\n"
	      "\n"
	      "  --data DIR    also the impact: both plans' evaluators run on the extract\n"
	      "                in DIR (families.csv, people.csv, records.csv), and the\n"
	      "                families whose eligibility, indicators, outcomes or\n"
	      "                claimability change, counted and listed by id\n"
	      "  --as-of DATE  the claim date of those runs (needed with --data)\n"
	      "\n"
	      "See docs/ehpc.md. Exit status: 0 the plans do not differ; 1 they differ;\n"
	      "2 usage error, a plan cannot be read or has errors, or the impact run failed.\n",
	      f);
}

typedef struct {
	const char *files[2];
	const char *data, *as_of;
} diff_opts;

/* The options, or a usage message and false. */
static bool read_options(int argc, char **argv, diff_opts *o)
{
	int n = 0;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **value = !strcmp(a, "--data") ? &o->data : !strcmp(a, "--as-of") ? &o->as_of : NULL;
		if (value) {
			if (++i >= argc) {
				fprintf(stderr, "ehpc diff: %s needs a value (try ehpc diff --help)\n", a);
				return false;
			}
			*value = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "ehpc diff: unknown option `%s` (try ehpc diff --help)\n", a);
			return false;
		} else if (n == 2) {
			fputs("ehpc diff: give two plans, the old and the new (try ehpc diff --help)\n", stderr);
			return false;
		} else {
			o->files[n++] = a;
		}
	}
	struct stat st;
	const char *bad = n != 2 ? "give two plans, the old and the new"
	                : !o->data != !o->as_of ? "--data and --as-of go together"
	                : o->as_of && ehp_date_parse(o->as_of, strlen(o->as_of)) == EHP_NO_DATE
	                    ? "--as-of needs a date (dd/mm/yyyy or yyyy-mm-dd)"
	                : o->data && (stat(o->data, &st) != 0 || !S_ISDIR(st.st_mode)) ? "--data needs a folder"
	                : NULL;
	if (bad)
		fprintf(stderr, "ehpc diff: %s (try ehpc diff --help)\n", bad);
	return !bad;
}

/* "3 differences from OLD to NEW:" and the differences under it. */
static void show_differences(const char *old, const char *new, const char *body, int n)
{
	if (n)
		printf("%d difference%s from ", n, n == 1 ? "" : "s");
	else
		fputs("no differences from ", stdout);
	ehp_term_text(stdout, old);
	fputs(" to ", stdout);
	ehp_term_text(stdout, new);
	puts(n ? ":" : " (layout and comments aside)");
	fputs(body, stdout);
}

int diff_main(int argc, char **argv)
{
	for (int i = 1; i < argc; i++)
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			diff_usage(stdout);
			return SAME;
		}
	diff_opts o = { { NULL, NULL }, NULL, NULL };
	if (!read_options(argc, argv, &o))
		return TROUBLE;
	plan_file old, new;
	/* Both are read, so one run reports the errors of both. */
	int bad = plan_file_load(&old, o.files[0]);
	bad |= plan_file_load(&new, o.files[1]);
	int rc = TROUBLE;
	if (!bad) {
		char *body = NULL;
		size_t len = 0;
		FILE *m = open_memstream(&body, &len);
		if (!m)
			ehp_die("out of memory");
		int n = diff_plans(old.p, new.p, m);
		if (fclose(m) != 0)
			ehp_die("out of memory");
		show_differences(o.files[0], o.files[1], body, n);
		free(body);
		rc = n ? DIFFERENT : SAME;
		if (o.data) {
			putchar('\n');
			fflush(stdout); /* before the compiler and evaluators write */
			if (impact_run(&old, &new, o.data, o.as_of, stdout) != 0)
				rc = TROUBLE;
		}
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "ehpc diff: standard output: write failed: %s\n", strerror(errno));
			rc = TROUBLE;
		}
	}
	plan_file_free(&old);
	plan_file_free(&new);
	return rc;
}
