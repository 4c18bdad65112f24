/*
 * receipt.c - the execution receipt an evaluator writes beside its results:
 * which plan (its file and SHA-256), which ehp, which claim date and
 * parameters, which input files (their SHA-256 and size), and what came of
 * it. With it a claim can be reproduced, or shown to be unreproducible,
 * years later. Nothing in it changes from run to run on the same inputs
 * (no clock, no host), so two receipts can be compared line by line.
 *
 * The digests are of the bytes as they were read and judged (the reader
 * hashes them as it reads, csv.h), never of a second read of the file.
 * Inputs are named by their file name only: the folders above may be named
 * after a child.
 *
 * Last come the run's id, the SHA-256 of every line above it (what the run
 * read and was asked: the same inputs and question give the same id, and
 * the same output, tests/determinism), and every other file the run wrote
 * with its SHA-256. The receipt is renamed into place after those files,
 * and an earlier run's receipt is removed before any of them is (main.c),
 * so a folder holds one run's outputs whole exactly when its receipt.txt
 * lists every output file there with the digest it has: --verify
 * (ehp_receipt_verify) checks that.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "atomic.h"
#include "mem.h"
#include "receipt.h"
#include "sha256.h"

const char *const ehp_output_files[] = { "results.csv",    "rejects.csv",  "evidence.jsonl", "audit-sample.txt",
                                         "indicators.csv", "outcomes.csv", "plan_rows.csv",  "results.xlsx",
                                         "report.html",    NULL };

#define RUN_LINE "run           "
#define WRITTEN_LINE "written by this run\n"

const char *ehp_receipt_file_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash && slash[1] ? slash + 1 : path;
}

/* A parameter whose value takes effect from dates: the value this run
 * used (the one in effect on the claim date, each family's own at entry, or
 * one set for the run), then every value and its date. */
static void write_dated(FILE *f, const ehp_param_def *p, const ehp_param_dates *dated, double value, ehp_date claim)
{
	if (!isnan(value))
		fprintf(f, "  %-36s %g %s   (set for this run; the plan's values change with the date)\n", p->name, value, p->unit);
	else if (dated->chosen_at == EHP_CLAIM)
		fprintf(f, "  %-36s %g %s   (in effect on the claim date)\n", p->name, ehp_param_on(dated, claim), p->unit);
	else
		fprintf(f, "  %-36s the value in effect at each family's point of entry\n", p->name);
	for (int k = 0; k < dated->n_steps; k++) {
		char from[11];
		ehp_date_format(dated->steps[k].from, from);
		fprintf(f, "    from %-29s %g %s\n", from, dated->steps[k].value, p->unit);
	}
}

/* Everything up to the run's id. */
static void write_head(FILE *f, const ehp_receipt *r)
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
	fprintf(f, "school terms  %s\n", r->terms ? ehp_receipt_file_name(r->terms) : "England's calendar, built in");
	fprintf(f, "parameters\n");
	for (int i = 0; i < plan->n_params; i++) {
		const ehp_param_def *p = &plan->params[i];
		bool yesno = !strcmp(p->unit, "yes/no");
		bool set = r->params[i] != p->value;
		const ehp_param_dates *dated = ehp_param_dated(plan, i);
		if (dated) {
			write_dated(f, p, dated, r->params[i], r->claim);
			continue;
		}
		if (yesno)
			fprintf(f, "  %-36s %s", p->name, r->params[i] != 0 ? "yes" : "no");
		else
			fprintf(f, "  %-36s %g %s", p->name, r->params[i], p->unit);
		fprintf(f, "%s\n", set ? "   (set for this run; the plan's default differs)" : "");
	}
	fprintf(f, "inputs\n");
	for (int i = 0; i < r->n_inputs; i++)
		fprintf(f, "  %-8s %s  %llu bytes  sha256 %s\n", r->input_names[i], ehp_receipt_file_name(r->input_paths[i]),
		        (unsigned long long)r->input_bytes[i], r->input_hex[i]);
	fprintf(f, "rows rejected %lu\n", r->rejected);
	fprintf(f, "families      %lu judged, %lu eligible, %lu claimable, %lu on incomplete data\n", r->families,
	        r->eligible, r->claimable, r->incomplete);
	if (r->claims_given)
		fprintf(f, "claimed       %lu famil%s met the claim rule but claimed before, not claimable again\n",
		        r->already_claimed, r->already_claimed == 1 ? "y" : "ies");
	if (r->sample_seed)
		fprintf(f, "audit sample  %zu claimable families, seed %s\n", r->sample_n, r->sample_seed);
	fprintf(f, "outputs       ");
	for (int i = 0; i < r->n_outputs; i++)
		fprintf(f, "%s, ", r->output_names[i]);
	fprintf(f, "receipt.txt\n");
}

