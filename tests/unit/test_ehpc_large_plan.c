/*
 * test_ehpc_large_plan.c - the compiler's front end, checks and C back end
 * on plans far from the real ones, made at test time: 10,000 indicators
 * (and as many outcomes), one string of 8 MB, and text with NUL bytes and
 * bytes that are not UTF-8. Each is compiled in memory as ehpc would.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "codegen.h"
#include "front_helpers.h"

typedef struct {
	front *fr;       /* the tree and what was reported */
	char *c;         /* the C made (when no errors) */
	size_t c_len;
	int emitted;     /* emit_c's answer, or 1 when not called */
} compiled;

static void compile(compiled *r, const char *text, size_t len)
{
	memset(r, 0, sizeof *r);
	r->fr = front_run("big.ehp", text, len, true);
	r->emitted = 1;
	if (r->fr->p && !r->fr->d.errors) {
		r->fr->p->name = "big";
		FILE *c = open_memstream(&r->c, &r->c_len);
		assert_non_null(c);
		r->emitted = emit_c(r->fr->p, "0000", c);
		assert_int_equal(fclose(c), 0);
	}
}

static void release(compiled *r)
{
	free(r->c);
	front_done(r->fr);
}

/* A growing text buffer. */
typedef struct {
	char *s;
	size_t n, cap;
} text;

static void add(text *t, const char *fmt, ...)
{
	va_list ap;
	for (;;) {
		va_start(ap, fmt);
		int k = vsnprintf(t->s + t->n, t->cap - t->n, fmt, ap);
		va_end(ap);
		assert_true(k >= 0);
		if ((size_t)k < t->cap - t->n) {
			t->n += (size_t)k;
			return;
		}
		t->cap = t->cap ? 2 * t->cap + (size_t)k : 4096 + (size_t)k;
		t->s = realloc(t->s, t->cap);
		assert_non_null(t->s);
	}
}

static size_t occurrences(const char *hay, size_t len, const char *needle)
{
	size_t n = 0, k = strlen(needle);
	for (size_t i = 0; i + k <= len; i++)
		n += !memcmp(hay + i, needle, k);
	return n;
}

/* 10 themes of 1,000 indicators, each with an outcome serving it. */
static void test_ten_thousand_indicators(void **state)
{
	(void)state;
	text t = { 0 };
	add(&t, "plan \"Ten thousand indicators\"\n  council \"Test\"\n  revised 2024-01-01\n");
	for (int th = 1; th <= 10; th++) {
		add(&t, "theme t%d \"Theme %d\"\n", th, th);
		for (int i = 1; i <= 1000; i++)
			add(&t, "indicator %d.%d \"Indicator %d.%d, \\\"quoted\\\"\"\n  who child aged 10 to 18\n"
			        "  when any offence in %d months before entry or count police_callout in 12 months before "
			        "entry > %d\n",
			    th, i, th, i, 1 + i % 24, i % 5);
		for (int i = 1; i <= 1000; i++)
			add(&t, "outcome %d.%da \"Outcome\"\n  for indicator %d.%d\n  when no offence in 6 months after closure\n",
			    th, i, th, i);
	}
	compiled r;
	compile(&r, t.s, t.n);
	if (r.fr->d.errors)
		fail_msg("%d errors:\n%.2000s", r.fr->d.errors, r.fr->out);
	assert_int_equal(r.fr->p->indicators.n, 10000);
	assert_int_equal(r.fr->p->outcomes.n, 10000);
	assert_int_equal(r.emitted, 0);
	assert_true(r.c_len > 0);
	assert_int_equal(occurrences(r.c, r.c_len, ".n_indicators = 10000,"), 1);
	assert_int_equal(occurrences(r.c, r.c_len, ".n_outcomes = 10000,"), 1);
	assert_int_equal(occurrences(r.c, r.c_len, "static ehp_tv ind_10_1000("), 2); /* declared, defined */
	release(&r);
	free(t.s);
}

/* An indicator's wording of 8 MB, on one line: it is carried into the C. */
static void test_huge_string(void **state)
{
	(void)state;
	text t = { 0 };
	add(&t, "plan \"Huge\"\ntheme crime \"Crime\"\nindicator 1 \"");
	for (int i = 0; i < 8 * 1024; i++)
		add(&t, "%01023d", i);
	add(&t, "\" when any offence in 12 months before entry\n"
	        "outcome 1a \"y\" for indicator 1 when no offence in 6 months after closure\n");
	compiled r;
	compile(&r, t.s, t.n);
	assert_int_equal(r.fr->d.errors, 0);
	assert_int_equal(r.emitted, 0);
	assert_true(r.c_len > 8u * 1024 * 1024);
	release(&r);
	free(t.s);
}

/* NUL bytes and bytes that are not UTF-8, in names, strings and between
 * clauses: errors at the right places, none of the bytes echoed as control
 * characters, no crash. */
static void test_nul_and_not_utf8(void **state)
{
	(void)state;
	static const char plan_text[] = "plan \"T\xFF\xFE\"\n"
	                                "theme cr\0me \"Crime\"\n"
	                                "indicator 1 \"a\0b\" when any offence in 12 months before entry\n"
	                                "\xC3\x28 indicator 2 \"\xE2\x82\" when any off\xE9nce in 12 months before entry\n"
	                                "\0\0\0\n";
	compiled r;
	compile(&r, plan_text, sizeof plan_text - 1);
	assert_true(r.fr->d.errors > 0);
	assert_int_equal(r.emitted, 1); /* nothing made from a plan with errors */
	assert_non_null(strstr(r.fr->out, "big.ehp:2:"));
	assert_non_null(strstr(r.fr->out, "big.ehp:3:"));
	assert_non_null(strstr(r.fr->out, "big.ehp:4:"));
	for (size_t i = 0; i < r.fr->out_len; i++)
		if ((unsigned char)r.fr->out[i] < 0x20 && r.fr->out[i] != '\n')
			fail_msg("a control byte 0x%02x in the diagnostics:\n%s", (unsigned char)r.fr->out[i], r.fr->out);
	release(&r);

	/* only NUL bytes, only invalid bytes, and nothing */
	static const char nuls[64];
	compile(&r, nuls, sizeof nuls);
	assert_true(r.fr->d.errors > 0);
	release(&r);
	compile(&r, "\xFF\xFE\xFD\x80\x80", 5);
	assert_true(r.fr->d.errors > 0);
	release(&r);
	compile(&r, "", 0);
	assert_int_equal(r.emitted, 1);
	release(&r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ten_thousand_indicators),
		cmocka_unit_test(test_huge_string),
		cmocka_unit_test(test_nul_and_not_utf8),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
