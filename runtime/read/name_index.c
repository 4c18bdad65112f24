/*
 * name_index.c - the reader's tables of the vocabulary's names
 * (name_index.h).
 */
#include <string.h>
#include "name_index.h"

const char *const ehp_type_name_list[EHP_N_TYPES] = {
#define EHP_RECORD(name, kind, unit, doc) #name,
#include "vocabulary.def"
#undef EHP_RECORD
};

static inline uint64_t load8(const char *p)
{
	uint64_t w;
	memcpy(&w, p, 8);
	return w;
}

/* The bytes of w from 'A' to 'Z' lowered, the others as they are: a
 * byte's low seven bits plus 0x3F reach 0x80 from 'A' on, plus 0x25 from
 * past 'Z' on (no carry leaves a byte); a byte with its top bit set is
 * never a capital. The 0x20 bit is then set in the capitals alone. */
static inline uint64_t lower8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101u, tops = 0x8080808080808080u;
	uint64_t low7 = w & ~tops;
	uint64_t from_a = low7 + (0x80 - 'A') * ones, past_z = low7 + (0x80 - 'Z' - 1) * ones;
	uint64_t capital = from_a & ~past_z & ~w & tops;
	return w | capital >> 2;
}

/* Up to 7 bytes, then zeros: two 4-byte loads overlapping, or three
 * single bytes, all inside the n bytes. */
static inline uint64_t load_short(const char *s, size_t n)
{
	if (n >= 4) {
		uint32_t a, b;
		memcpy(&a, s, 4);
		memcpy(&b, s + n - 4, 4);
		return a | (uint64_t)b << (8 * (n - 4));
	}
	if (!n)
		return 0;
	return (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << (8 * (n / 2)) |
	       (uint64_t)(unsigned char)s[n - 1] << (8 * (n - 1));
}

/* The n bytes at s as two words, as written: the first 8 and the last 8
 * (overlapping when n < 16); shorter than 8, the first word holds them
 * followed by zeros and the second is 0. Never reads outside the n bytes. */
static inline void words_of(const char *s, size_t n, uint64_t *head, uint64_t *tail)
{
	if (n >= 8) {
		*head = load8(s);
		*tail = load8(s + n - 8);
	} else {
		*head = load_short(s, n);
		*tail = 0;
	}
}

/* The words and the length mixed by one multiplication: its top bits.
 * Each byte is taken with its 0x20 bit set, as lowering a capital sets it:
 * a name and the same in other case hash alike, with no lowering first. */
static inline uint32_t name_hash(uint64_t head, uint64_t tail, size_t n)
{
	const uint64_t case_bits = 0x2020202020202020u;
	head |= case_bits;
	tail |= case_bits;
	uint64_t h = (head ^ (tail << 29 | tail >> 35) ^ n) * 0x9E3779B97F4A7C15u;
	return (uint32_t)(h >> 40) & (EHP_NAME_SLOTS - 1);
}

void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n)
{
	memset(x, 0, sizeof *x);
	x->names = names;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		uint64_t head, tail;
		/* a name with a capital is found by no row, as before: its words
		 * are kept as written, and a row's are lowered to compare */
		words_of(names[i], len, &head, &tail);
		uint32_t k = name_hash(head, tail, len);
		while (x->slot[k].index)
			k = (k + 1) & (EHP_NAME_SLOTS - 1);
		x->slot[k] = (ehp_name_slot){ .head = head, .tail = tail, .index = (uint16_t)(i + 1), .len = (uint8_t)len };
	}
}

/* A name longer than 32 bytes: bytes 8 to n - 8, one by one. Out of line:
 * no such name is in the vocabulary, and the words' path keeps its
 * registers. */
#if defined(__GNUC__)
__attribute__((noinline))
#endif
static bool same_long_middle(const char *name, const char *s, size_t n, bool lowered)
{
	for (size_t i = 8; i < n - 8; i++) {
		char c = lowered && s[i] >= 'A' && s[i] <= 'Z' ? (char)(s[i] - 'A' + 'a') : s[i];
		if (name[i] != c)
			return false;
	}
	return true;
}

/* Bytes 8 to n - 8 of a name longer than 16 (its middle), the row's as
 * written or lowered: by words up to 32 bytes (at 8 and n - 16,
 * overlapping the head and tail as they must). */
static inline bool same_middle(const char *name, const char *s, size_t n, bool lowered)
{
	if (n > 32)
		return same_long_middle(name, s, n, lowered);
	uint64_t a = load8(s + 8), b = load8(s + n - 16);
	if (lowered) {
		a = lower8(a);
		b = lower8(b);
	}
	return a == load8(name + 8) && b == load8(name + n - 16);
}

/* The slot from k on that holds the name whose words are head and tail
 * (and whose middle is the row's, as written or lowered): its index, or
 * -1 at the first empty slot. */
static inline int probe(const ehp_name_index *x, uint32_t k, uint64_t head, uint64_t tail, const char *s, size_t n,
                        bool lowered)
{
	for (;; k = (k + 1) & (EHP_NAME_SLOTS - 1)) {
		const ehp_name_slot *e = &x->slot[k];
		if (!e->index)
			return -1;
		if (e->len == n && e->head == head && e->tail == tail &&
		    (n <= 16 || same_middle(x->names[e->index - 1], s, n, lowered)))
			return e->index - 1;
	}
}

/* Exports mostly write a name as the vocabulary does: looked for as
 * written first, then lowered (a name with capitals, or none at all). */
int ehp_name_index_find(const ehp_name_index *x, const char *s, size_t n)
{
	uint64_t head, tail;
	words_of(s, n, &head, &tail);
	uint32_t k = name_hash(head, tail, n);
	int i = probe(x, k, head, tail, s, n, false);
	if (i >= 0)
		return i;
	uint64_t low_head = lower8(head), low_tail = lower8(tail);
	if (n <= 16 && low_head == head && low_tail == tail)
		return -1; /* no capital to lower */
	return probe(x, k, low_head, low_tail, s, n, true);
}
