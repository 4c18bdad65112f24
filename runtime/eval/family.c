/*
 * family.c - index one family's records: sorted by type, then date, then
 * end, with type_start[] marking where each type begins and max_span[]
 * how far back a record of each type can reach, so every window query is a
 * binary search within one type's slice.
 */
#include <stdlib.h>
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

void ehp_family_index(ehp_family *fam)
{
	if (fam->n_records > 1)
		qsort(fam->records, fam->n_records, sizeof *fam->records, cmp_record);
	/* One pass: each type present gets its slice and its longest span; the
	 * types before it (none present) start where it does. */
	int t = 0;
	for (size_t r = 0; r < fam->n_records;) {
		int type = fam->records[r].type;
		while (t <= type)
			fam->type_start[t++] = r;
		ehp_date longest = 0;
		for (; r < fam->n_records && fam->records[r].type == type; r++) {
			ehp_date last = ehp_record_last_day(&fam->records[r]);
			if (last == EHP_FOREVER)
				longest = EHP_FOREVER;
			else if (longest != EHP_FOREVER && last - fam->records[r].date > longest)
				longest = last - fam->records[r].date;
		}
		fam->max_span[type] = longest;
	}
	while (t <= EHP_N_TYPES)
		fam->type_start[t++] = fam->n_records;
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
