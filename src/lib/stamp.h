/*
 * stamp.h: the last hour of wall-clock stamps a reader turned into
 * instants, remembered.  A log's lines come in time order, a few hundred
 * to the hour: parsing "YYYY-MM-DD HH:MM:SS" and placing it in the time
 * zone was a sixth of the generic CSV reader's work, the same for every
 * stamp of the hour.  With the hour remembered, a stamp of it costs a
 * comparison and its minutes and seconds.
 *
 * An hour is remembered only when every second of it has the instants of
 * its first second plus its own offset into the hour (no change of UTC
 * offset inside it): then what cs_stamp_get gives is what
 * cs_datetime_parse and cs_local_to_utc (or cs_utc_from_datetime) give.
 */
#ifndef CS_STAMP_H
#define CS_STAMP_H

#include <stddef.h>
#include <stdint.h>

#include "timeutil.h"

struct cs_stamp_memo {
	char hour[13];		/* "YYYY-MM-DD HH" as written ('T' kept) */
	int have;		/* an hour is remembered */
	int n;			/* cs_local_to_utc's count, for all of it */
	int64_t at[2];		/* the instants of its first second */
};

/*
 * The instants of s (len bytes), a stamp of exactly "YYYY-MM-DD HH:MM:SS"
 * (or a 'T' for the space) in the hour m remembers, into out as
 * cs_local_to_utc gives them; returns their count.  -1: not that hour, or
 * not such a stamp (parse it the long way, then cs_stamp_put).
 */
int cs_stamp_get(const struct cs_stamp_memo *m, const char *s, size_t len,
    int64_t out[2]);

/*
 * Remembers the hour of s (a stamp cs_datetime_parse read into dt, with
 * the 'T' of ISO 8601 or a space at [10]), local or, with utc, UTC.  An
 * hour whose UTC offset changes is forgotten instead.
 */
void cs_stamp_put(struct cs_stamp_memo *m, const char *s, size_t len,
    const struct cs_datetime *dt, int utc);

/*
 * The instants of dt, read from the stamp s (len bytes), into at as
 * cs_local_to_utc gives them (with utc, the one cs_utc_from_datetime
 * gives); returns their count.  A stamp of exactly 19 bytes has its hour
 * remembered (cs_stamp_put): the long way's end, after cs_stamp_get.
 */
int cs_stamp_place(struct cs_stamp_memo *m, const char *s, size_t len,
    const struct cs_datetime *dt, int utc, int64_t at[2]);

/*
 * The instant of a stamp of n instants at[] (cs_stamp_get's or
 * cs_local_to_utc's): in the repeated hour (n 2), the one nearest to hint,
 * or the earlier when hint is NULL (and then *ambiguous is set); else
 * at[0] (in the skipped hour, as mktime() reads it).
 */
int64_t cs_stamp_instant(int n, const int64_t at[2], const int64_t *hint,
    int *ambiguous);

#endif
