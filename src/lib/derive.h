/*
 * derive.h: what the rebuild derives from the stream of rebuilt calls,
 * without reading them back: the repeat and call-back flags of each call
 * (from the other calls of its caller within 24 hours either side), the
 * calls table, and the per-day, per-service totals and wait histograms the
 * figures are read from.  The grouping of pieces into calls (group.c)
 * feeds it; stream.c makes and finishes it.
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
#include "session.h"
#include "tables.h"

struct cs_derive;

/*
 * Calls starting in [from, to) are stored, through q; others only inform
 * the flags.  err gets what goes wrong here (out of memory); what goes
 * wrong writing, the queue's.
 */
struct cs_derive *cs_derive_new(struct cs_rowq *q, const struct cs_config *cfg,
    int64_t from, int64_t to, struct cs_error *err);

/* A rebuilt call (id, c->caller and c->bot_key are copied). */
int cs_derive_add(struct cs_derive *d, const char *id, const struct cs_call *c,
    int nlegs);

/* A bot's session, and the call it was linked to (call NULL: none), when
 * it starts in [from, to). */
int cs_derive_session(struct cs_derive *d, const struct cs_bot_session *s,
    const char *call, enum cs_link how);

/* Stores everything still pending. */
int cs_derive_finish(struct cs_derive *d);

/*
 * Keeps the rows of calls that bot sessions cannot change (a rebuild after
 * bot events only, over calls already stored from the same records): only
 * the calls the bot settled (rule 3 may give them their session's service)
 * and the calls of their callers in the day after them (whose repeat_24h
 * may follow that service) are written.  The days' totals count them all.
 */
void cs_derive_keep(struct cs_derive *d);

/* How many calls it has rebuilt (written or kept), and in *starts (when
 * not NULL) the sum of their starts. */
long cs_derive_stored(const struct cs_derive *d, int64_t *starts);

void cs_derive_free(struct cs_derive *d);

#endif
