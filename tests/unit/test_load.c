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
#include <errno.h>
#include <math.h>
#include "io_helpers.h"
#include "load.h"
#include "dataset_helpers.h"

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

/* The family's first record of type t (it has one), and how many it has. */
static const ehp_record *first_of(const ehp_family *f, int t)
{
	size_t lo, hi;
	ehp_type_slice(f, t, &lo, &hi);
	assert_true(hi > lo);
	return &f->records[lo];
}

static size_t slice_length(const ehp_family *f, int t)
{
	size_t lo, hi;
	ehp_type_slice(f, t, &lo, &hi);
	return hi - lo;
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
	     "improvement_noted,2024-09-01,F1,mum,,,,crime,probation_officer,,\n"
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
	const ehp_record *off = first_of(f1, EHP_T_offence);
	assert_int_equal(slice_length(f1, EHP_T_offence), 1);
	assert_int_equal(off->person, 0);
	assert_int_equal(off->line, 2);
	assert_int_equal(off->end, EHP_NO_DATE); /* an event */
	assert_true(isnan(off->value) && isnan(off->total) && isnan(off->score));
	const ehp_record *att = first_of(f1, EHP_T_attendance);
	assert_int_equal(att->end, D("2023-12-20"));
	assert_true(att->value == 150 && att->total == 180);
	const ehp_record *as = first_of(f1, EHP_T_assessment);
	assert_int_equal(as->person, EHP_HOUSEHOLD);
	assert_int_equal(as->detail, EHP_D_family_star);
	assert_true(as->score == 22);
	const ehp_record *imp = first_of(f1, EHP_T_improvement_noted);
	assert_int_equal(imp->person, 1);
	assert_string_equal(imp->author, "probation_officer");
	assert_int_equal(imp->detail, EHP_D_crime);
	const ehp_record *jsa = first_of(f2, EHP_T_jsa_claim);
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
	     "dad,F1,1980-01-01,\n"        /* 8: another dad: ids are read within their family */
	     "gran,F2,1950-13-01,\n",      /* 9: impossible date */
	     "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 5);
	assert_rejected(&L, "people.csv", 3, "family_id");
	assert_rejected(&L, "people.csv", 4, "date_of_birth");
	assert_rejected(&L, "people.csv", 5, "flags");
	assert_rejected(&L, "people.csv", 6, "person_id");
	assert_rejected(&L, "people.csv", 9, "date_of_birth");
	assert_contains(L.rejects, "duplicate person id");
	const ehp_family *f1 = family(&L, "F1"), *f2 = family(&L, "F2");
	assert_int_equal(f1->rejected, 3); /* baby, mum, kid again */
	assert_int_equal(f2->rejected, 1); /* gran: F1's dad does not touch F2 */
	assert_int_equal(f1->n_people, 2);  /* kid, dad */
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

/* ------------------------------------------------- exports as councils make them */

/* One extract, written the plain way: each variant below must load into
 * exactly the same families, people and records. */
static const char *const PLAIN[3] = {
	"family_id,entry_date,closure_date\n"
	"F1,2024-03-15,2024-09-30\n"
	"F2,2024-02-01,\n",
	"person_id,family_id,date_of_birth,flags\n"
	"kid,F1,2010-06-01,\n"
	"mum,F1,1985-04-03,parent;parenting_responsibility\n"
	"dad,F2,1980-01-01,parent\n",
	"family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
	"F1,kid,offence,2023-04-20,,,,,,\n"
	"F1,kid,attendance,2023-09-01,2023-12-20,150,180,,,\n"
	"F1,,assessment,2024-04-01,,,,-3,family_star,\n"
	"F1,mum,improvement_noted,2024-09-01,,,,,crime,probation_officer\n"
	"F2,dad,earnings,2024-01-31,,1200.50,,,,\n",
};

/* The same in UK dates, columns in other orders with other capitals and
 * spaces, columns of the council's own that are ignored, every field quoted
 * in one file and spaces around values in another. */
static const char *const REWRITTEN[3] = {
	"\"Closure_Date\",\"Family_ID\",\"Worker\",\"Entry_Date\"\n"
	"\"30/09/2024\",\"F1\",\"Smith, J\",\"15/03/2024\"\n"
	"\"\",\"F2\",\"\",\"01/02/2024\"\n",
	" FLAGS ,date_of_birth,person_id , family_id,ethnicity\n"
	"  ,01/06/2010, kid ,F1,\n"
	"parent ; parenting_responsibility ,03/04/1985,mum,F1 ,x\n"
	"parent,1/1/1980,dad,F2,\n",
	"author,detail,score,total,value,end_date,date,type,person_id,family_id,case_note\n"
	",,,,,,20/04/2023,offence,kid,F1,\"said \"\"no\"\", twice\"\n"
	",,,180,150,20/12/2023,01/09/2023,attendance,kid,F1,\n"
	",family_star,-3,,,,01/04/2024,assessment,,F1,\n"
	"probation_officer,crime,,,,,01/09/2024,improvement_noted,mum,F1,\n"
	",,,,1200.5,,31/01/2024,earnings,dad,F2,\n",
};

typedef enum { AS_IS = 0, BOM = 1, CRLF = 2, CR = 4, TRAILING = 8 } dressing;

/* text with a byte order mark, other line endings, blank lines at the end. */
static char *dress(const char *text, dressing how)
{
	size_t n = strlen(text);
	char *out = malloc(3 + 2 * n + 8), *p = out;
	assert_non_null(out);
	if (how & BOM)
		p += sprintf(p, "\xEF\xBB\xBF");
	for (size_t i = 0; i < n; i++) {
		if (text[i] == '\n' && (how & (CRLF | CR))) {
			*p++ = '\r';
			if (how & CRLF)
				*p++ = '\n';
		} else {
			*p++ = text[i];
		}
	}
	if (how & TRAILING)
		p += sprintf(p, "\n\r\n\n");
	*p = '\0';
	return out;
}

static void load_dressed(loaded *L, const char *const text[3], dressing how)
{
	char *t[3];
	for (int i = 0; i < 3; i++)
		t[i] = dress(text[i], how);
	load(L, t[0], t[1], t[2], false);
	for (int i = 0; i < 3; i++)
		free(t[i]);
	assert_int_equal(L->rc, 0);
	assert_int_equal(L->rj.count, 0);
}

static void test_export_variants(void **state)
{
	(void)state;
	loaded base;
	load_dressed(&base, PLAIN, AS_IS);
	assert_int_equal(base.ds.n_families, 2);
	assert_int_equal(base.ds.families[0].n_records, 4);
	static const dressing ways[] = { BOM, CRLF, CR, TRAILING, BOM | CRLF | TRAILING, BOM | CR | TRAILING };
	for (size_t w = 0; w < sizeof ways / sizeof *ways; w++) {
		for (int rewritten = 0; rewritten < 2; rewritten++) {
			loaded L;
			load_dressed(&L, rewritten ? REWRITTEN : PLAIN, ways[w]);
			assert_same_dataset(&base.ds, &L.ds);
			unload(&L);
		}
	}
	loaded L;
	load_dressed(&L, REWRITTEN, AS_IS);
	assert_same_dataset(&base.ds, &L.ds);
	unload(&L);
	unload(&base);
}

/* Quoted fields holding commas, quotes and line breaks, as a free-text
 * column of an export has them: the values come through whole, and the rows
 * after a field with line breaks are cited by the line they start on. */
static void test_quoted_fields(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES, PEOPLE,
	     "family_id,person_id,type,date,author,case_note\r\n"
	     "F1,kid,offence,2023-04-20,\"police\",\"first line\r\nsecond, \"\"quoted\"\"\r\nthird\"\r\n"
	     "F1,kid,offence,2023-05-20,\"youth_worker\",\"said \"\"ok\"\", then left\"\r\n"
	     "\"F1\",\"\",\"eviction_notice\",\"2023-06-01\",\"\",\"\"\r\n",
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 0);
	const ehp_family *f1 = family(&L, "F1");
	assert_int_equal(f1->n_records, 3);
	const ehp_record *off = first_of(f1, EHP_T_offence);
	assert_string_equal(off[0].author, "police");
	assert_int_equal(off[0].line, 2);
	assert_string_equal(off[1].author, "youth_worker");
	assert_int_equal(off[1].line, 5); /* after the two line breaks in the note */
	const ehp_record *ev = first_of(f1, EHP_T_eviction_notice);
	assert_int_equal(ev->line, 6);
	assert_int_equal(ev->person, EHP_HOUSEHOLD);
	unload(&L);
}

