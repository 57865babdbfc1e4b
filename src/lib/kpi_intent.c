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

/*
 * A session's call: the one of its id that starts last, at most 10 s
 * after the session starts and at most two days before it (a call starts
 * at most a few hours before its session; an id names one call, the same
 * id days apart another).  The sessions and the calls are both read in
 * the order of their start (their tables' key) and merged: the calls of
 * the last two days are held in a table by id, so that memory holds two
 * days of calls whatever the database's size.  (A query that joined the
 * two took 0.4 s for a town's year, and a lookup of each session's call
 * in the calls table, 48 s.)
 */
#define WINDOW (2 * 86400)
#define LATE 10

/* A call of the window. */
struct call {
	struct call *next;		/* in its bucket */
	int64_t start;
	int bot;			/* outcome 'bot' */
	int escalated;
	int service;			/* index in the merge's services */
	char id[];
};

/* An intent's sums. */
struct isum {
	char *intent;
	double sessions, calls, bot, escalated, ct, ft, dur, turns;
};

struct merge {
	struct call **bucket;		/* calls by id */
	size_t nbucket;
	struct call **ring;		/* the same calls, oldest first */
	size_t rhead, rlen, rcap;
	char **services;		/* the calls' services, each once */
	size_t nservices, capservices;
	struct isum *sums;
	size_t nsums, capsums;
	int *slot;			/* sums by intent: index + 1, 0 empty */
	size_t nslot;
};

static uint64_t
hash(const char *s)
{
	uint64_t h = 1469598103934665603u;

	for (; *s != '\0'; s++)
		h = (h ^ (unsigned char)*s) * 1099511628211u;
	return h;
}

static int
grow(void *pp, size_t *cap, size_t need, size_t size)
{
	void **p = pp;
	size_t ncap = *cap ? *cap : 16;
	void *np;

	if (need <= *cap)
		return 0;
	while (ncap < need)
		ncap *= 2;
	if ((np = realloc(*p, ncap * size)) == NULL)
		return -1;
	*p = np;
	*cap = ncap;
	return 0;
}

/* The index of service s among m's, added if new; -1 out of memory. */
static int
service_index(struct merge *m, const char *s)
{
	for (size_t i = 0; i < m->nservices; i++)
		if (strcmp(m->services[i], s) == 0)
			return (int)i;
	if (grow(&m->services, &m->capservices, m->nservices + 1,
	    sizeof(*m->services)) != 0 ||
	    (m->services[m->nservices] = strdup(s)) == NULL)
		return -1;
	return (int)m->nservices++;
}

/* Adds the call of st's current row (start, id, outcome, escalated,
 * service) to the window. */
static int
call_add(struct merge *m, sqlite3_stmt *st)
{
	const char *id = (const char *)sqlite3_column_text(st, 1);
	const char *outcome = (const char *)sqlite3_column_text(st, 2);
	const char *service = (const char *)sqlite3_column_text(st, 4);
	size_t len = strlen(id != NULL ? id : "");
	struct call *c;
	size_t b;
	int si = service_index(m, service != NULL ? service : "");

	if (si < 0)
		return -1;
	if (m->rhead + m->rlen == m->rcap && m->rhead > 0) {
		/* the ring's room at its end used: its calls moved up front */
		memmove(m->ring, m->ring + m->rhead, m->rlen * sizeof(*m->ring));
		m->rhead = 0;
	}
	if (grow(&m->ring, &m->rcap, m->rlen + 1, sizeof(*m->ring)) != 0)
		return -1;
	if ((c = malloc(sizeof(*c) + len + 1)) == NULL)
		return -1;
	memcpy(c->id, id != NULL ? id : "", len + 1);
	c->start = sqlite3_column_int64(st, 0);
	c->bot = outcome != NULL && strcmp(outcome, "bot") == 0;
	c->escalated = sqlite3_column_int(st, 3) != 0;
	c->service = si;
	b = hash(c->id) & (m->nbucket - 1);
	c->next = m->bucket[b];
	m->bucket[b] = c;
	m->ring[m->rhead + m->rlen++] = c;
	return 0;
}

