/*
 * test_tabledef.c: the tabledef suite.  A small table's positions, its
 * INSERT (one row, several, each conflict), SELECT (all columns, some),
 * CREATE TABLE and sums, written out by hand, then run in SQLite; the
 * positions of the stored tables, as the code that read them by number
 * had them.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "readers/asterisk_tables.h"
#include "tables.h"
#include "tabledef.h"
#include "unit.h"

#define T_COLUMNS(X) \
	X(DAY, day, "TEXT NOT NULL") \
	X(SERVICE, service, "TEXT NOT NULL") \
	X(NOTE, note, "TEXT DEFAULT ''") \
	X(N, n, "INTEGER NOT NULL") \
	X(M, m, "INTEGER NOT NULL DEFAULT 0")
#define T_COL_(E, name, decl) T_##E,
enum { T_COLUMNS(T_COL_) T_NCOL };

static const struct cs_tabledef_col t_col[] = { T_COLUMNS(CS_TABLEDEF_COL) };
static const int t_key[] = { T_DAY, T_SERVICE };
static const struct cs_tabledef t_add = {
	.name = "t", .col = t_col, .ncols = T_NCOL, .key = t_key, .nkey = 2,
	.conflict = CS_TABLEDEF_ADD, .first_sum = T_N,
};

/* Checks that s equals want, and frees s. */
static void
check_text(char *s, const char *want)
{
	CU_ASSERT_PTR_NOT_NULL_FATAL(s);
	CU_ASSERT_STRING_EQUAL(s, want);
	free(s);
}

static void
test_positions(void)
{
	CU_ASSERT_EQUAL(T_DAY, 0);
	CU_ASSERT_EQUAL(T_SERVICE, 1);
	CU_ASSERT_EQUAL(T_NOTE, 2);
	CU_ASSERT_EQUAL(T_N, 3);
	CU_ASSERT_EQUAL(T_M, 4);
	CU_ASSERT_EQUAL(T_NCOL, 5);
	CU_ASSERT_STRING_EQUAL(t_col[T_N].name, "n");
	CU_ASSERT_STRING_EQUAL(t_col[T_NOTE].decl, "TEXT DEFAULT ''");

	/* the stored tables: the positions calls.c and kpi.c used by number */
	CU_ASSERT_EQUAL(CS_CDR_NCOL, 25);
	CU_ASSERT_EQUAL(CS_CDR_COL_RHASH, 1);
	CU_ASSERT_EQUAL(CS_CDR_COL_ANSWER, 4);
	CU_ASSERT_EQUAL(CS_CDR_COL_CALLER, 8);
	CU_ASSERT_EQUAL(CS_CDR_COL_DISPOSITION, 16);
	CU_ASSERT_EQUAL(CS_CDR_COL_UNIQUEID, 19);
	CU_ASSERT_EQUAL(CS_CDR_COL_LINKEDID, 22);
	CU_ASSERT_EQUAL(CS_CDR_COL_FLAGS, 24);
	CU_ASSERT_STRING_EQUAL(cs_table_cdr.col[CS_CDR_COL_LASTDATA].name, "lastdata");
	CU_ASSERT_EQUAL(CS_QLOG_NCOL, 13);
	CU_ASSERT_EQUAL(CS_QLOG_COL_CALLID, 4);
	CU_ASSERT_EQUAL(CS_QLOG_COL_EVENT, 7);
	CU_ASSERT_EQUAL(CS_QLOG_COL_DATA1, 8);
	CU_ASSERT_STRING_EQUAL(cs_table_queue_log.col[CS_QLOG_COL_DATA5].name, "data5");
	CU_ASSERT_EQUAL(CS_CALLS_NCOL, 25);
	CU_ASSERT_EQUAL(CS_CALLS_CALLBACK_24H, 22);
	CU_ASSERT_STRING_EQUAL(cs_table_calls.col[CS_CALLS_BOT_KEY].name, "bot_key");
	CU_ASSERT_EQUAL(CS_DAILY_NCOL, 28);
	CU_ASSERT_EQUAL(CS_DAILY_FIRST_SUM, 4);
	CU_ASSERT_EQUAL(CS_SUM_N, 24);
	CU_ASSERT_STRING_EQUAL(cs_table_daily.col[CS_DAILY_FIRST_SUM +
	    CS_SUM_WAIT].name, "wait_sum");
	CU_ASSERT_STRING_EQUAL(cs_table_daily.col[CS_DAILY_FIRST_SUM +
	    CS_SUM_CALLBACK24].name, "callback24_num");
	CU_ASSERT_EQUAL(CS_HIST_NCOL, 7);
	CU_ASSERT_EQUAL(cs_table_wait_hist.first_sum, 6);
}

