/*
 * codegen.c - the C back end. A checked plan becomes one C file:
 *
 *   - one function per indicator and outcome, named after its row
 *     (ind_1_1, out_1a, ind_1g_star), with its cohort test (who_ind_1_1);
 *   - one function per named cohort (cohort_dependent_child);
 *   - the family rules (family_eligible, family_claimable);
 *   - const tables describing the plan to the runtime, and main().
 *
 * Conditions are written by codegen_cond.c. Plan text reaches the output
 * only through cstring.c. The same plan always gives the same bytes.
 */
#include <stdlib.h>
#include <string.h>
#include "codegen.h"
#include "codegen_int.h"
#include "cstring.h"
#include "ehp.h"
#include "tidy.h"

/* ------------------------------------------------------------ names */

/* `dependent_child` stays itself; anything that is not a short identifier
 * (hand-built trees, or a future lexer) or repeats an earlier name gets a
 * name the other rule never makes. */
static char *cohort_name(const plan *p, int i, char **earlier)
{
	const char *name = ((const cohort_def *)p->cohorts.v[i])->name;
	size_t n = name ? strlen(name) : 0;
	bool ok = n > 0 && n <= CSTRING_IDENT_MAX &&
	          ((name[0] >= 'a' && name[0] <= 'z') || (name[0] >= 'A' && name[0] <= 'Z'));
	for (size_t k = 0; ok && k < n; k++) {
		char c = name[k];
		ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
	}
	for (int k = 0; ok && k < i; k++)
		ok = strcmp(earlier[k], name) != 0;
	if (ok) {
		char *s = malloc(n + 1);
		if (s)
			memcpy(s, name, n + 1);
		return s;
	}
	return c_ident_part("", i); /* `_L<i>` */
}

static char **row_names(gen *g, const ptr_vec *rows)
{
	char **names = calloc((size_t)rows->n + 1, sizeof *names);
	if (!names) {
		g->failed = true;
		return NULL;
	}
	for (int i = 0; i < rows->n; i++) {
		names[i] = c_ident_part(((const row *)rows->v[i])->id, i);
		if (!names[i])
			g->failed = true;
	}
	return names;
}

static void free_names(char **names, int n)
{
	if (!names)
		return;
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
}

static const char *row_name(const gen *g, const row *r)
{
	return r->kind == ROW_INDICATOR ? g->ind_names[r->index] : g->out_names[r->index];
}

static const char *row_prefix(const row *r)
{
	return r->kind == ROW_INDICATOR ? "ind" : "out";
}

/* ------------------------------------------------------------ functions */

static void cohort_function(gen *g, FILE *f, int i)
{
	const cohort_def *c = g->p->cohorts.v[i];
	if (g->cohort_used[i])
		fprintf(g->protos, "static bool cohort_%s(const ehp_eval *ev, int person);\n", g->cohort_names[i]);
	fputs("/* cohort ", f);
	emit_comment_text(f, c->name, 64);
	fprintf(f, " (line %d): ", c->loc.line);
	emit_comment_text(f, c->doc, 200);
	if (!g->cohort_used[i]) {
		fputs(" - not used */\n\n", f);
		return;
	}
	fprintf(f, " */\nstatic bool cohort_%s(const ehp_eval *ev, int person)\n", g->cohort_names[i]);
	gen_cohort_body(g, f, c->def);
}

/* Whether a person row needs a cohort function: a row for everyone has
 * none (.who stays NULL, which the runtime reads as everyone), so no call
 * is made for each member to learn that each is in it. */
static bool has_cohort_test(const row *r)
{
	return r->who && r->scope == SCOPE_PERSON && r->who->kind != COH_ANYONE;
}

static int *cohort_slot(gen *g, const row *r)
{
	return r->kind == ROW_INDICATOR ? &g->ind_cohort[r->index] : &g->out_cohort[r->index];
}

/* Whether writing a cohort's expression wrote nothing else: no helper,
 * test, selection, string or record type read. Only such a cohort may be
 * shared: the others' expressions cannot be written twice to compare. */
static bool wrote_nothing_else(const gen *g, const gen *before)
{
	return g->n_strs == before->n_strs && g->n_sels == before->n_sels && g->n_helpers == before->n_helpers &&
	       g->n_tests == before->n_tests && !memcmp(g->reads_types, before->reads_types, sizeof g->reads_types);
}