/* Everything up to the run's id, in memory; its length in *len. */
static char *head_text(const ehp_receipt *r, size_t *len)
{
	char *head = NULL;
	*len = 0;
	FILE *m = open_memstream(&head, len);
	if (!m)
		ehp_die("out of memory writing the receipt");
	write_head(m, r);
	if (fclose(m) != 0)
		ehp_die("out of memory writing the receipt");
	return head;
}

void ehp_receipt_run_id(const ehp_receipt *r, char id[65])
{
	size_t len;
	char *head = head_text(r, &len);
	sha256_hex(head, len, id);
	free(head);
}

void ehp_receipt_head(FILE *f, const ehp_receipt *r, char id[65])
{
	char own[65];
	size_t len;
	char *head = head_text(r, &len);
	if (!id)
		id = own;
	sha256_hex(head, len, id);
	fwrite(head, 1, len, f);
	free(head);
	fprintf(f, RUN_LINE "%s\n", id);
}

void ehp_receipt_write(FILE *f, const ehp_receipt *r)
{
	ehp_receipt_head(f, r, NULL);
	fputs(WRITTEN_LINE, f);
	for (int i = 0; i < r->n_outputs; i++)
		fprintf(f, "  %-12s %llu bytes  sha256 %s\n", r->output_names[i], (unsigned long long)r->output_bytes[i],
		        r->output_hex[i]);
}

/* ------------------------------------------------------------ --verify */

/* The output file of ehp's naming called `name`, or -1. */
static int output_index(const char *name)
{
	for (int i = 0; ehp_output_files[i]; i++)
		if (!strcmp(name, ehp_output_files[i]))
			return i;
	return -1;
}

/* Reads DIR/receipt.txt whole (a receipt is a few kilobytes; more is not
 * one). NULL with errno set when it cannot be read, EFBIG when too big. */
static char *read_receipt(const char *dir, size_t *len)
{
	enum { MAX = 1 << 20 };
	int fd = ehp_out_read(dir, "receipt.txt");
	if (fd < 0)
		return NULL;
	char *text = ehp_xmalloc(MAX + 1);
	size_t n = 0;
	for (;;) {
		ssize_t got = read(fd, text + n, MAX + 1 - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0 || (got > 0 && n + (size_t)got > MAX)) {
			int saved = got < 0 ? errno : EFBIG;
			close(fd);
			free(text);
			errno = saved;
			return NULL;
		}
		if (got == 0)
			break;
		n += (size_t)got;
	}
	close(fd);
	text[n] = '\0';
	*len = n;
	return text;
}

/* Whether DIR/name holds `bytes` bytes with SHA-256 `hex`: 0 it does, or a
 * reason. */
static const char *check_file(const char *dir, const char *name, const char *hex, unsigned long long bytes)
{
	int fd = ehp_out_read(dir, name);
	if (fd < 0)
		return errno == ENOENT ? "is missing (the receipt lists it)" : "cannot be read";
	struct stat st;
	char got[65];
	uint64_t n;
	const char *why = NULL;
	if (fstat(fd, &st) != 0 || !S_ISREG(st.st_mode))
		why = "is not a file";
	else if (sha256_fd(fd, got, &n) != 0)
		why = "cannot be read";
	else if (n != bytes || strcmp(got, hex) != 0)
		why = "is not the file this run wrote (its SHA-256 is not the receipt's)";
	close(fd);
	return why;
}

