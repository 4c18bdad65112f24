/*
 * map_helpers.h - a mapping file parsed from a string, for the mapping
 * tests: its count of errors, and what was said (diag, to free).
 */
#ifndef EHP_TEST_MAP_HELPERS_H
#define EHP_TEST_MAP_HELPERS_H

#include <stdio.h>
#include <string.h>
#include "mapfile.h"

static inline int map_parse(const char *text, char **diag)
{
	size_t len;
	FILE *f = open_memstream(diag, &len);
	ehp_map m;
	int errors = ehp_map_parse(&m, "t.map", text, strlen(text), f);
	fclose(f);
	ehp_map_free(&m);
	return errors;
}

#endif
