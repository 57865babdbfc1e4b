/*
 * test_kpi.c: the kpi suite.  The nearest-rank percentile on its own, then
 * cs_kpi_compute() end to end: the worked example of sample-data/example
 * is imported through the library into a temporary database, and every
 * figure is compared with the values worked out by hand in calls.md (and,
 * for the groupings calls.md does not print, worked out the same way from
 * its table of calls).  Doubles are compared exactly with the fractions
 * that define them: 4.0 / 7 is what "4 of 7" must give.  Last, several
 * threads compute figures at once and must each get what one thread got.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "config.h"
#include "db.h"
#include "import.h"
#include "kpi.h"
#include "lacks.h"
#include "privacy.h"
#include "unit.h"

/* ---- cs_kpi_percentile ---- */

static void
test_percentile_examples(void)
{
	/* accueil, March: waits 1, 1, 2, 9 */
	long s1[] = { 1, 2, 9 }, c1[] = { 2, 1, 1 };
	/* urbanisme, March: waits 1, 20, 31 */
	long s2[] = { 1, 20, 31 }, c2[] = { 1, 1, 1 };
	long s3[] = { 14 }, c3[] = { 1 };

	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 50), 1);	/* rank 2 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 90), 9);	/* rank 4 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s2, c2, 3, 3, 50), 20);	/* rank 2 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s2, c2, 3, 3, 90), 31);	/* rank 3 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s3, c3, 1, 1, 50), 14);
	CU_ASSERT_EQUAL(cs_kpi_percentile(s3, c3, 1, 1, 90), 14);
	CU_ASSERT_EQUAL(cs_kpi_percentile(s3, c3, 1, 1, 100), 14);
	/* p100 is the largest value; p1 of 4 values is rank 1 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 100), 9);
	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 1), 1);
	/* p75 of 4 values: rank 3, the 2 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 75), 2);
	/* p76: rank ceil(3.04) = 4 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s1, c1, 3, 4, 76), 9);
}

/* The rank is computed in integers: 0.9 * 10 and 0.9 * 100 in floating
 * point land just above 9 and 90, which would wrongly take the next value. */
static void
test_percentile_integer_rank(void)
{
	long s[] = { 10, 20 };
	long c10[] = { 9, 1 }, c100[] = { 90, 10 }, c1000[] = { 900, 100 };

	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c10, 2, 10, 90), 10);	/* rank 9 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c100, 2, 100, 90), 10);	/* rank 90 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c1000, 2, 1000, 90), 10);
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c10, 2, 10, 91), 20);	/* rank 10 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c100, 2, 100, 91), 20);	/* rank 91 */
	/* p50 of 10: rank 5 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c10, 2, 10, 50), 10);
}

/* Counts far beyond a day's calls: a histogram over years. */
static void
test_percentile_big_counts(void)
{
	long s[] = { 3, 7, 60 };
	long c[] = { 1500000000L, 1500000000L, 1 };
	long total = 3000000001L;

	/* p50: rank ceil(1500000000.5) = 1500000001: the 7 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c, 3, total, 50), 7);
	/* p49: rank ceil(1470000000.49) = 1470000001: the 3 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c, 3, total, 49), 3);
	/* p100: the last value */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c, 3, total, 100), 60);
	/* p99: rank ceil(2970000000.99) = 2970000001 <= 3000000000: the 7 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(s, c, 3, total, 99), 7);

	{
		long s2[] = { 5, 6 };
		long c2[] = { 900000000L, 100000000L };

		/* rank exactly 900000000 */
		CU_ASSERT_EQUAL(cs_kpi_percentile(s2, c2, 2, 1000000000L, 90), 5);
		CU_ASSERT_EQUAL(cs_kpi_percentile(s2, c2, 2, 1000000000L, 91), 6);
	}
}

static void
test_names_and_kinds(void)
{
	CU_ASSERT_STRING_EQUAL(cs_kpi_name(CS_KPI_OFFERED), "offered");
	CU_ASSERT_STRING_EQUAL(cs_kpi_name(CS_KPI_SERVICE_LEVEL), "service_level");
	CU_ASSERT_STRING_EQUAL(cs_kpi_name(CS_KPI_CALLBACK_24H), "callback_24h");
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_OFFERED), CS_COL_COUNT);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_ANSWER_RATE), CS_COL_RATE);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_SERVICE_LEVEL), CS_COL_RATE);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_CONTAINMENT_24H), CS_COL_RATE);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_REPEAT_24H), CS_COL_RATE);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_CALLBACK_2H), CS_COL_RATE);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_ASA), CS_COL_SECONDS);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_WAIT_P90), CS_COL_SECONDS);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_TALK), CS_COL_SECONDS);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_ABANDON_WAIT), CS_COL_SECONDS);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_LOST), CS_COL_COUNT);
	CU_ASSERT_EQUAL(cs_kpi_kind(CS_KPI_BOT_SESSIONS), CS_COL_COUNT);
}

