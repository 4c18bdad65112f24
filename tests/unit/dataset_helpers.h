/*
 * dataset_helpers.h - the reader run on three texts, and two datasets
 * compared field by field: for the tests that read the same extract two
 * ways (streamed and grouped, sorted and not, dressed or not).
 */
#ifndef EHP_TEST_DATASET_HELPERS_H
#define EHP_TEST_DATASET_HELPERS_H

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "io_helpers.h"
#include "load.h"
#include "reader_chunks.h"

static inline bool same_number(double a, double b)
{
	return (isnan(a) && isnan(b)) || a == b;
}

static inline void assert_same_dataset(const ehp_dataset *a, const ehp_dataset *b)
{
	assert_int_equal(a->n_families, b->n_families);
	for (size_t i = 0; i < a->n_families; i++) {
		const ehp_family *f = &a->families[i], *g = &b->families[i];
		assert_string_equal(f->id, g->id);
		assert_int_equal(f->entry, g->entry);
		assert_int_equal(f->closure, g->closure);
		assert_int_equal(f->line, g->line);
		assert_int_equal(f->rejected, g->rejected);
		assert_int_equal(f->no_members, g->no_members);
		assert_int_equal(f->n_people, g->n_people);
		for (size_t k = 0; k < f->n_people; k++) {
			assert_string_equal(f->people[k].id, g->people[k].id);
			assert_int_equal(f->people[k].born, g->people[k].born);
			assert_int_equal(f->people[k].flags, g->people[k].flags);
			assert_int_equal(f->people[k].line, g->people[k].line);
		}
		assert_int_equal(f->n_records, g->n_records);
		for (size_t k = 0; k < f->n_records; k++) {
			const ehp_record *r = &f->records[k], *s = &g->records[k];
			assert_int_equal(r->date, s->date);
			assert_int_equal(r->end, s->end);
			assert_int_equal(r->person, s->person);
			assert_int_equal(r->type, s->type);
			assert_int_equal(r->detail, s->detail);
			assert_int_equal(r->line, s->line);
			assert_true(same_number(r->value, s->value));
			assert_true(same_number(r->total, s->total));
			assert_true(same_number(r->score, s->score));
			assert_string_equal(r->author, s->author);
		}
	}
}

/* Reads the three texts with the reader itself: how it read them, and the
 * families it found; the rejected rows written to rejects_out, unless NULL. */
/* Set: read_mode_counted's readers split without AVX2 (csv_plain_wide),
 * where the CPU would have it: the streamed reader's loop compiled for
 * SSE2 (take_rows_any), tested on this machine too. */
static bool dataset_split_narrow;

static inline const char *read_mode_counted(const char *const text[3], bool through_pipes, ehp_dataset *ds,
                                            unsigned long empty[3], unsigned long *rejected, FILE *rejects_out)
{
	char *dir = io_tmpdir();
	static const char *const names[3] = { "families.csv", "people.csv", "records.csv" };
	FILE *files[3];
	for (int i = 0; i < 3; i++) {
		char *path = io_write(dir, names[i], text[i], 0);
		if (through_pipes) {
			char cmd[600];
			snprintf(cmd, sizeof cmd, "cat '%s'", path);
			files[i] = popen(cmd, "r");
		} else {
			files[i] = fopen(path, "rb");
		}
		assert_non_null(files[i]);
		free(path);
	}
	ehp_rejects rj = { .out = rejects_out, .quiet = true };
	char err[256];
	ehp_reader *rd;
	assert_int_equal(ehp_reader_open(&rd, files, names, &rj, err, sizeof err), 0);
	for (int i = 0; dataset_split_narrow && i < 3; i++) /* the streamed reader's other way of splitting */
		csv_plain_wide(&ehp_reader_tables(rd)->t[i].csv, false);
	*ds = (ehp_dataset){ 0 };
	int rc, restarts = 0;
	while ((rc = ehp_reader_fill(rd, &ds->batch, ds->batch.n_families + 1, (size_t)-1, err, sizeof err)) !=
	       EHP_READ_END) {
		assert_int_not_equal(rc, EHP_READ_ERROR);
		if (rc == EHP_READ_RESTART) {
			ehp_batch_clear(&ds->batch);
			restarts++;
		}
	}
	assert_true(restarts <= 1);
	const char *mode = ehp_reader_mode(rd);
	for (int i = 0; empty && i < 3; i++)
		empty[i] = ehp_reader_empty_rows(rd, i);
	if (empty)
		assert_int_equal(ehp_reader_empty_rows(rd, -1), empty[0] + empty[1] + empty[2]);
	if (rejected)
		*rejected = rj.count;
	if (restarts) /* a restart always reads grouped */
		assert_string_equal(mode, "grouped");
	ds->n_families = ds->batch.n_families;
	ds->families = calloc(ds->n_families + 1, sizeof *ds->families);
	assert_non_null(ds->families);
	for (size_t i = 0; i < ds->n_families; i++)
		ehp_batch_view(&ds->batch, i, &ds->families[i]);
	assert_int_equal(ehp_rejects_finish(&rj), 0);
	ehp_reader_close(rd);
	for (int i = 0; i < 3; i++)
		assert_int_equal(through_pipes ? pclose(files[i]) : fclose(files[i]), 0);
	io_rmdir(dir);
	return mode;
}

#endif
