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

/*
 * Batches in flight, some 1.5 MiB each when full.  The rows go reader ->
 * builder -> writer, and which of the two last is the slower changes
 * along a file (the builder's work a row grows with the calls open): with
 * 6, the reader waited 0.5 s for a free batch in a year of generic CSV
 * while the builder waited 0.4 s for one to read and the writer 0.35 s,
 * the three threads keeping 157 % of two cores busy.  With 16, 171 %:
 * the year 1856 -> 1705 ms, SMDR's 1017 -> 978 ms (seven rounds
 * alternating).  32 gave 1642 and 942 ms, for a bound twice as high:
 * an import of a year's transcripts peaked at 103 MiB, at 68 with 16
 * and 46 with 6 (a short input may end before its queues are full: a
 * quarter of the year 52.8 to 69 MiB with 16).
 */
#define NBATCH 16
#define BATCH_BYTES (1024 * 1024)	/* a batch is handed over past this */
#define BATCH_VALUES 32768	/* or past this many values */
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
	struct cs_rowq_store store;	/* the consumer's, into db */
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
	cs_rowq_store_release(&s->store);
	for (int i = 0; i < NBATCH; i++) {
		free(s->all[i].v);
		free(s->all[i].text);
	}
	pthread_mutex_destroy(&s->mu);
	pthread_cond_destroy(&s->cv);
	free(s);
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
	cs_rowq_store_init(&s->store, db, err);
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

/*
 * Hands each row of b to fn, or runs them into the database (rowq_int.h's
 * store: rows of records in key order, rows of one table together).
 */
static int
run_batch(struct shared *s, struct batch *b,
    int (*fn)(void *, const struct cs_row *), void *arg)
{
	for (size_t i = 0; i < b->nv;) {
		struct cs_row row;

		row.table = b->v[i].t;
		row.n = b->v[i].len;
		row.v = &b->v[i + 1];
		row.text = b->text;
		i += (size_t)row.n + 1;
		if ((fn != NULL ? fn(arg, &row) :
		    cs_rowq_store_add(&s->store, &row)) != 0)
			return -1;
	}
	return fn != NULL ? 0 : cs_rowq_store_run(&s->store);
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
	*st = q->s->store.stats;
}

void
cs_thread_yield(void)
{
	setpriority(PRIO_PROCESS, (id_t)syscall(SYS_gettid),
	    getpriority(PRIO_PROCESS, 0) + 5);
}
