/*
 * generic_csv.h: a CSV of any shape whose columns a [format NAME] section
 * of callstat.conf(5) names (callstat-import --format generic-csv:NAME):
 * the parser of one line (generic_csv.c) and the format's entry
 * (generic_csv_format.c).  One row is one leg of a call; the legs of a
 * call share its call_id.
 */
#ifndef CS_GENERIC_CSV_H
#define CS_GENERIC_CSV_H

#include <stddef.h>
#include <stdint.h>

#include "../config.h"
#include "../error.h"
#include "../privacy.h"
#include "format.h"

/* callstat's fields, as the section's keys name them. */
enum cs_gcsv_field {
	CS_GCSV_CALL_ID, CS_GCSV_LEG, CS_GCSV_START, CS_GCSV_ANSWER,
	CS_GCSV_END, CS_GCSV_DURATION, CS_GCSV_CALLER, CS_GCSV_CALLER_NAME,
	CS_GCSV_DIALLED, CS_GCSV_DESTINATION, CS_GCSV_QUEUE,
	CS_GCSV_ANSWERED_BY, CS_GCSV_DISPOSITION, CS_GCSV_SIP_CALL_ID,
	CS_GCSV_NFIELDS
};

/* Who answered (answered_by.*): NONE when the column is absent or empty. */
enum cs_gcsv_by { CS_GCSV_BY_NONE = -1, CS_GCSV_BY_HUMAN, CS_GCSV_BY_BOT,
	CS_GCSV_BY_PBX, CS_GCSV_NBY };

/* How the leg ended (disposition.*): NONE when absent or empty. */
enum cs_gcsv_disp { CS_GCSV_D_NONE = -1, CS_GCSV_D_ANSWERED,
	CS_GCSV_D_ABANDONED, CS_GCSV_D_NO_ANSWER, CS_GCSV_D_BUSY,
	CS_GCSV_D_FAILED, CS_GCSV_D_QUEUE_TIMEOUT, CS_GCSV_D_QUEUE_EMPTY,
	CS_GCSV_ND };

struct cs_gcsv_record {
	const char *f[CS_GCSV_NFIELDS];	/* "" when absent or not mapped */
	int64_t start, answer, end;	/* UTC; answer 0: not answered */
	long duration;
	enum cs_gcsv_by by;
	enum cs_gcsv_disp disp;
	int flags;			/* CS_GCSV_FLAG_* */
};

/* The start was a local time of the hour repeated when summer time ends:
 * the earlier instant was taken (the leg's flags, model.h). */
#define CS_GCSV_FLAG_TWICE 1

struct cs_gcsv_reader;

/*
 * A reader of the files def describes (times without an offset are UTC
 * when utc, else local).  NULL when def cannot be read (err says why: no
 * call_id or start, no end nor duration, a column number that is not one)
 * or out of memory.
 */
struct cs_gcsv_reader *cs_gcsv_open(const struct cs_format_def *def, int utc,
    struct cs_error *err);
void cs_gcsv_close(struct cs_gcsv_reader *r);

/*
 * One line (no line end): 0 and rec for a row, 1 for the header (with
 * header = yes, the first line that is not blank), -1 for a rejected line
 * (err says why; err->column the column, from 1, when it is one field's
 * fault).  rec's texts stay valid until the next call.
 */
int cs_gcsv_parse(struct cs_gcsv_reader *r, const char *line, size_t len,
    struct cs_gcsv_record *rec, struct cs_error *err);

/*
 * What cs_gcsv_store worked out from the last row's numbers and ids: the
 * rows of a call come together and repeat them, and each is a pure
 * function of its text under the reader's key and configuration.  A
 * reader's own, zeroed when it opens; texts of CS_GCSV_MEMO_LEN bytes or
 * more are worked out every time.
 */
#define CS_GCSV_MEMO_LEN 64

struct cs_gcsv_memo_text {
	int set;
	char in[CS_GCSV_MEMO_LEN];
	int same;			/* what it gave is in itself */
	char out[CS_GCSV_MEMO_LEN];
};

struct cs_gcsv_memo {
	struct cs_gcsv_memo_text call_id, destination, sip_call_id;
	int caller_set, caller_phone;
	char caller[CS_GCSV_MEMO_LEN];
	char caller_hash[CS_HASH_HEX + 1];
	int dialled_set, dialled_phone, dialled_town;
	char dialled[CS_GCSV_MEMO_LEN];
};

/*
 * Stores rec, a leg read by generic-csv or by a reader of another PBX's
 * format that shares its table (the neutral legs of the model: a format
 * whose lines are one leg each fills a record and stores it here, its
 * numbers hashed or scrubbed as ctx says): the leg's row, and when it has
 * a queue, its entering the queue and its leaving it.  -1 when the queue
 * of rows stopped.  Of rec's texts, only f[] is read: "" for absent.
 * memo: the reader's.
 */
int cs_gcsv_store(const struct cs_format_ctx *ctx, struct cs_gcsv_memo *memo,
    const struct cs_gcsv_record *rec, const struct cs_store_at *at);

extern const struct cs_format cs_format_generic_csv;
/* Its table: a leg, or a queue event its row says, a row. */
extern const struct cs_tabledef cs_table_generic_csv;

#endif
