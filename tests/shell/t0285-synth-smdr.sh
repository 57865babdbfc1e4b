# callstat-synth --pbx smdr: the same town written as Avaya IP Office's
# SMDR and as Asterisk's logs, each imported into a database of its own:
# every figure SMDR carries, per service and month, equals the truth's (as
# t0200 computes it from truth.csv) and the Asterisk database's.  SMDR
# cannot tell a caller who hung up from a PBX that gave up: the figures
# that need it are in LACKED (avaya-smdr's lacks): callstat-kpi leaves
# them empty, callstat-check says so; lost, their sum, is carried.
. "$(dirname "$0")/lib.sh"

LACKED="abandoned missed abandon_rate abandon_wait"

DATA="$CS_TOP/tests/data"
cd "$T"
# the bot is the SIP extension 2990 in SMDR
sed -e 's|^match = channel:PJSIP/voicebot-\*$|& ext:2990|' \
    "$DATA/synth-town.conf" > callstat.conf
check "the configuration names the bot's extension" grep -q "ext:2990" callstat.conf

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 --seed 7 "$@"
}

synth -o a
check_rc 0 "synth, Asterisk (the default)"
synth --pbx smdr -o s
check_rc 0 "synth --pbx smdr"
check "SMDR: smdr.csv, no Master.csv" test -s s/smdr.csv -a ! -e s/Master.csv
check "the same calls: the same truth" cmp a/truth.csv s/truth.csv
synth --pbx asterisk,smdr -o b
check_rc 0 "synth --pbx asterisk,smdr"
check "both: the same Master.csv as Asterisk alone" cmp a/Master.csv b/Master.csv
check "both: the same smdr.csv as SMDR alone" cmp s/smdr.csv b/smdr.csv
check "CR LF, 30 fields a record" awk -F, '!/\r$/ || NF != 30 { bad = 1 } END { exit bad }' s/smdr.csv
check "continuation records" grep -q ',1,E2990,Voicebot,' s/smdr.csv

run callstat-import -c callstat.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import Asterisk's"
run callstat-import -c callstat.conf -d s.db s/smdr.csv s/transcripts.jsonl
check_rc 0 "import SMDR's"
check "SMDR: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as avaya-smdr" [ "$(sqlite3 s.db "SELECT format FROM sources WHERE path LIKE '%smdr.csv'")" = avaya-smdr ]

# the figures SMDR carries: callstat-kpi's columns but LACKED's
run callstat-kpi -c callstat.conf -d s.db --by service,month --csv
CARRIED=$(head -1 out | tr , '\n' | tail -n +3 | grep -vxF "$(echo $LACKED | tr ' ' '\n')" | paste -sd, -)
check "the carried figures listed" sh -c "echo '$CARRIED' | grep -q '^offered,answered,.*,lost,callback_2h,callback_24h$'"
check "lost is carried" sh -c "echo '$CARRIED' | grep -q ',lost,'"

for h in in:1 all:"0), (1"; do
	opt=; [ "${h%%:*}" = all ] && opt=--all-hours
	truth_kpi a want-${h%%:*}.csv "${h#*:}"
	for db in a s; do
		run callstat-kpi -c callstat.conf -d $db.db --by service,month --csv $opt
		check_rc 0 "kpi $db, ${h%%:*} hours"
		cp out got-$db-${h%%:*}.csv
	done
	check "Asterisk, ${h%%:*} hours: every figure equals truth's" \
	    same_figures want-${h%%:*}.csv got-a-${h%%:*}.csv
	check "SMDR, ${h%%:*} hours: every figure it carries equals truth's" \
	    same_figures want-${h%%:*}.csv got-s-${h%%:*}.csv "$CARRIED"
	tail -n +2 got-a-${h%%:*}.csv > ast-${h%%:*}.csv
	check "SMDR, ${h%%:*} hours: every figure it carries equals Asterisk's" \
	    same_figures ast-${h%%:*}.csv got-s-${h%%:*}.csv "$CARRIED"
	# what it lacks, callstat could only guess: empty
	check "SMDR, ${h%%:*} hours: every figure of LACKED empty" \
	    [ "$(lacked_values got-s-${h%%:*}.csv "$LACKED")" -eq 0 ]
	check "Asterisk, ${h%%:*} hours: the same figures are there" \
	    [ "$(lacked_values got-a-${h%%:*}.csv "$LACKED")" -gt 100 ]
done
run callstat-check -c callstat.conf -d s.db --csv
check_rc 1 "callstat-check finds something in SMDR's database"
check "callstat-check: SMDR lacks abandoned and missed" \
    grep -q ',lacks,avaya-smdr,"*its records cannot carry abandoned, missed, abandon_rate, abandon_wait:' out
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# UTC Call Starts: the same figures
synth --pbx smdr --times utc -o u
check_rc 0 "synth SMDR in UTC"
check "UTC: other Call Starts" sh -c '! cmp -s s/smdr.csv u/smdr.csv'
run callstat-import -c callstat.conf -d u.db --times utc u/smdr.csv u/transcripts.jsonl
check_rc 0 "import UTC"
run callstat-kpi -c callstat.conf -d u.db --by service,month --csv --all-hours
check "UTC: every figure it carries equals truth's" same_figures want-all.csv out "$CARRIED"

# a rebuild from the stored records (a configuration changed, then back)
# gives the calls the import built while it read
sqlite3 s.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > before
sed 's/^short_abandon = 5$/short_abandon = 0/' callstat.conf > short0.conf
run callstat-kpi -c short0.conf -d s.db --by service --csv
check_rc 0 "rebuild SMDR's calls with short_abandon = 0"
run callstat-kpi -c callstat.conf -d s.db --by service --csv
check_rc 0 "and back"
sqlite3 s.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > after
check "the rebuild gives the same calls" cmp before after
check "every call is there" sh -c '[ "$(wc -l < before)" -gt 10000 ]'

# imported again: nothing new
run callstat-import -c callstat.conf -d s.db s/smdr.csv
check "again: nothing new" has err "smdr.csv: nothing new since the last import"

# the council's report says in words what the log cannot carry
run callstat-report -c callstat.conf -d s.db --from 2024-04-01 --to 2024-06-30 -o r.pdf
check_rc 0 "the report of the database"
check "SMDR: the summary says the abandon rate cannot be told" sh -c 'pdftotext r.pdf - | tr "\n" " " | tr -s " " | grep -qF "ou le standard a abandonné ; son journal ne distingue pas les deux"'
finish
