/*
 * rejects.c - bad rows, kept per input file and written in file order
 * (rejects.h).
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "output.h"
#include "rejects.h"

/* The group of file, field and reason: found or added. */
static ehp_reject_group *group_of(ehp_rejects *rj, int file, const char *path, const char *field, const char *reason)
{
	for (size_t i = 0; i < rj->n_groups; i++)
		if (rj->groups[i].file == file && !strcmp(rj->groups[i].path, path) && !strcmp(rj->groups[i].field, field) &&
		    !strcmp(rj->groups[i].reason, reason))
			return &rj->groups[i];
	rj->groups = ehp_xrealloc(rj->groups, (rj->n_groups + 1) * sizeof *rj->groups);
	ehp_reject_group *g = &rj->groups[rj->n_groups++];
	*g = (ehp_reject_group){ .file = file, .path = ehp_xprintf("%s", path), .field = ehp_xprintf("%s", field),
	                         .reason = ehp_xprintf("%s", reason) };
	return g;
}

static void tally(ehp_rejects *rj, int file, const char *path, unsigned long line, const char *field, const char *reason)
{
	ehp_reject_group *g = group_of(rj, file, path, field, reason);
	if (g->count < EHP_REJECT_GROUP_LINES)
		g->lines[g->count] = line;
	g->count++;
}

int ehp_rejects_take(ehp_rejects *to, ehp_rejects *from)
{
	to->count += from->count;
	int rc = 0;
	for (size_t i = 0; i < from->n_groups; i++) {
		const ehp_reject_group *f = &from->groups[i];
		ehp_reject_group *g = group_of(to, f->file, f->path, f->field, f->reason);
		for (unsigned long k = 0; k < f->count && g->count + k < EHP_REJECT_GROUP_LINES; k++)
			g->lines[g->count + k] = f->lines[k];
		g->count += f->count;
	}
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		for (unsigned k = 0; k < from->n_notes[i] && to->n_notes[i] < to->max_shown; k++) {
			if (!to->notes[i])
				to->notes[i] = ehp_xcalloc(to->max_shown, sizeof *to->notes[i]);
			to->notes[i][to->n_notes[i]++] = from->notes[i][k];
			from->notes[i][k].text = NULL;
		}
		FILE *f = from->spool[i];
		if (!f)
			continue;
		if (!to->spool[i] && !(to->spool[i] = tmpfile()))
			ehp_die("cannot create a temporary file for rejected rows");
		char buf[1 << 16];
		size_t n;
		if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
			rc = -1;
		while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0)
			if (fwrite(buf, 1, n, to->spool[i]) != n)
				rc = -1;
		if (ferror(f))
			rc = -1;
	}
	ehp_rejects_free(from); /* frees the notes not taken (NULL texts too) */
	return rc;
}

void ehp_reject(ehp_rejects *rj, int file, const char *path, unsigned long line, const char *field,
                const char *reason, const char *raw, size_t raw_len)
{
	rj->count++;
	if (rj->tally)
		tally(rj, file, path, line, field, reason);
	if (rj->n_notes[file] < rj->max_shown) {
		if (!rj->notes[file])
			rj->notes[file] = ehp_xcalloc(rj->max_shown, sizeof *rj->notes[file]);
		ehp_reject_note *n = &rj->notes[file][rj->n_notes[file]++];
		n->line = line;
		n->text = ehp_xprintf("%s:%lu: %s: %s", path, line, field, reason);
	}
	if (!rj->out && !rj->keep_rows)
		return;
	if (!rj->spool[file] && !(rj->spool[file] = tmpfile()))
		ehp_die("cannot create a temporary file for rejected rows");
	FILE *f = rj->spool[file];
	ehp_csv_field(f, path);
	fprintf(f, ",%lu,", line);
	ehp_csv_field(f, field);
	putc(',', f);
	ehp_csv_field(f, reason);
	putc(',', f);
	ehp_csv_field_n(f, raw, raw_len);
	putc('\n', f);
}

int ehp_rejects_finish(ehp_rejects *rj)
{
	for (int i = 0; i < EHP_N_INPUT_FILES; i++)
		for (unsigned k = 0; k < rj->n_notes[i] && rj->shown < rj->max_shown; k++, rj->shown++)
			if (!rj->quiet)
				fprintf(stderr, "%s\n", rj->notes[i][k].text);
	int rc = 0;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		for (unsigned k = 0; k < rj->n_notes[i]; k++)
			free(rj->notes[i][k].text);
		free(rj->notes[i]);
		rj->notes[i] = NULL;
		rj->n_notes[i] = 0;
		FILE *f = rj->spool[i];
		if (!f)
			continue;
		char buf[1 << 16];
		size_t n;
		if (fflush(f) != 0 || fseek(f, 0, SEEK_SET) != 0)
			rc = -1;
		while (rc == 0 && rj->out && (n = fread(buf, 1, sizeof buf, f)) > 0) /* no out: messages only */
			fwrite(buf, 1, n, rj->out);
		if (ferror(f))
			rc = -1;
		fclose(f);
		rj->spool[i] = NULL;
	}
	return rc;
}

void ehp_rejects_reset(ehp_rejects *rj)
{
	FILE *out = rj->out;
	unsigned max_shown = rj->max_shown;
	bool quiet = rj->quiet, counted = rj->tally;
	ehp_rejects_free(rj);
	*rj = (ehp_rejects){ .out = out, .max_shown = max_shown, .quiet = quiet, .tally = counted };
}

void ehp_rejects_free(ehp_rejects *rj)
{
	for (size_t i = 0; i < rj->n_groups; i++) {
		free(rj->groups[i].path);
		free(rj->groups[i].field);
		free(rj->groups[i].reason);
	}
	free(rj->groups);
	rj->groups = NULL;
	rj->n_groups = 0;
	for (int i = 0; i < EHP_N_INPUT_FILES; i++) {
		if (rj->spool[i])
			fclose(rj->spool[i]);
		rj->spool[i] = NULL;
		for (unsigned k = 0; k < rj->n_notes[i]; k++)
			free(rj->notes[i][k].text);
		free(rj->notes[i]);
		rj->notes[i] = NULL;
		rj->n_notes[i] = 0;
	}
}
