/* report/html.c by structure: a small report built by hand, with two
 * charts of different types, written as HTML and read back as text: the
 * doctype and head, the contents' links and the headings' ids, every id
 * unique and every reference to one resolved (the two charts' SVGs share
 * cairo's names until prefixed), nothing external, the escaping, the
 * table's cells in order, the tags balanced; report/markup.c's SVG
 * rewriting on its own; and a full disk as an error. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"
#include "report/html.h"
#include "report/markup.h"
#include "unit.h"

/* A chart of type with 3 months and 2 series, by hand. */
static void
fill_chart(struct cs_chart *c, enum cs_chart_type type, const char *title,
    const struct cs_lang *l)
{
	static const char *const months[] = { "2024-01", "2024-02", "2024-03" };
	static const char *const names[] = { "Accueil", "État civil" };

	memset(c, 0, sizeof(*c));
	c->type = type;
	c->title = title;
	c->ylabel = type == CS_CHART_RATE ? "Taux" : "Appels";
	c->caption = "Source : journaux du standard";
	c->lang = l;
	c->min_n = 30;
	c->go_live = 1.5;
	c->go_live_label = "Robot";
	c->target = NAN;
	c->nperiods = 3;
	c->periods = calloc(3, sizeof(*c->periods));
	c->nseries = 2;
	c->series = calloc(2, sizeof(*c->series));
	CU_ASSERT_FATAL(c->periods != NULL && c->series != NULL);
	for (int i = 0; i < 3; i++)
		c->periods[i] = strdup(months[i]);
	for (int s = 0; s < 2; s++) {
		struct cs_chart_series *x = &c->series[s];

		x->name = strdup(names[s]);
		x->v = calloc(3, sizeof(double));
		x->n = calloc(3, sizeof(double));
		x->has = calloc(3, 1);
		CU_ASSERT_FATAL(x->v != NULL && x->n != NULL && x->has != NULL);
		for (int i = 0; i < 3; i++) {
			x->v[i] = type == CS_CHART_RATE ? 0.6 + 0.1 * i + 0.05 * s :
			    100 + 20 * i + 50 * s;
			x->n[i] = 100 + 20 * i;
			x->has[i] = 1;
		}
	}
}

static void
build(struct cs_doc *d, const struct cs_lang *l)
{
	static const char *const head[] = { "Service", "Appels", "Taux" };
	static const char *const r1[] = { "Accueil", "1 200",
	    "97,8 %\n(n = 1 200)" };
	static const char *const r2[] = { "État <civil>", "340", "70,1 %" };
	struct cs_chart c;

	cs_doc_init(d);
	snprintf(d->lang, sizeof(d->lang), "fr");
	snprintf(d->created, sizeof(d->created), "2026-12-01T06:00:00Z");
	cs_doc_set(d, &d->title, "Rapport de Saint-Agrève <2025> & \"suite\"");
	cs_doc_set(d, &d->author, "Service informatique");
	cs_doc_set(d, &d->subject, "Les appels de la mairie");
	cs_doc_set(d, &d->footer, "Mairie de Saint-Agrève");
	d->toc_word = "Sommaire";
	cs_doc_cover(d, "Saint-Agrève", "Mars 2024 – février 2025",
	    "1er décembre 2026");
	cs_doc_toc(d);
	cs_doc_heading(d, 1, "Résumé & chiffres");
	cs_doc_para(d, CS_DOC_LEAD, "97,8 % des appels ont obtenu une réponse");
	cs_doc_para(d, CS_DOC_NORMAL, "a < b & \"c\" l'été");
	cs_doc_para(d, CS_DOC_NOTE, "Source : <Master.csv>");
	cs_doc_list(d, CS_DOC_NORMAL);
	cs_doc_item(d, "premier > second");
	cs_doc_item(d, "troisième");
	cs_doc_heading(d, 2, "Par service");
	cs_doc_table(d, 3, head, NULL);
	cs_doc_row(d, r1);
	cs_doc_row(d, r2);
	fill_chart(&c, CS_CHART_RATE, "Taux de réponse", l);
	cs_doc_chart(d, &c, 0);
	cs_doc_heading(d, 1, "Volume");
	fill_chart(&c, CS_CHART_VOLUME, "Appels & volume", l);
	cs_doc_chart(d, &c, 0.6);
	cs_doc_heading(d, 2, "Méthode");
	cs_doc_para(d, CS_DOC_NOTE, "Fin.");
}

