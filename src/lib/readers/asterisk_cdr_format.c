/*
 * asterisk_cdr_format.c: Asterisk's Master.csv in the table of formats
 * (format.h): recognising a line, storing a record with its numbers
 * hashed or scrubbed, and a stored leg mapped onto the model (asterisk.h).
 */
#include <csv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../phone.h"
#include "../privacy.h"
#include "../timeutil.h"
#include "asterisk.h"
#include "asterisk_cel.h"
#include "asterisk_tables.h"
#include "format.h"
#include "readers.h"

#define SCRUB_MAX 1024

/* ---- detection ---- */

struct detect_count {
	int	 nf;
	int	 start_ok;
	int	 dur_ok;	/* duration is a number */
};

static void
detect_field(void *s, size_t len, void *data)
{
	struct detect_count *c = data;
	struct cs_datetime dt;

	if (c->nf == CS_CDR_START && s != NULL)
		c->start_ok = cs_datetime_parse(s, len, &dt) == 0;
	if (c->nf == CS_CDR_DURATION && s != NULL && len > 0)
		c->dur_ok = strspn(s, "0123456789") == len;
	c->nf++;
}

static int
no_term(unsigned char c)
{
	return 0;
}

/* s..e is a CSV record of 16 to 21 fields that looks like a CDR. */
static int
looks_cdr(const char *s, const char *e)
{
	struct csv_parser p;
	struct detect_count c = { 0, 0, 0 };
	size_t n = (size_t)(e - s);
	int ok;

	/* Not CSV_STRICT_FINI: a cut or damaged last field is still a CDR,
	 * that the reader will reject with a message. */
	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return 0;
	csv_set_term_func(&p, no_term);
	ok = csv_parse(&p, s, n, detect_field, NULL, &c) == n &&
	    csv_fini(&p, detect_field, NULL, &c) == 0;
	csv_free(&p);
	/* a quoted line with a damaged start is one, if its duration is a
	   number: a quoted CSV header (bot-csv's) is not */
	/* a CEL event has 20 fields too, and a number in the 13th */
	return ok && c.nf >= 16 && c.nf <= 21 &&
	    (c.start_ok || (s[0] == '"' && c.dur_ok)) && !cs_cel_looks(s, e);
}

/* ---- reading and storing ---- */

struct cdr_rd {
	struct cs_cdr_reader r;
	struct cs_cdr_record rec;
	struct cs_cdr_store st;
};

static void *
cdr_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct cdr_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->st.ctx = *ctx;
	if (cs_cdr_reader_init(&rd->r, ctx->utc, err) != 0) {
		free(rd);
		return NULL;
	}
	return rd;
}

static void
cdr_close(void *p)
{
	struct cdr_rd *rd = p;

	if (rd == NULL)
		return;
	cs_cdr_reader_release(&rd->r);
	free(rd);
}

/* What a file's next lines are read with: its columns. */
static void
cdr_state(void *p, int st[2])
{
	struct cdr_rd *rd = p;

	st[0] = rd->r.ncols;
	st[1] = rd->r.col17;
}

static void
cdr_resume(void *p, const int st[2])
{
	struct cdr_rd *rd = p;

	rd->r.ncols = st[0];
	rd->r.col17 = st[1];
}

static int
cdr_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct cdr_rd *rd = p;

	if (cs_cdr_parse(&rd->r, line, len, &rd->rec, err) != 0)
		return -1;
	*t = rd->rec.start;
	return 0;
}

/* A text field as stored: any number in it (a dial string, a channel, a
 * user field) replaced, into buf if need be; NULL stays NULL. */
static const char *
scrubbed(const char *s, char buf[SCRUB_MAX])
{
	return cs_privacy_scrub_field(s, buf, SCRUB_MAX);
}

/* The caller's number of a CDR: src, else the <number> of clid. */
static const char *
caller_number(const struct cs_cdr_record *rec, char *buf, size_t n)
{
	const char *src = rec->f[CS_CDR_SRC], *clid = rec->f[CS_CDR_CLID];
	const char *lt, *gt;

	if (src != NULL && *src != '\0')
		return src;
	if (clid == NULL || (lt = strrchr(clid, '<')) == NULL ||
	    (gt = strchr(lt, '>')) == NULL)
		return "";
	snprintf(buf, n, "%.*s", (int)(gt - lt - 1), lt + 1);
	return buf;
}

/* Keeps s in a one-entry cache of n bytes; too long, nothing is kept. */
static void
remember(char *cache, size_t n, const char *s)
{
	size_t len = strlen(s);

	if (len < n)
		memcpy(cache, s, len + 1);
	else
		cache[0] = '\0';
}

/* The keyed hash of the caller's number, into caller. */
static void
hash_caller(struct cs_cdr_store *rd, const struct cs_cdr_record *rec,
    char caller[CS_HASH_HEX + 1])
{
	char nbuf[256];
	const char *number = caller_number(rec, nbuf, sizeof(nbuf));

	if (strcmp(number, rd->last_caller) == 0) {
		memcpy(caller, rd->last_caller_hash, CS_HASH_HEX + 1);
		return;
	}
	cs_privacy_hash(rd->ctx.priv, number, caller);
	remember(rd->last_caller, sizeof(rd->last_caller), number);
	memcpy(rd->last_caller_hash, caller, CS_HASH_HEX + 1);
}

/* Whether dst, a phone number, is one of the town's (a did: term). */
static int
town_number(struct cs_cdr_store *rd, const char *dst)
{
	if (strcmp(dst, rd->last_dst) != 0) {
		rd->last_dst_town = cs_config_service_by(rd->ctx.cfg,
		    CS_TERM_DID, dst) >= 0;
		remember(rd->last_dst, sizeof(rd->last_dst), dst);
	}
	return rd->last_dst_town;
}

