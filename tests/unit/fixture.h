/*
 * fixture.h - small hand-built families for the runtime's unit tests:
 * dates written as text, people and records added one call at a time, and an
 * ehp_eval ready to judge them (with or without a trace).
 *
 * Include after <cmocka.h>.
 */
#ifndef EHP_TEST_FIXTURE_H
#define EHP_TEST_FIXTURE_H

#include <math.h>
#include <string.h>
#include "eval.h"

#define FX_PEOPLE 8
#define FX_RECORDS 128

typedef struct {
	ehp_family fam;
	ehp_person people[FX_PEOPLE];
	ehp_record records[FX_RECORDS];
	ehp_trace trace;
	ehp_eval ev;
} fixture;

/* A date from text; the test fails on a date the parser rejects. */
static inline ehp_date D(const char *s)
{
	ehp_date d = ehp_date_parse(s, strlen(s));
	assert_int_not_equal(d, EHP_NO_DATE);
	return d;
}

/* A family with entry, closure (NULL: still open) and the claim date. */
static inline void fx_init(fixture *f, const char *entry, const char *closure, const char *claim)
{
	memset(f, 0, sizeof *f);
	f->fam.id = "F1";
	f->fam.entry = entry ? D(entry) : EHP_NO_DATE;
	f->fam.closure = closure ? D(closure) : EHP_NO_DATE;
	f->fam.people = f->people;
	f->fam.records = f->records;
	f->ev.fam = &f->fam;
	f->ev.claim = claim ? D(claim) : EHP_NO_DATE;
	f->ev.cal = ehp_calendar_england();
	f->ev.trace = &f->trace;
	f->ev.measured_to = EHP_NO_DATE;
}

static inline int fx_person(fixture *f, const char *id, const char *born, uint32_t flags)
{
	assert_true(f->fam.n_people < FX_PEOPLE);
	int i = (int)f->fam.n_people++;
	f->people[i] = (ehp_person){ .id = id, .born = D(born), .flags = flags, .line = (uint32_t)i + 2 };
	return i;
}

/* A record of `type` for `person` (or EHP_HOUSEHOLD); end: NULL for none,
 * "open" for a current state. Its line is 100 + its position, so tests can
 * tell which records the evidence cites. Returns it for value/total/score. */
static inline ehp_record *fx_record(fixture *f, int person, int type, const char *date, const char *end)
{
	assert_true(f->fam.n_records < FX_RECORDS);
	size_t i = f->fam.n_records++;
	ehp_date e = EHP_NO_DATE;
	if (end)
		e = strcmp(end, "open") == 0 ? EHP_FOREVER : D(end);
	f->records[i] = (ehp_record){ .date = D(date), .end = e, .person = person, .type = (uint16_t)type,
	                              .detail = EHP_D_none, .line = 100 + (uint32_t)i, .value = NAN,
	                              .total = NAN, .score = NAN, .author = "" };
	return &f->records[i];
}

/* Indexes the records: call after the last fx_record and before judging. */
static inline void fx_ready(fixture *f)
{
	ehp_family_index(&f->fam);
	f->trace.n = 0;
}

static inline void fx_free(fixture *f)
{
	ehp_trace_free(&f->trace);
}

/* The last evidence item the trace holds. */
static inline const ehp_evidence *fx_last(const fixture *f)
{
	assert_true(f->trace.n > 0);
	return &f->trace.items[f->trace.n - 1];
}

/* The test fails unless `w` runs from `from` to `to`, both inclusive. */
static inline void expect_window(ehp_window w, const char *from, const char *to)
{
	if (w.missing)
		fail_msg("window missing: %s (want %s..%s)", w.missing, from, to);
	char a[11], b[11];
	ehp_date_format(w.from, a);
	ehp_date_format(w.to, b);
	if (w.from != D(from) || w.to != D(to))
		fail_msg("window %s..%s, want %s..%s", a, b, from, to);
}

/* Selecting every record of one type. */
#define SEL(t) ((ehp_sel){ (uint16_t)(t), -1, NULL, false, NULL })

#endif
