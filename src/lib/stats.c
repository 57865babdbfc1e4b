/*
 * stats.c: intervals and tests for callstat-compare (stats.h).  The
 * formulas are those of callstat-kpi(7) and callstat-compare(1); the unit
 * tests check them against values computed independently
 * (tests/unit/stats_reference.py).
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "kpi.h"
#include "stats.h"

int
cs_stats_wilson(double x, double n, double *low, double *high)
{
	double z = CS_STATS_Z95, z2 = z * z, p, centre, half;

	if (!(n > 0) || x < 0 || x > n)
		return -1;
	p = x / n;
	centre = (p + z2 / (2 * n)) / (1 + z2 / n);
	half = z / (1 + z2 / n) * sqrt(p * (1 - p) / n + z2 / (4 * n * n));
	/* the ends are exact where the formula only comes near them */
	*low = x == 0 ? 0 : centre - half;
	*high = x == n ? 1 : centre + half;
	return 0;
}

int
cs_stats_newcombe(double x1, double n1, double x2, double n2, double *diff,
    double *low, double *high)
{
	double l1, u1, l2, u2, p1, p2;

	if (cs_stats_wilson(x1, n1, &l1, &u1) != 0 ||
	    cs_stats_wilson(x2, n2, &l2, &u2) != 0)
		return -1;
	p1 = x1 / n1;
	p2 = x2 / n2;
	*diff = p2 - p1;
	*low = *diff - sqrt((p2 - l2) * (p2 - l2) + (u1 - p1) * (u1 - p1));
	*high = *diff + sqrt((u2 - p2) * (u2 - p2) + (p1 - l1) * (p1 - l1));
	return 0;
}

/* Two-sided p of a standard normal z. */
static double
two_sided(double z)
{
	return erfc(fabs(z) / sqrt(2.0));
}

int
cs_stats_ztest(double x1, double n1, double x2, double n2, double *p)
{
	double pool, se;

	if (!(n1 > 0) || !(n2 > 0))
		return -1;
	pool = (x1 + x2) / (n1 + n2);
	if (!(pool > 0) || !(pool < 1))
		return -1;
	se = sqrt(pool * (1 - pool) * (1 / n1 + 1 / n2));
	*p = two_sided((x2 / n2 - x1 / n1) / se);
	return 0;
}

int
cs_stats_mann_whitney(const struct cs_stats_hist *a,
    const struct cs_stats_hist *b, double *p)
{
	double n1 = (double)a->total, n2 = (double)b->total, nn = n1 + n2;
	double r1 = 0, below = 0, ties = 0, u, var;
	size_t i = 0, j = 0;

	if (a->total <= 0 || b->total <= 0)
		return -1;
	/* one merge of the two sorted histograms: each value's run of ties
	   gets the mean rank of its places */
	while (i < a->n || j < b->n) {
		long v;
		double ca = 0, cb = 0, t;

		if (j >= b->n || (i < a->n && a->secs[i] <= b->secs[j]))
			v = a->secs[i];
		else
			v = b->secs[j];
		if (i < a->n && a->secs[i] == v)
			ca = (double)a->counts[i++];
		if (j < b->n && b->secs[j] == v)
			cb = (double)b->counts[j++];
		t = ca + cb;
		r1 += ca * (below + (t + 1) / 2);
		ties += t * t * t - t;
		below += t;
	}
	u = r1 - n1 * (n1 + 1) / 2;
	var = n1 * n2 / 12 * ((nn + 1) - ties / (nn * (nn - 1)));
	if (!(var > 0))
		return -1;
	*p = two_sided((u - n1 * n2 / 2) / sqrt(var));
	return 0;
}

/* ---- binomial draws from the generator (rng.h) ---- */

/* Small mean: walk the probabilities from 0 (inversion). */
static long
binomial_inversion(struct cs_rng *r, long n, double p)
{
	double q = 1 - p, s = p / q, a = (double)(n + 1) * s;
	double f = exp((double)n * log1p(-p)), u = cs_rng_uniform(r);
	long x = 0;

	while (u > f) {
		u -= f;
		x++;
		if (x > n)
			return n;	/* rounding left a crumb of u */
		f *= a / (double)x - s;
	}
	return x;
}

/* log(k!) less its Stirling approximation. */
static double
stirling_tail(double k)
{
	static const double fc[10] = {
		0.08106146679532726, 0.04134069595540929, 0.02767792568499834,
		0.02079067210376509, 0.01664469118982119, 0.01387612882307075,
		0.01189670994589177, 0.01041126526197209, 0.009255462182712733,
		0.008330563433362871,
	};
	double r;

	if (k < 10)
		return fc[(int)k];
	r = 1 / (k + 1);
	return (1.0 / 12 - (1.0 / 360 - 1.0 / 1260 * r * r) * r * r) * r;
}

