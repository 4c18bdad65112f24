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
	assert_non_null(strstr(rd.r.error, "not closed"));
	assert_int_equal(csv_next(&rd.r), 0); /* it ran to the end of the file */
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
		cmocka_unit_test(test_stray_quotes),
		cmocka_unit_test(test_invalid_bom),
		cmocka_unit_test(test_utf16),
		cmocka_unit_test(test_invalid_utf8_kept),
		cmocka_unit_test(test_line_breaks_inside_quotes),
		cmocka_unit_test(test_error_field),
		cmocka_unit_test(test_column_named_twice),
		cmocka_unit_test(test_very_long_field),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
