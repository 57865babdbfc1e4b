/*
 * asterisk_queue_log.c: the reader of Asterisk queue_log files, and of
 * the realtime queue_log table as psql prints it.
 *
 * Nothing is quoted in a queue_log: a line is split at every '|'.  The
 * reader keeps one buffer from line to line, so that reading a file
 * allocates only when a line is longer than every line before it.
 */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../timeutil.h"
#include "readers.h"

struct qlog_priv {
	char	*buf;		/* the fields, each NUL-terminated */
	size_t	 cap;
};

/*
 * The data fields that hold numbers, for the events of stock app_queue
 * (as app_queue documents its queue_log).  Older versions write fewer
 * fields, so only the fields a line has are checked.
 */
static const struct {
	const char	*event;
	const char	*num[CS_QLOG_NDATA];	/* NULL: not a number */
} numbers[] = {
	{ "ABANDON", { "pos", "origpos", "waittime" } },
	{ "BLINDTRANSFER", { NULL, NULL, "holdtime", "calltime",
	    "origpos" } },
	{ "COMPLETEAGENT", { "holdtime", "calltime", "origpos" } },
	{ "COMPLETECALLER", { "holdtime", "calltime", "origpos" } },
	{ "CONNECT", { "holdtime", NULL, "ringtime" } },
	{ "ENTERQUEUE", { NULL, NULL, "origpos" } },
	{ "EXITEMPTY", { "pos", "origpos", "waittime" } },
	{ "EXITWITHKEY", { NULL, "pos", "origpos", "waittime" } },
	{ "EXITWITHTIMEOUT", { "pos", "origpos", "waittime" } },
	{ "RINGCANCELED", { "ringtime" } },
	{ "RINGNOANSWER", { "ringtime" } },
	{ "TRANSFER", { NULL, NULL, "holdtime", "calltime", "origpos" } },
	{ "WITHDRAW", { "pos", "origpos", "waittime" } },
};

#define NNUMBERS (sizeof(numbers) / sizeof(numbers[0]))

/* ---- lines that hold no record ---- */

/* s..e is exactly the text t. */
static int
is_text(const char *s, const char *e, const char *t)
{
	size_t n = strlen(t);

	return (size_t)(e - s) == n && memcmp(s, t, n) == 0;
}

int
cs_readers_qlog_noise(const char *s, size_t len)
{
	const char *e = s + len;
	size_t n;
	int dash = 0;

	while (s < e && cs_readers_blank((unsigned char)*s))
		s++;
	while (e > s && cs_readers_blank((unsigned char)e[-1]))
		e--;
	n = (size_t)(e - s);
	if (n == 0 || *s == '#')
		return CS_QLOG_NOISE_COMMENT;
	/* psql: the column header of the table. */
	if (n > 4 && memcmp(s, "time", 4) == 0) {
		const char *p = s + 4;

		while (p < e && cs_readers_blank((unsigned char)*p))
			p++;
		if (p < e && *p == '|')
			return CS_QLOG_NOISE_HEADER;
	}
	/* psql: the "-----+-----" rule under the header. */
	for (const char *p = s; p < e; p++) {
		if (*p == '-')
			dash = 1;
		else if (*p != '+' && !cs_readers_blank((unsigned char)*p)) {
			dash = -1;
			break;
		}
	}
	if (dash == 1)
		return CS_QLOG_NOISE_RULE;
	/* psql: the "(12 rows)" footer. */
	if (s[0] == '(') {
		const char *p = s + 1;

		while (p < e && *p >= '0' && *p <= '9')
			p++;
		if (p > s + 1 && (is_text(p, e, " row)") ||
		    is_text(p, e, " rows)")))
			return CS_QLOG_NOISE_RULE;
	}
	return 0;
}

int
cs_qlog_reader_init(struct cs_qlog_reader *r, int utc, struct cs_error *err)
{
	struct qlog_priv *p;

	r->utc = utc;
	r->priv = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return cs_error_set(err, "out of memory");
	p->cap = 4096;
	if ((p->buf = malloc(p->cap)) == NULL) {
		free(p);
		return cs_error_set(err, "out of memory");
	}
	r->priv = p;
	return 0;
}

