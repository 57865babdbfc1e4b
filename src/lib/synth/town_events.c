/*
 * town_events.c: the heap of the town's events (a day starts, a call
 * arrives, a caller enters a queue), in time order, then in the order
 * they were pushed.
 */
#include <stdlib.h>

#include "town.h"

static int
ev_before(const struct event *a, const struct event *b)
{
	return a->time < b->time || (a->time == b->time && a->seq < b->seq);
}

int
cs_town_push(struct town *tw, int64_t time, int type, struct pcall *p, long day)
{
	struct event e = { time, tw->evseq++, type, p, day };
	size_t i;

	if (tw->nev == tw->capev) {
		size_t cap = tw->capev ? 2 * tw->capev : 4096;
		struct event *v = realloc(tw->ev, cap * sizeof(*v));

		if (v == NULL)
			return -1;
		tw->ev = v;
		tw->capev = cap;
	}
	for (i = tw->nev++; i > 0; ) {
		size_t up = (i - 1) / 2;

		if (!ev_before(&e, &tw->ev[up]))
			break;
		tw->ev[i] = tw->ev[up];
		i = up;
	}
	tw->ev[i] = e;
	return 0;
}

struct event
cs_town_pop(struct town *tw)
{
	struct event top = tw->ev[0], last = tw->ev[--tw->nev];
	size_t i = 0;

	for (;;) {
		size_t c = 2 * i + 1;

		if (c >= tw->nev)
			break;
		if (c + 1 < tw->nev && ev_before(&tw->ev[c + 1], &tw->ev[c]))
			c++;
		if (!ev_before(&tw->ev[c], &last))
			break;
		tw->ev[i] = tw->ev[c];
		i = c;
	}
	if (tw->nev > 0)
		tw->ev[i] = last;
	return top;
}
