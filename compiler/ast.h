/*
 * ast.h - the syntax tree of a plan, as the parser builds it and the checker
 * (sema.c) completes it. Every node carries the source span it came from so a
 * diagnostic can point at it. All nodes live in one arena per compilation
 * (arena.h) and are freed together.
 *
 * Fields marked "sema" are filled by the checker; the parser leaves them at
 * their zero/-1 defaults. The back ends read only checked trees.
 */
#ifndef EHPC_AST_H
#define EHPC_AST_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
	int line, col;         /* 1-based, of the first character */
	int end_line, end_col; /* of the last character (inclusive) */
} src_loc;

/* Limits on a plan's shape (docs/language.md, "Limits"). The parser
 * enforces them with a located error, so every walk of the tree (checks, C
 * and document back ends) recurses a bounded depth, the generated C nests
 * blocks no deeper than any C compiler accepts, and evaluation stays
 * polynomial in the number of members. */
#define EHP_MAX_COND_DEPTH 500   /* a condition's tree: tests joined with `and`/`or` in a row, `not`s */
#define EHP_MAX_NESTING 48       /* brackets nested on the right of `and`/`or`: the C's nested blocks */
#define EHP_MAX_QUANTIFIERS 2    /* `some/every ... has (...)` within one another */
#define EHP_MAX_SHIFTS 8         /* `6 months before 3 months before claim`: two shifts */
#define EHP_MAX_COHORT_DEPTH 500 /* a cohort's parts joined with `or`, `aged`, `who is` */

/* Growable array of pointers, allocated in the arena (see arena.h). */
typedef struct {
	void **v;
	int n, cap;
} ptr_vec;

/* ------------------------------------------------------------ units */

/* What a number means. sema.c checks that compared things agree. */
typedef enum {
	UNIT_NUMBER,   /* a plain count or number */
	UNIT_PERCENT,  /* 90% */
	UNIT_MONEY,    /* £338 (pounds) */
	UNIT_DAYS,     /* 5 days; also the unit of a day-valued record */
	UNIT_WEEKS,
	UNIT_MONTHS,
	UNIT_TERMS,
	UNIT_SESSIONS, /* school sessions */
	UNIT_SCORE,    /* an assessment score */
	UNIT_POINTS,   /* percentage points: a change in a rate */
	UNIT_YESNO     /* a yes/no setting (parameters only): 1 = yes, 0 = no */
} unit_kind;

/* A number as written, or a parameter used by name. */
typedef struct {
	src_loc loc;
	double value;          /* the literal; for a parameter, its default (sema) */
	unit_kind unit;        /* as written, or the parameter's unit (sema) */
	const char *param;     /* non-NULL: a parameter name */
	int param_index;       /* sema: index in plan.params, -1 for a literal */
} quantity;

/* ------------------------------------------------------------ cohorts */

typedef enum {
	COH_ANYONE,  /* anyone, person, member */
	COH_CHILD,   /* under 18 at point of entry */
	COH_ADULT,   /* 18 or over at point of entry */
	COH_NAMED,   /* a cohort defined with `cohort` */
	COH_AGED,    /* aged lo to hi (inclusive; -1 = open) */
	COH_FLAG,    /* who is / who has FLAG */
	COH_AND,     /* base narrowed: a and b */
	COH_OR,      /* a or b */
	COH_NOT,     /* who is not F / NAME: the members a is not */
	COH_COND     /* who has (COND): the members for whom a person condition holds */
} cohort_kind;

struct cond;

typedef struct cohort {
	cohort_kind kind;
	src_loc loc;
	int lo, hi;               /* COH_AGED: years, -1 = unbounded */
	int age_at;               /* COH_AGED: the anchor_kind ages are taken on; -1 or ANCHOR_ENTRY: point of entry */
	const char *name;         /* COH_NAMED: cohort name; COH_FLAG: flag name */
	int ref;                  /* sema: COH_NAMED cohort index, COH_FLAG EHP_F_ index */
	struct cohort *a, *b;     /* COH_AND, COH_OR; COH_NOT (a) */
	struct cond *cond;        /* COH_COND: judged for the member as a person row's `when` is */
	int depth;                /* of this tree, for EHP_MAX_COHORT_DEPTH */
} cohort;

/* Which subjects a row is judged for. */
typedef enum {
	SCOPE_PERSON,    /* each member in the row's cohort */
	SCOPE_HOUSEHOLD, /* once; reads records with no person */
	SCOPE_FAMILY     /* once; reads every record of the family */
} scope_kind;

/* ------------------------------------------------------------ windows */

typedef enum { ANCHOR_ENTRY, ANCHOR_CLOSURE, ANCHOR_CLAIM } anchor_kind;

