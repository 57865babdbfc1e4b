/*
 * htab.h: chained hash tables whose buckets grow with what they hold, for
 * the maps the rebuild keeps while it runs (the open calls by their keys,
 * derive's callers of the last day).
 *
 * A map of a few thousand entries in a fixed array of 65,536 buckets
 * touches a cache line of half a megabyte at each look-up, a miss on
 * every call; this one has at most one entry a bucket on average, so
 * its buckets stay a few pages.
 *
 * Intrusive: an entry embeds a struct cs_hlink, as its first member (the
 * users cast the link back).  The table owns no entry: it links them.
 * Each link keeps its full hash: a chain is filtered by it before any key
 * is compared, and growing needs no key.  Entries of one hash keep their
 * order in their chain whatever the table's size (newest first): users
 * that take the first of several entries of one key find the same one.
 */
#ifndef CS_HTAB_H
#define CS_HTAB_H

#include <stddef.h>

struct cs_hlink {
	struct cs_hlink *next;
	unsigned hash;
};

struct cs_htab {
	struct cs_hlink **b;
	size_t mask;		/* buckets - 1 (a power of two) */
	size_t n;		/* entries */
};

/* An empty table; -1 when out of memory. */
int cs_htab_init(struct cs_htab *t);

/* Frees the buckets (not the entries: free them first). */
void cs_htab_release(struct cs_htab *t);

/* A string's hash, eight bytes at a time: for maps that live and die in
 * the process, so any good mixing serves (not for a hash stored). */
unsigned cs_htab_hash(const char *s);

/* The first entry of the chain where entries of hash lie (others too:
 * compare link->hash, then the key). */
static inline struct cs_hlink *
cs_htab_chain(const struct cs_htab *t, unsigned hash)
{
	return t->b[hash & t->mask];
}

/* Links e under hash, at the head of its chain.  Grows the buckets past
 * one entry each; should that fail, the chains get longer: never fails. */
void cs_htab_add(struct cs_htab *t, struct cs_hlink *e, unsigned hash);

/* Unlinks e, which is in t. */
void cs_htab_del(struct cs_htab *t, struct cs_hlink *e);

/* Calls fn on each entry (which may free it), and empties t. */
void cs_htab_clear(struct cs_htab *t, void (*fn)(struct cs_hlink *));

#endif
