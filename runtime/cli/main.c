/*
 * main.c - the evaluator's command line (ehp_main): every generated
 * evaluator's main() hands over to this. Reads the extract, judges one family
 * at a time, writes results (and evidence, rejects) atomically, and prints a
 * short summary.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "claims.h"
#include "load.h"
#include "mapped.h"
#include "mem.h"
#include "output.h"
#include "params.h"
#include "receipt.h"
#include "report.h"
#include "run.h"
#include "tidy.h"
#include "validate.h"
#include "workbook.h"

enum { EXIT_OK = 0, EXIT_FAILED = 1, EXIT_USAGE = 2 };

static void usage(const ehp_plan *plan, FILE *f)
{
	fprintf(f,
	        "usage: %s --as-of DATE (--data DIR | --families F --people F --records F) [options]\n"
	        "       %s --verify DIR\n"
	        "\n"
	        "Judges families under \"%s\".\n"
	        "\n"
	        "  --as-of DATE      the claim date (dd/mm/yyyy or yyyy-mm-dd)\n"
	        "  --data DIR        reads DIR/families.csv, DIR/people.csv, DIR/records.csv\n"
	        "                    (and DIR/terms.csv if present)\n"
	        "  --families F, --people F, --records F   the three files one by one\n"
	        "  --map FILE        read a council's own export in --data DIR through a\n"
	        "                    mapping (docs/data-format.md)\n"
	        "  --validate        read and check everything; report every problem at once\n"
	        "  --terms F         school term dates (columns start,end); default: England\n"
	        "  --out DIR         where results.csv, indicators.csv, outcomes.csv, results.xlsx,\n"
	        "                    report.html (and evidence.jsonl, rejects.csv) go; default .\n"
	        "  --evidence        also write evidence.jsonl: what decided every verdict\n"
	        "  --explain ID      also print family ID's verdicts and their evidence in words\n"
	        "  --audit-sample N --seed S   also write audit-sample.txt: the explanations of\n"
	        "                    N claimable families drawn at random (seed: letters, digits . _ -)\n"
	        "  --set NAME=VALUE  override a plan parameter for this run\n"
	        "  --claims FILE     claims already made (columns family_id, claim_date, plan):\n"
	        "                    a family claimed under this plan is not claimable again\n"
	        "  --strict          any bad data row is fatal\n"
	        "  -j N              judge on N threads (default: every core)\n"
	        "  --parse-only      read and check the input, judge nothing, write nothing\n"
	        "  --no-workbook     write no results.xlsx (the slowest output: for batch runs\n"
	        "                    nobody opens in a spreadsheet)\n"
	        "  --verify DIR      whether DIR holds one run's outputs, whole (receipt.txt)\n"
	        "  --quiet           no summary\n"
	        "  --help, --version\n"
	        "\n"
	        "Example families (docs/cases.md) are run by the plan's case runner,\n"
	        "build/cases/%s, not by the evaluator.\n"
	        "\n"
	        "Exit status: 0 done; 1 bad rows under --strict;\n"
	        "2 usage error, unreadable input or failed write.\n"
	        "--verify: 0 one run's outputs, whole; 1 mixed or incomplete; 2 no such folder.\n",
	        plan->name, plan->name, plan->title, plan->name);
}

typedef struct {
	const char *as_of, *data, *out, *terms, *explain, *verify, *map, *claims;
	const char *sample_n, *seed; /* --audit-sample N --seed S */
	ehp_inputs in;
	bool evidence, strict, quiet, parse_only, validate, no_workbook;
	int threads;           /* -j; 0: every core */
} options;

/* --audit-sample N and --seed S come together: a sample must be drawn again
 * by whoever checks it, so its seed is never left to chance. */
static int audit_args(const ehp_plan *plan, const options *o)
{
	if (!o->sample_n && !o->seed)
		return 0;
	if (!o->sample_n || !o->seed) {
		fprintf(stderr, "%s: --audit-sample N and --seed S go together\n", plan->name);
		return -1;
	}
	char *end;
	long n = strtol(o->sample_n, &end, 10);
	if (!*o->sample_n || *end || n < 1 || n > EHP_SAMPLE_MAX) {
		fprintf(stderr, "%s: --audit-sample needs a number of families from 1 to %d\n", plan->name, EHP_SAMPLE_MAX);
		return -1;
	}
	if (!ehp_seed_ok(o->seed)) {
		fprintf(stderr, "%s: --seed needs 1 to 64 letters, digits, dots, underscores or hyphens\n", plan->name);
		return -1;
	}
	if (o->parse_only) {
		fprintf(stderr, "%s: --parse-only writes nothing: no --audit-sample with it\n", plan->name);
		return -1;
	}
	return 0;
}

