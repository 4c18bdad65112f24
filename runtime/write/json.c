/*
 * json.c - the JSON text primitives of json.h.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include "json.h"
#include "mem.h"

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
	ehp_buf_raw(j, u, sizeof u);
}

/* Whether none of the 8 bytes at s needs anything done: no control byte,
 * DEL, '"', '\\' or byte of 0x80 and over (the tests of Anderson's "Bit
 * Twiddling Hacks", each exact about whether some byte matches). */
static bool plain8(const unsigned char *s)
{
	const uint64_t ones = UINT64_C(0x0101010101010101), highs = ones * 0x80;
	uint64_t x;
	memcpy(&x, s, 8);
	uint64_t quote = x ^ (ones * '"'), slash = x ^ (ones * '\\'), del = x ^ (ones * 0x7F);
	uint64_t found = ((x - ones * 0x20) & ~x) /* a byte under 0x20 */
	                 | x                      /* a byte of 0x80 or over */
	                 | ((quote - ones) & ~quote) | ((slash - ones) & ~slash) | ((del - ones) & ~del);
	return !(found & highs);
}

/* Whether none of the n bytes at s needs anything done (plain8's test). */
static bool plain(const unsigned char *s, size_t n)
{
	size_t k = 0;
	for (; k + 8 <= n; k += 8)
		if (!plain8(s + k))
			return false;
	for (; k < n; k++)
		if (s[k] < 0x20 || s[k] >= 0x7F || s[k] == '"' || s[k] == '\\')
			return false;
	return true;
}

void ehp_json_str_n(ehp_json *j, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	if (n <= 64 && plain(s, n)) { /* most: an id, a reason, a row's words: copied at once */
		char *p = ehp_buf_at(j, n + 2);
		*p++ = '"';
		memcpy(p, s, n);
		p[n] = '"';
		ehp_buf_done(j, p + n + 1);
		return;
	}
	ehp_buf_lit(j, "\"");
	size_t i = 0;
	while (i < n) {
		size_t run = i; /* bytes that need nothing: copied at once */
		while (run + 8 <= n && plain8(s + run))
			run += 8;
		while (run < n && s[run] >= 0x20 && s[run] < 0x7F && s[run] != '"' && s[run] != '\\')
			run++;
		ehp_buf_raw(j, (const char *)s + i, run - i);
		if ((i = run) == n)
			break;
		unsigned char c = s[i];
		if (c == '"' || c == '\\') {
			char e[2] = { '\\', (char)c };
			ehp_buf_raw(j, e, 2);
			i++;
		} else if (c < 0x80) { /* C0 controls and DEL */
			escape_u(j, c);
			i++;
		} else {
			size_t len = utf8_len(s + i, n - i);
			if (len == 0) {
				ehp_buf_lit(j, "\xEF\xBF\xBD"); /* U+FFFD for a byte that is not UTF-8 */
				i++;
			} else if (len == 2 && c == 0xC2 && s[i + 1] <= 0x9F) {
				escape_u(j, s[i + 1]); /* a C1 control */
				i += 2;
			} else {
				ehp_buf_raw(j, (const char *)s + i, len);
				i += len;
			}
		}
	}
	ehp_buf_lit(j, "\"");
}

void ehp_json_str(ehp_json *j, const char *s)
{
	if (!s)
		ehp_buf_lit(j, "null");
	else
		ehp_json_str_n(j, s, strlen(s));
}

void ehp_json_int(ehp_json *j, int64_t v)
{
	char *p = ehp_buf_at(j, 21);
	if (v < 0) {
		*p++ = '-';
		p = ehp_buf_put_uint(p, (uint64_t)0 - (uint64_t)v);
	} else {
		p = ehp_buf_put_uint(p, (uint64_t)v);
	}
	ehp_buf_done(j, p);
}

/* v as "%.10g" writes it (10 significant digits, trailing zeros dropped),
 * worked out here for the figures a run writes by the million (rates,
 * averages: 82.5, 3.846153846); NULL where printf must decide: a tie too
 * close to call at 10 digits, or a figure that "%.10g" writes with an
 * exponent. v is finite and not a whole number. */
