/*
 * test_config.c: the config suite.  The example configuration of
 * sample-data/example, the defaults of config.md, inline comments, a long
 * match line, closed days, where the file is looked for, the digest, a
 * [format NAME] section and retention_months.  Expected values come from
 * config.md; holiday dates from the calendar (Easter 2024-03-31,
 * 2025-04-20, 2026-04-05).  Errors are test_config_errors.c's, match terms
 * test_config_match.c's.
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "conffix.h"
#include "config.h"
#include "timeutil.h"
#include "unit.h"

static void
test_example(void)
{
	struct cs_config c;
	struct cs_error err;
	const struct cs_service *s;

	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c,
	    cs_unit_data("sample-data/example/callstat.conf"), &err), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "Ville de Beaumont");
	CU_ASSERT_STRING_EQUAL(c.timezone, "Europe/Paris");
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "Europe/Paris");
	CU_ASSERT_EQUAL(c.holidays, CS_HOLIDAYS_FR);
	CU_ASSERT_EQUAL(c.short_abandon, 5);
	CU_ASSERT_EQUAL(c.service_level, 20);
	CU_ASSERT_EQUAL(c.dial_timeout, 30);
	CU_ASSERT_EQUAL(c.retention_months, 13);
	CU_ASSERT_PTR_NULL(c.key_file);
	CU_ASSERT_EQUAL(c.times_utc, 0);
	CU_ASSERT_EQUAL(c.nclosed, 0);
	CU_ASSERT_EQUAL(c.welcome.n, 0);
	CU_ASSERT_EQUAL_FATAL(c.bot.n, 1);
	CU_ASSERT_EQUAL(c.bot.t[0].kind, CS_TERM_CHANNEL);
	CU_ASSERT_STRING_EQUAL(c.bot.t[0].value, "PJSIP/voicebot-*");
	CU_ASSERT_STRING_EQUAL(c.go_live, "2025-03-03");
	CU_ASSERT_EQUAL_FATAL(c.internal.n, 1);
	CU_ASSERT_EQUAL(c.internal.t[0].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(c.internal.t[0].range, 1);
	CU_ASSERT_EQUAL(c.internal.t[0].lo, 1000);
	CU_ASSERT_EQUAL(c.internal.t[0].hi, 2999);
	CU_ASSERT_EQUAL(c.callback_days, 0);
	CU_ASSERT_EQUAL(c.nformats, 0);
	CU_ASSERT_EQUAL(strlen(c.digest), 64);
	for (const char *p = c.digest; *p != '\0'; p++)
		CU_ASSERT(isxdigit((unsigned char)*p));

	CU_ASSERT_EQUAL_FATAL(c.nservices, 2);
	s = &c.services[0];
	CU_ASSERT_STRING_EQUAL(s->name, "accueil");
	CU_ASSERT_STRING_EQUAL(s->label, "Accueil");
	CU_ASSERT_EQUAL_FATAL(s->match.n, 4);
	CU_ASSERT_EQUAL(s->match.t[0].kind, CS_TERM_DID);
	CU_ASSERT_STRING_EQUAL(s->match.t[0].value, "0199000100");
	CU_ASSERT_EQUAL(s->match.t[1].kind, CS_TERM_DID);
	CU_ASSERT_STRING_EQUAL(s->match.t[1].value, "01990021??");
	CU_ASSERT_EQUAL(s->match.t[2].kind, CS_TERM_QUEUE);
	CU_ASSERT_STRING_EQUAL(s->match.t[2].value, "accueil");
	CU_ASSERT_EQUAL(s->match.t[3].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(s->match.t[3].lo, 2100);
	CU_ASSERT_EQUAL(s->match.t[3].hi, 2199);
	/* mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00 */
	CU_ASSERT_EQUAL(s->has_hours, 1);
	for (int d = 0; d < 5; d++) {
		CU_ASSERT_EQUAL(s->hours.n[d], 2);
		CU_ASSERT_EQUAL(s->hours.r[d][0].from, 8 * 3600 + 30 * 60);
		CU_ASSERT_EQUAL(s->hours.r[d][0].to, 12 * 3600);
		CU_ASSERT_EQUAL(s->hours.r[d][1].from, 13 * 3600 + 30 * 60);
		CU_ASSERT_EQUAL(s->hours.r[d][1].to, 17 * 3600 + 30 * 60);
	}
	CU_ASSERT_EQUAL(s->hours.n[5], 1);
	CU_ASSERT_EQUAL(s->hours.r[5][0].from, 9 * 3600);
	CU_ASSERT_EQUAL(s->hours.r[5][0].to, 12 * 3600);
	CU_ASSERT_EQUAL(s->hours.n[6], 0);

	s = &c.services[1];
	CU_ASSERT_STRING_EQUAL(s->name, "urbanisme");
	CU_ASSERT_STRING_EQUAL(s->label, "Urbanisme");
	CU_ASSERT_EQUAL(s->match.n, 4);
	/* mon,tue,thu,fri 09:00-12:00 14:00-17:00; wed 09:00-12:00 */
	CU_ASSERT_EQUAL(s->hours.n[0], 2);
	CU_ASSERT_EQUAL(s->hours.n[1], 2);
	CU_ASSERT_EQUAL(s->hours.n[2], 1);
	CU_ASSERT_EQUAL(s->hours.r[2][0].from, 9 * 3600);
	CU_ASSERT_EQUAL(s->hours.r[2][0].to, 12 * 3600);
	CU_ASSERT_EQUAL(s->hours.n[3], 2);
	CU_ASSERT_EQUAL(s->hours.n[4], 2);
	CU_ASSERT_EQUAL(s->hours.r[4][1].from, 14 * 3600);
	CU_ASSERT_EQUAL(s->hours.r[4][1].to, 17 * 3600);
	CU_ASSERT_EQUAL(s->hours.n[5], 0);
	CU_ASSERT_EQUAL(s->hours.n[6], 0);

	CU_ASSERT_EQUAL(cs_config_service(&c, "accueil"), 0);
	CU_ASSERT_EQUAL(cs_config_service(&c, "urbanisme"), 1);
	CU_ASSERT_EQUAL(cs_config_service(&c, "other"), -1);
	CU_ASSERT_EQUAL(cs_config_service(&c, "Accueil"), -1);
	CU_ASSERT_EQUAL(cs_config_service(&c, ""), -1);
	cs_config_release(&c);
	CU_ASSERT_EQUAL(c.nservices, 0);
	CU_ASSERT_PTR_NULL(c.services);
}

