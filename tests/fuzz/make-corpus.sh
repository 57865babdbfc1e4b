#!/bin/sh
# Builds the seed corpus of the harnesses, tests/fuzz/corpus/NAME/, from the
# samples in the repository and bad inputs made from them (truncated lines,
# a BOM, CRLF line ends, binary bytes, numbers out of range).  Run from the
# top of the checkout; inputs that fuzzing found are added by hand beside
# these (named found-*) and kept when this is run again.
set -eu
C=tests/fuzz/corpus
mkdir -p $C/asterisk_cdr $C/asterisk_queue_log $C/bot_jsonl $C/bot_csv \
	$C/connect_ctr $C/dialogflow_cx $C/lex_v2 $C/rasa $C/config $C/time \
	$C/import $C/redact $C/freeswitch_cdr
mkdir -p $C/cucm_cdr
rm -f $C/*/seed-*

# seed-NAME FILE...: copies, and the bad variants of the first lines
variants() {	# dir prefix file
	d=$1 p=$2 f=$3
	cp "$f" "$d/seed-$p"
	head -c 300 "$f" > "$d/seed-$p-cut"
	{ printf '\357\273\277'; head -n 3 "$f"; } > "$d/seed-$p-bom"
	head -n 3 "$f" | sed 's/$/\r/' > "$d/seed-$p-crlf"
	{ head -n 2 "$f"; printf '\001\377\000binary\n'; head -n 1 "$f" | tr -d '\n'; } \
		> "$d/seed-$p-binary"
}

n=0
for f in tests/data/samples/freeswitch_cdr_csv/*.csv tests/data/freeswitch/*.csv; do
	n=$((n + 1))
	variants $C/freeswitch_cdr "fs$n" "$f"
done

mkdir -p $C/avaya_smdr
n=0
for f in tests/data/samples/avaya_smdr/*.csv; do
	n=$((n + 1))
	variants $C/avaya_smdr "smdr$n" "$f"
done
# a call's records, continued, then out of range and odd
printf '%s\r\n' '2024/10/27 02:30:00,00:00:10,5,0612345678,I,0199000100,0199000100,,0,1,1,E2101,A,T9001,L,0,0' \
	'2024/10/27 02:30:00,00:00:10,0,0612345678,I,0199000100,0199000100,,0,1,1,V9501,VM,T9001,L,0,0' \
	'2024/10/27 02:30:00,00:00:00,5,,I,0199000100,0199000100,,0,1,0,T9001,L,E601,accueil,0,0' \
	'2099/12/31 23:59:59,99999:59:59,604800,1@2@3,O,,,,,9999999999999999999999999999999999999,1,,,,,604800,604800' \
	'2025/03/30 02:30:00,00:00:00,0,a,I,b,c,d,e,f,0,g,h,i,j,,' \
	'0000/00/00 00:00:00,0:00:00,0,,I,,,,,1,0,,,,,0,0,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,,' \
	'Call Start,Connected Time,Ring Time,Caller' \
	> $C/avaya_smdr/seed-odd

n=0
for f in tests/data/samples/cisco_cucm_cdr/*.csv tests/data/cucm/*.csv; do
	n=$((n + 1))
	variants $C/cucm_cdr "cucm$n" "$f"
done
# a file before 8.0: no huntPilotDN
cut -d, -f1-19 tests/data/cucm/handmade.csv > $C/cucm_cdr/seed-pre8

n=0
for f in tests/data/samples/asterisk_cdr_csv/*.csv tests/data/edge-cases.csv \
    tests/data/example-21col-utc.csv sample-data/example/Master.csv; do
	n=$((n + 1))
	variants $C/asterisk_cdr "cdr$n" "$f"
done
head -n 200 sample-data/Master.csv > $C/asterisk_cdr/seed-town
# numbers out of range, and cut short
B='"","0639980101","0199000100","from-trunk","""""<0639980101>","PJSIP/trunk-1","PJSIP/2101-2","Queue","accueil,t,,,120"'
printf '%s\n' "$B,\"2025-02-11 09:12:03\",,\"2025-02-11 09:12:17\",9223372036854775807,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1739261523.152\",\"\"" \
	"$B,\"0000-01-01 00:00:00\",,,0,0,\"NO ANSWER\",\"DOCUMENTATION\",\"1.2\",\"\"" \
	"$B,\"2025-02-11 09:12:03\",\"9999-12-31 23:59:59\",,5,0,\"ANSWERED\",\"DOCUMENTATION\",\"1.2\",\"\"" \
	"$B,\"2025-03-30 02:30:00\",\"2025-10-26 02:30:00\",\"2025-10-26 02:59:59\",604800,604800,\"ANSWERED\",\"DOCUMENTATION\",\"1.2\",\"\"" \
	"$B,\"2025-02-11 09:12:03\",,,1,0,\"NO AN\"SWER\",\"DOCUMENTATION\",\"1.2" \
	> $C/asterisk_cdr/seed-ranges

n=0
for f in tests/data/samples/asterisk_queue_log/*.queue_log \
    tests/data/samples/asterisk_queue_log/*.txt tests/data/edge-cases.queue_log \
    sample-data/example/queue_log; do
	n=$((n + 1))
	variants $C/asterisk_queue_log "qlog$n" "$f"
done
head -n 200 sample-data/queue_log > $C/asterisk_queue_log/seed-town
cat > $C/asterisk_queue_log/seed-ranges <<'EOQ'
9223372036854775807|1741248000.999|support|NONE|ENTERQUEUE||0639980001|1
99999999999999999999|1741248000.999|support|NONE|ENTERQUEUE||0639980001|1
1|1741248000.999|support|NONE|ENTERQUEUE||0639980001|1
0000-01-01 00:00:00|1741248000.999|support|NONE|ENTERQUEUE||0639980001|1
2025-10-26 02:30:00.123456|1741248000.999|support|NONE|ENTERQUEUE||0639980001|1
1741248010|1741248000.999|support|PJSIP/2101|CONNECT|-9223372036854775808|1741248000.1|1
1741248999|1741248000.999|support|PJSIP/2101|COMPLETEAGENT|10|999999999999999999|1
1741248999|1741248000.999|support|PJSIP/2101|TRANSFER|200|ctx|10|604800|1|x|y|z
EOQ

for f in sample-data/example/callstat.conf sample-data/callstat.conf \
    tests/data/synth-town.conf; do
	n=$((n + 1))
	variants $C/config "conf$n" "$f"
done
f=sample-data/example/callstat.conf
{ cat "$f"; printf '[service x]\nlabel = a\nlabel = b\n'; } > $C/config/seed-dupkey
{ head -c 200 "$f"; printf 'name = a\000b\n'; } > $C/config/seed-nul
printf '[commune]\ntimezone = ../../etc/passwd\nretention_months = 99999999999999999999\nholidays = xx\n[service s]\nhours = mon-sun 00:00-24:00; sun-mon 25:00-08:00\nmatch = ext:9-1 did:+33 queue:\n' \
	> $C/config/seed-bad

variants $C/bot_jsonl canonical tests/data/bot/canonical.jsonl
printf '%s\n' '{"session_id":"s","ts":"2025-03-04T09:01:02.123456789+14:00","type":"x","confidence":1e308}' \
	'{"session_id":1,"ts":"9999-12-31T23:59:59Z","type":"utterance","text":"\u0000\ud800"}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","session_id":"d"}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02-0000","type":"t","call_id":-9223372036854775808}' \
	'[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' \
	> $C/bot_jsonl/seed-odd
# the quick reading's edges (json_flat.c): escapes, surrogates, numbers
printf '%s\n' '{"session_id":"a\"b\\c\/d\b\f\n\r\t","ts":"2025-03-04T09:01:02Z","type":"t"}' \
	'{"session_id":"\u00e9\u20ac\ud83d\ude00","ts":"2025-03-04T09:01:02Z","type":"t","text":"\udc00"}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","text":"\ud800\u0041"}' \
	'{ "session_id" : 0 , "ts" : "2025-03-04T09:01:02Z" , "type" : "t" , "call_id" : -0 }' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":0.8445}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":1}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":0.0005}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":-0.0}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":5e-1}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":"0.5"}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","confidence":01}' \
	'{"session_id":123456789012345678,"ts":"2025-03-04T09:01:02Z","type":"t","call_id":1234567890123456789}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","text":null,"intent":true}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","speaker":1.5}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","\u0074ext":"x"}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","other":{"a":[1,2]}}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t"} x' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t",}' \
	'{"session_id":"s","ts":"2025-03-04T09:01:02Z","type":"t","text":"tab	in"}' \
	'{}' \
	> $C/bot_jsonl/seed-flat

variants $C/bot_csv canonical tests/data/bot/canonical.csv
variants $C/bot_csv win tests/data/bot/canonical-win.csv
# no header, then headers bad and good, rows with odd quotes and values
printf '%s\n' 's,2025-03-04T09:01:02Z,utterance' 'session_id,type,ts,ts' \
	'session_id,ts,type,' 'type,"ts",session_id,confidence,x,"y"' \
	'utterance,2025-03-04T09:01:02.123456789+14:00,s,"0,9995",a""b,"c""d"' \
	'utterance,9999-12-31T23:59:59Z,s,1.0001,,' \
	'utterance,2025-03-04T09:01:02Z,s,.,"unterminated' \
	'utterance,2025-03-04T09:01:02Z,s,99999999999999999999,mis"placed,' \
	> $C/bot_csv/seed-odd
printf 'utterance,2025-03-04T09:01:02Z,+33639980101,0,caf\351,\303\251\n' \
	>> $C/bot_csv/seed-odd

variants $C/connect_ctr ctr tests/data/samples/bots/amazon_connect/ctr.jsonl
printf '%s\n' '{"ContactId":"c","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T09:01:02.123456789+14:00","DisconnectTimestamp":"2025-03-04T09:01:02Z"}' \
	'{"ContactId":"","InitiationMethod":1,"InitiationTimestamp":"9999-12-31T23:59:59Z","Queue":[],"Agent":{"ConnectedToAgentTimestamp":7}}' \
	'{"ContactId":"c","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T09:00:00Z","Queue":{"Name":null,"EnqueueTimestamp":"2025-03-04T09:00:01Z"},"Agent":{"ConnectedToAgentTimestamp":"2025-03-04T08:00:00Z"},"DisconnectReason":"TELECOM_PROBLEM","DisconnectTimestamp":"2025-03-04T09:00:02Z"}' \
	'{"ContactId":"c","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T09:00:00Z","TransferredToEndpoint":{"Address":"+33639980399"},"TransferCompletedTimestamp":"2025-03-04T09:00:01Z","Attributes":{"intent":"a\u0000b","IntentName":[],"call_id":"x"}}' \
	'{"ContactId":"c","Channel":"CHAT","InitiationMethod":"API","InitiationTimestamp":"2025-03-04T09:00:00Z"}' \
	'{"ContactId":"c","ContactId":"d","InitiationMethod":"x","InitiationTimestamp":"x"}' \
	> $C/connect_ctr/seed-odd

variants $C/dialogflow_cx turns tests/data/samples/bots/dialogflow_cx/turns.jsonl
printf '%s\n' '{"conversation_name":"a/sessions/CID-","request_time":"2099-12-31 23:59:59.999999 UTC","response":"{\"queryResult\":{\"match\":{\"confidence\":1e308}}}"}' \
	'{"conversation_name":"/","request_time":"2025-03-04T09:01:02+14:00","request":"[","conversation_signals":"null"}' \
	'{"conversation_name":"s","request_time":" UTC","response":{"query_result":{"response_messages":[{"telephony_transfer_call":{}},{"text":{"text":[1,"",null]}}]}}}' \
	> $C/dialogflow_cx/seed-odd

variants $C/lex_v2 textlog tests/data/samples/bots/lexv2/textlog.jsonl
printf '%s\n' '2025-03-04T09:01:02Z {"sessionId":"s","bot":{"localeId":"fr_FR_xxxxxxxxxxxxxxxxxxxxxxxx"},"inputTranscript":""}' \
	'{"sessionId":"s","timestamp":"2025-03-04T09:01:02Z","interpretations":[{"nluConfidence":"nan"},{"nluConfidence":"1e999"}],"messages":[{"contentType":"SSML","content":"<<>"}]}' \
	'2025-03-04T09:01:02Z [1] ' \
	> $C/lex_v2/seed-odd

# rasa: Rasa's test tracker (pretty-printed, a key written twice), the
# export of the store's first tracker, every tracker of the store one a
# line and as a list (made with the sqlite3 shell), the store itself (the
# harness hands an SQLite file over by its path), cut, and odd events
R=tests/data/samples/bots/rasa
cp $R/rasa_tracker_moodbot.json $C/rasa/seed-moodbot
cp $R/voice.json $C/rasa/seed-voice
head -c 1500 $R/voice.json > $C/rasa/seed-voice-cut
db=$(mktemp)
rm -f "$db"
sqlite3 "$db" < $R/make-rasa-db.sql
cp "$db" $C/rasa/seed-store-sqlite
sqlite3 "$db" "SELECT json_object('sender_id', sender_id, 'events', json_group_array(json(data))) FROM (SELECT * FROM events ORDER BY sender_id, id) GROUP BY sender_id" \
	> $C/rasa/seed-store-jsonl
rm -f "$db"
{ echo '['; sed '$!s/$/,/' $C/rasa/seed-store-jsonl; echo ']'; } > $C/rasa/seed-store-list
{ printf '\357\273\277'; sed 's/$/\r/' $C/rasa/seed-store-jsonl; } > $C/rasa/seed-store-bom-crlf
printf '%s\n' '{"sender_id":"s","events":[{"event":"session_started","timestamp":1e308},{"event":"user","timestamp":-1,"text":"a"},{"event":"user","timestamp":4102444799.9999999,"parse_data":{"intent":{"name":"nlu_fallback","confidence":1e-320}}},{"event":"restart"},{"event":"flow_started","timestamp":1741251603,"flow_id":"pattern_human_handoff"},{"event":"action","timestamp":1741251603,"name":"action_two_stage_fallback"},{"event":"bot","timestamp":1741251603,"text":null},7,[],{"event":1}]}' \
	'{"sender_id":"+33639980101","events":[{"event":"user","timestamp":1741251601,"text":"\u0000\ud800","metadata":{"CallSid":7,"From":"0639980101","To":["x"],"sip_call_id":""}},{"event":"session_ended","timestamp":1741251602}]}' \
	'[{"sender_id":"a","events":[]},{"sender_id":1,"events":{}},{"sender_id":"b","events":[{"event":"user","timestamp":1741251601,"text":"x","text":"y"}],"events":[{"event":"bot","timestamp":1741251601}]}]' \
	'{"sender_id":"c","\u0065vents":[{"event":"bot","timestamp":1741251601,"text":"\"]}"}],"events":[{"event":"bot","timestamp":1741251602}]}' \
	'{"sender_id":"d","events":[' '"no tracker"' '[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]' \
	> $C/rasa/seed-odd
printf 'SQLite format 3\000\020\000\001\001' > $C/rasa/seed-sqlite-header

t=$C/time
printf '2025-03-04 09:00:00' > $t/seed-datetime
printf '2025-03-30 02:30:00' > $t/seed-skipped
printf '2025-10-26 02:30:00.999999' > $t/seed-repeated
printf '0000-01-01 00:00:00' > $t/seed-year0
printf '9999-12-31 23:59:59' > $t/seed-year9999
printf '2024-02-29' > $t/seed-date
printf '2025-02-29' > $t/seed-date-bad
printf 'mon-fri 08:30-12:00 13:30-17:30; sat 09:00-12:00' > $t/seed-hours
printf 'mon,wed 00:00-24:00; sun-mon 09:00-08:00; tue' > $t/seed-hours-bad
printf '\377\377\377\377\377\377\377\177' > $t/seed-instant-max
printf '\000\000\000\000\000\000\000\200' > $t/seed-instant-min

i=$C/import
cp sample-data/example/Master.csv $i/seed-example-cdr
cp sample-data/example/queue_log $i/seed-example-qlog
cp tests/data/edge-cases.csv $i/seed-edge-cdr
cp tests/data/edge-cases.queue_log $i/seed-edge-qlog
cp tests/data/example-21col-utc.csv $i/seed-21col-cdr
head -n 300 sample-data/Master.csv > $i/seed-town-cdr
head -n 300 sample-data/queue_log > $i/seed-town-qlog
cp $C/asterisk_cdr/seed-ranges $i/seed-ranges-cdr
cp $C/asterisk_queue_log/seed-ranges $i/seed-ranges-qlog
cp $C/asterisk_cdr/seed-cdr1-bom $i/seed-bom-cdr
cp $C/asterisk_queue_log/seed-qlog1-crlf $i/seed-crlf-qlog
cp tests/data/samples/asterisk_queue_log/wazo_realtime_queue_log_table_data1-5.txt $i/seed-table-qlog
cp tests/data/bot/canonical.jsonl $i/seed-bot-jsonl
cp $C/bot_jsonl/seed-odd $i/seed-bot-odd
cp tests/data/bot/canonical.csv $i/seed-bot-csv
cp tests/data/bot/canonical-win.csv $i/seed-bot-csv-win
cp $C/bot_csv/seed-odd $i/seed-bot-csv-odd


# redact: a caller's turns, one form of personal data each (redact.h), and
# the texts that must stay; numbers in ARCEP's fiction ranges, the check
# digits as tests/unit/test_redact.c computes them
r=$C/redact
printf "mon numéro c'est le 06 39 98 01 19 merci" > $r/seed-phone-spaced
printf '06.39.98.01.19 ou 0639980119 ou +33 6 39 98 01 19 ou 0033199000123' > $r/seed-phone-forms
printf 'z\303\251ro six douze trente-quatre cinquante-six soixante-dix-huit' > $r/seed-spelled
printf 'Zero 6, trente neuf, quatre vingt dix huit, z\303\251ro un, dix-neuf et voil\303\240' > $r/seed-spelled-mixed
printf 'zero six soixante et onze vingt et un trente-deux quarante' > $r/seed-spelled-et
printf 'trois cent quatre-vingt-dix-neuf euros, deux enfants' > $r/seed-spelled-stay
printf '\303\251crivez \303\240 jean.dupont@example.fr svp' > $r/seed-email
printf 'jean point dupont arobase gmail point com' > $r/seed-email-spoken
printf 'jean.dupont at gmail dot com' > $r/seed-email-at
printf 'FR76 3000 6000 0112 3456 7890 189 et DE89370400440532013000' > $r/seed-iban
printf 'FR76 3000 6000 0112 3456 7890 188 faux' > $r/seed-iban-bad
printf 'carte 4970 1012 3456 7893 exp 12/27, 3782-822463-10005' > $r/seed-card
printf '4970101234567890 4970101234567893.12' > $r/seed-card-luhn
printf '1 85 05 78 006 084 91 / 185057800608491 / 1 85 05 2A 012 345 79' > $r/seed-nir
printf '1 85 05 78 006 084 et 1 85 05 78 006 084 92' > $r/seed-nir-nokey
printf 'le 12/03/2025 \303\240 10:30, 12,50 euros, 75001, 2025, 3 enfants, 1741683600.12, num\303\251ro 12' > $r/seed-stay
printf 'rappel [phone] et [email] ok [iban] [card] [nir] [pho' > $r/seed-tags
printf '\377\376 06 39 98 01 19 \303 \342\200\257 \302\240 \360\237\230\200' > $r/seed-utf8
cp tests/data/samples/bots/amazon_connect/ctr.jsonl $i/seed-connect-ctr
cp $C/connect_ctr/seed-odd $i/seed-connect-ctr-odd

cp tests/data/samples/bots/dialogflow_cx/turns.jsonl $i/seed-dialogflow-cx
cp tests/data/samples/bots/lexv2/textlog.jsonl $i/seed-lex-v2
cp $C/rasa/seed-moodbot $i/seed-rasa-moodbot
cp $C/rasa/seed-store-jsonl $i/seed-rasa-jsonl
cp $C/rasa/seed-odd $i/seed-rasa-odd

# 3cx-cdr: the samples, a synth day, odd lines; one starting with a digit
# is read in the harness's own order
x=$C/3cx_cdr
mkdir -p $x
n=0
for f in tests/data/samples/3cx_cdr/*.log; do
	n=$((n + 1))
	variants $x "3cx$n" "$f"
done
printf '%s\n' 'historyid,callid,duration,time-start,time-answered,time-end' \
	'Call 1,a,99999999:59:59,2025/03/04 09:00:00,2025/03/04 09:00:01,2025/03/04 09:01:00' \
	'Call 18446744073709551616,a,,2025/02/29 09:00:00,,2025/03/04 09:01:00' \
	'Call 2,a,,2025/03/04 09:00:00,,2025/03/11 09:00:01,,' \
	'Call 3,,,2025/03/04 09:00:00,2025/03/04 09:00:30,2025/03/04 09:01:00,x,Ext.,Ext.,,,,,Ext.,,,,,,,,,VoiceMail,,,,' \
	'Call 4,,,2025/03/04 09:00:00,2025/03/04 09:00:30,2025/03/04 09:01:00,TerminatedByRule,,Ext.1,,1,,QFwdToDNA,Ext.2,2,,,,,,,,,,,,' \
	> $x/seed-odd
printf '%s\n' '2025/03/04 09:00:00,Call 5,2025/03/04 09:02:00,2025/03/04 09:00:20,Extension,vm,Queue,800,TerminatedBySrc,0639980101,0199000100,00:01:40' \
	'2025/03/04 09:00:00,Call 6,2025/03/04 09:02:00,,Queue,800,Queue,800,src_participant_terminated,,,' \
	> $x/seed-own-order
cp tests/data/samples/avaya_smdr/ipofficekb_smdr_examples.csv $i/seed-avaya-smdr

# the byte scans: lines of each phone system, and bytes around every
# boundary of the 16- and 8-byte steps (a tab, a control, Latin-1, a
# UTF-8 sequence cut, one overlong, one a surrogate)
t=$C/text
mkdir -p $t
n=0
for f in tests/data/samples/*/*.csv tests/data/samples/*/*.log; do
	n=$((n + 1))
	variants $t "s$n" "$f"
done
printf 'abcdefghijklmno\tpqrstuvwxyz0123456789ABCDEFG\177xyz' > $t/seed-tab-del
printf 'abcdefghijklmnop\351abcdefgh\303\251\342\202\254\360\237\230\200z' > $t/seed-high
printf 'abcdefghijklmno\342\202abcdefghijklmnopq\300\257\355\240\200' > $t/seed-bad-utf8
printf '0123456789abcdef0123456789abcde\200\201\215\217\220\235\237' > $t/seed-cp1252
