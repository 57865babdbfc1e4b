# Bot transcripts as callstat's canonical events in CSV (bot-csv): detected
# by their header, the same rows as the same events in JSON lines, stored
# once however the columns are ordered or quoted, the header read again
# when a file that grew is imported again, bad lines reported with their
# line (and column) while the rest is stored, and a file without a header
# refused line by line.
. "$(dirname "$0")/lib.sh"

BOT="$CS_TOP/tests/data/bot"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 bot.db "$1"; }
# every stored column but those that say where a row came from, and extra
COLS="time, msec, session, type, speaker, text, intent, confidence,
	nlu_match, transfer_target, outcome, service, call_id, sip_call_id,
	caller, called, lang"

run callstat-import -c callstat.conf -d bot.db "$BOT/canonical.csv"
check_rc 0 "import canonical.csv"
check "7 events stored" [ "$(q "SELECT count(*) FROM bot_event")" = 7 ]
check "the format detected and recorded" \
	[ "$(q "SELECT format FROM sources")" = bot-csv ]
check "the header is no record: lines 2 to 8 stored" \
	[ "$(q "SELECT min(line) || '-' || max(line) FROM bot_event")" = "2-8" ]
# by hand, as in t0400: 09:01:09.5Z is 1741078869 and 500 ms; 10:15:04.250
# at +01:00 is 09:15:04.250Z, 1741079704 and 250 ms
check "times in UTC with their milliseconds" \
	[ "$(q "SELECT time || '.' || msec FROM bot_event WHERE type = 'utterance' ORDER BY time")" = "1741078869.500
1741079704.250" ]
check "confidence in thousandths, NULL where the field is empty" \
	[ "$(q "SELECT group_concat(coalesce(confidence, 'none')) FROM (SELECT confidence FROM bot_event ORDER BY line)")" = "none,310,none,none,none,920,none" ]
# by hand: the starts and ends, lines 2, 5, 6 and 8, have none of these
check "empty fields are absent (NULL)" \
	[ "$(q "SELECT group_concat(line) FROM (SELECT line FROM bot_event WHERE speaker IS NULL AND intent IS NULL AND nlu_match IS NULL AND text IS NULL ORDER BY line)")" = "2,5,6,8" ]
check "the unknown column kept as JSON" \
	[ "$(q "SELECT extra FROM bot_event WHERE extra IS NOT NULL")" = '{"vendor_flag":"x"}' ]

# the same events as JSON lines: the same rows, but for where they came
# from (the unknown object of the JSON has no CSV form); and, imported
# beside them, nothing new: an event is keyed by what it says, not by the
# line or the format that said it
cp bot.db.key json.db.key
run callstat-import -c callstat.conf -d json.db "$BOT/canonical.jsonl"
check_rc 0 "import canonical.jsonl into a database of its own (the same key)"
for pair in "main json" "json main"; do
	set -- $pair
	check "no event of the $1 database missing from the $2" \
		[ "$(q "ATTACH 'json.db' AS json; SELECT count(*) FROM (SELECT $COLS FROM $1.bot_event EXCEPT SELECT $COLS FROM $2.bot_event)")" = 0 ]
done
run callstat-import -c callstat.conf -d bot.db "$BOT/canonical.jsonl"
check_rc 0 "import canonical.jsonl beside the CSV"
check "its 7 events skipped" has "$T/err" "canonical.jsonl: 7 lines read, 0 stored, 7 skipped, 0 rejected"
check "7 events, all from the CSV" [ "$(q "SELECT group_concat(n) FROM (SELECT count(*) n FROM bot_event GROUP BY source)")" = "7" ]

# the same events exported again another way (BOM, CRLF, all quoted,
# decimal commas, other columns order), and the same file again: stored once
run callstat-import -c callstat.conf -d bot.db "$BOT/canonical-win.csv" "$BOT/canonical.csv"
check_rc 0 "import the Windows export, and canonical.csv again"
check "the Windows export detected" \
	[ "$(q "SELECT format FROM sources WHERE path LIKE '%canonical-win.csv'")" = bot-csv ]
check "its 7 lines read, nothing rejected" has "$T/err" "canonical-win.csv: 8 lines read, 0 stored, 7 skipped, 0 rejected"
check "still 7 events" [ "$(q "SELECT count(*) FROM bot_event")" = 7 ]

# privacy: the callers' numbers, as caller, as session id and said
check "callers hashed" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE source = 1 AND caller IS NOT NULL AND length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'")" = 2 ]
check "a session named by a number is its hash, the caller's" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE source = 1 AND session = (SELECT caller FROM bot_event WHERE source = 1 AND sip_call_id IS NOT NULL)")" = 3 ]
check "the number said is redacted" \
	[ "$(q "SELECT text FROM bot_event WHERE source = 1 AND intent = 'nlu_fallback'")" = "c'est pour la cantine, rappelez-moi au [phone]" ]
for n in 639980101 639980102 '06 39 98 01 01' 0639980102; do
	check "no $n in the database" sh -c "! strings bot.db* | grep -q '$n'"
done

