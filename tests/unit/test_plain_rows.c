/*
 * test_plain_rows.c - rows read in one pass (csv_plain_cells, the streamed
 * reader's take_plain_record and take_plain_person): a row is taken so
 * only when csv_next would read it the same, and every other row, or a
 * row with any fault, is read and rejected as before. The oracles: csv_next
 * on the same bytes, and the grouped reader (which never reads in one
 * pass) on the same files.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "dataset_helpers.h"

/* ------------------------------------------------- csv_plain_cells */

/* Rows of 4 fields (or not), each kind once: whether csv_plain_cells
 * takes it. */
typedef struct {
	const char *row; /* with its line ending */
	size_t len;      /* 0: strlen */
	bool plain;
} kind;

static const kind KINDS[] = {
	{ "a,bb,ccc,dddd\n", 0, true },
	{ "a,b,,\n", 0, true },                /* trailing empty fields */
	{ ",,,\n", 0, true },                  /* every field of 0 bytes */
	{ "F0000001,P000000001,universal_credit,2021-03-19\n", 0, true },
	{ "x,y,z,a-very-long-field-that-runs-on-past-one-block-of-64-bytes-and-then-on-past-a-second-block-too\n", 0, true },
	{ "\"a\",b,c,d\n", 0, false },         /* a quoted field */
	{ "a,\"b,c\",d\n", 0, false },
	{ "a,b,c,d\r\n", 0, false },           /* CRLF */
	{ "a,b,c\n", 0, false },               /* too few fields */
	{ "a,b,c,d,e\n", 0, false },           /* too many */
	{ "a, b,c,d\n", 0, false },            /* a cell to trim */
	{ "a,b\t,c,d\n", 0, false },
	{ "a,b!,c,d\n", 0, false },            /* '!': below '"', a stop */
	{ "a,b\0c,d\n", 8, false },            /* a NUL */
	{ "\n", 0, false },                    /* a blank line */
	{ ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,\n", 0, false },
	{ "a,b,c,\"d\nand more\"\n", 0, false }, /* a line break inside quotes */
};
enum { N_KINDS = sizeof KINDS / sizeof *KINDS };

static size_t kind_len(const kind *k)
{
	return k->len ? k->len : strlen(k->row);
}

/* The way csv_plain_cells splits in the tests below (csv_plain_wide):
 * AVX2, or the other way (SSE2, or the portable loop); each test that
 * splits runs both, the AVX2 way only where the CPU has it. */
static bool cpu_has_wide(void)
{
	csv_reader r = { 0 };
	return csv_plain_wide(&r, true);
}

static void set_way(csv_reader *r, bool wide)
{
	assert_int_equal(csv_plain_wide(r, wide), wide);
}

/* Reads text with csv_next, first asking csv_plain_cells of each row: a
 * row it takes must be the one csv_next reads, with the same fields, and
 * every row it takes must be plain. Every other row it takes is passed
 * with csv_pass_plain instead of read, and the line numbers must still be
 * right. Returns the rows taken. */
static size_t check_text(const char *text, size_t len, size_t block, const unsigned char *plain_of_line, bool wide)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	assert_non_null(f);
	csv_reader r;
	csv_open_sized(&r, f, "test.csv", block);
	set_way(&r, wide);
	assert_int_equal(csv_next(&r), 1); /* the header: a, b, c, d */
	size_t taken = 0, k = 0;
	csv_span cell[CSV_MAX_CELLS + 64];
	for (;;) {
		size_t next = csv_plain_cells(&r, NULL, 4, cell);
		unsigned long line = r.next_line;
		if (next) {
			assert_true(plain_of_line[line]); /* never a row of another kind */
			taken++;
		}
		if (next && k++ % 2) {
			csv_pass_plain(&r, next);
			assert_int_equal(r.line, line);
			assert_int_equal(r.next_line, line + 1);
			continue;
		}
		if (!csv_next(&r))
			break;
		if (!next)
			continue;
		assert_null(r.error);
		assert_int_equal(r.line, line);
		assert_int_equal(r.n_fields, 4);
		assert_int_equal(r.pos, next);
		for (size_t i = 0; i < 4; i++) {
			assert_int_equal(cell[i].n, csv_len(&r, i));
			assert_ptr_equal(cell[i].s, csv_field(&r, i));
		}
	}
	csv_close(&r);
	fclose(f);
	return taken;
}

