/*
 * test_join_chain.c - a mapping's joins (mapfile.h, jointable.h, mapping.c):
 * a joined file held by its key column (found, not found, a key on two
 * rows, the bound), a chain of joins followed from a block's file to the
 * child (records placed in the child's family; an id not found, empty or on
 * two rows a rejected row naming its file, line and column), a people block
 * joined to two files, and the chains a mapping refuses with their place (a
 * cycle, too long a chain, `on "Key"` with no person id to follow).
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include "io_helpers.h"
#include "jointable.h"
#include "mapfile.h"
#include "map_helpers.h"
#include "mapping.h"

static void write_file(const char *dir, const char *name, const char *text)
{
	free(io_write(dir, name, text, 0));
}

/* ------------------------------------------------------------ the table */

static void test_table_found_not_found_twice(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	write_file(dir, "send.csv", "send_table_id,send_upn,send_person_id\n"
	                            "SE1,A1,kid\n"
	                            " SE2 ,A2,  teen \n"
	                            "SE3,A3,first\n"
	                            ",A4,nobody\n"
	                            "SE3,A5,second\n");
	char *path = io_path(dir, "send.csv"), err[256];
	ehp_join_table *t;
	assert_int_equal(ehp_join_open(&t, path, "send.csv", "SEND_TABLE_ID", err, sizeof err), 0);
	assert_int_equal(ehp_join_key_column(t), 0);
	int person = ehp_join_column(t, "send_person_id");
	assert_int_equal(person, 0);
	assert_int_equal(ehp_join_column(t, "send_person_id"), 0); /* asked twice: kept once */
	assert_int_equal(ehp_join_column(t, "no such column"), -1);
	assert_int_equal(ehp_join_read(t, EHP_JOIN_MAX_BYTES, err, sizeof err), 0);

	size_t n;
	const ehp_join_row *r = ehp_join_find(t, "SE2", 3); /* keys and cells trimmed */
	assert_non_null(r);
	assert_false(r->twice);
	assert_int_equal(r->line, 3);
	assert_string_equal(ehp_join_cell(t, r, person, &n), "teen");
	assert_int_equal(n, 4);
	assert_null(ehp_join_find(t, "SE9", 3));
	assert_null(ehp_join_find(t, "", 0)); /* a row with no key is not kept */
	/* SE3 on two rows: which is meant cannot be told */
	r = ehp_join_find(t, "SE3", 3);
	assert_non_null(r);
	assert_true(r->twice);
	const char *p;
	char hex[65];
	uint64_t bytes;
	ehp_join_digest(t, &p, hex, &bytes);
	assert_int_equal(strlen(hex), 64);
	assert_int_equal(bytes, 104);
	ehp_join_close(t);
	free(path);
	io_rmdir(dir);
}

static void test_table_bounded(void **state)
{
	(void)state;
	char *dir = io_tmpdir();
	write_file(dir, "big.csv", "id,value\n1,aaaaaaaa\n2,bbbbbbbb\n3,cccccccc\n");
	char *path = io_path(dir, "big.csv"), err[256];
	ehp_join_table *t;
	assert_int_equal(ehp_join_open(&t, path, "big.csv", "id", err, sizeof err), 0);
	ehp_join_column(t, "value");
	assert_int_equal(ehp_join_read(t, 150, err, sizeof err), -1);
	assert_non_null(strstr(err, "big.csv: the columns the mapping reads from it pass 150 bytes by line "));
	assert_non_null(strstr(err, "held in memory"));
	ehp_join_close(t);
	/* a key column named twice, or missing, is said so and nothing is read */
	write_file(dir, "two.csv", "id,ID\n1,2\n");
	free(path);
	path = io_path(dir, "two.csv");
	assert_int_equal(ehp_join_open(&t, path, "two.csv", "id", err, sizeof err), 0);
	assert_int_equal(ehp_join_key_column(t), -2);
	assert_int_equal(ehp_join_read(t, EHP_JOIN_MAX_BYTES, err, sizeof err), 0);
	assert_null(ehp_join_find(t, "1", 1));
	ehp_join_close(t);
	free(path);
	io_rmdir(dir);
}

/* ------------------------------------------------------------ a chain */

