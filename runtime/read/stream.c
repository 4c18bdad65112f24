/*
 * stream.c - the extract read a family at a time, when all three files
 * are sorted by family_id: a family's people and records follow its row,
 * so memory holds one family, not the extract. A row out of order ends
 * the stream (EHP_READ_RESTART) and reader.c reads again, grouped.
 */
#include "csv_plain.h"
#include "reader_internal.h"
#include "row_checks.h"

/* Whether family_id f may come next in file i: never before the one taken
 * last (an unsorted file). Remembers f. Inline: stream.c asks it at each
 * family's first look at the families file, where the call cost about a
 * third of it; take_rows calls it (inline there, it cost the loop 1.4 M
 * more at 10k: callgrind, docs/performance.md). */
ALWAYS_INLINE bool in_order(ehp_reader *rd, int i, ehp_str f)
{
	ehp_str last = { rd->last[i], rd->last_n[i] };
	if (rd->have_last[i] && ehp_str_eq(f, last))
		return true; /* the same family as the row before: most rows */
	if (rd->have_last[i] && ehp_str_cmp(f, last) < 0)
		return false;
	rd->last[i] = ehp_reserve_inline(rd->last[i], &rd->last_cap[i], f.n + 1, 1); /* once a family a file */
	if (f.n - 8 <= 8) { /* most ids: two overlapping words, no call */
		uint64_t head, tail;
		memcpy(&head, f.s, 8);
		memcpy(&tail, f.s + f.n - 8, 8);
		memcpy(rd->last[i], &head, 8);
		memcpy(rd->last[i] + f.n - 8, &tail, 8);
	} else {
		memcpy(rd->last[i], f.s, f.n);
	}
	rd->last_n[i] = f.n;
	rd->have_last[i] = true;
	return true;
}

bool ehp_stream_in_order(ehp_reader *rd, int i, ehp_str f)
{
	return in_order(rd, i, f);
}

/* The people of the family being read, by id: a scan while it is small, a
 * hash map once it is not (a family of thousands costs no more per row). */
enum { SCAN_LIMIT = 16 };

#if defined(__GNUC__)
__attribute__((always_inline))
#endif
static inline size_t find_id_inline(ehp_reader *rd, ehp_str id)
{
	if (rd->n_ids > SCAN_LIMIT)
		return ehp_idmap_get(&rd->id_map, id.s, id.n);
	if (id.n <= EHP_KEY_INLINE) { /* compared as two words and a length, no load through a pointer */
		ehp_key w = ehp_key_of(id.s, id.n);
		const ehp_family_id *ids = rd->ids;
		/* the last word first: a family's ids most often differ at their end (P000000004, P000000005) */
		for (size_t k = 0, n = rd->n_ids; k < n; k++)
			if (ids[k].key.w[1] == w.w[1] && ids[k].key.w[0] == w.w[0] && ids[k].id.n == id.n)
				return ids[k].index;
		return EHP_IDMAP_NONE;
	}
	for (size_t k = 0; k < rd->n_ids; k++)
		if (ehp_str_eq(rd->ids[k].id, id))
			return rd->ids[k].index;
	return EHP_IDMAP_NONE;
}

static size_t find_id(ehp_reader *rd, ehp_str id)
{
	return find_id_inline(rd, id);
}

/* add_id's id put in the hash map too, once the family has more people
 * than a scan is good for (all of them when it first has). */
static void add_id_mapped(ehp_reader *rd, ehp_str id, size_t index)
{
	if (rd->n_ids == SCAN_LIMIT + 1)
		for (size_t k = 0; k < rd->n_ids; k++)
			ehp_idmap_put(&rd->id_map, rd->ids[k].id.s, rd->ids[k].index);
	else
		ehp_idmap_put(&rd->id_map, id.s, index);
}

/* id must stay in place (kept in a batch or dropped_ids). Inline: once a
 * person taken. */