/* Every kind of row at every offset of a 64-byte block (a prefix row of
 * 4 to 70 bytes before it), read in blocks of 1 MiB and of 37 bytes (rows
 * across the buffer's end), the last row with no LF. */
static void test_kinds_at_every_offset(void **state)
{
	(void)state;
	for (size_t pad = 4; pad <= 70; pad++) {
		char *text = malloc(16384);
		unsigned char plain_of_line[64] = { 0 };
		size_t len = 0;
		memcpy(text, "a,b,c,d\n", 8);
		len = 8;
		unsigned long line = 2;
		for (size_t i = 0; i < N_KINDS; i++) {
			/* the prefix: pad bytes, 4 fields */
			memset(text + len, 'p', pad - 4);
			memcpy(text + len + pad - 4, ",,,\n", 4);
			len += pad;
			plain_of_line[line++] = 1;
			memcpy(text + len, KINDS[i].row, kind_len(&KINDS[i]));
			len += kind_len(&KINDS[i]);
			plain_of_line[line] = KINDS[i].plain;
			line += 1 + (i == N_KINDS - 1); /* the last kind runs over two lines */
		}
		memcpy(text + len, "e,f,g,h", 7); /* the last row, with no LF: never taken */
		len += 7;
		for (int wide = 0; wide <= cpu_has_wide(); wide++) {
			size_t taken = check_text(text, len, 1 << 20, plain_of_line, wide);
			/* each prefix row but the one after the blank line (csv_next reads
			 * it with the blank line: never asked), and the plain kinds */
			assert_int_equal(taken, N_KINDS - 1 + 5);
			assert_true(check_text(text, len, 37, plain_of_line, wide) > 0);
		}
		free(text);
	}
}

/* Fields by slot: the header's columns in any order fill the cells they
 * name; a column no one reads fills the cell of no use. */
static void slots_one_way(bool wide)
{
	static const char text[] = "h0,h1,h2\nzero,one,two\n";
	FILE *f = fmemopen((void *)text, strlen(text), "rb");
	csv_reader r;
	csv_open(&r, f, "test.csv");
	set_way(&r, wide);
	assert_int_equal(csv_next(&r), 1);
	unsigned char slot[CSV_MAX_CELLS + 64];
	memset(slot, 3, sizeof slot);
	slot[0] = 2;
	slot[1] = 0;
	slot[2] = 1;
	csv_span cell[4] = { { "", 0 }, { "", 0 }, { "", 0 }, { "", 0 } };
	size_t next = csv_plain_cells(&r, slot, 3, cell);
	assert_int_equal(next, strlen(text));
	assert_int_equal(cell[2].n, 4);
	assert_memory_equal(cell[2].s, "zero", 4);
	assert_memory_equal(cell[0].s, "one", 3);
	assert_memory_equal(cell[1].s, "two", 3);
	assert_int_equal(csv_plain_cells(&r, slot, 2, cell), 0); /* too many for a header of 2 */
	csv_close(&r);
	fclose(f);
}

static void test_slots(void **state)
{
	(void)state;
	for (int wide = 0; wide <= cpu_has_wide(); wide++)
		slots_one_way(wide);
}

/* The two ways give the same answer for any row: rows of bytes drawn
 * from those the splitters stop at or count (commas, quotes, line
 * breaks, blanks, '!', NUL) and text, of 1 to 8 fields, slots or none,
 * asked of each row csv_next reads, in blocks of 1 MiB and of 29 bytes. */
