/*
 * codegen_cond.c - cohorts and conditions as C.
 *
 * A condition becomes straight-line code: each test is one runtime call
 * whose verdict goes into a temporary (t1, t2, ...), and `and` / `or` skip
 * their right side when the left already decides (Kleene logic: FALSE and x
 * is FALSE, TRUE or x is TRUE), so evidence is gathered in plan order and
 * only for tests that mattered. Selections become static tables (sel_N),
 * the inner condition of `some/every C has (...)` its own function (rule_N).
 *
 * The tree must be checked (sema.c): a name that was never resolved or a
 * person test outside a person's row is a compiler bug, reported and
 * aborted on rather than turned into wrong code.
 */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "codegen_int.h"
#include "cstring.h"
#include "ehp.h"

#define unreachable(what) internal_error(__FILE__, __LINE__, what)

static _Noreturn void internal_error(const char *file, int line, const char *what)
{
	fprintf(stderr, "ehpc: internal error at %s:%d: %s (was the plan checked?)\n", file, line, what);
	abort();
}

/* ------------------------------------------------------------ vocabulary */

static const char *type_name(int i)
{
	if (i < 0 || i >= EHP_N_TYPES)
		unreachable("record type index out of range");
	return ehp_types[i].name;
}

static const char *detail_name(int i)
{
	if (i < 1 || i >= EHP_N_DETAILS)
		unreachable("detail index out of range");
	return ehp_detail_names[i];
}

static const char *flag_name(int i)
{
	if (i < 0 || i >= EHP_N_FLAGS)
		unreachable("flag index out of range");
	return ehp_flag_names[i];
}

/* ------------------------------------------------------------ small pieces */

void gen_line(FILE *f, int indent, const char *fmt, ...)
{
	for (int i = 0; i < indent; i++)
		putc('\t', f);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(f, fmt, ap);
	va_end(ap);
	putc('\n', f);
}

void gen_string(gen *g, FILE *f, const char *s)
{
	if (!s || strlen(s) <= CSTRING_LITERAL_MAX) {
		emit_c_string(f, s);
		return;
	}
	int id = ++g->n_strs;
	fprintf(g->data, "/* %zu bytes of plan text: too long for one C string literal */\n", strlen(s));
	fprintf(g->data, "static const char str_%d[] = ", id);
	emit_c_byte_list(g->data, s);
	fputs(";\n\n", g->data);
	fprintf(f, "str_%d", id);
}

static const char *anchor_c(anchor_kind a)
{
	switch (a) {
	case ANCHOR_ENTRY: return "EHP_ENTRY";
	case ANCHOR_CLOSURE: return "EHP_CLOSURE";
	case ANCHOR_CLAIM: return "EHP_CLAIM";
	}
	unreachable("anchor");
}

static const char *unit_c(unit_kind u)
{
	switch (u) {
	case UNIT_DAYS: return "EHP_DAYS";
	case UNIT_WEEKS: return "EHP_WEEKS";
	case UNIT_MONTHS: return "EHP_MONTHS";
	case UNIT_TERMS: return "EHP_TERMS";
	default: unreachable("window unit");
	}
}

/* `per month` and friends; UNIT_NUMBER is the raw measure. */
static const char *per_c(unit_kind u)
{
	return u == UNIT_NUMBER ? "-1" : unit_c(u);
}

static const char *measure_c(measure_kind m)
{
	switch (m) {
	case MEASURE_COUNT: return "EHP_M_COUNT";
	case MEASURE_SUM: return "EHP_M_SUM";
	case MEASURE_RATE: return "EHP_M_RATE";
	default: unreachable("record measure");
	}
}

static const char *op_c(cmp_op op)
{
	switch (op) {
	case OP_LT: return "EHP_OP_LT";
	case OP_LE: return "EHP_OP_LE";
	case OP_GT: return "EHP_OP_GT";
	case OP_GE: return "EHP_OP_GE";
	case OP_EQ: return "EHP_OP_EQ";
	}
	unreachable("comparison");
}

static int selector_table(gen *g, const selector *s, int line);
static void selector_args(FILE *f, const selector *s, int id);

/* A window's length: its number, or the parameter that gives it. */
static void length_expr(gen *g, FILE *f, const window *w)
{
	if (w->n_param_index < 0) {
		fprintf(f, "%d", w->n);
		return;
	}
	if (w->n_param_index >= g->p->params.n)
		unreachable("parameter index out of range");
	fprintf(f, "(int)ehp_param(ev, %d) /* ", w->n_param_index);
	emit_comment_text(f, w->n_param, 64);
	fputs(" */", f);
}

/* The date a window counts from when it is shifted: `3 months before claim`
 * as a point is the claim date moved back 3 months. */
static void point_expr(gen *g, FILE *f, const window *p)
{
	if (!p)
		unreachable("missing point");
	if (p->kind != WIN_BEFORE && p->kind != WIN_AFTER)
		unreachable("a point is an anchor moved by a period");
	fputs("ehp_point_shift(", f);
	if (p->of)
		point_expr(g, f, p->of);
	else
		fprintf(f, "ehp_point_at(ev, %s)", anchor_c(p->anchor));
	fputs(p->kind == WIN_BEFORE ? ", -" : ", ", f);
	length_expr(g, f, p);
	fprintf(f, ", %s)", unit_c(p->unit));
}

/* The point a period is counted from: its anchor, or the shifted point `of`. */
static void base_point_expr(gen *g, FILE *f, const window *w)
{
	if (w->of)
		point_expr(g, f, w->of);
	else
		fprintf(f, "ehp_point_at(ev, %s)", anchor_c(w->anchor));
}