static const char *const CHAIN_MAP =
	"families from \"families.csv\"\n"
	"  family_id  = \"Family ID\"\n"
	"  entry_date = \"Start\"\n"
	"people from \"members.csv\"\n"
	"  family_id     = \"Family ID\"\n"
	"  person_id     = \"Person ID\"\n"
	"  join \"person.csv\" on \"pers_person_id\"\n"
	"  join \"flags.csv\" on \"Person ID\"\n"
	"  date_of_birth = \"pers_dob\"\n"
	"  flag couple   = \"Couple\"\n"
	"records from \"plans.csv\"\n"                                            /* 11 */
	"  join \"assessments.csv\" on \"Assessment\" = \"Assessment ID\"\n"     /* 12 */
	"  join \"requests.csv\" on \"Request\" = \"Request ID\"\n"              /* 13 */
	"  join \"send.csv\" on \"SEND\" = \"SEND ID\"\n"
	"  person_id = \"Person\"\n"
	"  type is ehcp\n"
	"  date     = \"Start\"\n"
	"  end_date = \"Requested\"\n";

/* The export, with plans.csv as given. */
static char *write_chain_export(const char *plans)
{
	char *dir = io_tmpdir();
	write_file(dir, "families.csv", "Family ID,Start\nF1,2024-01-10\nF2,2024-02-01\n");
	write_file(dir, "members.csv", "Family ID,Person ID\nF1,mum\nF1,kid\nF2,kid\nF2,gran\n");
	write_file(dir, "person.csv", "pers_person_id,pers_dob\nmum,1985-04-01\nkid,2015-06-01\ngran,1950-01-01\n");
	write_file(dir, "flags.csv", "Couple,Person ID\nN,kid\nY,mum\n");
	write_file(dir, "plans.csv", plans);
	write_file(dir, "assessments.csv", "Assessment ID,Request\nAS1,RQ1\nAS2,RQ2\nAS3,RQ3\n");
	write_file(dir, "requests.csv", "Request ID,SEND,Requested\nRQ1,SE1,2022-01-05\nRQ2,SE9,2022-02-05\n"
	                                "RQ3,SE3,2022-03-05\nRQ3,SE3,2022-03-06\n");
	write_file(dir, "send.csv", "SEND ID,Person\nSE1,kid\nSE3,kid\n");
	return dir;
}

/* Each of the three files the mapping made, whole. */
typedef struct {
	char *text[3];
} made;

static void make(const char *map_text, const char *dir, made *out, ehp_mapping **mpp, ehp_map *m)
{
	assert_int_equal(ehp_map_parse(m, "chain.map", map_text, strlen(map_text), stderr), 0);
	char err[512];
	assert_int_equal(ehp_mapping_open(mpp, m, dir, false, err, sizeof err), 0);
	FILE *native[3];
	assert_int_equal(ehp_mapping_make(*mpp, native, err, sizeof err), 0);
	for (int k = 0; k < 3; k++) {
		char buf[4096];
		size_t n = fread(buf, 1, sizeof buf - 1, native[k]);
		buf[n] = '\0';
		out->text[k] = strdup(buf);
		fclose(native[k]);
	}
}

static void made_free(made *out)
{
	for (int k = 0; k < 3; k++)
		free(out->text[k]);
}

static void test_chain_followed_to_the_child(void **state)
{
	(void)state;
	char *dir = write_chain_export("Plan ID,Assessment,Start\nNP1,AS1,2022-04-01\n");
	ehp_map m;
	ehp_mapping *mp;
	made out;
	make(CHAIN_MAP, dir, &out, &mp, &m);
	/* plan -> assessment -> request -> SEND record -> kid, who is in both
	 * families: the plan is kid's in each, its end date read from the request */
	assert_non_null(strstr(out.text[2], "\"F1\",\"kid\",\"ehcp\",\"2022-04-01\",\"2022-01-05\",\"\",\"\",\"\",\"\",\"\","
	                                    "2,2,\"\",\"\",")); /* nothing found wrong, no column at fault */
	assert_non_null(strstr(out.text[2], "\"F2\",\"kid\",\"ehcp\",\"2022-04-01\",\"2022-01-05\","));
	/* people joined to two files: the date of birth from one, a flag from the other */
	assert_non_null(strstr(out.text[1], "\"mum\",\"F1\",\"1985-04-01\",\"couple\","));
	assert_non_null(strstr(out.text[1], "\"kid\",\"F1\",\"2015-06-01\",\"\","));
	/* gran is in person.csv but not in flags.csv: rejected, never dropped */
	assert_non_null(strstr(out.text[1], "\"gran\",\"F2\",\"1950-01-01\",\"\",1,5,\"Person ID\","
	                                    "\"not found in flags.csv (column Person ID)\""));
	/* each file read once, the joined ones with the role `joined` */
	assert_int_equal(ehp_mapping_files(mp), 8);
	const char *path, *role;
	char hex[65];
	uint64_t bytes;
	ehp_mapping_file(mp, 2, &path, &role, hex, &bytes);
	assert_string_equal(role, "joined");
	assert_non_null(strstr(path, "/person.csv"));
	ehp_mapping_file(mp, 4, &path, &role, hex, &bytes);
	assert_string_equal(role, "records");
	ehp_mapping_file(mp, 7, &path, &role, hex, &bytes);
	assert_non_null(strstr(path, "/send.csv"));
	assert_int_equal(bytes, 31);
	made_free(&out);
	ehp_mapping_close(mp);
	ehp_map_free(&m);
	io_rmdir(dir);
}

