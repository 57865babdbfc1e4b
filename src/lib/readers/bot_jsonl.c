/*
 * bot_jsonl.c: callstat's canonical bot events as JSON Lines (bot-jsonl):
 * one JSON object a line, with session_id, ts and type required
 * (callstat-import(1), "Bot transcripts").  Parsed with Jansson; the
 * fields no one knows are kept, as JSON, in the stored event's extra.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../timeutil.h"
#include "bot.h"
#include "bot_json.h"
#include "readers.h"

/* The fields of a canonical event, in the order of struct cs_bot_rec. */
static const char *const known[] = {
	"session_id", "ts", "type", "speaker", "text", "intent", "confidence",
	"match", "transfer_target", "outcome", "service", "call_id",
	"sip_call_id", "caller", "called", "lang",
};

struct jsonl_rd {
	struct cs_format_ctx ctx;
	json_t *obj;		/* the line parsed last: rec's texts are in it */
	char *extra;
	struct cs_bot_rec rec;
	char *buf;		/* the line as UTF-8 */
	size_t cap;
	char num[2][32];	/* ids written as numbers, as text */
};

static int
is_known(const char *key)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(key, known[i]) == 0)
			return 1;
	return 0;
}

/* A text field: a string, a number written as text (a call id), or absent;
 * -1 when it is anything else. */
static int
text_of(json_t *obj, const char *key, const char **out, char *num, size_t n,
    struct cs_error *err)
{
	json_t *v = json_object_get(obj, key);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	if (json_is_integer(v) && num != NULL) {
		snprintf(num, n, "%lld", (long long)json_integer_value(v));
		*out = num;
		return 0;
	}
	return cs_error_set(err, "%s: expected a string", key);
}

/* The fields no one knows, as a JSON object, or NULL when there are none. */
static int
extra_of(struct jsonl_rd *rd, struct cs_error *err)
{
	json_t *o = NULL;
	const char *key;
	json_t *v;

	free(rd->extra);
	rd->extra = NULL;
	json_object_foreach(rd->obj, key, v) {
		if (is_known(key))
			continue;
		if (o == NULL && (o = json_object()) == NULL)
			return cs_error_set(err, "out of memory");
		if (json_object_set(o, key, v) != 0) {
			json_decref(o);
			return cs_error_set(err, "out of memory");
		}
	}
	if (o == NULL)
		return 0;
	rd->extra = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return rd->extra == NULL ? cs_error_set(err, "out of memory") : 0;
}

static int
confidence_of(json_t *obj, int *out, struct cs_error *err)
{
	json_t *v = json_object_get(obj, "confidence");
	double c;

	*out = -1;
	if (v == NULL || json_is_null(v))
		return 0;
	if (!json_is_number(v))
		return cs_error_set(err, "confidence: expected a number from 0 to 1");
	c = json_number_value(v);
	if (!(c >= 0 && c <= 1))
		return cs_error_set(err, "confidence: %g is not between 0 and 1", c);
	*out = (int)(c * 1000 + 0.5);
	return 0;
}

static int
time_of(const char *ts, struct cs_bot_rec *rec, struct cs_error *err)
{
	int rc = cs_iso8601_parse(ts, strlen(ts), &rec->time, &rec->msec);

	if (rc == -2)
		return cs_error_set(err, "ts: '%.40s' has no offset; write it "
		    "with Z or +01:00", ts);
	if (rc != 0)
		return cs_error_set(err, "ts: '%.40s' is not an ISO 8601 time "
		    "(2025-03-04T09:01:02Z)", ts);
	if (!cs_log_time_ok(rec->time))
		return cs_error_set(err, "ts: '%.40s' is out of range (%d to %d)",
		    ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
	return 0;
}

/* The required and optional fields of the object into rec. */
static int
fields(struct jsonl_rd *rd, struct cs_error *err)
{
	char (*num)[32] = rd->num;
	struct cs_bot_rec *r = &rd->rec;
	const char *ts;

	memset(r, 0, sizeof(*r));
	if (text_of(rd->obj, "session_id", &r->session, num[0], sizeof(num[0]),
	    err) != 0 || text_of(rd->obj, "ts", &ts, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "type", &r->type, NULL, 0, err) != 0)
		return -1;
	if (r->session == NULL || *r->session == '\0')
		return cs_error_set(err, "no session_id");
	if (ts == NULL)
		return cs_error_set(err, "no ts");
	if (r->type == NULL || *r->type == '\0')
		return cs_error_set(err, "no type");
	if (time_of(ts, r, err) != 0 ||
	    text_of(rd->obj, "speaker", &r->speaker, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "text", &r->text, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "intent", &r->intent, NULL, 0, err) != 0 ||
	    confidence_of(rd->obj, &r->confidence, err) != 0 ||
	    text_of(rd->obj, "match", &r->match, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "transfer_target", &r->transfer_target, NULL, 0,
	    err) != 0 ||
	    text_of(rd->obj, "outcome", &r->outcome, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "service", &r->service, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "call_id", &r->call_id, num[1], sizeof(num[1]),
	    err) != 0 ||
	    text_of(rd->obj, "sip_call_id", &r->sip_call_id, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "caller", &r->caller, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "called", &r->called, NULL, 0, err) != 0 ||
	    text_of(rd->obj, "lang", &r->lang, NULL, 0, err) != 0 ||
	    extra_of(rd, err) != 0)
		return -1;
	r->extra = rd->extra;
	return 0;
}

/* ---- the entry in the table of formats ---- */

/* A line of bot-jsonl: an object whose first key is one of ours. */
static int
looks_jsonl(const char *s, const char *e)
{
	static const char *const firsts[] = {
		"\"session_id\"", "\"ts\"", "\"type\"",
	};

	if (*s != '{' || e[-1] != '}')
		return 0;
	for (s++; s < e && (*s == ' ' || *s == '\t'); s++)
		;
	for (size_t i = 0; i < sizeof(firsts) / sizeof(firsts[0]); i++) {
		size_t n = strlen(firsts[i]);

		if ((size_t)(e - s) > n && memcmp(s, firsts[i], n) == 0)
			return memmem(s, (size_t)(e - s), "\"session_id\"", 12) != NULL;
	}
	return 0;
}

static void *
jsonl_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct jsonl_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
jsonl_close(void *p)
{
	struct jsonl_rd *rd = p;

	if (rd == NULL)
		return;
	json_decref(rd->obj);
	free(rd->extra);
	free(rd->buf);
	free(rd);
}

static int
jsonl_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct jsonl_rd *rd = p;

	json_decref(rd->obj);
	rd->obj = NULL;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 1;
	if (cs_bot_json_object(line, len, 0, "event", &rd->buf, &rd->cap,
	    &rd->obj, err) != 0)
		return -1;
	if (fields(rd, err) != 0)
		return -1;
	*t = rd->rec.time;
	return 0;
}

static int
jsonl_store(void *p, const struct cs_store_at *at)
{
	struct jsonl_rd *rd = p;

	return cs_bot_store(&rd->rec, 0, &rd->ctx, at);
}

const struct cs_format cs_format_bot_jsonl = {
	.name = "bot-jsonl",
	.title = "a bot's events (JSON lines)",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_jsonl,
	.noise = NULL,
	.open = jsonl_open,
	.close = jsonl_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = jsonl_parse,
	.store = jsonl_store,
	.map = cs_bot_map,
};
