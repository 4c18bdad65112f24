/*
 * plan_file.c - a plan read from its file and checked (plan_file.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include "diag.h"
#include "frontend.h"
#include "plan_file.h"
#include "sha256.h"

#define MAX_PLAN (64u << 20) /* as `ehpc`: no plan comes near it */

/* The whole of a regular file, or NULL with the reason on stderr. */
static char *slurp(const char *path, size_t *len)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	struct stat st;
	if (fd < 0 || fstat(fd, &st) != 0 || !S_ISREG(st.st_mode) || (uintmax_t)st.st_size > MAX_PLAN) {
		const char *why = fd < 0 ? strerror(errno)
		                : !S_ISREG(st.st_mode) ? "not a regular file"
		                : "larger than 64 MB; is this a plan?";
		fprintf(stderr, "ehpc: %s: cannot read as a plan: %s\n", path, why);
		if (fd >= 0)
			close(fd);
		return NULL;
	}
	char *buf = malloc((size_t)st.st_size + 1);
	size_t n = 0;
	while (buf && n < (size_t)st.st_size) {
		ssize_t got = read(fd, buf + n, (size_t)st.st_size - n);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) { /* shrunk or unreadable while read */
			fprintf(stderr, "ehpc: %s: read error\n", path);
			free(buf);
			buf = NULL;
		} else {
			n += (size_t)got;
		}
	}
	close(fd);
	if (!buf)
		return NULL;
	buf[n] = '\0';
	*len = n;
	return buf;
}

char *plan_file_stem(const char *path)
{
	const char *base = strrchr(path, '/');
	base = base ? base + 1 : path;
	size_t n = strlen(base);
	if (n > 4 && !strcmp(base + n - 4, ".ehp"))
		n -= 4;
	char *s = malloc(n + 2);
	if (!s)
		return NULL;
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

int plan_file_load(plan_file *pf, const char *path)
{
	*pf = (plan_file){ .path = path };
	pf->text = slurp(path, &pf->len);
	if (!pf->text)
		return -1;
	pf->name = plan_file_stem(path);
	pf->a = arena_new();
	if (!pf->name)
		return -1;
	sha256_hex(pf->text, pf->len, pf->hash);
	/* Diagnostics are gathered, and shown only when there is an error. */
	char *msgs = NULL;
	size_t msgs_len = 0;
	FILE *m = open_memstream(&msgs, &msgs_len);
	if (!m)
		return -1;
	diag d;
	diag_init(&d, path, pf->text, pf->len, m);
	pf->p = parse_plan(pf->a, &d, path, pf->text, pf->len);
	if (pf->p) {
		pf->p->name = pf->name;
		check_plan(pf->a, &d, pf->p);
	} else if (!d.errors) {
		diag_error(&d, (src_loc){ 1, 1, 1, 1 }, "%s", "no plan found in this file");
	}
	fclose(m);
	if (d.errors) {
		fwrite(msgs, 1, msgs_len, stderr);
		fprintf(stderr, "%s: %d error%s, %d warning%s\n", path, d.errors, d.errors == 1 ? "" : "s", d.warnings,
		        d.warnings == 1 ? "" : "s");
	}
	free(msgs);
	return d.errors ? -1 : 0;
}

void plan_file_free(plan_file *pf)
{
	if (pf->a)
		arena_free(pf->a);
	free(pf->name);
	free(pf->text);
	*pf = (plan_file){ 0 };
}
