#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "hist.h"
#include "kpi.h"
#include "lacks.h"
#include "tables.h"

static const struct {
	const char *name;
	enum cs_col_kind kind;
	const char *definition;	/* callstat-kpi(7)'s, in one line */
} figs[CS_KPI_NFIGS] = {
	{ "offered", CS_COL_COUNT,
	    "calls counted (in hours unless told otherwise), short ones left out" },
	{ "answered", CS_COL_COUNT,
	    "calls answered by a person or the bot: outcome agent or bot" },
	{ "answer_rate", CS_COL_RATE,
	    "answered / offered" },
	{ "needed_agent", CS_COL_COUNT,
	    "calls offered to a person: a leg towards a person or queue, or a queue entry" },
	{ "agent_answer_rate", CS_COL_RATE,
	    "agent / needed_agent" },
	{ "agent", CS_COL_COUNT,
	    "calls a person answered: outcome agent" },
	{ "bot", CS_COL_COUNT,
	    "calls the bot answered and did not hand over: outcome bot" },
	{ "abandoned", CS_COL_COUNT,
	    "calls whose caller hung up before anyone answered" },
	{ "abandon_rate", CS_COL_RATE,
	    "abandoned / offered" },
	{ "missed", CS_COL_COUNT,
	    "calls the PBX gave up: timeout, busy, congestion, failure, empty queue" },
	{ "voicemail", CS_COL_COUNT,
	    "calls met only by a voicemail box or announcements" },
	{ "short", CS_COL_COUNT,
	    "abandoned calls of at most short_abandon seconds, never in offered" },
	{ "asa", CS_COL_SECONDS,
	    "mean wait of the answered calls, in seconds" },
	{ "wait_p50", CS_COL_SECONDS,
	    "median wait of the answered calls, in seconds" },
	{ "wait_p90", CS_COL_SECONDS,
	    "90th percentile of the wait of the answered calls, in seconds" },
	{ "human_wait_p90", CS_COL_SECONDS,
	    "90th percentile of the wait for a person of the agent calls, in seconds" },
	{ "service_level", CS_COL_RATE,
	    "answered calls whose wait is at most service_level seconds / offered" },
	{ "service_level_answered", CS_COL_RATE,
	    "answered calls whose wait is at most service_level seconds / answered" },
	{ "abandon_wait", CS_COL_SECONDS,
	    "mean seconds before the caller hung up, over the abandoned calls" },
	{ "talk", CS_COL_SECONDS,
	    "mean seconds people spent on an agent call" },
	{ "bot_sessions", CS_COL_COUNT,
	    "calls the bot answered" },
	{ "escalated", CS_COL_COUNT,
	    "calls the bot answered and then handed to people" },
	{ "escalation_rate", CS_COL_RATE,
	    "escalated / bot_sessions" },
	{ "containment_rate", CS_COL_RATE,
	    "bot / bot_sessions" },
	{ "containment_24h", CS_COL_RATE,
	    "bot calls whose caller did not call again within 24 h / bot_sessions" },
	{ "escalation_answer_rate", CS_COL_RATE,
	    "escalated calls a person answered / escalated" },
	{ "repeat_24h", CS_COL_RATE,
	    "share of the calls whose caller had called the service in the 24 h before" },
	{ "lost", CS_COL_COUNT,
	    "calls abandoned or missed" },
	{ "callback_2h", CS_COL_RATE,
	    "share of the lost calls whose caller called again, answered, within 2 h" },
	{ "callback_24h", CS_COL_RATE,
	    "share of the lost calls whose caller called again, answered, within 24 h" },
};

const char *
cs_kpi_name(enum cs_kpi_fig f)
{
	return figs[f].name;
}

enum cs_col_kind
cs_kpi_kind(enum cs_kpi_fig f)
{
	return figs[f].kind;
}

const char *
cs_kpi_definition(enum cs_kpi_fig f)
{
	return figs[f].definition;
}

static const char *
period_column(const struct cs_kpi_query *q)
{
	static const char *const cols[] = {
		"day", "week", "substr(day, 1, 7)", "substr(day, 1, 4)"
	};

	return q->by_period ? cols[q->period] : "''";
}

/* The WHERE clause of a query's filters. */
static void
filters(char *where, size_t n, const struct cs_kpi_query *q)
{
	snprintf(where, n, "WHERE 1%s%s%s%s%s",
	    q->hours == CS_KPI_IN_HOURS ? " AND in_hours = 1" :
	    q->hours == CS_KPI_OUT_OF_HOURS ? " AND in_hours = 0" : "",
	    q->from != NULL ? " AND day >= :from" : "",
	    q->to != NULL ? " AND day <= :to" : "",
	    q->service != NULL ? " AND service = :service" : "",
	    q->months != 0 ?
	    " AND (:months >> CAST(substr(day, 6, 2) AS INTEGER)) & 1" : "");
}

