/*
 * test_chunks.c - files sorted by family_id read in chunks (chunks.h) give
 * exactly what the serial reader gives: the same families with the same
 * people and records on the same lines, the same rejects in the same order
 * with the same messages, the same counts and digests, wherever the files
 * are cut. Chunks of 1 byte cut at every family, so every row that starts
 * or ends a family sits at a split point: a quoted line break there, a bad
 * row there, CRLF line ends, blank and empty rows, a duplicate family, rows
 * of unknown families between and after the families. A quoted field that
 * holds what looks like a row misleads the split, and a file out of order
 * is found out: both are read again from the top, with the same result.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>
#include <stdint.h>
#include <string.h>
#include "chunks.h"
#include "io_helpers.h"
#include "load.h"
#include "reader_chunks.h"

enum { N_FAMILIES = 400 };

typedef struct {
	char *dir;
	char *paths[3];
} extract;

static void extract_write(extract *x, const char *families, const char *people, const char *records)
{
	x->dir = io_tmpdir();
	x->paths[0] = io_write(x->dir, "families.csv", families, 0);
	x->paths[1] = io_write(x->dir, "people.csv", people, 0);
	x->paths[2] = io_write(x->dir, "records.csv", records, 0);
}

static void extract_free(extract *x)
{
	for (int i = 0; i < 3; i++)
		free(x->paths[i]);
	io_rmdir(x->dir);
}

/* A batch's families with their people and records, as text. */
static void dump_batch(FILE *f, const ehp_batch *b)
{
	for (size_t i = 0; i < b->n_families; i++) {
		const ehp_batch_family *bf = &b->families[i];
		fprintf(f, "family %s line %u entry %d closure %d rejected %u no_members %d\n", bf->id, bf->line,
		        (int)bf->entry, (int)bf->closure, bf->rejected, bf->no_members);
		for (size_t k = 0; k < bf->n_people; k++) {
			const ehp_person *p = &b->people[bf->people + k];
			fprintf(f, "  person %s line %u born %d flags %lu\n", p->id, p->line, (int)p->born,
			        (unsigned long)p->flags);
		}
		for (size_t k = 0; k < bf->n_records; k++) {
			const ehp_record *r = &b->records[bf->records + k];
			fprintf(f, "  record line %u person %d type %u date %d end %d\n", r->line, (int)r->person,
			        (unsigned)r->type, (int)r->date, (int)r->end);
		}
	}
}

/* The rest of a reading: its rejects (messages and rows), counts, digests. */
static void dump_end(FILE *f, ehp_reader *rd, ehp_rejects *rj, FILE *rejects_out, char **rejects_text)
{
	fprintf(f, "rejected %lu\n", rj->count);
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		for (unsigned k = 0; k < rj->n_notes[i]; k++)
			fprintf(f, "message %s\n", rj->notes[i][k].text);
	assert_int_equal(ehp_rejects_finish(rj), 0);
	fflush(rejects_out);
	fprintf(f, "rejects.csv\n%s", *rejects_text);
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		char hex[65];
		uint64_t bytes;
		assert_int_equal(ehp_reader_digest(rd, i, hex, &bytes), 0);
		fprintf(f, "file %d: rows %lu empty %lu bytes %llu sha256 %s\n", i, ehp_reader_rows(rd, i),
		        ehp_reader_empty_rows(rd, i), (unsigned long long)bytes, hex);
	}
	fprintf(f, "read %s\n", ehp_reader_mode(rd));
}

/* How a reading in chunks went. */
typedef enum { SERIAL, CHUNKED, READ_AGAIN } how;

/* Reads x: serially (chunk_bytes 0), or in chunks of chunk_bytes taken
 * back in order as run.c does (on one thread here: tests/determinism runs
 * them on several). Returns the transcript; *went says how it went. */
typedef struct {
	char *text;
	size_t len;
	FILE *f;
} text_out;

static void text_open(text_out *t)
{
	t->text = NULL;
	t->len = 0;
	assert_non_null(t->f = open_memstream(&t->text, &t->len));
}

/* Everything read so far is forgotten: the input is read again. */
static void text_forget(text_out *t)
{
	fclose(t->f);
	free(t->text);
	text_open(t);
}

