/*
 * explain.c - one family's verdicts in words, for an auditor (`--explain
 * ID`, and each family of the audit sample): the family's dates, members
 * and whether its data is complete (and if not, which rows were rejected,
 * by file and line), whether it is eligible and claimable and why, then
 * every indicator it met and every outcome judged for it with the tests
 * that decided each (words.c: which way each test points), then the family
 * rules' own tests. Read from the verdicts and trace already kept: nothing
 * is judged again. Dates are written as the plan writes them.
 *
 * Personal data stays out: members are named by their ids and records by
 * their line in the records file (in a mapped run, the council's file and
 * its line), never by their contents. Ids come from
 * the data and may go to a terminal, so they are written by ehp_term_text
 * (no control bytes).
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include "explain.h"
#include "output.h"
#include "words.h"

/* Members named in the heading; a larger family is counted past them. */
enum { MEMBERS_NAMED = 12 };

static const char *tv_word(ehp_tv v)
{
	return v == EHP_TRUE ? "yes" : v == EHP_FALSE ? "no" : "cannot be judged yet";
}

/* The kinds of input, as ehp_row_place's file numbers them. */
enum { FAMILIES, PEOPLE, RECORDS, KINDS };

static void items(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_family *fam,
                  const ehp_trace *t, size_t from, size_t to)
{
	for (size_t i = from; t && i < to && i < t->n; i++)
		ehp_evidence_describe(f, plan, files ? &files[RECORDS] : NULL, fam, &t->items[i]);
}

static void date_line(FILE *f, const ehp_plan *plan, const char *label, ehp_date d, const char *none)
{
	char buf[11];
	ehp_plan_date(plan, d, buf);
	fprintf(f, "  %-16s %s\n", label, d == EHP_NO_DATE ? none : buf);
}

static bool iso_date_at(const char *s)
{
	for (int i = 0; i < 10; i++)
		if (i == 4 || i == 7 ? s[i] != '-' : !isdigit((unsigned char)s[i]))
			return false;
	return true;
}

/* A reason from results.csv (its dates yyyy-mm-dd, and it may name a
 * member): dates as the plan writes them, control bytes escaped. */
static void reason_text(FILE *f, const ehp_plan *plan, const char *s)
{
	char piece[256];
	size_t n = 0;
	for (const char *p = s; *p;) {
		if (iso_date_at(p) && (p == s || !isdigit((unsigned char)p[-1])) && !isdigit((unsigned char)p[10])) {
			int y = (p[0] - '0') * 1000 + (p[1] - '0') * 100 + (p[2] - '0') * 10 + (p[3] - '0');
			ehp_date d = ehp_date_from_ymd(y, (p[5] - '0') * 10 + (p[6] - '0'), (p[8] - '0') * 10 + (p[9] - '0'));
			if (d != EHP_NO_DATE && n + 11 < sizeof piece) {
				ehp_plan_date(plan, d, piece + n);
				n += strlen(piece + n);
				p += 10;
				continue;
			}
		}
		if (n + 1 >= sizeof piece) {
			piece[n] = '\0';
			ehp_term_text(f, piece);
			n = 0;
		}
		piece[n++] = *p++;
	}
	piece[n] = '\0';
	ehp_term_text(f, piece);
}

static const char *const FILE_WORDS[KINDS] = { "families", "people", "records" };

/* "records file line 9"; in a mapped run "Events.csv line 67", the council's
 * file and line (rejects.csv names them so too). */
static void place(FILE *f, const ehp_file_names *files, const ehp_row_place *p)
{
	if (files && p->file < KINDS && p->origin < files[p->file].n) {
		ehp_term_text(f, files[p->file].name[p->origin]);
		fprintf(f, " line %u", p->line);
		return;
	}
	fprintf(f, "%s file line %u", p->file < KINDS ? FILE_WORDS[p->file] : "input", p->line);
}

/* Whether the data is complete; if not, why, and where the rejected rows
 * were (file and line: rejects.csv holds each row and its reason). */
static void data_line(FILE *f, const ehp_file_names *files, const ehp_family *fam)
{
	fprintf(f, "  %-16s ", "data");
	if (!ehp_family_incomplete(fam)) {
		fputs("complete: no row of this family was rejected\n", f);
		return;
	}
	fputs("incomplete, so the family cannot be claimed for: ", f);
	if (fam->no_members)
		fprintf(f, "the people file names no member of this family%s", fam->rejected ? "; " : "");
	if (fam->rejected) {
		fprintf(f, "%u row%s rejected: ", fam->rejected, fam->rejected == 1 ? "" : "s");
		unsigned kept = fam->rejected < EHP_PLACES_KEPT ? fam->rejected : EHP_PLACES_KEPT;
		for (unsigned k = 0; k < kept; k++) {
			fputs(k ? ", " : "", f);
			place(f, files, &fam->rejected_at[k]);
		}
		if (fam->rejected > kept)
			fprintf(f, " and %u more", fam->rejected - kept);
		fputs(" (rejects.csv has each row and why)", f);
	}
	putc('\n', f);
}

