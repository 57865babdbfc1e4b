/*
 * check.h: what the bot's sessions and the PBX's calls of a database say
 * against each other (callstat-check(1)): sessions linked to no call, or
 * to several; calls the bot answered with no session, on days that have
 * sessions; a session whose outcome the PBX contradicts; days after the
 * bot went live with calls the bot answered and no session at all; and
 * the figures that the phone system of some records cannot carry
 * (lacks.h), which callstat-kpi leaves empty.  And the data's quality
 * (check_quality.c): days without calls between busy days, calls stored
 * twice, a file's clock set back, calls no service matched, queue_log
 * calls the CDRs lack.
 */
#ifndef CS_CHECK_H
#define CS_CHECK_H

#include "config.h"
#include "db.h"
#include "error.h"

enum cs_check_kind {
	CS_CHECK_UNLINKED,	/* a session no call matches */
	CS_CHECK_AMBIGUOUS,	/* a session several calls match */
	CS_CHECK_NO_SESSION,	/* a call the bot answered, no session */
	CS_CHECK_CONTRADICTS,	/* the session's outcome against the PBX's */
	CS_CHECK_NO_SESSION_DAY,	/* a day of bot calls without sessions */
	CS_CHECK_LACKS,		/* a format's records cannot carry figures */
	CS_CHECK_GAP,		/* days without calls between busy days */
	CS_CHECK_DUPLICATE,	/* a day's calls stored twice */
	CS_CHECK_CLOCK,		/* a file's record earlier than its line before */
	CS_CHECK_UNMATCHED,	/* calls no service matched, by queue or number */
	CS_CHECK_NO_CDR		/* a day's queue_log calls the CDRs lack */
};

/* "unlinked", "ambiguous", "no-session", "contradicts", "no-session-day",
 * "lacks", "gap", "duplicate", "clock-jump", "unmatched", "no-cdr". */
const char *cs_check_name(enum cs_check_kind k);

struct cs_finding {
	enum cs_check_kind kind;
	const char *day;	/* local YYYY-MM-DD */
	const char *subject;	/* a session's id, a call's, the day, or a
				   format's name (lacks: the day is that
				   of its first record there) */
	const char *detail;	/* what is wrong, in words */
};

/*
 * Calls fn with each finding of the days from..to (either NULL:
 * unbounded), by day, then kind (unmatched: the day of the first such
 * call).  Finds nothing of the bot's when the database holds no session
 * of the bot.  fn returns non-zero when out of memory: that stops
 * it (-1, err says so).
 */
int cs_check_run(struct cs_db *db, const struct cs_config *cfg,
    const char *from, const char *to,
    int (*fn)(void *arg, const struct cs_finding *f), void *arg,
    struct cs_error *err);

#endif
