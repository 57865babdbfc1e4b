/*
 * write_3cx.c: a modelled call as 3CX's legacy CDR log writes it
 * (DIR/3cx-cdr.log, read by callstat-import as 3cx-cdr): one line a call,
 * in the console's default field order, written when the call ends.  The
 * same calls as write_asterisk.c writes, said as 3CX says them: where the
 * call went first (to-*: the bot, a welcome IVR, a queue, an extension),
 * where it ended (final-*), and when that final destination answered
 * (time-answered; the bot's answer when the bot took the call first),
 * how it ended (reason-terminated), every hop in the chain.  Times UTC.
 *
 * The town's DNs are fictions of its own: the trunk is 10000, the bot
 * the extension "voicebot", a service's welcome the IVR "bienvenue-QUEUE",
 * its queue the DN named as the queue, a closed message the IVR
 * "closed-QUEUE" and a voicemail box "vm-EXT" (3CX's are numbers: a
 * configuration names them with ext:, queue: and channel: terms).
 *
 * What the line cannot say, this does not: no instant of the hand-over
 * from the bot to the queue, no answer of an IVR.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

#define TRUNK "10000"
#define BOT "voicebot"

struct cs_synth_3cx {
	const struct cs_synth_town *town;
	struct cs_synth_out o;	/* its file */
};

/* A DN: its number as 3CX writes it ("Ext.2101", or an outside number),
 * the DN, its type. */
struct dn {
	char no[96], dn[96];
	const char *type;
};

struct line {
	struct dn from, to, fin;
	const char *dial, *reason, *changed;
	int64_t start, answer, end;	/* answer 0: none */
	char chain[256], missed[256];
};

static void
add(struct cs_synth_3cx *w, const char *s)
{
	cs_synth_out_add(&w->o, s, strlen(s));
}

/* "YYYY/MM/DD HH:MM:SS," in UTC, or "," for none. */
static void
add_time(struct cs_synth_3cx *w, int64_t t)
{
	char s[20];

	if (t > 0) {
		cs_synth_format_time(t, 1, s);
		s[4] = s[7] = '/';
		add(w, s);
	}
	add(w, ",");
}

static void
field(struct cs_synth_3cx *w, const char *s)
{
	add(w, s != NULL ? s : "");
	add(w, ",");
}

static void
ext(struct dn *d, const char *dn, const char *type)
{
	snprintf(d->no, sizeof(d->no), "Ext.%s", dn);
	snprintf(d->dn, sizeof(d->dn), "%s", dn);
	d->type = type;
}

static void
outside(struct dn *d, const char *number)
{
	snprintf(d->no, sizeof(d->no), "%s", number);
	snprintf(d->dn, sizeof(d->dn), "%s", TRUNK);
	d->type = "Line";
}

static void
chain_add(struct line *l, const char *no)
{
	size_t n = strlen(l->chain);

	if (n == 0)
		n = (size_t)snprintf(l->chain, sizeof(l->chain), "Chain: ");
	if (n < sizeof(l->chain))
		snprintf(l->chain + n, sizeof(l->chain) - n, "%s;", no);
}

static void
put_line(struct cs_synth_3cx *w, const struct cs_synth_call *c,
    const struct line *l)
{
	char s[64];
	long d = l->answer > 0 ? (long)(l->end - l->answer) : 0;

	snprintf(s, sizeof(s), "Call %llu,%016llX_%llu,%02ld:%02ld:%02ld,",
	    (unsigned long long)c->chan, (unsigned long long)c->serial,
	    (unsigned long long)c->chan, d / 3600, d / 60 % 60, d % 60);
	add(w, s);
	add_time(w, l->start);
	add_time(w, l->answer);
	add_time(w, l->end);
	field(w, l->reason);
	field(w, l->from.no);
	field(w, l->to.no);
	field(w, l->from.dn);
	field(w, l->to.dn);
	field(w, l->dial);
	field(w, l->changed);
	field(w, l->fin.no);
	field(w, l->fin.dn);
	add(w, ",,,,");		/* bill-code, -rate, -cost, -name */
	field(w, l->chain);
	field(w, l->from.type);
	field(w, l->to.type);
	field(w, l->fin.type);
	/* the caller's number as its name: a name's comma would break the
	   line (3CX quotes nothing) */
	field(w, l->from.no);
	field(w, "");
	field(w, "");
	add(w, l->missed);
	add(w, "\n");
}

/* The queue part of an inbound call: its final destination, its answer
 * (a person's, unless the bot answered first), how it ended. */
static void
queue_part(struct cs_synth_3cx *w, const struct cs_synth_call *c,
    struct line *l)
{
	const struct cs_synth_town *tn = w->town;
	const struct cs_synth_service *sv = &tn->svc[c->queue];
	size_t n = 0;

	ext(&l->fin, sv->queue, "Queue");
	chain_add(l, l->fin.no);
	for (int i = 0; i < c->nring; i++) {
		const char *e = tn->agent[c->ring[i].agent].ext;

		if (i == c->winner)
			continue;
		if (n < sizeof(l->missed))
			n += (size_t)snprintf(l->missed + n, sizeof(l->missed) - n,
			    "%sExt.%s", n > 0 ? ";" : "", e);
	}
	if (c->winner >= 0) {
		const struct cs_synth_ring *g = &c->ring[c->winner];

		ext(&l->fin, tn->agent[g->agent].ext, "Extension");
		chain_add(l, l->fin.no);
		if (l->answer == 0)
			l->answer = g->answer;
		l->changed = "ReplacedDst";
		l->reason = c->q_agent_hangs_up ? "TerminatedByDst" :
		    "TerminatedBySrc";
		return;
	}
	/* no one took it: the caller hung up, or the queue's rule ended it */
	l->reason = c->q_exit == CS_SYNTH_Q_ABANDON ? "TerminatedBySrc" :
	    "TerminatedByRule";
}

