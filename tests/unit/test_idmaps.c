/*
 * test_idmaps.c - the reader's maps of ids (idmap.h, personmap.h) find
 * every key put, by its bytes alone, whether the key is held in the slot
 * (16 bytes or fewer) or by pointer (longer), through growth, and find
 * nothing else: a prefix, a longer key, a key with a NUL byte, the same
 * person id in another family. The two-step lookup (hash, fetch, get)
 * gives the same answers as the one-step one.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include "idmap.h"
#include "mem.h"
#include "personmap.h"

enum { N = 5000 };

/* Key i: short ("F0000123"), exactly 16 bytes, or long (past the slot). */
static void key(size_t i, char out[64])
{
	switch (i % 3) {
	case 0: snprintf(out, 64, "F%07zu", i); break;
	case 1: snprintf(out, 64, "P%015zu", i); break;
	default: snprintf(out, 64, "a-council-uuid-%08zu-0000-0000", i); break;
	}
}

static void test_idmap(void **state)
{
	(void)state;
	char *keys[N];
	ehp_idmap m = { 0 };
	assert_true(ehp_idmap_get(&m, "F0000001", 8) == EHP_IDMAP_NONE); /* empty */
	ehp_idmap_reserve(&m, N); /* room made at once: no growth below */
	size_t cap = m.cap;
	assert_true(cap >= 2 * N);
	for (size_t i = 0; i < N; i++) {
		char k[64];
		key(i, k);
		keys[i] = strdup(k);
		if (i % 2) { /* looked up first, then stored with the hash found */
			size_t len = strlen(keys[i]);
			uint64_t h = ehp_idmap_hash(keys[i], len);
			assert_true(ehp_idmap_get_hashed(&m, keys[i], len, h) == EHP_IDMAP_NONE);
			ehp_idmap_put_new_hashed(&m, keys[i], len, h, i);
		} else {
			assert_true(ehp_idmap_put(&m, keys[i], i) == i);
		}
	}
	assert_int_equal(m.n, N);
	assert_int_equal(m.cap, cap);
	for (size_t i = 0; i < N; i++) {
		size_t len = strlen(keys[i]);
		assert_true(ehp_idmap_put(&m, keys[i], i + 1) == i); /* present: kept */
		assert_true(ehp_idmap_get(&m, keys[i], len) == i);
		uint64_t h = ehp_idmap_hash(keys[i], len);
		ehp_idmap_prefetch(&m, h);
		assert_true(ehp_idmap_get_hashed(&m, keys[i], len, h) == i);
		assert_true(ehp_idmap_get(&m, keys[i], len - 1) == EHP_IDMAP_NONE);
		char longer[80];
		snprintf(longer, sizeof longer, "%sx", keys[i]);
		assert_true(ehp_idmap_get(&m, longer, len + 1) == EHP_IDMAP_NONE);
		char nul[80];
		memcpy(nul, keys[i], len + 1);
		nul[len / 2] = '\0';
		assert_true(ehp_idmap_get(&m, nul, len) == EHP_IDMAP_NONE);
	}
	ehp_idmap_free(&m);
	for (size_t i = 0; i < N; i++)
		free(keys[i]);
}

static void test_personmap(void **state)
{
	(void)state;
	char *ids[N];
	ehp_personmap m = { 0 };
	assert_true(ehp_personmap_get(&m, 0, "P1", 2) == EHP_PERSONMAP_NONE);
	ehp_personmap_put(&m, 9, "P1", UINT64_MAX - 1); /* a value of 64 bits, kept whole */
	assert_true(ehp_personmap_get(&m, 9, "P1", 2) == UINT64_MAX - 1);
	/* The same ids in two families, as other people. */
	for (size_t i = 0; i < N; i++) {
		char k[64];
		key(i, k);
		ids[i] = strdup(k);
		ehp_personmap_put(&m, (uint32_t)(i % 7), ids[i], (uint32_t)i);
		ehp_personmap_put(&m, (uint32_t)(i % 7 + 100), ids[i], (uint32_t)(i + N));
	}
	assert_int_equal(m.n, 2 * N + 1);
	for (size_t i = 0; i < N; i++) {
		size_t len = strlen(ids[i]);
		uint32_t f = (uint32_t)(i % 7);
		assert_int_equal(ehp_personmap_get(&m, f, ids[i], len), i);
		assert_int_equal(ehp_personmap_get(&m, f + 100, ids[i], len), i + N);
		uint64_t h = ehp_personmap_hash(f, ids[i], len);
		ehp_personmap_prefetch(&m, h);
		assert_int_equal(ehp_personmap_get_hashed(&m, f, ids[i], len, h), i);
		assert_true(ehp_personmap_get(&m, f + 1, ids[i], len) == EHP_PERSONMAP_NONE);
		assert_true(ehp_personmap_get(&m, f, ids[i], len - 1) == EHP_PERSONMAP_NONE);
	}
	ehp_personmap_free(&m);
	for (size_t i = 0; i < N; i++)
		free(ids[i]);
}

