/*
 * generic_csv.c: one line of a CSV that a [format NAME] section describes
 * (generic_csv.h).  The section's keys say which column holds which of
 * callstat's fields, by name in the header (header = yes, the default) or
 * by number from 1 (header = no); its value maps say what the file's
 * answered_by and disposition values mean.  Fields are RFC 4180: quoted
 * or not, quotes doubled inside quotes; blanks around a field are not
 * part of it.  A time is epoch seconds, ISO 8601 with its offset, or a
 * local "YYYY-MM-DD HH:MM:SS" (or with a T), placed with --times.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../stamp.h"
#include "../timeutil.h"
#include "generic_csv.h"
#include "readers.h"

static const char *const keys[CS_GCSV_NFIELDS] = {
	"call_id", "leg", "start", "answer", "end", "duration", "caller",
	"caller_name", "dialled", "destination", "queue", "answered_by",
	"disposition", "sip_call_id",
};
static const char *const by_keys[CS_GCSV_NBY] = {
	"answered_by.human", "answered_by.bot", "answered_by.pbx",
};
static const char *const disp_keys[CS_GCSV_ND] = {
	"disposition.answered", "disposition.abandoned",
	"disposition.no_answer", "disposition.busy", "disposition.failed",
	"disposition.queue_timeout", "disposition.queue_empty",
};

/* More columns than any export has. */
#define MAX_COLS 512

struct cs_gcsv_reader {
	char sep;
	int header;		/* columns named by a header */
	int utc;
	const char *name;	/* the section's, for messages */
	const char *want[CS_GCSV_NFIELDS];	/* the section's values */
	int col[CS_GCSV_NFIELDS];	/* 0-based column, -1 none */
	int ready;		/* columns known (the header read) */
	int bad_header;		/* the header lacked a column: rows refused */
	char missing[160];	/* what it lacked */
	int need;		/* columns a row must have */
	const char *by[CS_GCSV_NBY], *disp[CS_GCSV_ND];
	/* the line's fields, NUL-terminated in buf, as UTF-8 */
	char *buf;
	size_t cap;
	const char *fld[MAX_COLS];
	int nf;
	struct cs_stamp_memo stamp;	/* the last hour of local stamps */
};

/* ---- the section ---- */

