/*
 * claims_load.c - reads the claims already made (claims.h) with the
 * extract's own CSV and table readers, so its cells are read as the other
 * inputs' are (dates as exports write them, spaces trimmed, empty rows
 * skipped) and its bad rows reported the same way: in rejects.csv, with
 * their family flagged (a claim that could not be read), or, when a row's
 * family cannot be told, by refusing the file.
 */
#include <errno.h>
#include <string.h>
#include "claims.h"
#include "rejects.h"
#include "table.h"

/* The first row whose family could not be told, for the refusal. */
typedef struct {
	unsigned long line;
	const char *field;
} untold;

/* One row: kept, counted as not this run's, or rejected. A rejected row
 * whose family is known and that could be this plan's claim by the claim
 * date is kept as a claim that could not be read, so its family is never
 * claimable by accident; one whose family cannot be told (an empty
 * family_id, or a row whose columns cannot be trusted) is noted in *first. */
static void claim_row(ehp_table *t, const int col[3], ehp_claims *c, const char *plan_name, ehp_date as_of,
                      untold *first)
{
	size_t id_len, plan_len;
	const char *id = ehp_cell(t, col[0], &id_len);
	const char *bad_field = t->bad ? "row" : !id_len ? "family_id" : NULL;
	if (bad_field) {
		ehp_table_reject(t, bad_field, t->bad ? t->bad : "empty");
		if (!first->line)
			*first = (untold){ ehp_table_line(t), bad_field };
		return;
	}
	const char *plan = ehp_cell(t, col[2], &plan_len);
	const char *bad;
	ehp_date date = ehp_cell_date(t, col[1], &bad);
	bool this_plan = plan_len == strlen(plan_name) && memcmp(plan, plan_name, plan_len) == 0;
	const char *field = NULL;
	if (bad || date == EHP_NO_DATE) {
		ehp_table_reject(t, field = "claim_date", bad ? bad : "empty; the day the claim was made is needed");
		date = EHP_NO_DATE;
	} else if (!plan_len) {
		ehp_table_reject(t, field = "plan", "empty; the plan the claim was made under is needed");
	}
	if (field) { /* another plan's claim, or one dated after the claim date, concerns no verdict here */
		if ((this_plan || !plan_len) && (date == EHP_NO_DATE || date <= as_of))
			ehp_claims_add_unreadable(c, id, id_len, (uint32_t)ehp_table_line(t), field);
		return;
	}
	if (!this_plan)
		c->other_plans++;
	else if (date > as_of)
		c->later++;
	else
		ehp_claims_add(c, id, id_len, date, (uint32_t)ehp_table_line(t));
}

int ehp_claims_load(ehp_claims *c, const char *path, const char *plan_name, ehp_date as_of, bool strict,
                    ehp_rejects *rj, char hex[65], uint64_t *bytes, char *err, size_t errlen)
{
	*c = (ehp_claims){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	/* The claims' bad rows are kept in the last slot of a rejects list of
	 * their own, for the run to add after the extract's (rejects.h). */
	rj->keep_rows = true;
	ehp_table t;
	int rc = -1;
	untold first = { 0, NULL };
	if (ehp_table_open(&t, f, path, EHP_RECORDS_FILE, rj, err, errlen) != 0)
		goto out_table; /* csv_open has run: its buffer is freed there */
	static const char *const names[3] = { "family_id", "claim_date", "plan" };
	int col[3];
	for (int i = 0; i < 3; i++)
		if ((col[i] = ehp_table_column(&t, names[i], true, err, errlen)) < 0)
			goto out_table;
	while (ehp_table_next(&t))
		claim_row(&t, col, c, plan_name, as_of, &first);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
		goto out_table;
	}
	if (first.line || (strict && rj->count)) {
		ehp_rejects_finish(rj); /* every bad row's place on stderr */
		if (first.line)
			snprintf(err, errlen, "%s:%lu: %s: the family a claim was made for cannot be told, so the claims file is "
			         "refused whole (a claim left out could be paid twice); correct the row",
			         path, first.line, first.field);
		else
			snprintf(err, errlen, "%s: %lu bad row%s and --strict: the claims file is refused", path, rj->count,
			         rj->count == 1 ? "" : "s");
		rc = first.line ? -1 : 1;
		goto out_table;
	}
	if (csv_digest(&t.csv, hex, bytes) != 0) {
		snprintf(err, errlen, "%s: read error", path);
		goto out_table;
	}
	ehp_claims_index(c);
	rc = 0;
out_table:
	ehp_table_close(&t);
	fclose(f);
	if (rc != 0)
		ehp_claims_free(c);
	return rc;
}
