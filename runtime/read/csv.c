/*
 * csv.c - the streaming CSV reader (see csv.h).
 *
 * The input is read in large blocks (fread, 1 MiB) into one buffer and
 * hashed there as it arrives (csv_hash). A row is parsed where it lies:
 * fields and the raw row point into the buffer. The parser does not look at
 * every byte: it asks for the positions of the next special bytes
 * (, " LF CR NUL), found 64 at a time as a bit mask (SSE2 compares where
 * the compiler has them), and runs its state machine only on those. A row
 * that reaches the end of the bytes read so far is parsed again from its
 * start once the rest has been read (its partial bytes moved to the front
 * of the buffer, the buffer doubled only when the row fills it), so the
 * parser itself never has to stop in the middle of a row.
 */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include "csv.h"
#include "csv_masks.h"
#include "csv_plain.h"
#include "mem.h"

enum { DEFAULT_BLOCK = 1 << 20, PAD = CSV_PAD };


void csv_open_sized(csv_reader *r, FILE *in, const char *path, size_t block)
{
	*r = (csv_reader){ .in = in, .path = path, .next_line = 1, .at_start = true,
		           .first_cap = block ? block : 1, .digest_rc = 1, .wide = csv_cpu_wide() };
}

void csv_open(csv_reader *r, FILE *in, const char *path)
{
	csv_open_sized(r, in, path, DEFAULT_BLOCK);
}

void csv_open_memory(csv_reader *r, char *buf, size_t len, const char *path, unsigned long line)
{
	*r = (csv_reader){ .path = path, .next_line = line, .first_cap = 1, .digest_rc = 1, .buf = buf, .cap = len,
		           .end = len, .eof = true, .bytes = len, .wide = csv_cpu_wide() };
}

void csv_close(csv_reader *r)
{
	free(r->buf);
	free(r->side);
	free(r->field);
	r->buf = r->side = NULL;
	r->field = NULL;
	r->raw = NULL;
	r->n_fields = r->n_read = r->cap_fields = r->cap = r->side_cap = r->pos = r->end = 0;
}

void csv_hash(csv_reader *r, bool on)
{
	if (r->bytes || r->eof)
		return; /* too late: the digest would not be of the whole input */
	r->hashing = on;
	if (on)
		sha256_init(&r->sha);
}

/* ------------------------------------------------------------ reading */

/* Reads more input after the unparsed bytes, which are moved to the front
 * first; the buffer doubles only when they fill it. The PAD bytes after
 * the last byte read (the buffer has PAD more than cap) are always zeros,
 * as the scanner reads up to 64 bytes at a time past the last byte it
 * needs. False when there is nothing more to read. */
static bool refill(csv_reader *r)
{
	if (r->eof)
		return false;
	size_t keep = r->end - r->pos;
	if (r->pos) {
		memmove(r->buf, r->buf + r->pos, keep);
		r->pos = 0;
		r->end = keep;
	}
	if (keep == r->cap) {
		size_t old = r->cap, cap = old ? 2 * old : r->first_cap;
		if (cap < old)
			ehp_die("a CSV row too long to hold");
		r->buf = ehp_xrealloc(r->buf, cap + PAD);
		r->cap = cap;
	}
	size_t want = r->cap - r->end;
	size_t got = fread(r->buf + r->end, 1, want, r->in);
	if (r->hashing && got)
		sha256_update(&r->sha, r->buf + r->end, got);
	r->bytes += got;
	r->end += got;
	memset(r->buf + r->end, 0, PAD); /* not the whole of a new buffer */
	if (got < want)
		r->eof = true; /* end of file or a read error: fread says which */
	return true;
}

/* ------------------------------------------------------------ scanning */

/* The special bytes of buf[from, end), in order. */
typedef struct {
	const char *buf;
	size_t blk, end;  /* mask describes buf[blk, blk + 64) */
	uint64_t mask;
} scanner;

static inline void scan_block(scanner *s)
{
	s->mask = specials64(s->buf + s->blk);
	if (s->end - s->blk < 64)
		s->mask &= ((uint64_t)1 << (s->end - s->blk)) - 1;
}

static inline void scan_init(scanner *s, const char *buf, size_t from, size_t end)
{
	*s = (scanner){ .buf = buf, .blk = from, .end = end };
	if (from < end)
		scan_block(s);
}

