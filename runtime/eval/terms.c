/*
 * terms.c - school terms: the calendar's lifetime and the term windows.
 * Loading a council's own term dates from CSV lives with the CSV reader.
 */
#include <stdlib.h>
#include "internal.h"

void ehp_calendar_free(ehp_calendar *cal)
{
	if (cal->owned)
		free(cal->terms);
	*cal = (ehp_calendar){ 0 };
}

/* The n terms that ended on or before `anchor`: first day of the earliest to
 * the last day of the latest. A term under way on the anchor is not counted. */
ehp_window ehp_terms_before(const ehp_calendar *cal, ehp_date anchor, int n)
{
	/* last term with end <= anchor */
	size_t lo = 0, hi = cal->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cal->terms[mid].end <= anchor)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (n <= 0 || lo < (size_t)n)
		return (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, "the school calendar has too few terms before this date", 0 };
	return (ehp_window){ cal->terms[lo - (size_t)n].start, cal->terms[lo - 1].end, NULL, 0 };
}

/* The n terms that start after `anchor`. */
ehp_window ehp_terms_after(const ehp_calendar *cal, ehp_date anchor, int n)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) { /* first term with start > anchor */
		size_t mid = lo + (hi - lo) / 2;
		if (cal->terms[mid].start <= anchor)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (n <= 0 || cal->n - lo < (size_t)n)
		return (ehp_window){ EHP_NO_DATE, EHP_NO_DATE, "the school calendar has too few terms after this date", 0 };
	return (ehp_window){ cal->terms[lo].start, cal->terms[lo + (size_t)n - 1].end, NULL, 0 };
}

/* The term that day d falls in, or NULL (a holiday, or outside the
 * calendar): a per-term figure dated by its term's first day is placed in
 * that term. */
const ehp_term *ehp_term_containing(const ehp_calendar *cal, ehp_date d)
{
	size_t lo = 0, hi = cal->n;
	while (lo < hi) { /* first term that ends on or after d */
		size_t mid = lo + (hi - lo) / 2;
		if (cal->terms[mid].end < d)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < cal->n && cal->terms[lo].start <= d ? &cal->terms[lo] : NULL;
}
