/*
 * test_timeutil.c: the timeutil suite.  Every expected instant was worked
 * out by hand from the calendar (2025-01-01T00:00Z = 1735689600, i.e. day
 * 20089 since the epoch), never taken from the code's output.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "timeutil.h"
#include "unit.h"

static void
dt_set(struct cs_datetime *dt, int y, int mo, int d, int h, int mi, int s)
{
	dt->year = y;
	dt->mon = mo;
	dt->mday = d;
	dt->hour = h;
	dt->min = mi;
	dt->sec = s;
}

static int
use_zone(const char *zone)
{
	struct cs_error err;

	return cs_tz_use(zone, &err);
}

/* Local wall time to instants, n being what cs_local_to_utc() returned. */
static int
local(int y, int mo, int d, int h, int mi, int s, int64_t out[2])
{
	struct cs_datetime dt;

	dt_set(&dt, y, mo, d, h, mi, s);
	out[0] = out[1] = -1;
	return cs_local_to_utc(&dt, out);
}

static void
test_tz_use(void)
{
	struct cs_error err;

	CU_ASSERT_EQUAL(cs_tz_use("UTC", &err), 0);
	CU_ASSERT_EQUAL(cs_tz_use("Europe/Paris", &err), 0);
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "Europe/Paris");

	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_tz_use("Europe/Pariss", &err), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(err.msg, "'Europe/Pariss'"));
	/* The failed call left the zone alone. */
	CU_ASSERT_STRING_EQUAL(getenv("TZ"), "Europe/Paris");
	/* A directory, a table that is no zone, escapes, nothing. */
	CU_ASSERT_EQUAL(cs_tz_use("Europe", &err), -1);
	CU_ASSERT_EQUAL(cs_tz_use("zone.tab", &err), -1);
	CU_ASSERT_EQUAL(cs_tz_use("../../etc/passwd", &err), -1);
	CU_ASSERT_EQUAL(cs_tz_use("/etc/localtime", &err), -1);
	CU_ASSERT_EQUAL(cs_tz_use("", &err), -1);
	CU_ASSERT_EQUAL(cs_tz_use("Nowhere/Town", NULL), -1);
}

static void
test_utc(void)
{
	struct cs_datetime dt;
	int64_t out[2];
	int wday;

	CU_ASSERT_FATAL(use_zone("UTC") == 0);
	CU_ASSERT_EQUAL(local(2025, 1, 1, 0, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1735689600);
	/* No DST in UTC: the Paris gap and repeated hour are ordinary. */
	CU_ASSERT_EQUAL(local(2025, 3, 30, 2, 30, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743301800);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 30, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1761445800);
	CU_ASSERT_EQUAL(local(1970, 1, 1, 0, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 0);
	CU_ASSERT_EQUAL(local(1969, 12, 31, 23, 59, 59, out), 1);
	CU_ASSERT_EQUAL(out[0], -1);

	cs_utc_to_local(1761445800, &dt, &wday);
	CU_ASSERT_EQUAL(dt.year, 2025);
	CU_ASSERT_EQUAL(dt.mon, 10);
	CU_ASSERT_EQUAL(dt.mday, 26);
	CU_ASSERT_EQUAL(dt.hour, 2);
	CU_ASSERT_EQUAL(dt.min, 30);
	CU_ASSERT_EQUAL(dt.sec, 0);
	CU_ASSERT_EQUAL(wday, 6);	/* a Sunday */
	cs_utc_to_local(-1, &dt, &wday);
	CU_ASSERT_EQUAL(dt.year, 1969);
	CU_ASSERT_EQUAL(dt.mon, 12);
	CU_ASSERT_EQUAL(dt.mday, 31);
	CU_ASSERT_EQUAL(dt.hour, 23);
	CU_ASSERT_EQUAL(dt.sec, 59);
	CU_ASSERT_EQUAL(wday, 2);	/* a Wednesday */
	/* 1969-12-25, day -7, was a Thursday. */
	cs_utc_to_local(-7 * 86400 + 3600, &dt, &wday);
	CU_ASSERT_EQUAL(dt.mday, 25);
	CU_ASSERT_EQUAL(dt.hour, 1);
	CU_ASSERT_EQUAL(wday, 3);
}

static void
test_utc_from_datetime(void)
{
	struct cs_datetime dt;

	dt_set(&dt, 2025, 1, 1, 0, 0, 0);
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), 1735689600);
	dt_set(&dt, 2025, 10, 26, 0, 30, 0);
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), 1761438600);
	dt_set(&dt, 2024, 2, 29, 12, 0, 0);
	/* 2024-01-01 is day 19723; Feb 29 is 59 days later. */
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), (19723 + 59) * 86400LL +
	    43200);
	dt_set(&dt, 2038, 1, 19, 3, 14, 8);	/* past 32-bit time_t */
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), 2147483648LL);
	dt_set(&dt, 1900, 1, 1, 0, 0, 0);	/* 70 years, 17 leap days */
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), -(70 * 365 + 17) *
	    86400LL);
}