static void
test_texts(void)
{
	struct cs_tabledef t = t_add;

	check_text(cs_tabledef_insert_as(&t_add, 1, t_add.conflict),
	    "INSERT INTO t(day, service, "
	    "note, n, m) VALUES(?, ?, ?, ?, ?) ON CONFLICT(day, service) "
	    "DO UPDATE SET n = n + excluded.n, m = m + excluded.m");
	t.conflict = CS_TABLEDEF_IGNORE;
	check_text(cs_tabledef_insert_as(&t, 1, t.conflict),
	    "INSERT OR IGNORE INTO t(day, "
	    "service, note, n, m) VALUES(?, ?, ?, ?, ?)");
	check_text(cs_tabledef_insert_as(&t, 3, t.conflict),
	    "INSERT OR IGNORE INTO t(day, "
	    "service, note, n, m) VALUES(?, ?, ?, ?, ?),(?, ?, ?, ?, ?),"
	    "(?, ?, ?, ?, ?)");
	/* from a table's first columns: an upsert's SELECT needs its WHERE */
	check_text(cs_tabledef_insert_from(&t_add, "src", CS_TABLEDEF_IGNORE),
	    "INSERT OR IGNORE INTO t(day, service, note, n, m) "
	    "SELECT c0, c1, c2, c3, c4 FROM src");
	check_text(cs_tabledef_insert_from(&t_add, "src", CS_TABLEDEF_ADD),
	    "INSERT INTO t(day, service, note, n, m) "
	    "SELECT c0, c1, c2, c3, c4 FROM src WHERE 1 "
	    "ON CONFLICT(day, service) "
	    "DO UPDATE SET n = n + excluded.n, m = m + excluded.m");
	t.conflict = CS_TABLEDEF_REPLACE;
	check_text(cs_tabledef_insert_as(&t, 2, t.conflict),
	    "INSERT OR REPLACE INTO t(day, "
	    "service, note, n, m) VALUES(?, ?, ?, ?, ?),(?, ?, ?, ?, ?)");
	t.conflict = CS_TABLEDEF_UPDATE;
	check_text(cs_tabledef_insert_as(&t, 1, t.conflict),
	    "INSERT INTO t(day, service, "
	    "note, n, m) VALUES(?, ?, ?, ?, ?) ON CONFLICT(day, service) "
	    "DO UPDATE SET note = excluded.note, n = excluded.n, m = excluded.m "
	    "WHERE note IS NOT excluded.note OR n IS NOT excluded.n OR "
	    "m IS NOT excluded.m");
	check_text(cs_tabledef_select(&t_add, CS_TABLEDEF_ALL, NULL),
	    "SELECT day, service, note, n, m FROM t");
	check_text(cs_tabledef_select(&t_add, 1U << T_DAY | 1U << T_M,
	    "WHERE day >= ? ORDER BY day"),
	    "SELECT day, NULL, NULL, NULL, m FROM t WHERE day >= ? ORDER BY day");
	check_text(cs_tabledef_create(&t_add), "CREATE TABLE t(day TEXT NOT "
	    "NULL, service TEXT NOT NULL, note TEXT DEFAULT '', n INTEGER NOT "
	    "NULL, m INTEGER NOT NULL DEFAULT 0, PRIMARY KEY(day, service)) "
	    "WITHOUT ROWID");
	check_text(cs_tabledef_sums(&t_add, T_N), "sum(n), sum(m)");
	check_text(cs_tabledef_sums(&t_add, T_M), "sum(m)");
}

