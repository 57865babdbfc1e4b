/*
 * draw/chart_int.h: what the files of a chart's drawing share, for
 * chart.c, heatmap.c and style.c only (the others use chart.h): a
 * series' marks as style.c draws them, and the heatmap's drawing.
 */
#ifndef CS_DRAW_CHART_INT_H
#define CS_DRAW_CHART_INT_H

#include <cairo.h>

#include "draw/chart.h"
#include "error.h"

/* Sets cr's dash for a line lw wide: 0 solid, 1 dashed, 2 dotted (round
 * caps), 3 dash-dot (cs_chart_style's dash). */
void cs_chart_dash(cairo_t *cr, int dash, double lw);

/* st's marker of radius r centred at (x, y), filled with st's colour (white
 * when hollow) and outlined lw wide; cr's state is kept. */
void cs_chart_marker(cairo_t *cr, const struct cs_chart_style *st, double x,
    double y, double r, int hollow, double lw);

/* A rectangle filled with st's colour and hatching, outlined in dark grey;
 * cr's state is kept. */
void cs_chart_hatched_rect(cairo_t *cr, const struct cs_chart_style *st,
    double x, double y, double w, double h, double lw);

/*
 * Draws the heatmap c (CS_CHART_HEATMAP) into (0, 0, W, H) of cr, whose
 * background cs_chart_draw has already painted, with fs as the body text's
 * size.  Returns 0, or -1 with err when the grid has no room for its texts.
 */
int cs_chart_draw_heatmap(const struct cs_chart *c, cairo_t *cr, double W,
    double H, double fs, struct cs_error *err);

#endif
