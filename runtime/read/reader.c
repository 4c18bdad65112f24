/*
 * reader.c - the extract read family by family (load.h): streamed when the
 * three files are sorted by family_id (stream.c), grouped otherwise
 * (group.c). Both ways ask the same questions of each row (rows.c) in the
 * same order, and each file's rows are still read front to back, so both
 * find the same families and reject the same rows for the same reasons.
 * This file holds what they share: the reader, batches, the order of
 * rejected rows, and reading again from the top.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include "reader_chunks.h"
#include "reader_internal.h"
#include "sniff.h"


/* ------------------------------------------------------------ text */

const char *ehp_text_keep(ehp_text *t, const char *s, size_t n)
{
	ehp_text_block *b = t->cur;
	while (b && b->cap - b->used < n + 1) {
		b = b->next; /* blocks kept by a reset, or a fresh one below */
		if (b)
			b->used = 0;
	}
	if (!b) {
		size_t cap = n + 1 > 60000 ? n + 1 : 60000;
		b = ehp_xmalloc(sizeof *b + cap);
		*b = (ehp_text_block){ .cap = cap };
		if (t->cur) { /* after the current block: a reset reuses them in order */
			b->next = t->cur->next;
			t->cur->next = b;
		} else {
			t->head = b;
		}
	}
	t->cur = b;
	char *c = b->data + b->used;
	memcpy(c, s, n);
	c[n] = '\0';
	b->used += n + 1;
	return c;
}

void ehp_text_reset(ehp_text *t)
{
	t->cur = t->head;
	if (t->cur)
		t->cur->used = 0;
}

void ehp_text_free(ehp_text *t)
{
	for (ehp_text_block *b = t->head, *next; b; b = next) {
		next = b->next;
		free(b);
	}
	*t = (ehp_text){ 0 };
}

/* The strings of `from` kept by `to` as well (from is left empty), with
 * no copy: its blocks go before to's current one, so to's later keeps
 * never reuse them. */
void ehp_text_take(ehp_text *to, ehp_text *from)
{
	if (!from->head)
		return;
	ehp_text_block *last = from->head;
	while (last->next)
		last = last->next;
	if (to->cur) {
		last->next = to->head;
		to->head = from->head;
	} else {
		to->head = from->head;
		to->cur = last;
	}
	*from = (ehp_text){ 0 };
}

/* ------------------------------------------------------------ batches */

void ehp_batch_clear(ehp_batch *b)
{
	b->n_families = b->n_people = b->n_records = 0;
	ehp_text_reset(&b->text);
}

void ehp_batch_free(ehp_batch *b)
{
	free(b->families);
	free(b->people);
	free(b->records);
	ehp_text_free(&b->text);
	*b = (ehp_batch){ 0 };
}

void ehp_batch_view(ehp_batch *b, size_t i, ehp_family *fam)
{
	const ehp_batch_family *bf = &b->families[i];
	fam->id = bf->id;
	fam->entry = bf->entry;
	fam->closure = bf->closure;
	fam->line = bf->line;
	fam->file = bf->file;
	fam->rejected = bf->rejected;
	memcpy(fam->rejected_at, bf->rejected_at, sizeof fam->rejected_at);
	fam->no_members = bf->no_members;
	/* A batch with no people or no records at all has no array (NULL), and
	 * no offset may be added to NULL, not even 0. */
	fam->people = b->people ? b->people + bf->people : NULL;
	fam->n_people = bf->n_people;
	fam->records = b->records ? b->records + bf->records : NULL;
	fam->n_records = bf->n_records;
	ehp_family_index(fam);
}


/* ------------------------------------------------------------ the reader */


static void note_header_only(ehp_reader *rd)
{
	for (int i = PEOPLE; i <= RECORDS; i++)
		if (!rd->rw.t[i].rows && !rd->rj->quiet)
			fprintf(stderr, "%s: note: only a header, no rows\n", rd->rw.t[i].path);
}

static int open_tables(ehp_reader *rd, const char *const names[3], char *err, size_t errlen)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		if (ehp_table_open(&rd->rw.t[i], rd->files[i], names[i], i, rd->rj, err, errlen) != 0 ||
		    ehp_rows_columns(&rd->rw, i, err, errlen) != 0)
			return -1;
		if (rd->rw.origins)
			ehp_table_origins(&rd->rw.t[i], rd->rw.origins, rd->rw.n_origins);
	}
	return 0;
}

