# callstat-check on the worked example and its four bot sessions
# (sample-data/example/sessions.jsonl): what it finds, worked out by hand
# from sample-data/example/calls.md, and its exit status.
. "$(dirname "$0")/lib.sh"

cd "$T"
cp "$EX/callstat.conf" callstat.conf

run callstat-import -c callstat.conf -d pbx.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "the PBX logs alone"
run callstat-check -c callstat.conf -d pbx.db --csv
check_rc 0 "no session of the bot at all: nothing to check, exit 0"
check "and only the header" [ "$(cat "$T/out")" = "day,check,subject,detail" ]

cp pbx.db all.db; cp pbx.db.key all.db.key
run callstat-import -c callstat.conf -d all.db "$EX/sessions.jsonl"
check_rc 0 "then the sessions"
# The bot answered calls 3 and 4 (4 March), 5 (5 March), 7 (7 March), 11
# (12 March), 17 (29 March) and 18 (30 March).  Sessions: ex-d (4 March,
# call 4), ex-a (5 March, call 5), ex-b and ex-c (12 March: call 11, and
# none).  So: call 3 has no session on a day that has some; 7, 29 and 30
# March have bot calls and no session; ex-c matches no call.
cat > want.csv <<'EOW'
day,check,subject,detail
2025-03-04,no-session,1741086000.491,"the bot answered it, and no session of the bot's is linked to it"
2025-03-07,no-session-day,2025-03-07,"the bot answered 1 call, and no session of the bot's is there"
2025-03-12,unlinked,ex-c,"no call matches it (by call id, SIP Call-ID, or caller, number and time)"
2025-03-29,no-session-day,2025-03-29,"the bot answered 1 call, and no session of the bot's is there"
2025-03-30,no-session-day,2025-03-30,"the bot answered 1 call, and no session of the bot's is there"
EOW
run callstat-check -c callstat.conf -d all.db --csv
check_rc 1 "findings: exit 1"
check "the findings ($(tr '\n' '|' < "$T/out"))" cmp -s want.csv "$T/out"

run callstat-check -c callstat.conf -d all.db --csv --from 2025-03-10 --to 2025-03-29
check_rc 1 "a range of days"
check "only its days' findings" \
	[ "$(tail -n +2 "$T/out" | cut -d, -f1 | paste -sd' ' -)" = "2025-03-12 2025-03-29" ]

# a session that says resolved on a call the PBX shows handed over
printf '%s\n' '{"session_id":"ex-e","ts":"2025-03-07T14:10:02Z","type":"session_start","caller":"anonymous"}' \
	'{"session_id":"ex-e","ts":"2025-03-07T14:11:29Z","type":"session_end","outcome":"resolved"}' > e.jsonl
cp all.db e.db; cp all.db.key e.db.key
run callstat-import -c callstat.conf -d e.db e.jsonl
check_rc 0 "a session with a withheld caller"
run callstat-check -c callstat.conf -d e.db --csv --from 2025-03-07 --to 2025-03-07
check "withheld: linked to nothing, and its day still without a linked session" \
	[ "$(tail -n +2 "$T/out" | cut -d, -f2 | paste -sd' ' -)" = "unlinked no-session" ]
printf '%s\n' '{"session_id":"ex-f","ts":"2025-03-04T12:30:05Z","type":"session_start","call_id":"1741091400.510"}' \
	'{"session_id":"ex-f","ts":"2025-03-04T12:31:09Z","type":"session_end","outcome":"resolved"}' > f.jsonl
run callstat-import -c callstat.conf -d e.db f.jsonl
check_rc 0 "a second session on call 4, which says resolved"
run callstat-check -c callstat.conf -d e.db --csv --from 2025-03-04 --to 2025-03-04
check "the PBX contradicts it" grep -qx '2025-03-04,contradicts,ex-f,"the bot says resolved, the PBX shows call 1741091400.510 handed over"' "$T/out"

# and one that says escalated on call 5, which the bot settled alone
printf '%s\n' '{"session_id":"ex-g","ts":"2025-03-05T09:15:02Z","type":"session_start","call_id":"1741166100.555"}' \
	'{"session_id":"ex-g","ts":"2025-03-05T09:16:00Z","type":"session_end","outcome":"escalated"}' > g.jsonl
run callstat-import -c callstat.conf -d e.db g.jsonl
check_rc 0 "a second session on call 5, which says escalated"
run callstat-check -c callstat.conf -d e.db --tsv --from 2025-03-05 --to 2025-03-05
check "the PBX shows no hand-over" [ "$(cat "$T/out")" = "$(printf 'day\tcheck\tsubject\tdetail\n2025-03-05\tcontradicts\tex-g\tthe bot says escalated, the PBX shows no hand-over of call 1741166100.555')" ]
run callstat-check -c callstat.conf -d e.db --json --from 2025-03-05 --to 2025-03-05
check "in JSON" grep -q '"subject": "ex-g"' "$T/out"

run callstat-check -c callstat.conf -d all.db extra
check_rc 2 "an operand: usage error"
finish
