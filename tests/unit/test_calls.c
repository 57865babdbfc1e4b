/*
 * test_calls.c: the calls suite.  cs_call_build() is fed legs and queue
 * events built by hand (as Master.csv and queue_log write them, mapped as
 * the Asterisk reader maps them), one rule of callstat-kpi(7) and
 * callstat.conf(5) per test.  Every
 * instant was worked out by hand: local midnight of Monday 3 March 2025 in
 * Paris (UTC+1) is 2025-03-02T23:00Z = 1740956400, a day is 86400 s, and
 * after Sunday 30 March the offset is UTC+2.  Every expected value comes
 * from the rules, never from the code's output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "calls.h"
#include "config.h"
#include "readers/asterisk.h"
#include "rules.h"
#include "unit.h"

/* Local midnights (Europe/Paris), worked out from 1740956400 (Mon 3 Mar). */
#define TUE11	1741647600	/* Tue 11 Mar 2025, UTC+1: + 8 days */
#define WED12	1741734000	/* Wed 12 Mar 2025 */
#define THU13	1741820400	/* Thu 13 Mar 2025 (a `closed` day below) */
#define FRI14	1741906800	/* Fri 14 Mar 2025 */
#define SAT15	1741993200	/* Sat 15 Mar 2025 */
#define SUN16	1742079600	/* Sun 16 Mar 2025 */
#define MON21APR 1745186400	/* Mon 21 Apr 2025 (Easter Monday), UTC+2:
				   2025-04-21T00:00Z 1745193600 - 7200 */
#define TUE22APR 1745272800	/* Tue 22 Apr 2025 */
#define WED30APR 1745964000	/* Wed 30 Apr 2025 */
#define THU01MAY 1746050400	/* Thu 1 May 2025 (Labour Day) */

#define AT(day, h, m, s) ((int64_t)(day) + (h) * 3600 + (m) * 60 + (s))
/* Tuesday 11 March 2025, 10:00:00 local: both services are open. */
#define T0 AT(TUE11, 10, 0, 0)

#define ACCUEIL 0
#define URBANISME 1
#define STANDARD 2
#define OTHER 3		/* == nservices */

static const char conf_text[] =
	"# test_calls.c: two services with hours, one without\n"
	"[commune]\n"
	"name = Test\n"
	"timezone = Europe/Paris\n"
	"holidays = fr\n"
	"closed = 2025-03-13\n"
	"short_abandon = 5\n"
	"service_level = 20\n"
	"dial_timeout = 30\n"
	"\n"
	"[pbx]\n"
	"times = local\n"
	"welcome = data:custom/bienvenue*\n"
	"\n"
	"[bot]\n"
	"match = channel:PJSIP/voicebot-*\n"
	"\n"
	"[internal]\n"
	"match = ext:1000-2999 context:callback-script\n"
	"\n"
	"[service accueil]\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n"
	"hours = mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00\n"
	"\n"
	"[service urbanisme]\n"
	"match = did:0199000200 did:01990022?? queue:urbanisme ext:2200-2299\n"
	"hours = mon,tue,thu,fri 09:00-12:00 14:00-17:00; wed 09:00-12:00\n"
	"\n"
	"[service standard]\n"
	"match = did:0199000300\n";

/* The same without dial_timeout: NO ANSWER is then always abandoned. */
static const char conf_nodt_text[] =
	"[commune]\n"
	"timezone = Europe/Paris\n"
	"[service accueil]\n"
	"match = did:0199000100 did:01990021?? queue:accueil ext:2100-2199\n";

static struct cs_config cfg, cfg_nodt;
static int cfg_ok, cfg_nodt_ok;
static char tmpdir[256];
static int64_t order_seq;

static int
write_file(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	int rc;

	if (fp == NULL)
		return -1;
	rc = fputs(text, fp) < 0 ? -1 : 0;
	if (fclose(fp) != 0)
		rc = -1;
	return rc;
}

static int
suite_init(void)
{
	char path[512];
	struct cs_error err;

	snprintf(tmpdir, sizeof(tmpdir), "/tmp/cs-test-calls-XXXXXX");
	if (mkdtemp(tmpdir) == NULL)
		return -1;
	snprintf(path, sizeof(path), "%s/calls.conf", tmpdir);
	if (write_file(path, conf_text) != 0)
		return -1;
	if (cs_config_load(&cfg, path, &err) != 0) {
		fprintf(stderr, "calls suite: %s\n", err.msg);
		return -1;
	}
	cfg_ok = 1;
	unlink(path);
	snprintf(path, sizeof(path), "%s/nodt.conf", tmpdir);
	if (write_file(path, conf_nodt_text) != 0)
		return -1;
	if (cs_config_load(&cfg_nodt, path, &err) != 0) {
		fprintf(stderr, "calls suite: %s\n", err.msg);
		return -1;
	}
	cfg_nodt_ok = 1;
	unlink(path);
	/* the zone of the last configuration loaded: Paris too */
	return 0;
}

static int
suite_clean(void)
{
	if (cfg_ok)
		cs_config_release(&cfg);
	if (cfg_nodt_ok)
		cs_config_release(&cfg_nodt);
	rmdir(tmpdir);
	return 0;
}

/* An outside caller's keyed hash, as the database stores it. */
#define CALLER "5f2b8a0c9d1e4f3a5f2b8a0c9d1e4f3a"

/*
 * The texts a mapping computes (keys, peers, queues) live here, in turns:
 * more than any test holds at once.
 */
static struct cs_piece_buf *
piece_buf(void)
{
	static struct cs_piece_buf bufs[2048];
	static int next;

	next = (next + 1) % (int)(sizeof(bufs) / sizeof(bufs[0]));
	return &bufs[next];
}

/* A leg as Master.csv has it, mapped as the Asterisk reader maps it. */
static struct cs_leg
leg(int64_t start, int64_t answer, int64_t end, const char *src,
    const char *dst, const char *dcontext, const char *channel,
    const char *dstchannel, const char *app, const char *data,
    const char *disposition)
{
	struct cs_ast_leg a;
	struct cs_leg l;

	memset(&a, 0, sizeof(a));
	a.start = start;
	a.answer = answer;
	a.end = end;
	a.duration = (long)(end - start);
	a.caller = CALLER;
	a.src = src;
	a.dst = dst;
	a.dcontext = dcontext;
	a.channel = channel;
	a.dstchannel = dstchannel;
	a.lastapp = app;
	a.lastdata = data;
	a.disposition = disposition;
	a.uniqueid = "1741683600.1";
	a.linkedid = "";
	a.flags = 0;
	a.order = ++order_seq;
	cs_asterisk_leg(&a, &l, piece_buf());
	return l;
}

/* An inbound leg from the trunk: the caller, the DID, from-trunk. */
static struct cs_leg
inleg(int64_t start, int64_t answer, int64_t end, const char *dst,
    const char *dstchannel, const char *app, const char *data,
    const char *disposition)
{
	return leg(start, answer, end, "0639980101", dst, "from-trunk",
	    "PJSIP/trunk-00000001", dstchannel, app, data, disposition);
}

