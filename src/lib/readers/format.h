/*
 * format.h: the table of formats.  Each entry says all callstat knows of a
 * format: its name, how to recognise it, how to read a line of it, how to
 * store a record, and how a stored record maps onto the model (model.h).
 * The import, the rebuild and the stream go through this table only, so a
 * new format is its reader, its mapping and one entry in cs_formats[]
 * (formats.c): see doc/hacking.md.
 */
#ifndef CS_FORMAT_H
#define CS_FORMAT_H

#include <stddef.h>
#include <stdint.h>

#include "../config.h"
#include "../error.h"
#include "../model.h"
#include "../privacy.h"
#include "../rowq.h"
#include "../tabledef.h"

/* What a reader needs besides its lines. */
struct cs_format_ctx {
	const struct cs_privacy *priv;	/* hashes callers' numbers */
	const struct cs_config *cfg;	/* the town's own numbers */
	int utc;			/* times are UTC, not local */
	const char *variant;		/* --format NAME:VARIANT's VARIANT (a
					   generic-csv's [format NAME]), or
					   NULL */
	const char *columns;		/* --columns: the order of a 3CX CDR
					   log's fields, or NULL */
};

/* Where the record read last goes. */
struct cs_store_at {
	struct cs_rowq *q;
	int64_t rhash;			/* keyed digest of the line; 0 for a
					   keyed format */
	int64_t source;			/* the sources row of the file */
	long line;
};

/*
 * A whole-file format (one JSON document, an SQLite database) is read at
 * once rather than line by line: what its reader is handed, and where it
 * gives what it read.
 */
struct cs_format_file {
	const char *path;	/* as given; NULL for standard input */
	const char *name;	/* for messages: path, or "(stdin)" */
	int fd;			/* the rest of the file, after head; -1: none */
	const char *head;	/* its first bytes, already read (BOM removed) */
	size_t headlen;
};

struct cs_format_sink {
	/* Each record of the file, in the file's order, is either read (0
	   or more events to store follow), or rejected; line is where it
	   starts (a row's id for a database), from 1. */
	void (*read)(void *arg, long line);
	void (*reject)(void *arg, long line, long column, const char *msg);
	/* Stores the record the reader holds now (its format's store, as
	   after parse), raw its bytes; -1 when the queue stopped, after
	   which the reader returns -1 at once. */
	int (*store)(void *arg, long line, int64_t t, const void *raw,
	    size_t len);
	void *arg;
};

struct cs_format {
	const char *name;		/* "asterisk-cdr", as --format takes it */
	const char *title;		/* "an Asterisk Master.csv", for messages */
	enum cs_piece_kind piece;	/* what its records become */
	/* where its records are stored (a table of records begins with the
	   record's time, rhash, source and line: tabledef.h), and the
	   columns map reads (CS_TABLEDEF_ALL, or a mask by position: the
	   rebuild reads only those) */
	const struct cs_tabledef *table;
	unsigned long long mapped;
	/* The figures (callstat-kpi(7)'s names, separated by ", ") that
	   its records cannot carry, for the report's Data quality page;
	   NULL: it carries every figure. */
	const char *lacks;
	/* Of a table of legs that holds queue events too (the neutral legs
	   of generic_csv.h), the SQL condition its rows that are or hold
	   queue events meet ("kind <> 0 OR qexit IS NOT NULL"), for the
	   report's Data quality page; NULL for the others. */
	const char *qevent_rows;

	/*
	 * Detection, on one line (trimmed, s..e): 1 when the line is one of
	 * this format's; noise (may be NULL): non-zero for a line that holds
	 * no record (a comment, a header), CS_FORMAT_NOISE_OURS when only
	 * this format writes such lines.
	 */
	int (*looks)(const char *s, const char *e);
	int (*noise)(const char *s, size_t len);
	/* Detection of a whole-file format on the file's first bytes (BOM
	   removed), tried before any line's; NULL for the line formats. */
	int (*looks_file)(const char *buf, size_t len);

