/*
 * io_helpers.h - scratch directories, files written and read whole, and
 * stdout/stderr captured into a string, for the tests of the runtime's input
 * and output side. Include after <cmocka.h>.
 */
#ifndef EHP_TEST_IO_HELPERS_H
#define EHP_TEST_IO_HELPERS_H

#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A fresh directory under /tmp (or $TMPDIR); free with io_rmdir. */
static inline char *io_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	char tmpl[512];
	snprintf(tmpl, sizeof tmpl, "%s/ehp-test-XXXXXX", base && *base ? base : "/tmp");
	char *dir = mkdtemp(tmpl);
	assert_non_null(dir);
	char *copy = strdup(dir);
	assert_non_null(copy);
	return copy;
}

static inline char *io_path(const char *dir, const char *name)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	char *p = malloc(n);
	assert_non_null(p);
	snprintf(p, n, "%s/%s", dir, name);
	return p;
}

/* Writes len bytes (strlen(text) when len is 0); returns the path. */
static inline char *io_write(const char *dir, const char *name, const char *text, size_t len)
{
	char *p = io_path(dir, name);
	FILE *f = fopen(p, "wb");
	assert_non_null(f);
	size_t n = len ? len : strlen(text);
	assert_int_equal(fwrite(text, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return p;
}

/* The whole file as a string, or NULL if it does not exist. */
static inline char *io_read(const char *path)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *s = malloc(cap);
	assert_non_null(s);
	size_t got;
	while ((got = fread(s + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (n + 1 == cap) {
			cap *= 2;
			s = realloc(s, cap);
			assert_non_null(s);
		}
	}
	s[n] = '\0';
	fclose(f);
	return s;
}

/* The whole of dir/name as a string, or NULL if it does not exist. */
static inline char *io_read_in(const char *dir, const char *name)
{
	char *p = io_path(dir, name);
	char *s = io_read(p);
	free(p);
	return s;
}

static inline int io_exists(const char *dir, const char *name)
{
	char *p = io_path(dir, name);
	struct stat st;
	int yes = stat(p, &st) == 0;
	free(p);
	return yes;
}

/* How many entries of dir have a name containing `part`. */
static inline int io_count(const char *dir, const char *part)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	int n = 0;
	for (struct dirent *e; (e = readdir(d));)
		n += strstr(e->d_name, part) != NULL;
	closedir(d);
	return n;
}

static inline void io_rmdir(char *dir)
{
	DIR *d = opendir(dir);
	if (d) {
		for (struct dirent *e; (e = readdir(d));) {
			if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
				continue;
			char *p = io_path(dir, e->d_name);
			struct stat st;
			if (lstat(p, &st) == 0 && S_ISDIR(st.st_mode))
				io_rmdir(p); /* frees p */
			else {
				remove(p);
				free(p);
			}
		}
		closedir(d);
	}
	rmdir(dir);
	free(dir);
}

/* Captures what is written to stdout and stderr between io_capture_begin
 * and io_capture_end. */
typedef struct {
	int saved_out, saved_err;
	char *dir;
	char *out, *err; /* filled by io_capture_end */
} io_capture;

static inline void io_capture_begin(io_capture *c)
{
	c->dir = io_tmpdir();
	fflush(stdout);
	fflush(stderr);
	c->saved_out = dup(1);
	c->saved_err = dup(2);
	char *po = io_path(c->dir, "stdout"), *pe = io_path(c->dir, "stderr");
	int fo = open(po, O_WRONLY | O_CREAT | O_TRUNC, 0600), fe = open(pe, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	assert_true(fo >= 0 && fe >= 0);
	dup2(fo, 1);
	dup2(fe, 2);
	close(fo);
	close(fe);
	free(po);
	free(pe);
}

static inline void io_capture_end(io_capture *c)
{
	fflush(stdout);
	fflush(stderr);
	dup2(c->saved_out, 1);
	dup2(c->saved_err, 2);
	close(c->saved_out);
	close(c->saved_err);
	char *po = io_path(c->dir, "stdout"), *pe = io_path(c->dir, "stderr");
	c->out = io_read(po);
	c->err = io_read(pe);
	free(po);
	free(pe);
	io_rmdir(c->dir);
	c->dir = NULL;
}

static inline void io_capture_free(io_capture *c)
{
	free(c->out);
	free(c->err);
	c->out = c->err = NULL;
}

/* Asserts that haystack contains needle, printing both when not. */
#define assert_contains(haystack, needle)                                                        \
	do {                                                                                        \
		const char *h_ = (haystack), *n_ = (needle);                                            \
		if (!h_ || !strstr(h_, n_))                                                             \
			fail_msg("expected to find\n  %s\nin\n%s", n_, h_ ? h_ : "(null)");                 \
	} while (0)

#define assert_not_contains(haystack, needle)                                                    \
	do {                                                                                        \
		const char *h_ = (haystack), *n_ = (needle);                                            \
		if (h_ && strstr(h_, n_))                                                               \
			fail_msg("did not expect\n  %s\nin\n%s", n_, h_);                                   \
	} while (0)

#endif
