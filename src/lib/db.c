#include <errno.h>
#include <limits.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "db.h"
#include "path.h"
#include "tables.h"

#define BUSY_TIMEOUT_MS 30000
#define BUSY_STEP_MS 20


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

	if (sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st,
	    NULL) != SQLITE_OK) {
		rc = sqlite3_errcode(db->h);
		goto fail;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return 0;
fail:
	if ((rc & 0xff) == SQLITE_NOTADB)
		return cs_error_set(err, "%s: not an SQLite database; "
		    "give another file with -d", db->path);
	return cs_db_fail(db, "cannot read the schema version", err);
}

#define NMIGRATIONS CS_DB_VERSION

/*
 * Whether db is callstat's, reading only: *v gets its schema version, 0
 * for an empty file (a new database).  Another program's database, SQLite
 * or not, and a newer callstat's are refused.  Version 0 must mean no
 * table at all, and a version of ours the tables of the first schema
 * (many programs set user_version: it alone proves nothing).
 */
static int
identify(struct cs_db *db, int *v, struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	int rc, tables = 0, ours = 0;

	if (user_version(db, v, err) != 0)
		return -1;
	if (*v > NMIGRATIONS)
		return cs_error_set(err, "%s: made by a newer callstat (schema %d, "
		    "this one knows up to %d); upgrade callstat", db->path, *v,
		    NMIGRATIONS);
	if (cs_db_prepare(db, &st, "SELECT count(*), coalesce(sum(type = 'table' "
	    "AND name IN ('meta', 'sources', 'cdr', 'queue_log', 'calls', "
	    "'daily', 'wait_hist')), 0) FROM sqlite_master", err) != 0)
		return -1;
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		tables = sqlite3_column_int(st, 0);
		ours = sqlite3_column_int(st, 1);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return cs_db_fail(db, "cannot read the schema", err);
	if ((*v == 0 && tables != 0) || (*v > 0 && ours != 7))
		return cs_error_set(err, "%s: not a callstat database; "
		    "give another file with -d", db->path);
	return 0;
}

