/*
 * freeswitch_cdr.c: the reader of FreeSWITCH mod_cdr_csv lines.
 *
 * mod_cdr_csv expands its template's ${variables} into the line and
 * escapes nothing: a caller's name holding a quote or a comma is written
 * as it is.  So a line is not RFC 4180 CSV: fields are split where a
 * closing quote, a comma and an opening quote meet (blanks allowed
 * around the comma, as the `sql' template writes ", "), and a line with
 * more fields than its file's template has the rest in the caller's name,
 * the first field, which gets them back.  A quote inside a field that is
 * not next to a comma is text.
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../stamp.h"
#include "../timeutil.h"
#include "freeswitch.h"
#include "readers.h"

#define MAXSPLIT	64

struct fs_priv {
	char	*buf;
	size_t	 cap;
	size_t	 off[MAXSPLIT], len[MAXSPLIT];
	struct cs_stamp_memo stamp;	/* the last hour of stamps read */
};

static const char *const field_names[CS_FS_NFIELDS] = {
	"caller_id_name", "caller_id_number", "destination_number", "context",
	"start_stamp", "answer_stamp", "end_stamp", "duration", "billsec",
	"hangup_cause", "uuid", "bleg_uuid", "accountcode", "read_codec",
	"write_codec", "cc_queue", "cc_side", "cc_member_uuid",
	"cc_member_session_uuid", "cc_agent", "cc_queue_joined_epoch",
	"cc_queue_answered_epoch", "cc_queue_terminated_epoch",
	"cc_queue_canceled_epoch", "cc_cause", "cc_cancel_reason",
	"originating_leg_uuid"
};

int
cs_fs_reader_init(struct cs_fs_reader *r, int utc, struct cs_error *err)
{
	struct fs_priv *p = calloc(1, sizeof(*p));

	r->utc = utc;
	r->nfields = 0;
	r->priv = p;
	if (p == NULL)
		return cs_error_set(err, "out of memory");
	return 0;
}

void
cs_fs_reader_release(struct cs_fs_reader *r)
{
	struct fs_priv *p = r->priv;

	if (p == NULL)
		return;
	free(p->buf);
	free(p);
	r->priv = NULL;
}

/*
 * The quoted list inside s..e (trimmed): the sql template's statement
 * around it and a trailing ';' (the fallback template's) removed.  Returns
 * 0 and *qs..*qe the list, from its first quote to its last, else -1.
 */
static int
quoted_list(const char *s, const char *e, const char **qs, const char **qe)
{
	static const char ins[] = "INSERT INTO ";

	while (s < e && cs_readers_blank((unsigned char)*s))
		s++;
	while (e > s && cs_readers_blank((unsigned char)e[-1]))
		e--;
	if ((size_t)(e - s) > sizeof(ins) - 1 &&
	    strncasecmp(s, ins, sizeof(ins) - 1) == 0) {
		const char *v = memchr(s, '(', (size_t)(e - s));

		if (v == NULL)
			return -1;
		s = v + 1;
		if (e > s && e[-1] == ';')
			e--;
		while (e > s && cs_readers_blank((unsigned char)e[-1]))
			e--;
		if (e == s || e[-1] != ')')
			return -1;
		e--;
	} else if (e > s && e[-1] == ';')
		e--;
	while (s < e && cs_readers_blank((unsigned char)*s))
		s++;
	while (e > s && cs_readers_blank((unsigned char)e[-1]))
		e--;
	if (e - s < 2 || *s != '"' || e[-1] != '"')
		return -1;
	*qs = s;
	*qe = e;
	return 0;
}

/*
 * Splits the list qs..qe (first and last bytes quotes) into fields at
 * each quote-comma-quote, blanks allowed around the comma: offsets and
 * lengths relative to base.  Returns the count (more than MAXSPLIT
 * fields are counted, not kept).
 */
static int
split(const char *base, const char *qs, const char *qe, size_t *off,
    size_t *len)
{
	const char *f = qs + 1, *end = qe - 1, *p = f;
	int n = 0;

	for (;;) {
		const char *q = memchr(p, '"', (size_t)(end - p));
		const char *c;

		if (q != NULL) {
			c = q + 1;
			while (c < end &&
				    cs_readers_blank((unsigned char)*c))
				c++;
			if (c < end && *c == ',') {
				c++;
				while (c < end &&
				    cs_readers_blank((unsigned char)*c))
					c++;
				if (c < end && *c == '"') {
					if (n < MAXSPLIT) {
						off[n] = (size_t)(f - base);
						len[n] = (size_t)(q - f);
					}
					n++;
					f = p = c + 1;
					continue;
				}
			}
			p = q + 1;
			continue;
		}
		if (n < MAXSPLIT) {
			off[n] = (size_t)(f - base);
			len[n] = (size_t)(end - f);
		}
		return n + 1;
	}
}

