/*
 * diff.c - what changed between two versions of a plan, row by row, in
 * words (diff.h).
 *
 * Both plans are checked trees. Rows are matched by id, themes, parameters
 * and named groups by name, prose by its heading, number or term. Rules are
 * compared by their words (docwords.c, built from the tree), so layout,
 * comments and the spelling of a test (`>=` or `is at least`, `any` or
 * `has`) make no difference, and every difference found is one the reader
 * is shown. Plan strings are compared with runs of blanks and line breaks
 * as one space: re-wrapping a long wording is layout too.
 *
 * Everything from a plan reaches the terminal through ehp_term_text, so a
 * hostile plan cannot move the cursor or fake a line of output.
 */
#include <stdlib.h>
#include <string.h>
#include "diff.h"
#include "docwords.h"
#include "mem.h"
#include "output.h"

typedef struct {
	FILE *f;
	int changes;
} differ;

/* docwords returns NULL only when memory runs out. */
static char *need(char *s)
{
	if (!s)
		ehp_die("out of memory");
	return s;
}

/* s with leading and trailing blanks dropped and every run of blanks and
 * line breaks inside as one space (malloc'd); NULL stays NULL. */
static char *squeeze(const char *s)
{
	if (!s)
		return NULL;
	char *out = ehp_xmalloc(strlen(s) + 1), *o = out;
	bool gap = false;
	for (const char *p = s; *p; p++) {
		if (strchr(" \t\r\n", *p)) {
			gap = o > out;
			continue;
		}
		if (gap)
			*o++ = ' ';
		gap = false;
		*o++ = *p;
	}
	*o = '\0';
	return out;
}

static bool same_text(const char *a, const char *b)
{
	if (!a || !b)
		return a == b;
	char *x = squeeze(a), *y = squeeze(b);
	bool same = !strcmp(x, y);
	free(x);
	free(y);
	return same;
}

/* Plan text for a terminal: squeezed, control bytes escaped; in quotes
 * when it is the plan's own wording. */
static void put(differ *d, const char *s, bool quoted)
{
	if (!s) {
		fputs("(none)", d->f);
		return;
	}
	char *t = squeeze(s);
	if (quoted)
		putc('"', d->f);
	ehp_term_text(d->f, t);
	if (quoted)
		putc('"', d->f);
	free(t);
}

/* The heading of one difference: `indicator 2.1: rule changed`. */
static void heading(differ *d, const char *what, const char *name, const char *how)
{
	d->changes++;
	fprintf(d->f, "%s ", what);
	ehp_term_text(d->f, name);
	fprintf(d->f, ": %s\n", how);
}

/* `  label: text` under a heading. */
static void line(differ *d, const char *label, const char *s, bool quoted)
{
	fprintf(d->f, "  %s: ", label);
	put(d, s, quoted);
	putc('\n', d->f);
}

/* `  label: words` when there are words (malloc'd, freed here). */
static void line_words(differ *d, const char *label, char *w)
{
	if (w)
		line(d, label, w, false);
	free(w);
}

/* One field that differs: its heading, then what it was and what it is. */
static void changed(differ *d, const char *what, const char *name, const char *field, const char *was,
                    const char *now, bool quoted)
{
	char *how = ehp_xprintf("%s changed", field);
	heading(d, what, name, how);
	free(how);
	line(d, "was", was, quoted);
	line(d, "now", now, quoted);
}

/* Where a part of a long rule starts or ends: at a blank or a bracket, so
 * the part shown is whole words ("90%", not "9"). */
static bool starts_part(const char *s, size_t i)
{
	return i == 0 || s[i - 1] == ' ' || s[i - 1] == '(';
}

static bool ends_part(const char *s, size_t i, size_t len)
{
	return i == len || strchr(" ;,)", s[i]);
}

/* Under a long rule that changed, the part that changed: the words between
 * what the two have in common at the start and at the end. */