/* The position of the next special byte, or end when there is none. */
static inline size_t scan_next(scanner *s)
{
	while (!s->mask) {
		if (s->end - s->blk <= 64)
			return s->end;
		s->blk += 64;
		scan_block(s);
	}
	size_t at = s->blk + (size_t)lowest_bit(s->mask);
	s->mask &= s->mask - 1;
	return at;
}

/* ------------------------------------------------------------ parsing */

/* Room for more fields: the array doubles. */
static csv_span *more_fields(csv_reader *r)
{
	r->cap_fields = r->cap_fields ? 2 * r->cap_fields : 16;
	r->field = ehp_xrealloc(r->field, r->cap_fields * sizeof *r->field);
	return r->field;
}

/* Appends buf[from, to) to the side buffer; which holds as much as the
 * whole buffer, so never moves while a row is parsed. */
static void to_side(csv_reader *r, size_t *side_len, size_t from, size_t to)
{
	if (r->side_cap < r->cap) {
		free(r->side);
		r->side = ehp_xrealloc(NULL, r->cap);
		r->side_cap = r->cap;
	}
	memcpy(r->side + *side_len, r->buf + from, to - from);
	*side_len += to - from;
}

/* The row read: it started at buf[pos] and ends (its line ending or the
 * input's end) at row_end; the next starts at next, on line `line`. */
static void row_done(csv_reader *r, size_t nf, const char *error, size_t error_field, size_t row_end, size_t next,
                     unsigned long line)
{
	r->n_fields = nf;
	r->error = error;
	r->error_field = error_field;
	r->n_read = error && error_field < nf ? error_field : nf;
	r->start_error = NULL;
	r->line = r->next_line;
	r->next_line = line;
	r->raw = r->buf + r->pos;
	r->raw_len = row_end - r->pos;
	r->nul_at = row_end; /* cut_row may need the byte back */
	r->nul_was = r->buf[row_end];
	r->buf[row_end] = '\0'; /* the line break, or a PAD byte: already read */
	r->pos = next;
}

/* The row at buf[pos] when it is of the common kind: no quote, CR, NUL
 * or other byte below CR (a tab) before the LF that ends it, which has
 * been read. Its fields are found 64 bytes at a time from two masks,
 * commas and those other bytes, without a look at any byte but the LF. False, having changed nothing the
 * caller sees, for any other row: parse_row reads it. */
static bool plain_row(csv_reader *r)
{
	if (r->start_error)
		return false;
	const char *b = r->buf;
	const size_t rs = r->pos, end = r->end;
	size_t nf = 0;
	const char *seg = b + rs; /* where the field being read starts */
	for (size_t blk = rs; blk < end; blk += 64) {
		while (r->cap_fields < nf + 65) /* a block ends at most 64 fields, the row one more */
			more_fields(r);
		csv_span *out = r->field + nf; /* by pointers, not indexes: fewer instructions a field */
		const char *at = b + blk;
		uint64_t commas, others;
		block_masks(at, end - blk, '\r', &commas, &others); /* others: " LF CR NUL, and below CR */
		while (commas) {
			const char *q = at + lowest_bit(commas);
			commas &= commas - 1;
			*out++ = (csv_span){ seg, (size_t)(q - seg) };
			seg = q + 1;
		}
		nf = (size_t)(out - r->field);
		if (others) {
			const char *q = at + lowest_bit(others);
			if (*q != '\n')
				return false;
			*out = (csv_span){ seg, (size_t)(q - seg) };
			size_t lf = (size_t)(q - b);
			row_done(r, nf + 1, NULL, 0, lf, lf + 1, r->next_line + 1);
			return true;
		}
	}
	return false;
}

size_t csv_plain_cells_any(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell)
{
	return csv_plain_cells_any_inline(r, slot, n, cell);
}

#if CSV_WIDE
WIDE_TARGET size_t csv_plain_cells_avx2(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell)
{
	return csv_plain_cells_wide_inline(r, slot, n, cell);
}
#else
size_t csv_plain_cells_avx2(const csv_reader *r, const unsigned char *slot, size_t n, csv_span *cell)
{
	return csv_plain_cells_any(r, slot, n, cell); /* never chosen: r->wide is always false here */
}
#endif

bool csv_plain_wide(csv_reader *r, bool on)
{
	r->wide = on && csv_cpu_wide();
	return r->wide;
}

