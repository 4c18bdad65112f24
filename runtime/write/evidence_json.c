/*
 * evidence_json.c - evidence.jsonl (evidence_json.h, docs/evidence.md).
 *
 * Kept small: a row's wording and a test's words are on the first line,
 * not in every family (a test is named by its index in the plan's table of
 * tests); the members whose verdicts on a row rest on the same evidence
 * (most of them: nothing of the row's record types) are one entry listing
 * them; a verdict not met whose tests all found nothing (most verdicts of
 * most families) is its row and its tests' [test, window] pairs in the
 * family's "found_nothing", grouped by the members it is for; a window used
 * by several tests is written once in the family's "windows", as days from
 * entry, and named by its index; consecutive record lines are one run.
 * Everything is formatted here, from the typed trace, through a cursor
 * (json.h) into the caller's buffer: nothing is formatted while judging.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "evidence_json.h"
#include "mem.h"

static const char *const OPS[] = { "<", "<=", ">", ">=", "=" };
static const char *const SCOPES[] = { "person", "household", "family" };

/* ------------------------------------------------------------ the first line */

static void row_head(ehp_json *j, const ehp_plan *plan, const char *id, uint32_t line, int theme, ehp_scope scope,
                     const char *text)
{
	ehp_buf_lit(j, "{\"id\":");
	ehp_json_str(j, id);
	ehp_buf_lit(j, ",\"line\":");
	ehp_buf_uint(j, line);
	ehp_buf_lit(j, ",\"theme\":");
	ehp_json_str(j, theme >= 0 && theme < plan->n_themes ? plan->themes[theme].name : NULL);
	ehp_buf_lit(j, ",\"scope\":");
	ehp_json_str(j, scope <= EHP_SCOPE_FAMILY ? SCOPES[scope] : NULL);
	ehp_buf_lit(j, ",\"text\":");
	ehp_json_str(j, text);
}

/* ,"KEY":["name",...] */
static void file_names(ehp_json *j, const char *key, const ehp_file_names *files)
{
	ehp_buf_lit(j, ",\"");
	ehp_buf_str(j, key);
	ehp_buf_lit(j, "\":[");
	for (size_t k = 0; k < files->n; k++) {
		ehp_json_sep(j, k);
		ehp_json_str(j, files->name[k]);
	}
	ehp_buf_lit(j, "]");
}

void ehp_evidence_json_header(FILE *f, const ehp_plan *plan, ehp_date claim, const ehp_file_names *records_files,
                              const ehp_file_names *council_files)
{
	ehp_json j = { 0 };
	ehp_buf_lit(&j, "{\"ehp_evidence\":4,\"plan\":{\"name\":");
	ehp_json_str(&j, plan->name);
	ehp_buf_lit(&j, ",\"title\":");
	ehp_json_str(&j, plan->title);
	ehp_buf_lit(&j, ",\"file\":");
	ehp_json_str(&j, plan->file);
	ehp_buf_lit(&j, ",\"sha256\":");
	ehp_json_str(&j, plan->hash);
	ehp_buf_lit(&j, "},\"claim_date\":");
	ehp_json_date(&j, claim);
	file_names(&j, "records_files", records_files);
	if (council_files) { /* a mapped run: the files a family's and a member's `file` index */
		file_names(&j, "families_files", &council_files[0]);
		file_names(&j, "people_files", &council_files[1]);
	}
	/* The arrays of the family lines, element by element (docs/evidence.md). */
	ehp_buf_lit(&j, ",\"verdict\":[\"row\",\"who\",\"result\",\"tests\",\"exempt\"]"
	                 ",\"test\":[\"test\",\"window\",\"measured\",\"result\",\"op\",\"threshold\",\"why\","
	                 "\"records\",\"subject\"]");
	ehp_buf_lit(&j, ",\"themes\":[");
	for (int t = 0; t < plan->n_themes; t++) {
		ehp_json_sep(&j, t);
		ehp_buf_lit(&j, "{\"name\":");
		ehp_json_str(&j, plan->themes[t].name);
		ehp_buf_lit(&j, ",\"title\":");
		ehp_json_str(&j, plan->themes[t].title);
		ehp_buf_lit(&j, ",\"line\":");
		ehp_buf_uint(&j, plan->themes[t].line);
		ehp_buf_lit(&j, "}");
	}
	ehp_buf_lit(&j, "],\"indicators\":[");
	for (int i = 0; i < plan->n_indicators; i++) {
		const ehp_indicator_def *d = &plan->indicators[i];
		if (i)
			ehp_buf_lit(&j, ",");
		row_head(&j, plan, d->id, d->line, d->theme, d->scope, d->text);
		ehp_buf_lit(&j, ",\"exempt_when\":");
		ehp_json_bool(&j, d->exempt);
		ehp_buf_lit(&j, "}");
	}
	ehp_buf_lit(&j, "],\"outcomes\":[");
	for (int o = 0; o < plan->n_outcomes; o++) {
		const ehp_outcome_def *d = &plan->outcomes[o];
		if (o)
			ehp_buf_lit(&j, ",");
		row_head(&j, plan, d->id, d->line, d->theme, d->scope, d->text);
		ehp_buf_lit(&j, ",\"serves\":[");
		for (const int *s = d->serves; *s >= 0; s++) {
			if (s != d->serves)
				ehp_buf_lit(&j, ",");
			ehp_json_str(&j, *s < plan->n_indicators ? plan->indicators[*s].id : NULL);
		}
		ehp_buf_lit(&j, "],\"supplementary\":");
		ehp_json_bool(&j, d->supplementary);
		ehp_buf_lit(&j, "}");
	}
	ehp_buf_lit(&j, "],\"tests\":[");
	for (uint32_t k = 0; plan->tests && k < plan->n_tests; k++) {
		ehp_json_sep(&j, k);
		ehp_buf_lit(&j, "{\"line\":");
		ehp_buf_uint(&j, plan->tests[k].line);
		ehp_buf_lit(&j, ",\"column\":");
		ehp_buf_uint(&j, plan->tests[k].column);
		ehp_buf_lit(&j, ",\"text\":");
		ehp_json_str(&j, plan->tests[k].text);
		ehp_buf_lit(&j, "}");
	}
	ehp_buf_lit(&j, "]}\n");
	fwrite(j.p, 1, j.len, f);
	ehp_buf_free(&j);
}

