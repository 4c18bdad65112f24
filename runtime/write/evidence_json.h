/*
 * evidence_json.h - evidence.jsonl (docs/evidence.md): a first line that
 * describes the run and the plan's rows, then one line per family with
 * every verdict and the tests that decided it, formatted from the typed
 * trace only here, on output.
 */
#ifndef EHP_EVIDENCE_JSON_H
#define EHP_EVIDENCE_JSON_H

#include <stdio.h>
#include "json.h"

/* What one writer reuses from family to family. */
typedef struct {
	ehp_json out;           /* the family's line */
	size_t *next, *lead;    /* a row's verdicts put into groups (evidence_json.c) */
	size_t cap_next, cap_lead;
	struct verdict_view *views; /* a row's verdicts, indicator or outcome alike */
	size_t cap_views;
	ehp_date (*windows)[2]; /* the family's windows, in order of first use */
	size_t n_windows, cap_windows;
} ehp_evidence_writer;

/* The first line: the format's version, the plan, the claim date, the
 * records file's name (every record line cited is a line of it) and the
 * plan's themes, indicators and outcomes with their wording. */
void ehp_evidence_json_header(FILE *f, const ehp_plan *plan, ehp_date claim, const char *records_file);
/* One family's line, into w->out (emptied first). */
void ehp_evidence_json_family(ehp_evidence_writer *w, const ehp_plan *plan, const ehp_family *fam,
                              const ehp_results *res, const ehp_trace *trace);
void ehp_evidence_writer_free(ehp_evidence_writer *w);

#endif
