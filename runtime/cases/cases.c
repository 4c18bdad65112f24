/*
 * cases.c - runs example families written in the readable case format of
 * docs/cases.md against the compiled plan and checks what the plan says
 * about them; with --coverage, also tallies which rows the passing ones
 * show met and not met (case_coverage.c). Hand-written parser: the runtime
 * does not depend on flex.
 */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "case_coverage.h"
#include "cases.h"
#include "load.h"
#include "mem.h"
#include "output.h"
#include "words.h"

#define MAX_WORDS 32
#define MAX_FILE (64u << 20)

typedef enum { X_INDICATOR, X_OUTCOME, X_EXEMPT, X_ELIGIBLE, X_CLAIMABLE, X_THEMES } expect_kind;

typedef struct {
	expect_kind kind;
	unsigned line;
	const char *who, *id;
	int row;       /* indicator or outcome index */
	bool want;
	int themes;
} expectation;

typedef struct {
	const char *file, *title;
	unsigned line;
	bool has_family;
	ehp_family fam;
	ehp_person *people;
	size_t n_people, cap_people;
	ehp_record *records;
	size_t n_records, cap_records;
	expectation *expect;
	size_t n_expect, cap_expect;
	ehp_date claim;
	unsigned errors_before; /* the runner's error count when the case began */
} case_def;

typedef struct {
	const ehp_plan *plan;
	const ehp_calendar *cal;
	const double *params;
	ehp_date default_claim;
	unsigned cases, expectations, failed, errors;
	ehp_results res;
	ehp_trace trace;
	ehp_coverage *cov; /* NULL unless --coverage */
	double *case_params; /* the parameters for the case being read: the run's, changed by `set` */
} runner;

static void error_at(runner *R, const char *file, unsigned line, const char *fmt, const char *arg)
{
	fprintf(stderr, "%s:%u: ", file, line);
	fprintf(stderr, fmt, arg);
	fputc('\n', stderr);
	R->errors++;
}

/* Splits a line into words in place; "quoted text" is one word. */
static int split(char *s, char **w, runner *R, const char *file, unsigned line)
{
	int n = 0;
	for (;;) {
		while (*s && isspace((unsigned char)*s))
			s++;
		if (!*s || *s == '#')
			return n;
		if (n == MAX_WORDS) {
			error_at(R, file, line, "%s", "too many words on one line");
			return -1;
		}
		if (*s == '"') {
			char *end = strchr(s + 1, '"');
			if (!end) {
				error_at(R, file, line, "%s", "a quoted title is not closed on its line");
				return -1;
			}
			*end = '\0';
			w[n++] = s + 1;
			s = end + 1;
			continue;
		}
		w[n++] = s;
		while (*s && !isspace((unsigned char)*s))
			s++;
		if (*s)
			*s++ = '\0';
	}
}

static ehp_date date_word(runner *R, const char *file, unsigned line, const char *w)
{
	ehp_date d = ehp_date_parse(w, strlen(w));
	if (d == EHP_NO_DATE)
		error_at(R, file, line, "`%s` is not a date (dd/mm/yyyy or yyyy-mm-dd)", w);
	return d;
}

static int person_index(const case_def *c, const char *who)
{
	if (!strcmp(who, "household"))
		return EHP_HOUSEHOLD;
	if (!strcmp(who, "family"))
		return EHP_FAMILY;
	for (size_t i = 0; i < c->n_people; i++)
		if (!strcmp(c->people[i].id, who))
			return (int)i;
	return -3;
}

static int row_index(const ehp_plan *plan, bool outcome, const char *id)
{
	int n = outcome ? plan->n_outcomes : plan->n_indicators;
	for (int i = 0; i < n; i++)
		if (!strcmp(outcome ? plan->outcomes[i].id : plan->indicators[i].id, id))
			return i;
	return -1;
}

static const char *word_of(ehp_tv v)
{
	return v == EHP_TRUE ? "met" : v == EHP_FALSE ? "not met" : "cannot be judged";
}

static void show_evidence(runner *R, const ehp_family *fam, size_t from, size_t to)
{
	for (size_t i = from; i < to && i < R->trace.n; i++)
		ehp_evidence_describe(stdout, R->plan, NULL, fam, &R->trace.items[i]);
}

/* Whether an indicator's condition holds for a member its cohort left out:
 * then the cohort alone made the miss (age 9 against a band from 10). */
