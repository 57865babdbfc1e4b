/*
 * test_db.c: the db suite.  A new database gets the current schema in WAL
 * mode and opens again; files that are not callstat databases, or come
 * from a newer callstat, are refused untouched, with a message that says
 * so; the meta table; a missing database without create; exec and prepare
 * errors; finding the database; the directory of a file (path.h); a bulk
 * load.  Each stored table's description (tabledef.h) is what the
 * migrations make; migration 1 -> 2 adds the bot leg's columns to calls
 * and has the calls rebuilt.  Opening read-only: test_db_read.c.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <sqlite3.h>

#include "db.h"
#include "dbfix.h"
#include "readers/generic_csv.h"
#include "import.h"
#include "path.h"
#include "readers/asterisk_tables.h"
#include "readers/bot.h"
#include "readers/freeswitch_tables.h"
#include "tables.h"
#include "unit.h"

static const char *const names[] = {
	"new.db", "text.db", "other.db", "newer.db", "meta.db", "absent.db",
	"empty.db", "bulk.db", "schema.db", "v1.db",
};

static int
suite_clean(void)
{
	return cs_db_fix_clean(names, sizeof(names) / sizeof(names[0]));
}

static void
query_text(sqlite3 *h, const char *sql, char *buf, size_t n)
{
	sqlite3_stmt *st = NULL;

	buf[0] = '\0';
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW && sqlite3_column_text(st, 0) != NULL)
		snprintf(buf, n, "%s", (const char *)sqlite3_column_text(st, 0));
	sqlite3_finalize(st);
}

static void
test_create_and_reopen(void)
{
	struct cs_db db;
	struct cs_error err;
	char mode[32];
	const char *path = tmp("new.db");

	rm_db("new.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_PTR_NOT_NULL(db.h);
	CU_ASSERT_STRING_EQUAL(db.path, path);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA user_version"), CS_DB_VERSION);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "wal");
	/* the tables of the schema */
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM sqlite_master "
	    "WHERE type = 'table' AND name IN ('meta', 'sources', 'cdr', "
	    "'queue_log', 'calls', 'daily', 'wait_hist')"), 7);
	CU_ASSERT_EQUAL(cs_db_exec(&db, "INSERT INTO meta(key, value) "
	    "VALUES('test', 'kept')", &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_PTR_NULL(db.h);

	/* open again, with or without create: the same database */
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA user_version"), CS_DB_VERSION);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM meta "
	    "WHERE key = 'test' AND value = 'kept'"), 1);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA user_version"), CS_DB_VERSION);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM meta "
	    "WHERE key = 'test'"), 1);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "wal");
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);

	/* an empty file (touch callstat.db) is a new database */
	rm_db("empty.db");
	{
		FILE *fp = fopen(tmp("empty.db"), "w");

		CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
		fclose(fp);
	}
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, tmp("empty.db"), CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA user_version"), CS_DB_VERSION);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

static void
test_not_sqlite(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("text.db");
	char text[8192], after[8192];
	long n1, n2;
	FILE *fp;

	/* a text file as big as a few database pages */
	rm_db("text.db");
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	for (int i = 0; i < 100; i++)
		fprintf(fp, "\"\",\"0639980101\",\"0199000100\",\"from-trunk\",%d\n", i);
	fclose(fp);
	n1 = slurp(path, text, sizeof(text));

	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_CREATE, &err), -1);
	CU_ASSERT_PTR_NULL(db.h);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	/* the message says what the file is not */
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a"));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "database"));
	if (strstr(err.msg, "not a") == NULL)
		fprintf(stderr, "\n  got \"%s\"\n", err.msg);
	/* and the file is as it was */
	n2 = slurp(path, after, sizeof(after));
	CU_ASSERT_EQUAL(n1, n2);
	CU_ASSERT(n1 > 0 && memcmp(text, after, (size_t)n1) == 0);

	/* without create too */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_WRITE, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a"));
}

