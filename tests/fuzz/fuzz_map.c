/*
 * fuzz_map.c - libFuzzer harness for the mapping file (runtime/read/
 * mapfile.c) and what applies it (mapping.c). The input is a mapping.
 * Besides not crashing:
 *   - the count of errors is the count of `error:` lines said, each placed
 *     at a line and column of the text, and parsing again says the same;
 *   - a mapping without errors has a families and a people block, and
 *     every block the fields its kind of row needs;
 *   - such a mapping is applied to a small export (its files named f.csv,
 *     p.csv and r.csv, and every file it joins j.csv, whatever the mapping
 *     names are missing), and every row it makes is read by the reader:
 *     each kept or rejected. j.csv's K column has an id on one row, one on
 *     two, and ids that lead on to another row of it (L), so a chain of
 *     joins is followed, found, not found and ambiguous
 *     (tests/fuzz/map-seeds/chain.map).
 */
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "fuzz.h"
#include "load.h"
#include "mapfile.h"
#include "mapping.h"

static char dir[64];
enum { N_EXPORT = 4 };
static const char *const export_files[N_EXPORT][2] = {
	{ "f.csv", "F,E,C\nF1,01/09/2023 00:00,\nF2,2023-9-1,\n" },
	{ "p.csv", "F,P,D,Y\nF1,k,2010-01-01,Yes\nF1,m,1980-01-01,maybe\nF9,x,2011-01-01,1\n" },
	{ "r.csv", "F,P,T,D,V,N\nF1,k,Offence,2023-01-01,1,2\n,m,x,01/01/2023,92%,\n\"F2,k\n" },
	{ "j.csv", "K,L,Q\nk,L1,2012-02-02\nm,L2,\nL1,k,2013-03-03 00:00\nm,L1,\n\"L2,x\n" },
};

static void remove_export(void)
{
	char path[128];
	for (int k = 0; k < N_EXPORT; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, export_files[k][0]);
		remove(path);
	}
	rmdir(dir);
}

/* The export the mappings are applied to, written once. */
static void make_export(void)
{
	if (dir[0])
		return;
	const char *tmp = getenv("TMPDIR");
	snprintf(dir, sizeof dir, "%s/ehp-fuzz-map-XXXXXX", tmp && *tmp && strlen(tmp) < 30 ? tmp : "/tmp");
	if (!mkdtemp(dir))
		abort();
	atexit(remove_export);
	char path[128];
	for (int k = 0; k < N_EXPORT; k++) {
		snprintf(path, sizeof path, "%s/%s", dir, export_files[k][0]);
		FILE *f = fopen(path, "wb");
		if (!f || fputs(export_files[k][1], f) < 0 || fclose(f) != 0)
			abort();
	}
}

/* Lines `fuzz.map:L:C: error: ...` (an echoed line of the mapping starts
 * with its number, and the summary has no `error:`). */
static int count_errors(const char *diag)
{
	int errors = 0;
	for (const char *s = diag; *s; s = strchr(s, '\n') ? strchr(s, '\n') + 1 : s + strlen(s)) {
		const char *end = strchr(s, '\n');
		size_t n = end ? (size_t)(end - s) : strlen(s);
		if (n > 9 && !strncmp(s, "fuzz.map:", 9) && s[9] >= '1' && s[9] <= '9') {
			const char *e = strstr(s, ": error: ");
			errors += e && e < s + n;
		}
	}
	return errors;
}

static void apply(const ehp_map *m)
{
	ehp_mapping *mp;
	char err[512];
	FILE *native[3] = { 0 };
	if (ehp_mapping_open(&mp, m, dir, true, err, sizeof err) == 0 && ehp_mapping_make(mp, native, err, sizeof err) == 0) {
		ehp_rejects rj = { .quiet = true };
		const char *const names[3] = { "families", "people", "records" };
		ehp_reader *rd;
		if (ehp_reader_open(&rd, native, names, &rj, err, sizeof err) == 0) {
			size_t n;
			const ehp_origin *o = ehp_mapping_origins(mp, &n);
			ehp_reader_origins(rd, o, n);
			ehp_batch b = { 0 };
			unsigned long kept = 0;
			int rc;
			while ((rc = ehp_reader_fill(rd, &b, 64, 4096, err, sizeof err)) == EHP_READ_MORE || rc == EHP_READ_RESTART) {
				if (rc == EHP_READ_RESTART)
					kept = 0;
				else
					kept += b.n_people + b.n_records;
				ehp_batch_clear(&b);
			}
			unsigned long rows = ehp_reader_rows(rd, EHP_PEOPLE_FILE) + ehp_reader_rows(rd, EHP_RECORDS_FILE);
			fuzz_require(rc == EHP_READ_ERROR || kept <= rows, "more people and records kept than rows made");
			ehp_batch_free(&b);
			ehp_reader_close(rd);
		}
		ehp_rejects_free(&rj);
	}
	for (int k = 0; k < 3; k++)
		if (native[k])
			fclose(native[k]);
	ehp_mapping_close(mp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	make_export();
	char *diag[2];
	size_t len[2];
	int errors[2];
	ehp_map m;
	for (int k = 0; k < 2; k++) {
		FILE *f = open_memstream(&diag[k], &len[k]);
		if (!f)
			abort();
		errors[k] = ehp_map_parse(&m, "fuzz.map", (const char *)data, size, f);
		fclose(f);
		if (k == 0)
			ehp_map_free(&m);
	}
	fuzz_require(errors[0] == errors[1] && len[0] == len[1] && !memcmp(diag[0], diag[1], len[0]),
	             "parsing again says something else");
	fuzz_require(errors[0] == count_errors(diag[0]), "errors counted are not the errors said");
	if (!errors[0]) {
		bool have[EHP_N_INPUT_FILES] = { 0 };
		for (size_t i = 0; i < m.n_sources; i++) {
			const ehp_map_source *s = &m.sources[i];
			have[s->kind] = true;
			fuzz_require(s->file && *s->file, "a block without a file");
			if (s->kind == EHP_FAMILIES_FILE)
				fuzz_require(s->column[EHP_MF_FAMILY_ID] && s->column[EHP_MF_ENTRY_DATE], "a families block short");
			if (s->kind == EHP_PEOPLE_FILE)
				fuzz_require(s->column[EHP_MF_PERSON_ID] && s->column[EHP_MF_DATE_OF_BIRTH], "a people block short");
		}
		fuzz_require(have[EHP_FAMILIES_FILE] && have[EHP_PEOPLE_FILE], "no families or no people block");
		/* The export's files, whatever the mapping calls them. */
		static const char *const files[] = { "f.csv", "p.csv", "r.csv" };
		for (size_t i = 0; i < m.n_sources; i++) {
			free(m.sources[i].file);
			m.sources[i].file = strdup(files[m.sources[i].kind]);
			if (!m.sources[i].file)
				abort();
			for (size_t k = 0; k < m.sources[i].n_joins; k++) { /* every join to one file: chains that meet it again */
				free(m.sources[i].joins[k].file);
				m.sources[i].joins[k].file = strdup("j.csv");
				if (!m.sources[i].joins[k].file)
					abort();
			}
		}
		apply(&m);
	}
	ehp_map_free(&m);
	free(diag[0]);
	free(diag[1]);
	return 0;
}
