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

/* [p, end) set to v, four a step: most of the vocabulary's types are
 * between the few a family has. */
static void fill(size_t *p, size_t *end, size_t v)
{
	for (; end - p >= 4; p += 4)
		p[0] = p[1] = p[2] = p[3] = v;
	for (; p < end; p++)
		*p = v;
}

/* Sorts by type with one counting pass (which also gives type_start), then
 * each type's slice by date: a qsort of the whole family compared every
 * record with its neighbours of other types many times over. A family has
 * records of a few of the vocabulary's types, so the running sums and the
 * scatter visit those types only (a mask of them), and the types between
 * get their start by a plain fill. */
static void sort_records(ehp_family *fam)
{
	size_t n = fam->n_records;
	size_t *start = fam->type_start;
	uint64_t present[EHP_TYPE_WORDS] = { 0 };
	for (size_t r = 0; r < n; r++)
		present[fam->records[r].type / 64] |= UINT64_C(1) << (fam->records[r].type % 64);
	size_t count[EHP_N_TYPES]; /* of the present types only */
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t bits = present[w]; bits; bits &= bits - 1)
			count[w * 64 + __builtin_ctzll(bits)] = 0;
	for (size_t r = 0; r < n; r++)
		count[fam->records[r].type]++;
	bool sorted = true; /* already in type order: no copy */
	for (size_t r = 1; r < n && sorted; r++)
		sorted = fam->records[r - 1].type <= fam->records[r].type;
	size_t next[EHP_N_TYPES]; /* where the scatter puts type t's next record: present types only */
	size_t at = 0;
	int filled = 0; /* start[0 .. filled) are final */
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		for (uint64_t bits = present[w]; bits; bits &= bits - 1) {
			int t = w * 64 + __builtin_ctzll(bits);
			fill(start + filled, start + t + 1, at);
			filled = t + 1;
			next[t] = at;
			at += count[t];
		}
	fill(start + filled, start + EHP_N_TYPES + 1, at);
	if (!sorted) {
		ehp_record small[64];
		ehp_record *copy = n <= 64 ? small : ehp_xmalloc(n * sizeof *copy);
		memcpy(copy, fam->records, n * sizeof *copy);
		for (size_t r = 0; r < n; r++) /* stable: input order kept within a type */
			fam->records[next[copy[r].type]++] = copy[r];
		if (copy != small)
			free(copy);
	}
}

void ehp_family_index(ehp_family *fam)
{
	sort_records(fam);
	/* Each type present: its slice sorted by date, and its longest span. */
	for (size_t r = 0; r < fam->n_records;) {
		int type = fam->records[r].type;
		size_t end = fam->type_start[type + 1];
		sort_slice(fam->records + r, end - r);
		ehp_date longest = 0;
		for (; r < end; r++) {
			ehp_date last = ehp_record_last_day(&fam->records[r]);
			if (last == EHP_FOREVER)
				longest = EHP_FOREVER;
			else if (longest != EHP_FOREVER && last - fam->records[r].date > longest)
				longest = last - fam->records[r].date;
		}
		fam->max_span[type] = longest;
	}
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