/* The bot answering the main number. */
static struct cs_leg
botleg(int64_t start, int64_t answer, int64_t end)
{
	return inleg(start, answer, end, "0199000100", "PJSIP/voicebot-00000002",
	    "Dial", "PJSIP/voicebot", "ANSWERED");
}

/* A queue row after the bot's hand-over ([bot-handover] context). */
static struct cs_leg
handleg(int64_t start, int64_t answer, int64_t end, const char *queue,
    const char *dstchannel, const char *data, const char *disposition)
{
	return leg(start, answer, end, "0639980101", queue, "bot-handover",
	    "PJSIP/trunk-00000001", dstchannel, "Queue", data, disposition);
}

/* A queue_log event, mapped as the Asterisk reader maps it. */
static struct cs_qevent
qev(int64_t t, const char *queue, const char *agent, const char *event,
    const char *d1, const char *d2, const char *d3)
{
	struct cs_ast_qevent a;
	struct cs_qevent e;

	memset(&a, 0, sizeof(a));
	a.time = t;
	a.callid = "1741683600.1";
	a.queue = queue;
	a.agent = agent;
	a.event = event;
	a.data[0] = d1;
	a.data[1] = d2;
	a.data[2] = d3;
	a.data[3] = "";
	a.data[4] = "";
	a.order = ++order_seq;
	CU_ASSERT_FATAL(cs_asterisk_qevent(&a, &e, piece_buf()) == 0);
	return e;
}

static void
build(const struct cs_leg *legs, int nlegs, const struct cs_qevent *ev, int nev,
    struct cs_call *c)
{
	memset(c, 0x5a, sizeof(*c));	/* everything must be set */
	cs_call_build(&cfg, legs, nlegs, ev, nev, c);
}

/* Asserts what every unanswered inbound call shares. */
#define ASSERT_NO_TIMES(c) do { \
	CU_ASSERT_EQUAL((c).wait, -1); \
	CU_ASSERT_EQUAL((c).human_wait, -1); \
	CU_ASSERT_EQUAL((c).talk, -1); \
} while (0)

static void
test_names(void)
{
	CU_ASSERT_PTR_NULL(cs_outcome_name(CS_OUTCOME_NONE));
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_AGENT), "agent");
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_BOT), "bot");
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_ABANDONED), "abandoned");
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_SHORT), "short");
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_MISSED), "missed");
	CU_ASSERT_STRING_EQUAL(cs_outcome_name(CS_OUTCOME_VOICEMAIL), "voicemail");
	CU_ASSERT_STRING_EQUAL(cs_direction_name(CS_INBOUND), "inbound");
	CU_ASSERT_STRING_EQUAL(cs_direction_name(CS_INTERNAL), "internal");
	CU_ASSERT_STRING_EQUAL(cs_direction_name(CS_OUTBOUND), "outbound");
}

/* A Dial answered by a person: agent, wait = human_wait = answer - start,
 * talk = end - answer. */
static void
test_agent_dial(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, T0 + 9, T0 + 309, "0199002101", "PJSIP/2101-00000002",
	    "Dial", "PJSIP/2101,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.start, T0);
	CU_ASSERT_EQUAL(c.end, T0 + 309);
	CU_ASSERT_EQUAL(c.wait, 9);
	CU_ASSERT_EQUAL(c.human_wait, 9);
	CU_ASSERT_EQUAL(c.talk, 300);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.escalated, 0);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.bot_answered, 0);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
	CU_ASSERT_EQUAL(c.in_hours, 1);
	CU_ASSERT_EQUAL(c.flags, 0);
	CU_ASSERT_STRING_EQUAL(c.caller, CALLER);
}

/*
 * A Queue row ANSWERED with answer == start (the welcome's Answer()) while
 * a queue_log covers the call and holds no CONNECT: nobody picked up
 * (config.md: CONNECT is the agent's answer; "a Queue row can carry an
 * answer time while nobody picked up").  The queue's ABANDON decides.
 */
static void
test_queue_row_answered_without_connect(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[2];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 40, "0199000200", "PJSIP/2201-00000002",
	    "Queue", "urbanisme,t,,,60", "ANSWERED");
	l[1] = inleg(T0 + 6, T0 + 6, T0 + 40, "0199000200", "PJSIP/2202-00000003",
	    "Queue", "urbanisme,t,,,60", "NO ANSWER");
	e[0] = qev(T0 + 6, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 40, "urbanisme", "NONE", "ABANDON", "1", "1", "34");
	build(l, 2, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, 40);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.escalated, 0);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/* A Queue row with an answer time but no destination channel: the PBX
 * answered, nobody picked up; from the CDR alone a queue that gave up is
 * missed. */
static void
test_queue_row_no_dstchannel(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 60, "0199000200", "", "Queue",
	    "urbanisme,t,,,60", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);	/* it entered a queue */
	CU_ASSERT_EQUAL(c.bot_answered, 0);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/*
 * Welcome, then the queue (calls 2, 6, 20 of calls.md): the ANSWERED row's
 * answer time is the welcome's Answer(); the CONNECT at +18 is the pick-up.
 * wait = human_wait = 18, talk = end - CONNECT = 300 - 18 = 282.
 */
static void
test_connect_wins(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[3];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 300, "0199000200", "PJSIP/2201-00000002",
	    "Queue", "urbanisme,t,,,60", "ANSWERED");
	l[1] = inleg(T0 + 6, T0 + 6, T0 + 18, "0199000200", "PJSIP/2202-00000003",
	    "Queue", "urbanisme,t,,,60", "NO ANSWER");
	e[0] = qev(T0 + 6, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 18, "urbanisme", "PJSIP/2201", "CONNECT", "12",
	    "1741683606.2", "12");
	e[2] = qev(T0 + 300, "urbanisme", "PJSIP/2201", "COMPLETECALLER", "12",
	    "282", "1");
	build(l, 2, e, 3, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.start, T0);
	CU_ASSERT_EQUAL(c.end, T0 + 300);
	CU_ASSERT_EQUAL(c.wait, 18);
	CU_ASSERT_EQUAL(c.human_wait, 18);
	CU_ASSERT_EQUAL(c.talk, 282);
	CU_ASSERT_EQUAL(c.escalated, 0);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/* The bot alone: outcome bot, wait = bot's answer - start, no human. */
static void
test_bot_alone(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = botleg(T0, T0 + 2, T0 + 90);
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_BOT);
	CU_ASSERT_EQUAL(c.wait, 2);
	CU_ASSERT_EQUAL(c.human_wait, -1);
	CU_ASSERT_EQUAL(c.talk, -1);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.bot_answered, 1);
	CU_ASSERT_EQUAL(c.escalated, 0);
	CU_ASSERT_EQUAL(c.needed_agent, 0);	/* met only the bot */
	CU_ASSERT_EQUAL(c.service, ACCUEIL);	/* rule 4: the DID */
	CU_ASSERT_EQUAL(c.in_hours, 1);
}