/* Parses the row that starts at buf[pos] (not a line break). Returns false,
 * having changed nothing the caller sees, when the row runs past the bytes
 * read so far and there are more to read. With cut, the row ends at
 * buf[cut], a line break inside a quoted field (cut_row). */
static bool parse_row(csv_reader *r, size_t cut)
{
	const char *b = r->buf;
	const size_t rs = r->pos, end = cut ? cut : r->end;
	const bool eof = cut ? true : r->eof;
	unsigned long line = r->next_line;
	const char *error = r->start_error;
	size_t error_field = 0;
	size_t nf = 0, side_len = 0, side_start = 0;
	size_t fs = rs;   /* where the field starts */
	size_t seg = rs;  /* its content not yet in a field or the side buffer */
	size_t cq = 0;    /* the closing quote, in CLOSED */
	bool side = false;
	enum { PLAIN, QUOTED, CLOSED } st = PLAIN;
	size_t row_end, next;
	csv_span *fa = r->field; /* kept here, not reloaded after every store */
	size_t fcap = r->cap_fields;
	scanner s;
	scan_init(&s, b, rs, end);

#define NOTE(why) \
	do { \
		if (!error) { \
			error = (why); \
			error_field = nf; \
		} \
	} while (0)
#define ADD_FIELD(s_, n_) \
	do { \
		if (nf == fcap) { \
			fa = more_fields(r); \
			fcap = r->cap_fields; \
		} \
		fa[nf++] = (csv_span){ (s_), (n_) }; \
	} while (0)
#define END_FIELD(content_end) \
	do { \
		if (side) { \
			to_side(r, &side_len, seg, (content_end)); \
			ADD_FIELD(r->side + side_start, side_len - side_start); \
			side = false; \
		} else \
			ADD_FIELD(b + seg, (content_end) - seg); \
	} while (0)
#define SIDE_FROM_HERE() \
	do { \
		if (!side) { \
			side = true; \
			side_start = side_len; \
		} \
	} while (0)

	for (;;) {
		size_t q = scan_next(&s);
		if (st == PLAIN && !side) /* the common case: unquoted fields */
			while (q < end && b[q] == ',') {
				ADD_FIELD(b + seg, q - seg);
				fs = seg = q + 1;
				q = scan_next(&s);
			}
		char c = q < end ? b[q] : 0;
	again:
		if (st == QUOTED) {
			if (q == end) {
				if (!eof)
					return false;
				NOTE(cut ? "a quoted field is not closed on its line" : "a quoted field is not closed before the end of the file");
				END_FIELD(end);
				row_end = next = end;
				break;
			}
			if (c == '"') {
				st = CLOSED;
				cq = q;
			} else if (c == '\r' || (c == '\n' && b[q - 1] != '\r')) {
				line++; /* a line break inside the field: LF, CRLF or a lone CR */
			} else if (c == '\0') {
				NOTE("a NUL byte in the row");
			}
			continue;
		}
		if (st == CLOSED) {
			if (q == cq + 1 && q < end) {
				if (c == '"') { /* "" inside a quoted field */
					SIDE_FROM_HERE();
					to_side(r, &side_len, seg, q);
					seg = q + 1;
					st = QUOTED;
					continue;
				}
				if (c == ',' || c == '\n' || c == '\r') {
					END_FIELD(cq);
					seg = q; /* the field is done: nothing more to copy */
					st = PLAIN;
					if (c == ',') {
						fs = seg = q + 1;
						continue;
					}
					goto line_end;
				}
				NOTE("a NUL byte in the row"); /* the only other special */
			} else if (q == end && cq + 1 == end) {
				if (!eof)
					return false;
				END_FIELD(cq);
				row_end = next = end;
				break;
			}
			/* Text after the closing quote: it joins the field, which
			 * goes on unquoted. */
			NOTE("text after the closing quote of a field");
			SIDE_FROM_HERE();
			to_side(r, &side_len, seg, cq);
			seg = cq + 1;
			st = PLAIN;
			goto again;
		}
		/* PLAIN: an unquoted field, or the rest of one after its closing
		 * quote (side is then true). */
		if (q == end) {
			if (!eof)
				return false;
			END_FIELD(end);
			row_end = next = end;
			break;
		}
		switch (c) {
		case ',':
			END_FIELD(q);
			fs = seg = q + 1;
			continue;
		case '"':
			if (q == fs && !side) {
				st = QUOTED;
				seg = q + 1;
			} else {
				NOTE("a quote inside a field that does not start with a quote");
			}
			continue;
		case '\0':
			NOTE("a NUL byte in the row");
			continue;
		default: /* LF or CR */
			END_FIELD(q);
			goto line_end;
		}
	line_end: /* the row ends with the line break at q */
		row_end = q;
		next = q + 1;
		if (c == '\r') {
			if (q + 1 == end && !eof)
				return false; /* CRLF or a lone CR: not known yet */
			if (q + 1 < end && b[q + 1] == '\n')
				next = q + 2;
		}
		line++;
		break;
	}
#undef NOTE
#undef ADD_FIELD
#undef END_FIELD
#undef SIDE_FROM_HERE
	if (!cut && row_end == end)
		r->ran_off = true;
	row_done(r, nf, error, error_field, row_end, next, line);
	return true;
}

