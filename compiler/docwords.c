/*
 * docwords.c - a plan's rules in plain English, for the documents a
 * partnership reads and signs off (docgen.c: Markdown, dochtml.c: HTML).
 *
 * The words are built from the checked tree, construct by construct, so
 * they say what the evaluator runs; the documents also quote the plan file
 * itself. The text is plain (no markup): each back end escapes it. Names
 * from the data vocabulary are written with spaces for underscores
 * (`out_of_court_disposal`: "out of court disposal"); parameters keep their
 * names, with the plan's value beside them, so a reader can find them in the
 * parameter table and in `--set`.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "docwords.h"

typedef struct {
	FILE *f;
	const plan *p;
} words;

static void name_words(words *w, const char *name)
{
	for (const char *s = name; s && *s; s++)
		putc(*s == '_' ? ' ' : *s, w->f);
}

static const char *anchor_words(anchor_kind a)
{
	switch (a) {
	case ANCHOR_ENTRY: return "entry";
	case ANCHOR_CLOSURE: return "closure";
	case ANCHOR_CLAIM: return "the claim date";
	}
	return "?";
}

static const char *unit_words(unit_kind u, int n)
{
	bool one = n == 1;
	switch (u) {
	case UNIT_DAYS: return one ? "day" : "days";
	case UNIT_WEEKS: return one ? "week" : "weeks";
	case UNIT_MONTHS: return one ? "month" : "months";
	case UNIT_TERMS: return one ? "school term" : "school terms";
	case UNIT_SESSIONS: return one ? "session" : "sessions";
	case UNIT_POINTS: return one ? "percentage point" : "percentage points";
	default: return "";
	}
}

/* A number with its unit: "90%", "£338", "5 days", "3". */
static void number_words(FILE *f, double v, unit_kind u)
{
	switch (u) {
	case UNIT_PERCENT: fprintf(f, "%g%%", v); break;
	case UNIT_MONEY: fprintf(f, "\xc2\xa3%g", v); break;
	case UNIT_YESNO: fputs(v != 0 ? "yes" : "no", f); break;
	case UNIT_NUMBER:
	case UNIT_SCORE: fprintf(f, "%g", v); break;
	default: fprintf(f, "%g %s", v, unit_words(u, v == 1 ? 1 : 2)); break;
	}
}

/* A parameter's value as the plan sets it: "£338", or every dated value,
 * "£338 from 01/04/2024, then £352 from 01/04/2025, taken on the claim
 * date; the first before 01/04/2024". */
static void param_value_words(FILE *f, const param *pm)
{
	if (!pm->steps.n) {
		number_words(f, pm->value.value, pm->value.unit);
		return;
	}
	for (int i = 0; i < pm->steps.n; i++) {
		const param_step *st = pm->steps.v[i];
		if (i)
			fputs(", then ", f);
		number_words(f, st->value.value, st->value.unit);
		fprintf(f, " from %s", st->date);
	}
	fprintf(f, ", taken %s; the first before %s", pm->chosen_at == ANCHOR_ENTRY ? "at the family's entry" : "on the claim date",
	        ((const param_step *)pm->steps.v[0])->date);
}

static void quantity_words(words *w, const quantity *q)
{
	if (q->param) {
		fprintf(w->f, "%s (", q->param);
		if (w->p && q->param_index >= 0 && q->param_index < w->p->params.n)
			param_value_words(w->f, w->p->params.v[q->param_index]);
		else
			number_words(w->f, q->value, q->unit);
		fputs(")", w->f);
	} else {
		number_words(w->f, q->value, q->unit);
	}
}

/* ------------------------------------------------------------ cohorts */

static void ages_words(words *w, int lo, int hi, int at)
{
	if (lo < 0 && hi < 0)
		fputs("of any age", w->f);
	else if (lo < 0)
		fprintf(w->f, "aged under %d", hi + 1);
	else if (hi < 0)
		fprintf(w->f, "aged %d or over", lo);
	else
		fprintf(w->f, "aged %d to %d", lo, hi);
	fprintf(w->f, " at %s", at < 0 ? "entry" : anchor_words((anchor_kind)at));
}

