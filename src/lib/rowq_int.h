/*
 * rowq_int.h: what rowq.c shares with rowq_store.c (a queue's rows run
 * into SQLite) and rowvtab.c (rows shown to SQLite as a table): a row's
 * values as a batch keeps them.  Not for the rest of the library: rowq.h's
 * cs_row_int and cs_row_text read them.
 */
#ifndef CS_ROWQ_INT_H
#define CS_ROWQ_INT_H

#include <stdint.h>

#include <sqlite3.h>

#include "rowq.h"
#include "tabledef.h"

enum { V_ROW, V_NULL, V_INT, V_TEXT };

/* A value; a row starts with a V_ROW value giving its table and length. */
struct val {
	int type;
	int len;		/* V_TEXT: bytes; V_ROW: values that follow */
	union {
		int64_t i;	/* V_INT; V_TEXT: offset in the text */
		const struct cs_tabledef *t;	/* V_ROW */
	};
};

/*
 * The statements of a table, in a queue into the database.  The rows of a
 * table whose stored rows are kept (the records) go in by INSERT OR
 * IGNORE ... SELECT from the queue's virtual table (rowvtab.h), 64 at a
 * time.  The others (rows that replace, or add to, stored ones) go in
 * from bound parameters, MULTI at a time or one by one: SQLite runs any
 * INSERT ... SELECT as a statement of many rows, and keeps a statement
 * journal (a copy of each page it changes) for one of many rows that may
 * fail half-way, as an upsert or a replace may; an INSERT of one row of
 * values keeps none.
 */
struct cs_rowq_stmts {
	const struct cs_tabledef *t;
	sqlite3_stmt *shown;	/* the records' */
	sqlite3_stmt *one;	/* the others' */
	sqlite3_stmt *multi;	/* 64 rows at once, or NULL */
	/* a table whose rows replace those that differ (the calls): 64
	   rows stored by an INSERT OR IGNORE ... SELECT first (fresh_rows),
	   and how many groups go straight to the others after one that met
	   stored rows */
	sqlite3_stmt *fresh;
	int skip_fresh, fresh_wait;
};

/* The tables a queue into the database can take (statements prepared). */
#define CS_ROWQ_TABLES 16

/*
 * What runs a queue's rows into its database (rowq_store.c): the rows of
 * a batch taken one by one, then run, records in key order, the rows of
 * one table together; the statements made as the tables come; what it
 * counted of the records (rowq.h's cs_rowq_stats).  The consumer's.
 */
struct cs_rowq_store {
	struct cs_db *db;
	struct cs_error *err;
	struct cs_rowq_stmts tab[CS_ROWQ_TABLES];
	int ntab;
	struct cs_rowvtab *vt;		/* the rows the statements store */
	struct cs_row *rowv;		/* the rows taken, to run */
	size_t nrows, rowcap;
	int records;			/* all of them records, keyed by ints */
	struct cs_rowq_stats stats;
};

void cs_rowq_store_init(struct cs_rowq_store *s, struct cs_db *db,
    struct cs_error *err);
/* Takes row (its values stay where they are until the run); -1 when out
 * of memory (s's err says so). */
int cs_rowq_store_add(struct cs_rowq_store *s, const struct cs_row *row);
/* Runs the rows taken into the database; -1 when a statement failed (s's
 * err says why). */
int cs_rowq_store_run(struct cs_rowq_store *s);
/* Frees the statements, the virtual table and the rows' room. */
void cs_rowq_store_release(struct cs_rowq_store *s);

#endif
