# Three rules of callstat-kpi(7) on calls written for them, every expected
# value worked out by hand from the lines below (times are Paris local,
# UTC+1 in March 2025):
# - talk is the sum over the call's human legs of (end - answer): two
#   people on the call at once are both counted;
# - rule 3: a bot-only call's service is that of the last intent understood
#   that a service's intents list, an unlisted intent said later hiding
#   nothing;
# - an escalated call never ends as voicemail: the unanswered queue after
#   the hand-over decides.
. "$(dirname "$0")/lib.sh"

cd "$T"
cat > c.conf <<'CONF'
[commune]
name = Test
timezone = Europe/Paris
holidays = fr
short_abandon = 5
service_level = 20
dial_timeout = 30

[pbx]
times = local

[bot]
match = channel:PJSIP/voicebot-*

[internal]
match = ext:1000-2999

[service accueil]
match = did:0199000100 queue:accueil ext:2100-2199
intents = horaires

[service urbanisme]
match = did:0199000200 queue:urbanisme ext:2200-2299
intents = permis_construire
CONF

# 1. 2101 answers 10:00:05-10:03:00 (175 s) and brings in 2102,
#    10:02:00-10:05:00 (180 s): talk 175 + 180 = 355 (their union would
#    be 295); wait = human_wait = 5; rule 2: 2101 is accueil's.
# 2, 3. the bot alone, answering after 1 s, at 11:00 and 11:30.
# 4. the bot 10:00:00-10:01:00, then accueil's queue, NO ANSWER after
#    60 s (>= dial_timeout 30: missed), then a voicemail box 40 s: escalated,
#    missed; rule 1: the queue accueil.
cat > Master.csv <<'CSV'
"","0639000001","0199000100","from-trunk","""x"" <0639000001>","PJSIP/trunk-00000001","PJSIP/2101-00000002","Dial","PJSIP/2101","2025-03-11 10:00:00","2025-03-11 10:00:05","2025-03-11 10:03:00",180,175,"ANSWERED","DOCUMENTATION","1741683600.1","","","1741683600.1",1
"","0639000001","2102","from-internal","""x"" <0639000001>","PJSIP/trunk-00000001","PJSIP/2102-00000003","Dial","PJSIP/2102","2025-03-11 10:01:55","2025-03-11 10:02:00","2025-03-11 10:05:00",185,180,"ANSWERED","DOCUMENTATION","1741683715.3","","","1741683600.1",2
"","0639000002","0199000100","from-trunk","""y"" <0639000002>","PJSIP/trunk-00000010","PJSIP/voicebot-00000011","Dial","PJSIP/voicebot","2025-03-11 11:00:00","2025-03-11 11:00:01","2025-03-11 11:02:00",120,119,"ANSWERED","DOCUMENTATION","1741687200.10","","","1741687200.10",3
"","0639000003","0199000100","from-trunk","""z"" <0639000003>","PJSIP/trunk-00000020","PJSIP/voicebot-00000021","Dial","PJSIP/voicebot","2025-03-11 11:30:00","2025-03-11 11:30:01","2025-03-11 11:32:00",120,119,"ANSWERED","DOCUMENTATION","1741689000.20","","","1741689000.20",4
"","0639000050","0199000100","from-trunk","""e"" <0639000050>","PJSIP/trunk-00000050","PJSIP/voicebot-00000051","Dial","PJSIP/voicebot","2025-03-13 10:00:00","2025-03-13 10:00:01","2025-03-13 10:01:00",60,59,"ANSWERED","DOCUMENTATION","1741856400.50","","","1741856400.50",50
"","0639000050","accueil","bot-handover","""e"" <0639000050>","PJSIP/trunk-00000050","PJSIP/2101-00000052","Queue","accueil,t,,,60","2025-03-13 10:01:00",,"2025-03-13 10:02:00",60,0,"NO ANSWER","DOCUMENTATION","1741856400.50","","","1741856400.50",51
"","0639000050","accueil","bot-handover","""e"" <0639000050>","PJSIP/trunk-00000050","","VoiceMail","2100@default","2025-03-13 10:02:00","2025-03-13 10:02:00","2025-03-13 10:02:40",40,40,"ANSWERED","DOCUMENTATION","1741856400.50","","","1741856400.50",52
CSV

# call 2's session: permis_construire (urbanisme's), then au_revoir (no
# service's): urbanisme.  Call 3's: au_revoir only: rule 4, the number
# dialled, accueil.
cat > bot.jsonl <<'JSON'
{"session_id":"r2","ts":"2025-03-11T10:00:02Z","type":"session_start","call_id":"1741687200.10"}
{"session_id":"r2","ts":"2025-03-11T10:00:20Z","type":"utterance","speaker":"caller","text":"un permis de construire","intent":"permis_construire","match":"matched"}
{"session_id":"r2","ts":"2025-03-11T10:01:40Z","type":"utterance","speaker":"caller","text":"merci au revoir","intent":"au_revoir","match":"matched"}
{"session_id":"r2","ts":"2025-03-11T10:01:50Z","type":"session_end","outcome":"resolved"}
{"session_id":"r3","ts":"2025-03-11T10:30:02Z","type":"session_start","call_id":"1741689000.20"}
{"session_id":"r3","ts":"2025-03-11T10:31:40Z","type":"utterance","speaker":"caller","text":"merci au revoir","intent":"au_revoir","match":"matched"}
{"session_id":"r3","ts":"2025-03-11T10:31:50Z","type":"session_end","outcome":"resolved"}
JSON

run callstat-import -c c.conf -d t.db Master.csv bot.jsonl
check_rc 0 "import the calls and the sessions"
run callstat-calls -c c.conf -d t.db --all-hours --csv
check_rc 0 "calls --csv"
cut -d, -f1-8 out > got.csv
cat > want.csv <<'EOF'
call,start,service,outcome,wait,human_wait,talk,escalated
1741683600.1,2025-03-11 10:00:00,accueil,agent,5,5,355,0
1741687200.10,2025-03-11 11:00:00,urbanisme,bot,1,,,0
1741689000.20,2025-03-11 11:30:00,accueil,bot,1,,,0
1741856400.50,2025-03-13 10:00:00,accueil,missed,,,,1
EOF
check "talk sums two people, rule 3 takes the last listed intent, an escalated call is not voicemail" \
	diff want.csv got.csv

# the figures: accueil talk mean 355 over its 1 agent call, urbanisme's
# one call a bot's
run callstat-kpi -c c.conf -d t.db --all-hours --by service --csv
check_rc 0 "kpi --by service"
check "accueil: offered 3, talk 355, missed 1, voicemail 0, escalated 1" \
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["service"] == "accueil" { ok = $c["offered"] == 3 && $c["talk"] == 355 &&
	    $c["missed"] == 1 && $c["voicemail"] == 0 && $c["escalated"] == 1 }
	    END { exit !ok }' out
check "urbanisme: offered 1, bot 1" \
	awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
	    $c["service"] == "urbanisme" { ok = $c["offered"] == 1 && $c["bot"] == 1 }
	    END { exit !ok }' out

finish
