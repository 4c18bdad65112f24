/*
 * eval.h - the runtime's own view of a family and its evaluation: the
 * records and people, the evidence trace, the state of one evaluation and
 * its verdicts. Not part of the public interface (ehp.h), where ehp_eval is
 * opaque: generated evaluators never see these fields, so they can change
 * without a plan being compiled again. The runtime, its tests and its tools
 * include this.
 */
#ifndef EHP_EVAL_H
#define EHP_EVAL_H

#include "ehp.h"

#define EHP_ANCHORS (EHP_CLAIM + 1) /* the anchors (ehp_anchor): entry, closure, claim */

/* ------------------------------------------------------- family records */

#define EHP_HOUSEHOLD (-1) /* subject: records that belong to no person */
#define EHP_FAMILY (-2)    /* subject: every record of the family */
#define EHP_GROUP (-3)     /* subject: the records of the members in ehp_eval.group, taken together
                              (together.c); only ever an evidence item's, never a verdict's */

typedef struct {
	ehp_date date, end;    /* end: EHP_NO_DATE for events, EHP_FOREVER if current */
	int32_t person;        /* index in the family's people, or EHP_HOUSEHOLD */
	uint16_t type;         /* EHP_T_... */
	uint16_t detail;       /* EHP_D_..., EHP_D_none if empty */
	uint32_t line;         /* line in the records file, cited as evidence */
	uint8_t file;          /* which records file: an index in the run's ehp_file_names (a mapped run
	                          reads several council files); 0 for records.csv. In the padding */
	double value, total;   /* NAN when the column was empty */
	double score;          /* NAN when the column was empty */
	const char *author;    /* who recorded it: an ehp_role_names entry, "" if none */
} ehp_record;

typedef struct {
	const char *id;
	ehp_date born;
	uint32_t flags;        /* bit EHP_F_x set when the person has flag x */
	uint32_t line;         /* in the people file; a mapped run's in the council's */
	uint8_t file;          /* which council people file (a mapped run's ehp_file_names of people); 0
	                          natively. In the padding */
} ehp_person;

/* The files a run's records come from, named once a run rather than once
 * a record: a record's `file` indexes `name`. records.csv alone, or in a
 * mapped run the council's files (a mapping reads at most 36). */
typedef struct {
	const char *const *name; /* without their folder */
	size_t n;
} ehp_file_names;

/* Where a rejected row of a family was: its input file (0 families, 1
 * people, 2 records: rejects.h's EHP_FAMILIES_FILE ...) and the line it
 * starts on. Never its contents. A family keeps the first few, in file
 * then line order, so they are the same however the input was read. */
typedef struct {
	uint32_t line;         /* in a mapped run, the council's file's */
	uint8_t file;
	uint8_t origin;        /* in a mapped run, which council file of its kind (ehp_file_names) */
} ehp_row_place;
#define EHP_PLACES_KEPT 4

typedef struct {
	const char *id;
	ehp_date entry, closure; /* closure: EHP_NO_DATE while support is open */
	uint32_t line;           /* in the families file; a mapped run's in the council's */
	uint8_t file;            /* which council families file, as ehp_person's file. In the padding */
	ehp_person *people;
	size_t n_people;
	ehp_record *records;     /* sorted by type, then date */
	size_t n_records;
	/* Filled by ehp_family_index: the record types present, and for each
	 * of them its records, [type_start[t], type_start[t+1]); the entries of
	 * the types absent hold nothing (ehp_type_slice asks the mask first). */
	uint64_t types[EHP_TYPE_WORDS];
	size_t type_start[EHP_N_TYPES + 1];
	/* Filled by ehp_family_index: the longest span (end - date, in days) of a
	 * record of type t, EHP_FOREVER if one is still current; 0 for events.
	 * A window query then starts its binary search at from - max_span[t].
	 * Kept for the types the family has records of only. */
	ehp_date max_span[EHP_N_TYPES];
	unsigned rejected;       /* rows of this family that could not be read */
	ehp_row_place rejected_at[EHP_PLACES_KEPT]; /* the first min(rejected, EHP_PLACES_KEPT) of them */
	bool no_members;         /* the people file names no member of it, kept or rejected */
} ehp_family;

