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
 * its own, on A4.  Every text is escaped (report/markup.h); UTF-8 is
 * written as it is.
 */
#ifndef CS_REPORT_HTML_H
#define CS_REPORT_HTML_H

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

#endif
