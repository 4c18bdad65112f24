/*
 * test_ehpc_parse.c - the scanner and parser: every construct of
 * docs/language.md builds the tree it should, with source locations, and
 * syntax errors are reported (all of them) in the documented form.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "front_helpers.h"
#include "parse_ctx.h"
#include "parser.h"

typedef front parsed;

static parsed *parse(const char *text)
{
	return front_run("t.ehp", text, strlen(text), false);
}

#define done front_done

#define HEAD "plan \"T\"\ntheme crime \"Crime\"\n"

/* The `when` of the only indicator of a one-indicator plan. */
static cond *when_of(parsed *r)
{
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->p->indicators.n, 1);
	return ((row *)r->p->indicators.v[0])->when;
}

static parsed *parse_when(const char *condition)
{
	char text[1024];
	snprintf(text, sizeof text, HEAD "indicator 1 \"x\" when %s\n", condition);
	return parse(text);
}

/* ------------------------------------------------------------ header, prose */

static void test_header_and_prose(void **state)
{
	(void)state;
	parsed *r = parse("plan \"Devon Early Help Outcomes Plan\"\n"
	                  "  council \"Devon County Council\"\n"
	                  "  revised 24/03/2023\n"
	                  "  source \"Devon SCP\"\n"
	                  "text \"Aim\" \"Two purposes: \\\"identify\\\" \\\\ define\"\n"
	                  "footnote 1 \"Learner with learning difficulties\"\n"
	                  "glossary \"Child\" \"Someone aged under 18, \xE2\x80\x99\xC2\xA3\"\n"
	                  "# a comment\n"
	                  "text \"A body that runs\n over two lines\"\n");
	assert_int_equal(r->d.errors, 0);
	plan *p = r->p;
	assert_string_equal(p->title, "Devon Early Help Outcomes Plan");
	assert_string_equal(p->council, "Devon County Council");
	assert_string_equal(p->revised, "24/03/2023");
	assert_string_equal(p->source, "Devon SCP");
	assert_int_equal(p->prose.n, 4);
	prose *t = p->prose.v[0], *f = p->prose.v[1], *g = p->prose.v[2], *b = p->prose.v[3];
	assert_int_equal(t->kind, PROSE_TEXT);
	assert_string_equal(t->label, "Aim");
	assert_string_equal(t->body, "Two purposes: \"identify\" \\ define");
	assert_int_equal(f->kind, PROSE_FOOTNOTE);
	assert_string_equal(f->label, "1");
	assert_int_equal(g->kind, PROSE_GLOSSARY);
	assert_string_equal(g->body, "Someone aged under 18, \xE2\x80\x99\xC2\xA3");
	assert_null(b->label);
	assert_string_equal(b->body, "A body that runs\n over two lines");
	assert_int_equal(b->loc.line, 9);
	done(r);
}

static void test_iso_date(void **state)
{
	(void)state;
	parsed *r = parse("plan \"T\" revised 2023-03-24\n");
	assert_int_equal(r->d.errors, 0);
	assert_string_equal(r->p->revised, "2023-03-24");
	done(r);
}

/* ------------------------------------------------------------ parameters, cohorts */

static void test_parameters(void **state)
{
	(void)state;
	parsed *r = parse("parameter police_callout_average = 4\n  \"Average\"\n"
	                  "parameter earnings_single = \302\243338 \"Earnings\"\n"
	                  "parameter low = 90% \"Attendance\"\n"
	                  "parameter excluded = 5 days\n");
	assert_int_equal(r->d.errors, 0);
	assert_int_equal(r->p->params.n, 4);
	param *a = r->p->params.v[0], *b = r->p->params.v[1], *c = r->p->params.v[2], *d = r->p->params.v[3];
	assert_string_equal(a->name, "police_callout_average");
	assert_true(a->value.value == 4 && a->value.unit == UNIT_NUMBER);
	assert_string_equal(a->doc, "Average");
	assert_true(b->value.value == 338 && b->value.unit == UNIT_MONEY);
	assert_true(c->value.value == 90 && c->value.unit == UNIT_PERCENT);
	assert_true(d->value.value == 5 && d->value.unit == UNIT_DAYS);
	assert_null(d->doc);
	assert_int_equal(a->loc.line, 1);
	assert_int_equal(a->loc.col, 11);
	assert_int_equal(d->index, 3);
	done(r);
}

