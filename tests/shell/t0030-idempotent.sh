# Importing again, in pieces, in another order, under another name: each
# record is stored once and the figures stay spec/example/expected_kpi.csv.
# Changing the configuration rebuilds the calls without a new import.
. "$(dirname "$0")/lib.sh"

# kpi_is_expected DB [CONFIG]: the figures of DB are expected_kpi.csv's
kpi_is_expected() {
	callstat-kpi -c "${2:-callstat.conf}" -d "$1" --by service,month --csv \
		> "$1.kpi" 2> "$1.kpi.err" &&
	same_numbers "$EX/expected_kpi.csv" "$1.kpi"
}

# counts DB: "cdr queue_log calls" row counts
counts() {
	sqlite3 "$1" 'SELECT (SELECT count(*) FROM cdr) || " " ||
	    (SELECT count(*) FROM queue_log) || " " || (SELECT count(*) FROM calls)'
}

cd "$T"
cp "$EX/callstat.conf" callstat.conf
chmod u+w callstat.conf
cp "$EX/Master.csv" Master.csv
cp "$EX/queue_log" queue_log

# --- the same files twice ---------------------------------------------------------
run callstat-import -c callstat.conf -d twice.db Master.csv queue_log
check_rc 0 "first import"
check "first import: figures as expected" kpi_is_expected twice.db
before=$(counts twice.db)
run callstat-import -c callstat.conf -d twice.db Master.csv queue_log
check_rc 0 "second import of the same files"
check "second import: Master.csv has nothing new" \
	has err "callstat-import: Master.csv: nothing new since the last import"
check "second import: queue_log has nothing new" \
	has err "callstat-import: queue_log: nothing new since the last import"
check "second import: nothing stored (same row counts)" [ "$(counts twice.db)" = "$before" ]
check "second import: figures unchanged" kpi_is_expected twice.db

# the same file by another path to it (./Master.csv): the same file
run callstat-import -c callstat.conf -d twice.db ./Master.csv "$T/queue_log"
check "another path to the same file: nothing new" \
	has err "callstat-import: ./Master.csv: nothing new since the last import"

# --- a copy under another name: a rotated Master.csv.1 -----------------------------
cp Master.csv Master.csv.1
cp queue_log queue_log.1
run callstat-import -c callstat.conf -d twice.db Master.csv.1 queue_log.1
check_rc 0 "import rotated copies"
check "Master.csv.1: every record skipped" \
	has err "Master.csv.1: 34 lines read, 0 stored, 34 skipped, 0 rejected"
check "queue_log.1: every record skipped" \
	has err "queue_log.1: 32 lines read, 0 stored, 32 skipped, 0 rejected"
check "copies: nothing stored" [ "$(counts twice.db)" = "$before" ]
check "copies: figures unchanged" kpi_is_expected twice.db

# --- a file that grew (a live Master.csv) -------------------------------------------------
head -20 Master.csv > live.csv
run callstat-import -c callstat.conf -d grew.db live.csv queue_log
check_rc 0 "import the first 20 lines"
check "first 20 lines: 20 stored" has err "live.csv: 20 lines read, 20 stored, 0 skipped, 0 rejected"
cp Master.csv live.csv
run callstat-import -c callstat.conf -d grew.db live.csv
check_rc 0 "import the grown file"
check "grown file: only the 14 new lines, said to be new" \
	has err "live.csv: 14 lines read (new since the last import), 14 stored, 0 skipped, 0 rejected"
check "grown file: 34 CDR rows" [ "$(sqlite3 grew.db 'SELECT count(*) FROM cdr')" -eq 34 ]
check "grown file: figures as expected" kpi_is_expected grew.db

# grown in the middle of a call: lines 1-28 end inside call 17 (lines 27-29)
head -28 Master.csv > live2.csv
run callstat-import -c callstat.conf -d grew2.db live2.csv queue_log
cp Master.csv live2.csv
run callstat-import -c callstat.conf -d grew2.db live2.csv
check_rc 0 "import a file that grew in the middle of a call"
check "grown mid-call: 6 new lines" \
	has err "live2.csv: 6 lines read (new since the last import), 6 stored, 0 skipped, 0 rejected"
