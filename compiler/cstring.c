/*
 * cstring.c - escaping plan text for generated C (see cstring.h). Everything
 * the plan says is data, never code, whatever bytes it contains.
 */
#include <string.h>
#include "cstring.h"

#define PIECE 512 /* source bytes per literal piece */

void emit_c_string(FILE *out, const char *s)
{
	if (!s)
		s = "";
	putc('"', out);
	size_t piece = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (piece == PIECE) {
			fputs("\"\n\t\"", out);
			piece = 0;
		}
		unsigned c = *p;
		if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?')
			putc((int)c, out);
		else
			fprintf(out, "\\%03o", c);
		piece++;
	}
	putc('"', out);
}

void emit_comment_text(FILE *out, const char *s, size_t max)
{
	size_t n = 0;
	int prev = 0;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p && n < max; p++, n++) {
		int c = *p;
		if (c < 0x20 || c >= 0x7f)
			c = ' ';
		if ((prev == '*' && c == '/') || (prev == '/' && c == '*') || (prev == '?' && c == '?'))
			putc(' ', out); /* no `*` `/`, `/` `*` or `??` pairs: the comment cannot end or nest */
		if (c == '\\')
			c = '|'; /* a backslash at the end of a line would splice lines */
		putc(c, out);
		prev = c;
	}
	if (*(s ? s + n : "") )
		fputs("...", out);
}

void emit_ident_part(FILE *out, const char *id)
{
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		unsigned c = *p;
		if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
			putc((int)c, out);
		else if (c == '.')
			putc('_', out);
		else if (c == '*')
			fputs("_star", out);
		else
			fprintf(out, "_x%02X", c);
	}
}
