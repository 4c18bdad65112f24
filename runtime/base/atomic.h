/*
 * atomic.h - files written whole or not at all, and output folders used by
 * one run at a time. The one way the runtime (and ehpc) write a file.
 *
 * A file is written to NAME.tmp.PID beside it, created afresh (never
 * following a link, never reusing a file someone left there), private to
 * the user (0600, whatever the umask: the data is about children), and
 * renamed over NAME only when complete and on disk.
 */
#ifndef EHP_ATOMIC_H
#define EHP_ATOMIC_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
	FILE *f;
	char *tmp, *path;
	FILE *raw;                  /* with ehp_out_hash_writes: the file's own stream, f hashing into it */
	struct ehp_out_hash *hash;  /* the digest of what f has written (atomic.c) */
} ehp_outfile;

/* DIR/NAME, private (0600). Returns 0, or -1 with a message in err. A file
 * already at the temporary name (a planted link, or one left by a killed
 * run with the same process id) is removed first, never written through. */
int ehp_out_open(ehp_outfile *o, const char *dir, const char *name, char *err, size_t errlen);
/* The same for any path, the file given exactly `mode` (ehpc's C and
 * documents are not private; a plan rewritten in place keeps its mode). */
int ehp_out_open_path(ehp_outfile *o, const char *path, unsigned mode, char *err, size_t errlen);
/* From now on f hashes the bytes it writes as the file takes them, so that
 * ehp_out_finish_digest need not read a large output back, and its hashing
 * is done while the run goes on. f can then be seeked only to its start,
 * which empties the file and the digest (a run that reads its input again
 * writes its outputs again), and has no file descriptor (fileno: -1).
 * Returns 0, or -1 with a message (o is then aborted). */
int ehp_out_hash_writes(ehp_outfile *o, char *err, size_t errlen);
/* Flushes, syncs and closes the temporary file; on any failure removes it
 * and returns -1 with a message. Finish every output before publishing any,
 * so a failed write leaves the previous run's files as they were. */
int ehp_out_finish(ehp_outfile *o, char *err, size_t errlen);
/* finish, and the SHA-256 (64 hex digits) and size of the bytes that reached
 * the file: those the file took, as it took them (ehp_out_hash_writes) when
 * they are all the file holds, else read back from it once it is synced
 * (from the page cache); either way the digest is of what will be
 * published, not of what was meant. */
int ehp_out_finish_digest(ehp_outfile *o, char hex[65], uint64_t *bytes, char *err, size_t errlen);
/* Renames a finished file into place. */
int ehp_out_publish(ehp_outfile *o, char *err, size_t errlen);
/* finish, then publish. */
int ehp_out_commit(ehp_outfile *o, char *err, size_t errlen);
/* Closes and removes the temporary file; harmless on a zeroed or published
 * outfile. */
void ehp_out_abort(ehp_outfile *o);

/* An output folder held by this run: created if missing (mode 0700; *made
 * says so), locked against another run writing it at the same time (a lock
 * on DIR/.ehp-lock, released when the process ends or on release), and
 * cleared of temporary files of ehp's naming that a killed run left behind
 * (NAME.tmp.DIGITS: while the lock is held, no other run can be writing
 * one). Returns the lock's descriptor, or -1 with a message. */
int ehp_out_dir_hold(const char *dir, bool *made, char *err, size_t errlen);
void ehp_out_dir_release(int lock);
/* Opens DIR/NAME, an output file, for reading, never following a link (to
 * check it against a receipt). A descriptor, or -1 with errno set. */
int ehp_out_read(const char *dir, const char *name);
/* Removes DIR/NAME, a file an earlier run published; none there is fine.
 * 0, or -1 with a message. */
int ehp_out_remove(const char *dir, const char *name, char *err, size_t errlen);
/* Syncs the folder itself, so the renames and removals made so far reach
 * the disk before any made after (a receipt must not be renamed into place
 * on disk before the files it lists). 0, or -1 with a message. */
int ehp_out_dir_sync(const char *dir, char *err, size_t errlen);

#endif