/* Judged on incomplete data (never claimable, data_complete `no`): a row of
 * the family was rejected, or the people file has no member of it. */
static inline bool ehp_family_incomplete(const ehp_family *fam)
{
	return fam->rejected || fam->no_members;
}

/* Sorts the records by type, then date, then end, and fills types,
 * type_start and max_span. Call once after filling records and before
 * evaluating. */
void ehp_family_index(ehp_family *fam);
/* The family's records of type t (after ehp_family_index): [*lo, *hi),
 * empty when it has none. */
static inline void ehp_type_slice(const ehp_family *f, int t, size_t *lo, size_t *hi)
{
	if (f->types[t / 64] >> (t % 64) & 1) {
		*lo = f->type_start[t];
		*hi = f->type_start[t + 1];
	} else {
		*lo = *hi = 0;
	}
}
/* A subject as results and evidence name it: a person's id, "household" or
 * "family". */
const char *ehp_subject_name(const ehp_family *fam, int subject);

/* ------------------------------------------------------ evidence trace */

/* Which test left an evidence item, so that an explanation can say which
 * way the test points ("no offence ...: none found, so met"). Each test
 * sets its own; EHP_K_OTHER (zero) is put in words from the figures alone. */
typedef enum {
	EHP_K_OTHER,       /* a test with no words of its own yet */
	EHP_K_RULE,        /* a family rule over the verdicts: every indicator met has an outcome, some member */
	EHP_K_ANY,         /* a record of the selection in the window */
	EHP_K_NONE,        /* no record of it in the window */
	EHP_K_THROUGHOUT,  /* every day of the window covered */
	EHP_K_WEEKS_WITH,  /* K of N whole weeks with a record */
	EHP_K_WEEKS_WITHOUT, /* K of N whole weeks without one */
	EHP_K_COUNT,       /* a count of records, compared (or one side of a change) */
	EHP_K_SUM,         /* a sum of their values */
	EHP_K_RATE,        /* values as a percentage of totals */
	EHP_K_ROLLING,     /* the most records in any rolling stretch */
	EHP_K_CHANGE,      /* the change of a measure between two windows */
	EHP_K_SCORE,       /* the latest assessment score against the first */
	EHP_K_AFTER,       /* a record some time after another record */
	EHP_K_DATES,       /* one of the family's dates on or before another day */
	EHP_K_SETTING,     /* a yes/no setting of the plan */
	EHP_K_FIGURE,      /* a figure of the verdicts (themes met, indicators met) */
	EHP_K_GROUP        /* a member of a group taken together and the records counted from them
	                      (subject EHP_GROUP: the group had no member) */
} ehp_test_kind;

/* A record cited as evidence: its line, and which records file it is in
 * (ehp_record's file). */
typedef struct {
	uint32_t line;
	uint8_t file;
} ehp_cite;

static inline ehp_cite ehp_cite_of(const ehp_record *r)
{
	return (ehp_cite){ .line = r->line, .file = r->file };
}

static inline bool ehp_cite_same(ehp_cite a, ehp_cite b)
{
	return a.line == b.line && a.file == b.file;
}

/* One step of reasoning, kept so that an explanation can be printed later
 * without evaluating again. */
