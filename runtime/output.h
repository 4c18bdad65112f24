/*
 * output.h - files written atomically (a temporary file in the same
 * directory, renamed into place only when everything was written), and the
 * CSV writers for results, evidence and rejects.
 */
#ifndef EHP_OUTPUT_H
#define EHP_OUTPUT_H

#include <stdio.h>
#include "ehp.h"

typedef struct {
	FILE *f;
	char *tmp, *path;
} ehp_outfile;

/* Returns 0, or -1 with a message in err. */
int ehp_out_open(ehp_outfile *o, const char *dir, const char *name, char *err, size_t errlen);
/* Flushes, syncs and closes the temporary file; on any failure removes it
 * and returns -1 with a message. Finish every output before publishing any,
 * so a failed write leaves the previous run's files as they were. */
int ehp_out_finish(ehp_outfile *o, char *err, size_t errlen);
/* Renames a finished file into place. */
int ehp_out_publish(ehp_outfile *o, char *err, size_t errlen);
/* finish, then publish. */
int ehp_out_commit(ehp_outfile *o, char *err, size_t errlen);
/* Closes and removes the temporary file; harmless on a zeroed or published
 * outfile. */
void ehp_out_abort(ehp_outfile *o);

/* One CSV field, quoted when it holds a comma, a quote or a line break; the
 * _n form writes exactly n bytes, NUL bytes included (a rejected row). */
void ehp_csv_field(FILE *f, const char *s);
void ehp_csv_field_n(FILE *f, const char *s, size_t n);
void ehp_results_header(FILE *f);
void ehp_results_row(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res);
void ehp_evidence_header(FILE *f);
void ehp_evidence_rows(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_trace *trace);
/* One evidence item in words, for --check failures and explanations. */
void ehp_evidence_describe(FILE *f, const ehp_family *fam, const ehp_evidence *e);
const char *ehp_subject_name(const ehp_family *fam, int subject);

#endif
