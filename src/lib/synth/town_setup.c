/* town_setup.c: the town from the configuration (town.h). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"
#include "town.h"

/* Writes the glob did with its trailing '?' replaced by the ext's digits. */
int
cs_town_direct_did(const char *glob, const char *ext, char out[24])
{
	size_t n = strlen(glob), q = 0, el = strlen(ext);

	if (n >= 24 || strchr(glob, '*') != NULL)
		return -1;
	while (q < n && glob[n - 1 - q] == '?')
		q++;
	if (q == 0 || q > el || memchr(glob, '?', n - q) != NULL)
		return -1;
	memcpy(out, glob, n - q);
	memcpy(out + n - q, ext + el - q, q);
	out[n] = '\0';
	return 0;
}


static const char *
first_term(const struct cs_match *m, enum cs_term_kind kind, int literal)
{
	for (size_t i = 0; i < m->n; i++)
		if (m->t[i].kind == kind && (!literal ||
		    strpbrk(m->t[i].value, "*?[") == NULL))
			return m->t[i].value;
	return NULL;
}

static double
default_share(enum cs_synth_kind k)
{
	static const double share[] = { 0.10, 0.40, 0.22, 0.12, 0.12, 0.14 };

	return share[k];
}

static double
default_talk(enum cs_synth_kind k)
{
	static const double talk[] = { 150, 95, 165, 250, 140, 280 };

	return talk[k];
}

/* Seconds a service is open on an ordinary Tuesday (or office hours). */
static long
open_secs(const struct cs_service *cs)
{
	int from[CS_HOURS_MAX], to[CS_HOURS_MAX];
	int n = cs_town_work_ranges(cs, 1, from, to);
	long t = 0;

	for (int i = 0; i < n; i++)
		t += to[i] - from[i];
	return t > 0 ? t : 25200;
}

/* The services: their numbers, queues, voicemail and share of the calls. */
static int
setup_services(struct town *tw, const struct cs_config *cfg)
{
	struct cs_synth_town *pt = &tw->pub;

	pt->main_svc = -1;
	if ((pt->svc = calloc(cfg->nservices + 1, sizeof(*pt->svc))) == NULL)
		return cs_error_set(tw->err, "out of memory");
	for (size_t i = 0; i < cfg->nservices; i++) {
		const struct cs_service *cs = &cfg->services[i];
		struct cs_synth_service *sv = &pt->svc[pt->nsvc];
		const char *v;

		sv->cfg = cs;
		sv->index = (int)i;
		sv->kind = cs_synth_kind_of(cs->name);
		sv->share = default_share(sv->kind);
		sv->talk_median = default_talk(sv->kind);
		sv->timeout = 120;
		if ((v = first_term(&cs->match, CS_TERM_DID, 1)) != NULL) {
			if (cs_config_service_by(cfg, CS_TERM_DID, v) != (int)i)
				return cs_error_set(tw->err, "service %s: its number %s "
				    "belongs to an earlier service", cs->name, v);
			snprintf(sv->did, sizeof(sv->did), "%s", v);
		}
		for (size_t k = 0; k < cs->match.n; k++) {
			const struct cs_term *t = &cs->match.t[k];

			if (t->kind == CS_TERM_DID && strchr(t->value, '?') != NULL &&
			    cs_town_direct_did(t->value, "0000000000", sv->direct) == 0) {
				snprintf(sv->direct, sizeof(sv->direct), "%s", t->value);
				break;
			}
		}
		if ((v = first_term(&cs->match, CS_TERM_QUEUE, 1)) != NULL) {
			if (cs_config_service_by(cfg, CS_TERM_QUEUE, v) != (int)i)
				return cs_error_set(tw->err, "service %s: queue %s "
				    "belongs to an earlier service", cs->name, v);
			snprintf(sv->queue, sizeof(sv->queue), "%s", v);
		}
		/* every service with a number takes calls; the first with
		 * a number and a queue is the main number */
		if (pt->main_svc < 0 && sv->did[0] != '\0' && sv->queue[0] != '\0')
			pt->main_svc = pt->nsvc;
		sv->voicemail = pt->nsvc != 0 && (i % 2 == 1);
		pt->nsvc++;
	}
	if (pt->main_svc < 0)
		return cs_error_set(tw->err, "%s: no service has both a did: number "
		    "and a queue: to be the town's main number", cfg->path);
	pt->svc[pt->main_svc].voicemail = 0;
	pt->svc[pt->main_svc].share += 0.05;
	for (int s = 0; s < pt->nsvc; s++)
		tw->total_share += pt->svc[s].share;
	return 0;
}

/* The agents: enough for the expected load of a busy morning, each on an
 * extension of its service. */
