/*
 * test_audit.c - the auditors' sample (audit.c): the N smallest ranks of
 * SHA-256("SEED:ID"), whatever order the families come in; all of them
 * when fewer are claimable; another seed, another sample; which seeds are
 * taken.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "audit.h"
#include "mem.h"
#include "sha256.h"

enum { FAMILIES = 40 };

/* Offers families F00..F39 in the order `order` gives (a permutation, or
 * NULL: in turn) and writes the kept ids, ';'-joined, into out. */
static void draw(const char *seed, size_t want, const int *order, char *out, size_t cap)
{
	ehp_audit_sample s = { .seed = seed, .want = want };
	for (int i = 0; i < FAMILIES; i++) {
		char id[8];
		snprintf(id, sizeof id, "F%02d", order ? order[i] : i);
		uint64_t rank = ehp_sample_rank(seed, id);
		if (rank <= ehp_sample_bound(&s)) /* as run.c does: only these are explained */
			ehp_sample_offer(&s, rank, id, ehp_xprintf("explanation of %s\n", id));
	}
	out[0] = '\0';
	for (size_t i = 0; i < s.n; i++) {
		assert_true(i == 0 || s.kept[i - 1].rank <= s.kept[i].rank);
		assert_non_null(strstr(s.kept[i].text, s.kept[i].id));
		strncat(out, s.kept[i].id, cap - strlen(out) - 1);
		strncat(out, ";", cap - strlen(out) - 1);
	}
	ehp_sample_free(&s);
}

static void test_same_sample_any_order(void **state)
{
	(void)state;
	char in_turn[512], reversed[512], shuffled[512];
	int rev[FAMILIES], mix[FAMILIES];
	for (int i = 0; i < FAMILIES; i++) {
		rev[i] = FAMILIES - 1 - i;
		mix[i] = (i * 7) % FAMILIES; /* 7 and 40 are coprime: a permutation */
	}
	draw("42", 5, NULL, in_turn, sizeof in_turn);
	draw("42", 5, rev, reversed, sizeof reversed);
	draw("42", 5, mix, shuffled, sizeof shuffled);
	assert_string_equal(in_turn, reversed);
	assert_string_equal(in_turn, shuffled);
	assert_int_equal(strlen(in_turn), 5 * 4);

	/* Another seed draws another sample. */
	char other[512];
	draw("43", 5, NULL, other, sizeof other);
	assert_string_not_equal(in_turn, other);
}

/* Asked for more than there are: every family, in rank order. */
static void test_larger_than_claimable(void **state)
{
	(void)state;
	char all[512];
	draw("42", 1000, NULL, all, sizeof all);
	assert_int_equal(strlen(all), FAMILIES * 4);
}

/* The rank is the first 64 bits of SHA-256("SEED:ID"): anyone can draw the
 * sample again with sha256sum. */
static void test_rank_is_documented_hash(void **state)
{
	(void)state;
	char hex[65];
	sha256_hex("42:F07", 6, hex);
	uint64_t want = strtoull((char[17]){ hex[0], hex[1], hex[2], hex[3], hex[4], hex[5], hex[6], hex[7], hex[8],
	                                     hex[9], hex[10], hex[11], hex[12], hex[13], hex[14], hex[15], 0 },
	                         NULL, 16);
	assert_true(ehp_sample_rank("42", "F07") == want);
}

static void test_seeds(void **state)
{
	(void)state;
	assert_true(ehp_seed_ok("42"));
	assert_true(ehp_seed_ok("audit-2025_Q1.v2"));
	assert_false(ehp_seed_ok(""));
	assert_false(ehp_seed_ok("two words"));
	assert_false(ehp_seed_ok("a:b"));
	assert_false(ehp_seed_ok("\x1b[2J"));
	char long_seed[66];
	memset(long_seed, 'a', 65);
	long_seed[65] = '\0';
	assert_false(ehp_seed_ok(long_seed));
	long_seed[64] = '\0';
	assert_true(ehp_seed_ok(long_seed));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_sample_any_order),
		cmocka_unit_test(test_larger_than_claimable),
		cmocka_unit_test(test_rank_is_documented_hash),
		cmocka_unit_test(test_seeds),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
