/* town_outcome.c: what became of a call, and what its caller does next
 * (town.h). */
#include <stdio.h>
#include <string.h>

#include "match.h"
#include "readers/asterisk.h"
#include "town.h"

/* The outcome, service and hours of callstat-kpi(7), from what the model
 * knows happened. */
static void
decide(struct town *tw, struct cs_synth_call *c)
{
	const struct cs_config *cfg = tw->pub.cfg;
	struct cs_synth_truth *t = &c->truth;
	int64_t human = 0;
	const char *lost = NULL;
	int svc = -1;

	t->bot_answered = c->bot && c->bot_answer > 0;
	t->escalated = t->bot_answered && c->queue >= 0;
	t->needed_agent = c->queue >= 0 || (c->dial && c->dial_agent >= 0);
	if (c->queue >= 0 && c->q_exit == CS_SYNTH_Q_CONNECT)
		human = c->q_at;
	if (c->dial && c->d_result == CS_SYNTH_D_ANSWER)
		human = c->d_answer;

	if (human > 0) {
		t->outcome = "agent";
		t->wait = (long)((t->bot_answered ? c->bot_answer : human) - c->start);
		t->human_wait = (long)(human - (t->escalated ? c->bot_end : c->start));
		t->talk = (long)(c->end - human);
	} else if (t->bot_answered && !t->escalated) {
		t->outcome = "bot";
		t->wait = (long)(c->bot_answer - c->start);
	} else {
		if (c->queue >= 0)
			lost = c->q_exit == CS_SYNTH_Q_ABANDON ? "abandoned" : "missed";
		else if (c->dial) {
			long dur = (long)(c->d_end - c->start);

			/* a Dial's NO ANSWER reads as the caller's hang-up
			 * unless it lasted dial_timeout (callstat.conf(5)) */
			if (c->d_result == CS_SYNTH_D_BUSY)
				lost = "missed";
			else
				lost = cfg->dial_timeout > 0 && dur >= cfg->dial_timeout ?
				    "missed" : "abandoned";
			if (c->vm)
				lost = "voicemail";
		} else if (c->bot) {
			long dur = (long)(c->bot_end - c->start);

			lost = cfg->dial_timeout > 0 && dur >= cfg->dial_timeout ?
			    "missed" : "abandoned";
		} else if (c->welcome_only) {
			/* the welcome leg as Asterisk writes it, and as the
			   rules see it */
			struct cs_ast_leg a;
			struct cs_leg v;
			struct cs_piece_buf pb;
			char file[96];

			snprintf(file, sizeof(file), "custom/bienvenue-%s",
			    tw->pub.svc[c->dialled_svc].cfg->name);
			memset(&a, 0, sizeof(a));
			a.dst = c->dialled;
			a.dcontext = "from-trunk";
			a.dstchannel = "";
			a.lastapp = "Playback";
			a.lastdata = file;
			cs_asterisk_leg(&a, &v, &pb);
			lost = cfg->welcome.n > 0 && cs_match_leg(&cfg->welcome, &v) ?
			    "abandoned" : "voicemail";
		} else
			lost = "voicemail";
		if (strcmp(lost, "abandoned") == 0) {
			if (c->end - c->start <= cfg->short_abandon)
				lost = "short";
			else
				t->abandon_wait = (long)(c->end - c->start);
		}
		t->outcome = lost;
	}

	/* where it belongs: queue, answering extension, dialled number */
	if (c->queue >= 0)
		svc = c->queue;
	else if (human > 0 && c->dial_agent >= 0)
		svc = tw->pub.agent[c->dial_agent].svc;
	else
		svc = c->dialled_svc;
	/* rule 3: a call the bot kept, whose session links, goes where the
	   session says (town_bot.c); town and configuration indexes agree */
	if (strcmp(t->outcome, "bot") == 0 && c->sess.on && c->sess.rule3 >= 0)
		svc = c->sess.rule3;
	t->service = svc >= 0 ? tw->pub.svc[svc].index : -1;
	t->in_hours = svc >= 0 ? cs_town_open(tw, svc, c->start) : 1;
}

