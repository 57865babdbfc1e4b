/*
 * test_report_pages.c: the report_pages suite: the report's Methodology
 * and Data quality chapters (report/method.h), built into a document
 * tree from a configuration written here and a database whose rows are
 * planted here.  Every expected value comes from what was planted: the
 * thresholds of the configuration, the days with and without records, the
 * rejected lines, the sessions and the calls of the repeated hour.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "config.h"
#include "db.h"
#include "lang.h"
#include "report/doc.h"
#include "report/method.h"
#include "report/outage.h"
#include "unit.h"

static char tmpdir[256];

/* ---- helpers ---- */

/* Writes text to tmpdir/name and loads it as a configuration. */
static int
load_config(struct cs_config *c, const char *name, const char *text)
{
	char path[512];
	struct cs_error err = { .msg = "" };
	FILE *fp;

	snprintf(path, sizeof(path), "%s/%s", tmpdir, name);
	if ((fp = fopen(path, "w")) == NULL)
		return -1;
	fputs(text, fp);
	fclose(fp);
	if (cs_config_load(c, path, &err) != 0) {
		fprintf(stderr, "\n  report_pages: %s\n", err.msg);
		return -1;
	}
	return 0;
}

static int
load_french(struct cs_lang *L)
{
	FILE *fp = fopen(cs_unit_data("po/fr.po"), "r");
	char *text = NULL;
	long len;
	struct cs_error err = { .msg = "" };
	int rc = -1;

	cs_lang_init(L);
	if (fp == NULL)
		return -1;
	if (fseek(fp, 0, SEEK_END) == 0 && (len = ftell(fp)) > 0 &&
	    fseek(fp, 0, SEEK_SET) == 0 && (text = malloc((size_t)len)) != NULL &&
	    fread(text, 1, (size_t)len, fp) == (size_t)len)
		rc = cs_lang_load(L, "fr", text, (size_t)len, &err);
	if (rc != 0)
		fprintf(stderr, "\n  report_pages: po/fr.po: %s\n", err.msg);
	free(text);
	fclose(fp);
	return rc;
}

/* The first text of d (heading, paragraph, item or cell) holding s. */
static const char *
find(const struct cs_doc *d, const char *s)
{
	for (size_t i = 0; i < d->n; i++) {
		const struct cs_doc_block *b = &d->b[i];
		size_t ncells = b->kind == CS_DOC_TABLE ?
		    (size_t)b->nrows * (size_t)b->ncols : b->nitems;

		if (b->text != NULL && strstr(b->text, s) != NULL)
			return b->text;
		for (size_t j = 0; b->cells != NULL && j < ncells; j++)
			if (b->cells[j] != NULL && strstr(b->cells[j], s) != NULL)
				return b->cells[j];
	}
	return NULL;
}

static int
has(const struct cs_doc *d, const char *s)
{
	return find(d, s) != NULL;
}

/* The table whose header's first cell is first; NULL when none. */
static const struct cs_doc_block *
table(const struct cs_doc *d, const char *first)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].kind == CS_DOC_TABLE && d->b[i].nrows > 0 &&
		    strcmp(d->b[i].cells[0], first) == 0)
			return &d->b[i];
	return NULL;
}

/* 1 if row r (from 0, the header) of table t has a cell holding s. */
static int
row_has(const struct cs_doc_block *t, int r, const char *s)
{
	for (int c = 0; c < t->ncols; c++)
		if (strstr(t->cells[r * t->ncols + c], s) != NULL)
			return 1;
	return 0;
}

/* 1 if the level-l heading text is in d. */
static int
heading(const struct cs_doc *d, int l, const char *text)
{
	for (size_t i = 0; i < d->n; i++)
		if (d->b[i].kind == CS_DOC_HEADING && d->b[i].level == l &&
		    strcmp(d->b[i].text, text) == 0)
			return 1;
	return 0;
}

/* ---- Methodology ---- */

