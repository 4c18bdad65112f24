/*
 * words.c - one evidence item in words (words.h). Each test's item says
 * what it looked for, where, what it found and which way that points:
 * "no offence between 16/01/2025 and 15/07/2025: none found, so met",
 * "count of police_callout between 02/02/2023 and 01/02/2024: 6 found
 * (lines 20, 21, 22, 23 and 2 more); the test needs more than 4, so met".
 * Records are cited by their line only (in a mapped run after the council's
 * file they came from), members by id only.
 */
#include <math.h>
#include <string.h>
#include "output.h"
#include "words.h"

void ehp_plan_date(const ehp_plan *plan, ehp_date d, char buf[11])
{
	ehp_date_format(d, buf); /* yyyy-mm-dd, or "-" */
	const char *rev = plan ? plan->revised : NULL;
	bool iso = rev && strlen(rev) == 10 && rev[4] == '-' && rev[7] == '-';
	if (iso || buf[0] == '-')
		return;
	char y[5];
	memcpy(y, buf, 4);
	buf[0] = buf[8], buf[1] = buf[9], buf[2] = '/';
	buf[3] = buf[5], buf[4] = buf[6], buf[5] = '/';
	memcpy(buf + 6, y, 4);
}

/* A figure as people write it: whole numbers plain, others to at most four
 * decimals (0.5003 calls a month, 82.5%). */
static void figure(FILE *f, double v)
{
	if (v == floor(v) && fabs(v) < 1e15) {
		fprintf(f, "%.0f", v);
		return;
	}
	char buf[64];
	snprintf(buf, sizeof buf, "%.4f", v);
	size_t n = strlen(buf);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	fputs(buf, f);
}

/* The figure and its unit, or `none` when it could not be worked out. */
static void figure_or(FILE *f, double v, const char *unit, const char *none)
{
	if (isnan(v)) {
		fputs(none, f);
		return;
	}
	figure(f, v);
	fputs(unit, f);
}

static const char *op_words(ehp_op op)
{
	switch (op) {
	case EHP_OP_LT: return "less than";
	case EHP_OP_LE: return "at most";
	case EHP_OP_GT: return "more than";
	case EHP_OP_GE: return "at least";
	case EHP_OP_EQ: return "exactly";
	}
	return "?";
}

static const char *per_words(int per)
{
	return per == EHP_DAYS ? " per day" : per == EHP_WEEKS ? " per week" : per == EHP_MONTHS ? " per month" : "";
}

/* " between A and B", " on A", " up to B" (a window from the first day data
 * may hold), or nothing when there is no window. */
static void window(FILE *f, const ehp_plan *plan, const ehp_evidence *e)
{
	if (e->from == EHP_NO_DATE || e->to == EHP_NO_DATE)
		return;
	char a[11], b[11];
	ehp_plan_date(plan, e->from, a);
	ehp_plan_date(plan, e->to, b);
	if (e->from == e->to)
		fprintf(f, " on %s", a);
	else if (e->from == ehp_date_from_ymd(1900, 1, 1))
		fprintf(f, " at any time up to %s", b);
	else
		fprintf(f, " between %s and %s", a, b);
}

/* A record's file, when the run names them (a mapped run: the council's
 * file it came from), before its line. */
static void file_name(FILE *f, const ehp_file_names *files, ehp_cite at)
{
	if (!files)
		return;
	ehp_term_text(f, at.file < files->n ? files->name[at.file] : "records file");
	putc(' ', f);
}

/* " (lines 2, 3, 4 and 2 more)"; with files named, each run of lines from
 * one file after its name: " (Events.csv lines 2, 3; Police.csv line 9)". */
static void lines(FILE *f, const ehp_file_names *files, const ehp_evidence *e, uint32_t shown)
{
	if (!shown)
		return;
	uint32_t kept = shown < 4 ? shown : 4;
	fputs(" (", f);
	for (uint32_t k = 0, run; k < kept; k += run) {
		for (run = 1; k + run < kept && e->lines[k + run].file == e->lines[k].file;)
			run++;
		bool last = k + run == kept;
		fputs(k ? "; " : "", f);
		file_name(f, files, e->lines[k]);
		fprintf(f, "line%s ", run > 1 || (last && shown > kept) ? "s" : "");
		for (uint32_t i = k; i < k + run; i++)
			fprintf(f, "%s%u", i > k ? ", " : "", e->lines[i].line);
	}
	if (shown > kept)
		fprintf(f, " and %u more", shown - kept);
	putc(')', f);
}

/* "N found (records lines ...)" or "none found". */
static void found(FILE *f, const ehp_file_names *files, const ehp_evidence *e)
{
	if (e->n_lines) {
		fprintf(f, "%u found", e->n_lines);
		lines(f, files, e, e->n_lines);
	} else {
		fputs("none found", f);
	}
}

/* "; the test needs at least 2" when the item was compared. */
static void needs(FILE *f, const ehp_evidence *e, const char *unit)
{
	if (isnan(e->threshold))
		return;
	fprintf(f, "; the test needs %s ", op_words(e->op));
	figure(f, e->threshold);
	fputs(unit, f);
}