static int parse_args(const ehp_plan *plan, int argc, char **argv, options *o, double *params)
{
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		const char **dest = NULL;
		if (!strcmp(a, "--as-of")) dest = &o->as_of;
		else if (!strcmp(a, "--data")) dest = &o->data;
		else if (!strcmp(a, "--out")) dest = &o->out;
		else if (!strcmp(a, "--terms")) dest = &o->terms;
		else if (!strcmp(a, "--families")) dest = &o->in.families;
		else if (!strcmp(a, "--people")) dest = &o->in.people;
		else if (!strcmp(a, "--records")) dest = &o->in.records;
		else if (!strcmp(a, "--explain")) dest = &o->explain;
		else if (!strcmp(a, "--verify")) dest = &o->verify;
		else if (!strcmp(a, "--audit-sample")) dest = &o->sample_n;
		else if (!strcmp(a, "--seed")) dest = &o->seed;
		else if (!strcmp(a, "--map")) dest = &o->map;
		else if (!strcmp(a, "--claims")) dest = &o->claims;
		if (dest) {
			if (++i >= argc) {
				fprintf(stderr, "%s: %s needs a value\n", plan->name, a);
				return -1;
			}
			*dest = argv[i];
		} else if (!strcmp(a, "--set")) {
			if (++i >= argc || ehp_set_param(plan, params, argv[i]) != 0)
				return -1;
		} else if (!strcmp(a, "--evidence")) {
			o->evidence = true;
		} else if (!strcmp(a, "--strict")) {
			o->strict = true;
		} else if (!strcmp(a, "--quiet")) {
			o->quiet = true;
		} else if (!strcmp(a, "--parse-only")) {
			o->parse_only = true;
		} else if (!strcmp(a, "--no-workbook")) {
			o->no_workbook = true;
		} else if (!strcmp(a, "--validate")) {
			o->validate = true;
		} else if (!strcmp(a, "-j") || !strncmp(a, "-j", 2) || !strcmp(a, "--threads")) {
			const char *v = a[1] == 'j' && a[2] ? a + 2 : ++i < argc ? argv[i] : NULL;
			char *end;
			long n = v ? strtol(v, &end, 10) : 0;
			if (!v || !*v || *end || n < 1 || n > 64) {
				fprintf(stderr, "%s: -j needs a number of threads from 1 to 64\n", plan->name);
				return -1;
			}
			o->threads = (int)n;
		} else if (!strcmp(a, "--check") || !strcmp(a, "--coverage")) {
			/* The case runner is a program of its own (runtime/cases/), not
			 * linked into the evaluator. */
			fprintf(stderr, "%s: %s: example families are run by the plan's case runner, "
			        "build/cases/%s (docs/cases.md)\n", plan->name, a, plan->name);
			return -1;
		} else {
			fprintf(stderr, "%s: unknown option `%s` (try --help)\n", plan->name, a);
			return -1;
		}
	}
	return audit_args(plan, o);
}

static char *path_in(const char *dir, const char *name)
{
	return ehp_xprintf("%s/%s", dir, name);
}

static bool exists(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0;
}

/* `--claims FILE`: the claims already made, as read and hashed. */
typedef struct {
	const char *path;
	ehp_claims list;
	char hex[65];
	uint64_t bytes;
	ehp_rejects rejects;    /* its bad rows, added to the run's rejects.csv after the extract's */
} claims_input;

