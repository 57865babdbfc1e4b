/*
 * test_kpi_intent.c: cs_kpi_intents on calls and sessions written by hand.
 * A session's call is the one of its id that starts last, no later than
 * 10 s after the session and no earlier than two days before it; the
 * figures below are counted by hand from the rows inserted.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "kpi_intent.h"
#include "timeutil.h"
#include "unit.h"

static char tmpdir[256], path[300];

/* 2024-03-10 00:00:00 UTC */
#define T 1710028800LL
#define DAY 86400LL

static int
suite_init(void)
{
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-intent-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/i.db", tmpdir);
	return cs_tz_use("UTC", &err);
}

static int
suite_clean(void)
{
	static const char *files[] = { "i.db", "i.db-wal", "i.db-shm",
	    "i.db.key" };
	char p[400];

	for (size_t i = 0; i < sizeof(files) / sizeof(files[0]); i++) {
		snprintf(p, sizeof(p), "%s/%s", tmpdir, files[i]);
		unlink(p);
	}
	rmdir(tmpdir);
	return 0;
}

static int
call(struct cs_db *db, long long start, const char *id, const char *outcome,
    int escalated, const char *service)
{
	char sql[1024];
	struct cs_error err;

	snprintf(sql, sizeof(sql), "INSERT INTO calls(start, id, end, day, "
	    "week, direction, service, in_hours, outcome, escalated, "
	    "needed_agent, bot_answered, caller, legs, flags) VALUES (%lld, "
	    "'%s', %lld, date(%lld, 'unixepoch'), '2024-W10', 'inbound', "
	    "'%s', 1, '%s', %d, %d, 1, '', 1, 0)", start, id, start + 60,
	    start, service, outcome, escalated, escalated);
	return cs_db_exec(db, sql, &err);
}

static int
session(struct cs_db *db, long long start, const char *name, const char *id,
    const char *intent, int secs, int turns, int ct, int ft)
{
	char sql[1024];
	struct cs_error err;

	snprintf(sql, sizeof(sql), "INSERT INTO bot_session(start, session, "
	    "end, day, call, link, service, intent, outcome, transferred, "
	    "turns, caller_turns, fallback_turns) VALUES (%lld, '%s', %lld, "
	    "date(%lld, 'unixepoch'), %s%s%s, 'call_id', '', '%s', 'resolved', "
	    "0, %d, %d, %d)", start, name, start + secs, start,
	    id ? "'" : "", id ? id : "NULL", id ? "'" : "", intent, turns, ct,
	    ft);
	return cs_db_exec(db, sql, &err);
}

