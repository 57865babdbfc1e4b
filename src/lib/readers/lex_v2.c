/*
 * lex_v2.c: Amazon Lex V2 conversation text logs (lex-v2;
 * callstat-import(1)): one JSON log event a line, as CloudWatch Logs
 * exports them (an export to S3 puts the event's time and a space before
 * each, which is skipped).  A log event is one exchange and gives up to
 * three canonical events, stored with their index: the caller's input
 * (inputTranscript, its intent and nluConfidence, a missed utterance or
 * the FallbackIntent as no_match, nothing said as no_input), the bot's
 * messages, and the end of the conversation when the dialog action is
 * Close (resolved when the intent was fulfilled, as Lex's analytics count
 * a success).
 *
 * The session is sessionId: Amazon Connect names Lex's session after the
 * contact, so a log of the Connect platform gives it as the call id too.
 * The caller's number and the number dialled come from the session or
 * request attributes a contact flow sets, under the names below.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "bot.h"
#include "bot_json.h"
#include "readers.h"

#define LEX_EVENTS 3

/* Attributes that hold the caller's number, the number dialled, the
 * contact's id (compared without case). */
static const char *const caller_keys[] = {
	"CustomerNumber", "CustomerPhoneNumber", "CustomerEndpoint",
	"CallerNumber", "CallerId", "caller_id", "Caller", "ANI",
};
static const char *const called_keys[] = {
	"SystemNumber", "SystemEndpoint", "DialedNumber", "DNIS",
};
static const char *const contact_keys[] = {
	"ContactId", "InitialContactId",
};

struct lex_rd {
	struct cs_format_ctx ctx;
	json_t *obj;		/* the log event parsed last */
	char *buf;		/* the line as UTF-8 */
	size_t cap;
	char *reply;		/* the bot's messages, joined */
	char *extra;
	char lang[16];
	struct cs_bot_rec ev[LEX_EVENTS];
	int nev;
};

static const char *
str(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && *s != '\0' ? s : NULL;
}

static json_t *
at(json_t *o, const char *a, const char *b, const char *c)
{
	o = json_object_get(o, a);
	if (b != NULL)
		o = json_object_get(o, b);
	if (c != NULL)
		o = json_object_get(o, c);
	return o;
}

/* A boolean as Lex writes it: true, or "true". */
static int
is_true(json_t *v)
{
	return json_is_true(v) || (json_is_string(v) &&
	    strcasecmp(json_string_value(v), "true") == 0);
}

/* The value of the first attribute, among the session's then the
 * request's, that one of the keys names. */
static const char *
attribute(json_t *obj, const char *const *keys, size_t nkeys)
{
	json_t *maps[2];
	const char *k;
	json_t *v;

	maps[0] = at(obj, "sessionState", "sessionAttributes", NULL);
	maps[1] = json_object_get(obj, "requestAttributes");
	for (int m = 0; m < 2; m++)
		for (size_t i = 0; i < nkeys; i++)
			json_object_foreach(maps[m], k, v)
				if (strcasecmp(k, keys[i]) == 0 && str(v) != NULL)
					return str(v);
	return NULL;
}

static int
time_of(const char *ts, struct cs_bot_rec *rec, struct cs_error *err)
{
	int rc = cs_iso8601_parse(ts, strlen(ts), &rec->time, &rec->msec);

	if (rc == -2)
		return cs_error_set(err, "timestamp: '%.40s' has no offset; "
		    "write it with Z or +01:00", ts);
	if (rc != 0)
		return cs_error_set(err, "timestamp: '%.40s' is not an ISO "
		    "8601 time (2025-03-04T09:01:02.123Z)", ts);
	if (!cs_log_time_ok(rec->time))
		return cs_error_set(err, "timestamp: '%.40s' is out of range "
		    "(%d to %d)", ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
	return 0;
}

/* The confidence of the interpretation of the intent (else the first):
 * a number or a string such as "0.91". */
static int
confidence_of(json_t *obj, const char *intent, int *out, struct cs_error *err)
{
	json_t *list = json_object_get(obj, "interpretations"), *it, *v = NULL;
	const char *s;
	char *end;
	size_t i;
	double c;

	*out = -1;
	json_array_foreach(list, i, it) {
		const char *name = str(at(it, "intent", "name", NULL));

		if (i == 0 || (intent != NULL && name != NULL &&
		    strcmp(name, intent) == 0))
			v = json_object_get(it, "nluConfidence");
		if (i > 0 && intent != NULL && name != NULL &&
		    strcmp(name, intent) == 0)
			break;
	}
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_number(v)) {
		c = json_number_value(v);
	} else if ((s = str(v)) != NULL) {
		c = strtod(s, &end);
		if (end == s || *end != '\0')
			return cs_error_set(err, "nluConfidence: '%.20s' is not "
			    "a number from 0 to 1", s);
	} else {
		return cs_error_set(err, "nluConfidence: expected a number "
		    "from 0 to 1");
	}
	if (!(c >= 0 && c <= 1))
		return cs_error_set(err, "nluConfidence: %g is not between 0 "
		    "and 1", c);
	*out = (int)(c * 1000 + 0.5);
	return 0;
}

