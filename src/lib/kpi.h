/*
 * kpi.h: the figures of callstat-kpi(7), per service and/or period.
 *
 * Every figure is read from the daily totals and wait histograms that the
 * rebuild keeps (the tables daily and wait_hist, db.h): sums for counts,
 * means and rates, the merged histogram for percentiles, so any period
 * costs a few thousand rows.  Nothing here keeps state between calls:
 * threads may compute figures at once, each on its own struct cs_db.
 */
#ifndef CS_KPI_H
#define CS_KPI_H

#include <stddef.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "output.h"
#include "timeutil.h"

enum cs_kpi_fig {
	CS_KPI_OFFERED, CS_KPI_ANSWERED, CS_KPI_ANSWER_RATE, CS_KPI_NEEDED_AGENT,
	CS_KPI_AGENT_ANSWER_RATE, CS_KPI_AGENT, CS_KPI_BOT, CS_KPI_ABANDONED,
	CS_KPI_ABANDON_RATE, CS_KPI_MISSED, CS_KPI_VOICEMAIL, CS_KPI_SHORT,
	CS_KPI_ASA, CS_KPI_WAIT_P50, CS_KPI_WAIT_P90, CS_KPI_HUMAN_WAIT_P90,
	CS_KPI_SERVICE_LEVEL, CS_KPI_SERVICE_LEVEL_ANSWERED, CS_KPI_ABANDON_WAIT,
	CS_KPI_TALK, CS_KPI_BOT_SESSIONS, CS_KPI_ESCALATED,
	CS_KPI_ESCALATION_RATE, CS_KPI_CONTAINMENT_RATE, CS_KPI_CONTAINMENT_24H,
	CS_KPI_ESCALATION_ANSWER_RATE, CS_KPI_REPEAT_24H, CS_KPI_LOST,
	CS_KPI_CALLBACK_2H, CS_KPI_CALLBACK_24H,
	CS_KPI_NFIGS
};

/* The figure's name (callstat-kpi(7)'s, also the CSV column), kind, and
 * definition:
 * callstat-kpi(7)'s in one line, for --list-figures.  Static strings. */
const char *cs_kpi_name(enum cs_kpi_fig f);
enum cs_col_kind cs_kpi_kind(enum cs_kpi_fig f);
const char *cs_kpi_definition(enum cs_kpi_fig f);

enum cs_kpi_hours { CS_KPI_IN_HOURS, CS_KPI_OUT_OF_HOURS, CS_KPI_ALL_HOURS };

struct cs_kpi_query {
	int by_intent;			/* kpi_intent.h's figures instead */
	int by_service;
	int by_period;			/* 0: the whole range is one period */
	enum cs_period period;
	const char *from, *to;		/* local days YYYY-MM-DD, inclusive;
					   NULL: unbounded */
	const char *service;		/* NULL: every service */
	enum cs_kpi_hours hours;
	unsigned months;		/* bit m set: only the days of calendar
					   month m (1-12); 0: every month */
};

struct cs_kpi_row {
	char service[64];		/* "" when not grouped by service */
	char period[16];		/* "" when not grouped by period */
	char first[11], last[11];	/* its first and last day (local
					   YYYY-MM-DD) */
	double v[CS_KPI_NFIGS];
	int has[CS_KPI_NFIGS];		/* 0: empty (no denominator, or a
					   phone system of its days cannot
					   carry it: lacks.h) */
	/* a ratio's (rate's or mean's) two sums, v = num / den, set even when
	   den is 0; both 0 for the other figures (callstat-compare's x, n) */
	double num[CS_KPI_NFIGS], den[CS_KPI_NFIGS];
};

/*
 * Computes the figures; *rows (freed by the caller with free()) gets one
 * row per group holding at least one counted or short call, ordered by
 * service as cfg lists them ("other" last), then by period.  Reentrant:
 * cfg is only read, and db is used by this call alone until it returns.
 */
int cs_kpi_compute(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_kpi_query *q, struct cs_kpi_row **rows, size_t *nrows,
    struct cs_error *err);

/* The nearest-rank percentile p (0-100) of a histogram: counts[i] values
 * equal to secs[i], secs ascending, total values in all; secs NULL means
 * secs[i] is i (a dense histogram). */
double cs_kpi_percentile(const long *secs, const long *counts, size_t n,
    long total, int p);

#endif
