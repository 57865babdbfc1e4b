/*
 * draw/chart.c: a chart model drawn with cairo and Pango (chart.h): the
 * title, the legend, the axes with their labels and the caption, then the
 * lines (rate, wait), the stacked bars (volume, funnel) or the points with
 * their intervals (compare); the heatmap is heatmap.c's.  Every text goes
 * through text.c (Pango: accents, kerning, wrapping); the numbers come from
 * scale.c; each series differs by colour and by dash, marker or hatching
 * (style.c), so that the chart survives grey printing and colour
 * blindness.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "draw/chart.h"
#include "draw/chart_int.h"
#include "draw/scale.h"
#include "draw/pangotext.h"

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

int
cs_chart_draw(const struct cs_chart *c, cairo_t *cr, double W, double H,
    struct cs_error *err)
{
	const struct cs_lang *L = c->lang;
	double fs = fmin(W, H) / 48;
	double pad, lw, y, px0, px1, py0, py1, lo, hi, step;
	double gl_y, ylab_right = 0;
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
		rc = cs_chart_draw_heatmap(c, cr, W, H, fs, err);
		goto out;
	}

	/* title */
	y = pad;
	if (c->title && *c->title)
		y += cs_text_draw(cr, c->title, fs * 1.35, 1, W - 2 * pad, 1,
		    pad, y).h + fs * 0.5;

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
			items[s].w = sw + fs * 0.4 + cs_text_measure(cr,
			    items[s].text, fs, 0, 0).w + fs * 1.5;
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
				cs_chart_hatched_rect(cr, &st, x,
				    cy - fs * 0.55, sw, fs * 1.1, lw);
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
				cs_chart_marker(cr, &st, x + sw / 2, cy,
				    fs * 0.35, 0, lw);
			} else {
				cairo_set_source_rgb(cr, st.r, st.g, st.b);
				cairo_set_line_width(cr, lw * 1.6);
				cs_chart_dash(cr, st.dash, lw * 1.6);
				cairo_move_to(cr, x, cy);
				cairo_line_to(cr, x + sw, cy);
				cairo_stroke(cr);
				cs_chart_marker(cr, &st, x + sw / 2, cy,
				    fs * 0.35, 0, lw);
			}
			cairo_restore(cr);
			cairo_set_source_rgb(cr, 0, 0, 0);
			cs_text_draw(cr, items[s].text, fs, 0, 0, 0,
			    x + sw + fs * 0.4, cy - fs * 0.6);
			x += items[s].w;
		}
		/* the target's line in the legend, not on the plot, where its
		 * words would hide a point */
		if (isfinite(c->target) && c->target_label) {
			double cy = y + rowh / 2, w = sw + fs * 0.4 +
			    cs_text_measure(cr, c->target_label, fs, 0, 0).w;
			if (x > pad && x + w > W - pad) {
				x = pad;
				y += rowh;
				cy = y + rowh / 2;
			}
			cairo_save(cr);
			cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
			cairo_set_line_width(cr, lw * 1.2);
			cs_chart_dash(cr, 3, lw * 1.2);
			cairo_move_to(cr, x, cy);
			cairo_line_to(cr, x + sw, cy);
			cairo_stroke(cr);
			cairo_restore(cr);
			cs_text_draw(cr, c->target_label, fs, 0, 0, 0,
			    x + sw + fs * 0.4, cy - fs * 0.6);
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
		ch = cs_text_measure(cr, cap, fs * 0.85, 0, W - 2 * pad).h;
		cairo_set_source_rgb(cr, 0.25, 0.25, 0.25);
		cs_text_draw(cr, cap, fs * 0.85, 0, W - 2 * pad, 0, pad,
		    H - pad - ch);
		cairo_set_source_rgb(cr, 0, 0, 0);
		py1 = H - pad - ch - fs * 0.6;
	}

	/* the value axis' title above it, its labels at the left; the
	 * go-live's label on the same line, above the plot, where no point
	 * or label of the data can be */
	gl_y = y;
	if (c->ylabel && *c->ylabel) {
		struct cs_text_size t = cs_text_draw_at(cr, c->ylabel, fs, 1,
		    pad, y, 0, 0);
		ylab_right = pad + t.w;
		y += t.h + fs * 0.5;
	} else if (c->go_live_label && isfinite(c->go_live))
		y += cs_text_measure(cr, c->go_live_label, fs * 0.85, 1, 0).h +
		    fs * 0.5;
	py0 = y + fs * 0.5;
	{
		double lwmax = 0;
		for (int k = 0; k < nt; k++) {
			value_label(c, lo + k * step, step, buf, sizeof(buf));
			lwmax = fmax(lwmax, cs_text_measure(cr, buf, fs, 0,
			    0).w);
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
			struct cs_text_size t;
			period_label(c, i, buf, sizeof(buf));
			t = cs_text_measure(cr, buf, fs * 0.9, 0, cwid);
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
			cs_text_draw_at(cr, buf, fs, 0, px0 - fs * 0.4, yy, 1,
			    0.5);
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
				cs_text_draw(cr, buf, fs * 0.9, 0, cwid, 1,
				    x - cwid / 2, py1 + fs * 0.4);
				continue;
			}
			struct cs_text_size t = cs_text_measure(cr, buf,
			    fs * 0.9, 0, 0);
			cs_text_draw(cr, buf, fs * 0.9, 0, t.w + 1, 1,
			    x - t.w / 2 - 0.5, py1 + fs * 0.4);
		}
		/* no label of a point over the period labels below the
		 * plot, or over the titles and the go-live's label above it */
		boxes[nboxes][0] = 0;
		boxes[nboxes][1] = py1 + 1;
		boxes[nboxes][2] = W;
		boxes[nboxes++][3] = H - py1;
		boxes[nboxes][0] = 0;
		boxes[nboxes][1] = 0;
		boxes[nboxes][2] = W;
		boxes[nboxes++][3] = py0 - fs * 0.45;
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
			cs_chart_dash(cr, 3, lw * 1.2);
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
			cs_chart_dash(cr, 1, lw * 1.2);
			cairo_move_to(cr, x, c->go_live_label ? gl_y : py0);
			cairo_line_to(cr, x, py1);
			cairo_stroke(cr);
			cairo_restore(cr);
			if (c->go_live_label) {
				struct cs_text_size t = cs_text_measure(cr,
				    c->go_live_label, fs * 0.85, 1, 0);
				double tx = x + fs * 0.3;
				if (tx + t.w > px1)
					tx = x - fs * 0.3 - t.w;
				/* clear of the axis' title on its line */
				if (ylab_right > 0 && tx < ylab_right + fs)
					tx = ylab_right + fs;
				cairo_set_source_rgb(cr, 0, 0, 0);
				cs_text_draw(cr, c->go_live_label, fs * 0.85, 1,
				    0, 0, tx, gl_y);
			}
		}
		if (!any) {
			cs_text_draw_at(cr, cs_lang_tr(L, "No data"), fs * 1.5,
			    1, (px0 + px1) / 2, (py0 + py1) / 2, 0.5, 0.5);
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
					cs_chart_hatched_rect(cr, &st,
					    x - w / 2, y0, w, y1 - y0, lw);
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
					cs_text_draw_at(cr, buf, fs * 0.9, 1, x,
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
				cs_chart_dash(cr, st.dash, lw * 1.6);
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
					cs_chart_marker(cr, &st, x, yy,
					    fs * 0.32, k == CS_POINT_HOLLOW,
					    lw);
					if (k == CS_POINT_HOLLOW) {
						char nb[64];
						struct cs_text_size t;
						double ty;
						cs_lang_number(L, se->n[i], 0, nb, sizeof(nb));
						snprintf(buf, sizeof(buf), "n = %s", nb);
						t = cs_text_measure(cr, buf,
						    fs * 0.75, 0, 0);
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
						cs_text_draw(cr, buf, fs * 0.75,
						    0, 0, 0, tx, ty);
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
			cs_text_draw_at(cr, cs_lang_tr(L, "no data"), fs * 0.85,
			    0, 0, 0, 0, 0.5);
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
