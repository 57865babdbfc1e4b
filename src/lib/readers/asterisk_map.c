/*
 * asterisk_map.c: Asterisk's CDR legs and queue_log events as the model's
 * pieces: which application reaches whom, what a disposition and a queue
 * event say, the call's keys, the peer in a channel name.
 */
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../phone.h"
#include "../privacy.h"
#include "asterisk.h"

#define S(x) ((x) != NULL ? (x) : "")

void
cs_channel_peer(const char *chan, char *out, size_t n)
{
	const char *p = strchr(chan, '/'), *end;
	size_t len;

	p = p != NULL ? p + 1 : chan;
	/* Local/201@from-queue-00000012;1: the extension before '@' */
	end = p + strcspn(p, "@;");
	if (*end != '@') {
		const char *dash = NULL;

		for (const char *q = p; q < end; q++)
			if (*q == '-')
				dash = q;
		if (dash != NULL)
			end = dash;
	}
	len = (size_t)(end - p);
	if (len >= n)
		len = n - 1;
	memcpy(out, p, len);
	out[len] = '\0';
}

/* app and name the same, case aside (the first letters looked at first:
 * most names differ there) */
static int
same_app(const char *app, const char *name)
{
	return tolower((unsigned char)*app) == tolower((unsigned char)*name) &&
	    strcasecmp(app, name) == 0;
}

static int
app_is(const char *app, const char *a, const char *b)
{
	return same_app(app, a) || (b != NULL && same_app(app, b));
}

/* Applications in which the PBX itself answers, or no one does. */
static int
app_is_pbx(const char *app)
{
	static const char *const apps[] = {
		"VoiceMail", "VoiceMailMain", "Playback", "BackGround", "Read",
		"Record", "Hangup", "Congestion", "Busy", "Answer", "Wait",
		"SayDigits", "SayNumber", "MusicOnHold", "Echo",
	};

	for (size_t i = 0; i < sizeof(apps) / sizeof(apps[0]); i++)
		if (same_app(app, apps[i]))
			return 1;
	return 0;
}

static enum cs_target
target_of(const char *app, const char *dstchannel)
{
	if (app_is_pbx(app))
		return app_is(app, "VoiceMail", "VoiceMailMain") ?
		    CS_TARGET_VOICEMAIL : CS_TARGET_ANNOUNCEMENT;
	if (app_is(app, "Queue", "AppQueue"))
		return dstchannel[0] == '\0' ? CS_TARGET_QUEUE_EMPTY : CS_TARGET_QUEUE;
	if (app_is(app, "Dial", "AppDial"))
		return CS_TARGET_PERSON;
	/* nothing rung: an application of the dialplan's own */
	if (dstchannel[0] == '\0')
		return CS_TARGET_ANNOUNCEMENT;
	return CS_TARGET_OTHER;
}

static enum cs_leg_end
end_of(int64_t answer, const char *d)
{
	if (answer > 0 && strcmp(d, "ANSWERED") == 0)
		return CS_LEG_ANSWERED;
	if (strcmp(d, "BUSY") == 0 || strcmp(d, "FAILED") == 0 ||
	    strcmp(d, "CONGESTION") == 0 || strcmp(d, "CHANUNAVAIL") == 0)
		return CS_LEG_FAILED;
	return CS_LEG_UNANSWERED;
}

/* The queue of a Queue leg: its first argument, up to ',' or '|'. */
static void
queue_of(const char *lastdata, char *out, size_t n)
{
	size_t len = strcspn(lastdata, ",|");

	if (len >= n)
		len = n - 1;
	memcpy(out, lastdata, len);
	out[len] = '\0';
}

void
cs_asterisk_leg(const struct cs_ast_leg *a, struct cs_leg *l,
    struct cs_piece_buf *buf)
{
	const char *app = S(a->lastapp), *dstchannel = S(a->dstchannel);
	const char *uniqueid = S(a->uniqueid), *linkedid = S(a->linkedid);
	const char *dst = S(a->dst);

