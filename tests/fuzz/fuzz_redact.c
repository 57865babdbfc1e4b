/*
 * fuzz_redact.c: the redaction of transcript text (redact.c).  The input,
 * cut at its first NUL, is redacted into a buffer of its own size
 * (malloc'd, so that the sanitizers see a byte written past it), then
 * into one cut short; it aborts unless:
 *
 *   - the output is terminated within n bytes;
 *   - each tag put in adds one '[' and one ']' to those of the input: no
 *     rule took a bracket, so none cut into a tag that was there (no tag
 *     inside a tag);
 *   - redacting the output again changes nothing and finds nothing;
 *   - no run of 13 to 19 digits passing Luhn is left in it;
 *   - the output cut short is the start of the whole one, cut neither
 *     inside a UTF-8 character nor, when the input had no '[', inside a
 *     tag.
 */
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "redact.h"

static int
luhn_run(const char *s, size_t m)
{
	unsigned sum = 0;

	for (size_t i = 0; i < m; i++) {
		unsigned x = (unsigned)(s[m - 1 - i] - '0');

		if (i % 2 == 1 && (x *= 2) > 9)
			x -= 9;
		sum += x;
	}
	return sum % 10 == 0;
}

static size_t
count(const char *s, char c)
{
	size_t k = 0;

	for (; *s != '\0'; s++)
		k += *s == c;
	return k;
}

/* Whether whole, cut at c, has a character cut in two there: a lead byte
 * within the 3 before c whose sequence goes past c. */
static int
splits_char(const unsigned char *whole, size_t c)
{
	for (size_t back = 1; back <= 3 && back <= c; back++) {
		unsigned char b = whole[c - back];
		size_t need;

		if ((b & 0xc0) == 0x80)
			continue;
		need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : b >= 0xc0 ? 2 : 1;
		if (need <= back)
			return 0;
		/* complete in whole? then cutting it splits it */
		for (size_t i = 0; i < need; i++)
			if (i > 0 && (whole[c - back + i] & 0xc0) != 0x80)
				return 0;
		return 1;
	}
	return 0;
}

/* Whether the cut at c falls inside a tag of whole that the input did
 * not have at the same place (a tag put in). */
static int
splits_tag(const char *whole, size_t c)
{
	for (size_t p = c; p-- > 0 && c - p < 8;) {
		if (whole[p] != '[')
			continue;
		for (int i = 0; i < CS_REDACT_N; i++) {
			size_t m = strlen(cs_redact_tags[i]);

			if (strncmp(whole + p, cs_redact_tags[i], m) == 0 &&
			    p + m > c)
				return 1;
		}
		return 0;
	}
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *in = NULL, *out = NULL, *again = NULL, *small = NULL;
	long c[CS_REDACT_N], c2[CS_REDACT_N], tags = 0;
	size_t len, n, sn, ol;

	if ((in = malloc(size + 1)) == NULL)
		return 0;
	memcpy(in, data, size);
	in[size] = '\0';
	len = strlen(in);
	/* the longest output: every byte a 7-byte tag cannot happen (a tag
	 * replaces 8 bytes or more, "a@b.fr" 6: [email] 7), so 2 * len + 8 */
	n = 2 * len + 8;
	out = malloc(n);
	again = malloc(n);
	if (out == NULL || again == NULL)
		goto out;
	cs_redact(in, out, n, c);
	ol = strlen(out);
	if (ol >= n - 1)
		abort();	/* the whole output fitted, with room */
	for (int i = 0; i < CS_REDACT_N; i++)
		tags += c[i];
	if (count(out, '[') != count(in, '[') + (size_t)tags ||
	    count(out, ']') != count(in, ']') + (size_t)tags)
		abort();
	cs_redact(out, again, n, c2);
	if (strcmp(out, again) != 0)
		abort();
	for (int i = 0; i < CS_REDACT_N; i++)
		if (c2[i] != 0)
			abort();
	for (size_t p = 0; p < ol;) {
		size_t q = p;

		while (out[q] >= '0' && out[q] <= '9')
			q++;
		if (q - p >= 13 && q - p <= 19 && luhn_run(out + p, q - p))
			abort();
		p = q > p ? q : p + 1;
	}
	/* cut short: the size from the first byte of the input */
	sn = size > 0 ? 1 + data[0] % (ol + 1) : 1;
	if ((small = malloc(sn)) == NULL)
		goto out;
	cs_redact(in, small, sn, NULL);
	if (strlen(small) >= sn || strncmp(small, out, strlen(small)) != 0)
		abort();
	/* (a tag that was in the input is text, and may be cut) */
	if (strlen(small) < ol && (splits_char((const unsigned char *)out,
	    strlen(small)) || (count(in, '[') == 0 &&
	    splits_tag(out, strlen(small)))))
		abort();
out:
	free(in);
	free(out);
	free(again);
	free(small);
	return 0;
}
