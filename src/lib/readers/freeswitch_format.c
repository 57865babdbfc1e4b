/*
 * freeswitch_format.c: FreeSWITCH's mod_cdr_csv in the table of formats
 * (format.h): recognising a line, storing a record with its numbers
 * hashed or scrubbed, and a stored row mapped onto the model through
 * freeswitch_map.c.
 *
 * A member leg of a mod_callcenter queue (cc_queue set, cc_side member,
 * callstat's template) is three pieces: its channel (part 0), its entering
 * the queue (part 1, at cc_queue_joined_epoch) and its leaving it (part 2,
 * when answered or cancelled).  Its row holds all three (marked
 * CS_FS_FLAG_EVENTS), mapped by map and map_more (format.h); databases of
 * callstat 0.1 hold the two events as rows of fs_queue, which the hidden
 * entry below maps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../phone.h"
#include "../privacy.h"
#include "format.h"
#include "freeswitch.h"
#include "freeswitch_tables.h"

#define SCRUB_MAX 1024

struct fs_rd {
	struct cs_fs_reader r;
	struct cs_fs_record rec;
	struct cs_format_ctx ctx;
};

static void *
fs_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct fs_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if (cs_fs_reader_init(&rd->r, ctx->utc, err) != 0) {
		cs_fs_reader_release(&rd->r);
		free(rd);
		return NULL;
	}
	return rd;
}

static void
fs_close(void *p)
{
	struct fs_rd *rd = p;

	if (rd == NULL)
		return;
	cs_fs_reader_release(&rd->r);
	free(rd);
}

/* What a file's next lines are read with: its template. */
static void
fs_state(void *p, int st[2])
{
	struct fs_rd *rd = p;

	st[0] = rd->r.nfields;
	st[1] = 0;
}

static void
fs_resume(void *p, const int st[2])
{
	struct fs_rd *rd = p;

	rd->r.nfields = st[0];
}

static int
fs_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct fs_rd *rd = p;

	if (cs_fs_parse(&rd->r, line, len, &rd->rec, err) != 0)
		return -1;
	*t = rd->rec.start;
	return 0;
}

static int
looks_fs(const char *s, const char *e)
{
	return cs_fs_looks(s, e);
}

static void
opt_int(struct cs_rowq *q, int64_t v)
{
	if (v != 0)
		cs_rowq_int(q, v);
	else
		cs_rowq_null(q);
}

/* A text field as stored: NULL when absent, numbers in it replaced. */
static const char *
scrubbed(const char *s, char buf[SCRUB_MAX])
{
	return s == NULL ? NULL : cs_privacy_scrub_field(s, buf, SCRUB_MAX);
}

/* Whether the record is a queue member's leg with its cc_* variables. */
static int
member_leg(const struct cs_fs_record *rec)
{
	const char *q = rec->f[CS_FS_CC_QUEUE], *side = rec->f[CS_FS_CC_SIDE];

	return q != NULL && *q != '\0' && strcmp(side, "agent") != 0 &&
	    rec->cc[CS_FS_CC_T_JOINED] != 0;
}

static int
store_leg(struct fs_rd *rd, const struct cs_store_at *at)
{
	const struct cs_fs_record *rec = &rd->rec;
	struct cs_rowq *q = at->q;
	char caller[CS_HASH_HEX + 1], b[SCRUB_MAX];
	const char *num = rec->f[CS_FS_NUMBER], *dst = rec->f[CS_FS_DEST];
	int town = 0;

	cs_privacy_hash(rd->ctx.priv, num, caller);
	if (cs_number_is_phone(dst))
		town = cs_config_service_by(rd->ctx.cfg, CS_TERM_DID, dst) >= 0;
	cs_rowq_begin(q, &cs_table_fs_cdr);
	cs_rowq_int(q, rec->start);
	cs_rowq_int(q, at->rhash);
	cs_rowq_int(q, at->source);
	cs_rowq_int(q, at->line);
	opt_int(q, rec->answer);
	cs_rowq_int(q, rec->end);
	cs_rowq_int(q, rec->duration);
	cs_rowq_int(q, rec->billsec);
	cs_rowq_text(q, caller);
	/* numbers in clear only when they are extensions or the town's */
	cs_rowq_text(q, !cs_number_is_phone(num) ? scrubbed(num, b) : NULL);
	cs_rowq_text(q, cs_number_is_phone(dst) && !town ? CS_PHONE_MARK :
	    town ? dst : scrubbed(dst, b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CONTEXT], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CAUSE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_UUID], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_BLEG], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_ACCOUNTCODE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_QUEUE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_SIDE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_MEMBER_UUID], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_MEMBER_SESSION_UUID], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_AGENT], b));
	for (int i = 0; i < CS_FS_CC_NT; i++)
		opt_int(q, rec->cc[i]);
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_CAUSE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_CC_CANCEL_REASON], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_FS_ORIG_LEG], b));
	cs_rowq_int(q, rd->r.nfields);
	cs_rowq_int(q, (rec->ambiguous ? CS_FS_FLAG_DST : 0) |
	    (member_leg(rec) ? CS_FS_FLAG_EVENTS : 0));
	return cs_rowq_end(q);
}

