#include <assert.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tabledef.h"

/* A growing string; on out of memory, s becomes NULL and stays so. */
struct text {
	char *s;
	size_t len, cap;
};

static void
add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int n;

	if (t->s == NULL)
		return;
	va_start(ap, fmt);
	n = vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
	va_end(ap);
	if (n < 0) {
		free(t->s);
		t->s = NULL;
		return;
	}
	if ((size_t)n >= t->cap - t->len) {
		size_t cap = t->cap;
		char *ns;

		while (cap - t->len <= (size_t)n)
			cap *= 2;
		if ((ns = realloc(t->s, cap)) == NULL) {
			free(t->s);
			t->s = NULL;
			return;
		}
		t->s = ns;
		t->cap = cap;
		va_start(ap, fmt);
		vsnprintf(t->s + t->len, t->cap - t->len, fmt, ap);
		va_end(ap);
	}
	t->len += (size_t)n;
}

static struct text
text_new(void)
{
	struct text t = { malloc(256), 0, 256 };

	if (t.s != NULL)
		t.s[0] = '\0';
	return t;
}

/* "a, b, c": the names of the columns [from, to), or of the key. */
static void
add_names(struct text *s, const struct cs_tabledef *t, int from, int to)
{
	for (int i = from; i < to; i++)
		add(s, "%s%s", i > from ? ", " : "", t->col[i].name);
}

static void
add_key(struct text *s, const struct cs_tabledef *t)
{
	for (int i = 0; i < t->nkey; i++)
		add(s, "%s%s", i > 0 ? ", " : "", t->col[t->key[i]].name);
}

/* Whether column i is one of the key's. */
static int
is_key(const struct cs_tabledef *t, int i)
{
	for (int k = 0; k < t->nkey; k++)
		if (t->key[k] == i)
			return 1;
	return 0;
}

/*
 * The INSERT of t doing what conflict says: its rows from nrows lists of
 * parameters, or (nrows 0) from the first columns c0, c1... of the table
 * from.
 */
static char *
insert_text(const struct cs_tabledef *t, int nrows, const char *from,
    enum cs_tabledef_conflict conflict)
{
	static const char *const verb[] = {
		[CS_TABLEDEF_IGNORE] = "INSERT OR IGNORE",
		[CS_TABLEDEF_REPLACE] = "INSERT OR REPLACE",
		[CS_TABLEDEF_UPDATE] = "INSERT",
		[CS_TABLEDEF_ADD] = "INSERT",
	};
	int upsert = conflict == CS_TABLEDEF_ADD ||
	    conflict == CS_TABLEDEF_UPDATE;
	struct text s = text_new();

	add(&s, "%s INTO %s(", verb[conflict], t->name);
	add_names(&s, t, 0, t->ncols);
	if (from != NULL) {
		add(&s, ") SELECT ");
		for (int i = 0; i < t->ncols; i++)
			add(&s, "%sc%d", i > 0 ? ", " : "", i);
		/* WHERE 1: an upsert's ON CONFLICT would read as a join's */
		add(&s, " FROM %s%s", from, upsert ? " WHERE 1" : "");
	} else {
		add(&s, ") VALUES");
		for (int r = 0; r < nrows; r++) {
			add(&s, r > 0 ? ",(" : "(");
			for (int i = 0; i < t->ncols; i++)
				add(&s, i > 0 ? ", ?" : "?");
			add(&s, ")");
		}
	}
	if (conflict == CS_TABLEDEF_ADD) {
		add(&s, " ON CONFLICT(");
		add_key(&s, t);
		add(&s, ") DO UPDATE SET ");
		for (int i = t->first_sum; i < t->ncols; i++)
			add(&s, "%s%s = %s + excluded.%s", i > t->first_sum ?
			    ", " : "", t->col[i].name, t->col[i].name,
			    t->col[i].name);
	} else if (conflict == CS_TABLEDEF_UPDATE) {
		int n = 0;

		add(&s, " ON CONFLICT(");
		add_key(&s, t);
		add(&s, ") DO UPDATE SET ");
		for (int i = 0; i < t->ncols; i++)
			if (!is_key(t, i))
				add(&s, "%s%s = excluded.%s", n++ > 0 ? ", " : "",
				    t->col[i].name, t->col[i].name);
		add(&s, " WHERE ");
		n = 0;
		for (int i = 0; i < t->ncols; i++)
			if (!is_key(t, i))
				add(&s, "%s%s IS NOT excluded.%s", n++ > 0 ?
				    " OR " : "", t->col[i].name, t->col[i].name);
	}
	return s.s;
}

char *
cs_tabledef_insert_as(const struct cs_tabledef *t, int nrows,
    enum cs_tabledef_conflict conflict)
{
	return insert_text(t, nrows, NULL, conflict);
}

char *
cs_tabledef_insert_from(const struct cs_tabledef *t, const char *from,
    enum cs_tabledef_conflict conflict)
{
	return insert_text(t, 0, from, conflict);
}

char *
cs_tabledef_select(const struct cs_tabledef *t, unsigned long long want,
    const char *tail)
{
	struct text s = text_new();

	assert(t->ncols <= 64);
	add(&s, "SELECT ");
	for (int i = 0; i < t->ncols; i++)
		add(&s, "%s%s", i > 0 ? ", " : "",
		    want >> i & 1 ? t->col[i].name : "NULL");
	add(&s, " FROM %s", t->name);
	if (tail != NULL)
		add(&s, " %s", tail);
	return s.s;
}

char *
cs_tabledef_create(const struct cs_tabledef *t)
{
	struct text s = text_new();

	add(&s, "CREATE TABLE %s(", t->name);
	for (int i = 0; i < t->ncols; i++)
		add(&s, "%s %s, ", t->col[i].name, t->col[i].decl);
	add(&s, "PRIMARY KEY(");
	add_key(&s, t);
	add(&s, ")) WITHOUT ROWID");
	return s.s;
}

char *
cs_tabledef_sums(const struct cs_tabledef *t, int first)
{
	struct text s = text_new();

	for (int i = first; i < t->ncols; i++)
		add(&s, "%ssum(%s)", i > first ? ", " : "", t->col[i].name);
	return s.s;
}