/*
 * The bot, then a queue (call 7 of calls.md): escalated; wait is the bot's
 * answer (1), human_wait runs from the hand-over, the end of the bot's leg
 * (+90), to the CONNECT (+105): 15; talk = 485 - 105 = 380.  Rule 1: the
 * queue urbanisme beats the DID of accueil.
 */
static void
test_bot_then_queue(void)
{
	struct cs_leg l[3];
	struct cs_qevent e[3];
	struct cs_call c;

	l[0] = botleg(T0, T0 + 1, T0 + 90);
	l[1] = handleg(T0 + 90, T0 + 90, T0 + 485, "urbanisme",
	    "PJSIP/2201-00000003", "urbanisme,t,,,60", "ANSWERED");
	l[2] = handleg(T0 + 90, T0 + 90, T0 + 105, "urbanisme",
	    "PJSIP/2202-00000004", "urbanisme,t,,,60", "NO ANSWER");
	e[0] = qev(T0 + 90, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 105, "urbanisme", "PJSIP/2201", "CONNECT", "15",
	    "1741683690.3", "15");
	e[2] = qev(T0 + 485, "urbanisme", "PJSIP/2201", "COMPLETECALLER", "15",
	    "380", "1");
	build(l, 3, e, 3, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.escalated, 1);
	CU_ASSERT_EQUAL(c.bot_answered, 1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.wait, 1);
	CU_ASSERT_EQUAL(c.human_wait, 15);
	CU_ASSERT_EQUAL(c.talk, 380);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.start, T0);
	CU_ASSERT_EQUAL(c.end, T0 + 485);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/* Escalated, then ABANDON in the queue (call 17): abandoned, the bot did
 * answer; abandon_wait from the call's start: 100. */
static void
test_escalated_abandon(void)
{
	struct cs_leg l[3];
	struct cs_qevent e[4];
	struct cs_call c;

	l[0] = botleg(T0, T0 + 2, T0 + 60);
	l[1] = handleg(T0 + 60, T0 + 60, T0 + 100, "accueil",
	    "PJSIP/2101-00000003", "accueil,t,,,120", "NO ANSWER");
	l[2] = handleg(T0 + 60, T0 + 60, T0 + 100, "accueil",
	    "PJSIP/2102-00000004", "accueil,t,,,120", "NO ANSWER");
	e[0] = qev(T0 + 60, "accueil", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 100, "accueil", "PJSIP/2101", "RINGCANCELED", "40000", "", "");
	e[2] = qev(T0 + 100, "accueil", "PJSIP/2102", "RINGCANCELED", "40000", "", "");
	e[3] = qev(T0 + 100, "accueil", "NONE", "ABANDON", "1", "1", "40");
	build(l, 3, e, 4, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.bot_answered, 1);
	CU_ASSERT_EQUAL(c.escalated, 1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, 100);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
}

/* short_abandon = 5: a would-be abandoned call of <= 5 s is short, one of
 * 6 s abandoned. */
static void
test_short_threshold(void)
{
	struct cs_leg l[1];
	struct cs_qevent e[2];
	struct cs_call c;
	static const struct {
		long secs;
		enum cs_outcome want;
	} cases[] = {
		{ 0, CS_OUTCOME_SHORT }, { 4, CS_OUTCOME_SHORT },
		{ 5, CS_OUTCOME_SHORT }, { 6, CS_OUTCOME_ABANDONED },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		l[0] = inleg(T0, 0, T0 + cases[i].secs, "0199002102",
		    "PJSIP/2102-00000002", "Dial", "PJSIP/2102,30", "NO ANSWER");
		build(l, 1, NULL, 0, &c);
		CU_ASSERT_EQUAL(c.outcome, cases[i].want);
		ASSERT_NO_TIMES(c);
		CU_ASSERT_EQUAL(c.abandon_wait,
		    cases[i].want == CS_OUTCOME_ABANDONED ? cases[i].secs : -1);
		CU_ASSERT_EQUAL(c.service, ACCUEIL);
	}

	/* the same through a queue's ABANDON: 5 s short, 6 s abandoned */
	for (long secs = 5; secs <= 6; secs++) {
		l[0] = inleg(T0, 0, T0 + secs, "0199000200", "PJSIP/2201-00000002",
		    "Queue", "urbanisme,t,,,60", "NO ANSWER");
		e[0] = qev(T0, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
		e[1] = qev(T0 + secs, "urbanisme", "NONE", "ABANDON", "1", "1", "5");
		build(l, 1, e, 2, &c);
		CU_ASSERT_EQUAL(c.outcome, secs == 5 ? CS_OUTCOME_SHORT :
		    CS_OUTCOME_ABANDONED);
		CU_ASSERT_EQUAL(c.abandon_wait, secs == 5 ? -1 : 6);
	}
}

/* BUSY, FAILED, CONGESTION: missed, even after 1 s (missed is not a
 * would-be abandoned call, so the short rule does not apply). */
static void
test_missed_dispositions(void)
{
	static const char *const disp[] = { "BUSY", "FAILED", "CONGESTION" };
	struct cs_leg l[1];
	struct cs_call c;

	for (size_t i = 0; i < 3; i++) {
		l[0] = inleg(T0, 0, T0 + 1, "0199002101", "PJSIP/2101-00000002",
		    "Dial", "PJSIP/2101,30", disp[i]);
		build(l, 1, NULL, 0, &c);
		CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
		ASSERT_NO_TIMES(c);
		CU_ASSERT_EQUAL(c.abandon_wait, -1);
		CU_ASSERT_EQUAL(c.needed_agent, 1);	/* calls.md open point 2 */
		CU_ASSERT_EQUAL(c.service, ACCUEIL);
	}
}

/* NO ANSWER: abandoned below dial_timeout (30), missed at and above it;
 * without dial_timeout, always abandoned. */
static void
test_no_answer_dial_timeout(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, 0, T0 + 29, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.abandon_wait, 29);

	l[0] = inleg(T0, 0, T0 + 30, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);

	l[0] = inleg(T0, 0, T0 + 31, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);

	/* no dial_timeout in the configuration */
	l[0] = inleg(T0, 0, T0 + 60, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "NO ANSWER");
	memset(&c, 0, sizeof(c));
	cs_call_build(&cfg_nodt, l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.abandon_wait, 60);
	CU_ASSERT_EQUAL(c.service, 0);
}

/* With a queue_log the queue's exit event decides, whatever the member
 * rows would say from the CDR alone. */