/* The row's cohort test: the function of an earlier row whose cohort is
 * written the same, or one of its own (who_ind_1_1), added to the table of
 * distinct cohorts (ehp_plan.cohorts). */
static void row_cohort(gen *g, FILE *f, const row *r)
{
	gen before = *g;
	char *expr = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&expr, &len);
	if (!m) {
		g->failed = true;
		return;
	}
	gen_cohort_expr(g, m, r->who);
	fclose(m);
	bool shareable = wrote_nothing_else(g, &before);
	for (int c = 0; shareable && c < g->n_row_cohorts; c++)
		if (g->cohort_exprs[c] && !strcmp(g->cohort_exprs[c], expr)) {
			*cohort_slot(g, r) = c + 1;
			free(expr);
			return;
		}
	int n = g->n_row_cohorts++;
	g->cohort_fns[n] = malloc(strlen(row_name(g, r)) + 9);
	if (!g->cohort_fns[n]) {
		g->failed = true;
		free(expr);
		return;
	}
	sprintf(g->cohort_fns[n], "who_%s_%s", row_prefix(r), row_name(g, r));
	*cohort_slot(g, r) = n + 1;
	g->cohort_bands[n] = gen_cohort_band(r->who);
	fprintf(g->protos, "static bool %s(const ehp_eval *ev, int person);\n", g->cohort_fns[n]);
	fprintf(f, "static bool %s(const ehp_eval *ev, int person)\n", g->cohort_fns[n]);
	gen_cohort_body_of(f, expr);
	if (shareable)
		g->cohort_exprs[n] = expr;
	else
		free(expr);
}

static bool row_reads(const row *r, uint64_t reads[EHP_TYPE_WORDS]);

static bool any_banded(const gen *g)
{
	for (int c = 0; c < g->n_row_cohorts; c++)
		if (g->cohort_bands[c].banded)
			return true;
	return false;
}

/* Whether person indicator r reads its member's age or flags beside their
 * records (of the types it sets in reads), and nothing else: then a member
 * with none of those records may get the verdict of its `nothing`
 * function, worked out once a family. */
static bool nothing_reads(const row *r, uint64_t reads[EHP_TYPE_WORDS])
{
	memset(reads, 0, EHP_TYPE_WORDS * sizeof *reads);
	if (r->kind != ROW_INDICATOR || r->scope != SCOPE_PERSON || r->exempt || r->where || !r->when ||
	    gen_reads_judging(r->when) || !gen_reads_records_beside_person(r->when, reads))
		return false;
	uint64_t any = 0;
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		any |= reads[w];
	return any != 0; /* with no record test, the age and flags decide every verdict */
}

/* `nothing_ind_X`: the row's function with its tests of the member's age
 * and flags unknown (gen_nothing_body), in a stand-in class of its own
 * shape (ehp_indicator_def.nothing). */
static void nothing_function(gen *g, FILE *f, const row *r, const char *body)
{
	char *nothing = gen_nothing_body(body);
	if (!nothing)
		return; /* judged member by member, as before */
	const char *name = row_name(g, r);
	fprintf(f, "/* indicator ");
	emit_comment_text(f, r->id, 32);
	fputs(" for a member with none of its records, whatever their age and flags (EHP_UNKNOWN: those decide) */\n", f);
	fprintf(g->protos, "static ehp_tv nothing_ind_%s(ehp_eval *ev, int subject);\n", name);
	fprintf(f, "static ehp_tv nothing_ind_%s(ehp_eval *ev, int subject)\n%s", name, nothing);
	gen_row_standin(g, &g->ind_nothing[r->index], nothing);
	free(nothing);
}

