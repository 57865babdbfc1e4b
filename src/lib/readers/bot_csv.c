/*
 * bot_csv.c: callstat's canonical bot events as CSV (bot-csv): a header
 * that names the columns (session_id, ts and type required, in any order,
 * the others optional), then one event a row (callstat-import(1), "Bot
 * transcripts").  RFC 4180 with "" doubling, split by libcsv in strict
 * mode; one line is one record, so a quoted field cannot span lines.  An
 * empty field is an absent one.  Columns no one knows are kept, as a JSON
 * object of strings, in the stored event's extra.
 */
#include <csv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "../timeutil.h"
#include "bot.h"
#include "readers.h"

/* The canonical columns, in the order of struct cs_bot_rec's fields. */
enum col {
	C_SESSION, C_TS, C_TYPE, C_SPEAKER, C_TEXT, C_INTENT, C_CONFIDENCE,
	C_MATCH, C_TRANSFER_TARGET, C_OUTCOME, C_SERVICE, C_CALL_ID,
	C_SIP_CALL_ID, C_CALLER, C_CALLED, C_LANG,
	NCOL,
	C_EXTRA = NCOL		/* a column no one knows */
};

static const char *const names[NCOL] = {
	"session_id", "ts", "type", "speaker", "text", "intent", "confidence",
	"match", "transfer_target", "outcome", "service", "call_id",
	"sip_call_id", "caller", "called", "lang",
};

/* More columns than any export has: a header with more is refused (and
 * the check for names given twice stays cheap). */
#define MAX_COLS 256

struct csv_rd {
	struct cs_format_ctx ctx;
	struct csv_parser csv;
	/* the line's fields, each NUL-terminated in buf, as UTF-8 */
	char *buf;
	size_t cap, used;
	size_t *off;
	int nf, offcap, ascii, oom;
	/* the header: each column's name (in hbuf) and what it is */
	char *hbuf;
	size_t *hoff;
	int *role;
	int ncols;		/* 0: no header read (or a bad one) */
	int seen;		/* a line that is not blank was read */
	/* the event parsed last; its texts point into buf */
	struct cs_bot_rec rec;
	char *extra;
};

static const char *
field(const struct csv_rd *rd, int i)
{
	return rd->buf + rd->off[i];
}

static void
field_cb(void *s, size_t len, void *data)
{
	struct csv_rd *rd = data;

	if (rd->oom)
		return;
	if (rd->nf == rd->offcap) {
		int n = rd->offcap > 0 ? 2 * rd->offcap : 32;
		size_t *o = realloc(rd->off, (size_t)n * sizeof(*o));

		if (o == NULL) {
			rd->oom = 1;
			return;
		}
		rd->off = o;
		rd->offcap = n;
	}
	if (s == NULL)
		len = 0;
	rd->off[rd->nf++] = rd->used;
	if (rd->ascii) {
		if (len > 0)
			memcpy(rd->buf + rd->used, s, len);
		rd->buf[rd->used + len] = '\0';
		rd->used += len + 1;
	} else {
		rd->used += cs_readers_utf8_copy(rd->buf + rd->used,
		    s != NULL ? s : "", len) + 1;
	}
}

/* Where field n (from 1) of a line starts, from 1: the quote that opens
 * the field left open. */
static long
field_start(const char *s, size_t len, int n)
{
	size_t i = 0;

	for (int k = 1; k < n && i < len; k++) {
		int quoted = 0;

		for (; i < len && (quoted || s[i] != ','); i++)
			if (s[i] == '"')
				quoted = !quoted;
		i++;
	}
	while (i < len && (s[i] == ' ' || s[i] == '\t'))
		i++;
	return (long)i + 1;
}

