/*
 * check_quality.c: the data-quality findings of callstat-check(1)
 * (check_int.h): days without calls between busy days (gaps.h), calls
 * stored twice, a file's clock set back, calls no service matched, and
 * queue_log calls the CDRs lack.  The man page defines each; the
 * thresholds are here.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "check_int.h"
#include "gaps.h"
#include "phone.h"
#include "readers/format.h"
#include "timeutil.h"

/* A run of days without calls is a gap when the same weekday a week
 * before it and a week after it were each offered at least this many: a
 * day with eight calls on average goes without any one time in 3000
 * (e^-8), a Saturday that has a few calls is often empty. */
#define GAP_BUSY	8

/* A record earlier than the one on its file's line before by more than
 * this (seconds): the hour repeated when summer time ends stays below. */
#define CLOCK_BACK	3600

/* A file's records this long (seconds) before and after the days asked
 * for are read, for the record before each of theirs: a clock set back
 * by more than a week shows when the days checked take in both sides. */
#define CLOCK_AROUND	(7 * 86400)

int
cs_check_list_add(struct cs_check_list *l, enum cs_check_kind kind,
    const char *day, const char *subject, const char *fmt, ...)
{
	struct cs_check_kept *k;
	va_list ap;

	if (l->n == l->cap) {
		size_t cap = l->cap ? 2 * l->cap : 32;
		struct cs_check_kept *nf = realloc(l->f, cap * sizeof(*nf));

		if (nf == NULL)
			return -1;
		l->f = nf;
		l->cap = cap;
	}
	k = &l->f[l->n];
	k->kind = kind;
	k->seq = l->n++;
	snprintf(k->day, sizeof(k->day), "%s", day != NULL ? day : "");
	snprintf(k->subject, sizeof(k->subject), "%s",
	    subject != NULL ? subject : "");
	va_start(ap, fmt);
	vsnprintf(k->detail, sizeof(k->detail), fmt, ap);
	va_end(ap);
	return 0;
}

static int
kept_cmp(const void *a, const void *b)
{
	const struct cs_check_kept *x = a, *y = b;
	int c = strcmp(x->day, y->day);

	if (c != 0)
		return c;
	if (x->kind != y->kind)
		return x->kind < y->kind ? -1 : 1;
	return x->seq < y->seq ? -1 : x->seq > y->seq;
}

void
cs_check_list_sort(struct cs_check_list *l)
{
	if (l->n > 1)
		qsort(l->f, l->n, sizeof(*l->f), kept_cmp);
}

void
cs_check_list_release(struct cs_check_list *l)
{
	free(l->f);
	memset(l, 0, sizeof(*l));
}

/* What the checks work on. */
struct qc {
	struct cs_db *db;
	const struct cs_config *cfg;
	const char *from, *to;		/* days, NULL: unbounded */
	int64_t t0, t1;			/* their instants, [t0, t1) */
	struct cs_check_list *l;
	struct cs_error *err;
};

static void
day_of(int64_t t, char *buf, size_t size)
{
	struct cs_datetime dt;

	cs_utc_to_local(t, &dt, NULL);
	snprintf(buf, size, "%04d-%02d-%02d", dt.year, dt.mon, dt.mday);
}

static void
time_of(int64_t t, char *buf, size_t size)
{
	struct cs_datetime dt;

	cs_utc_to_local(t, &dt, NULL);
	snprintf(buf, size, "%04d-%02d-%02d %02d:%02d:%02d", dt.year, dt.mon,
	    dt.mday, dt.hour, dt.min, dt.sec);
}

/* The instant a local day starts (next: the day after it). */
static int
day_start(const char *s, int next, int64_t *t, struct cs_error *err)
{
	struct cs_datetime dt;
	int64_t out[2];

	if (cs_date_parse(s, &dt) != 0)
		return cs_error_set(err, "'%s': not a day: write YYYY-MM-DD", s);
	cs_local_to_utc(&dt, out);
	*t = next ? cs_local_midnight(out[0], 1) : out[0];
	return 0;
}

static int
nomem(struct qc *q)
{
	return cs_error_set(q->err, "out of memory");
}

