/* The CUnit runner: runs every suite registered by the test files, or only
 * those named on the command line.  Exit status 1 when a test failed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <CUnit/Basic.h>
#include <sqlite3.h>

#include "unit.h"

#define MAX_SUITES 64

static struct {
	const char *name;
	CU_TestInfo *tests;
	int (*init)(void);
	int (*clean)(void);
} suites[MAX_SUITES];
static int nsuites;

void
cs_unit_add(const char *name, CU_TestInfo *tests, int (*init)(void),
    int (*clean)(void))
{
	if (nsuites == MAX_SUITES) {
		fprintf(stderr, "unit-tests: too many suites\n");
		exit(2);
	}
	suites[nsuites].name = name;
	suites[nsuites].tests = tests;
	suites[nsuites].init = init;
	suites[nsuites].clean = clean;
	nsuites++;
}

const char *
cs_unit_data(const char *rel)
{
	static char buf[4096];
	const char *base = getenv("CS_TOP");

	if (base == NULL || *base == '\0')
		base = ".";
	snprintf(buf, sizeof(buf), "%s/%s", base, rel);
	return buf;
}

long
cs_unit_count(sqlite3 *h, const char *sql)
{
	sqlite3_stmt *st = NULL;
	long n = -1;

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		n = (long)sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return n;
}

static int
wanted(const char *name, int argc, char **argv)
{
	if (argc < 2)
		return 1;
	for (int i = 1; i < argc; i++)
		if (strcmp(argv[i], name) == 0)
			return 1;
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned failed;

	if (CU_initialize_registry() != CUE_SUCCESS)
		return 2;
	for (int i = 0; i < nsuites; i++) {
		CU_pSuite s;

		if (!wanted(suites[i].name, argc, argv))
			continue;
		s = CU_add_suite(suites[i].name, suites[i].init, suites[i].clean);
		if (s == NULL)
			return 2;
		for (CU_TestInfo *t = suites[i].tests; t->pName != NULL; t++)
			if (CU_add_test(s, t->pName, t->pTestFunc) == NULL)
				return 2;
	}
	CU_basic_set_mode(CU_BRM_NORMAL);
	CU_basic_run_tests();
	failed = CU_get_number_of_failures() + CU_get_number_of_tests_failed();
	failed += CU_get_number_of_suites_failed();
	CU_cleanup_registry();
	return failed ? 1 : 0;
}
