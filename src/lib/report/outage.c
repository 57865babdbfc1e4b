/*
 * report/outage.c: days where calls were expected and none was recorded
 * (outage.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "gaps.h"
#include "report/outage.h"
#include "timeutil.h"

/* A range of days [a, b] (instants of their midnights) in words:
 * "4 June 2025", "4–5 June 2025", "30 June 2025 – 1 July 2025". */
static void
range_words(const struct cs_lang *L, int64_t a, int64_t b, char *buf,
    size_t size)
{
	struct cs_datetime da, db;
	char x[64], y[64];

	cs_utc_to_local(a, &da, NULL);
	cs_utc_to_local(b, &db, NULL);
	cs_lang_day(L, db.year, db.mon, db.mday, y, sizeof(y));
	if (a == b)
		snprintf(buf, size, "%s", y);
	else if (da.year == db.year && da.mon == db.mon)
		snprintf(buf, size, "%d–%s", da.mday, y);
	else {
		cs_lang_day(L, da.year, da.mon, da.mday, x, sizeof(x));
		snprintf(buf, size, "%s – %s", x, y);
	}
}

/* What cs_outage_find's runs are written into. */
struct words {
	struct cs_outage *o;
	const struct cs_lang *L;
	size_t len, cap;
	int n;
};

/* Adds a run of days to o's words, or counts it beyond the cap. */
static int
range_add(void *arg, const struct cs_gap *g)
{
	struct words *w = arg;
	struct cs_outage *o = w->o;
	char buf[160];
	size_t need;

	o->ndays += g->ndays;
	if (w->n >= CS_OUTAGE_MAX_RANGES) {
		o->more++;
		return 0;
	}
	range_words(w->L, g->first, g->last, buf, sizeof(buf));
	need = w->len + strlen(buf) + 3;
	if (need > w->cap) {
		char *p = realloc(o->ranges, need * 2);

		if (p == NULL)
			return -1;
		o->ranges = p;
		w->cap = need * 2;
	}
	w->len += (size_t)snprintf(o->ranges + w->len, w->cap - w->len,
	    "%s%s", w->n > 0 ? ", " : "", buf);
	w->n++;
	return 0;
}

int
cs_outage_find(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_lang *L, int64_t t0, int64_t t1, int64_t today,
    struct cs_outage *o, struct cs_error *err)
{
	struct words w = { o, L, 0, 0, 0 };

	memset(o, 0, sizeof(*o));
	if (cs_gaps_find(db, cfg, t0, t1, today, &o->any, range_add, &w,
	    err) != 0) {
		cs_outage_release(o);
		return -1;
	}
	return 0;
}

void
cs_outage_release(struct cs_outage *o)
{
	free(o->ranges);
	memset(o, 0, sizeof(*o));
}
