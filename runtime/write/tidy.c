/*
 * tidy.c - indicators.csv, outcomes.csv and plan_rows.csv (tidy.h). Every
 * text cell goes through ehp_csv_cell, once: a row's level, theme and id
 * by ehpc (ehp_row_cells), the family's by its first row, copied for the
 * others. Dates are ISO (yyyy-mm-dd), empty
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

/* A row's own cells: the plan's, made by ehpc, or made here. */
static void row_cells(ehp_buf *b, const ehp_plan *plan, const char *cells, size_t n_cells, ehp_scope scope,
                      int theme, const char *id)
{
	if (cells)
		ehp_buf_raw(b, cells, n_cells);
	else
		ehp_row_cells(b, scope, plan->themes[theme].name, id);
}

/* The family's cells, each with the comma after it, written for the first
 * row that has them and then copied from that row: the family's id and
 * the subjects' names (the household, the family, and each member of a
 * family of up to SUBJECTS - 2). Offsets in the buffer, which may move. */
enum { SUBJECTS = 66 };
typedef struct {
	size_t at[SUBJECTS + 1]; /* [0]: the id; [subject + 3]: a subject's name */
	size_t len[SUBJECTS + 1]; /* 0 until written */
} family_cells;

static void family_cells_begin(family_cells *c, const ehp_family *fam)
{
	size_t n = fam->n_people + 3 < SUBJECTS + 1 ? fam->n_people + 3 : SUBJECTS + 1;
	memset(c->len, 0, n * sizeof *c->len);
}

/* Cell k of c: copied when written before, else written by text_cell. */
static void cached_cell(ehp_buf *b, family_cells *c, size_t k, const char *text)
{
	if (c->len[k]) {
		ehp_buf_at(b, c->len[k]); /* may move b->p: the copy's source is found after it */
		memcpy(b->p + b->len, b->p + c->at[k], c->len[k]);
		b->len += c->len[k];
		return;
	}
	c->at[k] = b->len;
	text_cell(b, text);
	c->len[k] = b->len - c->at[k];
}

/* family_id,member, as both files begin. */
static void row_start(ehp_buf *b, const ehp_family *fam, family_cells *c, int subject)
{
	cached_cell(b, c, 0, fam->id);
	size_t k = (size_t)subject + 3; /* EHP_FAMILY is -2: 1 */
	if (subject >= EHP_FAMILY && k <= SUBJECTS && (subject < 0 || (size_t)subject < fam->n_people))
		cached_cell(b, c, k, ehp_subject_name(fam, subject));
	else
		text_cell(b, ehp_subject_name(fam, subject));
}

/* Text of known length into a small array, from *n. */
static void put_piece(char *to, size_t *n, const char *s)
{
	size_t k = strlen(s);
	memcpy(to + *n, s, k);
	*n += k;
}

void ehp_indicators_header(FILE *f)
{
	fputs("family_id,member,level,theme,indicator,exempt,entry_date,data_complete\n", f);
}

void ehp_indicators_rows(ehp_buf *b, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	/* The cells that end every row (exempt,entry_date,data_complete), put
	 * together once a family, for either answer of exempt. */
	char entry[11], ends[2][24];
	size_t n_ends[2] = { 0, 0 };
	for (int exempt = 0; exempt < 2; exempt++) {
		put_piece(ends[exempt], &n_ends[exempt], exempt ? "yes," : "no,");
		put_piece(ends[exempt], &n_ends[exempt], date_text(fam->entry, entry));
		put_piece(ends[exempt], &n_ends[exempt], ehp_family_incomplete(fam) ? ",no\n" : ",yes\n");
	}
	family_cells c;
	family_cells_begin(&c, fam);
	for (size_t v = 0; v < res->n_ind; v++) {
		const ehp_ind_verdict *iv = &res->ind[v];
		if (iv->met != EHP_TRUE)
			continue;
		const ehp_indicator_def *d = &plan->indicators[iv->indicator];
		row_start(b, fam, &c, iv->subject);
		row_cells(b, plan, d->cells, d->n_cells, d->scope, d->theme, d->id);
		bool exempt = iv->exempt == EHP_TRUE;
		ehp_buf_raw(b, ends[exempt], n_ends[exempt]);
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
	/* The family's cells that end every row (entry_date,closure_date,data_complete),
	 * put together once. */
	char entry[11], closure[11], tail[40];
	size_t n_tail = 0;
	put_piece(tail, &n_tail, date_text(fam->entry, entry));
	put_piece(tail, &n_tail, ",");
	put_piece(tail, &n_tail, date_text(fam->closure, closure));
	put_piece(tail, &n_tail, ehp_family_incomplete(fam) ? ",no\n" : ",yes\n");
	family_cells c;
	family_cells_begin(&c, fam);
	for (size_t v = 0; v < res->n_out; v++) {
		const ehp_out_verdict *ov = &res->out[v];
		const ehp_outcome_def *d = &plan->outcomes[ov->outcome];
		row_start(b, fam, &c, ov->subject);
		row_cells(b, plan, d->cells, d->n_cells, d->scope, d->theme, d->id);
		/* result,judgeable_after,supplementary, then the family's tail */
		char *p = ehp_buf_at(b, 40 + n_tail);
		if (ov->achieved == EHP_TRUE)
			p = ehp_buf_put_lit(p, "achieved,");
		else if (ov->achieved == EHP_FALSE)
			p = ehp_buf_put_lit(p, "not achieved,");
		else
			p = ehp_buf_put_lit(p, "not yet judgeable,");
		if (due[v] != EHP_NO_DATE) {
			ehp_date_format(due[v], p);
			p += p[1] == '\0' ? 1 : 10; /* "-" for a date it cannot write, as date_text */
		}
		p = d->supplementary ? ehp_buf_put_lit(p, ",yes,") : ehp_buf_put_lit(p, ",no,");
		p = ehp_buf_put(p, tail, n_tail);
		ehp_buf_done(b, p);
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