static void test_chain_broken_rows_rejected(void **state)
{
	(void)state;
	char *dir = write_chain_export("Plan ID,Assessment,Start\n"
	                               "NP1,AS7,2022-04-01\n"  /* 2: no such assessment */
	                               "NP2,AS2,2022-04-01\n"  /* 3: its request's SEND record is not there */
	                               "NP3,,2022-04-01\n"     /* 4: no assessment id */
	                               "NP4,AS3,2022-04-01\n"  /* 5: its request on two rows */
	                               "NP5,\"AS1\n");          /* 6: a quote not closed: the row as read, its line end left out */
	ehp_map m;
	ehp_mapping *mp;
	made out;
	make(CHAIN_MAP, dir, &out, &mp, &m);
	const char *r = out.text[2];
	assert_non_null(strstr(r, ",2,\"Assessment\",\"not found in assessments.csv (column Assessment ID)\","
	                          "\"NP1,AS7,2022-04-01\"\n"));
	assert_non_null(strstr(r, ",3,\"SEND\",\"not found in send.csv (column SEND ID)\","));
	assert_non_null(strstr(r, ",4,\"Assessment\",\"empty: the id looked up in assessments.csv\","));
	assert_non_null(strstr(r, ",5,\"Request\",\"on two rows of requests.csv (column Request ID)\","));
	assert_non_null(strstr(r, ",6,\"\",\"a quoted field is not closed before the end of the file\",\"NP5,\"\"AS1\"\n"));
	/* five rows, each once, none in a family: nothing dropped, nothing placed */
	size_t rows = 0;
	for (const char *s = strchr(r, '\n'); s && s[1]; s = strchr(s + 1, '\n'))
		rows++;
	assert_int_equal(rows, 5);
	assert_null(strstr(r, "\"F1\""));
	made_free(&out);
	ehp_mapping_close(mp);
	ehp_map_free(&m);
	io_rmdir(dir);
}

static void test_chain_missing_columns_located(void **state)
{
	(void)state;
	char *dir = write_chain_export("Plan ID,Assessment,Start\nNP1,AS1,2022-04-01\n");
	write_file(dir, "requests.csv", "Request Id,SEND ID,Requested\nRQ1,SE1,2022-01-05\n");
	ehp_map m;
	assert_int_equal(ehp_map_parse(&m, "chain.map", CHAIN_MAP, strlen(CHAIN_MAP), stderr), 0);
	ehp_mapping *mp;
	char err[512];
	assert_int_equal(ehp_mapping_open(&mp, &m, dir, false, err, sizeof err), -1);
	const ehp_map_missing *miss;
	assert_int_equal(ehp_mapping_missing(mp, &miss), 1);
	/* requests.csv has its key (case aside) but no SEND: the next join's id is
	 * looked for in plans.csv, assessments.csv and requests.csv */
	assert_string_equal(miss[0].file, "plans.csv");
	assert_string_equal(miss[0].header, "SEND");
	assert_int_equal(miss[0].at.line, 14);
	assert_int_equal(miss[0].n_found, 3 + 2 + 3);
	assert_string_equal(miss[0].found[7], "Requested");
	assert_null(miss[0].nearest); /* no header near enough to "SEND" */
	ehp_mapping_close(mp);
	/* a joined file without its key column: named with its own headers */
	write_file(dir, "send.csv", "SEND_ID,Person\nSE1,kid\n");
	write_file(dir, "requests.csv", "Request ID,SEND,Requested\nRQ1,SE1,2022-01-05\n");
	assert_int_equal(ehp_mapping_open(&mp, &m, dir, false, err, sizeof err), -1);
	assert_int_equal(ehp_mapping_missing(mp, &miss), 1);
	assert_string_equal(miss[0].file, "send.csv");
	assert_string_equal(miss[0].header, "SEND ID");
	assert_int_equal(miss[0].n_found, 2);
	assert_string_equal(miss[0].nearest, "SEND_ID");
	ehp_mapping_close(mp);
	ehp_map_free(&m);
	io_rmdir(dir);
}

