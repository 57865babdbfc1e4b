/*
 * callfix.h: the calls suites' fixture (test_calls.c, test_calls_service.c,
 * test_rules_phases.c): a town's configuration of two services with hours
 * and one without, its local midnights worked out by hand, and legs and
 * queue events built as Master.csv and queue_log write them.
 */
#ifndef CS_UNIT_CALLFIX_H
#define CS_UNIT_CALLFIX_H

#include <stdint.h>

#include "calls.h"
#include "config.h"
#include "model.h"

/* Local midnights (Europe/Paris), worked out from 1740956400 (Mon 3 Mar). */
#define TUE11	1741647600	/* Tue 11 Mar 2025, UTC+1: + 8 days */
#define WED12	1741734000	/* Wed 12 Mar 2025 */
#define THU13	1741820400	/* Thu 13 Mar 2025 (a `closed` day below) */
#define FRI14	1741906800	/* Fri 14 Mar 2025 */
#define SAT15	1741993200	/* Sat 15 Mar 2025 */
#define SUN16	1742079600	/* Sun 16 Mar 2025 */
#define MON21APR 1745186400	/* Mon 21 Apr 2025 (Easter Monday), UTC+2:
				   2025-04-21T00:00Z 1745193600 - 7200 */
#define TUE22APR 1745272800	/* Tue 22 Apr 2025 */
#define WED30APR 1745964000	/* Wed 30 Apr 2025 */
#define THU01MAY 1746050400	/* Thu 1 May 2025 (Labour Day) */

#define AT(day, h, m, s) ((int64_t)(day) + (h) * 3600 + (m) * 60 + (s))
/* Tuesday 11 March 2025, 10:00:00 local: both services are open. */
#define T0 AT(TUE11, 10, 0, 0)

#define ACCUEIL 0
#define URBANISME 1
#define STANDARD 2
#define OTHER 3		/* == nservices */

/* An outside caller's keyed hash, as the database stores it. */
#define CALLER "5f2b8a0c9d1e4f3a5f2b8a0c9d1e4f3a"

/* The configuration, and the same without dial_timeout (NO ANSWER is then
   always abandoned); loaded by the suites' init. */
extern struct cs_config calls_cfg, calls_cfg_nodt;
/* The order of the last leg or event made. */
extern int64_t calls_order_seq;
int cs_calls_fix_init(void);
int cs_calls_fix_clean(void);

/* A leg as Master.csv has it, mapped as the Asterisk reader maps it. */
struct cs_leg leg(int64_t start, int64_t answer, int64_t end, const char *src,
    const char *dst, const char *dcontext, const char *channel,
    const char *dstchannel, const char *app, const char *data,
    const char *disposition);
/* An inbound leg from the trunk: the caller, the DID, from-trunk. */
struct cs_leg inleg(int64_t start, int64_t answer, int64_t end,
    const char *dst, const char *dstchannel, const char *app,
    const char *data, const char *disposition);
/* The bot answering the main number. */
struct cs_leg botleg(int64_t start, int64_t answer, int64_t end);
/* A queue row after the bot's hand-over ([bot-handover] context). */
struct cs_leg handleg(int64_t start, int64_t answer, int64_t end,
    const char *queue, const char *dstchannel, const char *data,
    const char *disposition);
/* A queue_log event, mapped as the Asterisk reader maps it. */
struct cs_qevent qev(int64_t t, const char *queue, const char *agent,
    const char *event, const char *d1, const char *d2, const char *d3);
/* The call of the legs and events, with the configuration; every field of
   c is overwritten first, so that none is left unset. */
void build(const struct cs_leg *legs, int nlegs, const struct cs_qevent *ev,
    int nev, struct cs_call *c);

/* Asserts what every unanswered inbound call shares. */
#define ASSERT_NO_TIMES(c) do { \
	CU_ASSERT_EQUAL((c).wait, -1); \
	CU_ASSERT_EQUAL((c).human_wait, -1); \
	CU_ASSERT_EQUAL((c).talk, -1); \
} while (0)

#endif
