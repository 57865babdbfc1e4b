/*
 * rebuild.c: the calls of a database kept current: rebuilt from the
 * records of a range of days (read back through the table of formats),
 * or streamed while an import reads them, and the meta keys that say what
 * the derived tables were built from and what a purge froze (calls.h).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "readers/format.h"
#include "rowq.h"
#include "stream.h"
#include "timeutil.h"

/*
 * Raise when a change to the rules changes what a rebuild gives for the
 * same records and configuration: databases are then rebuilt.  2: the
 * queue of an AppQueue leg matches queue: terms, as a Queue leg's does;
 * calls keep their bot leg's key and start.  3: talk sums the people's
 * conversations (kpi.md) instead of their union; rule 3 takes the last
 * intent a service lists; an escalated call never ends as voicemail.
 */
#define CS_RULES_VERSION "3"

/* The formats a rebuild reads at most (cs_formats[] has fewer). */
#define CS_MAX_FORMATS 32

/* While the builder's queue is full: write the calls already built. */
static int write_ready(void *arg);

/*
 * Queues the current row of st (the columns in mapped, as they are; the
 * others, which st selects as NULL, NULL) as a row of t.
 * Each column's value is taken once (sqlite3_column_value: the row's own
 * value, which only this thread, the connection's, reads before the next
 * step), rather than through a column_type and a column_text, which each
 * look the column up and check the connection again.
 */
static int
put_columns(struct cs_rowq *q, const struct cs_tabledef *t,
    unsigned long long mapped, sqlite3_stmt *st)
{
	int n = sqlite3_column_count(st);

	cs_rowq_begin(q, t);
	for (int i = 0; i < n; i++) {
		sqlite3_value *v;
		const char *s;

		if (!(mapped >> i & 1)) {
			/* selected as NULL: what the calls do not need */
			cs_rowq_null(q);
			continue;
		}
		v = sqlite3_column_value(st, i);
		switch (sqlite3_value_type(v)) {
		case SQLITE_INTEGER:
			cs_rowq_int(q, sqlite3_value_int64(v));
			break;
		case SQLITE_NULL:
			cs_rowq_null(q);
			break;
		default:
			/* the text first, then its length (bytes after text) */
			s = (const char *)sqlite3_value_text(v);
			cs_rowq_text_len(q, s, s != NULL ?
			    (size_t)sqlite3_value_bytes(v) : 0);
			break;
		}
	}
	return cs_rowq_end(q);
}

/* Whether a format before cs_formats[i] stores into the same table. */
static int
table_seen(int i)
{
	for (int j = 0; j < i; j++)
		if (cs_formats[j]->table == cs_formats[i]->table)
			return 1;
	return 0;
}

/* One record table being read, its current row waiting (its time and
 * rhash read once, as the merge compares them for every row). */
struct cursor {
	const struct cs_format *f;
	sqlite3_stmt *st;
	int rc;
	int64_t t, rhash;
};

/* Steps c to its next row. */
static void
cursor_step(struct cursor *c)
{
	if ((c->rc = sqlite3_step(c->st)) == SQLITE_ROW) {
		c->t = sqlite3_column_int64(c->st, 0);
		c->rhash = sqlite3_column_int64(c->st, 1);
	}
}

/* Whether a's row comes before b's: time, kind of piece, then rhash. */
static int
cursor_before(const struct cursor *a, const struct cursor *b)
{
	if (a->t != b->t)
		return a->t < b->t;
	if (a->f->piece != b->f->piece)
		return a->f->piece < b->f->piece;
	return a->rhash < b->rhash;
}

/*
 * The rebuild's reading side, on the thread that owns the database: the
 * records of every format's table in [lo, hi) (queue events and sessions,
 * which may come a call's span after its first leg, in [lo, hi +
 * CS_CALL_SPAN)), in the database's order, as the rows that stored them
 * (what the calls do not need, NULL), for the builder.
 */
static int
select_records(struct cs_db *db, int64_t lo, int64_t hi, struct cs_rowq *q,
    struct cs_error *err)
{
	struct cursor cur[CS_MAX_FORMATS];
	int n = 0, rc = -1;

