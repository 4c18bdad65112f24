/*
 * test_mapping.c - a council's own export read through a mapping file
 * (mapfile.h, mapping.h), end to end through the evaluator's command line on
 * a small plan: the mapping read and checked (every mistake found in one
 * reading), codes translated or ignored, flag columns, measures, records
 * placed in their family by person, and a bad row of the council's file
 * rejected under the council's file name, line and column, with its row.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "cli_helpers.h"
#include "mapfile.h"
#include "map_helpers.h"
#include "tiny_plan.h"

static const char *const MAP =
	"# a council's export\n"
	"families from \"fams.csv\"\n"
	"  family_id    = \"Family Ref\"\n"
	"  entry_date   = \"Start\"\n"
	"  closure_date = \"End\"\n"
	"people from \"members.csv\"\n"
	"  family_id = \"Family Ref\"\n"
	"  person_id = \"Person Ref\"\n"
	"  date_of_birth = \"DOB\"\n"
	"  flag parent = \"Is Parent\"\n"
	"records from \"police.csv\"\n"
	"  person_id = \"Person Ref\"\n"
	"  type      = \"Outcome\"\n"
	"  date      = \"When\"\n"
	"  type code \"Conviction\", \"Youth Caution\" -> offence\n"
	"  ignore type \"Words of advice\"\n"
	"records from \"housing.csv\"\n"
	"  family_id = \"Family Ref\"\n"
	"  type is eviction_notice\n"
	"  date      = \"Served\"\n";

typedef struct {
	cli c;
} run_dir;

static void write_export(run_dir *r, const char *police)
{
	cli_dirs(&r->c);
	char *p[5] = {
		io_write(r->c.data, "council.map", MAP, 0),
		io_write(r->c.data, "fams.csv", "Family Ref,Start,End\nF1,15/03/2024,15/09/2024\nF2,15/03/2024,15/09/2024\n", 0),
		/* kid is in both families (a child of separated parents): a police row
		 * for kid counts in each */
		io_write(r->c.data, "members.csv",
		         "Family Ref,Person Ref,DOB,Is Parent\nF1,kid,2010-06-01,N\nF1,mum,1985-01-01,Yes\n"
		         "F2,kid,2010-06-01,N\n", 0),
		io_write(r->c.data, "police.csv", police, 0),
		io_write(r->c.data, "housing.csv", "Family Ref,Served\nF2,01/05/2023 00:00\n", 0),
	};
	for (int i = 0; i < 5; i++)
		free(p[i]);
}

static void run(run_dir *r, const char *extra)
{
	char *map = io_path(r->c.data, "council.map");
	char *argv[] = { "tiny", "--map", map, "--data", r->c.data, "--as-of", "2025-09-15", "--out", r->c.out,
		             (char *)extra, NULL };
	cli_main(&r->c, &tiny_plan, extra ? 10 : 9, argv);
	free(map);
}

static void test_export_read_through_mapping(void **state)
{
	(void)state;
	run_dir r;
	write_export(&r, "Person Ref,Outcome,When\nkid,Youth Caution,20/04/2023\nkid,Words of advice,01/05/2023\n");
	run(&r, NULL);
	assert_int_equal(r.c.rc, 0);
	char *results = cli_out(&r.c, "results.csv");
	assert_non_null(results);
	/* kid's caution is an offence before entry in both families; F2 also had
	 * an eviction notice served. */
	assert_contains(results, "F1,yes,1,crime,1.1:kid,1a:kid,yes,,yes\n");
	assert_contains(results, "F2,yes,2,crime;home,1.1:kid;2.1:household,");
	assert_contains(r.c.cap.out, "rows left out       1 (their codes are declared ignored)");
	char *receipt = cli_out(&r.c, "receipt.txt");
	assert_contains(receipt, "  map      council.map  ");
	assert_contains(receipt, "  records  police.csv  ");
	free(results);
	free(receipt);
	cli_free(&r.c);
}