static int
migrate(struct cs_db *db, struct cs_error *err)
{
	int v, n = NMIGRATIONS;
	char sql[64];

	if (identify(db, &v, err) != 0)
		return -1;
	if (v == n)
		return 0;
	if (cs_db_exec(db, "BEGIN IMMEDIATE", err) != 0)
		return -1;
	/* re-read under the write lock: another process may have migrated */
	if (user_version(db, &v, err) != 0)
		goto fail;
	for (; v < n; v++) {
		if (cs_db_exec(db, cs_db_migration[v], err) != 0)
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
 * SQLite's settings for the whole process, which it takes only before its
 * first use.
 * A statement that writes many rows (an import writes them 64 at a time)
 * keeps what it changes in a statement journal, to undo itself should it
 * fail half-way.  SQLite keeps that journal in memory up to 64 KiB, a
 * single one of our pages, then writes it to a temporary file: the import
 * wrote some 400 MB into one.  4 MiB holds what a statement of 64 rows
 * changes.
 * SQLite counts the memory it holds, under a lock taken at each of its
 * allocations and frees (millions in an import); nothing here reads the
 * count.
 */
static void
configure_sqlite(void)
{
	static int done;

	if (!done) {
		sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 4 * 1024 * 1024);
		sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
		done = 1;
	}
}

/* Whether path followed by suffix exists. */
static int
beside(const char *path, const char *suffix)
{
	char p[PATH_MAX + 16];
	struct stat st;

	snprintf(p, sizeof(p), "%s%s", path, suffix);
	return lstat(p, &st) == 0;
}

static const char *
owner_name(uid_t uid, char *buf, size_t n)
{
	struct passwd *pw = getpwuid(uid);

	if (pw != NULL)
		snprintf(buf, n, "%s", pw->pw_name);
	else
		snprintf(buf, n, "uid %u", (unsigned)uid);
	return buf;
}

/*
 * A file SQLite keeps beside the database that this user cannot write:
 * what it is decides what may be done with it.  A -shm is an index SQLite
 * rebuilds; a -wal holds committed changes until they are copied into the
 * database, and a -journal what undoes an interrupted transaction: removing
 * either loses data or breaks the database.
 */
static int
side_not_writable(const char *p, const char *suffix, int e, struct cs_error *err)
{
	struct stat st;
	char who[64];

	if (stat(p, &st) != 0)
		return cs_error_set(err, "%s: %s", p, strerror(errno));
	owner_name(st.st_uid, who, sizeof(who));
	if (strcmp(suffix, "-shm") == 0 || (strcmp(suffix, "-wal") == 0 &&
	    st.st_size == 0))
		return cs_error_set(err, "%s is not writable (%s): remove it if no "
		    "import is running (SQLite makes it again), or run as its "
		    "owner, %s", p, strerror(e), who);
	return cs_error_set(err, "%s is not writable (%s): it holds %s; run "
	    "callstat-import once as its owner, %s, which %s; do not remove it",
	    p, strerror(e), suffix[1] == 'w' ? "changes not yet copied into "
	    "the database" : "what undoes an interrupted import",
	    who, suffix[1] == 'w' ? "copies them and removes it" :
	    "rolls it back and removes it");
}

int
cs_db_check_writable(const char *path, int create, struct cs_error *err)
{
	static const char *const side[] = { "-wal", "-shm", "-journal" };
	char dir[PATH_MAX], p[PATH_MAX + 16];
	struct stat st;

	if (stat(path, &st) != 0) {
		if (errno != ENOENT)
			return cs_error_set(err, "%s: %s", path, strerror(errno));
		if (!create)
			return cs_error_set(err, "%s: no such database; import some "
			    "logs first (callstat-import) or give the database "
			    "with -d", path);
		if (cs_path_creatable(path, dir, sizeof(dir)) != 0)
			return cs_error_set(err, "%s: cannot create the database: "
			    "%s: %s", path, dir, strerror(errno));
		return 0;
	}
	if (S_ISDIR(st.st_mode))
		return cs_error_set(err, "%s: is a directory; give the database "
		    "file with -d", path);
	if (access(path, W_OK) != 0)
		return cs_error_set(err, "%s: not writable (%s): run as the "
		    "database's owner", path, strerror(errno));
	for (size_t i = 0; i < sizeof(side) / sizeof(side[0]); i++) {
		snprintf(p, sizeof(p), "%s%s", path, side[i]);
		if (access(p, F_OK) == 0 && access(p, W_OK) != 0)
			return side_not_writable(p, side[i], errno, err);
	}
	if (cs_path_creatable(path, dir, sizeof(dir)) != 0)
		return cs_error_set(err, "%s: directory not writable (%s): SQLite "
		    "makes %s-wal and -shm there while it writes; run as a user "
		    "who can write it", dir, strerror(errno), path);
	return 0;
}

/*
 * The URI that opens path read-only (query: SQLite's URI parameters),
 * percent-encoded.  An absolute path gets an empty authority, so that
 * "//x" is not taken for a host.
 */
static char *
uri_of(const char *path, const char *query)
{
	size_t n = strlen(path);
	char *u = malloc(8 + 3 * n + strlen(query) + 2), *o;

	if (u == NULL)
		return NULL;
	o = u + sprintf(u, path[0] == '/' ? "file://" : "file:");
	for (const unsigned char *c = (const unsigned char *)path; *c != '\0'; c++) {
		if ((*c >= 'a' && *c <= 'z') || (*c >= 'A' && *c <= 'Z') ||
		    (*c >= '0' && *c <= '9') || strchr("/-._~", *c) != NULL)
			*o++ = (char)*c;
		else
			o += sprintf(o, "%%%02X", *c);
	}
	sprintf(o, "?%s", query);
	return u;
}

/*
 * A read-only connection, with locks, or without (unlocked: SQLite's
 * immutable=1, which neither locks nor makes a -shm, and reads the file
 * alone).  Reads the schema version at once: a WAL database that cannot
 * be read fails here, and says why.  Returns -1 when the file is refused
 * (not callstat's, or newer), -2 when SQLite could not read it.
 */
static int
open_ro(struct cs_db *db, int unlocked, int *v, struct cs_error *err)
{
	char *uri = uri_of(db->path, unlocked ? "mode=ro&immutable=1" : "mode=ro");
	char dir[PATH_MAX];
	int rc;

	if (uri == NULL)
		return cs_error_set(err, "out of memory");
	rc = sqlite3_open_v2(uri, &db->h, SQLITE_OPEN_READONLY |
	    SQLITE_OPEN_URI | SQLITE_OPEN_NOMUTEX, NULL);
	free(uri);
	db->unlocked = unlocked;
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db->h, BUSY_TIMEOUT_MS);
		sqlite3_extended_result_codes(db->h, 1);
		if (identify(db, v, err) == 0)
			return 0;
		/* refused as not ours, or not read at all */
		rc = sqlite3_errcode(db->h) & 0xff;
		if (rc == SQLITE_ROW || rc == SQLITE_DONE || rc == SQLITE_NOTADB)
			rc = SQLITE_OK;
	} else
		cs_db_fail(db, "cannot open", err);
	if (!unlocked && beside(db->path, "-wal") && !beside(db->path, "-shm") &&
	    cs_path_creatable(db->path, dir, sizeof(dir)) != 0)
		cs_error_set(err, "%s: cannot be read: its -wal file needs a -shm "
		    "file beside it, which cannot be made in %s; run as a user "
		    "who can write %s, or as the owner run callstat-import, which "
		    "removes the -wal when done", db->path, dir, dir);
	sqlite3_close(db->h);
	db->h = NULL;
	return rc == SQLITE_OK ? -1 : -2;
}

