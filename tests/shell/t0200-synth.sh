# callstat-synth: a town made up, imported, and every figure callstat-kpi
# prints compared with the same figure computed from truth.csv alone (SQL
# written from kpi.md in tests/data/synth-kpi.sql, never callstat's code).
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"
cp "$DATA/synth-town.conf" callstat.conf

. "$CS_TOP/tests/shell/synth-figures.sh"

synth() {
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-06-30 \
	    --calls-per-day 60 "$@"
}

mkdir a b c d e f
synth --seed 7 -o a
check_rc 0 "synth a half year with go-live inside"
check "summary line" has err "callstat-synth: 2024-01-01 to 2024-06-30: "
check "five files" test -s a/Master.csv -a -s a/queue_log -a -s a/truth.csv \
    -a -s a/transcripts.jsonl -a -s a/truth_sessions.csv
check "truth.csv header" has a/truth.csv \
    "call_id,start,start_local,direction,service,in_hours,outcome,wait,human_wait,talk,abandon_wait,escalated,bot_answered,needed_agent,caller,session"
check "the bot and the queues both appear" grep -q 'PJSIP/voicebot-.*"bot-handover"\|bot-handover' a/Master.csv
check "every outcome occurs" sh -c 'for o in agent bot abandoned short missed voicemail; do
	grep -q ",inbound,[^,]*,[01],$o," a/truth.csv || { echo "no $o"; exit 1; }; done'
check "internal and outbound calls occur" sh -c 'grep -q ",internal," a/truth.csv && grep -q ",outbound," a/truth.csv'
check "withheld and +33 callers occur" sh -c 'grep -q "\"anonymous\"" a/Master.csv && grep -q "\"+33" a/Master.csv'
check "only fiction numbers call" awk -F, 'NR > 1 && $4 == "inbound" && $15 != "" &&
	$15 !~ /^(063998|026191|035301|046571|053649)[0-9][0-9][0-9][0-9]$/ &&
	$15 !~ /^019900[5-9][0-9][0-9][0-9]$/ { print "not fiction: " $15; bad = 1 }
	END { exit bad }' a/truth.csv

# same seed, same bytes; another seed, another town
synth --seed 7 -o b
check_rc 0 "synth again with the same seed"
check "same Master.csv" cmp a/Master.csv b/Master.csv
check "same queue_log" cmp a/queue_log b/queue_log
check "same truth.csv" cmp a/truth.csv b/truth.csv
synth --seed 8 -o c
check_rc 0 "synth with another seed"
check "another seed, another Master.csv" sh -c '! cmp -s a/Master.csv c/Master.csv'
check "another seed, other callers" sh -c '! cmp -s a/truth.csv c/truth.csv'

# import: nothing rejected
run callstat-import -c callstat.conf -d a.db a/Master.csv a/queue_log a/transcripts.jsonl
check_rc 0 "import the town"
check "Master.csv: no line rejected" grep -q "Master.csv: \([0-9]*\) lines read, \1 stored, 0 skipped, 0 rejected" err
check "queue_log: no line rejected" grep -q "queue_log: \([0-9]*\) lines read, \1 stored, 0 skipped, 0 rejected" err
check "transcripts.jsonl: no line rejected" grep -q "transcripts.jsonl: \([0-9]*\) lines read, \1 stored, 0 skipped, 0 rejected" err

# every figure, in hours and all hours, against truth.csv
run callstat-kpi -c callstat.conf -d a.db --by service,month --csv
check_rc 0 "kpi in hours"
cp out got-in.csv
check "truth's figures in hours" truth_kpi a want-in.csv 1
check "every figure in hours equals truth's" same_figures want-in.csv got-in.csv ""
run callstat-kpi -c callstat.conf -d a.db --by service,month --csv --all-hours
check_rc 0 "kpi all hours"
cp out got-all.csv
check "truth's figures, all hours" truth_kpi a want-all.csv "0), (1"
check "every figure, all hours, equals truth's" same_figures want-all.csv got-all.csv ""
check "a row per service and month" test "$(wc -l < want-in.csv)" -ge 30

