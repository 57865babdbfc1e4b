/*
 * db.h: the SQLite database: schema, migrations, and the few helpers every
 * tool needs.
 *
 * One file per town.  The schema version is PRAGMA user_version; opening a
 * database to write it migrates it forward in one transaction, and refuses
 * one made by a newer callstat; tools that only read open it read-only.
 * The database runs in WAL mode with a busy timeout, so that a cron import
 * and a person's query can use it at once.
 *
 * Raw records (cdr, queue_log) keep what the logs said, with their source
 * file and line; calls, daily and wait_hist are derived from them and the
 * configuration, and are rebuilt whenever either changes (calls.h).
 */
#ifndef CS_DB_H
#define CS_DB_H

#include <sys/stat.h>

#include <stddef.h>

#include <sqlite3.h>

#include "error.h"

#define CS_DB_VERSION 6

/* The schema's migrations (db_schema.c): cs_db_migration[i] takes a
 * database from version i to i + 1; CS_DB_VERSION of them. */
extern const char *const cs_db_migration[CS_DB_VERSION];

/* How a tool opens the database. */
enum cs_db_mode {
	CS_DB_WRITE,		/* an existing database, read and written */
	CS_DB_CREATE,		/* the same, made with its schema when missing */
	CS_DB_READ,		/* read only: nothing written, nothing made */
};

struct cs_db {
	sqlite3 *h;
	char *path;
	enum cs_db_mode mode;
	/*
	 * Read without locks (SQLite's immutable=1): the file as it was
	 * when opened, which cs_db_unchanged checks (see cs_db_open).
	 */
	int unlocked;
	struct stat st;
};

/*
 * The database to use: explicit (from -d) if not NULL, else $CALLSTAT_DB,
 * else ./callstat.db.
 */
const char *cs_db_find(const char *explicit);

/*
 * Opens the database at path.  Before anything is written to an existing
 * file, a read-only look says whether it is callstat's (the schema version
 * in user_version and callstat's tables): another program's file, SQLite
 * or not, or a newer callstat's, is refused and left as it was, byte for
 * byte, with no -wal or -shm file beside it.
 *
 * CS_DB_WRITE and CS_DB_CREATE first check that what SQLite will write
 * can be written (cs_db_check_writable), then set WAL mode and migrate
 * the schema forward.
 *
 * CS_DB_READ opens the file read-only; a database of an older schema is
 * migrated first through a read-write connection, and an empty one is
 * refused ("import some logs first").  A WAL database needs its -shm
 * file: SQLite makes it, and leaves it and an empty -wal behind, when the
 * directory is writable.  When it is not, or when the file belongs to
 * another user (whom a -shm of ours would lock out), and no -wal or
 * -journal file says a writer is at work or was interrupted, the file is
 * read without locks, as SQLite's immutable=1: nothing is made, and
 * cs_db_unchanged then says whether a writer came meanwhile.  With a
 * -wal but no -shm in a directory it cannot write, it fails and says so.
 */
int cs_db_open(struct cs_db *db, const char *path, enum cs_db_mode mode,
    struct cs_error *err);

/*
 * Whether an import could write the database at path, creating nothing:
 * the file (made when create is set and it is missing) and its directory
 * writable, any -wal, -shm or -journal file beside it writable.  The
 * message names the file in the way and says what to do.
 */
int cs_db_check_writable(const char *path, int create, struct cs_error *err);

/* 1 when db was opened read-only (CS_DB_READ). */
int cs_db_readonly(const struct cs_db *db);

/*
 * For a database read without locks: fails when the file changed since
 * it was opened (an import ran meanwhile), saying to run the command
 * again.  Returns 0 otherwise, and always for a database read with locks.
 * Call it after the last read, before showing what was read.
 */
int cs_db_unchanged(struct cs_db *db, struct cs_error *err);

/*
 * On a read-only database: makes empty temporary tables calls, daily and
 * wait_hist, which hide the stored ones from this connection, so that
 * the derived tables can be rebuilt (calls.h) for this process only,
 * when they are out of date and the file cannot be written.
 */
int cs_db_shadow_derived(struct cs_db *db, struct cs_error *err);

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
 * (the import knows the tables of records: readers/format.h) runs with
 * SQLite's rollback journal, which writes each new page once, instead of
 * WAL, which writes it twice (into the WAL, then back into the database);
 * nobody can be reading figures from a database with no record.  Called
 * outside a transaction; returns 1 when the journal was switched (then
 * cs_db_bulk_end switches back, after the commit or the rollback), 0 when
 * another connection has the database open.
 * The caller then begins its transaction with BEGIN EXCLUSIVE, so that
 * other connections wait for the lock (the busy timeout) from its start:
 * with a RESERVED lock alone they would read the empty database until
 * SQLite's cache spills (import.c; t0045 feeds a load through a pipe).
 */
int cs_db_bulk_begin(struct cs_db *db);
void cs_db_bulk_end(struct cs_db *db);

#endif
