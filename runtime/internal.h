/*
 * internal.h - declarations shared between the runtime's own files; not part
 * of the public interface.
 */
#ifndef EHP_INTERNAL_H
#define EHP_INTERNAL_H

#include "ehp.h"

/* A zeroed evidence item at the end of the trace (which must not be NULL). */
ehp_evidence *ehp_trace_push(ehp_trace *t);

/* Term windows (terms.c); `missing` set when the calendar is too short. */
ehp_window ehp_terms_before(const ehp_calendar *cal, ehp_date anchor, int n);
ehp_window ehp_terms_after(const ehp_calendar *cal, ehp_date anchor, int n);

/* Whether a record belongs to the subject and matches the selector. */
bool ehp_record_selected(const ehp_record *r, int subject, const ehp_sel *sel);

#endif
