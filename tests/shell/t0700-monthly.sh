# callstat-monthly, end to end: a synth town's logs in the directories
# [import] sources names, run for a month; the logs grow and are rotated,
# run again; an input that cannot be read; a report that fails; two runs at
# once; the options.  The database's figures are those of the same files
# imported by hand.
. "$(dirname "$0")/lib.sh"

DATA="$CS_TOP/tests/data"
cd "$T"

# The tools as installed side by side (the script finds them beside
# itself); in fakebin/, a callstat-report that fails.
mkdir bin fakebin
for t in "$CS_BIN"/callstat*; do
	ln -s "$t" "bin/${t##*/}"
	ln -s "$t" "fakebin/${t##*/}"
done
rm -f bin/callstat-monthly fakebin/callstat-monthly fakebin/callstat-report
cp "$CS_BIN/callstat-monthly" bin/
cp "$CS_BIN/callstat-monthly" fakebin/
# fakebin/callstat-report: fails after writing half of its PDF
cat > fakebin/callstat-report <<'EOF'
#!/bin/sh
while [ $# -gt 0 ]; do
	case $1 in
	-o) pdf=$2; shift ;;
	esac
	shift
done
echo "%PDF-1.5 half" > "$pdf"
echo "callstat-report: $pdf: the fake report fails" >&2
exit 1
EOF
chmod 755 fakebin/callstat-report
MONTHLY=bin/callstat-monthly

# a town of four months; its logs, the first part now, the rest later
cp "$DATA/synth-town.conf" callstat.conf
chmod u+w callstat.conf
printf '\n[import]\nsources = logs/ exports/\n' >> callstat.conf
run callstat-synth -q -c callstat.conf --from 2024-01-01 --to 2024-04-30 \
    --calls-per-day 30 --seed 11 -o town
check_rc 0 "synth a town"
mkdir logs exports
cdr_n=$(wc -l < town/Master.csv)
q_n=$(wc -l < town/queue_log)
bot_n=$(wc -l < town/transcripts.jsonl)
head -n $((cdr_n / 2)) town/Master.csv > logs/Master.csv
head -n $((q_n / 2)) town/queue_log > logs/queue_log
head -n $((bot_n / 2)) town/transcripts.jsonl > exports/transcripts.jsonl

# kpi DB: the figures by service and month, as CSV
kpi() {
	callstat-kpi -c callstat.conf -d "$1" --by service,month --all-hours --csv
}

# only_reports_and_log: no temporary file left in reports/
only_reports_and_log() {
	[ -z "$(ls -A reports | grep -v -e '^callstat-20[0-9][0-9]-[01][0-9]\(-12m\)\?\.\(pdf\|html\)$' \
	    -e '^callstat-monthly\.log$')" ]
}

# --- the options ------------------------------------------------------------------
run $MONTHLY --help
check_rc 0 "--help"
check "--help: the usage on standard output" has out "usage: callstat-monthly [-hV] [-c config]"
check "--help: nothing on standard error" [ ! -s err ]
run $MONTHLY -V
check_rc 0 "-V"
check "--version: the tools' version" \
    [ "$(cat out)" = "callstat-monthly $(callstat-import --version | cut -d' ' -f2)" ]
run callstat monthly --version
check_rc 0 "callstat monthly --version: the front runs the script"
check "callstat monthly --version: its version" has out "callstat-monthly "
run callstat
check "callstat alone lists monthly" grep -qE "^ +monthly " out
for bad in "-x" "--bogus" "-m 2024-13" "-m 24-03" "--lang de" "extra" "-o"; do
	# shellcheck disable=SC2086
	run $MONTHLY -c callstat.conf -d town.db $bad
	check_rc 2 "usage error: $bad"
	check "usage error $bad: says how to get help" has err "Try 'callstat-monthly --help' for more information."
done
check "usage errors: no database, lock or directory made" \
    test ! -e town.db -a ! -e town.db.lock -a ! -e reports
run $MONTHLY -c missing.conf -d town.db -o reports
check_rc 1 "a configuration that is not there"
check "the missing configuration named" has err "missing.conf"