typedef enum {
	WIN_BEFORE,   /* n unit before anchor */
	WIN_AFTER,    /* n unit after anchor */
	WIN_AT,       /* the anchor day */
	WIN_SPAN,     /* from `from` to `to` */
	WIN_SUPPORT,  /* during support */
	WIN_WHILE,    /* while SEL: the span of the subject's latest such record */
	WIN_EVER,     /* before ANCHOR: every day up to the anchor */
	WIN_AROUND    /* within n unit of anchor (or of `of`): both sides, both ends included */
} window_kind;

struct selector;

typedef struct window {
	window_kind kind;
	src_loc loc;
	int n;                    /* WIN_BEFORE/AFTER */
	const char *n_param;      /* WIN_BEFORE/AFTER: the length is this parameter (`sustain_period after closure`) */
	src_loc n_loc;
	int n_param_index;        /* sema: its index, -1 for a literal length */
	unit_kind unit;           /* UNIT_DAYS, WEEKS, MONTHS or TERMS (a parameter's: sema) */
	anchor_kind anchor;       /* WIN_BEFORE/AFTER/AT; with `of`, the anchor `of` counts from */
	struct window *of;        /* WIN_BEFORE/AFTER: counted from this shifted point
	                             (`6 months before 3 months before claim`), NULL: from `anchor` */
	struct window *from, *to; /* WIN_SPAN; WIN_WHILE: `from` is the window it narrows, or NULL */
	struct selector *sel;     /* WIN_WHILE */
	int shifts;               /* WIN_BEFORE/AFTER/AROUND: points in the chain `of`, this one included */
	bool less;                /* `less than N units after P`: from P itself, the day N units on left out
	                             (`less than N units before P` is the same days as `N units before P`) */
} window;

/* ------------------------------------------------------------ selectors */

#define SEL_MAX_TYPES 8

/* `offence or out_of_court_disposal about crime by social_worker`; a type
 * may carry its own qualifiers in brackets:
 * `jsa_claim or (universal_credit about work_related)`. A trailing `about` or
 * `by` qualifies every type that has none of its own. */
typedef struct selector {
	src_loc loc;
	int n_types;
	const char *type_names[SEL_MAX_TYPES];
	src_loc type_locs[SEL_MAX_TYPES];
	bool plus[SEL_MAX_TYPES];  /* after `plus`: adds its values to a rate, not its totals */
	int types[SEL_MAX_TYPES];  /* sema: EHP_T_ indices */
	const char *detail_names[SEL_MAX_TYPES]; /* NULL: any detail */
	src_loc detail_locs[SEL_MAX_TYPES];
	int details[SEL_MAX_TYPES];              /* sema: EHP_D_ index, -1 for any */
	const char *authors[SEL_MAX_TYPES];      /* NULL: any author */
	bool starting;            /* `any X starting in W`: only records whose first day lies in the window */
} selector;

/* ------------------------------------------------------------ conditions */

typedef enum { OP_LT, OP_LE, OP_GT, OP_GE, OP_EQ } cmp_op; /* same order as ehp_op */

typedef enum {
	MEASURE_COUNT,          /* count SEL WINDOW */
	MEASURE_SUM,            /* sum SEL WINDOW */
	MEASURE_RATE,           /* rate SEL WINDOW */
	MEASURE_THEMES_MET,     /* themes met (family rules) */
	MEASURE_INDICATORS_MET  /* indicators met (family rules) */
} measure_kind;

/* COND_GAP: how far the anchor may lie from the point (semantics.md). */
typedef enum {
	GAP_AT_LEAST,  /* closure at least 6 months before claim */
	GAP_MORE_THAN, /* ... more than ... */
	GAP_AT_MOST,   /* closure at most 24 months before claim: between that day and the claim */
	GAP_LESS_THAN, /* ... less than ...: the day 24 months before left out */
	GAP_WITHIN     /* claim within 6 months of closure: either side */
} gap_kind;

typedef enum {
	COND_AND, COND_OR, COND_NOT,
	COND_ANY,          /* any / has SEL WINDOW */
	COND_NONE,         /* no SEL WINDOW */
	COND_THROUGHOUT,   /* SEL throughout WINDOW */
	COND_WEEKS,        /* no/has SEL for K consecutive weeks | for K of N weeks WINDOW;
	                      measure MEASURE_SUM: sum SEL op Q for ... weeks (a week's total compared) */
	COND_COMPARE,      /* MEASURE [per UNIT] op QUANTITY */
	COND_CHANGE,       /* MEASURE [per UNIT] falls/rises by at least Q from W1 to W2 */
	COND_SCORE,        /* score TOOL rises/falls by ANCHOR-or-window */
	COND_PERSON_IS,    /* person is FLAG */
	COND_PERSON_AGED,  /* person aged A to B */
	COND_SOME_HAS,     /* some COHORT has (COND) */
	COND_EVERY_HAS,    /* every COHORT has (COND) */
	COND_SOME_IS,      /* some member is COHORT */
	COND_GAP,          /* ANCHOR at least/at most/... N units before/after POINT, or within N units of it */
	COND_SETTING,      /* PARAMETER is yes / is no */
	COND_ALL_RESOLVED, /* every indicator met [at ANCHOR] has an outcome achieved */
	COND_NEWLY_MET,    /* no indicator newly met at ANCHOR */
	COND_ANY_AFTER,    /* any SEL at least N units after SEL2 (`sel2`) */
	COND_DATE          /* ANCHOR from DATE / ANCHOR before DATE: an anchor against a calendar date */
} cond_kind;

