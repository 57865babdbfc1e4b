/*
 * model.h: the pieces a call is rebuilt from, whatever phone system wrote
 * them.
 *
 * Each reader maps the records of its format onto these pieces (the
 * Asterisk mapping is readers/asterisk_cdr_map.c and asterisk_qlog_map.c);
 * the call rules (rules.c) and the grouping of pieces into calls (group.c)
 * read nothing else, so a new format needs no change to them.  Three kinds
 * of piece:
 *
 *   - a leg: one stretch of the call between the caller and one party
 *     (a person's phone, a queue, the bot, voicemail, a recording);
 *   - a queue event: what a queue says of the call (entered, connected,
 *     ended, abandoned, gave up, left by a key);
 *   - a bot session: what the bot's own log says (the next readers).
 *
 * Strings are never NULL ("" when absent) and belong to whoever made the
 * piece.
 */
#ifndef CS_MODEL_H
#define CS_MODEL_H

#include <stdint.h>

/* How far apart the pieces of one call may start. */
#define CS_CALL_SPAN (4 * 3600)

enum cs_piece_kind {
	CS_PIECE_LEG,
	CS_PIECE_QEVENT,
	CS_PIECE_BOT,		/* a bot session: readers to come */
	CS_PIECE_NKINDS
};

/* Who or what the leg rang or reached. */
enum cs_target {
	CS_TARGET_OTHER,	/* a step of the call that decides nothing */
	CS_TARGET_PERSON,	/* a person's phone, rung directly */
	CS_TARGET_QUEUE,	/* a queue that rang a person's phone (peer) */
	CS_TARGET_QUEUE_EMPTY,	/* a queue that rang no phone */
	CS_TARGET_VOICEMAIL,
	CS_TARGET_ANNOUNCEMENT,	/* the phone system itself: a recording, a
				   menu, a hang-up, a busy tone */
	CS_TARGET_BOT		/* the bot, when the format says so (the
				   configuration's [bot] terms also say it) */
};

/* How the leg ended. */
enum cs_leg_end {
	CS_LEG_UNANSWERED,	/* nobody answered, or the caller hung up */
	CS_LEG_ANSWERED,
	CS_LEG_FAILED		/* busy, congested, unreachable */
};

/*
 * What the configuration's match terms read besides the numbers
 * (callstat.conf(5): context:, channel:, app:, data:); each format fills
 * what it has.
 */
enum cs_attr {
	CS_ATTR_CONTEXT,	/* where the phone system routed the leg */
	CS_ATTR_CHANNEL,	/* the line towards what the leg reached */
	CS_ATTR_CALLER_CHANNEL,	/* the line the caller came in on */
	CS_ATTR_APP,		/* what the phone system ran */
	CS_ATTR_DATA,		/* with what arguments */
	CS_ATTR_N
};

struct cs_leg {
	int64_t start, answer, end;	/* UTC; answer 0: never answered */
	long duration;			/* seconds, as the phone system counts */
	const char *key;		/* the call it belongs to */
	const char *alias;		/* the leg's own id: another key that
					   leads to the same call ("" none) */
	int loose;			/* key names the caller's line, not the
					   call: queue events are joined by
					   caller, queue and time (group.c) */
	const char *caller;		/* keyed hash of the caller, "" withheld */
	const char *from;		/* the caller as stored: an extension,
					   the town's number, or "" */
	const char *from_peer;		/* the calling phone ("2101"), or "" */
	const char *to;			/* the number dialled, as stored */
	const char *peer;		/* the phone rung or answering, or "" */
	const char *queue;		/* for a queue leg, its queue */
	const char *sip_call_id;	/* the SIP Call-ID of the leg, as stored
					   (privacy.h's cs_privacy_id), or "" */
	enum cs_target target;
	enum cs_leg_end ended;
	int to_outside;			/* dialled an outside number */
	const char *attr[CS_ATTR_N];
	int flags;			/* 1: start in the repeated DST hour */
	int64_t order;			/* where it was read: ties keep file order */
};

