/*
 * chartdata_period.c: the periods of a chart's model (chartdata_int.h,
 * chartdata.h): sorted, with the days, months or years missing between
 * them added as gaps; found again; a day placed among them (the go-live)
 * and the span said in words; and a series made over them.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartdata.h"
#include "chartdata_int.h"

static int
cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

enum pkind { P_OTHER, P_DAY, P_MONTH, P_YEAR };

static enum pkind
pkind(const char *p, int *y, int *m, int *d)
{
	int k = 0;
	size_t len = strlen(p);

	*m = *d = 1;
	if (len == 10 && sscanf(p, "%4d-%2d-%2d%n", y, m, d, &k) == 3 && k == 10 &&
	    *m >= 1 && *m <= 12 && *d >= 1 && *d <= 31)
		return P_DAY;
	if (len == 7 && sscanf(p, "%4d-%2d%n", y, m, &k) == 2 && k == 7 &&
	    *m >= 1 && *m <= 12)
		return P_MONTH;
	if (len == 4 && sscanf(p, "%4d%n", y, &k) == 1 && k == 4)
		return P_YEAR;
	return P_OTHER;
}

int
cs_chartdata_mdays(int y, int m)
{
	static const int d[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	if (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0))
		return 29;
	return d[m - 1];
}

/* The period after p, of the same kind, into buf. */
static void
next_period(enum pkind k, int *y, int *m, int *d, char *buf, size_t size)
{
	if (k == P_YEAR) {
		(*y)++;
		snprintf(buf, size, "%04d", *y);
		return;
	}
	if (k == P_DAY && ++*d <= cs_chartdata_mdays(*y, *m)) {
		snprintf(buf, size, "%04d-%02d-%02d", *y, *m, *d);
		return;
	}
	*d = 1;
	if (++*m > 12) {
		*m = 1;
		(*y)++;
	}
	if (k == P_DAY)
		snprintf(buf, size, "%04d-%02d-%02d", *y, *m, *d);
	else
		snprintf(buf, size, "%04d-%02d", *y, *m);
}

#define MAX_PERIODS 5000

int
cs_chartdata_periods(struct cs_chart *c, char **ps, int n, struct cs_error *err)
{
	enum pkind k0 = P_OTHER;
	int distinct = 0, y, m, d;

	qsort(ps, (size_t)n, sizeof(*ps), cmp_str);
	for (int i = 0; i < n; i++)
		if (i == 0 || strcmp(ps[i], ps[i - 1]))
			ps[distinct++] = ps[i];
	for (int i = 0; i < distinct; i++) {
		enum pkind k = pkind(ps[i], &y, &m, &d);
		if (i == 0)
			k0 = k;
		else if (k != k0)
			k0 = P_OTHER;
	}
	c->periods = calloc(MAX_PERIODS, sizeof(*c->periods));
	if (!c->periods)
		return cs_error_set(err, "out of memory");
	c->nperiods = 0;
	if (distinct == 0)
		return 0;
	if (k0 == P_OTHER) {
		if (distinct > MAX_PERIODS)
			return cs_error_set(err, "more than %d periods: choose "
			    "longer periods or fewer", MAX_PERIODS);
		for (int i = 0; i < distinct; i++)
			if (!(c->periods[c->nperiods++] = cs_strdup(ps[i])))
				return cs_error_set(err, "out of memory");
		return 0;
	}
	pkind(ps[0], &y, &m, &d);
	char cur[48];
	snprintf(cur, sizeof(cur), "%s", ps[0]);
	for (;;) {
		if (c->nperiods == MAX_PERIODS)
			return cs_error_set(err, "more than %d periods from %s to "
			    "%s: choose longer periods or fewer", MAX_PERIODS,
			    ps[0], ps[distinct - 1]);
		if (!(c->periods[c->nperiods++] = cs_strdup(cur)))
			return cs_error_set(err, "out of memory");
		if (strcmp(cur, ps[distinct - 1]) >= 0)
			break;
		next_period(k0, &y, &m, &d, cur, sizeof(cur));
	}
	return 0;
}

int
cs_chartdata_period_index(const struct cs_chart *c, const char *p)
{
	int lo = 0, hi = c->nperiods - 1;

	while (lo <= hi) {
		int mid = (lo + hi) / 2, r = strcmp(c->periods[mid], p);
		if (r == 0)
			return mid;
		if (r < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return -1;
}

/* Howard Hinnant's algorithm. */
long
cs_chartdata_days(int y, int m, int d)
{
	y -= m <= 2;
	long era = (y >= 0 ? y : y - 399) / 400;
	long yoe = y - era * 400;
	long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
cs_chartdata_series_add(struct cs_chart *c, const char *name)
{
	struct cs_chart_series *s = realloc(c->series,
	    (size_t)(c->nseries + 1) * sizeof(*s));
	size_t np = (size_t)(c->nperiods ? c->nperiods : 1);

	if (!s)
		return -1;
	c->series = s;
	s = &c->series[c->nseries];
	memset(s, 0, sizeof(*s));
	s->name = cs_strdup(name);
	s->v = calloc(np, sizeof(*s->v));
	s->n = calloc(np, sizeof(*s->n));
	s->has = calloc(np, 1);
	c->nseries++;
	if (!s->name || !s->v || !s->n || !s->has)
		return -1;
	for (int i = 0; i < c->nperiods; i++)
		s->n[i] = NAN;
	return 0;
}

double
cs_chartdata_position(const struct cs_chart *c, const char *day)
{
	int y, m, d, py, pm, pd;

	if (!day || pkind(day, &y, &m, &d) != P_DAY || c->nperiods == 0)
		return NAN;
	for (int i = 0; i < c->nperiods; i++) {
		enum pkind k = pkind(c->periods[i], &py, &pm, &pd);
		if (k == P_DAY && py == y && pm == m && pd == d)
			return i;
		if (k == P_MONTH && py == y && pm == m)
			return i + (double)(d - 1) / cs_chartdata_mdays(y, m);
		if (k == P_YEAR && py == y)
			return i + (double)(cs_chartdata_days(y, m, d) -
			    cs_chartdata_days(y, 1, 1)) /
			    (double)(cs_chartdata_days(y + 1, 1, 1) -
			    cs_chartdata_days(y, 1, 1));
		if (k == P_OTHER)
			return NAN;
	}
	return NAN;
}

void
cs_chartdata_span(const struct cs_chart *c, const struct cs_lang *L,
    char *buf, size_t size)
{
	char a[64], b[64];

	if (c->nperiods == 0) {
		snprintf(buf, size, "%s", "");
		return;
	}
	cs_lang_period(L, c->periods[0], a, sizeof(a));
	cs_lang_period(L, c->periods[c->nperiods - 1], b, sizeof(b));
	if (c->nperiods == 1)
		snprintf(buf, size, "%s", a);
	else
		snprintf(buf, size, "%s \xe2\x80\x93 %s", a, b);
}
