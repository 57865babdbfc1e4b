/*
 * rowvtab.h: rows of a batch shown to SQLite as a table, so that an
 * INSERT ... SELECT stores them where they lie.
 *
 * Binding a row's values to an INSERT's parameters copies each value
 * three times (into the parameter, a register, then the register the
 * record is made from) and the parameters must be cleared after each run:
 * for rows of 20 to 30 columns, a quarter of the writing thread's work.
 * Read from a virtual table, a value skips the parameter, and nothing is
 * cleared (a month of Master.csv: the writer a tenth faster).  SQLite
 * runs an INSERT ... SELECT as a statement of many rows, with a statement
 * journal when it may fail half-way (an upsert, a replace): for rows that
 * are kept when stored (INSERT OR IGNORE) only (rowq.c).
 *
 * The table is an eponymous one (a table-valued function, in no schema:
 * nothing is written into the database), of columns c0 to c127, named
 * per connection and queue; it shows the rows last set, valid until the
 * next set.  One thread's, as the connection.
 */
#ifndef CS_ROWVTAB_H
#define CS_ROWVTAB_H

#include <sqlite3.h>

#include "rowq.h"

/* The most columns a table shown may have. */
#define CS_ROWVTAB_COLS 128

struct cs_rowvtab;

/* Registers a table on h; its name, for the statements' FROM, is
 * cs_rowvtab_name's.  NULL when out of memory or SQLite refuses. */
struct cs_rowvtab *cs_rowvtab_new(sqlite3 *h);
const char *cs_rowvtab_name(const struct cs_rowvtab *v);
/* The rows the table shows from now on (rows outlives the statements'
 * runs; each row has at most CS_ROWVTAB_COLS values). */
void cs_rowvtab_set(struct cs_rowvtab *v, const struct cs_row *rows,
    int nrows);
/* Drops the table (the statements that read it finalized first). */
void cs_rowvtab_free(struct cs_rowvtab *v);

#endif