static void row_function(gen *g, FILE *f, const row *r)
{
	const char *pre = row_prefix(r), *name = row_name(g, r);
	fprintf(f, "/* %s ", r->kind == ROW_INDICATOR ? "indicator" : "outcome");
	emit_comment_text(f, r->id, 32);
	fprintf(f, " (line %d): ", r->loc.line);
	emit_comment_text(f, r->text, 200);
	fputs(" */\n", f);
	fprintf(g->protos, "static ehp_tv %s_%s(ehp_eval *ev, int subject);\n", pre, name);
	fprintf(f, "static ehp_tv %s_%s(ehp_eval *ev, int subject)\n", pre, name);
	g->person_subject = r->scope == SCOPE_PERSON;
	char *body = NULL;
	size_t len = 0;
	FILE *m = open_memstream(&body, &len); /* written here first, to compare with earlier rows' */
	if (!m) {
		g->failed = true;
		return;
	}
	if (r->where) { /* the band first: outside it the outcome does not apply */
		cond both = { .kind = COND_AND, .loc = r->where->loc, .a = r->where, .b = r->when };
		gen_cond_function(g, m, &both);
	} else {
		gen_cond_function(g, m, r->when);
	}
	fclose(m);
	fwrite(body, 1, len, f);
	uint64_t reads[EHP_TYPE_WORDS];
	if (row_reads(r, reads) && !gen_reads_judging(r->when) && !(r->where && gen_reads_judging(r->where)))
		gen_row_standin(g, r->kind == ROW_INDICATOR ? &g->ind_standin[r->index] : &g->out_standin[r->index], body);
	else if (nothing_reads(r, reads))
		nothing_function(g, f, r, body);
	free(body);
	if (r->exempt) {
		fprintf(f, "/* indicator ");
		emit_comment_text(f, r->id, 32);
		fprintf(f, " (line %d): a member who meets it needs no outcome when ... */\n", r->exempt->loc.line);
		fprintf(g->protos, "static ehp_tv exempt_%s_%s(ehp_eval *ev, int subject);\n", pre, name);
		fprintf(f, "static ehp_tv exempt_%s_%s(ehp_eval *ev, int subject)\n", pre, name);
		gen_cond_function(g, f, r->exempt);
	}
	if (r->kind == ROW_OUTCOME) { /* the last day its tests look at, for ehp_outcomes_due */
		char fn[96];
		snprintf(fn, sizeof fn, "out_%s", name);
		g->out_latest[r->index] = gen_latest_function(g, f, r->where, r->when, fn);
	}
	if (has_cohort_test(r))
		row_cohort(g, f, r);
}

static void family_rule(gen *g, FILE *f, const cond *k, const char *what)
{
	if (!k)
		return;
	fprintf(g->protos, "static ehp_tv family_%s(ehp_eval *ev, int subject);\n", what);
	fprintf(f, "/* line %d: the family is %s when ... */\n", k->loc.line, what);
	fprintf(f, "static ehp_tv family_%s(ehp_eval *ev, int subject)\n", what);
	g->person_subject = false;
	gen_cond_function(g, f, k);
}

/* ------------------------------------------------------------ tables */

static const char *scope_c(scope_kind s)
{
	return s == SCOPE_HOUSEHOLD ? "EHP_SCOPE_HOUSEHOLD" : s == SCOPE_FAMILY ? "EHP_SCOPE_FAMILY" : "EHP_SCOPE_PERSON";
}

static const char *unit_name(unit_kind u)
{
	switch (u) {
	case UNIT_NUMBER: return "number";
	case UNIT_PERCENT: return "percent";
	case UNIT_MONEY: return "pounds";
	case UNIT_DAYS: return "days";
	case UNIT_WEEKS: return "weeks";
	case UNIT_MONTHS: return "months";
	case UNIT_TERMS: return "terms";
	case UNIT_SESSIONS: return "sessions";
	case UNIT_SCORE: return "score";
	case UNIT_POINTS: return "points";
	case UNIT_YESNO: return "yes/no";
	}
	return "number";
}

/* A person row judged from its members' records alone (no ages, flags or
 * scores in its `when`, `where`, or an exemption): the types it reads, in
 * reads[], so the runtime judges a member with none of them once. A
 * household or family indicator so judged: in a family with no record of
 * those types it gets its class's verdict, so the runtime need not enter
 * it when that is not met (eval/standins.c). */
static bool row_reads(const row *r, uint64_t reads[EHP_TYPE_WORDS])
{
	memset(reads, 0, EHP_TYPE_WORDS * sizeof *reads);
	if ((r->scope != SCOPE_PERSON && r->kind != ROW_INDICATOR) || r->exempt || !r->when)
		return false;
	bool only = gen_reads_records_only(r->when, reads);
	if (r->where)
		only = gen_reads_records_only(r->where, reads) && only;
	return only;
}