/* A file's line as "PATH:LINE" (the path as it was imported). */
static int
where(struct qc *q, int64_t source, int64_t line, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, "SELECT path FROM sources WHERE id = ?1",
	    q->err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, source);
	rc = sqlite3_step(st);
	snprintf(buf, size, "%s:%lld", rc == SQLITE_ROW &&
	    sqlite3_column_text(st, 0) != NULL ?
	    (const char *)sqlite3_column_text(st, 0) : "?", (long long)line);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cs_db_fail(q->db, "cannot read the files imported", q->err);
	return 0;
}

/* ---- gaps ---- */

struct runs {
	struct cs_gap *g;
	size_t n, cap;
};

static int
run_keep(void *arg, const struct cs_gap *g)
{
	struct runs *r = arg;

	if (r->n == r->cap) {
		size_t cap = r->cap ? 2 * r->cap : 16;
		struct cs_gap *ng = realloc(r->g, cap * sizeof(*ng));

		if (ng == NULL)
			return -1;
		r->g = ng;
		r->cap = cap;
	}
	r->g[r->n++] = *g;
	return 0;
}

/* The calls offered on the day around instant t. */
static int
offered(struct qc *q, int64_t t, int64_t *n)
{
	sqlite3_stmt *st = NULL;
	char day[16];
	int rc;

	day_of(t, day, sizeof(day));
	if (cs_db_prepare(q->db, &st, "SELECT total(offered) FROM daily WHERE "
	    "day = ?1", q->err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(q->db, "cannot read the daily sums", q->err);
	return 0;
}

/* The nearest day with calls before day (after: after it), and the calls
 * offered that day; *day "" when there is none. */
static int
neighbour(struct qc *q, const char *day, int after, char *nday, size_t size,
    int64_t *n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, after ?
	    "SELECT day, total(offered) FROM daily WHERE day > ?1 GROUP BY day "
	    "ORDER BY day LIMIT 1" :
	    "SELECT day, total(offered) FROM daily WHERE day < ?1 GROUP BY day "
	    "ORDER BY day DESC LIMIT 1", q->err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, day, -1, SQLITE_STATIC);
	*nday = '\0';
	*n = 0;
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		snprintf(nday, size, "%s", (const char *)sqlite3_column_text(st, 0));
		*n = sqlite3_column_int64(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cs_db_fail(q->db, "cannot read the daily sums", q->err);
	return 0;
}

/*
 * Runs of days a service was open with no call (gaps.h), inside the days
 * the database holds (days with calls on both sides), when their
 * weekdays are busy ones: the same weekday a week before the run's first
 * day and a week after its last each had GAP_BUSY calls offered.
 */
static int
gaps(struct qc *q)
{
	sqlite3_stmt *st = NULL;
	struct runs r = { NULL, 0, 0 };
	char lo[16] = "", hi[16] = "";
	int64_t t0 = 0, t1 = 0;
	int rc = -1, step;

	if (cs_db_prepare(q->db, &st, "SELECT min(day), max(day) FROM daily",
	    q->err) != 0)
		return -1;
	if ((step = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(lo, sizeof(lo), "%s", sqlite3_column_text(st, 0));
		snprintf(hi, sizeof(hi), "%s", sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (step != SQLITE_ROW)
		return cs_db_fail(q->db, "cannot read the daily sums", q->err);
	if (*lo == '\0')
		return 0;
	if (q->from != NULL && strcmp(q->from, lo) > 0)
		snprintf(lo, sizeof(lo), "%s", q->from);
	if (q->to != NULL && strcmp(q->to, hi) < 0)
		snprintf(hi, sizeof(hi), "%s", q->to);
	if (strcmp(lo, hi) > 0)
		return 0;
	if (day_start(lo, 0, &t0, q->err) != 0 ||
	    day_start(hi, 1, &t1, q->err) != 0)
		return -1;
	if (cs_gaps_find(q->db, q->cfg, t0, t1,
	    cs_local_midnight((int64_t)time(NULL), 0), NULL, run_keep, &r,
	    q->err) != 0)
		goto out;
	for (size_t i = 0; i < r.n; i++) {
		char a[16], b[16], subject[40], before[16], after[16];
		int64_t nb, na, wb, wa;

		day_of(r.g[i].first, a, sizeof(a));
		day_of(r.g[i].last, b, sizeof(b));
		/* noon, a week away: summer time moves midnights an hour */
		if (neighbour(q, a, 0, before, sizeof(before), &nb) != 0 ||
		    neighbour(q, b, 1, after, sizeof(after), &na) != 0 ||
		    offered(q, r.g[i].first + 43200 - 7 * 86400, &wb) != 0 ||
		    offered(q, r.g[i].last + 43200 + 7 * 86400, &wa) != 0)
			goto out;
		if (*before == '\0' || *after == '\0' || wb < GAP_BUSY ||
		    wa < GAP_BUSY)
			continue;
		if (strcmp(a, b) == 0)
			snprintf(subject, sizeof(subject), "%s", a);
		else
			snprintf(subject, sizeof(subject), "%s/%s", a, b);
		if (cs_check_list_add(q->l, CS_CHECK_GAP, a, subject,
		    "no call on %ld %s a service was open, between %lld calls "
		    "on %s and %lld on %s (and %lld and %lld the same weekday "
		    "a week before and after): the phone system did not log, "
		    "or its log of %s was not imported; find it and import it",
		    r.g[i].ndays, r.g[i].ndays == 1 ? "day" : "days",
		    (long long)nb, before, (long long)na, after,
		    (long long)wb, (long long)wa,
		    r.g[i].ndays == 1 ? "that day" : "those days") != 0) {
			nomem(q);
			goto out;
		}
	}
	rc = 0;
out:
	free(r.g);
	return rc;
}

/* ---- duplicates ---- */

#define RANGE(x) "(?1 IS NULL OR " x " >= ?1) AND (?2 IS NULL OR " x " <= ?2)"

/*
 * Two calls of the same known caller that start in the same second and
 * end in the same second, in the same direction and service, under two
 * ids: the same call read twice from logs that give it different keys.
 * The join goes through the calls' primary key (their start).
 */
static int
duplicates(struct qc *q)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, "SELECT a.day, count(*), min(b.id), "
	    "min(a.id) FROM calls a JOIN calls b ON b.start = a.start AND "
	    "b.id > a.id AND b.caller = a.caller AND b.end = a.end AND "
	    "b.service = a.service AND b.direction = a.direction "
	    "WHERE a.caller <> '' AND " RANGE("a.day") " GROUP BY a.day "
	    "ORDER BY a.day", q->err) != 0)
		return -1;
	if (q->from != NULL)
		sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	if (q->to != NULL)
		sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *day = (const char *)sqlite3_column_text(st, 0);
		int64_t n = sqlite3_column_int64(st, 1);
		const char *b = (const char *)sqlite3_column_text(st, 2);
		const char *a = (const char *)sqlite3_column_text(st, 3);

		if (cs_check_list_add(q->l, CS_CHECK_DUPLICATE, day, b,
		    "%lld %s stored twice under two ids (call %s is one, call "
		    "%s another): same caller, start, end, direction and "
		    "service; a log was imported twice with its keys changed, "
		    "or the phone system wrote the call twice: import each "
		    "call's log once", (long long)n, n == 1 ? "call looks" :
		    "calls look", b != NULL ? b : "?", a != NULL ? a : "?") !=
		    0) {
			sqlite3_finalize(st);
			return nomem(q);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "cannot look for calls stored twice",
		    q->err);
	return 0;
}

/* ---- clock jumps ---- */

/* The column of t that says when a record was written: its end when it
 * has one (a CDR is written when its call ends), else its first. */
static const char *
written(const struct cs_tabledef *t)
{
	for (int i = 0; i < t->ncols; i++)
		if (strcmp(t->col[i].name, "end") == 0)
			return "\"end\"";
	return t->col[0].name;
}

/*
 * What names a record's call in table t, for the tables whose records a
 * phone system writes when the whole call ends (Asterisk writes every CDR
 * of a call at its end: a call of more than an hour puts its first
 * legs' ends an hour before the record above them), or NULL.
 */
static const char *
call_of(const struct cs_tabledef *t)
{
	static const char *const by[][2] = {
		{ "cdr", "coalesce(nullif(linkedid, ''), uniqueid)" },
		{ "generic_csv", "call_id" },
		{ "fs_cdr", "coalesce(nullif(originating_leg_uuid, ''), "
		    "nullif(cc_member_session_uuid, ''), uuid)" },
	};

	for (size_t i = 0; i < sizeof(by) / sizeof(by[0]); i++)
		if (strcmp(t->name, by[i][0]) == 0)
			return by[i][1];
	return NULL;
}

static int
clock_table(struct qc *q, const struct cs_tabledef *t)
{
	sqlite3_stmt *st = NULL;
	const char *w = written(t), *call = call_of(t);
	char sql[1024], when[160];
	int rc;

	/* a record's time: its call's last end where the table names the
	   call (every record of a call is written when it ends), else its
	   own */
	if (call != NULL)
		snprintf(when, sizeof(when), "max(%s) OVER (PARTITION BY %s, "
		    "%s)", w, t->col[2].name, call);
	else
		snprintf(when, sizeof(when), "%s", w);
	/* every file's records in its lines' order: a window over the
	   table, sorted once; of the days asked for and a week either side
	   (by the key's time: a range of the table) */
	snprintf(sql, sizeof(sql), "SELECT source, line, at, pline, pat FROM "
	    "(SELECT source, line, at, lag(line) OVER w pline, lag(at) OVER w "
	    "pat FROM (SELECT %s source, %s line, %s at FROM %s WHERE %s >= "
	    "?1 - %d AND %s < ?2 + %d) WINDOW w AS (PARTITION BY source ORDER "
	    "BY line, at)) WHERE pat - at > %d AND at >= ?1 AND at < ?2 "
	    "ORDER BY at", t->col[2].name, t->col[3].name, when, t->name,
	    t->col[0].name, CLOCK_AROUND, t->col[0].name, CLOCK_AROUND,
	    CLOCK_BACK);
	if (cs_db_prepare(q->db, &st, sql, q->err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, q->t0);
	sqlite3_bind_int64(st, 2, q->t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t at = sqlite3_column_int64(st, 2);
		int64_t pat = sqlite3_column_int64(st, 4), back = pat - at;
		char day[16], subject[256], a[32], b[32];

		if (where(q, sqlite3_column_int64(st, 0),
		    sqlite3_column_int64(st, 1), subject, sizeof(subject)) != 0) {
			sqlite3_finalize(st);
			return -1;
		}
		day_of(at, day, sizeof(day));
		time_of(at, a, sizeof(a));
		time_of(pat, b, sizeof(b));
		if (cs_check_list_add(q->l, CS_CHECK_CLOCK, day, subject,
		    "its time, %s, is %lld h %02lld min before that of line "
		    "%lld (%s): the phone system's clock was set back, or the "
		    "file was put together out of order; check the clock "
		    "(NTP) and the file", a, (long long)(back / 3600),
		    (long long)(back % 3600 / 60),
		    (long long)sqlite3_column_int64(st, 3), b) != 0) {
			sqlite3_finalize(st);
			return nomem(q);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "cannot look for clock jumps", q->err);
	return 0;
}

/* Each table of the phone system's records once (a bot's exports need
 * not be in time order). */
static int
clock_jumps(struct qc *q)
{
	const struct cs_tabledef *done[32];
	int ndone = 0;

	for (int i = 0; cs_formats[i] != NULL; i++) {
		const struct cs_format *f = cs_formats[i];
		int seen = 0;

		if (f->table == NULL || f->table->ncols < 4 ||
		    (f->piece != CS_PIECE_LEG && f->piece != CS_PIECE_QEVENT))
			continue;
		for (int j = 0; j < ndone; j++)
			seen |= done[j] == f->table;
		if (seen || ndone == 32)
			continue;
		done[ndone++] = f->table;
		if (clock_table(q, f->table) != 0)
			return -1;
	}
	return 0;
}

/* ---- calls no service matched ---- */

/*
 * The inbound calls of service other, by the queue that took them or
 * else the number dialled, as the Asterisk records keep them (a number
 * no did: term names is kept masked, so its first record is named for
 * the user to read it there); the calls of other phone systems' records
 * are counted together, subject "?".
 */
static int
unmatched(struct qc *q)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, "WITH o AS MATERIALIZED (SELECT "
	    "c.day, c.start, c.id, (SELECT queue FROM queue_log g WHERE "
	    "g.time >= c.start AND g.time <= c.end AND g.callid = c.id AND "
	    "g.queue <> 'NONE' ORDER BY g.time LIMIT 1) queue, (SELECT "
	    "d.dst || char(1) || d.source || char(1) || d.line FROM cdr d "
	    "WHERE d.start >= c.start AND d.start <= c.end AND (d.uniqueid = "
	    "c.id OR d.linkedid = c.id) ORDER BY d.start LIMIT 1) leg "
	    "FROM calls c WHERE c.service = 'other' AND c.direction = "
	    "'inbound' AND " RANGE("c.day") ") "
	    /* one min(): the other columns are those of its row */
	    "SELECT min(start), count(*), queue, dst, leg FROM (SELECT *, "
	    "substr(leg, 1, instr(leg, char(1)) - 1) dst FROM o) "
	    "GROUP BY queue, CASE WHEN queue IS NULL THEN dst END "
	    "ORDER BY 1", q->err) != 0)
		return -1;
	if (q->from != NULL)
		sqlite3_bind_text(st, 1, q->from, -1, SQLITE_STATIC);
	if (q->to != NULL)
		sqlite3_bind_text(st, 2, q->to, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(st, 1);
		const char *queue = (const char *)sqlite3_column_text(st, 2);
		const char *dst = (const char *)sqlite3_column_text(st, 3);
		const char *leg = (const char *)sqlite3_column_text(st, 4);
		const char *p = leg != NULL ? strchr(leg, '\1') : NULL;
		char day[16], subject[160], at[1100] = "", what[1024];
		char hint[400];
		long long src, line;
		int r;

		day_of(sqlite3_column_int64(st, 0), day, sizeof(day));
		if (p != NULL && sscanf(p + 1, "%lld\1%lld", &src, &line) == 2) {
			if (where(q, src, line, what, sizeof(what)) != 0) {
				sqlite3_finalize(st);
				return -1;
			}
			snprintf(at, sizeof(at), " (the first at %s)", what);
		}
		if (queue != NULL) {
			snprintf(subject, sizeof(subject), "queue:%s", queue);
			snprintf(what, sizeof(what), "that went through queue %s",
			    queue);
			snprintf(hint, sizeof(hint), "add queue:%s to the match "
			    "line of the service that answers them", queue);
		} else if (dst != NULL && *dst != '\0' &&
		    strcmp(dst, CS_PHONE_MARK) != 0) {
			snprintf(subject, sizeof(subject), "%s", dst);
			snprintf(what, sizeof(what), "to %s", dst);
			snprintf(hint, sizeof(hint), "add did:%s (a phone number) "
			    "or ext:%s (an extension) to the match line of the "
			    "service that answers them", dst, dst);
		} else if (dst != NULL) {
			snprintf(subject, sizeof(subject), "%s", CS_PHONE_MARK);
			snprintf(what, sizeof(what), "to phone numbers no did: "
			    "term names (kept masked: read them in the file)");
			snprintf(hint, sizeof(hint), "add did:NUMBER to the match "
			    "line of the service that answers them");
		} else {
			snprintf(subject, sizeof(subject), "?");
			snprintf(what, sizeof(what), "(callstat-calls -s other "
			    "lists them)");
			snprintf(hint, sizeof(hint), "add a match term for them "
			    "to the service that answers them");
		}
		r = cs_check_list_add(q->l, CS_CHECK_UNMATCHED, day, subject,
		    "%lld inbound %s %s%s matched no service's match line and "
		    "%s counted as service other: %s in the configuration",
		    (long long)n, n == 1 ? "call" : "calls", what, at,
		    n == 1 ? "is" : "are", hint);
		if (r != 0) {
			sqlite3_finalize(st);
			return nomem(q);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "cannot look for unmatched calls", q->err);
	return 0;
}

/* ---- queue_log calls the CDRs lack ---- */

/* 1 in *has when the CDRs hold a leg that starts in [a, b). */
static int
cdr_has(struct qc *q, int64_t a, int64_t b, int *has)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, "SELECT EXISTS(SELECT 1 FROM cdr WHERE "
	    "start >= ?1 AND start < ?2)", q->err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	*has = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(q->db, "cannot read the CDRs", q->err);
	return 0;
}

/* Gives the day's count of calls the CDRs lack as a finding, if any. */
static int
no_cdr_day(struct qc *q, const char *day, int64_t midnight, int64_t n,
    const char *first, const char *at)
{
	int has;

	if (n == 0)
		return 0;
	/* a day without any CDR is a log not imported: a gap's business */
	if (cdr_has(q, midnight, cs_local_midnight(midnight, 1), &has) != 0)
		return -1;
	if (!has)
		return 0;
	if (cs_check_list_add(q->l, CS_CHECK_NO_CDR, day, first,
	    "the queue log holds %lld %s with no leg in the CDRs (this one "
	    "first, %s): Asterisk logs no CDR of a call nobody answered "
	    "unless cdr.conf says so; set unanswered=yes in the [general] "
	    "section of cdr.conf and reload it (module reload cdr)",
	    (long long)n, n == 1 ? "call" : "calls", at) != 0)
		return nomem(q);
	return 0;
}

/*
 * The queue_log callids of the period that no CDR names, as its
 * uniqueid or linkedid: per day, those whose first event is that day.
 * The CDRs' ids are read once, from a day either side.
 */
static int
no_cdr(struct qc *q)
{
	sqlite3_stmt *st = NULL;
	char day[16] = "", first[128] = "", at[320] = "";
	int64_t n = 0, midnight = 0;
	int rc;

	if (cs_db_prepare(q->db, &st, "WITH ids AS MATERIALIZED (SELECT "
	    "uniqueid id FROM cdr WHERE start >= ?1 - 86400 AND start < ?2 + "
	    "86400 AND uniqueid IS NOT NULL UNION SELECT linkedid FROM cdr "
	    "WHERE start >= ?1 - 86400 AND start < ?2 + 86400 AND linkedid IS "
	    "NOT NULL) SELECT callid, min(time), source, line FROM queue_log "
	    "WHERE time >= ?1 AND time < ?2 AND callid <> 'NONE' AND callid "
	    "<> '' AND callid NOT IN ids GROUP BY callid ORDER BY 2, 1",
	    q->err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, q->t0);
	sqlite3_bind_int64(st, 2, q->t1);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t t = sqlite3_column_int64(st, 1);
		char d[16];

		day_of(t, d, sizeof(d));
		if (strcmp(d, day) != 0) {
			if (no_cdr_day(q, day, midnight, n, first, at) != 0)
				goto fail;
			snprintf(day, sizeof(day), "%s", d);
			midnight = cs_local_midnight(t, 0);
			n = 0;
		}
		if (n++ == 0) {
			snprintf(first, sizeof(first), "%s",
			    (const char *)sqlite3_column_text(st, 0));
			if (where(q, sqlite3_column_int64(st, 2),
			    sqlite3_column_int64(st, 3), at, sizeof(at)) != 0)
				goto fail;
		}
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(q->db, "cannot look for queue_log calls the CDRs lack",
		    q->err);
		goto fail;
	}
	sqlite3_finalize(st);
	return no_cdr_day(q, day, midnight, n, first, at);
fail:
	sqlite3_finalize(st);
	return -1;
}

int
cs_check_quality(struct cs_db *db, const struct cs_config *cfg,
    const char *from, const char *to, struct cs_check_list *l,
    struct cs_error *err)
{
	struct qc q = { db, cfg, from, to, INT64_MIN, INT64_MAX, l, err };

	if ((from != NULL && day_start(from, 0, &q.t0, err) != 0) ||
	    (to != NULL && day_start(to, 1, &q.t1, err) != 0))
		return -1;
	if (gaps(&q) != 0 || duplicates(&q) != 0 || clock_jumps(&q) != 0 ||
	    unmatched(&q) != 0 || no_cdr(&q) != 0)
		return -1;
	return 0;
}
