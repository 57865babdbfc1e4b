# Rasa's trackers (rasa): the SQL tracker store's SQLite file (made here
# from make-rasa-db.sql with the sqlite3 shell, never written by the
# import) and exported JSON, detected from their content; what each event
# became, field by field (worked out by hand from the fixtures, see their
# SOURCE.txt); the caller's number, the numbers and e-mail said nowhere in
# the database; the same tracker from the store and from an export stored
# once; bad files and bad JSON said clearly; a session linked to its call
# by its CallSid, and callstat-kpi --by intent by hand; a list with a
# broken tracker; the peak memory of an export four times larger than
# another; kill -9 in the middle of an export's import.
. "$(dirname "$0")/lib.sh"

R="$SAMPLES/bots/rasa"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }
hex32="length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'"

sqlite3 rasa.db < "$R/make-rasa-db.sql"
check "the store made by the sqlite3 shell" [ "$(q rasa.db "SELECT count(*) FROM events")" = 40 ]
cp rasa.db rasa.db.orig

# ---- the SQL tracker store: 40 events, 25 stored ----
run callstat-import -c callstat.conf -d r.db rasa.db
check_rc 0 "import rasa.db"
check "rasa detected" [ "$(q r.db "SELECT format FROM sources")" = rasa ]
check "summary: the events read as lines" has "$T/err" "rasa.db: 40 lines read, 25 stored, 0 skipped, 0 rejected"
# by hand (SOURCE.txt): +33639980121 a start, 3 caller's and 3 bot's
# utterances, a hand-over, an end; +33639980123 a start, 2, an end;
# web-7f3a a start, 2 + 4, an end, then 2, a hand-over, an end
check "events by type" [ "$(q r.db "SELECT group_concat(type || '=' || n) FROM (SELECT type, count(*) n FROM bot_event GROUP BY type ORDER BY type)")" = "session_end=4,session_start=3,transfer=2,utterance=16" ]
# 2025-03-05T00:00Z is 1741132800: 09:40:00 is +34800, 13:00 +46800
check "caller's turns: time, msec, match, confidence" \
	[ "$(q r.db "SELECT group_concat(x, ' ') FROM (SELECT time || '.' || msec || ':' || nlu_match || ':' || ifnull(confidence, '-') x FROM bot_event WHERE speaker = 'caller' ORDER BY time)")" = \
	"1741167602.500:matched:970 1741167612.0:no_input:0 1741167615.250:no_match:310 1741167625.0:matched:910 1741179605.0:no_match:880 1741179612.0:matched:950 1741179900.0:matched:1000" ]
check "the line of each event is its id" \
	[ "$(q r.db "SELECT group_concat(line) FROM (SELECT line FROM bot_event WHERE speaker = 'caller' ORDER BY time)")" = "4,11,15,19,27,33,37" ]
check "intents of the caller's turns" \
	[ "$(q r.db "SELECT group_concat(intent) FROM (SELECT intent FROM bot_event WHERE speaker = 'caller' AND intent IS NOT NULL ORDER BY time)")" = \
	"greet,nlu_fallback,etat_civil.acte_naissance,horaires,horaires,greet" ]
check "outcomes, inferred" \
	[ "$(q r.db "SELECT group_concat(outcome || '@' || time || '.' || msec) FROM (SELECT * FROM bot_event WHERE type = 'session_end' ORDER BY time)")" = \
	"abandoned@1741167612.120,escalated@1741167625.300,resolved@1741179620.0,escalated@1741179901.200" ]
check "hand-overs: an action, Rasa Pro's pattern" \
	[ "$(q r.db "SELECT group_concat(line) FROM (SELECT line FROM bot_event WHERE type = 'transfer' ORDER BY time)")" = "22,38" ]
check "the bot's three alike 'Pardon ?' are three" \
	[ "$(q r.db "SELECT count(*) || ',' || count(DISTINCT rhash) FROM bot_event WHERE text = 'Pardon ?'")" = "3,3" ]
check "the web sessions named by their start" \
	[ "$(q r.db "SELECT group_concat(DISTINCT session) FROM (SELECT session FROM bot_event WHERE session LIKE 'web-%' ORDER BY time)")" = \
	"web-7f3a#2025-03-05T13:00:00.001Z,web-7f3a#2025-03-05T13:05:00.000Z" ]