/* `within N units of P`, `less than N units after P`: windows counted from
 * the point both ways (runtime/eval/distance.c). */
static void distance_window_expr(gen *g, FILE *f, const window *w)
{
	fprintf(f, "ehp_window_%s(ev, ", w->kind == WIN_AROUND ? "around" : "less_after");
	base_point_expr(g, f, w);
	fputs(", ", f);
	length_expr(g, f, w);
	fprintf(f, ", %s)", unit_c(w->unit));
}

/* The index of `n units before/after anchor` in the plan's table of
 * windows, added when new; -1 when out of memory (g->failed). */
static int window_index(gen *g, anchor_kind anchor, int n, unit_kind unit, bool after)
{
	for (int k = 0; k < g->n_windows; k++) {
		const struct gen_window *w = &g->windows[k];
		if (w->anchor == anchor && w->n == n && w->unit == unit && w->after == after)
			return k;
	}
	if (g->n_windows == g->cap_windows) {
		int cap = g->cap_windows ? 2 * g->cap_windows : 16;
		struct gen_window *grown = realloc(g->windows, (size_t)cap * sizeof *grown);
		if (!grown) {
			g->failed = true;
			return -1;
		}
		g->windows = grown;
		g->cap_windows = cap;
	}
	g->windows[g->n_windows] = (struct gen_window){ anchor, n, unit, after };
	return g->n_windows++;
}

void gen_windows_table(const gen *g, FILE *f)
{
	if (!g->n_windows)
		return;
	fputs("/* the windows of a fixed length the code asks for by index (ehp_window_of) */\n"
	      "static const ehp_window_def windows[] = {\n",
	      f);
	for (int k = 0; k < g->n_windows; k++) {
		const struct gen_window *w = &g->windows[k];
		fprintf(f, "\t{ .anchor = %s, .n = %d, .unit = %s, .after = %s }, /* %d */\n", anchor_c(w->anchor), w->n,
		        unit_c(w->unit), w->after ? "true" : "false", k);
	}
	fputs("};\n\n", f);
}

/* `n units before/after anchor`, n a number: one of the plan's table. */
static bool fixed_window(const window *w)
{
	return (w->kind == WIN_BEFORE || w->kind == WIN_AFTER) && !(w->less && w->kind == WIN_AFTER) && !w->of &&
	       w->n_param_index < 0;
}

static void window_expr(gen *g, FILE *f, const window *w, int line)
{
	if (!w)
		unreachable("missing window");
	switch (w->kind) {
	case WIN_AROUND:
		distance_window_expr(g, f, w);
		return;
	case WIN_BEFORE:
	case WIN_AFTER:
		if (w->less && w->kind == WIN_AFTER) {
			distance_window_expr(g, f, w);
			return;
		}
		if (fixed_window(w)) { /* a fixed window: the family's, by index */
			int k = window_index(g, w->anchor, w->n, w->unit, w->kind == WIN_AFTER);
			fprintf(f, "ehp_window_of(ev, %d, %s)", k, anchor_c(w->anchor));
			return;
		}
		if (w->of) {
			fprintf(f, "ehp_window_%s_point(ev, ", w->kind == WIN_BEFORE ? "before" : "after");
			point_expr(g, f, w->of);
		} else {
			fprintf(f, "ehp_window_%s(ev, %s", w->kind == WIN_BEFORE ? "before" : "after", anchor_c(w->anchor));
		}
		fputs(", ", f);
		length_expr(g, f, w);
		fprintf(f, ", %s)", unit_c(w->unit));
		return;
	case WIN_AT:
		fprintf(f, "ehp_window_at(ev, %s)", anchor_c(w->anchor));
		return;
	case WIN_SPAN:
		if (w->from->kind == WIN_AT && w->to->kind == WIN_AT) { /* two anchors' days: one call */
			fprintf(f, "ehp_window_span_at(ev, %s, %s)", anchor_c(w->from->anchor), anchor_c(w->to->anchor));
			return;
		}
		if (w->from->kind == WIN_AT && fixed_window(w->to)) { /* a day to a numbered window */
			int k = window_index(g, w->to->anchor, w->to->n, w->to->unit, w->to->kind == WIN_AFTER);
			fprintf(f, "ehp_window_span_at_of(ev, %s, %d, %s)", anchor_c(w->from->anchor), k,
			        anchor_c(w->to->anchor));
			return;
		}
		fputs("ehp_window_span(", f);
		window_expr(g, f, w->from, line);
		fputs(", ", f);
		window_expr(g, f, w->to, line);
		putc(')', f);
		return;
	case WIN_SUPPORT:
		fputs("ehp_window_during_support(ev)", f);
		return;
	case WIN_EVER:
		fprintf(f, "ehp_window_ever_before(ev, %s)", anchor_c(w->anchor));
		return;
	case WIN_WHILE: {
		int s = selector_table(g, w->sel, line);
		if (w->from) {
			fputs("ehp_window_within(", f);
			window_expr(g, f, w->from, line);
			fputs(", ", f);
		}
		fputs("ehp_window_during(ev, subject, ", f);
		selector_args(f, w->sel, s);
		fputs(w->from ? "))" : ")", f);
		return;
	}
	}
	unreachable("window kind");
}

void gen_number(FILE *f, double v)
{
	if (!isfinite(v))
		v = v < 0 ? -DBL_MAX : DBL_MAX; /* the lexer reads no infinities; never print `inf` */
	char buf[40];
	snprintf(buf, sizeof buf, "%.15g", v);
	if (strtod(buf, NULL) != v)
		snprintf(buf, sizeof buf, "%.17g", v);
	fputs(buf, f);
}