typedef struct {
	uint32_t plan_line;   /* line of the plan that asked for it (0: the default claim rule) */
	uint32_t test;        /* that test's index in plan->tests; EHP_NO_TEST without one */
	int32_t subject;      /* person index, EHP_HOUSEHOLD or EHP_FAMILY */
	const char *what;     /* e.g. "count offence", "age", "window" (static text) */
	ehp_date from, to;    /* window; EHP_NO_DATE if none */
	double measured;      /* NAN if not measured */
	double threshold;     /* NAN if no comparison */
	ehp_op op;
	ehp_tv result;
	uint8_t kind;         /* ehp_test_kind */
	int8_t per;           /* a count or sum per EHP_DAYS, EHP_WEEKS or EHP_MONTHS; -1: as it is */
	const char *reason;   /* static text when not met for lack of data, else NULL */
	uint32_t n_lines;     /* records found */
	ehp_cite lines[4];    /* the first records' places: line and records file */
	uint32_t more;        /* n_lines > 4: the other places are the trace's more[more .. more + n_lines - 4) */
} ehp_evidence;

typedef struct {
	ehp_evidence *items;
	size_t n, cap;
	ehp_cite *more;       /* the places of records found beyond an item's first four, so the
	                         evidence cites every record counted without a list per item */
	size_t n_more, cap_more;
} ehp_trace;

/* The places of item e, its first four and the rest, in the order found. */
static inline ehp_cite ehp_evidence_line(const ehp_trace *t, const ehp_evidence *e, uint32_t k)
{
	return k < 4 ? e->lines[k] : t->more[e->more + k - 4];
}

/* The reason a presence test gives when it found nothing. */
extern const char ehp_reason_none_found[];

/* Whether item e is a test of the plan that found no record and compared
 * nothing: [test, window, 0, false] (docs/evidence.md's found_nothing),
 * whose subject is then for its verdict to say. */
static inline bool ehp_item_found_nothing(const ehp_evidence *e)
{
	return e->test != UINT32_MAX /* EHP_NO_TEST */ && e->measured == 0 && e->result == EHP_FALSE && !e->n_lines &&
	       (!e->reason || e->reason == ehp_reason_none_found) && (e->threshold != e->threshold || (unsigned)e->op > EHP_OP_EQ);
}

void ehp_trace_free(ehp_trace *t);

/* Why absence cannot be judged yet (record_tests.c, measure.c), as an
 * evidence item's reason; explanations word it as "cannot be judged yet". */
#define EHP_NOT_YET "the window ends after the claim date"

/* ------------------------------------------------------ claims already made */

/* A family claimed before (`--claims FILE`: docs/data-format.md): its
 * earliest claim under this plan dated on or before the claim date. */
typedef struct {
	char *id;
	ehp_date date;          /* EHP_NO_DATE for a claim that could not be read */
	uint32_t line;          /* in the claims file */
	const char *unreadable; /* the field of a row whose family is known but whose date or plan
	                           could not be read (its row is in rejects.csv), else NULL */
} ehp_claim;

typedef struct {
	ehp_claim *v;           /* sorted by id once ehp_claims_index has run */
	size_t n, cap;
	unsigned long other_plans, later; /* rows of the file not counted: another plan's, dated after the claim date */
	unsigned long unreadable; /* rows whose family is known but whose claim could not be read */
} ehp_claims;

void ehp_claims_add(ehp_claims *c, const char *id, size_t len, ehp_date date, uint32_t line);
/* A claim for family id that could not be read (field: "claim_date" or
 * "plan"): the family is not claimable until it is corrected. */
void ehp_claims_add_unreadable(ehp_claims *c, const char *id, size_t len, uint32_t line, const char *field);
/* Sorts the claims and keeps each family's earliest; a claim that could be
 * read before one that could not. */
void ehp_claims_index(ehp_claims *c);
/* Family id's claim, or NULL: a binary search. */
const ehp_claim *ehp_claims_find(const ehp_claims *c, const char *id);
void ehp_claims_free(ehp_claims *c);

/* ------------------------------------------------------ evaluation */

struct ehp_results;