/* Forgets the calls that started before t. */
static void
calls_forget(struct merge *m, int64_t t)
{
	while (m->rlen > 0 && m->ring[m->rhead]->start < t) {
		struct call *c = m->ring[m->rhead], **pp;

		pp = &m->bucket[hash(c->id) & (m->nbucket - 1)];
		while (*pp != c)
			pp = &(*pp)->next;
		*pp = c->next;
		free(c);
		m->rhead++;
		m->rlen--;
	}
	if (m->rlen == 0)
		m->rhead = 0;
}

/* The latest call of the window named id, or NULL. */
static const struct call *
call_find(const struct merge *m, const char *id)
{
	/* a bucket holds its calls latest first */
	for (const struct call *c = m->bucket[hash(id) & (m->nbucket - 1)];
	    c != NULL; c = c->next)
		if (strcmp(c->id, id) == 0)
			return c;
	return NULL;
}

/* The sums of intent, added if new; NULL out of memory. */
static struct isum *
sum_find(struct merge *m, const char *intent)
{
	size_t i;

	if (m->nsums + 1 > m->nslot / 2) {
		size_t n = m->nslot ? 2 * m->nslot : 64;
		int *ns = calloc(n, sizeof(*ns));

		if (ns == NULL)
			return NULL;
		for (size_t k = 0; k < m->nsums; k++) {
			for (i = hash(m->sums[k].intent) & (n - 1); ns[i];
			    i = (i + 1) & (n - 1))
				;
			ns[i] = (int)k + 1;
		}
		free(m->slot);
		m->slot = ns;
		m->nslot = n;
	}
	for (i = hash(intent) & (m->nslot - 1); m->slot[i];
	    i = (i + 1) & (m->nslot - 1))
		if (strcmp(m->sums[m->slot[i] - 1].intent, intent) == 0)
			return &m->sums[m->slot[i] - 1];
	if (grow(&m->sums, &m->capsums, m->nsums + 1, sizeof(*m->sums)) != 0)
		return NULL;
	memset(&m->sums[m->nsums], 0, sizeof(*m->sums));
	if ((m->sums[m->nsums].intent = strdup(intent)) == NULL)
		return NULL;
	m->slot[i] = (int)++m->nsums;
	return &m->sums[m->nsums - 1];
}

static void
merge_free(struct merge *m)
{
	for (size_t i = 0; i < m->rlen; i++)
		free(m->ring[m->rhead + i]);
	free(m->ring);
	free(m->bucket);
	for (size_t i = 0; i < m->nservices; i++)
		free(m->services[i]);
	free(m->services);
	for (size_t i = 0; i < m->nsums; i++)
		free(m->sums[i].intent);
	free(m->sums);
	free(m->slot);
}

/* The most sessions first, then by intent. */
static int
by_sessions(const void *a, const void *b)
{
	const struct isum *x = a, *y = b;

	if (x->sessions != y->sessions)
		return x->sessions > y->sessions ? -1 : 1;
	return strcmp(x->intent, y->intent);
}

/* Merges the sessions of ss (in start order) with the calls of cs. */
static int
merge_run(struct merge *m, sqlite3_stmt *ss, sqlite3_stmt *cs,
    const struct cs_kpi_query *q, int *rc)
{
	int crc = sqlite3_step(cs);

	while ((*rc = sqlite3_step(ss)) == SQLITE_ROW) {
		int64_t start = sqlite3_column_int64(ss, 0);
		const char *day = (const char *)sqlite3_column_text(ss, 1);
		const char *id = (const char *)sqlite3_column_text(ss, 2);
		const char *intent = (const char *)sqlite3_column_text(ss, 3);
		const struct call *c = NULL;
		struct isum *s;

		if (day == NULL || (q->from != NULL && strcmp(day, q->from) < 0) ||
		    (q->to != NULL && strcmp(day, q->to) > 0))
			continue;
		for (; crc == SQLITE_ROW &&
		    sqlite3_column_int64(cs, 0) <= start + LATE;
		    crc = sqlite3_step(cs))
			if (call_add(m, cs) != 0)
				return -1;
		if (crc != SQLITE_ROW && crc != SQLITE_DONE) {
			*rc = crc;
			return 0;
		}
		calls_forget(m, start - WINDOW);
		if (id != NULL)
			c = call_find(m, id);
		if (q->service != NULL &&
		    (c == NULL || strcmp(m->services[c->service], q->service)))
			continue;
		if ((s = sum_find(m, intent != NULL ? intent : "")) == NULL)
			return -1;
		s->sessions++;
		if (c != NULL) {
			s->calls++;
			s->bot += c->bot;
			s->escalated += c->escalated;
		}
		s->ct += sqlite3_column_double(ss, 4);
		s->ft += sqlite3_column_double(ss, 5);
		s->dur += sqlite3_column_double(ss, 6);
		s->turns += sqlite3_column_double(ss, 7);
	}
	return 0;
}

