/*
 * avaya_smdr.c: the reader of Avaya IP Office SMDR lines (avaya_smdr.h).
 *
 * SMDR is a stream of comma-separated records, one a line ended by CR LF,
 * with "no quoting or escaping currently defined" (Avaya): a comma cannot
 * be in a field, so a line is split at every comma.  Times are whole
 * seconds, rounded up.
 */
#include <stdlib.h>
#include <string.h>

#include "avaya_smdr.h"
#include "readers.h"

static const char *const field_names[CS_SMDR_NFIELDS] = {
	"call start", "connected time", "ring time", "caller", "direction",
	"called number", "dialled number", "account", "is internal",
	"call id", "continuation", "party1 device", "party1 name",
	"party2 device", "party2 name", "hold time", "park time",
};

int
cs_smdr_reader_init(struct cs_smdr_reader *r, int utc, struct cs_error *err)
{
	memset(r, 0, sizeof(*r));
	(void)err;	/* nothing is allocated before the first line */
	r->utc = utc;
	return 0;
}

void
cs_smdr_reader_release(struct cs_smdr_reader *r)
{
	free(r->buf);
	free(r->open);
	memset(r, 0, sizeof(*r));
}

static int
is_digit(int c)
{
	return c >= '0' && c <= '9';
}

/* n digits at s. */
static int
digits_n(const char *s, int n)
{
	for (int i = 0; i < n; i++)
		if (!is_digit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* s..e, blanks around removed, is one or more digits. */
static int
all_digits(const char *s, const char *e)
{
	while (s < e && cs_readers_blank((unsigned char)*s))
		s++;
	while (e > s && cs_readers_blank((unsigned char)e[-1]))
		e--;
	if (s == e)
		return 0;
	for (; s < e; s++)
		if (!is_digit((unsigned char)*s))
			return 0;
	return 1;
}

/* "YYYY/MM/DD HH:MM:SS", exactly. */
static int
stamp_shape(const char *s, size_t n)
{
	return n == 19 && digits_n(s, 4) && s[4] == '/' && digits_n(s + 5, 2) &&
	    s[7] == '/' && digits_n(s + 8, 2) && s[10] == ' ' &&
	    digits_n(s + 11, 2) && s[13] == ':' && digits_n(s + 14, 2) &&
	    s[16] == ':' && digits_n(s + 17, 2);
}

/* "H...H:MM:SS": hours of one digit or more, then minutes and seconds
 * below 60; the seconds in *secs. */
static int
duration_of(const char *s, size_t n, long *secs)
{
	size_t h = 0;
	long hours = 0;

	while (h < n && is_digit((unsigned char)s[h])) {
		if (hours > CS_LOG_DURATION_MAX / 3600)
			return -1;
		hours = hours * 10 + (s[h] - '0');
		h++;
	}
	if (h == 0 || n - h != 6 || s[h] != ':' || !digits_n(s + h + 1, 2) ||
	    s[h + 3] != ':' || !digits_n(s + h + 4, 2) || s[h + 1] > '5' ||
	    s[h + 4] > '5')
		return -1;
	*secs = hours * 3600 + ((s[h + 1] - '0') * 10 + (s[h + 2] - '0')) * 60 +
	    (s[h + 4] - '0') * 10 + (s[h + 5] - '0');
	return 0;
}

int
cs_smdr_looks(const char *s, const char *e)
{
	const char *f[CS_SMDR_NFIELDS + 1];
	const char *p = s;
	int n = 0;
	long secs;

	/* the fields this needs, and how many there are */
	f[0] = s;
	for (; p < e; p++)
		if (*p == ',') {
			if (++n <= CS_SMDR_NFIELDS)
				f[n] = p + 1;
			if (n >= CS_SMDR_MAX_FIELDS)
				return 0;
		}
	if (++n < CS_SMDR_MIN_FIELDS)
		return 0;
	if (n == CS_SMDR_NFIELDS)
		f[n] = e + 1;
#define END(i) (f[(i) + 1] - 1)
	return stamp_shape(f[0], (size_t)(END(0) - f[0])) &&
	    duration_of(f[1], (size_t)(END(1) - f[1]), &secs) == 0 &&
	    all_digits(f[2], END(2)) &&
	    END(4) - f[4] == 1 && (*f[4] == 'I' || *f[4] == 'O') &&
	    all_digits(f[9], END(9)) &&
	    END(10) - f[10] == 1 && (*f[10] == '0' || *f[10] == '1') &&
	    all_digits(f[15], END(15)) && all_digits(f[16], END(16));
#undef END
}

/* Seconds in field i, a whole number of at most 7 days. */
static int
seconds(const struct cs_smdr_record *rec, int i, long *v,
    struct cs_error *err)
{
	const char *s = rec->f[i];
	long n = 0;

	if (*s == '\0') {
		*v = 0;		/* an old release's empty hold or park */
		if (i == CS_SMDR_HOLD || i == CS_SMDR_PARK)
			return 0;
	}
	for (const char *p = s; *p != '\0'; p++) {
		if (!is_digit((unsigned char)*p) || n > CS_LOG_DURATION_MAX) {
			err->column = i + 1;
			return cs_error_set(err, "field %d (%s): not a number of "
			    "seconds: '%.*s'", i + 1, field_names[i],
			    cs_readers_quote_len(s), s);
		}
		n = n * 10 + (*p - '0');
	}
	if (*s == '\0' || n > CS_LOG_DURATION_MAX) {
		err->column = i + 1;
		return cs_error_set(err, "field %d (%s): %s: '%.*s'", i + 1,
		    field_names[i], *s == '\0' ? "empty" : "more than 7 days",
		    cs_readers_quote_len(s), s);
	}
	*v = n;
	return 0;
}

static int
bad(struct cs_error *err, const struct cs_smdr_record *rec, int i,
    const char *what)
{
	err->column = i + 1;
	return cs_error_set(err, "field %d (%s): %s: '%.*s'", i + 1,
	    field_names[i], what, cs_readers_quote_len(rec->f[i]), rec->f[i]);
}

/* The field from fs to fe (its comma, or the line's end), its blanks
 * trimmed and a NUL written after it, as field *k of rec. */
static void
field(struct cs_smdr_record *rec, int *k, char *fs, char *fe)
{
	while (fs < fe && cs_readers_blank((unsigned char)*fs))
		fs++;
	while (fe > fs && cs_readers_blank((unsigned char)fe[-1]))
		fe--;
	*fe = '\0';
	if (*k < CS_SMDR_NFIELDS)
		rec->f[*k] = fs;
	(*k)++;
}

/* Splits buf (n bytes, NUL-terminated) at its commas into rec->f[],
 * trimming each field; the count in rec->nfields. */
static void
split(char *buf, size_t n, struct cs_smdr_record *rec)
{
	size_t at[CS_SMDR_NFIELDS];
	size_t ncommas = cs_readers_find_all(buf, n, ',', at, CS_SMDR_NFIELDS);
	char *fs = buf;
	int k = 0;

	for (size_t i = 0; i < ncommas && i < CS_SMDR_NFIELDS; i++) {
		field(rec, &k, fs, buf + at[i]);
		fs = buf + at[i] + 1;
	}
	if (ncommas < CS_SMDR_NFIELDS)
		field(rec, &k, fs, buf + n);
	/* the fields past those kept are only counted (a line has at most
	   256 KiB: import.c) */
	rec->nfields = (int)ncommas + 1;
}

int
cs_smdr_parse(struct cs_smdr_reader *r, const char *line, size_t len,
    struct cs_smdr_record *rec, struct cs_error *err)
{
	struct cs_error dummy;
	const char *s, *at;
	char stamp[20];
	size_t n;
	int ascii;

	if (err == NULL)
		err = &dummy;
	err->column = 0;
	memset(rec, 0, sizeof(*rec));
	if (cs_readers_begin(line, len, &ascii, &r->buf, &r->cap, 2 * len + 1,
	    err) != 0)
		return -1;
	if (ascii) {
		memcpy(r->buf, line, len);
		r->buf[len] = '\0';
		n = len;
	} else
		n = cs_readers_utf8_copy(r->buf, line, len);
	split(r->buf, n, rec);
	if (rec->nfields < CS_SMDR_MIN_FIELDS ||
	    rec->nfields > CS_SMDR_MAX_FIELDS)
		return cs_error_set(err, "expected %d to %d fields, found %d",
		    CS_SMDR_MIN_FIELDS, CS_SMDR_MAX_FIELDS, rec->nfields);

	s = rec->f[CS_SMDR_START];
	if (!stamp_shape(s, strlen(s)))
		return bad(err, rec, CS_SMDR_START,
		    "not a date and time (YYYY/MM/DD HH:MM:SS)");
	memcpy(stamp, s, 20);
	stamp[4] = stamp[7] = '-';
	if (cs_datetime_parse(stamp, 19, &rec->start) != 0)
		return bad(err, rec, CS_SMDR_START, "no such date or time");
	if (!cs_log_datetime_ok(&rec->start)) {
		err->column = 1;
		return cs_error_set(err, "field 1 (call start) is out of range: "
		    "'%s' (years %d to %d are read); check the PBX's clock, "
		    "then remove the line or correct it", s, CS_LOG_YEAR_MIN,
		    CS_LOG_YEAR_MAX);
	}
	s = rec->f[CS_SMDR_CONNECTED];
	if (duration_of(s, strlen(s), &rec->connected) != 0 ||
	    rec->connected > CS_LOG_DURATION_MAX)
		return bad(err, rec, CS_SMDR_CONNECTED,
		    "not a duration (HH:MM:SS) of at most 7 days");
	if (seconds(rec, CS_SMDR_RING, &rec->ring, err) != 0 ||
	    seconds(rec, CS_SMDR_HOLD, &rec->hold, err) != 0 ||
	    seconds(rec, CS_SMDR_PARK, &rec->park, err) != 0)
		return -1;
	if (rec->ring + rec->connected + rec->hold + rec->park >
	    CS_LOG_DURATION_MAX)
		return cs_error_set(err, "the record lasts more than 7 days "
		    "(ring, connected, hold and park times)");
	s = rec->f[CS_SMDR_DIRECTION];
	if (strcmp(s, "I") != 0 && strcmp(s, "O") != 0)
		return bad(err, rec, CS_SMDR_DIRECTION, "not I or O");
	rec->inbound = *s == 'I';
	if (*rec->f[CS_SMDR_CALL_ID] == '\0')
		return bad(err, rec, CS_SMDR_CALL_ID, "empty");
	s = rec->f[CS_SMDR_CONTINUATION];
	if (strcmp(s, "0") != 0 && strcmp(s, "1") != 0)
		return bad(err, rec, CS_SMDR_CONTINUATION, "not 0 or 1");
	rec->more = *s == '1';
	/* a SIP caller is "number@address": the number is who called */
	if ((at = strchr(rec->f[CS_SMDR_CALLER], '@')) != NULL)
		*(char *)at = '\0';
	return 0;
}