static void test_cohort_forms(void **state)
{
	(void)state;
	parsed *r = parse("cohort dependent_child \"doc\"\n"
	                  "  = person aged under 16 or person aged 16 to 18 who is dependent\n"
	                  HEAD
	                  "indicator 1 \"x\" who child aged 10 to 18 when has sen at entry\n"
	                  "indicator 2 \"x\" who child aged 3 or under when has sen at entry\n"
	                  "indicator 3 \"x\" who adult aged 18 or over who has parenting_responsibility when has sen at entry\n"
	                  "indicator 4 \"x\" who adult or person aged 16 to 17 when has sen at entry\n"
	                  "indicator 5 \"x\" who household when has sen at entry\n"
	                  "indicator 6 \"x\" who family when has sen at entry\n"
	                  "indicator 7 \"x\" who dependent_child when has sen at entry\n"
	                  "indicator 8 \"x\" who anyone when has sen at entry\n");
	assert_int_equal(r->d.errors, 0);
	cohort_def *cd = r->p->cohorts.v[0];
	assert_string_equal(cd->name, "dependent_child");
	assert_string_equal(cd->doc, "doc");
	assert_int_equal(cd->def->kind, COH_OR);
	assert_int_equal(cd->def->a->kind, COH_AND);
	assert_int_equal(cd->def->a->b->kind, COH_AGED);
	assert_int_equal(cd->def->a->b->lo, -1);
	assert_int_equal(cd->def->a->b->hi, 15); /* under 16 */
	cohort *right = cd->def->b; /* (person aged 16 to 18) who is dependent */
	assert_int_equal(right->kind, COH_AND);
	assert_int_equal(right->b->kind, COH_FLAG);
	assert_string_equal(right->b->name, "dependent");

	row **ind = (row **)r->p->indicators.v;
	cohort *w = ind[0]->who;
	assert_int_equal(w->kind, COH_AND);
	assert_int_equal(w->a->kind, COH_CHILD);
	assert_int_equal(w->b->lo, 10);
	assert_int_equal(w->b->hi, 18);
	assert_int_equal(ind[1]->who->b->lo, -1);
	assert_int_equal(ind[1]->who->b->hi, 3);
	w = ind[2]->who; /* (adult aged 18 or over) who has parenting_responsibility */
	assert_int_equal(w->kind, COH_AND);
	assert_int_equal(w->b->kind, COH_FLAG);
	assert_int_equal(w->a->b->lo, 18);
	assert_int_equal(w->a->b->hi, -1);
	assert_int_equal(ind[3]->who->kind, COH_OR);
	assert_int_equal(ind[3]->who->a->kind, COH_ADULT);
	assert_int_equal(ind[4]->scope, SCOPE_HOUSEHOLD);
	assert_null(ind[4]->who);
	assert_int_equal(ind[5]->scope, SCOPE_FAMILY);
	assert_int_equal(ind[6]->who->kind, COH_NAMED);
	assert_string_equal(ind[6]->who->name, "dependent_child");
	assert_int_equal(ind[7]->who->kind, COH_ANYONE);
	assert_int_equal(ind[7]->scope, SCOPE_PERSON);
	done(r);
}

/* ------------------------------------------------------------ rows */

