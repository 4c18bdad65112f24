/*
 * sha256.h - SHA-256 (FIPS 180-4): the plan's fingerprint (ehpc) and the
 * input files' in an evaluator's receipt, so every result can be traced to
 * the exact plan text and data it came from.
 */
#ifndef EHP_SHA256_H
#define EHP_SHA256_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
	uint32_t h[8];
	unsigned char buf[64];
	size_t fill;      /* bytes waiting in buf */
	uint64_t total;   /* bytes hashed */
} sha256_ctx;

void sha256_init(sha256_ctx *c);
void sha256_update(sha256_ctx *c, const void *data, size_t len);
/* Writes 64 lower-case hex digits and a NUL. */
void sha256_final(sha256_ctx *c, char out[65]);

/* The digest of a buffer, in one call. */
void sha256_hex(const void *data, size_t len, char out[65]);
/* The digest of a whole stream, read to its end; -1 on a read error. */
int sha256_stream(FILE *f, char out[65], uint64_t *bytes);

#endif