	memset(l, 0, sizeof(*l));
	l->start = a->start;
	l->answer = a->answer;
	l->end = a->end;
	l->duration = a->duration;
	/* a call is its linkedid (Asterisk 1.8 on), else the uniqueid of its
	   first leg; a Master.csv of 16 columns has neither: the caller's
	   channel stands for the call */
	l->loose = 0;
	if (linkedid[0] != '\0') {
		l->key = linkedid;
	} else if (uniqueid[0] != '\0') {
		l->key = uniqueid;
	} else {
		snprintf(buf->key, sizeof(buf->key), "chan:%s", S(a->channel));
		l->key = buf->key;
		l->loose = 1;
	}
	l->alias = uniqueid;
	l->sip_call_id = S(a->userfield);
	l->caller = S(a->caller);
	l->from = S(a->src);
	cs_channel_peer(S(a->channel), buf->from_peer, sizeof(buf->from_peer));
	l->from_peer = buf->from_peer;
	l->to = dst;
	cs_channel_peer(dstchannel, buf->peer, sizeof(buf->peer));
	l->peer = buf->peer;
	l->target = target_of(app, dstchannel);
	buf->queue[0] = '\0';
	if (l->target == CS_TARGET_QUEUE || l->target == CS_TARGET_QUEUE_EMPTY)
		queue_of(S(a->lastdata), buf->queue, sizeof(buf->queue));
	l->queue = buf->queue;
	l->ended = end_of(a->answer, S(a->disposition));
	l->to_outside = strcmp(dst, CS_PHONE_MARK) == 0 || cs_number_is_phone(dst);
	l->attr[CS_ATTR_CONTEXT] = S(a->dcontext);
	l->attr[CS_ATTR_CHANNEL] = dstchannel;
	l->attr[CS_ATTR_CALLER_CHANNEL] = S(a->channel);
	l->attr[CS_ATTR_APP] = app;
	l->attr[CS_ATTR_DATA] = S(a->lastdata);
	l->flags = a->flags;
	l->order = a->order;
}

/* queue_log lines that belong to no call (agent logins, restarts). */
static int
callid_of_no_call(const char *callid)
{
	return *callid == '\0' || strcmp(callid, "NONE") == 0 ||
	    strcmp(callid, "MANAGER") == 0 || strcmp(callid, "CLI") == 0 ||
	    strcmp(callid, "REALTIME") == 0;
}

static enum cs_qevent_kind
kind_of(const char *ev)
{
	if (strcmp(ev, "ENTERQUEUE") == 0)
		return CS_QEV_ENTERED;
	if (strcmp(ev, "CONNECT") == 0)
		return CS_QEV_CONNECTED;
	if (strcmp(ev, "ABANDON") == 0)
		return CS_QEV_ABANDONED;
	if (strcmp(ev, "EXITWITHTIMEOUT") == 0 || strcmp(ev, "EXITEMPTY") == 0 ||
	    strcmp(ev, "WITHDRAW") == 0 || strcmp(ev, "FULL") == 0 ||
	    strcmp(ev, "JOINEMPTY") == 0 || strcmp(ev, "LEAVEEMPTY") == 0 ||
	    strcmp(ev, "JOINUNAVAIL") == 0 || strcmp(ev, "CLOSED") == 0)
		return CS_QEV_MISSED;
	if (strcmp(ev, "EXITWITHKEY") == 0)
		return CS_QEV_LEFT_BY_KEY;
	if (strncmp(ev, "COMPLETE", 8) == 0 || strstr(ev, "TRANSFER") != NULL)
		return CS_QEV_ENDED;
	return CS_QEV_OTHER;
}

int
cs_asterisk_qevent(const struct cs_ast_qevent *a, struct cs_qevent *e,
    struct cs_piece_buf *buf)
{
	const char *ev = S(a->event);

	if (callid_of_no_call(S(a->callid)))
		return 1;
	memset(e, 0, sizeof(*e));
	e->time = a->time;
	e->kind = kind_of(ev);
	e->key = S(a->callid);
	e->queue = S(a->queue);
	e->caller = "";
	e->peer = "";
	e->wait = -1;
	e->order = a->order;
	switch (e->kind) {
	case CS_QEV_ENTERED:
		/* ENTERQUEUE|url|callerid|position: the caller ID's hash */
		e->caller = S(a->data[1]);
		break;
	case CS_QEV_CONNECTED:
		/* CONNECT|holdtime|bridged channel uniqueid|ringtime */
		cs_channel_peer(S(a->agent), buf->peer, sizeof(buf->peer));
		e->peer = buf->peer;
		e->wait = strtol(S(a->data[0]), NULL, 10);
		break;
	case CS_QEV_ENDED:
		/* COMPLETEAGENT|holdtime|calltime|origposition; TRANSFER and
		   BLINDTRANSFER: extension|context|holdtime|calltime */
		e->talk = strtol(S(strcmp(ev, "TRANSFER") == 0 ||
		    strcmp(ev, "BLINDTRANSFER") == 0 ? a->data[3] : a->data[1]),
		    NULL, 10);
		break;
	default:
		break;
	}
	return 0;
}
