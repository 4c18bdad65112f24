/*
 * cc.c - the C compiler and the evaluators, run as child processes (cc.h).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "cc.h"

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

#define MAX_CC_WORDS 32

volatile pid_t cc_child;

int cc_run(char *const argv[], int out_fd, int err_fd)
{
	pid_t pid = fork();
	if (pid < 0) {
		perror("ehpc: fork");
		return -1;
	}
	if (pid == 0) {
		if ((out_fd >= 0 && dup2(out_fd, 1) < 0) || (err_fd >= 0 && dup2(err_fd, 2) < 0))
			_exit(127);
		execvp(argv[0], argv);
		fprintf(stderr, "ehpc: cannot run `%s`: %s\n", argv[0], strerror(errno));
		_exit(127);
	}
	cc_child = pid;
	int status;
	pid_t got;
	while ((got = waitpid(pid, &status, 0)) < 0 && errno == EINTR)
		;
	cc_child = 0;
	if (got < 0) {
		perror("ehpc: waitpid");
		return -1;
	}
	if (!WIFEXITED(status)) {
		fprintf(stderr, "ehpc: `%s` was ended by signal %d\n", argv[0], WTERMSIG(status));
		return -1;
	}
	return WEXITSTATUS(status);
}

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

int cc_build_evaluator(const char *c_file, const char *binary, bool cases)
{
	const char *env_cc = getenv("CC");
	char cc_words[1024];
	snprintf(cc_words, sizeof cc_words, "%s", env_cc && *env_cc ? env_cc : "cc");
	char include[4096];
	snprintf(include, sizeof include, "-I%s", env_or("EHP_RUNTIME_DIR", EHP_RUNTIME_DIR));
	char *argv[MAX_CC_WORDS + MAX_CC_WORDS / 2 + 13];
	int n = split_words(cc_words, argv, MAX_CC_WORDS);
	if (n == 0)
		argv[n++] = "cc";
	char link_words[1024];
	snprintf(link_words, sizeof link_words, "%s", EHP_LINK);
	const char *rest[] = { "-std=c11", "-O2", include, c_file, env_or("EHP_LIB", EHP_LIB), link_words, "-pthread", "-o", binary };
	for (size_t i = 0; i < sizeof rest / sizeof *rest; i++) {
		if (rest[i] == link_words) {
			n += split_words(link_words, argv + n, MAX_CC_WORDS / 2);
			continue;
		}
		if (cases && rest[i] == c_file) { /* the case runner: docs/cases.md */
			argv[n++] = "-DEHP_CASE_RUNNER";
			argv[n++] = (char *)c_file;
			argv[n++] = (char *)env_or("EHP_CASES_LIB", EHP_CASES_LIB);
			continue;
		}
		argv[n++] = (char *)rest[i];
	}
	argv[n] = NULL;
	if (cc_run(argv, -1, -1) != 0) {
		fprintf(stderr, "ehpc: the C compiler failed on %s\n", c_file);
		return -1;
	}
	return 0;
}
