/*
 * report/html.h: the council's report (report/doc.h) written as one
 * self-contained HTML5 file for a town's intranet: one <style> in the
 * head, no script, no link, no image file, no font to fetch; the charts
 * inline as SVG drawn by draw/chart.h on a cairo SVG surface.
 *
 * What the tree holds becomes:
 *	cover		<header class="cover">: <h1> the title, the sub, the
 *			small line (with d->created as a <time>)
 *	contents	<nav>: d->toc_word and a list of links to the
 *			headings' ids, a level 2 nested under its level 1
 *	heading		<section id="s1" class="l1"><h2> (level 1; the cover's
 *			title is the <h1>) or <section id="s2"><h3> (level 2)
 *	paragraph	<p>, <p class="lead">, <p class="note">
 *	list		<ul>, with the paragraph's class
 *	table		<table>: <thead> of <th scope="col">, <tbody> whose
 *			first cell in a row is a <th scope="row">; a right-
 *			aligned column's cells have class="num"
 *	chart		<figure class="chart"> holding <svg role="img"
 *			aria-label="the chart's title">, 680 pt wide in its
 *			viewBox and scaled to the page's width
 *	footer		<footer> (d->footer)
 * Printed, each level-1 section starts a page and the cover is alone on
 * its own, on A4.  Every text is escaped; UTF-8 is written as it is.
 */
#ifndef CS_REPORT_HTML_H
#define CS_REPORT_HTML_H

#include <stddef.h>
#include <stdio.h>

#include "error.h"
#include "report/doc.h"

/*
 * Writes d to out as one HTML file.  Returns 0, or -1 with err when a
 * chart could not be drawn (cairo's status), memory ran out, or out could
 * not be written (out is flushed and its error flag checked: a full disk
 * is an error).  out stays open: it is the caller's to close, and
 * fclose's status too.
 */
int cs_doc_html(const struct cs_doc *d, FILE *out, struct cs_error *err);

/*
 * Writes the SVG document svg (len bytes, as cairo writes it) to out as
 * an element to inline in HTML: the prolog (<?xml ...?>) dropped; in the
 * root <svg>, the fixed width and height replaced by width="100%" and a
 * style that keeps the viewBox's proportions (a viewBox of width by height
 * added when there is none), role="img" and aria-label="label" (escaped);
 * and every id, and every reference to one (href="#x", xlink:href="#x",
 * url(#x) in any attribute), prefixed with prefix ("c3-"), so that the
 * SVGs of one page do not share a glyph's or a clip's name.  Text between
 * tags is copied as it is.  Nothing is checked but what fputs checks: the
 * caller reads ferror(out).  cs_doc_html's helper, public for its tests.
 */
void cs_html_svg(FILE *out, const char *svg, size_t len, const char *prefix,
    const char *label, double width, double height);

#endif
