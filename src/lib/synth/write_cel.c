/*
 * write_cel.c: a modelled call as an Asterisk 12+ PBX logs it in CEL
 * (cel_custom's legacy mapping, events=ALL, apps=all, eventtime as
 * epoch.usec), into DIRECTORY/cel.csv: the same calls, channels and
 * uniqueids as write_asterisk.c writes in Master.csv and queue_log.
 *
 * Each event is written when it happens: the events go through a heap
 * keyed by their instant and leave it once the simulation has passed it
 * (events of one instant keep the order they were made in).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

struct cs_synth_cel {
	const struct cs_synth_town *town;
	FILE *fp;
	char *path;
	struct cs_synth_heap h;
	long long bytes;
	long events;
	int oom;
};

/* A channel of the call, as its events show it. */
struct chan {
	char name[80], uid[48];
	const char *exten, *context, *num, *name_id, *userfield;
};

struct call {
	struct cs_synth_cel *w;
	const struct cs_synth_call *c;
	char linkedid[48];
	long usec;
};

/* Appends s, quoted as CSV_QUOTE does, and a comma unless last. */
static size_t
q(char *out, size_t n, size_t at, const char *s, int last)
{
	if (at < n)
		out[at] = '"';
	at++;
	for (; *s != '\0'; s++) {
		if (*s == '"') {
			if (at < n)
				out[at] = '"';
			at++;
		}
		if (at < n)
			out[at] = *s;
		at++;
	}
	if (at < n)
		out[at] = '"';
	at++;
	if (!last) {
		if (at < n)
			out[at] = ',';
		at++;
	}
	return at;
}

/* One event of channel h at t: app and data the application h runs,
 * peer its bridge's other channel, extra the event's. */
static void
ev(struct call *k, const char *type, int64_t t, const struct chan *h,
    const char *app, const char *data, const char *peer, const char *extra)
{
	char line[1024], tm[40];
	size_t at = 0;
	const char *f[20];

	snprintf(tm, sizeof(tm), "%lld.%06ld", (long long)t, k->usec++ % 1000000);
	f[0] = type;
	f[1] = tm;
	f[2] = h->name_id;
	f[3] = h->num;
	f[4] = h->num;
	f[5] = "";
	f[6] = "";
	f[7] = h->exten;
	f[8] = h->context;
	f[9] = h->name;
	f[10] = app;
	f[11] = data;
	f[12] = "3";
	f[13] = "";
	f[14] = h->uid;
	f[15] = k->linkedid;
	f[16] = peer;
	f[17] = h->userfield;
	f[18] = "";
	f[19] = extra;
	for (int i = 0; i < 20; i++)
		at = q(line, sizeof(line) - 1, at, f[i], i == 19);
	if (at >= sizeof(line) - 1) {
		k->w->oom = 1;
		return;
	}
	line[at++] = '\n';
	if (cs_synth_heap_push(&k->w->h, t, line, at) != 0)
		k->w->oom = 1;
	k->w->events++;
}

static void
hangup(struct call *k, int64_t t, const struct chan *h, const char *app,
    const char *data, int cause, const char *source)
{
	char x[192];

	snprintf(x, sizeof(x), "{\"hangupcause\":%d,\"hangupsource\":\"%s\","
	    "\"dialstatus\":\"\"}", cause, source);
	ev(k, "HANGUP", t, h, app, data, "", x);
	ev(k, "CHAN_END", t, h, app, data, "", "");
}

static void
chan(struct chan *h, const char *tech_peer, uint64_t n, int64_t made,
    const struct chan *like)
{
	*h = *like;
	snprintf(h->name, sizeof(h->name), "%s-%08llx", tech_peer,
	    (unsigned long long)(n & 0xffffffffULL));
	snprintf(h->uid, sizeof(h->uid), "%lld.%llu", (long long)made,
	    (unsigned long long)n);
	h->userfield = "";
}

