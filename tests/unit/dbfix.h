/*
 * dbfix.h: the db suites' fixture (test_db.c, test_db_read.c): a temporary
 * directory made by the suites' init, the paths of the databases the tests
 * make in it, and plain SQLite and stdio to make and read files by hand.
 */
#ifndef CS_UNIT_DBFIX_H
#define CS_UNIT_DBFIX_H

#include <stddef.h>

extern char db_tmpdir[256];

/* Makes db_tmpdir; a suite's init. */
int cs_db_fix_init(void);
/* Removes the n databases of names (rm_db) and db_tmpdir; for a suite's
 * clean, with the names of the files its tests make. */
int cs_db_fix_clean(const char *const *names, size_t n);

/* The path of name in db_tmpdir; one of four static buffers, in turn. */
const char *tmp(const char *name);
/* Removes the database name in db_tmpdir with its -wal, -shm, -journal. */
void rm_db(const char *name);
/* Runs sql on path with plain SQLite, to make files by hand; 0 or -1. */
int raw_exec(const char *path, const char *sql);
/* Reads the whole file; returns its size, or -1. */
long slurp(const char *path, char *buf, size_t n);

#endif
