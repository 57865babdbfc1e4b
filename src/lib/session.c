/*
 * session.c: a bot's session summed up from its events, and linked to its
 * call (session.h).
 */
#include <string.h>

#include "privacy.h"
#include "session.h"

void
cs_bot_session_init(struct cs_bot_session *s)
{
	memset(s, 0, sizeof(*s));
	s->session = s->call_id = s->sip_call_id = s->caller = s->called = "";
	s->service = s->intent = s->routed = s->outcome = s->transfer_target = "";
}

/* Keeps the first non-empty value of a session-level fact. */
static void
first(const char **have, const char *v)
{
	if (**have == '\0' && v != NULL)
		*have = v;
}

void
cs_bot_session_add(struct cs_bot_session *s, const struct cs_bot_event *e,
    const struct cs_config *cfg)
{
	if (s->session[0] == '\0') {
		s->session = e->session;
		s->start = e->time;
		s->start_msec = e->msec;
	}
	s->end = e->time;
	first(&s->call_id, e->call_id);
	first(&s->sip_call_id, e->sip_call_id);
	first(&s->caller, e->caller);
	first(&s->called, e->called);
	if (e->service[0] != '\0')
		s->service = e->service;
	/* the last intent understood, on a turn or on an event that sums
	   the session up (a contact record's end) */
	if (e->intent[0] != '\0' && strcmp(e->match, "no_match") != 0 &&
	    strcmp(e->match, "no_input") != 0) {
		s->intent = e->intent;
		/* an intent no service lists, understood later, hides nothing */
		if (cfg != NULL && cs_config_intent_service(cfg, e->intent) >= 0)
			s->routed = e->intent;
	}
	switch (e->type) {
	case CS_BOT_UTTERANCE:
	case CS_BOT_DTMF:
		s->turns++;
		if (strcmp(e->speaker, "caller") != 0)
			break;
		s->caller_turns++;
		if (strcmp(e->match, "no_match") == 0 ||
		    strcmp(e->match, "no_input") == 0)
			s->fallback_turns++;
		break;
	case CS_BOT_TRANSFER:
		s->transferred = 1;
		if (e->transfer_target[0] != '\0')
			s->transfer_target = e->transfer_target;
		break;
	case CS_BOT_END:
		s->ended = 1;
		if (e->outcome[0] != '\0')
			s->outcome = e->outcome;
		break;
	default:
		break;
	}
}

const char *
cs_link_name(enum cs_link how)
{
	static const char *const names[] = {
		"none", "call_id", "sip_call_id", "caller", "ambiguous"
	};

	return (unsigned)how < sizeof(names) / sizeof(names[0]) ? names[how] :
	    "none";
}

static int
in(const char *v, const char *const *list, int n)
{
	for (int i = 0; i < n; i++)
		if (strcmp(v, list[i]) == 0)
			return 1;
	return 0;
}

/* The same number dialled, or one side does not say. */
static int
same_called(const char *a, const char *b)
{
	char na[128], nb[128];

	if (*a == '\0' || *b == '\0')
		return 1;
	cs_number_normalise(a, na, sizeof(na));
	cs_number_normalise(b, nb, sizeof(nb));
	return strcmp(na, nb) == 0;
}

static int
rule_matches(int rule, const struct cs_bot_session *s,
    const struct cs_link_call *c)
{
	int64_t d;

	switch (rule) {
	case CS_LINK_CALL_ID:
		return s->call_id[0] != '\0' && (strcmp(s->call_id, c->key) == 0 ||
		    in(s->call_id, c->leg_keys, c->nleg_keys));
	case CS_LINK_SIP_CALL_ID:
		return s->sip_call_id[0] != '\0' &&
		    in(s->sip_call_id, c->sip_call_ids, c->nsip);
	case CS_LINK_CALLER:
		if (s->caller[0] == '\0' || c->caller[0] == '\0' || !c->has_bot ||
		    strcmp(s->caller, c->caller) != 0 ||
		    !same_called(s->called, c->called))
			return 0;
		d = s->start - c->bot_start;
		return d >= -CS_LINK_WINDOW && d <= CS_LINK_WINDOW;
	default:
		return 0;
	}
}

enum cs_link
cs_link_session(const struct cs_bot_session *s, const struct cs_link_call *calls,
    int n, int *which)
{
	static const enum cs_link rules[] = {
		CS_LINK_CALL_ID, CS_LINK_SIP_CALL_ID, CS_LINK_CALLER
	};
	int several = 0;

	*which = -1;
	for (size_t r = 0; r < sizeof(rules) / sizeof(rules[0]); r++) {
		int found = 0, at = -1;

		for (int i = 0; i < n; i++)
			if (rule_matches(rules[r], s, &calls[i])) {
				found++;
				at = i;
			}
		if (found == 1) {
			*which = at;
			return rules[r];
		}
		several |= found > 1;
	}
	return several ? CS_LINK_AMBIGUOUS : CS_LINK_NONE;
}
