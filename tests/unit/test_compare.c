/*
 * test_compare.c: the compare suite.  The worked example of
 * sample-data/example (calls.md) is imported into a temporary database
 * and split at its go_live, 3 March 2025; the calls each period holds,
 * and so every x and n below, are read from calls.md's table by hand.
 * The intervals and p-values come from tests/unit/stats_reference.py.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "compare.h"
#include "config.h"
#include "db.h"
#include "import.h"
#include "privacy.h"
#include "unit.h"

static char tmpdir[256], dbpath[512], keypath[512];
static struct cs_db db;
static struct cs_config cfg;
static struct cs_privacy priv;
static int db_open, cfg_ok, setup_ok;

static int
import_one(const char *rel)
{
	struct cs_import im;
	struct cs_import_stats st;
	struct cs_error err;
	char path[4096];

	snprintf(path, sizeof(path), "%s", cs_unit_data(rel));
	memset(&im, 0, sizeof(im));
	im.db = &db;
	im.cfg = &cfg;
	im.priv = &priv;
	im.times_utc = cfg.times_utc;
	memset(&st, 0, sizeof(st));
	if (cs_import_file(&im, path, &st, &err) != 0 || st.rejected != 0) {
		fprintf(stderr, "compare suite: %s: %s\n", rel, err.msg);
		return -1;
	}
	return 0;
}

static int
suite_init(void)
{
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-compare-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/callstat.db", tmpdir);
	snprintf(keypath, sizeof(keypath), "%s/callstat.db.key", tmpdir);
	if (cs_config_load(&cfg, cs_unit_data("sample-data/example/callstat.conf"),
	    &err) != 0) {
		fprintf(stderr, "compare suite: %s\n", err.msg);
		return 0;
	}
	cfg_ok = 1;
	if (cs_db_open(&db, dbpath, CS_DB_CREATE, &err) != 0)
		return 0;
	db_open = 1;
	if (cs_privacy_open(&priv, keypath, &err) != 0 ||
	    import_one("sample-data/example/Master.csv") != 0 ||
	    import_one("sample-data/example/queue_log") != 0 ||
	    cs_calls_refresh(&db, &cfg, NULL, &err) != 0)
		return 0;
	setup_ok = 1;
	return 0;
}

static void
rm_f(const char *suffix)
{
	char p[600];

	snprintf(p, sizeof(p), "%s%s", dbpath, suffix);
	unlink(p);
}

static int
suite_clean(void)
{
	struct cs_error err;

	if (db_open)
		cs_db_close(&db, &err);
	if (cfg_ok)
		cs_config_release(&cfg);
	cs_privacy_release(&priv);
	rm_f("");
	rm_f("-wal");
	rm_f("-shm");
	rm_f("-journal");
	rm_f(".key");
	rmdir(tmpdir);
	return 0;
}

static const struct cs_compare_row *
find(const struct cs_compare_row *rows, size_t n, const char *service,
    enum cs_kpi_fig f)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].service, service) == 0 && rows[i].fig == f)
			return &rows[i];
	return NULL;
}

#define EXACT(a, b) CU_ASSERT_DOUBLE_EQUAL((a), (b), 1e-9)

static void
test_days(void)
{
	char d[11];

	CU_ASSERT_EQUAL(cs_compare_day_add("2024-02-28", 1, d), 0);
	CU_ASSERT_STRING_EQUAL(d, "2024-02-29");
	CU_ASSERT_EQUAL(cs_compare_day_add("2024-02-28", 2, d), 0);
	CU_ASSERT_STRING_EQUAL(d, "2024-03-01");
	CU_ASSERT_EQUAL(cs_compare_day_add("2025-03-03", -20, d), 0);
	CU_ASSERT_STRING_EQUAL(d, "2025-02-11");
	CU_ASSERT_EQUAL(cs_compare_day_add("1999-12-31", 1, d), 0);
	CU_ASSERT_STRING_EQUAL(d, "2000-01-01");
	CU_ASSERT_EQUAL(cs_compare_day_add("2100-03-01", -1, d), 0);
	CU_ASSERT_STRING_EQUAL(d, "2100-02-28");
	CU_ASSERT_EQUAL(cs_compare_day_add("2025-02-29", 0, d), -1);
	CU_ASSERT_EQUAL(cs_compare_day_add("soon", 0, d), -1);
}

/*
 * The default split.  The first in-hours call is call 1 (11 February),
 * the last call 20 (31 March): 20 days before 3 March, 29 from it, so 20
 * on each side: 11 February to 2 March, 3 to 22 March.
 * Before: call 1 (accueil, agent, wait 14), call 2 (urbanisme, agent, 18).
 * After, in hours: accueil 4 (agent, 2), 5 (bot, 1), 8 and 9 (missed),
 * 11 (bot, 1), 12 (agent, 9); urbanisme 6 (agent, 31), 7 (agent, 1),
 * 13 (missed), 15 (voicemail).  Call 17 (29 March) and 19, 20 (31 March)
 * fall after the period; 10 is short.
 */
