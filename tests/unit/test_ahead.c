/*
 * test_ahead.c - batches filled ahead on a thread of their own (ahead.h)
 * are the batches the fill function gives called in turn: the same
 * families, ids, people and records in the same batches, the last one's
 * EHP_READ_END with it, then EHP_READ_END with nothing; the limits given
 * at a take hold for the batches begun after it; a reader stopped with
 * batches still filled, or never taken from, leaks nothing.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>
#include "ahead.h"
#include "reader_internal.h"

/* A source of n families: family i has i % 3 people and i % 5 records. */
typedef struct {
	size_t next, n;
} source;

static int fill_one(source *s, ehp_batch *b)
{
	if (s->next >= s->n)
		return EHP_READ_END;
	size_t i = s->next++;
	char id[32];
	snprintf(id, sizeof id, "F%06zu", i);
	size_t at = ehp_batch_push_family(b); /* first: it may move the families */
	ehp_batch_family *bf = &b->families[at];
	bf->id = ehp_text_keep(&b->text, id, strlen(id));
	bf->line = (uint32_t)i;
	for (size_t k = 0; k < i % 3; k++)
		ehp_batch_push_person(b, &(ehp_person){ .line = (uint32_t)k });
	for (size_t k = 0; k < i % 5; k++) {
		b->records = ehp_reserve(b->records, &b->cap_records, b->n_records + 1, sizeof *b->records);
		b->records[b->n_records++] = (ehp_record){ .line = (uint32_t)(i * 10 + k) };
	}
	bf->n_people = b->n_people - bf->people;
	bf->n_records = b->n_records - bf->records;
	return EHP_READ_MORE;
}

static int fill(void *src, ehp_batch *b, size_t max_families, size_t max_records)
{
	int rc = EHP_READ_MORE;
	while (b->n_families < max_families && b->n_records < max_records)
		if ((rc = fill_one(src, b)) != EHP_READ_MORE)
			break;
	return rc;
}

static void assert_same_batch(const ehp_batch *a, const ehp_batch *b)
{
	assert_int_equal(a->n_families, b->n_families);
	assert_int_equal(a->n_people, b->n_people);
	assert_int_equal(a->n_records, b->n_records);
	for (size_t i = 0; i < a->n_families; i++) {
		assert_string_equal(a->families[i].id, b->families[i].id);
		assert_int_equal(a->families[i].people, b->families[i].people);
		assert_int_equal(a->families[i].n_records, b->families[i].n_records);
	}
	for (size_t i = 0; i < a->n_records; i++)
		assert_int_equal(a->records[i].line, b->records[i].line);
}

/* n families in batches of max_families / max_records, ahead and not. */
static void same_batches(size_t n, size_t max_families, size_t max_records)
{
	source direct = { .n = n }, behind = { .n = n };
	ehp_ahead *a = ehp_ahead_start(fill, &behind, max_families, max_records);
	assert_non_null(a);
	ehp_batch want = { 0 }, got = { 0 };
	size_t batches = 0;
	for (int rc = EHP_READ_MORE; rc == EHP_READ_MORE; batches++) {
		ehp_batch_clear(&want);
		ehp_batch_clear(&got);
		rc = fill(&direct, &want, max_families, max_records);
		assert_int_equal(ehp_ahead_take(a, &got, max_families, max_records), rc);
		assert_same_batch(&want, &got);
	}
	assert_true(batches >= n / max_families);
	ehp_batch_clear(&got); /* after the last: nothing */
	assert_int_equal(ehp_ahead_take(a, &got, max_families, max_records), EHP_READ_END);
	assert_int_equal(got.n_families, 0);
	ehp_ahead_stop(a);
	ehp_batch_free(&want);
	ehp_batch_free(&got);
}

static void test_same_batches(void **state)
{
	(void)state;
	same_batches(0, 4, 100);
	same_batches(1, 4, 100);
	same_batches(1000, 7, 1 << 20);  /* ended by the families */
	same_batches(1000, 1 << 20, 33); /* by the records */
	same_batches(1024, 256, 16384);  /* the last batch full: one more, empty, says END */
}

/* Limits changed at a take: the batches begun after it keep them. */
static void test_new_limits(void **state)
{
	(void)state;
	source s = { .n = 500 };
	ehp_ahead *a = ehp_ahead_start(fill, &s, 10, 1 << 20);
	ehp_batch b = { 0 };
	size_t seen = 0, last = 0;
	int rc;
	while ((rc = ehp_ahead_take(a, &b, 3, 1 << 20)) == EHP_READ_MORE) {
		assert_true(b.n_families == 10 || b.n_families == 3);
		assert_true(b.n_families <= last || last != 3); /* once 3, never 10 again */
		for (size_t i = 0; i < b.n_families; i++) {
			char id[32];
			snprintf(id, sizeof id, "F%06zu", seen++);
			assert_string_equal(b.families[i].id, id);
		}
		last = b.n_families;
		ehp_batch_clear(&b);
	}
	assert_int_equal(rc, EHP_READ_END);
	assert_int_equal(seen + b.n_families, 500);
	assert_int_equal(last, 3);
	ehp_ahead_stop(a);
	ehp_batch_free(&b);
}

/* Stopped early: its thread ends, its batches are freed (the sanitizer
 * build finds a leak or a thread left). */
static void test_stop_early(void **state)
{
	(void)state;
	source s = { .n = 100000 };
	ehp_ahead *a = ehp_ahead_start(fill, &s, 16, 1 << 20);
	ehp_batch b = { 0 };
	assert_int_equal(ehp_ahead_take(a, &b, 16, 1 << 20), EHP_READ_MORE);
	assert_string_equal(b.families[0].id, "F000000");
	ehp_ahead_stop(a);
	assert_true(s.next < s.n);
	ehp_batch_free(&b);
	source none = { .n = 10 };
	ehp_ahead_stop(ehp_ahead_start(fill, &none, 4, 100)); /* never taken from */
	ehp_ahead_stop(NULL);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_same_batches),
		cmocka_unit_test(test_new_limits),
		cmocka_unit_test(test_stop_early),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
