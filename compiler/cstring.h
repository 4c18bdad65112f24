/*
 * cstring.h - the only ways plan text reaches generated C: as an escaped
 * string literal (or a byte array when too long for one), inside a defused
 * comment, or as part of an identifier. Plan text is data, never code.
 */
#ifndef EHPC_CSTRING_H
#define EHPC_CSTRING_H

#include <stdio.h>

/* Longest text written as a string literal: C11 only promises 4095
 * characters per literal after concatenation (gcc -Wpedantic enforces it). */
#define CSTRING_LITERAL_MAX 4000
/* Longest identifier part made from a row id: C11 promises 63 significant
 * characters, and the part gets prefixes such as `who_ind_`. */
#define CSTRING_IDENT_MAX 48

/* A C string literal with the bytes of s: printable ASCII other than `"`,
 * `\` and `?` as themselves, every other byte (newline, NUL's neighbours,
 * non-ASCII) as a 3-digit octal escape, so no trigraph, line splice or
 * encoding survives; split into adjacent literals of at most 512 source
 * bytes each. NULL prints as "". Use only for strlen(s) <= CSTRING_LITERAL_MAX. */
void emit_c_string(FILE *out, const char *s);
/* The bytes of s and a terminating 0 as a brace-enclosed initializer list of
 * numbers, for text too long for a literal. */
void emit_c_byte_list(FILE *out, const char *s);
/* Text safe inside a block comment: printable ASCII only, `*` `/`, `/` `*`
 * and `??` pairs broken, backslashes replaced, cut to max bytes (then "...").
 * Callers write it between spaces or punctuation other than `*` and `/`. */
void emit_comment_text(FILE *out, const char *s, size_t max);
/* A row id as part of a C identifier, malloc'd (NULL if out of memory).
 * Letters and digits are kept, `.` before a digit becomes `_`, `*` becomes
 * `_star`, any other byte `_xHH`: injective, so distinct ids give distinct
 * names. An id whose part would exceed CSTRING_IDENT_MAX becomes `_L<index>`,
 * which the mapping never produces. */
char *c_ident_part(const char *id, int index);

#endif
