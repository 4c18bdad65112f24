/*
 * dochtml.c - the plan as one self-contained HTML page (`ehpc --doc -o
 * PLAN.html`, or `--format html`): what a partnership board reads and signs.
 *
 * Laid out like the published plans: a cover with the plan's identity (its
 * SHA-256 and revision date), a contents list, the plan's own prose, its
 * local parameters, then per theme the table of indicators and the table of
 * outcomes (No. / Who / wording / time period), each row with its rule in
 * plain English (docwords.c, shared with the Markdown back end), the
 * parameters it reads with their values, and the readings the partnership
 * attaches to it; then the family rules in words (with theirs), footnotes,
 * glossary, every reading together in one numbered list to agree, and an
 * empty sign-off block.
 *
 * One file, no scripts, no external resources: inline CSS sized for A4,
 * each theme on a new page when printed. Every string from the plan goes
 * through html(), so whatever it holds stays text.
 */
#include <stdlib.h>
#include <string.h>
#include "dochtml.h"
#include "docwords.h"
#include "ehp.h"

typedef struct {
	FILE *f;
	const plan *p;
} page;

/* ------------------------------------------------------------ escaping */

/* Plan text as HTML text (also safe in a quoted attribute): the five
 * special characters become entities, runs of white space one space,
 * control bytes are dropped. */
static void html(FILE *f, const char *s)
{
	if (!s)
		return;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		unsigned c = *p;
		if (c == ' ' || c == '\n' || c == '\t' || c == '\r') {
			while (p[1] == ' ' || p[1] == '\n' || p[1] == '\t' || p[1] == '\r')
				p++;
			putc(' ', f);
		} else if (c == '<')
			fputs("&lt;", f);
		else if (c == '>')
			fputs("&gt;", f);
		else if (c == '&')
			fputs("&amp;", f);
		else if (c == '"')
			fputs("&quot;", f);
		else if (c == '\'')
			fputs("&#39;", f);
		else if (c < 0x20 || c == 0x7f)
			continue;
		else
			putc((int)c, f);
	}
}

/* A malloc'd text from docwords.c, escaped and freed. */
static void html_free(FILE *f, char *s)
{
	html(f, s ? s : "(out of memory)");
	free(s);
}

/* ------------------------------------------------------------ style */

