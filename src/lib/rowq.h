/*
 * rowq.h: rows on their way into the database's tables.
 *
 * An import reads and parses on one thread and writes into SQLite on the
 * other: the reading side builds rows (a table, then its values) into
 * batches, and the writing side binds each to its prepared statement and
 * runs it.  The same code, made "direct", runs each row at once on the
 * calling thread, for the rebuild that reads the database as it writes.
 *
 * A queue holds a few batches of about a megabyte: memory stays the same
 * whatever the size of the input.  Either side can stop the other: the
 * writer on a database error (the reader then stops at its next batch),
 * the reader by ending early with an error.
 */
#ifndef CS_ROWQ_H
#define CS_ROWQ_H

#include <stdint.h>

#include "db.h"
#include "error.h"

/* The tables rows go into, and the statement each one is run with. */
enum cs_row_kind {
	CS_ROW_CDR,	/* INSERT OR IGNORE: a record already stored is skipped */
	CS_ROW_QLOG,	/* the same */
	CS_ROW_CALL,
	CS_ROW_DAILY,	/* added to the row of the same day, service, hours */
	CS_ROW_HIST,	/* the same */
	CS_ROW_NKINDS
};

/* What the writer saw of the CDR and queue_log rows it ran. */
struct cs_rowq_stats {
	long stored, skipped;
	int64_t tmin, tmax;	/* the first value of the rows stored */
};

struct cs_rowq;

/*
 * A queue writing into db.  direct: rows run at once on the calling thread;
 * otherwise they wait in batches for cs_rowq_drain on another thread.
 */
struct cs_rowq *cs_rowq_new(struct cs_db *db, int direct, struct cs_error *err);
void cs_rowq_free(struct cs_rowq *q);

/* Building a row: begin, one call per value in the table's order, end.
 * cs_rowq_end returns -1 when the row could not be written or queued (err
 * of cs_rowq_new says why, or the writer stopped). */
void cs_rowq_begin(struct cs_rowq *q, enum cs_row_kind kind);
void cs_rowq_int(struct cs_rowq *q, int64_t v);
void cs_rowq_null(struct cs_rowq *q);
/* s may be NULL (a NULL value); it is copied. */
void cs_rowq_text(struct cs_rowq *q, const char *s);
int cs_rowq_end(struct cs_rowq *q);

/* Reader: no more rows.  failed: the reader stopped on an error, the writer
 * stops too.  Queued rows not yet handed over are handed over first. */
int cs_rowq_close(struct cs_rowq *q, int failed);

/*
 * Writer: runs the queued rows until the reader closes the queue.  Returns
 * 0, or -1 when a statement failed or the reader ran out of memory (err of
 * cs_rowq_new says so), or the reader closed with failed set (its own
 * error says why).
 */
int cs_rowq_drain(struct cs_rowq *q);

/* What the writer counted (after cs_rowq_drain, or at any time direct). */
void cs_rowq_stats(const struct cs_rowq *q, struct cs_rowq_stats *st);

#endif
