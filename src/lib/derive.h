/*
 * derive.h: what the rebuild derives from the stream of rebuilt calls,
 * without reading them back: the repeat and call-back flags of each call
 * (from the other calls of its caller within 24 hours either side), the
 * calls table, and the per-day, per-service totals and wait histograms the
 * figures are read from.  Internal to calls.c.
 *
 * Calls come in (nearly) in the order they start.  A call is kept pending
 * until no call yet to come can start within 24 hours after it; then its
 * flags are final, it is stored, and it is added to its day's totals.  A
 * day's totals are written once the calls are two days past it.  Memory is
 * bounded by a day and a half of calls.
 */
#ifndef CS_DERIVE_H
#define CS_DERIVE_H

#include <stdint.h>

#include "calls.h"
#include "config.h"
#include "db.h"
#include "error.h"
#include "rowq.h"

/*
 * The sums of one (day, service, hours): the columns of the daily table
 * after day, week, service and in_hours, in that order.  kpi.c reads them
 * back in the same order.
 */
enum cs_daily_sum {
	CS_SUM_OFFERED, CS_SUM_ANSWERED, CS_SUM_NEEDED, CS_SUM_AGENT,
	CS_SUM_BOT, CS_SUM_ABANDONED, CS_SUM_MISSED, CS_SUM_VOICEMAIL,
	CS_SUM_SHORT, CS_SUM_WAIT, CS_SUM_SL, CS_SUM_ABANDON_WAIT, CS_SUM_TALK,
	CS_SUM_BOT_SESSIONS, CS_SUM_ESCALATED, CS_SUM_ESCALATED_AGENT,
	CS_SUM_CONTAIN_NUM, CS_SUM_CONTAIN_DEN, CS_SUM_REPEAT_NUM,
	CS_SUM_REPEAT_DEN, CS_SUM_LOST, CS_SUM_CALLBACK_DEN, CS_SUM_CALLBACK2,
	CS_SUM_CALLBACK24,
	CS_SUM_N
};

struct cs_derive;

/*
 * Calls starting in [from, to) are stored, through q; others only inform
 * the flags.  err gets what goes wrong here (out of memory); what goes
 * wrong writing, the queue's.
 */
struct cs_derive *cs_derive_new(struct cs_rowq *q, const struct cs_config *cfg,
    int64_t from, int64_t to, struct cs_error *err);

/* A rebuilt call (id and c->caller are copied). */
int cs_derive_add(struct cs_derive *d, const char *id, const struct cs_call *c,
    int nlegs);

/* Stores everything still pending. */
int cs_derive_finish(struct cs_derive *d);

void cs_derive_free(struct cs_derive *d);

#endif