/* Ids and ignored columns may hold bytes that are not UTF-8 (a file saved
 * as Windows-1252): they are kept as they are, and a value that must be from
 * a list (a type, an author's role) is rejected as unknown, not misread. */
static void test_not_utf8(void **state)
{
	(void)state;
	loaded L;
	load(&L, "family_id,entry_date\nF\xE9" "1,2024-03-15\n",
	     "person_id,family_id,date_of_birth\nk\xFF,F\xE9" "1,2010-01-01\n",
	     "family_id,person_id,type,date,author\n"
	     "F\xE9" "1,k\xFF,offence,2023-04-20,Ren\xE9\n"
	     "F\xE9" "1,k\xFF,offen\xE7" "e,2023-04-21,\n",
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 2);
	assert_rejected(&L, "records.csv", 2, "author");
	assert_rejected(&L, "records.csv", 3, "type");
	const ehp_family *f = family(&L, "F\xE9" "1");
	assert_string_equal(f->people[0].id, "k\xFF");
	unload(&L);
}

/* An author is a role from the data dictionary: one list for every plan,
 * so a plan's `by key_worker` and `by practitioner` read the same data. A
 * role is written by a person, so `Key Worker` and `probation-officer` are
 * read as `key_worker` and `probation_officer` (the data dictionary's own
 * example of a free-text author is `probation officer`); a name that is no
 * role is still rejected. */
