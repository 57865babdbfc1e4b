/*
 * group.c: pieces put together into calls, by their keys (group.h); the
 * maps in group_map.c, the bot's sessions in group_sess.c.
 */
#include <assert.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_int.h"
#include "match.h"
#include "privacy.h"

/* Groups kept for the next ones (each with its arrays): past this, freed. */
#define SPARE_GROUPS 1024

/* Frees g and its arrays (what group_free leaves). */
static void
group_destroy(struct group *g)
{
	free(g->alias);
	free(g->legs);
	free(g->legmem);
	free(g->ev);
	free(g->evmem);
	free(g->key);
	free(g);
}

/* A group to fill: a spare one emptied (its arrays kept), or a new one;
 * its key set.  NULL when out of memory. */
static struct group *
group_take(struct cs_grouper *r, const char *key)
{
	size_t n = strlen(key) + 1;
	struct group *g = r->spare;

	if (g != NULL) {
		struct group keep = *g;

		r->spare = g->fifo;
		r->nspare--;
		memset(g, 0, sizeof(*g));
		g->key = keep.key;
		g->keycap = keep.keycap;
		g->legs = keep.legs;
		g->legmem = keep.legmem;
		g->caplegs = keep.caplegs;
		g->ev = keep.ev;
		g->evmem = keep.evmem;
		g->capev = keep.capev;
		g->alias = keep.alias;
		g->capalias = keep.capalias;
	} else if ((g = calloc(1, sizeof(*g))) == NULL) {
		return NULL;
	}
	if (n > g->keycap) {
		size_t cap = n < 48 ? 48 : n;
		char *k = realloc(g->key, cap);

		if (k == NULL) {
			group_destroy(g);
			return NULL;
		}
		g->key = k;
		g->keycap = cap;
	}
	memcpy(g->key, key, n);
	return g;
}

static struct group *
group_new(struct cs_grouper *r, const char *key, int64_t t)
{
	struct group *g = group_take(r, key);

	if (g == NULL)
		return NULL;
	if (cs_group_map_put(r, key, g) != 0) {
		group_destroy(g);
		return NULL;
	}
	g->first = t;
	g->seq = r->seq++;
	if (r->tail != NULL)
		r->tail->fifo = g;
	else
		r->head = g;
	r->tail = g;
	return g;
}

/* Another key that leads to g (tag: even when other groups have it). */
static int
group_key(struct cs_grouper *r, struct group *g, const char *key, int tag)
{
	char **na;

	if (!tag && (*key == '\0' || cs_group_map_get(r, key) != NULL))
		return 0;
	if (g->nalias == g->capalias) {
		int cap = g->capalias ? 2 * g->capalias : 2;

		if ((na = realloc(g->alias, (size_t)cap * sizeof(*na))) == NULL)
			return -1;
		g->alias = na;
		g->capalias = cap;
	}
	if ((g->alias[g->nalias] = cs_strdup(key)) == NULL)
		return -1;
	g->nalias++;
	return cs_group_map_put(r, key, g);
}

/* Appends a leg and the block its texts live in to g. */
static int
push_leg(struct group *g, const struct cs_leg *l, char *mem)
{
	if (g->nlegs == g->caplegs) {
		int cap = g->caplegs ? 2 * g->caplegs : 4;
		struct cs_leg *nl = realloc(g->legs, (size_t)cap * sizeof(*nl));
		char **nm;

		if (nl == NULL)
			return -1;
		g->legs = nl;
		if ((nm = realloc(g->legmem, (size_t)cap * sizeof(*nm))) == NULL)
			return -1;
		g->legmem = nm;
		g->caplegs = cap;
	}
	g->legs[g->nlegs] = *l;
	g->legmem[g->nlegs] = mem;
	g->nlegs++;
	return 0;
}

static int
push_event(struct group *g, const struct cs_qevent *e, char *mem)
{
	if (g->nev == g->capev) {
		int cap = g->capev ? 2 * g->capev : 4;
		struct cs_qevent *ne = realloc(g->ev, (size_t)cap * sizeof(*ne));
		char **nm;

		if (ne == NULL)
			return -1;
		g->ev = ne;
		if ((nm = realloc(g->evmem, (size_t)cap * sizeof(*nm))) == NULL)
			return -1;
		g->evmem = nm;
		g->capev = cap;
	}
	g->ev[g->nev] = *e;
	g->evmem[g->nev] = mem;
	g->nev++;
	return 0;
}

/* Moves the events of o into g. */
static int
move_events(struct group *g, struct group *o)
{
	for (int i = 0; i < o->nev; i++)
		if (push_event(g, &o->ev[i], o->evmem[i]) != 0)
			return -1;
	o->nev = 0;
	return 0;
}

/* The key a queue entry is also found by: its caller and its queue. */
static void
entry_key(char *out, size_t n, const char *caller, const char *queue)
{
	snprintf(out, n, "q:%s|%s", caller, queue);
}

/*
 * A loose call (its legs keyed by the caller's line) is named by no queue
 * event.  Its events are joined by what both sides know: the queue, the
 * caller's hashed number and the time.  An entry into the queue of one of
 * its queue legs, while that leg lasted, joins it; the nearest to the
 * leg's start, when there are several (a withheld caller).
 */
