/*
 * impact.c - both plans' evaluators run on one extract, and their results
 * compared (impact.h).
 *
 * Everything is made in one scratch folder, private to the user, because
 * the results are about children: old.c, old, new.c, new (the generated C
 * and the evaluators), old-out/ and new-out/ (each run's outputs) and
 * new.log (what the second run said; shown only if it fails, as the first
 * run has already said it). The folder is removed when the report is
 * written, when a step fails, and when a signal ends ehpc: the handler
 * knows every path in advance, so it removes them with unlink and rmdir
 * alone (async-signal-safe).
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "atomic.h"
#include "cc.h"
#include "codegen.h"
#include "impact.h"
#include "mem.h"
#include "results_diff.h"

enum { OLD, NEW, SIDES };
static const char *const side_name[SIDES] = { "old", "new" };

/* What an evaluator may leave in its --out folder. */
static const char *const run_files[] = { "results.csv", "rejects.csv", "evidence.csv", "receipt.txt", ".ehp-lock" };
#define N_RUN_FILES (sizeof run_files / sizeof *run_files)

/* Every path of the scratch folder, files before their folders. */
enum { MAX_SCRATCH = 2 * (3 + N_RUN_FILES + 1) + 2 };
static char *scratch[MAX_SCRATCH];
static volatile sig_atomic_t n_scratch;

static const int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
#define N_SIGNALS (sizeof signals / sizeof *signals)

static void remove_known(void)
{
	for (int i = 0; i < n_scratch; i++)
		if (unlink(scratch[i]) != 0)
			rmdir(scratch[i]);
}

static void on_signal(int sig)
{
	pid_t child = cc_child;
	if (child > 0) {
		kill(child, SIGTERM);
		waitpid(child, NULL, 0);
	}
	remove_known();
	signal(sig, SIG_DFL);
	raise(sig);
}

/* Anything else an interrupted evaluator left (its NAME.tmp.PID files)
 * is removed with the folder, one level down. */
