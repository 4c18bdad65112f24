/*
 * wording.c - the figures a row's wording writes against those its rule
 * uses (docs/language.md, "Wording and rule").
 *
 * A row keeps the published wording ("below 90%", "in the previous 12
 * months") beside its rule. When the rule is edited and the wording is not
 * (90% becomes 85%), the document a partnership signs says one thing and
 * the evaluator does another. So each figure in a row's wording and its
 * `period` (a percentage; a number of days, weeks, months, terms or
 * sessions; an amount in pounds) must be one the row's rule uses, in its
 * `when`, `where` or `exempt when`, a parameter counting at its default.
 * A difference the plan means is explained by a reading of the row that
 * writes the same figure; anything else is a warning at the figure.
 *
 * Years are not read: in the plans they are ages (`10 to 18yrs`), which
 * the row's cohort says, not its rule.
 */
#include <ctype.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "wording.h"

/* ------------------------------------------------------------ figures in prose */

/* ASCII letters only: a figure may end at a curly quote (`6 months”`). */
static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* Whether s[i, n) starts with the word w (any case), not followed by a letter. */
static size_t word_at(const char *s, size_t n, size_t i, const char *w)
{
	size_t k = strlen(w);
	if (i + k > n)
		return 0;
	for (size_t j = 0; j < k; j++)
		if (tolower((unsigned char)s[i + j]) != w[j])
			return 0;
	return i + k < n && is_letter((unsigned char)s[i + k]) ? 0 : k;
}

/* The unit written at s[i]: its kind, and the offset after it (0: none). */
static size_t unit_at(const char *s, size_t n, size_t i, unit_kind *u)
{
	static const struct {
		const char *word;
		unit_kind unit;
	} units[] = {
		{ "%", UNIT_PERCENT },       { "per cent", UNIT_PERCENT }, { "percent", UNIT_PERCENT },
		{ "days", UNIT_DAYS },       { "day", UNIT_DAYS },         { "weeks", UNIT_WEEKS },
		{ "week", UNIT_WEEKS },      { "wks", UNIT_WEEKS },        { "wk", UNIT_WEEKS },
		{ "months", UNIT_MONTHS },   { "month", UNIT_MONTHS },     { "mths", UNIT_MONTHS },
		{ "mth", UNIT_MONTHS },      { "mnths", UNIT_MONTHS },     { "mnth", UNIT_MONTHS },
		{ "terms", UNIT_TERMS },     { "term", UNIT_TERMS },       { "sessions", UNIT_SESSIONS },
		{ "session", UNIT_SESSIONS },
	};
	if (i < n && s[i] == '%') {
		*u = UNIT_PERCENT;
		return i + 1;
	}
	for (size_t k = 1; k < sizeof units / sizeof *units; k++) {
		size_t len = word_at(s, n, i, units[k].word);
		if (len) {
			*u = units[k].unit;
			return i + len;
		}
	}
	return 0;
}

/* After a number: a blank or a hyphen (`6-month`), words that do not change
 * the length (`3 consecutive terms`, `5 school days`), then the unit. */
static size_t unit_after(const char *s, size_t n, size_t i, unit_kind *u)
{
	if (i < n && (s[i] == ' ' || s[i] == '-'))
		i++;
	size_t at = unit_at(s, n, i, u);
	if (at)
		return at;
	static const char *const fillers[] = { "consecutive", "calendar", "school" };
	for (size_t k = 0; k < sizeof fillers / sizeof *fillers; k++) {
		size_t len = word_at(s, n, i, fillers[k]);
		if (len && i + len < n && s[i + len] == ' ')
			return unit_at(s, n, i + len + 1, u);
	}
	return 0;
}

/* A number written as a word at s[i] (`six months`): its value, 0 if none. */
static int number_word(const char *s, size_t n, size_t i, size_t *len)
{
	static const char *const words[] = { "one", "two", "three", "four", "five", "six", "seven", "eight",
		                             "nine", "ten", "eleven", "twelve" };
	for (size_t k = sizeof words / sizeof *words; k-- > 0;) {
		*len = word_at(s, n, i, words[k]);
		if (*len)
			return (int)k + 1;
	}
	return 0;
}

/* The digits at s[i] with their decimals (`2.5`): the offset after them. */
static size_t number_at(const char *s, size_t n, size_t i, double *value)
{
	double v = 0;
	for (; i < n && isdigit((unsigned char)s[i]); i++)
		v = v * 10 + (s[i] - '0');
	if (i + 1 < n && s[i] == '.' && isdigit((unsigned char)s[i + 1]))
		for (double scale = 0.1; ++i < n && isdigit((unsigned char)s[i]); scale /= 10)
			v += (s[i] - '0') * scale;
	*value = v;
	return i;
}

