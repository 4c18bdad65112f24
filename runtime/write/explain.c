/*
 * explain.c - one family's verdicts in words, for an auditor (`--explain
 * ID`): the family's dates, whether it is eligible and claimable and why,
 * then every indicator it met and every outcome judged for it with the
 * evidence that decided each, then the family rules' own evidence. Read
 * from the verdicts and trace already kept: nothing is judged again.
 *
 * Personal data stays out: members are named by their ids and records by
 * their line in the records file, never by their contents. Ids come from
 * the data and go to a terminal, so they are written by ehp_term_text (no
 * control bytes).
 */
#include <stdio.h>
#include "explain.h"
#include "output.h"

static const char *tv_word(ehp_tv v)
{
	return v == EHP_TRUE ? "yes" : v == EHP_FALSE ? "no" : "cannot be judged";
}

static void items(FILE *f, const ehp_family *fam, const ehp_trace *t, size_t from, size_t to)
{
	for (size_t i = from; t && i < to && i < t->n; i++)
		ehp_evidence_describe(f, fam, &t->items[i]);
}

static void date_or(FILE *f, const char *label, ehp_date d, const char *none)
{
	char buf[11];
	ehp_date_format(d, buf);
	fprintf(f, "  %s %s\n", label, d == EHP_NO_DATE ? none : buf);
}

void ehp_explain_family(FILE *f, const ehp_plan *plan, const ehp_eval *ev, const ehp_results *res,
                        const ehp_trace *trace)
{
	const ehp_family *fam = ev->fam;
	char claim[11];
	ehp_date_format(ev->claim, claim);
	fputs("Family ", f);
	ehp_term_text(f, fam->id);
	fprintf(f, " under %s, claim date %s\n", plan->title, claim);
	date_or(f, "point of entry", fam->entry, "not recorded");
	date_or(f, "support closed", fam->closure, "still open");
	fprintf(f, "  members: %zu%s; rows rejected: %u\n", fam->n_people,
	        fam->no_members ? " (none in the people file)" : "", fam->rejected);
	fprintf(f, "  themes met: %d\n", res->themes_met);
	fprintf(f, "  eligible: %s\n", tv_word(res->eligible));
	fprintf(f, "  claimable: %s%s", tv_word(res->claimable), res->reason[0] ? ": " : "");
	ehp_term_text(f, res->reason); /* it may name a member */
	putc('\n', f);

	size_t not_met = 0;
	fputs("\nIndicators met\n", f);
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE) {
			not_met++;
			continue;
		}
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		fprintf(f, "  %s for ", d->id);
		ehp_term_text(f, ehp_subject_name(fam, iv->subject));
		fprintf(f, " (%s): %s%s\n", plan->themes[d->theme].name, d->text,
		        iv->exempt == EHP_TRUE ? " [exempt: needs no outcome]" : "");
		items(f, fam, trace, iv->ev_from, iv->ev_to);
	}
	if (!not_met && !res->n_ind)
		fputs("  none\n", f);
	fprintf(f, "  (%zu other indicator verdicts were not met; --evidence lists them all)\n", not_met);

	fputs("\nOutcomes judged\n", f);
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		fprintf(f, "  %s for ", d->id);
		ehp_term_text(f, ehp_subject_name(fam, ov->subject));
		fprintf(f, ": %s: %s\n",
		        ov->achieved == EHP_TRUE ? "achieved" : ov->achieved == EHP_FALSE ? "not achieved" : "cannot be judged",
		        d->text);
		items(f, fam, trace, ov->ev_from, ov->ev_to);
	}
	if (!res->n_out)
		fputs("  none: no need was met that an outcome serves\n", f);

	fputs("\nWhole family\n", f);
	fprintf(f, "  eligible: %s\n", tv_word(res->eligible));
	items(f, fam, trace, res->elig_from, res->elig_to);
	fprintf(f, "  claim rule: %s\n", res->eligible == EHP_TRUE ? tv_word(res->claimable) : "not judged (not eligible)");
	items(f, fam, trace, res->claim_from, res->claim_to);
}
