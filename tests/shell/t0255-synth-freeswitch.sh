# callstat-synth --pbx freeswitch: the same town written as FreeSWITCH's
# mod_cdr_csv (callstat's recommended template, legs = ab) and as
# Asterisk's logs, each imported into a database of its own: every figure
# callstat-kpi gives per service and month equals the truth (as t0200
# computes it from truth.csv) and the Asterisk database's.  The template
# carries every figure, so none is empty.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
# FreeSWITCH's lines have no application or channel: the welcome is told
# by its dialplan context, the bot by the extension its leg rang
sed -e 's|^welcome = data:custom/bienvenue-\*$|& context:bienvenue|' \
    -e 's|^match = channel:PJSIP/voicebot-\*$|& ext:voicebot|' \
    "$DATA/synth-town.conf" > callstat.conf
check "the configuration for both PBXs" sh -c \
    'grep -q "context:bienvenue" callstat.conf && grep -q "ext:voicebot" callstat.conf'

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 --seed 7 "$@"
}

synth -o a
check_rc 0 "synth, Asterisk (the default)"
synth --pbx freeswitch -o f
check_rc 0 "synth --pbx freeswitch"
check "FreeSWITCH: freeswitch.csv, no Master.csv" test -s f/freeswitch.csv -a ! -e f/Master.csv
check "the same calls: the same truth" cmp a/truth.csv f/truth.csv
synth --pbx asterisk,freeswitch -o b
check_rc 0 "synth --pbx asterisk,freeswitch"
check "both: the same Master.csv as Asterisk alone" cmp a/Master.csv b/Master.csv
check "both: the same queue_log" cmp a/queue_log b/queue_log
check "both: the same freeswitch.csv as FreeSWITCH alone" cmp f/freeswitch.csv b/freeswitch.csv
check "27 quoted fields a line" awk -F'","' 'NF != 27 && $1 !~ /"/ { bad = 1 } END { exit bad }' f/freeswitch.csv
check "queue members with their cc_* variables" grep -q '"member","[^"]*","[^"]*","[0-9]*@default","[0-9]*",' f/freeswitch.csv
check "agents' legs" grep -q '"agent",' f/freeswitch.csv
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 --pbx nosuch -o x
check_rc 2 "--pbx nosuch"
check "names the writers" has err "give one or more of asterisk, freeswitch"

run callstat-import -c callstat.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import Asterisk's"
run callstat-import -c callstat.conf -d f.db f/freeswitch.csv f/transcripts.jsonl
check_rc 0 "import FreeSWITCH's"
check "FreeSWITCH: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
check "detected as freeswitch-cdr" [ "$(sqlite3 f.db "SELECT format FROM sources WHERE path LIKE '%freeswitch.csv'")" = freeswitch-cdr ]

# truth_kpi and same_figures (lib.sh): truth.csv's figures as t0200
# computes them, and callstat-kpi's compared with them
for h in in:1 all:"0), (1"; do
	opt=; [ "${h%%:*}" = all ] && opt=--all-hours
	truth_kpi a want-${h%%:*}.csv "${h#*:}"
	for db in a f; do
		run callstat-kpi -c callstat.conf -d $db.db --by service,month --csv $opt
		check_rc 0 "kpi $db, ${h%%:*} hours"
		cp out got-$db-${h%%:*}.csv
		check "$db, ${h%%:*} hours: every figure equals truth's" \
		    same_figures want-${h%%:*}.csv got-$db-${h%%:*}.csv
	done
	tail -n +2 got-a-${h%%:*}.csv > ast-${h%%:*}.csv
	check "FreeSWITCH, ${h%%:*} hours: every figure equals Asterisk's" \
	    same_figures ast-${h%%:*}.csv got-f-${h%%:*}.csv
done
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# UTC stamps: the same figures
synth --pbx freeswitch --times utc -o u
check_rc 0 "synth FreeSWITCH in UTC"
check "UTC stamps" sh -c '! cmp -s f/freeswitch.csv u/freeswitch.csv'
run callstat-import -c callstat.conf -d u.db --times utc u/freeswitch.csv u/transcripts.jsonl
check_rc 0 "import UTC"
run callstat-kpi -c callstat.conf -d u.db --by service,month --csv --all-hours
check "UTC: every figure equals truth's" same_figures want-all.csv out

# a rebuild from the stored records (a configuration changed, then back)
# gives the calls the import built while it read
sqlite3 f.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > before
sed 's/^short_abandon = 5$/short_abandon = 0/' callstat.conf > short0.conf
run callstat-kpi -c short0.conf -d f.db --by service --csv
check_rc 0 "rebuild FreeSWITCH's calls with short_abandon = 0"
run callstat-kpi -c callstat.conf -d f.db --by service --csv
check_rc 0 "and back"
sqlite3 f.db "SELECT id, outcome, wait, talk, service FROM calls ORDER BY start, id" > after
check "the rebuild gives the same calls" cmp before after
check "every call is there" sh -c '[ "$(wc -l < before)" -gt 10000 ]'

# both PBXs' records in one database, the same calls at the same seconds:
# the import and a rebuild read them in one order (legs, then queue
# events, whichever table holds them)
run callstat-import -c callstat.conf -d both.db a/Master.csv a/queue_log f/freeswitch.csv
check_rc 0 "Asterisk's and FreeSWITCH's records in one database"
run callstat-kpi -c short0.conf -d both.db --by service --csv
check_rc 0 "and rebuilt"

finish