static void test_ways_agree(void **state)
{
	(void)state;
	if (!cpu_has_wide())
		skip();
	static const char alphabet[] = { 'a', 'b', ',', ',', ',', '"', '\n', '\n', '\r', ' ', '\t', '!', '\0', '#', '~', 'x' };
	unsigned seed = 12345;
	char *text = malloc(4096);
	unsigned char slot[CSV_MAX_CELLS + 64];
	for (size_t i = 0; i < sizeof slot; i++)
		slot[i] = (unsigned char)(i < 8 ? 7 - i : 8);
	for (int round = 0; round < 400; round++) {
		size_t len = 0, want = 200 + (size_t)round * 7 % 2000;
		while (len < want) {
			seed = seed * 1103515245u + 12345u;
			unsigned pick = seed >> 16;
			/* mostly text and commas, so many rows are plain */
			text[len++] = pick % 8 ? "abcdefgh,,,,,,,,0123456789"[pick % 26] : alphabet[pick / 8 % sizeof alphabet];
		}
		size_t n = 1 + (size_t)round % 8;
		for (int small = 0; small < 2; small++) {
			FILE *f = fmemopen(text, len, "rb");
			assert_non_null(f);
			csv_reader r;
			csv_open_sized(&r, f, "test.csv", small ? 29 : 1 << 20);
			csv_next(&r); /* the header, as a file has one */
			do {
				for (int slots = 0; slots < 2; slots++) {
					csv_span a[CSV_MAX_CELLS + 64], b[CSV_MAX_CELLS + 64];
					memset(a, 0, sizeof a);
					memset(b, 0, sizeof b);
					set_way(&r, false);
					size_t na = csv_plain_cells(&r, slots ? slot : NULL, n, a);
					set_way(&r, true);
					size_t nb = csv_plain_cells(&r, slots ? slot : NULL, n, b);
					assert_int_equal(na, nb);
					if (na)
						assert_memory_equal(a, b, (n + 1) * sizeof *a);
				}
			} while (csv_next(&r));
			csv_close(&r);
			fclose(f);
		}
	}
	free(text);
}

/* ------------------------------------------------- the streamed reader */

typedef struct {
	ehp_dataset ds;
	char *rejects;
	size_t rejects_len;
	const char *mode;
} read_out;

/* Reads the three texts streamed (files) or grouped (pipes), keeping the
 * rejects file's text. */
static void read_texts(const char *const text[3], bool through_pipes, read_out *o)
{
	FILE *out = open_memstream(&o->rejects, &o->rejects_len);
	assert_non_null(out);
	o->mode = read_mode_counted(text, through_pipes, &o->ds, NULL, NULL, out);
	fclose(out);
}

