/*
 * avaya_smdr.h: Avaya IP Office SMDR records (callstat-import(1)'s
 * avaya-smdr): the parser of one line (avaya_smdr.c), a record placed in
 * time and said as a neutral leg of generic_csv.h (avaya_smdr_leg.c), and
 * the format's entry (avaya_smdr_format.c).
 *
 * A record is one segment of a call: a call that was transferred or
 * forwarded writes several, sharing its Call ID and its Call Start, all
 * but the last with Continuation 1.  Each is a leg of the call, stored in
 * generic-csv's table, which generic-csv's entry maps onto the model.
 */
#ifndef CS_AVAYA_SMDR_H
#define CS_AVAYA_SMDR_H

#include <stddef.h>
#include <stdint.h>

#include "../config.h"
#include "../error.h"
#include "../timeutil.h"
#include "generic_csv.h"

/* The fields read, in the order of the record (from 1 in messages);
 * releases since 3.2 add fields 18 to 30 and more, which are kept as
 * they come but say nothing callstat reads. */
enum cs_smdr_field {
	CS_SMDR_START, CS_SMDR_CONNECTED, CS_SMDR_RING, CS_SMDR_CALLER,
	CS_SMDR_DIRECTION, CS_SMDR_CALLED, CS_SMDR_DIALLED, CS_SMDR_ACCOUNT,
	CS_SMDR_INTERNAL, CS_SMDR_CALL_ID, CS_SMDR_CONTINUATION,
	CS_SMDR_P1_DEVICE, CS_SMDR_P1_NAME, CS_SMDR_P2_DEVICE,
	CS_SMDR_P2_NAME, CS_SMDR_HOLD, CS_SMDR_PARK,
	CS_SMDR_NFIELDS
};

/* Fields a record has: 17 before release 3.2, 30 and more after. */
#define CS_SMDR_MIN_FIELDS	CS_SMDR_NFIELDS
#define CS_SMDR_MAX_FIELDS	64

struct cs_smdr_record {
	const char *f[CS_SMDR_NFIELDS];	/* blanks around removed, UTF-8;
					   the caller without its "@host" */
	struct cs_datetime start;	/* Call Start as written */
	long connected, ring, hold, park;	/* seconds */
	int inbound;			/* Direction I */
	int more;			/* Continuation 1: more records of
					   the call follow */
	int nfields;
};

/* A call whose later records are still to come (Continuation 1). */
struct cs_smdr_open;

struct cs_smdr_reader {
	int utc;		/* Call Start is UTC, not local */
	char *buf;		/* the line's fields, as UTF-8 */
	size_t cap;
	int64_t last;		/* the previous record's Call Start, 0 none:
				   the repeated DST hour is read near it */
	struct cs_smdr_open *open;	/* a hash table of those calls */
	int nopen;			/* its slots used */
};

/* How many calls with records to come a reader keeps in mind at once;
 * with half as many held, it forgets them all (a stream whose calls never
 * end: their later records, if any, are placed at Call Start). */
#define CS_SMDR_OPEN_MAX 1024

int cs_smdr_reader_init(struct cs_smdr_reader *r, int utc,
    struct cs_error *err);
void cs_smdr_reader_release(struct cs_smdr_reader *r);

/*
 * Parses one line (no line end): fields separated by commas, neither
 * quoted nor escaped (SMDR defines neither), blanks around a field
 * ignored.  Returns 0, or -1 with err saying why (err->column the field,
 * from 1, when it is one field's fault).  rec's texts stay valid until
 * the next call on r.
 */
int cs_smdr_parse(struct cs_smdr_reader *r, const char *line, size_t len,
    struct cs_smdr_record *rec, struct cs_error *err);

/* 1 when s..e has the shape of a record: a YYYY/MM/DD HH:MM:SS start, an
 * HH:MM:SS connected time, a ring time, a direction I or O, a numeric
 * Call ID, a continuation 0 or 1 and numeric hold and park times. */
int cs_smdr_looks(const char *s, const char *e);

/*
 * rec as a leg (avaya_smdr_leg.c): placed in time (a later record of a
 * call starts where the one before it ended, since every record of a call
 * repeats its Call Start), the party the call reached, whether it
 * answered (a person at an extension, the PBX at a voicemail channel), a
 * hunt group nobody answered as a queue when cfg names it (queue:).  leg's
 * texts point into rec.  Keeps what the call's later records need.
 */
void cs_smdr_leg(struct cs_smdr_reader *r, const struct cs_config *cfg,
    const struct cs_smdr_record *rec, struct cs_gcsv_record *leg);

struct cs_format;
extern const struct cs_format cs_format_avaya_smdr;

#endif
