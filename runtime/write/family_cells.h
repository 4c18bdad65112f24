/*
 * family_cells.h - a family's own cells as results.csv, indicators.csv and
 * outcomes.csv write them (family_cells.c), quoted once a family for the
 * three files rather than once a row: the family's id, and each row's
 * `family_id,member,` prefix for each subject (the household, the family,
 * each member of a family of up to EHP_CELLS_SUBJECTS - 2), made when a row
 * first asks for it and copied for every other row of that subject; each
 * subject's name, its length and whether it needs quoting, looked at once.
 * The dates that end the rows are made once a family too.
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
	bool id_as_is;      /* the id cell is the id itself: nothing quoted or marked */
	size_t n_slots; /* the family's subjects that have a slot: its members + 2, at most EHP_CELLS_SUBJECTS */
	/* The families begun, and for each slot the one its name and prefix
	 * were made for: a slot of another family holds nothing of this one,
	 * so nothing is cleared from family to family. */
	uint32_t family;
	uint32_t name_of[EHP_CELLS_SUBJECTS], prefix_of[EHP_CELLS_SUBJECTS];
	/* Each subject's name as the rows write it (ehp_family_name): the
	 * text, its length and whether it has no byte a CSV cell is quoted
	 * for, looked at once a family. */
	bool name_plain[EHP_CELLS_SUBJECTS];
	uint32_t name_len[EHP_CELLS_SUBJECTS];
	const char *name[EHP_CELLS_SUBJECTS];
	size_t at[EHP_CELLS_SUBJECTS];  /* a subject's prefix in text: slot subject + 2 */
	size_t len[EHP_CELLS_SUBJECTS];
	/* The family's entry and closure dates as its rows end with them
	 * (ehp_family_ends_make): yyyy-mm-dd, "-" or nothing; and whether its
	 * data is incomplete. */
	bool ends_made, incomplete;
	uint8_t n_entry, n_closure;
	char entry[10], closure[10];
	/* The plan whose theme names and row ids were looked at, and whether
	 * none of them has a byte a CSV cell is quoted for (ehp_family_plan_plain);
	 * their lengths, one allocation: theme_len[n_themes], then the
	 * indicators' ids', then the outcomes'; themes_len, every theme's
	 * name and a `;` after each (the most results.csv's list can be). */
	const ehp_plan *plan;
	bool plan_plain;
	uint32_t *theme_len, *ind_id_len, *out_id_len;
	size_t themes_len;
	/* Dates as written, kept across families by their day's low bits: an
	 * extract's entry and closure dates are a few thousand days, so most
	 * families find theirs here. A slot's key is set at first (begin) to
	 * a day of another slot, so it matches no day until filled. */
	bool dates_known;
	ehp_date date_key[EHP_CELLS_DATES];
	char date_text[EHP_CELLS_DATES][10]; /* yyyy-mm-dd: 10 bytes, no NUL */
} ehp_family_cells;

/* Starts c on fam: what was made for the family before is forgotten. */
void ehp_family_cells_begin(ehp_family_cells *c, const ehp_family *fam);
void ehp_family_cells_free(ehp_family_cells *c);

/* ehp_buf_put for the pieces the rows are made of (cells of tens of
 * bytes): up to 32 bytes as two moves of 16, 8, 4 or 2 that overlap, so no
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
	} else if (n >= 2) { /* an id of two or three bytes ("1e") */
		memcpy(p, s, 2);
		memcpy(p + n - 2, s + n - 2, 2);
	} else if (n)
		*p = *s;
	return p + n;
}

/* ehp_buf_raw by ehp_put_piece. */
static inline void ehp_buf_piece(ehp_buf *b, const char *s, size_t n)
{
	ehp_buf_done(b, ehp_put_piece(ehp_buf_at(b, n), s, n));
}

/* The family's id cell and its comma at p, which has room for id_len
 * bytes; returns the end. An id written as it is (the usual) is copied
 * from the family, not from text: bytes just written there (begin) would
 * be read in other widths than they were written, and waited for. */
static inline char *ehp_family_put_id(char *p, const ehp_family_cells *c)
{
	if (!c->id_as_is)
		return ehp_put_piece(p, c->text.p, c->id_len);
	p = ehp_put_piece(p, c->fam->id, c->id_len - 1);
	*p++ = ',';
	return p;
}

