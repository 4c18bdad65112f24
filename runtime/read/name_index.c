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




void ehp_name_index_init(ehp_name_index *x, const char *const *names, int n)
{
	memset(x, 0, sizeof *x);
	x->names = names;
	for (int i = 0; i < n; i++) {
		size_t len = strlen(names[i]);
		uint64_t head, tail;
		/* a name with a capital is found by no row, as before: its words
		 * are kept as written, and a row's are lowered to compare */
		ehp_name_words_(names[i], len, &head, &tail);
		uint32_t k = ehp_name_hash_(head, tail, len);
		while (x->slot[k].index)
			k = (k + 1) & (EHP_NAME_SLOTS - 1);
		x->slot[k] = (ehp_name_slot){ .head = head, .tail = tail, .index = (uint16_t)(i + 1), .len = (uint8_t)len };
		if (len > 16 && len <= 32) {
			x->slot[k].mid[0] = ehp_name_load8_(names[i] + 8);
			x->slot[k].mid[1] = ehp_name_load8_(names[i] + len - 16);
		}
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

/* Bytes 8 to n - 8 of the name in slot e, longer than 16 (its middle),
 * the row's as written or lowered: by the slot's words up to 32 bytes (at
 * 8 and n - 16, overlapping the head and tail as they must). */
static inline bool same_middle(const ehp_name_index *x, const ehp_name_slot *e, const char *s, size_t n,
                               bool lowered)
{
	if (n > 32)
		return same_long_middle(x->names[e->index - 1], s, n, lowered);
	uint64_t a = ehp_name_load8_(s + 8), b = ehp_name_load8_(s + n - 16);
	if (lowered) {
		a = lower8(a);
		b = lower8(b);
	}
	return a == e->mid[0] && b == e->mid[1];
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
		    (n <= 16 || same_middle(x, e, s, n, lowered)))
			return e->index - 1;
	}
}

/* Every name, as written then lowered (a name with capitals, or none at
 * all): ehp_name_index_find's way when its quick one is not enough. */
int ehp_name_index_find_full(const ehp_name_index *x, const char *s, size_t n)
{
	uint64_t head, tail;
	ehp_name_words_(s, n, &head, &tail);
	uint32_t k = ehp_name_hash_(head, tail, n);
	int i = probe(x, k, head, tail, s, n, false);
	if (i >= 0)
		return i;
	uint64_t low_head = lower8(head), low_tail = lower8(tail);
	if (n <= 16 && low_head == head && low_tail == tail)
		return -1; /* no capital to lower */
	return probe(x, k, low_head, low_tail, s, n, true);
}
