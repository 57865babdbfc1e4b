# callstat-purge on the two-year sample town (sample-data/): the figures of
# every period are byte for byte what they were before the purge, after a
# rebuild for a changed configuration, and after the same logs are imported
# again; the records and calls before the day are gone; a dry run changes
# nothing; --vacuum shrinks the file; a later import of newer lines gives
# the figures of an import of everything.  The counts expected are worked
# out from the log files with awk (never from the program's output).
. "$(dirname "$0")/lib.sh"

S="$CS_TOP/sample-data"
cd "$T" || exit 1
cp "$S/callstat.conf" town.conf
cp "$S/Master.csv" Master.csv
cp "$S/queue_log" queue_log

# The cut: 1 March 2024, 00:00 in Europe/Paris (UTC+1 then).
CUT=$(TZ=Europe/Paris date -d '2024-03-01 00:00' +%s)
check "the cut is 2024-02-29T23:00Z" [ "$CUT" -eq 1709247600 ]
# by hand from the logs: a Master.csv line's start is its first date; its
# call is its uniqueid (these 18-column lines have no linkedid)
legs_before=$(awk '{ if (match($0, /"20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] /) &&
	substr($0, RSTART + 1, 10) < "2024-03-01") n++ } END { print n + 0 }' Master.csv)
calls_before=$(awk '{ if (match($0, /"20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] /) &&
	substr($0, RSTART + 1, 10) < "2024-03-01" && match($0, /"[0-9]+\.[0-9]+"/))
	u[substr($0, RSTART, RLENGTH)] = 1 } END { for (k in u) n++; print n + 0 }' Master.csv)
events_before=$(awk -F'|' -v c="$CUT" '$1 < c { n++ } END { print n + 0 }' queue_log)
legs_all=$(wc -l < Master.csv)
events_all=$(wc -l < queue_log)
check "the logs have lines before the cut" [ "$legs_before" -gt 0 ] && [ "$events_before" -gt 0 ]

# kpi_all DB PREFIX [CONF]: every figure, per service and month, day (all
# hours), ISO week out of hours, and the default table
kpi_all() {
	_c=${3:-town.conf}
	callstat-kpi -c "$_c" -d "$1" --by service,month --csv > "$2.month.csv" &&
	callstat-kpi -c "$_c" -d "$1" --by service,day --all-hours --csv > "$2.day.csv" &&
	callstat-kpi -c "$_c" -d "$1" --by week --out-of-hours --csv > "$2.week.csv" &&
	callstat-kpi -c "$_c" -d "$1" > "$2.table"
}
# same_kpi A B: byte-identical outputs
same_kpi() {
	cmp -s "$1.month.csv" "$2.month.csv" && cmp -s "$1.day.csv" "$2.day.csv" &&
	cmp -s "$1.week.csv" "$2.week.csv" && cmp -s "$1.table" "$2.table"
}
q() { sqlite3 "$1" "$2"; }

run callstat-import -q -c town.conf -d town.db Master.csv queue_log
check_rc 0 "import the sample town"
cp town.db full.db
check "kpi before the purge" kpi_all town.db before
check "the figures cover 24 months" [ "$(cut -d, -f2 before.month.csv | sort -u | grep -c '^20')" -eq 24 ]
daily_before=$(q town.db "SELECT count(*), sum(offered) FROM daily WHERE day < '2024-03-01'")

# --- a dry run changes nothing -------------------------------------------------
cp town.db town.db.orig
run callstat-purge -c town.conf -d town.db --before 2024-03 --dry-run
check_rc 0 "purge --dry-run"
want="would purge the records before 2024-03-01: $legs_before legs, $events_before queue events, $calls_before calls, from 2023-03-01 to 2024-02-29"
check "purge --dry-run says what would go" [ "$(cat "$T/out")" = "$want" ]
check "purge --dry-run: nothing on stderr" [ ! -s "$T/err" ]
check "purge --dry-run leaves the file as it was" cmp -s town.db town.db.orig
run callstat-purge -c town.conf -d town.db --before 2024-03 -n
check "purge -n is --dry-run" [ "$(cat "$T/out")" = "$want" ]
check "purge -n leaves the file as it was" cmp -s town.db town.db.orig
run callstat-purge -c town.conf -d town.db --before 2024-03 -n -q
check "purge -n -q: a dry run says what would go all the same" [ "$(cat "$T/out")" = "$want" ]

# --- the purge -------------------------------------------------------------------
# the hashed numbers of the callers who called only before the cut
q town.db "SELECT DISTINCT caller FROM cdr WHERE start < $CUT AND caller <> ''
	EXCEPT SELECT caller FROM cdr WHERE start >= $CUT" > gone.callers
