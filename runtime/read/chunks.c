/*
 * chunks.c - files sorted by family_id cut by family range and read on
 * several threads (chunks.h).
 *
 * Where a chunk ends: a byte offset about chunk_bytes on in families.csv
 * (its share of the three files), moved to the next row start, gives the
 * split family F; in each file the chunk ends where the first row whose
 * family_id is at least F starts, found by binary search over byte offsets
 * reading one row at a time. A row start is guessed as the byte after a
 * line break; the guess is checked when the chunk is read (chunks.h).
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#include "chunks.h"
#include "csv_masks.h"
#include "mem.h"
#include "reader_chunks.h"

enum { FAM = EHP_FAMILIES_FILE, N_FILES = EHP_N_INPUT_FILES };

/* A binary search reads a window of this many bytes to find a row (more
 * for longer rows, up to PROBE_MAX), and ends by reading the rows of a
 * stretch this short one by one. */
enum { PROBE_BYTES = 4096, PROBE_MAX = 1 << 20, SCAN_BYTES = 16384 };
/* Rows after a split point tried for one whose family comes after the
 * chunk's first (a family listed many times, or an unsorted file). */
enum { SPLIT_TRIES = 64 };

struct ehp_chunks {
	ehp_reader *rd;
	ehp_rows tables;       /* the tables as opened, for the chunks: nobody changes it */
	int fd[N_FILES];
	uint64_t size[N_FILES];    /* each file's size when the chunks began: read up to there */
	uint64_t at[N_FILES];      /* where the next chunk starts */
	uint64_t hashed[N_FILES];  /* bytes hashed so far (the header's reader read the first) */
	unsigned long line[N_FILES]; /* the line the next chunk starts on */
	uint64_t family_step;      /* bytes of families.csv a chunk */
	char *lo;                  /* the next chunk's first family (NULL: the first chunk) */
	size_t lo_n;
	bool last_out;             /* the chunk reaching the end of the files is handed out */
	size_t out, taken;
	unsigned long rows[N_FILES], empty[N_FILES];
	bool say;                  /* EHP_CHUNK_BYTES is set: say how the files were read */
	char *id;                  /* find_row's answer */
	size_t id_cap;
};

struct ehp_chunk {
	const ehp_rows *tables;
	char *buf[N_FILES];
	size_t len[N_FILES];
	unsigned long line[N_FILES];
	char *lo, *hi;             /* its families: [lo, hi); NULL: no bound */
	size_t lo_n, hi_n;
	bool doubt;                /* in doubt before it is read: it could not be cut */
	bool fits;                 /* read, and as the split assumed */
	ehp_rejects rj;
	unsigned long rows[N_FILES], empty[N_FILES];
};

static char *copy_id(const char *s, size_t n)
{
	char *c = ehp_xmalloc(n + 1);
	memcpy(c, s, n);
	c[n] = '\0';
	return c;
}

/* n bytes of file i from offset `at` into buf: 0, or -1 (errno set; 0 when
 * the file ended early: it shrank since it was opened). */
static int read_at(int fd, char *buf, size_t n, uint64_t at)
{
	while (n) {
		ssize_t got = pread(fd, buf, n, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (!got)
				errno = 0;
			return -1;
		}
		buf += got;
		n -= (size_t)got;
		at += (uint64_t)got;
	}
	return 0;
}

/* A buffer for a csv reader in memory: n bytes, then CSV_PAD zeros. */
static char *chunk_buffer(size_t n)
{
	char *b = ehp_xmalloc(n + CSV_PAD);
	memset(b + n, 0, CSV_PAD);
	return b;
}

/* ------------------------------------------------------------ finding rows */

typedef struct {
	uint64_t start, next; /* where the row starts, and the row after it */
	ehp_str id;           /* its family_id, in cs->id */
} found_row;

enum { FOUND, NONE, FAILED };

/* The first row of file i that starts at or after `from` and before
 * `until`, with a family_id, and that family_id at least key (key.s NULL:
 * any). `from` is a row start when at_row; otherwise the row after the
 * first line break at or after from - 1. FOUND with *r; NONE when there
 * is none; FAILED when a row is too long to find its end (PROBE_MAX) or a
 * read fails. */