ALWAYS_INLINE void add_id(ehp_reader *rd, ehp_str id, size_t index)
{
	rd->ids = ehp_reserve_inline(rd->ids, &rd->cap_ids, rd->n_ids + 1, sizeof *rd->ids);
	rd->ids[rd->n_ids++] = (ehp_family_id){ .key = ehp_key_of(id.s, id.n), .id = id, .index = index };
	if (rd->n_ids > SCAN_LIMIT)
		add_id_mapped(rd, id, index);
}

void ehp_stream_forget_ids(ehp_reader *rd)
{
	if (rd->n_ids > SCAN_LIMIT)
		ehp_idmap_free(&rd->id_map);
	rd->n_ids = 0;
	ehp_text_reset(&rd->dropped_ids);
}

static void drop_id(ehp_reader *rd, ehp_str id)
{
	if (id.n && find_id(rd, id) == EHP_IDMAP_NONE)
		add_id(rd, (ehp_str){ ehp_text_keep(&rd->dropped_ids, id.s, id.n), id.n }, DROPPED);
}

/* One people row of family fi (the current row of the people file). */
static void take_person(ehp_reader *rd, ehp_batch *b, size_t fi)
{
	ehp_table *t = &rd->rw.t[PEOPLE];
	ehp_batch_family *bf = &b->families[fi];
	ehp_str id = ehp_row_person_id(&rd->rw, PEOPLE);
	bf->no_members = false; /* a row names it, whatever becomes of the row */
	if (t->bad) {
		ehp_table_reject(t, "row", t->bad);
		drop_id(rd, id);
		ehp_family_reject(bf, t);
		return;
	}
	if (!id.n) {
		ehp_table_reject(t, "person_id", "empty");
		ehp_family_reject(bf, t);
		return;
	}
	/* Whichever of two rows is right cannot be told, so neither wins: not
	 * even when the first was itself rejected. */
	if (find_id(rd, id) != EHP_IDMAP_NONE) {
		ehp_table_reject(t, "person_id", "duplicate person id");
		ehp_family_reject(bf, t);
		return;
	}
	ehp_person p;
	if (!ehp_row_person(&rd->rw, bf->entry, &p)) {
		drop_id(rd, id);
		ehp_family_reject(bf, t);
		return;
	}
	p.id = ehp_text_keep_inline(&b->text, id.s, id.n);
	add_id(rd, (ehp_str){ p.id, id.n }, bf->n_people++);
	ehp_batch_push_person(b, &p);
}

/* One records row of family fi. */
static void take_record(ehp_reader *rd, ehp_batch *b, size_t fi)
{
	ehp_table *t = &rd->rw.t[RECORDS];
	ehp_batch_family *bf = &b->families[fi];
	if (t->bad) {
		ehp_table_reject(t, "row", t->bad);
		ehp_family_reject(bf, t);
		return;
	}
	/* read into the batch's next slot, kept only when the row is */
	b->records = ehp_reserve_inline(b->records, &b->cap_records, b->n_records + 1, sizeof *b->records);
	ehp_record *r = &b->records[b->n_records];
	*r = (ehp_record){ .person = EHP_HOUSEHOLD };
	ehp_date born = EHP_NO_DATE;
	ehp_str id = ehp_row_person_id(&rd->rw, RECORDS);
	if (id.n) {
		size_t k = find_id(rd, id);
		if (k == EHP_IDMAP_NONE || k == DROPPED) {
			/* A person whose own row was rejected is known, not unknown: say
			 * so, or one bad date reads as many missing people. */
			ehp_table_reject(t, "person_id", k == DROPPED ? DROPPED_PERSON : UNKNOWN_PERSON);
			ehp_family_reject(bf, t);
			return;
		}
		r->person = (int32_t)k;
		born = b->people[bf->people + k].born;
	}
	if (!ehp_row_record(&rd->rw, born, r)) {
		ehp_family_reject(bf, t);
		return;
	}
	if (!ehp_rows_keeps(&rd->rw, r->type))
		return;
	b->n_records++;
	bf->n_records++;
}