static void
test_default_split(void)
{
	struct cs_compare_query q = { 0 };
	struct cs_compare_periods p;
	struct cs_compare_row *rows = NULL;
	const struct cs_compare_row *r;
	struct cs_error err;
	size_t n = 0;

	CU_ASSERT_FATAL(setup_ok);
	q.seed = 1;
	CU_ASSERT_EQUAL_FATAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n,
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(p.before_from, "2025-02-11");
	CU_ASSERT_STRING_EQUAL(p.before_to, "2025-03-02");
	CU_ASSERT_STRING_EQUAL(p.after_from, "2025-03-03");
	CU_ASSERT_STRING_EQUAL(p.after_to, "2025-03-22");
	/* accueil, urbanisme, the town: a row per figure each */
	CU_ASSERT_EQUAL(n, 3 * cs_compare_nfigs);
	r = find(rows, n, "accueil", CS_KPI_ANSWER_RATE);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE_X], 1);
	EXACT(r->v[CS_CMP_BEFORE_N], 1);
	EXACT(r->v[CS_CMP_AFTER_X], 4);
	EXACT(r->v[CS_CMP_AFTER_N], 6);
	r = find(rows, n, "urbanisme", CS_KPI_ANSWER_RATE);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_AFTER_X], 2);
	EXACT(r->v[CS_CMP_AFTER_N], 4);
	/* the town: 2 of 2, then 6 of 10 */
	r = find(rows, n, "town", CS_KPI_ANSWER_RATE);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 1);
	EXACT(r->v[CS_CMP_AFTER], 0.6);
	EXACT(r->v[CS_CMP_DIFF], -0.4);
	EXACT(r->v[CS_CMP_DIFF_LOW], -0.687326230266);
	EXACT(r->v[CS_CMP_DIFF_HIGH], 0.297283389096);
	EXACT(r->v[CS_CMP_P_VALUE], 0.273321678292);
	CU_ASSERT_EQUAL(r->v[CS_CMP_BEFORE_HIGH], 1);	/* 2/2: exactly 1 */
	/* the escalated calls: 4 (answered by a person) after, none before */
	r = find(rows, n, "town", CS_KPI_ESCALATION_RATE);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(!r->has[CS_CMP_BEFORE]);
	EXACT(r->v[CS_CMP_BEFORE_N], 0);
	CU_ASSERT(!r->has[CS_CMP_DIFF_LOW] && !r->has[CS_CMP_P_VALUE]);
	/* the waits: 14, 18 before; 2, 1, 1, 9, 31, 1 after */
	r = find(rows, n, "town", CS_KPI_ASA);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE_X], 32);
	EXACT(r->v[CS_CMP_BEFORE_N], 2);
	EXACT(r->v[CS_CMP_AFTER_X], 45);
	EXACT(r->v[CS_CMP_AFTER_N], 6);
	EXACT(r->v[CS_CMP_DIFF], 7.5 - 16);
	EXACT(r->v[CS_CMP_P_VALUE], 0.171857339063);
	CU_ASSERT(r->has[CS_CMP_DIFF_LOW] &&
	    r->v[CS_CMP_DIFF_LOW] <= r->v[CS_CMP_DIFF_HIGH]);
	/* the percentiles: nearest rank; the same test */
	r = find(rows, n, "town", CS_KPI_WAIT_P50);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 14);
	EXACT(r->v[CS_CMP_AFTER], 1);	/* rank 3 of 1, 1, 1, 2, 9, 31 */
	EXACT(r->v[CS_CMP_AFTER_N], 6);
	EXACT(r->v[CS_CMP_P_VALUE], 0.171857339063);
	CU_ASSERT(r->has[CS_CMP_SEED]);
	EXACT(r->v[CS_CMP_SEED], 1);
	r = find(rows, n, "town", CS_KPI_ANSWER_RATE);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(!r->has[CS_CMP_SEED]);	/* no bootstrap on a rate */
	free(rows);
}

