/*
 * report/pdf.c: the document tree on A4 pages (pdf.h).
 *
 * The layout runs twice over the same blocks: the first time on a surface
 * that writes nowhere, to learn on which page each section starts and how
 * many pages there are; the second time for real, with the contents'
 * page numbers and the footers' totals known.  Both runs take the same
 * decisions, as they measure the same text with the same fonts.
 */
#include <cairo-pdf.h>
#include <stdlib.h>
#include <string.h>

#include "draw/pangotext.h"
#include "report/pdf.h"

#define MARGIN_X 62.0
#define MARGIN_TOP 60.0
#define MARGIN_BOTTOM 72.0
#define BODY 10.0		/* body text, in points */
#define GAP 8.0			/* between blocks */

struct lay {
	const struct cs_doc *d;
	cairo_surface_t *sf;
	cairo_t *cr;
	int draw;		/* 0: measure only */
	int page;		/* from 1 */
	int npages;		/* the first run's count, for the footers */
	double y;		/* where the next block goes */
	int *head_page;		/* per block: the page its heading is on */
	int outline[2];		/* the bookmark of the last level-1 heading */
};

/* ---- text: draw/pangotext.h, as the charts write it ---- */

/* The height of s in size pt, bold or not, wrapped to width. */
static double
text_h(struct lay *l, const char *s, double pt, int bold, double width)
{
	return cs_text_measure(l->cr, s, pt, bold, width).h;
}

static double
text_width(struct lay *l, const char *s, double pt, int bold)
{
	return cs_text_measure(l->cr, s, pt, bold, 0).w;
}

/*
 * Draws s at x, y in grey (when the run draws), wrapped to width, aligned
 * right inside width when right is set.  Returns its height.
 */
static double
text(struct lay *l, const char *s, double pt, int bold, double x, double y,
    double width, int right, double grey)
{
	if (!l->draw)
		return text_h(l, s, pt, bold, width);
	cairo_set_source_rgb(l->cr, grey, grey, grey);
	return cs_text_draw(l->cr, s, pt, bold, width, right ? 2 : 0, x, y).h;
}

/* ---- pages ---- */

static const double text_w = CS_PDF_WIDTH - 2 * MARGIN_X;
static const double bottom = CS_PDF_HEIGHT - MARGIN_BOTTOM;

static void
footer(struct lay *l)
{
	char buf[512];
	double w;

	if (!l->draw || l->page == 1)
		return;
	snprintf(buf, sizeof(buf), "%s %d / %d", l->d->page_word, l->page,
	    l->npages);
	cairo_set_line_width(l->cr, 0.5);
	cairo_set_source_rgb(l->cr, 0.7, 0.7, 0.7);
	cairo_move_to(l->cr, MARGIN_X, bottom + 12);
	cairo_line_to(l->cr, CS_PDF_WIDTH - MARGIN_X, bottom + 12);
	cairo_stroke(l->cr);
	w = text_width(l, buf, 8, 0);
	if (l->d->footer)
		text(l, l->d->footer, 8, 0, MARGIN_X, bottom + 17,
		    text_w - w - 20, 0, 0.35);
	text(l, buf, 8, 0, CS_PDF_WIDTH - MARGIN_X - w, bottom + 17, 0, 0,
	    0.35);
}

static void
new_page(struct lay *l)
{
	footer(l);
	if (l->draw)
		cairo_show_page(l->cr);
	l->page++;
	l->y = MARGIN_TOP;
}

/* A new page unless h more points fit on this one. */
static void
need(struct lay *l, double h)
{
	if (l->y + h > bottom && l->y > MARGIN_TOP)
		new_page(l);
}

/* ---- blocks ---- */

static void
cover(struct lay *l, const struct cs_doc_block *b)
{
	double y = 250, w = text_w;

	if (l->draw) {
		cairo_set_source_rgb(l->cr, 0.12, 0.30, 0.55);
		cairo_rectangle(l->cr, MARGIN_X, y - 30, 60, 6);
		cairo_fill(l->cr);
	}
	y += text(l, b->text ? b->text : "", 28, 1, MARGIN_X, y, w, 0, 0.1);
	y += 16;
	if (b->sub)
		y += text(l, b->sub, 16, 0, MARGIN_X, y, w, 0, 0.2) + 12;
	if (b->small)
		text(l, b->small, 10, 0, MARGIN_X, y, w, 0, 0.4);
	new_page(l);
}