static void
test_paris(void)
{
	int64_t out[2];

	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	/* Winter: CET, UTC+1. */
	CU_ASSERT_EQUAL(local(2025, 1, 1, 0, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1735689600 - 3600);
	/* Summer: CEST, UTC+2.  2025-07-14 is day 20283. */
	CU_ASSERT_EQUAL(local(2025, 7, 14, 10, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 20283 * 86400LL + 8 * 3600);
}

static void
test_paris_spring_gap(void)
{
	int64_t out[2];

	/* 2025-03-30 is day 20177 = 1743292800; clocks go from 02:00 CET
	 * to 03:00 CEST at 01:00 UTC. */
	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	CU_ASSERT_EQUAL(local(2025, 3, 30, 1, 59, 59, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743296399);
	CU_ASSERT_EQUAL(local(2025, 3, 30, 2, 0, 0, out), 0);
	CU_ASSERT_EQUAL(out[0], 1743296400);
	/* 02:30 does not exist; read as CET, it is 01:30 UTC. */
	CU_ASSERT_EQUAL(local(2025, 3, 30, 2, 30, 0, out), 0);
	CU_ASSERT_EQUAL(out[0], 1743298200);
	CU_ASSERT_EQUAL(local(2025, 3, 30, 2, 59, 59, out), 0);
	CU_ASSERT_EQUAL(out[0], 1743299999);
	CU_ASSERT_EQUAL(local(2025, 3, 30, 3, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743296400);
	/* Either side of the day. */
	CU_ASSERT_EQUAL(local(2025, 3, 30, 0, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743292800 - 3600);
	CU_ASSERT_EQUAL(local(2025, 3, 30, 23, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743292800 + 21 * 3600);
	CU_ASSERT_EQUAL(local(2025, 3, 29, 23, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743292800 - 2 * 3600);
	CU_ASSERT_EQUAL(local(2025, 3, 31, 2, 30, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1743292800 + 86400 + 1800);
}

static void
test_paris_autumn_repeat(void)
{
	struct cs_datetime dt;
	int64_t out[2];
	int wday;

	/* 2025-10-26 is day 20387 = 1761436800; clocks go from 03:00 CEST
	 * back to 02:00 CET at 01:00 UTC. */
	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 1, 59, 59, out), 1);
	CU_ASSERT_EQUAL(out[0], 1761436799);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 30, 0, out), 2);
	CU_ASSERT_EQUAL(out[0], 1761438600);	/* 00:30 UTC, CEST */
	CU_ASSERT_EQUAL(out[1], 1761442200);	/* 01:30 UTC, CET */
	CU_ASSERT_EQUAL(out[1] - out[0], 3600);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 0, 0, out), 2);
	CU_ASSERT_EQUAL(out[0], 1761436800);
	CU_ASSERT_EQUAL(out[1], 1761440400);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 59, 59, out), 2);
	CU_ASSERT_EQUAL(out[0], 1761440399);
	CU_ASSERT_EQUAL(out[1], 1761443999);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 3, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1761444000);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 12, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1761436800 + 11 * 3600);

	/* Both instants read back as 02:30 on a Sunday. */
	cs_utc_to_local(1761438600, &dt, &wday);
	CU_ASSERT_EQUAL(dt.hour, 2);
	CU_ASSERT_EQUAL(dt.min, 30);
	CU_ASSERT_EQUAL(wday, 6);
	cs_utc_to_local(1761442200, &dt, &wday);
	CU_ASSERT_EQUAL(dt.year, 2025);
	CU_ASSERT_EQUAL(dt.mon, 10);
	CU_ASSERT_EQUAL(dt.mday, 26);
	CU_ASSERT_EQUAL(dt.hour, 2);
	CU_ASSERT_EQUAL(dt.min, 30);
	CU_ASSERT_EQUAL(dt.sec, 0);
	CU_ASSERT_EQUAL(wday, 6);
}

