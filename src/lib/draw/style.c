/*
 * draw/style.c: how a series looks on a chart (chart.h, chart_int.h): its
 * colour from a palette that survives grey printing and colour blindness,
 * its dash, marker and hatching; the heatmap's sequential scale and the
 * contrast of a cell's text.
 */
#include <math.h>

#include "draw/chart.h"
#include "draw/chart_int.h"

/* Okabe and Ito's palette, in an order whose neighbours differ in grey too;
 * yellow left out (unreadable as a line on white). */
static const double palette[][3] = {
	{ 0.000, 0.447, 0.698 },	/* blue */
	{ 0.835, 0.369, 0.000 },	/* vermillion */
	{ 0.000, 0.620, 0.451 },	/* bluish green */
	{ 0.800, 0.475, 0.655 },	/* reddish purple */
	{ 0.902, 0.624, 0.000 },	/* orange */
	{ 0.337, 0.706, 0.914 },	/* sky blue */
	{ 0.000, 0.000, 0.000 },	/* black */
	{ 0.500, 0.500, 0.500 },	/* grey */
};
#define NPALETTE (int)(sizeof(palette) / sizeof(palette[0]))

void
cs_chart_style(int i, struct cs_chart_style *s)
{
	if (i < 0)
		i = 0;
	s->r = palette[i % NPALETTE][0];
	s->g = palette[i % NPALETTE][1];
	s->b = palette[i % NPALETTE][2];
	s->dash = i % 4;
	s->marker = i % 6;
	s->hatch = i % 6;
	s->grey = 0.2126 * s->r + 0.7152 * s->g + 0.0722 * s->b;
}

/* ColorBrewer's Blues, from its third class: a blank cell (white) stays
 * apart from the fewest calls */
static const double blues[][3] = {
	{ 0.776, 0.859, 0.937 },	/* #c6dbef */
	{ 0.620, 0.792, 0.882 },	/* #9ecae1 */
	{ 0.420, 0.682, 0.839 },	/* #6baed6 */
	{ 0.259, 0.573, 0.776 },	/* #4292c6 */
	{ 0.129, 0.443, 0.710 },	/* #2171b5 */
	{ 0.031, 0.318, 0.612 },	/* #08519c */
	{ 0.031, 0.188, 0.420 },	/* #08306b */
};
#define NBLUES (int)(sizeof(blues) / sizeof(blues[0]))

static double
lin(double c)
{
	return c <= 0.04045 ? c / 12.92 : pow((c + 0.055) / 1.055, 2.4);
}

double
cs_chart_contrast(const double rgb[3], int white)
{
	double l = 0.2126 * lin(rgb[0]) + 0.7152 * lin(rgb[1]) +
	    0.0722 * lin(rgb[2]);
	return white ? 1.05 / (l + 0.05) : (l + 0.05) / 0.05;
}

void
cs_chart_heat_colour(double t, double rgb[3], int *text_white)
{
	double f;
	int i;

	if (!(t > 0))
		t = 0;
	if (t > 1)
		t = 1;
	f = t * (NBLUES - 1);
	i = (int)f;
	if (i >= NBLUES - 1)
		i = NBLUES - 2;
	f -= i;
	for (int k = 0; k < 3; k++)
		rgb[k] = blues[i][k] + f * (blues[i + 1][k] - blues[i][k]);
	*text_white = cs_chart_contrast(rgb, 1) > cs_chart_contrast(rgb, 0);
}

void
cs_chart_dash(cairo_t *cr, int dash, double lw)
{
	double d[4];

	switch (dash) {
	case 1:
		d[0] = 6 * lw; d[1] = 3 * lw;
		cairo_set_dash(cr, d, 2, 0);
		break;
	case 2:
		d[0] = 1 * lw; d[1] = 2 * lw;
		cairo_set_line_cap(cr, CAIRO_LINE_CAP_ROUND);
		cairo_set_dash(cr, d, 2, 0);
		break;
	case 3:
		d[0] = 7 * lw; d[1] = 2.5 * lw; d[2] = 1 * lw; d[3] = 2.5 * lw;
		cairo_set_dash(cr, d, 4, 0);
		break;
	default:
		cairo_set_dash(cr, NULL, 0, 0);
	}
}

