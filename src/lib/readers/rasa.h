/*
 * rasa.h: what the parts of the rasa reader share: rasa.c makes Rasa's
 * events canonical events, rasa_json.c reads exported trackers, rasa_db.c
 * the SQL tracker store, rasa_format.c is its entry in the table of
 * formats.
 */
#ifndef CS_RASA_H
#define CS_RASA_H

#include <stddef.h>

#include <jansson.h>

#include "../error.h"
#include "bot.h"
#include "format.h"

/* A canonical event being made, and what its texts point into. */
struct turn {
	struct cs_bot_rec rec;
	json_t *ev;		/* the Rasa event (a reference held) */
	char *key, *extra;	/* rec.key, rec.extra */
	long line;
};

struct rasa_rd {
	struct cs_format_ctx ctx;
	const struct cs_format_sink *sink;

	/* the tracker being read */
	char *sender;
	int sender_phone;	/* the sender is the caller's number */
	char *session;		/* the session's name */
	int named;		/* 0: the next event stored names a session */
	int stored;		/* events of the session stored: an end owed */
	int said, lost;		/* caller's turns; the last not understood */
	int handoff, error;
	int64_t end_t;		/* the session's latest event */
	int end_ms, has_end;
	long last_line;
	struct turn held;	/* the caller's last turn, not stored yet */
	int has_held;
	struct turn cur;	/* what store stores */

	/* events alike in the session: hashes and counts, open addressing */
	unsigned *seen_h;
	int *seen_n;
	size_t seen_cap, seen_used;

	/* a document's offsets: its trackers', then a tracker's events' */
	size_t *pos;
	size_t npos, pos_cap;
	char *buf;		/* a row's data as UTF-8 */
	size_t cap;
};

/* Hands the sink a rejected record of the file, its message made by fmt. */
void rasa_reject(struct rasa_rd *rd, long line, long column,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
void rasa_turn_free(struct turn *t);
/* v's text when it is a string and not empty, else NULL. */
const char *rasa_str(json_t *v);

/*
 * One Rasa event of the tracker, at line:column (column 0: unknown).
 * type and tcol: the SQL store's type_name and timestamp columns, when
 * the event's JSON lacks them (NULL, NAN: none).  Returns 0, or -1 when
 * out of memory or the sink stopped.
 */
int rasa_event(struct rasa_rd *rd, json_t *ev, long line, long column,
    const char *type, double tcol);
/* A tracker begins (sender's), and ends, ending its last session. */
int rasa_tracker_begin(struct rasa_rd *rd, const char *sender);
int rasa_tracker_end(struct rasa_rd *rd);

/* The trackers of a file exported as JSON, read as it goes (rasa_json.c);
 * 0, or -1 with err saying why. */
int rasa_read_json(struct rasa_rd *rd, const struct cs_format_file *in,
    struct cs_error *err);
/* The next byte of s[i..n) that is not JSON's blank. */
size_t rasa_skip_ws(const char *s, size_t i, size_t n);
/* The SQL tracker store at path (rasa_db.c); 0 or -1, err saying why. */
int rasa_read_sql(struct rasa_rd *rd, const char *path, const char *name,
    struct cs_error *err);

#endif
