/*
 * atomic.c - whole files and held output folders (atomic.h).
 */
#define _GNU_SOURCE /* fopencookie: a stream that hashes what the file takes */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/types.h>
#include <unistd.h>
#include "atomic.h"
#include "mem.h"
#include "sha256.h"

#ifndef O_NOFOLLOW
#define O_NOFOLLOW 0
#endif
#ifndef O_CLOEXEC
#define O_CLOEXEC 0
#endif
#ifndef O_DIRECTORY
#define O_DIRECTORY 0
#endif

/* Creates path afresh for writing (and reading back, for its digest),
 * private to the user; a file already there is removed (unlink removes a
 * link, not what it points to) and the creation tried once more. */
static int create_fresh(const char *path)
{
	for (int tries = 0; tries < 2; tries++) {
		int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, 0600);
		if (fd >= 0 || errno != EEXIST)
			return fd;
		if (unlink(path) != 0)
			return -1;
	}
	errno = EEXIST;
	return -1;
}

int ehp_out_open(ehp_outfile *o, const char *dir, const char *name, char *err, size_t errlen)
{
	char *path = ehp_xprintf("%s/%s", dir, name);
	int rc = ehp_out_open_path(o, path, 0600, err, errlen);
	free(path);
	return rc;
}

int ehp_out_open_path(ehp_outfile *o, const char *path, unsigned mode, char *err, size_t errlen)
{
	*o = (ehp_outfile){ 0 };
	o->path = ehp_xstrndup(path, strlen(path));
	o->tmp = ehp_xprintf("%s.tmp.%ld", path, (long)getpid());
	int fd = create_fresh(o->tmp);
	if (fd >= 0 && mode != 0600 && fchmod(fd, (mode_t)mode) != 0) {
		close(fd);
		unlink(o->tmp);
		fd = -1;
	}
	if (fd < 0 || !(o->f = fdopen(fd, "wb"))) {
		snprintf(err, errlen, "%s: cannot write: %s", o->path, strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(o->tmp);
		}
		free(o->path);
		free(o->tmp);
		*o = (ehp_outfile){ 0 };
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ hashed as written */

struct ehp_out_hash {
	int fd;
	sha256_ctx sha; /* of the bytes the file took, sha.total of them */
};

/* Writes all n bytes (a short write is an error, as stdio's own), hashing
 * those the file took. Returns how many. */
static ssize_t hashed_write(void *cookie, const char *buf, size_t n)
{
	struct ehp_out_hash *h = cookie;
	size_t done = 0;
	while (done < n) {
		ssize_t k = write(h->fd, buf + done, n - done);
		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		done += (size_t)k;
	}
	sha256_update(&h->sha, buf, done);
	return (ssize_t)done;
}

/* Only to the start, which empties the file and the digest, or where it is. */
static int hashed_seek(void *cookie, off64_t *at, int whence)
{
	struct ehp_out_hash *h = cookie;
	if (whence == SEEK_CUR && *at == 0) {
		*at = (off64_t)h->sha.total;
		return 0;
	}
	if (whence != SEEK_SET || *at != 0) {
		errno = EINVAL;
		return -1;
	}
	if (lseek(h->fd, 0, SEEK_SET) != 0 || ftruncate(h->fd, 0) != 0)
		return -1;
	sha256_init(&h->sha);
	return 0;
}

static int hashed_close(void *cookie)
{
	(void)cookie; /* the file is closed with its own stream */
	return 0;
}

int ehp_out_hash_writes(ehp_outfile *o, char *err, size_t errlen)
{
	struct ehp_out_hash *h = ehp_xcalloc(1, sizeof *h);
	h->fd = fileno(o->f);
	sha256_init(&h->sha);
	FILE *f = NULL;
	errno = 0;
	if (fflush(o->f) == 0 && ftell(o->f) == 0)
		f = fopencookie(h, "wb", (cookie_io_functions_t){ .write = hashed_write, .seek = hashed_seek,
		                                                  .close = hashed_close });
	if (!f) {
		snprintf(err, errlen, "%s: cannot write: %s", o->path, strerror(errno ? errno : EINVAL));
		free(h);
		ehp_out_abort(o);
		return -1;
	}
	o->raw = o->f;
	o->f = f;
	o->hash = h;
	return 0;
}

/* The digest of the bytes the file took through f, if they are what it
 * holds: 0, 1 if not (read it back), -1 on failure. */
static int digest_as_written(const ehp_outfile *o, char hex[65], uint64_t *bytes)
{
	struct stat st;
	if (!o->hash)
		return 1;
	if (fstat(o->hash->fd, &st) != 0)
		return -1;
	if ((uint64_t)st.st_size != o->hash->sha.total)
		return 1;
	sha256_ctx done = o->hash->sha;
	sha256_final(&done, hex);
	if (bytes)
		*bytes = done.total;
	return 0;
}

void ehp_out_abort(ehp_outfile *o)
{
	if (o->f)
		fclose(o->f);
	if (o->raw)
		fclose(o->raw);
	free(o->hash);
	if (o->tmp)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	*o = (ehp_outfile){ 0 };
}

int ehp_out_finish(ehp_outfile *o, char *err, size_t errlen)
{
	return ehp_out_finish_digest(o, NULL, NULL, err, errlen);
}

int ehp_out_finish_digest(ehp_outfile *o, char hex[65], uint64_t *bytes, char *err, size_t errlen)
{
	errno = 0;
	int failed = fflush(o->f) != 0 || ferror(o->f);
	int fd = o->hash ? o->hash->fd : fileno(o->f);
	/* fsync: the rename must not reach the disk before the data does. */
	if (!failed)
		failed = fsync(fd) != 0 && errno != EINVAL;
	if (!failed && hex) {
		int as_written = digest_as_written(o, hex, bytes);
		failed = as_written < 0 || (as_written > 0 && sha256_fd(fd, hex, bytes) != 0);
	}
	int saved = errno;
	if (fclose(o->f) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	o->f = NULL;
	if (o->raw && fclose(o->raw) != 0 && !failed) {
		failed = 1;
		saved = errno;
	}
	o->raw = NULL;
	free(o->hash);
	o->hash = NULL;
	if (failed) {
		snprintf(err, errlen, "%s: write failed: %s", o->path, strerror(saved ? saved : EIO));
		ehp_out_abort(o);
		return -1;
	}
	return 0;
}

int ehp_out_publish(ehp_outfile *o, char *err, size_t errlen)
{
	if (rename(o->tmp, o->path) != 0) {
		snprintf(err, errlen, "%s: cannot rename into place: %s", o->path, strerror(errno));
		ehp_out_abort(o);
		return -1;
	}
	free(o->tmp);
	free(o->path);
	*o = (ehp_outfile){ 0 };
	return 0;
}

int ehp_out_commit(ehp_outfile *o, char *err, size_t errlen)
{
	if (ehp_out_finish(o, err, errlen) != 0)
		return -1;
	return ehp_out_publish(o, err, errlen);
}

/* ------------------------------------------------------------ folders */

/* mkdir -p, each folder made private; *made when the last was made. */
static int make_dirs(const char *dir, bool *made)
{
	struct stat st;
	if (stat(dir, &st) == 0)
		return S_ISDIR(st.st_mode) ? 0 : (errno = ENOTDIR, -1);
	char *p = ehp_xstrndup(dir, strlen(dir));
	for (char *s = p + 1; *s; s++) {
		if (*s != '/')
			continue;
		*s = '\0';
		if (mkdir(p, 0700) != 0 && errno != EEXIST) {
			free(p);
			return -1;
		}
		*s = '/';
	}
	int rc = mkdir(p, 0700);
	free(p);
	if (rc != 0 && errno != EEXIST)
		return -1;
	*made = rc == 0;
	return 0;
}

/* NAME.tmp.DIGITS: a temporary file of ehp's own naming. */
static bool ours(const char *name)
{
	const char *t = strstr(name, ".tmp.");
	if (!t || t == name || !t[5])
		return false;
	for (const char *d = t + 5; *d; d++)
		if (*d < '0' || *d > '9')
			return false;
	return true;
}

static void clear_stale(const char *dir)
{
	DIR *d = opendir(dir);
	if (!d)
		return;
	for (struct dirent *e; (e = readdir(d));) {
		if (!ours(e->d_name))
			continue;
		char *p = ehp_xprintf("%s/%s", dir, e->d_name);
		unlink(p); /* a link is removed, not followed */
		free(p);
	}
	closedir(d);
}

int ehp_out_dir_hold(const char *dir, bool *made, char *err, size_t errlen)
{
	*made = false;
	if (make_dirs(dir, made) != 0) {
		snprintf(err, errlen, "%s: cannot make the output folder: %s", dir, strerror(errno));
		return -1;
	}
	char *path = ehp_xprintf("%s/.ehp-lock", dir);
	int fd = open(path, O_RDWR | O_CREAT | O_NOFOLLOW | O_CLOEXEC, 0600);
	if (fd < 0) {
		snprintf(err, errlen, "%s: cannot lock the output folder: %s", path, strerror(errno));
		free(path);
		return -1;
	}
	struct flock lk = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
	if (fcntl(fd, F_SETLK, &lk) != 0) {
		struct flock who = { .l_type = F_WRLCK, .l_whence = SEEK_SET };
		long pid = fcntl(fd, F_GETLK, &who) == 0 && who.l_type != F_UNLCK ? (long)who.l_pid : 0;
		if (pid)
			snprintf(err, errlen, "%s: another run (process %ld) is writing this output folder; wait for it "
			         "to finish, or give another --out", dir, pid);
		else
			snprintf(err, errlen, "%s: another run is writing this output folder; wait for it to finish, or "
			         "give another --out", dir);
		close(fd);
		free(path);
		return -1;
	}
	free(path);
	clear_stale(dir);
	return fd;
}

void ehp_out_dir_release(int lock)
{
	if (lock >= 0)
		close(lock); /* closing any descriptor of the file drops the lock */
}

int ehp_out_read(const char *dir, const char *name)
{
	char *path = ehp_xprintf("%s/%s", dir, name);
	int fd = open(path, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
	int saved = errno;
	free(path);
	errno = saved;
	return fd;
}

int ehp_out_remove(const char *dir, const char *name, char *err, size_t errlen)
{
	char *path = ehp_xprintf("%s/%s", dir, name);
	int rc = 0;
	if (unlink(path) != 0 && errno != ENOENT) {
		snprintf(err, errlen, "%s: cannot remove an earlier run's file: %s", path, strerror(errno));
		rc = -1;
	}
	free(path);
	return rc;
}

int ehp_out_dir_sync(const char *dir, char *err, size_t errlen)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	/* Some file systems cannot sync a folder (EINVAL): nothing more to do. */
	if (fd < 0 || (fsync(fd) != 0 && errno != EINVAL && errno != EBADF)) {
		snprintf(err, errlen, "%s: cannot sync the output folder: %s", dir, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	close(fd);
	return 0;
}
