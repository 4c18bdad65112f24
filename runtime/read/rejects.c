/*
 * rejects.c - bad rows, kept per input file and written in file order
 * (rejects.h).
 */
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "output.h"
#include "rejects.h"

/* Counts the row under its kind (ehp_reject_kind). */
static void count_kind(ehp_rejects *rj, int file, const char *field, const char *reason)
{
	const char *bracket = strstr(reason, " (");
	int len = bracket ? (int)(bracket - reason) : (int)strlen(reason);
	char words[sizeof rj->kinds->reason];
	snprintf(words, sizeof words, "%.*s", len, reason);
	if (!rj->kinds)
		rj->kinds = ehp_xcalloc(EHP_REJECT_KINDS, sizeof *rj->kinds);
	unsigned k = 0;
	for (; k < rj->n_kinds; k++) {
		ehp_reject_kind *r = &rj->kinds[k];
		if (k == EHP_REJECT_KINDS - 1 || (r->file == file && !strcmp(r->field, field) && !strcmp(r->reason, words)))
			break;
	}
	if (k == rj->n_kinds) {
		ehp_reject_kind *r = &rj->kinds[rj->n_kinds++];
		bool last = k == EHP_REJECT_KINDS - 1;
		r->file = last ? EHP_N_INPUT_FILES : file;
		snprintf(r->field, sizeof r->field, "%s", last ? "" : field);
		snprintf(r->reason, sizeof r->reason, "%s", last ? "other reasons" : words);
	}
	rj->kinds[k].rows++;
}

void ehp_reject(ehp_rejects *rj, int file, const char *path, unsigned long line, const char *field,
                const char *reason, const char *raw, size_t raw_len)
{
	rj->count++;
	if (rj->count_kinds)
		count_kind(rj, file, field, reason);
	if (rj->n_notes[file] < rj->max_shown) {
		if (!rj->notes[file])
			rj->notes[file] = ehp_xcalloc(rj->max_shown, sizeof *rj->notes[file]);
		ehp_reject_note *n = &rj->notes[file][rj->n_notes[file]++];
		n->line = line;
		n->text = ehp_xprintf("%s:%lu: %s: %s", path, line, field, reason);
	}
	if (!rj->out)
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
		while (rc == 0 && (n = fread(buf, 1, sizeof buf, f)) > 0)
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
	bool quiet = rj->quiet, count_kinds = rj->count_kinds;
	ehp_rejects_free(rj);
	*rj = (ehp_rejects){ .out = out, .max_shown = max_shown, .quiet = quiet, .count_kinds = count_kinds };
}

void ehp_rejects_free(ehp_rejects *rj)
{
	free(rj->kinds);
	rj->kinds = NULL;
	rj->n_kinds = 0;
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