/* Pairs stored in a run and taken back newest first leave the map as it
 * was: every pair before the run found, none of the run's, and the same
 * run stored again afterwards. */
static void test_personmap_put_new(void **state)
{
	(void)state;
	char *ids[N];
	ehp_personmap m = { 0 };
	for (size_t i = 0; i < N; i++) {
		char k[64];
		key(i, k);
		ids[i] = strdup(k);
	}
	size_t half = N / 2;
	for (size_t i = 0; i < half; i++)
		ehp_personmap_put(&m, (uint32_t)(i % 5), ids[i], (uint32_t)i);
	size_t cap = m.cap;
	ehp_personmap_reserve(&m, N - half + 1);
	assert_true(m.cap >= 2 * (N + 1));
	assert_true(m.cap >= cap);
	size_t slot[N];
	size_t n = 0;
	for (size_t i = half; i < N; i++) {
		size_t len = strlen(ids[i]);
		uint64_t h = ehp_personmap_hash((uint32_t)(i % 5), ids[i], len);
		slot[n] = ehp_personmap_put_new(&m, (uint32_t)(i % 5), ids[i], len, h, (uint32_t)i);
		assert_true(slot[n] != EHP_PERSONMAP_NO_SLOT);
		n++;
	}
	/* One already there: nothing stored. */
	size_t len0 = strlen(ids[3]);
	uint64_t h0 = ehp_personmap_hash(3, ids[3], len0);
	assert_true(ehp_personmap_put_new(&m, 3, ids[3], len0, h0, 99) == EHP_PERSONMAP_NO_SLOT);
	assert_int_equal(ehp_personmap_get(&m, 3, ids[3], len0), 3);
	assert_int_equal(m.n, N);
	while (n > 0)
		ehp_personmap_unput(&m, slot[--n]);
	assert_int_equal(m.n, half);
	for (size_t i = 0; i < N; i++) {
		size_t len = strlen(ids[i]);
		assert_true(ehp_personmap_get(&m, (uint32_t)(i % 5), ids[i], len) == (i < half ? i : EHP_PERSONMAP_NONE));
	}
	for (size_t i = half; i < N; i++) {
		size_t len = strlen(ids[i]);
		uint64_t h = ehp_personmap_hash((uint32_t)(i % 5), ids[i], len);
		ehp_personmap_put_hashed(&m, (uint32_t)(i % 5), ids[i], len, h, (uint32_t)(i + 1));
	}
	for (size_t i = 0; i < N; i++)
		assert_int_equal(ehp_personmap_get(&m, (uint32_t)(i % 5), ids[i], strlen(ids[i])),
		                 i < half ? (uint32_t)i : (uint32_t)(i + 1));
	ehp_personmap_free(&m);
	for (size_t i = 0; i < N; i++)
		free(ids[i]);
}

/* Ids of every length a slot tells apart by its words and length: 0 to 3
 * bytes (bytes), 4 to 7 (two halves), 8 to 16 (two overlapping words),
 * longer (by pointer); ids whose words are alike but lengths differ
 * ("AAAAAAAAA" and "AAAAAAAAAA" have the same first and last 8 bytes),
 * and ids alike but for one byte anywhere in them. Stored in a table
 * reserved for exactly them, at most half full: many probe past others. */
static void test_idmap_lengths(void **state)
{
	(void)state;
	enum { LONGEST = 40, PER = 40 };
	static char keys[LONGEST + 1][PER][LONGEST + 1];
	ehp_idmap m = { 0 };
	ehp_idmap_reserve(&m, (LONGEST + 1) * PER);
	size_t cap = m.cap;
	for (size_t len = 0; len <= LONGEST; len++)
		for (size_t k = 0; k < PER; k++) {
			memset(keys[len][k], 'A', len);
			keys[len][k][len] = '\0';
			if (len && k) /* one byte set apart, at a place that moves with k */
				keys[len][k][k % len] = (char)('a' + (char)(k % 26)) + (char)(k / 26);
			if (len == 0 && k)
				continue; /* one empty id */
			size_t had = ehp_idmap_get(&m, keys[len][k], len);
			if (had == EHP_IDMAP_NONE)
				ehp_idmap_put_new_hashed(&m, keys[len][k], len, ehp_idmap_hash(keys[len][k], len), len * PER + k);
		}
	assert_int_equal(m.cap, cap);
	for (size_t len = 0; len <= LONGEST; len++)
		for (size_t k = 0; k < PER; k++) {
			if (len == 0 && k)
				continue;
			size_t want = ehp_idmap_get(&m, keys[len][k], len);
			assert_true(want != EHP_IDMAP_NONE);
			/* the first key put with these bytes: the same length, and the same bytes */
			size_t wl = want / PER, wk = want % PER;
			assert_int_equal(wl, len);
			assert_memory_equal(keys[wl][wk], keys[len][k], len);
		}
	ehp_idmap_free(&m);
}

