/*
 * draw/scale.h: the numbers of a chart, before any drawing: linear scales,
 * "nice" ticks, the rate axis, where a period's point or bar goes, and
 * which points are drawn full, hollow (too few calls) or not at all (no
 * data: a gap, never a zero).  Pure functions, tested by numbers.
 */
#ifndef CS_DRAW_SCALE_H
#define CS_DRAW_SCALE_H

/* A linear map from the domain [d0, d1] onto the range [r0, r1]. */
struct cs_scale {
	double d0, d1, r0, r1;
};

double cs_scale_map(const struct cs_scale *s, double v);

/*
 * Nice ticks over [lo, hi]: a step of 1, 2 or 5 times a power of ten
 * giving at most max_ticks intervals (at least 1), the range widened to
 * whole steps.  Writes the widened range and the step; returns the number
 * of ticks (nlo, nlo + step, ..., nhi).  lo == hi is widened around it;
 * lo >= 0 data never gets a negative axis.
 */
int cs_scale_nice(double lo, double hi, int max_ticks, double *nlo,
    double *nhi, double *step);

/*
 * The value axis of a rate chart (rates as fractions 0-1): 0 to 1 unless
 * zoom, else nice ticks around the values present (has[i]) with a margin,
 * clipped to [0, 1].  Returns the number of ticks, as cs_scale_nice.
 */
int cs_scale_rate(const double *v, const unsigned char *has, int n, int zoom,
    int max_ticks, double *lo, double *hi, double *step);

/*
 * Periods as bands of equal width across [x0, x1]: the centre of band i of
 * n, and the width of one band.
 */
double cs_scale_band_center(int i, int n, double x0, double x1);
double cs_scale_band_width(int n, double x0, double x1);

/* How a period's point is drawn. */
enum cs_point_kind {
	CS_POINT_MISSING,	/* no value: nothing drawn, the line broken */
	CS_POINT_HOLLOW,	/* a value on fewer than min_n calls: hollow,
				   labelled with its n */
	CS_POINT_FULL
};

enum cs_point_kind cs_scale_point_kind(int has, double n, double min_n);

/*
 * The first label to draw and the step between labels so that n labels
 * each label_w wide fit across width without overlapping (gap between
 * them): every label when they fit, else every second, third...
 */
int cs_scale_label_step(int n, double label_w, double gap, double width);

#endif