static void
inbound(struct cs_synth_3cx *w, const struct cs_synth_call *c, struct line *l)
{
	const struct cs_synth_town *tn = w->town;

	snprintf(l->from.no, sizeof(l->from.no), "%s", c->number);
	snprintf(l->from.dn, sizeof(l->from.dn), "%s", TRUNK);
	l->from.type = "Line";
	chain_add(l, c->number);
	l->dial = c->dialled;
	l->reason = "TerminatedBySrc";
	if (c->bot) {
		ext(&l->to, BOT, "Extension");
		chain_add(l, l->to.no);
		l->fin = l->to;
		l->answer = c->bot_answer;
		if (c->queue >= 0) {
			l->changed = "ReplacedDst";
			queue_part(w, c, l);
		}
		return;
	}
	if (c->closed_msg) {
		char dn[80];

		/* 3CX's office-hours rule: a prompt, or the box */
		snprintf(dn, sizeof(dn), "%s-%s", c->closed_msg == 2 ? "vm" :
		    "closed", tn->svc[c->dialled_svc].queue);
		ext(&l->to, dn, c->closed_msg == 2 ? "VoiceMail" : "Ivr");
		chain_add(l, l->to.no);
		l->fin = l->to;
		l->answer = c->start;
		return;
	}
	if (c->welcome) {
		char dn[80];

		snprintf(dn, sizeof(dn), "bienvenue-%s",
		    tn->svc[c->dialled_svc].queue);
		ext(&l->to, dn, "Ivr");
		chain_add(l, l->to.no);
		l->fin = l->to;
		if (c->welcome_only) {
			l->answer = c->start;
			return;
		}
	}
	if (c->queue >= 0) {
		if (!c->welcome) {
			ext(&l->to, tn->svc[c->queue].queue, "Queue");
		}
		queue_part(w, c, l);
		return;
	}
	if (c->dial) {
		const char *e = c->dial_agent >= 0 ?
		    tn->agent[c->dial_agent].ext : c->dial_ext;

		ext(&l->to, e, "Extension");
		chain_add(l, l->to.no);
		l->fin = l->to;
		if (c->d_result == CS_SYNTH_D_ANSWER) {
			l->answer = c->d_answer;
		} else if (c->vm) {
			char dn[80];

			/* forwarded to the extension's box when it did not
			   answer: the box answered then */
			snprintf(dn, sizeof(dn), "vm-%s", e);
			ext(&l->fin, dn, "VoiceMail");
			chain_add(l, l->fin.no);
			l->answer = c->vm_start;
			l->changed = "ReplacedDst";
		} else {
			l->reason = c->d_result == CS_SYNTH_D_BUSY ?
			    "TerminatedByDst" : c->d_result == CS_SYNTH_D_CANCEL ?
			    "TerminatedBySrc" : "TerminatedByRule";
		}
	}
}

/* A staff member's call: from its extension, to another or outside. */
static void
staff(const struct cs_synth_call *c, struct line *l)
{
	ext(&l->from, c->from_ext, "Extension");
	chain_add(l, l->from.no);
	if (c->dir == CS_SYNTH_INTERNAL)
		ext(&l->to, c->dialled, "Extension");
	else
		outside(&l->to, c->dialled);
	chain_add(l, l->to.no);
	l->fin = l->to;
	l->dial = c->dialled;
	l->answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
	l->reason = c->d_result == CS_SYNTH_D_BUSY ? "TerminatedByDst" :
	    c->d_result == CS_SYNTH_D_ANSWER || c->d_result == CS_SYNTH_D_CANCEL ?
	    "TerminatedBySrc" : "TerminatedByRule";
}

int
cs_synth_3cx_put(struct cs_synth_3cx *w, const struct cs_synth_call *c)
{
	struct line l;

	memset(&l, 0, sizeof(l));
	l.start = c->start;
	l.end = c->end;
	if (c->dir == CS_SYNTH_INBOUND)
		inbound(w, c, &l);
	else
		staff(c, &l);
	put_line(w, c, &l);
	return cs_synth_out_push(&w->o, c->end);
}

void
cs_synth_3cx_call_id(const struct cs_synth_call *c, char *out, size_t n)
{
	snprintf(out, n, "%llu", (unsigned long long)c->chan);
}

int
cs_synth_3cx_advance(struct cs_synth_3cx *w, int64_t now)
{
	return cs_synth_out_advance(&w->o, now);
}

struct cs_synth_3cx *
cs_synth_3cx_open(const struct cs_synth_town *town, const char *dir,
    struct cs_error *err)
{
	struct cs_synth_3cx *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	if (cs_synth_out_open(&w->o, dir, "3cx-cdr.log", err) != 0) {
		free(w);
		return NULL;
	}
	return w;
}

int
cs_synth_3cx_close(struct cs_synth_3cx *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	rc = cs_synth_out_close(&w->o, st != NULL ? &st->bytes : NULL, err);
	free(w);
	return rc;
}