/* What take_plain_person and take_plain_record say of a row: TAKEN;
 * LATER, the common row of a later family, left for it (its cells kept);
 * UNSURE, for take_rows to read as ever. FAMS: split_fams_row's, a row
 * of the family being read, not yet taken. */
enum { TAKEN, LATER, UNSURE, FAMS };

_Static_assert((int)EHP_PER_OTHER <= (int)EHP_REC_OTHER && (int)EHP_FAM_OTHER <= (int)EHP_REC_OTHER,
               "ehp_kept_row holds a people or families row's cells");

/* What reading a file's rows in one pass needs, found once a family (not
 * loaded again a row). */
typedef struct {
	const unsigned char *slot; /* for csv_plain_cells: NULL, the header in the cells' order */
	size_t n;                  /* the header's columns */
	size_t kept_cells;         /* the cells a kept row keeps: the file's cells of use */
} plain_rows;

/* csv_plain_cells, or one of its ways inline (csv_plain.h): take_rows's
 * loop is compiled once a way, each with its own inline (take_rows). */
typedef size_t split_fn(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell);

/* The row of file i at its reader's position split (split: csv_plain_cells
 * or a way of it), or the one split before and kept (keep_row), as it is
 * still there, which is then forgotten: where the next row starts, or 0
 * for a row not of the common kind. */
ALWAYS_INLINE size_t split_row(ehp_reader *rd, int i, const plain_rows *pr, const csv_reader *r, csv_span *cell,
                               split_fn *split)
{
	ehp_kept_row *k = &rd->kept[i];
	bool kept = k->next && k->buf == r->buf && k->at == r->pos && k->line == r->next_line;
	size_t next = kept ? k->next : 0;
	k->next = 0;
	if (kept) {
		memcpy(cell, k->cell, pr->kept_cells * sizeof *cell);
		return next;
	}
	return split(r, pr->slot, pr->n, cell);
}

/* Keeps the row of file i at its reader's position, split, for the next
 * family's first look (split_row). */
static inline void keep_row(ehp_reader *rd, int i, const plain_rows *pr, const csv_reader *r, const csv_span *cell,
                            size_t next)
{
	ehp_kept_row *k = &rd->kept[i];
	memcpy(k->cell, cell, pr->kept_cells * sizeof *cell);
	k->buf = r->buf;
	k->at = r->pos;
	k->line = r->next_line;
	k->next = next;
}

/* The row of file i (people or records) at its reader's position split,
 * its family_id the cell c_family: FAMS, a row of fam (its first in
 * order, as take_rows checks it, and remembered: fam_last), *next where
 * the next row starts; LATER, a later family's, its cells kept for that
 * family (split_row); UNSURE, for take_rows to read (not the common row,
 * an empty family_id or an earlier one: rejected there). */
ALWAYS_INLINE int split_fams_row(ehp_reader *rd, int i, const plain_rows *pr, ehp_str fam, int c_family,
                                 bool *fam_last, csv_span *cell, size_t *next, split_fn *split)
{
	const csv_reader *r = &rd->rw.t[i].csv;
	*next = split_row(rd, i, pr, r, cell, split);
	if (!*next)
		return UNSURE;
	ehp_str f = { cell[c_family].s, cell[c_family].n };
	if (!ehp_str_eq(f, fam)) {
		if (!f.n || ehp_str_cmp(f, fam) <= 0)
			return UNSURE;
		keep_row(rd, i, pr, r, cell, *next);
		return LATER;
	}
	if (!*fam_last) {
		if (!ehp_stream_in_order(rd, i, fam))
			return UNSURE;
		*fam_last = true;
	}
	return FAMS;
}

