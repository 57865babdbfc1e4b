/*
 * asterisk.h: Asterisk's records mapped onto the model (model.h).
 *
 * The only place that knows what Asterisk's applications, dispositions,
 * queue events and channel names mean; callstat-import(1) says it in words.
 */
#ifndef CS_ASTERISK_H
#define CS_ASTERISK_H

#include <stddef.h>
#include <stdint.h>

#include "../model.h"
#include "format.h"

/* A CDR leg as stored (strings may be NULL: absent). */
struct cs_ast_leg {
	int64_t start, answer, end;	/* answer 0: not answered */
	long duration;
	const char *caller;		/* keyed hash of the caller */
	const char *src, *dst, *dcontext, *channel, *dstchannel;
	const char *lastapp, *lastdata, *disposition, *uniqueid, *linkedid;
	const char *userfield;		/* the SIP Call-ID, when logged there */
	int flags;
	int64_t order;
};

/* A queue_log event as stored (strings may be NULL). */
struct cs_ast_qevent {
	int64_t time;
	const char *callid, *queue, *agent, *event;
	const char *data[5];
	int64_t order;
};

/* The leg in the model; its texts point into a's and into buf. */
void cs_asterisk_leg(const struct cs_ast_leg *a, struct cs_leg *l,
    struct cs_piece_buf *buf);

/* The event in the model; returns 1 (and leaves e alone) for an event of
 * no call (callid NONE, MANAGER...). */
int cs_asterisk_qevent(const struct cs_ast_qevent *a, struct cs_qevent *e,
    struct cs_piece_buf *buf);

/* Writes the peer of a channel name into out: PJSIP/2101-0000001a gives
 * 2101, Local/201@from-queue-00000012;1 gives 201, SIP/sip0 gives sip0. */
void cs_channel_peer(const char *chan, char *out, size_t n);

/*
 * A Master.csv record and a queue_log record stored as their formats
 * store them (numbers hashed or scrubbed): asterisk-cel's reader rebuilds
 * both from the events (asterisk_cel.h).  The store keeps a CDR reader's
 * caches of the last numbers decided.
 */
struct cs_cdr_record;
struct cs_qlog_record;
struct cs_store_at;
struct cs_cdr_store {
	struct cs_format_ctx ctx;
	/* the rows of a call repeat its numbers: the last ones, decided */
	char last_caller[128], last_caller_hash[CS_HASH_HEX + 1];
	char last_dst[128];
	int last_dst_town;
};
int cs_cdr_store_record(struct cs_cdr_store *st, const struct cs_cdr_record *rec,
    const struct cs_store_at *at);
int cs_qlog_store_record(const struct cs_privacy *priv,
    const struct cs_qlog_record *rec, const struct cs_store_at *at);

/* Their entries in the table of formats (format.h). */
struct cs_format;
extern const struct cs_format cs_format_asterisk_cdr;
extern const struct cs_format cs_format_asterisk_queue_log;
extern const struct cs_format cs_format_asterisk_cel;

#endif
