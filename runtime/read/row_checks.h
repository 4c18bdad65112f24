/*
 * row_checks.h - the checks of a people or records row's cells, inline:
 * rows.c's ehp_row_person and ehp_row_record fetch the current row's cells
 * and make them, rejecting the row through its table; the streamed reader
 * (stream.c) makes them on a row split in one pass (ehp_row_person_cells,
 * ehp_row_record_cells), rejecting nothing, with no call a row. One code
 * for both, so a row is accepted or refused for the same reasons.
 */
#ifndef EHP_ROW_CHECKS_H
#define EHP_ROW_CHECKS_H

#include <math.h>
#include "internal.h"
#include "rows.h"

/* Rejects the current row of t, unless t is NULL (ehp_row_person_cells,
 * ehp_row_record_cells: the row is read again to be rejected). Always
 * false. */
bool ehp_row_refuse(ehp_table *t, const char *field, const char *reason);
/* A figure that is not digits alone: read in full (values.h), rejected
 * when it is no figure, or negative where it cannot be. Out of line, so
 * that number_cell is small enough to be inlined. */
bool ehp_row_figure_in_full(ehp_table *t, const char *s, size_t n, const char *name, unsigned allow,
                            bool allow_negative, double *out, bool *percent);

/* `parent; carer`: flags separated by `;`. False when one is unknown.
 * blanks: an item may have blanks to trim (not in a row split in one
 * pass: csv_plain_cells stops at every blank byte). */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool parse_flags(const ehp_rows *rw, const char *fs, size_t n, bool blanks, uint32_t *flags)
{
	*flags = 0;
	for (size_t a = 0; a < n;) { /* the items of ehp_next_item, here with no call */
		size_t b = ehp_next_semicolon(fs, a, n);
		const char *item = fs + a;
		size_t len = b - a;
		a = b + 1;
		while (blanks && len && ehp_blank(*item)) {
			item++;
			len--;
		}
		while (blanks && len && ehp_blank(item[len - 1]))
			len--;
		if (!len)
			continue;
		int fl = ehp_name_index_find(&rw->flags, item, len);
		if (fl < 0)
			return false;
		*flags |= 1u << fl;
	}
	return true;
}

/* A person from a people row's date of birth and flags (trimmed), every
 * check made: true, or false with the row rejected through t (NULL: not
 * rejected). */
#if defined(__GNUC__)
__attribute__((always_inline)) /* else GCC leaves it a call of its own */
#endif
static inline bool person_of_cells(const ehp_rows *rw, ehp_table *t, csv_span born_cell, csv_span flags_cell,
                                   ehp_date entry, ehp_person *p)
{
	const char *bad;
	ehp_date born = ehp_date_of(born_cell.s, born_cell.n, &bad);
	if (bad || born == EHP_NO_DATE)
		return ehp_row_refuse(t, "date_of_birth", bad ? bad : "empty");
	/* An unborn child is recorded as the parent's expectant_parent flag. */
	if (entry != EHP_NO_DATE && born > entry)
		return ehp_row_refuse(t, "date_of_birth", "after the family's point of entry");
	uint32_t flags;
	/* a row split in one pass (t NULL) has no blank byte (csv_plain_cells) */
	if (!parse_flags(rw, flags_cell.s, flags_cell.n, t != NULL, &flags))
		return ehp_row_refuse(t, "flags", "unknown flag (see docs/data-dictionary.md)");
	*p = (ehp_person){ .born = born, .flags = flags };
	return true;
}

/* Digits alone, at most 9 of them (n at least 1), as most figures are:
 * true with their value, the one ehp_value_number gives them, without its
 * call, its signs, points and separators. */
static inline bool whole_number(const char *s, size_t n, double *out)
{
	if (n > 9)
		return false;
	uint32_t v = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned d = (unsigned)((unsigned char)s[i] - '0');
		if (d > 9)
			return false;
		v = v * 10 + d;
	}
	*out = v;
	return true;
}

static inline bool number_cell(ehp_table *t, csv_span c, const char *name, unsigned allow, bool allow_negative,
                               double *out, bool *percent)
{
	*percent = false;
	if (!c.n) { /* most figures of most records: none given */
		*out = NAN;
		return true;
	}
	if (whole_number(c.s, c.n, out))
		return true;
	return ehp_row_figure_in_full(t, c.s, c.n, name, allow, allow_negative, out, percent);
}

/* A record's figures: value (with `£` for pounds, or as a percentage of
 * the total for sessions: `92%` is 92 of 100 sessions when no total is
 * given), total and score. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* else GCC leaves it a call of its own */
#endif
static inline bool record_figures(ehp_table *t, const csv_span *cell, ehp_value_unit unit, ehp_record *r)
{
	bool pct, no_pct;
	unsigned allow = unit == EHP_UNIT_MONEY ? EHP_NUM_POUNDS : unit == EHP_UNIT_SESSIONS ? EHP_NUM_PERCENT : 0;
	if (!number_cell(t, cell[EHP_REC_VALUE], "value", allow, false, &r->value, &pct) ||
	    !number_cell(t, cell[EHP_REC_TOTAL], "total", 0, false, &r->total, &no_pct) ||
	    !number_cell(t, cell[EHP_REC_SCORE], "score", 0, true, &r->score, &no_pct))
		return false;
	if (pct) {
		if (isnan(r->total))
			r->total = 100;
		else
			r->value = r->total * r->value / 100;
	}
	if (!isnan(r->value) && !isnan(r->total) && r->value > r->total)
		return ehp_row_refuse(t, "value", "more than the total");
	return true;
}

