/*
 * rules.c: the call rules.  Given the pieces of one call (model.h) and the
 * configuration, decides its direction, outcome, waits, escalation and
 * service, as callstat-kpi(7) defines them.  Reads nothing else: every
 * rule is tested on its own (tests/unit/test_calls.c).
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "match.h"
#include "rules.h"
#include "timeutil.h"

/* How an attempt to reach someone ended, when no one answered. */
enum verdict { V_NONE, V_ANNOUNCE, V_VOICEMAIL, V_ABANDONED, V_MISSED };

const char *
cs_outcome_name(enum cs_outcome o)
{
	static const char *const names[] = {
		NULL, "agent", "bot", "abandoned", "short", "missed", "voicemail"
	};

	return (unsigned)o < sizeof(names) / sizeof(names[0]) ? names[o] : NULL;
}

const char *
cs_direction_name(enum cs_direction d)
{
	return d == CS_INBOUND ? "inbound" : d == CS_INTERNAL ? "internal" : "outbound";
}

static int
is_queue_leg(const struct cs_leg *l)
{
	return l->target == CS_TARGET_QUEUE || l->target == CS_TARGET_QUEUE_EMPTY;
}

static int
answered(const struct cs_leg *l)
{
	return l->ended == CS_LEG_ANSWERED;
}

/* What an unanswered leg towards someone says of the call. */
static enum verdict
leg_verdict(const struct cs_config *cfg, const struct cs_leg *l)
{
	if (l->ended == CS_LEG_FAILED)
		return V_MISSED;
	if (cfg->dial_timeout > 0 && l->duration >= cfg->dial_timeout)
		return V_MISSED;
	return V_ABANDONED;
}

/* What a queue event says of the call; *exit: it ends a queue attempt. */
static enum verdict
event_verdict(const struct cs_qevent *e, int *exit)
{
	*exit = 1;
	switch (e->kind) {
	case CS_QEV_ABANDONED:
		return V_ABANDONED;
	case CS_QEV_MISSED:
		return V_MISSED;
	case CS_QEV_LEFT_BY_KEY:
		return V_NONE;	/* what happens next decides */
	default:
		*exit = 0;
		return V_NONE;
	}
}

static int
cmp_span(const void *pa, const void *pb)
{
	const struct cs_span *a = pa, *b = pb;
	int c = strcmp(a->peer, b->peer);

	if (c != 0)
		return c;
	if (a->from != b->from)
		return (a->from > b->from) - (a->from < b->from);
	return (a->to > b->to) - (a->to < b->to);
}

/*
 * Seconds people spent on the call: the sum over its human legs of
 * (end - answer), one conversation recorded twice counted once.  Spans of
 * the same person (peer) that overlap are one conversation (the two rows
 * Asterisk writes for a Local channel, a queue's CONNECT and the leg it
 * connected); spans of a person not known are one only when their start
 * and end are the same.  Different people on the call at once (a
 * transfer's consultation) are each counted.
 */
static long
talk_length(struct cs_span *iv, int n)
{
	int64_t total = 0, cur_from, cur_to;

	if (n == 0)
		return 0;
	if (n > 1)
		qsort(iv, (size_t)n, sizeof(*iv), cmp_span);
	cur_from = iv[0].from;
	cur_to = iv[0].to;
	for (int i = 1; i < n; i++) {
		int same = strcmp(iv[i].peer, iv[i - 1].peer) == 0;

		if (same && iv[i].peer[0] != '\0' && iv[i].from <= cur_to) {
			if (iv[i].to > cur_to)
				cur_to = iv[i].to;
			continue;
		}
		if (same && iv[i].peer[0] == '\0' && iv[i].from == cur_from &&
		    iv[i].to == cur_to)
			continue;
		total += cur_to - cur_from;
		cur_from = iv[i].from;
		cur_to = iv[i].to;
	}
	total += cur_to - cur_from;
	return (long)total;
}

int
cs_call_in_hours(const struct cs_config *cfg, int service, int64_t t)
{
	struct cs_datetime dt;
	int wday;
	const struct cs_service *s;

	if (service < 0 || (size_t)service >= cfg->nservices)
		return 1;	/* "other" is always open */
	cs_utc_to_local(t, &dt, &wday);
	if (cs_config_closed_day(cfg, dt.year, dt.mon, dt.mday))
		return 0;
	s = &cfg->services[service];
	if (!s->has_hours)
		return 1;
	return cs_hours_open(&s->hours, wday, dt.hour * 3600 + dt.min * 60 + dt.sec);
}