check "grown mid-call: figures as expected" kpi_is_expected grew2.db

# caught while being written: line 21 only half there, without its line end
{ head -20 Master.csv; sed -n 21p Master.csv | cut -c1-60 | tr -d '\n'; } > live3.csv
run callstat-import -c callstat.conf -d grew3.db live3.csv queue_log
check_rc 1 "import a file whose last line is still being written"
check "the half line is reported as line 21" grep -q '^callstat-import: live3.csv:21: ' err
check "the half line is not stored" [ "$(sqlite3 grew3.db 'SELECT count(*) FROM cdr')" -eq 20 ]
cp Master.csv live3.csv
run callstat-import -c callstat.conf -d grew3.db live3.csv
check_rc 0 "import it once written"
check "once written: line 21 on are read, 14 stored" \
	has err "live3.csv: 14 lines read (new since the last import), 14 stored, 0 skipped, 0 rejected"
check "once written: figures as expected" kpi_is_expected grew3.db

# rotated: live.csv moves to live.csv.1 and a new live.csv starts
head -20 Master.csv > rot.csv
run callstat-import -c callstat.conf -d rot.db rot.csv queue_log
# it grew to the whole example before the rotation
cp Master.csv rot.csv.1
sed -n '21,34p' Master.csv > rot.csv
run callstat-import -c callstat.conf -d rot.db rot.csv
check_rc 0 "import the new file after a rotation"
check "new file after rotation: read whole, 14 stored" \
	has err "rot.csv: 14 lines read, 14 stored, 0 skipped, 0 rejected"
run callstat-import -c callstat.conf -d rot.db rot.csv.1
check "the rotated file, read whole: all 34 skipped" \
	has err "rot.csv.1: 34 lines read, 0 stored, 34 skipped, 0 rejected"
check "rotation: figures as expected" kpi_is_expected rot.db

# rotated, and the new file is already longer than the old one was
head -5 Master.csv > rot2.csv
run callstat-import -c callstat.conf -d rot2.db rot2.csv queue_log
sed -n '6,34p' Master.csv > rot2.csv
run callstat-import -c callstat.conf -d rot2.db rot2.csv
check "a longer new file under the old name: read whole, 29 stored" \
	has err "rot2.csv: 29 lines read, 29 stored, 0 skipped, 0 rejected"
check "longer new file: figures as expected" kpi_is_expected rot2.db

# files larger than the two 64 KiB spans a file is known by: a file that
# grew is resumed; one whose last span read changed is read whole
big=$CS_TOP/sample-data/Master.csv
head -n 3000 "$big" > big.csv
run callstat-import -c "$CS_TOP/sample-data/callstat.conf" -d big.db big.csv
check "big file: 3000 stored" has err "big.csv: 3000 lines read, 3000 stored, 0 skipped, 0 rejected"
head -n 3100 "$big" > big.csv
run callstat-import -c "$CS_TOP/sample-data/callstat.conf" -d big.db big.csv
check "big file grown: only its 100 new lines" \
	has err "big.csv: 100 lines read (new since the last import), 100 stored, 0 skipped, 0 rejected"
# line 3099 altered (its uniqueid): the end of the part read before differs
head -n 3098 "$big" > big.csv
sed -n 3099p "$big" | sed 's/,"\([0-9]*\)\.\([0-9]*\)",/,"\1.9\2",/' >> big.csv
sed -n '3100,3200p' "$big" >> big.csv
check "line 3099 was altered" sh -c '! cmp -s big.csv "$0"' "$(head -n 3200 "$big" > big.ref && echo big.ref)"
run callstat-import -c "$CS_TOP/sample-data/callstat.conf" -d big.db big.csv
check "big file, its last span changed: read whole" \
	has err "big.csv: 3200 lines read, 101 stored, 3099 skipped, 0 rejected"

# --- overlapping exports -------------------------------------------------------------
sed -n '1,25p' Master.csv > part1.csv
sed -n '15,34p' Master.csv > part2.csv
run callstat-import -c callstat.conf -d overlap.db part1.csv part2.csv queue_log
check_rc 0 "import overlapping exports"
check "part1: 25 stored" has err "part1.csv: 25 lines read, 25 stored, 0 skipped, 0 rejected"
check "part2: 9 new, the 11 shared lines skipped" \
	has err "part2.csv: 20 lines read, 9 stored, 11 skipped, 0 rejected"
