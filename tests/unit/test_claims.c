/*
 * test_claims.c - claims already made (`--claims FILE`, data-format.md):
 * the file read like the other inputs (dates as exports write them, empty
 * rows skipped), a family claimed before under this plan not claimable
 * again and the reason saying so, claims under other plans or after the
 * claim date not counted, a bad row whose family is known in rejects.csv
 * with its family not claimable, a row whose family cannot be told (or any
 * bad row under --strict) refusing the file with its place, and the
 * summary, receipt and report counting them.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "cli_helpers.h"
#include "claims.h"
#include "tiny_plan.h"

/* F1 meets 1.1 and 2.1 and, closed on 15/09/2024 with nothing after, is
 * claimable on 15/03/2025; F2 is claimable too. */
static const char *FAMILIES = "family_id,entry_date,closure_date\n"
                              "F1,15/03/2024,15/09/2024\n"
                              "F2,15/03/2024,15/09/2024\n";
static const char *PEOPLE = "person_id,family_id,date_of_birth,flags\n"
                            "kid,F1,2010-06-01,\n"
                            "k2,F2,2010-06-01,\n";
static const char *RECORDS = "family_id,person_id,type,date\n"
                             "F1,kid,offence,20/04/2023\n"
                             "F2,k2,offence,20/04/2023\n";

static void run_with(cli *c, const char *claims_text, bool strict)
{
	cli_dirs(c);
	free(io_write(c->data, "families.csv", FAMILIES, 0));
	free(io_write(c->data, "people.csv", PEOPLE, 0));
	free(io_write(c->data, "records.csv", RECORDS, 0));
	char *claims = io_write(c->dir, "claims.csv", claims_text, 0);
	char *argv[] = { "tiny", "--data", c->data, "--as-of", "15/03/2025", "--out", c->out, "--claims", claims,
		         strict ? "--strict" : NULL, NULL };
	cli_main(c, &tiny_plan, strict ? 10 : 9, argv);
	free(claims);
}

static void run(cli *c, const char *claims_text)
{
	run_with(c, claims_text, false);
}

static void test_claimed_before(void **state)
{
	(void)state;
	cli c;
	run(&c, "family_id,claim_date,plan\n"
	        "F1,2025-01-15,tiny\n"
	        "F1, 01/12/2024 ,tiny\n"     /* the earliest of two claims is named */
	        ",,\n"                       /* an empty row, as spreadsheets save them */
	        "F2,2025-01-15,other\n"      /* another plan's claim */
	        "F2,2025-03-16,tiny\n");     /* after the claim date */
	assert_int_equal(c.rc, 0);
	char *results = cli_out(&c, "results.csv");
	assert_non_null(strstr(results, ",no,already claimed: a claim made on 2024-12-01 (claims file line 3),"));
	assert_non_null(strstr(results, "\nF2,yes,"));
	assert_non_null(strstr(c.cap.out, "  claimable           1\n"));
	assert_non_null(strstr(c.cap.out, "  already claimed     1 (not claimable again)\n"));
	assert_non_null(strstr(c.cap.out, "1 family claimed under this plan by the claim date; not counted: 1 under "
	                                  "other plans, 1 dated after the claim date"));
	char *receipt = cli_out(&c, "receipt.txt");
	assert_non_null(strstr(receipt, "\n  claims   claims.csv  "));
	assert_non_null(strstr(receipt, "\nclaimed       1 family met the claim rule but claimed before, not claimable again\n"));
	char *report = cli_out(&c, "report.html");
	assert_non_null(strstr(report, "id=\"funnel-already-claimed\">1<"));
	free(results);
	free(receipt);
	free(report);
	cli_free(&c);
}

/* A bad row whose family is known goes to rejects.csv and leaves its
 * family not claimable (its claim could be this plan's: it could be paid
 * twice); it changes no other family's verdict. */
static void test_bad_claim_flags_its_family(void **state)
{
	(void)state;
	cli c;
	run(&c, "family_id,claim_date,plan\n"
	        "F1,31/02/2025,tiny\n"       /* a day that does not exist */
	        "F2,2025-01-15,other\n"
	        "F2,31/02/2025,other\n"      /* bad, but another plan's: F2 is not flagged */
	        "F3,2025-01-15,\n");         /* no plan: F3 would be flagged, but it is not in the extract */
	assert_int_equal(c.rc, 0);
	char *results = cli_out(&c, "results.csv");
	assert_non_null(strstr(results, "\nF1,yes,1,crime,1.1:kid,1a:kid,no,\"earlier claim could not be read: claims file "
	                                "line 2, claim_date (in rejects.csv); not claimable until it is corrected\",yes\n"));
	assert_non_null(strstr(results, "\nF2,yes,1,crime,1.1:k2,1a:k2,yes,,yes\n"));
	char *rejects = cli_out(&c, "rejects.csv");
	assert_non_null(strstr(rejects, "claims.csv,2,claim_date,"));
	assert_non_null(strstr(rejects, "claims.csv,4,claim_date,"));
	assert_non_null(strstr(rejects, "claims.csv,5,plan,empty; the plan the claim was made under is needed,"));
	assert_non_null(strstr(c.cap.err, "claims.csv:2: claim_date: "));
	assert_non_null(strstr(c.cap.out, "  rows rejected       3 (see rejects.csv)\n"));
	assert_non_null(strstr(c.cap.out, "; 2 could not be read (rejects.csv), their families not claimable\n"));
	free(results);
	free(rejects);
	cli_free(&c);
	/* A readable claim of the same family is the one named. */
	run(&c, "family_id,claim_date,plan\n"
	        "F1,31/02/2025,tiny\n"
	        "F1,2025-01-15,tiny\n");
	assert_int_equal(c.rc, 0);
	results = cli_out(&c, "results.csv");
	assert_non_null(strstr(results, ",no,already claimed: a claim made on 2025-01-15 (claims file line 3),"));
	free(results);
	cli_free(&c);
}

