/* town_arrive.c: what the phone system does with a call (town.h). */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "town.h"

/* A closed message, or the service's voicemail box, and nothing else. */
static int
closed(struct town *tw, struct pcall *p, struct cs_synth_call *c, int s)
{
	struct cs_synth_service *sv = &tw->pub.svc[s];
	int64_t end;

	c->closed_msg = sv->voicemail ? 2 : 1;
	if (sv->voicemail)
		end = c->start + 9 + (cs_rng_chance(&p->rng, 0.6) ?
		    (int64_t)cs_rng_lognormal(&p->rng, 25, 0.5) : cs_rng_range(&p->rng, 0, 8));
	else
		end = c->start + (cs_rng_chance(&p->rng, 0.7) ? 14 :
		    cs_rng_range(&p->rng, 1, 13));
	if (p->hangup_at > 0 && p->hangup_at < end)
		end = p->hangup_at;
	c->end = end;
	return cs_town_emit(tw, p, c);
}

/* A caller's position in sv's queue at now (the callers still waiting,
 * plus one), the caller waiting until until; -1 when out of memory. */
static int
queue_position(struct cs_synth_service *sv, int64_t now, int64_t until)
{
	int k = 0;

	for (int i = 0; i < sv->nwaiting; i++)
		if (sv->waiting[i] > now)
			sv->waiting[k++] = sv->waiting[i];
	sv->nwaiting = k;
	if (sv->nwaiting == sv->capwaiting) {
		int cap = sv->capwaiting ? 2 * sv->capwaiting : 16;
		int64_t *w = realloc(sv->waiting, (size_t)cap * sizeof(*w));

		if (w == NULL)
			return -1;
		sv->waiting = w;
		sv->capwaiting = cap;
	}
	sv->waiting[sv->nwaiting++] = until;
	return k + 1;
}

int
cs_town_queue_enter(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_service *sv = &tw->pub.svc[p->queue];
	struct cs_synth_member m[CS_SYNTH_MAXRING];
	int who[CS_SYNTH_MAXRING], nm = 0;
	struct cs_synth_qresult res;
	struct cs_synth_call c;
	long patience;
	int64_t limit, ringend;

	cs_town_call_init(tw, p, &c);
	cs_town_present(tw, p, &c);
	c.dialled_svc = p->path == P_MAIN ? tw->pub.main_svc : p->topic;
	snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[c.dialled_svc].did);
	if (p->bot_chan != 0) {
		c.bot = 1;
		c.bot_chan = p->bot_chan;
		c.bot_answer = p->bot_answer;
		c.bot_end = p->bot_end;
	}
	if (p->path == P_DID) {
		c.welcome = 1;
		c.welcome_end = now;
	}
	c.queue = p->queue;
	c.q_enter = now;
	patience = (long)p->patience;
	if (p->hangup_at > 0)
		patience = p->hangup_at > now ? (long)(p->hangup_at - now) : 0;
	limit = now + (patience < sv->timeout ? patience : sv->timeout);

	for (int i = 0; i < sv->nagents && nm < CS_SYNTH_MAXRING; i++) {
		int ai = sv->first_agent + i;
		struct cs_synth_agent *a = &tw->pub.agent[ai];
		int64_t x = a->free_at > now ? a->free_at : now;
		int64_t d;

		/* logged in today at all: else the queue does not count it */
		if (cs_town_agent_logged(tw, a, now, now + 4 * 3600) < 0 && a->free_at <= now)
			continue;
		d = cs_town_agent_logged(tw, a, x, limit);
		who[nm] = ai;
		m[nm].dial = d;
		m[nm].pick = d < 0 ? -1 :
		    cs_town_agent_at_phone(tw, a, d, now) + cs_town_ring_delay(&p->rng);
		nm++;
	}
	cs_synth_queue_resolve(m, nm, now, patience, sv->timeout, &res);
	c.q_exit = res.exit;
	c.q_at = res.at;

	if ((c.q_pos = queue_position(sv, now, res.at)) < 0)
		return cs_error_set(tw->err, "out of memory");

	ringend = res.at;
	for (int i = 0; i < nm; i++) {
		struct cs_synth_ring *r;

		if (m[i].dial < 0 || m[i].dial >= ringend)
			continue;
		if (m[i].dial == ringend && !(res.exit == CS_SYNTH_Q_CONNECT &&
		    res.member == i))
			continue;
		r = &c.ring[c.nring];
		r->agent = who[i];
		r->dial = m[i].dial;
		r->end = ringend;
		r->answer = 0;
		r->chan = tw->chan++;
		if (res.exit == CS_SYNTH_Q_CONNECT && res.member == i)
			c.winner = c.nring;
		c.nring++;
	}
	if (res.exit == CS_SYNTH_Q_CONNECT) {
		struct cs_synth_ring *r = &c.ring[c.winner];
		struct cs_synth_agent *a = &tw->pub.agent[r->agent];

		r->answer = res.at;
		c.end = res.at + cs_town_talk_time(&p->rng, sv->talk_median);
		r->end = c.end;
		c.q_agent_hangs_up = cs_rng_chance(&p->rng, 0.4);
		a->free_at = c.end + cs_rng_range(&p->rng, 10, 60);
	} else
		c.end = res.at;
	return cs_town_emit(tw, p, &c);
}