	for (int i = 0; cs_formats[i] != NULL && n < CS_MAX_FORMATS; i++) {
		const struct cs_format *f = cs_formats[i];
		const char *tcol = f->table->col[0].name;
		char tail[256], *sql;

		if (table_seen(i))
			continue;	/* two formats, one table: read once */
		snprintf(tail, sizeof(tail), "WHERE %s >= ? AND %s < ? ORDER BY "
		    "%s, rhash", tcol, tcol, tcol);
		if ((sql = cs_tabledef_select(f->table, f->mapped, tail)) == NULL) {
			cs_error_set(err, "out of memory");
			goto out;
		}
		cur[n].f = f;
		cur[n].st = NULL;
		if (cs_db_prepare(db, &cur[n].st, sql, err) != 0) {
			free(sql);
			goto out;
		}
		free(sql);
		sqlite3_bind_int64(cur[n].st, 1, lo);
		sqlite3_bind_int64(cur[n].st, 2, f->piece == CS_PIECE_LEG ?
		    hi : hi + CS_CALL_SPAN);
		cursor_step(&cur[n]);
		n++;
	}
	for (;;) {
		struct cursor *next = NULL;

		for (int i = 0; i < n; i++)
			if (cur[i].rc == SQLITE_ROW &&
			    (next == NULL || cursor_before(&cur[i], next)))
				next = &cur[i];
		if (next == NULL)
			break;
		if (put_columns(q, next->f->table, next->f->mapped, next->st) != 0) {
			/* the builder or the writing stopped: their error
			   says why */
			rc = 1;
			goto out;
		}
		cursor_step(next);
	}
	for (int i = 0; i < n; i++)
		if (cur[i].rc != SQLITE_DONE) {
			cs_db_fail(db, "cannot read the records", err);
			goto out;
		}
	rc = 0;
out:
	for (int i = 0; i < n; i++)
		sqlite3_finalize(cur[i].st);
	return rc;
}

static int
exec_range(struct cs_db *db, const char *sql, int64_t a, int64_t b,
    const char *da, const char *dbay, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	for (int i = 1; i <= sqlite3_bind_parameter_count(st); i++) {
		const char *name = sqlite3_bind_parameter_name(st, i);

		if (name == NULL)
			continue;
		if (strcmp(name, ":a") == 0)
			sqlite3_bind_int64(st, i, a);
		else if (strcmp(name, ":b") == 0)
			sqlite3_bind_int64(st, i, b);
		else if (strcmp(name, ":da") == 0)
			sqlite3_bind_text(st, i, da, -1, SQLITE_STATIC);
		else if (strcmp(name, ":db") == 0)
			sqlite3_bind_text(st, i, dbay, -1, SQLITE_STATIC);
	}
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot update the derived tables", err);
	return 0;
}

/*
 * Deletes the rows of table whose col (the first of its key) is in [a, b)
 * (or, text, [da, dbay)).  When no row lies outside, the table is emptied
 * with an unqualified DELETE, which SQLite does page by page instead of
 * row by row (a rebuild of everything: callstat-calls --rebuild, a new
 * configuration).
 */
static int
clear_range(struct cs_db *db, const char *table, const char *col, int64_t a,
    int64_t b, const char *da, const char *dbay, struct cs_error *err)
{
	const char *lo = da != NULL ? ":da" : ":a", *hi = da != NULL ? ":db" : ":b";
	char sql[256];
	sqlite3_stmt *st = NULL;
	int outside;

	snprintf(sql, sizeof(sql), "SELECT EXISTS (SELECT 1 FROM %s WHERE %s < %s) "
	    "OR EXISTS (SELECT 1 FROM %s WHERE %s >= %s)", table, col, lo, table,
	    col, hi);
	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	if (da != NULL) {
		sqlite3_bind_text(st, 1, da, -1, SQLITE_STATIC);
		sqlite3_bind_text(st, 2, dbay, -1, SQLITE_STATIC);
	} else {
		sqlite3_bind_int64(st, 1, a);
		sqlite3_bind_int64(st, 2, b);
	}
	if (sqlite3_step(st) != SQLITE_ROW) {
		sqlite3_finalize(st);
		return cs_db_fail(db, "cannot update the derived tables", err);
	}
	outside = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (outside)
		snprintf(sql, sizeof(sql), "DELETE FROM %s WHERE %s >= %s AND %s < %s",
		    table, col, lo, col, hi);
	else
		snprintf(sql, sizeof(sql), "DELETE FROM %s", table);
	return exec_range(db, sql, a, b, da, dbay, err);
}

int
cs_calls_purged_before(struct cs_db *db, int64_t *t, struct cs_error *err)
{
	char v[32], *end;
	long long n;

	*t = CS_TIME_MIN;
	if (cs_db_meta_get(db, CS_META_PURGED_BEFORE, v, sizeof(v), err) != 0)
		return -1;
	if (v[0] == '\0')
		return 0;
	n = strtoll(v, &end, 10);
	if (*end != '\0' || n <= CS_TIME_MIN || n >= CS_TIME_MAX)
		return cs_error_set(err, "%s: bad %s '%s' in the meta table",
		    db->path, CS_META_PURGED_BEFORE, v);
	*t = (int64_t)n;
	return 0;
}

