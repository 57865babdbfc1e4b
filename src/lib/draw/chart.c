/*
 * draw/chart.c: a chart model drawn with cairo and Pango (chart.h).  Every
 * text goes through Pango (accents, kerning, wrapping); the numbers come
 * from scale.c; each series differs by colour and by dash, marker or
 * hatching, so that the chart survives grey printing and colour blindness.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <pango/pangocairo.h>

#include "draw/chart.h"
#include "draw/scale.h"

#define FONT "DejaVu Sans"

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
cs_chart_release(struct cs_chart *c)
{
	for (int i = 0; i < c->nperiods; i++) {
		free(c->periods[i]);
		if (c->notes)
			free(c->notes[i]);
	}
	free(c->periods);
	free(c->notes);
	c->notes = NULL;
	for (int i = 0; i < c->nseries; i++) {
		free(c->series[i].name);
		free(c->series[i].v);
		free(c->series[i].n);
		free(c->series[i].has);
		free(c->series[i].lo);
		free(c->series[i].hi);
	}
	free(c->series);
	c->periods = NULL;
	c->series = NULL;
	c->nperiods = c->nseries = 0;
}

/* ---- text ---- */

struct txt {
	double w, h;
};

/*
 * Lays s out in size fs (bold or not), wrapped to maxw (0: no wrapping),
 * aligned (0 left, 1 centre, 2 right inside maxw).  Draws it with its
 * top-left corner at (x, y) when draw is set; returns its size.
 */
static struct txt
text(cairo_t *cr, const char *s, double fs, int bold, double maxw, int align,
    double x, double y, int draw)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoRectangle r;
	struct txt t;

	cairo_font_options_set_hint_metrics(fo, CAIRO_HINT_METRICS_OFF);
	pango_cairo_context_set_font_options(pango_layout_get_context(lay), fo);
	pango_layout_context_changed(lay);
	pango_font_description_set_absolute_size(fd, fs * PANGO_SCALE);
	if (bold)
		pango_font_description_set_weight(fd, PANGO_WEIGHT_BOLD);
	pango_layout_set_font_description(lay, fd);
	if (maxw > 0) {
		pango_layout_set_width(lay, (int)(maxw * PANGO_SCALE));
		pango_layout_set_wrap(lay, PANGO_WRAP_WORD_CHAR);
		pango_layout_set_alignment(lay, align == 1 ? PANGO_ALIGN_CENTER :
		    align == 2 ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	}
	pango_layout_set_text(lay, s, -1);
	pango_layout_get_extents(lay, NULL, &r);
	t.w = (double)r.width / PANGO_SCALE;
	t.h = (double)r.height / PANGO_SCALE;
	if (draw) {
		/* the logical rectangle may start left of the layout's origin
		 * when aligned inside maxw: put the text where asked */
		cairo_move_to(cr, x - (maxw > 0 ? 0 : (double)r.x / PANGO_SCALE), y);
		pango_cairo_show_layout(cr, lay);
	}
	cairo_font_options_destroy(fo);
	pango_font_description_free(fd);
	g_object_unref(lay);
	return t;
}

/* s drawn with its anchor (ax, ay in 0..1 of its box) at (x, y). */
static struct txt
text_at(cairo_t *cr, const char *s, double fs, int bold, double x, double y,
    double ax, double ay)
{
	struct txt t = text(cr, s, fs, bold, 0, 0, 0, 0, 0);
	return text(cr, s, fs, bold, 0, 0, x - ax * t.w, y - ay * t.h, 1);
}

/* ---- marks ---- */

static void
set_dash(cairo_t *cr, int dash, double lw)
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

static void
marker(cairo_t *cr, const struct cs_chart_style *st, double x, double y,
    double r, int hollow, double lw)
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

/* A rectangle filled with the style's colour and hatching. */
static void
hatched_rect(cairo_t *cr, const struct cs_chart_style *st, double x, double y,
    double w, double h, double lw)
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

/* ---- the chart ---- */

static int
is_month(const char *p, int *y, int *m)
{
	int k = 0;
	return strlen(p) == 7 && sscanf(p, "%4d-%2d%n", y, m, &k) == 2 &&
	    k == 7 && *m >= 1 && *m <= 12;
}

static int
is_day(const char *p, int *y, int *m, int *d)
{
	int k = 0;
	return strlen(p) == 10 && sscanf(p, "%4d-%2d-%2d%n", y, m, d, &k) == 3 &&
	    k == 10 && *m >= 1 && *m <= 12;
}

