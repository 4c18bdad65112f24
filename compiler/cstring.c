/*
 * cstring.c - escaping plan text for generated C (see cstring.h). Everything
 * the plan says is data, never code, whatever bytes it contains.
 */
#include <stdlib.h>
#include <string.h>
#include "cstring.h"

#define PIECE 512 /* source bytes per literal piece: short lines, easy diffs */

static int plain(unsigned c)
{
	return c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '?';
}

void emit_c_string(FILE *out, const char *s)
{
	if (!s)
		s = "";
	putc('"', out);
	size_t piece = 0;
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (piece == PIECE) {
			/* a 3-digit octal escape cannot swallow the next piece's digits */
			fputs("\"\n\t\"", out);
			piece = 0;
		}
		if (plain(*p))
			putc(*p, out);
		else
			fprintf(out, "\\%03o", *p);
		piece++;
	}
	putc('"', out);
}

void emit_c_byte_list(FILE *out, const char *s)
{
	if (!s)
		s = "";
	fputs("{", out);
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)s;; p++, n++) {
		fputs(n % 16 ? " " : "\n\t", out);
		fprintf(out, "%u,", *p);
		if (!*p)
			break;
	}
	fputs("\n}", out);
}

void emit_comment_text(FILE *out, const char *s, size_t max)
{
	if (!s)
		s = "";
	size_t n = 0;
	int prev = ' ';
	for (const unsigned char *p = (const unsigned char *)s; *p && n < max; p++, n++) {
		int c = *p;
		if (c < 0x20 || c >= 0x7f)
			c = ' ';
		if (c == '\\')
			c = '|'; /* a backslash before a newline would splice lines */
		if ((prev == '*' && c == '/') || (prev == '/' && c == '*') || (prev == '?' && c == '?'))
			putc(' ', out); /* the comment can neither end nor open another */
		putc(c, out);
		prev = c;
	}
	if (s[n])
		fputs("...", out);
}

char *c_ident_part(const char *id, int index)
{
	size_t n = 0;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			n += 1;
		else if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			n += 1;
		else if (*p == '*')
			n += 5;
		else
			n += 4;
	}
	char *s = malloc((n > 24 ? n : 24) + 1);
	if (!s)
		return NULL;
	if (n > CSTRING_IDENT_MAX || n == 0) {
		snprintf(s, 24, "_L%d", index);
		return s;
	}
	char *w = s;
	for (const unsigned char *p = (const unsigned char *)id; *p; p++) {
		if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9'))
			*w++ = (char)*p;
		else if (*p == '.' && p[1] >= '0' && p[1] <= '9')
			*w++ = '_';
		else if (*p == '*')
			w += sprintf(w, "_star");
		else
			w += sprintf(w, "_x%02X", *p);
	}
	*w = '\0';
	return s;
}