static void cond_words(words *w, const cond *c);

static void cohort_words(words *w, const cohort *c)
{
	bool base;
	switch (c->kind) {
	case COH_ANYONE: fputs("any member", w->f); break;
	case COH_CHILD: fputs("a child (under 18 at entry)", w->f); break;
	case COH_ADULT: fputs("an adult (18 or over at entry)", w->f); break;
	case COH_NAMED: fputs("a member of the group ", w->f); name_words(w, c->name); break;
	case COH_AGED: fputs("a person ", w->f); ages_words(w, c->lo, c->hi, c->age_at); break;
	case COH_FLAG: fputs("a person flagged \"", w->f); name_words(w, c->name); fputs("\"", w->f); break;
	case COH_AND:
		/* narrowed: "a child aged under 16 at entry", "a person aged 10 to 18 at entry" */
		base = c->a->kind == COH_ANYONE || c->a->kind == COH_CHILD || c->a->kind == COH_ADULT;
		if (c->a->kind == COH_ANYONE)
			fputs("a person", w->f);
		else if (c->a->kind == COH_CHILD)
			fputs("a child", w->f);
		else if (c->a->kind == COH_ADULT)
			fputs("an adult", w->f);
		else
			cohort_words(w, c->a);
		if (c->b->kind == COH_AGED) {
			fputs(base ? " " : ", ", w->f);
			ages_words(w, c->b->lo, c->b->hi, c->b->age_at);
		} else if (c->b->kind == COH_FLAG) {
			fputs(base ? " flagged \"" : ", flagged \"", w->f);
			name_words(w, c->b->name);
			fputs("\"", w->f);
		} else if (c->b->kind == COH_NOT || c->b->kind == COH_COND) {
			fputs(base ? " " : ", ", w->f);
			cohort_words(w, c->b);
		} else {
			fputs(" who is also ", w->f);
			cohort_words(w, c->b);
		}
		break;
	case COH_OR:
		cohort_words(w, c->a);
		fputs(", or ", w->f);
		cohort_words(w, c->b);
		break;
	case COH_NOT: /* `who is not F`: "not flagged ..." */
		if (c->a->kind == COH_FLAG) {
			fputs("not flagged \"", w->f);
			name_words(w, c->a->name);
			fputs("\"", w->f);
		} else {
			fputs("who is not ", w->f);
			cohort_words(w, c->a);
		}
		break;
	case COH_COND: /* `who has (COND)` */
		fputs("for whom (", w->f);
		cond_words(w, c->cond);
		fputs(")", w->f);
		break;
	}
}

/* ------------------------------------------------------------ windows */

static void period_words(words *w, const window *x, bool as_point);

/* A point in time: "entry", "1 day before entry". */
static void point_words(words *w, const window *x)
{
	if (!x) {
		fputs("?", w->f);
		return;
	}
	if (x->kind == WIN_AT) {
		fputs(anchor_words(x->anchor), w->f);
		return;
	}
	period_words(w, x, true);
}

/* A shifted point a period counts from: "the day before entry", "3 months
 * before the claim date". */
static void shifted_words(words *w, const window *x)
{
	if ((x->kind != WIN_BEFORE && x->kind != WIN_AFTER) || x->n_param) {
		point_words(w, x);
		return;
	}
	if (x->n == 1 && x->unit == UNIT_DAYS)
		fputs("the day", w->f);
	else
		fprintf(w->f, "%d %s", x->n, unit_words(x->unit, x->n));
	fputs(x->kind == WIN_BEFORE ? " before " : " after ", w->f);
	if (x->of)
		shifted_words(w, x->of);
	else
		fputs(anchor_words(x->anchor), w->f);
}

