/*
 * group_sess.c: the bot's sessions, summed up from their events and
 * linked to the open call they name (group_int.h, session.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "group_int.h"
#include "match.h"
#include "privacy.h"

static struct sess *
sess_get(struct cs_grouper *r, const char *key)
{
	unsigned h;

	for (struct entry *e = cs_group_map_chain(r, key, &h); e != NULL;
	    e = cs_group_entry_next(e))
		if (e->s != NULL && e->link.hash == h && strcmp(e->key, key) == 0)
			return e->s;
	return NULL;
}

static struct sess *
sess_new(struct cs_grouper *r, const char *key)
{
	struct sess *s = calloc(1, sizeof(*s));
	struct entry *e;

	if (s == NULL || (s->key = cs_strdup(key)) == NULL) {
		free(s);
		return NULL;
	}
	if ((e = cs_group_entry_new(r, key, cs_htab_hash(key))) == NULL) {
		free(s->key);
		free(s);
		return NULL;
	}
	e->s = s;
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

void
cs_group_sess_free(struct cs_grouper *r, struct sess *s)
{
	unsigned h;

	for (struct entry *e = cs_group_map_chain(r, s->key, &h); e != NULL;
	    e = cs_group_entry_next(e))
		if (e->s == s) {
			cs_htab_del(&r->map, &e->link);
			free(e);
			break;
		}
	if (s->g != NULL && s->g->sess == s)
		s->g->sess = NULL;
	if (r->unlinked == s)
		r->unlinked = s->fifo;
	for (int i = 0; i < s->nmem; i++)
		cs_piece_pool_put(&r->pool, s->mem[i]);
	free(s->mem);
	free(s->call);
	free(s->key);
	free(s);
}

int
cs_group_add_bot(struct cs_grouper *r, const struct cs_bot_event *e, char *mem)
{
	char key[512];
	struct sess *s;
	size_t len = strlen(e->session), pre = sizeof(SESS_KEY) - 1;

	if (r->ix == NULL && cs_group_ix_start(r) != 0)
		goto nomem;
	/* SESS_KEY and the id, cut as snprintf would */
	if (len > sizeof(key) - pre - 1)
		len = sizeof(key) - pre - 1;
	memcpy(key, SESS_KEY, pre);
	memcpy(key + pre, e->session, len);
	key[pre + len] = '\0';
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
	cs_bot_session_add(&s->sum, e, r->cfg);
	return 0;
nomem:
	cs_piece_pool_put(&r->pool, mem);
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
	for (struct ixent *e = r->ix[cs_group_ix_hash(what, kind)]; e != NULL; e = e->next) {
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
int
cs_group_link_session(struct cs_grouper *r, struct sess *s)
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
int
cs_group_close_session(struct cs_grouper *r, struct sess *s)
{
	struct group *g = s->g;

	if (g != NULL && g->sess == s) {
		free(g->bot_service);
		free(g->bot_routed);
		g->bot_service = cs_strdup(s->sum.service);
		g->bot_routed = cs_strdup(s->sum.routed);
		if (g->bot_service == NULL || g->bot_routed == NULL)
			return cs_error_set(r->err, "out of memory");
	}
	return cs_derive_session(r->derive, &s->sum, s->call, s->how);
}
