/*
 * test_rules_phases.c: the rule book's phases on their own (rules.h), and
 * the rules on legs that no reader made (the model alone).  Every instant
 * was worked out by hand: local midnight of Monday 3 March 2025 in Paris
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
	cs_rules_roles(&calls_cfg, &f);
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
	CU_ASSERT_FATAL(cs_rules_direction(&calls_cfg, l, 2, &c) == 1);
	facts(&f, l, 2, e, 3, role, span);
	cs_rules_roles(&calls_cfg, &f);
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
	CU_ASSERT_EQUAL(cs_rules_outcome(&calls_cfg, &f, &c), 0);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_AGENT);
	cs_rules_times(&f, &c);
	CU_ASSERT_EQUAL(c.wait, 1);		/* the bot answered at +1 */
	CU_ASSERT_EQUAL(c.human_wait, 10);	/* +40 after the hand-over */
	CU_ASSERT_EQUAL(c.talk, 70);
	cs_rules_service(&calls_cfg, &f, &c);
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
		l[i].order = ++calls_order_seq;
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
	{ "phases: roles and the bot", test_phase_roles },
	{ "phases: people, escalation, times, service",
	    test_phase_people_and_service },
	{ "rules on the model alone", test_model_only },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("rules_phases", tests, cs_calls_fix_init,
    cs_calls_fix_clean)
