/*
 * test_config.c: the config suite.  The example configuration of
 * sample-data/example, the defaults of config.md, an error naming
 * file:line for each kind of mistake, match terms, channel peers, closed
 * days and where the file is looked for.  Expected values come from
 * config.md; holiday dates from the calendar (Easter 2024-03-31,
 * 2025-04-20, 2026-04-05).
 */
#include <ctype.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "match.h"
#include "readers/asterisk.h"
#include "timeutil.h"
#include "unit.h"

static char tmpdir[256];
static int nfile;

static int
suite_init(void)
{
	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-config-XXXXXX");
	return mkdtemp(tmpdir) == NULL ? -1 : 0;
}

static int
suite_clean(void)
{
	char p[512];

	for (int i = 0; i < nfile; i++) {
		snprintf(p, sizeof(p), "%s/t%d.conf", tmpdir, i);
		unlink(p);
	}
	snprintf(p, sizeof(p), "%s/callstat.conf", tmpdir);
	unlink(p);
	rmdir(tmpdir);
	return 0;
}

/* Writes text to a new file of the temporary directory; returns its path
 * (static buffer, valid until the next call). */
static const char *
conf_file(const char *text)
{
	static char path[512];
	FILE *fp;

	snprintf(path, sizeof(path), "%s/t%d.conf", tmpdir, nfile++);
	fp = fopen(path, "w");
	if (fp == NULL)
		return path;
	fputs(text, fp);
	fclose(fp);
	return path;
}

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

/* Loads text, which must fail; the message must start "PATH:LINE: " and
 * quote what. */
static void
expect_error(const char *text, int line, const char *what)
{
	struct cs_config c;
	struct cs_error err;
	const char *path = conf_file(text);
	char prefix[600];
	int ok, rc;

	memset(&err, 0, sizeof(err));
	rc = cs_config_load(&c, path, &err);
	CU_ASSERT_EQUAL(rc, -1);
	if (rc == 0)
		cs_config_release(&c);
	snprintf(prefix, sizeof(prefix), "%s:%d: ", path, line);
	ok = strncmp(err.msg, prefix, strlen(prefix)) == 0 &&
	    (what == NULL || strstr(err.msg + strlen(prefix), what) != NULL);
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  want \"%s...%s...\", got \"%s\"\n", prefix,
		    what != NULL ? what : "", err.msg);
}

/* Like expect_error() for errors that may rightly name either of two
 * lines (a section's header or its first key). */