/* The axis label of period i: two lines, the year only where it changes. */
static void
period_label(const struct cs_chart *c, int i, char *buf, size_t size)
{
	int y, m, d, py, pm, pd;
	char mon[64];

	if (c->type == CS_CHART_COMPARE || c->type == CS_CHART_FUNNEL) {
		snprintf(buf, size, "%s%s%s", c->periods[i],
		    c->notes && c->notes[i] ? "\n" : "",
		    c->notes && c->notes[i] ? c->notes[i] : "");
		return;
	}
	if (is_month(c->periods[i], &y, &m)) {
		cs_lang_month(c->lang, y, m, 1, mon, sizeof(mon));
		if (i == 0 || !is_month(c->periods[i - 1], &py, &pm) || py != y ||
		    m == 1)
			snprintf(buf, size, "%s\n%d", mon, y);
		else
			snprintf(buf, size, "%s", mon);
	} else if (is_day(c->periods[i], &y, &m, &d)) {
		cs_lang_month(c->lang, y, m, 1, mon, sizeof(mon));
		if (i == 0 || !is_day(c->periods[i - 1], &py, &pm, &pd) ||
		    pm != m || py != y)
			snprintf(buf, size, "%d\n%s %d", d, mon, y);
		else
			snprintf(buf, size, "%d", d);
	} else
		snprintf(buf, size, "%s", c->periods[i]);
}

/* A value as the axis writes it. */
static void
value_label(const struct cs_chart *c, double v, double step, char *buf,
    size_t size)
{
	if (c->type == CS_CHART_RATE || c->type == CS_CHART_COMPARE)
		cs_lang_percent(c->lang, v * 100, step * 100 < 1 ? 1 : 0, buf,
		    size);
	else
		cs_lang_number(c->lang, v, step < 1 ? 1 : 0, buf, size);
}

/* The calls behind series s over the chart, for the legend. */
static double
series_n(const struct cs_chart_series *s, int np, const struct cs_chart *c)
{
	double t = 0;
	int any = 0;

	if (c->type == CS_CHART_COMPARE)
		return NAN;	/* each category's n is under its name */
	for (int i = 0; i < np; i++)
		if (s->has[i]) {
			double n = c->type == CS_CHART_VOLUME ? s->v[i] : s->n[i];
			if (c->type == CS_CHART_FUNNEL)
				return s->has[0] ? s->v[0] : NAN;	/* offered */
			if (isfinite(n)) {
				t += n;
				any = 1;
			}
		}
	return any ? t : NAN;
}

#define MAX_BOXES 512

/* 1 if the box (x, y, w, h) overlaps one of boxes. */
static int
boxes_hit(double (*boxes)[4], int n, double x, double y, double w, double h)
{
	for (int i = 0; i < n; i++)
		if (x < boxes[i][0] + boxes[i][2] && boxes[i][0] < x + w &&
		    y < boxes[i][1] + boxes[i][3] && boxes[i][1] < y + h)
			return 1;
	return 0;
}

struct legend_item {
	char text[256];
	double w;
};

/*
 * The heatmap: a row per series (weekday), a column per period (hour),
 * each cell filled by its count on one sequential scale and the count
 * written in it; a cell without a value left white, and said so in the
 * legend.  A row's total at its right end: the rows stand on different
 * numbers of days, the reader compares the cells of a row first.
 */