static const char style[] =
	"@page{size:A4;margin:16mm 14mm 18mm}\n"
	"*{box-sizing:border-box}\n"
	"html{background:#e9ecef}\n"
	"body{font:10.5pt/1.45 'DejaVu Sans','Liberation Sans',Arial,sans-serif;color:#1d2329;"
	"max-width:210mm;margin:0 auto;padding:14mm 14mm 20mm;background:#fff}\n"
	"h1{font-size:22pt;line-height:1.2;margin:.2em 0 .4em;color:#123d5c}\n"
	"h2{font-size:15pt;color:#123d5c;border-bottom:2px solid #123d5c;padding-bottom:.15em;margin:1.6em 0 .6em}\n"
	"h3{font-size:11.5pt;color:#123d5c;margin:1.3em 0 .4em}\n"
	"p{margin:.35em 0 .6em}\n"
	"a{color:#1a5a86;text-decoration:none}\n"
	"code{font:9pt 'DejaVu Sans Mono',monospace;background:#f1f3f5;padding:0 .2em;border-radius:2px}\n"
	".kicker{font-size:10pt;letter-spacing:.08em;text-transform:uppercase;color:#5b6770;margin:0}\n"
	".cover{border-top:6px solid #123d5c;padding-top:6mm}\n"
	"table{border-collapse:collapse;width:100%;margin:.4em 0 1em}\n"
	"th,td{border:1px solid #9aa5ae;padding:4px 6px;text-align:left;vertical-align:top}\n"
	"thead th{background:#123d5c;color:#fff;font-weight:600;font-size:9.5pt}\n"
	"thead{display:table-header-group}\n"
	"tr{break-inside:avoid;page-break-inside:avoid}\n"
	"table.facts th{width:24%;background:#f1f3f5;font-weight:600}\n"
	"table.facts td.hash{font:9pt 'DejaVu Sans Mono',monospace;word-break:break-all}\n"
	"table.rows td.id{width:3.4em;font-weight:700;white-space:nowrap}\n"
	"table.rows td.who{width:17%}\n"
	"table.rows td.period{width:15%}\n"
	"table.rows td.for{width:3.8em}\n"
	".wording{font-weight:600;margin:0 0 .3em}\n"
	".rule,.extra{font-size:9.5pt;margin:.25em 0;color:#2b3640}\n"
	".label{display:inline-block;min-width:5.6em;font-size:8pt;font-weight:700;letter-spacing:.04em;"
	"text-transform:uppercase;color:#5b6770}\n"
	".rule{background:#f4f8fb;border-left:3px solid #1a5a86;padding:3px 6px}\n"
	"div.rule ul{margin:.3em 0 .2em;padding-left:1.4em}\n"
	"div.rule li{margin:.2em 0}\n"
	"#family .rule{font-size:10pt;margin:.8em 0 .2em}\n"
	".readings .none{color:#8a949c;font-style:italic}\n"
	"ol.readings{margin:.2em 0 .3em;padding-left:2.2em}\n"
	"ol.readings li{margin:.15em 0}\n"
	"table.readings td.no{width:3em;font-weight:700}\n"
	"table.readings td.agreed{width:13%}\n"
	".line{font-size:8pt;color:#8a949c}\n"
	".evidence{border:1px solid #c9a227;background:#fdf8e6;padding:4px 8px;margin:.5em 0}\n"
	".note{font-size:9.5pt;color:#4a5660}\n"
	"nav ol{columns:2;column-gap:8mm;padding-left:1.4em}\n"
	"nav li{margin:.1em 0}\n"
	".theme,.signoff{break-before:page;page-break-before:always}\n"
	".signoff td{height:13mm}\n"
	".signoff .statement{border:1px solid #9aa5ae;background:#f4f8fb;padding:6px 10px}\n"
	"dl.glossary dt{font-weight:700;margin-top:.4em}\n"
	"dl.glossary dd{margin:0 0 .3em 1.2em}\n"
	"footer{margin-top:2em;font-size:8.5pt;color:#5b6770;border-top:1px solid #c3cbd1;padding-top:.5em}\n"
	"@media print{html{background:#fff}body{max-width:none;margin:0;padding:0}a{color:inherit}}\n";

/* ------------------------------------------------------------ pieces */

static void row_link(page *g, const char *kind, const char *id)
{
	fputs("<a href=\"#", g->f);
	doc_anchor(g->f, kind, id);
	fputs("\">", g->f);
	html(g->f, id);
	fputs("</a>", g->f);
}

/* A labelled line in a row's cell. */
static void labelled(page *g, const char *cls, const char *label, const char *text)
{
	if (!text || !*text)
		return;
	fprintf(g->f, "<p class=\"%s\"><span class=\"label\">%s</span> ", cls, label);
	html(g->f, text);
	fputs("</p>\n", g->f);
}

static void rule_params(page *g, const cond *c);

/* A rule in words, then the parameters it reads with their values. */
static void rule(page *g, const char *label, const cond *c, char *text)
{
	fprintf(g->f, "<p class=\"rule\"><span class=\"label\">%s</span> ", label);
	html_free(g->f, text);
	fputs("</p>\n", g->f);
	rule_params(g, c);
}

/* The parameters a rule reads, with their values. */
static void rule_params(page *g, const cond *c)
{
	int n;
	const param **used = words_params_of(g->p, c, &n);
	for (int i = 0; i < n; i++) {
		fputs(i ? ", " : "<p class=\"extra\"><span class=\"label\">Parameters</span> ", g->f);
		fprintf(g->f, "<a href=\"#parameters\"><code>%s</code></a> = ", used[i]->name); /* a name */
		html_free(g->f, words_param_value(used[i]));
	}
	if (n)
		fputs("</p>\n", g->f);
	free(used);
}

/* The readings of a row, a theme, the plan or a family rule: how the
 * partnership reads it, each with its number in the list to agree. */