static const char method_conf[] =
    "[commune]\n"
    "name = Ville de Test\n"
    "timezone = Europe/Paris\n"
    "holidays = fr-alsace-moselle\n"
    "closed = 2025-05-02 2025-12-24\n"
    "short_abandon = 7\n"
    "service_level = 27\n"
    "dial_timeout = 41\n"
    "[bot]\n"
    "match = channel:PJSIP/voicebot-*\n"
    "go_live = 2024-03-04\n"
    "[service etat-civil]\n"
    "label = État civil\n"
    "match = did:01.39.00.01.01 queue:etat-civil ext:2100-2199\n"
    "intents = acte_naissance acte_mariage\n"
    "hours = mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00\n"
    "[service urbanisme]\n"
    "label = Urbanisme et travaux\n"
    "match = did:+33139000202 did:0139000203 queue:urba ext:2200\n"
    "[service police]\n"
    "match = queue:police\n"
    "hours = mon-fri 07:00-19:00\n";

static void
test_method_english(void)
{
	struct cs_config cfg;
	struct cs_lang L;
	struct cs_doc d;
	struct cs_error err = { .msg = "" };
	const struct cs_doc_block *t;

	CU_ASSERT_FATAL(load_config(&cfg, "method.conf", method_conf) == 0);
	cs_lang_init(&L);
	cs_doc_init(&d);
	CU_ASSERT_EQUAL(cs_report_method(&d, &cfg, &L, 1, 0, &err), 0);
	CU_ASSERT_EQUAL(cs_doc_ok(&d, &err), 0);
	CU_ASSERT(heading(&d, 1, "Methodology"));
	CU_ASSERT(heading(&d, 2, "Services"));
	/* the thresholds of the configuration, not the defaults */
	CU_ASSERT(has(&d, "Service level (27 s)"));
	CU_ASSERT(has(&d, "within 27 s of their start"));
	CU_ASSERT(has(&d, "Service level threshold: 27 s."));
	CU_ASSERT(has(&d, "lasted 7 s or less"));
	CU_ASSERT(!has(&d, "20 s"));
	CU_ASSERT(!has(&d, "5 s or less"));
	CU_ASSERT(has(&d, "41 s or more"));
	CU_ASSERT(has(&d, "4 March 2024"));
	CU_ASSERT(has(&d, "Europe/Paris"));
	CU_ASSERT(has(&d, "fr-alsace-moselle"));
	CU_ASSERT(has(&d, "2 May 2025, 24 December 2025"));
	/* the threshold of "too few calls", the bootstrap's resamples */
	CU_ASSERT(has(&d, "under 30 calls"));
	CU_ASSERT(has(&d, "2,000 resamples"));
	CU_ASSERT(has(&d, "(seed 1,"));
	CU_ASSERT(has(&d, "85%"));
	/* the figures, each with callstat-kpi's name */
	t = table(&d, "Figure");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->ncols, 2);
	CU_ASSERT_EQUAL(t->nrows, 15);
	CU_ASSERT(row_has(t, 3, "Agent answer rate\n[agent_answer_rate]"));
	CU_ASSERT(row_has(t, 5, "Service level (27 s)\n[service_level]"));
	CU_ASSERT(has(&d, "Newcombe"));
	CU_ASSERT(has(&d, "Mann-Whitney"));
	/* the six outcomes, one line each */
	t = table(&d, "Outcome");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->nrows, 7);
	/* the services: label (name), numbers, queues, extensions, hours */
	t = table(&d, "Service");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL(t->ncols, 6);
	CU_ASSERT_EQUAL_FATAL(t->nrows, 4);
	CU_ASSERT(row_has(t, 1, "État civil (etat-civil)"));
	CU_ASSERT(row_has(t, 1, "0139000101"));
	CU_ASSERT(row_has(t, 1, "etat-civil"));
	CU_ASSERT(row_has(t, 1, "2100-2199"));
	CU_ASSERT(row_has(t, 1, "mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00"));
	CU_ASSERT(row_has(t, 1, "acte_naissance, acte_mariage"));
	CU_ASSERT(row_has(t, 2, "Urbanisme et travaux (urbanisme)"));
	CU_ASSERT(row_has(t, 2, "0139000202, 0139000203"));
	CU_ASSERT(row_has(t, 2, "2200"));
	CU_ASSERT(row_has(t, 2, "always open"));
	CU_ASSERT(row_has(t, 3, "police"));
	CU_ASSERT(row_has(t, 3, "mon-fri 07:00-19:00"));
	cs_doc_release(&d);
	cs_config_release(&cfg);
}