/* ------------------------------------------------------------ comparing evidence */

/* Whose records an item read, as its verdict sees it: SELF for the
 * verdict's own subject (and for the stand-in of a shared verdict, one past
 * the last member), else the subject itself. */
#define SELF INT32_MIN

static int32_t seen_subject(const ehp_family *fam, int32_t item, int32_t verdict)
{
	return item == verdict || item == (int32_t)fam->n_people ? SELF : item;
}

static bool same_text(const char *a, const char *b)
{
	return a == b || (a && b && !strcmp(a, b));
}

static bool same_figure(double a, double b)
{
	return a == b || (isnan(a) && isnan(b));
}

/* The lines an item cites that the trace holds (a guard against a test
 * that claims more than it kept). */
static uint32_t cited(const ehp_trace *t, const ehp_evidence *e)
{
	if (e->n_lines <= 4)
		return e->n_lines;
	return (size_t)e->more + e->n_lines - 4 <= t->n_more ? e->n_lines : 4;
}

static bool same_item(const ehp_family *fam, const ehp_trace *t, const ehp_evidence *a, int32_t sa,
                      const ehp_evidence *b, int32_t sb)
{
	if (a->plan_line != b->plan_line || a->test != b->test || a->from != b->from || a->to != b->to ||
	    a->result != b->result || a->op != b->op || a->n_lines != b->n_lines || !same_figure(a->measured, b->measured) ||
	    !same_figure(a->threshold, b->threshold) || !same_text(a->what, b->what) ||
	    !same_text(a->reason, b->reason) || seen_subject(fam, a->subject, sa) != seen_subject(fam, b->subject, sb))
		return false;
	uint32_t n = cited(t, a);
	if (n != cited(t, b))
		return false;
	for (uint32_t k = 0; k < n; k++)
		if (!ehp_cite_same(ehp_evidence_line(t, a, k), ehp_evidence_line(t, b, k)))
			return false;
	return true;
}

static bool same_evidence(const ehp_family *fam, const ehp_trace *t, size_t af, size_t at, int32_t sa, size_t bf,
                          size_t bt, int32_t sb)
{
	if (at - af != bt - bf)
		return false;
	if (af == bf) /* a shared verdict's one range */
		return true;
	for (size_t k = 0; af + k < at && af + k < t->n && bf + k < t->n; k++)
		if (!same_item(fam, t, &t->items[af + k], sa, &t->items[bf + k], sb))
			return false;
	return true;
}

/* ------------------------------------------------------------ a family's line */

/* Written through a cursor (json.h): room for a test's fixed elements is
 * asked for once, and for its records by their number. */
enum { TEST_MAX = 160, RECORD_MAX = 24, MEMBER_MAX = 22 };

static size_t window_index(ehp_evidence_writer *w, ehp_date from, ehp_date to)
{
	size_t k = w->last_window; /* a row's tests mostly look in the window the one before did */
	if (k < w->n_windows && w->windows[k][0] == from && w->windows[k][1] == to)
		return k;
	/* else mostly the one its days were last found at; else searched */
	uint32_t h = ((uint32_t)from * UINT32_C(0x9E3779B1) ^ (uint32_t)to * UINT32_C(0x85EBCA77)) >> 26;
	size_t *slot = &w->window_cache[h % EHP_WINDOW_CACHE];
	k = *slot;
	if (k < w->n_windows && w->windows[k][0] == from && w->windows[k][1] == to)
		return w->last_window = k;
	for (k = w->n_windows; k-- > 0;)
		if (w->windows[k][0] == from && w->windows[k][1] == to)
			return w->last_window = *slot = k;
	w->windows = ehp_reserve(w->windows, &w->cap_windows, w->n_windows + 1, sizeof *w->windows);
	w->windows[w->n_windows][0] = from;
	w->windows[w->n_windows][1] = to;
	return w->last_window = *slot = w->n_windows++;
}

static char *put_subject(char *p, int32_t s)
{
	if (s == EHP_HOUSEHOLD)
		return ehp_buf_put_lit(p, "\"household\"");
	if (s == EHP_FAMILY)
		return ehp_buf_put_lit(p, "\"family\"");
	if (s == EHP_GROUP) /* a group's records taken together */
		return ehp_buf_put_lit(p, "\"group\"");
	if (s < 0) {
		*p++ = '-';
		return ehp_buf_put_uint(p, (uint64_t)0 - (uint64_t)(int64_t)s);
	}
	return ehp_buf_put_uint(p, (uint64_t)s);
}

/* The records in the order found, as runs from one records file, each
 * [file, lines...] (file: an index in line 1's records_files); a run of
 * three or more consecutive lines as [first, last] (a family's records are
 * neighbours in a file sorted by family). */
