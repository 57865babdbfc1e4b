/*
 * kpi_intent.c: the figures of the bot's sessions per intent
 * (kpi_intent.h), read from bot_session and the calls they were linked to.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi_intent.h"
#include "timeutil.h"

static const struct {
	const char *name;
	enum cs_col_kind kind;
} figs[CS_INTENT_NFIGS] = {
	[CS_INTENT_SESSIONS] = { "sessions", CS_COL_COUNT },
	[CS_INTENT_CALLS] = { "calls", CS_COL_COUNT },
	[CS_INTENT_CONTAINMENT_RATE] = { "containment_rate", CS_COL_RATE },
	[CS_INTENT_ESCALATION_RATE] = { "escalation_rate", CS_COL_RATE },
	[CS_INTENT_FALLBACK_RATE] = { "fallback_rate", CS_COL_RATE },
	[CS_INTENT_HANDLING_TIME] = { "handling_time", CS_COL_SECONDS },
	[CS_INTENT_TURNS] = { "turns", CS_COL_SECONDS },
};

const char *
cs_intent_name(enum cs_intent_fig f)
{
	return figs[f].name;
}

enum cs_col_kind
cs_intent_kind(enum cs_intent_fig f)
{
	return figs[f].kind;
}

/* A ratio, empty when its denominator is 0. */
static void
ratio(struct cs_intent_row *r, enum cs_intent_fig f, double num, double den)
{
	r->has[f] = den > 0;
	r->v[f] = den > 0 ? num / den : 0;
}

/* The instant of local midnight delta days after day (YYYY-MM-DD), or
 * none when day is NULL or no date. */
static int64_t
day_instant(const char *day, int delta, int64_t none)
{
	struct cs_datetime dt;
	int64_t t[2];

	memset(&dt, 0, sizeof(dt));
	if (day == NULL ||
	    sscanf(day, "%d-%d-%d", &dt.year, &dt.mon, &dt.mday) != 3)
		return none;
	/* a midnight that does not exist (a zone that moves its clock at
	   midnight): the day's start is near enough, a day either side */
	if (cs_local_to_utc(&dt, t) < 1)
		t[0] = cs_utc_from_datetime(&dt);
	return t[0] + (int64_t)delta * 86400;
}

int
cs_kpi_intents(struct cs_db *db, const struct cs_kpi_query *q,
    struct cs_intent_row **rows, size_t *nrows, struct cs_error *err)
{
	/*
	 * A session's call: the one of that id starting nearest before it
	 * (an id names one call; the same id days apart, another).  The
	 * calls of the days around the sessions' are read once, joined on
	 * their id through the index SQLite builds for the join (a lookup
	 * of each session's call in the calls table, whose key is the
	 * start, read the whole table for each session: 48 s for a town's
	 * year).  A call starts at most a few hours before its session:
	 * two days either side hold it.
	 */
	static const char sql[] =
	    "WITH c AS MATERIALIZED (SELECT id, start, outcome, escalated, "
	    "service FROM calls WHERE start >= ?4 AND start < ?5), "
	    "ss AS (SELECT * FROM bot_session WHERE (?1 IS NULL OR day >= ?1) "
	    "AND (?2 IS NULL OR day <= ?2)), "
	    "m AS (SELECT ss.intent AS intent, ss.caller_turns AS ct, "
	    "ss.fallback_turns AS ft, ss.end - ss.start AS dur, "
	    "ss.turns AS turns, c.id AS cid, c.outcome AS outcome, "
	    "c.escalated AS escalated, c.service AS service, max(c.start) "
	    "FROM ss LEFT JOIN c ON c.id = ss.call AND "
	    "c.start <= ss.start + 10 GROUP BY ss.start, ss.session) "
	    "SELECT intent, count(*), count(cid), "
	    "coalesce(sum(outcome = 'bot'), 0), coalesce(sum(escalated), 0), "
	    "sum(ct), sum(ft), avg(dur), avg(turns) FROM m "
	    "WHERE (?3 IS NULL OR service = ?3) "
	    "GROUP BY intent ORDER BY count(*) DESC, intent";
	sqlite3_stmt *st = NULL;
	struct cs_intent_row *out = NULL;
	size_t n = 0, cap = 0;
	int rc;

	*rows = NULL;
	*nrows = 0;
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	if (q->from != NULL)
		sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	if (q->to != NULL)
		sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	if (q->service != NULL)
		sqlite3_bind_text(st, 3, q->service, -1, SQLITE_STATIC);
	sqlite3_bind_int64(st, 4, day_instant(q->from, -2, INT64_MIN));
	sqlite3_bind_int64(st, 5, day_instant(q->to, 3, INT64_MAX));
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *intent = (const char *)sqlite3_column_text(st, 0);
		double calls = sqlite3_column_double(st, 2);
		struct cs_intent_row *r;

		if (n == cap) {
			size_t ncap = cap ? 2 * cap : 16;
			struct cs_intent_row *nr = realloc(out, ncap * sizeof(*nr));

			if (nr == NULL) {
				sqlite3_finalize(st);
				free(out);
				return cs_error_set(err, "out of memory");
			}
			out = nr;
			cap = ncap;
		}
		r = &out[n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->intent, sizeof(r->intent), "%s",
		    intent != NULL && *intent != '\0' ? intent : "(none)");
		r->v[CS_INTENT_SESSIONS] = sqlite3_column_double(st, 1);
		r->has[CS_INTENT_SESSIONS] = 1;
		r->v[CS_INTENT_CALLS] = calls;
		r->has[CS_INTENT_CALLS] = 1;
		ratio(r, CS_INTENT_CONTAINMENT_RATE, sqlite3_column_double(st, 3),
		    calls);
		ratio(r, CS_INTENT_ESCALATION_RATE, sqlite3_column_double(st, 4),
		    calls);
		ratio(r, CS_INTENT_FALLBACK_RATE, sqlite3_column_double(st, 6),
		    sqlite3_column_double(st, 5));
		r->v[CS_INTENT_HANDLING_TIME] = sqlite3_column_double(st, 7);
		r->has[CS_INTENT_HANDLING_TIME] = 1;
		r->v[CS_INTENT_TURNS] = sqlite3_column_double(st, 8);
		r->has[CS_INTENT_TURNS] = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(out);
		return cs_db_fail(db, "cannot read the bot's sessions", err);
	}
	*rows = out;
	*nrows = n;
	return 0;
}