static void close_tables(ehp_reader *rd)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		ehp_table_close(&rd->rw.t[i]);
}

static bool can_seek(FILE *f)
{
	return ftell(f) >= 0 && fseek(f, 0, SEEK_CUR) == 0;
}


int ehp_reader_open(ehp_reader **out, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                    char *err, size_t errlen)
{
	ehp_reader *rd = ehp_xcalloc(1, sizeof *rd);
	rd->rj = rj;
	rd->seekable = true;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		rd->files[i] = files[i];
		rd->seekable = rd->seekable && can_seek(files[i]);
	}
	rd->grouped = !rd->seekable;
	memset(rd->rw.keep, 0xff, sizeof rd->rw.keep); /* every type, unless told which the plan reads */
	*out = NULL;
	if (open_tables(rd, names, err, errlen) != 0) {
		ehp_reader_close(rd);
		return -1;
	}
	*out = rd;
	return 0;
}

void ehp_reader_close(ehp_reader *rd)
{
	if (!rd)
		return;
	close_tables(rd);
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		free(rd->last[i]);
	free(rd->ids);
	ehp_idmap_free(&rd->id_map);
	ehp_text_free(&rd->dropped_ids);
	ehp_group_free(rd->g);
	free(rd);
}

void ehp_reader_origins(ehp_reader *rd, const ehp_origin *origins, size_t n)
{
	rd->rw.origins = origins;
	rd->rw.n_origins = n;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) /* the headers are still current */
		ehp_table_origins(&rd->rw.t[i], origins, n);
}

void ehp_reader_calendar(ehp_reader *rd, const ehp_calendar *cal)
{
	rd->rw.cal = cal;
}

void ehp_reader_keep_types(ehp_reader *rd, const uint64_t *types)
{
	if (types)
		memcpy(rd->rw.keep, types, sizeof rd->rw.keep);
}

void ehp_reader_threads(ehp_reader *rd, int threads)
{
	rd->threads = threads;
}

const char *ehp_reader_mode(const ehp_reader *rd)
{
	return rd->grouped ? "grouped" : "streamed";
}

int ehp_reader_digest(ehp_reader *rd, int file, char hex[65], uint64_t *bytes)
{
	return csv_digest(&rd->rw.t[file].csv, hex, bytes);
}

unsigned long ehp_reader_rows(const ehp_reader *rd, int file)
{
	return rd->rw.t[file].rows;
}

unsigned long ehp_reader_empty_rows(const ehp_reader *rd, int file)
{
	if (file >= 0)
		return rd->rw.t[file].empty;
	unsigned long n = 0;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		n += rd->rw.t[i].empty;
	return n;
}

static int read_error(ehp_reader *rd, char *err, size_t errlen)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		if (ferror(rd->files[i])) {
			snprintf(err, errlen, "%s: read error: %s", rd->rw.t[i].path, strerror(errno));
			return -1;
		}
	}
	return 0;
}

/* A row that names no family it can be given to: rejected with the row's
 * own fault if it is malformed, else with `reason` in family_id. */
void ehp_reject_unplaced(ehp_table *t, const char *reason)
{
	if (t->bad)
		ehp_table_reject(t, "row", t->bad);
	else
		ehp_table_reject(t, "family_id", reason);
}

/* Input file, then (a mapped run's) council file, then line. */
static bool place_after(const ehp_row_place *a, const ehp_row_place *b)
{
	if (a->file != b->file)
		return a->file > b->file;
	if (a->origin != b->origin)
		return a->origin > b->origin;
	return a->line > b->line;
}

/* One more rejected row of the family: the current row of table t. Its
 * place is kept when it is among the family's first EHP_PLACES_KEPT in
 * file, then line order (not reading order: read streamed or grouped, the
 * same rows are kept). */
void ehp_family_reject_at(ehp_batch_family *bf, ehp_row_place p)
{
	unsigned kept = bf->rejected < EHP_PLACES_KEPT ? bf->rejected : EHP_PLACES_KEPT;
	bf->rejected++;
	size_t at = kept;
	while (at > 0 && place_after(&bf->rejected_at[at - 1], &p))
		at--;
	if (at >= EHP_PLACES_KEPT)
		return;
	size_t last = kept < EHP_PLACES_KEPT ? kept : EHP_PLACES_KEPT - 1;
	memmove(&bf->rejected_at[at + 1], &bf->rejected_at[at], (last - at) * sizeof p);
	bf->rejected_at[at] = p;
}

