/*
 * tidy.c - indicators.csv, outcomes.csv and plan_rows.csv (tidy.h). Every
 * text cell goes through ehp_csv_cell; dates are ISO (yyyy-mm-dd), empty
 * when there is none; ids are written as the plan and the data spell them.
 * The rows' wording and the themes' titles are in plan_rows.csv once, not
 * on every family's row: a table to join on, as Power BI and a pivot table
 * expect, and the files stay a fraction of the extract's size.
 */
#include <string.h>
#include "output.h"
#include "tidy.h"

static const char *const LEVELS[] = { "person", "household", "family" };

/* A date as its cell: ISO, or empty when there is none. */
static const char *date_text(ehp_date d, char buf[11])
{
	ehp_date_format(d, buf);
	return d == EHP_NO_DATE ? "" : buf;
}

/* Text the runtime wrote itself (a date, yes or no), never quoted, and what
 * ends its cell. */
static void plain_cell(ehp_buf *b, const char *s, char end)
{
	ehp_buf_str(b, s);
	ehp_buf_char(b, end);
}

static void text_cell(ehp_buf *b, const char *s)
{
	ehp_csv_cell(b, s, strlen(s));
	ehp_buf_char(b, ',');
}

/* The family's id as its cell, with the comma after it: written for the
 * family's first row, then copied from that row for the others. */
typedef struct {
	size_t at, len; /* in the buffer; len 0 until the first row */
} id_cell;

/* family_id,member,level,theme, as both files begin. */
static void row_start(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, id_cell *id, int subject,
                      ehp_scope scope, int theme)
{
	if (id->len) {
		ehp_buf_at(b, id->len); /* may move b->p: the copy's source is found after it */
		memcpy(b->p + b->len, b->p + id->at, id->len);
		b->len += id->len;
	} else {
		id->at = b->len;
		text_cell(b, fam->id);
		id->len = b->len - id->at;
	}
	text_cell(b, ehp_subject_name(fam, subject));
	ehp_buf_str(b, LEVELS[scope]);
	ehp_buf_char(b, ',');
	text_cell(b, plan->themes[theme].name);
}

static const char *yes_no(bool b)
{
	return b ? "yes" : "no";
}

void ehp_indicators_header(FILE *f)
{
	fputs("family_id,member,level,theme,indicator,exempt,entry_date,data_complete\n", f);
}

void ehp_indicators_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	char entry[11];
	const char *entry_cell = date_text(fam->entry, entry); /* the family's, on each of its rows */
	const char *complete = yes_no(!ehp_family_incomplete(fam));
	id_cell id = { 0, 0 };
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		row_start(b, plan, fam, &id, iv->subject, d->scope, d->theme);
		text_cell(b, d->id);
		plain_cell(b, yes_no(iv->exempt == EHP_TRUE), ',');
		plain_cell(b, entry_cell, ',');
		plain_cell(b, complete, '\n');
	}
}

const char *ehp_outcome_result(ehp_tv achieved)
{
	return achieved == EHP_TRUE ? "achieved" : achieved == EHP_FALSE ? "not achieved" : "not yet judgeable";
}

void ehp_outcomes_header(FILE *f)
{
	fputs("family_id,member,level,theme,outcome,result,judgeable_after,supplementary,entry_date,closure_date,"
	      "data_complete\n", f);
}

void ehp_outcomes_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_date *due)
{
	char entry[11], closure[11], after[11];
	/* The family's cells that end every row (entry_date,closure_date,data_complete),
	 * put together once. */
	char tail[40];
	size_t n_tail = 0;
	const char *ends[] = { date_text(fam->entry, entry), ",", date_text(fam->closure, closure), ",",
		               yes_no(!ehp_family_incomplete(fam)), "\n" };
	for (size_t i = 0; i < sizeof ends / sizeof *ends; i++) {
		size_t k = strlen(ends[i]);
		memcpy(tail + n_tail, ends[i], k);
		n_tail += k;
	}
	id_cell id = { 0, 0 };
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		row_start(b, plan, fam, &id, ov->subject, d->scope, d->theme);
		text_cell(b, d->id);
		plain_cell(b, ehp_outcome_result(ov->achieved), ',');
		plain_cell(b, due[v] == EHP_NO_DATE ? "" : date_text(due[v], after), ',');
		plain_cell(b, yes_no(d->supplementary), ',');
		ehp_buf_raw(b, tail, n_tail);
	}
}

/* One row of the plan: kind,id,theme,theme_title,level,text,plan_line. */
static void plan_row(FILE *f, const ehp_plan *plan, const char *kind, const char *id, int theme, ehp_scope scope,
                     const char *text, uint32_t line)
{
	fprintf(f, "%s,", kind);
	ehp_csv_field(f, id);
	putc(',', f);
	ehp_csv_field(f, plan->themes[theme].name);
	putc(',', f);
	ehp_csv_field(f, plan->themes[theme].title);
	fprintf(f, ",%s,", LEVELS[scope]);
	ehp_csv_field(f, text);
	fprintf(f, ",%u\n", line);
}

void ehp_plan_rows_write(FILE *f, const ehp_plan *plan)
{
	fputs("kind,id,theme,theme_title,level,text,plan_line\n", f);
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		plan_row(f, plan, "indicator", d->id, d->theme, d->scope, d->text, d->line);
	}
	for (int i = 0; i < plan->n_outcomes; i++) {
		const ehp_outcome_def *d = &plan->outcomes[i];
		plan_row(f, plan, "outcome", d->id, d->theme, d->scope, d->text, d->line);
	}
}