# a file that grows: the second import reads the new lines only, with the
# header read again (without it they would be rejected)
for f in canonical.csv canonical-win.csv; do
	g=grow-$f
	head -n 4 "$BOT/$f" > "$g"
	run callstat-import -c callstat.conf -d $g.db "$g"
	check_rc 0 "$g: first part"
	check "$g: 3 events" [ "$(sqlite3 $g.db "SELECT count(*) FROM bot_event WHERE source = (SELECT id FROM sources WHERE path LIKE '%$g')")" = 3 ]
	tail -n +5 "$BOT/$f" >> "$g"
	run callstat-import -c callstat.conf -d $g.db "$g"
	check_rc 0 "$g: grown"
	check "$g: the 4 new lines read and stored" has "$T/err" "$g: 4 lines read (new since the last import), 4 stored, 0 skipped, 0 rejected"
	check "$g: 7 events, lines 2 to 8" [ "$(sqlite3 $g.db "SELECT count(*) || ',' || min(line) || '-' || max(line) FROM bot_event WHERE source = (SELECT id FROM sources WHERE path LIKE '%$g')")" = "7,2-8" ]
done
# the header is the first line that is not blank, when read again too
g=grow-blank.csv
{ printf '\n \r\n'; head -n 4 "$BOT/canonical.csv"; } > $g
run callstat-import -c callstat.conf -d $g.db "$g"
check_rc 0 "$g: first part"
tail -n +5 "$BOT/canonical.csv" >> "$g"
run callstat-import -c callstat.conf -d $g.db "$g"
check_rc 0 "$g: grown"
check "$g: 7 events, lines 4 to 10" [ "$(sqlite3 $g.db "SELECT count(*) || ',' || min(line) || '-' || max(line) FROM bot_event")" = "7,4-10" ]

# bad lines: FILE:LINE[:COLUMN]: reason; the rest is stored
{
	printf 'session_id,ts,type,text,confidence\n'
	printf 's-9,2025-03-04T11:00:00Z,session_start,,\n'
	printf 's-9,2025-03-04T11:00:01Z,utterance,il a dit "oui",\n'
	printf 's-9,2025-03-04T11:00:02Z,utterance,"bonjour,\n'
	printf 's-9,2025-03-04T11:00:03Z,utterance,bonjour,1.5\n'
	printf 's-9,2025-03-04 11:00:04,utterance,,\n'
	printf 's-9,2025-03-04T11:00:05Z,utterance\n'
	printf 's-9,2025-03-04T11:00:06Z,utterance,"a ""quoted"" word","0,5"\n'
	printf 's-9,2025-03-04T11:00:07Z,session_end,,\n'
} > bad.csv
run callstat-import -c callstat.conf -d bad.db bad.csv
check_rc 1 "bad lines: exit 1"
# columns by hand: "s-9," 4 bytes, ts 20, ",utterance," 11: field 4 starts
# at column 36; the quote after "il a dit " is at column 45, the quote that
# opens "bonjour, at 36
check "misplaced quote: line and column" has "$T/err" "bad.csv:3:45: misplaced quote in field 4"
check "unterminated field: line and column" has "$T/err" "bad.csv:4:36: unterminated quoted field 4 (a field cannot span lines in bot-csv"
check "confidence out of range" has "$T/err" "bad.csv:5: confidence: 1.5 is not between 0 and 1"
check "no offset" has "$T/err" "bad.csv:6: ts: '2025-03-04 11:00:04' has no offset"
check "too few fields" has "$T/err" "bad.csv:7: expected 5 fields as the header names, found 3"
check "the good lines stored" [ "$(sqlite3 bad.db "SELECT group_concat(line) FROM (SELECT line FROM bot_event ORDER BY line)")" = "2,8,9" ]
check "doubled quotes and a decimal comma" \
	[ "$(sqlite3 bad.db "SELECT text || '|' || confidence FROM bot_event WHERE line = 8")" = 'a "quoted" word|500' ]

# no header: each line refused, saying a header is needed
printf 's-1,2025-03-04T09:01:02Z,session_start\ns-1,2025-03-04T09:01:03Z,session_end\n' > nohead.csv
run callstat-import -c callstat.conf -d nohead.db --format bot-csv nohead.csv
check_rc 1 "no header: exit 1"
check "line 1: a header is needed" has "$T/err" "nohead.csv:1: no header: a bot-csv file starts with a line naming its columns (session_id,ts,type,...)"
check "line 2: a header is needed" has "$T/err" "nohead.csv:2: no header naming session_id, ts and type: a bot-csv file starts with one"
check "nothing stored" [ "$(sqlite3 nohead.db "SELECT count(*) FROM bot_event")" = 0 ]
run callstat-import -c callstat.conf -d other.db nohead.csv
check_rc 1 "no header, no --format: not recognised"
check "not recognised: said" has "$T/err" "nohead.csv: none of"
# a header without ts
printf 'session_id,type\ns-1,session_start\n' > nots.csv
run callstat-import -c callstat.conf -d nohead.db --format bot-csv nots.csv
check_rc 1 "a header without ts: exit 1"
check "what is missing is said" has "$T/err" "nots.csv:1: header: no column ts; a bot-csv header names session_id, ts and type, in any order"
finish