static void quantity_expr(gen *g, FILE *f, const quantity *q)
{
	if (q->param_index < 0) {
		gen_number(f, q->value);
		return;
	}
	if (q->param_index >= g->p->params.n)
		unreachable("parameter index out of range");
	fprintf(f, "ehp_param(ev, %d) /* ", q->param_index);
	emit_comment_text(f, q->param, 64);
	fputs(" */", f);
}

/* The selection in the plan's words, for comments. */
static void selector_words(FILE *f, const selector *s)
{
	for (int i = 0; i < s->n_types; i++) {
		fprintf(f, "%s%s", i ? (s->plus[i] ? " plus " : " or ") : "", type_name(s->types[i]));
		if (s->details[i] > 0)
			fprintf(f, " about %s", detail_name(s->details[i]));
		if (s->authors[i]) {
			fputs(" by ", f);
			emit_comment_text(f, s->authors[i], 40);
		}
	}
	if (s->starting)
		fputs(" starting", f);
}

/* `sel_3 /+ offence or arrest +/, 2`: the table and its length, as call arguments. */
static void selector_args(FILE *f, const selector *s, int id)
{
	fprintf(f, "sel_%d /* ", id);
	selector_words(f, s);
	fprintf(f, " */, %d", s->n_types);
}

/* Writes the selection as a static table; returns its number. */
static int selector_table(gen *g, const selector *s, int line)
{
	if (s->n_types < 1 || s->n_types > SEL_MAX_TYPES)
		unreachable("selector without record types");
	char authors[SEL_MAX_TYPES][32];
	for (int i = 0; i < s->n_types; i++) {
		snprintf(authors[i], sizeof authors[i], "NULL");
		if (!s->authors[i] || strlen(s->authors[i]) <= CSTRING_LITERAL_MAX)
			continue;
		/* too long for a literal: a byte array written before the table */
		char *buf;
		size_t len;
		FILE *m = open_memstream(&buf, &len);
		if (!m) {
			g->failed = true;
			return 0;
		}
		gen_string(g, m, s->authors[i]);
		fclose(m);
		snprintf(authors[i], sizeof authors[i], "%s", buf);
		free(buf);
	}
	int id = ++g->n_sels;
	fprintf(g->data, "/* line %d: ", line);
	selector_words(g->data, s);
	fprintf(g->data, " */\nstatic const ehp_sel sel_%d[] = {\n", id);
	for (int i = 0; i < s->n_types; i++) {
		gen_reads_type(g, s->types[i]);
		fprintf(g->data, "\t{ EHP_T_%s, ", type_name(s->types[i]));
		if (s->details[i] > 0)
			fprintf(g->data, "EHP_D_%s, ", detail_name(s->details[i]));
		else
			fputs("-1, ", g->data);
		if (!s->authors[i] || strlen(s->authors[i]) > CSTRING_LITERAL_MAX)
			fputs(authors[i], g->data);
		else
			emit_c_string(g->data, s->authors[i]);
		fputs(s->plus[i] ? ", true, " : ", false, ", g->data);
		if (i == 0 && (s->n_types > 1 || s->details[0] > 0 || s->authors[0] || s->starting)) { /* the evidence names the whole selection */
			char *words;
			size_t len;
			FILE *m = open_memstream(&words, &len);
			if (!m) {
				g->failed = true;
				return 0;
			}
			selector_words(m, s);
			fclose(m);
			emit_c_string(g->data, words); /* the words came through emit_comment_text: no control bytes */
			free(words);
		} else {
			fputs("NULL", g->data);
		}
		fputs(" },\n", g->data);
	}
	fputs("};\n\n", g->data);
	return id;
}

/* ------------------------------------------------------------ cohorts */

/* An age band as C. An unknown age (-1) is in no band, so the lower bound
 * is never left out. `at` is -1 for ages at point of entry, else the anchor. */
static void age_test(FILE *f, const char *who, int lo, int hi, int at)
{
	char age[64];
	if (at <= (int)ANCHOR_ENTRY) /* `at entry` is the point of entry: the default */
		snprintf(age, sizeof age, "ehp_age(ev, %s)", who);
	else
		snprintf(age, sizeof age, "ehp_age_at(ev, %s, %s)", who, anchor_c((anchor_kind)at));
	if (lo < 0)
		lo = 0;
	if (hi >= 0) /* ehp_age_in: the age asked once, not once for each bound */
		fprintf(f, "ehp_age_in(%s, %d, %d)", age, lo, hi);
	else
		fprintf(f, "%s >= %d", age, lo);
}

/* `child aged 10 to 18`, `adult aged under 25`: the band replaces the
 * base's own bound on each side it states (Devon's "Child/ young person (10
 * to 18yrs)" includes 18-year-olds) and keeps it on the side it leaves open
 * (`adult aged under 25` is 18 to 24). A band taken on another day than the
 * point of entry does not merge: the base's bound stays at entry. */
static bool banded_base(const cohort *k, int *lo, int *hi)
{
	if (k->kind != COH_AND || k->b->kind != COH_AGED || k->b->age_at > (int)ANCHOR_ENTRY)
		return false;
	if (k->a->kind == COH_CHILD) {
		*lo = -1;
		*hi = 17;
	} else if (k->a->kind == COH_ADULT || k->a->kind == COH_ANYONE) {
		*lo = k->a->kind == COH_ADULT ? 18 : -1;
		*hi = -1;
	} else {
		return false;
	}
	if (k->b->lo >= 0)
		*lo = k->b->lo;
	if (k->b->hi >= 0)
		*hi = k->b->hi;
	return true;
}