static int
setup_agents(struct town *tw, const struct cs_synth_opts *o)
{
	const struct cs_config *cfg = o->cfg;
	struct cs_synth_town *pt = &tw->pub;
	int nag = 0;

	for (int s = 0; s < pt->nsvc; s++) {
		struct cs_synth_service *sv = &pt->svc[s];
		double calls = o->calls_per_day * sv->share / tw->total_share * 1.25;
		double aht = sv->talk_median * 1.28 + 45;
		double erl = calls * aht / (double)open_secs(sv->cfg) * 1.8;
		int want = o->agents > 0 ? o->agents : (int)ceil(erl * o->staffing);

		if (want < 1)
			want = 1;
		if (want > CS_SYNTH_MAXRING)
			want = CS_SYNTH_MAXRING;
		sv->nagents = want;
	}
	for (int s = 0; s < pt->nsvc; s++)
		nag += pt->svc[s].nagents;
	if ((pt->agent = calloc((size_t)nag + 1, sizeof(*pt->agent))) == NULL)
		return cs_error_set(tw->err, "out of memory");
	for (int s = 0; s < pt->nsvc; s++) {
		struct cs_synth_service *sv = &pt->svc[s];
		const struct cs_term *range = NULL;
		int got = 0;

		for (size_t k = 0; k < sv->cfg->match.n && range == NULL; k++)
			if (sv->cfg->match.t[k].kind == CS_TERM_EXT)
				range = &sv->cfg->match.t[k];
		sv->first_agent = pt->nagents;
		if (range == NULL || sv->queue[0] == '\0') {
			sv->nagents = 0;
			sv->direct[0] = '\0';
			continue;
		}
		for (long e = range->range ? range->lo : range->lo;
		    e <= (range->range ? range->hi : range->lo) && got < sv->nagents; e++) {
			char ext[16];
			struct cs_synth_agent *a = &pt->agent[pt->nagents];

			if (range->range && e % 100 == 0 && e < range->hi)
				continue;	/* 2100 is no one's phone */
			snprintf(ext, sizeof(ext), "%ld", e);
			if (cs_config_service_by(cfg, CS_TERM_EXT, ext) != sv->index)
				continue;
			snprintf(a->ext, sizeof(a->ext), "%s", ext);
			a->svc = s;
			a->absent_day = -1;
			cs_rng_seed(&a->rng, cs_synth_mix(o->seed ^ 0xa9e47ULL,
			    (uint64_t)pt->nagents));
			if (sv->direct[0] != '\0') {
				char did[24];

				if (cs_town_direct_did(sv->direct, ext, did) != 0 ||
				    cs_config_service_by(cfg, CS_TERM_DID, did) != sv->index)
					sv->direct[0] = '\0';
			}
			pt->nagents++;
			got++;
		}
		sv->nagents = got;
		if (got == 0)
			sv->direct[0] = '\0';
	}
	return 0;
}

/* The bot: how its legs look, from [bot] match, and when it went live. */
static int
setup_bot(struct town *tw, const struct cs_config *cfg)
{
	struct cs_synth_town *pt = &tw->pub;

	if (cfg->bot.n > 0 && cfg->go_live[0] != '\0') {
		const char *ch = first_term(&cfg->bot, CS_TERM_CHANNEL, 0);
		const char *app = first_term(&cfg->bot, CS_TERM_APP, 1);
		struct cs_datetime dt;
		int64_t t[2];

		if (ch != NULL) {
			size_t n = strcspn(ch, "*?[");

			snprintf(pt->bot_chan, sizeof(pt->bot_chan), "%.*s", (int)n, ch);
			snprintf(pt->bot_data, sizeof(pt->bot_data), "%.*s",
			    (int)(n > 0 && ch[n - 1] == '-' ? n - 1 : n), ch);
			snprintf(pt->bot_app, sizeof(pt->bot_app), "Dial");
		} else if (app != NULL) {
			snprintf(pt->bot_app, sizeof(pt->bot_app), "%s", app);
			snprintf(pt->bot_data, sizeof(pt->bot_data),
			    "40325ec2-5efd-4bd3-805f-53576e581d13,bot:9092");
		} else
			return cs_error_set(tw->err, "%s: [bot] match needs a channel: "
			    "or app: term for synth to draw the bot's legs", cfg->path);
		if (cs_date_parse(cfg->go_live, &dt) != 0)
			return cs_error_set(tw->err, "bad go_live '%s'", cfg->go_live);
		cs_local_to_utc(&dt, t);
		tw->golive = t[0];
	}
	return 0;
}

int
cs_town_setup(struct town *tw, const struct cs_synth_opts *o)
{
	const struct cs_config *cfg = o->cfg;

	tw->pub.cfg = cfg;
	tw->pub.commune = cfg->name != NULL && cfg->name[0] != '\0' ?
	    cfg->name : "Mairie";
	if (setup_services(tw, cfg) != 0 || setup_agents(tw, o) != 0 ||
	    setup_bot(tw, cfg) != 0)
		return -1;
	return 0;
}