/* Builds "SELECT g1, g2, <what> FROM table WHERE <filters> GROUP BY 1, 2
 * <tail>". */
static void
build_sql(char *sql, size_t n, const struct cs_kpi_query *q, const char *what,
    const char *table, const char *tail)
{
	char where[512];

	filters(where, sizeof(where), q);
	snprintf(sql, n, "SELECT %s, %s, %s FROM %s %s GROUP BY 1, 2 %s",
	    q->by_service ? "service" : "''", period_column(q), what, table,
	    where, tail);
}

static void
bind_query(sqlite3_stmt *st, const struct cs_kpi_query *q)
{
	int i;

	if ((i = sqlite3_bind_parameter_index(st, ":from")) > 0)
		sqlite3_bind_text(st, i, q->from, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":to")) > 0)
		sqlite3_bind_text(st, i, q->to, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":service")) > 0)
		sqlite3_bind_text(st, i, q->service, -1, SQLITE_STATIC);
	if ((i = sqlite3_bind_parameter_index(st, ":months")) > 0)
		sqlite3_bind_int64(st, i, (sqlite3_int64)q->months);
}

double
cs_kpi_percentile(const long *secs, const long *counts, size_t n, long total,
    int p)
{
	/* nearest rank ceil(p * total / 100), in integers (callstat-kpi(7)) */
	long rank = ((long)p * total + 99) / 100, seen = 0;

	if (rank < 1)
		rank = 1;
	for (size_t i = 0; i < n; i++) {
		seen += counts[i];
		if (seen >= rank)
			return (double)(secs != NULL ? secs[i] : (long)i);
	}
	return n > 0 ? (double)(secs != NULL ? secs[n - 1] : (long)n - 1) : 0;
}

static void
set(struct cs_kpi_row *r, enum cs_kpi_fig f, double v)
{
	r->v[f] = v;
	r->has[f] = 1;
}

static void
ratio(struct cs_kpi_row *r, enum cs_kpi_fig f, double num, double den)
{
	r->num[f] = num;
	r->den[f] = den;
	if (den > 0)
		set(r, f, num / den);
}

static void
figures(struct cs_kpi_row *r, const double *s)
{
	set(r, CS_KPI_OFFERED, s[CS_SUM_OFFERED]);
	set(r, CS_KPI_ANSWERED, s[CS_SUM_ANSWERED]);
	ratio(r, CS_KPI_ANSWER_RATE, s[CS_SUM_ANSWERED], s[CS_SUM_OFFERED]);
	set(r, CS_KPI_NEEDED_AGENT, s[CS_SUM_NEEDED]);
	ratio(r, CS_KPI_AGENT_ANSWER_RATE, s[CS_SUM_AGENT], s[CS_SUM_NEEDED]);
	set(r, CS_KPI_AGENT, s[CS_SUM_AGENT]);
	set(r, CS_KPI_BOT, s[CS_SUM_BOT]);
	set(r, CS_KPI_ABANDONED, s[CS_SUM_ABANDONED]);
	ratio(r, CS_KPI_ABANDON_RATE, s[CS_SUM_ABANDONED], s[CS_SUM_OFFERED]);
	set(r, CS_KPI_MISSED, s[CS_SUM_MISSED]);
	set(r, CS_KPI_VOICEMAIL, s[CS_SUM_VOICEMAIL]);
	set(r, CS_KPI_SHORT, s[CS_SUM_SHORT]);
	ratio(r, CS_KPI_ASA, s[CS_SUM_WAIT], s[CS_SUM_ANSWERED]);
	ratio(r, CS_KPI_SERVICE_LEVEL, s[CS_SUM_SL], s[CS_SUM_OFFERED]);
	ratio(r, CS_KPI_SERVICE_LEVEL_ANSWERED, s[CS_SUM_SL], s[CS_SUM_ANSWERED]);
	ratio(r, CS_KPI_ABANDON_WAIT, s[CS_SUM_ABANDON_WAIT], s[CS_SUM_ABANDONED]);
	ratio(r, CS_KPI_TALK, s[CS_SUM_TALK], s[CS_SUM_AGENT]);
	set(r, CS_KPI_BOT_SESSIONS, s[CS_SUM_BOT_SESSIONS]);
	set(r, CS_KPI_ESCALATED, s[CS_SUM_ESCALATED]);
	ratio(r, CS_KPI_ESCALATION_RATE, s[CS_SUM_ESCALATED], s[CS_SUM_BOT_SESSIONS]);
	ratio(r, CS_KPI_CONTAINMENT_RATE, s[CS_SUM_BOT], s[CS_SUM_BOT_SESSIONS]);
	ratio(r, CS_KPI_CONTAINMENT_24H, s[CS_SUM_CONTAIN_NUM], s[CS_SUM_CONTAIN_DEN]);
	ratio(r, CS_KPI_ESCALATION_ANSWER_RATE, s[CS_SUM_ESCALATED_AGENT],
	    s[CS_SUM_ESCALATED]);
	ratio(r, CS_KPI_REPEAT_24H, s[CS_SUM_REPEAT_NUM], s[CS_SUM_REPEAT_DEN]);
	set(r, CS_KPI_LOST, s[CS_SUM_LOST]);
	ratio(r, CS_KPI_CALLBACK_2H, s[CS_SUM_CALLBACK2], s[CS_SUM_CALLBACK_DEN]);
	ratio(r, CS_KPI_CALLBACK_24H, s[CS_SUM_CALLBACK24], s[CS_SUM_CALLBACK_DEN]);
}