check "a caller's number as sender: its session a digest" \
	[ "$(q r.db "SELECT count(DISTINCT session) || ',' || count(*) FROM bot_event WHERE session GLOB 'id:[0-9a-f]*'")" = "2,13" ]
check "the sender, and From, hashed: the caller" \
	[ "$(q r.db "SELECT count(DISTINCT caller) || ',' || count(*) FROM bot_event WHERE $hex32")" = "2,13" ]
check "the CallSid as the call id" \
	[ "$(q r.db "SELECT count(*) FROM bot_event WHERE call_id = 'CA5f0c9e3b7d2a41e8b6c4f1a2d3e4f5a6'")" = 4 ]
check "To, the town's number, in clear" \
	[ "$(q r.db "SELECT count(*) FROM bot_event WHERE called = '+33199000100'")" = 6 ]
check "the caller's number and e-mail said: redacted" \
	[ "$(q r.db "SELECT text FROM bot_event WHERE nlu_match = 'no_match' AND intent = 'nlu_fallback'")" = \
	"je voudrais un acte de naissance, rappelez-moi au [phone] ou à [email]" ]
check "the channel and message id kept beside" \
	[ "$(q r.db "SELECT extra FROM bot_event WHERE line = 4")" = '{"input_channel":"twilio_voice","message_id":"4b0e5a8c1f2d4e6a9b3c7d5e1f0a2b4c"}' ]
sqlite3 r.db .dump > dump.sql
for n in 639980121 639980122 639980123 '06 39 98 01 22' jean.dupont example.fr; do
	check "no $n in the database" sh -c "! strings r.db* | grep -q '$n'"
	check "no $n in its dump" sh -c "! grep -q '$n' dump.sql"
done
check "the store left as it was" cmp -s rasa.db rasa.db.orig
check "nothing made beside the store" sh -c "! ls rasa.db-* rasa.db.journal 2>/dev/null | grep -q ."

# ---- the same file again, the same tracker exported ----
run callstat-import -c callstat.conf -d r.db rasa.db
check_rc 0 "the store again"
check "nothing new" has "$T/err" "rasa.db: nothing new since the last import"
run callstat-import -c callstat.conf -d r.db "$R/voice.json"
check_rc 0 "the first tracker exported as JSON"
check "rasa detected in JSON" has "$T/err" "voice.json: 16 lines read, 0 stored, 9 skipped, 0 rejected"
check "still 25 events" [ "$(q r.db "SELECT count(*) FROM bot_event")" = 25 ]
# the other way: the export first, then the store
run callstat-import -c callstat.conf -d j.db "$R/voice.json" rasa.db
check_rc 0 "export, then store"
check "the store adds the two other trackers only" has "$T/err" "rasa.db: 40 lines read, 16 stored, 9 skipped, 0 rejected"
check "25 events either way" [ "$(q j.db "SELECT count(*) FROM bot_event")" = 25 ]
# every tracker of the store, one a line (the sqlite3 shell's own export),
# and the same as a list, on standard input
q rasa.db "SELECT json_object('sender_id', sender_id, 'events', json_group_array(json(data))) FROM (SELECT * FROM events ORDER BY sender_id, id) GROUP BY sender_id" > trackers.jsonl
check "three trackers, one a line" [ "$(wc -l < trackers.jsonl)" = 3 ]
run callstat-import -c callstat.conf -d r.db trackers.jsonl
check_rc 0 "the trackers one a line"
check "one a line: all known" has "$T/err" "trackers.jsonl: 40 lines read, 0 stored, 25 skipped, 0 rejected"
{ echo '['; sed '$!s/$/,/' trackers.jsonl; echo ']'; } > list.json
run callstat-import -c callstat.conf -d r.db --format rasa - < list.json
check_rc 0 "a list of trackers on standard input"
check "a list: all known" has "$T/err" "(stdin): 40 lines read, 0 stored, 25 skipped, 0 rejected"
# a file of trackers that grows is read again whole
head -n 1 trackers.jsonl > grows.jsonl
run callstat-import -c callstat.conf -d g.db grows.jsonl
check_rc 0 "one tracker"
check "its 9 events" has "$T/err" "grows.jsonl: 16 lines read, 9 stored, 0 skipped, 0 rejected"
sed -n 2,3p trackers.jsonl >> grows.jsonl
run callstat-import -c callstat.conf -d g.db grows.jsonl
check_rc 0 "the file grown"
check "read again whole, what was stored skipped" has "$T/err" "grows.jsonl: 40 lines read, 16 stored, 9 skipped, 0 rejected"