/* Splits the line into the reader's fields. */
static int
split(struct csv_rd *rd, const char *line, size_t len, struct cs_error *err)
{
	size_t done;

	/* every byte read as Latin-1, and a NUL per field (fields <= len+1) */
	if (len > (SIZE_MAX - 2) / 2)
		return cs_error_set(err, "out of memory");
	if (cs_readers_begin(line, len, &rd->ascii, &rd->buf, &rd->cap,
	    2 * len + 2, err) != 0)
		return -1;
	rd->used = 0;
	rd->nf = 0;
	rd->oom = 0;
	if ((done = csv_parse(&rd->csv, line, len, field_cb, NULL, rd)) != len) {
		int e = csv_error(&rd->csv);
		int n = rd->nf + 1;

		cs_readers_csv_reset(&rd->csv);
		if (e != CSV_EPARSE)
			return cs_error_set(err, "out of memory");
		err->column = (long)done + 1;
		return cs_error_set(err, "misplaced quote in field %d (a quoted "
		    "field must end at a comma, with the quotes inside it "
		    "doubled)", n);
	}
	if (csv_fini(&rd->csv, field_cb, NULL, rd) != 0) {
		int n = rd->nf + 1;

		cs_readers_csv_reset(&rd->csv);
		err->column = field_start(line, len, n);
		return cs_error_set(err, "unterminated quoted field %d (a field "
		    "cannot span lines in bot-csv: write its line breaks as "
		    "spaces)", n);
	}
	if (rd->oom)
		return cs_error_set(err, "out of memory");
	return 0;
}

static int
role_of(const char *name)
{
	for (int i = 0; i < NCOL; i++)
		if (strcmp(name, names[i]) == 0)
			return i;
	return C_EXTRA;
}

/* The line's fields name session_id, ts and type: a header. */
static int
is_header(const struct csv_rd *rd)
{
	unsigned found = 0;

	for (int i = 0; i < rd->nf; i++) {
		int r = role_of(field(rd, i));

		if (r == C_SESSION || r == C_TS || r == C_TYPE)
			found |= 1u << r;
	}
	return found == (1u << C_SESSION | 1u << C_TS | 1u << C_TYPE);
}

static void
drop_header(struct csv_rd *rd)
{
	free(rd->hbuf);
	free(rd->hoff);
	free(rd->role);
	rd->hbuf = NULL;
	rd->hoff = NULL;
	rd->role = NULL;
	rd->ncols = 0;
}

/* The line as the file's header (a bad one leaves the file with none). */
static int
set_header(struct csv_rd *rd, struct cs_error *err)
{
	int n = rd->nf;

	drop_header(rd);
	if (n > MAX_COLS)
		return cs_error_set(err, "header: %d columns, more than %d",
		    n, MAX_COLS);
	rd->hbuf = malloc(rd->used);
	rd->hoff = malloc((size_t)n * sizeof(*rd->hoff));
	rd->role = malloc((size_t)n * sizeof(*rd->role));
	if (rd->hbuf == NULL || rd->hoff == NULL || rd->role == NULL) {
		drop_header(rd);
		return cs_error_set(err, "out of memory");
	}
	memcpy(rd->hbuf, rd->buf, rd->used);
	for (int i = 0; i < n; i++) {
		const char *name = rd->hbuf + rd->off[i];

		rd->hoff[i] = rd->off[i];
		rd->role[i] = role_of(name);
		if (*name == '\0') {
			drop_header(rd);
			return cs_error_set(err, "header: column %d has no name; "
			    "name it or remove it", i + 1);
		}
		for (int j = 0; j < i; j++)
			if (strcmp(name, rd->hbuf + rd->hoff[j]) == 0) {
				cs_error_set(err, "header: column '%.40s' named "
				    "twice (columns %d and %d)", name, j + 1,
				    i + 1);
				drop_header(rd);
				return -1;
			}
	}
	rd->ncols = n;
	return 0;
}

/* A line read while the file has no header. */
static int
no_header(struct csv_rd *rd, int first, struct cs_error *err)
{
	unsigned found = 0;
	char missing[64] = "";

	if (!first)
		return cs_error_set(err, "no header naming session_id, ts and "
		    "type: a bot-csv file starts with one");
	for (int i = 0; i < rd->nf; i++) {
		int r = role_of(field(rd, i));

		if (r != C_EXTRA)
			found |= 1u << r;
	}
	if (found == 0)
		return cs_error_set(err, "no header: a bot-csv file starts with "
		    "a line naming its columns (session_id,ts,type,...)");
	for (int r = C_SESSION; r <= C_TYPE; r++)
		if (!(found & 1u << r))
			snprintf(missing + strlen(missing), sizeof(missing) -
			    strlen(missing), "%s%s", *missing ? ", " : "",
			    names[r]);
	return cs_error_set(err, "header: no column %s; a bot-csv header names "
	    "session_id, ts and type, in any order", missing);
}

