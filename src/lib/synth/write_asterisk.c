/*
 * write_asterisk.c: a modelled call as an Asterisk 12+ PBX writes it, with
 * the settings of spec/example/calls.md ("The PBX behind these files"):
 * cdr_csv with unanswered = yes, one row per phone rung, every row carrying
 * the caller's uniqueid; queue_log from app_queue.
 *
 * What Asterisk does, and so what this writes:
 * - a row per party dialled; the first phone's row continues the caller's
 *   record (it starts when the call arrived, or at the bot's hand-over),
 *   each other phone's row starts when that phone was dialled;
 * - once the caller's channel is up (the welcome's Answer(), the bot),
 *   every later row has answer = its own start, whoever picked up: only
 *   the queue_log CONNECT tells the pick-up;
 * - a welcome message before Queue() has no row of its own;
 * - rows are written when the call ends, queue_log lines when each event
 *   happens: both go through a heap keyed by that instant and leave it
 *   once the simulation has passed it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

struct cs_synth_asterisk {
	const struct cs_synth_town *town;
	FILE *cdr, *qlog;
	char *cdr_path, *qlog_path;
	int columns, utc;
	struct cs_synth_heap hc, hq;
	char *buf;
	size_t len, cap;
	int oom;
	uint64_t sequence;
	long long bytes;
	long legs, events;
};

/* ---- a growing string ---- */

static void
grow(struct cs_synth_asterisk *w, size_t more)
{
	if (w->len + more + 1 <= w->cap)
		return;
	while (w->len + more + 1 > w->cap) {
		size_t cap = w->cap ? 2 * w->cap : 4096;
		char *b = realloc(w->buf, cap);

		if (b == NULL) {
			w->oom = 1;
			return;
		}
		w->buf = b;
		w->cap = cap;
	}
}

static void
add(struct cs_synth_asterisk *w, const char *s, size_t n)
{
	grow(w, n);
	if (w->oom)
		return;
	memcpy(w->buf + w->len, s, n);
	w->len += n;
}

/* A CSV string: quoted, inner quotes doubled. */
static void
addq(struct cs_synth_asterisk *w, const char *s)
{
	add(w, "\"", 1);
	for (const char *p = s; *p != '\0'; p++) {
		if (*p == '"')
			add(w, "\"", 1);
		add(w, p, 1);
	}
	add(w, "\"", 1);
}

static void
addi(struct cs_synth_asterisk *w, long long v)
{
	char tmp[24];
	int n = snprintf(tmp, sizeof(tmp), "%lld", v);

	add(w, tmp, (size_t)n);
}

/* ---- one CDR row ---- */

struct row {
	const char *src, *dst, *dcontext, *clid, *lastapp, *lastdata, *disposition;
	const char *userfield;	/* NULL: empty */
	char channel[80], dstchannel[80];
	int64_t start, answer, end;	/* answer 0: none */
};

static void
put_row(struct cs_synth_asterisk *w, const struct cs_synth_call *c,
    const struct row *r)
{
	char t[20], uid[48];

	snprintf(uid, sizeof(uid), "%lld.%llu", (long long)c->start,
	    (unsigned long long)c->chan);
	addq(w, "");
	add(w, ",", 1);
	addq(w, r->src);
	add(w, ",", 1);
	addq(w, r->dst);
	add(w, ",", 1);
	addq(w, r->dcontext);
	add(w, ",", 1);
	addq(w, r->clid);
	add(w, ",", 1);
	addq(w, r->channel);
	add(w, ",", 1);
	addq(w, r->dstchannel);
	add(w, ",", 1);
	addq(w, r->lastapp);
	add(w, ",", 1);
	addq(w, r->lastdata);
	add(w, ",", 1);
	cs_synth_format_time(r->start, w->utc, t);
	addq(w, t);
	add(w, ",", 1);
	if (r->answer > 0) {
		cs_synth_format_time(r->answer, w->utc, t);
		addq(w, t);
	}
	add(w, ",", 1);
	cs_synth_format_time(r->end, w->utc, t);
	addq(w, t);
	add(w, ",", 1);
	addi(w, r->end - r->start);
	add(w, ",", 1);
	addi(w, r->answer > 0 ? r->end - r->answer : 0);
	add(w, ",", 1);
	addq(w, r->disposition);
	add(w, ",", 1);
	addq(w, "DOCUMENTATION");
	if (w->columns >= 18) {
		add(w, ",", 1);
		addq(w, uid);
		add(w, ",", 1);
		addq(w, r->userfield != NULL ? r->userfield : "");
	}
	if (w->columns >= 21) {
		add(w, ",", 1);
		addq(w, "");
		add(w, ",", 1);
		addq(w, uid);
		add(w, ",", 1);
		addi(w, (long long)w->sequence++);
	}
	add(w, "\n", 1);
	w->legs++;
}

