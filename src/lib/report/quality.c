/*
 * report/quality.c: the report's Data quality chapter (method.h): what the
 * records cover, the files imported, days with no records where calls
 * were expected, rejected lines, the bot's sessions linked to no call,
 * the repeated hour when summer time ends, and what the formats could not
 * say.
 *
 * Every query reads only, and none scans a table of records: the spans
 * are the ends of the tables' primary keys, the days come from the daily
 * sums (a row per day, service and hours), the repeated hour is looked
 * for in the calls of the one day it falls on.  The bot's sessions of the
 * period are the one range read row by row (at most one per call): about
 * 10 ms for a year of 540,000 calls.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "lacks.h"
#include "readers/format.h"
#include "report/outage.h"
#include "report/method.h"
#include "session.h"

#define TR(s) cs_lang_tr(L, (s))

/* At most this many rows of the table of files. */
#define MAX_FILES	25

/* What the chapter works on. */
struct q {
	struct cs_doc *d;
	struct cs_db *db;
	const struct cs_config *cfg;
	const struct cs_lang *L;
	struct cs_error *err;
	int64_t t0, t1;			/* its instants, [t0, t1) */
};

static void
fill_para(struct q *q, const char *msgid, int nargs, const char *const *args)
{
	char buf[2048];

	cs_lang_fill(q->L, buf, sizeof(buf), msgid, nargs, args);
	cs_doc_para(q->d, CS_DOC_NORMAL, buf);
}

static void
fill_item(struct q *q, const char *msgid, int nargs, const char *const *args)
{
	char buf[2048];

	cs_lang_fill(q->L, buf, sizeof(buf), msgid, nargs, args);
	cs_doc_item(q->d, buf);
}

static void
count_words(const struct cs_lang *L, int64_t n, char *buf, size_t size)
{
	cs_lang_number(L, (double)n, 0, buf, size);
}

/* The local day of t in words: "5 June 2025". */
static void
day_words(const struct cs_lang *L, int64_t t, char *buf, size_t size)
{
	struct cs_datetime dt;

	cs_utc_to_local(t, &dt, NULL);
	cs_lang_day(L, dt.year, dt.mon, dt.mday, buf, size);
}

/* The local midnight that starts day s ("YYYY-MM-DD"); -1 if s is none. */
static int
day_start(const char *s, int64_t *t)
{
	struct cs_datetime dt;
	int64_t out[2];

	if (s == NULL || cs_date_parse(s, &dt) != 0)
		return -1;
	cs_local_to_utc(&dt, out);
	*t = out[0];
	return 0;
}

/* One integer from sql with the period's instants as ?1 and ?2 (if
 * used); *v gets 0 when the row holds NULL, *null (may be NULL) says so. */
static int
query_int(struct q *q, const char *sql, int64_t *v, int *null)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(q->db, &st, sql, q->err) != 0)
		return -1;
	if (sqlite3_bind_parameter_count(st) >= 2) {
		sqlite3_bind_int64(st, 1, q->t0);
		sqlite3_bind_int64(st, 2, q->t1);
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		if (null != NULL)
			*null = sqlite3_column_type(st, 0) == SQLITE_NULL;
		*v = sqlite3_column_int64(st, 0);
	} else {
		if (null != NULL)
			*null = 1;
		*v = 0;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cs_db_fail(q->db, "data quality", q->err);
	return 0;
}

/* 1 when table t holds a record in the period (its first column is the
 * record's time, tabledef.h) whose row meets where (NULL: any), in *has. */
static int
table_has(struct q *q, const struct cs_tabledef *t, const char *where,
    int *has)
{
	char sql[384];
	int64_t v;

	snprintf(sql, sizeof(sql), "SELECT EXISTS(SELECT 1 FROM %s WHERE "
	    "%s >= ?1 AND %s < ?2 AND (%s))", t->name, t->col[0].name,
	    t->col[0].name, where != NULL ? where : "1");
	if (query_int(q, sql, &v, NULL) != 0)
		return -1;
	*has = v != 0;
	return 0;
}

/*
 * The tables that hold pieces of kind k (each once), into t[], and the
 * condition their rows of that kind meet, into w[] (NULL: every row): n.
 * A table of legs may hold queue events too (format.h's qevent_rows).
 */