static char *read_extract(const extract *x, size_t chunk_bytes, how *went)
{
	char *rejects_text = NULL;
	size_t rejects_len = 0;
	text_out fam;
	text_open(&fam);
	FILE *f = fam.f;
	FILE *rejects_out = open_memstream(&rejects_text, &rejects_len);
	assert_non_null(rejects_out);
	ehp_rejects rj = { .out = rejects_out, .max_shown = 3, .quiet = true };
	FILE *files[3];
	for (int i = 0; i < 3; i++)
		assert_non_null(files[i] = fopen(x->paths[i], "rb"));
	const char *const names[3] = { x->paths[0], x->paths[1], x->paths[2] };
	ehp_reader *rd;
	char err[512];
	assert_int_equal(ehp_reader_open(&rd, files, names, &rj, err, sizeof err), 0);
	ehp_batch b = { 0 };
	*went = SERIAL;
	ehp_chunks *cs = chunk_bytes ? ehp_chunks_open(rd, chunk_bytes) : NULL;
	if (chunk_bytes)
		assert_non_null(cs);
	while (cs) {
		ehp_chunk *c;
		int got = ehp_chunks_next(cs, &c, err, sizeof err);
		assert_int_not_equal(got, EHP_READ_ERROR);
		if (got == EHP_READ_END) {
			assert_int_equal(ehp_chunks_end(cs, err, sizeof err), 0);
			*went = CHUNKED;
			break;
		}
		ehp_batch_clear(&b);
		bool fits = ehp_chunk_read(c, &b);
		int took = ehp_chunks_take(cs, c, err, sizeof err);
		assert_int_not_equal(took, EHP_READ_ERROR);
		if (took == EHP_READ_RESTART) {
			assert_false(fits);
			*went = READ_AGAIN;
			text_forget(&fam); /* what the chunks gave is forgotten */
			f = fam.f;
			break;
		}
		dump_batch(f, &b);
	}
	ehp_chunks_close(cs);
	if (*went != CHUNKED) {
		ehp_batch_clear(&b);
		int rc;
		while ((rc = ehp_reader_fill(rd, &b, 7, SIZE_MAX, err, sizeof err)) != EHP_READ_END) {
			assert_int_not_equal(rc, EHP_READ_ERROR);
			if (rc == EHP_READ_RESTART) {
				text_forget(&fam);
				f = fam.f;
			} else {
				dump_batch(f, &b);
			}
			ehp_batch_clear(&b);
		}
	}
	dump_end(f, rd, &rj, rejects_out, &rejects_text);
	fprintf(f, "end\n");
	ehp_batch_free(&b);
	ehp_reader_close(rd);
	ehp_rejects_free(&rj);
	for (int i = 0; i < 3; i++)
		fclose(files[i]);
	fclose(f);
	fclose(rejects_out);
	free(rejects_text);
	return fam.text;
}