enum cs_qevent_kind {
	CS_QEV_OTHER,		/* says nothing of the outcome */
	CS_QEV_ENTERED,		/* the caller entered queue */
	CS_QEV_CONNECTED,	/* a person (peer) took the call */
	CS_QEV_ENDED,		/* a connected call ended after talk s */
	CS_QEV_ABANDONED,	/* the caller hung up while waiting */
	CS_QEV_MISSED,		/* the queue gave up on the caller: timeout,
				   nobody logged in, full, closed */
	CS_QEV_LEFT_BY_KEY	/* the caller left with a key: what follows
				   decides */
};

struct cs_qevent {
	int64_t time;
	enum cs_qevent_kind kind;
	const char *key;		/* the call it belongs to */
	const char *queue;
	const char *caller;		/* ENTERED: keyed hash of the caller */
	const char *peer;		/* CONNECTED: the answering phone */
	long wait;			/* CONNECTED: seconds waited, -1 unknown */
	long talk;			/* ENDED: seconds talked, 0 unknown */
	int64_t order;
};

/* What an event of the bot's session is (callstat-import(1), bot-jsonl). */
enum cs_bot_type {
	CS_BOT_OTHER,		/* kept, not interpreted */
	CS_BOT_START, CS_BOT_UTTERANCE, CS_BOT_DTMF, CS_BOT_TRANSFER,
	CS_BOT_END
};

/*
 * An event of a bot's session.  The session's own facts (call_id,
 * sip_call_id, caller, called) come on its start and may repeat.  Texts
 * are "" when absent.
 */
struct cs_bot_event {
	int64_t time;
	int msec;
	enum cs_bot_type type;
	const char *session;		/* the bot's session id */
	const char *speaker;		/* caller, bot, agent, system */
	const char *intent;
	const char *match;		/* matched, no_match, no_input */
	const char *transfer_target;
	const char *outcome;		/* resolved, escalated, abandoned, error */
	const char *service;		/* the service the bot decided */
	const char *call_id;		/* the PBX's id of the call */
	const char *sip_call_id;
	const char *caller;		/* keyed hash of the caller */
	const char *called;		/* the town's number dialled */
	int64_t order;
};

/* A piece as a reader's mapping gives it. */
struct cs_piece {
	enum cs_piece_kind kind;
	int64_t time;			/* the leg's start, the event's time */
	union {
		struct cs_leg leg;
		struct cs_qevent ev;
		struct cs_bot_event bot;
	} u;
};

/* Room for the texts a mapping computes (keys, peers, queue names). */
struct cs_piece_buf {
	char key[512];
	char peer[128], from_peer[128], queue[128];
};

/* The most texts a piece has. */
#define CS_PIECE_TEXTS (11 + CS_ATTR_N)

/*
 * Copies the texts of p into one block and points p's texts into it (an
 * empty or NULL text at a constant ""), so that p outlives what it was
 * mapped from.  Returns the block (free it when p goes), or NULL when out
 * of memory.
 */
char *cs_piece_pack(struct cs_piece *p);

/*
 * Blocks for pieces' texts that come back to be used again: a stream of
 * pieces takes and gives back one block each, some hundreds of thousands
 * a file, which malloc serves poorly in bursts.  One thread's, zeroed to
 * start.
 */
#define CS_POOL_CLASSES 8	/* blocks of 64, 128, ... 512 bytes */

/* Under AddressSanitizer nothing freed is kept to be used again (the
   pieces' blocks, the grouper's groups): a block used after it went back
   is then caught, not read as the next piece's. */
#if defined(__SANITIZE_ADDRESS__)
#define CS_KEEP_FREED 0
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define CS_KEEP_FREED 0
#endif
#endif
#ifndef CS_KEEP_FREED
#define CS_KEEP_FREED 1
#endif
struct cs_piece_pool {
	struct cs_piece_block *spare[CS_POOL_CLASSES];
	size_t nspare;
};

/* cs_piece_pack, in a block of pool's; give it back with
 * cs_piece_pool_put (never free). */
char *cs_piece_pack_in(struct cs_piece_pool *pool, struct cs_piece *p);
/* Gives back a block of cs_piece_pack_in's (NULL: nothing). */
void cs_piece_pool_put(struct cs_piece_pool *pool, char *mem);
/* Frees the blocks kept. */
void cs_piece_pool_clear(struct cs_piece_pool *pool);

#endif
