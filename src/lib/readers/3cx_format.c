/*
 * 3cx_format.c: the 3cx-cdr format (3cx.h): a line of 3CX's legacy CDR
 * log as the neutral legs that generic-csv stores (cs_gcsv_store), in its
 * table, which generic-csv's entry maps.
 *
 * A line says where the call went first (to-*), where it ended (final-*)
 * and when the final destination answered (time-answered), not when each
 * hop began: so a line is one leg, from the call's start to its end,
 * towards its final destination.  Its queue is the to-dn of a call that
 * went to a queue, or the final-dn of one that ended in one; answered by
 * a person when the final destination is an extension that answered; the
 * system's when it is a voicemail box or an IVR.  How an unanswered call
 * ended comes from reason-terminated: the caller hung up (abandoned),
 * the destination refused it (busy), or a rule of the PBX ended it (no
 * answer; in a queue, its timeout).
 *
 * One derivation: a call an extension or a queue did not answer and that
 * 3CX forwarded to a voicemail box is two legs, the one that rang up to
 * the voicemail's answer and the voicemail's, since the box answered the
 * moment the ringing was given up.  Nothing else is split: where a bot
 * answered before a queue, the line holds no instant of the hand-over
 * (see lacks).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "3cx.h"
#include "generic_csv.h"

/* What a DN is, from its type (any case, any version's spelling) or,
 * without types, from its number. */
enum kind { K_NONE, K_EXT, K_LINE, K_QUEUE, K_IVR, K_VMAIL, K_OTHER };

struct tcx_rd {
	struct cs_format_ctx ctx;
	struct cs_3cx_reader *r;
	struct cs_3cx_record rec;
	struct cs_gcsv_memo memo;
};

static void *
tcx_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	enum cs_3cx_field order[CS_3CX_MAXCOLS];
	struct tcx_rd *rd;
	int n;

	if (cs_3cx_columns(ctx->columns, order, &n, err) != 0)
		return NULL;
	if ((rd = calloc(1, sizeof(*rd))) == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if ((rd->r = cs_3cx_open(order, n, err)) == NULL) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
tcx_close(void *p)
{
	struct tcx_rd *rd = p;

	if (rd == NULL)
		return;
	cs_3cx_close(rd->r);
	free(rd);
}

static int
tcx_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct tcx_rd *rd = p;
	int rc = cs_3cx_parse(rd->r, line, len, &rd->rec, err);

	if (rc == 0)
		*t = rd->rec.start;
	return rc;
}

/* "Ext.960" as 960: the DN without 3CX's prefix. */
static const char *
dn(const char *s)
{
	return strncmp(s, "Ext.", 4) == 0 ? s + 4 : s;
}

static int
is(const char *v, const char *const *list)
{
	for (; *list != NULL; list++)
		if (strcasecmp(v, *list) == 0)
			return 1;
	return 0;
}

static enum kind
kind_of(const char *type, const char *number)
{
	static const char *const ext[] = { "Extension", NULL };
	static const char *const line[] = { "Line", "external_line",
		"ExternalLine", "outbound_rule", NULL };
	static const char *const queue[] = { "Queue", "RingGroup",
		"ring_group_ring_all", "ring_group_hunt", "group", NULL };
	static const char *const ivr[] = { "Ivr", "script", "SpecialMenu",
		"inbound_routing", NULL };
	static const char *const vmail[] = { "VoiceMail", "VMail", NULL };

	if (*type != '\0')
		return is(type, ext) ? K_EXT : is(type, line) ? K_LINE :
		    is(type, queue) ? K_QUEUE : is(type, ivr) ? K_IVR :
		    is(type, vmail) ? K_VMAIL : K_OTHER;
	/* no type: 3CX writes a DN of its own as Ext.NNN */
	if (*number == '\0')
		return K_NONE;
	return strncmp(number, "Ext.", 4) == 0 ? K_EXT : K_LINE;
}