/* "N months" or "sustain_period (6 months)". */
static void length_words(words *w, const window *x)
{
	if (x->n_param) {
		const param *pm = x->n_param_index >= 0 && x->n_param_index < w->p->params.n
		                      ? w->p->params.v[x->n_param_index] : NULL;
		fprintf(w->f, "%s", x->n_param);
		if (pm) {
			fputs(" (", w->f);
			number_words(w->f, pm->value.value, pm->value.unit);
			fputs(")", w->f);
		}
	} else {
		fprintf(w->f, "%d %s", x->n, unit_words(x->unit, x->n));
	}
}

/* A window after a record test: "in the 12 months before entry". As a
 * point (the start or end of a change): "the 12 months before entry". */
static void period_words(words *w, const window *x, bool as_point)
{
	switch (x->kind) {
	case WIN_BEFORE:
	case WIN_AFTER:
		fputs(x->less ? "less than " : as_point ? "the " : "in the ", w->f);
		length_words(w, x);
		fputs(x->kind == WIN_BEFORE ? " before " : " after ", w->f);
		if (x->of)
			shifted_words(w, x->of);
		else
			fputs(anchor_words(x->anchor), w->f);
		if (x->less && x->kind == WIN_AFTER)
			fputs(", that day included", w->f);
		break;
	case WIN_AROUND:
		fputs("within ", w->f);
		length_words(w, x);
		fputs(" of ", w->f);
		if (x->of)
			shifted_words(w, x->of);
		else
			fputs(anchor_words(x->anchor), w->f);
		break;
	case WIN_AT:
		fprintf(w->f, "%s%s", as_point ? "" : "on the day of ", anchor_words(x->anchor));
		break;
	case WIN_SPAN:
		fputs("from ", w->f);
		point_words(w, x->from);
		fputs(" to ", w->f);
		point_words(w, x->to);
		break;
	case WIN_SUPPORT:
		fputs("during support (entry to closure)", w->f);
		break;
	case WIN_EVER:
		fprintf(w->f, "at any time before %s", anchor_words(x->anchor));
		break;
	case WIN_WHILE:
		if (x->from) {
			period_words(w, x->from, as_point);
			fputs(", ", w->f);
		}
		fputs("while the latest ", w->f);
		break;
	}
}

/* ------------------------------------------------------------ selectors */

static void selector_words(words *w, const selector *s)
{
	for (int i = 0; i < s->n_types; i++) {
		if (i)
			fputs(i + 1 == s->n_types ? " or " : ", ", w->f);
		if (s->plus[i])
			fputs("(added) ", w->f);
		name_words(w, s->type_names[i]);
		if (s->detail_names[i]) {
			fputs(" about ", w->f);
			name_words(w, s->detail_names[i]);
		}
		if (s->authors[i]) {
			fputs(" recorded by ", w->f);
			name_words(w, s->authors[i]);
		}
	}
	if (s->starting)
		fputs(" begun", w->f);
}

/* The window after a test; a `while` window names its selection after it. */
static void window_words(words *w, const window *x)
{
	if (!x)
		return;
	fputc(' ', w->f);
	period_words(w, x, false);
	if (x->kind == WIN_WHILE) {
		selector_words(w, x->sel);
		fputs(" lasts", w->f);
	}
}

/* ------------------------------------------------------------ conditions */

static const char *op_words(cmp_op op)
{
	switch (op) {
	case OP_LT: return "is less than";
	case OP_LE: return "is at most";
	case OP_GT: return "is more than";
	case OP_GE: return "is at least";
	case OP_EQ: return "is exactly";
	}
	return "?";
}

static void per_words(words *w, unit_kind per)
{
	if (per != UNIT_NUMBER)
		fprintf(w->f, " per %s", unit_words(per, 1));
}

/* "at most 1 theme from each member flagged "living apart"": a member
 * narrowed once is named by the narrowing, any other group in full. */
