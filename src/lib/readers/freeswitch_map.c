/*
 * freeswitch_map.c: FreeSWITCH's mod_cdr_csv legs, and mod_callcenter's
 * cc_* variables, as the model's pieces: the only file that knows what a
 * bleg_uuid, an originating leg, a cc_side or a cc_cancel_reason mean.
 * callstat-import(1) says it in words.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "../phone.h"
#include "../privacy.h"
#include "freeswitch.h"

#define S(x) ((x) != NULL ? (x) : "")

/* mod_callcenter names queues and agents NAME@DOMAIN: the NAME. */
static const char *
before_at(const char *s, char *out, size_t n)
{
	size_t len = strcspn(s, "@");

	if (len >= n)
		len = n - 1;
	memcpy(out, s, len);
	out[len] = '\0';
	return out;
}

/*
 * The call a leg belongs to: the leg that originated it (callstat's
 * template), the member's session for an agent's leg of a queue, else the
 * leg itself.
 */
static const char *
key_of(const struct cs_fs_leg *a)
{
	if (S(a->orig_leg)[0] != '\0')
		return a->orig_leg;
	if (strcmp(S(a->cc_side), "agent") == 0 &&
	    S(a->cc_member_session)[0] != '\0')
		return a->cc_member_session;
	return S(a->uuid);
}

/* Hang-up causes of a leg that could not ring: busy, refused,
 * unreachable (switch_types.h). */
static int
cause_failed(const char *cause)
{
	static const char *const failed[] = {
		"USER_BUSY", "CALL_REJECTED", "UNALLOCATED_NUMBER",
		"NO_ROUTE_DESTINATION", "NO_ROUTE_TRANSIT_NET",
		"DESTINATION_OUT_OF_ORDER", "INVALID_NUMBER_FORMAT",
		"NORMAL_CIRCUIT_CONGESTION", "SWITCH_CONGESTION",
		"NETWORK_OUT_OF_ORDER", "NORMAL_TEMPORARY_FAILURE",
		"REQUESTED_CHAN_UNAVAIL", "SUBSCRIBER_ABSENT",
		"USER_NOT_REGISTERED", "BUSY_EVERYWHERE", "DECLINE",
		"DOES_NOT_EXIST_ANYWHERE", "GATEWAY_DOWN", "INVALID_GATEWAY",
		"SERVICE_UNAVAILABLE", "OUTGOING_CALL_BARRED",
		"INCOMING_CALL_BARRED",
	};

	for (size_t i = 0; i < sizeof(failed) / sizeof(failed[0]); i++)
		if (strcmp(cause, failed[i]) == 0)
			return 1;
	return 0;
}

static enum cs_qevent_kind
left_kind(const struct cs_fs_leg *a)
{
	const char *why = S(a->cc_cancel_reason);

	if (a->cc[CS_FS_CC_T_ANSWERED] != 0)
		return CS_QEV_CONNECTED;
	if (strcmp(why, "TIMEOUT") == 0 || strcmp(why, "NO_AGENT_TIMEOUT") == 0)
		return CS_QEV_MISSED;
	if (strcmp(why, "EXIT_WITH_KEY") == 0)
		return CS_QEV_LEFT_BY_KEY;
	/* BREAK_OUT: the caller hung up while waiting */
	return CS_QEV_ABANDONED;
}

static int
queue_event(const struct cs_fs_leg *a, struct cs_qevent *e,
    struct cs_piece_buf *buf)
{
	memset(e, 0, sizeof(*e));
	e->time = a->start;
	e->key = key_of(a);
	e->queue = before_at(S(a->cc_queue), buf->queue, sizeof(buf->queue));
	e->caller = "";
	e->peer = "";
	e->wait = -1;
	e->order = a->order;
	if (a->part == 1) {
		e->kind = CS_QEV_ENTERED;
		e->caller = S(a->caller);
		return 0;
	}
	e->kind = left_kind(a);
	if (e->kind == CS_QEV_CONNECTED) {
		e->peer = before_at(S(a->cc_agent), buf->peer, sizeof(buf->peer));
		e->wait = (long)(a->cc[CS_FS_CC_T_ANSWERED] -
		    a->cc[CS_FS_CC_T_JOINED]);
	}
	return 0;
}