static void
chan_name(char out[80], const char *tech_peer, uint64_t n)
{
	snprintf(out, 80, "%s-%08llx", tech_peer, (unsigned long long)(n & 0xffffffffULL));
}

/* ---- queue_log ---- */

static int
put_event(struct cs_synth_asterisk *w, int64_t t, const struct cs_synth_call *c,
    const char *queue, const char *agent, const char *event, const char *data)
{
	char line[512];
	int n = snprintf(line, sizeof(line), "%lld|%lld.%llu|%s|%s|%s|%s\n",
	    (long long)t, (long long)c->start, (unsigned long long)c->chan, queue,
	    agent, event, data);

	if (n < 0 || (size_t)n >= sizeof(line))
		return -1;
	w->events++;
	return cs_synth_heap_push(&w->hq, t, line, (size_t)n);
}

static int
queue_events(struct cs_synth_asterisk *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	const char *q = tn->svc[c->queue].queue;
	char data[256], agent[64];
	long wait = (long)(c->q_at - c->q_enter);
	int rc = 0;

	snprintf(data, sizeof(data), "|%s|%d", c->number, c->q_pos);
	rc |= put_event(w, c->q_enter, c, q, "NONE", "ENTERQUEUE", data);
	if (c->q_exit == CS_SYNTH_Q_CONNECT) {
		const struct cs_synth_ring *r = &c->ring[c->winner];

		snprintf(agent, sizeof(agent), "PJSIP/%s", tn->agent[r->agent].ext);
		snprintf(data, sizeof(data), "%ld|%lld.%llu|%lld", wait,
		    (long long)r->dial, (unsigned long long)r->chan,
		    (long long)(c->q_at - r->dial));
		rc |= put_event(w, c->q_at, c, q, agent, "CONNECT", data);
		snprintf(data, sizeof(data), "%ld|%lld|%d", wait,
		    (long long)(c->end - c->q_at), c->q_pos);
		rc |= put_event(w, c->end, c, q, agent, c->q_agent_hangs_up ?
		    "COMPLETEAGENT" : "COMPLETECALLER", data);
		return rc;
	}
	for (int i = 0; i < c->nring; i++) {
		const struct cs_synth_ring *r = &c->ring[i];

		snprintf(agent, sizeof(agent), "PJSIP/%s", tn->agent[r->agent].ext);
		snprintf(data, sizeof(data), "%lld", (long long)(c->q_at - r->dial) * 1000);
		rc |= put_event(w, c->q_at, c, q, agent, c->q_exit == CS_SYNTH_Q_ABANDON ?
		    "RINGCANCELED" : "RINGNOANSWER", data);
	}
	snprintf(data, sizeof(data), "%d|%d|%ld", c->q_pos, c->q_pos, wait);
	rc |= put_event(w, c->q_at, c, q, "NONE", c->q_exit == CS_SYNTH_Q_ABANDON ?
	    "ABANDON" : c->q_exit == CS_SYNTH_Q_TIMEOUT ? "EXITWITHTIMEOUT" :
	    "EXITEMPTY", data);
	return rc;
}

/* ---- the rows of one call ---- */

