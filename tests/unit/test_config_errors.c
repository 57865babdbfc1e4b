/*
 * test_config_errors.c: the config_errors suite.  A configuration that
 * cannot be loaded is refused with an error naming file:line (config.h)
 * for each kind of mistake: unknown sections and keys, bad numbers, terms,
 * ranges, hours, holidays, zones and dates, a service without match, a key
 * given twice, a NUL byte.  The messages' words come from config.md.
 */
#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "conffix.h"
#include "config.h"
#include "unit.h"

/* Like expect_error() for errors that may rightly name either of two
 * lines (a section's header or its first key). */
static void
expect_error2(const char *text, int line1, int line2, const char *what)
{
	struct cs_error err;
	const char *path = load_fails(text, &err);
	char p1[600], p2[600];
	int ok;

	snprintf(p1, sizeof(p1), "%s:%d: ", path, line1);
	snprintf(p2, sizeof(p2), "%s:%d: ", path, line2);
	ok = (strncmp(err.msg, p1, strlen(p1)) == 0 ||
	    strncmp(err.msg, p2, strlen(p2)) == 0) && strstr(err.msg, what) != NULL;
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  want \"%s\" or \"%s\" and \"%s\", got \"%s\"\n",
		    p1, p2, what, err.msg);
}

static void
test_errors(void)
{
	struct cs_config c;
	struct cs_error err;

	/* unknown key */
	expect_error("[commune]\nname = X\ncolour = blue\n", 3, "'colour'");
	expect_error("[pbx]\ntimes = local\nwelcom = data:x\n", 3, "'welcom'");
	expect_error("[bot]\nmatches = app:AudioSocket\n", 2, "'matches'");
	expect_error("# staff\n[internal]\nmatch = ext:1000-2999\next = 2\n", 4,
	    "'ext'");
	expect_error("[privacy]\ncallback_day = 3\n", 2, "'callback_day'");
	expect_error("[service a]\nmatch = did:0199000100\nlabels = A\n", 3,
	    "'labels'");
	/* unknown section, with a key */
	expect_error2("[commune]\nname = X\n\n[servce accueil]\nmatch = "
	    "did:0199000100\n", 4, 5, "servce");
	/* bad numbers */
	expect_error("[commune]\nshort_abandon = five\n", 2, "'five'");
	expect_error("[commune]\n\nservice_level = 20s\n", 3, "'20s'");
	expect_error("[commune]\ndial_timeout = -3\n", 2, "'-3'");
	expect_error("[commune]\nretention_months = 1e3\n", 2, "'1e3'");
	expect_error("[privacy]\ncallback_days = lots\n", 2, "'lots'");
	/* bad term kind, bad term */
	expect_error("[service a]\nmatch = dod:0199000100\n", 2, "dod:0199000100");
	expect_error("[bot]\nmatch = voicebot\n", 2, "voicebot");
	expect_error("[service a]\nmatch = did:\n", 2, "did:");
	/* bad ext ranges */
	expect_error("[service a]\nmatch = ext:2199-2100\n", 2, "ext:2199-2100");
	expect_error("[internal]\nmatch = ext:21a0-2199\n", 2, "ext:21a0-2199");
	expect_error("[internal]\nmatch = ext:2100-\n", 2, "ext:2100-");
	/* bad hours */
	expect_error("[service a]\nmatch = did:0199000100\nhours = mon-fri "
	    "08:30-25:00\n", 3, "25:00");
	expect_error("[service a]\nmatch = did:0199000100\nhours = mon-fry "
	    "08:30-12:00\n", 3, "fry");
	expect_error("[service a]\nmatch = did:0199000100\nhours = mon-fri "
	    "12:00-08:30\n", 3, "12:00-08:30");
	/* the service named other */
	expect_error("[commune]\nname = X\n[service other]\nmatch = did:0199000100\n",
	    4, "other");
	/* bad holidays, timezone, times, dates */
	expect_error("[commune]\nholidays = de\n", 2, "'de'");
	expect_error("[commune]\nholidays = FR\n", 2, "'FR'");
	expect_error("[commune]\nname = X\ntimezone = Europe/Pariss\n", 3,
	    "Europe/Pariss");
	expect_error("[pbx]\ntimes = gmt\n", 2, "'gmt'");
	expect_error("[commune]\nclosed = 2025-12-24 2025-02-30\n", 2,
	    "2025-02-30");
	expect_error("[bot]\ngo_live = 2024-13-01\n", 2, "2024-13-01");
	/* no section header; no '=' */
	expect_error("name = X\n", 1, NULL);
	expect_error("[commune]\nname = X\nthis line says nothing\n", 3, NULL);
	/* only the first error is reported */
	expect_error("[commune]\nshort_abandon = x\nservice_level = y\n", 2, "'x'");

	/* a file that does not exist */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_config_load(&c, "/nonexistent/callstat.conf", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "/nonexistent/callstat.conf"));
}

/*
 * An unknown section is an error even when it holds no key (config.md:
 * "Unknown sections and keys are errors that name the file and line").
 */
static void
test_error_empty_unknown_section(void)
{
	expect_error("[commune]\nname = X\n[servce accueil]\n", 3, "servce");
}

/* Every error names the file and a line (config.h), also a service that
 * has no match. */