static char *put_records(char *p, const ehp_trace *t, const ehp_evidence *e, uint32_t n)
{
	*p++ = '[';
	for (uint32_t k = 0; k < n;) {
		ehp_cite at = ehp_evidence_line(t, e, k);
		bool opens = !k || ehp_evidence_line(t, e, k - 1).file != at.file;
		uint32_t first = at.line, run = 1;
		while (k + run < n && first + run != 0 && ehp_cite_same(ehp_evidence_line(t, e, k + run),
		                                                        (ehp_cite){ first + run, at.file }))
			run++;
		if (opens) {
			if (k)
				p = ehp_buf_put_lit(p, "],");
			*p++ = '[';
			p = ehp_buf_put_uint(p, at.file);
		}
		*p++ = ',';
		if (run >= 3) {
			*p++ = '[';
			p = ehp_buf_put_uint(p, first);
			*p++ = ',';
			p = ehp_buf_put_uint(p, first + run - 1);
			*p++ = ']';
			k += run;
		} else {
			p = ehp_buf_put_uint(p, first);
			k++;
		}
	}
	if (n)
		*p++ = ']';
	*p++ = ']';
	return p;
}

/* A reason as a JSON string. Reasons are static text (eval.h) from a few
 * dozen places, written by the ten thousand: each is escaped the first
 * time it is met and copied after. */
static void put_reason(ehp_evidence_writer *w, ehp_json *j, const char *reason)
{
	size_t k = 0;
	while (k < w->n_reasons && w->reason_of[k] != reason)
		k++;
	if (k == w->n_reasons) {
		if (k == EHP_REASON_CACHE) { /* more reasons than kept: escaped each time */
			ehp_json_str(j, reason);
			return;
		}
		w->reason_at[0] = 0;
		ehp_json_str(&w->reasons, reason);
		w->reason_of[k] = reason;
		w->reason_at[++w->n_reasons] = w->reasons.len;
	}
	ehp_buf_raw(j, w->reasons.p + w->reason_at[k], w->reason_at[k + 1] - w->reason_at[k]);
}

static inline uint64_t figure_bits(double v)
{
	uint64_t u;
	memcpy(&u, &v, sizeof u);
	return u;
}

/* The tail kept for test, when it is e's (see ehp_test_tail). */
static inline ehp_test_tail *tail_of(ehp_evidence_writer *w, uint32_t test)
{
	if (!w->tails)
		w->tails = ehp_xcalloc(EHP_TAIL_CACHE, sizeof *w->tails);
	return &w->tails[test % EHP_TAIL_CACHE];
}

static inline bool tail_is(const ehp_test_tail *c, uint32_t test, const ehp_evidence *e)
{
	return c->len && c->test == test && c->result == (int32_t)e->result && c->op == (int32_t)e->op &&
	       c->reason == e->reason && c->measured == figure_bits(e->measured) &&
	       c->threshold == figure_bits(e->threshold);
}

/* A test as an array (docs/evidence.md): [test, window, measured, result,
 * op, threshold, why, records, subject], cut after its last element that
 * says something, so a test that found nothing is [test, window, 0, false].
 * `test` is e's, or the row's in its place (a stand-in class's evidence). */
static void item(ehp_evidence_writer *w, ehp_json *j, const ehp_family *fam, const ehp_trace *t,
                 const ehp_evidence *e, uint32_t test, int32_t verdict_subject)
{
	int32_t s = seen_subject(fam, e->subject, verdict_subject);
	uint32_t n = cited(t, e);
	char *p = ehp_buf_at(j, TEST_MAX + (size_t)n * RECORD_MAX);
	*p++ = '[';
	if (test == EHP_NO_TEST)
		p = ehp_buf_put_lit(p, "null");
	else
		p = ehp_buf_put_uint(p, test);
	*p++ = ',';
	if (e->from != EHP_NO_DATE || e->to != EHP_NO_DATE)
		p = ehp_buf_put_uint(p, window_index(w, e->from, e->to));
	else
		p = ehp_buf_put_lit(p, "null");
	ehp_test_tail *tail = s == SELF && !n ? tail_of(w, test) : NULL;
	if (tail && tail_is(tail, test, e)) { /* all of text copied (the room is there), a fixed size: no rep movs */
		memcpy(p, tail->text, EHP_TAIL_MAX);
		ehp_buf_done(j, p + tail->len);
		return;
	}
	size_t tail_at = (size_t)(p - j->p);
	bool why = e->reason && e->reason != ehp_reason_none_found;
	bool compared = !isnan(e->threshold) && (unsigned)e->op <= EHP_OP_EQ;
	int last = s != SELF ? 8 : n ? 7 : why ? 6 : compared ? 5 : 3;
	*p++ = ',';
	p = ehp_json_put_num(p, e->measured);
	*p++ = ',';
	p = ehp_json_put_tv(p, e->result);
	if (last >= 4) {
		if (compared) {
			*p++ = ',';
			*p++ = '"';
			p = ehp_buf_put(p, OPS[e->op], e->op == EHP_OP_LE || e->op == EHP_OP_GE ? 2 : 1);
			*p++ = '"';
			*p++ = ',';
			p = ehp_json_put_num(p, e->threshold);
		} else {
			p = ehp_buf_put_lit(p, ",null,null");
		}
	}
	if (last >= 6) {
		*p++ = ',';
		if (why) {
			ehp_buf_done(j, p);
			put_reason(w, j, e->reason);
			p = ehp_buf_at(j, TEST_MAX + (size_t)n * RECORD_MAX);
		} else {
			p = ehp_buf_put_lit(p, "null");
		}
	}
	if (last >= 7) {
		*p++ = ',';
		p = put_records(p, t, e, n);
	}
	if (last >= 8) {
		*p++ = ',';
		p = put_subject(p, s);
	}
	*p++ = ']';
	ehp_buf_done(j, p);
	if (tail && j->len - tail_at <= EHP_TAIL_MAX) { /* kept for the next such test */
		tail->measured = figure_bits(e->measured);
		tail->threshold = figure_bits(e->threshold);
		tail->reason = e->reason;
		tail->test = test;
		tail->result = (int32_t)e->result;
		tail->op = (int32_t)e->op;
		tail->len = (uint8_t)(j->len - tail_at);
		memcpy(tail->text, j->p + tail_at, EHP_TAIL_MAX); /* within the room asked for */
	}
}