static void
inbound_rows(struct cs_synth_asterisk *w, const struct cs_synth_call *c,
    const char *clid)
{
	const struct cs_synth_town *tn = w->town;
	const char *svcname = c->dialled_svc >= 0 ?
	    tn->svc[c->dialled_svc].cfg->name : "";
	char data[128];
	struct row r;

	memset(&r, 0, sizeof(r));
	r.src = c->number;
	r.clid = clid;
	r.dst = c->dialled;
	r.dcontext = "from-trunk";
	chan_name(r.channel, "PJSIP/trunk", c->chan);

	if (c->bot) {
		struct row b = r;

		if (tn->bot_chan[0] != '\0')
			snprintf(b.dstchannel, sizeof(b.dstchannel), "%s%08llx",
			    tn->bot_chan, (unsigned long long)(c->bot_chan & 0xffffffffULL));
		b.lastapp = tn->bot_app;
		b.lastdata = tn->bot_data;
		b.start = c->start;
		b.answer = c->bot_answer;
		b.end = c->bot_end;
		b.disposition = c->bot_answer > 0 ? "ANSWERED" : "NO ANSWER";
		/* the dialplan logs the bot leg's SIP Call-ID */
		b.userfield = c->sess.sip;
		put_row(w, c, &b);
	}
	if (c->closed_msg || c->welcome_only) {
		struct row a = r;

		if (c->closed_msg == 2) {
			a.lastapp = "VoiceMail";
			snprintf(data, sizeof(data), "%s@mairie,u", svcname);
		} else {
			a.lastapp = "Playback";
			snprintf(data, sizeof(data), "custom/%s-%s", c->welcome_only ?
			    "bienvenue" : "fermeture", svcname);
		}
		a.lastdata = data;
		a.start = a.answer = c->start;
		a.end = c->end;
		a.disposition = "ANSWERED";
		put_row(w, c, &a);
	}
	if (c->queue >= 0) {
		const struct cs_synth_service *sv = &tn->svc[c->queue];
		int pre = c->bot || c->welcome, first = -1;
		int64_t rec = c->bot ? c->bot_end : c->start;
		struct row q = r;

		snprintf(data, sizeof(data), "%s,t,,,%d", sv->queue, sv->timeout);
		q.lastapp = "Queue";
		q.lastdata = data;
		if (c->bot) {
			q.dst = sv->queue;
			q.dcontext = "bot-handover";
		}
		if (c->nring == 0) {
			q.start = rec;
			q.answer = pre ? rec : 0;
			q.end = c->q_at;
			q.disposition = pre ? "ANSWERED" : "NO ANSWER";
			put_row(w, c, &q);
		}
		for (int i = 0; i < c->nring; i++)
			if (first < 0 || c->ring[i].dial < c->ring[first].dial)
				first = i;
		for (int i = 0; i < c->nring; i++) {
			const struct cs_synth_ring *g = &c->ring[i];
			char peer[32];

			snprintf(peer, sizeof(peer), "PJSIP/%s", tn->agent[g->agent].ext);
			chan_name(q.dstchannel, peer, g->chan);
			q.start = i == first ? rec : g->dial;
			q.answer = pre ? q.start : i == c->winner ? g->answer : 0;
			q.end = g->end;
			q.disposition = i == c->winner ? "ANSWERED" : "NO ANSWER";
			put_row(w, c, &q);
		}
	}
	if (c->dial) {
		const struct cs_synth_agent *a = &tn->agent[c->dial_agent];
		struct row d = r;
		char peer[32], vmdata[96];

		snprintf(peer, sizeof(peer), "PJSIP/%s", a->ext);
		chan_name(d.dstchannel, peer, c->d_chan);
		d.lastapp = "Dial";
		snprintf(data, sizeof(data), "PJSIP/%s,%d", a->ext, c->d_timeout);
		d.lastdata = data;
		d.start = c->start;
		d.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
		d.end = c->d_end;
		d.disposition = c->d_result == CS_SYNTH_D_ANSWER ? "ANSWERED" :
		    c->d_result == CS_SYNTH_D_BUSY ? "BUSY" : "NO ANSWER";
		put_row(w, c, &d);
		if (c->vm) {
			struct row v = r;

			v.lastapp = "VoiceMail";
			snprintf(vmdata, sizeof(vmdata), "%s@%s,u", a->ext,
			    tn->svc[a->svc].cfg->name);
			v.lastdata = vmdata;
			v.start = v.answer = c->vm_start;
			v.end = c->vm_end;
			v.disposition = "ANSWERED";
			put_row(w, c, &v);
		}
	}
}

