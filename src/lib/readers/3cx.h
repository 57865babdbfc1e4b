/*
 * 3cx.h: 3CX's legacy CDR log (cdr.log, or the text of its CDR socket;
 * v15, v16, v18, still written by v20): the parser of one line (3cx_cdr.c)
 * and the format's entry (3cx_format.c).
 *
 * A line is one call, or one segment of it: comma separated, never
 * quoted, its fields in the order the administrator chose in the 3CX
 * console (callstat-import --columns names it; else the default order
 * below).  The lines of a call share its history id ("Call 612504").
 * Times are "YYYY/MM/DD HH:MM:SS" in UTC, durations "HH:MM:SS".
 */
#ifndef CS_3CX_H
#define CS_3CX_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "format.h"

/* 3CX's fields, in the default order of its console. */
enum cs_3cx_field {
	CS_3CX_HISTORYID, CS_3CX_CALLID, CS_3CX_DURATION, CS_3CX_TIME_START,
	CS_3CX_TIME_ANSWERED, CS_3CX_TIME_END, CS_3CX_REASON_TERMINATED,
	CS_3CX_FROM_NO, CS_3CX_TO_NO, CS_3CX_FROM_DN, CS_3CX_TO_DN,
	CS_3CX_DIAL_NO, CS_3CX_REASON_CHANGED, CS_3CX_FINAL_NUMBER,
	CS_3CX_FINAL_DN, CS_3CX_BILL_CODE, CS_3CX_BILL_RATE, CS_3CX_BILL_COST,
	CS_3CX_BILL_NAME, CS_3CX_CHAIN, CS_3CX_FROM_TYPE, CS_3CX_TO_TYPE,
	CS_3CX_FINAL_TYPE, CS_3CX_FROM_DISPNAME, CS_3CX_TO_DISPNAME,
	CS_3CX_FINAL_DISPNAME, CS_3CX_MISSED_QUEUE_CALLS,
	CS_3CX_NFIELDS
};

/* The most columns a --columns list names (a field may not repeat). */
#define CS_3CX_MAXCOLS CS_3CX_NFIELDS

/* The field's name as the 3CX console writes it ("time-start"). */
const char *cs_3cx_field_name(enum cs_3cx_field f);

/*
 * The fields a --columns list names (comma separated, "time-start" or
 * "time_start", any case) into order[], *n of them.  Returns 0, or -1 with
 * err saying which name is unknown, repeated, or which required field
 * (historyid, time-start, time-end) the list lacks.  list NULL or "" gives
 * the default order.
 */
int cs_3cx_columns(const char *list, enum cs_3cx_field order[CS_3CX_MAXCOLS],
    int *n, struct cs_error *err);

struct cs_3cx_record {
	const char *f[CS_3CX_NFIELDS];	/* "" when absent or empty */
	const char *history;		/* the history id's number */
	int64_t start, answer, end;	/* UTC; answer 0: time-answered empty */
	long duration;			/* time-answered to end, -1 absent */
};

struct cs_3cx_reader;

/* A reader of lines whose fields come in order (n of them). */
struct cs_3cx_reader *cs_3cx_open(const enum cs_3cx_field *order, int n,
    struct cs_error *err);
void cs_3cx_close(struct cs_3cx_reader *r);

/*
 * One line (no line end): 0 and rec for a record, 1 for a line that holds
 * none (blank, or a header naming 3CX's fields), -1 for a rejected line
 * (err says why; err->column the column from 1 when one field is at
 * fault).  rec's texts stay valid until the next call.
 */
int cs_3cx_parse(struct cs_3cx_reader *r, const char *line, size_t len,
    struct cs_3cx_record *rec, struct cs_error *err);

/*
 * Stores the record as the neutral legs of generic-csv's table (one, or
 * two for a call forwarded to a voicemail box), its numbers hashed or
 * scrubbed as ctx says (memo: generic_csv.h).  -1 when the queue of rows
 * stopped.
 */
struct cs_gcsv_memo;
int cs_3cx_store(const struct cs_format_ctx *ctx, struct cs_gcsv_memo *memo,
    const struct cs_3cx_record *rec, const struct cs_store_at *at);

/* Whether s..e starts as a 3CX line does: "Call " and digits, a comma. */
int cs_3cx_looks(const char *s, const char *e);

/* Whether s is a header of 3CX's field names (noise). */
int cs_3cx_header(const char *s, size_t len);

extern const struct cs_format cs_format_3cx_cdr;

#endif
