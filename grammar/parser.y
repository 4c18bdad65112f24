/*
 * parser.y - the grammar of .ehp plan files (docs/language.md).
 *
 * Pure and reentrant; every node gets the span it was written at. Actions
 * only call small constructors. After a syntax error the parser skips to a
 * row's next clause (`row_clause: error`, the row marked broken) or to the
 * next plan item (`item: error`); a theme, row, parameter or cohort whose
 * head broke is still defined. The scanner helps (parse_ctx.h,
 * `recovering`): until a clause keyword starts a line, keywords in the middle
 * of a line reach the parser as names and nothing more is reported, so the
 * words of a wording that lost its quote are one mistake. One run reports
 * each mistake once.
 *
 * The limits of ast.h are enforced in the constructors (binary, unary,
 * cohort_pair, relative): past one, a located error, and the part past it
 * is dropped, so later passes walk a tree within them.
 */
%define api.pure full
%define api.location.type {src_loc}
%define parse.error custom
%define parse.lac full
%locations
%param {void *scanner}
%parse-param {struct lex_state *ctx}
%expect 0

%code requires {
#include "ast.h"
#include "parse_ctx.h"
/* A span from the first symbol's start to the last symbol's end. */
#define YYLLOC_DEFAULT(Cur, Rhs, N)                                    \
	do {                                                               \
		if (N) {                                                       \
			(Cur).line = YYRHSLOC(Rhs, 1).line;                        \
			(Cur).col = YYRHSLOC(Rhs, 1).col;                          \
			(Cur).end_line = YYRHSLOC(Rhs, N).end_line;                \
			(Cur).end_col = YYRHSLOC(Rhs, N).end_col;                  \
		} else {                                                       \
			(Cur).line = (Cur).end_line = YYRHSLOC(Rhs, 0).end_line;   \
			(Cur).col = (Cur).end_col = YYRHSLOC(Rhs, 0).end_col;      \
		}                                                              \
	} while (0)
}

%union {
	struct { double value; const char *text; } num;
	const char *str;
	cohort *coh;
	cond *cnd;
	window *win;
	selector *sel;
	quantity qty;
	int ival;
	row *row;
	ptr_vec *ids;
	struct { int lo, hi, at; } band;
	struct { int at; src_loc loc; } chosen;
	member_limit *lim;
}

%code {
#include <math.h>
#include <string.h>
#include "lexer.h"
#include "suggest.h"

static void yyerror(src_loc *loc, void *scanner, struct lex_state *ctx, const char *msg);
static void *node(struct lex_state *ctx, size_t size) { return arena_alloc(ctx->arena, size); }
static cond *new_cond(struct lex_state *ctx, cond_kind k, src_loc loc);
static cond *binary(struct lex_state *ctx, cond_kind k, cond *a, cond *b, src_loc loc);
static cond *unary(struct lex_state *ctx, cond_kind k, cond *a, src_loc loc);
static cohort *new_cohort(struct lex_state *ctx, cohort_kind k, src_loc loc);
static cohort *cohort_pair(struct lex_state *ctx, cohort_kind k, cohort *a, cohort *b, src_loc loc);
static window *new_window(struct lex_state *ctx, window_kind k, src_loc loc);
static quantity number(src_loc loc, double v, unit_kind u);
static row *new_row(struct lex_state *ctx, row_kind k, const char *id, src_loc id_loc, const char *text, src_loc loc);
static cond *record_test(struct lex_state *ctx, cond_kind k, selector *sel, window *w, src_loc loc);
static row *current_row(struct lex_state *ctx);
static void serve(struct lex_state *ctx, const char *id, src_loc loc);
static int whole(double v);
static void check_age(struct lex_state *ctx, src_loc loc, double v);
static void check_count(struct lex_state *ctx, src_loc loc, double v);
static cond *measure(struct lex_state *ctx, measure_kind m, selector *sel, int per, window *w, int op,
                     quantity q, src_loc loc);
static cond *change(struct lex_state *ctx, measure_kind m, selector *sel, int per, int rises, quantity amount,
                    window *a, window *b, src_loc loc);
static cond *weekly_sum(struct lex_state *ctx, selector *sel, int op, quantity q, int k, int n, window *w, src_loc loc);
static void add_type(struct lex_state *ctx, selector *sel, const char *name, src_loc loc);
static selector *join_selectors(struct lex_state *ctx, selector *a, const selector *b, bool plus, src_loc end);
static void add_param(struct lex_state *ctx, const char *name, src_loc loc, quantity value, const char *doc);
static void add_step(struct lex_state *ctx, quantity value, const char *date, src_loc date_loc);
static void row_where(struct lex_state *ctx, cond *c, src_loc loc);
static void row_exempt(struct lex_state *ctx, cond *c, src_loc loc);
static void row_supplementary(struct lex_state *ctx, src_loc loc);
static cond *gap(struct lex_state *ctx, int anchor, gap_kind how, window *w, src_loc loc);
static window *relative(struct lex_state *ctx, window_kind k, double n, src_loc n_loc, int unit, window *point,
                        src_loc loc);
static void add_reading(struct lex_state *ctx, ptr_vec *to, reading_target target, src_loc loc, const char *text,
                        src_loc text_loc);
static void family_reading(struct lex_state *ctx, src_loc loc, const char *text, src_loc text_loc);
static void misplaced_reading(struct lex_state *ctx, src_loc loc);
}

%token <num> NUMBER "number"
%token <str> IDENT "name" STRING "string" ROWID "row id" DATE "date"
%token PLAN "plan" COUNCIL "council" REVISED "revised" SOURCE "source" TEXT "text"
%token FOOTNOTE "footnote" GLOSSARY "glossary" PARAMETER "parameter" COHORT "cohort"
%token THEME "theme" THEMES "themes" INDICATOR "indicator" INDICATORS "indicators"
%token OUTCOME "outcome" OUTCOMES "outcomes" FOR "for" WHO "who" PERIOD "period" NOTE "note"
%token WHEN "when" FAMILY "family" HOUSEHOLD "household" ELIGIBLE "eligible"
%token CLAIMABLE "claimable" AND "and" OR "or" NOT "not" ANY "any" HAS "has" NO "no"
%token COUNT "count" SUM "sum" RATE "rate" IN "in" AT "at" FROM "from" TO "to"
%token BEFORE "before" AFTER "after" DURING "during" SUPPORT "support" ENTRY "entry"
%token CLOSURE "closure" CLAIM "claim" DAYS "days" WEEKS "weeks" MONTHS "months"
%token TERMS "terms" SESSIONS "sessions" PER "per" FALLS "falls" RISES "rises" BY "by"
%token LEAST "least" MOST "most" MORE "more" FEWER "fewer" LESS "less" THAN "than"
%token BELOW "below" ABOVE "above" IS "is" POINTS "points" THROUGHOUT "throughout"
%token CONSECUTIVE "consecutive" OF "of" SCORE "score" PERSON "person" AGED "aged"
%token UNDER "under" OR_OVER "or over" OR_UNDER "or under" WHO_IS "who is"
%token WHO_HAS "who has" ANYONE "anyone" MEMBER "member" CHILD "child" ADULT "adult"
%token SOME "some" EVERY "every" MET "met" ACHIEVED "achieved" AN "an"
%token ABOUT "about" POUND "£" LE "<=" GE ">=" WHILE "while" YES "yes" EVIDENCE "evidence"
%token PLUS "plus" WHERE "where" EXEMPT "exempt" NEWLY "newly" SUPPLEMENTARY "supplementary" OVER "over"
%token WITHIN "within" READING "reading" STARTING "starting" TOGETHER "together" WITH "with" EACH "each"

/* `no offence while licence or community_order ...`: an `or` after a
 * `while` selection continues the selection (the alternative, a new
 * condition `community_order throughout ...`, would need brackets). These
 * two precedences resolve only that one choice. */
%precedence WHILE_SEL
%precedence OR

/* After a syntax error inside a row, the family rules or after a
 * parameter's value, the inner recovery wins (`row_clause: error`,
 * `family_rule: error`, `PARAMETER IDENT '=' quantity error`) over the
 * plan's (`item: error`): the four conflicts on `error` are resolved as a
 * shift. A `reading` after the header, a theme, a row or a family rule
 * belongs to it (shift), not to the plan as a misplaced item: four
 * conflicts more, and no other (bison --report=solved). */
