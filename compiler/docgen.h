/*
 * docgen.h - the plan as a Markdown document for people (docgen.c).
 */
#ifndef EHPC_DOCGEN_H
#define EHPC_DOCGEN_H

#include <stddef.h>
#include <stdio.h>
#include "ast.h"

/* text, len: the plan file the checked tree came from (rules are quoted
 * from it). Returns 0, or -1 if writing failed. */
int emit_doc(const plan *p, const char *text, size_t len, FILE *out);

#endif