/* `family_id,member,` for subject (a person's index, EHP_HOUSEHOLD or
 * EHP_FAMILY): its text in c->text and its length, made the first time
 * (ehp_family_prefix_keep); NULL for a subject of no slot (ehp_subject_name's
 * others, a member past the first EHP_CELLS_SUBJECTS - 2). The text moves
 * when another subject's is made. */
void ehp_family_prefix_keep(ehp_family_cells *c, int subject);
static inline const char *ehp_family_prefix_text(ehp_family_cells *c, int subject, size_t *n)
{
	size_t k = (size_t)subject + 2; /* EHP_FAMILY (-2): 0; EHP_HOUSEHOLD: 1; person p: p + 2 */
	if (k >= c->n_slots)
		return NULL;
	if (c->prefix_of[k] != c->family)
		ehp_family_prefix_keep(c, subject);
	*n = c->len[k];
	return c->text.p + c->at[k];
}

/* The same at the end of b, for any subject ehp_subject_name names:
 * ehp_family_prefix_make writes it from the ids, ehp_family_prefix copies
 * it when kept. */
void ehp_family_prefix_make(ehp_buf *b, ehp_family_cells *c, int subject);
static inline void ehp_family_prefix(ehp_buf *b, ehp_family_cells *c, int subject)
{
	size_t n;
	const char *text = ehp_family_prefix_text(c, subject, &n);
	if (text)
		ehp_buf_piece(b, text, n);
	else
		ehp_family_prefix_make(b, c, subject);
}

/* Subject's name (ehp_subject_name) and its length, and whether it has no
 * byte a CSV cell is quoted for (`"`, `,`, LF, CR): looked at once a family
 * and subject, so the prefixes and results.csv's verdict lists neither
 * measure nor scan it again. */
bool ehp_family_name_ask(ehp_family_cells *c, int subject, const char **name, size_t *n);
static inline bool ehp_family_name(ehp_family_cells *c, int subject, const char **name, size_t *n)
{
	size_t k = (size_t)subject + 2; /* EHP_GROUP and other subjects of no slot: past n_slots */
	if (k < c->n_slots && c->name_of[k] == c->family) { /* asked before */
		*name = c->name[k];
		*n = c->name_len[k];
		return c->name_plain[k];
	}
	return ehp_family_name_ask(c, subject, name, n);
}
/* Whether every theme name and indicator and outcome id of plan is plain,
 * asked once a run; their lengths are then in theme_len, ind_id_len and
 * out_id_len. */
bool ehp_family_plan_ask(ehp_family_cells *c, const ehp_plan *plan);
static inline bool ehp_family_plan_plain(ehp_family_cells *c, const ehp_plan *plan)
{
	return c->plan == plan ? c->plan_plain : ehp_family_plan_ask(c, plan);
}

/* A date's cell as ehp_family_date wrote it (n: 10, 1 or 0) at p,
 * returning the end: the ten bytes as 8 and 2, as they were stored, so a
 * row reads its family's dates just after they are made without waiting
 * (a read of other widths than the writes just before it must wait for
 * them to reach memory). */
static inline char *ehp_family_put_date(char *p, const char *date, size_t n)
{
	if (n == 10) {
		memcpy(p, date, 8);
		memcpy(p + 8, date + 8, 2);
	} else if (n)
		*p = *date;
	return p + n;
}

/* A date as its cell: yyyy-mm-dd, "-" for one it cannot write, nothing for
 * EHP_NO_DATE; at p, returning the end. Formatted the first time its slot
 * meets it (ehp_family_date_make), copied after. */
char *ehp_family_date_make(ehp_family_cells *c, char *p, ehp_date d);
static inline char *ehp_family_date(ehp_family_cells *c, char *p, ehp_date d)
{
	size_t slot = (uint32_t)d % EHP_CELLS_DATES;
	if (d == EHP_NO_DATE)
		return p;
	if (c->date_key[slot] != d)
		return ehp_family_date_make(c, p, d);
	return ehp_family_put_date(p, c->date_text[slot], 10);
}

/* The family's dates and completeness that end its rows, made the first
 * time a row asks for them. */
void ehp_family_ends_make(ehp_family_cells *c);

#endif
