/*
 * sema.c - checks a parsed plan and fills in what the back end needs:
 * names resolved to vocabulary and row indices, units checked, ids unique.
 * Every problem is reported (with a hint where one helps) and checking goes
 * on, so one run shows them all.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "bands.h"
#include "ehp.h"
#include "frontend.h"
#include "suggest.h"
#include "wording.h"

typedef enum { CTX_PERSON, CTX_HOUSEHOLD, CTX_FAMILY_ROW, CTX_FAMILY_RULE } context;

/* Row ids sorted, to find an id or its duplicates by binary search: a plan
 * of ten thousand rows is checked in a blink. */
typedef struct {
	const char *id;
	int index;
} id_entry;

typedef struct {
	id_entry *v;
	int n;
	int *first;   /* first[i]: the first row with row i's id (i itself unless a duplicate) */
} id_index;

typedef struct {
	arena *arena;
	diag *d;
	plan *p;
	bool complete; /* no syntax error: every item was read (warnings wait for it) */
	id_index indicators;
} checker;

static const char *unit_words(unit_kind u)
{
	switch (u) {
	case UNIT_NUMBER: return "a plain number";
	case UNIT_PERCENT: return "a percentage";
	case UNIT_MONEY: return "an amount in pounds";
	case UNIT_DAYS: return "a number of days";
	case UNIT_WEEKS: return "a number of weeks";
	case UNIT_MONTHS: return "a number of months";
	case UNIT_TERMS: return "a number of terms";
	case UNIT_SESSIONS: return "a number of sessions";
	case UNIT_SCORE: return "a score";
	case UNIT_POINTS: return "percentage points";
	case UNIT_YESNO: return "a yes/no setting";
	}
	return "a number";
}

static void unknown(checker *c, src_loc loc, const char *what, const char *name, const char *const *names, size_t n)
{
	for (int i = 0; i < c->p->lost.n; i++)
		if (!strcmp(c->p->lost.v[i], name))
			return; /* defined by an item the parser had to skip: reported there */
	diag_error(c->d, loc, "unknown %s `%s`", what, name);
	const char *s = suggest(name, names, n);
	if (s)
		diag_hint(c->d, "did you mean `%s`?", s);
}

/* Names of a ptr_vec's items for suggestions, through a field getter. */
static const char **names_of(checker *c, const ptr_vec *v, const char *(*get)(const void *))
{
	const char **names = arena_alloc(c->arena, ((size_t)v->n + 1) * sizeof *names);
	for (int i = 0; i < v->n; i++)
		names[i] = get(v->v[i]);
	return names;
}
/* The record types' names, for a suggestion (only on the error path). */
static const char **type_names(checker *c)
{
	const char **names = arena_alloc(c->arena, EHP_N_TYPES * sizeof *names);
	for (int i = 0; i < EHP_N_TYPES; i++)
		names[i] = ehp_types[i].name;
	return names;
}
static const char *param_name(const void *x) { return ((const param *)x)->name; }
static const char *cohort_name(const void *x) { return ((const cohort_def *)x)->name; }
static const char *theme_name(const void *x) { return ((const theme *)x)->name; }
static const char *row_id(const void *x) { return ((const row *)x)->id; }

static int find(const ptr_vec *v, const char *name, const char *(*get)(const void *))
{
	for (int i = 0; i < v->n; i++)
		if (!strcmp(get(v->v[i]), name))
			return i;
	return -1;
}

/* ------------------------------------------------------------ quantities */

/* False when the quantity names a parameter that cannot stand here (already
 * reported): its unit is then unknown, and comparing it would only repeat
 * the error. */
static bool resolve_quantity(checker *c, quantity *q)
{
	if (!q->param)
		return true;
	int i = find(&c->p->params, q->param, param_name);
	if (i < 0) {
		unknown(c, q->loc, "parameter", q->param, names_of(c, &c->p->params, param_name), (size_t)c->p->params.n);
		return false;
	}
	param *pm = c->p->params.v[i];
	pm->used = true;
	if (pm->broken)
		return false;
	if (pm->value.unit == UNIT_YESNO) {
		diag_error(c->d, q->loc, "`%s` is a yes/no setting, not a number", q->param);
		diag_hint(c->d, "test it on its own: `%s is yes` or `%s is no`", q->param, q->param);
		return false;
	}
	q->param_index = i;
	q->value = pm->value.value;
	q->unit = pm->value.unit;
	return true;
}

static void check_percent(checker *c, const quantity *q, bool allow_over);

/* A date written in the plan as an ehp_date; EHP_NO_DATE (reported) when
 * there is no such day. */
static int plan_date(checker *c, const char *text, src_loc loc)
{
	ehp_date d = ehp_date_parse(text, strlen(text));
	if (d == EHP_NO_DATE)
		diag_error(c->d, loc, "there is no such day as `%s`", text);
	return d;
}

/* `parameter x = £338 from 01/04/2024, £352 from 01/04/2025`: one unit,
 * dates in order, chosen by a date every family has. */
