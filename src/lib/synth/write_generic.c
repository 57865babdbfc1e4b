/*
 * write_generic.c: a modelled call as a hosted service's CSV export reads
 * with callstat-import --format generic-csv:synth (the [format synth]
 * section of tests/data/generic-town.conf): a header, then one row per leg
 * of the call, the legs of a call sharing its call_id, written when the
 * call ends.  The same calls as write_asterisk.c writes, said as such an
 * export says them: each leg's own answer time (not the caller's channel's),
 * who answered (agent, bot, system), and how it ended, the queue's exit
 * included (abandoned, timeout, empty), instead of a queue_log.
 *
 * What such an export cannot say, this does not: no dial plan (a welcome
 * the caller hung up in is a leg nobody answered, which the caller
 * abandoned).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define HEADER "call_id,started_at,answered_at,ended_at,caller,dialled," \
	"destination,queue,answered_by,disposition,sip_call_id\n"

struct cs_synth_generic {
	const struct cs_synth_town *town;
	struct cs_synth_out o;	/* its file */
	int utc;
	long legs;
};

struct grow {
	const char *caller, *dialled, *queue, *by, *disp;
	const char *sip;	/* the leg's SIP Call-ID, NULL none */
	char dest[80];
	int64_t start, answer, end;	/* answer 0: none */
};

static void
add(struct cs_synth_generic *w, const char *s)
{
	cs_synth_out_add(&w->o, s, strlen(s));
}

static void
add_time(struct cs_synth_generic *w, int64_t t)
{
	char s[20];

	if (t > 0) {
		cs_synth_format_time(t, w->utc, s);
		add(w, s);
	}
	add(w, ",");
}

static void
put_row(struct cs_synth_generic *w, const struct cs_synth_call *c,
    const struct grow *r)
{
	char id[48];

	snprintf(id, sizeof(id), "%lld.%llu,", (long long)c->start,
	    (unsigned long long)c->chan);
	add(w, id);
	add_time(w, r->start);
	add_time(w, r->answer);
	add_time(w, r->end);
	add(w, r->caller);
	add(w, ",");
	add(w, r->dialled);
	add(w, ",");
	add(w, r->dest);
	add(w, ",");
	add(w, r->queue != NULL ? r->queue : "");
	add(w, ",");
	add(w, r->by != NULL ? r->by : "");
	add(w, ",");
	add(w, r->disp);
	add(w, ",");
	add(w, r->sip != NULL ? r->sip : "");
	add(w, "\n");
	w->legs++;
}

/* How a queue's leg that no one answered ended: the queue's exit. */
static const char *
queue_exit(const struct cs_synth_call *c)
{
	return c->q_exit == CS_SYNTH_Q_CONNECT ? "no_answer" :
	    c->q_exit == CS_SYNTH_Q_ABANDON ? "abandoned" :
	    c->q_exit == CS_SYNTH_Q_TIMEOUT ? "timeout" : "empty";
}

static void
queue_rows(struct cs_synth_generic *w, const struct cs_synth_call *c,
    struct grow r)
{
	const struct cs_synth_town *tn = w->town;
	const struct cs_synth_service *sv = &tn->svc[c->queue];
	int64_t rec = c->bot ? c->bot_end : c->start;
	int first = -1;

	r.queue = sv->queue;
	if (c->bot)
		r.dialled = sv->queue;	/* the bot's hand-over */
	if (c->nring == 0) {
		r.start = rec;
		r.answer = 0;
		r.end = c->q_at;
		r.disp = queue_exit(c);
		put_row(w, c, &r);
		return;
	}
	for (int i = 0; i < c->nring; i++)
		if (first < 0 || c->ring[i].dial < c->ring[first].dial)
			first = i;
	for (int i = 0; i < c->nring; i++) {
		const struct cs_synth_ring *g = &c->ring[i];
		int won = i == c->winner;

		snprintf(r.dest, sizeof(r.dest), "%s", tn->agent[g->agent].ext);
		r.start = i == first ? rec : g->dial;
		r.answer = won ? g->answer : 0;
		r.end = g->end;
		r.by = won ? "agent" : NULL;
		r.disp = won ? "answered" : queue_exit(c);
		put_row(w, c, &r);
	}
}

