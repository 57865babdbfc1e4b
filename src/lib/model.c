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

		t[n++] = &l->key;
		t[n++] = &l->alias;
		t[n++] = &l->caller;
		t[n++] = &l->from;
		t[n++] = &l->from_peer;
		t[n++] = &l->to;
		t[n++] = &l->peer;
		t[n++] = &l->queue;
		t[n++] = &l->sip_call_id;
		for (int i = 0; i < CS_ATTR_N; i++)
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

char *
cs_piece_pack(struct cs_piece *p)
{
	const char **t[CS_PIECE_TEXTS];
	size_t len[CS_PIECE_TEXTS], total = 0, off = 0;
	int n = texts_of(p, t);
	char *mem;

	for (int i = 0; i < n; i++) {
		len[i] = *t[i] != NULL ? strlen(*t[i]) : 0;
		total += len[i] + 1;
	}
	if ((mem = malloc(total > 0 ? total : 1)) == NULL)
		return NULL;
	for (int i = 0; i < n; i++) {
		if (len[i] > 0)
			memcpy(mem + off, *t[i], len[i]);
		mem[off + len[i]] = '\0';
		*t[i] = mem + off;
		off += len[i] + 1;
	}
	return mem;
}
