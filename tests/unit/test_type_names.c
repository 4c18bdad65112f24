/*
 * test_type_names.c - the reader's table of record type names finds every
 * type the vocabulary has, in any case, and nothing else: the same answers
 * as the vocabulary's own lookup.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <string.h>
#include "type_names.h"
#include "values.h"

static void test_every_type_found(void **state)
{
	(void)state;
	ehp_type_names t;
	ehp_type_names_init(&t);
	for (int i = 0; i < EHP_N_TYPES; i++) {
		char upper[256];
		size_t n = ehp_types[i].len;
		for (size_t k = 0; k < n; k++)
			upper[k] = ehp_types[i].name[k] >= 'a' && ehp_types[i].name[k] <= 'z'
			                   ? (char)(ehp_types[i].name[k] - 'a' + 'A')
			                   : ehp_types[i].name[k];
		assert_int_equal(ehp_type_names_find(&t, ehp_types[i].name, n), i);
		assert_int_equal(ehp_type_names_find(&t, upper, n), i);
		assert_int_equal(ehp_data_type(upper, n), i);
	}
}

static void test_near_names_not_found(void **state)
{
	(void)state;
	ehp_type_names t;
	ehp_type_names_init(&t);
	static const char *const wrong[] = { "", "offense", "offences", "offenc", " offence", "offence ", "off\0ence", "é" };
	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++) {
		size_t n = i == 6 ? 8 : strlen(wrong[i]);
		assert_int_equal(ehp_type_names_find(&t, wrong[i], n), -1);
		assert_int_equal(ehp_data_type(wrong[i], n), -1);
	}
	/* a prefix of a real name, and a real name with more after it */
	const char *name = ehp_types[0].name;
	assert_int_equal(ehp_type_names_find(&t, name, ehp_types[0].len - 1), ehp_data_type(name, ehp_types[0].len - 1));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_type_found),
		cmocka_unit_test(test_near_names_not_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