/* A few rows in every shape a split can meet. eol: "\n" or "\r\n". */
static void make_extract(extract *x, const char *eol, const char *misleading)
{
	char *fam = NULL, *ppl = NULL, *rec = NULL;
	size_t n1, n2, n3;
	FILE *f = open_memstream(&fam, &n1), *p = open_memstream(&ppl, &n2), *r = open_memstream(&rec, &n3);
	fprintf(f, "family_id,entry_date,closure_date%s", eol);
	fprintf(p, "person_id,family_id,date_of_birth,flags,note%s", eol);
	fprintf(r, "family_id,person_id,type,date,end_date,value,total%s", eol);
	fprintf(r, "F000,,police_callout,2023-01-01,,,%s", eol); /* before every family: unknown */
	for (int k = 1; k <= N_FAMILIES; k++) {
		fprintf(f, "F%03d,2023-%02d-01,%s%s", k, k % 12 + 1, k % 3 ? "" : "2024-06-30", eol);
		if (k % 9 == 0)
			fprintf(f, "F%03d,2023-01-01,%s", k, eol); /* a duplicate */
		if (k % 11 == 0)
			fprintf(f, "%s,,%s", eol, eol); /* a blank line, an empty row */
		for (int m = 0; m < 1 + k % 3; m++) {
			/* A quoted line break in the first and last member's note:
			 * at a family's first and last rows, where the cuts are. */
			if (misleading && k == 200 && m == 0)
				fprintf(p, "P%03d-%d,F%03d,2010-02-03,,\"%s\"%s", k, m, k, misleading, eol);
			else if (k % 4 == 0 && m == 0)
				fprintf(p, "P%03d-%d,F%03d,2010-02-03,,\"first line%ssecond line\"%s", k, m, k, eol, eol);
			else if (k % 5 == 0 && m == k % 3)
				fprintf(p, "P%03d-%d,F%03d,2011-02-03,parent,\"one%stwo, three%s\"\"four\"\"\"%s", k, m, k, eol,
				        eol, eol);
			else if (k % 7 == 0 && m == 0)
				fprintf(p, "P%03d-%d,F%03d,20xx-02-03,,%s", k, m, k, eol); /* a bad first row */
			else
				fprintf(p, "P%03d-%d,F%03d,2012-02-03,%s,%s", k, m, k, m ? "" : "parent", eol);
		}
		if (k % 6 == 0)
			fprintf(p, "P%03d-x,F%03dx,2012-02-03,,%s", k, k, eol); /* an unknown family between */
		if (k % 8 == 0)
			fprintf(r, "F%03d,P%03d-0,offence,2023-13-01,,,%s", k, k, eol); /* a bad first record */
		for (int m = 0; m < 2 + k % 4; m++)
			fprintf(r, "F%03d,,police_callout,2023-%02d-%02d,,,%s", k, m % 12 + 1, k % 28 + 1,
			        eol);
		fprintf(r, "F%03d,P%03d-0,attendance,2023-09-01,2023-12-15,%d,120%s", k, k, 90 + k % 30, eol);
		if (k % 10 == 0)
			fprintf(r, "F%03d,P%03d-0,offence,2023-05-05,,,", k, k); /* no line end yet: */
		if (k % 10 == 0)
			fprintf(r, "%s", eol);
		if (k % 13 == 0)
			fprintf(r, ",P%03d-0,offence,2023-05-05,,,%s", k, eol); /* no family_id */
	}
	fprintf(p, "P999,F999,2012-02-03,,%s", eol); /* after every family */
	fprintf(r, "F999,,police_callout,2023-01-01,,,"); /* and no line end at the very end */
	fclose(f);
	fclose(p);
	fclose(r);
	extract_write(x, fam, ppl, rec);
	free(fam);
	free(ppl);
	free(rec);
}

static void same_in_chunks(const char *eol, const char *misleading, how expected)
{
	extract x;
	make_extract(&x, eol, misleading);
	how went;
	char *serial = read_extract(&x, 0, &went);
	assert_int_equal(went, SERIAL);
	assert_non_null(strstr(serial, "read streamed"));
	assert_non_null(strstr(serial, "rejected ")); /* the bad rows are there */
	assert_null(strstr(serial, "rejected 0\n"));
	const size_t sizes[] = { 1, 7, 300, 1000, 2500 };
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		char *chunked = read_extract(&x, sizes[k], &went);
		assert_string_equal(chunked, serial);
		if (sizes[k] == 1)
			assert_int_equal(went, expected);
		free(chunked);
	}
	free(serial);
	extract_free(&x);
}

static void test_every_cut_lf(void **state)
{
	(void)state;
	same_in_chunks("\n", NULL, CHUNKED);
}

static void test_every_cut_crlf(void **state)
{
	(void)state;
	same_in_chunks("\r\n", NULL, CHUNKED);
}

/* A note holding line breaks and rows of its own: a split may take one of
 * them for a row; then the chunks are in doubt and the files read again. */
