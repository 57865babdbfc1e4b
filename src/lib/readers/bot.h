/*
 * bot.h: the bot's sessions, whatever platform logged them.
 *
 * Every bot reader turns its platform's records into callstat's canonical
 * events (callstat-import(1), "Bot transcripts"), which are stored in one
 * table, bot_event, described here once, and map onto the model's bot
 * events (model.h).  Storing hashes the caller's number wherever it comes
 * (a session id may be one), redacts the text, and keeps the fields no
 * reader knows as JSON, redacted too.
 */
#ifndef CS_BOT_H
#define CS_BOT_H

#include <stdint.h>

#include "../model.h"
#include "../tabledef.h"
#include "format.h"

#define CS_BOT_COLUMNS(X) \
	X(TIME, time, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(MSEC, msec, "INTEGER NOT NULL DEFAULT 0") \
	/* the bot's session; a caller's number given as one: its hash */ \
	X(SESSION, session, "TEXT NOT NULL") \
	X(TYPE, type, "TEXT NOT NULL") \
	X(SPEAKER, speaker, "TEXT") \
	X(TEXT, text, "TEXT")	/* redacted */ \
	X(INTENT, intent, "TEXT") \
	X(CONFIDENCE, confidence, "INTEGER")	/* in thousandths */ \
	X(MATCH, nlu_match, "TEXT")	/* the field match: SQL has MATCH */ \
	X(TRANSFER_TARGET, transfer_target, "TEXT") \
	X(OUTCOME, outcome, "TEXT") \
	X(SERVICE, service, "TEXT") \
	X(CALL_ID, call_id, "TEXT") \
	X(SIP_CALL_ID, sip_call_id, "TEXT") \
	X(CALLER, caller, "TEXT")	/* keyed hash */ \
	X(CALLED, called, "TEXT") \
	X(LANG, lang, "TEXT") \
	X(EXTRA, extra, "TEXT")	/* the other fields, JSON, redacted */

#define CS_BOT_COL_(E, name, decl) CS_BOT_COL_##E,
enum cs_bot_col { CS_BOT_COLUMNS(CS_BOT_COL_) CS_BOT_NCOL };
#undef CS_BOT_COL_

/* Holds records: an event already stored is skipped. */
extern const struct cs_tabledef cs_table_bot_event;

/* A canonical event as a reader gives it (NULL: absent). */
struct cs_bot_rec {
	int64_t time;
	int msec;
	const char *session, *type, *speaker, *text, *intent;
	int confidence;			/* thousandths; -1: absent */
	const char *match, *transfer_target, *outcome, *service;
	const char *call_id, *sip_call_id;
	const char *caller;		/* in clear: hashed by cs_bot_store */
	const char *key;		/* what names the record in its platform,
					   when it is delivered again as it
					   changes; NULL: the event's content */
	const char *called, *lang;
	const char *extra;		/* JSON of the other fields, or NULL */
};

/*
 * Stores rec as a row of bot_event; -1 when the queue stopped.  A line
 * that holds several events (a platform's turn, a contact record) stores
 * each, i its index from 0.  An event's key is what it says, not the line
 * it came from (bot.c), or rec->key and i: the same event read again,
 * from any file in any bot format, is skipped.
 */
int cs_bot_store(const struct cs_bot_rec *rec, int i,
    const struct cs_format_ctx *ctx, const struct cs_store_at *at);

/* A stored row of bot_event as the model's event (format.h's map). */
int cs_bot_map(const struct cs_row *row, struct cs_piece *p,
    struct cs_piece_buf *buf);

/* The type of a type's name ("session_start"...). */
enum cs_bot_type cs_bot_type_of(const char *name);

/* The canonical readers' entries in the table of formats. */
extern const struct cs_format cs_format_bot_jsonl;
extern const struct cs_format cs_format_bot_csv;
extern const struct cs_format cs_format_connect_ctr;
extern const struct cs_format cs_format_dialogflow_cx;
extern const struct cs_format cs_format_lex_v2;
extern const struct cs_format cs_format_rasa;

#endif