static int
time_of(const char *ts, struct cs_bot_rec *rec, struct cs_error *err)
{
	int rc = cs_iso8601_parse(ts, strlen(ts), &rec->time, &rec->msec);

	if (rc == -2)
		return cs_error_set(err, "ts: '%.40s' has no offset; write it "
		    "with Z or +01:00", ts);
	if (rc != 0)
		return cs_error_set(err, "ts: '%.40s' is not an ISO 8601 time "
		    "(2025-03-04T09:01:02Z)", ts);
	if (!cs_log_time_ok(rec->time))
		return cs_error_set(err, "ts: '%.40s' is out of range (%d to %d)",
		    ts, CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
	return 0;
}

/*
 * A decimal from 0 to 1, with a point or a comma (a French spreadsheet's),
 * in thousandths rounded half up; decimal digits, not a double, so that
 * 0.1235 is 124 whatever the binary value of 0.1235.
 */
static int
confidence_of(const char *s, int *out, struct cs_error *err)
{
	const char *p = s;
	int whole = 0, frac = 0, nd = 0, digits = 0, up = 0, nonzero = 0;

	*out = -1;
	if (s == NULL)
		return 0;
	for (; *p >= '0' && *p <= '9'; p++, digits++)
		if (whole < 10)
			whole = whole * 10 + (*p - '0');
	if (*p == '.' || *p == ',')
		for (p++; *p >= '0' && *p <= '9'; p++, digits++, nd++) {
			if (nd < 3)
				frac = frac * 10 + (*p - '0');
			else if (nd == 3)
				up = *p >= '5';
			nonzero |= *p != '0';
		}
	if (digits == 0 || *p != '\0')
		return cs_error_set(err, "confidence: '%.40s' is not a number "
		    "from 0 to 1 (0.92 or 0,92)", s);
	if (whole > 1 || (whole == 1 && nonzero))
		return cs_error_set(err, "confidence: %.40s is not between 0 "
		    "and 1", s);
	for (; nd < 3; nd++)
		frac *= 10;
	*out = whole * 1000 + frac + up;
	return 0;
}

/* The columns no one knows, as a JSON object of strings, or NULL. */
static int
extra_of(struct csv_rd *rd, struct cs_error *err)
{
	json_t *o = NULL;

	free(rd->extra);
	rd->extra = NULL;
	for (int i = 0; i < rd->ncols; i++) {
		const char *v = field(rd, i);

		if (rd->role[i] != C_EXTRA || *v == '\0')
			continue;
		if (o == NULL && (o = json_object()) == NULL)
			return cs_error_set(err, "out of memory");
		if (json_object_set_new(o, rd->hbuf + rd->hoff[i],
		    json_string(v)) != 0) {
			json_decref(o);
			return cs_error_set(err, "out of memory");
		}
	}
	if (o == NULL)
		return 0;
	rd->extra = json_dumps(o, JSON_COMPACT | JSON_SORT_KEYS);
	json_decref(o);
	return rd->extra == NULL ? cs_error_set(err, "out of memory") : 0;
}

/* The row's fields into rec. */
static int
fields(struct csv_rd *rd, struct cs_error *err)
{
	const char *v[NCOL] = { NULL };
	struct cs_bot_rec *r = &rd->rec;

	for (int i = 0; i < rd->ncols; i++)
		if (rd->role[i] != C_EXTRA && *field(rd, i) != '\0')
			v[rd->role[i]] = field(rd, i);
	memset(r, 0, sizeof(*r));
	if (v[C_SESSION] == NULL)
		return cs_error_set(err, "no session_id");
	if (v[C_TS] == NULL)
		return cs_error_set(err, "no ts");
	if (v[C_TYPE] == NULL)
		return cs_error_set(err, "no type");
	if (time_of(v[C_TS], r, err) != 0 ||
	    confidence_of(v[C_CONFIDENCE], &r->confidence, err) != 0 ||
	    extra_of(rd, err) != 0)
		return -1;
	r->session = v[C_SESSION];
	r->type = v[C_TYPE];
	r->speaker = v[C_SPEAKER];
	r->text = v[C_TEXT];
	r->intent = v[C_INTENT];
	r->match = v[C_MATCH];
	r->transfer_target = v[C_TRANSFER_TARGET];
	r->outcome = v[C_OUTCOME];
	r->service = v[C_SERVICE];
	r->call_id = v[C_CALL_ID];
	r->sip_call_id = v[C_SIP_CALL_ID];
	r->caller = v[C_CALLER];
	r->called = v[C_CALLED];
	r->lang = v[C_LANG];
	r->extra = rd->extra;
	return 0;
}

/* ---- the entry in the table of formats ---- */

struct look {
	unsigned found;
};

static void
look_cb(void *s, size_t len, void *data)
{
	struct look *l = data;

	for (int r = C_SESSION; s != NULL && r <= C_TYPE; r++)
		if (len == strlen(names[r]) && memcmp(s, names[r], len) == 0)
			l->found |= 1u << r;
}

/* A line of bot-csv that decides: its header, naming session_id, ts and
 * type among its columns. */
static int
looks_csv(const char *s, const char *e)
{
	struct csv_parser p;
	struct look l = { 0 };
	size_t n = (size_t)(e - s);
	int ok;

	if (n < 16 || memmem(s, n, "session_id", 10) == NULL)
		return 0;
	if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI) != 0)
		return 0;
	ok = csv_parse(&p, s, n, look_cb, NULL, &l) == n &&
	    csv_fini(&p, look_cb, NULL, &l) == 0;
	csv_free(&p);
	return ok && l.found == (1u << C_SESSION | 1u << C_TS | 1u << C_TYPE);
}