static void readings(page *g, const ptr_vec *v)
{
	if (!v->n) {
		fputs("<p class=\"extra readings\"><span class=\"label\">Readings</span> "
		      "<span class=\"none\">none recorded</span></p>\n",
		      g->f);
		return;
	}
	fputs("<div class=\"extra readings\"><span class=\"label\">Readings</span>\n<ol class=\"readings\">\n", g->f);
	for (int i = 0; i < v->n; i++) {
		const reading *r = v->v[i];
		fprintf(g->f, "<li value=\"%d\" id=\"reading-%d\">", r->number, r->number);
		html(g->f, r->text);
		fputs("</li>\n", g->f);
	}
	fputs("</ol></div>\n", g->f);
}

static void who_cell(page *g, const row *r)
{
	fputs("<td class=\"who\">", g->f);
	html_free(g->f, words_who(g->p, r));
	fputs("</td>", g->f);
}

static void period_cell(page *g, const row *r)
{
	fputs("<td class=\"period\">", g->f);
	html(g->f, r->period ? r->period : "");
	fputs("</td></tr>\n", g->f);
}

static void row_open(page *g, const char *kind, const row *r)
{
	fputs("<tr id=\"", g->f);
	doc_anchor(g->f, kind, r->id);
	fputs("\"><td class=\"id\">", g->f);
	html(g->f, r->id);
	fputs("</td>", g->f);
}

static void indicator(page *g, const row *r)
{
	const plan *p = g->p;
	row_open(g, "indicator", r);
	who_cell(g, r);
	fputs("<td><p class=\"wording\">", g->f);
	html(g->f, r->text);
	fputs("</p>\n", g->f);
	if (r->when)
		rule(g, "Met when", r->when, words_cond(p, r->when));
	if (r->exempt)
		rule(g, "No outcome needed when", r->exempt, words_cond(p, r->exempt));
	bool any = false;
	for (int o = 0; o < p->outcomes.n; o++) {
		const row *out = p->outcomes.v[o];
		if (!doc_serves(out, r->index))
			continue;
		fputs(any ? ", " : "<p class=\"extra\"><span class=\"label\">Outcomes</span> ", g->f);
		row_link(g, "outcome", out->id);
		any = true;
	}
	if (any)
		fputs("</p>\n", g->f);
	labelled(g, "extra", "Data source", r->source);
	labelled(g, "extra note", "Note", r->note);
	readings(g, &r->readings);
	fprintf(g->f, "<p class=\"line\">plan line %d</p></td>", r->loc.line);
	period_cell(g, r);
}

static void outcome(page *g, const row *r)
{
	const plan *p = g->p;
	row_open(g, "outcome", r);
	fputs("<td class=\"for\">", g->f);
	for (int s = 0; s < r->n_serves; s++) {
		if (s)
			fputs(", ", g->f);
		row_link(g, "indicator", ((const row *)p->indicators.v[r->serves[s]])->id);
	}
	fputs("</td>", g->f);
	who_cell(g, r);
	fputs("<td><p class=\"wording\">", g->f);
	html(g->f, r->text);
	fputs("</p>\n", g->f);
	if (r->where)
		rule(g, "Applies where", r->where, words_cond(p, r->where));
	if (r->when)
		rule(g, "Achieved when", r->when, words_cond(p, r->when));
	if (r->supplementary)
		labelled(g, "extra note", "Note", "progress only alongside another outcome of the same indicator");
	labelled(g, "extra note", "Note", r->note);
	readings(g, &r->readings);
	fprintf(g->f, "<p class=\"line\">plan line %d</p></td>", r->loc.line);
	period_cell(g, r);
}

/* Prose texts written after theme `in` (-1: before any theme). */
static void texts(page *g, int in, const char *tag)
{
	const plan *p = g->p;
	for (int i = 0; i < p->prose.n; i++) {
		const prose *x = p->prose.v[i];
		if (x->kind != PROSE_TEXT || doc_theme_before(p, x) != in)
			continue;
		fprintf(g->f, "<%s>", tag);
		html(g->f, x->label ? x->label : "About this plan");
		fprintf(g->f, "</%s>\n<p>", tag);
		html(g->f, x->body);
		fputs("</p>\n", g->f);
	}
}

