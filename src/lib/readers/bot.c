/*
 * bot.c: the bot_event table, storing a canonical event, and a stored
 * event as the model's (bot.h).
 */
#include <stdio.h>
#include <string.h>

#include "../phone.h"
#include "../privacy.h"
#include "../redact.h"
#include "bot.h"

/* The longest text stored; a longer one is cut (at a character). */
#define TEXT_MAX 4096

static const struct cs_tabledef_col bot_col[] = {
	CS_BOT_COLUMNS(CS_TABLEDEF_COL)
};
static const int bot_key[] = { CS_BOT_COL_TIME, CS_BOT_COL_RHASH };
const struct cs_tabledef cs_table_bot_event = {
	.name = "bot_event",
	.col = bot_col, .ncols = CS_BOT_NCOL,
	.key = bot_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
	.records = 1,
};

static const struct {
	const char *name;
	enum cs_bot_type type;
} types[] = {
	{ "session_start", CS_BOT_START },
	{ "utterance", CS_BOT_UTTERANCE },
	{ "dtmf", CS_BOT_DTMF },
	{ "transfer", CS_BOT_TRANSFER },
	{ "session_end", CS_BOT_END },
};

enum cs_bot_type
cs_bot_type_of(const char *name)
{
	for (size_t i = 0; name != NULL && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(name, types[i].name) == 0)
			return types[i].type;
	return CS_BOT_OTHER;
}

/* A short field as stored: any number in it masked. */
static void
text_field(struct cs_rowq *q, const char *s)
{
	char buf[1024];

	cs_rowq_text(q, s == NULL ? NULL : cs_privacy_scrub_field(s, buf,
	    sizeof(buf)));
}

/*
 * What a thread remembers of the fields it stored, for the key in use: a
 * session's events each repeat its id, and most fields take a few values
 * (the types, the speakers, the languages).  Per field, the last WAYS
 * values under LEN bytes: their digest for the event's key, and for an
 * identifier what is stored of it.  A cache of pure functions of the
 * value and the key: what it gives is what they give.
 */
#define WAYS 8
#define LEN 48
struct field_seen {
	unsigned char len;		/* 1 + the value's length; 0: empty */
	char s[LEN];
	int64_t digest;			/* its keyed digest ... */
	int digest_known;		/* ... once asked for */
	char id[CS_HASH_HEX + 1];	/* an identifier as stored ... */
	int id_known;			/* ... once asked for */
};
enum { F_NFIELDS = 14, F_SESSION_ID = F_NFIELDS, F_SIP_ID, F_SLOTS };
static _Thread_local struct {
	unsigned char key[CS_KEY_BYTES];
	int valid;
	struct field_seen e[F_SLOTS][WAYS];
	unsigned char next[F_SLOTS];
} seen;

/* What is remembered is for priv's key: forgotten when the key changes
 * (once an event). */
static void
seen_key(const struct cs_privacy *priv)
{
	if (!seen.valid || memcmp(seen.key, priv->key, CS_KEY_BYTES) != 0) {
		memset(&seen, 0, sizeof(seen));
		memcpy(seen.key, priv->key, CS_KEY_BYTES);
		seen.valid = 1;
	}
}

/* The entry of slot for s (made, its fields unknown, when s is new);
 * NULL when s is too long to be kept.  seen_key first. */
static struct field_seen *
seen_get(int slot, const char *s, size_t len)
{
	struct field_seen *e = seen.e[slot];
	int w;

	if (len >= LEN)
		return NULL;
	for (w = 0; w < WAYS; w++)
		if (e[w].len == len + 1 && memcmp(e[w].s, s, len) == 0)
			return &e[w];
	w = seen.next[slot];
	seen.next[slot] = (unsigned char)((w + 1) % WAYS);
	memcpy(e[w].s, s, len);
	e[w].len = (unsigned char)(len + 1);
	e[w].digest_known = e[w].id_known = 0;
	return &e[w];
}