# ---- Rasa's test tracker, the docs' examples ----
run callstat-import -c callstat.conf -d m.db "$R/rasa_tracker_moodbot.json"
check_rc 0 "tracker_moodbot.json"
check "7 events read, 3 stored" has "$T/err" "rasa_tracker_moodbot.json: 7 lines read, 3 stored, 0 skipped, 0 rejected"
# by hand: /greet (greet 0.54, line 44) and /mood_great (0.60, line 91,
# .209836 cut to 209), no session_started: the sender is the session; the
# end at the latest timestamp, .211042 (line 130)
check "the moodbot's events" [ "$(q m.db "SELECT group_concat(x, ' ') FROM (SELECT line || ':' || time || '.' || msec || ':' || session || ':' || type || ':' || ifnull(text, '') || ':' || ifnull(intent, '') || ':' || ifnull(confidence, '') || ':' || ifnull(outcome, '') x FROM bot_event ORDER BY time, msec)")" = \
	"44:1517821726.200:mysender:utterance:/greet:greet:540: 91:1517821726.209:mysender:utterance:/mood_great:mood_great:600: 130:1517821726.211:mysender:session_end::::resolved" ]
awk 'BEGIN { printf "{\"sender_id\":\"docs\",\"events\":[" } /^\{/ { on = 1; if (n++) printf "," } on { printf "%s", $0 } /^\}/ { on = 0 } END { print "]}" }' \
	"$R/event_json_examples_from_docs.txt" > docs.json
check "the docs' two examples in a tracker" [ "$(grep -o '"event"' docs.json | wc -l)" = 2 ]
run callstat-import -c callstat.conf -d m.db docs.json
check_rc 0 "the docs' slot and reset_slots"
check "read, nothing stored" has "$T/err" "docs.json: 2 lines read, 0 stored, 0 skipped, 0 rejected"

# ---- files that are not Rasa's, and bad JSON ----
sqlite3 other.db "CREATE TABLE events(id INTEGER, kind TEXT); INSERT INTO events VALUES(1, 'x')"
run callstat-import -c callstat.conf -d b.db other.db
check_rc 1 "another SQLite database"
check "said what was expected" has "$T/err" "other.db: an SQLite database, but not a Rasa SQL tracker store (no such column: sender_id): expected its table events(id, sender_id, type_name, timestamp, data)"
check "not imported" has "$T/err" "other.db: not imported; the database is as it was before it"
run callstat-import -c callstat.conf -d b.db --format rasa r.db
check_rc 1 "callstat's own database, named rasa"
check "said: no table events" has "$T/err" "r.db: an SQLite database, but not a Rasa SQL tracker store (no such table: events)"
run callstat-import -c callstat.conf -d b.db - < rasa.db
check_rc 1 "the store on standard input"
check "said: give its file" has "$T/err" "(stdin): an SQLite database cannot be read from standard input; give its file"
head -c 1500 "$R/voice.json" > cut.json
lines=$(wc -l < cut.json)
run callstat-import -c callstat.conf -d b.db cut.json
check_rc 1 "an export cut short"
check "FILE:LINE:COLUMN: reason, at the end" grep -qE "cut\\.json:$((lines + 1)):[0-9]+: premature end of input" "$T/err"
check "nothing stored" [ "$(q b.db "SELECT count(*) FROM bot_event")" = 0 ]
{
	sed -n 3p trackers.jsonl
	printf '{"sender_id":"cut","events":[{"event":"user",\n'
	printf '{"sender_id":"x","events":[{"event":"user","timestamp":1741251600,"text":"oui","parse_data":{"intent":{"name":"affirm","confidence":1.5}}}]}\n'
	printf '"no tracker"\n'
} > bad.jsonl
run callstat-import -c callstat.conf -d bad.db bad.jsonl
check_rc 1 "bad trackers: exit 1"
check "bad JSON: line:column: reason" grep -qE 'bad\.jsonl:3:1: ' "$T/err"
check "a confidence out of range: where its event starts" has "$T/err" "bad.jsonl:3:28: parse_data.intent.confidence: 1.5 is not between 0 and 1"
check "no tracker: said" has "$T/err" "bad.jsonl:4:1: expected a Rasa tracker"
check "the good tracker stored (12 events)" [ "$(q bad.db "SELECT count(*) FROM bot_event")" = 12 ]