/* d written as HTML, NUL-terminated, the caller's to free.  Not inlined:
 * GCC 12 then takes what strstr finds in it for a pointer to the local
 * buf (-Wdangling-pointer). */
__attribute__((noinline)) static char *
html_of(const struct cs_doc *d)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);
	struct cs_error err;

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	err.msg[0] = '\0';
	CU_ASSERT_EQUAL(cs_doc_html(d, fp, &err), 0);
	if (err.msg[0] != '\0')
		fprintf(stderr, "cs_doc_html: %s\n", err.msg);
	CU_ASSERT_EQUAL(fclose(fp), 0);
	return buf;
}

static int
count(const char *s, const char *what)
{
	int n = 0;

	for (; (s = strstr(s, what)) != NULL; s++)
		n++;
	return n;
}

/* Every id="..." of s, in order; *n of them. */
static char **
ids_of(const char *s, int *n)
{
	char **v = NULL;

	*n = 0;
	for (const char *p = s; (p = strstr(p, " id=\"")) != NULL; p++) {
		const char *q = p + 5;
		size_t len = strcspn(q, "\"");

		v = realloc(v, (size_t)(*n + 1) * sizeof(*v));
		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		v[(*n)++] = strndup(q, len);
	}
	return v;
}

static int
has_id(char **ids, int n, const char *id, size_t len)
{
	for (int i = 0; i < n; i++)
		if (strlen(ids[i]) == len && !memcmp(ids[i], id, len))
			return 1;
	return 0;
}

/* Every reference after each `mark` in s names one of ids; 0, or -1
 * with the first that does not. */
static int
refs_resolve(const char *s, const char *mark, char **ids, int n)
{
	for (const char *p = s; (p = strstr(p, mark)) != NULL; p++) {
		const char *q = p + strlen(mark);
		size_t len = strcspn(q, "\")'");

		if (!has_id(ids, n, q, len)) {
			fprintf(stderr, "no id for %.*s\n", (int)len, q);
			return -1;
		}
	}
	return 0;
}

/* Every "http" of s is in an xmlns attribute's value. */
static int
http_only_in_xmlns(const char *s)
{
	for (const char *p = s; (p = strstr(p, "http")) != NULL; p++) {
		const char *q = p;

		while (q > s && q[-1] != '"')
			q--;
		if (q - s < 8 || q[-2] != '=')
			return 0;
		q -= 2;
		while (q > s && q[-1] != ' ')
			q--;
		if (strncmp(q, "xmlns", 5) != 0)
			return 0;
	}
	return 1;
}

/* The tags of s balance, HTML's void elements aside and <style>'s text
 * skipped; 0, or -1. */
static int
balanced(const char *s)
{
	static const char *const voids[] = { "meta", "br", "hr", "img",
	    "link", "input", "col", "wbr", "source", NULL };
	char stack[64][32];
	int depth = 0;

	for (const char *p = s; (p = strchr(p, '<')) != NULL; ) {
		const char *end;
		char name[32];
		size_t n;
		int closing = p[1] == '/', isvoid = 0;

		if (p[1] == '!') {
			p = strchr(p, '>');
			if (p == NULL)
				return -1;
			continue;
		}
		n = strcspn(p + 1 + closing, " \t\n/>");
		if (n == 0 || n >= sizeof(name) ||
		    (end = strchr(p, '>')) == NULL)
			return -1;
		memcpy(name, p + 1 + closing, n);
		name[n] = '\0';
		for (int i = 0; voids[i]; i++)
			isvoid |= !strcmp(name, voids[i]);
		if (closing) {
			if (depth == 0 || strcmp(stack[depth - 1], name) != 0) {
				fprintf(stderr, "</%s> closes <%s>\n", name,
				    depth ? stack[depth - 1] : "nothing");
				return -1;
			}
			depth--;
		} else if (!isvoid && end[-1] != '/') {
			if (depth == 64)
				return -1;
			strcpy(stack[depth++], name);
			if (!strcmp(name, "style")) {	/* CSS, to its end */
				if ((p = strstr(end, "</style>")) == NULL)
					return -1;
				continue;
			}
		}
		p = end + 1;
	}
	return depth == 0 ? 0 : -1;
}

