/*
 * report.c - report.html (report.h). One page, read top to bottom: what was
 * judged and when, the funnel, themes, indicators, outcomes, what cannot be
 * judged yet, the data's quality, and the receipt. Bars are CSS widths, so
 * the page needs nothing but itself; it prints on A4.
 */
#include <stdarg.h>
#include <string.h>
#include "report.h"

void ehp_html_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		switch (*p) {
		case '&': fputs("&amp;", f); break;
		case '<': fputs("&lt;", f); break;
		case '>': fputs("&gt;", f); break;
		case '"': fputs("&quot;", f); break;
		case '\'': fputs("&#39;", f); break;
		default:
			if (*p >= 0x20 && *p != 0x7F)
				putc(*p, f);
			else if (*p == '\n' || *p == '\t')
				putc(' ', f);
		}
	}
}

/* Markup and text in turn, ended by NULL: the markup written as it is,
 * each text escaped. */
static void html(FILE *f, const char *markup, ...)
{
	va_list ap;
	va_start(ap, markup);
	for (int text = 0; markup; markup = va_arg(ap, const char *), text = !text)
		if (text)
			ehp_html_text(f, markup);
		else
			fputs(markup, f);
	va_end(ap);
}

static const char *const MONTHS[] = { "January", "February", "March", "April", "May", "June", "July",
	                              "August", "September", "October", "November", "December" };

/* 30 June 2025, as people write a date. */
static void long_date(FILE *f, ehp_date d)
{
	int y, m, day;
	if (d == EHP_NO_DATE) {
		fputs("-", f);
		return;
	}
	ehp_date_to_ymd(d, &y, &m, &day);
	fprintf(f, "%d %s %d", day, MONTHS[m - 1], y);
}

/* n of total as a percentage with one decimal, in integers (no locale). */
static void percent(FILE *f, unsigned long n, unsigned long total)
{
	unsigned long tenths = total ? (n * 1000 + total / 2) / total : 0;
	fprintf(f, "%lu.%lu%%", tenths / 10, tenths % 10);
}

static void bar(FILE *f, unsigned long n, unsigned long total)
{
	fputs("<div class=\"bar\"><span style=\"width:", f);
	percent(f, n, total);
	fputs("\"></span></div>", f);
}

static const char STYLE[] =
	"body{font-family:system-ui,-apple-system,'Segoe UI',Arial,sans-serif;color:#1d2430;margin:2em auto;"
	"max-width:62em;padding:0 1em;line-height:1.45}\n"
	"h1{font-size:1.7em;margin-bottom:.2em}h2{margin-top:2em;border-bottom:2px solid #d5dbe3;padding-bottom:.2em}\n"
	"h3{margin-top:1.5em}.sub{color:#4a5566;margin-top:0}\n"
	"table{border-collapse:collapse;width:100%;margin:.6em 0}th,td{text-align:left;padding:.35em .5em;"
	"border-bottom:1px solid #e3e7ee;vertical-align:top}th{background:#f2f5f9}\n"
	"td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}\n"
	"td.id{white-space:nowrap;font-weight:600}code,.hash{font-family:ui-monospace,Consolas,monospace;"
	"font-size:.85em;word-break:break-all}\n"
	".bar{background:#e8edf3;height:1.1em;min-width:8em;border-radius:3px}"
	".bar span{display:block;height:100%;background:#2f6db5;border-radius:3px}\n"
	".funnel td.label{width:30%}.funnel td.big{font-size:1.5em;font-weight:700;text-align:right;width:6em}\n"
	".funnel td.barcell{width:45%}.note{color:#4a5566;font-size:.92em}\n"
	".cards{display:flex;flex-wrap:wrap;gap:1em}.card{flex:1 1 10em;border:1px solid #d5dbe3;border-radius:6px;"
	"padding:.6em .9em}.card b{display:block;font-size:1.6em}\n"
	"@media print{body{margin:0;max-width:none}h2{break-after:avoid}tr{break-inside:avoid}}\n";

static void head(FILE *f, const ehp_report *r)
{
	const ehp_plan *plan = r->receipt->plan;
	fputs("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\">\n", f);
	fputs("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>", f);
	ehp_html_text(f, plan->title);
	fputs(": results for ", f);
	long_date(f, r->receipt->claim);
	fprintf(f, "</title>\n<style>\n%s</style>\n</head>\n<body>\n", STYLE);
	fputs("<h1>", f);
	ehp_html_text(f, plan->title);
	fputs("</h1>\n<p class=\"sub\">Results for the claim date <b id=\"claim-date\">", f);
	long_date(f, r->receipt->claim);
	fputs("</b>", f);
	if (plan->council && *plan->council) {
		fputs(" &middot; ", f);
		ehp_html_text(f, plan->council);
	}
	fputs(" &middot; plan fingerprint (SHA-256) <span class=\"hash\" id=\"plan-sha256\">", f);
	ehp_html_text(f, plan->hash);
	fputs("</span></p>\n", f);
}