/* Switching zones must not reuse what was learnt about the old one. */
static void
test_zone_switch(void)
{
	int64_t out[2];

	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 30, 0, out), 2);
	CU_ASSERT_EQUAL(local(2025, 7, 14, 10, 0, 0, out), 1);
	CU_ASSERT_FATAL(use_zone("UTC") == 0);
	CU_ASSERT_EQUAL(local(2025, 10, 26, 2, 30, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 1761445800);
	CU_ASSERT_EQUAL(local(2025, 7, 14, 10, 0, 0, out), 1);
	CU_ASSERT_EQUAL(out[0], 20283 * 86400LL + 10 * 3600);
	/* New York: EDT ends 2025-11-02 02:00, UTC-4 then UTC-5; that day
	 * is 20394. */
	CU_ASSERT_FATAL(use_zone("America/New_York") == 0);
	CU_ASSERT_EQUAL(local(2025, 11, 2, 1, 30, 0, out), 2);
	CU_ASSERT_EQUAL(out[0], 20394 * 86400LL + 5 * 3600 + 1800);
	CU_ASSERT_EQUAL(out[1], 20394 * 86400LL + 6 * 3600 + 1800);
}

/* Every wall time of a year round-trips, in Paris, hour by hour. */
static void
test_paris_round_trip(void)
{
	struct cs_datetime dt, back;
	int64_t out[2], t;
	int n, twos = 0, zeros = 0;

	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	/* 2025 in UTC, by the half hour. */
	for (t = 1735689600; t < 1735689600 + 365 * 86400LL; t += 1800) {
		cs_utc_to_local(t, &dt, NULL);
		n = cs_local_to_utc(&dt, out);
		if (n < 1 || (out[0] != t && (n < 2 || out[1] != t))) {
			CU_FAIL("instant does not round-trip");
			break;
		}
		if (n == 2)
			twos++;
		cs_utc_to_local(out[0], &back, NULL);
		if (memcmp(&back, &dt, sizeof(dt)) != 0) {
			CU_FAIL("wall time does not round-trip");
			break;
		}
	}
	/* The repeated hour, met twice by the half hour: 4 instants. */
	CU_ASSERT_EQUAL(twos, 4);
	/* Local wall times by the half hour: only 02:00 and 02:30 on
	 * 2025-03-30 are missing. */
	for (int64_t d = 20089; d < 20089 + 365; d++) {
		int y, m, md;

		cs_utc_to_local(d * 86400 + 43200, &dt, NULL);
		y = dt.year, m = dt.mon, md = dt.mday;
		for (int s = 0; s < 86400; s += 1800) {
			if (local(y, m, md, s / 3600, s / 60 % 60, 0, out) == 0)
				zeros++;
		}
	}
	CU_ASSERT_EQUAL(zeros, 2);
}

static int
parse(const char *s, struct cs_datetime *dt)
{
	return cs_datetime_parse(s, strlen(s), dt);
}