/* A count's row: before, after, their difference, nothing else. */
static void
count_is(const struct cs_compare_row *rows, size_t n, const char *service,
    enum cs_kpi_fig f, double before, double after)
{
	const struct cs_compare_row *r = find(rows, n, service, f);

	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(r->has[CS_CMP_BEFORE] && r->has[CS_CMP_AFTER] &&
	    r->has[CS_CMP_DIFF]);
	EXACT(r->v[CS_CMP_BEFORE], before);
	EXACT(r->v[CS_CMP_AFTER], after);
	EXACT(r->v[CS_CMP_DIFF], after - before);
	for (int v = CS_CMP_BEFORE_X; v < CS_CMP_NVALS; v++)
		if (v != CS_CMP_DIFF)
			CU_ASSERT(!r->has[v]);
}

/*
 * The counts and means of the default split (see test_default_split),
 * from calls.md's table by hand.  Before, accueil {1} and urbanisme {2},
 * both agent calls in queues, talk 183 and 222.  After, accueil: 4
 * (escalated, agent, talk 252), 5 and 11 (bot), 8 and 9 (missed, a
 * person's phone dialled), 12 (agent, talk 400), short 10; urbanisme: 6
 * (agent, talk 390), 7 (escalated, agent, talk 380), 13 (missed in the
 * queue), 15 (voicemail after a phone rang).  No abandoned call on either
 * side: 17 and 19 fall after 22 March.
 */
