/*
 * connect_ctr.c: Amazon Connect contact trace records (connect-ctr), one
 * JSON record a line as Kinesis Firehose writes them to S3.  A record is a
 * whole contact, which becomes up to three canonical events (bot.h): its
 * start, its hand-over to a queue or an agent, and its end with an outcome
 * read from what happened (callstat-import(1), "connect-ctr").  Parsed with
 * Jansson; of the free Attributes map only the names callstat documents
 * are read: the rest (what a flow stored of the caller) is never stored.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "bot.h"
#include "bot_json.h"
#include "readers.h"

/* The events of a contact, by their index in cs_bot_store. */
enum { EV_START, EV_TRANSFER, EV_END, EV_N };

struct ctr_rd {
	struct cs_format_ctx ctx;
	json_t *obj;		/* the line parsed last: the texts are in it */
	struct cs_bot_rec ev[EV_N];
	int has[EV_N];
	const char *contact;
	char *extra[EV_N];
	char *buf;		/* the line as UTF-8 */
	size_t cap;
};

/* A string member of o (NULL when absent or null); -1 for another type. */
static int
str_of(json_t *o, const char *what, const char *key, const char **out,
    struct cs_error *err)
{
	json_t *v = o != NULL ? json_object_get(o, key) : NULL;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_string(v))
		return cs_error_set(err, "%s%s%s: expected a string",
		    what != NULL ? what : "", what != NULL ? "." : "", key);
	*out = json_string_value(v);
	return 0;
}

/* An object member of o (NULL when absent or null); -1 for another type. */
static int
obj_of(json_t *o, const char *key, json_t **out, struct cs_error *err)
{
	json_t *v = json_object_get(o, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_object(v))
		return cs_error_set(err, "%s: expected an object", key);
	*out = v;
	return 0;
}

/* A timestamp member of o: *present 0 when absent or null. */
static int
time_of(json_t *o, const char *what, const char *key, int64_t *t, int *msec,
    int *present, struct cs_error *err)
{
	const char *ts;
	int rc;

	*present = 0;
	if (str_of(o, what, key, &ts, err) != 0)
		return -1;
	if (ts == NULL)
		return 0;
	rc = cs_iso8601_parse(ts, strlen(ts), t, msec);
	if (rc == -2)
		return cs_error_set(err, "%s%s%s: '%.40s' has no offset; "
		    "write it with Z", what != NULL ? what : "",
		    what != NULL ? "." : "", key, ts);
	if (rc != 0)
		return cs_error_set(err, "%s%s%s: '%.40s' is not an ISO 8601 "
		    "time (2025-03-04T09:01:02Z)", what != NULL ? what : "",
		    what != NULL ? "." : "", key, ts);
	if (!cs_log_time_ok(*t))
		return cs_error_set(err, "%s%s%s: '%.40s' is out of range "
		    "(%d to %d)", what != NULL ? what : "",
		    what != NULL ? "." : "", key, ts, CS_LOG_YEAR_MIN,
		    CS_LOG_YEAR_MAX);
	*present = 1;
	return 0;
}

/* Disconnect reasons that say the contact failed rather than ended. */
static int
is_error_reason(const char *reason)
{
	return reason != NULL && strcmp(reason, "TELECOM_PROBLEM") == 0;
}

/* {"KEY":"value"} for the stored event's extra, or NULL for none. */
static int
extra_of(char **out, const char *key, const char *value, struct cs_error *err)
{
	json_t *o;

	free(*out);
	*out = NULL;
	if (value == NULL)
		return 0;
	if ((o = json_pack("{ss}", key, value)) == NULL)
		return cs_error_set(err, "out of memory");
	*out = json_dumps(o, JSON_COMPACT);
	json_decref(o);
	return *out == NULL ? cs_error_set(err, "out of memory") : 0;
}

/* What the flow copied into the contact's attributes, by callstat's names
 * (the canonical events'), the intent also by Amazon Lex's own. */
struct attrs {
	const char *intent, *service, *call_id, *sip_call_id;
};