/* A service's place in the output: the configuration's order, then
 * "other", then any service the configuration no longer has. */
static int
service_rank(const struct cs_config *cfg, const char *name)
{
	int i;

	if (*name == '\0')
		return -1;
	i = cs_config_service(cfg, name);
	if (i >= 0)
		return i;
	return (int)cfg->nservices + (strcmp(name, "other") == 0 ? 0 : 1);
}

/* For qsort_r(): the configuration comes as the argument, not through a
 * global, so that threads can compute figures at once. */
static int
cmp_row(const void *pa, const void *pb, void *cfg)
{
	const struct cs_kpi_row *a = pa, *b = pb;
	int ra = service_rank(cfg, a->service), rb = service_rank(cfg, b->service);

	if (ra != rb)
		return ra - rb;
	if (strcmp(a->service, b->service) != 0)
		return strcmp(a->service, b->service);
	return strcmp(a->period, b->period);
}

static struct cs_kpi_row *
find_row(struct cs_kpi_row *rows, size_t n, const char *service,
    const char *period)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(rows[i].service, service) == 0 &&
		    strcmp(rows[i].period, period) == 0)
			return &rows[i];
	return NULL;
}

static const char *
col_text(sqlite3_stmt *st, int c)
{
	const unsigned char *t = sqlite3_column_text(st, c);

	return t != NULL ? (const char *)t : "";
}

/*
 * Percentiles of the wait histograms.  The rows of wait_hist are read in
 * their stored order and merged here per output row and metric: a sort of
 * a million rows by SQLite would cost more than the whole rest.
 */
