/*
 * report/markup.c: the bytes of HTML that need care (markup.h): text
 * escaped, and cairo's SVG made fit to sit inline in a page among others.
 */
#include <stdio.h>
#include <string.h>

#include "report/markup.h"

static void
put_n(FILE *out, const char *s, size_t n)
{
	if (n > 0)
		fwrite(s, 1, n, out);
}

void
cs_markup_text(FILE *out, const char *s)
{
	static const char special[] = "&<>\"'";
	static const char *const entity[] = { "&amp;", "&lt;", "&gt;",
	    "&quot;", "&#39;" };

	while (s != NULL && *s != '\0') {
		size_t n = strcspn(s, special);

		put_n(out, s, n);
		s += n;
		if (*s == '\0')
			break;
		fputs(entity[strchr(special, *s) - special], out);
		s++;
	}
}

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

/* Is the name of n bytes at name s? */
static int
is(const char *name, size_t n, const char *s)
{
	return strlen(s) == n && memcmp(name, s, n) == 0;
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
		if (label != NULL && (is(name, nlen, "width") ||
		    is(name, nlen, "height") || is(name, nlen, "style"))) {
			p += p < end;
			continue;
		}
		viewbox |= is(name, nlen, "viewBox");
		fputc(' ', out);
		put_n(out, name, nlen);
		fprintf(out, "=%c", q);
		if (is(name, nlen, "id"))
			fputs(prefix, out);
		else if ((is(name, nlen, "href") || (nlen > 5 &&
		    is(name + nlen - 5, 5, ":href"))) && p > v && *v == '#') {
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
		cs_markup_text(out, label);
		fputc('"', out);
	}
	while (p < end && *p != '>')
		fputc(*p++, out);
	if (p < end)
		fputc(*p++, out);
	return p;
}

void
cs_markup_svg(FILE *out, const char *svg, size_t len, const char *prefix,
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
		if (!root)	/* text before the root: the prolog's newline */
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