/*
 * The look before anything is written: a connection that writes nothing
 * and makes no file when no -wal or -journal is there (it would make a
 * -wal and a -shm, and leave them, were the file in WAL mode).
 */
static int
probe(struct cs_db *db, int *v, struct cs_error *err)
{
	int rc, unlocked = !beside(db->path, "-wal") &&
	    !beside(db->path, "-journal");

	rc = open_ro(db, unlocked, v, err);
	/* not read, unlocked: perhaps a first import was writing the file
	   at that very moment; look again, under its locks */
	if (rc == -2 && unlocked)
		rc = open_ro(db, 0, v, err);
	sqlite3_close(db->h);
	db->h = NULL;
	db->unlocked = 0;
	return rc != 0 ? -1 : 0;
}

/* The read-only connection of CS_DB_READ (db.h says which, and why). */
static int
open_read(struct cs_db *db, struct cs_error *err)
{
	char dir[PATH_MAX];
	int v, busy, mine;

	if (stat(db->path, &db->st) != 0)
		return cs_error_set(err, "%s: %s", db->path, strerror(errno));
	busy = beside(db->path, "-wal") || beside(db->path, "-journal");
	mine = geteuid() == 0 || geteuid() == db->st.st_uid;
	if (open_ro(db, !busy && (!mine || cs_path_creatable(db->path, dir,
	    sizeof(dir)) != 0), &v, err) != 0)
		return -1;
	if (v != NMIGRATIONS)	/* replaced meanwhile */
		return cs_error_set(err, "%s: changed while being opened; run "
		    "the command again", db->path);
	return cs_db_exec(db, "PRAGMA cache_size = -16384;"
	    "PRAGMA temp_store = FILE", err);
}

int
cs_db_open(struct cs_db *db, const char *path, enum cs_db_mode mode,
    struct cs_error *err)
{
	/* one connection per process, used by one thread: no mutexes */
	int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	    (mode == CS_DB_CREATE ? SQLITE_OPEN_CREATE : 0);
	struct stat st;
	int v = 0;

	memset(db, 0, sizeof(*db));
	if ((db->path = cs_strdup(path)) == NULL)
		return cs_error_set(err, "out of memory");
	db->mode = mode;
	configure_sqlite();
	if (mode != CS_DB_READ &&
	    cs_db_check_writable(path, mode == CS_DB_CREATE, err) != 0)
		goto fail;
	if (stat(path, &st) != 0) {
		if (mode != CS_DB_CREATE) {
			cs_error_set(err, "%s: %s; import some logs first "
			    "(callstat-import) or give the database with -d", path,
			    strerror(errno));
			goto fail;
		}
	} else if (S_ISDIR(st.st_mode)) {
		cs_error_set(err, "%s: is a directory; give the database file "
		    "with -d", path);
		goto fail;
	} else if (probe(db, &v, err) != 0)
		goto fail;