static void limit_words(words *w, const member_limit *l)
{
	fprintf(w->f, "at most %d %s%s from each member ", l->most, l->indicators ? "indicator" : "theme",
	        l->most == 1 ? "" : "s");
	const cohort *c = l->who;
	if (c->kind == COH_AND && c->a->kind == COH_ANYONE && c->b->kind != COH_AND && c->b->kind != COH_OR)
		c = c->b; /* `member who is living_apart`: its flag */
	if (c->kind == COH_FLAG) {
		fputs("flagged \"", w->f);
		name_words(w, c->name);
		fputs("\"", w->f);
	} else if (c->kind == COH_NAMED) {
		fputs("of the group ", w->f);
		name_words(w, c->name);
	} else if (c->kind == COH_AGED) {
		ages_words(w, c->lo, c->hi, c->age_at);
	} else if (c->kind == COH_NOT || c->kind == COH_COND) {
		cohort_words(w, c);
	} else {
		fputs("who is ", w->f);
		cohort_words(w, c);
	}
}

static void measure_words(words *w, const cond *c)
{
	switch (c->measure) {
	case MEASURE_COUNT: fputs("the number of records of ", w->f); break;
	case MEASURE_SUM: fputs("the total of ", w->f); break;
	case MEASURE_RATE: fputs("the rate of ", w->f); break;
	case MEASURE_THEMES_MET:
	case MEASURE_INDICATORS_MET:
		fputs(c->measure == MEASURE_THEMES_MET ? "the number of themes in which the family meets an indicator"
		                                       : "the number of indicators the family meets",
		      w->f);
		if (c->limit) { /* what one member may add: "..., counting at most 1 theme from each ...," */
			fputs(", counting ", w->f);
			limit_words(w, c->limit);
			fputs(",", w->f);
		}
		return;
	}
	selector_words(w, &c->sel);
	if (c->who) { /* `of school_age together`: one figure from the group's records */
		fputs(" of ", w->f);
		if (c->who->kind == COH_NAMED) {
			fputs("the group ", w->f);
			name_words(w, c->who->name);
		} else {
			fputs("every member who is ", w->f);
			cohort_words(w, c->who);
		}
		fputs(", taken together,", w->f);
	}
	per_words(w, c->per);
}

/* A part of `and` / `or`: bracketed when it is the other of the two. */
static void part_words(words *w, const cond *c, cond_kind parent)
{
	bool wrap = (c->kind == COND_AND || c->kind == COND_OR) && c->kind != parent;
	if (wrap)
		fputs(c->kind == COND_OR ? "(either " : "(", w->f);
	cond_words(w, c);
	if (wrap)
		fputs(")", w->f);
}

