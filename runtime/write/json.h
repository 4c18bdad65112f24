/*
 * json.h - JSON text built in a growing buffer, for evidence.jsonl: strings
 * escaped (and made valid UTF-8 whatever the data held), numbers and dates
 * formatted by hand, as a run writes millions of them.
 */
#ifndef EHP_JSON_H
#define EHP_JSON_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "buf.h"
#include "eval.h"

/* JSON text is text in a buffer (buf.h), written with its primitives. */
typedef ehp_buf ehp_json;

/* A comma when something came before in the list. */
static inline void ehp_json_sep(ehp_json *j, bool more)
{
	if (more)
		ehp_buf_raw(j, ",", 1);
}

static inline void ehp_json_bool(ehp_json *j, bool b)
{
	if (b)
		ehp_buf_lit(j, "true");
	else
		ehp_buf_lit(j, "false");
}

static inline char *ehp_json_put_tv(char *p, ehp_tv v)
{
	if (v == EHP_TRUE)
		return ehp_buf_put_lit(p, "true");
	if (v == EHP_FALSE)
		return ehp_buf_put_lit(p, "false");
	return ehp_buf_put_lit(p, "null");
}

/* ehp_json_num's text: at most EHP_JSON_NUM_MAX bytes. Most figures are
 * small counts: those at once, the rest by ehp_json_put_real. */
#define EHP_JSON_NUM_MAX 24
char *ehp_json_put_real(char *p, double v);
static inline char *ehp_json_put_num(char *p, double v)
{
	if (v >= 0 && v < 100 && v == (double)(int)v)
		return ehp_buf_put_uint(p, (uint64_t)v);
	return ehp_json_put_real(p, v);
}
/* ehp_json_date's text: at most EHP_JSON_DATE_MAX bytes. */
#define EHP_JSON_DATE_MAX 12
char *ehp_json_put_date(char *p, ehp_date d);

/* A JSON string of the n bytes at s, quoted: `"` and `\` escaped, control
 * characters (C0, DEL and the C1 controls U+0080..U+009F) as \uXXXX, valid
 * UTF-8 as it is, and every byte that is not part of valid UTF-8 (a
 * Windows-1252 export, a damaged id) as U+FFFD, so the line always parses. */
void ehp_json_str_n(ehp_json *j, const char *s, size_t n);
void ehp_json_str(ehp_json *j, const char *s); /* NULL: null */
void ehp_json_int(ehp_json *j, int64_t v);
/* A figure: whole numbers as integers, others with up to 10 significant
 * digits (as evidence.csv had them; those with one or two decimals, most
 * rates and averages, written by hand, exact); NAN and infinities as null. */
void ehp_json_num(ehp_json *j, double v);
/* "yyyy-mm-dd", or null for EHP_NO_DATE and EHP_FOREVER. */
void ehp_json_date(ehp_json *j, ehp_date d);
/* true, false or null (cannot be judged). */
void ehp_json_tv(ehp_json *j, ehp_tv v);

#endif
