/*
 * test_csv.c - the streaming CSV reader: byte order mark, line endings,
 * quoting, blank lines, header lookup, and malformed rows reported without
 * stopping the reader.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>
#include "csv.h"

typedef struct {
	FILE *f;
	csv_reader r;
} reader;

/* A reader over len bytes of text (strlen when len is 0). */
static void open_text(reader *rd, const char *text, size_t len)
{
	rd->f = fmemopen((void *)text, len ? len : strlen(text), "rb");
	assert_non_null(rd->f);
	csv_open(&rd->r, rd->f, "test.csv");
}

static void close_text(reader *rd)
{
	csv_close(&rd->r);
	fclose(rd->f);
}

static void assert_field(const csv_reader *r, size_t i, const char *want)
{
	assert_true(i < r->n_fields);
	assert_int_equal(csv_len(r, i), strlen(want));
	assert_memory_equal(csv_field(r, i), want, strlen(want));
}

/* Reads the next row and checks it is well formed with these fields. */
static void expect_row(reader *rd, unsigned long line, int n, ...)
{
	assert_int_equal(csv_next(&rd->r), 1);
	assert_null(rd->r.error);
	assert_int_equal(rd->r.line, line);
	assert_int_equal(rd->r.n_fields, n);
	va_list ap;
	va_start(ap, n);
	for (int i = 0; i < n; i++)
		assert_field(&rd->r, (size_t)i, va_arg(ap, const char *));
	va_end(ap);
}

static void test_plain_rows(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b,c\n1,2,3\n,,\nx,,z", 0); /* no line ending at the end */
	expect_row(&rd, 1, 3, "a", "b", "c");
	expect_row(&rd, 2, 3, "1", "2", "3");
	expect_row(&rd, 3, 3, "", "", "");
	expect_row(&rd, 4, 3, "x", "", "z");
	assert_int_equal(csv_next(&rd.r), 0);
	assert_int_equal(csv_next(&rd.r), 0); /* stays at the end */
	close_text(&rd);
}

static void test_bom_and_crlf(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "\xEF\xBB\xBF" "id,date\r\nF1,2024-01-02\r\nF2,03/04/2024\r\n", 0);
	expect_row(&rd, 1, 2, "id", "date");
	assert_int_equal(csv_column(&rd.r, "id"), 0); /* the BOM is not part of the first name */
	expect_row(&rd, 2, 2, "F1", "2024-01-02");
	assert_string_equal(rd.r.raw, "F1,2024-01-02"); /* raw row without its line ending */
	expect_row(&rd, 3, 2, "F2", "03/04/2024");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

static void test_quotes(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd,
	          "id,note\n"
	          "1,\"Smith, J\"\n"
	          "2,\"said \"\"no\"\"\"\n"
	          "3,\"two\nlines\"\n"
	          "4,\"\"\n"
	          "\"5\",\"crlf\r\ninside\"\r\n"
	          "6,last\n",
	          0);
	expect_row(&rd, 1, 2, "id", "note");
	expect_row(&rd, 2, 2, "1", "Smith, J");
	expect_row(&rd, 3, 2, "2", "said \"no\"");
	assert_string_equal(rd.r.raw, "2,\"said \"\"no\"\"\"");
	expect_row(&rd, 4, 2, "3", "two\nlines");
	expect_row(&rd, 6, 2, "4", ""); /* the line after the embedded line break */
	expect_row(&rd, 7, 2, "5", "crlf\r\ninside");
	expect_row(&rd, 9, 2, "6", "last");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

static void test_blank_lines(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "\n\r\na,b\n\n1,2\r\n\r\n\n\r\n", 0);
	expect_row(&rd, 3, 2, "a", "b");
	expect_row(&rd, 5, 2, "1", "2");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);

	open_text(&rd, "a,b\r1,2\r", 0); /* old Mac line endings: lone CR */
	expect_row(&rd, 1, 2, "a", "b");
	expect_row(&rd, 2, 2, "1", "2");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

static void test_empty_and_header_only(void **state)
{
	(void)state;
	reader rd;
	rd.f = tmpfile(); /* zero bytes */
	assert_non_null(rd.f);
	csv_open(&rd.r, rd.f, "empty.csv");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);

	open_text(&rd, "\xEF\xBB\xBF\r\n\n", 0); /* a BOM and blank lines only */
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);

	open_text(&rd, "family_id,entry_date\n", 0);
	expect_row(&rd, 1, 2, "family_id", "entry_date");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