static void
test_method_defaults(void)
{
	struct cs_config cfg;
	struct cs_lang L;
	struct cs_doc d;
	struct cs_error err = { .msg = "" };

	CU_ASSERT_FATAL(load_config(&cfg, "bare.conf",
	    "[commune]\nname = Bourg\nholidays = none\n") == 0);
	cs_lang_init(&L);
	cs_doc_init(&d);
	/* the seed and resamples the comparisons ran with, as given */
	CU_ASSERT_EQUAL(cs_report_method(&d, &cfg, &L, 77, 500, &err), 0);
	CU_ASSERT(has(&d, "500 resamples (seed 77,"));
	CU_ASSERT(!has(&d, "2,000"));
	CU_ASSERT(has(&d, "Service level (20 s)"));
	CU_ASSERT(has(&d, "go-live date: not set"));
	CU_ASSERT(has(&d, "Days the town hall was closed: none."));
	CU_ASSERT(has(&d, "Public holidays: none"));
	CU_ASSERT(!has(&d, "or more counts as missed"));	/* no dial_timeout */
	CU_ASSERT(has(&d, "names no service"));
	cs_doc_release(&d);
	cs_config_release(&cfg);
}

static void
test_method_french(void)
{
	struct cs_config cfg;
	struct cs_lang L;
	struct cs_doc d;
	struct cs_error err = { .msg = "" };
	const struct cs_doc_block *t;

	CU_ASSERT_FATAL(load_config(&cfg, "method.conf", method_conf) == 0);
	CU_ASSERT_FATAL(load_french(&L) == 0);
	cs_doc_init(&d);
	CU_ASSERT_EQUAL(cs_report_method(&d, &cfg, &L, 1, 0, &err), 0);
	CU_ASSERT(heading(&d, 1, "Méthodologie"));
	CU_ASSERT(heading(&d, 2, "Services"));
	CU_ASSERT(has(&d, "Niveau de service (27\u00a0s)"));
	CU_ASSERT(has(&d, "Taux de réponse par un agent"));
	CU_ASSERT(has(&d, "«\u00a0taux de décroché agent\u00a0»"));
	CU_ASSERT(has(&d, "4 mars 2024"));
	CU_ASSERT(has(&d, "2\u202f000"));
	CU_ASSERT(has(&d, "85\u202f%"));
	CU_ASSERT(has(&d, "«\u00a0trop peu d’appels\u00a0»"));
	CU_ASSERT(has(&d, "Abandonné"));
	t = table(&d, "Service");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT(row_has(t, 2, "toujours ouvert"));
	CU_ASSERT(row_has(t, 1, "0139000101"));
	/* no English sentence left untranslated */
	CU_ASSERT(!has(&d, "Methodology"));
	CU_ASSERT(!has(&d, " the "));
	for (size_t i = 0; i < d.n; i++) {
		const char *s = d.b[i].text;

		if (s != NULL && (strstr(s, " the ") || strstr(s, "The ")))
			fprintf(stderr, "\n  untranslated: %s\n", s);
	}
	cs_lang_release(&L);
	cs_doc_release(&d);
	cs_config_release(&cfg);
}

/* ---- Data quality ---- */

