/*
 * codegen_standin.c - rows whose verdict for a member with no records of
 * their types is the same. Such a verdict is judged for a stand-in, a
 * subject with no records at all (runtime/eval/evaluate.c); two rows whose
 * functions are written alike but for the subject's selections and the
 * tests' numbers judge that stand-in alike (a selection of the subject's
 * records finds nothing either way), so the runtime judges it once a
 * family for the whole class (ehp_plan.n_standins, a row's .standin).
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include "codegen_int.h"

static size_t digits(const char *s)
{
	size_t n = 0;
	while (s[n] >= '0' && s[n] <= '9')
		n++;
	return n;
}

/* `(ev, 53 /+ line 598 +/`: a test's number, which only names its evidence. */
static size_t test_number(const char *s)
{
	static const char line[] = " /* line ";
	size_t n = digits(s);
	if (!n || strncmp(s + n, line, sizeof line - 1))
		return 0;
	size_t m = digits(s + n + sizeof line - 1);
	if (!m || strncmp(s + n + sizeof line - 1 + m, " */", 3))
		return 0;
	return n + sizeof line - 1 + m + 3;
}

/* `sel_54 /+ missing_episode +/, 1`: a selection of the subject's own
 * records (it follows `subject, `), table and length. */
static size_t subject_selection(const char *s)
{
	size_t n = digits(s);
	if (!n || strncmp(s + n, " /* ", 4))
		return 0;
	const char *end = strstr(s + n + 4, " */, ");
	if (!end)
		return 0;
	size_t k = (size_t)(end - s) + 5;
	size_t m = digits(s + k);
	return m ? k + m : 0;
}

char *gen_standin_shape(const char *body)
{
	static const char ev[] = "(ev, ", sel[] = "subject, sel_";
	size_t len = strlen(body), n = 0;
	char *shape = malloc(len + 1);
	if (!shape)
		return NULL;
	for (size_t i = 0; i < len;) {
		size_t skip;
		if (!strncmp(body + i, ev, sizeof ev - 1) && (skip = test_number(body + i + sizeof ev - 1))) {
			memcpy(shape + n, "(ev, T", 6);
			n += 6;
			i += sizeof ev - 1 + skip;
		} else if (!strncmp(body + i, sel, sizeof sel - 1) && (skip = subject_selection(body + i + sizeof sel - 1))) {
			memcpy(shape + n, "subject, SEL", 12);
			n += 12;
			i += sizeof sel - 1 + skip;
		} else {
			shape[n++] = body[i++];
		}
	}
	shape[n] = '\0';
	return shape;
}

void gen_row_standin(gen *g, int *slot, const char *body)
{
	char *shape = gen_standin_shape(body);
	if (!shape) {
		g->failed = true;
		return;
	}
	for (int c = 0; c < g->n_standins; c++)
		if (!strcmp(g->standin_shapes[c], shape)) {
			*slot = c + 1;
			free(shape);
			return;
		}
	g->standin_reads[g->n_standins] = gen_standin_reads(body);
	g->standin_shapes[g->n_standins++] = shape;
	*slot = g->n_standins;
}

/* The runtime's calls a class's function may make, and what each reads of
 * the family beyond the dates named in its arguments (runtime/eval/: a
 * record test of a subject with no records finds nothing; a window or a
 * point reads the anchor it is given; the claim date, the calendar and the
 * parameters are the run's, not the family's). */
static const struct {
	const char *name;
	uint8_t reads;
} KNOWN_CALLS[] = {
	{ "ehp_any", 0 }, { "ehp_none", 0 }, { "ehp_throughout", 0 }, { "ehp_any_starting", 0 },
	{ "ehp_none_starting", 0 }, { "ehp_weeks", 0 }, { "ehp_weeks_sum", 0 }, { "ehp_measure_in", 0 },
	{ "ehp_compare", 0 }, { "ehp_count_rolling", 0 }, { "ehp_change", 0 }, { "ehp_change_any", 0 },
	{ "ehp_score", 0 }, { "ehp_score_over", 0 }, { "ehp_any_after", 0 },
	{ "ehp_window_at", 0 }, { "ehp_window_before", 0 }, { "ehp_window_after", 0 }, { "ehp_window_of", 0 },
	{ "ehp_window_span_at", 0 }, { "ehp_window_span_at_of", 0 },
	{ "ehp_window_before_point", 0 }, { "ehp_window_after_point", 0 }, { "ehp_window_span", 0 },
	{ "ehp_window_within", 0 }, { "ehp_window_less_after", 0 }, { "ehp_window_around", 0 },
	{ "ehp_window_ever_before", 0 }, { "ehp_window_during", 0 }, { "ehp_point_at", 0 }, { "ehp_point_shift", 0 },
	{ "ehp_anchor_gap", 0 }, { "ehp_anchor_distance", 0 }, { "ehp_setting", 0 },
	{ "ehp_and", 0 }, { "ehp_or", 0 }, { "ehp_not", 0 }, { "ehp_tv_of", 0 },
	{ "ehp_window_during_support", EHP_READS_ENTRY | EHP_READS_CLOSURE }, /* the family's own dates */
	{ "ehp_param", EHP_READS_ENTRY }, /* a dated parameter's value may be chosen by the point of entry */
};

static const char *const KEYWORDS[] = { "if", "for", "while", "return", "sizeof", "switch" };

