/*
 * cucm_cdr.c: one line of a Cisco Unified CM CDR flat file (cucm.h).
 *
 * The first header row names the columns: the reader keeps where each
 * field it reads is, whatever the release added before or after it (a
 * 6.1 file has about 90 columns, a 14 one 130).  The second header row
 * says each column's SQL type: it holds no record.  Data rows have as many
 * fields as the names' row; strings are quoted with quotes doubled inside,
 * integers bare, with blanks around them in some exports.  Times are epoch
 * seconds in UTC, 0 meaning never (dateTimeConnect of a call nobody
 * answered).  CUCM writes CMRs (cdrRecordType 2, the media's quality) to
 * cmr_* files, and start records (0) only when told to: neither is a leg.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "../privacy.h"
#include "../timeutil.h"
#include "cucm.h"
#include "readers.h"

/* The names as CUCM's header writes them (compared in any case: some
 * tools lower them). */
static const char *const names[CS_CUCM_NFIELDS] = {
	"cdrRecordType", "globalCallID_callManagerId", "globalCallID_callId",
	"dateTimeOrigination", "dateTimeConnect", "dateTimeDisconnect",
	"callingPartyNumber", "origCause_value", "destCause_value",
	"originalCalledPartyNumber", "finalCalledPartyNumber",
	"lastRedirectDn", "lastRedirectRedirectReason", "huntPilotDN",
};

/* More columns than any release writes. */
#define MAX_COLS 1024

struct cs_cucm_reader {
	int ready;		/* the names' row read */
	int ncols;		/* its columns: every row has as many */
	int col[CS_CUCM_NFIELDS];	/* 0-based, -1 absent */
	char missing[48];	/* a required field the header lacks, "" */
	char *buf;
	size_t cap;
	const char *fld[MAX_COLS];
	int nf;
};