static const char quality_conf[] =
    "[commune]\n"
    "name = Ville de Test\n"
    "timezone = Europe/Paris\n"
    "holidays = fr\n"
    "closed = 2025-06-13\n"
    "[bot]\n"
    "match = channel:PJSIP/voicebot-*\n"
    "[service etat-civil]\n"
    "match = did:0139000101\n"
    "hours = mon-fri 08:30-12:00\n"
    "[service urbanisme]\n"
    "match = did:0139000202\n"
    "hours = mon-thu 09:00-12:00\n";

static struct cs_db qdb;
static struct cs_config qcfg;
static int qdb_open, qcfg_ok;

/* Local noon of a June or October 2025 day as an instant (CEST, UTC+2,
 * until 26 October 2025 03:00; CET, UTC+1, after). */
static long long
instant(int mon, int mday, int hour, int min)
{
	/* 2025-06-01 00:00:00 UTC and 2025-10-01 00:00:00 UTC */
	long long base = mon == 6 ? 1748736000LL : 1759276800LL;
	int off = mon == 10 && (mday > 26 || (mday == 26 && hour >= 3)) ?
	    3600 : 7200;

	return base + (long long)(mday - 1) * 86400 + hour * 3600 + min * 60 -
	    off;
}

static int
exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(qdb.h, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "\n  report_pages: %s: %s\n", sql, msg);
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

static int
daily(const char *day, const char *service, int in_hours)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO daily VALUES('%s', 'w', '%s', "
	    "%d, 1, 1, 0, 0, 1, 0, 0, 0, 0, 3, 1, 0, 0, 1, 0, 0, 1, 1, 0, 0, "
	    "0, 0, 0, 0)", day, service, in_hours);
	return exec(sql);
}

static int
cdr(long long start, int rhash)
{
	char sql[256];

	snprintf(sql, sizeof(sql), "INSERT INTO cdr(start, rhash, source, line, "
	    "end, duration, billsec, caller) VALUES(%lld, %d, 1, %d, %lld, "
	    "60, 50, 'h')", start, rhash, rhash, start + 60);
	return exec(sql);
}

static int
call(long long start, const char *id, const char *dir, int flags)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO calls(start, id, end, day, "
	    "week, direction, service, in_hours, outcome, escalated, "
	    "needed_agent, bot_answered, caller, legs, flags) VALUES(%lld, "
	    "'%s', %lld, 'd', 'w', '%s', 'etat-civil', 0, 'agent', 0, 1, 0, "
	    "'h', 1, %d)", start, id, start + 60, dir, flags);
	return exec(sql);
}

static int
session(long long start, const char *id, const char *link)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO bot_session VALUES(%lld, '%s', "
	    "%lld, 'd', NULL, '%s', '', '', 'resolved', 0, 2, 1, 0)", start, id,
	    start + 30, link);
	return exec(sql);
}

static int
source(int id, const char *path, const char *format, int lines, int stored,
    int skipped, int rejected)
{
	char sql[512];

	snprintf(sql, sizeof(sql), "INSERT INTO sources(id, path, format, size, "
	    "hash, lines, stored, skipped, rejected, imported_at) VALUES(%d, "
	    "'%s', '%s', 1, '', %d, %d, %d, %d, '2025-07-01T00:00:00Z')", id,
	    path, format, lines, stored, skipped, rejected);
	return exec(sql);
}

/*
 * June 2025: records on Monday 2, Tuesday 3, Friday 6, Tuesday 10,
 * Wednesday 11 and Thursday 12; none on Wednesday 4 and Thursday 5 (both
 * services open: the gap), Saturday 7 and Sunday 8 (no hours), Whit
 * Monday 9 (a holiday), Friday 13 (a closed day).  October 2025: calls
 * around the end of summer time (Sunday 26), no daily row.
 */
