#include <assert.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "rowq.h"
#include "rowq_int.h"
#include "rowvtab.h"

#define NBATCH 6		/* batches in flight */
#define BATCH_BYTES (1024 * 1024)	/* a batch is handed over past this */
#define BATCH_VALUES 32768	/* or past this many values */
/* rows of a table run together by one statement: SQLite's work for each
   statement (starting it, ending it) is then shared by MULTI rows */
#define MULTI 64
/* after a batch of rows that replace others met stored rows, the batches
   that go straight to the statement that replaces them (fresh_rows) */
#define FRESH_RETRY 16
#define FRESH_RETRY_MAX 1024

/* the tables a queue into the database can take (statements prepared) */
#define NTABLES 16

/*
 * The statements of a table, in a queue into the database.  The rows of a
 * table whose stored rows are kept (the records) go in by INSERT OR
 * IGNORE ... SELECT from the queue's virtual table (rowvtab.h), MULTI at a
 * time.  The others (rows that replace, or add to, stored ones) go in
 * from bound parameters, MULTI at a time or one by one: SQLite runs any
 * INSERT ... SELECT as a statement of many rows, and keeps a statement
 * journal (a copy of each page it changes) for one of many rows that may
 * fail half-way, as an upsert or a replace may; an INSERT of one row of
 * values keeps none.
 */
struct stmts {
	const struct cs_tabledef *t;
	sqlite3_stmt *shown;	/* the records' */
	sqlite3_stmt *one;	/* the others' */
	sqlite3_stmt *multi;	/* MULTI rows at once, or NULL */
	/* a table whose rows replace those that differ (the calls): MULTI
	   rows stored by an INSERT OR IGNORE ... SELECT first (fresh_rows),
	   and how many groups go straight to the others after one that met
	   stored rows */
	sqlite3_stmt *fresh;
	int skip_fresh, fresh_wait;
};

struct batch {
	struct val *v;
	size_t nv, capv;
	char *text;		/* each text ends with a NUL */
	size_t ntext, captext;
	int oom;
	struct batch *next;
	struct shared *home;	/* whose free list it goes back to */
};

/* The queue; its handles are its producers' (and its consumer's). */
struct shared {
	struct cs_db *db;	/* NULL: between threads */
	struct cs_error *err;
	/* the consumer's, made as the tables come */
	struct stmts tab[NTABLES];
	int ntab;
	struct cs_rowvtab *vt;	/* the rows the statements store */
	struct cs_row *rowv;	/* a batch's rows, to run in key order */
	size_t rowcap;
	struct cs_rowq_stats stats;
	int refs;		/* handles */
	/* under mu */
	pthread_mutex_t mu;
	pthread_cond_t cv;
	struct batch *free, *full, *fulltail;
	int producers;		/* open */
	int failed, oom, stopped;
	struct batch all[NBATCH];
};

struct cs_rowq {
	struct shared *s;
	struct batch *cur;	/* the producer's */
	size_t rowstart;	/* where the row being built begins in cur */
	/* what the producer does while it waits for a free batch */
	int (*wait)(void *arg);
	void *wait_arg;
};

static void
batch_reset(struct batch *b)
{
	b->nv = 0;
	b->ntext = 0;
	b->oom = 0;
	b->next = NULL;
}

static void
shared_free(struct shared *s)
{
	for (int k = 0; k < s->ntab; k++) {
		sqlite3_finalize(s->tab[k].shown);
		sqlite3_finalize(s->tab[k].one);
		sqlite3_finalize(s->tab[k].multi);
		sqlite3_finalize(s->tab[k].fresh);
	}
	cs_rowvtab_free(s->vt);
	for (int i = 0; i < NBATCH; i++) {
		free(s->all[i].v);
		free(s->all[i].text);
	}
	free(s->rowv);
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
}

/* Prepares into *st the INSERT into t (doing what conflict says when a
 * row's key is stored) of the rows s's virtual table shows (nrows 0), or
 * of nrows rows of parameters. */
