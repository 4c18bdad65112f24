/*
 * suggest.c - Levenshtein distance over short names, with a threshold that
 * grows with the word so that `ofence` finds `offence` but `cat` finds nothing.
 */
#include <stdlib.h>
#include <string.h>
#include "suggest.h"

static size_t distance(const char *a, const char *b, size_t limit)
{
	size_t na = strlen(a), nb = strlen(b);
	if (na > 64 || nb > 64)
		return limit + 1;
	size_t prev[65], cur[65];
	for (size_t j = 0; j <= nb; j++)
		prev[j] = j;
	for (size_t i = 1; i <= na; i++) {
		cur[0] = i;
		size_t best = cur[0];
		for (size_t j = 1; j <= nb; j++) {
			size_t sub = prev[j - 1] + (a[i - 1] != b[j - 1]);
			size_t del = prev[j] + 1, ins = cur[j - 1] + 1;
			cur[j] = sub < del ? (sub < ins ? sub : ins) : (del < ins ? del : ins);
			if (cur[j] < best)
				best = cur[j];
		}
		if (best > limit)
			return limit + 1;
		memcpy(prev, cur, (nb + 1) * sizeof *prev);
	}
	return prev[nb];
}

const char *suggest(const char *word, const char *const *candidates, size_t n)
{
	size_t len = strlen(word);
	size_t limit = len < 4 ? 1 : len < 8 ? 2 : 3;
	const char *best = NULL;
	size_t best_d = limit + 1;
	for (size_t i = 0; i < n; i++) {
		if (!candidates[i] || !*candidates[i])
			continue;
		size_t d = distance(word, candidates[i], limit);
		if (d < best_d) {
			best_d = d;
			best = candidates[i];
		}
	}
	return best;
}
