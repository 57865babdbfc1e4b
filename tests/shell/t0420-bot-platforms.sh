# Bot platforms' exports (dialogflow-cx, lex-v2): detected from their
# content, each line turned into its canonical events (counted by hand
# from the fixtures, see their SOURCE.txt), the caller's number hashed
# wherever it comes, bad lines reported with their line (and column for
# bad JSON) while the rest is stored, a second import storing nothing.
. "$(dirname "$0")/lib.sh"

DF="$SAMPLES/bots/dialogflow_cx/turns.jsonl"
LEX="$SAMPLES/bots/lexv2/textlog.jsonl"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 "$1" "$2"; }
hex32="length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'"

# ---- dialogflow-cx: 6 turns, 14 events ----
run callstat-import -c callstat.conf -d df.db "$DF"
check_rc 0 "import turns.jsonl"
check "dialogflow-cx detected" [ "$(q df.db "SELECT format FROM sources")" = dialogflow-cx ]
check "14 events" [ "$(q df.db "SELECT count(*) FROM bot_event")" = 14 ]
# by hand: session 1 has 4 bot replies and 3 caller turns, a transfer and
# an end; session 2 a key press, 2 replies, 1 caller turn, an end
check "events by type" [ "$(q df.db "SELECT group_concat(type || '=' || n) FROM (SELECT type, count(*) n FROM bot_event GROUP BY type ORDER BY type)")" = "dtmf=1,session_end=2,transfer=1,utterance=10" ]
check "the session from the resource name" \
	[ "$(q df.db "SELECT count(*) FROM bot_event WHERE session = 'CID-a84b4c76e66710_pc33'")" = 9 ]
check "CID-<SIP Call-ID> gives the SIP Call-ID" \
	[ "$(q df.db "SELECT count(*) FROM bot_event WHERE sip_call_id = 'a84b4c76e66710_pc33'")" = 9 ]
check "a session named by a number: its hash" \
	[ "$(q df.db "SELECT count(*) FROM bot_event WHERE length(session) = 32 AND session NOT GLOB '*[^0-9a-f]*'")" = 5 ]
check "the gateway's caller id hashed" \
	[ "$(q df.db "SELECT count(DISTINCT caller) || ',' || count(*) FROM bot_event WHERE $hex32")" = "1,9" ]
# 2025-03-04 09:01:09.500Z is 1741046400 + 32469; 09:01:20 UTC + 11 s;
# 09:01:31.250 UTC + 22 s; 2025-03-05 13:30:10.5 UTC is 1741132800 + 48610
check "caller turns: time, msec, match, confidence" \
	[ "$(q df.db "SELECT group_concat(x, ' ') FROM (SELECT time || '.' || msec || ':' || nlu_match || ':' || ifnull(confidence, '-') x FROM bot_event WHERE speaker = 'caller' ORDER BY time)")" = \
	"1741078869.500:matched:870 1741078880.0:no_match:210 1741078891.250:no_input:- 1741181400.0:matched:1000 1741181410.500:matched:950" ]
check "intents of the matched turns" \
	[ "$(q df.db "SELECT group_concat(intent) FROM (SELECT intent FROM bot_event WHERE intent IS NOT NULL ORDER BY time)")" = "scolaire.cantine,fin" ]
check "outcomes" [ "$(q df.db "SELECT group_concat(outcome) FROM (SELECT outcome FROM bot_event WHERE outcome IS NOT NULL ORDER BY time)")" = "escalated,resolved" ]
check "the number said is redacted" \
	[ "$(q df.db "SELECT text FROM bot_event WHERE nlu_match = 'no_match'")" = "rappelez-moi au [phone]" ]
for n in 639980101 639980102 '06 39 98 01 01'; do
	check "no $n in the database" sh -c "! strings df.db* | grep -q '$n'"
done
cp "$DF" again.jsonl
run callstat-import -c callstat.conf -d df.db "$DF" again.jsonl
check_rc 0 "import again, and a copy"
check "still 14 events" [ "$(q df.db "SELECT count(*) FROM bot_event")" = 14 ]

# bad turns: FILE:LINE[:COLUMN]: reason; the good turns are stored
row='{"conversation_name":"a/sessions/s9","request_time":"%s","response":%s}\n'
{
	printf "$row" "2025-03-04 11:00:00 UTC" '{"queryResult":{"text":"oui"}}'
	printf '{"conversation_name":"a/sessions/s9",\n'
	printf "$row" "2025-03-04 11:00:00" '{}'
	printf "$row" "2025-03-04 11:00:01 UTC" '{"queryResult":{"text":"x","match":{"confidence":3}}}'
	printf "$row" "2025-03-04 11:00:02 UTC" '"{\"queryResult\":"'
	printf '{"request_time":"2025-03-04 11:00:03 UTC"}\n'
	printf "$row" "2025-03-04 11:00:04 UTC" '{"queryResult":{"text":"non","responseMessages":[{"endInteraction":{}}]}}'
} > bad.jsonl
run callstat-import -c callstat.conf -d bad.db --format dialogflow-cx bad.jsonl
check_rc 1 "bad turns: exit 1"
check "cut JSON: line:column: reason" grep -qE 'bad\.jsonl:2:[0-9]+: ' "$T/err"
check "no time zone: said" has "$T/err" "bad.jsonl:3: request_time: '2025-03-04 11:00:00' has no time zone"
check "confidence out of range: said" has "$T/err" "bad.jsonl:4: match.confidence: 3 is not between 0 and 1"
check "a JSON column that is not JSON: said" has "$T/err" "bad.jsonl:5: response: "
check "no session: said" has "$T/err" "bad.jsonl:6: no conversation_name"
check "the good turns stored (1 + 2 events)" [ "$(q bad.db "SELECT count(*) FROM bot_event")" = 3 ]

