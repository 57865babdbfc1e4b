/*
 * util.c: fast local time for millions of timestamps, and the ordered
 * output buffer of the writers, and opening their files.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"
#include "timeutil.h"

/*
 * Every time zone in use changes its offset on a quarter hour of UTC, so
 * one libc conversion per quarter hour is enough; the writers mostly ask
 * about the same few minutes over and over.
 */
long
cs_synth_offset(int64_t t)
{
	static int64_t bucket = INT64_MIN;
	static long off;
	int64_t b = t >= 0 ? t / 900 : (t - 899) / 900;

	if (b != bucket) {
		struct cs_datetime dt;
		struct cs_datetime u;
		int64_t base = b * 900;

		cs_utc_to_local(base, &dt, NULL);
		u = dt;
		off = (long)(cs_utc_from_datetime(&u) - base);
		bucket = b;
	}
	return off;
}

/* Hinnant's civil_from_days. */
static void
civil(int64_t days, int *y, int *m, int *d)
{
	int64_t z = days + 719468, era, doe, yoe, doy, mp;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static void
fields(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s, int *wday)
{
	int64_t days = t >= 0 ? t / 86400 : (t - 86399) / 86400;
	int64_t secs = t - days * 86400;

	civil(days, y, mo, d);
	*h = (int)(secs / 3600);
	*mi = (int)(secs / 60 % 60);
	*s = (int)(secs % 60);
	if (wday != NULL)
		*wday = (int)(((days + 3) % 7 + 7) % 7);
}

void
cs_synth_local(int64_t t, int *y, int *mo, int *d, int *h, int *mi, int *s,
    int *wday)
{
	fields(t + cs_synth_offset(t), y, mo, d, h, mi, s, wday);
}

static void
two(char *p, int v)
{
	p[0] = (char)('0' + v / 10);
	p[1] = (char)('0' + v % 10);
}

void
cs_synth_format_time(int64_t t, int utc, char out[20])
{
	int y, mo, d, h, mi, s;

	fields(utc ? t : t + cs_synth_offset(t), &y, &mo, &d, &h, &mi, &s, NULL);
	two(out, y / 100 % 100);
	two(out + 2, y % 100);
	out[4] = '-';
	two(out + 5, mo);
	out[7] = '-';
	two(out + 8, d);
	out[10] = ' ';
	two(out + 11, h);
	out[13] = ':';
	two(out + 14, mi);
	out[16] = ':';
	two(out + 17, s);
	out[19] = '\0';
}

/* ---- the heap ---- */

static int
before(const struct cs_synth_hitem *a, const struct cs_synth_hitem *b)
{
	return a->key < b->key || (a->key == b->key && a->seq < b->seq);
}

int
cs_synth_heap_push(struct cs_synth_heap *h, int64_t key, const char *text,
    size_t len)
{
	struct cs_synth_hitem it;
	size_t i;

	if (h->n == h->cap) {
		size_t cap = h->cap ? 2 * h->cap : 1024;
		struct cs_synth_hitem *v = realloc(h->v, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		h->v = v;
		h->cap = cap;
	}
	if ((it.text = malloc(len)) == NULL)
		return -1;
	memcpy(it.text, text, len);
	it.len = len;
	it.key = key;
	it.seq = h->seq++;
	for (i = h->n++; i > 0; ) {
		size_t p = (i - 1) / 2;

		if (!before(&it, &h->v[p]))
			break;
		h->v[i] = h->v[p];
		i = p;
	}
	h->v[i] = it;
	return 0;
}

static void
pop(struct cs_synth_heap *h)
{
	struct cs_synth_hitem last = h->v[--h->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= h->n)
			break;
		if (c + 1 < h->n && before(&h->v[c + 1], &h->v[c]))
			c++;
		if (!before(&h->v[c], &last))
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n > 0)
		h->v[i] = last;
}

int
cs_synth_heap_flush(struct cs_synth_heap *h, int64_t upto, FILE *fp,
    long long *bytes)
{
	int rc = 0;

	while (h->n > 0 && h->v[0].key < upto) {
		struct cs_synth_hitem *it = &h->v[0];

		if (fwrite(it->text, 1, it->len, fp) != it->len)
			rc = -1;
		if (bytes != NULL)
			*bytes += (long long)it->len;
		free(it->text);
		pop(h);
	}
	return rc;
}

void
cs_synth_heap_release(struct cs_synth_heap *h)
{
	for (size_t i = 0; i < h->n; i++)
		free(h->v[i].text);
	free(h->v);
	memset(h, 0, sizeof(*h));
}

FILE *
cs_synth_create(const char *dir, const char *name, char **path,
    struct cs_error *err)
{
	size_t n = strlen(dir) + strlen(name) + 2;
	FILE *fp;

	if ((*path = malloc(n)) == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	snprintf(*path, n, "%s/%s", dir, name);
	if ((fp = fopen(*path, "w")) == NULL) {
		cs_error_set(err, "%s: %s", *path, strerror(errno));
		free(*path);
		*path = NULL;
		return NULL;
	}
	setvbuf(fp, NULL, _IOFBF, 1 << 20);
	return fp;
}

int
cs_synth_finish(FILE *fp, struct cs_synth_heap *h, long long *bytes,
    long long *total, const char *path, struct cs_error *err)
{
	int rc = 0;

	if (err != NULL && cs_synth_heap_flush(h, INT64_MAX, fp, bytes) != 0)
		rc = -1;
	if ((ferror(fp) | fclose(fp)) != 0 && rc == 0)
		rc = -1;
	if (rc != 0 && err != NULL)
		cs_error_set(err, "%s: write error: %s", path, strerror(errno));
	if (total != NULL)
		*total += *bytes;
	cs_synth_heap_release(h);
	return rc;
}

int
cs_synth_out_open(struct cs_synth_out *o, const char *dir, const char *name,
    struct cs_error *err)
{
	memset(o, 0, sizeof(*o));
	if ((o->fp = cs_synth_create(dir, name, &o->path, err)) == NULL) {
		free(o->path);
		o->path = NULL;
		return -1;
	}
	return 0;
}

void
cs_synth_out_add(struct cs_synth_out *o, const char *s, size_t n)
{
	if (o->oom)
		return;
	if (o->len + n + 1 > o->cap) {
		size_t cap = o->cap ? o->cap : 4096;
		char *b;

		while (o->len + n + 1 > cap)
			cap *= 2;
		if ((b = realloc(o->buf, cap)) == NULL) {
			o->oom = 1;
			return;
		}
		o->buf = b;
		o->cap = cap;
	}
	memcpy(o->buf + o->len, s, n);
	o->len += n;
}

int
cs_synth_out_push(struct cs_synth_out *o, int64_t t)
{
	size_t len = o->len;

	o->len = 0;
	if (o->oom)
		return -1;
	return cs_synth_heap_push(&o->h, t, o->buf, len);
}

int
cs_synth_out_advance(struct cs_synth_out *o, int64_t now)
{
	return cs_synth_heap_flush(&o->h, now, o->fp, &o->bytes);
}

int
cs_synth_out_close(struct cs_synth_out *o, long long *total,
    struct cs_error *err)
{
	int rc = cs_synth_finish(o->fp, &o->h, &o->bytes, total, o->path, err);

	free(o->buf);
	free(o->path);
	o->buf = o->path = NULL;
	return rc;
}
