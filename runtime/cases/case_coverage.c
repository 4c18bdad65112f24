/*
 * case_coverage.c - the tally behind `--check ... --coverage`: for every
 * indicator, outcome and family rule, whether some passing expectation
 * showed it held and some showed it did not, and the report of the gaps,
 * each phrased as the expectation that would fill it.
 */
#include <stdlib.h>
#include "case_coverage.h"
#include "mem.h"

void ehp_coverage_init(ehp_coverage *cov, const ehp_plan *plan)
{
	*cov = (ehp_coverage){ .plan = plan };
	/* +1: a plan may have no outcomes, and calloc(0) may return NULL */
	cov->indicators = ehp_xcalloc((size_t)plan->n_indicators + 1, sizeof *cov->indicators);
	cov->outcomes = ehp_xcalloc((size_t)plan->n_outcomes + 1, sizeof *cov->outcomes);
}

void ehp_coverage_free(ehp_coverage *cov)
{
	free(cov->indicators);
	free(cov->outcomes);
	*cov = (ehp_coverage){ 0 };
}

/* How one kind of verdict is written: in the report and in a case file. */
typedef struct {
	const char *row;           /* "indicator", "outcome" */
	const char *held, *not_held; /* "met", "missed" */
	const char *say_held, *say_not_held; /* "meets", "misses" */
} verdict_words;

static const verdict_words INDICATOR = { "indicator", "met", "missed", "meets", "misses" };
static const verdict_words OUTCOME = { "outcome", "achieved", "not achieved", "achieves", "does not achieve" };

static const char *subject_word(ehp_scope scope)
{
	return scope == EHP_SCOPE_HOUSEHOLD ? "household" : scope == EHP_SCOPE_FAMILY ? "family" : "WHO";
}

static void uncounted_note(FILE *out, unsigned n)
{
	if (n)
		fprintf(out, " (%u passing one%s %s not count: see \"What counts\" in docs/cases.md)", n,
		        n == 1 ? "" : "s", n == 1 ? "does" : "do");
}

/* One line per way the row is never shown; returns how many. */
static unsigned row_gaps(FILE *out, const ehp_plan *plan, const verdict_words *w, const char *id, uint32_t line,
                         ehp_scope scope, const ehp_row_coverage *rc)
{
	unsigned gaps = 0;
	for (int way = 1; way >= 0; way--) {
		if (rc->shown[way])
			continue;
		gaps++;
		fprintf(out, "%s:%u: %s %s is never shown %s: no passing `expect %s %s %s`", plan->file, line, w->row, id,
		        way ? w->held : w->not_held, subject_word(scope), way ? w->say_held : w->say_not_held, id);
		if (!way)
			uncounted_note(out, rc->uncounted);
		fputc('\n', out);
	}
	return gaps;
}

/* rule: "eligibility"; word: how a case says it, "eligible"; when_not: which
 * "not" counts, when that needs saying. */
static unsigned rule_gaps(FILE *out, const ehp_plan *plan, const char *rule, const char *word,
                          const char *when_not, const ehp_row_coverage *rc)
{
	unsigned gaps = 0;
	for (int way = 1; way >= 0; way--) {
		if (rc->shown[way])
			continue;
		gaps++;
		fprintf(out, "%s: the family's %s rule is never shown %s%s: no passing `expect family %s%s`", plan->file,
		        rule, way ? "held" : "not held", way ? "" : when_not, way ? "" : "not ", word);
		if (!way)
			uncounted_note(out, rc->uncounted);
		fputc('\n', out);
	}
	return gaps;
}

static bool both_ways(const ehp_row_coverage *rc)
{
	return rc->shown[0] && rc->shown[1];
}

unsigned ehp_coverage_report(const ehp_coverage *cov, FILE *out)
{
	const ehp_plan *plan = cov->plan;
	int ind = 0, outc = 0;
	for (int i = 0; i < plan->n_indicators; i++)
		ind += both_ways(&cov->indicators[i]);
	for (int i = 0; i < plan->n_outcomes; i++)
		outc += both_ways(&cov->outcomes[i]);
	int rules = both_ways(&cov->eligible) + both_ways(&cov->claimable);
	fprintf(out, "coverage: %d of %d indicators met and missed, %d of %d outcomes achieved and not, "
	             "%d of 2 family rules held and not\n",
	        ind, plan->n_indicators, outc, plan->n_outcomes, rules);
	unsigned gaps = 0;
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		gaps += row_gaps(out, plan, &INDICATOR, d->id, d->line, d->scope, &cov->indicators[i]);
	}
	for (int i = 0; i < plan->n_outcomes; i++) {
		const ehp_outcome_def *d = &plan->outcomes[i];
		gaps += row_gaps(out, plan, &OUTCOME, d->id, d->line, d->scope, &cov->outcomes[i]);
	}
	gaps += rule_gaps(out, plan, "eligibility", "eligible", "", &cov->eligible);
	gaps += rule_gaps(out, plan, "claim", "claimable", " for an eligible family with complete data",
	                  &cov->claimable);
	if (gaps)
		fprintf(out, "coverage: %u gap%s\n", gaps, gaps == 1 ? "" : "s");
	return gaps;
}
