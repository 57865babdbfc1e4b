/*
 * test_rowvtab.c: the rowvtab suite.  Rows laid out as a batch holds them
 * (an int, a text with a NUL inside its length's reach, an empty text, a
 * NULL), shown to SQLite and read back by SELECT, each value as it was;
 * two tables on one connection show their own rows; a table set to other
 * rows shows those; a table dropped is gone.
 */
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#include "rowq_int.h"
#include "rowvtab.h"
#include "tabledef.h"
#include "unit.h"

static const struct cs_tabledef_col cols[] = {
	{ "a", "INTEGER" }, { "b", "TEXT" }, { "c", "TEXT" }, { "d", "TEXT" },
};
static const int key[] = { 0 };
static const struct cs_tabledef t4 = {
	.name = "t", .col = cols, .ncols = 4, .key = key, .nkey = 1,
	.conflict = CS_TABLEDEF_IGNORE,
};

/* Row i of 4 values into v[5 * i...] over text: a = base + i, b = "x<i>"
 * (two bytes), c = "" and d NULL. */
static void
lay_row(struct val *v, struct cs_row *row, const char *text, int base, int i)
{
	struct val *r = v + 5 * i;

	r[0].type = V_ROW;
	r[0].len = 4;
	r[0].t = &t4;
	r[1].type = V_INT;
	r[1].i = base + i;
	r[2].type = V_TEXT;
	r[2].i = 3 * i;		/* "x<i>\0" at 3 * i */
	r[2].len = 2;
	r[3].type = V_TEXT;
	r[3].i = 2;		/* the NUL after "x0": an empty text */
	r[3].len = 0;
	r[4].type = V_NULL;
	row->table = &t4;
	row->n = 4;
	row->v = r + 1;
	row->text = text;
}

/* "SELECT ... FROM name" as one text: rows joined by '|' */
static void
read_back(sqlite3 *h, const char *name, char *out, size_t n)
{
	char sql[256];
	sqlite3_stmt *st = NULL;
	size_t o = 0;

	out[0] = '\0';
	snprintf(sql, sizeof(sql), "SELECT c0, c1, c2 IS NOT NULL AND c2 = '', "
	    "c3 IS NULL, typeof(c0) FROM %s", name);
	CU_ASSERT_EQUAL_FATAL(sqlite3_prepare_v2(h, sql, -1, &st, NULL),
	    SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW && o < n)
		o += (size_t)snprintf(out + o, n - o, "%s%lld,%s,%d,%d,%s",
		    o > 0 ? "|" : "", sqlite3_column_int64(st, 0),
		    (const char *)sqlite3_column_text(st, 1),
		    sqlite3_column_int(st, 2), sqlite3_column_int(st, 3),
		    (const char *)sqlite3_column_text(st, 4));
	sqlite3_finalize(st);
}

static void
test_rows_shown(void)
{
	static const char text[] = "x0\0x1\0x2";
	struct val v[15];
	struct cs_row rows[3], other[1];
	struct cs_rowvtab *a, *b;
	sqlite3 *h;
	sqlite3_stmt *st = NULL;
	char got[256], sql[128];

	CU_ASSERT_EQUAL_FATAL(sqlite3_open(":memory:", &h), SQLITE_OK);
	a = cs_rowvtab_new(h);
	b = cs_rowvtab_new(h);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_STRING_NOT_EQUAL(cs_rowvtab_name(a), cs_rowvtab_name(b));
	for (int i = 0; i < 3; i++)
		lay_row(v, &rows[i], text, 100, i);
	cs_rowvtab_set(a, rows, 3);
	cs_rowvtab_set(b, rows, 1);
	read_back(h, cs_rowvtab_name(a), got, sizeof(got));
	CU_ASSERT_STRING_EQUAL(got, "100,x0,1,1,integer|101,x1,1,1,integer|"
	    "102,x2,1,1,integer");
	read_back(h, cs_rowvtab_name(b), got, sizeof(got));
	CU_ASSERT_STRING_EQUAL(got, "100,x0,1,1,integer");
	/* other rows: shown from now on; none: an empty table */
	other[0] = rows[2];
	cs_rowvtab_set(a, other, 1);
	read_back(h, cs_rowvtab_name(a), got, sizeof(got));
	CU_ASSERT_STRING_EQUAL(got, "102,x2,1,1,integer");
	cs_rowvtab_set(b, rows, 0);
	read_back(h, cs_rowvtab_name(b), got, sizeof(got));
	CU_ASSERT_STRING_EQUAL(got, "");
	/* columns past a row's values read as NULL */
	snprintf(sql, sizeof(sql), "SELECT count(*) FROM %s WHERE c4 IS NULL "
	    "AND c127 IS NULL", cs_rowvtab_name(a));
	CU_ASSERT_EQUAL(cs_unit_count(h, sql), 1);
	/* dropped: the name is gone */
	snprintf(sql, sizeof(sql), "SELECT * FROM %s", cs_rowvtab_name(b));
	cs_rowvtab_free(b);
	CU_ASSERT_NOT_EQUAL(sqlite3_prepare_v2(h, sql, -1, &st, NULL),
	    SQLITE_OK);
	sqlite3_finalize(st);
	cs_rowvtab_free(a);
	sqlite3_close(h);
}

static CU_TestInfo tests[] = {
	{ "rows shown as they lie", test_rows_shown },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("rowvtab", tests)