/* The items [from, to) as tests, each with its own test or row_tests[k]'s
 * for the k-th (a class's evidence written as a row's). */
static void tests(ehp_evidence_writer *w, ehp_json *j, const ehp_family *fam, const ehp_trace *t, size_t from,
                  size_t to, int32_t verdict_subject, const uint32_t *row_tests)
{
	ehp_buf_lit(j, "[");
	for (size_t i = from; i < to && i < t->n; i++) {
		if (i > from)
			ehp_buf_lit(j, ",");
		item(w, j, fam, t, &t->items[i], row_tests ? row_tests[i - from] : t->items[i].test, verdict_subject);
	}
	ehp_buf_lit(j, "]");
}

/* `["1.1",` for every row, escaped once per plan rather than per verdict. */
static void row_ids(ehp_evidence_writer *w, const ehp_plan *plan)
{
	size_t n = (size_t)plan->n_indicators + (size_t)plan->n_outcomes;
	w->ids.len = 0;
	w->id_at = ehp_xrealloc(w->id_at, (n + 1) * sizeof *w->id_at);
	for (size_t k = 0; k < n; k++) {
		w->id_at[k] = w->ids.len;
		ehp_buf_lit(&w->ids, "[");
		ehp_json_str(&w->ids, k < (size_t)plan->n_indicators ? plan->indicators[k].id
		                                                     : plan->outcomes[k - (size_t)plan->n_indicators].id);
		ehp_buf_lit(&w->ids, ",");
	}
	w->id_at[n] = w->ids.len;
	w->ids_of = plan;
	w->years[0] = ehp_date_from_ymd(1900, 1, 1);
	w->years[1] = ehp_date_from_ymd(2200, 12, 31);
}

/* One row's verdicts [lo, hi) (at least one), members with the same
 * verdict on the same evidence as one entry. A verdict is compared with the
 * last few groups only, so a family of thousands of members costs no more
 * per member than a small one. */
enum { LOOKBACK = 8 };

typedef struct verdict_view {
	int row, subject;
	ehp_tv v, exempt;
	size_t from, to;
} verdict_view;

static verdict_view ind_at(const ehp_results *res, size_t k)
{
	const ehp_ind_verdict *v = &res->ind[k];
	return (verdict_view){ v->indicator, v->subject, v->met, v->exempt, v->ev_from, v->ev_to };
}

static verdict_view out_at(const ehp_results *res, size_t k)
{
	const ehp_out_verdict *v = &res->out[k];
	return (verdict_view){ v->outcome, v->subject, v->achieved, EHP_FALSE, v->ev_from, v->ev_to };
}

static bool same_verdict(const ehp_family *fam, const ehp_trace *t, const verdict_view *u, const verdict_view *v)
{
	return u->v == v->v && u->exempt == v->exempt &&
	       same_evidence(fam, t, u->from, u->to, u->subject, v->from, v->to, v->subject);
}

/* The verdicts' groups: lead[g] is group g's first verdict, next[k] the
 * verdict after k in its group ((size_t)-1 after the last). Returns how
 * many groups. */
static size_t group(ehp_evidence_writer *w, const ehp_family *fam, const ehp_trace *t, size_t n)
{
	const verdict_view *views = w->views;
	size_t groups = 0, *last = w->lead + n;
	for (size_t k = 0; k < n; k++) {
		w->next[k] = (size_t)-1;
		size_t g = groups;
		for (size_t c = groups; c-- > (groups > LOOKBACK ? groups - LOOKBACK : 0);)
			if (same_verdict(fam, t, &views[w->lead[c]], &views[k])) {
				g = c;
				break;
			}
		if (g == groups)
			w->lead[groups++] = k;
		else
			w->next[last[g]] = k;
		last[g] = k;
	}
	return groups;
}

/* A day of a window: days from the family's entry (a date when it has
 * none), or null for no day (a window with no end) or one past 9999. */
enum { DAY_MAX = EHP_JSON_DATE_MAX + 12 };

static char *put_day(char *p, ehp_date d, ehp_date entry, const ehp_date years[2])
{
	if (entry == EHP_NO_DATE || d == EHP_NO_DATE || d == EHP_FOREVER)
		return ehp_json_put_date(p, d);
	if (d < years[0] || d > years[1]) { /* the years dates are read in: surely 0000 to 9999 */
		int y, m, dd;
		ehp_date_to_ymd(d, &y, &m, &dd);
		if (y < 0 || y > 9999)
			return ehp_json_put_date(p, d);
	}
	int64_t days = (int64_t)d - entry;
	if (days < 0) {
		*p++ = '-';
		return ehp_buf_put_uint(p, (uint64_t)-days);
	}
	return ehp_buf_put_uint(p, (uint64_t)days);
}

