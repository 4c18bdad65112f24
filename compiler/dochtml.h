/*
 * dochtml.h - the plan as one self-contained HTML page for a partnership to
 * read and sign off (dochtml.c).
 */
#ifndef EHPC_DOCHTML_H
#define EHPC_DOCHTML_H

#include <stdio.h>
#include "ast.h"

/* hash: the SHA-256 of the plan file, in hex. Returns 0, or -1 if writing
 * failed. */
int emit_doc_html(const plan *p, const char *hash, FILE *out);

#endif