/* The same id in many families, the table grown from its smallest while
 * they go in: each found in its own family only, with its own value. */
static void test_personmap_families(void **state)
{
	(void)state;
	const char *ids[] = { "", "7", "P12", "P123", "P1234567", "P12345678", "P123456789012345",
	                      "P1234567890123456", "a-council-uuid-00000001-0000-0000" };
	enum { FAMILIES = 3000 };
	size_t n_ids = sizeof ids / sizeof *ids;
	ehp_personmap m = { 0 };
	for (uint32_t f = 0; f < FAMILIES; f++)
		for (size_t i = 1; i < n_ids; i++)
			ehp_personmap_put(&m, f, ids[i], (uint64_t)f << 32 | i);
	assert_int_equal(m.n, FAMILIES * (n_ids - 1));
	for (uint32_t f = 0; f < FAMILIES; f++)
		for (size_t i = 0; i < n_ids; i++) {
			size_t len = strlen(ids[i]);
			uint64_t want = i ? (uint64_t)f << 32 | i : EHP_PERSONMAP_NONE;
			assert_true(ehp_personmap_get(&m, f, ids[i], len) == want);
		}
	assert_true(ehp_personmap_get(&m, FAMILIES, ids[3], strlen(ids[3])) == EHP_PERSONMAP_NONE);
	ehp_personmap_free(&m);
}

/* A map emptied keeps its table and finds nothing it held, then takes
 * the same pairs again with other values. */
static void test_personmap_clear(void **state)
{
	(void)state;
	char *ids[N];
	ehp_personmap m = { 0 };
	for (size_t i = 0; i < N; i++) {
		char k[64];
		key(i, k);
		ids[i] = strdup(k);
		ehp_personmap_put(&m, (uint32_t)(i % 3), ids[i], i);
	}
	size_t cap = m.cap;
	ehp_personmap_clear(&m);
	assert_int_equal(m.n, 0);
	assert_int_equal(m.cap, cap);
	for (size_t i = 0; i < N; i++)
		assert_true(ehp_personmap_get(&m, (uint32_t)(i % 3), ids[i], strlen(ids[i])) == EHP_PERSONMAP_NONE);
	for (size_t i = 0; i < N; i++)
		ehp_personmap_put(&m, (uint32_t)(i % 3), ids[i], i + 7);
	assert_int_equal(m.cap, cap);
	for (size_t i = 0; i < N; i++)
		assert_true(ehp_personmap_get(&m, (uint32_t)(i % 3), ids[i], strlen(ids[i])) == i + 7);
	ehp_personmap_free(&m);
	for (size_t i = 0; i < N; i++)
		free(ids[i]);
}

/* The tables start on a cache line, so no 32-byte slot spans two. */
static void test_slots_aligned(void **state)
{
	(void)state;
	for (size_t more = 1; more < 100000; more *= 7) {
		ehp_idmap m = { 0 };
		ehp_idmap_reserve(&m, more);
		assert_int_equal((uintptr_t)m.slots % 64, 0);
		assert_int_equal(sizeof *m.slots, 32);
		ehp_idmap_free(&m);
	}
}

/* Tables of 2 MB and more are mapped on their own, on a huge page's
 * boundary (keyslots.c): a map grown from its smallest table (allocated)
 * past that size (mapped), one reserved big at once, emptied and filled
 * again, finds every key it holds and no other, whichever way it was
 * made; and every slot of a big table is zero at first. */