/* A record from its cells (trimmed), every check made: true, or false
 * with the row rejected through t (NULL: not rejected). Inline into both
 * callers, so ehp_row_record's cells stay in registers. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* else GCC leaves it a call of its own */
#endif
static inline bool record_of_cells(const ehp_rows *rw, ehp_table *t, const csv_span *cell, ehp_date born,
                                   ehp_record *r)
{
	csv_span ty = cell[EHP_REC_TYPE];
	int type = ehp_name_index_find(&rw->types, ty.s, ty.n);
	if (type < 0)
		return ehp_row_refuse(t, "type", ty.n ? "unknown record type (see docs/data-dictionary.md)" : "empty");
	r->type = (uint16_t)type;
	const char *bad;
	r->date = ehp_date_of(cell[EHP_REC_DATE].s, cell[EHP_REC_DATE].n, &bad);
	if (bad || r->date == EHP_NO_DATE)
		return ehp_row_refuse(t, "date", bad ? bad : "empty");
	/* Nothing happens to someone before they are born: a record that says
	 * so has a wrong date, or names the wrong person. */
	if (born != EHP_NO_DATE && r->date < born)
		return ehp_row_refuse(t, "date", "before the person's date of birth");
	r->end = ehp_date_of(cell[EHP_REC_END].s, cell[EHP_REC_END].n, &bad);
	if (bad)
		return ehp_row_refuse(t, "end_date", bad);
	if (r->end != EHP_NO_DATE && r->end < r->date)
		return ehp_row_refuse(t, "end_date", "before the record's date");
	if (!record_figures(t, cell, ehp_types[type].unit, r))
		return false;
	/* Most records have no detail and no author: the vocabulary's first
	 * detail and role are "", nothing recorded. */
	csv_span det = cell[EHP_REC_DETAIL], au = cell[EHP_REC_AUTHOR];
	int detail = det.n ? ehp_name_index_find(&rw->details, det.s, det.n) : 0;
	if (detail < 0)
		return ehp_row_refuse(t, "detail", "unknown detail (see docs/data-dictionary.md)");
	r->detail = (uint16_t)detail;
	int role = au.n ? ehp_name_index_find(&rw->roles, au.s, au.n) : 0;
	if (role < 0) /* written with spaces or hyphens: `Social Worker` */
		role = ehp_role_lookup(au.s, au.n);
	if (role < 0)
		return ehp_row_refuse(t, "author", "unknown role (see docs/data-dictionary.md)");
	r->author = ehp_role_names[role]; /* the vocabulary's own string: nothing to keep */
	if (r->end == EHP_NO_DATE && ehp_types[type].unit == EHP_UNIT_SESSIONS) {
		/* A term's figure exported with only the term's first day covers
		 * that term, not every day after it. */
		const ehp_term *term = ehp_term_containing(rw->cal ? rw->cal : ehp_calendar_england(), r->date);
		if (!term)
			return ehp_row_refuse(t, "date", "not in a school term: give the term's end_date");
		r->end = term->end;
	}
	if (r->end == EHP_NO_DATE && ehp_types[type].kind == EHP_STATE)
		r->end = EHP_FOREVER;
	return true;
}

/* A family's dates from its cells (trimmed): the number of problems found
 * (0 or 1), each rejected through t (NULL: not rejected); a family whose
 * entry date is unreadable keeps no dates. */
static inline unsigned family_dates_of_cells(ehp_table *t, csv_span entry_cell, csv_span closure_cell,
                                             ehp_date *entry, ehp_date *closure)
{
	const char *bad;
	*closure = EHP_NO_DATE;
	*entry = ehp_date_of(entry_cell.s, entry_cell.n, &bad);
	if (bad || *entry == EHP_NO_DATE) {
		ehp_row_refuse(t, "entry_date", bad ? bad : "empty; the point of entry is needed");
		return 1;
	}
	*closure = ehp_date_of(closure_cell.s, closure_cell.n, &bad);
	if (bad) {
		ehp_row_refuse(t, "closure_date", bad);
		return 1;
	}
	if (*closure != EHP_NO_DATE && *closure < *entry) {
		ehp_row_refuse(t, "closure_date", "before the point of entry");
		*closure = EHP_NO_DATE;
		return 1;
	}
	return 0;
}

/* A family's dates from a families row's cells by slot, rejecting
 * nothing: true where ehp_row_family_dates finds no problem. */
static inline bool ehp_row_family_dates_cells(const csv_span *cell, ehp_date *entry, ehp_date *closure)
{
	return !family_dates_of_cells(NULL, cell[EHP_FAM_ENTRY], cell[EHP_FAM_CLOSURE], entry, closure);
}

/* A person from a people row's cells by slot, rejecting nothing (as
 * ehp_row_record_cells). p->id, p->line and p->file are the caller's to
 * set. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the streamed reader's loop: GCC left it a call once the split was inline there */
#endif
static inline bool ehp_row_person_cells(const ehp_rows *rw, const csv_span *cell, ehp_date entry, ehp_person *p)
{
	return person_of_cells(rw, NULL, cell[EHP_PER_BORN], cell[EHP_PER_FLAGS], entry, p);
}

/* A record from a records row's cells by slot (csv_plain_cells: no cell
 * to trim), rejecting nothing: false where ehp_row_record would reject
 * the row, which is then read again by ehp_row_record to say why.
 * r->person, r->line and r->file are the caller's to set. */
#if defined(__GNUC__)
__attribute__((always_inline)) /* in the streamed reader's loop: no call a record */
#endif
static inline bool ehp_row_record_cells(const ehp_rows *rw, const csv_span *cell, ehp_date born, ehp_record *r)
{
	return record_of_cells(rw, NULL, cell, born, r);
}

#endif
