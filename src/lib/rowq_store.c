/*
 * rowq_store.c: a queue's rows run into SQLite, table by table
 * (rowq_int.h): the records by INSERT OR IGNORE ... SELECT from the
 * queue's virtual table (rowvtab.h), the rows that replace or add to
 * stored ones from bound parameters.
 */
#include <assert.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "rowq_int.h"
#include "rowvtab.h"

/* rows of a table run together by one statement: SQLite's work for each
   statement (starting it, ending it) is then shared by MULTI rows */
#define MULTI 64
/* after a batch of rows that replace others met stored rows, the batches
   that go straight to the statement that replaces them (fresh_rows) */
#define FRESH_RETRY 16
#define FRESH_RETRY_MAX 1024

/* Prepares into *st the INSERT into t (doing what conflict says when a
 * row's key is stored) of the rows s's virtual table shows (nrows 0), or
 * of nrows rows of parameters. */
static int
prepare_insert(struct cs_rowq_store *s, sqlite3_stmt **st,
    const struct cs_tabledef *t, int nrows, enum cs_tabledef_conflict conflict)
{
	char *sql = nrows == 0 ?
	    cs_tabledef_insert_from(t, cs_rowvtab_name(s->vt), conflict) :
	    cs_tabledef_insert_as(t, nrows, conflict);
	int rc;

	if (sql == NULL)
		return cs_error_set(s->err, "out of memory");
	rc = cs_db_prepare(s->db, st, sql, s->err);
	free(sql);
	return rc;
}

/* The statements of t, prepared the first time t comes; NULL on errors. */
static struct cs_rowq_stmts *
stmts_for(struct cs_rowq_store *s, const struct cs_tabledef *t)
{
	struct cs_rowq_stmts *x;
	int rc;

	for (int k = 0; k < s->ntab; k++)
		if (s->tab[k].t == t)
			return &s->tab[k];
	if (s->ntab == CS_ROWQ_TABLES) {
		cs_error_set(s->err, "%s: too many tables in one queue", t->name);
		return NULL;
	}
	assert(t->ncols <= CS_ROWVTAB_COLS);
	if (s->vt == NULL && (s->vt = cs_rowvtab_new(s->db->h)) == NULL) {
		cs_db_fail(s->db, "cannot show the rows to SQLite", s->err);
		return NULL;
	}
	x = &s->tab[s->ntab];
	memset(x, 0, sizeof(*x));
	if (t->conflict == CS_TABLEDEF_IGNORE) {
		rc = prepare_insert(s, &x->shown, t, 0, t->conflict);
	} else {
		rc = prepare_insert(s, &x->one, t, 1, t->conflict);
		/* rows added to others' come a few at a time: one by one */
		if (rc == 0 && t->conflict != CS_TABLEDEF_ADD)
			rc = prepare_insert(s, &x->multi, t, MULTI, t->conflict);
		if (rc == 0 && t->conflict == CS_TABLEDEF_UPDATE)
			rc = prepare_insert(s, &x->fresh, t, 0,
			    CS_TABLEDEF_IGNORE);
	}
	if (rc != 0) {
		sqlite3_finalize(x->shown);
		sqlite3_finalize(x->one);
		sqlite3_finalize(x->multi);
		memset(x, 0, sizeof(*x));
		return NULL;
	}
	x->t = t;
	s->ntab++;
	return x;
}

/* Binds the values of row to st from parameter first on; its NULLs are
 * NULL already (sqlite3_clear_bindings, one pass over the statement's
 * parameters, costs less than a bind of each: rows hold many NULLs). */
static void
bind_row(sqlite3_stmt *st, int first, const struct cs_row *row)
{
	const struct val *v = row->v;

	for (int k = 0; k < row->n; k++) {
		int col = first + k;

		switch (v[k].type) {
		case V_INT:
			sqlite3_bind_int64(st, col, v[k].i);
			break;
		case V_TEXT:
			/* the batch outlives the statement's run */
			sqlite3_bind_text(st, col, row->text + v[k].i, v[k].len,
			    SQLITE_STATIC);
			break;
		default:
			break;
		}
	}
}

