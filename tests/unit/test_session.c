/*
 * test_session.c: a bot's session summed up from its events, and linked to
 * its call in the documented order (session.h).  Every expected value is
 * worked out by hand from the events and calls written here.
 */
#include <string.h>

#include "session.h"
#include "unit.h"

#define H1 "5f2b8a0c9d1e4f3a5f2b8a0c9d1e4f3a"	/* a caller's hash */
#define H2 "0a1b2c3d4e5f60718293a4b5c6d7e8f9"
#define T0 1741078862	/* 2025-03-04T09:01:02Z */

static struct cs_bot_event
ev(int64_t t, enum cs_bot_type type, const char *speaker, const char *intent,
    const char *match)
{
	struct cs_bot_event e;

	memset(&e, 0, sizeof(e));
	e.time = t;
	e.type = type;
	e.session = "s-8c1e";
	e.speaker = speaker;
	e.intent = intent;
	e.match = match;
	e.transfer_target = e.outcome = e.service = "";
	e.call_id = e.sip_call_id = e.caller = e.called = "";
	return e;
}

/* formats.md's example session: a start, a caller's turn not understood,
 * a transfer to scolaire, the end, escalated. */
static void
test_summary(void)
{
	struct cs_bot_session s;
	struct cs_bot_event e[6];

	e[0] = ev(T0, CS_BOT_START, "", "", "");
	e[0].call_id = "1741078862.1043";
	e[0].caller = H1;
	e[0].called = "+33199000100";
	e[1] = ev(T0 + 7, CS_BOT_UTTERANCE, "caller", "nlu_fallback", "no_match");
	e[2] = ev(T0 + 9, CS_BOT_UTTERANCE, "bot", "", "");
	e[3] = ev(T0 + 12, CS_BOT_UTTERANCE, "caller", "cantine", "matched");
	e[3].call_id = "other";	/* only the first counts */
	e[4] = ev(T0 + 14, CS_BOT_TRANSFER, "bot", "", "");
	e[4].transfer_target = "scolaire";
	e[4].service = "scolaire";
	e[5] = ev(T0 + 15, CS_BOT_END, "", "", "");
	e[5].outcome = "escalated";
	cs_bot_session_init(&s);
	for (int i = 0; i < 6; i++)
		cs_bot_session_add(&s, &e[i], NULL);
	CU_ASSERT_STRING_EQUAL(s.session, "s-8c1e");
	CU_ASSERT_EQUAL(s.start, T0);
	CU_ASSERT_EQUAL(s.end, T0 + 15);
	CU_ASSERT_STRING_EQUAL(s.call_id, "1741078862.1043");
	CU_ASSERT_STRING_EQUAL(s.caller, H1);
	CU_ASSERT_STRING_EQUAL(s.called, "+33199000100");
	CU_ASSERT_EQUAL(s.turns, 3);
	CU_ASSERT_EQUAL(s.caller_turns, 2);
	CU_ASSERT_EQUAL(s.fallback_turns, 1);
	CU_ASSERT_STRING_EQUAL(s.intent, "cantine");	/* the last matched */
	CU_ASSERT_EQUAL(s.transferred, 1);
	CU_ASSERT_STRING_EQUAL(s.transfer_target, "scolaire");
	CU_ASSERT_STRING_EQUAL(s.service, "scolaire");
	CU_ASSERT_EQUAL(s.ended, 1);
	CU_ASSERT_STRING_EQUAL(s.outcome, "escalated");
}

static struct cs_link_call
call(const char *key, const char *caller, const char *called, int64_t bot)
{
	struct cs_link_call c;

	memset(&c, 0, sizeof(c));
	c.key = key;
	c.caller = caller;
	c.called = called;
	c.has_bot = bot != 0;
	c.bot_start = bot;
	return c;
}

