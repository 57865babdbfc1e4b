/*
 * stream.c: records put back in the database's order and grouped into
 * calls as they go by (stream.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "derive.h"
#include "group.h"
#include "readers/format.h"
#include "stream.h"

/*
 * Records come in the order of their file (a Master.csv's is the order
 * legs ended); the rebuild takes them in the database's.  The pieces wait
 * to be put back in that order: a piece is let through once a piece
 * starting REORDER later has come (or too many wait).
 *
 * They wait in a wheel of the seconds of a window wider than REORDER, a
 * list of the pieces of each second (mostly none or one) in the order of
 * their other keys: taking a piece in or out costs the same however many
 * wait (a heap cost 14 steps each for the 7,500 pieces of a generic CSV's
 * four hours).  The few that fall outside the window (after a gap in the
 * file) wait in a heap.
 */
#define REORDER CS_CALL_SPAN
#define MAX_WAITING 16384	/* some 10 MiB */
#define WHEEL 16384		/* seconds: more than REORDER */
_Static_assert(WHEEL > REORDER, "the wheel holds REORDER's seconds");

struct waiting {
	struct cs_piece p;
	char *mem;
	int64_t rhash;
	struct waiting *next;	/* in its second's list, or among the spares */
};

/* A waiting piece, with the keys of its order beside it, so that the
   comparisons stay in the heap's own memory. */
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
	/* the pieces waiting: in the wheel (wn of them, every one of a
	   second in [wlo, wlo + WHEEL), the latest whi; a bit of used says
	   which seconds have some), and in a heap (n of them) */
	struct waiting **wheel;
	uint64_t *used;
	int64_t wlo, whi;
	size_t wn;
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

static struct slot
slot_of(struct waiting *w)
{
	struct slot sl = { w->p.time, w->rhash, (int)w->p.kind, w };

	return sl;
}

static void
waiting_free(struct cs_calls_stream *s, struct waiting *w)
{
	if (w != NULL)
		cs_grouper_unpack(s->g, w->mem);
	free(w);
}

/* The wheel's list of second t. */
static struct waiting **
second(struct cs_calls_stream *s, int64_t t)
{
	return &s->wheel[(uint64_t)t & (WHEEL - 1)];
}

static void
free_waiting(struct cs_calls_stream *s)
{
	for (size_t i = 0; i < s->n; i++)
		waiting_free(s, s->heap[i].w);
	for (size_t k = 0; s->wn > 0 && k < WHEEL; k++)
		while (s->wheel[k] != NULL) {
			struct waiting *w = s->wheel[k];

			s->wheel[k] = w->next;
			waiting_free(s, w);
			s->wn--;
		}
	if (s->used != NULL)
		memset(s->used, 0, WHEEL / 64 * sizeof(*s->used));
	s->n = s->wn = 0;
}

/* Moves wlo to the first second that has pieces (some do). */
static void
wheel_seek(struct cs_calls_stream *s)
{
	uint64_t k = (uint64_t)s->wlo & (WHEEL - 1);

	for (;;) {
		uint64_t bits = s->used[k / 64] >> (k % 64);

		if (bits != 0) {
			s->wlo += __builtin_ctzll(bits);
			return;
		}
		s->wlo += 64 - (int64_t)(k % 64);
		k = (k + 64 - k % 64) & (WHEEL - 1);
	}
}