static int
tables_of(enum cs_piece_kind k, const struct cs_tabledef **t,
    const char **w, int max)
{
	int n = 0;

	for (int i = 0; cs_formats[i] != NULL; i++) {
		const struct cs_format *f = cs_formats[i];
		int seen = 0;

		if (f->piece != k && !(k == CS_PIECE_QEVENT &&
		    f->qevent_rows != NULL))
			continue;
		for (int j = 0; j < n; j++)
			seen |= t[j] == f->table;
		if (!seen && n < max) {
			w[n] = f->piece == k ? NULL : f->qevent_rows;
			t[n++] = f->table;
		}
	}
	return n;
}

/* 1 in *has when a table of kind k holds a record in the period. */
static int
kind_has(struct q *q, enum cs_piece_kind k, int *has)
{
	const struct cs_tabledef *t[16];
	const char *w[16];
	int n = tables_of(k, t, w, 16);

	*has = 0;
	for (int i = 0; i < n && !*has; i++)
		if (table_has(q, t[i], w[i], has) != 0)
			return -1;
	return 0;
}

/* The span of the records of kind k, from its tables' primary keys. */
static int
span(struct q *q, enum cs_piece_kind k, const char *msgid,
    const char *none_msgid)
{
	const struct cs_tabledef *t[16];
	const char *w[16];
	int n = tables_of(k, t, w, 16), any = 0;
	int64_t lo = 0, hi = 0;

	for (int i = 0; i < n; i++) {
		const char *c = t[i]->col[0].name;
		char sql[384];
		int64_t a, b;
		int na, nb;

		/* in the key's order, the first row that meets w ends it */
		snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s ORDER BY "
		    "%s LIMIT 1", c, t[i]->name, w[i] != NULL ? w[i] : "1", c);
		if (query_int(q, sql, &a, &na) != 0)
			return -1;
		snprintf(sql, sizeof(sql), "SELECT %s FROM %s WHERE %s ORDER BY "
		    "%s DESC LIMIT 1", c, t[i]->name, w[i] != NULL ? w[i] : "1",
		    c);
		if (query_int(q, sql, &b, &nb) != 0)
			return -1;
		if (na || nb)
			continue;
		if (!any || a < lo)
			lo = a;
		if (!any || b > hi)
			hi = b;
		any = 1;
	}
	if (any) {
		char a[64], b[64];
		const char *args[2] = { a, b };

		day_words(q->L, lo, a, sizeof(a));
		day_words(q->L, hi, b, sizeof(b));
		fill_item(q, msgid, 2, args);
	} else
		cs_doc_item(q->d, cs_lang_tr(q->L, none_msgid));
	return 0;
}

static const char *
base_name(const char *path)
{
	const char *s = strrchr(path, '/');

	return s != NULL && s[1] != '\0' ? s + 1 : path;
}