/* An identifier (a session, a SIP Call-ID) as stored (privacy.h). */
static void
id_field(struct cs_rowq *q, const struct cs_format_ctx *ctx, int slot,
    const char *s)
{
	char h[CS_HASH_HEX + 1];
	const char *out;
	struct field_seen *e;

	if (s == NULL) {
		cs_rowq_null(q);
		return;
	}
	if ((e = seen_get(slot, s, strlen(s))) != NULL && e->id_known) {
		cs_rowq_text(q, e->id);
		return;
	}
	out = cs_privacy_id(ctx->priv, s, h);
	if (e != NULL && strlen(out) <= CS_HASH_HEX) {
		strcpy(e->id, out);
		e->id_known = 1;
	}
	cs_rowq_text(q, out);
}

/*
 * What was said, as stored: redacted.  A bot says the same few things
 * (its greeting, "I am putting you through") in every session, and
 * callers often the same words: the redaction of the last short texts is
 * kept, by the text's hash, per thread (a cache of a pure function: the
 * same text is stored the same, found or redacted again).
 */
#define MEMO_N 64
#define MEMO_LEN 256
struct said_memo {
	size_t len;			/* 0: empty slot */
	char in[MEMO_LEN];
	char out[MEMO_LEN + MEMO_LEN / 6 + 8];
};
static _Thread_local struct said_memo memo[MEMO_N];

static void
said(struct cs_rowq *q, const char *s)
{
	/* an e-mail is the only text shorter than its tag (redact.h) */
	char buf[TEXT_MAX + TEXT_MAX / 6 + 8];
	struct said_memo *m;
	size_t len;

	if (s == NULL) {
		cs_rowq_null(q);
		return;
	}
	if ((len = strlen(s)) == 0 || len >= MEMO_LEN) {
		cs_redact(s, buf, sizeof(buf), NULL);
		cs_rowq_text(q, buf);
		return;
	}
	m = &memo[cs_str_hash(s) % MEMO_N];
	if (m->len != len || memcmp(m->in, s, len) != 0) {
		cs_redact(s, m->out, sizeof(m->out), NULL);
		memcpy(m->in, s, len);
		m->len = len;
	}
	cs_rowq_text(q, m->out);
}

/*
 * The event's key.  By default a keyed digest of what it says (every
 * canonical field but the unknown ones), not of the line that said it, so
 * that a session exported twice, in another file, another order, other
 * quotes or another format (bot-jsonl then bot-csv), is stored once: two
 * events alike in all of these are one.  A platform that delivers a record
 * again when it changes (a Connect contact) names the record instead
 * (rec->key), and the event's index in it.
 */
static int64_t
event_key(const struct cs_bot_rec *rec, int i, const struct cs_format_ctx *ctx)
{
	const char *f[] = { rec->session, rec->type, rec->speaker, rec->text,
	    rec->intent, rec->match, rec->transfer_target, rec->outcome,
	    rec->service, rec->call_id, rec->sip_call_id, rec->caller,
	    rec->called, rec->lang };
	int64_t d[3 + sizeof(f) / sizeof(f[0])];
	size_t n = 0;

	_Static_assert(sizeof(f) / sizeof(f[0]) == F_NFIELDS,
	    "a slot of seen for each field");

	if (rec->key != NULL)
		/* a golden-ratio step: a record's events never share a key */
		return (int64_t)((uint64_t)cs_privacy_digest64(ctx->priv,
		    rec->key, strlen(rec->key)) ^
		    (uint64_t)i * 0x9e3779b97f4a7c15ULL);
	d[n++] = rec->time;
	d[n++] = rec->msec;
	d[n++] = rec->confidence;
	for (size_t k = 0; k < sizeof(f) / sizeof(f[0]); k++) {
		size_t len;
		struct field_seen *e;

		/* NULL and "" apart: a field absent is not one empty */
		if (f[k] == NULL) {
			d[n++] = 0;
			continue;
		}
		len = strlen(f[k]);
		if ((e = seen_get((int)k, f[k], len)) == NULL) {
			d[n++] = cs_privacy_digest64(ctx->priv, f[k], len + 1);
			continue;
		}
		if (!e->digest_known) {
			e->digest = cs_privacy_digest64(ctx->priv, f[k], len + 1);
			e->digest_known = 1;
		}
		d[n++] = e->digest;
	}
	return cs_privacy_digest64(ctx->priv, d, sizeof(d));
}

