/* tool.c: the --from/--to arguments and the instants of local days. */
#include <string.h>

#include <CUnit/CUnit.h>

#include "timeutil.h"
#include "tool.h"
#include "unit.h"

static void
test_day_arg(void)
{
	char out[11];

	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-03-04", 0, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-03-04");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-03-04", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-03-04");
	/* a month: its first or last day; February of a leap year */
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-03", 0, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-03-01");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-03", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-03-31");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2024-02", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2024-02-29");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-02", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-02-28");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2100-02", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2100-02-28");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-04", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-04-30");
	/* a year */
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025", 0, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-01-01");
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025", 1, out), 0);
	CU_ASSERT_STRING_EQUAL(out, "2025-12-31");
	/* not dates */
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-02-30", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-13", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-3", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("25", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("march", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("2025-03-04x", 0, out), -1);
	CU_ASSERT_EQUAL(cs_tool_day_arg("", 0, out), -1);
}

static void
test_day_start(void)
{
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_tz_use("Europe/Paris", &err), 0);
	/* 2025-03-04 00:00 CET = 2025-03-03 23:00 UTC = 1741042800 */
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-03-04", 0), 1741042800);
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-03-04", 1), 1741042800 + 86400);
	/* the day summer time starts lasts 23 hours: 2025-03-30 00:00 CET
	   = 1743289200, 2025-03-31 00:00 CEST = 1743372000 */
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-03-30", 0), 1743289200);
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-03-30", 1), 1743372000);
	CU_ASSERT_EQUAL(1743372000 - 1743289200, 23 * 3600);
	/* the day it ends lasts 25: 2025-10-26 00:00 CEST = 1761429600,
	   2025-10-27 00:00 CET = 1761519600 */
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-10-26", 0), 1761429600);
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-10-26", 1), 1761519600);
	CU_ASSERT_EQUAL(1761519600 - 1761429600, 25 * 3600);
	/* the last day of a year */
	CU_ASSERT_EQUAL(cs_tool_day_start("2025-12-31", 1),
	    cs_tool_day_start("2026-01-01", 0));
}

static CU_TestInfo tests[] = {
	{ "--from and --to arguments", test_day_arg },
	{ "instants of local days", test_day_start },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("tool", tests)