static void
assert_defaults(const struct cs_config *c)
{
	CU_ASSERT_EQUAL(c->holidays, CS_HOLIDAYS_FR);
	CU_ASSERT_EQUAL(c->short_abandon, 5);
	CU_ASSERT_EQUAL(c->service_level, 20);
	CU_ASSERT_EQUAL(c->retention_months, 13);
	CU_ASSERT_EQUAL(c->dial_timeout, 0);
	CU_ASSERT_EQUAL(c->callback_days, 0);
	CU_ASSERT_EQUAL(c->times_utc, 0);
	CU_ASSERT_PTR_NULL(c->key_file);
	CU_ASSERT_EQUAL(c->nservices, 0);
	CU_ASSERT_EQUAL(c->nclosed, 0);
	CU_ASSERT_EQUAL(c->bot.n, 0);
	CU_ASSERT_EQUAL(c->internal.n, 0);
	CU_ASSERT_EQUAL(c->welcome.n, 0);
	CU_ASSERT_STRING_EQUAL(c->go_live, "");
}

static void
test_defaults(void)
{
	struct cs_config c;
	struct cs_error err;

	cs_config_init(&c);
	assert_defaults(&c);

	/* the zone is Europe/Paris unless the file names another */
	CU_ASSERT_EQUAL_FATAL(cs_tz_use("UTC", &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nname = Mairie\n"), &err), 0);
	assert_defaults(&c);
	CU_ASSERT_STRING_EQUAL(c.name, "Mairie");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c.timezone);
	CU_ASSERT_STRING_EQUAL(c.timezone, "Europe/Paris");
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "Europe/Paris");
	cs_config_release(&c);

	/* an empty file is a valid configuration of defaults */
	CU_ASSERT_EQUAL_FATAL(cs_tz_use("UTC", &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(""), &err), 0);
	assert_defaults(&c);
	CU_ASSERT_STRING_EQUAL(c.timezone, "Europe/Paris");
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "Europe/Paris");
	cs_config_release(&c);

	/* every other key of [commune], [pbx], [bot] and [privacy] */
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\n"
	    "timezone = UTC\n"
	    "holidays = fr-alsace-moselle\n"
	    "closed = 2025-12-24 2025-05-02\n"
	    "short_abandon = 3\n"
	    "service_level = 30\n"
	    "dial_timeout = 25\n"
	    "retention_months = 24\n"
	    "key_file = /var/lib/callstat/key\n"
	    "[pbx]\n"
	    "times = utc\n"
	    "welcome = data:custom/bienvenue*\n"
	    "[bot]\n"
	    "match = channel:PJSIP/voicebot-* app:AudioSocket\n"
	    "go_live = 2024-03-04\n"
	    "[internal]\n"
	    "match = ext:1000-2999 context:from-internal\n"
	    "[privacy]\n"
	    "callback_days = 7\n"), &err), 0);
	CU_ASSERT_STRING_EQUAL(c.timezone, "UTC");
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "UTC");
	CU_ASSERT_EQUAL(c.holidays, CS_HOLIDAYS_FR_ALSACE_MOSELLE);
	CU_ASSERT_EQUAL(c.nclosed, 2);
	CU_ASSERT_EQUAL(c.short_abandon, 3);
	CU_ASSERT_EQUAL(c.service_level, 30);
	CU_ASSERT_EQUAL(c.dial_timeout, 25);
	CU_ASSERT_EQUAL(c.retention_months, 24);
	CU_ASSERT_STRING_EQUAL(c.key_file, "/var/lib/callstat/key");
	CU_ASSERT_EQUAL(c.times_utc, 1);
	CU_ASSERT_EQUAL(c.welcome.n, 1);
	CU_ASSERT_EQUAL(c.bot.n, 2);
	CU_ASSERT_STRING_EQUAL(c.go_live, "2024-03-04");
	CU_ASSERT_EQUAL(c.internal.n, 2);
	CU_ASSERT_EQUAL(c.callback_days, 7);
	cs_config_release(&c);
	CU_ASSERT_EQUAL(cs_tz_use("Europe/Paris", &err), 0);
}