static void test_columns_by_name(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, " Date , FAMILY_ID,extra,person_id\n", 0);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(csv_column(&rd.r, "family_id"), 1);
	assert_int_equal(csv_column(&rd.r, "date"), 0);
	assert_int_equal(csv_column(&rd.r, "person_id"), 3);
	assert_int_equal(csv_column(&rd.r, "end_date"), -1);
	assert_int_equal(csv_column(&rd.r, "dat"), -1);
	close_text(&rd);
}

static void test_nul_byte(void **state)
{
	(void)state;
	static const char text[] = "a,b\n1,x\0y\n2,ok\n";
	reader rd;
	open_text(&rd, text, sizeof text - 1);
	expect_row(&rd, 1, 2, "a", "b");
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 2);
	assert_non_null(rd.r.error);
	assert_non_null(strstr(rd.r.error, "NUL"));
	assert_int_equal(rd.r.raw_len, 5); /* the row as read, NUL included */
	expect_row(&rd, 3, 2, "2", "ok"); /* the reader goes on */
	close_text(&rd);
}

static void test_unterminated_quote(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b\n1,ok\n2,\"never closed\n3,x\n", 0);
	expect_row(&rd, 1, 2, "a", "b");
	expect_row(&rd, 2, 2, "1", "ok");
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 3);
	assert_non_null(rd.r.error);
	assert_non_null(strstr(rd.r.error, "not closed on its line"));
	assert_int_equal(rd.r.raw_len, strlen("2,\"never closed")); /* cut back to its line */
	expect_row(&rd, 4, 2, "3", "x"); /* the row it would have swallowed */
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

/* A row over several lines with the wrong number of fields (csv_expect)
 * is cut back too; one with the right number is a field with line breaks. */
static void test_expected_fields(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b\n1,\"x\ny\"\n2,\"p\n3,q\n4,r\",z\n", 0);
	csv_expect(&rd.r, 2);
	expect_row(&rd, 1, 2, "a", "b");
	expect_row(&rd, 2, 2, "1", "x\ny");
	assert_int_equal(csv_next(&rd.r), 1); /* 2,"p / 3,q / 4,r",z: three fields over three lines */
	assert_int_equal(rd.r.line, 4);
	assert_non_null(strstr(rd.r.error, "not closed on its line"));
	expect_row(&rd, 5, 2, "3", "q");
	assert_int_equal(csv_next(&rd.r), 1); /* 4,r",z : a stray quote, on its own line */
	assert_int_equal(rd.r.line, 6);
	assert_non_null(rd.r.error);
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

/* A row over several lines, well-formed and of the right width, that a
 * line inside it could start as a row of its own: an unclosed quote that
 * paired with a quote further on (here the next row's field that begins
 * with a line break) would swallow that row. Cut back, as any unclosed
 * quote; a field whose later lines cannot start a row is read whole. */
static void test_line_inside_could_start_a_row(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b,c\n1,x,\"open\n2,y,\"\nz\"\n3,\"line one\nline, two\",r\n4,\"ends in a break\n\",s\n", 0);
	csv_expect(&rd.r, 3);
	expect_row(&rd, 1, 3, "a", "b", "c");
	assert_int_equal(csv_next(&rd.r), 1); /* 1,x,"open / 2,y," : line 3 could start a row */
	assert_int_equal(rd.r.line, 2);
	assert_non_null(strstr(rd.r.error, "not closed on its line"));
	expect_row(&rd, 3, 3, "2", "y", "\nz");  /* the row it would have swallowed */
	expect_row(&rd, 5, 3, "3", "line one\nline, two", "r"); /* `line, two"` cannot start a row */
	/* A field ending in a line break: its last line, `",s`, could start a
	 * row; which was meant cannot be told, so it is cut back too. */
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 7);
	assert_non_null(rd.r.error);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 8);
	assert_non_null(rd.r.error);
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

static void test_stray_quotes(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b\n1,5\" tall\n2,\"closed\"early\n3,fine\n", 0);
	expect_row(&rd, 1, 2, "a", "b");
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 2);
	assert_non_null(rd.r.error);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(rd.r.line, 3);
	assert_non_null(rd.r.error);
	assert_non_null(strstr(rd.r.error, "after the closing quote"));
	expect_row(&rd, 4, 2, "3", "fine");
	close_text(&rd);
}

static void test_invalid_bom(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "\xEF\xBF\xBDid\n1\n", 0);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_non_null(rd.r.error);
	expect_row(&rd, 2, 1, "1");
	close_text(&rd);
}

