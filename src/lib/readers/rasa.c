/*
 * rasa.c: Rasa's conversation trackers (rasa; callstat-import(1)), a
 * whole-file format (format.h): the SQL tracker store's SQLite file, whose
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
#include <unistd.h>
#include <errno.h>

#include <jansson.h>
#include <sqlite3.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "bot.h"
#include "readers.h"

/* The first 16 bytes of an SQLite database file, its NUL included. */
static const char sqlite_magic[16] = "SQLite format 3";

/* How far into a file detection looks for a tracker's keys. */
#define LOOK_SPAN (64 * 1024)

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

/* A canonical event being made, and what its texts point into. */
struct turn {
	struct cs_bot_rec rec;
	json_t *ev;		/* the Rasa event (a reference held) */
	char *key, *extra;	/* rec.key, rec.extra */
	long line;
};

struct rasa_rd {
	struct cs_format_ctx ctx;
	const struct cs_format_sink *sink;

	/* the tracker being read */
	char *sender;
	int sender_phone;	/* the sender is the caller's number */
	char *session;		/* the session's name */
	int named;		/* 0: the next event stored names a session */
	int stored;		/* events of the session stored: an end owed */
	int said, lost;		/* caller's turns; the last not understood */
	int handoff, error;
	int64_t end_t;		/* the session's latest event */
	int end_ms, has_end;
	long last_line;
	struct turn held;	/* the caller's last turn, not stored yet */
	int has_held;
	struct turn cur;	/* what store stores */

	/* events alike in the session: hashes and counts, open addressing */
	unsigned *seen_h;
	int *seen_n;
	size_t seen_cap, seen_used;

	/* a document's offsets: its trackers', then a tracker's events' */
	size_t *pos;
	size_t npos, pos_cap;
	char *buf;		/* a row's data as UTF-8 */
	size_t cap;
};

/* ---- small helpers ---- */

static const char *
str(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && *s != '\0' ? s : NULL;
}