static int
draw_heatmap(const struct cs_chart *c, cairo_t *cr, double W, double H,
    double fs, struct cs_error *err)
{
	const struct cs_lang *L = c->lang;
	double pad = fs, lw = fs / 7, y, mx = 0, lo, hi, step;
	double namew = 0, totw = 0, px0, px1, py0, py1, cw, rh, capy;
	char buf[256], cap[2048];
	int nt, any = 0;

	cairo_set_source_rgb(cr, 0, 0, 0);
	y = pad;
	if (c->title && *c->title)
		y += text(cr, c->title, fs * 1.35, 1, W - 2 * pad, 1, pad, y, 1).h +
		    fs * 0.5;
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->nperiods; i++)
			if (c->series[s].has[i] && isfinite(c->series[s].v[i])) {
				mx = fmax(mx, c->series[s].v[i]);
				any = 1;
			}

	/* the legend: the scale as a bar with its ticks, and a blank cell */
	nt = cs_scale_nice(0, mx > 0 ? mx : 1, 6, &lo, &hi, &step);
	if (step < 1) {
		/* counts: no tick between two whole numbers ("0 0 1 1 2") */
		lo = 0;
		hi = ceil(mx > 0 ? mx : 1);
		step = 1;
		nt = (int)hi + 1;
	}
	{
		double bw = fmin(W * 0.4, fs * 24), bh = fs * 1.1, x = pad, tw;
		const char *what = c->ylabel ? c->ylabel : "";
		tw = text(cr, what, fs, 1, 0, 0, 0, 0, 0).w;
		text(cr, what, fs, 1, 0, 0, x, y, 1);
		x += tw + fs * 0.8;
		for (int k = 0; k < 64; k++) {
			double rgb[3];
			int tw_;
			/* the bar maps 0..hi like the cells (v / mx) */
			double v = hi * (k + 0.5) / 64;
			cs_chart_heat_colour(mx > 0 ? v / mx : 0, rgb, &tw_);
			cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			cairo_rectangle(cr, x + bw * k / 64, y, bw / 64 + 0.5, bh);
			cairo_fill(cr);
		}
		cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
		cairo_set_line_width(cr, lw * 0.6);
		cairo_rectangle(cr, x, y, bw, bh);
		cairo_stroke(cr);
		for (int k = 0; k < nt; k++) {
			double v = lo + k * step, tx = x + bw * (v - lo) / (hi - lo);
			cairo_move_to(cr, tx, y + bh);
			cairo_line_to(cr, tx, y + bh + fs * 0.3);
			cairo_stroke(cr);
			cs_lang_number(L, v, 0, buf, sizeof(buf));
			text_at(cr, buf, fs * 0.85, 0, tx, y + bh + fs * 0.3, 0.5, 0);
		}
		x += bw + fs * 2;
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, x, y, bh * 1.6, bh);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		text(cr, cs_lang_tr(L, "no call"), fs, 0, 0, 0, x + bh * 1.6 +
		    fs * 0.4, y + bh / 2 - fs * 0.6, 1);
		y += bh + fs * 0.3 + fs * 1.2 + fs * 0.8;
	}

	/* the caption */
	snprintf(cap, sizeof(cap), "%s", c->caption ? c->caption : "");
	capy = H - pad - text(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, 0, 0, 0).h;
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	text(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, pad, capy, 1);
	cairo_set_source_rgb(cr, 0, 0, 0);

	/* the grid's room: weekday names at the left, totals at the right,
	 * the hours and the axis' words under it */
	for (int s = 0; s < c->nseries; s++) {
		double t = 0;
		namew = fmax(namew, text(cr, c->series[s].name, fs, 0, 0, 0, 0, 0,
		    0).w);
		for (int i = 0; i < c->nperiods; i++)
			if (c->series[s].has[i])
				t += c->series[s].v[i];
		cs_lang_number(L, t, 0, buf, sizeof(buf));
		totw = fmax(totw, text(cr, buf, fs, 1, 0, 0, 0, 0, 0).w);
	}
	totw = fmax(totw, text(cr, cs_lang_tr(L, "Total"), fs * 0.9, 1, 0, 0, 0,
	    0, 0).w);
	px0 = pad + namew + fs * 0.6;
	px1 = W - pad - totw - fs * 0.8;
	py0 = y;
	py1 = capy - fs * 0.6 - fs * 1.3 - fs * 1.4;
	if (c->nperiods < 1 || c->nseries < 1 || py1 - py0 < fs * 2 * c->nseries ||
	    (px1 - px0) / c->nperiods < fs * 1.5) {
		cs_error_set(err, "the chart is too small for its texts: make it "
		    "larger");
		return -1;
	}
	cw = (px1 - px0) / c->nperiods;
	rh = (py1 - py0) / c->nseries;
	if (rh > cw * 1.2 && rh > fs * 3) {
		/* cells no taller than wide: the grid keeps its shape */
		rh = fmax(cw * 1.2, fs * 3);
		py1 = py0 + rh * c->nseries;
	}

	for (int s = 0; s < c->nseries; s++) {
		const struct cs_chart_series *se = &c->series[s];
		double yy = py0 + s * rh, t = 0;
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, se->name, fs, 0, px0 - fs * 0.4, yy + rh / 2, 1, 0.5);
		for (int i = 0; i < c->nperiods; i++) {
			double x = px0 + i * cw, rgb[3], cfs = fs * 0.9;
			int white;
			struct txt tt;
			if (!se->has[i] || !isfinite(se->v[i]))
				continue;
			t += se->v[i];
			cs_chart_heat_colour(mx > 0 ? se->v[i] / mx : 0, rgb, &white);
			cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			cairo_rectangle(cr, x, yy, cw, rh);
			cairo_fill(cr);
			cs_lang_number(L, se->v[i], 0, buf, sizeof(buf));
			tt = text(cr, buf, cfs, 0, 0, 0, 0, 0, 0);
			if (tt.w > cw * 0.9)
				cfs *= cw * 0.9 / tt.w;
			if (white)
				cairo_set_source_rgb(cr, 1, 1, 1);
			else
				cairo_set_source_rgb(cr, 0, 0, 0);
			text_at(cr, buf, cfs, 0, x + cw / 2, yy + rh / 2, 0.5, 0.5);
		}
		cs_lang_number(L, t, 0, buf, sizeof(buf));
		cairo_set_source_rgb(cr, 0, 0, 0);
		text_at(cr, buf, fs, 1, W - pad, yy + rh / 2, 1, 0.5);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	text_at(cr, cs_lang_tr(L, "Total"), fs * 0.9, 1, W - pad, py1 + fs * 0.3,
	    1, 0);
	/* the cells' borders: white lines between them, a grey frame */
	cairo_set_source_rgb(cr, 0.75, 0.75, 0.75);
	cairo_set_line_width(cr, lw * 0.5);
	for (int i = 0; i <= c->nperiods; i++) {
		cairo_move_to(cr, px0 + i * cw, py0);
		cairo_line_to(cr, px0 + i * cw, py1);
	}
	for (int s = 0; s <= c->nseries; s++) {
		cairo_move_to(cr, px0, py0 + s * rh);
		cairo_line_to(cr, px1, py0 + s * rh);
	}
	cairo_stroke(cr);
	/* the hours, each under its cell (8 h: from 8 h to 9 h) */
	cairo_set_source_rgb(cr, 0, 0, 0);
	for (int i = 0; i < c->nperiods; i++) {
		cs_lang_hour(L, atoi(c->periods[i]), buf, sizeof(buf));
		struct txt tt = text(cr, buf, fs * 0.9, 0, 0, 0, 0, 0, 0);
		double hfs = fs * 0.9;
		if (tt.w > cw * 0.95)
			hfs *= cw * 0.95 / tt.w;
		text_at(cr, buf, hfs, 0, px0 + (i + 0.5) * cw, py1 + fs * 0.3, 0.5, 0);
	}
	text_at(cr, cs_lang_tr(L, "Hour the call started"), fs, 1,
	    (px0 + px1) / 2, py1 + fs * 1.7, 0.5, 0);
	if (!any)
		text_at(cr, cs_lang_tr(L, "No data"), fs * 1.5, 1, (px0 + px1) / 2,
		    (py0 + py1) / 2, 0.5, 0.5);
	return 0;
}