static bool met_outside_cohort(runner *R, const ehp_eval *ev, int row, int subject)
{
	ehp_eval probe = *ev;
	probe.trace = NULL; /* the case's evidence stays as it was judged */
	return R->plan->indicators[row].when(&probe, subject) == EHP_TRUE;
}

/* Tallies a passing expectation for --coverage. A "held" one always shows
 * its row; a "not" one only when the plan itself said no (docs/cases.md,
 * "What counts"): "not met" for a subject the row was judged for, a member
 * left out by an indicator's cohort alone, or a claim rule that said no to
 * an eligible family with complete data. "Cannot be judged" shows only
 * that data is missing. */
static void note_coverage(runner *R, const case_def *c, const expectation *x, const ehp_eval *ev, int subject,
                          bool judged, ehp_tv got)
{
	ehp_coverage *cov = R->cov;
	if (!cov || x->kind == X_THEMES || x->kind == X_EXEMPT)
		return;
	ehp_row_coverage *rc = x->kind == X_INDICATOR ? &cov->indicators[x->row]
	                     : x->kind == X_OUTCOME   ? &cov->outcomes[x->row]
	                     : x->kind == X_ELIGIBLE  ? &cov->eligible
	                                              : &cov->claimable;
	bool shows;
	if (x->want)
		shows = true;
	else if (x->kind == X_CLAIMABLE)
		shows = R->res.eligible == EHP_TRUE && !ehp_family_incomplete(&c->fam) && got == EHP_FALSE;
	else if (judged)
		shows = got == EHP_FALSE;
	else
		shows = x->kind == X_INDICATOR && met_outside_cohort(R, ev, x->row, subject);
	if (shows)
		rc->shown[x->want]++;
	else
		rc->uncounted++;
}

static void check(runner *R, case_def *c, const expectation *x, const ehp_eval *ev)
{
	const ehp_results *res = &R->res;
	R->expectations++;
	ehp_tv got = EHP_FALSE;
	size_t from = 0, to = 0;
	bool judged = false;
	const char *what = "";
	int subject = EHP_FAMILY;
	if (x->kind == X_INDICATOR || x->kind == X_OUTCOME || x->kind == X_EXEMPT) {
		subject = person_index(c, x->who);
		if (x->kind != X_OUTCOME) {
			for (size_t v = 0; v < res->n_ind; v++)
				if (res->ind[v].indicator == x->row && res->ind[v].subject == subject) {
					got = x->kind == X_EXEMPT ? res->ind[v].exempt : res->ind[v].met;
					from = res->ind[v].ev_from, to = res->ind[v].ev_to, judged = true;
				}
		} else {
			for (size_t v = 0; v < res->n_out; v++)
				if (res->out[v].outcome == x->row && res->out[v].subject == subject) {
					got = res->out[v].achieved, from = res->out[v].ev_from, to = res->out[v].ev_to, judged = true;
				}
		}
		what = x->kind == X_INDICATOR ? (x->want ? "meets" : "misses")
		     : x->kind == X_EXEMPT    ? (x->want ? "exempt from" : "not exempt from")
		                              : (x->want ? "achieves" : "does not achieve");
	} else if (x->kind == X_ELIGIBLE) {
		got = res->eligible, from = res->elig_from, to = res->elig_to, judged = true;
	} else if (x->kind == X_CLAIMABLE) {
		got = res->claimable, from = res->claim_from, to = res->claim_to, judged = true;
	} else {
		if (res->themes_met == x->themes)
			return;
		R->failed++;
		printf("%s:%u: case \"%s\": expected themes met %d, but %d were met\n", c->file, x->line, c->title,
		       x->themes, res->themes_met);
		return;
	}
	if ((got == EHP_TRUE) == x->want) {
		note_coverage(R, c, x, ev, subject, judged, got);
		return;
	}
	R->failed++;
	if (x->kind == X_ELIGIBLE || x->kind == X_CLAIMABLE) {
		const char *name = x->kind == X_ELIGIBLE ? "eligible" : "claimable";
		printf("%s:%u: case \"%s\": expected family %s%s, but it was %s%s%s%s\n", c->file, x->line, c->title,
		       x->want ? "" : "not ", name, word_of(got), got == EHP_TRUE ? "" : " (", got == EHP_TRUE ? "" : res->reason,
		       got == EHP_TRUE ? "" : ")");
	} else if (!judged) {
		printf("%s:%u: case \"%s\": expected %s %s %s, but %s was not judged for it (not in the row's cohort)\n",
		       c->file, x->line, c->title, x->who, what, x->id, x->who);
	} else {
		printf("%s:%u: case \"%s\": expected %s %s %s, but it was %s\n", c->file, x->line, c->title, x->who, what,
		       x->id, word_of(got));
	}
	show_evidence(R, &c->fam, from, to);
}