static void check_steps(checker *c, param *pm)
{
	int last = EHP_NO_DATE;
	for (int i = 0; i < pm->steps.n; i++) {
		param_step *st = pm->steps.v[i];
		st->day = plan_date(c, st->date, st->date_loc);
		if (i > 0 && st->value.param)
			diag_error(c->d, st->value.loc, "a parameter's value is a number, not another parameter");
		else if (i > 0 && st->value.unit != pm->value.unit)
			diag_error(c->d, st->value.loc, "every value of `%s` must be %s, as its first is", pm->name,
			           unit_words(pm->value.unit));
		if (i > 0)
			check_percent(c, &st->value, false);
		if (st->day != EHP_NO_DATE && last != EHP_NO_DATE && st->day <= last) {
			diag_error(c->d, st->date_loc, "the values of `%s` take effect in date order: `%s` is not after the date before it",
			           pm->name, st->date);
			diag_hint(c->d, "list each value after the one it replaces");
		}
		if (st->day != EHP_NO_DATE)
			last = st->day;
	}
	if (!pm->steps.n)
		return;
	unit_kind u = pm->value.unit;
	if (u == UNIT_DAYS || u == UNIT_WEEKS || u == UNIT_MONTHS || u == UNIT_TERMS)
		diag_error(c->d, pm->value.loc, "a length of time cannot change with the date: give `%s` one value", pm->name);
	if (pm->chosen_at == ANCHOR_CLOSURE) {
		diag_error(c->d, pm->chosen_loc, "a dated value is chosen by the claim date or `at entry`: closure is not known while support is open");
		diag_hint(c->d, "write `at entry`, or nothing for the claim date");
	}
}

/* ------------------------------------------------------------ cohorts */

static void check_band(checker *c, src_loc loc, int lo, int hi)
{
	if (lo >= 0 && hi >= 0 && lo > hi)
		diag_error(c->d, loc, "this age band is backwards: write `aged %d to %d`", hi, lo);
}

static void check_cond(checker *c, cond *k, context ctx);

/* `who has (COND)` is judged for one member at a time; `some C has`
 * inside it would judge every member again for each. */
static void check_group_cond(checker *c, const cond *k)
{
	if (!k)
		return;
	if (k->kind == COND_SOME_HAS || k->kind == COND_EVERY_HAS || k->kind == COND_SOME_IS) {
		diag_error(c->d, k->loc, "a group's condition is about one member: `some` and `every` cannot be used in it");
		diag_hint(c->d, "test the member's own records, flags and age here, and other members in the row's `when`");
		return;
	}
	check_group_cond(c, k->a);
	check_group_cond(c, k->b);
}

/* `upto`: named cohorts defined before this point (so no cycles). */
static void check_cohort(checker *c, cohort *k, int upto)
{
	if (!k)
		return; /* a definition with a syntax error, already reported */
	switch (k->kind) {
	case COH_NAMED: {
		int i = find(&c->p->cohorts, k->name, cohort_name);
		int flag = ehp_flag_lookup(k->name, strlen(k->name));
		if (i < 0 && flag >= 0) { /* `some member is expectant_parent`: a flag reads as a cohort */
			k->kind = COH_FLAG;
			k->ref = flag;
			return;
		}
		if (i < 0 || i >= upto) {
			if (i >= upto && i >= 0)
				diag_error(c->d, k->loc, "cohort `%s` is used before it is defined", k->name);
			else
				unknown(c, k->loc, "cohort", k->name, names_of(c, &c->p->cohorts, cohort_name), (size_t)upto);
			return;
		}
		k->ref = i;
		return;
	}
	case COH_FLAG:
		k->ref = ehp_flag_lookup(k->name, strlen(k->name));
		if (k->ref < 0)
			unknown(c, k->loc, "person flag", k->name, ehp_flag_names, EHP_N_FLAGS);
		return;
	case COH_AGED:
		check_band(c, k->loc, k->lo, k->hi);
		return;
	case COH_AND:
	case COH_OR:
		check_cohort(c, k->a, upto);
		check_cohort(c, k->b, upto);
		return;
	case COH_NOT:
		if (k->a->kind == COH_NAMED && find(&c->p->cohorts, k->a->name, cohort_name) < 0 &&
		    ehp_flag_lookup(k->a->name, strlen(k->a->name)) < 0) {
			/* `who is not NAME`: a flag or a group, so a hint from either */
			const char **names = arena_alloc(c->arena, ((size_t)upto + EHP_N_FLAGS) * sizeof *names);
			for (int i = 0; i < upto; i++)
				names[i] = ((const cohort_def *)c->p->cohorts.v[i])->name;
			for (int i = 0; i < EHP_N_FLAGS; i++)
				names[upto + i] = ehp_flag_names[i];
			unknown(c, k->a->loc, "person flag or group", k->a->name, names, (size_t)upto + EHP_N_FLAGS);
			return;
		}
		check_cohort(c, k->a, upto);
		return;
	case COH_COND:
		check_group_cond(c, k->cond);
		check_cond(c, k->cond, CTX_PERSON);
		return;
	default:
		return;
	}
}

static void check_selector(checker *c, selector *s);

/* ------------------------------------------------------------ windows */

