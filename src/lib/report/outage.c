/*
 * report/outage.c: days where calls were expected and none was recorded
 * (outage.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* 1 if at least one service is open on that local date. */
static int
expected(const struct cs_config *cfg, const struct cs_datetime *dt, int wday)
{
	if (cs_config_closed_day(cfg, dt->year, dt->mon, dt->mday))
		return 0;
	if (cfg->nservices == 0)
		return 1;
	for (size_t i = 0; i < cfg->nservices; i++)
		if (!cfg->services[i].has_hours ||
		    cfg->services[i].hours.n[wday] > 0)
			return 1;
	return 0;
}

/* Adds the range [a, b] to o's words, or counts it beyond the cap. */
static int
range_add(struct cs_outage *o, size_t *len, size_t *cap, int *n,
    const struct cs_lang *L, int64_t a, int64_t b)
{
	char w[160];
	size_t need;

	if (*n >= CS_OUTAGE_MAX_RANGES) {
		o->more++;
		return 0;
	}
	range_words(L, a, b, w, sizeof(w));
	need = *len + strlen(w) + 3;
	if (need > *cap) {
		char *p = realloc(o->ranges, need * 2);

		if (p == NULL)
			return -1;
		o->ranges = p;
		*cap = need * 2;
	}
	*len += (size_t)snprintf(o->ranges + *len, *cap - *len, "%s%s",
	    *n > 0 ? ", " : "", w);
	(*n)++;
	return 0;
}

int
cs_outage_find(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_lang *L, int64_t t0, int64_t t1, int64_t today,
    struct cs_outage *o, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char from[11], to[11];
	int64_t a = -1, b = -1;
	size_t len = 0, cap = 0;
	int n = 0, step;

	memset(o, 0, sizeof(*o));
	if (t1 <= t0)
		return 0;
	cs_period_label(t0, CS_PERIOD_DAY, from, sizeof(from));
	cs_period_label(t1 - 1, CS_PERIOD_DAY, to, sizeof(to));
	if (cs_db_prepare(db, &st, "SELECT DISTINCT day FROM daily WHERE "
	    "day >= ?1 AND day <= ?2 ORDER BY day", err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	step = sqlite3_step(st);
	for (int64_t t = t0, nt; t < t1; t = nt) {
		struct cs_datetime dt;
		char day[16];
		const char *have = NULL;
		int wday, gap = 0;

		nt = cs_local_midnight(t, 1);
		cs_utc_to_local(t, &dt, &wday);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", dt.year, dt.mon,
		    dt.mday);
		/* the first day the daily sums hold at or after this one */
		while (step == SQLITE_ROW) {
			have = (const char *)sqlite3_column_text(st, 0);
			if (have != NULL && strcmp(have, day) >= 0)
				break;
			have = NULL;
			step = sqlite3_step(st);
		}
		if (have != NULL && strcmp(have, day) == 0)
			o->any = 1;
		else if (t < today && expected(cfg, &dt, wday))
			gap = 1;
		if (gap) {
			if (a < 0)
				a = t;
			b = t;
			o->ndays++;
		} else if (a >= 0) {
			if (range_add(o, &len, &cap, &n, L, a, b) != 0)
				goto nomem;
			a = -1;
		}
	}
	if (a >= 0 && range_add(o, &len, &cap, &n, L, a, b) != 0)
		goto nomem;
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		cs_db_fail(db, "days without records", err);
		goto fail;
	}
	sqlite3_finalize(st);
	return 0;
nomem:
	cs_error_set(err, "out of memory");
fail:
	sqlite3_finalize(st);
	cs_outage_release(o);
	return -1;
}

void
cs_outage_release(struct cs_outage *o)
{
	free(o->ranges);
	memset(o, 0, sizeof(*o));
}