/* A people row of family fam (fi in b) taken in one pass, as
 * take_plain_record takes a records row: TAKEN, a new person with every
 * check passed; LATER, the common row of a later family, left for it
 * (family_id is not the first column of people.csv, so it is not told
 * before it is split: its cells are kept for the next family); UNSURE,
 * for take_person to read (a row not of the common kind, an empty or
 * duplicate id, a problem). */
ALWAYS_INLINE int take_plain_person(ehp_reader *rd, const plain_rows *pr, ehp_batch *b, size_t fi, ehp_str fam,
                                    bool *fam_last, csv_span *cell, split_fn *split)
{
	ehp_table *t = &rd->rw.t[PEOPLE];
	size_t next;
	int whose = split_fams_row(rd, PEOPLE, pr, fam, EHP_PER_FAMILY, fam_last, cell, &next, split);
	if (whose != FAMS)
		return whose;
	ehp_batch_family *bf = &b->families[fi];
	ehp_str id = { cell[EHP_PER_PERSON].s, cell[EHP_PER_PERSON].n };
	ehp_person p;
	if (!id.n || find_id_inline(rd, id) != EHP_IDMAP_NONE || !ehp_row_person_cells(&rd->rw, cell, bf->entry, &p))
		return UNSURE;
	p.line = (uint32_t)t->csv.next_line;
	p.file = 0;
	csv_pass_plain(&t->csv, next);
	t->rows++;
	bf->no_members = false;
	p.id = ehp_text_keep_inline(&b->text, id.s, id.n);
	add_id(rd, (ehp_str){ p.id, id.n }, bf->n_people++);
	ehp_batch_push_person(b, &p);
	return TAKEN;
}

/* A records row of family fam (fi in b) taken in one pass: split into its
 * cells by the header's slots (csv_plain_cells) and made a record, with no
 * row made current: TAKEN, a record with every check passed (or one of a
 * type the plan leaves, checked); LATER, the common row of a later family,
 * left for it (its cells kept); UNSURE for anything else, having changed
 * nothing but the batch's next slot and what in_order remembers (fam,
 * taken as take_rows would), and the row is read as ever (take_record),
 * which rejects it for the same reasons. To be taken it must be the common
 * row (one line, no quote, nothing to trim, as many fields as the header),
 * of fam, name a person kept (or none), and pass every check. fam_last:
 * as take_rows keeps it. cell: the cells by slot, those of columns the
 * file has not left empty. */
ALWAYS_INLINE int take_plain_record(ehp_reader *rd, const plain_rows *pr, ehp_batch *b, size_t fi, ehp_str fam,
                                    bool *fam_last, csv_span *cell, split_fn *split)
{
	ehp_table *t = &rd->rw.t[RECORDS];
	size_t next;
	int whose = split_fams_row(rd, RECORDS, pr, fam, EHP_REC_FAMILY, fam_last, cell, &next, split);
	if (whose != FAMS)
		return whose;
	ehp_batch_family *bf = &b->families[fi];
	b->records = ehp_reserve_inline(b->records, &b->cap_records, b->n_records + 1, sizeof *b->records);
	ehp_record *r = &b->records[b->n_records];
	r->person = EHP_HOUSEHOLD; /* the rest is the record's cells' (ehp_row_record_cells) */
	r->line = (uint32_t)t->csv.next_line;
	r->file = 0;
	ehp_date born = EHP_NO_DATE;
	ehp_str id = { cell[EHP_REC_PERSON].s, cell[EHP_REC_PERSON].n };
	if (id.n) {
		size_t k = find_id_inline(rd, id);
		if (k == EHP_IDMAP_NONE || k == DROPPED)
			return UNSURE;
		r->person = (int32_t)k;
		born = b->people[bf->people + k].born;
	}
	if (!ehp_row_record_cells(&rd->rw, cell, born, r))
		return UNSURE;
	csv_pass_plain(&t->csv, next);
	t->rows++;
	if (ehp_rows_keeps(&rd->rw, r->type)) {
		b->n_records++;
		bf->n_records++;
	}
	return TAKEN;
}