static const double UNIT_DAYS_ROUGH[] = { [UNIT_DAYS] = 1, [UNIT_WEEKS] = 7, [UNIT_MONTHS] = 30.44, [UNIT_TERMS] = 91 };

/* Rough offset in days of a shifted point from its anchor. */
static double shift(const window *point)
{
	if (!point)
		return 0;
	double len = point->n * UNIT_DAYS_ROUGH[point->unit];
	return shift(point->of) + (point->kind == WIN_BEFORE ? -len : len);
}

/* Rough offset of a window edge from its anchor in days, only to catch a
 * `from` that is plainly after its `to` on the same anchor. */
static double edge(const window *w, bool start)
{
	double len = w->n * UNIT_DAYS_ROUGH[w->unit], base = shift(w->of);
	switch (w->kind) {
	case WIN_BEFORE: return base + (start ? -len + 1 : 0);
	case WIN_AFTER: return base + (start ? 1 : len);
	default: return 0;
	}
}

static bool anchored(const window *w)
{
	return w->kind == WIN_BEFORE || w->kind == WIN_AFTER || w->kind == WIN_AT;
}

/* `sustain_period after closure`: the length and unit come from a
 * parameter whose default is a whole number of days, weeks, months or terms. */
static void resolve_length(checker *c, window *w)
{
	if (!w->n_param || w->n_param_index >= 0)
		return;
	int i = find(&c->p->params, w->n_param, param_name);
	if (i < 0) {
		unknown(c, w->n_loc, "parameter", w->n_param, names_of(c, &c->p->params, param_name), (size_t)c->p->params.n);
		w->n_param_index = -2; /* reported */
		return;
	}
	param *pm = c->p->params.v[i];
	pm->used = true;
	if (pm->broken) {
		w->n_param_index = -2;
		return;
	}
	unit_kind u = pm->value.unit;
	double v = pm->value.value;
	if (u != UNIT_DAYS && u != UNIT_WEEKS && u != UNIT_MONTHS && u != UNIT_TERMS) {
		diag_error(c->d, w->n_loc, "`%s` is %s, not a length of time", w->n_param, unit_words(u));
		diag_hint(c->d, "give it a length as its default, e.g. `parameter %s = 6 months`", w->n_param);
		w->n_param_index = -2;
		return;
	}
	bool ok = v == floor(v) && v >= 1 && v <= 1200;
	if (!ok)
		diag_error(c->d, pm->value.loc, "a length of time is a whole number of days, weeks, months or terms, at least 1");
	w->n_param_index = i;
	w->n = ok ? (int)v : 1;
	w->unit = u;
}

/* A point a window counts from must be a fixed distance from its anchor:
 * months, weeks or days, never terms. */
static void check_point(checker *c, window *point)
{
	for (; point; point = point->of) {
		resolve_length(c, point);
		if (point->unit != UNIT_TERMS)
			continue;
		diag_error(c->d, point->loc, "a window cannot be counted from `%d term%s %s ...`: terms differ in length, so terms cannot be added to months, weeks or days",
		           point->n, point->n == 1 ? "" : "s", point->kind == WIN_BEFORE ? "before" : "after");
		diag_hint(c->d, "count the terms from `entry`, `closure` or `claim` (`6 terms before claim`), or move the date in months or weeks");
	}
}

/* `within 6 months of entry`, `less than 12 months after entry`, `closure
 * at most 24 months before claim`: a distance from a day, so a fixed length
 * (terms differ in length, and a term under way has no place in them). */
static void check_distance(checker *c, window *w)
{
	resolve_length(c, w);
	if (w->unit == UNIT_TERMS && w->n_param_index != -2) {
		diag_error(c->d, w->loc, "a distance from a date is counted in days, weeks or months, not terms: terms differ in length");
		diag_hint(c->d, "write the terms as a window (`in 3 terms after entry`), or the distance in months");
	}
	check_point(c, w->of);
}

static void check_window(checker *c, window *w)
{
	if (!w)
		return;
	if (w->kind == WIN_AROUND || w->less) {
		check_distance(c, w);
		return;
	}
	if (w->kind == WIN_BEFORE || w->kind == WIN_AFTER) {
		resolve_length(c, w);
		check_point(c, w->of);
	}
	if (w->kind == WIN_WHILE) {
		check_selector(c, w->sel);
		check_window(c, w->from);
	}
	if (w->kind != WIN_SPAN)
		return;
	check_window(c, w->from);
	check_window(c, w->to);
	if (anchored(w->from) && anchored(w->to) && w->from->anchor == w->to->anchor && edge(w->from, true) > edge(w->to, false))
		diag_error(c->d, w->loc, "this window ends before it starts");
	if (w->from->anchor == ANCHOR_CLAIM && w->to->anchor != ANCHOR_CLAIM && anchored(w->from) && anchored(w->to))
		diag_warning(c->d, w->loc, "this window starts from the claim date but ends on another date");
}

static bool same_length(const window *a, const window *b)
{
	if ((a->kind == WIN_BEFORE || a->kind == WIN_AFTER) && (b->kind == WIN_BEFORE || b->kind == WIN_AFTER))
		return a->unit == b->unit && a->n == b->n && a->n_param_index == b->n_param_index;
	return a->kind == WIN_AT && b->kind == WIN_AT;
}

