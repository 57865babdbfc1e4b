/*
 * readers.h: the parsers of Asterisk's log formats, and the helpers every
 * reader shares.  The table of formats (format.h) is how the rest of the
 * library reaches them.
 *
 * A reader turns one line of a log (without its line end, BOM already
 * removed by the caller) into a record: the line's fields, checked and
 * normalised, but not interpreted.  It never reads files itself, so the
 * caller streams any input, counts lines and reports with the file name.
 * Strings in a record point into the reader's own buffer and stay valid
 * until the next call on the same reader.  Every field is valid UTF-8:
 * bytes that are not are read as Latin-1 (caller-ID names from old PBXs).
 * On a rejected line the reader returns -1 and err says why, in words a
 * user can act on ("expected 16 to 21 fields, found 9").
 */
#ifndef CS_READERS_H
#define CS_READERS_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"

/* ---- Asterisk cdr_csv (Master.csv) ---- */

/* Canonical column positions: a file with fewer columns leaves the
 * missing ones NULL (16 to 21 columns: callstat-import(1)). */
enum cs_cdr_field {
	CS_CDR_ACCOUNTCODE, CS_CDR_SRC, CS_CDR_DST, CS_CDR_DCONTEXT,
	CS_CDR_CLID, CS_CDR_CHANNEL, CS_CDR_DSTCHANNEL, CS_CDR_LASTAPP,
	CS_CDR_LASTDATA, CS_CDR_START, CS_CDR_ANSWER, CS_CDR_END,
	CS_CDR_DURATION, CS_CDR_BILLSEC, CS_CDR_DISPOSITION, CS_CDR_AMAFLAGS,
	CS_CDR_UNIQUEID, CS_CDR_USERFIELD, CS_CDR_PEERACCOUNT, CS_CDR_LINKEDID,
	CS_CDR_SEQUENCE,
	CS_CDR_NFIELDS
};

struct cs_cdr_record {
	const char *f[CS_CDR_NFIELDS];	/* NULL: column absent from the file */
	int64_t start;			/* UTC instants */
	int64_t answer;			/* 0: not answered (empty field) */
	int64_t end;
	long duration, billsec;
	long sequence;			/* -1 when absent */
	int ambiguous;	/* start fell in the repeated hour of a DST change:
			   the earlier instant was taken */
};

struct cs_cdr_reader {
	int utc;	/* times are UTC (usegmtime=yes), else local */
	int ncols;	/* columns of this file, 0 until the first good line */
	int col17;	/* for 17 and 20 columns: CS_CDR_UNIQUEID or
			   CS_CDR_USERFIELD, decided on the first good line */
	int no_fast;	/* split every line with libcsv (the tests compare) */
	long fast;	/* lines split without libcsv */
	void *priv;	/* the reader's buffers */
};

/* Prepares a reader for one file.  Returns -1 when out of memory. */
int cs_cdr_reader_init(struct cs_cdr_reader *r, int utc, struct cs_error *err);
/* Frees what the reader holds; the struct can be initialised again. */
void cs_cdr_reader_release(struct cs_cdr_reader *r);
/*
 * Parses one line.  The number of columns (16 to 21) is fixed by the first
 * line that parses; a later line with another count is rejected.  Fields are
 * RFC 4180 quoted with "" doubling, integers and empty times bare.  Start is
 * required, answer may be empty, end may be empty (then start + duration).
 * In local time, a time of the repeated hour takes the earlier instant
 * (start) or the instant nearest to what duration and billsec imply
 * (answer, end), and sets ambiguous.
 */
int cs_cdr_parse(struct cs_cdr_reader *r, const char *line, size_t len,
    struct cs_cdr_record *rec, struct cs_error *err);

/* ---- Asterisk queue_log ---- */

#define CS_QLOG_NDATA 5

