/*
 * draw/pangotext.c: strings laid out with Pango onto a cairo context (pangotext.h),
 * for the charts and the pages that hold them.
 */
#include <pango/pangocairo.h>

#include "draw/pangotext.h"

#define FONT "DejaVu Sans"

/*
 * Lays s out in size fs (bold or not), wrapped to maxw (0: no wrapping),
 * aligned (0 left, 1 centre, 2 right inside maxw).  Draws it with its
 * top-left corner at (x, y) when draw is set; returns its size.
 */
static struct cs_text_size
layout(cairo_t *cr, const char *s, double fs, int bold, double maxw, int align,
    double x, double y, int draw)
{
	PangoLayout *lay = pango_cairo_create_layout(cr);
	PangoFontDescription *fd = pango_font_description_from_string(FONT);
	cairo_font_options_t *fo = cairo_font_options_create();
	PangoRectangle r;
	struct cs_text_size t;

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

struct cs_text_size
cs_text_measure(cairo_t *cr, const char *s, double fs, int bold, double maxw)
{
	return layout(cr, s, fs, bold, maxw, 0, 0, 0, 0);
}

struct cs_text_size
cs_text_draw(cairo_t *cr, const char *s, double fs, int bold, double maxw,
    int align, double x, double y)
{
	return layout(cr, s, fs, bold, maxw, align, x, y, 1);
}

struct cs_text_size
cs_text_draw_at(cairo_t *cr, const char *s, double fs, int bold, double x,
    double y, double ax, double ay)
{
	struct cs_text_size t = layout(cr, s, fs, bold, 0, 0, 0, 0, 0);
	return layout(cr, s, fs, bold, 0, 0, x - ax * t.w, y - ay * t.h, 1);
}