static void
leg(const struct cs_fs_leg *a, struct cs_leg *l, struct cs_piece_buf *buf)
{
	const char *number = S(a->number), *dest = S(a->dest);
	int known = a->orig_leg != NULL;	/* callstat's template */

	memset(l, 0, sizeof(*l));
	l->start = a->start;
	l->answer = a->answer;
	l->end = a->end;
	l->duration = a->duration;
	l->key = key_of(a);
	/* the example template's caller's leg names the leg it bridged,
	   which is keyed by its own uuid: an alias joins the two */
	l->alias = !known && S(a->bleg)[0] != '\0' ? a->bleg : S(a->uuid);
	l->sip_call_id = "";
	l->caller = S(a->caller);
	l->from = number;
	l->from_peer = cs_number_is_phone(number) ? "" : number;
	l->to = dest;
	l->to_outside = strcmp(dest, CS_PHONE_MARK) == 0 ||
	    cs_number_is_phone(dest);
	l->peer = l->to_outside ? "" : dest;
	l->queue = "";
	l->ended = a->answer > 0 ? CS_LEG_ANSWERED :
	    cause_failed(S(a->cause)) ? CS_LEG_FAILED : CS_LEG_UNANSWERED;
	if (!known) {
		/* the sql and example templates: each leg towards whom it
		   dialled, answered when FreeSWITCH says so */
		l->target = CS_TARGET_PERSON;
	} else if (strcmp(S(a->cc_side), "agent") == 0) {
		/* an agent rung by a queue: its member's leg says it all */
		l->target = CS_TARGET_OTHER;
	} else if (S(a->cc_queue)[0] != '\0') {
		/* a queue's member: answered when an agent was */
		l->target = CS_TARGET_QUEUE;
		l->queue = before_at(a->cc_queue, buf->queue, sizeof(buf->queue));
		l->answer = a->cc[CS_FS_CC_T_ANSWERED];
		l->ended = l->answer > 0 ? CS_LEG_ANSWERED : CS_LEG_UNANSWERED;
		l->peer = before_at(S(a->cc_agent), buf->peer, sizeof(buf->peer));
	} else if (S(a->orig_leg)[0] != '\0') {
		/* a leg FreeSWITCH originated: a phone, a gateway, the bot;
		   its destination is the phone it rang, the number the
		   caller dialled is its A-leg's */
		l->target = CS_TARGET_PERSON;
		l->to = "";
	} else {
		/* the caller's own leg, answered by the leg it bridged
		   (which says so), else by FreeSWITCH itself: an
		   announcement or a voicemail box, which the template does
		   not tell apart; as voicemail (an announcement alone is
		   counted so too: callstat-kpi(7)), so that a message left
		   after an unanswered phone is */
		l->target = a->answer > 0 ? CS_TARGET_VOICEMAIL :
		    CS_TARGET_OTHER;
		l->peer = "";
	}
	l->attr[CS_ATTR_CONTEXT] = S(a->context);
	l->attr[CS_ATTR_CHANNEL] = "";
	l->attr[CS_ATTR_CALLER_CHANNEL] = "";
	l->attr[CS_ATTR_APP] = "";
	l->attr[CS_ATTR_DATA] = "";
	l->flags = a->flags;
	/* FreeSWITCH writes a leg when it hangs up, a B-leg often before
	   its A-leg: the caller's own leg, which it originated from, comes
	   first among the legs of a second (the call's first leg says the
	   number dialled) */
	l->order = a->order + (strcmp(l->key, S(a->uuid)) != 0 ?
	    INT64_C(1) << 60 : 0);
}

int
cs_freeswitch_piece(const struct cs_fs_leg *a, struct cs_piece *p,
    struct cs_piece_buf *buf)
{
	p->time = a->start;
	if (a->part == 1 || a->part == 2) {
		p->kind = CS_PIECE_QEVENT;
		return queue_event(a, &p->u.ev, buf);
	}
	p->kind = CS_PIECE_LEG;
	leg(a, &p->u.leg, buf);
	return 0;
}
