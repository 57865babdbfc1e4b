/*
 * report/html.c: the report's document tree as one self-contained HTML5
 * file (html.h).  Written with stdio straight to the caller's stream,
 * whose sticky error flag is read after each block; a chart is drawn into
 * memory first, as cairo's SVG, and copied in with its ids prefixed.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-svg.h>

#include "report/html.h"
#include "report/markup.h"

/* A chart's width in the SVG's units (points), as a column of A4 text. */
#define CHART_WIDTH 680.0

/* Screen first; printed, A4 with the cover alone and a page a section.
 * A cell's "\n" breaks its line, as in the PDF ("97,8 %\n(n = 1 200)").
 * No '<' in it, so that it needs no escaping inside <style>. */
static const char style[] =
    "html{font-family:\"DejaVu Sans\",Verdana,system-ui,sans-serif;"
    "color:#1a1a1a;background:#fff;line-height:1.45}\n"
    "body{max-width:50em;margin:0 auto;padding:1em 1.5em}\n"
    "h1,h2,h3{line-height:1.2}\n"
    "header.cover{text-align:center;padding:5em 0 4em}\n"
    "header.cover h1{font-size:2.4em;margin:0 0 .6em}\n"
    ".sub{font-size:1.3em} .lead{font-size:1.15em}\n"
    ".small,.note{font-size:.85em;color:#555}\n"
    "nav ul{list-style:none;padding-left:0} nav ul ul{padding-left:1.5em}\n"
    "nav a{color:#0b4f8a;text-decoration:none}\n"
    "nav a:hover,nav a:focus{text-decoration:underline}\n"
    "section.l1{border-top:1px solid #ccc;margin-top:2.5em}\n"
    ".table{overflow-x:auto} table{border-collapse:collapse;margin:1em 0}\n"
    "th,td{padding:.3em .7em;text-align:left;vertical-align:top;"
    "white-space:pre-line}\n"
    "thead th{border-bottom:2px solid #333;vertical-align:bottom}\n"
    "tbody tr{border-bottom:1px solid #ddd} tbody th{font-weight:normal}\n"
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1.5em 0}\n"
    "figure svg{display:block;width:100%;max-width:100%;height:auto}\n"
    "footer{margin-top:3em;border-top:1px solid #ccc}\n"
    "@page{size:A4;margin:18mm 16mm 20mm}\n"
    "@media print{\n"
    "html{font-size:10pt} body{max-width:none;padding:0}\n"
    "header.cover{padding:30% 0 0;break-after:page;page-break-after:always}\n"
    "section.l1{break-before:page;page-break-before:always;border-top:0;"
    "margin-top:0}\n"
    "a{color:inherit;text-decoration:none}\n"
    "h2,h3{break-after:avoid;page-break-after:avoid}\n"
    "figure,tr,.lead{break-inside:avoid;page-break-inside:avoid}\n"
    ".table{overflow:visible}\n"
    "}\n";

struct html {
	FILE *out;
	int open1, open2;	/* a level-1, a level-2 section is open */
	int ncharts;		/* charts met so far: "c3-" for the 3rd */
};

/* <tag class="cls">, without the class when cls is NULL. */
static void
open_tag(FILE *out, const char *tag, const char *cls)
{
	fprintf(out, "<%s", tag);
	if (cls != NULL)
		fprintf(out, " class=\"%s\"", cls);
	fputc('>', out);
}

/* <tag class="cls">text</tag> */
static void
element(FILE *out, const char *tag, const char *cls, const char *text)
{
	open_tag(out, tag, cls);
	cs_markup_text(out, text);
	fprintf(out, "</%s>\n", tag);
}

static void
meta(FILE *out, const char *name, const char *content)
{
	if (content == NULL || *content == '\0')
		return;
	fprintf(out, "<meta name=\"%s\" content=\"", name);
	cs_markup_text(out, content);
	fputs("\">\n", out);
}

static cairo_status_t
write_cb(void *closure, const unsigned char *data, unsigned int length)
{
	return fwrite(data, 1, length, closure) == length ?
	    CAIRO_STATUS_SUCCESS : CAIRO_STATUS_WRITE_ERROR;
}

