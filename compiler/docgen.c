/*
 * docgen.c - the plan as a document for people (`ehpc --doc`): Markdown a
 * policy officer, an auditor or a council's website can read without the
 * plan file, in the plan's own order: header, prose, parameters, cohorts,
 * each theme with its indicators and outcomes, the family rules, footnotes
 * and glossary; then every reading together, to be agreed. Each reading is
 * also shown beside what it reads.
 *
 * Every rule is quoted from the plan file itself (its source span), so the
 * document can never drift from what the evaluator runs. Plan text is
 * escaped for Markdown and HTML: whatever a string holds, it stays text.
 */
#include <stdlib.h>
#include <string.h>
#include "docgen.h"
#include "docwords.h"
#include "ehp.h"

typedef struct {
	FILE *f;
	const plan *p;
	const char *text;   /* the plan file */
	size_t len;
	size_t *line_start; /* byte offset of each line, 1-based */
	int n_lines;
} doc;

/* ------------------------------------------------------------ escaping */

/* Plan text as Markdown inline text: punctuation Markdown acts on inside a
 * line is backslash-escaped, `<`, `>` and `&` become entities (no raw
 * HTML), line breaks become spaces, control bytes are dropped. A text that
 * starts a line (a paragraph) also has a leading list or quote marker
 * escaped. */
static void md_text(FILE *f, const char *s, bool starts_line)
{
	if (!s)
		return;
	const unsigned char *p = (const unsigned char *)s;
	if (starts_line) {
		const unsigned char *q = p;
		while (*q >= '0' && *q <= '9')
			q++;
		if ((q > p && (*q == '.' || *q == ')')) || (q == p && (*p == '-' || *p == '+'))) {
			fwrite(p, 1, (size_t)(q - p), f);
			fprintf(f, "\\%c", *q);
			p = q + 1;
		}
	}
	for (; *p; p++) {
		unsigned c = *p;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			while (p[1] == ' ' || p[1] == '\n' || p[1] == '\t' || p[1] == '\r')
				p++; /* a string laid out over lines reads as one line */
			putc(' ', f);
		} else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '&')
			fputs("&amp;", f);
		else if (c < 0x20 || c == 0x7f)
			continue;
		else if (strchr("\\`*_[]#|~", (int)c))
			fprintf(f, "\\%c", c);
		else
			putc((int)c, f);
	}
}

static void md(FILE *f, const char *s)
{
	md_text(f, s, false);
}

/* ------------------------------------------------------------ source spans */

static void index_lines(doc *d)
{
	int n = 1;
	for (size_t i = 0; i < d->len; i++)
		n += d->text[i] == '\n';
	d->line_start = malloc(((size_t)n + 2) * sizeof *d->line_start);
	if (!d->line_start)
		return;
	d->n_lines = n;
	d->line_start[1] = 0;
	for (size_t i = 0, l = 1; i < d->len; i++)
		if (d->text[i] == '\n')
			d->line_start[++l] = i + 1;
}

static size_t offset(const doc *d, int line, int col)
{
	if (line < 1 || line > d->n_lines)
		return d->len;
	size_t o = d->line_start[line] + (size_t)(col > 0 ? col - 1 : 0);
	return o < d->len ? o : d->len;
}

/* The longest run of c in [from, to): a fence must be longer. */
static int longest_run(const char *s, size_t from, size_t to, char c)
{
	int best = 0, run = 0;
	for (size_t i = from; i < to; i++) {
		run = s[i] == c ? run + 1 : 0;
		best = run > best ? run : best;
	}
	return best;
}

/* The plan's own words for a span, as a fenced block: continuation lines
 * lose their indentation and get two spaces, so a rule reads as written. */
