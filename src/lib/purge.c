#include <stdio.h>
#include <string.h>

#include "calls.h"
#include "purge.h"
#include "timeutil.h"

void
cs_purge_retention_day(int year, int mon, int mday, int months, char out[11])
{
	int m = year * 12 + (mon - 1) - months;
	int y = m / 12, d;
	char tmp[32];

	mon = m % 12 + 1;
	d = cs_month_days(y, mon);
	if (mday > d)
		mday = d;
	snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, mon, mday);
	memcpy(out, tmp, 10);
	out[10] = '\0';
}

/* count(*), min and max of the first column of sql's rows before t. */
static int
count_before(struct cs_db *db, const char *sql, int64_t t, long *n,
    int64_t *first, int64_t *last, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*n = (long)sqlite3_column_int64(st, 0);
		if (*n > 0) {
			int64_t a = sqlite3_column_int64(st, 1);
			int64_t b = sqlite3_column_int64(st, 2);

			if (*first == 0 || a < *first)
				*first = a;
			if (*last == 0 || b > *last)
				*last = b;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot count the records", err);
	return 0;
}

int
cs_purge_count(struct cs_db *db, int64_t before, struct cs_purge_count *n,
    struct cs_error *err)
{
	long fs;

	memset(n, 0, sizeof(*n));
	n->before = before;
	if (cs_calls_purged_before(db, &n->already, err) != 0)
		return -1;
	if (count_before(db, "SELECT count(*), min(start), max(start) FROM cdr "
	    "WHERE start < ?", before, &n->legs, &n->first, &n->last, err) != 0 ||
	    count_before(db, "SELECT count(*), min(time), max(time) FROM "
	    "queue_log WHERE time < ?", before, &n->events, &n->first, &n->last,
	    err) != 0 ||
	    count_before(db, "SELECT count(*), min(start), max(start) FROM calls "
	    "WHERE start < ?", before, &n->calls, &n->first, &n->last, err) != 0)
		return -1;
	/* FreeSWITCH's legs, and its queue members' events */
	if (count_before(db, "SELECT count(*), min(start), max(start) FROM "
	    "fs_cdr WHERE start < ?", before, &fs, &n->first, &n->last,
	    err) != 0)
		return -1;
	n->legs += fs;
	if (count_before(db, "SELECT count(*), min(time), max(time) FROM "
	    "fs_queue WHERE time < ?", before, &fs, &n->first, &n->last,
	    err) != 0)
		return -1;
	n->events += fs;
	return 0;
}

static int
delete_before(struct cs_db *db, const char *sql, int64_t t,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot delete the records", err);
	return 0;
}

int
cs_purge_run(struct cs_db *db, const struct cs_config *cfg, int64_t before,
    struct cs_purge_count *n, struct cs_error *err)
{
	char v[32];

	if (cs_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* the totals kept are those of this configuration: rebuilt first
	   when they were made from another */
	if (cs_calls_update(db, cfg, 0, 0, NULL, err) != 0 ||
	    cs_purge_count(db, before, n, err) != 0)
		goto fail;
	if (before <= n->already) {
		/* purged already: what is left before it is no record of
		   the purged period (a call started there is gone too) */
		n->legs = n->events = n->calls = 0;
		n->first = n->last = 0;
		return cs_db_exec(db, "ROLLBACK", err);
	}
	snprintf(v, sizeof(v), "%lld", (long long)before);
	if (delete_before(db, "DELETE FROM cdr WHERE start < ?", before, err) != 0 ||
	    delete_before(db, "DELETE FROM fs_cdr WHERE start < ?", before,
	    err) != 0 ||
	    delete_before(db, "DELETE FROM fs_queue WHERE time < ?", before,
	    err) != 0 ||
	    delete_before(db, "DELETE FROM queue_log WHERE time < ?", before,
	    err) != 0 ||
	    delete_before(db, "DELETE FROM calls WHERE start < ?", before, err) != 0 ||
	    /* the bot's events and sessions, the transcripts' text with them */
	    delete_before(db, "DELETE FROM bot_event WHERE time < ?", before,
	    err) != 0 ||
	    delete_before(db, "DELETE FROM bot_session WHERE start < ?", before,
	    err) != 0 ||
	    cs_db_meta_set(db, CS_META_PURGED_BEFORE, v, err) != 0)
		goto fail;
	return cs_db_exec(db, "COMMIT", err);
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

int
cs_purge_vacuum(struct cs_db *db, struct cs_error *err)
{
	if (cs_db_exec(db, "VACUUM", err) != 0)
		return -1;
	/* in WAL mode the file shrinks when the log is copied back */
	return cs_db_exec(db, "PRAGMA wal_checkpoint(TRUNCATE)", err);
}
