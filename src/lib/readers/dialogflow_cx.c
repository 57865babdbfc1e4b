/*
 * dialogflow_cx.c: Dialogflow CX conversation history as BigQuery exports
 * it, one JSON row a turn (dialogflow-cx; callstat-import(1)).  A turn
 * gives up to four canonical events, stored with their index: the
 * caller's utterance (its intent, match type and confidence), the bot's
 * reply, a hand-over to a person, and the session's end.
 *
 * The columns are those of Google's export (conversation_name,
 * turn_position, request_time, language_code, request, response,
 * conversation_signals); the JSON columns are read as objects or as
 * strings that hold one (BigQuery writes either), and their fields in
 * the protobuf JSON names (matchType) or the snake_case ones (match_type).
 */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "bot.h"
#include "bot_json.h"
#include "readers.h"

/* The caller's turn, the bot's reply, a hand-over, the end. */
#define DF_EVENTS 4
/* The JSON columns that may come as strings holding JSON. */
enum { COL_REQUEST, COL_RESPONSE, COL_SIGNALS, NCOLS };

struct df_rd {
	struct cs_format_ctx ctx;
	json_t *obj;		/* the row parsed last: texts point into it */
	json_t *col[NCOLS];	/* the JSON columns, when parsed from text */
	char *buf;		/* the line as UTF-8 */
	size_t cap;
	char *reply;		/* the bot's messages, joined */
	char *extra;
	char sip[128];
	struct cs_bot_rec ev[DF_EVENTS];
	int nev;
};

/* ---- JSON helpers ---- */

/* A member by its protobuf JSON name (matchType), or by its snake_case
 * name (match_type). */
static json_t *
member(json_t *o, const char *camel)
{
	char snake[64];
	size_t n = 0;
	json_t *v;

	if (!json_is_object(o))
		return NULL;
	if ((v = json_object_get(o, camel)) != NULL)
		return v;
	for (const char *c = camel; *c != '\0' && n + 2 < sizeof(snake); c++) {
		if (isupper((unsigned char)*c)) {
			snake[n++] = '_';
			snake[n++] = (char)tolower((unsigned char)*c);
		} else {
			snake[n++] = *c;
		}
	}
	snake[n] = '\0';
	return json_object_get(o, snake);
}

/* The member at the end of a path of names (NULL-terminated). */
static json_t *
at(json_t *o, ...)
{
	va_list ap;
	const char *k;

	va_start(ap, o);
	while (o != NULL && (k = va_arg(ap, const char *)) != NULL)
		o = member(o, k);
	va_end(ap);
	return o;
}

/* A string's value, NULL for anything else or an empty string. */
static const char *
str(json_t *v)
{
	const char *s = json_string_value(v);

	return s != NULL && *s != '\0' ? s : NULL;
}

static int
is_true(json_t *v)
{
	return json_is_true(v);
}

/* ---- the row ---- */

/* A JSON column: an object, a string that holds one, or absent. */
static int
json_col(struct df_rd *rd, const char *key, int i, json_t **out,
    struct cs_error *err)
{
	json_t *v = json_object_get(rd->obj, key);
	json_error_t jerr;

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		const char *s = json_string_value(v);

		if (*s == '\0')
			return 0;
		rd->col[i] = json_loads(s, JSON_REJECT_DUPLICATES, &jerr);
		if (rd->col[i] == NULL)
			return cs_error_set(err, "%s: %s", key, jerr.text);
		v = rd->col[i];
	}
	if (!json_is_object(v))
		return cs_error_set(err, "%s: expected a JSON object", key);
	*out = v;
	return 0;
}

/*
 * request_time: BigQuery writes "2025-03-04 09:01:02.123 UTC", or ISO 8601
 * with Z or an offset.
 */
