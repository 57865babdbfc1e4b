/*
 * stats.h: the before-and-after tests of callstat-kpi(7) ("Before and
 * after"), as pure functions: no database, no state between calls, no
 * printing.  compare.c feeds them the counts and wait histograms that
 * cs_kpi_compute and the wait_hist table hold.
 *
 * Intervals are 95 % (z = 1.959963984540054).  A result that does not
 * exist (a rate of nothing, a test with no variance) is a -1 return, which
 * the caller shows as empty, never as 0.
 */
#ifndef CS_STATS_H
#define CS_STATS_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"
#include "rng.h"

#define CS_STATS_Z95 1.959963984540054

/* The Wilson score interval of x/n.  Returns -1 when n <= 0 or x is not
 * in 0..n.  0/n gives a low of exactly 0, n/n a high of exactly 1. */
int cs_stats_wilson(double x, double n, double *low, double *high);

/*
 * Newcombe's hybrid score interval (his method 10) of p2 - p1, with
 * p1 = x1/n1 (before) and p2 = x2/n2 (after), built from the two Wilson
 * intervals.  *diff gets p2 - p1.  Returns -1 when either rate does not
 * exist.
 */
int cs_stats_newcombe(double x1, double n1, double x2, double n2,
    double *diff, double *low, double *high);

/*
 * The two-sided p-value of the pooled two-proportion z-test of x1/n1
 * against x2/n2.  Returns -1 (no p-value) when a side is empty or the
 * pooled proportion is 0 or 1.
 */
int cs_stats_ztest(double x1, double n1, double x2, double n2, double *p);

/* A histogram of whole seconds: counts[i] values equal to secs[i], secs
 * strictly ascending, total the sum of counts.  The caller owns both
 * arrays. */
struct cs_stats_hist {
	const long *secs;
	const long *counts;
	size_t n;
	long total;
};

/*
 * The two-sided p-value of the Mann-Whitney U test of a against b: the
 * normal approximation with the tie correction, without continuity
 * correction, in one pass over the buckets (O(a.n + b.n)).  Returns -1
 * when a side is empty or every value is the same (no variance).
 */
int cs_stats_mann_whitney(const struct cs_stats_hist *a,
    const struct cs_stats_hist *b, double *p);

/* A binomial(n, p) draw: inversion when n * min(p, 1 - p) < 10, else
 * Hörmann's BTRD (1993); O(1) expected time whatever n. */
long cs_stats_binomial(struct cs_rng *r, long n, double p);

/* The statistics the bootstrap resamples, in this order. */
enum cs_stats_stat { CS_STATS_MEAN, CS_STATS_P50, CS_STATS_P90, CS_STATS_NSTAT };

/* The default number of resamples (callstat-kpi(7)). */
#define CS_STATS_RESAMPLES 2000

/*
 * The seeded bootstrap 95 % percentile interval of stat(after) -
 * stat(before), for each statistic of enum cs_stats_stat at once, from the
 * same resamples.  Each resample draws a histogram of the same total from
 * each side, multinomial over its buckets by sequential binomials, so one
 * costs O(buckets), not O(values).  The interval's ends are the
 * nearest-rank 2.5th and 97.5th percentiles of the resampled differences;
 * the percentiles of a resample are nearest-rank (cs_kpi_percentile).
 * Returns -1 when a side is empty, resamples < 1, or memory runs out (err
 * says which).
 */
int cs_stats_bootstrap(const struct cs_stats_hist *before,
    const struct cs_stats_hist *after, int resamples, uint64_t seed,
    double low[CS_STATS_NSTAT], double high[CS_STATS_NSTAT],
    struct cs_error *err);

#endif