%precedence ROW_END
%precedence error READING

%type <str> rowid name_or_support opt_string opt_evidence
%type <coh> cohort cohort_term cohort_base pooled
%type <band> band ages
%type <chosen> opt_chosen
%type <cnd> cond cond_and cond_not cond_atom measure_test
%type <win> window base_window rel_window param_period gap_period around wpoint opt_by
%type <sel> selector
%type <qty> quantity amount
%type <ival> anchor time_unit cmp per_opt direction item limit_noun
%type <lim> opt_member_limit
%type <row> indicator_head outcome_head
%type <ids> rowid_list


%%

plan_file
	: items
	;

/* An item says whether it broke (1), so that the readings after a broken
 * item (its own, most likely) are not a second error; 2 is a reading. */
items
	: %empty
	| items item { if ($2 != 2) ctx->after_error = $2 == 1; }
	;

item
	: header { $$ = 0; }
	| prose { $$ = 0; }
	| parameter { $$ = 0; }
	| cohort_def { $$ = 0; }
	| theme { $$ = 0; }
	| indicator { $$ = 0; }
	| outcome { $$ = 0; }
	| family_block { $$ = 0; }
	| READING STRING { misplaced_reading(ctx, @1); $$ = 2; }
	| error { $$ = 1; }
	;

/* ------------------------------------------------------------ header and prose */

header
	: PLAN STRING { ctx->plan->title = $2; ctx->plan->loc = @$; } header_attrs %prec ROW_END
	;

header_attrs
	: %empty
	| header_attrs COUNCIL STRING { ctx->plan->council = $3; }
	| header_attrs REVISED DATE { ctx->plan->revised = $3; }
	| header_attrs SOURCE STRING { ctx->plan->source = $3; }
	| header_attrs READING STRING { add_reading(ctx, &ctx->plan->readings, READING_PLAN, @2, $3, @3); }
	;

prose
	: TEXT STRING opt_string {
		ctx->last_item = "a `text`";
		prose *p = node(ctx, sizeof *p);
		*p = (prose){ PROSE_TEXT, @$, $3 ? $2 : NULL, $3 ? $3 : $2 };
		vec_push(ctx->arena, &ctx->plan->prose, p);
	}
	| FOOTNOTE rowid STRING {
		ctx->last_item = "a footnote";
		prose *p = node(ctx, sizeof *p);
		*p = (prose){ PROSE_FOOTNOTE, @$, $2, $3 };
		vec_push(ctx->arena, &ctx->plan->prose, p);
	}
	| GLOSSARY STRING STRING {
		ctx->last_item = "a glossary entry";
		prose *p = node(ctx, sizeof *p);
		*p = (prose){ PROSE_GLOSSARY, @$, $2, $3 };
		vec_push(ctx->arena, &ctx->plan->prose, p);
	}
	;

/* `£338 from 01/04/2024, £352 from 01/04/2025`: values that take effect
 * from a date, gathered in ctx->steps until the parameter is made. */
dated_values
	: quantity FROM DATE { ctx->steps = (ptr_vec){ 0 }; add_step(ctx, $1, $3, @3); }
	| dated_values ',' quantity FROM DATE { add_step(ctx, $3, $5, @5); }
	;

/* Which date chooses a dated value: the claim date unless `at entry`. */
opt_chosen
	: %empty { $$.at = -1; $$.loc = @$; }
	| AT anchor { $$.at = $2; $$.loc = @2; }
	;

opt_string
	: %empty %prec ROW_END { $$ = NULL; }
	| STRING { $$ = $1; }
	;

opt_evidence
	: %empty { $$ = NULL; }
	| EVIDENCE STRING { $$ = $2; }
	;

parameter
	: PARAMETER IDENT '=' quantity opt_string { add_param(ctx, $2, @2, $4, $5); }
	| PARAMETER IDENT '=' dated_values opt_chosen opt_string {
		add_param(ctx, $2, @2, ((param_step *)ctx->steps.v[0])->value, $6);
		param *p = ctx->plan->params.v[ctx->plan->params.n - 1];
		p->steps = ctx->steps;
		p->chosen_at = $5.at;
		p->chosen_loc = $5.loc;
		ctx->steps = (ptr_vec){ 0 };
	}
	| PARAMETER IDENT '=' YES opt_string { add_param(ctx, $2, @2, number(@4, 1, UNIT_YESNO), $5); }
	| PARAMETER IDENT '=' NO opt_string { add_param(ctx, $2, @2, number(@4, 0, UNIT_YESNO), $5); }
	| PARAMETER IDENT '=' quantity error { add_param(ctx, $2, @2, $4, ""); }
	| PARAMETER IDENT error {
		/* Defined, its value unknown: its uses are not further errors. */
		add_param(ctx, $2, @2, number(@2, 0, UNIT_NUMBER), "");
		((param *)ctx->plan->params.v[ctx->plan->params.n - 1])->broken = true;
	}
	;

cohort_def
	: COHORT IDENT opt_string '=' cohort {
		ctx->last_item = "a cohort";
		cohort_def *c = node(ctx, sizeof *c);
		*c = (cohort_def){ @2, $2, $3, $5, ctx->plan->cohorts.n };
		vec_push(ctx->arena, &ctx->plan->cohorts, c);
	}
	| COHORT IDENT error {
		ctx->last_item = "a cohort";
		cohort_def *c = node(ctx, sizeof *c);
		*c = (cohort_def){ @2, $2, "", NULL, ctx->plan->cohorts.n };
		vec_push(ctx->arena, &ctx->plan->cohorts, c);
	}
	;

theme
	: theme_head theme_readings %prec ROW_END
	;

theme_head
	: THEME name_or_support STRING opt_string opt_evidence {
		theme *t = node(ctx, sizeof *t);
		*t = (theme){ .loc = @2, .name = $2, .title = $3, .text = $4, .evidence = $5, .index = ctx->plan->themes.n };
		ctx->current_theme = t->index;
		ctx->theme = t;
		vec_push(ctx->arena, &ctx->plan->themes, t);
	}
	| THEME name_or_support error {
		/* The theme still exists: its rows are not "before any theme". */
		theme *t = node(ctx, sizeof *t);
		*t = (theme){ .loc = @2, .name = $2, .title = "", .index = ctx->plan->themes.n };
		ctx->current_theme = t->index;
		ctx->theme = t;
		vec_push(ctx->arena, &ctx->plan->themes, t);
	}
	;

theme_readings
	: %empty
	| theme_readings READING STRING { add_reading(ctx, &ctx->theme->readings, READING_THEME, @2, $3, @3); }
	;

/* ------------------------------------------------------------ rows */

indicator
	: indicator_head row_clauses %prec ROW_END
	;

indicator_head
	: INDICATOR rowid STRING {
		$$ = new_row(ctx, ROW_INDICATOR, $2, @2, $3, @1);
		$$->text_loc = @3;
		vec_push(ctx->arena, &ctx->plan->indicators, $$);
	}
	| INDICATOR rowid error {
		/* The row still exists, so what refers to its id is not a second error. */
		$$ = new_row(ctx, ROW_INDICATOR, $2, @2, "", @1);
		$$->broken = true;
		vec_push(ctx->arena, &ctx->plan->indicators, $$);
	}
	;

outcome
	: outcome_head row_clauses %prec ROW_END
	;

outcome_head
	: OUTCOME rowid STRING {
		$$ = new_row(ctx, ROW_OUTCOME, $2, @2, $3, @1);
		$$->text_loc = @3;
		vec_push(ctx->arena, &ctx->plan->outcomes, $$);
	}
	| OUTCOME rowid error {
		$$ = new_row(ctx, ROW_OUTCOME, $2, @2, "", @1);
		$$->broken = true;
		vec_push(ctx->arena, &ctx->plan->outcomes, $$);
	}
	;

/* Clauses attach to the row just opened (the last indicator or outcome). */
row_clauses
	: %empty
	| row_clauses row_clause
	;