static int
attrs_of(json_t *obj, struct attrs *a, struct cs_error *err)
{
	json_t *o;

	memset(a, 0, sizeof(*a));
	if (obj_of(obj, "Attributes", &o, err) != 0)
		return -1;
	if (o == NULL)
		return 0;
	if (str_of(o, "Attributes", "intent", &a->intent, err) != 0 ||
	    (a->intent == NULL &&
	    str_of(o, "Attributes", "IntentName", &a->intent, err) != 0) ||
	    str_of(o, "Attributes", "service", &a->service, err) != 0 ||
	    str_of(o, "Attributes", "call_id", &a->call_id, err) != 0 ||
	    str_of(o, "Attributes", "sip_call_id", &a->sip_call_id, err) != 0)
		return -1;
	return 0;
}

/* The hand-over: to a queue, straight to an agent, or out to a number. */
static int
transfer_of(struct ctr_rd *rd, struct cs_bot_rec *tr, int *queued,
    int *agent, struct cs_error *err)
{
	json_t *queue, *ag, *to;
	const char *target = NULL;
	int64_t t;
	int ms, have;

	*queued = *agent = 0;
	if (obj_of(rd->obj, "Queue", &queue, err) != 0 ||
	    obj_of(rd->obj, "Agent", &ag, err) != 0 ||
	    obj_of(rd->obj, "TransferredToEndpoint", &to, err) != 0 ||
	    str_of(queue, "Queue", "Name", &target, err) != 0)
		return -1;
	if (time_of(queue, "Queue", "EnqueueTimestamp", &tr->time, &tr->msec,
	    queued, err) != 0 ||
	    time_of(ag, "Agent", "ConnectedToAgentTimestamp", &t, &ms, agent,
	    err) != 0)
		return -1;
	if (!*queued && *agent) {
		tr->time = t;
		tr->msec = ms;
	}
	if (*queued || *agent) {
		tr->transfer_target = target;
		return 1;
	}
	/* transferred out of Connect (a number, not a queue) */
	if (time_of(rd->obj, NULL, "TransferCompletedTimestamp", &t, &ms, &have,
	    err) != 0 ||
	    str_of(to, "TransferredToEndpoint", "Address", &target, err) != 0)
		return -1;
	if (!have)
		return 0;
	tr->time = t;
	tr->msec = ms;
	tr->transfer_target = target;
	return 1;
}

/* The record's members into the events of rd. */
static int
events(struct ctr_rd *rd, struct cs_error *err)
{
	struct cs_bot_rec *st = &rd->ev[EV_START], *tr = &rd->ev[EV_TRANSFER],
	    *end = &rd->ev[EV_END];
	json_t *cust, *sys;
	struct attrs a;
	const char *method, *reason;
	int queued, agent, have;

	memset(rd->ev, 0, sizeof(rd->ev));
	memset(rd->has, 0, sizeof(rd->has));
	for (int i = 0; i < EV_N; i++) {
		rd->ev[i].confidence = -1;
		rd->ev[i].type = i == EV_START ? "session_start" :
		    i == EV_TRANSFER ? "transfer" : "session_end";
	}
	if (str_of(rd->obj, NULL, "ContactId", &rd->contact, err) != 0)
		return -1;
	if (rd->contact == NULL || *rd->contact == '\0')
		return cs_error_set(err, "no ContactId");
	if (time_of(rd->obj, NULL, "InitiationTimestamp", &st->time,
	    &st->msec, &have, err) != 0)
		return -1;
	if (!have)
		return cs_error_set(err, "no InitiationTimestamp");
	if (obj_of(rd->obj, "CustomerEndpoint", &cust, err) != 0 ||
	    obj_of(rd->obj, "SystemEndpoint", &sys, err) != 0 ||
	    str_of(cust, "CustomerEndpoint", "Address", &st->caller, err) != 0 ||
	    str_of(sys, "SystemEndpoint", "Address", &st->called, err) != 0 ||
	    str_of(rd->obj, NULL, "InitiationMethod", &method, err) != 0 ||
	    str_of(rd->obj, NULL, "DisconnectReason", &reason, err) != 0 ||
	    attrs_of(rd->obj, &a, err) != 0)
		return -1;
	rd->has[EV_START] = 1;
	st->call_id = a.call_id != NULL ? a.call_id : rd->contact;
	st->sip_call_id = a.sip_call_id;
	if (extra_of(&rd->extra[EV_START], "InitiationMethod", method, err) != 0)
		return -1;
	st->extra = rd->extra[EV_START];

	if ((rd->has[EV_TRANSFER] = transfer_of(rd, tr, &queued, &agent,
	    err)) < 0)
		return -1;
	if (time_of(rd->obj, NULL, "DisconnectTimestamp", &end->time,
	    &end->msec, &rd->has[EV_END], err) != 0)
		return -1;
	if (rd->has[EV_END] && (end->time < st->time ||
	    (end->time == st->time && end->msec < st->msec)))
		return cs_error_set(err, "DisconnectTimestamp: before "
		    "InitiationTimestamp; the record is damaged");
	/* a person took the call: escalated, whatever cut it after */
	end->outcome = agent ? "escalated" : is_error_reason(reason) ? "error" :
	    queued ? "abandoned" : rd->has[EV_TRANSFER] ? "escalated" :
	    "resolved";
	if (extra_of(&rd->extra[EV_END], "DisconnectReason", reason, err) != 0)
		return -1;
	end->extra = rd->extra[EV_END];
	/* what the contact was about, on its last event */
	for (int i = EV_N - 1; i >= 0; i--)
		if (rd->has[i]) {
			rd->ev[i].intent = a.intent;
			rd->ev[i].service = a.service;
			break;
		}
	for (int i = 0; i < EV_N; i++)
		rd->ev[i].session = rd->contact;
	return 0;
}