/* The first piece waiting (some are), into *f; 1 when it is the heap's. */
static int
first(struct cs_calls_stream *s, struct slot *f)
{
	if (s->wn > 0) {
		wheel_seek(s);
		*f = slot_of(*second(s, s->wlo));
		if (s->n == 0 || slot_less(f, &s->heap[0]))
			return 0;
	}
	*f = s->heap[0];
	return 1;
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

/* Takes w among the pieces waiting: into the wheel when its second fits
 * the window, else into the heap; -1 when out of memory. */
static int
wait_push(struct cs_calls_stream *s, struct waiting *w)
{
	int64_t t = w->p.time;
	struct slot in = slot_of(w);
	struct waiting **pp;

	if (s->used == NULL) {
		free(s->wheel);
		if ((s->wheel = calloc(WHEEL, sizeof(*s->wheel))) == NULL ||
		    (s->used = calloc(WHEEL / 64, sizeof(*s->used))) == NULL)
			return -1;
	}
	if (s->wn == 0)
		s->wlo = s->whi = t;
	else if (t - s->wlo >= WHEEL)
		wheel_seek(s);		/* the window starts at its first */
	if (t < s->wlo && s->whi - t < WHEEL)
		s->wlo = t;		/* the window reaches back to it */
	if (t < s->wlo || t - s->wlo >= WHEEL)
		return heap_push(s, in);
	/* in its second's list, in the order of the other keys */
	for (pp = second(s, t); *pp != NULL; pp = &(*pp)->next) {
		struct slot o = slot_of(*pp);

		if (slot_less(&in, &o))
			break;
	}
	w->next = *pp;
	*pp = w;
	s->used[((uint64_t)t & (WHEEL - 1)) / 64] |= 1ULL << ((uint64_t)t % 64);
	if (t > s->whi)
		s->whi = t;
	s->wn++;
	return 0;
}

/* Takes the first piece out (f, from first()). */
static void
wait_pop(struct cs_calls_stream *s, const struct slot *f, int from_heap)
{
	struct waiting **pp;

	if (from_heap) {
		heap_pop(s);
		return;
	}
	pp = second(s, f->time);
	*pp = f->w->next;
	if (*pp == NULL)
		s->used[((uint64_t)f->time & (WHEEL - 1)) / 64] &=
		    ~(1ULL << ((uint64_t)f->time % 64));
	s->wn--;
}

static void
give_up(struct cs_calls_stream *s)
{
	s->given_up = 1;
	free_waiting(s);
}

/* Lets the first piece waiting through to the grouping: top, as first()
 * found it (from_heap, what it returned). */
static int
let_top_through(struct cs_calls_stream *s, struct slot top, int from_heap)
{
	struct waiting *w;
	int rc;

	wait_pop(s, &top, from_heap);
	w = top.w;
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

/* Lets through the pieces waiting that start before t (and, when cap,
 * those past MAX_WAITING); -1 on errors (out of memory). */
static int
let_before(struct cs_calls_stream *s, int64_t t, int cap)
{
	while (!s->given_up && s->n + s->wn > 0) {
		struct slot top;
		int from_heap = first(s, &top);

		if (top.time >= t && !(cap && s->n + s->wn > MAX_WAITING))
			break;
		if (let_top_through(s, top, from_heap) != 0)
			return -1;
	}
	return 0;
}

/*
 * Takes w (and its texts) among the pieces waiting, in the order of its
 * keys, and lets through those no piece to come can precede.
 */
static int
push_waiting(struct cs_calls_stream *s, struct waiting *w, int64_t rhash)
{
	struct slot in;
	int64_t due;

	w->rhash = rhash;
	in = slot_of(w);
	if (s->out_any && slot_less(&in, &s->last)) {
		waiting_free(s, w);
		give_up(s);
		return 0;
	}
	if (!s->sorted && in.time > s->latest)
		s->latest = in.time;
	due = s->latest - (s->sorted ? 0 : REORDER);
	/* those due that come before w go first, so that the wheel's window
	   holds w (after a gap in the file, the pieces waiting may be older
	   than its span): the same order as w's coming first */
	if (let_before(s, in.time < due ? in.time : due, 0) != 0) {
		waiting_free(s, w);
		return -1;
	}
	if (s->given_up) {
		waiting_free(s, w);
		return 0;
	}
	if (wait_push(s, w) != 0) {
		waiting_free(s, w);
		return cs_error_set(s->err, "out of memory");
	}
	return let_before(s, due, !s->sorted);
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
	/* every piece left: none starts at the end of time */
	if (let_before(s, INT64_MAX, 0) != 0)
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
	free(s->wheel);
	free(s->used);
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
