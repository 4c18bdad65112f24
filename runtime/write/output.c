/*
 * output.c - the CSV writers. Plan strings and ids may contain anything, so
 * every text field goes through ehp_csv_field (quoted as RFC 4180 needs,
 * and never readable as a spreadsheet formula), and every id written to a
 * terminal through ehp_term_text (no control bytes).
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "mem.h"
#include "output.h"

/* A cell a spreadsheet would read as a formula (OWASP's CSV injection
 * rule): text beginning with = + - @, a tab or a carriage return. */
static bool formula_like(const char *s, size_t n)
{
	return n && (s[0] == '=' || s[0] == '+' || s[0] == '-' || s[0] == '@' || s[0] == '\t' || s[0] == '\r');
}

void ehp_csv_field_n(FILE *f, const char *s, size_t n)
{
	/* Ids and rows come from council exports, plan strings from a plan's
	 * author: a cell that would open as a formula is marked as text with a
	 * leading ' (docs/data-format.md). Numbers the runtime formats itself
	 * are written with fprintf, not here, and are never marked. */
	bool mark = formula_like(s, n);
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		if (mark)
			putc('\'', f);
		fwrite(s, 1, n, f);
		return;
	}
	putc('"', f);
	if (mark)
		putc('\'', f);
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			putc('"', f);
		putc(s[i], f);
	}
	putc('"', f);
}

void ehp_csv_field(FILE *f, const char *s)
{
	ehp_csv_field_n(f, s, strlen(s));
}

void ehp_term_text(FILE *f, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		/* C0 controls and DEL, and C1 controls in UTF-8 (U+0080..U+009F,
		 * C2 80..C2 9F: some terminals obey them as escapes too). */
		if (*p < 0x20 || *p == 0x7F)
			fprintf(f, "\\x%02X", *p);
		else if (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F) {
			fprintf(f, "\\x%02X\\x%02X", p[0], p[1]);
			p++;
		} else
			putc(*p, f);
	}
}

static const char *yes_no(ehp_tv v)
{
	return v == EHP_TRUE ? "yes" : "no";
}

void ehp_results_header(FILE *f)
{
	fputs("family_id,eligible,themes_met,themes,indicators_met,outcomes_achieved,claimable,reason,data_complete\n", f);
}

#define EXEMPT_MARK " (exempt)"

/* `id:subject;id:subject` as one CSV field; a met indicator the member
 * needs no outcome for is marked ` (exempt)`. */
static void verdict_list(FILE *f, const ehp_family *fam, const char *const *ids, const int *subjects,
                         const bool *exempt, size_t n)
{
	size_t len = 0;
	for (size_t i = 0; i < n; i++)
		len += strlen(ids[i]) + strlen(ehp_subject_name(fam, subjects[i])) + 2 + sizeof EXEMPT_MARK;
	char *s = ehp_xmalloc(len + 1), *p = s;
	*p = '\0';
	for (size_t i = 0; i < n; i++)
		p += sprintf(p, "%s%s:%s%s", i ? ";" : "", ids[i], ehp_subject_name(fam, subjects[i]),
		             exempt && exempt[i] ? EXEMPT_MARK : "");
	ehp_csv_field(f, s);
	free(s);
}

void ehp_results_row(FILE *f, const ehp_plan *plan, const ehp_family *fam, const ehp_results *res)
{
	size_t cap = res->n_ind > res->n_out ? res->n_ind : res->n_out;
	const char **ids = ehp_xmalloc((cap + 1) * sizeof *ids);
	int *subjects = ehp_xmalloc((cap + 1) * sizeof *subjects);
	bool *exempt = ehp_xmalloc((cap + 1) * sizeof *exempt);
	ehp_csv_field(f, fam->id);
	fprintf(f, ",%s,%d,", yes_no(res->eligible), res->themes_met);
	size_t n = 0;
	for (int t = 0; t < plan->n_themes; t++) {
		for (size_t v = 0; v < res->n_ind; v++) {
			if (res->ind[v].met == EHP_TRUE && plan->indicators[res->ind[v].indicator].theme == t) {
				ids[n++] = plan->themes[t].name;
				break;
			}
		}
	}
	{ /* theme names, `;`-joined */
		size_t len = 1;
		for (size_t i = 0; i < n; i++)
			len += strlen(ids[i]) + 1;
		char *s = ehp_xmalloc(len), *p = s;
		*p = '\0';
		for (size_t i = 0; i < n; i++)
			p += sprintf(p, "%s%s", i ? ";" : "", ids[i]);
		ehp_csv_field(f, s);
		free(s);
	}
	putc(',', f);
	n = 0;
	for (size_t v = 0; v < res->n_ind; v++) {
		if (res->ind[v].met == EHP_TRUE) {
			ids[n] = plan->indicators[res->ind[v].indicator].id;
			exempt[n] = res->ind[v].exempt == EHP_TRUE;
			subjects[n++] = res->ind[v].subject;
		}
	}
	verdict_list(f, fam, ids, subjects, exempt, n);
	putc(',', f);
	n = 0;
	for (size_t v = 0; v < res->n_out; v++) {
		if (res->out[v].achieved == EHP_TRUE) {
			ids[n] = plan->outcomes[res->out[v].outcome].id;
			subjects[n++] = res->out[v].subject;
		}
	}
	verdict_list(f, fam, ids, subjects, NULL, n);
	fprintf(f, ",%s,", yes_no(res->claimable));
	ehp_csv_field(f, res->reason);
	fprintf(f, ",%s\n", ehp_family_incomplete(fam) ? "no" : "yes");
	free(ids);
	free(subjects);
	free(exempt);
}
