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
	char first[16], last[16];	/* out, funnel: the periods summed;
					   heatmap: the first and last day */
	int lost;		/* heatmap: the calls lost, not offered */
};

/*
 * A heatmap's counts: calls by weekday (0 Monday) and hour of their local
 * start.  Filled one call at a time, from callstat-calls' CSV or from the
 * database, so that both give the same grid.
 */
struct cs_chartdata_heat {
	double count[7][24];
	char first[16], last[16];	/* the days of the first and last call */
	long first_day, last_day;	/* the same as YYYYMMDD */
	long calls;			/* the calls counted */
};

/*
 * Counts one call that started at start ("YYYY-MM-DD HH:MM[:SS]", local
 * time) with outcome (callstat-calls' words) in g: every call but the
 * short ones when lost is 0 (the calls offered), only abandoned and
 * missed ones when lost is 1.  Returns 1 when counted, 0 when the outcome
 * leaves it out, -1 when start is no such time (g unchanged).
 */
int cs_chartdata_heat_add(struct cs_chartdata_heat *g, const char *start,
    const char *outcome, int lost);

/* The same for a call whose start is already a local date, its weekday
 * (0 Monday) and hour. */
int cs_chartdata_heat_count(struct cs_chartdata_heat *g, int y, int mo, int d,
    int wday, int hour, const char *outcome, int lost);

/*
 * Fills c's periods (the hours from the earliest to the latest that holds
 * a call, as "0" to "23") and its seven series (the weekdays, Monday
 * first, named in L's words; a value per hour, has 0 where no call).
 * Returns 0, or -1 with err.
 */
int cs_chartdata_heat_model(struct cs_chart *c,
    const struct cs_chartdata_heat *g, const struct cs_lang *L,
    struct cs_error *err);


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
 * - heatmap: callstat-calls' CSV (columns start and outcome), binned by
 *   cs_chartdata_heat_add (o->lost), the first and last day in o->first
 *   and o->last;
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