/* The age band at the point of entry that cohort k is and nothing more
 * (what gen_cohort_expr writes as age_test at entry), so the runtime finds
 * its members from their ages; .banded false for any other cohort. */
static ehp_age_band band_of(int lo, int hi)
{
	if (lo < 0) /* as age_test: no age is below 0 */
		lo = 0;
	if (hi >= 0 && hi < lo)
		return (ehp_age_band){ .banded = false };
	return (ehp_age_band){ .banded = true, .lo = lo, .hi = hi };
}

ehp_age_band gen_cohort_band(const cohort *k)
{
	int lo, hi;
	switch (k ? k->kind : COH_ANYONE) {
	case COH_CHILD:
		return band_of(-1, 17);
	case COH_ADULT:
		return band_of(18, -1);
	case COH_AGED:
		if (k->age_at <= (int)ANCHOR_ENTRY)
			return band_of(k->lo, k->hi);
		break;
	case COH_AND:
		if (banded_base(k, &lo, &hi))
			return band_of(lo, hi);
		if (k->a->kind == COH_ANYONE)
			return gen_cohort_band(k->b);
		break;
	default:
		break;
	}
	return (ehp_age_band){ .banded = false };
}

static int rule_helper(gen *g, const cond *k);

void gen_cohort_expr(gen *g, FILE *f, const cohort *k)
{
	if (!k)
		unreachable("missing cohort");
	int lo, hi;
	switch (k->kind) {
	case COH_ANYONE:
		fputs("true", f);
		return;
	case COH_CHILD:
		age_test(f, "person", -1, 17, -1);
		return;
	case COH_ADULT:
		fputs("ehp_age(ev, person) >= 18", f);
		return;
	case COH_NAMED:
		if (k->ref < 0 || k->ref >= g->p->cohorts.n)
			unreachable("cohort not resolved");
		fprintf(f, "cohort_%s(ev, person)", g->cohort_names[k->ref]);
		return;
	case COH_AGED:
		age_test(f, "person", k->lo, k->hi, k->age_at);
		return;
	case COH_FLAG:
		fprintf(f, "ehp_has_flag(ev, person, EHP_F_%s)", flag_name(k->ref));
		return;
	case COH_AND:
		if (banded_base(k, &lo, &hi)) {
			age_test(f, "person", lo, hi, -1);
			return;
		}
		if (k->a->kind == COH_ANYONE) { /* `anyone who is carer` */
			gen_cohort_expr(g, f, k->b);
			return;
		}
		/* fall through */
	case COH_OR:
		putc('(', f);
		gen_cohort_expr(g, f, k->a);
		fputs(k->kind == COH_AND ? " && " : " || ", f);
		gen_cohort_expr(g, f, k->b);
		putc(')', f);
		return;
	case COH_NOT:
		fputs("!(", f);
		gen_cohort_expr(g, f, k->a);
		putc(')', f);
		return;
	case COH_COND: /* `who has (COND)`: the member's own condition, judged without evidence */
		fprintf(f, "ehp_member_holds(ev, person, rule_%d)", rule_helper(g, k->cond));
		return;
	}
	unreachable("cohort kind");
}

void gen_cohort_body(gen *g, FILE *f, const cohort *k)
{
	char *buf;
	size_t len;
	FILE *m = open_memstream(&buf, &len);
	if (!m) {
		g->failed = true;
		return;
	}
	gen_cohort_expr(g, m, k);
	fclose(m);
	gen_cohort_body_of(f, buf);
	free(buf);
}

void gen_cohort_body_of(FILE *f, const char *expr)
{
	fputs("{\n", f);
	if (!strcmp(expr, "true"))
		fputs("\t(void)ev;\n\t(void)person; /* everyone */\n", f);
	fprintf(f, "\treturn %s;\n}\n\n", expr);
}

/* A cohort as its own function, for ehp_some / ehp_every; returns its number. */
static int cohort_helper_for(gen *g, const cohort *k, int line, const char *what)
{
	int id = ++g->n_helpers;
	fprintf(g->protos, "static bool who_%d(const ehp_eval *ev, int person);\n", id);
	fprintf(g->helpers, "/* line %d: %s */\n", line, what);
	fprintf(g->helpers, "static bool who_%d(const ehp_eval *ev, int person)\n", id);
	gen_cohort_body(g, g->helpers, k);
	return id;
}

static int cohort_helper(gen *g, const cohort *k, int line)
{
	return cohort_helper_for(g, k, line, "the members a family rule looks at");
}

/* A measure's subject argument: `subject`, or for a group taken together
 * (`of school_age together`) the function that says who is in it. */
static void subject_arg(gen *g, FILE *f, const cond *k)
{
	if (k->who)
		fprintf(f, "who_%d, ", cohort_helper_for(g, k->who, k->loc.line, "the group whose records are taken together"));
	else
		fputs("subject, ", f);
}

int gen_cohort_fn(gen *g, const cohort *k, int line)
{
	return cohort_helper(g, k, line);
}

/* ------------------------------------------------------------ which cohorts are used */

static void mark_cohort(const plan *p, bool *used, const cohort *k)
{
	if (!k)
		return;
	if (k->kind == COH_NAMED && k->ref >= 0 && k->ref < p->cohorts.n && !used[k->ref]) {
		used[k->ref] = true;
		mark_cohort(p, used, ((const cohort_def *)p->cohorts.v[k->ref])->def);
	}
	mark_cohort(p, used, k->a);
	mark_cohort(p, used, k->b);
}

