/*
 * asterisk_tables.h: the tables that keep Asterisk's records as the logs
 * gave them, each described once (tabledef.h): cdr (Master.csv's legs)
 * and queue_log.  The import stores their rows in this order; the rebuild
 * reads them back by these positions.
 *
 * The positions are CS_CDR_COL_* and CS_QLOG_COL_* (readers.h's CS_CDR_*
 * are the fields of a Master.csv line, another order).
 */
#ifndef CS_ASTERISK_TABLES_H
#define CS_ASTERISK_TABLES_H

#include "../tabledef.h"

/*
 * A CDR leg.  rhash is a keyed digest of the line: the same record from
 * any file is stored once.  Callers' numbers are only in caller (a keyed
 * hash); src and dst are kept when they are extensions or the town's own
 * numbers, and numbers inside channel names and dial strings are replaced
 * by [phone].
 */
#define CS_CDR_COLUMNS(X) \
	X(START, start, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(ANSWER, answer, "INTEGER") \
	X(END, end, "INTEGER NOT NULL") \
	X(DURATION, duration, "INTEGER NOT NULL") \
	X(BILLSEC, billsec, "INTEGER NOT NULL") \
	X(CALLER, caller, "TEXT NOT NULL") \
	X(SRC, src, "TEXT") \
	X(DST, dst, "TEXT") \
	X(DCONTEXT, dcontext, "TEXT") \
	X(CHANNEL, channel, "TEXT") \
	X(DSTCHANNEL, dstchannel, "TEXT") \
	X(LASTAPP, lastapp, "TEXT") \
	X(LASTDATA, lastdata, "TEXT") \
	X(DISPOSITION, disposition, "TEXT") \
	X(AMAFLAGS, amaflags, "TEXT") \
	X(ACCOUNTCODE, accountcode, "TEXT") \
	X(UNIQUEID, uniqueid, "TEXT") \
	X(USERFIELD, userfield, "TEXT") \
	X(PEERACCOUNT, peeraccount, "TEXT") \
	X(LINKEDID, linkedid, "TEXT") \
	X(SEQUENCE, sequence, "INTEGER") \
	/* 1: start in the repeated DST hour */ \
	X(FLAGS, flags, "INTEGER NOT NULL DEFAULT 0")

/* A queue_log line. */
#define CS_QLOG_COLUMNS(X) \
	X(TIME, time, "INTEGER NOT NULL") \
	X(RHASH, rhash, "INTEGER NOT NULL") \
	X(SOURCE, source, "INTEGER NOT NULL") \
	X(LINE, line, "INTEGER NOT NULL") \
	X(CALLID, callid, "TEXT NOT NULL") \
	X(QUEUE, queue, "TEXT NOT NULL") \
	X(AGENT, agent, "TEXT NOT NULL") \
	X(EVENT, event, "TEXT NOT NULL") \
	X(DATA1, data1, "TEXT") \
	X(DATA2, data2, "TEXT") \
	X(DATA3, data3, "TEXT") \
	X(DATA4, data4, "TEXT") \
	X(DATA5, data5, "TEXT")

#define CS_CDR_COL_(E, name, decl) CS_CDR_COL_##E,
#define CS_QLOG_COL_(E, name, decl) CS_QLOG_COL_##E,
enum cs_cdr_col { CS_CDR_COLUMNS(CS_CDR_COL_) CS_CDR_NCOL };
enum cs_qlog_col { CS_QLOG_COLUMNS(CS_QLOG_COL_) CS_QLOG_NCOL };
#undef CS_CDR_COL_
#undef CS_QLOG_COL_

/* Both hold records: a record already stored is skipped. */
extern const struct cs_tabledef cs_table_cdr;
extern const struct cs_tabledef cs_table_queue_log;

#endif
