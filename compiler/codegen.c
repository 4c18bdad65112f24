/*
 * codegen.c - the C back end. A checked plan becomes one C file:
 *
 *   - one function per indicator and outcome, named after its row
 *     (ind_1_1, out_1a), whose body is straight-line code over three-valued
 *     verdicts, short-circuiting `and` and `or` as the plan reads;
 *   - cohort functions (who_...), helper functions for `some/every C has`;
 *   - const tables describing the plan for the runtime, and main().
 *
 * Plan text reaches the output only through cstring.c. Helper functions are
 * written to their own memory streams and gathered after the prototypes, so
 * the generator never needs to know a function's body before its name.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include "codegen.h"
#include "cstring.h"
#include "ehp.h"

typedef struct {
	const plan *p;
	FILE *protos;   /* prototypes of every function */
	FILE *helpers;  /* cohort and rule helpers, in the order they were made */
	int n_helpers;
	int tmp;        /* last temporary used in the current function */
} gen;

typedef struct {
	FILE *f;
	int indent;
} out;

static void line(out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void line(out *o, const char *fmt, ...)
{
	for (int i = 0; i < o->indent; i++)
		putc('\t', o->f);
	va_list ap;
	va_start(ap, fmt);
	vfprintf(o->f, fmt, ap);
	va_end(ap);
	putc('\n', o->f);
}

static FILE *memstream(char **buf, size_t *len)
{
	FILE *f = open_memstream(buf, len);
	if (!f) {
		fputs("ehpc: out of memory\n", stderr);
		exit(2);
	}
	return f;
}

/* ------------------------------------------------------------ names */

static const char *const TYPE_NAMES[] = {
#define EHP_RECORD(name, kind, unit, doc) #name,
#include "vocabulary.def"
#undef EHP_RECORD
};
static const char *const DETAIL_NAMES[] = {
	"none",
#define EHP_DETAIL(name, doc) #name,
#include "vocabulary.def"
#undef EHP_DETAIL
};
static const char *const FLAG_NAMES[] = {
#define EHP_FLAG(name, doc) #name,
#include "vocabulary.def"
#undef EHP_FLAG
};

static void row_fn(FILE *f, const row *r)
{
	fputs(r->kind == ROW_INDICATOR ? "ind_" : "out_", f);
	emit_ident_part(f, r->id);
}

static const char *anchor_c(anchor_kind a)
{
	return a == ANCHOR_ENTRY ? "EHP_ENTRY" : a == ANCHOR_CLOSURE ? "EHP_CLOSURE" : "EHP_CLAIM";
}

static const char *unit_c(unit_kind u)
{
	switch (u) {
	case UNIT_DAYS: return "EHP_DAYS";
	case UNIT_WEEKS: return "EHP_WEEKS";
	case UNIT_MONTHS: return "EHP_MONTHS";
	case UNIT_TERMS: return "EHP_TERMS";
	default: return "-1";
	}
}

static const char *const OPS[] = { "EHP_OP_LT", "EHP_OP_LE", "EHP_OP_GT", "EHP_OP_GE", "EHP_OP_EQ" };

/* ------------------------------------------------------------ expressions */

static void window_expr(FILE *f, const window *w)
{
	switch (w->kind) {
	case WIN_BEFORE:
		fprintf(f, "ehp_window_before(ev, %s, %d, %s)", anchor_c(w->anchor), w->n, unit_c(w->unit));
		return;
	case WIN_AFTER:
		fprintf(f, "ehp_window_after(ev, %s, %d, %s)", anchor_c(w->anchor), w->n, unit_c(w->unit));
		return;
	case WIN_AT:
		fprintf(f, "ehp_window_at(ev, %s)", anchor_c(w->anchor));
		return;
	case WIN_SPAN:
		fputs("ehp_window_span(", f);
		window_expr(f, w->from);
		fputs(", ", f);
		window_expr(f, w->to);
		putc(')', f);
		return;
	case WIN_SUPPORT:
		fputs("ehp_window_during_support(ev)", f);
		return;
	}
}

/* `(const ehp_sel[]){ { EHP_T_offence, -1, NULL } }, 1` */
static void selector_args(FILE *f, const selector *s)
{
	fputs("(const ehp_sel[]){ ", f);
	for (int i = 0; i < s->n_types; i++) {
		fprintf(f, "%s{ EHP_T_%s, ", i ? ", " : "", TYPE_NAMES[s->types[i]]);
		if (s->detail > 0)
			fprintf(f, "EHP_D_%s, ", DETAIL_NAMES[s->detail]);
		else
			fputs("-1, ", f);
		if (s->author)
			emit_c_string(f, s->author);
		else
			fputs("NULL", f);
		fputs(" }", f);
	}
	fprintf(f, " }, %d", s->n_types);
}

static void quantity_expr(FILE *f, const quantity *q)
{
	if (q->param_index >= 0)
		fprintf(f, "ev->params[%d] /* %s */", q->param_index, q->param);
	else
		fprintf(f, "%.17g", q->value);
}

static void age_test(FILE *f, const char *person, int lo, int hi)
{
	if (lo >= 0 && hi >= 0)
		fprintf(f, "(ehp_age(ev, %s) >= %d && ehp_age(ev, %s) <= %d)", person, lo, person, hi);
	else if (lo >= 0)
		fprintf(f, "ehp_age(ev, %s) >= %d", person, lo);
	else
		fprintf(f, "ehp_age(ev, %s) <= %d", person, hi);
}

static void cohort_expr(FILE *f, const gen *g, const cohort *k)
{
	switch (k->kind) {
	case COH_ANYONE: fputs("true", f); return;
	case COH_CHILD: fputs("ehp_age(ev, person) < 18", f); return;
	case COH_ADULT: fputs("ehp_age(ev, person) >= 18", f); return;
	case COH_NAMED:
		fprintf(f, "cohort_%s(ev, person)", ((const cohort_def *)g->p->cohorts.v[k->ref])->name);
		return;
	case COH_AGED: age_test(f, "person", k->lo, k->hi); return;
	case COH_FLAG: fprintf(f, "ehp_has_flag(ev, person, EHP_F_%s)", FLAG_NAMES[k->ref]); return;
	case COH_AND:
		/* `child aged 10 to 18`: the band says the ages; `anyone who is x`: the flag says who */
		if (k->a->kind == COH_ANYONE || (k->b->kind == COH_AGED && (k->a->kind == COH_CHILD || k->a->kind == COH_ADULT))) {
			cohort_expr(f, g, k->b);
			return;
		}
		/* fall through */
	case COH_OR:
		putc('(', f);
		cohort_expr(f, g, k->a);
		fputs(k->kind == COH_AND ? " && " : " || ", f);
		cohort_expr(f, g, k->b);
		putc(')', f);
		return;
	}
}

/* A new cohort helper function; returns its number. */
static int cohort_helper(gen *g, const cohort *k)
{
	int id = ++g->n_helpers;
	fprintf(g->protos, "static bool who_%d(const ehp_eval *ev, int person);\n", id);
	fprintf(g->helpers, "static bool who_%d(const ehp_eval *ev, int person)\n{\n\treturn ", id);
	cohort_expr(g->helpers, g, k);
	fputs(";\n}\n\n", g->helpers);
	return id;
}

static int rule_helper(gen *g, const cond *k);

/* Emits statements computing k into a new temporary; returns its number. */
static int cond_code(gen *g, out *o, const cond *k)
{
	int t;
	switch (k->kind) {
	case COND_AND:
	case COND_OR: {
		int a = cond_code(g, o, k->a);
		t = ++g->tmp;
		line(o, "ehp_tv t%d = t%d;", t, a);
		line(o, "if (t%d != %s) {", a, k->kind == COND_AND ? "EHP_FALSE" : "EHP_TRUE");
		o->indent++;
		int b = cond_code(g, o, k->b);
		line(o, "t%d = %s(t%d, t%d);", t, k->kind == COND_AND ? "ehp_and" : "ehp_or", a, b);
		o->indent--;
		line(o, "}");
		return t;
	}
	case COND_NOT: {
		int a = cond_code(g, o, k->a);
		t = ++g->tmp;
		line(o, "ehp_tv t%d = ehp_not(t%d);", t, a);
		return t;
	}
	default:
		break;
	}
	t = ++g->tmp;
	FILE *f = o->f;
	for (int i = 0; i < o->indent; i++)
		putc('\t', f);
	fprintf(f, "ehp_tv t%d = ", t);
	int ln = k->loc.line;
	switch (k->kind) {
	case COND_ANY:
	case COND_NONE:
	case COND_THROUGHOUT:
		fprintf(f, "%s(ev, %d, subject, ", k->kind == COND_ANY ? "ehp_any" : k->kind == COND_NONE ? "ehp_none" : "ehp_throughout", ln);
		selector_args(f, &k->sel);
		fputs(",\n", f);
		for (int i = 0; i <= o->indent; i++)
			putc('\t', f);
		window_expr(f, k->win);
		fputs(");\n", f);
		break;
	case COND_WEEKS:
		fprintf(f, "ehp_weeks(ev, %d, subject, ", ln);
		selector_args(f, &k->sel);
		fprintf(f, ", %s, %d, %d,\n", k->present ? "true" : "false", k->k, k->n);
		for (int i = 0; i <= o->indent; i++)
			putc('\t', f);
		window_expr(f, k->win);
		fputs(");\n", f);
		break;
	case COND_COMPARE:
		fprintf(f, "ehp_compare(ev, %d, ", ln);
		if (k->measure == MEASURE_THEMES_MET) {
			fputs("ehp_themes_met(ev)", f);
		} else if (k->measure == MEASURE_INDICATORS_MET) {
			fputs("ehp_indicators_met(ev)", f);
		} else {
			static const char *const M[] = { "EHP_M_COUNT", "EHP_M_SUM", "EHP_M_RATE" };
			fprintf(f, "\n");
			for (int i = 0; i <= o->indent; i++)
				putc('\t', f);
			fprintf(f, "ehp_measure_in(ev, %d, %s, subject, ", ln, M[k->measure]);
			selector_args(f, &k->sel);
			fputs(", ", f);
			window_expr(f, k->win);
			fprintf(f, ", %s)", unit_c(k->per));
		}
		fprintf(f, ", %s, ", OPS[k->op]);
		quantity_expr(f, &k->q);
		fputs(");\n", f);
		break;
	case COND_CHANGE: {
		static const char *const M[] = { "EHP_M_COUNT", "EHP_M_SUM", "EHP_M_RATE" };
		fprintf(f, "ehp_change(ev, %d, %s, subject, ", ln, M[k->measure]);
		selector_args(f, &k->sel);
		fprintf(f, ", %s,\n", unit_c(k->per));
		for (int i = 0; i <= o->indent; i++)
			putc('\t', f);
		window_expr(f, k->win);
		fputs(",\n", f);
		for (int i = 0; i <= o->indent; i++)
			putc('\t', f);
		window_expr(f, k->win2);
		fprintf(f, ",\n");
		for (int i = 0; i <= o->indent; i++)
			putc('\t', f);
		fprintf(f, "%s, %s, ", k->rises ? "EHP_RISES" : "EHP_FALLS", k->points ? "true" : "false");
		quantity_expr(f, &k->q);
		fputs(");\n", f);
		break;
	}
	case COND_SCORE:
		fprintf(f, "ehp_score(ev, %d, subject, EHP_D_%s, %s, ", ln, DETAIL_NAMES[k->ref], k->rises ? "EHP_RISES" : "EHP_FALLS");
		window_expr(f, k->win);
		fputs(");\n", f);
		break;
	case COND_PERSON_IS:
		fprintf(f, "ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_%s));\n", FLAG_NAMES[k->ref]);
		break;
	case COND_PERSON_AGED:
		fputs("ehp_tv_of(", f);
		age_test(f, "subject", k->lo, k->hi);
		fputs(");\n", f);
		break;
	case COND_SOME_HAS:
	case COND_EVERY_HAS: {
		int who = cohort_helper(g, k->who);
		int rule = rule_helper(g, k->a);
		fprintf(f, "%s(ev, %d, who_%d, rule_%d);\n", k->kind == COND_SOME_HAS ? "ehp_some" : "ehp_every", ln, who, rule);
		break;
	}
	case COND_SOME_IS: {
		int who = cohort_helper(g, k->who);
		fprintf(f, "ehp_some(ev, %d, who_%d, NULL);\n", ln, who);
		break;
	}
	case COND_ALL_RESOLVED:
		fprintf(f, "ehp_all_resolved(ev, %d);\n", ln);
		break;
	default:
		fputs("EHP_UNKNOWN;\n", f);
		break;
	}
	return t;
}

/* The body of a condition function: `static ehp_tv NAME(ehp_eval *ev, int subject)`. */
static void cond_function(gen *g, FILE *f, const cond *k)
{
	int saved = g->tmp;
	g->tmp = 0;
	char *buf;
	size_t len;
	out o = { memstream(&buf, &len), 1 };
	int t = cond_code(g, &o, k);
	line(&o, "return t%d;", t);
	fclose(o.f);
	fputs("{\n", f);
	if (!strstr(buf, "subject"))
		fputs("\t(void)subject; /* a family rule reads the verdicts, not one subject */\n", f);
	fwrite(buf, 1, len, f);
	fputs("}\n\n", f);
	free(buf);
	g->tmp = saved;
}

static int rule_helper(gen *g, const cond *k)
{
	int id = ++g->n_helpers;
	char *buf;
	size_t len;
	FILE *f = memstream(&buf, &len);
	fprintf(g->protos, "static ehp_tv rule_%d(ehp_eval *ev, int subject);\n", id);
	fprintf(f, "/* line %d: the condition each member is tested for */\n", k->loc.line);
	fprintf(f, "static ehp_tv rule_%d(ehp_eval *ev, int subject)\n", id);
	cond_function(g, f, k);
	fclose(f);
	fwrite(buf, 1, len, g->helpers);
	free(buf);
	return id;
}

/* ------------------------------------------------------------ rows */

static void row_function(gen *g, FILE *f, const row *r)
{
	fprintf(f, "/* %s ", r->kind == ROW_INDICATOR ? "indicator" : "outcome");
	emit_comment_text(f, r->id, 32);
	fputs(": ", f);
	emit_comment_text(f, r->text, 100);
	fputs(" */\n", f);
	fputs("static ehp_tv ", f);
	row_fn(f, r);
	fputs("(ehp_eval *ev, int subject)\n", f);
	cond_function(g, f, r->when);

	fputs("static ehp_tv ", g->protos);
	row_fn(g->protos, r);
	fputs("(ehp_eval *ev, int subject);\n", g->protos);
	if (r->who) {
		fputs("static bool who_", g->protos);
		row_fn(g->protos, r);
		fputs("(const ehp_eval *ev, int person);\n", g->protos);
		fputs("static bool who_", f);
		row_fn(f, r);
		fputs("(const ehp_eval *ev, int person)\n{\n\treturn ", f);
		cohort_expr(f, g, r->who);
		fputs(";\n}\n\n", f);
	}
}

static const char *scope_c(scope_kind s)
{
	return s == SCOPE_HOUSEHOLD ? "EHP_SCOPE_HOUSEHOLD" : s == SCOPE_FAMILY ? "EHP_SCOPE_FAMILY" : "EHP_SCOPE_PERSON";
}

static void who_ref(FILE *f, const row *r)
{
	if (r->who && r->scope == SCOPE_PERSON) {
		fputs("who_", f);
		row_fn(f, r);
	} else {
		fputs("NULL", f);
	}
}

static const char *unit_name(unit_kind u)
{
	switch (u) {
	case UNIT_PERCENT: return "percent";
	case UNIT_MONEY: return "pounds";
	case UNIT_DAYS: return "days";
	case UNIT_WEEKS: return "weeks";
	case UNIT_MONTHS: return "months";
	case UNIT_TERMS: return "terms";
	case UNIT_SESSIONS: return "sessions";
	default: return "number";
	}
}

static void tables(gen *g, FILE *f, const char *hash)
{
	const plan *p = g->p;
	fputs("/* ---------------------------------------------------------------- the plan as data */\n\n", f);
	fputs("static const ehp_theme_def themes[] = {\n", f);
	for (int i = 0; i < p->themes.n; i++) {
		const theme *t = p->themes.v[i];
		fputs("\t{ ", f);
		emit_c_string(f, t->name);
		fputs(", ", f);
		emit_c_string(f, t->title);
		fputs(", ", f);
		emit_c_string(f, t->text);
		fprintf(f, ", %d },\n", t->loc.line);
	}
	fputs("};\n\n", f);
	for (int i = 0; i < p->outcomes.n; i++) {
		const row *r = p->outcomes.v[i];
		fputs("static const int serves_", f);
		emit_ident_part(f, r->id);
		fputs("[] = { ", f);
		for (int s = 0; s < r->n_serves; s++)
			fprintf(f, "%d, ", r->serves[s]);
		fputs("-1 };\n", f);
	}
	fputs("\nstatic const ehp_indicator_def indicators[] = {\n", f);
	for (int i = 0; i < p->indicators.n; i++) {
		const row *r = p->indicators.v[i];
		fputs("\t{ ", f);
		emit_c_string(f, r->id);
		fputs(",\n\t  ", f);
		emit_c_string(f, r->text);
		fputs(",\n\t  ", f);
		emit_c_string(f, r->period);
		fputs(", ", f);
		emit_c_string(f, r->source);
		fprintf(f, ",\n\t  %d, %d, %s, ", r->loc.line, r->theme, scope_c(r->scope));
		who_ref(f, r);
		fputs(", ", f);
		row_fn(f, r);
		fputs(" },\n", f);
	}
	fputs("};\n\nstatic const ehp_outcome_def outcomes[] = {\n", f);
	for (int i = 0; i < p->outcomes.n; i++) {
		const row *r = p->outcomes.v[i];
		fputs("\t{ ", f);
		emit_c_string(f, r->id);
		fputs(",\n\t  ", f);
		emit_c_string(f, r->text);
		fputs(",\n\t  ", f);
		emit_c_string(f, r->period);
		fprintf(f, ",\n\t  %d, %d, %s, ", r->loc.line, r->theme, scope_c(r->scope));
		who_ref(f, r);
		fputs(", ", f);
		row_fn(f, r);
		fputs(", serves_", f);
		emit_ident_part(f, r->id);
		fputs(" },\n", f);
	}
	fputs("};\n\n", f);
	if (p->params.n) {
		fputs("static const ehp_param_def params[] = {\n", f);
		for (int i = 0; i < p->params.n; i++) {
			const param *pm = p->params.v[i];
			fputs("\t{ ", f);
			emit_c_string(f, pm->name);
			fprintf(f, ", \"%s\", ", unit_name(pm->value.unit));
			emit_c_string(f, pm->doc);
			fprintf(f, ", %.17g, %d },\n", pm->value.value, pm->loc.line);
		}
		fputs("};\n\n", f);
	}
	fputs("static const ehp_plan plan = {\n\t", f);
	emit_c_string(f, p->name);
	fputs(",\n\t", f);
	emit_c_string(f, p->title);
	fputs(",\n\t", f);
	emit_c_string(f, p->council);
	fputs(",\n\t", f);
	emit_c_string(f, p->revised);
	fputs(",\n\t", f);
	emit_c_string(f, p->source);
	fputs(",\n\t", f);
	emit_c_string(f, p->file);
	fputs(",\n\t", f);
	emit_c_string(f, hash);
	fprintf(f, ",\n\tthemes, %d,\n\t%s, %d,\n\t%s, %d,\n\t%s, %d,\n", p->themes.n, p->indicators.n ? "indicators" : "NULL",
	        p->indicators.n, p->outcomes.n ? "outcomes" : "NULL", p->outcomes.n, p->params.n ? "params" : "NULL", p->params.n);
	fprintf(f, "\t%s,\n\t%s,\n};\n\n", p->eligible ? "family_eligible" : "NULL", p->claimable ? "family_claimable" : "NULL");
	fputs("int main(int argc, char **argv)\n{\n\treturn ehp_main(&plan, argc, argv);\n}\n", f);
}

int emit_c(const plan *p, const char *source_hash, FILE *f)
{
	char *pbuf, *hbuf, *bbuf;
	size_t plen, hlen, blen;
	gen g = { .p = p };
	g.protos = memstream(&pbuf, &plen);
	g.helpers = memstream(&hbuf, &hlen);
	FILE *body = memstream(&bbuf, &blen);

	for (int i = 0; i < p->cohorts.n; i++) {
		const cohort_def *c = p->cohorts.v[i];
		fprintf(g.protos, "static bool cohort_%s(const ehp_eval *ev, int person);\n", c->name);
		fputs("/* cohort ", body);
		emit_comment_text(body, c->name, 64);
		fputs(": ", body);
		emit_comment_text(body, c->doc, 100);
		fprintf(body, " */\nstatic bool cohort_%s(const ehp_eval *ev, int person)\n{\n\treturn ", c->name);
		cohort_expr(body, &g, c->def);
		fputs(";\n}\n\n", body);
	}
	int current = -1;
	for (int i = 0; i < p->indicators.n + p->outcomes.n; i++) {
		const row *r = i < p->indicators.n ? p->indicators.v[i] : p->outcomes.v[i - p->indicators.n];
		if (i == 0 || i == p->indicators.n || r->theme != current) {
			current = r->theme;
			fprintf(body, "/* ---------------------------------------------------------------- %s, theme ",
			        r->kind == ROW_INDICATOR ? "indicators" : "outcomes");
			emit_comment_text(body, current >= 0 ? ((const theme *)p->themes.v[current])->name : "", 40);
			fputs(" */\n\n", body);
		}
		row_function(&g, body, r);
	}
	if (p->eligible || p->claimable)
		fputs("/* ---------------------------------------------------------------- family rules */\n\n", body);
	if (p->eligible) {
		fputs("static ehp_tv family_eligible(ehp_eval *ev, int subject);\n", g.protos);
		fprintf(body, "/* line %d: family eligible when ... */\nstatic ehp_tv family_eligible(ehp_eval *ev, int subject)\n", p->eligible->loc.line);
		cond_function(&g, body, p->eligible);
	}
	if (p->claimable) {
		fputs("static ehp_tv family_claimable(ehp_eval *ev, int subject);\n", g.protos);
		fprintf(body, "/* line %d: family claimable when ... */\nstatic ehp_tv family_claimable(ehp_eval *ev, int subject)\n", p->claimable->loc.line);
		cond_function(&g, body, p->claimable);
	}
	tables(&g, body, source_hash);
	fclose(g.protos);
	fclose(g.helpers);
	fclose(body);

	fputs("/*\n * Generated by ehpc " EHP_VERSION " from ", f);
	emit_comment_text(f, p->file, 200);
	fputs(".\n * Do not edit: edit the plan and run make.\n *\n * ", f);
	emit_comment_text(f, p->title, 200);
	fputs("\n */\n#include <stdbool.h>\n#include <stddef.h>\n#include \"ehp.h\"\n\n", f);
	fwrite(pbuf, 1, plen, f);
	fputs("\n", f);
	fwrite(hbuf, 1, hlen, f);
	fwrite(bbuf, 1, blen, f);
	free(pbuf);
	free(hbuf);
	free(bbuf);
	return ferror(f) ? -1 : 0;
}