static void cond_words(words *w, const cond *c)
{
	FILE *f = w->f;
	switch (c->kind) {
	case COND_AND:
	case COND_OR:
		part_words(w, c->a, c->kind);
		fputs(c->kind == COND_AND ? "; and " : "; or ", f);
		part_words(w, c->b, c->kind);
		break;
	case COND_NOT:
		fputs("it is not the case that ", f);
		part_words(w, c->a, COND_NOT);
		break;
	case COND_ANY:
		fputs("there is a record of ", f);
		selector_words(w, &c->sel);
		window_words(w, c->win);
		break;
	case COND_NONE:
		fputs("there is no record of ", f);
		selector_words(w, &c->sel);
		window_words(w, c->win);
		break;
	case COND_THROUGHOUT:
		selector_words(w, &c->sel);
		fputs(" covers every day", f);
		window_words(w, c->win);
		break;
	case COND_WEEKS:
		if (c->measure == MEASURE_SUM) { /* a week's total compared */
			fputs("the week's total of ", f);
			selector_words(w, &c->sel);
			fprintf(f, " %s ", op_words(c->op));
			quantity_words(w, &c->q);
		} else {
			fputs(c->present ? "there is " : "there is no ", f);
			selector_words(w, &c->sel);
		}
		if (c->k == c->n)
			fprintf(f, " for %d consecutive weeks", c->k);
		else
			fprintf(f, " in %d of %d weeks", c->k, c->n);
		window_words(w, c->win);
		break;
	case COND_COMPARE:
		measure_words(w, c);
		if (c->roll_n)
			fprintf(f, " in the busiest %d %s", c->roll_n, unit_words(c->roll_unit, c->roll_n));
		window_words(w, c->win);
		fprintf(f, " %s ", op_words(c->op));
		quantity_words(w, &c->q);
		break;
	case COND_CHANGE:
		measure_words(w, c);
		fputs(c->rises ? " rises" : " falls", f);
		if (!c->any_change) {
			fputs(" by at least ", f);
			quantity_words(w, &c->q);
			if (c->points && c->q.unit != UNIT_POINTS)
				fputs(" (percentage points)", f);
		}
		fputs(" from ", f);
		point_words(w, c->win);
		fputs(" to ", f);
		point_words(w, c->win2);
		break;
	case COND_SCORE:
		fputs("the ", f);
		name_words(w, c->name);
		fprintf(f, " score %s", c->rises ? "rises" : "falls");
		if (c->roll_n)
			fprintf(f, " over at least %d %s", c->roll_n, unit_words(c->roll_unit, c->roll_n));
		if (c->win) {
			fputs(" by ", f);
			point_words(w, c->win);
		}
		break;
	case COND_PERSON_IS:
		fputs("the person is flagged \"", f);
		name_words(w, c->name);
		fputs("\"", f);
		break;
	case COND_PERSON_AGED:
		fputs("the person is ", f);
		ages_words(w, c->lo, c->hi, c->age_at);
		break;
	case COND_SOME_HAS:
	case COND_EVERY_HAS:
		fputs(c->kind == COND_SOME_HAS ? "for at least one " : "for every one of ", f);
		cohort_words(w, c->who);
		fputs(" in the family: ", f);
		part_words(w, c->a, COND_NOT);
		break;
	case COND_SOME_IS:
		fputs("a member of the family is ", f);
		cohort_words(w, c->who);
		break;
	case COND_GAP: {
		static const char *const HOW[] = { [GAP_AT_LEAST] = "at least", [GAP_MORE_THAN] = "more than",
		                                   [GAP_AT_MOST] = "at most", [GAP_LESS_THAN] = "less than",
		                                   [GAP_WITHIN] = "within" };
		fprintf(f, "%s is %s ", anchor_words(c->anchor), HOW[c->gap]);
		if (c->win) {
			length_words(w, c->win);
			fputs(c->win->kind == WIN_AROUND ? " of " : c->win->kind == WIN_BEFORE ? " before " : " after ", f);
			if (c->win->of)
				shifted_words(w, c->win->of);
			else
				fputs(anchor_words(c->win->anchor), f);
		}
		break;
	}
	case COND_DATE:
		fprintf(f, "%s is %s %s", anchor_words(c->anchor), c->present ? "on or after" : "before", c->name);
		break;
	case COND_SETTING:
		fprintf(f, "the setting %s is %s", c->name, c->present ? "yes" : "no");
		if (c->ref >= 0 && c->ref < w->p->params.n) {
			const param *pm = w->p->params.v[c->ref];
			fprintf(f, " (the plan sets %s)", pm->value.value != 0 ? "yes" : "no");
		}
		break;
	case COND_ALL_RESOLVED:
		fputs("every indicator the family met", f);
		if (c->rejudged)
			fprintf(f, " (judged again at %s)", anchor_words(c->anchor));
		fputs(" has an outcome achieved", f);
		break;
	case COND_NEWLY_MET:
		fprintf(f, "no indicator is newly met at %s", anchor_words(c->anchor));
		break;
	case COND_ANY_AFTER:
		fputs("there is a record of ", f);
		selector_words(w, &c->sel);
		fprintf(f, " at least %d %s after a record of ", c->roll_n, unit_words(c->roll_unit, c->roll_n));
		if (c->sel2)
			selector_words(w, c->sel2);
		break;
	}
}

/* ------------------------------------------------------------ entry points */

typedef void (*words_fn)(words *w, const void *arg);

