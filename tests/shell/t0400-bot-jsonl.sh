# Bot transcripts as callstat's canonical events (bot-jsonl): detected,
# stored once, the caller's number hashed wherever it comes, the text
# redacted, bad JSON reported with its line and column while the rest of
# the file is read.
. "$(dirname "$0")/lib.sh"

BOT="$CS_TOP/tests/data/bot"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 bot.db "$1"; }

run callstat-import -c callstat.conf -d bot.db "$BOT/canonical.jsonl"
check_rc 0 "import canonical.jsonl"
check "7 events stored" [ "$(q "SELECT count(*) FROM bot_event")" = 7 ]
check "2 sessions" [ "$(q "SELECT count(DISTINCT session) FROM bot_event")" = 2 ]
check "the format is recorded" \
	[ "$(q "SELECT format FROM sources")" = bot-jsonl ]
# by hand: 2025-03-04T09:01:09.5Z is 1741078869 and 500 ms; 10:15:04.250
# at +01:00 is 09:15:04.250Z, 1741079704 and 250 ms
check "times in UTC with their milliseconds" \
	[ "$(q "SELECT time || '.' || msec FROM bot_event WHERE type = 'utterance' ORDER BY time")" = "1741078869.500
1741079704.250" ]
check "confidence in thousandths" \
	[ "$(q "SELECT group_concat(confidence) FROM (SELECT confidence FROM bot_event WHERE confidence IS NOT NULL ORDER BY time)")" = "310,920" ]
check "the fallback marker kept" \
	[ "$(q "SELECT nlu_match FROM bot_event WHERE intent = 'nlu_fallback'")" = no_match ]
check "transfer target and service" \
	[ "$(q "SELECT transfer_target || ',' || service FROM bot_event WHERE type = 'transfer'")" = "scolaire,scolaire" ]
check "call id and SIP Call-ID kept" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE call_id = '1741078862.1043' OR sip_call_id = 'a84b4c76e66710@pc33.example.org'")" = 2 ]
check "the town's number dialled stays in clear" \
	[ "$(q "SELECT group_concat(called) FROM (SELECT called FROM bot_event WHERE called IS NOT NULL ORDER BY time)")" = "+33199000100,0199000100" ]
check "unknown fields kept as JSON" \
	[ "$(q "SELECT extra FROM bot_event WHERE extra IS NOT NULL")" = '{"score":{"a":1},"vendor_flag":"x"}' ]

# privacy: the caller's number, in the caller field, in a session id and
# in what was said, is nowhere in the database
check "callers hashed (32 hex digits)" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE caller IS NOT NULL AND length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'")" = 2 ]
check "a session named by a number is its hash" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE session GLOB '[0-9a-f]*' AND length(session) = 32")" = 3 ]
check "the same number hashes the same as session and as caller" \
	[ "$(q "SELECT count(*) FROM bot_event a JOIN bot_event b ON a.session = b.caller")" -ge 1 ]
check "the number said by the caller is redacted" \
	[ "$(q "SELECT text FROM bot_event WHERE intent = 'nlu_fallback'")" = "c'est pour la cantine, rappelez-moi au [phone]" ]
for n in 639980101 639980102 '06 39 98 01 01' 0639980102; do
	check "no $n in the database" sh -c "! strings bot.db* | grep -q '$n'"
done

# the same file again, and under another name: stored once
cp "$BOT/canonical.jsonl" rotated.jsonl
run callstat-import -c callstat.conf -d bot.db "$BOT/canonical.jsonl" rotated.jsonl
check_rc 0 "import again, and a copy"
check "still 7 events" [ "$(q "SELECT count(*) FROM bot_event")" = 7 ]

# bad lines: FILE:LINE:COLUMN: reason for bad JSON; the rest is stored
{
	head -n 2 "$BOT/canonical.jsonl"
	printf '{"session_id":"s-9","ts":"2025-03-04T11:00:00Z","type":"utterance",\n'
	printf '{"session_id":"s-9","ts":"2025-03-04 11:00:00","type":"utterance"}\n'
	printf '{"session_id":"s-9","type":"utterance"}\n'
	printf '{"session_id":"s-9","ts":"2025-03-04T11:00:01Z","type":"utterance","confidence":3}\n'
	printf '["s-9"]\n'
	printf '{"session_id":"s-9","ts":"2025-03-04T11:00:02Z","type":"session_end","outcome":"resolved"}\n'
} > bad.jsonl
run callstat-import -c callstat.conf -d bad.db --format bot-jsonl bad.jsonl
check_rc 1 "bad lines: exit 1"
check "cut JSON: its line and column" has "$T/err" "bad.jsonl:3:"
check "cut JSON: line:column: reason" \
	grep -qE 'bad\.jsonl:3:[0-9]+: ' "$T/err"
check "no offset: said" has "$T/err" "bad.jsonl:4: ts: '2025-03-04 11:00:00' has no offset"
check "no ts: said" has "$T/err" "bad.jsonl:5: no ts"
check "confidence out of range: said" has "$T/err" "bad.jsonl:6: confidence: 3 is not between 0 and 1"
check "not an object: said" has "$T/err" "bad.jsonl:7:1: expected an object"
check "the good lines stored" [ "$(sqlite3 bad.db "SELECT count(*) FROM bot_event")" = 3 ]

# identifiers with numbers inside (Dialogflow's CID-...): two sessions stay
# two, and the numbers in them are stored nowhere
printf '%s\n' '{"session_id":"CID-297363723_79131759_799783510","ts":"2025-03-04T09:01:02Z","type":"session_start","sip_call_id":"297363723_79131759_799783510"}' \
	'{"session_id":"CID-297363723_79131759_799783511","ts":"2025-03-04T09:01:03Z","type":"session_start"}' > ids.jsonl
run callstat-import -c callstat.conf -d ids.db ids.jsonl
check_rc 0 "ids with numbers inside"
check "two sessions stay two" [ "$(sqlite3 ids.db "SELECT count(DISTINCT session) FROM bot_event")" = 2 ]
check "the SIP Call-ID kept, as a digest" [ "$(sqlite3 ids.db "SELECT count(*) FROM bot_event WHERE sip_call_id GLOB 'id:*'")" = 1 ]
check "no number of theirs in the database" sh -c "! strings ids.db* | grep -qE '297363723|799783510'"

# the PBX's figures are the bot's events' business only once sessions are
# linked: until then, importing them changes none
run callstat-import -c callstat.conf -d ex.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "import the worked example"
callstat-kpi -c callstat.conf -d ex.db --by service --csv > before.csv
run callstat-import -c callstat.conf -d ex.db "$BOT/canonical.jsonl"
check_rc 0 "then the bot's events"
callstat-kpi -c callstat.conf -d ex.db --by service --csv > after.csv
check "the figures are the same" cmp -s before.csv after.csv
finish