/* A party B dialled by A running app(data) from t0: rings, maybe
 * answers at ans and is bridged until end (hung up by who: 0 B, 1 A). */
static void
dialled(struct call *k, struct chan *a, struct chan *b, const char *app,
    const char *data, const char *bapp, int64_t t0, int64_t ans, int64_t end,
    int cause)
{
	ev(k, "CHAN_START", t0, b, "", "", "", "");
	if (ans > 0) {
		ev(k, "ANSWER", ans, b, bapp, "(Outgoing Line)", "", "");
		ev(k, "BRIDGE_ENTER", ans, b, bapp, "(Outgoing Line)", "", "");
		ev(k, "BRIDGE_ENTER", ans, a, app, data, b->name, "");
		ev(k, "BRIDGE_EXIT", end, a, app, data, b->name, "");
		ev(k, "BRIDGE_EXIT", end, b, bapp, "(Outgoing Line)", a->name, "");
	}
	hangup(k, end, b, bapp, "(Outgoing Line)", cause, b->name);
}

/* The call's Dial(data) from its start: b answers at d_answer, is busy,
 * or rings unanswered, until d_end. */
static void
dial(struct call *k, struct chan *a, struct chan *b, const char *data)
{
	const struct cs_synth_call *c = k->c;
	int answered = c->d_result == CS_SYNTH_D_ANSWER;

	ev(k, "APP_START", c->start, a, "Dial", data, "", "");
	if (answered)
		ev(k, "ANSWER", c->d_answer, a, "Dial", data, "", "");
	dialled(k, a, b, "Dial", data, "AppDial", c->start,
	    answered ? c->d_answer : 0, c->d_end,
	    c->d_result == CS_SYNTH_D_BUSY ? 17 : answered ? 16 : 19);
	ev(k, "APP_END", c->d_end, a, "Dial", data, "", "");
}

