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
#include "row_checks.h"

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

static void family_slots(ehp_rows *rw, size_t n_header)
{
	const int col[] = { [EHP_FAM_FAMILY] = rw->c_family[EHP_FAMILIES_FILE], [EHP_FAM_ENTRY] = rw->c_entry,
		            [EHP_FAM_CLOSURE] = rw->c_closure };
	rw->fam_plain = cell_slots(rw->fam_slot, n_header, col, EHP_FAM_OTHER, &rw->fam_full);
}

int ehp_rows_columns(ehp_rows *rw, int file, char *err, size_t errlen)
{
	ehp_table *t = &rw->t[file];
	if (file == EHP_FAMILIES_FILE) {
		rw->c_family[file] = ehp_table_column(t, "family_id", true, err, errlen);
		rw->c_entry = ehp_table_column(t, "entry_date", true, err, errlen);
		rw->c_closure = ehp_table_column(t, "closure_date", false, err, errlen);
		if (rw->c_family[file] < 0 || rw->c_entry < 0 || rw->c_closure < -1)
			return -1;
		family_slots(rw, t->n_header);
		return 0;
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
	csv_span e, c;
	e.s = ehp_cell(t, rw->c_entry, &e.n);
	c.s = ehp_cell(t, rw->c_closure, &c.n);
	return family_dates_of_cells(t, e, c, entry, closure);
}

/* Rejects the current row of t, unless t is NULL (ehp_row_person_cells,
 * ehp_row_record_cells: the row is read again to be rejected). Always
 * false. */
bool ehp_row_refuse(ehp_table *t, const char *field, const char *reason)
{
	if (t)
		ehp_table_reject(t, field, reason);
	return false;
}

/* A figure that is not digits alone: read in full (values.h), rejected
 * when it is no figure, or negative where it cannot be. Out of line, so
 * that number_cell is small enough to be inlined. */
bool ehp_row_figure_in_full(ehp_table *t, const char *s, size_t n, const char *name, unsigned allow,
                           bool allow_negative, double *out, bool *percent)
{
	const char *bad;
	if (!ehp_value_number(s, n, allow, out, percent, &bad))
		return ehp_row_refuse(t, name, bad);
	if (!allow_negative && *out < 0)
		return ehp_row_refuse(t, name, "negative");
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

int ehp_str_cmp_bytes(ehp_str a, ehp_str b)
{
	int c = memcmp(a.s, b.s, a.n < b.n ? a.n : b.n);
	if (c)
		return c;
	return a.n < b.n ? -1 : a.n > b.n;
}
