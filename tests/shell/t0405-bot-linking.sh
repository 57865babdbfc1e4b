# Bot sessions joined to their calls (callstat-import(1), "Linking"): by
# call id, by caller, number dialled and time, never guessed; a call the
# bot handled alone then belongs to the service its session names (rule 3
# of callstat-kpi(7)); and the result is the same in either import order.
. "$(dirname "$0")/lib.sh"

cd "$T"
# the worked example's configuration, with urbanisme's intents
sed 's/^\[service urbanisme\]$/&\nintents = permis_construire/' \
	"$EX/callstat.conf" > callstat.conf
check "intents added to the configuration" grep -q "^intents = permis_construire" callstat.conf

service() {	# db call: the call's service
	sqlite3 "$1" "SELECT service FROM calls WHERE id = '$2'"
}

run callstat-import -c callstat.conf -d pbx.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "the PBX logs alone"
check "555 (bot alone) by its number: accueil" [ "$(service pbx.db 1741166100.555)" = accueil ]
check "717 (bot alone) by its number: accueil" [ "$(service pbx.db 1741767150.717)" = accueil ]

run callstat-import -c callstat.conf -d a.db "$EX/Master.csv" "$EX/queue_log" \
	"$EX/sessions.jsonl"
check_rc 0 "PBX logs, then the sessions"
check "555: the service its session names" [ "$(service a.db 1741166100.555)" = urbanisme ]
check "717: the service of its session's intent" [ "$(service a.db 1741767150.717)" = urbanisme ]
check "510, answered by a person: its queue's, whatever the bot said" \
	[ "$(service a.db 1741091400.510)" = accueil ]
sqlite3 pbx.db "SELECT id, service, outcome FROM calls WHERE id NOT IN ('1741166100.555', '1741767150.717') ORDER BY id" > others-pbx.txt
sqlite3 a.db "SELECT id, service, outcome FROM calls WHERE id NOT IN ('1741166100.555', '1741767150.717') ORDER BY id" > others-a.txt
check "every other call unchanged" cmp -s others-pbx.txt others-a.txt
check "and there are others" [ "$(wc -l < others-a.txt)" -gt 10 ]
sqlite3 a.db "SELECT session, coalesce(call, '-'), link, turns, caller_turns, fallback_turns, outcome FROM bot_session ORDER BY start" > links.txt
cat > want.txt <<'EOW'
ex-d|1741091400.510|call_id|0|0|0|escalated
ex-a|1741166100.555|call_id|1|1|0|resolved
ex-b|1741767150.717|caller|2|2|1|resolved
ex-c|-|none|0|0|0|abandoned
EOW
check "each session, its call and how it was linked ($(tr '\n' ' ' < links.txt))" cmp -s links.txt want.txt

# the figures follow: two bot calls move from accueil to urbanisme
callstat-kpi -c callstat.conf -d pbx.db --by service --figures bot --csv > before.csv
callstat-kpi -c callstat.conf -d a.db --by service --figures bot --csv > after.csv
b_acc=$(awk -F, '$1 == "accueil" { print $2 }' before.csv)
b_urb=$(awk -F, '$1 == "urbanisme" { print $2 }' before.csv)
check "accueil: two bot calls fewer" \
	[ "$(awk -F, '$1 == "accueil" { print $2 }' after.csv)" = "$((b_acc - 2))" ]
check "urbanisme: two bot calls more" \
	[ "$(awk -F, '$1 == "urbanisme" { print $2 }' after.csv)" = "$((${b_urb:-0} + 2))" ]

# the reasons for calling, by hand from the four sessions: permis_construire
# is ex-a (1 caller turn, 09:15:01 to 09:17:19, 138 s) and ex-b (2 caller
# turns, one not understood, 08:12:32 to 08:13:59, 87 s), both linked to
# calls the bot handled alone; no intent: ex-c (unlinked, 60 s) and ex-d
# (linked to 510, escalated, 10 s), no caller turn
cat > intents-want.csv <<'EOW'
intent,sessions,calls,containment_rate,escalation_rate,fallback_rate,handling_time,turns
(none),2,1,0,1,,35,0
permis_construire,2,2,1,0,0.3333333333333333,112.5,1.5
EOW
run callstat-kpi -c callstat.conf -d a.db --by intent --csv
check_rc 0 "kpi --by intent"
check "the figures per intent ($(tr '\n' ' ' < "$T/out"))" same_numbers intents-want.csv "$T/out"
run callstat-kpi -c callstat.conf -d a.db --by intent --csv -s urbanisme
check "one service: the sessions of its calls" \
	[ "$(tail -n +2 "$T/out" | cut -d, -f1-3)" = "permis_construire,2,2" ]
run callstat-kpi -c callstat.conf -d a.db --by intent,service
check_rc 2 "--by intent stands alone"
run callstat-kpi -c callstat.conf -d a.db --by intent --figures offered
check_rc 2 "--by intent has figures of its own"