int
cs_rules_direction(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, struct cs_call *call)
{
	memset(call, 0, sizeof(*call));
	call->wait = call->human_wait = call->talk = call->abandon_wait = -1;
	call->service = (int)cfg->nservices;
	call->caller = legs[0].caller;
	call->bot_key = "";
	call->start = legs[0].start;
	call->end = legs[0].end;
	for (int i = 0; i < nlegs; i++) {
		if (legs[i].start < call->start)
			call->start = legs[i].start;
		if (legs[i].end > call->end)
			call->end = legs[i].end;
		call->flags |= legs[i].flags;
	}
	if (cs_match_caller(&cfg->internal, &legs[0])) {
		call->direction = legs[0].to_outside ? CS_OUTBOUND : CS_INTERNAL;
		call->in_hours = 0;
		return 0;
	}
	call->direction = CS_INBOUND;
	return 1;
}

static enum cs_role
role_of(const struct cs_config *cfg, const struct cs_leg *l)
{
	if (l->target == CS_TARGET_BOT ||
	    (cfg->bot.n > 0 && cs_match_leg(&cfg->bot, l)))
		return CS_ROLE_BOT;
	if (cfg->welcome.n > 0 && cs_match_leg(&cfg->welcome, l))
		return CS_ROLE_WELCOME;
	switch (l->target) {
	case CS_TARGET_VOICEMAIL:
	case CS_TARGET_ANNOUNCEMENT:
		return CS_ROLE_PBX;
	case CS_TARGET_QUEUE_EMPTY:
		return CS_ROLE_QUEUE_EMPTY;
	case CS_TARGET_QUEUE:
	case CS_TARGET_PERSON:
		return CS_ROLE_PERSON;
	default:
		return CS_ROLE_OTHER;
	}
}

void
cs_rules_roles(const struct cs_config *cfg, struct cs_call_facts *f)
{
	for (int i = 0; i < f->nlegs; i++)
		f->role[i] = role_of(cfg, &f->legs[i]);
	f->covered = f->covered_exit = 0;
	for (int e = 0; e < f->nev; e++) {
		int isexit;

		f->covered = 1;
		event_verdict(&f->ev[e], &isexit);
		f->covered_exit |= isexit;
	}
}

void
cs_rules_bot(struct cs_call_facts *f, struct cs_call *call)
{
	f->bot = -1;
	f->bot_t = 0;
	for (int i = 0; i < f->nlegs; i++)
		if (f->role[i] == CS_ROLE_BOT && answered(&f->legs[i])) {
			f->bot = i;
			f->bot_t = f->legs[i].answer;
			call->bot_key = f->legs[i].alias;
			call->bot_start = f->legs[i].start;
			break;
		}
	call->bot_answered = f->bot >= 0;
}

/* The talk time a queue logged after a connection with no leg of its own. */
static long
logged_talk(const struct cs_call_facts *f, int connected)
{
	for (int e = connected + 1; e < f->nev; e++)
		if (f->ev[e].kind == CS_QEV_ENDED)
			return f->ev[e].talk;
	return 0;
}

/* The queue leg a person took through the CONNECTED event e, or -1. */
static int
connected_leg(const struct cs_call_facts *f, const struct cs_qevent *e)
{
	for (int i = 0; i < f->nlegs; i++) {
		const struct cs_leg *l = &f->legs[i];

		if (f->role[i] == CS_ROLE_PERSON && l->target == CS_TARGET_QUEUE &&
		    answered(l) && l->peer[0] != '\0' && strcmp(l->peer, e->peer) == 0)
			return i;
	}
	for (int i = 0; i < f->nlegs; i++) {
		const struct cs_leg *l = &f->legs[i];

		if (f->role[i] == CS_ROLE_PERSON && l->target == CS_TARGET_QUEUE &&
		    answered(l) && l->end >= e->time)
			return i;
	}
	return -1;
}

