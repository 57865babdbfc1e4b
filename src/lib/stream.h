/*
 * stream.h: calls built while their records go by, in the order of a file
 * (an import) or of the database (a rebuild).
 *
 * The records come as the rows that store them; the format that stored
 * each maps it onto the model (readers/format.h), and the pieces go, by
 * start, to the grouping (group.h), whose calls go to the derived tables
 * through a queue of rows (rowq.h).
 */
#ifndef CS_STREAM_H
#define CS_STREAM_H

#include <pthread.h>
#include <stdint.h>

#include "config.h"
#include "error.h"
#include "rowq.h"

struct cs_calls_stream;

/*
 * A stream storing, through q, the calls that start in [from, to).
 * Records at or before after are too near the records already stored:
 * the stream gives up on them (below).  sorted: the records come in the
 * database's order already (a rebuild's), and go through once a record of
 * a later time has come (a row's pieces after the first, format.h's
 * map_more, may have to go after other rows of their time).
 */
struct cs_calls_stream *cs_calls_stream_new(const struct cs_config *cfg,
    struct cs_rowq *q, int64_t after, int64_t from, int64_t to, int sorted,
    struct cs_error *err);

/*
 * A record, as the row that stores it (rows of tables that hold no record
 * are left alone), and the pieces the row holds.  Records are let through in the database's order
 * (start or time, then a leg before an event, then rhash): a heap puts
 * them back in it, and when a record comes after a later one went through,
 * or at or before after, the stream gives up (cs_calls_stream_given_up):
 * what it wrote is then replaced by a rebuild (calls.h, cs_calls_update).
 */
int cs_calls_stream_row(struct cs_calls_stream *s, const struct cs_row *row);
/* The last rows; then the stream is done (or has given up). */
int cs_calls_stream_finish(struct cs_calls_stream *s);
int cs_calls_stream_given_up(const struct cs_calls_stream *s);
/* How many calls it has rebuilt (once finished), and in *starts (when
 * not NULL) the sum of their starts. */
long cs_calls_stream_stored(const struct cs_calls_stream *s, int64_t *starts);
/* Writes only the calls that bot sessions can change (derive.h's
 * cs_derive_keep); before the first record. */
void cs_calls_stream_keep(struct cs_calls_stream *s);
void cs_calls_stream_free(struct cs_calls_stream *s);

/*
 * A thread that builds calls: it takes the rows of in into s until in is
 * closed, then finishes s and closes out (the queue s writes into).  With
 * forward (a handle on a queue into the database, out itself say), each
 * batch of in then goes there to be stored.
 * failed: s failed on its own (out of memory; the error given to s says
 * so); when out's consumer stopped, its error says why.
 */
struct cs_calls_builder {
	struct cs_calls_stream *s;
	struct cs_rowq *in, *out;
	struct cs_rowq *forward;	/* NULL, or where in's batches go next */
	struct cs_error *err;		/* the one s was given */
	int failed;
	pthread_t thread;
};
int cs_calls_builder_start(struct cs_calls_builder *b);
void cs_calls_builder_join(struct cs_calls_builder *b);

#endif