static void test_indicator_and_outcome(void **state)
{
	(void)state;
	parsed *r = parse(HEAD
	                  "indicator 1.1 \"Has been convicted\"\n"
	                  "  who child aged 10 to 18\n"
	                  "  period \"Previous 12 months\"\n"
	                  "  source \"Police\"\n"
	                  "  note \"Includes community resolutions\"\n"
	                  "  when any offence or out_of_court_disposal in 12 months before entry\n"
	                  "outcome 1a \"A 33% reduction\"\n"
	                  "  for indicator 1.1\n"
	                  "  who child\n"
	                  "  period \"6 months\"\n"
	                  "  when count offence per month falls by at least 33%\n"
	                  "       from 12 months before entry to 6 months after closure\n"
	                  "outcome 1b \"Several\" for indicators 1.1, 1g*, 7.1 when no offence at closure\n"
	                  "outcome 1c \"Theme\" for theme crime when no offence at closure\n");
	assert_int_equal(r->d.errors, 0);
	row *i = r->p->indicators.v[0];
	assert_int_equal(i->kind, ROW_INDICATOR);
	assert_string_equal(i->id, "1.1");
	assert_int_equal(i->id_loc.line, 3);
	assert_int_equal(i->id_loc.col, 11);
	assert_int_equal(i->id_loc.end_col, 13);
	assert_int_equal(i->loc.col, 1);
	assert_string_equal(i->text, "Has been convicted");
	assert_string_equal(i->period, "Previous 12 months");
	assert_string_equal(i->source, "Police");
	assert_string_equal(i->note, "Includes community resolutions");
	assert_int_equal(i->theme, 0);
	cond *c = i->when;
	assert_int_equal(c->kind, COND_ANY);
	assert_int_equal(c->sel.n_types, 2);
	assert_string_equal(c->sel.type_names[0], "offence");
	assert_string_equal(c->sel.type_names[1], "out_of_court_disposal");
	assert_int_equal(c->sel.type_locs[1].line, 8);
	assert_int_equal(c->sel.type_locs[1].col, 23);
	assert_int_equal(c->win->kind, WIN_BEFORE);
	assert_int_equal(c->win->n, 12);
	assert_int_equal(c->win->unit, UNIT_MONTHS);
	assert_int_equal(c->win->anchor, ANCHOR_ENTRY);
	assert_int_equal(c->loc.line, 8);
	assert_int_equal(c->loc.col, 8);

	assert_int_equal(r->p->outcomes.n, 3);
	row *o = r->p->outcomes.v[0];
	assert_int_equal(o->kind, ROW_OUTCOME);
	assert_string_equal(o->id, "1a");
	assert_int_equal(o->serves_names.n, 1);
	assert_string_equal(o->serves_names.v[0], "1.1");
	c = o->when;
	assert_int_equal(c->kind, COND_CHANGE);
	assert_int_equal(c->measure, MEASURE_COUNT);
	assert_int_equal(c->per, UNIT_MONTHS);
	assert_false(c->rises);
	assert_false(c->points);
	assert_true(c->q.value == 33 && c->q.unit == UNIT_PERCENT);
	assert_int_equal(c->win->kind, WIN_BEFORE);
	assert_int_equal(c->win2->kind, WIN_AFTER);
	assert_int_equal(c->win2->anchor, ANCHOR_CLOSURE);
	assert_int_equal(c->win2->n, 6);
	/* the span covers both lines of the condition */
	assert_int_equal(c->loc.line, 13);
	assert_int_equal(c->loc.end_line, 14);

	o = r->p->outcomes.v[1];
	assert_int_equal(o->serves_names.n, 3);
	assert_string_equal(o->serves_names.v[1], "1g*");
	assert_string_equal(o->serves_names.v[2], "7.1");
	o = r->p->outcomes.v[2];
	assert_string_equal(o->serves_theme, "crime");
	done(r);
}

static void test_row_ids(void **state)
{
	(void)state;
	const char *ids[] = { "1", "1a", "1g*", "7.1", "A", "X", "10.3", "12" };
	for (size_t k = 0; k < sizeof ids / sizeof *ids; k++) {
		char text[256];
		snprintf(text, sizeof text, HEAD "indicator %s \"x\" when any offence in 12 months before entry\n", ids[k]);
		parsed *r = parse(text);
		assert_int_equal(r->d.errors, 0);
		assert_string_equal(((row *)r->p->indicators.v[0])->id, ids[k]);
		done(r);
	}
}

