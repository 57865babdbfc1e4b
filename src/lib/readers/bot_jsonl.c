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
#include "json_flat.h"
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
	int slow;		/* Jansson reads every line (tests) */
};

static int
is_known(const char *key)
{
	for (size_t i = 0; i < sizeof(known) / sizeof(known[0]); i++)
		if (strcmp(key, known[i]) == 0)
			return 1;
	return 0;
}

enum { F_SESSION, F_TS, F_TYPE, F_SPEAKER, F_TEXT, F_INTENT, F_CONFIDENCE,
	F_MATCH, F_TRANSFER_TARGET, F_OUTCOME, F_SERVICE, F_CALL_ID,
	F_SIP_CALL_ID, F_CALLER, F_CALLED, F_LANG, F_N };

/* The fields of a line, however it was read: texts NULL when absent. */
struct raw {
	const char *text[F_N];
	int has_confidence;
	double confidence;
};

/* An id may be written as a number: it is kept as its text. */
static int
is_id(int k)
{
	return k == F_SESSION || k == F_CALL_ID;
}

/* A text field: a string, a number written as text (an id), or absent;
 * -1 when it is anything else. */
static int
text_of(json_t *obj, int k, const char **out, char *num, size_t n,
    struct cs_error *err)
{
	json_t *v = json_object_get(obj, known[k]);

	*out = NULL;
	if (v == NULL || json_is_null(v))
		return 0;
	if (json_is_string(v)) {
		*out = json_string_value(v);
		return 0;
	}
	if (json_is_integer(v) && is_id(k)) {
		snprintf(num, n, "%lld", (long long)json_integer_value(v));
		*out = num;
		return 0;
	}
	return cs_error_set(err, "%s: expected a string", known[k]);
}

/* The fields no one knows, as a JSON object, or NULL when there are none. */
static int
extra_of(struct jsonl_rd *rd, struct cs_error *err)
{
	json_t *o = NULL;
	const char *key;
	json_t *v;

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

/* The fields of the object Jansson read. */
static int
raw_of_json(struct jsonl_rd *rd, struct raw *raw, struct cs_error *err)
{
	json_t *v;

	memset(raw, 0, sizeof(*raw));
	for (int k = 0; k < F_N; k++)
		if (k != F_CONFIDENCE && text_of(rd->obj, k, &raw->text[k],
		    rd->num[k == F_CALL_ID], sizeof(rd->num[0]), err) != 0)
			return -1;
	v = json_object_get(rd->obj, "confidence");
	if (v != NULL && !json_is_null(v)) {
		if (!json_is_number(v))
			return cs_error_set(err, "confidence: expected a number "
			    "from 0 to 1");
		raw->has_confidence = 1;
		raw->confidence = json_number_value(v);
	}
	return extra_of(rd, err);
}

/* The fields of a flat object read the quick way (json_flat.h); -1 for a
 * value Jansson's reading would refuse, which it then says. */
static int
raw_of_flat(struct jsonl_rd *rd, const struct cs_json_flat_val *vals,
    struct raw *raw)
{
	memset(raw, 0, sizeof(*raw));
	for (int k = 0; k < F_N; k++) {
		const struct cs_json_flat_val *v = &vals[k];

		if (v->type == CS_JF_ABSENT || v->type == CS_JF_NULL)
			continue;
		if (k == F_CONFIDENCE) {
			if (v->type == CS_JF_STRING)
				return -1;
			raw->has_confidence = 1;
			raw->confidence = v->type == CS_JF_INT ? (double)v->i : v->d;
		} else if (v->type == CS_JF_STRING) {
			raw->text[k] = v->s;
		} else if (v->type == CS_JF_INT && is_id(k)) {
			snprintf(rd->num[k == F_CALL_ID], sizeof(rd->num[0]), "%lld",
			    v->i);
			raw->text[k] = rd->num[k == F_CALL_ID];
		} else {
			return -1;
		}
	}
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

/* The event of the fields, checked. */
static int
fields(struct jsonl_rd *rd, const struct raw *raw, struct cs_error *err)
{
	struct cs_bot_rec *r = &rd->rec;
	const char *const *t = raw->text;

	memset(r, 0, sizeof(*r));
	if (t[F_SESSION] == NULL || *t[F_SESSION] == '\0')
		return cs_error_set(err, "no session_id");
	if (t[F_TS] == NULL)
		return cs_error_set(err, "no ts");
	if (t[F_TYPE] == NULL || *t[F_TYPE] == '\0')
		return cs_error_set(err, "no type");
	if (time_of(t[F_TS], r, err) != 0)
		return -1;
	r->confidence = -1;
	if (raw->has_confidence) {
		double c = raw->confidence;

		if (!(c >= 0 && c <= 1))
			return cs_error_set(err, "confidence: %g is not between "
			    "0 and 1", c);
		r->confidence = (int)(c * 1000 + 0.5);
	}
	r->session = t[F_SESSION];
	r->type = t[F_TYPE];
	r->speaker = t[F_SPEAKER];
	r->text = t[F_TEXT];
	r->intent = t[F_INTENT];
	r->match = t[F_MATCH];
	r->transfer_target = t[F_TRANSFER_TARGET];
	r->outcome = t[F_OUTCOME];
	r->service = t[F_SERVICE];
	r->call_id = t[F_CALL_ID];
	r->sip_call_id = t[F_SIP_CALL_ID];
	r->caller = t[F_CALLER];
	r->called = t[F_CALLED];
	r->lang = t[F_LANG];
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

/*
 * A line: most are flat objects of our fields, read the quick way; the
 * others (and every line in error) are read by Jansson.
 */
static int
jsonl_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct jsonl_rd *rd = p;
	struct cs_json_flat_val vals[F_N];
	struct raw raw;
	size_t n;
	int ascii;

	json_decref(rd->obj);
	rd->obj = NULL;
	free(rd->extra);
	rd->extra = NULL;
	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	if (len == 0)
		return 1;
	if (!rd->slow) {
		if (cs_readers_begin(line, len, &ascii, &rd->buf, &rd->cap,
		    2 * len + 1, err) != 0)
			return -1;
		n = cs_readers_utf8_copy(rd->buf, line, len);
		if (cs_json_flat(rd->buf, n, known, F_N, vals) == 0 &&
		    raw_of_flat(rd, vals, &raw) == 0)
			goto read;
	}
	if (cs_bot_json_object(line, len, 0, "event", &rd->buf, &rd->cap,
	    &rd->obj, err) != 0 || raw_of_json(rd, &raw, err) != 0)
		return -1;
read:
	if (fields(rd, &raw, err) != 0)
		return -1;
	*t = rd->rec.time;
	return 0;
}

void
cs_bot_jsonl_use_jansson(void *p)
{
	((struct jsonl_rd *)p)->slow = 1;
}

const struct cs_bot_rec *
cs_bot_jsonl_rec(const void *p)
{
	return &((const struct jsonl_rd *)p)->rec;
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
	.keyed = 1,
	.map = cs_bot_map,
};