static void print_summary(const ehp_run *run, const char *as_of, unsigned long rejects, const char *out,
                          const ehp_reader *rd, const ehp_mapped *mi, const claims_input *claims)
{
	const char *mode = ehp_reader_mode(rd);
	unsigned long empty = ehp_reader_empty_rows(rd, -1) + (mi->mapping ? ehp_mapping_empty_rows(mi->mapping) : 0);
	const ehp_plan *plan = run->plan;
	const ehp_tally_sheet *s = &run->sum;
	printf("%s\n", plan->title);
	printf("  claim date          %s\n", as_of);
	printf("  families            %lu\n", s->families);
	printf("  rows rejected       %lu%s\n", rejects, rejects && out ? " (see rejects.csv)" : "");
	if (empty) /* `,,,,` rows as spreadsheets write them: not data, not rejected */
		printf("  empty rows ignored  %lu\n", empty);
	if (mi->mapping) {
		printf("  mapping             %s\n", mi->map.path);
		if (ehp_mapping_ignored_rows(mi->mapping))
			printf("  rows left out       %lu (their codes are declared ignored)\n",
			       ehp_mapping_ignored_rows(mi->mapping));
	}
	printf("  input read          %s\n", !strcmp(mode, "streamed") ? "streamed (the files are sorted by family_id)"
	                                   : "grouped (the files are not sorted by family_id, or are pipes)");
	if (!run->judge) {
		printf("  nothing judged (--parse-only)\n");
		return;
	}
	printf("  judged on incomplete data  %lu\n", s->incomplete);
	printf("  eligible            %lu\n", s->eligible);
	printf("  claimable           %lu\n", s->claimable);
	if (claims) { /* --claims: families meeting the claim rule that were claimed before */
		printf("  already claimed     %lu (not claimable again)\n", s->already_claimed);
		size_t claimed = 0; /* families with a claim that could be read */
		for (size_t i = 0; i < claims->list.n; i++)
			claimed += !claims->list.v[i].unreadable;
		printf("  claims file         %s: %zu famil%s claimed under this plan by the claim date",
		       ehp_receipt_file_name(claims->path), claimed, claimed == 1 ? "y" : "ies");
		if (claims->list.other_plans || claims->list.later)
			printf("; not counted: %lu under other plans, %lu dated after the claim date", claims->list.other_plans,
			       claims->list.later);
		if (claims->list.unreadable) /* their families are not claimable until the rows are corrected */
			printf("; %lu could not be read (rejects.csv), their families not claimable", claims->list.unreadable);
		putchar('\n');
	}
	printf("  families meeting each theme:\n");
	for (int t = 0; t < plan->n_themes; t++)
		printf("    %-16s %lu  %s\n", plan->themes[t].name, s->theme[t], plan->themes[t].title);
	printf("  results in %s/results.csv\n", out);
	printf("  report in  %s/report.html\n", out);
	if (run->no_workbook)
		printf("  results.xlsx not written: %s\n", run->no_workbook);
}

/* The long-format results beside results.csv (tidy.h). */
static int open_tidy(ehp_run *run, ehp_outfile *ind, ehp_outfile *outc, const char *out, char *err, size_t errlen)
{
	if (ehp_out_open(ind, out, "indicators.csv", err, errlen) != 0 || ehp_out_hash_writes(ind, err, errlen) != 0 ||
	    ehp_out_open(outc, out, "outcomes.csv", err, errlen) != 0 || ehp_out_hash_writes(outc, err, errlen) != 0)
		return -1;
	run->indicators = ind->f;
	run->outcomes = outc->f;
	run->indicators_name = ind->path;
	run->outcomes_name = outc->path;
	return 0;
}

static int by_kind(const void *a, const void *b)
{
	const ehp_report_reject *x = a, *y = b;
	int c = strcmp(x->file, y->file);
	c = c ? c : strcmp(x->field, y->field);
	return c ? c : strcmp(x->reason, y->reason);
}

/* The rejected rows by kind, for the report: input (its role, as the
 * receipt names it, not its path), column, and the reason's words before
 * any bracket, sorted so that the page is the same however the input was
 * read. The reasons are the caller's to free (free_kinds). */