# ---- linked to its call by the CallSid; the intents' figures ----
run callstat-import -c callstat.conf -d l.db "$R/Master.csv" rasa.db
check_rc 0 "the PBX's call, then the store"
q l.db "SELECT coalesce(call, '-'), link, intent, outcome, transferred, turns, caller_turns, fallback_turns, end - start FROM bot_session ORDER BY start" > links.txt
# by hand: +33639980121 linked by its CallSid; 3 bot's and 3 caller's
# turns, one not understood; 09:40:00 to 09:40:25
cat > want.txt <<'EOW'
CA5f0c9e3b7d2a41e8b6c4f1a2d3e4f5a6|call_id|etat_civil.acte_naissance|escalated|1|6|3|1|25
-|none||abandoned|0|2|1|1|2
-|none|horaires|resolved|0|6|2|1|20
-|none|greet|escalated|1|2|1|0|1
EOW
check "each session, its call, how it was linked ($(tr '\n' ' ' < links.txt))" cmp -s links.txt want.txt
check "the call: the bot handed it to accueil's agent" \
	[ "$(q l.db "SELECT service || ',' || outcome || ',' || escalated FROM calls WHERE id = 'CA5f0c9e3b7d2a41e8b6c4f1a2d3e4f5a6'")" = "accueil,agent,1" ]
# by hand, one session an intent (the last understood): (none) the
# silent caller, 1 turn of 1 not understood, 12 - 10 s, 2 turns;
# etat_civil.acte_naissance linked, escalated, 1 of 3, 25 s, 6 turns;
# greet 0 of 1, 1 s, 2 turns; horaires 1 of 2, 20 s, 6 turns
cat > intents-want.csv <<'EOW'
intent,sessions,calls,containment_rate,escalation_rate,fallback_rate,handling_time,turns
(none),1,0,,,1,2,2
etat_civil.acte_naissance,1,1,0,1,0.3333333333333333,25,6
greet,1,0,,,0,1,2
horaires,1,0,,,0.5,20,6
EOW
run callstat-kpi -c callstat.conf -d l.db --by intent --csv
check_rc 0 "kpi --by intent"
check "the figures per intent ($(tr '\n' ' ' < "$T/out"))" same_numbers intents-want.csv "$T/out"
# the store first, then the PBX: the same link
run callstat-import -c callstat.conf -d l2.db rasa.db "$R/Master.csv"
check_rc 0 "the store, then the PBX's call"
q l2.db "SELECT coalesce(call, '-'), link, intent, outcome, transferred, turns, caller_turns, fallback_turns, end - start FROM bot_session ORDER BY start" > links2.txt
check "the same links in either order" cmp -s links2.txt want.txt
# ---- a list of trackers with a broken one in the middle: the others
# stored, the broken one said at its line and column ----
{
	echo '['
	echo '{"sender_id":"list-a","events":[{"event":"user","timestamp":1741167600,"text":"bonjour","parse_data":{"intent":{"name":"greet","confidence":0.9}}}]},'
	echo '{"sender_id":"list-b","events":[{"event":"user" "timestamp":1741167601}]},'
	echo '{"sender_id":"list-c","events":[{"event":"bot","timestamp":1741167602,"text":"au revoir"}]}'
	echo ']'
} > list.json
run callstat-import -c callstat.conf -d list.db list.json
check_rc 1 "a list with a broken tracker"
# the broken tracker's line 3: '{"sender_id":"list-b","events":[{"event":"user"'
# is 47 characters, then a space and '"timestamp"' where a ',' belongs,
# columns 49 to 59: Jansson names the token by its last character
check "the broken tracker said at its line and column" has "$T/err" "list.json:3:59:"
# list-a: its utterance and the end the tracker's end makes; list-c the same
check "the trackers around it stored" \
	[ "$(q list.db "SELECT group_concat(session || '=' || n) FROM (SELECT session, count(*) n FROM bot_event GROUP BY session ORDER BY session)")" = "list-a=2,list-c=2" ]