row_clause
	: WHO cohort { current_row(ctx)->who = $2; current_row(ctx)->scope = SCOPE_PERSON; }
	| WHO HOUSEHOLD { current_row(ctx)->scope = SCOPE_HOUSEHOLD; }
	| WHO FAMILY { current_row(ctx)->scope = SCOPE_FAMILY; }
	| PERIOD STRING { current_row(ctx)->period = $2; current_row(ctx)->period_loc = @2; }
	| SOURCE STRING { current_row(ctx)->source = $2; }
	| NOTE STRING { current_row(ctx)->note = $2; }
	| WHEN cond { current_row(ctx)->when = $2; }
	| WHERE cond { row_where(ctx, $2, @1); }
	| EXEMPT WHEN cond { row_exempt(ctx, $3, @1); }
	| SUPPLEMENTARY { row_supplementary(ctx, @1); }
	| READING STRING {
		row *r = current_row(ctx);
		add_reading(ctx, &r->readings, r->kind == ROW_INDICATOR ? READING_INDICATOR : READING_OUTCOME, @1, $2, @2);
	}
	| FOR INDICATOR rowid { serve(ctx, $3, @3); }
	| FOR INDICATORS rowid_list { (void)$3; }
	| FOR THEME name_or_support { current_row(ctx)->serves_theme = $3; current_row(ctx)->serves_theme_loc = @3; }
	| error { current_row(ctx)->broken = true; }
	;

rowid_list
	: rowid { serve(ctx, $1, @1); $$ = NULL; }
	| rowid_list ',' rowid { serve(ctx, $3, @3); $$ = NULL; }
	| rowid_list AND rowid { serve(ctx, $3, @3); $$ = NULL; }
	;

rowid
	: NUMBER { $$ = $1.text; }
	| ROWID
	| IDENT
	;

/* ------------------------------------------------------------ cohorts */

cohort
	: cohort_term
	| cohort OR cohort_term { $$ = cohort_pair(ctx, COH_OR, $1, $3, @$); }
	;

cohort_term
	: cohort_base
	| cohort_term AGED band {
		cohort *n = new_cohort(ctx, COH_AGED, @2);
		n->lo = $3.lo; n->hi = $3.hi; n->age_at = $3.at;
		n->loc.end_line = @3.end_line; n->loc.end_col = @3.end_col;
		$$ = cohort_pair(ctx, COH_AND, $1, n, @$);
	}
	| cohort_term WHO_IS IDENT {
		cohort *n = new_cohort(ctx, COH_FLAG, @3); n->name = $3;
		$$ = cohort_pair(ctx, COH_AND, $1, n, @$);
	}
	| cohort_term WHO_HAS IDENT {
		cohort *n = new_cohort(ctx, COH_FLAG, @3); n->name = $3;
		$$ = cohort_pair(ctx, COH_AND, $1, n, @$);
	}
	| cohort_term WHO_IS NOT IDENT {
		/* a flag or a named group: sema.c tells which, as for `some member is NAME` */
		cohort *named = new_cohort(ctx, COH_NAMED, @4); named->name = $4;
		cohort *n = new_cohort(ctx, COH_NOT, @3); n->a = named;
		n->loc.end_line = @4.end_line; n->loc.end_col = @4.end_col;
		$$ = cohort_pair(ctx, COH_AND, $1, n, @$);
	}
	| cohort_term WHO_HAS '(' cond ')' {
		cohort *n = new_cohort(ctx, COH_COND, @4); n->cond = $4;
		$$ = cohort_pair(ctx, COH_AND, $1, n, @$);
	}
	;

cohort_base
	: ANYONE { $$ = new_cohort(ctx, COH_ANYONE, @$); }
	| PERSON { $$ = new_cohort(ctx, COH_ANYONE, @$); }
	| MEMBER { $$ = new_cohort(ctx, COH_ANYONE, @$); }
	| CHILD { $$ = new_cohort(ctx, COH_CHILD, @$); }
	| ADULT { $$ = new_cohort(ctx, COH_ADULT, @$); }
	| IDENT { $$ = new_cohort(ctx, COH_NAMED, @$); $$->name = $1; }
	| AGED band { $$ = new_cohort(ctx, COH_AGED, @$); $$->lo = $2.lo; $$->hi = $2.hi; $$->age_at = $2.at; }
	;

/* Ages in whole years at point of entry (or `at claim`, `at closure`),
 * bounds inclusive; -1 is open. */
band
	: ages { $$ = $1; $$.at = -1; }
	| ages AT anchor { $$ = $1; $$.at = $3; }
	;

ages
	: NUMBER TO NUMBER { $$.lo = whole($1.value); $$.hi = whole($3.value); check_age(ctx, @1, $1.value); check_age(ctx, @3, $3.value); }
	| UNDER NUMBER { $$.lo = -1; $$.hi = whole($2.value) - 1; check_age(ctx, @2, $2.value); }
	| NUMBER OR_UNDER { $$.lo = -1; $$.hi = whole($1.value); check_age(ctx, @1, $1.value); }
	| NUMBER OR_OVER { $$.lo = whole($1.value); $$.hi = -1; check_age(ctx, @1, $1.value); }
	;

/* ------------------------------------------------------------ conditions */

cond
	: cond_and
	| cond OR cond_and { $$ = binary(ctx, COND_OR, $1, $3, @$); }
	;

cond_and
	: cond_not
	| cond_and AND cond_not { $$ = binary(ctx, COND_AND, $1, $3, @$); }
	;

cond_not
	: cond_atom
	| NOT cond_not { $$ = unary(ctx, COND_NOT, $2, @$); }
	;

