/*
 * json.c - the JSON text primitives of json.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "json.h"
#include "mem.h"

void ehp_json_grow(ehp_json *j, size_t n)
{
	j->p = ehp_reserve(j->p, &j->cap, j->len + n, 1);
}

void ehp_json_free(ehp_json *j)
{
	free(j->p);
	*j = (ehp_json){ 0 };
}

/* The length of the valid UTF-8 sequence at s (at most n bytes), or 0 when
 * the bytes there are not one (RFC 3629: no overlong forms, no surrogates,
 * nothing past U+10FFFF). */
static size_t utf8_len(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	unsigned char lo = 0x80, hi = 0xBF; /* the second byte's range */
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF) {
		len = 3;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else if (c >= 0xF0 && c <= 0xF4) {
		len = 4;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	} else
		return 0;
	if (n < len || s[1] < lo || s[1] > hi)
		return 0;
	for (size_t k = 2; k < len; k++)
		if (s[k] < 0x80 || s[k] > 0xBF)
			return 0;
	return len;
}

static void escape_u(ehp_json *j, unsigned code)
{
	static const char hex[] = "0123456789abcdef";
	char u[6] = { '\\', 'u', '0', '0', hex[code >> 4 & 15], hex[code & 15] };
	ehp_json_raw(j, u, sizeof u);
}

void ehp_json_str_n(ehp_json *j, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	ehp_json_lit(j, "\"");
	size_t i = 0;
	while (i < n) {
		size_t run = i; /* bytes that need nothing: copied at once */
		while (run < n && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\')
			run++;
		ehp_json_raw(j, (const char *)s + i, run - i);
		if ((i = run) == n)
			break;
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			ehp_json_raw(j, e, 2);
			i++;
		} else if (c < 0x80) { /* C0 controls and DEL */
			escape_u(j, c);
			i++;
		} else {
			size_t len = utf8_len(s + i, n - i);
			if (len == 0) {
				ehp_json_lit(j, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
				i++;
			} else if (len == 2 && c == 0xC2 && s[i + 1] <= 0x9F) {
				escape_u(j, s[i + 1]); /* a C1 control */
				i += 2;
			} else {
				ehp_json_raw(j, (const char *)s + i, len);
				i += len;
			}
		}
	}
	ehp_json_lit(j, "\"");
}

void ehp_json_str(ehp_json *j, const char *s)
{
	if (!s)
		ehp_json_lit(j, "null");
	else
		ehp_json_str_n(j, s, strlen(s));
}

void ehp_json_uint(ehp_json *j, uint64_t v)
{
	if (v < 10) { /* most figures and indexes */
		char c = (char)('0' + v);
		ehp_json_raw(j, &c, 1);
		return;
	}
	char buf[20];
	size_t k = sizeof buf;
	do {
		buf[--k] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	ehp_json_raw(j, buf + k, sizeof buf - k);
}

void ehp_json_int(ehp_json *j, int64_t v)
{
	if (v < 0) {
		ehp_json_lit(j, "-");
		ehp_json_uint(j, (uint64_t)0 - (uint64_t)v);
	} else {
		ehp_json_uint(j, (uint64_t)v);
	}
}

void ehp_json_num(ehp_json *j, double v)
{
	if (!isfinite(v)) {
		ehp_json_lit(j, "null");
	} else if (v == floor(v) && fabs(v) < 1e15) { /* counts, days, most thresholds: no printf */
		ehp_json_int(j, (int64_t)v);
	} else {
		char buf[32];
		int n = snprintf(buf, sizeof buf, "%.10g", v);
		ehp_json_raw(j, buf, (size_t)n);
	}
}

void ehp_json_date(ehp_json *j, ehp_date d)
{
	char buf[11];
	ehp_date_format(d, buf);
	if (d == EHP_NO_DATE || d == EHP_FOREVER || buf[0] == '-') {
		ehp_json_lit(j, "null");
		return;
	}
	char q[12] = { '"' };
	memcpy(q + 1, buf, 10);
	q[11] = '"';
	ehp_json_raw(j, q, sizeof q);
}

void ehp_json_tv(ehp_json *j, ehp_tv v)
{
	if (v == EHP_TRUE)
		ehp_json_lit(j, "true");
	else if (v == EHP_FALSE)
		ehp_json_lit(j, "false");
	else
		ehp_json_lit(j, "null");
}
