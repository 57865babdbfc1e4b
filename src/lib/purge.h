/*
 * purge.h: deleting the records older than the retention (callstat-purge).
 *
 * A town may keep the records that identify a caller only for a limited
 * time (callstat.conf(5), retention_months).  A purge deletes, in one
 * transaction, the legs (cdr, fs_cdr, generic_csv), queue events (queue_log,
 * fs_queue), calls and the bot's events and sessions that
 * start before a local midnight, and keeps the per-day totals (daily) and
 * wait histograms (wait_hist) that every figure is read from: the figures
 * of every purged day stay exactly what they were.  The instant is
 * recorded (calls.h, CS_META_PURGED_BEFORE) so that no later rebuild
 * recomputes, and wipes, the totals of purged days from the records left,
 * and so that an import skips the lines dated before it.
 *
 * The derived tables are brought up to date first, in the same
 * transaction: the totals kept are those of the configuration in force.
 * From then on, the figures of the purged days no longer follow changes
 * of the configuration.
 */
#ifndef CS_PURGE_H
#define CS_PURGE_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"

/* What a purge deletes, or would. */
struct cs_purge_count {
	int64_t before;		/* the purge's instant (a local midnight) */
	int64_t already;	/* the previous purge's, or CS_TIME_MIN */
	long legs, events, calls;
	int64_t first, last;	/* the earliest and latest instant of the
				   records and calls that go (0 when none) */
};

/*
 * The local day (YYYY-MM-DD) months months before the local day
 * year-mon-mday: the same day of the month, or that month's last day when
 * it has fewer days (31 March, one month back, is 28 or 29 February).
 * months from 0 to 1200; the year stays within 1 to 9999 for the
 * configuration's range.
 */
void cs_purge_retention_day(int year, int mon, int mday, int months,
    char out[11]);

/*
 * Counts what a purge before `before` would delete, without changing
 * anything: the records and calls before it, and the previous purge.
 */
int cs_purge_count(struct cs_db *db, int64_t before, struct cs_purge_count *n,
    struct cs_error *err);

/*
 * Purges before `before` in one transaction of its own (see above) and
 * fills n with what went.  Nothing is deleted when before is not later
 * than a previous purge (n->already says which).  On failure nothing has
 * changed.
 */
int cs_purge_run(struct cs_db *db, const struct cs_config *cfg, int64_t before,
    struct cs_purge_count *n, struct cs_error *err);

/* Whether a purge deletes from the stored table named table. */
int cs_purge_covers(const char *table);

/*
 * Gives the space of deleted rows back to the file system: VACUUM, then a
 * checkpoint that empties the write-ahead log.  Outside any transaction;
 * needs the database to itself and free space of about its size.
 */
int cs_purge_vacuum(struct cs_db *db, struct cs_error *err);

#endif