static int find_row(ehp_chunks *cs, int i, uint64_t from, bool at_row, uint64_t until, ehp_str key, found_row *r)
{
	uint64_t start = at_row ? from : from - 1;
	/* Looking for a key, every row before `until` may be the one: read the
	 * stretch whole (a search's last, short one). Looking for any row, the
	 * first is near: a window, widened only when it holds none. Reading the
	 * stretch then too read each chunk's rest of the file again (2 GB of
	 * reads for a 236 MB extract). */
	uint64_t span = key.s && until < cs->size[i] ? until - start : 0;
	ehp_rejects none = { 0 }; /* reading ids rejects nothing */
	for (uint64_t more = PROBE_BYTES; more <= PROBE_MAX; more *= 16) {
		uint64_t w = span + more;
		uint64_t stop = cs->size[i] - start < w ? cs->size[i] : start + w;
		size_t n = (size_t)(stop - start);
		char *buf = chunk_buffer(n);
		if (read_at(cs->fd[i], buf, n, start) != 0) {
			free(buf);
			return FAILED;
		}
		size_t skip = 0;
		if (!at_row) {
			const char *nl = memchr(buf, '\n', n);
			if (!nl) {
				free(buf);
				if (stop == cs->size[i])
					return NONE;
				continue;
			}
			skip = (size_t)(nl - buf) + 1;
			memmove(buf, buf + skip, n - skip);
			n -= skip;
			memset(buf + n, 0, CSV_PAD);
		}
		uint64_t base = start + skip; /* the file offset of buf[0] */
		/* a copy of file i's table alone: the whole of cs->tables, with
		 * its names' indexes, is some 50 kB, copied for each probe */
		ehp_table table = cs->tables.t[i], *t = &table;
		ehp_reader_chunk_table(t, buf, n, 1, &none);
		int got = stop == cs->size[i] ? NONE : FAILED; /* no row found before the window's end */
		while (ehp_table_next(t)) {
			uint64_t row = base + (uint64_t)(t->csv.raw - t->csv.buf);
			if (row >= until) {
				got = NONE;
				break;
			}
			if (t->csv.ran_off && stop < cs->size[i])
				break; /* the row goes on past the window: a wider one */
			ehp_str id;
			id.s = ehp_cell(t, cs->tables.c_family[i], &id.n);
			if (!id.n || (key.s && ehp_str_cmp(id, key) < 0))
				continue;
			cs->id = ehp_reserve(cs->id, &cs->id_cap, id.n + 1, 1);
			memcpy(cs->id, id.s, id.n);
			*r = (found_row){ .start = row, .next = base + t->csv.pos, .id = { cs->id, id.n } };
			got = FOUND;
			break;
		}
		ehp_table_close(t);
		if (got != FAILED)
			return got;
	}
	return FAILED;
}

/* Where in file i the first row whose family_id is at least key starts
 * (the file's size when none does), looking from the next chunk's start:
 * 0 with *pos, or -1 when a row could not be read. If the file is sorted,
 * every row before is of an earlier family and every row after of key's or
 * a later one; if not, the chunks find out. */
static int search(ehp_chunks *cs, int i, ehp_str key, uint64_t *pos)
{
	/* The answer is the first such row starting in [lo, hi), if any, else
	 * the one at hi_row. lo is a row start. */
	uint64_t lo = cs->at[i], hi = cs->size[i], hi_row = cs->size[i];
	found_row r;
	while (hi - lo > SCAN_BYTES) {
		uint64_t mid = lo + (hi - lo) / 2;
		int got = find_row(cs, i, mid, false, hi, (ehp_str){ NULL, 0 }, &r);
		if (got == FAILED)
			return -1;
		if (got == FOUND && ehp_str_cmp(r.id, key) < 0) {
			lo = r.next < hi ? r.next : hi;
		} else {
			if (got == FOUND)
				hi_row = r.start;
			hi = mid;
		}
	}
	int got = find_row(cs, i, lo, true, hi, key, &r);
	if (got == FAILED)
		return -1;
	*pos = got == FOUND ? r.start : hi_row;
	return 0;
}

/* Where the chunk starting at cs->at ends in each file, and the family it
 * ends at (*key, made by malloc): FOUND; NONE when families.csv has too
 * little left to cut (the chunk reaches the end of the files); FAILED
 * when no row could be found to cut at. */