/* Hörmann's BTRD, for n * p >= 10 and p <= 0.5. */
static long
binomial_btrd(struct cs_rng *rng, long n, double p)
{
	double dn = (double)n, q = 1 - p, m = floor((dn + 1) * p);
	double r = p / q, nr = (dn + 1) * r, npq = dn * p * q, snpq = sqrt(npq);
	double b = 1.15 + 2.53 * snpq, a = -0.0873 + 0.0248 * b + 0.01 * p;
	double c = dn * p + 0.5, alpha = (2.83 + 5.1 / b) * snpq;
	double vr = 0.92 - 4.2 / b, urvr = 0.86 * vr;

	for (;;) {
		double u, v = cs_rng_uniform(rng), us, k, km;

		if (v <= urvr) {
			u = v / vr - 0.43;
			return (long)floor((2 * a / (0.5 - fabs(u)) + b) * u + c);
		}
		if (v >= vr) {
			u = cs_rng_uniform(rng) - 0.5;
		} else {
			u = v / vr - 0.93;
			u = (u < 0 ? -0.5 : 0.5) - u;
			v = cs_rng_uniform(rng) * vr;
		}
		us = 0.5 - fabs(u);
		if (us <= 0)
			continue;
		k = floor((2 * a / us + b) * u + c);
		if (k < 0 || k > dn)
			continue;
		v = v * alpha / (a / (us * us) + b);
		km = fabs(k - m);
		if (km <= 15) {
			/* f(k) / f(m) by the recursion */
			double f = 1;

			if (m < k)
				for (double i = m + 1; i <= k; i++)
					f *= nr / i - r;
			else
				for (double i = k + 1; i <= m; i++)
					v *= nr / i - r;
			if (v <= f)
				return (long)k;
		} else {
			double rho, t, nm, h, nk;

			v = log(v);
			rho = (km / npq) * (((km / 3 + 0.625) * km + 1.0 / 6) /
			    npq + 0.5);
			t = -km * km / (2 * npq);
			if (v < t - rho)
				return (long)k;
			if (v > t + rho)
				continue;
			nm = dn - m + 1;
			h = (m + 0.5) * log((m + 1) / (r * nm)) +
			    stirling_tail(m) + stirling_tail(dn - m);
			nk = dn - k + 1;
			if (v <= h + (dn + 1) * log(nm / nk) +
			    (k + 0.5) * log(nk * r / (k + 1)) -
			    stirling_tail(k) - stirling_tail(dn - k))
				return (long)k;
		}
	}
}

long
cs_stats_binomial(struct cs_rng *r, long n, double p)
{
	if (n <= 0 || p <= 0)
		return 0;
	if (p >= 1)
		return n;
	if (p > 0.5)
		return n - cs_stats_binomial(r, n, 1 - p);
	if ((double)n * p < 10)
		return binomial_inversion(r, n, p);
	return binomial_btrd(r, n, p);
}

/* ---- the bootstrap ---- */

/* One resample of h into out (h->n counts): multinomial over the buckets
 * by sequential binomials, each bucket's share of what is left. */
static void
resample(struct cs_rng *r, const struct cs_stats_hist *h, long *out)
{
	long left = h->total, mass = h->total;

	for (size_t i = 0; i < h->n; i++) {
		long k;

		if (left == 0 || mass <= 0) {
			out[i] = 0;
			continue;
		}
		k = h->counts[i] >= mass ? left :
		    cs_stats_binomial(r, left, (double)h->counts[i] / (double)mass);
		out[i] = k;
		left -= k;
		mass -= h->counts[i];
	}
}

static void
statistics(const struct cs_stats_hist *h, const long *counts,
    double s[CS_STATS_NSTAT])
{
	double sum = 0;

	for (size_t i = 0; i < h->n; i++)
		sum += (double)counts[i] * (double)h->secs[i];
	s[CS_STATS_MEAN] = sum / (double)h->total;
	s[CS_STATS_P50] = cs_kpi_percentile(h->secs, counts, h->n, h->total, 50);
	s[CS_STATS_P90] = cs_kpi_percentile(h->secs, counts, h->n, h->total, 90);
}

static int
cmp_double(const void *pa, const void *pb)
{
	double a = *(const double *)pa, b = *(const double *)pb;

	return (a > b) - (a < b);
}

int
cs_stats_bootstrap(const struct cs_stats_hist *before,
    const struct cs_stats_hist *after, int resamples, uint64_t seed,
    double low[CS_STATS_NSTAT], double high[CS_STATS_NSTAT],
    struct cs_error *err)
{
	struct cs_rng rng;
	long *kb = NULL, *ka = NULL;
	double *d = NULL;
	size_t nr = (size_t)resamples, lo, hi;
	int ret = -1;

	if (before->total <= 0 || after->total <= 0)
		return cs_error_set(err, "no values to resample");
	if (resamples < 1)
		return cs_error_set(err, "resamples must be at least 1");
	kb = calloc(before->n + 1, sizeof(*kb));
	ka = calloc(after->n + 1, sizeof(*ka));
	d = calloc(CS_STATS_NSTAT * nr, sizeof(*d));
	if (kb == NULL || ka == NULL || d == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	cs_rng_seed(&rng, seed);
	for (size_t i = 0; i < nr; i++) {
		double sb[CS_STATS_NSTAT], sa[CS_STATS_NSTAT];

		resample(&rng, before, kb);
		resample(&rng, after, ka);
		statistics(before, kb, sb);
		statistics(after, ka, sa);
		for (int s = 0; s < CS_STATS_NSTAT; s++)
			d[s * nr + i] = sa[s] - sb[s];
	}
	/* nearest rank: the ceil(2.5 % of R)-th and ceil(97.5 % of R)-th
	   smallest differences, in integers as cs_kpi_percentile */
	lo = (25 * nr + 999) / 1000;
	hi = (975 * nr + 999) / 1000;
	if (lo < 1)
		lo = 1;
	for (int s = 0; s < CS_STATS_NSTAT; s++) {
		qsort(d + s * nr, nr, sizeof(*d), cmp_double);
		low[s] = d[s * nr + lo - 1];
		high[s] = d[s * nr + hi - 1];
	}
	ret = 0;
out:
	free(kb);
	free(ka);
	free(d);
	return ret;
}
