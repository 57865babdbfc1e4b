/*
 * test_stats.c: the stats suite.  Every expected value comes from
 * tests/unit/stats_reference.py (the textbook formulas in Python's math,
 * never this code) or is worked by hand in the comments; kpi.md's two
 * worked examples are the first tests.
 */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "stats.h"
#include "unit.h"

#define NEAR(a, b) CU_ASSERT_DOUBLE_EQUAL((a), (b), 1e-4)
#define EXACT(a, b) CU_ASSERT_DOUBLE_EQUAL((a), (b), 1e-9)

static void
test_worked_examples(void)
{
	double d, lo, hi;

	/* kpi.md: 840/1200 before, 1274/1300 after: +28.0 points, about
	   +25.3 to +30.7 */
	CU_ASSERT_EQUAL(cs_stats_newcombe(840, 1200, 1274, 1300, &d, &lo, &hi), 0);
	EXACT(d, 0.28);
	NEAR(lo, 0.253139576390);
	NEAR(hi, 0.307273805855);
	EXACT(lo, 0.253139576390);
	EXACT(hi, 0.307273805855);
	/* 14/20 and 20/20: +30.0, about +7.7 to +51.9 */
	CU_ASSERT_EQUAL(cs_stats_newcombe(14, 20, 20, 20, &d, &lo, &hi), 0);
	EXACT(d, 0.30);
	EXACT(lo, 0.076754398898);
	EXACT(hi, 0.518972818354);
}

static void
test_wilson(void)
{
	double lo, hi;

	CU_ASSERT_EQUAL(cs_stats_wilson(840, 1200, &lo, &hi), 0);
	EXACT(lo, 0.673467448643);
	EXACT(hi, 0.725256151116);
	CU_ASSERT_EQUAL(cs_stats_wilson(1274, 1300, &lo, &hi), 0);
	EXACT(lo, 0.970856194047);
	EXACT(hi, 0.986315394230);
	/* 0/n: low exactly 0, high z^2 / (n + z^2) = 3.8415 / 13.8415 */
	CU_ASSERT_EQUAL(cs_stats_wilson(0, 10, &lo, &hi), 0);
	CU_ASSERT_EQUAL(lo, 0);
	EXACT(hi, 0.277532799863);
	/* n/n: the mirror, high exactly 1 */
	CU_ASSERT_EQUAL(cs_stats_wilson(10, 10, &lo, &hi), 0);
	EXACT(lo, 0.722467200137);
	CU_ASSERT_EQUAL(hi, 1);
	/* nothing: no interval */
	CU_ASSERT_EQUAL(cs_stats_wilson(0, 0, &lo, &hi), -1);
	CU_ASSERT_EQUAL(cs_stats_wilson(3, 2, &lo, &hi), -1);
	CU_ASSERT_EQUAL(cs_stats_newcombe(0, 0, 1, 2, &lo, &lo, &hi), -1);
}

static void
test_ztest(void)
{
	double p;

	/* z = 19.357..., p = 1.7700877706511222e-83 */
	CU_ASSERT_EQUAL(cs_stats_ztest(840, 1200, 1274, 1300, &p), 0);
	CU_ASSERT(fabs(p / 1.7700877706511222e-83 - 1) < 1e-6);
	CU_ASSERT_EQUAL(cs_stats_ztest(14, 20, 20, 20, &p), 0);
	EXACT(p, 0.007887577920);
	/* 45/100 against 55/100: pooled 0.5, se sqrt(0.25 * 0.02) = 0.0707,
	   z = 1.4142, p = 0.1573 */
	CU_ASSERT_EQUAL(cs_stats_ztest(45, 100, 55, 100, &p), 0);
	EXACT(p, 0.157299207050);
	/* pooled 0 or 1, or a side empty: no p-value */
	CU_ASSERT_EQUAL(cs_stats_ztest(0, 20, 0, 30, &p), -1);
	CU_ASSERT_EQUAL(cs_stats_ztest(20, 20, 30, 30, &p), -1);
	CU_ASSERT_EQUAL(cs_stats_ztest(1, 2, 0, 0, &p), -1);
}