static void test_themes_assign_rows(void **state)
{
	(void)state;
	parsed *r = parse("plan \"T\"\n"
	                  "theme crime \"Crime\" \"Staying safe\"\n"
	                  "indicator 1 \"x\" when has sen at entry\n"
	                  "theme support \"Specific support need\"\n"
	                  "indicator 2 \"x\" when has sen at entry\n");
	assert_int_equal(r->d.errors, 0);
	theme *t = r->p->themes.v[0];
	assert_string_equal(t->title, "Crime");
	assert_string_equal(t->text, "Staying safe");
	assert_string_equal(((theme *)r->p->themes.v[1])->name, "support");
	assert_int_equal(((row *)r->p->indicators.v[0])->theme, 0);
	assert_int_equal(((row *)r->p->indicators.v[1])->theme, 1);
	done(r);
}

/* ------------------------------------------------------------ conditions */

static void test_and_binds_tighter_than_or(void **state)
{
	(void)state;
	parsed *r = parse_when("any offence at entry or any arrest at entry and not no sen at entry");
	cond *c = when_of(r);
	assert_int_equal(c->kind, COND_OR);
	assert_int_equal(c->a->kind, COND_ANY);
	assert_int_equal(c->b->kind, COND_AND);
	assert_int_equal(c->b->b->kind, COND_NOT);
	assert_int_equal(c->b->b->a->kind, COND_NONE);
	done(r);

	r = parse_when("(any offence at entry or any arrest at entry) and has sen at entry");
	c = when_of(r);
	assert_int_equal(c->kind, COND_AND);
	assert_int_equal(c->a->kind, COND_OR);
	done(r);
}

/* `or` between record types belongs to the selector; `or` before a test joins conditions. */
static void test_selector_or_versus_condition_or(void **state)
{
	(void)state;
	parsed *r = parse_when("any offence or arrest in 12 months before entry or no jsa_claim at entry");
	cond *c = when_of(r);
	assert_int_equal(c->kind, COND_OR);
	assert_int_equal(c->a->kind, COND_ANY);
	assert_int_equal(c->a->sel.n_types, 2);
	assert_int_equal(c->b->kind, COND_NONE);
	assert_int_equal(c->b->sel.n_types, 1);
	done(r);

	r = parse_when("any professional_concern about crime by practitioner in 6 months before entry");
	c = when_of(r);
	assert_string_equal(c->sel.detail_names[0], "crime");
	assert_string_equal(c->sel.authors[0], "practitioner");
	done(r);

	/* A bracketed type keeps its own qualifier; a trailing one fills the rest. */
	r = parse_when("no jsa_claim or (universal_credit about work_related) or non_working_benefit about esa "
	               "for 26 consecutive weeks from entry to claim");
	c = when_of(r);
	assert_int_equal(c->kind, COND_WEEKS);
	assert_int_equal(c->sel.n_types, 3);
	assert_string_equal(c->sel.type_names[1], "universal_credit");
	assert_string_equal(c->sel.detail_names[1], "work_related");
	assert_string_equal(c->sel.detail_names[0], "esa");
	assert_string_equal(c->sel.detail_names[2], "esa");
	done(r);

	/* `SEL throughout PERIOD while SEL`: the period narrowed to the state. */
	r = parse_when("free_entitlement_taken throughout 12 months after closure while free_entitlement_eligible");
	c = when_of(r);
	assert_int_equal(c->kind, COND_THROUGHOUT);
	assert_int_equal(c->win->kind, WIN_WHILE);
	assert_int_equal(c->win->from->kind, WIN_AFTER);
	assert_string_equal(c->win->sel->type_names[0], "free_entitlement_eligible");
	done(r);
}

