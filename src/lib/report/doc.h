/*
 * report/doc.h: the council's report as a document tree, built once and
 * written by several formatters (as mandoc's one parse tree and many
 * outputs): report/pdf.c lays it out on A4 pages with cairo and Pango,
 * report/html.c writes it as one self-contained HTML file.  The tree holds
 * words already in the reader's language and numbers already written;
 * it knows no database and no figure.
 *
 * Building never fails halfway for the caller: a builder that runs out of
 * memory sets d->failed and does nothing, so that a page is built with
 * plain calls and checked once (cs_doc_ok) before it is written.
 */
#ifndef CS_REPORT_DOC_H
#define CS_REPORT_DOC_H

#include <stddef.h>

#include "draw/chart.h"
#include "error.h"

enum cs_doc_kind {
	CS_DOC_COVER,	/* the first page: text (the town), sub (what and
			   when), small (the day it was made) */
	CS_DOC_TOC,	/* the table of contents of the level-1 and level-2
			   headings, which the formatter fills */
	CS_DOC_HEADING,	/* level 1: a section that starts a page, a PDF
			   bookmark and a TOC entry; level 2: a sub-section,
			   bookmarked under it */
	CS_DOC_PARA,	/* a paragraph of plain text (no markup) */
	CS_DOC_LIST,	/* a list of items, each plain text */
	CS_DOC_TABLE,	/* cells of plain text, the first row a header */
	CS_DOC_CHART	/* a chart (draw/chart.h) */
};

enum cs_doc_style {
	CS_DOC_NORMAL,	/* body text */
	CS_DOC_LEAD,	/* larger: the sentence a councillor reads aloud */
	CS_DOC_NOTE	/* smaller and grey: a source, a caveat */
};

/* A column's alignment; numbers are right-aligned. */
enum cs_doc_align { CS_DOC_LEFT, CS_DOC_RIGHT };

struct cs_doc_block {
	enum cs_doc_kind kind;
	int level;			/* heading: 1 or 2 */
	enum cs_doc_style style;	/* para, list */
	char *text;			/* heading, para; cover: the title */
	char *sub, *small;		/* cover */
	char id[24];			/* heading: a unique anchor, "s1"... */
	char **cells;			/* list: nitems; table: nrows * ncols,
					   row after row */
	size_t nitems;
	int nrows, ncols;
	enum cs_doc_align *align;	/* table: ncols */
	struct cs_chart chart;		/* chart: owned, with its words
					   (title, ylabel, caption and the
					   labels) copied into strs */
	double aspect;			/* chart: height / width */
	char *strs[5];			/* chart: the copies */
};

struct cs_doc {
	/* the document's metadata (PDF Info, HTML head) */
	char *title, *author, *subject;
	char lang[8];			/* "fr", "en" */
	char created[32];		/* ISO 8601 UTC, "2026-12-01T06:00:00Z" */
	char *footer;			/* on every page but the cover, beside
					   the page number; NULL: none */
	const char *page_word;		/* "Page", "page": "Page 3 / 14";
					   the caller's */
	const char *toc_word;		/* the TOC's heading; the caller's */
	struct cs_doc_block *b;
	size_t n, cap;
	int nheadings;
	int failed;			/* out of memory while building */
};

void cs_doc_init(struct cs_doc *d);
void cs_doc_release(struct cs_doc *d);

/* 0 when every builder worked; -1 with err ("out of memory") otherwise. */
int cs_doc_ok(const struct cs_doc *d, struct cs_error *err);

/* Sets a metadata string (title, author, subject or footer) of d to a
 * copy of s. */
void cs_doc_set(struct cs_doc *d, char **field, const char *s);

void cs_doc_cover(struct cs_doc *d, const char *title, const char *sub,
    const char *small);
void cs_doc_toc(struct cs_doc *d);

/* Returns the heading's anchor (owned by d), or "" after a failure. */
const char *cs_doc_heading(struct cs_doc *d, int level, const char *text);

void cs_doc_para(struct cs_doc *d, enum cs_doc_style style, const char *text);

/* A paragraph made with printf's format: for numbers and words already
 * written, never a translated string as fmt (cs_lang_fill is for that). */
void cs_doc_paraf(struct cs_doc *d, enum cs_doc_style style, const char *fmt,
    ...) __attribute__((format(printf, 3, 4)));

/* A list: items are added one by one to the list just begun. */
void cs_doc_list(struct cs_doc *d, enum cs_doc_style style);
void cs_doc_item(struct cs_doc *d, const char *text);

/*
 * A table of ncols columns with the header row header (ncols strings),
 * aligned as align says (NULL: the first column left, the others right);
 * rows are added one by one with cs_doc_row, to the table just begun.
 */
void cs_doc_table(struct cs_doc *d, int ncols, const char *const *header,
    const enum cs_doc_align *align);
void cs_doc_row(struct cs_doc *d, const char *const *cells);

/*
 * A chart: d takes *c (its arrays; c is zeroed) and copies its words, so
 * that the caller's strings may go.  aspect is the height over the width
 * (0: 0.55).
 */
void cs_doc_chart(struct cs_doc *d, struct cs_chart *c, double aspect);

#endif
