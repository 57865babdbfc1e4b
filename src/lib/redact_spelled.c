/*
 * redact_spelled.c: phone numbers spelled out by speech recognition
 * (redact.h, redact_int.h): French number words read as tokens, joined
 * into numbers ("quatre-vingt-dix-huit" is one), and a run of them and of
 * digit groups taken for a phone number when it is long enough.
 */
#include <string.h>

#include "redact_int.h"

/* A run of number words and digit groups is taken for a phone number when
 * it makes SPELLED_MIN numbers, or SPELLED_SOME numbers written in
 * SPELLED_MIN words and groups ("zéro six douze trente-quatre
 * cinquante-six": 5 numbers, 7 words); one or two numbers never, however
 * many words ("trois cent quatre-vingt-dix-neuf"). */
#define SPELLED_MIN 6
#define SPELLED_SOME 3

enum numw {
	W_NONE, W_ZERO, W_UNIT, W_DIX, W_TEEN, W_TENS, W_SOIXANTE, W_VINGT,
	W_CENT, W_ET, W_DIGITS
};

static const struct {
	const char *w;
	enum numw k;
	int v;
} numwords[] = {
	{ "zero", W_ZERO, 0 }, { "un", W_UNIT, 1 }, { "une", W_UNIT, 1 },
	{ "deux", W_UNIT, 2 }, { "trois", W_UNIT, 3 },
	{ "quatre", W_UNIT, 4 }, { "cinq", W_UNIT, 5 }, { "six", W_UNIT, 6 },
	{ "sept", W_UNIT, 7 }, { "huit", W_UNIT, 8 }, { "neuf", W_UNIT, 9 },
	{ "dix", W_DIX, 10 }, { "onze", W_TEEN, 11 }, { "douze", W_TEEN, 12 },
	{ "treize", W_TEEN, 13 }, { "quatorze", W_TEEN, 14 },
	{ "quinze", W_TEEN, 15 }, { "seize", W_TEEN, 16 },
	{ "vingt", W_VINGT, 20 }, { "vingts", W_VINGT, 20 },
	{ "trente", W_TENS, 30 }, { "quarante", W_TENS, 40 },
	{ "cinquante", W_TENS, 50 }, { "soixante", W_SOIXANTE, 60 },
	{ "cent", W_CENT, 100 }, { "cents", W_CENT, 100 },
	{ "et", W_ET, 0 },
};

#define WORD_MAX 10		/* "cinquante" and a byte */

/*
 * The token at p: a number word (lower case, é or É read e) or a run of
 * digits, either ending where no letter or digit follows.  Sets *end and
 * *v; returns W_NONE when it is neither.
 */
static enum numw
token_at(const char *s, size_t len, size_t p, size_t *end, int *v)
{
	char w[WORD_MAX + 1];
	size_t m = 0, q = p;
	const unsigned char *u = (const unsigned char *)s;

	if (dig(s, len, p)) {
		while (dig(s, len, q))
			q++;
		if (q < len && wordc(u[q]) && nbsp_at(s, len, q) == 0)
			return W_NONE;
		*end = q;
		return W_DIGITS;
	}
	while (q < len && m < WORD_MAX) {
		if (alpha(u[q]))
			w[m++] = (char)(u[q++] | 0x20);
		else if (q + 1 < len && u[q] == 0xc3 &&
		    (u[q + 1] == 0xa9 || u[q + 1] == 0x89)) {
			w[m++] = 'e';
			q += 2;
		} else
			break;
	}
	/* a word may end where digits start (six0639980119): they may be
	 * taken, and the word then ends at a tag */
	if (m == 0 || (q < len && wordc(u[q]) && !dig(s, len, q) &&
	    nbsp_at(s, len, q) == 0))
		return W_NONE;
	w[m] = '\0';
	for (size_t i = 0; i < sizeof(numwords) / sizeof(numwords[0]); i++)
		if (numwords[i].w[0] == w[0] && strcmp(w, numwords[i].w) == 0) {
			*end = q;
			*v = numwords[i].v;
			return numwords[i].k;
		}
	return W_NONE;
}

/* Between two tokens: spaces, hyphens, commas, full stops, no-break spaces,
 * 3 at most.  Returns the start of the next token, or 0. */
