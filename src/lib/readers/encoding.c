/*
 * encoding.c: Latin-1 and Windows-1252 as UTF-8 (encoding.h), through a
 * table of the characters of the bytes 0x80 to 0x9F: the rest of both
 * encodings is Unicode's first 256 code points.
 */
#include <stdint.h>
#include <string.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#include <strings.h>

#include "encoding.h"
#include "readers.h"

/* Windows-1252's 0x80-0x9F; 0: no character (0x81, 0x8D, 0x8F, 0x90,
 * 0x9D). */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0,      0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021,
	0x02c6, 0x2030, 0x0160, 0x2039, 0x0152, 0,      0x017d, 0,
	0,      0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014,
	0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0,      0x017e, 0x0178,
};

int
cs_encoding_find(const char *name, enum cs_encoding *enc)
{
	static const struct {
		const char *name;
		enum cs_encoding enc;
	} names[] = {
		{ "utf-8", CS_ENC_UTF8 }, { "utf8", CS_ENC_UTF8 },
		{ "latin1", CS_ENC_LATIN1 }, { "latin-1", CS_ENC_LATIN1 },
		{ "iso-8859-1", CS_ENC_LATIN1 }, { "iso8859-1", CS_ENC_LATIN1 },
		{ "cp1252", CS_ENC_CP1252 }, { "windows-1252", CS_ENC_CP1252 },
	};

	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (strcasecmp(name, names[i].name) == 0) {
			*enc = names[i].enc;
			return 0;
		}
	return -1;
}

size_t
cs_encoding_utf8_bad(const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0, k;

	while (i < len) {
		uint64_t x;

#ifdef __SSE2__
		/* sixteen ASCII bytes at a time: the common case */
		while (i + 16 <= len && _mm_movemask_epi8(_mm_loadu_si128(
		    (const void *)(u + i))) == 0)
			i += 16;
		if (i == len)
			break;
#endif
		/* eight ASCII bytes at a time */
		if (i + 8 <= len && (memcpy(&x, u + i, 8),
		    (x & 0x8080808080808080ULL) == 0)) {
			i += 8;
			continue;
		}
		if (u[i] < 0x80) {
			i++;
			continue;
		}
		if ((k = cs_readers_utf8_seq(u + i, len - i)) == 0)
			return i;
		i += k;
	}
	return len;
}

long
cs_encoding_to_utf8(enum cs_encoding enc, const char *s, size_t len,
    char *out, size_t *bad)
{
	const unsigned char *u = (const unsigned char *)s;
	unsigned char *d = (unsigned char *)out;

	for (size_t i = 0; i < len; i++) {
		unsigned c = u[i];

		if (c >= 0x80 && c < 0xa0) {
			c = enc == CS_ENC_CP1252 ? cp1252_high[c - 0x80] : 0;
			if (c == 0) {
				*bad = i;
				return -1;
			}
		}
		if (c < 0x80) {
			*d++ = (unsigned char)c;
		} else if (c < 0x800) {
			*d++ = (unsigned char)(0xc0 | (c >> 6));
			*d++ = (unsigned char)(0x80 | (c & 0x3f));
		} else {
			*d++ = (unsigned char)(0xe0 | (c >> 12));
			*d++ = (unsigned char)(0x80 | ((c >> 6) & 0x3f));
			*d++ = (unsigned char)(0x80 | (c & 0x3f));
		}
	}
	*d = '\0';
	return (long)((char *)d - out);
}
