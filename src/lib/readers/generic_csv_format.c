/*
 * generic_csv_format.c: the generic-csv format (generic_csv.h): its table,
 * a row stored (numbers hashed or scrubbed), and a stored row as a piece.
 *
 * A row is a leg.  Who it reached comes from answered_by (the bot; the
 * phone system itself, an announcement or voicemail), else from queue and
 * destination (a queue; a person's phone); how it ended from disposition,
 * else from whether it has an answer time.  A row with a queue also says
 * what the queue did: the caller entered it at the row's start, and then
 * a person took the call (answered), the caller hung up (abandoned), or
 * the queue gave up (queue_timeout, queue_empty): queue events of the
 * model, kept in the leg's row (qexit, at, wait) and mapped from it as the
 * row's second and third pieces (format.h's map_more).  Databases of
 * callstat 0.1 hold them as rows of their own (kind > 0), mapped too.
 * What the section does not name stays empty.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../phone.h"
#include "generic_csv.h"

#define SCRUB_MAX 1024

/* A stored text: NULL (absent) reads "". */
#define TEXT(row, i) (cs_row_text(row, i) != NULL ? cs_row_text(row, i) : "")

#define CS_GCSV_COLUMNS(X) \
	/* the leg's start, for its queue events too */ \
	X(START, start, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	/* 0: the leg; else a queue event's kind (model.h) + 1, a row of \
	   its own (databases of callstat 0.1) */ \
	X(KIND, kind, "INTEGER NOT NULL") \
	/* the event's time; the leg's: its queue's exit event's (else \
	   its start) */ \
	X(AT, at, "INTEGER NOT NULL") \
	X(ANSWER, answer, "INTEGER") \
	X(END, end, "INTEGER NOT NULL") \
	X(DURATION, duration, "INTEGER NOT NULL") \
	X(CALL_ID, call_id, "TEXT NOT NULL") \
	X(CALLER, caller, "TEXT NOT NULL") \
	X(SRC, src, "TEXT") \
	X(DIALLED, dialled, "TEXT") \
	X(DESTINATION, destination, "TEXT") \
	X(QUEUE, queue, "TEXT") \
	/* the leg's SIP Call-ID, as privacy.h's cs_privacy_id stores it */ \
	X(SIP_CALL_ID, sip_call_id, "TEXT") \
	X(TARGET, target, "INTEGER NOT NULL") \
	X(ENDED, ended, "INTEGER NOT NULL") \
	/* a CONNECTED event's seconds in the queue */ \
	X(WAIT, wait, "INTEGER") \
	/* a leg's queue: NULL for none (or its events in rows of their \
	   own); else its exit event's kind + 1 (1: none but entering) */ \
	X(QEXIT, qexit, "INTEGER") \
	/* 1: its start was a local time of the repeated hour at the end of \
	   summer time, the earlier instant taken */ \
	X(FLAGS, flags, "INTEGER NOT NULL DEFAULT 0")

#define COL_(E, name, decl) GC_COL_##E,
enum { CS_GCSV_COLUMNS(COL_) GC_NCOL };
#undef COL_

static const struct cs_tabledef_col gc_col[] = {
	CS_GCSV_COLUMNS(CS_TABLEDEF_COL)
};
static const int gc_key[] = { GC_COL_START, GC_COL_RHASH };
const struct cs_tabledef cs_table_generic_csv = {
	.name = "generic_csv",
	.col = gc_col, .ncols = GC_NCOL,
	.key = gc_key, .nkey = 2,
	.conflict = CS_TABLEDEF_IGNORE,
	.records = 1,
};

struct gc_rd {
	struct cs_format_ctx ctx;
	struct cs_gcsv_reader *r;
	struct cs_gcsv_record rec;
	struct cs_gcsv_memo memo;
};

static void *
gc_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	const struct cs_format_def *def;
	struct gc_rd *rd;

	if (ctx->variant == NULL || *ctx->variant == '\0') {
		cs_error_set(err, "generic-csv reads a file with the [format "
		    "NAME] section of the configuration that names its columns: "
		    "give --format generic-csv:NAME");
		return NULL;
	}
	if ((def = cs_config_format(ctx->cfg, ctx->variant)) == NULL) {
		cs_error_set(err, "%s: no [format %s] section: it names the "
		    "columns of a generic-csv file (callstat.conf(5))",
		    ctx->cfg->path != NULL ? ctx->cfg->path : "the configuration",
		    ctx->variant);
		return NULL;
	}
	if ((rd = calloc(1, sizeof(*rd))) == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if ((rd->r = cs_gcsv_open(def, ctx->utc, err)) == NULL) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
gc_close(void *p)
{
	struct gc_rd *rd = p;

	if (rd == NULL)
		return;
	cs_gcsv_close(rd->r);
	free(rd);
}

static int
gc_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct gc_rd *rd = p;
	int rc = cs_gcsv_parse(rd->r, line, len, &rd->rec, err);

	if (rc == 0)
		*t = rd->rec.start;
	return rc;
}

/* Who or what the row reached. */
static enum cs_target
target_of(const struct cs_gcsv_record *rec)
{
	const char *queue = rec->f[CS_GCSV_QUEUE];
	const char *dest = rec->f[CS_GCSV_DESTINATION];

	if (rec->by == CS_GCSV_BY_BOT)
		return CS_TARGET_BOT;
	/* the phone system's own answer: callstat-kpi(7)'s voicemail (a
	   call that ends there is one, an announcement as a voice box) */
	if (rec->by == CS_GCSV_BY_PBX)
		return CS_TARGET_VOICEMAIL;
	if (*queue != '\0')
		return rec->disp == CS_GCSV_D_QUEUE_EMPTY ||
		    (*dest == '\0' && rec->by != CS_GCSV_BY_HUMAN) ?
		    CS_TARGET_QUEUE_EMPTY : CS_TARGET_QUEUE;
	if (*dest != '\0' || rec->by == CS_GCSV_BY_HUMAN)
		return CS_TARGET_PERSON;
	return CS_TARGET_OTHER;
}

static enum cs_leg_end
ended_of(const struct cs_gcsv_record *rec)
{
	switch (rec->disp) {
	case CS_GCSV_D_ANSWERED:
		return CS_LEG_ANSWERED;
	case CS_GCSV_D_BUSY:
	case CS_GCSV_D_FAILED:
	case CS_GCSV_D_QUEUE_TIMEOUT:
	case CS_GCSV_D_QUEUE_EMPTY:
		return CS_LEG_FAILED;
	case CS_GCSV_D_ABANDONED:
	case CS_GCSV_D_NO_ANSWER:
		return CS_LEG_UNANSWERED;
	default:
		/* no disposition: what the answer time says */
		return rec->answer > 0 ? CS_LEG_ANSWERED : CS_LEG_UNANSWERED;
	}
}

/* The queue's own event after the caller entered, at *at; OTHER: none. */
static enum cs_qevent_kind
queue_exit(const struct cs_gcsv_record *rec, int64_t *at)
{
	*at = rec->end;
	switch (rec->disp) {
	case CS_GCSV_D_ANSWERED:
		*at = rec->answer;
		return rec->by == CS_GCSV_BY_NONE || rec->by == CS_GCSV_BY_HUMAN ?
		    CS_QEV_CONNECTED : CS_QEV_OTHER;
	case CS_GCSV_D_ABANDONED:
		return CS_QEV_ABANDONED;
	case CS_GCSV_D_QUEUE_TIMEOUT:
	case CS_GCSV_D_QUEUE_EMPTY:
		return CS_QEV_MISSED;
	default:
		return CS_QEV_OTHER;
	}
}

/*
 * The row's key, from the line's digest: the leg's negative; its queue
 * events, mapped from the row, have their own (the key the rows of their
 * own had), positive, so that in the stream's order (start, rhash) every
 * leg of a second comes before its events, as the stream orders pieces.
 */
static int64_t
event_rhash(int64_t leg, int kind)
{
	return (int64_t)(((uint64_t)leg & ~(7ULL | 1ULL << 63)) + (uint64_t)kind);
}

/* Whether slot (set, in[]) remembers s. */
static int
memo_has(int set, const char *in, const char *s)
{
	return set && strcmp(in, s) == 0;
}

/* Remembers s in slot in[] when it fits; *set says whether it did. */
static void
memo_key(int *set, char in[CS_GCSV_MEMO_LEN], const char *s)
{
	size_t n = strlen(s);

	*set = n < CS_GCSV_MEMO_LEN;
	if (*set)
		memcpy(in, s, n + 1);
}

/* Remembers that s gave out (s itself, or another text). */
static void
memo_text(struct cs_gcsv_memo_text *m, const char *s, const char *out)
{
	size_t n;

	m->set = 0;
	if (out == NULL)
		return;
	if (!(m->same = out == s)) {
		if ((n = strlen(out)) >= sizeof(m->out))
			return;
		memcpy(m->out, out, n + 1);
	}
	memo_key(&m->set, m->in, s);
}

/* A field scrubbed (cs_privacy_scrub_field), remembered in m. */
static const char *
scrubbed(struct cs_gcsv_memo_text *m, const char *s, char *buf)
{
	const char *out;

	if (memo_has(m->set, m->in, s))
		return m->same ? s : m->out;
	out = cs_privacy_scrub_field(s, buf, SCRUB_MAX);
	memo_text(m, s, out);
	return out;
}

/* A SIP Call-ID as stored (cs_privacy_id), remembered in m. */
static const char *
stored_id(const struct cs_format_ctx *ctx, struct cs_gcsv_memo_text *m,
    const char *s, char buf[CS_HASH_HEX + 1])
{
	const char *out;

	if (memo_has(m->set, m->in, s))
		return m->same ? s : m->out;
	out = cs_privacy_id(ctx->priv, s, buf);
	memo_text(m, s, out);
	return out;
}

int
cs_gcsv_store(const struct cs_format_ctx *ctx, struct cs_gcsv_memo *m,
    const struct cs_gcsv_record *rec, const struct cs_store_at *at)
{
	const char *caller = rec->f[CS_GCSV_CALLER];
	const char *dialled = rec->f[CS_GCSV_DIALLED];
	char id[CS_HASH_HEX + 1], b[4][SCRUB_MAX];
	const char *texts[7];
	struct cs_rowq *q = at->q;
	enum cs_qevent_kind k = CS_QEV_OTHER;
	int64_t when = rec->start;
	int queued = *rec->f[CS_GCSV_QUEUE] != '\0';

	if (!memo_has(m->caller_set, m->caller, caller)) {
		cs_privacy_hash(ctx->priv, caller, m->caller_hash);
		m->caller_phone = *caller != '\0' && cs_number_is_phone(caller);
		memo_key(&m->caller_set, m->caller, caller);
	}
	if (!memo_has(m->dialled_set, m->dialled, dialled)) {
		m->dialled_phone = cs_number_is_phone(dialled);
		m->dialled_town = m->dialled_phone &&
		    cs_config_service_by(ctx->cfg, CS_TERM_DID, dialled) >= 0;
		memo_key(&m->dialled_set, m->dialled, dialled);
	}
	texts[0] = scrubbed(&m->call_id, rec->f[CS_GCSV_CALL_ID], b[0]);
	texts[1] = m->caller_hash;
	/* numbers in clear only when they are extensions or the town's */
	texts[2] = *caller == '\0' || m->caller_phone ? NULL :
	    cs_privacy_scrub_field(caller, b[1], SCRUB_MAX);
	texts[3] = *dialled == '\0' ? NULL : m->dialled_town ? dialled :
	    m->dialled_phone ? CS_PHONE_MARK :
	    cs_privacy_scrub_field(dialled, b[2], SCRUB_MAX);
	texts[4] = scrubbed(&m->destination, rec->f[CS_GCSV_DESTINATION], b[3]);
	/* a queue's name holds no number worth keeping */
	texts[5] = rec->f[CS_GCSV_QUEUE];
	/* stored as the bot's sessions store theirs, so that the two compare */
	texts[6] = *rec->f[CS_GCSV_SIP_CALL_ID] == '\0' ? NULL :
	    stored_id(ctx, &m->sip_call_id, rec->f[CS_GCSV_SIP_CALL_ID], id);
	if (queued && (k = queue_exit(rec, &when)) == CS_QEV_OTHER)
		when = rec->start;

	cs_rowq_begin(q, &cs_table_generic_csv);
	cs_rowq_int(q, rec->start);
	cs_rowq_int(q, (int64_t)((uint64_t)at->rhash | 1ULL << 63));
	cs_rowq_int(q, at->source);
	cs_rowq_int(q, at->line);
	cs_rowq_int(q, 0);
	cs_rowq_int(q, when);
	if (rec->answer > 0)
		cs_rowq_int(q, rec->answer);
	else
		cs_rowq_null(q);
	cs_rowq_int(q, rec->end);
	cs_rowq_int(q, rec->duration);
	for (int i = 0; i < 7; i++)
		cs_rowq_text(q, texts[i]);
	cs_rowq_int(q, target_of(rec));
	cs_rowq_int(q, ended_of(rec));
	if (k == CS_QEV_CONNECTED)
		cs_rowq_int(q, rec->answer - rec->start);
	else
		cs_rowq_null(q);
	if (!queued)
		cs_rowq_null(q);
	else
		cs_rowq_int(q, 1 + (int)k);
	cs_rowq_int(q, rec->flags);
	return cs_rowq_end(q);
}

static int
gc_store(void *p, const struct cs_store_at *at)
{
	struct gc_rd *rd = p;

	return cs_gcsv_store(&rd->ctx, &rd->memo, &rd->rec, at);
}

/* A queue event of the row: its kind (model.h) at at, wait for CONNECTED. */
static void
map_event(const struct cs_row *row, enum cs_qevent_kind kind, int64_t at,
    long wait, struct cs_piece *p)
{
	struct cs_qevent *e = &p->u.ev;

	memset(e, 0, sizeof(*e));
	p->kind = CS_PIECE_QEVENT;
	/* the piece comes at its row's time (the rebuild reads the rows in
	   that order), the event says when it happened */
	p->time = cs_row_int(row, GC_COL_START);
	e->time = at;
	e->kind = kind;
	e->key = TEXT(row, GC_COL_CALL_ID);
	e->queue = TEXT(row, GC_COL_QUEUE);
	e->caller = kind == CS_QEV_ENTERED ? TEXT(row, GC_COL_CALLER) : "";
	e->peer = kind == CS_QEV_CONNECTED ? TEXT(row, GC_COL_DESTINATION) : "";
	e->wait = kind == CS_QEV_CONNECTED ? wait : -1;
	e->order = (cs_row_int(row, GC_COL_SOURCE) << 32) +
	    cs_row_int(row, GC_COL_LINE);
}

static int
gc_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	int kind = (int)cs_row_int(row, GC_COL_KIND);
	int64_t order = (cs_row_int(row, GC_COL_SOURCE) << 32) +
	    cs_row_int(row, GC_COL_LINE);
	const char *key = TEXT(row, GC_COL_CALL_ID);
	const char *dest = TEXT(row, GC_COL_DESTINATION);
	const char *queue = TEXT(row, GC_COL_QUEUE);

	(void)buf;
	if (kind > 0) {
		/* a queue event in a row of its own */
		map_event(row, (enum cs_qevent_kind)(kind - 1),
		    cs_row_int(row, GC_COL_AT),
		    (long)cs_row_int(row, GC_COL_WAIT), p);
		return 0;
	}
	struct cs_leg *l = &p->u.leg;

	memset(l, 0, sizeof(*l));
	p->kind = CS_PIECE_LEG;
	p->time = l->start = cs_row_int(row, GC_COL_START);
	l->answer = cs_row_int(row, GC_COL_ANSWER);	/* NULL: 0 */
	l->end = cs_row_int(row, GC_COL_END);
	l->duration = (long)cs_row_int(row, GC_COL_DURATION);
	l->key = key;
	l->alias = key;		/* the bot's session names the call so */
	l->caller = TEXT(row, GC_COL_CALLER);
	l->from = TEXT(row, GC_COL_SRC);
	l->from_peer = l->from;
	l->to = TEXT(row, GC_COL_DIALLED);
	l->peer = dest;
	l->queue = queue;
	l->sip_call_id = TEXT(row, GC_COL_SIP_CALL_ID);
	l->target = (enum cs_target)cs_row_int(row, GC_COL_TARGET);
	l->ended = (enum cs_leg_end)cs_row_int(row, GC_COL_ENDED);
	l->flags = (int)cs_row_int(row, GC_COL_FLAGS) & CS_GCSV_FLAG_TWICE;
	l->to_outside = strcmp(l->to, CS_PHONE_MARK) == 0 ||
	    cs_number_is_phone(l->to);
	for (int i = 0; i < CS_ATTR_N; i++)
		l->attr[i] = "";
	l->attr[CS_ATTR_CHANNEL] = dest;
	l->order = order;
	return 0;
}