static void in_short(differ *d, const char *was, const char *now)
{
	enum { LONG = 72 }; /* shorter rules are read whole at a glance */
	size_t a = strlen(was), b = strlen(now), pre = 0, post = 0;
	if (a <= LONG && b <= LONG)
		return;
	while (pre < a && pre < b && was[pre] == now[pre])
		pre++;
	/* Back to the start of a word, and two words more for context:
	 * "at least 3" became "at least 1". */
	for (int words = 0; words < 3 && pre > 0; words++) {
		if (words)
			pre--;
		while (pre > 0 && !(starts_part(was, pre) && starts_part(now, pre)))
			pre--;
	}
	while (post < a - pre && post < b - pre && was[a - 1 - post] == now[b - 1 - post])
		post++;
	while (post > 0 && !(ends_part(was, a - post, a) && ends_part(now, b - post, b)))
		post--;
	if (!pre && !post)
		return;
	fputs("  in short: ", d->f);
	if (a - post > pre) {
		char *part = ehp_xstrndup(was + pre, a - post - pre);
		put(d, part, true);
		free(part);
		fputs(b - post > pre ? " became " : " removed", d->f);
	} else {
		fputs("added ", d->f);
	}
	if (b - post > pre) {
		char *part = ehp_xstrndup(now + pre, b - post - pre);
		put(d, part, true);
		free(part);
	}
	putc('\n', d->f);
}

/* A plan string that may differ: the wording, a period, a description. */
static void compare_text(differ *d, const char *what, const char *name, const char *field, const char *was,
                         const char *now)
{
	if (!same_text(was, now))
		changed(d, what, name, field, was, now, true);
}

/* Words built for both plans (malloc'd, freed here). */
static void compare_words(differ *d, const char *what, const char *name, const char *field, char *was, char *now)
{
	if (!same_text(was, now)) {
		changed(d, what, name, field, was, now, false);
		if (was && now)
			in_short(d, was, now);
	}
	free(was);
	free(now);
}

static bool has_reading(const ptr_vec *v, const char *text)
{
	for (int i = 0; i < v->n; i++)
		if (same_text(((const reading *)v->v[i])->text, text))
			return true;
	return false;
}

/* Readings are compared as a set of texts: one reworded is one removed and
 * one added, and the order of a row's readings is layout. */
static void compare_readings(differ *d, const char *what, const char *name, const ptr_vec *was, const ptr_vec *now)
{
	for (int i = 0; i < was->n; i++) {
		const reading *r = was->v[i];
		if (!has_reading(now, r->text)) {
			heading(d, what, name, "reading removed");
			line(d, "was", r->text, true);
		}
	}
	for (int i = 0; i < now->n; i++) {
		const reading *r = now->v[i];
		if (!has_reading(was, r->text)) {
			heading(d, what, name, "reading added");
			line(d, "now", r->text, true);
		}
	}
}

static char *cond_words_or_null(const plan *p, const cond *c)
{
	return c ? need(words_cond(p, c)) : NULL;
}

/* ------------------------------------------------------------ the plan */

static void diff_header(differ *d, const plan *a, const plan *b)
{
	compare_text(d, "plan", "header", "title", a->title, b->title);
	compare_text(d, "plan", "header", "council", a->council, b->council);
	compare_text(d, "plan", "header", "revision date", a->revised, b->revised);
	compare_text(d, "plan", "header", "source", a->source, b->source);
	compare_readings(d, "plan", "header", &a->readings, &b->readings);
}

/* ------------------------------------------------------------ parameters */

static const param *find_param(const plan *p, const char *name)
{
	for (int i = 0; i < p->params.n; i++)
		if (!strcmp(((const param *)p->params.v[i])->name, name))
			return p->params.v[i];
	return NULL;
}

static bool reads_param(const plan *p, const cond *c, const param *pm)
{
	int n;
	const param **v = words_params_of(p, c, &n);
	bool found = false;
	for (int i = 0; i < n; i++)
		found |= v[i] == pm;
	free(v);
	return found;
}

static bool row_reads_param(const plan *p, const row *r, const param *pm)
{
	return reads_param(p, r->when, pm) || reads_param(p, r->where, pm) || reads_param(p, r->exempt, pm);
}

/* What reads a parameter in plan p: "read by indicator 1.5, outcome 1b and
 * the claim rule" (malloc'd). */
static char *param_readers(const plan *p, const param *pm)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *f = open_memstream(&buf, &len);
	if (!f)
		ehp_die("out of memory");
	int n = 0;
	const ptr_vec *rows[] = { &p->indicators, &p->outcomes };
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < rows[k]->n; i++) {
			const row *r = rows[k]->v[i];
			if (!row_reads_param(p, r, pm))
				continue;
			fputs(n++ ? ", " : "read by ", f);
			fprintf(f, "%s ", k ? "outcome" : "indicator");
			ehp_term_text(f, r->id);
		}
	if (reads_param(p, p->eligible, pm))
		fputs(n++ ? ", the eligibility rule" : "read by the eligibility rule", f);
	if (reads_param(p, p->claimable, pm))
		fputs(n++ ? ", the claim rule" : "read by the claim rule", f);
	if (!n)
		fputs("read by no rule", f);
	if (fclose(f) != 0)
		ehp_die("out of memory");
	return buf;
}