/* ------------------------------------------------------------ refused */

#define HEAD "families from \"f.csv\"\n  family_id = \"F\"\n  entry_date = \"E\"\n" \
             "people from \"p.csv\"\n  family_id = \"F\"\n  person_id = \"P\"\n  date_of_birth = \"D\"\n"

static void test_chain_refused_with_its_place(void **state)
{
	(void)state;
	char *diag;
	/* a chain that comes back to the block's own file, or to a file it joined */
	assert_int_equal(map_parse(HEAD "records from \"r.csv\"\n"                 /* 8 */
	                            "  join \"a.csv\" on \"A\" = \"A ID\"\n"
	                            "  join \"r.csv\" on \"R\" = \"R ID\"\n"     /* 10 */
	                            "  join \"a.csv\" on \"A2\" = \"A ID\"\n"    /* 11 */
	                            "  person_id = \"P\"\n  type is sen\n  date = \"D\"\n",
	                       &diag),
	                 2);
	assert_non_null(strstr(diag, "t.map:10:8: error: this file is already on the block's chain: a join back to it "
	                             "is a cycle\n"));
	assert_non_null(strstr(diag, "t.map:11:8: error: this file is already on the block's chain"));
	assert_non_null(strstr(diag, "   11 |   join \"a.csv\" on \"A2\" = \"A ID\"\n      |        ^~~~~~~\n"));
	free(diag);
	/* too long a chain: the ninth join is refused where it is written */
	char text[2048] = HEAD "records from \"r.csv\"\n  person_id = \"P\"\n  type is sen\n  date = \"D\"\n";
	for (int k = 0; k <= EHP_MAP_MAX_JOINS; k++)
		snprintf(text + strlen(text), sizeof text - strlen(text), "  join \"j%d.csv\" on \"K%d\" = \"K\"\n", k, k);
	assert_int_equal(map_parse(text, &diag), 1);
	assert_non_null(strstr(diag, "t.map:20:3: error: a chain of more than 8 joins\n"));
	free(diag);
	/* `on "Key"` alone follows the person id: a block must read one */
	assert_int_equal(map_parse(HEAD "records from \"r.csv\"\n  family_id = \"F\"\n  type is sen\n  date = \"D\"\n"
	                            "  join \"s.csv\" on \"SEND ID\"\n"
	                            "  join \"t/u.csv\" on \"X\" = \"Y\"\n",
	                       &diag),
	                 2);
	assert_non_null(strstr(diag, "t.map:12:19: error: `join \"FILE\" on \"Key\"` follows the block's person_id"));
	assert_non_null(strstr(diag, "t.map:13:8: error: a file name, not a path\n"));
	free(diag);
	/* two joins, well formed: no error */
	assert_int_equal(map_parse(HEAD "records from \"r.csv\"\n  join \"a.csv\" on \"A\" = \"A ID\"\n"
	                            "  join \"b.csv\" on \"B\" = \"B ID\"\n  person_id = \"P\"\n  type is sen\n"
	                            "  date = \"D\"\n",
	                       &diag),
	                 0);
	free(diag);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table_found_not_found_twice),
		cmocka_unit_test(test_table_bounded),
		cmocka_unit_test(test_chain_followed_to_the_child),
		cmocka_unit_test(test_chain_broken_rows_rejected),
		cmocka_unit_test(test_chain_missing_columns_located),
		cmocka_unit_test(test_chain_refused_with_its_place),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
