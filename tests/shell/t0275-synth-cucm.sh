# callstat-synth --pbx cucm: the same town written as Cisco Unified CM's
# CDR flat file (tests/data/cucm/town.conf: hunt pilots, the bot's route
# pattern, the welcome's route point, the voicemail system) and as
# Asterisk's logs (the same town as generic-town.conf says it to Asterisk:
# the same truth), each imported into a database of its own: every figure
# callstat-kpi gives per service and month equals the truth (t0200's
# computation from truth.csv) and the Asterisk database's.  A CDR carries
# every figure this town has, given [pbx] voicemail: LACKS is empty (the
# figures cucm-cdr's .lacks names, which would be compared as empty).
. "$(dirname "$0")/lib.sh"

LACKS=""
cd "$T"
cp "$CS_TOP/tests/data/cucm/town.conf" callstat.conf
sed '/^\[format synth\]/,$d' "$CS_TOP/tests/data/generic-town.conf" > asterisk.conf

synth() {
	run callstat-synth --from 2024-01-01 --to 2024-06-30 --calls-per-day 60 \
	    --seed 7 "$@"
}

synth -c asterisk.conf -o a
check_rc 0 "synth, Asterisk (the default)"
synth -c callstat.conf --pbx cucm -o c
check_rc 0 "synth --pbx cucm"
check "CUCM: cdr.csv, no Master.csv" test -s c/cdr.csv -a ! -e c/Master.csv
check "the same calls: the same truth" cmp a/truth.csv c/truth.csv
check "two header rows: names, then types" sh -c \
    'head -1 c/cdr.csv | grep -q "^\"cdrRecordType\",\"globalCallID_callManagerId\"," &&
     sed -n 2p c/cdr.csv | grep -q "^INTEGER,INTEGER,"'
check "129 columns a row" awk -F, 'NR > 2 && NF != 129 { bad = 1 } END { exit bad }' c/cdr.csv
check "hunt pilots named" awk -F, '$103 == "\"3100\"" { n++ } END { exit n < 100 }' c/cdr.csv
synth -c callstat.conf --pbx asterisk,cucm -o b
check_rc 0 "synth --pbx asterisk,cucm"
synth -c callstat.conf -o a2
check "both: the same Master.csv as Asterisk alone" cmp a2/Master.csv b/Master.csv
check "both: the same cdr.csv as CUCM alone" cmp c/cdr.csv b/cdr.csv

run callstat-import -c asterisk.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import Asterisk's"
run callstat-import -c callstat.conf -d c.db c/cdr.csv c/transcripts.jsonl
check_rc 0 "import CUCM's"
check "CUCM: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as cucm-cdr" [ "$(sqlite3 c.db "SELECT format FROM sources WHERE path LIKE '%cdr.csv'")" = cucm-cdr ]

# the figures CUCM carries: every one but LACKS
carried() {
	head -1 "$1" | tr , '\n' | sed '1,2d' | grep -vx -F "$(printf '%s\n' $LACKS)" | paste -sd,
}
for h in in:1 all:"0), (1"; do
	opt=; [ "${h%%:*}" = all ] && opt=--all-hours
	truth_kpi a want-${h%%:*}.csv "${h#*:}"
	for db in a c; do
		conf=callstat.conf; [ $db = a ] && conf=asterisk.conf
		run callstat-kpi -c $conf -d $db.db --by service,month --csv $opt
		check_rc 0 "kpi $db, ${h%%:*} hours"
		cp out got-$db-${h%%:*}.csv
	done
	fields=$(carried got-c-${h%%:*}.csv)
	check "CUCM, ${h%%:*} hours: every figure it carries equals truth's" \
	    same_figures want-${h%%:*}.csv got-c-${h%%:*}.csv "$fields"
	check "Asterisk, ${h%%:*} hours: every figure equals truth's" \
	    same_figures want-${h%%:*}.csv got-a-${h%%:*}.csv
	tail -n +2 got-a-${h%%:*}.csv > ast-${h%%:*}.csv
	check "CUCM, ${h%%:*} hours: every figure it carries equals Asterisk's" \
	    same_figures ast-${h%%:*}.csv got-c-${h%%:*}.csv "$fields"
done
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# a file of a release before 8.0 (no huntPilotDN nor the later columns):
# the hunt pilots are the numbers called that queue: terms name
awk -F, 'BEGIN { OFS = "," } { NF = 94; print }' c/cdr.csv > old.csv
check "94 columns" awk -F, 'NF != 94 { bad = 1 } END { exit bad }' old.csv
run callstat-import -c callstat.conf -d o.db old.csv c/transcripts.jsonl
check_rc 0 "import the file without huntPilotDN"
run callstat-kpi -c callstat.conf -d o.db --by service,month --csv --all-hours
cp out got-o.csv
check "before 8.0: the same figures" same_figures want-all.csv got-o.csv "$(carried got-o.csv)"

# imported again: nothing new; a copy with CRLF and a BOM: the same records
run callstat-import -c callstat.conf -d c.db c/cdr.csv
check "again: nothing new" has err "cdr.csv: nothing new since the last import"
{ printf '\357\273\277'; sed 's/$/\r/' c/cdr.csv; } > bomcrlf.csv
run callstat-import -c callstat.conf -d c.db bomcrlf.csv
check_rc 0 "a BOM and CRLF copy"
check "BOM + CRLF: every record already stored" grep -q "bomcrlf.csv: [0-9]* lines read, 0 stored, [0-9]* skipped, 0 rejected" err

# a rebuild from the stored records gives the calls the import built
sqlite3 c.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > before
sed 's/^short_abandon = 5$/short_abandon = 0/' callstat.conf > short0.conf
run callstat-kpi -c short0.conf -d c.db --by service --csv
check_rc 0 "rebuild with short_abandon = 0"
run callstat-kpi -c callstat.conf -d c.db --by service --csv
check_rc 0 "and back"
sqlite3 c.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > after
check "the rebuild gives the same calls" cmp before after
finish