/* All digits, at least one. */
static int
digits(const char *s)
{
	return *s != '\0' && strspn(s, "0123456789") == strlen(s);
}

/* A count of seconds: duration, billsec. */
static int
parse_count(const char *name, const char *s, long *v, struct cs_error *err)
{
	size_t len = strlen(s);
	long n = 0;

	if (*s == '\0')
		return cs_error_set(err, "%s is empty: a number is needed", name);
	if (!digits(s))
		return cs_error_set(err, "%s is not a number: '%.*s'", name,
		    cs_readers_quote_len(s), s);
	/* digits only, at most 7 of them: no overflow */
	for (size_t i = 0; i < len && len <= 7; i++)
		n = n * 10 + (s[i] - '0');
	if (len > 7 || n > CS_LOG_DURATION_MAX)
		return cs_error_set(err, "%s is out of range: '%.*s' (at most "
		    "%ld seconds, 7 days); remove the line or correct it", name,
		    cs_readers_quote_len(s), s, (long)CS_LOG_DURATION_MAX);
	*v = n;
	return 0;
}

/* An epoch in seconds, or in microseconds (*_uepoch); 0 stays 0. */
static int
parse_epoch(const char *name, const char *s, int64_t *t, struct cs_error *err)
{
	int64_t v = 0;
	size_t n = strlen(s);

	if (n > 17)
		goto range;
	for (const char *p = s; *p != '\0'; p++)
		v = v * 10 + (*p - '0');
	if (n > 12)
		v /= 1000000;
	if (v != 0 && !cs_log_time_ok(v))
		goto range;
	*t = v;
	return 0;
range:
	return cs_error_set(err, "%s is out of range: '%.*s' (years %d to %d "
	    "are read, UTC); check the PBX's clock, then remove the line or "
	    "correct it", name, cs_readers_quote_len(s), s, CS_LOG_YEAR_MIN,
	    CS_LOG_YEAR_MAX);
}

/*
 * A time field: empty (0), an epoch, or a stamp read in UTC or local time
 * (in the repeated hour, the instant nearest to hint, else the earlier,
 * setting *ambiguous).
 */
static int
parse_time(const struct cs_fs_reader *r, const char *name, const char *s,
    const int64_t *hint, int64_t *t, int *ambiguous, struct cs_error *err)
{
	struct fs_priv *p = r->priv;
	struct cs_datetime dt;
	size_t len;
	int64_t two[2];
	int n;

	*t = 0;
	if (*s == '\0')
		return 0;
	len = strlen(s);
	/* a stamp of the hour before: what the long way below gives it */
	if ((n = cs_stamp_get(&p->stamp, s, len, two)) < 0) {
		if (digits(s))
			return parse_epoch(name, s, t, err);
		if (cs_datetime_parse(s, len, &dt) == -1)
			return cs_error_set(err, "%s is not a date and time "
			    "(YYYY-MM-DD HH:MM:SS) nor an epoch: '%.*s'", name,
			    cs_readers_quote_len(s), s);
		if (!cs_log_datetime_ok(&dt))
			return cs_error_set(err, "%s is out of range: '%.*s' "
			    "(years %d to %d are read); check the PBX's clock, "
			    "then remove the line or correct it", name,
			    cs_readers_quote_len(s), s, CS_LOG_YEAR_MIN,
			    CS_LOG_YEAR_MAX);
		n = cs_stamp_place(&p->stamp, s, len, &dt, r->utc, two);
	}
	*t = cs_stamp_instant(n, two, hint, ambiguous);
	return 0;
}

int
cs_fs_looks(const char *s, const char *e)
{
	size_t off[MAXSPLIT], len[MAXSPLIT];
	const char *qs, *qe, *st, *du;
	int n;

	if (quoted_list(s, e, &qs, &qe) != 0)
		return 0;
	n = split(s, qs, qe, off, len);
	if (n != CS_FS_SQL_FIELDS && n != CS_FS_EXAMPLE_FIELDS &&
	    n != CS_FS_RECOMMENDED_FIELDS)
		return 0;
	/* a start that is a stamp or an epoch, a duration that is a number */
	st = s + off[CS_FS_START];
	du = s + off[CS_FS_DURATION];
	if (len[CS_FS_DURATION] == 0 ||
	    strspn(du, "0123456789") < len[CS_FS_DURATION])
		return 0;
	if (len[CS_FS_START] > 0 &&
	    strspn(st, "0123456789") >= len[CS_FS_START])
		return 1;
	{
		struct cs_datetime dt;

		return cs_datetime_parse(st, len[CS_FS_START], &dt) == 0;
	}
}