/* ------------------------------------------------------------ found nothing */

/* A verdict not met whose every test is [test, window, 0, false]: a test of
 * the plan looked at the verdict's own members' records, found none and
 * compared nothing. Such a verdict is an entry of the group of its members
 * (ehp_nothing_group), written as met into the group's own array, and the
 * groups are written in the family's "found_nothing" after the rows. */

/* A family of at most this many members has each found-nothing group's
 * members as a mask (bit p: member p); the household's and the family's
 * are bit 63 with 1 or 2. */
enum { MASKED = 63 };

static inline uint64_t subject_bit(int32_t s)
{
	if (s < 0)
		return UINT64_C(1) << 63 | (s == EHP_HOUSEHOLD ? 1 : 2);
	return UINT64_C(1) << s;
}

/* A verdict's subject in a mask, or nothing past MASKED members. */
static inline uint64_t mask_bit(int32_t s)
{
	return s < MASKED ? subject_bit(s) : 0;
}

static inline bool found_nothing(const ehp_family *fam, const ehp_trace *t, const verdict_view *v)
{
	if (v->v != EHP_FALSE || v->exempt == EHP_TRUE || v->from >= v->to || v->to > t->n)
		return false;
	for (size_t i = v->from; i < v->to; i++) {
		const ehp_evidence *e = &t->items[i];
		if (!ehp_item_found_nothing(e) || seen_subject(fam, e->subject, v->subject) != SELF)
			return false;
	}
	return true;
}

/* Item i's window index, asked as the groups are written (after every
 * verdict in full, so numbered in the order the line names them): the
 * found-nothing entries of one stand-in class (ehp_nothing_row) are on the
 * class's items. */
static inline size_t item_window(ehp_evidence_writer *w, size_t i, const ehp_evidence *e)
{
	size_t *slot = w->item_window[i % EHP_ITEM_CACHE];
	if (slot[0] != i) {
		slot[0] = i;
		slot[1] = window_index(w, e->from, e->to);
	}
	return slot[1];
}

static void grow_entries(ehp_nothing_group *gr, size_t n)
{
	gr->entries = ehp_reserve(gr->entries, &gr->cap, n, sizeof *gr->entries);
}

/* Row's entry on the trace's items [from, to): each item's test, or
 * tests[k] for the k-th (a class's evidence written as a row's), added to
 * group g. */
static inline void add_entry(ehp_evidence_writer *w, size_t g, size_t row, const ehp_trace *t, size_t from,
                             size_t to, const uint32_t *tests)
{
	ehp_nothing_group *gr = &w->groups[g];
	size_t n = to - from;
	if (gr->n + 2 + 2 * n > gr->cap) /* settles at the largest family's: seldom */
		grow_entries(gr, gr->n + 2 + 2 * n);
	uint32_t *p = gr->entries + gr->n;
	p[0] = (uint32_t)row;
	p[1] = (uint32_t)n;
	for (size_t k = 0; k < n; k++) {
		p[2 + 2 * k] = tests ? tests[k] : t->items[from + k].test;
		p[3 + 2 * k] = (uint32_t)(from + k);
	}
	gr->n += 2 + 2 * n;
}

/* A new group, last, for the who_n members at w->who[who_at]. */
static size_t new_group(ehp_evidence_writer *w, uint64_t mask, uint64_t sig, size_t who_at, size_t who_n)
{
	if (w->n_groups == w->cap_groups) { /* entries' room kept: new groups start with none */
		size_t cap = w->cap_groups ? 2 * w->cap_groups : 16;
		w->groups = ehp_xrealloc(w->groups, cap * sizeof *w->groups);
		memset(w->groups + w->cap_groups, 0, (cap - w->cap_groups) * sizeof *w->groups);
		w->cap_groups = cap;
	}
	ehp_nothing_group *g = &w->groups[w->n_groups];
	g->mask = mask;
	g->sig = sig;
	g->who_at = who_at;
	g->who_n = who_n;
	g->n = 0;
	return w->n_groups++;
}

/* In a family of at most MASKED members (members' verdicts come in member
 * order, so a mask is the list): the group of these members, found by the
 * mask alone, or SIZE_MAX. */
static inline size_t *mask_slot(ehp_evidence_writer *w, uint64_t mask)
{
	return &w->mask_cache[(mask * UINT64_C(0x9E3779B97F4A7C15)) >> 60 & (EHP_MASK_CACHE - 1)];
}

static inline size_t masked_group(ehp_evidence_writer *w, uint64_t mask)
{
	size_t *slot = mask_slot(w, mask), g = *slot; /* mostly the group of the last such mask */
	if (g < w->n_groups && w->groups[g].mask == mask)
		return g;
	for (g = w->n_groups; g-- > 0;)
		if (w->groups[g].mask == mask)
			return *slot = g;
	return SIZE_MAX;
}

/* A group of its own for the who_n members the caller has put at the end of
 * w->who, their mask `mask`. */
static size_t start_masked(ehp_evidence_writer *w, size_t who_n, uint64_t mask)
{
	size_t g = new_group(w, mask, 0, w->n_who, who_n);
	w->n_who += who_n;
	return *mask_slot(w, mask) = g;
}

/* In a larger family: a group joins the one of the same members the
 * writer's who_cache names by their signature, else one among the last
 * few (most families have a handful of such groups). */
enum { WHO_LOOKBACK = 16 };

