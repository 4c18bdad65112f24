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

enum { EHP_CELLS_SUBJECTS = 66 };

typedef struct {
	const ehp_family *fam;
	ehp_buf text;       /* the cells made so far: [0, id_len) the id cell and its comma */
	size_t id_len;
	size_t at[EHP_CELLS_SUBJECTS];  /* a subject's prefix in text: slot subject + 2 */
	size_t len[EHP_CELLS_SUBJECTS]; /* 0 until made */
	/* indicators.csv's ends (exempt,entry_date,data_complete) for exempt
	 * no and yes, and outcomes.csv's (entry_date,closure_date,data_complete) */
	bool ends_made;
	uint8_t n_ind_end[2], n_out_end;
	char ind_end[2][24], out_end[40];
} ehp_family_cells;

/* Starts c on fam: what was made for the family before is forgotten. */
void ehp_family_cells_begin(ehp_family_cells *c, const ehp_family *fam);
void ehp_family_cells_free(ehp_family_cells *c);

/* The family's id cell and its comma, at the end of b. */
static inline void ehp_family_id_cell(ehp_buf *b, const ehp_family_cells *c)
{
	ehp_buf_raw(b, c->text.p, c->id_len);
}

/* `family_id,member,` for subject (a person's index, EHP_HOUSEHOLD or
 * EHP_FAMILY, or any other subject ehp_subject_name names). */
void ehp_family_prefix(ehp_buf *b, ehp_family_cells *c, int subject);

/* The ends of the rows, made the first time they are asked for. */
void ehp_family_ends_make(ehp_family_cells *c);

#endif
