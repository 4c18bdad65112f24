/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (runtime/read/csv.c). The
 * input bytes are a file. Besides not crashing, every row must keep these
 * promises:
 *   - rows start on increasing lines, and each has at least one field;
 *   - the raw row is NUL-terminated at its length (fields need not be);
 *   - a well-formed row, written back with every field quoted, reads back
 *     as the same fields (nothing lost or invented by the quoting rules);
 *   - a well-formed row's raw bytes read back as the same fields too (what
 *     the rejects file keeps is the row itself).
 * And the input is also taken as a table (rows split at 0x01, fields at
 * 0x02), written as exporters write CSV, and read back: every field must
 * come back byte for byte, each row on the line it was written on. That
 * check does not trust the reader to judge itself.
 * The input is also read again through a tiny buffer (1 to 7 bytes, so
 * that rows, quoted fields and CRLF pairs fall across every refill): the
 * rows must be the same as through the big one. And the digest of the
 * bytes as read must be the SHA-256 of the input.
 */
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "fuzz.h"

static void write_quoted(FILE *f, const csv_reader *r)
{
	for (size_t i = 0; i < r->n_fields; i++) {
		putc(i ? ',' : '"', f);
		if (i)
			putc('"', f);
		const char *s = csv_field(r, i);
		for (size_t k = 0; k < csv_len(r, i); k++) {
			if (s[k] == '"')
				putc('"', f);
			putc(s[k], f);
		}
		putc('"', f);
	}
	putc('\n', f);
}

/* Reads text back as one row and checks it has the fields of want. A
 * leading line break keeps a first field that starts like a byte order mark
 * from being taken for one. */
static void same_fields(const csv_reader *want, const char *text, size_t len, const char *what)
{
	char *buf = malloc(len + 1);
	if (!buf)
		abort();
	buf[0] = '\n';
	memcpy(buf + 1, text, len);
	FILE *f = fmemopen(buf, len + 1, "rb");
	if (!f)
		abort();
	csv_reader r;
	csv_open(&r, f, "again.csv");
	fuzz_require(csv_next(&r) == 1 && !r.error, what);
	fuzz_require(r.n_fields == want->n_fields, what);
	for (size_t i = 0; i < r.n_fields; i++)
		fuzz_require(csv_len(&r, i) == csv_len(want, i) &&
		             !memcmp(csv_field(&r, i), csv_field(want, i), csv_len(want, i)), what);
	fuzz_require(csv_next(&r) == 0, what);
	csv_close(&r);
	fclose(f);
	free(buf);
}

static void check_row(const csv_reader *r)
{
	fuzz_require(r->n_fields >= 1, "a row without fields");
	fuzz_require(r->raw[r->raw_len] == '\0', "the raw row not NUL-terminated");
	if (r->error)
		return;
	char *text = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&text, &len);
	if (!f)
		abort();
	write_quoted(f, r);
	fclose(f);
	same_fields(r, text, len, "a row written back quoted reads differently");
	free(text);
	same_fields(r, r->raw, r->raw_len, "a row's raw bytes read differently");
}

typedef struct {
	const char *s;
	size_t n;
} span;

/* Splits text at sep into at most max spans; returns how many. */
static size_t split(const char *text, size_t len, char sep, span *out, size_t max)
{
	size_t n = 0, start = 0;
	for (size_t i = 0; i <= len && n < max; i++) {
		if (i == len || text[i] == sep) {
			out[n++] = (span){ text + start, i - start };
			start = i + 1;
		}
	}
	return n;
}

static bool needs_quotes(span f)
{
	for (size_t i = 0; i < f.n; i++)
		if (f.s[i] == ',' || f.s[i] == '"' || f.s[i] == '\n' || f.s[i] == '\r')
			return true;
	return false;
}

/* Line breaks inside a field: CRLF counts once, a lone CR or LF once. */
static unsigned long breaks(span f)
{
	unsigned long n = 0;
	for (size_t i = 0; i < f.n; i++)
		n += f.s[i] == '\r' || (f.s[i] == '\n' && (i == 0 || f.s[i - 1] != '\r'));
	return n;
}

enum { MAX_ROWS = 256, MAX_FIELDS = 64 };