check "some callers called only before the cut" [ "$(wc -l < gone.callers)" -gt 0 ]
check "their hashes are in the file before the purge" grep -a -q -F -f gone.callers town.db
cp town.db loud.db
run callstat-purge -c town.conf -d town.db -q --before 2024-03-01
check_rc 0 "purge -q --before 2024-03-01"
check "purge -q: nothing on stdout" [ ! -s "$T/out" ]
check "purge -q: nothing on stderr" [ ! -s "$T/err" ]
run callstat-purge -c town.conf -d loud.db --before 2024-03-01
check_rc 0 "purge --before 2024-03-01"
rm -f loud.db
# without --vacuum: what was deleted, and the copies page splits left in
# free space when the rows were imported, are overwritten, not left there
check "no trace of them in the file after the purge" sh -c '! cat town.db town.db-wal 2>/dev/null | grep -a -q -F -f gone.callers'
check "purge says what went" [ "$(cat "$T/out")" = "purged${want#would purge}" ]
check "no leg before the cut is left" [ "$(q town.db "SELECT count(*) FROM cdr WHERE start < $CUT")" -eq 0 ]
check "no queue event before the cut is left" [ "$(q town.db "SELECT count(*) FROM queue_log WHERE time < $CUT")" -eq 0 ]
check "no call before the cut is left" [ "$(q town.db "SELECT count(*) FROM calls WHERE start < $CUT")" -eq 0 ]
check "every leg after the cut is left" [ "$(q town.db "SELECT count(*) FROM cdr")" -eq $((legs_all - legs_before)) ]
check "every queue event after the cut is left" [ "$(q town.db "SELECT count(*) FROM queue_log")" -eq $((events_all - events_before)) ]
check "the day totals before the cut are kept" [ "$(q town.db "SELECT count(*), sum(offered) FROM daily WHERE day < '2024-03-01'")" = "$daily_before" ]
check "the database remembers the cut" [ "$(q town.db "SELECT value FROM meta WHERE key = 'purged_before'")" = "$CUT" ]
check "kpi after the purge" kpi_all town.db after
check "kpi after the purge: byte-identical, every period" same_kpi before after

# --- a rebuild (a changed configuration) keeps the purged days' figures --------
cp town.conf changed.conf
echo "; a comment changes the digest: every call is rebuilt" >> changed.conf
check "kpi after a rebuild" kpi_all town.db rebuilt changed.conf
check "kpi after a rebuild: byte-identical" same_kpi before rebuilt
check "the rebuild made no call before the cut" [ "$(q town.db "SELECT count(*) FROM calls WHERE start < $CUT")" -eq 0 ]

# --- callstat-calls over the purged period -----------------------------------------
msg="callstat-calls: calls before 2024-03-01 were purged (retention 13 months); their figures remain in callstat-kpi"
run callstat-calls -c town.conf -d town.db --from 2024-02 --to 2024-02 --csv
check_rc 0 "calls over a purged month"
check "calls over a purged month: the header only" [ "$(cat "$T/out")" = "call,start,service,outcome,wait,human_wait,talk,escalated,in_hours,caller" ]
check "calls over a purged month: says they were purged" [ "$(cat "$T/err")" = "$msg" ]
run callstat-calls -c town.conf -d town.db --all-hours --csv
check_rc 0 "calls over everything"
check "calls over everything: says the first ones were purged" [ "$(cat "$T/err")" = "$msg" ]
check "calls over everything: none before the cut" [ "$(sed -n 2p "$T/out" | cut -d, -f2 | cut -c1-10)" = 2024-03-01 ]
run callstat-calls -c town.conf -d town.db --from 2024-03-01 --to 2024-03-01 --csv
check "calls after the cut: no message" [ ! -s "$T/err" ]
check "calls after the cut: rows" [ "$(wc -l < "$T/out")" -gt 1 ]

# --- the same logs again, under other names: nothing of the purged period ---------
cp Master.csv again.csv
cp queue_log again.queue_log
run callstat-import -c town.conf -d town.db again.csv
check_rc 0 "import the same Master.csv again"
check "import again: counts the lines of the purged period" [ "$(cat "$T/err")" = \
	"callstat-import: again.csv: $legs_all lines read, 0 stored, $((legs_all - legs_before)) skipped, 0 rejected, $legs_before in the purged period" ]
run callstat-import -c town.conf -d town.db again.queue_log
check "import the queue_log again: counts the lines of the purged period" [ "$(cat "$T/err")" = \
	"callstat-import: again.queue_log: $events_all lines read, 0 stored, $((events_all - events_before)) skipped, 0 rejected, $events_before in the purged period" ]
check "import again stored no leg before the cut" [ "$(q town.db "SELECT count(*) FROM cdr WHERE start < $CUT")" -eq 0 ]
check "import again stored no queue event before the cut" [ "$(q town.db "SELECT count(*) FROM queue_log WHERE time < $CUT")" -eq 0 ]
check "kpi after importing again" kpi_all town.db again
check "kpi after importing again: byte-identical" same_kpi before again