cond_atom
	: '(' cond ')' { $$ = $2; }
	| ANY selector window { $$ = record_test(ctx, COND_ANY, $2, $3, @$); }
	| HAS selector window { $$ = record_test(ctx, COND_ANY, $2, $3, @$); }
	| NO selector window { $$ = record_test(ctx, COND_NONE, $2, $3, @$); }
	| ANY selector STARTING window { $$ = record_test(ctx, COND_ANY, $2, $4, @$); $$->sel.starting = true; }
	| HAS selector STARTING window { $$ = record_test(ctx, COND_ANY, $2, $4, @$); $$->sel.starting = true; }
	| NO selector STARTING window { $$ = record_test(ctx, COND_NONE, $2, $4, @$); $$->sel.starting = true; }
	| selector THROUGHOUT rel_window { $$ = record_test(ctx, COND_THROUGHOUT, $1, $3, @$); }
	| selector THROUGHOUT rel_window WHILE selector %prec WHILE_SEL {
		window *w = new_window(ctx, WIN_WHILE, @3);
		w->loc.end_line = @5.end_line; w->loc.end_col = @5.end_col;
		w->sel = $5; w->from = $3;
		$$ = record_test(ctx, COND_THROUGHOUT, $1, w, @$);
	}
	| selector THROUGHOUT window { $$ = record_test(ctx, COND_THROUGHOUT, $1, $3, @$); }
	| NO selector FOR NUMBER CONSECUTIVE WEEKS window {
		$$ = record_test(ctx, COND_WEEKS, $2, $7, @$);
		$$->present = false; $$->k = $$->n = whole($4.value);
	}
	| HAS selector FOR NUMBER CONSECUTIVE WEEKS window {
		$$ = record_test(ctx, COND_WEEKS, $2, $7, @$);
		$$->present = true; $$->k = $$->n = whole($4.value);
	}
	| NO selector FOR NUMBER OF NUMBER WEEKS window {
		$$ = record_test(ctx, COND_WEEKS, $2, $8, @$);
		$$->present = false; $$->k = whole($4.value); $$->n = whole($6.value);
	}
	| HAS selector FOR NUMBER OF NUMBER WEEKS window {
		$$ = record_test(ctx, COND_WEEKS, $2, $8, @$);
		$$->present = true; $$->k = whole($4.value); $$->n = whole($6.value);
	}
	| SUM selector cmp quantity FOR NUMBER CONSECUTIVE WEEKS window {
		$$ = weekly_sum(ctx, $2, $3, $4, whole($6.value), whole($6.value), $9, @$);
	}
	| SUM selector cmp quantity FOR NUMBER OF NUMBER WEEKS window {
		$$ = weekly_sum(ctx, $2, $3, $4, whole($6.value), whole($8.value), $10, @$);
	}
	| measure_test
	| SCORE name_or_support direction opt_by {
		$$ = new_cond(ctx, COND_SCORE, @$);
		$$->name = $2; $$->rises = $3; $$->win = $4;
	}
	| SCORE name_or_support direction OVER AT LEAST NUMBER time_unit opt_by {
		$$ = new_cond(ctx, COND_SCORE, @$);
		$$->name = $2; $$->rises = $3; $$->win = $9;
		$$->roll_n = whole($7.value); $$->roll_unit = $8;
		check_count(ctx, @7, $7.value);
	}
	| ANY selector AT LEAST NUMBER time_unit AFTER selector %prec WHILE_SEL {
		$$ = new_cond(ctx, COND_ANY_AFTER, @$);
		$$->sel = *$2; $$->sel2 = $8;
		$$->roll_n = whole($5.value); $$->roll_unit = $6;
		check_count(ctx, @5, $5.value);
	}
	| PERSON IS IDENT { $$ = new_cond(ctx, COND_PERSON_IS, @$); $$->name = $3; }
	| PERSON AGED band { $$ = new_cond(ctx, COND_PERSON_AGED, @$); $$->lo = $3.lo; $$->hi = $3.hi; $$->age_at = $3.at; }
	| SOME cohort HAS '(' cond ')' { $$ = unary(ctx, COND_SOME_HAS, $5, @$); $$->who = $2; }
	| EVERY cohort HAS '(' cond ')' { $$ = unary(ctx, COND_EVERY_HAS, $5, @$); $$->who = $2; }
	| SOME MEMBER IS cohort_term { $$ = new_cond(ctx, COND_SOME_IS, @$); $$->who = $4; }
	| EVERY INDICATOR MET HAS AN OUTCOME ACHIEVED { $$ = new_cond(ctx, COND_ALL_RESOLVED, @$); }
	| EVERY INDICATOR MET AT anchor HAS AN OUTCOME ACHIEVED {
		$$ = new_cond(ctx, COND_ALL_RESOLVED, @$); $$->rejudged = true; $$->anchor = $5;
	}
	| NO INDICATOR NEWLY MET AT anchor { $$ = new_cond(ctx, COND_NEWLY_MET, @$); $$->anchor = $6; }
	| anchor AT LEAST gap_period { $$ = gap(ctx, $1, GAP_AT_LEAST, $4, @$); }
	| anchor AT MOST gap_period { $$ = gap(ctx, $1, GAP_AT_MOST, $4, @$); }
	| anchor MORE THAN gap_period { $$ = gap(ctx, $1, GAP_MORE_THAN, $4, @$); }
	| anchor LESS THAN gap_period { $$ = gap(ctx, $1, GAP_LESS_THAN, $4, @$); }
	| anchor around { $$ = gap(ctx, $1, GAP_WITHIN, $2, @$); }
	| anchor FROM DATE { $$ = new_cond(ctx, COND_DATE, @$); $$->anchor = $1; $$->name = $3; $$->present = true; }
	| anchor BEFORE DATE { $$ = new_cond(ctx, COND_DATE, @$); $$->anchor = $1; $$->name = $3; $$->present = false; }
	| IDENT IS YES { $$ = new_cond(ctx, COND_SETTING, @$); $$->name = $1; $$->present = true; }
	| IDENT IS NO { $$ = new_cond(ctx, COND_SETTING, @$); $$->name = $1; $$->present = false; }
	;

measure_test
	: COUNT selector pooled per_opt window cmp quantity {
		$$ = measure(ctx, MEASURE_COUNT, $2, $4, $5, $6, $7, @$); $$->who = $3;
	}
	| COUNT selector pooled per_opt IN ANY NUMBER time_unit window cmp quantity {
		$$ = measure(ctx, MEASURE_COUNT, $2, $4, $9, $10, $11, @$); $$->who = $3;
		$$->roll_n = whole($7.value); $$->roll_unit = $8;
		check_count(ctx, @7, $7.value);
	}
	| SUM selector pooled per_opt window cmp quantity {
		$$ = measure(ctx, MEASURE_SUM, $2, $4, $5, $6, $7, @$); $$->who = $3;
	}
	| RATE selector pooled window cmp quantity {
		$$ = measure(ctx, MEASURE_RATE, $2, UNIT_NUMBER, $4, $5, $6, @$); $$->who = $3;
	}
	| THEMES MET cmp quantity opt_member_limit {
		$$ = measure(ctx, MEASURE_THEMES_MET, NULL, UNIT_NUMBER, NULL, $3, $4, @$); $$->limit = $5;
	}
	| INDICATORS MET cmp quantity opt_member_limit {
		$$ = measure(ctx, MEASURE_INDICATORS_MET, NULL, UNIT_NUMBER, NULL, $3, $4, @$); $$->limit = $5;
	}
	| COUNT selector pooled per_opt direction BY amount FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_COUNT, $2, $4, $5, $7, $9, $11, @$); $$->who = $3;
	}
	| SUM selector pooled per_opt direction BY amount FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_SUM, $2, $4, $5, $7, $9, $11, @$); $$->who = $3;
	}
	| RATE selector pooled direction BY amount FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_RATE, $2, UNIT_NUMBER, $4, $6, $8, $10, @$); $$->who = $3;
	}
	| COUNT selector pooled per_opt direction FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_COUNT, $2, $4, $5, number(@5, 0, UNIT_PERCENT), $7, $9, @$); $$->any_change = true;
		$$->who = $3;
	}
	| SUM selector pooled per_opt direction FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_SUM, $2, $4, $5, number(@5, 0, UNIT_PERCENT), $7, $9, @$); $$->any_change = true;
		$$->who = $3;
	}
	| RATE selector pooled direction FROM wpoint TO wpoint {
		$$ = change(ctx, MEASURE_RATE, $2, UNIT_NUMBER, $4, number(@4, 0, UNIT_PERCENT), $6, $8, @$);
		$$->any_change = true; $$->who = $3;
	}
	;

/* `rate attendance of school_age together ...`: the records of every member
 * of the group pooled into one family-level measure (NULL: the subject's). */
pooled
	: %empty { $$ = NULL; }
	| OF cohort TOGETHER { $$ = $2; }
	;

/* `with at most 1 theme from each member who is living_apart`: what one
 * member may add to `themes met` or `indicators met` (contribution.c). A
 * group term, not `cohort`: an `or` after it continues the rule. */
opt_member_limit
	: %empty { $$ = NULL; }
	| WITH AT MOST NUMBER limit_noun FROM EACH cohort_term {
		$$ = node(ctx, sizeof *$$);
		*$$ = (member_limit){ .loc = @$, .most = whole($4.value), .most_written = $4.value, .most_loc = @4,
		                      .indicators = $5, .noun_loc = @5, .who = $8 };
	}
	;

limit_noun
	: THEME { $$ = 0; }
	| THEMES { $$ = 0; }
	| INDICATOR { $$ = 1; }
	| INDICATORS { $$ = 1; }
	;

direction
	: FALLS { $$ = 0; }
	| RISES { $$ = 1; }
	;

amount
	: AT LEAST quantity { $$ = $3; }
	;

per_opt
	: %empty { $$ = UNIT_NUMBER; }
	| PER time_unit { $$ = $2; }
	;

opt_by
	: %empty { $$ = new_window(ctx, WIN_AT, @$); $$->anchor = ANCHOR_CLAIM; }
	| BY anchor { $$ = new_window(ctx, WIN_AT, @$); $$->anchor = $2; }
	;

cmp
	: '<' { $$ = OP_LT; }
	| LE { $$ = OP_LE; }
	| '>' { $$ = OP_GT; }
	| GE { $$ = OP_GE; }
	| '=' { $$ = OP_EQ; }
	| IS AT LEAST { $$ = OP_GE; }
	| IS AT MOST { $$ = OP_LE; }
	| IS MORE THAN { $$ = OP_GT; }
	| IS ABOVE { $$ = OP_GT; }
	| IS FEWER THAN { $$ = OP_LT; }
	| IS LESS THAN { $$ = OP_LT; }
	| IS BELOW { $$ = OP_LT; }
	| IS { $$ = OP_EQ; }
	;

