/*
 * rasa_format.c: the rasa format's entry in the table of formats
 * (format.h): detection, the reader's life, the whole file handed to the
 * SQL store's reader or the JSON's.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "rasa.h"
#include "readers.h"

/* The first 16 bytes of an SQLite database file, its NUL included. */
static const char sqlite_magic[16] = "SQLite format 3";

/* How far into a file detection looks for a tracker's keys. */
#define LOOK_SPAN (64 * 1024)

/* ---- the entry in the table of formats ---- */

/* The SQL tracker store's file (any SQLite database: the reader says when
 * it is another's), or JSON that opens with a tracker's keys. */
static int
looks_file(const char *buf, size_t len)
{
	size_t i = rasa_skip_ws(buf, 0, len), n;

	if (len >= sizeof(sqlite_magic) &&
	    memcmp(buf, sqlite_magic, sizeof(sqlite_magic)) == 0)
		return 1;
	if (i >= len || (buf[i] != '{' && buf[i] != '['))
		return 0;
	n = len - i < LOOK_SPAN ? len - i : LOOK_SPAN;
	return memmem(buf + i, n, "\"sender_id\"", 11) != NULL &&
	    memmem(buf + i, n, "\"events\"", 8) != NULL;
}

/* A tracker on one line. */
static int
looks_rasa(const char *s, const char *e)
{
	size_t n = (size_t)(e - s);

	return n > 2 && *s == '{' && e[-1] == '}' &&
	    memmem(s, n, "\"sender_id\"", 11) != NULL &&
	    memmem(s, n, "\"events\"", 8) != NULL;
}

static void *
rasa_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct rasa_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	return rd;
}

static void
rasa_close(void *p)
{
	struct rasa_rd *rd = p;

	if (rd == NULL)
		return;
	rasa_turn_free(&rd->held);
	rasa_turn_free(&rd->cur);
	free(rd->sender);
	free(rd->session);
	free(rd->seen_h);
	free(rd->seen_n);
	free(rd->pos);
	free(rd->buf);
	free(rd);
}

static int
rasa_whole(void *p, const struct cs_format_file *in,
    const struct cs_format_sink *sink, struct cs_error *err)
{
	struct rasa_rd *rd = p;

	rd->sink = sink;
	if (in->headlen >= sizeof(sqlite_magic) &&
	    memcmp(in->head, sqlite_magic, sizeof(sqlite_magic)) == 0)
		return rasa_read_sql(rd, in->path, in->name, err);
	return rasa_read_json(rd, in, err);
}

static int
rasa_store(void *p, const struct cs_store_at *at)
{
	struct rasa_rd *rd = p;

	return cs_bot_store(&rd->cur.rec, 0, &rd->ctx, at);
}

const struct cs_format cs_format_rasa = {
	.name = "rasa",
	.title = "a Rasa tracker store (SQLite) or tracker (JSON)",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_rasa,
	.noise = NULL,
	.looks_file = looks_file,
	.open = rasa_open,
	.close = rasa_close,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = NULL,
	.store = rasa_store,
	.keyed = 1,
	.whole = rasa_whole,
	.map = cs_bot_map,
};
