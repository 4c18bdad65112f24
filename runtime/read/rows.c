/*
 * rows.c - what one row of each input file says, checked field by field:
 * the checks both ways of reading (streamed and grouped, reader.c) share,
 * so a row is accepted or rejected for the same reason whichever is used.
 * Each function reads the current row of its table; a problem is rejected
 * with its field and reason, and the caller flags the row's family.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "internal.h"
#include "rows.h"

int ehp_parse_number(const char *s, size_t len, double *out)
{
	while (len && isspace((unsigned char)*s)) {
		s++;
		len--;
	}
	while (len && isspace((unsigned char)s[len - 1]))
		len--;
	if (!len) {
		*out = NAN;
		return 1;
	}
	if (len > 63)
		return 0;
	/* Plain decimals only: strtod would also take hex, "inf" and "nan". */
	for (size_t i = 0; i < len; i++)
		if (!strchr("+-.0123456789eE", s[i]) || !s[i])
			return 0;
	char buf[64];
	memcpy(buf, s, len);
	buf[len] = '\0';
	char *end;
	errno = 0;
	double v = strtod(buf, &end);
	if (*end || errno || !isfinite(v))
		return 0;
	*out = v;
	return 1;
}

/* Each column of a header by the cell it fills, for csv_plain_cells:
 * col[k], found once each, fills cell k; the other columns, cell `other`.
 * False when the header has too many columns to be split so. *full: the
 * header has every column of a cell (no cell is left empty for want of
 * one). */
static bool cell_slots(unsigned char slot[CSV_MAX_CELLS + 64], size_t n_header, const int *col, int other, bool *full)
{
	memset(slot, other, CSV_MAX_CELLS + 64);
	*full = true;
	for (int k = 0; k < other; k++)
		*full &= col[k] >= 0;
	if (n_header > CSV_MAX_CELLS)
		return false;
	for (int k = 0; k < other; k++)
		if (col[k] >= 0)
			slot[col[k]] = (unsigned char)k;
	return true;
}

static void record_slots(ehp_rows *rw, size_t n_header)
{
	const int col[] = { [EHP_REC_FAMILY] = rw->c_family[EHP_RECORDS_FILE],
		            [EHP_REC_PERSON] = rw->c_person[EHP_RECORDS_FILE],
		            [EHP_REC_TYPE] = rw->c_type, [EHP_REC_DATE] = rw->c_date, [EHP_REC_END] = rw->c_end,
		            [EHP_REC_VALUE] = rw->c_value, [EHP_REC_TOTAL] = rw->c_total,
		            [EHP_REC_SCORE] = rw->c_score, [EHP_REC_DETAIL] = rw->c_detail,
		            [EHP_REC_AUTHOR] = rw->c_author };
	rw->rec_plain = cell_slots(rw->rec_slot, n_header, col, EHP_REC_OTHER, &rw->rec_full);
	rw->rec_in_order = n_header <= EHP_REC_SLOTS;
	for (size_t i = 0; i < n_header; i++)
		rw->rec_in_order &= rw->rec_slot[i] == i;
}

static void person_slots(ehp_rows *rw, size_t n_header)
{
	const int col[] = { [EHP_PER_PERSON] = rw->c_person[EHP_PEOPLE_FILE],
		            [EHP_PER_FAMILY] = rw->c_family[EHP_PEOPLE_FILE], [EHP_PER_BORN] = rw->c_born,
		            [EHP_PER_FLAGS] = rw->c_flags };
	rw->per_plain = cell_slots(rw->per_slot, n_header, col, EHP_PER_OTHER, &rw->per_full);
}