static void run_case(runner *R, case_def *c)
{
	if (!c->title)
		return;
	R->cases++;
	if (R->errors != c->errors_before)
		return; /* already reported; judging half a family would only mislead */
	if (!c->has_family) {
		error_at(R, c->file, c->line, "case \"%s\" has no `family entry DATE` line", c->title);
		return;
	}
	for (size_t i = 0; i < c->n_people; i++) {
		if (c->people[i].born > c->fam.entry) {
			error_at(R, c->file, c->people[i].line, "`%s` is born after the family's point of entry (the "
			         "people file rejects that too)", c->people[i].id);
			return;
		}
	}
	ehp_date claim = c->claim != EHP_NO_DATE ? c->claim : R->default_claim;
	if (claim == EHP_NO_DATE) {
		error_at(R, c->file, c->line, "case \"%s\" has no claim date: write `claim DATE` or run with --as-of", c->title);
		return;
	}
	c->fam.people = c->people;
	c->fam.n_people = c->n_people;
	c->fam.records = c->records;
	c->fam.n_records = c->n_records;
	ehp_family_index(&c->fam);
	ehp_eval ev = { .fam = &c->fam, .claim = claim, .cal = R->cal, .params = R->case_params, .trace = &R->trace };
	R->trace.n = 0;
	ehp_evaluate_family(R->plan, &ev, &R->res);
	for (size_t i = 0; i < c->n_expect; i++)
		check(R, c, &c->expect[i], &ev);
}

static void reset(case_def *c)
{
	c->title = NULL;
	c->has_family = false;
	c->n_people = c->n_records = c->n_expect = 0;
	c->claim = EHP_NO_DATE;
	c->fam = (ehp_family){ .closure = EHP_NO_DATE, .entry = EHP_NO_DATE };
}

/* `set NAME VALUE`: this case only, the plan's parameter NAME is VALUE (a
 * number, `90%`, `£338`, or yes/no for a setting). */
static void parse_set(runner *R, char **w, int n, const char *file, unsigned line)
{
	if (n != 3) {
		error_at(R, file, line, "%s", "write `set NAME VALUE`, e.g. `set include_authorised_absence yes`");
		return;
	}
	const ehp_plan *plan = R->plan;
	for (int i = 0; i < plan->n_params; i++) {
		if (strcmp(plan->params[i].name, w[1]))
			continue;
		const char *v = w[2];
		if (!strcmp(plan->params[i].unit, "yes/no")) {
			if (strcmp(v, "yes") && strcmp(v, "no"))
				error_at(R, file, line, "`%s` is a yes/no setting: write yes or no", w[1]);
			else
				R->case_params[i] = !strcmp(v, "yes");
			return;
		}
		size_t len = strlen(v);
		if (!strncmp(v, "\xc2\xa3", 2)) /* a leading £ */
			v += 2, len -= 2;
		if (len && v[len - 1] == '%')
			len--;
		double x;
		if (!len || !ehp_parse_number(v, len, &x))
			error_at(R, file, line, "`%s` is not a number", w[2]);
		else
			R->case_params[i] = x;
		return;
	}
	error_at(R, file, line, "the plan has no parameter `%s`", w[1]);
}