static char *render(const plan *p, words_fn fn, const void *arg)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		return NULL;
	words w = { f, p };
	fn(&w, arg);
	if (fclose(f) != 0) {
		free(buf);
		return NULL;
	}
	return buf;
}

static void do_cond(words *w, const void *arg)
{
	cond_words(w, arg);
}

static void do_cohort(words *w, const void *arg)
{
	cohort_words(w, arg);
}

static void do_limit(words *w, const void *arg)
{
	limit_words(w, arg);
}

static void do_who(words *w, const void *arg)
{
	const row *r = arg;
	if (r->scope == SCOPE_HOUSEHOLD)
		fputs("the household", w->f);
	else if (r->scope == SCOPE_FAMILY)
		fputs("the family as a whole", w->f);
	else if (r->who)
		cohort_words(w, r->who);
	else if (r->kind == ROW_OUTCOME)
		fputs("each member who met the indicator", w->f);
	else
		fputs("any member", w->f);
}

static void do_text(words *w, const void *arg)
{
	fputs(arg, w->f);
}

static void do_param(words *w, const void *arg)
{
	param_value_words(w->f, arg);
}

char *words_cond(const plan *p, const cond *c)
{
	return render(p, do_cond, c);
}

char *words_who(const plan *p, const row *r)
{
	return render(p, do_who, r);
}

char *words_cohort(const plan *p, const cohort *c)
{
	return render(p, do_cohort, c);
}

char *words_member_limit(const plan *p, const member_limit *l)
{
	return render(p, do_limit, l);
}

char *words_eligible(const plan *p)
{
	return p->eligible ? words_cond(p, p->eligible)
	                   : render(p, do_text, "the family meets at least one indicator");
}

char *words_claimable(const plan *p)
{
	return p->claimable ? words_cond(p, p->claimable)
	                    : render(p, do_text, "every indicator the family met has an outcome achieved");
}

char *words_param_value(const param *pm)
{
	return render(NULL, do_param, pm);
}

static void mark_param(const plan *p, const char *name, bool *used)
{
	if (!name)
		return;
	for (int i = 0; i < p->params.n; i++)
		if (!strcmp(((const param *)p->params.v[i])->name, name))
			used[i] = true;
}

static void window_params(const plan *p, const window *x, bool *used)
{
	for (; x; x = x->of) {
		mark_param(p, x->n_param, used);
		window_params(p, x->from, used);
		window_params(p, x->to, used);
	}
}

static void cond_params(const plan *p, const cond *c, bool *used)
{
	if (!c)
		return;
	mark_param(p, c->q.param, used);
	if (c->kind == COND_SETTING)
		mark_param(p, c->name, used);
	window_params(p, c->win, used);
	window_params(p, c->win2, used);
	cond_params(p, c->a, used);
	cond_params(p, c->b, used);
}

const param **words_params_of(const plan *p, const cond *c, int *n)
{
	*n = 0;
	if (!c || !p->params.n)
		return NULL;
	bool *used = calloc((size_t)p->params.n, sizeof *used);
	const param **v = malloc((size_t)p->params.n * sizeof *v);
	if (used && v) {
		cond_params(p, c, used);
		for (int i = 0; i < p->params.n; i++)
			if (used[i])
				v[(*n)++] = p->params.v[i];
	}
	free(used);
	if (!*n) {
		free(v);
		v = NULL;
	}
	return v;
}

/* ------------------------------------------------------------ layout */

void doc_anchor(FILE *f, const char *kind, const char *id)
{
	fprintf(f, "%s-", kind);
	for (const unsigned char *p = (const unsigned char *)id; *p; p++)
		putc(((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9')) ? *p : '-', f);
}

bool doc_serves(const row *out, int indicator)
{
	for (int s = 0; s < out->n_serves; s++)
		if (out->serves[s] == indicator)
			return true;
	return false;
}

int doc_theme_before(const plan *p, const prose *x)
{
	int t = -1;
	for (int i = 0; i < p->themes.n; i++)
		if (((const theme *)p->themes.v[i])->loc.line <= x->loc.line)
			t = i;
	return t;
}