static bool has_prose(const plan *p, prose_kind k, int in)
{
	for (int i = 0; i < p->prose.n; i++) {
		const prose *x = p->prose.v[i];
		if (x->kind == k && (k != PROSE_TEXT || doc_theme_before(p, x) == in))
			return true;
	}
	return false;
}

static void theme_section(page *g, int t)
{
	const plan *p = g->p;
	const theme *th = p->themes.v[t];
	fprintf(g->f, "\n<section class=\"theme\" id=\"theme-%d\">\n<p class=\"kicker\">Theme %d</p>\n<h2>", t + 1, t + 1);
	html(g->f, th->title);
	fputs("</h2>\n", g->f);
	if (th->text) {
		fputs("<p>", g->f);
		html(g->f, th->text);
		fputs("</p>\n", g->f);
	}
	if (th->evidence) {
		fputs("<p class=\"evidence\"><span class=\"label\">Evidence for a claim</span> ", g->f);
		html(g->f, th->evidence);
		fputs("</p>\n", g->f);
	}
	if (th->readings.n)
		readings(g, &th->readings);
	fprintf(g->f, "<p class=\"note\">In the evaluator's results this theme is <code>%s</code>.</p>\n", th->name);
	texts(g, t, "h3");
	bool head = false;
	for (int i = 0; i < p->indicators.n; i++) {
		const row *r = p->indicators.v[i];
		if (r->theme != t)
			continue;
		if (!head)
			fputs("<h3>Identifying factors: a family may need support when</h3>\n"
			      "<table class=\"rows indicators\"><thead><tr><th>No.</th><th>Who</th>"
			      "<th>Identifying factor and its rule</th><th>Time period</th></tr></thead><tbody>\n",
			      g->f);
		head = true;
		indicator(g, r);
	}
	if (head)
		fputs("</tbody></table>\n", g->f);
	head = false;
	for (int i = 0; i < p->outcomes.n; i++) {
		const row *r = p->outcomes.v[i];
		if (r->theme != t)
			continue;
		if (!head)
			fputs("<h3>Outcomes: significant and sustained progress is</h3>\n"
			      "<table class=\"rows outcomes\"><thead><tr><th>No.</th><th>For</th><th>Who</th>"
			      "<th>Outcome and its rule</th><th>Time period after support</th></tr></thead><tbody>\n",
			      g->f);
		head = true;
		outcome(g, r);
	}
	if (head)
		fputs("</tbody></table>\n", g->f);
	fputs("</section>\n", g->f);
}

static void fact(page *g, const char *label, const char *value)
{
	if (!value || !*value)
		return;
	fprintf(g->f, "<tr><th>%s</th><td>", label);
	html(g->f, value);
	fputs("</td></tr>\n", g->f);
}

static void contents(page *g)
{
	const plan *p = g->p;
	fputs("<nav id=\"contents\">\n<h2>Contents</h2>\n<ol>\n", g->f);
	if (has_prose(p, PROSE_TEXT, -1))
		fputs("<li><a href=\"#about\">About this plan</a></li>\n", g->f);
	fputs("<li><a href=\"#reading\">How to read this document</a></li>\n", g->f);
	if (p->readings.n)
		fputs("<li><a href=\"#plan-readings\">How the plan is read</a></li>\n", g->f);
	if (p->params.n)
		fputs("<li><a href=\"#parameters\">Local parameters</a></li>\n", g->f);
	if (p->cohorts.n)
		fputs("<li><a href=\"#groups\">Groups of people</a></li>\n", g->f);
	for (int t = 0; t < p->themes.n; t++) {
		fprintf(g->f, "<li><a href=\"#theme-%d\">Theme %d: ", t + 1, t + 1);
		html(g->f, ((const theme *)p->themes.v[t])->title);
		fputs("</a></li>\n", g->f);
	}
	fputs("<li><a href=\"#family\">The whole family: eligibility and claims</a></li>\n", g->f);
	if (has_prose(p, PROSE_FOOTNOTE, -1))
		fputs("<li><a href=\"#footnotes\">Footnotes</a></li>\n", g->f);
	if (has_prose(p, PROSE_GLOSSARY, -1))
		fputs("<li><a href=\"#glossary\">Glossary</a></li>\n", g->f);
	if (p->all_readings.n)
		fputs("<li><a href=\"#readings\">Readings to agree</a></li>\n", g->f);
	fputs("<li><a href=\"#sign-off\">Sign-off</a></li>\n</ol>\n</nav>\n", g->f);
}