typedef void (*take_fn)(ehp_reader *rd, ehp_batch *b, size_t fi);

/* The rows of file i that belong to family `fam` (fi in b; fam.s NULL:
 * past the last family, so every row left is of an unknown family). False
 * when the file turns out not to be sorted. split: a way of
 * csv_plain_cells, inline (take_rows). */
ALWAYS_INLINE bool take_rows_with(ehp_reader *rd, int i, ehp_batch *b, size_t fi, ehp_str fam, take_fn take,
                                  split_fn *split)
{
	ehp_table *t = &rd->rw.t[i];
	bool fam_last = false; /* fam is the family_id in_order took last from file i */
	/* rows in one pass: not a mapping's table, whose rows say where they came from */
	bool plain = i != FAM && fam.s && (i == RECORDS ? rd->rw.rec_plain : rd->rw.per_plain) && !t->origins;
	csv_span cell[CSV_MAX_CELLS + 64]; /* csv_plain_cells's room, with the slots in order */
	if (plain && !(i == RECORDS ? rd->rw.rec_full : rd->rw.per_full)) /* cells no column fills: empty */
		for (int k = 0; k < (i == RECORDS ? EHP_REC_OTHER : EHP_PER_OTHER); k++)
			cell[k] = (csv_span){ "", 0 };
	plain_rows pr = { 0 };
	if (plain)
		pr = (plain_rows){ .slot = i == PEOPLE ? rd->rw.per_slot : rd->rw.rec_in_order ? NULL : rd->rw.rec_slot,
			           .n = t->n_header, .kept_cells = i == PEOPLE ? EHP_PER_OTHER : EHP_REC_OTHER };
	for (;;) {
		if (plain && !t->have) {
			int took = i == PEOPLE ? take_plain_person(rd, &pr, b, fi, fam, &fam_last, cell, split)
			                       : take_plain_record(rd, &pr, b, fi, fam, &fam_last, cell, split);
			if (took == LATER)
				return true;
			if (took == TAKEN)
				continue;
		}
		if (!ehp_table_peek(t))
			break;
		ehp_str f = ehp_row_family_id(&rd->rw, i);
		if (!f.n) {
			ehp_reject_unplaced(t, "empty");
			ehp_table_consume(t);
			continue;
		}
		bool same = fam.s && ehp_str_eq(f, fam);
		if (same && fam_last) { /* most rows: nothing to check or remember */
			take(rd, b, fi);
			ehp_table_consume(t);
			continue;
		}
		int c = same ? 0 : !fam.s ? -1 : ehp_str_cmp(f, fam);
		if (c > 0)
			return true; /* a later family's */
		if (!ehp_stream_in_order(rd, i, f))
			return false;
		fam_last = same;
		if (c < 0)
			ehp_reject_unplaced(t, UNKNOWN_FAMILY);
		else
			take(rd, b, fi);
		ehp_table_consume(t);
	}
	return true;
}

/* take_rows_with compiled once a way of splitting, each with its way
 * inline; take_rows runs the one the file's reader chose when it opened
 * (csv_plain_wide). */
static bool take_rows_any(ehp_reader *rd, int i, ehp_batch *b, size_t fi, ehp_str fam, take_fn take)
{
	return take_rows_with(rd, i, b, fi, fam, take, csv_plain_cells_any_inline);
}

#if CSV_WIDE
WIDE_TARGET static bool take_rows_wide(ehp_reader *rd, int i, ehp_batch *b, size_t fi, ehp_str fam, take_fn take)
{
	return take_rows_with(rd, i, b, fi, fam, take, csv_plain_cells_wide_inline);
}
#endif

