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
 * A call is stored once its last event is read, so a file is read whole
 * (format.h's whole-file formats): a file that grew is read again from its
 * start, the rows stored before skipped by their keys (the digest of the
 * line that ended each, never where it was read), and the calls under
 * way when it was read last are stored whole once they have ended.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

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

/* One line (no line end): rejected, or read and given to the calls. */
static int
cel_line(struct cel_rd *rd, const char *s, size_t len, long line,
    const struct cs_format_sink *sink)
{
	struct cs_error e;
	int64_t t;

	if (len > 0 && s[len - 1] == '\r')
		len--;
	if (len == 0)
		return 0;
	e.column = 0;
	if (cel_parse(rd, s, len, &t, &e) != 0) {
		sink->reject(sink->arg, line, e.column, e.msg);
		return 0;
	}
	sink->read(sink->arg, line);
	return sink->store(sink->arg, line, t, s, len);
}

#define CHUNK (256 * 1024)

/*
 * The file, line by line: its head, then what its descriptor holds.  buf
 * keeps the start of a line a read cut.
 */
static int
cel_whole(void *p, const struct cs_format_file *in,
    const struct cs_format_sink *sink, struct cs_error *err)
{
	struct cel_rd *rd = p;
	char *buf = NULL;
	size_t have = 0, cap = 0, pos = 0;
	long line = 0;
	int eof = in->fd < 0, rc = 0;

	if ((buf = malloc(in->headlen + 1)) == NULL)
		return cs_error_set(err, "out of memory");
	cap = in->headlen + 1;
	memcpy(buf, in->head, in->headlen);
	have = in->headlen;
	for (;;) {
		char *nl;

		while ((nl = memchr(buf + pos, '\n', have - pos)) != NULL) {
			if (cel_line(rd, buf + pos, (size_t)(nl - buf - pos),
			    ++line, sink) != 0)
				goto stopped;
			pos = (size_t)(nl - buf) + 1;
		}
		if (eof)
			break;
		/* the rest of a line to the front, room for a chunk more */
		memmove(buf, buf + pos, have - pos);
		have -= pos;
		pos = 0;
		if (have + CHUNK > cap) {
			char *nb = realloc(buf, have + CHUNK);

			if (nb == NULL) {
				free(buf);
				return cs_error_set(err, "out of memory");
			}
			buf = nb;
			cap = have + CHUNK;
		}
		for (;;) {
			ssize_t k = read(in->fd, buf + have, cap - have);

			if (k < 0 && errno == EINTR)
				continue;
			if (k < 0) {
				cs_error_set(err, "%s: %s", in->name, strerror(errno));
				free(buf);
				return -1;
			}
			if (k == 0)
				eof = 1;
			have += (size_t)k;
			break;
		}
	}
	/* a last line without its line end */
	if (pos < have && cel_line(rd, buf + pos, have - pos, ++line, sink) != 0)
		goto stopped;
	free(buf);
	return rc;
stopped:
	free(buf);
	return -1;
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
	.parse = NULL,
	.store = cel_store,
	.whole = cel_whole,
	.map = cel_map,
};