/* Excel's "Unicode text" export: named as such, not as a NUL byte. */
static void test_utf16(void **state)
{
	(void)state;
	static const char le[] = "\xFF\xFEi\0d\0\n\0";
	reader rd;
	open_text(&rd, le, sizeof le - 1);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_non_null(rd.r.error);
	assert_non_null(strstr(rd.r.error, "UTF-16"));
	close_text(&rd);
	static const char be[] = "\xFE\xFF\0i\0d\0\n";
	open_text(&rd, be, sizeof be - 1);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_non_null(strstr(rd.r.error, "UTF-16"));
	close_text(&rd);
	/* a lone 0xFF is only a byte, kept as it is */
	open_text(&rd, "\xFFid\n1\n", 0);
	expect_row(&rd, 1, 1, "\xFFid");
	expect_row(&rd, 2, 1, "1");
	close_text(&rd);
}

/* Bytes that are not UTF-8 are not the reader's business: they are kept as
 * they are, and so is the raw row. */
static void test_invalid_utf8_kept(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "id,name\n\xC3\x28,\xA3" "5\xFF\n\xE9t\xE9,\"\xC0\x80\"\n", 0);
	expect_row(&rd, 1, 2, "id", "name");
	expect_row(&rd, 2, 2, "\xC3\x28", "\xA3" "5\xFF");
	assert_string_equal(rd.r.raw, "\xC3\x28,\xA3" "5\xFF");
	expect_row(&rd, 3, 2, "\xE9t\xE9", "\xC0\x80");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

/* Line breaks inside a quoted field count as lines whatever their kind, so
 * the rows after them are named by the line they really start on. */
static void test_line_breaks_inside_quotes(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b\r1,\"x\ry\"\r2,\"p\r\nq\nr\"\r3,z\r", 0);
	expect_row(&rd, 1, 2, "a", "b");
	expect_row(&rd, 2, 2, "1", "x\ry");
	expect_row(&rd, 4, 2, "2", "p\r\nq\nr");
	expect_row(&rd, 7, 2, "3", "z");
	assert_int_equal(csv_next(&rd.r), 0);
	close_text(&rd);
}

/* Where a malformed row went wrong: the fields before it are as written. */
static void test_error_field(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "a,b,c\nF1,x\"y,z\nF2,ok,\"open\n", 0);
	expect_row(&rd, 1, 3, "a", "b", "c");
	assert_int_equal(csv_next(&rd.r), 1);
	assert_non_null(rd.r.error);
	assert_int_equal(rd.r.error_field, 1);
	assert_field(&rd.r, 0, "F1");
	assert_int_equal(csv_next(&rd.r), 1);
	assert_non_null(rd.r.error);
	assert_int_equal(rd.r.error_field, 2);
	assert_field(&rd.r, 1, "ok");
	close_text(&rd);
}

static void test_column_named_twice(void **state)
{
	(void)state;
	reader rd;
	open_text(&rd, "family_id,date, Family_ID\n", 0);
	assert_int_equal(csv_next(&rd.r), 1);
	assert_int_equal(csv_column(&rd.r, "family_id"), 0);
	assert_int_equal(csv_column_after(&rd.r, "family_id", 0), 2);
	assert_int_equal(csv_column_after(&rd.r, "family_id", 2), -1);
	assert_int_equal(csv_column_after(&rd.r, "date", 1), -1);
	close_text(&rd);
}

/* A field far longer than any buffer's first size, on one line, streamed. */
static void test_very_long_field(void **state)
{
	(void)state;
	const size_t big = 16u << 20;
	FILE *f = tmpfile();
	assert_non_null(f);
	fputs("id,note\n1,\"", f);
	for (size_t i = 0; i < big; i++)
		putc(i % 1000 == 999 ? ',' : 'a' + (int)(i % 26), f);
	fputs("\"\n2,short\n", f);
	rewind(f);
	csv_reader r;
	csv_open(&r, f, "long.csv");
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(csv_next(&r), 1);
	assert_null(r.error);
	assert_int_equal(r.n_fields, 2);
	assert_int_equal(csv_len(&r, 1), big);
	assert_int_equal(csv_field(&r, 1)[0], 'a');
	assert_int_equal(csv_field(&r, 1)[999], ',');
	assert_int_equal(r.raw_len, big + 4); /* 1,"...": the raw row too */
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.line, 3);
	assert_field(&r, 1, "short");
	assert_int_equal(csv_next(&r), 0);
	csv_close(&r);
	fclose(f);
}

