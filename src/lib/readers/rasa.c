/*
 * rasa.c: Rasa's conversation trackers (rasa; callstat-import(1)), a
 * whole-file format (format.h), read by rasa_db.c and rasa_json.c, its
 * entry in the table of formats in rasa_format.c: the SQL tracker store's SQLite file, whose
 * table events holds every sender's events as JSON, opened read-only and
 * read tracker by tracker (sender_id, then id); or trackers exported as
 * JSON, {"sender_id": ..., "events": [...]}, one document (pretty-printed
 * or not), a list of them, or one a line.
 *
 * A tracker is one sender's events, cut into sessions by session_started
 * (the session is then named by the sender and its start:
 * "sender#2025-03-04T09:01:02.123Z"; before any, by the sender alone) and
 * ended by restart or session_ended.  Of its events:
 *
 *   user             the caller's utterance: its text, parse_data's intent
 *                    and confidence, no_match for nlu_fallback; held until
 *                    the next, since a fallback action after it says that
 *                    the bot did not understand it either;
 *   bot              the bot's utterance;
 *   action           action_default_fallback and action_two_stage_fallback
 *                    mark the caller's last turn no_match; an action (not
 *                    an utter_ response) whose name holds "handoff" or
 *                    "human" is a transfer; the others (action_listen,
 *                    responses, custom actions) are the bot's own steps,
 *                    not stored;
 *   flow_started     Rasa Pro's patterns: pattern_human_handoff a transfer,
 *                    pattern_cannot_handle a fallback as above,
 *                    pattern_internal_error an error;
 *   session_started  a session's start, and the end of the one before;
 *   restart, session_ended   the session's end;
 *
 * and every other event (slots, flows, reminders...) is not stored.  The
 * tracker's end ends its last session too.  No event says how a session
 * went, so its end's outcome is inferred: escalated after a hand-over,
 * error after an internal error, abandoned when the caller never spoke or
 * was not understood the last time, else resolved.
 *
 * A sender that is a phone number (Rasa's twilio_voice channel names the
 * conversation after the caller's From) is the caller, hashed by the
 * store; so is the session that holds it (privacy.h, cs_privacy_id).  The
 * call id, SIP Call-ID, caller and number dialled come from the metadata
 * a channel puts on the events (Twilio's CallSid, From, To).  Each stored
 * event is keyed by its sender and the event as Rasa wrote it, with its
 * rank among the events alike in its session: a tracker read from the SQL
 * store and from an export is stored once, and three identical events are
 * three.
 */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "bot.h"
#include "rasa.h"
#include "readers.h"

/* Metadata keys, compared without case and '_' (CallSid, call_sid). */
static const char *const call_id_keys[] = { "callsid", "callid" };
static const char *const sip_keys[] = {
	"sipcallid", "call-id", "x-sip-call-id"
};
static const char *const caller_keys[] = {
	"from", "caller", "callerid", "callernumber", "ani"
};
static const char *const called_keys[] = {
	"to", "called", "callednumber", "dnis"
};

/* What a Rasa event becomes. */
enum kind {
	K_SKIP,		/* nothing stored */
	K_BOOK,		/* action_session_start: the next session's */
	K_USER, K_BOT, K_START, K_END, K_HANDOFF, K_FALLBACK, K_ERROR
};
/* ---- small helpers ---- */

const char *
rasa_str(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && *s != '\0' ? s : NULL;
}

