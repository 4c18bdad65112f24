/*
 * cstring.h - the only ways plan text reaches generated C: as an escaped
 * string literal, inside a defused comment, or as a validated identifier.
 */
#ifndef EHPC_CSTRING_H
#define EHPC_CSTRING_H

#include <stdio.h>

/* A C string literal with the bytes of s: printable ASCII other than `"`,
 * `\` and `?` as themselves, every other byte as a 3-digit octal escape (so
 * no trigraph, newline or non-ASCII byte survives), split into adjacent
 * literals well under C's 4095-character minimum. NULL prints as "". */
void emit_c_string(FILE *out, const char *s);
/* Text safe inside a block comment: printable ASCII only, `*` `/` and `??`
 * defused, cut to max bytes. */
void emit_comment_text(FILE *out, const char *s, size_t max);
/* A row id as part of a C identifier: letters and digits kept, `.` -> `_`,
 * `*` -> `_star`, any other byte -> `_xHH`. Injective on row ids. */
void emit_ident_part(FILE *out, const char *id);

#endif
