/*
 * town_bot.c: the bot's session of a call it answered (town.h): what the
 * caller and the bot said, when, how the session names its call (call id,
 * SIP Call-ID, or only the caller and the number dialled), and so how it
 * must link (formats.md, "Linking a session to its call") and which
 * service rule 3 of callstat-kpi(7) gives the call when the bot kept it.
 *
 * A session draws from a PRNG of its own, seeded from the town's seed and
 * the call's channel, so that the calls, Master.csv and queue_log are
 * those the town makes without transcripts.
 */
#include <stdio.h>
#include <string.h>

#include "town.h"

/* Intents no service names: a call the bot settled on them keeps the
 * service of the number dialled (rule 4). */
static const char *const unmapped[] = { "horaires", "informations-generales" };
#define NUNMAPPED (sizeof(unmapped) / sizeof(unmapped[0]))

/* Rule 3's intent: the service of the last turn understood whose intent
 * a service lists, -1 when none does. */
static int
routed_service(const struct cs_config *cfg, const struct cs_synth_session *s)
{
	for (int i = s->nev - 1; i >= 0; i--) {
		const struct cs_synth_bev *e = &s->ev[i];
		int svc;

		if (e->match == CS_SYNTH_M_MATCHED &&
		    (svc = cs_config_intent_service(cfg, e->intent)) >= 0)
			return svc;
	}
	return -1;
}

/* An intent of service s, or one no service names when it has none. */
static const char *
intent_of(const struct cs_config *cfg, int s, struct cs_rng *r)
{
	const struct cs_service *cs = &cfg->services[s];

	if (cs->nintents == 0)
		return unmapped[cs_rng_range(r, 0, NUNMAPPED - 1)];
	return cs->intents[cs_rng_range(r, 0, (long)cs->nintents - 1)];
}

/* Any intent: one of any service's, or one of no service. */
static const char *
any_intent(const struct cs_config *cfg, struct cs_rng *r)
{
	if (cfg->nservices == 0 || cs_rng_chance(r, 0.2))
		return unmapped[cs_rng_range(r, 0, NUNMAPPED - 1)];
	return intent_of(cfg, (int)cs_rng_range(r, 0, (long)cfg->nservices - 1), r);
}

static struct cs_synth_bev *
add_ev(struct cs_synth_session *s, int type, int caller, struct cs_rng *r)
{
	struct cs_synth_bev *e = &s->ev[s->nev++];

	memset(e, 0, sizeof(*e));
	e->type = (unsigned char)type;
	e->caller = (unsigned char)caller;
	e->draw = (uint32_t)(cs_rng_next(r) >> 32);
	if (type == CS_SYNTH_E_SAY || type == CS_SYNTH_E_DTMF) {
		s->turns++;
		s->caller_turns += caller;
	}
	return e;
}

/*
 * The events of s from start to end (whole seconds): the greeting, ncall
 * caller turns each with the bot's answer, a transfer to target, the end.
 * last: the intent the last caller turn understood names (NULL: drawn).
 */