void
cs_rules_people(struct cs_call_facts *f)
{
	f->human_t = INT64_MAX;
	f->answering = f->connect_agent = -1;
	f->nspan = 0;
	/* answered legs towards people; a queue's, when no queue event
	   says when */
	for (int i = 0; i < f->nlegs; i++) {
		const struct cs_leg *l = &f->legs[i];

		if (f->role[i] != CS_ROLE_PERSON || !answered(l))
			continue;
		if (is_queue_leg(l) && f->covered)
			continue;	/* the CONNECTED event says when */
		if (l->answer < f->human_t) {
			f->human_t = l->answer;
			f->answering = i;
		}
		f->span[f->nspan].from = l->answer;
		f->span[f->nspan].to = l->end > l->answer ? l->end : l->answer;
		f->span[f->nspan].peer = l->peer != NULL ? l->peer : "";
		f->nspan++;
	}
	for (int e = 0; e < f->nev; e++) {
		const struct cs_qevent *ev = &f->ev[e];
		struct cs_span *sp = &f->span[f->nspan];
		int leg;

		if (ev->kind != CS_QEV_CONNECTED)
			continue;
		leg = connected_leg(f, ev);
		if (ev->time < f->human_t) {
			f->human_t = ev->time;
			f->answering = leg;
			f->connect_agent = leg < 0 ? e : -1;
		}
		sp->from = ev->time;
		sp->peer = ev->peer != NULL ? ev->peer : "";
		if (leg >= 0) {
			sp->to = f->legs[leg].end;
		} else {
			/* no leg for it: the talk time the queue logged */
			long talk = logged_talk(f, e);

			sp->to = ev->time + (talk > 0 ? talk : 0);
		}
		if (sp->to < sp->from)
			sp->to = sp->from;
		f->nspan++;
	}
}

void
cs_rules_escalation(struct cs_call_facts *f, struct cs_call *call)
{
	f->handover = 0;
	for (int i = 0; i < f->nlegs; i++) {
		if (f->role[i] != CS_ROLE_PERSON && f->role[i] != CS_ROLE_QUEUE_EMPTY)
			continue;
		call->needed_agent = 1;
		if (f->bot >= 0 && i != f->bot && f->legs[i].start >= f->bot_t &&
		    !call->escalated) {
			call->escalated = 1;
			f->handover = f->legs[f->bot].end;
		}
	}
	for (int e = 0; e < f->nev; e++) {
		if (f->ev[e].kind != CS_QEV_ENTERED)
			continue;
		call->needed_agent = 1;
		if (f->bot >= 0 && f->ev[e].time >= f->bot_t && !call->escalated) {
			call->escalated = 1;
			f->handover = f->legs[f->bot].end;
		}
	}
}

/* One attempt's verdict, at the time it was known. */
struct item {
	int64_t time;
	int rank;	/* events before legs at the same second */
	int64_t order;
	enum verdict v;
};

static int
cmp_item(const void *pa, const void *pb)
{
	const struct item *a = pa, *b = pb;

	if (a->time != b->time)
		return (a->time > b->time) - (a->time < b->time);
	if (a->rank != b->rank)
		return a->rank - b->rank;
	return (a->order > b->order) - (a->order < b->order);
}

/* What the unanswered leg i says, as its role has it. */
static enum verdict
role_verdict(const struct cs_config *cfg, const struct cs_call_facts *f, int i)
{
	const struct cs_leg *l = &f->legs[i];

	switch (f->role[i]) {
	case CS_ROLE_BOT:
		return answered(l) ? V_NONE : leg_verdict(cfg, l);
	case CS_ROLE_WELCOME:
		return V_ABANDONED;
	case CS_ROLE_PBX:
		return l->target == CS_TARGET_VOICEMAIL ? V_VOICEMAIL : V_ANNOUNCE;
	case CS_ROLE_QUEUE_EMPTY:
		/* no phone rung: the leg's end, as a dial's */
		return f->covered_exit ? V_NONE : leg_verdict(cfg, l);
	case CS_ROLE_PERSON:
		return is_queue_leg(l) && f->covered_exit ? V_NONE :
		    leg_verdict(cfg, l);
	default:
		return V_NONE;
	}
}

/* Records a call holds without asking for memory; more are allocated. */
#define SMALL_CALL 128

/*
 * The last attempt's verdict decides a call no one answered.  For an
 * escalated call (lost after the hand-over) a voicemail box decides no
 * more than an announcement: the dial or queue decides, else abandoned.
 */