static void
test_mann_whitney(void)
{
	double p;
	/* A: waits 1, 2, 2, 3 before and 2, 3, 3, 4, 5 after.  Ranks of the
	   nine: 1 -> 1; 2 (x3) -> 3; 3 (x3) -> 6; 4 -> 8; 5 -> 9.  R1 = 1 +
	   3 + 3 + 6 = 13, U1 = 13 - 10 = 3 (the pairs: 3 ties count 1/2,
	   1 pair 3 > 2 ... stats_reference.py counts 3 too); ties 24 + 24 = 48,
	   var = 20 / 12 * (10 - 48 / 72) = 15.5556, z = (3 - 10) / 3.944 */
	long sa[] = { 1, 2, 3 }, ca[] = { 1, 2, 1 };
	long sb[] = { 2, 3, 4, 5 }, cb[] = { 1, 2, 1, 1 };
	struct cs_stats_hist a = { sa, ca, 3, 4 }, b = { sb, cb, 4, 5 };
	/* B: 1, 2, 3 against 4, 5, 6, no ties: U = 0, var = 9 / 12 * 7 =
	   5.25, z = -4.5 / 2.2913 = -1.9640 */
	long s1[] = { 1, 2, 3 }, s2[] = { 4, 5, 6 }, one[] = { 1, 1, 1 };
	struct cs_stats_hist b1 = { s1, one, 3, 3 }, b2 = { s2, one, 3, 3 };
	/* C: 10 zeros, 5 twenties against 4 zeros, 8 twenties, 3 forties */
	long c1s[] = { 0, 20 }, c1c[] = { 10, 5 };
	long c2s[] = { 0, 20, 40 }, c2c[] = { 4, 8, 3 };
	struct cs_stats_hist c1 = { c1s, c1c, 2, 15 }, c2 = { c2s, c2c, 3, 15 };
	/* D: every value the same: no variance, no p-value */
	long ds[] = { 7 }, dc[] = { 5 };
	struct cs_stats_hist d = { ds, dc, 1, 5 }, empty = { NULL, NULL, 0, 0 };

	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&a, &b, &p), 0);
	EXACT(p, 0.075926962983);
	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&b, &a, &p), 0);
	EXACT(p, 0.075926962983);
	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&b1, &b2, &p), 0);
	EXACT(p, 0.049534613436);
	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&c1, &c2, &p), 0);
	EXACT(p, 0.015983043936);
	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&d, &d, &p), -1);
	CU_ASSERT_EQUAL(cs_stats_mann_whitney(&d, &empty, &p), -1);
}

/* The binomial draws have the binomial's mean and variance, by inversion
 * and by BTRD, within 5 standard errors. */
static void
check_binomial(long n, double p)
{
	struct cs_rng r;
	double sum = 0, sum2 = 0, mean, var, want = (double)n * p;
	double wvar = want * (1 - p);
	int draws = 20000;

	cs_rng_seed(&r, 42);
	for (int i = 0; i < draws; i++) {
		long k = cs_stats_binomial(&r, n, p);

		CU_ASSERT(k >= 0 && k <= n);
		sum += (double)k;
		sum2 += (double)k * (double)k;
	}
	mean = sum / draws;
	var = sum2 / draws - mean * mean;
	CU_ASSERT(fabs(mean - want) < 5 * sqrt(wvar / draws));
	/* the variance's standard error is about var * sqrt(2 / draws) */
	CU_ASSERT(fabs(var - wvar) < 5 * wvar * sqrt(2.0 / draws) + 1e-9);
}

static void
test_binomial(void)
{
	struct cs_rng r;

	check_binomial(20, 0.3);		/* inversion */
	check_binomial(1000, 0.3);		/* BTRD */
	check_binomial(1000, 0.97);		/* BTRD, mirrored */
	check_binomial(300000, 0.0005);		/* BTRD near its lower edge */
	check_binomial(300000, 0.00001);	/* inversion, n large */
	cs_rng_seed(&r, 1);
	CU_ASSERT_EQUAL(cs_stats_binomial(&r, 10, 0), 0);
	CU_ASSERT_EQUAL(cs_stats_binomial(&r, 10, 1), 10);
	CU_ASSERT_EQUAL(cs_stats_binomial(&r, 0, 0.5), 0);
}

/* A seed gives the same numbers every time, another seed others, and the
 * uniforms stay in [0, 1). */
