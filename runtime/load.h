/*
 * load.h - reading a council's extract (families, people, records) into
 * judged-ready families, with every bad row reported and set aside.
 *
 * The whole extract is held in memory for now (a few hundred bytes per
 * record); the files are read row by row, so streaming families through in
 * bounded memory later changes only this module.
 */
#ifndef EHP_LOAD_H
#define EHP_LOAD_H

#include <stdio.h>
#include "ehp.h"

/* Where bad rows go: a message on stderr (capped, never the row's contents)
 * and the whole row with its reason in the rejects file. */
typedef struct {
	FILE *out;            /* rejects CSV (may be NULL) */
	unsigned long count;
	unsigned shown, max_shown;
	bool quiet;
} ehp_rejects;

void ehp_reject(ehp_rejects *rj, const char *file, unsigned long line, const char *field,
                const char *reason, const char *raw, size_t raw_len);

typedef struct {
	ehp_family *families;
	size_t n_families;
	/* storage the families point into */
	ehp_person *people;
	ehp_record *records;
	char **strings;        /* every string allocated for ids and authors */
	size_t n_strings, cap_strings;
} ehp_dataset;

typedef struct {
	const char *families, *people, *records; /* paths */
} ehp_inputs;

/* Returns 0, or -1 with a message in err when a file cannot be read at all
 * (missing, empty, no header, a required column missing or named twice, a
 * families file with only a header). Bad rows go to rj and never fail. */
int ehp_load(ehp_dataset *ds, const ehp_inputs *in, ehp_rejects *rj, char *err, size_t errlen);
/* The same from open streams (families, people, records, in that order),
 * named in messages by names[]; the streams are read, not closed. */
int ehp_load_streams(ehp_dataset *ds, FILE *const files[3], const char *const names[3], ehp_rejects *rj,
                     char *err, size_t errlen);
void ehp_dataset_free(ehp_dataset *ds);

/* Parses a number column: empty -> NAN (returns 1); malformed -> 0. */
int ehp_parse_number(const char *s, size_t len, double *out);

#endif
