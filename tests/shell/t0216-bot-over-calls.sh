# Transcripts imported over the calls already stored (callstat-import
# rewrites the calls of their days where they stand, calls.h's
# cs_calls_update_sessions, and writes only those a session can change,
# derive.h's cs_derive_keep): every derived table is what a rebuild of
# everything gives, in both orders of import, and a calls row that no
# rebuilt call replaces (a database another version left behind), or a
# call kept that has no row, makes the import rebuild those days whole.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

run callstat-synth -c callstat.conf --from 2024-03-01 --to 2024-04-15 \
    --calls-per-day 50 --seed 5 -o a
check_rc 0 "synth six weeks with the bot"

# the derived tables, in their keys' order
dump() {
	for t in calls daily wait_hist bot_session; do
		echo "== $t"
		sqlite3 "$1" "SELECT * FROM $t ORDER BY 1, 2, 3, 4"
	done
}

# whatever a tool reads next rebuilds every call, as after a change of
# the configuration
rebuild_all() {
	sqlite3 "$1" "UPDATE meta SET value = 'stale' WHERE key = 'derived_from'"
	run callstat-calls -c callstat.conf -d "$1" --csv
	check_rc 0 "$1: every call rebuilt"
}

run callstat-import -c callstat.conf -d x.db a/Master.csv a/queue_log
check_rc 0 "the PBX logs"
dump x.db > before
run callstat-import -c callstat.conf -d x.db a/transcripts.jsonl
check_rc 0 "then the transcripts"
dump x.db > x.dump
check "the sessions moved calls" sh -c "! cmp -s before x.dump"
cp x.db x2.db
cp x.db.key x2.db.key
rebuild_all x2.db
dump x2.db > x2.dump
check "what a rebuild of everything gives" cmp x.dump x2.dump

# a database of the PBX logs alone, under x.db's key (the same callers'
# hashes)
pbx_db() {
	cp x.db.key "$1.key"
	run callstat-import -c callstat.conf -d "$1" a/Master.csv a/queue_log
	check_rc 0 "$1: the PBX logs"
}

# how many calls rows of database $1 have the id $2
rows_of() {
	sqlite3 "$1" "SELECT count(*) FROM calls WHERE id = '$2'"
}

# the transcripts in two files that overlap (an export taken twice): the
# second's events already stored are skipped, and the tables are the same
pbx_db h.db
n=$(wc -l < a/transcripts.jsonl)
head -n $((n * 2 / 3)) a/transcripts.jsonl > first.jsonl
tail -n $((n / 2)) a/transcripts.jsonl > second.jsonl
run callstat-import -c callstat.conf -d h.db first.jsonl second.jsonl
check_rc 0 "two files of transcripts that overlap"
check "the overlap skipped" grep -q "second.jsonl: $((n / 2)) lines read, $((n - n * 2 / 3)) stored, $((n * 2 / 3 + n / 2 - n)) skipped" "$T/err"
dump h.db > h.dump
check "the tables of the whole file at once" cmp x.dump h.dump

cp x.db.key y.db.key
run callstat-import -c callstat.conf -d y.db a/transcripts.jsonl a/Master.csv a/queue_log
check_rc 0 "the transcripts first"
dump y.db > y.dump
check "the same tables in the other order" cmp x.dump y.dump

# a calls row of the range that no rebuilt call replaces: a copy of one
# of 20 March under another id
leave_row() {
	sqlite3 "$1" "INSERT INTO calls SELECT start, 'left-behind', end, day,
	    week, direction, service, in_hours, outcome, wait, human_wait, talk,
	    abandon_wait, escalated, needed_agent, bot_answered, caller, legs,
	    flags, repeat_24h, again_24h, callback_2h, callback_24h, bot_key,
	    bot_start FROM calls WHERE day = '2024-03-20' LIMIT 1"
}

pbx_db z.db
leave_row z.db
check "a row left behind" [ "$(rows_of z.db left-behind)" -eq 1 ]
run callstat-import -c callstat.conf -d z.db a/transcripts.jsonl
check_rc 0 "the transcripts over it"
check "the row left behind is gone" [ "$(rows_of z.db left-behind)" -eq 0 ]
dump z.db > z.dump
check "and the tables are a rebuild's" cmp x.dump z.dump

# a row left behind and, as many, a row missing: the count of the rows
# is right, their starts are not
pbx_db w.db
leave_row w.db
# a call no session can change: the bot did not settle it, and no call of
# its caller that the bot settled came in the day before
gone=$(sqlite3 w.db "SELECT id FROM calls c WHERE day = '2024-03-21'
    AND outcome IS NOT 'bot' AND NOT EXISTS (SELECT 1 FROM calls e
    WHERE c.caller != '' AND e.caller = c.caller AND e.outcome = 'bot'
    AND e.start < c.start AND e.start >= c.start - 86400) LIMIT 1")
check "a call no session changes" [ -n "$gone" ]
sqlite3 w.db "DELETE FROM calls WHERE id = '$gone'"
check "its row is gone" [ "$(rows_of w.db "$gone")" -eq 0 ]
run callstat-import -c callstat.conf -d w.db a/transcripts.jsonl
check_rc 0 "the transcripts over them"
check "the call has its row again" [ "$(rows_of w.db "$gone")" -eq 1 ]
dump w.db > w.dump
check "the tables are a rebuild's again" cmp x.dump w.dump

finish