static void
test_link_order(void)
{
	static const char *const legs1[] = { "1741078862.1043", "1741078862.1044" };
	static const char *const sip2[] = { "a84b4c76e66710@pc33.example.org" };
	struct cs_link_call c[3];
	struct cs_bot_session s;
	int which;

	c[0] = call("1741078862.1043", H1, "0199000100", T0 - 1);
	c[0].leg_keys = legs1;
	c[0].nleg_keys = 2;
	c[1] = call("1741078870.1050", H1, "0199000100", T0 + 3);
	c[1].sip_call_ids = sip2;
	c[1].nsip = 1;
	c[2] = call("1741078999.1100", H2, "0199000200", T0 + 5);
	cs_bot_session_init(&s);
	s.session = "s";
	s.start = T0;

	/* 1. the call id: the call's, or one of its legs' */
	s.call_id = "1741078862.1044";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_CALL_ID);
	CU_ASSERT_EQUAL(which, 0);
	/* 2. the SIP Call-ID, when the call id names nothing */
	s.call_id = "nothing";
	s.sip_call_id = "a84b4c76e66710@pc33.example.org";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_SIP_CALL_ID);
	CU_ASSERT_EQUAL(which, 1);
	/* 3. caller, number and time: c[0] and c[1] both have H1 within 10
	   s: ambiguous, never guessed */
	s.sip_call_id = "";
	s.caller = H1;
	s.called = "+33199000100";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_AMBIGUOUS);
	CU_ASSERT_EQUAL(which, -1);
	/* ... 11 s after c[0]'s bot leg, 8 s after c[1]'s: c[1] only */
	s.start = T0 + 10;
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_CALLER);
	CU_ASSERT_EQUAL(which, 1);
	/* another number dialled: none */
	s.called = "0199000300";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_NONE);
	/* the number not given by the bot: the caller and time decide */
	s.called = "";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_CALLER);
	CU_ASSERT_EQUAL(which, 1);
	/* a withheld caller never links by caller */
	s.caller = "";
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_NONE);
	/* exactly 10 s is in, 11 s out */
	s.caller = H2;
	s.start = T0 + 15;
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_CALLER);
	CU_ASSERT_EQUAL(which, 2);
	s.start = T0 + 16;
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_NONE);
	/* a call id found twice goes on to the next rules */
	c[2].key = "1741078862.1044";
	s.call_id = "1741078862.1044";
	s.start = T0 + 5;
	CU_ASSERT_EQUAL(cs_link_session(&s, c, 3, &which), CS_LINK_CALLER);
	CU_ASSERT_EQUAL(which, 2);
	CU_ASSERT_STRING_EQUAL(cs_link_name(CS_LINK_CALLER), "caller");
	CU_ASSERT_STRING_EQUAL(cs_link_name(CS_LINK_AMBIGUOUS), "ambiguous");
}

/*
 * Rule 3's intent: the last understood that a service's intents list.
 * permis_construire (urbanisme's), then au_revoir (no service's), then
 * horaires said but not understood (no_match): urbanisme's
 * permis_construire; the last understood is au_revoir.
 */
static void
test_routed(void)
{
	static char *urb[] = { "permis_construire" }, *acc[] = { "horaires" };
	struct cs_service svc[2];
	struct cs_config cfg;
	struct cs_bot_session s;
	struct cs_bot_event e[5];

	memset(svc, 0, sizeof(svc));
	svc[0].name = "accueil";
	svc[0].intents = acc;
	svc[0].nintents = 1;
	svc[1].name = "urbanisme";
	svc[1].intents = urb;
	svc[1].nintents = 1;
	memset(&cfg, 0, sizeof(cfg));
	cfg.services = svc;
	cfg.nservices = 2;
	CU_ASSERT_EQUAL(cs_config_intent_service(&cfg, "horaires"), 0);
	CU_ASSERT_EQUAL(cs_config_intent_service(&cfg, "permis_construire"), 1);
	CU_ASSERT_EQUAL(cs_config_intent_service(&cfg, "au_revoir"), -1);
	CU_ASSERT_EQUAL(cs_config_intent_service(&cfg, ""), -1);

	e[0] = ev(T0, CS_BOT_START, "", "", "");
	e[1] = ev(T0 + 5, CS_BOT_UTTERANCE, "caller", "permis_construire", "matched");
	e[2] = ev(T0 + 9, CS_BOT_UTTERANCE, "caller", "au_revoir", "matched");
	e[3] = ev(T0 + 12, CS_BOT_UTTERANCE, "caller", "horaires", "no_match");
	e[4] = ev(T0 + 15, CS_BOT_END, "", "", "");
	cs_bot_session_init(&s);
	for (int i = 0; i < 5; i++)
		cs_bot_session_add(&s, &e[i], &cfg);
	CU_ASSERT_STRING_EQUAL(s.intent, "au_revoir");
	CU_ASSERT_STRING_EQUAL(s.routed, "permis_construire");

	/* no configuration: no intent is routed */
	cs_bot_session_init(&s);
	for (int i = 0; i < 5; i++)
		cs_bot_session_add(&s, &e[i], NULL);
	CU_ASSERT_STRING_EQUAL(s.routed, "");
}

static CU_TestInfo tests[] = {
	{ "rule 3's intent: the last a service lists", test_routed },
	{ "a session summed up", test_summary },
	{ "linking, rule by rule", test_link_order },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("session", tests)