struct cs_gcsv_reader *
cs_gcsv_open(const struct cs_format_def *def, int utc, struct cs_error *err)
{
	struct cs_gcsv_reader *r = calloc(1, sizeof(*r));
	const char *v;

	if (r == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	r->utc = utc;
	r->name = def->name;
	v = cs_format_def_get(def, "separator");
	r->sep = cs_format_separator(v);
	v = cs_format_def_get(def, "header");
	r->header = v == NULL || strcmp(v, "yes") == 0;
	for (int i = 0; i < CS_GCSV_NFIELDS; i++) {
		r->want[i] = cs_format_def_get(def, keys[i]);
		if (r->want[i] != NULL && *r->want[i] == '\0')
			r->want[i] = NULL;
		r->col[i] = -1;
	}
	for (int i = 0; i < CS_GCSV_NBY; i++)
		r->by[i] = cs_format_def_get(def, by_keys[i]);
	for (int i = 0; i < CS_GCSV_ND; i++)
		r->disp[i] = cs_format_def_get(def, disp_keys[i]);
	if (r->want[CS_GCSV_CALL_ID] == NULL || r->want[CS_GCSV_START] == NULL) {
		cs_error_set(err, "[format %s] names no %s column: call_id and "
		    "start are required", def->name,
		    r->want[CS_GCSV_CALL_ID] == NULL ? "call_id" : "start");
		goto fail;
	}
	if (r->want[CS_GCSV_END] == NULL && r->want[CS_GCSV_DURATION] == NULL) {
		cs_error_set(err, "[format %s] names neither an end nor a "
		    "duration column: a leg's end is one or the other", def->name);
		goto fail;
	}
	if (!r->header) {
		for (int i = 0; i < CS_GCSV_NFIELDS; i++) {
			char *e;
			long n;

			if (r->want[i] == NULL)
				continue;
			n = strtol(r->want[i], &e, 10);
			if (*e != '\0' || n < 1 || n > MAX_COLS) {
				cs_error_set(err, "[format %s] %s = %s: with header "
				    "= no, a column is its number, from 1 to %d",
				    def->name, keys[i], r->want[i], MAX_COLS);
				goto fail;
			}
			r->col[i] = (int)n - 1;
			if ((int)n > r->need)
				r->need = (int)n;
		}
		r->ready = 1;
	}
	return r;
fail:
	free(r);
	return NULL;
}

void
cs_gcsv_close(struct cs_gcsv_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* ---- splitting a line ---- */

/* split() of a line without a quote: the same fields, blanks around them
 * (not the separator) left out. */
static int
split_plain(struct cs_gcsv_reader *r, const char *s, size_t len, int ascii,
    struct cs_error *err)
{
	size_t at[MAX_COLS], nsep, i = 0;
	char *w = r->buf;

	if ((nsep = cs_readers_find_all(s, len, r->sep, at, MAX_COLS)) >=
	    MAX_COLS)
		return cs_error_set(err, "more than %d fields", MAX_COLS);
	for (size_t k = 0; k <= nsep; k++) {
		size_t end = k < nsep ? at[k] : len, n;

		while (i < end && cs_readers_blank((unsigned char)s[i]))
			i++;
		n = end - i;
		while (n > 0 && cs_readers_blank((unsigned char)s[i + n - 1]))
			n--;
		r->fld[r->nf++] = w;
		w += ascii ? (memcpy(w, s + i, n), n) :
		    cs_readers_utf8_copy(w, s + i, n);
		*w++ = '\0';
		i = end + 1;
	}
	return 0;
}

/*
 * The fields of s[0..len) into r->fld, as UTF-8 (bytes that are not read
 * as Latin-1).  Returns 0, or -1 with err saying which field is wrong.
 */
static int
split(struct cs_gcsv_reader *r, const char *s, size_t len,
    struct cs_error *err)
{
	size_t i = 0;
	char *w;
	int ascii;

	/* a field grows at most twofold (Latin-1 as UTF-8) */
	if (cs_readers_begin(s, len, &ascii, &r->buf, &r->cap, 2 * len + MAX_COLS,
	    err) != 0)
		return -1;
	w = r->buf;
	r->nf = 0;
	/* most lines quote nothing: their separators found at once */
	if (cs_readers_find_all(s, len, '"', NULL, 0) == 0)
		return split_plain(r, s, len, ascii, err);
	for (;;) {
		const char *from, *q;
		size_t n;

		if (r->nf == MAX_COLS)
			return cs_error_set(err, "more than %d fields", MAX_COLS);
		while (i < len && cs_readers_blank((unsigned char)s[i]) &&
		    s[i] != r->sep)
			i++;
		r->fld[r->nf++] = w;
		if (i < len && s[i] == '"') {
			size_t col = i + 1;

			i++;
			for (;;) {
				from = s + i;
				while (i < len && s[i] != '"')
					i++;
				n = (size_t)(s + i - from);
				w += ascii ? (memcpy(w, from, n), n) :
				    cs_readers_utf8_copy(w, from, n);
				if (i == len) {
					err->column = (long)col;
					return cs_error_set(err, "unterminated quoted "
					    "field %d (a field that starts with '\"' "
					    "must end with '\"')", r->nf);
				}
				if (i + 1 < len && s[i + 1] == '"') {
					*w++ = '"';
					i += 2;
					continue;
				}
				i++;
				break;
			}
			while (i < len &&
			    cs_readers_blank((unsigned char)s[i]) &&
			    s[i] != r->sep)
				i++;
			if (i < len && s[i] != r->sep) {
				err->column = (long)i + 1;
				return cs_error_set(err, "misplaced quote in field %d "
				    "(a quoted field must end at the separator, with "
				    "the quotes inside it doubled)", r->nf);
			}
		} else {
			from = s + i;
			while (i < len && s[i] != r->sep)
				i++;
			n = (size_t)(s + i - from);
			while (n > 0 &&
			    cs_readers_blank((unsigned char)from[n - 1]))
				n--;
			if ((q = memchr(from, '"', n)) != NULL) {
				err->column = (long)(q - s) + 1;
				return cs_error_set(err, "misplaced quote in field %d "
				    "(a field with a quote must be quoted, its quotes "
				    "doubled)", r->nf);
			}
			w += ascii ? (memcpy(w, from, n), n) :
			    cs_readers_utf8_copy(w, from, n);
		}
		*w++ = '\0';
		if (i == len)
			return 0;
		i++;		/* the separator */
	}
}

/* ---- the header ---- */

static int
read_header(struct cs_gcsv_reader *r, struct cs_error *err)
{
	size_t off = 0;

	r->need = 0;
	r->missing[0] = '\0';
	for (int k = 0; k < CS_GCSV_NFIELDS; k++) {
		r->col[k] = -1;
		if (r->want[k] == NULL)
			continue;
		for (int i = 0; i < r->nf; i++)
			if (strcasecmp(r->fld[i], r->want[k]) == 0) {
				r->col[k] = i;
				break;
			}
		if (r->col[k] < 0 && off < sizeof(r->missing))
			off += (size_t)snprintf(r->missing + off,
			    sizeof(r->missing) - off, "%s'%s' (%s)",
			    off > 0 ? ", " : "", r->want[k], keys[k]);
		if (r->col[k] + 1 > r->need)
			r->need = r->col[k] + 1;
	}
	r->ready = 1;
	r->bad_header = r->missing[0] != '\0';
	if (r->bad_header)
		return cs_error_set(err, "the header has no column %s that "
		    "[format %s] names: is it this file's section?", r->missing,
		    r->name);
	return 1;
}

/* ---- a row ---- */

/*
 * A time: epoch seconds, ISO 8601 with an offset, or a local time; *twice
 * (when not NULL) says whether a local time was in the hour repeated when
 * summer time ends (the earlier instant is taken).
 */
static int
parse_time(struct cs_gcsv_reader *r, const char *s, int64_t *t, int *twice)
{
	size_t len = strlen(s);
	struct cs_datetime dt;
	int64_t at[2];
	char tmp[40];
	int rc, n;

	if (twice != NULL)
		*twice = 0;
	/* a stamp of the hour before: what the long way below gives it */
	if ((n = cs_stamp_get(&r->stamp, s, len, at)) >= 0) {
		*t = at[0];
		if (twice != NULL)
			*twice = n == 2;
		return cs_log_time_ok(*t) ? 0 : -1;
	}
	if (len > 0 && strspn(s, "0123456789") == len && len <= 12) {
		*t = strtoll(s, NULL, 10);
		return cs_log_time_ok(*t) ? 0 : -1;
	}
	if ((rc = cs_iso8601_parse(s, len, t, NULL)) == 0)
		return cs_log_time_ok(*t) ? 0 : -1;
	if (rc != -2 || len >= sizeof(tmp))
		return -1;
	memcpy(tmp, s, len + 1);
	if (len > 10 && tmp[10] == 'T')
		tmp[10] = ' ';
	if (cs_datetime_parse(tmp, len, &dt) != 0)
		return -1;
	/* the repeated hour of a DST change: the earlier instant */
	n = cs_stamp_place(&r->stamp, s, len, &dt, r->utc, at);
	*t = at[0];
	if (twice != NULL)
		*twice = n == 2;
	return cs_log_time_ok(*t) ? 0 : -1;
}

/* Whether v is one of the '|'-separated values of list (any case). */
static int
one_of(const char *v, const char *list)
{
	size_t n = strlen(v);

	while (list != NULL && *list != '\0') {
		const char *bar = strchr(list, '|');
		size_t k = bar != NULL ? (size_t)(bar - list) : strlen(list);

		while (k > 0 && cs_readers_blank((unsigned char)list[k - 1]))
			k--;
		if (k == n && strncasecmp(v, list, n) == 0)
			return 1;
		if (bar == NULL)
			break;
		list = bar + 1;
		while (cs_readers_blank((unsigned char)*list))
			list++;
	}
	return 0;
}

/* The value of field k mapped through maps (n of them): its index, -1
 * when empty, -2 when no map names it. */
static int
lookup(const char *v, const char *const *maps, int n)
{
	if (*v == '\0')
		return -1;
	for (int i = 0; i < n; i++)
		if (one_of(v, maps[i]))
			return i;
	return -2;
}

static int
bad_field(const struct cs_gcsv_reader *r, int k, const char *what,
    struct cs_error *err)
{
	char safe[96];

	cs_privacy_scrub_text(r->fld[r->col[k]], safe, sizeof(safe));
	err->column = r->col[k] + 1;
	return cs_error_set(err, "%s '%s' (column %d, %s) %s", keys[k], safe,
	    r->col[k] + 1, r->want[k], what);
}

int
cs_gcsv_parse(struct cs_gcsv_reader *r, const char *line, size_t len,
    struct cs_gcsv_record *rec, struct cs_error *err)
{
	const char *const *f;
	int v, twice;

	if (split(r, line, len, err) != 0)
		return -1;
	if (!r->ready)
		return read_header(r, err) < 0 ? -1 : 1;
	if (r->bad_header)
		return cs_error_set(err, "the header has no column %s that "
		    "[format %s] names", r->missing, r->name);
	if (r->nf < r->need)
		return cs_error_set(err, "expected at least %d fields, found %d",
		    r->need, r->nf);
	f = r->fld;
	for (int k = 0; k < CS_GCSV_NFIELDS; k++)
		rec->f[k] = r->col[k] >= 0 ? f[r->col[k]] : "";
	if (*rec->f[CS_GCSV_CALL_ID] == '\0')
		return bad_field(r, CS_GCSV_CALL_ID, "is empty: every row needs "
		    "its call's id", err);
	if (parse_time(r, rec->f[CS_GCSV_START], &rec->start, &twice) != 0)
		return bad_field(r, CS_GCSV_START, "is not a time (epoch "
		    "seconds, ISO 8601, or YYYY-MM-DD HH:MM:SS)", err);
	rec->flags = twice ? CS_GCSV_FLAG_TWICE : 0;
	rec->answer = 0;
	if (*rec->f[CS_GCSV_ANSWER] != '\0' &&
	    parse_time(r, rec->f[CS_GCSV_ANSWER], &rec->answer, NULL) != 0)
		return bad_field(r, CS_GCSV_ANSWER, "is not a time", err);
	rec->duration = -1;
	if (*rec->f[CS_GCSV_DURATION] != '\0') {
		const char *d = rec->f[CS_GCSV_DURATION];
		char *e;

		rec->duration = strtol(d, &e, 10);
		if (*e != '\0' || rec->duration < 0 ||
		    rec->duration > CS_LOG_DURATION_MAX)
			return bad_field(r, CS_GCSV_DURATION, "is not a number of "
			    "seconds", err);
	}
	if (*rec->f[CS_GCSV_END] != '\0') {
		if (parse_time(r, rec->f[CS_GCSV_END], &rec->end, NULL) != 0)
			return bad_field(r, CS_GCSV_END, "is not a time", err);
	} else if (rec->duration >= 0) {
		rec->end = rec->start + rec->duration;
	} else {
		return cs_error_set(err, "no end: the end and the duration "
		    "are both empty or absent");
	}
	if (rec->end < rec->start)
		return bad_field(r, r->col[CS_GCSV_END] >= 0 ? CS_GCSV_END :
		    CS_GCSV_START, "is before the leg's start", err);
	if (rec->answer != 0 && (rec->answer < rec->start || rec->answer > rec->end))
		return bad_field(r, CS_GCSV_ANSWER, "is not between the leg's "
		    "start and end", err);
	if (rec->duration < 0)
		rec->duration = (long)(rec->end - rec->start);
	if ((v = lookup(rec->f[CS_GCSV_ANSWERED_BY], r->by, CS_GCSV_NBY)) == -2)
		return bad_field(r, CS_GCSV_ANSWERED_BY, "is no value of "
		    "answered_by.human, .bot or .pbx", err);
	rec->by = v < 0 ? CS_GCSV_BY_NONE : (enum cs_gcsv_by)v;
	if ((v = lookup(rec->f[CS_GCSV_DISPOSITION], r->disp, CS_GCSV_ND)) == -2)
		return bad_field(r, CS_GCSV_DISPOSITION, "is no value of the "
		    "section's disposition.* keys", err);
	rec->disp = v < 0 ? CS_GCSV_D_NONE : (enum cs_gcsv_disp)v;
	if (rec->disp == CS_GCSV_D_ANSWERED && rec->answer == 0)
		return bad_field(r, CS_GCSV_DISPOSITION, "says answered, but the "
		    "answer time is empty", err);
	return 0;
}
