/*
 * family.c - index one family's records: sorted by type, then date, then
 * end, with type_start[] marking where each type begins and max_span[]
 * how far back a record of each type can reach, so every window query is a
 * binary search within one type's slice.
 */
#include <stdlib.h>
#include <string.h>
#include "internal.h"

static int cmp_record(const void *pa, const void *pb)
{
	const ehp_record *a = pa, *b = pb;
	if (a->type != b->type)
		return a->type < b->type ? -1 : 1;
	if (a->date != b->date)
		return a->date < b->date ? -1 : 1;
	if (a->end != b->end)
		return a->end < b->end ? -1 : 1;
	if (a->file != b->file) /* a mapped run's records files, in the mapping's order */
		return a->file < b->file ? -1 : 1;
	return a->line < b->line ? -1 : a->line > b->line; /* stable for evidence */
}

/* Before `b` in the order cmp_record sorts by, within one type. */
static bool before(const ehp_record *a, const ehp_record *b)
{
	if (a->date != b->date)
		return a->date < b->date;
	if (a->end != b->end)
		return a->end < b->end;
	if (a->file != b->file)
		return a->file < b->file;
	return a->line < b->line;
}

/* One type's records by date, end, file and line. They mostly come in date
 * order already (an extract lists a family's records by date), so a short
 * slice is sorted by insertion, in about one pass; a long one out of order
 * by qsort, so no slice costs quadratic time. */
static void sort_slice(ehp_record *r, size_t n)
{
	if (n > 32) {
		for (size_t i = 1; i < n; i++)
			if (before(&r[i], &r[i - 1])) {
				qsort(r, n, sizeof *r, cmp_record);
				return;
			}
		return;
	}
	for (size_t i = 1; i < n; i++) {
		if (!before(&r[i], &r[i - 1]))
			continue;
		ehp_record x = r[i];
		size_t j = i;
		for (; j > 0 && before(&x, &r[j - 1]); j--)
			r[j] = r[j - 1];
		r[j] = x;
	}
}

/* A record's reach back: the longest of a type so far, `longest`, and this
 * record's own (end - date, EHP_FOREVER for one still open). */
static inline ehp_date longer_span(ehp_date longest, const ehp_record *rec)
{
	ehp_date last = ehp_record_last_day(rec);
	if (last == EHP_FOREVER)
		return EHP_FOREVER;
	return longest != EHP_FOREVER && last - rec->date > longest ? last - rec->date : longest;
}

/* Each type present: its longest span, and its slice sorted by date when it
 * is not already (an extract lists a family's records by date, so it
 * nearly always is: one pass finds both). A pass of its own after the
 * scatter, not a test in it: there, whether a record was its type's first
 * went either way at random, and the mispredictions cost more than this
 * second look at records still in cache. */
static void spans_in_place(ehp_family *fam)
{
	for (size_t r = 0; r < fam->n_records;) {
		int type = fam->records[r].type;
		size_t from = r, end = fam->type_start[type + 1];
		ehp_date longest = longer_span(0, &fam->records[r]);
		bool in_order = true;
		for (r++; r < end; r++) {
			const ehp_record *rec = &fam->records[r];
			longest = longer_span(longest, rec);
			in_order &= !before(rec, rec - 1);
		}
		if (!in_order)
			sort_slice(fam->records + from, end - from);
		fam->max_span[type] = longest;
	}
}

/* Sorts by type with one counting pass (which also finds the types present
 * and whether the records are in type order already), then scatters each
 * record to its type's slice (stable: a type's records keep their order),
 * then finds each type's longest span and sorts a slice not in date order
 * (spans_in_place): a qsort of the whole family compared every record
 * with its neighbours of other types many times over. Only the types
 * present get their slice's bounds (fam->types says which): a family has
 * records of a few of the vocabulary's types. */
static void sort_records(ehp_family *fam)
{
	size_t n = fam->n_records;
	size_t *start = fam->type_start;
	uint64_t *present = fam->types;
	memset(present, 0, EHP_TYPE_WORDS * sizeof *present);
	/* Every count zeroed, not each when its type is first seen: that test
	 * goes either way at random (a family has some 8 types in 15 records),
	 * and its mispredictions cost more than the stores. */
	size_t count[EHP_N_TYPES];
	memset(count, 0, sizeof count);
	bool sorted = true; /* already in type order: no copy */
	int last = 0;       /* the type before */
	for (size_t r = 0; r < n; r++) {
		int t = fam->records[r].type;
		present[t / 64] |= UINT64_C(1) << (t % 64);
		count[t]++;
		sorted &= last <= t;
		last = t;
	}
	size_t next[EHP_N_TYPES]; /* where the scatter puts type t's next record: present types only */
	size_t at = 0;
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t bits = present[w]; bits; bits &= bits - 1) {
			int t = w * 64 + __builtin_ctzll(bits);
			start[t] = next[t] = at;
			at += count[t];
			start[t + 1] = at; /* the next type's start, when it is present */
		}
	start[EHP_N_TYPES] = n;
	if (!sorted) {
		ehp_record small[64];
		ehp_record *copy = n <= 64 ? small : ehp_xmalloc(n * sizeof *copy);
		memcpy(copy, fam->records, n * sizeof *copy);
		for (size_t r = 0; r < n; r++)
			fam->records[next[copy[r].type]++] = copy[r];
		if (copy != small)
			free(copy);
	}
	spans_in_place(fam);
}

void ehp_family_index(ehp_family *fam)
{
	sort_records(fam);
}

const char *ehp_subject_name(const ehp_family *fam, int subject)
{
	if (subject == EHP_HOUSEHOLD)
		return "household";
	if (subject == EHP_FAMILY)
		return "family";
	if (subject == EHP_GROUP) /* an evidence item's only: a group's records taken together */
		return "the group taken together";
	if (subject < 0 || (size_t)subject >= fam->n_people) /* a shared verdict's stand-in (evaluate.c) */
		return "any member without those records";
	return fam->people[subject].id;
}
