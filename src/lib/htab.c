/*
 * htab.c: chained hash tables whose buckets grow with what they hold
 * (htab.h).
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "htab.h"

/* buckets to begin with: 8 KiB */
#define FIRST 1024

int
cs_htab_init(struct cs_htab *t)
{
	t->n = 0;
	t->mask = FIRST - 1;
	t->b = calloc(FIRST, sizeof(*t->b));
	return t->b != NULL ? 0 : -1;
}

void
cs_htab_release(struct cs_htab *t)
{
	free(t->b);
	t->b = NULL;
	t->mask = 0;
	t->n = 0;
}

unsigned
cs_htab_hash(const char *s)
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

/*
 * Twice the buckets: the chain of bucket i splits into those of i and
 * i + old size, each in its old order (entries of one hash stay in
 * theirs).  Nothing changes when the memory cannot be had.
 */
static void
grow(struct cs_htab *t)
{
	size_t old = t->mask + 1, size = 2 * old;
	struct cs_hlink **nb;

	if (size > SIZE_MAX / sizeof(*nb) ||
	    (nb = calloc(size, sizeof(*nb))) == NULL)
		return;
	for (size_t i = 0; i < old; i++) {
		struct cs_hlink **tail[2] = { &nb[i], &nb[i + old] };

		for (struct cs_hlink *e = t->b[i], *next; e != NULL; e = next) {
			int hi = (e->hash & old) != 0;

			next = e->next;
			e->next = NULL;
			*tail[hi] = e;
			tail[hi] = &e->next;
		}
	}
	free(t->b);
	t->b = nb;
	t->mask = size - 1;
}

void
cs_htab_add(struct cs_htab *t, struct cs_hlink *e, unsigned hash)
{
	struct cs_hlink **b;

	if (t->n > t->mask)
		grow(t);
	b = &t->b[hash & t->mask];
	e->hash = hash;
	e->next = *b;
	*b = e;
	t->n++;
}

void
cs_htab_del(struct cs_htab *t, struct cs_hlink *e)
{
	struct cs_hlink **pp = &t->b[e->hash & t->mask];

	while (*pp != e)
		pp = &(*pp)->next;
	*pp = e->next;
	e->next = NULL;
	t->n--;
}

void
cs_htab_clear(struct cs_htab *t, void (*fn)(struct cs_hlink *))
{
	for (size_t i = 0; i <= t->mask; i++)
		for (struct cs_hlink *e = t->b[i], *next; e != NULL; e = next) {
			next = e->next;
			fn(e);
		}
	memset(t->b, 0, (t->mask + 1) * sizeof(*t->b));
	t->n = 0;
}
