/*
 * session.h: a bot's session summed up from its events, and joined to the
 * call it belongs to (callstat-kpi(7), "The bot's sessions").
 *
 * Format-neutral: it reads the model's bot events (model.h), whatever
 * platform logged them.  Linking follows callstat-import(1)'s order, the
 * first rule that finds exactly one call deciding: the PBX's call id (the
 * call's key, or the key of one of its legs), the SIP Call-ID, then the
 * same caller, the same number dialled where both have one, and a bot leg
 * that started at most CS_LINK_WINDOW seconds before or after the session.
 */
#ifndef CS_SESSION_H
#define CS_SESSION_H

#include <stdint.h>

#include "config.h"
#include "model.h"

#define CS_LINK_WINDOW 10

struct cs_bot_session {
	const char *session;
	int64_t start, end;		/* its first and last event */
	int start_msec;
	/* the session's facts: the first of each its events give */
	const char *call_id, *sip_call_id, *caller, *called;
	const char *service;		/* the last the bot decided */
	const char *intent;		/* the last intent understood */
	const char *routed;		/* the last understood that a service's
					   intents list (rule 3), or "" */
	const char *outcome;		/* its end's, "" when it has none */
	const char *transfer_target;	/* the last transfer's */
	int transferred;
	int turns;			/* utterances and key presses */
	int caller_turns;
	int fallback_turns;		/* the caller's, not understood */
	int ended;
};

/* An empty session, to add events to. */
void cs_bot_session_init(struct cs_bot_session *s);

/* Adds e, an event of the session, in time order (texts not copied);
 * cfg, when not NULL, says which intents name a service. */
void cs_bot_session_add(struct cs_bot_session *s, const struct cs_bot_event *e,
    const struct cs_config *cfg);

/* How a session was joined to its call. */
enum cs_link {
	CS_LINK_NONE,		/* no call matched */
	CS_LINK_CALL_ID,
	CS_LINK_SIP_CALL_ID,
	CS_LINK_CALLER,		/* caller, number dialled and time */
	CS_LINK_AMBIGUOUS	/* a rule found several calls, none one */
};

/* "call_id", "sip_call_id", "caller", "ambiguous", "none". */
const char *cs_link_name(enum cs_link how);

/* What linking needs of a call. */
struct cs_link_call {
	const char *key;		/* the call's id */
	const char *const *leg_keys;	/* its legs' own ids */
	int nleg_keys;
	const char *const *sip_call_ids;	/* the SIP Call-IDs its legs logged */
	int nsip;
	const char *caller;		/* keyed hash, "" withheld */
	const char *called;		/* the number dialled */
	int has_bot;			/* a leg the bot answered ... */
	int64_t bot_start;		/* ... started then */
};

/* Joins s to one of the n calls: *which gets its index (-1 when none). */
enum cs_link cs_link_session(const struct cs_bot_session *s,
    const struct cs_link_call *calls, int n, int *which);

#endif
