/*
 * group.c: pieces put together into calls, by their keys (group.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "group.h"
#include "match.h"
#include "privacy.h"

struct group {
	char *key;
	int64_t first;
	int loose;		/* made by a leg keyed by the caller's line */
	struct cs_leg *legs;
	char **legmem;
	int nlegs, caplegs;
	struct cs_qevent *ev;
	char **evmem;
	int nev, capev;
	char **alias;		/* other keys of the map that lead here */
	int nalias;
	struct group *fifo;	/* next group by creation */
	/* a call: the bot's session linked to it, or what that session said
	   when it closed first */
	struct sess *sess;
	char *bot_service, *bot_intent;
	unsigned long seq;	/* its rank by creation */
	struct ixent *ix;	/* its entries in the index of sessions' keys */
};

/*
 * A bot's session: its events summed up (their texts live in mem), linked
 * to a call once every call it could belong to has come (session.h).
 */
struct sess {
	char *key;		/* SESS_KEY and the session id, in the map */
	struct cs_bot_session sum;
	char **mem;
	int nmem, capmem;
	int linked;		/* linking was tried */
	enum cs_link how;
	char *call;		/* the call's id, when linked */
	struct group *g;	/* that call, while it is open */
	struct sess *fifo;
};

/* Session ids live in the map beside call keys, told apart by this. */
#define SESS_KEY "\x1fs:"

/*
 * The open calls a session may name, found by the hash of what it names
 * (a leg's id, a SIP Call-ID, a caller): a call found is then checked by
 * candidate(), so two keys of one hash cost a check, never a wrong link.
 * Kept once the first bot event comes: an import of PBX logs alone pays
 * nothing for it.
 */
enum ix_kind { IX_ID, IX_SIP, IX_CALLER };

struct ixent {
	struct group *g;
	struct ixent *next, **pprev;	/* in its bucket */
	struct ixent *gnext;		/* of its call */
};

struct entry {
	char *key;
	struct group *g;	/* or, for a session's key, */
	struct sess *s;
	struct entry *next;
};

#define NBUCKETS 65536

struct cs_grouper {
	const struct cs_config *cfg;
	struct entry **bucket;
	struct group *head, *tail;
	struct sess *shead, *stail;
	struct sess *unlinked;	/* the first session not linked yet */
	struct ixent **ix;	/* NULL until the first bot event */
	unsigned long seq;
	struct cs_derive *derive;
	struct cs_error *err;
};

static unsigned
hash_str(const char *s)
{
	return cs_str_hash(s) & (NBUCKETS - 1);
}

