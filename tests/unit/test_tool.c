/* tool.c: the --from/--to arguments, the instants of local days, and the
 * options several tools share (cs_tool_opt, cs_tool_opts_check). */
#include <getopt.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

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

/* ---- the shared options: what they store, and what they say ---- */

static const char syn[] = "callstat-test [-c config] [--from date] [--to date]";

static FILE *cap;
static int saved_fd = -1;
static char said[2048];

/* Sends stderr to a temporary file until said_end(). */
static void
said_start(void)
{
	fflush(stderr);
	cap = tmpfile();
	CU_ASSERT_PTR_NOT_NULL_FATAL(cap);
	saved_fd = dup(2);
	dup2(fileno(cap), 2);
}

/* What was written to stderr since said_start(). */
static const char *
said_end(void)
{
	size_t n;

	fflush(stderr);
	dup2(saved_fd, 2);
	close(saved_fd);
	rewind(cap);
	n = fread(said, 1, sizeof(said) - 1, cap);
	said[n] = '\0';
	fclose(cap);
	return said;
}

#define USAGE_TAIL "\nusage: callstat-test [-c config] [--from date] [--to date]\n" \
	"Try 'callstat-test --help' for more information.\n"

static void
test_opts_values(void)
{
	struct cs_tool_opts o;

	cs_tool_init("callstat-test");
	cs_tool_opts_init(&o, syn);
	CU_ASSERT_PTR_NULL(o.config);
	CU_ASSERT_PTR_NULL(o.db);
	CU_ASSERT_PTR_NULL(o.output);
	CU_ASSERT_PTR_NULL(cs_tool_from(&o));
	CU_ASSERT_PTR_NULL(cs_tool_to(&o));
	CU_ASSERT_EQUAL(o.format, CS_OUT_TABLE);
	CU_ASSERT_EQUAL(o.hours, CS_TOOL_IN_HOURS);

	CU_ASSERT_EQUAL(cs_tool_opt(&o, 'c', "town.conf"), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, 'd', "town.db"), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, 'o', "out.csv"), 0);
	CU_ASSERT_STRING_EQUAL(o.config, "town.conf");
	CU_ASSERT_STRING_EQUAL(o.db, "town.db");
	CU_ASSERT_STRING_EQUAL(o.output, "out.csv");

	/* a month: its first day for --from, its last for --to (leap year) */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_FROM, "2024-02"), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TO, "2024-02"), 0);
	CU_ASSERT_STRING_EQUAL(cs_tool_from(&o), "2024-02-01");
	CU_ASSERT_STRING_EQUAL(cs_tool_to(&o), "2024-02-29");
	/* given again: the last one counts */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TO, "2025"), 0);
	CU_ASSERT_STRING_EQUAL(cs_tool_to(&o), "2025-12-31");

	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TSV, NULL), 0);
	CU_ASSERT_EQUAL(o.format, CS_OUT_TSV);
	CU_ASSERT_EQUAL(o.nformat, 1);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_JSON, NULL), 0);
	CU_ASSERT_EQUAL(o.format, CS_OUT_JSON);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_CSV, NULL), 0);
	CU_ASSERT_EQUAL(o.format, CS_OUT_CSV);
	CU_ASSERT_EQUAL(o.nformat, 3);

	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_OUT_OF_HOURS, NULL), 0);
	CU_ASSERT_EQUAL(o.hours, CS_TOOL_OUT_OF_HOURS);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_ALL_HOURS, NULL), 0);
	CU_ASSERT_EQUAL(o.hours, CS_TOOL_ALL_HOURS);
	CU_ASSERT_EQUAL(o.nhours, 2);
}

static void
test_opts_errors(void)
{
	struct cs_tool_opts o;

	cs_tool_init("callstat-test");
	cs_tool_opts_init(&o, syn);
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_FROM, "2024-13"), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: --from: bad date "
	    "'2024-13': write YYYY-MM-DD, YYYY-MM or YYYY" USAGE_TAIL);
	/* nothing kept from a bad date */
	CU_ASSERT_PTR_NULL(cs_tool_from(&o));

	said_start();
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TO, "march"), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: --to: bad date "
	    "'march': write YYYY-MM-DD, YYYY-MM or YYYY" USAGE_TAIL);

	/* getopt_long's '?', and a value the tool did not handle */
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opt(&o, '?', NULL), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: unknown option"
	    USAGE_TAIL);
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opt(&o, 'x', NULL), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: unknown option"
	    USAGE_TAIL);
}

static void
test_opts_check(void)
{
	char *argv[] = { "callstat-test", "extra", NULL };
	struct cs_tool_opts o;
	int saved_optind = optind;

	cs_tool_init("callstat-test");
	optind = 2;
	cs_tool_opts_init(&o, syn);
	/* nothing given: fine */
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), 0);
	/* one day, or only one end of the period: fine */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_FROM, "2024-05-02"), 0);
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TO, "2024-05-02"), 0);
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), 0);

	/* --from after --to, said with the days they name */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_FROM, "2024-05"), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_TO, "2024-04"), 0);
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: --from 2024-05-01 "
	    "is after --to 2024-04-30" USAGE_TAIL);

	/* two hours options: said before the dates */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_ALL_HOURS, NULL), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_OUT_OF_HOURS, NULL), 0);
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: give --all-hours or "
	    "--out-of-hours, not both" USAGE_TAIL);

	/* two formats: said before the hours */
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_CSV, NULL), 0);
	CU_ASSERT_EQUAL(cs_tool_opt(&o, CS_OPT_CSV, NULL), 0);
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: give one of --csv, "
	    "--tsv, --json" USAGE_TAIL);

	/* an operand: said first */
	optind = 1;
	said_start();
	CU_ASSERT_EQUAL(cs_tool_opts_check(&o, 2, argv), -1);
	CU_ASSERT_STRING_EQUAL(said_end(), "callstat-test: unexpected argument "
	    "'extra'" USAGE_TAIL);
	optind = saved_optind;
}

static CU_TestInfo tests[] = {
	{ "--from and --to arguments", test_day_arg },
	{ "instants of local days", test_day_start },
	{ "shared options: values", test_opts_values },
	{ "shared options: bad values", test_opts_errors },
	{ "shared options: checked together", test_opts_check },
	CU_TEST_INFO_NULL,
};

CS_UNIT_SUITE("tool", tests)