static int
arrive_direct(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	struct cs_synth_agent *a = &tw->pub.agent[p->agent];
	struct cs_synth_service *sv = &tw->pub.svc[a->svc];
	const struct cs_config *cfg = tw->pub.cfg;
	int64_t pick = -1, hang = INT64_MAX;
	int timeout = sv->voicemail ? 20 : cfg->dial_timeout > 0 ? cfg->dial_timeout : 30;

	cs_town_call_init(tw, p, &c);
	cs_town_present(tw, p, &c);
	c.dialled_svc = a->svc;
	cs_town_direct_did(sv->direct, a->ext, c.dialled);
	c.dial = 1;
	c.dial_agent = p->agent;
	c.d_timeout = timeout;
	c.d_chan = tw->chan++;
	if (p->hangup_at > 0)
		hang = p->hangup_at;
	else if (cs_rng_chance(&p->rng, 0.15))
		hang = now + cs_rng_range(&p->rng, 6, timeout + 10);
	if (cs_town_agent_logged(tw, a, now, now + 1) == now && a->free_at > now) {
		c.d_result = CS_SYNTH_D_BUSY;
		c.d_end = now + cs_rng_range(&p->rng, 0, 1);
	} else {
		if (cs_town_agent_logged(tw, a, now, now + 1) == now &&
		    cs_rng_chance(&p->rng, 0.9))
			pick = cs_town_agent_at_phone(tw, a, now, now) + cs_town_ring_delay(&p->rng);
		if (pick >= 0 && pick < now + timeout && pick < hang) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = pick;
			c.d_end = pick + cs_town_talk_time(&p->rng, sv->talk_median * 0.8);
			a->free_at = c.d_end + cs_rng_range(&p->rng, 5, 40);
		} else if (hang < now + timeout) {
			c.d_result = CS_SYNTH_D_CANCEL;
			c.d_end = hang;
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + timeout;
		}
	}
	c.end = c.d_end;
	if (sv->voicemail && (c.d_result == CS_SYNTH_D_BUSY ||
	    c.d_result == CS_SYNTH_D_NOANSWER)) {
		c.vm = 1;
		c.vm_start = c.d_end;
		c.vm_end = c.vm_start + (cs_rng_chance(&p->rng, 0.7) ?
		    8 + (int64_t)cs_rng_lognormal(&p->rng, 20, 0.5) :
		    cs_rng_range(&p->rng, 1, 8));
		c.end = c.vm_end;
	}
	return cs_town_emit(tw, p, &c);
}