static void mark_cond(const plan *p, bool *used, const cond *k)
{
	if (!k)
		return;
	mark_cohort(p, used, k->who);
	if (k->limit)
		mark_cohort(p, used, k->limit->who);
	mark_cond(p, used, k->a);
	mark_cond(p, used, k->b);
}

void gen_mark_used_cohorts(const plan *p, bool *used)
{
	const ptr_vec *rows[] = { &p->indicators, &p->outcomes };
	for (int v = 0; v < 2; v++)
		for (int i = 0; i < rows[v]->n; i++) {
			const row *r = rows[v]->v[i];
			if (r->scope == SCOPE_PERSON)
				mark_cohort(p, used, r->who);
			mark_cond(p, used, r->when);
			mark_cond(p, used, r->where);
			mark_cond(p, used, r->exempt);
		}
	mark_cond(p, used, p->eligible);
	mark_cond(p, used, p->claimable);
}

/* ------------------------------------------------------------ conditions */

typedef struct {
	FILE *f;
	int indent;
	bool person; /* subject is a person: person tests allowed */
} out;

static void indent(FILE *f, int n)
{
	for (int i = 0; i < n; i++)
		putc('\t', f);
}

static const char *record_test_fn(const cond *k)
{
	if (k->sel.starting) /* `any X starting in W`: records begun in the window */
		return k->kind == COND_ANY ? "ehp_any_starting" : "ehp_none_starting";
	return k->kind == COND_ANY ? "ehp_any" : k->kind == COND_NONE ? "ehp_none" : "ehp_throughout";
}

static const char *gap_c(gap_kind k)
{
	switch (k) {
	case GAP_AT_LEAST: return "EHP_GAP_AT_LEAST";
	case GAP_MORE_THAN: return "EHP_GAP_MORE_THAN";
	case GAP_AT_MOST: return "EHP_GAP_AT_MOST";
	case GAP_LESS_THAN: return "EHP_GAP_LESS_THAN";
	case GAP_WITHIN: return "EHP_GAP_WITHIN";
	}
	unreachable("distance");
}

/* `closure at most 24 months before claim`, `claim within 6 months of closure`. */
static int gap_code(gen *g, out *o, const cond *k, int id)
{
	const window *w = k->win;
	int t = ++g->tmp;
	indent(o->f, o->indent);
	fprintf(o->f, "ehp_tv t%d = ehp_anchor_distance(ev, %d /* line %d */, %s, ", t, id, k->loc.line,
	        anchor_c(k->anchor));
	base_point_expr(g, o->f, w);
	fputs(", ", o->f);
	length_expr(g, o->f, w);
	fprintf(o->f, ", %s, %d, %s);\n", unit_c(w->unit), w->kind == WIN_AROUND ? 0 : w->kind == WIN_BEFORE ? -1 : 1,
	        gap_c(k->gap));
	return t;
}

/* Whether k is judged by a runtime call, rather than by logic over other
 * tests or a person's age or flag read directly. */
static bool names_a_test(cond_kind k)
{
	switch (k) {
	case COND_AND:
	case COND_OR:
	case COND_NOT:
	case COND_PERSON_IS:
	case COND_PERSON_AGED:
		return false;
	default:
		return true;
	}
}