static void
marker_path(cairo_t *cr, int m, double x, double y, double r)
{
	switch (m) {
	case 1:
		cairo_rectangle(cr, x - r * 0.85, y - r * 0.85, r * 1.7, r * 1.7);
		break;
	case 2:
		cairo_move_to(cr, x, y - r * 1.15);
		cairo_line_to(cr, x + r, y + r * 0.75);
		cairo_line_to(cr, x - r, y + r * 0.75);
		cairo_close_path(cr);
		break;
	case 3:
		cairo_move_to(cr, x, y - r * 1.2);
		cairo_line_to(cr, x + r, y);
		cairo_line_to(cr, x, y + r * 1.2);
		cairo_line_to(cr, x - r, y);
		cairo_close_path(cr);
		break;
	case 4:
		cairo_move_to(cr, x, y + r * 1.15);
		cairo_line_to(cr, x + r, y - r * 0.75);
		cairo_line_to(cr, x - r, y - r * 0.75);
		cairo_close_path(cr);
		break;
	case 5:	/* a plus sign with body, so that hollow still reads */
		{
			double a = r * 0.4;
			cairo_move_to(cr, x - a, y - r);
			cairo_line_to(cr, x + a, y - r);
			cairo_line_to(cr, x + a, y - a);
			cairo_line_to(cr, x + r, y - a);
			cairo_line_to(cr, x + r, y + a);
			cairo_line_to(cr, x + a, y + a);
			cairo_line_to(cr, x + a, y + r);
			cairo_line_to(cr, x - a, y + r);
			cairo_line_to(cr, x - a, y + a);
			cairo_line_to(cr, x - r, y + a);
			cairo_line_to(cr, x - r, y - a);
			cairo_line_to(cr, x - a, y - a);
			cairo_close_path(cr);
		}
		break;
	default:
		cairo_new_sub_path(cr);
		cairo_arc(cr, x, y, r, 0, 2 * M_PI);
	}
}

void
cs_chart_marker(cairo_t *cr, const struct cs_chart_style *st, double x,
    double y, double r, int hollow, double lw)
{
	cairo_save(cr);
	cairo_set_dash(cr, NULL, 0, 0);
	marker_path(cr, st->marker, x, y, r);
	if (hollow)
		cairo_set_source_rgb(cr, 1, 1, 1);
	else
		cairo_set_source_rgb(cr, st->r, st->g, st->b);
	cairo_fill_preserve(cr);
	cairo_set_source_rgb(cr, st->r, st->g, st->b);
	cairo_set_line_width(cr, lw);
	cairo_stroke(cr);
	cairo_restore(cr);
}

void
cs_chart_hatched_rect(cairo_t *cr, const struct cs_chart_style *st, double x,
    double y, double w, double h, double lw)
{
	double sp = 4 * lw;

	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, st->r, st->g, st->b);
	cairo_fill_preserve(cr);
	cairo_clip(cr);
	/* the hatching in white over dark fills, black over light ones */
	if (st->grey < 0.45)
		cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
	else
		cairo_set_source_rgba(cr, 0, 0, 0, 0.7);
	cairo_set_line_width(cr, lw * 0.8);
	cairo_set_dash(cr, NULL, 0, 0);
	if (st->hatch == 1 || st->hatch == 3)
		for (double k = -h; k < w + h; k += sp) {
			cairo_move_to(cr, x + k, y + h);
			cairo_line_to(cr, x + k + h, y);
		}
	if (st->hatch == 2 || st->hatch == 3)
		for (double k = -h; k < w + h; k += sp) {
			cairo_move_to(cr, x + k, y);
			cairo_line_to(cr, x + k + h, y + h);
		}
	if (st->hatch == 4)
		for (double k = y + sp / 2; k < y + h; k += sp) {
			cairo_move_to(cr, x, k);
			cairo_line_to(cr, x + w, k);
		}
	cairo_stroke(cr);
	if (st->hatch == 5)
		for (double a = x + sp / 2; a < x + w; a += sp)
			for (double b = y + sp / 2; b < y + h; b += sp) {
				cairo_new_sub_path(cr);
				cairo_arc(cr, a, b, lw * 0.7, 0, 2 * M_PI);
				cairo_fill(cr);
			}
	cairo_restore(cr);
	cairo_save(cr);
	cairo_rectangle(cr, x, y, w, h);
	cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
	cairo_set_line_width(cr, lw * 0.6);
	cairo_stroke(cr);
	cairo_restore(cr);
}