	if (mode == CS_DB_READ) {
		if (v == 0) {
			cs_error_set(err, "%s: holds no data yet; import some logs "
			    "first (callstat-import)", path);
			goto fail;
		}
		if (v < NMIGRATIONS) {
			/* an older schema: migrated once, by a writer */
			struct cs_db w;

			if (cs_db_open(&w, path, CS_DB_WRITE, err) != 0 ||
			    cs_db_close(&w, err) != 0)
				goto fail;
		}
		if (open_read(db, err) != 0)
			goto fail;
		return 0;
	}

	if (sqlite3_open_v2(path, &db->h, flags, NULL) != SQLITE_OK) {
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
	   file adds; truncate it back after each checkpoint.  What is
	   deleted, and the old place of a row a page split moves, is
	   overwritten with zeros whatever SQLite's build says (Debian's does,
	   others do not): otherwise the copies a split leaves in free space
	   outlive callstat-purge (t0300) */
	if (cs_db_exec(db, "PRAGMA synchronous = NORMAL;"
	    "PRAGMA secure_delete = ON;"
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
cs_db_readonly(const struct cs_db *db)
{
	return db->mode == CS_DB_READ;
}

int
cs_db_unchanged(struct cs_db *db, struct cs_error *err)
{
	struct stat now;

	if (!db->unlocked)
		return 0;
	/* a writer changes the file itself only when it copies its WAL
	   back, or in a bulk load (cs_db_bulk_begin): both change these */
	if (stat(db->path, &now) != 0 || now.st_dev != db->st.st_dev ||
	    now.st_ino != db->st.st_ino || now.st_size != db->st.st_size ||
	    now.st_mtim.tv_sec != db->st.st_mtim.tv_sec ||
	    now.st_mtim.tv_nsec != db->st.st_mtim.tv_nsec)
		return cs_error_set(err, "%s: changed while being read (an import "
		    "ran meanwhile); run the command again", db->path);
	return 0;
}

int
cs_db_shadow_derived(struct cs_db *db, struct cs_error *err)
{
	const struct cs_tabledef *const *table = cs_derived_tables;
	sqlite3_stmt *st = NULL;
	int rc = -1;

	/* the tables as the schema made them: same keys, same order */
	if (cs_db_prepare(db, &st, "SELECT sql FROM main.sqlite_master "
	    "WHERE tbl_name = ? AND sql IS NOT NULL ORDER BY type = 'index'",
	    err) != 0)
		return -1;
	for (size_t i = 0; table[i] != NULL; i++) {
		sqlite3_bind_text(st, 1, table[i]->name, -1, SQLITE_STATIC);
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			const char *sql = (const char *)sqlite3_column_text(st, 0);
			char *tmp;

			if (strncmp(sql, "CREATE TABLE ", 13) == 0)
				tmp = sqlite3_mprintf("CREATE TEMP TABLE %s", sql + 13);
			else if (strncmp(sql, "CREATE INDEX ", 13) == 0)
				tmp = sqlite3_mprintf("CREATE INDEX temp.%s", sql + 13);
			else if (strncmp(sql, "CREATE UNIQUE INDEX ", 20) == 0)
				tmp = sqlite3_mprintf("CREATE UNIQUE INDEX temp.%s",
				    sql + 20);
			else {
				rc = cs_error_set(err, "%s: unexpected schema of %s",
				    db->path, table[i]->name);
				goto out;
			}
			if (tmp == NULL) {
				rc = cs_error_set(err, "out of memory");
				goto out;
			}
			rc = cs_db_exec(db, tmp, err);
			sqlite3_free(tmp);
			if (rc != 0)
				goto out;
		}
		if (rc != SQLITE_DONE) {
			rc = cs_db_fail(db, "cannot read the schema", err);
			goto out;
		}
		sqlite3_reset(st);
	}
	rc = 0;
out:
	sqlite3_finalize(st);
	return rc;
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
