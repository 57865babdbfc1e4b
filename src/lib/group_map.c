/*
 * group_map.c: the open calls by their keys, and the index of what the
 * bot's sessions name (group_int.h).
 */
#include <stdlib.h>
#include <string.h>

#include "group_int.h"

struct entry *
cs_group_map_chain(const struct cs_grouper *r, const char *key,
    unsigned *hash)
{
	*hash = cs_htab_hash(key);
	return (struct entry *)(void *)cs_htab_chain(&r->map, *hash);
}

struct group *
cs_group_map_get(struct cs_grouper *r, const char *key)
{
	unsigned h;

	for (struct entry *e = cs_group_map_chain(r, key, &h); e != NULL;
	    e = cs_group_entry_next(e))
		if (e->link.hash == h && strcmp(e->key, key) == 0)
			return e->g;
	return NULL;
}

struct entry *
cs_group_entry_new(struct cs_grouper *r, const char *key, unsigned hash)
{
	size_t n = strlen(key) + 1;
	struct entry *e = malloc(sizeof(*e) + n);

	if (e == NULL)
		return NULL;
	e->g = NULL;
	e->s = NULL;
	memcpy(e->key, key, n);
	cs_htab_add(&r->map, &e->link, hash);
	return e;
}

int
cs_group_map_put(struct cs_grouper *r, const char *key, struct group *g)
{
	struct entry *e = cs_group_entry_new(r, key, cs_htab_hash(key));

	if (e == NULL)
		return -1;
	e->g = g;
	return 0;
}

void
cs_group_map_del(struct cs_grouper *r, const char *key, struct group *g)
{
	unsigned h;

	for (struct entry *e = cs_group_map_chain(r, key, &h); e != NULL;
	    e = cs_group_entry_next(e))
		if (e->g == g && e->link.hash == h && strcmp(e->key, key) == 0) {
			cs_htab_del(&r->map, &e->link);
			free(e);
			return;
		}
}

unsigned
cs_group_ix_hash(const char *s, enum ix_kind kind)
{
	return (cs_htab_hash(s) ^ (unsigned)kind * 0x9e3779b9u) & (NBUCKETS - 1);
}

int
cs_group_ix_put(struct cs_grouper *r, struct group *g, const char *s, enum ix_kind kind)
{
	struct ixent *e, **b;

	if (*s == '\0')
		return 0;
	if ((e = malloc(sizeof(*e))) == NULL)
		return -1;
	b = &r->ix[cs_group_ix_hash(s, kind)];
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
int
cs_group_ix_leg(struct cs_grouper *r, struct group *g, int i)
{
	const struct cs_leg *l = &g->legs[i];

	if (i == 0 && (cs_group_ix_put(r, g, g->key, IX_ID) != 0 ||
	    cs_group_ix_put(r, g, l->caller, IX_CALLER) != 0))
		return -1;
	return cs_group_ix_put(r, g, l->alias, IX_ID) | cs_group_ix_put(r, g, l->sip_call_id, IX_SIP);
}

void
cs_group_ix_del(struct group *g)
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
int
cs_group_ix_start(struct cs_grouper *r)
{
	if ((r->ix = calloc(NBUCKETS, sizeof(*r->ix))) == NULL)
		return -1;
	for (struct group *g = r->head; g != NULL; g = g->fifo)
		for (int i = 0; i < g->nlegs; i++)
			if (cs_group_ix_leg(r, g, i) != 0)
				return -1;
	return 0;
}
