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

/* A chart's width in the SVG's units (points), as a column of A4 text. */
#define CHART_WIDTH 680.0

/* Screen first; printed, A4 with the cover alone and a page a section.
 * No '<' in it, so that it needs no escaping inside <style>. */
static const char style[] =
    "html{font-family:\"DejaVu Sans\",Verdana,system-ui,sans-serif;"
    "color:#1a1a1a;background:#fff;line-height:1.45}\n"
    "body{max-width:50em;margin:0 auto;padding:1em 1.5em}\n"
    "h1,h2,h3{line-height:1.2}\n"
    "header.cover{text-align:center;padding:5em 0 4em}\n"
    "header.cover h1{font-size:2.4em;margin:0 0 .6em}\n"
    ".sub{font-size:1.3em}\n"
    ".lead{font-size:1.15em}\n"
    ".small,.note{font-size:.85em;color:#555}\n"
    "nav ul{list-style:none;padding-left:0}\n"
    "nav ul ul{padding-left:1.5em}\n"
    "nav a{color:#0b4f8a;text-decoration:none}\n"
    "nav a:hover,nav a:focus{text-decoration:underline}\n"
    "section.l1{border-top:1px solid #ccc;margin-top:2.5em}\n"
    ".table{overflow-x:auto}\n"
    "table{border-collapse:collapse;margin:1em 0}\n"
    "th,td{padding:.3em .7em;text-align:left;vertical-align:top}\n"
    "thead th{border-bottom:2px solid #333;vertical-align:bottom}\n"
    "tbody tr{border-bottom:1px solid #ddd}\n"
    "tbody th{font-weight:normal}\n"
    "th.num,td.num{text-align:right;font-variant-numeric:tabular-nums}\n"
    "figure{margin:1.5em 0}\n"
    "figure svg{display:block;width:100%;max-width:100%;height:auto}\n"
    "footer{margin-top:3em;border-top:1px solid #ccc}\n"
    "@page{size:A4;margin:18mm 16mm 20mm}\n"
    "@media print{\n"
    "html{font-size:10pt}\n"
    "body{max-width:none;padding:0}\n"
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
	int ncharts;		/* drawn so far: the next one's prefix */
};

static void
put_n(FILE *out, const char *s, size_t n)
{
	if (n > 0)
		fwrite(s, 1, n, out);
}

/* s as HTML text or attribute value; NULL writes nothing. */
static void
esc(FILE *out, const char *s)
{
	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, "&<>\"'");

		put_n(out, s, n);
		s += n;
		switch (*s) {
		case '&':
			fputs("&amp;", out);
			break;
		case '<':
			fputs("&lt;", out);
			break;
		case '>':
			fputs("&gt;", out);
			break;
		case '"':
			fputs("&quot;", out);
			break;
		case '\'':
			fputs("&#39;", out);
			break;
		default:
			return;
		}
		s++;
	}
}

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
	esc(out, text);
	fprintf(out, "</%s>\n", tag);
}

static void
meta(FILE *out, const char *name, const char *content)
{
	if (content == NULL || *content == '\0')
		return;
	fprintf(out, "<meta name=\"%s\" content=\"", name);
	esc(out, content);
	fputs("\">\n", out);
}

/* ---- the SVG, inlined ---- */

/* Does [p, end) start with s? */
static int
starts(const char *p, const char *end, const char *s)
{
	size_t n = strlen(s);

	return (size_t)(end - p) >= n && memcmp(p, s, n) == 0;
}

/* Just past the first s at or after p, or end. */
static const char *
past(const char *p, const char *end, const char *s)
{
	const char *q = memmem(p, (size_t)(end - p), s, strlen(s));

	return q ? q + strlen(s) : end;
}

/* An attribute's value (n bytes, between its quotes) with the name in
 * every url(#name), url('#name') or url("name") prefixed. */
static void
put_value(FILE *out, const char *v, size_t n, const char *prefix)
{
	const char *end = v + n, *u;

	while ((u = memmem(v, (size_t)(end - v), "url(", 4)) != NULL) {
		const char *h = u + 4;

		if (h < end && (*h == '\'' || *h == '"'))
			h++;
		if (h < end && *h == '#') {
			put_n(out, v, (size_t)(h + 1 - v));
			fputs(prefix, out);
			v = h + 1;
		} else {
			put_n(out, v, (size_t)(h - v));
			v = h;
		}
	}
	put_n(out, v, (size_t)(end - v));
}

static int
is_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

