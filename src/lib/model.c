/*
 * model.c: a piece's texts copied into one block, so that the piece can
 * outlive the row or record it was mapped from.
 */
#include <stdlib.h>
#include <string.h>

#include "model.h"

/* The texts of p, as pointers to its fields. */
static int
texts_of(struct cs_piece *p, const char **t[CS_PIECE_TEXTS])
{
	int n = 0;

	if (p->kind == CS_PIECE_LEG) {
		struct cs_leg *l = &p->u.leg;

		/* texts a mapping often gives the same pointer side by side
		   (copied once: measure) */
		t[n++] = &l->key;
		t[n++] = &l->alias;
		t[n++] = &l->caller;
		t[n++] = &l->from;
		t[n++] = &l->from_peer;
		t[n++] = &l->to;
		t[n++] = &l->peer;
		t[n++] = &l->attr[CS_ATTR_CHANNEL];
		t[n++] = &l->queue;
		t[n++] = &l->sip_call_id;
		for (int i = 0; i < CS_ATTR_N; i++)
			if (i != CS_ATTR_CHANNEL)
				t[n++] = &l->attr[i];
	} else if (p->kind == CS_PIECE_BOT) {
		struct cs_bot_event *b = &p->u.bot;

		t[n++] = &b->session;
		t[n++] = &b->speaker;
		t[n++] = &b->intent;
		t[n++] = &b->match;
		t[n++] = &b->transfer_target;
		t[n++] = &b->outcome;
		t[n++] = &b->service;
		t[n++] = &b->call_id;
		t[n++] = &b->sip_call_id;
		t[n++] = &b->caller;
		t[n++] = &b->called;
	} else if (p->kind == CS_PIECE_QEVENT) {
		struct cs_qevent *e = &p->u.ev;

		t[n++] = &e->key;
		t[n++] = &e->queue;
		t[n++] = &e->caller;
		t[n++] = &e->peer;
	}
	return n;
}

/* A pool's block: its room, then the texts (mem points past the header). */
struct cs_piece_block {
	size_t cap;
	struct cs_piece_block *next;	/* among the spares */
};

/* Blocks a pool keeps (a few MiB): past this, given back to malloc. */
#define POOL_SPARE 16384
/* Blocks come in sizes of POOL_STEP bytes, up to CS_POOL_CLASSES of them;
   larger ones are malloc's alone */
#define POOL_STEP 64

/* The length of a text that is the one before it (the same pointer):
   it points at that one's copy. */
#define SAME_AS_BEFORE ((size_t)-1)

/* The lengths of p's texts into len[], pointers to them into t[]; returns
 * how many, and their total room into *total. */
static int
measure(struct cs_piece *p, const char **t[CS_PIECE_TEXTS],
    size_t len[CS_PIECE_TEXTS], size_t *total)
{
	int n = texts_of(p, t);

	*total = 0;
	for (int i = 0; i < n; i++) {
		const char *x = *t[i];

		if (x == NULL || *x == '\0') {
			len[i] = 0;
		} else if (i > 0 && x == *t[i - 1]) {
			len[i] = SAME_AS_BEFORE;
		} else {
			len[i] = strlen(x);
			*total += len[i] + 1;
		}
	}
	return n;
}

/* Copies the n texts t[] (lengths len[]) into mem, and points p at them;
 * an empty or NULL text becomes a constant "" (most of a leg's are). */
static void
copy_texts(char *mem, const char **t[CS_PIECE_TEXTS],
    const size_t len[CS_PIECE_TEXTS], int n)
{
	size_t off = 0;

	for (int i = 0; i < n; i++) {
		if (len[i] == 0) {
			*t[i] = "";
			continue;
		}
		if (len[i] == SAME_AS_BEFORE) {
			*t[i] = *t[i - 1];
			continue;
		}
		memcpy(mem + off, *t[i], len[i]);
		mem[off + len[i]] = '\0';
		*t[i] = mem + off;
		off += len[i] + 1;
	}
}

char *
cs_piece_pack(struct cs_piece *p)
{
	const char **t[CS_PIECE_TEXTS];
	size_t len[CS_PIECE_TEXTS], total;
	int n = measure(p, t, len, &total);
	char *mem;

	if ((mem = malloc(total > 0 ? total : 1)) == NULL)
		return NULL;
	copy_texts(mem, t, len, n);
	return mem;
}

char *
cs_piece_pack_in(struct cs_piece_pool *pool, struct cs_piece *p)
{
	const char **t[CS_PIECE_TEXTS];
	size_t len[CS_PIECE_TEXTS], total;
	int n = measure(p, t, len, &total);
	size_t k = total > 0 ? (total - 1) / POOL_STEP : 0;
	struct cs_piece_block *b = k < CS_POOL_CLASSES ? pool->spare[k] : NULL;

	if (b != NULL) {
		pool->spare[k] = b->next;
		pool->nspare--;
	} else {
		size_t cap = k < CS_POOL_CLASSES ? (k + 1) * POOL_STEP : total;

		if ((b = malloc(sizeof(*b) + cap)) == NULL)
			return NULL;
		b->cap = cap;
	}
	copy_texts((char *)(b + 1), t, len, n);
	return (char *)(b + 1);
}

void
cs_piece_pool_put(struct cs_piece_pool *pool, char *mem)
{
	struct cs_piece_block *b;
	size_t k;

	if (mem == NULL)
		return;
	b = (struct cs_piece_block *)(void *)mem - 1;
	k = (b->cap - 1) / POOL_STEP;
	if (!CS_KEEP_FREED || pool->nspare >= POOL_SPARE ||
	    k >= CS_POOL_CLASSES || b->cap != (k + 1) * POOL_STEP) {
		free(b);
		return;
	}
	b->next = pool->spare[k];
	pool->spare[k] = b;
	pool->nspare++;
}

void
cs_piece_pool_clear(struct cs_piece_pool *pool)
{
	for (int k = 0; k < CS_POOL_CLASSES; k++)
		while (pool->spare[k] != NULL) {
			struct cs_piece_block *b = pool->spare[k];

			pool->spare[k] = b->next;
			free(b);
		}
	pool->nspare = 0;
}
