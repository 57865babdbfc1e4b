/*
 * format.c: format names, format detection, and the byte-level helpers
 * every reader shares (binary data, UTF-8 with a Latin-1 fallback).
 */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../timeutil.h"
#include "readers.h"

static const struct {
	enum cs_format	 format;
	const char	*name;
} formats[] = {
	{ CS_FORMAT_ASTERISK_CDR, "asterisk-cdr" },
	{ CS_FORMAT_ASTERISK_QUEUE_LOG, "asterisk-queue-log" },
};

#define NFORMATS (sizeof(formats) / sizeof(formats[0]))

const char *
cs_format_name(enum cs_format f)
{
	for (size_t i = 0; i < NFORMATS; i++)
		if (formats[i].format == f)
			return formats[i].name;
	return NULL;
}

enum cs_format
cs_format_from_name(const char *name)
{
	if (name == NULL)
		return CS_FORMAT_UNKNOWN;
	for (size_t i = 0; i < NFORMATS; i++)
		if (strcmp(formats[i].name, name) == 0)
			return formats[i].format;
	return CS_FORMAT_UNKNOWN;
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

size_t
cs_readers_find_binary(const char *s, size_t len, int *ascii)
{
	const unsigned char *u = (const unsigned char *)s;
	uint64_t x, high = 0;
	size_t i = 0;

	for (;;) {
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

/* Length of the valid UTF-8 sequence at u (n bytes left), or 0. */
static size_t
utf8_seq(const unsigned char *u, size_t n)
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
		if ((k = utf8_seq(u + i, n - i)) > 0) {
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

static int
is_blank(int c)
{
	return c == ' ' || c == '\t';
}

/* s..e is exactly the text t. */
static int
is_text(const char *s, const char *e, const char *t)
{
	size_t n = strlen(t);

	return (size_t)(e - s) == n && memcmp(s, t, n) == 0;
}

int
cs_readers_qlog_noise(const char *s, size_t len)
{
	const char *e = s + len;
	size_t n;
	int dash = 0;

	while (s < e && is_blank((unsigned char)*s))
		s++;
	while (e > s && is_blank((unsigned char)e[-1]))
		e--;
	n = (size_t)(e - s);
	if (n == 0 || *s == '#')
		return CS_QLOG_NOISE_COMMENT;
	/* psql: the column header of the table. */
	if (n > 4 && memcmp(s, "time", 4) == 0) {
		const char *p = s + 4;

		while (p < e && is_blank((unsigned char)*p))
			p++;
		if (p < e && *p == '|')
			return CS_QLOG_NOISE_HEADER;
	}
	/* psql: the "-----+-----" rule under the header. */
	for (const char *p = s; p < e; p++) {
		if (*p == '-')
			dash = 1;
		else if (*p != '+' && !is_blank((unsigned char)*p)) {
			dash = -1;
			break;
		}
	}
	if (dash == 1)
		return CS_QLOG_NOISE_RULE;
	/* psql: the "(12 rows)" footer. */
	if (s[0] == '(') {
		const char *p = s + 1;

		while (p < e && *p >= '0' && *p <= '9')
			p++;
		if (p > s + 1 && (is_text(p, e, " row)") ||
		    is_text(p, e, " rows)")))
			return CS_QLOG_NOISE_RULE;
	}
	return 0;
}

/* s..e (trimmed) starts with epoch seconds or a datetime, then '|'. */
static int
looks_qlog(const char *s, const char *e)
{
	const char *bar, *t;
	struct cs_datetime dt;

	if ((bar = memchr(s, '|', (size_t)(e - s))) == NULL)
		return 0;
	t = bar;
	while (t > s && is_blank((unsigned char)t[-1]))
		t--;
	if (t == s)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		const char *p = s;

		while (p < t && *p >= '0' && *p <= '9')
			p++;
		if (p == t)
			return 1;
	}
	return cs_datetime_parse(s, (size_t)(t - s), &dt) == 0;
}

struct detect_count {
	int	 nf;
	int	 start_ok;
};

static void
detect_field(void *s, size_t len, void *data)
{
	struct detect_count *c = data;
	struct cs_datetime dt;

	if (c->nf == CS_CDR_START && s != NULL)
		c->start_ok = cs_datetime_parse(s, len, &dt) == 0;
	c->nf++;
}

static int
no_term(unsigned char c)
{
	return 0;
}

/* s..e is a CSV record of 16 to 21 fields that looks like a CDR. */
static int
looks_cdr(const char *s, const char *e)
{
	struct csv_parser p;
	struct detect_count c = { 0, 0 };
	size_t n = (size_t)(e - s);
	int ok;

	/* Not CSV_STRICT_FINI: a cut or damaged last field is still a CDR,
	 * that the reader will reject with a message. */
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return 0;
	csv_set_term_func(&p, no_term);
	ok = csv_parse(&p, s, n, detect_field, NULL, &c) == n &&
	    csv_fini(&p, detect_field, NULL, &c) == 0;
	csv_free(&p);
	return ok && c.nf >= 16 && c.nf <= 21 && (c.start_ok || s[0] == '"');
}

/* How many lines that are no format may open a file of a known one. */
#define DETECT_LINES 8

enum cs_format
cs_format_detect(const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len;
	int noise, table = 0, tried = 0;

	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *e = nl != NULL ? nl : end;

		p = nl != NULL ? nl + 1 : end;
		if (e > s && e[-1] == '\r')
			e--;
		while (s < e && is_blank((unsigned char)*s))
			s++;
		while (e > s && is_blank((unsigned char)e[-1]))
			e--;
		if (s == e)
			continue;
		/*
		 * A dump of the realtime queue_log table starts with comments,
		 * a header and a rule: look past them.  No other format here
		 * has such lines.
		 */
		if ((noise = cs_readers_qlog_noise(s, (size_t)(e - s))) != 0) {
			if (noise == CS_QLOG_NOISE_HEADER)
				table = 1;
			continue;
		}
		if (looks_qlog(s, e))
			return CS_FORMAT_ASTERISK_QUEUE_LOG;
		if (looks_cdr(s, e))
			return CS_FORMAT_ASTERISK_CDR;
		/* a damaged first line (a crash, a copy cut short) costs that
		   line only: the next ones decide */
		if (++tried == DETECT_LINES)
			return CS_FORMAT_UNKNOWN;
	}
	return table ? CS_FORMAT_ASTERISK_QUEUE_LOG : CS_FORMAT_UNKNOWN;
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
