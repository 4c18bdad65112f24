/*
 * codegen_int.h - state shared by the parts of the C back end: codegen.c
 * lays out the file and writes the tables, codegen_cond.c turns cohorts and
 * conditions into code.
 *
 * The output is assembled from separate streams so that a function can ask
 * for a helper (a selector table, a cohort test, the inner condition of
 * `some C has (...)`) while it is being written: the helper goes to its own
 * stream, which is placed before the code that uses it.
 */
#ifndef EHPC_CODEGEN_INT_H
#define EHPC_CODEGEN_INT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include "ast.h"
#include "ehp.h"

/* A test the generated code calls (codegen_tests.c). */
typedef struct {
	int line, col;
	char *words;      /* what it looks for (docwords.c); NULL when memory ran out */
} gen_test_def;

typedef struct {
	const plan *p;
	FILE *data;       /* long strings and selector tables */
	FILE *protos;     /* a prototype for every function */
	FILE *helpers;    /* cohort and condition helpers */
	int n_strs, n_sels, n_helpers;
	char **ind_names; /* identifier parts of the rows' ids (cstring.h) */
	char **out_names;
	char **cohort_names;
	bool *cohort_used;
	int tmp;          /* last temporary of the function being written */
	bool person_subject; /* the function being written judges one person */
	bool failed;      /* out of memory: emit_c fails */
	gen_test_def *tests; /* every test called so far, in order: a call passes its index */
	size_t n_tests, cap_tests;
	uint64_t reads_types[(EHP_N_TYPES + 63) / 64]; /* every record type a test reads (ehp_plan.reads_types) */
	/* The rows' distinct cohorts (ehp_plan.cohorts): a row whose cohort is
	 * written the same as an earlier row's shares its function and index,
	 * so the runtime works out its members once a family. */
	int *ind_cohort, *out_cohort; /* each row's: 1 + its index in the table; 0 without one */
	char **cohort_fns;  /* each distinct cohort's function name (who_ind_1_1) */
	char **cohort_exprs; /* its expression, to compare; NULL: one that wrote helpers, never shared */
	ehp_age_band *cohort_bands; /* each distinct cohort's age band, when it is only one (ehp_plan.cohort_bands) */
	int n_row_cohorts;
	/* Rows judged from their records alone whose functions differ only in
	 * their selections and tests: a subject with no records gets the same
	 * verdict from each, so the runtime judges it once a family for all of
	 * them (ehp_plan.n_standins, a row's .standin). */
	int *ind_standin, *out_standin; /* each row's: 1 + its index; 0: none */
	char **standin_shapes; /* each class's function with selections and tests left out */
	uint8_t *standin_reads; /* each class's EHP_READS_* bits (ehp_plan.standin_reads) */
	/* Person indicators reading a member's age or flags beside their
	 * records: the class of their `nothing` function (ehp_indicator_def),
	 * 1 + its index; 0: none. */
	int *ind_nothing;
	bool *out_latest; /* each outcome's: it has a latest_out_X function (ehp_outcome_def.latest) */
	/* The windows of a fixed length before or after an anchor the code asks
	 * for (ehp_plan.windows), each once: a call passes its index. */
	struct gen_window {
		anchor_kind anchor;
		int n;
		unit_kind unit;
		bool after;
	} *windows;
	int n_windows, cap_windows;
	int n_standins;
} gen;

/* Marks record type t as read by the plan. */
static inline void gen_reads_type(gen *g, int t)
{
	g->reads_types[t / 64] |= UINT64_C(1) << (t % 64);
}