static void
inbound_rows(struct cs_synth_generic *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	struct grow r;

	memset(&r, 0, sizeof(r));
	r.caller = c->number;
	r.dialled = c->dialled;
	if (c->bot) {
		struct grow b = r;

		if (tn->bot_chan[0] != '\0')
			snprintf(b.dest, sizeof(b.dest), "%s%08llx", tn->bot_chan,
			    (unsigned long long)(c->bot_chan & 0xffffffffULL));
		b.start = c->start;
		b.answer = c->bot_answer;
		b.end = c->bot_end;
		b.by = c->bot_answer > 0 ? "bot" : NULL;
		b.disp = c->bot_answer > 0 ? "answered" : "no_answer";
		/* the service logs the bot leg's SIP Call-ID */
		b.sip = c->sess.sip[0] != '\0' ? c->sess.sip : NULL;
		put_row(w, c, &b);
	}
	if (c->closed_msg || c->welcome_only) {
		struct grow a = r;

		a.start = c->start;
		a.end = c->end;
		if (c->closed_msg) {
			/* the closed message, or the voicemail box */
			a.answer = c->start;
			a.by = "system";
			a.disp = "answered";
		} else {
			/* hung up during the welcome: no one answered */
			a.disp = "abandoned";
		}
		put_row(w, c, &a);
	}
	if (c->queue >= 0)
		queue_rows(w, c, r);
	if (c->dial) {
		struct grow d = r;

		snprintf(d.dest, sizeof(d.dest), "%s", tn->agent[c->dial_agent].ext);
		d.start = c->start;
		d.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
		d.end = c->d_end;
		d.by = d.answer > 0 ? "agent" : NULL;
		d.disp = d.answer > 0 ? "answered" :
		    c->d_result == CS_SYNTH_D_BUSY ? "busy" : "no_answer";
		put_row(w, c, &d);
		if (c->vm) {
			struct grow v = r;

			v.start = v.answer = c->vm_start;
			v.end = c->vm_end;
			v.by = "system";
			v.disp = "answered";
			put_row(w, c, &v);
		}
	}
}

/* A staff member's call: from its extension, to another or outside. */
static void
staff_row(struct cs_synth_generic *w, const struct cs_synth_call *c)
{
	struct grow r;

	memset(&r, 0, sizeof(r));
	r.caller = c->from_ext;
	r.dialled = c->dialled;
	if (c->dir == CS_SYNTH_INTERNAL)
		snprintf(r.dest, sizeof(r.dest), "%s", c->dialled);
	r.start = c->start;
	r.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
	r.end = c->d_end;
	r.by = r.answer > 0 ? "agent" : NULL;
	r.disp = r.answer > 0 ? "answered" :
	    c->d_result == CS_SYNTH_D_BUSY ? "busy" : "no_answer";
	put_row(w, c, &r);
}

int
cs_synth_generic_put(struct cs_synth_generic *w, const struct cs_synth_call *c)
{
	if (c->dir == CS_SYNTH_INBOUND)
		inbound_rows(w, c);
	else
		staff_row(w, c);
	return cs_synth_out_push(&w->o, c->end);
}

int
cs_synth_generic_advance(struct cs_synth_generic *w, int64_t now)
{
	return cs_synth_out_advance(&w->o, now);
}

struct cs_synth_generic *
cs_synth_generic_open(const struct cs_synth_town *town, const char *dir,
    int utc, struct cs_error *err)
{
	struct cs_synth_generic *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	w->utc = utc;
	if (cs_synth_out_open(&w->o, dir, "generic.csv", err) != 0) {
		free(w);
		return NULL;
	}
	fputs(HEADER, w->o.fp);
	w->o.bytes += (long long)strlen(HEADER);
	return w;
}

int
cs_synth_generic_close(struct cs_synth_generic *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	/* its legs are Master.csv's */
	rc = cs_synth_out_close(&w->o, st != NULL ? &st->bytes : NULL, err);
	free(w);
	return rc;
}