static void reads_table(gen *g, FILE *f, const row *r)
{
	uint64_t reads[EHP_TYPE_WORDS];
	const char *what = "reads";
	if (!row_reads(r, reads)) {
		if (r->kind != ROW_INDICATOR || !g->ind_nothing[r->index] || !nothing_reads(r, reads))
			return;
		what = "nothing_reads";
	}
	fprintf(f, "static const uint64_t %s_%s_%s[] = {", what, row_prefix(r), row_name(g, r));
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		fprintf(f, "%s UINT64_C(0x%016llx)", w ? "," : "", (unsigned long long)reads[w]);
	fputs(" };\n", f);
}

/* The row's level, theme and id cells as indicators.csv or outcomes.csv
 * writes them (the runtime's own ehp_row_cells, so quoted alike): the
 * same for every family, so not made again for each. */
static void row_cells(gen *g, FILE *f, const row *r)
{
	ehp_scope scope = r->scope == SCOPE_HOUSEHOLD ? EHP_SCOPE_HOUSEHOLD
	                  : r->scope == SCOPE_FAMILY  ? EHP_SCOPE_FAMILY
	                                              : EHP_SCOPE_PERSON;
	ehp_buf b = { 0 };
	ehp_row_cells(&b, scope, ((const theme *)g->p->themes.v[r->theme])->name, r->id);
	ehp_buf_char(&b, '\0');
	fputs(",\n\t  .cells = ", f);
	gen_string(g, f, b.p);
	fprintf(f, ", .n_cells = %zu", b.len - 1);
	ehp_buf_free(&b);
}

/* One row of the indicators or outcomes table, every field named. */
static void row_entry(gen *g, FILE *f, const row *r)
{
	const char *pre = row_prefix(r), *name = row_name(g, r);
	fputs("\t{ .id = ", f);
	gen_string(g, f, r->id);
	fputs(",\n\t  .text = ", f);
	gen_string(g, f, r->text);
	fputs(",\n\t  .period = ", f);
	gen_string(g, f, r->period);
	if (r->kind == ROW_INDICATOR) {
		fputs(", .source = ", f);
		gen_string(g, f, r->source);
	}
	fprintf(f, ",\n\t  .line = %d, .theme = %d, .scope = %s, ", r->loc.line, r->theme, scope_c(r->scope));
	if (has_cohort_test(r) && *cohort_slot(g, r))
		fprintf(f, ".who = %s, .cohort = %d, ", g->cohort_fns[*cohort_slot(g, r) - 1], *cohort_slot(g, r));
	fprintf(f, ".when = %s_%s", pre, name);
	if (r->kind == ROW_OUTCOME)
		fprintf(f, ", .serves = serves_%s, .supplementary = %s", name, r->supplementary ? "true" : "false");
	else if (r->exempt)
		fprintf(f, ", .exempt = exempt_%s_%s", pre, name);
	uint64_t reads[EHP_TYPE_WORDS];
	int standin = r->kind == ROW_INDICATOR ? g->ind_standin[r->index] : g->out_standin[r->index];
	if (row_reads(r, reads))
		fprintf(f, ",\n\t  .reads = reads_%s_%s", pre, name);
	if (standin)
		fprintf(f, ", .standin = %d", standin);
	if (r->kind == ROW_OUTCOME && g->out_latest[r->index])
		fprintf(f, ",\n\t  .latest = latest_out_%s", name);
	if (r->kind == ROW_INDICATOR && g->ind_nothing[r->index])
		fprintf(f, ",\n\t  .nothing = nothing_ind_%s, .nothing_reads = nothing_reads_ind_%s, .nothing_standin = %d", name,
		        name, g->ind_nothing[r->index]);
	row_cells(g, f, r);
	fputs(" },\n", f);
}