/* The files imported: the table, and the rejected lines' total. */
static int
files(struct q *q)
{
	const struct cs_lang *L = q->L;
	static const enum cs_doc_align al[6] = { CS_DOC_LEFT, CS_DOC_LEFT,
	    CS_DOC_RIGHT, CS_DOC_RIGHT, CS_DOC_RIGHT, CS_DOC_RIGHT };
	sqlite3_stmt *st = NULL;
	int64_t nfiles = 0, nrej = 0, rejected = 0, shown = 0;
	char a[32], b[32], c[32];
	const char *args[3] = { a, b, c };
	const char *hdr[6];
	int rc;

	if (query_int(q, "SELECT count(*) FROM sources", &nfiles, NULL) != 0 ||
	    query_int(q, "SELECT count(*) FROM sources WHERE rejected > 0",
	    &nrej, NULL) != 0 ||
	    query_int(q, "SELECT total(rejected) FROM sources", &rejected,
	    NULL) != 0)
		return -1;
	cs_doc_heading(q->d, 2, TR("Files imported"));
	if (nfiles == 0) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("No file has been imported."));
		return 0;
	}
	hdr[0] = TR("File");
	hdr[1] = TR("Format");
	hdr[2] = TR("Lines");
	hdr[3] = TR("Stored");
	hdr[4] = TR("Already stored");
	hdr[5] = TR("Rejected");
	cs_doc_table(q->d, 6, hdr, al);
	/* when they do not all fit, those with rejected lines first */
	if (cs_db_prepare(q->db, &st, "SELECT path, format, lines, stored, "
	    "skipped, rejected FROM sources ORDER BY CASE WHEN ?1 THEN "
	    "rejected = 0 ELSE 0 END, id LIMIT ?2", q->err) != 0)
		return -1;
	sqlite3_bind_int(st, 1, nfiles > MAX_FILES);
	sqlite3_bind_int(st, 2, nfiles > MAX_FILES ? MAX_FILES - 1 : MAX_FILES);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		char v[4][32];
		const char *row[6];
		const char *path = (const char *)sqlite3_column_text(st, 0);
		const char *fmt = (const char *)sqlite3_column_text(st, 1);

		row[0] = base_name(path != NULL ? path : "");
		row[1] = fmt != NULL ? fmt : "";
		for (int i = 0; i < 4; i++) {
			count_words(L, sqlite3_column_int64(st, 2 + i), v[i],
			    sizeof(v[i]));
			row[2 + i] = v[i];
		}
		cs_doc_row(q->d, row);
		shown++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "data quality: sources", q->err);
	if (nfiles > shown) {
		count_words(L, nfiles - shown, a, sizeof(a));
		fill_para(q, "Other files, with no rejected line: {1}.", 1,
		    args);
	}
	cs_doc_heading(q->d, 2, TR("Rejected lines"));
	if (rejected == 0) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("No line was rejected."));
		return 0;
	}
	count_words(L, rejected, a, sizeof(a));
	count_words(L, nrej, b, sizeof(b));
	count_words(L, nfiles, c, sizeof(c));
	fill_para(q, "Lines rejected: {1}, in {2} of the {3} files "
	    "imported. These are lines the import could not read (a damaged "
	    "line, an impossible date): they are in no figure. callstat-import "
	    "names each one with its file and line.", 3, args);
	return 0;
}

/* Days of the period on which a service was open and nothing was
 * recorded (outage.h). */
static int
gaps(struct q *q)
{
	const struct cs_lang *L = q->L;
	struct cs_outage o;

	cs_doc_heading(q->d, 2, TR("Days without records"));
	if (cs_outage_find(q->db, q->cfg, L, q->t0, q->t1,
	    cs_local_midnight((int64_t)time(NULL), 0), &o, q->err) != 0)
		return -1;
	if (!o.any)
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("The call records hold no "
		    "day of the period: the figures of the period are empty."));
	else if (o.ndays == 0)
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("Days with no call record "
		    "while a service was open: none."));
	else {
		char n[32];
		const char *args[2] = { n, o.ranges };

		count_words(L, o.ndays, n, sizeof(n));
		fill_para(q, "Days with no call record while a service was "
		    "open: {1} ({2}). Such a day may mean that the phone system "
		    "did not log, or that its log was not imported, and then the "
		    "calls of those days are missing from every figure; in a "
		    "small town it may also be a day nobody called.", 2, args);
		if (o.more > 0) {
			count_words(L, o.more, n, sizeof(n));
			fill_para(q, "And {1} other periods of such days.", 1,
			    args);
		}
	}
	cs_outage_release(&o);
	return 0;
}

/*
 * The bot's sessions of the period linked to no call, or to several.  No
 * index leads to them: the sessions of the period are read once, but only
 * those two kinds are counted (a filter costs less than a count of each).
 */
static int
sessions(struct q *q)
{
	const struct cs_lang *L = q->L;
	sqlite3_stmt *st = NULL;
	int64_t any = 0, none = 0, ambiguous = 0;
	int rc;

	if (query_int(q, "SELECT EXISTS(SELECT 1 FROM bot_session WHERE "
	    "start >= ?1 AND start < ?2)", &any, NULL) != 0)
		return -1;
	cs_doc_heading(q->d, 2, TR("The bot's sessions"));
	if (!any) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("No session of the bot was "
		    "imported for the period."));
		return 0;
	}
	if (cs_db_prepare(q->db, &st, "SELECT link, count(*) FROM bot_session "
	    "WHERE start >= ?1 AND start < ?2 AND link IN (?3, ?4) GROUP BY "
	    "link", q->err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, q->t0);
	sqlite3_bind_int64(st, 2, q->t1);
	sqlite3_bind_text(st, 3, cs_link_name(CS_LINK_NONE), -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 4, cs_link_name(CS_LINK_AMBIGUOUS), -1,
	    SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *link = (const char *)sqlite3_column_text(st, 0);
		int64_t n = sqlite3_column_int64(st, 1);

		if (link != NULL && strcmp(link, cs_link_name(CS_LINK_NONE)) == 0)
			none += n;
		else
			ambiguous += n;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "data quality: sessions", q->err);
	if (none == 0 && ambiguous == 0) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("Every session of the bot in "
		    "the period is linked to its call. Sessions linked to no "
		    "call or to several: none."));
	} else {
		char a[32], b[32];
		const char *args[2] = { a, b };

		count_words(L, none, a, sizeof(a));
		count_words(L, ambiguous, b, sizeof(b));
		fill_para(q, "Sessions of the bot in the period linked to no "
		    "call: {1}. Linked to several calls, so to none: {2}. Such a "
		    "session cannot name its call's service, so that call is "
		    "placed by the number dialled (rule 4); the bot's figures "
		    "come from the phone system's records and do not change. "
		    "callstat-check lists these sessions.", 2, args);
	}
	return 0;
}