static void
expect_error2(const char *text, int line1, int line2, const char *what)
{
	struct cs_config c;
	struct cs_error err;
	const char *path = conf_file(text);
	char p1[600], p2[600];
	int ok, rc;

	memset(&err, 0, sizeof(err));
	rc = cs_config_load(&c, path, &err);
	CU_ASSERT_EQUAL(rc, -1);
	if (rc == 0)
		cs_config_release(&c);
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
	struct cs_config c;
	struct cs_error err;
	const char *path = conf_file("[commune]\nname = X\n[service a]\nlabel = A\n");
	size_t len = strlen(path);
	int ok, rc;

	memset(&err, 0, sizeof(err));
	rc = cs_config_load(&c, path, &err);
	CU_ASSERT_EQUAL(rc, -1);
	if (rc == 0)
		cs_config_release(&c);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "[service a]"));
	/* "PATH:N: ..." with N a line number */
	ok = strncmp(err.msg, path, len) == 0 && err.msg[len] == ':' &&
	    isdigit((unsigned char)err.msg[len + 1]);
	CU_ASSERT(ok);
	if (!ok)
		fprintf(stderr, "\n  want \"%s:LINE: ...\", got \"%s\"\n", path,
		    err.msg);
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
test_match_parse(void)
{
	struct cs_match m;
	struct cs_error err;

	CU_ASSERT_EQUAL_FATAL(cs_match_parse(&m, "did:+33199000100  queue:accueil\t"
	    "ext:2100-2199 ext:2101 ext:21* channel:PJSIP/voicebot-* "
	    "app:AudioSocket context:from-internal data:custom/bienvenue*",
	    &err), 0);
	CU_ASSERT_EQUAL_FATAL(m.n, 9);
	CU_ASSERT_EQUAL(m.t[0].kind, CS_TERM_DID);
	CU_ASSERT_STRING_EQUAL(m.t[0].value, "0199000100");	/* normalised */
	CU_ASSERT_EQUAL(m.t[1].kind, CS_TERM_QUEUE);
	CU_ASSERT_STRING_EQUAL(m.t[1].value, "accueil");
	CU_ASSERT_EQUAL(m.t[2].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(m.t[2].range, 1);
	CU_ASSERT_EQUAL(m.t[2].lo, 2100);
	CU_ASSERT_EQUAL(m.t[2].hi, 2199);
	CU_ASSERT_EQUAL(m.t[3].kind, CS_TERM_EXT);
	CU_ASSERT_EQUAL(m.t[3].range, 0);
	CU_ASSERT_STRING_EQUAL(m.t[3].value, "2101");
	CU_ASSERT_EQUAL(m.t[4].range, 0);
	CU_ASSERT_EQUAL(m.t[5].kind, CS_TERM_CHANNEL);
	CU_ASSERT_STRING_EQUAL(m.t[5].value, "PJSIP/voicebot-*");
	CU_ASSERT_EQUAL(m.t[6].kind, CS_TERM_APP);
	CU_ASSERT_STRING_EQUAL(m.t[6].value, "AudioSocket");
	CU_ASSERT_EQUAL(m.t[7].kind, CS_TERM_CONTEXT);
	CU_ASSERT_STRING_EQUAL(m.t[7].value, "from-internal");
	CU_ASSERT_EQUAL(m.t[8].kind, CS_TERM_DATA);
	CU_ASSERT_STRING_EQUAL(m.t[8].value, "custom/bienvenue*");
	cs_match_release(&m);
	CU_ASSERT_EQUAL(m.n, 0);

	/* an empty list matches nothing and is no error */
	CU_ASSERT_EQUAL(cs_match_parse(&m, "", &err), 0);
	CU_ASSERT_EQUAL(m.n, 0);
	cs_match_release(&m);
	CU_ASSERT_EQUAL(cs_match_parse(&m, "   ", &err), 0);
	CU_ASSERT_EQUAL(m.n, 0);
	cs_match_release(&m);

	/* failures quote the bad term and leave nothing to free */
	CU_ASSERT_EQUAL(cs_match_parse(&m, "did:0199000100 foo:bar", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "foo:bar"));
	CU_ASSERT_EQUAL(m.n, 0);
	CU_ASSERT_EQUAL(cs_match_parse(&m, "queue", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "queue"));
	CU_ASSERT_EQUAL(cs_match_parse(&m, "ext:300-200", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "ext:300-200"));
	CU_ASSERT_EQUAL(cs_match_parse(&m, "DID:0199000100", &err), -1);
}

static int
term_match(const char *term, const char *value)
{
	struct cs_match m;
	struct cs_error err;
	int r;

	if (cs_match_parse(&m, term, &err) != 0 || m.n != 1) {
		fprintf(stderr, "\n  cannot parse '%s'\n", term);
		return -1;
	}
	r = cs_term_match(&m.t[0], value);
	cs_match_release(&m);
	return r;
}

static void
test_term_match(void)
{
	/* did: numbers compared once normalised, +33 being a leading 0 */
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "+33 1 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "+33199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0033199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01.99.00.01.00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01-99-00-01-00"), 1);
	CU_ASSERT_EQUAL(term_match("did:+33199000100", "0199000100"), 1);
	CU_ASSERT_EQUAL(term_match("did:01.99.00.01.00", "+33 1 99 00 01 00"), 1);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "0199000101"), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", "01990001000"), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", ""), 0);
	CU_ASSERT_EQUAL(term_match("did:0199000100", NULL), 0);
	/* globs: ?? is exactly two characters */
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002101"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002199"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "+33 1 99 00 21 42"), 1);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "019900210"), 0);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "01990021000"), 0);
	CU_ASSERT_EQUAL(term_match("did:01990021??", "0199002201"), 0);
	CU_ASSERT_EQUAL(term_match("did:019900*", "0199002201"), 1);
	/* ext ranges: both bounds inclusive, digits only */
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2100"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2199"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2099"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2200"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "21a0"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "2150x"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "abc"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "-2150"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", ""), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2199", "0199002150"), 0);
	CU_ASSERT_EQUAL(term_match("ext:1000-2999", "99999999999999999999999"), 0);
	CU_ASSERT_EQUAL(term_match("ext:2100-2100", "2100"), 1);
	/* single extensions and globs */
	CU_ASSERT_EQUAL(term_match("ext:2101", "2101"), 1);
	CU_ASSERT_EQUAL(term_match("ext:2101", "2102"), 0);
	CU_ASSERT_EQUAL(term_match("ext:21*", "2150"), 1);
	CU_ASSERT_EQUAL(term_match("ext:21*", "2250"), 0);
	/* the other kinds: globs on the text */
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*",
	    "PJSIP/voicebot-000001ec"), 1);
	CU_ASSERT_EQUAL(term_match("channel:PJSIP/voicebot-*",
	    "PJSIP/2101-00000099"), 0);
	CU_ASSERT_EQUAL(term_match("queue:accueil", "accueil"), 1);
	CU_ASSERT_EQUAL(term_match("queue:accueil", "accueil2"), 0);
	CU_ASSERT_EQUAL(term_match("context:from-internal", "from-internal"), 1);
	CU_ASSERT_EQUAL(term_match("context:from-internal", "from-trunk"), 0);
	CU_ASSERT_EQUAL(term_match("data:custom/bienvenue*",
	    "custom/bienvenue-urba"), 1);
	CU_ASSERT_EQUAL(term_match("data:custom/bienvenue*", "custom/menu"), 0);
}