/* Someone else's SQLite database (user_version 0, tables of its own). */
static void
test_other_database(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("other.db");
	sqlite3 *h = NULL;

	rm_db("other.db");
	CU_ASSERT_EQUAL_FATAL(raw_exec(path, "CREATE TABLE contacts(name TEXT, "
	    "phone TEXT); INSERT INTO contacts VALUES('x', 'y');"), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_CREATE, &err), -1);
	CU_ASSERT_PTR_NULL(db.h);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "not a callstat database"));
	if (strstr(err.msg, "not a callstat database") == NULL)
		fprintf(stderr, "\n  got \"%s\"\n", err.msg);
	/* left untouched: no schema added, still version 0 */
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &h), SQLITE_OK);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "PRAGMA user_version"), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT count(*) FROM sqlite_master "
	    "WHERE name = 'meta'"), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT count(*) FROM contacts"), 1);
	sqlite3_close(h);
}

static void
test_newer(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("newer.db");
	char sql[64];
	sqlite3 *h = NULL;

	rm_db("newer.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	snprintf(sql, sizeof(sql), "PRAGMA user_version = %d", CS_DB_VERSION + 1);
	CU_ASSERT_EQUAL_FATAL(raw_exec(path, sql), 0);

	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_CREATE, &err), -1);
	CU_ASSERT_PTR_NULL(db.h);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "newer callstat"));
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_WRITE, &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "newer callstat"));
	/* left at its version */
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &h), SQLITE_OK);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "PRAGMA user_version"), CS_DB_VERSION + 1);
	sqlite3_close(h);
}

static void
test_meta(void)
{
	struct cs_db db;
	struct cs_error err;
	char buf[64];
	const char *path = tmp("meta.db");

	rm_db("meta.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	/* absent: "" and no error */
	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "derived_from", "1:abc", &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "1:abc");
	/* set again: replaced, not added */
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "derived_from", "1:def", &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "1:def");
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM meta "
	    "WHERE key = 'derived_from'"), 1);
	/* other keys are apart */
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "other", "", &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "other", buf, sizeof(buf), &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "1:def");
	/* a value longer than the buffer is cut and terminated */
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "long", "0123456789", &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "long", buf, 5, &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "0123");
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);

	/* kept across opens */
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "1:def");
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

static void
test_missing_without_create(void)
{
	struct cs_db db;
	struct cs_error err;
	const char *path = tmp("absent.db");
	struct stat st;

	rm_db("absent.db");
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, path, CS_DB_WRITE, &err), -1);
	CU_ASSERT_PTR_NULL(db.h);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, path));
	/* nothing was made */
	CU_ASSERT_EQUAL(stat(path, &st), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);

	/* a directory that does not exist, even with create */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_open(&db, "/nonexistent/dir/callstat.db", CS_DB_CREATE, &err),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/dir/callstat.db"));
}

static void
test_exec_errors(void)
{
	struct cs_db db;
	struct cs_error err;
	sqlite3_stmt *st = (sqlite3_stmt *)&err;

	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, tmp("meta.db"), CS_DB_CREATE, &err), 0);
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_exec(&db, "SELECT * FROM no_such_table", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "no_such_table"));
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_db_prepare(&db, &st, "SELEC 1", &err), -1);
	CU_ASSERT_PTR_NULL(st);
	CU_ASSERT(err.msg[0] != '\0');
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

static void
test_find(void)
{
	const char *env = getenv("CALLSTAT_DB");
	char *saved = env != NULL ? strdup(env) : NULL;

	setenv("CALLSTAT_DB", "/from/env.db", 1);
	CU_ASSERT_STRING_EQUAL(cs_db_find("/explicit.db"), "/explicit.db");
	CU_ASSERT_STRING_EQUAL(cs_db_find(NULL), "/from/env.db");
	unsetenv("CALLSTAT_DB");
	CU_ASSERT_STRING_EQUAL(cs_db_find(NULL), "callstat.db");
	setenv("CALLSTAT_DB", "", 1);
	CU_ASSERT_STRING_EQUAL(cs_db_find(NULL), "callstat.db");
	if (saved != NULL) {
		setenv("CALLSTAT_DB", saved, 1);
		free(saved);
	} else {
		unsetenv("CALLSTAT_DB");
	}
}

