/*
 * dbfix.c: the db suites' fixture (dbfix.h): a temporary directory for the
 * databases the tests make, removed with them by the suites' clean.
 */
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <sqlite3.h>

#include "dbfix.h"

char db_tmpdir[256];

int
cs_db_fix_init(void)
{
	snprintf(db_tmpdir, sizeof(db_tmpdir), "/tmp/cs-test-db-XXXXXX");
	return mkdtemp(db_tmpdir) == NULL ? -1 : 0;
}

const char *
tmp(const char *name)
{
	static char path[4][512];
	static int i;

	i = (i + 1) % 4;
	snprintf(path[i], sizeof(path[i]), "%s/%s", db_tmpdir, name);
	return path[i];
}

void
rm_db(const char *name)
{
	static const char *const suffix[] = { "", "-wal", "-shm", "-journal" };
	char p[600];

	for (size_t i = 0; i < 4; i++) {
		snprintf(p, sizeof(p), "%s%s", tmp(name), suffix[i]);
		unlink(p);
	}
}

int
cs_db_fix_clean(const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		rm_db(names[i]);
	rmdir(db_tmpdir);
	return 0;
}

int
raw_exec(const char *path, const char *sql)
{
	sqlite3 *h = NULL;
	int rc;

	if (sqlite3_open(path, &h) != SQLITE_OK) {
		sqlite3_close(h);
		return -1;
	}
	rc = sqlite3_exec(h, sql, NULL, NULL, NULL);
	sqlite3_close(h);
	return rc == SQLITE_OK ? 0 : -1;
}

long
slurp(const char *path, char *buf, size_t n)
{
	FILE *fp = fopen(path, "rb");
	size_t got;

	if (fp == NULL)
		return -1;
	got = fread(buf, 1, n, fp);
	fclose(fp);
	return (long)got;
}
