/*
 * cucm.h: Cisco Unified CM's CDR flat files (cdr_<cluster>_<node>_<date>_
 * <seq>): the parser of one line (cucm_cdr.c) and the format's entry
 * (cucm_format.c).  A file opens with two header rows, the fields' names
 * ("cdrRecordType","globalCallID_callManagerId",...) then their SQL types
 * (INTEGER,VARCHAR(50),...); each later row is one record, strings
 * quoted, integers bare.  Releases add columns, so fields are found by the
 * name the first header row gives them.  A CDR (cdrRecordType 1) is one
 * leg of a call; the legs of a call share its globalCallID.
 */
#ifndef CS_CUCM_H
#define CS_CUCM_H

#include <stddef.h>
#include <stdint.h>

#include "../error.h"
#include "format.h"

/* The fields the reader reads, by the header's names. */
enum cs_cucm_field {
	CS_CUCM_TYPE,		/* cdrRecordType */
	CS_CUCM_CM_ID,		/* globalCallID_callManagerId */
	CS_CUCM_CALL_ID,	/* globalCallID_callId */
	CS_CUCM_ORIGINATION,	/* dateTimeOrigination */
	CS_CUCM_CONNECT,	/* dateTimeConnect */
	CS_CUCM_DISCONNECT,	/* dateTimeDisconnect */
	CS_CUCM_CALLING,	/* callingPartyNumber */
	CS_CUCM_ORIG_CAUSE,	/* origCause_value */
	CS_CUCM_DEST_CAUSE,	/* destCause_value */
	CS_CUCM_ORIG_CALLED,	/* originalCalledPartyNumber */
	CS_CUCM_FINAL_CALLED,	/* finalCalledPartyNumber */
	CS_CUCM_LAST_REDIRECT,	/* lastRedirectDn */
	CS_CUCM_REDIRECT_REASON, /* lastRedirectRedirectReason */
	CS_CUCM_HUNT_PILOT,	/* huntPilotDN (8.0 and later) */
	CS_CUCM_NFIELDS
};

/* The first of them a header must name: the later ones may be absent. */
#define CS_CUCM_REQUIRED (CS_CUCM_CALLING + 1)

/* How the leg ended, from its connect time and cause codes. */
enum cs_cucm_end {
	CS_CUCM_ANSWERED,	/* dateTimeConnect set */
	CS_CUCM_CLEARED,	/* not connected, cleared normally (16, 31 or
				   0): the caller hung up */
	CS_CUCM_BUSY,		/* 17 user busy */
	CS_CUCM_NO_ANSWER,	/* 18, 19 no answer, 102 timer expired */
	CS_CUCM_FAILED		/* any other cause */
};

struct cs_cucm_record {
	const char *f[CS_CUCM_NFIELDS];	/* "" when absent or empty */
	int type;			/* cdrRecordType */
	int64_t start, connect, end;	/* UTC; connect 0: never */
	long orig_cause, dest_cause;
	enum cs_cucm_end ended;
	int has_pilot;			/* the header names huntPilotDN */
	char call_id[48];		/* "callManagerId-callId" */
};

struct cs_cucm_reader;

struct cs_cucm_reader *cs_cucm_open(struct cs_error *err);
void cs_cucm_close(struct cs_cucm_reader *r);

/*
 * One line (no line end): 0 and rec for a CDR; 1 for a line that holds no
 * call (either header row, a CMR or a start record: cdrRecordType 2 or 0);
 * -1 for a rejected line (err says why; err->column the column, from 1,
 * when it is one field's fault).  rec's texts stay valid until the next
 * call.  A data row before the names' header row is rejected.
 */
int cs_cucm_parse(struct cs_cucm_reader *r, const char *line, size_t len,
    struct cs_cucm_record *rec, struct cs_error *err);

/* Whether the line is one of the two header rows: 1 the names', 2 the
 * types', 0 neither. */
int cs_cucm_header_row(const char *s, size_t len);

extern const struct cs_format cs_format_cucm_cdr;

#endif
