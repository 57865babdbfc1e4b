/*
 * draw/chart.h: a chart as a model (what it shows, in words already in the
 * reader's language) and its drawing with cairo and Pango onto any cairo
 * context: a PNG, PDF or SVG surface, or a page of the council's report.
 * It knows no file and no option: the caller makes the surface and fills
 * the model.
 */
#ifndef CS_DRAW_CHART_H
#define CS_DRAW_CHART_H

#include <cairo.h>

#include "error.h"
#include "lang.h"

enum cs_chart_type {
	CS_CHART_RATE,		/* a rate per period, a line per series */
	CS_CHART_VOLUME,	/* counts per period, the series stacked as bars */
	CS_CHART_WAIT,		/* seconds per period, a line per series */
	CS_CHART_FUNNEL,	/* counts per stage (the categories), one bar
				   each, labelled with its share of the first */
	CS_CHART_HEATMAP,	/* counts in a grid: a row per series (the
				   weekdays), a column per period (the hours);
				   has 0: a blank cell */
	CS_CHART_COMPARE	/* a rate per category (service) for each series
				   (before, after), a point with its interval,
				   no line between categories */
};

/* One line (rate, wait) or one layer of the bars (volume). */
struct cs_chart_series {
	char *name;		/* legend entry, without n */
	double *v;		/* a value per period: a rate as a fraction 0-1,
				   a count, or seconds */
	double *n;		/* the calls each value stands on (its
				   denominator), NAN when unknown */
	unsigned char *has;	/* 0: no value for the period (a gap) */
	double *lo, *hi;	/* compare: each value's 95 % interval, or
				   NULL */
};

struct cs_chart {
	enum cs_chart_type type;
	const char *title;	/* wrapped to the width */
	const char *ylabel;	/* the value axis, e.g. "Answer rate" */
	const char *caption;	/* period and source, under the chart */
	int nperiods;
	char **periods;		/* as callstat-kpi writes them: YYYY-MM ...;
				   compare: the services */
	char **notes;		/* compare: a line under each category's name
				   (its n, "n.s."), or NULL */
	int nseries;
	struct cs_chart_series *series;
	double min_n;		/* fewer calls than this: hollow and labelled */
	int zoom;		/* rate: the axis around the values, not 0-100 % */
	double go_live;		/* position in periods (0: the start of the
				   first, 1.5: the middle of the second), or
				   NAN for none */
	const char *go_live_label;
	double target;		/* a horizontal line (a rate as a fraction, or
				   seconds), NAN for none */
	const char *target_label;
	const struct cs_lang *lang;	/* numbers, dates and words */
};

/* A series' colour, dash and marker, distinct in grey and for colour-blind
 * readers: index i of the palette (it cycles). */
struct cs_chart_style {
	double r, g, b;
	int dash;	/* 0 solid, 1 dashed, 2 dotted, 3 dash-dot */
	int marker;	/* 0 circle, 1 square, 2 triangle, 3 diamond, 4 down
			   triangle, 5 cross */
	int hatch;	/* bars: 0 none, 1 diagonal, 2 back-diagonal, 3 cross,
			   4 horizontal, 5 dots */
	double grey;	/* the colour's luminance, 0-1 */
};

void cs_chart_style(int i, struct cs_chart_style *s);

/*
 * A heatmap cell's fill for t in [0, 1] (0: the fewest calls, 1: the
 * most), a sequential blue whose luminance falls as t grows, so that grey
 * printing keeps the order; the lightest is still darker than a blank
 * cell's white.  *text_white is 1 where white text has more contrast on
 * it than black (cs_chart_contrast).
 */
void cs_chart_heat_colour(double t, double rgb[3], int *text_white);

/* WCAG 2's contrast ratio (1 to 21) of white (white 1) or black text on
 * the sRGB colour rgb. */
double cs_chart_contrast(const double rgb[3], int white);

/* Frees what the model's arrays hold (periods, series and their arrays)
 * and zeroes them; the const strings are the caller's. */
void cs_chart_release(struct cs_chart *c);

/*
 * Draws c into the rectangle (0, 0, width, height) of cr, in cr's units
 * (pixels, or points for PDF).  Returns 0, or -1 with err when cairo
 * failed.  Draws nothing but the words "no data" when every value is
 * missing.
 */
int cs_chart_draw(const struct cs_chart *c, cairo_t *cr, double width,
    double height, struct cs_error *err);

#endif
