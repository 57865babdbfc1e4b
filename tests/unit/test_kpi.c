/*
 * test_kpi.c: the kpi suite.  The nearest-rank percentile on its own, then
 * cs_kpi_compute() end to end on the worked example of sample-data/example
 * (kpifix.h), by service and month, service, month, year, week: every
 * figure compared with the values worked out by hand in calls.md (and, for
 * the groupings calls.md does not print, worked out the same way from its
 * table of calls).  Doubles are compared exactly with the fractions that
 * define them: 4.0 / 7 is what "4 of 7" must give.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpifix.h"
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

static void
test_setup(void)
{
	CU_ASSERT_FATAL(kpi_setup_ok);
	CU_ASSERT_EQUAL(kpi_rejected, 0);
}

/* `callstat-kpi --by service,month`: the four rows of expected_kpi.csv. */
static void
test_example_by_service_month(void)
{
	check_months(CS_KPI_IN_HOURS, &accueil_mar);
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

static CU_TestInfo tests[] = {
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
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("kpi", tests, cs_kpi_fix_init, cs_kpi_fix_clean)
