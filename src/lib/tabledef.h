/*
 * tabledef.h: a stored table described once.  What is written into a
 * table, read back from it and compared with the schema comes from its
 * description: its columns in order, its primary key, what an INSERT does
 * when the key is already there.
 *
 * A table's columns are listed once, as an X-macro (see tables.h), which
 * gives both the enum of their positions and the description's column
 * array: a position cannot disagree with the description.
 *
 * The schema itself is made by db.c's migrations, which are never edited
 * once shipped (an old database only ever runs the migrations it lacks):
 * a change to a table is a new migration plus the same change to its
 * description here, and test_db.c checks that the two agree.
 */
#ifndef CS_TABLEDEF_H
#define CS_TABLEDEF_H

/* What an INSERT does when a row with the same key is already stored. */
enum cs_tabledef_conflict {
	CS_TABLEDEF_IGNORE,	/* keeps the stored row: a record stored once */
	CS_TABLEDEF_REPLACE,	/* replaces it: a session rebuilt */
	CS_TABLEDEF_UPDATE,	/* replaces it when a value differs (a row
				   the same is not written): a call rebuilt */
	CS_TABLEDEF_ADD,	/* adds the summed columns to the stored row's */
};

struct cs_tabledef_col {
	const char *name;
	const char *decl;	/* "INTEGER NOT NULL", "TEXT DEFAULT ''"... */
};

struct cs_tabledef {
	const char *name;
	const struct cs_tabledef_col *col;
	int ncols;
	const int *key;		/* the primary key's column positions */
	int nkey;
	enum cs_tabledef_conflict conflict;
	int first_sum;		/* CS_TABLEDEF_ADD: the summed columns are
				   those from this position on */
	int records;		/* holds records (rowq counts those stored and
				   skipped, and the span of their first column) */
};

/* The column array and count of an X-macro list (in a .c file). */
#define CS_TABLEDEF_COL(E, name, decl) { #name, decl },

/*
 * The statement that stores nrows rows (nrows >= 1) of t: "INSERT ... INTO
 * t(columns) VALUES(?, ...)[, (?, ...)...]", doing what conflict says when
 * a row's key is stored (t->conflict: what t does).  Returns a string to
 * free, or NULL when out of memory.
 */
char *cs_tabledef_insert_as(const struct cs_tabledef *t, int nrows,
    enum cs_tabledef_conflict conflict);
/* The same, the rows being those of the table (or table-valued function)
 * from, whose columns c0, c1... are t's in t's order: "INSERT ... INTO
 * t(columns) SELECT c0, c1... FROM from". */
char *cs_tabledef_insert_from(const struct cs_tabledef *t, const char *from,
    enum cs_tabledef_conflict conflict);

/*
 * "SELECT c1, c2, ... FROM t tail" (tail may be NULL).  want: bit i set
 * for each column i to read, CS_TABLEDEF_ALL for all; the others are read
 * as NULL, so that each value keeps its column's position.  Returns a
 * string to free, or NULL when out of memory.
 */
#define CS_TABLEDEF_ALL (~0ULL)
char *cs_tabledef_select(const struct cs_tabledef *t, unsigned long long want,
    const char *tail);

/* "CREATE TABLE t(...) WITHOUT ROWID" (every table of ours is), or NULL. */
char *cs_tabledef_create(const struct cs_tabledef *t);

/*
 * "sum(c), sum(d), ..." of the columns from position first on, for a
 * SELECT that adds rows up.  A string to free, or NULL.
 */
char *cs_tabledef_sums(const struct cs_tabledef *t, int first);

#endif
