/*
 * sha256.h - SHA-256 (FIPS 180-4) of a buffer, for the plan's fingerprint:
 * every result an evaluator writes can be traced to the exact plan text.
 */
#ifndef EHPC_SHA256_H
#define EHPC_SHA256_H

#include <stddef.h>

/* Writes 64 lower-case hex digits and a NUL. */
void sha256_hex(const void *data, size_t len, char out[65]);

#endif