static int
last_verdict(const struct cs_config *cfg, const struct cs_call_facts *f,
    int escalated, enum verdict *out)
{
	struct item buf[SMALL_CALL], *items = buf;
	int n = 0, saw_announce = 0;
	enum verdict final = V_NONE;

	if (f->nlegs + f->nev > SMALL_CALL &&
	    (items = malloc(((size_t)f->nlegs + (size_t)f->nev) *
	    sizeof(*items))) == NULL)
		return -1;
	for (int i = 0; i < f->nlegs; i++) {
		enum verdict v = role_verdict(cfg, f, i);

		if (v == V_NONE)
			continue;
		items[n].time = f->legs[i].end;
		items[n].rank = 1;
		items[n].order = f->legs[i].order;
		items[n].v = v;
		n++;
	}
	for (int e = 0; e < f->nev; e++) {
		int isexit;
		enum verdict v = event_verdict(&f->ev[e], &isexit);

		if (!isexit)
			continue;
		items[n].time = f->ev[e].time;
		items[n].rank = 0;
		items[n].order = f->ev[e].order;
		items[n].v = v;
		n++;
	}
	if (n > 1)
		qsort(items, (size_t)n, sizeof(*items), cmp_item);
	for (int k = 0; k < n; k++) {
		if (items[k].v == V_ANNOUNCE ||
		    (escalated && items[k].v == V_VOICEMAIL))
			saw_announce = 1;
		else
			final = items[k].v;	/* V_NONE: what follows decides */
	}
	if (final == V_NONE)
		final = saw_announce && !escalated ? V_VOICEMAIL : V_ABANDONED;
	if (items != buf)
		free(items);
	*out = final;
	return 0;
}

int
cs_rules_outcome(const struct cs_config *cfg, const struct cs_call_facts *f,
    struct cs_call *call)
{
	enum verdict final;

	if (f->human_t != INT64_MAX) {
		call->outcome = CS_OUTCOME_AGENT;
		return 0;
	}
	if (f->bot >= 0 && !call->escalated) {
		call->outcome = CS_OUTCOME_BOT;
		return 0;
	}
	if (last_verdict(cfg, f, call->escalated, &final) != 0)
		return -1;
	switch (final) {
	case V_VOICEMAIL:
		call->outcome = CS_OUTCOME_VOICEMAIL;
		break;
	case V_MISSED:
		call->outcome = CS_OUTCOME_MISSED;
		break;
	default:
		call->outcome = call->end - call->start <= cfg->short_abandon ?
		    CS_OUTCOME_SHORT : CS_OUTCOME_ABANDONED;
		break;
	}
	return 0;
}

void
cs_rules_times(struct cs_call_facts *f, struct cs_call *call)
{
	if (call->outcome == CS_OUTCOME_AGENT) {
		int64_t first = f->human_t;

		if (f->bot >= 0 && f->bot_t < first)
			first = f->bot_t;
		call->wait = (long)(first - call->start);
		call->human_wait = (long)(f->human_t -
		    (call->escalated ? f->handover : call->start));
		if (call->human_wait < 0)
			call->human_wait = 0;
		call->talk = talk_length(f->span, f->nspan);
	} else if (call->outcome == CS_OUTCOME_BOT) {
		call->wait = (long)(f->bot_t - call->start);
	} else if (call->outcome == CS_OUTCOME_ABANDONED) {
		call->abandon_wait = (long)(call->end - call->start);
	}
	/* an answer stamped before the call's start (clock skew) waited 0 s */
	if ((call->outcome == CS_OUTCOME_AGENT || call->outcome == CS_OUTCOME_BOT) &&
	    call->wait < 0)
		call->wait = 0;
}

/* The service of a channel, app, context or data term on any leg. */
static int
service_by_leg_terms(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs)
{
	for (size_t s = 0; s < cfg->nservices; s++) {
		const struct cs_match *m = &cfg->services[s].match;

		for (size_t i = 0; i < m->n; i++) {
			struct cs_match one = { &m->t[i], 1 };

			if (m->t[i].kind == CS_TERM_DID || m->t[i].kind == CS_TERM_QUEUE ||
			    m->t[i].kind == CS_TERM_EXT)
				continue;
			for (int l = 0; l < nlegs; l++)
				if (cs_match_leg(&one, &legs[l]))
					return (int)s;
		}
	}
	return -1;
}

