/*
 * db.h: the SQLite database: schema, migrations, and the few helpers every
 * tool needs.
 *
 * One file per town.  The schema version is PRAGMA user_version; opening a
 * database migrates it forward in one transaction, and refuses one made by
 * a newer callstat.  The database runs in WAL mode with a busy timeout, so
 * that a cron import and a person's query can use it at once.
 *
 * Raw records (cdr, queue_log) keep what the logs said, with their source
 * file and line; calls, daily and wait_hist are derived from them and the
 * configuration, and are rebuilt whenever either changes (calls.h).
 */
#ifndef CS_DB_H
#define CS_DB_H

#include <sqlite3.h>

#include "error.h"

#define CS_DB_VERSION 1

struct cs_db {
	sqlite3 *h;
	char *path;
};

/*
 * The database to use: explicit (from -d) if not NULL, else $CALLSTAT_DB,
 * else ./callstat.db.
 */
const char *cs_db_find(const char *explicit);

/*
 * Opens (creating when create is set) and migrates the database at path.
 * Fails when the file is not a callstat database or is newer than this
 * program.
 */
int cs_db_open(struct cs_db *db, const char *path, int create, struct cs_error *err);
/* Closes the database; fails (and says so) if SQLite cannot close it. */
int cs_db_close(struct cs_db *db, struct cs_error *err);

/* Runs sql (no results).  err gets SQLite's message. */
int cs_db_exec(struct cs_db *db, const char *sql, struct cs_error *err);
/* Prepares sql into *st. */
int cs_db_prepare(struct cs_db *db, sqlite3_stmt **st, const char *sql,
    struct cs_error *err);
/* Fills err with the database's current message, prefixed by what. */
int cs_db_fail(struct cs_db *db, const char *what, struct cs_error *err);

/* meta table: get into buf (""/-1 when absent) and set. */
int cs_db_meta_get(struct cs_db *db, const char *key, char *buf, size_t n,
    struct cs_error *err);
int cs_db_meta_set(struct cs_db *db, const char *key, const char *value,
    struct cs_error *err);

/*
 * A bulk load: the first import into a database that holds no record yet
 * runs with SQLite's rollback journal, which writes each new page once,
 * instead of WAL, which writes it twice (into the WAL, then back into the
 * database); nobody can be reading figures from a database with no record.
 * Called outside a transaction; returns 1 when the journal was switched
 * (then cs_db_bulk_end switches back, after the commit or the rollback),
 * 0 when the database holds records, or another connection has it open.
 * Meanwhile other connections wait for the lock (the busy timeout).
 */
int cs_db_bulk_begin(struct cs_db *db);
void cs_db_bulk_end(struct cs_db *db);

#endif