/* Runs st over nrows rows bound to its parameters; -1 on errors. */
static int
run_bound(struct cs_rowq_store *s, sqlite3_stmt *st, const struct cs_row *rows,
    int nrows)
{
	sqlite3_reset(st);
	sqlite3_clear_bindings(st);
	for (int i = 0; i < nrows; i++)
		bind_row(st, 1 + i * rows[i].n, &rows[i]);
	return sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
}

/*
 * Rows that replace the stored rows of their keys when a value differs
 * (the calls rebuilt), MULTI at most: SQLite runs that UPSERT keeping a
 * statement journal, a copy of each page it changes to undo the statement
 * should a row break a NOT NULL, some tenth of the writer's work when the
 * calls are new.  An INSERT OR IGNORE of the rows keeps none; when it
 * stored them all, that is all; when it met stored keys (calls built
 * again), the UPSERT runs too over all the rows, finds those just stored
 * the same and leaves them, and replaces the others as it would have:
 * the same rows in the end, in every case.  After such a batch, the next
 * FRESH_RETRY go to the UPSERT alone, twice as many after each such batch
 * in a row (up to FRESH_RETRY_MAX).
 * Returns 0 when the rows are stored, 1 when the UPSERT must run, -1 on
 * errors.
 */
static int
fresh_rows(struct cs_rowq_store *s, struct cs_rowq_stmts *x, int nrows)
{
	if (x->skip_fresh > 0) {
		x->skip_fresh--;
		return 1;
	}
	sqlite3_reset(x->fresh);
	if (sqlite3_step(x->fresh) != SQLITE_DONE)
		return cs_db_fail(s->db, "cannot store the rebuilt calls",
		    s->err);
	if (sqlite3_changes(s->db->h) == nrows) {
		x->fresh_wait = 0;
		return 0;
	}
	/* once more and it waits twice as long: a rebuild over stored calls
	   tries seldom */
	x->fresh_wait = x->fresh_wait == 0 ? FRESH_RETRY :
	    x->fresh_wait < FRESH_RETRY_MAX ? 2 * x->fresh_wait : x->fresh_wait;
	x->skip_fresh = x->fresh_wait;
	return 1;
}

/*
 * Runs nrows rows (MULTI at most) of x's table into the database: with
 * one statement, or one per row when they add to stored rows or are
 * fewer than MULTI of a table whose rows replace others (stmts).  Of
 * rows of records, counts those stored and skipped; the span of their
 * first values covers the rows stored (all of them, when a statement
 * stored some of its rows but not all).
 */
static int
run_rows(struct cs_rowq_store *s, struct cs_rowq_stmts *x, const struct cs_row *rows,
    int nrows)
{
	const struct cs_tabledef *t = x->t;
	int changes = 0;

	cs_rowvtab_set(s->vt, rows, nrows);
	if (x->shown != NULL) {
		sqlite3_reset(x->shown);
		if (sqlite3_step(x->shown) != SQLITE_DONE)
			goto fail;
		changes = sqlite3_changes(s->db->h);
	} else {
		if (x->fresh != NULL) {
			int rc = fresh_rows(s, x, nrows);

			if (rc <= 0)
				return rc;
		}
		if (nrows == MULTI && x->multi != NULL) {
			if (run_bound(s, x->multi, rows, nrows) != 0)
				goto fail;
			changes = sqlite3_changes(s->db->h);
		} else {
			for (int i = 0; i < nrows; i++) {
				if (run_bound(s, x->one, &rows[i], 1) != 0)
					goto fail;
				changes += sqlite3_changes(s->db->h);
			}
		}
	}
	if (!t->records)
		return 0;
	s->stats.stored += changes;
	s->stats.skipped += nrows - changes;
	for (int i = 0; changes > 0 && i < nrows; i++) {
		int64_t t0 = ((const struct val *)rows[i].v)[0].i;

		if (t0 < s->stats.tmin)
			s->stats.tmin = t0;
		if (t0 > s->stats.tmax)
			s->stats.tmax = t0;
	}
	return 0;
fail:
	return cs_db_fail(s->db, t->records ? "cannot store a record" :
	    "cannot store the rebuilt calls", s->err);
}

/* The first two values of a record's row, its key (ints), into k[2];
 * 0 when they are not ints. */