bool next_figure(const char *s, size_t n, size_t *pos, figure *f)
{
	for (size_t i = *pos; i < n; i++) {
		unsigned char c = (unsigned char)s[i], before = i ? (unsigned char)s[i - 1] : ' ';
		bool pound = i >= 2 && (unsigned char)s[i - 2] == 0xC2 && before == 0xA3;
		double value;
		size_t end;
		if (isdigit(c) && (pound || !(is_letter(before) || isdigit(before) || before == '.' || before == '/'))) {
			end = number_at(s, n, i, &value);
			if (pound) {
				*f = (figure){ value, UNIT_MONEY, i - 2, end };
				*pos = end;
				return true;
			}
		} else if (is_letter(c) && !is_letter(before)) {
			size_t len;
			int v = number_word(s, n, i, &len);
			if (!v)
				continue;
			value = v;
			end = i + len;
		} else {
			continue;
		}
		unit_kind u;
		size_t after = unit_after(s, n, end, &u);
		if (!after)
			continue;
		*f = (figure){ value, u, i, after };
		*pos = after;
		return true;
	}
	*pos = n;
	return false;
}

/* ------------------------------------------------------------ figures of a rule */

typedef struct {
	double value;
	unit_kind unit;
} used;

typedef struct {
	used v[64];  /* more than any row writes; the rest are not compared */
	int n;
} used_set;

static void use(used_set *s, double value, unit_kind unit)
{
	for (int i = 0; i < s->n; i++)
		if (s->v[i].unit == unit && s->v[i].value == value)
			return;
	if (s->n < (int)(sizeof s->v / sizeof *s->v))
		s->v[s->n++] = (used){ value, unit };
}

static void window_uses(used_set *s, const plan *p, const window *w)
{
	for (; w; w = w->of) {
		if (w->kind == WIN_BEFORE || w->kind == WIN_AFTER) {
			if (w->n_param_index >= 0) {
				const param *pm = p->params.v[w->n_param_index];
				use(s, pm->value.value, pm->value.unit);
			} else {
				use(s, w->n, w->unit);
			}
		}
		window_uses(s, p, w->from);
		window_uses(s, p, w->to);
	}
}

static void cond_uses(used_set *s, const plan *p, const cond *c);

/* A group's own condition (`who has (no offence in 12 months before
 * entry)`) is part of the rule: its figures are the row's too. */
static void cohort_uses(used_set *s, const plan *p, const cohort *k)
{
	if (!k)
		return;
	if (k->kind == COH_NAMED && k->ref >= 0 && k->ref < p->cohorts.n)
		cohort_uses(s, p, ((const cohort_def *)p->cohorts.v[k->ref])->def);
	if (k->kind == COH_COND)
		cond_uses(s, p, k->cond);
	cohort_uses(s, p, k->a);
	cohort_uses(s, p, k->b);
}

static void cond_uses(used_set *s, const plan *p, const cond *c)
{
	if (!c)
		return;
	cohort_uses(s, p, c->who);
	cond_uses(s, p, c->a);
	cond_uses(s, p, c->b);
	window_uses(s, p, c->win);
	window_uses(s, p, c->win2);
	if (c->kind == COND_COMPARE || (c->kind == COND_CHANGE && !c->any_change))
		use(s, c->q.value, c->q.unit); /* a parameter's default (sema) */
	if (c->q.param_index >= 0 && c->q.param_index < p->params.n) { /* and each of its dated values */
		const param *pm = p->params.v[c->q.param_index];
		for (int i = 0; i < pm->steps.n; i++)
			use(s, ((const param_step *)pm->steps.v[i])->value.value, pm->value.unit);
	}
	if (c->roll_n > 0)
		use(s, c->roll_n, c->roll_unit);
	if (c->kind == COND_WEEKS) {
		use(s, c->k, UNIT_WEEKS);
		use(s, c->n, UNIT_WEEKS);
	}
}

/* What a figure of the wording is compared with: a percentage with a
 * percentage or a number of points (`improved by 50%` may be read as 50
 * points: a reading says which), every other unit with itself. */
static bool same_kind(unit_kind wording, unit_kind rule)
{
	if (wording == UNIT_PERCENT)
		return rule == UNIT_PERCENT || rule == UNIT_POINTS;
	return wording == rule;
}

static bool is_period(unit_kind u)
{
	return u == UNIT_DAYS || u == UNIT_WEEKS || u == UNIT_MONTHS || u == UNIT_TERMS;
}

/* The rule's figures comparable with one of the wording's, in words
 * ("85%", "6 months and 3 terms"), or "no percentage" and the like. */