/* ---- the worked example in a database ---- */

static char tmpdir[256], dbpath[512], keypath[512];
static struct cs_db db;
static struct cs_config cfg;
static struct cs_privacy priv;
static int db_open, cfg_ok, setup_ok;
static long rejected;

static void
on_reject(void *arg, const char *name, long line, long column,
    const char *msg)
{
	(void)arg;
	fprintf(stderr, "\n  kpi suite: %s:%ld: %s\n", name, line, msg);
	rejected++;
}

static int
import_one(const char *rel, long want_lines)
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
	im.format = NULL;
	im.reject = on_reject;
	memset(&st, 0, sizeof(st));
	if (cs_import_file(&im, path, &st, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return -1;
	}
	if (st.lines != want_lines || st.rejected != 0) {
		fprintf(stderr, "kpi suite: %s: %ld lines, %ld rejected\n", rel,
		    st.lines, st.rejected);
		return -1;
	}
	return 0;
}

static int
suite_init(void)
{
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-kpi-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(dbpath, sizeof(dbpath), "%s/callstat.db", tmpdir);
	snprintf(keypath, sizeof(keypath), "%s/callstat.db.key", tmpdir);
	if (cs_config_load(&cfg, cs_unit_data("sample-data/example/callstat.conf"),
	    &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;	/* the tests fail, naming what is missing */
	}
	cfg_ok = 1;
	if (cs_db_open(&db, dbpath, CS_DB_CREATE, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
	db_open = 1;
	if (cs_privacy_open(&priv, keypath, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
	if (import_one("sample-data/example/Master.csv", 34) != 0 ||
	    import_one("sample-data/example/queue_log", 32) != 0)
		return 0;
	if (cs_calls_refresh(&db, &cfg, NULL, &err) != 0) {
		fprintf(stderr, "kpi suite: %s\n", err.msg);
		return 0;
	}
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

/* A figure as calls.md gives it: a value, or empty. */
struct fig {
	int has;
	double v;
};
#define V(x) { 1, (double)(x) }
#define NONE { 0, 0 }

struct want {
	const char *service, *period;
	struct fig f[CS_KPI_NFIGS];
};

/*
 * The four rows of calls.md ("The figures"), in the order of enum
 * cs_kpi_fig: offered answered answer_rate needed_agent agent_answer_rate
 * agent bot abandoned abandon_rate missed voicemail short asa wait_p50
 * wait_p90 human_wait_p90 service_level service_level_answered
 * abandon_wait talk bot_sessions escalated escalation_rate
 * containment_rate containment_24h escalation_answer_rate repeat_24h lost
 * callback_2h callback_24h.
 */
static const struct want accueil_feb = { "accueil", "2025-02", {
	V(1), V(1), V(1.0 / 1), V(1), V(1.0 / 1), V(1), V(0), V(0), V(0.0 / 1),
	V(0), V(0), V(0), V(14.0 / 1), V(14), V(14), V(14), V(1.0 / 1),
	V(1.0 / 1), NONE, V(183.0 / 1), V(0), V(0), NONE, NONE, NONE, NONE,
	V(0.0 / 1), V(0), NONE, NONE } };
static const struct want urbanisme_feb = { "urbanisme", "2025-02", {
	V(1), V(1), V(1.0 / 1), V(1), V(1.0 / 1), V(1), V(0), V(0), V(0.0 / 1),
	V(0), V(0), V(0), V(18.0 / 1), V(18), V(18), V(18), V(1.0 / 1),
	V(1.0 / 1), NONE, V(222.0 / 1), V(0), V(0), NONE, NONE, NONE, NONE,
	V(0.0 / 1), V(0), NONE, NONE } };
static const struct want accueil_mar = { "accueil", "2025-03", {
	V(7), V(4), V(4.0 / 7), V(5), V(2.0 / 5), V(2), V(2), V(1), V(1.0 / 7),
	V(2), V(0), V(1), V(13.0 / 4), V(1), V(9), V(18), V(4.0 / 7),
	V(4.0 / 4), V(100.0 / 1), V(652.0 / 2), V(4), V(2), V(2.0 / 4),
	V(2.0 / 4), V(1.0 / 4), V(1.0 / 2), V(3.0 / 7), V(3), V(0.0 / 3),
	V(1.0 / 3) } };
static const struct want urbanisme_mar = { "urbanisme", "2025-03", {
	V(6), V(3), V(3.0 / 6), V(6), V(3.0 / 6), V(3), V(0), V(1), V(1.0 / 6),
	V(1), V(1), V(0), V(52.0 / 3), V(20), V(31), V(31), V(2.0 / 6),
	V(2.0 / 3), V(7.0 / 1), V(1020.0 / 3), V(1), V(1), V(1.0 / 1),
	V(0.0 / 1), NONE, V(1.0 / 1), V(1.0 / 5), V(2), V(1.0 / 2),
	V(1.0 / 2) } };

/* Compares a row with what it should be; says which figure differs. */
static void
check_row(const struct cs_kpi_row *r, const struct want *w)
{
	CU_ASSERT_STRING_EQUAL(r->service, w->service);
	CU_ASSERT_STRING_EQUAL(r->period, w->period);
	for (int f = 0; f < CS_KPI_NFIGS; f++) {
		int ok = r->has[f] == w->f[f].has &&
		    (!w->f[f].has || r->v[f] == w->f[f].v);

		CU_ASSERT(ok);
		if (!ok)
			fprintf(stderr, "\n  %s %s %s: got %s%.17g, want %s%.17g\n",
			    w->service, w->period, cs_kpi_name((enum cs_kpi_fig)f),
			    r->has[f] ? "" : "(empty) ", r->v[f],
			    w->f[f].has ? "" : "(empty) ", w->f[f].v);
	}
}

static int
compute(const struct cs_kpi_query *q, struct cs_kpi_row **rows, size_t *n)
{
	struct cs_error err;

	*rows = NULL;
	*n = 0;
	if (!setup_ok)
		return -1;
	if (cs_kpi_compute(&db, &cfg, q, rows, n, &err) != 0) {
		fprintf(stderr, "\n  cs_kpi_compute: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static void
query_init(struct cs_kpi_query *q, int by_service, int by_period,
    enum cs_period p, enum cs_kpi_hours hours)
{
	memset(q, 0, sizeof(*q));
	q->by_service = by_service;
	q->by_period = by_period;
	q->period = p;
	q->hours = hours;
}

static void
test_setup(void)
{
	CU_ASSERT_FATAL(setup_ok);
	CU_ASSERT_EQUAL(rejected, 0);
}

/* `callstat-kpi --by service,month`: the four rows of expected_kpi.csv. */
static void
test_example_by_service_month(void)
{
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 4);
	if (n == 4) {
		/* by service as configured, then by period */
		check_row(&rows[0], &accueil_feb);
		check_row(&rows[1], &accueil_mar);
		check_row(&rows[2], &urbanisme_feb);
		check_row(&rows[3], &urbanisme_mar);
	}
	free(rows);
}

/* The same rows, read from expected_kpi.csv as numbers: the file and the
 * figures agree cell by cell (empty is empty). */
static void
test_example_csv(void)
{
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n, row = 0;
	FILE *fp;
	char line[2048];

	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	fp = fopen(cs_unit_data("sample-data/example/expected_kpi.csv"), "r");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), fp));	/* header */
	while (fgets(line, sizeof(line), fp) != NULL) {
		char *p = line, *field;
		int col = 0;

		line[strcspn(line, "\r\n")] = '\0';
		if (*line == '\0')
			continue;
		CU_ASSERT_FATAL(row < n);
		while ((field = strsep(&p, ",")) != NULL) {
			if (col == 0) {
				CU_ASSERT_STRING_EQUAL(rows[row].service, field);
			} else if (col == 1) {
				CU_ASSERT_STRING_EQUAL(rows[row].period, field);
			} else if (col - 2 < CS_KPI_NFIGS) {
				int f = col - 2;

				if (*field == '\0') {
					CU_ASSERT_EQUAL(rows[row].has[f], 0);
				} else {
					CU_ASSERT_EQUAL(rows[row].has[f], 1);
					CU_ASSERT(rows[row].v[f] == strtod(field, NULL));
				}
			}
			col++;
		}
		CU_ASSERT_EQUAL(col, CS_KPI_NFIGS + 2);
		row++;
	}
	CU_ASSERT_EQUAL(row, n);
	fclose(fp);
	free(rows);
}

/* cs_kpi_name() in order is the CSV header after service,period. */
static void
test_names_are_csv_header(void)
{
	FILE *fp = fopen(cs_unit_data("sample-data/example/expected_kpi.csv"), "r");
	char line[2048], *p = line, *field;
	int col = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fgets(line, sizeof(line), fp));
	fclose(fp);
	line[strcspn(line, "\r\n")] = '\0';
	while ((field = strsep(&p, ",")) != NULL) {
		if (col == 0) {
			CU_ASSERT_STRING_EQUAL(field, "service");
		} else if (col == 1) {
			CU_ASSERT_STRING_EQUAL(field, "period");
		} else if (col - 2 < CS_KPI_NFIGS) {
			CU_ASSERT_STRING_EQUAL(field,
			    cs_kpi_name((enum cs_kpi_fig)(col - 2)));
		}
		col++;
	}
	CU_ASSERT_EQUAL(col, CS_KPI_NFIGS + 2);
}

/*
 * By service only: February and March together.
 * accueil C = {1, 4, 5, 8, 9, 11, 12, 17}, short {10}: waits 14, 2, 1, 1, 9
 * (sorted 1 1 2 9 14: p50 rank 3 = 2, p90 rank 5 = 14), human waits 14, 18,
 * 9 (p90 rank 3 = 18), talk 183 + 252 + 400 = 835 over 3.
 * urbanisme C = {2, 6, 7, 13, 15, 19, 20}: waits 18, 31, 1, 20 (sorted
 * 1 18 20 31: p50 rank 2 = 18, p90 rank 4 = 31), human waits 18, 31, 15, 20
 * (p90 31), talk 222 + 390 + 380 + 250 = 1242 over 4; repeat_24h leaves the
 * withheld call 7 out: {20} of 6.
 */
static void
test_by_service(void)
{
	static const struct want accueil = { "accueil", "", {
		V(8), V(5), V(5.0 / 8), V(6), V(3.0 / 6), V(3), V(2), V(1),
		V(1.0 / 8), V(2), V(0), V(1), V(27.0 / 5), V(2), V(14), V(18),
		V(5.0 / 8), V(5.0 / 5), V(100.0 / 1), V(835.0 / 3), V(4), V(2),
		V(2.0 / 4), V(2.0 / 4), V(1.0 / 4), V(1.0 / 2), V(3.0 / 8), V(3),
		V(0.0 / 3), V(1.0 / 3) } };
	static const struct want urbanisme = { "urbanisme", "", {
		V(7), V(4), V(4.0 / 7), V(7), V(4.0 / 7), V(4), V(0), V(1),
		V(1.0 / 7), V(1), V(1), V(0), V(70.0 / 4), V(18), V(31), V(31),
		V(3.0 / 7), V(3.0 / 4), V(7.0 / 1), V(1242.0 / 4), V(1), V(1),
		V(1.0 / 1), V(0.0 / 1), NONE, V(1.0 / 1), V(1.0 / 6), V(2),
		V(1.0 / 2), V(1.0 / 2) } };
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 1, 0, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		check_row(&rows[0], &accueil);
		check_row(&rows[1], &urbanisme);
	}
	free(rows);

	/* one service asked for: urbanisme by month, its two rows */
	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.service = "urbanisme";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		check_row(&rows[0], &urbanisme_feb);
		check_row(&rows[1], &urbanisme_mar);
	}
	free(rows);
}

/*
 * By month only, every service together.
 * February: C = {1, 2}, waits 14 and 18.
 * March: C = accueil's 7 and urbanisme's 6; waits 2 1 1 9 and 31 1 20
 * (sorted 1 1 1 2 9 20 31: p50 rank 4 = 2, p90 rank 7 = 31), human waits
 * 18 9 and 31 15 20 (sorted 9 15 18 20 31: p90 rank 5 = 31).
 */
static const struct want all_feb = { "", "2025-02", {
	V(2), V(2), V(2.0 / 2), V(2), V(2.0 / 2), V(2), V(0), V(0), V(0.0 / 2),
	V(0), V(0), V(0), V(32.0 / 2), V(14), V(18), V(18), V(2.0 / 2),
	V(2.0 / 2), NONE, V(405.0 / 2), V(0), V(0), NONE, NONE, NONE, NONE,
	V(0.0 / 2), V(0), NONE, NONE } };
static const struct want all_mar = { "", "2025-03", {
	V(13), V(7), V(7.0 / 13), V(11), V(5.0 / 11), V(5), V(2), V(2),
	V(2.0 / 13), V(3), V(1), V(1), V(65.0 / 7), V(2), V(31), V(31),
	V(6.0 / 13), V(6.0 / 7), V(107.0 / 2), V(1672.0 / 5), V(5), V(3),
	V(3.0 / 5), V(2.0 / 5), V(1.0 / 4), V(2.0 / 3), V(4.0 / 12), V(5),
	V(1.0 / 5), V(2.0 / 5) } };

static void
test_by_month(void)
{
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 0, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		check_row(&rows[0], &all_feb);
		check_row(&rows[1], &all_mar);
	}
	free(rows);
}

/* By year and without any grouping: the whole example in one row.  Waits
 * 14 18 2 1 1 9 31 1 20 (sorted 1 1 1 2 9 14 18 20 31: p50 rank 5 = 9, p90
 * rank 9 = 31), human waits 14 18 18 9 31 15 20 (p90 rank 7 = 31). */
static void
test_by_year_and_whole(void)
{
	static const struct want all = { "", "2025", {
		V(15), V(9), V(9.0 / 15), V(13), V(7.0 / 13), V(7), V(2), V(2),
		V(2.0 / 15), V(3), V(1), V(1), V(97.0 / 9), V(9), V(31), V(31),
		V(8.0 / 15), V(8.0 / 9), V(107.0 / 2), V(2077.0 / 7), V(5), V(3),
		V(3.0 / 5), V(2.0 / 5), V(1.0 / 4), V(2.0 / 3), V(4.0 / 14), V(5),
		V(1.0 / 5), V(2.0 / 5) } };
	struct want whole = all;
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 0, 1, CS_PERIOD_YEAR, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		check_row(&rows[0], &all);
	free(rows);

	whole.period = "";
	query_init(&q, 0, 0, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		check_row(&rows[0], &whole);
	free(rows);
}

/* ISO weeks (Monday first) of the in-hours calls: 1 (Tue 11 Feb, W07),
 * 2 (Mon 24 Feb, W09), 4 5 6 7 (W10), 8 9 11 12 and short 10 (W11), 13 15
 * (W12), 17 (W13), 19 20 (W14). */
static void
test_by_week(void)
{
	static const struct {
		const char *label;
		int offered, shrt;
	} weeks[] = {
		{ "2025-W07", 1, 0 }, { "2025-W09", 1, 0 }, { "2025-W10", 4, 0 },
		{ "2025-W11", 4, 1 }, { "2025-W12", 2, 0 }, { "2025-W13", 1, 0 },
		{ "2025-W14", 2, 0 },
	};
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 0, 1, CS_PERIOD_WEEK, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 7);
	for (size_t i = 0; i < n && i < 7; i++) {
		CU_ASSERT_STRING_EQUAL(rows[i].period, weeks[i].label);
		CU_ASSERT_EQUAL(rows[i].v[CS_KPI_OFFERED], weeks[i].offered);
		CU_ASSERT_EQUAL(rows[i].v[CS_KPI_SHORT], weeks[i].shrt);
	}
	free(rows);
}

/* --from and --to: local days, both inclusive. */
static void
test_from_to(void)
{
	/* Wed 12 Mar: call 10 (short) and call 11 (bot, wait 1; its caller
	 * had called accueil before, in the short call 10, and did not call
	 * again) */
	static const struct want mar12 = { "", "", {
		V(1), V(1), V(1.0 / 1), V(0), NONE, V(0), V(1), V(0), V(0.0 / 1),
		V(0), V(0), V(1), V(1.0 / 1), V(1), V(1), NONE, V(1.0 / 1),
		V(1.0 / 1), NONE, NONE, V(1), V(0), V(0.0 / 1), V(1.0 / 1),
		V(1.0 / 1), NONE, V(1.0 / 1), V(0), NONE, NONE } };
	/* Mon 31 Mar: urbanisme's calls 19 (abandoned after 7 s) and 20
	 * (agent, wait 20, talk 250); call 20 is a repeat and the call-back
	 * of call 19 */
	static const struct want mar31 = { "urbanisme", "", {
		V(2), V(1), V(1.0 / 2), V(2), V(1.0 / 2), V(1), V(0), V(1),
		V(1.0 / 2), V(0), V(0), V(0), V(20.0 / 1), V(20), V(20), V(20),
		V(1.0 / 2), V(1.0 / 1), V(7.0 / 1), V(250.0 / 1), V(0), V(0), NONE,
		NONE, NONE, NONE, V(1.0 / 2), V(1), V(1.0 / 1), V(1.0 / 1) } };
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	/* all of March by service and month: the two March rows */
	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.from = "2025-03-01";
	q.to = "2025-03-31";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		check_row(&rows[0], &accueil_mar);
		check_row(&rows[1], &urbanisme_mar);
	}
	free(rows);

	/* up to the end of February: the two February rows */
	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.to = "2025-02-28";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 2);
	if (n == 2) {
		check_row(&rows[0], &accueil_feb);
		check_row(&rows[1], &urbanisme_feb);
	}
	free(rows);

	/* from = to: one day */
	query_init(&q, 0, 0, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.from = q.to = "2025-03-12";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		check_row(&rows[0], &mar12);
	free(rows);

	query_init(&q, 1, 0, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.from = q.to = "2025-03-31";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		check_row(&rows[0], &mar31);
	free(rows);

	/* Sun 30 Mar holds only call 18, out of hours: no row, no error */
	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	q.from = q.to = "2025-03-30";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 0);
	free(rows);

	/* a range with no call at all */
	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_ALL_HOURS);
	q.from = "2025-04-01";
	q.to = "2025-04-30";
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 0);
	free(rows);
}

