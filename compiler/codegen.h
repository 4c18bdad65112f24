/*
 * codegen.h - the C back end: a checked plan becomes one C file that links
 * against libehp (runtime/ehp.h).
 */
#ifndef EHPC_CODEGEN_H
#define EHPC_CODEGEN_H

#include <stdio.h>
#include "ast.h"

/* source_hash: hex digest of the plan text, embedded for the execution receipt.
 * Returns 0, or -1 if writing failed. */
int emit_c(const plan *p, const char *source_hash, FILE *out);

#endif