/* The bot's messages, joined, SSML tags left out. */
static int
reply_of(struct lex_rd *rd, struct cs_error *err)
{
	json_t *m;
	size_t i, len = 0;

	free(rd->reply);
	rd->reply = NULL;
	json_array_foreach(json_object_get(rd->obj, "messages"), i, m) {
		const char *s = str(json_object_get(m, "content"));
		const char *type = str(json_object_get(m, "contentType"));
		int ssml = type != NULL && strcmp(type, "SSML") == 0, tag = 0;
		char *p;

		if (s == NULL || (type != NULL && !ssml &&
		    strcmp(type, "PlainText") != 0))
			continue;
		if ((p = realloc(rd->reply, len + strlen(s) + 2)) == NULL)
			return cs_error_set(err, "out of memory");
		rd->reply = p;
		if (len > 0)
			p[len++] = ' ';
		for (; *s != '\0'; s++) {
			if (ssml && (*s == '<' || tag)) {
				tag = *s != '>';
				continue;
			}
			p[len++] = *s;
		}
		p[len] = '\0';
	}
	if (rd->reply != NULL && rd->reply[0] == '\0') {
		free(rd->reply);
		rd->reply = NULL;
	}
	return 0;
}

/* What a report may want beside the events: the bot, the input's mode,
 * the intent's state and the dialog's next action. */
static int
extra_of(struct lex_rd *rd, struct cs_error *err)
{
	json_t *o = json_object();
	const char *v;

	free(rd->extra);
	rd->extra = NULL;
	if (o == NULL)
		return cs_error_set(err, "out of memory");
	if ((v = str(at(rd->obj, "bot", "name", NULL))) != NULL)
		json_object_set_new(o, "bot", json_string(v));
	if ((v = str(json_object_get(rd->obj, "inputMode"))) != NULL)
		json_object_set_new(o, "inputMode", json_string(v));
	if ((v = str(at(rd->obj, "sessionState", "intent", "state"))) != NULL)
		json_object_set_new(o, "intentState", json_string(v));
	if ((v = str(at(rd->obj, "sessionState", "dialogAction", "type"))) !=
	    NULL)
		json_object_set_new(o, "dialogAction", json_string(v));
	if (json_object_size(o) > 0)
		rd->extra = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return 0;
}

static int
is_fallback(const char *intent)
{
	return intent != NULL && (strcmp(intent, "FallbackIntent") == 0 ||
	    strcmp(intent, "AMAZON.FallbackIntent") == 0);
}

/* The caller's input (event 0); 1 when the log event has none (a call
 * of the API that carries no input). */
static int
caller_input(struct lex_rd *rd, struct cs_bot_rec *r, struct cs_error *err)
{
	const char *op = str(json_object_get(rd->obj, "operationName"));
	const char *mode = str(json_object_get(rd->obj, "inputMode"));
	const char *said = str(json_object_get(rd->obj, "inputTranscript"));

	if (op != NULL && (strcmp(op, "PutSession") == 0 ||
	    strcmp(op, "GetSession") == 0 || strcmp(op, "DeleteSession") == 0))
		return 1;
	r->type = mode != NULL && strcmp(mode, "DTMF") == 0 ? "dtmf" :
	    "utterance";
	r->speaker = "caller";
	r->text = said;
	/* "intent ... don't appear in an entry if missedUtterance is true" */
	r->intent = str(at(rd->obj, "sessionState", "intent", "name"));
	if (said == NULL)
		r->match = "no_input";
	else if (is_true(json_object_get(rd->obj, "missedUtterance")) ||
	    is_fallback(r->intent))
		r->match = "no_match";
	else if (r->intent != NULL)
		r->match = "matched";
	return confidence_of(rd->obj, r->intent, &r->confidence, err);
}