static void test_author_roles(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES, PEOPLE,
	     "family_id,person_id,type,date,detail,author\n"
	     "F1,mum,improvement_noted,2024-09-01,crime,key_worker\n"
	     "F1,mum,improvement_noted,2024-09-02,crime,Key Worker\n"
	     "F1,mum,improvement_noted,2024-09-03,crime,\n"
	     "F1,mum,improvement_noted,2024-09-04,crime, probation officer \n"
	     "F1,mum,improvement_noted,2024-09-05,crime,Probation-Officer\n"
	     "F1,mum,improvement_noted,2024-09-06,crime,Jane Smith\n",
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 1);
	assert_rejected(&L, "records.csv", 7, "author");
	assert_contains(L.rejects, "unknown role (see docs/data-dictionary.md)");
	const ehp_family *f = family(&L, "F1");
	assert_int_equal(f->n_records, 5);
	assert_string_equal(f->records[0].author, "key_worker");
	assert_string_equal(f->records[1].author, "key_worker");
	assert_string_equal(f->records[2].author, ""); /* not recorded */
	assert_string_equal(f->records[3].author, "probation_officer");
	assert_string_equal(f->records[4].author, "probation_officer");
	assert_true(f->rejected == 1);
	unload(&L);
}

/* ------------------------------------------------- streamed and grouped */

static const char *read_mode(const char *const text[3], bool through_pipes, ehp_dataset *ds)
{
	return read_mode_counted(text, through_pipes, ds, NULL, NULL, NULL);
}

/* Files sorted by family are streamed; the same through pipes (which cannot
 * be read twice) are grouped; both give exactly the same families. */
static void test_streamed_and_grouped_agree(void **state)
{
	(void)state;
	ehp_dataset a, b;
	assert_string_equal(read_mode(PLAIN, false, &a), "streamed");
	assert_string_equal(read_mode(PLAIN, true, &b), "grouped");
	assert_int_equal(a.n_families, 2);
	assert_same_dataset(&a, &b);
	ehp_dataset_free(&a);
	ehp_dataset_free(&b);
}

/* A file out of family order is found out part way and read again,
 * grouped: the same families, people and records (in another order, so
 * other lines), and no family judged twice. */