/* One row as the reader gave it, copied out of its buffer. */
typedef struct {
	unsigned long line;
	const char *error;
	size_t error_field, n_fields, raw_len;
	char text[512]; /* the fields, each followed by '|' */
	char raw[512];
} row_copy;

static size_t read_all(const char *text, size_t len, size_t block, row_copy *rows, size_t max)
{
	FILE *f = fmemopen((void *)text, len, "rb");
	assert_non_null(f);
	csv_reader r;
	csv_open_sized(&r, f, "edges.csv", block);
	size_t n = 0;
	while (csv_next(&r)) {
		assert_true(n < max);
		row_copy *c = &rows[n++];
		*c = (row_copy){ r.line, r.error, r.error_field, r.n_fields, r.raw_len, "", "" };
		size_t at = 0;
		for (size_t i = 0; i < r.n_fields; i++) {
			assert_true(at + csv_len(&r, i) + 1 < sizeof c->text);
			memcpy(c->text + at, csv_field(&r, i), csv_len(&r, i));
			at += csv_len(&r, i);
			c->text[at++] = '|';
		}
		assert_true(r.raw_len < sizeof c->raw);
		memcpy(c->raw, r.raw, r.raw_len);
		assert_int_equal(r.raw[r.raw_len], '\0');
	}
	csv_close(&r);
	fclose(f);
	return n;
}

/* Every block size from 1 byte up puts each row, quoted field, "" pair
 * and CRLF pair across a refill somewhere: the rows must not change. */
static void test_block_edges(void **state)
{
	(void)state;
	static const char text[] = "\xEF\xBB\xBF" "id,note,n\r\n"
	                           "1,\"a, \"\"quoted\"\"\r\nfield\",2\r\n"
	                           "\r\n"
	                           "2,plain,3\r"
	                           "3,\"x\"y,4\n" /* text after the closing quote */
	                           "4,a\"b,5\n"   /* a stray quote */
	                           "5,n\0l,6\r\n" /* a NUL byte */
	                           "6,\"\",\"\"\"\"\r"
	                           "7,last,\"unclosed\r\n";
	row_copy want[16], got[16];
	size_t n = read_all(text, sizeof text - 1, 1 << 20, want, 16);
	assert_int_equal(n, 8);
	assert_string_equal(want[1].text, "1|a, \"quoted\"\r\nfield|2|");
	assert_int_equal(want[2].line, 5);
	assert_string_equal(want[3].text, "3|xy|4|");
	assert_non_null(want[3].error);
	assert_int_equal(want[3].error_field, 1);
	assert_non_null(want[4].error);
	assert_non_null(strstr(want[5].error, "NUL"));
	assert_int_equal(want[5].raw_len, 7);
	assert_string_equal(want[6].text, "6||\"|");
	assert_int_equal(want[7].line, 10);
	assert_non_null(strstr(want[7].error, "not closed"));
	for (size_t block = 1; block < sizeof text + 2; block++) {
		assert_int_equal(read_all(text, sizeof text - 1, block, got, 16), n);
		for (size_t i = 0; i < n; i++) {
			assert_int_equal(got[i].line, want[i].line);
			assert_ptr_equal(got[i].error, want[i].error);
			assert_int_equal(got[i].n_fields, want[i].n_fields);
			assert_string_equal(got[i].text, want[i].text);
			assert_int_equal(got[i].raw_len, want[i].raw_len);
			assert_memory_equal(got[i].raw, want[i].raw, want[i].raw_len);
			if (want[i].error)
				assert_int_equal(got[i].error_field, want[i].error_field);
		}
	}
}

/* The reader looks for special bytes 64 at a time: rows that put every
 * kind of special byte at every place in a block of 64 (a first field of 0
 * to 64 more bytes), read through buffers of many sizes up to two blocks
 * and more (so a field, a "" pair, a CRLF or a closing quote falls on the
 * last byte of a read), must each read as the same row read on its own. */
