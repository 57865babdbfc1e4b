/*
 * write_freeswitch.c: a modelled call as a FreeSWITCH PBX writes it with
 * mod_cdr_csv, legs = ab, and callstat's recommended template
 * (callstat-import(1)): the example template's 15 fields, then
 * mod_callcenter's cc_queue, cc_side, cc_member_uuid,
 * cc_member_session_uuid, cc_agent, cc_queue_joined_epoch,
 * cc_queue_answered_epoch, cc_queue_terminated_epoch,
 * cc_queue_canceled_epoch, cc_cause, cc_cancel_reason and
 * originating_leg_uuid.
 *
 * What FreeSWITCH does, and so what this writes:
 * - the caller's channel is one A-leg from arrival to hang-up; FreeSWITCH
 *   answers it itself for a welcome, an announcement, the queue's music or
 *   voicemail, else when the leg it bridged answers;
 * - each leg it originates (a phone dialled, the bot) is a B-leg naming
 *   its A-leg in originating_leg_uuid; mod_callcenter's agent legs carry
 *   cc_side = agent and the member's session instead;
 * - mod_callcenter sets its cc_* variables on the member's (caller's) leg:
 *   when it joined, when an agent answered or when it left, and why;
 * - nothing is escaped: a caller's name is written as it is;
 * - each line is written when its leg hangs up; the call's lines leave a
 *   heap keyed by the call's end once the simulation has passed it.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "synth.h"

struct cs_synth_fs {
	const struct cs_synth_town *town;
	struct cs_synth_out o;	/* its file */
	int utc;
	long legs;
};

static void
add(struct cs_synth_fs *w, const char *s)
{
	cs_synth_out_add(&w->o, s, strlen(s));
}

/* A field as mod_cdr_csv writes it: between quotes, nothing escaped. */
static void
field(struct cs_synth_fs *w, const char *s, int first)
{
	if (!first)
		add(w, ",");
	add(w, "\"");
	add(w, s);
	add(w, "\"");
}

static void
field_time(struct cs_synth_fs *w, int64_t t)
{
	char s[20];

	if (t > 0)
		cs_synth_format_time(t, w->utc, s);
	else
		s[0] = '\0';
	field(w, s, 0);
}

static void
field_int(struct cs_synth_fs *w, long long v, int empty_if_zero)
{
	char s[24];

	if (v == 0 && empty_if_zero)
		s[0] = '\0';
	else
		snprintf(s, sizeof(s), "%lld", v);
	field(w, s, 0);
}

/* A leg's uuid, made up from a channel number (v4 shaped). */
static void
uuid_of(uint64_t n, char out[40])
{
	uint64_t a = cs_synth_mix(n, 0x46726565), b = cs_synth_mix(a, n);

	snprintf(out, 40, "%08llx-%04llx-4%03llx-a%03llx-%012llx",
	    (unsigned long long)(a >> 32), (unsigned long long)(a >> 16 & 0xffff),
	    (unsigned long long)(a & 0xfff), (unsigned long long)(b >> 52),
	    (unsigned long long)(b & 0xffffffffffffULL));
}

void
cs_synth_fs_call_id(const struct cs_synth_call *c, char *out, size_t n)
{
	char u[40];

	uuid_of(c->chan, u);
	snprintf(out, n, "%s", u);
}

/* One leg: the example template's fields, then the cc_* and the
 * originating leg's (cc NULL: none). */
struct leg {
	const char *name, *number, *dest, *context, *cause, *uuid, *bleg;
	int64_t start, answer, end;
	const char *orig;
	/* mod_callcenter */
	const char *cc_queue, *cc_side, *cc_member, *cc_session, *cc_agent;
	int64_t joined, answered, terminated, canceled;
	const char *cc_cause, *cc_reason;
};