static int
quality_init(void)
{
	char path[512];
	struct cs_error err = { .msg = "" };
	static const char *const days[] = { "2025-06-02", "2025-06-03",
	    "2025-06-06", "2025-06-10", "2025-06-11", "2025-06-12" };

	snprintf(tmpdir, sizeof(tmpdir), "%s/cs-report-XXXXXX",
	    getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	if (load_config(&qcfg, "quality.conf", quality_conf) != 0)
		return -1;
	qcfg_ok = 1;
	snprintf(path, sizeof(path), "%s/q.db", tmpdir);
	if (cs_db_open(&qdb, path, CS_DB_CREATE, &err) != 0) {
		fprintf(stderr, "\n  report_pages: %s\n", err.msg);
		return -1;
	}
	qdb_open = 1;
	if (exec("BEGIN") != 0)
		return -1;
	for (size_t i = 0; i < sizeof(days) / sizeof(days[0]); i++)
		if (daily(days[i], "etat-civil", 1) != 0)
			return -1;
	/* a day with only out-of-hours calls of another service has records */
	if (daily("2025-06-10", "other", 0) != 0 ||
	    daily("2025-06-12", "urbanisme", 0) != 0)
		return -1;
	/* call records from 2 June 09:00 to 12 June 16:30 */
	if (cdr(instant(6, 2, 9, 0), 1) != 0 || cdr(instant(6, 6, 10, 0), 2) ||
	    cdr(instant(6, 12, 16, 30), 3) != 0)
		return -1;
	/* a bot event on 3 June; no queue_log */
	if (exec("INSERT INTO bot_event(time, rhash, source, line, session, "
	    "type) VALUES(1748944800, 1, 3, 1, 's', 'start')") != 0)
		return -1;
	/* the files: 3 + 0 + 4 = 7 lines rejected, in 2 of the 3 */
	if (source(1, "/var/log/asterisk/cdr-csv/Master.csv", "asterisk-cdr",
	    100, 95, 2, 3) != 0 ||
	    source(2, "/var/log/asterisk/queue_log", "asterisk-queue-log", 10,
	    10, 0, 0) != 0 ||
	    source(3, "exports/bot.jsonl", "bot-jsonl", 20, 16, 0, 4) != 0)
		return -1;
	/* June's sessions: 5, 2 linked to no call, 1 to several; one more
	   of each outside the period; 7 to 12 June: 1 to several */
	if (session(instant(6, 2, 9, 0), "a", "call_id") != 0 ||
	    session(instant(6, 3, 9, 0), "b", "sip_call_id") != 0 ||
	    session(instant(6, 3, 10, 0), "c", "none") != 0 ||
	    session(instant(6, 6, 10, 0), "d", "none") != 0 ||
	    session(instant(6, 10, 10, 0), "e", "ambiguous") != 0 ||
	    session(instant(6, 20, 10, 0), "f", "none") != 0 ||
	    session(instant(6, 1, 10, 0), "g", "ambiguous") != 0)
		return -1;
	/*
	 * The end of summer time, Sunday 26 October 2025: 02:00-03:00 comes
	 * twice.  Flagged inbound calls at 02:10 and 02:50 (the earlier
	 * instants), an unflagged one at 02:20 (the later hour, read from a
	 * UTC log), a flagged internal call; an inbound call flagged on
	 * another day cannot be, so none is planted.
	 */
	if (call(instant(10, 26, 2, 10), "x1", "inbound", 1) != 0 ||
	    call(instant(10, 26, 2, 50), "x2", "inbound", 1) != 0 ||
	    call(instant(10, 26, 2, 20) + 3600, "x3", "inbound", 0) != 0 ||
	    call(instant(10, 26, 2, 30), "x4", "internal", 1) != 0 ||
	    call(instant(10, 25, 11, 0), "x5", "inbound", 0) != 0)
		return -1;
	return exec("COMMIT");
}

static int
quality_clean(void)
{
	char cmd[600];
	struct cs_error err;

	if (qdb_open)
		cs_db_close(&qdb, &err);
	if (qcfg_ok)
		cs_config_release(&qcfg);
	if (tmpdir[0] != '\0') {
		snprintf(cmd, sizeof(cmd), "rm -rf '%s'", tmpdir);
		if (system(cmd) != 0)
			return -1;
	}
	return 0;
}

/* d (initialised here) gets the Data quality chapter of from..to in L. */
static int
quality(struct cs_doc *d, const struct cs_lang *L, const char *from,
    const char *to)
{
	struct cs_error err = { .msg = "" };
	int rc;

	cs_doc_init(d);
	rc = cs_report_quality(d, &qdb, &qcfg, from, to, L, &err);
	if (rc != 0)
		fprintf(stderr, "\n  report_pages: %s\n", err.msg);
	return rc == 0 ? cs_doc_ok(d, &err) : rc;
}

static void
test_quality_june(void)
{
	struct cs_lang L;
	struct cs_doc d;
	struct cs_error err = { .msg = "" };
	const struct cs_doc_block *t;
	const char *p;

	cs_lang_init(&L);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-06-02", "2025-06-13"), 0);
	CU_ASSERT_EQUAL(cs_doc_ok(&d, &err), 0);
	CU_ASSERT(heading(&d, 1, "Data quality"));
	/* what each kind of record covers, whatever the period */
	CU_ASSERT(has(&d, "call records: from 2 June 2025 to 12 June 2025."));
	CU_ASSERT(has(&d, "The queue log: none."));
	CU_ASSERT(has(&d, "The bot's events: from 3 June 2025 to 3 June 2025."));
	/* the gap: Wednesday 4 and Thursday 5, and nothing else */
	p = find(&d, "Days with no call record");
	CU_ASSERT_PTR_NOT_NULL_FATAL(p);
	CU_ASSERT(strstr(p, "open: 2 (4–5 June 2025)") != NULL);
	CU_ASSERT(strstr(p, "7 June") == NULL);	/* Saturday: no hours */
	CU_ASSERT(strstr(p, "8 June") == NULL);	/* Sunday */
	CU_ASSERT(strstr(p, "9 June") == NULL);	/* Whit Monday */
	CU_ASSERT(strstr(p, "13 June") == NULL);	/* closed */
	/* the files, by their names only, and the lines rejected */
	t = table(&d, "File");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	CU_ASSERT_EQUAL_FATAL(t->nrows, 4);
	CU_ASSERT(row_has(t, 1, "Master.csv"));
	CU_ASSERT(!has(&d, "/var/log"));
	CU_ASSERT_STRING_EQUAL(t->cells[1 * 6 + 2], "100");
	CU_ASSERT_STRING_EQUAL(t->cells[1 * 6 + 3], "95");
	CU_ASSERT_STRING_EQUAL(t->cells[1 * 6 + 4], "2");
	CU_ASSERT_STRING_EQUAL(t->cells[1 * 6 + 5], "3");
	CU_ASSERT(row_has(t, 3, "bot.jsonl"));
	CU_ASSERT(has(&d, "Lines rejected: 7, in 2 of the 3 files"));
	/* the sessions of the period only */
	CU_ASSERT(has(&d, "Sessions of the bot in the period linked to no "
	    "call: 2. Linked to several calls, so to none: 1."));
	/* no end of summer time in June */
	CU_ASSERT(has(&d, "no end of summer time"));
	/* call records and no queue log: the exits from the records alone */
	CU_ASSERT(has(&d, "no queue log for the period"));
	CU_ASSERT(has(&d, "each format of the period can carry"));
	CU_ASSERT(has(&d, "asterisk-cdr: every figure."));
	CU_ASSERT(has(&d, "bot-jsonl: every figure."));
	/* the queue log's file holds nothing of the period */
	CU_ASSERT(!has(&d, "asterisk-queue-log:"));
	cs_doc_release(&d);
}

static void
test_quality_october(void)
{
	struct cs_lang L;
	struct cs_doc d;

	cs_lang_init(&L);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-10-20", "2025-10-31"), 0);
	/* x1 and x2: not the later hour's x3, not the internal x4 */
	CU_ASSERT(has(&d, "ended (26 October 2025): 2."));
	/* no daily row: said, not listed day by day */
	CU_ASSERT(has(&d, "hold no day of the period"));
	/* no session in October; no record of any format */
	CU_ASSERT(has(&d, "No session of the bot"));
	CU_ASSERT(has(&d, "no format to speak of"));
	CU_ASSERT(!has(&d, "no queue log for the period"));
	cs_doc_release(&d);
}

/* Every day of the period has records: "none". */
static void
test_quality_none(void)
{
	struct cs_lang L;
	struct cs_doc d;

	cs_lang_init(&L);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-06-07", "2025-06-12"), 0);
	CU_ASSERT(has(&d, "while a service was open: none."));
	CU_ASSERT(has(&d, "linked to no call: 0. Linked to several calls, so "
	    "to none: 1."));
	cs_doc_release(&d);

	/* no period: the days the daily sums hold, 2 to 12 June */
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, NULL, NULL), 0);
	CU_ASSERT(has(&d, "while a service was open: 2 (4–5 June 2025)"));
	CU_ASSERT(has(&d, "linked to no call: 2. Linked to several calls, so "
	    "to none: 1."));
	cs_doc_release(&d);

	/* 2 June: one session, linked; no line rejected anywhere */
	CU_ASSERT_FATAL(exec("BEGIN") == 0);
	CU_ASSERT_FATAL(exec("UPDATE sources SET rejected = 0") == 0);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-06-02", "2025-06-02"), 0);
	CU_ASSERT(has(&d, "Every session of the bot in the period is linked"));
	CU_ASSERT(has(&d, "No line was rejected."));
	CU_ASSERT(has(&d, "while a service was open: none."));
	cs_doc_release(&d);
	CU_ASSERT(exec("ROLLBACK") == 0);
}