static int find_split(ehp_chunks *cs, uint64_t end[N_FILES], char **key, size_t *key_n)
{
	uint64_t target = cs->at[FAM] + cs->family_step;
	ehp_str lo = { cs->lo, cs->lo_n };
	for (int tries = 0; tries < SPLIT_TRIES; tries++) {
		if (target >= cs->size[FAM])
			return NONE;
		found_row r;
		int got = find_row(cs, FAM, target, false, cs->size[FAM], (ehp_str){ NULL, 0 }, &r);
		if (got != FOUND)
			return got;
		if (lo.s && ehp_str_cmp(r.id, lo) <= 0) {
			target = r.next; /* the chunk's first family still: cut further on */
			continue;
		}
		char *k = copy_id(r.id.s, r.id.n);
		ehp_str f = { k, r.id.n };
		for (int i = 0; i < N_FILES; i++) {
			if (search(cs, i, f, &end[i]) != 0) {
				free(k);
				return FAILED;
			}
		}
		*key = k;
		*key_n = f.n;
		return FOUND;
	}
	return FAILED;
}

/* ------------------------------------------------------------ handing out */

ehp_chunks *ehp_chunks_open(ehp_reader *rd, size_t chunk_bytes)
{
	const char *hook = getenv("EHP_CHUNK_BYTES");
	bool say = hook && *hook;
	if (!chunk_bytes && say)
		chunk_bytes = strtoul(hook, NULL, 10);
	if (!chunk_bytes)
		chunk_bytes = EHP_CHUNK_BYTES_DEFAULT;
	const char *why = NULL;
	ehp_chunks *cs = ehp_xcalloc(1, sizeof *cs);
	cs->rd = rd;
	cs->say = say;
	ehp_rows *live = ehp_reader_tables(rd);
	uint64_t total = 0;
	if (ehp_reader_untouched(rd) && ehp_reader_sniff(rd))
		why = "not sorted by family_id (its first rows say so): read grouped";
	else if (!ehp_reader_untouched(rd))
		why = "not read streamed from regular files";
	for (int i = 0; i < N_FILES && !why; i++) {
		struct stat st;
		const csv_reader *csv = &live->t[i].csv;
		cs->fd[i] = fileno(ehp_reader_file(rd, i));
		if (cs->fd[i] < 0 || fstat(cs->fd[i], &st) != 0 || !S_ISREG(st.st_mode)) {
			why = "not regular files";
			break;
		}
		cs->size[i] = (uint64_t)st.st_size;
		cs->hashed[i] = csv->bytes;
		cs->at[i] = csv->bytes - (csv->end - csv->pos); /* the first row after the header */
		cs->line[i] = csv->next_line;
		if (csv->bytes > cs->size[i])
			why = "a file grew while its header was read";
		total += cs->size[i] - cs->at[i];
	}
	uint64_t families = why ? 0 : cs->size[FAM] - cs->at[FAM];
	if (!why && (total / 2 < chunk_bytes || !families))
		why = "too small for two chunks";
	if (why) {
		if (say)
			fprintf(stderr, "ehp: note: the input is read on one thread: %s\n", why);
		free(cs);
		return NULL;
	}
	cs->family_step = families * chunk_bytes / total;
	if (!cs->family_step)
		cs->family_step = 1;
	cs->tables = *live;
	return cs;
}

#if defined(__SSE2__)
/* 1 in each byte of the 16 at p that is an LF, taken from count's bytes
 * as -1. */
static inline __m128i minus_lf16(__m128i count, const char *p)
{
	return _mm_sub_epi8(count, _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8('\n')));
}

/* The 16 counter bytes summed. */
static inline unsigned long sum16(__m128i count)
{
	__m128i sums = _mm_sad_epu8(count, _mm_setzero_si128()); /* two sums of 8 counters: at most 2,040 each */
	return (unsigned long)_mm_cvtsi128_si32(sums) + (unsigned long)_mm_cvtsi128_si32(_mm_unpackhi_epi64(sums, sums));
}
#endif

/* The LFs among p[0, n): 64 bytes a step with SSE2 (each byte's compare
 * taken from a counter byte, four a step, the counters summed every 63
 * steps, before one could pass 255), not a call of memchr a line; the
 * rest 16 bytes a step, then byte by byte. */
static unsigned long count_lf(const char *p, size_t n)
{
	unsigned long lines = 0;
	size_t k = 0;
#if defined(__SSE2__)
	while (n - k >= 64) {
		size_t steps = (n - k) / 64 < 63 ? (n - k) / 64 : 63;
		__m128i count = _mm_setzero_si128();
		for (size_t i = 0; i < steps; i++, k += 64)
			count = minus_lf16(minus_lf16(minus_lf16(minus_lf16(count, p + k), p + k + 16), p + k + 32), p + k + 48);
		lines += sum16(count);
	}
	__m128i count = _mm_setzero_si128();
	for (; n - k >= 16; k += 16)
		count = minus_lf16(count, p + k);
	lines += sum16(count);
#endif
	for (; k < n; k++)
		lines += p[k] == '\n';
	return lines;
}