static int
absorb_events(struct cs_grouper *r, struct group *g)
{
	char key[CS_HASH_HEX + 160];
	const char *caller = g->legs[0].caller;

	for (int l = 0; l < g->nlegs; l++) {
		const struct cs_leg *leg = &g->legs[l];
		struct group *best = NULL;
		int64_t bestd = INT64_MAX;
		unsigned h;

		if (leg->target != CS_TARGET_QUEUE &&
		    leg->target != CS_TARGET_QUEUE_EMPTY)
			continue;
		entry_key(key, sizeof(key), caller, leg->queue);
		/* one taken by another call is gone */
		for (struct entry *e = cs_group_map_chain(r, key, &h); e != NULL;
		    e = cs_group_entry_next(e)) {
			struct group *o = e->g;
			int64_t d;

			if (e->link.hash != h || strcmp(e->key, key) != 0 ||
			    o == g || o->nlegs > 0 ||
			    o->nev == 0 || o->ev[0].time < leg->start - 1 ||
			    o->ev[0].time > leg->end + 1)
				continue;
			d = o->ev[0].time - leg->start;
			if (d < 0)
				d = -d;
			if (d < bestd) {
				best = o;
				bestd = d;
			}
		}
		if (best != NULL && move_events(g, best) != 0)
			return -1;
	}
	return 0;
}

/* Takes g out of the maps and frees what it holds; g itself is kept
 * for the next group, with its arrays, or freed. */
static void
group_free(struct cs_grouper *r, struct group *g)
{
	cs_group_ix_del(g);
	cs_group_map_del(r, g->key, g);
	for (int i = 0; i < g->nalias; i++) {
		cs_group_map_del(r, g->alias[i], g);
		free(g->alias[i]);
	}
	for (int i = 0; i < g->nlegs; i++)
		cs_piece_pool_put(&r->pool, g->legmem[i]);
	for (int i = 0; i < g->nev; i++)
		cs_piece_pool_put(&r->pool, g->evmem[i]);
	if (g->sess != NULL)
		g->sess->g = NULL;
	free(g->bot_service);
	free(g->bot_routed);
	if (CS_KEEP_FREED && r->nspare < SPARE_GROUPS) {
		g->fifo = r->spare;
		r->spare = g;
		r->nspare++;
	} else {
		group_destroy(g);
	}
}

static int
cmp_leg(const void *pa, const void *pb)
{
	const struct cs_leg *a = pa, *b = pb;

	if (a->start != b->start)
		return (a->start > b->start) - (a->start < b->start);
	return (a->order > b->order) - (a->order < b->order);
}

static int
cmp_event(const void *pa, const void *pb)
{
	const struct cs_qevent *a = pa, *b = pb;

	if (a->time != b->time)
		return (a->time > b->time) - (a->time < b->time);
	return (a->order > b->order) - (a->order < b->order);
}

/* A call's few legs or events (n of size bytes), by cmp: an insertion
 * sort for the handful most calls have (qsort costs more to start than
 * they take to sort), qsort past that.  The orders are total: the same
 * result. */
#define SORT_SMALL 12

static void
sort_few(void *base, int n, size_t size,
    int (*cmp)(const void *, const void *))
{
	union {
		struct cs_leg l;
		struct cs_qevent e;
	} tmp;
	char *a = base;

	if (n > SORT_SMALL) {
		qsort(base, (size_t)n, size, cmp);
		return;
	}
	assert(size <= sizeof(tmp));
	for (int i = 1; i < n; i++)
		if (cmp(a + (size_t)(i - 1) * size, a + (size_t)i * size) > 0) {
			int j = i;

			memcpy(&tmp, a + (size_t)i * size, size);
			for (; j > 0 && cmp(a + (size_t)(j - 1) * size, &tmp) > 0;
			    j--)
				memcpy(a + (size_t)j * size,
				    a + (size_t)(j - 1) * size, size);
			memcpy(a + (size_t)j * size, &tmp, size);
		}
}

static int
store_call(struct cs_grouper *r, struct group *g)
{
	struct cs_call c;
	int rc;

	sort_few(g->legs, g->nlegs, sizeof(*g->legs), cmp_leg);
	sort_few(g->ev, g->nev, sizeof(*g->ev), cmp_event);
	if (g->sess != NULL) {
		/* the bot's session, as it stands now */
		rc = cs_call_build_session(r->cfg, g->legs, g->nlegs, g->ev,
		    g->nev, &g->sess->sum, &c);
	} else if (g->bot_service != NULL) {
		/* the session closed first: what it said */
		struct cs_bot_session s;

		cs_bot_session_init(&s);
		s.service = g->bot_service;
		s.routed = g->bot_routed;
		rc = cs_call_build_session(r->cfg, g->legs, g->nlegs, g->ev,
		    g->nev, &s, &c);
	} else {
		rc = cs_call_build(r->cfg, g->legs, g->nlegs, g->ev, g->nev, &c);
	}
	if (rc != 0)
		return cs_error_set(r->err, "out of memory");
	return cs_derive_add(r->derive, g->key, &c, g->nlegs);
}

