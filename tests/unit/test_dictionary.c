/*
 * test_dictionary.c - docs/data-dictionary.md is what tools/dictionary.c
 * makes of runtime/vocabulary.def today, and names every record type,
 * detail and flag. Run from the top of the tree (as make does).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "eval.h"
#include "../../tools/dictionary.h"

#define DICTIONARY "docs/data-dictionary.md"

static char *generated(void)
{
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	assert_non_null(f);
	dict_write(f);
	assert_int_equal(fclose(f), 0);
	return text;
}

static void test_up_to_date(void **state)
{
	(void)state;
	char *want = generated();
	char *have = io_read(DICTIONARY);
	if (!have)
		fail_msg("cannot read %s: run the tests from the top of the tree", DICTIONARY);
	if (strcmp(want, have) != 0)
		fail_msg("%s is out of date with runtime/vocabulary.def; regenerate it:\n"
		         "  cc -Iruntime -o /tmp/dictionary tools/dictionary.c && /tmp/dictionary > %s",
		         DICTIONARY, DICTIONARY);
	free(want);
	free(have);
}

static void test_names_everything(void **state)
{
	(void)state;
	char *text = generated();
	char cell[128];
	for (int i = 0; i < EHP_N_TYPES; i++) {
		snprintf(cell, sizeof cell, "| `%s` |", ehp_types[i].name);
		assert_contains(text, cell);
	}
	for (int i = 1; i < EHP_N_DETAILS; i++) {
		snprintf(cell, sizeof cell, "| `%s` |", ehp_detail_names[i]);
		assert_contains(text, cell);
	}
	for (int i = 0; i < EHP_N_FLAGS; i++) {
		snprintf(cell, sizeof cell, "| `%s` |", ehp_flag_names[i]);
		assert_contains(text, cell);
	}
	assert_contains(text, "| `attendance` | state | sessions (value) of possible sessions (total) |");
	assert_contains(text, "| `earnings` | event | pounds |");
	assert_contains(text, "| `assessment` | assessment |");
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_up_to_date),
		cmocka_unit_test(test_names_everything),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