check "overlap: 34 CDR rows" [ "$(sqlite3 overlap.db 'SELECT count(*) FROM cdr')" -eq 34 ]
check "overlap: figures as expected" kpi_is_expected overlap.db

# the other way round: the later export first
run callstat-import -c callstat.conf -d overlap2.db queue_log part2.csv part1.csv
check "overlap, later export first: part1 adds 14" \
	has err "part1.csv: 25 lines read, 14 stored, 11 skipped, 0 rejected"
check "overlap, later export first: figures as expected" kpi_is_expected overlap2.db

# --- order and separate commands -----------------------------------------------------
run callstat-import -c callstat.conf -d order.db queue_log Master.csv
check_rc 0 "queue_log before Master.csv"
check "queue_log first: figures as expected" kpi_is_expected order.db

run callstat-import -c callstat.conf -d sep.db Master.csv
check_rc 0 "Master.csv alone"
run callstat-import -c callstat.conf -d sep.db queue_log
check_rc 0 "then queue_log in another command"
check "separate commands: figures as expected" kpi_is_expected sep.db

run callstat-import -c callstat.conf -d sep2.db queue_log
run callstat-import -c callstat.conf -d sep2.db Master.csv
check "queue_log, then Master.csv, separately: figures as expected" kpi_is_expected sep2.db

# queue_log in two halves around Master.csv
sed -n '1,16p' queue_log > q1
sed -n '17,32p' queue_log > q2
run callstat-import -c callstat.conf -d halves.db q2
run callstat-import -c callstat.conf -d halves.db Master.csv
run callstat-import -c callstat.conf -d halves.db q1
check_rc 0 "queue_log halves around Master.csv"
check "queue_log halves: figures as expected" kpi_is_expected halves.db

# the lines backwards, and shuffled: the writer puts a batch's records in
# key order (the example's lines fit one batch; backwards is past what
# its insertion sort does before it sorts otherwise)
tac Master.csv > back.csv
tac queue_log > back.qlog
cp twice.db.key back.db.key	# the same key: the same records' keys
run callstat-import -c callstat.conf -d back.db back.csv back.qlog
check_rc 0 "the lines backwards"
check "the lines backwards: figures as expected" kpi_is_expected back.db
keys() {
	sqlite3 "$1" "SELECT count(*) || ' ' || group_concat(k, ' ') FROM
	    (SELECT start || ':' || rhash k FROM cdr ORDER BY start, rhash)" &&
	sqlite3 "$1" "SELECT count(*) || ' ' || group_concat(k, ' ') FROM
	    (SELECT time || ':' || rhash k FROM queue_log ORDER BY time, rhash)"
}
check "the lines backwards: the same records" [ "$(keys back.db)" = "$(keys twice.db)" ]
check "the records of the example: 34 legs, 32 queue events" \
	[ "$(keys twice.db | cut -d' ' -f1 | tr '\n' ' ')" = "34 32 " ]
awk 'BEGIN { srand(7) } { print rand() "\t" $0 }' Master.csv | sort -n | cut -f2- > shuf.csv
run callstat-import -c callstat.conf -d shuf.db shuf.csv queue_log
check_rc 0 "the lines shuffled"
check "the lines shuffled: figures as expected" kpi_is_expected shuf.db

check "every way gives the same calls" sh -c '
	for d in grew.db grew2.db grew3.db rot.db overlap.db overlap2.db order.db sep.db sep2.db halves.db back.db shuf.db; do
		callstat-calls -c callstat.conf -d $d --all-hours --csv | cut -d, -f1-9 > $d.calls || exit 1
	done
	callstat-calls -c callstat.conf -d twice.db --all-hours --csv | cut -d, -f1-9 > twice.calls
	for d in grew.db grew2.db grew3.db rot.db overlap.db overlap2.db order.db sep.db sep2.db halves.db back.db shuf.db; do
		cmp -s twice.calls $d.calls || { echo "$d differs"; exit 1; }
	done'