/* A leg's queue events: entering (piece 1), then its exit (piece 2). */
static int
gc_map_more(const struct cs_row *row, int i, struct cs_piece *p,
    int64_t *rhash, struct cs_piece_buf *buf)
{
	int64_t qexit = cs_row_int(row, GC_COL_QEXIT);	/* NULL: 0 */
	int kind;

	(void)buf;
	/* a queue event's own row, a leg without a queue, or no exit */
	if (cs_row_int(row, GC_COL_KIND) != 0 || qexit <= 0 || i > 2 ||
	    (i == 2 && qexit == 1 + CS_QEV_OTHER))
		return 1;
	kind = i == 1 ? 1 + CS_QEV_ENTERED : (int)qexit;
	*rhash = event_rhash(cs_row_int(row, GC_COL_RHASH), kind);
	map_event(row, (enum cs_qevent_kind)(kind - 1), i == 1 ?
	    cs_row_int(row, GC_COL_START) : cs_row_int(row, GC_COL_AT),
	    (long)cs_row_int(row, GC_COL_WAIT), p);
	return 0;
}

/* Nothing tells a generic CSV from content: its section is named. */
static int
gc_looks(const char *s, const char *e)
{
	(void)s;
	(void)e;
	return 0;
}

const struct cs_format cs_format_generic_csv = {
	.name = "generic-csv",
	.title = "a generic CSV",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_generic_csv,
	.mapped = CS_TABLEDEF_ALL,
	.lacks = NULL,
	/* a row of kind 0 is a leg, the others its queue's events */
	.qevent_rows = "kind <> 0 OR qexit IS NOT NULL",
	.looks = gc_looks,
	.noise = NULL,
	.open = gc_open,
	.close = gc_close,
	.header = 1,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = gc_parse,
	.store = gc_store,
	.map = gc_map,
	.map_more = gc_map_more,
};