typedef struct {
	const char *id, *label, *meaning;
	unsigned long n;
} funnel_step;

static void funnel(FILE *f, const ehp_counts *c, bool claims_given)
{
	const funnel_step steps[] = {
		{ "families", "Families in the extract", "every family read from the families file", c->families },
		{ "identified", "Identified", "met at least one of the plan's indicators", c->identified },
		{ "eligible", "Eligible", "meet the plan's rule for support (its themes and indicators)", c->eligible },
		{ "achieved", "Outcomes achieved", "at least one outcome achieved, for a member or the household",
		  c->achieved },
		{ "claimable", "Claimable", "the plan's claim rule is met: a result can be claimed", c->claimable },
		{ "already-claimed", "Already claimed",
		  "the claim rule is met, but a claim was made for the family before (the claims file): not claimable again",
		  c->already_claimed },
	};
	/* The last step only when the run read earlier claims (--claims). */
	size_t n_steps = sizeof steps / sizeof *steps - !claims_given;
	fputs("<h2 id=\"funnel\">From the extract to claims</h2>\n<table class=\"funnel\">\n", f);
	for (size_t i = 0; i < n_steps; i++) {
		fprintf(f, "<tr><td class=\"label\"><b>%s</b><br><span class=\"note\">%s</span></td>", steps[i].label,
		        steps[i].meaning);
		fprintf(f, "<td class=\"big\" id=\"funnel-%s\">%lu</td><td class=\"barcell\">", steps[i].id, steps[i].n);
		bar(f, steps[i].n, c->families);
		fputs("</td><td class=\"n\">", f);
		percent(f, steps[i].n, c->families);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
	fprintf(f, "<p class=\"note\">Percentages are of the %lu families in the extract. A family judged on "
	        "incomplete data is never claimable (<a href=\"#data\">data quality</a>).</p>\n", c->families);
}

static void themes(FILE *f, const ehp_plan *plan, const ehp_counts *c)
{
	fputs("<h2 id=\"themes\">Families and members by theme</h2>\n", f);
	fputs("<table>\n<tr><th>Theme</th><th class=\"n\">Families</th><th class=\"n\">Members</th>"
	      "<th>Share of families</th></tr>\n", f);
	for (int t = 0; t < plan->n_themes; t++) {
		fputs("<tr><td>", f);
		ehp_html_text(f, plan->themes[t].title);
		fputs(" <span class=\"note\">(", f);
		ehp_html_text(f, plan->themes[t].name);
		fprintf(f, ")</span></td><td class=\"n\" id=\"theme-%d\">%lu</td><td class=\"n\">%lu</td><td>", t,
		        c->theme[t].families, c->theme[t].members);
		bar(f, c->theme[t].families, c->families);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n<p class=\"note\">A family is counted under every theme in which someone met an indicator; "
	      "members are the people who met one (needs of the household as a whole are counted for the family "
	      "only).</p>\n", f);
}

/* Members, or what the row is about when it is not a person's. */
static void members_cell(FILE *f, ehp_scope scope, unsigned long n)
{
	if (scope == EHP_SCOPE_PERSON)
		fprintf(f, "<td class=\"n\">%lu</td>", n);
	else
		fprintf(f, "<td class=\"n note\">%s</td>", scope == EHP_SCOPE_HOUSEHOLD ? "household" : "family");
}

static void row_words(FILE *f, const char *id, const char *text)
{
	fputs("<td class=\"id\">", f);
	ehp_html_text(f, id);
	fputs("</td><td>", f);
	ehp_html_text(f, text);
	fputs("</td>", f);
}

static void theme_heading(FILE *f, const ehp_theme_def *t)
{
	fputs("<tr><th colspan=\"2\">", f);
	ehp_html_text(f, t->title);
	fputs("</th>", f);
}

static void indicators(FILE *f, const ehp_plan *plan, const ehp_counts *c)
{
	fputs("<h2 id=\"indicators\">Indicators met</h2>\n<p class=\"note\">How many families and members met each "
	      "indicator, in the plan's words.</p>\n<table>\n", f);
	for (int t = 0; t < plan->n_themes; t++) {
		theme_heading(f, &plan->themes[t]);
		fputs("<th class=\"n\">Families</th><th class=\"n\">Members</th></tr>\n", f);
		for (int i = 0; i < plan->n_indicators; i++) {
			const ehp_indicator_def *d = &plan->indicators[i];
			if (d->theme != t)
				continue;
			fputs("<tr>", f);
			row_words(f, d->id, d->text);
			fprintf(f, "<td class=\"n\">%lu</td>", c->indicator[i].families);
			members_cell(f, d->scope, c->indicator[i].members);
			fputs("</tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

static void fm_cells(FILE *f, ehp_scope scope, const ehp_fm_count *fm)
{
	fprintf(f, "<td class=\"n\">%lu</td>", fm->families);
	members_cell(f, scope, fm->members);
}

static void outcomes(FILE *f, const ehp_plan *plan, const ehp_counts *c)
{
	fputs("<h2 id=\"outcomes\">Outcomes</h2>\n<p class=\"note\">An outcome is judged for each member (or the "
	      "household) who met an indicator it serves. <b>Not yet</b>: its window is still open at the claim "
	      "date, or it waits on something still to happen; the dates say when the last window closes.</p>\n"
	      "<table>\n", f);
	for (int t = 0; t < plan->n_themes; t++) {
		theme_heading(f, &plan->themes[t]);
		fputs("<th class=\"n\" colspan=\"2\">Achieved<br>families, members</th>"
		      "<th class=\"n\" colspan=\"2\">Not achieved<br>families, members</th>"
		      "<th class=\"n\" colspan=\"2\">Not yet<br>families, members</th><th>Can be judged after</th></tr>\n", f);
		for (int o = 0; o < plan->n_outcomes; o++) {
			const ehp_outcome_def *d = &plan->outcomes[o];
			const ehp_outcome_count *oc = &c->outcome[o];
			if (d->theme != t)
				continue;
			fputs("<tr>", f);
			row_words(f, d->id, d->text);
			fm_cells(f, d->scope, &oc->achieved);
			fm_cells(f, d->scope, &oc->not_achieved);
			fm_cells(f, d->scope, &oc->pending);
			fputs("<td>", f);
			if (oc->due_first != EHP_NO_DATE) {
				long_date(f, oc->due_first);
				if (oc->due_last != oc->due_first) {
					fputs(" to ", f);
					long_date(f, oc->due_last);
				}
			}
			if (oc->pending_undated)
				fprintf(f, "%s%lu waiting on an event, not a date", oc->due_first != EHP_NO_DATE ? "; " : "",
				        oc->pending_undated);
			fputs("</td></tr>\n", f);
		}
	}
	fputs("</table>\n", f);
}

static void pending(FILE *f, const ehp_counts *c)
{
	unsigned long dated = 0;
	for (int m = 0; m < EHP_COUNT_MONTHS; m++)
		dated += c->due_month[m];
	fputs("<h2 id=\"pending\">Outcomes not yet judgeable</h2>\n", f);
	if (!dated && !c->due_undated) {
		fputs("<p>Every outcome judged could be judged on the claim date.</p>\n", f);
		return;
	}
	fprintf(f, "<p><b id=\"pending-total\">%lu</b> outcome verdicts (a member or household and an outcome) "
	        "cannot be judged yet. They count as not achieved today; judged again after the month below, the "
	        "data can answer them.</p>\n", dated + c->due_undated);
	fputs("<table>\n<tr><th>Last window closes in</th><th class=\"n\">Verdicts</th><th></th></tr>\n", f);
	unsigned long most = c->due_undated;
	for (int m = 0; m < EHP_COUNT_MONTHS; m++)
		most = c->due_month[m] > most ? c->due_month[m] : most;
	for (int m = 0; m < EHP_COUNT_MONTHS; m++) {
		if (!c->due_month[m])
			continue;
		fprintf(f, "<tr><td>%s %d</td><td class=\"n\">%lu</td><td>", MONTHS[m % 12], 1900 + m / 12,
		        c->due_month[m]);
		bar(f, c->due_month[m], most);
		fputs("</td></tr>\n", f);
	}
	if (c->due_undated) {
		fprintf(f, "<tr><td>Waiting on an event, not a date (support not yet closed, a record still to "
		        "come)</td><td class=\"n\">%lu</td><td>", c->due_undated);
		bar(f, c->due_undated, most);
		fputs("</td></tr>\n", f);
	}
	fputs("</table>\n", f);
}

static void data_quality(FILE *f, const ehp_report *r)
{
	const ehp_counts *c = r->counts;
	unsigned long rejected = r->receipt->rejected;
	fputs("<h2 id=\"data\">Data quality</h2>\n<div class=\"cards\">\n", f);
	fprintf(f, "<div class=\"card\"><b id=\"rows-rejected\">%lu</b>rows rejected</div>\n", rejected);
	fprintf(f, "<div class=\"card\"><b id=\"incomplete\">%lu</b>families judged on incomplete data</div>\n",
	        c->incomplete);
	fprintf(f, "<div class=\"card\"><b>%lu</b>empty rows ignored</div>\n</div>\n", r->empty_rows);
	if (c->incomplete)
		fputs("<p>A family is judged on incomplete data when one of its rows was rejected or the people file "
		      "has none of its members. It is never claimable until its data is corrected; "
		      "<code>results.csv</code> marks it <code>data_complete</code> <code>no</code>.</p>\n", f);
	if (!r->n_rejects) {
		fputs("<p>No row was rejected.</p>\n", f);
		return;
	}
	fputs("<table>\n<tr><th>Input file</th><th>Column</th><th>Reason</th><th class=\"n\">Rows</th></tr>\n", f);
	for (int i = 0; i < r->n_rejects; i++) {
		const ehp_report_reject *j = &r->rejects[i];
		html(f, "<tr><td>", j->file, "</td><td><code>", j->field, "</code></td><td>", j->reason, NULL);
		fprintf(f, "</td><td class=\"n\">%lu</td></tr>\n", j->rows);
	}
	fputs("</table>\n<p class=\"note\"><code>rejects.csv</code> in this folder lists each rejected row, its "
	      "line and the reason; it holds personal data, this page does not.</p>\n", f);
}

static void receipt(FILE *f, const ehp_report *r)
{
	const ehp_receipt *rec = r->receipt;
	const ehp_plan *plan = rec->plan;
	fputs("<h2 id=\"receipt\">Receipt</h2>\n<table>\n", f);
	html(f, "<tr><th>Run</th><td class=\"hash\" id=\"run-id\">", r->run_id, "</td></tr>\n<tr><th>Plan</th><td>",
	     plan->title, " (<code>", plan->file, "</code>)</td></tr>\n<tr><th>Plan SHA-256</th><td class=\"hash\">",
	     plan->hash, "</td></tr>\n<tr><th>Claim date</th><td>", NULL);
	long_date(f, rec->claim);
	html(f, "</td></tr>\n<tr><th>Evaluator</th><td>", plan->name, ", built with ehp " EHP_VERSION "</td></tr>\n",
	     NULL);
	for (int i = 0; i < rec->n_inputs; i++) {
		html(f, "<tr><th>Input: ", rec->input_names[i], "</th><td><code>",
		     ehp_receipt_file_name(rec->input_paths[i]), NULL);
		fprintf(f, "</code>, %llu bytes, SHA-256 <span class=\"hash\">", (unsigned long long)rec->input_bytes[i]);
		html(f, "", rec->input_hex[i], "</span></td></tr>\n", NULL);
	}
	fputs("<tr><th>Files of this run</th><td>", f);
	for (int i = 0; i < rec->n_outputs; i++)
		html(f, "<code>", rec->output_names[i], "</code>, ", NULL);
	fputs("<code>receipt.txt</code></td></tr>\n</table>\n", f);
	if (r->workbook_note) {
		fputs("<p class=\"note\">", f);
		ehp_html_text(f, r->workbook_note);
		fputs("</p>\n", f);
	}
	fputs("<p class=\"note\"><code>receipt.txt</code> holds the same run id, every parameter and the SHA-256 "
	      "of every file above; <code>", f);
	ehp_html_text(f, plan->name);
	fputs(" --verify FOLDER</code> checks that the folder holds this run's files, whole.</p>\n", f);
}

void ehp_report_write(FILE *f, const ehp_report *r)
{
	const ehp_plan *plan = r->receipt->plan;
	head(f, r);
	funnel(f, r->counts, r->receipt->claims_given);
	themes(f, plan, r->counts);
	indicators(f, plan, r->counts);
	outcomes(f, plan, r->counts);
	pending(f, r->counts);
	data_quality(f, r);
	receipt(f, r);
	fputs("<p class=\"note\">Counts only: this page holds no family's or person's data.</p>\n</body>\n</html>\n", f);
}