static void parameters(page *g)
{
	const plan *p = g->p;
	if (!p->params.n)
		return;
	fputs("\n<section id=\"parameters\">\n<h2>Local parameters</h2>\n"
	      "<p>Values the plan leaves to local analysis. Every evaluation uses these values unless it is run "
	      "with <code>--set NAME=VALUE</code>, and its receipt then records the value used.</p>\n"
	      "<table class=\"params\"><thead><tr><th>Parameter</th><th>Value</th><th>What it is</th></tr></thead><tbody>\n",
	      g->f);
	for (int i = 0; i < p->params.n; i++) {
		const param *pm = p->params.v[i];
		fprintf(g->f, "<tr><td><code>%s</code></td><td>", pm->name); /* a name */
		html_free(g->f, words_param_value(pm));
		fputs("</td><td>", g->f);
		html(g->f, pm->doc);
		fputs("</td></tr>\n", g->f);
	}
	fputs("</tbody></table>\n</section>\n", g->f);
}

static void groups(page *g)
{
	const plan *p = g->p;
	if (!p->cohorts.n)
		return;
	fputs("\n<section id=\"groups\">\n<h2>Groups of people</h2>\n"
	      "<table><thead><tr><th>Group</th><th>Who is in it</th><th>Meaning</th></tr></thead><tbody>\n",
	      g->f);
	for (int i = 0; i < p->cohorts.n; i++) {
		const cohort_def *c = p->cohorts.v[i];
		fputs("<tr><td><code>", g->f);
		html(g->f, c->name);
		fputs("</code></td><td>", g->f);
		html_free(g->f, words_cohort(p, c->def));
		fputs("</td><td>", g->f);
		html(g->f, c->doc);
		fputs("</td></tr>\n", g->f);
	}
	fputs("</tbody></table>\n</section>\n", g->f);
}

/* The parts of a chain of `and` (or of `or`), one list item each. */
static void parts(page *g, const cond *c, cond_kind k)
{
	if (c->kind == k) {
		parts(g, c->a, k);
		parts(g, c->b, k);
		return;
	}
	fputs("<li>", g->f);
	html_free(g->f, words_cond(g->p, c));
	fputs("</li>\n", g->f);
}

/* A family rule: a chain of conditions is a list of them. */
static void family_rule(page *g, const char *label, const cond *c, char *text)
{
	if (!c || (c->kind != COND_AND && c->kind != COND_OR)) {
		rule(g, label, c, text);
	} else {
		free(text);
		fprintf(g->f, "<div class=\"rule\"><span class=\"label\">%s</span> %s\n<ul>\n", label,
		        c->kind == COND_AND ? "all of these hold:" : "any of these holds:");
		parts(g, c, c->kind);
		fputs("</ul></div>\n", g->f);
		rule_params(g, c);
	}
	if (c)
		fprintf(g->f, "<p class=\"line\">plan line %d</p>\n", c->loc.line);
}

static void family(page *g)
{
	const plan *p = g->p;
	fputs("\n<section id=\"family\" class=\"theme\">\n<h2>The whole family: eligibility and claims</h2>\n"
	      "<p>Indicators and outcomes are judged for each member; these rules judge the family as a whole.</p>\n",
	      g->f);
	family_rule(g, "Eligible when", p->eligible, words_eligible(p));
	if (p->eligible_readings.n)
		readings(g, &p->eligible_readings);
	family_rule(g, "A claim can be made when", p->claimable, words_claimable(p));
	if (p->claimable_readings.n)
		readings(g, &p->claimable_readings);
	fputs("</section>\n", g->f);
}

/* The plan's own readings, before its themes. */
static void plan_readings(page *g)
{
	if (!g->p->readings.n)
		return;
	fputs("\n<section id=\"plan-readings\">\n<h2>How the plan is read</h2>\n"
	      "<p>Where the published plan is not exact, the partnership reads the whole of it as follows.</p>\n",
	      g->f);
	readings(g, &g->p->readings);
	fputs("</section>\n", g->f);
}