int ehp_receipt_verify(const char *dir, FILE *out)
{
	struct stat st;
	int e = stat(dir, &st) != 0 ? errno : !S_ISDIR(st.st_mode) ? ENOTDIR : 0;
	if (e) {
		fprintf(out, "%s: not a folder that can be read: %s\n", dir, strerror(e));
		return 2;
	}
	size_t len = 0;
	char *text = read_receipt(dir, &len);
	if (!text) {
		e = errno;
		if (e == ENOENT)
			fprintf(out, "%s: incomplete: no receipt.txt (a run was stopped before it finished, or wrote no "
			        "results)\n", dir);
		else
			fprintf(out, "%s: receipt.txt cannot be read: %s\n", dir, strerror(e));
		return e == ENOENT ? 1 : 2;
	}
	int rc = 1;
	bool listed[EHP_RECEIPT_MAX_OUTPUTS] = { false };
	char id[65], run[65];
	/* The run's id: the SHA-256 of every line above it. */
	char *line = strncmp(text, "ehp execution receipt\n", 22) ? NULL : strstr(text, "\n" RUN_LINE);
	if (!line || strlen(line + 1) < sizeof RUN_LINE - 1 + 65 || line[sizeof RUN_LINE + 64] != '\n') {
		fprintf(out, "%s: receipt.txt is damaged: it is not an ehp execution receipt with a run id\n", dir);
		goto done;
	}
	line++;
	sha256_hex(text, (size_t)(line - text), id);
	memcpy(run, line + sizeof RUN_LINE - 1, 64);
	run[64] = '\0';
	if (strcmp(id, run) != 0) {
		fprintf(out, "%s: receipt.txt is damaged: its run id is not the SHA-256 of the lines above it\n", dir);
		goto done;
	}
	char *p = line + sizeof RUN_LINE - 1 + 65;
	if (strncmp(p, WRITTEN_LINE, sizeof WRITTEN_LINE - 1) != 0) {
		fprintf(out, "%s: receipt.txt is damaged: no list of the files the run wrote\n", dir);
		goto done;
	}
	p += sizeof WRITTEN_LINE - 1;
	/* "  NAME  BYTES bytes  sha256 HEX", one line a file. */
	char names[EHP_RECEIPT_MAX_OUTPUTS * 24] = ""; /* each name and ", " */
	for (char *next; *p; p = next) {
		char *nl = strchr(p, '\n');
		if (!nl) {
			fprintf(out, "%s: receipt.txt is damaged: its last line is cut short\n", dir);
			goto done;
		}
		*nl = '\0';
		next = nl + 1;
		char name[64], hex[65];
		unsigned long long bytes;
		int end = 0;
		int k = -1;
		if (sscanf(p, "  %63s %llu bytes  sha256 %64[0-9a-f]%n", name, &bytes, hex, &end) != 3 || p[end] ||
		    strlen(hex) != 64 || (k = output_index(name)) < 0 || listed[k]) {
			fprintf(out, "%s: receipt.txt is damaged: a line of its list of files is not one\n", dir);
			goto done;
		}
		listed[k] = true;
		const char *why = check_file(dir, name, hex, bytes);
		if (why) {
			fprintf(out, "%s: mixed or incomplete: %s %s\n", dir, name, why);
			goto done;
		}
		strcat(names, name);
		strcat(names, ", ");
	}
	if (!listed[0]) {
		fprintf(out, "%s: receipt.txt is damaged: it does not list results.csv\n", dir);
		goto done;
	}
	/* No output file of ehp's naming that another run left. */
	for (int k = 0; ehp_output_files[k]; k++) {
		char *path = ehp_xprintf("%s/%s", dir, ehp_output_files[k]);
		bool there = lstat(path, &st) == 0;
		free(path);
		if (!listed[k] && there) {
			fprintf(out, "%s: mixed: %s is not this run's (its receipt.txt does not list it)\n", dir,
			        ehp_output_files[k]);
			goto done;
		}
	}
	fprintf(out, "%s: complete: one run (%.16s), %sreceipt.txt\n", dir, run, names);
	rc = 0;
done:
	free(text);
	return rc;
}
