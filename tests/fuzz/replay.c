/*
 * replay.c - runs a fuzz harness without libFuzzer: every file named on the
 * command line, or found in a directory named there, is fed once to
 * LLVMFuzzerTestOneInput. `make check` links it with each harness (under gcc,
 * plain and with sanitizers) to replay the kept crash inputs and the seeds.
 *
 * Files whose names start with `open-` are crashes found in code this
 * harness does not own and not fixed yet: they are listed, not run, so they
 * do not fail the build (tests/fuzz/README.md).
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "fuzz.h"

static unsigned long ran, skipped;

/* Each input in a buffer of exactly its size, so a read past the end of
 * the input is caught by the sanitizers as it would be under libFuzzer. */
static int replay_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		perror(path);
		return -1;
	}
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
		n += got;
		if (n == cap) {
			char *b = realloc(buf, cap *= 2);
			if (!b)
				free(buf);
			buf = b;
		}
	}
	int bad = !buf || ferror(f);
	fclose(f);
	if (bad) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		return -1;
	}
	uint8_t *exact = malloc(n ? n : 1);
	if (!exact)
		abort();
	memcpy(exact, buf, n);
	free(buf);
	LLVMFuzzerTestOneInput(exact, n);
	free(exact);
	ran++;
	return 0;
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static int replay(const char *path);

static int replay_dir(const char *path)
{
	DIR *d = opendir(path);
	if (!d) {
		perror(path);
		return -1;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	for (struct dirent *e; (e = readdir(d));) {
		if (e->d_name[0] == '.' || !strcmp(e->d_name, "README.md"))
			continue;
		if (n == cap) {
			char **more = realloc(names, (cap = cap ? cap * 2 : 64) * sizeof *names);
			if (!more)
				abort();
			names = more;
		}
		size_t len = strlen(path) + strlen(e->d_name) + 2;
		if (!(names[n] = malloc(len)))
			abort();
		snprintf(names[n++], len, "%s/%s", path, e->d_name);
	}
	closedir(d);
	if (n) /* the same order every run */
		qsort(names, n, sizeof *names, by_name);
	int rc = 0;
	for (size_t i = 0; i < n; i++) {
		rc |= replay(names[i]);
		free(names[i]);
	}
	free(names);
	return rc;
}

static int replay(const char *path)
{
	struct stat st;
	if (stat(path, &st) != 0) {
		perror(path);
		return -1;
	}
	if (S_ISDIR(st.st_mode))
		return replay_dir(path);
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	if (!strncmp(base, "open-", 5)) {
		printf("  not run (open crash, see tests/fuzz/README.md): %s\n", path);
		skipped++;
		return 0;
	}
	return replay_file(path);
}

int main(int argc, char **argv)
{
	int rc = 0;
	for (int i = 1; i < argc; i++)
		rc |= replay(argv[i]);
	printf("%s: %lu input%s replayed, %lu open crash%s not run\n", argv[0], ran, ran == 1 ? "" : "s", skipped,
	       skipped == 1 ? "" : "es");
	return rc ? 1 : 0;
}
