/*
 * db_schema.c: the schema of a callstat database, as the migrations that
 * make it (db.h).
 */
#include "db.h"

/*
 * The migrations: cs_db_migration[i] takes a database from version i to i + 1.
 * Never edit one that has shipped; add the next, and change the table's
 * description to match (tabledef.h: test_db.c compares the two).
 */
const char *const cs_db_migration[] = {
	/* 0 -> 1: the first schema */
	"CREATE TABLE meta("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL) WITHOUT ROWID;"
	/* one row per input file: where to resume a file that grew */
	"CREATE TABLE sources("
	"  id INTEGER PRIMARY KEY,"
	"  path TEXT NOT NULL,"
	"  format TEXT NOT NULL,"
	"  size INTEGER NOT NULL,"	/* bytes read, up to the last full line */
	"  hash TEXT NOT NULL,"		/* BLAKE2b of those bytes */
	"  lines INTEGER NOT NULL,"
	"  ncols INTEGER NOT NULL DEFAULT 0,"
	"  col17 INTEGER NOT NULL DEFAULT 0,"
	"  stored INTEGER NOT NULL DEFAULT 0,"
	"  skipped INTEGER NOT NULL DEFAULT 0,"
	"  rejected INTEGER NOT NULL DEFAULT 0,"
	"  imported_at TEXT NOT NULL);"
	"CREATE INDEX sources_path ON sources(path);"
	/*
	 * Asterisk CDR legs.  rhash is a keyed digest of the line: the same
	 * record from any file is stored once.  Callers' numbers are only
	 * in caller (a keyed hash); src and dst are kept when they are
	 * extensions or the town's own numbers, and numbers inside channel
	 * names and dial strings are replaced by [phone].
	 */
	"CREATE TABLE cdr("
	"  start INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  answer INTEGER,"
	"  end INTEGER NOT NULL,"
	"  duration INTEGER NOT NULL,"
	"  billsec INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"
	"  src TEXT,"
	"  dst TEXT,"
	"  dcontext TEXT,"
	"  channel TEXT,"
	"  dstchannel TEXT,"
	"  lastapp TEXT,"
	"  lastdata TEXT,"
	"  disposition TEXT,"
	"  amaflags TEXT,"
	"  accountcode TEXT,"
	"  uniqueid TEXT,"
	"  userfield TEXT,"
	"  peeraccount TEXT,"
	"  linkedid TEXT,"
	"  sequence INTEGER,"
	"  flags INTEGER NOT NULL DEFAULT 0,"	/* 1: start in the repeated DST hour */
	"  PRIMARY KEY(start, rhash)) WITHOUT ROWID;"
	"CREATE TABLE queue_log("
	"  time INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  callid TEXT NOT NULL,"
	"  queue TEXT NOT NULL,"
	"  agent TEXT NOT NULL,"
	"  event TEXT NOT NULL,"
	"  data1 TEXT, data2 TEXT, data3 TEXT, data4 TEXT, data5 TEXT,"
	"  PRIMARY KEY(time, rhash)) WITHOUT ROWID;"
	/* derived: one row per call rebuilt from its legs */
	"CREATE TABLE calls("
	"  start INTEGER NOT NULL,"
	"  id TEXT NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  day TEXT NOT NULL,"		/* local YYYY-MM-DD */
	"  week TEXT NOT NULL,"		/* ISO YYYY-Www */
	"  direction TEXT NOT NULL,"	/* inbound, internal, outbound */
	"  service TEXT NOT NULL,"
	"  in_hours INTEGER NOT NULL,"
	"  outcome TEXT,"		/* NULL unless inbound */
	"  wait INTEGER,"
	"  human_wait INTEGER,"
	"  talk INTEGER,"
	"  abandon_wait INTEGER,"
	"  escalated INTEGER NOT NULL,"
	"  needed_agent INTEGER NOT NULL,"
	"  bot_answered INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"	/* keyed hash, '' when withheld */
	"  legs INTEGER NOT NULL,"
	"  flags INTEGER NOT NULL,"
	"  repeat_24h INTEGER NOT NULL DEFAULT 0,"
	"  again_24h INTEGER NOT NULL DEFAULT 0,"
	"  callback_2h INTEGER NOT NULL DEFAULT 0,"
	"  callback_24h INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(start, id)) WITHOUT ROWID;"
	/* derived: per local day, service and hours, the sums every figure
	   is made of (kpi.h) */
	"CREATE TABLE daily("
	"  day TEXT NOT NULL, week TEXT NOT NULL, service TEXT NOT NULL, in_hours INTEGER NOT NULL,"
	"  offered INTEGER NOT NULL, answered INTEGER NOT NULL,"
	"  needed_agent INTEGER NOT NULL, agent INTEGER NOT NULL,"
	"  bot INTEGER NOT NULL, abandoned INTEGER NOT NULL,"
	"  missed INTEGER NOT NULL, voicemail INTEGER NOT NULL,"
	"  short INTEGER NOT NULL, wait_sum INTEGER NOT NULL,"
	"  sl_count INTEGER NOT NULL, abandon_wait_sum INTEGER NOT NULL,"
	"  talk_sum INTEGER NOT NULL, bot_sessions INTEGER NOT NULL,"
	"  escalated INTEGER NOT NULL, escalated_agent INTEGER NOT NULL,"
	"  contain_num INTEGER NOT NULL, contain_den INTEGER NOT NULL,"
	"  repeat_num INTEGER NOT NULL, repeat_den INTEGER NOT NULL,"
	"  lost INTEGER NOT NULL, callback_den INTEGER NOT NULL,"
	"  callback2_num INTEGER NOT NULL, callback24_num INTEGER NOT NULL,"
	"  PRIMARY KEY(day, service, in_hours)) WITHOUT ROWID;"
	/* derived: how many calls waited exactly secs seconds (metric 0:
	   wait of answered calls, 1: human_wait of agent calls) */
	"CREATE TABLE wait_hist("
	"  day TEXT NOT NULL, week TEXT NOT NULL, service TEXT NOT NULL, in_hours INTEGER NOT NULL,"
	"  metric INTEGER NOT NULL, secs INTEGER NOT NULL, n INTEGER NOT NULL,"
	"  PRIMARY KEY(day, service, in_hours, metric, secs)) WITHOUT ROWID;",
	/*
	 * 1 -> 2: the key and start of the leg the bot answered, for its
	 * session to be joined to the call.  The calls stored before lack
	 * them: forgetting what the derived tables were made from has the
	 * next import (or reader) rebuild them (rebuild.c, derived_from).
	 */
	"ALTER TABLE calls ADD COLUMN bot_key TEXT;"
	"ALTER TABLE calls ADD COLUMN bot_start INTEGER;"
	"DELETE FROM meta WHERE key = 'derived_from';"
	/* the bot's events, canonical whatever the platform (readers/bot.h) */
	"CREATE TABLE bot_event("
	"  time INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  msec INTEGER NOT NULL DEFAULT 0,"
	"  session TEXT NOT NULL,"
	"  type TEXT NOT NULL,"
	"  speaker TEXT,"
	"  text TEXT,"
	"  intent TEXT,"
	"  confidence INTEGER,"
	"  nlu_match TEXT,"
	"  transfer_target TEXT,"
	"  outcome TEXT,"
	"  service TEXT,"
	"  call_id TEXT,"
	"  sip_call_id TEXT,"
	"  caller TEXT,"
	"  called TEXT,"
	"  lang TEXT,"
	"  extra TEXT,"
	"  PRIMARY KEY(time, rhash)) WITHOUT ROWID;"
	/* derived: a row per bot session, and its call (tables.h) */
	"CREATE TABLE bot_session("
	"  start INTEGER NOT NULL,"
	"  session TEXT NOT NULL,"
	"  end INTEGER NOT NULL,"
	"  day TEXT NOT NULL,"
	"  call TEXT,"
	"  link TEXT NOT NULL,"
	"  service TEXT NOT NULL,"
	"  intent TEXT NOT NULL,"
	"  outcome TEXT NOT NULL,"
	"  transferred INTEGER NOT NULL,"
	"  turns INTEGER NOT NULL,"
	"  caller_turns INTEGER NOT NULL,"
	"  fallback_turns INTEGER NOT NULL,"
	"  PRIMARY KEY(start, session)) WITHOUT ROWID;",
	/* 2 -> 3: FreeSWITCH mod_cdr_csv legs (readers/freeswitch_tables.h) */
	"CREATE TABLE fs_cdr("
	"  start INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  answer INTEGER,"
	"  end INTEGER NOT NULL,"
	"  duration INTEGER NOT NULL,"
	"  billsec INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"
	"  number TEXT,"
	"  dest TEXT,"
	"  context TEXT,"
	"  hangup_cause TEXT,"
	"  uuid TEXT NOT NULL,"
	"  bleg_uuid TEXT,"
	"  accountcode TEXT,"
	"  cc_queue TEXT,"
	"  cc_side TEXT,"
	"  cc_member_uuid TEXT,"
	"  cc_member_session_uuid TEXT,"
	"  cc_agent TEXT,"
	"  cc_joined INTEGER,"
	"  cc_answered INTEGER,"
	"  cc_terminated INTEGER,"
	"  cc_canceled INTEGER,"
	"  cc_cause TEXT,"
	"  cc_cancel_reason TEXT,"
	"  originating_leg_uuid TEXT,"
	"  template INTEGER NOT NULL,"
	"  flags INTEGER NOT NULL DEFAULT 0,"
	"  PRIMARY KEY(start, rhash)) WITHOUT ROWID;"
	/* a queue member's entering and leaving its queue (cc_*) */
	"CREATE TABLE fs_queue("
	"  time INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  part INTEGER NOT NULL,"
	"  caller TEXT NOT NULL,"
	"  call TEXT NOT NULL,"
	"  cc_queue TEXT NOT NULL,"
	"  cc_agent TEXT,"
	"  cc_joined INTEGER,"
	"  cc_answered INTEGER,"
	"  cc_cancel_reason TEXT,"
	"  PRIMARY KEY(time, rhash)) WITHOUT ROWID;",
	/* 3 -> 4: generic-csv's rows (readers/generic_csv_format.c): a leg,
	   or a queue event the leg's row says, stored at the leg's start */
	"CREATE TABLE generic_csv("
	"  start INTEGER NOT NULL,"
	"  rhash INTEGER NOT NULL,"
	"  source INTEGER NOT NULL,"
	"  line INTEGER NOT NULL,"
	"  kind INTEGER NOT NULL,"
	"  at INTEGER NOT NULL,"
	"  answer INTEGER,"
	"  end INTEGER NOT NULL,"
	"  duration INTEGER NOT NULL,"
	"  call_id TEXT NOT NULL,"
	"  caller TEXT NOT NULL,"
	"  src TEXT,"
	"  dialled TEXT,"
	"  destination TEXT,"
	"  queue TEXT,"
	"  sip_call_id TEXT,"
	"  target INTEGER NOT NULL,"
	"  ended INTEGER NOT NULL,"
	"  wait INTEGER,"
	"  PRIMARY KEY(start, rhash)) WITHOUT ROWID;",
	/* 4 -> 5: a generic-csv leg keeps its queue's events in its row
	   (their rows of their own, stored before, stay as they are) */
	"ALTER TABLE generic_csv ADD COLUMN qexit INTEGER;",
	/* 5 -> 6: a generic-csv leg (SMDR's too) flags a start in the hour
	   repeated when summer time ends, as Master.csv's do */
	"ALTER TABLE generic_csv ADD COLUMN flags INTEGER NOT NULL DEFAULT 0;",
};

_Static_assert(sizeof(cs_db_migration) / sizeof(cs_db_migration[0]) ==
    CS_DB_VERSION, "db.h's version is the last migration's");
