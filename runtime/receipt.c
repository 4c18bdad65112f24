/*
 * receipt.c - the execution receipt an evaluator writes beside its results:
 * which plan (its file and SHA-256), which ehp, which claim date and
 * parameters, which input files (their SHA-256 and size), and what came of
 * it. With it a claim can be reproduced, or shown to be unreproducible,
 * years later. Nothing in it changes from run to run on the same inputs
 * (no clock, no host), so two receipts can be compared line by line.
 *
 * Hashing hundreds of megabytes takes a second of CPU, so it happens in a
 * child process on another core while the parent loads and judges the
 * same files: the digests come back through a pipe.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "receipt.h"
#include "sha256.h"

/* Each file's digest and size as one line, "-" for a file that could not be read. */
static void hash_to(FILE *out, const char *const *paths, int n)
{
	for (int i = 0; i < n; i++) {
		char hex[65] = "-";
		uint64_t bytes = 0;
		FILE *f = paths[i] ? fopen(paths[i], "rb") : NULL;
		if (!f || sha256_stream(f, hex, &bytes) != 0)
			snprintf(hex, sizeof hex, "-");
		if (f)
			fclose(f);
		fprintf(out, "%s %llu\n", hex, (unsigned long long)bytes);
	}
}

void ehp_hash_start(ehp_hash_job *job, const char *const *paths, int n)
{
	*job = (ehp_hash_job){ .pid = -1, .fd = -1, .n = n > EHP_RECEIPT_MAX_FILES ? EHP_RECEIPT_MAX_FILES : n };
	for (int i = 0; i < job->n; i++)
		job->paths[i] = paths[i];
	int fds[2];
	if (pipe(fds) != 0)
		return; /* hashed in ehp_hash_finish instead */
	fflush(NULL); /* nothing buffered is written twice */
	pid_t pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return;
	}
	if (pid == 0) {
		close(fds[0]);
		FILE *out = fdopen(fds[1], "w");
		if (out) {
			hash_to(out, job->paths, job->n);
			fclose(out);
		}
		_exit(0); /* never the parent's exit handlers or buffers */
	}
	close(fds[1]);
	job->pid = pid;
	job->fd = fds[0];
}

int ehp_hash_finish(ehp_hash_job *job, char hex[][65], uint64_t *bytes)
{
	char *text = NULL;
	size_t len = 0;
	FILE *lines = NULL;
	if (job->fd >= 0) {
		lines = fdopen(job->fd, "r");
		if (!lines)
			close(job->fd);
	} else { /* no child: hash here */
		FILE *m = open_memstream(&text, &len);
		if (m) {
			hash_to(m, job->paths, job->n);
			fclose(m);
			lines = fmemopen(text, len, "r");
		}
	}
	int ok = 0;
	for (int i = 0; i < job->n; i++) {
		unsigned long long b = 0;
		hex[i][0] = '\0';
		if (!lines || fscanf(lines, "%64s %llu", hex[i], &b) != 2)
			snprintf(hex[i], 65, "-");
		if (!strcmp(hex[i], "-"))
			ok = -1;
		bytes[i] = b;
	}
	if (lines)
		fclose(lines);
	free(text);
	if (job->pid > 0)
		while (waitpid(job->pid, NULL, 0) < 0 && errno == EINTR)
			;
	job->pid = -1;
	job->fd = -1;
	return ok;
}

void ehp_receipt_write(FILE *f, const ehp_receipt *r)
{
	const ehp_plan *plan = r->plan;
	char claim[11];
	ehp_date_format(r->claim, claim);
	fprintf(f, "ehp execution receipt\n");
	fprintf(f, "evaluator     %s, built with ehp %s\n", plan->name, EHP_VERSION);
	fprintf(f, "plan          %s\n", plan->title);
	fprintf(f, "plan file     %s\n", plan->file);
	fprintf(f, "plan sha256   %s\n", plan->hash);
	fprintf(f, "claim date    %s\n", claim);
	fprintf(f, "school terms  %s\n", r->terms ? r->terms : "England's calendar, built in");
	fprintf(f, "parameters\n");
	for (int i = 0; i < plan->n_params; i++) {
		const ehp_param_def *p = &plan->params[i];
		bool yesno = !strcmp(p->unit, "yes/no");
		bool set = r->params[i] != p->value;
		if (yesno)
			fprintf(f, "  %-36s %s", p->name, r->params[i] != 0 ? "yes" : "no");
		else
			fprintf(f, "  %-36s %g %s", p->name, r->params[i], p->unit);
		fprintf(f, "%s\n", set ? "   (set for this run; the plan's default differs)" : "");
	}
	fprintf(f, "inputs\n");
	for (int i = 0; i < r->n_inputs; i++)
		fprintf(f, "  %-8s %s  %llu bytes  sha256 %s\n", r->input_names[i], r->input_paths[i],
		        (unsigned long long)r->input_bytes[i], r->input_hex[i]);
	fprintf(f, "rows rejected %lu\n", r->rejected);
	fprintf(f, "families      %lu judged, %lu eligible, %lu claimable, %lu on incomplete data\n", r->families,
	        r->eligible, r->claimable, r->incomplete);
	fprintf(f, "outputs       results.csv%s%s, receipt.txt\n", r->rejected ? ", rejects.csv" : "",
	        r->evidence ? ", evidence.csv" : "");
}