# ---- memory: a file of trackers is read a tracker at a time, so an
# export four times larger takes no more memory (Jansson would hold the
# whole of it, and its tree several times its size); both are large
# enough to fill SQLite's page cache ----
if command -v /usr/bin/time >/dev/null 2>&1; then
	trackers() {
		awk -v n="$1" 'BEGIN {
			for (i = 0; i < n; i++) {
				t = 1741167600 + i * 60
				printf "{\"sender_id\":\"mem-%d\",\"events\":[", i
				for (j = 0; j < 10; j++)
					printf "%s{\"event\":\"user\",\"timestamp\":%d,\"text\":\"je voudrais un acte de naissance pour ma fille s il vous plait %d\",\"parse_data\":{\"intent\":{\"name\":\"etat_civil\",\"confidence\":0.9}}}", (j ? "," : ""), t + j, j
				printf "]}\n"
			}
		}'
	}
	{ echo '['; trackers 10000 | sed '$!s/$/,/'; echo ']'; } > small.json
	{ echo '['; trackers 40000 | sed '$!s/$/,/'; echo ']'; } > big.json
	# under AddressSanitizer, a small quarantine: its 256 MiB by default
	# move the peak by more than the reading does (ignored otherwise)
	asan="${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=16"
	ASAN_OPTIONS=$asan /usr/bin/time -f %M "$CS_BIN/callstat-import" -q -c callstat.conf -d mem1.db small.json 2> small.rss
	ASAN_OPTIONS=$asan /usr/bin/time -f %M "$CS_BIN/callstat-import" -q -c callstat.conf -d mem2.db big.json 2> big.rss
	s=$(tail -n 1 small.rss) b=$(tail -n 1 big.rss)
	# the margin: 4 MiB or 5 %; under AddressSanitizer the quarantine's
	# 16 MiB besides, which fills at its own pace (seen 6 % apart in CI).
	# A reader that held the file would take several times its 68 MiB.
	slack=$((s / 20 > 4096 ? s / 20 : 4096))
	[ -n "${ASAN_OPTIONS:-}" ] && slack=$((slack + 16384))
	check "all of the big export stored" [ "$(q mem2.db "SELECT count(*) FROM bot_event")" = 440000 ]
	check "peak memory of a $(($(wc -c < big.json) / 1048576)) MiB export ($b KiB) within $((slack / 1024)) MiB of a quarter of it's ($s KiB)" \
		[ "$b" -le $((s + slack)) ]
	# ---- kill -9 while the big export is imported over the quarter:
	# the database as it was, intact; imported again, the big export's
	# events stored once, the quarter's (the same trackers) skipped ----
	state() {
		q "$1" "SELECT (SELECT count(*) FROM bot_event) || ' ' ||
		    (SELECT count(*) FROM bot_session) || ' ' ||
		    (SELECT count(*) FROM sources)"
	}
	before=$(state mem1.db)
	killed=0 d=1
	for try in 1 2 3 4 5; do
		rm -f k.db k.db-wal k.db-shm
		cp mem1.db k.db
		cp mem1.db.key k.db.key
		"$CS_BIN/callstat-import" -q -c callstat.conf -d k.db big.json 2> kill.err &
		pid=$!
		sleep "$d"
		if kill -0 "$pid" 2> /dev/null; then
			kill -9 "$pid"
			{ wait "$pid"; } 2> /dev/null
			if [ "$(q k.db "SELECT count(*) FROM sources WHERE path LIKE '%big.json'")" -eq 0 ]; then
				killed=1
				break
			fi
		else
			wait "$pid"
		fi
		d=$(awk -v d="$d" 'BEGIN { print d / 2 }')
	done
	check "an import of the big export killed while it ran" [ "$killed" -eq 1 ]
	if [ "$killed" -eq 1 ]; then
		check "after kill -9 at $d s: PRAGMA integrity_check is ok" \
			[ "$(q k.db 'PRAGMA integrity_check')" = ok ]
		check "after kill -9 at $d s: the database as before ($before), got ($(state k.db))" \
			[ "$(state k.db)" = "$before" ]
		run callstat-import -c callstat.conf -d k.db big.json
		check_rc 0 "the big export imported again"
		check "its 400,000 Rasa events read, 440,000 stored (a session end each tracker) once: the quarter's 110,000 skipped" \
			has "$T/err" "400000 lines read, 330000 stored, 110000 skipped, 0 rejected"
		check "440,000 events in all" [ "$(q k.db "SELECT count(*) FROM bot_event")" = 440000 ]
	fi
fi
finish
