/*
 * main.c - the ehpc driver: reads a plan, checks it, writes its C evaluator
 * (atomically), and with --build compiles it against libehp.
 *
 * Exit status: 0 done, 1 the plan has errors, 2 usage or I/O error,
 * 3 the C compiler failed (--build).
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include "codegen.h"
#include "docgen.h"
#include "atomic.h"
#include "dochtml.h"
#include "fmt.h"
#include "ehp.h"
#include "frontend.h"
#include "sha256.h"

#ifndef EHP_RUNTIME_DIR
#define EHP_RUNTIME_DIR "runtime"
#endif
#ifndef EHP_LIB
#define EHP_LIB "build/libehp.a"
#endif
#ifndef EHP_CASES_LIB
#define EHP_CASES_LIB "build/libehp-cases.a"
#endif
/* The libraries libehp.a needs (the Makefile's EHP_LINK: nettle, and
 * libxlsxwriter when it was built with it). */
#ifndef EHP_LINK
#define EHP_LINK "-lnettle -lm"
#endif

#define MAX_PLAN (64u << 20)

enum { OK = 0, PLAN_ERRORS = 1, USAGE = 2, CC_FAILED = 3 };

static void usage(FILE *f)
{
	fputs("usage: ehpc [options] PLAN.ehp\n"
	      "\n"
	      "Compiles an outcome plan into the C source of its evaluator.\n"
	      "\n"
	      "  -o FILE     write the C to FILE (default: PLAN.c next to the plan; - is\n"
	      "              standard output); with --build, FILE names the evaluator binary\n"
	      "              (default: PLAN)\n"
	      "  --check     only check the plan; write nothing\n"
	      "  --doc       write the plan as a document for people instead: HTML when\n"
	      "              FILE ends in .html or .htm, else Markdown (default:\n"
	      "              build/docs/NAME.md under the current directory)\n"
	      "  --format html|md  the document's format, whatever FILE is called\n"
	      "              (implies --doc)\n"
	      "  --build     also compile the evaluator with $CC (default cc) against libehp\n"
	      "              (headers from $EHP_RUNTIME_DIR, library $EHP_LIB); the C is\n"
	      "              kept beside the binary as BINARY.c\n"
	      "  --cases     with --build: build the plan's case runner instead (example\n"
	      "              families as tests, docs/cases.md), also linking\n"
	      "              $EHP_CASES_LIB\n"
	      "  --help, --version\n"
	      "\n"
	      "       ehpc fmt [--check] [-o FILE] PLAN.ehp...   lays plans out (ehpc fmt --help)\n"
	      "\n"
	      "See docs/ehpc.md.\n"
	      "\n"
	      "Exit status: 0 done; 1 the plan has errors; 2 usage or I/O error;\n"
	      "3 the C compiler failed (--build).\n",
	      f);
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		fprintf(stderr, "ehpc: %s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n, f);
		if (n < cap)
			break;
		if (cap >= MAX_PLAN) {
			fprintf(stderr, "ehpc: %s: larger than %u MB; is this a plan?\n", path, MAX_PLAN >> 20);
			free(buf);
			buf = NULL;
			break;
		}
		char *b = realloc(buf, cap * 2);
		if (!b)
			free(buf);
		buf = b;
		cap *= 2;
	}
	if (buf && ferror(f)) {
		fprintf(stderr, "ehpc: %s: read error\n", path);
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

/* "plans/devon.ehp" -> "devon"; only [A-Za-z0-9_-] kept so the name is safe anywhere. */
static char *stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".ehp"))
		n -= 4;
	char *s = malloc(n + 2);
	if (!s)
		exit(USAGE);
	size_t k = 0;
	for (size_t i = 0; i < n; i++) {
		char c = base[i];
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
			s[k++] = c;
	}
	if (!k)
		s[k++] = 'x';
	s[k] = '\0';
	return s;
}

static char *replace_suffix(const char *path, const char *suffix)
{
	size_t n = strlen(path);
	if (n > 4 && !strcmp(path + n - 4, ".ehp"))
		n -= 4;
	char *s = malloc(n + strlen(suffix) + 1);
	if (!s)
		exit(USAGE);
	memcpy(s, path, n);
	strcpy(s + n, suffix);
	return s;
}

/* A document's default path: build/docs/NAME.ext under the current
 * directory, never beside the plan. */
static char *doc_path(const char *name, const char *ext)
{
	size_t n = strlen("build/docs/") + strlen(name) + strlen(ext) + 1;
	char *s = malloc(n);
	if (!s)
		exit(USAGE);
	snprintf(s, n, "build/docs/%s%s", name, ext);
	return s;
}

/* What is written: the C of the evaluator, or the plan as a document. */
typedef enum { OUT_C, OUT_MD, OUT_HTML } out_format;

typedef struct {
	const plan *p;
	const char *hash, *text;
	size_t len;
	out_format format;
} output_job;

