/*
 * gaps.h: the days of a period on which calls were expected and the
 * database holds no call at all.  The report's Data quality chapter words
 * them (report/outage.h); callstat-check(1) reports those between busy
 * days (check_quality.c).
 *
 * A day is expected when at least one service of the configuration is
 * open on it (its hours name that weekday, or it has no hours), it is no
 * public holiday of the configuration's calendar and no closed day, and it
 * ended before today.  It has records when the daily sums (db.h) hold a
 * row of that day, of any service, in or out of hours.  One query of the
 * distinct days of the period: no table of records is read.
 */
#ifndef CS_GAPS_H
#define CS_GAPS_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"

/* A run of consecutive expected days without records: a day with
 * records, or a day not expected, ends it. */
struct cs_gap {
	int64_t first, last;	/* the midnights of its first and last days */
	long ndays;		/* its expected days */
};

/*
 * Calls fn with each run of expected days without records of the local
 * days starting at the midnights t0 (inclusive) to t1 (exclusive), in
 * order; days from today (a local midnight) on are not expected yet.  *any
 * (may be NULL) is 1 when the daily sums hold a day of the period.  fn
 * returns non-zero when out of memory: that stops it.  Returns 0, or -1
 * with err.
 */
int cs_gaps_find(struct cs_db *db, const struct cs_config *cfg, int64_t t0,
    int64_t t1, int64_t today, int *any,
    int (*fn)(void *arg, const struct cs_gap *g), void *arg,
    struct cs_error *err);

#endif
