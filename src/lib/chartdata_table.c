/*
 * chartdata_table.c: CSV text as rows of fields (chartdata_int.h), read
 * with libcsv for chartdata.c and chartdata_heat.c: a header line, then
 * rows, each with the line it started on; a field as a column's number.
 */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h>

#include "chartdata.h"
#include "chartdata_int.h"

static void
field_cb(void *s, size_t len, void *data)
{
	struct cs_chartdata_table *t = data;
	char *f;

	if (t->nomem)
		return;
	if (t->cur.n == t->curcap) {
		int nc = t->curcap ? t->curcap * 2 : 16;
		char **p = realloc(t->cur.f, (size_t)nc * sizeof(*p));
		if (!p) {
			t->nomem = 1;
			return;
		}
		t->cur.f = p;
		t->curcap = nc;
	}
	if (!(f = malloc(len + 1))) {
		t->nomem = 1;
		return;
	}
	memcpy(f, s, len);
	f[len] = '\0';
	t->cur.f[t->cur.n++] = f;
}

static void
row_cb(int c, void *data)
{
	struct cs_chartdata_table *t = data;

	t->line++;
	if (t->nomem)
		return;
	if (t->n == t->cap) {
		int nc = t->cap ? t->cap * 2 : 64;
		struct cs_chartdata_row *p = realloc(t->r,
		    (size_t)nc * sizeof(*p));
		if (!p) {
			t->nomem = 1;
			return;
		}
		t->r = p;
		t->cap = nc;
	}
	t->cur.line = t->line;
	t->r[t->n++] = t->cur;
	memset(&t->cur, 0, sizeof(t->cur));
	t->curcap = 0;
}

void
cs_chartdata_table_free(struct cs_chartdata_table *t)
{
	for (int i = 0; i < t->n; i++) {
		for (int k = 0; k < t->r[i].n; k++)
			free(t->r[i].f[k]);
		free(t->r[i].f);
	}
	for (int k = 0; k < t->cur.n; k++)
		free(t->cur.f[k]);
	free(t->cur.f);
	free(t->r);
	memset(t, 0, sizeof(*t));
}

int
cs_chartdata_table_read(struct cs_chartdata_table *t, const char *text,
    size_t len, struct cs_error *err)
{
	struct csv_parser p;
	int rc = 0;

	memset(t, 0, sizeof(*t));
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return cs_error_set(err, "out of memory");
	if (csv_parse(&p, text, len, field_cb, row_cb, t) != len ||
	    csv_fini(&p, field_cb, row_cb, t) != 0) {
		rc = cs_error_set(err, "line %ld: %s", t->line + 1,
		    csv_error(&p) == CSV_EPARSE ? "a quote not closed, or text "
		    "after a closing quote" : csv_strerror(csv_error(&p)));
	} else if (t->nomem)
		rc = cs_error_set(err, "out of memory");
	csv_free(&p);
	if (rc < 0)
		cs_chartdata_table_free(t);
	return rc;
}

int
cs_chartdata_col(const struct cs_chartdata_row *h, const char *name)
{
	for (int i = 0; i < h->n; i++)
		if (!strcmp(h->f[i], name))
			return i;
	return -1;
}

int
cs_chartdata_row_kept(const struct cs_chartdata_row *h,
    const struct cs_chartdata_row *r, int ks, const char *service,
    struct cs_error *err)
{
	if (r->n != h->n)
		return cs_error_set(err, "line %ld: %d fields, the header has %d",
		    r->line, r->n, h->n);
	return !service || !strcmp(r->f[ks], service);
}

int
cs_chartdata_number(const struct cs_chartdata_row *r, int k, const char *name,
    double *v, struct cs_error *err)
{
	const char *f = k < r->n ? r->f[k] : "";
	char *end;

	if (!*f) {
		*v = NAN;
		return 0;
	}
	errno = 0;
	*v = strtod(f, &end);
	if (*end || errno || !isfinite(*v))
		return cs_error_set(err, "line %ld: column %s: '%.40s' is not a "
		    "number", r->line, name, f);
	if (*v < 0)
		return cs_error_set(err, "line %ld: column %s: %s is negative",
		    r->line, name, f);
	return 0;
}
