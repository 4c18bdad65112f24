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
 * overlapping the ones before), never reading outside either. */
static inline bool ehp_same_bytes(const char *a, const char *b, size_t n)
{
	if (n < 8) {
		for (size_t i = 0; i < n; i++)
			if (a[i] != b[i])
				return false;
		return true;
	}
	uint64_t x, y;
	for (size_t i = 0; i + 8 < n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	memcpy(&x, a + n - 8, 8);
	memcpy(&y, b + n - 8, 8);
	return x == y;
}

#endif