# the same town in other shapes imports to the same figures
synth --seed 7 --columns 21 -o d
check_rc 0 "synth with 21 columns"
synth --seed 7 --times utc -o e
check_rc 0 "synth in UTC"
check "21 columns, same truth" cmp a/truth.csv d/truth.csv
check "UTC, same truth" cmp a/truth.csv e/truth.csv
check "UTC times in Master.csv" sh -c '! cmp -s a/Master.csv e/Master.csv'
for v in d:local e:utc; do
	dir=${v%%:*}
	run callstat-import -c callstat.conf -d $dir.db --times ${v#*:} $dir/Master.csv \
	    $dir/queue_log $dir/transcripts.jsonl
	check_rc 0 "import $dir"
	check "$dir: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
	run callstat-kpi -c callstat.conf -d $dir.db --by service,month --csv --all-hours
	cp out got-$dir.csv
	check "$dir: every figure equals truth's" same_figures want-all.csv got-$dir.csv ""
done

# 16 columns: no uniqueid, so callstat must tie queue_log to the rows by
# the caller, the queue and the time; the figures are the same, but for
# the calls the bot kept whose session cannot link without the call's id
# (rule 3, t0215): their truth is f's own
synth --seed 7 --columns 16 -o f
check_rc 0 "synth with 16 columns"
check "16 columns per row" sh -c 'head -1 f/Master.csv | grep -q "\"DOCUMENTATION\"\$"'
check "16 columns, same truth but for the service" sh -c \
    'cut -d, -f1-4,7- a/truth.csv > a.cut && cut -d, -f1-4,7- f/truth.csv > f.cut && cmp a.cut f.cut'
truth_kpi f want-f.csv "0), (1"
run callstat-import -c callstat.conf -d f.db f/Master.csv f/queue_log f/transcripts.jsonl
check_rc 0 "import 16 columns"
check "16 columns: no line rejected" sh -c "! grep -v ' 0 rejected' '$T/err' | grep -q ."
run callstat-kpi -c callstat.conf -d f.db --by service,month --csv --all-hours
cp out got-f.csv
check "16 columns: every figure equals truth's" same_figures want-f.csv got-f.csv ""

# usage errors
run callstat-synth -c callstat.conf --from 2024-01-01 -o a
check_rc 2 "--to is needed"
check "says so" has err "give the period with --from and --to"
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 --columns 17 -o a
check_rc 2 "--columns 17"
run callstat-synth -c callstat.conf --from 2024-02-01 --to 2024-01-01 -o a
check_rc 2 "--from after --to"
# -o makes the directory and its parents, as mkdir -p, mode 0777 & ~umask
run callstat-synth -q -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o new/sub/dir
check_rc 0 "-o a directory that does not exist"
check "-o made it, with the three files" \
	test -s new/sub/dir/Master.csv -a -s new/sub/dir/queue_log -a -s new/sub/dir/truth.csv
run sh -c 'umask 027 && callstat-synth -q -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o um/dir'
check_rc 0 "-o under umask 027"
check "-o's directories are 0777 & ~umask: 750" \
	[ "$(stat -c %a um) $(stat -c %a um/dir)" = "750 750" ]
run callstat-synth -q -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o new/sub/dir
check_rc 0 "-o an existing directory"
: > plain
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o plain
check_rc 1 "-o a file"
check "-o a file: names it" has err "callstat-synth: plain: not a directory"
run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o plain/dir
check_rc 1 "-o under a file"
check "-o under a file: names the directory" has err "callstat-synth: plain/dir: cannot create the directory"
run callstat-synth -c nosuch.conf --from 2024-01-01 --to 2024-01-02 -o notmade
check_rc 1 "-o with a missing configuration"
check "a refused run makes no directory" [ ! -e notmade ]
if [ "$(id -u)" -ne 0 ]; then
	mkdir locked && chmod 555 locked
	run callstat-synth -c callstat.conf --from 2024-01-01 --to 2024-01-02 -o locked/dir
	check_rc 1 "-o in a directory one cannot write"
	check "names it and says why" has err "locked/dir: cannot create the directory: Permission denied"
	chmod 755 locked
fi
run callstat-synth -h
check_rc 0 "--help"
check "help shows the synopsis" has out "usage: callstat-synth"

# the EXAMPLES of callstat-synth(1), as written there, with this town
awk '/^\.Sh EXAMPLES/ { on = 1; next } /^\.Sh / { on = 0 }
	on && /^\$ / { l = substr($0, 3); gsub(/\\e/, "\\", l); print l }' \
	"$CS_TOP/man/callstat-synth.1" > examples.sh
check "the man page has examples" grep -q callstat-synth examples.sh
mkdir -p ex/sample-data
cp callstat.conf ex/sample-data/
run sh -c "cd ex && sh -e ../examples.sh"
check_rc 0 "EXAMPLES of callstat-synth(1) run"
check "the example prints the figures" has out "etat-civil"
check "the example's UTC town has the same truth" cmp ex/town/truth.csv ex/town-utc/truth.csv

finish