static int emit(const output_job *job, FILE *f)
{
	switch (job->format) {
	case OUT_MD: return emit_doc(job->p, job->text, job->len, f);
	case OUT_HTML: return emit_doc_html(job->p, job->hash, f);
	default: return emit_c(job->p, job->hash, f);
	}
}

/* The temporary file being written, removed if a signal ends ehpc first. */
static char *volatile pending_tmp;

static void remove_pending(int sig)
{
	if (pending_tmp)
		unlink(pending_tmp);
	signal(sig, SIG_DFL);
	raise(sig);
}

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), k = strlen(suffix);
	return n >= k && !strcmp(s + n - k, suffix);
}

/* `mkdir -p` of the directory part of path. */
static void make_parents(const char *path)
{
	char *d = strdup(path);
	for (char *s = d ? strchr(d + 1, '/') : NULL; s; s = strchr(s + 1, '/')) {
		*s = '\0';
		mkdir(d, 0777); /* an error shows when the file cannot be written */
		*s = '/';
	}
	free(d);
}

/* Writes the output whole or not at all (the runtime's atomic writer: a
 * fresh file beside it, never through a planted link, renamed into place),
 * with the umask's permissions, removed on every failure and on a signal;
 * `-` is standard output. */
static int write_output(const output_job *job, const char *path)
{
	if (!strcmp(path, "-")) {
		if (emit(job, stdout) != 0 || fflush(stdout) != 0) {
			fprintf(stderr, "ehpc: standard output: write failed: %s\n", strerror(errno));
			return USAGE;
		}
		return OK;
	}
	mode_t mask = umask(0);
	umask(mask);
	ehp_outfile o;
	char err[600];
	if (ehp_out_open_path(&o, path, 0666 & ~(unsigned)mask, err, sizeof err) != 0) {
		fprintf(stderr, "ehpc: %s\n", err);
		return USAGE;
	}
	pending_tmp = o.tmp;
	int signals[] = { SIGINT, SIGTERM, SIGHUP, SIGPIPE };
	for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
		signal(signals[i], remove_pending);
	int bad = emit(job, o.f) != 0;
	if (bad) {
		fprintf(stderr, "ehpc: %s: write failed: %s\n", path, strerror(errno));
		pending_tmp = NULL;
		ehp_out_abort(&o);
	} else {
		pending_tmp = NULL; /* from here the commit publishes or removes it */
		bad = ehp_out_commit(&o, err, sizeof err) != 0;
		if (bad)
			fprintf(stderr, "ehpc: %s\n", err);
	}
	for (size_t i = 0; i < sizeof signals / sizeof *signals; i++)
		signal(signals[i], SIG_DFL);
	return bad ? USAGE : OK;
}
/* Whether b names the file a (or the same path): an output must never replace its plan. */
static bool same_file(const char *a, const char *b)
{
	struct stat sa, sb;
	if (!strcmp(a, b))
		return true;
	return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

#define MAX_CC_WORDS 32

/* $CC may be several words (`ccache gcc`, `gcc -m32`); split on blanks, no shell. */
static int split_words(char *s, char **words, int max)
{
	int n = 0;
	for (char *w = strtok(s, " \t"); w && n < max; w = strtok(NULL, " \t"))
		words[n++] = w;
	return n;
}

static const char *env_or(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

static int run_cc(const char *c_file, const char *binary, bool cases)
{
	const char *env_cc = getenv("CC");
	char cc_words[1024];
	snprintf(cc_words, sizeof cc_words, "%s", env_cc && *env_cc ? env_cc : "cc");
	char include[4096];
	snprintf(include, sizeof include, "-I%s", env_or("EHP_RUNTIME_DIR", EHP_RUNTIME_DIR));
	char *argv[MAX_CC_WORDS + MAX_CC_WORDS / 2 + 12];
	int n = split_words(cc_words, argv, MAX_CC_WORDS);
	if (n == 0)
		argv[n++] = "cc";
	const char *cc = argv[0];
	char link_words[1024];
	snprintf(link_words, sizeof link_words, "%s", EHP_LINK);
	const char *rest[] = { "-std=c11", "-O2", include, c_file, env_or("EHP_LIB", EHP_LIB), link_words, "-pthread", "-o", binary };
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) {
		if (rest[i] == link_words) {
			n += split_words(link_words, argv + n, MAX_CC_WORDS / 2);
			continue;
		}
		if (cases && rest[i] == c_file) {
			argv[n++] = "-DEHP_CASE_RUNNER";
			argv[n++] = (char *)c_file;
			argv[n++] = (char *)env_or("EHP_CASES_LIB", EHP_CASES_LIB);
			continue;
		}
		argv[n++] = (char *)rest[i];
	}
	argv[n] = NULL;
	pid_t pid = fork();
	if (pid < 0) {
		perror("ehpc: fork");
		return CC_FAILED;
	}
	if (pid == 0) {
		execvp(cc, argv);
		fprintf(stderr, "ehpc: cannot run the C compiler `%s`: %s\n", cc, strerror(errno));
		_exit(127);
	}
	int status;
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR)
			return CC_FAILED;
	if (!WIFEXITED(status) || WEXITSTATUS(status) != 0) {
		fprintf(stderr, "ehpc: the C compiler failed on %s\n", c_file);
		return CC_FAILED;
	}
	return OK;
}

