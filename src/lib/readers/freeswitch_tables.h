/*
 * freeswitch_tables.h: the table that keeps FreeSWITCH's mod_cdr_csv
 * records (fs_cdr), described once (tabledef.h).  A member leg that waited
 * in a mod_callcenter queue is stored twice: its channel (part 0) and its
 * stay in the queue (part 1, starting when it joined the queue, rhash
 * one more than the channel's), so that each maps onto one piece.
 */
#ifndef CS_FREESWITCH_TABLES_H
#define CS_FREESWITCH_TABLES_H

#include "../tabledef.h"

#define CS_FS_COLUMNS(X) \
	X(START, start, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(PART, part, "INTEGER NOT NULL") \
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
	/* 1: start in the repeated DST hour */ \
	X(FLAGS, flags, "INTEGER NOT NULL DEFAULT 0")

#define CS_FS_COL_(E, name, decl) CS_FS_COL_##E,
enum cs_fs_col { CS_FS_COLUMNS(CS_FS_COL_) CS_FS_NCOL };
#undef CS_FS_COL_

extern const struct cs_tabledef cs_table_fs_cdr;

#endif