/* `record WHO TYPE DATE [to DATE] [value N] [total N] [score N] [about D] [by A]` */
static void parse_record(runner *R, case_def *c, char **w, int n, unsigned line)
{
	if (n < 4) {
		error_at(R, c->file, line, "%s", "write `record WHO TYPE DATE`, e.g. `record kid offence 01/02/2024`");
		return;
	}
	int who = person_index(c, w[1]);
	if (who == -3 || who == EHP_FAMILY) {
		error_at(R, c->file, line, "`%s` is not a person of this case (declare them with `person`) or `household`", w[1]);
		return;
	}
	int type = ehp_type_lookup(w[2], strlen(w[2]));
	if (type < 0) {
		error_at(R, c->file, line, "unknown record type `%s` (see docs/data-dictionary.md)", w[2]);
		return;
	}
	ehp_record r = { .person = who, .type = (uint16_t)type, .line = line, .value = NAN, .total = NAN,
	                 .score = NAN, .author = "", .end = EHP_NO_DATE };
	r.date = date_word(R, c->file, line, w[3]);
	if (r.date == EHP_NO_DATE)
		return;
	for (int i = 4; i < n; i += 2) {
		if (i + 1 >= n) {
			error_at(R, c->file, line, "`%s` needs a value after it", w[i]);
			return;
		}
		const char *k = w[i], *v = w[i + 1];
		double *num = !strcmp(k, "value") ? &r.value : !strcmp(k, "total") ? &r.total : !strcmp(k, "score") ? &r.score : NULL;
		if (!strcmp(k, "to")) {
			if (!strcmp(v, "open"))
				continue;
			r.end = date_word(R, c->file, line, v);
			if (r.end == EHP_NO_DATE)
				return;
			if (r.end < r.date) {
				error_at(R, c->file, line, "%s", "the end date is before the record's date");
				return;
			}
		} else if (num) {
			if (!ehp_parse_number(v, strlen(v), num) || isnan(*num)) {
				error_at(R, c->file, line, "`%s` is not a number", v);
				return;
			}
			if (num != &r.score && *num < 0) {
				error_at(R, c->file, line, "`%s` is negative (the records file rejects that too)", v);
				return;
			}
		} else if (!strcmp(k, "about")) {
			int d = ehp_detail_lookup(v, strlen(v));
			if (d < 0) {
				error_at(R, c->file, line, "unknown detail `%s` (see docs/data-dictionary.md)", v);
				return;
			}
			r.detail = (uint16_t)d;
		} else if (!strcmp(k, "by")) {
			int role = ehp_role_lookup(v, strlen(v));
			if (role < 0) {
				error_at(R, c->file, line, "unknown role `%s` (see docs/data-dictionary.md)", v);
				return;
			}
			r.author = ehp_role_names[role];
		} else {
			error_at(R, c->file, line, "unexpected `%s`: a record takes to, value, total, score, about, by", k);
			return;
		}
	}
	if (r.end == EHP_NO_DATE && ehp_types[type].kind == EHP_STATE)
		r.end = EHP_FOREVER;
	c->records = ehp_reserve(c->records, &c->cap_records, c->n_records + 1, sizeof *c->records);
	c->records[c->n_records++] = r;
}

static void parse_person(runner *R, case_def *c, char **w, int n, unsigned line)
{
	if (n < 4 || strcmp(w[2], "born") != 0) {
		error_at(R, c->file, line, "%s", "write `person ID born DATE [flags F ...]`");
		return;
	}
	if (person_index(c, w[1]) != -3) {
		error_at(R, c->file, line, "`%s` is already a person of this case (or a reserved word)", w[1]);
		return;
	}
	ehp_person p = { .id = w[1], .line = line };
	p.born = date_word(R, c->file, line, w[3]);
	if (p.born == EHP_NO_DATE)
		return;
	if (n > 4 && strcmp(w[4], "flags") != 0) {
		error_at(R, c->file, line, "unexpected `%s`: write `flags` before the person's flags", w[4]);
		return;
	}
	for (int i = 5; i < n; i++) {
		int f = ehp_flag_lookup(w[i], strlen(w[i]));
		if (f < 0) {
			error_at(R, c->file, line, "unknown flag `%s` (see docs/data-dictionary.md)", w[i]);
			return;
		}
		p.flags |= 1u << f;
	}
	c->people = ehp_reserve(c->people, &c->cap_people, c->n_people + 1, sizeof *c->people);
	c->people[c->n_people++] = p;
}

/* `family entry D [closed D] [claim D] [incomplete]` */
static void parse_family(runner *R, case_def *c, char **w, int n, unsigned line)
{
	if (c->has_family) {
		error_at(R, c->file, line, "%s", "a second `family` line in one case; start a new `case` for another family");
		return;
	}
	c->has_family = true;
	for (int i = 1; i < n; i += 2) {
		if (!strcmp(w[i], "incomplete")) { /* as if one of its data rows had been rejected */
			c->fam.rejected = 1;
			i--;
			continue;
		}
		ehp_date *d = !strcmp(w[i], "entry") ? &c->fam.entry : !strcmp(w[i], "closed") ? &c->fam.closure
		            : !strcmp(w[i], "claim") ? &c->claim : NULL;
		if (!d) {
			error_at(R, c->file, line, "unexpected `%s`: write `family entry DATE [closed DATE] [claim DATE] [incomplete]`", w[i]);
			return;
		}
		if (i + 1 >= n) {
			error_at(R, c->file, line, "`%s` needs a date after it", w[i]);
			return;
		}
		*d = date_word(R, c->file, line, w[i + 1]);
		if (*d == EHP_NO_DATE)
			return;
	}
	if (c->fam.entry == EHP_NO_DATE)
		error_at(R, c->file, line, "%s", "the family needs `entry DATE`");
	else if (c->fam.closure != EHP_NO_DATE && c->fam.closure < c->fam.entry)
		error_at(R, c->file, line, "%s", "support is closed before the point of entry");
}