static void tables(gen *g, FILE *f, const char *hash)
{
	const plan *p = g->p;
	fputs("/* ---------------------------------------------------------------- the plan as data */\n\n", f);
	if (p->themes.n) {
		fputs("static const ehp_theme_def themes[] = {\n", f);
		for (int i = 0; i < p->themes.n; i++) {
			const theme *t = p->themes.v[i];
			fputs("\t{ ", f);
			gen_string(g, f, t->name);
			fputs(", ", f);
			gen_string(g, f, t->title);
			fputs(",\n\t  ", f);
			gen_string(g, f, t->text);
			fputs(",\n\t  ", f);
			gen_string(g, f, t->evidence);
			fprintf(f, ", %d },\n", t->loc.line);
		}
		fputs("};\n\n", f);
	}
	for (int i = 0; i < p->outcomes.n; i++) {
		const row *r = p->outcomes.v[i];
		fprintf(f, "static const int serves_%s[] = { ", g->out_names[i]);
		for (int s = 0; s < r->n_serves; s++)
			fprintf(f, "%d, ", r->serves[s]);
		fputs("-1 };\n", f);
	}
	if (p->outcomes.n)
		fputs("\n", f);
	for (int i = 0; i < p->indicators.n; i++)
		reads_table(g, f, p->indicators.v[i]);
	for (int i = 0; i < p->outcomes.n; i++)
		reads_table(g, f, p->outcomes.v[i]);
	fputs("\n", f);
	if (g->n_row_cohorts) { /* a row's .cohort is 1 + its index here */
		fputs("static const ehp_cohort_fn cohorts[] = {\n", f);
		for (int c = 0; c < g->n_row_cohorts; c++)
			fprintf(f, "\t%s,\n", g->cohort_fns[c]);
		fputs("};\n\n", f);
	}
	if (any_banded(g)) { /* the runtime finds these cohorts' members from their ages */
		fputs("static const ehp_age_band cohort_bands[] = {\n", f);
		for (int c = 0; c < g->n_row_cohorts; c++) {
			const ehp_age_band *b = &g->cohort_bands[c];
			if (b->banded)
				fprintf(f, "\t{ .banded = true, .lo = %d, .hi = %d }, /* %s */\n", b->lo, b->hi, g->cohort_fns[c]);
			else
				fprintf(f, "\t{ .banded = false }, /* %s */\n", g->cohort_fns[c]);
		}
		fputs("};\n\n", f);
	}
	if (p->indicators.n) {
		fputs("static const ehp_indicator_def indicators[] = {\n", f);
		for (int i = 0; i < p->indicators.n; i++)
			row_entry(g, f, p->indicators.v[i]);
		fputs("};\n\n", f);
	}
	if (p->outcomes.n) {
		fputs("static const ehp_outcome_def outcomes[] = {\n", f);
		for (int i = 0; i < p->outcomes.n; i++)
			row_entry(g, f, p->outcomes.v[i]);
		fputs("};\n\n", f);
	}
	for (int i = 0; i < p->params.n; i++) {
		const param *pm = p->params.v[i];
		if (!pm->steps.n)
			continue;
		fprintf(f, "static const ehp_param_step param_steps_%d[] = {", i);
		for (int k = 0; k < pm->steps.n; k++) {
			const param_step *st = pm->steps.v[k];
			fprintf(f, "%s{ %d /* ", k ? ", " : " ", st->day);
			emit_comment_text(f, st->date, 16);
			fputs(" */, ", f);
			gen_number(f, st->value.value);
			fputs(" }", f);
		}
		fputs(" };\n", f);
	}
	if (p->params.n) {
		fputs("static const ehp_param_def params[] = {\n", f);
		for (int i = 0; i < p->params.n; i++) {
			const param *pm = p->params.v[i];
			fputs("\t{ ", f);
			gen_string(g, f, pm->name);
			fprintf(f, ", \"%s\",\n\t  ", unit_name(pm->value.unit));
			gen_string(g, f, pm->doc);
			fputs(",\n\t  ", f);
			gen_number(f, pm->value.value);
			fprintf(f, ", %d },\n", pm->loc.line);
		}
		fputs("};\n\n", f);
	}
	int n_dated = 0;
	for (int i = 0; i < p->params.n; i++)
		n_dated += ((const param *)p->params.v[i])->steps.n > 0;
	if (n_dated) { /* values that take effect from a date, chosen by the claim date or entry */
		fputs("static const ehp_param_dates param_dates[] = {\n", f);
		for (int i = 0; i < p->params.n; i++) {
			const param *pm = p->params.v[i];
			if (pm->steps.n)
				fprintf(f, "\t{ .param = %d, .steps = param_steps_%d, .n_steps = %d, .chosen_at = %s },\n", i, i,
				        pm->steps.n, pm->chosen_at == ANCHOR_ENTRY ? "EHP_ENTRY" : "EHP_CLAIM");
		}
		fputs("};\n\n", f);
	}
	gen_windows_table(g, f);
	gen_tests_table(g, f);
	gen_standin_reads_table(g, f);
	fputs("/* every record type a test reads: the reader keeps only these */\n"
	      "static const uint64_t reads_types[] = {", f);
	for (int w = 0; w < EHP_TYPE_WORDS; w++)
		fprintf(f, "%s UINT64_C(0x%016llx)", w ? "," : "", (unsigned long long)g->reads_types[w]);
	fputs(" };\n\n", f);
	static const char *const FIELDS[] = { "name", "title", "council", "revised", "source", "file", "hash" };
	const char *values[] = { p->name, p->title, p->council, p->revised, p->source, p->file, hash };
	fputs("static const ehp_plan plan = {\n", f);
	for (int i = 0; i < 7; i++) {
		fprintf(f, "\t.%s = ", FIELDS[i]);
		gen_string(g, f, values[i]);
		fputs(",\n", f);
	}
	fprintf(f, "\t.themes = %s, .n_themes = %d,\n", p->themes.n ? "themes" : "NULL", p->themes.n);
	fprintf(f, "\t.indicators = %s, .n_indicators = %d,\n", p->indicators.n ? "indicators" : "NULL",
	        p->indicators.n);
	fprintf(f, "\t.outcomes = %s, .n_outcomes = %d,\n", p->outcomes.n ? "outcomes" : "NULL", p->outcomes.n);
	fprintf(f, "\t.params = %s, .n_params = %d,\n", p->params.n ? "params" : "NULL", p->params.n);
	if (g->n_row_cohorts)
		fprintf(f, "\t.cohorts = cohorts, .n_cohorts = %d,\n", g->n_row_cohorts);
	if (any_banded(g))
		fputs("\t.cohort_bands = cohort_bands,\n", f);
	if (g->n_standins)
		fprintf(f, "\t.n_standins = %d, .standin_reads = standin_reads,\n", g->n_standins);
	if (n_dated)
		fprintf(f, "\t.param_dates = param_dates, .n_param_dates = %d,\n", n_dated);
	if (g->n_windows)
		fprintf(f, "\t.windows = windows, .n_windows = %d,\n", g->n_windows);
	fprintf(f, "\t.tests = %s, .n_tests = %zu,\n", g->n_tests ? "tests" : "NULL", g->n_tests);
	fputs("\t.reads_types = reads_types,\n", f);
	fprintf(f, "\t.eligible = %s,\n", p->eligible ? "family_eligible" : "NULL");
	fprintf(f, "\t.claimable = %s,\n", p->claimable ? "family_claimable" : "NULL");
	fputs("};\n\n", f);
	/* One C file, two programs: the evaluator, and with -DEHP_CASE_RUNNER
	 * (linked with libehp-cases.a) the example-family runner. */
	fputs("int main(int argc, char **argv)\n{\n#ifdef EHP_CASE_RUNNER\n"
	      "\treturn ehp_cases_main(&plan, argc, argv);\n#else\n"
	      "\treturn ehp_main(&plan, argc, argv);\n#endif\n}\n", f);
}