/* Calls that started in the repeated hour when summer time ended. */
static int
repeated_hour(struct q *q)
{
	const struct cs_lang *L = q->L;
	char days[256] = "";
	size_t o = 0;
	int64_t n = 0;
	int ndays = 0;

	cs_doc_heading(q->d, 2, TR("The repeated hour"));
	if (q->cfg->times_utc) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("The phone system writes "
		    "its times in UTC: no hour is repeated when summer time "
		    "ends."));
		return 0;
	}
	for (int64_t t = q->t0; t < q->t1; ) {
		int64_t nt = cs_local_midnight(t, 1), v;
		sqlite3_stmt *st = NULL;
		int rc;

		if (nt - t <= 86400) {
			t = nt;
			continue;
		}
		/* a 25-hour day: the end of summer time */
		if (cs_db_prepare(q->db, &st, "SELECT count(*) FROM calls "
		    "WHERE start >= ?1 AND start < ?2 AND (flags & 1) != 0 "
		    "AND direction = 'inbound'", q->err) != 0)
			return -1;
		sqlite3_bind_int64(st, 1, t);
		sqlite3_bind_int64(st, 2, nt);
		rc = sqlite3_step(st);
		v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : 0;
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return cs_db_fail(q->db, "data quality: calls", q->err);
		n += v;
		if (o < sizeof(days)) {
			char w[64];

			day_words(L, t, w, sizeof(w));
			o += (size_t)snprintf(days + o, sizeof(days) - o,
			    "%s%s", ndays > 0 ? ", " : "", w);
		}
		ndays++;
		t = nt;
	}
	if (ndays == 0) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("The period holds no end of "
		    "summer time: no hour is repeated."));
	} else if (n == 0) {
		const char *args[1] = { days };

		fill_para(q, "No call started in the hour repeated when summer "
		    "time ended ({1}).", 1, args);
	} else {
		char a[32];
		const char *args[2] = { a, days };

		count_words(L, n, a, sizeof(a));
		fill_para(q, "Calls that started in the hour repeated when "
		    "summer time ended ({2}): {1}. The phone system's local times "
		    "cannot tell the two hours apart: the earlier one was "
		    "taken, and these calls are counted, never dropped.", 2,
		    args);
	}
	return 0;
}