# --- callstat-import --sources and --list-sources ------------------------------------
run callstat-import -c callstat.conf -d town.db --sources logs/Master.csv
check_rc 2 "--sources with a file: usage error"
check "--sources with a file: says why" has err "--sources reads the files the configuration's [import] sources names: give no file ('logs/Master.csv')"
run callstat-import -c callstat.conf --sources --list-sources
check_rc 2 "--sources and --list-sources: usage error"
run callstat-import -c "$DATA/synth-town.conf" -d town.db --sources
check_rc 1 "--sources without [import] sources: failure"
check "--sources without [import] sources: says so" has err "synth-town.conf: no [import] sources: name the logs to read there"
check "--sources without [import] sources: no database made" test ! -e town.db
{ cat "$DATA/synth-town.conf"; printf '\n[import]\nsources = logs/Master.csv\n    exports/\nsource = x\n'; } > typo.conf
run callstat-import -c typo.conf --list-sources
check_rc 1 "[import]: an unknown key is an error"
check "[import]: the unknown key named with its line" \
    has err "typo.conf:$(($(wc -l < "$DATA/synth-town.conf") + 5)): unknown key 'source' in [import]"
head -n -1 typo.conf > cont.conf
run callstat-import -c cont.conf --list-sources
check_rc 0 "[import] sources continued on an indented line"
check "the continued list: both lines' files" \
    sh -c 'printf "logs/Master.csv\nexports/transcripts.jsonl\n" | cmp -s - "$1"' sh out
mkdir -p sub
cp cont.conf sub/
run callstat-import -c sub/cont.conf --list-sources
check_rc 1 "paths relative to the configuration's directory: sub/logs is not there"
check "relative paths: taken from the configuration's directory" has err "sub/logs/Master.csv: No such file or directory"

# --- the first run: half the logs -----------------------------------------------------
run callstat-import -c callstat.conf --list-sources
check_rc 0 "--list-sources"
printf '%s\n' logs/Master.csv logs/queue_log exports/transcripts.jsonl > want
check "--list-sources: the files, directories' in name order" cmp -s want out

run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-03
check_rc 0 "first run"
check "first run: nothing on standard output" [ ! -s out ]
check "first run: nothing on standard error" [ ! -s err ]
for f in callstat-2024-03.pdf callstat-2024-03.html callstat-2024-03-12m.pdf \
    callstat-2024-03-12m.html callstat-monthly.log; do
	check "first run: reports/$f written" [ -s "reports/$f" ]
done
check "first run: no temporary file left" only_reports_and_log
check "log: dated lines" \
    grep -qE '^20[0-9]{2}-[01][0-9]-[0-3][0-9]T[0-2][0-9]:[0-5][0-9]:[0-5][0-9]Z callstat-monthly: ' reports/callstat-monthly.log
check "log: every line dated" \
    sh -c '! grep -vE "^[0-9T:-]+Z callstat-monthly: " reports/callstat-monthly.log'
check "log: what was imported, file by file" \
    has reports/callstat-monthly.log "callstat-import: logs/Master.csv: $((cdr_n / 2)) lines read, $((cdr_n / 2)) stored"
check "log: imported" has reports/callstat-monthly.log "callstat-monthly: imported:"
check "log: the month's report" has reports/callstat-monthly.log "wrote reports/callstat-2024-03.pdf"
check "log: the year's report" has reports/callstat-monthly.log "wrote reports/callstat-2024-03-12m.pdf"

run callstat-import -c callstat.conf -d byhand1.db logs/Master.csv logs/queue_log \
    exports/transcripts.jsonl
kpi byhand1.db > want.kpi
cp want.kpi want1.kpi
kpi town.db > got.kpi
check "first run: figures by service and month ($(wc -l < got.kpi) lines)" \
    [ "$(wc -l < got.kpi)" -gt 10 ]
check "first run: the figures of the files imported by hand" cmp -s want.kpi got.kpi

check "log: the month's report from its first day to its last" \
    has reports/callstat-monthly.log "callstat-2024-03.html (2024-03-01 to 2024-03-31)"