/* Which subject a row is judged for, by its scope; NULL for a person row. */
static const char *scope_subject(ehp_scope scope)
{
	return scope == EHP_SCOPE_HOUSEHOLD ? "household" : scope == EHP_SCOPE_FAMILY ? "family" : NULL;
}

static void parse_expect(runner *R, case_def *c, char **w, int n, unsigned line)
{
	expectation x = { .line = line, .who = n > 1 ? w[1] : "" };
	bool ok = false;
	if (n == 3 && !strcmp(w[1], "family") && (!strcmp(w[2], "eligible") || !strcmp(w[2], "claimable"))) {
		x.kind = !strcmp(w[2], "eligible") ? X_ELIGIBLE : X_CLAIMABLE, x.want = true, ok = true;
	} else if (n == 4 && !strcmp(w[1], "family") && !strcmp(w[2], "not") &&
	           (!strcmp(w[3], "eligible") || !strcmp(w[3], "claimable"))) {
		x.kind = !strcmp(w[3], "eligible") ? X_ELIGIBLE : X_CLAIMABLE, x.want = false, ok = true;
	} else if (n == 4 && !strcmp(w[1], "themes") && !strcmp(w[2], "met")) {
		char *end;
		long k = strtol(w[3], &end, 10);
		if (*end || end == w[3] || k < 0 || k > 1000) {
			error_at(R, c->file, line, "`%s` is not a number of themes", w[3]);
			return;
		}
		x.kind = X_THEMES, x.themes = (int)k, ok = true;
	} else if (n == 4 && (!strcmp(w[2], "meets") || !strcmp(w[2], "misses") || !strcmp(w[2], "achieves"))) {
		x.kind = !strcmp(w[2], "achieves") ? X_OUTCOME : X_INDICATOR;
		x.want = strcmp(w[2], "misses") != 0, x.id = w[3], ok = true;
	} else if (n == 6 && !strcmp(w[2], "does") && !strcmp(w[3], "not") && !strcmp(w[4], "achieve")) {
		x.kind = X_OUTCOME, x.want = false, x.id = w[5], ok = true;
	} else if (n == 5 && !strcmp(w[2], "exempt") && !strcmp(w[3], "from")) {
		x.kind = X_EXEMPT, x.want = true, x.id = w[4], ok = true;
	} else if (n == 6 && !strcmp(w[2], "not") && !strcmp(w[3], "exempt") && !strcmp(w[4], "from")) {
		x.kind = X_EXEMPT, x.want = false, x.id = w[5], ok = true;
	}
	if (!ok) {
		error_at(R, c->file, line, "%s", "write `expect WHO meets|misses ID`, `expect WHO achieves|does not achieve ID`, "
		                                 "`expect WHO [not] exempt from ID`, `expect family [not] eligible|claimable` "
		                                 "or `expect themes met N`");
		return;
	}
	if (x.kind == X_INDICATOR || x.kind == X_OUTCOME || x.kind == X_EXEMPT) {
		if (person_index(c, x.who) == -3) {
			error_at(R, c->file, line, "`%s` is not a person of this case, `household` or `family`", x.who);
			return;
		}
		x.row = row_index(R->plan, x.kind == X_OUTCOME, x.id);
		if (x.row < 0) {
			error_at(R, c->file, line, x.kind == X_OUTCOME ? "the plan has no outcome `%s`" : "the plan has no indicator `%s`", x.id);
			return;
		}
		if (x.kind == X_EXEMPT && !R->plan->indicators[x.row].exempt) {
			error_at(R, c->file, line, "indicator %s has no `exempt when`: nobody can be exempt from it", x.id);
			return;
		}
		const char *only = scope_subject(x.kind == X_OUTCOME ? R->plan->outcomes[x.row].scope
		                                                     : R->plan->indicators[x.row].scope);
		int who = person_index(c, x.who);
		if (only && strcmp(only, x.who) != 0) {
			const char *verb = x.kind == X_INDICATOR ? (x.want ? "meets" : "misses")
			                 : x.kind == X_EXEMPT    ? (x.want ? "exempt from" : "not exempt from")
			                                         : (x.want ? "achieves" : "does not achieve");
			fprintf(stderr, "%s:%u: %s %s is judged once for the %s: write `expect %s %s %s`\n", c->file, line,
			        x.kind == X_OUTCOME ? "outcome" : "indicator", x.id, only, only, verb, x.id);
			R->errors++;
			return;
		}
		if (!only && who < 0) {
			error_at(R, c->file, line, "%s is judged for each member: name a person of the case", x.id);
			return;
		}
	}
	c->expect = ehp_reserve(c->expect, &c->cap_expect, c->n_expect + 1, sizeof *c->expect);
	c->expect[c->n_expect++] = x;
}

