/*
 * tidy.c - indicators.csv, outcomes.csv and plan_rows.csv (tidy.h). Every
 * text cell goes through ehp_csv_cell, once: a row's level, theme and id
 * by ehpc (ehp_row_cells), the family's once a family for every file
 * (family_cells.c), copied for each row. Dates are ISO (yyyy-mm-dd), empty
 * when there is none; ids are written as the plan and the data spell them.
 * The rows' wording and the themes' titles are in plan_rows.csv once, not
 * on every family's row: a table to join on, as Power BI and a pivot table
 * expect, and the files stay a fraction of the extract's size.
 */
#include <string.h>
#include "output.h"
#include "tidy.h"

static const char *const LEVELS[] = { "person", "household", "family" };

/* A text cell and the comma after it. */
static void text_cell(ehp_buf *b, const char *s)
{
	ehp_csv_cell(b, s, strlen(s));
	ehp_buf_char(b, ',');
}

void ehp_row_cells(ehp_buf *b, ehp_scope scope, const char *theme, const char *id)
{
	ehp_buf_str(b, LEVELS[scope]);
	ehp_buf_char(b, ',');
	text_cell(b, theme);
	text_cell(b, id);
}

/* row_start for a row whose prefix or cells are not kept: a subject of no
 * slot, or a plan not made by ehpc (the tests'). */
static char *row_start_made(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, int subject, const char *cells,
                            size_t n_cells, ehp_scope scope, int theme, const char *id, size_t tail)
{
	ehp_family_prefix(b, c, subject);
	if (cells)
		ehp_buf_piece(b, cells, n_cells);
	else
		ehp_row_cells(b, scope, plan->themes[theme].name, id);
	return ehp_buf_at(b, tail);
}

/* A row's `family_id,member,` and own cells (the plan's, made by ehpc, or
 * made here), then room for tail bytes more: returns where they go. A
 * row whose prefix and cells are kept is one reservation and two copies. */
static inline char *row_start(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, int subject,
                              const char *cells, size_t n_cells, ehp_scope scope, int theme, const char *id,
                              size_t tail)
{
	size_t n_pre;
	const char *pre = ehp_family_prefix_text(c, subject, &n_pre);
	if (!pre || !cells)
		return row_start_made(b, plan, c, subject, cells, n_cells, scope, theme, id, tail);
	char *p = ehp_buf_at(b, n_pre + n_cells + tail);
	p = ehp_put_piece(p, pre, n_pre);
	return ehp_put_piece(p, cells, n_cells);
}

void ehp_indicators_header(FILE *f)
{
	fputs("family_id,member,level,theme,indicator,exempt,entry_date,data_complete\n", f);
}

void ehp_indicators_rows_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res)
{
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		if (!c->ends_made) /* made for a family with rows only */
			ehp_family_ends_make(c);
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		bool exempt = iv->exempt == EHP_TRUE;
		/* exempt,entry_date,data_complete */
		char *p = row_start(b, plan, c, iv->subject, d->cells, d->n_cells, d->scope, d->theme, d->id,
		                    4 + sizeof c->entry + 5);
		p = exempt ? ehp_buf_put_lit(p, "yes,") : ehp_buf_put_lit(p, "no,");
		p = ehp_family_put_date(p, c->entry, c->n_entry);
		ehp_buf_done(b, c->incomplete ? ehp_buf_put_lit(p, ",no\n") : ehp_buf_put_lit(p, ",yes\n"));
	}
}

void ehp_indicators_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	ehp_family_cells c = { 0 };
	ehp_family_cells_begin(&c, fam);
	ehp_indicators_rows_with(b, plan, &c, res);
	ehp_family_cells_free(&c);
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

void ehp_outcomes_rows_with(ehp_buf *b, const ehp_plan *plan, ehp_family_cells *c, const ehp_results *res,
                            const ehp_date *due)
{
	if (res->n_out && !c->ends_made) /* made for a family with rows only */
		ehp_family_ends_make(c);
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		/* result,judgeable_after,supplementary,entry_date,closure_date,data_complete */
		char *p = row_start(b, plan, c, ov->subject, d->cells, d->n_cells, d->scope, d->theme, d->id,
		                    40 + sizeof c->entry + 1 + sizeof c->closure + 5);
		if (ov->achieved == EHP_TRUE)
			p = ehp_buf_put_lit(p, "achieved,");
		else if (ov->achieved == EHP_FALSE)
			p = ehp_buf_put_lit(p, "not achieved,");
		else
			p = ehp_buf_put_lit(p, "not yet judgeable,");
		p = ehp_family_date(c, p, due[v]);
		p = d->supplementary ? ehp_buf_put_lit(p, ",yes,") : ehp_buf_put_lit(p, ",no,");
		p = ehp_family_put_date(p, c->entry, c->n_entry);
		*p++ = ',';
		p = ehp_family_put_date(p, c->closure, c->n_closure);
		p = c->incomplete ? ehp_buf_put_lit(p, ",no\n") : ehp_buf_put_lit(p, ",yes\n");
		ehp_buf_done(b, p);
	}
}

void ehp_outcomes_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res,
                       const ehp_date *due)
{
	ehp_family_cells c = { 0 };
	ehp_family_cells_begin(&c, fam);
	ehp_outcomes_rows_with(b, plan, &c, res, due);
	ehp_family_cells_free(&c);
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
