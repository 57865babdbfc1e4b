/*
 * 3cx_cdr.c: one line of 3CX's legacy CDR log (3cx.h).  Fields are split
 * at every comma, nothing quoted: 3CX escapes nothing, so a display name
 * with a comma gives a line with too many fields, which is refused with
 * what it is likely to be.  A line may stop before the last columns (a
 * feed cut after "chain" is common).  Times are
 * "YYYY/MM/DD HH:MM:SS" UTC (3CX writes no zone; what was observed, and
 * what the issue of the format says), durations "HH:MM:SS".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../stamp.h"
#include "../timeutil.h"
#include "3cx.h"
#include "readers.h"

static const char *const names[CS_3CX_NFIELDS] = {
	"historyid", "callid", "duration", "time-start", "time-answered",
	"time-end", "reason-terminated", "from-no", "to-no", "from-dn",
	"to-dn", "dial-no", "reason-changed", "final-number", "final-dn",
	"bill-code", "bill-rate", "bill-cost", "bill-name", "chain",
	"from-type", "to-type", "final-type", "from-dispname", "to-dispname",
	"final-dispname", "missed-queue-calls",
};

/* More fields than a line of the widest order may have (commas in names). */
#define MAX_SPLIT (2 * CS_3CX_NFIELDS)

struct cs_3cx_reader {
	enum cs_3cx_field order[CS_3CX_MAXCOLS];
	int n;
	int col[CS_3CX_NFIELDS];	/* 0-based column of a field, -1 none */
	int need;			/* columns up to the last required one */
	char *buf;
	size_t cap;
	const char *fld[MAX_SPLIT];
	int nf;
	struct cs_stamp_memo stamp;	/* the last hour of stamps read */
};

const char *
cs_3cx_field_name(enum cs_3cx_field f)
{
	return (int)f >= 0 && f < CS_3CX_NFIELDS ? names[f] : "";
}

/* The field named s[0..len) ("time_start" as "time-start"), or -1. */
static int
field_of(const char *s, size_t len)
{
	for (int i = 0; i < CS_3CX_NFIELDS; i++) {
		size_t k;

		if (strlen(names[i]) != len)
			continue;
		for (k = 0; k < len; k++) {
			int a = (unsigned char)s[k], b = (unsigned char)names[i][k];

			if (a == '_')
				a = '-';
			if (a >= 'A' && a <= 'Z')
				a += 'a' - 'A';
			if (a != b)
				break;
		}
		if (k == len)
			return i;
	}
	return -1;
}

int
cs_3cx_columns(const char *list, enum cs_3cx_field order[CS_3CX_MAXCOLS],
    int *n, struct cs_error *err)
{
	static const enum cs_3cx_field required[] = { CS_3CX_HISTORYID,
		CS_3CX_TIME_START, CS_3CX_TIME_END };
	int seen[CS_3CX_NFIELDS] = { 0 };
	const char *p = list;

	*n = 0;
	if (list == NULL || *list == '\0') {
		for (int i = 0; i < CS_3CX_NFIELDS; i++)
			order[i] = (enum cs_3cx_field)i;
		*n = CS_3CX_NFIELDS;
		return 0;
	}
	for (;;) {
		const char *comma = strchr(p, ',');
		size_t len = comma != NULL ? (size_t)(comma - p) : strlen(p);
		const char *s = p;
		int f;

		while (len > 0 && (*s == ' ' || *s == '\t'))
			s++, len--;
		while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
			len--;
		if ((f = field_of(s, len)) < 0)
			return cs_error_set(err, "--columns: unknown 3CX field "
			    "'%.*s': the fields are those of the 3CX console's CDR "
			    "output (historyid, callid, duration, time-start, ...: "
			    "callstat-import(1))", (int)(len > 40 ? 40 : len), s);
		if (seen[f]++)
			return cs_error_set(err, "--columns: field '%s' is named "
			    "twice", names[f]);
		order[(*n)++] = (enum cs_3cx_field)f;
		if (comma == NULL)
			break;
		p = comma + 1;
	}
	for (size_t i = 0; i < sizeof(required) / sizeof(required[0]); i++)
		if (!seen[required[i]])
			return cs_error_set(err, "--columns names no %s: historyid, "
			    "time-start and time-end are required",
			    names[required[i]]);
	return 0;
}