static void
staff_rows(struct cs_synth_asterisk *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	const char *main_did = tn->svc[tn->main_svc].did;
	char clid[160], data[96], peer[32];
	struct row r;

	memset(&r, 0, sizeof(r));
	snprintf(peer, sizeof(peer), "PJSIP/%s", c->from_ext);
	chan_name(r.channel, peer, c->chan);
	r.dcontext = "from-internal";
	r.lastapp = "Dial";
	r.lastdata = data;
	r.dst = c->dialled;
	if (c->dir == CS_SYNTH_INTERNAL) {
		snprintf(clid, sizeof(clid), "\"Poste %s\" <%s>", c->from_ext, c->from_ext);
		r.src = c->from_ext;
		snprintf(peer, sizeof(peer), "PJSIP/%s", c->dialled);
		chan_name(r.dstchannel, peer, c->d_chan);
		snprintf(data, sizeof(data), "PJSIP/%s,%d", c->dialled, c->d_timeout);
	} else {
		/* the dialplan presents the town's main number */
		snprintf(clid, sizeof(clid), "\"%s\" <%s>", tn->commune, main_did);
		r.src = main_did;
		chan_name(r.dstchannel, "PJSIP/trunk", c->d_chan);
		snprintf(data, sizeof(data), "PJSIP/%s@trunk,%d", c->dialled, c->d_timeout);
	}
	r.clid = clid;
	r.start = c->start;
	r.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
	r.end = c->d_end;
	r.disposition = c->d_result == CS_SYNTH_D_ANSWER ? "ANSWERED" :
	    c->d_result == CS_SYNTH_D_BUSY ? "BUSY" : "NO ANSWER";
	put_row(w, c, &r);
}

int
cs_synth_asterisk_put(struct cs_synth_asterisk *w, const struct cs_synth_call *c)
{
	w->len = 0;
	if (c->dir == CS_SYNTH_INBOUND) {
		char clid[160];

		snprintf(clid, sizeof(clid), "\"%s\" <%s>", c->name, c->number);
		inbound_rows(w, c, clid);
		if (c->queue >= 0 && queue_events(w, c) != 0)
			return -1;
	} else
		staff_rows(w, c);
	if (w->oom)
		return -1;
	return cs_synth_heap_push(&w->hc, c->end, w->buf, w->len);
}

int
cs_synth_asterisk_advance(struct cs_synth_asterisk *w, int64_t now)
{
	int rc = 0;

	rc |= cs_synth_heap_flush(&w->hc, now, w->cdr, &w->bytes);
	rc |= cs_synth_heap_flush(&w->hq, now, w->qlog, &w->bytes);
	return rc;
}

struct cs_synth_asterisk *
cs_synth_asterisk_open(const struct cs_synth_town *town, const char *dir,
    int columns, int utc, int64_t first, struct cs_error *err)
{
	struct cs_synth_asterisk *w = calloc(1, sizeof(*w));
	char line[64];
	int n;

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	w->columns = columns;
	w->utc = utc;
	w->sequence = 1;
	if ((w->cdr = cs_synth_create(dir, "Master.csv", &w->cdr_path, err)) == NULL ||
	    (w->qlog = cs_synth_create(dir, "queue_log", &w->qlog_path, err)) == NULL) {
		cs_synth_asterisk_close(w, NULL, NULL);
		return NULL;
	}
	/* the logger starting, as every queue_log begins */
	n = snprintf(line, sizeof(line), "%lld|NONE|NONE|NONE|QUEUESTART|\n",
	    (long long)first);
	fwrite(line, 1, (size_t)n, w->qlog);
	w->bytes += n;
	return w;
}

int
cs_synth_asterisk_close(struct cs_synth_asterisk *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc = 0;

	if (w == NULL)
		return 0;
	if (w->cdr != NULL && w->qlog != NULL && err != NULL) {
		if (cs_synth_heap_flush(&w->hc, INT64_MAX, w->cdr, &w->bytes) != 0 ||
		    cs_synth_heap_flush(&w->hq, INT64_MAX, w->qlog, &w->bytes) != 0)
			rc = -1;
	}
	if (w->cdr != NULL && (ferror(w->cdr) | fclose(w->cdr)) != 0 && rc == 0) {
		cs_error_set(err, "%s: write error: %s", w->cdr_path, strerror(errno));
		rc = -1;
	}
	if (w->qlog != NULL && (ferror(w->qlog) | fclose(w->qlog)) != 0 && rc == 0) {
		cs_error_set(err, "%s: write error: %s", w->qlog_path, strerror(errno));
		rc = -1;
	}
	if (rc != 0 && err != NULL && err->msg[0] == '\0')
		cs_error_set(err, "write error");
	if (st != NULL) {
		st->legs += w->legs;
		st->events += w->events;
		st->bytes += w->bytes;
	}
	cs_synth_heap_release(&w->hc);
	cs_synth_heap_release(&w->hq);
	free(w->buf);
	free(w->cdr_path);
	free(w->qlog_path);
	free(w);
	return rc;
}
