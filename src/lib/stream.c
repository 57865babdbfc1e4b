/*
 * stream.c: records put back in the database's order and grouped into
 * calls as they go by (stream.h).
 */
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "group.h"
#include "readers/format.h"
#include "stream.h"

/*
 * Records come in the order of their file (a Master.csv's is the order
 * legs ended); the rebuild takes them in the database's.  A heap puts them
 * back in that order: a record is let through once a record starting
 * REORDER later has come (or too many wait).
 */
#define REORDER CS_CALL_SPAN
#define MAX_WAITING 16384	/* some 10 MiB */

struct waiting {
	struct cs_piece p;
	char *mem;
	struct waiting *next;	/* among the spares */
};

/* A waiting piece, with the keys of its order beside it, so that the
   comparisons stay in the ring's and the heap's own memory. */
struct slot {
	int64_t time;
	int64_t rhash;
	int kind;
	struct waiting *w;
};

struct cs_calls_stream {
	struct cs_grouper *g;
	struct cs_derive *derive;
	struct cs_error *err;
	int64_t after;
	int64_t latest;			/* the latest piece come (sorted:
				   the latest row's time) */
	struct slot last;		/* the last let through (keys only) */
	int out_any;
	int given_up;
	int sorted;			/* pieces wait only for the others
					   of their time (a row may hold
					   several: format.h's map_more) */
	/* the pieces waiting: those that came in order, oldest first, in a
	   ring (run, rn of them from rhead; rcap a power of 2), and the
	   others in a heap (n of them) */
	struct slot *run;
	size_t rhead, rn, rcap;
	struct slot *heap;
	size_t n, cap;
	/* those let through, for the next pieces (pieces come and go in
	   bursts: malloc's small caches hold too few) */
	struct waiting *spare;
	size_t nspare;
	const struct cs_tabledef *table;	/* the last row's table */
	const struct cs_format *format;		/* and its format */
};

/* The database's order: start or time, legs before events, rhash. */
static int
slot_less(const struct slot *a, const struct slot *b)
{
	if (a->time != b->time)
		return a->time < b->time;
	if (a->kind != b->kind)
		return a->kind < b->kind;
	return a->rhash < b->rhash;
}

static void
waiting_free(struct cs_calls_stream *s, struct waiting *w)
{
	if (w != NULL)
		cs_grouper_unpack(s->g, w->mem);
	free(w);
}

static void
free_waiting(struct cs_calls_stream *s)
{
	for (size_t i = 0; i < s->n; i++)
		waiting_free(s, s->heap[i].w);
	for (size_t i = 0; i < s->rn; i++)
		waiting_free(s, s->run[(s->rhead + i) & (s->rcap - 1)].w);
	s->n = s->rn = 0;
}

/* The first piece waiting (some are). */
static const struct slot *
first(const struct cs_calls_stream *s)
{
	const struct slot *r = s->rn > 0 ? &s->run[s->rhead] : NULL;

	if (s->n == 0 || (r != NULL && slot_less(r, &s->heap[0])))
		return r;
	return &s->heap[0];
}

/* Takes the first piece out of the heap. */
static void
heap_pop(struct cs_calls_stream *s)
{
	struct slot moved = s->heap[--s->n];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= s->n)
			break;
		if (c + 1 < s->n && slot_less(&s->heap[c + 1], &s->heap[c]))
			c++;
		if (!slot_less(&s->heap[c], &moved))
			break;
		s->heap[i] = s->heap[c];
		i = c;
	}
	if (s->n > 0)
		s->heap[i] = moved;
}

