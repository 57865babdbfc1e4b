/*
 * text.c: the byte-level helpers every reader shares: binary data in a
 * text log, UTF-8 with a Latin-1 fallback, a line's buffer.
 */
#include <csv.h>
#include <stdint.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <stdlib.h>
#include <string.h>

#include "readers.h"

void
cs_readers_csv_reset(struct csv_parser *csv)
{
	int opts = csv_get_opts(csv);

	csv_set_opts(csv, (unsigned char)(opts & ~CSV_STRICT_FINI));
	csv_fini(csv, NULL, NULL, NULL);
	csv_set_opts(csv, (unsigned char)opts);
}

/*
 * The readers see every byte of tens of millions of lines: these scans go
 * eight bytes at a time while nothing needs a closer look.
 */
#define ONES	0x0101010101010101ULL
#define HIGHS	0x8080808080808080ULL

static uint64_t
load8(const unsigned char *u)
{
	uint64_t x;

	memcpy(&x, u, sizeof(x));
	return x;
}

/* Non-zero when one of the 8 bytes of x is below 0x20 or is 0x7f. */
static uint64_t
maybe_control(uint64_t x)
{
	uint64_t del = x ^ (ONES * 0x7f);

	return ((x - ONES * 0x20) & ~x & HIGHS) |
	    ((del - ONES) & ~del & HIGHS);
}

#ifdef __SSE2__
/*
 * From i, the 16-byte blocks of u[0..len) that hold no control byte (below
 * 0x20, or 0x7f; a tab too, which the caller then looks at byte by byte),
 * the high bits of their bytes or'ed into *high: where the first other
 * block starts.  Every x86-64 has SSE2.
 */
static size_t
clean16(const unsigned char *u, size_t i, size_t len, uint64_t *high)
{
	const __m128i lo = _mm_set1_epi8(0x1f), del = _mm_set1_epi8(0x7f);
	__m128i acc = _mm_setzero_si128();

	for (; i + 16 <= len; i += 16) {
		__m128i x = _mm_loadu_si128((const void *)(u + i));
		__m128i c = _mm_or_si128(_mm_cmpeq_epi8(_mm_min_epu8(x, lo), x),
		    _mm_cmpeq_epi8(x, del));

		if (_mm_movemask_epi8(c) != 0)
			break;
		acc = _mm_or_si128(acc, x);
	}
	if (_mm_movemask_epi8(acc) != 0)
		*high |= HIGHS;
	return i;
}
#endif

size_t
cs_readers_find_binary(const char *s, size_t len, int *ascii)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t x, high = 0;
	size_t i = 0;

	for (;;) {
#ifdef __SSE2__
		i = clean16(u, i, len, &high);
#endif
		while (i + 8 <= len && maybe_control(x = load8(u + i)) == 0) {
			high |= x;
			i += 8;
		}
		if (i == len)
			break;
		/* A tab, or the bytes left at the end: one by one. */
		for (size_t stop = i + 8 < len ? i + 8 : len; i < stop; i++) {
			if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)
				return i;
			high |= u[i];
		}
	}
	if (ascii != NULL)
		*ascii = (high & HIGHS) == 0;
	return len;
}

size_t
cs_readers_find_all(const char *s, size_t len, char c, size_t *at,
    size_t max)
{
	size_t i = 0, k = 0;

#ifdef __SSE2__
	const __m128i want = _mm_set1_epi8(c);

	for (; len - i >= 16; i += 16) {
		__m128i x = _mm_loadu_si128((const void *)(s + i));
		unsigned m = (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(x, want));

		for (; m != 0; m &= m - 1, k++)
			if (k < max)
				at[k] = i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < len; i++)
		if (s[i] == c) {
			if (k < max)
				at[k] = i;
			k++;
		}
	return k;
}

size_t
cs_readers_utf8_seq(const unsigned char *u, size_t n)
{
	unsigned char lo = 0x80, hi = 0xbf;
	size_t k;

	if (u[0] >= 0xc2 && u[0] <= 0xdf)
		k = 1;
	else if (u[0] == 0xe0) {
		k = 2;
		lo = 0xa0;		/* no overlong forms */
	} else if ((u[0] >= 0xe1 && u[0] <= 0xec) || u[0] == 0xee ||
	    u[0] == 0xef)
		k = 2;
	else if (u[0] == 0xed) {
		k = 2;
		hi = 0x9f;		/* no surrogates */
	} else if (u[0] == 0xf0) {
		k = 3;
		lo = 0x90;
	} else if (u[0] >= 0xf1 && u[0] <= 0xf3)
		k = 3;
	else if (u[0] == 0xf4) {
		k = 3;
		hi = 0x8f;		/* nothing above U+10FFFF */
	} else
		return 0;
	if (n <= k || u[1] < lo || u[1] > hi)
		return 0;
	for (size_t j = 2; j <= k; j++)
		if ((u[j] & 0xc0) != 0x80)
			return 0;
	return k + 1;
}

size_t
cs_readers_utf8_copy(char *dst, const char *src, size_t n)
{
	const unsigned char *u = (const unsigned char *)src;
	unsigned char *d = (unsigned char *)dst;
	size_t i = 0, k;

	while (i < n) {
		if (i + 8 <= n && (load8(u + i) & HIGHS) == 0) {
			memcpy(d, u + i, 8);
			d += 8;
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			*d++ = u[i++];
			continue;
		}
		if ((k = cs_readers_utf8_seq(u + i, n - i)) > 0) {
			memcpy(d, u + i, k);
			d += k;
			i += k;
			continue;
		}
		/* Not UTF-8: the byte is a Latin-1 character. */
		*d++ = 0xc0 | (u[i] >> 6);
		*d++ = 0x80 | (u[i] & 0x3f);
		i++;
	}
	*d = '\0';
	return (size_t)((char *)d - dst);
}

int
cs_readers_begin(const char *line, size_t len, int *ascii, char **buf,
    size_t *cap, size_t need, struct cs_error *err)
{
	size_t bad;

	if ((bad = cs_readers_find_binary(line, len, ascii)) < len)
		return cs_error_set(err, "binary data in line (byte 0x%02x "
		    "at column %zu)", (unsigned char)line[bad], bad + 1);
	if (*cap < need) {
		size_t n = need < 2 * *cap ? 2 * *cap : need;
		char *b = realloc(*buf, n);

		if (b == NULL)
			return cs_error_set(err, "out of memory");
		*buf = b;
		*cap = n;
	}
	return 0;
}

int
cs_readers_quote_len(const char *s)
{
	size_t n = strlen(s);

	if (n <= CS_READERS_QUOTE_MAX)
		return (int)n;
	n = CS_READERS_QUOTE_MAX;
	while (n > 0 && ((unsigned char)s[n] & 0xc0) == 0x80)
		n--;
	return (int)n;
}
