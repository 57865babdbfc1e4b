/*
 * test_kpi_ranges.c: cs_kpi_compute() on the worked example (kpifix.h)
 * with --from and --to, in and out of hours, after a re-import; several
 * threads computing at once, each getting what one thread got; and the
 * figures a format lacks (lacks.h).  Every value worked out by hand from
 * calls.md's table of calls.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "import.h"
#include "kpifix.h"
#include "lacks.h"
#include "unit.h"

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

	check_months(CS_KPI_ALL_HOURS, &accueil_mar_all);
}

/* Importing the same files again stores nothing new and changes no
 * figure. */
static void
test_reimport(void)
{
	struct cs_import_stats st;
	struct cs_error err;

	CU_ASSERT_FATAL(kpi_setup_ok);
	CU_ASSERT_EQUAL_FATAL(kpi_import("sample-data/example/Master.csv", &st,
	    &err), 0);
	CU_ASSERT_EQUAL(st.stored, 0);
	CU_ASSERT_EQUAL(st.rejected, 0);
	CU_ASSERT_EQUAL_FATAL(cs_calls_refresh(&kpi_db, &kpi_cfg, NULL, &err), 0);
	check_months(CS_KPI_IN_HOURS, &accueil_mar);
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

	if (cs_db_open(&tdb, kpi_dbpath, CS_DB_READ, &t->err) != 0) {
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

	CU_ASSERT_FATAL(kpi_setup_ok);
	snprintf(path, sizeof(path), "%s/reversed.conf", kpi_tmpdir);
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

	mt_cfg[0] = &kpi_cfg;
	mt_cfg[1] = &rev;
	query_init(&mt_query[0], 1, 1, CS_PERIOD_MONTH, CS_KPI_IN_HOURS);
	query_init(&mt_query[1], 1, 1, CS_PERIOD_DAY, CS_KPI_ALL_HOURS);
	query_init(&mt_query[2], 1, 0, CS_PERIOD_DAY, CS_KPI_IN_HOURS);
	query_init(&mt_query[3], 1, 1, CS_PERIOD_WEEK, CS_KPI_OUT_OF_HOURS);

	/* the references, one at a time, on the suite's connection */
	for (int c = 0; c < 2; c++)
		for (int k = 0; k < NQUERIES; k++) {
			CU_ASSERT_EQUAL(cs_kpi_compute(&kpi_db, mt_cfg[c], &mt_query[k],
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

	CU_ASSERT_FATAL(kpi_setup_ok);
	CU_ASSERT_EQUAL_FATAL(cs_lacks_days(&kpi_db, NULL, NULL, l, &nl, &err), 0);
	CU_ASSERT_EQUAL(nl, 0);
	CU_ASSERT_EQUAL(cs_lacks_days(&kpi_db, "2025-03", NULL, l, &nl, &err), -1);
	CU_ASSERT_EQUAL_FATAL(cs_kpi_compute(&kpi_db, &kpi_cfg, &q, &rows, &n, &err), 0);
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
	{ "from and to", test_from_to },
	{ "out of hours", test_out_of_hours },
	{ "all hours", test_all_hours },
	{ "re-import changes nothing", test_reimport },
	{ "several threads at once", test_threads },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("kpi_ranges", tests, cs_kpi_fix_init, cs_kpi_fix_clean)