static void quote(doc *d, src_loc loc)
{
	if (!d->line_start)
		return;
	size_t from = offset(d, loc.line, loc.col), to = offset(d, loc.end_line, loc.end_col) + 1;
	if (to > d->len)
		to = d->len;
	if (from >= to)
		return;
	int fence = longest_run(d->text, from, to, '~') + 1;
	fence = fence < 4 ? 4 : fence;
	fprintf(d->f, "\n%.*s\n", fence, "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
	bool line_start = true;
	for (size_t i = from; i < to; i++) {
		char c = d->text[i];
		if (line_start && i > from) {
			while (i < to && (d->text[i] == ' ' || d->text[i] == '\t'))
				i++;
			if (i >= to)
				break;
			fputs("  ", d->f);
			c = d->text[i];
		}
		line_start = c == '\n';
		if (c != '\r')
			putc(c, d->f);
	}
	fprintf(d->f, "\n%.*s\n", fence, "~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~");
}

/* The plan's words for a short span (a cohort) inline, in code. */
static void inline_span(doc *d, src_loc loc)
{
	if (!d->line_start)
		return;
	size_t from = offset(d, loc.line, loc.col), to = offset(d, loc.end_line, loc.end_col) + 1;
	if (to > d->len)
		to = d->len;
	int ticks = longest_run(d->text, from, to, '`') + 1;
	fprintf(d->f, "%.*s ", ticks, "````````````````");
	bool space = false;
	for (size_t i = from; i < to; i++) {
		char c = d->text[i];
		bool blank = c == ' ' || c == '\t' || c == '\n' || c == '\r';
		if (blank) {
			space = true;
			continue;
		}
		if (space)
			putc(' ', d->f);
		space = false;
		putc(c, d->f);
	}
	fprintf(d->f, " %.*s", ticks, "````````````````");
}

/* ------------------------------------------------------------ pieces */

/* A rule in plain English (docwords.c), then the parameters it reads. */
static void in_words(doc *d, const char *label, const cond *c, char *text)
{
	fprintf(d->f, "- **%s:** ", label);
	md(d->f, text ? text : "(out of memory)");
	fputc('\n', d->f);
	free(text);
	int n;
	const param **used = words_params_of(d->p, c, &n);
	for (int i = 0; i < n; i++) {
		char *v = words_param_value(used[i]);
		fprintf(d->f, "%s`%s` = ", i ? ", " : "- **Parameters:** ", used[i]->name);
		md(d->f, v);
		free(v);
	}
	if (n)
		fputc('\n', d->f);
	free(used);
}

static void field(doc *d, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(d->f, "- **%s:** ", label);
	md(d->f, value);
	fputc('\n', d->f);
}

static void who(doc *d, const row *r)
{
	fputs("- **Who:** ", d->f);
	if (r->scope == SCOPE_HOUSEHOLD)
		fputs("the household", d->f);
	else if (r->scope == SCOPE_FAMILY)
		fputs("the family as a whole", d->f);
	else if (r->who)
		inline_span(d, r->who->loc);
	else if (r->kind == ROW_OUTCOME)
		fputs("each member who met the indicator", d->f);
	else
		fputs("any member", d->f);
	fputc('\n', d->f);
}

static void row_link(doc *d, const char *kind, const char *id)
{
	fputs("[", d->f);
	md(d->f, id);
	fputs("](#", d->f);
	doc_anchor(d->f, kind, id);
	fputs(")", d->f);
}

/* The readings of what was just written, one list item each, numbered as
 * in the list of readings to agree. */
static void readings(doc *d, const ptr_vec *v)
{
	for (int i = 0; i < v->n; i++) {
		const reading *r = v->v[i];
		fprintf(d->f, "- **Reading %d:** ", r->number);
		md(d->f, r->text);
		fputc('\n', d->f);
	}
}

/* Every reading in one table, each to be agreed before the plan is signed. */
static void readings_to_agree(doc *d)
{
	const plan *p = d->p;
	if (!p->all_readings.n)
		return;
	fputs("\n## Readings to agree\n\n"
	      "Where the published plan is not exact, the evaluator reads it as below; each reading is also shown "
	      "beside what it reads.\n\n| no. | reads | reading |\n|---|---|---|\n",
	      d->f);
	for (int i = 0; i < p->all_readings.n; i++) {
		const reading *r = p->all_readings.v[i];
		fprintf(d->f, "| %d | ", r->number);
		switch (r->target) {
		case READING_PLAN: fputs("the whole plan", d->f); break;
		case READING_THEME:
			fprintf(d->f, "theme %d: ", r->theme->index + 1);
			md(d->f, r->theme->title);
			break;
		case READING_INDICATOR: fputs("indicator ", d->f); row_link(d, "indicator", r->row->id); break;
		case READING_OUTCOME: fputs("outcome ", d->f); row_link(d, "outcome", r->row->id); break;
		case READING_ELIGIBLE: fputs("the family's eligibility", d->f); break;
		case READING_CLAIMABLE: fputs("the claim rule", d->f); break;
		}
		fputs(" | ", d->f);
		md(d->f, r->text);
		fputs(" |\n", d->f);
	}
}

/* A row's heading, with the anchor its links point at. */
static void row_heading(doc *d, const char *kind, const row *r)
{
	fputs("\n#### <a id=\"", d->f);
	doc_anchor(d->f, kind, r->id);
	fputs("\"></a>", d->f);
	md(d->f, r->id);
	fputs(": ", d->f);
	md(d->f, r->text);
	fputs("\n\n", d->f);
}

static void indicator(doc *d, const row *r)
{
	const plan *p = d->p;
	row_heading(d, "indicator", r);
	who(d, r);
	field(d, "Time period", r->period);
	field(d, "Data source", r->source);
	field(d, "Note", r->note);
	readings(d, &r->readings);
	bool any = false;
	for (int o = 0; o < p->outcomes.n; o++) {
		const row *out = p->outcomes.v[o];
		if (!doc_serves(out, r->index))
			continue;
		fputs(any ? ", " : "- **Outcomes:** ", d->f);
		row_link(d, "outcome", out->id);
		any = true;
	}
	if (any)
		fputc('\n', d->f);
	if (r->when)
		in_words(d, "In words", r->when, words_cond(p, r->when));
	fprintf(d->f, "- **Met when** (plan line %d):\n", r->when ? r->when->loc.line : r->loc.line);
	if (r->when)
		quote(d, r->when->loc);
	if (r->exempt) {
		in_words(d, "Needs no outcome when, in words", r->exempt, words_cond(p, r->exempt));
		fputs("- **Needs no outcome when:**\n", d->f);
		quote(d, r->exempt->loc);
	}
}

static void outcome(doc *d, const row *r)
{
	const plan *p = d->p;
	row_heading(d, "outcome", r);
	fputs("- **For:** ", d->f);
	for (int s = 0; s < r->n_serves; s++) {
		if (s)
			fputs(", ", d->f);
		row_link(d, "indicator", ((const row *)p->indicators.v[r->serves[s]])->id);
	}
	fputc('\n', d->f);
	who(d, r);
	field(d, "Time period", r->period);
	field(d, "Note", r->note);
	readings(d, &r->readings);
	if (r->where) {
		in_words(d, "Applies where, in words", r->where, words_cond(p, r->where));
		fputs("- **Applies where:**\n", d->f);
		quote(d, r->where->loc);
	}
	if (r->when)
		in_words(d, "In words", r->when, words_cond(p, r->when));
	fprintf(d->f, "- **Achieved when** (plan line %d):\n", r->when ? r->when->loc.line : r->loc.line);
	if (r->when)
		quote(d, r->when->loc);
}

static void parameters(doc *d)
{
	const plan *p = d->p;
	if (!p->params.n)
		return;
	fputs("\n## Local parameters\n\n"
	      "Values the plan leaves to local analysis. The evaluator uses these defaults unless it is run with "
	      "`--set NAME=VALUE`.\n\n| parameter | default | what it is |\n|---|---|---|\n", d->f);
	for (int i = 0; i < p->params.n; i++) {
		const param *pm = p->params.v[i];
		fputs("| `", d->f);
		fputs(pm->name, d->f); /* a name: letters, digits and `_` */
		fputs("` | ", d->f);
		char *v = words_param_value(pm);
		md(d->f, v);
		free(v);
		fputs(" | ", d->f);
		md(d->f, pm->doc);
		fputs(" |\n", d->f);
	}
}

static void cohorts(doc *d)
{
	const plan *p = d->p;
	if (!p->cohorts.n)
		return;
	fputs("\n## Groups of people\n\n| name | who | meaning |\n|---|---|---|\n", d->f);
	for (int i = 0; i < p->cohorts.n; i++) {
		const cohort_def *c = p->cohorts.v[i];
		fprintf(d->f, "| `%s` | ", c->name);
		inline_span(d, c->def->loc);
		fputs(" | ", d->f);
		md(d->f, c->doc);
		fputs(" |\n", d->f);
	}
}

/* The prose of one kind; texts only those written after theme `in` (-1:
 * before any theme), at heading level `level`. */
static void prose_kind_of(doc *d, prose_kind k, const char *heading, int in, const char *level)
{
	const plan *p = d->p;
	bool any = false;
	for (int i = 0; i < p->prose.n; i++) {
		const prose *x = p->prose.v[i];
		if (x->kind != k || (k == PROSE_TEXT && doc_theme_before(p, x) != in))
			continue;
		if (!any && heading)
			fprintf(d->f, "\n## %s\n\n", heading);
		any = true;
		if (k == PROSE_TEXT) {
			fprintf(d->f, "\n%s ", level);
			md(d->f, x->label ? x->label : "About this plan");
			fputs("\n\n", d->f);
			md_text(d->f, x->body, true);
			fputc('\n', d->f);
		} else if (k == PROSE_FOOTNOTE) {
			fputs("- ", d->f);
			md(d->f, x->label);
			fputs(": ", d->f);
			md(d->f, x->body);
			fputc('\n', d->f);
		} else {
			fputs("- **", d->f);
			md(d->f, x->label);
			fputs("**: ", d->f);
			md(d->f, x->body);
			fputc('\n', d->f);
		}
	}
}

static void theme_section(doc *d, int t)
{
	const plan *p = d->p;
	const theme *th = p->themes.v[t];
	fputs("\n## Theme ", d->f);
	fprintf(d->f, "%d: ", t + 1);
	md(d->f, th->title);
	fputs("\n\n", d->f);
	if (th->text) {
		md_text(d->f, th->text, true);
		fputs("\n\n", d->f);
	}
	if (th->evidence) {
		fputs("**Evidence required for claim:** ", d->f);
		md(d->f, th->evidence);
		fputs("\n\n", d->f);
	}
	fprintf(d->f, "In the rules and results this theme is `%s`.\n", th->name);
	if (th->readings.n)
		fputc('\n', d->f);
	readings(d, &th->readings);
	prose_kind_of(d, PROSE_TEXT, NULL, t, "###");
	bool heading = false;
	for (int i = 0; i < p->indicators.n; i++) {
		const row *r = p->indicators.v[i];
		if (r->theme != t)
			continue;
		if (!heading)
			fputs("\n### Indicators: a family may need support when\n", d->f);
		heading = true;
		indicator(d, r);
	}
	heading = false;
	for (int i = 0; i < p->outcomes.n; i++) {
		const row *r = p->outcomes.v[i];
		if (r->theme != t)
			continue;
		if (!heading)
			fputs("\n### Outcomes: significant and sustained progress is\n", d->f);
		heading = true;
		outcome(d, r);
	}
}

int emit_doc(const plan *p, const char *text, size_t len, FILE *out)
{
	doc d = { .f = out, .p = p, .text = text, .len = len };
	index_lines(&d);
	fputs("# ", out);
	md(out, p->title);
	fputs("\n\n", out);
	field(&d, "Council", p->council);
	field(&d, "Revised", p->revised);
	field(&d, "Source", p->source);
	fputs("\n*This document is generated from the plan file `", out);
	md(out, p->file);
	fputs("` by ehpc " EHP_VERSION ". Every rule is quoted from that file, which is what the evaluator runs.*\n", out);
	if (p->readings.n) {
		fputs("\n## How the plan is read\n\n", out);
		readings(&d, &p->readings);
	}
	prose_kind_of(&d, PROSE_TEXT, NULL, -1, "##");
	parameters(&d);
	cohorts(&d);
	for (int t = 0; t < p->themes.n; t++)
		theme_section(&d, t);
	fputs("\n## The whole family\n\n", out);
	in_words(&d, "Eligible when", p->eligible, words_eligible(p));
	readings(&d, &p->eligible_readings);
	in_words(&d, "A claim can be made when", p->claimable, words_claimable(p));
	readings(&d, &p->claimable_readings);
	if (p->eligible) {
		fprintf(out, "\n**Eligible when** (plan line %d):\n", p->eligible->loc.line);
		quote(&d, p->eligible->loc);
	}
	if (p->claimable) {
		fprintf(out, "\n**A claim can be made when** (plan line %d):\n", p->claimable->loc.line);
		quote(&d, p->claimable->loc);
	}
	prose_kind_of(&d, PROSE_FOOTNOTE, "Footnotes", -1, "");
	prose_kind_of(&d, PROSE_GLOSSARY, "Glossary", -1, "");
	readings_to_agree(&d);
	free(d.line_start);
	return ferror(out) ? -1 : 0;
}
