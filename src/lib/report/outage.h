/*
 * report/outage.h: the days of a period on which calls were expected and
 * the database holds no call at all: a logging outage, for the report's
 * Data quality chapter (report/quality.c).
 *
 * Which days are expected, and which have records, is gaps.h's: this
 * file puts its runs of days in the reader's words.
 */
#ifndef CS_REPORT_OUTAGE_H
#define CS_REPORT_OUTAGE_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "lang.h"

/* At most this many ranges of days are written; the others are counted. */
#define CS_OUTAGE_MAX_RANGES 20

struct cs_outage {
	int any;		/* the daily sums hold a day of the period */
	long ndays;		/* expected days without records */
	char *ranges;		/* those days as ranges in the reader's words,
				   "4–5 June 2025, 12 June 2025"; NULL when
				   none; owned, cs_outage_release frees it */
	long more;		/* ranges beyond CS_OUTAGE_MAX_RANGES */
};

/*
 * Finds the outage days of the local days starting at the midnights
 * t0 (inclusive) to t1 (exclusive); days from today (a local midnight)
 * on are not expected yet.  Returns 0, or -1 with err (o then holds
 * nothing to free).
 */
int cs_outage_find(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_lang *L, int64_t t0, int64_t t1, int64_t today,
    struct cs_outage *o, struct cs_error *err);

void cs_outage_release(struct cs_outage *o);

#endif