void
rasa_reject(struct rasa_rd *rd, long line, long column, const char *fmt, ...)
{
	char msg[CS_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rd->sink->reject(rd->sink->arg, line, column, msg);
}

void
rasa_turn_free(struct turn *t)
{
	json_decref(t->ev);
	free(t->key);
	free(t->extra);
	memset(t, 0, sizeof(*t));
}

/* A metadata key as keys[] write it: lower case, without '_'. */
static int
key_is(const char *k, const char *want)
{
	for (;; k++) {
		if (*k == '_')
			continue;
		if ((*k | 0x20) != *want && !(*k == *want))
			return 0;
		if (*k == '\0')
			return 1;
		want++;
	}
}

/* The first metadata value (a string), of the event's then of its
 * parse_data's, that one of the keys names. */
static const char *
meta(json_t *ev, const char *const *keys, size_t nkeys)
{
	json_t *maps[2], *v;
	const char *k;

	maps[0] = json_object_get(ev, "metadata");
	maps[1] = json_object_get(json_object_get(ev, "parse_data"), "metadata");
	for (int m = 0; m < 2; m++)
		for (size_t i = 0; i < nkeys; i++)
			json_object_foreach(maps[m], k, v)
				if (key_is(k, keys[i]) && rasa_str(v) != NULL)
					return rasa_str(v);
	return NULL;
}

#define META(ev, keys) meta(ev, keys, sizeof(keys) / sizeof(keys[0]))

/* A float epoch as seconds and milliseconds; -1 when out of range. */
static int
time_of(double ts, int64_t *t, int *ms)
{
	long long us;

	if (!(ts >= 0 && ts < 1e11))
		return -1;
	/* to the microsecond Rasa writes (1741078862.123 may be a hair
	   under), then cut to the millisecond, as ISO 8601 times are */
	us = llround(ts * 1e6);
	*t = us / 1000000;
	*ms = (int)(us / 1000 % 1000);
	return cs_log_time_ok(*t) ? 0 : -1;
}

/* ---- events alike in a session ---- */

static void
seen_clear(struct rasa_rd *rd)
{
	if (rd->seen_used > 0)
		memset(rd->seen_n, 0, rd->seen_cap * sizeof(*rd->seen_n));
	rd->seen_used = 0;
}

/* How many events alike (by their JSON's hash) came before in the
 * session; a collision only ranks two different events together, which
 * their keys still tell apart.  -1 when out of memory. */
static int
seen_rank(struct rasa_rd *rd, unsigned h)
{
	size_t i;

	if (2 * (rd->seen_used + 1) > rd->seen_cap) {
		size_t cap = rd->seen_cap == 0 ? 64 : 2 * rd->seen_cap;
		unsigned *nh = calloc(cap, sizeof(*nh));
		int *nn = calloc(cap, sizeof(*nn));

		if (nh == NULL || nn == NULL) {
			free(nh);
			free(nn);
			return -1;
		}
		for (size_t k = 0; k < rd->seen_cap; k++) {
			if (rd->seen_n[k] == 0)
				continue;
			for (i = rd->seen_h[k] & (cap - 1); nn[i] != 0;
			    i = (i + 1) & (cap - 1))
				;
			nh[i] = rd->seen_h[k];
			nn[i] = rd->seen_n[k];
		}
		free(rd->seen_h);
		free(rd->seen_n);
		rd->seen_h = nh;
		rd->seen_n = nn;
		rd->seen_cap = cap;
	}
	for (i = h & (rd->seen_cap - 1); rd->seen_n[i] != 0 &&
	    rd->seen_h[i] != h; i = (i + 1) & (rd->seen_cap - 1))
		;
	if (rd->seen_n[i] == 0) {
		rd->seen_h[i] = h;
		rd->seen_used++;
	}
	return rd->seen_n[i]++;
}

/* The key of a stored event made from ev: its sender, the event as Rasa
 * wrote it (keys sorted, so that the SQL store's and an export's
 * agree) and its rank among those alike.  NULL when out of memory. */
static char *
key_of(struct rasa_rd *rd, json_t *ev)
{
	char *js = json_dumps(ev, JSON_COMPACT | JSON_SORT_KEYS), *k = NULL;
	int rank;
	size_t n;

	if (js == NULL || (rank = seen_rank(rd, cs_str_hash(js))) < 0)
		goto out;
	n = strlen(rd->sender) + strlen(js) + 48;
	if ((k = malloc(n)) != NULL)
		snprintf(k, n, "%zu:%s\n%s\n%d", strlen(rd->sender), rd->sender,
		    js, rank);
out:
	free(js);
	return k;
}

/* ---- sessions ---- */

/* Names the session after the sender and the instant it starts. */
static int
name_session(struct rasa_rd *rd, int64_t t, int ms)
{
	time_t tt = (time_t)t;
	struct tm tm;
	size_t n = strlen(rd->sender) + 32;
	char *s = malloc(n);

	if (s == NULL)
		return -1;
	gmtime_r(&tt, &tm);
	snprintf(s, n, "%s#%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", rd->sender,
	    tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday, tm.tm_hour,
	    tm.tm_min, tm.tm_sec, ms);
	free(rd->session);
	rd->session = s;
	rd->named = 1;
	return 0;
}

/* A new session: what the end's outcome is inferred from, cleared. */
static void
session_reset(struct rasa_rd *rd)
{
	rd->stored = rd->said = rd->lost = rd->handoff = rd->error = 0;
	rd->has_end = 0;
	seen_clear(rd);
}

/* What every event of the session says: when, which session, the caller
 * when the sender is one. */
static int
base(struct rasa_rd *rd, struct cs_bot_rec *r, int64_t t, int ms)
{
	if (!rd->named && name_session(rd, t, ms) != 0)
		return -1;
	memset(r, 0, sizeof(*r));
	r->time = t;
	r->msec = ms;
	r->confidence = -1;
	r->session = rd->session;
	r->caller = rd->sender_phone ? rd->sender : NULL;
	return 0;
}

/* The session-level facts of ev's metadata onto r. */
static void
facts(struct cs_bot_rec *r, json_t *ev)
{
	const char *caller = META(ev, caller_keys);

	r->call_id = META(ev, call_id_keys);
	r->sip_call_id = META(ev, sip_keys);
	if (caller != NULL && cs_number_is_phone(caller))
		r->caller = caller;
	r->called = META(ev, called_keys);
}

/* Stores t (rd->cur while the sink stores it); -1 when the sink stopped. */
static int
emit(struct rasa_rd *rd, struct turn *t)
{
	const char *raw = t->key != NULL ? t->key : rd->session;
	int rc;

	rd->cur = *t;
	memset(t, 0, sizeof(*t));
	rc = rd->sink->store(rd->sink->arg, rd->cur.line, rd->cur.rec.time,
	    raw, strlen(raw));
	rasa_turn_free(&rd->cur);
	rd->stored = 1;
	return rc;
}

static int
flush_held(struct rasa_rd *rd)
{
	if (!rd->has_held)
		return 0;
	rd->has_held = 0;
	return emit(rd, &rd->held);
}

/* The session's end, at t (else its latest event), with its outcome. */
static int
end_session(struct rasa_rd *rd, int has_t, int64_t t, int ms, long line)
{
	struct turn e;
	int rc = 0;

	if (flush_held(rd) != 0)
		return -1;
	if (rd->stored) {
		memset(&e, 0, sizeof(e));
		if (!has_t) {
			t = rd->end_t;
			ms = rd->end_ms;
		}
		if (base(rd, &e.rec, t, ms) != 0)
			return -1;
		e.rec.type = "session_end";
		e.rec.outcome = rd->handoff ? "escalated" : rd->error ? "error" :
		    !rd->said || rd->lost ? "abandoned" : "resolved";
		e.line = line;
		rc = emit(rd, &e);
	}
	session_reset(rd);
	return rc;
}

/* ---- events ---- */

static int
is_fallback_action(const char *name)
{
	return strcmp(name, "action_default_fallback") == 0 ||
	    strcmp(name, "action_two_stage_fallback") == 0;
}

/* A hand-over to a person: an action that says so (not a response,
 * utter_human_handoff_not_available, which says it could not). */
static int
is_handoff_action(const char *name)
{
	return strncmp(name, "utter_", 6) != 0 &&
	    (strcasestr(name, "handoff") != NULL ||
	    strcasestr(name, "human") != NULL);
}

static enum kind
kind_of(const char *type, json_t *ev)
{
	const char *name;

	if (strcmp(type, "user") == 0)
		return K_USER;
	if (strcmp(type, "bot") == 0)
		return K_BOT;
	if (strcmp(type, "session_started") == 0)
		return K_START;
	if (strcmp(type, "restart") == 0 || strcmp(type, "session_ended") == 0)
		return K_END;
	if (strcmp(type, "action") == 0 &&
	    (name = rasa_str(json_object_get(ev, "name"))) != NULL) {
		if (strcmp(name, "action_session_start") == 0)
			return K_BOOK;
		if (is_fallback_action(name))
			return K_FALLBACK;
		if (is_handoff_action(name))
			return K_HANDOFF;
	}
	if (strcmp(type, "flow_started") == 0 &&
	    (name = rasa_str(json_object_get(ev, "flow_id"))) != NULL) {
		if (strcmp(name, "pattern_human_handoff") == 0)
			return K_HANDOFF;
		if (strcmp(name, "pattern_cannot_handle") == 0)
			return K_FALLBACK;
		if (strcmp(name, "pattern_internal_error") == 0)
			return K_ERROR;
	}
	return K_SKIP;
}

/* The caller's turn ev into u; a message in msg when ev is refused. */
static int
user_turn(struct rasa_rd *rd, json_t *ev, struct turn *u, char *msg,
    size_t n)
{
	json_t *intent = json_object_get(json_object_get(ev, "parse_data"),
	    "intent"), *c = json_object_get(intent, "confidence"), *x;
	const char *v;

	u->rec.type = "utterance";
	u->rec.speaker = "caller";
	u->rec.text = rasa_str(json_object_get(ev, "text"));
	u->rec.intent = rasa_str(json_object_get(intent, "name"));
	if (json_is_number(c)) {
		double d = json_number_value(c);

		if (!(d >= 0 && d <= 1)) {
			snprintf(msg, n, "parse_data.intent.confidence: %g is not "
			    "between 0 and 1", d);
			return -1;
		}
		u->rec.confidence = (int)(d * 1000 + 0.5);
	} else if (c != NULL && !json_is_null(c)) {
		snprintf(msg, n, "parse_data.intent.confidence: expected a "
		    "number from 0 to 1");
		return -1;
	}
	if (u->rec.intent != NULL && strcmp(u->rec.intent, "nlu_fallback") == 0)
		u->rec.match = "no_match";
	else if (u->rec.text == NULL && u->rec.intent == NULL)
		u->rec.match = "no_input";
	else if (u->rec.intent != NULL)
		u->rec.match = "matched";
	facts(&u->rec, ev);
	/* the channel and the message's id, for a report that wants them */
	if ((x = json_object()) == NULL)
		return 0;
	if ((v = rasa_str(json_object_get(ev, "input_channel"))) != NULL)
		json_object_set_new(x, "input_channel", json_string(v));
	if ((v = rasa_str(json_object_get(ev, "message_id"))) != NULL)
		json_object_set_new(x, "message_id", json_string(v));
	if (json_object_size(x) > 0)
		u->rec.extra = u->extra = json_dumps(x, JSON_COMPACT |
		    JSON_SORT_KEYS);
	json_decref(x);
	return 0;
}

/*
 * One Rasa event of the tracker, at line:column (column 0: unknown).
 * type and tcol: the SQL store's type_name and timestamp columns, when
 * the event's JSON lacks them (NULL, NAN: none).  Returns 0, or -1 when
 * out of memory or the sink stopped.
 */
int
rasa_event(struct rasa_rd *rd, json_t *ev, long line, long column,
    const char *type, double tcol)
{
	char msg[CS_ERROR_MAX];
	struct turn t;
	json_t *tv;
	double ts = tcol;
	int64_t when = 0;
	int ms = 0, has_t;
	enum kind k;

	memset(&t, 0, sizeof(t));
	if (!json_is_object(ev)) {
		rasa_reject(rd, line, column, "expected an event {\"event\": ...}");
		return 0;
	}
	if (rasa_str(json_object_get(ev, "event")) != NULL)
		type = rasa_str(json_object_get(ev, "event"));
	if (type == NULL) {
		rasa_reject(rd, line, column, "no event: expected the event's type "
		    "(user, bot, action...)");
		return 0;
	}
	tv = json_object_get(ev, "timestamp");
	if (json_is_number(tv)) {
		ts = json_number_value(tv);
	} else if (tv != NULL && !json_is_null(tv)) {
		rasa_reject(rd, line, column, "timestamp: expected seconds since "
		    "1970 (1741078862.5)");
		return 0;
	}
	has_t = !isnan(ts);
	if (has_t && time_of(ts, &when, &ms) != 0) {
		rasa_reject(rd, line, column, "timestamp: %.15g is out of range "
		    "(years %d to %d)", ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
		return 0;
	}
	k = kind_of(type, ev);
	if (!has_t && (k == K_USER || k == K_BOT || k == K_START ||
	    k == K_HANDOFF)) {
		rasa_reject(rd, line, column, "%.40s: no timestamp", type);
		return 0;
	}
	if (k == K_USER && user_turn(rd, ev, &t, msg, sizeof(msg)) != 0) {
		rasa_reject(rd, line, column, "%s", msg);
		return 0;
	}
	rd->sink->read(rd->sink->arg, line);

	switch (k) {
	case K_START:
		if (end_session(rd, 0, 0, 0, rd->last_line) != 0 ||
		    name_session(rd, when, ms) != 0)
			goto fail;
		break;
	case K_END:
		rd->last_line = line;
		if (end_session(rd, has_t, when, ms, line) != 0)
			goto fail;
		rd->named = 0;
		return 0;
	case K_USER:
		/* the caller's turn before is settled: stored */
		if (flush_held(rd) != 0)
			goto fail;
		break;
	default:
		break;
	}
	rd->last_line = line;
	if (has_t && k != K_BOOK && (!rd->has_end || when > rd->end_t ||
	    (when == rd->end_t && ms > rd->end_ms))) {
		rd->end_t = when;
		rd->end_ms = ms;
		rd->has_end = 1;
	}

	switch (k) {
	case K_USER: {
		struct cs_bot_rec r = t.rec;

		if (base(rd, &t.rec, when, ms) != 0)
			goto fail;
		/* the caller's facts over base's */
		t.rec.type = r.type;
		t.rec.speaker = r.speaker;
		t.rec.text = r.text;
		t.rec.intent = r.intent;
		t.rec.confidence = r.confidence;
		t.rec.match = r.match;
		t.rec.call_id = r.call_id;
		t.rec.sip_call_id = r.sip_call_id;
		if (r.caller != NULL)
			t.rec.caller = r.caller;
		t.rec.called = r.called;
		t.rec.extra = r.extra;
		rd->said++;
		rd->lost = r.match != NULL && strcmp(r.match, "matched") != 0;
		t.ev = json_incref(ev);
		t.line = line;
		if ((t.rec.key = t.key = key_of(rd, ev)) == NULL)
			goto fail;
		rd->held = t;
		rd->has_held = 1;
		return 0;
	}
	case K_BOT:
	case K_START:
	case K_HANDOFF:
		if (base(rd, &t.rec, when, ms) != 0)
			goto fail;
		t.rec.type = k == K_BOT ? "utterance" : k == K_START ?
		    "session_start" : "transfer";
		if (k != K_START)
			t.rec.speaker = "bot";
		if (k == K_BOT)
			t.rec.text = rasa_str(json_object_get(ev, "text"));
		else
			facts(&t.rec, ev);
		if (t.rec.caller == NULL && rd->sender_phone)
			t.rec.caller = rd->sender;
		if (k == K_HANDOFF)
			rd->handoff = 1;
		t.ev = json_incref(ev);
		t.line = line;
		if ((t.rec.key = t.key = key_of(rd, ev)) == NULL)
			goto fail;
		return emit(rd, &t);
	case K_FALLBACK:
		if (rd->has_held)
			rd->held.rec.match = "no_match";
		rd->lost = 1;
		return 0;
	case K_ERROR:
		rd->error = 1;
		return 0;
	default:
		return 0;
	}
fail:
	rasa_turn_free(&t);
	return -1;
}

/* A tracker begins: sender's. */
int
rasa_tracker_begin(struct rasa_rd *rd, const char *sender)
{
	free(rd->sender);
	free(rd->session);
	rd->session = NULL;
	if ((rd->sender = strdup(sender)) == NULL ||
	    (rd->session = strdup(sender)) == NULL)
		return -1;
	rd->sender_phone = cs_number_is_phone(sender);
	rd->named = 1;
	rd->last_line = 0;
	session_reset(rd);
	return 0;
}

/* The tracker's end ends its last session. */
int
rasa_tracker_end(struct rasa_rd *rd)
{
	int rc = 0;

	if (rd->sender != NULL)
		rc = end_session(rd, 0, 0, 0, rd->last_line);
	free(rd->sender);
	free(rd->session);
	rd->sender = rd->session = NULL;
	return rc;
}