static size_t
gap_at(const char *s, size_t len, size_t p)
{
	size_t q = p, k;

	for (int i = 0; i < 3; i++) {
		if ((k = nbsp_at(s, len, q)) == 0 && q < len &&
		    (s[q] == ' ' || s[q] == '-' || s[q] == ',' || s[q] == '.'))
			k = 1;
		if (k == 0)
			break;
		q += k;
	}
	return q > p && q < len && wordc((unsigned char)s[q]) ? q : 0;
}

/* Where the number being read stands: what may still join it. */
enum nstate {
	N_DONE,		/* nothing: 0, 12, 34, a run of digits */
	N_UNIT,		/* a unit alone: cent (trois cent), or vingt after 4 */
	N_TENS,		/* 20 to 50: et, a unit */
	N_SOIX,		/* 60, 80: et, a unit, dix, a teen */
	N_DIX,		/* dix: sept, huit, neuf */
	N_CENT,		/* cent: what is below a hundred */
	N_ET		/* et: un, onze */
};

/* Whether token k (value v) joins the number in state *st, and the state
 * after it. */
static int
joins(enum nstate *st, int *unit, enum numw k, int v)
{
	switch (*st) {
	case N_UNIT:
		if (k == W_CENT) {
			*st = N_CENT;
			return 1;
		}
		if (k == W_VINGT && *unit == 4) {
			*st = N_SOIX;
			return 1;
		}
		return 0;
	case N_TENS:
	case N_SOIX:
		if (k == W_ET || k == W_UNIT) {
			*st = k == W_ET ? N_ET : N_DONE;
			return 1;
		}
		if (*st == N_SOIX && (k == W_DIX || k == W_TEEN)) {
			*st = k == W_DIX ? N_DIX : N_DONE;
			return 1;
		}
		return 0;
	case N_DIX:
		if (k == W_UNIT && v >= 7) {
			*st = N_DONE;
			return 1;
		}
		return 0;
	case N_CENT:
		switch (k) {
		case W_UNIT:
			*st = N_UNIT;
			*unit = v;
			return 1;
		case W_DIX:
			*st = N_DIX;
			return 1;
		case W_TEEN:
			*st = N_DONE;
			return 1;
		case W_TENS:
		case W_VINGT:
			*st = N_TENS;
			return 1;
		case W_SOIXANTE:
			*st = N_SOIX;
			return 1;
		default:
			return 0;
		}
	case N_ET:
		if (k == W_UNIT || k == W_TEEN) {
			*st = N_DONE;
			return 1;
		}
		return 0;
	case N_DONE:
		break;
	}
	return 0;
}

/*
 * From p (where a word or a run of digits starts): a run of number words
 * and digit groups, at least one in words, that makes a phone number (see
 * SPELLED_MIN).  Returns the end of its last number, or 0 with *stop at the end
 * of the run (no such run starts before it).
 */
size_t
cs_redact_spelled_at(const char *s, size_t len, size_t p, size_t *stop)
{
	enum nstate st = N_DONE;
	enum numw k;
	size_t q = p, e = 0, last = 0;
	int numbers = 0, items = 0, words = 0, unit = 0, v = 0;

	*stop = p + 1;
	for (;;) {
		if ((k = token_at(s, len, q, &e, &v)) == W_NONE)
			break;
		if (!joins(&st, &unit, k, v)) {
			if (k == W_ET)
				break;	/* "et" starts nothing */
			numbers++;
			unit = v;
			switch (k) {
			case W_UNIT: st = N_UNIT; break;
			case W_DIX: st = N_DIX; break;
			case W_TENS: case W_VINGT: st = N_TENS; break;
			case W_SOIXANTE: st = N_SOIX; break;
			case W_CENT: st = N_CENT; break;
			default: st = N_DONE; break;
			}
		}
		if (k != W_ET) {
			items++;
			words += k != W_DIGITS;
			last = e;
		}
		*stop = e;
		if ((q = gap_at(s, len, e)) == 0)
			break;
	}
	if (words == 0 || numbers < SPELLED_SOME ||
	    (numbers < SPELLED_MIN && items < SPELLED_MIN))
		return 0;
	return last;
}
