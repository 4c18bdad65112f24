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
		return rw->c_person[file] < 0 || rw->c_family[file] < 0 || rw->c_born < 0 || rw->c_flags < -1 ? -1 : 0;
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
static bool parse_flags(const ehp_rows *rw, const char *fs, size_t n, uint32_t *flags)
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

bool ehp_row_person(ehp_rows *rw, ehp_date entry, ehp_person *p)
{
	ehp_table *t = &rw->t[EHP_PEOPLE_FILE];
	const char *bad;
	ehp_date born = ehp_cell_date(t, rw->c_born, &bad);
	if (bad || born == EHP_NO_DATE) {
		ehp_table_reject(t, "date_of_birth", bad ? bad : "empty");
		return false;
	}
	if (entry != EHP_NO_DATE && born > entry) {
		/* An unborn child is recorded as the parent's expectant_parent flag. */
		ehp_table_reject(t, "date_of_birth", "after the family's point of entry");
		return false;
	}
	size_t n;
	const char *fs = ehp_cell(t, rw->c_flags, &n);
	uint32_t flags;
	if (!parse_flags(rw, fs, n, &flags)) {
		ehp_table_reject(t, "flags", "unknown flag (see docs/data-dictionary.md)");
		return false;
	}
	*p = (ehp_person){ .born = born, .flags = flags, .line = (uint32_t)ehp_table_line(t),
	                   .file = (uint8_t)ehp_table_file(t) };
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
	if (!ehp_value_number(s, n, allow, out, percent, &bad)) {
		ehp_table_reject(t, name, bad);
		return false;
	}
	if (!allow_negative && *out < 0) {
		ehp_table_reject(t, name, "negative");
		return false;
	}
	return true;
}

static inline bool number_cell(ehp_table *t, int col, const char *name, unsigned allow, bool allow_negative,
                               double *out, bool *percent)
{
	size_t n;
	const char *s = ehp_cell(t, col, &n);
	*percent = false;
	if (!n) { /* most figures of most records: none given */
		*out = NAN;
		return true;
	}
	if (whole_number(s, n, out))
		return true;
	return figure_in_full(t, s, n, name, allow, allow_negative, out, percent);
}

/* A record's figures: value (with `£` for pounds, or as a percentage of
 * the total for sessions: `92%` is 92 of 100 sessions when no total is
 * given), total and score. */
static bool record_figures(ehp_rows *rw, ehp_table *t, ehp_value_unit unit, ehp_record *r)
{
	bool pct, no_pct;
	unsigned allow = unit == EHP_UNIT_MONEY ? EHP_NUM_POUNDS : unit == EHP_UNIT_SESSIONS ? EHP_NUM_PERCENT : 0;
	if (!number_cell(t, rw->c_value, "value", allow, false, &r->value, &pct) ||
	    !number_cell(t, rw->c_total, "total", 0, false, &r->total, &no_pct) ||
	    !number_cell(t, rw->c_score, "score", 0, true, &r->score, &no_pct))
		return false;
	if (pct) {
		if (isnan(r->total))
			r->total = 100;
		else
			r->value = r->total * r->value / 100;
	}
	if (!isnan(r->value) && !isnan(r->total) && r->value > r->total) {
		ehp_table_reject(t, "value", "more than the total");
		return false;
	}
	return true;
}

bool ehp_row_record(ehp_rows *rw, ehp_date born, ehp_record *r)
{
	ehp_table *t = &rw->t[EHP_RECORDS_FILE];
	size_t n;
	const char *ty = ehp_cell(t, rw->c_type, &n);
	int type = ehp_name_index_find(&rw->types, ty, n);
	if (type < 0) {
		ehp_table_reject(t, "type", n ? "unknown record type (see docs/data-dictionary.md)" : "empty");
		return false;
	}
	r->type = (uint16_t)type;
	r->line = (uint32_t)ehp_table_line(t);
	r->file = (uint8_t)ehp_table_file(t);
	const char *bad;
	r->date = ehp_cell_date(t, rw->c_date, &bad);
	if (bad || r->date == EHP_NO_DATE) {
		ehp_table_reject(t, "date", bad ? bad : "empty");
		return false;
	}
	/* Nothing happens to someone before they are born: a record that says
	 * so has a wrong date, or names the wrong person. */
	if (born != EHP_NO_DATE && r->date < born) {
		ehp_table_reject(t, "date", "before the person's date of birth");
		return false;
	}
	r->end = ehp_cell_date(t, rw->c_end, &bad);
	if (bad) {
		ehp_table_reject(t, "end_date", bad);
		return false;
	}
	if (r->end != EHP_NO_DATE && r->end < r->date) {
		ehp_table_reject(t, "end_date", "before the record's date");
		return false;
	}
	if (!record_figures(rw, t, ehp_types[type].unit, r))
		return false;
	/* Most records have no detail and no author: the vocabulary's first
	 * detail and role are "", nothing recorded. */
	const char *det = ehp_cell(t, rw->c_detail, &n);
	int detail = n ? ehp_name_index_find(&rw->details, det, n) : 0;
	if (detail < 0) {
		ehp_table_reject(t, "detail", "unknown detail (see docs/data-dictionary.md)");
		return false;
	}
	r->detail = (uint16_t)detail;
	const char *au = ehp_cell(t, rw->c_author, &n);
	int role = n ? ehp_name_index_find(&rw->roles, au, n) : 0;
	if (role < 0) /* written with spaces or hyphens: `Social Worker` */
		role = ehp_role_lookup(au, n);
	if (role < 0) {
		ehp_table_reject(t, "author", "unknown role (see docs/data-dictionary.md)");
		return false;
	}
	r->author = ehp_role_names[role]; /* the vocabulary's own string: nothing to keep */
	if (r->end == EHP_NO_DATE && ehp_types[type].unit == EHP_UNIT_SESSIONS) {
		/* A term's figure exported with only the term's first day covers
		 * that term, not every day after it. */
		const ehp_term *term = ehp_term_containing(rw->cal ? rw->cal : ehp_calendar_england(), r->date);
		if (!term) {
			ehp_table_reject(t, "date", "not in a school term: give the term's end_date");
			return false;
		}
		r->end = term->end;
	}
	if (r->end == EHP_NO_DATE && ehp_types[type].kind == EHP_STATE)
		r->end = EHP_FOREVER;
	return true;
}

int ehp_str_cmp(ehp_str a, ehp_str b)
{
	int c = memcmp(a.s, b.s, a.n < b.n ? a.n : b.n);
	if (c)
		return c;
	return a.n < b.n ? -1 : a.n > b.n;
}