static void diff_params(differ *d, const plan *a, const plan *b)
{
	for (int i = 0; i < a->params.n; i++) {
		const param *pm = a->params.v[i];
		if (!find_param(b, pm->name)) {
			heading(d, "parameter", pm->name, "removed");
			char *v = need(words_param_value(pm));
			line(d, "was", v, false);
			free(v);
		}
	}
	for (int i = 0; i < b->params.n; i++) {
		const param *pm = b->params.v[i], *old = find_param(a, pm->name);
		char *now = need(words_param_value(pm));
		if (!old) {
			heading(d, "parameter", pm->name, "added");
			line(d, "value", now, false);
			line(d, "description", pm->doc, true);
		} else {
			char *was = need(words_param_value(old));
			if (strcmp(was, now)) {
				char *readers = param_readers(b, pm);
				char *how = ehp_xprintf("value changed (%s)", readers);
				heading(d, "parameter", pm->name, how);
				line(d, "was", was, false);
				line(d, "now", now, false);
				free(how);
				free(readers);
			}
			free(was);
			compare_text(d, "parameter", pm->name, "description", old->doc, pm->doc);
		}
		free(now);
	}
}

static void refresh_quantities(const plan *p, cond *c)
{
	for (; c; c = c->b) {
		if (c->q.param && c->q.param_index >= 0 && c->q.param_index < p->params.n) {
			const param *pm = p->params.v[c->q.param_index];
			c->q.value = pm->value.value;
			c->q.unit = pm->value.unit;
		}
		refresh_quantities(p, c->a);
	}
}

static void refresh_all_quantities(plan *p)
{
	const ptr_vec *rows[] = { &p->indicators, &p->outcomes };
	for (int k = 0; k < 2; k++)
		for (int i = 0; i < rows[k]->n; i++) {
			row *r = rows[k]->v[i];
			refresh_quantities(p, r->when);
			refresh_quantities(p, r->where);
			refresh_quantities(p, r->exempt);
		}
	refresh_quantities(p, p->eligible);
	refresh_quantities(p, p->claimable);
}

/* Gives old's parameters new's values, and so every rule of old that reads
 * one (sema copied the value into each use; windows and settings look it
 * up): a parameter's change is reported once, as itself, not again in
 * every rule that reads it. Returns old's own values, for put_back_values. */
typedef struct {
	quantity value;
	ptr_vec steps;  /* a dated parameter's values */
	int chosen_at;
} param_values;

static param_values *adopt_param_values(plan *old, const plan *new)
{
	param_values *own = ehp_xcalloc((size_t)old->params.n + 1, sizeof *own);
	for (int i = 0; i < old->params.n; i++) {
		param *pm = old->params.v[i];
		const param *now = find_param(new, pm->name);
		own[i] = (param_values){ pm->value, pm->steps, pm->chosen_at };
		if (now) {
			pm->value.value = now->value.value;
			pm->value.unit = now->value.unit;
			pm->steps = now->steps;
			pm->chosen_at = now->chosen_at;
		}
	}
	refresh_all_quantities(old);
	return own;
}

/* The old plan as it was: it is compiled as it is after the comparison. */
static void put_back_values(plan *old, param_values *own)
{
	for (int i = 0; i < old->params.n; i++) {
		param *pm = old->params.v[i];
		pm->value = own[i].value;
		pm->steps = own[i].steps;
		pm->chosen_at = own[i].chosen_at;
	}
	refresh_all_quantities(old);
	free(own);
}

/* ------------------------------------------------------------ named groups */

static const cohort_def *find_cohort(const plan *p, const char *name)
{
	for (int i = 0; i < p->cohorts.n; i++)
		if (!strcmp(((const cohort_def *)p->cohorts.v[i])->name, name))
			return p->cohorts.v[i];
	return NULL;
}

static char *cohort_def_words(const plan *p, const cohort_def *c)
{
	return c->def ? need(words_cohort(p, c->def)) : NULL;
}

