/*
 * asterisk_cel.c: the reader of one line of CEL as cel_custom writes it
 * with the legacy mapping (asterisk_cel.h): split by libcsv in strict
 * mode, the event type and time checked, the HANGUP's extra (a JSON
 * object from Asterisk 12, "cause,source,dialstatus" before) read.
 */
#include <csv.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../timeutil.h"
#include "asterisk_cel.h"

struct cel_priv {
	struct csv_parser csv;
	char	*buf;
	size_t	 cap, used;
	size_t	 off[CS_CEL_NFIELDS];
	int	 nf;
};

static const struct {
	const char *name;
	enum cs_cel_event ev;
} events[] = {
	{ "CHAN_START", CS_CEL_EV_CHAN_START },
	{ "CHAN_END", CS_CEL_EV_CHAN_END },
	{ "ANSWER", CS_CEL_EV_ANSWER },
	{ "HANGUP", CS_CEL_EV_HANGUP },
	{ "APP_START", CS_CEL_EV_APP_START },
	{ "APP_END", CS_CEL_EV_APP_END },
	{ "BRIDGE_ENTER", CS_CEL_EV_BRIDGE_ENTER },
	{ "BRIDGE_START", CS_CEL_EV_BRIDGE_ENTER },
	{ "BRIDGE_EXIT", CS_CEL_EV_BRIDGE_EXIT },
	{ "BRIDGE_END", CS_CEL_EV_BRIDGE_EXIT },
	{ "LINKEDID_END", CS_CEL_EV_LINKEDID_END },
	/* read, and of no use to the calls */
	{ "PARK_START", CS_CEL_EV_OTHER }, { "PARK_END", CS_CEL_EV_OTHER },
	{ "BLINDTRANSFER", CS_CEL_EV_OTHER },
	{ "ATTENDEDTRANSFER", CS_CEL_EV_OTHER },
	{ "USER_DEFINED", CS_CEL_EV_OTHER }, { "PICKUP", CS_CEL_EV_OTHER },
	{ "FORWARD", CS_CEL_EV_OTHER }, { "LOCAL_OPTIMIZE", CS_CEL_EV_OTHER },
	{ "LOCAL_OPTIMIZE_BEGIN", CS_CEL_EV_OTHER },
	{ "STREAM_BEGIN", CS_CEL_EV_OTHER }, { "STREAM_END", CS_CEL_EV_OTHER },
	{ "DTMF", CS_CEL_EV_OTHER }, { "BRIDGE_UPDATE", CS_CEL_EV_OTHER },
	{ "CONF_START", CS_CEL_EV_OTHER }, { "CONF_END", CS_CEL_EV_OTHER },
	{ "CONF_ENTER", CS_CEL_EV_OTHER }, { "CONF_EXIT", CS_CEL_EV_OTHER },
	{ "TRANSFER", CS_CEL_EV_OTHER }, { "3WAY_START", CS_CEL_EV_OTHER },
	{ "3WAY_END", CS_CEL_EV_OTHER }, { "HOOKFLASH", CS_CEL_EV_OTHER },
};

#define NEVENTS (sizeof(events) / sizeof(events[0]))

/* The event named s..s+n, or -1 when none is. */
static int
event_of(const char *s, size_t n)
{
	for (size_t i = 0; i < NEVENTS; i++)
		if (strlen(events[i].name) == n && memcmp(events[i].name, s, n) == 0)
			return (int)events[i].ev;
	return -1;
}

static void
field_cb(void *s, size_t len, void *data)
{
	struct cel_priv *p = data;

	if (p->nf < CS_CEL_NFIELDS) {
		p->off[p->nf] = p->used;
		p->used += cs_readers_utf8_copy(p->buf + p->used,
		    s != NULL ? s : "", s != NULL ? len : 0) + 1;
	}
	p->nf++;
}

