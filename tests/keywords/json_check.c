/*
 * json_check.c - is a file well-formed JSON (RFC 8259)? For the editor
 * grammar test (run.sh), so that it needs no package beyond a C compiler.
 *
 *   json_check FILE    exit 0 if FILE is one JSON value, 1 (and where) if not
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
	const char *s, *end, *at;
	const char *why;
} parser;

static bool value(parser *p, int depth);

static void space(parser *p)
{
	while (p->at < p->end && strchr(" \t\r\n", *p->at))
		p->at++;
}

static bool fail(parser *p, const char *why)
{
	if (!p->why)
		p->why = why;
	return false;
}

static bool literal(parser *p, const char *word)
{
	size_t n = strlen(word);
	if ((size_t)(p->end - p->at) < n || memcmp(p->at, word, n))
		return fail(p, "unknown word");
	p->at += n;
	return true;
}

static bool string(parser *p)
{
	p->at++; /* the opening quote */
	while (p->at < p->end && *p->at != '"') {
		unsigned char c = (unsigned char)*p->at++;
		if (c < 0x20)
			return fail(p, "control character in a string");
		if (c != '\\')
			continue;
		if (p->at >= p->end)
			break;
		char e = *p->at++;
		if (e == 'u') {
			for (int i = 0; i < 4; i++, p->at++)
				if (p->at >= p->end || !strchr("0123456789abcdefABCDEF", *p->at))
					return fail(p, "bad \\u escape");
		} else if (!strchr("\"\\/bfnrt", e)) {
			return fail(p, "bad escape");
		}
	}
	if (p->at >= p->end)
		return fail(p, "string not closed");
	p->at++;
	return true;
}

static bool digits(parser *p)
{
	const char *start = p->at;
	while (p->at < p->end && *p->at >= '0' && *p->at <= '9')
		p->at++;
	return p->at > start || fail(p, "digit expected");
}

static bool number(parser *p)
{
	if (*p->at == '-')
		p->at++;
	if (p->at < p->end && *p->at == '0')
		p->at++;
	else if (!digits(p))
		return false;
	if (p->at < p->end && *p->at == '.') {
		p->at++;
		if (!digits(p))
			return false;
	}
	if (p->at < p->end && (*p->at == 'e' || *p->at == 'E')) {
		p->at++;
		if (p->at < p->end && (*p->at == '+' || *p->at == '-'))
			p->at++;
		if (!digits(p))
			return false;
	}
	return true;
}

/* An object's members or an array's items, after the opening bracket. */
static bool items(parser *p, int depth, bool object)
{
	char close = object ? '}' : ']';
	p->at++;
	space(p);
	if (p->at < p->end && *p->at == close) {
		p->at++;
		return true;
	}
	for (;;) {
		space(p);
		if (object) {
			if (p->at >= p->end || *p->at != '"' || !string(p))
				return fail(p, "member name expected");
			space(p);
			if (p->at >= p->end || *p->at++ != ':')
				return fail(p, "`:` expected");
		}
		if (!value(p, depth + 1))
			return false;
		space(p);
		if (p->at < p->end && *p->at == ',') {
			p->at++;
			continue;
		}
		if (p->at < p->end && *p->at == close) {
			p->at++;
			return true;
		}
		return fail(p, object ? "`,` or `}` expected" : "`,` or `]` expected");
	}
}

static bool value(parser *p, int depth)
{
	if (depth > 256)
		return fail(p, "nested too deeply");
	space(p);
	if (p->at >= p->end)
		return fail(p, "value expected");
	switch (*p->at) {
	case '{': return items(p, depth, true);
	case '[': return items(p, depth, false);
	case '"': return string(p);
	case 't': return literal(p, "true");
	case 'f': return literal(p, "false");
	case 'n': return literal(p, "null");
	default:
		if (*p->at == '-' || (*p->at >= '0' && *p->at <= '9'))
			return number(p);
		return fail(p, "value expected");
	}
}

int main(int argc, char **argv)
{
	if (argc != 2) {
		fputs("usage: json_check FILE\n", stderr);
		return 2;
	}
	FILE *f = fopen(argv[1], "rb");
	if (!f) {
		perror(argv[1]);
		return 2;
	}
	static char buf[1 << 20];
	size_t n = fread(buf, 1, sizeof buf, f);
	fclose(f);
	parser p = { buf, buf + n, buf, NULL };
	bool ok = value(&p, 0);
	space(&p);
	if (ok && p.at != p.end)
		ok = fail(&p, "text after the value");
	if (ok)
		return 0;
	int line = 1, col = 1;
	for (const char *c = buf; c < p.at; c++, col++)
		if (*c == '\n')
			line++, col = 0;
	fprintf(stderr, "%s:%d:%d: not JSON: %s\n", argv[1], line, col, p.why);
	return 1;
}
