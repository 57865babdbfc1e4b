/*
 * rowq.h: rows passed from thread to thread, the last into the database.
 *
 * An import reads and parses on one thread, builds the calls on another
 * and writes into SQLite on the third: each builds rows (a table, then its
 * values) into batches for the next, which takes them batch by batch.  A
 * queue into the database runs each row into its table by the INSERT made
 * from the table's description (tabledef.h), prepared the first time the
 * table comes (rowq_store.c); a queue between threads hands each row to a
 * function.
 *
 * A queue holds a few batches of about a megabyte: memory stays the same
 * whatever the size of the input.  Several threads may fill one queue,
 * each through its own handle (cs_rowq_fork).  Any side can stop the
 * others: the consumer on an error (producers then stop at their next
 * batch), a producer by closing its handle with failed set.
 */
#ifndef CS_ROWQ_H
#define CS_ROWQ_H

#include <stdint.h>

#include "db.h"
#include "error.h"
#include "tabledef.h"

/* What a queue into the database saw of the rows of record tables (the
   descriptions' records: cdr and queue_log). */
struct cs_rowq_stats {
	long stored, skipped;
	int64_t tmin, tmax;	/* the first value of the rows stored */
};

struct cs_rowq;

/* A row as a consumer function sees it; valid during the call only. */
struct cs_row {
	const struct cs_tabledef *table;
	int n;			/* table->ncols */
	const void *v;
	const char *text;
};
int64_t cs_row_int(const struct cs_row *row, int i);
/* NULL for a NULL value; texts end with a NUL. */
const char *cs_row_text(const struct cs_row *row, int i);

/*
 * A queue into db: rows wait in batches for cs_rowq_drain (or
 * cs_rowq_drain_ready), on the thread that owns db.  err gets the
 * consumer's errors.
 */
struct cs_rowq *cs_rowq_new(struct cs_db *db, struct cs_error *err);
/* A queue between threads, taken by cs_rowq_consume. */
struct cs_rowq *cs_rowq_new_pipe(struct cs_error *err);
/* Another producer's handle on q's queue. */
struct cs_rowq *cs_rowq_fork(struct cs_rowq *q);
/* Frees a handle; the queue goes with its last handle. */
void cs_rowq_free(struct cs_rowq *q);

/* Building a row of table t (a description that outlives the queue):
 * begin, one call per column in t's order, end; a row of another number
 * of values is a bug, which cs_rowq_end asserts.  cs_rowq_end returns -1
 * when the row could not be written or queued (the queue's err says why,
 * or the consumer stopped). */
void cs_rowq_begin(struct cs_rowq *q, const struct cs_tabledef *t);
void cs_rowq_int(struct cs_rowq *q, int64_t v);
void cs_rowq_null(struct cs_rowq *q);
/* s may be NULL (a NULL value); it is copied. */
void cs_rowq_text(struct cs_rowq *q, const char *s);
/* The same, of s's first n bytes (s holds no NUL among them). */
void cs_rowq_text_len(struct cs_rowq *q, const char *s, size_t n);
int cs_rowq_end(struct cs_rowq *q);

/* Producer: no more rows through this handle.  failed: the producer
 * stopped on an error, and so does the consumer.  Returns -1 when the
 * consumer had stopped. */
int cs_rowq_close(struct cs_rowq *q, int failed);

/*
 * Consumer of a queue into the database: runs the queued rows until every
 * producer has closed.  Returns 0, or -1 when a statement failed or a
 * producer ran out of memory (err of cs_rowq_new says so), or a producer
 * closed with failed set (its own error says why).
 */
int cs_rowq_drain(struct cs_rowq *q);

/*
 * Consumer of a queue into the database, on a thread that also produces
 * into another queue (and so cannot wait for either): runs the batches
 * queued now, without waiting.  Returns how many, or -1 as cs_rowq_drain.
 * Once every producer has closed, cs_rowq_drain runs the rest.
 */
int cs_rowq_drain_ready(struct cs_rowq *q);

/*
 * Producer: what to do, instead of sleeping, while no batch is free (such
 * as cs_rowq_drain_ready of the queue the consumer fills in turn).  wait
 * returns non-zero to stop: the producer's row then fails, and the
 * consumer stops.
 */
void cs_rowq_set_wait(struct cs_rowq *q, int (*wait)(void *arg), void *arg);

/*
 * Consumer of a queue between threads: the same, handing each row to fn;
 * fn returning non-zero stops everything (its own error says why).  With
 * next, each batch then goes on, whole, to next's consumer (a queue into
 * the database, say, which stores the rows fn has seen), instead of back:
 * next must be one of this thread's producer handles, and stays open until
 * the consumer returns.
 */
int cs_rowq_consume(struct cs_rowq *q,
    int (*fn)(void *arg, const struct cs_row *row), void *arg,
    struct cs_rowq *next);

/*
 * Lowers the calling thread's priority (Linux gives each thread its own):
 * for the thread that reads the file, so that it takes what the builder
 * and the writer leave rather than take turns with them.  The builder and
 * the writer are the critical path: with the builder lowered too, the
 * writer waited for rows a quarter of an import's time on two cores
 * while the builder waited for a core (3-5 % of the wall time).  The
 * reader cannot run ahead: its queue fills and it waits.
 */
void cs_thread_yield(void);

/* What the consumer counted (after cs_rowq_drain). */
void cs_rowq_stats(const struct cs_rowq *q, struct cs_rowq_stats *st);

#endif