void
cs_qlog_reader_release(struct cs_qlog_reader *r)
{
	struct qlog_priv *p = r->priv;

	if (p == NULL)
		return;
	free(p->buf);
	free(p);
	r->priv = NULL;
}

/* Trims blanks from both ends of s..*e; returns the new start. */
static const char *
trim(const char *s, const char **e)
{
	while (s < *e && cs_readers_blank((unsigned char)*s))
		s++;
	while (*e > s && cs_readers_blank((unsigned char)(*e)[-1]))
		(*e)--;
	return s;
}

/*
 * An integer, maybe negative (a clock set back makes negative times):
 * 1 if it is one, 2 if one beyond CS_LOG_DURATION_MAX either way (seconds
 * or positions, none can be that large), else 0.
 */
static int
is_number(const char *s)
{
	const char *p = s;
	long v = 0;
	int big = 0;

	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return 0;
	for (; *p >= '0' && *p <= '9'; p++) {
		v = v * 10 + (*p - '0');
		if (v > CS_LOG_DURATION_MAX) {
			big = 1;
			v = CS_LOG_DURATION_MAX;
		}
	}
	if (*p != '\0')
		return 0;
	return big ? 2 : 1;
}

/* scratch: room for 2 * (e - s) + 1 bytes. */
static int
parse_time(struct cs_qlog_reader *r, const char *s, const char *e,
    int64_t *t, char *scratch, struct cs_error *err)
{
	struct cs_datetime dt;
	const char *p;
	int64_t v = 0, out[2];

	for (p = s; p < e && *p >= '0' && *p <= '9'; p++) {
		if (v > (INT64_MAX - (*p - '0')) / 10)
			break;
		v = v * 10 + (*p - '0');
	}
	if (p == e && p > s) {
		if (!cs_log_time_ok(v))
			goto range;
		*t = v;
		return 0;
	}
	for (; p < e && *p >= '0' && *p <= '9'; p++)
		;
	if (p == e && p > s)
		goto range;	/* digits beyond INT64_MAX */
	if (cs_datetime_parse(s, (size_t)(e - s), &dt) == 0) {
		if (!cs_log_datetime_ok(&dt))
			goto range;
		if (r->utc)
			*t = cs_utc_from_datetime(&dt);
		else {
			/* The repeated hour: nothing tells, take the first. */
			cs_local_to_utc(&dt, out);
			*t = out[0];
		}
		return 0;
	}
	if (s == e)
		return cs_error_set(err, "time is empty: epoch seconds or "
		    "YYYY-MM-DD HH:MM:SS are needed");
	/* Quoted as UTF-8, like every message. */
	cs_readers_utf8_copy(scratch, s, (size_t)(e - s));
	return cs_error_set(err, "time is neither epoch seconds nor "
	    "YYYY-MM-DD HH:MM:SS: '%.*s'", cs_readers_quote_len(scratch), scratch);
range:
	cs_readers_utf8_copy(scratch, s, (size_t)(e - s));
	return cs_error_set(err, "time is out of range: '%.*s' (%d-01-01 to "
	    "%d-12-31 are read); check the PBX's clock, then remove the line "
	    "or correct it", cs_readers_quote_len(scratch), scratch, CS_LOG_YEAR_MIN,
	    CS_LOG_YEAR_MAX);
}

static int
check_event(const char *ev, struct cs_error *err)
{
	const char *p;

	if (*ev == '\0')
		return cs_error_set(err, "event is empty");
	for (p = ev; *p != '\0'; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
		    *p == '_'))
			return cs_error_set(err, "event is not a name in "
			    "capitals, digits and '_': '%.*s'",
			    cs_readers_quote_len(ev), ev);
	return 0;
}