static void members_line(FILE *f, const ehp_family *fam)
{
	fprintf(f, "  %-16s %zu", "members", fam->n_people);
	for (size_t p = 0; p < fam->n_people && p < MEMBERS_NAMED; p++) {
		fputs(p ? ", " : ": ", f);
		ehp_term_text(f, fam->people[p].id);
	}
	if (fam->n_people > MEMBERS_NAMED)
		fprintf(f, " and %zu more", fam->n_people - MEMBERS_NAMED);
	if (!fam->n_people)
		fputs(fam->no_members ? " (the people file names none)" : " (every row naming one was rejected)", f);
	putc('\n', f);
}

static void themes_line(FILE *f, const ehp_plan *plan, const ehp_results *res)
{
	fprintf(f, "  %-16s %d", "themes met", res->themes_met);
	int shown = 0;
	for (int t = 0; t < plan->n_themes; t++) {
		for (size_t v = 0; v < res->n_ind; v++) {
			if (res->ind[v].met == EHP_TRUE && plan->indicators[res->ind[v].indicator].theme == t) {
				fprintf(f, "%s%s", shown++ ? ", " : ": ", plan->themes[t].name);
				break;
			}
		}
	}
	putc('\n', f);
}

static const char *achieved_word(ehp_tv v)
{
	return v == EHP_TRUE ? "achieved" : v == EHP_FALSE ? "not achieved" : "cannot be judged yet";
}

void ehp_explain_family(FILE *f, const ehp_plan *plan, const ehp_file_names *files, const ehp_eval *ev,
                        const ehp_results *res, const ehp_trace *trace)
{
	const ehp_family *fam = ev->fam;
	char claim[11];
	ehp_plan_date(plan, ev->claim, claim);
	fputs("Family ", f);
	ehp_term_text(f, fam->id);
	fprintf(f, " under %s, claim date %s\n", plan->title, claim);
	if (files)
		fputs("  (records are cited by the council's file and line they came from, members by their id)\n", f);
	else
		fputs("  (records are cited by their line in the records file, members by their id)\n", f);
	date_line(f, plan, "point of entry", fam->entry, "not recorded");
	date_line(f, plan, "support closed", fam->closure, "still open");
	members_line(f, fam);
	data_line(f, files, fam);
	themes_line(f, plan, res);
	fprintf(f, "  %-16s %s\n", "eligible", tv_word(res->eligible));
	fprintf(f, "  %-16s %s%s", "claimable", tv_word(res->claimable), res->reason[0] ? ": " : "");
	reason_text(f, plan, res->reason);
	putc('\n', f);

	size_t not_met = 0;
	fputs("\nIndicators met (each with the tests that decided it)\n", f);
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE) {
			not_met++;
			continue;
		}
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		fprintf(f, "  %s for ", d->id);
		ehp_term_text(f, ehp_subject_name(fam, iv->subject));
		fprintf(f, " (%s; plan line %u): %s%s\n", plan->themes[d->theme].name, d->line, d->text,
		        iv->exempt == EHP_TRUE ? " [exempt: needs no outcome]" : "");
		items(f, plan, files, fam, trace, iv->ev_from, iv->ev_to);
	}
	if (not_met == res->n_ind)
		fprintf(f, "  none (of %zu indicator verdict%s; --evidence lists them all)\n", not_met, not_met == 1 ? "" : "s");
	else
		fprintf(f, "  (%zu other indicator verdict%s not met; --evidence lists them all)\n", not_met,
		        not_met == 1 ? " was" : "s were");

	fputs("\nOutcomes judged (for the needs met above)\n", f);
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		fprintf(f, "  %s for ", d->id);
		ehp_term_text(f, ehp_subject_name(fam, ov->subject));
		fprintf(f, " (plan line %u): %s: %s\n", d->line, achieved_word(ov->achieved), d->text);
		items(f, plan, files, fam, trace, ov->ev_from, ov->ev_to);
	}
	if (!res->n_out)
		fputs("  none: no need was met that an outcome serves\n", f);

	fputs("\nWhole family\n", f);
	fprintf(f, "  eligible: %s\n", tv_word(res->eligible));
	items(f, plan, files, fam, trace, res->elig_from, res->elig_to);
	fprintf(f, "  claim rule: %s\n", res->eligible == EHP_TRUE ? tv_word(res->claim_rule) : "not judged (not eligible)");
	items(f, plan, files, fam, trace, res->claim_from, res->claim_to);
}