static void
test_queue_exit_events(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[2];
	struct cs_call c;

	/* EXITWITHTIMEOUT after 10 s: rows alone (NO ANSWER, 10 < 30) would
	 * say abandoned */
	l[0] = inleg(T0, 0, T0 + 10, "0199000200", "PJSIP/2201-00000002", "Queue",
	    "urbanisme,t,,,60", "NO ANSWER");
	l[1] = inleg(T0, 0, T0 + 10, "0199000200", "PJSIP/2202-00000003", "Queue",
	    "urbanisme,t,,,60", "NO ANSWER");
	e[0] = qev(T0, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 10, "urbanisme", "NONE", "EXITWITHTIMEOUT", "1", "1", "10");
	build(l, 2, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.service, URBANISME);

	/* EXITEMPTY after 1 s: missed, not short */
	l[0] = inleg(T0, 0, T0 + 1, "0199000200", "", "Queue", "urbanisme,t,,,60",
	    "NO ANSWER");
	e[0] = qev(T0, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 1, "urbanisme", "NONE", "EXITEMPTY", "1", "1", "1");
	build(l, 1, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	CU_ASSERT_EQUAL(c.needed_agent, 1);

	/* ABANDON after 40 s: rows alone (NO ANSWER, 40 >= 30) would say
	 * missed */
	l[0] = inleg(T0, 0, T0 + 40, "0199000100", "PJSIP/2101-00000002", "Queue",
	    "accueil,t,,,120", "NO ANSWER");
	l[1] = inleg(T0, 0, T0 + 40, "0199000100", "PJSIP/2102-00000003", "Queue",
	    "accueil,t,,,120", "NO ANSWER");
	e[0] = qev(T0, "accueil", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 40, "accueil", "NONE", "ABANDON", "1", "1", "40");
	build(l, 2, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.abandon_wait, 40);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
}

/* A Dial nobody answered, then VoiceMail (call 15): voicemail; the call
 * rang a person's phone, so it needed an agent. */
static void
test_voicemail_after_dial(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	l[0] = inleg(T0, 0, T0 + 20, "0199002202", "PJSIP/2202-00000002", "Dial",
	    "PJSIP/2202,20", "NO ANSWER");
	l[1] = inleg(T0 + 20, T0 + 20, T0 + 55, "0199002202", "", "VoiceMail",
	    "2202@urbanisme,u", "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_VOICEMAIL);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.bot_answered, 0);
	CU_ASSERT_EQUAL(c.service, URBANISME);	/* did:01990022?? */
	CU_ASSERT_EQUAL(c.end, T0 + 55);
}

/* An announcement after an unanswered queue or dial decides nothing: the
 * queue or the dial does. */
static void
test_announcement_after_queue(void)
{
	struct cs_leg l[3];
	struct cs_qevent e[2];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 66, "0199000200", "PJSIP/2201-00000002", "Queue",
	    "urbanisme,t,,,60", "NO ANSWER");
	l[1] = inleg(T0 + 6, T0 + 6, T0 + 66, "0199000200", "PJSIP/2202-00000003",
	    "Queue", "urbanisme,t,,,60", "NO ANSWER");
	l[2] = inleg(T0 + 66, T0 + 66, T0 + 75, "0199000200", "", "Playback",
	    "custom/rappelez-plus-tard", "ANSWERED");
	e[0] = qev(T0 + 6, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 66, "urbanisme", "NONE", "EXITWITHTIMEOUT", "1", "1", "60");
	build(l, 3, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.service, URBANISME);
	CU_ASSERT_EQUAL(c.end, T0 + 75);

	/* the same from the CDR alone, after a Dial that reached the
	 * timeout, and after a busy phone */
	l[0] = inleg(T0, 0, T0 + 30, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "NO ANSWER");
	l[1] = inleg(T0 + 30, T0 + 30, T0 + 38, "0199002102", "", "Playback",
	    "custom/rappelez-plus-tard", "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);

	l[0] = inleg(T0, 0, T0 + 1, "0199002102", "PJSIP/2102-00000002", "Dial",
	    "PJSIP/2102,30", "BUSY");
	l[1] = inleg(T0 + 1, T0 + 1, T0 + 9, "0199002102", "", "Hangup", "",
	    "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
}

/* An announcement all the call met: voicemail, not offered to a person. */
static void
test_playback_alone(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 15, "0199000100", "", "Playback",
	    "custom/fermeture-exceptionnelle", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_VOICEMAIL);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, -1);
	CU_ASSERT_EQUAL(c.needed_agent, 0);
	CU_ASSERT_EQUAL(c.bot_answered, 0);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);

	l[0] = inleg(T0, T0, T0 + 15, "0199000100", "", "BackGround",
	    "custom/menu", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_VOICEMAIL);
	CU_ASSERT_EQUAL(c.needed_agent, 0);
}

/* A caller who hangs up during the configured welcome ([pbx] welcome =
 * data:custom/bienvenue*) gave up: short within 5 s, else abandoned. */
static void
test_welcome_hangup(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 4, "0199000200", "", "Playback",
	    "custom/bienvenue-urba", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_SHORT);
	CU_ASSERT_EQUAL(c.service, URBANISME);

	l[0] = inleg(T0, T0, T0 + 8, "0199000200", "", "Playback",
	    "custom/bienvenue-urba", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	ASSERT_NO_TIMES(c);
	CU_ASSERT_EQUAL(c.abandon_wait, 8);
	CU_ASSERT_EQUAL(c.needed_agent, 0);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/* A ring-all queue writes one row per member; one ANSWERED row is one agent
 * call, and only that row's time with the caller is talk. */
static void
test_ringall_rows(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	/* CDR alone, no welcome: the ANSWERED row's answer is the pick-up */
	l[0] = inleg(T0, T0 + 14, T0 + 200, "0199000100", "PJSIP/2101-00000002",
	    "Queue", "accueil,t,,,120", "ANSWERED");
	l[1] = inleg(T0, 0, T0 + 14, "0199000100", "PJSIP/2102-00000003", "Queue",
	    "accueil,t,,,120", "NO ANSWER");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.wait, 14);
	CU_ASSERT_EQUAL(c.human_wait, 14);
	CU_ASSERT_EQUAL(c.talk, 186);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);	/* rule 1, queue from lastdata */

	/* both rows carry an answer time (the caller was answered before),
	 * the NO ANSWER one's is not talk: talk = 200, not 200 + 14 */
	l[0] = inleg(T0, T0, T0 + 200, "0199000100", "PJSIP/2101-00000002",
	    "Queue", "accueil,t,,,120", "ANSWERED");
	l[1] = inleg(T0 + 6, T0 + 6, T0 + 20, "0199000100", "PJSIP/2102-00000003",
	    "Queue", "accueil,t,,,120", "NO ANSWER");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.talk, 200);
}

/* A queue member behind a Local channel leaves two ANSWERED rows for the
 * same conversation: talk counts it once. */
