/*
 * json_flat.c: a flat object of known keys read without building a tree
 * (json_flat.h).  Every doubt is a -1: Jansson then reads the line.
 */
#include <stdint.h>
#include <string.h>

#include "json_flat.h"

static const char *
skip_ws(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static int
hex4(const char *p, unsigned *out)
{
	unsigned v = 0;

	for (int i = 0; i < 4; i++) {
		char c = p[i];

		v <<= 4;
		if (c >= '0' && c <= '9')
			v |= (unsigned)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v |= (unsigned)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v |= (unsigned)(c - 'A' + 10);
		else
			return -1;
	}
	*out = v;
	return 0;
}

static char *
put_utf8(char *w, unsigned c)
{
	if (c < 0x80) {
		*w++ = (char)c;
	} else if (c < 0x800) {
		*w++ = (char)(0xc0 | c >> 6);
		*w++ = (char)(0x80 | (c & 0x3f));
	} else if (c < 0x10000) {
		*w++ = (char)(0xe0 | c >> 12);
		*w++ = (char)(0x80 | (c >> 6 & 0x3f));
		*w++ = (char)(0x80 | (c & 0x3f));
	} else {
		*w++ = (char)(0xf0 | c >> 18);
		*w++ = (char)(0x80 | (c >> 12 & 0x3f));
		*w++ = (char)(0x80 | (c >> 6 & 0x3f));
		*w++ = (char)(0x80 | (c & 0x3f));
	}
	return w;
}

/* Whether one of the 8 bytes of x is a quote, a backslash or below 0x20
 * (a byte of 0x80 and more is none: UTF-8's bytes are all >= 0x80). */
static int
special8(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
	uint64_t q = x ^ (ones * '"'), b = x ^ (ones * '\\');

	/* a byte below 0x20 in x, a zero byte in q or in b */
	return ((((x - ones * 0x20) & ~x) | ((q - ones) & ~q) |
	    ((b - ones) & ~b)) & highs) != 0;
}

/*
 * The string whose opening quote is at p, decoded in place (an escape is
 * never shorter than what it stands for) and NUL-terminated (end: where
 * the line's NUL is); returns what follows its closing quote, or NULL.
 */
static char *
string_at(char *p, const char *end, const char **out)
{
	char *r = p + 1, *w = p + 1;

	*out = w;
	for (;;) {
		unsigned char c;
		unsigned u, lo;
		uint64_t x;

		/* eight plain bytes at a time (never past the line's end),
		   in place until an escape; then to the byte that is not */
		while (end - r >= 8) {
			memcpy(&x, r, 8);
			if (special8(x)) {
				while ((c = (unsigned char)*r) != '"' &&
				    c != '\\' && c >= 0x20)
					*w++ = *r++;
				break;
			}
			if (w != r)
				memmove(w, r, 8);
			w += 8;
			r += 8;
		}
		c = (unsigned char)*r;
		if (c == '"')
			break;
		if (c < 0x20)		/* a control character, or the end */
			return NULL;
		if (c != '\\') {
			*w++ = *r++;
			continue;
		}
		switch (r[1]) {
		case '"': case '\\': case '/':
			*w++ = r[1];
			break;
		case 'b': *w++ = '\b'; break;
		case 'f': *w++ = '\f'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		case 'u':
			if (hex4(r + 2, &u) != 0 || u == 0 ||
			    (u >= 0xdc00 && u <= 0xdfff))
				return NULL;
			if (u >= 0xd800 && u <= 0xdbff) {
				if (r[6] != '\\' || r[7] != 'u' ||
				    hex4(r + 8, &lo) != 0 ||
				    lo < 0xdc00 || lo > 0xdfff)
					return NULL;
				u = 0x10000 + ((u - 0xd800) << 10) + (lo - 0xdc00);
				r += 6;
			}
			w = put_utf8(w, u);
			r += 6;
			continue;
		default:
			return NULL;
		}
		r += 2;
	}
	*w = '\0';
	return r + 1;
}

/* A number without exponent at p into v; returns what follows, or NULL. */
static const char *
number_at(const char *p, struct cs_json_flat_val *v)
{
	static const double pow10[] = {
		1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
		1e12, 1e13, 1e14, 1e15,
	};
	int neg = *p == '-', digits = 0, frac = 0;
	long long m = 0;

	p += neg;
	if (*p == '0' && p[1] >= '0' && p[1] <= '9')
		return NULL;		/* a leading zero */
	/* at most 18 digits: m cannot overflow */
	for (; *p >= '0' && *p <= '9'; p++)
		if (++digits > 18)
			return NULL;
		else
			m = m * 10 + (*p - '0');
	if (digits == 0)
		return NULL;
	if (*p == '.') {
		/* at most 15 digits in all: m and 10^frac are exact doubles,
		   and their quotient is rounded once, as strtod rounds */
		for (p++; *p >= '0' && *p <= '9'; p++)
			if (digits + ++frac > 15)
				return NULL;
			else
				m = m * 10 + (*p - '0');
		if (frac == 0)
			return NULL;
		v->type = CS_JF_REAL;
		v->d = (double)m / pow10[frac];
		if (neg)
			v->d = -v->d;
	} else {
		v->type = CS_JF_INT;
		v->i = neg ? -m : m;
	}
	if (*p == 'e' || *p == 'E')
		return NULL;
	return p;
}

int
cs_json_flat(char *buf, size_t len, const char *const *keys, int nkeys,
    struct cs_json_flat_val *vals)
{
	char *p;
	const char *end = buf + len;
	int next = 0;		/* where the key after the last one is */

	if (strlen(buf) != len)
		return -1;
	for (int k = 0; k < nkeys; k++)
		vals[k].type = CS_JF_ABSENT;
	p = (char *)skip_ws(buf);
	if (*p++ != '{')
		return -1;
	p = (char *)skip_ws(p);
	if (*p == '}')
		return -1;		/* {}: Jansson's, rare */
	for (;;) {
		const char *key, *e;
		struct cs_json_flat_val *v = NULL;

		if (*p != '"')
			return -1;
		/* a platform writes its keys in one order, with no escape:
		   the key after the last one found is tried first, as the
		   line has it */
		for (int j = 0; j < nkeys && v == NULL; j++) {
			int k = (next + j) % nkeys;
			const char *a = p + 1, *b = keys[k];

			while (*b != '\0' && *a == *b)
				a++, b++;
			if (*b == '\0' && *a == '"') {
				v = &vals[k];
				next = k + 1;
				p = (char *)a + 1;
			}
		}
		/* else as JSON reads it (an escape in a key) */
		if (v == NULL && (p = string_at(p, end, &key)) == NULL)
			return -1;
		for (int k = 0; k < nkeys && v == NULL; k++)
			if (strcmp(key, keys[k]) == 0)
				v = &vals[k];
		if (v == NULL || v->type != CS_JF_ABSENT)
			return -1;	/* unknown, or twice */
		p = (char *)skip_ws(p);
		if (*p++ != ':')
			return -1;
		p = (char *)skip_ws(p);
		if (*p == '"') {
			v->type = CS_JF_STRING;
			if ((p = string_at(p, end, &v->s)) == NULL)
				return -1;
		} else if (strncmp(p, "null", 4) == 0) {
			v->type = CS_JF_NULL;
			p += 4;
		} else if ((e = number_at(p, v)) != NULL) {
			p = (char *)e;
		} else {
			return -1;
		}
		p = (char *)skip_ws(p);
		if (*p == '}')
			break;
		if (*p++ != ',')
			return -1;
		p = (char *)skip_ws(p);
	}
	return *skip_ws(p + 1) == '\0' ? 0 : -1;
}