static int
fs_store(void *p, const struct cs_store_at *at)
{
	struct fs_rd *rd = p;

	return store_leg(rd, at);
}

/* ---- a stored row, mapped ---- */

static int
fs_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	struct cs_fs_leg a;

	a.part = 0;
	a.start = cs_row_int(row, CS_FS_COL_START);
	a.order = (cs_row_int(row, CS_FS_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_FS_COL_LINE);
	a.answer = cs_row_int(row, CS_FS_COL_ANSWER);
	a.end = cs_row_int(row, CS_FS_COL_END);
	a.duration = (long)cs_row_int(row, CS_FS_COL_DURATION);
	a.caller = cs_row_text(row, CS_FS_COL_CALLER);
	a.number = cs_row_text(row, CS_FS_COL_NUMBER);
	a.dest = cs_row_text(row, CS_FS_COL_DEST);
	a.context = cs_row_text(row, CS_FS_COL_CONTEXT);
	a.cause = cs_row_text(row, CS_FS_COL_CAUSE);
	a.uuid = cs_row_text(row, CS_FS_COL_UUID);
	a.bleg = cs_row_text(row, CS_FS_COL_BLEG);
	a.cc_queue = cs_row_text(row, CS_FS_COL_CC_QUEUE);
	a.cc_side = cs_row_text(row, CS_FS_COL_CC_SIDE);
	a.cc_member_session = cs_row_text(row, CS_FS_COL_CC_MEMBER_SESSION);
	a.cc_agent = cs_row_text(row, CS_FS_COL_CC_AGENT);
	for (int i = 0; i < CS_FS_CC_NT; i++)
		a.cc[i] = cs_row_int(row, CS_FS_COL_CC_JOINED + i);
	a.cc_cause = cs_row_text(row, CS_FS_COL_CC_CAUSE);
	a.cc_cancel_reason = cs_row_text(row, CS_FS_COL_CC_CANCEL_REASON);
	a.orig_leg = cs_row_text(row, CS_FS_COL_ORIG_LEG);
	a.flags = (int)cs_row_int(row, CS_FS_COL_FLAGS) & CS_FS_FLAG_DST;
	return cs_freeswitch_piece(&a, p, buf);
}

/*
 * A member leg's entering its queue (piece 1, at cc_queue_joined_epoch)
 * and leaving it (piece 2: when answered, else cancelled, else at the
 * leg's end), each keyed by the line's digest plus its part less one, as
 * their rows of fs_queue were.  A piece never comes before its row: an
 * event stamped before its leg began comes at the leg's start (its time
 * says when it was).
 */
