/*
 * tidy.c - indicators.csv and outcomes.csv (tidy.h). Every text cell goes
 * through ehp_csv_field; dates are ISO (yyyy-mm-dd), empty when there is
 * none; ids are written as the plan and the data spell them.
 */
#include "output.h"
#include "tidy.h"

static const char *const LEVELS[] = { "person", "household", "family" };

static void date_cell(FILE *f, ehp_date d)
{
	char buf[11];
	ehp_date_format(d, buf);
	fputs(d == EHP_NO_DATE ? "" : buf, f);
}

/* family_id,member,level,theme,theme_title, as both files begin. */
static void row_start(FILE *f, const ehp_plan *plan, const ehp_family *fam, int subject, ehp_scope scope, int theme)
{
	ehp_csv_field(f, fam->id);
	putc(',', f);
	ehp_csv_field(f, ehp_subject_name(fam, subject));
	fprintf(f, ",%s,", LEVELS[scope]);
	ehp_csv_field(f, plan->themes[theme].name);
	putc(',', f);
	ehp_csv_field(f, plan->themes[theme].title);
	putc(',', f);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

void ehp_indicators_header(FILE *f)
{
	fputs("family_id,member,level,theme,theme_title,indicator,indicator_text,exempt,entry_date,data_complete\n", f);
}

void ehp_indicators_rows(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		row_start(f, plan, fam, iv->subject, d->scope, d->theme);
		ehp_csv_field(f, d->id);
		putc(',', f);
		ehp_csv_field(f, d->text);
		fprintf(f, ",%s,", yes_no(iv->exempt == EHP_TRUE));
		date_cell(f, fam->entry);
		fprintf(f, ",%s\n", yes_no(!ehp_family_incomplete(fam)));
	}
}

const char *ehp_outcome_result(ehp_tv achieved)
{
	return achieved == EHP_TRUE ? "achieved" : achieved == EHP_FALSE ? "not achieved" : "not yet judgeable";
}

void ehp_outcomes_header(FILE *f)
{
	fputs("family_id,member,level,theme,theme_title,outcome,outcome_text,result,judgeable_after,supplementary,"
	      "entry_date,closure_date,data_complete\n", f);
}

void ehp_outcomes_rows(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_date *due)
{
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		row_start(f, plan, fam, ov->subject, d->scope, d->theme);
		ehp_csv_field(f, d->id);
		putc(',', f);
		ehp_csv_field(f, d->text);
		fprintf(f, ",%s,", ehp_outcome_result(ov->achieved));
		date_cell(f, due[v]);
		fprintf(f, ",%s,", yes_no(d->supplementary));
		date_cell(f, fam->entry);
		putc(',', f);
		date_cell(f, fam->closure);
		fprintf(f, ",%s\n", yes_no(!ehp_family_incomplete(fam)));
	}
}