	/* A reader for one file; NULL when out of memory (err says so). */
	void *(*open)(const struct cs_format_ctx *ctx, struct cs_error *err);
	void (*close)(void *rd);
	/* The first line of a file is a header the other lines need (a CSV
	   export): an import that resumes a file that grew gives its first
	   line to parse again before the new lines. */
	int header;
	/* Its store keys each record by what the record says (bot.c), so
	   the digest of the line (cs_store_at's rhash) is not made. */
	int keyed;
	/* A second table of the format listed before it (records that are
	   other pieces than its own): never named, detected or chosen with
	   --format; the rebuild reads it in its place among the pieces. */
	int hidden;
	/* What a later import of the same file must know to resume it
	   (stored in the sources table), and giving it back. */
	void (*state)(void *rd, int st[2]);
	void (*resume)(void *rd, const int st[2]);
	/*
	 * Reads one line (no line end, BOM removed): 0 and *t the record's
	 * time, 1 for a line that holds no record, -1 for a rejected line
	 * (err says why in a user's words).
	 */
	int (*parse)(void *rd, const char *line, size_t len, int64_t *t,
	    struct cs_error *err);
	/* Stores the record parsed last, its numbers hashed or scrubbed;
	   -1 when the queue stopped. */
	int (*store)(void *rd, const struct cs_store_at *at);
	/*
	 * A whole-file format's reading (parse is then NULL, and state and
	 * resume have nothing to keep: a file that grew is read again whole,
	 * its records already stored skipped): reads in and gives each record
	 * to the sink.  Returns 0 when the file was read (some records may
	 * have been rejected), -1 when it could not be, err saying why, or
	 * when the sink's store stopped.
	 */
	int (*whole)(void *rd, const struct cs_format_file *in,
	    const struct cs_format_sink *sink, struct cs_error *err);

	/* A stored row as a piece; 1 when it is of no call.  p's texts
	   point into row and buf. */
	int (*map)(const struct cs_row *row, struct cs_piece *p,
	    struct cs_piece_buf *buf);
	/* The pieces a row holds after the first (a leg's queue events,
	   kept in the leg's row: generic_csv_format.c), i from 1: as map,
	   with the piece's place among the pieces of its time in *rhash
	   (the first's is the row's rhash); 1 when the row has no piece i.
	   NULL: a row is one piece. */
	int (*map_more)(const struct cs_row *row, int i, struct cs_piece *p,
	    int64_t *rhash, struct cs_piece_buf *buf);
};

#define CS_FORMAT_NOISE_OURS 2

/* Every format, ending with NULL, in the order detection tries them. */
extern const struct cs_format *const cs_formats[];

/* The format of a name; NULL when none has it. */
const struct cs_format *cs_format_find(const char *name);

/*
 * Guesses the format from the start of a file (the first len bytes, BOM
 * removed): a whole-file format that knows the bytes (looks_file), else
 * the first line that is not empty and looks like a format decides, among
 * the first 8 such lines.  Returns NULL when none does.
 */
const struct cs_format *cs_format_detect(const char *buf, size_t len);

/* state and resume of a format whose reader needs nothing to resume a
 * file (its header, if any, is given again: see header). */
void cs_format_no_state(void *rd, int st[2]);
void cs_format_no_resume(void *rd, const int st[2]);

/* The name of a format, NULL for none. */
const char *cs_format_name(const struct cs_format *f);

/* "asterisk-cdr or asterisk-queue-log": the names, for messages. */
void cs_format_names(char *buf, size_t size);

/* "neither an Asterisk Master.csv nor a queue_log": what a file that is
 * no format is not, for messages. */
void cs_format_titles(char *buf, size_t size);

/* The format whose table holds the row, or NULL. */
const struct cs_format *cs_format_of_row(const struct cs_row *row);

/* Piece i (from 0) of a stored record (the format of its row maps it),
 * and its rhash, the piece's place among those of its time; 1 when the
 * row is no record, or of no call (i = 0), or has no piece i. */
int cs_format_map_row(const struct cs_row *row, int i, struct cs_piece *p,
    int64_t *rhash, struct cs_piece_buf *buf);
/* The same, the row's format f (cs_format_of_row) found already. */
int cs_format_map_piece(const struct cs_format *f, const struct cs_row *row,
    int i, struct cs_piece *p, int64_t *rhash, struct cs_piece_buf *buf);

#endif