/* ------------------------------------------------------------ selectors */

/* `plus` adds a type's values to a rate's numerator (`rate attendance plus
 * authorised_absence`); nothing else has a numerator to add to. */
static void check_selection(checker *c, selector *s, bool rate)
{
	bool plus = false;
	for (int i = 0; i < s->n_types; i++) {
		s->types[i] = ehp_type_lookup(s->type_names[i], strlen(s->type_names[i]));
		if (s->types[i] < 0)
			unknown(c, s->type_locs[i], "record type", s->type_names[i], type_names(c), EHP_N_TYPES);
		if (s->plus[i] && !rate && !plus) {
			diag_error(c->d, s->type_locs[i], "`plus` adds values to a rate's share; only a `rate` has one");
			diag_hint(c->d, "join record types with `or` (`%s or %s`)", s->type_names[0], s->type_names[i]);
		}
		plus |= s->plus[i];
	}
	for (int i = 0; i < s->n_types; i++) {
		s->details[i] = -1;
		if (!s->detail_names[i])
			continue;
		s->details[i] = ehp_detail_lookup(s->detail_names[i], strlen(s->detail_names[i]));
		/* a trailing `about` names one detail for several types: report it once */
		bool again = false;
		for (int j = 0; j < i; j++)
			again |= s->detail_names[j] == s->detail_names[i] && s->detail_locs[j].line == s->detail_locs[i].line &&
			         s->detail_locs[j].col == s->detail_locs[i].col;
		if (s->details[i] <= 0 && !again)
			unknown(c, s->detail_locs[i], "detail", s->detail_names[i], ehp_detail_names, EHP_N_DETAILS);
	}
	for (int i = 0; i < s->n_types; i++) {
		bool again = false; /* a trailing `by` names one role for several types */
		for (int j = 0; j < i; j++)
			again |= s->authors[j] == s->authors[i];
		if (!s->authors[i] || again)
			continue;
		/* The data's roles are read leniently (`Key Worker`); a plan names
		 * one exactly, as the runtime compares the names themselves. */
		int role = ehp_role_lookup(s->authors[i], strlen(s->authors[i]));
		if (role <= 0 || strcmp(ehp_role_names[role], s->authors[i]) != 0)
			unknown(c, s->loc, "role", s->authors[i], ehp_role_names, EHP_N_ROLES);
	}
}

static void check_selector(checker *c, selector *s)
{
	check_selection(c, s, false);
}

/* The unit a `sum` of the selection is in, or -1 when the types disagree. */
static int sum_unit(const selector *s)
{
	int u = -2;
	for (int i = 0; i < s->n_types; i++) {
		if (s->types[i] < 0)
			return -2;
		ehp_value_unit t = ehp_types[s->types[i]].unit;
		int unit = t == EHP_UNIT_DAYS       ? UNIT_DAYS
		           : t == EHP_UNIT_SESSIONS ? UNIT_SESSIONS
		           : t == EHP_UNIT_MONEY    ? UNIT_MONEY
		                                    : UNIT_NUMBER;
		if (u != -2 && u != unit)
			return -1;
		u = unit;
	}
	return u;
}

static void check_percent(checker *c, const quantity *q, bool allow_over)
{
	if (q->unit == UNIT_PERCENT && (q->value < 0 || (!allow_over && q->value > 100)))
		diag_error(c->d, q->loc, "a percentage must be between 0%% and 100%%");
}

/* ------------------------------------------------------------ conditions */

/* `per term` has no fixed length to divide by. */
static void check_per(checker *c, const cond *k)
{
	if (k->per == UNIT_TERMS) {
		diag_error(c->d, k->sel.loc, "a rate per term cannot be measured: terms differ in length");
		diag_hint(c->d, "write `per month`, `per week` or `per day`");
	}
}

/* `count SEL in any 6 months WINDOW`: the busiest stretch of a fixed length. */
static void check_rolling(checker *c, const cond *k)
{
	if (k->roll_unit == UNIT_TERMS) {
		diag_error(c->d, k->loc, "a rolling period cannot be counted in terms: terms differ in length");
		diag_hint(c->d, "write it in months, weeks or days (`in any 6 months ...`)");
	}
	if (k->per != UNIT_NUMBER)
		diag_error(c->d, k->sel.loc, "a rolling count is the number of records in the busiest %d %s; `per` does not apply",
		           k->roll_n, k->roll_unit == UNIT_WEEKS ? "weeks" : k->roll_unit == UNIT_DAYS ? "days" : "months");
}

/* `rate attendance of school_age together ...`: one figure for the family
 * from the records of every member of the group, so it belongs where the
 * subject is the household or the family, never one member. */
static void check_together(checker *c, const cond *k, context ctx)
{
	if (!k->who)
		return;
	check_cohort(c, k->who, c->p->cohorts.n);
	if (ctx == CTX_PERSON) {
		diag_error(c->d, k->who->loc, "a group taken together is measured for the whole family, but this rule is "
		           "about one member");
		diag_hint(c->d, "write it in a `who family` row or a family rule; for each member's own records, leave out "
		          "`of ... together`");
	}
	if (k->roll_n)
		diag_error(c->d, k->who->loc, "a rolling count is not taken over a group together: write the group's "
		           "records as a count over the window");
}

