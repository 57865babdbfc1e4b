/*
 * unit.h: the CUnit runner's registry.  Each test_<module>.c file registers
 * its suite from a constructor:
 *
 *	static CU_TestInfo tests[] = { { "name", fn }, CU_TEST_INFO_NULL };
 *	CS_UNIT_SUITE("timeutil", tests)
 */
#ifndef CS_UNIT_H
#define CS_UNIT_H

#include <CUnit/CUnit.h>
#include <sqlite3.h>

void cs_unit_add(const char *name, CU_TestInfo *tests,
    int (*init)(void), int (*clean)(void));

/* Path of a file of the repository, REL from its top (the working
 * directory, or $CS_TOP); static buffer. */
const char *cs_unit_data(const char *rel);

/* The first column of the first row of sql, as a number; -1 on errors. */
long cs_unit_count(sqlite3 *h, const char *sql);

#define CS_UNIT_SUITE(name, tests) \
	__attribute__((constructor)) static void cs_unit_register_(void) \
	{ cs_unit_add(name, tests, NULL, NULL); }

#define CS_UNIT_SUITE_FIXTURE(name, tests, init, clean) \
	__attribute__((constructor)) static void cs_unit_register_(void) \
	{ cs_unit_add(name, tests, init, clean); }

#endif
