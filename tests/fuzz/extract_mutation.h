/*
 * extract_mutation.h - the mutation fuzz_extract.c applies to one family's
 * row, read from the input's fourth part, and which families it touches.
 * Included by fuzz_extract.c (after its split_file) and by nothing else.
 *
 * The mutation's bytes:
 *   [0] the family A (its index among the families, sorted by id);
 *   [1] the file (0 families, 1 people, 2 records; the next one that has a
 *       row of A if that one has none);
 *   [2] which of A's rows in that file;
 *   then operations on that row's bytes (its line ending excluded), each an
 *   operation byte (its value modulo 5) and a position (modulo the row's
 *   length):
 *     0 insert: a count c (1 to 8), then c bytes to insert (any bytes:
 *       quotes, commas, NULs, line breaks);
 *     1 delete: a count (1 to 8) of bytes;
 *     2 flip: a byte to XOR with the byte there;
 *     3 set: the byte to put there;
 *     4 join (no position): the row's line ending (and blank lines after
 *       it) removed, so the next row of the file runs on from it.
 * Missing bytes count as 0: an empty mutation changes nothing.
 */
#ifndef EHP_EXTRACT_MUTATION_H
#define EHP_EXTRACT_MUTATION_H

enum { MUTATION_MAX_OPS = 32, MUTATION_NONE = -1 };

typedef struct {
	int file;
	size_t row;            /* in s[file].u */
	size_t joined;         /* the row joined to it, or (size_t)MUTATION_NONE */
	char *bytes;           /* the row's bytes as mutated, with its line ending (and the joined row's) */
	size_t len, cap;
	ehp_str family;        /* A */
	ehp_str joined_family; /* the joined row's family, or n 0 */
	char *collapsed;       /* bytes with each "" read as ", as a quoted field gives them */
	size_t collapsed_len;
} mutation;

static void mutation_room(mutation *m, size_t more)
{
	if (m->len + more > m->cap) {
		m->cap = 2 * (m->len + more);
		if (!(m->bytes = realloc(m->bytes, m->cap)))
			abort();
	}
}

static void mutation_insert(mutation *m, size_t at, const uint8_t *b, size_t n)
{
	mutation_room(m, n);
	memmove(m->bytes + at + n, m->bytes + at, m->len - at);
	memcpy(m->bytes + at, b, n);
	m->len += n;
}

static void mutation_append(mutation *m, const char *b, size_t n)
{
	mutation_insert(m, m->len, (const uint8_t *)b, n);
}

/* The bytes of row i of s, with its line ending (a newline added to a last
 * row that has none). */
static void mutation_append_row(mutation *m, const split_file *s, size_t i)
{
	const unit *u = &s->u[i];
	mutation_append(m, s->text + u->start, u->end - u->start);
	if (u->end == u->raw_end)
		mutation_append(m, "\n", 1);
}

static void mutation_make(mutation *m, const split_file s[3], const uint8_t *spec, size_t n)
{
	size_t at = 0;
#define NEXT() (at < n ? spec[at++] : 0)
	*m = (mutation){ .joined = (size_t)MUTATION_NONE };
	size_t a = NEXT() % s[0].n;
	m->family = s[0].u[a].family;
	int want = NEXT() % 3;
	size_t count = 0, first = 0;
	for (int t = 0; t < 3 && !count; t++) {
		m->file = (want + t) % 3;
		for (size_t i = 0; i < s[m->file].n; i++)
			if (!ehp_str_cmp(s[m->file].u[i].family, m->family) && !count++)
				first = i;
	}
	const split_file *f = &s[m->file];
	m->row = first + NEXT() % count; /* A's rows are together: the split is sorted */
	const unit *u = &f->u[m->row];
	mutation_append(m, f->text + u->start, u->raw_end - u->start);
	bool join = false;
	for (int ops = 0; ops < MUTATION_MAX_OPS && at < n; ops++) {
		int op = NEXT() % 5;
		if (op == 4) {
			join = m->row + 1 < f->n;
			continue;
		}
		size_t pos = NEXT(), c = NEXT();
		if (op == 0) {
			c = c % 8 + 1;
			if (c > n - at)
				c = n - at;
			mutation_insert(m, pos % (m->len + 1), spec + at, c);
			at += c;
			continue;
		}
		if (!m->len)
			continue;
		pos %= m->len;
		if (op == 1) {
			c = c % 8 + 1;
			if (c > m->len - pos)
				c = m->len - pos;
			memmove(m->bytes + pos, m->bytes + pos + c, m->len - pos - c);
			m->len -= c;
		} else if (op == 2) {
			m->bytes[pos] = (char)(m->bytes[pos] ^ (char)c);
		} else {
			m->bytes[pos] = (char)c;
		}
	}
#undef NEXT
	if (join) {
		m->joined = m->row + 1;
		m->joined_family = f->u[m->joined].family;
		mutation_append_row(m, f, m->joined);
	} else {
		mutation_append(m, f->text + u->raw_end, u->end - u->raw_end);
		if (u->end == u->raw_end)
			mutation_append(m, "\n", 1);
	}
	if (!(m->collapsed = malloc(m->len + 1)))
		abort();
	for (size_t i = 0; i < m->len; i++) {
		m->collapsed[m->collapsed_len++] = m->bytes[i];
		if (m->bytes[i] == '"' && i + 1 < m->len && m->bytes[i + 1] == '"')
			i++;
	}
}

static void mutation_free(mutation *m)
{
	free(m->bytes);
	free(m->collapsed);
}

static bool mutation_holds(const char *hay, size_t hay_n, const char *id, size_t n)
{
	for (size_t i = 0; n && i + n <= hay_n; i++)
		if (!memcmp(hay + i, id, n))
			return true;
	return false;
}

static bool mutation_names(const mutation *m, const char *id, size_t n)
{
	return mutation_holds(m->bytes, m->len, id, n) || mutation_holds(m->collapsed, m->collapsed_len, id, n);
}

static bool same_str(ehp_str a, const char *id, size_t n)
{
	return a.n == n && !memcmp(a.s, id, n);
}

/* Whether the family results.csv writes as `id` (a formula-like id with a
 * leading ') was touched: named in the mutated bytes, or the joined row's;
 * and, unless but_a, A itself. */
static bool mutation_touches(const mutation *m, const char *id, size_t n, bool but_a)
{
	for (int k = 0; k < 2; k++) {
		if (k) {
			if (!n || id[0] != '\'')
				break;
			id++;
			n--;
		}
		bool is_a = same_str(m->family, id, n);
		if (is_a && !but_a)
			return true;
		if (same_str(m->joined_family, id, n) || (!is_a && mutation_names(m, id, n)))
			return true;
	}
	return false;
}

#endif