static void
test_datetime_parse(void)
{
	struct cs_datetime dt;
	const char *buf = "2025-01-02 03:04:05,more";

	CU_ASSERT_EQUAL(parse("2025-03-04 08:30:59", &dt), 0);
	CU_ASSERT_EQUAL(dt.year, 2025);
	CU_ASSERT_EQUAL(dt.mon, 3);
	CU_ASSERT_EQUAL(dt.mday, 4);
	CU_ASSERT_EQUAL(dt.hour, 8);
	CU_ASSERT_EQUAL(dt.min, 30);
	CU_ASSERT_EQUAL(dt.sec, 59);
	CU_ASSERT_EQUAL(parse("2024-02-29 00:00:00", &dt), 0);
	CU_ASSERT_EQUAL(dt.mday, 29);
	CU_ASSERT_EQUAL(parse("2000-02-29 00:00:00", &dt), 0);
	CU_ASSERT_EQUAL(parse("2025-12-31 23:59:59", &dt), 0);
	CU_ASSERT_EQUAL(parse("2025-03-04 08:30:59.123456", &dt), 0);
	CU_ASSERT_EQUAL(dt.sec, 59);
	CU_ASSERT_EQUAL(parse("2025-03-04 08:30:59.5", &dt), 0);
	/* Only the first len bytes count: no NUL needed. */
	CU_ASSERT_EQUAL(cs_datetime_parse(buf, 19, &dt), 0);
	CU_ASSERT_EQUAL(dt.sec, 5);
	CU_ASSERT_EQUAL(cs_datetime_parse(buf, 20, &dt), -1);

	/* Impossible dates and times. */
	dt.year = 1;
	CU_ASSERT_EQUAL(parse("2025-02-29 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(dt.year, 1);	/* untouched on failure */
	CU_ASSERT_EQUAL(parse("1900-02-29 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-02-30 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-04-31 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-13-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-00-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-00 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-32 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 24:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 23:60:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 23:59:60", &dt), -1);
	/* Syntax. */
	CU_ASSERT_EQUAL(parse("2025-01-01 00:00:00 ", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 00:00:00Z", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 00:00:00.", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 00:00:00.12a", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01T00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-1-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 0:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025-01-01 00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("2025/01/01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("+025-01-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse(" 2025-01-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(parse("", &dt), -1);
}

static void
test_date_parse(void)
{
	struct cs_datetime dt;

	memset(&dt, 0xff, sizeof(dt));
	CU_ASSERT_EQUAL(cs_date_parse("2024-02-29", &dt), 0);
	CU_ASSERT_EQUAL(dt.year, 2024);
	CU_ASSERT_EQUAL(dt.mon, 2);
	CU_ASSERT_EQUAL(dt.mday, 29);
	CU_ASSERT_EQUAL(dt.hour, 0);
	CU_ASSERT_EQUAL(dt.min, 0);
	CU_ASSERT_EQUAL(dt.sec, 0);
	CU_ASSERT_EQUAL(cs_date_parse("2025-02-29", &dt), -1);
	CU_ASSERT_EQUAL(cs_date_parse("2025-01-01 ", &dt), -1);
	CU_ASSERT_EQUAL(cs_date_parse("2025-01-01 00:00:00", &dt), -1);
	CU_ASSERT_EQUAL(cs_date_parse("2025-01", &dt), -1);
	CU_ASSERT_EQUAL(cs_date_parse("", &dt), -1);
}

static void
label(int64_t t, enum cs_period p, const char *want)
{
	char buf[11];

	memset(buf, 'x', sizeof(buf));
	CU_ASSERT_EQUAL(cs_period_label(t, p, buf, sizeof(buf)), 0);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void
test_period_label(void)
{
	char small[8];
	/* 2026-01-01T00:00Z is day 20454; half an hour before it is still
	 * 2025 in UTC but already 2026 in Paris. */
	int64_t t = 20454 * 86400LL - 1800;

	CU_ASSERT_FATAL(use_zone("UTC") == 0);
	label(t, CS_PERIOD_DAY, "2025-12-31");
	label(t, CS_PERIOD_WEEK, "2026-W01");
	label(t, CS_PERIOD_MONTH, "2025-12");
	label(t, CS_PERIOD_YEAR, "2025");
	/* 2025-03-04, the example of callstat-kpi(7): day 20151. */
	label(20151 * 86400LL + 3600, CS_PERIOD_DAY, "2025-03-04");
	label(20151 * 86400LL + 3600, CS_PERIOD_WEEK, "2025-W10");
	label(20151 * 86400LL + 3600, CS_PERIOD_MONTH, "2025-03");

	CU_ASSERT_FATAL(use_zone("Europe/Paris") == 0);
	label(t, CS_PERIOD_DAY, "2026-01-01");
	label(t, CS_PERIOD_WEEK, "2026-W01");
	label(t, CS_PERIOD_MONTH, "2026-01");
	label(t, CS_PERIOD_YEAR, "2026");
	/* Sunday 2025-03-09 23:30 in Paris is 22:30 UTC, still W10; Monday
	 * 00:30 in Paris (23:30 UTC Sunday) is W11. */
	label(20156 * 86400LL + 22 * 3600 + 1800, CS_PERIOD_WEEK, "2025-W10");
	label(20156 * 86400LL + 23 * 3600 + 1800, CS_PERIOD_WEEK, "2025-W11");
	label(20156 * 86400LL + 23 * 3600 + 1800, CS_PERIOD_DAY,
	    "2025-03-10");

	/* Buffers too small. */
	CU_ASSERT_EQUAL(cs_period_label(t, CS_PERIOD_DAY, small,
	    sizeof(small)), -1);
	CU_ASSERT_EQUAL(cs_period_label(t, CS_PERIOD_WEEK, small,
	    sizeof(small)), -1);
	CU_ASSERT_EQUAL(cs_period_label(t, CS_PERIOD_MONTH, small,
	    sizeof(small)), 0);
	CU_ASSERT_STRING_EQUAL(small, "2026-01");
	CU_ASSERT_EQUAL(cs_period_label(t, CS_PERIOD_YEAR, small, 4), -1);
	CU_ASSERT_EQUAL(cs_period_label(t, CS_PERIOD_YEAR, small, 0), -1);
}

static void
week(int y, int m, int d, const char *want)
{
	char buf[11];

	memset(buf, 'x', sizeof(buf));
	cs_iso_week_label(y, m, d, buf);
	CU_ASSERT_STRING_EQUAL(buf, want);
}

static void
test_iso_week(void)
{
	week(2025, 3, 4, "2025-W10");
	week(2025, 1, 1, "2025-W01");		/* a Wednesday */
	week(2024, 12, 29, "2024-W52");		/* a Sunday */
	week(2024, 12, 30, "2025-W01");		/* a Monday */
	week(2021, 1, 3, "2020-W53");		/* a Sunday */
	week(2021, 1, 4, "2021-W01");
	week(2020, 12, 31, "2020-W53");		/* a Thursday */
	week(2026, 1, 1, "2026-W01");		/* a Thursday */
	week(2026, 12, 31, "2026-W53");
	week(2027, 1, 1, "2026-W53");		/* a Friday */
	week(2027, 1, 3, "2026-W53");
	week(2027, 1, 4, "2027-W01");
	week(2019, 12, 30, "2020-W01");
	week(2008, 12, 29, "2009-W01");
	week(2025, 12, 28, "2025-W52");
	week(2025, 12, 29, "2026-W01");
	week(2025, 6, 30, "2025-W27");
	week(1969, 12, 25, "1969-W52");		/* before the epoch */
	week(1969, 12, 29, "1970-W01");
}

static void
easter(int y, int wm, int wd)
{
	int m = 0, d = 0;

	cs_easter(y, &m, &d);
	CU_ASSERT_EQUAL(m, wm);
	CU_ASSERT_EQUAL(d, wd);
}

static void
test_easter(void)
{
	easter(2024, 3, 31);
	easter(2025, 4, 20);
	easter(2026, 4, 5);
	easter(2038, 4, 25);
	easter(2000, 4, 23);
	easter(2011, 4, 24);
	easter(1818, 3, 22);	/* the earliest possible */
	easter(2285, 3, 22);
	easter(1943, 4, 25);	/* the latest possible */
	easter(2008, 3, 23);
}

static void
test_holiday_fr(void)
{
	static const int h2025[][2] = {
		{ 1, 1 }, { 4, 21 }, { 5, 1 }, { 5, 8 }, { 5, 29 }, { 6, 9 },
		{ 7, 14 }, { 8, 15 }, { 11, 1 }, { 11, 11 }, { 12, 25 }
	};
	int days = 0;

	for (size_t i = 0; i < sizeof(h2025) / sizeof(h2025[0]); i++) {
		CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, h2025[i][0],
		    h2025[i][1]), 1);
		CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2025,
		    h2025[i][0], h2025[i][1]), 1);
		CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_NONE, 2025,
		    h2025[i][0], h2025[i][1]), 0);
	}
	/* Good Friday and St Stephen's Day are Alsace-Moselle's only. */
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 4, 18), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 12, 26), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2025, 4, 18),
	    1);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2025, 12, 26),
	    1);
	/* Not holidays: Easter and Whit Sundays, the eves, ordinary days. */
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 4, 20), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 6, 8), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 12, 24), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 12, 31), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 5, 2), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 5, 28), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2025, 3, 4), 0);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2025, 4, 17),
	    0);
	/* 2024's movable feasts: Easter March 31. */
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2024, 4, 1), 1);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2024, 5, 9), 1);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2024, 5, 20), 1);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2024, 3, 29),
	    1);
	CU_ASSERT_EQUAL(cs_holiday(CS_HOLIDAYS_FR, 2024, 4, 21), 0);

	/* Exactly 11 days of 2025, and 13 in Alsace-Moselle. */
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= 31; d++)
			days += cs_holiday(CS_HOLIDAYS_FR, 2025, m, d);
	CU_ASSERT_EQUAL(days, 11);
	days = 0;
	for (int m = 1; m <= 12; m++)
		for (int d = 1; d <= 31; d++)
			days += cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, 2025,
			    m, d);
	CU_ASSERT_EQUAL(days, 13);
}