static ehp_report_reject *reject_kinds(const ehp_rejects *rj, const ehp_receipt *rec, int *n)
{
	ehp_report_reject *kinds = ehp_xcalloc(rj->n_groups + 1, sizeof *kinds);
	*n = 0;
	for (size_t i = 0; i < rj->n_groups; i++) {
		const ehp_reject_group *g = &rj->groups[i];
		const char *bracket = strstr(g->reason, " (");
		int len = bracket ? (int)(bracket - g->reason) : (int)strlen(g->reason);
		const char *file = g->file >= 0 && g->file < EHP_N_INPUT_FILES ? rec->input_names[g->file] : "";
		int k = 0;
		while (k < *n && !(kinds[k].file == file && !strcmp(kinds[k].field, g->field) &&
		                   !strncmp(kinds[k].reason, g->reason, (size_t)len) && !kinds[k].reason[len]))
			k++;
		if (k == *n)
			kinds[(*n)++] = (ehp_report_reject){ .file = file, .field = g->field,
			                                     .reason = ehp_xstrndup(g->reason, (size_t)len) };
		kinds[k].rows += g->count;
	}
	qsort(kinds, (size_t)*n, sizeof *kinds, by_kind);
	return kinds;
}

/* report.html, from the run's counts and the rejected rows' kinds. */
static int write_report(ehp_outfile *o, const char *out, const ehp_run *run, const ehp_rejects *rj,
                        const ehp_receipt *rec, const char *run_id, const ehp_reader *rd, char *err, size_t errlen)
{
	int n_kinds;
	ehp_report_reject *kinds = reject_kinds(rj, rec, &n_kinds);
	ehp_report r = { .receipt = rec, .run_id = run_id, .counts = &run->sum.counts, .rejects = kinds,
	                 .n_rejects = n_kinds, .empty_rows = ehp_reader_empty_rows(rd, -1),
	                 .workbook_note = !run->no_workbook     ? NULL
	                                  : ehp_workbook_built() ? "results.xlsx was not written: the run was asked not to "
	                                                           "(--no-workbook)."
	                                                         : "results.xlsx was not written: this evaluator was built "
	                                                           "without libxlsxwriter (install libxlsxwriter-dev and "
	                                                           "build again)." };
	int rc = ehp_out_open(o, out, "report.html", err, errlen);
	if (rc == 0)
		ehp_report_write(o->f, &r);
	for (int k = 0; k < n_kinds; k++)
		free((char *)kinds[k].reason);
	free(kinds);
	return rc;
}

/* The number of threads: -j N, else every core. */
static int threads_wanted(const options *o)
{
	if (o->threads > 0)
		return o->threads;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 64 ? 64 : (int)n;
}

/* A mapped run's receipt lists the mapping and the council's files as read,
 * then the terms file if any (the rows the mapping made are not inputs). */
static void mapped_inputs(ehp_receipt *rec, const ehp_mapped *mi, const char *terms)
{
	int n = 0;
	rec->input_names[n] = "map";
	rec->input_paths[n] = mi->map.path;
	memcpy(rec->input_hex[n], mi->map_hex, 65);
	rec->input_bytes[n++] = mi->map_bytes;
	for (size_t i = 0; i < ehp_mapping_files(mi->mapping) && n < EHP_RECEIPT_MAX_FILES - 1; i++, n++)
		ehp_mapping_file(mi->mapping, i, &rec->input_paths[n], &rec->input_names[n], rec->input_hex[n],
		                 &rec->input_bytes[n]);
	if (terms) {
		rec->input_names[n] = "terms";
		rec->input_paths[n++] = terms;
	}
	rec->n_inputs = n;
}