/* ", so met", ", so not met (why)", ", so cannot be judged yet: the window
 * ends after the claim date". `said`: the reason is already in the words. */
static void verdict(FILE *f, const ehp_evidence *e, bool said)
{
	const char *why = said ? NULL : e->reason;
	if (e->result == EHP_TRUE) {
		fputs(", so met", f);
	} else if (e->result == EHP_FALSE) {
		fputs(", so not met", f);
		if (why)
			fprintf(f, " (%s)", why);
	} else if (why && !strcmp(why, EHP_NOT_YET)) {
		fputs(", so cannot be judged yet: " EHP_NOT_YET, f);
	} else {
		fputs(", so cannot be judged", f);
		if (why)
			fprintf(f, " (%s)", why);
	}
}

/* A window that could not be formed: why, and so the verdict. */
static bool no_window(FILE *f, const ehp_evidence *e)
{
	if (e->from != EHP_NO_DATE || !e->reason)
		return false;
	fprintf(f, ": no window (%s)", e->reason);
	verdict(f, e, true);
	return true;
}

static bool is_no_record(const ehp_evidence *e)
{
	return e->reason && !strcmp(e->reason, "no record found");
}

static void presence(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e, const char *lead)
{
	fprintf(f, "%s%s", lead, e->what);
	window(f, plan, e);
	if (no_window(f, e))
		return;
	fputs(": ", f);
	found(f, files, e);
	bool so_far = e->result == EHP_UNKNOWN && e->reason && !strcmp(e->reason, EHP_NOT_YET);
	if (so_far)
		fputs(" so far", f);
	verdict(f, e, is_no_record(e));
}

static void throughout(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	fprintf(f, "%s throughout", e->what);
	window(f, plan, e);
	if (no_window(f, e))
		return;
	double days = isnan(e->measured) ? 0 : e->measured;
	if (e->result == EHP_TRUE)
		fputs(": every day covered", f);
	else if (e->result == EHP_UNKNOWN)
		fprintf(f, ": covered for %.0f day%s so far", days, days == 1 ? "" : "s");
	else if (days < 1)
		fputs(": not covered on its first day", f);
	else
		fprintf(f, ": covered for the first %.0f day%s only", days, days == 1 ? "" : "s");
	lines(f, files, e, e->n_lines);
	verdict(f, e, e->result == EHP_FALSE);
}

static void weeks(FILE *f, const ehp_plan *plan, const ehp_evidence *e, bool with)
{
	fprintf(f, "whole weeks %s %s", with ? "with" : "without", e->what);
	window(f, plan, e);
	if (no_window(f, e))
		return;
	fputs(": ", f);
	figure(f, isnan(e->measured) ? 0 : e->measured);
	fputs(" in the best stretch", f);
	needs(f, e, "");
	verdict(f, e, false);
}

static void measure(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	const char *lead = e->kind == EHP_K_COUNT ? "count of " : e->kind == EHP_K_SUM ? "total of " : "rate of ";
	const char *unit = e->kind == EHP_K_RATE ? "%" : per_words(e->per);
	fprintf(f, "%s%s%s", lead, e->what, per_words(e->per));
	window(f, plan, e);
	if (e->subject == EHP_GROUP && e->from == EHP_NO_DATE && e->reason) { /* a group taken together, empty */
		fprintf(f, ": %s", e->reason);
		needs(f, e, unit);
		verdict(f, e, true);
		return;
	}
	if (no_window(f, e))
		return;
	fputs(": ", f);
	if (e->kind == EHP_K_COUNT) { /* the records found, then the figure worked out from them */
		found(f, files, e);
		if (e->per >= 0 && !isnan(e->measured)) {
			fputs(", ", f);
			figure(f, e->measured);
			fputs(unit, f);
		}
	} else {
		figure_or(f, e->measured, unit, "cannot be measured");
		if (e->n_lines)
			fprintf(f, " from %u record%s", e->n_lines, e->n_lines == 1 ? "" : "s");
		lines(f, files, e, e->n_lines);
	}
	if (isnan(e->threshold)) { /* one side of a change: the change's item says the rest */
		fputs("; compared in the change below", f);
		if (e->reason)
			fprintf(f, " (%s)", e->reason);
		return;
	}
	needs(f, e, unit);
	verdict(f, e, false);
}

static void rolling(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	fprintf(f, "most %s in any one rolling period", e->what);
	if (no_window(f, e))
		return;
	fputs(": ", f);
	figure_or(f, e->measured, "", "cannot be counted");
	if (e->from != EHP_NO_DATE) {
		fputs(", the busiest", f);
		window(f, plan, e);
	}
	lines(f, files, e, e->n_lines);
	needs(f, e, "");
	verdict(f, e, false);
}

static void change(FILE *f, const ehp_evidence *e)
{
	bool percent = strstr(e->what, "percent") != NULL;
	fprintf(f, "%s from the first window above to the second", e->what);
	if (no_window(f, e))
		return;
	fputs(": ", f);
	figure_or(f, e->measured, percent ? "%" : " points", "cannot be worked out");
	needs(f, e, percent ? "%" : " points");
	verdict(f, e, false);
}