int main(int argc, char **argv)
{
	if (argc > 1 && !strcmp(argv[1], "fmt"))
		return fmt_main(argc - 1, argv + 1);
	const char *input = NULL, *output = NULL, *format = NULL;
	bool check_only = false, build = false, doc = false, cases = false;
	for (int i = 1; i < argc; i++) {
		const char *a = argv[i];
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			usage(stdout);
			return OK;
		} else if (!strcmp(a, "--version")) {
			printf("ehpc %s\n", EHP_VERSION);
			return OK;
		} else if (!strcmp(a, "--check")) {
			check_only = true;
		} else if (!strcmp(a, "--build")) {
			build = true;
		} else if (!strcmp(a, "--cases")) {
			cases = true;
		} else if (!strcmp(a, "--doc")) {
			doc = true;
		} else if (!strcmp(a, "--format")) {
			if (++i >= argc || (strcmp(argv[i], "html") && strcmp(argv[i], "md"))) {
				fputs("ehpc: --format needs html or md\n", stderr);
				return USAGE;
			}
			format = argv[i];
			doc = true;
		} else if (!strcmp(a, "-o")) {
			if (++i >= argc) {
				fputs("ehpc: -o needs a file name\n", stderr);
				return USAGE;
			}
			output = argv[i];
		} else if (a[0] == '-' && a[1]) {
			fprintf(stderr, "ehpc: unknown option `%s` (try --help)\n", a);
			return USAGE;
		} else if (input) {
			fputs("ehpc: give one plan file (try --help)\n", stderr);
			return USAGE;
		} else {
			input = a;
		}
	}
	if (!input) {
		usage(stderr);
		return USAGE;
	}
	if (cases && !build) {
		fputs("ehpc: --cases goes with --build (it builds the case runner)\n", stderr);
		return USAGE;
	}
	if (doc && build) {
		fputs("ehpc: --doc writes a document, --build an evaluator: give one of them\n", stderr);
		return USAGE;
	}
	if (build && output && !strcmp(output, "-")) {
		fputs("ehpc: --build writes a binary: name it with -o FILE, not -o -\n", stderr);
		return USAGE;
	}
	out_format fmt = !doc ? OUT_C
	               : format ? (!strcmp(format, "html") ? OUT_HTML : OUT_MD)
	               : output && (ends_with(output, ".html") || ends_with(output, ".htm")) ? OUT_HTML
	                                                                                   : OUT_MD;
	size_t len;
	char *text = read_file(input, &len);
	if (!text)
		return USAGE;
	char hash[65];
	sha256_hex(text, len, hash);
	arena *a = arena_new();
	diag d;
	diag_init(&d, input, text, len, stderr);
	int rc = OK;
	plan *p = parse_plan(a, &d, input, text, len);
	char *name = stem(input);
	if (p) {
		p->name = name;
		check_plan(a, &d, p);
	} else if (!d.errors) {
		diag_error(&d, (src_loc){ 1, 1, 1, 1 }, "%s", "no plan found in this file");
	}
	if (d.errors) {
		fprintf(stderr, "%s: %d error%s, %d warning%s\n", input, d.errors, d.errors == 1 ? "" : "s", d.warnings,
		        d.warnings == 1 ? "" : "s");
		rc = PLAN_ERRORS;
	} else if (!check_only) {
		char *binary = build ? (output ? strdup(output) : replace_suffix(input, "")) : NULL;
		char *c_file = build ? (binary ? replace_suffix(binary, ".c") : NULL)
		             : output ? strdup(output)
		             : doc ? doc_path(name, fmt == OUT_HTML ? ".html" : ".md")
		             : replace_suffix(input, ".c");
		if (!c_file || (build && !binary)) {
			rc = USAGE;
		} else if (same_file(input, c_file) || (binary && same_file(input, binary))) {
			fprintf(stderr, "ehpc: %s: the output would overwrite the plan; name another with -o\n", input);
			rc = USAGE;
		} else {
			output_job job = { p, hash, text, len, fmt };
			if (doc && !output)
				make_parents(c_file);
			rc = write_output(&job, c_file);
			if (rc == OK && build)
				rc = run_cc(c_file, binary, cases);
		}
		free(c_file);
		free(binary);
	}
	free(name);
	arena_free(a);
	free(text);
	return rc;
}