static bool take_rows(ehp_reader *rd, int i, ehp_batch *b, size_t fi, ehp_str fam, take_fn take)
{
#if CSV_WIDE
	if (rd->rw.t[i].csv.wide)
		return take_rows_wide(rd, i, b, fi, fam, take);
#endif
	return take_rows_any(rd, i, b, fi, fam, take);
}

/* The families file's rows in one pass: its slots, when its rows may be
 * read so (not a mapping's table) and none is current; cell's cells no
 * column fills made empty. False: read them as ever. */
static bool plain_families(ehp_reader *rd, plain_rows *pr, csv_span *cell)
{
	const ehp_table *ft = &rd->rw.t[FAM];
	if (!rd->rw.fam_plain || ft->origins || ft->have)
		return false;
	if (!rd->rw.fam_full)
		for (int k = 0; k < EHP_FAM_OTHER; k++)
			cell[k] = (csv_span){ "", 0 };
	*pr = (plain_rows){ .slot = rd->rw.fam_slot, .n = ft->n_header, .kept_cells = EHP_FAM_OTHER };
	return true;
}

/* The families row at the reader's position taken in one pass: the common
 * row, with a family_id, dates with no problem, in order: true with the
 * family pushed into b (*fi, its id *id), as ehp_stream_family takes it.
 * False for any other row, having changed nothing: read as ever, it is
 * rejected, or ends the stream, as before. split: a way of
 * csv_plain_cells, inline (ehp_stream_family). */
ALWAYS_INLINE bool take_plain_family(ehp_reader *rd, ehp_batch *b, size_t *fi, ehp_str *id, split_fn *split)
{
	ehp_table *ft = &rd->rw.t[FAM];
	plain_rows pr;
	csv_span cell[CSV_MAX_CELLS + 64];
	if (!plain_families(rd, &pr, cell))
		return false;
	size_t next = split_row(rd, FAM, &pr, &ft->csv, cell, split);
	if (!next)
		return false;
	ehp_date entry, closure;
	*id = (ehp_str){ cell[EHP_FAM_FAMILY].s, cell[EHP_FAM_FAMILY].n };
	if (!id->n || !ehp_row_family_dates_cells(cell, &entry, &closure) || !in_order(rd, FAM, *id))
		return false;
	*fi = ehp_batch_push_family(b);
	ehp_batch_family *bf = &b->families[*fi];
	bf->id = ehp_text_keep_inline(&b->text, id->s, id->n);
	bf->line = (uint32_t)ft->csv.next_line;
	bf->file = 0;
	bf->entry = entry;
	bf->closure = closure;
	csv_pass_plain(&ft->csv, next);
	ft->rows++;
	return true;
}

/* After family fam: whether the next families row is the common row of
 * another family (not a duplicate row of fam, nor one without an id),
 * split and kept for the next family's first look. False: look at it as
 * ever. */
ALWAYS_INLINE bool next_family_plain(ehp_reader *rd, ehp_str fam, split_fn *split)
{
	ehp_table *ft = &rd->rw.t[FAM];
	plain_rows pr;
	csv_span cell[CSV_MAX_CELLS + 64];
	if (!plain_families(rd, &pr, cell))
		return false;
	size_t next = split(&ft->csv, pr.slot, pr.n, cell);
	if (!next)
		return false;
	ehp_str id = { cell[EHP_FAM_FAMILY].s, cell[EHP_FAM_FAMILY].n };
	if (!id.n || ehp_str_eq(id, fam))
		return false;
	keep_row(rd, FAM, &pr, &ft->csv, cell, next);
	return true;
}

/* Family fi of b (its id of n bytes), its row taken: its people's and
 * records' rows, then any row of the families file that repeats its id.
 * EHP_READ_MORE, or EHP_READ_RESTART when a file is out of order. */