int
cs_chart_draw(const struct cs_chart *c, cairo_t *cr, double W, double H,
    struct cs_error *err)
{
	const struct cs_lang *L = c->lang;
	double fs = fmin(W, H) / 48;
	double pad, lw, y, px0, px1, py0, py1, lo, hi, step;
	double *tot = NULL;
	struct legend_item *items = NULL;
	int nt, any = 0, hollow = 0, rc = -1, nboxes = 0;
	double boxes[MAX_BOXES][4];
	char buf[512];

	if (fs < 8)
		fs = 8;
	if (fs > 18)
		fs = 18;
	pad = fs;
	lw = fs / 7;
	cairo_save(cr);
	cairo_set_source_rgb(cr, 1, 1, 1);
	cairo_rectangle(cr, 0, 0, W, H);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, 0, 0, 0);
	if (c->type == CS_CHART_HEATMAP) {
		rc = draw_heatmap(c, cr, W, H, fs, err);
		goto out;
	}

	/* title */
	y = pad;
	if (c->title && *c->title)
		y += text(cr, c->title, fs * 1.35, 1, W - 2 * pad, 1, pad, y, 1).h +
		    fs * 0.5;

	/* legend, flowed in rows */
	items = calloc((size_t)(c->nseries ? c->nseries : 1), sizeof(*items));
	if (!items) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	{
		double sw = fs * 3, x = pad, rowh = fs * 1.6;
		for (int s = 0; s < c->nseries; s++) {
			double n = series_n(&c->series[s], c->nperiods, c);
			char nb[64];
			if (isfinite(n)) {
				cs_lang_number(L, n, 0, nb, sizeof(nb));
				snprintf(items[s].text, sizeof(items[s].text),
				    "%s (n = %s)", c->series[s].name, nb);
			} else
				snprintf(items[s].text, sizeof(items[s].text), "%s",
				    c->series[s].name);
			items[s].w = sw + fs * 0.4 + text(cr, items[s].text, fs, 0,
			    0, 0, 0, 0, 0).w + fs * 1.5;
		}
		for (int s = 0; s < c->nseries; s++) {
			struct cs_chart_style st;
			double cy = y + rowh / 2;
			if (x > pad && x + items[s].w > W - pad) {
				x = pad;
				y += rowh;
				cy = y + rowh / 2;
			}
			cs_chart_style(s, &st);
			cairo_save(cr);
			if (c->type == CS_CHART_VOLUME || c->type == CS_CHART_FUNNEL)
				hatched_rect(cr, &st, x, cy - fs * 0.55, sw, fs * 1.1, lw);
			else if (c->type == CS_CHART_COMPARE) {
				/* a point with its interval, as drawn */
				cairo_set_source_rgb(cr, st.r, st.g, st.b);
				cairo_set_line_width(cr, lw * 1.4);
				cairo_move_to(cr, x + sw / 2, cy - fs * 0.6);
				cairo_line_to(cr, x + sw / 2, cy + fs * 0.6);
				cairo_move_to(cr, x + sw / 2 - fs * 0.4, cy - fs * 0.6);
				cairo_line_to(cr, x + sw / 2 + fs * 0.4, cy - fs * 0.6);
				cairo_move_to(cr, x + sw / 2 - fs * 0.4, cy + fs * 0.6);
				cairo_line_to(cr, x + sw / 2 + fs * 0.4, cy + fs * 0.6);
				cairo_stroke(cr);
				marker(cr, &st, x + sw / 2, cy, fs * 0.35, 0, lw);
			} else {
				cairo_set_source_rgb(cr, st.r, st.g, st.b);
				cairo_set_line_width(cr, lw * 1.6);
				set_dash(cr, st.dash, lw * 1.6);
				cairo_move_to(cr, x, cy);
				cairo_line_to(cr, x + sw, cy);
				cairo_stroke(cr);
				marker(cr, &st, x + sw / 2, cy, fs * 0.35, 0, lw);
			}
			cairo_restore(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			text(cr, items[s].text, fs, 0, 0, 0, x + sw + fs * 0.4,
			    cy - fs * 0.6, 1);
			x += items[s].w;
		}
		/* the target's line in the legend, not on the plot, where its
		 * words would hide a point */
		if (isfinite(c->target) && c->target_label) {
			double cy = y + rowh / 2, w = sw + fs * 0.4 + text(cr,
			    c->target_label, fs, 0, 0, 0, 0, 0, 0).w;
			if (x > pad && x + w > W - pad) {
				x = pad;
				y += rowh;
				cy = y + rowh / 2;
			}
			cairo_save(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, lw * 1.2);
			set_dash(cr, 3, lw * 1.2);
			cairo_move_to(cr, x, cy);
			cairo_line_to(cr, x + sw, cy);
			cairo_stroke(cr);
			cairo_restore(cr);
			text(cr, c->target_label, fs, 0, 0, 0, x + sw + fs * 0.4,
			    cy - fs * 0.6, 1);
		}
		if (c->nseries || (isfinite(c->target) && c->target_label))
			y += rowh + fs * 0.3;
	}

	/* the value axis' range */
	for (int s = 0; s < c->nseries; s++)
		for (int i = 0; i < c->nperiods; i++)
			if (c->series[s].has[i]) {
				any = 1;
				if (c->type != CS_CHART_VOLUME &&
				    c->type != CS_CHART_FUNNEL &&
				    cs_scale_point_kind(1, c->series[s].n[i],
				    c->min_n) == CS_POINT_HOLLOW)
					hollow = 1;
			}
	if (c->type == CS_CHART_RATE || c->type == CS_CHART_COMPARE) {
		/* one array of every value (and interval end), for the zoom */
		size_t nv = (size_t)c->nseries * (size_t)c->nperiods * 3, k = 0;
		double *v = malloc((nv ? nv : 1) * sizeof(*v));
		unsigned char *h = malloc(nv ? nv : 1);
		if (!v || !h) {
			free(v);
			free(h);
			cs_error_set(err, "out of memory");
			goto out;
		}
		for (int s = 0; s < c->nseries; s++)
			for (int i = 0; i < c->nperiods; i++) {
				const struct cs_chart_series *se = &c->series[s];
				v[k] = se->v[i];
				h[k++] = se->has[i];
				v[k] = se->lo ? se->lo[i] : NAN;
				h[k++] = se->has[i] && se->lo && isfinite(se->lo[i]);
				v[k] = se->hi ? se->hi[i] : NAN;
				h[k++] = se->has[i] && se->hi && isfinite(se->hi[i]);
			}
		nt = cs_scale_rate(v, h, (int)nv, c->zoom, 10, &lo, &hi, &step);
		free(v);
		free(h);
		if (c->zoom && isfinite(c->target) && (c->target < lo ||
		    c->target > hi)) {
			/* the target stays on the chart */
			double a = fmin(lo, c->target), b = fmax(hi, c->target);
			nt = cs_scale_nice(a, b > 1 ? 1 : b, 10, &lo, &hi, &step);
		}
	} else {
		double mx = 0;
		tot = calloc((size_t)(c->nperiods ? c->nperiods : 1), sizeof(*tot));
		if (!tot) {
			cs_error_set(err, "out of memory");
			goto out;
		}
		for (int i = 0; i < c->nperiods; i++)
			for (int s = 0; s < c->nseries; s++)
				if (c->series[s].has[i] && isfinite(c->series[s].v[i])) {
					if (c->type == CS_CHART_VOLUME ||
					    c->type == CS_CHART_FUNNEL)
						tot[i] += c->series[s].v[i];
					else if (c->series[s].v[i] > tot[i])
						tot[i] = c->series[s].v[i];
				}
		for (int i = 0; i < c->nperiods; i++)
			mx = fmax(mx, tot[i]);
		if (isfinite(c->target))
			mx = fmax(mx, c->target * 1.1);
		/* a little room above the highest bar or point and its label */
		nt = cs_scale_nice(0, mx > 0 ? mx * 1.06 : 1, 8, &lo, &hi, &step);
	}

	/* caption at the bottom, with the note on hollow markers */
	{
		char note[512] = "";
		double ch;
		if (hollow) {
			char nb[64];
			cs_lang_number(L, c->min_n, 0, nb, sizeof(nb));
			snprintf(note, sizeof(note), "%s %s.",
			    cs_lang_tr(L, "Hollow markers, labelled with their n: fewer calls than"),
			    nb);
		}
		char cap[2048];
		snprintf(cap, sizeof(cap), "%.1000s%s%.600s",
		    c->caption ? c->caption : "",
		    c->caption && *c->caption && *note ? "\n" : "", note);
		ch = text(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, 0, 0, 0).h;
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		text(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, pad, H - pad - ch, 1);
		cairo_set_source_rgb(cr, 0, 0, 0);
		py1 = H - pad - ch - fs * 0.6;
	}

	/* the value axis' title above it, its labels at the left */
	if (c->ylabel && *c->ylabel)
		y += text_at(cr, c->ylabel, fs, 1, pad, y, 0, 0).h + fs * 0.5;
	py0 = y + fs * 0.5;
	{
		double lwmax = 0;
		for (int k = 0; k < nt; k++) {
			value_label(c, lo + k * step, step, buf, sizeof(buf));
			lwmax = fmax(lwmax, text(cr, buf, fs, 0, 0, 0, 0, 0, 0).w);
		}
		px0 = pad + lwmax + fs * 0.6;
		px1 = W - pad - fs * 0.5;
	}
	/* the period labels' height, at most two lines */
	{
		double lh = 0, lwmax = 0;
		/* categories (services, stages) are never skipped: their
		 * names wrap inside their band */
		int categ = c->type == CS_CHART_COMPARE ||
		    c->type == CS_CHART_FUNNEL;
		double cwid = categ ? cs_scale_band_width(c->nperiods, px0, px1) *
		    0.95 : 0;
		for (int i = 0; i < c->nperiods; i++) {
			struct txt t;
			period_label(c, i, buf, sizeof(buf));
			t = text(cr, buf, fs * 0.9, 0, cwid, 1, 0, 0, 0);
			lh = fmax(lh, t.h);
			lwmax = fmax(lwmax, t.w);
		}
		py1 -= lh + fs * 0.4;
		if (py1 - py0 < fs * 4) {
			cs_error_set(err, "the chart is too small for its texts: "
			    "make it larger");
			goto out;
		}
		struct cs_scale ys = { lo, hi, py1, py0 };
		double bw = cs_scale_band_width(c->nperiods, px0, px1);
		int ls = categ ? 1 : cs_scale_label_step(c->nperiods, lwmax,
		    fs * 0.5, px1 - px0);

		/* grid and value labels */
		cairo_set_line_width(cr, lw * 0.6);
		for (int k = 0; k < nt; k++) {
			double v = lo + k * step, yy = cs_scale_map(&ys, v);
			cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
			cairo_move_to(cr, px0, yy);
			cairo_line_to(cr, px1, yy);
			cairo_stroke(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			value_label(c, v, step, buf, sizeof(buf));
			text_at(cr, buf, fs, 0, px0 - fs * 0.4, yy, 1, 0.5);
		}
		/* period labels and ticks */
		for (int i = 0; i < c->nperiods; i++) {
			double x = cs_scale_band_center(i, c->nperiods, px0, px1);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_move_to(cr, x, py1);
			cairo_line_to(cr, x, py1 + fs * 0.3);
			cairo_stroke(cr);
			if (i % ls)
				continue;
			period_label(c, i, buf, sizeof(buf));
			if (categ) {
				text(cr, buf, fs * 0.9, 0, cwid, 1, x - cwid / 2,
				    py1 + fs * 0.4, 1);
				continue;
			}
			struct txt t = text(cr, buf, fs * 0.9, 0, 0, 0, 0, 0, 0);
			text(cr, buf, fs * 0.9, 0, t.w + 1, 1, x - t.w / 2 - 0.5,
			    py1 + fs * 0.4, 1);
		}
		/* axes */
		cairo_set_source_rgb(cr, 0, 0, 0);
		cairo_set_line_width(cr, lw);
		cairo_move_to(cr, px0, py0);
		cairo_line_to(cr, px0, py1);
		cairo_line_to(cr, px1, py1);
		cairo_stroke(cr);

		/* the target or threshold, and the go-live: under the data,
		 * so that no label hides a point */
		if (isfinite(c->target) && c->target >= lo && c->target <= hi) {
			double yy = cs_scale_map(&ys, c->target);
			cairo_save(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, lw * 1.2);
			set_dash(cr, 3, lw * 1.2);
			cairo_move_to(cr, px0, yy);
			cairo_line_to(cr, px1, yy);
			cairo_stroke(cr);
			cairo_restore(cr);
		}
		/* the bot's go-live */
		if (isfinite(c->go_live) && c->go_live >= 0 &&
		    c->go_live <= c->nperiods) {
			double x = px0 + c->go_live * bw;
			cairo_save(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_set_line_width(cr, lw * 1.2);
			set_dash(cr, 1, lw * 1.2);
			cairo_move_to(cr, x, py0 - fs * 0.4);
			cairo_line_to(cr, x, py1);
			cairo_stroke(cr);
			cairo_restore(cr);
			if (c->go_live_label) {
				struct txt t = text(cr, c->go_live_label, fs * 0.85, 1,
				    0, 0, 0, 0, 0);
				double tx = x + fs * 0.3;
				if (tx + t.w > px1)
					tx = x - fs * 0.3 - t.w;
				cairo_set_source_rgba(cr, 1, 1, 1, 0.85);
				cairo_rectangle(cr, tx - 2, py0 - fs * 0.4, t.w + 4, t.h);
				cairo_fill(cr);
				cairo_set_source_rgb(cr, 0, 0, 0);
				text(cr, c->go_live_label, fs * 0.85, 1, 0, 0, tx,
				    py0 - fs * 0.4, 1);
			}
		}
		if (!any) {
			text_at(cr, cs_lang_tr(L, "No data"), fs * 1.5, 1,
			    (px0 + px1) / 2, (py0 + py1) / 2, 0.5, 0.5);
		} else if (c->type == CS_CHART_VOLUME ||
		    c->type == CS_CHART_FUNNEL) {
			for (int i = 0; i < c->nperiods; i++) {
				double x = cs_scale_band_center(i, c->nperiods, px0, px1);
				double base = 0, w = bw * 0.7;
				for (int s = 0; s < c->nseries; s++) {
					struct cs_chart_style st;
					double v = c->series[s].v[i];
					if (!c->series[s].has[i] || !isfinite(v))
						continue;
					if (v <= 0)
						continue;
					cs_chart_style(s, &st);
					double y0 = cs_scale_map(&ys, base + v);
					double y1 = cs_scale_map(&ys, base);
					hatched_rect(cr, &st, x - w / 2, y0, w, y1 - y0, lw);
					base += v;
				}
				if (c->type == CS_CHART_FUNNEL && c->nseries > 0 &&
				    c->series[0].has[i]) {
					/* the count, and its share of the first
					 * stage (the calls offered) */
					const struct cs_chart_series *se = &c->series[0];
					char nb[64], pc[64];
					cs_lang_number(L, se->v[i], 0, nb, sizeof(nb));
					if (se->has[0] && se->v[0] > 0) {
						cs_lang_percent(L, 100 * se->v[i] / se->v[0], 0,
						    pc, sizeof(pc));
						snprintf(buf, sizeof(buf), "%s (%s)", nb, pc);
					} else
						snprintf(buf, sizeof(buf), "%s", nb);
					cairo_set_source_rgb(cr, 0, 0, 0);
					text_at(cr, buf, fs * 0.9, 1, x,
					    cs_scale_map(&ys, base) - fs * 0.2, 0.5, 1);
				}
			}
		} else {
			for (int s = 0; s < c->nseries; s++) {
				const struct cs_chart_series *se = &c->series[s];
				struct cs_chart_style st;
				cs_chart_style(s, &st);
				cairo_save(cr);
				cairo_rectangle(cr, px0, py0 - fs, px1 - px0, py1 - py0 + fs);
				cairo_clip(cr);
				cairo_set_source_rgb(cr, st.r, st.g, st.b);
				cairo_set_line_width(cr, lw * 1.6);
				set_dash(cr, st.dash, lw * 1.6);
				for (int i = 0; i + 1 < c->nperiods; i++)
					if (c->type != CS_CHART_COMPARE &&
					    se->has[i] && se->has[i + 1]) {
						cairo_move_to(cr, cs_scale_band_center(i,
						    c->nperiods, px0, px1),
						    cs_scale_map(&ys, se->v[i]));
						cairo_line_to(cr, cs_scale_band_center(i + 1,
						    c->nperiods, px0, px1),
						    cs_scale_map(&ys, se->v[i + 1]));
					}
				cairo_stroke(cr);
				cairo_restore(cr);
				for (int i = 0; i < c->nperiods; i++) {
					enum cs_point_kind k = cs_scale_point_kind(
					    se->has[i], se->n[i], c->min_n);
					double x, yy;
					if (k == CS_POINT_MISSING)
						continue;
					x = cs_scale_band_center(i, c->nperiods, px0, px1);
					yy = cs_scale_map(&ys, se->v[i]);
					if (c->type == CS_CHART_COMPARE) {
						/* side by side in the category, each with
						 * its interval as a bar with caps */
						x += (s - (c->nseries - 1) / 2.0) *
						    fmin(bw * 0.25, fs * 2.5);
						if (se->lo && se->hi && isfinite(se->lo[i]) &&
						    isfinite(se->hi[i])) {
							double y0 = cs_scale_map(&ys, se->lo[i]);
							double y1 = cs_scale_map(&ys, se->hi[i]);
							double cw = fs * 0.4;
							cairo_save(cr);
							cairo_set_source_rgb(cr, st.r, st.g, st.b);
							cairo_set_line_width(cr, lw * 1.4);
							cairo_move_to(cr, x, y0);
							cairo_line_to(cr, x, y1);
							cairo_move_to(cr, x - cw, y0);
							cairo_line_to(cr, x + cw, y0);
							cairo_move_to(cr, x - cw, y1);
							cairo_line_to(cr, x + cw, y1);
							cairo_stroke(cr);
							cairo_restore(cr);
						}
					}
					if (yy < py0 - fs || yy > py1 + 1)
						continue;	/* zoomed out of view */
					marker(cr, &st, x, yy, fs * 0.32,
					    k == CS_POINT_HOLLOW, lw);
					if (k == CS_POINT_HOLLOW) {
						char nb[64];
						struct txt t;
						double ty;
						cs_lang_number(L, se->n[i], 0, nb, sizeof(nb));
						snprintf(buf, sizeof(buf), "n = %s", nb);
						t = text(cr, buf, fs * 0.75, 0, 0, 0, 0, 0, 0);
						/* above the point, else below it; a label
						 * that would cover another is left out (the
						 * hollow marker still says n < min_n) */
						double tx = x - t.w / 2;
						ty = yy - fs * 0.45 - t.h;
						if (c->type == CS_CHART_COMPARE) {
							/* beside it: the interval runs through
							 * above and below */
							tx = x + fs * 0.55;
							ty = yy - t.h / 2;
						} else if (boxes_hit(boxes, nboxes, tx, ty,
						    t.w, t.h))
							ty = yy + fs * 0.45;
						if (boxes_hit(boxes, nboxes, tx, ty, t.w, t.h))
							continue;
						if (nboxes < MAX_BOXES) {
							boxes[nboxes][0] = tx;
							boxes[nboxes][1] = ty;
							boxes[nboxes][2] = t.w;
							boxes[nboxes][3] = t.h;
							nboxes++;
						}
						cairo_set_source_rgb(cr, st.r * 0.7, st.g * 0.7,
						    st.b * 0.7);
						text(cr, buf, fs * 0.75, 0, 0, 0, tx, ty, 1);
					}
				}
			}
		}

		/* a period without any value: a gap, said in words so that it
		 * reads as "not known", not as "no call" */
		for (int i = 0; any && i < c->nperiods; i++) {
			int has = 0;
			for (int s = 0; s < c->nseries && !has; s++)
				has = c->series[s].has[i];
			if (has)
				continue;
			cairo_save(cr);
			cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
			cairo_translate(cr, cs_scale_band_center(i, c->nperiods, px0,
			    px1), py1 - fs * 0.3);
			cairo_rotate(cr, -M_PI / 2);
			text_at(cr, cs_lang_tr(L, "no data"), fs * 0.85, 0, 0, 0, 0,
			    0.5);
			cairo_restore(cr);
		}

	}
	rc = 0;
out:
	free(tot);
	free(items);
	cairo_restore(cr);
	if (rc == 0 && cairo_status(cr) != CAIRO_STATUS_SUCCESS)
		rc = cs_error_set(err, "drawing failed: %s",
		    cairo_status_to_string(cairo_status(cr)));
	return rc;
}