int
cs_bot_store(const struct cs_bot_rec *rec, int i,
    const struct cs_format_ctx *ctx, const struct cs_store_at *at)
{
	struct cs_rowq *q = at->q;
	char caller[CS_HASH_HEX + 1];

	seen_key(ctx->priv);
	cs_rowq_begin(q, &cs_table_bot_event);
	cs_rowq_int(q, rec->time);
	cs_rowq_int(q, event_key(rec, i, ctx));
	cs_rowq_int(q, at->source);
	cs_rowq_int(q, at->line);
	cs_rowq_int(q, rec->msec);
	/* a session named by the caller's number (Rasa over Twilio): the
	   number's hash, as the caller's */
	id_field(q, ctx, F_SESSION_ID, rec->session);
	text_field(q, rec->type);
	text_field(q, rec->speaker);
	said(q, rec->text);
	text_field(q, rec->intent);
	if (rec->confidence >= 0)
		cs_rowq_int(q, rec->confidence);
	else
		cs_rowq_null(q);
	text_field(q, rec->match);
	text_field(q, rec->transfer_target);
	text_field(q, rec->outcome);
	text_field(q, rec->service);
	text_field(q, rec->call_id);
	id_field(q, ctx, F_SIP_ID, rec->sip_call_id);
	if (rec->caller != NULL) {
		cs_privacy_hash(ctx->priv, rec->caller, caller);
		cs_rowq_text(q, caller);
	} else {
		cs_rowq_null(q);
	}
	/* the town's own number stays in clear: it names a service */
	if (rec->called != NULL && cs_number_is_phone(rec->called))
		cs_rowq_text(q, cs_config_service_by(ctx->cfg, CS_TERM_DID,
		    rec->called) >= 0 ? rec->called : CS_PHONE_MARK);
	else
		text_field(q, rec->called);
	text_field(q, rec->lang);
	said(q, rec->extra);
	return cs_rowq_end(q);
}

#define S(x) ((x) != NULL ? (x) : "")

int
cs_bot_map(const struct cs_row *row, struct cs_piece *p,
    struct cs_piece_buf *buf)
{
	struct cs_bot_event *b = &p->u.bot;

	memset(b, 0, sizeof(*b));
	p->kind = CS_PIECE_BOT;
	p->time = b->time = cs_row_int(row, CS_BOT_COL_TIME);
	b->msec = (int)cs_row_int(row, CS_BOT_COL_MSEC);
	b->order = (cs_row_int(row, CS_BOT_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_BOT_COL_LINE);
	b->type = cs_bot_type_of(cs_row_text(row, CS_BOT_COL_TYPE));
	b->session = S(cs_row_text(row, CS_BOT_COL_SESSION));
	b->speaker = S(cs_row_text(row, CS_BOT_COL_SPEAKER));
	b->intent = S(cs_row_text(row, CS_BOT_COL_INTENT));
	b->match = S(cs_row_text(row, CS_BOT_COL_MATCH));
	b->transfer_target = S(cs_row_text(row, CS_BOT_COL_TRANSFER_TARGET));
	b->outcome = S(cs_row_text(row, CS_BOT_COL_OUTCOME));
	b->service = S(cs_row_text(row, CS_BOT_COL_SERVICE));
	b->call_id = S(cs_row_text(row, CS_BOT_COL_CALL_ID));
	b->sip_call_id = S(cs_row_text(row, CS_BOT_COL_SIP_CALL_ID));
	b->caller = S(cs_row_text(row, CS_BOT_COL_CALLER));
	b->called = S(cs_row_text(row, CS_BOT_COL_CALLED));
	return 0;
}