static void score(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	char d[11];
	ehp_plan_date(plan, e->to, d);
	fprintf(f, "%s score %s by %s", e->what, e->op == EHP_OP_GT ? "rises" : "falls", e->to == EHP_NO_DATE ? "-" : d);
	if (no_window(f, e))
		return;
	if (isnan(e->threshold)) {
		fputs(": no score recorded", f);
		verdict(f, e, e->result == EHP_FALSE);
		return;
	} else {
		fputs(": first ", f);
		figure(f, e->threshold);
		fputs(" (", f);
		file_name(f, files, e->lines[0]);
		fprintf(f, "line %u)", e->lines[0].line);
		if (!isnan(e->measured)) {
			fputs(", latest ", f);
			figure(f, e->measured);
			fputs(" (", f);
			file_name(f, files, e->lines[1]);
			fprintf(f, "line %u)", e->lines[1].line);
		}
	}
	verdict(f, e, false);
}

static void dates(FILE *f, const ehp_plan *plan, const ehp_evidence *e)
{
	bool before = strstr(e->what, "before") != NULL;
	if (no_window(f, e))
		return;
	char a[11], b[11];
	ehp_plan_date(plan, e->from, a);
	ehp_plan_date(plan, e->to, b);
	fprintf(f, "%s is%s on or %s %s", a, e->result == EHP_TRUE ? "" : " not", before ? "before" : "after", b);
	verdict(f, e, false);
}

static void setting(FILE *f, const ehp_evidence *e)
{
	fprintf(f, "the setting %s is %s; the test needs %s", e->what, e->measured != 0 ? "yes" : "no",
	        e->threshold != 0 ? "yes" : "no");
	verdict(f, e, false);
}

static void rule(FILE *f, const ehp_plan *plan, const ehp_evidence *e)
{
	fputs(e->what, f);
	if (e->from != EHP_NO_DATE) {
		char d[11];
		ehp_plan_date(plan, e->from, d);
		fprintf(f, " (judged as at %s)", d);
	}
	if (!strcmp(e->what, "some member") || !strcmp(e->what, "every member")) {
		fputs(": it holds for ", f);
		figure(f, isnan(e->measured) ? 0 : e->measured);
		fputs(e->measured == 1 ? " member" : " members", f);
	}
	verdict(f, e, false);
}

/* A group taken together: a member of it and the records counted from
 * them, or (subject EHP_GROUP: a change's) that no member was in it. */
static void group(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	if (e->subject == EHP_GROUP) {
		fprintf(f, "change of %s: %s", e->what, e->reason ? e->reason : "no member is in the group");
		verdict(f, e, true);
		return;
	}
	fprintf(f, "in the group taken together, their %s", e->what);
	window(f, plan, e);
	if (no_window(f, e))
		return;
	fputs(": ", f);
	found(f, files, e);
}

/* A test with no words of its own: its figures as they are. */
static void other(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_evidence *e)
{
	fputs(e->what ? e->what : "a test", f);
	window(f, plan, e);
	if (!isnan(e->measured)) {
		fputs(": ", f);
		figure(f, e->measured);
	}
	needs(f, e, "");
	lines(f, files, e, e->n_lines);
	verdict(f, e, false);
}

void ehp_evidence_describe(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_family *fam,
                           const ehp_evidence *e)
{
	fprintf(f, "    plan line %u, ", e->plan_line);
	ehp_term_text(f, ehp_subject_name(fam, e->subject));
	fputs(": ", f);
	if (!e->what) {
		other(f, plan, files, e);
		putc('\n', f);
		return;
	}
	switch ((ehp_test_kind)e->kind) {
	case EHP_K_ANY: presence(f, plan, files, e, "any "); break;
	case EHP_K_AFTER: presence(f, plan, files, e, "any later "); break;
	case EHP_K_NONE: presence(f, plan, files, e, "no "); break;
	case EHP_K_THROUGHOUT: throughout(f, plan, files, e); break;
	case EHP_K_WEEKS_WITH: weeks(f, plan, e, true); break;
	case EHP_K_WEEKS_WITHOUT: weeks(f, plan, e, false); break;
	case EHP_K_COUNT:
	case EHP_K_SUM:
	case EHP_K_RATE: measure(f, plan, files, e); break;
	case EHP_K_ROLLING: rolling(f, plan, files, e); break;
	case EHP_K_CHANGE: change(f, e); break;
	case EHP_K_SCORE: score(f, plan, files, e); break;
	case EHP_K_DATES: dates(f, plan, e); break;
	case EHP_K_SETTING: setting(f, e); break;
	case EHP_K_FIGURE: other(f, plan, files, e); break;
	case EHP_K_RULE: rule(f, plan, e); break;
	case EHP_K_GROUP: group(f, plan, files, e); break;
	case EHP_K_OTHER:
	default: other(f, plan, files, e); break;
	}
	putc('\n', f);
}