int64_t
cs_calls_frozen_before(int64_t purged_before)
{
	if (purged_before <= CS_TIME_MIN)
		return CS_TIME_MIN;
	/* the midnight that ends the day holding purged_before + 32 h: a
	   rebuild from there reads nothing before purged_before (below) */
	return cs_local_midnight(purged_before + 86400 + 2 * CS_CALL_SPAN, 1);
}

/* How many calls rows start in [a, b), in *n, and the sum of their
 * starts, in *starts. */
static int
count_calls(struct cs_db *db, int64_t a, int64_t b, long *n, int64_t *starts,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, "SELECT count(*), sum(start) FROM calls "
	    "WHERE start >= ? AND start < ?", err) != 0)
		return -1;
	sqlite3_bind_int64(st, 1, a);
	sqlite3_bind_int64(st, 2, b);
	rc = sqlite3_step(st);
	*n = rc == SQLITE_ROW ? (long)sqlite3_column_int64(st, 0) : 0;
	*starts = rc == SQLITE_ROW ? sqlite3_column_int64(st, 1) : 0;
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot read the calls", err);
	return 0;
}

/*
 * cs_calls_rebuild; same: the calls of the range are known to be the
 * calls stored (cs_calls_update_sessions), and their rows are replaced
 * where they stand rather than deleted first.
 */
static int
rebuild(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, int same, struct cs_error *err)
{
	struct cs_calls_builder b;
	struct cs_error berr;
	int rc = -1, sel, drc;
	int64_t r0, r1, lo, hi, purged, frozen;
	char d0[11] = "0000-00-00", d1[11] = "9999-99-99";

	if (cs_calls_purged_before(db, &purged, err) != 0)
		return -1;
	frozen = cs_calls_frozen_before(purged);

	/*
	 * Whole local days, and a day more each side: the calls around the
	 * new records see them as earlier or later calls of their caller.
	 * Their day's totals are then recomputed whole.  The stream reads a
	 * day further still, for the flags, and stores nothing of it.
	 */
	r0 = from <= CS_TIME_MIN ? CS_TIME_MIN :
	    cs_local_midnight(from - 86400 - CS_CALL_SPAN, 0);
	r1 = to >= CS_TIME_MAX ? CS_TIME_MAX :
	    cs_local_midnight(to + 86400 + CS_CALL_SPAN, 1);
	/* the days a purge froze keep their calls and totals (calls.h) */
	if (r0 < frozen)
		r0 = frozen;
	if (r0 >= r1)
		return 0;
	if (r0 > CS_TIME_MIN)
		cs_period_label(r0, CS_PERIOD_DAY, d0, sizeof(d0));
	if (r1 < CS_TIME_MAX)
		cs_period_label(r1, CS_PERIOD_DAY, d1, sizeof(d1));

	if ((!same && clear_range(db, "calls", "start", r0, r1, NULL, NULL,
	    err) != 0) ||
	    clear_range(db, "daily", "day", 0, 0, d0, d1, err) != 0 ||
	    clear_range(db, "wait_hist", "day", 0, 0, d0, d1, err) != 0 ||
	    clear_range(db, "bot_session", "start", r0, r1, NULL, NULL, err) != 0)
		return -1;
	lo = r0 <= CS_TIME_MIN ? CS_TIME_MIN : r0 - 86400 - 2 * CS_CALL_SPAN;
	hi = r1 >= CS_TIME_MAX ? CS_TIME_MAX : r1 + 86400 + 2 * CS_CALL_SPAN;

	/*
	 * This thread reads the records and writes the calls; another builds
	 * them.  The records come in order: the stream lets each through at
	 * once, and never gives up.  While the builder's queue is full, this
	 * thread writes the calls it has built meanwhile.
	 */
	memset(&b, 0, sizeof(b));
	b.err = &berr;
	berr.msg[0] = '\0';
	if ((b.out = cs_rowq_new(db, err)) == NULL)
		goto out;
	if ((b.in = cs_rowq_new_pipe(&berr)) == NULL ||
	    (b.s = cs_calls_stream_new(cfg, b.out, CS_TIME_MIN, r0, r1, 1,
	    &berr)) == NULL) {
		*err = berr;
		goto out;
	}
	if (same)
		cs_calls_stream_keep(b.s);
	if (cs_calls_builder_start(&b) != 0) {
		cs_error_set(err, "cannot start a thread to build the calls");
		goto out;
	}
	cs_rowq_set_wait(b.in, write_ready, b.out);
	sel = select_records(db, lo, hi, b.in, err);
	cs_rowq_close(b.in, sel != 0);
	drc = cs_rowq_drain(b.out);
	cs_calls_builder_join(&b);
	/* the builder's own error first: the others follow from it */
	if (b.failed) {
		*err = berr;
		goto out;
	}
	if (sel != 0 || drc != 0)
		goto out;
	if (cs_calls_stream_given_up(b.s)) {
		cs_error_set(err, "internal error: the records of the rebuild "
		    "came out of order");
		goto out;
	}
	if (same) {
		long n;
		int64_t starts, want;

		/* a call rebuilt for each row of the range, one for one (else
		   rows were left that no call replaced, or a call kept had
		   no row): rebuilt whole */
		if (count_calls(db, r0, r1, &n, &starts, err) != 0)
			goto out;
		if (n != cs_calls_stream_stored(b.s, &want) || starts != want) {
			rc = rebuild(db, cfg, from, to, 0, err);
			goto out;
		}
	}
	rc = 0;
out:
	cs_calls_stream_free(b.s);
	cs_rowq_free(b.in);
	cs_rowq_free(b.out);
	return rc;
}