static void
test_intents(void)
{
	struct cs_db db;
	struct cs_error err;
	struct cs_kpi_query q;
	struct cs_intent_row *r = NULL;
	const struct cs_intent_row *x;
	size_t n = 0;

	CU_ASSERT_EQUAL_FATAL(cs_db_open(&db, path, CS_DB_CREATE, &err), 0);
	/* S1: call A 5 s before it */
	CU_ASSERT_EQUAL(call(&db, T + 95, "A", "bot", 0, "accueil"), 0);
	CU_ASSERT_EQUAL(session(&db, T + 100, "s1", "A", "horaires", 60, 6, 4,
	    1), 0);
	/* S2: two calls B; the later one, 5 s after the session, is its */
	CU_ASSERT_EQUAL(call(&db, T + 500, "B", "agent", 1, "etat-civil"), 0);
	CU_ASSERT_EQUAL(call(&db, T + 1005, "B", "bot", 0, "accueil"), 0);
	CU_ASSERT_EQUAL(session(&db, T + 1000, "s2", "B", "horaires", 120, 4,
	    2, 1), 0);
	/* S3: call C starts 11 s after the session: not its */
	CU_ASSERT_EQUAL(call(&db, T + 2011, "C", "bot", 0, "accueil"), 0);
	CU_ASSERT_EQUAL(session(&db, T + 2000, "s3", "C", "acte", 30, 2, 1, 0),
	    0);
	/* S4: call D three days before: not its */
	CU_ASSERT_EQUAL(call(&db, T + 3000, "D", "bot", 0, "accueil"), 0);
	CU_ASSERT_EQUAL(session(&db, T + 3 * DAY, "s4", "D", "acte", 30, 2, 1,
	    0), 0);
	/* S5: call E exactly two days before: its */
	CU_ASSERT_EQUAL(call(&db, T + 3 * DAY + 50 - 2 * DAY, "E", "agent", 1,
	    "etat-civil"), 0);
	CU_ASSERT_EQUAL(session(&db, T + 3 * DAY + 50, "s5", "E", "acte", 30,
	    2, 1, 0), 0);
	/* S6: no intent, no call */
	CU_ASSERT_EQUAL(session(&db, T + 4 * DAY, "s6", NULL, "", 10, 1, 1, 1),
	    0);

	memset(&q, 0, sizeof(q));
	CU_ASSERT_EQUAL_FATAL(cs_kpi_intents(&db, &q, &r, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 3);
	/* the most sessions first */
	CU_ASSERT_STRING_EQUAL(r[0].intent, "acte");
	CU_ASSERT_STRING_EQUAL(r[1].intent, "horaires");
	CU_ASSERT_STRING_EQUAL(r[2].intent, "(none)");
	x = &r[0];	/* s3, s4, s5; only s5 has its call, E: an agent's */
	CU_ASSERT_EQUAL(x->v[CS_INTENT_SESSIONS], 3);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_CALLS], 1);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_CONTAINMENT_RATE], 0);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_ESCALATION_RATE], 1);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_FALLBACK_RATE], 0);
	x = &r[1];	/* s1 (A, bot) and s2 (the later B, bot) */
	CU_ASSERT_EQUAL(x->v[CS_INTENT_SESSIONS], 2);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_CALLS], 2);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_CONTAINMENT_RATE], 1);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_ESCALATION_RATE], 0);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_FALLBACK_RATE], 2.0 / 6);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_HANDLING_TIME], 90);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_TURNS], 5);
	x = &r[2];
	CU_ASSERT_EQUAL(x->v[CS_INTENT_SESSIONS], 1);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_CALLS], 0);
	CU_ASSERT_FALSE(x->has[CS_INTENT_CONTAINMENT_RATE]);
	CU_ASSERT_FALSE(x->has[CS_INTENT_ESCALATION_RATE]);
	CU_ASSERT_EQUAL(x->v[CS_INTENT_FALLBACK_RATE], 1);
	free(r);

	/* the sessions whose call is the service's */
	q.service = "accueil";
	CU_ASSERT_EQUAL_FATAL(cs_kpi_intents(&db, &q, &r, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(r[0].intent, "horaires");
	CU_ASSERT_EQUAL(r[0].v[CS_INTENT_SESSIONS], 2);
	free(r);
	q.service = "etat-civil";
	CU_ASSERT_EQUAL_FATAL(cs_kpi_intents(&db, &q, &r, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_STRING_EQUAL(r[0].intent, "acte");
	CU_ASSERT_EQUAL(r[0].v[CS_INTENT_SESSIONS], 1);
	CU_ASSERT_EQUAL(r[0].v[CS_INTENT_CALLS], 1);
	free(r);

	/* one day: s4 and s5; E, two days before, still found */
	q.service = NULL;
	q.from = q.to = "2024-03-13";
	CU_ASSERT_EQUAL_FATAL(cs_kpi_intents(&db, &q, &r, &n, &err), 0);
	CU_ASSERT_EQUAL_FATAL(n, 1);
	CU_ASSERT_EQUAL(r[0].v[CS_INTENT_SESSIONS], 2);
	CU_ASSERT_EQUAL(r[0].v[CS_INTENT_CALLS], 1);
	free(r);
	/* a day with nothing */
	q.from = q.to = "2024-04-01";
	CU_ASSERT_EQUAL_FATAL(cs_kpi_intents(&db, &q, &r, &n, &err), 0);
	CU_ASSERT_EQUAL(n, 0);
	free(r);
	CU_ASSERT_EQUAL(cs_db_close(&db, &err), 0);
}

static CU_TestInfo tests[] = {
	{ "sessions joined to their calls", test_intents },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("kpi_intent", tests, suite_init, suite_clean)