struct ehp_eval {
	const struct ehp_plan *plan;
	struct ehp_results *res;    /* verdicts so far, read by the family rules */
	const ehp_family *fam;
	ehp_date claim;             /* --as-of */
	const ehp_calendar *cal;
	const double *params;       /* the plan's parameters, in plan order */
	ehp_trace *trace;           /* may be NULL: no evidence kept */
	const ehp_claims *claims;   /* earlier claims (--claims), or NULL: a family in it is not claimable again */
	bool share_evidence;        /* with a trace: members with none of the record types a row reads
	                               share one evidence range (its items' subject is then one past the
	                               last member), judged once as without a trace; off, each member's
	                               items are their own (--explain, the case runner) */
	const ehp_date *entry_as;   /* runtime's own: while indicators are judged again as at another
	                               date (`no indicator newly met at claim`), that date; else NULL */
	ehp_date measured_to;       /* runtime's own: end of the window ehp_compare is about to judge */
	size_t measured_item;       /* runtime's own: 1 + trace index of that measure's evidence, 0 if none */
	bool measured_rate;         /* runtime's own: that measure is a rate, which later records may move
	                               either way */
	const uint64_t *group;      /* runtime's own: while a group taken together is measured, its members
	                               (bit p of word p / 64), the records subject EHP_GROUP reads; else NULL */
	bool limits_lifted;         /* runtime's own: member limits count in full (contribution.c asks
	                               whether a limit is what left a family ineligible) */
};

/* Verdicts for one family, filled by ehp_evaluate_family. */
typedef struct {
	int indicator, subject;   /* subject: person index or EHP_HOUSEHOLD/EHP_FAMILY */
	ehp_tv met;
	ehp_tv exempt;            /* met and exempt from needing an outcome (FALSE if no `exempt when`) */
	size_t ev_from, ev_to;    /* its evidence in the trace, the exemption's included */
} ehp_ind_verdict;

typedef struct {
	int outcome, subject;
	ehp_tv achieved;
	size_t ev_from, ev_to;
} ehp_out_verdict;

/* A row cohort's members in the family being judged (cohorts.c). */
typedef struct {
	uint64_t members;         /* bit p: member p is in it */
	bool known;               /* worked out for this family */
} ehp_cohort_memo;