/* A bulk load: only into a database with no record (import.h), and only
 * while no other connection has it open; WAL again after it. */
static void
test_bulk(void)
{
	struct cs_db db, other;
	struct cs_error err;
	char mode[16];

	rm_db("bulk.db");
	CU_ASSERT_FATAL(cs_db_open(&db, tmp("bulk.db"), CS_DB_CREATE, &err) == 0);
	/* another connection has it open: WAL stays */
	CU_ASSERT_FATAL(cs_db_open(&other, tmp("bulk.db"), CS_DB_WRITE, &err) == 0);
	CU_ASSERT_EQUAL(cs_import_bulk_begin(&db), 0);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "wal");
	CU_ASSERT_EQUAL(cs_db_close(&other, &err), 0);
	/* alone, with no record: the rollback journal, synced in full */
	CU_ASSERT_EQUAL(cs_import_bulk_begin(&db), 1);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "delete");
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA synchronous"), 2);
	CU_ASSERT_EQUAL(cs_db_exec(&db, "BEGIN IMMEDIATE; INSERT INTO queue_log "
	    "VALUES(1, 2, 0, 1, 'c', 'q', 'a', 'ENTERQUEUE', '', '', '', '', ''); "
	    "COMMIT", &err), 0);
	cs_db_bulk_end(&db);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "wal");
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA synchronous"), 1);
	/* a record now: no more bulk loads */
	CU_ASSERT_EQUAL(cs_import_bulk_begin(&db), 0);
	query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
	CU_ASSERT_STRING_EQUAL(mode, "wal");
	/* every record purged, the day totals kept (callstat-purge): readers
	   still read it, so no bulk load either */
	{
		char sql[512];
		int ncol = (int)cs_unit_count(db.h, "SELECT count(*) FROM "
		    "pragma_table_info('daily')");
		size_t len = (size_t)snprintf(sql, sizeof(sql), "DELETE FROM "
		    "queue_log; INSERT INTO daily VALUES('2025-03-03', "
		    "'2025-W10', 'accueil', 1");

		CU_ASSERT_FATAL(ncol > 4 && ncol < 60);
		for (int i = 4; i < ncol; i++)
			len += (size_t)snprintf(sql + len, sizeof(sql) - len, ", 0");
		snprintf(sql + len, sizeof(sql) - len, ")");
		CU_ASSERT_EQUAL_FATAL(cs_db_exec(&db, sql, &err), 0);
		CU_ASSERT_EQUAL(cs_import_bulk_begin(&db), 0);
		query_text(db.h, "PRAGMA journal_mode", mode, sizeof(mode));
		CU_ASSERT_STRING_EQUAL(mode, "wal");
	}
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

/* The directory of a file (path.h), and whether a file could go there. */
static void
test_path(void)
{
	char dir[64];

	cs_path_dir("town.db", dir, sizeof(dir));
	CU_ASSERT_STRING_EQUAL(dir, ".");
	cs_path_dir("/town.db", dir, sizeof(dir));
	CU_ASSERT_STRING_EQUAL(dir, "/");
	cs_path_dir("/var/lib/callstat/town.db", dir, sizeof(dir));
	CU_ASSERT_STRING_EQUAL(dir, "/var/lib/callstat");
	cs_path_dir("data/town.db", dir, sizeof(dir));
	CU_ASSERT_STRING_EQUAL(dir, "data");
	CU_ASSERT_EQUAL(cs_path_creatable(tmp("new.db"), dir, sizeof(dir)), 0);
	CU_ASSERT_EQUAL(cs_path_creatable("/nonexistent-dir/x/new.db", dir,
	    sizeof(dir)), -1);
	CU_ASSERT_EQUAL(errno, ENOENT);
	CU_ASSERT_STRING_EQUAL(dir, "/nonexistent-dir/x");
}