struct cs_qlog_record {
	int64_t time;			/* UTC instant */
	const char *callid, *queue, *agent, *event;
	const char *data[CS_QLOG_NDATA];	/* never NULL; "" when absent;
					   data[4] holds the remainder, '|'
					   joined, when there are more */
	int ndata;			/* data fields the line had */
};

struct cs_qlog_reader {
	int utc;	/* datetime stamps (realtime table exports) are UTC */
	void *priv;
};

int cs_qlog_reader_init(struct cs_qlog_reader *r, int utc, struct cs_error *err);
void cs_qlog_reader_release(struct cs_qlog_reader *r);
/*
 * Parses one line: epoch|callid|queue|agent|event|data... as the file is
 * written (old 1.4 and current field counts), or the same columns exported
 * from the realtime table (time as "YYYY-MM-DD HH:MM:SS[.ffffff]",
 * data1..data5), '|' separated with blanks around fields ignored.
 * Returns 0 for a record, 1 for a line that holds no record and is not an
 * error (a '#' comment, the header or the "---+---" rule of a table dump),
 * -1 for a rejected line.  Unknown events are records.  For known events,
 * data fields that must be numbers are checked.
 */
int cs_qlog_parse(struct cs_qlog_reader *r, const char *line, size_t len,
    struct cs_qlog_record *rec, struct cs_error *err);

/* ---- Shared by the readers themselves (format.c) ---- */

/* A blank around a field: a space or a tab. */
static inline int
cs_readers_blank(int c)
{
	return c == ' ' || c == '\t';
}

/*
 * Index of the first byte of s that is a control character other than tab
 * (binary data in a text log), or len when there is none; then *ascii (may
 * be NULL) tells whether every byte is ASCII.
 */
size_t cs_readers_find_binary(const char *s, size_t len, int *ascii);

/*
 * The checks every reader starts a line with: no binary byte in it (else
 * err names the first), and room for need bytes in *buf (grown at least
 * twofold, *cap updated).  Returns 0 or -1.
 */
int cs_readers_begin(const char *line, size_t len, int *ascii, char **buf,
    size_t *cap, size_t need, struct cs_error *err);
/*
 * The offsets of every byte c of s[0..len), in order, into at[] (room for
 * max of them; NULL when max is 0, to count them); returns how many there
 * are, which may be more than max (the rest are not written).  16 bytes
 * are looked at at once: the separators of a line of some thirty short
 * fields cost a memchr each otherwise.
 */
size_t cs_readers_find_all(const char *s, size_t len, char c, size_t *at,
    size_t max);

/*
 * Copies n bytes of src to dst as UTF-8 and terminates the copy: valid
 * UTF-8 sequences are kept, every other byte is read as Latin-1.  dst needs
 * 2 * n + 1 bytes.  Returns the length written, without the NUL.
 */
size_t cs_readers_utf8_copy(char *dst, const char *src, size_t n);

/* How much of a bad value a message quotes: the length of the start of s,
 * at most CS_READERS_QUOTE_MAX bytes, not cutting a UTF-8 character. */
#define CS_READERS_QUOTE_MAX 60
int cs_readers_quote_len(const char *s);
/* Makes a libcsv parser ready for the next line after a failed one. */
struct csv_parser;
void cs_readers_csv_reset(struct csv_parser *csv);
/* Length of the valid UTF-8 sequence at u (n bytes left, u[0] >= 0x80:
 * 2 to 4), or 0 when it is none. */
size_t cs_readers_utf8_seq(const unsigned char *u, size_t n);

/* What cs_readers_qlog_noise() found in a line that holds no record. */
#define CS_QLOG_NOISE_COMMENT	1	/* blank, or a '#' comment */
#define CS_QLOG_NOISE_HEADER	2	/* "time | callid | ..." (psql) */
#define CS_QLOG_NOISE_RULE	3	/* "-----+-----" or "(12 rows)" (psql) */
/* One of the above when the line holds no queue_log record, else 0. */
int cs_readers_qlog_noise(const char *s, size_t len);

#endif