typedef struct ehp_results {
	/* Indicator verdicts: every (indicator, subject) judged when a trace is
	 * kept; without one, those not met are left out (nothing reads them). */
	ehp_ind_verdict *ind; size_t n_ind, cap_ind;
	ehp_out_verdict *out; size_t n_out, cap_out;
	int themes_met;
	ehp_tv eligible, claimable;
	ehp_tv claim_rule;        /* the claim rule's own verdict (claimable also needs complete data) */
	size_t elig_from, elig_to, claim_from, claim_to; /* evidence ranges */
	char reason[256];         /* why not claimable, in words */
	bool reason_plain;        /* reason is the runtime's own words and figures only: no byte a CSV
	                             cell quotes, no formula's start (results.csv copies it as it is) */
	const ehp_claim *claimed; /* it meets the claim rule but was claimed before (--claims): that claim; else NULL */
	char rule_reason[128];    /* set by a family-rule test that failed for a reason of its own
	                             (a regression found), else empty */
	const char *figure;       /* the verdicts' figure ehp_compare judges next ("themes met"), else NULL */
	/* The runtime's own, reused from family to family: */
	size_t *ind_start;        /* ind[ind_start[i] .. ind_start[i+1]) judge indicator i */
	uint64_t *met;            /* bit i of word i / 64: someone met indicator i */
	size_t cap_met, met_words;
	uint64_t *served_by;      /* the outcomes serving indicator i: out_words words from i * out_words */
	size_t cap_served_by, out_words;
	uint64_t *needed;         /* the outcomes serving an indicator someone met: out_words words */
	size_t cap_needed;
	bool tallied;             /* the indicators are judged: n_themes_met and n_indicators_met hold */
	int n_themes_met, n_indicators_met;
	size_t cap_start;
	size_t *out_start;        /* out[out_start[o] .. out_start[o+1]) judge outcome o */
	size_t cap_out_start;
	int32_t *ages;            /* each member's age at entry, worked out once per family */
	uint64_t *member_types;   /* each member's record types, EHP_TYPE_WORDS words a member */
	size_t cap_member_types;
	uint64_t family_types[EHP_TYPE_WORDS]; /* the record types any member has */
	uint64_t record_types[EHP_TYPE_WORDS]; /* the record types of any of the family's records (the
	                                          household's too) */
	size_t cap_ages;
	ehp_cohort_memo *cohorts;  /* plan->cohorts' members, each worked out when first asked */
	size_t cap_cohorts;
	unsigned n_cohorts_known;  /* cohorts 1 .. this may be read from the memo: the plan's while its
	                              rows are judged for a family of at most 64 members, else 0 */
	/* Stand-in classes (standins.c): each class's verdict (ehp_plan.n_standins)
	 * in the family judged without a trace, -1 until worked out; the
	 * indicators reading each record type and those whose stand-in verdict
	 * is their class's, made once a plan; those of them not entered in the
	 * family (standin_words words each). */
	int8_t *standins;
	size_t cap_standins;
	uint64_t *reading;         /* EHP_N_TYPES * standin_words words */
	uint64_t *alike, *skip;
	uint64_t *alike_group;     /* the household and family rows of alike */
	size_t cap_alike_group;
	uint64_t *class_rows;      /* each class's indicators: n_standins * standin_words words */
	ehp_cond_fn *class_when;   /* a `when` of each class's (NULL: a class of outcomes only) */
	int *ind_classes;          /* the classes with indicators */
	size_t n_ind_classes, cap_ind_classes;
	size_t cap_reading, cap_alike, cap_skip, cap_class_rows, cap_class_when, standin_words;
	struct ehp_standin_traces *traced; /* with a trace: each class's evidence once a family (standin_trace.c) */
	const struct ehp_listed_row *listed; /* with it, each indicator's, read by ehp_nothing_row */
	/* The plan the tables above that depend on the plan only (served_by,
	 * reading, alike, alike_group, class_rows, class_when, ind_classes, met_words,
	 * out_words, standin_words) were made for: made again when these
	 * results judge a family of another plan (evaluate.c, index_plan). */
	struct {
		const struct ehp_plan *plan;
		const ehp_indicator_def *indicators;
		const ehp_outcome_def *outcomes;
		int n_indicators, n_outcomes, n_standins;
	} indexed;
	const ehp_family *ages_of; /* the family `ages` belong to while it is evaluated, else NULL */
	ehp_ind_verdict *again;   /* indicators judged again as at another date (rejudge.c) */
	size_t n_again, cap_again;
	ehp_trace rule_trace;     /* the claim rule's evidence when none is kept, to say why it failed */
	struct { ehp_date date, result; int n; } months[16]; /* recent ehp_add_months(date, n), n != 0 */
	/* Member limits (contribution.c): the first that lowered a figure of
	 * the eligibility rule, the figure met and counted, and whether the
	 * family would be eligible without the limits (the reason says so). */
	const struct ehp_member_limit *limited;
	int limited_met, limited_counted;
	bool limit_decided;
	int *limit_work;          /* the runtime's own scratch for the counting */
	size_t cap_limit_work;
	/* Windows n units before or after a day (window.c), remembered across
	 * families: a plan asks for a few lengths around each entry date, and
	 * the entry dates of an extract repeat. Allocated when first asked. */
	struct ehp_window_memo *window_memo;
	/* The plan's numbered windows (ehp_plan.windows) of the family being
	 * judged: window k, worked out when first asked, is kept while its
	 * family stamp is windows_family, which each evaluation moves on, and
	 * so does judging again as at another date (window.c, ehp_windows_begin,
	 * ehp_windows_moved). Behind them, each window by its anchor's day,
	 * across families (plan_window_days), for the plan and calendar they
	 * were made for. */
	struct ehp_plan_window *plan_windows;
	size_t n_plan_windows;
	uint32_t windows_family;
	struct ehp_plan_window_day *plan_window_days;
	/* Of the windows kept by day, the first and last index of those of
	 * each anchor (ehp_anchor), -1 for none: a day's slots lie together,
	 * so a family's are a few lines to fetch ahead (ehp_windows_prefetch). */
	int window_lo[EHP_ANCHORS], window_hi[EHP_ANCHORS];
	const struct ehp_plan *plan_windows_of;
	const ehp_calendar *plan_windows_cal;
	/* Stand-in classes' verdicts by the family's dates, remembered across
	 * families (standin_memo.c). Allocated when first asked. */
	struct ehp_standin_memo *standin_memo;
} ehp_results;