int
cs_grouper_close(struct cs_grouper *r, int64_t now)
{
	/* the sessions every call of which has come (they start in order):
	   linked first */
	while (r->unlinked != NULL &&
	    r->unlinked->sum.start + CS_LINK_WINDOW < now) {
		if (cs_group_link_session(r, r->unlinked) != 0)
			return -1;
		r->unlinked = r->unlinked->fifo;
	}
	while (r->head != NULL && r->head->first + CS_CALL_SPAN < now) {
		struct group *g = r->head;
		int rc = 0;

		r->head = g->fifo;
		if (r->head == NULL)
			r->tail = NULL;
		if (g->nlegs > 0 && g->loose)
			rc = absorb_events(r, g);
		if (g->nlegs > 0 && rc == 0)
			rc = store_call(r, g);
		group_free(r, g);
		if (rc != 0)
			return -1;
	}
	/* then the sessions no event can join any more */
	while (r->shead != NULL && r->shead->sum.start + CS_CALL_SPAN < now) {
		struct sess *s = r->shead;
		int rc;

		r->shead = s->fifo;
		if (r->shead == NULL)
			r->stail = NULL;
		rc = cs_group_close_session(r, s);
		cs_group_sess_free(r, s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
add_leg(struct cs_grouper *r, const struct cs_leg *l, char *mem)
{
	struct group *g = cs_group_map_get(r, l->key);

	if (g == NULL && l->alias[0] != '\0')
		g = cs_group_map_get(r, l->alias);
	if (g == NULL)
		g = group_new(r, l->key, l->start);
	if (g == NULL)
		goto nomem;
	if (strcmp(g->key, l->key) != 0) {
		if (group_key(r, g, l->key, 0) != 0)
			goto nomem;
	} else if (l->loose) {
		g->loose = 1;
	}
	if (l->alias[0] != '\0' && strcmp(l->alias, l->key) != 0 &&
	    group_key(r, g, l->alias, 0) != 0)
		goto nomem;
	if (push_leg(g, l, mem) != 0)
		goto nomem;
	if (r->ix != NULL && cs_group_ix_leg(r, g, g->nlegs - 1) != 0)
		return cs_error_set(r->err, "out of memory");
	return 0;
nomem:
	cs_piece_pool_put(&r->pool, mem);
	return cs_error_set(r->err, "out of memory");
}

static int
add_event(struct cs_grouper *r, const struct cs_qevent *e, char *mem)
{
	struct group *g = cs_group_map_get(r, e->key);

	if (g == NULL)
		g = group_new(r, e->key, e->time);
	if (g == NULL)
		goto nomem;
	if (push_event(g, e, mem) != 0)
		goto nomem;
	/* a call no leg has named yet: findable by its caller too */
	if (g->nlegs == 0 && e->kind == CS_QEV_ENTERED) {
		char key[CS_HASH_HEX + 160];

		entry_key(key, sizeof(key), e->caller, e->queue);
		if (group_key(r, g, key, 1) != 0)
			return cs_error_set(r->err, "out of memory");
	}
	return 0;
nomem:
	cs_piece_pool_put(&r->pool, mem);
	return cs_error_set(r->err, "out of memory");
}

int
cs_grouper_add(struct cs_grouper *r, const struct cs_piece *p, char *mem)
{
	switch (p->kind) {
	case CS_PIECE_LEG:
		return add_leg(r, &p->u.leg, mem);
	case CS_PIECE_QEVENT:
		return add_event(r, &p->u.ev, mem);
	case CS_PIECE_BOT:
		return cs_group_add_bot(r, &p->u.bot, mem);
	default:
		cs_piece_pool_put(&r->pool, mem);
		return 0;
	}
}

char *
cs_grouper_pack(struct cs_grouper *r, struct cs_piece *p)
{
	return cs_piece_pack_in(&r->pool, p);
}

void
cs_grouper_unpack(struct cs_grouper *r, char *mem)
{
	cs_piece_pool_put(&r->pool, mem);
}

struct cs_grouper *
cs_grouper_new(const struct cs_config *cfg, struct cs_derive *d,
    struct cs_error *err)
{
	struct cs_grouper *r = calloc(1, sizeof(*r));

	if (r == NULL || cs_htab_init(&r->map) != 0) {
		free(r);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	r->cfg = cfg;
	r->derive = d;
	r->err = err;
	return r;
}

void
cs_grouper_free(struct cs_grouper *r)
{
	if (r == NULL)
		return;
	while (r->head != NULL) {
		struct group *g = r->head;

		r->head = g->fifo;
		group_free(r, g);
	}
	while (r->shead != NULL) {
		struct sess *s = r->shead;

		r->shead = s->fifo;
		cs_group_sess_free(r, s);
	}
	while (r->spare != NULL) {
		struct group *g = r->spare;

		r->spare = g->fifo;
		group_destroy(g);
	}
	cs_piece_pool_clear(&r->pool);
	cs_htab_release(&r->map);
	free(r->ix);
	free(r);
}