/* Puts in into the heap; -1 when out of memory. */
static int
heap_push(struct cs_calls_stream *s, struct slot in)
{
	size_t i;

	if (s->n == s->cap) {
		size_t cap = s->cap ? 2 * s->cap : 256;
		struct slot *nh = realloc(s->heap, cap * sizeof(*nh));

		if (nh == NULL)
			return -1;
		s->heap = nh;
		s->cap = cap;
	}
	i = s->n++;
	while (i > 0 && slot_less(&in, &s->heap[(i - 1) / 2])) {
		s->heap[i] = s->heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	s->heap[i] = in;
	return 0;
}

/* Puts in at the end of the ring (it comes after its last); -1 when out
 * of memory. */
static int
run_push(struct cs_calls_stream *s, struct slot in)
{
	if (s->rn == s->rcap) {
		size_t cap = s->rcap ? 2 * s->rcap : 256;
		struct slot *nr = malloc(cap * sizeof(*nr));

		if (nr == NULL)
			return -1;
		for (size_t i = 0; i < s->rn; i++)
			nr[i] = s->run[(s->rhead + i) & (s->rcap - 1)];
		free(s->run);
		s->run = nr;
		s->rcap = cap;
		s->rhead = 0;
	}
	s->run[(s->rhead + s->rn++) & (s->rcap - 1)] = in;
	return 0;
}

static void
give_up(struct cs_calls_stream *s)
{
	s->given_up = 1;
	free_waiting(s);
}

/* Lets the first piece waiting through to the grouping. */
static int
let_through(struct cs_calls_stream *s)
{
	const struct slot *f = first(s);
	struct slot top = *f;
	struct waiting *w = top.w;
	int rc;

	if (s->rn > 0 && f == &s->run[s->rhead]) {
		s->rhead = (s->rhead + 1) & (s->rcap - 1);
		s->rn--;
	} else {
		heap_pop(s);
	}
	if (top.time <= s->after) {
		/* records stored before may be near: only a rebuild sees them */
		waiting_free(s, w);
		give_up(s);
		return 0;
	}
	s->last = top;
	s->out_any = 1;
	if (cs_grouper_close(s->g, top.time) != 0) {
		waiting_free(s, w);
		return -1;
	}
	/* the grouping now owns the texts */
	rc = cs_grouper_add(s->g, &w->p, w->mem);
	if (s->nspare < MAX_WAITING) {
		w->next = s->spare;
		s->spare = w;
		s->nspare++;
	} else {
		free(w);
	}
	return rc;
}

/*
 * Takes w (and its texts) among the pieces waiting, in the order of its
 * keys: at the end of the ring when it comes after the ring's last (most
 * do: files are nearly in order), else into the heap.
 */
static int
push_waiting(struct cs_calls_stream *s, struct waiting *w, int64_t rhash)
{
	struct slot in = { w->p.time, rhash, (int)w->p.kind, w };
	int rc;

	if (s->out_any && slot_less(&in, &s->last)) {
		waiting_free(s, w);
		give_up(s);
		return 0;
	}
	if (s->rn == 0 || !slot_less(&in,
	    &s->run[(s->rhead + s->rn - 1) & (s->rcap - 1)]))
		rc = run_push(s, in);
	else
		rc = heap_push(s, in);
	if (rc != 0) {
		waiting_free(s, w);
		return cs_error_set(s->err, "out of memory");
	}
	if (!s->sorted && in.time > s->latest)
		s->latest = in.time;
	while (!s->given_up && s->n + s->rn > 0 && (first(s)->time <
	    s->latest - (s->sorted ? 0 : REORDER) ||
	    (!s->sorted && s->n + s->rn > MAX_WAITING)))
		if (let_through(s) != 0)
			return -1;
	return 0;
}

struct cs_calls_stream *
cs_calls_stream_new(const struct cs_config *cfg, struct cs_rowq *q,
    int64_t after, int64_t from, int64_t to, int sorted, struct cs_error *err)
{
	struct cs_calls_stream *s = calloc(1, sizeof(*s));

	if (s == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	s->err = err;
	s->after = after;
	s->latest = INT64_MIN;
	s->sorted = sorted;
	if ((s->derive = cs_derive_new(q, cfg, from, to, err)) == NULL ||
	    (s->g = cs_grouper_new(cfg, s->derive, err)) == NULL) {
		cs_derive_free(s->derive);
		free(s);
		return NULL;
	}
	return s;
}

int
cs_calls_stream_row(struct cs_calls_stream *s, const struct cs_row *row)
{
	struct cs_piece_buf buf;
	struct waiting *w;
	int64_t rhash;

	/* sorted, a piece waits for the rows of its time: a row's time is
	   its first column's (the database's order), which its pieces may
	   come after (format.h's map_more), never before */
	if (s->sorted && cs_row_int(row, 0) > s->latest)
		s->latest = cs_row_int(row, 0);
	/* rows come table by table: the format of the last row's */
	if (row->table != s->table) {
		s->table = row->table;
		s->format = cs_format_of_row(row);
	}
	/* a row that is no record, or a record of no call, has no piece */
	for (int i = 0; !s->given_up; i++) {
		if ((w = s->spare) != NULL) {
			s->spare = w->next;
			s->nspare--;
		} else if ((w = malloc(sizeof(*w))) == NULL) {
			return cs_error_set(s->err, "out of memory");
		}
		if (cs_format_map_piece(s->format, row, i, &w->p, &rhash,
		    &buf) != 0) {
			w->next = s->spare;
			s->spare = w;
			s->nspare++;
			break;
		}
		if ((w->mem = cs_grouper_pack(s->g, &w->p)) == NULL) {
			free(w);
			return cs_error_set(s->err, "out of memory");
		}
		if (push_waiting(s, w, rhash) != 0)
			return -1;
	}
	return 0;
}

int
cs_calls_stream_finish(struct cs_calls_stream *s)
{
	while (!s->given_up && s->n + s->rn > 0)
		if (let_through(s) != 0)
			return -1;
	if (s->given_up)
		return 0;
	if (cs_grouper_close(s->g, INT64_MAX) != 0)
		return -1;
	return cs_derive_finish(s->derive);
}

long
cs_calls_stream_stored(const struct cs_calls_stream *s, int64_t *starts)
{
	return cs_derive_stored(s->derive, starts);
}

void
cs_calls_stream_keep(struct cs_calls_stream *s)
{
	cs_derive_keep(s->derive);
}

int
cs_calls_stream_given_up(const struct cs_calls_stream *s)
{
	return s->given_up;
}

void
cs_calls_stream_free(struct cs_calls_stream *s)
{
	if (s == NULL)
		return;
	free_waiting(s);
	free(s->heap);
	free(s->run);
	while (s->spare != NULL) {
		struct waiting *w = s->spare;

		s->spare = w->next;
		free(w);
	}
	cs_grouper_free(s->g);
	cs_derive_free(s->derive);
	free(s);
}

static int
builder_row(void *arg, const struct cs_row *row)
{
	struct cs_calls_builder *b = arg;

	return cs_calls_stream_row(b->s, row);
}

static void *
builder_main(void *arg)
{
	struct cs_calls_builder *b = arg;
	int rc;

	/* on the critical path, with the writer: not lowered (rowq.h's
	   cs_thread_yield) */
	rc = cs_rowq_consume(b->in, builder_row, b, b->forward);
	if (rc == 0)
		rc = cs_calls_stream_finish(b->s);
	/* out of memory here, or the writing stopped (its error says why) */
	if (rc != 0 && b->err->msg[0] != '\0')
		b->failed = 1;
	cs_rowq_close(b->out, rc != 0);
	return NULL;
}

int
cs_calls_builder_start(struct cs_calls_builder *b)
{
	b->failed = 0;
	return pthread_create(&b->thread, NULL, builder_main, b) != 0 ? -1 : 0;
}

void
cs_calls_builder_join(struct cs_calls_builder *b)
{
	pthread_join(b->thread, NULL);
}