static void test_bad_row_names_council_file(void **state)
{
	(void)state;
	run_dir r;
	write_export(&r, "Person Ref,Outcome,When\nkid,Conviction,31/02/2023\nkid,Caution,01/03/2023\nnobody,Conviction,"
	                 "01/03/2023\n");
	run(&r, NULL);
	assert_int_equal(r.c.rc, 0);
	char want[512];
	snprintf(want, sizeof want, "%s/police.csv:2: When: no such day (a day or month out of range)\n", r.c.data);
	assert_contains(r.c.cap.err, want);
	/* an undeclared code the dictionary does not know is rejected, and counted */
	snprintf(want, sizeof want, "%s/police.csv:3: Outcome: unknown record type", r.c.data);
	assert_contains(r.c.cap.err, want);
	assert_contains(r.c.cap.err, "police.csv column \"Outcome\": code \"Caution\" in 1 row");
	snprintf(want, sizeof want,
	         "%s/police.csv:4: Person Ref: unknown person (no row of the people files lists this person id)", r.c.data);
	assert_contains(r.c.cap.err, want);
	char *rejects = cli_out(&r.c, "rejects.csv");
	snprintf(want, sizeof want, "%s/police.csv,2,When,no such day (a day or month out of range),"
	                            "\"kid,Conviction,31/02/2023\"\n", r.c.data);
	assert_contains(rejects, want);
	free(rejects);
	/* the row is the family's in both families it belongs to: neither is claimable */
	char *results = cli_out(&r.c, "results.csv");
	assert_contains(results, "data incomplete");
	free(results);
	run(&r, "--strict");
	assert_int_equal(r.c.rc, 1);
	cli_free(&r.c);
}

static void test_missing_column_said_with_headers(void **state)
{
	(void)state;
	run_dir r;
	write_export(&r, "Person Ref,Result,When\nkid,Conviction,20/04/2023\n");
	run(&r, NULL);
	assert_int_equal(r.c.rc, 2);
	assert_contains(r.c.cap.err, "council.map:13:15: police.csv: no column \"Outcome\"");
	assert_contains(r.c.cap.err, "the header has: \"Person Ref\", \"Result\", \"When\"");
	assert_null(cli_out(&r.c, "results.csv"));
	cli_free(&r.c);
}

static void test_mapping_mistakes_all_found(void **state)
{
	(void)state;
	char *diag;
	assert_int_equal(map_parse(MAP, &diag), 0);
	assert_string_equal(diag, "");
	free(diag);
	assert_int_equal(map_parse("families from \"f.csv\"\n  family_id = \"F\"\n  entry_date = \"E\"\n"
	                       "  flag parent = \"P\"\n"                 /* 4: a flag outside a people block */
	                       "people from \"p.csv\"\n  family_id = \"F\"\n  person_id = \"P\"\n"
	                       "  date_of_birth = \"D\"\n  date_of_birth = \"D2\"\n" /* 9: twice */
	                       "  flags code \"Mum\" -> mother\n"          /* 10: no such flag */
	                       "records from \"r.csv\"\n  person_id = \"P\"\n  type is offense\n" /* 13 */
	                       "  date = \"D\" \"E\"\n",                   /* 14 */
	                       &diag),
	                 7); /* and so the records block lacks its type and its date */
	assert_contains(diag, "t.map:4:3: error: flags are set on people rows\n");
	assert_contains(diag, "t.map:9:19: error: this field is already given in this block\n");
	assert_contains(diag, "t.map:10:23: error: expected a flag of the data dictionary\n");
	assert_contains(diag, "t.map:13:11: error: expected a record type of the data dictionary\n");
	assert_contains(diag, "= hint: did you mean `offence`?\n");
	assert_contains(diag, "t.map:14:14: error: more on this line than a statement takes\n");
	assert_contains(diag, "   13 |   type is offense\n      |           ^~~~~~~\n");
	assert_contains(diag, "t.map:11:14: error: records from \"r.csv\" does not say which column holds `date`\n");
	assert_contains(diag, "t.map: 7 errors\n");
	free(diag);
	/* nothing at all: both blocks the evaluator needs are missing */
	assert_int_equal(map_parse("", &diag), 2);
	free(diag);
	assert_int_equal(map_parse("\xef\xbb\xbf# only a comment\r\nfamilies from \"a\\b.csv\"\r\n  family_id = \"x\"\x01\r\n", &diag),
	                 5); /* the control byte, so no family_id, no entry_date, no people; and a path */
	assert_contains(diag, "t.map:2:15: error: a file name, not a path\n");
	free(diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_export_read_through_mapping),
		cmocka_unit_test(test_bad_row_names_council_file),
		cmocka_unit_test(test_missing_column_said_with_headers),
		cmocka_unit_test(test_mapping_mistakes_all_found),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