static void
inbound(struct call *k)
{
	const struct cs_synth_call *c = k->c;
	const struct cs_synth_town *tn = k->w->town;
	const char *svcname = c->dialled_svc >= 0 ?
	    tn->svc[c->dialled_svc].cfg->name : "";
	struct chan a, b;
	char data[128];
	int done = 0;

	memset(&a, 0, sizeof(a));
	a.exten = c->dialled;
	a.context = "from-trunk";
	a.num = c->number;
	a.name_id = c->name != NULL ? c->name : "";
	chan(&a, "PJSIP/trunk", c->chan, c->start, &a);
	snprintf(a.uid, sizeof(a.uid), "%lld.%llu", (long long)c->start,
	    (unsigned long long)c->chan);
	snprintf(k->linkedid, sizeof(k->linkedid), "%s", a.uid);
	ev(k, "CHAN_START", c->start, &a, "", "", "", "");

	if (c->bot) {
		ev(k, "APP_START", c->start, &a, tn->bot_app, tn->bot_data, "", "");
		if (tn->bot_chan[0] != '\0') {
			memset(&b, 0, sizeof(b));
			snprintf(b.name, sizeof(b.name), "%s%08llx", tn->bot_chan,
			    (unsigned long long)(c->bot_chan & 0xffffffffULL));
			snprintf(b.uid, sizeof(b.uid), "%lld.%llu",
			    (long long)c->start, (unsigned long long)c->bot_chan);
			b.exten = a.exten;
			b.context = a.context;
			b.num = a.num;
			b.name_id = a.name_id;
			b.userfield = c->sess.sip;
			if (c->bot_answer > 0)
				ev(k, "ANSWER", c->bot_answer, &a, tn->bot_app,
				    tn->bot_data, "", "");
			dialled(k, &a, &b, tn->bot_app, tn->bot_data, "AppDial",
			    c->start, c->bot_answer, c->bot_end, 16);
		} else if (c->bot_answer > 0)
			ev(k, "ANSWER", c->bot_answer, &a, tn->bot_app,
			    tn->bot_data, "", "");
		ev(k, "APP_END", c->bot_end, &a, tn->bot_app, tn->bot_data, "", "");
	}
	if (c->closed_msg || c->welcome_only) {
		const char *app = c->closed_msg == 2 ? "VoiceMail" : "Playback";

		if (c->closed_msg == 2)
			snprintf(data, sizeof(data), "%s@mairie,u", svcname);
		else
			snprintf(data, sizeof(data), "custom/%s-%s", c->welcome_only ?
			    "bienvenue" : "fermeture", svcname);
		ev(k, "APP_START", c->start, &a, app, data, "", "");
		ev(k, "ANSWER", c->start, &a, app, data, "", "");
		hangup(k, c->end, &a, app, data, 16, a.name);
		done = 1;
	}
	if (c->queue >= 0) {
		const struct cs_synth_service *sv = &tn->svc[c->queue];

		if (c->welcome && !c->bot) {
			snprintf(data, sizeof(data), "custom/bienvenue-%s",
			    sv->cfg->name);
			ev(k, "ANSWER", c->start, &a, "Answer", "", "", "");
			ev(k, "APP_START", c->start, &a, "Playback", data, "", "");
			ev(k, "APP_END", c->q_enter, &a, "Playback", data, "", "");
		}
		if (c->bot) {
			a.exten = sv->queue;
			a.context = "bot-handover";
		}
		snprintf(data, sizeof(data), "%s,t,,,%d", sv->queue, sv->timeout);
		ev(k, "APP_START", c->q_enter, &a, "Queue", data, "", "");
		for (int i = 0; i < c->nring; i++) {
			const struct cs_synth_ring *g = &c->ring[i];
			char peer[32];

			snprintf(peer, sizeof(peer), "PJSIP/%s", tn->agent[g->agent].ext);
			chan(&b, peer, g->chan, g->dial, &a);
			if (i == c->winner)
				continue;
			ev(k, "CHAN_START", g->dial, &b, "", "", "", "");
			hangup(k, g->end, &b, "AppQueue", "(Outgoing Line)",
			    c->q_exit == CS_SYNTH_Q_CONNECT ? 26 : 16, a.name);
		}
		if (c->q_exit == CS_SYNTH_Q_CONNECT) {
			const struct cs_synth_ring *g = &c->ring[c->winner];
			char peer[32];

			snprintf(peer, sizeof(peer), "PJSIP/%s", tn->agent[g->agent].ext);
			chan(&b, peer, g->chan, g->dial, &a);
			ev(k, "CHAN_START", g->dial, &b, "", "", "", "");
			ev(k, "ANSWER", g->answer, &b, "AppQueue", "(Outgoing Line)", "", "");
			ev(k, "BRIDGE_ENTER", c->q_at, &b, "AppQueue", "(Outgoing Line)", "", "");
			ev(k, "BRIDGE_ENTER", c->q_at, &a, "Queue", data, b.name, "");
			ev(k, "BRIDGE_EXIT", c->end, &a, "Queue", data, b.name, "");
			ev(k, "BRIDGE_EXIT", c->end, &b, "AppQueue", "(Outgoing Line)", a.name, "");
			if (c->q_agent_hangs_up) {
				hangup(k, c->end, &b, "AppQueue", "(Outgoing Line)",
				    16, b.name);
				hangup(k, c->end, &a, "Queue", data, 16, b.name);
			} else {
				hangup(k, c->end, &a, "Queue", data, 16, a.name);
				hangup(k, c->end, &b, "AppQueue", "(Outgoing Line)",
				    16, a.name);
			}
		} else if (c->q_exit == CS_SYNTH_Q_ABANDON) {
			hangup(k, c->q_at, &a, "Queue", data, 16, a.name);
		} else {
			/* timeout, or no one logged in: the dialplan ends */
			ev(k, "APP_END", c->q_at, &a, "Queue", data, "", "");
			hangup(k, c->end, &a, "", "", 16, "dialplan/builtin");
		}
		done = 1;
	}
	if (c->dial) {
		const struct cs_synth_agent *ag = &tn->agent[c->dial_agent];
		char peer[32];

		snprintf(peer, sizeof(peer), "PJSIP/%s", ag->ext);
		snprintf(data, sizeof(data), "PJSIP/%s,%d", ag->ext, c->d_timeout);
		chan(&b, peer, c->d_chan, c->start, &a);
		dial(k, &a, &b, data);
		if (c->vm) {
			char vm[96];

			snprintf(vm, sizeof(vm), "%s@%s,u", ag->ext,
			    tn->svc[ag->svc].cfg->name);
			ev(k, "APP_START", c->vm_start, &a, "VoiceMail", vm, "", "");
			ev(k, "ANSWER", c->vm_start, &a, "VoiceMail", vm, "", "");
			hangup(k, c->vm_end, &a, "VoiceMail", vm, 16, a.name);
		} else
			hangup(k, c->d_end, &a, "", "", 16, a.name);
		done = 1;
	}
	if (!done)
		hangup(k, c->end, &a, "", "", 16, a.name);
}