#if CSV_WIDE
/* The LFs among p[0, n) and whether there is a CR (*cr), in one pass: a
 * 64-byte load a step, each compare straight into a mask, the LFs'
 * counted by popcnt; the last bytes by a masked load (nothing read past
 * p + n). Where the CPU has AVX-512BW: the calling thread's pass over
 * every chunk, once memchr for a CR then count_lf. */
__attribute__((target("avx512f,avx512bw,popcnt"))) static unsigned long count_lf_w512(const char *p, size_t n,
                                                                                     bool *cr)
{
	const __m512i lf = _mm512_set1_epi8('\n'), crs = _mm512_set1_epi8('\r');
	unsigned long lines = 0;
	uint64_t any_cr = 0;
	size_t k = 0;
	for (; n - k >= 64; k += 64) {
		__m512i v = _mm512_loadu_si512((const void *)(p + k));
		lines += (unsigned long)_mm_popcnt_u64(_mm512_cmpeq_epi8_mask(v, lf));
		any_cr |= _mm512_cmpeq_epi8_mask(v, crs);
	}
	if (k < n) {
		__m512i v = _mm512_maskz_loadu_epi8(((uint64_t)1 << (n - k)) - 1, (const void *)(p + k));
		lines += (unsigned long)_mm_popcnt_u64(_mm512_cmpeq_epi8_mask(v, lf));
		any_cr |= _mm512_cmpeq_epi8_mask(v, crs);
	}
	*cr = any_cr != 0;
	return lines;
}
#endif

/* Line breaks with a CR among them: byte by byte (rare). */
static unsigned long line_breaks_with_cr(const char *p, size_t n)
{
	unsigned long lines = 0;
	for (size_t k = 0; k < n; k++) {
		if (p[k] == '\n') {
			lines++;
		} else if (p[k] == '\r') {
			lines++;
			k += k + 1 < n && p[k + 1] == '\n';
		}
	}
	return lines;
}

unsigned long ehp_line_breaks_way(const char *p, size_t n, bool w512)
{
#if CSV_WIDE
	if (w512 && csv_cpu_w512()) {
		bool cr;
		unsigned long lines = count_lf_w512(p, n, &cr);
		return cr ? line_breaks_with_cr(p, n) : lines;
	}
#else
	(void)w512;
#endif
	if (!memchr(p, '\r', n))
		return count_lf(p, n);
	return line_breaks_with_cr(p, n);
}

unsigned long ehp_line_breaks(const char *p, size_t n)
{
	return ehp_line_breaks_way(p, n, true);
}

int ehp_chunks_next(ehp_chunks *cs, ehp_chunk **out, char *err, size_t errlen)
{
	*out = NULL;
	if (cs->last_out)
		return EHP_READ_END;
	ehp_rejects *rj = ehp_reader_rejects(cs->rd);
	ehp_chunk *c = ehp_xcalloc(1, sizeof *c);
	c->tables = &cs->tables;
	c->rj = (ehp_rejects){ .out = rj->out, .max_shown = rj->max_shown, .quiet = rj->quiet, .tally = rj->tally };
	if (cs->lo) {
		c->lo = copy_id(cs->lo, cs->lo_n);
		c->lo_n = cs->lo_n;
	}
	uint64_t end[N_FILES];
	int split = find_split(cs, end, &c->hi, &c->hi_n);
	if (split == FAILED) {
		c->doubt = true; /* taken in its turn, it sends the reader back to the top */
		cs->last_out = true;
		cs->out++;
		*out = c;
		return EHP_READ_MORE;
	}
	if (split == NONE) {
		for (int i = 0; i < N_FILES; i++)
			end[i] = cs->size[i];
		cs->last_out = true;
	}
	for (int i = 0; i < N_FILES; i++) {
		size_t n = (size_t)(end[i] - cs->at[i]);
		c->buf[i] = chunk_buffer(n);
		c->len[i] = n;
		if (read_at(cs->fd[i], c->buf[i], n, cs->at[i]) != 0) {
			const char *path = cs->tables.t[i].path;
			if (errno)
				snprintf(err, errlen, "%s: read error: %s", path, strerror(errno));
			else
				snprintf(err, errlen, "%s: changed while it was read (it is shorter)", path);
			ehp_chunk_free(c);
			return EHP_READ_ERROR;
		}
		/* The receipt's digest: in file order, before the parser writes
		 * into the bytes; the header's reader hashed the first of them. */
		if (end[i] > cs->hashed[i]) {
			uint64_t from = cs->hashed[i] > cs->at[i] ? cs->hashed[i] : cs->at[i];
			csv_hash_more(&ehp_reader_tables(cs->rd)->t[i].csv, c->buf[i] + (from - cs->at[i]),
			              (size_t)(end[i] - from));
			cs->hashed[i] = end[i];
		}
		c->line[i] = cs->line[i];
		cs->line[i] += ehp_line_breaks(c->buf[i], n);
		cs->at[i] = end[i];
	}
	free(cs->lo);
	cs->lo = c->hi ? copy_id(c->hi, c->hi_n) : NULL;
	cs->lo_n = c->hi_n;
	cs->out++;
	*out = c;
	return EHP_READ_MORE;
}