int
cs_calls_rebuild(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, struct cs_error *err)
{
	return rebuild(db, cfg, from, to, 0, err);
}

static int
write_ready(void *arg)
{
	int n = cs_rowq_drain_ready(arg);

	if (n < 0)
		return -1;
	if (n == 0)
		sqlite3_sleep(1);	/* the builder is at work */
	return 0;
}


/* What the derived tables were made from: these rules, this configuration. */
static void
derived_key(const struct cs_config *cfg, char out[128])
{
	snprintf(out, 128, "%s:%s", CS_RULES_VERSION, cfg->digest);
}

static int
update(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, int *rebuilt, int same, struct cs_error *err)
{
	char want[128], have[128];

	if (rebuilt != NULL)
		*rebuilt = 0;
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	if (strcmp(want, have) != 0) {
		if (cs_calls_rebuild(db, cfg, CS_TIME_MIN, CS_TIME_MAX, err) != 0 ||
		    cs_db_meta_set(db, "derived_from", want, err) != 0)
			return -1;
		if (rebuilt != NULL)
			*rebuilt = 1;
		return 0;
	}
	if (from < to)
		return rebuild(db, cfg, from, to, same, err);
	return 0;
}

int
cs_calls_update(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, int *rebuilt, struct cs_error *err)
{
	return update(db, cfg, from, to, rebuilt, 0, err);
}

int
cs_calls_update_sessions(struct cs_db *db, const struct cs_config *cfg,
    int64_t from, int64_t to, struct cs_error *err)
{
	return update(db, cfg, from, to, NULL, 1, err);
}

int
cs_calls_refresh(struct cs_db *db, const struct cs_config *cfg, int *rebuilt,
    struct cs_error *err)
{
	char want[128], have[128];

	if (rebuilt != NULL)
		*rebuilt = 0;
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	if (strcmp(want, have) == 0)
		return 0;
	if (cs_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* under the lock: another process may have rebuilt meanwhile */
	if (cs_calls_update(db, cfg, 0, 0, rebuilt, err) != 0) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return -1;
	}
	return cs_db_exec(db, "COMMIT", err);
}

/* The latest start (or time) of the records of table, in *t; 0 if none. */
static int
latest_record(struct cs_db *db, const char *sql, int64_t *t, int *found,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, sql, err) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		int64_t v = sqlite3_column_int64(st, 0);

		/* stored before the readers checked the range: kept far
		   enough from INT64_MAX for the arithmetic of a stream */
		if (v > CS_TIME_MAX)
			v = CS_TIME_MAX;
		if (v < CS_TIME_MIN)
			v = CS_TIME_MIN;
		if (!*found || v > *t)
			*t = v;
		*found = 1;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot read the records", err);
	return 0;
}

int
cs_calls_stream_open(struct cs_db *db, const struct cs_config *cfg,
    struct cs_rowq *q, struct cs_calls_stream **out, struct cs_error *err)
{
	char want[128], have[128];
	int64_t latest = 0;
	int found = 0;

	*out = NULL;
	for (int i = 0; cs_formats[i] != NULL; i++) {
		char sql[256];

		snprintf(sql, sizeof(sql), "SELECT max(%s) FROM %s",
		    cs_formats[i]->table->col[0].name, cs_formats[i]->table->name);
		if (latest_record(db, sql, &latest, &found, err) != 0)
			return -1;
	}
	derived_key(cfg, want);
	if (cs_db_meta_get(db, "derived_from", have, sizeof(have), err) != 0)
		return -1;
	/* stale derived tables are rebuilt whole, after the import */
	if (found && strcmp(want, have) != 0)
		return 0;
	*out = cs_calls_stream_new(cfg, q, found ? latest + CS_CALLS_STREAM_GAP :
	    CS_TIME_MIN, CS_TIME_MIN, CS_TIME_MAX, 0, err);
	return *out == NULL ? -1 : 0;
}

int
cs_calls_mark_current(struct cs_db *db, const struct cs_config *cfg,
    struct cs_error *err)
{
	char want[128];

	derived_key(cfg, want);
	return cs_db_meta_set(db, "derived_from", want, err);
}
