/*
 * calendar_load.c - a council's own term dates from a CSV file with columns
 * start and end (dd/mm/yyyy or yyyy-mm-dd), one term per row, in order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include "csv.h"
#include "eval.h"
#include "load.h"

int ehp_calendar_load(ehp_calendar *cal, const char *path, char *err, size_t errlen)
{
	return ehp_calendar_load_hashed(cal, path, NULL, NULL, err, errlen);
}

int ehp_calendar_load_hashed(ehp_calendar *cal, const char *path, char hex[65], uint64_t *bytes, char *err,
                             size_t errlen)
{
	*cal = (ehp_calendar){ 0 };
	FILE *f = fopen(path, "rb");
	if (!f) {
		snprintf(err, errlen, "%s: cannot open: %s", path, strerror(errno));
		return -1;
	}
	csv_reader r;
	csv_open(&r, f, path);
	csv_hash(&r, hex != NULL);
	int rc = -1;
	size_t cap = 0;
	if (!csv_next(&r)) {
		snprintf(err, errlen, "%s: the file is empty; expected a header `start,end`", path);
		goto out;
	}
	int cs = csv_column(&r, "start"), ce = csv_column(&r, "end");
	if (cs < 0 || ce < 0) {
		snprintf(err, errlen, "%s: expected columns `start` and `end`", path);
		goto out;
	}
	while (csv_next(&r)) {
		if (r.error || r.n_fields <= (size_t)cs || r.n_fields <= (size_t)ce) {
			snprintf(err, errlen, "%s:%lu: %s", path, r.line, r.error ? r.error : "wrong number of columns");
			goto out;
		}
		ehp_date s = ehp_date_parse(csv_field(&r, (size_t)cs), csv_len(&r, (size_t)cs));
		ehp_date e = ehp_date_parse(csv_field(&r, (size_t)ce), csv_len(&r, (size_t)ce));
		if (s == EHP_NO_DATE || e == EHP_NO_DATE || e < s) {
			snprintf(err, errlen, "%s:%lu: %s", path, r.line,
			         s == EHP_NO_DATE ? "start: not a date" : e == EHP_NO_DATE ? "end: not a date" : "end: before start");
			goto out;
		}
		if (cal->n && s <= cal->terms[cal->n - 1].end) {
			snprintf(err, errlen, "%s:%lu: start: terms must be in order and must not overlap", path, r.line);
			goto out;
		}
		if (cal->n == cap) {
			cap = cap ? cap * 2 : 16;
			ehp_term *t = realloc(cal->terms, cap * sizeof *t);
			if (!t) {
				snprintf(err, errlen, "out of memory");
				goto out;
			}
			cal->terms = t;
		}
		cal->terms[cal->n++] = (ehp_term){ s, e };
	}
	cal->owned = true;
	if (!cal->n) {
		snprintf(err, errlen, "%s: no terms in the file", path);
		goto out;
	}
	rc = hex && csv_digest(&r, hex, bytes) != 0 ? (snprintf(err, errlen, "%s: read error", path), -1) : 0;
out:
	if (rc != 0) {
		free(cal->terms);
		*cal = (ehp_calendar){ 0 };
	}
	csv_close(&r);
	fclose(f);
	return rc;
}