static void
test_document(void)
{
	struct cs_doc d;
	struct cs_lang l;
	char *h, **ids;
	const char *p, *q;
	int nids, dup = 0;

	cs_lang_init(&l);
	build(&d, &l);
	CU_ASSERT_EQUAL_FATAL(d.failed, 0);
	h = html_of(&d);
	CU_ASSERT_PTR_NOT_NULL_FATAL(h);

	/* head */
	CU_ASSERT_EQUAL(strncmp(h, "<!DOCTYPE html>\n<html lang=\"fr\">", 32), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<meta charset=\"utf-8\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<title>Rapport de Saint-Agrève "
	    "&lt;2025&gt; &amp; &quot;suite&quot;</title>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h,
	    "<meta name=\"author\" content=\"Service informatique\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h,
	    "<meta name=\"description\" content=\"Les appels de la mairie\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "content=\"2026-12-01T06:00:00Z\""));
	CU_ASSERT_EQUAL(count(h, "<style"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "@media print"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "size:A4"));
	/* a cell's line break kept, as the PDF does */
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "white-space:pre-line"));

	/* cover, contents, sections */
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<header class=\"cover\">\n"
	    "<h1>Saint-Agrève</h1>"));
	CU_ASSERT_EQUAL(count(h, "<h1"), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<time datetime=\"2026-12-01T06:00:00Z\">"
	    "1er décembre 2026</time>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<nav class=\"toc\">\n<h2>Sommaire</h2>"));
	/* a level 2 nested under its level 1 */
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<li><a href=\"#s1\">Résumé &amp; "
	    "chiffres</a>\n<ul>\n<li><a href=\"#s2\">Par service</a></li>\n"
	    "</ul>\n</li>\n<li><a href=\"#s3\">Volume</a>"));
	for (int i = 1; i <= 4; i++) {
		char id[32], href[32];

		snprintf(id, sizeof(id), " id=\"s%d\"", i);
		snprintf(href, sizeof(href), "href=\"#s%d\"", i);
		CU_ASSERT_EQUAL(count(h, id), 1);
		CU_ASSERT_EQUAL(count(h, href), 1);
	}
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<section id=\"s1\" class=\"l1\">\n"
	    "<h2>Résumé &amp; chiffres</h2>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<section id=\"s2\">\n<h3>Par service</h3>"));
	/* the level 2 closed before the next level 1, and that one too */
	p = strstr(h, "<section id=\"s3\"");
	CU_ASSERT_FATAL(p != NULL);
	CU_ASSERT_EQUAL(strncmp(p - 22, "</section>\n</section>\n", 22), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "</section>\n</section>\n<footer>"));
	CU_ASSERT_EQUAL(balanced(h), 0);

	/* every id once, every reference to one of them */
	ids = ids_of(h, &nids);
	CU_ASSERT(nids > 20);
	for (int i = 0; i < nids; i++)
		for (int j = i + 1; j < nids; j++)
			dup += !strcmp(ids[i], ids[j]);
	CU_ASSERT_EQUAL(dup, 0);
	CU_ASSERT(count(h, "href=\"#c1-") > 0);
	CU_ASSERT(count(h, "href=\"#c2-") > 0);
	CU_ASSERT(count(h, "url(#c") > 0);
	CU_ASSERT_EQUAL(refs_resolve(h, "href=\"#", ids, nids), 0);
	CU_ASSERT_EQUAL(refs_resolve(h, "url(#", ids, nids), 0);
	CU_ASSERT_EQUAL(count(h, "\"#glyph"), 0);
	CU_ASSERT_EQUAL(count(h, "url(#clip"), 0);
	for (int i = 0; i < nids; i++)
		free(ids[i]);
	free(ids);

	/* nothing external */
	CU_ASSERT_PTR_NULL(strstr(h, "<script"));
	CU_ASSERT_PTR_NULL(strstr(h, "src="));
	CU_ASSERT_PTR_NULL(strstr(h, "<link"));
	CU_ASSERT_PTR_NULL(strstr(h, "<?xml"));
	CU_ASSERT(http_only_in_xmlns(h));

	/* the words, escaped, UTF-8 as it is */
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<p class=\"lead\">97,8 % des appels"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h,
	    "<p>a &lt; b &amp; &quot;c&quot; l&#39;été</p>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h,
	    "<p class=\"note\">Source : &lt;Master.csv&gt;</p>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(h, "<ul>\n<li>premier &gt; second</li>\n"
	    "<li>troisième</li>\n</ul>"));
	CU_ASSERT_PTR_NULL(strstr(h, "a < b"));

	/* the table, cells in order, numbers right-aligned */
	p = strstr(h, "<table>\n<thead>\n<tr><th scope=\"col\">Service</th>"
	    "<th scope=\"col\" class=\"num\">Appels</th>"
	    "<th scope=\"col\" class=\"num\">Taux</th></tr>\n</thead>\n<tbody>\n");
	CU_ASSERT_FATAL(p != NULL);
	q = strstr(p, "<tr><th scope=\"row\">Accueil</th><td class=\"num\">1 200"
	    "</td><td class=\"num\">97,8 %\n(n = 1 200)</td></tr>\n"
	    "<tr><th scope=\"row\">État &lt;civil&gt;</th><td class=\"num\">340"
	    "</td><td class=\"num\">70,1 %</td></tr>\n</tbody>\n</table>");
	CU_ASSERT_PTR_NOT_NULL(q);

	/* the two charts, in order, each in its figure */
	CU_ASSERT_EQUAL(count(h, "<svg "), 2);
	CU_ASSERT_EQUAL(count(h, "<figure class=\"chart\">\n<svg "), 2);
	CU_ASSERT_EQUAL(count(h, "</svg>\n</figure>"), 2);
	p = strstr(h, "role=\"img\" aria-label=\"Taux de réponse\"");
	q = strstr(h, "role=\"img\" aria-label=\"Appels &amp; volume\"");
	CU_ASSERT(p != NULL && q != NULL && p < q);
	CU_ASSERT(p != NULL && p < strstr(h, " id=\"s3\""));
	CU_ASSERT_EQUAL(count(h, "viewBox=\"0 0 680 374\""), 1);
	CU_ASSERT_EQUAL(count(h, "viewBox=\"0 0 680 408\""), 1);
	CU_ASSERT_EQUAL(count(h, "width=\"100%\" style=\"max-width:100%;"
	    "height:auto\""), 2);
	CU_ASSERT_PTR_NULL(strstr(h, "pt\""));
	CU_ASSERT(count(h, "id=\"c1-glyph") > 0);
	CU_ASSERT(count(h, "id=\"c2-glyph") > 0);
	free(h);
	cs_doc_release(&d);
}