quantity
	: NUMBER { $$ = number(@$, $1.value, UNIT_NUMBER); }
	| NUMBER '%' { $$ = number(@$, $1.value, UNIT_PERCENT); }
	| NUMBER POINTS { $$ = number(@$, $1.value, UNIT_POINTS); }
	| POUND NUMBER { $$ = number(@$, $2.value, UNIT_MONEY); }
	| NUMBER DAYS { $$ = number(@$, $1.value, UNIT_DAYS); }
	| NUMBER WEEKS { $$ = number(@$, $1.value, UNIT_WEEKS); }
	| NUMBER MONTHS { $$ = number(@$, $1.value, UNIT_MONTHS); }
	| NUMBER TERMS { $$ = number(@$, $1.value, UNIT_TERMS); }
	| NUMBER SESSIONS { $$ = number(@$, $1.value, UNIT_SESSIONS); }
	| IDENT { $$ = number(@$, 0, UNIT_NUMBER); $$.param = $1; }
	;

/* `offence or out_of_court_disposal about crime by social_worker`, and
 * `jsa_claim or (universal_credit about work_related)`: a bracketed part keeps
 * its own qualifiers. Never bracketed first: `(` there starts a condition. */
selector
	: IDENT {
		$$ = node(ctx, sizeof *$$);
		$$->loc = @$;
		add_type(ctx, $$, $1, @1);
	}
	| selector OR IDENT { add_type(ctx, $1, $3, @3); $$ = $1; $$->loc.end_line = @3.end_line; $$->loc.end_col = @3.end_col; }
	| selector OR '(' selector ')' { $$ = join_selectors(ctx, $1, $4, false, @5); }
	| selector PLUS IDENT {
		add_type(ctx, $1, $3, @3); $$ = $1; $$->loc.end_line = @3.end_line; $$->loc.end_col = @3.end_col;
		if ($$->n_types) $$->plus[$$->n_types - 1] = true;
	}
	| selector PLUS '(' selector ')' { $$ = join_selectors(ctx, $1, $4, true, @5); }
	| selector ABOUT name_or_support {
		$$ = $1;
		for (int i = 0; i < $$->n_types; i++)
			if (!$$->detail_names[i]) { $$->detail_names[i] = $3; $$->detail_locs[i] = @3; }
	}
	| selector BY IDENT {
		$$ = $1;
		for (int i = 0; i < $$->n_types; i++)
			if (!$$->authors[i]) $$->authors[i] = $3;
	}

	;

name_or_support
	: IDENT
	| SUPPORT { $$ = "support"; }
	| FAMILY { $$ = "family"; }
	;

/* ------------------------------------------------------------ windows */

/* A window, optionally narrowed to the span of the subject's latest record
 * of a selection: `from entry to claim while licence or community_order`. */
window
	: base_window
	| base_window WHILE selector %prec WHILE_SEL {
		$$ = new_window(ctx, WIN_WHILE, @$); $$->sel = $3; $$->from = $1;
	}
	;

base_window
	: IN rel_window { $$ = $2; $$->loc = @$; }
	| AT anchor { $$ = new_window(ctx, WIN_AT, @$); $$->anchor = $2; }
	| FROM wpoint TO wpoint { $$ = new_window(ctx, WIN_SPAN, @$); $$->from = $2; $$->to = $4; }
	| DURING SUPPORT { $$ = new_window(ctx, WIN_SUPPORT, @$); }
	| WHILE selector %prec WHILE_SEL { $$ = new_window(ctx, WIN_WHILE, @$); $$->sel = $2; }
	| BEFORE anchor { $$ = new_window(ctx, WIN_EVER, @$); $$->anchor = $2; }
	| IN LESS THAN rel_window { $$ = $4; $$->less = true; $$->loc = @$; }
	| around
	;

/* `within 6 months of entry`: the days up to 6 months either side. */
around
	: WITHIN NUMBER time_unit OF wpoint { $$ = relative(ctx, WIN_AROUND, $2.value, @2, $3, $5, @$); }
	| WITHIN IDENT OF wpoint {
		$$ = relative(ctx, WIN_AROUND, 1, @2, UNIT_DAYS, $4, @$); $$->n_param = $2; $$->n_loc = @2;
	}
	;

/* How far one date is from a point: `at least 6 months before claim`, `at
 * most sustain_period after closure`. */
gap_period
	: rel_window
	| param_period

/* `6 months before entry`; counted from a shifted point when the point is
 * itself a period: `6 months before 3 months before claim`. */
rel_window
	: NUMBER time_unit BEFORE wpoint { $$ = relative(ctx, WIN_BEFORE, $1.value, @1, $2, $4, @$); }
	| NUMBER time_unit AFTER wpoint { $$ = relative(ctx, WIN_AFTER, $1.value, @1, $2, $4, @$); }
	;

/* `sustain_period after closure`: a period whose length is a parameter's. */
param_period
	: IDENT BEFORE wpoint { $$ = relative(ctx, WIN_BEFORE, 1, @1, UNIT_DAYS, $3, @$); $$->n_param = $1; $$->n_loc = @1; }
	| IDENT AFTER wpoint { $$ = relative(ctx, WIN_AFTER, 1, @1, UNIT_DAYS, $3, @$); $$->n_param = $1; $$->n_loc = @1; }
	;

wpoint
	: anchor { $$ = new_window(ctx, WIN_AT, @$); $$->anchor = $1; }
	| rel_window
	;

anchor
	: ENTRY { $$ = ANCHOR_ENTRY; }
	| CLOSURE { $$ = ANCHOR_CLOSURE; }
	| CLAIM { $$ = ANCHOR_CLAIM; }
	;

time_unit
	: DAYS { $$ = UNIT_DAYS; }
	| WEEKS { $$ = UNIT_WEEKS; }
	| MONTHS { $$ = UNIT_MONTHS; }
	| TERMS { $$ = UNIT_TERMS; }
	;

/* ------------------------------------------------------------ family rules */

family_block
	: FAMILY { ctx->family_rule = 0; } family_rules %prec ROW_END
	;

family_rules
	: family_rule
	| family_rules family_rule
	;

family_rule
	: ELIGIBLE WHEN cond { ctx->plan->eligible = $3; ctx->plan->family_loc = @1; ctx->family_rule = 1; }
	| CLAIMABLE WHEN cond { ctx->plan->claimable = $3; ctx->family_rule = 2; }
	| READING STRING { family_reading(ctx, @1, $2, @2); }
	| error { ctx->family_rule = -1; /* reported: its readings are not a second error */ }
	;

%%

/* Only for bison's own failures: syntax errors go to yyreport_syntax_error.
 * Its stack (YYMAXDEPTH states) runs out only on brackets, `not`s or
 * shifted points nested thousands deep, far past the limits in ast.h. */
static void yyerror(src_loc *loc, void *scanner, struct lex_state *ctx, const char *msg)
{
	(void)scanner;
	if (!strcmp(msg, "memory exhausted"))
		diag_error(ctx->diag, *loc, "the plan is nested too deeply here to be read (brackets, `not` or periods "
		           "counted from periods, thousands deep); nothing after this point was read");
	else
		diag_error(ctx->diag, *loc, "%s", msg);
}

/* Bison's names for tokens are their aliases in quotes: "when" -> `when`;
 * value tokens are described in words. */
static void token_name(char *buf, size_t len, yysymbol_kind_t sym)
{
	const char *s = yysymbol_name(sym);
	size_t n = strlen(s);
	switch (sym) {
	case YYSYMBOL_YYEOF: snprintf(buf, len, "the end of the file"); return;
	case YYSYMBOL_IDENT: snprintf(buf, len, "a name"); return;
	case YYSYMBOL_NUMBER: snprintf(buf, len, "a number"); return;
	case YYSYMBOL_STRING: snprintf(buf, len, "a string in double quotes"); return;
	case YYSYMBOL_ROWID: snprintf(buf, len, "a row id"); return;
	case YYSYMBOL_DATE: snprintf(buf, len, "a date such as 24/03/2023"); return;
	default: break;
	}
	if (n >= 2 && s[0] == '"' && s[n - 1] == '"')
		snprintf(buf, len, "`%.*s`", (int)(n - 2), s + 1);
	else
		snprintf(buf, len, "`%s`", s);
}