/* '#' starts an inline comment as ';' does (config.md: "`#` and `;`
 * start comments"). */
static void
test_comments(void)
{
	struct cs_config c;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "# a comment\n"
	    "; another\n"
	    "[commune]\n"
	    "name = Ville de Beaumont    # on every report\n"
	    "short_abandon = 7 # seconds\n"
	    "service_level = 30\t# seconds, after a tab\n"
	    "dial_timeout = 25 ; seconds\n"
	    "[service accueil]\n"
	    "label = Accueil ; the front desk\n"
	    "match = did:0199000100 queue:accueil   # and its queue\n"
	    "hours = mon-fri 08:30-12:00 # mornings\n"), &err), 0);
	CU_ASSERT_STRING_EQUAL(c.name, "Ville de Beaumont");
	CU_ASSERT_EQUAL(c.short_abandon, 7);
	CU_ASSERT_EQUAL(c.service_level, 30);
	CU_ASSERT_EQUAL(c.dial_timeout, 25);
	CU_ASSERT_EQUAL_FATAL(c.nservices, 1);
	CU_ASSERT_STRING_EQUAL(c.services[0].label, "Accueil");
	CU_ASSERT_EQUAL(c.services[0].match.n, 2);
	CU_ASSERT_EQUAL(c.services[0].hours.n[0], 1);
	CU_ASSERT_EQUAL(c.services[0].hours.n[5], 0);
	cs_config_release(&c);
}