/* ------------------------------------------------------------ the file */

static void body(gen *g, FILE *f, const char *hash)
{
	const plan *p = g->p;
	if (p->cohorts.n)
		fputs("/* ---------------------------------------------------------------- cohorts */\n\n", f);
	for (int i = 0; i < p->cohorts.n; i++)
		cohort_function(g, f, i);
	int current = -2;
	for (int i = 0; i < p->indicators.n + p->outcomes.n; i++) {
		const row *r = i < p->indicators.n ? p->indicators.v[i] : p->outcomes.v[i - p->indicators.n];
		if (i == 0 || i == p->indicators.n || r->theme != current) {
			current = r->theme;
			fprintf(f, "/* ---------------------------------------------------------------- %s",
			        r->kind == ROW_INDICATOR ? "indicators" : "outcomes");
			if (current >= 0 && current < p->themes.n) {
				fputs(", theme ", f);
				emit_comment_text(f, ((const theme *)p->themes.v[current])->name, 64);
			}
			fputs(" */\n\n", f);
		}
		row_function(g, f, r);
	}
	if (p->eligible || p->claimable)
		fputs("/* ---------------------------------------------------------------- family rules */\n\n", f);
	family_rule(g, f, p->eligible, "eligible");
	family_rule(g, f, p->claimable, "claimable");
	tables(g, f, hash);
}

typedef struct {
	FILE *f;
	char *buf;
	size_t len;
} stream;

