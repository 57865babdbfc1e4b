/*
 * redact_int.h: what redact.c and redact_spelled.c share (redact.h is
 * the module's face): the byte tests every pattern makes, and the spelled
 * numbers' rule.
 */
#ifndef CS_REDACT_INT_H
#define CS_REDACT_INT_H

#include <stddef.h>

static inline int
dig(const char *s, size_t len, size_t p)
{
	return p < len && s[p] >= '0' && s[p] <= '9';
}

static inline int
alpha(unsigned char c)
{
	return (c | 0x20) >= 'a' && (c | 0x20) <= 'z';
}

/* A byte of a word: an ASCII letter or digit, or any byte of a multi-byte
 * UTF-8 sequence (accented letters; the no-break spaces are told apart by
 * nbsp_at where it matters). */
static inline int
wordc(unsigned char c)
{
	return alpha(c) || (c >= '0' && c <= '9') || c >= 0x80;
}

/* Bytes of a no-break space (U+00A0) or a narrow one (U+202F) at p, or 0. */
static inline size_t
nbsp_at(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;

	if (p + 1 < len && u[p] == 0xc2 && u[p + 1] == 0xa0)
		return 2;
	if (p + 2 < len && u[p] == 0xe2 && u[p + 1] == 0x80 && u[p + 2] == 0xaf)
		return 3;
	return 0;
}

/*
 * From p (where a word or a run of digits starts): a run of number words
 * and digit groups, at least one in words, that makes a phone number as
 * redact.h says.  Returns the end of its last number, or 0 with *stop at
 * the end of the run (no such run starts before it).
 */
size_t cs_redact_spelled_at(const char *s, size_t len, size_t p,
    size_t *stop);

#endif