# the sessions first, the PBX logs after: the same calls and links
run callstat-import -c callstat.conf -d b.db "$EX/sessions.jsonl"
check_rc 0 "the sessions alone"
check "alone, no session is linked" \
	[ "$(sqlite3 b.db "SELECT group_concat(link) FROM bot_session")" = "none,none,none,none" ]
run callstat-import -c callstat.conf -d b.db "$EX/Master.csv" "$EX/queue_log"
check_rc 0 "then the PBX logs"
sqlite3 b.db "SELECT session, coalesce(call, '-'), link, turns, caller_turns, fallback_turns, outcome FROM bot_session ORDER BY start" > links-b.txt
check "the same links in the other order" cmp -s links-b.txt want.txt
sqlite3 a.db "SELECT id, service, outcome FROM calls ORDER BY start, id" > calls-a.txt
sqlite3 b.db "SELECT id, service, outcome FROM calls ORDER BY start, id" > calls-b.txt
check "the same calls in the other order" cmp -s calls-a.txt calls-b.txt

# imported again: nothing changes
run callstat-import -c callstat.conf -d a.db "$EX/sessions.jsonl"
check_rc 0 "the sessions again"
check "still four sessions" [ "$(sqlite3 a.db "SELECT count(*) FROM bot_session")" = 4 ]

# a purge takes the bot's events and sessions of the purged days too:
# ex-d (4 March) and ex-a (5 March) go, ex-b and ex-c (12 March) stay
run callstat-purge -c callstat.conf -d a.db --before 2025-03-10
check_rc 0 "purge before 10 March"
check "the sessions before it gone" \
	[ "$(sqlite3 a.db "SELECT group_concat(session) FROM (SELECT session FROM bot_session ORDER BY start)")" = "ex-b,ex-c" ]
check "their events gone" \
	[ "$(sqlite3 a.db "SELECT count(*) FROM bot_event WHERE time < 1741561200")" = 0 ]
check "the others' kept (4 and 2)" \
	[ "$(sqlite3 a.db "SELECT count(*) FROM bot_event")" = 6 ]
# by the SIP Call-ID the dialplan logged in the bot leg's userfield
# (callstat-import(1)): call 3 (4 March, withheld nothing but no session)
# and call 7 (7 March, a withheld caller: no other way to link it); one
# Call-ID holds a number, which is stored as a digest on both sides
awk -F, -v OFS=, '
	/"1741086000.491",""$/ && /voicebot/ { $NF = "\"a84b4c76e66710@pc33.atlanta.example.com\"" }
	/"1741356600.648",""$/ && /voicebot/ { $NF = "\"0639980107-77@192.0.2.10\"" }
	{ print }' "$EX/Master.csv" > sip.csv
check "two userfields set" [ "$(grep -c 'example.com\|192.0.2.10' sip.csv)" -eq 2 ]
printf '%s\n' '{"session_id":"ex-s1","ts":"2025-03-04T11:00:03Z","type":"session_start","sip_call_id":"a84b4c76e66710@pc33.atlanta.example.com"}' \
	'{"session_id":"ex-s1","ts":"2025-03-04T11:01:00Z","type":"session_end","outcome":"resolved","service":"urbanisme"}' \
	'{"session_id":"ex-s2","ts":"2025-03-07T14:10:02Z","type":"session_start","sip_call_id":"0639980107-77@192.0.2.10","caller":"anonymous"}' \
	'{"session_id":"ex-s2","ts":"2025-03-07T14:11:29Z","type":"session_end","outcome":"escalated"}' > sip.jsonl
for order in pbx-first bot-first; do
	rm -f s.db s.db.key
	if [ $order = pbx-first ]; then
		run callstat-import -c callstat.conf -d s.db sip.csv "$EX/queue_log" sip.jsonl
	else
		run callstat-import -c callstat.conf -d s.db sip.jsonl sip.csv "$EX/queue_log"
	fi
	check_rc 0 "$order: the PBX logs with SIP Call-IDs, and two sessions"
	check "$order: ex-s1 linked to call 3 by its SIP Call-ID" [ "$(sqlite3 s.db "SELECT call || ' ' || link FROM bot_session WHERE session = 'ex-s1'")" = "1741086000.491 sip_call_id" ]
	check "$order: ex-s2 linked to call 7 by its SIP Call-ID" [ "$(sqlite3 s.db "SELECT call || ' ' || link FROM bot_session WHERE session = 'ex-s2'")" = "1741356600.648 sip_call_id" ]
	check "$order: call 3, the bot's alone, in the service its session names" [ "$(service s.db 1741086000.491)" = urbanisme ]
done
check "the Call-ID's number is nowhere in the database" sh -c '! strings s.db | grep -q 0639980107'
check "the other Call-ID is stored as it is" [ "$(sqlite3 s.db "SELECT count(*) FROM cdr WHERE userfield = 'a84b4c76e66710@pc33.atlanta.example.com'")" = 1 ]

finish
