/*
 * draw/heatmap.c: the heatmap chart (CS_CHART_HEATMAP, chart_int.h): calls
 * by weekday and hour as a grid of cells on one sequential scale, the
 * count written in each, with its legend bar, row totals and caption.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#include "draw/chart.h"
#include "draw/chart_int.h"
#include "draw/scale.h"
#include "draw/pangotext.h"

/*
 * The heatmap: a row per series (weekday), a column per period (hour),
 * each cell filled by its count on one sequential scale and the count
 * written in it; a cell without a value left white, and said so in the
 * legend.  A row's total at its right end: the rows stand on different
 * numbers of days, the reader compares the cells of a row first.
 */
int
cs_chart_draw_heatmap(const struct cs_chart *c, cairo_t *cr, double W, double H,
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
		y += cs_text_draw(cr, c->title, fs * 1.35, 1, W - 2 * pad, 1,
		    pad, y).h + fs * 0.5;
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
		tw = cs_text_measure(cr, what, fs, 1, 0).w;
		cs_text_draw(cr, what, fs, 1, 0, 0, x, y);
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
			cs_text_draw_at(cr, buf, fs * 0.85, 0, tx,
			    y + bh + fs * 0.3, 0.5, 0);
		}
		x += bw + fs * 2;
		cairo_set_source_rgb(cr, 1, 1, 1);
		cairo_rectangle(cr, x, y, bh * 1.6, bh);
		cairo_fill_preserve(cr);
		cairo_set_source_rgb(cr, 0.6, 0.6, 0.6);
		cairo_stroke(cr);
		cairo_set_source_rgb(cr, 0, 0, 0);
		cs_text_draw(cr, cs_lang_tr(L, "no call"), fs, 0, 0, 0,
		    x + bh * 1.6 + fs * 0.4, y + bh / 2 - fs * 0.6);
		y += bh + fs * 0.3 + fs * 1.2 + fs * 0.8;
	}

	/* the caption */
	snprintf(cap, sizeof(cap), "%s", c->caption ? c->caption : "");
	capy = H - pad - cs_text_measure(cr, cap, fs * 0.85, 0, W - 2 * pad).h;
	cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
	cs_text_draw(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, pad, capy);
	cairo_set_source_rgb(cr, 0, 0, 0);

	/* the grid's room: weekday names at the left, totals at the right,
	 * the hours and the axis' words under it */
	for (int s = 0; s < c->nseries; s++) {
		double t = 0;
		namew = fmax(namew, cs_text_measure(cr, c->series[s].name, fs,
		    0, 0).w);
		for (int i = 0; i < c->nperiods; i++)
			if (c->series[s].has[i])
				t += c->series[s].v[i];
		cs_lang_number(L, t, 0, buf, sizeof(buf));
		totw = fmax(totw, cs_text_measure(cr, buf, fs, 1, 0).w);
	}
	totw = fmax(totw, cs_text_measure(cr, cs_lang_tr(L, "Total"), fs * 0.9,
	    1, 0).w);
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
		cs_text_draw_at(cr, se->name, fs, 0, px0 - fs * 0.4,
		    yy + rh / 2, 1, 0.5);
		for (int i = 0; i < c->nperiods; i++) {
			double x = px0 + i * cw, rgb[3], cfs = fs * 0.9;
			int white;
			struct cs_text_size tt;
			if (!se->has[i] || !isfinite(se->v[i]))
				continue;
			t += se->v[i];
			cs_chart_heat_colour(mx > 0 ? se->v[i] / mx : 0, rgb, &white);
			cairo_set_source_rgb(cr, rgb[0], rgb[1], rgb[2]);
			cairo_rectangle(cr, x, yy, cw, rh);
			cairo_fill(cr);
			cs_lang_number(L, se->v[i], 0, buf, sizeof(buf));
			tt = cs_text_measure(cr, buf, cfs, 0, 0);
			if (tt.w > cw * 0.9)
				cfs *= cw * 0.9 / tt.w;
			if (white)
				cairo_set_source_rgb(cr, 1, 1, 1);
			else
				cairo_set_source_rgb(cr, 0, 0, 0);
			cs_text_draw_at(cr, buf, cfs, 0, x + cw / 2,
			    yy + rh / 2, 0.5, 0.5);
		}
		cs_lang_number(L, t, 0, buf, sizeof(buf));
		cairo_set_source_rgb(cr, 0, 0, 0);
		cs_text_draw_at(cr, buf, fs, 1, W - pad, yy + rh / 2, 1, 0.5);
	}
	cairo_set_source_rgb(cr, 0, 0, 0);
	cs_text_draw_at(cr, cs_lang_tr(L, "Total"), fs * 0.9, 1, W - pad,
	    py1 + fs * 0.3, 1, 0);
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
		struct cs_text_size tt = cs_text_measure(cr, buf, fs * 0.9, 0,
		    0);
		double hfs = fs * 0.9;
		if (tt.w > cw * 0.95)
			hfs *= cw * 0.95 / tt.w;
		cs_text_draw_at(cr, buf, hfs, 0, px0 + (i + 0.5) * cw,
		    py1 + fs * 0.3, 0.5, 0);
	}
	cs_text_draw_at(cr, cs_lang_tr(L, "Hour the call started"), fs, 1,
	    (px0 + px1) / 2, py1 + fs * 1.7, 0.5, 0);
	if (!any)
		cs_text_draw_at(cr, cs_lang_tr(L, "No data"), fs * 1.5, 1,
		    (px0 + px1) / 2, (py0 + py1) / 2, 0.5, 0.5);
	return 0;
}
