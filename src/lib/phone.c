#include <string.h>

#include "phone.h"

#define MIN_DIGITS 8		/* the shortest number: '+' and 8 digits */
#define QUOTED_DIGITS 7
#define RUN_DIGITS 9		/* a bare run this long is a number */
#define INTL_MAX 15		/* E.164's longest */

static int
dig(const char *s, size_t len, size_t p)
{
	return p < len && s[p] >= '0' && s[p] <= '9';
}

/* Bytes of a separator between groups of digits at p, or 0: space, '.',
 * '-', U+00A0 and U+202F (French typography's thin space) in UTF-8. */
static size_t
sep_at(const char *s, size_t len, size_t p)
{
	const unsigned char *u = (const unsigned char *)s;

	if (p >= len)
		return 0;
	switch (u[p]) {
	case ' ':
	case '.':
	case '-':
		return 1;
	case 0xc2:
		return p + 1 < len && u[p + 1] == 0xa0 ? 2 : 0;
	case 0xe2:
		return p + 2 < len && u[p + 1] == 0x80 && u[p + 2] == 0xaf ? 3 : 0;
	}
	return 0;
}

static size_t
run_at(const char *s, size_t len, size_t p)
{
	size_t q = p;

	while (dig(s, len, q))
		q++;
	return q - p;
}

/*
 * Exactly want digits from p in whole runs, one separator between runs.
 * With strict, the runs are pairs or their separator is the same
 * throughout (so that 03-03-2025 10 is not a number).  Returns the end, or
 * 0.  The end is never followed by a digit: runs are taken whole.
 */
static size_t
groups(const char *s, size_t len, size_t p, size_t want, int strict)
{
	size_t total = 0, nruns = 0, sl, first_sl = 0;
	int same = 1, pairs = 1;
	unsigned char first = 0;

	for (;;) {
		size_t r = run_at(s, len, p);

		if (r == 0)
			return 0;
		total += r;
		nruns++;
		pairs &= r == 2;
		p += r;
		if (total >= want)
			break;
		sl = sep_at(s, len, p);
		if (sl == 0 || !dig(s, len, p + sl))
			return 0;
		if (nruns == 1) {
			first = (unsigned char)s[p];
			first_sl = sl;
		} else if ((unsigned char)s[p] != first || sl != first_sl) {
			same = 0;
		}
		p += sl;
	}
	if (total != want || (strict && !same && !pairs))
		return 0;
	return p;
}

/* After +33 or 0033 at p: an optional separator, (0) or 0, then 9 digits
 * grouped any way, the first not 0. */
static size_t
french_tail(const char *s, size_t len, size_t p)
{
	p += sep_at(s, len, p);
	if (p + 3 <= len && memcmp(s + p, "(0)", 3) == 0) {
		p += 3;
		p += sep_at(s, len, p);
	} else if (dig(s, len, p) && s[p] == '0') {
		p++;
		p += sep_at(s, len, p);
	}
	if (!dig(s, len, p) || s[p] == '0')
		return 0;
	return groups(s, len, p, 9, 0);
}

/* Bytes between two groups of an international number at p: one or two
 * separators or parentheses, then a digit; or 0. */
static size_t
gap_at(const char *s, size_t len, size_t p)
{
	size_t q = p;

	for (int k = 0; k < 2; k++) {
		size_t sl = sep_at(s, len, q);

		if (sl == 0 && q < len && (s[q] == '(' || s[q] == ')'))
			sl = 1;
		if (sl == 0)
			break;
		q += sl;
	}
	return q > p && dig(s, len, q) ? q - p : 0;
}

/* After '+' or 00, p at a digit: groups while they stay within 15 digits;
 * 8 at least.  Returns the end, or 0. */
static size_t
international(const char *s, size_t len, size_t p)
{
	size_t total = 0, end = 0;

	for (;;) {
		size_t r = run_at(s, len, p), g;

		if (total > 0 && total + r > INTL_MAX)
			break;
		total += r;
		p += r;
		end = p;
		if ((g = gap_at(s, len, p)) == 0)
			break;
		p += g;
	}
	return total >= MIN_DIGITS ? end : 0;
}

/* A number starting with '+' at p, or 0. */
static size_t
at_plus(const char *s, size_t len, size_t p)
{
	size_t e;

	if (!dig(s, len, p + 1))
		return 0;
	if (p + 3 <= len && s[p + 1] == '3' && s[p + 2] == '3' &&
	    (e = french_tail(s, len, p + 3)) != 0)
		return e;
	return international(s, len, p + 1);
}

/* (0)6 39 98 01 19 or (06) 39 98 01 19 at p, or 0. */
static size_t
at_paren(const char *s, size_t len, size_t p)
{
	size_t q;

	if (p + 3 >= len || s[p + 1] != '0')
		return 0;
	if (s[p + 2] == ')') {
		q = p + 3;
		q += sep_at(s, len, q);
		if (!dig(s, len, q) || s[q] == '0')
			return 0;
		return groups(s, len, q, 9, 0);
	}
	if (dig(s, len, p + 2) && s[p + 2] != '0' && s[p + 3] == ')') {
		q = p + 4;
		q += sep_at(s, len, q);
		return groups(s, len, q, 8, 1);
	}
	return 0;
}

