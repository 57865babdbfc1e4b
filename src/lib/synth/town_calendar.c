/* town_calendar.c: the town's local days and opening hours (town.h). */

#include "timeutil.h"
#include "town.h"

long
cs_town_day_of(int64_t t)
{
	int y, mo, d, h, mi, s;
	struct cs_datetime dt = { 0 };

	cs_synth_local(t, &y, &mo, &d, &h, &mi, &s, NULL);
	dt.year = y;
	dt.mon = mo;
	dt.mday = d;
	return (long)(cs_utc_from_datetime(&dt) / 86400);
}

/* The local date of a day number. */
void
cs_town_date_of(long day, int *y, int *mo, int *d, int *wday)
{
	int h, mi, s;

	/* the UTC fields of noon of that day are its date */
	int64_t t = (int64_t)day * 86400 + 43200;

	cs_synth_local(t - cs_synth_offset(t), y, mo, d, &h, &mi, &s, wday);
}

/* The instant of a local time of day (seconds after midnight) on a day. */
int64_t
cs_town_instant(long day, int secs)
{
	int64_t guess = (int64_t)day * 86400 + secs;
	int64_t t = guess - cs_synth_offset(guess);

	/* the offset at the answer may differ (a DST change that day) */
	return guess - cs_synth_offset(t);
}

int
cs_town_closed_day(const struct town *tw, long day)
{
	int y, mo, d, wday;

	cs_town_date_of(day, &y, &mo, &d, &wday);
	return cs_config_closed_day(tw->pub.cfg, y, mo, d);
}

/* 1 if the service (town index) is open at t: its hours, holidays and
 * closed days, as callstat-kpi(7) counts "in hours". */
int
cs_town_open(const struct town *tw, int s, int64_t t)
{
	const struct cs_service *cs = tw->pub.svc[s].cfg;
	int y, mo, d, h, mi, sec, wday;

	cs_synth_local(t, &y, &mo, &d, &h, &mi, &sec, &wday);
	if (cs_config_closed_day(tw->pub.cfg, y, mo, d))
		return 0;
	if (!cs->has_hours)
		return 1;
	return cs_hours_open(&cs->hours, wday, h * 3600 + mi * 60 + sec);
}

/* The working hours of a service on a weekday: its opening hours, or office
 * hours for a service that is always open. */
int
cs_town_work_ranges(const struct cs_service *cs, int wday, int from[], int to[])
{
	int n = 0;

	if (!cs->has_hours) {
		if (wday >= 5)
			return 0;
		from[0] = 8 * 3600 + 1800;
		to[0] = 17 * 3600 + 1800;
		return 1;
	}
	for (int i = 0; i < cs->hours.n[wday] && n < CS_HOURS_MAX; i++, n++) {
		from[n] = cs->hours.r[wday][i].from;
		to[n] = cs->hours.r[wday][i].to;
	}
	return n;
}