/* The rewriting alone, on what cairo writes and what it might. */
static void
test_svg(void)
{
	static const char svg[] =
	    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
	    "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" width=\"680pt\" "
	    "height=\"374pt\" viewBox=\"0 0 680 374\" version=\"1.1\">\n"
	    "<defs>\n<symbol overflow=\"visible\" id=\"glyph0-1\"/>\n"
	    "<clipPath id='clip1'><path d=\"M 0 0 Z\"/></clipPath>\n"
	    "<pattern id=\"p2\"/>\n</defs>\n"
	    "<g id=\"surface1\" clip-path=\"url(#clip1)\">\n"
	    "<use xlink:href=\"#glyph0-1\" x=\"1\"/>\n"
	    "<use href='#glyph0-1'/>\n"
	    "<rect style=\"fill:url(#p2);stroke:url('#p2')\" width=\"2\"/>\n"
	    "<a href=\"https://example.org/#x\">id=\"t\" url(#t)</a>\n"
	    "<!-- id=\"c\" -->\n"
	    "</g>\n</svg>\n";
	/* the prolog gone; the size as a proportion, the label escaped */
	static const char root[] = "<svg xmlns=\"http://www.w3.org/2000/svg\" "
	    "xmlns:xlink=\"http://www.w3.org/1999/xlink\" viewBox=\"0 0 680 374\" "
	    "version=\"1.1\" width=\"100%\" style=\"max-width:100%;height:auto\" "
	    "role=\"img\" aria-label=\"Taux &lt;moyen&gt;\">\n<defs>";
	char *buf = NULL;
	static const char bare[] = "<svg width=\"10pt\" height=\"5pt\"><g/></svg>";
	size_t len = 0;
	FILE *fp = open_memstream(&buf, &len);

	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	cs_markup_svg(fp, svg, strlen(svg), "c3-", "Taux <moyen>", 680, 374);
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
	CU_ASSERT_EQUAL(strncmp(buf, root, strlen(root)), 0);
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "id=\"c3-glyph0-1\""));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "<clipPath id='c3-clip1'>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "<pattern id=\"c3-p2\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf,
	    "<g id=\"c3-surface1\" clip-path=\"url(#c3-clip1)\">"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf,
	    "<use xlink:href=\"#c3-glyph0-1\" x=\"1\"/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "<use href='#c3-glyph0-1'/>"));
	CU_ASSERT_PTR_NOT_NULL(strstr(buf,
	    "style=\"fill:url(#c3-p2);stroke:url('#c3-p2')\" width=\"2\"/>"));
	/* not a reference within the SVG; text and comments as they were */
	CU_ASSERT_PTR_NOT_NULL(strstr(buf, "<a href=\"https://example.org/#x\">"
	    "id=\"t\" url(#t)</a>\n<!-- id=\"c\" -->\n</g>\n</svg>\n"));
	CU_ASSERT_EQUAL(count(buf, "c3-"), 9);
	free(buf);

	/* no viewBox: one from the size */
	buf = NULL;
	fp = open_memstream(&buf, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	cs_markup_svg(fp, bare, strlen(bare), "c1-", NULL, 10, 5);
	CU_ASSERT_EQUAL_FATAL(fclose(fp), 0);
	CU_ASSERT_STRING_EQUAL(buf, "<svg viewBox=\"0 0 10 5\" width=\"100%\" "
	    "style=\"max-width:100%;height:auto\" role=\"img\" aria-label=\"\">"
	    "<g/></svg>\n");
	free(buf);
}