static int
percentiles(struct cs_db *db, const struct cs_kpi_query *q,
    struct cs_kpi_row *rows, size_t nrows, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char sql[2048], where[512];
	struct cs_hist *h = NULL;
	struct cs_kpi_row *last = NULL;
	char last_s[64] = "", last_p[16] = "";
	int rc, ret = -1;

	if (nrows == 0)
		return 0;
	if ((h = calloc(2 * nrows, sizeof(*h))) == NULL)
		return cs_error_set(err, "out of memory");
	filters(where, sizeof(where), q);
	snprintf(sql, sizeof(sql), "SELECT %s, %s, metric, secs, n FROM wait_hist %s",
	    q->by_service ? "service" : "''", period_column(q), where);
	if (cs_db_prepare(db, &st, sql, err) != 0)
		goto out;
	bind_query(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *sv = col_text(st, 0), *pd = col_text(st, 1);
		int m = sqlite3_column_int(st, 2) != 0;

		/* rows come day by day and service by service: the same row
		   as the last one, mostly */
		if (last == NULL || strcmp(sv, last_s) != 0 || strcmp(pd, last_p) != 0) {
			last = find_row(rows, nrows, sv, pd);
			snprintf(last_s, sizeof(last_s), "%s", sv);
			snprintf(last_p, sizeof(last_p), "%s", pd);
		}
		if (last == NULL)
			continue;	/* a group with no counted call */
		if (cs_hist_add(&h[2 * (size_t)(last - rows) + (size_t)m],
		    (long)sqlite3_column_int64(st, 3),
		    (long)sqlite3_column_int64(st, 4)) != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(db, "cannot read the wait histograms", err);
		goto out;
	}
	for (size_t r = 0; r < nrows; r++) {
		if (h[2 * r].total > 0) {
			set(&rows[r], CS_KPI_WAIT_P50, cs_kpi_percentile(NULL, h[2 * r].counts,
			    (size_t)h[2 * r].n, h[2 * r].total, 50));
			set(&rows[r], CS_KPI_WAIT_P90, cs_kpi_percentile(NULL, h[2 * r].counts,
			    (size_t)h[2 * r].n, h[2 * r].total, 90));
		}
		if (h[2 * r + 1].total > 0)
			set(&rows[r], CS_KPI_HUMAN_WAIT_P90,
			    cs_kpi_percentile(NULL, h[2 * r + 1].counts,
			    (size_t)h[2 * r + 1].n, h[2 * r + 1].total, 90));
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	for (size_t i = 0; h != NULL && i < 2 * nrows; i++)
		free(h[i].counts);
	free(h);
	return ret;
}

/*
 * Empties the figures that a phone system of a row's days cannot carry
 * (lacks.h).  One question first, of the whole database: most hold no
 * such format, and nothing more is asked; else each row's days are, the
 * rows of the same days one after the other asking once.
 */
static int
lacked(struct cs_db *db, struct cs_kpi_row *rows, size_t n,
    struct cs_error *err)
{
	struct cs_lack l[CS_LACKS_MAX];
	const char *from = NULL, *to = NULL;
	int nl = 0;

	if (n == 0)
		return 0;
	if (cs_lacks_days(db, NULL, NULL, l, &nl, err) != 0)
		return -1;
	if (nl == 0)
		return 0;
	for (size_t r = 0; r < n; r++) {
		struct cs_kpi_row *k = &rows[r];

		if (from == NULL || strcmp(from, k->first) != 0 ||
		    strcmp(to, k->last) != 0) {
			from = k->first;
			to = k->last;
			if (cs_lacks_days(db, from, to, l, &nl, err) != 0)
				return -1;
		}
		for (int i = 0; i < nl; i++)
			for (int f = 0; f < CS_KPI_NFIGS; f++)
				if (cs_lacks_has(l[i].f->lacks, figs[f].name)) {
					k->has[f] = 0;
					k->v[f] = k->num[f] = k->den[f] = 0;
				}
	}
	return 0;
}

int
cs_kpi_compute(struct cs_db *db, const struct cs_config *cfg,
    const struct cs_kpi_query *q, struct cs_kpi_row **rowsp, size_t *nrowsp,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	char sql[4096], *sums;
	struct cs_kpi_row *rows = NULL;
	size_t n = 0, cap = 0;
	int rc, ret = -1;

	*rowsp = NULL;
	*nrowsp = 0;
	/* the sums of daily, in enum cs_daily_sum's order (tables.h) */
	if ((sums = cs_tabledef_sums(&cs_table_daily, CS_DAILY_FIRST_SUM)) == NULL)
		return cs_error_set(err, "out of memory");
	{
		char what[2048];

		snprintf(what, sizeof(what), "min(day), max(day), %s", sums);
		build_sql(sql, sizeof(sql), q, what, "daily",
		    "HAVING sum(offered) + sum(short) > 0");
	}
	free(sums);
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	bind_query(st, q);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		double s[CS_SUM_N];
		struct cs_kpi_row *r;

		if (n == cap) {
			size_t nc = cap ? 2 * cap : 64;
			struct cs_kpi_row *nr = realloc(rows, nc * sizeof(*nr));

			if (nr == NULL) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			rows = nr;
			cap = nc;
		}
		r = &rows[n++];
		memset(r, 0, sizeof(*r));
		snprintf(r->service, sizeof(r->service), "%s", col_text(st, 0));
		snprintf(r->period, sizeof(r->period), "%s", col_text(st, 1));
		snprintf(r->first, sizeof(r->first), "%s", col_text(st, 2));
		snprintf(r->last, sizeof(r->last), "%s", col_text(st, 3));
		for (int i = 0; i < CS_SUM_N; i++)
			s[i] = sqlite3_column_double(st, 4 + i);
		figures(r, s);
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(db, "cannot read the daily totals", err);
		goto out;
	}
	if (percentiles(db, q, rows, n, err) != 0 ||
	    lacked(db, rows, n, err) != 0)
		goto out;
	if (n > 1)
		qsort_r(rows, n, sizeof(*rows), cmp_row, (void *)cfg);
	*rowsp = rows;
	*nrowsp = n;
	rows = NULL;
	ret = 0;
out:
	sqlite3_finalize(st);
	free(rows);
	return ret;
}
