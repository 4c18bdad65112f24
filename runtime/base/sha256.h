/*
 * sha256.h - SHA-256 (FIPS 180-4): the plan's fingerprint (ehpc) and the
 * input files' in an evaluator's receipt, so every result can be traced to
 * the exact plan text and data it came from. Implemented with nettle
 * (libnettle, -lnettle), which uses the CPU's SHA instructions where it has
 * them; the CSV reader (csv.h) hashes its input through the same calls.
 */
#ifndef EHP_SHA256_H
#define EHP_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
	/* nettle's struct sha256_ctx, kept opaque here so that callers need
	 * not include nettle's header (its macros rename sha256_init and
	 * sha256_update); sha256.c checks that it fits. */
	union {
		unsigned char bytes[128];
		uint64_t align;
	} state;
	uint64_t total;   /* bytes hashed */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
/* Writes 64 lower-case hex digits and a NUL. */
void sha256_final(sha256_ctx *c, char out[65]);

/* The digest of a buffer, in one call. */
void sha256_hex(const void *data, size_t len, char out[65]);

/* The digest of an open file's bytes from its start to its end, read with
 * pread (the descriptor's offset is left alone), and their number in
 * *bytes. 0, or -1 with errno set. */
int sha256_fd(int fd, char out[65], uint64_t *bytes);

#endif