/* The contents: one line per heading, its page at the right, a link. */
static void
toc(struct lay *l)
{
	const struct cs_doc *d = l->d;
	char num[16], attr[64];

	l->y += text(l, d->toc_word, 18, 1, MARGIN_X, l->y, text_w, 0, 0.1);
	l->y += 14;
	for (size_t i = 0; i < d->n; i++) {
		const struct cs_doc_block *b = &d->b[i];
		double indent = b->level == 2 ? 18 : 0, pt = b->level == 2 ?
		    BODY : BODY + 1, h, nw;

		if (b->kind != CS_DOC_HEADING)
			continue;
		snprintf(num, sizeof(num), "%d", l->head_page[i]);
		/* the same width in both runs, whatever the number */
		nw = text_width(l, "888", pt, 1);
		h = text_h(l, b->text, pt, b->level == 1,
		    text_w - indent - nw - 24);
		need(l, h + 6);
		if (l->draw) {
			snprintf(attr, sizeof(attr), "dest='%s'", b->id);
			cairo_tag_begin(l->cr, CAIRO_TAG_LINK, attr);
		}
		text(l, b->text, pt, b->level == 1, MARGIN_X + indent, l->y,
		    text_w - indent - nw - 24, 0, 0.1);
		text(l, num, pt, b->level == 1, CS_PDF_WIDTH - MARGIN_X - nw,
		    l->y, nw, 1, 0.1);
		if (l->draw)
			cairo_tag_end(l->cr, CAIRO_TAG_LINK);
		l->y += h + (b->level == 1 ? 7 : 4);
	}
	new_page(l);
}

static void
heading(struct lay *l, const struct cs_doc_block *b, size_t i)
{
	char attr[64];
	double pt = b->level == 1 ? 18 : 13, h;

	if (b->level == 1 && l->y > MARGIN_TOP)
		new_page(l);
	h = text_h(l, b->text, pt, 1, text_w);
	if (b->level == 2) {
		l->y += 6;
		/* a sub-heading keeps with what follows it */
		need(l, h + 140);
	}
	l->head_page[i] = l->page;
	if (l->draw) {
		snprintf(attr, sizeof(attr), "name='%s'", b->id);
		cairo_tag_begin(l->cr, CAIRO_TAG_DEST, attr);
		cairo_tag_end(l->cr, CAIRO_TAG_DEST);
		snprintf(attr, sizeof(attr), "dest='%s'", b->id);
		if (b->level == 1)
			l->outline[0] = cairo_pdf_surface_add_outline(l->sf,
			    CAIRO_PDF_OUTLINE_ROOT, b->text, attr, 0);
		else
			cairo_pdf_surface_add_outline(l->sf, l->outline[0],
			    b->text, attr, 0);
	}
	text(l, b->text, pt, 1, MARGIN_X, l->y, text_w, 0,
	    b->level == 1 ? 0.07 : 0.12);
	l->y += h + 4;
	if (b->level == 1) {
		if (l->draw) {
			cairo_set_source_rgb(l->cr, 0.12, 0.30, 0.55);
			cairo_set_line_width(l->cr, 1.2);
			cairo_move_to(l->cr, MARGIN_X, l->y);
			cairo_line_to(l->cr, CS_PDF_WIDTH - MARGIN_X, l->y);
			cairo_stroke(l->cr);
		}
		l->y += 10;
	}
}

static double
style_pt(enum cs_doc_style s)
{
	return s == CS_DOC_LEAD ? 12.5 : s == CS_DOC_NOTE ? 8.5 : BODY;
}

static void
para(struct lay *l, const struct cs_doc_block *b)
{
	double pt = style_pt(b->style), grey = b->style == CS_DOC_NOTE ?
	    0.35 : 0.1;
	double h = text_h(l, b->text, pt, 0, text_w);

	need(l, h);
	l->y += text(l, b->text, pt, 0, MARGIN_X, l->y, text_w, 0, grey) + GAP;
}

static void
list(struct lay *l, const struct cs_doc_block *b)
{
	double pt = style_pt(b->style), grey = b->style == CS_DOC_NOTE ?
	    0.35 : 0.1;

	for (size_t i = 0; i < b->nitems; i++) {
		double h = text_h(l, b->cells[i], pt, 0, text_w - 14);

		need(l, h);
		text(l, "\xe2\x80\xa2", pt, 0, MARGIN_X + 2, l->y, 0, 0, grey);
		l->y += text(l, b->cells[i], pt, 0, MARGIN_X + 14, l->y,
		    text_w - 14, 0, grey) + 3;
	}
	l->y += GAP - 3;
}

#define CELL_PAD 4.0
#define TABLE_PT 8.5