/* How reason-terminated says the call ended: 's' the caller hung up,
 * 'd' the destination refused or hung up, 'r' a rule of the PBX, 'f' no
 * route, 0 unknown. */
static int
ended_by(const char *v)
{
	static const char *const src[] = { "TerminatedBySrc",
		"src_participant_terminated", "cancelled", NULL };
	static const char *const dst[] = { "TerminatedByDst",
		"dst_participant_terminated", "rejected", "busy", NULL };
	static const char *const rule[] = { "TerminatedByRule", "polling",
		"redirected", "continued_in", NULL };
	static const char *const fail[] = { "no_route", "failed", NULL };

	return is(v, src) ? 's' : is(v, dst) ? 'd' : is(v, rule) ? 'r' :
	    is(v, fail) ? 'f' : 0;
}

/* How a leg nobody answered ended, in a queue or not. */
static enum cs_gcsv_disp
unanswered(int by, int queue)
{
	switch (by) {
	case 's':
		return CS_GCSV_D_ABANDONED;
	case 'd':
		return queue ? CS_GCSV_D_QUEUE_TIMEOUT : CS_GCSV_D_BUSY;
	case 'r':
		return queue ? CS_GCSV_D_QUEUE_TIMEOUT : CS_GCSV_D_NO_ANSWER;
	case 'f':
		return CS_GCSV_D_FAILED;
	default:
		return CS_GCSV_D_NONE;
	}
}

/* The queue a line went through, "" none. */
static const char *
queue_of(const struct cs_3cx_record *x, enum kind to, enum kind fin)
{
	if (to == K_QUEUE)
		return x->f[CS_3CX_TO_DN];
	if (fin == K_QUEUE)
		return x->f[CS_3CX_FINAL_DN];
	/* without types, a queue's forward (QFwdToDNA) says the first
	   destination was a queue */
	if (*x->f[CS_3CX_TO_TYPE] == '\0' &&
	    strncasecmp(x->f[CS_3CX_REASON_CHANGED], "QFwd", 4) == 0)
		return x->f[CS_3CX_TO_DN];
	return "";
}

/* Where the call ended: a DN, or an outside number when a line took it. */
static const char *
final_of(const struct cs_3cx_record *x, enum kind fin)
{
	const char *num = x->f[CS_3CX_FINAL_NUMBER], *d = x->f[CS_3CX_FINAL_DN];

	if (*num == '\0' && *d == '\0') {
		num = x->f[CS_3CX_TO_NO];
		d = x->f[CS_3CX_TO_DN];
	}
	if (fin == K_LINE && *num != '\0')
		return num;
	return *d != '\0' ? d : dn(num);
}

