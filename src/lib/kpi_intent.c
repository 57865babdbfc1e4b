/*
 * kpi_intent.c: the figures of the bot's sessions per intent
 * (kpi_intent.h), read from bot_session and the calls they were linked to.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kpi_intent.h"

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

int
cs_kpi_intents(struct cs_db *db, const struct cs_kpi_query *q,
    struct cs_intent_row **rows, size_t *nrows, struct cs_error *err)
{
	/* a session's call: the one of that id starting nearest before it
	   (an id names one call; the same id days apart, another) */
	static const char sql[] =
	    "SELECT s.intent, count(*), count(c.id), "
	    "coalesce(sum(c.outcome = 'bot'), 0), "
	    "coalesce(sum(c.escalated), 0), sum(s.caller_turns), "
	    "sum(s.fallback_turns), avg(s.end - s.start), avg(s.turns) "
	    "FROM bot_session s LEFT JOIN calls c ON c.id = s.call AND "
	    "c.start = (SELECT max(start) FROM calls WHERE id = s.call AND "
	    "start <= s.start + 10) "
	    "WHERE (?1 IS NULL OR s.day >= ?1) AND (?2 IS NULL OR s.day <= ?2) "
	    "AND (?3 IS NULL OR c.service = ?3) "
	    "GROUP BY s.intent ORDER BY count(*) DESC, s.intent";
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