double ehp_reader_progress(const ehp_reader *rd)
{
	if (rd->g)
		return ehp_group_progress(rd->g);
	if (rd->grouped)
		return -1;
	double read = 0, size = 0;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		struct stat st;
		if (fstat(fileno(rd->files[i]), &st) != 0 || !S_ISREG(st.st_mode))
			return -1;
		size += (double)st.st_size;
		read += (double)rd->rw.t[i].csv.bytes;
	}
	return size > 0 ? read / size : -1;
}

/* ------------------------------------------------------------ filling */

/* Back to the top of every file, to read them grouped (or streamed again,
 * after chunks in doubt). */
static int restart(ehp_reader *rd, bool grouped, char *err, size_t errlen)
{
	const char *names[EHP_N_INPUT_FILES];
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		names[i] = rd->rw.t[i].path;
	close_tables(rd);
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		if (fseek(rd->files[i], 0, SEEK_SET) != 0) {
			snprintf(err, errlen, "%s: cannot read again from the start: %s", names[i], strerror(errno));
			return -1;
		}
		rd->have_last[i] = false;
	}
	ehp_stream_forget_ids(rd);
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		rd->kept[i].next = 0; /* the rows kept were read by the readers closed */
	ehp_rejects_reset(rd->rj);
	rd->grouped = grouped;
	return open_tables(rd, names, err, errlen);
}

int ehp_reader_rewind(ehp_reader *rd, char *err, size_t errlen)
{
	return restart(rd, false, err, errlen);
}

int ehp_reader_at_end(ehp_reader *rd, char *err, size_t errlen)
{
	rd->done = true;
	if (!rd->rw.t[FAM].rows) {
		snprintf(err, errlen, "%s: only a header: no families to judge", rd->rw.t[FAM].path);
		return -1;
	}
	note_header_only(rd);
	return 0;
}

int ehp_reader_fill(ehp_reader *rd, ehp_batch *b, size_t max_families, size_t max_records, char *err,
                    size_t errlen)
{
	if (rd->done)
		return EHP_READ_END;
	ehp_reader_sniff(rd);
	if (rd->grouped && !rd->g)
		ehp_group_read(rd);
	size_t before = b->n_families;
	int rc = EHP_READ_MORE;
	while (b->n_families < max_families && b->n_records < max_records) {
		rc = rd->grouped ? ehp_group_family(rd->g, b) : ehp_stream_family(rd, b);
		if (rc != EHP_READ_MORE)
			break;
	}
	if (rc == EHP_READ_RESTART) {
		b->n_families = before;
		if (rd->chunk)
			return EHP_READ_RESTART; /* the chunk is in doubt: chunks.c decides */
		return restart(rd, true, err, errlen) == 0 ? EHP_READ_RESTART : EHP_READ_ERROR;
	}
	if (rd->chunk) {
		rd->done = rc == EHP_READ_END;
		return b->n_families > before ? EHP_READ_MORE : EHP_READ_END;
	}
	if (read_error(rd, err, errlen) != 0)
		return EHP_READ_ERROR;
	if (rc == EHP_READ_END && ehp_reader_at_end(rd, err, errlen) != 0)
		return EHP_READ_ERROR;
	return b->n_families > before ? EHP_READ_MORE : EHP_READ_END;
}

/* ------------------------------------------------------------ chunks */

ehp_rows *ehp_reader_tables(ehp_reader *rd)
{
	return &rd->rw;
}

FILE *ehp_reader_file(const ehp_reader *rd, int file)
{
	return rd->files[file];
}

bool ehp_reader_untouched(const ehp_reader *rd)
{
	if (rd->grouped || !rd->seekable || rd->done || rd->chunk)
		return false;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		if (rd->rw.t[i].rows || rd->rw.t[i].empty || rd->rw.t[i].have || rd->rw.t[i].eof)
			return false;
	return true;
}