static char *read_all(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0;
	char *buf = malloc(cap);
	while (buf) {
		n += fread(buf + n, 1, cap - n - 1, f);
		if (n < cap - 1 || n >= MAX_FILE)
			break;
		cap *= 2;
		char *b = realloc(buf, cap);
		if (!b) {
			free(buf);
			buf = NULL;
		}
		buf = b;
	}
	if (buf)
		buf[n] = '\0';
	if (ferror(f) || n >= MAX_FILE) {
		free(buf);
		buf = NULL;
	}
	fclose(f);
	*len = n;
	return buf;
}

static void run_file(runner *R, const char *file)
{
	size_t len;
	char *text = read_all(file, &len);
	if (!text) {
		fprintf(stderr, "%s: cannot read: %s\n", file, strerror(errno));
		R->errors++;
		return;
	}
	if (memchr(text, '\0', len)) {
		fprintf(stderr, "%s: contains a NUL byte; not a case file\n", file);
		R->errors++;
		free(text);
		return;
	}
	case_def c = { .file = file };
	reset(&c);
	unsigned line = 0;
	for (char *s = text; s && *s;) {
		char *nl = strchr(s, '\n');
		if (nl)
			*nl = '\0';
		line++;
		char *w[MAX_WORDS];
		int n = split(s, w, R, file, line);
		s = nl ? nl + 1 : NULL;
		if (n <= 0)
			continue;
		if (!strcmp(w[0], "case")) {
			run_case(R, &c);
			reset(&c);
			c.title = n > 1 ? w[1] : "";
			c.line = line;
			c.errors_before = R->errors;
			for (int p = 0; p < R->plan->n_params; p++) /* each case starts from the run's parameters */
				R->case_params[p] = R->params[p];
			continue;
		}
		if (!c.title) {
			error_at(R, file, line, "`%s` before the first `case \"title\"`", w[0]);
			continue;
		}
		if (!strcmp(w[0], "family"))
			parse_family(R, &c, w, n, line);
		else if (!strcmp(w[0], "person"))
			parse_person(R, &c, w, n, line);
		else if (!strcmp(w[0], "record"))
			parse_record(R, &c, w, n, line);
		else if (!strcmp(w[0], "expect"))
			parse_expect(R, &c, w, n, line);
		else if (!strcmp(w[0], "set"))
			parse_set(R, w, n, file, line);
		else
			error_at(R, file, line, "unknown statement `%s`: expected case, family, person, record, set or expect", w[0]);
	}
	run_case(R, &c);
	free(c.people);
	free(c.records);
	free(c.expect);
	free(text);
}

int ehp_run_cases(const ehp_plan *plan, const char **files, int n_files, ehp_date claim,
                  const ehp_calendar *cal, const double *params, bool coverage)
{
	ehp_coverage cov;
	runner R = { .plan = plan, .cal = cal, .params = params, .default_claim = claim, .cov = coverage ? &cov : NULL };
	if (coverage)
		ehp_coverage_init(&cov, plan);
	R.case_params = ehp_xcalloc((size_t)plan->n_params + 1, sizeof *R.case_params);
	for (int i = 0; i < n_files; i++)
		run_file(&R, files[i]);
	free(R.case_params);
	printf("%u case%s, %u expectation%s, %u failed%s\n", R.cases, R.cases == 1 ? "" : "s", R.expectations,
	       R.expectations == 1 ? "" : "s", R.failed, R.errors ? ", and errors in the case files" : "");
	unsigned gaps = coverage ? ehp_coverage_report(&cov, stdout) : 0;
	if (coverage)
		ehp_coverage_free(&cov);
	ehp_results_free(&R.res);
	ehp_trace_free(&R.trace);
	if (R.errors)
		return 2;
	return R.failed || gaps ? 1 : 0;
}
