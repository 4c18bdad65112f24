/*
 * csv_masks.h - the bit masks csv.c's splitters work from: a block of 64
 * bytes as one bit a byte (its commas, its special bytes), made with SSE2
 * compares where the compiler has them and a portable loop elsewhere; and
 * csv_plain_cells's masks and bit loop once more with AVX2 and BMI1, in
 * functions compiled for them (GCC's target attribute), chosen at run time
 * where the CPU has them (csv_cpu_wide): the build stays one for any
 * x86-64. csv.c and csv_plain.h (csv_plain_cells's body, inline in
 * stream.c too) include it, and chunks.c for its CPU test (csv_cpu_w512).
 */
#ifndef EHP_CSV_MASKS_H
#define EHP_CSV_MASKS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#define CSV_WIDE 1 /* an AVX2 way too, for the CPUs that have it */
#include <immintrin.h>
#define WIDE_TARGET __attribute__((target("avx2,bmi")))
#else
#define CSV_WIDE 0
#endif

/* The masks in the splitters' loops, and each splitter once a way: GCC
 * -O2 would make calls of them. */
#if defined(__GNUC__)
#define ALWAYS_INLINE static inline __attribute__((always_inline))
#else
#define ALWAYS_INLINE static inline
#endif

/* Bit i set for each special byte (, " LF CR NUL) among p[0..63]. */
static inline uint64_t specials64(const char *p)
{
#if defined(__SSE2__)
	const __m128i comma = _mm_set1_epi8(','), quote = _mm_set1_epi8('"'), lf = _mm_set1_epi8('\n'),
	              cr = _mm_set1_epi8('\r'), zero = _mm_setzero_si128();
	uint64_t m = 0;
	for (int k = 0; k < 4; k++) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + 16 * k));
		__m128i s = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, comma), _mm_cmpeq_epi8(v, quote)),
		                         _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, lf), _mm_cmpeq_epi8(v, cr)),
		                                      _mm_cmpeq_epi8(v, zero)));
		m |= (uint64_t)(unsigned)_mm_movemask_epi8(s) << (16 * k);
	}
	return m;
#else
	static const unsigned char special[256] = { [','] = 1, ['"'] = 1, ['\n'] = 1, ['\r'] = 1, [0] = 1 };
	uint64_t m = 0;
	for (int i = 0; i < 64; i++)
		m |= (uint64_t)special[(unsigned char)p[i]] << i;
	return m;
#endif
}

#if defined(__SSE2__)
/* The commas among p[0..15], and the bytes at most `most` or a quote, as
 * the low 16 bits of each. */
ALWAYS_INLINE void commas_and_low16(const char *p, char most, unsigned *commas, unsigned *low)
{
	__m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
	__m128i x = _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(most)), v);
	if (most < '"')
		x = _mm_or_si128(x, _mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
	*commas = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')));
	*low = (unsigned)_mm_movemask_epi8(x);
}

/* The same of p[0..63]: written out, as GCC -O2 keeps a loop, with shifts
 * by a register. */
ALWAYS_INLINE void commas_and_low64(const char *p, char most, uint64_t *commas, uint64_t *low)
{
	unsigned c0, c1, c2, c3, o0, o1, o2, o3;
	commas_and_low16(p, most, &c0, &o0);
	commas_and_low16(p + 16, most, &c1, &o1);
	commas_and_low16(p + 32, most, &c2, &o2);
	commas_and_low16(p + 48, most, &c3, &o3);
	*commas = c0 | (uint64_t)c1 << 16 | (uint64_t)c2 << 32 | (uint64_t)c3 << 48;
	*low = o0 | (uint64_t)o1 << 16 | (uint64_t)o2 << 32 | (uint64_t)o3 << 48;
}
#else
ALWAYS_INLINE void commas_and_low64(const char *p, char most, uint64_t *commas, uint64_t *low)
{
	uint64_t c = 0, o = 0;
	for (int i = 0; i < 64; i++) {
		unsigned char u = (unsigned char)p[i];
		c |= (uint64_t)(u == ',') << i;
		o |= (uint64_t)(u <= (unsigned char)most || u == '"') << i;
	}
	*commas = c;
	*low = o;
}
#endif

static inline size_t lowest_bit(uint64_t m)
{
#if defined(__GNUC__)
	return (unsigned)__builtin_ctzll(m); /* unsigned: no sign extension where it is added */
#else
	size_t n = 0;
	while (!(m & 1)) {
		m >>= 1;
		n++;
	}
	return n;
#endif
}

/* A splitter's block, the `left` bytes read from at on (PAD bytes follow
 * the last): its commas before the first stop, and its stops, the bytes
 * at most `most` or a quote (commas_and_low64). plain_row stops at
 * " LF CR NUL and the other bytes below CR (most '\r': a tab, a rare byte
 * in a row, sends its row to parse_row, as before); csv_plain_cells at
 * every byte at most '"' (most '"'): a quote, LF, CR, NUL, the blanks a
 * cell would be trimmed of, and '!' (rare: its row is read as ever). */
ALWAYS_INLINE void block_masks(const char *at, size_t left, char most, uint64_t *commas, uint64_t *stops)
{
	uint64_t c, o;
	commas_and_low64(at, most, &c, &o);
	if (left < 64) {
		uint64_t read = ((uint64_t)1 << left) - 1;
		c &= read;
		o &= read;
	}
	c &= ~o & (o - 1); /* those before the first stop (all when there is none) */
	*commas = c;
	*stops = o;
}

/* csv_plain_cells's block (block_masks with most '"'), and its lowest
 * bit: the two things its loop takes from the CPU, in the way chosen. */
ALWAYS_INLINE void plain_masks(const char *at, size_t left, uint64_t *commas, uint64_t *stops)
{
	block_masks(at, left, '"', commas, stops);
}

#if CSV_WIDE
/* The same 64 bytes as two 32-byte AVX2 compares a mask. */
WIDE_TARGET ALWAYS_INLINE void plain_masks_wide(const char *at, size_t left, uint64_t *commas, uint64_t *stops)
{
	const __m256i comma = _mm256_set1_epi8(','), most = _mm256_set1_epi8('"');
	__m256i lo = _mm256_loadu_si256((const __m256i *)(const void *)at);
	__m256i hi = _mm256_loadu_si256((const __m256i *)(const void *)(at + 32));
	uint64_t c = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(lo, comma)) |
	             (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(hi, comma)) << 32;
	uint64_t o = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(lo, most), lo)) |
	             (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(hi, most), hi)) << 32;
	if (left < 64) {
		uint64_t read = ((uint64_t)1 << left) - 1;
		c &= read;
		o &= read;
	}
	*commas = c & ~o & (o - 1);
	*stops = o;
}

/* tzcnt's 64-bit answer as it is (lowest_bit's int would be extended). */
WIDE_TARGET ALWAYS_INLINE size_t lowest_bit_wide(uint64_t m)
{
	return (size_t)_tzcnt_u64(m);
}

/* Whether this CPU has what the wide way needs. */
static inline bool csv_cpu_wide(void)
{
	return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi");
}

/* Whether this CPU, and its OS (__builtin_cpu_supports asks both), has
 * AVX-512BW and POPCNT: chunks.c's count of line breaks. */
static inline bool csv_cpu_w512(void)
{
	return __builtin_cpu_supports("avx512f") && __builtin_cpu_supports("avx512bw") &&
	       __builtin_cpu_supports("popcnt");
}
#else
static inline bool csv_cpu_wide(void)
{
	return false;
}

static inline bool csv_cpu_w512(void)
{
	return false;
}
#endif

#endif