static char *put_g10(char *p, double v)
{
	static const double pow10[] = { 1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13 };
	double a = fabs(v);
	if (!(a >= 1e-4 && a < 1e9))
		return NULL;
	int e = 8; /* the decimal exponent: 10^e <= a, checked below */
	while (e > 0 && a < pow10[e])
		e--;
	if (e == 0 && a < 1) /* 1e-4 <= a < 1 */
		for (e = -1; e > -4 && a * pow10[-e] < 1; e--)
			;
	double x = a * pow10[9 - e]; /* the 10 digits, within about 1e-6 of exact */
	uint64_t m = (uint64_t)x;
	double frac = x - (double)m;
	if (fabs(frac - 0.5) < 1e-5) /* printf rounds the exact value: leave a near tie to it */
		return NULL;
	m += frac > 0.5;
	if (m >= 10000000000u) { /* 9.9999999999 is 10.00000000 */
		m /= 10;
		e++;
	}
	if (m < 1000000000u || e > 8)
		return NULL;
	char d[10];
	for (int k = 8; k >= 0; k -= 2, m /= 100)
		memcpy(d + k, ehp_buf_digits + 2 * (m % 100), 2);
	int n = 10;
	while (n > 1 && d[n - 1] == '0') /* trailing zeros dropped; the whole part is written whole */
		n--;
	if (v < 0)
		*p++ = '-';
	if (e >= 0) {
		p = ehp_buf_put(p, d, (size_t)e + 1);
		if (n > e + 1) {
			*p++ = '.';
			p = ehp_buf_put(p, d + e + 1, (size_t)(n - e - 1));
		}
	} else {
		p = ehp_buf_put_lit(p, "0.");
		for (int z = -1; z > e; z--)
			*p++ = '0';
		p = ehp_buf_put(p, d, (size_t)n);
	}
	return p;
}

char *ehp_json_put_real(char *p, double v)
{
	if (!isfinite(v))
		return ehp_buf_put_lit(p, "null");
	if (fabs(v) < 1e15 && v == (double)(int64_t)v) { /* counts, days, most thresholds */
		int64_t i = (int64_t)v;
		if (i < 0)
			*p++ = '-';
		return ehp_buf_put_uint(p, i < 0 ? (uint64_t)0 - (uint64_t)i : (uint64_t)i);
	}
	char *q = put_g10(p, v);
	if (q)
		return q;
	char buf[32];
	int n = snprintf(buf, sizeof buf, "%.10g", v); /* at most 17 bytes: -d.ddddddddde-XXX */
	return ehp_buf_put(p, buf, n > 0 && (size_t)n < sizeof buf ? (size_t)n : 0);
}

void ehp_json_num(ehp_json *j, double v)
{
	ehp_buf_done(j, ehp_json_put_num(ehp_buf_at(j, EHP_JSON_NUM_MAX), v));
}

char *ehp_json_put_date(char *p, ehp_date d)
{
	int y, m, dd;
	ehp_date_to_ymd(d, &y, &m, &dd);
	if (d == EHP_NO_DATE || d == EHP_FOREVER || y < 0 || y > 9999)
		return ehp_buf_put_lit(p, "null");
	*p++ = '"';
	p = ehp_buf_put(p, ehp_buf_digits + 2 * (y / 100), 2);
	p = ehp_buf_put(p, ehp_buf_digits + 2 * (y % 100), 2);
	*p++ = '-';
	p = ehp_buf_put(p, ehp_buf_digits + 2 * m, 2);
	*p++ = '-';
	p = ehp_buf_put(p, ehp_buf_digits + 2 * dd, 2);
	*p++ = '"';
	return p;
}

void ehp_json_date(ehp_json *j, ehp_date d)
{
	ehp_buf_done(j, ehp_json_put_date(ehp_buf_at(j, EHP_JSON_DATE_MAX), d));
}

void ehp_json_tv(ehp_json *j, ehp_tv v)
{
	ehp_buf_done(j, ehp_json_put_tv(ehp_buf_at(j, 5), v));
}