ALWAYS_INLINE int take_family_rows(ehp_reader *rd, ehp_batch *b, size_t fi, size_t n, split_fn *split)
{
	ehp_table *ft = &rd->rw.t[FAM];
	ehp_batch_family *bf = &b->families[fi];
	ehp_str fam = { bf->id, n };
	bf->no_members = true; /* until a people row names it */
	ehp_stream_forget_ids(rd);
	bool sorted = take_rows(rd, PEOPLE, b, fi, fam, take_person) && take_rows(rd, RECORDS, b, fi, fam, take_record);
	if (!sorted)
		return EHP_READ_RESTART;
	if (next_family_plain(rd, fam, split))
		return EHP_READ_MORE;
	/* The same family_id again, straight after: a duplicate row. */
	while (ehp_table_peek(ft)) {
		ehp_str again = ehp_row_family_id(&rd->rw, FAM);
		if (again.n && !ehp_str_eq(again, fam))
			break;
		if (!again.n) {
			ehp_reject_unplaced(ft, "empty");
		} else {
			if (ft->bad)
				ehp_table_reject(ft, "row", ft->bad);
			else
				ehp_table_reject(ft, "family_id", "duplicate family id");
			ehp_family_reject(&b->families[fi], ft);
		}
		ehp_table_consume(ft);
	}
	return EHP_READ_MORE;
}

/* ehp_stream_family with split, a way of csv_plain_cells, inline for the
 * families file's rows (the people's and records' choose their own:
 * take_rows). */
ALWAYS_INLINE int stream_family_with(ehp_reader *rd, ehp_batch *b, split_fn *split)
{
	ehp_table *ft = &rd->rw.t[FAM];
	ehp_str id;
	size_t fi;
	if (take_plain_family(rd, b, &fi, &id, split))
		return take_family_rows(rd, b, fi, id.n, split);
	for (;;) {
		if (!ehp_table_peek(ft)) {
			ehp_str none = { NULL, 0 };
			if (!take_rows(rd, PEOPLE, b, 0, none, take_person) || !take_rows(rd, RECORDS, b, 0, none, take_record))
				return EHP_READ_RESTART;
			return EHP_READ_END;
		}
		id = ehp_row_family_id(&rd->rw, FAM);
		if (id.n)
			break;
		ehp_reject_unplaced(ft, "empty");
		ehp_table_consume(ft);
	}
	if (!in_order(rd, FAM, id))
		return EHP_READ_RESTART;
	fi = ehp_batch_push_family(b);
	ehp_batch_family *bf = &b->families[fi];
	bf->id = ehp_text_keep_inline(&b->text, id.s, id.n);
	bf->line = (uint32_t)ehp_table_line(ft);
	bf->file = (uint8_t)ehp_table_file(ft);
	if (ft->bad) { /* kept, with no dates and flagged, so its rows are read */
		ehp_table_reject(ft, "row", ft->bad);
		ehp_family_reject(bf, ft);
	} else if (ehp_row_family_dates(&rd->rw, &bf->entry, &bf->closure)) {
		ehp_family_reject(bf, ft);
	}
	ehp_table_consume(ft);
	return take_family_rows(rd, b, fi, id.n, split);
}

/* stream_family_with compiled once a way of splitting, as take_rows is;
 * ehp_stream_family runs the one the families file's reader chose when it
 * opened (csv_plain_wide). */
static int stream_family_any(ehp_reader *rd, ehp_batch *b)
{
	return stream_family_with(rd, b, csv_plain_cells_any_inline);
}

#if CSV_WIDE
WIDE_TARGET static int stream_family_wide(ehp_reader *rd, ehp_batch *b)
{
	return stream_family_with(rd, b, csv_plain_cells_wide_inline);
}
#endif

/* Reads one family and its rows into b: EHP_READ_MORE, EHP_READ_END, or
 * EHP_READ_RESTART when a file is out of order. */
int ehp_stream_family(ehp_reader *rd, ehp_batch *b)
{
#if CSV_WIDE
	if (rd->rw.t[FAM].csv.wide)
		return stream_family_wide(rd, b);
#endif
	return stream_family_any(rd, b);
}
