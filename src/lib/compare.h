/*
 * compare.h: callstat-kpi(7)'s "Before and after": the figures of two
 * periods of the same database and configuration, per service and for
 * the town, with the intervals and tests of stats.h.
 *
 * Every value of either period is cs_kpi_compute's (the same code as
 * callstat-kpi); a rate's x and n are the two sums it divided.  The
 * bootstrap and the Mann-Whitney test read the periods' wait histograms
 * (the table wait_hist) merged per service: O(buckets), whatever the
 * number of calls.
 */
#ifndef CS_COMPARE_H
#define CS_COMPARE_H

#include <stddef.h>
#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "kpi.h"

struct cs_compare_query {
	/* local days YYYY-MM-DD, inclusive; all four NULL: the default split
	   at the configuration's [bot] go_live, the same number of days on
	   each side, as many as the data allows */
	const char *before_from, *before_to, *after_from, *after_to;
	int matched;			/* only the calendar months with data in
					   both periods */
	const char *service;		/* NULL: every service, and the town */
	enum cs_kpi_hours hours;
	int resamples;			/* the bootstrap's; 0: CS_STATS_RESAMPLES */
	uint64_t seed;
};

/* The periods compared, as cs_compare_run settled them. */
struct cs_compare_periods {
	char before_from[11], before_to[11], after_from[11], after_to[11];
	unsigned months;		/* with matched: bit m for month m kept */
};

/* The values of a row, in the order of callstat-compare(1)'s JSON fields
 * after figure and service.  CS_CMP_SEED, last so that the columns
 * before it keep their places, is the bootstrap's seed on the rows of
 * the waits it resamples (asa and the percentiles), empty on the others:
 * a double, exact because callstat-compare takes seeds up to 2^53. */
enum cs_compare_val {
	CS_CMP_BEFORE, CS_CMP_AFTER, CS_CMP_BEFORE_X, CS_CMP_BEFORE_N,
	CS_CMP_AFTER_X, CS_CMP_AFTER_N, CS_CMP_BEFORE_LOW, CS_CMP_BEFORE_HIGH,
	CS_CMP_AFTER_LOW, CS_CMP_AFTER_HIGH, CS_CMP_DIFF, CS_CMP_DIFF_LOW,
	CS_CMP_DIFF_HIGH, CS_CMP_P_VALUE, CS_CMP_SEED, CS_CMP_NVALS
};

/* The largest seed a comparison writes exactly (2^53: every whole number
 * up to it is a double). */
#define CS_COMPARE_SEED_MAX 9007199254740992ULL

/* The service name of the town's rows (every service together). */
#define CS_COMPARE_TOWN "town"

struct cs_compare_row {
	char service[64];		/* a service, or CS_COMPARE_TOWN */
	enum cs_kpi_fig fig;
	double v[CS_CMP_NVALS];
	int has[CS_CMP_NVALS];		/* 0: empty */
};

/* The name of value v ("before_x"), the JSON and CSV column. */
const char *cs_compare_val_name(enum cs_compare_val v);

/* The figures compared, in the order of the rows of each service: offered,
 * the rates and the waits first (tested: intervals and p-values), then
 * the other counts and the means abandon_wait and talk in the order of
 * callstat-kpi(7)'s table (the values and the difference only). */
extern const enum cs_kpi_fig cs_compare_figs[];
extern const size_t cs_compare_nfigs;

/* How many of cs_compare_figs come first: offered, the rates and the
 * waits, the figures with an interval and a test (and offered, their n),
 * for a reader that shows those only (a report's table). */
extern const size_t cs_compare_ntested;

/*
 * Compares the two periods of q.  *rows (freed by the caller with free())
 * gets, for each service with a call in either period (in the order
 * cs_kpi_compute gives them, those of the after period only last), then
 * for the town unless q->service is set, one row per figure of
 * cs_compare_figs.  Fails (err says why, and what to give) when there is
 * no go_live to split at, no data on both sides of it, or with matched no
 * calendar month in both periods, or no call in either period.
 */
int cs_compare_run(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_compare_query *q, struct cs_compare_periods *periods,
    struct cs_compare_row **rows, size_t *nrows, struct cs_error *err);

/* Day arithmetic on YYYY-MM-DD: out gets day + delta days.  Returns -1
 * when day is not a date. */
int cs_compare_day_add(const char *day, long delta, char out[11]);

#endif
