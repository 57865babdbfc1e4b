/*
 * timeutil.c: instants, local wall-clock time, periods, public holidays and
 * opening hours.
 *
 * Calendar arithmetic is done on day numbers (days since 1970-01-01, proleptic
 * Gregorian) rather than through struct tm, so that it neither depends on the
 * width of time_t nor on the process's time zone.  Only the conversions from
 * and to local time ask the C library, through localtime_r().
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "timeutil.h"

#define DAY	86400

/*
 * Offsets from UTC are within this bound (the largest in tzdata, a local
 * mean time, is under 16 hours).
 */
#define MAX_OFFSET	(18 * 3600)

/*
 * How far apart the offset is sampled when a local day is looked at for the
 * first time.  Two transitions closer than this that cancel each other out
 * would go unseen; tzdata has none.
 */
#define SAMPLE_STEP	(3 * 3600)
#define SAMPLES		((DAY + 2 * MAX_OFFSET) / SAMPLE_STEP + 1)

#define CACHE_SIZE	32	/* a power of two */

static const char *const day_names[7] = {
	"mon", "tue", "wed", "thu", "fri", "sat", "sun"
};

/* Changed by cs_tz_use(), so that the day cache forgets the old zone. */
static unsigned tz_generation = 1;

/*
 * One local day: the UTC offsets in force from a little before its first
 * instant to a little after its last one, as segments [from[i], from[i+1])
 * of constant offset.  Most days have a single segment.
 */
struct day_cache {
	unsigned	 gen;		/* 0: empty */
	int64_t		 day;
	int		 nseg;
	int64_t		 from[SAMPLES];
	int32_t		 off[SAMPLES];
};

/* one per thread: an import parses times on one and builds calls on
   another (tz_generation only changes before any thread starts) */
static _Thread_local struct day_cache cache[CACHE_SIZE];

static int
is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int
cs_month_days(int y, int m)
{
	static const int mdays[12] = {
		31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31
	};

	if (m == 2 && is_leap(y))
		return 29;
	return mdays[m - 1];
}