int ehp_rows_columns(ehp_rows *rw, int file, char *err, size_t errlen)
{
	ehp_table *t = &rw->t[file];
	if (file == EHP_FAMILIES_FILE) {
		rw->c_family[file] = ehp_table_column(t, "family_id", true, err, errlen);
		rw->c_entry = ehp_table_column(t, "entry_date", true, err, errlen);
		rw->c_closure = ehp_table_column(t, "closure_date", false, err, errlen);
		return rw->c_family[file] < 0 || rw->c_entry < 0 || rw->c_closure < -1 ? -1 : 0;
	}
	if (file == EHP_PEOPLE_FILE) {
		rw->c_person[file] = ehp_table_column(t, "person_id", true, err, errlen);
		rw->c_family[file] = ehp_table_column(t, "family_id", true, err, errlen);
		rw->c_born = ehp_table_column(t, "date_of_birth", true, err, errlen);
		rw->c_flags = ehp_table_column(t, "flags", false, err, errlen);
		ehp_name_index_init(&rw->flags, ehp_flag_names, EHP_N_FLAGS);
		if (rw->c_person[file] < 0 || rw->c_family[file] < 0 || rw->c_born < 0 || rw->c_flags < -1)
			return -1;
		person_slots(rw, t->n_header);
		return 0;
	}
	rw->c_family[file] = ehp_table_column(t, "family_id", true, err, errlen);
	rw->c_person[file] = ehp_table_column(t, "person_id", true, err, errlen);
	rw->c_type = ehp_table_column(t, "type", true, err, errlen);
	rw->c_date = ehp_table_column(t, "date", true, err, errlen);
	ehp_name_index_init(&rw->types, ehp_type_name_list, EHP_N_TYPES);
	ehp_name_index_init(&rw->details, ehp_detail_names, EHP_N_DETAILS);
	ehp_name_index_init(&rw->roles, ehp_role_names, EHP_N_ROLES);
	if (rw->c_family[file] < 0 || rw->c_person[file] < 0 || rw->c_type < 0 || rw->c_date < 0)
		return -1;
	rw->c_end = ehp_table_column(t, "end_date", false, err, errlen);
	rw->c_value = ehp_table_column(t, "value", false, err, errlen);
	rw->c_total = ehp_table_column(t, "total", false, err, errlen);
	rw->c_score = ehp_table_column(t, "score", false, err, errlen);
	rw->c_detail = ehp_table_column(t, "detail", false, err, errlen);
	rw->c_author = ehp_table_column(t, "author", false, err, errlen);
	if (rw->c_end < -1 || rw->c_value < -1 || rw->c_total < -1 || rw->c_score < -1 || rw->c_detail < -1 ||
	    rw->c_author < -1)
		return -1;
	record_slots(rw, t->n_header);
	return 0;
}

unsigned ehp_row_family_dates(ehp_rows *rw, ehp_date *entry, ehp_date *closure)
{
	ehp_table *t = &rw->t[EHP_FAMILIES_FILE];
	const char *bad;
	*closure = EHP_NO_DATE;
	*entry = ehp_cell_date(t, rw->c_entry, &bad);
	if (bad || *entry == EHP_NO_DATE) {
		ehp_table_reject(t, "entry_date", bad ? bad : "empty; the point of entry is needed");
		return 1;
	}
	*closure = ehp_cell_date(t, rw->c_closure, &bad);
	if (bad) {
		ehp_table_reject(t, "closure_date", bad);
		return 1;
	}
	if (*closure != EHP_NO_DATE && *closure < *entry) {
		ehp_table_reject(t, "closure_date", "before the point of entry");
		*closure = EHP_NO_DATE;
		return 1;
	}
	return 0;
}