static void test_windows(void **state)
{
	(void)state;
	parsed *r = parse_when("any offence at closure and any offence during support and any offence "
	                       "from entry to 6 months after closure and any offence in 3 terms after closure "
	                       "and any offence in 2 weeks before claim and any offence in 1 day after entry");
	cond *c = when_of(r);
	/* left-nested: ((((a and b) and c) and d) and e) and f */
	cond *f = c->b, *e = c->a->b, *d = c->a->a->b, *cc = c->a->a->a->b, *b = c->a->a->a->a->b,
	     *a = c->a->a->a->a->a;
	assert_int_equal(a->win->kind, WIN_AT);
	assert_int_equal(a->win->anchor, ANCHOR_CLOSURE);
	assert_int_equal(b->win->kind, WIN_SUPPORT);
	assert_int_equal(cc->win->kind, WIN_SPAN);
	assert_int_equal(cc->win->from->kind, WIN_AT);
	assert_int_equal(cc->win->from->anchor, ANCHOR_ENTRY);
	assert_int_equal(cc->win->to->kind, WIN_AFTER);
	assert_int_equal(d->win->unit, UNIT_TERMS);
	assert_int_equal(e->win->unit, UNIT_WEEKS);
	assert_int_equal(e->win->anchor, ANCHOR_CLAIM);
	assert_int_equal(f->win->unit, UNIT_DAYS);
	assert_int_equal(f->win->n, 1);
	done(r);
}