struct cs_3cx_reader *
cs_3cx_open(const enum cs_3cx_field *order, int n, struct cs_error *err)
{
	struct cs_3cx_reader *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	for (int i = 0; i < CS_3CX_NFIELDS; i++)
		r->col[i] = -1;
	r->n = n > CS_3CX_MAXCOLS ? CS_3CX_MAXCOLS : n;
	for (int i = 0; i < r->n; i++) {
		r->order[i] = order[i];
		r->col[order[i]] = i;
	}
	/* a line may stop after its required fields (and the reason, the
	   numbers and the final destination, when the order has them early) */
	for (int i = 0; i < r->n; i++)
		switch (r->order[i]) {
		case CS_3CX_HISTORYID:
		case CS_3CX_TIME_START:
		case CS_3CX_TIME_END:
			if (i + 1 > r->need)
				r->need = i + 1;
			break;
		default:
			break;
		}
	return r;
}

void
cs_3cx_close(struct cs_3cx_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* The fields of s[0..len) into r->fld, as UTF-8; blanks around a field
 * are not part of it. */
static int
split(struct cs_3cx_reader *r, const char *s, size_t len, struct cs_error *err)
{
	size_t at[MAX_SPLIT], ncommas, i = 0;
	char *w;
	int ascii;

	if (cs_readers_begin(s, len, &ascii, &r->buf, &r->cap, 2 * len + MAX_SPLIT,
	    err) != 0)
		return -1;
	if ((ncommas = cs_readers_find_all(s, len, ',', at, MAX_SPLIT)) >=
	    MAX_SPLIT)
		return cs_error_set(err, "more than %d fields", MAX_SPLIT);
	w = r->buf;
	r->nf = 0;
	for (size_t k = 0; k <= ncommas; k++) {
		size_t end = k < ncommas ? at[k] : len, n;
		const char *from;

		while (i < end && (s[i] == ' ' || s[i] == '\t'))
			i++;
		from = s + i;
		n = end - i;
		while (n > 0 && (from[n - 1] == ' ' || from[n - 1] == '\t'))
			n--;
		r->fld[r->nf++] = w;
		w += ascii ? (memcpy(w, from, n), n) :
		    cs_readers_utf8_copy(w, from, n);
		*w++ = '\0';
		i = end + 1;
	}
	return 0;
}

int
cs_3cx_header(const char *s, size_t len)
{
	size_t i = 0;
	int n = 0;

	while (i < len) {
		size_t j = i;

		while (j < len && s[j] != ',')
			j++;
		if (j > i && field_of(s + i, j - i) < 0)
			return 0;
		n += j > i;
		i = j + 1;
	}
	/* one name alone could be anything's first word */
	return n >= 3;
}

int
cs_3cx_looks(const char *s, const char *e)
{
	size_t len = (size_t)(e - s), i = 5, commas = 0;

	if (len < 7 || memcmp(s, "Call ", 5) != 0)
		return 0;
	while (i < len && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 5 || i == len || s[i] != ',')
		return 0;
	/* the shape: a time of 3CX's form further on, and enough fields */
	for (; i < len; i++)
		if (s[i] == ',')
			commas++;
	for (const char *p = s; p + 19 <= e; p++)
		if (p[4] == '/' && p[7] == '/' && p[10] == ' ' && p[13] == ':' &&
		    p[16] == ':' && p[0] >= '1' && p[0] <= '2')
			return commas >= 5;
	return 0;
}

/* "YYYY/MM/DD HH:MM:SS" (or with '-'), UTC, into *t. */
static int
parse_time(struct cs_3cx_reader *r, const char *s, int64_t *t)
{
	struct cs_datetime dt;
	int64_t at[2];
	char tmp[20];

	if (strlen(s) != 19)
		return -1;
	/* a stamp of the hour before: what the long way below gives it */
	if (cs_stamp_get(&r->stamp, s, 19, at) >= 0) {
		*t = at[0];
		return cs_log_time_ok(*t) ? 0 : -1;
	}
	memcpy(tmp, s, 20);
	if ((tmp[4] == '/' && tmp[7] == '/') || (tmp[4] == '-' && tmp[7] == '-'))
		tmp[4] = tmp[7] = '-';
	else
		return -1;
	if (cs_datetime_parse(tmp, 19, &dt) != 0 || !cs_log_datetime_ok(&dt))
		return -1;
	(void)cs_stamp_place(&r->stamp, s, 19, &dt, 1, at);
	*t = at[0];
	return cs_log_time_ok(*t) ? 0 : -1;
}

/* "HH:MM:SS" (hours of any width) into seconds, -1 when it is not one. */
static long
parse_duration(const char *s)
{
	long h = 0, m, sec;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	while (*p >= '0' && *p <= '9' && h <= CS_LOG_DURATION_MAX)
		h = h * 10 + (*p++ - '0');
	if (p[0] != ':' || p[1] < '0' || p[1] > '5' || p[2] < '0' || p[2] > '9' ||
	    p[3] != ':' || p[4] < '0' || p[4] > '5' || p[5] < '0' || p[5] > '9' ||
	    p[6] != '\0')
		return -1;
	m = (p[1] - '0') * 10 + (p[2] - '0');
	sec = (p[4] - '0') * 10 + (p[5] - '0');
	if (h > CS_LOG_DURATION_MAX / 3600)
		return -1;
	return h * 3600 + m * 60 + sec;
}

/* A field's fault: its column and name, and a quote of its value. */
static int
bad(const struct cs_3cx_reader *r, enum cs_3cx_field f, const char *what,
    struct cs_error *err)
{
	const char *v = r->fld[r->col[f]];

	err->column = r->col[f] + 1;
	return cs_error_set(err, "field %d (%s) '%.*s': %s", r->col[f] + 1,
	    names[f], cs_readers_quote_len(v), v, what);
}

int
cs_3cx_parse(struct cs_3cx_reader *r, const char *line, size_t len,
    struct cs_3cx_record *rec, struct cs_error *err)
{
	const char *h;
	int nf;

	if (split(r, line, len, err) != 0)
		return -1;
	if (r->nf == 1 && *r->fld[0] == '\0')
		return 1;		/* a blank line between records */
	/* a record starts with its history id, which names no column */
	if (strncmp(r->fld[0], "Call ", 5) != 0 && cs_3cx_header(line, len))
		return 1;
	/* the last field, often empty (missed-queue-calls), makes the comma
	   that ends a line: no more fields than the order has */
	nf = r->nf;
	if (nf > r->n)
		return cs_error_set(err, "expected at most %d fields, found %d "
		    "(a display name with a comma in it? 3CX does not quote "
		    "them%s)", r->n, r->nf, r->n == CS_3CX_NFIELDS ? "; or is "
		    "the order other than the default: --columns" : "");
	if (nf < r->need)
		return cs_error_set(err, "expected at least %d fields, found %d",
		    r->need, nf);
	for (int i = 0; i < CS_3CX_NFIELDS; i++)
		rec->f[i] = r->col[i] >= 0 && r->col[i] < nf ? r->fld[r->col[i]] :
		    "";
	h = rec->f[CS_3CX_HISTORYID];
	if (strncmp(h, "Call ", 5) == 0)
		h += 5;
	if (*h == '\0' || strspn(h, "0123456789") != strlen(h) || strlen(h) > 20)
		return bad(r, CS_3CX_HISTORYID, "not a 3CX history id "
		    "('Call 612504')", err);
	rec->history = h;
	if (parse_time(r, rec->f[CS_3CX_TIME_START], &rec->start) != 0)
		return bad(r, CS_3CX_TIME_START, "not a time (YYYY/MM/DD "
		    "HH:MM:SS)", err);
	if (parse_time(r, rec->f[CS_3CX_TIME_END], &rec->end) != 0)
		return bad(r, CS_3CX_TIME_END, "not a time (YYYY/MM/DD "
		    "HH:MM:SS)", err);
	if (rec->end < rec->start)
		return bad(r, CS_3CX_TIME_END, "before the call's start", err);
	if (rec->end - rec->start > CS_LOG_DURATION_MAX)
		return bad(r, CS_3CX_TIME_END, "more than a week after the "
		    "call's start", err);
	rec->answer = 0;
	if (*rec->f[CS_3CX_TIME_ANSWERED] != '\0') {
		if (parse_time(r, rec->f[CS_3CX_TIME_ANSWERED], &rec->answer) != 0)
			return bad(r, CS_3CX_TIME_ANSWERED, "not a time "
			    "(YYYY/MM/DD HH:MM:SS, or empty)", err);
		if (rec->answer < rec->start || rec->answer > rec->end)
			return bad(r, CS_3CX_TIME_ANSWERED, "not between the "
			    "call's start and end", err);
	}
	rec->duration = -1;
	if (*rec->f[CS_3CX_DURATION] != '\0' &&
	    (rec->duration = parse_duration(rec->f[CS_3CX_DURATION])) < 0)
		return bad(r, CS_3CX_DURATION, "not a duration (HH:MM:SS)", err);
	return 0;
}
