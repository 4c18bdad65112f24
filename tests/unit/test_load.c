/*
 * test_load.c - reading families, people and records: columns by name in
 * any order, dates in both formats, and every kind of bad row set aside with
 * its file, line, field and reason, its family flagged as incomplete, and
 * nothing of the row's contents on stderr. Also the term-dates file.
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
	char *rejects;  /* what was written to the rejects file */
	size_t rejects_len;
	FILE *rejects_f;
	char err[512];
	int rc;
} loaded;

/* Loads the three files given as text; stderr messages are kept quiet
 * unless `show` is set, the rejects go to a string. */
static void load(loaded *L, const char *families, const char *people, const char *records, bool show)
{
	memset(L, 0, sizeof *L);
	L->dir = io_tmpdir();
	char *pf = io_write(L->dir, "families.csv", families, 0);
	char *pp = io_write(L->dir, "people.csv", people, 0);
	char *pr = io_write(L->dir, "records.csv", records, 0);
	L->rejects_f = open_memstream(&L->rejects, &L->rejects_len);
	assert_non_null(L->rejects_f);
	L->rj = (ehp_rejects){ .out = L->rejects_f, .max_shown = 20, .quiet = !show };
	ehp_inputs in = { pf, pp, pr };
	L->rc = ehp_load(&L->ds, &in, &L->rj, L->err, sizeof L->err);
	fflush(L->rejects_f);
	free(pf);
	free(pp);
	free(pr);
}

static void unload(loaded *L)
{
	ehp_dataset_free(&L->ds);
	fclose(L->rejects_f);
	free(L->rejects);
	io_rmdir(L->dir);
}

static const ehp_family *family(const loaded *L, const char *id)
{
	for (size_t i = 0; i < L->ds.n_families; i++)
		if (!strcmp(L->ds.families[i].id, id))
			return &L->ds.families[i];
	fail_msg("no family %s", id);
	return NULL;
}

static ehp_date D(const char *s)
{
	return ehp_date_parse(s, strlen(s));
}

static const char *FAMILIES = "family_id,entry_date,closure_date\n"
                              "F1,2024-03-15,2024-09-30\n"
                              "F2,01/02/2024,\n";
static const char *PEOPLE = "person_id,family_id,date_of_birth,flags\n"
                            "kid,F1,2010-06-01,\n"
                            "mum,F1,03/04/1985,parent; parenting_responsibility\n"
                            "dad,F2,1980-01-01,parent\n";

static void test_good_extract(void **state)
{
	(void)state;
	loaded L;
	/* records: columns in another order, an extra column, spaces in names */
	load(&L, FAMILIES, PEOPLE,
	     "Type ,date,family_id,person_id,value,total,score,detail,author,end_date,comment\n"
	     "offence,20/04/2023,F1,kid,,,,,,,ignored\n"
	     "attendance,2023-09-01,F1,kid,150,180,,,,2023-12-20,\n"
	     "assessment,2024-04-01,F1,,,,22,family_star,,,\n"
	     "improvement_noted,2024-09-01,F1,mum,,,,crime,probation officer,,\n"
	     "jsa_claim,2023-01-01,F2,dad,,,,,,,\n"
	     "eviction_notice,2024-01-10,F2,,,,,,,,\n",
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 0);
	assert_int_equal(L.ds.n_families, 2);
	const ehp_family *f1 = family(&L, "F1"), *f2 = family(&L, "F2");
	assert_int_equal(f1->entry, D("2024-03-15"));
	assert_int_equal(f1->closure, D("2024-09-30"));
	assert_int_equal(f1->line, 2);
	assert_int_equal(f2->entry, D("2024-02-01"));
	assert_int_equal(f2->closure, EHP_NO_DATE);
	assert_int_equal(f1->rejected, 0);

	assert_int_equal(f1->n_people, 2);
	assert_string_equal(f1->people[0].id, "kid");
	assert_string_equal(f1->people[1].id, "mum");
	assert_int_equal(f1->people[1].born, D("1985-04-03"));
	assert_int_equal(f1->people[1].flags, (1u << EHP_F_parent) | (1u << EHP_F_parenting_responsibility));
	assert_int_equal(f1->people[1].line, 3);
	assert_int_equal(f2->n_people, 1);
	assert_int_equal(f2->people[0].flags, 1u << EHP_F_parent);

	assert_int_equal(f1->n_records, 4);
	assert_int_equal(f2->n_records, 2);
	/* indexed: the slice of each type holds its records */
	const ehp_record *off = &f1->records[f1->type_start[EHP_T_offence]];
	assert_int_equal(f1->type_start[EHP_T_offence + 1] - f1->type_start[EHP_T_offence], 1);
	assert_int_equal(off->person, 0);
	assert_int_equal(off->line, 2);
	assert_int_equal(off->end, EHP_NO_DATE); /* an event */
	assert_true(isnan(off->value) && isnan(off->total) && isnan(off->score));
	const ehp_record *att = &f1->records[f1->type_start[EHP_T_attendance]];
	assert_int_equal(att->end, D("2023-12-20"));
	assert_true(att->value == 150 && att->total == 180);
	const ehp_record *as = &f1->records[f1->type_start[EHP_T_assessment]];
	assert_int_equal(as->person, EHP_HOUSEHOLD);
	assert_int_equal(as->detail, EHP_D_family_star);
	assert_true(as->score == 22);
	const ehp_record *imp = &f1->records[f1->type_start[EHP_T_improvement_noted]];
	assert_int_equal(imp->person, 1);
	assert_string_equal(imp->author, "probation officer");
	assert_int_equal(imp->detail, EHP_D_crime);
	const ehp_record *jsa = &f2->records[f2->type_start[EHP_T_jsa_claim]];
	assert_int_equal(jsa->person, 0); /* index within its own family */
	assert_int_equal(jsa->end, EHP_FOREVER); /* a state with no end is current */
	unload(&L);
}