static void test_big_tables(void **state)
{
	(void)state;
	enum { KEYS = 200000, BIG_SLOTS = (2 << 20) / 32 };
	char **keys = ehp_xmalloc(KEYS * sizeof *keys); /* a long key is held by its pointer */
	for (size_t i = 0; i < KEYS; i++) {
		char k[64];
		key(i, k);
		keys[i] = strdup(k);
	}
	ehp_personmap grown = { 0 }, reserved = { 0 };
	ehp_personmap_reserve(&reserved, KEYS);
	assert_true(reserved.cap >= BIG_SLOTS);
	assert_int_equal((uintptr_t)reserved.slots % (2 << 20), 0);
	for (size_t i = 0; i < reserved.cap; i++)
		assert_int_equal(reserved.slots[i].len1, 0);
	size_t small_cap = 0;
	for (size_t i = 0; i < KEYS; i++) {
		ehp_personmap_put(&grown, (uint32_t)(i % 1000), keys[i], i);
		if (!small_cap)
			small_cap = grown.cap;
	}
	assert_true(small_cap < BIG_SLOTS);
	assert_true(grown.cap >= BIG_SLOTS);
	assert_int_equal((uintptr_t)grown.slots % (2 << 20), 0);
	for (size_t round = 0; round < 2; round++) {
		for (size_t i = 0; i < KEYS; i++)
			ehp_personmap_put(&reserved, (uint32_t)(i % 1000), keys[i], i + round);
		for (size_t i = 0; i < KEYS; i += 7) {
			size_t len = strlen(keys[i]);
			assert_int_equal(ehp_personmap_get(&grown, (uint32_t)(i % 1000), keys[i], len), i);
			assert_int_equal(ehp_personmap_get(&reserved, (uint32_t)(i % 1000), keys[i], len), i + round);
			assert_true(ehp_personmap_get(&reserved, (uint32_t)(i % 1000 + 1), keys[i], len) == EHP_PERSONMAP_NONE);
		}
		if (!round) { /* emptied: its big table kept, and nothing found */
			size_t cap = reserved.cap;
			ehp_personmap_clear(&reserved);
			assert_int_equal(reserved.cap, cap);
			assert_true(ehp_personmap_get(&reserved, 0, keys[0], strlen(keys[0])) == EHP_PERSONMAP_NONE);
		}
	}
	ehp_personmap_free(&grown);
	ehp_personmap_free(&reserved);
	assert_true(reserved.cap == 0 && reserved.slots == NULL);
	for (size_t i = 0; i < KEYS; i++)
		free(keys[i]);
	free(keys);
}

/* Keys whose home is the table's last slot (the hash's low bits: every
 * bit set) run on past the end into its first slots; each is found
 * there, and so is a key whose home is the first slot, probing past them. */
static void test_wrap_around(void **state)
{
	(void)state;
	enum { AT_END = 5 };
	ehp_idmap m = { 0 };
	ehp_idmap_reserve(&m, 16);
	size_t last = m.cap - 1;
	char ends[AT_END][32], first[32] = "";
	size_t n_end = 0;
	for (size_t i = 0; n_end < AT_END || !*first; i++) {
		char k[32];
		snprintf(k, sizeof k, "%s%zu", i % 2 ? "F" : "a-council-family-", i); /* short and long ids */
		size_t home = ehp_idmap_hash(k, strlen(k)) & last;
		if (home == last && n_end < AT_END)
			memcpy(ends[n_end++], k, sizeof k);
		else if (home == 0 && !*first)
			memcpy(first, k, sizeof k);
	}
	for (size_t i = 0; i < AT_END; i++)
		assert_true(ehp_idmap_put(&m, ends[i], i) == i);
	assert_true(ehp_idmap_put(&m, first, AT_END) == AT_END);
	for (size_t i = 0; i < AT_END; i++) { /* the last slot, then the first ones */
		size_t len = strlen(ends[i]);
		size_t at = ehp_keyslots_find(&m, ends[i], len, ehp_key_of(ends[i], len), ehp_idmap_hash(ends[i], len), 0);
		assert_int_equal(at, i == 0 ? last : i - 1);
		assert_int_equal(ehp_idmap_get(&m, ends[i], len), i);
	}
	assert_int_equal(ehp_idmap_get(&m, first, strlen(first)), AT_END);
	ehp_idmap_free(&m);
}

/* The maps' tables: zeroed whatever their size, every byte usable. */
static void test_calloc_written(void **state)
{
	(void)state;
	const size_t sizes[] = { 0, 1, 4095, 4096, 4097, 3 << 20 };
	for (size_t i = 0; i < sizeof sizes / sizeof *sizes; i++) {
		unsigned char *p = ehp_xcalloc_written(sizes[i], 1);
		for (size_t k = 0; k < sizes[i]; k++)
			assert_int_equal(p[k], 0);
		memset(p, 0xAB, sizes[i]);
		free(p);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_idmap),
		cmocka_unit_test(test_personmap),
		cmocka_unit_test(test_personmap_put_new),
		cmocka_unit_test(test_calloc_written),
		cmocka_unit_test(test_idmap_lengths),
		cmocka_unit_test(test_personmap_families),
		cmocka_unit_test(test_slots_aligned),
		cmocka_unit_test(test_personmap_clear),
		cmocka_unit_test(test_big_tables),
		cmocka_unit_test(test_wrap_around),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