static int evaluate_all(const ehp_plan *plan, const options *o, ehp_date claim, const ehp_calendar *cal,
                        const char *terms, const char *terms_hex, uint64_t terms_bytes, const double *params,
                        claims_input *claims)
{
	char err[512] = "";
	const char *out = o->out ? o->out : ".";
	char *owned[3] = { 0 };
	ehp_inputs in = o->in;
	if (o->data) {
		in.families = owned[0] = path_in(o->data, "families.csv");
		in.people = owned[1] = path_in(o->data, "people.csv");
		in.records = owned[2] = path_in(o->data, "records.csv");
	}
	if (!o->map && (!in.families || !in.people || !in.records)) {
		fprintf(stderr, "%s: give --data DIR, or all of --families, --people and --records\n", plan->name);
		for (int i = 0; i < 3; i++)
			free(owned[i]);
		return EXIT_USAGE;
	}
	int rc = EXIT_USAGE;
	const char *names[3] = { in.families, in.people, in.records };
	FILE *files[3] = { 0 };
	ehp_mapped mi = { 0 };
	const char *records_name = NULL; /* records.csv's, for evidence.jsonl */
	ehp_outfile rej = { 0 }, results = { 0 }, evidence = { 0 }, receipt = { 0 }, sample_out = { 0 };
	ehp_outfile indicators = { 0 }, outcomes = { 0 }, plan_rows = { 0 }, workbook = { 0 }, report = { 0 };
	ehp_audit_sample sample = { .seed = o->seed, .want = o->sample_n ? (size_t)strtol(o->sample_n, NULL, 10) : 0 };
	ehp_rejects rj = { .max_shown = 20, .tally = true };
	ehp_reader *rd = NULL;
	int lock = -1;
	ehp_progress progress;
	ehp_progress_start(&progress, stderr, !o->quiet);
	ehp_run run = { .plan = plan, .claim = claim, .cal = cal, .params = params, .threads = threads_wanted(o),
	                .judge = !o->parse_only, .explain = o->explain, .sample = o->seed ? &sample : NULL,
	                .progress = &progress, .claims = claims ? &claims->list : NULL,
	                .no_workbook = !ehp_workbook_built() ? "this evaluator was built without libxlsxwriter"
	                               : o->no_workbook      ? "--no-workbook"
	                                                     : NULL };
	if (o->map) {
		int made = ehp_mapped_open(&mi, o->map, o->data, o->validate, stderr, err, sizeof err);
		for (int i = 0; i < 3; i++) {
			files[i] = mi.native[i];
			names[i] = mi.names[i];
		}
		if (made != 0)
			goto fail;
	}
	/* All three files are opened before any is read, so a missing one is
	 * said at once rather than after reading the others. */
	for (int i = 0; i < 3 && !o->map; i++) {
		if (!(files[i] = fopen(names[i], "rb"))) {
			snprintf(err, sizeof err, "%s: cannot open: %s", names[i], strerror(errno));
			goto fail;
		}
	}
	if (o->validate) {
		if (claims) /* the claims file's bad rows too, on stderr: nothing is written */
			ehp_rejects_finish(&claims->rejects);
		rc = ehp_validate(files, names, o->map ? &mi : NULL, cal, stdout, err, sizeof err);
		if (rc == EXIT_USAGE)
			goto fail;
		goto done;
	}
	if (!o->parse_only) {
		bool made;
		if ((lock = ehp_out_dir_hold(out, &made, err, sizeof err)) < 0)
			goto fail;
		if (made && !o->quiet)
			fprintf(stderr, "%s: made the output folder %s\n", plan->name, out);
		if (ehp_out_open(&rej, out, "rejects.csv", err, sizeof err) != 0)
			goto fail;
		fputs("file,line,field,reason,row\n", rej.f);
		rj.out = rej.f;
		/* the outputs written as families are judged are hashed as written */
		if (ehp_out_open(&results, out, "results.csv", err, sizeof err) != 0 ||
		    ehp_out_hash_writes(&results, err, sizeof err) != 0)
			goto fail;
		if (o->evidence && (ehp_out_open(&evidence, out, "evidence.jsonl", err, sizeof err) != 0 ||
		                    ehp_out_hash_writes(&evidence, err, sizeof err) != 0))
			goto fail;
		if (o->seed && ehp_out_open(&sample_out, out, "audit-sample.txt", err, sizeof err) != 0)
			goto fail;
		if (open_tidy(&run, &indicators, &outcomes, out, err, sizeof err) != 0 ||
		    ehp_out_open(&plan_rows, out, "plan_rows.csv", err, sizeof err) != 0)
			goto fail;
		ehp_plan_rows_write(plan_rows.f, plan);
		/* results.xlsx is filled while the families are judged. */
		if (!run.no_workbook && (ehp_out_open(&workbook, out, "results.xlsx", err, sizeof err) != 0 ||
		                         ehp_workbook_start(&run.workbook, &workbook, plan, claim, err, sizeof err) != 0))
			goto fail;
		run.results = results.f;
		run.evidence = evidence.f;
		run.results_name = results.path;
		run.evidence_name = evidence.path;
		const char *slash = strrchr(in.records, '/');
		records_name = slash ? slash + 1 : in.records;
		run.records_files = mi.mapping ? mi.files[2] : (ehp_file_names){ &records_name, 1 };
		run.council_files = mi.mapping ? mi.files : NULL;
	}
	if (ehp_reader_open(&rd, files, names, &rj, err, sizeof err) != 0)
		goto fail;
	ehp_reader_calendar(rd, cal);
	ehp_reader_keep_types(rd, plan->reads_types);
	if (mi.mapping) {
		size_t n;
		const ehp_origin *origins = ehp_mapping_origins(mi.mapping, &n);
		ehp_reader_origins(rd, origins, n);
	}
	int judged = ehp_run_all(&run, rd, err, sizeof err);
	ehp_progress_end(&progress); /* before any message, the rejects' included */
	if (judged != 0)
		goto fail;
	/* The claims file's bad rows after the extract's: its rows are read
	 * before the extract, but it is the run's last input. */
	if (claims && ehp_rejects_take(&rj, &claims->rejects) != 0) {
		snprintf(err, sizeof err, "cannot read back the claims file's rejected rows");
		goto fail;
	}
	if (ehp_rejects_finish(&rj) != 0) {
		snprintf(err, sizeof err, "cannot read back the rejected rows");
		goto fail;
	}
	if (mi.mapping)
		ehp_mapped_print_unknown(&mi, stderr, "");
	if (rj.count > rj.shown)
		fprintf(stderr, "... and %lu more bad rows%s%s%s\n", rj.count - rj.shown, rj.out ? "; all are in " : "",
		        rj.out ? out : "", rj.out ? "/rejects.csv" : "");
	if (o->parse_only) {
		if (!o->quiet) {
			char d[11];
			ehp_date_format(claim, d);
			print_summary(&run, d, rj.count, NULL, rd, &mi, claims);
		}
		rc = rj.count && o->strict ? EXIT_FAILED : EXIT_OK;
		goto done;
	}
	/* No results, but the rejects say why (the reader has already refused a
	 * families file with only a header, so no families means all rejected). */
	if (rj.count && (o->strict || !run.sum.families)) {
		if (o->strict)
			fprintf(stderr, "%s: %lu bad row%s and --strict: no results written\n", plan->name, rj.count,
			        rj.count == 1 ? "" : "s");
		else
			fprintf(stderr, "%s: %s: no family could be read, every row was rejected: no results written\n",
			        plan->name, in.families);
		/* The earlier receipt goes first: then the folder is never taken
		 * for a complete run (there is none: no results). */
		if (ehp_out_finish(&rej, err, sizeof err) != 0 || ehp_out_remove(out, "receipt.txt", err, sizeof err) != 0 ||
		    ehp_out_dir_sync(out, err, sizeof err) != 0)
			goto fail;
		for (int k = 0; ehp_output_files[k]; k++) /* every other output of an earlier run */
			if (strcmp(ehp_output_files[k], "rejects.csv") && ehp_out_remove(out, ehp_output_files[k], err, sizeof err))
				goto fail;
		if (ehp_out_publish(&rej, err, sizeof err) != 0)
			goto fail;
		rc = o->strict ? EXIT_FAILED : EXIT_USAGE;
		goto done;
	}
	if (o->explain && !run.explanation) {
		snprintf(err, sizeof err, "--explain: no family `%.64s` in %s", o->explain, in.families);
		goto fail;
	}
	ehp_receipt rec = { .plan = plan, .claim = claim, .params = params, .terms = terms,
	                    .n_inputs = terms ? 4 : 3, .input_names = { "families", "people", "records", "terms" },
	                    .input_paths = { in.families, in.people, in.records, terms }, .rejected = rj.count,
	                    .families = run.sum.families, .eligible = run.sum.eligible, .claimable = run.sum.claimable,
	                    .incomplete = run.sum.incomplete, .sample_seed = o->seed, .sample_n = sample.want,
	                    .claims_given = claims != NULL, .already_claimed = run.sum.already_claimed };
	/* The digests of the bytes as they were read and judged. */
	if (mi.mapping) {
		mapped_inputs(&rec, &mi, terms);
	} else {
		for (int i = 0; i < 3; i++) {
			if (ehp_reader_digest(rd, i, rec.input_hex[i], &rec.input_bytes[i]) != 0) {
				snprintf(err, sizeof err, "%s: read error while hashing it for receipt.txt", names[i]);
				goto fail;
			}
		}
	}
	if (terms) {
		int t = rec.n_inputs - 1;
		snprintf(rec.input_hex[t], sizeof rec.input_hex[t], "%s", terms_hex);
		rec.input_bytes[t] = terms_bytes;
	}
	if (claims && rec.n_inputs < EHP_RECEIPT_MAX_FILES) { /* hashed as it was read */
		int k = rec.n_inputs++;
		rec.input_names[k] = "claims";
		rec.input_paths[k] = claims->path;
		memcpy(rec.input_hex[k], claims->hex, sizeof claims->hex);
		rec.input_bytes[k] = claims->bytes;
	}
	/* Every file is complete on disk, its digest taken from what reached
	 * it, before any is renamed into place; the receipt, which lists them,
	 * is written last. In the order of ehp_output_files (receipt.h). */
	bool book = !run.no_workbook;
	ehp_outfile *written[EHP_RECEIPT_MAX_OUTPUTS] = { &results,     rj.count ? &rej : NULL, evidence.f ? &evidence : NULL,
	                                                  sample_out.f ? &sample_out : NULL, &indicators, &outcomes,
	                                                  &plan_rows, book ? &workbook : NULL, &report };
	/* The outputs' names are in the run's id, so they come first; the
	 * sample, the workbook and the report, which show that id, are written
	 * next (it needs none of the outputs' digests). */
	for (int k = 0; k < EHP_RECEIPT_MAX_OUTPUTS; k++)
		if (written[k])
			rec.output_names[rec.n_outputs++] = ehp_output_files[k];
	char run_id[65];
	ehp_receipt_run_id(&rec, run_id);
	if (sample_out.f)
		ehp_sample_write(sample_out.f, &sample, &rec);
	if (book) {
		ehp_workbook *wb = run.workbook;
		run.workbook = NULL;
		if (ehp_workbook_finish(wb, &rec, run_id, &run.sum.counts, err, sizeof err) != 0)
			goto fail;
	}
	if (write_report(&report, out, &run, &rj, &rec, run_id, rd, err, sizeof err) != 0)
		goto fail;
	for (int k = 0, n = 0; k < EHP_RECEIPT_MAX_OUTPUTS; k++) {
		if (!written[k])
			continue;
		if (ehp_out_finish_digest(written[k], rec.output_hex[n], &rec.output_bytes[n], err, sizeof err) != 0)
			goto fail;
		n++;
	}
	if (ehp_out_open(&receipt, out, "receipt.txt", err, sizeof err) != 0)
		goto fail;
	ehp_receipt_write(receipt.f, &rec);
	if (ehp_out_finish(&receipt, err, sizeof err) != 0)
		goto fail;
	/* Publishing: the earlier receipt is removed first and the new one
	 * renamed into place last, each step synced to disk before the next,
	 * so a run stopped part way leaves either the earlier run's folder
	 * whole, or a folder without a receipt (incomplete, and --verify says
	 * so), never a receipt beside files it does not describe. The earlier
	 * run's files this run does not write go too. */
	if (ehp_out_remove(out, "receipt.txt", err, sizeof err) != 0 || ehp_out_dir_sync(out, err, sizeof err) != 0)
		goto fail;
	for (int k = 0; k < EHP_RECEIPT_MAX_OUTPUTS; k++)
		if (!written[k] && ehp_out_remove(out, ehp_output_files[k], err, sizeof err) != 0)
			goto fail;
	/* An earlier version's evidence, which evidence.jsonl replaced. */
	if (ehp_out_remove(out, "evidence.csv", err, sizeof err) != 0)
		goto fail;
	for (int k = 0; k < EHP_RECEIPT_MAX_OUTPUTS; k++)
		if (written[k] && ehp_out_publish(written[k], err, sizeof err) != 0)
			goto fail;
	if (ehp_out_dir_sync(out, err, sizeof err) != 0 || ehp_out_publish(&receipt, err, sizeof err) != 0 ||
	    ehp_out_dir_sync(out, err, sizeof err) != 0)
		goto fail;
	if (!rj.count)
		ehp_out_abort(&rej);
	if (run.explanation) {
		fwrite(run.explanation, 1, run.explanation_len, stdout);
		putchar('\n');
	}
	if (!o->quiet) {
		char d[11];
		ehp_date_format(claim, d);
		print_summary(&run, d, rj.count, out, rd, &mi, claims);
		/* A summary lost on a full disk or a closed pipe is a failed write. */
		if (fflush(stdout) != 0 || ferror(stdout)) {
			snprintf(err, sizeof err, "cannot write the summary to stdout: %s", strerror(errno));
			goto fail;
		}
	}
	rc = EXIT_OK;
	goto done;
fail:
	if (*err)
		fprintf(stderr, "%s: %s\n", plan->name, err);
	rc = EXIT_USAGE;
done:
	ehp_reader_close(rd);
	ehp_mapped_close(&mi);
	ehp_rejects_free(&rj);
	ehp_out_abort(&rej);
	ehp_out_abort(&results);
	ehp_out_abort(&evidence);
	ehp_out_abort(&sample_out);
	ehp_out_abort(&receipt);
	ehp_sample_free(&sample);
	ehp_out_abort(&indicators);
	ehp_out_abort(&outcomes);
	ehp_out_abort(&plan_rows);
	ehp_workbook_abort(run.workbook);
	ehp_out_abort(&workbook);
	ehp_out_abort(&report);
	ehp_run_free(&run);
	ehp_out_dir_release(lock);
	for (int i = 0; i < 3; i++) {
		if (files[i])
			fclose(files[i]);
		free(owned[i]);
	}
	return rc;
}

