/*
 * rowvtab.c: rows of a batch shown to SQLite as a table (rowvtab.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rowq_int.h"
#include "rowvtab.h"

struct cs_rowvtab {
	sqlite3 *h;
	char name[32];
	const struct cs_row *rows;
	int nrows;
};

struct table {
	sqlite3_vtab base;
	struct cs_rowvtab *v;
};

struct cursor {
	sqlite3_vtab_cursor base;
	const struct cs_rowvtab *v;
	int i;
};

static int
connect(sqlite3 *h, void *aux, int argc, const char *const *argv,
    sqlite3_vtab **out, char **err)
{
	char decl[16 + 6 * CS_ROWVTAB_COLS];
	size_t o = 0;
	struct table *t;
	int rc;

	(void)argc;
	(void)argv;
	(void)err;
	o += (size_t)snprintf(decl + o, sizeof(decl) - o, "CREATE TABLE x(");
	for (int i = 0; i < CS_ROWVTAB_COLS; i++)
		o += (size_t)snprintf(decl + o, sizeof(decl) - o, "%sc%d",
		    i > 0 ? "," : "", i);
	snprintf(decl + o, sizeof(decl) - o, ")");
	if ((rc = sqlite3_declare_vtab(h, decl)) != SQLITE_OK)
		return rc;
	if ((t = sqlite3_malloc(sizeof(*t))) == NULL)
		return SQLITE_NOMEM;
	memset(t, 0, sizeof(*t));
	t->v = aux;
	*out = &t->base;
	return SQLITE_OK;
}

static int
disconnect(sqlite3_vtab *vt)
{
	sqlite3_free(vt);
	return SQLITE_OK;
}

/* One way to read it: every row, in order. */
static int
best_index(sqlite3_vtab *vt, sqlite3_index_info *info)
{
	(void)vt;
	info->estimatedCost = 64;
	info->estimatedRows = 64;
	return SQLITE_OK;
}

static int
open_cursor(sqlite3_vtab *vt, sqlite3_vtab_cursor **out)
{
	struct cursor *c = sqlite3_malloc(sizeof(*c));

	if (c == NULL)
		return SQLITE_NOMEM;
	memset(c, 0, sizeof(*c));
	c->v = ((struct table *)(void *)vt)->v;
	*out = &c->base;
	return SQLITE_OK;
}

static int
close_cursor(sqlite3_vtab_cursor *cur)
{
	sqlite3_free(cur);
	return SQLITE_OK;
}

static int
filter(sqlite3_vtab_cursor *cur, int idx, const char *idxstr, int argc,
    sqlite3_value **argv)
{
	(void)idx;
	(void)idxstr;
	(void)argc;
	(void)argv;
	((struct cursor *)(void *)cur)->i = 0;
	return SQLITE_OK;
}

static int
next(sqlite3_vtab_cursor *cur)
{
	((struct cursor *)(void *)cur)->i++;
	return SQLITE_OK;
}

static int
eof(sqlite3_vtab_cursor *cur)
{
	const struct cursor *c = (const struct cursor *)(void *)cur;

	return c->i >= c->v->nrows;
}

/* A value where it lies in the batch (the batch outlives the statement's
 * run: SQLITE_STATIC); a NULL is left as SQLite starts it. */
static int
column(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int k)
{
	const struct cursor *c = (const struct cursor *)(void *)cur;
	const struct cs_row *row = &c->v->rows[c->i];
	const struct val *v = (const struct val *)row->v + k;

	if (k >= row->n)
		return SQLITE_OK;
	switch (v->type) {
	case V_INT:
		sqlite3_result_int64(ctx, v->i);
		break;
	case V_TEXT:
		sqlite3_result_text(ctx, row->text + v->i, v->len,
		    SQLITE_STATIC);
		break;
	default:
		break;
	}
	return SQLITE_OK;
}

static int
rowid(sqlite3_vtab_cursor *cur, sqlite_int64 *out)
{
	*out = ((struct cursor *)(void *)cur)->i;
	return SQLITE_OK;
}

static const sqlite3_module module = {
	.iVersion = 1,
	.xCreate = NULL,	/* eponymous only: in no schema */
	.xConnect = connect,
	.xBestIndex = best_index,
	.xDisconnect = disconnect,
	.xDestroy = disconnect,
	.xOpen = open_cursor,
	.xClose = close_cursor,
	.xFilter = filter,
	.xNext = next,
	.xEof = eof,
	.xColumn = column,
	.xRowid = rowid,
};

struct cs_rowvtab *
cs_rowvtab_new(sqlite3 *h)
{
	static unsigned long serial;
	struct cs_rowvtab *v = calloc(1, sizeof(*v));

	if (v == NULL)
		return NULL;
	v->h = h;
	/* a name of its own: queues of one connection show their own rows */
	snprintf(v->name, sizeof(v->name), "cs_rows_%lu",
	    __atomic_add_fetch(&serial, 1, __ATOMIC_RELAXED));
	if (sqlite3_create_module_v2(h, v->name, &module, v, NULL) !=
	    SQLITE_OK) {
		free(v);
		return NULL;
	}
	return v;
}

const char *
cs_rowvtab_name(const struct cs_rowvtab *v)
{
	return v->name;
}

void
cs_rowvtab_set(struct cs_rowvtab *v, const struct cs_row *rows, int nrows)
{
	v->rows = rows;
	v->nrows = nrows;
}

void
cs_rowvtab_free(struct cs_rowvtab *v)
{
	if (v == NULL)
		return;
	/* no module: the name's is dropped */
	sqlite3_create_module_v2(v->h, v->name, NULL, NULL, NULL);
	free(v);
}