static void describe_uses(char *buf, size_t len, const used_set *s, unit_kind wording)
{
	size_t k = 0;
	int shown = 0, total = 0;
	for (int i = 0; i < s->n; i++)
		total += is_period(wording) ? is_period(s->v[i].unit) : same_kind(wording, s->v[i].unit);
	buf[0] = '\0';
	for (int i = 0; i < s->n && k < len; i++) {
		const used *u = &s->v[i];
		if (is_period(wording) ? !is_period(u->unit) : !same_kind(wording, u->unit))
			continue;
		static const char *const names[] = {
			[UNIT_DAYS] = "day", [UNIT_WEEKS] = "week", [UNIT_MONTHS] = "month", [UNIT_TERMS] = "term",
			[UNIT_SESSIONS] = "session", [UNIT_POINTS] = "point",
		};
		const char *sep = shown == 0 ? "" : shown == total - 1 ? " and " : ", ";
		if (u->unit == UNIT_PERCENT)
			k += (size_t)snprintf(buf + k, len - k, "%s%g%%", sep, u->value);
		else if (u->unit == UNIT_MONEY)
			k += (size_t)snprintf(buf + k, len - k, "%s\xC2\xA3%g", sep, u->value);
		else
			k += (size_t)snprintf(buf + k, len - k, "%s%g %s%s", sep, u->value, names[u->unit],
			                      u->value == 1 ? "" : "s");
		shown++;
	}
	if (!shown)
		snprintf(buf, len, "%s", wording == UNIT_PERCENT ? "no percentage"
		                       : is_period(wording)       ? "no period of time"
		                       : wording == UNIT_MONEY    ? "no amount in pounds"
		                                                  : "no number of sessions");
}

/* ------------------------------------------------------------ the check */

typedef struct {
	diag *d;
	const plan *p;
	size_t *line_start; /* byte offset of each line, 1-based */
	int n_lines;
} checker;

static size_t offset_of(const checker *c, int line, int col)
{
	if (line < 1 || line > c->n_lines || col < 1)
		return c->d->len;
	size_t o = c->line_start[line] + (size_t)col - 1;
	return o < c->d->len ? o : c->d->len;
}

/* The bytes [from, to) of a string that starts at byte `start`, where
 * `string` says, as a src_loc. */
static src_loc loc_of(const checker *c, src_loc string, size_t start, size_t from, size_t to)
{
	src_loc l = { 0, 0, 0, 0 };
	int line = string.line, col = string.col;
	for (size_t i = start; i < to; i++) {
		if (i == from) {
			l.line = line;
			l.col = col;
		}
		l.end_line = line;
		l.end_col = col;
		if (c->d->text[i] == '\n') {
			line++;
			col = 1;
		} else {
			col++;
		}
	}
	return l;
}

static bool explained(const row *r, const figure *f)
{
	for (int i = 0; i < r->readings.n; i++) {
		const reading *rd = r->readings.v[i];
		size_t pos = 0, n = strlen(rd->text);
		figure g;
		while (next_figure(rd->text, n, &pos, &g))
			if (g.unit == f->unit && g.value == f->value)
				return true;
	}
	return false;
}

/* Every figure of one string of the row (its wording or its period), read
 * from the plan text between its quotes: a figure holds no quote or escape. */
static void check_string(const checker *c, const row *r, const used_set *uses, src_loc string, const char *what)
{
	size_t start = offset_of(c, string.line, string.col), end = offset_of(c, string.end_line, string.end_col);
	if (start >= end || c->d->text[start] != '"')
		return;
	const char *text = c->d->text;
	size_t pos = start + 1;
	figure f;
	while (next_figure(text, end, &pos, &f)) {
		bool found = false;
		for (int i = 0; i < uses->n && !found; i++)
			found = same_kind(f.unit, uses->v[i].unit) && fabs(uses->v[i].value - f.value) < 1e-9;
		if (found || explained(r, &f))
			continue;
		char rule[256];
		describe_uses(rule, sizeof rule, uses, f.unit);
		int len = (int)(f.end - f.start);
		diag_warning(c->d, loc_of(c, string, start, f.start, f.end),
		             "%s `%s` says `%.*s` in its %s, but its rule uses %s", r->kind == ROW_INDICATOR ? "indicator" : "outcome",
		             r->id, len, text + f.start, what, rule);
		diag_hint(c->d, "make the wording and the rule agree; if they differ on purpose, add a `reading` to this row "
		          "that says why and writes `%.*s`", len, text + f.start);
	}
}

static void check_rows(const checker *c, const ptr_vec *rows)
{
	for (int i = 0; i < rows->n; i++) {
		const row *r = rows->v[i];
		used_set uses = { .n = 0 };
		cohort_uses(&uses, c->p, r->scope == SCOPE_PERSON ? r->who : NULL);
		cond_uses(&uses, c->p, r->when);
		cond_uses(&uses, c->p, r->where);
		cond_uses(&uses, c->p, r->exempt);
		if (r->text_loc.line > 0)
			check_string(c, r, &uses, r->text_loc, "wording");
		if (r->period && r->period_loc.line > 0)
			check_string(c, r, &uses, r->period_loc, "period");
	}
}

void check_wording(diag *d, const plan *p)
{
	checker c = { .d = d, .p = p };
	int n = 1;
	for (size_t i = 0; i < d->len; i++)
		n += d->text[i] == '\n';
	c.line_start = malloc(((size_t)n + 2) * sizeof *c.line_start);
	if (!c.line_start)
		return; /* a warning is not worth failing for */
	c.n_lines = n;
	c.line_start[1] = 0;
	for (size_t i = 0, l = 1; i < d->len; i++)
		if (d->text[i] == '\n')
			c.line_start[++l] = i + 1;
	check_rows(&c, &p->indicators);
	check_rows(&c, &p->outcomes);
	free(c.line_start);
}