struct cs_cucm_reader *
cs_cucm_open(struct cs_error *err)
{
	struct cs_cucm_reader *r = calloc(1, sizeof(*r));

	if (r == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	for (int k = 0; k < CS_CUCM_NFIELDS; k++)
		r->col[k] = -1;
	return r;
}

void
cs_cucm_close(struct cs_cucm_reader *r)
{
	if (r == NULL)
		return;
	free(r->buf);
	free(r);
}

/* Whether s (n bytes) starts with word, in any case, then a comma, a
 * quote or its end. */
static int
starts(const char *s, size_t n, const char *word)
{
	size_t k = strlen(word);

	return n >= k && strncasecmp(s, word, k) == 0 &&
	    (n == k || s[k] == ',' || s[k] == '"' || s[k] == '(');
}

int
cs_cucm_header_row(const char *s, size_t len)
{
	while (len > 0 && cs_readers_blank((unsigned char)*s))
		s++, len--;
	if (len > 15 && *s == '"' &&
	    strncasecmp(s + 1, "cdrRecordType\"", 14) == 0)
		return 1;
	if (starts(s, len, "cdrRecordType"))
		return 1;
	/* the types' row: cdrRecordType is an INTEGER in every release */
	if (starts(s, len, "INTEGER") && memchr(s, '"', len) == NULL)
		return 2;
	return 0;
}

/*
 * The fields of s[0..len) into r->fld, as UTF-8 (bytes that are not read
 * as Latin-1).  Returns 0, or -1 with err saying which field is wrong.
 */
static int
split(struct cs_cucm_reader *r, const char *s, size_t len,
    struct cs_error *err)
{
	size_t i = 0;
	char *w;
	int ascii;

	if (cs_readers_begin(s, len, &ascii, &r->buf, &r->cap, 2 * len + MAX_COLS,
	    err) != 0)
		return -1;
	w = r->buf;
	r->nf = 0;
	for (;;) {
		const char *from;
		size_t n;

		if (r->nf == MAX_COLS)
			return cs_error_set(err, "more than %d fields", MAX_COLS);
		while (i < len && cs_readers_blank((unsigned char)s[i]))
			i++;
		r->fld[r->nf++] = w;
		if (i < len && s[i] == '"') {
			size_t col = ++i;

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
			while (i < len && cs_readers_blank((unsigned char)s[i]))
				i++;
			if (i < len && s[i] != ',') {
				err->column = (long)i + 1;
				return cs_error_set(err, "misplaced quote in field "
				    "%d (a quoted field must end at the comma)",
				    r->nf);
			}
		} else {
			const char *q;

			from = s + i;
			while (i < len && s[i] != ',')
				i++;
			n = (size_t)(s + i - from);
			while (n > 0 &&
			    cs_readers_blank((unsigned char)from[n - 1]))
				n--;
			if ((q = memchr(from, '"', n)) != NULL) {
				err->column = (long)(q - s) + 1;
				return cs_error_set(err, "misplaced quote in field "
				    "%d (a field with a quote must be quoted)", r->nf);
			}
			w += ascii ? (memcpy(w, from, n), n) :
			    cs_readers_utf8_copy(w, from, n);
		}
		*w++ = '\0';
		if (i == len)
			return 0;
		i++;		/* the comma */
	}
}

/* The names' row: where each field is. */
static int
read_names(struct cs_cucm_reader *r)
{
	r->missing[0] = '\0';
	for (int k = 0; k < CS_CUCM_NFIELDS; k++) {
		r->col[k] = -1;
		for (int i = 0; i < r->nf; i++)
			if (strcasecmp(r->fld[i], names[k]) == 0) {
				r->col[k] = i;
				break;
			}
		if (r->col[k] < 0 && k < CS_CUCM_REQUIRED && r->missing[0] == '\0')
			snprintf(r->missing, sizeof(r->missing), "%s", names[k]);
	}
	r->ncols = r->nf;
	r->ready = 1;
	return 1;
}

/* A bare integer, blanks trimmed already: 0, or -1 when it is none. */
static int
integer(const char *s, long long *v)
{
	char *e;

	if (*s == '\0' || strspn(s, "-0123456789") != strlen(s) ||
	    strlen(s) > 19)
		return -1;
	*v = strtoll(s, &e, 10);
	return *e == '\0' ? 0 : -1;
}

static int
bad_field(const struct cs_cucm_reader *r, int k, const char *what,
    struct cs_error *err)
{
	char safe[96];
	const char *v = r->fld[r->col[k]];

	/* the fields checked are numbers: one is quoted as it is, anything
	   else scrubbed of what could be a caller's number */
	if (strspn(v, "-0123456789") == strlen(v) && strlen(v) < 24)
		snprintf(safe, sizeof(safe), "%s", v);
	else
		cs_privacy_scrub_text(v, safe, sizeof(safe));
	err->column = r->col[k] + 1;
	return cs_error_set(err, "field %d (%s) '%s' %s", r->col[k] + 1,
	    names[k], safe, what);
}

/* An epoch time: 0 for "never" when zero is allowed. */
static int
epoch(const struct cs_cucm_reader *r, const struct cs_cucm_record *rec,
    int k, int zero, int64_t *t, struct cs_error *err)
{
	long long v;

	if (integer(rec->f[k], &v) != 0 || (v == 0 && !zero) ||
	    (v != 0 && !cs_log_time_ok(v)))
		return bad_field(r, k, zero ? "is not a time (epoch seconds, 0 "
		    "for never)" : "is not a time (epoch seconds)", err);
	*t = v;
	return 0;
}

/* A cause code: empty is 0 (a side that did not clear). */
static int
cause(const struct cs_cucm_reader *r, const struct cs_cucm_record *rec,
    int k, long *c, struct cs_error *err)
{
	long long v = 0;

	if (*rec->f[k] != '\0' && (integer(rec->f[k], &v) != 0 || v < 0 ||
	    v > 0x7fffffffLL))
		return bad_field(r, k, "is not a cause code", err);
	*c = (long)v;
	return 0;
}

/* Q.850 causes that clear a call normally: nobody refused it. */
static int
normal(long c)
{
	return c == 0 || c == 16 || c == 31;
}

static int
no_answer(long c)
{
	return c == 18 || c == 19 || c == 102;
}

static enum cs_cucm_end
ended_of(const struct cs_cucm_record *rec)
{
	long oc = rec->orig_cause, dc = rec->dest_cause;

	if (rec->connect > 0)
		return CS_CUCM_ANSWERED;
	if (dc == 17 || oc == 17)
		return CS_CUCM_BUSY;
	if (no_answer(dc) || no_answer(oc))
		return CS_CUCM_NO_ANSWER;
	if (normal(dc) && normal(oc))
		return CS_CUCM_CLEARED;
	return CS_CUCM_FAILED;
}

int
cs_cucm_parse(struct cs_cucm_reader *r, const char *line, size_t len,
    struct cs_cucm_record *rec, struct cs_error *err)
{
	long long v;
	int kind = cs_cucm_header_row(line, len);

	if (kind == 2)
		return 1;
	if (split(r, line, len, err) != 0)
		return -1;
	if (kind == 1)
		return read_names(r);
	if (!r->ready) {
		/* the names in another order than CUCM's (an export's) */
		for (int i = 0; i < r->nf; i++)
			if (strcasecmp(r->fld[i], names[CS_CUCM_TYPE]) == 0)
				return read_names(r);
		return cs_error_set(err, "a row before the header: a CUCM CDR "
		    "file starts with its fields' names (\"cdrRecordType\",...)");
	}
	if (r->nf != r->ncols)
		return cs_error_set(err, "expected %d fields, found %d", r->ncols,
		    r->nf);
	for (int k = 0; k < CS_CUCM_NFIELDS; k++)
		rec->f[k] = r->col[k] >= 0 ? r->fld[r->col[k]] : "";
	if (r->col[CS_CUCM_TYPE] < 0 || integer(rec->f[CS_CUCM_TYPE], &v) != 0 ||
	    v < 0 || v > 2) {
		if (r->col[CS_CUCM_TYPE] < 0)
			return cs_error_set(err, "the header has no column "
			    "cdrRecordType");
		return bad_field(r, CS_CUCM_TYPE, "is not 0, 1 or 2", err);
	}
	rec->type = (int)v;
	/* a CMR, or a start record: no leg */
	if (rec->type != 1)
		return 1;
	if (r->missing[0] != '\0')
		return cs_error_set(err, "the header has no column %s: is it a "
		    "CDR file?", r->missing);
	if (integer(rec->f[CS_CUCM_CM_ID], &v) != 0 || v < 0)
		return bad_field(r, CS_CUCM_CM_ID, "is not a number", err);
	if (integer(rec->f[CS_CUCM_CALL_ID], &v) != 0 || v < 0)
		return bad_field(r, CS_CUCM_CALL_ID, "is not a number", err);
	snprintf(rec->call_id, sizeof(rec->call_id), "%s-%s",
	    rec->f[CS_CUCM_CM_ID], rec->f[CS_CUCM_CALL_ID]);
	if (epoch(r, rec, CS_CUCM_ORIGINATION, 0, &rec->start, err) != 0 ||
	    epoch(r, rec, CS_CUCM_CONNECT, 1, &rec->connect, err) != 0 ||
	    epoch(r, rec, CS_CUCM_DISCONNECT, 0, &rec->end, err) != 0)
		return -1;
	if (rec->end < rec->start)
		return bad_field(r, CS_CUCM_DISCONNECT, "is before "
		    "dateTimeOrigination", err);
	if (rec->connect != 0 && (rec->connect < rec->start ||
	    rec->connect > rec->end))
		return bad_field(r, CS_CUCM_CONNECT, "is not between "
		    "dateTimeOrigination and dateTimeDisconnect", err);
	if (rec->end - rec->start > CS_LOG_DURATION_MAX)
		return bad_field(r, CS_CUCM_DISCONNECT, "is more than a week "
		    "after dateTimeOrigination", err);
	rec->orig_cause = rec->dest_cause = 0;
	if ((r->col[CS_CUCM_ORIG_CAUSE] >= 0 &&
	    cause(r, rec, CS_CUCM_ORIG_CAUSE, &rec->orig_cause, err) != 0) ||
	    (r->col[CS_CUCM_DEST_CAUSE] >= 0 &&
	    cause(r, rec, CS_CUCM_DEST_CAUSE, &rec->dest_cause, err) != 0))
		return -1;
	rec->ended = ended_of(rec);
	rec->has_pilot = r->col[CS_CUCM_HUNT_PILOT] >= 0;
	return 0;
}