#define HM(h, m)	((h) * 3600 + (m) * 60)

static void
test_hours(void)
{
	struct cs_hours h;
	struct cs_error err;

	CU_ASSERT_FATAL(cs_hours_parse(&h,
	    "mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00", &err) == 0);
	for (int d = 0; d < 5; d++)
		CU_ASSERT_EQUAL(h.n[d], 2);
	CU_ASSERT_EQUAL(h.n[5], 1);
	CU_ASSERT_EQUAL(h.n[6], 0);
	CU_ASSERT_EQUAL(h.r[2][1].from, HM(13, 30));
	CU_ASSERT_EQUAL(h.r[2][1].to, HM(17, 30));

	/* Start inclusive, end exclusive. */
	CU_ASSERT_EQUAL(cs_hours_open(&h, 0, HM(8, 30)), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 0, HM(8, 30) - 1), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 0, HM(11, 59) + 59), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 0, HM(12, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 0, HM(13, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 4, HM(13, 30)), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 4, HM(17, 30)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 5, HM(9, 0)), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 5, HM(14, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 6, HM(10, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 7, HM(10, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, -1, HM(10, 0)), 0);
}

static void
test_hours_days(void)
{
	struct cs_hours h;
	struct cs_error err;

	/* A list, a range and a list with a range; extra blanks. */
	CU_ASSERT_FATAL(cs_hours_parse(&h, "mon,wed 09:00-10:00", &err) == 0);
	CU_ASSERT_EQUAL(h.n[0], 1);
	CU_ASSERT_EQUAL(h.n[1], 0);
	CU_ASSERT_EQUAL(h.n[2], 1);
	CU_ASSERT_EQUAL(h.n[3] + h.n[4] + h.n[5] + h.n[6], 0);

	CU_ASSERT_FATAL(cs_hours_parse(&h,
	    "  mon-wed,fri\t08:00-12:00 ;sun 10:00-11:00  ", &err) == 0);
	CU_ASSERT_EQUAL(h.n[0], 1);
	CU_ASSERT_EQUAL(h.n[1], 1);
	CU_ASSERT_EQUAL(h.n[2], 1);
	CU_ASSERT_EQUAL(h.n[3], 0);
	CU_ASSERT_EQUAL(h.n[4], 1);
	CU_ASSERT_EQUAL(h.n[5], 0);
	CU_ASSERT_EQUAL(h.n[6], 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 6, HM(10, 30)), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 3, HM(10, 30)), 0);

	/* A day named twice gets both groups' ranges; 24:00 ends a day. */
	CU_ASSERT_FATAL(cs_hours_parse(&h,
	    "mon-fri 08:00-12:00; fri 14:00-24:00; sat-sun 00:00-24:00",
	    &err) == 0);
	CU_ASSERT_EQUAL(h.n[4], 2);
	CU_ASSERT_EQUAL(h.r[4][1].to, 86400);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 4, 86399), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 3, HM(15, 0)), 0);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 5, 0), 1);
	CU_ASSERT_EQUAL(cs_hours_open(&h, 6, 86399), 1);

	/* One day, a single-day range, upper case. */
	CU_ASSERT_FATAL(cs_hours_parse(&h, "tue-tue 08:00-09:00; THU "
	    "08:00-09:00", &err) == 0);
	CU_ASSERT_EQUAL(h.n[1], 1);
	CU_ASSERT_EQUAL(h.n[3], 1);
	CU_ASSERT_EQUAL(h.n[0] + h.n[2] + h.n[4] + h.n[5] + h.n[6], 0);
}

