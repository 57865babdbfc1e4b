/*
 * asterisk_cdr.c: the reader of Asterisk cdr_csv files (Master.csv).
 *
 * One line is one record, split by libcsv in strict mode, or, when the
 * line is as Asterisk writes it, by split_fast() (which leaves to libcsv
 * every line it does not fully understand).  The reader keeps its buffers
 * from line to line, so that reading a file allocates only when a line is
 * longer than every line before it.
 */
#include <csv.h>
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "../stamp.h"
#include "../timeutil.h"
#include "readers.h"

#define CDR_MINCOLS	16
#define CDR_MAXCOLS	21

struct cdr_priv {
	struct csv_parser csv;
	char	*buf;			/* the fields, each NUL-terminated */
	size_t	 cap;
	size_t	 used;
	size_t	 off[CDR_MAXCOLS];	/* where each field starts in buf */
	size_t	 flen[CDR_MAXCOLS];
	int	 nf;			/* fields of the line, stored or not */
	int	 ascii;			/* the line is ASCII: no conversion */
	char	*scratch;		/* a quoted field's text, unescaped */
	size_t	 scratch_cap;
	struct cs_stamp_memo stamp;	/* the last hour of stamps read */
};

/* Where the columns after the 16th go, for each column count. */
#define COL17	(-1)	/* uniqueid or userfield: r->col17 */
static const int tails[CDR_MAXCOLS - CDR_MINCOLS + 1][5] = {
	{ 0 },
	{ COL17 },
	{ CS_CDR_UNIQUEID, CS_CDR_USERFIELD },
	{ CS_CDR_PEERACCOUNT, CS_CDR_LINKEDID, CS_CDR_SEQUENCE },
	{ COL17, CS_CDR_PEERACCOUNT, CS_CDR_LINKEDID, CS_CDR_SEQUENCE },
	{ CS_CDR_UNIQUEID, CS_CDR_USERFIELD, CS_CDR_PEERACCOUNT,
	    CS_CDR_LINKEDID, CS_CDR_SEQUENCE },
};

static const char *const field_names[CS_CDR_NFIELDS] = {
	"accountcode", "src", "dst", "dcontext", "clid", "channel",
	"dstchannel", "lastapp", "lastdata", "start", "answer", "end",
	"duration", "billsec", "disposition", "amaflags", "uniqueid",
	"userfield", "peeraccount", "linkedid", "sequence"
};

static void
field_cb(void *s, size_t len, void *data)
{
	struct cdr_priv *p = data;

	if (p->nf < CDR_MAXCOLS) {
		p->off[p->nf] = p->used;
		if (s == NULL)
			len = 0;
		if (p->ascii) {
			if (len > 0)
				memcpy(p->buf + p->used, s, len);
			p->buf[p->used + len] = '\0';
			p->flen[p->nf] = len;
		} else
			p->flen[p->nf] = cs_readers_utf8_copy(p->buf + p->used,
			    s != NULL ? s : "", len);
		p->used += p->flen[p->nf] + 1;
	}
	p->nf++;
}

/*
 * Splits a line as Asterisk writes it, without libcsv: each field quoted
 * (quotes inside it doubled) or bare, with no space around it, and commas
 * between.  That is every line cdr_csv writes, and libcsv, byte by byte,
 * was a fifth of an import's reading.  Anything else (a space or a tab
 * where libcsv would trim it, a quote out of place, a field left open, an
 * empty line) is declined before anything is stored, and libcsv splits the
 * line and says what is wrong with it; the tests check that both split
 * every line of the samples alike.  Returns 1 when split, 0 when declined,
 * -1 when out of memory.
 */
static int
split_fast(struct cdr_priv *p, const char *line, size_t len)
{
	const char *s = line, *end = line + len;

	if (len == 0)
		return 0;
	for (;;) {
		if (s < end && *s == '"') {
			const char *q = memchr(s + 1, '"', (size_t)(end - s - 1));
			size_t n = 0;

			if (q == NULL)
				return 0;
			if (q + 1 < end && q[1] == '"') {
				/* quotes inside: unescape into scratch */
				const char *from = s + 1;

				for (;;) {
					size_t k = (size_t)(q - from) + 1;

					if (n + k > p->scratch_cap) {
						size_t cap = 2 * (n + k) + 64;
						char *ns = realloc(p->scratch, cap);

						if (ns == NULL)
							return -1;
						p->scratch = ns;
						p->scratch_cap = cap;
					}
					memcpy(p->scratch + n, from, k - 1);
					n += k - 1;
					if (q + 1 < end && q[1] == '"') {
						p->scratch[n++] = '"';
						from = q + 2;
						q = memchr(from, '"', (size_t)(end - from));
						if (q == NULL)
							return 0;
						continue;
					}
					break;
				}
				field_cb(p->scratch, n, p);
			} else {
				field_cb((void *)(s + 1), (size_t)(q - s - 1), p);
			}
			s = q + 1;
		} else {
			const char *c = memchr(s, ',', (size_t)(end - s));
			const char *e = c != NULL ? c : end;

			for (const char *t = s; t < e; t++)
				if (*t == '"' || *t == ' ' || *t == '\t' ||
				    *t == '\r' || *t == '\n')
					return 0;
			field_cb(e > s ? (void *)s : NULL, (size_t)(e - s), p);
			s = e;
		}
		if (s == end)
			return 1;
		if (*s != ',')
			return 0;
		s++;
		if (s == end) {
			/* a last empty field */
			field_cb(NULL, 0, p);
			return 1;
		}
	}
}