static bool word_is(const char *s, size_t n, const char *w)
{
	return strlen(w) == n && !strncmp(s, w, n);
}

/* What calling the function s[0..n) reads, or EHP_READS_OTHER. */
static uint8_t call_reads(const char *s, size_t n)
{
	for (size_t k = 0; k < sizeof KEYWORDS / sizeof *KEYWORDS; k++)
		if (word_is(s, n, KEYWORDS[k]))
			return 0;
	for (size_t k = 0; k < sizeof KNOWN_CALLS / sizeof *KNOWN_CALLS; k++)
		if (word_is(s, n, KNOWN_CALLS[k].name))
			return KNOWN_CALLS[k].reads;
	return EHP_READS_OTHER;
}

/* The end of the comment or string literal at s, or s when it is neither. */
static const char *past_comment(const char *s)
{
	if (s[0] == '/' && s[1] == '*') {
		const char *end = strstr(s + 2, "*/");
		return end ? end + 2 : s + strlen(s);
	}
	if (s[0] == '"') {
		for (s++; *s && *s != '"'; s++)
			if (*s == '\\' && s[1])
				s++;
		return *s ? s + 1 : s;
	}
	return s;
}

uint8_t gen_standin_reads(const char *body)
{
	uint8_t reads = 0;
	for (const char *s = body; *s;) {
		const char *next = past_comment(s);
		if (next != s) {
			s = next;
			continue;
		}
		if (!isalpha((unsigned char)*s) && *s != '_') {
			s++;
			continue;
		}
		const char *w = s;
		while (isalnum((unsigned char)*s) || *s == '_')
			s++;
		size_t n = (size_t)(s - w);
		const char *after = s;
		while (*after == ' ' || *after == '\t' || *after == '\n')
			after++;
		if (word_is(w, n, "EHP_ENTRY"))
			reads |= EHP_READS_ENTRY;
		else if (word_is(w, n, "EHP_CLOSURE"))
			reads |= EHP_READS_CLOSURE;
		else if (*after == '(')
			reads |= call_reads(w, n);
		else if (!strncmp(after, "->", 2)) /* a field of the evaluation read directly */
			reads |= EHP_READS_OTHER;
	}
	return reads;
}

void gen_standin_reads_table(const gen *g, FILE *f)
{
	if (!g->n_standins)
		return;
	fputs("/* what each stand-in class's verdict reads of the family: EHP_READS_* */\n"
	      "static const uint8_t standin_reads[] = {", f);
	for (int c = 0; c < g->n_standins; c++)
		fprintf(f, "%s%u", c % 16 ? ", " : c ? ",\n\t" : "\n\t", (unsigned)g->standin_reads[c]);
	fputs("\n};\n\n", f);
}

/* `ehp_tv t12 = ehp_tv_of(ehp_has_flag(ev, subject, EHP_F_lldd));` (after
 * the indent): a test of the subject's age or flags (codegen_cond.c
 * writes them so and nothing else through ehp_tv_of); the length of
 * `ehp_tv t12 = ` or 0. */
static size_t person_test(const char *line, size_t len)
{
	static const char tv[] = "ehp_tv t", of[] = " = ehp_tv_of(", end[] = ");";
	if (len < sizeof tv - 1 || strncmp(line, tv, sizeof tv - 1))
		return 0;
	size_t n = sizeof tv - 1 + digits(line + sizeof tv - 1);
	if (n == sizeof tv - 1 || len < n + sizeof of - 1 + sizeof end - 1 || strncmp(line + n, of, sizeof of - 1) ||
	    strncmp(line + len - (sizeof end - 1), end, sizeof end - 1))
		return 0;
	const char *expr = line + n + sizeof of - 1;
	size_t k = len - (n + sizeof of - 1) - (sizeof end - 1);
	bool person = false;
	for (size_t i = 0; i + 12 <= k; i++)
		person |= !strncmp(expr + i, "(ev, subject", 12);
	return person ? n + 3 : 0;
}

static const char *const PERSON_CALLS[] = { "ehp_has_flag(", "ehp_age(", "ehp_age_at(", "ehp_age_in(" };

char *gen_nothing_body(const char *body)
{
	static const char unknown[] = "EHP_UNKNOWN; /* the member's age or flags */";
	size_t len = strlen(body), n = 0, lines = 1;
	for (size_t i = 0; i < len; i++)
		lines += body[i] == '\n';
	char *out = malloc(len + lines * sizeof unknown + 1);
	if (!out)
		return NULL;
	for (const char *s = body; *s;) {
		const char *eol = strchr(s, '\n');
		size_t line = eol ? (size_t)(eol - s) : strlen(s), tabs = 0;
		while (tabs < line && s[tabs] == '\t')
			tabs++;
		size_t keep = person_test(s + tabs, line - tabs);
		if (keep) {
			memcpy(out + n, s, tabs + keep);
			n += tabs + keep;
			memcpy(out + n, unknown, sizeof unknown - 1);
			n += sizeof unknown - 1;
		} else {
			memcpy(out + n, s, line);
			n += line;
		}
		if (eol)
			out[n++] = '\n';
		s += line + (eol != NULL);
	}
	out[n] = '\0';
	for (size_t k = 0; k < sizeof PERSON_CALLS / sizeof *PERSON_CALLS; k++)
		if (strstr(out, PERSON_CALLS[k])) { /* a person test written some other way: not made unknown */
			free(out);
			return NULL;
		}
	return out;
}