/* What a reading reads, as a link to it. */
static void reads_what(page *g, const reading *r)
{
	switch (r->target) {
	case READING_PLAN: fputs("<a href=\"#plan-readings\">the whole plan</a>", g->f); return;
	case READING_THEME:
		fprintf(g->f, "<a href=\"#theme-%d\">theme %d: ", r->theme->index + 1, r->theme->index + 1);
		html(g->f, r->theme->title);
		fputs("</a>", g->f);
		return;
	case READING_INDICATOR: fputs("indicator ", g->f); row_link(g, "indicator", r->row->id); return;
	case READING_OUTCOME: fputs("outcome ", g->f); row_link(g, "outcome", r->row->id); return;
	case READING_ELIGIBLE: fputs("<a href=\"#family\">the family's eligibility</a>", g->f); return;
	case READING_CLAIMABLE: fputs("<a href=\"#family\">the claim rule</a>", g->f); return;
	}
}

/* Every reading in one list, each to be agreed before the plan is signed. */
static void readings_to_agree(page *g)
{
	const plan *p = g->p;
	if (!p->all_readings.n)
		return;
	fputs("\n<section id=\"readings\" class=\"theme\">\n<h2>Readings to agree</h2>\n"
	      "<p>Where the published plan is not exact, the evaluator reads it as below. Each reading is also shown "
	      "beside what it reads. Signing the plan agrees every one of them.</p>\n"
	      "<table class=\"readings\"><thead><tr><th>No.</th><th style=\"width:20%\">Reads</th><th>Reading</th>"
	      "<th>Agreed (initials)</th></tr></thead><tbody>\n",
	      g->f);
	for (int i = 0; i < p->all_readings.n; i++) {
		const reading *r = p->all_readings.v[i];
		fprintf(g->f, "<tr><td class=\"no\">%d</td><td>", r->number);
		reads_what(g, r);
		fputs("</td><td>", g->f);
		html(g->f, r->text);
		fputs("</td><td class=\"agreed\"></td></tr>\n", g->f);
	}
	fputs("</tbody></table>\n</section>\n", g->f);
}

static void notes(page *g, prose_kind k, const char *id, const char *heading)
{
	const plan *p = g->p;
	if (!has_prose(p, k, -1))
		return;
	fprintf(g->f, "\n<section id=\"%s\">\n<h2>%s</h2>\n%s\n", id, heading, k == PROSE_GLOSSARY ? "<dl class=\"glossary\">" : "<ol class=\"footnotes\">");
	for (int i = 0; i < p->prose.n; i++) {
		const prose *x = p->prose.v[i];
		if (x->kind != k)
			continue;
		fputs(k == PROSE_GLOSSARY ? "<dt>" : "<li><strong>", g->f);
		html(g->f, x->label);
		fputs(k == PROSE_GLOSSARY ? "</dt><dd>" : "</strong> ", g->f);
		html(g->f, x->body);
		fputs(k == PROSE_GLOSSARY ? "</dd>\n" : "</li>\n", g->f);
	}
	fprintf(g->f, "%s\n</section>\n", k == PROSE_GLOSSARY ? "</dl>" : "</ol>");
}

static void sign_off(page *g, const char *hash)
{
	const plan *p = g->p;
	fputs("\n<section id=\"sign-off\" class=\"signoff\">\n<h2>Sign-off</h2>\n<p class=\"statement\">"
	      "By signing, the partnership agrees that this document is its outcome plan: families are identified "
	      "and claims made by the rules above, as the evaluator runs them from the plan file whose SHA-256 is "
	      "<code>",
	      g->f);
	html(g->f, hash);
	fputs("</code>", g->f);
	if (p->revised) {
		fputs(", revised ", g->f);
		html(g->f, p->revised);
	}
	fputs(".</p>\n<table class=\"signatures\"><thead><tr><th style=\"width:24%\">Name</th>"
	      "<th style=\"width:22%\">Role</th><th style=\"width:22%\">Organisation</th><th>Signature</th>"
	      "<th style=\"width:14%\">Date</th></tr></thead><tbody>\n",
	      g->f);
	for (int i = 0; i < 5; i++)
		fputs("<tr><td></td><td></td><td></td><td></td><td></td></tr>\n", g->f);
	fputs("</tbody></table>\n</section>\n", g->f);
}