static void
reject(struct rasa_rd *rd, long line, long column, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void
reject(struct rasa_rd *rd, long line, long column, const char *fmt, ...)
{
	char msg[CS_ERROR_MAX];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	rd->sink->reject(rd->sink->arg, line, column, msg);
}

static void
turn_free(struct turn *t)
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
				if (key_is(k, keys[i]) && str(v) != NULL)
					return str(v);
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
	turn_free(&rd->cur);
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
	    (name = str(json_object_get(ev, "name"))) != NULL) {
		if (strcmp(name, "action_session_start") == 0)
			return K_BOOK;
		if (is_fallback_action(name))
			return K_FALLBACK;
		if (is_handoff_action(name))
			return K_HANDOFF;
	}
	if (strcmp(type, "flow_started") == 0 &&
	    (name = str(json_object_get(ev, "flow_id"))) != NULL) {
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
	u->rec.text = str(json_object_get(ev, "text"));
	u->rec.intent = str(json_object_get(intent, "name"));
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
	if ((v = str(json_object_get(ev, "input_channel"))) != NULL)
		json_object_set_new(x, "input_channel", json_string(v));
	if ((v = str(json_object_get(ev, "message_id"))) != NULL)
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
static int
event(struct rasa_rd *rd, json_t *ev, long line, long column,
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
		reject(rd, line, column, "expected an event {\"event\": ...}");
		return 0;
	}
	if (str(json_object_get(ev, "event")) != NULL)
		type = str(json_object_get(ev, "event"));
	if (type == NULL) {
		reject(rd, line, column, "no event: expected the event's type "
		    "(user, bot, action...)");
		return 0;
	}
	tv = json_object_get(ev, "timestamp");
	if (json_is_number(tv)) {
		ts = json_number_value(tv);
	} else if (tv != NULL && !json_is_null(tv)) {
		reject(rd, line, column, "timestamp: expected seconds since "
		    "1970 (1741078862.5)");
		return 0;
	}
	has_t = !isnan(ts);
	if (has_t && time_of(ts, &when, &ms) != 0) {
		reject(rd, line, column, "timestamp: %.15g is out of range "
		    "(years %d to %d)", ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
		return 0;
	}
	k = kind_of(type, ev);
	if (!has_t && (k == K_USER || k == K_BOT || k == K_START ||
	    k == K_HANDOFF)) {
		reject(rd, line, column, "%.40s: no timestamp", type);
		return 0;
	}
	if (k == K_USER && user_turn(rd, ev, &t, msg, sizeof(msg)) != 0) {
		reject(rd, line, column, "%s", msg);
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
			t.rec.text = str(json_object_get(ev, "text"));
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
	turn_free(&t);
	return -1;
}

/* A tracker begins: sender's. */
static int
tracker_begin(struct rasa_rd *rd, const char *sender)
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
static int
tracker_end(struct rasa_rd *rd)
{
	int rc = 0;

	if (rd->sender != NULL)
		rc = end_session(rd, 0, 0, 0, rd->last_line);
	free(rd->sender);
	free(rd->session);
	rd->sender = rd->session = NULL;
	return rc;
}

/* ---- exported JSON ---- */

/* Where an offset of the text is: its line and column (characters, from
 * 1), counted on from the last offset asked, since they come in order. */
struct where {
	const char *s;
	size_t at;
	long line, col;
};

static void
where_at(struct where *w, size_t p, long *line, long *col)
{
	if (p < w->at) {
		w->at = 0;
		w->line = w->col = 1;
	}
	for (; w->at < p; w->at++)
		if (w->s[w->at] == '\n') {
			w->line++;
			w->col = 1;
		} else if (((unsigned char)w->s[w->at] & 0xc0) != 0x80) {
			w->col++;
		}
	*line = w->line;
	*col = w->col;
}

static size_t
skip_ws(const char *s, size_t i, size_t n)
{
	while (i < n && (s[i] == ' ' || s[i] == '\t' || s[i] == '\n' ||
	    s[i] == '\r'))
		i++;
	return i;
}

static size_t
skip_string(const char *s, size_t i, size_t n)
{
	for (i++; i < n; i++)
		if (s[i] == '\\')
			i++;
		else if (s[i] == '"')
			return i + 1;
	return n;
}

/* The end of the JSON value at s[i] (known to be valid: jansson read it). */
static size_t
skip_value(const char *s, size_t i, size_t n)
{
	int depth = 0;

	while (i < n) {
		char c = s[i];

		if (c == '"') {
			i = skip_string(s, i, n);
			if (depth == 0)
				return i;
			continue;
		}
		if (c == '{' || c == '[') {
			depth++;
		} else if (c == '}' || c == ']') {
			if (--depth <= 0)
				return depth == 0 ? i + 1 : i;
		} else if (depth == 0 && (c == ',' || c == ' ' || c == '\t' ||
		    c == '\n' || c == '\r')) {
			return i;
		}
		i++;
	}
	return n;
}

static int
pos_push(struct rasa_rd *rd, size_t p)
{
	if (rd->npos == rd->pos_cap) {
		size_t cap = rd->pos_cap == 0 ? 256 : 2 * rd->pos_cap;
		size_t *np = realloc(rd->pos, cap * sizeof(*np));

		if (np == NULL)
			return -1;
		rd->pos = np;
		rd->pos_cap = cap;
	}
	rd->pos[rd->npos++] = p;
	return 0;
}

/* The offsets of the elements of the array at s[i], appended to
 * rd->pos.  -1 when out of memory. */
static int
elements(struct rasa_rd *rd, const char *s, size_t i, size_t n)
{
	if (i >= n || s[i] != '[')
		return 0;
	for (i = skip_ws(s, i + 1, n); i < n && s[i] != ']';) {
		if (pos_push(rd, i) != 0)
			return -1;
		i = skip_ws(s, skip_value(s, i, n), n);
		i = skip_ws(s, i < n && s[i] == ',' ? i + 1 : i, n);
	}
	return 0;
}

/* The offsets of the elements of the object at s[i]'s member of that name
 * (its last, as jansson keeps the last of a key written twice), appended
 * to rd->pos.  -1 when out of memory. */
static int
member_elements(struct rasa_rd *rd, const char *s, size_t i, size_t n,
    const char *member)
{
	size_t mlen = strlen(member), first = rd->npos;

	for (i = skip_ws(s, i + 1, n); i < n && s[i] == '"';) {
		size_t k = i;

		i = skip_string(s, i, n);
		if (i - k == mlen + 2 && memcmp(s + k + 1, member, mlen) == 0) {
			rd->npos = first;
			i = skip_ws(s, i, n);
			i = skip_ws(s, i < n && s[i] == ':' ? i + 1 : i, n);
			if (elements(rd, s, i, n) != 0)
				return -1;
		} else {
			i = skip_ws(s, i, n);
			i = skip_ws(s, i < n && s[i] == ':' ? i + 1 : i, n);
		}
		i = skip_ws(s, skip_value(s, i, n), n);
		i = skip_ws(s, i < n && s[i] == ',' ? i + 1 : i, n);
	}
	return 0;
}

/* One tracker of a document, the object at text[at]. */
static int
tracker(struct rasa_rd *rd, json_t *v, const char *text, size_t at,
    size_t end, struct where *w)
{
	json_t *events = json_object_get(v, "events"), *ev;
	const char *sender = json_is_object(v) ?
	    str(json_object_get(v, "sender_id")) : NULL;
	long line, col;
	size_t i, first;
	int ok;

	where_at(w, at, &line, &col);
	if (sender == NULL || !json_is_array(events)) {
		reject(rd, line, col, "expected a Rasa tracker: an object with "
		    "sender_id (a string) and events (a list)");
		return 0;
	}
	first = rd->npos;
	if (member_elements(rd, text, at, end, "events") != 0 ||
	    tracker_begin(rd, sender) != 0)
		return -1;
	/* the events' own places, when the scan found as many as jansson */
	ok = rd->npos - first == json_array_size(events);
	json_array_foreach(events, i, ev) {
		long el = line, ec = col;

		if (ok)
			where_at(w, rd->pos[first + i], &el, &ec);
		if (event(rd, ev, el, ec, NULL, NAN) != 0)
			return -1;
	}
	rd->npos = first;
	return tracker_end(rd);
}

/* Where to read again after a document that is not JSON: the next line
 * that starts a document ('{' or '[' in its first column), or n. */
static size_t
next_document(const char *s, size_t p, size_t n)
{
	const char *nl;

	while (p < n && (nl = memchr(s + p, '\n', n - p)) != NULL) {
		p = (size_t)(nl - s) + 1;
		if (p < n && (s[p] == '{' || s[p] == '['))
			return p;
	}
	return n;
}

/* Reads text (len bytes, valid UTF-8): documents, one after another. */
static int
read_json(struct rasa_rd *rd, const char *text, size_t len)
{
	struct where w = { text, 0, 1, 1 };
	size_t p = 0;

	for (;;) {
		json_error_t jerr;
		json_t *v;
		long line, col;
		size_t end, first, i;
		json_t *t;

		if ((p = skip_ws(text, p, len)) >= len)
			return 0;
		where_at(&w, p, &line, &col);
		if (text[p] != '{' && text[p] != '[') {
			reject(rd, line, col, "expected a Rasa tracker "
			    "{\"sender_id\": ..., \"events\": [...]}, or a list "
			    "of them");
			p = next_document(text, p, len);
			continue;
		}
		/* a key written twice keeps its last value, as Rasa's own
		   reader does (its test trackers have some) */
		v = json_loadb(text + p, len - p, JSON_DISABLE_EOF_CHECK, &jerr);
		if (v == NULL) {
			if (jerr.line >= 1)
				reject(rd, line + jerr.line - 1, jerr.line == 1 ?
				    col + jerr.column - 1 : jerr.column, "%s",
				    jerr.text);
			else
				reject(rd, line, col, "%s", jerr.text);
			p = next_document(text, p, len);
			continue;
		}
		end = p + (size_t)jerr.position;
		if (end <= p || end > len)
			end = len;
		if (json_is_object(v)) {
			if (tracker(rd, v, text, p, end, &w) != 0) {
				json_decref(v);
				return -1;
			}
		} else {
			/* a list of trackers: the places of each */
			first = rd->npos;
			if (elements(rd, text, p, end) != 0) {
				json_decref(v);
				return -1;
			}
			if (rd->npos - first != json_array_size(v))
				rd->npos = first;
			json_array_foreach(v, i, t) {
				size_t at = rd->npos > first ?
				    rd->pos[first + i] : p;

				if (tracker(rd, t, text, at, end, &w) != 0) {
					json_decref(v);
					return -1;
				}
			}
			rd->npos = first;
		}
		json_decref(v);
		p = end;
	}
}

/* ---- the SQL tracker store ---- */

/* The Rasa events of the SQL tracker store at path, tracker by tracker. */
static int
read_sql(struct rasa_rd *rd, const char *path, const char *name,
    struct cs_error *err)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	int rc = -1, src;

	if (path == NULL) {
		cs_error_set(err, "%s: an SQLite database cannot be read from "
		    "standard input; give its file", name);
		goto out;
	}
	/* read-only: Rasa's store is never written */
	if ((src = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL)) !=
	    SQLITE_OK) {
		cs_error_set(err, "%s: cannot open the SQLite database: %s", name,
		    h != NULL ? sqlite3_errmsg(h) : sqlite3_errstr(src));
		goto out;
	}
	sqlite3_busy_timeout(h, 30000);
	if (sqlite3_prepare_v2(h, "SELECT id, sender_id, type_name, timestamp, "
	    "data FROM events ORDER BY sender_id, id", -1, &st, NULL) !=
	    SQLITE_OK) {
		cs_error_set(err, "%s: an SQLite database, but not a Rasa SQL "
		    "tracker store (%s): expected its table events(id, "
		    "sender_id, type_name, timestamp, data)", name,
		    sqlite3_errmsg(h));
		goto out;
	}
	while ((src = sqlite3_step(st)) == SQLITE_ROW) {
		sqlite3_int64 id = sqlite3_column_int64(st, 0);
		long line = id >= 1 && id <= 0x7fffffffL ? (long)id : 1;
		const char *sender = (const char *)sqlite3_column_text(st, 1);
		const char *type = (const char *)sqlite3_column_text(st, 2);
		double tcol = sqlite3_column_type(st, 3) == SQLITE_NULL ? NAN :
		    sqlite3_column_double(st, 3);
		const char *data = (const char *)sqlite3_column_text(st, 4);
		size_t n = (size_t)sqlite3_column_bytes(st, 4);
		json_error_t jerr;
		json_t *ev;

		if (sender == NULL || *sender == '\0') {
			reject(rd, line, 0, "sender_id is empty");
			continue;
		}
		if ((rd->sender == NULL || strcmp(sender, rd->sender) != 0) &&
		    (tracker_end(rd) != 0 || tracker_begin(rd, sender) != 0)) {
			/* or the sink stopped, whose error is the import's */
			cs_error_set(err, "out of memory");
			goto out;
		}
		if (data == NULL || n == 0) {
			reject(rd, line, 0, "data is empty: expected the event "
			    "as JSON");
			continue;
		}
		if (2 * n + 1 > rd->cap) {
			char *nb = realloc(rd->buf, 2 * n + 1);

			if (nb == NULL) {
				cs_error_set(err, "out of memory");
				goto out;
			}
			rd->buf = nb;
			rd->cap = 2 * n + 1;
		}
		/* bytes that are not UTF-8 read as Latin-1, as elsewhere */
		n = cs_readers_utf8_copy(rd->buf, data, n);
		if ((ev = json_loadb(rd->buf, n, 0, &jerr)) == NULL) {
			reject(rd, line, 0, "data: %s", jerr.text);
			continue;
		}
		src = event(rd, ev, line, 0, type, tcol);
		json_decref(ev);
		if (src != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
	}
	if (src != SQLITE_DONE) {
		cs_error_set(err, "%s: cannot read the SQLite database: %s", name,
		    sqlite3_errmsg(h));
		goto out;
	}
	if ((rc = tracker_end(rd)) != 0)
		cs_error_set(err, "out of memory");
out:
	sqlite3_finalize(st);
	sqlite3_close(h);
	return rc;
}

/* ---- the entry in the table of formats ---- */

/* The SQL tracker store's file (any SQLite database: the reader says when
 * it is another's), or JSON that opens with a tracker's keys. */
static int
looks_file(const char *buf, size_t len)
{
	size_t i = skip_ws(buf, 0, len), n;

	if (len >= sizeof(sqlite_magic) &&
	    memcmp(buf, sqlite_magic, sizeof(sqlite_magic)) == 0)
		return 1;
	if (i >= len || (buf[i] != '{' && buf[i] != '['))
		return 0;
	n = len - i < LOOK_SPAN ? len - i : LOOK_SPAN;
	return memmem(buf + i, n, "\"sender_id\"", 11) != NULL &&
	    memmem(buf + i, n, "\"events\"", 8) != NULL;
}

/* A tracker on one line. */
static int
looks_rasa(const char *s, const char *e)
{
	size_t n = (size_t)(e - s);

	return n > 2 && *s == '{' && e[-1] == '}' &&
	    memmem(s, n, "\"sender_id\"", 11) != NULL &&
	    memmem(s, n, "\"events\"", 8) != NULL;
}

static void *
rasa_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct rasa_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
rasa_close(void *p)
{
	struct rasa_rd *rd = p;

	if (rd == NULL)
		return;
	turn_free(&rd->held);
	turn_free(&rd->cur);
	free(rd->sender);
	free(rd->session);
	free(rd->seen_h);
	free(rd->seen_n);
	free(rd->pos);
	free(rd->buf);
	free(rd);
}

/* The rest of the file after its head, all of it, as UTF-8 in *out. */
static int
slurp(const struct cs_format_file *in, char **out, size_t *outlen,
    struct cs_error *err)
{
	size_t len = in->headlen, cap = in->headlen + 65536;
	char *buf = malloc(cap), *nb;
	int ascii = 1;

	if (buf == NULL)
		return cs_error_set(err, "out of memory");
	memcpy(buf, in->head, in->headlen);
	while (in->fd >= 0) {
		ssize_t k;

		if (len == cap) {
			if ((nb = realloc(buf, 2 * cap)) == NULL) {
				free(buf);
				return cs_error_set(err, "out of memory");
			}
			buf = nb;
			cap *= 2;
		}
		k = read(in->fd, buf + len, cap - len);
		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			free(buf);
			return cs_error_set(err, "%s: %s", in->name,
			    strerror(errno));
		}
		if (k == 0)
			break;
		len += (size_t)k;
	}
	for (size_t i = 0; i < len && ascii; i++)
		ascii = (unsigned char)buf[i] < 0x80;
	if (!ascii) {
		/* bytes that are not UTF-8 read as Latin-1, as elsewhere */
		if ((nb = malloc(2 * len + 1)) == NULL) {
			free(buf);
			return cs_error_set(err, "out of memory");
		}
		len = cs_readers_utf8_copy(nb, buf, len);
		free(buf);
		buf = nb;
	}
	*out = buf;
	*outlen = len;
	return 0;
}

static int
rasa_whole(void *p, const struct cs_format_file *in,
    const struct cs_format_sink *sink, struct cs_error *err)
{
	struct rasa_rd *rd = p;
	char *text = NULL;
	size_t len = 0;
	int rc;

	rd->sink = sink;
	if (in->headlen >= sizeof(sqlite_magic) &&
	    memcmp(in->head, sqlite_magic, sizeof(sqlite_magic)) == 0)
		return read_sql(rd, in->path, in->name, err);
	if (slurp(in, &text, &len, err) != 0)
		return -1;
	rc = read_json(rd, text, len);
	free(text);
	if (rc != 0)
		cs_error_set(err, "out of memory");
	return rc;
}

static int
rasa_store(void *p, const struct cs_store_at *at)
{
	struct rasa_rd *rd = p;

	return cs_bot_store(&rd->cur.rec, 0, &rd->ctx, at);
}

const struct cs_format cs_format_rasa = {
	.name = "rasa",
	.title = "a Rasa tracker store (SQLite) or tracker (JSON)",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_rasa,
	.noise = NULL,
	.looks_file = looks_file,
	.open = rasa_open,
	.close = rasa_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = NULL,
	.store = rasa_store,
	.whole = rasa_whole,
	.map = cs_bot_map,
};
