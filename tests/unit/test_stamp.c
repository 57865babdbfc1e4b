/*
 * test_stamp.c: the stamp suite (stamp.h).  A remembered hour must give
 * what the long way gives (cs_datetime_parse then cs_local_to_utc) for
 * every second of the days whose UTC offset changes, in zones that change
 * on the hour (Paris), on the half hour and by half an hour (Lord Howe),
 * and at an offset of half an hour (St John's); the instants of Paris's
 * two changes of 2024 were worked out with GNU date, not by this code.
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "stamp.h"
#include "timeutil.h"
#include "unit.h"

static int
use_zone(const char *zone)
{
	struct cs_error err;

	return cs_tz_use(zone, &err);
}

/* The long way, as a reader without the memo reads s. */
static int
long_way(const char *s, int utc, struct cs_datetime *dt, int64_t out[2])
{
	if (cs_datetime_parse(s, strlen(s), dt) != 0)
		return -1;
	if (utc) {
		out[0] = cs_utc_from_datetime(dt);
		return 1;
	}
	return cs_local_to_utc(dt, out);
}

/*
 * Reads every second of day (y, mo, d) in order, as a reader would: from
 * the memo when it has the hour, else the long way, remembering the hour.
 * Each result is compared with the long way's; returns how many seconds
 * came from the memo.
 */
static long
read_day(int y, int mo, int d, int utc)
{
	struct cs_stamp_memo m;
	long hits = 0, wrong = 0;

	memset(&m, 0, sizeof(m));
	for (int sec = 0; sec < 86400; sec++) {
		char s[32];
		struct cs_datetime dt;
		int64_t want[2] = { 0, 0 }, got[2] = { 0, 0 };
		int nw, ng;

		snprintf(s, sizeof(s), "%04d-%02d-%02d %02d:%02d:%02d", y, mo, d,
		    sec / 3600, sec / 60 % 60, sec % 60);
		nw = long_way(s, utc, &dt, want);
		if ((ng = cs_stamp_get(&m, s, 19, got)) >= 0)
			hits++;
		else	/* the readers' long way ends so */
			ng = cs_stamp_place(&m, s, 19, &dt, utc, got);
		if (ng != nw || (nw >= 1 && got[0] != want[0]) ||
		    (nw == 2 && got[1] != want[1]))
			wrong++;
	}
	CU_ASSERT_EQUAL(wrong, 0);
	return hits;
}

static void
test_paris(void)
{
	struct cs_stamp_memo m;
	struct cs_datetime dt;
	int64_t at[2];

	CU_ASSERT_EQUAL_FATAL(use_zone("Europe/Paris"), 0);
	/* an ordinary day: every hour remembered after its first second */
	CU_ASSERT_EQUAL(read_day(2024, 6, 12, 0), 86400 - 24);
	/* spring: 02:00-02:59 skipped, one offset in it; all remembered */
	CU_ASSERT_EQUAL(read_day(2024, 3, 31, 0), 86400 - 24);
	/* autumn: 02:00-02:59 twice over, both instants remembered */
	CU_ASSERT_EQUAL(read_day(2024, 10, 27, 0), 86400 - 24);
	CU_ASSERT_EQUAL(read_day(2024, 10, 27, 1), 86400 - 24);

	memset(&m, 0, sizeof(m));
	CU_ASSERT_EQUAL(cs_datetime_parse("2024-10-27 02:00:00", 19, &dt), 0);
	cs_stamp_put(&m, "2024-10-27 02:00:00", 19, &dt, 0);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-10-27 02:30:00", 19, at), 2);
	CU_ASSERT_EQUAL(at[0], 1729989000);	/* 02:30 CEST */
	CU_ASSERT_EQUAL(at[1], 1729992600);	/* 02:30 CET */
	CU_ASSERT_EQUAL(cs_datetime_parse("2024-03-31 01:00:00", 19, &dt), 0);
	cs_stamp_put(&m, "2024-03-31 01:00:00", 19, &dt, 0);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:59:59", 19, at), 1);
	CU_ASSERT_EQUAL(at[0], 1711846799);
	/* what is not a second of that hour, written the same way */
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 02:00:00", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:60:00", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:00:60", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:0a:00", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01-00:00", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31T01:00:00", 19, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:00:00.5", 21, at), -1);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:00:0", 18, at), -1);
	/* nothing remembered yet */
	memset(&m, 0, sizeof(m));
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-03-31 01:00:00", 19, at), -1);
}

static void
test_half_hours(void)
{
	struct cs_stamp_memo m;
	struct cs_datetime dt;
	int64_t at[2];

	/* Lord Howe: back from +11 to +10:30 at 02:00 (01:30-01:59 twice),
	   forward at 02:00 to 02:30: those hours are never remembered */
	CU_ASSERT_EQUAL_FATAL(use_zone("Australia/Lord_Howe"), 0);
	CU_ASSERT_EQUAL(read_day(2024, 4, 7, 0), 86400 - 23 - 3600);
	CU_ASSERT_EQUAL(read_day(2024, 10, 6, 0), 86400 - 23 - 3600);
	memset(&m, 0, sizeof(m));
	CU_ASSERT_EQUAL(cs_datetime_parse("2024-04-07 01:10:00", 19, &dt), 0);
	cs_stamp_put(&m, "2024-04-07 01:10:00", 19, &dt, 0);
	CU_ASSERT_EQUAL(m.have, 0);
	CU_ASSERT_EQUAL(cs_stamp_get(&m, "2024-04-07 01:10:01", 19, at), -1);
	/* St John's, at -3:30 and -2:30, changes at 02:00 */
	CU_ASSERT_EQUAL_FATAL(use_zone("America/St_Johns"), 0);
	CU_ASSERT_EQUAL(read_day(2024, 3, 10, 0), 86400 - 24);
	CU_ASSERT_EQUAL(read_day(2024, 11, 3, 0), 86400 - 24);
	CU_ASSERT_EQUAL_FATAL(use_zone("Europe/Paris"), 0);
}

static void
test_instant(void)
{
	/* Paris, 2024-10-27 02:30 twice over: CEST then CET (GNU date) */
	const int64_t two[2] = { 1729989000, 1729992600 };
	int amb = 0;

	CU_ASSERT_EQUAL(cs_stamp_instant(2, two, NULL, &amb), 1729989000);
	CU_ASSERT_EQUAL(amb, 1);
	amb = 0;
	{
		int64_t late = 1729992000, early = 1729989100;

		CU_ASSERT_EQUAL(cs_stamp_instant(2, two, &late, &amb), 1729992600);
		CU_ASSERT_EQUAL(cs_stamp_instant(2, two, &early, &amb), 1729989000);
	}
	CU_ASSERT_EQUAL(amb, 0);
	/* one instant, or the skipped hour's: at[0], hint or not */
	CU_ASSERT_EQUAL(cs_stamp_instant(1, two, NULL, &amb), 1729989000);
	CU_ASSERT_EQUAL(cs_stamp_instant(0, two, NULL, &amb), 1729989000);
	CU_ASSERT_EQUAL(amb, 0);
}

static CU_TestInfo tests[] = {
	{ "paris", test_paris },
	{ "instant", test_instant },
	{ "half_hours", test_half_hours },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("stamp", tests)