static void
converse(const struct cs_config *cfg, struct cs_synth_session *s,
    int64_t start, int64_t end, int ncall, const char *last, struct cs_rng *r)
{
	struct cs_synth_bev *e;
	int lastmatch = -1, inner;
	int64_t span;

	add_ev(s, CS_SYNTH_E_START, 0, r);
	add_ev(s, CS_SYNTH_E_SAY, 0, r);		/* the greeting */
	for (int k = 0; k < ncall; k++) {
		double u = cs_rng_uniform(r);

		if (u < 0.1) {
			e = add_ev(s, CS_SYNTH_E_DTMF, 1, r);
		} else {
			e = add_ev(s, CS_SYNTH_E_SAY, 1, r);
			if (u < 0.78) {
				e->match = CS_SYNTH_M_MATCHED;
				e->conf = (unsigned char)cs_rng_range(r, 62, 99);
				e->intent = any_intent(cfg, r);
				lastmatch = s->nev - 1;
			} else if (u < 0.9) {
				e->match = CS_SYNTH_M_NO_MATCH;
				e->conf = (unsigned char)cs_rng_range(r, 5, 45);
				if (cs_rng_chance(r, 0.5))
					e->intent = "nlu_fallback";
				s->fallback_turns++;
			} else {
				e->match = CS_SYNTH_M_NO_INPUT;
				s->fallback_turns++;
			}
		}
		add_ev(s, CS_SYNTH_E_SAY, 0, r);	/* the bot answers */
	}
	if (lastmatch >= 0) {
		if (last != NULL)
			s->ev[lastmatch].intent = last;
		s->intent = s->ev[lastmatch].intent;
	}
	if (s->target != NULL)
		add_ev(s, CS_SYNTH_E_TRANSFER, 0, r);
	add_ev(s, CS_SYNTH_E_END, 0, r);

	/* times: the first and the last event on their whole seconds, those
	   between spread over the span with a jitter below half their gap */
	span = (end - start) * 1000;
	inner = s->nev - 2;
	s->ev[0].ms = start * 1000;
	s->ev[s->nev - 1].ms = end * 1000;
	for (int i = 1; i <= inner; i++) {
		int64_t gap = span / (inner + 1);
		int64_t j = gap > 4 ? cs_rng_range(r, -gap / 3, gap / 3) : 0;

		s->ev[i].ms = start * 1000 + span * i / (inner + 1) + j;
	}
}

/* 1 if a session of c starting 1 to 5 s after its bot leg can link by
 * its caller alone: a caller presented (the bot takes no two calls of one
 * caller within BOT_APART seconds, town_arrive.c, so no other call of
 * theirs has a bot leg within CS_LINK_WINDOW of the session). */
static int
caller_linkable(const struct pcall *p, const struct cs_synth_call *c)
{
	return c->truth.caller[0] != '\0' && p->caller >= 0;
}

static void
console(struct town *tw, struct cs_synth_call *c, struct cs_rng *r)
{
	struct cs_synth_session *s = &c->console;
	int64_t start = c->start + 120 + cs_rng_range(r, 0, 600);

	s->on = 1;
	snprintf(s->id, sizeof(s->id), "console-%llx",
	    (unsigned long long)(cs_synth_mix(tw->o->seed, c->chan) & 0xffffffffffULL));
	snprintf(s->call_id, sizeof(s->call_id), "console.%llu",
	    (unsigned long long)c->chan);
	s->link = CS_SYNTH_L_NONE;
	s->outcome = "resolved";
	s->rule3 = -1;
	converse(tw->pub.cfg, s, start, start + cs_rng_range(r, 15, 60), 1, NULL, r);
}