/* A long match line: a town with many direct lines lists them all. */
static void
test_long_line(void)
{
	struct cs_config c;
	struct cs_error err;
	char text[4096], *p;
	size_t n;

	p = text;
	n = sizeof(text);
	p += snprintf(p, n, "[service accueil]\nmatch =");
	for (int i = 0; i < 30; i++)
		p += snprintf(p, n - (size_t)(p - text), " did:01990021%02d", i);
	snprintf(p, n - (size_t)(p - text), " queue:accueil\nlabel = Accueil\n");
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_config_load(&c, conf_file(text), &err), 0);
	if (err.msg[0] != '\0') {
		fprintf(stderr, "\n  a 480-character match line: %s\n", err.msg);
	} else {
		CU_ASSERT_EQUAL(c.nservices, 1);
		if (c.nservices == 1) {
			CU_ASSERT_EQUAL(c.services[0].match.n, 31);
			CU_ASSERT_STRING_EQUAL(c.services[0].label, "Accueil");
		}
		cs_config_release(&c);
	}
}

static void
test_closed_day(void)
{
	struct cs_config c;
	struct cs_error err;
	static const int fr[][3] = {
		{ 2025, 1, 1 }, { 2025, 4, 21 }, { 2025, 5, 1 }, { 2025, 5, 8 },
		{ 2025, 5, 29 }, { 2025, 6, 9 }, { 2025, 7, 14 }, { 2025, 8, 15 },
		{ 2025, 11, 1 }, { 2025, 11, 11 }, { 2025, 12, 25 },
		{ 2024, 4, 1 }, { 2024, 5, 9 }, { 2024, 5, 20 },
		{ 2026, 4, 6 }, { 2026, 5, 14 }, { 2026, 5, 25 },
	};
	static const int open[][3] = {
		{ 2025, 3, 11 }, { 2025, 4, 22 }, { 2025, 5, 2 }, { 2025, 4, 18 },
		{ 2025, 12, 26 }, { 2025, 12, 24 }, { 2025, 5, 30 }, { 2025, 7, 15 },
	};

	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c,
	    cs_unit_data("sample-data/example/callstat.conf"), &err), 0);
	for (size_t i = 0; i < sizeof(fr) / sizeof(fr[0]); i++)
		CU_ASSERT_EQUAL(cs_config_closed_day(&c, fr[i][0], fr[i][1],
		    fr[i][2]), 1);
	for (size_t i = 0; i < sizeof(open) / sizeof(open[0]); i++)
		CU_ASSERT_EQUAL(cs_config_closed_day(&c, open[i][0], open[i][1],
		    open[i][2]), 0);
	cs_config_release(&c);

	/* closed days (given out of order) and Alsace-Moselle */
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nholidays = fr-alsace-moselle\n"
	    "closed = 2025-12-24 2025-05-02 2025-03-13\n"), &err), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 12, 24), 1);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 5, 2), 1);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 3, 13), 1);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 3, 14), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2024, 12, 24), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 4, 18), 1);	/* Good Friday */
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 12, 26), 1);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 5, 1), 1);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 4, 22), 0);
	cs_config_release(&c);

	/* no holidays: only the closed days */
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nholidays = none\nclosed = 2025-05-02\n"), &err), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 5, 1), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 12, 25), 0);
	CU_ASSERT_EQUAL(cs_config_closed_day(&c, 2025, 5, 2), 1);
	cs_config_release(&c);
}