static void
test_counts(void)
{
	struct cs_compare_query q = { 0 };
	struct cs_compare_periods p;
	struct cs_compare_row *rows = NULL;
	const struct cs_compare_row *r;
	struct cs_error err;
	size_t n = 0;

	CU_ASSERT_FATAL(setup_ok);
	/* the first figures have the tests, the others none */
	CU_ASSERT_EQUAL(cs_compare_figs[0], CS_KPI_OFFERED);
	CU_ASSERT_EQUAL(cs_compare_figs[cs_compare_ntested - 1],
	    CS_KPI_HUMAN_WAIT_P90);
	CU_ASSERT_EQUAL(cs_compare_nfigs, 30);
	for (size_t i = 1; i < cs_compare_nfigs; i++) {
		enum cs_kpi_fig f = cs_compare_figs[i];
		int tested = cs_kpi_kind(f) == CS_COL_RATE ||
		    f == CS_KPI_ASA || f == CS_KPI_WAIT_P50 ||
		    f == CS_KPI_WAIT_P90 || f == CS_KPI_HUMAN_WAIT_P90;

		CU_ASSERT_EQUAL(tested, i < cs_compare_ntested);
		for (size_t j = cs_compare_ntested; j < i; j++)	/* kpi.md's order */
			CU_ASSERT(cs_compare_figs[j] < f);
	}
	q.seed = 1;
	CU_ASSERT_EQUAL_FATAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n,
	    &err), 0);
	count_is(rows, n, "town", CS_KPI_OFFERED, 2, 10);
	count_is(rows, n, "town", CS_KPI_ANSWERED, 2, 6);	/* 4 5 6 7 11 12 */
	count_is(rows, n, "town", CS_KPI_NEEDED_AGENT, 2, 8);	/* not 5, 11 */
	count_is(rows, n, "town", CS_KPI_AGENT, 2, 4);	/* 4 6 7 12 */
	count_is(rows, n, "town", CS_KPI_BOT, 0, 2);
	count_is(rows, n, "town", CS_KPI_ABANDONED, 0, 0);
	count_is(rows, n, "town", CS_KPI_MISSED, 0, 3);	/* 8 9 13 */
	count_is(rows, n, "town", CS_KPI_VOICEMAIL, 0, 1);
	count_is(rows, n, "town", CS_KPI_SHORT, 0, 1);
	count_is(rows, n, "town", CS_KPI_BOT_SESSIONS, 0, 4);	/* 4 5 7 11 */
	count_is(rows, n, "town", CS_KPI_ESCALATED, 0, 2);
	count_is(rows, n, "town", CS_KPI_LOST, 0, 3);
	count_is(rows, n, "accueil", CS_KPI_NEEDED_AGENT, 1, 4);	/* 4 8 9 12 */
	count_is(rows, n, "accueil", CS_KPI_SHORT, 0, 1);
	count_is(rows, n, "urbanisme", CS_KPI_VOICEMAIL, 0, 1);
	count_is(rows, n, "urbanisme", CS_KPI_LOST, 0, 1);
	/* talk: (183 + 222) / 2 before, (252 + 400 + 390 + 380) / 4 after */
	r = find(rows, n, "town", CS_KPI_TALK);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 202.5);
	EXACT(r->v[CS_CMP_AFTER], 355.5);
	EXACT(r->v[CS_CMP_DIFF], 153);
	EXACT(r->v[CS_CMP_BEFORE_X], 405);
	EXACT(r->v[CS_CMP_BEFORE_N], 2);
	EXACT(r->v[CS_CMP_AFTER_X], 1422);
	EXACT(r->v[CS_CMP_AFTER_N], 4);
	CU_ASSERT(!r->has[CS_CMP_DIFF_LOW] && !r->has[CS_CMP_P_VALUE] &&
	    !r->has[CS_CMP_SEED]);
	r = find(rows, n, "urbanisme", CS_KPI_TALK);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_AFTER], 385);
	/* no abandoned call: a mean of nothing on both sides, n = 0 */
	r = find(rows, n, "town", CS_KPI_ABANDON_WAIT);
	CU_ASSERT_FATAL(r != NULL);
	CU_ASSERT(!r->has[CS_CMP_BEFORE] && !r->has[CS_CMP_AFTER] &&
	    !r->has[CS_CMP_DIFF]);
	EXACT(r->v[CS_CMP_AFTER_N], 0);
	free(rows);
}

/*
 * 1 to 29 March against 30 and 31 March, in hours.  Before: accueil's
 * March but call 17 is in (calls.md's accueil, 2025-03: 7 offered,
 * abandoned {17}, abandon_wait 100) and urbanisme's 6, 7, 13, 15.  After:
 * urbanisme 19 (abandoned after 7 s) and 20 (agent, talk 250); accueil's
 * only call, 18, is on a Sunday, out of hours: no row, so 0 of each
 * count, and its means empty.
 */
