/*
 * report/pdf.h: the report's document tree (doc.h) laid out on A4 pages
 * with cairo and Pango: a cover, the table of contents with each
 * section's page and a link to it, a section per level-1 heading on a new
 * page, tables split across pages with their header repeated, page
 * numbers ("Page 3 / 14") in a footer, PDF bookmarks for the headings and
 * the document's metadata (title, author, subject, dates).
 */
#ifndef CS_REPORT_PDF_H
#define CS_REPORT_PDF_H

#include <stdio.h>

#include "error.h"
#include "report/doc.h"

/* A4 in points. */
#define CS_PDF_WIDTH 595.276
#define CS_PDF_HEIGHT 841.89

/*
 * Writes d to out as a PDF.  *npages (if not NULL) gets the number of
 * pages.  Returns 0, or -1 with err when d failed to build, cairo failed
 * or out could not be written (a full disk).
 */
int cs_doc_pdf(const struct cs_doc *d, FILE *out, int *npages,
    struct cs_error *err);

#endif