# --- purging again ---------------------------------------------------------------------
cp town.db town.db.orig
run callstat-purge -c town.conf -d town.db --before 2024-03-01
check_rc 0 "purge the same day again"
check "purge again: nothing to purge" [ "$(cat "$T/out")" = "nothing to purge: the records before 2024-03-01 were purged already" ]
run callstat-purge -c town.conf -d town.db --before 2023-06
check_rc 0 "purge an earlier day"
check "purge an earlier day: nothing to purge" [ "$(cat "$T/out")" = "nothing to purge: the records before 2024-03-01 were purged already" ]
check "the cut stays" [ "$(q town.db "SELECT value FROM meta WHERE key = 'purged_before'")" = "$CUT" ]

# --- --vacuum gives the space back ---------------------------------------------------------
cp town.db plain.db
cp town.db vacuum.db
run callstat-purge -c town.conf -d plain.db --before 2024-09
check_rc 0 "purge --before 2024-09"
run callstat-purge -c town.conf -d vacuum.db --before 2024-09 --vacuum
check_rc 0 "purge --before 2024-09 --vacuum"
s_plain=$(stat -c %s plain.db)
s_vac=$(stat -c %s vacuum.db)
check "--vacuum makes the file smaller ($s_vac < $s_plain bytes)" [ "$s_vac" -lt "$s_plain" ]
check "no write-ahead log left after --vacuum" [ ! -s vacuum.db-wal ]
check "kpi after --vacuum" kpi_all vacuum.db vacuumed
check "kpi after --vacuum: byte-identical" same_kpi before vacuumed

# --- the retention of the configuration ---------------------------------------------------
# 13 months before today, in Paris; the same day of the month (days 29 to 31
# may be cut to the month's last: skipped then)
today=$(TZ=Europe/Paris date +%Y-%m-%d)
if [ "${today#*-*-}" -le 28 ]; then
	ret="$(TZ=Europe/Paris date -d "${today%-*}-01 -13 months" +%Y-%m)-${today#*-*-}"
	run callstat-purge -c town.conf -d full.db -n
	check_rc 0 "purge -n with the default retention"
	check "the default retention is 13 months ($ret)" has "$T/out" "the records before $ret:"
	printf '[commune]\nretention_months = 40\n' > r40.conf
	ret40="$(TZ=Europe/Paris date -d "${today%-*}-01 -40 months" +%Y-%m)-${today#*-*-}"
	run callstat-purge -c r40.conf -d full.db -n
	check "retention_months = 40 ($ret40)" has "$T/out" "before $ret40:"
fi

# --- usage errors, failures ---------------------------------------------------------------------
cp town.db town.db.orig
run callstat-purge -c town.conf -d town.db --before 2999-01-01
check_rc 2 "purge --before a day after today"
check "--before after today: says so" has "$T/err" "after today"
check "--before after today: Try --help" has "$T/err" "Try 'callstat-purge --help'"
run callstat-purge -c town.conf -d town.db --before yesterday
check_rc 2 "purge --before yesterday"
check "--before yesterday: names it" has "$T/err" "'yesterday'"
run callstat-purge -c town.conf -d town.db --before 2024
check_rc 2 "purge --before a year"
run callstat-purge -c town.conf -d town.db -n --vacuum
check_rc 2 "purge -n --vacuum"
run callstat-purge -c town.conf -d town.db extra
check_rc 2 "purge with an argument"
check "usage errors changed nothing" cmp -s town.db town.db.orig
run callstat-purge -c town.conf -d nosuch.db
check_rc 1 "purge a missing database"
check "a missing database is not created" [ ! -e nosuch.db ]

# --- newer lines imported after a purge: the figures of an import of everything --------
# Split both logs on 1 September 2024 (Paris); import the first half,
# purge before March 2024, import the second half: every figure, purged
# days included, must be those of one import of everything, for
# the calls about the split and after it are rebuilt from records that
# are all there.
SPLIT=$(TZ=Europe/Paris date -d '2024-09-01 00:00' +%s)
awk '{ match($0, /"20[0-9][0-9]-[0-9][0-9]-[0-9][0-9] /);
	print > (substr($0, RSTART + 1, 10) < "2024-09-01" ? "a.csv" : "b.csv") }' Master.csv
awk -F'|' -v s="$SPLIT" '{ print > ($1 < s ? "a.queue_log" : "b.queue_log") }' queue_log
check "the split keeps every line" [ $(($(wc -l < a.csv) + $(wc -l < b.csv))) -eq "$legs_all" ]
run callstat-import -q -c town.conf -d split.db a.csv a.queue_log
check_rc 0 "import the first half"
run callstat-purge -c town.conf -d split.db --before 2024-03
check_rc 0 "purge the first half's first year"
run callstat-import -c town.conf -d split.db b.csv b.queue_log
check_rc 0 "import the second half after the purge"
check "import the second half: nothing in the purged period" [ "$(grep -c 'purged period' "$T/err")" -eq 0 ]
check "kpi of the halves" kpi_all split.db split
check "kpi: halves with a purge between = everything at once" same_kpi before split

finish