static int
fs_map_more(const struct cs_row *row, int i, struct cs_piece *p,
    int64_t *rhash, struct cs_piece_buf *buf)
{
	struct cs_fs_leg a;
	int64_t start = cs_row_int(row, CS_FS_COL_START);
	const char *orig = cs_row_text(row, CS_FS_COL_ORIG_LEG);
	int64_t answered = cs_row_int(row, CS_FS_COL_CC_JOINED +
	    CS_FS_CC_T_ANSWERED);
	int64_t canceled = cs_row_int(row, CS_FS_COL_CC_JOINED +
	    CS_FS_CC_T_CANCELED);

	if (!(cs_row_int(row, CS_FS_COL_FLAGS) & CS_FS_FLAG_EVENTS) || i > 2)
		return 1;
	memset(&a, 0, sizeof(a));
	a.part = i;
	a.cc[CS_FS_CC_T_JOINED] = cs_row_int(row, CS_FS_COL_CC_JOINED +
	    CS_FS_CC_T_JOINED);
	a.cc[CS_FS_CC_T_ANSWERED] = answered;
	a.start = i == 1 ? a.cc[CS_FS_CC_T_JOINED] : answered != 0 ? answered :
	    canceled != 0 ? canceled : cs_row_int(row, CS_FS_COL_END);
	a.order = (cs_row_int(row, CS_FS_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_FS_COL_LINE);
	a.caller = cs_row_text(row, CS_FS_COL_CALLER);
	/* the call of the member's leg (freeswitch_map.c) */
	a.uuid = orig != NULL && *orig != '\0' ? orig :
	    cs_row_text(row, CS_FS_COL_UUID);
	a.orig_leg = "";
	a.cc_side = "member";
	a.cc_queue = cs_row_text(row, CS_FS_COL_CC_QUEUE);
	a.cc_agent = cs_row_text(row, CS_FS_COL_CC_AGENT);
	a.cc_cancel_reason = cs_row_text(row, CS_FS_COL_CC_CANCEL_REASON);
	*rhash = (int64_t)((uint64_t)cs_row_int(row, CS_FS_COL_RHASH) +
	    (uint64_t)i - 1);
	if (cs_freeswitch_piece(&a, p, buf) != 0)
		return 1;
	if (p->time < start)
		p->time = start;
	return 0;
}

static int
fsq_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	struct cs_fs_leg a;

	memset(&a, 0, sizeof(a));
	a.part = (int)cs_row_int(row, CS_FSQ_COL_PART);
	a.start = cs_row_int(row, CS_FSQ_COL_TIME);
	a.order = (cs_row_int(row, CS_FSQ_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_FSQ_COL_LINE);
	a.caller = cs_row_text(row, CS_FSQ_COL_CALLER);
	a.uuid = cs_row_text(row, CS_FSQ_COL_CALL);
	a.orig_leg = "";
	a.cc_side = "member";
	a.cc_queue = cs_row_text(row, CS_FSQ_COL_QUEUE);
	a.cc_agent = cs_row_text(row, CS_FSQ_COL_AGENT);
	a.cc[CS_FS_CC_T_JOINED] = cs_row_int(row, CS_FSQ_COL_JOINED);
	a.cc[CS_FS_CC_T_ANSWERED] = cs_row_int(row, CS_FSQ_COL_ANSWERED);
	a.cc_cancel_reason = cs_row_text(row, CS_FSQ_COL_CANCEL_REASON);
	return cs_freeswitch_piece(&a, p, buf);
}

static int
looks_never(const char *s, const char *e)
{
	(void)s;
	(void)e;
	return 0;
}

/* fs_queue's rows (callstat 0.1's), read with the other formats' queue
 * events: never named or detected (format.h), nothing stored in it. */
const struct cs_format cs_format_freeswitch_queue = {
	.name = "freeswitch-cdr",
	.title = "a FreeSWITCH mod_cdr_csv file",
	.piece = CS_PIECE_QEVENT,
	.table = &cs_table_fs_queue,
	.mapped = CS_TABLEDEF_ALL,
	.hidden = 1,
	.looks = looks_never,
	.open = fs_open,
	.close = fs_close,
	.state = fs_state,
	.resume = fs_resume,
	.parse = fs_parse,
	.store = fs_store,
	.map = fsq_map,
};

const struct cs_format cs_format_freeswitch_cdr = {
	.name = "freeswitch-cdr",
	.title = "a FreeSWITCH mod_cdr_csv file",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_fs_cdr,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_FS_COL_ACCOUNTCODE |
	    1ULL << CS_FS_COL_BILLSEC | 1ULL << CS_FS_COL_TEMPLATE),
	.lacks = NULL,
	.looks = looks_fs,
	.noise = NULL,
	.open = fs_open,
	.close = fs_close,
	.state = fs_state,
	.resume = fs_resume,
	.parse = fs_parse,
	.store = fs_store,
	.map = fs_map,
	.map_more = fs_map_more,
};
