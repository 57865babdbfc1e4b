#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db.h"

#define BUSY_TIMEOUT_MS 30000
#define BUSY_STEP_MS 20

/*
 * The migrations: migration[i] takes a database from version i to i + 1.
 * Never edit one that has shipped; add the next.
 */
static const char *const migration[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE meta("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;"
	/* one row per input file: where to resume a file that grew */
	"CREATE TABLE sources("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL,"
	"  format TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"	/* bytes read, up to the last full line */
	"  hash TEXT NOT NULL,"		/* BLAKE2b of those bytes */
	"  lines INTEGER NOT NULL,"
	"  ncols INTEGER NOT NULL DEFAULT 0,"
	"  col17 INTEGER NOT NULL DEFAULT 0,"
	"  stored INTEGER NOT NULL DEFAULT 0,"
	"  skipped INTEGER NOT NULL DEFAULT 0,"
	"  rejected INTEGER NOT NULL DEFAULT 0,"
	"  imported_at TEXT NOT NULL);"
	"CREATE INDEX sources_path ON sources(path);"
	/*
	 * Asterisk CDR legs.  rhash is a keyed digest of the line: the same
	 * record from any file is stored once.  Callers' numbers are only
	 * in caller (a keyed hash); src and dst are kept when they are
	 * extensions or the town's own numbers, and numbers inside channel
	 * names and dial strings are replaced by [phone].
	 */
	"CREATE TABLE cdr("
	"  start INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  answer INTEGER,"
	"  end INTEGER NOT NULL,"
	"  duration INTEGER NOT NULL,"
	"  billsec INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"
	"  src TEXT,"
	"  dst TEXT,"
	"  dcontext TEXT,"
	"  channel TEXT,"
	"  dstchannel TEXT,"
	"  lastapp TEXT,"
	"  lastdata TEXT,"
	"  disposition TEXT,"
	"  amaflags TEXT,"
	"  accountcode TEXT,"
	"  uniqueid TEXT,"
	"  userfield TEXT,"
	"  peeraccount TEXT,"
	"  linkedid TEXT,"
	"  sequence INTEGER,"
	"  flags INTEGER NOT NULL DEFAULT 0,"	/* 1: start in the repeated DST hour */
	"  PRIMARY KEY(start, rhash)) WITHOUT ROWID;"
	"CREATE TABLE queue_log("
	"  time INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  callid TEXT NOT NULL,"
	"  queue TEXT NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  data1 TEXT, data2 TEXT, data3 TEXT, data4 TEXT, data5 TEXT,"
	"  PRIMARY KEY(time, rhash)) WITHOUT ROWID;"
	/* derived: one row per call rebuilt from its legs */
	"CREATE TABLE calls("
	"  start INTEGER NOT NULL,"
	"  id TEXT NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  day TEXT NOT NULL,"		/* local YYYY-MM-DD */
	"  week TEXT NOT NULL,"		/* ISO YYYY-Www */
	"  direction TEXT NOT NULL,"	/* inbound, internal, outbound */
	"  service TEXT NOT NULL,"
	"  in_hours INTEGER NOT NULL,"
	"  outcome TEXT,"		/* NULL unless inbound */
	"  wait INTEGER,"
	"  human_wait INTEGER,"
	"  talk INTEGER,"
	"  abandon_wait INTEGER,"
	"  escalated INTEGER NOT NULL,"
	"  needed_agent INTEGER NOT NULL,"
	"  bot_answered INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"	/* keyed hash, '' when withheld */
	"  legs INTEGER NOT NULL,"
	"  flags INTEGER NOT NULL,"
	"  repeat_24h INTEGER NOT NULL DEFAULT 0,"
	"  again_24h INTEGER NOT NULL DEFAULT 0,"
	"  callback_2h INTEGER NOT NULL DEFAULT 0,"
	"  callback_24h INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(start, id)) WITHOUT ROWID;"
	/* derived: per local day, service and hours, the sums every figure
	   is made of (kpi.h) */
	"CREATE TABLE daily("
	"  day TEXT NOT NULL, week TEXT NOT NULL, service TEXT NOT NULL, in_hours INTEGER NOT NULL,"
	"  offered INTEGER NOT NULL, answered INTEGER NOT NULL,"
	"  needed_agent INTEGER NOT NULL, agent INTEGER NOT NULL,"
	"  bot INTEGER NOT NULL, abandoned INTEGER NOT NULL,"
	"  missed INTEGER NOT NULL, voicemail INTEGER NOT NULL,"
	"  short INTEGER NOT NULL, wait_sum INTEGER NOT NULL,"
	"  sl_count INTEGER NOT NULL, abandon_wait_sum INTEGER NOT NULL,"
	"  talk_sum INTEGER NOT NULL, bot_sessions INTEGER NOT NULL,"
	"  escalated INTEGER NOT NULL, escalated_agent INTEGER NOT NULL,"
	"  contain_num INTEGER NOT NULL, contain_den INTEGER NOT NULL,"
	"  repeat_num INTEGER NOT NULL, repeat_den INTEGER NOT NULL,"
	"  lost INTEGER NOT NULL, callback_den INTEGER NOT NULL,"
	"  callback2_num INTEGER NOT NULL, callback24_num INTEGER NOT NULL,"
	"  PRIMARY KEY(day, service, in_hours)) WITHOUT ROWID;"
	/* derived: how many calls waited exactly secs seconds (metric 0:
	   wait of answered calls, 1: human_wait of agent calls) */
	"CREATE TABLE wait_hist("
	"  day TEXT NOT NULL, week TEXT NOT NULL, service TEXT NOT NULL, in_hours INTEGER NOT NULL,"
	"  metric INTEGER NOT NULL, secs INTEGER NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY(day, service, in_hours, metric, secs)) WITHOUT ROWID;",
};

const char *
cs_db_find(const char *explicit)
{
	const char *env;

	if (explicit != NULL)
		return explicit;
	env = getenv("CALLSTAT_DB");
	if (env != NULL && *env != '\0')
		return env;
	return "callstat.db";
}

int
cs_db_fail(struct cs_db *db, const char *what, struct cs_error *err)
{
	return cs_error_set(err, "%s: %s: %s", db->path != NULL ? db->path : "?",
	    what, db->h != NULL ? sqlite3_errmsg(db->h) : "not open");
}

int
cs_db_exec(struct cs_db *db, const char *sql, struct cs_error *err)
{
	char *msg = NULL;

	if (sqlite3_exec(db->h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		cs_error_set(err, "%s: %s", db->path, msg != NULL ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int
cs_db_prepare(struct cs_db *db, sqlite3_stmt **st, const char *sql,
    struct cs_error *err)
{
	if (sqlite3_prepare_v2(db->h, sql, -1, st, NULL) != SQLITE_OK) {
		*st = NULL;
		return cs_db_fail(db, "cannot prepare a query", err);
	}
	return 0;
}

static int
user_version(struct cs_db *db, int *v, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, "PRAGMA user_version", err) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		if (rc == SQLITE_NOTADB)
			return cs_error_set(err, "%s: not an SQLite database; "
			    "give another file with -d", db->path);
		return cs_db_fail(db, "cannot read the schema version", err);
	}
	return 0;
}

static int
migrate(struct cs_db *db, struct cs_error *err)
{
	int v, n = (int)(sizeof(migration) / sizeof(migration[0]));
	char sql[64];

	if (user_version(db, &v, err) != 0)
		return -1;
	if (v == n)
		return 0;
	if (v > n)
		return cs_error_set(err, "%s: made by a newer callstat (schema %d, "
		    "this one knows up to %d); upgrade callstat", db->path, v, n);
	if (v == 0) {
		/* a version-0 file must be empty, not someone else's database */
		sqlite3_stmt *st = NULL;
		int rc, tables = 0;

		if (cs_db_prepare(db, &st, "SELECT count(*) FROM sqlite_master", err) != 0)
			return -1;
		rc = sqlite3_step(st);
		if (rc == SQLITE_ROW)
			tables = sqlite3_column_int(st, 0);
		sqlite3_finalize(st);
		if (rc != SQLITE_ROW)
			return cs_db_fail(db, "cannot read the schema", err);
		if (tables != 0)
			return cs_error_set(err, "%s: not a callstat database; "
			    "give another file with -d", db->path);
	}
	if (cs_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* re-read under the write lock: another process may have migrated */
	if (user_version(db, &v, err) != 0)
		goto fail;
	for (; v < n; v++) {
		if (cs_db_exec(db, migration[v], err) != 0)
			goto fail;
		snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", v + 1);
		if (cs_db_exec(db, sql, err) != 0)
			goto fail;
	}
	return cs_db_exec(db, "COMMIT", err);
fail:
	sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

/*
 * Sets 64 KiB pages (a new file only) and WAL mode.  Leaving a bulk load's
 * rollback journal needs the file to itself, and SQLite says "busy" at
 * once rather than wait for the lock: wait here, as long as the busy
 * timeout would.
 */
static int
set_wal(struct cs_db *db)
{
	int rc;

	for (int waited = 0;; waited += BUSY_STEP_MS) {
		/* rows of some 200 bytes, written by the million, cost less
		   in larger pages: fewer pages to write into the WAL and copy
		   back (measured: a tenth of an import) */
		rc = sqlite3_exec(db->h, "PRAGMA page_size = 65536;"
		    "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if ((rc & 0xff) != SQLITE_BUSY || waited >= BUSY_TIMEOUT_MS)
			return rc;
		sqlite3_sleep(BUSY_STEP_MS);
	}
}

/*
 * A statement that writes many rows (an import writes them 64 at a time)
 * keeps what it changes in a statement journal, to undo itself should it
 * fail half-way.  SQLite keeps that journal in memory up to 64 KiB, a
 * single one of our pages, then writes it to a temporary file: the import
 * wrote some 400 MB into one.  4 MiB holds what a statement of 64 rows
 * changes.  SQLite takes this setting only before its first use in the
 * process.
 */
static void
stmt_journal_in_memory(void)
{
	static int done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 * 1024 * 1024);
		done = 1;
	}
}

int
cs_db_open(struct cs_db *db, const char *path, int create, struct cs_error *err)
{
	/* one connection per process, used by one thread: no mutexes */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (create ? SQLITE_OPEN_CREATE : 0);

	memset(db, 0, sizeof(*db));
	if ((db->path = cs_strdup(path)) == NULL)
		return cs_error_set(err, "out of memory");
	stmt_journal_in_memory();
	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
		if (!create)
			cs_error_set(err, "%s: %s; import some logs first "
			    "(callstat-import) or give the database with -d", path,
			    db->h != NULL ? sqlite3_errmsg(db->h) : "cannot open");
		else
			cs_db_fail(db, "cannot open", err);
		goto fail;
	}
	sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
	sqlite3_extended_result_codes(db->h, 1);
	if (set_wal(db) != SQLITE_OK) {
		if ((sqlite3_errcode(db->h) & 0xff) == SQLITE_NOTADB)
			cs_error_set(err, "%s: not an SQLite database; give "
			    "another file with -d", path);
		else
			cs_db_fail(db, "cannot open", err);
		goto fail;
	}
	/* a file is one transaction, so the WAL grows to the size of what a
	   file adds; truncate it back after each checkpoint */
	if (cs_db_exec(db, "PRAGMA synchronous = NORMAL;"
	    "PRAGMA journal_size_limit = 67108864;"
	    "PRAGMA foreign_keys = OFF;"
	    "PRAGMA cache_size = -16384;"
	    "PRAGMA temp_store = FILE", err) != 0)
		goto fail;
	if (migrate(db, err) != 0)
		goto fail;
	return 0;
fail:
	sqlite3_close(db->h);
	free(db->path);
	memset(db, 0, sizeof(*db));
	return -1;
}

int
cs_db_close(struct cs_db *db, struct cs_error *err)
{
	int rc = 0;

	if (db->h != NULL && sqlite3_close(db->h) != SQLITE_OK)
		rc = cs_db_fail(db, "cannot close", err);
	free(db->path);
	memset(db, 0, sizeof(*db));
	return rc;
}

int
cs_db_meta_get(struct cs_db *db, const char *key, char *buf, size_t n,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	buf[0] = '\0';
	if (cs_db_prepare(db, &st, "SELECT value FROM meta WHERE key = ?", err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot read meta", err);
	return 0;
}

int
cs_db_meta_set(struct cs_db *db, const char *key, const char *value,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc;

	if (cs_db_prepare(db, &st, "INSERT OR REPLACE INTO meta(key, value) "
	    "VALUES(?, ?)", err) != 0)
		return -1;
	sqlite3_bind_text(st, 1, key, -1, SQLITE_STATIC);
	sqlite3_bind_text(st, 2, value, -1, SQLITE_STATIC);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return cs_db_fail(db, "cannot write meta", err);
	return 0;
}

/* The first value of sql's first row, as text, into buf ("" if none). */
static int
query_text(struct cs_db *db, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;
	int rc;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? 0 : -1;
}

int
cs_db_bulk_begin(struct cs_db *db)
{
	char v[16];

	if (query_text(db, "SELECT EXISTS (SELECT 1 FROM cdr) OR "
	    "EXISTS (SELECT 1 FROM queue_log)", v, sizeof(v)) != 0 ||
	    strcmp(v, "0") != 0)
		return 0;
	/* refused while another connection has the file open: then WAL */
	if (query_text(db, "PRAGMA journal_mode = DELETE", v, sizeof(v)) != 0 ||
	    strcmp(v, "delete") != 0)
		return 0;
	/* NORMAL is only safe from a power cut in WAL mode */
	if (sqlite3_exec(db->h, "PRAGMA synchronous = FULL", NULL, NULL,
	    NULL) != SQLITE_OK) {
		cs_db_bulk_end(db);
		return 0;
	}
	return 1;
}

void
cs_db_bulk_end(struct cs_db *db)
{
	/* should this fail, the next cs_db_open sets WAL again */
	sqlite3_exec(db->h, "PRAGMA journal_mode = WAL;"
	    "PRAGMA synchronous = NORMAL", NULL, NULL, NULL);
}