static bool same_who(const ehp_evidence_writer *w, const ehp_nothing_group *g, uint64_t sig, const int32_t *who,
                     size_t who_n)
{
	if (g->sig != sig || g->who_n != who_n)
		return false;
	for (size_t k = 0; k < who_n; k++) /* a few members: no call to memcmp */
		if (w->who[g->who_at + k] != who[k])
			return false;
	return true;
}

/* The group of the who_n members the caller has put at the end of w->who
 * (ehp_evidence_json_family has made room for every verdict's): theirs if
 * there is one (the list let go), else a new one. */
static size_t group_of(ehp_evidence_writer *w, size_t who_n, bool masked)
{
	const int32_t *who = w->who + w->n_who;
	if (masked) {
		uint64_t mask = 0;
		for (size_t k = 0; k < who_n; k++)
			mask |= subject_bit(who[k]);
		size_t g = masked_group(w, mask);
		return g != SIZE_MAX ? g : start_masked(w, who_n, mask);
	}
	uint64_t sig = 0;
	for (size_t k = 0; k < who_n; k++)
		sig = sig * 0x100000001b3u ^ (uint32_t)who[k];
	size_t *cached = &w->who_cache[(sig ^ sig >> 29) % EHP_WHO_CACHE], g = *cached;
	if (g < w->n_groups && same_who(w, &w->groups[g], sig, who, who_n))
		return g;
	for (g = w->n_groups; g-- > (w->n_groups > WHO_LOOKBACK ? w->n_groups - WHO_LOOKBACK : 0);)
		if (same_who(w, &w->groups[g], sig, who, who_n))
			return *cached = g;
	g = new_group(w, 0, sig, w->n_who, who_n);
	w->n_who += who_n;
	return *cached = g;
}

/* ,"found_nothing":[[who, [row, test, window, test, window...], ...], ...] */
static void nothing_found_list(ehp_evidence_writer *w, ehp_json *j, const ehp_trace *t)
{
	ehp_buf_lit(j, ",\"found_nothing\":[");
	for (size_t g = 0; g < w->n_groups; g++) {
		const ehp_nothing_group *gr = &w->groups[g];
		/* every entry's room at once: a test's index and its window's, 10 digits each */
		char *p = ehp_buf_at(j, 16 + gr->who_n * MEMBER_MAX + gr->n * 11);
		if (g)
			*p++ = ',';
		*p++ = '[';
		const int32_t *who = w->who + gr->who_at;
		if (gr->who_n == 1 && who[0] < 0) {
			p = put_subject(p, who[0]);
		} else {
			*p++ = '[';
			for (size_t k = 0; k < gr->who_n; k++) {
				if (k)
					*p++ = ',';
				p = put_subject(p, who[k]);
			}
			*p++ = ']';
		}
		for (const uint32_t *e = gr->entries, *end = gr->entries + gr->n; e < end;) {
			*p++ = ',';
			*p++ = '[';
			p = ehp_buf_put_uint(p, e[0]);
			const uint32_t *tests_end = e + 2 + 2 * (size_t)e[1];
			for (e += 2; e < tests_end; e += 2) {
				*p++ = ',';
				p = ehp_buf_put_uint(p, e[0]);
				*p++ = ',';
				const ehp_evidence *item = &t->items[e[1]];
				if (item->from != EHP_NO_DATE || item->to != EHP_NO_DATE)
					p = ehp_buf_put_uint(p, item_window(w, e[1], item));
				else
					p = ehp_buf_put_lit(p, "null");
			}
			*p++ = ']';
		}
		*p++ = ']';
		ehp_buf_done(j, p);
	}
	ehp_buf_lit(j, "]");
}

/* [row, who, result, tests], and for an indicator a fifth element, true,
 * when the members are exempt from needing an outcome: v's verdict for the
 * members who[0 .. members) (a household or family: v's subject alone). */
static void put_verdict(ehp_evidence_writer *w, ehp_json *j, const ehp_family *fam, const ehp_trace *t,
                        const verdict_view *v, const int32_t *who, size_t members, size_t id, bool *first,
                        const uint32_t *row_tests)
{
	char *p = ehp_buf_at(j, 32 + (w->id_at[id + 1] - w->id_at[id]) + members * MEMBER_MAX);
	if (!*first)
		*p++ = ',';
	*first = false;
	p = ehp_buf_put(p, w->ids.p + w->id_at[id], w->id_at[id + 1] - w->id_at[id]);
	if (v->subject < 0) {
		p = put_subject(p, v->subject);
	} else {
		*p++ = '[';
		for (size_t k = 0; k < members; k++) {
			if (k)
				*p++ = ',';
			p = put_subject(p, who[k]);
		}
		*p++ = ']';
	}
	*p++ = ',';
	p = ehp_json_put_tv(p, v->v);
	*p++ = ',';
	ehp_buf_done(j, p);
	tests(w, j, fam, t, v->from, v->to, v->subject, row_tests);
	if (v->exempt == EHP_TRUE)
		ehp_buf_lit(j, ",true]");
	else
		ehp_buf_lit(j, "]");
}

/* Whether every verdict of a row is on the first's range of evidence with
 * its result (a shared verdict, or a single subject): then they are one
 * group, found without building views or comparing. */