/* The rejects file has a row `<path>/FILE,LINE,FIELD,...`. */
static void assert_rejected(const loaded *L, const char *file, int line, const char *field)
{
	char want[128];
	snprintf(want, sizeof want, "%s,%d,%s,", file, line, field);
	assert_contains(L->rejects, want);
}

static void test_bad_families(void **state)
{
	(void)state;
	loaded L;
	load(&L,
	     "family_id,entry_date,closure_date\n"
	     "F1,31/02/2024,\n"            /* 2: impossible date */
	     "F2,2024-03-15,2024-01-01\n"  /* 3: closure before entry */
	     "F3,2024-03-15,\n"
	     "F3,2024-04-01,\n"            /* 5: duplicate id */
	     "F4,2024-03-15\n"             /* 6: a column short */
	     ",2024-03-15,\n"              /* 7: no id */
	     "F5,,\n",                     /* 8: no entry date */
	     "person_id,family_id,date_of_birth\n",
	     "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 6);
	assert_rejected(&L, "families.csv", 2, "entry_date");
	assert_rejected(&L, "families.csv", 3, "closure_date");
	assert_rejected(&L, "families.csv", 5, "family_id");
	assert_rejected(&L, "families.csv", 6, "row");
	assert_rejected(&L, "families.csv", 7, "family_id");
	assert_rejected(&L, "families.csv", 8, "entry_date");
	assert_contains(L.rejects, "wrong number of columns");
	/* families whose row was read in part are kept, flagged incomplete */
	assert_int_equal(family(&L, "F1")->rejected, 1);
	assert_int_equal(family(&L, "F1")->entry, EHP_NO_DATE);
	assert_int_equal(family(&L, "F2")->rejected, 1);
	assert_int_equal(family(&L, "F2")->closure, EHP_NO_DATE);
	assert_int_equal(family(&L, "F3")->rejected, 1);
	assert_int_equal(family(&L, "F3")->entry, D("2024-03-15")); /* the first row stands */
	assert_int_equal(family(&L, "F5")->rejected, 1);
	/* the short row's family is kept too, without its dates */
	assert_contains(L.rejects, "families.csv,6,row,wrong number of columns (2; the header has 3),");
	assert_int_equal(family(&L, "F4")->rejected, 1);
	assert_int_equal(family(&L, "F4")->entry, EHP_NO_DATE);
	assert_int_equal(L.ds.n_families, 5);
	unload(&L);
}

static void test_bad_people(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES,
	     "person_id,family_id,date_of_birth,flags\n"
	     "kid,F1,2010-06-01,\n"
	     "ghost,F9,2010-06-01,\n"      /* 3: unknown family */
	     "baby,F1,2024-05-01,\n"       /* 4: born after entry */
	     "mum,F1,1985-04-03,parnet\n"  /* 5: unknown flag */
	     "kid,F1,2010-06-01,\n"        /* 6: duplicate */
	     "dad,F2,1980-01-01,\n"
	     "dad,F1,1980-01-01,\n"        /* 8: in two families */
	     "gran,F2,1950-13-01,\n",      /* 9: impossible date */
	     "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 6);
	assert_rejected(&L, "people.csv", 3, "family_id");
	assert_rejected(&L, "people.csv", 4, "date_of_birth");
	assert_rejected(&L, "people.csv", 5, "flags");
	assert_rejected(&L, "people.csv", 6, "person_id");
	assert_rejected(&L, "people.csv", 8, "person_id");
	assert_rejected(&L, "people.csv", 9, "date_of_birth");
	assert_contains(L.rejects, "person is in two families");
	assert_contains(L.rejects, "duplicate person id");
	const ehp_family *f1 = family(&L, "F1"), *f2 = family(&L, "F2");
	assert_int_equal(f1->rejected, 4); /* baby, mum, kid again, dad */
	assert_int_equal(f2->rejected, 2); /* dad elsewhere, gran */
	assert_int_equal(f1->n_people, 1);
	assert_int_equal(f2->n_people, 1);
	unload(&L);
}

static void test_bad_records(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES, PEOPLE,
	     "family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
	     "F1,kid,offence,20/04/2023,,,,,,\n"
	     "F1,nobody,offence,20/04/2023,,,,,,\n"       /* 3: unknown person */
	     "F1,kid,offense,20/04/2023,,,,,,\n"          /* 4: unknown type */
	     "F1,kid,professional_concern,2024-01-01,,,,,crim,\n" /* 5: unknown detail */
	     "F1,kid,fixed_term_exclusion,2024-01-01,,-2,,,,\n"   /* 6: negative */
	     "F1,kid,attendance,2024-01-01,,150,lots,,,\n"        /* 7: not a number */
	     "F1,kid,attendance,2024-01-01,2023-12-01,,,,,\n"     /* 8: end before start */
	     "F1,kid,offence,2023-02-30,,,,,,\n"                  /* 9: impossible date */
	     "F9,,offence,2023-01-01,,,,,,\n"                     /* 10: unknown family */
	     "F2,kid,offence,2023-01-01,,,,,,\n"                  /* 11: person of F1 */
	     "F1,kid,offence,2023-01-01,,,,\n"                    /* 12: columns short */
	     "F1,kid,attendance,2024-01-01,,190,180,,,\n"         /* 13: value over total */
	     "F2,dad,earnings,2024-01-31,,1200.50,,,,\n",
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 11);
	assert_rejected(&L, "records.csv", 3, "person_id");
	assert_rejected(&L, "records.csv", 4, "type");
	assert_rejected(&L, "records.csv", 5, "detail");
	assert_rejected(&L, "records.csv", 6, "value");
	assert_rejected(&L, "records.csv", 7, "total");
	assert_rejected(&L, "records.csv", 8, "end_date");
	assert_rejected(&L, "records.csv", 9, "date");
	assert_rejected(&L, "records.csv", 10, "family_id");
	assert_rejected(&L, "records.csv", 11, "person_id");
	assert_rejected(&L, "records.csv", 12, "row");
	assert_rejected(&L, "records.csv", 13, "value");
	/* the raw row follows the reason, quoted as CSV */
	assert_contains(L.rejects, "records.csv,4,type,unknown record type (see docs/data-dictionary.md),"
	                           "\"F1,kid,offense,20/04/2023,,,,,,\"\n");
	const ehp_family *f1 = family(&L, "F1"), *f2 = family(&L, "F2");
	assert_int_equal(f1->rejected, 9); /* every row but the one of F9 and the one in F2 */
	assert_int_equal(f2->rejected, 1);
	assert_int_equal(f1->n_records, 1);
	assert_int_equal(f2->n_records, 1);
	assert_true(f2->records[0].value == 1200.5);
	unload(&L);
}

