/*
 * receipt.c - the execution receipt an evaluator writes beside its results:
 * which plan (its file and SHA-256), which ehp, which claim date and
 * parameters, which input files (their SHA-256 and size), and what came of
 * it. With it a claim can be reproduced, or shown to be unreproducible,
 * years later. Nothing in it changes from run to run on the same inputs
 * (no clock, no host), so two receipts can be compared line by line.
 *
 * The digests are of the bytes as they were read and judged (the reader
 * hashes them as it reads, csv.h), never of a second read of the file.
 */
#include <stdlib.h>
#include <string.h>
#include "receipt.h"

void ehp_receipt_write(FILE *f, const ehp_receipt *r)
{
	const ehp_plan *plan = r->plan;
	char claim[11];
	ehp_date_format(r->claim, claim);
	fprintf(f, "ehp execution receipt\n");
	fprintf(f, "evaluator     %s, built with ehp %s\n", plan->name, EHP_VERSION);
	fprintf(f, "plan          %s\n", plan->title);
	fprintf(f, "plan file     %s\n", plan->file);
	fprintf(f, "plan sha256   %s\n", plan->hash);
	fprintf(f, "claim date    %s\n", claim);
	fprintf(f, "school terms  %s\n", r->terms ? r->terms : "England's calendar, built in");
	fprintf(f, "parameters\n");
	for (int i = 0; i < plan->n_params; i++) {
		const ehp_param_def *p = &plan->params[i];
		bool yesno = !strcmp(p->unit, "yes/no");
		bool set = r->params[i] != p->value;
		if (yesno)
			fprintf(f, "  %-36s %s", p->name, r->params[i] != 0 ? "yes" : "no");
		else
			fprintf(f, "  %-36s %g %s", p->name, r->params[i], p->unit);
		fprintf(f, "%s\n", set ? "   (set for this run; the plan's default differs)" : "");
	}
	fprintf(f, "inputs\n");
	for (int i = 0; i < r->n_inputs; i++)
		fprintf(f, "  %-8s %s  %llu bytes  sha256 %s\n", r->input_names[i], r->input_paths[i],
		        (unsigned long long)r->input_bytes[i], r->input_hex[i]);
	fprintf(f, "rows rejected %lu\n", r->rejected);
	fprintf(f, "families      %lu judged, %lu eligible, %lu claimable, %lu on incomplete data\n", r->families,
	        r->eligible, r->claimable, r->incomplete);
	fprintf(f, "outputs       results.csv%s%s, receipt.txt\n", r->rejected ? ", rejects.csv" : "",
	        r->evidence ? ", evidence.csv" : "");
}