static void
test_means(void)
{
	struct cs_compare_query q = { 0 };
	struct cs_compare_periods p;
	struct cs_compare_row *rows = NULL;
	const struct cs_compare_row *r;
	struct cs_error err;
	size_t n = 0;

	CU_ASSERT_FATAL(setup_ok);
	q.before_from = "2025-03-01";
	q.before_to = "2025-03-29";
	q.after_from = "2025-03-30";
	q.after_to = "2025-03-31";
	q.seed = 1;
	CU_ASSERT_EQUAL_FATAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n,
	    &err), 0);
	/* abandon_wait: 100 before (17), 7 after (19) */
	r = find(rows, n, "town", CS_KPI_ABANDON_WAIT);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 100);
	EXACT(r->v[CS_CMP_AFTER], 7);
	EXACT(r->v[CS_CMP_DIFF], -93);
	EXACT(r->v[CS_CMP_BEFORE_N], 1);
	EXACT(r->v[CS_CMP_AFTER_X], 7);
	/* talk: 4 12 6 7, (252 + 400 + 390 + 380) / 4, then 20's 250 */
	r = find(rows, n, "town", CS_KPI_TALK);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 355.5);
	EXACT(r->v[CS_CMP_AFTER], 250);
	EXACT(r->v[CS_CMP_DIFF], -105.5);
	count_is(rows, n, "town", CS_KPI_OFFERED, 11, 2);
	count_is(rows, n, "town", CS_KPI_ABANDONED, 1, 1);
	count_is(rows, n, "town", CS_KPI_LOST, 4, 1);	/* 8 9 13 17; 19 */
	/* accueil, no call after */
	count_is(rows, n, "accueil", CS_KPI_OFFERED, 7, 0);
	count_is(rows, n, "accueil", CS_KPI_ESCALATED, 2, 0);	/* 4 17 */
	count_is(rows, n, "accueil", CS_KPI_SHORT, 1, 0);
	r = find(rows, n, "accueil", CS_KPI_ABANDON_WAIT);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_BEFORE], 100);
	CU_ASSERT(!r->has[CS_CMP_AFTER] && !r->has[CS_CMP_DIFF]);
	free(rows);
}

/* February against March: no calendar month in both for --matched; the
 * whole months without it, 7 of accueil's calls in March (calls.md). */
static void
test_periods(void)
{
	struct cs_compare_query q = { 0 };
	struct cs_compare_periods p;
	struct cs_compare_row *rows = NULL;
	const struct cs_compare_row *r;
	struct cs_error err;
	size_t n = 0;

	CU_ASSERT_FATAL(setup_ok);
	q.before_from = "2025-02-01";
	q.before_to = "2025-02-28";
	q.after_from = "2025-03-01";
	q.after_to = "2025-03-31";
	q.service = "accueil";
	CU_ASSERT_EQUAL_FATAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n,
	    &err), 0);
	CU_ASSERT_EQUAL(n, cs_compare_nfigs);	/* no town with -s */
	r = find(rows, n, "accueil", CS_KPI_ANSWER_RATE);
	CU_ASSERT_FATAL(r != NULL);
	EXACT(r->v[CS_CMP_AFTER_X], 4);
	EXACT(r->v[CS_CMP_AFTER_N], 7);
	free(rows);
	rows = NULL;
	q.matched = 1;
	CU_ASSERT_EQUAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n, &err), -1);
	CU_ASSERT(strstr(err.msg, "no calendar month") != NULL);
	CU_ASSERT(rows == NULL);
	/* two periods without a call: a failure, not an empty comparison */
	q.matched = 0;
	q.before_from = "2030-01-01";
	q.before_to = "2030-01-31";
	q.after_from = "2030-02-01";
	q.after_to = "2030-02-28";
	CU_ASSERT_EQUAL(cs_compare_run(&db, &cfg, &q, &p, &rows, &n, &err), -1);
	CU_ASSERT(strstr(err.msg, "no calls from 2030-01-01") != NULL);
}

static CU_TestInfo tests[] = {
	{ "day arithmetic", test_days },
	{ "the worked example split at go_live", test_default_split },
	{ "explicit periods and --matched", test_periods },
	{ "the counts and means of the split", test_counts },
	{ "means on both sides; a service on one side", test_means },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE_FIXTURE("compare", tests, suite_init, suite_clean)
