# callstat-synth --pbx asterisk,cel: the same town written as Master.csv
# and queue_log, and as CEL (cel_custom); each imported in its own
# database, callstat-kpi's figures per service and month are the truth's
# (computed from truth.csv alone, tests/data/synth-kpi.sql) and the same
# from both, as is every call.  CEL carries every figure this town has:
# asterisk-cel lacks none (its entry's lacks is NULL).
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 "$@"
}

synth --seed 7 --pbx asterisk,cel -o a
check_rc 0 "synth in Asterisk and CEL"
check "Master.csv, queue_log and cel.csv" test -s a/Master.csv -a -s a/queue_log -a -s a/cel.csv
synth --seed 7 -o b
check_rc 0 "synth in Asterisk only (the default)"
check "no cel.csv by default" test ! -e b/cel.csv
check "writing CEL changes no other file" sh -c 'cmp a/Master.csv b/Master.csv &&
	cmp a/queue_log b/queue_log && cmp a/truth.csv b/truth.csv'
synth --seed 7 --pbx cel -o c
check_rc 0 "synth in CEL only"
check "CEL only: no Master.csv" test ! -e c/Master.csv -a ! -e c/queue_log
check "CEL only: the same cel.csv" cmp a/cel.csv c/cel.csv
check "a call begins with its CHAN_START" sh -c 'head -1 a/cel.csv | grep -q "^\"CHAN_START\",\"[0-9]*\.[0-9]\{6\}\","' 

run callstat-import -c callstat.conf -d ast.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import the Asterisk logs"
run callstat-import -c callstat.conf -d cel.db a/cel.csv a/transcripts.jsonl
check_rc 0 "import the CEL"
check "cel.csv: no line rejected" grep -q "cel.csv: [0-9]* lines read, [0-9]* stored, 0 skipped, 0 rejected" err
check "detected as asterisk-cel" \
	[ "$(sqlite3 cel.db "SELECT format FROM sources WHERE path LIKE '%cel.csv'")" = asterisk-cel ]
check "as many calls as the truth" \
	[ "$(sqlite3 cel.db "SELECT count(*) FROM calls")" = "$(($(wc -l < a/truth.csv) - 1))" ]
cp a/cel.csv again.csv
run callstat-import -c callstat.conf -d cel.db again.csv
check_rc 0 "the same events again, under another name"
check "stored once: every row skipped" grep -q "again.csv: [0-9]* lines read, 0 stored, [1-9][0-9]* skipped, 0 rejected" err
check "no caller's number in clear" sh -c "! strings cel.db* | grep -q '063998[0-9][0-9][0-9][0-9]'"

for h in in all; do
	opt=; want="1"
	[ $h = all ] && opt=--all-hours && want="0), (1"
	truth_kpi a want-$h.csv "$want"
	run callstat-kpi -c callstat.conf -d cel.db --by service,month --csv $opt
	check_rc 0 "kpi of the CEL, $h hours"
	cp out cel-$h.csv
	check "CEL, $h hours: every figure equals truth's" same_figures want-$h.csv cel-$h.csv ""
	run callstat-kpi -c callstat.conf -d ast.db --by service,month --csv $opt
	cp out ast-$h.csv
	check "CEL, $h hours: the same figures as Asterisk's logs" cmp ast-$h.csv cel-$h.csv
done
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# every call the same (callers are hashed with each database's own key)
calls() {
	sqlite3 "$1" "SELECT start, id, end, direction, service, in_hours,
	    outcome, wait, human_wait, talk, abandon_wait, escalated,
	    bot_answered, needed_agent, legs, bot_key, repeat_24h, callback_2h
	    FROM calls ORDER BY start, id"
}
calls ast.db > ast-calls.txt
calls cel.db > cel-calls.txt
check "every call as from Master.csv and queue_log" cmp ast-calls.txt cel-calls.txt

# a file that grew: read again whole, the calls under way at the first
# import stored once they ended, nothing stored twice
n=$(($(wc -l < a/cel.csv) / 2))
head -n $n a/cel.csv > grow.csv
run callstat-import -c callstat.conf -d grow.db grow.csv a/transcripts.jsonl
check_rc 0 "import half the CEL"
check "half the calls, fewer than all" [ "$(sqlite3 grow.db "SELECT count(*) FROM calls")" -lt "$(wc -l < cel-calls.txt)" ]
tail -n +$((n + 1)) a/cel.csv >> grow.csv
run callstat-import -c callstat.conf -d grow.db grow.csv
check_rc 0 "import the CEL that grew"
check "the grown file: no line rejected" grep -q "grow.csv: [0-9]* lines read, [0-9]* stored, [0-9]* skipped, 0 rejected" err
calls grow.db > grow-calls.txt
check "the grown file: every call as from the whole file" cmp cel-calls.txt grow-calls.txt

# usage
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 --pbx nosuch -o d
check_rc 2 "--pbx nosuch"
check "says which" has err "--pbx: 'nosuch': give one or more of asterisk, freeswitch, cel"
finish