static void *
csv_open(const struct cs_format_ctx *ctx, struct cs_error *err)
{
	struct csv_rd *rd = calloc(1, sizeof(*rd));

	if (rd == NULL) {
		cs_error_set(err, "out of memory");
		return NULL;
	}
	rd->ctx = *ctx;
	/* no line end reaches libcsv (CR is binary data in a line): a line
	   is always one record */
	if (csv_init(&rd->csv, CSV_STRICT | CSV_STRICT_FINI |
	    CSV_APPEND_NULL) != 0) {
		free(rd);
		cs_error_set(err, "out of memory");
		return NULL;
	}
	return rd;
}

static void
csv_close(void *p)
{
	struct csv_rd *rd = p;

	if (rd == NULL)
		return;
	csv_free(&rd->csv);
	drop_header(rd);
	free(rd->buf);
	free(rd->off);
	free(rd->extra);
	free(rd);
}

static int
csv_parse_line(void *p, const char *line, size_t len, int64_t *t,
    struct cs_error *err)
{
	struct csv_rd *rd = p;
	int first;

	while (len > 0 && (*line == ' ' || *line == '\t')) {
		line++;
		len--;
	}
	while (len > 0 && (line[len - 1] == ' ' || line[len - 1] == '\t'))
		len--;
	if (len == 0)
		return 1;
	first = !rd->seen;
	rd->seen = 1;
	if (split(rd, line, len, err) != 0)
		return -1;
	/* a header again (files joined with cat): the rows after it are its */
	if (is_header(rd))
		return set_header(rd, err) != 0 ? -1 : 1;
	if (rd->ncols == 0)
		return no_header(rd, first, err);
	if (rd->nf != rd->ncols)
		return cs_error_set(err, "expected %d fields as the header names, "
		    "found %d", rd->ncols, rd->nf);
	if (fields(rd, err) != 0)
		return -1;
	*t = rd->rec.time;
	return 0;
}

static int
csv_store(void *p, const struct cs_store_at *at)
{
	struct csv_rd *rd = p;

	/* keyed by what the event says (bot.c), not by its line, whose
	   meaning depends on the header */
	return cs_bot_store(&rd->rec, 0, &rd->ctx, at);
}

const struct cs_format cs_format_bot_csv = {
	.name = "bot-csv",
	.title = "a bot's events (CSV)",
	.piece = CS_PIECE_BOT,
	.table = &cs_table_bot_event,
	.mapped = CS_TABLEDEF_ALL & ~(1ULL << CS_BOT_COL_TEXT |
	    1ULL << CS_BOT_COL_LANG | 1ULL << CS_BOT_COL_EXTRA |
	    1ULL << CS_BOT_COL_CONFIDENCE),
	.looks = looks_csv,
	.noise = NULL,
	.open = csv_open,
	.close = csv_close,
	.header = 1,
	.state = cs_format_no_state,
	.resume = cs_format_no_resume,
	.parse = csv_parse_line,
	.store = csv_store,
	.keyed = 1,
	.map = cs_bot_map,
};
