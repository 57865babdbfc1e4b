/*
 * test_calls.c: the calls suite: what became of a call.  cs_call_build()
 * is fed legs and queue events built by hand (callfix.h: as Master.csv and
 * queue_log write them, mapped as the Asterisk reader maps them), one rule
 * of callstat-kpi(7) and callstat.conf(5) per test.  Every instant was
 * worked out by hand: local midnight of Monday 3 March 2025 in Paris
 * (UTC+1) is 2025-03-02T23:00Z = 1740956400, a day is 86400 s, and after
 * Sunday 30 March the offset is UTC+2.  Every expected value comes from
 * the rules, never from the code's output.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calls.h"
#include "callfix.h"
#include "config.h"
#include "rules.h"
#include "unit.h"

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
	cs_call_build(&calls_cfg_nodt, l, 1, NULL, 0, &c);
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

static CU_TestInfo tests[] = {
	{ "names", test_names },
	{ "agent via an answered Dial", test_agent_dial },
	{ "Queue row ANSWERED without CONNECT",
	    test_queue_row_answered_without_connect },
	{ "Queue row without destination channel",
	    test_queue_row_no_dstchannel },
	{ "CONNECT time wins", test_connect_wins },
	{ "bot alone", test_bot_alone },
	{ "bot then queue: escalated", test_bot_then_queue },
	{ "escalated then ABANDON", test_escalated_abandon },
	{ "short-abandon threshold", test_short_threshold },
	{ "missed on BUSY FAILED CONGESTION", test_missed_dispositions },
	{ "NO ANSWER and dial_timeout", test_no_answer_dial_timeout },
	{ "queue exit events decide", test_queue_exit_events },
	{ "voicemail after an unanswered Dial", test_voicemail_after_dial },
	{ "announcement after an unanswered queue",
	    test_announcement_after_queue },
	{ "Playback alone", test_playback_alone },
	{ "hang-up during the welcome", test_welcome_hangup },
	{ "ring-all member rows", test_ringall_rows },
	{ "Local channel duplicate rows", test_local_duplicate },
	{ "EXITWITHKEY: what follows decides", test_exitwithkey },
	{ "bot then Dial: escalated", test_bot_then_dial },
	{ "bot leg not answered", test_bot_unanswered },
	{ "answered leg of another application", test_answered_other_app },
	{ "hundreds of member rows", test_many_legs },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("calls", tests, cs_calls_fix_init,
    cs_calls_fix_clean)