/* The log event's canonical events into rd->ev. */
static int
events(struct lex_rd *rd, const char *prefix_ts, struct cs_error *err)
{
	struct cs_bot_rec base, *r;
	const char *ts, *intent, *state, *action, *locale, *platform;
	int rc;

	memset(&base, 0, sizeof(base));
	rd->nev = 0;
	base.confidence = -1;
	if ((base.session = str(json_object_get(rd->obj, "sessionId"))) == NULL)
		return cs_error_set(err, "no sessionId");
	ts = str(json_object_get(rd->obj, "timestamp"));
	if (ts == NULL && (ts = prefix_ts) == NULL)
		return cs_error_set(err, "no timestamp");
	if (time_of(ts, &base, err) != 0)
		return -1;
	if ((locale = str(at(rd->obj, "bot", "localeId", NULL))) != NULL) {
		/* fr_FR, as BCP 47 says it: fr-FR */
		snprintf(rd->lang, sizeof(rd->lang), "%s", locale);
		for (char *p = rd->lang; *p != '\0'; p++)
			if (*p == '_')
				*p = '-';
		base.lang = rd->lang;
	}
	base.caller = attribute(rd->obj, caller_keys,
	    sizeof(caller_keys) / sizeof(caller_keys[0]));
	if (base.caller != NULL && !cs_number_is_phone(base.caller))
		base.caller = NULL;
	base.called = attribute(rd->obj, called_keys,
	    sizeof(called_keys) / sizeof(called_keys[0]));
	base.call_id = attribute(rd->obj, contact_keys,
	    sizeof(contact_keys) / sizeof(contact_keys[0]));
	platform = str(at(rd->obj, "requestAttributes",
	    "x-amz-lex:channels:platform", NULL));
	if (base.call_id == NULL && platform != NULL &&
	    strcmp(platform, "Connect") == 0)
		base.call_id = base.session;
	if (reply_of(rd, err) != 0 || extra_of(rd, err) != 0)
		return -1;

	r = &rd->ev[0];
	*r = base;
	if ((rc = caller_input(rd, r, err)) == -1)
		return -1;
	if (rc == 0)
		rd->nev++;
	if (rd->reply != NULL) {
		r = &rd->ev[rd->nev++];
		*r = base;
		r->type = "utterance";
		r->speaker = "bot";
		r->text = rd->reply;
	}
	intent = str(at(rd->obj, "sessionState", "intent", "name"));
	state = str(at(rd->obj, "sessionState", "intent", "state"));
	action = str(at(rd->obj, "sessionState", "dialogAction", "type"));
	if (action != NULL && strcmp(action, "Close") == 0) {
		r = &rd->ev[rd->nev++];
		*r = base;
		r->type = "session_end";
		/* a failed or fallen-back intent: the log does not say what
		   became of the caller (the contact flow decides) */
		if (state != NULL && !is_fallback(intent) &&
		    (strcmp(state, "Fulfilled") == 0 ||
		    strcmp(state, "ReadyForFulfillment") == 0))
			r->outcome = "resolved";
	}
	if (rd->nev > 0)
		rd->ev[0].extra = rd->extra;
	return rd->nev > 0 ? 0 : 1;
}

/* ---- the entry in the table of formats ---- */

/*
 * The length of an export's "2025-03-06T08:15:20.000Z " before the
 * event's '{', 0 when there is none; its time into ts (n bytes).
 */
static size_t
export_prefix(const char *s, size_t len, char *ts, size_t n)
{
	const char *sp = memchr(s, ' ', len < 40 ? len : 40);
	int64_t t;

	if (sp == NULL || (size_t)(sp - s) + 1 >= len || sp[1] != '{' ||
	    cs_iso8601_parse(s, (size_t)(sp - s), &t, NULL) != 0)
		return 0;
	if (ts != NULL)
		snprintf(ts, n, "%.*s", (int)(sp - s), s);
	return (size_t)(sp - s) + 1;
}

/* A Lex V2 log event: an object with sessionId, bot, and the
 * messageVersion or inputTranscript of Lex's logs. */
static int
looks_lex(const char *s, const char *e)
{
	size_t n;

	s += export_prefix(s, (size_t)(e - s), NULL, 0);
	n = (size_t)(e - s);
	return n > 2 && *s == '{' && e[-1] == '}' &&
	    memmem(s, n, "\"sessionId\"", 11) != NULL &&
	    memmem(s, n, "\"bot\"", 5) != NULL &&
	    (memmem(s, n, "\"messageVersion\"", 16) != NULL ||
	    memmem(s, n, "\"message-version\"", 17) != NULL ||
	    memmem(s, n, "\"inputTranscript\"", 17) != NULL);
}

static void *
lex_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct lex_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
lex_close(void *p)
{
	struct lex_rd *rd = p;

	if (rd == NULL)
		return;
	json_decref(rd->obj);
	free(rd->reply);
	free(rd->extra);
	free(rd->buf);
	free(rd);
}

static int
lex_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct lex_rd *rd = p;
	char ts[48];
	size_t skip;
	int rc;

	json_decref(rd->obj);
	rd->obj = NULL;
	rd->nev = 0;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 1;
	ts[0] = '\0';
	skip = export_prefix(line, len, ts, sizeof(ts));
	if (cs_bot_json_object(line, len, skip, "log event", &rd->buf, &rd->cap,
	    &rd->obj, err) != 0)
		return -1;
	if ((rc = events(rd, ts[0] != '\0' ? ts : NULL, err)) != 0) {
		rd->nev = 0;
		return rc;
	}
	*t = rd->ev[0].time;
	return 0;
}

static int
lex_store(void *p, const struct cs_store_at *at)
{
	struct lex_rd *rd = p;

	for (int i = 0; i < rd->nev; i++)
		if (cs_bot_store(&rd->ev[i], i, &rd->ctx, at) != 0)
			return -1;
	return 0;
}

const struct cs_format cs_format_lex_v2 = {
	.name = "lex-v2",
	.title = "an Amazon Lex V2 conversation log",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_lex,
	.noise = NULL,
	.open = lex_open,
	.close = lex_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = lex_parse,
	.store = lex_store,
	.keyed = 1,
	.map = cs_bot_map,
};
