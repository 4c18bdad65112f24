/*
 * claims_load.c - reads the claims already made (claims.h) with the
 * extract's own CSV and table readers, so its cells are read as the other
 * inputs' are (dates as exports write them, spaces trimmed, empty rows
 * skipped) and its bad rows reported the same way.
 */
#include <errno.h>
#include <string.h>
#include "claims.h"
#include "rejects.h"
#include "table.h"

/* One row: kept, counted as not this run's, or rejected (returns false). */
static bool claim_row(ehp_table *t, const int col[3], ehp_claims *c, const char *plan_name, ehp_date as_of)
{
	if (t->bad) {
		ehp_table_reject(t, "row", t->bad);
		return false;
	}
	size_t id_len, plan_len;
	const char *id = ehp_cell(t, col[0], &id_len);
	const char *plan = ehp_cell(t, col[2], &plan_len);
	const char *bad;
	ehp_date date = ehp_cell_date(t, col[1], &bad);
	if (!id_len) {
		ehp_table_reject(t, "family_id", "empty");
		return false;
	}
	if (bad || date == EHP_NO_DATE) {
		ehp_table_reject(t, "claim_date", bad ? bad : "empty; the day the claim was made is needed");
		return false;
	}
	if (!plan_len) {
		ehp_table_reject(t, "plan", "empty; the plan the claim was made under is needed");
		return false;
	}
	if (plan_len != strlen(plan_name) || memcmp(plan, plan_name, plan_len) != 0)
		c->other_plans++;
	else if (date > as_of)
		c->later++;
	else
		ehp_claims_add(c, id, id_len, date, (uint32_t)ehp_table_line(t));
	return true;
}

int ehp_claims_load(ehp_claims *c, const char *path, const char *plan_name, ehp_date as_of, char hex[65],
                    uint64_t *bytes, char *err, size_t errlen)
{
	*c = (ehp_claims){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	/* The table names its input for rejects; the claims use the families'
	 * slot of a rejects list of their own, never the run's rejects.csv. */
	ehp_rejects rj = { .max_shown = 20 };
	ehp_table t;
	int rc = -1;
	if (ehp_table_open(&t, f, path, EHP_FAMILIES_FILE, &rj, err, errlen) != 0)
		goto out_table; /* csv_open has run: its buffer is freed there */
	static const char *const names[3] = { "family_id", "claim_date", "plan" };
	int col[3];
	for (int i = 0; i < 3; i++)
		if ((col[i] = ehp_table_column(&t, names[i], true, err, errlen)) < 0)
			goto out_table;
	while (ehp_table_next(&t))
		claim_row(&t, col, c, plan_name, as_of);
	if (ferror(f)) {
		snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
		goto out_table;
	}
	if (rj.count) {
		ehp_rejects_finish(&rj);
		snprintf(err, errlen, "%s: %lu bad row%s: the claims file is refused whole (a claim left out could be made "
		         "again); correct %s", path, rj.count, rj.count == 1 ? "" : "s", rj.count == 1 ? "it" : "them");
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
	ehp_rejects_free(&rj);
	fclose(f);
	if (rc != 0)
		ehp_claims_free(c);
	return rc;
}