check "log: the year's report, the 12 months ending with it" \
    has reports/callstat-monthly.log "callstat-2024-03-12m.html (2023-04-01 to 2024-03-31)"
for f in callstat-2024-03 callstat-2024-03-12m; do
	pages=$(pdfinfo "reports/$f.pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
	check "$f.pdf: more than one page ($pages)" [ "${pages:-0}" -gt 1 ]
	pdftotext "reports/$f.pdf" "$f.txt" 2> /dev/null
	check "$f.pdf: the month named" grep -qi "mars 2024" "$f.txt"
	check "$f.html: the HTML report" grep -qi "<html" "reports/$f.html"
done
pdftotext -f 1 -l 1 reports/callstat-2024-03.pdf cover.txt 2> /dev/null
pdftotext -f 1 -l 1 reports/callstat-2024-03-12m.pdf cover12.txt 2> /dev/null
check "the year's cover names its first month (avril 2023)" grep -qi "avril 2023" cover12.txt
check "the month's cover does not" sh -c '! grep -qi "avril 2023" cover.txt'

# --- the second run: the logs grew, and a rotated copy came -----------------------------
cp logs/Master.csv logs/Master.csv.1
tail -n +$((cdr_n / 2 + 1)) town/Master.csv >> logs/Master.csv
tail -n +$((q_n / 2 + 1)) town/queue_log >> logs/queue_log
tail -n +$((bot_n / 2 + 1)) town/transcripts.jsonl >> exports/transcripts.jsonl
check "the grown logs are whole again" cmp -s town/Master.csv logs/Master.csv
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-04 --lang en
check_rc 0 "second run"
check "second run: nothing on standard error" [ ! -s err ]
check "second run: the grown Master.csv read from where it stopped" \
    has reports/callstat-monthly.log "logs/Master.csv: $((cdr_n - cdr_n / 2)) lines read (new since the last import)"
check "second run: the rotated copy stores nothing" \
    has reports/callstat-monthly.log "logs/Master.csv.1: $((cdr_n / 2)) lines read, 0 stored, $((cdr_n / 2)) skipped, 0 rejected"
for f in callstat-2024-04.pdf callstat-2024-04.html callstat-2024-04-12m.pdf \
    callstat-2024-04-12m.html callstat-2024-03.pdf; do
	check "second run: reports/$f there" [ -s "reports/$f" ]
done
check "second run: no temporary file left" only_reports_and_log
check "second run: every CDR row stored once" \
    [ "$(sqlite3 town.db 'SELECT count(*) FROM cdr')" -eq "$cdr_n" ]
check "second run: every queue_log event stored once" \
    [ "$(sqlite3 town.db 'SELECT count(*) FROM queue_log')" -eq "$q_n" ]
run callstat-import -c callstat.conf -d byhand2.db town/Master.csv town/queue_log \
    town/transcripts.jsonl
kpi byhand2.db > want.kpi
kpi town.db > got.kpi
check "second run: more figures than the first run's" \
    [ "$(wc -l < got.kpi)" -gt "$(wc -l < want1.kpi)" ]
check "second run: the figures of the whole logs imported by hand" cmp -s want.kpi got.kpi
pdftotext reports/callstat-2024-04.pdf april.txt 2> /dev/null
check "callstat-2024-04.pdf in English: the month named" grep -qi "april 2024" april.txt

# a compressed rotation: a note in the log, not a failure
gzip -c town/Master.csv > logs/Master.csv.2.gz
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-04
check_rc 0 "a compressed rotated log is no failure"
check "the compressed log: nothing on standard error" [ ! -s err ]
check "the compressed log: a note in the log" \
    has reports/callstat-monthly.log "logs/Master.csv.2.gz: compressed, not read"
rm logs/Master.csv.2.gz

# --- an input that cannot be read: a symbolic link to nothing --------------------------
ln -s /nonexistent/queue_log.3 logs/queue_log.3
rm reports/callstat-2024-04.pdf reports/callstat-2024-04-12m.html
cp reports/callstat-monthly.log log.before
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-04
check_rc 1 "an unreadable input: exit 1"
check "unreadable input: standard error names the file" has err "logs/queue_log.3"
check "unreadable input: standard error names the log" has err "see reports/callstat-monthly.log"
check "unreadable input: standard error says the import failed" has err "FAILED: callstat-import --sources"
check "unreadable input: nothing on standard output" [ ! -s out ]
check "unreadable input: the reports are still written" \
    test -s reports/callstat-2024-04.pdf -a -s reports/callstat-2024-04-12m.html
tail -n +$(($(wc -l < log.before) + 1)) reports/callstat-monthly.log > log.new
check "unreadable input: the log names the file" has log.new "logs/queue_log.3: a symbolic link to nothing"
check "unreadable input: the log says it failed" has log.new "FAILED: callstat-import --sources"
check "unreadable input: the log says the reports were written" has log.new "wrote reports/callstat-2024-04.pdf"
rm logs/queue_log.3

# a directory where a file is expected, and a pattern that matches nothing
mv callstat.conf callstat.conf.good
sed 's|^sources = .*|sources = logs/ exports/ missing-dir/ logs/queue_log.old*|' callstat.conf.good > callstat.conf
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-04 -l other.log
check_rc 1 "a missing directory and a glob that matches nothing: exit 1"
check "a missing directory: named" has err "missing-dir/: No such file or directory"
check "a glob that matches nothing: named" has err "logs/queue_log.old*: matches no file"
check "-l: the log named on standard error" has err "see other.log"
check "-l: the log written there" has other.log "FAILED: callstat-import --sources"
mv callstat.conf.good callstat.conf

# --- a report that fails: nothing under the final names ----------------------------------
rm -f reports/callstat-2024-04*
run fakebin/callstat-monthly -c callstat.conf -d town.db -o reports -m 2024-04
check_rc 1 "a report that fails: exit 1"
check "a failed report: said on standard error" has err "FAILED: callstat-report --from 2024-04-01 --to 2024-04-30"
check "a failed report: the tool's message on standard error" has err "the fake report fails"
check "a failed report: the log named" has err "see reports/callstat-monthly.log"
check "a failed report: no file under the final names" \
    [ -z "$(ls reports | grep 2024-04)" ]
check "a failed report: no temporary file left" only_reports_and_log

# --- two runs at once ------------------------------------------------------------------------
cksum town.db reports/callstat-monthly.log > sums.before
( flock -n 9 || exit 1; : > locked; while [ ! -e release ]; do sleep 0.1; done ) 9>> town.db.lock &
holder=$!
for _ in $(seq 100); do [ -e locked ] && break; sleep 0.1; done
check "the test holds the lock" [ -e locked ]
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-02
check_rc 1 "a second run at once: exit 1"
check "a second run: says another holds the lock" has err "another callstat-monthly holds town.db.lock"
check "a second run: no report written" [ ! -e reports/callstat-2024-02.pdf ]
cksum town.db reports/callstat-monthly.log > sums.after
check "a second run: database and log unchanged" cmp -s sums.before sums.after
: > release
wait "$holder"
run $MONTHLY -c callstat.conf -d town.db -o reports -m 2024-02
check_rc 0 "the lock released: the run goes"
check "the lock released: its report written" [ -s reports/callstat-2024-02.pdf ]

# --- the default month: the one before this one, in the town's time zone ---------------------
now=$(TZ=Europe/Paris date +%Y-%m)
y=${now%-*} m=${now#*-}
m=${m#0}
if [ "$m" -eq 1 ]; then want=$((y - 1))-12; else want=$(printf '%s-%02d' "$y" $((m - 1))); fi
# (the town's logs hold no call of that month: the report says so)
run $MONTHLY -c callstat.conf -d town.db -o reports
check_rc 0 "without -m"
check "without -m: last month's report ($want)" [ -s "reports/callstat-$want.pdf" ]
check "without -m: the report of last month, from its first day to its last" \
    grep -q "callstat-$want.html ($want-01 to $want-[23][0-9])" reports/callstat-monthly.log

finish
