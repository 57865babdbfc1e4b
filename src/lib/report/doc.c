/*
 * report/doc.c: the report's document tree (doc.h): building it, with one
 * sticky failure flag instead of a check after every call.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/doc.h"

void
cs_doc_init(struct cs_doc *d)
{
	memset(d, 0, sizeof(*d));
	snprintf(d->lang, sizeof(d->lang), "en");
	d->page_word = "Page";
	d->toc_word = "Contents";
}

static void
block_release(struct cs_doc_block *b)
{
	size_t ncells = b->kind == CS_DOC_TABLE ?
	    (size_t)b->nrows * (size_t)b->ncols : b->nitems;

	free(b->text);
	free(b->sub);
	free(b->small);
	for (size_t i = 0; b->cells && i < ncells; i++)
		free(b->cells[i]);
	free(b->cells);
	free(b->align);
	if (b->kind == CS_DOC_CHART)
		cs_chart_release(&b->chart);
	for (int i = 0; i < 5; i++)
		free(b->strs[i]);
}

void
cs_doc_release(struct cs_doc *d)
{
	for (size_t i = 0; i < d->n; i++)
		block_release(&d->b[i]);
	free(d->b);
	free(d->title);
	free(d->author);
	free(d->subject);
	free(d->footer);
	memset(d, 0, sizeof(*d));
}

int
cs_doc_ok(const struct cs_doc *d, struct cs_error *err)
{
	return d->failed ? cs_error_set(err, "out of memory") : 0;
}

/* A copy of s (NULL stays NULL), or NULL with d->failed set. */
static char *
dup(struct cs_doc *d, const char *s)
{
	char *p;

	if (s == NULL || d->failed)
		return NULL;
	if ((p = strdup(s)) == NULL)
		d->failed = 1;
	return p;
}

void
cs_doc_set(struct cs_doc *d, char **field, const char *s)
{
	char *p = dup(d, s);

	if (d->failed)
		return;
	free(*field);
	*field = p;
}

/* A new zeroed block of kind k at the end, or NULL with d->failed set. */
static struct cs_doc_block *
add(struct cs_doc *d, enum cs_doc_kind k)
{
	struct cs_doc_block *b;

	if (d->failed)
		return NULL;
	if (d->n == d->cap) {
		size_t cap = d->cap ? d->cap * 2 : 32;
		if ((b = realloc(d->b, cap * sizeof(*b))) == NULL) {
			d->failed = 1;
			return NULL;
		}
		d->b = b;
		d->cap = cap;
	}
	b = &d->b[d->n++];
	memset(b, 0, sizeof(*b));
	b->kind = k;
	return b;
}

void
cs_doc_cover(struct cs_doc *d, const char *title, const char *sub,
    const char *small)
{
	struct cs_doc_block *b = add(d, CS_DOC_COVER);

	if (b != NULL) {
		b->text = dup(d, title);
		b->sub = dup(d, sub);
		b->small = dup(d, small);
	}
}

void
cs_doc_toc(struct cs_doc *d)
{
	add(d, CS_DOC_TOC);
}

const char *
cs_doc_heading(struct cs_doc *d, int level, const char *text)
{
	struct cs_doc_block *b = add(d, CS_DOC_HEADING);

	if (b == NULL)
		return "";
	b->level = level < 2 ? 1 : 2;
	b->text = dup(d, text);
	snprintf(b->id, sizeof(b->id), "s%d", ++d->nheadings);
	return b->id;
}

void
cs_doc_para(struct cs_doc *d, enum cs_doc_style style, const char *text)
{
	struct cs_doc_block *b = add(d, CS_DOC_PARA);

	if (b != NULL) {
		b->style = style;
		b->text = dup(d, text);
	}
}

void
cs_doc_paraf(struct cs_doc *d, enum cs_doc_style style, const char *fmt, ...)
{
	va_list ap;
	char *s = NULL;

	va_start(ap, fmt);
	if (vasprintf(&s, fmt, ap) < 0) {
		d->failed = 1;
		s = NULL;
	}
	va_end(ap);
	if (s != NULL)
		cs_doc_para(d, style, s);
	free(s);
}

void
cs_doc_list(struct cs_doc *d, enum cs_doc_style style)
{
	struct cs_doc_block *b = add(d, CS_DOC_LIST);

	if (b != NULL)
		b->style = style;
}

/* Appends n strings to the cells of b. */
static void
add_cells(struct cs_doc *d, struct cs_doc_block *b, size_t have,
    const char *const *s, size_t n)
{
	char **p;

	if (d->failed)
		return;
	if ((p = realloc(b->cells, (have + n) * sizeof(*p))) == NULL) {
		d->failed = 1;
		return;
	}
	b->cells = p;
	for (size_t i = 0; i < n; i++)
		p[have + i] = NULL;
	for (size_t i = 0; i < n; i++)
		p[have + i] = dup(d, s[i] ? s[i] : "");
}

/* The last block if it is of kind k, else NULL with d->failed set: a
 * programming error, reported as a failure rather than a crash. */
static struct cs_doc_block *
last(struct cs_doc *d, enum cs_doc_kind k)
{
	if (d->failed)
		return NULL;
	if (d->n == 0 || d->b[d->n - 1].kind != k) {
		d->failed = 1;
		return NULL;
	}
	return &d->b[d->n - 1];
}

void
cs_doc_item(struct cs_doc *d, const char *text)
{
	struct cs_doc_block *b = last(d, CS_DOC_LIST);

	if (b == NULL)
		return;
	add_cells(d, b, b->nitems, &text, 1);
	if (!d->failed)
		b->nitems++;
}

void
cs_doc_table(struct cs_doc *d, int ncols, const char *const *header,
    const enum cs_doc_align *align)
{
	struct cs_doc_block *b = add(d, CS_DOC_TABLE);

	if (b == NULL)
		return;
	b->ncols = ncols;
	if ((b->align = calloc((size_t)ncols, sizeof(*b->align))) == NULL) {
		d->failed = 1;
		return;
	}
	for (int i = 0; i < ncols; i++)
		b->align[i] = align ? align[i] : i ? CS_DOC_RIGHT : CS_DOC_LEFT;
	add_cells(d, b, 0, header, (size_t)ncols);
	if (!d->failed)
		b->nrows = 1;
}

void
cs_doc_row(struct cs_doc *d, const char *const *cells)
{
	struct cs_doc_block *b = last(d, CS_DOC_TABLE);

	if (b == NULL)
		return;
	add_cells(d, b, (size_t)b->nrows * (size_t)b->ncols, cells,
	    (size_t)b->ncols);
	if (!d->failed)
		b->nrows++;
}

void
cs_doc_chart(struct cs_doc *d, struct cs_chart *c, double aspect)
{
	struct cs_doc_block *b = add(d, CS_DOC_CHART);

	if (b == NULL) {
		cs_chart_release(c);
		return;
	}
	b->chart = *c;
	memset(c, 0, sizeof(*c));
	b->aspect = aspect > 0 ? aspect : 0.55;
	b->strs[0] = dup(d, b->chart.title);
	b->strs[1] = dup(d, b->chart.ylabel);
	b->strs[2] = dup(d, b->chart.caption);
	b->strs[3] = dup(d, b->chart.go_live_label);
	b->strs[4] = dup(d, b->chart.target_label);
	b->chart.title = b->strs[0];
	b->chart.ylabel = b->strs[1];
	b->chart.caption = b->strs[2];
	b->chart.go_live_label = b->strs[3];
	b->chart.target_label = b->strs[4];
}