/* `with at most N theme(s) from each GROUP`: N whole, the noun the figure's. */
static void check_member_limit(checker *c, cond *k)
{
	member_limit *l = k->limit;
	bool themes = k->measure == MEASURE_THEMES_MET;
	if (l->most_written != floor(l->most_written) || l->most_written < 0 || l->most_written > EHP_MAX_LIMIT)
		diag_error(c->d, l->most_loc, "what one member may add is a whole number of %s, from 0 to %d",
		           themes ? "themes" : "indicators", EHP_MAX_LIMIT);
	if (l->indicators == themes) {
		diag_error(c->d, l->noun_loc, "`%s met` counts %s, so its limit is in %s too", themes ? "themes" : "indicators",
		           themes ? "themes" : "indicators", themes ? "themes" : "indicators");
		diag_hint(c->d, "write `with at most %d %s%s from each ...`", l->most, themes ? "theme" : "indicator",
		          l->most == 1 ? "" : "s");
	}
	check_cohort(c, l->who, c->p->cohorts.n);
}

static void check_compare(checker *c, cond *k, context ctx)
{
	bool resolved = resolve_quantity(c, &k->q);
	unit_kind want = UNIT_NUMBER;
	check_together(c, k, ctx);
	switch (k->measure) {
	case MEASURE_THEMES_MET:
	case MEASURE_INDICATORS_MET:
		if (ctx != CTX_FAMILY_RULE)
			diag_error(c->d, k->loc, "`%s met` can only be used in the family rules",
			           k->measure == MEASURE_THEMES_MET ? "themes" : "indicators");
		if (k->limit)
			check_member_limit(c, k);
		break;
	case MEASURE_COUNT:
		break;
	case MEASURE_SUM: {
		int u = sum_unit(&k->sel);
		if (u == -1)
			diag_error(c->d, k->sel.loc, "these record types measure different things; a sum needs one unit");
		if (u >= 0)
			want = (unit_kind)u;
		break;
	}
	case MEASURE_RATE:
		want = UNIT_PERCENT;
		break;
	}
	if (k->measure == MEASURE_COUNT || k->measure == MEASURE_SUM || k->measure == MEASURE_RATE) {
		check_selection(c, &k->sel, k->measure == MEASURE_RATE);
		check_per(c, k);
		check_window(c, k->win);
		if (k->roll_n)
			check_rolling(c, k);
		if (k->measure == MEASURE_SUM && sum_unit(&k->sel) == -2)
			resolved = false; /* an unknown record type (reported) has no unit to compare */
		if (k->measure == MEASURE_SUM)
			want = sum_unit(&k->sel) >= 0 ? (unit_kind)sum_unit(&k->sel) : want;
	}
	bool ok = !resolved || k->q.unit == want || (want == UNIT_SESSIONS && k->q.unit == UNIT_NUMBER);
	if (!ok && k->q.param_index < 0 && k->q.unit != UNIT_POINTS)
		diag_error(c->d, k->q.loc, "%s is compared with %s here",
		           k->measure == MEASURE_RATE ? "a rate (a percentage)" : k->measure == MEASURE_SUM ? "this sum" : "a count",
		           unit_words(k->q.unit));
	else if (!ok)
		diag_error(c->d, k->q.loc, "%s cannot be compared with %s",
		           k->measure == MEASURE_RATE ? "a rate (a percentage)" : k->measure == MEASURE_SUM ? "this sum" : "a count",
		           unit_words(k->q.unit));
	if (!ok) {
		if (want == UNIT_PERCENT)
			diag_hint(c->d, "write a percentage, e.g. `90%%`");
		else if (want == UNIT_DAYS)
			diag_hint(c->d, "write a number of days, e.g. `5 days`");
		else if (want == UNIT_MONEY)
			diag_hint(c->d, "write an amount in pounds, e.g. `£338`");
		else if (want == UNIT_SESSIONS)
			diag_hint(c->d, "write a number of sessions, e.g. `10 sessions` or `10`");
		else
			diag_hint(c->d, "write a plain number, e.g. `2`");
	}
	check_percent(c, &k->q, false);
}

static void check_change(checker *c, cond *k, context ctx)
{
	check_together(c, k, ctx);
	check_selection(c, &k->sel, k->measure == MEASURE_RATE);
	check_per(c, k);
	bool resolved = resolve_quantity(c, &k->q);
	check_window(c, k->win);
	check_window(c, k->win2);
	/* An unknown parameter (reported), or one whose definition did not
	 * parse, has no unit to check. */
	if (resolved && k->q.unit != UNIT_PERCENT && k->q.unit != UNIT_POINTS)
		diag_error(c->d, k->q.loc, "a change is written as a percentage (`33%%`) or in points (`10 points`)");
	if (resolved && k->q.unit == UNIT_POINTS && k->measure != MEASURE_RATE)
		diag_error(c->d, k->q.loc, "points measure a change in a rate; write a percentage for a count or a sum");
	check_percent(c, &k->q, k->rises);
	if (k->measure != MEASURE_RATE && k->per == UNIT_NUMBER && !same_length(k->win, k->win2)) {
		diag_error(c->d, k->loc, "the two windows differ in length, so raw %ss cannot be compared",
		           k->measure == MEASURE_SUM ? "sum" : "count");
		diag_hint(c->d, "write `per month` (or per week, per day) after the record type so that rates are compared");
	}
}