static bool expects(const yysymbol_kind_t *set, int n, yysymbol_kind_t sym)
{
	for (int i = 0; i < n; i++)
		if (set[i] == sym)
			return true;
	return false;
}

/* What the parser wanted, in the words of the language reference, for the
 * places where a bare list of tokens would not help a plan's author. */
static const char *expected_in_words(struct lex_state *ctx, const yysymbol_kind_t *set, int n, yysymbol_kind_t got)
{
	/* A name where an anchor goes is most likely a misspelt anchor. */
	if (got == YYSYMBOL_IDENT && expects(set, n, YYSYMBOL_ENTRY) && expects(set, n, YYSYMBOL_CLAIM))
		return "`entry`, `closure` or `claim`";
	if (expects(set, n, YYSYMBOL_AND) && expects(set, n, YYSYMBOL_OR))
		return "`and` or `or` to join two conditions, or the next clause";
	if (expects(set, n, YYSYMBOL_IDENT) && expects(set, n, YYSYMBOL_SUPPORT) && expects(set, n, YYSYMBOL_FAMILY))
		return "a name such as `crime`";
	if (expects(set, n, YYSYMBOL_WHEN) && ctx->row)
		return ctx->row->kind == ROW_INDICATOR
			? "`when` and a condition after the indicator's wording (or `who`, `period`, `source`, `note`)"
			: "`when` and a condition after the outcome's wording (or `for`, `who`, `period`, `note`)";
	if (expects(set, n, YYSYMBOL_THEME) && expects(set, n, YYSYMBOL_INDICATOR) && expects(set, n, YYSYMBOL_OUTCOME))
		return "a new item: `theme`, `indicator`, `outcome`, `parameter`, `cohort`, `text` or `family`";
	if (expects(set, n, YYSYMBOL_ANY) && expects(set, n, YYSYMBOL_COUNT))
		return "a condition such as `any offence in 12 months before entry`";
	if (expects(set, n, YYSYMBOL_WITHIN) && expects(set, n, YYSYMBOL_FROM) && expects(set, n, YYSYMBOL_MORE))
		return "`at`, `more`, `less` or `within` and a period, or `from` or `before` and a date";
	if (expects(set, n, YYTRANSLATE('(')) && expects(set, n, YYSYMBOL_IDENT) && !expects(set, n, YYSYMBOL_ANY) &&
	    (got == YYSYMBOL_ANY || got == YYSYMBOL_NO || got == YYSYMBOL_HAS || got == YYSYMBOL_COUNT ||
	     got == YYSYMBOL_SUM || got == YYSYMBOL_RATE))
		return "a person flag (`who has carer`), or the member's condition in brackets: "
		       "`who has (no offence in 12 months before entry)`";
	if (expects(set, n, YYSYMBOL_IN) && expects(set, n, YYSYMBOL_DURING))
		return "a time window: `in 12 months before entry`, `at entry`, `from entry to claim`, `within 6 months of entry` or `during support`";
	if (expects(set, n, YYSYMBOL_BEFORE) && expects(set, n, YYSYMBOL_AFTER))
		return "`before` or `after` and `entry`, `closure` or `claim`";
	if (expects(set, n, YYSYMBOL_ENTRY) && expects(set, n, YYSYMBOL_CLAIM) && !expects(set, n, YYSYMBOL_NUMBER))
		return "`entry`, `closure` or `claim`";
	if (expects(set, n, YYSYMBOL_ENTRY) && expects(set, n, YYSYMBOL_NUMBER))
		return "`entry`, `closure`, `claim` or a period such as `6 months after closure`";
	if (expects(set, n, YYSYMBOL_DAYS) && expects(set, n, YYSYMBOL_TERMS) && !expects(set, n, YYSYMBOL_YYEOF))
		return "a unit of time: `days`, `weeks`, `months` or `terms`";
	if (expects(set, n, YYSYMBOL_GE) && expects(set, n, YYSYMBOL_IS))
		return "a comparison such as `is at least 2` or `>= 2`";
	if (expects(set, n, YYSYMBOL_FALLS) && expects(set, n, YYSYMBOL_RISES) && expects(set, n, YYSYMBOL_IN))
		return "a time window (`in 6 months before entry`) or a change (`falls by at least 33% from ... to ...`)";
	return NULL;
}

/* A name where a keyword was expected is most likely a misspelt keyword:
 * the closest of the keywords that could stand here (grammar/keywords.def). */
static void suggest_keyword(struct lex_state *ctx, const char *word, const yysymbol_kind_t *set, int n)
{
	const char *words[128];
	size_t k = 0;
	for (size_t i = 0; i < lex_n_keywords && k < sizeof words / sizeof *words; i++)
		if (expects(set, n, YYTRANSLATE(lex_keywords[i].token)))
			words[k++] = lex_keywords[i].word;
	const char *s = suggest(word, words, k);
	if (!s)
		return;
	diag_hint(ctx->diag, "did you mean `%s`?", s);
	/* `indicater 1.1 "..."`: the item is skipped, but its name is not
	 * unknown where it is used; that would be the same mistake again. */
	static const char *const DEFINING[] = { "indicator", "outcome", "theme", "parameter", "cohort" };
	for (size_t i = 0; i < sizeof DEFINING / sizeof *DEFINING; i++)
		if (ctx->first_on_line && !strcmp(s, DEFINING[i]))
			lex_lost_name(ctx, strlen(word));
}

/* `file:line:col: error: unexpected X, expected Y`, at the token that did not fit. */
static int yyreport_syntax_error(const yypcontext_t *pc, void *scanner, struct lex_state *ctx)
{
	/* Still skipping the words of the last error: the same mistake. */
	if (ctx->recovering)
		return 0;
	/* Skip to the next clause that starts a line, unless this token is one. */
	ctx->recovering = !ctx->sync_token;
	/* A wording that lost its opening quote is skipped to its closing one,
	 * even after a curly quote reported on its line (`reading “As written”
	 * ...`): its words are not read as plan. */
	yysymbol_kind_t tok = yypcontext_token(pc);
	if (tok != YYSYMBOL_STRING && tok != YYSYMBOL_YYEOF && lex_missing_open_quote(ctx, yypcontext_location(pc))) {
		ctx->parens = 0;
		return 0;
	}
	/* A line with an error already (a curly quote, a stray character) has
	 * given its one message. */
	if (ctx->diag->last_error_line == yypcontext_location(pc)->line)
		return 0;
	enum { MAX_LISTED = 5, MAX_SET = 64 };
	yysymbol_kind_t expected[MAX_SET];
	int n = yypcontext_expected_tokens(pc, expected, MAX_SET);
	if (n < 0)
		n = 0;
	char got[96], msg[640];
	if (tok == YYSYMBOL_STRING || tok == YYSYMBOL_YYEOF || tok == YYSYMBOL_DATE) {
		snprintf(got, sizeof got, "%s", tok == YYSYMBOL_STRING ? "string" : tok == YYSYMBOL_DATE ? "date" : "end of file");
	} else {
		/* The lookahead is the token just scanned, so its text is still yytext. */
		const char *text = yyget_text(scanner);
		size_t len = strlen(text);
		snprintf(got, sizeof got, "`%.*s`%s", (int)(len > 40 ? 40 : len), text, len > 40 ? "..." : "");
	}
	if ((tok == YYSYMBOL_ROWID || tok == YYSYMBOL_NUMBER) && ctx->first_on_line &&
	    expects(expected, n, YYSYMBOL_INDICATOR) && expects(expected, n, YYSYMBOL_OUTCOME)) {
		/* `5a "No reported ..."`: a row whose keyword is missing. Its
		 * clauses go to a row of its own that is not kept, so they are not
		 * errors of the row before. */
		diag_error(ctx->diag, *yypcontext_location(pc), "a row starts with its keyword: write `indicator %s` or `outcome %s`",
		           yyget_text(scanner), yyget_text(scanner));
		const char *id = arena_strndup(ctx->arena, yyget_text(scanner), strlen(yyget_text(scanner)));
		if (ctx->row)
			ctx->row->broken = true; /* the clause being read when the error came is lost */
		new_row(ctx, ROW_OUTCOME, id, *yypcontext_location(pc), "", *yypcontext_location(pc))->broken = true;
		vec_push(ctx->arena, &ctx->plan->lost, (void *)id);
		return 0;
	}
	int len = snprintf(msg, sizeof msg, "unexpected %s", got);
	const char *words = expected_in_words(ctx, expected, n, tok);
	if (ctx->parens > 0 && expects(expected, n, YYTRANSLATE(')')) && (ctx->sync_token || tok == YYSYMBOL_YYEOF)) {
		/* A clause began inside a bracket: the bracket was never closed. */
		int last = (int)(sizeof ctx->paren / sizeof *ctx->paren);
		src_loc open = ctx->paren[(ctx->parens < last ? ctx->parens : last) - 1];
		snprintf(msg + len, sizeof msg - (size_t)len,
		         ": the `(` on line %d, column %d is not closed; add a `)` at the end of its condition", open.line, open.col);
	} else if (words) {
		snprintf(msg + len, sizeof msg - (size_t)len, ", expected %s", words);
	} else if (n > 0 && n <= MAX_LISTED) {
		for (int i = 0; i < n && len < (int)sizeof msg; i++) {
			char e[64];
			token_name(e, sizeof e, expected[i]);
			len += snprintf(msg + len, sizeof msg - (size_t)len, "%s%s", i == 0 ? ", expected " : i == n - 1 ? " or " : ", ", e);
		}
	}
	diag_error(ctx->diag, *yypcontext_location(pc), "%s", msg);
	if (expects(expected, n, YYSYMBOL_STRING) && n == 1)
		diag_hint(ctx->diag, "put the wording between straight double quotes: \"...\"");
	else if (tok == YYSYMBOL_IDENT)
		suggest_keyword(ctx, yyget_text(scanner), expected, n);
	ctx->parens = 0; /* the words up to the next clause are skipped, brackets too */
	return 0;
}