static int
prepare_insert(struct shared *s, sqlite3_stmt **st,
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
static struct stmts *
stmts_for(struct shared *s, const struct cs_tabledef *t)
{
	struct stmts *x;
	int rc;

	for (int k = 0; k < s->ntab; k++)
		if (s->tab[k].t == t)
			return &s->tab[k];
	if (s->ntab == NTABLES) {
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

static struct cs_rowq *
queue_new(struct cs_db *db, struct cs_error *err)
{
	struct shared *s = calloc(1, sizeof(*s));
	struct cs_rowq *q = calloc(1, sizeof(*q));

	if (s == NULL || q == NULL) {
		free(s);
		free(q);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	s->db = db;
	s->err = err;
	s->refs = 1;
	s->producers = 1;
	s->stats.tmin = INT64_MAX;
	s->stats.tmax = INT64_MIN;
	pthread_mutex_init(&s->mu, NULL);
	pthread_cond_init(&s->cv, NULL);
	for (int i = 0; i < NBATCH; i++) {
		s->all[i].home = s;
		s->all[i].next = s->free;
		s->free = &s->all[i];
	}
	q->s = s;
	q->cur = s->free;
	s->free = s->free->next;
	batch_reset(q->cur);
	return q;
}

struct cs_rowq *
cs_rowq_new(struct cs_db *db, struct cs_error *err)
{
	return queue_new(db, err);
}

struct cs_rowq *
cs_rowq_new_pipe(struct cs_error *err)
{
	return queue_new(NULL, err);
}

struct cs_rowq *
cs_rowq_fork(struct cs_rowq *q)
{
	struct shared *s = q->s;
	struct cs_rowq *f = calloc(1, sizeof(*f));

	if (f == NULL)
		return NULL;
	pthread_mutex_lock(&s->mu);
	if (s->free == NULL) {
		pthread_mutex_unlock(&s->mu);
		free(f);
		return NULL;
	}
	f->s = s;
	f->cur = s->free;
	s->free = s->free->next;
	batch_reset(f->cur);
	s->refs++;
	s->producers++;
	pthread_mutex_unlock(&s->mu);
	return f;
}

void
cs_rowq_free(struct cs_rowq *q)
{
	int last;

	if (q == NULL)
		return;
	pthread_mutex_lock(&q->s->mu);
	last = --q->s->refs == 0;
	pthread_mutex_unlock(&q->s->mu);
	if (last)
		shared_free(q->s);
	free(q);
}

static struct val *
push(struct batch *b)
{
	if (b->nv == b->capv) {
		size_t cap = b->capv ? 2 * b->capv : 1024;
		struct val *nv = realloc(b->v, cap * sizeof(*nv));

		if (nv == NULL) {
			b->oom = 1;
			return NULL;
		}
		b->v = nv;
		b->capv = cap;
	}
	return &b->v[b->nv++];
}

void
cs_rowq_begin(struct cs_rowq *q, const struct cs_tabledef *t)
{
	struct val *v;

	q->rowstart = q->cur->nv;
	if ((v = push(q->cur)) != NULL) {
		v->type = V_ROW;
		v->len = 0;
		v->t = t;
	}
}

void
cs_rowq_int(struct cs_rowq *q, int64_t i)
{
	struct val *v = push(q->cur);

	if (v != NULL) {
		v->type = V_INT;
		v->i = i;
	}
}

void
cs_rowq_null(struct cs_rowq *q)
{
	struct val *v = push(q->cur);

	if (v != NULL)
		v->type = V_NULL;
}

void
cs_rowq_text_len(struct cs_rowq *q, const char *s, size_t n)
{
	struct batch *b = q->cur;
	struct val *v;

	if (s == NULL) {
		cs_rowq_null(q);
		return;
	}
	if (b->ntext + n + 1 > b->captext) {
		size_t cap = b->captext ? b->captext : 65536;
		char *nt;

		while (cap < b->ntext + n + 1)
			cap *= 2;
		if ((nt = realloc(b->text, cap)) == NULL) {
			b->oom = 1;
			return;
		}
		b->text = nt;
		b->captext = cap;
	}
	if ((v = push(b)) == NULL)
		return;
	memcpy(b->text + b->ntext, s, n);
	b->text[b->ntext + n] = '\0';
	v->type = V_TEXT;
	v->len = (int)n;
	v->i = (int64_t)b->ntext;
	b->ntext += n + 1;
}

void
cs_rowq_text(struct cs_rowq *q, const char *s)
{
	cs_rowq_text_len(q, s, s != NULL ? strlen(s) : 0);
}

int64_t
cs_row_int(const struct cs_row *row, int i)
{
	const struct val *v = (const struct val *)row->v + i;

	return i < row->n && v->type == V_INT ? v->i : 0;
}

const char *
cs_row_text(const struct cs_row *row, int i)
{
	const struct val *v = (const struct val *)row->v + i;

	return i < row->n && v->type == V_TEXT ? row->text + v->i : NULL;
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
run_bound(struct shared *s, sqlite3_stmt *st, const struct cs_row *rows,
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
 * (the calls rebuilt), MULTI of them: SQLite runs that UPSERT keeping a
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
fresh_rows(struct shared *s, struct stmts *x, int nrows)
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
 * Runs nrows rows of x's table into the database, with one statement.  Of
 * rows of records, counts those stored and skipped; the span of their
 * first values covers the rows stored (all of them, when a statement
 * stored some of its rows but not all).
 */
static int
run_rows(struct shared *s, struct stmts *x, const struct cs_row *rows,
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

/*
 * Hands each row of b to fn, or runs them into the database: rows of
 * records (whose order makes no difference to what is stored, and which
 * come alone in their producer's batches) in key order, others as they
 * came; rows of one table together, MULTI at a time.
 */
static int
run_batch(struct shared *s, struct batch *b,
    int (*fn)(void *, const struct cs_row *), void *arg)
{
	size_t nrows = 0;
	int records = 1;

	for (size_t i = 0; i < b->nv;) {
		struct cs_row row;
		int64_t k[2];

		row.table = b->v[i].t;
		row.n = b->v[i].len;
		row.v = &b->v[i + 1];
		row.text = b->text;
		i += (size_t)row.n + 1;
		if (fn != NULL) {
			if (fn(arg, &row) != 0)
				return -1;
			continue;
		}
		if (nrows == s->rowcap) {
			size_t cap = s->rowcap ? 2 * s->rowcap : 1024;
			struct cs_row *nr = realloc(s->rowv, cap * sizeof(*nr));

			if (nr == NULL)
				return cs_error_set(s->err, "out of memory");
			s->rowv = nr;
			s->rowcap = cap;
		}
		s->rowv[nrows++] = row;
		records = records && row.table->records && row_key(&row, k);
	}
	if (records && nrows > 1)
		sort_rows(s->rowv, nrows);
	for (size_t i = 0; i < nrows;) {
		const struct cs_tabledef *t = s->rowv[i].table;
		struct stmts *x = stmts_for(s, t);
		size_t end = i;

		if (x == NULL)
			return -1;
		while (end < nrows && s->rowv[end].table == t)
			end++;
		while (i < end) {
			int n = end - i >= MULTI ? MULTI : (int)(end - i);

			if (run_rows(s, x, &s->rowv[i], n) != 0)
				return -1;
			i += (size_t)n;
		}
	}
	return 0;
}

/* Producer: puts cur on the full list (under mu). */
static void
queue_cur(struct cs_rowq *q)
{
	struct shared *s = q->s;

	if (s->fulltail != NULL)
		s->fulltail->next = q->cur;
	else
		s->full = q->cur;
	s->fulltail = q->cur;
	q->cur->next = NULL;
	q->cur = NULL;
	pthread_cond_broadcast(&s->cv);
}

/* Producer: hands cur over and takes a free batch. */
static int
hand_over(struct cs_rowq *q)
{
	struct shared *s = q->s;
	struct batch *b;
	int stopped;

	pthread_mutex_lock(&s->mu);
	queue_cur(q);
	while (s->free == NULL && !s->stopped) {
		if (q->wait == NULL) {
			pthread_cond_wait(&s->cv, &s->mu);
			continue;
		}
		pthread_mutex_unlock(&s->mu);
		if (q->wait(q->wait_arg) != 0) {
			/* what the wait ran failed: the consumer stops too */
			pthread_mutex_lock(&s->mu);
			s->failed = 1;
			pthread_cond_broadcast(&s->cv);
			pthread_mutex_unlock(&s->mu);
			return -1;
		}
		pthread_mutex_lock(&s->mu);
	}
	stopped = s->stopped;
	b = s->free;
	if (b != NULL && !stopped)
		s->free = b->next;
	pthread_mutex_unlock(&s->mu);
	if (stopped)
		return -1;
	q->cur = b;
	batch_reset(b);
	return 0;
}

int
cs_rowq_end(struct cs_rowq *q)
{
	struct batch *b = q->cur;

	if (b == NULL)
		return -1;
	if (b->oom) {
		b->nv = q->rowstart;
		b->oom = 0;
		/* the consumer reports it: the producer only stops */
		pthread_mutex_lock(&q->s->mu);
		q->s->failed = q->s->oom = 1;
		pthread_cond_broadcast(&q->s->cv);
		pthread_mutex_unlock(&q->s->mu);
		return -1;
	}
	b->v[q->rowstart].len = (int)(b->nv - q->rowstart - 1);
	assert(b->v[q->rowstart].len == b->v[q->rowstart].t->ncols);
	if (b->nv >= BATCH_VALUES || b->ntext >= BATCH_BYTES)
		return hand_over(q);
	return 0;
}

int
cs_rowq_close(struct cs_rowq *q, int failed)
{
	struct shared *s = q->s;
	int stopped;

	pthread_mutex_lock(&s->mu);
	if (q->cur != NULL) {
		if (!failed && q->cur->nv > 0 && !s->stopped) {
			queue_cur(q);
		} else {
			/* back to the free list */
			batch_reset(q->cur);
			q->cur->next = s->free;
			s->free = q->cur;
			q->cur = NULL;
		}
	}
	s->producers--;
	if (failed)
		s->failed = 1;
	stopped = s->stopped;
	pthread_cond_broadcast(&s->cv);
	pthread_mutex_unlock(&s->mu);
	return stopped ? -1 : 0;
}

/*
 * A consumer is done with b (rc: how that went): b goes on to next's queue
 * when given, else back to the free list of the queue it belongs to.
 * Returns rc, or -1 when next's consumer has stopped.
 */
static int
done_with(struct shared *s, struct batch *b, int rc, struct shared *next)
{
	if (rc == 0 && next != NULL) {
		pthread_mutex_lock(&next->mu);
		if (!next->stopped) {
			b->next = NULL;
			if (next->fulltail != NULL)
				next->fulltail->next = b;
			else
				next->full = b;
			next->fulltail = b;
			pthread_cond_broadcast(&next->cv);
			pthread_mutex_unlock(&next->mu);
			return 0;
		}
		pthread_mutex_unlock(&next->mu);
		rc = -1;
	}
	pthread_mutex_lock(&b->home->mu);
	batch_reset(b);
	b->next = b->home->free;
	b->home->free = b;
	pthread_cond_broadcast(&b->home->cv);
	pthread_mutex_unlock(&b->home->mu);
	if (rc != 0) {
		pthread_mutex_lock(&s->mu);
		s->stopped = 1;
		pthread_cond_broadcast(&s->cv);
		pthread_mutex_unlock(&s->mu);
	}
	return rc;
}

static int
consume(struct cs_rowq *q, int (*fn)(void *, const struct cs_row *), void *arg,
    struct shared *next)
{
	struct shared *s = q->s;
	int rc = 0;

	for (;;) {
		struct batch *b;

		pthread_mutex_lock(&s->mu);
		while (s->full == NULL && s->producers > 0 && !s->failed)
			pthread_cond_wait(&s->cv, &s->mu);
		if (s->failed || (s->full == NULL && s->producers == 0)) {
			if (s->failed)
				rc = -1;
			if (s->oom)
				cs_error_set(s->err, "out of memory");
			/* the producers still waiting for a batch stop */
			s->stopped = 1;
			pthread_cond_broadcast(&s->cv);
			pthread_mutex_unlock(&s->mu);
			break;
		}
		b = s->full;
		s->full = b->next;
		if (s->full == NULL)
			s->fulltail = NULL;
		pthread_mutex_unlock(&s->mu);

		rc = done_with(s, b, run_batch(s, b, fn, arg), next);
		if (rc != 0)
			break;
	}
	return rc;
}

void
cs_rowq_set_wait(struct cs_rowq *q, int (*wait)(void *arg), void *arg)
{
	q->wait = wait;
	q->wait_arg = arg;
}

int
cs_rowq_drain_ready(struct cs_rowq *q)
{
	struct shared *s = q->s;
	int n = 0;

	for (;;) {
		struct batch *b;
		int rc;

		pthread_mutex_lock(&s->mu);
		if (s->failed || s->stopped) {
			rc = s->failed ? -1 : 0;
			if (s->oom)
				cs_error_set(s->err, "out of memory");
			s->stopped = 1;
			pthread_cond_broadcast(&s->cv);
			pthread_mutex_unlock(&s->mu);
			return rc < 0 ? -1 : n;
		}
		if ((b = s->full) == NULL) {
			pthread_mutex_unlock(&s->mu);
			return n;
		}
		s->full = b->next;
		if (s->full == NULL)
			s->fulltail = NULL;
		pthread_mutex_unlock(&s->mu);

		if (done_with(s, b, run_batch(s, b, NULL, NULL), NULL) != 0)
			return -1;
		n++;
	}
}

int
cs_rowq_drain(struct cs_rowq *q)
{
	return consume(q, NULL, NULL, NULL);
}

int
cs_rowq_consume(struct cs_rowq *q, int (*fn)(void *, const struct cs_row *),
    void *arg, struct cs_rowq *next)
{
	return consume(q, fn, arg, next != NULL ? next->s : NULL);
}

void
cs_rowq_stats(const struct cs_rowq *q, struct cs_rowq_stats *st)
{
	*st = q->s->stats;
}

void
cs_thread_yield(void)
{
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
	    getpriority(PRIO_PROCESS, 0) + 5);
}
