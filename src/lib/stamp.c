/*
 * stamp.c: the last hour of stamps remembered (stamp.h).
 */
#include <string.h>

#include "stamp.h"

/* Two digits at s, or -1. */
static int
two(const char *s)
{
	unsigned a = (unsigned char)s[0] - '0', b = (unsigned char)s[1] - '0';

	return a < 10 && b < 10 ? (int)(a * 10 + b) : -1;
}

int
cs_stamp_get(const struct cs_stamp_memo *m, const char *s, size_t len,
    int64_t out[2])
{
	int min, sec, off;

	if (!m->have || len != 19 || memcmp(s, m->hour, 13) != 0 ||
	    s[13] != ':' || s[16] != ':' || (min = two(s + 14)) < 0 ||
	    min > 59 || (sec = two(s + 17)) < 0 || sec > 59)
		return -1;
	off = min * 60 + sec;
	out[0] = m->at[0] + off;
	out[1] = m->at[1] + off;
	return m->n;
}

/* The instants of dt's hour at min:sec, into at; their count. */
static int
instants(const struct cs_datetime *dt, int min, int sec, int utc,
    int64_t at[2])
{
	struct cs_datetime x = *dt;

	x.min = min;
	x.sec = sec;
	at[1] = 0;
	if (utc) {
		at[0] = cs_utc_from_datetime(&x);
		return 1;
	}
	return cs_local_to_utc(&x, at);
}

void
cs_stamp_put(struct cs_stamp_memo *m, const char *s, size_t len,
    const struct cs_datetime *dt, int utc)
{
	int64_t first[2], last[2];
	int n;

	m->have = 0;
	if (len < 13)
		return;
	n = instants(dt, 0, 0, utc, first);
	/* the same count at both ends, each instant 3599 s later: no change
	   of offset inside the hour (zones change at most once in one) */
	if (instants(dt, 59, 59, utc, last) != n || last[0] - first[0] != 3599 ||
	    (n == 2 && last[1] - first[1] != 3599))
		return;
	memcpy(m->hour, s, 13);
	m->n = n;
	m->at[0] = first[0];
	m->at[1] = n == 2 ? first[1] : first[0];
	m->have = 1;
}

int
cs_stamp_place(struct cs_stamp_memo *m, const char *s, size_t len,
    const struct cs_datetime *dt, int utc, int64_t at[2])
{
	int n = instants(dt, dt->min, dt->sec, utc, at);

	if (len == 19)
		cs_stamp_put(m, s, len, dt, utc);
	return n;
}

static int64_t
dist(int64_t a, int64_t b)
{
	return a > b ? a - b : b - a;
}

int64_t
cs_stamp_instant(int n, const int64_t at[2], const int64_t *hint,
    int *ambiguous)
{
	if (n != 2)
		return at[0];
	if (hint == NULL) {
		*ambiguous = 1;
		return at[0];
	}
	return dist(at[1], *hint) < dist(at[0], *hint) ? at[1] : at[0];
}
