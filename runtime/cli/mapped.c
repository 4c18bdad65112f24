/*
 * mapped.c - inputs through a mapping, for the evaluator's command line
 * (mapped.h).
 */
#include <string.h>
#include "mapped.h"
#include "output.h"
#include "sha256.h"

int ehp_mapped_open(ehp_mapped *mi, const char *map_path, const char *dir, bool keep_going, FILE *diag, char *err,
                    size_t errlen)
{
	*mi = (ehp_mapped){ 0 };
	if (!dir) {
		snprintf(err, errlen, "--map needs --data DIR: the folder that holds the council's files");
		return -1;
	}
	int errors = ehp_map_load(&mi->map, map_path, diag, err, errlen);
	if (errors < 0)
		return -1;
	if (errors) {
		*err = '\0';
		return -1;
	}
	sha256_hex(mi->map.text, mi->map.len, mi->map_hex);
	mi->map_bytes = mi->map.len;
	if (ehp_mapping_open(&mi->mapping, &mi->map, dir, keep_going, err, errlen) != 0) {
		const ehp_map_missing *miss;
		if (ehp_mapping_missing(mi->mapping, &miss)) {
			ehp_mapped_print_missing(mi, diag, "");
			fprintf(diag, "%s\n", err);
			*err = '\0';
		}
		return -1;
	}
	for (int k = 0; k < 3; k++) {
		mi->files[k].name = ehp_mapping_kind_files(mi->mapping, k, &mi->files[k].n);
		mi->names[k] = map_path;
		for (size_t i = 0; i < mi->map.n_sources; i++) {
			if (mi->map.sources[i].kind == k) {
				mi->names[k] = mi->map.sources[i].file;
				break;
			}
		}
	}
	return ehp_mapping_make(mi->mapping, mi->native, err, errlen);
}

static void quoted(FILE *f, const char *s)
{
	putc('"', f);
	ehp_term_text(f, s);
	putc('"', f);
}

void ehp_mapped_print_missing(const ehp_mapped *mi, FILE *f, const char *indent)
{
	const ehp_map_missing *miss;
	size_t n = ehp_mapping_missing(mi->mapping, &miss);
	for (size_t i = 0; i < n; i++) {
		const ehp_map_missing *m = &miss[i];
		fprintf(f, "%s%s:%u:%u: ", indent, mi->map.path, m->at.line, m->at.col);
		ehp_term_text(f, m->file);
		fputs(m->twice ? ": the header has two " : ": no column ", f);
		quoted(f, m->header);
		fprintf(f, "\n%s    the header has:", indent);
		for (size_t k = 0; k < m->n_found; k++) {
			fputs(k ? ", " : " ", f);
			quoted(f, m->found[k]);
		}
		putc('\n', f);
		if (m->nearest) {
			fprintf(f, "%s    = hint: did you mean ", indent);
			quoted(f, m->nearest);
			fputs("?\n", f);
		}
	}
}

void ehp_mapped_print_unknown(const ehp_mapped *mi, FILE *f, const char *indent)
{
	const ehp_map_unknown *u;
	size_t n = ehp_mapping_unknown(mi->mapping, &u);
	for (size_t i = 0; i < n; i++) {
		fprintf(f, "%s", indent);
		ehp_term_text(f, u[i].file);
		fputs(" column ", f);
		quoted(f, u[i].column);
		fputs(": code ", f);
		quoted(f, u[i].code);
		fprintf(f, " in %lu row%s: not in the mapping nor the data dictionary\n", u[i].rows,
		        u[i].rows == 1 ? "" : "s");
	}
}

void ehp_mapped_close(ehp_mapped *mi)
{
	ehp_mapping_close(mi->mapping);
	ehp_map_free(&mi->map);
	*mi = (ehp_mapped){ 0 };
}