static void test_misleading_quoted_rows(void **state)
{
	(void)state;
	extract x;
	/* Far longer than the rest of people.csv: the search lands in it. */
	enum { FAKE_ROWS = 3000 };
	char *note = malloc(FAKE_ROWS * 32 + 1), *at = note;
	assert_non_null(note);
	for (int k = 0; k < FAKE_ROWS; k++)
		at += sprintf(at, "\nP%03d-9,F%03d,2012-02-03,,", 201 + k * 3 / FAKE_ROWS, 201 + k * 3 / FAKE_ROWS);
	make_extract(&x, "\n", note);
	how went;
	char *serial = read_extract(&x, 0, &went);
	const size_t sizes[] = { 1, 50, 300 };
	bool again = false;
	for (size_t k = 0; k < sizeof sizes / sizeof *sizes; k++) {
		char *chunked = read_extract(&x, sizes[k], &went);
		assert_string_equal(chunked, serial);
		again = again || went == READ_AGAIN;
		free(chunked);
	}
	assert_true(again); /* at least one split was misled, and found out */
	free(note);
	free(serial);
	extract_free(&x);
}

/* A records file out of order at one family: found out in chunks as
 * serially, and read grouped. */
static void test_unsorted(void **state)
{
	(void)state;
	extract x;
	make_extract(&x, "\n", NULL);
	char *rec = io_read(x.paths[2]);
	char *at = strstr(rec, "\nF300,");
	assert_non_null(at);
	memcpy(at + 1, "F030", 4); /* an earlier family, among F030's rows */
	free(io_write(x.dir, "records.csv", rec, 0));
	free(rec);
	how went;
	char *serial = read_extract(&x, 0, &went);
	assert_non_null(strstr(serial, "read grouped"));
	char *chunked = read_extract(&x, 1, &went);
	assert_int_equal(went, READ_AGAIN);
	assert_string_equal(chunked, serial);
	free(chunked);
	free(serial);
	extract_free(&x);
}

/* Too small to cut, and not regular files: read as before. */
static void test_not_cut(void **state)
{
	(void)state;
	extract x;
	make_extract(&x, "\n", NULL);
	FILE *files[3];
	for (int i = 0; i < 3; i++)
		assert_non_null(files[i] = fopen(x.paths[i], "rb"));
	const char *const names[3] = { x.paths[0], x.paths[1], x.paths[2] };
	ehp_rejects rj = { .quiet = true };
	ehp_reader *rd;
	char err[512];
	assert_int_equal(ehp_reader_open(&rd, files, names, &rj, err, sizeof err), 0);
	assert_null(ehp_chunks_open(rd, 1 << 20)); /* a few kB: not two chunks of 1 MiB */
	ehp_reader_close(rd);
	for (int i = 0; i < 3; i++)
		fclose(files[i]);
	ehp_rejects_free(&rj);
	extract_free(&x);
}

/* ehp_line_breaks counts line ends as the CSV reader does (LF, CRLF, a
 * lone CR), however long the text and wherever they fall: against a count
 * byte by byte, on texts of 0 to 9,000 bytes (past 255 steps of 16),
 * each way (AVX-512BW's where the CPU has it). */
static void test_line_breaks(void **state)
{
	(void)state;
	static char text[9001];
	unsigned seed = 7;
	for (size_t len = 0; len <= 9000; len += len < 300 ? 1 : 97) {
		for (int with_cr = 0; with_cr < 2; with_cr++) {
			for (size_t i = 0; i < len; i++) {
				seed = seed * 1103515245u + 12345u;
				unsigned pick = seed >> 16 & 63;
				text[i] = pick < 3 ? '\n' : with_cr && pick == 3 ? '\r' : pick == 4 ? (char)0x8a : 'x';
			}
			unsigned long want = 0;
			for (size_t i = 0; i < len; i++)
				if (text[i] == '\n' || (text[i] == '\r' && !(i + 1 < len && text[i + 1] == '\n')))
					want++;
			assert_int_equal(ehp_line_breaks(text, len), want);
			assert_int_equal(ehp_line_breaks_way(text, len, false), want);
			assert_int_equal(ehp_line_breaks_way(text, len, true), want);
		}
	}
	for (size_t len = 0; len <= 5000; len += 123) { /* every byte a line end */
		memset(text, '\n', len);
		assert_int_equal(ehp_line_breaks(text, len), len);
		assert_int_equal(ehp_line_breaks_way(text, len, false), len);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_breaks),
		cmocka_unit_test(test_every_cut_lf),
		cmocka_unit_test(test_every_cut_crlf),
		cmocka_unit_test(test_misleading_quoted_rows),
		cmocka_unit_test(test_unsorted),
		cmocka_unit_test(test_not_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