/* The chart of b drawn as SVG in memory, then inlined in a <figure>. */
static int
chart(struct html *h, const struct cs_doc_block *b, struct cs_error *err)
{
	double w = CHART_WIDTH, ht = CHART_WIDTH * (b->aspect > 0 ?
	    b->aspect : 0.55);
	const char *title = b->chart.title ? b->chart.title : "";
	cairo_surface_t *sf = NULL;
	cairo_t *cr = NULL;
	cairo_status_t st;
	FILE *mem = NULL;
	char *svg = NULL, prefix[24];
	size_t len = 0;
	int rc = -1;

	h->ncharts++;
	if ((mem = open_memstream(&svg, &len)) == NULL) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	sf = cairo_svg_surface_create_for_stream(write_cb, mem, w, ht);
	cr = cairo_create(sf);
	if (cs_chart_draw(&b->chart, cr, w, ht, err) < 0)
		goto out;
	cairo_show_page(cr);
	if ((st = cairo_status(cr)) == CAIRO_STATUS_SUCCESS) {
		cairo_destroy(cr);
		cr = NULL;
		cairo_surface_finish(sf);
		st = cairo_surface_status(sf);
	}
	if (st != CAIRO_STATUS_SUCCESS) {
		cs_error_set(err, "chart %d \"%s\": %s", h->ncharts, title,
		    cairo_status_to_string(st));
		goto out;
	}
	if (fclose(mem) != 0) {
		mem = NULL;
		cs_error_set(err, "out of memory");
		goto out;
	}
	mem = NULL;
	snprintf(prefix, sizeof(prefix), "c%d-", h->ncharts);
	fputs("<figure class=\"chart\">\n", h->out);
	cs_markup_svg(h->out, svg, len, prefix, title, w, ht);
	fputs("</figure>\n", h->out);
	rc = 0;
out:
	if (cr != NULL)
		cairo_destroy(cr);
	if (sf != NULL)
		cairo_surface_destroy(sf);
	if (mem != NULL)
		fclose(mem);
	free(svg);
	return rc;
}

/* ---- the document ---- */

/* Closes the open sections of level `level` and below it. */
static void
close_sections(struct html *h, int level)
{
	if (h->open2) {
		fputs("</section>\n", h->out);
		h->open2 = 0;
	}
	if (level <= 1 && h->open1) {
		fputs("</section>\n", h->out);
		h->open1 = 0;
	}
}

static void
head(const struct cs_doc *d, FILE *out)
{
	fputs("<!DOCTYPE html>\n<html lang=\"", out);
	cs_markup_text(out, d->lang);
	fputs("\">\n<head>\n<meta charset=\"utf-8\">\n"
	    "<meta name=\"viewport\" content=\"width=device-width, "
	    "initial-scale=1\">\n", out);
	element(out, "title", NULL, d->title ? d->title : "");
	meta(out, "author", d->author);
	meta(out, "description", d->subject);
#ifdef CS_VERSION
	meta(out, "generator", "callstat " CS_VERSION);
#endif
	meta(out, "dcterms.created", d->created);
	fprintf(out, "<style>\n%s</style>\n</head>\n<body>\n", style);
}

static void
cover(const struct cs_doc *d, const struct cs_doc_block *b, FILE *out)
{
	fputs("<header class=\"cover\">\n", out);
	element(out, "h1", NULL, b->text);
	if (b->sub != NULL)
		element(out, "p", "sub", b->sub);
	if (b->small != NULL && d->created[0] != '\0') {
		fputs("<p class=\"small\"><time datetime=\"", out);
		cs_markup_text(out, d->created);
		fputs("\">", out);
		cs_markup_text(out, b->small);
		fputs("</time></p>\n", out);
	} else if (b->small != NULL) {
		element(out, "p", "small", b->small);
	}
	fputs("</header>\n", out);
}

/* The contents: a link per heading, a level 2 in a list under its level
 * 1 (under the item before it, when it comes first). */
static void
toc(const struct cs_doc *d, FILE *out)
{
	int item = 0, sub = 0;

	fputs("<nav class=\"toc\">\n", out);
	element(out, "h2", NULL, d->toc_word);
	fputs("<ul>\n", out);
	for (size_t i = 0; i < d->n; i++) {
		const struct cs_doc_block *b = &d->b[i];

		if (b->kind != CS_DOC_HEADING)
			continue;
		if (b->level == 1 || !item) {
			if (sub)
				fputs("</ul>\n", out);
			if (item)
				fputs("</li>\n", out);
			item = 1;
			sub = 0;
		} else if (!sub) {
			fputs("\n<ul>\n", out);
			sub = 1;
		}
		fputs("<li><a href=\"#", out);
		cs_markup_text(out, b->id);
		fputs("\">", out);
		cs_markup_text(out, b->text);
		fputs(sub ? "</a></li>\n" : "</a>", out);
	}
	if (sub)
		fputs("</ul>\n", out);
	if (item)
		fputs("</li>\n", out);
	fputs("</ul>\n</nav>\n", out);
}

