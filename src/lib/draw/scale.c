/*
 * draw/scale.c: the numbers of a chart (scale.h).
 */
#include <math.h>

#include "draw/scale.h"

double
cs_scale_map(const struct cs_scale *s, double v)
{
	if (s->d1 == s->d0)
		return (s->r0 + s->r1) / 2;
	return s->r0 + (v - s->d0) * (s->r1 - s->r0) / (s->d1 - s->d0);
}

int
cs_scale_nice(double lo, double hi, int max_ticks, double *nlo, double *nhi,
    double *step)
{
	static const double mult[] = { 1, 2, 5, 10 };
	double span, mag, st = 1;

	if (max_ticks < 1)
		max_ticks = 1;
	if (!isfinite(lo) || !isfinite(hi)) {
		lo = 0;
		hi = 1;
	}
	if (hi < lo) {
		double t = lo;
		lo = hi;
		hi = t;
	}
	if (hi == lo) {
		double d = lo == 0 ? 1 : fabs(lo) / 10;
		hi += d;
		lo = lo >= 0 && lo - d < 0 ? 0 : lo - d;
	}
	span = hi - lo;
	mag = pow(10, floor(log10(span / max_ticks)));
	for (int i = 0; i < 4; i++) {
		st = mult[i] * mag;
		/* a small tolerance: 0..1 in 5 steps of 0.2 is 5, not 6 */
		if (ceil(hi / st - 1e-9) - floor(lo / st + 1e-9) <= max_ticks)
			break;
	}
	*step = st;
	*nlo = floor(lo / st + 1e-9) * st;
	*nhi = ceil(hi / st - 1e-9) * st;
	if (lo >= 0 && *nlo < 0)
		*nlo = 0;
	return (int)lround((*nhi - *nlo) / st) + 1;
}

int
cs_scale_rate(const double *v, const unsigned char *has, int n, int zoom,
    int max_ticks, double *lo, double *hi, double *step)
{
	double mn = INFINITY, mx = -INFINITY;
	int k;

	if (zoom)
		for (int i = 0; i < n; i++)
			if (has[i] && isfinite(v[i])) {
				if (v[i] < mn)
					mn = v[i];
				if (v[i] > mx)
					mx = v[i];
			}
	if (!zoom || mn > mx) {
		*lo = 0;
		*hi = 1;
		*step = max_ticks >= 10 ? 0.1 : 0.2;
		return (int)lround(1 / *step) + 1;
	}
	/* a margin of a tenth of the spread (at least a point) either side */
	double m = (mx - mn) / 10 > 0.01 ? (mx - mn) / 10 : 0.01;
	mn = mn - m < 0 ? 0 : mn - m;
	mx = mx + m > 1 ? 1 : mx + m;
	k = cs_scale_nice(mn, mx, max_ticks, lo, hi, step);
	if (*hi > 1) {
		*hi = 1;
		k = (int)floor((*hi - *lo) / *step + 1e-9) + 1;
	}
	return k;
}

double
cs_scale_band_width(int n, double x0, double x1)
{
	return n > 0 ? (x1 - x0) / n : x1 - x0;
}

double
cs_scale_band_center(int i, int n, double x0, double x1)
{
	return x0 + (i + 0.5) * cs_scale_band_width(n, x0, x1);
}

enum cs_point_kind
cs_scale_point_kind(int has, double n, double min_n)
{
	if (!has)
		return CS_POINT_MISSING;
	if (isfinite(n) && n < min_n)
		return CS_POINT_HOLLOW;
	return CS_POINT_FULL;
}

int
cs_scale_label_step(int n, double label_w, double gap, double width)
{
	int k = 1;

	if (n <= 0 || width <= 0)
		return 1;
	while (k < n && (n + k - 1) / k * (label_w + gap) > width)
		k++;
	return k;
}