static int by_text(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The rejects file's rows in byte order: the grouped reader rejects the
 * same rows, not necessarily in the same order. */
static char *sorted_lines(const char *text)
{
	char *copy = strdup(text), *lines[512];
	size_t n = 0;
	for (char *s = strtok(copy, "\n"); s && n < 512; s = strtok(NULL, "\n"))
		lines[n++] = s;
	qsort(lines, n, sizeof *lines, by_text);
	char *out = calloc(1, strlen(text) + n + 1);
	for (size_t i = 0; i < n; i++) {
		strcat(out, lines[i]);
		strcat(out, "\n");
	}
	free(copy);
	return out;
}

static void free_out(read_out *o)
{
	ehp_dataset_free(&o->ds);
	free(o->rejects);
}

/* Every kind of fault in a row of the family being read (never its first
 * row, so the row is tried in one pass first): streamed, each is rejected
 * with the line, field and reason the grouped reader gives, and the good
 * rows around them are kept alike. */
static const char *const FAULTY[3] = {
	"family_id,entry_date,closure_date\n"
	"F1,2024-03-15,2024-09-30\n"
	"F2,2024-02-01,\n"
	"F3,2024-02-01,\n",
	"person_id,family_id,date_of_birth,flags\n"
	"kid,F1,2010-06-01,\n"
	"mum,F1,1985-04-03,parent;parenting_responsibility\n"
	"kid,F1,2011-01-01,\n"                             /* 4: duplicate person id */
	"gran,F1,1950-13-01,\n"                            /* 5: no such day */
	"baby,F1,2025-01-01,\n"                            /* 6: after the point of entry */
	"aunt,F1,1970-01-01,wizard\n"                      /* 7: unknown flag */
	" uncle ,F1,1971-01-01,parent\n"                   /* 8: trimmed, kept */
	"dad,F2,1980-01-01,PARENT\n"
	"son,F2,2012-02-02,\"parent;carer\"\n"             /* 10: quoted: read as ever */
	",F2,2012-02-02,\n"                                /* 11: empty person id */
	"pa,F3,1980-01-01\n",                              /* 12: too few fields */
	"family_id,person_id,type,date,end_date,value,total,score,detail,author\n"
	"F1,kid,offence,2023-04-20,,,,,,\n"
	"F1,kid,attendance,2023-09-01,2023-12-20,150,180,,,\n"
	"F1,kid,offense,2023-04-21,,,,,,\n"                /* 4: unknown type */
	"F1,kid,offence,2023-02-30,,,,,,\n"                /* 5: no such day */
	"F1,kid,offence,2009-01-01,,,,,,\n"                /* 6: before birth */
	"F1,kid,attendance,2023-09-01,2023-08-01,1,2,,,\n" /* 7: end before date */
	"F1,kid,attendance,2023-09-01,2023-12-20,190,180,,,\n" /* 8: more than the total */
	"F1,kid,attendance,2023-09-01,2023-12-20,-1,180,,,\n"  /* 9: negative */
	"F1,kid,attendance,2023-09-01,2023-12-20,1.5,x,,,\n"   /* 10: not a number */
	"F1,kid,assessment,2024-04-01,,,,-3,family_star,\n"
	"F1,kid,assessment,2024-04-01,,,,,no_such_detail,\n"   /* 12: unknown detail */
	"F1,kid,offence,2023-04-20,,,,,,nobody\n"              /* 13: unknown role */
	"F1,ghost,offence,2023-04-20,,,,,,\n"                  /* 14: unknown person */
	"F1,gran,offence,2023-04-20,,,,,,\n"                   /* 15: the person's row was rejected */
	"F1,,police_callout,2023-05-01,,,,,,\n"
	"F1,kid,offence,,,,,,,\n"                              /* 17: empty date */
	"F1,kid,offence,2023-04-20,,,,,\n"                     /* 18: too few fields */
	"F1,kid,offence,2023-04-20,,,,,,,\n"                   /* 19: too many */
	"F1,kid,offence,2023-04-20,,,,,,\r\n"                  /* 20: CRLF, kept */
	"F1,kid,\"offence\",2023-04-20,,,,,,\n"                /* 21: quoted, kept */
	"F1, kid ,offence,2023-04-20,,,,,,\n"                  /* 22: trimmed, kept */
	"F1,kid,Offence,20/04/2023,,,,,,Key Worker\n"          /* 23: other forms, kept */
	"F1,kid,attendance,2023-09-01,,92%,,,,\n"              /* 24: a percentage, kept */
	"F1,kid,attendance,2023-08-01,,92%,,,,\n"              /* 25: not in a term */
	"F1,kid,offence,2023-04-20,,,,,,\"a\n"                 /* 26: never closed */
	"F2,dad,offence,2023-04-20,,,,,,\n"
	"F2,dad,offence,2023-04-20,,,,,,\n"
	"F2,son,offence,2023-04-20,,,,,,\n"
	"F2b,dad,offence,2023-04-20,,,,,,\n"                   /* 30: unknown family */
	"F3,,offence,2023-04-20,,,,,,\n"
	"F3,pa,offence,2023-04-20,,,,,,", /* 32: the last row, no LF: its person was rejected */
};

static void faults_as_grouped(void)
{
	read_out s, g;
	read_texts(FAULTY, false, &s);
	read_texts(FAULTY, true, &g);
	assert_string_equal(s.mode, "streamed");
	assert_string_equal(g.mode, "grouped");
	assert_same_dataset(&s.ds, &g.ds);
	char *a = sorted_lines(s.rejects), *b = sorted_lines(g.rejects);
	assert_string_equal(a, b);
	static const char *const want[] = {
		"people.csv,4,person_id,duplicate person id,",
		"people.csv,5,date_of_birth,no such day (a day or month out of range),",
		"people.csv,6,date_of_birth,after the family's point of entry,",
		"people.csv,7,flags,unknown flag (see docs/data-dictionary.md),",
		"people.csv,11,person_id,empty,",
		"people.csv,12,row,wrong number of columns (3; the header has 4),",
		"records.csv,4,type,unknown record type (see docs/data-dictionary.md),",
		"records.csv,5,date,no such day (a day or month out of range),",
		"records.csv,6,date,before the person's date of birth,",
		"records.csv,7,end_date,before the record's date,",
		"records.csv,8,value,more than the total,",
		"records.csv,9,value,negative,",
		"records.csv,10,total,not a number,",
		"records.csv,12,detail,unknown detail (see docs/data-dictionary.md),",
		"records.csv,13,author,unknown role (see docs/data-dictionary.md),",
		"records.csv,14,person_id,unknown person (not in the people file for this family),",
		"records.csv,15,person_id,the person's row in the people file was rejected,",
		"records.csv,17,date,empty,",
		"records.csv,18,row,wrong number of columns (9; the header has 10),",
		"records.csv,19,row,wrong number of columns (11; the header has 10),",
		"records.csv,25,date,not in a school term: give the term's end_date,",
		"records.csv,26,row,a quoted field is not closed on its line,",
		"records.csv,30,family_id,unknown family (not in the families file),",
		"records.csv,32,person_id,the person's row in the people file was rejected,",
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++)
		if (!strstr(s.rejects, want[i]))
			fail_msg("not rejected: %s\nrejects:\n%s", want[i], s.rejects);
	const ehp_family *f1 = &s.ds.families[0];
	assert_int_equal(f1->n_people, 3); /* kid, mum, uncle */
	assert_string_equal(f1->people[2].id, "uncle");
	free(a);
	free(b);
	free_out(&s);
	free_out(&g);
}

/* body run both ways of the streamed reader's loop (take_rows_wide where
 * the CPU has AVX2, take_rows_any). */
static void both_ways(void (*body)(void))
{
	for (int narrow = 0; narrow < 2; narrow++) {
		dataset_split_narrow = narrow;
		body();
	}
	dataset_split_narrow = false;
}

static void test_faults_as_grouped(void **state)
{
	(void)state;
	both_ways(faults_as_grouped);
}

/* The records file's columns in another order, one column missing and
 * one the reader does not know: the cells still go where they belong. */
static void columns_in_any_order(void)
{
	static const char *const text[3] = {
		"family_id,entry_date\n"
		"F1,2024-03-15\n"
		"F2,2024-03-15\n",
		"flags,note,date_of_birth,person_id,family_id\n"
		"parent,x,1985-04-03,mum,F1\n"
		",y,2010-06-01,kid,F1\n"
		",z,2011-06-01,kid2,F2\n",
		"date,note,type,person_id,value,family_id\n"
		"2023-04-20,a,offence,kid,,F1\n"
		"2023-09-01,b,earnings,mum,1200,F1\n"
		"2023-09-02,c,earnings,mum,x,F1\n"
		"2023-09-03,d,offence,kid2,,F2\n"
		"2023-09-04,e,offence,,,F2\n",
	};
	read_out s, g;
	read_texts(text, false, &s);
	read_texts(text, true, &g);
	assert_string_equal(s.mode, "streamed");
	assert_same_dataset(&s.ds, &g.ds);
	char *a = sorted_lines(s.rejects), *b = sorted_lines(g.rejects);
	assert_string_equal(a, b);
	assert_non_null(strstr(s.rejects, "records.csv,4,value,not a number,"));
	assert_int_equal(s.ds.families[0].n_records, 2);
	assert_true(s.ds.families[0].records[1].value == 1200);
	assert_int_equal(s.ds.families[1].n_records, 2);
	free(a);
	free(b);
	free_out(&s);
	free_out(&g);
}

static void test_columns_in_any_order(void **state)
{
	(void)state;
	both_ways(columns_in_any_order);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_kinds_at_every_offset),
		cmocka_unit_test(test_slots),
		cmocka_unit_test(test_ways_agree),
		cmocka_unit_test(test_faults_as_grouped),
		cmocka_unit_test(test_columns_in_any_order),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