static void diff_cohorts(differ *d, const plan *a, const plan *b)
{
	for (int i = 0; i < a->cohorts.n; i++) {
		const cohort_def *c = a->cohorts.v[i];
		if (!find_cohort(b, c->name))
			heading(d, "group", c->name, "removed");
	}
	for (int i = 0; i < b->cohorts.n; i++) {
		const cohort_def *c = b->cohorts.v[i], *old = find_cohort(a, c->name);
		if (!old) {
			heading(d, "group", c->name, "added");
			line_words(d, "members", cohort_def_words(b, c));
			line(d, "description", c->doc, true);
			continue;
		}
		compare_words(d, "group", c->name, "members", cohort_def_words(a, old), cohort_def_words(b, c));
		compare_text(d, "group", c->name, "description", old->doc, c->doc);
	}
}

/* ------------------------------------------------------------ themes */

static const theme *find_theme(const plan *p, const char *name)
{
	for (int i = 0; i < p->themes.n; i++)
		if (!strcmp(((const theme *)p->themes.v[i])->name, name))
			return p->themes.v[i];
	return NULL;
}

static const char *theme_name(const plan *p, int t)
{
	return t >= 0 && t < p->themes.n ? ((const theme *)p->themes.v[t])->name : NULL;
}

static void diff_themes(differ *d, const plan *a, const plan *b)
{
	for (int i = 0; i < a->themes.n; i++) {
		const theme *t = a->themes.v[i];
		if (!find_theme(b, t->name)) {
			heading(d, "theme", t->name, "removed");
			line(d, "heading", t->title, true);
		}
	}
	for (int i = 0; i < b->themes.n; i++) {
		const theme *t = b->themes.v[i], *old = find_theme(a, t->name);
		if (!old) {
			heading(d, "theme", t->name, "added");
			line(d, "heading", t->title, true);
			continue;
		}
		compare_text(d, "theme", t->name, "heading", old->title, t->title);
		compare_text(d, "theme", t->name, "description", old->text, t->text);
		compare_text(d, "theme", t->name, "evidence required", old->evidence, t->evidence);
		compare_readings(d, "theme", t->name, &old->readings, &t->readings);
	}
}

/* ------------------------------------------------------------ rows */

static const row *find_row(const ptr_vec *rows, const char *id)
{
	for (int i = 0; i < rows->n; i++)
		if (!strcmp(((const row *)rows->v[i])->id, id))
			return rows->v[i];
	return NULL;
}

static int by_string(const void *x, const void *y)
{
	return strcmp(*(const char *const *)x, *(const char *const *)y);
}

/* The indicators an outcome serves, sorted: `for theme T` and the list of
 * its indicators are the same thing. NULL for an indicator. */
static char *serves_words(const plan *p, const row *r)
{
	if (r->kind != ROW_OUTCOME)
		return NULL;
	const char **ids = ehp_xcalloc((size_t)r->n_serves + 1, sizeof *ids);
	size_t len = 1;
	int n = 0;
	for (int i = 0; i < r->n_serves; i++)
		if (r->serves[i] >= 0 && r->serves[i] < p->indicators.n) {
			ids[n] = ((const row *)p->indicators.v[r->serves[i]])->id;
			len += strlen(ids[n++]) + 2;
		}
	qsort(ids, (size_t)n, sizeof *ids, by_string);
	char *s = ehp_xmalloc(len + strlen("indicators ")), *o = s;
	o += sprintf(o, "%s", n == 1 ? "indicator " : "indicators ");
	for (int i = 0; i < n; i++)
		o += sprintf(o, "%s%s", i ? ", " : "", ids[i]);
	free(ids);
	return s;
}

static const char *kind_words(row_kind k)
{
	return k == ROW_INDICATOR ? "indicator" : "outcome";
}

/* A row as the new plan has it, for `added`. */
static void show_row(differ *d, const plan *p, const row *r)
{
	line(d, "wording", r->text, true);
	line_words(d, "who", need(words_who(p, r)));
	line_words(d, "serves", serves_words(p, r));
	line_words(d, "applies where", cond_words_or_null(p, r->where));
	line_words(d, "rule", cond_words_or_null(p, r->when));
	line_words(d, "exempt when", cond_words_or_null(p, r->exempt));
	if (r->supplementary)
		line(d, "supplementary", "yes: alone it answers no need", false);
	for (int i = 0; i < r->readings.n; i++)
		line(d, "reading", ((const reading *)r->readings.v[i])->text, true);
}

