/*
 * group_map.c: the open calls by their keys, and the index of what the
 * bot's sessions name (group_int.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "group_int.h"

/*
 * A key's hash, eight bytes at a time (call keys are uuids and epoch
 * ids, 14 to 36 bytes): these maps live and die in the process, so any
 * good mixing serves; cs_str_hash's byte-by-byte FNV is left to those
 * whose hashes must stay what they are.
 */
static unsigned
key_hash(const char *s)
{
	size_t n = strlen(s);
	uint64_t h = 0x9e3779b97f4a7c15ULL ^ n, w;

	for (; n >= 8; s += 8, n -= 8) {
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xff51afd7ed558ccdULL;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, s, n);
	h = (h ^ w) * 0xc4ceb9fe1a85ec53ULL;
	return (unsigned)(h ^ h >> 29);
}

unsigned
cs_group_hash_str(const char *s)
{
	return key_hash(s) & (NBUCKETS - 1);
}

struct group *
cs_group_map_get(struct cs_grouper *r, const char *key)
{
	for (struct entry *e = r->bucket[cs_group_hash_str(key)]; e != NULL; e = e->next)
		if (strcmp(e->key, key) == 0)
			return e->g;
	return NULL;
}

struct entry *
cs_group_entry_new(const char *key)
{
	size_t n = strlen(key) + 1;
	struct entry *e = malloc(sizeof(*e) + n);

	if (e == NULL)
		return NULL;
	e->g = NULL;
	e->s = NULL;
	e->next = NULL;
	memcpy(e->key, key, n);
	return e;
}

int
cs_group_map_put(struct cs_grouper *r, const char *key, struct group *g)
{
	unsigned h = cs_group_hash_str(key);
	struct entry *e = cs_group_entry_new(key);

	if (e == NULL)
		return -1;
	e->g = g;
	e->next = r->bucket[h];
	r->bucket[h] = e;
	return 0;
}

void
cs_group_map_del(struct cs_grouper *r, const char *key, struct group *g)
{
	struct entry **pp = &r->bucket[cs_group_hash_str(key)];

	for (; *pp != NULL; pp = &(*pp)->next)
		if ((*pp)->g == g && strcmp((*pp)->key, key) == 0) {
			struct entry *e = *pp;

			*pp = e->next;
			free(e);
			return;
		}
}

unsigned
cs_group_ix_hash(const char *s, enum ix_kind kind)
{
	return (key_hash(s) ^ (unsigned)kind * 0x9e3779b9u) & (NBUCKETS - 1);
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