/*
 * Copies the start tag at p ('<' then a name) with its attributes
 * rewritten, and returns where it ends.  The root's width, height and
 * style make way for html.h's; label is the root's aria-label, NULL for
 * any other element.
 */
static const char *
start_tag(FILE *out, const char *p, const char *end, const char *prefix,
    const char *label, double width, double height)
{
	int viewbox = 0;

	while (p < end && !is_space(*p) && *p != '>' && *p != '/')
		fputc(*p++, out);
	for (;;) {
		const char *name, *v;
		size_t nlen;
		char q;

		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p == '>' || *p == '/')
			break;
		name = p;
		while (p < end && !is_space(*p) && *p != '=' && *p != '>' &&
		    *p != '/')
			p++;
		nlen = (size_t)(p - name);
		while (p < end && is_space(*p))
			p++;
		if (p >= end || *p != '=') {	/* no value: not XML, kept */
			fputc(' ', out);
			put_n(out, name, nlen);
			continue;
		}
		for (p++; p < end && is_space(*p); p++)
			;
		if (p >= end || (*p != '"' && *p != '\''))
			break;			/* unquoted: not XML, dropped */
		q = *p++;
		v = p;
		while (p < end && *p != q)
			p++;
		if (label != NULL && ((nlen == 5 && !memcmp(name, "width", 5)) ||
		    (nlen == 6 && !memcmp(name, "height", 6)) ||
		    (nlen == 5 && !memcmp(name, "style", 5)))) {
			p += p < end;
			continue;
		}
		if (nlen == 7 && !memcmp(name, "viewBox", 7))
			viewbox = 1;
		fputc(' ', out);
		put_n(out, name, nlen);
		fprintf(out, "=%c", q);
		if (nlen == 2 && !memcmp(name, "id", 2))
			fputs(prefix, out);
		else if (((nlen == 4 && !memcmp(name, "href", 4)) ||
		    (nlen > 5 && !memcmp(name + nlen - 5, ":href", 5))) &&
		    p > v && *v == '#') {
			fputc('#', out);
			fputs(prefix, out);
			v++;
		}
		put_value(out, v, (size_t)(p - v), prefix);
		fputc(q, out);
		p += p < end;
	}
	if (label != NULL) {
		if (!viewbox)
			fprintf(out, " viewBox=\"0 0 %g %g\"", width, height);
		fputs(" width=\"100%\" style=\"max-width:100%;height:auto\""
		    " role=\"img\" aria-label=\"", out);
		esc(out, label);
		fputc('"', out);
	}
	while (p < end && *p != '>')
		fputc(*p++, out);
	if (p < end)
		fputc(*p++, out);
	return p;
}

void
cs_html_svg(FILE *out, const char *svg, size_t len, const char *prefix,
    const char *label, double width, double height)
{
	const char *p = svg, *end = svg + len;
	int root = 1;

	while (end > p && is_space(end[-1]))
		end--;

	while (p < end) {
		const char *lt = memchr(p, '<', (size_t)(end - p));

		if (lt == NULL)
			lt = end;
		if (!root)	/* before the root: the prolog's newline */
			put_n(out, p, (size_t)(lt - p));
		if (lt == end)
			break;
		if (starts(lt, end, "<?")) {		/* the prolog */
			p = past(lt, end, "?>");
		} else if (starts(lt, end, "<!--")) {
			p = past(lt, end, "-->");
			put_n(out, lt, (size_t)(p - lt));
		} else if (starts(lt, end, "<![CDATA[")) {
			p = past(lt, end, "]]>");
			put_n(out, lt, (size_t)(p - lt));
		} else if (starts(lt, end, "<!")) {	/* a doctype */
			p = past(lt, end, ">");
		} else if (starts(lt, end, "</")) {
			p = past(lt, end, ">");
			put_n(out, lt, (size_t)(p - lt));
		} else {
			p = start_tag(out, lt, end, prefix,
			    root ? (label ? label : "") : NULL, width, height);
			root = 0;
		}
	}
	fputc('\n', out);
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
	cs_html_svg(h->out, svg, len, prefix, title, w, ht);
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
	esc(out, d->lang);
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
		esc(out, d->created);
		fputs("\">", out);
		esc(out, b->small);
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
		fprintf(out, "<li><a href=\"#%s\">", b->id);
		esc(out, b->text);
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
	fprintf(h->out, "<section id=\"%s\"%s>\n", b->id,
	    b->level == 1 ? " class=\"l1\"" : "");
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
	esc(out, text);
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
