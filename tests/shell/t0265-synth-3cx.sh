# callstat-synth --pbx 3cx: the same town written as 3CX's legacy CDR log
# (one line a call) and as Asterisk's logs, each imported into a database
# of its own: every figure 3CX carries, per service and month, equals the
# truth (as t0200 computes it from truth.csv) and the Asterisk database's.
# The figures a line of a whole call cannot carry (the bot's part of an
# escalated call: no instant of the hand-over) are those of LACKED, the
# format's lacks: callstat-kpi prints them empty wherever 3CX's records
# are, and callstat-check says so.
. "$(dirname "$0")/lib.sh"

LACKED="bot_sessions escalated escalation_rate containment_rate containment_24h escalation_answer_rate human_wait_p90 talk"

DATA="$CS_TOP/tests/data"
cd "$T"
# 3CX's DNs of the town: the bot is the extension voicebot, a service's
# welcome the IVR bienvenue-QUEUE (write_3cx.c)
sed -e 's|^welcome = data:custom/bienvenue-\*$|& channel:bienvenue-*|' \
    -e 's|^match = channel:PJSIP/voicebot-\*$|& ext:voicebot|' \
    "$DATA/synth-town.conf" > callstat.conf
check "the configuration for both PBXs" sh -c \
    'grep -q "channel:bienvenue-\*" callstat.conf && grep -q "ext:voicebot" callstat.conf'

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 --seed 7 "$@"
}

synth -o a
check_rc 0 "synth, Asterisk (the default)"
synth --pbx 3cx -o x
check_rc 0 "synth --pbx 3cx"
check "3CX: 3cx-cdr.log, no Master.csv" test -s x/3cx-cdr.log -a ! -e x/Master.csv
check "the same calls: the same truth" cmp a/truth.csv x/truth.csv
synth --pbx asterisk,3cx -o b
check_rc 0 "synth --pbx asterisk,3cx"
check "both: the same Master.csv as Asterisk alone" cmp a/Master.csv b/Master.csv
check "both: the same 3cx-cdr.log as 3CX alone" cmp x/3cx-cdr.log b/3cx-cdr.log
check "27 fields a line, the default order" awk -F, 'NF != 27 { bad = 1 } END { exit bad }' x/3cx-cdr.log
check "a line a call" test "$(wc -l < x/3cx-cdr.log)" -eq "$(($(wc -l < x/truth.csv) - 1))"
check "history ids" sh -c '! grep -v "^Call [0-9]*," x/3cx-cdr.log | grep -q .'
check "queues, extensions, the bot, IVRs, voicemail" sh -c '
	grep -q ",Queue,Extension," x/3cx-cdr.log && grep -q ",Ivr,Queue," x/3cx-cdr.log &&
	grep -q ",Extension,VoiceMail," x/3cx-cdr.log && grep -q "Ext.voicebot" x/3cx-cdr.log'
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 --pbx nosuch -o n
check_rc 2 "--pbx nosuch"
check "names 3cx among the writers" has err "3cx"

run callstat-import -c callstat.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import Asterisk's"
run callstat-import -c callstat.conf -d x.db x/3cx-cdr.log x/transcripts.jsonl
check_rc 0 "import 3CX's"
check "3CX: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as 3cx-cdr" [ "$(sqlite3 x.db "SELECT format FROM sources WHERE path LIKE '%3cx-cdr.log'")" = 3cx-cdr ]

