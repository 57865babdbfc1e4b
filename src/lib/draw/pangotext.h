/*
 * draw/pangotext.h: a string laid out with Pango and drawn onto a cairo
 * context, in the charts' font (DejaVu Sans): measured, drawn at its
 * top-left corner, or drawn around an anchor; wrapped to a width or on one
 * line.  What a chart and a page of the council's report write goes
 * through here, so that both shape accents, kerning and line breaks the
 * same way.  Sizes and positions are in cr's units (pixels, or points for
 * PDF); metrics are not hinted, so that a text measures the same on every
 * surface.
 */
#ifndef CS_DRAW_PANGOTEXT_H
#define CS_DRAW_PANGOTEXT_H

#include <cairo.h>

/* The logical size of a laid-out string: its advance width and the
 * height of its lines. */
struct cs_text_size {
	double w, h;
};

/*
 * The size s (UTF-8, NUL-terminated; "\n" starts a line) takes in size fs
 * (the font's em, in cr's units), bold when bold is set, wrapped at word
 * (else character) boundaries to maxw, or on one line per "\n" when maxw
 * is 0.  Draws nothing; cr's path and state are left as they were.
 */
struct cs_text_size cs_text_measure(cairo_t *cr, const char *s, double fs,
    int bold, double maxw);

/*
 * Draws s as cs_text_measure lays it out, in cr's source colour, with the
 * top-left corner of its box at (x, y); with maxw > 0 its lines are
 * aligned (align 0 left, 1 centred, 2 right) inside the band maxw wide
 * that starts at x.  Returns its size.  Leaves cr's current point where Pango
 * puts it; a failure is cr's status (cairo_status), as for any drawing.
 */
struct cs_text_size cs_text_draw(cairo_t *cr, const char *s, double fs,
    int bold, double maxw, int align, double x, double y);

/*
 * Draws s on one line per "\n" (no wrapping) with its anchor at (x, y):
 * (ax, ay) is where the anchor lies in its box, each 0 to 1 (0, 0 the
 * top-left corner, 0.5, 0.5 the centre, 1, 0.5 the middle of the right
 * edge).  Returns its size.
 */
struct cs_text_size cs_text_draw_at(cairo_t *cr, const char *s, double fs,
    int bold, double x, double y, double ax, double ay);

#endif