/* Rules 1 and 2: the queue the call waited in last. */
static int
service_by_queue(const struct cs_config *cfg, const struct cs_call_facts *f)
{
	for (int e = f->nev - 1; e >= 0; e--)
		if (f->ev[e].kind == CS_QEV_ENTERED)
			return cs_config_service_by(cfg, CS_TERM_QUEUE, f->ev[e].queue);
	if (f->nev > 0)
		return -1;
	for (int i = f->nlegs - 1; i >= 0; i--)
		if (is_queue_leg(&f->legs[i]) && f->role[i] != CS_ROLE_BOT)
			return cs_config_service_by(cfg, CS_TERM_QUEUE,
			    f->legs[i].queue);
	return -1;
}

/* Rule 4: the extension of the person who answered. */
static int
service_by_person(const struct cs_config *cfg, const struct cs_call_facts *f)
{
	int s = -1;

	if (f->answering >= 0) {
		const struct cs_leg *l = &f->legs[f->answering];

		s = cs_config_service_by(cfg, CS_TERM_EXT, l->to);
		if (s < 0)
			s = cs_config_service_by(cfg, CS_TERM_EXT, l->peer);
	} else if (f->connect_agent >= 0) {
		s = cs_config_service_by(cfg, CS_TERM_EXT,
		    f->ev[f->connect_agent].peer);
	}
	return s;
}

/* Rule 3: the service the bot's session names, else the service whose
 * intents hold the last intent understood that a service's intents list. */
static int
service_by_session(const struct cs_config *cfg, const struct cs_bot_session *s)
{
	int found = s->service[0] != '\0' ? cs_config_service(cfg, s->service) : -1;

	if (found < 0)
		found = cs_config_intent_service(cfg, s->routed);
	return found;
}

void
cs_rules_service(const struct cs_config *cfg, const struct cs_call_facts *f,
    struct cs_call *call)
{
	/* callstat-kpi(7)'s attribution rules in order */
	int s = service_by_queue(cfg, f);

	if (s < 0 && call->outcome == CS_OUTCOME_AGENT)
		s = service_by_person(cfg, f);
	if (s < 0 && call->outcome == CS_OUTCOME_BOT && f->session != NULL)
		s = service_by_session(cfg, f->session);
	if (s < 0)
		s = cs_config_service_by(cfg, CS_TERM_DID, f->legs[0].to);
	if (s < 0)
		s = service_by_leg_terms(cfg, f->legs, f->nlegs);
	if (s >= 0)
		call->service = s;
	call->in_hours = cs_call_in_hours(cfg, call->service, call->start);
}

int
cs_call_build(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, const struct cs_qevent *ev, int nev, struct cs_call *call)
{
	return cs_call_build_session(cfg, legs, nlegs, ev, nev, NULL, call);
}

int
cs_call_build_session(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, const struct cs_qevent *ev, int nev,
    const struct cs_bot_session *session, struct cs_call *call)
{
	enum cs_role rolebuf[SMALL_CALL];
	struct cs_span spanbuf[SMALL_CALL];
	struct cs_call_facts f;
	int rc = 0;

	if (!cs_rules_direction(cfg, legs, nlegs, call))
		return 0;
	memset(&f, 0, sizeof(f));
	f.legs = legs;
	f.nlegs = nlegs;
	f.ev = ev;
	f.nev = nev;
	/* the session decides rule 3 and nothing else: a rebuild after bot
	   events writes only the calls that rule can change (derive.h's
	   cs_derive_keep); a rule that reads more of it must widen that */
	f.session = session;
	f.role = rolebuf;
	f.span = spanbuf;
	if (nlegs + nev > SMALL_CALL) {
		size_t n = (size_t)nlegs + (size_t)nev;

		f.role = malloc(n * sizeof(*f.role));
		f.span = malloc(n * sizeof(*f.span));
		if (f.role == NULL || f.span == NULL) {
			free(f.role);
			free(f.span);
			return -1;
		}
	}
	cs_rules_roles(cfg, &f);
	cs_rules_bot(&f, call);
	cs_rules_people(&f);
	cs_rules_escalation(&f, call);
	if (cs_rules_outcome(cfg, &f, call) != 0) {
		rc = -1;
		goto out;
	}
	cs_rules_times(&f, call);
	cs_rules_service(cfg, &f, call);
out:
	if (f.role != rolebuf) {
		free(f.role);
		free(f.span);
	}
	return rc;
}
