/*
 * family_cells.c - a family's own cells, quoted once a family
 * (family_cells.h). Every text cell goes through ehp_csv_cell, so a cell
 * copied from here is the one a row would have written itself.
 */
#include <stdlib.h>
#include <string.h>
#include "family_cells.h"
#include "output.h"

void ehp_family_cells_begin(ehp_family_cells *c, const ehp_family *fam)
{
	c->fam = fam;
	c->text.len = 0;
	ehp_csv_cell(&c->text, fam->id, strlen(fam->id));
	ehp_buf_char(&c->text, ',');
	c->id_len = c->text.len;
	size_t n = fam->n_people + 2 < EHP_CELLS_SUBJECTS ? fam->n_people + 2 : EHP_CELLS_SUBJECTS;
	memset(c->len, 0, n * sizeof *c->len);
	memset(c->name_plain, -1, n);
	c->n_slots = n;
	c->ends_made = false;
}

bool ehp_family_name_plain_ask(ehp_family_cells *c, int subject)
{
	const ehp_family *fam = c->fam;
	if (subject < 0 || (size_t)subject >= fam->n_people)
		return true; /* the runtime's own words (family.c) */
	size_t k = (size_t)subject + 2;
	if (k < c->n_slots && c->name_plain[k] >= 0)
		return c->name_plain[k];
	const char *name = fam->people[subject].id;
	bool plain = !ehp_csv_needs_quotes(name, strlen(name));
	if (k < c->n_slots)
		c->name_plain[k] = plain;
	return plain;
}

static bool plain_text(const char *s)
{
	return !ehp_csv_needs_quotes(s, strlen(s));
}

bool ehp_family_plan_plain(ehp_family_cells *c, const ehp_plan *plan)
{
	if (c->plan == plan)
		return c->plan_plain;
	bool plain = true;
	for (int t = 0; t < plan->n_themes; t++)
		plain = plain && plain_text(plan->themes[t].name);
	for (int i = 0; i < plan->n_indicators; i++)
		plain = plain && plain_text(plan->indicators[i].id);
	for (int o = 0; o < plan->n_outcomes; o++)
		plain = plain && plain_text(plan->outcomes[o].id);
	c->plan = plan;
	return c->plan_plain = plain;
}

void ehp_family_cells_free(ehp_family_cells *c)
{
	ehp_buf_free(&c->text);
	*c = (ehp_family_cells){ 0 };
}

/* The subject's name cell and its comma, at the end of b: as it is when
 * it has nothing to quote (the runtime's own words, family.c, or an id
 * ehp_family_name_plain has looked at) and opens no formula. */
static void name_cell(ehp_buf *b, ehp_family_cells *c, int subject)
{
	const char *name = ehp_subject_name(c->fam, subject);
	size_t n = strlen(name);
	if (ehp_family_name_plain(c, subject) && !ehp_csv_formula_like(name, n))
		ehp_buf_raw(b, name, n);
	else
		ehp_csv_cell(b, name, n);
	ehp_buf_char(b, ',');
}

void ehp_family_prefix_make(ehp_buf *b, ehp_family_cells *c, int subject)
{
	size_t k = (size_t)subject + 2; /* EHP_FAMILY (-2): 0; EHP_HOUSEHOLD: 1; person p: p + 2 */
	if (subject < EHP_FAMILY || k >= c->n_slots) {
		ehp_family_id_cell(b, c); /* a subject of no slot: written as it comes */
		name_cell(b, c, subject);
		return;
	}
	if (!c->len[k]) {
		size_t at = c->text.len;
		char *to = ehp_buf_at(&c->text, c->id_len); /* may move text.p: the id is read after */
		memcpy(to, c->text.p, c->id_len);
		c->text.len += c->id_len;
		name_cell(&c->text, c, subject);
		c->at[k] = at;
		c->len[k] = c->text.len - at;
	}
	ehp_buf_raw(b, c->text.p + c->at[k], c->len[k]);
}

char *ehp_family_date(ehp_family_cells *c, char *p, ehp_date d)
{
	if (d == EHP_NO_DATE)
		return p;
	if (!c->dates_known) { /* no day maps to a slot whose key is EHP_NO_DATE */
		for (size_t i = 0; i < EHP_CELLS_DATES; i++)
			c->date_key[i] = EHP_NO_DATE;
		c->dates_known = true;
	}
	size_t slot = (size_t)d % EHP_CELLS_DATES;
	if (c->date_key[slot] == d)
		return ehp_buf_put(p, c->date_text[slot], 10);
	char buf[11];
	ehp_date_format(d, buf);
	if (buf[1] == '\0') /* "-": a day it cannot write, not kept */
		return ehp_buf_put(p, buf, 1);
	memcpy(c->date_text[slot], buf, 10);
	c->date_key[slot] = d;
	return ehp_buf_put(p, buf, 10);
}

void ehp_family_ends_make(ehp_family_cells *c)
{
	const ehp_family *fam = c->fam;
	char entry[10];
	char *e = ehp_family_date(c, entry, fam->entry);
	size_t n_entry = (size_t)(e - entry);
	bool incomplete = ehp_family_incomplete(fam);
	for (int exempt = 0; exempt < 2; exempt++) {
		char *p = c->ind_end[exempt];
		p = exempt ? ehp_buf_put_lit(p, "yes,") : ehp_buf_put_lit(p, "no,");
		p = ehp_buf_put(p, entry, n_entry);
		p = incomplete ? ehp_buf_put_lit(p, ",no\n") : ehp_buf_put_lit(p, ",yes\n");
		c->n_ind_end[exempt] = (uint8_t)(p - c->ind_end[exempt]);
	}
	char *p = ehp_buf_put(c->out_end, entry, n_entry);
	*p++ = ',';
	p = ehp_family_date(c, p, fam->closure);
	p = incomplete ? ehp_buf_put_lit(p, ",no\n") : ehp_buf_put_lit(p, ",yes\n");
	c->n_out_end = (uint8_t)(p - c->out_end);
	c->ends_made = true;
}