static void
test_local_duplicate(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	l[0] = inleg(T0, T0 + 10, T0 + 130, "0199000100",
	    "Local/2101@from-queue-00000012;1", "Queue", "accueil,t,,,120",
	    "ANSWERED");
	l[1] = leg(T0, T0 + 10, T0 + 130, "0639980101", "2101", "from-queue",
	    "Local/2101@from-queue-00000012;2", "PJSIP/2101-00000013", "Dial",
	    "PJSIP/2101", "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.wait, 10);
	CU_ASSERT_EQUAL(c.human_wait, 10);
	CU_ASSERT_EQUAL(c.talk, 120);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
}

/* [internal] match = ext:1000-2999 context:callback-script: the caller's
 * number, the peer of the caller's channel or the context makes staff. */
static void
test_internal(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	/* caller number 2101 in the range */
	l[0] = leg(T0, T0 + 5, T0 + 180, "2101", "2201", "from-internal",
	    "PJSIP/2101-00000384", "PJSIP/2201-00000385", "Dial",
	    "PJSIP/2201,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INTERNAL);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_NONE);

	/* no caller number: the channel's peer 2102 */
	l[0] = leg(T0, T0 + 5, T0 + 180, "", "2201", "from-internal",
	    "PJSIP/2102-00000386", "PJSIP/2201-00000387", "Dial",
	    "PJSIP/2201,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INTERNAL);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_NONE);

	/* a call the PBX places itself, known by its context */
	l[0] = leg(T0, T0 + 5, T0 + 180, "0199000100", "2201", "callback-script",
	    "Local/s@callback-script-00000001;2", "PJSIP/2201-00000388", "Dial",
	    "PJSIP/2201,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INTERNAL);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_NONE);

	/* control: the same number from the trunk is an inbound call */
	l[0] = leg(T0, T0 + 5, T0 + 180, "0199000100", "0199002201", "from-trunk",
	    "PJSIP/trunk-00000001", "PJSIP/2201-00000389", "Dial",
	    "PJSIP/2201,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
}

/* Staff calling an outside number (call 14): outbound, whatever caller ID
 * the dialplan set. */
static void
test_outbound(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = leg(T0, T0 + 8, T0 + 158, "0199000100", "0639980113",
	    "from-internal", "PJSIP/2202-00000346", "PJSIP/trunk-00000347", "Dial",
	    "PJSIP/0639980113@trunk,60", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_OUTBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_NONE);

	/* a call-back script reaching a resident */
	l[0] = leg(T0, T0 + 8, T0 + 158, "0199000100", "0639980113",
	    "callback-script", "Local/s@callback-script-00000002;2",
	    "PJSIP/trunk-00000348", "Dial", "PJSIP/0639980113@trunk,60",
	    "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_OUTBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_NONE);
}

/* Rule 1 (queue) beats rule 2 (answering extension) beats rule 4 (DID). */
static void
test_service_rules_order(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[3];
	struct cs_call c;

	/* urbanisme's DID, queue accueil, answered by urbanisme's 2201 */
	l[0] = inleg(T0, T0, T0 + 100, "0199000200", "PJSIP/2201-00000002",
	    "Queue", "accueil,t,,,120", "ANSWERED");
	e[0] = qev(T0, "accueil", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 10, "accueil", "PJSIP/2201", "CONNECT", "10",
	    "1741683600.2", "10");
	e[2] = qev(T0 + 100, "accueil", "PJSIP/2201", "COMPLETEAGENT", "10", "90",
	    "1");
	build(l, 1, e, 3, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
	CU_ASSERT_EQUAL(c.wait, 10);
	CU_ASSERT_EQUAL(c.talk, 90);

	/* the same from the CDR alone: the queue of lastdata */
	l[0] = inleg(T0, T0 + 10, T0 + 100, "0199000200", "PJSIP/2201-00000002",
	    "Queue", "accueil,t,,,120", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);

	/* accueil's DID (01990021??), answered by urbanisme's 2201 */
	l[0] = inleg(T0, T0 + 7, T0 + 100, "0199002101", "PJSIP/2201-00000002",
	    "Dial", "PJSIP/2201,30", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.service, URBANISME);

	/* unanswered: the DID decides */
	l[0] = inleg(T0, 0, T0 + 10, "0199002101", "PJSIP/2201-00000002",
	    "Dial", "PJSIP/2201,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);

	/* two queues: the one the call entered last */
	l[0] = inleg(T0, T0, T0 + 30, "0199000100", "PJSIP/2101-00000002",
	    "Queue", "accueil,t,,,120", "NO ANSWER");
	l[1] = inleg(T0 + 30, T0 + 30, T0 + 200, "0199000100",
	    "PJSIP/2201-00000003", "Queue", "urbanisme,t,,,60", "ANSWERED");
	{
		struct cs_qevent e2[5];

		e2[0] = qev(T0, "accueil", "NONE", "ENTERQUEUE", "", "0639980101",
		    "1");
		e2[1] = qev(T0 + 30, "accueil", "NONE", "EXITWITHKEY", "1", "1",
		    "30");
		e2[2] = qev(T0 + 30, "urbanisme", "NONE", "ENTERQUEUE", "",
		    "0639980101", "1");
		e2[3] = qev(T0 + 40, "urbanisme", "PJSIP/2201", "CONNECT", "10",
		    "1741683630.3", "10");
		e2[4] = qev(T0 + 200, "urbanisme", "PJSIP/2201", "COMPLETECALLER",
		    "10", "160", "1");
		build(l, 2, e2, 5, &c);
	}
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.service, URBANISME);
	CU_ASSERT_EQUAL(c.wait, 40);
	CU_ASSERT_EQUAL(c.talk, 160);
}

/* Call 12 of calls.md: urbanisme's line rings 2201 and 2101 together; 2101
 * (accueil's ext:2100-2199) answers after 9 s: rule 2 gives accueil. */
static void
test_service_answering_ext(void)
{
	const int64_t t = AT(FRI14, 10, 30, 0);	/* 1741944600 */
	struct cs_leg l[2];
	struct cs_call c;

	CU_ASSERT_EQUAL(t, 1741944600);
	l[0] = leg(t, 0, t + 9, "0199005012", "0199002201", "from-trunk",
	    "PJSIP/trunk-000002fb", "PJSIP/2201-000002fc", "Dial",
	    "PJSIP/2201&PJSIP/2101,20", "NO ANSWER");
	l[1] = leg(t, t + 9, t + 409, "0199005012", "0199002201", "from-trunk",
	    "PJSIP/trunk-000002fb", "PJSIP/2101-000002fd", "Dial",
	    "PJSIP/2201&PJSIP/2101,20", "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
	CU_ASSERT_EQUAL(c.wait, 9);
	CU_ASSERT_EQUAL(c.human_wait, 9);
	CU_ASSERT_EQUAL(c.talk, 400);
	CU_ASSERT_EQUAL(c.in_hours, 1);		/* Fri 08:30-12:00 */
}

/* Rule 4 with a glob, and "other" when nothing matches. */
static void
test_service_did(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, 0, T0 + 10, "0199002142", "PJSIP/2142-00000002", "Dial",
	    "PJSIP/2142,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);	/* did:01990021?? */

	l[0] = inleg(T0, 0, T0 + 10, "+33 1 99 00 21 42", "PJSIP/2142-00000002",
	    "Dial", "PJSIP/2142,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);	/* the same number */

	l[0] = inleg(T0, 0, T0 + 10, "0199002299", "PJSIP/2299-00000002", "Dial",
	    "PJSIP/2299,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, URBANISME);	/* did:01990022?? */

	/* ?? is two characters: 9 and 11 digits do not match */
	l[0] = inleg(T0, 0, T0 + 10, "019900214", "PJSIP/3142-00000002", "Dial",
	    "PJSIP/3142,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, OTHER);
	l[0] = inleg(T0, 0, T0 + 10, "01990021420", "PJSIP/3142-00000002", "Dial",
	    "PJSIP/3142,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, OTHER);

	/* a service without hours */
	l[0] = botleg(T0, T0 + 1, T0 + 60);
	l[0].to = "0199000300";
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.service, STANDARD);

	/* nothing matches: other, index nservices */
	l[0] = inleg(T0, 0, T0 + 10, "0199009999", "PJSIP/3999-00000002", "Dial",
	    "PJSIP/3999,30", "NO ANSWER");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(cfg.nservices, 3);
	CU_ASSERT_EQUAL(c.service, (int)cfg.nservices);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.in_hours, 1);
}

/* EXITWITHKEY: the caller left the queue with a key; what follows decides
 * (here a voicemail box). */
static void
test_exitwithkey(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[2];
	struct cs_call c;

	l[0] = inleg(T0, T0, T0 + 25, "0199000200", "PJSIP/2201-00000002",
	    "Queue", "urbanisme,t,,,60", "NO ANSWER");
	l[1] = inleg(T0 + 25, T0 + 25, T0 + 70, "0199000200", "", "VoiceMail",
	    "2200@urbanisme,u", "ANSWERED");
	e[0] = qev(T0, "urbanisme", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	e[1] = qev(T0 + 25, "urbanisme", "NONE", "EXITWITHKEY", "9", "1", "25");
	build(l, 2, e, 2, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_VOICEMAIL);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.service, URBANISME);
}

/* The bot hands over with a Dial to a person's phone: escalated, the
 * human answer is the Dial row's, human_wait from the end of the bot's
 * leg: 75 - 60 = 15; talk 200 - 75 = 125. */
static void
test_bot_then_dial(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	l[0] = botleg(T0, T0 + 2, T0 + 60);
	l[1] = leg(T0 + 60, T0 + 75, T0 + 200, "0639980101", "2101",
	    "bot-handover", "PJSIP/trunk-00000001", "PJSIP/2101-00000003",
	    "Dial", "PJSIP/2101,30", "ANSWERED");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.escalated, 1);
	CU_ASSERT_EQUAL(c.bot_answered, 1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.wait, 2);
	CU_ASSERT_EQUAL(c.human_wait, 15);
	CU_ASSERT_EQUAL(c.talk, 125);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);

	/* the phone was busy: escalated, missed */
	l[1] = leg(T0 + 60, 0, T0 + 61, "0639980101", "2101", "bot-handover",
	    "PJSIP/trunk-00000001", "PJSIP/2101-00000003", "Dial",
	    "PJSIP/2101,30", "BUSY");
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	CU_ASSERT_EQUAL(c.escalated, 1);
	CU_ASSERT_EQUAL(c.bot_answered, 1);
	ASSERT_NO_TIMES(c);
}

/* A bot leg that was not answered (the bot was down) is no bot session:
 * FAILED is missed. */
static void
test_bot_unanswered(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, 0, T0 + 1, "0199000100", "PJSIP/voicebot-00000002",
	    "Dial", "PJSIP/voicebot", "FAILED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.bot_answered, 0);
	CU_ASSERT_EQUAL(c.escalated, 0);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	ASSERT_NO_TIMES(c);
}

/* A human answer needs a Dial or Queue application: an ANSWERED leg of
 * another application, even towards a phone's channel, is no agent. */
static void
test_answered_other_app(void)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = inleg(T0, T0 + 3, T0 + 100, "0199000100", "PJSIP/2101-00000002",
	    "Stasis", "ivr-app", "ANSWERED");
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_NOT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_NOT_EQUAL(c.outcome, CS_OUTCOME_BOT);
	CU_ASSERT_EQUAL(c.wait, -1);
	CU_ASSERT_EQUAL(c.talk, -1);
}

/* A ring-all queue with hundreds of members: still one call, one talk. */
static void
test_many_legs(void)
{
	enum { N = 300, NEV = 120 };
	struct cs_leg *l = calloc(N, sizeof(*l));
	struct cs_qevent *e = calloc(NEV, sizeof(*e));
	static char chan[N][32];
	struct cs_call c;

	CU_ASSERT_FATAL(l != NULL && e != NULL);
	for (int i = 0; i < N - 1; i++) {
		snprintf(chan[i], sizeof(chan[i]), "PJSIP/%d-%08x", 3000 + i, i);
		l[i] = inleg(T0, 0, T0 + 20, "0199000100", chan[i], "Queue",
		    "accueil,t,,,120", "NO ANSWER");
	}
	l[N - 1] = inleg(T0, T0 + 20, T0 + 100, "0199000100",
	    "PJSIP/2101-00000001", "Queue", "accueil,t,,,120", "ANSWERED");
	build(l, N, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.wait, 20);
	CU_ASSERT_EQUAL(c.talk, 80);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);

	/* nobody answers; the queue_log rings them all, then ABANDON */
	l[N - 1] = inleg(T0, 0, T0 + 20, "0199000100", "PJSIP/2101-00000001",
	    "Queue", "accueil,t,,,120", "NO ANSWER");
	e[0] = qev(T0, "accueil", "NONE", "ENTERQUEUE", "", "0639980101", "1");
	for (int i = 1; i < NEV - 1; i++)
		e[i] = qev(T0 + 20, "accueil", chan[i], "RINGCANCELED", "20000", "",
		    "");
	e[NEV - 1] = qev(T0 + 20, "accueil", "NONE", "ABANDON", "1", "1", "20");
	build(l, N, e, NEV, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.abandon_wait, 20);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);
	free(l);
	free(e);
}

/* The hours of the bot-alone call to dst started at t. */
static int
hours_of(const char *dst, int64_t t, int *service)
{
	struct cs_leg l[1];
	struct cs_call c;

	l[0] = botleg(t, t + 1, t + 60);
	l[0].to = dst;
	build(l, 1, NULL, 0, &c);
	*service = c.service;
	return c.in_hours;
}

static void
test_hours(void)
{
	static const struct {
		const char *dst;
		int64_t t;
		int service, in;
	} cases[] = {
		/* accueil: mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00 */
		{ "0199000100", AT(TUE11, 8, 29, 59), ACCUEIL, 0 },
		{ "0199000100", AT(TUE11, 8, 30, 0), ACCUEIL, 1 },	/* start in */
		{ "0199000100", AT(TUE11, 11, 59, 59), ACCUEIL, 1 },
		{ "0199000100", AT(TUE11, 12, 0, 0), ACCUEIL, 0 },	/* end out */
		{ "0199000100", AT(TUE11, 12, 45, 0), ACCUEIL, 0 },	/* lunch */
		{ "0199000100", AT(TUE11, 13, 29, 59), ACCUEIL, 0 },
		{ "0199000100", AT(TUE11, 13, 30, 0), ACCUEIL, 1 },
		{ "0199000100", AT(TUE11, 17, 29, 59), ACCUEIL, 1 },
		{ "0199000100", AT(TUE11, 17, 30, 0), ACCUEIL, 0 },
		{ "0199000100", AT(SAT15, 10, 0, 0), ACCUEIL, 1 },
		{ "0199000100", AT(SAT15, 14, 0, 0), ACCUEIL, 0 },
		{ "0199000100", AT(SUN16, 10, 0, 0), ACCUEIL, 0 },	/* Sunday */
		/* French public holidays close the service */
		{ "0199000100", AT(WED30APR, 10, 0, 0), ACCUEIL, 1 },
		{ "0199000100", AT(THU01MAY, 10, 0, 0), ACCUEIL, 0 },
		{ "0199000100", AT(MON21APR, 10, 0, 0), ACCUEIL, 0 },
		{ "0199000100", AT(TUE22APR, 10, 0, 0), ACCUEIL, 1 },
		/* closed = 2025-03-13 */
		{ "0199000100", AT(WED12, 10, 0, 0), ACCUEIL, 1 },
		{ "0199000100", AT(THU13, 10, 0, 0), ACCUEIL, 0 },
		/* urbanisme: wed mornings only */
		{ "0199000200", AT(WED12, 14, 30, 0), URBANISME, 0 },
		{ "0199000200", AT(TUE11, 14, 30, 0), URBANISME, 1 },
		{ "0199000200", AT(TUE11, 9, 0, 0), URBANISME, 1 },
		{ "0199000200", AT(TUE11, 8, 59, 59), URBANISME, 0 },
		/* standard: no hours, always open but on closed days */
		{ "0199000300", AT(SUN16, 3, 0, 0), STANDARD, 1 },
		{ "0199000300", AT(THU01MAY, 10, 0, 0), STANDARD, 0 },
		{ "0199000300", AT(THU13, 10, 0, 0), STANDARD, 0 },
		/* summer time from Sun 30 Mar: Mon 31 Mar 10:02:00 is
		   08:02:00Z = 1743408120 (call 19 of calls.md) */
		{ "0199000200", 1743408120, URBANISME, 1 },
		{ "0199000200", 1743408120 - 3721, URBANISME, 0 },	/* 08:59:59 */
		{ "0199000200", 1743408120 - 3720, URBANISME, 1 },	/* 09:00:00 */
		{ "0199000100", 1743327000, ACCUEIL, 0 },	/* Sun 30 Mar 11:30 */
		/* other: always open */
		{ "0199009999", AT(SUN16, 3, 0, 0), OTHER, 1 },
		{ "0199009999", AT(TUE11, 12, 45, 0), OTHER, 1 },
		{ "0199009999", AT(THU01MAY, 10, 0, 0), OTHER, 1 },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		int service = -1, in = hours_of(cases[i].dst, cases[i].t, &service);

		CU_ASSERT_EQUAL(service, cases[i].service);
		CU_ASSERT_EQUAL(in, cases[i].in);
		CU_ASSERT_EQUAL(cs_call_in_hours(&cfg, cases[i].service,
		    cases[i].t), cases[i].in);
		if (in != cases[i].in)
			fprintf(stderr, "\n  hours case %zu: t=%lld service %d: "
			    "in_hours %d, want %d\n", i, (long long)cases[i].t,
			    service, in, cases[i].in);
	}
}

/* The call keeps the first leg's caller; withheld is "". Flags add up. */
static void
test_caller_and_flags(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	l[0] = botleg(T0, T0 + 1, T0 + 60);
	l[0].caller = "";
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_PTR_NOT_NULL_FATAL(c.caller);
	CU_ASSERT_STRING_EQUAL(c.caller, "");
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_BOT);

	l[0] = inleg(T0, 0, T0 + 20, "0199002202", "PJSIP/2202-00000002", "Dial",
	    "PJSIP/2202,20", "NO ANSWER");
	l[1] = inleg(T0 + 20, T0 + 20, T0 + 55, "0199002202", "", "VoiceMail",
	    "2202@urbanisme,u", "ANSWERED");
	l[1].flags = 1;
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_STRING_EQUAL(c.caller, CALLER);
	CU_ASSERT_EQUAL(c.flags, 1);
}

/* ---- the phases on their own (rules.h) ---- */

/* Facts about legs and events, as cs_call_build starts them. */
static void
facts(struct cs_call_facts *f, const struct cs_leg *l, int nl,
    const struct cs_qevent *e, int ne, enum cs_role *role,
    struct cs_span *span)
{
	memset(f, 0, sizeof(*f));
	f->legs = l;
	f->nlegs = nl;
	f->ev = e;
	f->nev = ne;
	f->role = role;
	f->span = span;
}

static void
test_phase_roles(void)
{
	struct cs_leg l[6];
	struct cs_qevent e[1];
	enum cs_role role[6];
	struct cs_span span[7];
	struct cs_call_facts f;

	l[0] = botleg(T0, T0 + 1, T0 + 60);
	l[1] = inleg(T0, T0 + 2, T0 + 8, "0199000100", "", "Playback",
	    "custom/bienvenue-accueil", "ANSWERED");
	l[2] = inleg(T0, T0 + 2, T0 + 8, "0199002202", "", "VoiceMail",
	    "2202@urbanisme,u", "ANSWERED");
	l[3] = handleg(T0, 0, T0 + 30, "0199000200", "", "urbanisme,t,,,60",
	    "NO ANSWER");
	l[4] = handleg(T0, T0 + 10, T0 + 30, "0199000200",
	    "PJSIP/2201-00000003", "urbanisme,t,,,60", "ANSWERED");
	l[5] = inleg(T0, 0, T0 + 5, "0199000100", "PJSIP/x-1", "Goto",
	    "somewhere", "NO ANSWER");
	e[0] = qev(T0 + 60, "urbanisme", "NONE", "ABANDON", "1", "1", "20");
	facts(&f, l, 6, e, 1, role, span);
	cs_rules_roles(&cfg, &f);
	CU_ASSERT_EQUAL(role[0], CS_ROLE_BOT);		/* [bot] match */
	CU_ASSERT_EQUAL(role[1], CS_ROLE_WELCOME);	/* [pbx] welcome */
	CU_ASSERT_EQUAL(role[2], CS_ROLE_PBX);
	CU_ASSERT_EQUAL(role[3], CS_ROLE_QUEUE_EMPTY);
	CU_ASSERT_EQUAL(role[4], CS_ROLE_PERSON);
	CU_ASSERT_EQUAL(role[5], CS_ROLE_OTHER);
	CU_ASSERT_EQUAL(f.covered, 1);
	CU_ASSERT_EQUAL(f.covered_exit, 1);	/* ABANDON ends an attempt */

	/* the bot phase: its first answered leg, its key and start */
	{
		struct cs_call c;

		memset(&c, 0, sizeof(c));
		cs_rules_bot(&f, &c);
		CU_ASSERT_EQUAL(f.bot, 0);
		CU_ASSERT_EQUAL(f.bot_t, T0 + 1);
		CU_ASSERT_EQUAL(c.bot_answered, 1);
		CU_ASSERT_STRING_EQUAL(c.bot_key, "1741683600.1");
		CU_ASSERT_EQUAL(c.bot_start, T0);
	}
}

static void
test_phase_people_and_service(void)
{
	struct cs_leg l[2];
	struct cs_qevent e[3];
	enum cs_role role[2];
	struct cs_span span[5];
	struct cs_call_facts f;
	struct cs_call c;

	/* the bot, then urbanisme's queue: CONNECT at +40 to 2201, which
	   has no leg; 70 s of talk logged by COMPLETECALLER */
	l[0] = botleg(T0, T0 + 1, T0 + 30);
	l[1] = handleg(T0 + 30, 0, T0 + 31, "0199000200", "", "urbanisme,t,,,60",
	    "NO ANSWER");
	e[0] = qev(T0 + 30, "urbanisme", "NONE", "ENTERQUEUE", "",
	    CALLER, "1");
	e[1] = qev(T0 + 40, "urbanisme", "PJSIP/2201", "CONNECT", "10",
	    "1741683600.9", "3");
	e[2] = qev(T0 + 110, "urbanisme", "PJSIP/2201", "COMPLETECALLER", "10",
	    "70", "1");
	CU_ASSERT_FATAL(cs_rules_direction(&cfg, l, 2, &c) == 1);
	facts(&f, l, 2, e, 3, role, span);
	cs_rules_roles(&cfg, &f);
	cs_rules_bot(&f, &c);
	cs_rules_people(&f);
	CU_ASSERT_EQUAL(f.human_t, T0 + 40);
	CU_ASSERT_EQUAL(f.answering, -1);	/* no leg: the event */
	CU_ASSERT_EQUAL(f.connect_agent, 1);
	CU_ASSERT_EQUAL(f.nspan, 1);
	CU_ASSERT_EQUAL(f.span[0].from, T0 + 40);
	CU_ASSERT_EQUAL(f.span[0].to, T0 + 110);
	cs_rules_escalation(&f, &c);
	CU_ASSERT_EQUAL(c.escalated, 1);
	CU_ASSERT_EQUAL(c.needed_agent, 1);
	CU_ASSERT_EQUAL(f.handover, T0 + 30);
	CU_ASSERT_EQUAL(cs_rules_outcome(&cfg, &f, &c), 0);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	cs_rules_times(&f, &c);
	CU_ASSERT_EQUAL(c.wait, 1);		/* the bot answered at +1 */
	CU_ASSERT_EQUAL(c.human_wait, 10);	/* +40 after the hand-over */
	CU_ASSERT_EQUAL(c.talk, 70);
	cs_rules_service(&cfg, &f, &c);
	CU_ASSERT_EQUAL(c.service, URBANISME);	/* the queue entered last */
	CU_ASSERT_EQUAL(c.in_hours, 1);
}

/*
 * A leg as another phone system's reader would write it, straight into
 * the model, with none of Asterisk's words: the rules decide on it alone.
 */
static void
test_model_only(void)
{
	struct cs_leg l[2];
	struct cs_call c;

	memset(l, 0, sizeof(l));
	for (int i = 0; i < 2; i++) {
		l[i].key = "call-77";
		l[i].alias = "";
		l[i].caller = CALLER;
		l[i].from = "";
		l[i].from_peer = "trunk";
		l[i].to = "0199000100";
		l[i].queue = "";
		for (int a = 0; a < CS_ATTR_N; a++)
			l[i].attr[a] = "";
		l[i].order = ++order_seq;
	}
	/* the front desk's phone 2102 rings 12 s, unanswered ... */
	l[0].start = T0;
	l[0].end = T0 + 12;
	l[0].duration = 12;
	l[0].peer = "2102";
	l[0].target = CS_TARGET_PERSON;
	l[0].ended = CS_LEG_UNANSWERED;
	/* ... then 2201 (urbanisme's range) answers at +15 and talks 45 s */
	l[1].start = T0 + 12;
	l[1].answer = T0 + 15;
	l[1].end = T0 + 60;
	l[1].duration = 48;
	l[1].peer = "2201";
	l[1].to = "2201";
	l[1].target = CS_TARGET_PERSON;
	l[1].ended = CS_LEG_ANSWERED;
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	CU_ASSERT_EQUAL(c.wait, 15);
	CU_ASSERT_EQUAL(c.talk, 45);
	CU_ASSERT_EQUAL(c.service, URBANISME);	/* by the answering phone */
	CU_ASSERT_EQUAL(c.bot_answered, 0);

	/* nobody answers, the second ring fails (busy): missed */
	l[1].answer = 0;
	l[1].ended = CS_LEG_FAILED;
	build(l, 2, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_MISSED);
	/* the format says the bot took the call: the bot alone */
	l[0].target = CS_TARGET_BOT;
	l[0].answer = T0 + 2;
	l[0].ended = CS_LEG_ANSWERED;
	build(l, 1, NULL, 0, &c);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_BOT);
	CU_ASSERT_EQUAL(c.wait, 2);
	CU_ASSERT_EQUAL(c.service, ACCUEIL);	/* the number dialled */
}

static CU_TestInfo tests[] = {
	{ "names", test_names },
	{ "agent via an answered Dial", test_agent_dial },
	{ "Queue row ANSWERED without CONNECT", test_queue_row_answered_without_connect },
	{ "Queue row without destination channel", test_queue_row_no_dstchannel },
	{ "CONNECT time wins", test_connect_wins },
	{ "bot alone", test_bot_alone },
	{ "bot then queue: escalated", test_bot_then_queue },
	{ "escalated then ABANDON", test_escalated_abandon },
	{ "short-abandon threshold", test_short_threshold },
	{ "missed on BUSY FAILED CONGESTION", test_missed_dispositions },
	{ "NO ANSWER and dial_timeout", test_no_answer_dial_timeout },
	{ "queue exit events decide", test_queue_exit_events },
	{ "voicemail after an unanswered Dial", test_voicemail_after_dial },
	{ "announcement after an unanswered queue", test_announcement_after_queue },
	{ "EXITWITHKEY: what follows decides", test_exitwithkey },
	{ "bot then Dial: escalated", test_bot_then_dial },
	{ "bot leg not answered", test_bot_unanswered },
	{ "answered leg of another application", test_answered_other_app },
	{ "Playback alone", test_playback_alone },
	{ "hang-up during the welcome", test_welcome_hangup },
	{ "ring-all member rows", test_ringall_rows },
	{ "Local channel duplicate rows", test_local_duplicate },
	{ "hundreds of member rows", test_many_legs },
	{ "internal callers", test_internal },
	{ "outbound calls", test_outbound },
	{ "service rules in order", test_service_rules_order },
	{ "service of the answering extension", test_service_answering_ext },
	{ "service by DID, and other", test_service_did },
	{ "opening hours", test_hours },
	{ "caller and flags", test_caller_and_flags },
	{ "phases: roles and the bot", test_phase_roles },
	{ "phases: people, escalation, times, service",
	    test_phase_people_and_service },
	{ "rules on the model alone", test_model_only },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("calls", tests, suite_init, suite_clean)
