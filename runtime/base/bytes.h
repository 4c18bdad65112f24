/*
 * bytes.h - equality of short byte strings without a call: the reader
 * compares ids and vocabulary names several times a row, where memcmp's
 * call and set-up cost more than the comparison.
 */
#ifndef EHP_BYTES_H
#define EHP_BYTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

/* Whether the n bytes at a and at b are the same: 8 at a time (the last 8
 * overlapping the ones before), never reading outside either. Ids and
 * names of 4 to 16 bytes, nearly all, take two loads from each and no
 * loop, so that names of different lengths in turn cost no mispredicted
 * branch. */
static inline bool ehp_same_bytes(const char *a, const char *b, size_t n)
{
	uint64_t x0, y0, x1, y1;
	if (n >= 8 && n <= 16) {
		memcpy(&x0, a, 8);
		memcpy(&y0, b, 8);
		memcpy(&x1, a + n - 8, 8);
		memcpy(&y1, b + n - 8, 8);
		return !((x0 ^ y0) | (x1 ^ y1));
	}
	if (n >= 4 && n < 8) {
		uint32_t u0, v0, u1, v1;
		memcpy(&u0, a, 4);
		memcpy(&v0, b, 4);
		memcpy(&u1, a + n - 4, 4);
		memcpy(&v1, b + n - 4, 4);
		return !((u0 ^ v0) | (u1 ^ v1));
	}
	if (n < 4) {
		for (size_t i = 0; i < n; i++)
			if (a[i] != b[i])
				return false;
		return true;
	}
	for (size_t i = 0; i + 8 < n; i += 8) {
		memcpy(&x0, a + i, 8);
		memcpy(&y0, b + i, 8);
		if (x0 != y0)
			return false;
	}
	memcpy(&x0, a + n - 8, 8);
	memcpy(&y0, b + n - 8, 8);
	return x0 == y0;
}

#endif
