/*
 * test_name_index.c - the reader's indexes of the vocabulary's names find
 * every record type, detail and flag, in any case, and nothing else: the
 * same answers as the vocabulary's own lookups.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdbool.h>
#include <string.h>
#include "name_index.h"
#include "values.h"

static void upper(const char *s, char *out)
{
	for (; *s; s++)
		*out++ = *s >= 'a' && *s <= 'z' ? (char)(*s - 'a' + 'A') : *s;
	*out = '\0';
}

static void every_name_found(const char *const *names, int n, int (*lookup)(const char *, size_t))
{
	ehp_name_index x;
	ehp_name_index_init(&x, names, n);
	for (int i = 0; i < n; i++) {
		char up[256];
		upper(names[i], up);
		size_t len = strlen(names[i]);
		assert_int_equal(ehp_name_index_find(&x, names[i], len), i);
		assert_int_equal(ehp_name_index_find(&x, up, len), i);
		assert_int_equal(lookup(up, len), i);
		if (len) { /* a prefix and a longer name: what the vocabulary says of them */
			assert_int_equal(ehp_name_index_find(&x, names[i], len - 1), lookup(names[i], len - 1));
			char longer[260];
			memcpy(longer, names[i], len);
			longer[len] = 's';
			assert_int_equal(ehp_name_index_find(&x, longer, len + 1), lookup(longer, len + 1));
		}
	}
	/* Each byte with its 0x20 bit flipped, which the hash does not see: a
	 * letter's other case is the name, anything else ('_' as DEL, a
	 * digit as a control byte) is not. */
	for (int i = 0; i < n; i++) {
		char s[256];
		size_t len = strlen(names[i]);
		memcpy(s, names[i], len);
		for (size_t j = 0; j < len; j++) {
			char was = s[j];
			s[j] = (char)(was ^ 0x20);
			bool letter = was >= 'a' && was <= 'z';
			assert_int_equal(ehp_name_index_find(&x, s, len), letter ? i : lookup(s, len));
			s[j] = was;
		}
	}
	static const char *const wrong[] = { "offense", " offence", "offence ", "parent;", "\xc3\xa9", "_" };
	for (size_t i = 0; i < sizeof wrong / sizeof *wrong; i++)
		assert_int_equal(ehp_name_index_find(&x, wrong[i], strlen(wrong[i])), -1);
	assert_int_equal(ehp_name_index_find(&x, "off\0ence", 8), -1);
}

static void test_types(void **state)
{
	(void)state;
	for (int i = 0; i < EHP_N_TYPES; i++)
		assert_string_equal(ehp_type_name_list[i], ehp_types[i].name);
	every_name_found(ehp_type_name_list, EHP_N_TYPES, ehp_data_type);
}

static void test_details(void **state)
{
	(void)state;
	every_name_found(ehp_detail_names, EHP_N_DETAILS, ehp_data_detail);
}

static void test_flags(void **state)
{
	(void)state;
	every_name_found(ehp_flag_names, EHP_N_FLAGS, ehp_data_flag);
}

/* Roles: the index finds them as written or in other case; one written
 * with spaces or hyphens is left to ehp_role_lookup (rows.c). */
static void test_roles(void **state)
{
	(void)state;
	every_name_found(ehp_role_names, EHP_N_ROLES, ehp_role_lookup);
	ehp_name_index x;
	ehp_name_index_init(&x, ehp_role_names, EHP_N_ROLES);
	assert_int_equal(ehp_name_index_find(&x, "Social Worker", 13), -1);
	assert_true(ehp_role_lookup("Social Worker", 13) >= 0);
}

/* Names of every length from 1 to 40: those of up to 32 bytes are kept in
 * the index and compared by overlapping words, longer ones at their
 * pointer. A byte changed anywhere is noticed; a capital anywhere is not. */
static void every_length_and_position(void **state)
{
	(void)state;
	enum { N = 40 };
	static char store[N][N + 1];
	const char *names[N];
	for (int i = 0; i < N; i++) {
		for (int j = 0; j <= i; j++)
			store[i][j] = (char)('a' + (i * 7 + j * 3) % 26);
		names[i] = store[i];
	}
	ehp_name_index x;
	ehp_name_index_init(&x, names, N);
	for (int i = 0; i < N; i++) {
		size_t len = (size_t)i + 1;
		char s[N + 1];
		memcpy(s, names[i], len);
		assert_int_equal(ehp_name_index_find(&x, s, len), i);
		for (size_t j = 0; j < len; j++) {
			s[j] = (char)(names[i][j] - 'a' + 'A');
			assert_int_equal(ehp_name_index_find(&x, s, len), i);
			s[j] = '#';
			assert_int_equal(ehp_name_index_find(&x, s, len), -1);
			s[j] = names[i][j];
		}
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_types),
		cmocka_unit_test(test_details),
		cmocka_unit_test(test_flags),
		cmocka_unit_test(test_roles),
		cmocka_unit_test(every_length_and_position),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