/* Staff: an internal call to a colleague, or a call out. */
static int
arrive_staff(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	struct cs_synth_agent *from = NULL, *to = NULL;
	const char *lo = NULL;
	long talk;

	cs_town_call_init(tw, p, &c);
	c.dir = p->path == P_INTERNAL ? CS_SYNTH_INTERNAL : CS_SYNTH_OUTBOUND;
	c.chan = tw->chan++;
	if (p->agent >= 0)
		from = &tw->pub.agent[p->agent];
	if (from != NULL && from->free_at > now)
		from = NULL;
	if (from == NULL) {
		/* a colleague of the back office */
		for (size_t i = 0; i < tw->pub.cfg->internal.n && lo == NULL; i++)
			if (tw->pub.cfg->internal.t[i].kind == CS_TERM_EXT)
				lo = "";
		if (lo == NULL)
			return 0;
		for (size_t i = 0; i < tw->pub.cfg->internal.n; i++) {
			const struct cs_term *t = &tw->pub.cfg->internal.t[i];

			if (t->kind == CS_TERM_EXT) {
				long span = t->range ? t->hi - t->lo : 0;

				snprintf(c.from_ext, sizeof(c.from_ext), "%ld", t->lo +
				    cs_rng_range(&p->rng, 0, span < 30 ? span : 30));
				break;
			}
		}
	} else
		snprintf(c.from_ext, sizeof(c.from_ext), "%s", from->ext);
	snprintf(c.number, sizeof(c.number), "%s", c.from_ext);
	c.dial = 1;
	c.d_chan = tw->chan++;
	if (c.dir == CS_SYNTH_INTERNAL) {
		int ai = (int)cs_rng_range(&p->rng, 0, tw->pub.nagents - 1);

		to = &tw->pub.agent[ai];
		if (strcmp(to->ext, c.from_ext) == 0)
			return 0;
		c.dial_agent = ai;
		snprintf(c.dialled, sizeof(c.dialled), "%s", to->ext);
		c.d_timeout = 30;
		if (to->free_at > now) {
			c.d_result = CS_SYNTH_D_BUSY;
			c.d_end = now + 1;
		} else if (cs_rng_chance(&p->rng, 0.8)) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = now + cs_rng_range(&p->rng, 2, 15);
			talk = cs_town_talk_time(&p->rng, 70);
			c.d_end = c.d_answer + talk;
			to->free_at = c.d_end;
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + 30;
		}
	} else {
		if (p->outside[0] != '\0')
			snprintf(c.dialled, sizeof(c.dialled), "%s", p->outside);
		else
			cs_town_caller_number(cs_town_new_caller(tw, &p->rng), c.dialled);
		c.d_timeout = 60;
		if (cs_rng_chance(&p->rng, 0.7)) {
			c.d_result = CS_SYNTH_D_ANSWER;
			c.d_answer = now + cs_rng_range(&p->rng, 4, 25);
			c.d_end = c.d_answer + cs_town_talk_time(&p->rng, 110);
		} else if (cs_rng_chance(&p->rng, 0.15)) {
			c.d_result = CS_SYNTH_D_BUSY;
			c.d_end = now + cs_rng_range(&p->rng, 1, 3);
		} else {
			c.d_result = CS_SYNTH_D_NOANSWER;
			c.d_end = now + cs_rng_range(&p->rng, 15, 60);
		}
	}
	c.end = c.d_end;
	if (from != NULL && c.d_end > from->free_at)
		from->free_at = c.d_end;
	snprintf(c.truth.caller, sizeof(c.truth.caller), "%s", c.from_ext);
	return cs_town_emit(tw, p, &c);
}

static double
containment_of(const struct town *tw, int topic)
{
	static const double adj[] = { 0, 0.1, 0.05, -0.2, 0.05, -0.25 };
	double c = tw->o->containment + adj[tw->pub.svc[topic].kind];

	return c < 0 ? 0 : c > 1 ? 1 : c;
}