/* --validate says the claims file's bad rows too, and writes nothing. */
static void test_validate_names_bad_claims(void **state)
{
	(void)state;
	cli c;
	cli_dirs(&c);
	free(io_write(c.data, "families.csv", FAMILIES, 0));
	free(io_write(c.data, "people.csv", PEOPLE, 0));
	free(io_write(c.data, "records.csv", RECORDS, 0));
	char *claims = io_write(c.dir, "claims.csv", "family_id,claim_date,plan\nF1,31/02/2025,tiny\n", 0);
	char *argv[] = { "tiny", "--validate", "--data", c.data, "--as-of", "15/03/2025", "--claims", claims, NULL };
	cli_main(&c, &tiny_plan, 8, argv);
	free(claims);
	assert_int_equal(c.rc, 0);
	assert_non_null(strstr(c.cap.err, "claims.csv:2: claim_date: "));
	assert_false(io_exists(c.out, "rejects.csv"));
	cli_free(&c);
}

/* A row whose family cannot be told refuses the file, naming the row;
 * under --strict any bad row does. */
static void test_bad_claims_refused(void **state)
{
	(void)state;
	cli c;
	run(&c, "family_id,claim_date,plan\n"
	        "F1,31/02/2025,tiny\n"
	        ",2025-01-15,tiny\n"
	        "F2,2025-01-15,\n");
	assert_int_equal(c.rc, 2);
	assert_non_null(strstr(c.cap.err, "claims.csv:2: claim_date: "));
	assert_non_null(strstr(c.cap.err, "claims.csv:3: family_id: empty\n"));
	assert_non_null(strstr(c.cap.err, "claims.csv:4: plan: empty"));
	assert_non_null(strstr(c.cap.err, "claims.csv:3: family_id: the family a claim was made for cannot be told, so "
	                                  "the claims file is refused whole"));
	assert_false(io_exists(c.out, "results.csv")); /* nothing judged on a claims file half read */
	cli_free(&c);
	run(&c, "family_id,claim_date,plan\n"
	        "F1,2025-01-15,tiny,extra\n"); /* a row of the wrong shape: its columns cannot be trusted */
	assert_int_equal(c.rc, 2);
	assert_non_null(strstr(c.cap.err, "claims.csv:2: row: the family a claim was made for cannot be told"));
	cli_free(&c);
	run_with(&c, "family_id,claim_date,plan\n"
	             "F1,31/02/2025,tiny\n", true);
	assert_int_equal(c.rc, 1);
	assert_non_null(strstr(c.cap.err, "claims.csv:2: claim_date: "));
	assert_non_null(strstr(c.cap.err, "1 bad row and --strict: the claims file is refused"));
	assert_false(io_exists(c.out, "results.csv"));
	cli_free(&c);
	run(&c, "family_id,date,plan\n");
	assert_int_equal(c.rc, 2);
	assert_non_null(strstr(c.cap.err, "no `claim_date` column"));
	cli_free(&c);
}

/* The list itself: each family once, with its earliest claim, found by exact id. */
static void test_without_claims(void **state)
{
	(void)state;
	ehp_claims none = { 0 };
	assert_null(ehp_claims_find(&none, "F1"));
	assert_null(ehp_claims_find(NULL, "F1"));
	ehp_claims some = { 0 };
	ehp_claims_add(&some, "F9x", 2, 100, 4);
	ehp_claims_add(&some, "F1", 2, 90, 5);
	ehp_claims_add(&some, "F9", 2, 80, 6);
	ehp_claims_index(&some);
	assert_int_equal(some.n, 2);
	assert_int_equal(ehp_claims_find(&some, "F9")->date, 80); /* the earliest of F9's */
	assert_int_equal(ehp_claims_find(&some, "F1")->line, 5);
	assert_null(ehp_claims_find(&some, "F"));
	ehp_claims_free(&some);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_claimed_before),
		cmocka_unit_test(test_bad_claim_flags_its_family),
		cmocka_unit_test(test_bad_claims_refused),
		cmocka_unit_test(test_validate_names_bad_claims),
		cmocka_unit_test(test_without_claims),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