static void test_unsorted_is_read_again_grouped(void **state)
{
	(void)state;
	static const char *const unsorted[3] = {
		"family_id,entry_date,closure_date\n"
		"F1,2024-03-15,2024-09-30\n"
		"F2,2024-02-01,\n",
		"person_id,family_id,date_of_birth,flags\n"
		"kid,F1,2010-06-01,\n"
		"dad,F2,1980-01-01,parent\n"
		"mum,F1,1985-04-03,parent;parenting_responsibility\n",
		"family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
		"F2,dad,earnings,2024-01-31,,1200.50,,,,\n"
		"F1,kid,offence,2023-04-20,,,,,,\n"
		"F1,kid,attendance,2023-09-01,2023-12-20,150,180,,,\n"
		"F1,,assessment,2024-04-01,,,,-3,family_star,\n"
		"F1,mum,improvement_noted,2024-09-01,,,,,crime,probation_officer\n",
	};
	ehp_dataset a, b;
	assert_string_equal(read_mode(PLAIN, false, &a), "streamed");
	assert_string_equal(read_mode(unsorted, false, &b), "grouped");
	assert_int_equal(b.n_families, 2);
	for (size_t i = 0; i < 2; i++) {
		assert_string_equal(a.families[i].id, b.families[i].id);
		assert_int_equal(a.families[i].n_people, b.families[i].n_people);
		assert_int_equal(a.families[i].n_records, b.families[i].n_records);
		for (size_t k = 0; k < a.families[i].n_people; k++)
			assert_string_equal(a.families[i].people[k].id, b.families[i].people[k].id);
	}
	ehp_dataset_free(&a);
	ehp_dataset_free(&b);
}

/* A quote never closed at the end of one family's row (`"key worker`) must
 * not swallow the rows after it, other families' among them: the row is
 * cut back to its line and rejected, its family flagged, and the lines
 * after it read as the rows they are. A quoted field that really holds a
 * line break is still read whole. */
static void test_unclosed_quote_swallows_nothing(void **state)
{
	(void)state;
	loaded L;
	load(&L,
	     "family_id,entry_date\n"
	     "F1,2024-03-15\n"
	     "F2,2024-03-15\n"
	     "F3,2024-03-15\n",
	     "person_id,family_id,date_of_birth\n"
	     "kid,F1,2010-06-01\n"
	     "dad,F2,1980-01-01\n"
	     "mum,F3,1980-01-01\n",
	     "family_id,person_id,type,date,note\n"
	     "F1,kid,offence,2023-04-20,\"key worker\n"          /* 2: never closed */
	     "F2,dad,offence,2023-05-01,\n"                      /* 3 */
	     "F2,dad,offence,2023-06-01,\"said \"\"hi\"\"\"\n"  /* 4 */
	     "F3,mum,offence,2023-06-01,\"two\nlines\"\n",       /* 5-6: a real line break */
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 1);
	assert_contains(L.rejects, "records.csv,2,row,a quoted field is not closed on its line,");
	assert_int_equal(family(&L, "F1")->rejected, 1);
	assert_int_equal(family(&L, "F1")->n_records, 0);
	assert_int_equal(family(&L, "F2")->rejected, 0);
	assert_int_equal(family(&L, "F2")->n_records, 2);
	assert_int_equal(family(&L, "F3")->rejected, 0);
	assert_int_equal(family(&L, "F3")->n_records, 1);
	assert_int_equal(family(&L, "F3")->records[0].line, 5);
	unload(&L);
}

static void test_column_named_twice(void **state)
{
	(void)state;
	loaded L;
	load(&L, FAMILIES, PEOPLE, "family_id,person_id,type,date,Date\nF1,kid,offence,2023-01-01,2023-02-01\n", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "records.csv: the header has two `date` columns");
	unload(&L);
	load(&L, "family_id,entry_date,closure_date,closure_date\nF1,2024-01-01,,\n", PEOPLE, "", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "families.csv: the header has two `closure_date` columns");
	unload(&L);
}

/* Empty files (no bytes, only a byte order mark, only blank lines) cannot
 * be read: no header. A families file with only a header has nothing to
 * judge; people or records files with only a header are allowed, with a
 * note on stderr. */