static bool one_range(const ehp_results *res, size_t lo, size_t hi, bool indicator, uint64_t *mask)
{
	if (indicator) {
		const ehp_ind_verdict *v = res->ind + lo;
		uint64_t m = mask_bit(v[0].subject);
		for (size_t k = 1; k < hi - lo; k++) {
			if (v[k].ev_from != v[0].ev_from || v[k].ev_to != v[0].ev_to || v[k].met != v[0].met ||
			    v[k].exempt != v[0].exempt)
				return false;
			m |= mask_bit(v[k].subject);
		}
		*mask = m;
		return true;
	}
	const ehp_out_verdict *v = res->out + lo;
	uint64_t m = mask_bit(v[0].subject);
	for (size_t k = 1; k < hi - lo; k++) {
		if (v[k].ev_from != v[0].ev_from || v[k].ev_to != v[0].ev_to || v[k].achieved != v[0].achieved)
			return false;
		m |= mask_bit(v[k].subject);
	}
	*mask = m;
	return true;
}

static void row_verdicts(ehp_evidence_writer *w, ehp_json *j, const ehp_family *fam, const ehp_results *res,
                         const ehp_trace *t, size_t lo, size_t hi, size_t id, bool indicator, bool *first)
{
	size_t n = hi - lo;
	if (w->cap_members < n) { /* a verdict a member: settles at the largest family's size */
		w->views = ehp_xrealloc(w->views, n * sizeof *w->views);
		w->next = ehp_xrealloc(w->next, n * sizeof *w->next);
		w->lead = ehp_xrealloc(w->lead, 2 * n * sizeof *w->lead); /* lead, then last, of each group */
		w->members = ehp_xrealloc(w->members, n * sizeof *w->members);
		w->cap_members = n;
	}
	/* A group's members go where they are written from: found nothing, the
	 * end of w->who (group_of keeps them there or lets them go). */
	uint64_t mask;
	bool masked = fam->n_people <= MASKED;
	if (one_range(res, lo, hi, indicator, &mask)) {
		verdict_view v = indicator ? ind_at(res, lo) : out_at(res, lo);
		bool nothing = found_nothing(fam, t, &v);
		size_t g = nothing && masked ? masked_group(w, mask) : SIZE_MAX;
		if (g != SIZE_MAX) { /* a group of the same members has them listed */
			add_entry(w, g, id, t, v.from, v.to, NULL);
			return;
		}
		size_t members = v.subject < 0 ? 1 : n;
		int32_t *who = nothing ? w->who + w->n_who : w->members;
		for (size_t k = 0; k < members; k++)
			who[k] = indicator ? res->ind[lo + k].subject : res->out[lo + k].subject;
		if (nothing && masked)
			add_entry(w, start_masked(w, members, mask), id, t, v.from, v.to, NULL);
		else if (nothing)
			add_entry(w, group_of(w, members, false), id, t, v.from, v.to, NULL);
		else
			put_verdict(w, j, fam, t, &v, who, members, id, first, NULL);
		return;
	}
	verdict_view *views = w->views;
	for (size_t k = 0; k < n; k++)
		views[k] = indicator ? ind_at(res, lo + k) : out_at(res, lo + k);
	size_t groups = group(w, fam, t, n);
	for (size_t g = 0; g < groups; g++) {
		verdict_view v = views[w->lead[g]];
		bool nothing = found_nothing(fam, t, &v);
		int32_t *who = nothing ? w->who + w->n_who : w->members;
		size_t members = 0;
		for (size_t k = w->lead[g]; k != (size_t)-1; k = v.subject < 0 ? (size_t)-1 : w->next[k])
			who[members++] = views[k].subject;
		if (nothing)
			add_entry(w, group_of(w, members, masked), id, t, v.from, v.to, NULL);
		else
			put_verdict(w, j, fam, t, &v, who, members, id, first, NULL);
	}
}

/* An indicator not judged row by row (ehp_nothing_row): its
 * members' found-nothing verdict on its class's evidence, with its own tests. */
static void nothing_row(ehp_evidence_writer *w, const ehp_family *fam, const ehp_trace *t,
                        const struct ehp_nothing_row *r)
{
	bool masked = fam->n_people <= MASKED;
	size_t g = masked ? masked_group(w, r->who) : SIZE_MAX;
	if (g == SIZE_MAX) {
		int32_t *who = w->who + w->n_who;
		size_t n = 0;
		if (r->who >> 63) /* the household's or the family's (subject_bit) */
			who[n++] = r->who & 1 ? EHP_HOUSEHOLD : EHP_FAMILY;
		else
			for (uint64_t m = r->who; m; m &= m - 1)
				who[n++] = __builtin_ctzll(m);
		g = masked ? start_masked(w, n, r->who) : group_of(w, n, false);
	}
	add_entry(w, g, (size_t)r->indicator, t, r->ev_from, r->ev_to, r->tests);
}

/* An indicator not entered whose class's verdict, not met, found something
 * or compared (ehp_nothing_row): its members' one verdict in full, on its
 * class's evidence with its own tests, as row_verdicts writes it judged. */
static void listed_verdict(ehp_evidence_writer *w, ehp_json *j, const ehp_family *fam, const ehp_trace *t,
                           const struct ehp_nothing_row *r, bool *first)
{
	size_t n = 0;
	int32_t who[64]; /* a row is listed in a family of at most 64 members */
	if (r->who >> 63) { /* the household's or the family's (subject_bit) */
		who[n++] = r->who & 1 ? EHP_HOUSEHOLD : EHP_FAMILY;
	} else {
		for (uint64_t m = r->who; m; m &= m - 1)
			who[n++] = __builtin_ctzll(m);
	}
	verdict_view v = { r->indicator, who[0], EHP_FALSE, EHP_FALSE, r->ev_from, r->ev_to };
	put_verdict(w, j, fam, t, &v, who, n, (size_t)r->indicator, first, r->tests);
}