/*
 * How far t's description is from the table of that name in h, by PRAGMA
 * table_info: 0 when every column has the description's name, type, NOT
 * NULL, default and place in the primary key, in its order; else the
 * number of differences (a column missing or too many counts as one).
 */
static int
schema_differs(sqlite3 *h, const struct cs_tabledef *t)
{
	sqlite3_stmt *st = NULL;
	char sql[128];
	int n = 0, diff = 0;

	snprintf(sql, sizeof(sql), "PRAGMA table_info(%s)", t->name);
	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		return -1;
	while (sqlite3_step(st) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(st, 1);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		const char *dflt = (const char *)sqlite3_column_text(st, 4);
		int notnull = sqlite3_column_int(st, 3), pk = sqlite3_column_int(st, 5);
		const char *decl, *want_dflt;
		size_t ntype = strlen(type);
		int want_pk = 0;

		if (n >= t->ncols) {
			diff++;
			break;
		}
		/* the declaration: TYPE [NOT NULL] [DEFAULT value] */
		decl = t->col[n].decl;
		want_dflt = strstr(decl, "DEFAULT ");
		for (int k = 0; k < t->nkey; k++)
			if (t->key[k] == n)
				want_pk = k + 1;
		diff += strcmp(name, t->col[n].name) != 0;
		diff += strncmp(decl, type, ntype) != 0 ||
		    (decl[ntype] != ' ' && decl[ntype] != '\0');
		diff += notnull != (strstr(decl, "NOT NULL") != NULL);
		diff += (dflt == NULL) != (want_dflt == NULL) || (dflt != NULL &&
		    strcmp(dflt, want_dflt + strlen("DEFAULT ")) != 0);
		diff += pk != want_pk;
		n++;
	}
	sqlite3_finalize(st);
	return diff + (n != t->ncols);
}

static const struct cs_tabledef *const stored[] = {
	&cs_table_cdr, &cs_table_queue_log, &cs_table_calls, &cs_table_daily,
	&cs_table_wait_hist, &cs_table_bot_event, &cs_table_bot_session,
	&cs_table_fs_cdr, &cs_table_fs_queue,
	&cs_table_generic_csv,
};
#define NSTORED (sizeof(stored) / sizeof(stored[0]))

/*
 * Each description is the table the migrations make, and its CREATE TABLE
 * makes the same; a description that is not (a type, a NOT NULL, a
 * default, a name, the key, a column less) is told.
 */
static void
test_schema_described(void)
{
	struct cs_db db;
	struct cs_error err;
	struct cs_tabledef t;
	struct cs_tabledef_col col[64];
	int key[2];

	rm_db("schema.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, tmp("schema.db"), CS_DB_CREATE,
	    &err), 0);
	for (size_t i = 0; i < NSTORED; i++) {
		char *sql = cs_tabledef_create(stored[i]), *made;

		CU_ASSERT_EQUAL(schema_differs(db.h, stored[i]), 0);
		CU_ASSERT_PTR_NOT_NULL_FATAL(sql);
		made = sqlite3_mprintf("CREATE TEMP TABLE %s",
		    sql + strlen("CREATE TABLE "));
		CU_ASSERT_EQUAL(cs_db_exec(&db, made, &err), 0);
		sqlite3_free(made);
		free(sql);
	}
	/* now the temporary tables, which hide the stored ones */
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM "
	    "sqlite_temp_master WHERE type = 'table'"), (int)NSTORED);
	for (size_t i = 0; i < NSTORED; i++)
		CU_ASSERT_EQUAL(schema_differs(db.h, stored[i]), 0);
	for (size_t i = 0; i < NSTORED; i++) {
		char *drop = sqlite3_mprintf("DROP TABLE temp.%s", stored[i]->name);

		CU_ASSERT_EQUAL(cs_db_exec(&db, drop, &err), 0);
		sqlite3_free(drop);
	}

	/* descriptions that disagree with the schema, one way each */
	t = cs_table_cdr;
	memcpy(col, t.col, (size_t)t.ncols * sizeof(col[0]));
	t.col = col;
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 0);
	col[CS_CDR_COL_LINE].decl = "TEXT NOT NULL";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_LINE].decl = "INT NOT NULL";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_LINE].decl = "INTEGER";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_LINE] = cs_table_cdr.col[CS_CDR_COL_LINE];
	col[CS_CDR_COL_FLAGS].decl = "INTEGER NOT NULL";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_FLAGS].decl = "INTEGER NOT NULL DEFAULT 1";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_FLAGS] = cs_table_cdr.col[CS_CDR_COL_FLAGS];
	col[CS_CDR_COL_SRC].name = "source_number";
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	col[CS_CDR_COL_SRC] = cs_table_cdr.col[CS_CDR_COL_SRC];
	t.ncols--;
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	t.ncols++;
	key[0] = CS_CDR_COL_RHASH;
	key[1] = CS_CDR_COL_START;
	t.key = key;
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 2);
	t = cs_table_calls;
	t.ncols--;	/* calls without bot_start: the schema has it */
	CU_ASSERT_EQUAL(schema_differs(db.h, &t), 1);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