# --- a configuration change rebuilds the calls, without importing again ---------------
sed 's/^short_abandon = 5$/short_abandon = 0/' callstat.conf > short0.conf
check "short0.conf sets short_abandon = 0" grep -q '^short_abandon = 0$' short0.conf
run callstat-kpi -c short0.conf -d twice.db --by service,month --csv
check_rc 0 "kpi with short_abandon = 0"
cp out short0.csv
# call 10 (4 s, NO ANSWER, under dial_timeout) is no longer short but
# abandoned: accueil March C = {4, 5, 8, 9, 10, 11, 12, 17}; call 10 rang
# a person's phone; its caller called again 2 min 30 later (call 11, bot,
# answered): a call-back within 2 h
check "short_abandon = 0: accueil 2025-03" awk -F, '
	$1 == "accueil" && $2 == "2025-03" { found = 1
		if ($3 != 8) { print "offered " $3 ", want 8"; bad = 1 }
		if ($4 != 4) { print "answered " $4 ", want 4"; bad = 1 }
		if ($6 != 6) { print "needed_agent " $6 ", want 6"; bad = 1 }
		if ($10 != 2) { print "abandoned " $10 ", want 2"; bad = 1 }
		if ($11 != 0.25) { print "abandon_rate " $11 ", want 2/8"; bad = 1 }
		if ($14 != 0) { print "short " $14 ", want 0"; bad = 1 }
		if ($21 != 52) { print "abandon_wait " $21 ", want (100 + 4) / 2"; bad = 1 }
		if ($29 != 0.375) { print "repeat_24h " $29 ", want 3/8"; bad = 1 }
		if ($30 != 4) { print "lost " $30 ", want 4"; bad = 1 }
		if ($31 != 0.25) { print "callback_2h " $31 ", want 1/4"; bad = 1 }
		if ($32 != 0.5) { print "callback_24h " $32 ", want 2/4"; bad = 1 }
	}
	END { exit bad || !found }' short0.csv
grep -v '^accueil,2025-03,' "$EX/expected_kpi.csv" > want-others.csv
grep -v '^accueil,2025-03,' short0.csv > got-others.csv
check "short_abandon = 0: the other rows unchanged" same_numbers want-others.csv got-others.csv
run callstat-calls -c short0.conf -d twice.db --csv --outcome abandoned
check "short_abandon = 0: call 10 is abandoned" grep -q '^1741767000\.715,' out
run callstat-calls -c short0.conf -d twice.db --csv --outcome short
check "short_abandon = 0: no short call" [ "$(wc -l < out)" -eq 1 ]
check "the rebuild needed no import: same row counts" [ "$(counts twice.db)" = "$before" ]
check "back to the example's configuration: figures as expected" kpi_is_expected twice.db

# service_level = 10: urbanisme March keeps call 7 (wait 1) only; accueil's
# waits (2, 1, 1, 9) all stay under it
sed 's/^service_level = 20$/service_level = 10/' callstat.conf > sl10.conf
run callstat-kpi -c sl10.conf -d twice.db --by service,month --csv
check "service_level = 10: urbanisme 2025-03 is 1/6, accueil 4/7" awk -F, '
	$1 == "urbanisme" && $2 == "2025-03" { u = 1; if ($19 * 6 < 0.999999 || $19 * 6 > 1.000001) { print "urbanisme " $19; bad = 1 } }
	$1 == "accueil" && $2 == "2025-03" { a = 1; if ($19 * 7 < 3.999999 || $19 * 7 > 4.000001) { print "accueil " $19; bad = 1 } }
	END { exit bad || !u || !a }' out
# the import tool rebuilds too: it says nothing new, but the figures follow
run callstat-import -c short0.conf -d twice.db Master.csv queue_log
check_rc 0 "import with a changed configuration, nothing new"
check "import with a changed configuration: nothing new" \
	has err "Master.csv: nothing new since the last import"
run callstat-kpi -c short0.conf -d twice.db --by service,month --csv
check "after that import: short_abandon = 0's figures" cmp -s out short0.csv
check "and back again" kpi_is_expected twice.db

finish