# the figures 3CX carries: callstat-kpi's header less LACKED
run callstat-kpi -c callstat.conf -d a.db --by service,month --csv
carried=$(head -1 out | tr , '\n' | sed '1,2d' | grep -vxF "$(echo "$LACKED" | tr ' ' '\n')" | paste -sd, -)
check "some figures carried" test -n "$carried"
for h in in:1 all:"0), (1"; do
	opt=; [ "${h%%:*}" = all ] && opt=--all-hours
	truth_kpi a want-${h%%:*}.csv "${h#*:}"
	for db in a x; do
		run callstat-kpi -c callstat.conf -d $db.db --by service,month --csv $opt
		check_rc 0 "kpi $db, ${h%%:*} hours"
		cp out got-$db-${h%%:*}.csv
	done
	check "Asterisk, ${h%%:*} hours: every figure equals truth's" \
	    same_figures want-${h%%:*}.csv got-a-${h%%:*}.csv
	check "3CX, ${h%%:*} hours: every figure it carries equals truth's" \
	    same_figures want-${h%%:*}.csv got-x-${h%%:*}.csv "$carried"
	tail -n +2 got-a-${h%%:*}.csv > ast-${h%%:*}.csv
	check "3CX, ${h%%:*} hours: every figure it carries equals Asterisk's" \
	    same_figures ast-${h%%:*}.csv got-x-${h%%:*}.csv "$carried"
done
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# LACKED's figures: empty wherever 3CX's records are
check "3CX: every figure of LACKED empty in every row" \
    [ "$(lacked_values got-x-in.csv "$LACKED")" -eq 0 ]
check "Asterisk: the same figures are there" \
    [ "$(lacked_values got-a-in.csv "$LACKED")" -gt 100 ]
run callstat-check -c callstat.conf -d x.db
check_rc 1 "callstat-check finds something in 3CX's database"
check "callstat-check: 3CX lacks the bot's figures" \
    grep -q "lacks  *3cx-cdr  *its records cannot carry bot_sessions, escalated" out
run callstat-check -c callstat.conf -d a.db --csv
check "callstat-check: Asterisk's records lack nothing" sh -c '! grep -q ",lacks," out'

# the calls: as many of each outcome as truth's, in hours or not
sqlite3 x.db "SELECT outcome, count(*) FROM calls WHERE direction = 'inbound'
    GROUP BY outcome ORDER BY outcome" > x-outcomes
sqlite3 t.db ".mode csv" ".import a/truth.csv truth" ".mode list" \
    "SELECT outcome, count(*) FROM truth WHERE direction = 'inbound'
    GROUP BY outcome ORDER BY outcome" > t-outcomes
check "every outcome as often as in truth" cmp t-outcomes x-outcomes
check "agent, bot, abandoned, missed, voicemail and short calls" \
    test "$(wc -l < x-outcomes)" -eq 6

# a rebuild from the stored records gives the calls the import built
sqlite3 x.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > before
sed 's/^short_abandon = 5$/short_abandon = 0/' callstat.conf > short0.conf
run callstat-kpi -c short0.conf -d x.db --by service --csv
check_rc 0 "rebuild 3CX's calls with short_abandon = 0"
run callstat-kpi -c callstat.conf -d x.db --by service --csv
check_rc 0 "and back"
sqlite3 x.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > after
check "the rebuild gives the same calls" cmp before after
check "every call is there" sh -c '[ "$(wc -l < before)" -gt 10000 ]'

# imported again: nothing new; a copy under another name: nothing twice
run callstat-import -c callstat.conf -d x.db x/3cx-cdr.log
check "again: nothing new" has err "3cx-cdr.log: nothing new since the last import"
cp x/3cx-cdr.log copy.log
run callstat-import -c callstat.conf -d x.db copy.log
check_rc 0 "a copy under another name"
check "the copy: every record already stored" grep -q "copy.log: [0-9]* lines read, 0 stored, [0-9]* skipped, 0 rejected" err
# the council's report says in words what the log cannot carry
run callstat-report -c callstat.conf -d x.db --from 2024-04-01 --to 2024-06-30 -o r.pdf
check_rc 0 "the report of the database"
check "3CX: the summary says why the bot's sessions are not counted" sh -c 'pdftotext r.pdf - | tr "\n" " " | tr -s " " | grep -qF "Le journal du standard ne dit pas quand le robot a transféré un appel à un agent"'
pdftotext r.pdf - | tr "\n" " " | tr -s " " > r.txt
check "3CX: its queue events are the period's queue log" \
    grep -qF "Journal des files d’attente : du" r.txt
check "3CX: not told its calls were decided without a queue log" \
    sh -c '! grep -qF "mais aucun journal de file d" r.txt'
finish