static void remove_tree(const char *dir, int depth)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		char *path = ehp_xprintf("%s/%s", dir, e->d_name);
		struct stat st;
		if (depth > 0 && lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
			remove_tree(path, depth - 1);
		else
			unlink(path);
		free(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static void add_path(char *path)
{
	scratch[n_scratch] = path;
	n_scratch = n_scratch + 1;
}

/* The scratch folder and the list of its paths; the folder's path, or NULL. */
static char *make_scratch(void)
{
	const char *base = getenv("TMPDIR");
	char *dir = ehp_xprintf("%s/ehpc-diff.XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(dir)) {
		fprintf(stderr, "ehpc: cannot make a scratch folder %s: %s\n", dir, strerror(errno));
		free(dir);
		return NULL;
	}
	for (int s = 0; s < SIDES; s++) {
		add_path(ehp_xprintf("%s/%s.c", dir, side_name[s]));
		add_path(ehp_xprintf("%s/%s", dir, side_name[s]));
		add_path(ehp_xprintf("%s/%s.log", dir, side_name[s]));
		for (size_t f = 0; f < N_RUN_FILES; f++)
			add_path(ehp_xprintf("%s/%s-out/%s", dir, side_name[s], run_files[f]));
		add_path(ehp_xprintf("%s/%s-out", dir, side_name[s]));
	}
	add_path(ehp_xprintf("%s", dir));
	for (size_t i = 0; i < N_SIGNALS; i++)
		signal(signals[i], on_signal);
	return dir;
}

static void drop_scratch(char *dir)
{
	for (size_t i = 0; i < N_SIGNALS; i++)
		signal(signals[i], SIG_DFL);
	remove_tree(dir, 1);
	for (int i = 0; i < n_scratch; i++)
		free(scratch[i]);
	n_scratch = 0;
	free(dir);
}

/* The plan's C, written whole (atomic.c) and private. */
static int write_c(const plan_file *pf, const char *path)
{
	ehp_outfile o;
	char err[600];
	if (ehp_out_open_path(&o, path, 0600, err, sizeof err) != 0) {
		fprintf(stderr, "ehpc: %s\n", err);
		return -1;
	}
	if (emit_c(pf->p, pf->hash, o.f) != 0) {
		fprintf(stderr, "ehpc: %s: write failed: %s\n", path, strerror(errno));
		ehp_out_abort(&o);
		return -1;
	}
	if (ehp_out_commit(&o, err, sizeof err) != 0) {
		fprintf(stderr, "ehpc: %s\n", err);
		return -1;
	}
	return 0;
}

/* Copies a file to stderr: what a failed evaluator said. */
static void show_log(const char *path)
{
	FILE *f = fopen(path, "r");
	char buf[4096];
	size_t n;
	while (f && (n = fread(buf, 1, sizeof buf, f)) > 0)
		fwrite(buf, 1, n, stderr);
	if (f)
		fclose(f);
}

/* One evaluator on the extract, its summary silenced; what it says on
 * stderr goes to stderr (log NULL) or to the file log. */
static int run_evaluator(const char *binary, const char *data_dir, const char *as_of, const char *out_dir,
                         const char *log)
{
	int null = open("/dev/null", O_WRONLY | O_CLOEXEC);
	int err = log ? open(log, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600) : -1;
	if (null < 0 || (log && err < 0)) {
		fprintf(stderr, "ehpc: cannot open %s: %s\n", null < 0 ? "/dev/null" : log, strerror(errno));
		if (null >= 0)
			close(null);
		return -1;
	}
	char *argv[] = { (char *)binary, "--data", (char *)data_dir, "--as-of", (char *)as_of,
		             "--out", (char *)out_dir, "--quiet", NULL };
	int status = cc_run(argv, null, err);
	close(null);
	if (err >= 0)
		close(err);
	if (status != 0) {
		if (log)
			show_log(log);
		fprintf(stderr, "ehpc: the evaluator of %s failed on %s (exit %d)\n", binary, data_dir, status);
		return -1;
	}
	return 0;
}

static FILE *open_results(const char *out_dir)
{
	int fd = ehp_out_read(out_dir, "results.csv");
	FILE *f = fd >= 0 ? fdopen(fd, "r") : NULL;
	if (!f) {
		fprintf(stderr, "ehpc: %s/results.csv: cannot read: %s\n", out_dir, strerror(errno));
		if (fd >= 0)
			close(fd);
	}
	return f;
}

int impact_run(const plan_file *old, const plan_file *new, const char *data_dir, const char *as_of, FILE *out)
{
	char *dir = make_scratch();
	if (!dir)
		return -1;
	const plan_file *plans[SIDES] = { old, new };
	char *c_file[SIDES], *binary[SIDES], *out_dir[SIDES], *log[SIDES];
	FILE *results[SIDES] = { NULL, NULL };
	int rc = 0;
	for (int s = 0; s < SIDES; s++) {
		c_file[s] = ehp_xprintf("%s/%s.c", dir, side_name[s]);
		binary[s] = ehp_xprintf("%s/%s", dir, side_name[s]);
		out_dir[s] = ehp_xprintf("%s/%s-out", dir, side_name[s]);
		log[s] = ehp_xprintf("%s/%s.log", dir, side_name[s]);
	}
	for (int s = 0; s < SIDES && rc == 0; s++)
		rc = write_c(plans[s], c_file[s]) != 0 || cc_build_evaluator(c_file[s], binary[s], false) != 0 ? -1 : 0;
	for (int s = 0; s < SIDES && rc == 0; s++)
		rc = run_evaluator(binary[s], data_dir, as_of, out_dir[s], s == OLD ? NULL : log[s]);
	for (int s = 0; s < SIDES && rc == 0; s++)
		rc = (results[s] = open_results(out_dir[s])) ? 0 : -1;
	if (rc == 0) {
		char *heading = ehp_xprintf("impact on %s, claim date %s", data_dir, as_of);
		char *names[SIDES];
		for (int s = 0; s < SIDES; s++)
			names[s] = ehp_xprintf("the results of %s", plans[s]->path);
		rc = results_diff(results[OLD], names[OLD], old->p, results[NEW], names[NEW], new->p, heading, out);
		free(heading);
		free(names[OLD]);
		free(names[NEW]);
	}
	for (int s = 0; s < SIDES; s++) {
		if (results[s])
			fclose(results[s]);
		free(c_file[s]);
		free(binary[s]);
		free(out_dir[s]);
		free(log[s]);
	}
	drop_scratch(dir);
	return rc;
}