int
cs_kpi_intents(struct cs_db *db, const struct cs_kpi_query *q,
    struct cs_intent_row **rows, size_t *nrows, struct cs_error *err)
{
	static const char ssql[] =
	    "SELECT start, day, call, intent, caller_turns, fallback_turns, "
	    "end - start, turns FROM bot_session WHERE start >= ?1 AND "
	    "start < ?2 ORDER BY start";
	static const char csql[] =
	    "SELECT start, id, outcome, escalated, service FROM calls "
	    "WHERE start >= ?1 AND start < ?2 ORDER BY start";
	sqlite3_stmt *ss = NULL, *cs = NULL;
	struct merge m;
	struct cs_intent_row *out = NULL;
	int64_t lo = day_instant(q->from, -1, INT64_MIN);
	int64_t hi = day_instant(q->to, 2, INT64_MAX);
	int rc = SQLITE_DONE;

	*rows = NULL;
	*nrows = 0;
	memset(&m, 0, sizeof(m));
	m.nbucket = 4096;
	if ((m.bucket = calloc(m.nbucket, sizeof(*m.bucket))) == NULL)
		return cs_error_set(err, "out of memory");
	if (cs_db_prepare(db, &ss, ssql, err) != 0 ||
	    cs_db_prepare(db, &cs, csql, err) != 0) {
		sqlite3_finalize(ss);
		merge_free(&m);
		return -1;
	}
	/* a day's sessions start within a day either side of its midnight
	   (day_instant's margin, whatever the zone); their calls, up to
	   WINDOW before */
	sqlite3_bind_int64(ss, 1, lo);
	sqlite3_bind_int64(ss, 2, hi);
	sqlite3_bind_int64(cs, 1, lo == INT64_MIN ? lo : lo - WINDOW);
	sqlite3_bind_int64(cs, 2, hi == INT64_MAX ? hi : hi + LATE);
	if (merge_run(&m, ss, cs, q, &rc) != 0) {
		sqlite3_finalize(ss);
		sqlite3_finalize(cs);
		merge_free(&m);
		return cs_error_set(err, "out of memory");
	}
	sqlite3_finalize(ss);
	sqlite3_finalize(cs);
	if (rc != SQLITE_DONE) {
		merge_free(&m);
		return cs_db_fail(db, "cannot read the bot's sessions", err);
	}
	if (m.nsums > 0 && (out = calloc(m.nsums, sizeof(*out))) == NULL) {
		merge_free(&m);
		return cs_error_set(err, "out of memory");
	}
	if (m.nsums > 1)
		qsort(m.sums, m.nsums, sizeof(*m.sums), by_sessions);
	for (size_t i = 0; i < m.nsums; i++) {
		const struct isum *s = &m.sums[i];
		struct cs_intent_row *r = &out[i];

		snprintf(r->intent, sizeof(r->intent), "%s",
		    *s->intent != '\0' ? s->intent : "(none)");
		r->v[CS_INTENT_SESSIONS] = s->sessions;
		r->has[CS_INTENT_SESSIONS] = 1;
		r->v[CS_INTENT_CALLS] = s->calls;
		r->has[CS_INTENT_CALLS] = 1;
		ratio(r, CS_INTENT_CONTAINMENT_RATE, s->bot, s->calls);
		ratio(r, CS_INTENT_ESCALATION_RATE, s->escalated, s->calls);
		ratio(r, CS_INTENT_FALLBACK_RATE, s->ft, s->ct);
		r->v[CS_INTENT_HANDLING_TIME] = s->dur / s->sessions;
		r->has[CS_INTENT_HANDLING_TIME] = 1;
		r->v[CS_INTENT_TURNS] = s->turns / s->sessions;
		r->has[CS_INTENT_TURNS] = 1;
	}
	*rows = out;
	*nrows = m.nsums;
	merge_free(&m);
	return 0;
}