static void test_measures_and_comparisons(void **state)
{
	(void)state;
	static const struct { const char *text; cmp_op op; measure_kind m; double v; unit_kind u; } cases[] = {
		{ "count mash_enquiry in 6 months before entry is at least 2", OP_GE, MEASURE_COUNT, 2, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is at most 2", OP_LE, MEASURE_COUNT, 2, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is more than 2", OP_GT, MEASURE_COUNT, 2, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is fewer than 3", OP_LT, MEASURE_COUNT, 3, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is less than 3", OP_LT, MEASURE_COUNT, 3, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is below 3", OP_LT, MEASURE_COUNT, 3, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry is above 3", OP_GT, MEASURE_COUNT, 3, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry = 0", OP_EQ, MEASURE_COUNT, 0, UNIT_NUMBER },
		{ "count mash_enquiry in 6 months before entry <= 1", OP_LE, MEASURE_COUNT, 1, UNIT_NUMBER },
		{ "sum fixed_term_exclusion in 3 terms before entry >= 10 days", OP_GE, MEASURE_SUM, 10, UNIT_DAYS },
		{ "sum earnings in 1 month before claim > \302\243338", OP_GT, MEASURE_SUM, 338, UNIT_MONEY },
		{ "rate attendance in 3 terms before entry < 90%", OP_LT, MEASURE_RATE, 90, UNIT_PERCENT },
		{ "rate attendance in 3 terms before entry < 89.5%", OP_LT, MEASURE_RATE, 89.5, UNIT_PERCENT },
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		parsed *r = parse_when(cases[k].text);
		cond *c = when_of(r);
		assert_int_equal(c->kind, COND_COMPARE);
		assert_int_equal(c->op, cases[k].op);
		assert_int_equal(c->measure, cases[k].m);
		assert_true(c->q.value == cases[k].v);
		assert_int_equal(c->q.unit, cases[k].u);
		assert_null(c->q.param);
		done(r);
	}
	parsed *r = parse_when("count police_callout per week in 12 months before entry > police_callout_average");
	cond *c = when_of(r);
	assert_int_equal(c->per, UNIT_WEEKS);
	assert_string_equal(c->q.param, "police_callout_average");
	done(r);
}

static void test_change_forms(void **state)
{
	(void)state;
	parsed *r = parse_when("rate attendance rises by at least 40 points from 3 terms before entry to 3 terms after closure");
	cond *c = when_of(r);
	assert_int_equal(c->kind, COND_CHANGE);
	assert_int_equal(c->measure, MEASURE_RATE);
	assert_true(c->rises);
	assert_true(c->points);
	assert_int_equal(c->q.unit, UNIT_POINTS);
	done(r);
	r = parse_when("count police_callout falls by at least 50% from 6 months before entry to 6 months after closure");
	c = when_of(r);
	assert_int_equal(c->per, UNIT_NUMBER);
	assert_false(c->points);
	done(r);
}

static void test_state_tests(void **state)
{
	(void)state;
	parsed *r = parse_when("education_training_employment throughout 6 months after closure");
	cond *c = when_of(r);
	assert_int_equal(c->kind, COND_THROUGHOUT);
	assert_int_equal(c->win->kind, WIN_AFTER);
	done(r);
	r = parse_when("employment throughout from entry to claim");
	assert_int_equal(when_of(r)->win->kind, WIN_SPAN);
	done(r);
	r = parse_when("no jsa_claim for 26 consecutive weeks from entry to claim");
	c = when_of(r);
	assert_int_equal(c->kind, COND_WEEKS);
	assert_false(c->present);
	assert_int_equal(c->k, 26);
	assert_int_equal(c->n, 26);
	done(r);
	r = parse_when("has employment for 26 of 30 weeks from entry to claim");
	c = when_of(r);
	assert_true(c->present);
	assert_int_equal(c->k, 26);
	assert_int_equal(c->n, 30);
	done(r);
	r = parse_when("score family_star rises by claim or score caada_dash falls");
	c = when_of(r);
	assert_int_equal(c->a->kind, COND_SCORE);
	assert_true(c->a->rises);
	assert_string_equal(c->a->name, "family_star");
	assert_int_equal(c->a->win->anchor, ANCHOR_CLAIM);
	assert_false(c->b->rises);
	done(r);
	r = parse_when("person is primary_school and person aged 16 to 18");
	c = when_of(r);
	assert_int_equal(c->a->kind, COND_PERSON_IS);
	assert_string_equal(c->a->name, "primary_school");
	assert_int_equal(c->b->kind, COND_PERSON_AGED);
	assert_int_equal(c->b->lo, 16);
	assert_int_equal(c->b->hi, 18);
	done(r);
}

static void test_family_rules(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "family\n"
	                  "  eligible when themes met >= 2\n"
	                  "      and (some member is dependent_child or some member is expectant_parent)\n"
	                  "  claimable when every indicator met has an outcome achieved\n"
	                  "      or some adult has (employment throughout 26 weeks before claim)\n"
	                  "      or every child has (no offence during support) or indicators met is at least 3\n");
	assert_int_equal(r->d.errors, 0);
	cond *e = r->p->eligible, *c = r->p->claimable;
	assert_int_equal(e->kind, COND_AND);
	assert_int_equal(e->a->measure, MEASURE_THEMES_MET);
	assert_int_equal(e->b->kind, COND_OR);
	assert_int_equal(e->b->a->kind, COND_SOME_IS);
	assert_string_equal(e->b->a->who->name, "dependent_child");
	assert_int_equal(r->p->family_loc.line, 4);
	assert_int_equal(c->kind, COND_OR);
	assert_int_equal(c->b->measure, MEASURE_INDICATORS_MET);
	assert_int_equal(c->a->b->kind, COND_EVERY_HAS);
	assert_int_equal(c->a->b->who->kind, COH_CHILD);
	assert_int_equal(c->a->a->a->kind, COND_ALL_RESOLVED);
	assert_int_equal(c->a->a->b->kind, COND_SOME_HAS);
	assert_int_equal(c->a->a->b->a->kind, COND_THROUGHOUT);
	done(r);
}

/* ------------------------------------------------------------ scanner */

static void test_tabs_count_one_column(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator\t7.1 \"x\" when has sen at entry\n");
	assert_int_equal(r->d.errors, 0);
	row *i = r->p->indicators.v[0];
	assert_int_equal(i->id_loc.col, 11);
	done(r);
}

static void test_unclosed_string_reported_at_start(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator 1 \"never closed\n when has sen at entry\n");
	assert_int_equal(r->d.errors, 1);
	assert_non_null(strstr(r->out, "t.ehp:3:13: error: this string is not closed"));
	done(r);
}