static bool open_stream(stream *s)
{
	s->buf = NULL;
	s->len = 0;
	s->f = open_memstream(&s->buf, &s->len);
	return s->f != NULL;
}

static void close_stream(stream *s, FILE *out)
{
	if (!s->f)
		return;
	fclose(s->f);
	if (out)
		fwrite(s->buf, 1, s->len, out);
	free(s->buf);
}

int emit_c(const plan *p, const char *source_hash, FILE *out)
{
	gen g = { .p = p };
	stream data = { 0 }, protos = { 0 }, helpers = { 0 }, main_part = { 0 };
	bool ok = open_stream(&data) && open_stream(&protos) && open_stream(&helpers) && open_stream(&main_part);
	if (ok) {
		g.data = data.f;
		g.protos = protos.f;
		g.helpers = helpers.f;
		g.ind_names = row_names(&g, &p->indicators);
		g.out_names = row_names(&g, &p->outcomes);
		g.cohort_names = calloc((size_t)p->cohorts.n + 1, sizeof *g.cohort_names);
		for (int i = 0; g.cohort_names && i < p->cohorts.n; i++)
			if (!(g.cohort_names[i] = cohort_name(p, i, g.cohort_names)))
				g.failed = true;
		g.cohort_used = calloc((size_t)p->cohorts.n + 1, sizeof *g.cohort_used);
		if (g.cohort_used)
			gen_mark_used_cohorts(p, g.cohort_used);
		size_t rows = (size_t)p->indicators.n + (size_t)p->outcomes.n + 1;
		g.ind_cohort = calloc((size_t)p->indicators.n + 1, sizeof *g.ind_cohort);
		g.out_cohort = calloc((size_t)p->outcomes.n + 1, sizeof *g.out_cohort);
		g.cohort_fns = calloc(rows, sizeof *g.cohort_fns);
		g.cohort_exprs = calloc(rows, sizeof *g.cohort_exprs);
		g.cohort_bands = calloc(rows, sizeof *g.cohort_bands);
		g.ind_standin = calloc((size_t)p->indicators.n + 1, sizeof *g.ind_standin);
		g.out_standin = calloc((size_t)p->outcomes.n + 1, sizeof *g.out_standin);
		g.standin_shapes = calloc(rows, sizeof *g.standin_shapes);
		g.standin_reads = calloc(rows, sizeof *g.standin_reads);
		g.ind_nothing = calloc((size_t)p->indicators.n + 1, sizeof *g.ind_nothing);
		g.out_latest = calloc((size_t)p->outcomes.n + 1, sizeof *g.out_latest);
		ok = !g.failed && g.cohort_names && g.cohort_used && g.ind_cohort && g.out_cohort && g.cohort_fns &&
		     g.cohort_exprs && g.cohort_bands && g.ind_standin && g.out_standin && g.standin_shapes && g.standin_reads &&
		     g.ind_nothing && g.out_latest;
	}
	if (ok) {
		body(&g, main_part.f, source_hash);
		ok = !g.failed;
	}
	if (ok) {
		fputs("/*\n * Generated by ehpc " EHP_VERSION " from ", out);
		emit_comment_text(out, p->file, 200);
		fputs(" - do not edit: edit the plan.\n *\n * ", out);
		emit_comment_text(out, p->title, 200);
		fputs("\n */\n#include <stdbool.h>\n#include <stddef.h>\n#include \"ehp.h\"\n\n", out);
	}
	FILE *to = ok ? out : NULL;
	close_stream(&data, to);
	close_stream(&protos, to);
	if (ok && protos.len)
		putc('\n', out);
	close_stream(&helpers, to);
	close_stream(&main_part, to);
	free_names(g.ind_names, p->indicators.n);
	free_names(g.out_names, p->outcomes.n);
	free_names(g.cohort_names, p->cohorts.n);
	free(g.cohort_used);
	free(g.ind_cohort);
	free(g.out_cohort);
	free_names(g.cohort_fns, g.n_row_cohorts);
	free_names(g.cohort_exprs, g.n_row_cohorts);
	free(g.cohort_bands);
	free(g.ind_standin);
	free(g.out_standin);
	free_names(g.standin_shapes, g.n_standins);
	free(g.standin_reads);
	free(g.ind_nothing);
	free(g.out_latest);
	free(g.windows);
	gen_tests_free(&g);
	return ok && !ferror(out) ? 0 : -1;
}