static void
test_error_service_without_match(void)
{
	struct cs_error err;
	const char *path = load_fails("[commune]\nname = X\n[service a]\nlabel = A\n",
	    &err);
	size_t len = strlen(path);
	int ok;

	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "[service a]"));
	/* "PATH:N: ..." with N a line number */
	ok = strncmp(err.msg, path, len) == 0 && err.msg[len] == ':' &&
	    isdigit((unsigned char)err.msg[len + 1]);
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  want \"%s:LINE: ...\", got \"%s\"\n", path,
		    err.msg);
}

/* A [service X] section with no key at all makes no service: an error at
 * its header's line, as a service without a match. */
static void
test_error_service_without_key(void)
{
	expect_error("[commune]\nname = X\n[service a]\nmatch = did:0100\n"
	    "[service vide]\n; nothing yet\n[pbx]\ntimes = local\n", 5,
	    "[service vide] has no match");
	expect_error("[service vide]\n", 1, "[service vide] has no match");
}

/*
 * A key given twice in a section is an error naming both lines and the
 * key, whether the two lines are next to each other or apart, also when the
 * section is opened again (its keys merge); an indented line goes on with
 * the key above and is no second value.
 */
static void
test_key_twice(void)
{
	struct cs_config c;
	struct cs_error err;

	/* apart: lines 2 and 4 */
	expect_error("[commune]\nservice_level = 20\nshort_abandon = 5\n"
	    "service_level = 30\n", 4,
	    "'service_level' is given twice in [commune], on lines 2 and 4");
	/* adjacent: lines 2 and 3 */
	expect_error("[commune]\nservice_level = 20\nservice_level = 30\n", 3,
	    "'service_level' is given twice in [commune], on lines 2 and 3");
	/* a list key is no exception: lines 3 and 5 */
	expect_error("[service a]\nlabel = A\nmatch = did:0199000100\n"
	    "hours = mon 08:00-12:00\nmatch = queue:a\n", 5,
	    "'match' is given twice in [service a], on lines 3 and 5");
	expect_error("[commune]\nclosed = 2025-05-02\nname = X\n"
	    "closed = 2025-12-24\n", 4,
	    "'closed' is given twice in [commune], on lines 2 and 4");
	/* the section opened again: lines 2 and 6 */
	expect_error("[pbx]\ntimes = local\n[bot]\nmatch = app:AudioSocket\n"
	    "[pbx]\ntimes = utc\n", 6,
	    "'times' is given twice in [pbx], on lines 2 and 6");
	/* the same key in two services is two keys */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[service a]\nmatch = did:0199000100\n"
	    "[service b]\nmatch = did:0199000200\n"), &err), 0);
	CU_ASSERT_EQUAL(c.nservices, 2);
	cs_config_release(&c);
	/* indented lines go on: 2 + 1 terms, 2 + 1 closed days, two time
	   ranges on monday, a label of two lines joined by a blank */
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nclosed = 2025-05-02 2025-12-24\n  2025-12-26\n"
	    "[service a]\nlabel = Etat\n  civil\n"
	    "match = did:0199000100 queue:a\n\text:2100-2199\n"
	    "hours = mon-fri 08:30-12:00\n  13:30-17:30\n"), &err), 0);
	if (err.msg[0] != '\0')
		fprintf(stderr, "\n  %s\n", err.msg);
	CU_ASSERT_EQUAL(c.nclosed, 3);
	CU_ASSERT_EQUAL_FATAL(c.nservices, 1);
	CU_ASSERT_STRING_EQUAL(c.services[0].label, "Etat civil");
	CU_ASSERT_EQUAL(c.services[0].match.n, 3);
	CU_ASSERT_EQUAL(c.services[0].hours.n[0], 2);	/* monday */
	CU_ASSERT_EQUAL(c.services[0].hours.n[5], 0);	/* saturday */
	cs_config_release(&c);
	/* an indented line under a one-value key is no second value either */
	expect_error("[commune]\nservice_level = 20\n  30\n", 3,
	    "'service_level' takes one value");
}

/* A NUL byte: inih would end the line there without a word; the file is
 * refused at the line that holds it. */
static void
test_nul_byte(void)
{
	struct cs_config c;
	struct cs_error err;
	char path[512];
	static const char text[] = "[commune]\nname = X\nservice_level = 2\0" "0\n";
	FILE *fp;
	int rc;

	snprintf(path, sizeof(path), "%s/t%d.conf", conf_tmpdir, conf_nfile++);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL_FATAL(fp);
	fwrite(text, 1, sizeof(text) - 1, fp);
	fclose(fp);
	memset(&err, 0, sizeof(err));
	rc = cs_config_load(&c, path, &err);
	CU_ASSERT_EQUAL(rc, -1);
	if (rc == 0)
		cs_config_release(&c);
	{
		char want[600];

		snprintf(want, sizeof(want), "%s:3: NUL byte; the file is not text",
		    path);
		CU_ASSERT_STRING_EQUAL(err.msg, want);
	}
}

static CU_TestInfo tests[] = {
	{ "errors name file:line", test_errors },
	{ "error: empty unknown section", test_error_empty_unknown_section },
	{ "error: service without match", test_error_service_without_match },
	{ "error: service without any key", test_error_service_without_key },
	{ "a key given twice", test_key_twice },
	{ "NUL byte", test_nul_byte },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("config_errors", tests, cs_conf_fix_init,
    cs_conf_fix_clean)
