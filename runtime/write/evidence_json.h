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

enum { EHP_WHO_CACHE = 16, EHP_MASK_CACHE = 16, EHP_ITEM_CACHE = 16, EHP_REASON_CACHE = 16, EHP_WINDOW_CACHE = 64 };
enum { EHP_TAIL_CACHE = 256, EHP_TAIL_MAX = 56 };

/* A test's text after its window, `,measured,result...]`, for a test that
 * cites no record and read its verdict's own subject's: the same from
 * family to family for most tests (a stand-in's, a count of none), so
 * kept by test and written again when its figures are the same. */
typedef struct {
	uint64_t measured, threshold; /* the figures' bits */
	const char *reason;
	uint32_t test;
	int32_t result, op;
	uint8_t len;                  /* 0: nothing kept */
	char text[EHP_TAIL_MAX];
} ehp_test_tail;

/* One group of a family's found_nothing: the members it is for and its
 * entries as met, each `row, n, test, item, ...` (item: the trace item
 * whose window the test looked in), written after the rows in order, the
 * windows numbered then. Its entries' room is kept from family to family. */
typedef struct {
	uint64_t mask;        /* its members, in a family of at most 63 (evidence_json.c's subject_bit) */
	uint64_t sig;         /* of its members, in a larger family: most other groups told apart at once */
	size_t who_at, who_n; /* its members in the writer's `who` */
	uint32_t *entries;
	size_t n, cap;
} ehp_nothing_group;

/* What one writer reuses from family to family (a writer per thread; the
 * row ids are escaped again when it is given another plan). */
typedef struct {
	size_t *next, *lead;    /* a row's verdicts put into groups (evidence_json.c) */
	struct verdict_view *views; /* a row's verdicts, indicator or outcome alike */
	int32_t *members;       /* a group's members as written */
	size_t cap_members;     /* room for a row's verdicts in next, views and members (lead: twice) */
	ehp_date (*windows)[2]; /* the family's windows, in order of first use */
	size_t n_windows, cap_windows, last_window;
	size_t window_cache[EHP_WINDOW_CACHE]; /* a window's index by its days, or none (SIZE_MAX) */
	ehp_nothing_group *groups; /* found_nothing's groups, in order of first use */
	size_t n_groups, cap_groups;
	int32_t *who;           /* their members, groups[g].who_at .. + who_n */
	size_t n_who, cap_who;
	size_t mask_cache[EHP_MASK_CACHE]; /* a group by its mask, or none (SIZE_MAX) */
	size_t item_window[EHP_ITEM_CACHE][2]; /* a trace item's window index, by the item's (SIZE_MAX: none) */
	ehp_test_tail *tails;   /* EHP_TAIL_CACHE of them, by test (made on first use) */
	size_t who_cache[EHP_WHO_CACHE]; /* a group of whos by its members' signature, or none (SIZE_MAX) */
	const ehp_plan *ids_of; /* the plan whose row ids `ids` holds, escaped once */
	ehp_json ids;           /* `["1.1",` of every indicator, then every outcome */
	size_t *id_at;          /* row k's is ids.p[id_at[k] .. id_at[k + 1]) */
	const char *reason_of[EHP_REASON_CACHE]; /* a test's reason (static text) escaped once a run: */
	size_t reason_at[EHP_REASON_CACHE + 1];  /* its `"..."` is reasons.p[reason_at[k] .. reason_at[k + 1]) */
	size_t n_reasons;
	ehp_json reasons;
	ehp_date years[2];      /* 1900-01-01 and 2200-12-31: a window's day between needs no check of its year */
	bool name_files;        /* a mapped run: a family and each member say which council file their
	                           line is in ("file", an index in line 1's families_files, people_files) */
} ehp_evidence_writer;

/* The first line: the format's version, the plan, the claim date, the
 * records files' names (records.csv, or a mapped run's council files: a
 * record's `file` indexes them), for a mapped run (council_files: its
 * three kinds' files, else NULL) its families and people files too, the
 * plan's themes, indicators and outcomes with their wording, and its tests
 * with what each looks for. */
void ehp_evidence_json_header(FILE *f, const ehp_plan *plan, ehp_date claim, const ehp_file_names *records_files,
                              const ehp_file_names *council_files);
/* One family's line, added to the end of out. */
void ehp_evidence_json_family(ehp_evidence_writer *w, ehp_json *out, const ehp_plan *plan, const ehp_family *fam,
                              const ehp_results *res, const ehp_trace *trace);
void ehp_evidence_writer_free(ehp_evidence_writer *w);

#endif
