/*
 * fuzz_csv.c - libFuzzer harness for the CSV reader (runtime/csv.c). The
 * input bytes are a file. Besides not crashing, every row must keep these
 * promises:
 *   - rows start on increasing lines, and each has at least one field;
 *   - every field is NUL-terminated at its length;
 *   - a well-formed row, written back with every field quoted, reads back
 *     as the same fields (nothing lost or invented by the quoting rules);
 *   - a well-formed row's raw bytes read back as the same fields too (what
 *     the rejects file keeps is the row itself).
 */
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
	for (size_t i = 0; i < r->n_fields; i++)
		fuzz_require(csv_field(r, i)[csv_len(r, i)] == '\0', "a field not NUL-terminated");
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

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	/* fmemopen wants a writable buffer of at least one byte. */
	char *copy = malloc(size + 1);
	if (!copy)
		abort();
	memcpy(copy, data, size);
	FILE *f = fmemopen(copy, size ? size : 1, "rb");
	if (!f)
		abort();
	if (!size)
		getc(f); /* an empty file: skip the placeholder byte */
	csv_reader r;
	csv_open(&r, f, "fuzz.csv");
	unsigned long last = 0;
	while (csv_next(&r)) {
		fuzz_require(r.line > last, "rows out of line order");
		last = r.line;
		check_row(&r);
		(void)csv_column(&r, "family_id");
	}
	csv_close(&r);
	fclose(f);
	free(copy);
	return 0;
}
