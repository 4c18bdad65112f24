/*
 * test_str_cmp.c - ehp_str_cmp (read/rows.h), the streamed reader's order
 * of family ids: its inline way (ids of one length, 8 to 16 bytes) must
 * give memcmp's sign, a shorter prefix first, at every length from 0 to
 * 24, with a difference at every place (high bytes too: unsigned order),
 * and the bytes held in blocks of exactly their length (ASan in make
 * check catches a read past either).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "rows.h"

static int sign(int c)
{
	return (c > 0) - (c < 0);
}

/* The order ehp_str_cmp must give: bytes unsigned, then the shorter. */
static int expected(const char *a, size_t an, const char *b, size_t bn)
{
	int c = memcmp(a, b, an < bn ? an : bn);
	if (c)
		return sign(c);
	return (an > bn) - (an < bn);
}

static char *copy(const char *s, size_t n)
{
	char *p = malloc(n ? n : 1);
	assert_non_null(p);
	memcpy(p, s, n);
	return p;
}

static void test_one_length_every_place(void **state)
{
	(void)state;
	static const unsigned char values[] = { 0x00, 0x01, '0', '9', 'F', 0x7f, 0x80, 0xff };
	for (size_t n = 0; n <= 24; n++) {
		char base[24];
		for (size_t i = 0; i < n; i++)
			base[i] = (char)('A' + (i * 5 + n) % 26);
		char *a = copy(base, n), *b = copy(base, n);
		assert_int_equal(ehp_str_cmp((ehp_str){ a, n }, (ehp_str){ b, n }), 0);
		for (size_t i = 0; i < n; i++) {
			for (size_t v = 0; v < sizeof values; v++) {
				b[i] = (char)values[v];
				int want = expected(a, n, b, n);
				assert_int_equal(sign(ehp_str_cmp((ehp_str){ a, n }, (ehp_str){ b, n })), want);
				assert_int_equal(sign(ehp_str_cmp((ehp_str){ b, n }, (ehp_str){ a, n })), -want);
			}
			b[i] = a[i];
		}
		free(a);
		free(b);
	}
}

/* Different lengths: a prefix first, else the first difference. */
static void test_lengths_differ(void **state)
{
	(void)state;
	static const char id[] = "F000000123456789ABCDEFGH";
	for (size_t an = 0; an <= 24; an++)
		for (size_t bn = 0; bn <= 24; bn++) {
			char *a = copy(id, an), *b = copy(id, bn);
			assert_int_equal(sign(ehp_str_cmp((ehp_str){ a, an }, (ehp_str){ b, bn })), expected(a, an, b, bn));
			if (bn) {
				b[bn - 1] = 'Z';
				assert_int_equal(sign(ehp_str_cmp((ehp_str){ a, an }, (ehp_str){ b, bn })),
				                 expected(a, an, b, bn));
			}
			free(a);
			free(b);
		}
}

/* Family ids as the bench has them, in file order. */
static void test_family_ids(void **state)
{
	(void)state;
	static const char *const ids[] = { "F0000001", "F0000002", "F0000010", "F0000100", "F00001000", "F0000101" };
	for (size_t i = 0; i + 1 < sizeof ids / sizeof *ids; i++) {
		ehp_str x = { ids[i], strlen(ids[i]) }, y = { ids[i + 1], strlen(ids[i + 1]) };
		assert_true(ehp_str_cmp(x, y) < 0);
		assert_true(ehp_str_cmp(y, x) > 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_one_length_every_place),
		cmocka_unit_test(test_lengths_differ),
		cmocka_unit_test(test_family_ids),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