/* Whether buf[from, to) could be the start of a row of n fields, read on
 * its own: not malformed, and no more than n fields; where it ends as a row
 * (a line break outside quotes), exactly n. Byte by byte: it is asked only of
 * the lines inside a row that runs over several lines. */
static bool could_start_row(const char *b, size_t from, size_t to, size_t n)
{
	enum { START, PLAIN, QUOTED, CLOSED } st = START; /* START: a field's first byte */
	size_t fields = 1;
	for (size_t i = from; i < to; i++) {
		char c = b[i];
		if (c == '\0')
			return false;
		if (st == QUOTED) {
			st = c == '"' ? CLOSED : QUOTED;
			continue;
		}
		if (c == '"' && st != PLAIN) {
			st = QUOTED; /* a field's opening quote, or "" inside one */
			continue;
		}
		if (c == '"')
			return false; /* a quote inside a field that does not start with one */
		if (st == CLOSED && c != ',' && c != '\n' && c != '\r')
			return false; /* text after a closing quote */
		if (c == '\n' || c == '\r')
			return fields == n;
		if (c == ',' && ++fields > n)
			return false;
		st = c == ',' ? START : PLAIN;
	}
	return true;
}

/* A row over several lines, well-formed, that a line inside it could start
 * as a row of its own (could_start_row): two readings of the same bytes,
 * one of them a quote never closed that swallowed the rows after it. Only
 * the row's own bytes are looked at, so what follows it cannot change how
 * it is read. */
static bool swallows_a_row(const csv_reader *r)
{
	size_t rs = (size_t)(r->raw - r->buf), row_end = rs + r->raw_len;
	for (size_t q = rs; q < row_end; q++) {
		if (r->buf[q] != '\n' && r->buf[q] != '\r')
			continue;
		size_t line = q + 1; /* a line start, unless another line break is there */
		if (line < row_end && r->buf[line] != '\n' && r->buf[line] != '\r' &&
		    could_start_row(r->buf, line, row_end, r->expect))
			return true;
	}
	return false;
}

/* A row that ran over several lines (a quoted field with line breaks in it)
 * and is malformed, or has not the fields a row should have (csv_expect), or
 * has a line inside it that could start a row (swallows_a_row), is most
 * likely a quote that was never closed, swallowing the rows after it: it is
 * cut back to its first line, rejected as such, and reading goes on with the
 * next line, so the swallowed rows are read as the rows they are. */
static void cut_row(csv_reader *r)
{
	if (r->next_line <= r->line + 1 ||
	    (!r->error && (!r->expect || (r->n_fields == r->expect && !swallows_a_row(r)))))
		return; /* one line, or a well-formed field with line breaks in it */
	size_t rs = (size_t)(r->raw - r->buf), cut = rs, row_end = rs + r->raw_len;
	while (cut < row_end && r->buf[cut] != '\n' && r->buf[cut] != '\r')
		cut++;
	if (cut == row_end)
		return; /* (no line break after all) */
	size_t next = cut + (r->buf[cut] == '\r' && r->buf[cut + 1] == '\n' ? 2 : 1);
	unsigned long line = r->line;
	r->buf[r->nul_at] = r->nul_was; /* the row's end, as read */
	r->pos = rs;
	r->next_line = line;
	parse_row(r, cut); /* ends, malformed, at cut: the bytes are all read */
	r->pos = next;
	r->next_line = line + 1;
}

/* The byte order mark: skipped (three bytes, whatever they are, once the
 * first is 0xEF, as before), or a UTF-16 one noted. */
