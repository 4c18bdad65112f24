/*
 * fuzz_plan.c - libFuzzer harness for the plan front end: the input bytes
 * are a plan; it is scanned, parsed, checked and, when it has no errors,
 * turned into C in memory, exactly as ehpc does (compiler/main.c) short of
 * writing files. Diagnostics go to /dev/null: only crashes, sanitizer
 * reports and a back end that fails on a checked plan count. A plan that
 * parses is also laid out by `ehpc fmt` (compiler/fmt.c), which must accept
 * it (its result scans to the same tokens) and give the same layout again
 * when run on its own output.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen.h"
#include "docgen.h"
#include "fmt.h"
#include "frontend.h"
#include "fuzz.h"

static FILE *sink(void)
{
	static FILE *devnull;
	if (!devnull && !(devnull = fopen("/dev/null", "w")))
		abort();
	return devnull;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	arena *a = arena_new();
	diag d;
	diag_init(&d, "fuzz.ehp", text, size, sink());
	plan *p = parse_plan(a, &d, "fuzz.ehp", text, size);
	if (p && !d.errors) {
		size_t n1 = 0, n2 = 0;
		char *f1 = fmt_plan("fuzz.ehp", text, size, &n1, sink());
		fuzz_require(f1 != NULL, "ehpc fmt refused a plan that parsed");
		char *f2 = fmt_plan("fuzz.ehp", f1, n1, &n2, sink());
		fuzz_require(f2 && n2 == n1 && !memcmp(f1, f2, n1), "ehpc fmt is not idempotent");
		free(f1);
		free(f2);
	}
	if (p) {
		p->name = "fuzz";
		check_plan(a, &d, p);
	}
	if (p && !d.errors) {
		char *c = NULL;
		size_t n = 0;
		FILE *out = open_memstream(&c, &n);
		if (!out)
			abort();
		/* A checked plan must always make C; anything else is a bug. */
		fuzz_require(emit_c(p, "0000", out) == 0, "emit_c failed on a plan that passed its checks");
		fuzz_require(fclose(out) == 0 && n > 0, "emit_c wrote nothing");
		free(c);
		/* ... and a document, quoting its rules from the text by their spans. */
		out = open_memstream(&c, &n);
		if (!out)
			abort();
		fuzz_require(emit_doc(p, text, size, out) == 0, "emit_doc failed on a plan that passed its checks");
		fuzz_require(fclose(out) == 0 && n > 0, "emit_doc wrote nothing");
		free(c);
	}
	arena_free(a);
	return 0;
}