/* `with at most 1 theme from each member who is living_apart`, on `themes
 * met` or `indicators met`: each member of the group counts towards the
 * figure at most `most` of the themes (or indicators) they met; everyone
 * else's count in full (semantics.md; codegen_limit.c, contribution.c). */
typedef struct member_limit {
	src_loc loc;              /* from `with` to the end of the group */
	int most;                 /* sema: checked whole, 0 to EHP_MAX_LIMIT */
	double most_written;
	src_loc most_loc;
	bool indicators;          /* the noun written: `indicator(s)`, else `theme(s)` */
	src_loc noun_loc;
	cohort *who;
} member_limit;

#define EHP_MAX_LIMIT 1000

typedef struct cond {
	cond_kind kind;
	src_loc loc;
	struct cond *a, *b;       /* AND, OR (a, b); NOT, SOME_HAS, EVERY_HAS (a) */
	selector sel;             /* record tests */
	window *win;              /* record tests; COND_SCORE: by when */
	window *win2;             /* COND_CHANGE: a = win, b = win2 */
	measure_kind measure;     /* COMPARE, CHANGE */
	unit_kind per;            /* COMPARE, CHANGE: per DAYS/WEEKS/MONTHS, or UNIT_NUMBER = raw */
	cmp_op op;                /* COMPARE */
	quantity q;               /* COMPARE threshold; CHANGE amount */
	bool rises;               /* CHANGE, SCORE: rises (true) or falls */
	bool points;              /* CHANGE: percentage points, not relative % */
	bool any_change;          /* CHANGE: a plain `falls` / `rises`, by any amount (no `by at least`) */
	bool present;             /* WEEKS: has (true) or no; SETTING: is yes (true) or no */
	anchor_kind anchor;       /* GAP: the anchor compared with the point `win`;
	                             ALL_RESOLVED (when `rejudged`), NEWLY_MET: the date indicators are judged again at */
	gap_kind gap;             /* GAP: at least, at most, ... (win is WIN_AROUND for `within`) */
	bool rejudged;            /* ALL_RESOLVED: `every indicator met at ANCHOR ...` */
	int roll_n;               /* COMPARE: `count SEL in any N UNIT WINDOW`, 0 if not rolling;
	                             SCORE: `over at least N UNIT` between the scores, 0 if none;
	                             ANY_AFTER: the gap N UNIT */
	unit_kind roll_unit;
	selector *sel2;           /* ANY_AFTER: the records the gap is counted from */
	int k, n;                 /* WEEKS: k of n (k == n for consecutive) */
	const char *name;         /* PERSON_IS: flag; SCORE: tool (a detail name); SETTING: parameter;
	                             DATE: the date as written */
	int day;                  /* DATE: that date as an ehp_date (sema); `present`: from (true) or before */
	int ref;                  /* sema: flag, detail or parameter index */
	int lo, hi;               /* PERSON_AGED, -1 = open */
	int age_at;               /* PERSON_AGED: as cohort.age_at */
	cohort *who;              /* SOME_HAS, EVERY_HAS, SOME_IS; COMPARE, CHANGE: the group whose records are
	                             pooled (`rate attendance of school_age together ...`), NULL: the subject's */
	member_limit *limit;      /* COMPARE of themes or indicators met: what one member may add, or NULL */
	int id;                   /* sema: number of this node's generated helper, if any */
	int depth;                /* of this tree (EHP_MAX_COND_DEPTH) */
	int nesting;              /* right operands within right operands (EHP_MAX_NESTING) */
	int quantifiers;          /* `some/every ... has` within one another (EHP_MAX_QUANTIFIERS) */
	bool over_limit;          /* a limit was passed here and reported: parts were dropped */
} cond;

/* ------------------------------------------------------------ rows */

typedef struct {
	src_loc loc;
	const char *name;         /* crime */
	const char *title;        /* "Crime and anti-social behaviour" */
	const char *text;         /* optional description, NULL if none */
	const char *evidence;     /* the plan's "evidence required for claim", NULL if none */
	int index;                /* sema: position in plan.themes */
	ptr_vec readings;         /* reading *: how the theme is read */
} theme;

typedef enum { ROW_INDICATOR, ROW_OUTCOME } row_kind;