static void test_rows_at_every_place_in_a_block(void **state)
{
	(void)state;
#define KIND(text) { text, sizeof text - 1 }
	static const struct {
		const char *s;
		size_t n;
	} kinds[] = {
		KIND("1,\"a, \"\"quoted\"\"\r\nfield\",2\r\n"), KIND("\r\n"), KIND("2,plain,3\r"), KIND("3,\"x\"y,4\n"),
		KIND("4,a\"b,5\n"), KIND("5,n\0l,6\r\n"), KIND("6,\"\",\"\"\"\"\r"), KIND("7,\"q\"\n"),
		KIND("8,plain,,9\n"), /* the common row, read by plain_row */
		KIND("9,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,"
		     ",,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,x\n"),
	};
#undef KIND
	enum { PLACES = 65, KINDS = sizeof kinds / sizeof *kinds, MAX = PLACES * KINDS };
	static char text[MAX * 400];
	static row_copy want[MAX], got[MAX];
	size_t len = 0, n = 0;
	for (size_t p = 0; p < PLACES; p++) {
		for (size_t k = 0; k < KINDS; k++) {
			char one[400];
			size_t x = k == 1 ? 0 : p; /* the blank line (kinds[1]) stays blank */
			memset(one, 'x', x);
			memcpy(one + x, kinds[k].s, kinds[k].n);
			n += read_all(one, x + kinds[k].n, 1 << 20, want + n, MAX - n);
			memcpy(text + len, one, x + kinds[k].n);
			len += x + kinds[k].n;
		}
	}
	assert_int_equal(n, PLACES * (KINDS - 1));
	static const size_t blocks[] = { 1, 2, 3, 5, 7, 31, 63, 64, 65, 100, 127, 128, 129, 200, 1 << 20 };
	for (size_t b = 0; b < sizeof blocks / sizeof *blocks; b++) {
		assert_int_equal(read_all(text, len, blocks[b], got, MAX), n);
		for (size_t i = 0; i < n; i++) {
			assert_ptr_equal(got[i].error, want[i].error);
			assert_int_equal(got[i].n_fields, want[i].n_fields);
			assert_string_equal(got[i].text, want[i].text);
			assert_int_equal(got[i].raw_len, want[i].raw_len);
			assert_memory_equal(got[i].raw, want[i].raw, want[i].raw_len);
			if (want[i].error)
				assert_int_equal(got[i].error_field, want[i].error_field);
			if (i)
				assert_true(got[i].line > got[i - 1].line);
		}
	}
}

/* Rows many times longer than the buffer: it grows to hold them, and the
 * rows after them read as before. */
static void test_rows_longer_than_the_buffer(void **state)
{
	(void)state;
	enum { LONG = 5000 };
	char *text = malloc(3 * LONG);
	assert_non_null(text);
	size_t at = 0;
	at += (size_t)sprintf(text, "a,b\n1,");
	for (int i = 0; i < LONG; i++)
		text[at++] = (char)('a' + i % 26);
	at += (size_t)sprintf(text + at, "\n2,\"");
	for (int i = 0; i < LONG; i++)
		text[at++] = i % 100 == 99 ? '\n' : ',';
	at += (size_t)sprintf(text + at, "\"\n3,x\n");
	FILE *f = fmemopen(text, at, "rb");
	assert_non_null(f);
	csv_reader r;
	csv_open_sized(&r, f, "long.csv", 64);
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(csv_len(&r, 1), LONG);
	assert_int_equal(r.raw_len, LONG + 2);
	assert_int_equal(csv_next(&r), 1);
	assert_null(r.error);
	assert_int_equal(r.line, 3);
	assert_int_equal(csv_len(&r, 1), LONG);
	assert_int_equal(csv_field(&r, 1)[99], '\n');
	assert_int_equal(csv_next(&r), 1);
	assert_int_equal(r.line, 3 + LONG / 100 + 1);
	assert_int_equal(csv_len(&r, 1), 1);
	assert_int_equal(csv_next(&r), 0);
	csv_close(&r);
	fclose(f);
	free(text);
}

/* The digest is of every byte read, BOM and bad rows included. */
static void test_digest(void **state)
{
	(void)state;
	char hex[65];
	uint64_t bytes;
	reader rd;
	open_text(&rd, "abc", 0);
	csv_hash(&rd.r, true);
	expect_row(&rd, 1, 1, "abc");
	assert_int_equal(csv_next(&rd.r), 0);
	assert_int_equal(csv_digest(&rd.r, hex, &bytes), 0);
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	assert_int_equal(bytes, 3);
	assert_int_equal(csv_digest(&rd.r, hex, &bytes), 0); /* again: the same */
	assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	close_text(&rd);

	/* Not asked for before reading: no digest. */
	open_text(&rd, "a,b\n", 0);
	assert_int_equal(csv_next(&rd.r), 1);
	csv_hash(&rd.r, true);
	assert_int_equal(csv_digest(&rd.r, hex, &bytes), -1);
	assert_string_equal(hex, "-");
	close_text(&rd);
}