static void
test_rng(void)
{
	struct cs_rng r, r2;
	uint64_t a, b;

	cs_rng_seed(&r, 1);
	cs_rng_seed(&r2, 1);
	for (int i = 0; i < 100; i++)
		CU_ASSERT_EQUAL(cs_rng_next(&r), cs_rng_next(&r2));
	cs_rng_seed(&r, 2);
	a = cs_rng_next(&r);
	cs_rng_seed(&r2, 3);
	b = cs_rng_next(&r2);
	CU_ASSERT_NOT_EQUAL(a, b);
	for (int i = 0; i < 1000; i++) {
		double u = cs_rng_uniform(&r);

		CU_ASSERT(u >= 0 && u < 1);
	}
}

static void
test_bootstrap(void)
{
	/* before: waits 0..19 s, 500 calls each (mean 9.5, median 9, p90 17);
	   after: 10..29 s, 500 each (mean 19.5, median 19, p90 27): every
	   true difference is +10 */
	long sb[20], cb[20], sa[20], ca[20];
	struct cs_stats_hist before = { sb, cb, 20, 10000 };
	struct cs_stats_hist after = { sa, ca, 20, 10000 };
	double lo[CS_STATS_NSTAT], hi[CS_STATS_NSTAT];
	double lo2[CS_STATS_NSTAT], hi2[CS_STATS_NSTAT];
	struct cs_error err;
	int differs = 0;

	for (int i = 0; i < 20; i++) {
		sb[i] = i;
		sa[i] = i + 10;
		cb[i] = ca[i] = 500;
	}
	CU_ASSERT_EQUAL(cs_stats_bootstrap(&before, &after, 2000, 1, lo, hi,
	    &err), 0);
	for (int s = 0; s < CS_STATS_NSTAT; s++) {
		CU_ASSERT(lo[s] <= 10 && hi[s] >= 10);
		CU_ASSERT(hi[s] - lo[s] <= 2);	/* medians step by 1 s */
	}
	/* the mean's interval is about +-1.96 sqrt(2 * 33.25 / 10000) =
	   +-0.16 around 10 */
	CU_ASSERT(fabs(lo[CS_STATS_MEAN] - 9.84) < 0.05);
	CU_ASSERT(fabs(hi[CS_STATS_MEAN] - 10.16) < 0.05);
	/* the same seed, the same interval; another seed, another one */
	CU_ASSERT_EQUAL(cs_stats_bootstrap(&before, &after, 2000, 1, lo2, hi2,
	    &err), 0);
	CU_ASSERT(memcmp(lo, lo2, sizeof(lo)) == 0 &&
	    memcmp(hi, hi2, sizeof(hi)) == 0);
	CU_ASSERT_EQUAL(cs_stats_bootstrap(&before, &after, 2000, 2, lo2, hi2,
	    &err), 0);
	differs = lo[CS_STATS_MEAN] != lo2[CS_STATS_MEAN] ||
	    hi[CS_STATS_MEAN] != hi2[CS_STATS_MEAN];
	CU_ASSERT(differs);
	/* one value on each side: every resample is the same */
	{
		long s1[] = { 4 }, s2[] = { 9 }, c[] = { 30 };
		struct cs_stats_hist h1 = { s1, c, 1, 30 }, h2 = { s2, c, 1, 30 };

		CU_ASSERT_EQUAL(cs_stats_bootstrap(&h1, &h2, 100, 7, lo, hi,
		    &err), 0);
		for (int s = 0; s < CS_STATS_NSTAT; s++) {
			CU_ASSERT_EQUAL(lo[s], 5);
			CU_ASSERT_EQUAL(hi[s], 5);
		}
	}
	/* an empty side: an error, not an interval */
	before.total = 0;
	CU_ASSERT_EQUAL(cs_stats_bootstrap(&before, &after, 10, 1, lo, hi,
	    &err), -1);
}

static CU_TestInfo tests[] = {
	{ "kpi.md's worked examples", test_worked_examples },
	{ "Wilson intervals", test_wilson },
	{ "pooled z-test", test_ztest },
	{ "Mann-Whitney from histograms", test_mann_whitney },
	{ "binomial draws", test_binomial },
	{ "generator", test_rng },
	{ "bootstrap", test_bootstrap },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("stats", tests)
