/*
 * gaps.c: days where calls were expected and none was recorded (gaps.h).
 */
#include <stdio.h>
#include <string.h>

#include "gaps.h"
#include "timeutil.h"

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

int
cs_gaps_find(struct cs_db *db, const struct cs_config *cfg, int64_t t0,
    int64_t t1, int64_t today, int *any,
    int (*fn)(void *arg, const struct cs_gap *g), void *arg,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	struct cs_gap g = { -1, -1, 0 };
	char from[11], to[11];
	int step, rc = -1;

	if (any != NULL)
		*any = 0;
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
		int wday;

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
		if (have != NULL && strcmp(have, day) == 0) {
			if (any != NULL)
				*any = 1;
		} else if (t < today && expected(cfg, &dt, wday)) {
			if (g.first < 0)
				g.first = t;
			g.last = t;
			g.ndays++;
			continue;
		}
		/* a day with records, or one not expected, ends a run */
		if (g.first >= 0 && fn(arg, &g) != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
		g.first = -1;
		g.ndays = 0;
	}
	if (step != SQLITE_ROW && step != SQLITE_DONE) {
		cs_db_fail(db, "days without records", err);
		goto out;
	}
	if (g.first >= 0 && fn(arg, &g) != 0) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
}
