/*
 * test_calls_service.c: where a call belongs and who made it: internal and
 * outbound calls, the service rules in their order, opening hours and
 * holidays, the caller and the flags (callfix.h's legs, one rule of
 * callstat-kpi(7) per test).  Every instant was worked out by hand: local
 * midnight of Monday 3 March 2025 in Paris (UTC+1) is 2025-03-02T23:00Z =
 * 1740956400, a day is 86400 s, and after Sunday 30 March the offset is
 * UTC+2.  Every expected value comes from the rules, never from the code's
 * output.
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
	CU_ASSERT_EQUAL(calls_cfg.nservices, 3);
	CU_ASSERT_EQUAL(c.service, (int)calls_cfg.nservices);
	CU_ASSERT_EQUAL(c.direction, CS_INBOUND);
	CU_ASSERT_EQUAL(c.outcome, CS_OUTCOME_ABANDONED);
	CU_ASSERT_EQUAL(c.in_hours, 1);
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
		CU_ASSERT_EQUAL(cs_call_in_hours(&calls_cfg, cases[i].service,
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

static CU_TestInfo tests[] = {
	{ "internal callers", test_internal },
	{ "outbound calls", test_outbound },
	{ "service rules in order", test_service_rules_order },
	{ "service of the answering extension", test_service_answering_ext },
	{ "service by DID, and other", test_service_did },
	{ "opening hours", test_hours },
	{ "caller and flags", test_caller_and_flags },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE_FIXTURE("calls_service", tests, cs_calls_fix_init,
    cs_calls_fix_clean)
