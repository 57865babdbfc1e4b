/*
 * asterisk_cel_format.c: Asterisk's CEL (cel_custom) in the table of
 * formats (format.h).  A CEL event is no piece of a call on its own: the
 * reader gathers each call's events (asterisk_cel_call.c) and, once the
 * call has ended, stores its story as Asterisk's other logs tell it, as
 * rows of the cdr and queue_log tables stored as those formats store
 * them (numbers hashed or scrubbed), which their mappings then map.  So
 * the rebuild and the rules see the calls as from Master.csv and
 * queue_log, and the sources table says which file they came from.
 *
 * A call still open when the file ends is not stored: a file that grew
 * is read on from where it was left, without the events of the calls
 * that were then under way.  Import CEL files once rotated.
 */
#include <stdlib.h>
#include <string.h>

#include "asterisk.h"
#include "asterisk_cel.h"
#include "asterisk_tables.h"
#include "format.h"

struct cel_rd {
	struct cs_cel_reader r;
	struct cs_cel_record rec;
	struct cs_cel_calls *calls;
	struct cs_cdr_store st;
	const struct cs_store_at *at;	/* during a store */
};

static void *
cel_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct cel_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL || (rd->calls = cs_cel_calls_new()) == NULL) {
		free(rd);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->st.ctx = *ctx;
	if (cs_cel_reader_init(&rd->r, ctx->utc, err) != 0) {
		cs_cel_calls_free(rd->calls);
		free(rd);
		return NULL;
	}
	return rd;
}

static void
cel_close(void *p)
{
	struct cel_rd *rd = p;

	if (rd == NULL)
		return;
	cs_cel_reader_release(&rd->r);
	cs_cel_calls_free(rd->calls);
	free(rd);
}

static int
cel_parse(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct cel_rd *rd = p;

	if (cs_cel_parse(&rd->r, line, len, &rd->rec, err) != 0)
		return -1;
	*t = rd->rec.time;
	return 0;
}

static int
put_cdr(void *arg, const struct cs_cdr_record *rec, long line, int64_t rhash)
{
	struct cel_rd *rd = arg;
	struct cs_store_at at = *rd->at;

	at.line = line;
	at.rhash = rhash;
	return cs_cdr_store_record(&rd->st, rec, &at);
}

static int
put_qlog(void *arg, const struct cs_qlog_record *rec, long line, int64_t rhash)
{
	struct cel_rd *rd = arg;
	struct cs_store_at at = *rd->at;

	at.line = line;
	at.rhash = rhash;
	return cs_qlog_store_record(rd->st.ctx.priv, rec, &at);
}

/* Takes the event in; stores its call if it ended it. */
static int
cel_store(void *p, const struct cs_store_at *at)
{
	struct cel_rd *rd = p;
	struct cs_cel_out out = { put_cdr, put_qlog, rd };

	rd->at = at;
	return cs_cel_calls_add(rd->calls, &rd->rec, at->line, at->rhash, &out);
}

/* Its rows are cdr and queue_log rows: their formats map them (the
 * table of formats finds theirs first: this is never called). */
static int
cel_map(const struct cs_row *row, struct cs_piece *p, struct cs_piece_buf *buf)
{
	const struct cs_format *f = row->table == &cs_table_cdr ?
	    &cs_format_asterisk_cdr : &cs_format_asterisk_queue_log;

	return f->map(row, p, buf);
}

static int
looks_cel(const char *s, const char *e)
{
	return cs_cel_looks(s, e);
}

const struct cs_format cs_format_asterisk_cel = {
	.name = "asterisk-cel",
	.title = "an Asterisk CEL file (cel_custom)",
	.piece = CS_PIECE_LEG,
	/* its calls go where Master.csv's and queue_log's go */
	.table = &cs_table_cdr,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_CDR_COL_AMAFLAGS |
	    1ULL << CS_CDR_COL_ACCOUNTCODE |
	    1ULL << CS_CDR_COL_PEERACCOUNT | 1ULL << CS_CDR_COL_SEQUENCE),
	.lacks = NULL,
	.looks = looks_cel,
	.noise = NULL,
	.open = cel_open,
	.close = cel_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = cel_parse,
	.store = cel_store,
	.map = cel_map,
};