int emit_doc_html(const plan *p, const char *hash, FILE *out)
{
	page g = { out, p };
	fputs("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>", out);
	html(out, p->title);
	fputs("</title>\n<meta name=\"generator\" content=\"ehpc " EHP_VERSION "\">\n<style>\n", out);
	fputs(style, out);
	/* Every printed page names the plan it belongs to (the hash is hex). */
	fprintf(out, "@page{@bottom-left{content:\"Plan SHA-256 %.16s\\2026\";font:8pt sans-serif;color:#5b6770}"
	        "@bottom-right{content:\"Page \" counter(page) \" of \" counter(pages);font:8pt sans-serif;color:#5b6770}}\n",
	        hash);
	fputs("</style>\n</head>\n<body>\n<header class=\"cover\">\n<p class=\"kicker\">", out);
	html(out, p->council ? p->council : "Early Help outcome plan");
	fputs("</p>\n<h1>", out);
	html(out, p->title);
	fputs("</h1>\n<table class=\"facts\">\n", out);
	fact(&g, "Council", p->council);
	fact(&g, "Revised", p->revised);
	fact(&g, "Source", p->source);
	fact(&g, "Plan file", p->file);
	fputs("<tr><th>Plan SHA-256</th><td class=\"hash\" id=\"sha256\">", out);
	html(out, hash);
	fputs("</td></tr>\n", out);
	fprintf(out, "<tr><th>Themes</th><td>%d themes, %d indicators, %d outcomes</td></tr>\n", p->themes.n,
	        p->indicators.n, p->outcomes.n);
	fputs("</table>\n</header>\n", out);
	contents(&g);
	if (has_prose(p, PROSE_TEXT, -1)) {
		fputs("\n<section id=\"about\">\n<h2>About this plan</h2>\n", out);
		texts(&g, -1, "h3");
		fputs("</section>\n", out);
	}
	fputs("\n<section id=\"reading\">\n<h2>How to read this document</h2>\n"
	      "<p>Each theme has two tables, as in the published plan: the <em>identifying factors</em> (indicators) "
	      "that show a family may need support, and the <em>outcomes</em> that show significant and sustained "
	      "progress. Each row gives who it is judged for, the plan's own wording and its time period, then:</p>\n"
	      "<ul>\n<li><strong>the rule</strong>, in plain English: exactly what the evaluator checks in the "
	      "family's records, generated from the same plan file;</li>\n"
	      "<li><strong>parameters</strong>: the local values the rule uses (see <a href=\"#parameters\">Local "
	      "parameters</a>);</li>\n"
	      "<li><strong>readings</strong>: how the partnership reads the row where the published wording is not "
	      "exact, numbered as in the list of <a href=\"#readings\">readings to agree</a> before the "
	      "sign-off.</li>\n</ul>\n"
	      "<p>Entry is the family's point of entry to support, closure the end of support, and the claim date "
	      "the date a claim is judged on. Record types and flags are those of the shared data dictionary.</p>\n"
	      "</section>\n",
	      out);
	plan_readings(&g);
	parameters(&g);
	groups(&g);
	for (int t = 0; t < p->themes.n; t++)
		theme_section(&g, t);
	family(&g);
	notes(&g, PROSE_FOOTNOTE, "footnotes", "Footnotes");
	notes(&g, PROSE_GLOSSARY, "glossary", "Glossary");
	readings_to_agree(&g);
	sign_off(&g, hash);
	fputs("<footer>Generated by ehpc " EHP_VERSION " from <code>", out);
	html(out, p->file);
	fputs("</code> (SHA-256 <code>", out);
	html(out, hash);
	fputs("</code>). The rules in words are generated from the checked plan the evaluator is built from; "
	      "<code>ehpc --doc --format md</code> gives each rule as written in the plan file.</footer>\n"
	      "</body>\n</html>\n",
	      out);
	return ferror(out) ? -1 : 0;
}
