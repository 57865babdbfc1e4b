#include <stdio.h>
#include <string.h>

#include "calls.h"
#include "purge.h"
#include "readers/freeswitch_tables.h"
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

/* Runs sql (count, first, last, legs, events of the rows before t). */
static int
count_before(struct cs_db *db, const char *sql, int64_t t, long c[3],
    int64_t *first, int64_t *last, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, t);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		c[0] = (long)sqlite3_column_int64(st, 0);
		c[1] = (long)sqlite3_column_int64(st, 3);
		c[2] = (long)sqlite3_column_int64(st, 4);
		if (c[0] > 0) {
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

/*
 * Every stored table a purge deletes from, by the instant its rows are
 * dated with: the PBX formats' legs and queue events, the calls, the
 * bot's events and sessions.  A reader's new table is a line here
 * (test_purge.c checks that every format's table is).  Of a table of
 * records, how many legs and queue events its rows hold: a row may hold a
 * leg and its queue's events (generic_csv_format.c's qexit: entering, and
 * an exit unless 1; freeswitch_format.c's CS_FS_FLAG_EVENTS: entering and
 * leaving).
 */
_Static_assert(CS_FS_FLAG_EVENTS == 2, "fs_cdr's events flag, as below");
enum { RECORDS, CALLS, BOT };
static const struct {
	const char *table, *time;
	int kind;
	const char *legs, *events;	/* RECORDS: SQL over its rows */
} purged[] = {
	{ "cdr", "start", RECORDS, "count(*)", "0" },
	{ "fs_cdr", "start", RECORDS, "count(*)",
	    "2 * total((flags & 2) <> 0)" },
	{ "generic_csv", "start", RECORDS, "total(kind = 0)",
	    "total(kind <> 0) + total(CASE WHEN qexit > 1 THEN 2 "
	    "WHEN qexit = 1 THEN 1 ELSE 0 END)" },
	{ "queue_log", "time", RECORDS, "0", "count(*)" },
	{ "fs_queue", "time", RECORDS, "0", "count(*)" },
	{ "calls", "start", CALLS, "0", "0" },
	/* the transcripts' text with them */
	{ "bot_event", "time", BOT, NULL, NULL },
	{ "bot_session", "start", BOT, NULL, NULL },
};
#define NPURGED ((int)(sizeof(purged) / sizeof(purged[0])))

int
cs_purge_covers(const char *table)
{
	for (int i = 0; i < NPURGED; i++)
		if (strcmp(purged[i].table, table) == 0)
			return 1;
	return 0;
}

int
cs_purge_count(struct cs_db *db, int64_t before, struct cs_purge_count *n,
    struct cs_error *err)
{
	memset(n, 0, sizeof(*n));
	n->before = before;
	if (cs_calls_purged_before(db, &n->already, err) != 0)
		return -1;
	for (int i = 0; i < NPURGED; i++) {
		char sql[512];
		long c[3] = { 0, 0, 0 };

		if (purged[i].kind == BOT)
			continue;
		snprintf(sql, sizeof(sql), "SELECT count(*), min(%s), max(%s), "
		    "%s, %s FROM %s WHERE %s < ?", purged[i].time,
		    purged[i].time, purged[i].legs, purged[i].events,
		    purged[i].table, purged[i].time);
		if (count_before(db, sql, before, c, &n->first, &n->last,
		    err) != 0)
			return -1;
		if (purged[i].kind == CALLS) {
			n->calls += c[0];
		} else {
			n->legs += c[1];
			n->events += c[2];
		}
	}
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
	for (int i = 0; i < NPURGED; i++) {
		char sql[96];

		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s < ?",
		    purged[i].table, purged[i].time);
		if (delete_before(db, sql, before, err) != 0)
			goto fail;
	}
	if (cs_db_meta_set(db, CS_META_PURGED_BEFORE, v, err) != 0)
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
