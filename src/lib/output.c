#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "output.h"

#define EMPTY_MARK "\xe2\x80\x94"	/* em dash, for tables */

void
cs_output_number(double v, char *buf, size_t n)
{
	if (v == 0) {
		snprintf(buf, n, "0");	/* never "-0" */
		return;
	}
	if (fabs(v) < 1e15 && v == trunc(v)) {
		snprintf(buf, n, "%.0f", v);
		return;
	}
	for (int p = 1; p <= 17; p++) {
		snprintf(buf, n, "%.*g", p, v);
		if (strtod(buf, NULL) == v)
			return;
	}
}

/* Writes s as a CSV field: quoted when it holds a comma, quote or line end. */
static void
csv_field(FILE *fp, const char *s)
{
	if (strpbrk(s, ",\"\r\n") == NULL) {
		fputs(s, fp);
		return;
	}
	fputc('"', fp);
	for (; *s != '\0'; s++) {
		if (*s == '"')
			fputc('"', fp);
		fputc(*s, fp);
	}
	fputc('"', fp);
}

/* TSV has no quoting: tabs and line ends inside a value become spaces. */
static void
tsv_field(FILE *fp, const char *s)
{
	for (; *s != '\0'; s++)
		fputc(*s == '\t' || *s == '\n' || *s == '\r' ? ' ' : *s, fp);
}

static void
cell_text(const struct cs_column *c, const struct cs_cell *x, int table,
    char *buf, size_t n)
{
	switch (x->type) {
	case CS_CELL_EMPTY:
		snprintf(buf, n, "%s", table ? EMPTY_MARK : "");
		return;
	case CS_CELL_TEXT:
		snprintf(buf, n, "%s", x->text);
		return;
	case CS_CELL_NUMBER:
		break;
	}
	if (!table) {
		cs_output_number(x->num, buf, n);
		return;
	}
	switch (c->kind) {
	case CS_COL_RATE:
		snprintf(buf, n, "%.1f %%", x->num * 100);
		break;
	case CS_COL_SECONDS:
		snprintf(buf, n, "%.1f", x->num);
		break;
	default:
		cs_output_number(x->num, buf, n);
		break;
	}
}

/* Display width of the n bytes of UTF-8 text s: one column per character. */
static size_t
widthn(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n && s[i] != '\0'; i++)
		if (((unsigned char)s[i] & 0xC0) != 0x80)
			w++;
	return w;
}

static size_t
width(const char *s)
{
	return widthn(s, strlen(s));
}

static const char *
title_of(const struct cs_column *c)
{
	return c->title ? c->title : c->name;
}

/* The line-th line of a title (counting from 0): *len bytes at the
 * returned pointer; NULL when the title has fewer lines. */
static const char *
title_line(const char *title, size_t line, size_t *len)
{
	const char *nl;

	for (; line > 0; line--) {
		if ((title = strchr(title, '\n')) == NULL)
			return NULL;
		title++;
	}
	nl = strchr(title, '\n');
	*len = nl ? (size_t)(nl - title) : strlen(title);
	return title;
}

/*
 * Writes one line of the table: piece[c] (len[c] bytes) in each column, text
 * left-aligned, numbers right-aligned, gap spaces apart.  Nothing is
 * written after the last non-empty piece, so no line ends in spaces.
 */
static void
table_line(FILE *fp, const struct cs_table *t, const size_t *w, int gap,
    const char *const *piece, const size_t *len)
{
	size_t last = 0;

	for (size_t c = 0; c < t->ncols; c++)
		if (len[c] > 0)
			last = c + 1;
	for (size_t c = 0; c < last; c++) {
		size_t pad = w[c] - widthn(piece[c], len[c]);
		int text = t->col[c].kind == CS_COL_TEXT;

		if (!text)
			fprintf(fp, "%*s", (int)pad, "");
		fwrite(piece[c], 1, len[c], fp);
		if (c + 1 < last)
			fprintf(fp, "%*s", (text ? (int)pad : 0) + gap, "");
	}
	fputc('\n', fp);
}

/* A cell as text: a text cell's own, whatever its length (a check's
 * finding says more than a buffer holds), else written into buf. */
static const char *
cell_str(const struct cs_column *c, const struct cs_cell *x, int table,
    char *buf, size_t n)
{
	if (x->type == CS_CELL_TEXT)
		return x->text != NULL ? x->text : "";
	cell_text(c, x, table, buf, n);
	return buf;
}