static int
check_numbers(const struct cs_qlog_record *rec, struct cs_error *err)
{
	size_t i;

	for (i = 0; i < NNUMBERS; i++)
		if (strcmp(numbers[i].event, rec->event) == 0)
			break;
	if (i == NNUMBERS)
		return 0;
	for (int j = 0; j < rec->ndata && j < CS_QLOG_NDATA; j++) {
		const char *name = numbers[i].num[j];

		int k = name != NULL ? is_number(rec->data[j]) : 1;

		if (k == 0)
			return cs_error_set(err, "%s %s (data field %d) is not "
			    "a number: '%.*s'", rec->event, name, j + 1,
			    cs_readers_quote_len(rec->data[j]), rec->data[j]);
		if (k == 2)
			return cs_error_set(err, "%s %s (data field %d) is out "
			    "of range: '%.*s' (at most %ld, 7 days of seconds); "
			    "remove the line or correct it", rec->event, name,
			    j + 1, cs_readers_quote_len(rec->data[j]), rec->data[j],
			    CS_LOG_DURATION_MAX);
	}
	return 0;
}

int
cs_qlog_parse(struct cs_qlog_reader *r, const char *line, size_t len,
    struct cs_qlog_record *rec, struct cs_error *err)
{
	struct qlog_priv *p = r->priv;
	const char *end = line + len, *s, *e, *bar, *f[5], *fe[5];
	const char **head[4];
	char *w;
	int nf;

	/* Room for every byte read as Latin-1, and a NUL per field. */
	if (len > (SIZE_MAX - 16) / 3)
		return cs_error_set(err, "out of memory");
	if (cs_readers_begin(line, len, NULL, &p->buf, &p->cap, 3 * len + 16,
	    err) != 0)
		return -1;
	if (cs_readers_qlog_noise(line, len) != 0)
		return 1;

	/* time|callid|queue|agent|event, then the data. */
	s = line;
	for (nf = 0; nf < 5; ) {
		bar = memchr(s, '|', (size_t)(end - s));
		f[nf] = s;
		fe[nf] = bar != NULL ? bar : end;
		nf++;
		if (bar == NULL)
			break;
		s = bar + 1;
	}
	if (nf < 5)
		return cs_error_set(err, "expected at least 5 '|'-separated "
		    "fields, found %d", nf);
	/* s: the data, or end when the event was the last field. */
	if (fe[4] == end)
		s = end;

	memset(rec, 0, sizeof(*rec));
	w = p->buf;
	f[0] = trim(f[0], &fe[0]);
	if (parse_time(r, f[0], fe[0], &rec->time, p->buf, err) == -1)
		return -1;
	head[0] = &rec->callid;
	head[1] = &rec->queue;
	head[2] = &rec->agent;
	head[3] = &rec->event;
	for (int i = 1; i < 5; i++) {
		f[i] = trim(f[i], &fe[i]);
		*head[i - 1] = w;
		w += cs_readers_utf8_copy(w, f[i], (size_t)(fe[i] - f[i])) + 1;
	}
	if (check_event(rec->event, err) == -1)
		return -1;

	/*
	 * Trailing empty fields hold nothing: "EVENT|" has no data, and a
	 * table row has empty data1..data5 columns for what was not written.
	 */
	e = end;
	while (e > s && (cs_readers_blank((unsigned char)e[-1]) ||
	    e[-1] == '|'))
		e--;
	for (int i = 0; i < CS_QLOG_NDATA; i++)
		rec->data[i] = "";
	rec->ndata = 0;
	while (s < e) {
		const char *q = memchr(s, '|', (size_t)(e - s)), *qe;

		qe = q != NULL ? q : e;
		s = trim(s, &qe);
		if (rec->ndata < CS_QLOG_NDATA) {
			rec->data[rec->ndata] = w;
			w += cs_readers_utf8_copy(w, s, (size_t)(qe - s)) + 1;
		} else {
			/* The remainder goes to data[4], '|' joined. */
			w[-1] = '|';
			w += cs_readers_utf8_copy(w, s, (size_t)(qe - s)) + 1;
		}
		rec->ndata++;
		if (q == NULL)
			break;
		s = q + 1;
	}
	if (check_numbers(rec, err) == -1)
		return -1;
	return 0;
}