static int
row_key(const struct cs_row *row, int64_t k[2])
{
	const struct val *v = row->v;

	if (row->n < 2 || v[0].type != V_INT || v[1].type != V_INT)
		return 0;
	k[0] = v[0].i;
	k[1] = v[1].i;
	return 1;
}

/* Whether a comes before b: by table, then by key (both rows' keys are
 * ints: row_key). */
static int
row_before(const struct cs_row *a, const struct cs_row *b)
{
	const struct val *va = a->v, *vb = b->v;

	if (a->table != b->table)
		return (uintptr_t)a->table < (uintptr_t)b->table;
	return va[0].i != vb[0].i ? va[0].i < vb[0].i : va[1].i < vb[1].i;
}

static int
cmp_rows(const void *pa, const void *pb)
{
	const struct cs_row *a = pa, *b = pb;

	return row_before(b, a) - row_before(a, b);
}

/*
 * Puts rows in key order: logs come nearly in it (a CDR line is written
 * when its call ends, so a call starts a little before the lines around
 * it), and SQLite adds a row after the last of a b-tree's page for far
 * less than one in the middle of it (a page split: half a page moved and
 * the old place zeroed).  Insertion sort, which costs next to nothing on
 * rows nearly in order, then qsort when they are far from it.
 */
static void
sort_rows(struct cs_row *r, size_t n)
{
	size_t moves = 0;

	for (size_t i = 1; i < n; i++) {
		struct cs_row x = r[i];
		size_t j = i;

		while (j > 0 && row_before(&x, &r[j - 1])) {
			r[j] = r[j - 1];
			j--;
			if (++moves > 16 * n) {
				r[j] = x;
				qsort(r, n, sizeof(*r), cmp_rows);
				return;
			}
		}
		r[j] = x;
	}
}

void
cs_rowq_store_init(struct cs_rowq_store *s, struct cs_db *db,
    struct cs_error *err)
{
	memset(s, 0, sizeof(*s));
	s->db = db;
	s->err = err;
	s->records = 1;
	s->stats.tmin = INT64_MAX;
	s->stats.tmax = INT64_MIN;
}

int
cs_rowq_store_add(struct cs_rowq_store *s, const struct cs_row *row)
{
	int64_t k[2];

	if (s->nrows == s->rowcap) {
		size_t cap = s->rowcap ? 2 * s->rowcap : 1024;
		struct cs_row *nr = realloc(s->rowv, cap * sizeof(*nr));

		if (nr == NULL)
			return cs_error_set(s->err, "out of memory");
		s->rowv = nr;
		s->rowcap = cap;
	}
	s->rowv[s->nrows++] = *row;
	s->records = s->records && row->table->records && row_key(row, k);
	return 0;
}

int
cs_rowq_store_run(struct cs_rowq_store *s)
{
	size_t nrows = s->nrows;
	int rc = 0;

	if (s->records && nrows > 1)
		sort_rows(s->rowv, nrows);
	for (size_t i = 0; i < nrows && rc == 0;) {
		const struct cs_tabledef *t = s->rowv[i].table;
		struct cs_rowq_stmts *x = stmts_for(s, t);
		size_t end = i;

		if (x == NULL) {
			rc = -1;
			break;
		}
		while (end < nrows && s->rowv[end].table == t)
			end++;
		while (i < end && rc == 0) {
			int n = end - i >= MULTI ? MULTI : (int)(end - i);

			rc = run_rows(s, x, &s->rowv[i], n);
			i += (size_t)n;
		}
	}
	s->nrows = 0;
	s->records = 1;
	return rc;
}

void
cs_rowq_store_release(struct cs_rowq_store *s)
{
	for (int k = 0; k < s->ntab; k++) {
		sqlite3_finalize(s->tab[k].shown);
		sqlite3_finalize(s->tab[k].one);
		sqlite3_finalize(s->tab[k].multi);
		sqlite3_finalize(s->tab[k].fresh);
	}
	s->ntab = 0;
	cs_rowvtab_free(s->vt);
	s->vt = NULL;
	free(s->rowv);
	s->rowv = NULL;
	s->rowcap = s->nrows = 0;
}
