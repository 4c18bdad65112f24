/*
 * rows.h - the checks on one row of families.csv, people.csv and
 * records.csv, shared by both ways of reading them (reader.c). The family
 * and person a row names are found by the reader; these check the rest.
 */
#ifndef EHP_ROWS_H
#define EHP_ROWS_H

#include "bytes.h"
#include "table.h"
#include "name_index.h"

typedef struct {
	const char *s;
	size_t n;
} ehp_str;

/* Byte order, a prefix first: the order the streamed reader needs. */
int ehp_str_cmp_bytes(ehp_str a, ehp_str b);

/* The n bytes at p (8 of them) as a number whose order is theirs. */
static inline uint64_t ehp_str_order_word_(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
#if defined(__GNUC__) && defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	return __builtin_bswap64(w);
#else
	const unsigned char *u = (const unsigned char *)p;
	w = 0;
	for (int i = 0; i < 8; i++)
		w = w << 8 | u[i];
	return w;
#endif
}

/* ehp_str_cmp's sign. Inline: the streamed reader orders a family's id
 * against the one before at each family's first row in each file, where
 * memcmp's call cost more than the comparison. Ids of one length from 8
 * to 16 bytes, nearly all, take two words each (the last 8 overlapping
 * the first, equal by then); others go to ehp_str_cmp_bytes. */
static inline int ehp_str_cmp(ehp_str a, ehp_str b)
{
	if (a.n != b.n || a.n < 8 || a.n > 16)
		return ehp_str_cmp_bytes(a, b);
	uint64_t x = ehp_str_order_word_(a.s), y = ehp_str_order_word_(b.s);
	if (x == y) {
		x = ehp_str_order_word_(a.s + a.n - 8);
		y = ehp_str_order_word_(b.s + b.n - 8);
	}
	return (x > y) - (x < y);
}

/* Whether a and b are the same bytes, lengths first. Inline: ids are
 * compared several times a row (its family against the one being read, a
 * person among the family's). */
static inline bool ehp_str_eq(ehp_str a, ehp_str b)
{
	return a.n == b.n && ehp_same_bytes(a.s, b.s, a.n);
}

/* The cells of a records row a record is made of, by slot (EHP_REC_OTHER:
 * a column read by no one). */
enum {
	EHP_REC_FAMILY, EHP_REC_PERSON, EHP_REC_TYPE, EHP_REC_DATE, EHP_REC_END, EHP_REC_VALUE, EHP_REC_TOTAL,
	EHP_REC_SCORE, EHP_REC_DETAIL, EHP_REC_AUTHOR, EHP_REC_OTHER, EHP_REC_SLOTS
};
/* The same of a people row. */
enum { EHP_PER_PERSON, EHP_PER_FAMILY, EHP_PER_BORN, EHP_PER_FLAGS, EHP_PER_OTHER, EHP_PER_SLOTS };
/* The same of a families row. */
enum { EHP_FAM_FAMILY, EHP_FAM_ENTRY, EHP_FAM_CLOSURE, EHP_FAM_OTHER, EHP_FAM_SLOTS };

typedef struct {
	ehp_table t[EHP_N_INPUT_FILES];
	int c_family[EHP_N_INPUT_FILES];  /* the family_id column of each file */
	int c_person[EHP_N_INPUT_FILES];  /* person_id (people, records) */
	int c_entry, c_closure;
	int c_born, c_flags;
	int c_type, c_date, c_end, c_value, c_total, c_score, c_detail, c_author;
	const ehp_origin *origins; /* the input a mapping made: where its rows came from */
	size_t n_origins;
	ehp_name_index types, details, flags, roles; /* the vocabulary's names, to find */
	uint64_t keep[EHP_TYPE_WORDS]; /* record types kept once checked (the plan's); the rest only checked */
	const ehp_calendar *cal; /* places a per-term figure given only its term's
	                            first day; NULL: England's */
	/* records.csv's and people.csv's columns by the cell each fills, for
	 * csv_plain_cells (the streamed reader's rows in one pass; with 64 more
	 * of EHP_REC_OTHER, EHP_PER_OTHER); rec_plain, per_plain: the header has
	 * at most CSV_MAX_CELLS columns, so its rows may be read so */
	unsigned char rec_slot[CSV_MAX_CELLS + 64], per_slot[CSV_MAX_CELLS + 64];
	unsigned char fam_slot[CSV_MAX_CELLS + 64]; /* families.csv's, the same way (EHP_FAM_OTHER) */
	bool rec_plain, per_plain, fam_plain;
	bool rec_full, per_full, fam_full; /* every column of a cell is in the header */
	bool rec_in_order;     /* and each column i fills cell i (the data dictionary's order) */
} ehp_rows;

/* Finds the columns of one file once its header is read: 0, or -1 with a
 * message (a required column missing, a column named twice). */
int ehp_rows_columns(ehp_rows *rw, int file, char *err, size_t errlen);

/* The current row's family_id (or person_id), trimmed; empty when the row
 * has none, or when a malformed row went wrong before it. Inline: asked
 * for every row, and a cell is a few instructions (ehp_cell). */
static inline ehp_str ehp_row_family_id(const ehp_rows *rw, int file)
{
	ehp_str s;
	s.s = ehp_cell(&rw->t[file], rw->c_family[file], &s.n);
	return s;
}
static inline ehp_str ehp_row_person_id(const ehp_rows *rw, int file)
{
	ehp_str s;
	s.s = ehp_cell(&rw->t[file], rw->c_person[file], &s.n);
	return s;
}

/* A families row's dates: the number of problems found (0 or 1), each
 * rejected; a family whose entry date is unreadable keeps no dates. */
unsigned ehp_row_family_dates(ehp_rows *rw, ehp_date *entry, ehp_date *closure);
/* A people row past its ids: true with *p filled (but for its id), or false
 * when rejected (the person is known, but not kept). */
bool ehp_row_person(ehp_rows *rw, ehp_date family_entry, ehp_person *p);
/* A records row past its ids: true with *r filled (but for its person), or
 * false when rejected. born: the date of birth of the person it is about
 * (EHP_NO_DATE for a household record): a record dated before it is
 * rejected. */
bool ehp_row_record(ehp_rows *rw, ehp_date born, ehp_record *r);
/* ehp_row_person_cells and ehp_row_record_cells, the same from a row
 * split in one pass, rejecting nothing: row_checks.h. */
/* Whether a checked record of type t is kept: a type no test of the plan
 * reads is checked like any other (its rejects are the same), then left. */
static inline bool ehp_rows_keeps(const ehp_rows *rw, int t)
{
	return rw->keep[t / 64] >> (t % 64) & 1;
}

#endif