static void
test_quality_french(void)
{
	struct cs_lang L;
	struct cs_doc d;
	const char *p;

	CU_ASSERT_FATAL(load_french(&L) == 0);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-06-02", "2025-06-13"), 0);
	CU_ASSERT(heading(&d, 1, "Qualité des données"));
	p = find(&d, "4–5 juin 2025");
	CU_ASSERT_PTR_NOT_NULL(p);
	CU_ASSERT(has(&d, "du 2 juin 2025 au 12 juin 2025"));
	CU_ASSERT(has(&d, "Lignes rejetées\u00a0: 7"));
	CU_ASSERT(has(&d, "Fichier"));
	CU_ASSERT(!has(&d, "Data quality"));
	for (size_t i = 0; i < d.n; i++) {
		const char *s = d.b[i].text;

		if (s != NULL && (strstr(s, " the ") || strstr(s, "The ")))
			fprintf(stderr, "\n  untranslated: %s\n", s);
		CU_ASSERT(s == NULL || strstr(s, " the ") == NULL);
	}
	cs_lang_release(&L);
	cs_doc_release(&d);
}

/* More files than the table shows: those with rejected lines first. */
static void
test_quality_many_files(void)
{
	struct cs_lang L;
	struct cs_doc d;
	const struct cs_doc_block *t;
	int found = 0;

	CU_ASSERT_FATAL(exec("BEGIN") == 0);
	for (int i = 4; i <= 33; i++) {
		char name[64];

		snprintf(name, sizeof(name), "/logs/Master.csv.%d", i);
		CU_ASSERT_FATAL(source(i, name, "asterisk-cdr", 10, 10, 0,
		    i == 31 ? 6 : 0) == 0);
	}
	cs_lang_init(&L);
	CU_ASSERT_EQUAL_FATAL(quality(&d, &L, "2025-06-02", "2025-06-13"), 0);
	t = table(&d, "File");
	CU_ASSERT_PTR_NOT_NULL_FATAL(t);
	/* 33 files: 24 shown (header apart), the 3 with rejected lines first */
	CU_ASSERT_EQUAL(t->nrows, 25);
	for (int r = 1; r < t->nrows; r++)
		found |= row_has(t, r, "Master.csv.31");
	CU_ASSERT(found);
	CU_ASSERT(row_has(t, 1, "Master.csv") && row_has(t, 3, "Master.csv.31"));
	CU_ASSERT(has(&d, "Other files, with no rejected line: 9."));
	CU_ASSERT(has(&d, "Lines rejected: 13, in 3 of the 33 files"));
	cs_doc_release(&d);
	CU_ASSERT(exec("ROLLBACK") == 0);
}

