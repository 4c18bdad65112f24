/*
 * family_cells.c - a family's own cells, quoted once a family
 * (family_cells.h). Every text cell goes through ehp_csv_cell, so a cell
 * copied from here is the one a row would have written itself.
 */
#include <stdlib.h>
#include <string.h>
#include "family_cells.h"
#include "mem.h"
#include "output.h"

/* The names of the subjects that are no member (family.c's words): the
 * household's and the family's slots hold them from the start. */
static void own_words(ehp_family_cells *c, int subject)
{
	size_t k = (size_t)subject + 2;
	c->name[k] = ehp_subject_name(c->fam, subject);
	c->name_len[k] = (uint32_t)strlen(c->name[k]);
	c->name_plain[k] = true;
}

void ehp_family_cells_begin(ehp_family_cells *c, const ehp_family *fam)
{
	if (!c->dates_known) { /* each slot's key a day of the next slot: no day matches it */
		for (size_t i = 0; i < EHP_CELLS_DATES; i++)
			c->date_key[i] = (ehp_date)(i + 1);
		c->dates_known = true;
	}
	c->fam = fam;
	size_t n_id = strlen(fam->id);
	c->text.len = 0;
	char *p = ehp_buf_at(&c->text, EHP_CSV_CELL_MAX(n_id) + 1);
	p = ehp_csv_put_cell(p, fam->id, n_id);
	*p++ = ',';
	ehp_buf_done(&c->text, p);
	c->id_len = c->text.len;
	c->id_as_is = c->id_len == n_id + 1;
	c->n_slots = fam->n_people + 2 < EHP_CELLS_SUBJECTS ? fam->n_people + 2 : EHP_CELLS_SUBJECTS;
	if (!++c->family) { /* after 2^32 families: no slot may seem made for this one */
		memset(c->name_of, 0, sizeof c->name_of);
		memset(c->prefix_of, 0, sizeof c->prefix_of);
		c->family = 1;
	}
	if (!c->name[0]) {
		own_words(c, EHP_FAMILY);
		own_words(c, EHP_HOUSEHOLD);
	}
	c->name_of[0] = c->name_of[1] = c->family;
	c->ends_made = false;
}

bool ehp_family_name_ask(ehp_family_cells *c, int subject, const char **name, size_t *n)
{
	const ehp_family *fam = c->fam;
	if (subject < 0 || (size_t)subject >= fam->n_people) { /* the runtime's own words (family.c) */
		*name = ehp_subject_name(fam, subject);
		*n = strlen(*name);
		return true;
	}
	*name = fam->people[subject].id;
	*n = strlen(*name);
	bool plain = !ehp_csv_needs_quotes(*name, *n);
	size_t k = (size_t)subject + 2;
	if (k < c->n_slots) {
		c->name[k] = *name;
		c->name_len[k] = (uint32_t)*n;
		c->name_plain[k] = plain;
		c->name_of[k] = c->family;
	}
	return plain;
}

/* Whether s is plain; its length at *len. */
static bool plain_text(const char *s, uint32_t *len)
{
	size_t n = strlen(s);
	*len = (uint32_t)n;
	return !ehp_csv_needs_quotes(s, n);
}

bool ehp_family_plan_ask(ehp_family_cells *c, const ehp_plan *plan)
{
	size_t n_themes = (size_t)plan->n_themes, n_ind = (size_t)plan->n_indicators;
	free(c->theme_len);
	c->theme_len = ehp_xcalloc(n_themes + n_ind + (size_t)plan->n_outcomes + 1, sizeof *c->theme_len);
	c->ind_id_len = c->theme_len + n_themes;
	c->out_id_len = c->ind_id_len + n_ind;
	bool plain = true;
	c->themes_len = 0;
	for (int t = 0; t < plan->n_themes; t++) {
		plain &= plain_text(plan->themes[t].name, &c->theme_len[t]);
		c->themes_len += c->theme_len[t] + 1;
	}
	for (int i = 0; i < plan->n_indicators; i++)
		plain &= plain_text(plan->indicators[i].id, &c->ind_id_len[i]);
	for (int o = 0; o < plan->n_outcomes; o++)
		plain &= plain_text(plan->outcomes[o].id, &c->out_id_len[o]);
	c->plan = plan;
	return c->plan_plain = plain;
}

void ehp_family_cells_free(ehp_family_cells *c)
{
	ehp_buf_free(&c->text);
	free(c->theme_len);
	*c = (ehp_family_cells){ 0 };
}

/* The subject's name cell and its comma at p, which has room for
 * EHP_CSV_CELL_MAX(n) + 1 bytes: as it is when it has nothing to quote
 * (the runtime's own words, family.c, or an id ehp_family_name has looked
 * at) and opens no formula. */
static char *put_name_cell(char *p, const char *name, size_t n, bool plain)
{
	if (plain && !ehp_csv_formula_like(name, n))
		p = ehp_put_piece(p, name, n);
	else
		p = ehp_csv_put_cell(p, name, n);
	*p++ = ',';
	return p;
}

void ehp_family_prefix_keep(ehp_family_cells *c, int subject)
{
	const char *name;
	size_t n, k = (size_t)subject + 2, at = c->text.len;
	bool plain = ehp_family_name(c, subject, &name, &n);
	char *p = ehp_buf_at(&c->text, c->id_len + EHP_CSV_CELL_MAX(n) + 1); /* may move text.p: the id is read after */
	ehp_buf_done(&c->text, put_name_cell(ehp_family_put_id(p, c), name, n, plain));
	c->at[k] = at;
	c->len[k] = c->text.len - at;
	c->prefix_of[k] = c->family;
}

void ehp_family_prefix_make(ehp_buf *b, ehp_family_cells *c, int subject)
{
	const char *name;
	size_t n;
	bool plain = ehp_family_name(c, subject, &name, &n);
	char *p = ehp_buf_at(b, c->id_len + EHP_CSV_CELL_MAX(n) + 1);
	ehp_buf_done(b, put_name_cell(ehp_family_put_id(p, c), name, n, plain));
}

char *ehp_family_date_make(ehp_family_cells *c, char *p, ehp_date d)
{
	char buf[11];
	ehp_date_format(d, buf);
	if (buf[1] == '\0') /* "-": a day it cannot write, not kept */
		return ehp_buf_put(p, buf, 1);
	size_t slot = (uint32_t)d % EHP_CELLS_DATES;
	memcpy(c->date_text[slot], buf, 10);
	c->date_key[slot] = d;
	return ehp_buf_put(p, buf, 10);
}

void ehp_family_ends_make(ehp_family_cells *c)
{
	const ehp_family *fam = c->fam;
	c->n_entry = (uint8_t)(ehp_family_date(c, c->entry, fam->entry) - c->entry);
	c->n_closure = (uint8_t)(ehp_family_date(c, c->closure, fam->closure) - c->closure);
	c->incomplete = ehp_family_incomplete(fam);
	c->ends_made = true;
}