static void test_stray_character_and_bad_number(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator 1 \"x\" when has sen at entry $\nindicator 2x_ \"y\" when has sen at entry\n");
	assert_int_equal(r->d.errors, 2);
	assert_non_null(strstr(r->out, "t.ehp:3:39: error: unexpected character `$`"));
	assert_non_null(strstr(r->out, "t.ehp:4:11: error: `2x_` is not a number or a row id"));
	done(r);
}

/* ------------------------------------------------------------ syntax errors */

static void test_missing_when_message(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator 1.1 \"x\"\n  who child\n  any offence in 12 months before entry\n");
	assert_int_equal(r->d.errors, 1);
	assert_string_equal(r->out,
	                    "t.ehp:5:3: error: unexpected `any`, expected `when` and a condition after the "
	                    "indicator's wording (or `who`, `period`, `source`, `note`)\n"
	                    "    5 |   any offence in 12 months before entry\n"
	                    "      |   ^~~\n");
	done(r);
}

static void test_recovery_reports_every_error(void **state)
{
	(void)state;
	parsed *r = parse(HEAD
	                  "indicator 1 \"x\" when any offence in 12 months before entri\n"
	                  "indicator 2 \"x\" when any arrest 12 months before entry\n"
	                  "indicator 3 \"x\" when has sen at entry\n"
	                  "outcome 3a \"y\" for indicator 3 when count offence in 1 month after closure is at\n"
	                  "theme education \"Education\"\n"
	                  "indicator 4 \"x\" when has sen at entry\n");
	assert_int_equal(r->d.errors, 3);
	assert_non_null(strstr(r->out, "t.ehp:3:54: error: unexpected `entri`, expected `entry`, `closure` or `claim`"));
	assert_non_null(strstr(r->out, "t.ehp:4:33: error: unexpected `12`, expected a time window"));
	assert_non_null(strstr(r->out, "t.ehp:7:1: error: unexpected `theme`"));
	/* the rows after each error were still read */
	assert_int_equal(r->p->indicators.n, 4);
	assert_int_equal(r->p->themes.n, 2);
	assert_int_equal(((row *)r->p->indicators.v[3])->theme, 1);
	assert_non_null(((row *)r->p->indicators.v[2])->when);
	done(r);
}

static void test_error_at_end_of_file(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator 1 \"x\" when any offence in");
	assert_int_equal(r->d.errors, 1);
	assert_non_null(strstr(r->out, "unexpected end of file"));
	done(r);
}

/* ------------------------------------------------------------ keywords, recovery, limits */

/* Every spelling of grammar/keywords.def is found, with its token; names
 * that are prefixes or extensions of keywords, or differ in case, are not. */
static void test_keyword_lookup(void **state)
{
	(void)state;
	assert_true(lex_n_keywords > 90);
	for (size_t i = 0; i < lex_n_keywords; i++) {
		const char *w = lex_keywords[i].word;
		assert_int_equal(lex_keyword(w, strlen(w)), lex_keywords[i].token);
		if (i > 0)
			assert_true(strcmp(lex_keywords[i - 1].word, w) < 0);
		char longer[64];
		snprintf(longer, sizeof longer, "%sx", w);
		assert_int_equal(lex_keyword(longer, strlen(longer)), 0);
		/* w less its last letter is a keyword only if it is in the list
		 * (`day` of `days`), never by matching a prefix (`whe` of `when`) */
		size_t n = strlen(w) - 1;
		bool listed = false;
		for (size_t j = 0; j < lex_n_keywords; j++)
			listed |= strlen(lex_keywords[j].word) == n && !strncmp(lex_keywords[j].word, w, n);
		assert_int_equal(lex_keyword(w, n) != 0, listed);
	}
	assert_int_equal(lex_keyword("when", 4), WHEN);
	assert_int_equal(lex_keyword("month", 5), MONTHS);
	assert_int_equal(lex_keyword("When", 4), 0);
	assert_int_equal(lex_keyword("offence", 7), 0);
	assert_int_equal(lex_keyword("", 0), 0);
}

/* A missing quote, a missing `when`: one error each, and the rows after
 * them read and kept. */