static void test_empty_and_header_only(void **state)
{
	(void)state;
	static const char *const empties[] = { "", "\xEF\xBB\xBF", "\r\n\n\r\n", "\xEF\xBB\xBF\n\n" };
	static const char *const headers[3] = { "family_id,entry_date\n", "person_id,family_id,date_of_birth\n",
		                                    "family_id,person_id,type,date\n" };
	static const char *const names[3] = { "families.csv", "people.csv", "records.csv" };
	for (size_t e = 0; e < sizeof empties / sizeof *empties; e++) {
		for (int which = 0; which < 3; which++) {
			const char *t[3] = { FAMILIES, PEOPLE, "family_id,person_id,type,date\nF1,kid,offence,2023-01-01\n" };
			t[which] = empties[e];
			loaded L;
			load(&L, t[0], t[1], t[2], false);
			assert_int_equal(L.rc, -1);
			char want[128];
			snprintf(want, sizeof want, "%s: the file is empty; expected a header row", names[which]);
			assert_contains(L.err, want);
			unload(&L);
		}
	}
	loaded L;
	load(&L, headers[0], PEOPLE, headers[2], false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "families.csv: only a header: no families to judge");
	unload(&L);

	io_capture cap;
	io_capture_begin(&cap);
	load(&L, FAMILIES, headers[1], "\xEF\xBB\xBF" "family_id,person_id,type,date\r\n\r\n", true);
	io_capture_end(&cap);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.ds.n_families, 2);
	assert_int_equal(family(&L, "F1")->n_people, 0);
	assert_contains(cap.err, "people.csv: note: only a header, no rows\n");
	assert_contains(cap.err, "records.csv: note: only a header, no rows\n");
	io_capture_free(&cap);
	unload(&L);
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

	/* a directory opens, but cannot be read */
	char *dir = io_tmpdir();
	char *pp = io_write(dir, "p.csv", PEOPLE, 0), *pr = io_write(dir, "r.csv", "family_id,person_id,type,date\n", 0);
	assert_int_equal(ehp_load(&ds, &(ehp_inputs){ dir, pp, pr }, &rj, err, sizeof err), -1);
	char want[600];
	snprintf(want, sizeof want, "%s: cannot read: %s", dir, strerror(EISDIR));
	assert_contains(err, want);
	free(pp);
	free(pr);
	io_rmdir(dir);
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

/* ------------------------------------------------- rows that cannot be right */

/* A row of spaces or of empty cells (`   `, or `,,,,` as a spreadsheet
 * saves the rows below its data) is no row: ignored as a blank line is,
 * never rejected, counted for the summary, the same streamed, grouped or
 * found unsorted part way. */