static void check_cond(checker *c, cond *k, context ctx)
{
	if (!k)
		return;
	switch (k->kind) {
	case COND_AND:
	case COND_OR:
		check_cond(c, k->a, ctx);
		check_cond(c, k->b, ctx);
		return;
	case COND_NOT:
		check_cond(c, k->a, ctx);
		return;
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
		check_selector(c, &k->sel);
		check_window(c, k->win);
		return;
	case COND_WEEKS:
		if (k->measure == MEASURE_SUM) { /* a week's total: a sum's units, and its window */
			check_compare(c, k, ctx);
		} else {
			check_selector(c, &k->sel);
			check_window(c, k->win);
		}
		if (k->k < 1 || k->k > k->n || k->n > 1024)
			diag_error(c->d, k->loc, "write `for K of N weeks` with K from 1 to N (and N at most 1024)");
		return;
	case COND_COMPARE:
		check_compare(c, k, ctx);
		return;
	case COND_CHANGE:
		check_change(c, k, ctx);
		return;
	case COND_SCORE:
		k->ref = ehp_detail_lookup(k->name, strlen(k->name));
		if (k->ref <= 0)
			unknown(c, k->loc, "assessment tool", k->name, ehp_detail_names, EHP_N_DETAILS);
		if (k->roll_n && k->roll_unit == UNIT_TERMS)
			diag_error(c->d, k->loc, "the time between two scores is counted in days, weeks or months, not terms");
		return;
	case COND_ANY_AFTER:
		check_selector(c, &k->sel);
		check_selector(c, k->sel2);
		if (k->roll_unit == UNIT_TERMS)
			diag_error(c->d, k->loc, "the time after a record is counted in days, weeks or months, not terms");
		return;
	case COND_PERSON_IS:
		k->ref = ehp_flag_lookup(k->name, strlen(k->name));
		if (k->ref < 0)
			unknown(c, k->loc, "person flag", k->name, ehp_flag_names, EHP_N_FLAGS);
		/* fall through */
	case COND_PERSON_AGED:
		if (k->kind == COND_PERSON_AGED)
			check_band(c, k->loc, k->lo, k->hi);
		if (ctx != CTX_PERSON)
			diag_error(c->d, k->loc, "`person ...` tests a member, but this rule is about the %s",
			           ctx == CTX_HOUSEHOLD ? "household" : "family");
		return;
	case COND_SOME_HAS:
	case COND_EVERY_HAS:
		check_cohort(c, k->who, c->p->cohorts.n);
		check_cond(c, k->a, CTX_PERSON);
		return;
	case COND_SOME_IS:
		check_cohort(c, k->who, c->p->cohorts.n);
		return;
	case COND_GAP:
		if (k->gap == GAP_AT_LEAST)
			check_point(c, k->win); /* the parser made it `N units before/after POINT` */
		else
			check_distance(c, k->win);
		return;
	case COND_DATE:
		k->day = plan_date(c, k->name, k->loc);
		return;
	case COND_SETTING: {
		k->ref = find(&c->p->params, k->name, param_name);
		if (k->ref < 0) {
			unknown(c, k->loc, "parameter", k->name, names_of(c, &c->p->params, param_name), (size_t)c->p->params.n);
			return;
		}
		param *pm = c->p->params.v[k->ref];
		pm->used = true;
		if (pm->value.unit != UNIT_YESNO && !pm->broken) {
			diag_error(c->d, k->loc, "`%s` is %s, not a yes/no setting", k->name, unit_words(pm->value.unit));
			diag_hint(c->d, "compare it with a measure (`count ... > %s`), or define it `= yes` or `= no`", k->name);
		}
		return;
	}
	case COND_ALL_RESOLVED:
		if (ctx != CTX_FAMILY_RULE)
			diag_error(c->d, k->loc, "`every indicator met %shas an outcome achieved` belongs in the family rules",
			           k->rejudged ? "at ... " : "");
		if (k->rejudged && k->anchor == ANCHOR_ENTRY)
			diag_warning(c->d, k->loc, "indicators are judged at entry anyway: write `every indicator met has an outcome achieved`");
		return;
	case COND_NEWLY_MET:
		if (ctx != CTX_FAMILY_RULE)
			diag_error(c->d, k->loc, "`no indicator newly met at ...` belongs in the family rules");
		if (k->anchor == ANCHOR_ENTRY)
			diag_error(c->d, k->loc, "no indicator can be newly met at entry: judge them again `at closure` or `at claim`");
		return;
	}
}

/* ------------------------------------------------------------ rows */