static void file_start(csv_reader *r)
{
	while (r->end - r->pos < 3 && refill(r))
		;
	r->at_start = false;
	size_t n = r->end - r->pos;
	const unsigned char *u = (const unsigned char *)r->buf + r->pos;
	if (n && u[0] == 0xEF) {
		if (n < 3 || u[1] != 0xBB || u[2] != 0xBF)
			r->start_error = "the file starts with bytes that are not UTF-8 text";
		r->pos += n < 3 ? n : 3;
	} else if (n >= 2 && (u[0] == 0xFF || u[0] == 0xFE) && u[1] == (u[0] ^ 0x01)) {
		r->start_error = "the file is UTF-16 text: save it as CSV UTF-8"; /* Excel's "Unicode text" */
	}
}

/* csv_next but for the plain row at pos, which was tried when
 * tried_plain: blank lines, the file's start and end, rows read in full
 * and rows that run past the bytes read. Out of line, so that the plain
 * row's way saves no registers for it. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static int next_row(csv_reader *r, bool tried_plain)
{
	if (r->done)
		return 0;
	if (r->at_start)
		file_start(r);
	for (;; tried_plain = false) {
		if (r->pos == r->end) {
			if (!refill(r) || r->pos == r->end) {
				r->error = r->start_error; /* as before: a bad mark with nothing after it */
				r->start_error = NULL;
				r->n_fields = r->n_read = 0;
				r->done = true;
				return 0;
			}
			continue;
		}
		char c = r->buf[r->pos];
		if (c == '\n') { /* a blank line */
			r->pos++;
			r->next_line++;
			continue;
		}
		if (c == '\r') {
			if (r->pos + 1 == r->end && refill(r))
				continue; /* CRLF or a lone CR: not known yet */
			r->pos += r->pos + 1 < r->end && r->buf[r->pos + 1] == '\n' ? 2 : 1;
			r->next_line++;
			continue;
		}
		if ((!tried_plain && plain_row(r)) || parse_row(r, 0)) {
			cut_row(r);
			return 1;
		}
		refill(r); /* the row goes on past what was read: parse it again */
	}
}

int csv_next(csv_reader *r)
{
	/* Most rows: one line, no quote, CR or NUL, read to its end. Such a
	 * row is never cut (cut_row: it is one line). */
	if (!r->done && !r->at_start && r->pos < r->end && r->buf[r->pos] != '\n' && r->buf[r->pos] != '\r')
		return plain_row(r) ? 1 : next_row(r, true);
	return next_row(r, false);
}

int csv_digest(csv_reader *r, char hex[65], uint64_t *bytes)
{
	if (r->digest_rc == 1) {
		r->done = true;
		r->n_fields = r->n_read = 0;
		r->raw = NULL;
		while (!r->eof) {
			r->pos = r->end; /* what was not parsed will not be */
			refill(r);
		}
		r->pos = r->end;
		r->digest_rc = r->hashing && !ferror(r->in) ? 0 : -1;
		if (r->hashing)
			sha256_final(&r->sha, r->digest);
		if (r->digest_rc)
			strcpy(r->digest, "-");
	}
	memcpy(hex, r->digest, 65);
	if (bytes)
		*bytes = r->bytes;
	return r->digest_rc;
}

void csv_hash_more(csv_reader *r, const void *bytes, size_t n)
{
	r->done = r->eof = true;
	r->pos = r->end;
	if (r->hashing && n)
		sha256_update(&r->sha, bytes, n);
	r->bytes += n;
}

/* ------------------------------------------------------------ header */

/* Spaces around a header name are not part of it. */
static const char *trim(const char *s, size_t *n)
{
	while (*n && isspace((unsigned char)*s)) {
		s++;
		(*n)--;
	}
	while (*n && isspace((unsigned char)s[*n - 1]))
		(*n)--;
	return s;
}

int csv_column(const csv_reader *r, const char *name)
{
	return csv_column_after(r, name, -1);
}

int csv_column_after(const csv_reader *r, const char *name, int after)
{
	size_t want = strlen(name);
	for (size_t i = (size_t)(after + 1); i < r->n_fields; i++) {
		size_t n = csv_len(r, i);
		const char *f = trim(csv_field(r, i), &n);
		if (n == want && strncasecmp(f, name, n) == 0)
			return (int)i;
	}
	return -1;
}
