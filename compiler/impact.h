/*
 * impact.h - what a change of plan does to the families of an extract
 * (`ehpc diff OLD NEW --data DIR --as-of DATE`, docs/ehpc.md).
 */
#ifndef EHPC_IMPACT_H
#define EHPC_IMPACT_H

#include <stdio.h>
#include "plan_file.h"

/* Compiles both plans into evaluators in a private scratch folder (under
 * $TMPDIR, else /tmp; mode 0700), runs each on the extract in data_dir
 * with the claim date as_of, compares their results family by family
 * (results_diff.h) and writes the report to out; then removes the folder,
 * also when ehpc is interrupted. The C compiler is run as `--build` runs it
 * ($CC, $EHP_RUNTIME_DIR, $EHP_LIB). 0, or -1 when a step failed
 * (reported on stderr, with what the evaluator or the compiler said). */
int impact_run(const plan_file *old, const plan_file *new, const char *data_dir, const char *as_of, FILE *out);

#endif