/* Parses s, which must fail with exactly msg, leaving h alone. */
static void
hours_error(const char *s, const char *msg)
{
	struct cs_hours h;
	struct cs_error err;

	memset(&h, 0, sizeof(h));
	h.n[0] = 42;
	memset(&err, 0, sizeof(err));
	CU_ASSERT_EQUAL(cs_hours_parse(&h, s, &err), -1);
	CU_ASSERT_STRING_EQUAL(err.msg, msg);
	CU_ASSERT_EQUAL(h.n[0], 42);
}

static void
test_hours_errors(void)
{
	struct cs_hours h;

	hours_error("mno 08:00-12:00", "unknown day 'mno' in hours");
	hours_error("mon-fry 08:00-12:00", "unknown day 'fry' in hours");
	hours_error("monday 08:00-12:00", "unknown day 'monday' in hours");
	hours_error("mon,,tue 08:00-12:00",
	    "empty day in 'mon,,tue' in hours");
	hours_error("mon, 08:00-12:00", "empty day in 'mon,' in hours");
	hours_error("fri-mon 08:00-12:00",
	    "bad day range 'fri-mon' in hours (days run from mon to sun)");
	hours_error("mon 8:30-12",
	    "bad time range '8:30-12' in hours (want HH:MM-HH:MM)");
	hours_error("mon 08:30-12:00 13:30",
	    "bad time range '13:30' in hours (want HH:MM-HH:MM)");
	hours_error("mon 08:30-12:60",
	    "bad time range '08:30-12:60' in hours (want HH:MM-HH:MM)");
	hours_error("mon 24:00-24:00",
	    "bad time range '24:00-24:00' in hours (want HH:MM-HH:MM)");
	hours_error("mon 08:00-24:01",
	    "bad time range '08:00-24:01' in hours (want HH:MM-HH:MM)");
	hours_error("mon 08:00-12:00x",
	    "bad time range '08:00-12:00x' in hours (want HH:MM-HH:MM)");
	hours_error("mon 12:00-08:30",
	    "time range '12:00-08:30' in hours does not end after it starts");
	hours_error("mon 12:00-12:00",
	    "time range '12:00-12:00' in hours does not end after it starts");
	hours_error("sat", "no time range after 'sat' in hours");
	hours_error("mon-fri 08:00-12:00; sat ",
	    "no time range after 'sat' in hours");
	hours_error("08:00-12:00", "no days before '08:00-12:00' in hours");
	hours_error("", "empty day group in hours "
	    "(groups are separated by ';')");
	hours_error("mon 08:00-12:00;", "empty day group in hours "
	    "(groups are separated by ';')");
	hours_error("mon 08:00-09:00;; tue 08:00-09:00", "empty day group in "
	    "hours (groups are separated by ';')");
	hours_error("mon 00:00-01:00 01:00-02:00 02:00-03:00 03:00-04:00 "
	    "04:00-05:00 05:00-06:00 06:00-07:00 07:00-08:00 08:00-09:00",
	    "too many time ranges for 'mon' in hours (at most 8)");
	/* A NULL error is allowed. */
	CU_ASSERT_EQUAL(cs_hours_parse(&h, "xyz 08:00-09:00", NULL), -1);
}

