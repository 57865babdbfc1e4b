/*
 * test_purge.c: the purge suite.  The retention day (months back, cut to
 * the month's last day), the first midnight a rebuild may touch after a
 * purge, and a purge of a small database written by hand: what goes, what
 * stays (every day total), and that a full rebuild afterwards leaves the
 * frozen days alone.  Instants are worked out from the calendar: 1 March
 * 2024 00:00 in Paris (UTC+1) is 1709247600.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "config.h"
#include "db.h"
#include "purge.h"
#include "readers/format.h"
#include "tabledef.h"
#include "timeutil.h"
#include "unit.h"

#define P 1709247600	/* 2024-03-01 00:00 Europe/Paris */

static char tmpdir[256];

static int
suite_init(void)
{
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-purge-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	return cs_tz_use("Europe/Paris", &err);
}

static int
suite_clean(void)
{
	static const char *const files[] = { "p.db", "p.db-wal", "p.db-shm" };
	char p[512];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpdir, files[i]);
		unlink(p);
	}
	rmdir(tmpdir);
	return 0;
}

static void
expect_day(int y, int m, int d, int months, const char *want)
{
	char out[11];

	cs_purge_retention_day(y, m, d, months, out);
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  %04d-%02d-%02d - %d months: got %s, want %s\n",
		    y, m, d, months, out, want);
}

static void
test_retention_day(void)
{
	expect_day(2026, 12, 4, 13, "2025-11-04");
	expect_day(2025, 1, 15, 13, "2023-12-15");
	expect_day(2025, 1, 15, 1, "2024-12-15");
	expect_day(2025, 1, 15, 0, "2025-01-15");
	expect_day(2025, 12, 31, 12, "2024-12-31");
	/* a shorter month: its last day */
	expect_day(2026, 3, 31, 1, "2026-02-28");
	expect_day(2024, 3, 31, 1, "2024-02-29");
	expect_day(2025, 3, 29, 13, "2024-02-29");
	expect_day(2025, 3, 30, 13, "2024-02-29");
	expect_day(2024, 2, 29, 12, "2023-02-28");
	expect_day(2026, 7, 31, 13, "2025-06-30");
	/* the longest retention */
	expect_day(2026, 5, 31, 1200, "1926-05-31");
}

static void
test_frozen_before(void)
{
	CU_ASSERT_EQUAL(cs_calls_frozen_before(CS_TIME_MIN), CS_TIME_MIN);
	/* 2024-03-01 -> 2024-03-03 00:00 CET */
	CU_ASSERT_EQUAL(cs_calls_frozen_before(P), (int64_t)P + 2 * 86400);
	/* 2024-03-30 00:00 CET -> 2024-04-01 00:00 CEST, an hour less */
	CU_ASSERT_EQUAL(cs_calls_frozen_before(1711753200), (int64_t)1711922400);
}

static int
sql(struct cs_db *db, const char *s)
{
	struct cs_error err;
	int rc = cs_db_exec(db, s, &err);

	if (rc != 0)
		fprintf(stderr, "\n  %s: %s\n", s, err.msg);
	return rc;
}

static long
count(struct cs_db *db, const char *s)
{
	return cs_unit_count(db->h, s);
}

/* A day's totals row: offered = n, the rest 0. */
static int
daily(struct cs_db *db, const char *day, const char *week, int n)
{
	char s[512];

	snprintf(s, sizeof(s), "INSERT INTO daily VALUES('%s', '%s', 'a', 1, %d"
	    "%s)", day, week, n, ",0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0");
	return sql(db, s);
}

