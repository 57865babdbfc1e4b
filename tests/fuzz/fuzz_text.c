/*
 * fuzz_text.c: the byte scans every reader starts a line with (text.c's
 * binary-byte scan, encoding.c's UTF-8 check; 16 and 8 bytes at a time)
 * against the same scans made a byte at a time here, and what the
 * converters write (UTF-8 with a Latin-1 fallback, Latin-1 and cp1252):
 * valid UTF-8, within the room their callers give.  Aborts on a
 * difference.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "readers/encoding.h"
#include "readers/readers.h"

/* The first byte below 0x20 (a tab aside) or 0x7f, or len; *ascii when
 * none is 0x80 or above. */
static size_t
binary_slow(const unsigned char *u, size_t len, int *ascii)
{
	*ascii = 1;
	for (size_t i = 0; i < len; i++) {
		if ((u[i] < 0x20 && u[i] != '\t') || u[i] == 0x7f)
			return i;
		if (u[i] >= 0x80)
			*ascii = 0;
	}
	return len;
}

/* The first byte no valid UTF-8 sequence holds, or len. */
static size_t
utf8_slow(const unsigned char *u, size_t len)
{
	size_t i = 0, k;

	while (i < len) {
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

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *s = (const char *)data;
	size_t bad, got;
	int ascii = -1, want_ascii;
	char *out;
	long n;

	bad = binary_slow(data, size, &want_ascii);
	got = cs_readers_find_binary(s, size, &ascii);
	if (got != bad || (bad == size && ascii != want_ascii))
		abort();
	if (cs_encoding_utf8_bad(s, size) != utf8_slow(data, size))
		abort();
	if ((out = malloc(3 * size + 1)) == NULL)
		return 0;
	/* what the converters write is UTF-8 */
	got = cs_readers_utf8_copy(out, s, size);
	if (got > 2 * size || out[got] != '\0' ||
	    cs_encoding_utf8_bad(out, got) != got)
		abort();
	for (int e = 0; e < 2; e++) {
		enum cs_encoding enc = e ? CS_ENC_CP1252 : CS_ENC_LATIN1;

		n = cs_encoding_to_utf8(enc, s, size, out, &bad);
		if (n >= 0 && ((size_t)n > 3 * size || out[n] != '\0' ||
		    cs_encoding_utf8_bad(out, (size_t)n) != (size_t)n))
			abort();
		if (n < 0 && bad >= size)
			abort();
	}
	free(out);
	return 0;
}