static void
put_leg(struct cs_synth_fs *w, const struct leg *l)
{
	field(w, l->name, 1);
	field(w, l->number, 0);
	field(w, l->dest, 0);
	field(w, l->context, 0);
	field_time(w, l->start);
	field_time(w, l->answer);
	field_time(w, l->end);
	field_int(w, l->end - l->start, 0);
	field_int(w, l->answer > 0 ? l->end - l->answer : 0, 0);
	field(w, l->cause, 0);
	field(w, l->uuid, 0);
	field(w, l->bleg != NULL ? l->bleg : "", 0);
	field(w, "", 0);
	field(w, "PCMA", 0);
	field(w, "PCMA", 0);
	field(w, l->cc_queue != NULL ? l->cc_queue : "", 0);
	field(w, l->cc_side != NULL ? l->cc_side : "", 0);
	field(w, l->cc_member != NULL ? l->cc_member : "", 0);
	field(w, l->cc_session != NULL ? l->cc_session : "", 0);
	field(w, l->cc_agent != NULL ? l->cc_agent : "", 0);
	field_int(w, l->joined, 1);
	field_int(w, l->answered, 1);
	field_int(w, l->terminated, 1);
	field_int(w, l->canceled, 1);
	field(w, l->cc_cause != NULL ? l->cc_cause : "", 0);
	field(w, l->cc_reason != NULL ? l->cc_reason : "", 0);
	field(w, l->orig != NULL ? l->orig : "", 0);
	add(w, "\n");
	w->legs++;
}

static const char *
dial_cause(enum cs_synth_dial d)
{
	return d == CS_SYNTH_D_ANSWER ? "NORMAL_CLEARING" :
	    d == CS_SYNTH_D_BUSY ? "USER_BUSY" :
	    d == CS_SYNTH_D_NOANSWER ? "NO_ANSWER" : "ORIGINATOR_CANCEL";
}

/* When FreeSWITCH answered the caller's leg, 0 never. */
static int64_t
a_answer(const struct cs_synth_call *c)
{
	if (c->bot)
		return c->bot_answer > 0 ? c->bot_answer :
		    c->queue >= 0 ? c->bot_end : 0;
	if (c->welcome || c->welcome_only || c->closed_msg || c->queue >= 0)
		return c->start;
	if (c->dial)
		return c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer :
		    c->vm ? c->vm_start : 0;
	return 0;
}

static void
inbound_legs(struct cs_synth_fs *w, const struct cs_synth_call *c)
{
	const struct cs_synth_town *tn = w->town;
	char auuid[40], buuid[40], member[40], q[96], agent[48];
	char wuuid[40], wagent[48];
	struct leg a, b;

	uuid_of(c->chan, auuid);
	memset(&a, 0, sizeof(a));
	a.name = c->name;
	a.number = c->number;
	a.dest = c->dialled;
	/* the dialplan plays the welcome in a context of its own */
	a.context = c->welcome_only ? "bienvenue" : "public";
	a.start = c->start;
	a.answer = a_answer(c);
	a.end = c->end;
	a.cause = a.answer > 0 ? "NORMAL_CLEARING" : "ORIGINATOR_CANCEL";
	a.uuid = auuid;
	b = a;
	b.context = "default";
	b.orig = auuid;
	if (c->bot) {
		struct leg t = b;

		uuid_of(c->bot_chan, buuid);
		t.dest = "voicebot";
		t.uuid = buuid;
		t.answer = c->bot_answer;
		t.end = c->bot_end;
		t.cause = c->bot_answer > 0 ? "NORMAL_CLEARING" :
		    "ORIGINATOR_CANCEL";
		put_leg(w, &t);
		a.bleg = buuid;
	}
	if (c->queue >= 0) {
		const struct cs_synth_service *sv = &tn->svc[c->queue];
		char bleg[40];

		snprintf(q, sizeof(q), "%s@default", sv->queue);
		uuid_of(c->chan ^ 0x6d656d626572ULL, member);
		a.cc_queue = b.cc_queue = q;
		a.cc_side = "member";
		b.cc_side = "agent";
		a.cc_member = b.cc_member = member;
		a.cc_session = b.cc_session = auuid;
		a.joined = c->q_enter;
		b.orig = NULL;
		for (int i = 0; i < c->nring; i++) {
			const struct cs_synth_ring *g = &c->ring[i];
			struct leg t = b;

			uuid_of(g->chan, bleg);
			snprintf(agent, sizeof(agent), "%s@default",
			    tn->agent[g->agent].ext);
			t.dest = tn->agent[g->agent].ext;
			t.cc_agent = agent;
			t.uuid = bleg;
			t.start = g->dial;
			t.answer = i == c->winner ? g->answer : 0;
			t.end = g->end;
			t.cause = t.answer > 0 ? "NORMAL_CLEARING" :
			    "ORIGINATOR_CANCEL";
			put_leg(w, &t);
			if (i == c->winner) {
				memcpy(wuuid, bleg, sizeof(wuuid));
				memcpy(wagent, agent, sizeof(wagent));
				a.bleg = wuuid;
				a.cc_agent = wagent;
			}
		}
		if (c->q_exit == CS_SYNTH_Q_CONNECT) {
			a.answered = c->q_at;
			a.terminated = c->end;
			a.cc_cause = "answered";
			a.cc_reason = "NONE";
		} else {
			a.canceled = c->q_at;
			a.cc_cause = "cancel";
			a.cc_reason = c->q_exit == CS_SYNTH_Q_ABANDON ?
			    "BREAK_OUT" : c->q_exit == CS_SYNTH_Q_TIMEOUT ?
			    "TIMEOUT" : "NO_AGENT_TIMEOUT";
		}
	}
	if (c->dial) {
		struct leg t = b;

		uuid_of(c->d_chan, buuid);
		t.dest = tn->agent[c->dial_agent].ext;
		t.uuid = buuid;
		t.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
		t.end = c->d_end;
		t.cause = dial_cause(c->d_result);
		put_leg(w, &t);
		a.bleg = buuid;
	}
	put_leg(w, &a);
}