static void
test_purge_db(void)
{
	struct cs_db db;
	struct cs_config cfg;
	struct cs_error err;
	struct cs_purge_count n;
	char path[512], v[32];
	int64_t t;

	snprintf(path, sizeof(path), "%s/p.db", tmpdir);
	cs_config_init(&cfg);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_calls_mark_current(&db, &cfg, &err), 0);
	/* legs a day before, a second before and at the cut; events 10 s
	   either side; a call either side; totals of four days */
	CU_ASSERT_EQUAL_FATAL(sql(&db, "INSERT INTO cdr(start, rhash, source, "
	    "line, end, duration, billsec, caller) VALUES"
	    "(1709161200, 1, 1, 1, 1709161260, 60, 0, ''),"
	    "(1709247599, 2, 1, 2, 1709247659, 60, 0, ''),"
	    "(1709247600, 3, 1, 3, 1709247660, 60, 0, '');"
	    "INSERT INTO queue_log(time, rhash, source, line, callid, queue, "
	    "agent, event) VALUES"
	    "(1709247590, 4, 2, 1, 'x', 'a', 'NONE', 'ENTERQUEUE'),"
	    "(1709247610, 5, 2, 2, 'y', 'a', 'NONE', 'ENTERQUEUE');"
	    "INSERT INTO calls(start, id, end, day, week, direction, service, "
	    "in_hours, escalated, needed_agent, bot_answered, caller, legs, "
	    "flags) VALUES"
	    "(1709247500, 'c1', 1709247560, '2024-02-29', '2024-W09', "
	    "'inbound', 'a', 1, 0, 0, 0, '', 1, 0),"
	    "(1709247700, 'c2', 1709247760, '2024-03-01', '2024-W09', "
	    "'inbound', 'a', 1, 0, 0, 0, '', 1, 0);"
	    "INSERT INTO wait_hist VALUES('2024-02-29', '2024-W09', 'a', 1, 0, "
	    "12, 1);"), 0);
	CU_ASSERT_EQUAL_FATAL(daily(&db, "2024-02-29", "2024-W09", 1), 0);
	CU_ASSERT_EQUAL_FATAL(daily(&db, "2024-03-01", "2024-W09", 2), 0);
	CU_ASSERT_EQUAL_FATAL(daily(&db, "2024-03-02", "2024-W09", 4), 0);
	CU_ASSERT_EQUAL_FATAL(daily(&db, "2024-03-03", "2024-W09", 8), 0);

	/* what would go */
	CU_ASSERT_EQUAL_FATAL(cs_purge_count(&db, P, &n, &err), 0);
	CU_ASSERT_EQUAL(n.before, P);
	CU_ASSERT_EQUAL(n.already, CS_TIME_MIN);
	CU_ASSERT_EQUAL(n.legs, 2);
	CU_ASSERT_EQUAL(n.events, 1);
	CU_ASSERT_EQUAL(n.calls, 1);
	CU_ASSERT_EQUAL(n.first, 1709161200);
	CU_ASSERT_EQUAL(n.last, 1709247599);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM cdr"), 3);

	/* the purge */
	CU_ASSERT_EQUAL_FATAL(cs_purge_run(&db, &cfg, P, &n, &err), 0);
	CU_ASSERT_EQUAL(n.legs, 2);
	CU_ASSERT_EQUAL(n.events, 1);
	CU_ASSERT_EQUAL(n.calls, 1);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM cdr"), 1);
	CU_ASSERT_EQUAL(count(&db, "SELECT min(start) FROM cdr"), P);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM queue_log"), 1);
	CU_ASSERT_EQUAL(count(&db, "SELECT min(time) FROM queue_log"), P + 10);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM calls"), 1);
	CU_ASSERT_EQUAL(count(&db, "SELECT sum(offered) FROM daily"), 15);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM wait_hist"), 1);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "purged_before", v, sizeof(v), &err), 0);
	CU_ASSERT_STRING_EQUAL(v, "1709247600");
	CU_ASSERT_EQUAL(cs_calls_purged_before(&db, &t, &err), 0);
	CU_ASSERT_EQUAL(t, P);

	/* the same day again, or an earlier one: nothing */
	CU_ASSERT_EQUAL_FATAL(cs_purge_run(&db, &cfg, P, &n, &err), 0);
	CU_ASSERT_EQUAL(n.already, P);
	CU_ASSERT_EQUAL(n.legs + n.events + n.calls, 0);
	CU_ASSERT_EQUAL_FATAL(cs_purge_run(&db, &cfg, P - 86400, &n, &err), 0);
	CU_ASSERT_EQUAL(n.already, P);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM cdr"), 1);
	CU_ASSERT_EQUAL(cs_calls_purged_before(&db, &t, &err), 0);
	CU_ASSERT_EQUAL(t, P);

	/*
	 * A full rebuild: the days before 2024-03-03 (the second midnight
	 * after the cut) keep their totals, 1 + 2 + 4; 2024-03-03 holds no
	 * record, and is rebuilt empty; the call of 2024-03-01 stays.
	 */
	CU_ASSERT_EQUAL_FATAL(sql(&db, "BEGIN"), 0);
	CU_ASSERT_EQUAL(cs_calls_rebuild(&db, &cfg, CS_TIME_MIN, CS_TIME_MAX,
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(sql(&db, "COMMIT"), 0);
	CU_ASSERT_EQUAL(count(&db, "SELECT sum(offered) FROM daily"), 7);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM daily WHERE day = "
	    "'2024-03-03'"), 0);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM wait_hist"), 1);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM calls"), 1);

	/* a range rebuild wholly in the frozen days does nothing */
	CU_ASSERT_EQUAL_FATAL(sql(&db, "BEGIN"), 0);
	CU_ASSERT_EQUAL(cs_calls_rebuild(&db, &cfg, P, P + 3600, &err), 0);
	CU_ASSERT_EQUAL_FATAL(sql(&db, "COMMIT"), 0);
	CU_ASSERT_EQUAL(count(&db, "SELECT sum(offered) FROM daily"), 7);
	CU_ASSERT_EQUAL(count(&db, "SELECT count(*) FROM calls"), 1);

	/* a bad value in meta is an error, not a purge of nothing */
	CU_ASSERT_EQUAL_FATAL(cs_db_meta_set(&db, "purged_before", "soon", &err), 0);
	CU_ASSERT_EQUAL(cs_calls_purged_before(&db, &t, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "soon"));

	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	cs_config_release(&cfg);
}

/* Every format's table is purged: a reader's new table that purge.c does
 * not list would keep callers' records past the retention. */
static void
test_every_table(void)
{
	int n = 0;

	for (int i = 0; cs_formats[i] != NULL; i++) {
		const struct cs_tabledef *t = cs_formats[i]->table;

		if (t == NULL)
			continue;
		n++;
		if (!cs_purge_covers(t->name))
			fprintf(stderr, "\n  %s: table %s not purged\n",
			    cs_formats[i]->name, t->name);
		CU_ASSERT(cs_purge_covers(t->name));
	}
	CU_ASSERT(n >= 8);
	CU_ASSERT(cs_purge_covers("calls"));
	CU_ASSERT(cs_purge_covers("bot_session"));
	CU_ASSERT(!cs_purge_covers("daily"));
	CU_ASSERT(!cs_purge_covers("wait_hist"));
}

static CU_TestInfo tests[] = {
	{ "retention day", test_retention_day },
	{ "frozen before", test_frozen_before },
	{ "purge a database", test_purge_db },
	{ "every format's table", test_every_table },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("purge", tests, suite_init, suite_clean)