/* The height of row r of b with the columns' widths w. */
static double
row_height(struct lay *l, const struct cs_doc_block *b, int r,
    const double *w)
{
	double h = 0;

	for (int c = 0; c < b->ncols; c++) {
		double ch = text_h(l, b->cells[r * b->ncols + c], TABLE_PT,
		    r == 0, w[c] - 2 * CELL_PAD);
		if (ch > h)
			h = ch;
	}
	return h + 2 * CELL_PAD;
}

static void
row_draw(struct lay *l, const struct cs_doc_block *b, int r, const double *w,
    double h, int shade)
{
	double x = MARGIN_X;

	if (l->draw && (r == 0 || shade)) {
		double g = r == 0 ? 0.88 : 0.96;
		cairo_set_source_rgb(l->cr, g, g, r == 0 ? 0.92 : g);
		cairo_rectangle(l->cr, MARGIN_X, l->y, text_w, h);
		cairo_fill(l->cr);
	}
	for (int c = 0; c < b->ncols; c++) {
		text(l, b->cells[r * b->ncols + c], TABLE_PT, r == 0,
		    x + CELL_PAD, l->y + CELL_PAD, w[c] - 2 * CELL_PAD,
		    b->align[c] == CS_DOC_RIGHT, 0.1);
		x += w[c];
	}
	l->y += h;
}

/* The widest word of s (a table's cell may wrap between words). */
static double
longest_word(struct lay *l, const char *s, double pt, int bold)
{
	char word[256];
	double best = 0;

	while (*s) {
		size_t n = strcspn(s, " \n");

		if (n > 0) {
			snprintf(word, sizeof(word), "%.*s", (int)n, s);
			double w = text_width(l, word, pt, bold);
			if (w > best)
				best = w;
		}
		s += n;
		if (*s)
			s++;
	}
	return best;
}

/*
 * Each column as wide as its widest cell (its lines, for the body; its
 * longest word, for the header, which wraps), a column of words at most
 * 38 % of the text; when that is wider than the text, each column gives
 * up the excess in proportion to what it has over its narrowest (its
 * longest word, or for the numbers their widest line: a number never
 * wraps).  What is left over goes to every column alike.
 */
static void
widths(struct lay *l, const struct cs_doc_block *b, double *w)
{
	double total = 0, slack = 0, min[64];
	int n = b->ncols < 64 ? b->ncols : 64;

	for (int c = 0; c < n; c++) {
		w[c] = min[c] = 0;
		for (int r = 0; r < b->nrows; r++) {
			const char *s = b->cells[r * b->ncols + c];
			double cw = text_width(l, s, TABLE_PT, r == 0) +
			    2 * CELL_PAD;
			/* a header wraps between words; so do the words of a
			   left-aligned column, never a number */
			double lw = r == 0 || b->align[c] == CS_DOC_LEFT ?
			    longest_word(l, s, TABLE_PT, r == 0) + 2 * CELL_PAD :
			    cw;

			if (r == 0)
				cw = lw;

			if (lw > min[c])
				min[c] = lw;
			if (cw > w[c])
				w[c] = cw;
		}
		if (b->align[c] == CS_DOC_LEFT && w[c] > 0.38 * text_w)
			w[c] = min[c] > 0.38 * text_w ? min[c] : 0.38 * text_w;
		total += w[c];
		slack += w[c] - min[c];
	}
	if (total > text_w && slack > 0) {
		double excess = total - text_w, k = excess < slack ?
		    excess / slack : 1;

		for (int c = 0; c < n; c++)
			w[c] -= (w[c] - min[c]) * k;
	} else if (total < text_w)
		for (int c = 0; c < n; c++)
			w[c] += (text_w - total) / n;
}

static int
table(struct lay *l, const struct cs_doc_block *b)
{
	double *w = calloc((size_t)b->ncols, sizeof(*w)), hh;

	if (w == NULL)
		return -1;
	widths(l, b, w);
	hh = row_height(l, b, 0, w);
	need(l, hh + (b->nrows > 1 ? row_height(l, b, 1, w) : 0));
	row_draw(l, b, 0, w, hh, 0);
	for (int r = 1; r < b->nrows; r++) {
		double h = row_height(l, b, r, w);

		if (l->y + h > bottom) {
			new_page(l);
			row_draw(l, b, 0, w, hh, 0);
		}
		row_draw(l, b, r, w, h, r % 2 == 0);
	}
	if (l->draw) {
		cairo_set_source_rgb(l->cr, 0.6, 0.6, 0.6);
		cairo_set_line_width(l->cr, 0.6);
		cairo_move_to(l->cr, MARGIN_X, l->y);
		cairo_line_to(l->cr, CS_PDF_WIDTH - MARGIN_X, l->y);
		cairo_stroke(l->cr);
	}
	l->y += GAP + 4;
	free(w);
	return 0;
}