static int
time_of(const char *ts, struct cs_bot_rec *rec, struct cs_error *err)
{
	char iso[64];
	size_t n = strlen(ts);
	int rc;

	if (n > 4 && n < sizeof(iso) && strcmp(ts + n - 4, " UTC") == 0) {
		memcpy(iso, ts, n - 4);
		iso[n - 4] = 'Z';
		iso[n - 3] = '\0';
		rc = cs_iso8601_parse(iso, n - 3, &rec->time, &rec->msec);
	} else {
		rc = cs_iso8601_parse(ts, n, &rec->time, &rec->msec);
	}
	if (rc == -2)
		return cs_error_set(err, "request_time: '%.40s' has no time "
		    "zone; write it with UTC, Z or +01:00", ts);
	if (rc != 0)
		return cs_error_set(err, "request_time: '%.40s' is not a "
		    "time (2025-03-04 09:01:02.123 UTC)", ts);
	if (!cs_log_time_ok(rec->time))
		return cs_error_set(err, "request_time: '%.40s' is out of "
		    "range (%d to %d)", ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
	return 0;
}

/* The session from the resource name (projects/.../sessions/ID): its
 * last part, and the SIP Call-ID that an SBC puts in it as CID-... */
static const char *
session_of(struct df_rd *rd, const char *name, const char **sip)
{
	const char *id = strrchr(name, '/');

	id = id != NULL ? id + 1 : name;
	*sip = NULL;
	if (strncmp(id, "CID-", 4) == 0 && id[4] != '\0') {
		snprintf(rd->sip, sizeof(rd->sip), "%s", id + 4);
		*sip = rd->sip;
	}
	return *id != '\0' ? id : NULL;
}

/* match.confidence, else the deprecated intentDetectionConfidence. */
static int
confidence_of(json_t *qr, int *out, struct cs_error *err)
{
	json_t *v = at(qr, "match", "confidence", NULL);
	double c;

	*out = -1;
	if (v == NULL || json_is_null(v))
		v = member(qr, "intentDetectionConfidence");
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return cs_error_set(err, "match.confidence: expected a number "
		    "from 0 to 1");
	c = json_number_value(v);
	if (!(c >= 0 && c <= 1))
		return cs_error_set(err, "match.confidence: %g is not between "
		    "0 and 1", c);
	*out = (int)(c * 1000 + 0.5);
	return 0;
}

/* What the bot said (text messages, joined) and did (hand-over, end). */
static int
reply_of(struct df_rd *rd, json_t *qr, int *handoff, const char **target,
    int *end, struct cs_error *err)
{
	json_t *msgs = member(qr, "responseMessages"), *m, *t;
	size_t i, j, len = 0, need;

	*handoff = *end = 0;
	*target = NULL;
	free(rd->reply);
	rd->reply = NULL;
	json_array_foreach(msgs, i, m) {
		json_t *tc = member(m, "telephonyTransferCall");

		if (member(m, "liveAgentHandoff") != NULL)
			*handoff = 1;
		if (tc != NULL) {
			*handoff = 1;
			*target = str(member(tc, "phoneNumber"));
			if (*target == NULL)
				*target = str(member(tc, "sipUri"));
		}
		if (member(m, "endInteraction") != NULL)
			*end = 1;
		json_array_foreach(at(m, "text", "text", NULL), j, t) {
			const char *s = str(t);
			char *p;

			if (s == NULL)
				continue;
			need = len + strlen(s) + 2;
			if ((p = realloc(rd->reply, need)) == NULL)
				return cs_error_set(err, "out of memory");
			rd->reply = p;
			if (len > 0)
				p[len++] = ' ';
			strcpy(p + len, s);
			len += strlen(s);
		}
	}
	return 0;
}

/* The fields kept beside the events: the turn, the page. */
static int
extra_of(struct df_rd *rd, json_t *qr, struct cs_error *err)
{
	json_t *o = json_object(), *v;
	const char *page = str(at(qr, "currentPage", "displayName", NULL));

	free(rd->extra);
	rd->extra = NULL;
	if (o == NULL)
		return cs_error_set(err, "out of memory");
	if ((v = json_object_get(rd->obj, "turn_position")) != NULL &&
	    (json_is_integer(v) || json_is_string(v)))
		json_object_set(o, "turn_position", v);
	if (page != NULL)
		json_object_set_new(o, "page", json_string(page));
	if (json_object_size(o) > 0)
		rd->extra = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return 0;
}

/* The caller's turn (event 0 of the row), when there is one. */
static int
caller_turn(struct df_rd *rd, json_t *req, json_t *qr, json_t *sig,
    struct cs_bot_rec *r, struct cs_error *err)
{
	const char *mt = str(at(qr, "match", "matchType", NULL));
	const char *dtmf = str(at(qr, "dtmf", "digits", NULL));
	const char *said = str(member(qr, "transcript"));

	if (said == NULL)
		said = str(member(qr, "text"));
	if (said == NULL)
		said = str(at(req, "queryInput", "text", "text", NULL));
	if (dtmf == NULL)
		dtmf = str(at(req, "queryInput", "dtmf", "digits", NULL));
	if ((mt != NULL && strcmp(mt, "NO_MATCH") == 0) ||
	    is_true(at(sig, "turnSignals", "noMatch", NULL)))
		r->match = "no_match";
	else if ((mt != NULL && strcmp(mt, "NO_INPUT") == 0) ||
	    is_true(at(sig, "turnSignals", "noUserInput", NULL)))
		r->match = "no_input";
	else if (mt != NULL && (strcmp(mt, "INTENT") == 0 ||
	    strcmp(mt, "DIRECT_INTENT") == 0 ||
	    strcmp(mt, "PARAMETER_FILLING") == 0))
		r->match = "matched";
	/* an event the bot raised itself (the welcome) is no caller's turn */
	if (said == NULL && dtmf == NULL && r->match == NULL)
		return 1;
	r->type = said == NULL && dtmf != NULL ? "dtmf" : "utterance";
	r->speaker = "caller";
	r->text = said != NULL ? said : dtmf;
	/* a fallback has no intent: the one the row names is the flow's */
	if (r->match == NULL || strcmp(r->match, "matched") == 0) {
		r->intent = str(at(qr, "match", "intent", "displayName", NULL));
		if (r->intent == NULL)
			r->intent = str(at(qr, "intent", "displayName", NULL));
	}
	return confidence_of(qr, &r->confidence, err);
}

/* The row's events into rd->ev, the common fields first. */
static int
events(struct df_rd *rd, struct cs_error *err)
{
	struct cs_bot_rec base, *r;
	json_t *col[NCOLS], *qr, *sig;
	const char *name, *ts, *caller, *target, *page;
	int handoff, end, rc;

	memset(rd->ev, 0, sizeof(rd->ev));
	rd->nev = 0;
	name = json_string_value(json_object_get(rd->obj, "conversation_name"));
	ts = json_string_value(json_object_get(rd->obj, "request_time"));
	if (name == NULL || *name == '\0')
		return cs_error_set(err, "no conversation_name");
	if (ts == NULL)
		return cs_error_set(err, "no request_time");
	if (json_col(rd, "request", COL_REQUEST, &col[COL_REQUEST], err) != 0 ||
	    json_col(rd, "response", COL_RESPONSE, &col[COL_RESPONSE],
	    err) != 0 ||
	    json_col(rd, "conversation_signals", COL_SIGNALS, &col[COL_SIGNALS],
	    err) != 0)
		return -1;
	memset(&base, 0, sizeof(base));
	if ((base.session = session_of(rd, name, &base.sip_call_id)) == NULL)
		return cs_error_set(err, "conversation_name: '%.60s' names no "
		    "session", name);
	if (time_of(ts, &base, err) != 0)
		return -1;
	base.confidence = -1;
	base.lang = str(json_object_get(rd->obj, "language_code"));
	/* the phone gateway's caller id; redacted ones are no number */
	caller = str(at(col[COL_REQUEST], "queryParams", "payload", "telephony",
	    "caller_id", NULL));
	if (caller == NULL)
		caller = str(at(col[COL_REQUEST], "payload", "telephony",
		    "caller_id", NULL));
	base.caller = caller != NULL && cs_number_is_phone(caller) ? caller :
	    NULL;
	qr = member(col[COL_RESPONSE], "queryResult");
	sig = col[COL_SIGNALS];
	if (extra_of(rd, qr, err) != 0 ||
	    reply_of(rd, qr, &handoff, &target, &end, err) != 0)
		return -1;
	page = str(at(qr, "currentPage", "name", NULL));
	if (is_true(at(sig, "turnSignals", "agentEscalated", NULL)) ||
	    (page != NULL && strstr(page, "END_FLOW_WITH_HUMAN_ESCALATION")))
		handoff = 1;
	if (is_true(at(sig, "turnSignals", "reachedEndPage", NULL)) ||
	    (page != NULL && strstr(page, "END_SESSION")))
		end = 1;

	r = &rd->ev[0];
	*r = base;
	if ((rc = caller_turn(rd, col[COL_REQUEST], qr, sig, r, err)) == -1)
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
	if (handoff) {
		r = &rd->ev[rd->nev++];
		*r = base;
		r->type = "transfer";
		r->speaker = "bot";
		r->transfer_target = target;
	}
	if (handoff || end) {
		r = &rd->ev[rd->nev++];
		*r = base;
		r->type = "session_end";
		r->outcome = handoff ? "escalated" : "resolved";
	}
	if (rd->nev > 0)
		rd->ev[0].extra = rd->extra;
	return rd->nev > 0 ? 0 : 1;
}

/* ---- the entry in the table of formats ---- */

/* A row of Google's export: an object with its conversation_name and its
 * request_time. */
static int
looks_df(const char *s, const char *e)
{
	size_t n = (size_t)(e - s);

	return n > 2 && *s == '{' && e[-1] == '}' &&
	    memmem(s, n, "\"conversation_name\"", 19) != NULL &&
	    memmem(s, n, "\"request_time\"", 14) != NULL;
}

static void *
df_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct df_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
df_forget(struct df_rd *rd)
{
	json_decref(rd->obj);
	rd->obj = NULL;
	for (int i = 0; i < NCOLS; i++) {
		json_decref(rd->col[i]);
		rd->col[i] = NULL;
	}
	rd->nev = 0;
}

static void
df_close(void *p)
{
	struct df_rd *rd = p;

	if (rd == NULL)
		return;
	df_forget(rd);
	free(rd->reply);
	free(rd->extra);
	free(rd->buf);
	free(rd);
}

static int
df_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct df_rd *rd = p;
	int rc;

	df_forget(rd);
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 1;
	if (cs_bot_json_object(line, len, 0, "turn", &rd->buf, &rd->cap,
	    &rd->obj, err) != 0)
		return -1;
	if ((rc = events(rd, err)) != 0) {
		rd->nev = 0;
		return rc;
	}
	*t = rd->ev[0].time;
	return 0;
}

static int
df_store(void *p, const struct cs_store_at *at)
{
	struct df_rd *rd = p;

	for (int i = 0; i < rd->nev; i++)
		if (cs_bot_store(&rd->ev[i], i, &rd->ctx, at) != 0)
			return -1;
	return 0;
}

const struct cs_format cs_format_dialogflow_cx = {
	.name = "dialogflow-cx",
	.title = "a Dialogflow CX export (BigQuery JSON lines)",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_df,
	.noise = NULL,
	.open = df_open,
	.close = df_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = df_parse,
	.store = df_store,
	.keyed = 1,
	.map = cs_bot_map,
};