static void
test_find(void)
{
	char cwd[PATH_MAX], *saved = NULL, path[512];
	const char *env = getenv("CALLSTAT_CONFIG"), *r;
	FILE *fp;
	int etc = access("/etc/callstat/callstat.conf", F_OK) == 0;

	if (env != NULL)
		saved = strdup(env);
	CU_ASSERT_PTR_NOT_NULL_FATAL(getcwd(cwd, sizeof(cwd)));

	/* -c wins over everything */
	setenv("CALLSTAT_CONFIG", "/from/env.conf", 1);
	CU_ASSERT_STRING_EQUAL(cs_config_find("/explicit.conf"), "/explicit.conf");
	/* then $CALLSTAT_CONFIG, even when the file does not exist */
	CU_ASSERT_STRING_EQUAL(cs_config_find(NULL), "/from/env.conf");

	/* then ./callstat.conf */
	unsetenv("CALLSTAT_CONFIG");
	CU_ASSERT_EQUAL_FATAL(chdir(conf_tmpdir), 0);
	r = cs_config_find(NULL);
	if (etc) {
		CU_ASSERT_STRING_EQUAL(r, "/etc/callstat/callstat.conf");
	} else {
		CU_ASSERT_PTR_NULL(r);
	}
	snprintf(path, sizeof(path), "%s/callstat.conf", conf_tmpdir);
	fp = fopen(path, "w");
	CU_ASSERT_PTR_NOT_NULL(fp);
	if (fp != NULL)
		fclose(fp);
	CU_ASSERT_STRING_EQUAL(cs_config_find(NULL), "callstat.conf");
	/* an empty $CALLSTAT_CONFIG is no setting */
	setenv("CALLSTAT_CONFIG", "", 1);
	CU_ASSERT_STRING_EQUAL(cs_config_find(NULL), "callstat.conf");
	unlink(path);

	CU_ASSERT_EQUAL(chdir(cwd), 0);
	if (saved != NULL) {
		setenv("CALLSTAT_CONFIG", saved, 1);
		free(saved);
	} else {
		unsetenv("CALLSTAT_CONFIG");
	}
}

/* The digest follows the file's bytes: same text, same digest. */
static void
test_digest(void)
{
	struct cs_config a, b, c;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_config_load(&a, conf_file("[commune]\nname = A\n"),
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&b, conf_file("[commune]\nname = A\n"),
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file("[commune]\nname = B\n"),
	    &err), 0);
	CU_ASSERT_STRING_EQUAL(a.digest, b.digest);
	CU_ASSERT_STRING_NOT_EQUAL(a.digest, c.digest);
	cs_config_release(&a);
	cs_config_release(&b);
	cs_config_release(&c);
}

/* A [format NAME] section keeps its keys in order; an unknown key is an
 * error. */
static void
test_format_section(void)
{
	struct cs_config c;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[format hosted]\n"
	    "header = yes\n"
	    "call_id = call_id\n"
	    "start = started_at\n"
	    "answered_by.human = agent\n"), &err), 0);
	CU_ASSERT_EQUAL_FATAL(c.nformats, 1);
	CU_ASSERT_STRING_EQUAL(c.formats[0].name, "hosted");
	CU_ASSERT_EQUAL_FATAL(c.formats[0].n, 4);
	CU_ASSERT_STRING_EQUAL(c.formats[0].key[0], "header");
	CU_ASSERT_STRING_EQUAL(c.formats[0].value[0], "yes");
	CU_ASSERT_STRING_EQUAL(c.formats[0].key[3], "answered_by.human");
	CU_ASSERT_STRING_EQUAL(c.formats[0].value[3], "agent");
	cs_config_release(&c);

	expect_error("[format hosted]\nheader = yes\ncallid = id\n", 3, "'callid'");
}

/* retention_months: 13 by default, 1 to 1200 (callstat.conf(5)). */
static void
test_retention(void)
{
	struct cs_config c;
	struct cs_error err;

	cs_config_init(&c);
	CU_ASSERT_EQUAL(c.retention_months, 13);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nretention_months = 1\n"), &err), 0);
	CU_ASSERT_EQUAL(c.retention_months, 1);
	cs_config_release(&c);
	CU_ASSERT_EQUAL_FATAL(cs_config_load(&c, conf_file(
	    "[commune]\nretention_months = 1200\n"), &err), 0);
	CU_ASSERT_EQUAL(c.retention_months, 1200);
	cs_config_release(&c);
	expect_error("[commune]\nretention_months = 0\n", 2, "'0'");
	expect_error("[commune]\nretention_months = 1201\n", 2, "'1201'");
	expect_error("[commune]\nretention_months = 13 months\n", 2, "'13 months'");
}

static CU_TestInfo tests[] = {
	{ "example configuration", test_example },
	{ "defaults", test_defaults },
	{ "comments", test_comments },
	{ "long match line", test_long_line },
	{ "closed days", test_closed_day },
	{ "finding the file", test_find },
	{ "digest", test_digest },
	{ "format section", test_format_section },
	{ "retention_months", test_retention },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("config", tests, cs_conf_fix_init, cs_conf_fix_clean)