/* ---- the entry in the table of formats ---- */

static int
has(const char *s, const char *e, const char *key)
{
	return memmem(s, (size_t)(e - s), key, strlen(key)) != NULL;
}

/* A line of connect-ctr: an object with a contact's id, how it came and
 * when: the members every record has, which no other format writes. */
static int
looks_ctr(const char *s, const char *e)
{
	if (*s != '{' || e[-1] != '}')
		return 0;
	return has(s, e, "\"ContactId\"") &&
	    has(s, e, "\"InitiationTimestamp\"") &&
	    has(s, e, "\"InitiationMethod\"");
}

static void *
ctr_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct ctr_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
ctr_close(void *p)
{
	struct ctr_rd *rd = p;

	if (rd == NULL)
		return;
	json_decref(rd->obj);
	for (int i = 0; i < EV_N; i++)
		free(rd->extra[i]);
	free(rd->buf);
	free(rd);
}

static int
ctr_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct ctr_rd *rd = p;
	const char *channel;

	json_decref(rd->obj);
	rd->obj = NULL;
	memset(rd->has, 0, sizeof(rd->has));
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 1;
	if (cs_bot_json_object(line, len, 0, "contact record", &rd->buf,
	    &rd->cap, &rd->obj, err) != 0)
		return -1;
	/* chats, tasks and e-mails are no calls */
	if (str_of(rd->obj, NULL, "Channel", &channel, err) != 0)
		return -1;
	if (channel != NULL && strcmp(channel, "VOICE") != 0)
		return 1;
	if (events(rd, err) != 0) {
		memset(rd->has, 0, sizeof(rd->has));
		return -1;
	}
	*t = rd->ev[EV_START].time;
	return 0;
}

/*
 * Connect delivers a record at least once, and again when the contact is
 * updated: the events are keyed by the contact, not by the line, so that a
 * record delivered twice is stored once (the first copy read is kept).
 */
static int
ctr_store(void *p, const struct cs_store_at *at)
{
	struct ctr_rd *rd = p;

	for (int i = 0; i < EV_N; i++) {
		rd->ev[i].key = rd->contact;
		if (rd->has[i] && cs_bot_store(&rd->ev[i], i, &rd->ctx, at) != 0)
			return -1;
	}
	return 0;
}

const struct cs_format cs_format_connect_ctr = {
	.name = "connect-ctr",
	.title = "Amazon Connect contact trace records",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_ctr,
	.noise = NULL,
	.open = ctr_open,
	.close = ctr_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = ctr_parse,
	.store = ctr_store,
	.keyed = 1,
	.map = cs_bot_map,
};