/* The range a log may hold: the constants are the dates they name. */
static void
test_log_range(void)
{
	struct cs_datetime dt = { 1990, 1, 1, 0, 0, 0 };

	/* 1990-01-01 is 20 years of 365 days and 5 leap days after the
	 * epoch; 2100-01-01 is 130 years and 32 leap days after it. */
	CU_ASSERT_EQUAL(CS_LOG_TIME_MIN, (20 * 365 + 5) * INT64_C(86400));
	CU_ASSERT_EQUAL(CS_LOG_TIME_MAX, (130 * 365 + 32) * INT64_C(86400));
	CU_ASSERT_EQUAL(cs_utc_from_datetime(&dt), CS_LOG_TIME_MIN);
	CU_ASSERT_EQUAL(CS_LOG_DURATION_MAX, 604800);
	CU_ASSERT(cs_log_datetime_ok(&dt));
	dt.year = 2099;
	CU_ASSERT(cs_log_datetime_ok(&dt));
	dt.year = 1989;
	CU_ASSERT(!cs_log_datetime_ok(&dt));
	dt.year = 2100;
	CU_ASSERT(!cs_log_datetime_ok(&dt));
	dt.year = 0;
	CU_ASSERT(!cs_log_datetime_ok(&dt));
	dt.year = 9999;
	CU_ASSERT(!cs_log_datetime_ok(&dt));
	CU_ASSERT(cs_log_time_ok(CS_LOG_TIME_MIN));
	CU_ASSERT(!cs_log_time_ok(CS_LOG_TIME_MIN - 1));
	CU_ASSERT(cs_log_time_ok(CS_LOG_TIME_MAX - 1));
	CU_ASSERT(!cs_log_time_ok(CS_LOG_TIME_MAX));
	CU_ASSERT(!cs_log_time_ok(INT64_MAX));
	CU_ASSERT(!cs_log_time_ok(INT64_MIN));
	CU_ASSERT(!cs_log_time_ok(0));
}

static CU_TestInfo tests[] = {
	{ "tz_use", test_tz_use },
	{ "utc", test_utc },
	{ "utc_from_datetime", test_utc_from_datetime },
	{ "paris", test_paris },
	{ "paris_spring_gap", test_paris_spring_gap },
	{ "paris_autumn_repeat", test_paris_autumn_repeat },
	{ "zone_switch", test_zone_switch },
	{ "paris_round_trip", test_paris_round_trip },
	{ "datetime_parse", test_datetime_parse },
	{ "date_parse", test_date_parse },
	{ "log_range", test_log_range },
	{ "period_label", test_period_label },
	{ "iso_week", test_iso_week },
	{ "easter", test_easter },
	{ "holiday_fr", test_holiday_fr },
	{ "hours", test_hours },
	{ "hours_days", test_hours_days },
	{ "hours_errors", test_hours_errors },
	CU_TEST_INFO_NULL
};

CS_UNIT_SUITE("timeutil", tests)