/*
 * --out-of-hours: accueil, March holds calls 3 (Tue 4 Mar 12:00:00, the end
 * of the morning) and 18 (Sunday 30 Mar), both answered by the bot in 1 s.
 * Call 3's caller called again 1 h 30 min later (call 4): not contained;
 * call 18's caller did not call again: contained, 1 / 2.  Call 18's caller
 * had called accueil 23 h 30 min before (call 17): a repeat, 1 / 2.
 */
static void
test_out_of_hours(void)
{
	static const struct want ooh = { "accueil", "2025-03", {
		V(2), V(2), V(2.0 / 2), V(0), NONE, V(0), V(2), V(0), V(0.0 / 2),
		V(0), V(0), V(0), V(2.0 / 2), V(1), V(1), NONE, V(2.0 / 2),
		V(2.0 / 2), NONE, NONE, V(2), V(0), V(0.0 / 2), V(2.0 / 2),
		V(1.0 / 2), NONE, V(1.0 / 2), V(0), NONE, NONE } };
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_OUT_OF_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 1);
	if (n == 1)
		check_row(&rows[0], &ooh);
	free(rows);
}

/*
 * --all-hours: accueil, March gains calls 3 and 18 (bot, wait 1 each):
 * offered 9, answered 6, bot 4, waits 2 1 1 9 1 1 (sorted 1 1 1 1 2 9: p50
 * rank 3 = 1, p90 rank 6 = 9), bot_sessions 6, contained in 24 h {11, 18}
 * of 6, repeats {4, 9, 11, 18} of 9.  The other rows do not change.
 */
