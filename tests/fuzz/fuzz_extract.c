/*
 * fuzz_extract.c - libFuzzer harness for whole extracts: damage to one
 * family's rows never changes another family's verdict.
 *
 * The input is a base extract and a mutation: families.csv, people.csv,
 * records.csv and the mutation, joined by form feeds (\f). The base must be
 * valid (every row read, none rejected or empty, at least two families);
 * otherwise the input is not judged. The base is laid out sorted by
 * family_id and judged through the evaluator's own run (runtime/cli/run.c,
 * the results writer) under a real plan (FUZZ_PLAN_C): sorted (read
 * streamed) on 1 thread, and with the people and records rows shuffled
 * (read grouped) on 2 threads; the two results must be byte-identical.
 *
 * The mutation (extract_mutation.h) picks one family A, one of its rows in
 * one file, and changes that row's bytes: inserts, deletes, flips or sets
 * bytes anywhere in the row (quotes, NULs, commas, line breaks, anything),
 * and may remove the row's line ending so it joins the next row. The
 * mutated extract is judged again, sorted on 2 threads and shuffled on 1.
 *
 * The families the mutation touched are A; the family of the row a removed
 * line ending joined A's row to; and any family whose id appears in the
 * mutated bytes (a row that now names family B is B's row: B may gain it,
 * or be flagged for it). Then:
 *   - every family not touched has a results.csv row byte-identical to the
 *     base's, in the same order, and none vanishes or appears;
 *   - a people or records row mutated: the families are the base's, in
 *     order (only a families row can rename or remove its family);
 *   - sorted and shuffled, the mutated extract gives the same results for
 *     every family but those touched through the mutated bytes (their rows
 *     moved relative to their other rows, and member order is input).
 * See tests/fuzz/README.md, "The cross-family property".
 */
#include <ctype.h>
#include <string.h>
#include "csv.h"
#include "fuzz.h"
#include "fuzz_data.h"
#include "load.h"
#include "output.h"
#include "rows.h"
#include "run.h"

static const char *const NAMES[3] = { "families.csv", "people.csv", "records.csv" };

/* ------------------------------------------------------------ the base, split into rows */

/* One row of a file: its bytes [start, raw_end), then its line ending and
 * any blank lines after it [raw_end, end). */
typedef struct {
	size_t start, raw_end, end;
	ehp_str family;   /* its family_id, trimmed (a copy; empty when it has none) */
	unsigned long line; /* where it starts in the file last laid out */
} unit;

typedef struct {
	const char *text;
	size_t len;
	size_t head_end;  /* byte order mark, header and its line ending */
	unit *u;
	size_t n;
} split_file;

static void split_free(split_file *s)
{
	for (size_t i = 0; i < s->n; i++)
		free((char *)s->u[i].family.s);
	free(s->u);
	*s = (split_file){ 0 };
}

static ehp_str trimmed(const char *s, size_t n)
{
	while (n && isspace((unsigned char)*s)) {
		s++;
		n--;
	}
	while (n && isspace((unsigned char)s[n - 1]))
		n--;
	return (ehp_str){ s, n };
}