/* A caller that stops early still gets the digest of the whole file. */
static void test_digest_of_a_file_read_in_part(void **state)
{
	(void)state;
	static const char text[] = "\xEF\xBB\xBF" "id,x\r\n1,\"a\0b\r\n2,y\n3,z\n";
	char want[65], hex[65];
	sha256_hex(text, sizeof text - 1, want);
	for (size_t block = 1; block < 40; block += 3) {
		FILE *f = fmemopen((void *)text, sizeof text - 1, "rb");
		assert_non_null(f);
		csv_reader r;
		csv_open_sized(&r, f, "part.csv", block);
		csv_hash(&r, true);
		assert_int_equal(csv_next(&r), 1); /* the header only */
		uint64_t bytes;
		assert_int_equal(csv_digest(&r, hex, &bytes), 0);
		assert_string_equal(hex, want);
		assert_int_equal(bytes, sizeof text - 1);
		assert_int_equal(csv_next(&r), 0); /* the rest was not parsed */
		csv_close(&r);
		fclose(f);
	}
}

/* A pipe (as `--records <(cat records.csv)` gives): read once, hashed as
 * read, with more than a pipe's buffer passing through it. */
static void test_pipe(void **state)
{
	(void)state;
	enum { ROWS = 20000 };
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	char want[65];
	sha256_ctx c;
	sha256_init(&c);
	char line[64];
	int n = snprintf(line, sizeof line, "id,value\n");
	sha256_update(&c, line, (size_t)n);
	for (int i = 0; i < ROWS; i++) {
		n = snprintf(line, sizeof line, "%d,\"%d\"\r\n", i, i * 7);
		sha256_update(&c, line, (size_t)n);
	}
	uint64_t total = c.total;
	sha256_final(&c, want);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		FILE *w = fdopen(fds[1], "wb");
		if (!w)
			_exit(1);
		fputs("id,value\n", w);
		for (int i = 0; i < ROWS; i++)
			fprintf(w, "%d,\"%d\"\r\n", i, i * 7);
		_exit(fclose(w) == 0 ? 0 : 1);
	}
	close(fds[1]);
	FILE *f = fdopen(fds[0], "rb");
	assert_non_null(f);
	csv_reader r;
	csv_open_sized(&r, f, "pipe.csv", 4096);
	csv_hash(&r, true);
	assert_int_equal(csv_next(&r), 1);
	for (int i = 0; i < ROWS; i++) {
		assert_int_equal(csv_next(&r), 1);
		assert_null(r.error);
		assert_int_equal(r.line, (unsigned long)i + 2);
		char v[32];
		int k = snprintf(v, sizeof v, "%d", i * 7);
		assert_int_equal(csv_len(&r, 1), (size_t)k);
		assert_memory_equal(csv_field(&r, 1), v, (size_t)k);
	}
	assert_int_equal(csv_next(&r), 0);
	char hex[65];
	uint64_t bytes;
	assert_int_equal(csv_digest(&r, hex, &bytes), 0);
	assert_string_equal(hex, want);
	assert_int_equal(bytes, total);
	csv_close(&r);
	fclose(f);
	int status;
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain_rows),
		cmocka_unit_test(test_bom_and_crlf),
		cmocka_unit_test(test_quotes),
		cmocka_unit_test(test_blank_lines),
		cmocka_unit_test(test_empty_and_header_only),
		cmocka_unit_test(test_columns_by_name),
		cmocka_unit_test(test_nul_byte),
		cmocka_unit_test(test_unterminated_quote),
		cmocka_unit_test(test_expected_fields),
		cmocka_unit_test(test_stray_quotes),
		cmocka_unit_test(test_invalid_bom),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_invalid_utf8_kept),
		cmocka_unit_test(test_line_breaks_inside_quotes),
		cmocka_unit_test(test_error_field),
		cmocka_unit_test(test_column_named_twice),
		cmocka_unit_test(test_very_long_field),
		cmocka_unit_test(test_block_edges),
		cmocka_unit_test(test_rows_at_every_place_in_a_block),
		cmocka_unit_test(test_rows_longer_than_the_buffer),
		cmocka_unit_test(test_line_inside_could_start_a_row),
		cmocka_unit_test(test_digest),
		cmocka_unit_test(test_digest_of_a_file_read_in_part),
		cmocka_unit_test(test_pipe),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
