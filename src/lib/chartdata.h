/*
 * chartdata.h: a chart's model (draw/chart.h) from CSV with a header line,
 * as callstat-kpi --csv writes it (rates as fractions 0-1, seconds, counts;
 * an empty field: no value) or a spreadsheet with the same column names.
 * Knows the figures' columns; knows no file (the caller reads the bytes).
 */
#ifndef CS_CHARTDATA_H
#define CS_CHARTDATA_H

#include <stddef.h>

#include "draw/chart.h"
#include "error.h"
#include "lang.h"

/*
 * The column that is the n of rate figure (its denominator: "offered" for
 * answer_rate), or NULL when figure is no rate callstat-kpi prints.
 */
const char *cs_chartdata_rate_n(const char *figure);

/* The rate's title and what its n counts, in English words (msgids of
 * po/LANG.po), or NULL when figure is no rate. */
const char *cs_chartdata_rate_title(const char *figure);
const char *cs_chartdata_rate_nwords(const char *figure);

/* The rates cs_chartdata_rate_n knows, NULL-terminated. */
extern const char *const cs_chartdata_rates[];

struct cs_chartdata_opts {
	enum cs_chart_type type;
	const char *figure;	/* rate: the rate's column */
	const char *service;	/* only this service's rows, or NULL */
	char first[16], last[16];	/* out, funnel: the periods summed */
};

/*
 * Fills c's periods and series (c's other fields are left alone) from the
 * CSV text (len bytes):
 * - rate: a series per service (one, "All services", without a service
 *   column), the figure's values with their n from its denominator column;
 * - volume: the bars bot, agent, abandoned, missed, voicemail, summed over
 *   the services of a period;
 * - wait: wait_p50 and wait_p90 with answered as n, one service only;
 * - compare: callstat-compare's CSV, the rows of the figure: a category
 *   per service (town last), the series before and after with their n
 *   and 95 % intervals, a note under each name (n, "not significant"
 *   when p > 0.05);
 * - funnel: the stages offered, bot_sessions, bot, escalated, agent, lost
 *   summed over the rows (the first and last period in o->first and
 *   o->last).
 * Periods are sorted, and the months, days or years missing between the
 * first and the last are added as gaps.  Returns 0, or -1 with err naming
 * the line or the column (c then holds nothing).
 */
int cs_chartdata_read(struct cs_chart *c, struct cs_chartdata_opts *o,
    const char *text, size_t len, const struct cs_lang *L,
    struct cs_error *err);

/*
 * Where the day (YYYY-MM-DD) falls in c's periods, in periods from the
 * start of the first (the go-live marker's position), or NAN when the
 * periods are not days, months or years or the day is outside them.
 */
double cs_chartdata_position(const struct cs_chart *c, const char *day);

/* "first period - last period" in words, or "" without periods. */
void cs_chartdata_span(const struct cs_chart *c, const struct cs_lang *L,
    char *buf, size_t size);

#endif
