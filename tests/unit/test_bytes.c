/*
 * test_bytes.c - ehp_same_bytes (base/bytes.h), the reader's comparison of
 * ids and names: every length up to 40, a difference at every place, and
 * the bytes held in blocks of exactly their length (ASan in make check
 * catches a read past either).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "bytes.h"

static void test_every_length_and_place(void **state)
{
	(void)state;
	for (size_t n = 0; n <= 40; n++) {
		char *a = malloc(n ? n : 1), *b = malloc(n ? n : 1);
		assert_non_null(a);
		assert_non_null(b);
		for (size_t i = 0; i < n; i++)
			a[i] = b[i] = (char)('A' + (i * 7 + n) % 26);
		assert_true(ehp_same_bytes(a, b, n));
		for (size_t i = 0; i < n; i++) {
			for (int bit = 0; bit < 8; bit++) {
				b[i] = (char)(a[i] ^ (1 << bit));
				assert_false(ehp_same_bytes(a, b, n));
				assert_false(ehp_same_bytes(b, a, n));
			}
			b[i] = a[i];
		}
		assert_true(ehp_same_bytes(b, a, n));
		free(a);
		free(b);
	}
}

/* Only the n bytes count: what follows them may differ. */
static void test_bytes_after_n_ignored(void **state)
{
	(void)state;
	static const char a[] = "P000000001,F0000001", b[] = "P000000001;x";
	for (size_t n = 0; n <= 10; n++)
		assert_true(ehp_same_bytes(a, b, n));
	assert_false(ehp_same_bytes(a, b, 11));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_length_and_place),
		cmocka_unit_test(test_bytes_after_n_ignored),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