static void test_one_error_per_mistake(void **state)
{
	(void)state;
	parsed *r = parse(HEAD "indicator 1 \"Convicted\n"
	                  "  when any offence in 12 months before entry\n"
	                  "indicator 2 Arrested in the year\"\n"
	                  "  when any arrest in 12 months before entry\n"
	                  "indicator 3 \"Call-outs\"\n"
	                  "  any police_callout in 12 months before entry\n"
	                  "outcome 1a \"x\" for indicators 1, 2, 3 when no offence in 6 months after closure\n");
	assert_int_equal(r->d.errors, 3);
	assert_non_null(strstr(r->out, "t.ehp:3:13: error: this string is not closed"));
	assert_non_null(strstr(r->out, "t.ehp:5:13: error: this wording has no opening quote: add a `\"` before `Arrested`"));
	assert_non_null(strstr(r->out, "t.ehp:8:3: error: unexpected `any`"));
	assert_int_equal(r->p->indicators.n, 3);
	assert_int_equal(r->p->outcomes.n, 1);
	assert_non_null(((row *)r->p->indicators.v[0])->when);
	assert_non_null(((row *)r->p->indicators.v[1])->when);
	assert_true(((row *)r->p->indicators.v[2])->broken);
	done(r);
}

/* Past a limit, one error, and the tree keeps within it. */
static void test_limits(void **state)
{
	(void)state;
	size_t cap = 64 * 1024;
	char *text = malloc(cap);
	assert_non_null(text);
	int n = snprintf(text, cap, HEAD "indicator 1 \"x\" when any offence in 1 months before entry");
	for (int i = 0; i < EHP_MAX_COND_DEPTH + 10; i++)
		n += snprintf(text + n, cap - (size_t)n, " or any arrest in 1 months before entry");
	parsed *r = parse(text);
	assert_int_equal(r->d.errors, 1);
	assert_non_null(strstr(r->out, "a condition may join at most 500 tests"));
	assert_true(((row *)r->p->indicators.v[0])->when->depth <= EHP_MAX_COND_DEPTH);
	done(r);

	n = snprintf(text, cap, HEAD "indicator 1 \"x\" who family when ");
	for (int i = 0; i <= EHP_MAX_QUANTIFIERS; i++)
		n += snprintf(text + n, cap - (size_t)n, "some member has (");
	n += snprintf(text + n, cap - (size_t)n, "any offence in 1 months before entry");
	for (int i = 0; i <= EHP_MAX_QUANTIFIERS; i++)
		n += snprintf(text + n, cap - (size_t)n, ")");
	r = parse(text);
	assert_int_equal(r->d.errors, 1);
	assert_non_null(strstr(r->out, "may be nested at most 2 deep; this is 3 deep"));
	done(r);
	free(text);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_header_and_prose),
		cmocka_unit_test(test_iso_date),
		cmocka_unit_test(test_parameters),
		cmocka_unit_test(test_cohort_forms),
		cmocka_unit_test(test_indicator_and_outcome),
		cmocka_unit_test(test_row_ids),
		cmocka_unit_test(test_themes_assign_rows),
		cmocka_unit_test(test_and_binds_tighter_than_or),
		cmocka_unit_test(test_selector_or_versus_condition_or),
		cmocka_unit_test(test_windows),
		cmocka_unit_test(test_measures_and_comparisons),
		cmocka_unit_test(test_change_forms),
		cmocka_unit_test(test_state_tests),
		cmocka_unit_test(test_family_rules),
		cmocka_unit_test(test_tabs_count_one_column),
		cmocka_unit_test(test_unclosed_string_reported_at_start),
		cmocka_unit_test(test_stray_character_and_bad_number),
		cmocka_unit_test(test_missing_when_message),
		cmocka_unit_test(test_recovery_reports_every_error),
		cmocka_unit_test(test_error_at_end_of_file),
		cmocka_unit_test(test_keyword_lookup),
		cmocka_unit_test(test_one_error_per_mistake),
		cmocka_unit_test(test_limits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