static char *copy_of(const char *s, size_t n)
{
	char *c = malloc(n + 1);
	if (!c)
		abort();
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* Every cell of a well-formed row empty or spaces: the reader ignores it. */
static bool blank(const csv_reader *r)
{
	for (size_t i = 0; !r->error && i < r->n_fields; i++)
		if (trimmed(csv_field(r, i), csv_len(r, i)).n)
			return false;
	return !r->error;
}

/* Splits a file into its rows, as the reader reads them (blank rows left
 * out): false when its header cannot be read or has no family_id column.
 * The reader reads the whole text in one block, so the raw rows lie in its
 * buffer at their offsets in the text. */
static bool split(split_file *s, const char *text, size_t len)
{
	*s = (split_file){ .text = text, .len = len };
	if (!len)
		return false;
	char *copy;
	FILE *f = read_stream(text, len, &copy);
	csv_reader r;
	csv_open_sized(&r, f, "base", len + 1);
	bool ok = csv_next(&r) && !r.error;
	int col = ok ? csv_column(&r, "family_id") : -1;
	size_t cap = 0;
	ok = ok && col >= 0 && csv_column_after(&r, "family_id", col) < 0;
	s->head_end = len;
	bool open = true; /* the head's or the last row's end not yet known */
	while (ok && csv_next(&r)) {
		size_t at = (size_t)(r.raw - r.buf);
		if (open)
			*(s->n ? &s->u[s->n - 1].end : &s->head_end) = at;
		open = false;
		if (blank(&r)) /* not a row: left out, with its line */
			continue;
		open = true;
		bool readable = (size_t)col < r.n_fields && (!r.error || (size_t)col < r.error_field);
		ehp_str fam = readable ? trimmed(csv_field(&r, (size_t)col), csv_len(&r, (size_t)col)) : (ehp_str){ "", 0 };
		if (s->n == cap && !(s->u = realloc(s->u, (cap = cap ? 2 * cap : 16) * sizeof *s->u)))
			abort();
		s->u[s->n++] = (unit){ .start = at, .raw_end = at + r.raw_len, .end = len,
		                       .family = { copy_of(fam.s, fam.n), fam.n } };
	}
	ok = ok && !ferror(f);
	csv_close(&r);
	fclose(f);
	free(copy);
	if (!ok)
		split_free(s);
	return ok;
}

/* Leaves out the rows drop[] marks, keeping the others in their order. */
static void split_keep(split_file *s, const bool *drop)
{
	size_t n = 0;
	for (size_t i = 0; i < s->n; i++) {
		if (!drop[i])
			s->u[n++] = s->u[i];
		else
			free((char *)s->u[i].family.s);
	}
	s->n = n;
}

static int by_family(const void *a, const void *b)
{
	const unit *x = a, *y = b;
	int c = ehp_str_cmp(x->family, y->family);
	return c ? c : (x->start > y->start) - (x->start < y->start); /* stable: file order */
}

#include "extract_mutation.h"

/* ------------------------------------------------------------ laying out and judging */

/* Line breaks in b[0, n), counted as the reader counts them (LF, CRLF or a
 * lone CR). */
static unsigned long line_breaks(const char *b, size_t n)
{
	unsigned long k = 0;
	for (size_t i = 0; i < n; i++)
		k += b[i] == '\r' || (b[i] == '\n' && (!i || b[i - 1] != '\r'));
	return k;
}

/* A file's text: its head, then its rows in order[], each with its line
 * ending (one added to a last row that had none, as rows move). Notes the
 * line each row starts on. */
static void lay_out(FILE *out, split_file *s, const size_t *order, const mutation *m, int file)
{
	fwrite(s->text, 1, s->head_end, out);
	unsigned long line = 1 + line_breaks(s->text, s->head_end);
	for (size_t k = 0; k < s->n; k++) {
		size_t i = order[k];
		if (m && m->file == file && i == m->joined)
			continue; /* moved with the row it joined */
		if (m && m->file == file && i == m->row) {
			fwrite(m->bytes, 1, m->len, out);
			line += line_breaks(m->bytes, m->len);
			continue;
		}
		unit *u = &s->u[i];
		u->line = line;
		fwrite(s->text + u->start, 1, u->end - u->start, out);
		line += line_breaks(s->text + u->start, u->end - u->start);
		if (u->end == u->raw_end) {
			putc('\n', out);
			line++;
		}
	}
}

/* Rows in family order (the split is sorted), or shuffled: families kept in
 * order and each family's rows in their order, but the families' rows
 * interleaved at random, the last family's first (so the file is not
 * sorted and is read grouped). */
static size_t *row_order(const split_file *s, bool shuffled, uint32_t seed)
{
	size_t *order = malloc((s->n + 1) * sizeof *order);
	if (!order)
		abort();
	if (!shuffled) {
		for (size_t i = 0; i < s->n; i++)
			order[i] = i;
		return order;
	}
	/* Runs of one family: [first, next) of each, the next row to take. */
	size_t *next = malloc((s->n + 1) * sizeof *next), *stop = malloc((s->n + 1) * sizeof *stop), runs = 0;
	if (!next || !stop)
		abort();
	for (size_t i = 0; i < s->n; i++) {
		if (!i || ehp_str_cmp(s->u[i].family, s->u[i - 1].family)) {
			next[runs] = i;
			runs++;
		}
		stop[runs - 1] = i + 1;
	}
	size_t live = runs, k = 0, pick = runs - 1;
	while (live) {
		order[k++] = next[pick]++;
		if (next[pick] == stop[pick]) {
			next[pick] = next[live - 1];
			stop[pick] = stop[live - 1];
			live--;
		}
		seed = seed * 1103515245u + 12345u;
		pick = live ? (seed >> 8) % live : 0;
	}
	free(next);
	free(stop);
	return order;
}

typedef struct {
	char *results;
	size_t len;
	unsigned long rejected, empty, families;
	bool ok;
} judged;

/* Judges the three texts; the rejected rows go to rejects when it is not
 * NULL. */
static judged judge(char *const text[3], const size_t len[3], int threads, FILE *rejects)
{
	const ehp_plan *plan = fuzz_the_plan();
	FILE *files[3];
	char *copies[3];
	for (int i = 0; i < 3; i++)
		files[i] = read_stream(text[i], len[i], &copies[i]);
	/* A real file: a run that finds its input unsorted truncates what it
	 * wrote (run.c), which a memory stream cannot be. */
	FILE *results = tmpfile();
	if (!results)
		abort();
	double *params = fuzz_default_params(plan);
	ehp_rejects rj = { .quiet = true, .out = rejects };
	ehp_run run = { .plan = plan, .claim = ehp_date_from_ymd(2025, 6, 30), .cal = ehp_calendar_england(),
	                .params = params, .threads = threads, .judge = true, .results = results,
	                .results_name = "results.csv" };
	ehp_reader *rd;
	char err[512];
	judged j = { 0 };
	if (ehp_reader_open(&rd, files, NAMES, &rj, err, sizeof err) == 0) {
		j.ok = ehp_run_all(&run, rd, err, sizeof err) == 0;
		j.empty = ehp_reader_empty_rows(rd, -1);
		j.families = run.sum.families;
		ehp_reader_close(rd);
	}
	j.rejected = rj.count;
	if (rejects && ehp_rejects_finish(&rj) != 0)
		abort();
	ehp_rejects_free(&rj);
	ehp_run_free(&run);
	long size = ftell(results);
	if (size < 0 || fseek(results, 0, SEEK_SET) != 0 || !(j.results = malloc((size_t)size + 1)) ||
	    fread(j.results, 1, (size_t)size, results) != (size_t)size)
		abort();
	j.len = (size_t)size;
	fclose(results);
	free(params);
	for (int i = 0; i < 3; i++) {
		fclose(files[i]);
		free(copies[i]);
	}
	return j;
}

/* Marks in drop[file] the rows a rejects.csv text names (by file and line). */
static void mark_rejected(split_file s[3], const char *text, size_t len, bool *drop[3])
{
	char *copy;
	FILE *f = read_stream(text, len, &copy);
	csv_reader r;
	csv_open(&r, f, "rejects.csv");
	while (csv_next(&r)) {
		fuzz_require(r.n_fields == 5, "rejects.csv is not well-formed");
		for (int i = 0; i < 3; i++) {
			if (csv_len(&r, 0) != strlen(NAMES[i]) || memcmp(csv_field(&r, 0), NAMES[i], csv_len(&r, 0)))
				continue;
			unsigned long line = strtoul(csv_field(&r, 1), NULL, 10);
			for (size_t k = 0; k < s[i].n; k++)
				drop[i][k] |= s[i].u[k].line == line;
		}
	}
	csv_close(&r);
	fclose(f);
	free(copy);
}

/* The extract laid out (sorted or shuffled, mutated or not) and judged;
 * with drop, the rows it rejected are marked there. */
static judged judge_layout(split_file s[3], bool shuffled, const mutation *m, int threads, bool *drop[3])
{
	char *text[3], *rejects = NULL;
	size_t len[3], rejects_len = 0;
	for (int i = 0; i < 3; i++) {
		size_t *order = row_order(&s[i], shuffled && i != 0, 0x9e3779b9u + (uint32_t)i);
		FILE *f = open_memstream(&text[i], &len[i]);
		if (!f)
			abort();
		lay_out(f, &s[i], order, m, i);
		fclose(f);
		free(order);
	}
	FILE *rj = drop ? open_memstream(&rejects, &rejects_len) : NULL;
	if (drop && !rj)
		abort();
	judged j = judge(text, len, threads, rj);
	if (rj) {
		fclose(rj);
		mark_rejected(s, rejects, rejects_len, drop);
		free(rejects);
	}
	for (int i = 0; i < 3; i++)
		free(text[i]);
	return j;
}

/* The base made valid: the rows the reader rejects left out, again until it
 * rejects none (a families row left out leaves its people and records
 * rows unknown, and so on). False when that does not settle, or leaves
 * fewer than two families. */
static bool make_valid(split_file s[3])
{
	for (int pass = 0; pass < 6; pass++) {
		bool *drop[3];
		for (int i = 0; i < 3; i++)
			if (!(drop[i] = calloc(s[i].n + 1, sizeof *drop[i])))
				abort();
		judged j = judge_layout(s, false, NULL, 1, drop);
		free(j.results);
		bool dropped = false;
		for (int i = 0; i < 3; i++) {
			for (size_t k = 0; k < s[i].n; k++)
				dropped |= drop[i][k];
			split_keep(&s[i], drop[i]);
			free(drop[i]);
		}
		if (!j.ok || !s[0].n)
			return false;
		if (!j.rejected)
			return j.families >= 2;
		if (!dropped)
			return false;
	}
	return false;
}

/* ------------------------------------------------------------ comparing results */

typedef struct {
	char *id;         /* as results.csv writes it (a formula-like id marked with ') */
	size_t id_n;
	const char *row;  /* the whole row, as written */
	size_t row_n;
} result_row;

typedef struct {
	result_row *r;
	size_t n;
} result_rows;

static result_rows result_rows_of(const judged *j)
{
	result_rows out = { 0 };
	char *copy;
	FILE *f = read_stream(j->results, j->len, &copy);
	csv_reader r;
	csv_open_sized(&r, f, "results.csv", j->len + 1);
	fuzz_require(csv_next(&r), "results.csv has no header");
	size_t cap = 0;
	while (csv_next(&r)) {
		fuzz_require(!r.error && r.n_fields == 9, "results.csv is not well-formed");
		if (out.n == cap && !(out.r = realloc(out.r, (cap = cap ? 2 * cap : 16) * sizeof *out.r)))
			abort();
		result_row *x = &out.r[out.n++];
		x->id_n = csv_len(&r, 0);
		if (!(x->id = malloc(x->id_n + 1)))
			abort();
		memcpy(x->id, csv_field(&r, 0), x->id_n);
		x->row = j->results + (r.raw - r.buf);
		x->row_n = r.raw_len;
	}
	csv_close(&r);
	fclose(f);
	free(copy);
	return out;
}

static void result_rows_free(result_rows *rr)
{
	for (size_t i = 0; i < rr->n; i++)
		free(rr->r[i].id);
	free(rr->r);
}

static bool same_id(const result_row *x, const result_row *y)
{
	return x->id_n == y->id_n && !memcmp(x->id, y->id, x->id_n);
}

static bool same_row(const result_row *x, const result_row *y)
{
	return x->row_n == y->row_n && !memcmp(x->row, y->row, x->row_n);
}

/* The rows of a and b not touched (skip_a: also those of family A) must be
 * the same rows in the same order. */
static void require_untouched_same(const result_rows *a, const result_rows *b, const mutation *m, bool only_named,
                                   const char *what)
{
	size_t i = 0, k = 0;
	for (;;) {
		while (i < a->n && mutation_touches(m, a->r[i].id, a->r[i].id_n, only_named))
			i++;
		while (k < b->n && mutation_touches(m, b->r[k].id, b->r[k].id_n, only_named))
			k++;
		if (i == a->n || k == b->n)
			break;
		if (!same_id(&a->r[i], &b->r[k]) || !same_row(&a->r[i], &b->r[k])) {
			fprintf(stderr, "family %.*s: %s\n", (int)a->r[i].id_n, a->r[i].id, what);
			fuzz_require(false, what);
		}
		i++;
		k++;
	}
	fuzz_require(i == a->n && k == b->n, what);
}

/* FUZZ_EXTRACT_VERBOSE set: one line per input judged, to see what a
 * replay tested (no ids: only counts). */
static void report(const mutation *m, const result_rows *before, const result_rows *after)
{
	size_t touched = 0, changed = 0, incomplete = 0;
	for (size_t i = 0; i < after->n; i++) {
		const result_row *x = &after->r[i];
		if (!mutation_touches(m, x->id, x->id_n, false))
			continue;
		touched++;
		incomplete += x->row_n >= 3 && !memcmp(x->row + x->row_n - 3, ",no", 3);
		bool same = false;
		for (size_t k = 0; k < before->n && !same; k++)
			same = same_row(&before->r[k], x);
		changed += !same;
	}
	fprintf(stderr, "extract: %zu families, a row of %s mutated (%zu bytes%s): %zu families touched, %zu changed, "
	        "%zu flagged incomplete\n", before->n, NAMES[m->file], m->len, m->joined != (size_t)MUTATION_NONE ? ", joined" : "",
	        touched, changed, incomplete);
}

/* ------------------------------------------------------------ the harness */

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size, *part[4];
	size_t part_len[4];
	for (int i = 0; i < 4; i++) {
		const char *cut = i < 3 ? memchr(p, '\f', (size_t)(end - p)) : NULL;
		if (i < 3 && !cut)
			return 0;
		part[i] = p;
		part_len[i] = cut ? (size_t)(cut - p) : (size_t)(end - p);
		p = cut ? cut + 1 : end;
	}
	split_file s[3] = { { 0 } };
	bool valid = true;
	for (int i = 0; i < 3 && valid; i++)
		valid = split(&s[i], part[i], part_len[i]);
	if (valid && make_valid(s)) {
		for (int i = 0; i < 3; i++)
			if (s[i].n > 1) /* a file of only a header has no rows, and qsort no NULL */
				qsort(s[i].u, s[i].n, sizeof *s[i].u, by_family);
		judged sorted = judge_layout(s, false, NULL, 1, NULL);
		fuzz_require(sorted.ok && !sorted.rejected && !sorted.empty,
		             "the valid base, sorted by family, has rows rejected or ignored");
		{
			judged shuffled = judge_layout(s, true, NULL, 2, NULL);
			fuzz_require(shuffled.ok && shuffled.len == sorted.len && !memcmp(shuffled.results, sorted.results, sorted.len),
			             "the base's results differ sorted and shuffled, or on 1 and 2 threads");
			free(shuffled.results);
			mutation m;
			mutation_make(&m, s, (const uint8_t *)part[3], part_len[3]);
			judged after = judge_layout(s, false, &m, 2, NULL);
			judged after_shuffled = judge_layout(s, true, &m, 1, NULL);
			fuzz_require(after.ok && after_shuffled.ok, "the mutated extract could not be judged");
			result_rows before = result_rows_of(&sorted), got = result_rows_of(&after),
			            got_shuffled = result_rows_of(&after_shuffled);
			require_untouched_same(&before, &got, &m, false, "a family the mutation did not touch changed");
			if (m.file != EHP_FAMILIES_FILE) {
				fuzz_require(before.n == got.n, "a family vanished or appeared (a people or records row mutated)");
				for (size_t i = 0; i < before.n; i++)
					fuzz_require(same_id(&before.r[i], &got.r[i]),
					             "a family vanished or appeared (a people or records row mutated)");
			}
			require_untouched_same(&got, &got_shuffled, &m, true,
			                       "the mutated extract gives other results sorted and shuffled");
			if (getenv("FUZZ_EXTRACT_VERBOSE"))
				report(&m, &before, &got);
			result_rows_free(&before);
			result_rows_free(&got);
			result_rows_free(&got_shuffled);
			mutation_free(&m);
			free(after.results);
			free(after_shuffled.results);
		}
		free(sorted.results);
	}
	for (int i = 0; i < 3; i++)
		split_free(&s[i]);
	return 0;
}