/* Emits statements computing k into a new temporary; returns its number. */
static int cond_code(gen *g, out *o, const cond *k)
{
	if (!k)
		unreachable("missing condition");
	FILE *f = o->f;
	int in = o->indent, ln = k->loc.line, t, s, m;
	/* Every runtime call is a test of the plan's table (codegen_tests.c); a
	 * measure and its comparison are one test. */
	int id = names_a_test(k->kind) ? gen_test(g, k) : -1;
	switch (k->kind) {
	case COND_AND:
	case COND_OR: {
		bool and = k->kind == COND_AND;
		int a = cond_code(g, o, k->a);
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = t%d;", t, a);
		gen_line(f, in, "if (t%d != %s) { /* %s: the right side still matters */", a,
		         and ? "EHP_FALSE" : "EHP_TRUE", and ? "and" : "or");
		o->indent++;
		int b = cond_code(g, o, k->b);
		gen_line(f, in + 1, "t%d = %s(t%d, t%d);", t, and ? "ehp_and" : "ehp_or", a, b);
		o->indent--;
		gen_line(f, in, "}");
		return t;
	}
	case COND_NOT: {
		int a = cond_code(g, o, k->a);
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = ehp_not(t%d);", t, a);
		return t;
	}
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
		s = selector_table(g, &k->sel, ln);
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = %s(ev, %d /* line %d */, subject, ", t, record_test_fn(k), id, ln);
		selector_args(f, &k->sel, s);
		fputs(",\n", f);
		indent(f, in + 1);
		window_expr(g, f, k->win, ln);
		fputs(");\n", f);
		return t;
	case COND_WEEKS:
		s = selector_table(g, &k->sel, ln);
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_weeks%s(ev, %d /* line %d */, subject, ", t, k->measure == MEASURE_SUM ? "_sum" : "",
		        id, ln);
		selector_args(f, &k->sel, s);
		fprintf(f, ",\n");
		indent(f, in + 1);
		if (k->measure == MEASURE_SUM) { /* a week counts when its total compares */
			fprintf(f, "%s, ", op_c(k->op));
			quantity_expr(g, f, &k->q);
			fprintf(f, ", %d, %d, ", k->k, k->n);
		} else {
			fprintf(f, "%s, %d, %d, ", k->present ? "true" : "false", k->k, k->n);
		}
		window_expr(g, f, k->win, ln);
		fputs(");\n", f);
		return t;
	case COND_COMPARE:
		if (k->measure == MEASURE_THEMES_MET || k->measure == MEASURE_INDICATORS_MET) {
			int limit = k->limit ? gen_member_limit(g, k) : 0;
			t = ++g->tmp;
			indent(f, in);
			fprintf(f, "ehp_tv t%d = ehp_compare(ev, %d /* line %d */, ", t, id, ln);
			if (limit)
				fprintf(f, "ehp_met_limited(ev, &limit_%d), %s, ", limit, op_c(k->op));
			else
				fprintf(f, "%s(ev), %s, ", k->measure == MEASURE_THEMES_MET ? "ehp_themes_met" : "ehp_indicators_met",
				        op_c(k->op));
			quantity_expr(g, f, &k->q);
			fputs(");\n", f);
			return t;
		}
		s = selector_table(g, &k->sel, ln);
		m = ++g->tmp;
		indent(f, in);
		if (k->roll_n) {
			fprintf(f, "double m%d = ehp_count_rolling(ev, %d /* line %d */, subject, ", m, id, ln);
			selector_args(f, &k->sel, s);
			fprintf(f, ", %d, %s,\n", k->roll_n, unit_c(k->roll_unit));
			indent(f, in + 1);
			window_expr(g, f, k->win, ln);
			fputs(");\n", f);
		} else {
			fprintf(f, "double m%d = ehp_measure_%s(ev, %d /* line %d */, %s, ", m, k->who ? "together" : "in", id, ln,
			        measure_c(k->measure));
			subject_arg(g, f, k);
			selector_args(f, &k->sel, s);
			fputs(",\n", f);
			indent(f, in + 1);
			window_expr(g, f, k->win, ln);
			fprintf(f, ", %s);\n", per_c(k->per));
		}
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_compare(ev, %d /* line %d */, m%d, %s, ", t, id, ln, m, op_c(k->op));
		quantity_expr(g, f, &k->q);
		fputs(");\n", f);
		return t;
	case COND_CHANGE:
		s = selector_table(g, &k->sel, ln);
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_change%s%s(ev, %d /* line %d */, %s, ", t, k->any_change ? "_any" : "",
		        k->who ? "_together" : "", id, ln, measure_c(k->measure));
		subject_arg(g, f, k);
		selector_args(f, &k->sel, s);
		fprintf(f, ", %s,\n", per_c(k->per));
		indent(f, in + 1);
		window_expr(g, f, k->win, ln);
		fputs(",\n", f);
		indent(f, in + 1);
		window_expr(g, f, k->win2, ln);
		fputs(",\n", f);
		indent(f, in + 1);
		if (k->any_change) {
			fprintf(f, "%s);\n", k->rises ? "EHP_RISES" : "EHP_FALLS");
			return t;
		}
		fprintf(f, "%s, %s, ", k->rises ? "EHP_RISES" : "EHP_FALLS", k->points ? "true" : "false");
		quantity_expr(g, f, &k->q);
		fputs(");\n", f);
		return t;
	case COND_SCORE:
		gen_reads_type(g, EHP_T_assessment); /* the runtime reads assessments' scores (measure.c) */
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_score%s(ev, %d /* line %d */, subject, EHP_D_%s, %s, ", t,
		        k->roll_n ? "_over" : "", id, ln, detail_name(k->ref), k->rises ? "EHP_RISES" : "EHP_FALLS");
		window_expr(g, f, k->win, ln);
		if (k->roll_n)
			fprintf(f, ", %d, %s", k->roll_n, unit_c(k->roll_unit));
		fputs(");\n", f);
		return t;
	case COND_ANY_AFTER: {
		s = selector_table(g, &k->sel, ln);
		int s2 = selector_table(g, k->sel2, ln);
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_any_after(ev, %d /* line %d */, subject, ", t, id, ln);
		selector_args(f, &k->sel, s);
		fprintf(f, ",\n");
		indent(f, in + 1);
		fprintf(f, "%d, %s, ", k->roll_n, unit_c(k->roll_unit));
		selector_args(f, k->sel2, s2);
		fputs(");\n", f);
		return t;
	}
	case COND_PERSON_IS:
		if (!o->person)
			unreachable("`person is` outside a person's row");
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_%s));", t, flag_name(k->ref));
		return t;
	case COND_PERSON_AGED:
		if (!o->person)
			unreachable("`person aged` outside a person's row");
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_tv_of(", t);
		age_test(f, "subject", k->lo, k->hi, k->age_at);
		fputs(");\n", f);
		return t;
	case COND_SOME_HAS:
	case COND_EVERY_HAS: {
		int who = cohort_helper(g, k->who, ln);
		int rule = rule_helper(g, k->a);
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = %s(ev, %d /* line %d */, who_%d, rule_%d);", t,
		         k->kind == COND_SOME_HAS ? "ehp_some" : "ehp_every", id, ln, who, rule);
		return t;
	}
	case COND_SOME_IS: {
		int who = cohort_helper(g, k->who, ln);
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = ehp_some(ev, %d /* line %d */, who_%d, NULL);", t, id, ln, who);
		return t;
	}
	case COND_ALL_RESOLVED:
		t = ++g->tmp;
		if (k->rejudged)
			gen_line(f, in, "ehp_tv t%d = ehp_all_resolved_at(ev, %d /* line %d */, %s);", t, id, ln, anchor_c(k->anchor));
		else
			gen_line(f, in, "ehp_tv t%d = ehp_all_resolved(ev, %d /* line %d */);", t, id, ln);
		return t;
	case COND_NEWLY_MET:
		t = ++g->tmp;
		gen_line(f, in, "ehp_tv t%d = ehp_newly_met_none(ev, %d /* line %d */, %s);", t, id, ln, anchor_c(k->anchor));
		return t;
	case COND_GAP:
		if (k->gap != GAP_AT_LEAST)
			return gap_code(g, o, k, id);
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_anchor_gap(ev, %d /* line %d */, %s, ", t, id, ln, anchor_c(k->anchor));
		point_expr(g, f, k->win);
		fprintf(f, ", %s);\n", k->win->kind == WIN_BEFORE ? "true" : "false");
		return t;
	case COND_DATE: /* `entry from 01/04/2025`: on or after it; `entry before 01/04/2025`: on or before the day before */
		if (k->day == EHP_NO_DATE)
			unreachable("date not checked");
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_anchor_gap(ev, %d /* line %d */, %s, (ehp_point){ %d /* ", t, id, ln,
		        anchor_c(k->anchor), k->present ? k->day : k->day - 1);
		if (!k->present)
			fputs("the day before ", f);
		emit_comment_text(f, k->name, 16);
		fprintf(f, " */, NULL }, %s);\n", k->present ? "false" : "true");
		return t;
	case COND_SETTING:
		if (k->ref < 0 || k->ref >= g->p->params.n)
			unreachable("setting not resolved");
		t = ++g->tmp;
		indent(f, in);
		fprintf(f, "ehp_tv t%d = ehp_setting(ev, %d /* line %d */, %d /* ", t, id, ln, k->ref);
		emit_comment_text(f, k->name, 64);
		fprintf(f, " */, %s);\n", k->present ? "true" : "false");
		return t;
	}
	unreachable("condition kind");
}

/* Whether the code for k reads its subject (a helper's own body does not count). */
/* Tests judged from the family's members and verdicts, or its dates and
 * settings, never one subject's records. */
static bool judged_without_subject(cond_kind k)
{
	switch (k) {
	case COND_SOME_HAS:
	case COND_EVERY_HAS:
	case COND_SOME_IS:
	case COND_ALL_RESOLVED:
	case COND_NEWLY_MET:
	case COND_GAP:
	case COND_DATE:
	case COND_SETTING:
		return true;
	default:
		return false;
	}
}

static void sel_types(const selector *s, uint64_t *types)
{
	for (int i = 0; s && i < s->n_types; i++)
		if (s->types[i] >= 0)
			types[s->types[i] / 64] |= UINT64_C(1) << (s->types[i] % 64);
}

/* `while SEL` windows read the subject's records of SEL's types. */
static void window_types(const window *w, uint64_t *types)
{
	for (; w; w = w->of) {
		if (w->kind == WIN_WHILE)
			sel_types(w->sel, types);
		if (w->kind == WIN_SPAN || w->kind == WIN_WHILE) {
			window_types(w->from, types);
			window_types(w->to, types);
		}
	}
}

/* gen_reads_records_only, and with `person`, a person's age and flags
 * allowed beside the records (gen_reads_records_beside_person). */
static bool reads_records(const cond *k, uint64_t *types, bool person)
{
	switch (k->kind) {
	case COND_AND:
	case COND_OR: {
		bool a = reads_records(k->a, types, person);
		bool b = reads_records(k->b, types, person);
		return a && b;
	}
	case COND_NOT:
		return reads_records(k->a, types, person);
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
	case COND_WEEKS:
	case COND_COMPARE:
	case COND_CHANGE:
	case COND_ANY_AFTER:
		if (k->who) /* a group taken together reads other members' records */
			return false;
		sel_types(&k->sel, types);
		sel_types(k->sel2, types);
		window_types(k->win, types);
		window_types(k->win2, types);
		return true;
	case COND_SCORE: /* assessments by tool: kept member by member */
		return false;
	case COND_PERSON_IS:
	case COND_PERSON_AGED:
		return person;
	default:
		return judged_without_subject(k->kind);
	}
}

bool gen_reads_records_only(const cond *k, uint64_t *types)
{
	return reads_records(k, types, false);
}

bool gen_reads_records_beside_person(const cond *k, uint64_t *types)
{
	return reads_records(k, types, true);
}

bool gen_reads_judging(const cond *k)
{
	switch (k->kind) {
	case COND_AND:
	case COND_OR:
		return gen_reads_judging(k->a) || gen_reads_judging(k->b);
	case COND_NOT:
		return gen_reads_judging(k->a);
	case COND_COMPARE:
		return k->measure == MEASURE_THEMES_MET || k->measure == MEASURE_INDICATORS_MET;
	case COND_SOME_HAS:
	case COND_EVERY_HAS:
	case COND_ALL_RESOLVED:
	case COND_NEWLY_MET:
		return true;
	default:
		return false;
	}
}

/* Whether a window reads the subject: `while SEL` is the span of the
 * subject's own record. */
static bool window_reads_subject(const window *w)
{
	uint64_t types[EHP_TYPE_WORDS] = { 0 };
	window_types(w, types);
	for (int i = 0; i < EHP_TYPE_WORDS; i++)
		if (types[i])
			return true;
	return false;
}

static bool uses_subject(const cond *k)
{
	switch (k->kind) {
	case COND_AND:
	case COND_OR:
		return uses_subject(k->a) || uses_subject(k->b);
	case COND_NOT:
		return uses_subject(k->a);
	case COND_COMPARE:
		if (k->who) /* a group taken together: only a `while` window reads the subject */
			return window_reads_subject(k->win);
		return k->measure != MEASURE_THEMES_MET && k->measure != MEASURE_INDICATORS_MET;
	case COND_CHANGE:
		return !k->who || window_reads_subject(k->win) || window_reads_subject(k->win2);
	default:
		return !judged_without_subject(k->kind);
	}
}

/* Whether each evidence item a test of k can leave ends at most on the
 * last day of one of its windows that reads no subject's records: record
 * tests, measures (a rolling count's busiest stretch lies within its
 * window), changes (both windows) and scores; `any ... after` looks no
 * further than the claim date; the age, flags and settings leave no dated
 * item. Others (dates compared, verdicts, other members, a window from the
 * subject's records) are not bounded so. */
static bool latest_bounded(const cond *k)
{
	switch (k->kind) {
	case COND_AND:
	case COND_OR:
		return latest_bounded(k->a) && latest_bounded(k->b);
	case COND_NOT:
		return latest_bounded(k->a);
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
	case COND_WEEKS:
	case COND_SCORE:
		return !window_reads_subject(k->win);
	case COND_COMPARE:
		return !k->who && k->measure != MEASURE_THEMES_MET && k->measure != MEASURE_INDICATORS_MET &&
		       !window_reads_subject(k->win);
	case COND_CHANGE:
		return !k->who && !window_reads_subject(k->win) && !window_reads_subject(k->win2);
	case COND_ANY_AFTER:
	case COND_PERSON_IS:
	case COND_PERSON_AGED:
	case COND_SETTING:
		return true;
	default:
		return false;
	}
}

/* `last = ehp_latest_end(last, WINDOW);` for each window of k's tests. */
static void latest_windows(gen *g, FILE *f, const cond *k)
{
	switch (k->kind) {
	case COND_AND:
	case COND_OR:
		latest_windows(g, f, k->a);
		latest_windows(g, f, k->b);
		return;
	case COND_NOT:
		latest_windows(g, f, k->a);
		return;
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
	case COND_WEEKS:
	case COND_SCORE:
	case COND_COMPARE:
	case COND_CHANGE:
		fputs("\tlast = ehp_latest_end(last, ", f);
		window_expr(g, f, k->win, k->loc.line);
		fputs(");\n", f);
		if (k->kind == COND_CHANGE) {
			fputs("\tlast = ehp_latest_end(last, ", f);
			window_expr(g, f, k->win2, k->loc.line);
			fputs(");\n", f);
		}
		return;
	default:
		return;
	}
}

/* Each line of text once, in the order first met: a window two tests
 * share adds nothing to the latest end the second time. Safe because every
 * line latest_windows writes is one whole statement (`last =
 * ehp_latest_end(last, WINDOW);`, window_expr writing no line break). */
static void put_lines_once(FILE *f, const char *text)
{
	for (const char *line = text; *line;) {
		const char *end = strchr(line, '\n');
		size_t n = end ? (size_t)(end - line) + 1 : strlen(line);
		bool seen = false;
		for (const char *before = text; before < line && !seen;) {
			const char *e = strchr(before, '\n');
			size_t bn = (size_t)(e - before) + 1;
			seen = bn == n && !memcmp(before, line, n);
			before += bn;
		}
		if (!seen)
			fwrite(line, 1, n, f);
		line += n;
	}
}

bool gen_latest_function(gen *g, FILE *f, const cond *where, const cond *when, const char *name)
{
	if (!when || !latest_bounded(when) || (where && !latest_bounded(where)))
		return false;
	fprintf(g->protos, "static ehp_date latest_%s(const ehp_eval *ev);\n", name);
	fprintf(f, "/* %s: the last day any window of its tests ends, to tell when it can be judged */\n", name);
	fprintf(f, "static ehp_date latest_%s(const ehp_eval *ev)\n{\n\tehp_date last = EHP_NO_DATE;\n", name);
	char *lines = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&lines, &len);
	if (!m) {
		g->failed = true;
		return false;
	}
	if (where)
		latest_windows(g, m, where);
	latest_windows(g, m, when);
	if (fclose(m)) {
		free(lines);
		g->failed = true;
		return false;
	}
	put_lines_once(f, lines);
	free(lines);
	fputs("\treturn last;\n}\n\n", f);
	return true;
}

static void cond_body(gen *g, FILE *f, const cond *k, bool person)
{
	int saved = g->tmp;
	g->tmp = 0;
	fputs("{\n", f);
	if (!uses_subject(k))
		fputs("\t(void)subject; /* judged from the verdicts and the members, not one subject's records */\n", f);
	out o = { f, 1, person };
	int t = cond_code(g, &o, k);
	gen_line(f, 1, "return t%d;", t);
	fputs("}\n\n", f);
	g->tmp = saved;
}

void gen_cond_function(gen *g, FILE *f, const cond *k)
{
	cond_body(g, f, k, g->person_subject);
}

/* The inner condition of `some/every C has (...)`, judged for each member. */
static int rule_helper(gen *g, const cond *k)
{
	int id = ++g->n_helpers;
	char *buf;
	size_t len;
	FILE *f = open_memstream(&buf, &len); /* a rule may hold rules: write them first */
	if (!f) {
		g->failed = true;
		return id;
	}
	fprintf(g->protos, "static ehp_tv rule_%d(ehp_eval *ev, int subject);\n", id);
	fprintf(f, "/* line %d: the condition each member is tested for */\n", k->loc.line);
	fprintf(f, "static ehp_tv rule_%d(ehp_eval *ev, int subject)\n", id);
	cond_body(g, f, k, true);
	fclose(f);
	fwrite(buf, 1, len, g->helpers);
	free(buf);
	return id;
}
