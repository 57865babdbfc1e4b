/*
 * calls.h: calls rebuilt from their pieces (model.h), as callstat-kpi(7)
 * and callstat.conf(5) define them.
 *
 * cs_call_build() (rules.c) is the rule book: given the legs and queue
 * events of one call and the configuration, it decides the call's
 * direction, service, hours, outcome, waits and escalation; its phases are
 * in rules.h.  cs_calls_rebuild() and the rest (rebuild.c) keep the calls
 * and the tables derived from them current in a database.
 */
#ifndef CS_CALLS_H
#define CS_CALLS_H

#include <stdint.h>

#include "config.h"
#include "db.h"
#include "error.h"
#include "model.h"

enum cs_direction { CS_INBOUND, CS_INTERNAL, CS_OUTBOUND };

enum cs_outcome {
	CS_OUTCOME_NONE = 0,	/* not inbound */
	CS_OUTCOME_AGENT, CS_OUTCOME_BOT, CS_OUTCOME_ABANDONED,
	CS_OUTCOME_SHORT, CS_OUTCOME_MISSED, CS_OUTCOME_VOICEMAIL
};

struct cs_call {
	int64_t start, end;
	enum cs_direction direction;
	int service;		/* index into the configuration's services;
				   nservices means "other" */
	int in_hours;
	enum cs_outcome outcome;
	long wait, human_wait, talk, abandon_wait;	/* -1: not applicable */
	int escalated, needed_agent, bot_answered;
	int flags;
	const char *caller;	/* the first leg's, not copied */
	/* the leg the bot answered, to join its session to later: the leg's
	   own key ("" when the bot did not answer) and its start */
	const char *bot_key;
	int64_t bot_start;
};

/* "agent", "bot"...; NULL for CS_OUTCOME_NONE. */
const char *cs_outcome_name(enum cs_outcome o);
const char *cs_direction_name(enum cs_direction d);

/*
 * Decides everything about one call.  legs must be sorted by start (ties in
 * file order), events by time; nlegs >= 1.  Fails only when out of memory
 * (a call of more than 128 records needs some).
 */
int cs_call_build(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, const struct cs_qevent *ev, int nev, struct cs_call *call);
/* The same, with the bot's session linked to the call (NULL: none). */
struct cs_bot_session;
int cs_call_build_session(const struct cs_config *cfg, const struct cs_leg *legs,
    int nlegs, const struct cs_qevent *ev, int nev,
    const struct cs_bot_session *session, struct cs_call *call);

/* 1 if the call starting at t (UTC) is inside service's opening hours
 * (service == cfg->nservices is "other": always open). */
int cs_call_in_hours(const struct cs_config *cfg, int service, int64_t t);

/*
 * Rebuilds the calls that start in [from, to) from the raw records, then
 * the repeat and call-back flags of the calls around them and the daily
 * totals of the days they touch.  Runs inside the caller's transaction.
 * from = CS_TIME_MIN and to = CS_TIME_MAX rebuild everything, but what a
 * purge froze (below).
 */
#define CS_TIME_MIN (-((int64_t)1 << 40))
#define CS_TIME_MAX ((int64_t)1 << 40)
int cs_calls_rebuild(struct cs_db *db, const struct cs_config *cfg,
    int64_t from, int64_t to, struct cs_error *err);

/*
 * Purged records (callstat-purge, purge.h): the meta key "purged_before"
 * holds the instant (a local midnight, in decimal seconds) before which
 * the legs, queue events and calls were deleted, while the per-day totals
 * and wait histograms were kept.  No rebuild may recompute those days
 * from the records that are left: cs_calls_rebuild never deletes nor
 * writes calls, totals or histograms before cs_calls_frozen_before() of
 * it, the second local midnight after it, from which on every call can
 * still be rebuilt exactly (a rebuild reads the records of a day and 8
 * hours before the first day it rebuilds, and they are all there).  The
 * days in between keep the calls and totals they had.
 *
 * *t gets CS_TIME_MIN when nothing was purged.
 */
#define CS_META_PURGED_BEFORE "purged_before"
int cs_calls_purged_before(struct cs_db *db, int64_t *t, struct cs_error *err);
int64_t cs_calls_frozen_before(int64_t purged_before);

/*
 * Inside the caller's transaction: rebuilds everything when the derived
 * tables were built from another configuration (or by other rules), else
 * the calls starting in [from, to) (nothing when from >= to).
 */
int cs_calls_update(struct cs_db *db, const struct cs_config *cfg, int64_t from,
    int64_t to, int *rebuilt, struct cs_error *err);

/*
 * The same, after an import that stored bot events only, no leg nor queue
 * event: a session joins a call, never makes one, so the calls of the
 * range are the calls stored, and their rows are replaced where they
 * stand rather than deleted first (deleting a range of rows rebalances
 * the b-tree row by row and, secure_delete on, zeroes the pages it
 * moves).  Only the rows a session can change are written at all
 * (derive.h, cs_derive_keep): a session changes only the service of a call
 * the bot settled, and through it the repeat_24h of its caller's calls of
 * the day after; the others stay as they are.  Should the rebuilt calls
 * not match the stored rows one for one (their count, and the sum of their
 * starts), the range is rebuilt as cs_calls_update does.
 */
int cs_calls_update_sessions(struct cs_db *db, const struct cs_config *cfg,
    int64_t from, int64_t to, struct cs_error *err);

/*
 * Makes the derived tables current: a full rebuild, in its own
 * transaction, when the configuration differs from the one they were built
 * with.  *rebuilt (may be NULL) says whether it did.
 */
int cs_calls_refresh(struct cs_db *db, const struct cs_config *cfg,
    int *rebuilt, struct cs_error *err);

/*
 * Calls built while an import reads its records (stream.h), instead of
 * read back from the database afterwards, when that gives the same tables
 * as a rebuild: the derived tables are current (or the database holds no
 * record), and every record already stored starts at least
 * CS_CALLS_STREAM_GAP before the first new one, so that no call, flag or
 * day's total can join them.  When the stream gives up, or a record the
 * writer skipped (already stored) may belong to a call, the import
 * rebuilds the calls of its records as usual (cs_calls_update); that
 * rebuild replaces whatever the stream wrote.
 *
 * cs_calls_stream_open sets *out to NULL when the database does not allow
 * it (the stream then writes into q); it returns -1 on errors only.
 */
#define CS_CALLS_STREAM_GAP (3 * 86400)
struct cs_rowq;
struct cs_calls_stream;
int cs_calls_stream_open(struct cs_db *db, const struct cs_config *cfg,
    struct cs_rowq *q, struct cs_calls_stream **out, struct cs_error *err);

/* After a stream that did not give up: the derived tables are current. */
int cs_calls_mark_current(struct cs_db *db, const struct cs_config *cfg,
    struct cs_error *err);

#endif