static void
test_all_hours(void)
{
	static const struct want accueil_mar_all = { "accueil", "2025-03", {
		V(9), V(6), V(6.0 / 9), V(5), V(2.0 / 5), V(2), V(4), V(1),
		V(1.0 / 9), V(2), V(0), V(1), V(15.0 / 6), V(1), V(9), V(18),
		V(6.0 / 9), V(6.0 / 6), V(100.0 / 1), V(652.0 / 2), V(6), V(2),
		V(2.0 / 6), V(4.0 / 6), V(2.0 / 6), V(1.0 / 2), V(4.0 / 9), V(3),
		V(0.0 / 3), V(1.0 / 3) } };
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;

	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_ALL_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 4);
	if (n == 4) {
		check_row(&rows[0], &accueil_feb);
		check_row(&rows[1], &accueil_mar_all);
		check_row(&rows[2], &urbanisme_feb);
		check_row(&rows[3], &urbanisme_mar);
	}
	free(rows);
}

/* Importing the same files again stores nothing new and changes no
 * figure. */
static void
test_reimport(void)
{
	struct cs_import im;
	struct cs_import_stats st;
	struct cs_error err;
	struct cs_kpi_query q;
	struct cs_kpi_row *rows;
	size_t n;
	char path[4096];

	CU_ASSERT_FATAL(setup_ok);
	snprintf(path, sizeof(path), "%s", cs_unit_data("sample-data/example/Master.csv"));
	memset(&im, 0, sizeof(im));
	im.db = &db;
	im.cfg = &cfg;
	im.priv = &priv;
	im.times_utc = cfg.times_utc;
	im.reject = on_reject;
	CU_ASSERT_EQUAL_FATAL(cs_import_file(&im, path, &st, &err), 0);
	CU_ASSERT_EQUAL(st.stored, 0);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL_FATAL(cs_calls_refresh(&db, &cfg, NULL, &err), 0);

	query_init(&q, 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	CU_ASSERT_FATAL(compute(&q, &rows, &n) == 0);
	CU_ASSERT_EQUAL(n, 4);
	if (n == 4) {
		check_row(&rows[0], &accueil_feb);
		check_row(&rows[1], &accueil_mar);
		check_row(&rows[2], &urbanisme_feb);
		check_row(&rows[3], &urbanisme_mar);
	}
	free(rows);
}

/* ---- several computations at once ---- */

/*
 * The example's configuration with its two services in the other order.
 * The figures come from the daily totals, which the rebuild made with the
 * example's own configuration; this one only orders the rows: urbanisme's
 * first.
 */
static const char reversed_conf[] =
	"[commune]\n"
	"name = Ville de Beaumont\n"
	"timezone = Europe/Paris\n"
	"holidays = fr\n"
	"short_abandon = 5\n"
	"service_level = 20\n"
	"dial_timeout = 30\n"
	"[pbx]\n"
	"times = local\n"
	"[bot]\n"
	"match = channel:PJSIP/voicebot-*\n"
	"go_live = 2025-03-03\n"
	"[internal]\n"
	"match = ext:1000-2999\n"
	"[service urbanisme]\n"
	"label = Urbanisme\n"
	"match = did:0199000200 did:01990022?? queue:urbanisme ext:2200-2299\n"
	"hours = mon,tue,thu,fri 09:00-12:00 14:00-17:00; wed 09:00-12:00\n"
	"[service accueil]\n"
	"label = Accueil\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n"
	"hours = mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00\n";

#define NTHREADS	4
#define ROUNDS		25
#define NQUERIES	4

static const struct cs_config *mt_cfg[2];
static struct cs_kpi_query mt_query[NQUERIES];
static struct {
	struct cs_kpi_row *rows;
	size_t n;
} mt_ref[2][NQUERIES];

struct mt_thread {
	pthread_t tid;
	int index;
	long computed, differed, failed;
	struct cs_error err;		/* the last failure */
};

static int
same_rows(const struct cs_kpi_row *a, size_t na, const struct cs_kpi_row *b,
    size_t nb)
{
	if (na != nb)
		return 0;
	for (size_t i = 0; i < na; i++) {
		if (strcmp(a[i].service, b[i].service) != 0 ||
		    strcmp(a[i].period, b[i].period) != 0)
			return 0;
		for (int f = 0; f < CS_KPI_NFIGS; f++)
			if (a[i].has[f] != b[i].has[f] ||
			    (a[i].has[f] && a[i].v[f] != b[i].v[f]))
				return 0;
	}
	return 1;
}

/* One thread: its own read-only connection, the four queries under both
 * configurations in turn, each result compared with the reference.  No
 * CUnit call here (CUnit is not thread-safe): the counts say it all. */
static void *
mt_run(void *arg)
{
	struct mt_thread *t = arg;
	struct cs_db tdb;
	struct cs_error err;

	if (cs_db_open(&tdb, dbpath, CS_DB_READ, &t->err) != 0) {
		t->failed++;
		return NULL;
	}
	for (int r = 0; r < ROUNDS; r++) {
		for (int k = 0; k < NQUERIES; k++) {
			int c = (t->index + r + k) % 2;
			struct cs_kpi_row *rows;
			size_t n;

			if (cs_kpi_compute(&tdb, mt_cfg[c], &mt_query[k], &rows,
			    &n, &t->err) != 0) {
				t->failed++;
				continue;
			}
			t->computed++;
			if (!same_rows(rows, n, mt_ref[c][k].rows, mt_ref[c][k].n))
				t->differed++;
			free(rows);
		}
	}
	cs_db_close(&tdb, &err);
	return NULL;
}

static void
test_threads(void)
{
	struct cs_config rev;
	struct cs_error err;
	struct mt_thread th[NTHREADS];
	char path[600];
	FILE *fp;
	int rev_ok = 0;

	CU_ASSERT_FATAL(setup_ok);
	snprintf(path, sizeof(path), "%s/reversed.conf", tmpdir);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fputs(reversed_conf, fp);
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
	if (cs_config_load(&rev, path, &err) != 0)
		fprintf(stderr, "\n  %s\n", err.msg);
	else
		rev_ok = 1;
	unlink(path);
	CU_ASSERT_FATAL(rev_ok);

	mt_cfg[0] = &cfg;
	mt_cfg[1] = &rev;
	query_init(&mt_query[0], 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	query_init(&mt_query[1], 1, 1, CS_PERIOD_DAY, CS_KPI_ALL_HOURS);
	query_init(&mt_query[2], 1, 0, CS_PERIOD_DAY, CS_KPI_IN_HOURS);
	query_init(&mt_query[3], 1, 1, CS_PERIOD_WEEK, CS_KPI_OUT_OF_HOURS);

	/* the references, one at a time, on the suite's connection */
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < NQUERIES; k++) {
			CU_ASSERT_EQUAL(cs_kpi_compute(&db, mt_cfg[c], &mt_query[k],
			    &mt_ref[c][k].rows, &mt_ref[c][k].n, &err), 0);
		}
	/* the two orders differ: accueil first, then urbanisme first */
	CU_ASSERT_EQUAL(mt_ref[0][0].n, 4);
	CU_ASSERT_EQUAL(mt_ref[1][0].n, 4);
	if (mt_ref[0][0].n == 4 && mt_ref[1][0].n == 4) {
		static const char *const want[2][4] = {
			{ "accueil", "accueil", "urbanisme", "urbanisme" },
			{ "urbanisme", "urbanisme", "accueil", "accueil" },
		};

		for (int c = 0; c < 2; c++)
			for (int i = 0; i < 4; i++) {
				CU_ASSERT_STRING_EQUAL(mt_ref[c][0].rows[i].service,
				    want[c][i]);
				CU_ASSERT_STRING_EQUAL(mt_ref[c][0].rows[i].period,
				    i % 2 == 0 ? "2025-02" : "2025-03");
			}
		check_row(&mt_ref[1][0].rows[0], &urbanisme_feb);
		check_row(&mt_ref[1][0].rows[3], &accueil_mar);
	}
	/* by day, all hours: more rows than two, in both orders */
	CU_ASSERT(mt_ref[0][1].n > 2);
	CU_ASSERT(mt_ref[0][1].n == mt_ref[1][1].n);
	CU_ASSERT(!same_rows(mt_ref[0][1].rows, mt_ref[0][1].n,
	    mt_ref[1][1].rows, mt_ref[1][1].n));

	memset(th, 0, sizeof(th));
	for (int i = 0; i < NTHREADS; i++) {
		th[i].index = i;
		CU_ASSERT_EQUAL_FATAL(pthread_create(&th[i].tid, NULL, mt_run,
		    &th[i]), 0);
	}
	for (int i = 0; i < NTHREADS; i++) {
		CU_ASSERT_EQUAL(pthread_join(th[i].tid, NULL), 0);
		CU_ASSERT_EQUAL(th[i].failed, 0);
		CU_ASSERT_EQUAL(th[i].computed, ROUNDS * NQUERIES);
		CU_ASSERT_EQUAL(th[i].differed, 0);
		if (th[i].failed != 0 || th[i].differed != 0)
			fprintf(stderr, "\n  thread %d: %ld of %ld differed, "
			    "%ld failed%s%s\n", i, th[i].differed,
			    th[i].computed, th[i].failed,
			    th[i].failed ? ": " : "",
			    th[i].failed ? th[i].err.msg : "");
	}
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < NQUERIES; k++)
			free(mt_ref[c][k].rows);
	cs_config_release(&rev);
}

