/*
 * timeutil.h: instants, local wall-clock time, periods, public holidays and
 * opening hours.
 *
 * Instants are int64_t seconds since the epoch, UTC.  Local time is that of
 * the process's time zone, chosen once with cs_tz_use() (it sets TZ), which
 * is the configuration's [commune] timezone.  Nothing here allocates.
 */
#ifndef CS_TIMEUTIL_H
#define CS_TIMEUTIL_H

#include <stddef.h>
#include <stdint.h>

#include "error.h"

/* A wall-clock date and time, as written in a log.  mon is 1-12. */
struct cs_datetime {
	int year, mon, mday, hour, min, sec;
};

enum cs_period { CS_PERIOD_DAY, CS_PERIOD_WEEK, CS_PERIOD_MONTH, CS_PERIOD_YEAR };

enum cs_holidays { CS_HOLIDAYS_NONE, CS_HOLIDAYS_FR, CS_HOLIDAYS_FR_ALSACE_MOSELLE };

/*
 * Makes zone (an IANA name such as "Europe/Paris", or "UTC") the local time
 * zone of the process.  Fails, naming the zone, when no such zone file
 * exists under $TZDIR or /usr/share/zoneinfo (glibc would silently fall back
 * to UTC, which would shift every figure).  Not thread-safe (it sets TZ):
 * call it before any thread starts; everything else here may then run in
 * several threads at once.
 */
int cs_tz_use(const char *zone, struct cs_error *err);

/*
 * Parses "YYYY-MM-DD HH:MM:SS" from s (len bytes, not necessarily
 * NUL-terminated), optionally followed by a fraction ".ffffff" that is
 * ignored.  Fails on any other syntax and on impossible dates or times
 * (2025-02-30, 24:00:00).  Leap seconds (:60) are refused.
 */
int cs_datetime_parse(const char *s, size_t len, struct cs_datetime *dt);

/*
 * Parses an ISO 8601 instant with its offset from s (len bytes):
 * "YYYY-MM-DDTHH:MM:SS" (or a space for the T), an optional fraction of
 * any length, then "Z", "+HH:MM", "+HHMM" or "+HH" (or '-').  *t gets the
 * UTC instant, *msec (may be NULL) the milliseconds of the fraction.
 * Returns 0, -1 on bad syntax or an impossible date or time, -2 when the
 * offset is missing (a local time, which only the reader can place).
 */
int cs_iso8601_parse(const char *s, size_t len, int64_t *t, int *msec);

/* Parses "YYYY-MM-DD" (NUL-terminated) into dt with a time of 00:00:00. */
int cs_date_parse(const char *s, struct cs_datetime *dt);

/* The days of month m (1 to 12) of Gregorian year y. */
int cs_month_days(int y, int m);

/*
 * The range of what a log may say (callstat-import(1)): instants from
 * 1990-01-01 00:00:00 UTC to before 2100-01-01 00:00:00 UTC, durations
 * from 0 to 7 days.  Anything else is a clock gone wrong or a damaged line;
 * within these bounds no sum of instants and durations can overflow.
 */
#define CS_LOG_YEAR_MIN		1990
#define CS_LOG_YEAR_MAX		2099
#define CS_LOG_TIME_MIN		INT64_C(631152000)	/* 1990-01-01 */
#define CS_LOG_TIME_MAX		INT64_C(4102444800)	/* 2100-01-01 */
#define CS_LOG_DURATION_MAX	(7L * 86400)

/* 1 if t is within [CS_LOG_TIME_MIN, CS_LOG_TIME_MAX), else 0. */
int cs_log_time_ok(int64_t t);
/* 1 if the year of dt is within [CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX]: a
 * local time then lies within a day of the instants above. */
int cs_log_datetime_ok(const struct cs_datetime *dt);

/* Days from 1970-01-01 to a Gregorian date (negative before). */
int64_t cs_days_from_civil(int64_t year, int mon, int mday);

/* The instant of a UTC wall-clock time. */
int64_t cs_utc_from_datetime(const struct cs_datetime *dt);

/*
 * The instants of a local wall-clock time.  Returns how many there are:
 * 1 normally; 2 in the hour repeated when daylight saving time ends, out[0]
 * the earlier; 0 in the hour skipped when it starts, with out[0] set to the
 * instant the time would have been without the jump (as mktime() does).
 */
int cs_local_to_utc(const struct cs_datetime *dt, int64_t out[2]);

/* The local wall-clock time of t; *wday (may be NULL) gets 0 for Monday to
 * 6 for Sunday. */
void cs_utc_to_local(int64_t t, struct cs_datetime *dt, int *wday);

/*
 * The local midnight that starts the day holding t; with next, the one that
 * starts the day after (a day and a half later is always in the next day,
 * whatever daylight saving time does).
 */
int64_t cs_local_midnight(int64_t t, int next);

/*
 * Writes the label of the local period holding t, as callstat-kpi(7)
 * writes them: "2025-03-04" (day), "2025-W10" (ISO week), "2025-03"
 * (month), "2025" (year).  buf needs 11 bytes.  Returns 0, or -1 if n is
 * too small.
 */
int cs_period_label(int64_t t, enum cs_period p, char *buf, size_t n);

/* The ISO week label ("2025-W10") of a calendar date. */
void cs_iso_week_label(int year, int mon, int mday, char buf[11]);

/* Easter Sunday of year (Gregorian, anonymous algorithm): *mon, *mday. */
void cs_easter(int year, int *mon, int *mday);

/* 1 if the date is a public holiday of the calendar, else 0. */
int cs_holiday(enum cs_holidays cal, int year, int mon, int mday);

/* Opening hours of one service: for each weekday (0 Monday .. 6 Sunday) up
 * to CS_HOURS_MAX ranges of seconds since local midnight, [from, to). */
#define CS_HOURS_MAX 8
struct cs_hours {
	int n[7];
	struct {
		int from, to;
	} r[7][CS_HOURS_MAX];
};

/*
 * Parses the hours of callstat.conf(5),
 * "mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00": groups separated by
 * ';', each a day list (ranges "mon-fri", lists "mon,wed", or both
 * "mon-wed,fri") then one or more HH:MM-HH:MM ranges; 24:00 is allowed as
 * an end.  Days not named are closed.  A day named twice gets the ranges of
 * both groups.  Fails with a message that quotes the offending word.
 */
int cs_hours_parse(struct cs_hours *h, const char *s, struct cs_error *err);

/* 1 if secs (seconds since local midnight) of weekday wday is open. */
int cs_hours_open(const struct cs_hours *h, int wday, int secs);

#endif
