/*
 * dictionary.c - prints docs/data-dictionary.md from runtime/vocabulary.def.
 *
 *   cc -Iruntime -o /tmp/dictionary tools/dictionary.c && /tmp/dictionary > docs/data-dictionary.md
 *
 * tests/unit/test_dictionary.c fails when the checked-in file is out of date.
 */
#include "dictionary.h"

int main(void)
{
	dict_write(stdout);
	return fflush(stdout) != 0 || ferror(stdout);
}