bool ehp_chunk_read(ehp_chunk *c, ehp_batch *b)
{
	if (c->doubt)
		return false;
	ehp_reader *rd = ehp_reader_chunk(c->tables, c->buf, c->len, c->line, &c->rj, (ehp_str){ c->lo, c->lo_n });
	for (int i = 0; i < N_FILES; i++)
		c->buf[i] = NULL; /* the reader's now */
	char err[256];
	int rc;
	while ((rc = ehp_reader_fill(rd, b, SIZE_MAX, SIZE_MAX, err, sizeof err)) == EHP_READ_MORE)
		;
	c->fits = rc == EHP_READ_END && ehp_reader_chunk_fits(rd, (ehp_str){ c->hi, c->hi_n }, !c->hi);
	for (int i = 0; i < N_FILES; i++) {
		c->rows[i] = ehp_reader_rows(rd, i);
		c->empty[i] = ehp_reader_empty_rows(rd, i);
	}
	ehp_reader_close(rd);
	return c->fits;
}

/* ------------------------------------------------------------ taking back */

/* The chunk's rejects after those taken before: the first messages of
 * each file while there is room for them, its rows' lines in the spool. */
int ehp_chunks_take(ehp_chunks *cs, ehp_chunk *c, char *err, size_t errlen)
{
	size_t k = cs->taken++;
	if (!c->fits) {
		ehp_chunk_free(c);
		if (cs->say)
			fprintf(stderr, "ehp: note: chunk %zu of the sorted files is in doubt: read again from the top on one "
			        "thread\n", k + 1);
		return ehp_reader_rewind(cs->rd, err, errlen) == 0 ? EHP_READ_RESTART : EHP_READ_ERROR;
	}
	int rc = ehp_rejects_take(ehp_reader_rejects(cs->rd), &c->rj);
	for (int i = 0; i < N_FILES; i++) {
		cs->rows[i] += c->rows[i];
		cs->empty[i] += c->empty[i];
	}
	ehp_chunk_free(c);
	if (rc) {
		snprintf(err, errlen, "cannot keep the rejected rows: %s", strerror(errno));
		return EHP_READ_ERROR;
	}
	return EHP_READ_MORE;
}

int ehp_chunks_end(ehp_chunks *cs, char *err, size_t errlen)
{
	ehp_rows *live = ehp_reader_tables(cs->rd);
	for (int i = 0; i < N_FILES; i++) {
		live->t[i].rows += cs->rows[i];
		live->t[i].empty += cs->empty[i];
	}
	if (cs->say)
		fprintf(stderr, "ehp: note: the sorted files were read in %zu chunks\n", cs->taken);
	return ehp_reader_at_end(cs->rd, err, errlen);
}

void ehp_chunk_free(ehp_chunk *c)
{
	if (!c)
		return;
	for (int i = 0; i < N_FILES; i++)
		free(c->buf[i]);
	free(c->lo);
	free(c->hi);
	ehp_rejects_free(&c->rj);
	free(c);
}

void ehp_chunks_close(ehp_chunks *cs)
{
	if (!cs)
		return;
	free(cs->lo);
	free(cs->id);
	free(cs);
}

double ehp_chunks_progress(const ehp_chunks *cs)
{
	double at = 0, size = 0;
	for (int i = 0; i < N_FILES; i++) {
		at += (double)cs->at[i];
		size += (double)cs->size[i];
	}
	return size > 0 ? at / size : -1;
}