static cond *new_cond(struct lex_state *ctx, cond_kind k, src_loc loc)
{
	cond *c = node(ctx, sizeof *c);
	c->kind = k;
	c->loc = loc;
	c->depth = 1;
	c->lo = c->hi = -1;
	c->ref = -1;
	c->age_at = -1;
	c->q.param_index = -1;
	c->per = UNIT_NUMBER;
	return c;
}

static int max(int a, int b) { return a > b ? a : b; }

/* `a and b`, `a or b`. Past a limit (ast.h) the right side is dropped, once
 * reported: a chain of a hundred thousand `or`s is one error, and the tree
 * every later pass walks stays within the limits. */
static cond *binary(struct lex_state *ctx, cond_kind k, cond *a, cond *b, src_loc loc)
{
	if (a->over_limit)
		return a;
	if (b->over_limit)
		return b;
	const char *word = k == COND_AND ? "and" : "or";
	if (max(a->depth, b->depth) + 1 > EHP_MAX_COND_DEPTH) {
		diag_error(ctx->diag, b->loc, "a condition may join at most %d tests with `and` and `or`; this is one more",
		           EHP_MAX_COND_DEPTH);
		diag_hint(ctx->diag, "split the rule into rows, or use a named cohort or a parameter for long lists");
		a->over_limit = true;
		return a;
	}
	if (b->nesting + 1 > EHP_MAX_NESTING) {
		diag_error(ctx->diag, b->loc, "brackets after `%s` are nested more than %d deep here", word, EHP_MAX_NESTING);
		diag_hint(ctx->diag, "write the condition with fewer brackets inside one another");
		a->over_limit = true;
		return a;
	}
	cond *c = new_cond(ctx, k, loc);
	c->a = a;
	c->b = b;
	c->depth = max(a->depth, b->depth) + 1;
	c->nesting = max(a->nesting, b->nesting + 1);
	c->quantifiers = max(a->quantifiers, b->quantifiers);
	return c;
}

/* `not a`, `some/every C has (a)`, within the same limits. */
static cond *unary(struct lex_state *ctx, cond_kind k, cond *a, src_loc loc)
{
	if (a->over_limit)
		return a;
	bool quantifier = k != COND_NOT;
	if (a->depth + 1 > EHP_MAX_COND_DEPTH) {
		diag_error(ctx->diag, loc, "this condition is nested more than %d deep", EHP_MAX_COND_DEPTH);
		a->over_limit = true;
		return a;
	}
	if (quantifier && a->quantifiers + 1 > EHP_MAX_QUANTIFIERS) {
		diag_error(ctx->diag, loc, "`some ... has` and `every ... has` may be nested at most %d deep; this is %d deep",
		           EHP_MAX_QUANTIFIERS, a->quantifiers + 1);
		diag_hint(ctx->diag, "each level tests every member again for every member of the level above; "
		          "test the members once, or name a cohort with `who is` or `aged`");
		a->over_limit = true;
		return a;
	}
	cond *c = new_cond(ctx, k, loc);
	c->a = a;
	c->depth = a->depth + 1;
	c->nesting = a->nesting;
	c->quantifiers = a->quantifiers + quantifier;
	return c;
}

static cohort *new_cohort(struct lex_state *ctx, cohort_kind k, src_loc loc)
{
	cohort *c = node(ctx, sizeof *c);
	c->kind = k;
	c->loc = loc;
	c->lo = c->hi = -1;
	c->ref = -1;
	c->age_at = -1;
	return c;
}

/* `adult or child`, `child aged 5 to 15`: past EHP_MAX_COHORT_DEPTH the
 * rest is dropped, reported once. */
static cohort *cohort_pair(struct lex_state *ctx, cohort_kind k, cohort *a, cohort *b, src_loc loc)
{
	if (a->depth < 0)
		return a;
	if (max(a->depth, b->depth) + 1 > EHP_MAX_COHORT_DEPTH) {
		diag_error(ctx->diag, b->loc, "a group of people may join at most %d parts; this is one more", EHP_MAX_COHORT_DEPTH);
		a->depth = -1; /* reported */
		return a;
	}
	cohort *c = new_cohort(ctx, k, loc);
	c->a = a;
	c->b = b;
	c->depth = max(a->depth, b->depth) + 1;
	return c;
}

static window *new_window(struct lex_state *ctx, window_kind k, src_loc loc)
{
	window *w = node(ctx, sizeof *w);
	w->kind = k;
	w->loc = loc;
	w->unit = UNIT_DAYS;
	w->n_param_index = -1;
	return w;
}

static quantity number(src_loc loc, double v, unit_kind u)
{
	return (quantity){ .loc = loc, .value = v, .unit = u, .param_index = -1 };
}

static row *new_row(struct lex_state *ctx, row_kind k, const char *id, src_loc id_loc, const char *text, src_loc loc)
{
	row *r = node(ctx, sizeof *r);
	r->kind = k;
	r->loc = loc;
	r->id = id;
	r->id_loc = id_loc;
	r->text = text;
	r->theme = ctx->current_theme;
	r->scope = SCOPE_PERSON;
	r->index = -1;
	ctx->row = r;
	return r;
}

static row *current_row(struct lex_state *ctx)
{
	return ctx->row;
}

static void serve(struct lex_state *ctx, const char *id, src_loc loc)
{
	row *r = ctx->row;
	if (r->kind != ROW_OUTCOME) {
		/* once for the clause, not once for each id */
		if (!r->broken && ctx->diag->last_error_line != loc.line)
			diag_error(ctx->diag, loc, "only an outcome says which indicators it serves");
		return;
	}
	src_loc *l = node(ctx, sizeof *l);
	*l = loc;
	vec_push(ctx->arena, &r->serves_names, (void *)id);
	vec_push(ctx->arena, &r->serves_locs, l);
}

/* A number as an int for a count, an age or a window, never out of an
 * int's range (that would be undefined): what the checks below refuse is
 * clamped, and reported there. */
static int whole(double v)
{
	if (!(v >= -1))
		return -1;
	return v > 1000000 ? 1000000 : (int)v;
}

static void check_age(struct lex_state *ctx, src_loc loc, double v)
{
	if (v != floor(v) || v < 0 || v > 130)
		diag_error(ctx->diag, loc, "an age is a whole number of years from 0 to 130");
}

static void check_count(struct lex_state *ctx, src_loc loc, double v)
{
	if (v != floor(v) || v < 1 || v > 1200)
		diag_error(ctx->diag, loc, "a window is a whole number of days, weeks, months or terms, at least 1");
}