static void
opt_int(struct cs_rowq *q, int64_t v, int present)
{
	if (present)
		cs_rowq_int(q, v);
	else
		cs_rowq_null(q);
}

int
cs_cdr_store_record(struct cs_cdr_store *rd, const struct cs_cdr_record *rec,
    const struct cs_store_at *at)
{
	struct cs_rowq *q = at->q;
	char caller[CS_HASH_HEX + 1], b[SCRUB_MAX], id[CS_HASH_HEX + 1];
	const char *src = rec->f[CS_CDR_SRC], *dst = rec->f[CS_CDR_DST];
	int town = 0;

	hash_caller(rd, rec, caller);
	if (dst != NULL && cs_number_is_phone(dst))
		town = town_number(rd, dst);
	cs_rowq_begin(q, &cs_table_cdr);
	cs_rowq_int(q, rec->start);
	cs_rowq_int(q, at->rhash);
	cs_rowq_int(q, at->source);
	cs_rowq_int(q, at->line);
	opt_int(q, rec->answer, rec->answer != 0);
	cs_rowq_int(q, rec->end);
	cs_rowq_int(q, rec->duration);
	cs_rowq_int(q, rec->billsec);
	cs_rowq_text(q, caller);
	/* numbers in clear only when they are extensions or the town's */
	cs_rowq_text(q, src != NULL && !cs_number_is_phone(src) ?
	    scrubbed(src, b) : NULL);
	cs_rowq_text(q, dst == NULL ? NULL : cs_number_is_phone(dst) && !town ?
	    CS_PHONE_MARK : town ? dst : scrubbed(dst, b));
	/* every other text too: a number may be anywhere (the queue copies
	   each text, so one buffer serves them all) */
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_DCONTEXT], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_CHANNEL], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_DSTCHANNEL], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_LASTAPP], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_LASTDATA], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_DISPOSITION], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_AMAFLAGS], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_ACCOUNTCODE], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_UNIQUEID], b));
	/* the SIP Call-ID, where the dialplan logs it: stored as the bot's
	   sessions store theirs, so that the two compare (privacy.h) */
	cs_rowq_text(q, cs_privacy_id(rd->ctx.priv, rec->f[CS_CDR_USERFIELD], id));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_PEERACCOUNT], b));
	cs_rowq_text(q, scrubbed(rec->f[CS_CDR_LINKEDID], b));
	opt_int(q, rec->sequence, rec->sequence >= 0);
	cs_rowq_int(q, rec->ambiguous ? 1 : 0);
	return cs_rowq_end(q);
}

static int
cdr_store(void *p, const struct cs_store_at *at)
{
	struct cdr_rd *rd = p;

	return cs_cdr_store_record(&rd->st, &rd->rec, at);
}

/* ---- a stored leg, mapped ---- */

static int
cdr_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	struct cs_ast_leg a;

	a.start = cs_row_int(row, CS_CDR_COL_START);
	a.order = (cs_row_int(row, CS_CDR_COL_SOURCE) << 32) +
	    cs_row_int(row, CS_CDR_COL_LINE);
	a.answer = cs_row_int(row, CS_CDR_COL_ANSWER);	/* NULL: 0 */
	a.end = cs_row_int(row, CS_CDR_COL_END);
	a.duration = (long)cs_row_int(row, CS_CDR_COL_DURATION);
	a.caller = cs_row_text(row, CS_CDR_COL_CALLER);
	a.src = cs_row_text(row, CS_CDR_COL_SRC);
	a.dst = cs_row_text(row, CS_CDR_COL_DST);
	a.dcontext = cs_row_text(row, CS_CDR_COL_DCONTEXT);
	a.channel = cs_row_text(row, CS_CDR_COL_CHANNEL);
	a.dstchannel = cs_row_text(row, CS_CDR_COL_DSTCHANNEL);
	a.lastapp = cs_row_text(row, CS_CDR_COL_LASTAPP);
	a.lastdata = cs_row_text(row, CS_CDR_COL_LASTDATA);
	a.disposition = cs_row_text(row, CS_CDR_COL_DISPOSITION);
	a.uniqueid = cs_row_text(row, CS_CDR_COL_UNIQUEID);
	a.linkedid = cs_row_text(row, CS_CDR_COL_LINKEDID);
	a.userfield = cs_row_text(row, CS_CDR_COL_USERFIELD);
	a.flags = (int)cs_row_int(row, CS_CDR_COL_FLAGS);
	p->kind = CS_PIECE_LEG;
	p->time = a.start;
	cs_asterisk_leg(&a, &p->u.leg, buf);
	return 0;
}

const struct cs_format cs_format_asterisk_cdr = {
	.name = "asterisk-cdr",
	.title = "an Asterisk Master.csv",
	.piece = CS_PIECE_LEG,
	.table = &cs_table_cdr,
	/* what the calls do not need is left unread */
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_CDR_COL_AMAFLAGS |
	    1ULL << CS_CDR_COL_ACCOUNTCODE |
	    1ULL << CS_CDR_COL_PEERACCOUNT | 1ULL << CS_CDR_COL_SEQUENCE),
	.looks = looks_cdr,
	.noise = NULL,
	.open = cdr_open,
	.close = cdr_close,
	.state = cdr_state,
	.resume = cdr_resume,
	.parse = cdr_parse,
	.store = cdr_store,
	.map = cdr_map,
};