# ---- lex-v2: 5 log events, 11 events ----
run callstat-import -c callstat.conf -d lex.db "$LEX"
check_rc 0 "import textlog.jsonl"
check "lex-v2 detected" [ "$(q lex.db "SELECT format FROM sources")" = lex-v2 ]
check "11 events" [ "$(q lex.db "SELECT count(*) FROM bot_event")" = 11 ]
check "events by type" [ "$(q lex.db "SELECT group_concat(type || '=' || n) FROM (SELECT type, count(*) n FROM bot_event GROUP BY type ORDER BY type)")" = "dtmf=1,session_end=3,utterance=7" ]
check "Connect's session is the contact: the call id" \
	[ "$(q lex.db "SELECT count(*) FROM bot_event WHERE call_id = 'c3f2e1d0-1111-4a2b-9c3d-5e6f7a8b9c0d' AND session = call_id")" = 7 ]
check "the flow's CustomerNumber hashed" \
	[ "$(q lex.db "SELECT count(DISTINCT caller) || ',' || count(*) FROM bot_event WHERE $hex32")" = "1,7" ]
check "the town's number dialled in clear" \
	[ "$(q lex.db "SELECT DISTINCT called FROM bot_event WHERE called IS NOT NULL")" = "+33199000100" ]
# 2025-03-06T00:00Z is 1741219200: 08:15:00.250, 08:15:09, 08:15:20.5
# (the event's, not the export's .512), 09:00+01:00; 2022-03-25T02:06:07.382Z
check "caller inputs: time, msec, match, confidence" \
	[ "$(q lex.db "SELECT group_concat(x, ' ') FROM (SELECT time || '.' || msec || ':' || nlu_match || ':' || ifnull(confidence, '-') x FROM bot_event WHERE speaker = 'caller' ORDER BY time)")" = \
	"1648173967.382:matched:1000 1741248000.0:no_input:- 1741248900.250:matched:910 1741248909.0:no_match:- 1741248920.500:matched:990" ]
check "outcomes: two resolved, one not said" \
	[ "$(q lex.db "SELECT count(*) || ',' || count(outcome) || ',' || group_concat(DISTINCT outcome) FROM bot_event WHERE type = 'session_end'")" = "3,2,resolved" ]
check "the bot's SSML reply as text" \
	[ "$(q lex.db "SELECT count(*) FROM bot_event WHERE speaker = 'bot' AND text = 'Pour quelle date ?'")" = 1 ]
check "the number said is redacted" \
	[ "$(q lex.db "SELECT text FROM bot_event WHERE nlu_match = 'no_match'")" = "euh mon numéro c'est le [phone]" ]
check "the locale as BCP 47" [ "$(q lex.db "SELECT group_concat(DISTINCT lang) FROM (SELECT lang FROM bot_event ORDER BY lang)")" = "en-US,fr-FR" ]
for n in 639980103 '06 39 98 01 03' 455980081820937; do
	check "no $n in the database" sh -c "! strings lex.db* | grep -q '$n'"
done
run callstat-import -c callstat.conf -d lex.db "$LEX"
check_rc 0 "import again"
check "still 11 events" [ "$(q lex.db "SELECT count(*) FROM bot_event")" = 11 ]

ev='{"messageVersion":"2.0","bot":{"localeId":"fr_FR"},"sessionId":"s9",%s}\n'
{
	printf "$ev" '"timestamp":"2025-03-04T11:00:00Z","inputTranscript":"oui"'
	printf '2025-03-04T11:00:01Z {"messageVersion":"2.0","sessionId":\n'
	printf "$ev" '"inputTranscript":"oui"'
	printf "$ev" '"timestamp":"2025-03-04T11:00:02Z","inputTranscript":"a","interpretations":[{"nluConfidence":"haute"}]'
	printf '{"messageVersion":"2.0","bot":{},"timestamp":"2025-03-04T11:00:03Z"}\n'
	printf "$ev" '"timestamp":"2025-03-04T11:00:04Z","inputTranscript":"non","messages":[{"contentType":"PlainText","content":"Au revoir."}]'
} > bad.log
run callstat-import -c callstat.conf -d badlex.db --format lex-v2 bad.log
check_rc 1 "bad log events: exit 1"
check "cut JSON behind an export's time: line:column: reason" \
	grep -qE 'bad\.log:2:(2[6-9]|[3-9][0-9]): ' "$T/err"
check "no timestamp: said" has "$T/err" "bad.log:3: no timestamp"
check "a confidence that is no number: said" has "$T/err" "bad.log:4: nluConfidence: 'haute' is not a number from 0 to 1"
check "no session: said" has "$T/err" "bad.log:5: no sessionId"
check "the good events stored (1 + 2)" [ "$(q badlex.db "SELECT count(*) FROM bot_event")" = 3 ]
finish