int
cs_fs_parse(struct cs_fs_reader *r, const char *line, size_t len,
    struct cs_fs_record *rec, struct cs_error *err)
{
	struct fs_priv *p = r->priv;
	const char *qs, *qe;
	int ascii, n, want, extra = 0;
	size_t used;
	int64_t hint;

	if (len > (SIZE_MAX - 2) / 2)
		return cs_error_set(err, "out of memory");
	if (cs_readers_begin(line, len, &ascii, &p->buf, &p->cap, 2 * len + 2,
	    err) != 0)
		return -1;
	if (ascii) {
		memcpy(p->buf, line, len);
		p->buf[len] = '\0';
		used = len;
	} else
		used = cs_readers_utf8_copy(p->buf, line, len);
	if (quoted_list(p->buf, p->buf + used, &qs, &qe) != 0)
		return cs_error_set(err, "not a mod_cdr_csv record: its "
		    "fields must be between double quotes, separated by commas");
	n = split(p->buf, qs, qe, p->off, p->len);
	want = r->nfields;
	if (want == 0) {
		if (n != CS_FS_SQL_FIELDS && n != CS_FS_EXAMPLE_FIELDS &&
		    n != CS_FS_RECOMMENDED_FIELDS)
			return cs_error_set(err, "expected 13 (the sql or "
			    "default template), 15 (example) or 27 (callstat's "
			    "template) fields, found %d", n);
		want = n;
	} else if (n < want) {
		return cs_error_set(err, "expected %d fields like the first "
		    "record of this file, found %d", want, n);
	}
	if (n > want) {
		/* the caller's name held '","': its pieces joined again */
		extra = n - want;
		if (n > MAXSPLIT)
			return cs_error_set(err, "expected %d fields like the "
			    "first record of this file, found %d", want, n);
		p->len[0] = p->off[extra] + p->len[extra] - p->off[0];
	}
	memset(rec, 0, sizeof(*rec));
	for (int i = 0; i < want; i++) {
		int k = i == 0 ? 0 : i + extra;

		rec->f[i] = p->buf + p->off[k];
		p->buf[p->off[k] + p->len[k]] = '\0';
	}
	if (*rec->f[CS_FS_START] == '\0')
		return cs_error_set(err, "start_stamp is empty: every record "
		    "needs its start time");
	if (*rec->f[CS_FS_UUID] == '\0')
		return cs_error_set(err, "uuid is empty: every record needs "
		    "its leg's uuid");
	if (parse_count(field_names[CS_FS_DURATION], rec->f[CS_FS_DURATION],
	    &rec->duration, err) != 0 ||
	    parse_count(field_names[CS_FS_BILLSEC], rec->f[CS_FS_BILLSEC],
	    &rec->billsec, err) != 0)
		return -1;
	if (parse_time(r, field_names[CS_FS_START], rec->f[CS_FS_START], NULL,
	    &rec->start, &rec->ambiguous, err) != 0)
		return -1;
	if (rec->start == 0)
		return cs_error_set(err, "start_stamp is 0: every record needs "
		    "its start time");
	hint = rec->start + rec->duration - rec->billsec;
	if (parse_time(r, field_names[CS_FS_ANSWER], rec->f[CS_FS_ANSWER],
	    &hint, &rec->answer, &rec->ambiguous, err) != 0)
		return -1;
	hint = rec->start + rec->duration;
	if (parse_time(r, field_names[CS_FS_END], rec->f[CS_FS_END], &hint,
	    &rec->end, &rec->ambiguous, err) != 0)
		return -1;
	if (rec->end == 0)
		rec->end = hint;
	if (want == CS_FS_RECOMMENDED_FIELDS)
		for (int i = 0; i < CS_FS_CC_NT; i++) {
			const char *s = rec->f[CS_FS_CC_JOINED + i];

			if (*s != '\0' && !digits(s))
				return cs_error_set(err, "%s is not an epoch: "
				    "'%.*s'", field_names[CS_FS_CC_JOINED + i],
				    cs_readers_quote_len(s), s);
			if (*s != '\0' && parse_epoch(field_names[CS_FS_CC_JOINED
			    + i], s, &rec->cc[i], err) != 0)
				return -1;
		}
	r->nfields = want;
	return 0;
}
