/*
 * check.c: the bot's sessions against the PBX's calls (check.h).
 */
#include <stdio.h>
#include <string.h>

#include "check_int.h"
#include "lacks.h"
#include "timeutil.h"

const char *
cs_check_name(enum cs_check_kind k)
{
	static const char *const names[] = {
		"unlinked", "ambiguous", "no-session", "contradicts",
		"no-session-day", "lacks", "gap", "duplicate", "clock-jump",
		"unmatched", "no-cdr"
	};

	return (unsigned)k < sizeof(names) / sizeof(names[0]) ? names[k] : "?";
}

/* The days asked for, of a column x. */
#define RANGE(x) "(?1 IS NULL OR " x " >= ?1) AND (?2 IS NULL OR " x " <= ?2)"

/* The days asked for and one either side, of a column x: a session
 * starts on its call's day or the next. */
#define NEAR(x) "(?1 IS NULL OR " x " >= date(?1, '-1 day')) AND " \
    "(?2 IS NULL OR " x " <= date(?2, '+1 day'))"

/*
 * The sessions and calls of the days asked for (and one either side) are
 * read once each; the joins between them go through the indexes SQLite
 * builds for them.  (Looking up each call's session in bot_session, or
 * each session's call in calls, keyed by start, read a whole table for
 * each row: minutes for a town's month.)
 */
static const char sql[] =
    "WITH ss AS MATERIALIZED (SELECT day, session, call, link, outcome "
    "FROM bot_session WHERE " NEAR("day") "), "
    "linked AS MATERIALIZED (SELECT DISTINCT call FROM ss "
    "WHERE call IS NOT NULL), "
    "cc AS MATERIALIZED (SELECT day, id, escalated, bot_answered FROM calls "
    "WHERE " NEAR("day") " AND (bot_answered = 1 OR id IN linked)) "
    "SELECT day, 0, session, 'no call matches it (by call id, SIP Call-ID, "
    "or caller, number and time)' FROM ss "
    "WHERE link = 'none' AND " RANGE("day") " "
    "UNION ALL "
    "SELECT day, 1, session, 'several calls match it: none is taken' "
    "FROM ss WHERE link = 'ambiguous' AND " RANGE("day") " "
    "UNION ALL "
    "SELECT c.day, 2, c.id, 'the bot answered it, and no session of the "
    "bot''s is linked to it' FROM cc c WHERE c.bot_answered = 1 AND "
    RANGE("c.day") " AND c.day IN (SELECT day FROM ss) AND "
    "c.id NOT IN linked "
    "UNION ALL "
    "SELECT s.day, 3, s.session, 'the bot says resolved, the PBX shows call "
    "' || c.id || ' handed over' FROM ss s JOIN cc c ON c.id = "
    "s.call WHERE s.outcome = 'resolved' AND c.escalated = 1 AND "
    RANGE("s.day") " "
    "UNION ALL "
    "SELECT s.day, 3, s.session, 'the bot says escalated, the PBX shows "
    "no hand-over of call ' || c.id FROM ss s JOIN cc c ON "
    "c.id = s.call WHERE s.outcome = 'escalated' AND c.escalated = 0 AND "
    "c.bot_answered = 1 AND " RANGE("s.day") " "
    "UNION ALL "
    "SELECT day, 4, day, 'the bot answered ' || n || CASE n WHEN 1 THEN "
    "' call' ELSE ' calls' END || ', and no session of the bot''s is "
    "there' FROM (SELECT day, count(*) n FROM cc WHERE "
    "bot_answered = 1 AND day >= ?3 GROUP BY day) d WHERE " RANGE("day")
    " AND EXISTS (SELECT 1 FROM bot_session) AND "
    "d.day NOT IN (SELECT day FROM ss) "
    "ORDER BY 1, 2, 3";

/* The formats of the days whose records cannot carry some figures, as
 * findings: their day that of the format's first record there. */
static int
lacking(struct cs_db *db, const char *from, const char *to,
    struct cs_check_list *l, struct cs_error *err)
{
	struct cs_lack k[CS_LACKS_MAX];
	int n;

	if (cs_lacks_days(db, from, to, k, &n, err) != 0)
		return -1;
	/* by their first record: cs_formats[]'s order within a second */
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && k[j].first < k[j - 1].first; j--) {
			struct cs_lack t = k[j];

			k[j] = k[j - 1];
			k[j - 1] = t;
		}
	for (int i = 0; i < n; i++) {
		struct cs_datetime dt;
		char day[16];

		cs_utc_to_local(k[i].first, &dt, NULL);
		snprintf(day, sizeof(day), "%04d-%02d-%02d", dt.year, dt.mon,
		    dt.mday);
		if (cs_check_list_add(l, CS_CHECK_LACKS, day, k[i].f->name,
		    "its records cannot carry %s: callstat-kpi leaves them "
		    "empty where they are", k[i].f->lacks) != 0)
			return cs_error_set(err, "out of memory");
	}
	return 0;
}

/* Gives fn the kept findings of the days before day (NULL: all). */
static int
kept_before(struct cs_check_list *l, const char *day,
    int (*fn)(void *arg, const struct cs_finding *f), void *arg)
{
	for (; l->next < l->n; l->next++) {
		const struct cs_check_kept *k = &l->f[l->next];
		struct cs_finding f = { k->kind, k->day, k->subject, k->detail };

		if (day != NULL && strcmp(f.day, day) >= 0)
			break;
		if (fn(arg, &f) != 0)
			return -1;
	}
	return 0;
}

int
cs_check_run(struct cs_db *db, const struct cs_config *cfg,
    const char *from, const char *to,
    int (*fn)(void *arg, const struct cs_finding *f), void *arg,
    struct cs_error *err)
{
	sqlite3_stmt *st = NULL;
	struct cs_check_list l = { 0 };
	int rc, ret = -1;

	/* the lacks and the data's quality, by day then kind, go after
	   the bot's findings of their day (their kinds come after) */
	if (lacking(db, from, to, &l, err) != 0 ||
	    cs_check_quality(db, cfg, from, to, &l, err) != 0)
		goto out;
	cs_check_list_sort(&l);
	if (cs_db_prepare(db, &st, sql, err) != 0)
		goto out;
	if (from != NULL)
		sqlite3_bind_text(st, 1, from, -1, SQLITE_STATIC);
	if (to != NULL)
		sqlite3_bind_text(st, 2, to, -1, SQLITE_STATIC);
	/* before the bot went live, no session is missing */
	sqlite3_bind_text(st, 3, cfg->go_live[0] != '\0' ? cfg->go_live :
	    "0000-00-00", -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct cs_finding f;
		const char *t;

		f.day = (const char *)sqlite3_column_text(st, 0);
		f.kind = (enum cs_check_kind)sqlite3_column_int(st, 1);
		f.subject = (t = (const char *)sqlite3_column_text(st, 2)) != NULL ?
		    t : "";
		f.detail = (t = (const char *)sqlite3_column_text(st, 3)) != NULL ?
		    t : "";
		if (f.day == NULL)
			f.day = "";
		if (kept_before(&l, f.day, fn, arg) != 0 || fn(arg, &f) != 0) {
			cs_error_set(err, "out of memory");
			goto out;
		}
	}
	if (rc != SQLITE_DONE) {
		cs_db_fail(db, "cannot check the bot's sessions", err);
		goto out;
	}
	if (kept_before(&l, NULL, fn, arg) != 0) {
		cs_error_set(err, "out of memory");
		goto out;
	}
	ret = 0;
out:
	sqlite3_finalize(st);
	cs_check_list_release(&l);
	return ret;
}