int
cs_cdr_reader_init(struct cs_cdr_reader *r, int utc, struct cs_error *err)
{
	struct cdr_priv *p;

	r->utc = utc;
	r->ncols = 0;
	r->col17 = 0;
	r->no_fast = 0;
	r->fast = 0;
	r->priv = NULL;
	if ((p = calloc(1, sizeof(*p))) == NULL)
		return cs_error_set(err, "out of memory");
	p->cap = 4096;
	if ((p->buf = malloc(p->cap)) == NULL) {
		free(p);
		return cs_error_set(err, "out of memory");
	}
	/* No line end reaches libcsv: CR and LF are binary data here, so a
	 * line is always one record. */
	csv_init(&p->csv, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL);
	csv_set_blk_size(&p->csv, 1024);
	r->priv = p;
	return 0;
}

void
cs_cdr_reader_release(struct cs_cdr_reader *r)
{
	struct cdr_priv *p = r->priv;

	if (p == NULL)
		return;
	csv_free(&p->csv);
	free(p->scratch);
	free(p->buf);
	free(p);
	r->priv = NULL;
}

/* 1 if s looks like a uniqueid: [systemname-]digits.digits */
static int
is_uniqueid(const char *s)
{
	const char *p = strrchr(s, '-');
	int a = 0, b = 0;

	/* The system name itself may hold dashes ("Asterisk-01-..."). */
	p = p != NULL ? p + 1 : s;
	while (*p >= '0' && *p <= '9') {
		p++;
		a++;
	}
	if (*p++ != '.')
		return 0;
	while (*p >= '0' && *p <= '9') {
		p++;
		b++;
	}
	return a > 0 && b > 0 && *p == '\0';
}

/* A count of 0 to max; seconds when max is CS_LOG_DURATION_MAX. */
static int
parse_count(const char *name, const char *s, long max, long *v,
    struct cs_error *err)
{
	const char *p = s;
	long n = 0;
	int big = 0;

	if (*p == '\0')
		return cs_error_set(err, "%s is empty: a number is needed",
		    name);
	if (*p == '-')
		p++;
	if (*p < '0' || *p > '9')
		return cs_error_set(err, "%s is not a number: '%.*s'", name,
		    cs_readers_quote_len(s), s);
	for (; *p >= '0' && *p <= '9'; p++) {
		if (n > (max - (*p - '0')) / 10)
			big = 1;
		else
			n = n * 10 + (*p - '0');
	}
	if (*p != '\0')
		return cs_error_set(err, "%s is not a number: '%.*s'", name,
		    cs_readers_quote_len(s), s);
	if (*s == '-')
		return cs_error_set(err, "%s is negative: '%.*s'", name,
		    cs_readers_quote_len(s), s);
	if (big)
		return cs_error_set(err, "%s is out of range: '%.*s' (at most "
		    "%ld%s); remove the line or correct it", name, cs_readers_quote_len(s),
		    s, max, max == CS_LOG_DURATION_MAX ? " seconds, 7 days" : "");
	*v = n;
	return 0;
}

/*
 * Parses a time field into its instants (UTC with r->utc, else as
 * cs_local_to_utc gives them) and returns their count; *empty tells
 * whether it was empty (then 0).
 */
static int
parse_time(struct cs_cdr_reader *r, const char *name, const char *s,
    size_t len, int64_t at[2], int *empty, struct cs_error *err)
{
	struct cdr_priv *p = r->priv;
	struct cs_datetime dt;
	int n;

	*empty = len == 0;
	if (len == 0)
		return 0;
	/* a stamp of the hour before: what the long way below gives it */
	if ((n = cs_stamp_get(&p->stamp, s, len, at)) >= 0)
		return n;
	if (cs_datetime_parse(s, len, &dt) == -1)
		return cs_error_set(err, "%s is not a valid date and time "
		    "(YYYY-MM-DD HH:MM:SS): '%.*s'", name, cs_readers_quote_len(s), s);
	if (!cs_log_datetime_ok(&dt))
		return cs_error_set(err, "%s is out of range: '%.*s' (years "
		    "%d to %d are read); check the PBX's clock, then remove "
		    "the line or correct it", name, cs_readers_quote_len(s), s,
		    CS_LOG_YEAR_MIN, CS_LOG_YEAR_MAX);
	return cs_stamp_place(&p->stamp, s, len, &dt, r->utc, at);
}