/* A record of someone whose own row was rejected says so. */
static void test_records_of_rejected_person(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES,
	     "person_id,family_id,date_of_birth\n"
	     "kid,F1,2010-02-30\n",
	     "family_id,person_id,type,date\n"
	     "F1,kid,offence,2023-05-01\n", false);
	assert_int_equal(L.rj.count, 2);
	assert_rejected(&L, "people.csv", 2, "date_of_birth");
	assert_rejected(&L, "records.csv", 2, "person_id");
	assert_contains(L.rejects, "the person's row in the people file was rejected");
	assert_int_equal(family(&L, "F1")->rejected, 2);
	unload(&L);
}

/* stderr names file, line, field and reason, never the row's contents, and
 * stops after max_shown messages. */
static void test_messages_private_and_capped(void **state)
{
	(void)state;
	io_capture cap;
	io_capture_begin(&cap);
	loaded L;
	load(&L, FAMILIES, PEOPLE,
	     "family_id,person_id,type,date,author\n"
	     "F1,kid,offense,2023-01-01,Jane Secret-Name\n"
	     "F1,kid,offense,2023-01-02,Jane Secret-Name\n"
	     "F1,kid,offense,2023-01-03,Jane Secret-Name\n",
	     true);
	L.rj.max_shown = 2; /* too late for this load; check the default cap below */
	io_capture_end(&cap);
	assert_int_equal(L.rj.count, 3);
	assert_contains(cap.err, "records.csv:2: type: unknown record type");
	assert_not_contains(cap.err, "Secret");
	assert_not_contains(cap.err, "offense");
	assert_contains(L.rejects, "Jane Secret-Name"); /* the rejects file keeps the row */
	io_capture_free(&cap);
	unload(&L);

	/* the cap */
	char *dir = io_tmpdir();
	char *pf = io_write(dir, "f.csv", FAMILIES, 0), *pp = io_write(dir, "p.csv", PEOPLE, 0);
	char *pr = io_write(dir, "r.csv",
	                    "family_id,person_id,type,date\nF1,kid,x,2023-01-01\nF1,kid,y,2023-01-01\nF1,kid,z,2023-01-01\n", 0);
	ehp_rejects rj = { .max_shown = 2 };
	ehp_dataset ds;
	char err[256];
	io_capture_begin(&cap);
	assert_int_equal(ehp_load(&ds, &(ehp_inputs){ pf, pp, pr }, &rj, err, sizeof err), 0);
	io_capture_end(&cap);
	assert_int_equal(rj.count, 3);
	assert_int_equal(rj.shown, 2);
	assert_contains(cap.err, "r.csv:3: type");
	assert_not_contains(cap.err, "r.csv:4");
	io_capture_free(&cap);
	ehp_dataset_free(&ds);
	free(pf);
	free(pp);
	free(pr);
	io_rmdir(dir);
}