/* An indented line of code. */
void gen_line(FILE *f, int indent, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* A string from the plan as a C expression: a literal, or the name of a
 * byte array written to g->data when too long for one. */
void gen_string(gen *g, FILE *f, const char *s);
/* A number as C: the shortest form that reads back exactly. */
void gen_number(FILE *f, double v);

/* Adds test k to the plan's table of tests; returns its index, the number
 * its runtime call passes (codegen_tests.c). */
int gen_test(gen *g, const cond *k);
/* `static const ehp_window_def windows[]`, when a window was numbered
 * (codegen_cond.c). */
void gen_windows_table(const gen *g, FILE *f);
/* `static const ehp_test_def tests[]`, when a test was called. */
void gen_tests_table(gen *g, FILE *f);
void gen_tests_free(gen *g);

/* `static ehp_tv NAME(ehp_eval *ev, int subject)` has been written: writes
 * its body computing k. */
void gen_cond_function(gen *g, FILE *f, const cond *k);
/* Whether condition k looks at the subject only through the subject's
 * records (of the types it adds to types, EHP_TYPE_WORDS words): then any
 * two members with none of those records get the same verdict. False when
 * it reads a person's age, flags or scores. */
bool gen_reads_records_only(const cond *k, uint64_t *types);
/* The same, the person's age and flags allowed beside the records (a
 * `nothing` function: codegen_standin.c). */
bool gen_reads_records_beside_person(const cond *k, uint64_t *types);
/* Whether the code for k reads the verdicts judged so far (themes or
 * indicators met, outcomes achieved, indicators judged again) or judges a
 * condition for other members: its verdict may change as the family's rows
 * are judged, so it is not shared between rows (codegen_standin.c). */
bool gen_reads_judging(const cond *k);
/* `static ehp_date latest_NAME(const ehp_eval *ev)`: the last day of any
 * window of the tests of where and when (ehp_outcome_def.latest), when
 * every evidence item they can leave ends within one of them; false (and
 * nothing written) when not. */
bool gen_latest_function(gen *g, FILE *f, const cond *where, const cond *when, const char *name);
/* The expression testing cohort k for `person`. */
void gen_cohort_expr(gen *g, FILE *f, const cohort *k);
/* The age band at entry cohort k is, when it is only that (ehp_plan.cohort_bands). */
ehp_age_band gen_cohort_band(const cohort *k);
/* `{ return EXPR; }` for a function (const ehp_eval *ev, int person). */
void gen_cohort_body(gen *g, FILE *f, const cohort *k);
/* The same for an expression gen_cohort_expr wrote. */
void gen_cohort_body_of(FILE *f, const char *expr);
/* Cohort k as its own function `who_N` (for a family rule); returns N. */
int gen_cohort_fn(gen *g, const cohort *k, int line);
/* The member limit of k (`with at most 1 theme from each ...`) as a
 * constant `limit_N` (codegen_limit.c); returns N. */
int gen_member_limit(gen *g, const cond *k);
/* Sets used[i] for every named cohort the plan's rows and rules refer to
 * (directly or through other cohorts): an unused static function would not
 * compile warning-free. */
void gen_mark_used_cohorts(const plan *p, bool *used);

/* A row function's body with the tests' numbers and the subject's
 * selections left out (codegen_standin.c); NULL when out of memory. */
char *gen_standin_shape(const char *body);
/* The stand-in class of a row judged from its records alone, whose `when`
 * function's body is `body`: *slot becomes 1 + the index of the first row
 * written alike, or of a class of its own. */
void gen_row_standin(gen *g, int *slot, const char *body);
/* What a class's function body reads of the family besides the run's own
 * settings (ehp_plan.standin_reads): EHP_READS_ENTRY and EHP_READS_CLOSURE
 * for the anchors it names or a call reads, EHP_READS_OTHER for a call not
 * known to read nothing else (codegen_standin.c). */
uint8_t gen_standin_reads(const char *body);
/* A person row's function body with every test of the member's age or
 * flags (`ehp_tv tN = ehp_tv_of(ehp_has_flag(ev, subject, ...));`) made
 * EHP_UNKNOWN: for a member with none of its records, EHP_TRUE or
 * EHP_FALSE whatever their age and flags (the tests are combined in Kleene
 * logic, where an unknown that does not decide the verdict leaves it as
 * any value would). NULL when a person test is left (or out of memory). */
char *gen_nothing_body(const char *body);
/* `static const uint8_t standin_reads[]`, when there are classes. */
void gen_standin_reads_table(const gen *g, FILE *f);

#endif