/* A dense histogram (secs NULL): counts[s] values equal to s. */
static void
test_percentile_dense(void)
{
	/* waits 1, 1, 2, 9 of accueil in March, as counts by second */
	long c[] = { 0, 2, 1, 0, 0, 0, 0, 0, 0, 1 };

	CU_ASSERT_EQUAL(cs_kpi_percentile(NULL, c, 10, 4, 50), 1);	/* rank 2 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(NULL, c, 10, 4, 75), 2);	/* rank 3 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(NULL, c, 10, 4, 90), 9);	/* rank 4 */
	CU_ASSERT_EQUAL(cs_kpi_percentile(NULL, c, 10, 4, 1), 1);	/* rank 1 */
}

/* A format's lacks, as its entry lists them (lacks.h). */
static void
test_lacks_has(void)
{
	const char *l = "abandoned, missed, abandon_rate";

	CU_ASSERT_TRUE(cs_lacks_has(l, "abandoned"));
	CU_ASSERT_TRUE(cs_lacks_has(l, "missed"));
	CU_ASSERT_TRUE(cs_lacks_has(l, "abandon_rate"));
	/* a name that only begins or ends another's is not it */
	CU_ASSERT_FALSE(cs_lacks_has(l, "abandon"));
	CU_ASSERT_FALSE(cs_lacks_has(l, "rate"));
	CU_ASSERT_FALSE(cs_lacks_has(l, "abandon_wait"));
	CU_ASSERT_FALSE(cs_lacks_has(NULL, "missed"));
	CU_ASSERT_FALSE(cs_lacks_has("", "missed"));
	CU_ASSERT_TRUE(cs_lacks_has("talk", "talk"));
	CU_ASSERT_TRUE(cs_lacks_has("talk,asa", "asa"));
}