static void test_unreadable_files(void **state)
{
	(void)state;
	loaded L;
	load(&L, "family_id,closure_date\nF1,\n", PEOPLE, "", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "families.csv: no `entry_date` column in the header");
	unload(&L);

	load(&L, FAMILIES, "person_id,family_id,date_of_birth,flags\n", "", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "records.csv: the file is empty");
	unload(&L);

	load(&L, FAMILIES, "\xEF\xBB\xBF\r\n", "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "people.csv: the file is empty");
	unload(&L);

	load(&L, "family_id,entry_date\n", "person_id,family_id,date_of_birth\n", "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "families.csv: only a header: no families to judge");
	unload(&L);

	ehp_rejects rj = { .quiet = true };
	ehp_dataset ds;
	char err[256];
	assert_int_equal(ehp_load(&ds, &(ehp_inputs){ "/nonexistent/f.csv", "/nonexistent/p.csv", "/nonexistent/r.csv" },
	                          &rj, err, sizeof err), -1);
	assert_contains(err, "/nonexistent/f.csv: cannot open");
}

static void test_numbers(void **state)
{
	(void)state;
	double v;
	assert_int_equal(ehp_parse_number(" 12.5 ", 6, &v), 1);
	assert_true(v == 12.5);
	assert_int_equal(ehp_parse_number("", 0, &v), 1);
	assert_true(isnan(v));
	assert_int_equal(ehp_parse_number("1e3", 3, &v), 1);
	assert_true(v == 1000);
	assert_int_equal(ehp_parse_number("12abc", 5, &v), 0);
	assert_int_equal(ehp_parse_number("nan", 3, &v), 0);
	assert_int_equal(ehp_parse_number("inf", 3, &v), 0);
	assert_int_equal(ehp_parse_number("1,000", 5, &v), 0);
}

static void test_calendar_file(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	ehp_calendar cal;
	char err[256];
	char *p = io_write(dir, "terms.csv", "term,start,end\nautumn,2024-09-04,20/12/2024\nspring,06/01/2025,2025-04-04\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), 0);
	assert_int_equal(cal.n, 2);
	assert_int_equal(cal.terms[0].start, D("2024-09-04"));
	assert_int_equal(cal.terms[1].end, D("2025-04-04"));
	ehp_calendar_free(&cal);
	free(p);

	p = io_write(dir, "overlap.csv", "start,end\n2024-09-04,2024-12-20\n2024-12-01,2025-04-04\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), -1);
	assert_contains(err, "overlap.csv:3:");
	free(p);
	p = io_write(dir, "backwards.csv", "start,end\n2024-12-20,2024-09-04\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), -1);
	assert_contains(err, "backwards.csv:2: end: before start");
	free(p);
	p = io_write(dir, "baddate.csv", "start,end\n2024-09-04,2024-13-20\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), -1);
	assert_contains(err, "baddate.csv:2: end: not a date");
	free(p);
	p = io_write(dir, "nocol.csv", "begin,end\n2024-09-04,2024-12-20\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), -1);
	assert_contains(err, "start");
	free(p);
	p = io_write(dir, "empty.csv", "start,end\n", 0);
	assert_int_equal(ehp_calendar_load(&cal, p, err, sizeof err), -1);
	assert_contains(err, "no terms");
	free(p);
	io_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_good_extract),
		cmocka_unit_test(test_bad_families),
		cmocka_unit_test(test_bad_people),
		cmocka_unit_test(test_bad_records),
		cmocka_unit_test(test_records_of_rejected_person),
		cmocka_unit_test(test_messages_private_and_capped),
		cmocka_unit_test(test_unreadable_files),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_calendar_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