/* Days since 1970-01-01 of a Gregorian date (H. Hinnant's algorithm). */
int64_t
cs_days_from_civil(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

int
cs_log_time_ok(int64_t t)
{
	return t >= CS_LOG_TIME_MIN && t < CS_LOG_TIME_MAX;
}

int
cs_log_datetime_ok(const struct cs_datetime *dt)
{
	return dt->year >= CS_LOG_YEAR_MIN && dt->year <= CS_LOG_YEAR_MAX;
}

static void
civil_from_days(int64_t z, int *year, int *mon, int *mday)
{
	int64_t era, doe, yoe, y, doy, mp;
	int m;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	y = yoe + era * 400;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*mday = (int)(doy - (153 * mp + 2) / 5 + 1);
	m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*mon = m;
	*year = (int)(y + (m <= 2));
}

/* 0 for Monday to 6 for Sunday; day 0 was a Thursday. */
static int
weekday(int64_t days)
{
	int64_t w = (days + 3) % 7;

	return (int)(w < 0 ? w + 7 : w);
}

static int64_t
floor_div(int64_t a, int64_t b)
{
	int64_t q = a / b;

	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Wall-clock seconds since the epoch of a date and time, as if in UTC. */
static int64_t
wall_seconds(const struct cs_datetime *dt)
{
	return cs_days_from_civil(dt->year, dt->mon, dt->mday) * DAY +
	    dt->hour * 3600 + dt->min * 60 + dt->sec;
}

/* The UTC offset in force at t, in seconds east of Greenwich. */
static int32_t
offset_at(int64_t t)
{
	struct tm tm;
	time_t tt = (time_t)t;
	int64_t wall;

	if ((int64_t)tt != t || localtime_r(&tt, &tm) == NULL)
		return 0;
	wall = cs_days_from_civil((int64_t)tm.tm_year + 1900, tm.tm_mon + 1,
	    tm.tm_mday) * DAY + tm.tm_hour * 3600 + tm.tm_min * 60 +
	    tm.tm_sec;
	return (int32_t)(wall - t);
}

/* The first instant in (lo, hi] whose offset differs from lo's. */
static int64_t
find_transition(int64_t lo, int64_t hi, int32_t off_lo)
{
	while (hi - lo > 1) {
		int64_t mid = lo + (hi - lo) / 2;

		if (offset_at(mid) == off_lo)
			lo = mid;
		else
			hi = mid;
	}
	return hi;
}

static void
day_fill(struct day_cache *c, int64_t day)
{
	int64_t start = day * DAY - MAX_OFFSET, prev_t, t;
	int32_t prev_off, off;

	c->gen = tz_generation;
	c->day = day;
	c->nseg = 1;
	c->from[0] = INT64_MIN;
	prev_t = start;
	prev_off = c->off[0] = offset_at(start);
	for (int i = 1; i < SAMPLES; i++) {
		t = start + (int64_t)i * SAMPLE_STEP;
		off = offset_at(t);
		if (off != prev_off) {
			c->from[c->nseg] = find_transition(prev_t, t, prev_off);
			c->off[c->nseg] = off;
			c->nseg++;
		}
		prev_t = t;
		prev_off = off;
	}
}

static const struct day_cache *
day_get(int64_t day)
{
	struct day_cache *c = &cache[(uint64_t)day & (CACHE_SIZE - 1)];

	if (c->gen != tz_generation || c->day != day)
		day_fill(c, day);
	return c;
}

/* The UTC offset at t, from the segments of t's UTC day (whose span covers
 * it whatever the offset). */
static int32_t
offset_cached(int64_t t)
{
	const struct day_cache *c;
	int i;

	/* Far outside any log (and any time_t): spare the arithmetic. */
	if (t < -(INT64_C(1) << 50) || t > INT64_C(1) << 50)
		return offset_at(t);
	c = day_get(floor_div(t, DAY));
	i = c->nseg - 1;
	while (i > 0 && t < c->from[i])
		i--;
	return c->off[i];
}

int
cs_tz_use(const char *zone, struct cs_error *err)
{
	const char *dir;
	char path[4096];
	unsigned char magic[4];
	FILE *fp;
	size_t got;

	if (zone == NULL || *zone == '\0')
		return cs_error_set(err, "empty time zone name");
	if (strcmp(zone, "UTC") != 0) {
		if (zone[0] == '/' || zone[0] == ':' || strstr(zone, "..")) {
			return cs_error_set(err, "bad time zone name '%s' "
			    "(want an IANA name such as Europe/Paris)", zone);
		}
		dir = getenv("TZDIR");
		if (dir == NULL || *dir == '\0')
			dir = "/usr/share/zoneinfo";
		if ((size_t)snprintf(path, sizeof(path), "%s/%s", dir, zone) >=
		    sizeof(path))
			return cs_error_set(err, "time zone name too long");
		/* A directory such as "Europe" or a file such as zone.tab is
		 * no zone: a zone file starts with "TZif". */
		if ((fp = fopen(path, "rb")) == NULL) {
			return cs_error_set(err, "unknown time zone '%s' "
			    "(no file %s)", zone, path);
		}
		got = fread(magic, 1, sizeof(magic), fp);
		fclose(fp);
		if (got != sizeof(magic) || memcmp(magic, "TZif", 4) != 0) {
			return cs_error_set(err, "unknown time zone '%s' "
			    "(%s is no zone file)", zone, path);
		}
	}
	if (setenv("TZ", zone, 1) == -1) {
		return cs_error_set(err, "cannot set time zone '%s': %s", zone,
		    strerror(errno));
	}
	tzset();
	if (++tz_generation == 0)
		tz_generation = 1;
	return 0;
}

/* n decimal digits at s, or -1. */
static int
digits(const char *s, int n)
{
	int v = 0;

	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		v = v * 10 + (s[i] - '0');
	}
	return v;
}

/* "YYYY-MM-DD" at s (10 bytes available). */
static int
date_fields(const char *s, struct cs_datetime *dt)
{
	int y, m, d;

	if ((y = digits(s, 4)) == -1 || s[4] != '-' ||
	    (m = digits(s + 5, 2)) == -1 || s[7] != '-' ||
	    (d = digits(s + 8, 2)) == -1)
		return -1;
	if (m < 1 || m > 12 || d < 1 || d > cs_month_days(y, m))
		return -1;
	dt->year = y;
	dt->mon = m;
	dt->mday = d;
	return 0;
}

int
cs_datetime_parse(const char *s, size_t len, struct cs_datetime *dt)
{
	struct cs_datetime v;

	if (len < 19 || date_fields(s, &v) == -1 || s[10] != ' ' ||
	    (v.hour = digits(s + 11, 2)) == -1 || s[13] != ':' ||
	    (v.min = digits(s + 14, 2)) == -1 || s[16] != ':' ||
	    (v.sec = digits(s + 17, 2)) == -1)
		return -1;
	if (v.hour > 23 || v.min > 59 || v.sec > 59)
		return -1;
	if (len > 19) {
		if (s[19] != '.' || len == 20)
			return -1;
		for (size_t i = 20; i < len; i++)
			if (s[i] < '0' || s[i] > '9')
				return -1;
	}
	*dt = v;
	return 0;
}

int
cs_iso8601_parse(const char *s, size_t len, int64_t *t, int *msec)
{
	struct cs_datetime v;
	size_t i = 19;
	int ms = 0, scale = 100, oh, om = 0, sign;

	if (len < 19 || date_fields(s, &v) == -1 || (s[10] != 'T' &&
	    s[10] != ' ') || (v.hour = digits(s + 11, 2)) == -1 ||
	    s[13] != ':' || (v.min = digits(s + 14, 2)) == -1 || s[16] != ':' ||
	    (v.sec = digits(s + 17, 2)) == -1 || v.hour > 23 || v.min > 59 ||
	    v.sec > 59)
		return -1;
	if (i < len && (s[i] == '.' || s[i] == ',')) {
		if (++i == len || s[i] < '0' || s[i] > '9')
			return -1;
		for (; i < len && s[i] >= '0' && s[i] <= '9'; i++, scale /= 10)
			ms += (s[i] - '0') * scale;
	}
	if (i == len)
		return -2;
	if ((s[i] == 'Z' || s[i] == 'z') && i + 1 == len) {
		oh = 0;
		sign = 1;
	} else if (s[i] == '+' || s[i] == '-') {
		sign = s[i] == '-' ? -1 : 1;
		i++;
		if (len - i == 2 && (oh = digits(s + i, 2)) != -1)
			;
		else if (len - i == 4 && (oh = digits(s + i, 2)) != -1 &&
		    (om = digits(s + i + 2, 2)) != -1)
			;
		else if (len - i == 5 && s[i + 2] == ':' &&
		    (oh = digits(s + i, 2)) != -1 && (om = digits(s + i + 3, 2)) != -1)
			;
		else
			return -1;
		if (oh > 18 || om > 59)
			return -1;
	} else {
		return -1;
	}
	*t = wall_seconds(&v) - sign * (oh * 3600 + om * 60);
	if (msec != NULL)
		*msec = ms;
	return 0;
}

int
cs_date_parse(const char *s, struct cs_datetime *dt)
{
	struct cs_datetime v;

	if (strlen(s) != 10 || date_fields(s, &v) == -1)
		return -1;
	v.hour = v.min = v.sec = 0;
	*dt = v;
	return 0;
}

int64_t
cs_utc_from_datetime(const struct cs_datetime *dt)
{
	/* What timegm() computes, without going through time_t. */
	return wall_seconds(dt);
}

int
cs_local_to_utc(const struct cs_datetime *dt, int64_t out[2])
{
	const struct day_cache *c;
	int64_t wall, t;
	int n = 0;

	c = day_get(cs_days_from_civil(dt->year, dt->mon, dt->mday));
	wall = wall_seconds(dt);
	if (c->nseg == 1) {
		out[0] = wall - c->off[0];
		return 1;
	}
	/* The segments are in time order, so the instants found are too. */
	for (int i = 0; i < c->nseg && n < 2; i++) {
		t = wall - c->off[i];
		if (t >= c->from[i] && (i + 1 == c->nseg || t < c->from[i + 1]))
			out[n++] = t;
	}
	if (n > 0)
		return n;
	/*
	 * In a gap: the wall time lies between the last wall time of the old
	 * offset and the first of the new one.  Read it with the old offset,
	 * as mktime() does.
	 */
	out[0] = wall - c->off[0];
	for (int i = 1; i < c->nseg; i++) {
		if (wall >= c->from[i] + c->off[i - 1] &&
		    wall < c->from[i] + c->off[i]) {
			out[0] = wall - c->off[i - 1];
			break;
		}
	}
	return 0;
}

void
cs_utc_to_local(int64_t t, struct cs_datetime *dt, int *wday)
{
	int64_t wall = t + offset_cached(t), days = floor_div(wall, DAY);
	int secs = (int)(wall - days * DAY);

	civil_from_days(days, &dt->year, &dt->mon, &dt->mday);
	dt->hour = secs / 3600;
	dt->min = secs / 60 % 60;
	dt->sec = secs % 60;
	if (wday != NULL)
		*wday = weekday(days);
}

int64_t
cs_local_midnight(int64_t t, int next)
{
	struct cs_datetime dt;
	int64_t out[2];

	cs_utc_to_local(t, &dt, NULL);
	dt.hour = dt.min = dt.sec = 0;
	cs_local_to_utc(&dt, out);
	if (!next)
		return out[0];
	cs_utc_to_local(out[0] + 36 * 3600, &dt, NULL);
	dt.hour = dt.min = dt.sec = 0;
	cs_local_to_utc(&dt, out);
	return out[0];
}

/* The ISO 8601 year and week of a day number. */
static void
iso_week(int64_t days, int *year, int *week)
{
	/* The week belongs to the year of its Thursday. */
	int64_t thu = days - weekday(days) + 3;
	int m, d;

	civil_from_days(thu, year, &m, &d);
	*week = (int)((thu - cs_days_from_civil(*year, 1, 1)) / 7 + 1);
}

/* Years outside 0-9999 would not fit the labels' fixed width. */
static int
clamp_year(int y)
{
	return y < 0 ? 0 : y > 9999 ? 9999 : y;
}

/* v (0 to 10^width - 1) in width digits at p; returns what follows */
static char *
put_digits(char *p, int v, int width)
{
	for (int i = width - 1; i >= 0; i--, v /= 10)
		p[i] = (char)('0' + v % 10);
	return p + width;
}

int
cs_period_label(int64_t t, enum cs_period p, char *buf, size_t n)
{
	struct cs_datetime dt;
	int len, year, week;

	cs_utc_to_local(t, &dt, NULL);
	dt.year = clamp_year(dt.year);
	switch (p) {
	case CS_PERIOD_DAY:
		/* "%04d-%02d-%02d", written by hand: a rebuild labels each
		   call's day */
		if (n < 11)
			return -1;
		*put_digits(put_digits(put_digits(buf, dt.year, 4) + 1,
		    dt.mon, 2) + 1, dt.mday, 2) = '\0';
		buf[4] = buf[7] = '-';
		len = 10;
		break;
	case CS_PERIOD_WEEK:
		iso_week(cs_days_from_civil(dt.year, dt.mon, dt.mday), &year,
		    &week);
		len = snprintf(buf, n, "%04d-W%02d", clamp_year(year), week);
		break;
	case CS_PERIOD_MONTH:
		len = snprintf(buf, n, "%04d-%02d", dt.year, dt.mon);
		break;
	case CS_PERIOD_YEAR:
		len = snprintf(buf, n, "%04d", dt.year);
		break;
	default:
		return -1;
	}
	if (len < 0 || (size_t)len >= n)
		return -1;
	return 0;
}

void
cs_iso_week_label(int year, int mon, int mday, char buf[11])
{
	int y, w;

	iso_week(cs_days_from_civil(year, mon, mday), &y, &w);
	snprintf(buf, 11, "%04d-W%02d", clamp_year(y), w);
}

void
cs_easter(int year, int *mon, int *mday)
{
	int a = year % 19, b = year / 100, c = year % 100;
	int d = b / 4, e = b % 4, f = (b + 8) / 25, g = (b - f + 1) / 3;
	int h = (19 * a + b - d - g + 15) % 30;
	int i = c / 4, k = c % 4;
	int l = (32 + 2 * e + 2 * i - h - k) % 7;
	int m = (a + 11 * h + 22 * l) / 451;

	*mon = (h + l - 7 * m + 114) / 31;
	*mday = (h + l - 7 * m + 114) % 31 + 1;
}

int
cs_holiday(enum cs_holidays cal, int year, int mon, int mday)
{
	static const struct {
		int mon, mday;
	} fixed[] = {
		{ 1, 1 }, { 5, 1 }, { 5, 8 }, { 7, 14 }, { 8, 15 },
		{ 11, 1 }, { 11, 11 }, { 12, 25 }
	};
	int em, ed;
	int64_t easter, diff;

	if (cal != CS_HOLIDAYS_FR && cal != CS_HOLIDAYS_FR_ALSACE_MOSELLE)
		return 0;
	for (size_t i = 0; i < sizeof(fixed) / sizeof(fixed[0]); i++)
		if (mon == fixed[i].mon && mday == fixed[i].mday)
			return 1;
	if (cal == CS_HOLIDAYS_FR_ALSACE_MOSELLE && mon == 12 && mday == 26)
		return 1;
	/* The movable feasts fall between March 20 and June 15. */
	if (mon < 3 || mon > 6)
		return 0;
	cs_easter(year, &em, &ed);
	easter = cs_days_from_civil(year, em, ed);
	diff = cs_days_from_civil(year, mon, mday) - easter;
	if (diff == 1 || diff == 39 || diff == 50)
		return 1;
	if (cal == CS_HOLIDAYS_FR_ALSACE_MOSELLE && diff == -2)
		return 1;
	return 0;
}

/* Opening hours.  A word is s[0..len), quoted in messages. */

static int
is_blank(char c)
{
	return c == ' ' || c == '\t';
}

static int
day_index(const char *s, size_t len)
{
	if (len != 3)
		return -1;
	for (int i = 0; i < 7; i++) {
		int j;

		for (j = 0; j < 3; j++)
			if ((s[j] | 0x20) != day_names[i][j])
				break;
		if (j == 3)
			return i;
	}
	return -1;
}

/* A day list such as "mon-wed,fri" into a bit mask. */
static int
parse_days(const char *s, size_t len, unsigned *mask, struct cs_error *err)
{
	size_t i = 0, j, dash;
	int a, b;

	*mask = 0;
	while (i <= len) {
		for (j = i; j < len && s[j] != ','; j++)
			;
		if (j == i) {
			return cs_error_set(err, "empty day in '%.*s' in hours",
			    (int)len, s);
		}
		for (dash = i; dash < j && s[dash] != '-'; dash++)
			;
		if (dash == j) {
			if ((a = day_index(s + i, j - i)) == -1) {
				return cs_error_set(err, "unknown day '%.*s' "
				    "in hours", (int)(j - i), s + i);
			}
			b = a;
		} else {
			if ((a = day_index(s + i, dash - i)) == -1) {
				return cs_error_set(err, "unknown day '%.*s' "
				    "in hours", (int)(dash - i), s + i);
			}
			if ((b = day_index(s + dash + 1, j - dash - 1)) == -1) {
				return cs_error_set(err, "unknown day '%.*s' "
				    "in hours", (int)(j - dash - 1),
				    s + dash + 1);
			}
			if (b < a) {
				return cs_error_set(err, "bad day range '%.*s' "
				    "in hours (days run from mon to sun)",
				    (int)(j - i), s + i);
			}
		}
		for (int d = a; d <= b; d++)
			*mask |= 1u << d;
		i = j + 1;
	}
	return 0;
}

/* "HH:MM" at s, in seconds, or -1. */
static int
parse_clock(const char *s)
{
	int hh, mm;

	if ((hh = digits(s, 2)) == -1 || s[2] != ':' ||
	    (mm = digits(s + 3, 2)) == -1)
		return -1;
	if (mm > 59 || hh > 24 || (hh == 24 && mm != 0))
		return -1;
	return hh * 3600 + mm * 60;
}

static int
parse_range(const char *s, size_t len, int *from, int *to,
    struct cs_error *err)
{
	if (len != 11 || s[5] != '-' || (*from = parse_clock(s)) == -1 ||
	    (*to = parse_clock(s + 6)) == -1 || *from == 24 * 3600) {
		return cs_error_set(err, "bad time range '%.*s' in hours "
		    "(want HH:MM-HH:MM)", (int)len, s);
	}
	if (*from >= *to) {
		return cs_error_set(err, "time range '%.*s' in hours does not "
		    "end after it starts", (int)len, s);
	}
	return 0;
}

int
cs_hours_parse(struct cs_hours *h, const char *s, struct cs_error *err)
{
	struct cs_hours v;
	const char *g = s, *end, *w, *days;
	size_t wlen, dayslen;
	unsigned mask;
	int from = 0, to = 0, nranges;

	memset(&v, 0, sizeof(v));
	for (;;) {
		for (end = g; *end != '\0' && *end != ';'; end++)
			;
		for (w = g; w < end && is_blank(*w); w++)
			;
		if (w == end) {
			return cs_error_set(err, "empty day group in hours "
			    "(groups are separated by ';')");
		}
		for (wlen = 0; w + wlen < end && !is_blank(w[wlen]); wlen++)
			;
		if (*w >= '0' && *w <= '9') {
			return cs_error_set(err, "no days before '%.*s' in "
			    "hours", (int)wlen, w);
		}
		if (parse_days(w, wlen, &mask, err) == -1)
			return -1;
		days = w;
		dayslen = wlen;
		nranges = 0;
		for (w += wlen;; w += wlen) {
			while (w < end && is_blank(*w))
				w++;
			if (w == end)
				break;
			for (wlen = 0; w + wlen < end && !is_blank(w[wlen]);
			    wlen++)
				;
			if (parse_range(w, wlen, &from, &to, err) == -1)
				return -1;
			nranges++;
			for (int d = 0; d < 7; d++) {
				if (!(mask & (1u << d)))
					continue;
				if (v.n[d] == CS_HOURS_MAX) {
					return cs_error_set(err, "too many "
					    "time ranges for '%s' in hours "
					    "(at most %d)", day_names[d],
					    CS_HOURS_MAX);
				}
				v.r[d][v.n[d]].from = from;
				v.r[d][v.n[d]].to = to;
				v.n[d]++;
			}
		}
		if (nranges == 0) {
			return cs_error_set(err, "no time range after '%.*s' "
			    "in hours", (int)dayslen, days);
		}
		if (*end == '\0')
			break;
		g = end + 1;
	}
	*h = v;
	return 0;
}

int
cs_hours_open(const struct cs_hours *h, int wday, int secs)
{
	if (wday < 0 || wday > 6)
		return 0;
	for (int i = 0; i < h->n[wday]; i++)
		if (secs >= h->r[wday][i].from && secs < h->r[wday][i].to)
			return 1;
	return 0;
}
