/*
 * tables.h: the derived tables (calls, daily, wait_hist, bot_session), each
 * described
 * once (tabledef.h), with the positions of their columns.  The rebuild
 * writes them in this order (derive.c); kpi.c reads the daily sums back.
 * The record tables are their readers' (readers/asterisk_tables.h).
 */
#ifndef CS_TABLES_H
#define CS_TABLES_H

#include "tabledef.h"

/* one row per call rebuilt from its records */
#define CS_CALLS_COLUMNS(X) \
	X(START, start, "INTEGER NOT NULL") \
	X(ID, id, "TEXT NOT NULL") \
	X(END, end, "INTEGER NOT NULL") \
	X(DAY, day, "TEXT NOT NULL")		/* local YYYY-MM-DD */ \
	X(WEEK, week, "TEXT NOT NULL")		/* ISO YYYY-Www */ \
	X(DIRECTION, direction, "TEXT NOT NULL") /* inbound, internal, outbound */ \
	X(SERVICE, service, "TEXT NOT NULL") \
	X(IN_HOURS, in_hours, "INTEGER NOT NULL") \
	X(OUTCOME, outcome, "TEXT")		/* NULL unless inbound */ \
	X(WAIT, wait, "INTEGER") \
	X(HUMAN_WAIT, human_wait, "INTEGER") \
	X(TALK, talk, "INTEGER") \
	X(ABANDON_WAIT, abandon_wait, "INTEGER") \
	X(ESCALATED, escalated, "INTEGER NOT NULL") \
	X(NEEDED_AGENT, needed_agent, "INTEGER NOT NULL") \
	X(BOT_ANSWERED, bot_answered, "INTEGER NOT NULL") \
	X(CALLER, caller, "TEXT NOT NULL")	/* keyed hash, '' when withheld */ \
	X(LEGS, legs, "INTEGER NOT NULL") \
	X(FLAGS, flags, "INTEGER NOT NULL") \
	X(REPEAT_24H, repeat_24h, "INTEGER NOT NULL DEFAULT 0") \
	X(AGAIN_24H, again_24h, "INTEGER NOT NULL DEFAULT 0") \
	X(CALLBACK_2H, callback_2h, "INTEGER NOT NULL DEFAULT 0") \
	X(CALLBACK_24H, callback_24h, "INTEGER NOT NULL DEFAULT 0") \
	/* when bot_answered: the leg the bot answered, its key and start; \
	   NULL when they are the call's own id and start (the bot's leg \
	   mostly opens the call) */ \
	X(BOT_KEY, bot_key, "TEXT") \
	X(BOT_START, bot_start, "INTEGER")

/*
 * Per local day, service and hours, the sums every figure is made of
 * (callstat-kpi(7)): the key and week, then the sums (CS_DAILY_SUMS).
 * The sums' names are those of enum cs_daily_sum.
 */
#define CS_DAILY_COLUMNS(X) \
	X(DAY, day, "TEXT NOT NULL") \
	X(WEEK, week, "TEXT NOT NULL") \
	X(SERVICE, service, "TEXT NOT NULL") \
	X(IN_HOURS, in_hours, "INTEGER NOT NULL") \
	CS_DAILY_SUMS(X)
#define CS_DAILY_SUMS(X) \
	X(OFFERED, offered, "INTEGER NOT NULL") \
	X(ANSWERED, answered, "INTEGER NOT NULL") \
	X(NEEDED, needed_agent, "INTEGER NOT NULL") \
	X(AGENT, agent, "INTEGER NOT NULL") \
	X(BOT, bot, "INTEGER NOT NULL") \
	X(ABANDONED, abandoned, "INTEGER NOT NULL") \
	X(MISSED, missed, "INTEGER NOT NULL") \
	X(VOICEMAIL, voicemail, "INTEGER NOT NULL") \
	X(SHORT, short, "INTEGER NOT NULL") \
	X(WAIT, wait_sum, "INTEGER NOT NULL") \
	X(SL, sl_count, "INTEGER NOT NULL") \
	X(ABANDON_WAIT, abandon_wait_sum, "INTEGER NOT NULL") \
	X(TALK, talk_sum, "INTEGER NOT NULL") \
	X(BOT_SESSIONS, bot_sessions, "INTEGER NOT NULL") \
	X(ESCALATED, escalated, "INTEGER NOT NULL") \
	X(ESCALATED_AGENT, escalated_agent, "INTEGER NOT NULL") \
	X(CONTAIN_NUM, contain_num, "INTEGER NOT NULL") \
	X(CONTAIN_DEN, contain_den, "INTEGER NOT NULL") \
	X(REPEAT_NUM, repeat_num, "INTEGER NOT NULL") \
	X(REPEAT_DEN, repeat_den, "INTEGER NOT NULL") \
	X(LOST, lost, "INTEGER NOT NULL") \
	X(CALLBACK_DEN, callback_den, "INTEGER NOT NULL") \
	X(CALLBACK2, callback2_num, "INTEGER NOT NULL") \
	X(CALLBACK24, callback24_num, "INTEGER NOT NULL")