/* The outage days alone, with "today" chosen. */
static void
test_outage(void)
{
	struct cs_lang L;
	struct cs_outage o;
	struct cs_error err = { .msg = "" };
	/* local midnights: 2025-06-02 is 2025-06-01T22:00Z */
	int64_t jun2 = instant(6, 2, 0, 0), jun14 = instant(6, 14, 0, 0);
	int64_t jun5 = instant(6, 5, 0, 0);

	cs_lang_init(&L);
	/* today is 5 June: the 5th is not expected yet */
	CU_ASSERT_EQUAL_FATAL(cs_outage_find(&qdb, &qcfg, &L, jun2, jun14, jun5,
	    &o, &err), 0);
	CU_ASSERT(o.any);
	CU_ASSERT_EQUAL(o.ndays, 1);
	CU_ASSERT_STRING_EQUAL(o.ranges, "4 June 2025");
	cs_outage_release(&o);
	/* from Monday 1 September 2025 to Sunday 1 March 2026, no record:
	   26 weeks of Monday to Friday, less 11 November, 25 December and
	   1 January, which split three weeks in two: 29 ranges, 127 days */
	CU_ASSERT_EQUAL_FATAL(cs_outage_find(&qdb, &qcfg, &L,
	    instant(10, 1, 0, 0) - 30 * 86400, instant(10, 1, 0, 0) + 151 * 86400 +
	    3600, INT64_MAX, &o, &err), 0);
	CU_ASSERT(!o.any);
	CU_ASSERT_EQUAL(o.ndays, 127);
	CU_ASSERT_EQUAL(o.more, 29 - CS_OUTAGE_MAX_RANGES);
	CU_ASSERT_PTR_NOT_NULL_FATAL(o.ranges);
	CU_ASSERT(strncmp(o.ranges, "1–5 September 2025, 8–12 September 2025",
	    strlen("1–5 September 2025, 8–12 September 2025")) == 0);
	CU_ASSERT(strstr(o.ranges, "10 November 2025, 12–14 November 2025") !=
	    NULL);
	cs_outage_release(&o);
	/* across a month: Monday 30 June to Wednesday 2 July */
	CU_ASSERT_EQUAL_FATAL(cs_outage_find(&qdb, &qcfg, &L,
	    instant(6, 28, 0, 0), instant(6, 28, 0, 0) + 5 * 86400, INT64_MAX,
	    &o, &err), 0);
	CU_ASSERT_STRING_EQUAL(o.ranges, "30 June 2025 – 2 July 2025");
	cs_outage_release(&o);
}

static CU_TestInfo tests[] = {
	{ "methodology, English", test_method_english },
	{ "methodology, defaults and no service", test_method_defaults },
	{ "methodology, French", test_method_french },
	{ "data quality: June's gap, files, sessions", test_quality_june },
	{ "data quality: the repeated hour", test_quality_october },
	{ "data quality: none", test_quality_none },
	{ "data quality, French", test_quality_french },
	{ "data quality: more files than fit", test_quality_many_files },
	{ "outage days: today, holidays, a month's end", test_outage },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("report_pages", tests, quality_init, quality_clean)