static window *relative(struct lex_state *ctx, window_kind k, double n, src_loc n_loc, int unit, window *point,
                        src_loc loc)
{
	window *w = new_window(ctx, k, loc);
	w->n = whole(n);
	w->unit = (unit_kind)unit;
	check_count(ctx, n_loc, n);
	w->shifts = 1;
	if (point->kind == WIN_AT) {
		w->anchor = point->anchor;
	} else if (point->shifts + 1 > EHP_MAX_SHIFTS) {
		/* reported once, where the chain passes the limit; then cut there */
		if (point->shifts == EHP_MAX_SHIFTS)
			diag_error(ctx->diag, loc, "a point may be counted from another at most %d times (`6 months before 3 months before claim` is 2)",
			           EHP_MAX_SHIFTS);
		w->anchor = point->anchor;
		w->shifts = EHP_MAX_SHIFTS + 1;
	} else {
		w->of = point;
		w->anchor = point->anchor; /* the anchor the chain of shifts starts from */
		w->shifts = point->shifts + 1;
	}
	return w;
}

static cond *record_test(struct lex_state *ctx, cond_kind k, selector *sel, window *w, src_loc loc)
{
	cond *c = new_cond(ctx, k, loc);
	c->sel = *sel;
	c->win = w;
	return c;
}

static cond *measure(struct lex_state *ctx, measure_kind m, selector *sel, int per, window *w, int op,
                     quantity q, src_loc loc)
{
	cond *c = new_cond(ctx, COND_COMPARE, loc);
	if (sel)
		c->sel = *sel;
	c->measure = m;
	c->per = (unit_kind)per;
	c->win = w;
	c->op = (cmp_op)op;
	c->q = q;
	return c;
}

static cond *change(struct lex_state *ctx, measure_kind m, selector *sel, int per, int rises, quantity amount,
                    window *a, window *b, src_loc loc)
{
	cond *c = new_cond(ctx, COND_CHANGE, loc);
	c->sel = *sel;
	c->measure = m;
	c->per = (unit_kind)per;
	c->rises = rises;
	c->q = amount;
	c->points = amount.unit == UNIT_POINTS;
	c->win = a;
	c->win2 = b;
	return c;
}

/* `sum weekly_earnings >= aet for 26 of 30 weeks ...`: weeks whose total
 * compares, counted as `for K of N weeks` counts weeks with a record. */
static cond *weekly_sum(struct lex_state *ctx, selector *sel, int op, quantity q, int k, int n, window *w, src_loc loc)
{
	cond *c = record_test(ctx, COND_WEEKS, sel, w, loc);
	c->measure = MEASURE_SUM;
	c->present = true;
	c->op = (cmp_op)op;
	c->q = q;
	c->k = k;
	c->n = n;
	return c;
}

/* `closure at most 24 months before claim`, `claim within 6 months of closure`. */
static cond *gap(struct lex_state *ctx, int anchor, gap_kind how, window *w, src_loc loc)
{
	cond *c = new_cond(ctx, COND_GAP, loc);
	c->anchor = (anchor_kind)anchor;
	c->gap = how;
	c->win = w;
	return c;
}

static void add_type(struct lex_state *ctx, selector *sel, const char *name, src_loc loc)
{
	if (sel->n_types == SEL_MAX_TYPES) {
		diag_error(ctx->diag, loc, "at most %d record types can be joined with `or`", SEL_MAX_TYPES);
		return;
	}
	sel->type_names[sel->n_types] = name;
	sel->type_locs[sel->n_types] = loc;
	sel->types[sel->n_types] = -1;
	sel->details[sel->n_types] = -1;
	sel->n_types++;
}

/* `a or (b about d)`: b's types, with their own qualifiers, join a. */
static selector *join_selectors(struct lex_state *ctx, selector *a, const selector *b, bool plus, src_loc end)
{
	for (int i = 0; i < b->n_types; i++) {
		if (a->n_types == SEL_MAX_TYPES) {
			diag_error(ctx->diag, b->type_locs[i], "at most %d record types can be joined with `or`", SEL_MAX_TYPES);
			break;
		}
		int n = a->n_types++;
		a->type_names[n] = b->type_names[i];
		a->type_locs[n] = b->type_locs[i];
		a->plus[n] = plus || b->plus[i];
		a->types[n] = -1;
		a->details[n] = -1;
		a->detail_names[n] = b->detail_names[i];
		a->detail_locs[n] = b->detail_locs[i];
		a->authors[n] = b->authors[i];
	}
	a->loc.end_line = end.end_line;
	a->loc.end_col = end.end_col;
	return a;
}

static void add_param(struct lex_state *ctx, const char *name, src_loc loc, quantity value, const char *doc)
{
	ctx->last_item = "a parameter";
	param *p = node(ctx, sizeof *p);
	p->loc = loc;
	p->name = name;
	p->value = value;
	p->doc = doc;
	p->index = ctx->plan->params.n;
	p->chosen_at = -1;
	vec_push(ctx->arena, &ctx->plan->params, p);
}

static void add_step(struct lex_state *ctx, quantity value, const char *date, src_loc date_loc)
{
	param_step *st = node(ctx, sizeof *st);
	*st = (param_step){ .value = value, .date = date, .date_loc = date_loc };
	vec_push(ctx->arena, &ctx->steps, st);
}

static void row_where(struct lex_state *ctx, cond *c, src_loc loc)
{
	if (ctx->row->kind != ROW_OUTCOME) {
		if (!ctx->row->broken)
			diag_error(ctx->diag, loc, "only an outcome has a `where` band; an indicator says everything in `when`");
		return;
	}
	ctx->row->where = c;
}

static void row_exempt(struct lex_state *ctx, cond *c, src_loc loc)
{
	if (ctx->row->kind != ROW_INDICATOR) {
		if (!ctx->row->broken)
			diag_error(ctx->diag, loc, "`exempt when` belongs to an indicator: it says when a member needs no outcome for it");
		return;
	}
	ctx->row->exempt = c;
}

static void row_supplementary(struct lex_state *ctx, src_loc loc)
{
	if (ctx->row->kind != ROW_OUTCOME) {
		if (!ctx->row->broken)
			diag_error(ctx->diag, loc, "only an outcome is `supplementary`: it shows progress only alongside another outcome");
		return;
	}
	ctx->row->supplementary = true;
}

static void add_reading(struct lex_state *ctx, ptr_vec *to, reading_target target, src_loc loc, const char *text,
                        src_loc text_loc)
{
	reading *r = node(ctx, sizeof *r);
	*r = (reading){ .loc = loc, .text_loc = text_loc, .text = text, .target = target };
	if (target == READING_THEME)
		r->theme = ctx->theme;
	else if (target == READING_INDICATOR || target == READING_OUTCOME)
		r->row = ctx->row;
	vec_push(ctx->arena, to, r);
}

/* In the family block a reading follows the rule it reads. */
static void family_reading(struct lex_state *ctx, src_loc loc, const char *text, src_loc text_loc)
{
	if (ctx->family_rule == 1) {
		add_reading(ctx, &ctx->plan->eligible_readings, READING_ELIGIBLE, loc, text, text_loc);
	} else if (ctx->family_rule == 2) {
		add_reading(ctx, &ctx->plan->claimable_readings, READING_CLAIMABLE, loc, text, text_loc);
	} else if (ctx->family_rule == 0) {
		diag_error(ctx->diag, loc, "this reading comes before any family rule: a reading follows what it reads");
		diag_hint(ctx->diag, "move it under the `eligible when` or `claimable when` rule it reads");
	}
}

/* A `reading` that follows nothing it can read: a parameter, a cohort,
 * prose, or the start of the file. */
static void misplaced_reading(struct lex_state *ctx, src_loc loc)
{
	if (ctx->after_error)
		return; /* after an item that broke: most likely its own reading */
	if (ctx->last_item)
		diag_error(ctx->diag, loc, "this reading follows %s, which a reading cannot read", ctx->last_item);
	else
		diag_error(ctx->diag, loc, "this reading comes before the plan header: a reading follows what it reads");
	diag_hint(ctx->diag, "a reading belongs to the plan (under `plan`), a theme, an indicator or outcome, or a "
	          "family rule: move it under the one it reads");
}