int ehp_main(const ehp_plan *plan, int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(plan, stdout);
			return EXIT_OK;
		}
		if (!strcmp(argv[i], "--version")) {
			printf("%s: %s\nplan file %s, sha256 %s\nehp %s\n", plan->name, plan->title, plan->file, plan->hash,
			       EHP_VERSION);
			return EXIT_OK;
		}
	}
	double *params = ehp_params_default(plan);
	options o = { 0 };
	int rc = EXIT_USAGE;
	ehp_calendar own = { 0 };
	const ehp_calendar *cal = ehp_calendar_england();
	ehp_date claim = EHP_NO_DATE;
	char err[512];
	char *data_terms = NULL;
	char terms_hex[65] = "-";
	uint64_t terms_bytes = 0;
	claims_input claims = { 0 };
	if (parse_args(plan, argc, argv, &o, params) != 0)
		goto out;
	if (o.verify) {
		rc = ehp_receipt_verify(o.verify, stdout);
		if (fflush(stdout) != 0 || ferror(stdout)) {
			fprintf(stderr, "%s: cannot write to stdout: %s\n", plan->name, strerror(errno));
			rc = EXIT_USAGE;
		}
		goto out;
	}
	if (o.as_of) {
		claim = ehp_date_parse(o.as_of, strlen(o.as_of));
		if (claim == EHP_NO_DATE) {
			fprintf(stderr, "%s: --as-of `%s` is not a date (dd/mm/yyyy or yyyy-mm-dd)\n", plan->name, o.as_of);
			goto out;
		}
	}
	data_terms = o.data && !o.terms ? path_in(o.data, "terms.csv") : NULL;
	const char *terms = o.terms ? o.terms : data_terms && exists(data_terms) ? data_terms : NULL;
	if (terms) {
		if (ehp_calendar_load_hashed(&own, terms, terms_hex, &terms_bytes, err, sizeof err) != 0) {
			fprintf(stderr, "%s: %s\n", plan->name, err);
			goto out;
		}
		cal = &own;
	}
	if (claim == EHP_NO_DATE) {
		fprintf(stderr, "%s: give the claim date with --as-of DATE (try --help)\n", plan->name);
		goto out;
	}
	if (o.claims) {
		claims.path = o.claims;
		claims.rejects = (ehp_rejects){ .max_shown = 20, .tally = true };
		int loaded = ehp_claims_load(&claims.list, o.claims, plan->name, claim, o.strict, &claims.rejects,
		                             claims.hex, &claims.bytes, err, sizeof err);
		if (loaded != 0) {
			fprintf(stderr, "%s: %s\n", plan->name, err);
			rc = loaded > 0 ? EXIT_FAILED : EXIT_USAGE; /* bad rows under --strict, as for the extract */
			goto out;
		}
	}
	rc = evaluate_all(plan, &o, claim, cal, terms, terms_hex, terms_bytes, params, o.claims ? &claims : NULL);
out:
	ehp_claims_free(&claims.list);
	ehp_rejects_free(&claims.rejects);
	ehp_calendar_free(&own);
	free(data_terms);
	free(params);
	return rc;
}