/* A follow-up call of the same caller, delay seconds after the end. */
static int
follow(struct town *tw, struct pcall *p, int64_t at)
{
	struct pcall *q;

	if (p->gen >= MAX_FOLLOW || at >= tw->end_instant)
		return 0;
	if ((q = cs_town_pcall_new(tw, &p->rng, p->path, p->topic, at)) == NULL)
		return -1;
	q->caller = p->caller;
	q->agent = p->agent;
	q->gen = p->gen + 1;
	q->present33 = p->present33;
	q->patience = cs_town_patience(tw, &q->rng) * 1.2;	/* more determined */
	if (cs_rng_chance(&q->rng, 0.01)) {
		q->misdial = 1;
		q->hangup_at = at + cs_rng_range(&q->rng, 1, 5);
	}
	return cs_town_push(tw, at, EV_ARRIVE, q, 0);
}

/* Schedules what a caller does after a call ends this way. */
static int
after(struct town *tw, struct pcall *p, const struct cs_synth_call *c)
{
	const char *o = c->truth.outcome;
	struct cs_rng *r = &p->rng;
	int64_t at = 0;

	if (strcmp(o, "short") == 0) {
		if (cs_rng_chance(r, 0.6))
			at = c->end + cs_rng_range(r, 5, 90);
	} else if (strcmp(o, "abandoned") == 0 || strcmp(o, "missed") == 0) {
		if (cs_rng_chance(r, 0.6)) {
			double u = cs_rng_uniform(r);

			if (u < 0.5)
				at = c->end + 60 + (int64_t)cs_rng_exp(r, 900);
			else if (u < 0.8)
				at = c->end + 1800 + (int64_t)cs_rng_exp(r, 5400);
			else
				at = c->end + 57600 + (int64_t)cs_rng_exp(r, 36000);
		}
	} else if (strcmp(o, "voicemail") == 0) {
		if (cs_rng_chance(r, 0.35))
			at = c->end + 600 + (int64_t)cs_rng_exp(r, 50000);
	} else if (strcmp(o, "bot") == 0) {
		if (cs_rng_chance(r, 0.12))
			at = c->end + 300 + (int64_t)cs_rng_exp(r, 20000);
	} else if (cs_rng_chance(r, 0.07))
		at = c->end + 600 + (int64_t)cs_rng_exp(r, 36000);
	if (at > 0 && follow(tw, p, at) != 0)
		return -1;

	/* a message left: an agent of the service often calls back */
	if (c->vm && c->vm_end - c->vm_start >= 15 && cs_rng_chance(r, 0.5) &&
	    c->truth.caller[0] != '\0') {
		int s = c->dialled_svc;
		int64_t when = c->end + 1800 + (int64_t)cs_rng_exp(r, 10800);
		struct pcall *q;

		if (s >= 0 && tw->pub.svc[s].nagents > 0 && when < tw->end_instant &&
		    cs_town_open(tw, s, when)) {
			if ((q = cs_town_pcall_new(tw, r, P_OUTBOUND, s, when)) == NULL)
				return -1;
			snprintf(q->outside, sizeof(q->outside), "%s", c->truth.caller);
			q->agent = tw->pub.svc[s].first_agent +
			    (int)cs_rng_range(r, 0, tw->pub.svc[s].nagents - 1);
			if (cs_town_push(tw, when, EV_ARRIVE, q, 0) != 0)
				return -1;
		}
	}
	return 0;
}

int
cs_town_emit(struct town *tw, struct pcall *p, struct cs_synth_call *c)
{
	if (c->dir == CS_SYNTH_INBOUND) {
		if (tw->golive > 0)
			cs_town_bot_plan(tw, p, c);
		decide(tw, c);
	}
	if ((tw->aw != NULL && cs_synth_asterisk_put(tw->aw, c) != 0) ||
	    (tw->gw != NULL && cs_synth_generic_put(tw->gw, c) != 0) || cs_synth_truth_put(tw->tw, c) != 0 ||
	    cs_synth_bot_put(tw->bw, c) != 0)
		return cs_error_set(tw->err, "out of memory");
	tw->st->calls++;
	if (c->dir == CS_SYNTH_INBOUND) {
		tw->st->inbound++;
		if (p->caller >= 0 && after(tw, p, c) != 0)
			return cs_error_set(tw->err, "out of memory");
	}
	return 0;
}