static context row_context(const row *r)
{
	return r->scope == SCOPE_HOUSEHOLD ? CTX_HOUSEHOLD : r->scope == SCOPE_FAMILY ? CTX_FAMILY_ROW : CTX_PERSON;
}


static void duplicate(checker *c, const char *what, const char *name, src_loc again, src_loc first)
{
	diag_error(c->d, again, "%s `%s` is defined twice", what, name);
	diag_note(c->d, first, "the first `%s` is here; give each %s its own name or id", name, what);
}

static int by_id(const void *x, const void *y)
{
	const id_entry *a = x, *b = y;
	int k = strcmp(a->id, b->id);
	return k ? k : a->index - b->index;
}

static id_index index_ids(checker *c, const ptr_vec *rows)
{
	id_index x = { arena_alloc(c->arena, ((size_t)rows->n + 1) * sizeof *x.v), rows->n,
	               arena_alloc(c->arena, ((size_t)rows->n + 1) * sizeof *x.first) };
	for (int i = 0; i < rows->n; i++)
		x.v[i] = (id_entry){ ((const row *)rows->v[i])->id, i };
	qsort(x.v, (size_t)x.n, sizeof *x.v, by_id);
	for (int k = 0; k < x.n; k++)
		x.first[x.v[k].index] = k > 0 && !strcmp(x.v[k - 1].id, x.v[k].id) ? x.first[x.v[k - 1].index] : x.v[k].index;
	return x;
}

