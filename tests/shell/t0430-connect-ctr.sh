# Amazon Connect contact trace records (connect-ctr): detected, each
# contact stored as its events (start, hand-over, end with its outcome),
# the caller's number hashed, a record delivered twice stored once, bad
# lines reported with their line (and column for bad JSON) while the rest
# of the file is read.
. "$(dirname "$0")/lib.sh"

CTR="$SAMPLES/bots/amazon_connect/ctr.jsonl"
cd "$T"
cp "$EX/callstat.conf" callstat.conf
q() { sqlite3 ctr.db "$1"; }

run callstat-import -c callstat.conf -d ctr.db "$CTR"
check_rc 0 "import ctr.jsonl"
check "the format is detected and recorded" \
	[ "$(q "SELECT format FROM sources")" = connect-ctr ]
# by hand: 5 contacts; a start and an end each, a transfer for the 3 queued
check "13 events stored" [ "$(q "SELECT count(*) FROM bot_event")" = 13 ]
check "5 sessions, one a contact" \
	[ "$(q "SELECT count(DISTINCT session) FROM bot_event")" = 5 ]
check "outcomes: escalated, resolved, escalated, abandoned, error" \
	[ "$(q "SELECT group_concat(outcome) FROM (SELECT outcome FROM bot_event WHERE type = 'session_end' ORDER BY time)")" = "escalated,resolved,escalated,abandoned,error" ]
check "hand-overs to their queues" \
	[ "$(q "SELECT group_concat(transfer_target) FROM (SELECT transfer_target FROM bot_event WHERE type = 'transfer' ORDER BY time)")" = "BasicQueue,etat-civil,urbanisme" ]
# by hand: 2025-03-04 is day 20151 (1741046400); 10:20:00.250 is +37200,
# enqueued at 10:20:33, gone at 10:22:31
check "the abandoned contact's times" \
	[ "$(q "SELECT group_concat(time || '.' || msec) FROM (SELECT time, msec FROM bot_event WHERE session LIKE '%5e03' ORDER BY time)")" = "1741083600.250,1741083633.0,1741083751.0" ]
check "the intents the flows kept" \
	[ "$(q "SELECT group_concat(intent) FROM (SELECT intent FROM bot_event WHERE intent IS NOT NULL ORDER BY time)")" = "horaires_mairie,acte_naissance,permis_construire" ]
check "the PBX's call id when the flow kept it, else the contact" \
	[ "$(q "SELECT group_concat(call_id) FROM (SELECT call_id FROM bot_event WHERE type = 'session_start' ORDER BY time)")" = "15a5cf14-3212-45a1-9f86-a8e97db8afaf,0b6a2f7e-5c41-4d7a-9e0f-3a1b2c4d5e01,1741078862.1043,0b6a2f7e-5c41-4d7a-9e0f-3a1b2c4d5e03,0b6a2f7e-5c41-4d7a-9e0f-3a1b2c4d5e04" ]
check "the town's number dialled stays in clear" \
	[ "$(q "SELECT count(*) FROM bot_event WHERE called = '+33199000100'")" = 5 ]
check "callers hashed (32 hex digits), on session_start" \
	[ "$(q "SELECT count(DISTINCT caller) FROM bot_event WHERE type = 'session_start' AND length(caller) = 32 AND caller NOT GLOB '*[^0-9a-f]*'")" = 5 ]
for n in 639980301 639980302 639980303 639980304 639980305 '06 39 98' agent7; do
	check "no $n in the database" sh -c "! strings ctr.db* | grep -q '$n'"
done

# the same file again, under another name, and the records delivered
# again when the contacts were updated (a later LastUpdateTimestamp, a
# disconnection a second later): stored once, as first read
cp "$CTR" copy.jsonl
sed -e 's/"LastUpdateTimestamp":"[^"]*"/"LastUpdateTimestamp":"2025-03-05T10:00:00Z"/' \
    -e 's/"DisconnectTimestamp":"\([^"]*\)[.]\([0-9]*\)Z"/"DisconnectTimestamp":"\1.\29Z"/' \
    -e 's/"DisconnectTimestamp":"\([^".]*\)Z"/"DisconnectTimestamp":"\1.5Z"/' \
	"$CTR" > redelivered.jsonl
check "the redelivery changes the ends" [ "$(grep -c 'DisconnectTimestamp":"[^"]*\(9\|[.]5\)Z"' redelivered.jsonl)" -ge 1 ]
check "the redelivery differs" sh -c "! cmp -s '$CTR' redelivered.jsonl"
run callstat-import -c callstat.conf -d ctr.db "$CTR" copy.jsonl redelivered.jsonl
check_rc 0 "import again, a copy, a redelivery"
check "still 13 events" [ "$(q "SELECT count(*) FROM bot_event")" = 13 ]

# bad lines: FILE:LINE[:COLUMN]: reason; the rest is stored; a chat is
# no call and no error
{
	sed -n 2p "$CTR"
	printf '{"ContactId":"c-cut","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T12:00:00Z",\n'
	printf '{"ContactId":"c-local","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04 12:00:00"}\n'
	printf '{"ContactId":"c-back","InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T12:00:00Z","DisconnectTimestamp":"2025-03-04T11:00:00Z"}\n'
	printf '{"ContactId":"c-chat","Channel":"CHAT","InitiationMethod":"API","InitiationTimestamp":"2025-03-04T12:00:00Z"}\n'
	printf '{"InitiationMethod":"INBOUND","InitiationTimestamp":"2025-03-04T12:00:00Z"}\n'
	sed -n 5p "$CTR"
} > bad.jsonl
run callstat-import -c callstat.conf -d bad.db bad.jsonl
check_rc 1 "bad lines: exit 1"
check "detected all the same" [ "$(sqlite3 bad.db "SELECT format FROM sources")" = connect-ctr ]
check "cut JSON: line:column: reason" grep -qE 'bad\.jsonl:2:[0-9]+: ' "$T/err"
check "no offset: said" has "$T/err" "bad.jsonl:3: InitiationTimestamp: '2025-03-04 12:00:00' has no offset; write it with Z"
check "ends before it starts: said" has "$T/err" "bad.jsonl:4: DisconnectTimestamp: before InitiationTimestamp"
check "a chat is not rejected" sh -c "! grep -q 'bad.jsonl:5' '$T/err'"
check "no ContactId: said" has "$T/err" "bad.jsonl:6: no ContactId"
check "the good lines stored (2 + 2 events)" \
	[ "$(sqlite3 bad.db "SELECT count(*) FROM bot_event")" = 4 ]
check "no chat stored" \
	[ "$(sqlite3 bad.db "SELECT count(*) FROM bot_event WHERE session = 'c-chat'")" = 0 ]
finish