static struct group *
map_get(struct cs_grouper *r, const char *key)
{
	for (struct entry *e = r->bucket[hash_str(key)]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->g;
	return NULL;
}

static int
map_put(struct cs_grouper *r, const char *key, struct group *g)
{
	unsigned h = hash_str(key);
	struct entry *e = malloc(sizeof(*e));

	if (e == NULL || (e->key = cs_strdup(key)) == NULL) {
		free(e);
		return -1;
	}
	e->g = g;
	e->s = NULL;
	e->next = r->bucket[h];
	r->bucket[h] = e;
	return 0;
}

static void
map_del(struct cs_grouper *r, const char *key, struct group *g)
{
	struct entry **pp = &r->bucket[hash_str(key)];

	for (; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->g == g && strcmp((*pp)->key, key) == 0) {
			struct entry *e = *pp;

			*pp = e->next;
			free(e->key);
			free(e);
			return;
		}
}

static unsigned
ix_hash(const char *s, enum ix_kind kind)
{
	return (cs_str_hash(s) ^ (unsigned)kind * 0x9e3779b9u) & (NBUCKETS - 1);
}

static int
ix_put(struct cs_grouper *r, struct group *g, const char *s, enum ix_kind kind)
{
	struct ixent *e, **b;

	if (*s == '\0')
		return 0;
	if ((e = malloc(sizeof(*e))) == NULL)
		return -1;
	b = &r->ix[ix_hash(s, kind)];
	e->g = g;
	e->next = *b;
	if (e->next != NULL)
		e->next->pprev = &e->next;
	e->pprev = b;
	*b = e;
	e->gnext = g->ix;
	g->ix = e;
	return 0;
}

/* The keys of g's leg i in the index (with the call's own, for its first). */
static int
ix_leg(struct cs_grouper *r, struct group *g, int i)
{
	const struct cs_leg *l = &g->legs[i];

	if (i == 0 && (ix_put(r, g, g->key, IX_ID) != 0 ||
	    ix_put(r, g, l->caller, IX_CALLER) != 0))
		return -1;
	return ix_put(r, g, l->alias, IX_ID) | ix_put(r, g, l->sip_call_id, IX_SIP);
}

static void
ix_del(struct group *g)
{
	while (g->ix != NULL) {
		struct ixent *e = g->ix;

		*e->pprev = e->next;
		if (e->next != NULL)
			e->next->pprev = e->pprev;
		g->ix = e->gnext;
		free(e);
	}
}

/* The index begins: every open call in it. */
static int
ix_start(struct cs_grouper *r)
{
	if ((r->ix = calloc(NBUCKETS, sizeof(*r->ix))) == NULL)
		return -1;
	for (struct group *g = r->head; g != NULL; g = g->fifo)
		for (int i = 0; i < g->nlegs; i++)
			if (ix_leg(r, g, i) != 0)
				return -1;
	return 0;
}

static struct group *
group_new(struct cs_grouper *r, const char *key, int64_t t)
{
	struct group *g = calloc(1, sizeof(*g));

	if (g == NULL || (g->key = cs_strdup(key)) == NULL) {
		free(g);
		return NULL;
	}
	if (map_put(r, key, g) != 0) {
		free(g->key);
		free(g);
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

	if (!tag && (*key == '\0' || map_get(r, key) != NULL))
		return 0;
	na = realloc(g->alias, (size_t)(g->nalias + 1) * sizeof(*na));
	if (na == NULL)
		return -1;
	g->alias = na;
	if ((g->alias[g->nalias] = cs_strdup(key)) == NULL)
		return -1;
	g->nalias++;
	return map_put(r, key, g);
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

		if (leg->target != CS_TARGET_QUEUE &&
		    leg->target != CS_TARGET_QUEUE_EMPTY)
			continue;
		entry_key(key, sizeof(key), caller, leg->queue);
		/* one taken by another call is gone */
		for (struct entry *e = r->bucket[hash_str(key)]; e != NULL; e = e->next) {
			struct group *o = e->g;
			int64_t d;

			if (strcmp(e->key, key) != 0 || o == g || o->nlegs > 0 ||
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

static void
group_free(struct cs_grouper *r, struct group *g)
{
	ix_del(g);
	map_del(r, g->key, g);
	for (int i = 0; i < g->nalias; i++) {
		map_del(r, g->alias[i], g);
		free(g->alias[i]);
	}
	for (int i = 0; i < g->nlegs; i++)
		free(g->legmem[i]);
	for (int i = 0; i < g->nev; i++)
		free(g->evmem[i]);
	if (g->sess != NULL)
		g->sess->g = NULL;
	free(g->bot_service);
	free(g->bot_intent);
	free(g->alias);
	free(g->legs);
	free(g->legmem);
	free(g->ev);
	free(g->evmem);
	free(g->key);
	free(g);
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

static int
store_call(struct cs_grouper *r, struct group *g)
{
	struct cs_call c;
	int rc;

	if (g->nlegs > 1)
		qsort(g->legs, (size_t)g->nlegs, sizeof(*g->legs), cmp_leg);
	if (g->nev > 1)
		qsort(g->ev, (size_t)g->nev, sizeof(*g->ev), cmp_event);
	if (g->sess != NULL) {
		/* the bot's session, as it stands now */
		rc = cs_call_build_session(r->cfg, g->legs, g->nlegs, g->ev,
		    g->nev, &g->sess->sum, &c);
	} else if (g->bot_service != NULL) {
		/* the session closed first: what it said */
		struct cs_bot_session s;

		cs_bot_session_init(&s);
		s.service = g->bot_service;
		s.intent = g->bot_intent;
		rc = cs_call_build_session(r->cfg, g->legs, g->nlegs, g->ev,
		    g->nev, &s, &c);
	} else {
		rc = cs_call_build(r->cfg, g->legs, g->nlegs, g->ev, g->nev, &c);
	}
	if (rc != 0)
		return cs_error_set(r->err, "out of memory");
	return cs_derive_add(r->derive, g->key, &c, g->nlegs);
}

/* ---- the bot's sessions ---- */

static struct sess *
sess_get(struct cs_grouper *r, const char *key)
{
	for (struct entry *e = r->bucket[hash_str(key)]; e != NULL; e = e->next)
		if (e->s != NULL && strcmp(e->key, key) == 0)
			return e->s;
	return NULL;
}

static struct sess *
sess_new(struct cs_grouper *r, const char *key)
{
	unsigned h = hash_str(key);
	struct sess *s = calloc(1, sizeof(*s));
	struct entry *e = malloc(sizeof(*e));

	if (s == NULL || e == NULL || (s->key = cs_strdup(key)) == NULL ||
	    (e->key = cs_strdup(key)) == NULL) {
		if (s != NULL)
			free(s->key);
		free(s);
		free(e);
		return NULL;
	}
	e->g = NULL;
	e->s = s;
	e->next = r->bucket[h];
	r->bucket[h] = e;
	cs_bot_session_init(&s->sum);
	if (r->stail != NULL)
		r->stail->fifo = s;
	else
		r->shead = s;
	r->stail = s;
	if (r->unlinked == NULL)
		r->unlinked = s;
	return s;
}

static void
sess_free(struct cs_grouper *r, struct sess *s)
{
	struct entry **pp = &r->bucket[hash_str(s->key)];

	for (; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->s == s) {
			struct entry *e = *pp;

			*pp = e->next;
			free(e->key);
			free(e);
			break;
		}
	if (s->g != NULL && s->g->sess == s)
		s->g->sess = NULL;
	if (r->unlinked == s)
		r->unlinked = s->fifo;
	for (int i = 0; i < s->nmem; i++)
		free(s->mem[i]);
	free(s->mem);
	free(s->call);
	free(s->key);
	free(s);
}

static int
add_bot(struct cs_grouper *r, const struct cs_bot_event *e, char *mem)
{
	char key[512];
	struct sess *s;

	if (r->ix == NULL && ix_start(r) != 0)
		goto nomem;
	snprintf(key, sizeof(key), SESS_KEY "%s", e->session);
	if ((s = sess_get(r, key)) == NULL && (s = sess_new(r, key)) == NULL)
		goto nomem;
	if (s->nmem == s->capmem) {
		int cap = s->capmem ? 2 * s->capmem : 8;
		char **nm = realloc(s->mem, (size_t)cap * sizeof(*nm));

		if (nm == NULL)
			goto nomem;
		s->mem = nm;
		s->capmem = cap;
	}
	s->mem[s->nmem++] = mem;
	cs_bot_session_add(&s->sum, e);
	return 0;
nomem:
	free(mem);
	return cs_error_set(r->err, "out of memory");
}

/* The first leg the bot answered in g, or NULL. */
static const struct cs_leg *
bot_leg(const struct cs_grouper *r, const struct group *g)
{
	for (int i = 0; i < g->nlegs; i++) {
		const struct cs_leg *l = &g->legs[i];

		if (l->ended == CS_LEG_ANSWERED && (l->target == CS_TARGET_BOT ||
		    (r->cfg->bot.n > 0 && cs_match_leg(&r->cfg->bot, l))))
			return l;
	}
	return NULL;
}

/* Whether g could be s's call: it names its call id or its SIP Call-ID,
 * or has its caller. */
static int
candidate(const struct sess *s, const struct group *g)
{
	if (g->nlegs == 0)
		return 0;
	if (s->sum.call_id[0] != '\0') {
		if (strcmp(g->key, s->sum.call_id) == 0)
			return 1;
		for (int i = 0; i < g->nlegs; i++)
			if (strcmp(g->legs[i].alias, s->sum.call_id) == 0)
				return 1;
	}
	if (s->sum.sip_call_id[0] != '\0')
		for (int i = 0; i < g->nlegs; i++)
			if (strcmp(g->legs[i].sip_call_id, s->sum.sip_call_id) == 0)
				return 1;
	return s->sum.caller[0] != '\0' &&
	    strcmp(g->legs[0].caller, s->sum.caller) == 0;
}

static int
cmp_seq(const void *pa, const void *pb)
{
	const struct group *a = *(struct group *const *)pa;
	const struct group *b = *(struct group *const *)pb;

	return (a->seq > b->seq) - (a->seq < b->seq);
}

/* Adds to *cg the calls of the index under s that are candidates, once
 * each. */
static int
ix_find(struct cs_grouper *r, const struct sess *s, const char *what,
    enum ix_kind kind, struct group ***cg, int *n, int *cap)
{
	if (*what == '\0')
		return 0;
	for (struct ixent *e = r->ix[ix_hash(what, kind)]; e != NULL; e = e->next) {
		int seen = 0;

		for (int i = 0; i < *n && !seen; i++)
			seen = (*cg)[i] == e->g;
		if (seen || !candidate(s, e->g))
			continue;
		if (*n == *cap) {
			int ncap = *cap ? 2 * *cap : 8;
			struct group **ng = realloc(*cg, (size_t)ncap * sizeof(*ng));

			if (ng == NULL)
				return -1;
			*cg = ng;
			*cap = ncap;
		}
		(*cg)[(*n)++] = e->g;
	}
	return 0;
}

/* Links s to one of the open calls (session.h's rules), among those that
 * are candidates, in the order the calls began. */
static int
link_session(struct cs_grouper *r, struct sess *s)
{
	struct cs_link_call *c = NULL;
	struct group **cg = NULL;
	const char **keys = NULL;
	int n = 0, cap = 0, which, nkeys = 0;

	s->linked = 1;
	if (ix_find(r, s, s->sum.call_id, IX_ID, &cg, &n, &cap) != 0 ||
	    ix_find(r, s, s->sum.sip_call_id, IX_SIP, &cg, &n, &cap) != 0 ||
	    ix_find(r, s, s->sum.caller, IX_CALLER, &cg, &n, &cap) != 0)
		goto nomem;
	if (n > 1)
		qsort(cg, (size_t)n, sizeof(*cg), cmp_seq);
	/* each candidate's legs give two keys: their own id, their SIP
	   Call-ID */
	for (int k = 0; k < n; k++)
		nkeys += 2 * cg[k]->nlegs;
	if (n > 0 && ((keys = malloc((size_t)nkeys * sizeof(*keys))) == NULL ||
	    (c = calloc((size_t)n, sizeof(*c))) == NULL))
		goto nomem;
	nkeys = 0;
	for (int k = 0; k < n; k++) {
		const struct group *g = cg[k];
		const struct cs_leg *b;

		c[k].key = g->key;
		c[k].leg_keys = keys + nkeys;
		for (int i = 0; i < g->nlegs; i++)
			keys[nkeys++] = g->legs[i].alias;
		c[k].nleg_keys = g->nlegs;
		c[k].sip_call_ids = keys + nkeys;
		for (int i = 0; i < g->nlegs; i++)
			if (g->legs[i].sip_call_id[0] != '\0')
				keys[nkeys++] = g->legs[i].sip_call_id;
		c[k].nsip = (int)(keys + nkeys - c[k].sip_call_ids);
		c[k].caller = g->legs[0].caller;
		c[k].called = g->legs[0].to;
		if ((b = bot_leg(r, g)) != NULL) {
			c[k].has_bot = 1;
			c[k].bot_start = b->start;
		}
	}
	s->how = cs_link_session(&s->sum, c, n, &which);
	if (which >= 0) {
		struct group *g = cg[which];

		if ((s->call = cs_strdup(g->key)) == NULL)
			goto nomem;
		/* a second session of the call: the later speaks for it */
		if (g->sess != NULL)
			g->sess->g = NULL;
		g->sess = s;
		s->g = g;
	}
	free(c);
	free(cg);
	free(keys);
	return 0;
nomem:
	free(c);
	free(cg);
	free(keys);
	return cs_error_set(r->err, "out of memory");
}

/* A session closes: its row; a call still open keeps what it said. */
static int
close_session(struct cs_grouper *r, struct sess *s)
{
	struct group *g = s->g;

	if (g != NULL && g->sess == s) {
		free(g->bot_service);
		free(g->bot_intent);
		g->bot_service = cs_strdup(s->sum.service);
		g->bot_intent = cs_strdup(s->sum.intent);
		if (g->bot_service == NULL || g->bot_intent == NULL)
			return cs_error_set(r->err, "out of memory");
	}
	return cs_derive_session(r->derive, &s->sum, s->call, s->how);
}

int
cs_grouper_close(struct cs_grouper *r, int64_t now)
{
	/* the sessions every call of which has come (they start in order):
	   linked first */
	while (r->unlinked != NULL &&
	    r->unlinked->sum.start + CS_LINK_WINDOW < now) {
		if (link_session(r, r->unlinked) != 0)
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
		rc = close_session(r, s);
		sess_free(r, s);
		if (rc != 0)
			return -1;
	}
	return 0;
}

static int
add_leg(struct cs_grouper *r, const struct cs_leg *l, char *mem)
{
	struct group *g = map_get(r, l->key);

	if (g == NULL && l->alias[0] != '\0')
		g = map_get(r, l->alias);
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
	if (r->ix != NULL && ix_leg(r, g, g->nlegs - 1) != 0)
		return cs_error_set(r->err, "out of memory");
	return 0;
nomem:
	free(mem);
	return cs_error_set(r->err, "out of memory");
}

static int
add_event(struct cs_grouper *r, const struct cs_qevent *e, char *mem)
{
	struct group *g = map_get(r, e->key);

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
	free(mem);
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
		return add_bot(r, &p->u.bot, mem);
	default:
		free(mem);
		return 0;
	}
}

struct cs_grouper *
cs_grouper_new(const struct cs_config *cfg, struct cs_derive *d,
    struct cs_error *err)
{
	struct cs_grouper *r = calloc(1, sizeof(*r));

	if (r == NULL || (r->bucket = calloc(NBUCKETS, sizeof(*r->bucket))) == NULL) {
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
		sess_free(r, s);
	}
	free(r->bucket);
	free(r->ix);
	free(r);
}
