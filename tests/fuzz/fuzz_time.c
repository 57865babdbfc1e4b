/*
 * fuzz_time.c: the time parsers of timeutil.c (dates and times as logs
 * and options write them, opening hours as the configuration does) and
 * what is done with what they return: UTC and local instants (Europe/
 * Paris), period labels, holidays.  The input is also read as an instant
 * (its first 8 bytes, within the +-2^40 s that callers pass) to turn into
 * local time and labels.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz.h"
#include "timeutil.h"

static void
use_datetime(const struct cs_datetime *dt)
{
	struct cs_datetime back;
	int64_t t[2], u;
	char label[11];
	int n, wday;

	u = cs_utc_from_datetime(dt);
	cs_utc_to_local(u, &back, &wday);
	n = cs_local_to_utc(dt, t);
	if (n < 0 || n > 2)
		abort();
	if (n == 2 && t[0] >= t[1])
		abort();	/* the earlier first */
	for (int p = CS_PERIOD_DAY; p <= CS_PERIOD_YEAR; p++)
		if (cs_period_label(t[0], (enum cs_period)p, label,
		    sizeof(label)) != 0)
			abort();
	cs_iso_week_label(dt->year, dt->mon, dt->mday, label);
	(void)cs_holiday(CS_HOLIDAYS_FR_ALSACE_MOSELLE, dt->year, dt->mon,
	    dt->mday);
	if (n == 1) {
		cs_utc_to_local(t[0], &back, &wday);
		/* a local time that exists once comes back as it was */
		if (back.year != dt->year || back.mon != dt->mon ||
		    back.mday != dt->mday || back.hour != dt->hour ||
		    back.min != dt->min || back.sec != dt->sec)
			abort();
	}
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	struct cs_datetime dt;
	struct cs_hours h;
	struct cs_error err;
	char *s, label[11];
	int64_t t;

	if (!ready) {
		if (cs_tz_use("Europe/Paris", &err) != 0) {
			fprintf(stderr, "fuzz_time: %s\n", err.msg);
			abort();
		}
		ready = 1;
	}
	if (cs_datetime_parse((const char *)data, size, &dt) == 0)
		use_datetime(&dt);
	if ((s = malloc(size + 1)) == NULL)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	if (cs_date_parse(s, &dt) == 0)
		use_datetime(&dt);
	err.msg[0] = '\0';
	if (cs_hours_parse(&h, s, &err) == 0) {
		for (int d = 0; d < 7; d++)
			for (int sec = 0; sec <= 86400; sec += 900)
				(void)cs_hours_open(&h, d, sec);
	} else if (err.msg[0] == '\0')
		abort();
	free(s);
	if (size >= 8) {
		memcpy(&t, data, sizeof(t));
		t %= INT64_C(1) << 40;
		cs_utc_to_local(t, &dt, NULL);
		for (int p = CS_PERIOD_DAY; p <= CS_PERIOD_YEAR; p++)
			(void)cs_period_label(t, (enum cs_period)p, label,
			    sizeof(label));
	}
	return 0;
}