static void
heading(struct html *h, const struct cs_doc_block *b)
{
	close_sections(h, b->level);
	fputs("<section id=\"", h->out);
	cs_markup_text(h->out, b->id);
	fputs(b->level == 1 ? "\" class=\"l1\">\n" : "\">\n", h->out);
	element(h->out, b->level == 1 ? "h2" : "h3", NULL, b->text);
	if (b->level == 1)
		h->open1 = 1;
	else
		h->open2 = 1;
}

static const char *
style_class(enum cs_doc_style s)
{
	return s == CS_DOC_LEAD ? "lead" : s == CS_DOC_NOTE ? "note" : NULL;
}

static void
list(const struct cs_doc_block *b, FILE *out)
{
	open_tag(out, "ul", style_class(b->style));
	fputc('\n', out);
	for (size_t i = 0; i < b->nitems; i++)
		element(out, "li", NULL, b->cells[i]);
	fputs("</ul>\n", out);
}

/* A cell: th with its scope, or td; class "num" when right-aligned. */
static void
cell(FILE *out, const char *scope, int right, const char *text)
{
	const char *tag = scope ? "th" : "td";

	fprintf(out, "<%s", tag);
	if (scope != NULL)
		fprintf(out, " scope=\"%s\"", scope);
	if (right)
		fputs(" class=\"num\"", out);
	fputc('>', out);
	cs_markup_text(out, text);
	fprintf(out, "</%s>", tag);
}

/* The header row in <thead>, each other row's first cell as the row's
 * header (a service, a figure): what a screen reader announces. */
static void
table(const struct cs_doc_block *b, FILE *out)
{
	fputs("<div class=\"table\">\n<table>\n<thead>\n<tr>", out);
	for (int c = 0; c < b->ncols; c++)
		cell(out, "col", b->align[c] == CS_DOC_RIGHT, b->cells[c]);
	fputs("</tr>\n</thead>\n<tbody>\n", out);
	for (int r = 1; r < b->nrows; r++) {
		fputs("<tr>", out);
		for (int c = 0; c < b->ncols; c++)
			cell(out, c == 0 ? "row" : NULL,
			    b->align[c] == CS_DOC_RIGHT,
			    b->cells[(size_t)r * (size_t)b->ncols + (size_t)c]);
		fputs("</tr>\n", out);
	}
	fputs("</tbody>\n</table>\n</div>\n", out);
}

int
cs_doc_html(const struct cs_doc *d, FILE *out, struct cs_error *err)
{
	struct html h = { .out = out };

	if (cs_doc_ok(d, err) < 0)
		return -1;
	head(d, out);
	for (size_t i = 0; i < d->n && !ferror(out); i++) {
		const struct cs_doc_block *b = &d->b[i];

		switch (b->kind) {
		case CS_DOC_COVER:
			close_sections(&h, 1);
			cover(d, b, out);
			break;
		case CS_DOC_TOC:
			close_sections(&h, 1);
			toc(d, out);
			break;
		case CS_DOC_HEADING:
			heading(&h, b);
			break;
		case CS_DOC_PARA:
			element(out, "p", style_class(b->style), b->text);
			break;
		case CS_DOC_LIST:
			list(b, out);
			break;
		case CS_DOC_TABLE:
			table(b, out);
			break;
		case CS_DOC_CHART:
			if (chart(&h, b, err) < 0)
				return -1;
			break;
		}
	}
	close_sections(&h, 1);
	if (d->footer != NULL) {
		fputs("<footer>\n", out);
		element(out, "p", "note", d->footer);
		fputs("</footer>\n", out);
	}
	fputs("</body>\n</html>\n", out);
	errno = 0;
	if (fflush(out) != 0 || ferror(out))
		return cs_error_set(err, "cannot write the HTML: %s",
		    errno ? strerror(errno) : "write error");
	return 0;
}