void
cs_town_bot_plan(struct town *tw, const struct pcall *p, struct cs_synth_call *c)
{
	const struct cs_config *cfg = tw->pub.cfg;
	struct cs_synth_session *s = &c->sess;
	struct cs_rng r;
	int64_t start, end;
	int ncall, linkable;
	const char *last = NULL;
	const struct cs_synth_pbx *pbx;
	double u;

	if (!c->bot || c->bot_answer <= 0)
		return;
	pbx = cs_synth_pbx_first(tw->o);
	cs_rng_seed(&r, cs_synth_mix(tw->o->seed ^ 0x5e55105e55105eULL, c->chan));
	s->on = 1;
	s->rule3 = -1;
	snprintf(s->id, sizeof(s->id), "s-%llx-%llu",
	    (unsigned long long)(cs_synth_mix(tw->o->seed, c->chan) & 0xffffffULL),
	    (unsigned long long)c->chan);
	if (pbx->call_id != NULL)
		pbx->call_id(c, s->call_id, sizeof(s->call_id));
	else
		snprintf(s->call_id, sizeof(s->call_id), "%lld.%llu",
		    (long long)c->start, (unsigned long long)c->chan);
	if (tw->o->columns >= 18)
		snprintf(s->sip, sizeof(s->sip), "%016llx@pbx.beaumont.example.org",
		    (unsigned long long)cs_synth_mix(tw->o->seed + 1, c->chan));
	if (c->truth.caller[0] != '\0')
		snprintf(s->caller, sizeof(s->caller), "+33%s", c->truth.caller + 1);
	s->called = c->dialled;

	/* how it names its call */
	linkable = caller_linkable(p, c);
	u = cs_rng_uniform(&r);
	if (c->truth.caller[0] == '\0')
		s->link = u < 0.25 ? CS_SYNTH_L_NONE : CS_SYNTH_L_CALL_ID;
	else if (u < 0.12 && linkable)
		s->link = CS_SYNTH_L_SIP;
	else if (u < 0.27 && linkable)
		s->link = CS_SYNTH_L_CALLER;
	else
		s->link = CS_SYNTH_L_CALL_ID;
	s->give_caller = s->link == CS_SYNTH_L_CALLER ||
	    (s->link == CS_SYNTH_L_CALL_ID && cs_rng_chance(&r, 0.5));
	s->give_sip = s->link == CS_SYNTH_L_SIP;
	if (s->link != CS_SYNTH_L_CALL_ID)
		s->call_id[0] = '\0';
	if (!pbx->sip && s->link == CS_SYNTH_L_SIP) {
		/* the PBX's logs have no SIP Call-ID: as below */
		s->give_sip = 0;
		s->give_caller = linkable;
		s->link = linkable ? CS_SYNTH_L_CALLER : CS_SYNTH_L_NONE;
	}
	if (tw->o->columns < 18 && pbx->call_id == NULL &&
	    (s->link == CS_SYNTH_L_CALL_ID || s->link == CS_SYNTH_L_SIP)) {
		/* no uniqueid, no userfield: the call's id and SIP Call-ID are
		   not in Master.csv; the caller and the number dialled link
		   it, when they can */
		s->give_sip = 0;
		s->give_caller = linkable;
		s->link = linkable ? CS_SYNTH_L_CALLER : CS_SYNTH_L_NONE;
	}
	if (!s->give_caller)
		s->caller[0] = '\0';

	/* what became of it, as the bot tells it */
	if (c->queue >= 0) {
		s->outcome = "escalated";
		s->target = tw->pub.svc[c->queue].queue;
		s->service = tw->pub.svc[c->queue].cfg->name;
	} else if (p->hangup_at > 0 && c->bot_end == p->hangup_at) {
		s->outcome = "abandoned";
	} else {
		s->outcome = "resolved";
		if (cs_rng_chance(&r, 0.35))
			s->service = cfg->services[tw->pub.svc[p->topic].index].name;
	}
	last = cs_rng_chance(&r, 0.8) ? intent_of(cfg, tw->pub.svc[p->topic].index, &r) :
	    unmapped[cs_rng_range(&r, 0, NUNMAPPED - 1)];

	/* within the bot leg: from 0 to 3 s after its answer to its end */
	start = c->bot_answer + cs_rng_range(&r, 0, 3);
	end = c->bot_end;
	if (start > end)
		start = end;
	ncall = strcmp(s->outcome, "abandoned") == 0 ? (int)cs_rng_range(&r, 0, 2) :
	    (int)cs_rng_range(&r, 1, 4);
	if (ncall > (end - start) / 4)
		ncall = (int)((end - start) / 4);
	converse(cfg, s, start, end, ncall, last, &r);

	/* rule 3, for a call the bot kept, when its session links */
	if (s->link != CS_SYNTH_L_NONE && s->service != NULL)
		s->rule3 = cs_config_service(cfg, s->service);
	if (s->link != CS_SYNTH_L_NONE && s->rule3 < 0)
		s->rule3 = routed_service(cfg, s);

	if (cs_rng_chance(&r, 0.01))
		console(tw, c, &r);
}
