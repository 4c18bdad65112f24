/*
 * test_export_forms.c - an extract as Excel and case-management systems
 * write it (date-times at midnight, names in capitals, `£1,200.50`, `92%`,
 * a term's figure dated by the term's first day) is read as the data it
 * stands for, through the whole reader: families, people and records.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <math.h>
#include "io_helpers.h"
#include "load.h"

typedef struct {
	char *dir;
	ehp_dataset ds;
	ehp_rejects rj;
	char err[512];
} loaded;

static void load(loaded *L, const char *families, const char *people, const char *records, const ehp_calendar *cal)
{
	memset(L, 0, sizeof *L);
	L->dir = io_tmpdir();
	char *paths[3] = { io_write(L->dir, "families.csv", families, 0), io_write(L->dir, "people.csv", people, 0),
		               io_write(L->dir, "records.csv", records, 0) };
	FILE *files[3];
	for (int i = 0; i < 3; i++)
		assert_non_null(files[i] = fopen(paths[i], "rb"));
	L->rj = (ehp_rejects){ .max_shown = 20, .quiet = true };
	ehp_reader *rd;
	const char *const names[3] = { paths[0], paths[1], paths[2] };
	assert_int_equal(ehp_reader_open(&rd, files, names, &L->rj, L->err, sizeof L->err), 0);
	if (cal)
		ehp_reader_calendar(rd, cal);
	int rc;
	while ((rc = ehp_reader_fill(rd, &L->ds.batch, (size_t)-1, (size_t)-1, L->err, sizeof L->err)) == EHP_READ_MORE)
		;
	assert_int_equal(rc, EHP_READ_END);
	ehp_reader_close(rd);
	assert_int_equal(ehp_rejects_finish(&L->rj), 0);
	L->ds.n_families = L->ds.batch.n_families;
	L->ds.families = calloc(L->ds.n_families + 1, sizeof *L->ds.families);
	for (size_t i = 0; i < L->ds.n_families; i++)
		ehp_batch_view(&L->ds.batch, i, &L->ds.families[i]);
	for (int i = 0; i < 3; i++) {
		fclose(files[i]);
		free(paths[i]);
	}
}

static void unload(loaded *L)
{
	ehp_dataset_free(&L->ds);
	ehp_rejects_free(&L->rj);
	io_rmdir(L->dir);
}

static ehp_date D(int y, int m, int d)
{
	return ehp_date_from_ymd(y, m, d);
}

/* The record of type `type` (the family's records are sorted by type, then date). */
static const ehp_record *record(const ehp_family *f, const char *type, int nth)
{
	int t = ehp_type_lookup(type, strlen(type));
	for (size_t i = 0; i < f->n_records; i++)
		if (f->records[i].type == t && nth-- == 0)
			return &f->records[i];
	fail_msg("no %s record", type);
	return NULL;
}

static void test_excel_forms_read(void **state)
{
	(void)state;
	loaded L;
	load(&L,
	     "family_id,entry_date,closure_date\n"
	     "F1,15/03/2024 00:00,2024-09-30T00:00:00\n",
	     "person_id,family_id,date_of_birth,flags\n"
	     "kid,F1,2010-06-01 00:00:00.000,\n"
	     "mum,F1,03/04/1985 00:00:00, Parent ; CARER \n",
	     "family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
	     "F1,kid,Offence,01/09/2023 00:00,,,,,,\n"
	     "F1,, Police_Callout ,2023-10-01,,,,,DOMESTIC,\n"
	     "F1,mum,earnings,2024-04-01,,\"\xc2\xa3" "1,200.50\",,,,\n"
	     "F1,kid,attendance,04/09/2023,,92%,,,,\n"
	     "F1,kid,attendance,08/01/2024,,50%,180,,,\n"
	     "F1,kid,unauthorised_absence,2024-04-15 00:00,,\"1,0\",,,,\n"
	     "F1,kid,professional_concern,2024-05-01,,,,,Crime,Probation Officer\n",
	     NULL);
	/* The thousands separator misplaced in `1,0` is the one row refused. */
	assert_int_equal(L.rj.count, 1);
	assert_int_equal(L.ds.n_families, 1);
	const ehp_family *f = &L.ds.families[0];
	assert_int_equal(f->entry, D(2024, 3, 15));
	assert_int_equal(f->closure, D(2024, 9, 30));
	assert_int_equal(f->n_people, 2);
	assert_int_equal(f->people[0].born, D(2010, 6, 1));
	assert_int_equal(f->people[1].born, D(1985, 4, 3));
	assert_int_equal(f->people[1].flags,
	                 1u << ehp_flag_lookup("parent", 6) | 1u << ehp_flag_lookup("carer", 5));
	assert_int_equal(record(f, "offence", 0)->date, D(2023, 9, 1));
	const ehp_record *call = record(f, "police_callout", 0);
	assert_int_equal(call->detail, ehp_detail_lookup("domestic", 8));
	assert_int_equal(call->person, EHP_HOUSEHOLD);
	assert_true(record(f, "earnings", 0)->value == 1200.5);
	/* 92% with no total: 92 sessions of 100, in the autumn term 2023. */
	const ehp_record *autumn = record(f, "attendance", 0);
	assert_true(autumn->value == 92 && autumn->total == 100);
	assert_int_equal(autumn->end, D(2023, 12, 15));
	/* 50% of 180 sessions, in the spring term 2024 (England's calendar). */
	const ehp_record *spring = record(f, "attendance", 1);
	assert_true(spring->value == 90 && spring->total == 180);
	assert_int_equal(spring->end, D(2024, 3, 29));
	const ehp_record *concern = record(f, "professional_concern", 0);
	assert_int_equal(concern->detail, ehp_detail_lookup("crime", 5));
	assert_string_equal(concern->author, "probation_officer");
	unload(&L);
}

/* A council's own calendar places a term's figure in its own term. */
static void test_term_from_own_calendar(void **state)
{
	(void)state;
	ehp_term terms[] = { { D(2023, 9, 6), D(2023, 10, 20) }, { D(2023, 10, 30), D(2023, 12, 19) } };
	ehp_calendar cal = { .terms = terms, .n = 2 };
	loaded L;
	load(&L, "family_id,entry_date\nF1,2024-03-15\n", "person_id,family_id,date_of_birth\nkid,F1,2010-06-01\n",
	     "family_id,person_id,type,date,value,total\n"
	     "F1,kid,attendance,2023-10-30,60,70\n"
	     "F1,kid,attendance,2023-09-06,50,60\n"
	     "F1,kid,unauthorised_absence,2023-10-25,5,60\n", /* half term: in no term */
	     &cal);
	assert_int_equal(L.rj.count, 1);
	const ehp_family *f = &L.ds.families[0];
	assert_int_equal(record(f, "attendance", 0)->end, D(2023, 10, 20));
	assert_int_equal(record(f, "attendance", 1)->end, D(2023, 12, 19));
	unload(&L);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_excel_forms_read),
		cmocka_unit_test(test_term_from_own_calendar),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
