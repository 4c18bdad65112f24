/*
 * codegen_tests.c - the plan's table of tests (ehp_plan.tests): every test
 * the generated code calls, where the plan writes it and what it looks for
 * in the words of the plan's documents (docwords.c). A call names its test
 * by its index in this table, so the evidence can say what each test looked
 * for without a string in every family's trace.
 */
#include <stdlib.h>
#include "codegen_int.h"
#include "cstring.h"
#include "docwords.h"
#include "mem.h"

int gen_test(gen *g, const cond *k)
{
	g->tests = ehp_reserve(g->tests, &g->cap_tests, g->n_tests + 1, sizeof *g->tests);
	char *words = words_cond(g->p, k);
	if (!words)
		g->failed = true;
	g->tests[g->n_tests] = (gen_test_def){ k->loc.line, k->loc.col, words };
	return (int)g->n_tests++;
}

void gen_tests_table(gen *g, FILE *f)
{
	if (!g->n_tests)
		return;
	fputs("/* Every test the functions above call, by its index: where the plan writes it, and what it\n"
	      " * looks for (the evidence names tests by these indexes). */\n",
	      f);
	fputs("static const ehp_test_def tests[] = {\n", f);
	for (size_t i = 0; i < g->n_tests; i++) {
		fprintf(f, "\t/* %zu */ { .line = %d, .column = %d,\n\t  .text = ", i, g->tests[i].line, g->tests[i].col);
		gen_string(g, f, g->tests[i].words ? g->tests[i].words : "");
		fputs(" },\n", f);
	}
	fputs("};\n\n", f);
}

void gen_tests_free(gen *g)
{
	for (size_t i = 0; i < g->n_tests; i++)
		free(g->tests[i].words);
	free(g->tests);
	g->tests = NULL;
	g->n_tests = g->cap_tests = 0;
}