/* What a match reads of a Master.csv row. */
struct leg_view {
	const char *dst, *dcontext, *dstchannel, *lastapp, *lastdata;
};

/* Matches the row as the Asterisk reader maps it onto a leg. */
static int
leg_match(const char *terms, const struct leg_view *v)
{
	struct cs_match m;
	struct cs_error err;
	struct cs_ast_leg a;
	struct cs_leg l;
	struct cs_piece_buf buf;
	int r;

	if (cs_match_parse(&m, terms, &err) != 0) {
		fprintf(stderr, "\n  cannot parse '%s'\n", terms);
		return -1;
	}
	memset(&a, 0, sizeof(a));
	a.dst = v->dst;
	a.dcontext = v->dcontext;
	a.dstchannel = v->dstchannel;
	a.lastapp = v->lastapp;
	a.lastdata = v->lastdata;
	cs_asterisk_leg(&a, &l, &buf);
	r = cs_match_leg(&m, &l);
	cs_match_release(&m);
	return r;
}

static void
test_match_leg(void)
{
	/* a queue row of urbanisme (Master.csv line 3) */
	struct leg_view q = { "0199000200", "from-trunk", "PJSIP/2201-000000b3",
		"Queue", "urbanisme,t,,,60" };
	/* a Dial to an extension from inside */
	struct leg_view d = { "2201", "from-internal", "", "Dial",
		"PJSIP/2201,30" };
	/* a voicemail row: no destination channel */
	struct leg_view vm = { "0199002202", "from-trunk", "", "VoiceMail",
		"2202@urbanisme,u" };
	/* a leg with absent fields */
	struct leg_view none = { NULL, NULL, NULL, NULL, NULL };

	CU_ASSERT_EQUAL(leg_match("did:0199000200", &q), 1);
	CU_ASSERT_EQUAL(leg_match("did:0199000100", &q), 0);
	CU_ASSERT_EQUAL(leg_match("queue:urbanisme", &q), 1);
	CU_ASSERT_EQUAL(leg_match("queue:urba*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("queue:accueil", &q), 0);
	CU_ASSERT_EQUAL(leg_match("ext:2200-2299", &q), 1);	/* peer 2201 */
	CU_ASSERT_EQUAL(leg_match("ext:2201", &q), 1);
	CU_ASSERT_EQUAL(leg_match("ext:2100-2199", &q), 0);
	CU_ASSERT_EQUAL(leg_match("channel:PJSIP/22*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("channel:PJSIP/voicebot-*", &q), 0);
	CU_ASSERT_EQUAL(leg_match("app:Queue", &q), 1);
	CU_ASSERT_EQUAL(leg_match("app:Dial", &q), 0);
	CU_ASSERT_EQUAL(leg_match("context:from-trunk", &q), 1);
	CU_ASSERT_EQUAL(leg_match("context:bot-handover", &q), 0);
	CU_ASSERT_EQUAL(leg_match("data:urbanisme*", &q), 1);
	CU_ASSERT_EQUAL(leg_match("data:custom/*", &q), 0);
	/* any term is enough */
	CU_ASSERT_EQUAL(leg_match("did:0199000100 queue:accueil app:Queue", &q), 1);
	CU_ASSERT_EQUAL(leg_match("did:0199000100 queue:accueil app:Dial", &q), 0);
	CU_ASSERT_EQUAL(leg_match("", &q), 0);

	/* the queue term reads a Queue leg's first argument only */
	CU_ASSERT_EQUAL(leg_match("queue:urbanisme", &vm), 0);
	CU_ASSERT_EQUAL(leg_match("queue:PJSIP/2201", &d), 0);
	/* ext: the destination extension */
	CU_ASSERT_EQUAL(leg_match("ext:2200-2299", &d), 1);
	CU_ASSERT_EQUAL(leg_match("ext:2100-2199", &d), 0);
	CU_ASSERT_EQUAL(leg_match("channel:*", &d), 0);		/* empty */
	CU_ASSERT_EQUAL(leg_match("app:VoiceMail", &vm), 1);
	CU_ASSERT_EQUAL(leg_match("did:01990022??", &vm), 1);
	CU_ASSERT_EQUAL(leg_match("data:2202@*", &vm), 1);

	/* absent fields match nothing */
	CU_ASSERT_EQUAL(leg_match("did:* queue:* ext:0-99999 channel:* app:* "
	    "context:* data:*", &none), 0);
}

static void
peer(const char *chan, const char *want)
{
	char out[64];

	memset(out, 'x', sizeof(out));
	cs_channel_peer(chan, out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, want);
	if (strcmp(out, want) != 0)
		fprintf(stderr, "\n  peer of '%s': got '%s', want '%s'\n", chan,
		    out, want);
}

static void
test_channel_peer(void)
{
	char small[3];

	peer("PJSIP/2101-0000001a", "2101");
	peer("PJSIP/2202-00000346", "2202");
	peer("Local/201@from-queue-00000012;1", "201");
	peer("Local/201@from-queue-00000012;2", "201");
	peer("SIP/sip0", "sip0");
	peer("DAHDI/1-1", "1");
	peer("PJSIP/voicebot-000001ec", "voicebot");
	peer("PJSIP/trunk-00000098", "trunk");
	peer("SIP/my-phone-0000abcd", "my-phone");
	peer("IAX2/2101-1234", "2101");
	peer("", "");
	/* the buffer is never overrun and always terminated */
	memset(small, 'x', sizeof(small));
	cs_channel_peer("PJSIP/2101-0000001a", small, sizeof(small));
	CU_ASSERT_STRING_EQUAL(small, "21");
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
	CU_ASSERT_EQUAL_FATAL(chdir(tmpdir), 0);
	r = cs_config_find(NULL);
	if (etc) {
		CU_ASSERT_STRING_EQUAL(r, "/etc/callstat/callstat.conf");
	} else {
		CU_ASSERT_PTR_NULL(r);
	}
	snprintf(path, sizeof(path), "%s/callstat.conf", tmpdir);
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

	snprintf(path, sizeof(path), "%s/t%d.conf", tmpdir, nfile++);
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
	{ "errors name file:line", test_errors },
	{ "error: empty unknown section", test_error_empty_unknown_section },
	{ "error: service without match", test_error_service_without_match },
	{ "comments", test_comments },
	{ "long match line", test_long_line },
	{ "match parsing", test_match_parse },
	{ "term matching", test_term_match },
	{ "match against a leg", test_match_leg },
	{ "channel peer", test_channel_peer },
	{ "closed days", test_closed_day },
	{ "finding the file", test_find },
	{ "digest", test_digest },
	{ "format section", test_format_section },
	{ "a key given twice", test_key_twice },
	{ "NUL byte", test_nul_byte },
	{ "retention_months", test_retention },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("config", tests, suite_init, suite_clean)