static int
chart(struct lay *l, const struct cs_doc_block *b, struct cs_error *err)
{
	double h = text_w * b->aspect;
	int rc = 0;

	need(l, h);
	if (l->draw) {
		cairo_save(l->cr);
		cairo_translate(l->cr, MARGIN_X, l->y);
		rc = cs_chart_draw(&b->chart, l->cr, text_w, h, err);
		cairo_restore(l->cr);
	}
	l->y += h + GAP + 4;
	return rc;
}

/* One run over every block. */
static int
run(struct lay *l, struct cs_error *err)
{
	const struct cs_doc *d = l->d;

	l->page = 1;
	l->y = MARGIN_TOP;
	for (size_t i = 0; i < d->n; i++) {
		const struct cs_doc_block *b = &d->b[i];

		switch (b->kind) {
		case CS_DOC_COVER:
			cover(l, b);
			break;
		case CS_DOC_TOC:
			toc(l);
			break;
		case CS_DOC_HEADING:
			heading(l, b, i);
			break;
		case CS_DOC_PARA:
			para(l, b);
			break;
		case CS_DOC_LIST:
			list(l, b);
			break;
		case CS_DOC_TABLE:
			if (table(l, b) < 0)
				return cs_error_set(err, "out of memory");
			break;
		case CS_DOC_CHART:
			if (chart(l, b, err) < 0)
				return -1;
			break;
		}
	}
	/* the last page, unless a cover or contents just closed it empty */
	if (l->y > MARGIN_TOP) {
		footer(l);
		if (l->draw)
			cairo_show_page(l->cr);
	} else
		l->page--;
	return 0;
}

struct sink {
	FILE *fp;		/* NULL: the first run's nowhere */
};

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int length)
{
	struct sink *s = closure;

	if (s->fp == NULL)
		return CAIRO_STATUS_SUCCESS;
	return fwrite(data, 1, length, s->fp) == length ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

static void
metadata(cairo_surface_t *sf, const struct cs_doc *d)
{
	if (d->title)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_TITLE,
		    d->title);
	if (d->author)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_AUTHOR,
		    d->author);
	if (d->subject)
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_SUBJECT,
		    d->subject);
	cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_CREATOR,
	    "callstat-report " CS_VERSION);
	if (d->created[0]) {
		cairo_pdf_surface_set_metadata(sf,
		    CAIRO_PDF_METADATA_CREATE_DATE, d->created);
		cairo_pdf_surface_set_metadata(sf, CAIRO_PDF_METADATA_MOD_DATE,
		    d->created);
	}
}

/* One run onto a new surface writing to fp (NULL: nowhere). */
static int
pass(struct lay *l, FILE *fp, struct cs_error *err)
{
	struct sink s = { fp };
	cairo_status_t st;
	int rc;

	l->sf = cairo_pdf_surface_create_for_stream(write_cb, &s, CS_PDF_WIDTH,
	    CS_PDF_HEIGHT);
	if (l->draw)
		metadata(l->sf, l->d);
	l->cr = cairo_create(l->sf);
	rc = run(l, err);
	if (rc == 0 && (st = cairo_status(l->cr)) != CAIRO_STATUS_SUCCESS)
		rc = cs_error_set(err, "cairo: %s", cairo_status_to_string(st));
	cairo_destroy(l->cr);
	cairo_surface_finish(l->sf);
	if (rc == 0 && (st = cairo_surface_status(l->sf)) != CAIRO_STATUS_SUCCESS)
		rc = cs_error_set(err, st == CAIRO_STATUS_WRITE_ERROR ?
		    "cannot write the PDF: %s" : "cairo: %s",
		    cairo_status_to_string(st));
	cairo_surface_destroy(l->sf);
	l->sf = NULL;
	l->cr = NULL;
	return rc;
}

int
cs_doc_pdf(const struct cs_doc *d, FILE *out, int *npages,
    struct cs_error *err)
{
	struct lay l;
	int rc = -1;

	if (cs_doc_ok(d, err) < 0)
		return -1;
	memset(&l, 0, sizeof(l));
	l.d = d;
	if ((l.head_page = calloc(d->n + 1, sizeof(int))) == NULL)
		return cs_error_set(err, "out of memory");
	if (pass(&l, NULL, err) < 0)
		goto out;
	l.npages = l.page;
	l.draw = 1;
	if (pass(&l, out, err) < 0)
		goto out;
	if (fflush(out) != 0 || ferror(out)) {
		cs_error_set(err, "cannot write the PDF");
		goto out;
	}
	if (npages)
		*npages = l.npages;
	rc = 0;
out:
	free(l.head_page);
	return rc;
}