static int
write_table(FILE *fp, const struct cs_table *t)
{
	size_t n = t->ncols ? t->ncols : 1, nlines = 1, total = 0;
	size_t *w = calloc(n, sizeof(*w)), *len = calloc(n, sizeof(*len));
	const char **piece = calloc(n, sizeof(*piece));
	char *buf = malloc(n * 256);
	int rc = -1, gap;

	if (w == NULL || len == NULL || piece == NULL || buf == NULL)
		goto out;
	for (size_t c = 0; c < t->ncols; c++) {
		const char *l;
		size_t line = 0, ll;

		while ((l = title_line(title_of(&t->col[c]), line++, &ll)) != NULL)
			if (widthn(l, ll) > w[c])
				w[c] = widthn(l, ll);
		if (line - 1 > nlines)
			nlines = line - 1;
		for (size_t r = 0; r < t->nrows; r++) {
			const char *x = cell_str(&t->col[c],
			    &t->cell[r * t->ncols + c], 1, buf, 256);

			if (width(x) > w[c])
				w[c] = width(x);
		}
	}
	/* two spaces between columns, one when that keeps the table within
	   CS_TABLE_FIT columns */
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c] + 2 * (c > 0);
	gap = total > CS_TABLE_FIT ? 1 : 2;
	for (size_t line = 0; line < nlines; line++) {
		for (size_t c = 0; c < t->ncols; c++)
			if ((piece[c] = title_line(title_of(&t->col[c]), line,
			    &len[c])) == NULL) {
				piece[c] = "";
				len[c] = 0;
			}
		table_line(fp, t, w, gap, piece, len);
	}
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			piece[c] = cell_str(&t->col[c],
			    &t->cell[r * t->ncols + c], 1, buf + c * 256, 256);
			len[c] = strlen(piece[c]);
		}
		table_line(fp, t, w, gap, piece, len);
	}
	rc = 0;
out:
	free(w);
	free(len);
	free(piece);
	free(buf);
	return rc;
}

static int
write_sv(FILE *fp, const struct cs_table *t, int tsv)
{
	char buf[256];

	for (size_t c = 0; c < t->ncols; c++) {
		if (c > 0)
			fputc(tsv ? '\t' : ',', fp);
		(tsv ? tsv_field : csv_field)(fp, t->col[c].name);
	}
	fputc('\n', fp);
	for (size_t r = 0; r < t->nrows; r++) {
		for (size_t c = 0; c < t->ncols; c++) {
			if (c > 0)
				fputc(tsv ? '\t' : ',', fp);
			(tsv ? tsv_field : csv_field)(fp, cell_str(&t->col[c],
			    &t->cell[r * t->ncols + c], 0, buf, sizeof(buf)));
		}
		fputc('\n', fp);
	}
	return 0;
}

/* A JSON string, escaped by Jansson. */
static int
json_text(FILE *fp, const char *s)
{
	json_t *j = json_string(s);
	int rc;

	if (j == NULL)
		return -1;
	rc = json_dumpf(j, fp, JSON_ENCODE_ANY | JSON_ENSURE_ASCII);
	json_decref(j);
	return rc;
}

/*
 * JSON written row by row: Jansson escapes the strings, numbers are
 * written here in their shortest round-trip form (Jansson's real
 * formatting would write 0.4 as 0.40000000000000002).
 */
static int
write_json(FILE *fp, const struct cs_table *t)
{
	char buf[64];

	fputs("[", fp);
	for (size_t r = 0; r < t->nrows; r++) {
		fputs(r == 0 ? "\n  {" : ",\n  {", fp);
		for (size_t c = 0; c < t->ncols; c++) {
			const struct cs_cell *x = &t->cell[r * t->ncols + c];

			fputs(c == 0 ? "\n    " : ",\n    ", fp);
			if (json_text(fp, t->col[c].name) != 0)
				return -1;
			fputs(": ", fp);
			if (x->type == CS_CELL_EMPTY) {
				fputs("null", fp);
			} else if (x->type == CS_CELL_TEXT) {
				if (json_text(fp, x->text) != 0)
					return -1;
			} else {
				cs_output_number(x->num, buf, sizeof(buf));
				fputs(buf, fp);
			}
		}
		fputs("\n  }", fp);
	}
	fputs(t->nrows > 0 ? "\n]\n" : "]\n", fp);
	return 0;
}

int
cs_output_write(FILE *fp, const struct cs_table *t, enum cs_out_format f,
    struct cs_error *err)
{
	int rc;

	switch (f) {
	case CS_OUT_CSV:
		rc = write_sv(fp, t, 0);
		break;
	case CS_OUT_TSV:
		rc = write_sv(fp, t, 1);
		break;
	case CS_OUT_JSON:
		rc = write_json(fp, t);
		break;
	default:
		rc = write_table(fp, t);
		break;
	}
	if (rc != 0)
		return cs_error_set(err, "out of memory");
	if (fflush(fp) != 0 || ferror(fp))
		return cs_error_set(err, "write error: %s",
		    strerror(errno ? errno : EIO));
	return 0;
}

int
cs_output_pick(const struct cs_column *cols, size_t ncols, const char *list,
    size_t *idx, size_t *n, struct cs_error *err)
{
	const char *p = list, *end;

	*n = 0;
	if (strcmp(list, "all") == 0) {
		for (size_t c = 0; c < ncols; c++)
			idx[(*n)++] = c;
		return 0;
	}
	for (;; p = end + 1) {
		size_t len, c;

		end = strchr(p, ',');
		len = end ? (size_t)(end - p) : strlen(p);
		if (len == 0)
			return cs_error_set(err, "empty name in '%s'", list);
		for (c = 0; c < ncols; c++)
			if (strncmp(cols[c].name, p, len) == 0 &&
			    cols[c].name[len] == '\0')
				break;
		if (c == ncols)
			return cs_error_set(err, "unknown name '%.*s'", (int)len, p);
		for (size_t i = 0; i < *n; i++)
			if (idx[i] == c)
				return cs_error_set(err, "'%.*s' given twice",
				    (int)len, p);
		idx[(*n)++] = c;
		if (end == NULL)
			return 0;
	}
}
