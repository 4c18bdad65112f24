/*
 * buf.c - the growing text buffer of buf.h.
 */
#include <stdlib.h>
#include "buf.h"
#include "mem.h"

void ehp_buf_grow(ehp_buf *b, size_t n)
{
	b->p = ehp_reserve(b->p, &b->cap, b->len + n, 1);
}

void ehp_buf_free(ehp_buf *b)
{
	free(b->p);
	*b = (ehp_buf){ 0 };
}

const char ehp_buf_digits[200] = "0001020304050607080910111213141516171819"
                                 "2021222324252627282930313233343536373839"
                                 "4041424344454647484950515253545556575859"
                                 "6061626364656667686970717273747576777879"
                                 "8081828384858687888990919293949596979899";

char *ehp_buf_put_big(char *p, uint64_t v)
{
	if (v < 10000) { /* 1000 to 9999 (ehp_buf_put_uint has the rest): lines, days */
		memcpy(p, ehp_buf_digits + 2 * (v / 100), 2);
		memcpy(p + 2, ehp_buf_digits + 2 * (v % 100), 2);
		return p + 4;
	}
	char digits[20];
	size_t k = sizeof digits;
	while (v >= 100) {
		k -= 2;
		memcpy(digits + k, ehp_buf_digits + 2 * (v % 100), 2);
		v /= 100;
	}
	if (v >= 10) {
		k -= 2;
		memcpy(digits + k, ehp_buf_digits + 2 * v, 2);
	} else {
		digits[--k] = (char)('0' + v);
	}
	return ehp_buf_put(p, digits + k, sizeof digits - k);
}

void ehp_buf_uint(ehp_buf *b, uint64_t v)
{
	ehp_buf_done(b, ehp_buf_put_uint(ehp_buf_at(b, 20), v));
}