void ehp_evidence_json_family(ehp_evidence_writer *w, ehp_json *j, const ehp_plan *plan, const ehp_family *fam,
                              const ehp_results *res, const ehp_trace *t)
{
	if (w->ids_of != plan)
		row_ids(w, plan);
	w->n_windows = w->n_groups = w->n_who = 0;
	memset(w->who_cache, 0xff, sizeof w->who_cache); /* the family's own: its line is the same on any thread */
	memset(w->mask_cache, 0xff, sizeof w->mask_cache);
	memset(w->item_window, 0xff, sizeof w->item_window);
	memset(w->window_cache, 0xff, sizeof w->window_cache);
	/* room for the members of every verdict of the family in found_nothing,
	 * an indicator not entered as one (ehp_nothing_row) */
	size_t verdicts = (res->ind_start ? res->ind_start[plan->n_indicators] : 0) +
	                  (res->out_start ? res->out_start[plan->n_outcomes] : 0) + (size_t)plan->n_indicators;
	size_t unentered_who = fam->n_people <= 64 ? (size_t)plan->n_indicators * fam->n_people : 0;
	w->who = ehp_reserve(w->who, &w->cap_who, verdicts + unentered_who, sizeof *w->who);
	ehp_buf_lit(j, "{\"family\":");
	ehp_json_str(j, fam->id);
	ehp_buf_lit(j, ",\"line\":");
	ehp_buf_uint(j, fam->line);
	if (w->name_files) {
		ehp_buf_lit(j, ",\"file\":");
		ehp_buf_uint(j, fam->file);
	}
	ehp_buf_lit(j, ",\"entry\":");
	ehp_json_date(j, fam->entry);
	ehp_buf_lit(j, ",\"closure\":");
	ehp_json_date(j, fam->closure);
	ehp_buf_lit(j, ",\"data_complete\":");
	ehp_json_bool(j, !ehp_family_incomplete(fam));
	ehp_buf_lit(j, ",\"rows_rejected\":");
	ehp_buf_uint(j, fam->rejected);
	ehp_buf_lit(j, ",\"members\":[");
	for (size_t p = 0; p < fam->n_people; p++) {
		ehp_json_sep(j, p);
		ehp_buf_lit(j, "{\"id\":");
		ehp_json_str(j, fam->people[p].id);
		ehp_buf_lit(j, ",\"line\":");
		ehp_buf_uint(j, fam->people[p].line);
		if (w->name_files) {
			ehp_buf_lit(j, ",\"file\":");
			ehp_buf_uint(j, fam->people[p].file);
		}
		ehp_buf_lit(j, "}");
	}
	ehp_buf_lit(j, "],\"eligible\":");
	ehp_json_tv(j, res->eligible);
	ehp_buf_lit(j, ",\"claimable\":");
	ehp_json_tv(j, res->claimable);
	ehp_buf_lit(j, ",\"themes_met\":");
	ehp_json_int(j, res->themes_met);
	if (res->reason[0]) {
		ehp_buf_lit(j, ",\"reason\":");
		ehp_json_str(j, res->reason);
	}
	bool first = true;
	ehp_buf_lit(j, ",\"indicators\":[");
	struct ehp_nothing_row unentered;
	for (int i = 0; i < plan->n_indicators && res->ind_start; i++)
		if (res->ind_start[i] < res->ind_start[i + 1])
			row_verdicts(w, j, fam, res, t, res->ind_start[i], res->ind_start[i + 1], (size_t)i, true, &first);
		else if (ehp_nothing_row(res, fam->n_people, i, &unentered)) {
			if (unentered.nothing)
				nothing_row(w, fam, t, &unentered);
			else
				listed_verdict(w, j, fam, t, &unentered, &first);
		}
	first = true;
	ehp_buf_lit(j, "],\"outcomes\":[");
	for (int o = 0; o < plan->n_outcomes && res->out_start; o++)
		if (res->out_start[o] < res->out_start[o + 1])
			row_verdicts(w, j, fam, res, t, res->out_start[o], res->out_start[o + 1],
			             (size_t)plan->n_indicators + (size_t)o, false, &first);
	ehp_buf_lit(j, "]");
	nothing_found_list(w, j, t);
	ehp_buf_lit(j, ",\"eligibility\":");
	tests(w, j, fam, t, res->elig_from, res->elig_to, EHP_FAMILY, NULL);
	ehp_buf_lit(j, ",\"claim_rule\":");
	tests(w, j, fam, t, res->claim_from, res->claim_to, EHP_FAMILY, NULL);
	ehp_buf_lit(j, ",\"windows\":[");
	for (size_t k = 0; k < w->n_windows; k++) {
		char *p = ehp_buf_at(j, 4 + 2 * DAY_MAX);
		if (k)
			*p++ = ',';
		*p++ = '[';
		p = put_day(p, w->windows[k][0], fam->entry, w->years);
		*p++ = ',';
		p = put_day(p, w->windows[k][1], fam->entry, w->years);
		*p++ = ']';
		ehp_buf_done(j, p);
	}
	ehp_buf_lit(j, "]}\n");
}

void ehp_evidence_writer_free(ehp_evidence_writer *w)
{
	free(w->next);
	free(w->lead);
	free(w->views);
	free(w->members);
	free(w->windows);
	for (size_t g = 0; g < w->cap_groups; g++)
		free(w->groups[g].entries);
	free(w->groups);
	free(w->who);
	free(w->tails);
	ehp_buf_free(&w->ids);
	ehp_buf_free(&w->reasons);
	free(w->id_at);
	*w = (ehp_evidence_writer){ 0 };
}