/* An indicator not entered in this family, with evidence shared (its
 * class's verdict not met): its members' verdict is its class's, on its
 * class's evidence with the row's own tests (standin_trace.c), written in
 * found_nothing when every test found nothing. Whether indicator i (with no verdict kept) is one,
 * and then what: for a family of `people` members, read before the next
 * family is judged. */
struct ehp_nothing_row {
	int indicator;
	uint64_t who;          /* the members in its cohort, bit p for member p; a household or
	                          family row's: bit 63 and 1 (the household) or 2 (the family) */
	size_t ev_from, ev_to; /* the class's evidence in the trace */
	const uint32_t *tests; /* the row's test in place of each item's */
	bool nothing;          /* every test found nothing: in found_nothing, else a verdict in full */
};
/* A stand-in class's evidence in this family, and what an indicator of it
 * not entered needs beside it (standin_trace.c keeps them; read here,
 * inline, as the writer asks for every indicator with no verdict). */
enum { EHP_LISTED_TESTS = 8 };
struct ehp_class_items {
	size_t from, to; /* in the trace */
	bool nothing;    /* every test found nothing */
};
struct ehp_listed_row {
	uint32_t tests[EHP_LISTED_TESTS]; /* its test in place of each of the class's items' */
	const struct ehp_class_items *items;
	int cohort; /* 1 + its cohort in the plan's table, 0: everyone */
	int group;  /* a household or family row: EHP_HOUSEHOLD or EHP_FAMILY, else 0 */
};
static inline bool ehp_nothing_row(const ehp_results *res, size_t people, int i, struct ehp_nothing_row *r)
{
	if (!res->listed || !res->skip || (size_t)i / 64 >= res->standin_words || !(res->skip[i / 64] >> (i % 64) & 1))
		return false;
	const struct ehp_listed_row *l = &res->listed[i];
	uint64_t who = l->group    ? UINT64_C(1) << 63 | (l->group == EHP_HOUSEHOLD ? 1 : 2)
	               : l->cohort ? res->cohorts[l->cohort - 1].members
	                           : people == 64 ? ~UINT64_C(0) : (UINT64_C(1) << people) - 1;
	if (!who) /* nobody in the family is in its cohort: no verdict */
		return false;
	*r = (struct ehp_nothing_row){ i, who, l->items->from, l->items->to, l->tests, l->items->nothing };
	return true;
}

/* Evaluates one family under the plan. */
void ehp_evaluate_family(const ehp_plan *plan, ehp_eval *ev, ehp_results *res);
/* A hint, changing no result: the family judged next in res (its entry
 * and closure dates, the run's claim date) will read the lines of the
 * windows and stand-in verdicts remembered for those days; fetched while
 * this family is judged, they are in cache when it is. At a million
 * families those tables are seldom there (a day's entry is used again a
 * thousand families on, megabytes of the extract later), and a family's
 * first asks of them then waited on memory one at a time. */
void ehp_evaluate_prefetch(const ehp_plan *plan, const ehp_results *res, ehp_date entry, ehp_date closure,
                           ehp_date claim);
void ehp_results_free(ehp_results *res);

#endif
