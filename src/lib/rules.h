/*
 * rules.h: the phases of the call rules (callstat-kpi(7), "Rebuilding a
 * call"), each a function that a test can call on its own.
 *
 * cs_call_build (calls.h) runs them in this order on the legs and queue
 * events of one call; each reads what the ones before it found, in a
 * struct cs_call_facts, and fills its part of the call.  They read the
 * model's pieces (model.h) and the configuration, nothing else.
 */
#ifndef CS_RULES_H
#define CS_RULES_H

#include <stdint.h>

#include "calls.h"
#include "config.h"
#include "model.h"
#include "session.h"

/* What a leg is to the rules. */
enum cs_role {
	CS_ROLE_OTHER,		/* decides nothing */
	CS_ROLE_BOT,		/* the bot ([bot] match, or the format says) */
	CS_ROLE_WELCOME,	/* the welcome recording ([pbx] welcome) */
	CS_ROLE_PBX,		/* answered by no one: voicemail, recording */
	CS_ROLE_PERSON,		/* towards a person's phone, directly or
				   through a queue */
	CS_ROLE_QUEUE_EMPTY	/* a queue that rang no phone */
};

/* A stretch of time a person was on the call. */
struct cs_span {
	int64_t from, to;
	const char *peer;		/* the person's phone, or "" */
};

struct cs_call_facts {
	const struct cs_leg *legs;
	int nlegs;
	const struct cs_qevent *ev;
	int nev;
	enum cs_role *role;		/* nlegs of them */
	struct cs_span *span;		/* room for nlegs + nev */
	int nspan;
	int covered;			/* a queue logged events of the call */
	int covered_exit;		/* ... and how one of them ended */
	int bot;			/* the leg the bot answered, or -1 */
	int64_t bot_t;			/* when it answered */
	int answering;			/* the leg a person answered first, or -1 */
	int connect_agent;		/* or the CONNECTED event with no leg */
	int64_t human_t;		/* when a person answered; INT64_MAX: never */
	int64_t handover;		/* when the bot handed the call over */
	const struct cs_bot_session *session;	/* the bot's, linked; or NULL */
};

/* Phase 1: the call's span and direction.  Returns 1 for an inbound call
 * (the other phases follow), 0 for an internal or outbound one (done). */
int cs_rules_direction(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, struct cs_call *call);

/* Phase 2: each leg's role; whether queue events cover the call. */
void cs_rules_roles(const struct cs_config *cfg, struct cs_call_facts *f);

/* Phase 3: the leg the bot answered first. */
void cs_rules_bot(struct cs_call_facts *f, struct cs_call *call);

/* Phase 4: when a person first answered, and the spans people talked. */
void cs_rules_people(struct cs_call_facts *f);

/* Phase 5: offered to a person; escalated by the bot. */
void cs_rules_escalation(struct cs_call_facts *f, struct cs_call *call);

/* Phase 6: the outcome.  Fails only when out of memory. */
int cs_rules_outcome(const struct cs_config *cfg, const struct cs_call_facts *f,
    struct cs_call *call);

/* Phase 7: waits and talk time. */
void cs_rules_times(struct cs_call_facts *f, struct cs_call *call);

/* Phase 8: the service (the attribution rules in order: the bot's session
 * names it for a call the bot handled alone) and the hours. */
void cs_rules_service(const struct cs_config *cfg,
    const struct cs_call_facts *f, struct cs_call *call);

#endif