/* The first row with this id, or -1. */
static int find_id(const id_index *x, const char *id)
{
	int lo = 0, hi = x->n;
	while (lo < hi) {
		int mid = lo + (hi - lo) / 2;
		if (strcmp(x->v[mid].id, id) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < x->n && !strcmp(x->v[lo].id, id) ? x->v[lo].index : -1;
}

static void check_rows(checker *c, ptr_vec *rows, const char *what)
{
	id_index ids = index_ids(c, rows);
	if (rows == &c->p->indicators)
		c->indicators = ids;
	for (int i = 0; i < rows->n; i++) {
		row *r = rows->v[i];
		r->index = i;
		if (ids.first[i] != i)
			duplicate(c, what, r->id, r->id_loc, ((row *)rows->v[ids.first[i]])->id_loc);
		if (r->theme < 0 && !r->broken)
			diag_error(c->d, r->loc, "this %s comes before any `theme`; every row belongs to a theme", what);
		/* In a row with a syntax error a missing clause is most likely the
		 * one that could not be read: do not report it twice. */
		if (!r->when && !r->broken) {
			diag_error(c->d, r->id_loc, "%s `%s` has no `when` condition", what, r->id);
			diag_hint(c->d, "add `when` and the condition under which the %s is met", what);
		}
		if (r->who)
			check_cohort(c, r->who, c->p->cohorts.n);
		check_cond(c, r->when, row_context(r));
		check_cond(c, r->where, row_context(r));
		check_cond(c, r->exempt, row_context(r));
	}
}

static void resolve_serves(checker *c, row *o)
{
	plan *p = c->p;
	int n = o->serves_names.n;
	if (o->serves_theme) {
		int t = find(&p->themes, o->serves_theme, theme_name);
		if (t < 0) {
			unknown(c, o->serves_theme_loc, "theme", o->serves_theme, names_of(c, &p->themes, theme_name),
			        (size_t)p->themes.n);
		} else {
			for (int i = 0; i < p->indicators.n; i++)
				n += ((row *)p->indicators.v[i])->theme == t;
		}
	}
	o->serves = arena_alloc(c->arena, ((size_t)n + 1) * sizeof *o->serves);
	o->n_serves = 0;
	for (int i = 0; i < o->serves_names.n; i++) {
		const char *id = o->serves_names.v[i];
		src_loc *loc = o->serves_locs.v[i];
		int k = find_id(&c->indicators, id);
		if (k < 0) {
			unknown(c, *loc, "indicator", id, names_of(c, &p->indicators, row_id), (size_t)p->indicators.n);
			continue;
		}
		row *ind = p->indicators.v[k];
		if (ind->theme != o->theme && ind->theme >= 0 && o->theme >= 0)
			diag_warning(c->d, *loc, "outcome `%s` is in theme `%s` but serves indicator `%s` of theme `%s`", o->id,
			             ((theme *)p->themes.v[o->theme])->name, id, ((theme *)p->themes.v[ind->theme])->name);
		o->serves[o->n_serves++] = k;
	}
	if (o->serves_theme) {
		int t = find(&p->themes, o->serves_theme, theme_name);
		for (int i = 0; t >= 0 && i < p->indicators.n; i++)
			if (((row *)p->indicators.v[i])->theme == t)
				o->serves[o->n_serves++] = i;
	}
	if (!o->serves_names.n && !o->serves_theme && !o->broken) {
		diag_error(c->d, o->loc, "outcome `%s` does not say which indicator it serves", o->id);
		diag_hint(c->d, "add `for indicator ID`, `for indicators ID, ID` or `for theme NAME`");
	}
}

/* Numbers the readings in the order the documents list them (the plan's,
 * then each theme's with its indicators' and outcomes', then the family
 * rules'), and refuses one that says nothing. */
static void add_readings(checker *c, const ptr_vec *from)
{
	for (int i = 0; i < from->n; i++) {
		reading *r = from->v[i];
		const char *t = r->text;
		while (*t == ' ' || *t == '\t' || *t == '\n' || *t == '\r')
			t++;
		if (!*t) {
			diag_error(c->d, r->text_loc, "this reading is empty");
			diag_hint(c->d, "say how the plan is read here, or remove the `reading`");
		}
		vec_push(c->arena, &c->p->all_readings, r);
		r->number = c->p->all_readings.n;
	}
}

static void number_readings(checker *c)
{
	plan *p = c->p;
	add_readings(c, &p->readings);
	for (int t = 0; t < p->themes.n; t++) {
		add_readings(c, &((theme *)p->themes.v[t])->readings);
		for (int i = 0; i < p->indicators.n; i++)
			if (((row *)p->indicators.v[i])->theme == t)
				add_readings(c, &((row *)p->indicators.v[i])->readings);
		for (int i = 0; i < p->outcomes.n; i++)
			if (((row *)p->outcomes.v[i])->theme == t)
				add_readings(c, &((row *)p->outcomes.v[i])->readings);
	}
	add_readings(c, &p->eligible_readings);
	add_readings(c, &p->claimable_readings);
}

int check_plan(arena *a, diag *d, plan *p)
{
	checker c = { .arena = a, .d = d, .p = p, .complete = d->errors == 0 };
	for (int i = 0; i < p->themes.n; i++) {
		theme *t = p->themes.v[i];
		for (int j = 0; j < i; j++)
			if (!strcmp(((theme *)p->themes.v[j])->name, t->name))
				duplicate(&c, "theme", t->name, t->loc, ((theme *)p->themes.v[j])->loc);
	}
	for (int i = 0; i < p->params.n; i++) {
		param *pm = p->params.v[i];
		for (int j = 0; j < i; j++)
			if (!strcmp(((param *)p->params.v[j])->name, pm->name))
				duplicate(&c, "parameter", pm->name, pm->loc, ((param *)p->params.v[j])->loc);
		if (pm->value.param)
			diag_error(d, pm->value.loc, "a parameter's default is a number, not another parameter");
		check_percent(&c, &pm->value, false);
		check_steps(&c, pm);
		if (!pm->doc)
			diag_warning(d, pm->loc, "parameter `%s` has no description; say where its value comes from", pm->name);
	}
	for (int i = 0; i < p->cohorts.n; i++) {
		cohort_def *cd = p->cohorts.v[i];
		for (int j = 0; j < i; j++)
			if (!strcmp(((cohort_def *)p->cohorts.v[j])->name, cd->name))
				duplicate(&c, "cohort", cd->name, cd->loc, ((cohort_def *)p->cohorts.v[j])->loc);
		check_cohort(&c, cd->def, i);
	}
	check_rows(&c, &p->indicators, "indicator");
	check_rows(&c, &p->outcomes, "outcome");
	for (int i = 0; i < p->outcomes.n; i++)
		resolve_serves(&c, p->outcomes.v[i]);
	check_cond(&c, p->eligible, CTX_FAMILY_RULE);
	check_cond(&c, p->claimable, CTX_FAMILY_RULE);
	number_readings(&c);

	/* Warnings: things a plan almost certainly did not mean. Not worth
	 * reading until the plan parses. */
	if (!c.complete)
		goto done;
	bool *served = arena_alloc(a, ((size_t)p->indicators.n + 1) * sizeof *served);
	memset(served, 0, ((size_t)p->indicators.n + 1) * sizeof *served);
	for (int o = 0; o < p->outcomes.n; o++) {
		row *out = p->outcomes.v[o];
		for (int s = 0; s < out->n_serves; s++)
			served[out->serves[s]] = true;
	}
	for (int i = 0; i < p->indicators.n; i++) {
		row *ind = p->indicators.v[i];
		if (c.indicators.first[i] != i || d->errors)
			continue; /* a duplicate, or an outcome's `for` may not have resolved */
		if (!served[i])
			diag_warning(d, ind->id_loc, "indicator `%s` has no outcome: no family meeting it can show progress", ind->id);
	}
	for (int t = 0; t < p->themes.n; t++) {
		bool used = false;
		for (int i = 0; i < p->indicators.n; i++)
			used |= ((row *)p->indicators.v[i])->theme == t;
		if (!used)
			diag_warning(d, ((theme *)p->themes.v[t])->loc, "theme `%s` has no indicators",
			             ((theme *)p->themes.v[t])->name);
	}
	if (!d->errors) {
		check_bands(d, p);
		check_wording(d, p);
	}
	for (int i = 0; i < p->params.n; i++) {
		param *pm = p->params.v[i];
		if (!pm->used)
			diag_warning(d, pm->loc, "parameter `%s` is never used", pm->name);
	}
done:
	if (!p->title && c.complete)
		diag_error(d, (src_loc){ 1, 1, 1, 1 }, "the plan has no `plan \"title\"` header");
	return d->errors == 0;
}