bool ehp_reader_sniff(ehp_reader *rd)
{
	if (!rd->sniffed) {
		rd->sniffed = true;
		if (ehp_reader_untouched(rd) && ehp_rows_seen_unsorted(&rd->rw))
			rd->grouped = true;
	}
	return rd->grouped;
}

ehp_rejects *ehp_reader_rejects(ehp_reader *rd)
{
	return rd->rj;
}

void ehp_reader_chunk_table(ehp_table *t, char *buf, size_t len, unsigned long line, ehp_rejects *rj)
{
	t->rows = t->empty = 0;
	t->have = t->eof = false;
	t->bad = NULL;
	t->rj = rj;
	csv_open_memory(&t->csv, buf, len, t->path, line);
	csv_expect(&t->csv, t->n_header);
}

ehp_reader *ehp_reader_chunk(const ehp_rows *tables, char *const buf[3], const size_t len[3],
                             const unsigned long line[3], ehp_rejects *rj, ehp_str lo)
{
	ehp_reader *rd = ehp_xcalloc(1, sizeof *rd);
	rd->rj = rj;
	rd->chunk = true;
	rd->rw = *tables; /* the columns, and each table as opened: its path and header */
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		ehp_reader_chunk_table(&rd->rw.t[i], buf[i], len[i], line[i], rj);
		/* Every family_id of the chunk is at least lo: one below it is
		 * out of order, as if lo had been the row before. */
		if (lo.s)
			ehp_stream_in_order(rd, i, lo);
	}
	return rd;
}

bool ehp_reader_chunk_fits(const ehp_reader *rd, ehp_str hi, bool to_the_end)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		if (!to_the_end && rd->rw.t[i].csv.ran_off)
			return false; /* a row ran on past the chunk's bytes */
		if (hi.s && rd->have_last[i] && ehp_str_cmp((ehp_str){ rd->last[i], rd->last_n[i] }, hi) >= 0)
			return false;
	}
	return true;
}

/* ------------------------------------------------------------ all at once */

int ehp_load_streams(ehp_dataset *ds, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                     char *err, size_t errlen)
{
	*ds = (ehp_dataset){ 0 };
	ehp_reader *rd;
	if (ehp_reader_open(&rd, files, names, rj, err, errlen) != 0) {
		ehp_rejects_free(rj);
		return -1;
	}
	int rc;
	while ((rc = ehp_reader_fill(rd, &ds->batch, (size_t)-1, (size_t)-1, err, errlen)) == EHP_READ_MORE ||
	       rc == EHP_READ_RESTART)
		if (rc == EHP_READ_RESTART)
			ehp_batch_clear(&ds->batch);
	if (rc == EHP_READ_ERROR) {
		ehp_reader_close(rd);
		ehp_rejects_free(rj);
		ehp_dataset_free(ds);
		return -1;
	}
	ehp_batch *b = &ds->batch;
	ehp_reader_close(rd);
	if (ehp_rejects_finish(rj) != 0) {
		snprintf(err, errlen, "cannot read back the rejected rows");
		ehp_dataset_free(ds);
		return -1;
	}
	ds->n_families = b->n_families;
	ds->families = ehp_xcalloc(ds->n_families + 1, sizeof *ds->families);
	for (size_t i = 0; i < ds->n_families; i++)
		ehp_batch_view(b, i, &ds->families[i]);
	return 0;
}

/* All three files are opened before any is read, so a missing one is said
 * at once rather than after reading the others. */
int ehp_load(ehp_dataset *ds, const ehp_inputs *in, ehp_rejects *rj, char *err, size_t errlen)
{
	*ds = (ehp_dataset){ 0 };
	const char *const names[3] = { in->families, in->people, in->records };
	FILE *files[3] = { 0 };
	int rc = 0;
	for (int i = 0; i < 3 && rc == 0; i++) {
		if (!(files[i] = fopen(names[i], "rb"))) {
			snprintf(err, errlen, "%s: cannot open: %s", names[i], strerror(errno));
			rc = -1;
		}
	}
	if (rc == 0)
		rc = ehp_load_streams(ds, files, names, rj, err, errlen);
	for (int i = 0; i < 3; i++)
		if (files[i])
			fclose(files[i]);
	return rc;
}

void ehp_dataset_free(ehp_dataset *ds)
{
	ehp_batch_free(&ds->batch);
	free(ds->families);
	*ds = (ehp_dataset){ 0 };
}