/* `parent; carer`: flags separated by `;`. False when one is unknown. */
#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline bool parse_flags(const ehp_rows *rw, const char *fs, size_t n, uint32_t *flags)
{
	*flags = 0;
	for (size_t a = 0; a < n;) { /* the items of ehp_next_item, here with no call */
		size_t b = ehp_next_semicolon(fs, a, n);
		const char *item = fs + a;
		size_t len = b - a;
		a = b + 1;
		while (len && ehp_blank(*item)) {
			item++;
			len--;
		}
		while (len && ehp_blank(item[len - 1]))
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

/* Rejects the current row of t, unless t is NULL (ehp_row_person_cells,
 * ehp_row_record_cells: the row is read again to be rejected). Always
 * false. */
static bool refuse(ehp_table *t, const char *field, const char *reason)
{
	if (t)
		ehp_table_reject(t, field, reason);
	return false;
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
		return refuse(t, "date_of_birth", bad ? bad : "empty");
	/* An unborn child is recorded as the parent's expectant_parent flag. */
	if (entry != EHP_NO_DATE && born > entry)
		return refuse(t, "date_of_birth", "after the family's point of entry");
	uint32_t flags;
	if (!parse_flags(rw, flags_cell.s, flags_cell.n, &flags))
		return refuse(t, "flags", "unknown flag (see docs/data-dictionary.md)");
	*p = (ehp_person){ .born = born, .flags = flags };
	return true;
}

bool ehp_row_person(ehp_rows *rw, ehp_date entry, ehp_person *p)
{
	ehp_table *t = &rw->t[EHP_PEOPLE_FILE];
	csv_span born, flags;
	born.s = ehp_cell(t, rw->c_born, &born.n);
	flags.s = ehp_cell(t, rw->c_flags, &flags.n);
	if (!person_of_cells(rw, t, born, flags, entry, p))
		return false;
	p->line = (uint32_t)ehp_table_line(t);
	p->file = (uint8_t)ehp_table_file(t);
	return true;
}

bool ehp_row_person_cells(const ehp_rows *rw, const csv_span *cell, ehp_date entry, ehp_person *p)
{
	return person_of_cells(rw, NULL, cell[EHP_PER_BORN], cell[EHP_PER_FLAGS], entry, p);
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

/* A figure that is not digits alone: read in full (values.h), rejected
 * when it is no figure, or negative where it cannot be. Out of line, so
 * that number_cell is small enough to be inlined. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool figure_in_full(ehp_table *t, const char *s, size_t n, const char *name, unsigned allow,
                           bool allow_negative, double *out, bool *percent)
{
	const char *bad;
	if (!ehp_value_number(s, n, allow, out, percent, &bad))
		return refuse(t, name, bad);
	if (!allow_negative && *out < 0)
		return refuse(t, name, "negative");
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
	return figure_in_full(t, c.s, c.n, name, allow, allow_negative, out, percent);
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
		return refuse(t, "value", "more than the total");
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
		return refuse(t, "type", ty.n ? "unknown record type (see docs/data-dictionary.md)" : "empty");
	r->type = (uint16_t)type;
	const char *bad;
	r->date = ehp_date_of(cell[EHP_REC_DATE].s, cell[EHP_REC_DATE].n, &bad);
	if (bad || r->date == EHP_NO_DATE)
		return refuse(t, "date", bad ? bad : "empty");
	/* Nothing happens to someone before they are born: a record that says
	 * so has a wrong date, or names the wrong person. */
	if (born != EHP_NO_DATE && r->date < born)
		return refuse(t, "date", "before the person's date of birth");
	r->end = ehp_date_of(cell[EHP_REC_END].s, cell[EHP_REC_END].n, &bad);
	if (bad)
		return refuse(t, "end_date", bad);
	if (r->end != EHP_NO_DATE && r->end < r->date)
		return refuse(t, "end_date", "before the record's date");
	if (!record_figures(t, cell, ehp_types[type].unit, r))
		return false;
	/* Most records have no detail and no author: the vocabulary's first
	 * detail and role are "", nothing recorded. */
	csv_span det = cell[EHP_REC_DETAIL], au = cell[EHP_REC_AUTHOR];
	int detail = det.n ? ehp_name_index_find(&rw->details, det.s, det.n) : 0;
	if (detail < 0)
		return refuse(t, "detail", "unknown detail (see docs/data-dictionary.md)");
	r->detail = (uint16_t)detail;
	int role = au.n ? ehp_name_index_find(&rw->roles, au.s, au.n) : 0;
	if (role < 0) /* written with spaces or hyphens: `Social Worker` */
		role = ehp_role_lookup(au.s, au.n);
	if (role < 0)
		return refuse(t, "author", "unknown role (see docs/data-dictionary.md)");
	r->author = ehp_role_names[role]; /* the vocabulary's own string: nothing to keep */
	if (r->end == EHP_NO_DATE && ehp_types[type].unit == EHP_UNIT_SESSIONS) {
		/* A term's figure exported with only the term's first day covers
		 * that term, not every day after it. */
		const ehp_term *term = ehp_term_containing(rw->cal ? rw->cal : ehp_calendar_england(), r->date);
		if (!term)
			return refuse(t, "date", "not in a school term: give the term's end_date");
		r->end = term->end;
	}
	if (r->end == EHP_NO_DATE && ehp_types[type].kind == EHP_STATE)
		r->end = EHP_FOREVER;
	return true;
}

bool ehp_row_record(ehp_rows *rw, ehp_date born, ehp_record *r)
{
	ehp_table *t = &rw->t[EHP_RECORDS_FILE];
	csv_span cell[EHP_REC_SLOTS];
	cell[EHP_REC_TYPE].s = ehp_cell(t, rw->c_type, &cell[EHP_REC_TYPE].n);
	cell[EHP_REC_DATE].s = ehp_cell(t, rw->c_date, &cell[EHP_REC_DATE].n);
	cell[EHP_REC_END].s = ehp_cell(t, rw->c_end, &cell[EHP_REC_END].n);
	cell[EHP_REC_VALUE].s = ehp_cell(t, rw->c_value, &cell[EHP_REC_VALUE].n);
	cell[EHP_REC_TOTAL].s = ehp_cell(t, rw->c_total, &cell[EHP_REC_TOTAL].n);
	cell[EHP_REC_SCORE].s = ehp_cell(t, rw->c_score, &cell[EHP_REC_SCORE].n);
	cell[EHP_REC_DETAIL].s = ehp_cell(t, rw->c_detail, &cell[EHP_REC_DETAIL].n);
	cell[EHP_REC_AUTHOR].s = ehp_cell(t, rw->c_author, &cell[EHP_REC_AUTHOR].n);
	r->line = (uint32_t)ehp_table_line(t);
	r->file = (uint8_t)ehp_table_file(t);
	return record_of_cells(rw, t, cell, born, r);
}

bool ehp_row_record_cells(const ehp_rows *rw, const csv_span *cell, ehp_date born, ehp_record *r)
{
	return record_of_cells(rw, NULL, cell, born, r);
}

int ehp_str_cmp_bytes(ehp_str a, ehp_str b)
{
	int c = memcmp(a.s, b.s, a.n < b.n ? a.n : b.n);
	if (c)
		return c;
	return a.n < b.n ? -1 : a.n > b.n;
}
