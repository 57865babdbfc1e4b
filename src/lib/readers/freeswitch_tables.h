/*
 * freeswitch_tables.h: the tables that keep FreeSWITCH's mod_cdr_csv
 * records, described once (tabledef.h): fs_cdr, a row a leg, and fs_queue,
 * a queue member's entering (part 1) and leaving (part 2) its queue, from
 * its leg's cc_* variables: queue events, which the rebuild reads with the
 * other formats' queue events (the hidden entry freeswitch_queue of the
 * table of formats).
 */
#ifndef CS_FREESWITCH_TABLES_H
#define CS_FREESWITCH_TABLES_H

#include "../tabledef.h"

#define CS_FS_COLUMNS(X) \
	X(START, start, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(ANSWER, answer, "INTEGER") \
	X(END, end, "INTEGER NOT NULL") \
	X(DURATION, duration, "INTEGER NOT NULL") \
	X(BILLSEC, billsec, "INTEGER NOT NULL") \
	X(CALLER, caller, "TEXT NOT NULL") \
	X(NUMBER, number, "TEXT") \
	X(DEST, dest, "TEXT") \
	X(CONTEXT, context, "TEXT") \
	X(CAUSE, hangup_cause, "TEXT") \
	X(UUID, uuid, "TEXT NOT NULL") \
	X(BLEG, bleg_uuid, "TEXT") \
	X(ACCOUNTCODE, accountcode, "TEXT") \
	X(CC_QUEUE, cc_queue, "TEXT") \
	X(CC_SIDE, cc_side, "TEXT") \
	X(CC_MEMBER_UUID, cc_member_uuid, "TEXT") \
	X(CC_MEMBER_SESSION, cc_member_session_uuid, "TEXT") \
	X(CC_AGENT, cc_agent, "TEXT") \
	X(CC_JOINED, cc_joined, "INTEGER") \
	X(CC_ANSWERED, cc_answered, "INTEGER") \
	X(CC_TERMINATED, cc_terminated, "INTEGER") \
	X(CC_CANCELED, cc_canceled, "INTEGER") \
	X(CC_CAUSE, cc_cause, "TEXT") \
	X(CC_CANCEL_REASON, cc_cancel_reason, "TEXT") \
	X(ORIG_LEG, originating_leg_uuid, "TEXT") \
	/* the template's field count: 13, 15 or 27 */ \
	X(TEMPLATE, template, "INTEGER NOT NULL") \
	/* CS_FS_FLAG_*: a start in the repeated DST hour; a queue \
	   member's leg that holds its queue's events */ \
	X(FLAGS, flags, "INTEGER NOT NULL DEFAULT 0")

/* fs_cdr's flags: the leg's start is in the repeated hour at the end of
   daylight saving time (the leg's own flag, model.h); the row is a queue
   member's leg, whose entering and leaving the queue it holds (mapped
   from it: freeswitch_format.c; rows stored by callstat 0.1 have them in
   fs_queue instead). */
#define CS_FS_FLAG_DST 1
#define CS_FS_FLAG_EVENTS 2

/* A member's entering or leaving its queue; call is its leg's call (rows
   of callstat 0.1: later ones keep them in the member's fs_cdr row). */
#define CS_FSQ_COLUMNS(X) \
	X(TIME, time, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(PART, part, "INTEGER NOT NULL") \
	X(CALLER, caller, "TEXT NOT NULL") \
	X(CALL, call, "TEXT NOT NULL") \
	X(QUEUE, cc_queue, "TEXT NOT NULL") \
	X(AGENT, cc_agent, "TEXT") \
	X(JOINED, cc_joined, "INTEGER") \
	X(ANSWERED, cc_answered, "INTEGER") \
	X(CANCEL_REASON, cc_cancel_reason, "TEXT")

#define CS_FS_COL_(E, name, decl) CS_FS_COL_##E,
#define CS_FSQ_COL_(E, name, decl) CS_FSQ_COL_##E,
enum cs_fs_col { CS_FS_COLUMNS(CS_FS_COL_) CS_FS_NCOL };
enum cs_fsq_col { CS_FSQ_COLUMNS(CS_FSQ_COL_) CS_FSQ_NCOL };
#undef CS_FS_COL_
#undef CS_FSQ_COL_

extern const struct cs_tabledef cs_table_fs_cdr;
/* Not a table of records (rowq does not count its rows as stored): its
 * rows come with fs_cdr's. */
extern const struct cs_tabledef cs_table_fs_queue;

#endif
