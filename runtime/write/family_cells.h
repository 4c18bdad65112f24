/*
 * family_cells.h - a family's own cells as results.csv, indicators.csv and
 * outcomes.csv write them (family_cells.c), quoted once a family for the
 * three files rather than once a row: the family's id, and each row's
 * `family_id,member,` prefix for each subject (the household, the family,
 * each member of a family of up to EHP_CELLS_SUBJECTS - 2), made when a row
 * first asks for it and copied for every other row of that subject. The
 * dates that end the rows are put together once a family too.
 */
#ifndef EHP_FAMILY_CELLS_H
#define EHP_FAMILY_CELLS_H

#include <stdint.h>
#include "buf.h"
#include "eval.h"

enum { EHP_CELLS_SUBJECTS = 66, EHP_CELLS_DATES = 2048 };

typedef struct {
	const ehp_family *fam;
	ehp_buf text;       /* the cells made so far: [0, id_len) the id cell and its comma */
	size_t id_len;
	size_t n_slots; /* the family's subjects that have a slot: its members + 2, at most EHP_CELLS_SUBJECTS */
	int8_t name_plain[EHP_CELLS_SUBJECTS]; /* ehp_family_name_plain's answer; -1 until asked */
	size_t at[EHP_CELLS_SUBJECTS];  /* a subject's prefix in text: slot subject + 2 */
	size_t len[EHP_CELLS_SUBJECTS]; /* 0 until made */
	/* indicators.csv's ends (exempt,entry_date,data_complete) for exempt
	 * no and yes, and outcomes.csv's (entry_date,closure_date,data_complete) */
	bool ends_made;
	uint8_t n_ind_end[2], n_out_end;
	char ind_end[2][24], out_end[40];
	/* The plan whose theme names and row ids were looked at, and whether
	 * none of them has a byte a CSV cell is quoted for (ehp_family_plan_plain). */
	const ehp_plan *plan;
	bool plan_plain;
	/* Dates as written, kept across families by their day's low bits: an
	 * extract's entry and closure dates are a few thousand days, so most
	 * families find theirs here. dates_known: the slots filled. */
	bool dates_known;
	ehp_date date_key[EHP_CELLS_DATES];
	char date_text[EHP_CELLS_DATES][10]; /* yyyy-mm-dd: 10 bytes, no NUL */
} ehp_family_cells;

/* Starts c on fam: what was made for the family before is forgotten. */
void ehp_family_cells_begin(ehp_family_cells *c, const ehp_family *fam);
void ehp_family_cells_free(ehp_family_cells *c);

/* ehp_buf_put for the pieces the rows are made of (cells of tens of
 * bytes): up to 32 bytes as two moves of 16, 8 or 4 that overlap, so no
 * call of memcpy a piece; longer ones by memcpy. Reads s[0 .. n) only. */
static inline char *ehp_put_piece(char *p, const char *s, size_t n)
{
	if (n > 32)
		memcpy(p, s, n);
	else if (n >= 16) {
		memcpy(p, s, 16);
		memcpy(p + n - 16, s + n - 16, 16);
	} else if (n >= 8) {
		memcpy(p, s, 8);
		memcpy(p + n - 8, s + n - 8, 8);
	} else if (n >= 4) {
		memcpy(p, s, 4);
		memcpy(p + n - 4, s + n - 4, 4);
	} else
		for (size_t i = 0; i < n; i++)
			p[i] = s[i];
	return p + n;
}

/* ehp_buf_raw by ehp_put_piece. */
static inline void ehp_buf_piece(ehp_buf *b, const char *s, size_t n)
{
	ehp_buf_done(b, ehp_put_piece(ehp_buf_at(b, n), s, n));
}

/* The family's id cell and its comma, at the end of b. */
static inline void ehp_family_id_cell(ehp_buf *b, const ehp_family_cells *c)
{
	ehp_buf_piece(b, c->text.p, c->id_len);
}

/* `family_id,member,` for subject (a person's index, EHP_HOUSEHOLD or
 * EHP_FAMILY, or any other subject ehp_subject_name names): copied when
 * made before, else made by ehp_family_prefix_make. */
void ehp_family_prefix_make(ehp_buf *b, ehp_family_cells *c, int subject);
static inline void ehp_family_prefix(ehp_buf *b, ehp_family_cells *c, int subject)
{
	size_t k = (size_t)subject + 2; /* EHP_FAMILY (-2): 0; EHP_HOUSEHOLD: 1; person p: p + 2 */
	if (k < c->n_slots && c->len[k])
		ehp_buf_piece(b, c->text.p + c->at[k], c->len[k]);
	else
		ehp_family_prefix_make(b, c, subject);
}

/* Whether subject's name has no byte a CSV cell is quoted for (`"`, `,`,
 * LF, CR), asked once a family and subject: the verdict lists of
 * results.csv are then scanned only when an item may need it. */
bool ehp_family_name_plain_ask(ehp_family_cells *c, int subject);
static inline bool ehp_family_name_plain(ehp_family_cells *c, int subject)
{
	size_t k = (size_t)subject + 2;
	if (subject >= 0 && k < c->n_slots && c->name_plain[k] >= 0) /* asked before */
		return c->name_plain[k];
	return ehp_family_name_plain_ask(c, subject);
}
/* The same for every theme name and indicator and outcome id of plan,
 * asked once a run. */
bool ehp_family_plan_plain(ehp_family_cells *c, const ehp_plan *plan);

/* A date as its cell: yyyy-mm-dd, "-" for one it cannot write, nothing for
 * EHP_NO_DATE; at p, returning the end. */
char *ehp_family_date(ehp_family_cells *c, char *p, ehp_date d);

/* The ends of the rows, made the first time they are asked for. */
void ehp_family_ends_make(ehp_family_cells *c);

#endif