int
cs_town_arrive(struct town *tw, struct pcall *p, int64_t now)
{
	struct cs_synth_call c;
	int ms = tw->pub.main_svc;

	if (p->path == P_INTERNAL || p->path == P_OUTBOUND)
		return arrive_staff(tw, p, now);
	if (p->path == P_MAIN && tw->golive > 0 && now >= tw->golive &&
	    p->caller >= 0 && tw->last_bot[p->caller] > now - BOT_APART) {
		/* one caller on the phone to the bot already: the second
		   call comes once the first is well under way */
		int64_t later = tw->last_bot[p->caller] + BOT_APART;

		if (p->hangup_at > 0)
			p->hangup_at += later - now;
		p->start = later;
		return cs_town_push(tw, later, EV_ARRIVE, p, 0) == 0 ? 1 :
		    cs_error_set(tw->err, "out of memory");
	}
	p->chan = tw->chan++;
	if (p->path == P_DIRECT)
		return arrive_direct(tw, p, now);

	cs_town_call_init(tw, p, &c);
	cs_town_present(tw, p, &c);
	if (p->path == P_MAIN) {
		c.dialled_svc = ms;
		snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[ms].did);
		if (tw->golive > 0 && now >= tw->golive) {
			int64_t ans = now + cs_rng_range(&p->rng, 1, 2), h;
			int esc = !cs_rng_chance(&p->rng, containment_of(tw, p->topic));
			int target = -1;

			c.bot = 1;
			c.bot_chan = tw->chan++;
			if (p->caller >= 0)
				tw->last_bot[p->caller] = now;
			if (p->hangup_at > 0 && p->hangup_at < ans) {
				c.bot_answer = 0;
				c.bot_end = c.end = p->hangup_at;
				return cs_town_emit(tw, p, &c);
			}
			c.bot_answer = ans;
			h = ans + (int64_t)cs_rng_lognormal(&p->rng, esc ? 50 : 75, 0.6);
			if (h > ans + 1800)
				h = ans + 1800;
			if (p->hangup_at > 0) {
				c.bot_end = c.end = p->hangup_at;
				return cs_town_emit(tw, p, &c);
			}
			if (esc) {
				if (tw->pub.svc[p->topic].queue[0] != '\0' &&
				    cs_town_open(tw, p->topic, h))
					target = p->topic;
				else if (cs_town_open(tw, ms, h))
					target = ms;
			}
			if (target < 0) {
				c.bot_end = c.end = h;
				return cs_town_emit(tw, p, &c);
			}
			p->bot_chan = c.bot_chan;
			p->bot_answer = ans;
			p->bot_end = h;
			p->queue = target;
			p->preanswered = 1;
			p->record = h;
			return cs_town_push(tw, h, EV_QUEUE, p, 0) == 0 ? 1 :
			    cs_error_set(tw->err, "out of memory");
		}
		if (!cs_town_open(tw, ms, now))
			return closed(tw, p, &c, ms);
		p->queue = ms;
		p->record = now;
		return cs_town_queue_enter(tw, p, now);
	}
	/* a service's own number: welcome, then its queue */
	c.dialled_svc = p->topic;
	snprintf(c.dialled, sizeof(c.dialled), "%s", tw->pub.svc[p->topic].did);
	if (!cs_town_open(tw, p->topic, now))
		return closed(tw, p, &c, p->topic);
	{
		int64_t w = now + 4 + (tw->pub.svc[p->topic].index % 4);
		int64_t quit = p->hangup_at;

		if (quit == 0 && cs_rng_chance(&p->rng, 0.02))
			quit = now + cs_rng_range(&p->rng, 1, w - now - 1);
		if (quit > 0 && quit < w) {
			c.welcome = 1;
			c.welcome_only = 1;
			c.welcome_end = c.end = quit;
			return cs_town_emit(tw, p, &c);
		}
		p->queue = p->topic;
		p->preanswered = 1;
		p->record = now;
		return cs_town_push(tw, w, EV_QUEUE, p, 0) == 0 ? 1 :
		    cs_error_set(tw->err, "out of memory");
	}
}