static void test_blank_rows_ignored(void **state)
{
	(void)state;
	static const char *const blanks[3] = {
		"family_id,entry_date,closure_date\n"
		"F1,2024-03-15,2024-09-30\n"
		",,\n"
		"F2,2024-02-01,\n"
		"   \n",
		"person_id,family_id,date_of_birth,flags\n"
		" , , , \n"
		"kid,F1,2010-06-01,\n"
		"mum,F1,1985-04-03,parent;parenting_responsibility\n"
		"\"\",\"  \",,\n"
		"dad,F2,1980-01-01,parent\n"
		",,,,,,,,\n",
		"family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
		"F1,kid,offence,2023-04-20,,,,,,\n"
		"F1,kid,attendance,2023-09-01,2023-12-20,150,180,,,\n"
		"\t,,,,,,,,,\n"
		"F1,,assessment,2024-04-01,,,,-3,family_star,\n"
		"F1,mum,improvement_noted,2024-09-01,,,,,crime,probation_officer\n"
		"F2,dad,earnings,2024-01-31,,1200.50,,,,\n"
		",,,,,,,,,\n"
		",,,,,,,,,\n",
	};
	ehp_dataset plain, a, b;
	assert_string_equal(read_mode(PLAIN, false, &plain), "streamed");
	unsigned long empty[3], rejected;
	assert_string_equal(read_mode_counted(blanks, false, &a, empty, &rejected, NULL), "streamed");
	assert_int_equal(rejected, 0);
	assert_int_equal(empty[0], 2);
	assert_int_equal(empty[1], 3);
	assert_int_equal(empty[2], 3);
	assert_int_equal(a.n_families, 2);
	assert_int_equal(a.families[0].records[0].line, 2);
	assert_string_equal(read_mode_counted(blanks, true, &b, empty, &rejected, NULL), "grouped");
	assert_int_equal(rejected, 0);
	assert_int_equal(empty[0] + empty[1] + empty[2], 8);
	assert_same_dataset(&a, &b);
	/* the same families as without the blank rows, but for their lines */
	assert_int_equal(plain.n_families, a.n_families);
	for (size_t i = 0; i < a.n_families; i++) {
		assert_int_equal(plain.families[i].n_people, a.families[i].n_people);
		assert_int_equal(plain.families[i].n_records, a.families[i].n_records);
	}
	ehp_dataset_free(&plain);
	ehp_dataset_free(&a);
	ehp_dataset_free(&b);

	/* Found unsorted part way: the count starts again with the reading. */
	static const char *const unsorted[3] = {
		"family_id,entry_date\nF1,2024-03-15\n,\nF2,2024-03-15\n",
		"person_id,family_id,date_of_birth\nk,F2,2010-01-01\n  ,  ,  \nk,F1,2010-01-01\n",
		"family_id,person_id,type,date\n,,,\n",
	};
	assert_string_equal(read_mode_counted(unsorted, false, &a, empty, &rejected, NULL), "grouped");
	assert_int_equal(rejected, 0);
	assert_int_equal(empty[0], 1);
	assert_int_equal(empty[1], 1);
	assert_int_equal(empty[2], 1);
	ehp_dataset_free(&a);

	/* A families file whose only rows are blank has no families. */
	loaded L;
	load(&L, "family_id,entry_date\n , \n,\n", PEOPLE, "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rc, -1);
	assert_contains(L.err, "only a header: no families to judge");
	unload(&L);
}

/* Every date of the data lies in 1900 to 2100: a date outside (a mistyped
 * year) is rejected in every date column, with its own reason. */
static void test_dates_out_of_range(void **state)
{
	(void)state;
	loaded L;
	load(&L,
	     "family_id,entry_date,closure_date\n"
	     "F1,2024-03-15,2204-09-30\n"          /* 2: closure */
	     "F2,01/02/2024,\n"
	     "F3,15/03/1899,\n"                    /* 4: entry */
	     "F4,2100-12-31,\n"                    /* the last day there is */
	     "F5,2101-01-01,\n",                   /* 6: the day after */
	     "person_id,family_id,date_of_birth\n"
	     "kid,F1,2010-06-01\n"
	     "old,F2,31/12/1899\n"                 /* 3: date of birth */
	     "gran,F2,1900-01-01\n",               /* the first day there is */
	     "family_id,person_id,type,date,end_date\n"
	     "F1,kid,offence,2200-04-20,\n"        /* 2: date */
	     "F1,kid,attendance,2023-09-01,2203-12-20\n" /* 3: end date */
	     "F1,kid,offence,2023-04-20,\n"
	     "F2,,eviction_notice,0024-01-01,\n"   /* 5: date */
	     "F2,,eviction_notice,9999-01-01,\n",  /* 6: date */
	     false);
	assert_int_equal(L.rc, 0);
	assert_int_equal(L.rj.count, 8);
	static const char *const want[] = {
		"families.csv,2,closure_date,outside the years 1900 to 2100 (a mistyped year?),",
		"families.csv,4,entry_date,outside the years 1900 to 2100 (a mistyped year?),",
		"families.csv,6,entry_date,outside the years 1900 to 2100 (a mistyped year?),",
		"people.csv,3,date_of_birth,outside the years 1900 to 2100 (a mistyped year?),",
		"records.csv,2,date,outside the years 1900 to 2100 (a mistyped year?),",
		"records.csv,3,end_date,outside the years 1900 to 2100 (a mistyped year?),",
		"records.csv,5,date,outside the years 1900 to 2100 (a mistyped year?),",
		"records.csv,6,date,outside the years 1900 to 2100 (a mistyped year?),",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		assert_contains(L.rejects, want[i]);
	assert_int_equal(family(&L, "F4")->entry, D("2100-12-31"));
	assert_int_equal(family(&L, "F4")->rejected, 0);
	assert_int_equal(family(&L, "F2")->n_people, 1);
	assert_int_equal(family(&L, "F1")->n_records, 1);
	assert_int_equal(family(&L, "F1")->closure, EHP_NO_DATE);
	unload(&L);

	/* A date that is no date at all says so, whatever its year. */
	load(&L, "family_id,entry_date\nF1,31/02/2024\nF2,2024-3-15\n", PEOPLE, "family_id,person_id,type,date\n", false);
	assert_int_equal(L.rj.count, 2);
	assert_contains(L.rejects, "families.csv,2,entry_date,no such day (a day or month out of range),");
	assert_contains(L.rejects, "families.csv,3,entry_date,not a date (dd/mm/yyyy or yyyy-mm-dd),");
	unload(&L);
}

/* A person's record dated before they were born has a wrong date or the
 * wrong person: rejected, streamed or grouped. A household record has no
 * one's birth to be before. */
static void test_record_before_birth(void **state)
{
	(void)state;
	static const char *const text[3] = {
		"family_id,entry_date\nF1,2024-03-15\nF2,2024-03-15\n",
		"person_id,family_id,date_of_birth\nkid,F1,2010-06-01\nmum,F1,1985-04-03\nkid,F2,2015-01-01\n",
		"family_id,person_id,type,date\n"
		"F1,kid,offence,2010-05-31\n"          /* 2: the day before */
		"F1,kid,offence,2010-06-01\n"          /* the day itself */
		"F1,mum,offence,2010-05-31\n"          /* mum was born */
		"F1,,eviction_notice,1950-01-01\n"     /* a household's */
		"F2,kid,offence,2012-01-01\n",         /* 6: F2's kid, born 2015 */
	};
	ehp_dataset a, b;
	assert_string_equal(read_mode(text, false, &a), "streamed");
	assert_string_equal(read_mode(text, true, &b), "grouped");
	assert_same_dataset(&a, &b);
	assert_int_equal(a.families[0].n_records, 3);
	assert_int_equal(a.families[0].rejected, 1);
	assert_int_equal(a.families[1].n_records, 0);
	assert_int_equal(a.families[1].rejected, 1);
	ehp_dataset_free(&a);
	ehp_dataset_free(&b);
	loaded L;
	load(&L, text[0], text[1], text[2], false);
	assert_contains(L.rejects, "records.csv,2,date,before the person's date of birth,");
	assert_contains(L.rejects, "records.csv,6,date,before the person's date of birth,");
	unload(&L);
}

/* A family the people file names no member of (no row, kept or rejected)
 * is marked: it is judged on incomplete data. The same streamed or grouped,
 * and a family whose only member's row was rejected is not marked (its
 * reject already says what is missing). */
static void test_family_without_members(void **state)
{
	(void)state;
	static const char *const text[3] = {
		"family_id,entry_date\nF1,2024-03-15\nF2,2024-03-15\nF3,2024-03-15\nF4,2024-03-15\n",
		"person_id,family_id,date_of_birth\nkid,F1,2010-06-01\nkid,F3,2010-02-30\n",
		"family_id,person_id,type,date\nF2,,eviction_notice,2024-01-01\nF4,kid,offence,2024-01-01\n",
	};
	ehp_dataset a, b;
	assert_string_equal(read_mode(text, false, &a), "streamed");
	assert_string_equal(read_mode(text, true, &b), "grouped");
	assert_same_dataset(&a, &b);
	assert_int_equal(a.n_families, 4);
	assert_false(a.families[0].no_members);
	assert_true(a.families[1].no_members);  /* F2: a household record, no one */
	assert_int_equal(a.families[1].rejected, 0);
	assert_false(a.families[2].no_members); /* F3: its member's row was rejected */
	assert_int_equal(a.families[2].rejected, 1);
	assert_true(a.families[3].no_members);  /* F4: and a record of someone unknown */
	assert_int_equal(a.families[3].rejected, 1);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(ehp_family_incomplete(&a.families[i]), i > 0);
	ehp_dataset_free(&a);
	ehp_dataset_free(&b);
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
		cmocka_unit_test(test_export_variants),
		cmocka_unit_test(test_quoted_fields),
		cmocka_unit_test(test_not_utf8),
		cmocka_unit_test(test_author_roles),
		cmocka_unit_test(test_blank_rows_ignored),
		cmocka_unit_test(test_dates_out_of_range),
		cmocka_unit_test(test_record_before_birth),
		cmocka_unit_test(test_family_without_members),
		cmocka_unit_test(test_streamed_and_grouped_agree),
		cmocka_unit_test(test_unsorted_is_read_again_grouped),
		cmocka_unit_test(test_unclosed_quote_swallows_nothing),
		cmocka_unit_test(test_column_named_twice),
		cmocka_unit_test(test_empty_and_header_only),
		cmocka_unit_test(test_unreadable_files),
		cmocka_unit_test(test_numbers),
		cmocka_unit_test(test_calendar_file),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
