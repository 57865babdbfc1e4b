/*
 * freeswitch.h: FreeSWITCH's mod_cdr_csv records (with mod_callcenter's
 * cc_* variables) read, stored and mapped onto the model (model.h).
 *
 * The three templates callstat reads are prefixes of one another, so a
 * field's position is the same in each: the compiled-in `default' and the
 * `sql' template give the first 13 fields, `example' the first 15,
 * callstat's recommended template (callstat-import(1)) all 27.  Which one
 * a file uses is told by the field count of its first record.
 */
#ifndef CS_FREESWITCH_H
#define CS_FREESWITCH_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "../model.h"

enum cs_fs_field {
	CS_FS_NAME, CS_FS_NUMBER, CS_FS_DEST, CS_FS_CONTEXT, CS_FS_START,
	CS_FS_ANSWER, CS_FS_END, CS_FS_DURATION, CS_FS_BILLSEC, CS_FS_CAUSE,
	CS_FS_UUID, CS_FS_BLEG, CS_FS_ACCOUNTCODE,
	/* example */
	CS_FS_READ_CODEC, CS_FS_WRITE_CODEC,
	/* recommended: mod_callcenter's, then the originating leg */
	CS_FS_CC_QUEUE, CS_FS_CC_SIDE, CS_FS_CC_MEMBER_UUID,
	CS_FS_CC_MEMBER_SESSION_UUID, CS_FS_CC_AGENT, CS_FS_CC_JOINED,
	CS_FS_CC_ANSWERED, CS_FS_CC_TERMINATED, CS_FS_CC_CANCELED,
	CS_FS_CC_CAUSE, CS_FS_CC_CANCEL_REASON, CS_FS_ORIG_LEG,
	CS_FS_NFIELDS
};

/* The field counts of the templates read. */
#define CS_FS_SQL_FIELDS	13
#define CS_FS_EXAMPLE_FIELDS	15
#define CS_FS_RECOMMENDED_FIELDS CS_FS_NFIELDS

/* The cc_*_epoch fields, in the order of cs_fs_record's cc[]. */
enum { CS_FS_CC_T_JOINED, CS_FS_CC_T_ANSWERED, CS_FS_CC_T_TERMINATED,
	CS_FS_CC_T_CANCELED, CS_FS_CC_NT };

struct cs_fs_record {
	const char *f[CS_FS_NFIELDS];	/* NULL: not in the file's template */
	int64_t start, answer, end;	/* UTC; answer 0: never answered */
	int64_t cc[CS_FS_CC_NT];	/* UTC; 0: absent */
	long duration, billsec;
	int ambiguous;			/* start in the repeated DST hour */
};

struct cs_fs_reader {
	int utc;		/* stamps are UTC, not local (epochs always are) */
	int nfields;		/* the file's template, 0 until a good line */
	void *priv;
};

int cs_fs_reader_init(struct cs_fs_reader *r, int utc, struct cs_error *err);
void cs_fs_reader_release(struct cs_fs_reader *r);
/*
 * Parses one line: every field between double quotes, commas between
 * (a blank may stand around them), FreeSWITCH escaping nothing; the sql
 * template's INSERT INTO ... VALUES (...); around them.  A line with more
 * fields than its template holds quotes and commas in the caller's name
 * (the first field), which gets them back.  Times are stamps
 * (YYYY-MM-DD HH:MM:SS, local unless r->utc) or epochs in seconds or
 * microseconds.  Returns 0, or -1 with err saying why.
 */
int cs_fs_parse(struct cs_fs_reader *r, const char *line, size_t len,
    struct cs_fs_record *rec, struct cs_error *err);

/* 1 when s..e looks like a line of one of the templates. */
int cs_fs_looks(const char *s, const char *e);

/* A leg as stored (strings may be NULL). */
struct cs_fs_leg {
	int part;			/* 0: the channel; 1, 2: its entering
					   and leaving a queue (cc_*) */
	int64_t start, answer, end;
	long duration;
	const char *caller, *number, *dest, *context, *cause, *uuid, *bleg;
	const char *cc_queue, *cc_side, *cc_member_session, *cc_agent;
	const char *cc_cause, *cc_cancel_reason, *orig_leg;
	int64_t cc[CS_FS_CC_NT];
	int flags;
	int64_t order;
};

/* A row as a piece of the model: part 0 a leg (fs_cdr), parts 1 and 2 a
 * member's entering and leaving its queue (from its fs_cdr row, or a row
 * of fs_queue); its texts point into a's and buf.  Returns 0, or 1 for a
 * row of no call. */
int cs_freeswitch_piece(const struct cs_fs_leg *a, struct cs_piece *p,
    struct cs_piece_buf *buf);

struct cs_format;
extern const struct cs_format cs_format_freeswitch_cdr;
extern const struct cs_format cs_format_freeswitch_queue;

#endif