/*
 * Where no format of the database lacks a figure, nothing is emptied, and
 * each row knows its days: the example's Master.csv starts calls from
 * 2025-02-11 to 2025-03-31 (its start column), all counted at all hours.
 */
static void
test_lacks_none(void)
{
	struct cs_kpi_query q = { .hours = CS_KPI_ALL_HOURS };
	struct cs_lack l[CS_LACKS_MAX];
	struct cs_kpi_row *rows = NULL;
	struct cs_error err;
	size_t n = 0;
	int nl = -1;

	CU_ASSERT_FATAL(setup_ok);
	CU_ASSERT_EQUAL_FATAL(cs_lacks_days(&db, NULL, NULL, l, &nl, &err), 0);
	CU_ASSERT_EQUAL(nl, 0);
	CU_ASSERT_EQUAL(cs_lacks_days(&db, "2025-03", NULL, l, &nl, &err), -1);
	CU_ASSERT_EQUAL_FATAL(cs_kpi_compute(&db, &cfg, &q, &rows, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(rows[0].first, "2025-02-11");
	CU_ASSERT_STRING_EQUAL(rows[0].last, "2025-03-31");
	CU_ASSERT_TRUE(rows[0].has[CS_KPI_ABANDONED]);
	CU_ASSERT_TRUE(rows[0].has[CS_KPI_MISSED]);
	free(rows);
}

static CU_TestInfo tests[] = {
	{ "lacks: names in a list", test_lacks_has },
	{ "lacks: none in the example", test_lacks_none },
	{ "percentile: calls.md examples", test_percentile_examples },
	{ "percentile: dense histogram", test_percentile_dense },
	{ "percentile: integer rank", test_percentile_integer_rank },
	{ "percentile: big counts", test_percentile_big_counts },
	{ "names and kinds", test_names_and_kinds },
	{ "example imported", test_setup },
	{ "example by service and month", test_example_by_service_month },
	{ "example agrees with expected_kpi.csv", test_example_csv },
	{ "names are the CSV header", test_names_are_csv_header },
	{ "by service only", test_by_service },
	{ "by month only", test_by_month },
	{ "by year and whole", test_by_year_and_whole },
	{ "by ISO week", test_by_week },
	{ "from and to", test_from_to },
	{ "out of hours", test_out_of_hours },
	{ "all hours", test_all_hours },
	{ "re-import changes nothing", test_reimport },
	{ "several threads at once", test_threads },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("kpi", tests, suite_init, suite_clean)