static void compare_rows(differ *d, const plan *a, const row *x, const plan *b, const row *y)
{
	const char *k = kind_words(y->kind), *id = y->id;
	const char *tx = theme_name(a, x->theme), *ty = theme_name(b, y->theme);
	if ((tx || ty) && (!tx || !ty || strcmp(tx, ty)))
		changed(d, k, id, "theme", tx, ty, false);
	compare_text(d, k, id, "wording", x->text, y->text);
	compare_words(d, k, id, "who", need(words_who(a, x)), need(words_who(b, y)));
	compare_words(d, k, id, "what it serves", serves_words(a, x), serves_words(b, y));
	compare_words(d, k, id, "band (where)", cond_words_or_null(a, x->where), cond_words_or_null(b, y->where));
	compare_words(d, k, id, "rule", cond_words_or_null(a, x->when), cond_words_or_null(b, y->when));
	compare_words(d, k, id, "exemption", cond_words_or_null(a, x->exempt), cond_words_or_null(b, y->exempt));
	if (x->supplementary != y->supplementary)
		changed(d, k, id, "supplementary", x->supplementary ? "yes" : "no", y->supplementary ? "yes" : "no", false);
	compare_text(d, k, id, "time period", x->period, y->period);
	compare_text(d, k, id, "data source", x->source, y->source);
	compare_text(d, k, id, "note", x->note, y->note);
	compare_readings(d, k, id, &x->readings, &y->readings);
}

static void diff_rows(differ *d, const plan *a, const ptr_vec *old, const plan *b, const ptr_vec *new)
{
	for (int i = 0; i < old->n; i++) {
		const row *r = old->v[i];
		if (!find_row(new, r->id)) {
			heading(d, kind_words(r->kind), r->id, "removed");
			line(d, "wording", r->text, true);
		}
	}
	for (int i = 0; i < new->n; i++) {
		const row *r = new->v[i], *was = find_row(old, r->id);
		if (was) {
			compare_rows(d, a, was, b, r);
			continue;
		}
		const char *t = theme_name(b, r->theme);
		char *how = t ? ehp_xprintf("added to theme %s", t) : ehp_xprintf("added");
		heading(d, kind_words(r->kind), r->id, how);
		free(how);
		show_row(d, b, r);
	}
}

/* ------------------------------------------------------------ prose */

static const char *prose_words(prose_kind k)
{
	switch (k) {
	case PROSE_TEXT: return "text";
	case PROSE_FOOTNOTE: return "footnote";
	case PROSE_GLOSSARY: return "glossary entry";
	}
	return "?";
}

static const prose *find_prose(const plan *p, const prose *x)
{
	for (int i = 0; i < p->prose.n; i++) {
		const prose *y = p->prose.v[i];
		if (y->kind == x->kind && same_text(y->label, x->label))
			return y;
	}
	return NULL;
}

static void diff_prose(differ *d, const plan *a, const plan *b)
{
	for (int i = 0; i < a->prose.n; i++) {
		const prose *x = a->prose.v[i];
		if (!find_prose(b, x)) {
			char *label = squeeze(x->label);
			heading(d, prose_words(x->kind), label, "removed");
			free(label);
		}
	}
	for (int i = 0; i < b->prose.n; i++) {
		const prose *y = b->prose.v[i], *x = find_prose(a, y);
		char *label = squeeze(y->label);
		if (!x) {
			heading(d, prose_words(y->kind), label, "added");
			line(d, "text", y->body, true);
		} else {
			compare_text(d, prose_words(y->kind), label, "text", x->body, y->body);
		}
		free(label);
	}
}

/* ------------------------------------------------------------ entry point */

int diff_plans(plan *old, const plan *new, FILE *out)
{
	differ d = { out, 0 };
	diff_header(&d, old, new);
	diff_params(&d, old, new);
	param_values *own = adopt_param_values(old, new);
	diff_cohorts(&d, old, new);
	diff_themes(&d, old, new);
	diff_rows(&d, old, &old->indicators, new, &new->indicators);
	diff_rows(&d, old, &old->outcomes, new, &new->outcomes);
	compare_words(&d, "family", "rules", "who is eligible", need(words_eligible(old)), need(words_eligible(new)));
	compare_words(&d, "family", "rules", "the claim rule", need(words_claimable(old)), need(words_claimable(new)));
	compare_readings(&d, "family", "rules", &old->eligible_readings, &new->eligible_readings);
	compare_readings(&d, "family", "rules", &old->claimable_readings, &new->claimable_readings);
	diff_prose(&d, old, new);
	put_back_values(old, own);
	return d.changes;
}
