# generic-csv: synth's town written both as Asterisk's logs and as a
# hosted service's CSV (callstat-synth --pbx asterisk,generic), each
# imported into a database of its own (the CSV with --format
# generic-csv:synth, the [format synth] section of generic-town.conf):
# callstat-kpi's figures per service and month equal truth.csv's (SQL of
# tests/data/synth-kpi.sql, as t0200) and the Asterisk database's.  The
# CSV carries every figure of this town: none is empty where truth has one.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/generic-town.conf" callstat.conf

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 --seed 7 "$@"
}

synth --pbx asterisk,generic -o a
check_rc 0 "synth the town as asterisk and generic"
check "generic.csv written with its header" sh -c 'head -1 a/generic.csv |
	grep -qx "call_id,started_at,answered_at,ended_at,caller,dialled,destination,queue,answered_by,disposition,sip_call_id"'
synth -o plain
check_rc 0 "synth the town as asterisk only (the default)"
check "no generic.csv by default" [ ! -e plain/generic.csv ]
check "the generic writer changes nothing of Master.csv" cmp a/Master.csv plain/Master.csv
check "nor of queue_log" cmp a/queue_log plain/queue_log
check "nor of truth.csv" cmp a/truth.csv plain/truth.csv
synth --pbx generic -o g
check_rc 0 "synth --pbx generic"
check "--pbx generic: no Master.csv" [ ! -e g/Master.csv ]
check "--pbx generic: the same generic.csv" cmp a/generic.csv g/generic.csv
synth --pbx cisco -o x
check_rc 2 "--pbx cisco: usage error"

# every call of truth.csv has its rows: one call_id each
check "every call of truth.csv is in generic.csv" sh -c '
	cut -d, -f1 a/truth.csv | sed 1d | sort -u > want.ids
	cut -d, -f1 a/generic.csv | sed 1d | sort -u > got.ids
	cmp want.ids got.ids'

run callstat-import -c callstat.conf -d ast.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import the Asterisk logs"
run callstat-import -c callstat.conf -d gen.db --format generic-csv:synth a/generic.csv
check_rc 0 "import generic.csv"
check "generic.csv: no line rejected" grep -q "generic.csv: [0-9]* lines read, [0-9]* stored, 0 skipped, 0 rejected" err
run callstat-import -c callstat.conf -d gen.db a/transcripts.jsonl
check_rc 0 "import the bot's transcripts beside it"

truth_kpi a want-in.csv 1
truth_kpi a want-all.csv "0), (1"
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30
for h in in all; do
	opt=; [ $h = all ] && opt=--all-hours
	run callstat-kpi -c callstat.conf -d gen.db --by service,month --csv $opt
	check_rc 0 "kpi of generic.csv ($h hours)"
	cp out gen-$h.csv
	check "generic.csv: every figure equals truth's ($h hours)" \
		same_figures want-$h.csv gen-$h.csv ""
	run callstat-kpi -c callstat.conf -d ast.db --by service,month --csv $opt
	sed 1d out > ast-$h.csv
	check "generic.csv: every figure equals the Asterisk logs' ($h hours)" \
		same_figures ast-$h.csv gen-$h.csv ""
done

# the same file, in UTC, read with --times utc
synth --pbx generic --times utc -o u
check_rc 0 "synth generic in UTC"
check "UTC: other times" sh -c '! cmp -s a/generic.csv u/generic.csv'
run callstat-import -c callstat.conf -d utc.db --times utc --format generic-csv:synth u/generic.csv
check_rc 0 "import the UTC file with --times utc"
callstat-import -q -c callstat.conf -d utc.db u/transcripts.jsonl 2> /dev/null
run callstat-kpi -c callstat.conf -d utc.db --by service,month --csv --all-hours
cp out utc.csv
check "UTC: every figure equals truth's" same_figures want-all.csv utc.csv ""

# imported again: nothing new; a copy with CRLF and a BOM: the same records
run callstat-import -c callstat.conf -d gen.db --format generic-csv:synth a/generic.csv
check "again: nothing new" has err "generic.csv: nothing new since the last import"
{ printf '\357\273\277'; sed 's/$/\r/' a/generic.csv; } > bomcrlf.csv
run callstat-import -c callstat.conf -d gen.db --format generic-csv:synth bomcrlf.csv
check_rc 0 "a BOM and CRLF copy"
check "BOM + CRLF: every record already stored" grep -q "bomcrlf.csv: [0-9]* lines read, 0 stored, [0-9]* skipped, 0 rejected" err
finish