int
cs_3cx_store(const struct cs_format_ctx *ctx, struct cs_gcsv_memo *memo,
    const struct cs_3cx_record *x, const struct cs_store_at *at)
{
	struct cs_gcsv_record g, v;
	struct cs_store_at at2;
	const char *fnum = *x->f[CS_3CX_FINAL_NUMBER] != '\0' ||
	    *x->f[CS_3CX_FINAL_DN] != '\0' ? x->f[CS_3CX_FINAL_NUMBER] :
	    x->f[CS_3CX_TO_NO];
	const char *ftype = *x->f[CS_3CX_FINAL_NUMBER] != '\0' ||
	    *x->f[CS_3CX_FINAL_DN] != '\0' ? x->f[CS_3CX_FINAL_TYPE] :
	    x->f[CS_3CX_TO_TYPE];
	enum kind to = kind_of(x->f[CS_3CX_TO_TYPE], x->f[CS_3CX_TO_NO]);
	enum kind fin = kind_of(ftype, fnum);
	const char *queue = queue_of(x, to, fin);
	int ended = ended_by(x->f[CS_3CX_REASON_TERMINATED]);
	/* a queue answering for itself (its music) is nobody's answer */
	int answered = x->answer > 0 && fin != K_QUEUE;

	memset(&g, 0, sizeof(g));
	for (int i = 0; i < CS_GCSV_NFIELDS; i++)
		g.f[i] = "";
	g.f[CS_GCSV_CALL_ID] = x->history;
	g.f[CS_GCSV_LEG] = x->f[CS_3CX_CALLID];
	g.f[CS_GCSV_CALLER] = dn(x->f[CS_3CX_FROM_NO]);
	g.f[CS_GCSV_CALLER_NAME] = x->f[CS_3CX_FROM_DISPNAME];
	g.f[CS_GCSV_DIALLED] = dn(*x->f[CS_3CX_DIAL_NO] != '\0' ?
	    x->f[CS_3CX_DIAL_NO] : x->f[CS_3CX_TO_NO]);
	g.f[CS_GCSV_DESTINATION] = final_of(x, fin);
	g.f[CS_GCSV_QUEUE] = queue;
	g.start = x->start;
	g.end = x->end;
	g.duration = (long)(x->end - x->start);
	g.answer = answered ? x->answer : 0;
	g.by = fin == K_VMAIL || fin == K_IVR ? CS_GCSV_BY_PBX :
	    answered && fin == K_EXT ? CS_GCSV_BY_HUMAN : CS_GCSV_BY_NONE;
	g.disp = answered ? CS_GCSV_D_ANSWERED : unanswered(ended, *queue != '\0');
	if (fin != K_VMAIL || !answered || to == K_VMAIL || to == K_NONE ||
	    strcmp(x->f[CS_3CX_TO_DN], x->f[CS_3CX_FINAL_DN]) == 0)
		return cs_gcsv_store(ctx, memo, &g, at);
	/* rung, then the voicemail box from its answer: two legs */
	v = g;
	g.f[CS_GCSV_DESTINATION] = x->f[CS_3CX_TO_DN];
	g.f[CS_GCSV_QUEUE] = to == K_QUEUE ? queue : "";
	g.end = x->answer;
	g.duration = (long)(g.end - g.start);
	g.answer = 0;
	g.by = CS_GCSV_BY_NONE;
	g.disp = to == K_QUEUE ? CS_GCSV_D_QUEUE_TIMEOUT : CS_GCSV_D_NO_ANSWER;
	if (cs_gcsv_store(ctx, memo, &g, at) != 0)
		return -1;
	v.f[CS_GCSV_QUEUE] = "";
	v.start = x->answer;
	v.duration = (long)(v.end - v.start);
	/* the second leg of the line: a key of its own */
	at2 = *at;
	at2.rhash ^= 0x100;
	return cs_gcsv_store(ctx, memo, &v, &at2);
}

static int
tcx_store(void *p, const struct cs_store_at *at)
{
	struct tcx_rd *rd = p;

	return cs_3cx_store(&rd->ctx, &rd->memo, &rd->rec, at);
}

static int
tcx_looks(const char *s, const char *e)
{
	return cs_3cx_looks(s, e);
}

static int
tcx_noise(const char *s, size_t len)
{
	return cs_3cx_header(s, len) ? CS_FORMAT_NOISE_OURS : 0;
}

/* Its rows are generic-csv's, which that format maps (the table of
 * formats finds it first: this is never called). */
static int
tcx_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	return cs_format_generic_csv.map(row, p, buf);
}

/*
 * A line is a whole call: where a bot answered before a person, its
 * answer is the line's, and no instant of the hand-over is written, so
 * the bot's part of the call (its sessions, escalations, containment),
 * the wait after the hand-over and the talk after it are not known.
 */
const struct cs_format cs_format_3cx_cdr = {
	.name = "3cx-cdr",
	.title = "a 3CX CDR log",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_generic_csv,
	.mapped = CS_TABLEDEF_ALL,
	.lacks = "bot_sessions, escalated, escalation_rate, containment_rate, "
	    "containment_24h, escalation_answer_rate, human_wait_p90, talk",
	.looks = tcx_looks,
	.noise = tcx_noise,
	.open = tcx_open,
	.close = tcx_close,
	.header = 0,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = tcx_parse,
	.store = tcx_store,
	.map = tcx_map,
};
