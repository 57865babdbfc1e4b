/*
 * chartdata_heat.c: a heatmap's model (chartdata.h): calls binned by
 * weekday and local hour of their start, from callstat-calls' CSV or one
 * at a time from the database, then a row per weekday, a column per hour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chartdata.h"
#include "chartdata_int.h"

int
cs_chartdata_heat_add(struct cs_chartdata_heat *g, const char *start,
    const char *outcome, int lost)
{
	int y, mo, d, hh, mi, k = 0;
	long days;

	if (sscanf(start, "%4d-%2d-%2d %2d:%2d%n", &y, &mo, &d, &hh, &mi,
	    &k) != 5 || k != 16 || (start[16] && start[16] != ':') ||
	    mo < 1 || mo > 12 || d < 1 || d > cs_chartdata_mdays(y, mo) ||
	    hh < 0 || hh > 23 || mi < 0 || mi > 59)
		return -1;
	days = cs_chartdata_days(y, mo, d);
	/* 1970-01-01 was a Thursday (3, from Monday 0) */
	return cs_chartdata_heat_count(g, y, mo, d, (int)(((days + 3) % 7 + 7) % 7),
	    hh, outcome, lost);
}

int
cs_chartdata_heat_count(struct cs_chartdata_heat *g, int y, int mo, int d,
    int wday, int hour, const char *outcome, int lost)
{
	char day[16];

	if (lost ? strcmp(outcome, "abandoned") && strcmp(outcome, "missed") :
	    !strcmp(outcome, "short"))
		return 0;
	g->count[wday][hour] += 1;
	g->calls++;
	/* the first and last days, kept as numbers while counting */
	if (g->calls == 1 || y * 10000 + mo * 100 + d < g->first_day) {
		g->first_day = y * 10000 + mo * 100 + d;
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y % 10000, mo % 100,
		    d % 100);
		memcpy(g->first, day, sizeof(day));
	}
	if (y * 10000 + mo * 100 + d > g->last_day) {
		g->last_day = y * 10000 + mo * 100 + d;
		snprintf(day, sizeof(day), "%04d-%02d-%02d", y % 10000, mo % 100,
		    d % 100);
		memcpy(g->last, day, sizeof(day));
	}
	return 1;
}

int
cs_chartdata_heat_model(struct cs_chart *c, const struct cs_chartdata_heat *g,
    const struct cs_lang *L, struct cs_error *err)
{
	int h0 = 24, h1 = -1;
	char buf[64];

	for (int w = 0; w < 7; w++)
		for (int h = 0; h < 24; h++)
			if (g->count[w][h] > 0) {
				if (h < h0) h0 = h;
				if (h > h1) h1 = h;
			}
	if (h1 < 0)
		h0 = h1 = 0;	/* no call: one empty column, "No data" */
	if (!(c->periods = calloc((size_t)(h1 - h0 + 1), sizeof(*c->periods))))
		return cs_error_set(err, "out of memory");
	for (int h = h0; h <= h1; h++) {
		snprintf(buf, sizeof(buf), "%d", h);
		if (!(c->periods[c->nperiods] = cs_strdup(buf)))
			return cs_error_set(err, "out of memory");
		c->nperiods++;
	}
	for (int w = 0; w < 7; w++) {
		cs_lang_weekday(L, w, buf, sizeof(buf));
		if (cs_chartdata_series_add(c, buf) < 0)
			return cs_error_set(err, "out of memory");
		for (int h = h0; h <= h1; h++)
			if (g->count[w][h] > 0) {
				c->series[w].v[h - h0] = g->count[w][h];
				c->series[w].n[h - h0] = g->count[w][h];
				c->series[w].has[h - h0] = 1;
			}
	}
	return 0;
}

int
cs_chartdata_heat_read(struct cs_chart *c, struct cs_chartdata_opts *o,
    const struct cs_chartdata_table *t, const struct cs_lang *L,
    struct cs_error *err)
{
	const struct cs_chartdata_row *h = &t->r[0];
	int kst = cs_chartdata_col(h, "start");
	int kout = cs_chartdata_col(h, "outcome");
	int ks = cs_chartdata_col(h, "service");
	struct cs_chartdata_heat *g;
	int rc = -1;

	if (kst < 0 || kout < 0)
		return cs_error_set(err, "line 1: no column %s: make the CSV with "
		    "callstat-calls --csv", kst < 0 ? "start" : "outcome");
	if (o->service && ks < 0)
		return cs_error_set(err, "line 1: no column service to choose %s "
		    "in", o->service);
	if (!(g = calloc(1, sizeof(*g))))
		return cs_error_set(err, "out of memory");
	for (int i = 1; i < t->n; i++) {
		const struct cs_chartdata_row *r = &t->r[i];
		int kept = cs_chartdata_row_kept(h, r, ks, o->service, err);
		if (kept < 0)
			goto out;
		if (!kept)
			continue;
		if (cs_chartdata_heat_add(g, r->f[kst], r->f[kout], o->lost) < 0) {
			cs_error_set(err, "line %ld: column start: '%.40s' is not "
			    "a time YYYY-MM-DD HH:MM:SS", r->line, r->f[kst]);
			goto out;
		}
	}
	snprintf(o->first, sizeof(o->first), "%s", g->first);
	snprintf(o->last, sizeof(o->last), "%s", g->last);
	rc = cs_chartdata_heat_model(c, g, L, err);
out:
	free(g);
	return rc;
}