/* A number starting with the digit at p (none just before), or 0. */
static size_t
at_digit(const char *s, size_t len, size_t p, int flags)
{
	size_t e, r, q;
	int uniqueid, epoch;

	if (s[p] == '0') {
		if (p + 4 <= len && memcmp(s + p, "0033", 4) == 0 &&
		    (e = french_tail(s, len, p + 4)) != 0)
			return e;
		if (dig(s, len, p + 2) && s[p + 1] == '0' && s[p + 2] != '0' &&
		    (e = international(s, len, p + 2)) != 0)
			return e;
		/* national: the second digit, after a separator or not, is
		 * not 0 */
		q = p + 1;
		q += sep_at(s, len, q);
		if (dig(s, len, q) && s[q] != '0' &&
		    (e = groups(s, len, p, 10, 1)) != 0)
			return e;
	}
	r = run_at(s, len, p);
	if ((flags & CS_PHONE_QUOTED) && r >= QUOTED_DIGITS)
		return p + r;
	if (r < RUN_DIGITS)
		return 0;
	uniqueid = (p + r < len && s[p + r] == '.' && dig(s, len, p + r + 1)) ||
	    (p >= 2 && s[p - 1] == '.' && dig(s, len, p - 2));
	epoch = r == 10 && s[p] >= '1' && s[p] <= '4';
	return uniqueid || epoch ? 0 : p + r;
}

/* cs_phone_find without the count of digits. */
static int
scan(const char *s, size_t len, size_t from, int flags,
    struct cs_phone_span *sp)
{
	size_t p, e;

	for (p = from; p < len; p++) {
		switch (s[p]) {
		case '+':
			e = at_plus(s, len, p);
			break;
		case '(':
			e = p > 0 && dig(s, len, p - 1) ? 0 : at_paren(s, len, p);
			break;
		case '0': case '1': case '2': case '3': case '4':
		case '5': case '6': case '7': case '8': case '9':
			if (p > 0 && dig(s, len, p - 1))
				continue;	/* inside a run */
			if ((e = at_digit(s, len, p, flags)) == 0)
				p += run_at(s, len, p) - 1;	/* past the run */
			break;
		default:
			continue;
		}
		if (e != 0) {
			sp->start = p;
			sp->end = e;
			return 1;
		}
	}
	return 0;
}

static size_t
need(int flags)
{
	return flags & CS_PHONE_QUOTED ? QUOTED_DIGITS : MIN_DIGITS;
}

/* What a byte is to may_hold: 1 a digit, 2 a byte that may stand between
 * the digits of a number (sep_at's, U+00A0's and U+202F's bytes on their
 * own, parentheses, '+'), 0 any other. */
static const unsigned char stretch[256] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1,
	['5'] = 1, ['6'] = 1, ['7'] = 1, ['8'] = 1, ['9'] = 1,
	[' '] = 2, ['.'] = 2, ['-'] = 2, ['('] = 2, [')'] = 2, ['+'] = 2,
	[0xc2] = 2, [0xa0] = 2, [0xe2] = 2, [0x80] = 2, [0xaf] = 2,
};

/*
 * Whether s may hold a number: every number the scan finds is made of
 * digits, separators (sep_at), parentheses and '+' only, and holds at
 * least need(flags) digits, so one such stretch of s must hold that many.
 * Most texts fail in one look: few digits, or digits among letters (a
 * uuid, a channel's name).
 */
static int
may_hold(const char *s, int flags)
{
	size_t want = need(flags), run = 0;

	for (const unsigned char *u = (const unsigned char *)s; *u != '\0'; u++)
		switch (stretch[*u]) {
		case 1:
			if (++run >= want)
				return 1;
			break;
		case 0:
			run = 0;
			break;
		}
	return 0;
}

int
cs_phone_find(const char *s, size_t len, size_t from, int flags,
    struct cs_phone_span *sp)
{
	size_t n = 0, want = need(flags);

	/* most texts hold a few digits or none: done in one look */
	for (size_t p = from; p < len && n < want; p++)
		n += s[p] >= '0' && s[p] <= '9';
	return n >= want && scan(s, len, from, flags, sp);
}

/* Appends k bytes of t to out at o, as far as n allows (one kept for the
 * NUL); returns the new o. */
static size_t
put(char *out, size_t n, size_t o, const char *t, size_t k)
{
	if (o + 1 >= n)
		return o;
	if (k > n - 1 - o)
		k = n - 1 - o;
	memcpy(out + o, t, k);
	return o + k;
}

size_t
cs_phone_mask(const char *s, size_t len, int flags, char *out, size_t n)
{
	struct cs_phone_span sp;
	size_t o = 0, p = 0, count = 0;

	if (n == 0)
		return 0;
	while (scan(s, len, p, flags, &sp)) {
		o = put(out, n, o, s + p, sp.start - p);
		o = put(out, n, o, CS_PHONE_MARK, sizeof(CS_PHONE_MARK) - 1);
		p = sp.end;
		count++;
	}
	o = put(out, n, o, s + p, len - p);
	out[o] = '\0';
	return count;
}

const char *
cs_phone_masked(const char *s, int flags, char *buf, size_t n)
{
	struct cs_phone_span sp;
	size_t len;

	if (s == NULL)
		return NULL;
	if (!may_hold(s, flags) || !scan(s, len = strlen(s), 0, flags, &sp))
		return s;
	cs_phone_mask(s, len, flags, buf, n);
	return buf;
}