int
cs_cel_reader_init(struct cs_cel_reader *r, int utc, struct cs_error *err)
{
	struct cel_priv *p;

	r->utc = utc;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return cs_error_set(err, "out of memory");
	csv_init(&p->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	r->priv = p;
	return 0;
}

void
cs_cel_reader_release(struct cs_cel_reader *r)
{
	struct cel_priv *p = r->priv;

	if (p == NULL)
		return;
	csv_free(&p->csv);
	free(p->buf);
	free(p);
	r->priv = NULL;
}

/* eventtime: epoch.usec, or a date and time (dateformat). */
static int
parse_time(const struct cs_cel_reader *r, const char *s,
    struct cs_cel_record *rec, struct cs_error *err)
{
	const char *p = s;
	int64_t v = 0;
	long us = 0, scale = 100000;
	size_t n = strlen(s);
	struct cs_datetime dt;

	if (*s == '\0')
		return cs_error_set(err, "eventtime is empty: every event "
		    "needs its time");
	for (; *p >= '0' && *p <= '9' && p - s < 12; p++)
		v = v * 10 + (*p - '0');
	if (p > s && (*p == '\0' || *p == '.')) {
		if (*p == '.') {
			for (p++; *p >= '0' && *p <= '9'; p++, scale /= 10)
				us += (*p - '0') * scale;
			if (*p != '\0' || p[-1] == '.')
				goto bad;
		}
		if (!cs_log_time_ok(v))
			goto range;
		rec->time = v;
		rec->usec = us;
		return 0;
	}
	if (cs_datetime_parse(s, n, &dt) != 0)
		goto bad;
	if (!cs_log_datetime_ok(&dt))
		goto range;
	for (p = s + 20, scale = 100000; p < s + n; p++, scale /= 10)
		us += (*p - '0') * scale;
	if (r->utc)
		rec->time = cs_utc_from_datetime(&dt);
	else {
		int64_t out[2];

		/* the repeated hour: the earlier (events come in order) */
		cs_local_to_utc(&dt, out);
		rec->time = out[0];
		rec->local = 1;
	}
	rec->usec = us;
	return 0;
bad:
	return cs_error_set(err, "eventtime is neither epoch.usec nor "
	    "YYYY-MM-DD HH:MM:SS: '%.*s'", cs_readers_quote_len(s), s);
range:
	return cs_error_set(err, "eventtime is out of range: '%.*s' (years "
	    "%d to %d are read); check the PBX's clock, then remove the line "
	    "or correct it", cs_readers_quote_len(s), s, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
}

/* Copies the JSON string value of key in x into out (n bytes), or "". */
static void
json_text(const char *x, const char *key, char *out, size_t n)
{
	const char *p = strstr(x, key), *q;

	out[0] = '\0';
	if (p == NULL || (p = strchr(p + strlen(key), ':')) == NULL)
		return;
	p += 1 + strspn(p + 1, " ");
	if (*p != '"' || (q = strchr(p + 1, '"')) == NULL ||
	    (size_t)(q - p - 1) >= n)
		return;
	memcpy(out, p + 1, (size_t)(q - p - 1));
	out[q - p - 1] = '\0';
}

/* The hangup cause, source and DIALSTATUS of a HANGUP's extra: Asterisk
 * 12 on, {"hangupcause":16,"hangupsource":"...","dialstatus":"ANSWER"};
 * before, 16,source,ANSWER. */
static void
hangup_extra(const char *x, struct cs_cel_record *rec)
{
	const char *p, *q;

	rec->cause = 0;
	rec->dialstatus[0] = rec->source[0] = '\0';
	if (*x == '{') {
		if ((p = strstr(x, "\"hangupcause\"")) != NULL &&
		    (p = strchr(p + 13, ':')) != NULL)
			rec->cause = atoi(p + 1 + strspn(p + 1, " "));
		json_text(x, "\"hangupsource\"", rec->source,
		    sizeof(rec->source));
		json_text(x, "\"dialstatus\"", rec->dialstatus,
		    sizeof(rec->dialstatus));
		return;
	}
	rec->cause = atoi(x);
	if ((p = strchr(x, ',')) == NULL)
		return;
	q = strrchr(x, ',');
	if (q > p && (size_t)(q - p - 1) < sizeof(rec->source)) {
		memcpy(rec->source, p + 1, (size_t)(q - p - 1));
		rec->source[q - p - 1] = '\0';
	}
	if (strlen(q + 1) < sizeof(rec->dialstatus))
		strcpy(rec->dialstatus, q + 1);
}

/* s is a name in capitals, digits and '_', starting with a capital. */
static int
is_name(const char *s)
{
	if (*s < 'A' || *s > 'Z')
		return 0;
	for (; *s != '\0'; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') ||
		    *s == '_'))
			return 0;
	return 1;
}

int
cs_cel_parse(struct cs_cel_reader *r, const char *line, size_t len,
    struct cs_cel_record *rec, struct cs_error *err)
{
	struct cel_priv *p = r->priv;
	static const int needed[] = {
		CS_CEL_CHANNAME, CS_CEL_UNIQUEID, CS_CEL_LINKEDID
	};
	static const char *const needed_name[] = {
		"channel name (field 10)", "uniqueid (field 15)",
		"linkedid (field 16)"
	};
	int ev;

	if (len > (SIZE_MAX - 64) / 2)
		return cs_error_set(err, "out of memory");
	if (cs_readers_begin(line, len, NULL, &p->buf, &p->cap, 2 * len + 64,
	    err) != 0)
		return -1;
	p->used = 0;
	p->nf = 0;
	if (csv_parse(&p->csv, line, len, field_cb, NULL, p) != len) {
		int e = csv_error(&p->csv), n = p->nf + 1;

		cs_readers_csv_reset(&p->csv);
		if (e == CSV_EPARSE)
			return cs_error_set(err, "misplaced quote in field %d "
			    "(a quoted field must end at a comma, with the "
			    "quotes inside it doubled)", n);
		return cs_error_set(err, "out of memory");
	}
	if (csv_fini(&p->csv, field_cb, NULL, p) != 0) {
		int n = p->nf + 1;

		cs_readers_csv_reset(&p->csv);
		return cs_error_set(err, "unterminated quoted field %d (a "
		    "field that starts with '\"' must end with '\"')", n);
	}
	if (p->nf != CS_CEL_NFIELDS)
		return cs_error_set(err, "expected %d fields (cel_custom's "
		    "legacy mapping), found %d", CS_CEL_NFIELDS, p->nf);
	memset(rec, 0, sizeof(*rec));
	for (int i = 0; i < CS_CEL_NFIELDS; i++)
		rec->f[i] = p->buf + p->off[i];
	ev = event_of(rec->f[CS_CEL_EVENTTYPE], strlen(rec->f[CS_CEL_EVENTTYPE]));
	/* an event of a later Asterisk: read, of no use to the calls */
	if (ev < 0 && !is_name(rec->f[CS_CEL_EVENTTYPE]))
		return cs_error_set(err, "eventtype is not an event's name in "
		    "capitals, digits and '_': '%.*s'",
		    cs_readers_quote_len(rec->f[CS_CEL_EVENTTYPE]),
		    rec->f[CS_CEL_EVENTTYPE]);
	rec->event = ev < 0 ? CS_CEL_EV_OTHER : (enum cs_cel_event)ev;
	if (parse_time(r, rec->f[CS_CEL_EVENTTIME], rec, err) != 0)
		return -1;
	for (size_t i = 0; i < sizeof(needed) / sizeof(needed[0]); i++)
		if (rec->f[needed[i]][0] == '\0')
			return cs_error_set(err, "%s is empty: every event needs "
			    "it", needed_name[i]);
	if (rec->event == CS_CEL_EV_HANGUP)
		hangup_extra(rec->f[CS_CEL_EVENTEXTRA], rec);
	return 0;
}

/* ---- detection ---- */

struct looks {
	int nf;
	int event_ok, time_ok;
};

static void
looks_field(void *s, size_t len, void *data)
{
	struct looks *l = data;
	const char *t = s != NULL ? s : "";

	if (l->nf == CS_CEL_EVENTTYPE)
		l->event_ok = event_of(t, len) >= 0;
	if (l->nf == CS_CEL_EVENTTIME) {
		struct cs_datetime dt;
		size_t d = strspn(t, "0123456789");

		l->time_ok = (d > 0 && d < len && t[d] == '.' &&
		    strspn(t + d + 1, "0123456789") == len - d - 1) ||
		    (d == len && len > 0) || cs_datetime_parse(t, len, &dt) == 0;
	}
	l->nf++;
}

static int
no_term(unsigned char c)
{
	return 0;
}

int
cs_cel_looks(const char *s, const char *e)
{
	struct csv_parser p;
	struct looks l = { 0, 0, 0 };
	size_t n = (size_t)(e - s);
	int ok;

	if (csv_init(&p, CSV_STRICT | CSV_APPEND_NULL) != 0)
		return 0;
	csv_set_term_func(&p, no_term);
	ok = csv_parse(&p, s, n, looks_field, NULL, &l) == n &&
	    csv_fini(&p, looks_field, NULL, &l) == 0;
	csv_free(&p);
	return ok && l.nf == CS_CEL_NFIELDS && l.event_ok && l.time_ok;
}