/*
 * A database of schema 1: migration 2 adds calls.bot_key and bot_start
 * (NULL for the calls stored before), and forgets what the derived tables
 * were made from, so that they are rebuilt.
 */
static void
test_migration_2(void)
{
	struct cs_db db;
	struct cs_error err;
	char buf[64];

	rm_db("v1.db");
	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, tmp("v1.db"), CS_DB_CREATE, &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "derived_from", "1:abc", &err), 0);
	CU_ASSERT_EQUAL(cs_db_meta_set(&db, "other", "kept", &err), 0);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
	/* back to schema 1's calls, as migration 0 made them */
	CU_ASSERT_EQUAL_FATAL(raw_exec(tmp("v1.db"), "ALTER TABLE calls DROP "
	    "COLUMN bot_start; ALTER TABLE calls DROP COLUMN bot_key;"
	    "DROP TABLE bot_event; DROP TABLE bot_session; DROP TABLE fs_cdr;"
	    "DROP TABLE fs_queue; DROP TABLE generic_csv;"
	    "INSERT INTO calls(start, id, end, day, week, direction, service, "
	    "in_hours, escalated, needed_agent, bot_answered, caller, legs, "
	    "flags) VALUES(1746086400, 'c1', 1746086462, '2025-05-01', "
	    "'2025-W18', 'inbound', 'accueil', 0, 0, 0, 1, '', 1, 0);"
	    "PRAGMA user_version = 1"), 0);

	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, tmp("v1.db"), CS_DB_WRITE, &err), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "PRAGMA user_version"), CS_DB_VERSION);
	CU_ASSERT_EQUAL(schema_differs(db.h, &cs_table_calls), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(db.h, "SELECT count(*) FROM calls WHERE "
	    "id = 'c1' AND bot_key IS NULL AND bot_start IS NULL"), 1);
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "derived_from", buf, sizeof(buf),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "");
	CU_ASSERT_EQUAL(cs_db_meta_get(&db, "other", buf, sizeof(buf), &err), 0);
	CU_ASSERT_STRING_EQUAL(buf, "kept");
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

static CU_TestInfo tests[] = {
	{ "the directory of a file", test_path },
	{ "bulk load: rollback journal, then WAL", test_bulk },
	{ "create and re-open", test_create_and_reopen },
	{ "a file that is not SQLite", test_not_sqlite },
	{ "another program's database", test_other_database },
	{ "a newer callstat's database", test_newer },
	{ "meta", test_meta },
	{ "missing without create", test_missing_without_create },
	{ "exec and prepare errors", test_exec_errors },
	{ "finding the database", test_find },
	{ "each stored table as described", test_schema_described },
	{ "migration 1 -> 2: the bot leg of calls", test_migration_2 },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("db", tests, cs_db_fix_init, suite_clean)