typedef struct {
	row_kind kind;
	src_loc loc;              /* of the keyword */
	const char *id;           /* "1.1", "1a", "1g*", "A" as written */
	src_loc id_loc;
	const char *text;         /* the plan's wording */
	src_loc text_loc;         /* of the wording's string, quotes included */
	const char *period;       /* plan's words for the time period, or NULL */
	src_loc period_loc;
	const char *source;       /* data source, or NULL */
	const char *note;         /* remark, or NULL */
	ptr_vec readings;         /* reading *: how the row is read */
	int theme;                /* sema... set by the parser to the current theme index, -1 if none */
	scope_kind scope;
	cohort *who;              /* SCOPE_PERSON: NULL means anyone (indicators) or
	                             the members who met the indicator (outcomes) */
	cond *when;
	cond *where;              /* outcomes: the band it applies in (`where ...`), or NULL */
	cond *exempt;             /* indicators: `exempt when ...`, or NULL */
	bool supplementary;       /* outcomes: progress only alongside another outcome of the indicator */
	bool broken;              /* a clause could not be read (already reported): what it would have said is unknown */
	/* outcomes: what they serve, as written */
	ptr_vec serves_names;     /* const char * indicator ids */
	ptr_vec serves_locs;      /* src_loc * */
	const char *serves_theme; /* `for theme T`, or NULL */
	src_loc serves_theme_loc;
	/* sema */
	int index;                /* position in plan.indicators or plan.outcomes */
	int *serves;              /* indicator indices */
	int n_serves;
} row;

/* `reading "..."`: how the partnership reads the plan where its wording is
 * not exact, attached to what it follows: the plan header, a theme, a row or
 * a family rule. It changes no verdict; the documents show it beside what it
 * reads and list every reading together for sign-off. A row's reading that
 * writes a figure of the row's wording (`12 months`) also says why the rule
 * uses another (wording.c). */
typedef enum {
	READING_PLAN, READING_THEME, READING_INDICATOR, READING_OUTCOME, READING_ELIGIBLE, READING_CLAIMABLE
} reading_target;

typedef struct {
	src_loc loc;              /* of the keyword */
	src_loc text_loc;         /* of its string */
	const char *text;
	reading_target target;
	const theme *theme;       /* READING_THEME */
	const row *row;           /* READING_INDICATOR, READING_OUTCOME */
	int number;               /* sema: 1-based, in the order the documents list them */
} reading;

/* `£352 from 01/04/2025`: a value of a parameter and the day it takes effect. */
typedef struct {
	quantity value;
	const char *date;         /* as written */
	src_loc date_loc;
	int day;                  /* sema: the date as an ehp_date */
} param_step;

typedef struct {
	src_loc loc;
	const char *name;
	quantity value;           /* default; for a dated parameter, its first value (the unit of all) */
	const char *doc;
	int index;
	bool used;                /* sema, for the unused-parameter warning */
	bool broken;              /* its definition had a syntax error (reported): value and unit unknown */
	ptr_vec steps;            /* param_step *: values that take effect from a date, in date order; empty: one value */
	int chosen_at;            /* dated: the anchor_kind whose date chooses the value (`at entry`); -1: the claim date */
	src_loc chosen_loc;
} param;

typedef struct {
	src_loc loc;
	const char *name;
	const char *doc;
	cohort *def;              /* NULL when its definition had a syntax error (reported) */
	int index;
} cohort_def;

typedef enum { PROSE_TEXT, PROSE_FOOTNOTE, PROSE_GLOSSARY } prose_kind;

typedef struct {
	prose_kind kind;
	src_loc loc;
	const char *label;        /* text: heading; footnote: its number; glossary: term */
	const char *body;
} prose;

typedef struct {
	const char *file;         /* path as given on the command line */
	const char *name;         /* file stem, e.g. "devon"; names the evaluator */
	const char *title, *council, *revised, *source;
	src_loc loc;
	ptr_vec readings;         /* reading *: how the whole plan is read (the header's) */
	ptr_vec eligible_readings, claimable_readings; /* reading *: of the family rules */
	ptr_vec all_readings;     /* sema: every reading, in document order (numbered) */
	ptr_vec prose;            /* prose * in plan order */
	ptr_vec params;           /* param * */
	ptr_vec cohorts;          /* cohort_def * */
	ptr_vec themes;           /* theme * */
	ptr_vec indicators;       /* row * */
	ptr_vec outcomes;         /* row * */
	ptr_vec lost;             /* const char *: names of items skipped after a syntax error
	                             (`indicater 1.1 ...`); not reported again as unknown */
	cond *eligible;           /* NULL: eligible when any indicator is met */
	cond *claimable;          /* NULL: claimable when every indicator met has an outcome achieved */
	src_loc family_loc;
} plan;

#endif