static void table_round_trip(const uint8_t *data, size_t size)
{
	char *cells = malloc(size + 1);
	if (!cells)
		abort();
	for (size_t i = 0; i < size; i++) /* no well-formed row holds a NUL */
		cells[i] = data[i] ? (char)data[i] : ' ';
	cells[size] = '\0';
	static span rows[MAX_ROWS], fields[MAX_ROWS][MAX_FIELDS];
	static size_t n_fields[MAX_ROWS];
	static unsigned long line[MAX_ROWS];
	size_t n_rows = split(cells, size, '\x01', rows, MAX_ROWS);
	char *csv = NULL;
	size_t text_len = 0;
	FILE *out = open_memstream(&csv, &text_len);
	if (!out)
		abort();
	bool bom = size && data[0] % 2;
	if (bom)
		fputs("\xEF\xBB\xBF", out);
	static const char *const endings[] = { "\n", "\r\n", "\r" };
	unsigned long at = 1;
	for (size_t r = 0; r < n_rows; r++) {
		n_fields[r] = split(rows[r].s, rows[r].n, '\x02', fields[r], MAX_FIELDS);
		line[r] = at;
		for (size_t k = 0; k < n_fields[r]; k++) {
			span f = fields[r][k];
			/* Quoted when it must be, when a lone empty field would make a
			 * blank line, first of all (nothing is taken for a byte order
			 * mark), and now and then for no reason, as exporters do. */
			bool quote = needs_quotes(f) || (n_fields[r] == 1 && !f.n) || (r == 0 && k == 0) || (r + k) % 3 == 0;
			if (k)
				putc(',', out);
			if (quote)
				putc('"', out);
			for (size_t i = 0; i < f.n; i++) {
				if (f.s[i] == '"')
					putc('"', out);
				putc(f.s[i], out);
			}
			if (quote)
				putc('"', out);
			at += breaks(f);
		}
		fputs(endings[r % 3], out);
		at++;
	}
	fclose(out);

	FILE *in = fmemopen(csv, text_len, "rb");
	if (!in)
		abort();
	csv_reader rd;
	csv_open(&rd, in, "table.csv");
	for (size_t r = 0; r < n_rows; r++) {
		fuzz_require(csv_next(&rd) == 1, "a row written is not read");
		fuzz_require(!rd.error, "a row written well is read as malformed");
		fuzz_require(rd.line == line[r], "a row read on another line than written");
		fuzz_require(rd.n_fields == n_fields[r], "a row read with other fields than written");
		for (size_t k = 0; k < rd.n_fields; k++)
			fuzz_require(csv_len(&rd, k) == fields[r][k].n && !memcmp(csv_field(&rd, k), fields[r][k].s, fields[r][k].n),
			             "a field read differently from what was written");
	}
	fuzz_require(csv_next(&rd) == 0, "more rows read than written");
	csv_close(&rd);
	fclose(in);
	free(csv);
	free(cells);
}

static bool same_row(const csv_reader *a, const csv_reader *b)
{
	if (a->line != b->line || a->n_fields != b->n_fields || !a->error != !b->error ||
	    (a->error && (strcmp(a->error, b->error) || a->error_field != b->error_field)) || a->raw_len != b->raw_len ||
	    memcmp(a->raw, b->raw, a->raw_len))
		return false;
	for (size_t i = 0; i < a->n_fields; i++)
		if (csv_len(a, i) != csv_len(b, i) || memcmp(csv_field(a, i), csv_field(b, i), csv_len(a, i)))
			return false;
	return true;
}

/* A reader over the input with blocks of the given size. */
static FILE *open_input(const uint8_t *data, size_t size, char **copy)
{
	/* fmemopen wants a writable buffer of at least one byte. */
	*copy = malloc(size + 1);
	if (!*copy)
		abort();
	memcpy(*copy, data, size);
	FILE *f = fmemopen(*copy, size ? size : 1, "rb");
	if (!f)
		abort();
	if (!size)
		getc(f); /* an empty file: skip the placeholder byte */
	return f;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	table_round_trip(data, size);

	char *copy2;
	FILE *f2 = open_input(data, size, &copy2);
	csv_reader small;
	csv_open_sized(&small, f2, "small.csv", 1 + size % 7);
	csv_hash(&small, true);

	char *copy;
	FILE *f = open_input(data, size, &copy);
	csv_reader r;
	csv_open(&r, f, "fuzz.csv");
	unsigned long last = 0;
	while (csv_next(&r)) {
		fuzz_require(r.line > last, "rows out of line order");
		last = r.line;
		check_row(&r);
		(void)csv_column(&r, "family_id");
		fuzz_require(csv_next(&small) == 1 && same_row(&r, &small), "a tiny buffer reads another row");
	}
	fuzz_require(csv_next(&small) == 0, "a tiny buffer reads more rows");
	char hex[65], want[65];
	uint64_t bytes;
	fuzz_require(csv_digest(&small, hex, &bytes) == 0 && bytes == size, "the digest fails");
	sha256_hex(data, size, want);
	fuzz_require(!strcmp(hex, want), "the digest of the bytes read is not their SHA-256");
	csv_close(&small);
	fclose(f2);
	free(copy2);
	csv_close(&r);
	fclose(f);
	free(copy);
	return 0;
}