/* What the formats of the period's records could not say. */
static int
formats(struct q *q)
{
	const struct cs_lang *L = q->L;
	sqlite3_stmt *st = NULL;
	int legs, qevents, rc, nshown = 0;

	cs_doc_heading(q->d, 2, TR("What the records could not say"));
	if (kind_has(q, CS_PIECE_LEG, &legs) != 0 ||
	    kind_has(q, CS_PIECE_QEVENT, &qevents) != 0)
		return -1;
	if (legs && !qevents) {
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("The database holds call "
		    "records but no queue log for the period: what became of "
		    "the calls nobody answered was decided from the call records "
		    "alone. A caller who hung up while it rang is abandoned; a "
		    "busy, failed or congested line is missed; a queue's time-out "
		    "cannot be told from a caller who gave up."));
		if (q->cfg->dial_timeout > 0) {
			char s[32];
			const char *args[1] = { s };

			cs_lang_seconds(L, q->cfg->dial_timeout, 0, s, sizeof(s));
			fill_para(q, "A ring nobody answered that lasted {1} or "
			    "more was counted as missed.", 1, args);
		}
	}
	if (cs_db_prepare(q->db, &st, "SELECT DISTINCT format FROM sources "
	    "ORDER BY format", q->err) != 0)
		return -1;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 0);
		const struct cs_format *f = cs_format_find(name);
		int64_t first;
		int has;

		if (f == NULL)
			continue;
		/* tables are shared: the format of a record is its file's */
		if ((has = cs_lacks_first_record(q->db, f, q->t0, q->t1, &first,
		    q->err)) < 0) {
			sqlite3_finalize(st);
			return -1;
		}
		if (!has)
			continue;
		if (nshown++ == 0) {
			cs_doc_para(q->d, CS_DOC_NORMAL, TR("The figures the "
			    "records of each format of the period can carry:"));
			cs_doc_list(q->d, CS_DOC_NORMAL);
		}
		{
			const char *args[2] = { f->name, f->lacks };

			if (f->lacks == NULL)
				fill_item(q, "{1}: every figure.", 1, args);
			else
				fill_item(q, "{1}: every figure but {2}.", 2,
				    args);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(q->db, "data quality: formats", q->err);
	if (nshown == 0)
		cs_doc_para(q->d, CS_DOC_NORMAL, TR("No record of the period: "
		    "no format to speak of."));
	return 0;
}

/* The period's instants: from..to, or the days the daily sums hold. */
static int
period(struct q *q, const char *from, const char *to)
{
	sqlite3_stmt *st = NULL;
	char lo[16] = "", hi[16] = "";
	int rc = SQLITE_ROW;

	if ((from == NULL || to == NULL) && cs_db_prepare(q->db, &st,
	    "SELECT min(day), max(day) FROM daily", q->err) != 0)
		return -1;
	if (st != NULL && (rc = sqlite3_step(st)) == SQLITE_ROW &&
	    sqlite3_column_type(st, 0) != SQLITE_NULL) {
		snprintf(lo, sizeof(lo), "%s",
		    (const char *)sqlite3_column_text(st, 0));
		snprintf(hi, sizeof(hi), "%s",
		    (const char *)sqlite3_column_text(st, 1));
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(q->db, "data quality", q->err);
	from = from != NULL ? from : lo;
	to = to != NULL ? to : hi;
	q->t0 = q->t1 = 0;
	if (*from == '\0' || *to == '\0')
		return 0;	/* no data and no period: an empty one */
	if (day_start(from, &q->t0) != 0 || day_start(to, &q->t1) != 0)
		return cs_error_set(q->err, "data quality: bad period '%s' to "
		    "'%s': write YYYY-MM-DD", from, to);
	q->t1 = cs_local_midnight(q->t1, 1);
	if (q->t1 < q->t0)
		q->t1 = q->t0;
	return 0;
}

int
cs_report_quality(struct cs_doc *d, struct cs_db *db,
    const struct cs_config *cfg, const char *from, const char *to,
    const struct cs_lang *L, struct cs_error *err)
{
	struct q q = { .d = d, .db = db, .cfg = cfg, .L = L, .err = err };

	if (d == NULL || db == NULL || cfg == NULL)
		return cs_error_set(err, "report: no document, database or "
		    "configuration");
	if (period(&q, from, to) != 0)
		return -1;
	cs_doc_heading(d, 1, TR("Data quality"));
	cs_doc_para(d, CS_DOC_NORMAL, TR("What the records behind the figures "
	    "cover, and what they lack: a figure is only as complete as the "
	    "phone system's logs."));
	cs_doc_heading(d, 2, TR("Records"));
	cs_doc_list(d, CS_DOC_NORMAL);
	if (span(&q, CS_PIECE_LEG, "The phone system's call records: from {1} "
	    "to {2}.", "The phone system's call records: none.") != 0 ||
	    span(&q, CS_PIECE_QEVENT, "The queue log: from {1} to {2}.",
	    "The queue log: none.") != 0 ||
	    span(&q, CS_PIECE_BOT, "The bot's events: from {1} to {2}.",
	    "The bot's events: none.") != 0)
		return -1;
	if (files(&q) != 0 || gaps(&q) != 0 || sessions(&q) != 0 ||
	    repeated_hour(&q) != 0 || formats(&q) != 0)
		return -1;
	return 0;
}
