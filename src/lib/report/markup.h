/*
 * report/markup.h: the bytes of HTML that need care, for report/html.c:
 * text escaped, and an SVG that cairo wrote made fit to sit inline in an
 * HTML page beside others.  Both write to a stdio stream and check
 * nothing: the caller reads ferror() on it.
 */
#ifndef CS_REPORT_MARKUP_H
#define CS_REPORT_MARKUP_H

#include <stddef.h>
#include <stdio.h>

/* s with & < > " and ' as entities, for HTML text or an attribute's
 * value in double quotes; UTF-8 written as it is; NULL writes nothing. */
void cs_markup_text(FILE *out, const char *s);

/*
 * Writes the SVG document svg (len bytes, as cairo writes it) to out as
 * an element to inline in HTML:
 * - the prolog (<?xml ...?>) and any doctype dropped;
 * - in the root <svg>, its fixed width, height and style replaced by
 *   width="100%" and style="max-width:100%;height:auto", which scale it
 *   by its viewBox (one of width by height added when it has none), and
 *   role="img" aria-label="label" (escaped; NULL: empty);
 * - every id, and every reference to one in any element (href="#x",
 *   xlink:href="#x", url(#x), url('#x') in any attribute, a style too),
 *   prefixed with prefix ("c3-"): ids are the page's, and two of cairo's
 *   SVGs both define "glyph0-1" and "clip1".
 * Text, comments and CDATA are copied as they are; an href to anything
 * but "#..." is left alone.
 */
void cs_markup_svg(FILE *out, const char *svg, size_t len, const char *prefix,
    const char *label, double width, double height);

#endif