/* A full disk is an error with a message, not a short file. */
static void
test_write_error(void)
{
	struct cs_doc d;
	struct cs_lang l;
	struct cs_error err;
	struct cs_chart c;
	FILE *fp = fopen("/dev/full", "w");

	if (fp == NULL) {
		fprintf(stderr, "report_html: no /dev/full, skipped\n");
		return;
	}
	cs_lang_init(&l);
	build(&d, &l);
	err.msg[0] = '\0';
	CU_ASSERT_EQUAL(cs_doc_html(&d, fp, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "cannot write the HTML"));
	fclose(fp);
	cs_doc_release(&d);

	/* a document whose building failed is not written */
	cs_doc_init(&d);
	d.failed = 1;
	fp = fopen("/dev/null", "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	CU_ASSERT_EQUAL(cs_doc_html(&d, fp, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, "out of memory");
	cs_doc_release(&d);

	/* a chart that cannot be drawn: its reason */
	cs_doc_init(&d);
	fill_chart(&c, CS_CHART_RATE, "Taux", &l);
	cs_doc_chart(&d, &c, 0.01);
	err.msg[0] = '\0';
	CU_ASSERT_EQUAL(cs_doc_html(&d, fp, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "too small"));
	fclose(fp);
	cs_doc_release(&d);
}

static CU_TestInfo tests[] = {
	{ "a report as HTML", test_document },
	{ "an SVG inlined, its ids prefixed", test_svg },
	{ "a write error, a failed tree, a chart not drawn", test_write_error },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("report_html", tests)