static void
staff(struct call *k)
{
	const struct cs_synth_call *c = k->c;
	const struct cs_synth_town *tn = k->w->town;
	char peer[32], data[96], idname[80];
	struct chan a, b;

	memset(&a, 0, sizeof(a));
	a.exten = c->dialled;
	a.context = "from-internal";
	snprintf(peer, sizeof(peer), "PJSIP/%s", c->from_ext);
	if (c->dir == CS_SYNTH_INTERNAL) {
		snprintf(idname, sizeof(idname), "Poste %s", c->from_ext);
		a.num = c->from_ext;
	} else {
		/* the dialplan presents the town's main number */
		snprintf(idname, sizeof(idname), "%s", tn->commune);
		a.num = tn->svc[tn->main_svc].did;
	}
	a.name_id = idname;
	chan(&a, peer, c->chan, c->start, &a);
	snprintf(k->linkedid, sizeof(k->linkedid), "%s", a.uid);
	if (c->dir == CS_SYNTH_INTERNAL) {
		snprintf(peer, sizeof(peer), "PJSIP/%s", c->dialled);
		snprintf(data, sizeof(data), "PJSIP/%s,%d", c->dialled, c->d_timeout);
	} else {
		snprintf(peer, sizeof(peer), "PJSIP/trunk");
		snprintf(data, sizeof(data), "PJSIP/%s@trunk,%d", c->dialled,
		    c->d_timeout);
	}
	chan(&b, peer, c->d_chan, c->start, &a);
	ev(k, "CHAN_START", c->start, &a, "", "", "", "");
	dial(k, &a, &b, data);
	hangup(k, c->d_end, &a, "", "", 16, a.name);
}

int
cs_synth_cel_put(struct cs_synth_cel *w, const struct cs_synth_call *c)
{
	struct call k;

	memset(&k, 0, sizeof(k));
	k.w = w;
	k.c = c;
	if (c->dir == CS_SYNTH_INBOUND)
		inbound(&k);
	else
		staff(&k);
	return w->oom ? -1 : 0;
}

int
cs_synth_cel_advance(struct cs_synth_cel *w, int64_t now)
{
	return cs_synth_heap_flush(&w->h, now, w->fp, &w->bytes);
}

struct cs_synth_cel *
cs_synth_cel_open(const struct cs_synth_town *town, const char *dir,
    struct cs_error *err)
{
	struct cs_synth_cel *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	if ((w->fp = cs_synth_create(dir, "cel.csv", &w->path, err)) == NULL) {
		free(w);
		return NULL;
	}
	return w;
}

int
cs_synth_cel_close(struct cs_synth_cel *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	/* the summary counts Master.csv's rows and queue_log's events */
	rc = cs_synth_finish(w->fp, &w->h, &w->bytes, st != NULL ? &st->bytes :
	    NULL, w->path, err);
	free(w->path);
	free(w);
	return rc;
}