int
cs_cdr_parse(struct cs_cdr_reader *r, const char *line, size_t len,
    struct cs_cdr_record *rec, struct cs_error *err)
{
	struct cdr_priv *p = r->priv;
	int64_t tstart[2], tanswer[2], tend[2], hint;
	int nstart, nanswer, nend, noanswer, noend, dummy, n, col17 = 0;

	/* Room for every byte read as Latin-1, and a NUL per field. */
	if (len > (SIZE_MAX - 2) / 2)
		return cs_error_set(err, "out of memory");
	if (cs_readers_begin(line, len, &p->ascii, &p->buf, &p->cap, 2 * len + 2,
	    err) != 0)
		return -1;
	p->used = 0;
	p->nf = 0;

	switch (r->no_fast ? 0 : split_fast(p, line, len)) {
	case 1:
		r->fast++;
		goto split;
	case -1:
		return cs_error_set(err, "out of memory");
	default:
		p->used = 0;
		p->nf = 0;
		break;
	}
	if (csv_parse(&p->csv, line, len, field_cb, NULL, p) != len) {
		int e = csv_error(&p->csv);

		n = p->nf + 1;
		cs_readers_csv_reset(&p->csv);
		if (e == CSV_EPARSE)
			return cs_error_set(err, "misplaced quote in field %d "
			    "(a quoted field must end at a comma, with the "
			    "quotes inside it doubled)", n);
		return cs_error_set(err, "out of memory");
	}
	if (csv_fini(&p->csv, field_cb, NULL, p) != 0) {
		n = p->nf + 1;
		cs_readers_csv_reset(&p->csv);
		return cs_error_set(err, "unterminated quoted field %d "
		    "(a field that starts with '\"' must end with '\"')", n);
	}

split:
	n = p->nf;
	if (n == 0)
		return cs_error_set(err, "empty line");
	if (r->ncols != 0 && n != r->ncols)
		return cs_error_set(err, "expected %d fields like the first "
		    "record of this file, found %d", r->ncols, n);
	if (n < CDR_MINCOLS || n > CDR_MAXCOLS)
		return cs_error_set(err, "expected %d to %d fields, found %d",
		    CDR_MINCOLS, CDR_MAXCOLS, n);

	memset(rec, 0, sizeof(*rec));
	for (int i = 0; i < CDR_MINCOLS; i++)
		rec->f[i] = p->buf + p->off[i];
	if (n == 17 || n == 20) {
		if (r->ncols != 0)
			col17 = r->col17;
		else
			col17 = is_uniqueid(p->buf + p->off[16]) ?
			    CS_CDR_UNIQUEID : CS_CDR_USERFIELD;
	}
	for (int i = CDR_MINCOLS; i < n; i++) {
		int c = tails[n - CDR_MINCOLS][i - CDR_MINCOLS];

		rec->f[c == COL17 ? col17 : c] = p->buf + p->off[i];
	}

	if (p->flen[CS_CDR_START] == 0)
		return cs_error_set(err, "start is empty: every record needs "
		    "its start time");
	if ((nstart = parse_time(r, field_names[CS_CDR_START],
	    rec->f[CS_CDR_START], p->flen[CS_CDR_START], tstart, &dummy,
	    err)) == -1 ||
	    (nanswer = parse_time(r, field_names[CS_CDR_ANSWER],
	    rec->f[CS_CDR_ANSWER], p->flen[CS_CDR_ANSWER], tanswer, &noanswer,
	    err)) == -1 ||
	    (nend = parse_time(r, field_names[CS_CDR_END], rec->f[CS_CDR_END],
	    p->flen[CS_CDR_END], tend, &noend, err)) == -1)
		return -1;
	/* Bounded, so that start + duration cannot overflow. */
	if (parse_count("duration", rec->f[CS_CDR_DURATION],
	    CS_LOG_DURATION_MAX, &rec->duration, err) == -1 ||
	    parse_count("billsec", rec->f[CS_CDR_BILLSEC],
	    CS_LOG_DURATION_MAX, &rec->billsec, err) == -1)
		return -1;
	rec->sequence = -1;
	if (rec->f[CS_CDR_SEQUENCE] != NULL &&
	    parse_count("sequence", rec->f[CS_CDR_SEQUENCE], INT_MAX,
	    &rec->sequence, err) == -1)
		return -1;

	/* (read in UTC, each time has one instant) */
	rec->start = cs_stamp_instant(nstart, tstart, NULL, &rec->ambiguous);
	/* duration and billsec are exact: they pick the instant. */
	hint = rec->start + (rec->duration - rec->billsec);
	rec->answer = noanswer ? 0 :
	    cs_stamp_instant(nanswer, tanswer, &hint, &dummy);
	hint = rec->start + rec->duration;
	rec->end = noend ? hint : cs_stamp_instant(nend, tend, &hint, &dummy);

	if (r->ncols == 0) {
		r->ncols = n;
		r->col17 = col17;
	}
	return 0;
}