/* Runs the INSERT of t (nrows rows, each day d, service s, n, m). */
static int
insert(sqlite3 *h, const struct cs_tabledef *t, int nrows, int n)
{
	char *sql = cs_tabledef_insert_as(t, nrows, t->conflict);
	sqlite3_stmt *st = NULL;
	int rc = -1;

	if (sql != NULL && sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK) {
		for (int r = 0; r < nrows; r++) {
			sqlite3_bind_text(st, r * T_NCOL + 1, "2025-05-01", -1,
			    SQLITE_STATIC);
			sqlite3_bind_text(st, r * T_NCOL + 2, "accueil", -1,
			    SQLITE_STATIC);
			sqlite3_bind_int(st, r * T_NCOL + 4, n);
			sqlite3_bind_int(st, r * T_NCOL + 5, 10 * n);
		}
		rc = sqlite3_step(st) == SQLITE_DONE ? 0 : -1;
	}
	sqlite3_finalize(st);
	free(sql);
	return rc;
}

/* The texts as SQLite takes them: rows of the same key added, ignored,
   replaced; the stored tables' statements prepare. */
static void
test_in_sqlite(void)
{
	const struct cs_tabledef *const stored[] = {
		&cs_table_cdr, &cs_table_queue_log, &cs_table_calls,
		&cs_table_daily, &cs_table_wait_hist,
	};
	struct cs_tabledef t = t_add;
	sqlite3 *h = NULL;
	char *sql;

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &h), SQLITE_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(sql = cs_tabledef_create(&t_add));
	CU_ASSERT_EQUAL(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
	free(sql);
	CU_ASSERT_EQUAL(insert(h, &t_add, 1, 2), 0);
	CU_ASSERT_EQUAL(insert(h, &t_add, 1, 3), 0);
	/* added: 2 + 3, 20 + 30; the note took its default */
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT count(*) FROM t"), 1);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT n FROM t"), 5);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT m FROM t"), 50);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT note IS NULL FROM t"), 1);
	t.conflict = CS_TABLEDEF_IGNORE;
	CU_ASSERT_EQUAL(insert(h, &t, 2, 7), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT n FROM t"), 5);
	t.conflict = CS_TABLEDEF_REPLACE;
	CU_ASSERT_EQUAL(insert(h, &t, 1, 7), 0);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT n FROM t"), 7);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT count(*) FROM t"), 1);
	/* updated: written only when a value differs (NULL is one) */
	t.conflict = CS_TABLEDEF_UPDATE;
	CU_ASSERT_EQUAL(insert(h, &t, 1, 7), 0);
	CU_ASSERT_EQUAL(sqlite3_changes(h), 0);
	CU_ASSERT_EQUAL(insert(h, &t, 2, 7), 0);
	CU_ASSERT_EQUAL(sqlite3_changes(h), 0);
	CU_ASSERT_EQUAL(insert(h, &t, 1, 8), 0);
	CU_ASSERT_EQUAL(sqlite3_changes(h), 1);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT n FROM t"), 8);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT m FROM t"), 80);
	CU_ASSERT_EQUAL(sqlite3_exec(h, "UPDATE t SET note = 'x'", NULL, NULL,
	    NULL), SQLITE_OK);
	CU_ASSERT_EQUAL(insert(h, &t, 1, 8), 0);
	CU_ASSERT_EQUAL(sqlite3_changes(h), 1);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT note IS NULL FROM t"), 1);
	CU_ASSERT_EQUAL((int)cs_unit_count(h, "SELECT count(*) FROM t"), 1);

	for (size_t i = 0; i < sizeof(stored) / sizeof(stored[0]); i++) {
		sqlite3_stmt *st = NULL;

		sql = cs_tabledef_create(stored[i]);
		CU_ASSERT_EQUAL(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
		free(sql);
		sql = cs_tabledef_insert_as(stored[i], 64,
		    stored[i]->conflict);
		CU_ASSERT_EQUAL(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		CU_ASSERT_EQUAL(sqlite3_bind_parameter_count(st),
		    64 * stored[i]->ncols);
		sqlite3_finalize(st);
		free(sql);
		sql = cs_tabledef_select(stored[i], CS_TABLEDEF_ALL, NULL);
		CU_ASSERT_EQUAL(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		CU_ASSERT_EQUAL(sqlite3_column_count(st), stored[i]->ncols);
		sqlite3_finalize(st);
		free(sql);
	}
	sqlite3_close(h);
}

static CU_TestInfo tests[] = {
	{ "column positions", test_positions },
	{ "INSERT, SELECT, CREATE TABLE and sums", test_texts },
	{ "the statements in SQLite", test_in_sqlite },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("tabledef", tests)