/* how many calls waited exactly secs seconds (metric 0: the wait of
   answered calls, 1: the human_wait of agent calls) */
#define CS_HIST_COLUMNS(X) \
	X(DAY, day, "TEXT NOT NULL") \
	X(WEEK, week, "TEXT NOT NULL") \
	X(SERVICE, service, "TEXT NOT NULL") \
	X(IN_HOURS, in_hours, "INTEGER NOT NULL") \
	X(METRIC, metric, "INTEGER NOT NULL") \
	X(SECS, secs, "INTEGER NOT NULL") \
	X(N, n, "INTEGER NOT NULL")

/* one row per bot session, and the call it was linked to (session.h) */
#define CS_SESSIONS_COLUMNS(X) \
	X(START, start, "INTEGER NOT NULL") \
	X(SESSION, session, "TEXT NOT NULL") \
	X(END, end, "INTEGER NOT NULL") \
	X(DAY, day, "TEXT NOT NULL")		/* local YYYY-MM-DD */ \
	X(CALL, call, "TEXT")			/* the call's id, NULL: none */ \
	X(LINK, link, "TEXT NOT NULL")	/* call_id, sip_call_id, caller, \
					   ambiguous, none */ \
	X(SERVICE, service, "TEXT NOT NULL")	/* as the bot named it */ \
	X(INTENT, intent, "TEXT NOT NULL")	/* the last matched */ \
	X(OUTCOME, outcome, "TEXT NOT NULL")	/* as the bot said */ \
	X(TRANSFERRED, transferred, "INTEGER NOT NULL") \
	X(TURNS, turns, "INTEGER NOT NULL") \
	X(CALLER_TURNS, caller_turns, "INTEGER NOT NULL") \
	X(FALLBACK_TURNS, fallback_turns, "INTEGER NOT NULL")

#define CS_CALLS_COL_(E, name, decl) CS_CALLS_##E,
#define CS_DAILY_COL_(E, name, decl) CS_DAILY_##E,
#define CS_SUM_(E, name, decl) CS_SUM_##E,
#define CS_HIST_COL_(E, name, decl) CS_HIST_##E,
#define CS_SESSIONS_COL_(E, name, decl) CS_SESSIONS_##E,
enum cs_calls_col { CS_CALLS_COLUMNS(CS_CALLS_COL_) CS_CALLS_NCOL };
enum cs_daily_col { CS_DAILY_COLUMNS(CS_DAILY_COL_) CS_DAILY_NCOL };
/* The sums of one (day, service, hours), in the daily table's order. */
enum cs_daily_sum { CS_DAILY_SUMS(CS_SUM_) CS_SUM_N };
enum cs_hist_col { CS_HIST_COLUMNS(CS_HIST_COL_) CS_HIST_NCOL };
enum cs_sessions_col { CS_SESSIONS_COLUMNS(CS_SESSIONS_COL_) CS_SESSIONS_NCOL };
#undef CS_CALLS_COL_
#undef CS_DAILY_COL_
#undef CS_SUM_
#undef CS_HIST_COL_
#undef CS_SESSIONS_COL_

/* the daily column of the first sum */
#define CS_DAILY_FIRST_SUM CS_DAILY_OFFERED

extern const struct cs_tabledef cs_table_calls;
extern const struct cs_tabledef cs_table_daily;	/* rows added up */
extern const struct cs_tabledef cs_table_wait_hist;	/* n added up */
extern const struct cs_tabledef cs_table_bot_session;

/* Every derived table, ending with NULL: what a rebuild writes. */
extern const struct cs_tabledef *const cs_derived_tables[];

#endif
