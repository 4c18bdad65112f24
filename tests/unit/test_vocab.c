/*
 * test_vocab.c - the vocabulary tables and lookups, and the family index
 * (records sorted by type, date, end; the types present, their slices and
 * max_span filled).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "fixture.h"

static int lookup_type(const char *s) { return ehp_type_lookup(s, strlen(s)); }
static int lookup_detail(const char *s) { return ehp_detail_lookup(s, strlen(s)); }
static int lookup_flag(const char *s) { return ehp_flag_lookup(s, strlen(s)); }
static int lookup_role(const char *s) { return ehp_role_lookup(s, strlen(s)); }

static void test_tables(void **state)
{
	(void)state;
	assert_string_equal(ehp_types[EHP_T_offence].name, "offence");
	assert_int_equal(ehp_types[EHP_T_offence].kind, EHP_EVENT);
	assert_int_equal(ehp_types[EHP_T_attendance].kind, EHP_STATE);
	assert_int_equal(ehp_types[EHP_T_attendance].unit, EHP_UNIT_SESSIONS);
	assert_int_equal(ehp_types[EHP_T_assessment].kind, EHP_ASSESSMENT);
	assert_string_equal(ehp_detail_names[EHP_D_none], "");
	assert_string_equal(ehp_detail_names[EHP_D_family_star], "family_star");
	assert_string_equal(ehp_flag_names[EHP_F_parent], "parent");
	for (int i = 0; i < EHP_N_TYPES; i++) {
		assert_non_null(ehp_types[i].doc);
		assert_int_equal(lookup_type(ehp_types[i].name), i); /* names are unique */
	}
	for (int i = 0; i < EHP_N_DETAILS; i++)
		assert_int_equal(lookup_detail(ehp_detail_names[i]), i);
	for (int i = 0; i < EHP_N_FLAGS; i++)
		assert_int_equal(lookup_flag(ehp_flag_names[i]), i);
	for (int i = 0; i < EHP_N_ROLES; i++)
		assert_int_equal(lookup_role(ehp_role_names[i]), i);
}

/* An author's role is written by a person: case is ignored, and spaces and
 * hyphens read as underscores, as the data dictionary says. Nothing else is
 * loosened: another word is still unknown. */
static void test_role_lookup(void **state)
{
	(void)state;
	assert_int_equal(lookup_role(""), EHP_R_none);
	assert_int_equal(lookup_role("probation_officer"), EHP_R_probation_officer);
	assert_int_equal(lookup_role("probation officer"), EHP_R_probation_officer);
	assert_int_equal(lookup_role("Probation Officer"), EHP_R_probation_officer);
	assert_int_equal(lookup_role("probation-officer"), EHP_R_probation_officer);
	assert_int_equal(lookup_role("PROBATION-OFFICER"), EHP_R_probation_officer);
	assert_int_equal(lookup_role("GP"), EHP_R_gp);
	assert_int_equal(lookup_role("Self"), EHP_R_self);
	assert_int_equal(lookup_role("youth offending worker"), EHP_R_youth_offending_worker);
	assert_int_equal(ehp_role_lookup("Key Worker, Jane", 10), EHP_R_key_worker); /* length-bounded */
	assert_int_equal(lookup_role("probationofficer"), -1);
	assert_int_equal(lookup_role("probation officers"), -1);
	assert_int_equal(lookup_role("probation  officer"), -1);
	assert_int_equal(lookup_role("probation.officer"), -1);
	assert_int_equal(lookup_role("Jane Smith"), -1);
	assert_int_equal(lookup_role("Ren\xc9"), -1);
	char longer[200];
	memset(longer, 'a', sizeof longer);
	assert_int_equal(ehp_role_lookup(longer, sizeof longer), -1);
}

static void test_lookups(void **state)
{
	(void)state;
	assert_int_equal(lookup_type("offence"), EHP_T_offence);
	assert_int_equal(lookup_type("Offence"), -1); /* exact and case-sensitive */
	assert_int_equal(lookup_type("offenc"), -1);
	assert_int_equal(lookup_type("offences"), -1);
	assert_int_equal(lookup_type(""), -1);
	assert_int_equal(ehp_type_lookup("offence,arrest", 7), EHP_T_offence); /* length-bounded */
	assert_int_equal(lookup_detail(""), EHP_D_none);
	assert_int_equal(lookup_detail("crime"), EHP_D_crime);
	assert_int_equal(lookup_detail("Crime"), -1);
	assert_int_equal(lookup_flag("lldd"), EHP_F_lldd);
	assert_int_equal(lookup_flag(""), -1);
	assert_int_equal(lookup_flag("parents"), -1);
}

static void test_family_index(void **state)
{
	(void)state;
	fixture f;
	fx_init(&f, "2024-03-15", NULL, "2025-03-15");
	int kid = fx_person(&f, "kid", "2010-06-01", 0);
	fx_record(&f, kid, EHP_T_offence, "2024-02-01", NULL);
	fx_record(&f, kid, EHP_T_arrest, "2023-05-01", NULL);
	fx_record(&f, kid, EHP_T_offence, "2023-01-01", NULL);
	fx_record(&f, kid, EHP_T_licence, "2023-01-01", "2023-03-01");
	fx_record(&f, kid, EHP_T_offence, "2023-01-01", "2023-01-05"); /* an event given an end date */
	fx_record(&f, kid, EHP_T_sen, "2022-01-01", "open");
	fx_record(&f, kid, EHP_T_sen, "2020-01-01", "2021-01-01");
	fx_ready(&f);
	const ehp_family *fam = &f.fam;
	for (size_t i = 1; i < fam->n_records; i++) {
		const ehp_record *a = &fam->records[i - 1], *b = &fam->records[i];
		assert_true(a->type < b->type || (a->type == b->type && (a->date < b->date ||
		            (a->date == b->date && a->end <= b->end))));
	}
	size_t seen = 0;
	for (int t = 0; t < EHP_N_TYPES; t++) {
		size_t lo, hi;
		ehp_type_slice(fam, t, &lo, &hi);
		assert_true(lo <= hi);
		assert_int_equal(lo != hi, fam->types[t / 64] >> (t % 64) & 1);
		for (size_t i = lo; i < hi; i++)
			assert_int_equal(fam->records[i].type, t);
		seen += hi - lo;
	}
	assert_int_equal(seen, 7);
	size_t lo, hi;
	ehp_type_slice(fam, EHP_T_offence, &lo, &hi);
	assert_int_equal(hi - lo, 3);
	/* Same date: the event (no end) sorts before the one with an end. */
	assert_int_equal(fam->records[lo].line, 102);
	assert_int_equal(fam->max_span[EHP_T_offence], 4);
	assert_int_equal(fam->max_span[EHP_T_arrest], 0);
	assert_int_equal(fam->max_span[EHP_T_licence], D("2023-03-01") - D("2023-01-01"));
	assert_int_equal(fam->max_span[EHP_T_sen], EHP_FOREVER);
	assert_int_equal(fam->max_span[EHP_T_neet], 0); /* no records */

	/* An empty family indexes to empty slices. */
	fixture g;
	fx_init(&g, "2024-03-15", NULL, "2025-03-15");
	fx_ready(&g);
	for (int t = 0; t < EHP_N_TYPES; t++) {
		size_t lo, hi;
		ehp_type_slice(&g.fam, t, &lo, &hi);
		assert_int_equal(hi - lo, 0);
	}
	fx_free(&f);
	fx_free(&g);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_lookups),
		cmocka_unit_test(test_role_lookup),
		cmocka_unit_test(test_family_index),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
