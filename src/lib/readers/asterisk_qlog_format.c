/*
 * asterisk_qlog_format.c: Asterisk's queue_log in the table of formats
 * (format.h): recognising a line (and a psql dump's header, rule and
 * footer), storing an event with the caller's number hashed, and a stored
 * event mapped onto the model (asterisk.h).
 */
#include <stdlib.h>
#include <string.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "asterisk.h"
#include "asterisk_tables.h"
#include "format.h"
#include "readers.h"

#define SCRUB_MAX 1024

/* ---- detection ---- */

/* s..e (trimmed) starts with epoch seconds or a datetime, then '|'. */
static int
looks_qlog(const char *s, const char *e)
{
	const char *bar, *t;
	struct cs_datetime dt;

	if ((bar = memchr(s, '|', (size_t)(e - s))) == NULL)
		return 0;
	t = bar;
	while (t > s && cs_readers_blank((unsigned char)t[-1]))
		t--;
	if (t == s)
		return 0;
	if (s[0] >= '0' && s[0] <= '9') {
		const char *p = s;

		while (p < t && *p >= '0' && *p <= '9')
			p++;
		if (p == t)
			return 1;
	}
	return cs_datetime_parse(s, (size_t)(t - s), &dt) == 0;
}

static int
qlog_noise(const char *s, size_t len)
{
	int n = cs_readers_qlog_noise(s, len);

	/* a psql header: only a dump of the queue_log table has one */
	return n == CS_QLOG_NOISE_HEADER ? CS_FORMAT_NOISE_OURS : n != 0;
}

/* ---- reading and storing ---- */

struct qlog_rd {
	struct cs_qlog_reader r;
	struct cs_qlog_record rec;
	struct cs_format_ctx ctx;
};

static void *
qlog_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct qlog_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	if (cs_qlog_reader_init(&rd->r, ctx->utc, err) != 0) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
qlog_close(void *p)
{
	struct qlog_rd *rd = p;

	if (rd == NULL)
		return;
	cs_qlog_reader_release(&rd->r);
	free(rd);
}

static int
qlog_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct qlog_rd *rd = p;
	int rc = cs_qlog_parse(&rd->r, line, len, &rd->rec, err);

	if (rc == 0)
		*t = rd->rec.time;
	return rc;
}

int
cs_qlog_store_record(const struct cs_privacy *priv,
    const struct cs_qlog_record *rec, const struct cs_store_at *at)
{
	struct cs_rowq *q = at->q;
	char caller[CS_HASH_HEX + 1], b[SCRUB_MAX];
	int enter = strcmp(rec->event, "ENTERQUEUE") == 0;

	cs_rowq_begin(q, &cs_table_queue_log);
	cs_rowq_int(q, rec->time);
	cs_rowq_int(q, at->rhash);
	cs_rowq_int(q, at->source);
	cs_rowq_int(q, at->line);
	/* the queue copies each text: one buffer serves them all */
	cs_rowq_text(q, cs_privacy_scrub_field(rec->callid, b, SCRUB_MAX));
	cs_rowq_text(q, cs_privacy_scrub_field(rec->queue, b, SCRUB_MAX));
	cs_rowq_text(q, cs_privacy_scrub_field(rec->agent, b, SCRUB_MAX));
	cs_rowq_text(q, cs_privacy_scrub_field(rec->event, b, SCRUB_MAX));
	for (int i = 0; i < CS_QLOG_NDATA; i++) {
		if (enter && i == 1) {
			/* ENTERQUEUE's caller ID: only its keyed hash */
			cs_privacy_hash(priv, rec->data[1], caller);
			cs_rowq_text(q, caller);
		} else if (enter && i == 3) {
			/* the caller's name: personal, and of no use here */
			cs_rowq_text(q, "");
		} else {
			cs_rowq_text(q, cs_privacy_scrub_field(rec->data[i], b,
			    SCRUB_MAX));
		}
	}
	return cs_rowq_end(q);
}

static int
qlog_store(void *p, const struct cs_store_at *at)
{
	struct qlog_rd *rd = p;

	return cs_qlog_store_record(rd->ctx.priv, &rd->rec, at);
}

/* ---- a stored event, mapped ---- */

static int
qlog_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	struct cs_ast_qevent a;

	a.time = cs_row_int(row, CS_QLOG_COL_TIME);
	a.order = (cs_row_int(row, CS_QLOG_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_QLOG_COL_LINE);
	a.callid = cs_row_text(row, CS_QLOG_COL_CALLID);
	a.queue = cs_row_text(row, CS_QLOG_COL_QUEUE);
	a.agent = cs_row_text(row, CS_QLOG_COL_AGENT);
	a.event = cs_row_text(row, CS_QLOG_COL_EVENT);
	for (int i = 0; i < CS_QLOG_NDATA; i++)
		a.data[i] = cs_row_text(row, CS_QLOG_COL_DATA1 + i);
	p->kind = CS_PIECE_QEVENT;
	p->time = a.time;
	return cs_asterisk_qevent(&a, &p->u.ev, buf);
}

const struct cs_format cs_format_asterisk_queue_log = {
	.name = "asterisk-queue-log",
	.title = "a queue_log",
	.piece = CS_PIECE_QEVENT,
	.table = &cs_table_queue_log,
	.mapped = CS_TABLEDEF_ALL,
	.looks = looks_qlog,
	.noise = qlog_noise,
	.open = qlog_open,
	.close = qlog_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = qlog_parse,
	.store = qlog_store,
	.map = qlog_map,
};
