/*
 * validate.c - every problem of an extract at once (validate.h).
 */
#include <string.h>
#include "load.h"
#include "output.h"
#include "validate.h"

static const char *const file_kind[EHP_N_INPUT_FILES] = { "families", "people", "records" };

typedef struct {
	unsigned long families, no_members;
	unsigned long lines[EHP_REJECT_GROUP_LINES];
} family_count;

/* Reads every family; counts those no people row names. */
static int read_all(ehp_reader *rd, family_count *fc, char *err, size_t errlen)
{
	ehp_batch b = { 0 };
	int rc;
	while ((rc = ehp_reader_fill(rd, &b, 4096, (size_t)1 << 20, err, errlen)) == EHP_READ_MORE ||
	       rc == EHP_READ_RESTART) {
		if (rc == EHP_READ_RESTART)
			*fc = (family_count){ 0 };
		for (size_t i = 0; rc == EHP_READ_MORE && i < b.n_families; i++) {
			fc->families++;
			if (b.families[i].no_members && fc->no_members++ < EHP_REJECT_GROUP_LINES)
				fc->lines[fc->no_members - 1] = b.families[i].line;
		}
		ehp_batch_clear(&b);
	}
	ehp_batch_free(&b);
	return rc == EHP_READ_ERROR ? -1 : 0;
}

static void print_lines(FILE *out, const unsigned long *lines, unsigned long count)
{
	fputs(count == 1 ? "line " : "lines ", out);
	for (unsigned long k = 0; k < count && k < EHP_REJECT_GROUP_LINES; k++)
		fprintf(out, "%s%lu", k ? ", " : "", lines[k]);
	if (count > EHP_REJECT_GROUP_LINES)
		fprintf(out, " and %lu more", count - EHP_REJECT_GROUP_LINES);
}

/* Rows of `file` rejected for a reason that starts with `reason`. */
static unsigned long rejected_for(const ehp_rejects *rj, int file, const char *reason)
{
	unsigned long n = 0;
	for (size_t i = 0; i < rj->n_groups; i++)
		if (rj->groups[i].file == file && !strncmp(rj->groups[i].reason, reason, strlen(reason)))
			n += rj->groups[i].count;
	return n;
}

static void print_rejects(FILE *out, const ehp_rejects *rj)
{
	fprintf(out, "rows rejected: %lu\n", rj->count);
	for (int file = 0; file < EHP_N_INPUT_FILES; file++) {
		for (size_t i = 0; i < rj->n_groups; i++) {
			const ehp_reject_group *g = &rj->groups[i];
			if (g->file != file)
				continue;
			fputs("  ", out);
			ehp_term_text(out, g->path);
			fputs(": ", out);
			ehp_term_text(out, g->field);
			fprintf(out, ": %s: %lu row%s, ", g->reason, g->count, g->count == 1 ? "" : "s");
			print_lines(out, g->lines, g->count);
			putc('\n', out);
		}
	}
}

int ehp_validate(FILE *const files[3], const char *const names[3], const ehp_mapped *mi, const ehp_calendar *cal,
                 FILE *out, char *err, size_t errlen)
{
	ehp_rejects rj = { .quiet = true, .tally = true };
	ehp_reader *rd = NULL;
	size_t missing = 0, unknown = 0;
	if (mi) {
		const ehp_map_missing *m;
		const ehp_map_unknown *u;
		missing = ehp_mapping_missing(mi->mapping, &m);
		unknown = ehp_mapping_unknown(mi->mapping, &u);
	}
	if (ehp_reader_open(&rd, files, names, &rj, err, errlen) != 0) {
		/* The evaluator's own files: a column missing stops the reading. */
		fprintf(out, "columns missing:\n  %s\nnothing else can be checked until the header has it\n", err);
		ehp_rejects_free(&rj);
		return 1;
	}
	if (mi) {
		size_t n;
		const ehp_origin *origins = ehp_mapping_origins(mi->mapping, &n);
		ehp_reader_origins(rd, origins, n);
	}
	ehp_reader_calendar(rd, cal);
	family_count fc = { 0 };
	int rc = read_all(rd, &fc, err, errlen);
	if (rc == 0 && ehp_rejects_finish(&rj) != 0) {
		snprintf(err, errlen, "cannot read back the rejected rows");
		rc = -1;
	}
	if (rc != 0) {
		ehp_reader_close(rd);
		ehp_rejects_free(&rj);
		return 2;
	}
	fprintf(out, "columns missing: %zu\n", missing);
	if (missing)
		ehp_mapped_print_missing(mi, out, "  ");
	if (mi) {
		fprintf(out, "codes not translated: %zu\n", unknown);
		ehp_mapped_print_unknown(mi, out, "  ");
	}
	print_rejects(out, &rj);
	fprintf(out, "families with no members: %lu", fc.no_members);
	if (fc.no_members) {
		fprintf(out, " (%s, ", names[EHP_FAMILIES_FILE]);
		print_lines(out, fc.lines, fc.no_members);
		putc(')', out);
	}
	fprintf(out, "\npeople with no family: %lu\n", rejected_for(&rj, EHP_PEOPLE_FILE, "unknown family"));
	fprintf(out, "records for unknown people: %lu\n", rejected_for(&rj, EHP_RECORDS_FILE, "unknown person"));
	fprintf(out, "read: %lu families", fc.families);
	for (int k = EHP_PEOPLE_FILE; k < EHP_N_INPUT_FILES; k++)
		fprintf(out, ", %lu %s rows", ehp_reader_rows(rd, k), file_kind[k]);
	unsigned long empty = ehp_reader_empty_rows(rd, -1) + (mi ? ehp_mapping_empty_rows(mi->mapping) : 0);
	fprintf(out, "; empty rows ignored %lu", empty);
	if (mi)
		fprintf(out, "; rows left out for an ignored code %lu", ehp_mapping_ignored_rows(mi->mapping));
	putc('\n', out);
	unsigned long problems = missing + unknown + rj.count + fc.no_members;
	if (problems)
		fprintf(out, "problems found: the extract would not be read whole\n");
	else
		fprintf(out, "no problems found\n");
	ehp_reader_close(rd);
	ehp_rejects_free(&rj);
	return problems ? 1 : 0;
}