static void
staff_legs(struct cs_synth_fs *w, const struct cs_synth_call *c)
{
	char auuid[40], buuid[40], name[40];
	struct leg a, b;

	uuid_of(c->chan, auuid);
	uuid_of(c->d_chan, buuid);
	snprintf(name, sizeof(name), "Poste %s", c->from_ext);
	memset(&a, 0, sizeof(a));
	a.name = name;
	a.number = c->from_ext;
	a.dest = c->dialled;
	a.context = "default";
	a.start = c->start;
	a.answer = c->d_result == CS_SYNTH_D_ANSWER ? c->d_answer : 0;
	a.end = c->d_end;
	a.cause = dial_cause(c->d_result);
	a.uuid = auuid;
	a.bleg = buuid;
	b = a;
	b.uuid = buuid;
	b.bleg = NULL;
	b.orig = auuid;
	put_leg(w, &b);
	put_leg(w, &a);
}

int
cs_synth_fs_put(struct cs_synth_fs *w, const struct cs_synth_call *c)
{
	if (c->dir == CS_SYNTH_INBOUND)
		inbound_legs(w, c);
	else
		staff_legs(w, c);
	return cs_synth_out_push(&w->o, c->end);
}

int
cs_synth_fs_advance(struct cs_synth_fs *w, int64_t now)
{
	return cs_synth_out_advance(&w->o, now);
}

struct cs_synth_fs *
cs_synth_fs_open(const struct cs_synth_town *town, const char *dir, int utc,
    struct cs_error *err)
{
	struct cs_synth_fs *w = calloc(1, sizeof(*w));

	if (w == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	w->town = town;
	w->utc = utc;
	if (cs_synth_out_open(&w->o, dir, "freeswitch.csv", err) != 0) {
		free(w);
		return NULL;
	}
	return w;
}

int
cs_synth_fs_close(struct cs_synth_fs *w, struct cs_synth_stats *st,
    struct cs_error *err)
{
	int rc;

	if (w == NULL)
		return 0;
	/* the summary counts Master.csv's rows: only the bytes here */
	rc = cs_synth_out_close(&w->o, st != NULL ? &st->bytes : NULL, err);
	free(w);
	return rc;
}
