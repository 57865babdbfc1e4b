/*
 * hist.h: a histogram of waits in whole seconds, dense: counts[s] of the
 * calls that waited s seconds (a negative wait counts as 0).  kpi.c takes
 * its percentiles, compare.c resamples it.
 */
#ifndef CS_HIST_H
#define CS_HIST_H

struct cs_hist {
	long *counts;
	long n, total;		/* counts' size; the waits counted */
};

/* n more calls waited secs seconds; 0, or -1 when out of memory. */
int cs_hist_add(struct cs_hist *h, long secs, long n);

#endif
